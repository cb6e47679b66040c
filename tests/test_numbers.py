"""Reading written numbers and quantities: words, digits, qualifiers, ranges, vague plurals."""

from __future__ import annotations

import re

import pytest

from lib.numbers import QUANTITY_PATTERN, VAGUE_RANGES, Quantity, parse_number, parse_quantity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("six", 6),
        ("Six", 6),
        ("twelve", 12),
        ("twenty-five", 25),
        ("Fifty-six", 56),
        ("ninety nine", 99),
        ("a hundred", 100),
        ("a hundred and twelve", 112),
        ("three hundred", 300),
        ("two thousand", 2000),
        ("one thousand two hundred", 1200),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("1,200", 1200),
        ("6700", 6700),
        ("5,937", 5937),
        ("1.5 million", 1_500_000),
        ("2 million", 2_000_000),
        ("3 thousand", 3000),
        ("6.700", 6700),  # a European thousands separator: counts have no decimals
        # not whole numbers
        ("2.5", None),
        ("", None),
        ("apple", None),
        ("a", None),
        ("some", None),
    ],
)
def test_parse_number_reads_words_and_digits(text: str, expected: int | None) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", Quantity(12, 12, "exact")),
        ("twelve", Quantity(12, 12, "exact")),
        ("at least 6,700", Quantity(6700, None, "at_least")),
        ("at least 6700", Quantity(6700, None, "at_least")),
        ("no fewer than 30", Quantity(30, None, "at_least")),
        ("more than 40", Quantity(40, None, "more_than")),
        ("over 3,700", Quantity(3700, None, "more_than")),
        ("about 60", Quantity(60, 60, "about")),
        ("nearly 100", Quantity(100, 100, "at_most")),
        ("almost 6,000", Quantity(6000, 6000, "at_most")),
        ("an estimated 600", Quantity(600, 600, "about")),
        ("some 17", Quantity(17, 17, "about")),
        ("up to 50", Quantity(50, 50, "up_to")),
        ("as many as 50", Quantity(50, 50, "up_to")),
        ("well over 10,000", Quantity(10000, None, "more_than")),
        ("well below 20", Quantity(20, 20, "at_most")),
        ("at most 9", Quantity(9, 9, "at_most")),
        ("fewer than 10", Quantity(10, 10, "at_most")),
        ("between 40 and 50", Quantity(40, 50, "about")),
        ("15,000 to 20,000", Quantity(15000, 20000, "about")),
        ("40-50", Quantity(40, 50, "about")),
        ("two or three", Quantity(2, 3, "about")),
        ("a dozen", Quantity(12, 12, "about")),
        ("nearly a dozen", Quantity(12, 12, "at_most")),
        ("half a dozen", Quantity(6, 6, "about")),
        ("dozens", Quantity(24, 99, "vague")),
        ("Dozens", Quantity(24, 99, "vague")),
        ("scores", Quantity(40, 99, "vague")),
        ("hundreds", Quantity(200, 999, "vague")),
        ("thousands", Quantity(2000, 9999, "vague")),
        ("tens of thousands", Quantity(20000, 99999, "vague")),
        ("hundreds of thousands", Quantity(200000, 999999, "vague")),
        ("several", Quantity(3, 9, "vague")),
        ("several hundred", Quantity(200, 999, "vague")),
        ("a few", Quantity(2, 5, "vague")),
        ("1.5 million", Quantity(1_500_000, 1_500_000, "exact")),
        # not quantities
        ("50 to 40", None),
        ("many", None),
        ("at least", None),
        ("2.5", None),
        ("soldiers", None),
    ],
)
def test_parse_quantity_reads_qualifiers_ranges_and_vague_words(text: str, expected: Quantity | None) -> None:
    assert parse_quantity(text) == expected


def test_vague_ranges_are_ordered_ranges() -> None:
    assert all(0 < low < high for low, high in VAGUE_RANGES.values())


_QUANTITY = re.compile(QUANTITY_PATTERN, re.IGNORECASE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at least 6700 civilians", ["at least 6700"]),
        ("the deaths of 441 civilians", ["441"]),
        ("between 40 and 50 people", ["between 40 and 50"]),
        ("Fifty-six elderly residents", ["Fifty-six"]),
        ("thousands of deaths", ["thousands"]),
        ("killed 7 and wounded 17", ["7", "17"]),
        # ages, times, money, percentages and model names are not quantities
        ("a 9-year-old girl", []),
        ("a nine-year-old boy", []),
        ("at 10:30 local time", []),
        ("$5 million in aid", []),
        ("90% of the wounded", []),
        ("Su-25 jets", []),
        ("someone often sometimes", []),
    ],
)
def test_quantity_pattern_finds_counts_not_ages_times_or_money(text: str, expected: list[str]) -> None:
    assert [m.group() for m in _QUANTITY.finditer(text)] == expected
