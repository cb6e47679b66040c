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
- A date that opens the sentence ("On Saturday, Ukraine claimed Russian forces had fired ...")
  frames every act in it told in the past, and a report's date ("the strike killed 13, officials
  said Monday"; "said Monday that people were killed") dates the acts of the clause it reports
  when they are told in the simple past or as under way: the report's day is the act's latest day,
  and wire copy reports an act the day it happens. The tense is read from the clause with word
  lists (no tagger): a past perfect after "said Monday" (an earlier act), a present perfect
  ("have shelled for months"), a modal, an infinitive, a modifier ("the toll from the attack"), a
  relative or subordinate clause, or an anaphor ("the same attack") keeps the report's date off.
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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache
from itertools import compress, pairwise
from pathlib import Path
from typing import NamedTuple

from spacy.matcher import PhraseMatcher

from lib.extract.actors import TokenTexts, sentence_index, token_columns, token_texts
from lib.extract.dates import REPORTING_VERBS, WEEKDAYS, is_speech_date
from lib.ids import row_id
from lib.lexicon import load_lexicon
from lib.mentions import ActorMention, DateMention, Parsed, PlaceMention, Sentence
from lib.nlp import get_nlp
from lib.schema import EVENT_TYPES

TRIGGERS_PATH = Path(__file__).resolve().parents[2] / "data" / "event_triggers.csv"
ROLES = ("trigger", "weapon", "force", "prisoner", "war", "statehood", "ignore")
MAX_PHRASE_TOKENS = 8  # the longest lexicon phrase, in tokens
CONTEXT_WINDOW = 8  # tokens either side in which a trigger's required context must stand
MERGE_GAP = 6  # tokens between two triggers of one type that make them one event
HEDGE_WINDOW = 14  # tokens before a trigger searched for a hypothetical or negating word
DEMONYM_WINDOW = 4  # tokens before a trigger in which a demonym names its actor ("Russian long-range bombers")
TARGET_WINDOW = 5  # tokens after a trigger in which its target (actor2) may stand
SUMMARY_CHARS = 160
# Where a headline, caption or link runs into the next sentence with no full stop: a word, number,
# bracket or link, then a capitalised word that opens sentences and a lower-case word ("... faces
# winter By James Franey" (a byline), "Klein The biggest debate", "twitter.com/x Blinken also noted").
# Capitalised words that open sentences: one standing after a lower-case word marks a run-in.
RUN_IN_STARTERS = (
    *("The", "A", "An", "He", "She", "It", "They", "We", "In", "On", "But", "This", "These", "His", "Her"),
    *("Their", "Its", "After", "As", "By"),
)
_LINK_RUN_IN = re.compile(r"pic\.twitter\.com/\w+[ \t]+(?=[A-Z])")
# A photo credit: "(AP Photo/Evgeniy Maloletka)", "(Photo by X/Getty Images)", "Photo: X".
_CREDIT = re.compile(r"\([^()]*\b(?:Photo|photo|Getty|AFP|Reuters|AP|Images)\b[^()]*\)|\b(?:Photo|Credit|Image):[^.]*")
SPEAKER_CHARS = 48  # characters either side of an actor in which its reporting verb is looked for
_POSSESSIVE = re.compile(r"['’]s?\b")
_INVERTED = re.compile(
    r"""(?:[,"“”'‘’]\s*(?:""" + "|".join(sorted(REPORTING_VERBS)) + r""")|\baccording\s+to)\s+(?:the\s+)?$""",
    re.IGNORECASE,
)
_INVERTED_MARKS = frozenset(",\"“”'‘’")
SPEAKER_WORDS = 3  # words after an actor in which its reporting verb stands ("Zelensky, Ukraine's president, said")
SELF_PRONOUNS = frozenset({"it", "its", "they", "their", "we", "our"})
# Types of acts a speaker reports rather than does (at a meeting or a signing, a speaker took part).
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
# Types a weapon right before a trigger overrides ("rocket assault" is shelling, not a ground battle).
COMPOUND_TYPES = frozenset({"Battles", "Explosions/Remote violence"})
# Marks before the "one" that opens an enumeration of a plural act's parts, and the words of the later parts.
PART_MARKS = frozenset({",", ":", "—", "–", "-", "including"})
LATER_PARTS = frozenset({"other", "second", "third", "fourth", "latter"})

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
# Nouns for reports and speeches: a date on the far side of one from an act is the report's
# ("released on Tuesday a report detailing executions", "in his Wednesday briefing that ...").
REPORT_NOUNS = frozenset(
    {*("report", "reports", "study", "statement", "findings", "investigation", "survey", "review", "address"), "speech"}
    | {"briefing", "interview", "remarks", "comments", "tweet", "broadcast", "bulletin", "announcement"}
)
# Tenses of the clause a trigger stands in under which a report's date dates the act: an act told
# in the simple past or as under way ("the strike killed 13, officials said Monday", "announced
# Wednesday that it is moving troops") happened by the report's day, and wire copy reports it the
# day it happens; a sentence-initial date ("On Saturday, Ukraine claimed Russian forces had
# fired") frames the reported clause too, its backshifted past perfect included. A present
# perfect ("has shelled for months"), a past perfect after "said Monday" (an earlier act), a
# present, an infinitive or a modal keep the report's date off the act.
REPORT_TENSES = frozenset({"past", "progressive"})
FRAME_TENSES = frozenset({"past", "progressive", "pluperfect"})
# The auxiliaries of a verb group and the tense each marks.
AUXILIARIES = {
    **dict.fromkeys(("was", "were", "did"), "past"),
    **dict.fromkeys(("is", "are", "am", "'re", "does", "do"), "present"),
    **dict.fromkeys(("has", "have", "'ve", "having"), "perfect"),
    **dict.fromkeys(("had", "'d"), "pluperfect"),
    **dict.fromkeys(("will", "would", "shall", "should", "can", "could", "may", "might", "must", "'ll"), "irrealis"),
    **dict.fromkeys(("be", "been", "being"), ""),
}
# Past forms that do not end in -ed, and -ed words that are no past forms.
IRREGULAR_PAST = frozenset(
    {
        *("struck", "hit", "shot", "fought", "took", "taken", "began", "begun", "broke", "broken", "fell", "fallen"),
        *("held", "led", "sent", "left", "made", "gave", "given", "came", "went", "gone", "saw", "seen", "won"),
        *("lost", "blew", "blown", "drove", "driven", "flew", "flown", "ran", "threw", "thrown", "brought", "caught"),
        *("hid", "hidden", "overran", "overrun", "sank", "sunk", "slain", "swept", "withdrew", "withdrawn", "met"),
        *("put", "cut", "set", "beat", "beaten", "tore", "torn", "shook", "stole", "stolen", "spread", "burnt"),
        *("woke", "sought", "fled", "rode", "rose", "risen", "dealt", "kept", "found", "felt", "heard", "told"),
        *("come", "become", "done", "run", "won", "shut", "struck", "bled", "fed", "led", "wound", "bound"),
    }
)
# Verbs that judge or describe an act rather than report it happening ("the attacks amounted to
# genocide", "the strike marked an escalation").
STATIVE_VERBS = frozenset(
    {*("amounted", "constituted", "represented", "marked", "meant", "seemed", "appeared", "remained"), "became"}
    | {"showed", "proved", "resembled", "amounts", "constitutes", "represents", "marks", "means", "remains"}
)
# Verbs whose infinitive complement took place ("were forced to withdraw", "began to shell").
IMPLICATIVE_VERBS = frozenset({"forced", "managed", "began", "started", "continued", "compelled", "obliged", "moved"})
NOT_PAST = frozenset(
    {
        *("need", "hundred", "speed", "seed", "feed", "indeed", "breed", "creed", "greed", "steed", "shed", "deed"),
        "heed",
    }
    | {"reed", "weed", "sled", "bred", "sped"}
)
ADVERBS = frozenset(
    {*("also", "already", "reportedly", "allegedly", "apparently", "just", "then", "still", "again", "later"), "not"}
    | {"n't", "never", "once", "earlier", "first", "now", "even", "too", "all", "both"}
)
DETERMINERS = frozenset(
    {*("a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my", "your"), "'s"}
    | {"some", "any", "each", "every", "another", "no", "’s"}
)
PREPOSITIONS = frozenset(
    {*("of", "from", "about", "over", "for", "on", "in", "at", "with", "against", "by", "to", "into", "after"), "off"}
    | {"before", "during", "near", "around", "across", "through", "under", "behind", "amid", "despite", "upon"}
    | {"following", "toward", "towards", "out", "within", "without", "between", "among", "via", "like", "than"}
)
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "you", "them", "him", "us", "me", "there", "who", "which"})
# Words that open a subordinate or relative clause: an act there is not the report's news.
SUBORDINATORS = frozenset(
    {*("after", "before", "since", "when", "while", "because", "although", "though", "if", "unless", "until"), "once"}
    | {"which", "who", "whom", "whose", "where", "whereas"}
)
# Subordinators of a clause of the same time as its sentence's ("On Monday, when missiles struck").
TEMPORAL_SUBORDINATORS = frozenset({"when", "as", "while", "after", "once"})
# Nouns of number before "of" that leave the act the head of its phrase ("a flurry of strikes").
QUANTITY_NOUNS = frozenset(
    {*("flurry", "wave", "waves", "series", "barrage", "spate", "number", "dozens", "hundreds", "round"), "rounds"}
    | {"volley", "salvo", "string", "succession", "lot", "couple", "pair", "handful", "kind", "type"}
)
# Determiners that point back to an act told before ("the same attack", "that strike").
ANAPHORS = frozenset({"same", "that", "this", "these", "those"})
TENSE_BREAKS = frozenset({",", ";", ":", "(", ")", "—", "–", "--"})
QUOTE_MARKS = frozenset({'"', "“", "”"})
MODIFIER_WORDS = 3  # words of a trigger's own phrase before it ("heavy Russian missile strikes")
VERB_SEARCH = 12  # tokens after a subject in which its verb is looked for
AUXILIARY_REACH = 5  # tokens before a verb in which its auxiliaries stand ("had also reportedly been")
ATTRIBUTION_WORDS = 8  # words of an attribution's subject (", Dnipropetrovsk Gov. Valentyn Reznichenko said")
# Words that open what a report noun is about ("a report detailing", "an investigation into").
CONTENT_WORDS = frozenset(
    {*("detailing", "describing", "documenting", "on", "about", "into", "of", "that", "listing", "saying"), "which"}
    | {"showing", "accusing", "citing", "alleging", "claiming", "outlining", "regarding", "concerning"}
)
CLAUSE_JOINS = frozenset({"and", "or", "but"})
HYPHENS = frozenset({"-", "–"})
# Words after which a past form is an adjective ("the occupied city", "war-torn", "in occupied Crimea").
NOT_BEFORE_VERBS = frozenset({*DETERMINERS, *PREPOSITIONS, *HYPHENS})
# Words that cannot stand in a noun phrase's modifiers: after one, a trigger is in a clause.
NOT_MODIFIERS = frozenset({*AUXILIARIES, *PRONOUNS, "that", "to"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "it", "i", "you"})
# Time words that may stand between a reporting verb and its pronoun subject ("said yesterday they").
TIME_WORDS = frozenset(
    {"today", "yesterday", "tonight", "night", "morning", "afternoon", "evening", "earlier", "later"}
)
SKIPPED_AFTER_REPORT = frozenset({"that", "on", "late", "early", *TIME_WORDS})
_ATTRIBUTION_MARK = re.compile(r'[,;:—–]|["”]')
# Punctuation right after a date that closes its clause, and the distance (characters) it adds
# to a trigger on the date's right.
CLAUSE_MARKS = (",", ";", ":", "(", ")", '"', "—", "–")
CLAUSE_BOUNDS = (",", ";", "(", ")", "—", "–")  # the marks that end a report's clause (not a colon or quote)
CLAUSE_PENALTY = 40
# A date more often follows the act it dates ("shelled on Monday") than precedes it: a trigger on
# the date's right is this many characters further away.
RIGHTWARD_PENALTY = 15
MAX_DATE_DISTANCE = 120  # characters (with penalties) beyond which a date dates no trigger
FRONT_WORDS = 6  # words before a sentence-opening date ("In his nightly address on Thursday, ...")
# Words that open a sentence-initial adverbial ("On Saturday", "Earlier Thursday", "In his address").
FRONT_OPENERS = frozenset(
    {*PREPOSITIONS - {"after", "before", "until", "following"}, "earlier", "later", "late", "early", "last", "this"}
    | {"also", "then", "and", "but", "yet"}
    | {"meanwhile", "since", "as", "speaking", "overnight", "by", "until", "even", "only", "just"}
)
FRONT_CONTENT_WORDS = 2  # nouns and adjectives in it ("In his nightly address on Thursday")
FRONT_TAIL_WORDS = 2  # words between it and its comma ("Saturday night, ...")
REPORT_REACH = 5  # tokens before "that" in which its reporting verb stands ("said late on Monday that")
REPORT_CHARS = 24  # characters between a report's date and its verb or "that" ("said late on Monday that")
_WORD = re.compile(r"[a-z]+")
_ANY_WORD = re.compile(r"[A-Za-z]+")
# A clause joined after a comma or semicolon: a date after it belongs to that clause.
_NEXT_CLAUSE = re.compile(r"[,;]\s*(?:and|but|while|whereas|although|though|yet)\b|;")
RELATIVES = frozenset({"who", "which", "whom", "whose"})
_TIME_OF_DAY = re.compile(r"\s*(?:midnight|dawn|dusk|noon|sunrise|sunset|nightfall|daybreak|\d)", re.IGNORECASE)
# Words after a date that bring in another act than the one the date belongs to.
_OTHER_ACT = re.compile(
    r",?\s*\b(?:(?:in|as)\s+(?:retaliation|response|revenge|reprisal)\s+(?:for|to)|after|following|before|since|"
    r"(?:days|weeks|months|hours)\s+(?:after|before))\b",
    re.IGNORECASE,
)
# A second clause with its own auxiliary after "and"/"but": a date after it is that clause's.
_JOINED_CLAUSE = re.compile(
    r"\b(?:and|but)\s+(?:[A-Za-z.'’]+\s+){1,3}?(?:could|would|will|can|may|might|should|must|is|are|was|were|has|have|had)\b"
)
# Words and punctuation as the tokenizer splits them, near enough ("didn't" -> "did", "n't").
# (The first branch is a shortcut, taken at once by a word not ending in "n", which the "n't" split
# cannot cut: the others alone tokenize the same, but backtrack through every word.)
_TOKEN = re.compile(r"[A-Za-z]++(?:-[A-Za-z]+)*+(?<!n)|[A-Za-z]+(?=n't)|n't|[A-Za-z]+(?:-[A-Za-z]+)*|\d+|[^\sA-Za-z\d]")
WORD_CHARS = 12  # characters per word when reading back a few words
_CAPTION_DATE = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? .*\b(?:19|20)\d\d$")
# Words introducing the target of an act ("an attack on Kyiv", "the invasion of Ukraine").
TARGET_WORDS = frozenset({"on", "against", "targeting", "at", "of", "into", "with"})
# Specificity of a place kind when two places are equally near a trigger.
PLACE_RANK = {"facility": 0, "city": 1, "area": 2, "region": 3, "country": 4}


class _Tokens(NamedTuple):
    """The token range of a sentence: its first token and one past its last."""

    start: int
    end: int


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
    head: int = -1  # the trigger's own first token, before a weapon verb took in its weapons


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
    text = parsed.document.text
    matcher, rows = _matcher()
    triggers: dict[int, list[_Hit]] = {}
    context: list[_Hit] = []
    token_starts, lengths = token_columns(parsed)
    for key, start, end in matcher(parsed.doc):
        row = rows[key]
        start_char, end_char = token_starts[start], token_starts[end - 1] + lengths[end - 1]
        hit = _Hit(
            row,
            start,
            end,
            start_char,
            end_char,
            row.event_type,
            row.sub_event_type,
            text[start_char:end_char],
            head=start,
        )
        if row.role in {"trigger", "ignore"}:
            triggers.setdefault(sentence_index(parsed, start_char), []).append(hit)
        else:
            context.append(hit)
    context.sort(key=lambda c: c.start)
    starts = [c.start for c in context]
    events: list[dict] = []
    words = token_texts(parsed) if triggers else None
    links = [m.end() for m in _LINK_RUN_IN.finditer(text)] if "pic.twitter.com/" in text else []
    for sentence, hits in sorted(triggers.items()):
        # the typed triggers, each with the offset it had before a weapon took it in (which
        # says what part of a cut sentence it stands in); a sentence with none is not cut
        typed: list[tuple[int, _Hit]] = []
        for hit in _longest(hits):
            at = hit.start_char
            if hit.row.role == "trigger" and _typed(hit, _near(context, starts, hit)):
                typed.append((at, hit))
        if not typed:
            continue
        run_ins = _run_ins(words, text, parsed.sentences[sentence], links)
        for segment in _segments(parsed, parsed.sentences[sentence], run_ins):
            kept = [
                hit for at, hit in typed if segment.start <= at < segment.end and not _hedged(text, segment.start, hit)
            ]
            if kept:
                tokens = _Tokens(
                    bisect.bisect_left(token_starts, segment.start), bisect.bisect_left(token_starts, segment.end)
                )
                parts = _split_parts(parsed, segment, tokens, _merged(text, kept))
                events.extend(_sentence_events(parsed, segment, tokens, parts))
    return events


def _run_ins(words: TokenTexts, text: str, sentence: Sentence, links: list[int]) -> list[int]:
    """The character offsets inside a sentence at which a headline, a caption, a byline or a link
    runs into the next sentence with no full stop: a word, number or bracket, one space, then a
    capitalised word that opens sentences and a lower-case word ("Klein The biggest debate"), a
    byline ("... winter By James Franey") or the text after a link ("twitter.com/x Blinken also
    noted"; ``links``: the offsets after the document's links). Only the sentences holding a
    trigger are read, token by token (``words``: the document's token texts)."""
    starts = words.starts
    n = len(starts)
    cuts: list[int] = []
    # tokens starting strictly inside the sentence (a cut at its start would cut nothing)
    lo, hi = bisect.bisect_right(starts, sentence.start), bisect.bisect_left(starts, sentence.end)
    # the starters among the tokens, picked with no Python step per token (sentences can be long)
    for i in compress(range(lo, hi), map(_RUN_IN_STARTERS.__contains__, words[lo:hi])):
        at = starts[i]
        if i == 0 or i + 1 >= n or at < 2 or text[at - 1] != " ":
            continue
        previous = text[at - 2]
        if not (previous.islower() or previous.isdigit() or previous == ")"):
            continue
        following = text[starts[i + 1] : starts[i + 1] + 1]
        if text.startswith("By", at):
            if following.isupper() and i + 2 < n and text[starts[i + 2] : starts[i + 2] + 1].isupper():
                cuts.append(at)
        elif following.islower():
            cuts.append(at)
    cuts.extend(link for link in links if sentence.start < link < sentence.end)
    return sorted(cuts)


_RUN_IN_STARTERS = frozenset(RUN_IN_STARTERS)


def _segments(parsed: Parsed, sentence: Sentence, run_ins: list[int]) -> list[Sentence]:
    """The parts of a sentence that a headline, a caption or a link runs into with no full stop
    (see :func:`_run_ins`): each is read as a sentence of its own, so that a date, a tense or an
    actor of one never reaches the acts of another. A part that is only a date (a timeline's
    "Aug. 14 A senior diplomat said ...") stays with the text it heads."""
    lo, hi = bisect.bisect_right(run_ins, sentence.start), bisect.bisect_left(run_ins, sentence.end)
    cuts = [cut for cut in run_ins[lo:hi] if not _only_date(parsed, sentence.index, sentence.start, cut)]
    if not cuts:
        return [sentence]
    text = parsed.document.text
    bounds = [sentence.start, *cuts, sentence.end]
    return [
        sentence._replace(start=start, end=end, text=text[start:end]) for start, end in pairwise(bounds) if start < end
    ]


def _only_date(parsed: Parsed, index: int, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds nothing but date mentions and punctuation."""
    text = parsed.document.text
    rest = list(text[start:end])
    for date in parsed.in_sentence("dates", index):
        if start <= date.start and date.end <= end:
            rest[date.start - start : date.end - start] = " " * (date.end - date.start)
    return not any(c.isalnum() for c in rest)


def _longest(hits: list[_Hit]) -> list[_Hit]:
    """Non-overlapping triggers, the longest first ("missile strike" over "strike")."""
    if len(hits) == 1:
        return hits
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
    compound = next((c for c in near if c.row.role == "weapon" and c.end == hit.start), None)
    if compound is not None and row.event_type in COMPOUND_TYPES:
        # a weapon naming the act it modifies: "rocket assault", "drone raid", "artillery duel"
        hit.event_type, hit.sub_event_type = compound.row.event_type, compound.row.sub_event_type
        hit.weapon = True
        hit.start, hit.start_char = compound.start, compound.start_char
        return True
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
    # Most triggers have no hedge word and no "to be" before them: a look at the runs of letters
    # of the text the words are read from rules that out before tokenizing it.
    window = text[max(sentence_start, hit.start_char - WORD_CHARS * HEDGE_WINDOW) : hit.start_char]
    if (
        "n't" not in window
        and _HEDGE_RUNS.isdisjoint(map(str.lower, _LETTER_RUN.findall(window)))
        and not (hit.end - hit.start == 1 and window.rstrip()[-2:].lower() == "be")
    ):
        return False
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


# The lower-cased words a hedge may be (the hedge words and "may"), for a quick test on runs of
# letters: a word token of ``_TOKEN`` is a whole run of letters or the part of one before "n't"
# (or a hyphenated word, whose runs are tested instead: a superset).
_HEDGE_RUNS = frozenset({*HEDGE_WORDS, "may"})
_LETTER_RUN = re.compile(r"[A-Za-z]+")


def _words_before(text: str, lo: int, end: int, count: int) -> list[str]:
    """The last ``count`` words and punctuation marks of ``text[lo:end]``, as written."""
    return _TOKEN.findall(text, max(lo, end - WORD_CHARS * count), end)[-count:]


def _merged(text: str, hits: list[_Hit]) -> list[_Hit]:
    """Triggers of one type a few tokens apart become one event spanning both, and so does a
    generic word no weapon typed a few tokens after another act ("repelled an attack"), unless a
    word bringing in another act stands between ("strikes on Monday following an attack")."""
    merged: list[_Hit] = []
    for hit in hits:
        generic = hit.row.refine == "weapon" and not hit.weapon
        previous = next(
            (
                m
                for m in reversed(merged)
                if (generic or (m.event_type, m.sub_event_type) == (hit.event_type, hit.sub_event_type))
                and hit.start - m.end <= MERGE_GAP
                and not _OTHER_ACT.search(text, m.end_char, hit.start_char)
            ),
            None,
        )
        if previous is None:
            merged.append(hit)
        else:
            previous.end, previous.end_char = max(previous.end, hit.end), max(previous.end_char, hit.end_char)
    return merged


def _split_parts(parsed: Parsed, sentence: Sentence, tokens: _Tokens, hits: list[_Hit]) -> list[_Hit]:
    """A plural trigger followed by its parts one by one ("two strikes, one in March on a theatre
    and another in April on a station") is as many events as parts, each spanning the words of
    its part, so that each takes its own date and place."""
    words = token_texts(parsed)
    out: list[_Hit] = []
    for number, hit in enumerate(hits):
        if not hit.text.lower().endswith("s"):
            out.append(hit)
            continue
        end = hits[number + 1].start if number + 1 < len(hits) else tokens.end
        parts = _part_openers(words, hit.end, end)
        if len(parts) < 2:
            out.append(hit)
            continue
        bounds = [p[0] for p in parts[1:]] + [end]
        for (part_start, part_end), bound in zip(parts, bounds, strict=True):
            # a part reaches to the next one: "one in March on a theatre and" | "another in April ..."
            reach = bound
            while reach - 1 > part_end and (_is_punct(words[reach - 1]) or words[reach - 1].lower() in CLAUSE_JOINS):
                reach -= 1
            part = replace(hit, start=part_start, end=reach, head=part_start)
            part.start_char = words.starts[part_start]
            part.end_char = words.starts[reach - 1] + words.lengths[reach - 1]
            part.text = f"{hit.text} ({words.joined(part_start, part_end)})"
            out.append(part)
    return out


def _part_openers(words: TokenTexts, start: int, end: int) -> list[tuple[int, int]]:
    """The token spans of the words that open each part of an enumeration between ``start`` and
    ``end``: a first ("one" after a comma, colon or dash; "the first") and the later ones
    ("another", "the other", "a second", "the third")."""
    parts: list[tuple[int, int]] = []
    for k in range(start, end):
        word = words[k].lower()
        following = words[k + 1].lower() if k + 1 < end else ""
        if not parts:
            if word == "one" and words[k - 1] in PART_MARKS and following != "of":
                parts.append((k, k + 1))
            elif word == "first" and words[k - 1].lower() == "the":
                parts.append((k - 1, k + 1))
        elif word == "another" or (word in LATER_PARTS and words[k - 1].lower() in {"the", "a"}):
            parts.append((k - 1, k + 1) if word != "another" else (k, k + 1))
    return parts


def _sentence_events(parsed: Parsed, sentence: Sentence, tokens: _Tokens, hits: list[_Hit]) -> Iterable[dict]:
    """The rows of one sentence's (or one run-in part's) events."""
    if not hits:
        return
    index = sentence.index

    def inside(layer: str) -> list:
        return [m for m in parsed.in_sentence(layer, index) if sentence.start <= m.start and m.end <= sentence.end]

    own_dates = [d for d in inside("dates") if not _is_caption_date(parsed.document.text, sentence, d)]
    dates = _dates_by_trigger(parsed, sentence, tokens, hits, own_dates)
    actors = inside("actors")
    roles: tuple[list[ActorMention], list[ActorMention]] | None = None  # (agents, speakers), read when needed
    places = [p for p in inside("places") if p.role == "place"]
    first = tokens.start
    for number, hit in enumerate(hits):
        date = dates.get(number)
        violent = hit.event_type in VIOLENT_TYPES
        if roles is None and actors and violent:
            roles = _agents(parsed.document.text, sentence, actors)
        candidates = roles[0] if violent and roles is not None else actors
        actor1, actor2 = _actors(parsed.document.text, sentence.start, hit, candidates)
        if actor1 is None and actors:
            if roles is None:
                roles = _agents(parsed.document.text, sentence, actors)
            if roles[1]:
                actor1 = _speaker_as_subject(token_texts(parsed), first, hit, roles[1])
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


def _date_link(
    text: str, hit: _Hit, date: DateMention, *, lo: int, speech: Callable[[], bool]
) -> tuple[str, int] | None:
    """How a date of the sentence starting at ``lo`` (``speech()``: whether it is one next to a
    reporting verb or a speech noun, see :func:`lib.extract.dates.is_speech_date`, asked only when
    it matters) bears on a trigger: ``("event", distance)``
    for a date of the act itself, nearer the smaller the distance (characters, a little further
    for a trigger on the date's right, further still when the date closes its clause before it:
    "referendums ... in September 2022, is a further escalation"); ``("report", 0)`` for the date
    of a report or speech that may tell the act ("the strike killed 13, officials said Monday",
    "said Monday that people were killed"); None for a date on the far side of a reporting verb
    that dates no report, or of a report noun whose subject the act is ("released on Tuesday a
    report detailing executions")."""
    start, end = (hit.end_char, date.start) if date.start >= hit.end_char else (date.end, hit.start_char)
    gap = text[start:end] if start < end else ""
    if not gap.strip():
        return "event", 0  # "Monday's attacks", "attack Saturday"
    gap_words = _WORD.findall(gap.lower())
    if REPORTING_VERBS.intersection(gap_words):
        return ("report", 0) if speech() else None
    if date.end <= hit.start_char and speech():
        if any(mark in gap for mark in CLAUSE_BOUNDS):
            return None  # another clause: "told Reuters on Monday, after Russia fired missiles"
        if ":" in gap or QUOTE_MARKS.intersection(gap):
            return "report", 0  # 'said on Monday: "Russian forces shelled ...', 'said that "attacks ..."'
        content = [w for w in gap_words if w not in DETERMINERS]
        if len(content) > MODIFIER_WORDS or any(w in NOT_MODIFIERS or _past_form(w) for w in gap_words):
            return "report", 0  # "said on Monday Russian forces shelled ...": the report's content
        # otherwise the act is what was announced: "announced on February 24 the invasion"
    if REPORT_NOUNS.intersection(gap_words):
        return None  # "released on Tuesday a report detailing executions": the report's date
    if date.end <= hit.start_char and _OTHER_ACT.match(gap):
        return None  # "launched strikes on Monday in retaliation for an attack": another, earlier act
    if date.end > hit.start_char:
        connective = _OTHER_ACT.search(gap)
        if connective and not _TIME_OF_DAY.match(gap, connective.end()):
            return None  # the date of the act brought in: "the attack came after troops took Chernobyl on Feb 24"
        if _NEXT_CLAUSE.search(gap) and _verb_follows(text, date.end):
            return None  # a date of the next clause: "... the invasion, and the US in March declared ..."
        if _JOINED_CLAUSE.search(gap):
            return None  # "Putin started this war and Putin could end it today"
        if any(mark in gap for mark in CLAUSE_BOUNDS) and _in_relative_clause(text, lo, hit):
            return None  # "troops who captured the zone, were brought to Gomel today"
        return "event", len(gap)
    if gap.lstrip()[:1] in CLAUSE_MARKS or any(mark in gap for mark in CLAUSE_BOUNDS):
        opening = _ANY_WORD.match(text, lo)
        if opening and opening.group().lower() in SUBORDINATORS - TEMPORAL_SUBORDINATORS:
            return None  # the date's clause opens the sentence: "Before schools reopen on Sept. 1, ..."
        return "event", len(gap) + RIGHTWARD_PENALTY + CLAUSE_PENALTY
    return "event", len(gap) + RIGHTWARD_PENALTY


def _verb_follows(text: str, end: int) -> bool:
    """Whether a verb is among the first words after ``end`` ("in March declared", "on Monday
    had"), which makes the date there part of a clause of its own."""
    words = _WORD.findall(text[end : end + 2 * WORD_CHARS].lower())[:2]
    return any(w in AUXILIARIES or w in REPORTING_VERBS or _past_form(w) for w in words)


def _in_relative_clause(text: str, lo: int, hit: _Hit) -> bool:
    """Whether a trigger stands in a relative clause that opens after the last comma before it
    ("troops who captured the zone")."""
    head = text[lo : hit.start_char]
    cut = max(head.rfind(mark) for mark in CLAUSE_BOUNDS)
    return bool(RELATIVES.intersection(_WORD.findall(head[cut + 1 :].lower())))


def _about_report(words: list[str]) -> bool:
    """Whether a report noun and a word introducing its subject stand among ``words`` ("a report
    detailing", "an investigation into", "a statement on"): the act after them is what the report
    is about, and the report's date is not the act's."""
    return any(
        word in REPORT_NOUNS and CONTENT_WORDS.intersection(words[i + 1 : i + 3]) for i, word in enumerate(words)
    )


def _fronted(text: str, sentence: Sentence, date: DateMention) -> bool:
    """Whether a date opens its sentence in an adverbial set off by a comma ("On Saturday, ...",
    "Earlier Thursday, ...", "In his Monday address, ...", "In an update on Saturday morning,
    ..."): it frames the whole sentence."""
    head = _WORD.findall(text[sentence.start : date.start].lower())
    if len(head) > FRONT_WORDS or any(mark in text[sentence.start : date.start] for mark in CLAUSE_MARKS):
        return False
    if head and (head[0] not in FRONT_OPENERS or any(w in AUXILIARIES or _past_form(w) for w in head)):
        return False
    content = [w for w in head[1:] if w not in DETERMINERS and w not in PREPOSITIONS]
    if len(content) > (1 if head and head[0] in SUBORDINATORS else FRONT_CONTENT_WORDS):
        return False  # a clause, not a phrase: "Before schools reopen on Sept. 1, ..."
    tail = text[date.end : sentence.end]
    comma = tail.find(",")
    return comma >= 0 and len(_WORD.findall(tail[:comma].lower())) <= FRONT_TAIL_WORDS


def _dates_by_trigger(
    parsed: Parsed, sentence: Sentence, tokens: _Tokens, hits: list[_Hit], dates: list[DateMention]
) -> dict[int, DateMention]:
    """Pair dates with triggers.

    A date of an act goes to the nearest trigger, nearest pairs first, each date and each trigger
    at most once; it reaches only the nearest trigger on either side of it (another trigger in
    between shields the far one). An undated trigger coordinated with a dated one ("mass protests
    and a brutal crackdown in 2020") shares its date, unless it is a generic word whose type no
    weapon confirmed ("armed attack and invasion": one act). A trigger still undated takes the
    date that opens its sentence, or else the date of the report that tells it, when the tense of
    its clause allows (see ``REPORT_TENSES``), it stands in the reported clause itself (not in a
    relative or subordinate one) and it does not point back to an act told before ("killed in the
    same attack")."""
    text = parsed.document.text
    lo, hi = sentence.start, sentence.end
    pairs: list[tuple[int, int, int]] = []
    reports: dict[int, list[DateMention]] = {}
    fronted = [d for d in dates if _fronted(text, sentence, d)]
    for number, date in enumerate(dates):
        known: list[bool] = []  # whether the date is a speech's, read once and only when a trigger needs it

        def speech(date: DateMention = date, known: list[bool] = known) -> bool:
            if not known:
                known.append(is_speech_date(text, date.start, date.end, lo=lo, hi=hi))
            return known[0]

        left = [i for i, hit in enumerate(hits) if hit.end_char <= date.start]
        right = [i for i, hit in enumerate(hits) if hit.start_char >= date.end]
        inside = [i for i, hit in enumerate(hits) if hit.start_char < date.end and date.start < hit.end_char]
        nearest = {*inside, *left[-1:], *right[:1]}
        for i, hit in enumerate(hits):
            if date in fronted and text.find(",", date.end, hit.start_char) >= 0:
                continue  # a sentence-opening date frames the acts after its comma (below)
            link = _date_link(text, hit, date, lo=lo, speech=speech)
            if link is None:
                continue
            kind, distance = link
            if kind == "report":
                if date.precision == "day" and (date.start < hit.start_char or _attributed_after(text, hit, date)):
                    reports.setdefault(i, []).append(date)
            elif i in nearest and distance <= MAX_DATE_DISTANCE:
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
        if number in owned or number in generic:
            continue
        for neighbour in (number - 1, number + 1):
            if neighbour in owned and _coordinated(text, hits[min(number, neighbour)], hits[max(number, neighbour)]):
                dated[number] = owned[neighbour]
                break
    if not fronted and not reports:
        return dated
    words = token_texts(parsed)
    first = tokens.start
    for number, hit in enumerate(hits):
        if number in dated:
            continue
        frame = next((d for d in reversed(fronted) if d.end <= hit.start_char and _framed(text, d, hit)), None)
        told = reports.get(number)
        if frame is None and not told:
            continue
        if _anaphoric(words, first, hit):
            continue
        opening = _clause_opening(words, first, hit)
        told = [
            d
            for d in told or ()
            if opening is not None and (d.start > hit.start_char or _reports_clause(text, words, opening, first, d))
        ]
        if frame is not None and _clause_opening(words, first, hit, temporal=True) is None:
            frame = None
        if frame is None and not told:
            continue
        tense = _tense(words, first, tokens.end, hit)
        if frame is not None and tense in FRAME_TENSES:
            dated[number] = frame
        elif told and tense in REPORT_TENSES:
            dated[number] = min(told, key=lambda d: _char_distance(hit.start_char, hit.end_char, d.start, d.end))
    return dated


def _attributed_after(text: str, hit: _Hit, date: DateMention) -> bool:
    """Whether a report's date after a trigger closes an attribution set off from the act by a
    comma or a quotation's end: ", officials said Monday", '," the governor said on Monday',
    ", said a senior official on Monday"; not "... protests when it was announced last month"."""
    segment = text[hit.end_char : date.start]
    words = list(_WORD.finditer(segment.lower()))
    verb = next((w for w in reversed(words) if w.group() in REPORTING_VERBS), None)
    if verb is None:
        return False
    marks = [m.end() for m in _ATTRIBUTION_MARK.finditer(segment, 0, verb.start())]
    if not marks:
        return False
    subject = _WORD.findall(segment[marks[-1] : verb.start()].lower())
    return len(subject) <= ATTRIBUTION_WORDS and not SUBORDINATORS.intersection(subject) and "that" not in subject


def _framed(text: str, date: DateMention, hit: _Hit) -> bool:
    """Whether a sentence-opening date frames a trigger after it: no report noun with its
    subject stands between the date's own phrase and the trigger ("On Monday, the mission
    released a report detailing executions": the executions are the report's subject)."""
    comma = text.find(",", date.end, hit.start_char)
    return comma >= 0 and not _about_report(_WORD.findall(text[comma : hit.start_char].lower()))


# Lexical flags of a token read through its text (one cached vocabulary lookup per distinct word,
# not a spaCy Token per position): a token's flags are those of the lexeme of its text.
@cache
def _like_num(word: str) -> bool:
    return get_nlp().vocab[word].like_num


@cache
def _is_lower(word: str) -> bool:
    return get_nlp().vocab[word].is_lower


@cache
def _is_alpha(word: str) -> bool:
    return get_nlp().vocab[word].is_alpha


@cache
def _is_punct(word: str) -> bool:
    return get_nlp().vocab[word].is_punct


def _past_form(word: str) -> bool:
    return word in IRREGULAR_PAST or (len(word) > 3 and word.endswith("ed") and word not in NOT_PAST)


def _is_verb(words: TokenTexts, k: int, lo: int, trigger: int = -1) -> bool:
    """Whether the past form at ``k`` is a verb rather than an adjective: it is after an
    auxiliary ("were killed"), or neither after a determiner, a preposition or a hyphen ("the
    occupied city", "in occupied Crimea", "Russian-annexed") nor right before the trigger, which
    it would modify ("renewed attacks", "alleged war crimes")."""
    previous = words[k - 1].lower() if k > lo else ""
    if previous in AUXILIARIES:
        return True
    return previous not in NOT_BEFORE_VERBS and k + 1 != trigger


def _verb_tense(words: TokenTexts, m: int, lo: int) -> str | None:
    """The tense of the verb group whose main verb is at ``m``: past, progressive, present,
    perfect, pluperfect, irrealis (modal, future, infinitive), or None (a gerund, no verb)."""
    auxiliaries: list[str] = []
    j = m - 1
    while j >= lo and m - j <= AUXILIARY_REACH:
        word = words[j].lower()
        if word in AUXILIARIES or word == "to":
            auxiliaries.append(word)
        elif word in CLAUSE_JOINS and j > lo and _past_form(words[j - 1].lower()):
            j -= 1  # a second participle shares the first's auxiliaries: "has been empowered and emboldened"
        elif not _adverb(word):
            break
        j -= 1
    kinds = {AUXILIARIES.get(a, "irrealis") for a in auxiliaries}
    word = words[m].lower()
    if "irrealis" in kinds:
        return "irrealis"
    if "pluperfect" in kinds:
        return "pluperfect"
    if "perfect" in kinds:
        return "perfect"
    if word.endswith("ing"):
        return "progressive" if kinds & {"past", "present"} else None
    if "present" in kinds:
        return "progressive" if "being" in auxiliaries else "present"
    if "past" in kinds or _past_form(word):
        return "past"
    return None


def _adverb(word: str) -> bool:
    return word in ADVERBS or word.endswith("ly")


def _group_tense(words: TokenTexts, k: int, lo: int, hi: int, *, possession: bool = False) -> str | None:
    """The tense of the verb group that has a verb at ``k``: an auxiliary is followed to its main
    verb. An auxiliary with none is a copula, no act ("the strikes were a response": None),
    unless it says the act was there ("there was a direct hit") or, for a trigger after it
    (``possession``), that someone had it ("Russia and Ukraine had a tentative agreement")."""
    word = words[k].lower()
    if word in STATIVE_VERBS:
        return None  # "the attacks amounted to genocide": a judgement, no act
    if word not in AUXILIARIES:
        return _verb_tense(words, k, lo)
    if AUXILIARIES[word] == "irrealis":
        return "irrealis"  # "will strike", "could hit"
    m = k + 1
    while m < hi and (words[m].lower() in AUXILIARIES or _adverb(words[m].lower())):
        m += 1
    if m < hi and (_past_form(words[m].lower()) or words[m].lower().endswith("ing")):
        return _verb_tense(words, m, lo)
    if m == k + 1 and possession and (word in {"had", "has", "have"} or (k > lo and words[k - 1].lower() == "there")):
        return "past" if word in {"had", "was", "were"} else "present"
    return None


def _tense(words: TokenTexts, lo: int, hi: int, hit: _Hit) -> str | None:
    """The tense of the clause a trigger stands in (tokens ``lo``..``hi`` bound its sentence): the
    trigger's own when it is a verb ("shelled", "had fired", "were shelling"); else the verb before it
    that takes it as object or complement ("were killed in missile strikes"); else, when it heads
    its clause's subject, the verb after it ("the strike killed 13"). A trigger in a modifier ("the
    toll from the attack rose"), an infinitive ("planned to assault"), a participle after its
    clause's verb ("destroyed equipment stationed there") or a relative clause with no pronoun
    ("the sites he had visited") has no tense of its own (None)."""
    head = hit.head if hit.head >= 0 else hit.start
    word = words[head].lower()
    previous = words[head - 1].lower() if head > lo else ""
    if previous in HYPHENS:
        return None  # part of a modifier: "Russian-annexed Crimea", "Russian-backed forces"
    if previous == "to" and not word.endswith("ing"):
        # an infinitive, unless its verb says the act took place ("were forced to withdraw")
        verb = words[head - 2].lower() if head - 2 >= lo else ""
        return _verb_tense(words, head - 2, lo) if verb in IMPLICATIVE_VERBS else "irrealis"
    if word.endswith("ing") and previous in AUXILIARIES:
        return _verb_tense(words, head, lo)
    if _past_form(word) and previous not in DETERMINERS and previous not in PREPOSITIONS and previous not in HYPHENS:
        if _zero_relative(words, lo, head):
            return None
        if previous not in AUXILIARIES and _finite_before(words, lo, hi, head) is not None:
            return None  # a participle after its clause's verb: "destroyed equipment stationed there"
        return _verb_tense(words, head, lo)
    first = hit.start
    k, prepositions, content = first - 1, 0, 0
    while k >= lo:
        word = words[k].lower()
        if word in QUOTE_MARKS or word in HYPHENS or _like_num(words[k]):
            k -= 1
            continue  # 'demanded "immediate" talks', "a two-hour video summit"
        if word in TENSE_BREAKS or word == "that" or _subordinator(words, k, hi):
            break
        if word in REPORTING_VERBS and not (_past_form(word) and not _is_verb(words, k, lo, first)):
            break  # "said", but not "alleged war crimes"
        if word in AUXILIARIES or (_past_form(word) and _is_verb(words, k, lo, first)):
            return _group_tense(words, k, lo, hi, possession=True)
        if word == "of":
            if k > lo and words[k - 1].lower() in QUANTITY_NOUNS:
                k -= 2
                continue  # "a flurry of missile strikes", "a series of attacks": the acts themselves
            return None  # a noun's complement: "the victims of the attack", "a war of aggression"
        if word == "to" and k + 2 < first and words[k + 2].lower() in DETERMINERS and _is_lower(words[k + 1]):
            # an infinitive: "refused to sign an agreement", unless its verb says it took place
            verb = words[k - 1].lower() if k > lo else ""
            return _verb_tense(words, k - 1, lo) if verb in IMPLICATIVE_VERBS else "irrealis"
        if word in PREPOSITIONS:
            prepositions += 1
        elif word not in DETERMINERS:
            content += 1
        if prepositions > 1 or content > MODIFIER_WORDS:
            return None  # more than the trigger's own phrase and one preposition stand before it
        k -= 1
    if prepositions:
        return None  # no verb before it, and a preposition: a modifier ("the toll from the attack")
    for k in range(hit.end, min(hi, hit.end + VERB_SEARCH)):
        word = words[k].lower()
        if word in TENSE_BREAKS or _subordinator(words, k, hi):
            return None
        before = words[k - 1].lower()
        if word in AUXILIARIES or (_past_form(word) and before not in NOT_BEFORE_VERBS):
            return _group_tense(words, k, lo, hi)
    return None


def _subordinator(words: TokenTexts, k: int, hi: int) -> bool:
    """Whether token ``k`` opens a subordinate or relative clause ("after", "which", "as he ...")."""
    word = words[k].lower()
    return word in SUBORDINATORS or (word == "as" and k + 1 < hi and words[k + 1].lower() in PRONOUNS)


def _finite_before(words: TokenTexts, lo: int, hi: int, head: int) -> int | None:
    """The finite verb of a past form's clause standing before it, which makes the past form a
    participle ("destroyed a radar and equipment stationed in the south"), or None when the clause
    (or its conjunct: "shelled the port and captured the town") has none before it."""
    for k in range(head - 1, lo - 1, -1):
        word = words[k].lower()
        if word in CLAUSE_JOINS and all(_adverb(words[j].lower()) for j in range(k + 1, head)):
            return None  # a conjunct verb: "shelled the port and captured the town"
        if word in TENSE_BREAKS or word in QUOTE_MARKS or word == "that":
            return None
        if word in REPORTING_VERBS or _subordinator(words, k, hi):
            return None
        if word in AUXILIARIES or (_past_form(word) and _is_verb(words, k, lo)):
            return k
    return None


def _zero_relative(words: TokenTexts, lo: int, head: int) -> bool:
    """Whether a verb opens a relative clause with no relative pronoun: a noun, then a pronoun
    subject ("the facilities he had visited"; not "the army said it had fired")."""
    j = head - 1
    while j >= lo and (words[j].lower() in AUXILIARIES or _adverb(words[j].lower())):
        j -= 1
    if j - 1 < lo or words[j].lower() not in SUBJECT_PRONOUNS:
        return False
    noun = words[j - 1]
    word = noun.lower()
    return (
        _is_alpha(noun)
        and noun[:1].islower()
        and word not in REPORTING_VERBS
        and word not in DETERMINERS
        and word not in PREPOSITIONS
        and word not in CLAUSE_JOINS
        and word not in TIME_WORDS
        and word != "that"
    )


def _anaphoric(words: TokenTexts, lo: int, hit: _Hit) -> bool:
    """Whether a trigger noun points back to an act told before: "the same attack", "that
    strike" (but "said Monday that strikes ..." is a report's complement)."""
    before = [words[k].lower() for k in range(max(lo, hit.start - 2), hit.start)]
    if "same" in before:
        return True
    if not before or before[-1] not in ANAPHORS:
        return False
    return not (before[-1] == "that" and _reported_before(words, lo, hit.start - 1))


def _reported_before(words: TokenTexts, lo: int, k: int) -> bool:
    """Whether a reporting verb stands within a few tokens before token ``k`` ("said Monday that")."""
    return any(words[j].lower() in REPORTING_VERBS for j in range(max(lo, k - REPORT_REACH), k))


def _clause_opening(words: TokenTexts, lo: int, hit: _Hit, *, temporal: bool = False) -> int | None:
    """Where the clause a trigger stands in opens, when it is a clause a report can tell and not
    a relative or subordinate clause inside one: the token of the reporting verb or of the "that"
    after it, or ``lo - 1`` for the sentence start ("the strike, which hit a school, killed 13":
    the strike's clause opens the sentence; "hit" is in a relative clause, None). Words before a
    comma belong to other clauses ("On August 24, weeks before he left office, Johnson visited
    Kyiv"). With ``temporal``, a clause of the same time ("when", "as", "while", "after") counts."""
    hi = hit.start
    crossed = False
    for k in range(hit.start - 1, lo - 1, -1):
        word = words[k].lower()
        if word in CLAUSE_BOUNDS:
            crossed = True
        elif word in REPORTING_VERBS or (word == "that" and _reported_before(words, lo, k)):
            return k
        elif (
            not crossed
            and (word == "that" or _subordinator(words, k, hi))
            and not (temporal and word in TEMPORAL_SUBORDINATORS)
        ):
            return None
    return lo - 1


def _reports_clause(text: str, words: TokenTexts, opening: int, lo: int, date: DateMention) -> bool:
    """Whether a report's date before a trigger belongs to the report whose clause the trigger
    stands in: it stands next to the clause's reporting verb or "that" ("said Monday that",
    "said on Monday Russian forces ..."), not to another report ("said on Monday ..., when Russia
    says its ships were attacked")."""
    if opening < lo:
        return False
    at = words.starts[opening]
    between = text[date.end : at] if date.end <= at else text[at : date.start]
    return len(between) <= REPORT_CHARS and not any(mark in between for mark in CLAUSE_BOUNDS)


def _coordinated(text: str, first: _Hit, second: _Hit) -> bool:
    """Whether two triggers are joined by "and"/"or" with only a few words between: right after
    the first ("shelling and missile strikes"), or, for two verbs, after the first's object
    ("shelled the port and captured the town")."""
    between = _TOKEN.findall(text, first.end_char, second.start_char)
    if 0 < len(between) <= COORDINATION_GAP and between[0].lower() in COORDINATORS:
        return True
    verbs = _past_form(first.text.lower()) and _past_form(second.text.split()[0].lower())
    return verbs and 0 < len(between) <= COORDINATION_GAP + 2 and between[-1].lower() in CLAUSE_JOINS


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


def _agents(text: str, sentence: Sentence, actors: list[ActorMention]) -> tuple[list[ActorMention], list[ActorMention]]:
    """The actors of a sentence that may have done its acts, and its speakers. A speaker (the
    subject of a reporting verb: "Zelensky said", "IAEA chief Rafael Grossi said", "..., said the
    governor", "according to the ministry"), an outlet and a name in a photo credit ("(AP
    Photo/Evgeniy Maloletka)") report or show an act rather than do it."""
    credits = (
        [(m.start(), m.end()) for m in _CREDIT.finditer(text, sentence.start, sentence.end)]
        if "(" in sentence.text or ":" in sentence.text
        else []
    )
    agents: list[ActorMention] = []
    speakers: list[ActorMention] = []
    for actor in actors:
        if actor.actor_type == "media" or any(a <= actor.start < b for a, b in credits):
            continue
        (speakers if _speaks(text, sentence, actor) else agents).append(actor)
    return agents, speakers


def _speaks(text: str, sentence: Sentence, actor: ActorMention) -> bool:
    """Whether an actor is the subject of a reporting verb: one of the few lower-case words after
    it (names and titles skipped: "IAEA Director-General Rafael Grossi said") or the verb right
    before it after a comma or quotation ('..., said the governor'), or "according to" it."""
    after = text[actor.end : min(sentence.end, actor.end + SPEAKER_CHARS)]
    if _POSSESSIVE.match(after):
        return False  # "Putin's announced mobilization"
    words = [w for w in _ANY_WORD.findall(after) if w[:1].islower()][:SPEAKER_WORDS]
    if REPORTING_VERBS.intersection(words):
        return True
    before = text[max(sentence.start, actor.start - SPEAKER_CHARS) : actor.start]
    if not _INVERTED_MARKS.intersection(before) and "ccord" not in before.lower():
        return False  # neither a comma or quotation mark nor "according" for _INVERTED to start at
    return _INVERTED.search(before) is not None


def _speaker_as_subject(words: TokenTexts, lo: int, hit: _Hit, speakers: list[ActorMention]) -> str | None:
    """The speaker who is the act's subject through a pronoun ("Russia said it shelled the port",
    "the army said its forces retook the town"): the clause the speaker reports opens with one."""
    opening = _clause_opening(words, lo, hit)
    if opening is None or opening < lo:
        return None
    k = opening + 1
    while k < hit.start and (words[k].lower() in SKIPPED_AFTER_REPORT or words[k].lower() in WEEKDAYS):
        k += 1  # "said on Monday that it ..."
    if k >= hit.start or words[k].lower() not in SELF_PRONOUNS:
        return None
    speaker = next((a for a in reversed(speakers) if a.end <= words.starts[opening]), None)
    return speaker.name if speaker else None


def _words_between(text: str, start: int, end: int) -> list[str]:
    """The lower-case words between two character offsets, without articles."""
    return [w for w in _WORD.findall(text[start:end].lower()) if w not in ARTICLES]


def _demonym_before(text: str, sentence_start: int, hit: _Hit) -> str | None:
    demonyms = load_lexicon().demonyms
    # The words read are substrings of this window: without any demonym in it, there is none to find.
    if (
        _demonym_pattern().search(
            text, max(sentence_start, hit.start_char - WORD_CHARS * DEMONYM_WINDOW), hit.start_char
        )
        is None
    ):
        return None
    for word in reversed(_words_before(text, sentence_start, hit.start_char, DEMONYM_WINDOW)):
        if word.lower() in CLAUSE_BREAKS:
            break
        state = demonyms.get(word)
        if state:
            return state
    return None


@cache
def _demonym_pattern() -> re.Pattern:
    """Any demonym of the lexicon, as written (a substring search, no word bounds)."""
    return re.compile("|".join(map(re.escape, sorted(load_lexicon().demonyms, key=len, reverse=True))))


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
