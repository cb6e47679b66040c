"""Find the events a document reports: rows of the ``events`` table, typed after ACLED.

Triggers ("missile strike", "stationed", "signed", "recaptured") come from
``data/event_triggers.csv`` and are matched case-insensitively on whole tokens by one
PhraseMatcher built once. Each trigger row gives an ACLED event type and sub-type; some need
context within a few words ("moving" counts only near "troops" or "equipment", "struck" only near
a weapon) and generic ones are refined by a nearby weapon ("attack" near "drones" is an air/drone
strike). The same lexicon lists the context words.

Decisions worth knowing when reading the table:

- An invasion ("launched its invasion", "invaded", "special military operation") is a battle
  (Battles / Armed clash): it is the start of the fighting, not a mere change of posture.
- Reports, statements and announcements are not events (the claims table covers them); the
  violence a report describes ("executions", "killings") is.
- A trigger in a hypothetical or negated clause ("could launch an attack", "the threat of a
  strike", "does not have troops for an attack", "the troops to be moved") is skipped. Planned
  acts ("troops would move over the coming two days") are kept: they carry a future date.
- Triggers of the same type close together in a sentence are one event ("missile strike that was
  launched Monday"); a sentence can still hold several events of different types.
- Dates: each date mention of the sentence goes to the trigger nearest to it, and an event takes
  the nearest of its own dates. An event that no date of its sentence belongs to stays undated
  (precision ``unknown``): the publication date is never put in silently, and "the apparent drone
  attacks" after "the missile strike that was launched Monday" do not borrow the strike's Monday.
- ``actor1`` is who acted: "by X" after the trigger, else a demonym just before it ("Russian
  missile strike" -> Russia, "Russian long-range bombers struck"), else the nearest actor before
  it in the sentence. ``actor2`` is an actor right after the trigger introduced by "on",
  "against", "of" and the like, or in the passive the actor before it ("X was abducted").
- ``location`` is the place (role ``place``) of the sentence nearest the trigger; a town beats a
  region and a region a country at equal distance.
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.matcher import PhraseMatcher

from lib.ids import row_id
from lib.lexicon import load_lexicon
from lib.mentions import ActorMention, DateMention, Parsed, PlaceMention, Sentence
from lib.nlp import get_nlp
from lib.schema import EVENT_TYPES

TRIGGERS_PATH = Path(__file__).resolve().parents[2] / "data" / "event_triggers.csv"
ROLES = ("trigger", "weapon", "force", "prisoner", "war", "ignore")
MAX_PHRASE_TOKENS = 8  # the longest lexicon phrase, in tokens
CONTEXT_WINDOW = 8  # tokens either side in which a trigger's required context must stand
MERGE_GAP = 6  # tokens between two triggers of one type that make them one event
HEDGE_WINDOW = 14  # tokens before a trigger searched for a hypothetical or negating word
DEMONYM_WINDOW = 4  # tokens before a trigger in which a demonym names its actor ("Russian long-range bombers")
TARGET_WINDOW = 5  # tokens after a trigger in which its target (actor2) may stand
SUMMARY_CHARS = 160

# Words that make a trigger hypothetical or negated when they precede it in its clause.
HEDGE_WORDS = frozenset(
    [
        "could",
        "might",
        "can",
        "cannot",
        "not",
        "n't",
        "no",
        "never",
        "without",
        "threat",
        "threats",
        "threaten",
        "threatens",
        "threatened",
        "threatening",
        "possibility",
        "possible",
        "potential",
        "potentially",
        "risk",
        "risks",
        "fear",
        "fears",
        "feared",
        "if",
        "unless",
        "whether",
        "prevent",
        "prevented",
        "avoid",
        "deter",
        "deterring",
        "ready",
        "prepared",
        "preparing",
        "rule",
    ]
)
# Tokens that end the clause a hedge word is looked for in.
CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", '"', "—", "–", "that", "which", "who", "but", "while"})
ARTICLES = frozenset({"the", "a", "an"})
# Auxiliaries that make a trigger passive ("was abducted"): the actor before it is the target.
PASSIVE_AUXILIARIES = frozenset({"was", "were", "been", "being", "is", "are", "be"})
# Words that join two triggers into one dated act ("shelling and missile strikes on Monday").
COORDINATORS = frozenset({"and", "or", ",", "as", "well"})
COORDINATION_GAP = 4  # tokens between coordinated triggers
# Words (report nouns, "detailing") that keep a date from an event when they stand between
# them: the date is the report's.
REPORT_NOUNS = frozenset(["report", "reports", "study", "statement", "findings", "investigation", "survey", "review"])
# Verbs that report rather than act: a date attached to one is the report's when the verb stands
# between the date and the act ("the strike killed 13, officials said Monday") or the reported act
# is earlier than the report ("said Saturday she had been kidnapped").
REPORTING_VERBS = frozenset(
    {
        *("said", "says", "told", "tells", "stated", "states", "announced", "announces", "reported", "reports"),
        *("added", "adds", "claimed", "claims", "confirmed", "confirms", "according"),
    }
)
# Punctuation right after a date that closes its clause, and the distance (characters) it adds
# to a trigger on the date's right.
CLAUSE_MARKS = (",", ";", ":", "(", ")", '"', "—", "–")
CLAUSE_PENALTY = 40
# A date more often follows the act it dates ("shelled on Monday") than precedes it: a trigger on
# the date's right is this many characters further away.
RIGHTWARD_PENALTY = 15
MAX_DATE_DISTANCE = 120  # characters (with penalties) beyond which a date dates no trigger
_WORD = re.compile(r"[a-z]+")
# Words and punctuation as the tokenizer splits them, near enough ("didn't" -> "did", "n't").
_TOKEN = re.compile(r"[A-Za-z]+(?=n't)|n't|[A-Za-z]+(?:-[A-Za-z]+)*|\d+|[^\sA-Za-z\d]")
WORD_CHARS = 12  # characters per word when reading back a few words
_CAPTION_DATE = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? .*\b(?:19|20)\d\d$")
# Words introducing the target of an act ("an attack on Kyiv", "the invasion of Ukraine").
TARGET_WORDS = frozenset({"on", "against", "targeting", "at", "of", "into", "with"})
# Specificity of a place kind when two places are equally near a trigger.
PLACE_RANK = {"facility": 0, "city": 1, "area": 2, "region": 3, "country": 4}


@dataclass(frozen=True, slots=True)
class TriggerRow:
    """One row of the trigger lexicon."""

    phrase: str
    role: str
    event_type: str
    sub_event_type: str
    requires: str
    refine: str


@dataclass(slots=True)
class _Hit:
    """A matched trigger: token span, character span and the type it gives."""

    row: TriggerRow
    start: int  # token
    end: int
    start_char: int
    end_char: int
    event_type: str
    sub_event_type: str
    text: str
    weapon: bool = False


@cache
def load_triggers() -> tuple[TriggerRow, ...]:
    """Read ``data/event_triggers.csv`` once (``#`` lines are comments) and check its types
    against ACLED's vocabulary."""
    with TRIGGERS_PATH.open(encoding="utf-8", newline="") as handle:
        rows = [
            TriggerRow(**{k: (v or "").strip() for k, v in row.items()})
            for row in csv.DictReader(line for line in handle if not line.startswith("#"))
        ]
    for row in rows:
        if row.role not in ROLES:
            raise ValueError(f"event_triggers.csv: {row.phrase!r} has unknown role {row.role!r}")
        if row.event_type and row.sub_event_type not in EVENT_TYPES.get(row.event_type, ()):
            raise ValueError(
                f"event_triggers.csv: {row.phrase!r}: {row.event_type} / {row.sub_event_type} is not ACLED's"
            )
        if row.role == "trigger" and not row.event_type and row.refine != "weapon":
            raise ValueError(f"event_triggers.csv: {row.phrase!r} has no type and takes none from a weapon")
    return tuple(rows)


@cache
def _matcher() -> tuple[PhraseMatcher, dict[int, TriggerRow]]:
    """One case-insensitive PhraseMatcher over every phrase of the lexicon, built once."""
    nlp = get_nlp()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    rows: dict[int, TriggerRow] = {}
    for row in load_triggers():
        key = f"event:{row.role}:{row.phrase}"
        rows[nlp.vocab.strings.add(key)] = row
        matcher.add(key, [nlp.make_doc(row.phrase)])
    return matcher, rows


def extract_events(parsed: Parsed) -> list[dict]:
    """One ``events`` row per event mention, in text order."""
    doc, text = parsed.doc, parsed.document.text
    matcher, rows = _matcher()
    triggers: dict[int, list[_Hit]] = {}
    context: list[_Hit] = []
    for key, start, end in matcher(doc):
        row = rows[key]
        first, last = doc[start], doc[end - 1]
        start_char, end_char = first.idx, last.idx + len(last)
        hit = _Hit(row, start, end, start_char, end_char, row.event_type, row.sub_event_type, text[start_char:end_char])
        if row.role in {"trigger", "ignore"}:
            triggers.setdefault(parsed.sentence_of(start_char).index, []).append(hit)
        else:
            context.append(hit)
    context.sort(key=lambda c: c.start)
    starts = [c.start for c in context]
    events: list[dict] = []
    for sentence, hits in sorted(triggers.items()):
        lo = parsed.sentences[sentence].start
        kept = [
            hit
            for hit in _longest(hits)
            if hit.row.role == "trigger" and _typed(hit, _near(context, starts, hit)) and not _hedged(text, lo, hit)
        ]
        events.extend(_sentence_events(parsed, sentence, _merged(kept)))
    return events


def _longest(hits: list[_Hit]) -> list[_Hit]:
    """Non-overlapping triggers, the longest first ("missile strike" over "strike")."""
    chosen: list[_Hit] = []
    taken: set[int] = set()
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if taken.isdisjoint(range(hit.start, hit.end)):
            chosen.append(hit)
            taken.update(range(hit.start, hit.end))
    return sorted(chosen, key=lambda h: h.start)


def _distance(a: _Hit, b: _Hit) -> int:
    """Tokens between two spans (0 when they touch or overlap)."""
    return max(0, b.start - a.end, a.start - b.end)


def _near(context: list[_Hit], starts: list[int], hit: _Hit) -> list[_Hit]:
    """The context words within ``CONTEXT_WINDOW`` tokens of a trigger (``context`` is sorted by
    start and ``starts`` holds those starts)."""
    lo = bisect.bisect_left(starts, hit.start - CONTEXT_WINDOW - MAX_PHRASE_TOKENS)
    hi = bisect.bisect_right(starts, hit.end + CONTEXT_WINDOW)
    return [c for c in context[lo:hi] if _distance(hit, c) <= CONTEXT_WINDOW]


def _typed(hit: _Hit, near: list[_Hit]) -> bool:
    """Check the trigger's required context and refine its type by a nearby weapon; False when
    the context it needs is missing."""
    row = hit.row
    if row.requires and not any(c.row.role == row.requires for c in near):
        return False
    if row.refine == "weapon":
        weapons = [c for c in near if c.row.role == "weapon"]
        if weapons:
            weapon = min(weapons, key=lambda c: (_distance(hit, c), c.start))
            hit.event_type, hit.sub_event_type = weapon.row.event_type, weapon.row.sub_event_type
            hit.weapon = True
            if not row.event_type:  # a verb and its weapons are one phrase: "launched two Iskander missiles"
                side = [w for w in weapons if (w.start < hit.start) == (weapon.start < hit.start)]
                hit.start, hit.end = min(hit.start, *(w.start for w in side)), max(hit.end, *(w.end for w in side))
                hit.start_char = min(hit.start_char, *(w.start_char for w in side))
                hit.end_char = max(hit.end_char, *(w.end_char for w in side))
    return bool(hit.event_type)


def _hedged(text: str, sentence_start: int, hit: _Hit) -> bool:
    """Whether a hypothetical or negating word precedes the trigger in its clause, or the
    trigger is a one-word infinitive passive ("the hardware to be moved")."""
    words = _words_before(text, sentence_start, hit.start_char, HEDGE_WINDOW)
    if hit.end - hit.start == 1 and [w.lower() for w in words[-2:]] == ["to", "be"]:
        return True
    for word in reversed(words):
        lower = word.lower()
        if lower in CLAUSE_BREAKS:
            return False
        if lower in HEDGE_WORDS or word == "may":
            return True
    return False


def _words_before(text: str, lo: int, end: int, count: int) -> list[str]:
    """The last ``count`` words and punctuation marks of ``text[lo:end]``, as written."""
    return _TOKEN.findall(text, max(lo, end - WORD_CHARS * count), end)[-count:]


def _merged(hits: list[_Hit]) -> list[_Hit]:
    """Triggers of one type a few tokens apart become one event spanning both."""
    merged: list[_Hit] = []
    for hit in hits:
        previous = next(
            (
                m
                for m in reversed(merged)
                if (m.event_type, m.sub_event_type) == (hit.event_type, hit.sub_event_type)
                and hit.start - m.end <= MERGE_GAP
            ),
            None,
        )
        if previous is None:
            merged.append(hit)
        else:
            previous.end, previous.end_char = max(previous.end, hit.end), max(previous.end_char, hit.end_char)
    return merged


def _sentence_events(parsed: Parsed, index: int, hits: list[_Hit]) -> Iterable[dict]:
    """The rows of one sentence's events."""
    if not hits:
        return
    sentence = parsed.sentences[index]
    own_dates = [
        d for d in parsed.in_sentence("dates", index) if not _is_caption_date(parsed.document.text, sentence, d)
    ]
    dates = _dates_by_trigger(parsed.document.text, hits, own_dates)
    actors = parsed.in_sentence("actors", index)
    places = [p for p in parsed.in_sentence("places", index) if p.role == "place"]
    for number, hit in enumerate(hits):
        date = dates.get(number)
        actor1, actor2 = _actors(parsed.document.text, sentence.start, hit, actors)
        place = _place(hit, places)
        yield {
            "event_id": row_id(
                "event",
                parsed.document.doc_id,
                sentence.sentence_id,
                hit.start_char,
                hit.event_type,
                hit.sub_event_type,
            ),
            "doc_id": parsed.document.doc_id,
            "sentence_id": sentence.sentence_id,
            "event_type": hit.event_type,
            "sub_event_type": hit.sub_event_type,
            "actor1": actor1,
            "actor2": actor2,
            "location": place.name if place else None,
            "country_code": (place.country_code or None) if place else None,
            "latitude": place.latitude if place else None,
            "longitude": place.longitude if place else None,
            "date_start": date.date_start if date else None,
            "date_end": date.date_end if date else None,
            "date_precision": date.precision if date else "unknown",
            "date_text": date.text if date else None,
            "trigger": hit.text,
            "summary": _summary(sentence.text, sentence.start, hit, actor1, place),
        }


def _is_caption_date(text: str, sentence: Sentence, date: DateMention) -> bool:
    """A photo caption's dateline ("... after a Russian attack in Slovyansk, Ukraine, Sunday,
    Aug. 28, 2022."): a weekday and full date closing the sentence after a comma date the photo,
    not the act it shows."""
    return (
        date.precision == "day"
        and _CAPTION_DATE.match(date.text) is not None
        and text[date.end : sentence.end].strip() in {"", ".", ")", ".)"}
        and text[max(sentence.start, date.start - 2) : date.start].strip() == ","
    )


def _char_distance(start: int, end: int, other_start: int, other_end: int) -> int:
    return max(0, other_start - end, start - other_end)


def _date_distance(text: str, hit: _Hit, date: DateMention) -> int | None:
    """How far a date is from a trigger, in characters; a little further for a trigger on the
    date's right, and further still when the date closes its clause before it ("referendums ...
    in September 2022, is a further escalation of the aggression": September is the
    referendums'). None when the date is a report's rather than the event's:

    - a report noun or reporting verb stands between them ("released Wednesday a report
      detailing ... executions", "the strike killed 13, officials said Monday");
    - the date follows a reporting verb and the reported act is earlier still ("said Saturday
      she had been kidnapped"; but "said Monday that people were killed in missile strikes" and
      "announced Wednesday that it is moving troops" keep the date).
    """
    lo, hi = (hit.end_char, date.start) if date.start >= hit.end_char else (date.end, hit.start_char)
    gap = text[lo:hi] if lo < hi else ""
    if not gap.strip():
        return 0  # "Monday's attacks", "attack Saturday"
    gap_words = _WORD.findall(gap.lower())
    if REPORT_NOUNS.intersection(gap_words) or REPORTING_VERBS.intersection(gap_words):
        return None
    if date.end > hit.start_char:
        return len(gap)
    before = _WORD.findall(text[max(0, date.start - 24) : date.start].lower())
    if before and before[-1] in REPORTING_VERBS and "had" in gap_words:
        return None
    return len(gap) + RIGHTWARD_PENALTY + (CLAUSE_PENALTY if gap.lstrip()[:1] in CLAUSE_MARKS else 0)


def _dates_by_trigger(text: str, hits: list[_Hit], dates: list[DateMention]) -> dict[int, DateMention]:
    """Pair dates with triggers, nearest pairs first, each date and each trigger at most once.
    A date reaches only the nearest trigger on either side of it (another trigger in between
    shields the far one). An undated trigger coordinated with a dated one ("mass protests and a
    brutal crackdown in 2020") shares its date, unless it is a generic word whose type no weapon
    confirmed ("armed attack and invasion": one act)."""
    pairs: list[tuple[int, int, int]] = []
    for number, date in enumerate(dates):
        left = [i for i, hit in enumerate(hits) if hit.end_char <= date.start]
        right = [i for i, hit in enumerate(hits) if hit.start_char >= date.end]
        inside = [i for i, hit in enumerate(hits) if hit.start_char < date.end and date.start < hit.end_char]
        for i in {*inside, *left[-1:], *right[:1]}:
            distance = _date_distance(text, hits[i], date)
            if distance is not None and distance <= MAX_DATE_DISTANCE:
                pairs.append((distance, number, i))
    owned: dict[int, DateMention] = {}
    used: set[int] = set()
    for _, number, i in sorted(pairs):
        if number not in used and i not in owned:
            owned[i] = dates[number]
            used.add(number)
    generic = {i for i, hit in enumerate(hits) if hit.row.refine == "weapon" and not hit.weapon}
    dated = dict(owned)
    for number in range(len(hits)):
        if number in owned:
            continue
        if number in generic:
            continue
        for neighbour in (number - 1, number + 1):
            if neighbour in owned and _coordinated(text, hits[min(number, neighbour)], hits[max(number, neighbour)]):
                dated[number] = owned[neighbour]
                break
    return dated


def _coordinated(text: str, first: _Hit, second: _Hit) -> bool:
    """Whether two triggers are joined by "and"/"or" with only a few words between."""
    between = _TOKEN.findall(text, first.end_char, second.start_char)
    return 0 < len(between) <= COORDINATION_GAP and between[0].lower() in COORDINATORS


def _actors(text: str, sentence_start: int, hit: _Hit, actors: list[ActorMention]) -> tuple[str | None, str | None]:
    """(actor1, actor2): who acted and whom it was done to.

    actor1 is "by X" after the trigger, else a demonym just before it ("Russian missile strike",
    "Russian long-range bombers struck"), else the nearest actor before it. In the passive ("was
    abducted"), the actor before the trigger is the target instead. actor2 is otherwise an actor
    right after the trigger introduced by "on", "against", "of"...
    """
    after = [a for a in actors if hit.end_char <= a.start <= hit.end_char + WORD_CHARS * TARGET_WINDOW]
    by_agent = next(
        (
            a.name
            for a in after
            if a.start <= hit.end_char + 40 and _words_between(text, hit.end_char, a.start)[-1:] == ["by"]
        ),
        None,
    )
    before = [a for a in actors if a.end <= hit.start_char]
    previous = _words_before(text, sentence_start, hit.start_char, 1)
    if previous and previous[0].lower() in PASSIVE_AUXILIARIES:
        return by_agent, (before[-1].name if before else None)
    actor1 = by_agent or _demonym_before(text, sentence_start, hit) or (before[-1].name if before else None)
    target = next((a for a in after if a.name != actor1), None)
    if target is not None:
        between = _words_between(text, hit.end_char, target.start)
        if between and between[0] in TARGET_WORDS and len(between) <= TARGET_WINDOW:
            return actor1, target.name
    return actor1, None


def _words_between(text: str, start: int, end: int) -> list[str]:
    """The lower-case words between two character offsets, without articles."""
    return [w for w in _WORD.findall(text[start:end].lower()) if w not in ARTICLES]


def _demonym_before(text: str, sentence_start: int, hit: _Hit) -> str | None:
    demonyms = load_lexicon().demonyms
    for word in reversed(_words_before(text, sentence_start, hit.start_char, DEMONYM_WINDOW)):
        if word.lower() in CLAUSE_BREAKS:
            break
        state = demonyms.get(word)
        if state:
            return state
    return None


def _place(hit: _Hit, places: list[PlaceMention]) -> PlaceMention | None:
    """The place of the sentence nearest the trigger; the more specific one at equal distance."""
    if not places:
        return None
    return min(
        places,
        key=lambda p: (
            _char_distance(hit.start_char, hit.end_char, p.start, p.end),
            PLACE_RANK.get(p.kind, len(PLACE_RANK)),
        ),
    )


def _summary(text: str, offset: int, hit: _Hit, actor1: str | None, place: PlaceMention | None) -> str:
    """ "<actor1> <trigger> in <location>" when either is known, else the clause around the trigger."""
    if actor1 or place:
        parts = [actor1 or "", hit.text, f"in {place.name}" if place else ""]
        return " ".join(p for p in parts if p)[:SUMMARY_CHARS]
    start = max(0, hit.start_char - offset - SUMMARY_CHARS // 2)
    end = min(len(text), hit.end_char - offset + SUMMARY_CHARS // 2)
    clause = text[start:end]
    if start > 0:
        clause = clause.split(" ", 1)[-1]
    if end < len(text):
        clause = clause.rsplit(" ", 1)[0]
    return clause.strip()[:SUMMARY_CHARS]
