"""Filters to URL query parameters and back."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.queries import Filters
from lib.ui.urlstate import filters_from_params, params_from_filters

FULL = Filters(
    date_from=dt.date(2023, 3, 1),
    date_to=dt.date(2023, 3, 31),
    actors=("OHCHR", "Russian Armed Forces"),
    sides=("Belarus",),
    sources=("Viasna",),
    source_types=("ngo",),
    event_types=("Battles",),
    places=("Kharkiv",),
    countries=("UA",),
    documents=("abc123",),
)


@pytest.mark.parametrize("filters", [Filters(), FULL, Filters(actors=("A & B, Ltd.",))])
def test_filters_survive_the_round_trip(filters):
    assert filters_from_params(params_from_filters(filters)) == filters


def test_no_filters_make_no_parameters():
    assert params_from_filters(Filters()) == {}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"actor": "OHCHR"}, Filters(actors=("OHCHR",))),
        ({"actor": ["OHCHR", "OHCHR", " "]}, Filters(actors=("OHCHR",))),
        ({"from": "2023-03-01T10:00:00"}, Filters(date_from=dt.date(2023, 3, 1))),
        ({"from": "last week"}, Filters()),
        ({"colour": "red", "utm_source": "x"}, Filters()),
    ],
)
def test_filters_from_params(params, expected):
    assert filters_from_params(params) == expected
