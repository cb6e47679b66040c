"""The sidebar's long lists: the most frequent values up front, any other accepted when typed."""

from __future__ import annotations

import pytest

from lib import queries
from lib.ui.frame import COUNTRY_PREFIX, PLACE_PREFIX, SIDE_PREFIX, sidebar_lists
from tests.fixtures import fixture_tables


@pytest.fixture(scope="module")
def lists():
    return sidebar_lists(queries.filter_options(fixture_tables()), limit=2)


def test_long_lists_offer_the_most_frequent_values_and_every_side(lists):
    actors = lists["actors"].ranked
    # the sides the actors have (Viasna's is Belarus, from the actor lexicon)
    assert [a for a in actors if a.startswith(SIDE_PREFIX)] == ["side:Russia", "side:Ukraine", "side:Belarus",
                                                                "side:international"]  # fmt: skip
    # by rows (3, then the first of those with 2), in the table's order
    assert [a for a in actors if not a.startswith(SIDE_PREFIX)] == [
        "Russian Armed Forces",
        "Kharkiv Regional Military Administration",
    ]
    assert len(lists["sources"].ranked) == 2
    assert [p for p in lists["places"].ranked if p.startswith(COUNTRY_PREFIX)] == ["country:BY", "country:RU",
                                                                                   "country:UA"]  # fmt: skip
    assert len(lists["documents"].ranked) == 2


@pytest.mark.parametrize(
    ("name", "typed", "value"),
    [
        ("actors", "ohchr", "OHCHR"),  # any case
        ("actors", "Viasna", "Viasna"),  # not listed up front, still accepted
        ("places", "minsk", PLACE_PREFIX + "Minsk"),
        ("places", "belarus", COUNTRY_PREFIX + "BY"),  # a country by its name
        ("documents", "protest in minsk dispersed", None),  # a title resolves to its id
        ("sources", "nobody at all", ""),  # unknown: not accepted
        ("actors", "", ""),
    ],
)
def test_a_typed_name_is_accepted_by_its_name_in_any_case(lists, name, typed, value):
    found = lists[name].known.get(typed.lower(), "")
    if value is None:
        assert found in queries.filter_options(fixture_tables()).documents
    else:
        assert found == value


def test_a_selected_value_beyond_the_list_is_still_offered(lists):
    offered = lists["actors"].offered(["Viasna", "Russian Armed Forces"])
    assert offered[-1] == "Viasna" and offered.count("Russian Armed Forces") == 1
