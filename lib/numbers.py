"""Read the quantities news text writes ("six", "a dozen", "dozens", "1,200", "1.5 million",
"at least 6,700", "between 40 and 50") into integer ranges with a qualifier.

A :class:`Quantity` is ``(low, high, qualifier)``; ``qualifier`` is one of the casualty table's
vocabulary (exact, at_least, more_than, about, at_most, up_to, vague). How each form is read:

- a plain figure ("12", "twelve") is exact: ``low == high == 12``;
- "at least 12" / "more than 12" keep the stated figure as ``low`` and leave ``high`` open (None);
- "about 12", "some 12", "an estimated 12" are ``about``, ``low == high == 12``;
- "nearly 12" / "almost 12" are a little under the figure: ``at_most``;
- "up to 12" / "at most 12" are ceilings: the text gives no lower end, so ``low`` repeats the stated
  figure (rows sort and match by the figure the text gives) and the qualifier says it is a ceiling;
- a range ("between 40 and 50", "40 to 50", "15,000-20,000") is ``about`` with both ends;
- "a dozen" is 12, "half a dozen" 6, "a couple" 2, all ``about``;
- vague plurals are ranges with qualifier ``vague`` (see :data:`VAGUE_RANGES`): "dozens" 24..99,
  "scores" 40..99, "hundreds" 200..999, "thousands" 2,000..9,999, "tens of thousands"
  20,000..99,999, "hundreds of thousands" 200,000..999,999, "millions" 2..9.99 million,
  "several" 3..9, "a few" / "a handful" 2..5, "several hundred" 200..999, "a few hundred" 200..500.

:data:`QUANTITY_PATTERN` is the regular expression (source text, no groups of its own, for
``re.IGNORECASE``) that finds such quantities in a sentence; :func:`parse_quantity` reads one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Number words, shared with the date finder ("three days ago", "the twenty-first").
UNIT_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

# Vague quantity words -> (low, high). Longest phrases first so "several hundred" wins over "several".
VAGUE_RANGES: dict[str, tuple[int, int]] = {
    "hundreds of thousands": (200_000, 999_999),
    "tens of thousands": (20_000, 99_999),
    "several dozen": (24, 99),
    "several hundred": (200, 999),
    "several thousand": (2_000, 9_999),
    "a few dozen": (24, 60),
    "a few hundred": (200, 500),
    "a few thousand": (2_000, 5_000),
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "millions": (2_000_000, 9_999_999),
    "several": (3, 9),
    "a handful": (2, 5),
    "a few": (2, 5),
}

# Words before a figure -> qualifier. Longest first (the alternation is built in this order).
QUALIFIER_WORDS: dict[str, str] = {
    "no fewer than": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "a minimum of": "at_least",
    "at least": "at_least",
    "in excess of": "more_than",
    "upwards of": "more_than",
    "more than": "more_than",
    "over": "more_than",
    "no more than": "at_most",
    "not more than": "at_most",
    "fewer than": "at_most",
    "less than": "at_most",
    "at most": "at_most",
    "as many as": "up_to",
    "up to": "up_to",
    "an estimated": "about",
    "approximately": "about",
    "roughly": "about",
    "around": "about",
    "nearly": "at_most",  # "nearly 200" is a little under 200
    "almost": "at_most",
    "just under": "at_most",
    "just over": "more_than",
    "well over": "more_than",
    "well above": "more_than",
    "well under": "at_most",
    "well below": "at_most",
    "close to": "about",
    "about": "about",
    "some": "about",
    "approx.": "about",
}
_ABOUT_NUMBERS = {"a dozen": 12, "half a dozen": 6, "a couple of": 2, "a couple": 2}


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_SMALL = rf"(?:(?:{_alternation(TENS_WORDS)})(?:[-\s](?:{_alternation(k for k in UNIT_WORDS if 0 < UNIT_WORDS[k] < 10)}))?|{_alternation(UNIT_WORDS)})"
_HUNDREDS = rf"(?:(?:a|{_SMALL})\s+hundred(?:\s+(?:and\s+)?{_SMALL})?)"
_WORD_NUMBER = (
    rf"(?:(?:{_HUNDREDS}|{_SMALL}|a)\s+(?:thousand|million)(?:\s+(?:and\s+)?(?:{_HUNDREDS}|{_SMALL}))?"
    rf"|{_SMALL}\s+dozen|{_HUNDREDS}|{_SMALL})"
)
_DIGIT_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+(?![\d.])|\d+(?:\.\d+)?)(?:\s+(?:million|thousand|hundred))?"
NUMBER_PATTERN = rf"(?:(?<![\w.,:$€£])(?<![A-Za-z]-){_DIGIT_NUMBER}(?![\w%]|[.,:]\d|-(?!\d))|\b{_WORD_NUMBER}\b(?!-))"
_ABOUT_PATTERN = _alternation(_ABOUT_NUMBERS)
_VAGUE_PATTERN = _alternation(VAGUE_RANGES)
_QUALIFIER_PATTERN = _alternation(QUALIFIER_WORDS)
# A lower-case text holds no quantity unless this finds a digit or a number word in it (a cheap pre-check).
NUMBERISH_PATTERN = (
    rf"\d|\b(?:{_alternation([*UNIT_WORDS, *TENS_WORDS, *_SCALES, 'dozen', 'dozens', 'scores', 'hundreds', 'thousands'])}"
    r"|millions|several|few|handful|couple)\b"
)
_RANGE_PATTERN = (
    rf"(?:between\s+{NUMBER_PATTERN}\s+and\s+{NUMBER_PATTERN}|{NUMBER_PATTERN}\s*(?:to|or|-|–)\s*{NUMBER_PATTERN})"
)
QUANTITY_PATTERN = (
    rf"(?:\b(?:{_QUALIFIER_PATTERN})\s+)?"
    rf"(?:{_RANGE_PATTERN}|\b(?:{_ABOUT_PATTERN})\b|{NUMBER_PATTERN}|\b(?:{_VAGUE_PATTERN})\b)"
)

_NUMBER_RE = re.compile(NUMBER_PATTERN, re.IGNORECASE)
_QUANTITY_RE = re.compile(
    rf"(?:(?P<qual>{_QUALIFIER_PATTERN})\s+)?"
    rf"(?:between\s+(?P<lo>{NUMBER_PATTERN})\s+and\s+(?P<hi>{NUMBER_PATTERN})"
    rf"|(?P<lo2>{NUMBER_PATTERN})\s*(?:to|or|-|–)\s*(?P<hi2>{NUMBER_PATTERN})"
    rf"|(?P<about>{_ABOUT_PATTERN})"
    rf"|(?P<one>{NUMBER_PATTERN})"
    rf"|(?P<vague>{_VAGUE_PATTERN}))",
    re.IGNORECASE,
)
_DIGITS_RE = re.compile(r"(?P<digits>[\d,.]+)(?:\s+(?P<scale>million|thousand|hundred))?", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count as the text gives it: its lower end, its upper end (None when open) and how the
    text bounds it."""

    low: int
    high: int | None
    qualifier: str


def _parse_digits(text: str) -> int | None:
    match = _DIGITS_RE.fullmatch(text)
    if match is None:
        return None
    digits, scale = match["digits"], match["scale"]
    if "," in digits:
        digits = digits.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits) and scale is None:
        digits = digits.replace(".", "")  # "6.700": a thousands separator, counts have no decimals
    try:
        value = float(digits)
    except ValueError:
        return None
    if scale:
        value *= _SCALES[scale.lower()]
    elif not value.is_integer():
        return None  # "2.5" people is not a count
    return round(value)


def _parse_words(text: str) -> int | None:
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if not words:
        return None
    total = current = 0
    for position, word in enumerate(words):
        if word == "a" and position + 1 < len(words) and words[position + 1] in _SCALES:
            current = 1
        elif word in UNIT_WORDS:
            current += UNIT_WORDS[word]
        elif word in TENS_WORDS:
            current += TENS_WORDS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        else:
            return None
    return total + current


@lru_cache(maxsize=1 << 16)  # a pure function of the string; news repeats its figures
def parse_number(text: str) -> int | None:
    """A written number -> int: "six", "twenty-five", "a hundred and twelve", "1,200", "6700",
    "1.5 million", "a dozen". None when the text is not a whole number."""
    text = _SPACE_RE.sub(" ", text.strip())
    lowered = text.lower()
    if lowered in _ABOUT_NUMBERS:
        return _ABOUT_NUMBERS[lowered]
    if not text:
        return None
    if text[0].isdigit():
        return _parse_digits(text)
    return _parse_words(text)


@lru_cache(maxsize=1 << 16)  # a pure function of the string (Quantity is frozen: results can be shared)
def parse_quantity(text: str) -> Quantity | None:
    """A quantity phrase (a figure with an optional qualifier, a range or a vague plural) ->
    :class:`Quantity`; None when the text is not one."""
    match = _QUANTITY_RE.fullmatch(_SPACE_RE.sub(" ", text.strip()))
    if match is None:
        return None
    qualifier = QUALIFIER_WORDS.get(match["qual"].lower()) if match["qual"] else None
    lo_text = match["lo"] or match["lo2"]
    if lo_text:
        low, high = parse_number(lo_text), parse_number(match["hi"] or match["hi2"])
        if low is None or high is None or low > high:
            return None
        return Quantity(low, high, qualifier or "about")
    if match["about"]:
        return _stated(_ABOUT_NUMBERS[_SPACE_RE.sub(" ", match["about"].lower())], qualifier or "about")
    if match["vague"]:
        low, high = VAGUE_RANGES[_SPACE_RE.sub(" ", match["vague"].lower())]
        return Quantity(low, high, "vague")
    value = parse_number(match["one"])
    if value is None:
        return None
    return _stated(value, qualifier or "exact")


def _stated(value: int, qualifier: str) -> Quantity:
    """A single stated figure: open upwards for floors, closed at the figure otherwise."""
    return Quantity(value, None if qualifier in {"at_least", "more_than"} else value, qualifier)
