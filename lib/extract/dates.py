"""Find date expressions in a document and resolve them to calendar ranges against its
publication date.

A declarative table of regular expressions (compiled once) finds the expressions; each rule
names a resolver that turns a match into ``(date_start, date_end, precision)``. Overlapping
matches are settled in favour of the longest, then the earlier rule.

Conventions an analyst can rely on:

- A weekday is the most recent such day *not after* publication ("announced Wednesday" in a
  Wednesday story is that same day), or the next such day (today included) when its clause looks
  ahead ("will meet on Friday", "is due to ... Thursday"). "next Friday" is the first Friday after
  publication, "last Monday" the most recent Monday before it.
- A month without a year is the most recent such month not after publication, or the next one
  when the clause looks ahead. A month and day without a year is the occurrence within the year
  up to a week past publication (a week's grace absorbs time zones and announced dates).
- "since X" resolves to X itself with X's precision (it says when a state began: "since October"
  is October 2022, precision month, never a made-up day); the mention's text keeps the "since".
- "early/mid/late March" are the days 1-10, 11-20 and 21-end (precision ``range``); "the
  beginning/middle/end of October" the same thirds.
- "N days/weeks/months/years ago" take the unit's precision: a day, the Monday-Sunday week, the
  calendar month, the calendar year ("two years back" in 2022 is 2020). "this/last/next week" is a
  Monday-Sunday week.
- "in the past 24 hours", "over the coming two days", "by the end of the year" are ranges that
  end or start at publication.
- "03/04/2022" is read only when unambiguous (one part above 12); "04.03.2022" is day-first,
  as written in Ukrainian and Belarusian outlets. "the 1990s" is the decade, as a range.
- Without a publication date, relative expressions are kept with precision ``unknown`` and no
  dates; absolute ones still resolve. A resolved date must start in 1900 .. publication + 2 years;
  a named year or decade then keeps its calendar end ("the 2020s" in 2022 ends 2029-12-31).
- "the third day of the war", "day 100 of the invasion", "15 days into Putin's invasion" count
  from the invasion of 24 February 2022 (day one); an unnamed war or "fighting" only when the
  count lands within two weeks before publication. "5, 6 and 7 May" is the range 5-7 May.
- A bare year needs words that make it one: a preposition ("in 1990 from"), a determiner or
  possessive ("the 2014 annexation", "Ukraine's 1991 declaration"), or a year noun; a plural
  noun or a unit after it makes it a count ("in 2000 villages", "the 2000 troops").
- Relative dates inside a quotation resolve against the day its speech was given when the
  sentences around it date the speech ('"Today the enemy shelled Kharkiv," he said in his Monday
  address': today is that Monday).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import numpy as np
from spacy.attrs import IDX, LENGTH, ORTH
from spacy.strings import hash_string
from spacy.tokens import Doc

from lib.extract.actors import sentence_index, token_columns, token_orths
from lib.mentions import DateMention, Parsed, Sentence
from lib.nlp import get_nlp
from lib.numbers import TENS_WORDS, UNIT_WORDS

Resolution = tuple[dt.date | None, dt.date | None, str]

EARLIEST = dt.date(1900, 1, 1)
FUTURE_HORIZON_DAYS = 2 * 366
MONTH_DAY_GRACE_DAYS = 7

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
# Counts a date can hold: "a"/"an", one to nineteen, the tens to fifty, "a couple (of)".
NUMBER_WORDS = (
    {"a": 1, "an": 1}
    | {word: n for word, n in UNIT_WORDS.items() if n}
    | {word: n for word, n in TENS_WORDS.items() if n <= 50}
    | {"a couple of": 2, "a couple": 2}
)
_ORDINAL_WORDS = (
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh"),
    *("twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"),
    "twentieth",
)
ORDINALS = {word: n for n, word in enumerate(_ORDINAL_WORDS, start=1)} | {
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "hundredth": 100,
}
# The start of Russia's full-scale invasion: "the third day of the war", "day 100 of the invasion",
# "15 days into Putin's invasion" count from it.
WAR_START = dt.date(2022, 2, 24)
# Words that make "the war" Russia's war on Ukraine whatever the publication date; without one,
# a count of days is read against the invasion only when it lands within this many days before
# publication (an article written while that day's fighting was news).
WAR_QUALIFIERS = re.compile(r"russia|putin|moscow|kremlin|ukrain|full[- ]scale|special", re.IGNORECASE)
WAR_DAY_WINDOW = 14
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
# Capitalised words that make a weekday part of a name ("Black Friday", "Bloody Sunday").
WEEKDAY_NAME_PREFIXES = frozenset(
    {"black", "cyber", "good", "bloody", "easter", "ash", "holy", "palm", "super", "great"}
)
# Nouns after "the 2014 ..." that make the number a year rather than a count.
YEAR_NOUNS = (
    "election|elections|invasion|annexation|revolution|uprising|protests?|war|crisis|summit|referendum|"
    "offensive|counteroffensive|agreements?|accords?|deal|census|olympics|games|budget|campaign|"
    "presidential|parliamentary|constitution|constitutional|treaty|talks|report|survey|attack|attacks|"
    "mobilization|mobilisation|coup|ceasefire|truce|law|sanctions|season|vote|level|levels|figures?|"
    "estimate|edition|world|winter|summer|spring|autumn|fall|memorandum|crackdown|unrest"
)
# Words before a bare year that make it a year ("in 2014", "since 2020", "by 2025").
YEAR_LEADS = (
    "in|since|by|until|till|from|before|after|during|throughout|of|early|late|mid|and|through|around|into|"
    "spring|summer|autumn|fall|winter|year|least|as early as|as late as|circa|c\\."
)
# Determiners and possessives before "the 2014 annexation", "Ukraine's 1991 declaration": a year
# when a word other than a plural noun follows ("the 2000 troops" is a count).
YEAR_DETERMINERS = "the|a|an|its|their|his|her|our|this|that|whose"
# Words after a number that make it a count or a measure, not a year ("in 2000 people", "2000 km").
COUNT_WORDS = frozenset(
    {
        *("people", "men", "women", "children", "personnel", "police", "staff", "km", "m", "kg", "mm", "ft", "sq"),
        *("square", "per", "percent", "cent", "euro", "dollar", "hryvnia", "ruble", "rouble", "pound", "ton", "tonne"),
    }
)

# Regex building blocks. Month and weekday names are case-sensitive (capitalised) so that
# "may" the verb and "a march" never match; relative words are matched case-insensitively.
_S = r"[ \t]+"
_MONTH_FULL = r"January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?"
_WEEKDAY = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_NUM = (
    r"\d{1,3}|a couple of|a couple|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty"
)
_UNIT = r"hours?|days?|weeks?|months?|years?"
_ORDINAL = (
    r"\d{1,3}(?:st|nd|rd|th)|(?:twenty|thirty|forty|fifty)-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
    r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth|hundredth"
)


def _war(tag: str) -> str:
    """ "the war", "Russia's full-scale invasion", "the special military operation" (``tag``
    names the groups: qualifiers ``<tag>q``, noun ``<tag>n``)."""
    qualifier = r"(?:Russia['’]s|Russian|Moscow['’]s|Putin['’]s|the\s+Kremlin['’]s|Ukraine['’]s|full[- ]scale|the)"
    return (
        rf"(?P<{tag}q>(?:{qualifier}{_S})*)"
        rf"(?P<{tag}n>war|invasion|fighting|conflict|offensive|aggression|(?:special{_S})?military{_S}operation)\b"
    )


def _month(group: str) -> str:
    return rf"(?P<{group}>(?:{_MONTH_FULL}|{_MONTH_ABBR}))(?![A-Za-z])"


def _day(group: str) -> str:
    return rf"(?P<{group}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:,.]\d|[-/])"


def _year(group: str) -> str:
    return rf"(?P<{group}>(?:19|20)\d\d)(?!\d|-\d\d-)"


# What joins the days of a range or list: "10 and 15", "23-27", "5, 6, and 7" (a list is read as
# the range from its first day to its last).
_DAY_JOIN = (
    rf"(?:(?:,[ \t]*[0-3]?\d(?:st|nd|rd|th)?)+,?{_S}(?i:and){_S}"
    rf"|{_S}(?i:and|to|until|through){_S}|[ \t]?[-–][ \t]?)"
)
_DAY_PART = rf"(?:{_S}(?:morning|afternoon|evening|night))?"
_DAY_LEAD = rf"(?:(?:early|late)(?:{_S}on)?{_S}|(?:the{_S})?night{_S}of{_S})?"
_WEEKDAY_LEAD = rf"(?:(?:{_WEEKDAY}),?{_S}(?:the{_S})?)?"


def _point(tag: str) -> str:
    """A calendar point ("February 24", "24 February 2022", "March", "2022") for range rules."""
    return (
        rf"(?:{_month(tag + 'm1')}{_S}{_day(tag + 'd1')}(?:,?{_S}{_year(tag + 'y1')})?"
        rf"|{_day(tag + 'd2')}{_S}(?:of{_S})?{_month(tag + 'm2')}(?:,?{_S}{_year(tag + 'y2')})?"
        rf"|{_month(tag + 'm3')}(?:,?{_S}{_year(tag + 'y3')})?"
        rf"|{_year(tag + 'y4')})"
    )


class Context(NamedTuple):
    """What a resolver knows besides its match: the text, the publication date and the
    sentence bounds (for reading the clause's tense). A named tuple: one is made per candidate."""

    text: str
    published: dt.date | None
    sentence_start: int
    sentence_end: int

    def future(self, start: int, end: int) -> bool:
        return is_future_clause(self.text, start, end, lo=self.sentence_start, hi=self.sentence_end)


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the pattern table: a name, its compiled regex, its resolver (``None`` when
    the match is not a date after all), the anchor kinds a match contains, how far a match
    reaches beyond its anchor, and strings of which the (lowercased) window around an anchor
    must hold one for the rule to be tried there.

    ``core``, when given, is a regex every match contains, with at most ``lead`` characters
    other than spaces and tabs before it in the match (``None``: any number): the rule's regex
    is then tried only where a match could reach a core (see :func:`_matches`)."""

    name: str
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], Context], Resolution | None]
    anchors: tuple[str, ...]
    margin: tuple[int, int]
    needs: tuple[str, ...] = ()
    core: re.Pattern[str] | None = None
    lead: int | None = 0


# ---------------------------------------------------------------------------------------------
# Calendar helpers


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), _month_end(year, month)


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _number(word: str | None) -> int | None:
    if word is None:
        return 1
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _month_number(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


def _infer_month_year(month: int, published: dt.date, *, future: bool) -> int:
    """The year of a month named without one: the latest not after publication, or the next
    one (this month included) when the clause looks ahead."""
    if future:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def _infer_day_year(month: int, day: int, published: dt.date, *, future: bool) -> int | None:
    """The year of a month and day named without one (see the module docstring)."""
    for year in (published.year, published.year - 1, published.year + 1):
        candidate = _safe_date(year, month, day)
        if candidate is None:
            continue
        if future and published <= candidate < published + dt.timedelta(days=366):
            return year
        if not future and published - dt.timedelta(
            days=366 - MONTH_DAY_GRACE_DAYS
        ) < candidate <= published + dt.timedelta(days=MONTH_DAY_GRACE_DAYS):
            return year
    return None


# ---------------------------------------------------------------------------------------------
# Tense of the clause around a date


# Tense cues, read word by word (lowercased, except "may", which capitalised is the month).
FUTURE_WORDS = frozenset(
    [
        "will",
        "shall",
        "won't",
        "gonna",
        "due",
        "scheduled",
        "slated",
        "planned",
        "plan",
        "plans",
        "expected",
        "upcoming",
        "next",
        "coming",
        "starting",
        "intend",
        "intends",
        "forecast",
        "forecasts",
    ]
)
MODAL_WORDS = frozenset(["would", "could", "may", "might", "should"])
PAST_WORDS = frozenset(
    [
        "was",
        "were",
        "had",
        "did",
        "said",
        "told",
        "met",
        "began",
        "begun",
        "took",
        "came",
        "went",
        "made",
        "gave",
        "held",
        "saw",
        "fled",
        "hit",
        "struck",
        "shot",
        "fought",
        "won",
        "lost",
        "left",
        "led",
        "sent",
        "spoke",
        "wrote",
        "broke",
        "fell",
        "found",
        "got",
        "kept",
        "ran",
        "sat",
        "stood",
        "brought",
        "bought",
        "thought",
        "felt",
        "heard",
        "seen",
        "done",
        "gone",
        "taken",
        "given",
        "shown",
        "known",
        "ago",
        "last",
        "earlier",
        "since",
    ]
)
# Words ending in -ed that are not past tenses.
NOT_PAST_WORDS = frozenset(
    ["need", "hundred", "speed", "seed", "feed", "bed", "red", "shed", "indeed", "steed", "breed", "creed", "greed"]
)
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
# (The lookahead names every break's first character: the regex engine then rejects most
# positions with one test instead of trying each alternative.)
_CLAUSE_BREAK = re.compile(
    r"(?=[;:()\",tawdb])"
    r"(?:[;:()\"]|\b(?:that|which|who|despite|although|though|because|whereas)\b|, (?:and|but|while|as|when)\b)"
)
TENSE_WINDOW = 90


def is_future_clause(text: str, start: int, end: int, *, lo: int = 0, hi: int | None = None) -> bool:
    """Whether the clause around ``text[start:end]`` looks ahead of publication: the nearest
    tense cue before it (or, failing that, after it) within its clause is a future one ("will",
    "would", "is due to", "next", "planned") rather than a past one ("said", "launched", "was")."""
    hi = len(text) if hi is None else hi
    left = text[max(lo, start - TENSE_WINDOW) : start]
    breaks = list(_CLAUSE_BREAK.finditer(left))
    if breaks:
        left = left[breaks[-1].end() :]
    nearest = _nearest_cue(left, last=True)
    if nearest is not None:
        return nearest
    right = text[end : min(hi, end + TENSE_WINDOW // 2)]
    cut = _CLAUSE_BREAK.search(right)
    if cut:
        right = right[: cut.start()]
    nearest = _nearest_cue(right, last=False)
    return bool(nearest)


def _nearest_cue(window: str, *, last: bool) -> bool | None:
    """True for a future cue, False for a past one, None for neither; the last cue in the window
    when ``last`` (text before a date), else the first."""
    words = _WORD.findall(window)
    if not words:
        return None
    lowers = " ".join(words).lower().split(" ")  # every word lowercased at once (words hold no space)
    order = range(len(words) - 1, -1, -1) if last else range(len(words))
    for i in order:
        lower = lowers[i]
        if lower in _CUE_WORDS or lower.endswith(("ed", "'ll")):  # the only words _cue reads
            cue = _cue(words, i)
            if cue is not None:
                return cue
    return None


# The words (besides those ending in -ed or 'll) that can be a tense cue for ``_cue``.
_CUE_WORDS = FUTURE_WORDS | MODAL_WORDS | PAST_WORDS | {"going", "set", "is", "are", "held"}


def _cue(words: list[str], i: int) -> bool | None:
    """The tense word ``words[i]`` signals: True (future), False (past) or None."""
    word = words[i]
    lower = word.lower()
    following = words[i + 1].lower() if i + 1 < len(words) else ""
    if lower.endswith("'ll") or lower in FUTURE_WORDS:
        return True
    if lower in {"going", "set", "is", "are"} and following == "to":
        return True
    if lower in MODAL_WORDS and word != "May":
        after = words[i + 2 : i + 4] if following == "not" else words[i + 1 : i + 3]
        perfect = bool(after) and after[0].lower() == "have" and (len(after) < 2 or after[1].lower() != "to")
        return None if perfect else True  # "would have struck": the participle tells
    if lower == "held" and i >= 2 and words[i - 2].lower() == "to" and words[i - 1].lower() == "be":
        return True
    if lower in PAST_WORDS or (lower.endswith("ed") and len(lower) > 3 and lower not in NOT_PAST_WORDS):
        if i > 0 and words[i - 1].lower() in {"be", "been", "being"}:
            return None  # a passive: its auxiliary tells ("will be rolled out", "has been shelled")
        return False
    return None


# ---------------------------------------------------------------------------------------------
# Resolvers: match + context -> (start, end, precision) or None


def _relative(resolver: Callable[[re.Match[str], Context, dt.date], Resolution | None]):
    """Wrap a resolver that needs the publication date: without one, the mention stays with
    precision ``unknown``."""

    def resolve(match: re.Match[str], context: Context) -> Resolution | None:
        if context.published is None:
            return None, None, "unknown"
        return resolver(match, context, context.published)

    return resolve


def _resolve_iso(match: re.Match[str], context: Context) -> Resolution | None:
    day = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    return (day, day, "day") if day else None


def _resolve_dotted(match: re.Match[str], context: Context) -> Resolution | None:
    day = _safe_date(int(match["y"]), int(match["b"]), int(match["a"]))
    return (day, day, "day") if day else None


def _resolve_slashed(match: re.Match[str], context: Context) -> Resolution | None:
    a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
    if a > 12 >= b:
        day = _safe_date(year, b, a)
    elif b > 12 >= a or a == b:
        day = _safe_date(year, a, b)
    else:
        return None  # 03/04/2022: March 4 or 3 April, no way to tell
    return (day, day, "day") if day else None


def _point_values(match: re.Match[str], tag: str) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a ``_point`` group set; missing parts are None."""
    groups = match.groupdict()
    month = next((groups[f"{tag}m{i}"] for i in (1, 2, 3) if groups.get(f"{tag}m{i}")), None)
    day = next((groups[f"{tag}d{i}"] for i in (1, 2) if groups.get(f"{tag}d{i}")), None)
    year = next((groups[f"{tag}y{i}"] for i in (1, 2, 3, 4) if groups.get(f"{tag}y{i}")), None)
    return (
        int(year) if year else None,
        _month_number(month) if month else None,
        int(day) if day else None,
    )


def _resolve_month_day(match: re.Match[str], context: Context) -> Resolution | None:
    year, month, day = _point_values(match, "p")
    if month is None or day is None or not 1 <= day <= 31:
        return None
    if year is None:
        if context.published is None:
            return None, None, "unknown"
        year = _infer_day_year(month, day, context.published, future=context.future(match.start(), match.end()))
        if year is None:
            return None
    date = _safe_date(year, month, day)
    return (date, date, "day") if date else None


def _resolve_day_range(match: re.Match[str], context: Context) -> Resolution | None:
    first, last, month = int(match["d1"]), int(match["d2"]), _month_number(match["m"])
    if not 1 <= first < last <= 31:
        return None
    year = int(match["y"]) if match["y"] else None
    if year is None:
        if context.published is None:
            return None, None, "unknown"
        year = _infer_day_year(month, first, context.published, future=context.future(match.start(), match.end()))
        if year is None:
            return None
    start, end = _safe_date(year, month, first), _safe_date(year, month, last)
    return (start, end, "range") if start and end else None


def _resolve_point_range(match: re.Match[str], context: Context) -> Resolution | None:
    (y1, m1, d1), (y2, m2, d2) = _point_values(match, "a"), _point_values(match, "b")
    if (m1 is None and y1 is None) or (m2 is None and y2 is None):
        return None
    if m1 is None and m2 is not None:
        return None  # "from 2014 to March": too loose
    if y1 is None and y2 is not None:
        y1 = y2 if (m1 or 1) <= (m2 or 12) else y2 - 1
    if y1 is None:
        if context.published is None:
            return None, None, "unknown"
        y1 = _infer_month_year(m1, context.published, future=context.future(match.start(), match.end()))
    if y2 is None:
        y2 = y1 if (m2, d2 or 1) >= (m1, d1 or 1) else y1 + 1
    start = _safe_date(y1, m1 or 1, d1 or 1)
    end = _safe_date(y2, m2 or 12, d2) if d2 else _month_end(y2, m2 or 12)
    if start is None or end is None or end <= start:
        return None
    return start, end, "range"


def _resolve_month_year(match: re.Match[str], context: Context) -> Resolution | None:
    start, end = _month_range(int(match["y"]), _month_number(match["m"]))
    return start, end, "month"


# Days of the month meant by "early", "mid", "the end of", "the first week of" (default: the
# last seven days, for "last week of" and "final week of").
_MONTH_PARTS = {
    "early": (1, 10),
    "beginning": (1, 10),
    "start": (1, 10),
    "mid": (11, 20),
    "middle": (11, 20),
    "late": (21, 31),
    "end": (21, 31),
    "first week": (1, 7),
    "second week": (8, 14),
    "third week": (15, 21),
}


def _resolve_month_part(match: re.Match[str], context: Context) -> Resolution | None:
    month = _month_number(match["m"])
    if match["y"]:
        year = int(match["y"])
    elif context.published is None:
        return None, None, "unknown"
    else:
        year = _infer_month_year(month, context.published, future=context.future(match.start(), match.end()))
    month_end = _month_end(year, month)
    first, last = _MONTH_PARTS.get(" ".join(match["part"].lower().split()), (month_end.day - 6, month_end.day))
    return dt.date(year, month, first), dt.date(year, month, min(last, month_end.day)), "range"


def _resolve_bare_month(match: re.Match[str], context: Context) -> Resolution | None:
    month = _month_number(match["m"])
    if match["y"]:
        start, end = _month_range(int(match["y"]), month)
        return start, end, "month"
    published = context.published
    if published is None:
        return None, None, "unknown"
    lead = (match["lead"] or "").lower().split()
    if lead and lead[-1] in {"last", "next", "this"}:
        year = {
            "last": published.year if month < published.month else published.year - 1,
            "next": published.year if month > published.month else published.year + 1,
            "this": published.year,
        }[lead[-1]]
    else:
        year = _infer_month_year(month, published, future=context.future(match.start(), match.end()))
    start, end = _month_range(year, month)
    return start, end, "month"


@_relative
def _resolve_weekday(match: re.Match[str], context: Context, published: dt.date) -> Resolution | None:
    before = context.text[max(0, match.start() - 12) : match.start()].split()
    if before and before[-1].lower() in WEEKDAY_NAME_PREFIXES and before[-1][:1].isupper():
        return None
    weekday = WEEKDAYS[match["wd"].lower()]
    modifier = " ".join((match["mod"] or "").lower().split())
    behind = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if modifier == "last" or modifier == "this past":
        delta = -(behind or 7)
    elif modifier == "next":
        delta = ahead or 7
    elif modifier == "this coming" or (ahead and context.future(match.start(), match.end())):
        delta = ahead  # (the publication's own weekday is that day either way: no tense to read)
    else:
        delta = -behind
    day = published + dt.timedelta(days=delta)
    return day, day, "day"


_DAY_OFFSETS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "earlier today": 0,
    "later today": 0,
    "yesterday": -1,
    "last night": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


@_relative
def _resolve_day_word(match: re.Match[str], context: Context, published: dt.date) -> Resolution | None:
    key = " ".join(match["w"].lower().split())
    key = re.sub(r"'s$", "", key)
    day = published + dt.timedelta(days=_DAY_OFFSETS[key])
    return day, day, "day"


@_relative
def _resolve_period(match: re.Match[str], context: Context, published: dt.date) -> Resolution | None:
    """this/last/next week, month, year, weekend; earlier/later this ...; over the weekend."""
    when = " ".join((match["when"] or "").lower().split())
    unit = match["unit"].lower()
    shift = {"last": -1, "this past": -1, "next": 1}.get(when, 0)
    if unit == "weekend":
        return (*_weekend(published, shift, over=bool(match["over"])), "range")
    if unit == "week":
        start, end = _week_of(published + dt.timedelta(weeks=shift))
        precision = "week"
    elif unit == "month":
        start, end = _month_range(*_add_months(published.year, published.month, shift))
        precision = "month"
    else:
        start, end = dt.date(published.year + shift, 1, 1), dt.date(published.year + shift, 12, 31)
        precision = "year"
    if when.startswith("earlier"):
        end = min(end, published)
    elif when.startswith("later"):
        start = max(start, published)
    return start, end, precision


def _weekend(published: dt.date, shift: int, *, over: bool) -> tuple[dt.date, dt.date]:
    """The Saturday-Sunday meant by this/last/next weekend or "over the weekend"."""
    weekday = published.weekday()
    latest_saturday = published - dt.timedelta(days=(weekday - 5) % 7)  # on or before publication
    on_weekend = weekday >= 5
    if over or (shift == 0 and (on_weekend or weekday == 0)):
        saturday = latest_saturday  # the weekend just past (or under way)
    elif shift < 0:
        saturday = latest_saturday - dt.timedelta(days=7 if on_weekend else 0)
    else:
        saturday = latest_saturday + dt.timedelta(days=7 * (shift + (0 if on_weekend else 1)))
    return saturday, saturday + dt.timedelta(days=1)


@_relative
def _resolve_ago(match: re.Match[str], context: Context, published: dt.date) -> Resolution | None:
    n = _number(match["n"])
    if n is None:
        return None
    unit = match["unit"].lower().rstrip("s")
    if unit == "hour":
        day = published - dt.timedelta(days=n // 24)
        return day, day, "day"
    if unit == "day":
        day = published - dt.timedelta(days=n)
        return day, day, "day"
    if unit == "week":
        start, end = _week_of(published - dt.timedelta(weeks=n))
        return start, end, "week"
    if unit == "month":
        start, end = _month_range(*_add_months(published.year, published.month, -n))
        return start, end, "month"
    return dt.date(published.year - n, 1, 1), dt.date(published.year - n, 12, 31), "year"


def _ordinal(word: str) -> int | None:
    word = word.lower()
    if word[:1].isdigit():
        return int(re.match(r"\d+", word).group())
    if "-" in word:
        tens, units = word.split("-")
        return NUMBER_WORDS[tens] + ORDINALS[units]
    return ORDINALS.get(word)


@_relative
def _resolve_war_day(match: re.Match[str], context: Context, published: dt.date) -> Resolution | None:
    """ "the third day of the war", "day 100 of the invasion", "15 days/three weeks/six months
    into the war": counted from the invasion of 24 February 2022 (day one). The count is read
    only for an article published since, and, unless the war is named as Russia's or as the
    invasion, only when it lands within two weeks before publication."""
    if published < WAR_START:
        return None
    if match["ord"]:
        n, unit, offset = _ordinal(match["ord"]), "day", -1  # the first day is the 24th
    elif match["unit"]:
        n, unit, offset = _number(match["n"]), match["unit"].lower().rstrip("s"), 0  # "15 days into"
    else:
        n, unit, offset = _number(match["n"]), "day", -1  # "day 100 of the war"
    if n is None or n < 1:
        return None
    if unit == "day":
        start = end = WAR_START + dt.timedelta(days=n + offset)
        precision = "day"
    elif unit == "week":
        start, end = _week_of(WAR_START + dt.timedelta(weeks=n))
        precision = "week"
    else:
        start, end = _month_range(*_add_months(WAR_START.year, WAR_START.month, n))
        precision = "month"
    if start > published + dt.timedelta(days=MONTH_DAY_GRACE_DAYS):
        return None
    noun = match["noun"].lower()
    named = WAR_QUALIFIERS.search(match["q"] or "") or noun == "invasion" or noun.endswith("operation")
    if not named and not (published - dt.timedelta(days=WAR_DAY_WINDOW) <= end and start <= published):
        return None
    return start, end, precision


def _span_days(n: int, unit: str) -> dt.timedelta | None:
    unit = unit.lower().rstrip("s")
    if unit == "hour":
        return dt.timedelta(days=max(1, -(-n // 24)))
    return {"day": dt.timedelta(days=n), "week": dt.timedelta(weeks=n)}.get(unit)


def _shift_months(day: dt.date, months: int) -> dt.date:
    year, month = _add_months(day.year, day.month, months)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@_relative
def _resolve_rolling(match: re.Match[str], context: Context, published: dt.date) -> Resolution | None:
    """ "in the past 24 hours", "over the coming two days", "in the next three weeks". Without a
    number only a backward singular unit reads as a span ("the past week"); "the coming days"
    and "the next day" (narrative time) are not dates."""
    unit = match["unit"].lower()
    back = match["dir"].lower() in {"past", "last", "previous"}
    if match["n"] is None and (not back or unit.endswith("s")):
        return None
    n = _number(match["n"]) if match["n"] else 1
    if n is None:
        return None
    unit = unit.rstrip("s")
    sign = -1 if back else 1
    span = _span_days(n, unit)
    if span is not None:
        other = published + sign * span
    else:
        other = _shift_months(published, sign * n * (12 if unit == "year" else 1))
    start, end = (other, published) if back else (published, other)
    return start, end, "range"


@_relative
def _resolve_deadline(match: re.Match[str], context: Context, published: dt.date) -> Resolution | None:
    """ "by the end of the year", "before the year ends", "by the end of the month/week"."""
    unit = match["unit"].lower()
    end = {
        "year": dt.date(published.year, 12, 31),
        "month": _month_end(published.year, published.month),
        "week": _week_of(published)[1],
    }[unit]
    return published, end, "range"


# Words that may follow a year ("in 2014 and", "since 2020 when", "in 2003 -- as"), whatever
# the word before it.
_AFTER_YEAR = re.compile(
    r"[ \t]+(?:and|or|to|when|as|after|before|until|through|the|a|an|in|on|at|by|for|with|that|which|while|"
    r"but|is|was|were|are|had|has|have|saw|amid|during|alone|onwards|onward|itself)\b|[ \t]*(?:--|[-–—])[ \t]"
    r"|[–—](?=[A-Za-z])"
)
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][A-Za-z'’-]*)")
_YEAR_END = frozenset({",", ".", ";", ")", ":", "", "\n", "'", '"', "?", "!", "’", "”"})


def _count_word(word: str) -> bool:
    """Whether a word after a number makes it a count: a plural noun or a unit ("2000 troops",
    "2000 people", "2000 km"); "elections" and other year nouns are matched before this."""
    lower = word.lower()
    plural = len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is"))
    return plural or lower in COUNT_WORDS


def _resolve_year(match: re.Match[str], context: Context) -> Resolution | None:
    """A bare four-digit year, only where the words around it make it one: "the 2014
    annexation", "Ukraine's 1991 declaration", "in 2014.", "in 1990 from", "since 2020 when",
    "(2019)"; never "2000 troops", "in 2000 villages" or "the 2000 people"."""
    year = int(match["y"])
    if not match["noun"]:
        text, end = context.text, match.end()
        following = text[end : end + 1]
        if match["lead"] or match["det"]:
            next_word = _NEXT_WORD.match(text, end)
            if not (
                following in _YEAR_END
                or _AFTER_YEAR.match(text, end)
                or (next_word and (next_word.group(1)[0].isupper() or not _count_word(next_word.group(1))))
            ):
                return None
        else:
            before = text[max(0, match.start() - 2) : match.start()].strip(" \t")
            if following not in _YEAR_END or before not in {"", "(", ",", "–", "-"}:
                return None
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


def _resolve_decade(match: re.Match[str], context: Context) -> Resolution | None:
    first = int(match["y"]) * 10
    part = (match["part"] or "").lower()
    start, end = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(part.rstrip("- "), (0, 9))
    return dt.date(first + start, 1, 1), dt.date(first + end, 12, 31), "range"


def _season_range(season: str, year: int) -> tuple[dt.date, dt.date]:
    first, last = SEASONS[season]
    return dt.date(year, first, 1), _month_end(year + 1 if first > last else year, last)


def _resolve_season(match: re.Match[str], context: Context) -> Resolution | None:
    season = match["season"].lower()
    if match["y"]:
        return (*_season_range(season, int(match["y"])), "range")
    published = context.published
    if published is None:
        return None, None, "unknown"
    modifier = match["mod"].lower()
    first, last = SEASONS[season]
    year = published.year - (1 if first > last and published.month <= last else 0)
    if modifier == "last":
        year = published.year
        while _season_range(season, year)[1] >= published:
            year -= 1
    elif modifier == "next":
        year = published.year - 1
        while _season_range(season, year)[0] <= published:
            year += 1
    return (*_season_range(season, year), "range")


# ---------------------------------------------------------------------------------------------
# Rules whose regex has alternative branches read their groups through aliases.


class _Proxy:
    """A match seen through renamed groups, so a rule with alternative branches can share a
    resolver (``part``/``part2`` -> ``part``)."""

    __slots__ = ("_aliases", "_match")

    def __init__(self, match: re.Match[str], aliases: dict[str, tuple[str, ...]]) -> None:
        self._match = match
        self._aliases = aliases

    def __getitem__(self, name: str) -> str | None:
        for alias in self._aliases.get(name, (name,)):
            value = self._match[alias]
            if value:
                return value
        return None

    def start(self, group: int | str = 0) -> int:
        return self._match.start(group)

    def end(self, group: int | str = 0) -> int:
        return self._match.end(group)

    def groupdict(self) -> dict[str, str | None]:
        return self._match.groupdict()


def _aliased(resolver, **aliases: tuple[str, ...]):
    def resolve(match: re.Match[str], context: Context) -> Resolution | None:
        return resolver(_Proxy(match, aliases), context)

    return resolve


def _resolve_season_words(match, context: Context) -> Resolution | None:
    if not match["y"] and match["season"].lower() == "fall" and match["mod"].lower() == "this":
        return None  # "this fall in prices"
    return _resolve_season(match, context)


# ---------------------------------------------------------------------------------------------
# Anchors: the tokens a rule's match must contain. The finder looks them up in the spaCy Doc
# (one vectorised pass over token hashes) and runs each rule only in small windows around its
# anchors, never over the whole text.

ANCHORS: dict[str, frozenset[str]] = {
    "month": frozenset([*MONTHS, *(m + "." for m in MONTHS if len(m) <= 4)]),
    "weekday": frozenset(WEEKDAYS),
    "year": frozenset(str(y) for y in range(1900, 2100)),
    "decade": frozenset(f"{d}0s" for d in range(190, 210)),
    "day_word": frozenset({"today", "tonight", "yesterday", "tomorrow", "night", "morning", "afternoon", "evening"}),
    "period": frozenset({"week", "weekend", "month", "year"}),
    "unit": frozenset({"hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years"}),
    "ago": frozenset({"ago", "back"}),
    "season": frozenset(SEASONS),
}
# Anchor kinds that only count when capitalised ("May", not "may").
CAPITALISED_ANCHORS = frozenset({"month", "weekday"})
# Numeric dates ("04.03.2022") are one token each; a digit-led regex finds them instead, run
# only on a text where a separator is followed by a century (searches led by a literal, which
# the regex engine skips to quickly; the digit-led one tries every position).
_NUMERIC_HINT = re.compile(r"\d\d?[./]\d\d?[./](?:19|20)\d\d")
_DOT_CENTURY = re.compile(r"\.(?:19|20)")
_SLASH_CENTURY = re.compile(r"/(?:19|20)")


# ---------------------------------------------------------------------------------------------
# The pattern table. Order is the tie-break between equally long matches; ``margin`` is how far
# (characters left, right) a match may reach beyond its anchor token.


def _compile(pattern: str, *, ignore_case: bool = False) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE if ignore_case else 0)


_CI = "(?i:{})"  # a case-insensitive piece inside a case-sensitive pattern


def _longest(alternatives: str) -> int:
    """The length of the longest of ``|``-separated words, spaces not counted (a bound for a
    rule's ``lead``; an escaped character counts its backslash, which only errs on the safe side)."""
    return max(len(word.replace(" ", "")) for word in alternatives.split("|"))


RULES: tuple[Rule, ...] = (
    Rule(
        "iso",
        _compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"),
        _resolve_iso,
        ("year",),
        (2, 10),
        ("-",),
    ),
    Rule(
        "dotted",
        _compile(r"\b(?P<a>[0-3]?\d)\.(?P<b>[01]?\d)\.(?P<y>(?:19|20)\d\d)\b"),
        _resolve_dotted,
        ("numeric",),
        (2, 2),
    ),
    Rule(
        "slashed",
        _compile(r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)\b"),
        _resolve_slashed,
        ("numeric",),
        (2, 2),
    ),
    Rule(
        "point_range",
        _compile(
            rf"\b{_CI.format('from|between')}{_S}{_point('a')}{_S}{_CI.format('to|and|until|till|through')}{_S}"
            rf"{_point('b')}"
        ),
        _resolve_point_range,
        ("month", "year"),
        (48, 48),
        ("from", "between"),
    ),
    Rule(
        "dash_range",
        _compile(rf"\b{_point('a')}[ \t]?[-–][ \t]?{_point('b')}"),
        _resolve_point_range,
        ("month", "year"),
        (32, 32),
        ("-", "–"),
    ),
    Rule(
        "day_range",
        _compile(
            rf"(?:\b{_CI.format('between|from')}{_S})?\b(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?{_DAY_JOIN}"
            rf"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?{_S}(?:of{_S})?{_month('m')}(?:,?{_S}{_year('y')})?"
        ),
        _resolve_day_range,
        ("month",),
        (32, 12),
        ("-", "–", " and ", " to ", " until ", " through "),
    ),
    Rule(
        "month_day_range",
        _compile(
            rf"(?:\b{_CI.format('between|from')}{_S})?\b{_month('m')}{_S}(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?{_DAY_JOIN}"
            rf"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])(?:,?{_S}{_year('y')})?"
        ),
        _resolve_day_range,
        ("month",),
        (16, 28),
        ("-", "–", " and ", " to ", " until ", " through "),
    ),
    Rule(
        "month_day",
        _compile(
            rf"\b{_CI.format(_DAY_LEAD)}{_WEEKDAY_LEAD}(?:{_month('pm1')}{_S}{_day('pd1')}(?:,?{_S}{_year('py1')})?"
            rf"|(?:{_CI.format('the')}{_S})?{_day('pd2')}{_S}(?:of{_S})?{_month('pm2')}(?:,?{_S}{_year('py2')})?)"
        ),
        _resolve_month_day,
        ("month",),
        (48, 20),
        tuple("0123456789"),
    ),
    Rule(
        "month_part",
        _compile(
            rf"\b(?:{_CI.format('in|by|until|since|at|from')}{_S})?(?:the{_S})?"
            rf"(?:(?P<part>(?i:early|mid|late))(?:-|{_S})"
            rf"|(?P<part2>(?i:beginning|start|middle|end|(?:first|second|third|last|final){_S}week)){_S}of{_S})"
            rf"{_month('m')}(?:,?{_S}{_year('y')})?"
        ),
        _aliased(_resolve_month_part, part=("part", "part2")),
        ("month",),
        (36, 12),
        ("early", "mid", "late", "beginning", "start", "middle", "end", "week"),
    ),
    Rule(
        "month_year",
        _compile(rf"\b{_month('m')},?{_S}(?:of{_S})?{_year('y')}"),
        _resolve_month_year,
        ("month",),
        (2, 16),
        ("19", "20"),
    ),
    Rule(
        "bare_month",
        _compile(
            rf"\b(?P<lead>{_CI.format('in early|in late|in|since|by|until|till|through|from|during|before|after|last|next|this|throughout|as of|of')})"
            rf"{_S}{_month('m')}(?:,?{_S}{_year('y')}|(?!\.?{_S}\d))"
        ),
        _resolve_bare_month,
        ("month",),
        (16, 12),
    ),
    Rule(
        "weekday",
        _compile(
            rf"\b(?P<mod>(?i:last|next|this{_S}coming|this{_S}past|this|early|late|overnight)(?:{_S}on)?{_S})?"
            rf"(?P<wd>{_WEEKDAY})\b(?:'s)?{_DAY_PART}"
        ),
        _resolve_weekday,
        ("weekday",),
        (24, 18),
    ),
    Rule(
        "day_word",
        _compile(
            r"\b(?P<w>the day before yesterday|the day after tomorrow|earlier today|later today|today|tonight|"
            r"yesterday|tomorrow|last night|this morning|this afternoon|this evening)\b",
            ignore_case=True,
        ),
        _resolve_day_word,
        ("day_word",),
        (20, 4),
    ),
    Rule(
        "period",
        _compile(
            rf"\b(?:(?P<over>over){_S}the{_S}(?P<unit_w>weekend)"
            rf"|(?P<when>(?:earlier|later){_S}this|this{_S}past|this|last|next){_S}"
            rf"(?P<unit>week|weekend|month|year))\b(?!{_S}of\b)",
            ignore_case=True,
        ),
        _aliased(_resolve_period, unit=("unit", "unit_w")),
        ("period",),
        (20, 12),
        ("this", "last", "next", "over"),
    ),
    Rule(
        "ago",
        _compile(rf"\b(?P<n>{_NUM}){_S}(?P<unit>{_UNIT}){_S}(?:ago|back)\b", ignore_case=True),
        _resolve_ago,
        ("ago",),
        (32, 4),
        core=re.compile("hour|day|week|month|year", re.IGNORECASE),
        lead=len("acoupleof"),
    ),
    Rule(
        "war_day",
        _compile(
            rf"\b(?:the{_S})?(?P<ord>(?i:{_ORDINAL})){_S}(?i:day){_S}(?i:of){_S}{_war('a')}"
            rf"|\b(?i:day){_S}(?P<n>\d{{1,3}}){_S}(?i:of){_S}{_war('b')}"
            rf"|\b(?P<n2>(?i:{_NUM})){_S}(?P<unit>(?i:days?|weeks?|months?)){_S}(?i:into){_S}{_war('c')}"
        ),
        _aliased(_resolve_war_day, n=("n", "n2"), q=("aq", "bq", "cq"), noun=("an", "bn", "cn")),
        ("unit",),
        (24, 48),
        ("of", "into"),
        core=re.compile("war|invasion|fighting|conflict|offensive|aggression|operation"),
        lead=None,  # any number of qualifiers: "Russia's full-scale ..."
    ),
    Rule(
        "rolling",
        _compile(
            rf"\b(?:(?:in|over|during|within|for|from){_S})?the{_S}(?P<dir>past|last|previous|coming|next)"
            rf"{_S}(?:(?P<n>{_NUM}){_S})?(?:coming{_S})?(?P<unit>{_UNIT})\b(?!{_S}of\b)"
            rf"|\b(?:in|over|during|within|for){_S}the{_S}(?P<dir2>coming){_S}(?:(?P<n2>{_NUM}){_S})(?P<unit2>{_UNIT})\b",
            ignore_case=True,
        ),
        _aliased(_resolve_rolling, dir=("dir", "dir2"), n=("n", "n2"), unit=("unit", "unit2")),
        ("unit",),
        (44, 12),
        ("past", "last", "previous", "coming", "next"),
        core=re.compile("the", re.IGNORECASE),
        lead=len("within"),
    ),
    Rule(
        "deadline",
        _compile(
            rf"\b(?:by|before|until|till){_S}(?:the{_S})?end{_S}of{_S}(?:the|this){_S}(?P<unit>year|month|week)\b"
            rf"|\bbefore{_S}the{_S}(?P<unit2>year|month|week){_S}(?:ends|is{_S}out|is{_S}over)\b"
            rf"|\bby{_S}(?P<unit3>year|month)[- ]end\b",
            ignore_case=True,
        ),
        _aliased(_resolve_deadline, unit=("unit", "unit2", "unit3")),
        ("period",),
        (32, 16),
        ("end",),
    ),
    Rule(
        "decade",
        _compile(rf"\b(?:the{_S})?(?P<part>(?i:early|mid-?|late){_S}?)?(?P<y>(?:19|20)\d)0'?s\b"),
        _resolve_decade,
        ("decade", "year"),
        (20, 6),
        ("0s", "0's"),
    ),
    Rule(
        "season",
        _compile(
            rf"\b(?:(?P<mod>(?i:this|last|next)){_S}(?P<season>(?i:spring|summer|autumn|fall|winter))\b"
            rf"|(?P<season2>(?i:spring|summer|autumn|fall|winter)){_S}(?:of{_S})?{_year('y')})"
        ),
        _aliased(_resolve_season_words, season=("season", "season2")),
        ("season",),
        (10, 16),
        ("this", "last", "next", "19", "20"),
    ),
    Rule(
        "year",
        _compile(
            rf"(?:\b(?P<lead>(?i:{YEAR_LEADS})){_S}|(?P<det>\b(?i:{YEAR_DETERMINERS}){_S}|['’]s{_S})|(?<=[-–]))?"
            rf"(?<![\d,.$€£])(?<!©[ \t])\b{_year('y')}(?![A-Za-z])"
            rf"(?=(?P<noun>{_S}(?i:{YEAR_NOUNS})\b))?(?![ \t]*%)"
        ),
        _resolve_year,
        ("year",),
        (20, 36),
        core=re.compile(r"(?:19|20)\d\d"),
        lead=max(_longest(YEAR_LEADS), _longest(YEAR_DETERMINERS)),
    ),
)

# Each rule's ``needs`` as one regex: a single search of a window instead of one per string.
_NEEDS = tuple(re.compile("|".join(map(re.escape, rule.needs))) if rule.needs else None for rule in RULES)
# Leading words a mention's text drops ("on Saturday" -> "Saturday"); others ("since", "last",
# "early") change the meaning and stay.
_DROPPED_LEAD = re.compile(r"(?:(?:in|on|at|of|during|from|the)[ \t]+)+(?=\S)", re.IGNORECASE)
# A year's determiner or preposition goes too ("Ukraine's 1991 declaration" -> "1991").
_DROPPED_YEAR_LEAD = re.compile(
    rf"(?:(?:in|on|at|of|during|from|into|at least|least|{YEAR_DETERMINERS})[ \t]+|['’]s[ \t]+)+(?=\S)",
    re.IGNORECASE,
)
_KEEP_WHOLE = frozenset(
    {"war_day", "rolling", "deadline", "day_word", "period", "point_range", "day_range", "month_day_range"}
)


# ---------------------------------------------------------------------------------------------
# The finder


class _Candidate(NamedTuple):
    """A rule's match (a named tuple: made by the dozen per document, more cheaply than a dataclass)."""

    start: int
    end: int
    priority: int
    rule: Rule
    match: re.Match[str]


def find_dates(parsed: Parsed) -> list[DateMention]:
    """Every date expression in the document, resolved against its publication date, in text
    order. Overlaps are settled by length, then rule order."""
    starts, lengths = token_columns(parsed)
    orths = token_orths(parsed)
    sentences = parsed.sentences

    def sentence_of(offset: int) -> Sentence:  # as Parsed.sentence_of, with shared sentence starts
        return sentences[sentence_index(parsed, offset)]

    return parse_dates(
        parsed.document.text,
        published=parsed.document.published,
        sentence_of=sentence_of,
        doc=parsed.doc,
        tokens=(starts, lengths, orths),
    )


def parse_dates(
    text: str,
    *,
    published: dt.date | None,
    sentence_of: Callable[[int], object] | None = None,
    doc: Doc | None = None,
    tokens: _TokenColumns | None = None,
) -> list[DateMention]:
    """Date mentions of ``text`` (see :func:`find_dates`). ``sentence_of`` maps a character
    offset to its sentence (anything with ``index``, ``start`` and ``end``); without it the whole
    text is one sentence. ``doc`` is the text's spaCy Doc (tokenised here when not given), and
    ``tokens`` its tokens' offsets, lengths and ORTH hashes (read from it when not given)."""
    if tokens is None:
        if doc is None:
            doc = get_nlp().make_doc(text)
        array = doc.to_array([IDX, LENGTH, ORTH]) if len(doc) else np.zeros((0, 3), dtype=np.uint64)
        tokens = array[:, 0].tolist(), array[:, 1].tolist(), array[:, 2]
    candidates = [
        _Candidate(m.start(), m.end(), priority, rule, m)
        for priority, rule, start, end in _windows(text, tokens)
        for m in (rule.pattern.finditer(text, start, end) if rule.core is None else _matches(rule, text, start, end))
        if m.end() < end or end == len(text) or not text[end].isalnum()  # not cut off by the window
    ]
    candidates.sort(key=lambda c: (c.start - c.end, c.priority, c.start))
    taken: list[tuple[int, int]] = []
    latest = _latest_date(published)
    found: list[_Found] = []
    for candidate in candidates:
        if _overlaps(taken, candidate.start, candidate.end):
            continue
        if sentence_of is None:
            index, lo, hi = 0, 0, len(text)
        else:
            sentence = sentence_of(candidate.start)
            if candidate.end > sentence.end:
                continue  # runs into the next sentence
            index, lo, hi = sentence.index, sentence.start, sentence.end
        resolved = _resolved(candidate, Context(text, published, lo, hi), latest)
        if resolved is None:
            continue
        _insert(taken, candidate.start, candidate.end)
        span_start = candidate.start
        if candidate.rule.name not in _KEEP_WHOLE:
            dropped = _DROPPED_YEAR_LEAD if candidate.rule.name == "year" else _DROPPED_LEAD
            lead = dropped.match(text, candidate.start, candidate.end)
            if lead:
                span_start = lead.end()
        mention = DateMention(index, span_start, candidate.end, text[span_start : candidate.end], *resolved)
        found.append(_Found(candidate, mention, lo, hi))
    found.sort(key=lambda f: f.mention.start)
    if published is not None and found:
        _reanchor_quoted(text, found, sentence_of, latest)
    return [f.mention for f in found]


def _resolved(candidate: _Candidate, context: Context, latest: dt.date) -> Resolution | None:
    """A candidate's calendar reading, or None when it is no date or an implausible one."""
    resolved = candidate.rule.resolve(candidate.match, context)
    if resolved is None:
        return None
    start_date, end_date, _ = resolved
    if start_date is not None and not (EARLIEST <= start_date <= latest and start_date <= end_date):
        return None
    return resolved


# ---------------------------------------------------------------------------------------------
# Quoted speech given on a named day: "today" in it is that day


# Verbs that report rather than act, and nouns for what a speaker gives: a date next to one
# dates the speech or the report ("said Monday", "in his Monday address"). The events extractor
# reads the same words.
REPORTING_VERBS = frozenset(
    {
        *("said", "says", "told", "tells", "stated", "states", "announced", "announces", "reported", "reports"),
        *("added", "adds", "claimed", "claims", "confirmed", "confirms", "according", "wrote", "writes"),
        *("tweeted", "posted", "noted", "stressed", "warned", "warns", "insisted", "alleged", "accused", "blamed"),
        *("denied", "denies", "vowed", "pledged", "promised", "urged", "argued", "acknowledged", "admitted"),
        *("explained", "revealed", "disclosed", "informed", "indicated", "suggested", "emphasized", "emphasised"),
        *("reiterated", "asserted", "commented", "remarked", "conceded", "recalled", "assured", "quoted"),
        *("cited", "briefed", "testified", "signaled", "signalled", "hinted", "predicted", "estimated", "declared"),
    }
)
SPEECH_NOUNS = frozenset(
    {
        *("address", "speech", "statement", "interview", "briefing", "remarks", "comments", "conference"),
        *("post", "tweet", "video", "message", "broadcast", "update", "bulletin", "appearance", "announcement"),
    }
)
# Words that may stand between a speech noun and its date ("a statement late on Monday").
SPEECH_LINKS = frozenset({"on", "late", "early", "at", "of", "this", "last"})
# Reporting verbs whose addressee may stand between them and their date ("told reporters Tuesday").
ADDRESSEE_VERBS = frozenset({"told", "tells", "informed", "briefed", "assured", "warned", "urged"})
# Words that open where a report was given ("on his Telegram channel", "in a statement", "via X").
SPEECH_PLACES = frozenset({"on", "in", "at", "via", "during", "through"})
# A quotation mark, with the empty group ``opening`` after it when it opens a quotation (see
# :func:`quote_spans`; ``\s`` is what ``str.isspace`` calls space). The checks come after the
# mark so that the regex skips quickly to the next mark; a text without curly marks (most) is
# read with the straight mark alone, a literal the regex engine finds several times faster.
_QUOTE_MARK = re.compile(r'["“”](?P<opening>(?<=“)|(?<=")(?:(?<=[\s(\[—–-]")|(?<![\s\S]"))(?=\S))?')
_STRAIGHT_QUOTE_MARK = re.compile(r'"(?P<opening>(?:(?<=[\s(\[—–-]")|(?<![\s\S]"))(?=\S))?')
# Words before a date in which its reporting verb may stand ("wrote on his Telegram channel on
# Monday"), and the last of them in which it may stand whatever stands between ("said late on Monday").
SPEECH_WORDS_BEFORE = 6
SPEECH_VERB_NEAR = 3
SPEECH_WORDS_AFTER = 2  # and after it ("Monday's address", "Monday night said")


class _Found(NamedTuple):
    """A date mention with the candidate it came from and its sentence bounds."""

    candidate: _Candidate
    mention: DateMention
    lo: int
    hi: int


def quote_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every quotation's inside, in text order. Curly marks say which way
    they face; a straight one opens when it follows a space or starts the text and is followed
    by a non-space, and closes otherwise. A quotation left open at a new opening (a quote running
    over several paragraphs) ends there."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    marks = _QUOTE_MARK if "“" in text or "”" in text else _STRAIGHT_QUOTE_MARK
    for mark in marks.finditer(text):
        at = mark.start()
        if mark.lastgroup == "opening":
            if opened is not None:
                spans.append((opened, at))
            opened = at + 1
        elif opened is not None:
            spans.append((opened, at))
            opened = None
    return spans


_PUNCTUATION = re.compile(r'[,;:()"“”—–]')


def is_speech_date(text: str, start: int, end: int, *, lo: int = 0, hi: int | None = None) -> bool:
    """Whether the date at ``text[start:end]`` dates a speech or a report: a reporting verb stands
    within a few words of it, or a speech noun right next to it, with no punctuation between
    ("said on Monday", "wrote on his Telegram channel on Monday", "in his Monday address", "a
    statement on Monday", "Monday's briefing"; not "shelled the town on Monday, officials said",
    nor "the announcement came Sunday"). A possessive date belongs to the noun after it ("said
    yesterday's drills were a rehearsal": the drills')."""
    hi = len(text) if hi is None else hi
    possessive = text[end : end + 2] in {"'s", "’s"} or text[start:end].endswith(("'s", "’s"))
    before = "" if possessive else text[max(lo, start - 12 * SPEECH_WORDS_BEFORE) : start]
    cuts = [mark.end() for mark in _PUNCTUATION.finditer(before)]
    if cuts:
        before = before[cuts[-1] :]
    after = text[end : min(hi, end + 12 * SPEECH_WORDS_AFTER)]
    after = after[2:] if after[:2] in {"'s", "’s"} else after  # "Monday's briefing"
    stop = _PUNCTUATION.search(after)
    if stop is not None:
        after = after[: stop.start()]
    written = _WORD.findall(before)[-SPEECH_WORDS_BEFORE:]
    before_words = [w.lower().removesuffix("'s") for w in written]
    after_words = [w.removesuffix("'s") for w in _WORD.findall(after.lower())[:SPEECH_WORDS_AFTER]]
    if REPORTING_VERBS.intersection(before_words[-SPEECH_VERB_NEAR:] + after_words):
        return True
    for i, word in enumerate(before_words[:-1]):
        # further back, only with a place or channel between: "wrote on his Telegram channel on
        # Monday", "told CNN in an interview on Monday"; not "claimed victory in elections in 2020"
        following = before_words[i + 1]
        if word in REPORTING_VERBS and (
            following in SPEECH_PLACES or written[i + 1][0].isupper() or word in ADDRESSEE_VERBS
        ):
            return True  # "told the Security Council on Tuesday": an addressee stands between
    # a speech noun only right next to the date: "a statement on Monday", "his Monday address"
    while before_words and before_words[-1] in SPEECH_LINKS:
        before_words.pop()
    return bool(before_words and before_words[-1] in SPEECH_NOUNS) or bool(
        after_words and after_words[0] in SPEECH_NOUNS
    )


def _reanchor_quoted(
    text: str, found: list[_Found], sentence_of: Callable[[int], object] | None, latest: dt.date
) -> None:
    """Resolve the dates inside a quotation against the day the speech was given, when the
    sentences around it date the speech ('"Today the enemy shelled Kharkiv," he said in his Monday
    address': today is that Monday). ``found`` is in text order and is updated in place."""
    spans = quote_spans(text)
    if not spans:
        return
    starts = [s for s, _ in spans]
    inside: dict[int, list[int]] = {}
    for number, item in enumerate(found):
        i = bisect.bisect_right(starts, item.mention.start) - 1
        if i >= 0 and item.mention.end <= spans[i][1]:
            inside.setdefault(i, []).append(number)
    if not inside:
        return
    quoted = {number for numbers in inside.values() for number in numbers}
    outside = [item for number, item in enumerate(found) if number not in quoted and item.mention.precision == "day"]
    for i, numbers in inside.items():
        start, end = spans[i]
        lo, hi = _around(text, start, end, sentence_of)
        speeches = [
            item
            for item in outside
            if lo <= item.mention.start < hi
            and is_speech_date(text, item.mention.start, item.mention.end, lo=item.lo, hi=item.hi)
        ]
        if not speeches:
            continue
        speech = min(speeches, key=lambda item: max(start - item.mention.end, item.mention.start - end))
        day = speech.mention.date_start
        for number in numbers:
            item = found[number]
            context = Context(text, day, item.lo, item.hi)
            resolved = _resolved(item.candidate, context, latest)
            if resolved is not None:
                mention = item.mention
                found[number] = _Found(
                    item.candidate,
                    DateMention(mention.sentence, mention.start, mention.end, mention.text, *resolved),
                    item.lo,
                    item.hi,
                )


def _around(text: str, start: int, end: int, sentence_of: Callable[[int], object] | None) -> tuple[int, int]:
    """Where the words that date a quotation's speech stand: its own sentences, or, when no
    reporting word stands there outside the quotation, also the sentence before and the one
    after (a quotation that goes on after its attribution: '"A," he said Monday. "B today."')."""
    if sentence_of is None:
        return 0, len(text)
    first, last = sentence_of(start), sentence_of(max(start, end - 1))
    lo, hi = first.start, last.end
    attribution = _WORD.findall(f"{text[lo:start]} {text[end:hi]}".lower())
    if any(w in REPORTING_VERBS for w in attribution):
        return lo, hi
    if lo > 0:
        lo = sentence_of(lo - 1).start
    following = len(text) - len(text[hi:].lstrip())
    if following < len(text):
        hi = sentence_of(following).end
    return lo, hi


_Slot = tuple[int, int, int]  # a rule an anchor anchors: (priority, left margin, right margin)
# The tokens' start offsets, lengths and ORTH hashes (a uint64 array).
_TokenColumns = tuple[list[int], list[int], np.ndarray]


_BUCKET_BITS = 18
_BUCKET_MASK = np.uint64((1 << _BUCKET_BITS) - 1)


def _spellings(word: str) -> list[str]:
    """Every string whose lowercase is the ASCII ``word``: each letter in either case, and "k"
    also as the Kelvin sign (the one other character whose lowercase is an ASCII letter)."""
    options = [sorted({char, char.upper()} | ({"\u212a"} if char == "k" else set())) for char in word]
    return ["".join(chars) for chars in itertools.product(*options)]


@cache
def _anchor_index() -> tuple[np.ndarray, dict[int, tuple[tuple[_Slot, ...], tuple[_Slot, ...]]]]:
    """A boolean table over the low bits of the hash of every spelling of every anchor (a
    token's text whose lowercase is an anchor), for one vectorised membership test of the
    tokens' ORTH hashes, and for each such hash the rules it anchors (whatever the case, only
    when capitalised)."""
    slots: dict[str, tuple[list[_Slot], list[_Slot]]] = {}
    for priority, rule in enumerate(RULES):
        for kind in rule.anchors:
            for string in ANCHORS.get(kind, ()):
                any_case, capitalised = slots.setdefault(string, ([], []))
                target = capitalised if kind in CAPITALISED_ANCHORS else any_case
                if (priority, *rule.margin) not in target:
                    target.append((priority, *rule.margin))
    index = {
        hash_string(spelling): (tuple(any_case), tuple(capitalised))
        for string, (any_case, capitalised) in slots.items()
        for spelling in _spellings(string)
    }
    table = np.zeros(1 << _BUCKET_BITS, dtype=bool)
    table[(np.array(list(index), dtype=np.uint64) & _BUCKET_MASK).astype(np.int64)] = True
    return table, index


@cache
def _numeric_slots() -> tuple[_Slot, ...]:
    return tuple((priority, *rule.margin) for priority, rule in enumerate(RULES) if "numeric" in rule.anchors)


def _windows(text: str, tokens: _TokenColumns) -> list[tuple[int, Rule, int, int]]:
    """(priority, rule, start, end): the merged character windows in which each rule can match,
    around the tokens that anchor it (read from the tokens' columns, not ``Token`` objects)."""
    table, index = _anchor_index()
    starts, lengths, orths = tokens
    hits = np.flatnonzero(table[(orths & _BUCKET_MASK).astype(np.int64)])
    anchors: list[tuple[int, int, tuple[_Slot, ...]]] = []
    for i, orth in zip(hits.tolist(), orths[hits].tolist(), strict=True):
        found = index.get(orth)
        if found is None:
            continue  # another word whose hash shares the low bits
        any_case, capitalised = found
        start = starts[i]
        if capitalised and text[start].isupper():
            any_case = any_case + capitalised
        if any_case:
            anchors.append((start, start + lengths[i], any_case))
    if _DOT_CENTURY.search(text) or ("/" in text and _SLASH_CENTURY.search(text)):
        anchors.extend((m.start(), m.end(), _numeric_slots()) for m in _NUMERIC_HINT.finditer(text))
        anchors.sort(key=lambda anchor: anchor[0])
    # Anchors in text order give each rule its spans in order of their starts, so a rule's
    # overlapping spans merge as they come: ``growing`` holds each rule's latest window.
    length = len(text)
    growing: dict[int, list[int]] = {}
    merged: list[tuple[int, int, int]] = []
    for anchor_start, anchor_end, slots in anchors:
        for priority, left, right in slots:
            start, end = max(0, anchor_start - left), min(length, anchor_end + right)
            window = growing.get(priority)
            if window is None or start > window[1]:
                if window is not None:
                    merged.append((priority, *window))
                growing[priority] = [start, end]
            elif end > window[1]:
                window[1] = end
    merged.extend((priority, *window) for priority, window in growing.items())
    # A rule's needed strings are looked for in the lowercased window. Lowercasing keeps the
    # offsets unless the text holds "İ" (two characters in lowercase): then, as always, the
    # window's offsets are read in the whole lowercased text.
    lowered = text.lower() if "\u0130" in text else None
    windows: list[tuple[int, Rule, int, int]] = []
    for priority, start, end in merged:
        needs = _NEEDS[priority]
        if needs is None or (
            needs.search(lowered, start, end) if lowered is not None else needs.search(text[start:end].lower())
        ):
            windows.append((priority, RULES[priority], start, end))
    return windows


def _matches(rule: Rule, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The matches of a rule with a ``core`` in ``text[start:end]``, exactly as ``finditer``
    gives them, found with less work: a match holds a core, with at most ``lead`` characters
    other than spaces and tabs before it, so the search for the next match starts that far before
    the next core, and stops for good where no core is left (the rest of a window after its last
    match is never scanned, and a window without a core not at all)."""
    search, find_core, lead = rule.pattern.search, rule.core.search, rule.lead
    tried = start  # no match starts before this position
    while (core := find_core(text, tried, end)) is not None:
        first = tried if lead is None else _earliest_start(text, core.start(), tried, lead)
        match = search(text, first, end)
        if match is None:
            return
        yield match
        tried = match.end()  # a match holds a core, so it is never empty


def _earliest_start(text: str, core: int, lo: int, lead: int) -> int:
    """The earliest position, not before ``lo``, from which at most ``lead`` characters other
    than spaces and tabs stand before ``core``."""
    start = max(lo, core - lead)
    while start > lo:  # widen by the blanks inside until no more are taken in
        earlier = max(lo, core - lead - text.count(" ", start, core) - text.count("\t", start, core))
        if earlier == start:
            break
        start = earlier
    while start > lo and text[start - 1] in " \t":
        start -= 1
    return start


@cache
def _latest_date(published: dt.date | None) -> dt.date:
    anchor = published or dt.date.today()
    return anchor + dt.timedelta(days=FUTURE_HORIZON_DAYS)


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps a taken span; ``taken`` is sorted and disjoint."""
    i = bisect.bisect_left(taken, (start, start))
    if i < len(taken) and taken[i][0] < end:
        return True
    return i > 0 and taken[i - 1][1] > start


def _insert(taken: list[tuple[int, int]], start: int, end: int) -> None:
    bisect.insort(taken, (start, end))
