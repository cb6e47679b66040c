"""Extract claims: who said what, with which cue, stance and hedging, and through whom."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress, count
from typing import NamedTuple

from spacy.lang.en.lex_attrs import like_num
from spacy.lang.en.stop_words import STOP_WORDS

from lib.extract.actors import sentence_index, token_columns, token_texts
from lib.ids import row_id
from lib.lexicon import (
    Cue,
    actor_info,
    clean_actor_name,
    load_cues,
    load_lexicon,
    load_word_list,
    normalize_actor,
    normalize_role,
    role_holder,
    side_of_demonym,
    state_of_country,
)
from lib.mentions import ActorMention, Parsed
from lib.nlp import get_nlp


def _words(text: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(text.split())


# Words between a subject and its cue that do not change who speaks ("Russia has also denied").
_BETWEEN = _words(
    """has have had also did does do would will could may might must should can not n't never is are was
    were been be being further then again already still now today yesterday tonight on late early last this
    week month earlier later first once since long meanwhile however too both all each separately
    themselves itself himself herself monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december jan. feb. mar. apr.
    jun. jul. aug. sep. sept. oct. nov. dec. morning afternoon evening night weekend"""
)
_NEGATIONS = _words("not n't never")
_NOUN_PREPOSITIONS = _words("amid despite following after of about over with without")
_MODALS = _words("will would could should may might must can shall 'll 'd")
_PASSIVE = _words("is are was were been be being")
_DETERMINERS = _words("a an the this that these those its their his her our my your such no any some 's every")
_NOUN_MARKERS = _DETERMINERS | _NOUN_PREPOSITIONS
_QUANTIFIED_DETERMINERS = _DETERMINERS | _words("some many several two three")
# A negated cue of these verbs withholds an answer ("Ukraine does not claim responsibility").
_WITHHOLDING = _words(
    """claim claims claimed confirm confirms confirmed acknowledge acknowledges acknowledged comment
    comments commented admit admits admitted"""
)
# "call" attributes when it names what something is ("called the attack a war crime").
_CALL_VERBS = _words("call calls called calling")
_CALL_PARTICLES = _words("off up back in out a an for on upon")
_CALL_OBJECT_MARKS = frozenset({"a", "an", '"', "“", "'", "‘"})
# "claimed the lives of", "claimed victory": the verb does not attribute.
_NOT_AFTER_CLAIM = _words("lives victory credit control")
_RELEASED_THINGS = _words(
    """report reports statement statements data figures update updates assessment assessments findings
    communique communiqué video list estimate estimates analysis summary tally toll bulletin review
    briefing document documents information details photos images footage map maps"""
)
# Pronouns and nominal anaphors a source may be written as, with the kinds of actor they can stand for.
_PERSON_PRONOUNS = _words("he she")
_GROUP_WORDS = _words(
    """officials diplomats analysts experts forces troops residents witnesses lawmakers prosecutors police
    investigators sources activists civilians locals separatists partisans media observers authorities
    soldiers countries allies journalists bloggers opposition villagers"""
)
_DOCUMENT_NOUNS = _words(
    """statement report document communique communiqué update assessment study survey bulletin data
    investigation inquiry probe analysis review estimate estimates figures tally resolution polling poll
    polls research release readout transcript post posts message messages"""
)
# anaphor head -> actor types it can stand for (empty: any actor that is not a person).
_ANAPHORS: dict[str, frozenset[str]] = {
    "think tank": _words("think_tank"),
    **dict.fromkeys(("company", "firm", "operator", "utility", "corporation"), _words("organisation")),
    **dict.fromkeys(("committee", "commission", "court", "embassy", "delegation", "police"), _words("state")),
    "service": _words("state military organisation"),
    "institute": _words("think_tank organisation"),
    "ministry": _words("state"),
    "council": _words("state intergovernmental organisation"),
    "office": _words("state intergovernmental organisation"),
    "agency": _words("state intergovernmental media organisation"),
    "government": _words("state"),
    "administration": _words("state"),
    "military": _words("military"),
    "army": _words("military"),
    "group": _words("ngo organisation armed_group think_tank intergovernmental"),
    "organisation": _words("ngo organisation intergovernmental think_tank"),
    "organization": _words("ngo organisation intergovernmental think_tank"),
    "body": _words("intergovernmental state organisation ngo"),
    "watchdog": _words("intergovernmental ngo organisation"),
    "monitor": _words("intergovernmental ngo organisation"),
    "mission": _words("intergovernmental"),
    "team": _words("intergovernmental ngo organisation think_tank media"),
    "alliance": _words("intergovernmental"),
    "newspaper": _words("media"),
    "outlet": _words("media"),
    "broadcaster": _words("media"),
    "spokesman": _words("person state military intergovernmental organisation"),
    "spokeswoman": _words("person state military intergovernmental organisation"),
    "spokesperson": _words("person state military intergovernmental organisation"),
    "assembly": _words("intergovernmental state"),
    # "those officials", "the diplomats": a group named before
    **dict.fromkeys(("officials", "diplomats", "analysts", "experts", "residents", "forces", "troops"), frozenset()),
    **dict.fromkeys(
        (
            "president",
            "leader",
            "head of state",
            "prime minister",
            "minister",
            "governor",
            "mayor",
            "commander",
            "general",
            "adviser",
            "advisor",
            "ambassador",
            "envoy",
            "official",
            "chief",
            "analyst",
            "expert",
            "prosecutor",
        ),
        _words("person expert"),
    ),
    **dict.fromkeys(_DOCUMENT_NOUNS, frozenset()),
}
_TITLE_ABBREVIATIONS = {
    "gov.": "governor",
    "gen.": "general",
    "amb.": "ambassador",
    "sen.": "senator",
    "pres.": "president",
}
# A role anaphor ("the Belarusian leader") stands for a person the text gave one of these titles.
_ROLE_TITLES: dict[str, frozenset[str]] = {
    "president": _words("president"),
    "leader": _words("leader president premier prime chancellor head"),
    "head of state": _words("president leader head"),
    "prime minister": _words("prime premier"),
    "minister": _words("minister"),
    "governor": _words("governor"),
    "mayor": _words("mayor"),
    "commander": _words("commander general chief"),
    "general": _words("general"),
    "adviser": _words("adviser advisor aide"),
    "advisor": _words("adviser advisor aide"),
    "ambassador": _words("ambassador envoy"),
    "envoy": _words("envoy ambassador"),
    "official": _words("official"),
    "chief": _words("chief head director"),
    "head": _words("head chief director leader"),
    "analyst": _words("analyst expert researcher"),
    "expert": _words("expert analyst researcher"),
    "prosecutor": _words("prosecutor"),
    "spokesman": _words("spokesman spokeswoman spokesperson secretary"),
    "spokeswoman": _words("spokesman spokeswoman spokesperson secretary"),
    "spokesperson": _words("spokesman spokeswoman spokesperson secretary"),
}
_ANAPHOR_DETERMINERS = _words("the this that these those its their")
_VAGUE_MODIFIERS = _words(
    "local regional city state senior top former military presidential deputy new latest joint human rights"
)
_ANAPHOR_MODIFIERS = _VAGUE_MODIFIERS | _words("foreign defense defence")
_MONITOR_TYPES = _words("media ngo think_tank")
# Words that open a clause of its own: a speaker after them is not part of the claim before.
_CLAUSE_OPENERS = _words("after as while when whereas but because since although though before until and , ; - --")
_PRONOUNS = _words("he she it they")
_APPOSITION_OPENERS = _words("the a an who whose its his her their")
_PREPOSITIONS = _words("to in of from for at with into on against over toward towards near about by")
# Verbs that may come before their speaker ('"...," said Muzyka'); "told" never does.
_INVERTIBLE = _words(
    """said says added adds wrote writes noted notes stated states explained insisted warned argued
    claimed reported reports announced concluded stressed continued tweeted posted declared confirmed
    replied responded reads"""
)
_VIA_PREPOSITIONS = _words("told tell tells to with on in by")
_SOURCE_WINDOW = 4  # sentences back a pronoun may reach for an actor named there
_DOCUMENT_WINDOW = 6  # ... for the body that issued "the report"
_SPEAKER_WINDOW = 20  # ... and for an earlier speaker (quotations run over several sentences)
_CLAIM_MAX_CHARS = 400
_QUOTE = re.compile('"')
_WORD = re.compile(r"[A-Za-z]+?(?=n't)|[A-Za-z]+")  # "couldn't" -> "could", as the tokenizer splits it


@dataclass(slots=True)
class _Source:
    """A resolved source: the canonical actor and the words the text used for it."""

    name: str
    actor_type: str
    side: str
    mention: str

    @classmethod
    def of(cls, actor: ActorMention, written: str | None = None) -> _Source:
        return cls(actor.name, actor.actor_type, actor.side, written or actor.mention)

    def written_as(self, mention: str) -> _Source:
        """The same source, as other words wrote it."""
        return _Source(self.name, self.actor_type, self.side, mention)


@dataclass(slots=True)
class _Candidate:
    """One cue with its source(s), before nesting and relays are sorted out."""

    cue: Cue
    start: int  # cue tokens
    end: int
    sources: list[_Source]
    content: tuple[int, int]  # token range of the claimed content
    stance: str
    hedged: bool
    via: _Source | None = None
    independent: bool = False  # a named speaker after "after", "as", "but", ...: its own claim
    relay: bool = False  # "according to X, ..." / "As reported by X, ...": X relays what follows
    subject_start: int = -1


@cache
def _cue_patterns() -> tuple[frozenset[str], dict[str, Cue], dict[str, list[tuple[int, tuple[str, ...], Cue]]]]:
    """Every cue phrase as its lower-cased tokens, built once: the one-word cues, and the longer
    ones by their longest word (rarer than "was" or "did") with that word's place in the phrase;
    and all those words, the only ones a cue can be found from."""
    nlp = get_nlp()
    singles: dict[str, Cue] = {}
    longer: dict[str, list[tuple[int, tuple[str, ...], Cue]]] = {}
    cues = load_cues()
    for cue, pattern in zip(cues, nlp.tokenizer.pipe(c.phrase for c in cues), strict=True):
        words = tuple(token.lower_ for token in pattern)
        if len(words) == 1:
            singles[words[0]] = cue
        else:
            anchor = max(range(len(words)), key=lambda k: len(words[k]))
            longer.setdefault(words[anchor], []).append((anchor, words, cue))
    return frozenset(singles) | frozenset(longer), singles, longer


@cache
def _hedges() -> frozenset[str]:
    return load_word_list("hedges.txt")


def _cue_matches(doc: _Tokens) -> list[tuple[Cue, int, int]]:
    """Cue occurrences (matched case-insensitively), longest first where they overlap, in text
    order. The tokens a cue can be found from are picked out in C (``compress`` over a set
    lookup per token); only there are the phrases compared."""
    anchors, singles, longer = _cue_patterns()
    lo = doc.lo
    found = []
    for i in compress(count(), map(anchors.__contains__, lo)):
        word = lo[i]
        cue = singles.get(word)
        if cue is not None:
            found.append((cue, i, i + 1))
        for k, words, cue in longer.get(word, ()):
            start = i - k
            if start >= 0 and tuple(lo[start : start + len(words)]) == words:
                found.append((cue, start, start + len(words)))
    found.sort(key=lambda m: (m[1] - m[2], m[1]))
    taken: set[int] = set()
    kept = []
    for cue, start, end in found:
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            kept.append((cue, start, end))
    return sorted(kept, key=lambda m: m[1])


_UNREAD = object()  # a span not looked up yet


@lru_cache(maxsize=16_384)
def _punct(text: str) -> bool:
    """spaCy's ``is_punct``: every character is punctuation."""
    return not text[:1].isalnum() and all(unicodedata.category(c).startswith("P") for c in text)


_like_num = cache(like_num)


class _Range(NamedTuple):  # a NamedTuple: made far more often than a frozen dataclass could be cheaply
    start: int
    end: int


# ``_tuple_new(_Range, (start, end))`` makes a ``_Range`` in C, half the cost of ``_Range(start, end)``
# (a NamedTuple's own constructor is a Python function); used where ranges are made by the thousand.
_tuple_new = tuple.__new__


class _Tokens:
    """A document's token texts (``tx``) and lower-cased texts (``lo``) as plain lists (building
    spaCy ``Token`` objects, or a Python object per token, made this slow)."""

    def __init__(self, parsed: Parsed) -> None:
        self._doc = parsed.doc
        self._text = parsed.document.text  # the Doc was made from it (Doc.text rebuilds it token by token)
        self.starts, self._lengths = token_columns(parsed)
        self.tx: list[str] = token_texts(parsed)
        self.lo: list[str] = list(map(str.lower, self.tx))
        self._spans: dict[tuple[int, int], _Range | None] = {}
        self._marks: dict[tuple[str, ...], list[int]] = {}

    def sent_start(self, i: int) -> bool:
        return bool(self._doc[i].is_sent_start)

    def __len__(self) -> int:
        return len(self.starts)

    def names_in(self, words: tuple[str, ...], start: int, end: int) -> bool:
        """Whether one of ``words`` starts inside the text of tokens ``start:end`` (their offsets
        found once per document by ``str.find``, so a sentence that cannot hold them is never searched)."""
        marks = self._marks.get(words)
        if marks is None:
            marks = self._marks[words] = sorted(_offsets(self._text, words))
        if not marks or end <= start:
            return False
        i = bisect.bisect_left(marks, self.starts[start])
        return i < len(marks) and marks[i] < self.starts[end - 1] + self._lengths[end - 1]

    def text_of(self, start: int, end: int) -> str:
        """The text tokens ``start:end`` cover."""
        if end <= start:
            return ""
        return self._text[self.starts[start] : self.starts[end - 1] + self._lengths[end - 1]]

    def char_span(self, start: int, end: int, alignment_mode: str = "expand") -> _Range | None:
        """The tokens covering characters ``start:end`` (expanded to whole tokens), remembered:
        the same actors' spans are asked for again and again."""
        key = (start, end)
        span = self._spans.get(key, _UNREAD)
        if span is _UNREAD:
            first = max(bisect.bisect_right(self.starts, start) - 1, 0)
            last = bisect.bisect_left(self.starts, end)
            span = self._spans[key] = _tuple_new(_Range, (first, last)) if last > first else None
        return span


def _offsets(text: str, words: tuple[str, ...]) -> Iterable[int]:
    """Where each of ``words`` occurs in ``text``."""
    for word in words:
        k = text.find(word)
        while k >= 0:
            yield k
            k = text.find(word, k + 1)


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges between straight double quotes (a quotation may span sentences)."""
    marks = [m.start() for m in _QUOTE.finditer(text)]
    return list(zip(marks[::2], marks[1::2], strict=False))


def _in_ranges(ranges: list[tuple[int, int]], offset: int) -> bool:
    i = bisect.bisect_right(ranges, (offset, len(ranges) and 1 << 62)) - 1
    return i >= 0 and ranges[i][0] < offset < ranges[i][1]


def _titles_of_people(doc: _Tokens, actor_spans: list[tuple[int, int, ActorMention]]) -> dict[str, set[str]]:
    """The words a document uses around each person's name ("Belarusian President Aleksandr
    Lukashenko", "Natalia Musienko, the mayor of the city,"), for "the president", "the mayor"."""
    titles: dict[str, set[str]] = {}
    for start, end, actor in actor_spans:
        if actor.actor_type not in {"person", "expert"}:
            continue
        words = titles.setdefault(actor.name, set())
        words.update(actor.name.lower().split())
        before = start - 1 if start > 0 and doc.tx[start - 1] == "," else start  # "The Agency's Spokesman, X,"
        window = range(before - 1, max(before - 5, -1), -1)
        if before < start:  # "An adviser to Ukraine's president, X,": X is the adviser, not the president
            window = next((range(k - 1, max(k - 4, -1), -1) for k in window if doc.lo[k] in _NP_PREPOSITIONS), window)
        for i in window:
            if _punct(doc.tx[i]) and doc.tx[i] != ".":
                break
            words.add(_TITLE_ABBREVIATIONS.get(doc.lo[i], doc.lo[i]))
        if end < len(doc) and doc.tx[end] == ",":
            for i in range(end + 1, min(end + 10, len(doc))):
                if _punct(doc.tx[i]):
                    break
                words.add(doc.lo[i])
    return titles


class _DocumentState:
    """Per-document lookups: actors by token, and the speakers seen so far for anaphora."""

    def __init__(self, parsed: Parsed) -> None:
        self.parsed = parsed
        self.doc = _Tokens(parsed)
        self.by_end: dict[int, list[ActorMention]] = {}
        self.by_start: dict[int, list[ActorMention]] = {}
        self.actor_spans: list[tuple[int, int, ActorMention]] = []
        starts, spans = self.doc.starts, self.doc._spans
        for actor in parsed.actors:  # ``char_span`` written out: a document can name hundreds of actors
            key = (actor.start, actor.end)
            span = spans.get(key, _UNREAD)
            if span is _UNREAD:
                first = max(bisect.bisect_right(starts, actor.start) - 1, 0)
                last = bisect.bisect_left(starts, actor.end)
                span = spans[key] = _tuple_new(_Range, (first, last)) if last > first else None
            if span is None:
                continue
            self.by_end.setdefault(span.end - 1, []).append(actor)
            self.by_start.setdefault(span.start, []).append(actor)
            self.actor_spans.append((span.start, span.end, actor))
        self.actor_spans.sort(key=lambda entry: entry[0])
        self.span_starts = [entry[0] for entry in self.actor_spans]
        self.quoted = _quoted_ranges(parsed.document.text)
        self._titles: dict[str, set[str] | frozenset[str]] = {}
        self._people: dict[str, list[tuple[int, int, ActorMention]]] | None = None  # spans by person's name
        self._sources: dict[int, _Source] = {}
        self._subjects: dict[int, list[_Source]] = {}
        self._named: dict[int, list[_Source]] = {}
        self._media: dict[tuple[int, int], list[tuple[int, ActorMention]]] = {}
        # (sentence index, source, cue phrase, claim text) of every claim so far, in order.
        self.speakers: list[tuple[int, _Source, str, str]] = []
        self.speakers_by_sentence: dict[int, list[tuple[int, _Source, str, str]]] = {}

    def titles_of(self, name: str) -> set[str] | frozenset[str]:
        """The words around a person's name (``_titles_of_people``), gathered for that name the
        first time a role anaphor asks (most documents ask about one or two people, not all)."""
        titles = self._titles.get(name)
        if titles is None:
            if self._people is None:
                self._people = {}
                for entry in self.actor_spans:
                    if entry[2].actor_type in {"person", "expert"}:
                        self._people.setdefault(entry[2].name, []).append(entry)
            spans = self._people.get(name, [])
            titles = self._titles[name] = _titles_of_people(self.doc, spans).get(name, frozenset())
        return titles

    def source_of(self, actor: ActorMention) -> _Source:
        """The source an actor mention names (a lexicon role as the person who held it)."""
        source = self._sources.get(id(actor))
        if source is None:
            source = self._sources[id(actor)] = _holder_of_role_actor(self, _Source.of(actor))
        return source

    def actors_in(self, start: int, end: int) -> list[tuple[int, int, ActorMention]]:
        i = bisect.bisect_left(self.span_starts, start)
        found = []
        while i < len(self.actor_spans) and self.actor_spans[i][0] < end:
            if self.actor_spans[i][1] <= end:
                found.append(self.actor_spans[i])
            i += 1
        return found

    def media_heard_in(self, lower: int, upper: int) -> list[tuple[int, ActorMention]]:
        """The news outlets among tokens ``lower:upper`` with "told", "to", "in", ... just before
        them, and where each starts; remembered per sentence (every claim in it asks)."""
        key = (lower, upper)
        heard = self._media.get(key)
        if heard is None:
            lo = self.doc.lo
            heard = self._media[key] = [
                (s, actor)
                for s, _e, actor in self.actors_in(lower, upper)
                if actor.actor_type == "media" and any(w in _VIA_PREPOSITIONS for w in lo[max(s - 2, lower) : s])
            ]
        return heard

    def subjects_of(self, sentence: int) -> list[_Source]:
        """``_sentence_subjects`` of a sentence, remembered (pronouns ask for the same ones)."""
        subjects = self._subjects.get(sentence)
        if subjects is None:
            subjects = self._subjects[sentence] = _sentence_subjects(self, sentence)
        return subjects

    def named_in(self, sentence: int) -> list[_Source]:
        """The sources of the actors a sentence names outside quotation marks, remembered."""
        named = self._named.get(sentence)
        if named is None:
            actors = self.parsed.in_sentence("actors", sentence)
            named = self._named[sentence] = [self.source_of(a) for a in actors if not _in_ranges(self.quoted, a.start)]
        return named

    def spoken_in(self, sentence: int) -> list[_Source]:
        """The sources that made a claim in one sentence."""
        return [source for _index, source, _cue, _text in self.speakers_by_sentence.get(sentence, ())]

    def add_speaker(self, sentence: int, source: _Source, cue: str, text: str) -> None:
        entry = (sentence, source, cue, text)
        self.speakers.append(entry)
        self.speakers_by_sentence.setdefault(sentence, []).append(entry)


def _is_group(source: _Source) -> bool:
    last = source.name.split()[-1].lower() if source.name else ""
    return (
        source.actor_type == "public"
        or last in _GROUP_WORDS
        or last in _PLURAL_ROLES  # "Indian ministers"
        or source.name.endswith(("Forces", "forces"))
    )


def _fits_pronoun(pronoun: str, source: _Source) -> bool:
    if pronoun in _PERSON_PRONOUNS:
        return source.actor_type in {"person", "expert"} and not _is_group(source)
    if pronoun == "it":
        return source.actor_type not in {"person", "expert", "public"} and not _is_group(source)
    return _is_group(source) or source.actor_type not in {"person", "expert"}  # they: a group or a body


def _sentence_subjects(state: _DocumentState, index: int) -> list[_Source]:
    """The actor a sentence opens with, as its subject ("Mr. Kmet, the historian, saw ..."), if any."""
    actors = state.parsed.in_sentence("actors", index)
    if not actors:
        return []
    doc = state.doc
    sentence = state.parsed.sentences[index]
    lower = doc.char_span(sentence.start, sentence.end)
    span = doc.char_span(actors[0].start, actors[0].end)
    if lower is None or span is None or span.start - lower.start > 3:
        return []
    if any(doc.lo[k] not in _NP_OPENERS and not doc.tx[k][:1].isupper() for k in range(lower.start, span.start)):
        return []
    return [state.source_of(actors[0])]


def _resolve(
    state: _DocumentState,
    sentence: int,
    before_token: int,
    test,
    *,
    prefer: str | None = None,
    speakers_first: bool = True,
    subjects_first: bool = False,
) -> _Source | None:
    """The speaker a pronoun or anaphor stands for: in the nearest earlier sentence that has
    one, a claim's source first, then the actors in text order (the subject comes first); the
    current sentence's earlier actors last. A document noun ("the report") prefers the source
    whose claim spoke of it."""
    if prefer:
        for index, source, cue, text in reversed(state.speakers):
            if sentence - index > _SOURCE_WINDOW * 2:
                break
            if (prefer in cue.lower() or prefer in text.lower()) and test(source):
                return source
        # otherwise a body (not a person, not a vague group) that spoke just before issued it
        for index, source, _cue, _text in reversed(state.speakers):
            if sentence - index > _DOCUMENT_WINDOW:
                break
            if test(source) and not _is_group(source) and source.actor_type not in {"person", "expert"}:
                return source
        return None
    for index, source, _cue, _text in reversed(
        state.speakers
    ):  # "they", "it": a speaker of the last two sentences first
        if not speakers_first or sentence - index > 2:
            break
        if index < sentence and test(source):
            return source
    if subjects_first:  # "he": who spoke, or who a sentence was about, before anyone merely mentioned
        for index in range(sentence - 1, max(sentence - _SOURCE_WINDOW, 0) - 1, -1):
            for source in state.spoken_in(index) + state.subjects_of(index):
                if test(source):
                    return source
    for index in range(sentence - 1, max(sentence - _SPEAKER_WINDOW, 0) - 1, -1):
        speakers = state.spoken_in(index)
        named = []
        if not prefer and sentence - index <= _SOURCE_WINDOW:  # people named inside a quotation do not speak
            named = state.named_in(index)
        for source in speakers + named:
            if test(source):
                return source
    doc = state.doc
    for actor in reversed(state.parsed.in_sentence("actors", sentence)):
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is not None and span.end <= before_token and test(state.source_of(actor)):
            return state.source_of(actor)
    return None


# Words before a pronoun that open a later clause of the same sentence ("..., where he announced").
_LATER_CLAUSE = _words("where when as after while because and but since though although before until , ;")
_ANAPHOR_LAST_WORDS = frozenset(head.split()[-1] for head in _ANAPHORS)


def _anaphor_at(doc: _Tokens, j: int, lower: int) -> tuple[str, int] | None:
    """A nominal anaphor ending at token ``j`` ("the think tank", "The statement", "the
    Belarusian leader", "the local mayor"): its head and first token."""
    if doc.lo[j] not in _ANAPHOR_LAST_WORDS:
        return None
    for size in (3, 2, 1):
        start = j - size + 1
        if start - 1 < lower:
            continue
        head = " ".join(doc.lo[k] for k in range(start, j + 1))
        if head not in _ANAPHORS:
            continue
        k = start - 1
        while k > lower and k >= start - 2 and (doc.tx[k][:1].isupper() or doc.lo[k] in _ANAPHOR_MODIFIERS):
            if doc.lo[k] in _ANAPHOR_DETERMINERS:
                break
            k -= 1
        if doc.lo[k] in _ANAPHOR_DETERMINERS:
            return head, k
    return None


def _opens_clause(doc: _Tokens, j: int, lower: int) -> bool:
    """Whether a pronoun at ``j`` can be a clause's subject: at the sentence start or after
    punctuation, a conjunction or an adverb."""
    if j <= lower:
        return True
    before = doc.lo[j - 1]
    return (
        _punct(before)
        or before in _CLAUSE_OPENERS
        or before in _BETWEEN
        or before in {"that", "which", "who", "so", "where", "if", "yet"}
        or (before.endswith("ly") and doc.tx[j - 1].islower())
    )


def _resolve_written(state: _DocumentState, sentence: int, j: int, lower: int) -> tuple[_Source, int] | None:
    """A pronoun or nominal anaphor at token ``j`` resolved to an earlier speaker, with the
    first token of the words that stood for it."""
    doc = state.doc
    word = doc.lo[j]
    if word in _PRONOUNS:
        if not _opens_clause(doc, j, lower):  # "the cases it documented": not the subject of the cue
            return None
        # "he"/"she" most often stands for the person just named; "they"/"it" for who spoke last.
        person = word in _PERSON_PRONOUNS
        resolved = None
        if person and j > lower and doc.lo[j - 1] in _LATER_CLAUSE:
            # "... was set out by President Putin in a speech, where he announced": this sentence's own person
            resolved = _sentence_subject_fitting(state, sentence, j, lambda s: _fits_pronoun(word, s), quoted=False)
        resolved = resolved or _resolve(
            state, sentence, j, lambda s: _fits_pronoun(word, s), speakers_first=not person, subjects_first=person
        )
        if resolved is None and word == "they":
            resolved = _resolve(state, sentence, j, lambda s: s.actor_type != "person")
        return (resolved.written_as(doc.tx[j]), j) if resolved else None
    found = _anaphor_at(doc, j, lower)
    if found is None:
        return None
    head, first = found
    types = _ANAPHORS[head]
    written = doc.text_of(first, j + 1)
    # "the Foreign Ministry": every word after the article must be in the name
    words = [w for w in doc.lo[first + 1 : j + 1] if w not in _VAGUE_MODIFIERS]

    def named(source: _Source) -> bool:  # "the Assembly" -> the Parliamentary Assembly ...
        name = source.name.lower().replace("defence", "defense")
        return all(w.replace("defence", "defense") in name for w in words)

    side = next((side_of_demonym(w) for w in doc.tx[first + 1 : j] if side_of_demonym(w)), None)

    def test(source: _Source) -> bool:
        if source.name in _GENERIC_ACTORS:  # "the city council" is more than "officials" said before
            return False
        if actor_info(source.name) is None and source.actor_type not in {"person", "expert"} and not named(source):
            return False  # a source named by its own words ("city officials") is not "the city council"
        if side is not None and source.side != side:  # "the Russian leader": a Russian
            return False
        if source.actor_type in {"person", "expert"} and head in _ROLE_TITLES:  # "the governor": a governor
            return bool(_ROLE_TITLES[head] & state.titles_of(source.name))
        if types:
            return source.actor_type in types
        return source.actor_type not in {"person", "public"}

    prefer = head if head in _DOCUMENT_NOUNS else None
    resolved = None if prefer else _resolve(state, sentence, first, named)
    if resolved is None and head == "ministry" and len(words) > 1:
        resolved = _ministry_of_last_state(state, sentence, first, " ".join(words))
    if resolved is None and head not in _GROUP_WORDS:
        resolved = _resolve(state, sentence, first, test, prefer=prefer)
    return (resolved.written_as(written), first) if resolved else None


def _ministry_of_last_state(state: _DocumentState, sentence: int, first: int, ministry: str) -> _Source | None:
    """ "The Foreign Ministry said" after Ukraine spoke: Ukraine's Foreign Ministry, when the
    lexicon knows it."""
    lexicon = load_lexicon()
    adjectives = {state_name: adjective for adjective, state_name in reversed(lexicon.demonyms.items())}
    spoken = _resolve(state, sentence, first, lambda s: s.actor_type == "state" and s.name in adjectives)
    if spoken is None:
        return None
    canonical = normalize_actor(f"{adjectives[spoken.name]} {ministry}")
    info = actor_info(canonical)
    return _Source(canonical, *info, canonical) if info else None


def _matching_open(doc: _Tokens, j: int, lower: int) -> int | None:
    depth = 0
    for k in range(j, lower - 1, -1):
        if doc.tx[k] == ")":
            depth += 1
        elif doc.tx[k] == "(":
            depth -= 1
            if depth == 0:
                return k
    return None


def _skip_left(doc: _Tokens, j: int, lower: int, state: _DocumentState) -> tuple[int, bool]:
    """Walk left over auxiliaries, adverbs, dates and parentheses; say whether a negation was
    passed."""
    negated = False
    while j >= lower:
        word = doc.lo[j]
        if word in _NEGATIONS:
            negated = True
        if (
            word in _BETWEEN
            or (word.endswith("ly") and doc.tx[j].islower() and word not in _ROLE_TYPES)  # not "the weekly"
            or _like_num(doc.tx[j])
        ):
            j -= 1
            continue
        if word == "," and j - 2 >= lower and doc.tx[j - 2] == "," and doc.tx[j - 1].isdigit():
            j -= 3  # an age: "Conor, 28, said"
            continue
        if word == ")":
            opening = _matching_open(doc, j, lower)
            if opening is None:
                break
            j = opening - 1
            continue
        break
    return j, negated


# --- Role phrases: unnamed sources described by what they are ------------------------------
# "Ukraine's deputy interior minister", "an adviser to Ukraine's president", "the town's mayor",
# "a senior foreign ministry source", "Moldova's border police", "the Welt am Sonntag weekly":
# a source of its own, named by the phrase (less its article), its side taken from its owner.
_PERSON_ROLES = _words(
    """official spokesman spokeswoman spokesperson adviser advisor aide minister mayor governor leader chief head
    commander ambassador envoy diplomat source prosecutor judge president premier chancellor secretary director
    deputy representative lawmaker legislator senator officer general colonel negotiator investigator
    inspector ombudsman administrator analyst expert researcher strongman
    officials spokesmen spokeswomen spokespeople advisers advisors aides ministers mayors governors leaders
    chiefs commanders ambassadors envoys diplomats sources prosecutors judges representatives lawmakers
    legislators senators officers negotiators investigators inspectors members"""
)
_INSTITUTION_ROLES = _words(
    """ministry office police service services agency government administration council committee court
    parliament department directorate authority authorities inspectorate headquarters embassy mission delegation
    presidency cabinet commission intelligence guard guards prosecutor's"""
)
_PUBLIC_ROLES = _words(
    """opponents critics supporters protesters activists witnesses survivors relatives friends neighbours neighbors
    volunteers doctors medics rescuers workers residents villagers locals refugees evacuees eyewitnesses"""
)
_MILITARY_ROLES = _words("army military forces command brigade battalion regiment corps navy fleet staff")
_ORGANISATION_ROLES = _words("company operator group alliance union organisation organization")
_MEDIA_ROLES = _words(
    "weekly daily newspaper paper tabloid magazine broadcaster channel outlet website portal radio television tv"
)
_PLURAL_ROLES = frozenset(w for w in _PERSON_ROLES if w.endswith(("s", "men", "people")) and not w.endswith("ss"))
_ROLE_TYPES: dict[str, str] = {
    **dict.fromkeys(_PERSON_ROLES, "person"),
    **dict.fromkeys(_INSTITUTION_ROLES, "state"),
    **dict.fromkeys(_MILITARY_ROLES, "military"),
    **dict.fromkeys(_ORGANISATION_ROLES, "organisation"),
    **dict.fromkeys(_MEDIA_ROLES, "media"),
    **dict.fromkeys(_PUBLIC_ROLES, "public"),
    **dict.fromkeys(("official", "officials"), "state"),  # as the lexicon's "officials"
}
_ROLE_WORDS = frozenset(_ROLE_TYPES)
# Heads that speak for the organisation named after them: "officials at the Pentagon", "PACE
# members", "a spokesperson for the United Nations".
_MEMBER_ROLES = _words(
    """official officials member members representative representatives staff spokesman spokeswoman
    spokesperson spokespeople spokesmen"""
)
_MEMBERSHIP_PREPOSITIONS = _words("of at from for in with")
# Words that may follow a role's head inside its phrase: "sources close to the Kremlin".
_ROLE_POSTMODIFIERS = _words("close familiar loyal based linked allied affiliated stationed involved")
_NP_PREPOSITIONS = _words("of to for at in from with on by")
_NP_OPENERS = _words("a an the one some two three several many this that these those another")
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "its": "it", "their": "they"}
_NP_MAX_TOKENS = 14
_LONE_NAME_BLOCKERS = _PREPOSITIONS | _NP_OPENERS | _DETERMINERS
# Capitalised words that are never a lone speaker's name.
_NOT_LONE_NAMES = _words(
    """January February March April May June July August September October November December Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday God Internet Reuters"""
)
# The lexicon's catch-all groups: a role phrase that says more ("a Lebanese official") names the source better.
_GENERIC_ACTORS = frozenset({"Officials", "Analysts", "Local residents", "Witnesses", "Local journalists"})
# Words that never sit inside a subject's noun phrase.
_NP_BREAKERS = (
    _CLAUSE_OPENERS
    | _BETWEEN
    | _PRONOUNS
    | _words(
        "that which who whom whose where if or nor so than said says say told tells claimed was were is are including"
    )
)


class _RolePhrase(NamedTuple):
    """A noun phrase naming a source by its role: tokens ``start:end``, its head word, where
    the words after the head begin (a preposition, or ``end``), and the owner's pronoun."""

    start: int
    end: int
    head: int
    core_end: int


def _role_head(doc: _Tokens, start: int, core_end: int) -> int | None:
    """The role word heading tokens ``start:core_end``: the last role word, followed at most by
    words like "close" ("sources close to")."""
    for k in range(core_end - 1, start - 1, -1):
        word = doc.lo[k]
        if word in _ROLE_TYPES:
            return k
        if word not in _ROLE_POSTMODIFIERS:
            return None
    return None


def _role_phrase_before(doc: _Tokens, j: int, lower: int) -> _RolePhrase | None:
    """The role phrase ending at token ``j``, read right to left: "An adviser to Ukraine's
    president", "the head of the regional administration", "the town's mayor"."""
    if _ROLE_WORDS.isdisjoint(doc.lo[max(lower, j - _NP_MAX_TOKENS + 1) : j + 1]):
        return None  # no role word near: the common case, checked in C
    k, first = j, -1
    while k >= lower and j - k < _NP_MAX_TOKENS:
        word = doc.lo[k]
        if word in _NP_OPENERS:
            first = k
            if k - 2 >= lower and doc.lo[k - 1] in _NP_PREPOSITIONS and doc.lo[k - 2] not in _NP_BREAKERS:
                k -= 2  # "the head of the regional administration": the phrase goes on before "of"
                continue
            break
        if (
            word in _NP_PREPOSITIONS
            or word in {"'s", "'", "’s", "’", "-"}
            or (doc.tx[k][:1].isalnum() and word not in _NP_BREAKERS)
        ):
            first = k
            k -= 1
            continue
        break
    while first != -1 and first <= j and doc.lo[first] in _NP_PREPOSITIONS:
        first += 1
    if first == -1 or first > j:
        return None
    core_end = next((i for i in range(first + 1, j + 1) if doc.lo[i] in _NP_PREPOSITIONS), j + 1)
    head = _role_head(doc, first, core_end)
    return _RolePhrase(first, j + 1, head, core_end) if head is not None else None


def _role_phrase_after(doc: _Tokens, k: int, upper: int) -> _RolePhrase | None:
    """The role phrase starting at token ``k``, read left to right ("according to the town's
    mayor", 'said a spokesperson for Zelensky's office')."""
    if _ROLE_WORDS.isdisjoint(doc.lo[k : min(upper, k + _NP_MAX_TOKENS)]):
        return None
    end = k
    while end < upper and end - k < _NP_MAX_TOKENS:
        word = doc.lo[end]
        if word in {"on", "via"}:  # "friends on social media": the channel, not the source
            break
        if (
            word in _NP_OPENERS
            or word in _NP_PREPOSITIONS
            or word in {"'s", "'", "’s", "’", "-"}
            or (doc.tx[end][:1].isalnum() and word not in _NP_BREAKERS)
        ):
            end += 1
        else:
            break
    while end > k and (doc.lo[end - 1] in _NP_PREPOSITIONS or doc.lo[end - 1] in _NP_OPENERS):
        end -= 1
    if end <= k:
        return None
    core_end = next((i for i in range(k + 1, end) if doc.lo[i] in _NP_PREPOSITIONS), end)
    head = _role_head(doc, k, core_end)
    return _RolePhrase(k, end, head, core_end) if head is not None else None


def _side_in(state: _DocumentState, sentence: int, start: int, end: int) -> str | None:
    """The side of the first actor, state place or demonym among tokens ``start:end``."""
    doc = state.doc
    for _s, _e, actor in state.actors_in(start, end):
        if actor.side and actor.side != "other":
            return actor.side
    for k in range(start, end):
        side = side_of_demonym(doc.tx[k]) if doc.tx[k][:1].isupper() else None
        if side:
            return side
    first, last = doc.starts[start], doc.starts[end - 1]
    for place in state.parsed.in_sentence("places", sentence):
        if first <= place.start <= last and place.country_code:
            owner = state_of_country(place.country_code)
            info = actor_info(owner) if owner else None
            if info:
                return info[1]
    return None


def _role_source(state: _DocumentState, sentence: int, phrase: _RolePhrase) -> _Source | None:
    """The source a role phrase names: the organisation its members speak for, a person the
    lexicon records in that role, or the phrase itself with its owner's side."""
    doc = state.doc
    head_word = doc.lo[phrase.head]
    if head_word in _MEMBER_ROLES:
        organisations = [
            a
            for _s, e, a in state.actors_in(phrase.start, phrase.end)
            if a.actor_type not in {"person", "expert", "public"}
            and a.name not in _GENERIC_ACTORS
            and doc.lo[e] not in {"'s", "’s", "'", "’"}  # "Ukraine's top security official": an owner
        ]
        joined_by_membership = phrase.core_end == phrase.end or doc.lo[phrase.core_end] in _MEMBERSHIP_PREPOSITIONS
        if organisations and joined_by_membership:
            return _Source.of(organisations[0], doc.text_of(phrase.start, phrase.end))
    start = phrase.start
    owner_word = doc.lo[start]
    owner: _Source | None = None
    if owner_word in _POSSESSIVE_PRONOUNS:  # "his office": the office of the person just named
        pronoun = _POSSESSIVE_PRONOUNS[owner_word]
        owner = _sentence_subject_fitting(state, sentence, start, lambda s: _fits_pronoun(pronoun, s)) or _resolve(
            state, sentence, start, lambda s: _fits_pronoun(pronoun, s)
        )
        if owner is None:
            return None
        owned = start + 1
    else:  # "Macron's office": named after the owner's canonical name
        owners = [a for a in state.by_start.get(start + (owner_word in _NP_OPENERS), ()) if a.actor_type == "person"]
        owned = doc.char_span(owners[0].start, owners[0].end).end + 1 if owners else start
        if owners and owned - 1 < phrase.head and doc.lo[owned - 1] in {"'s", "’s", "'", "’"}:
            owner = state.source_of(owners[0])
        else:
            owned = start
    written = doc.text_of(start, phrase.end)
    holder = None if owner else _holder_of(state, sentence, phrase)
    if holder is not None:
        return holder
    canonical = normalize_actor(written)
    info = actor_info(canonical)
    if info:
        return _holder_of_role_actor(state, _Source(canonical, info[0], info[1], written))
    if not owner and _like_num(doc.tx[start]) and start + 1 < phrase.end:  # "two friends" -> "friends"
        start = start + 1
    name = (
        f"{owner.name}'s {doc.text_of(owned, phrase.end)}"
        if owner
        else clean_actor_name(doc.text_of(start, phrase.end))
    )
    canonical = normalize_actor(name)
    info = actor_info(canonical)
    if info:
        return _holder_of_role_actor(state, _Source(canonical, info[0], info[1], written))
    actor_type = _ROLE_TYPES[head_word]
    if actor_type == "media":  # "the Welt am Sonntag weekly": the outlet's name
        capitals = [
            k
            for k in range(start, phrase.head)
            if doc.tx[k][:1].isupper() and doc.lo[k] not in _NP_OPENERS and not side_of_demonym(doc.tx[k])
        ]
        if capitals:
            name = doc.text_of(capitals[0], phrase.head)
    side = owner.side if owner else _side_in(state, sentence, start, phrase.end) or "other"
    return _Source(name, actor_type, side, written)


def _owner_state(state: _DocumentState, sentence: int, start: int, end: int) -> str | None:
    """The canonical owner named among tokens ``start:end``: an actor that is not a person
    ("Ukraine's", "the Kremlin", "NATO"), a demonym ("Russian") or a country's name."""
    doc = state.doc
    for _s, _e, actor in state.actors_in(start, end):
        if actor.actor_type not in {"person", "expert", "public"}:
            return actor.name
    demonyms = load_lexicon().demonyms
    for k in range(start, end):
        if doc.tx[k] in demonyms:
            return demonyms[doc.tx[k]]
    first, last = doc.starts[start], doc.starts[end - 1]
    for place in state.parsed.in_sentence("places", sentence):
        if first <= place.start <= last and place.country_code and place.kind == "country":
            return state_of_country(place.country_code)
    return None


def _sentence_subject_fitting(
    state: _DocumentState, sentence: int, before: int, test, *, quoted: bool = True
) -> _Source | None:
    """The first actor of the sentence, before token ``before``, that passes ``test``: "Macron
    spoke to Putin ..., according to a release from his office" is Macron's office. Without
    ``quoted``, actors inside quotation marks are passed over."""
    doc = state.doc
    for actor in state.parsed.in_sentence("actors", sentence):
        if doc.char_span(actor.start, actor.end).end > before:
            break
        if not quoted and _in_ranges(state.quoted, actor.start):
            continue
        source = state.source_of(actor)
        if test(source):
            return source
    return None


def _role_words(doc: _Tokens, start: int, head: int) -> str:
    """The words of a role up to its head, less articles, possessives, demonyms and names
    ("Ukraine's Foreign Minister" -> "foreign minister")."""
    words = []
    for k in range(start, head + 1):
        word = doc.lo[k]
        if word in {"'s", "'", "’s"}:
            words.clear()  # what came before was the owner
        elif word in _NP_OPENERS or (doc.tx[k][:1].isupper() and (k == start or doc.tx[k] in load_lexicon().demonyms)):
            continue
        elif word not in {"senior", "top", "current", "then"}:
            words.append(word)
    return " ".join(words)


def _holder_of(state: _DocumentState, sentence: int, phrase: _RolePhrase) -> _Source | None:
    """The person the lexicon records in the role a phrase describes on the story's day:
    "Ukraine's Foreign Minister", "the Russian leader", "the president of Belarus"."""
    doc = state.doc
    roles = normalize_role(_role_words(doc, phrase.start, phrase.head))
    if not roles:
        return None
    owner = _owner_state(state, sentence, phrase.start, phrase.core_end)
    if owner is None and phrase.core_end < phrase.end and doc.lo[phrase.core_end] == "of":
        owner = _owner_state(state, sentence, phrase.core_end, phrase.end)
    holder = role_holder(owner, roles, state.parsed.document.published) if owner else None
    info = actor_info(holder) if holder else None
    return _Source(holder, *info, doc.text_of(phrase.start, phrase.end)) if info else None


def _holder_of_role_actor(state: _DocumentState, source: _Source) -> _Source:
    """A lexicon role ("Ukrainian Foreign Minister", generated from a demonym) stands for the
    person who held it on the story's day, when the lexicon records who that was."""
    if source.actor_type != "person":
        return source
    adjective, _, role = source.name.partition(" ")
    owner = load_lexicon().demonyms.get(adjective)
    roles = normalize_role(role) if owner else ()
    holder = role_holder(owner, roles, state.parsed.document.published) if roles else None
    info = actor_info(holder) if holder else None
    return _Source(holder, *info, source.mention) if info else source


def _sources_ending_at(
    state: _DocumentState, j: int, sentence: int, lower: int, *, cue_start: int | None = None
) -> tuple[list[_Source], int] | None:
    """The source(s) whose words end at token ``j``: an actor ("Minsk residents"), a
    coordination ("Kyiv and allies", "Russia and Belarus"), a pronoun or an anaphor; a lone
    capitalised word only when ``cue_start`` says the cue follows it."""
    doc = state.doc
    if j < lower:
        return None
    last = j
    if doc.lo[j] in {"allies", "partners", "supporters", "backers"}:
        k = j - 1
        while k >= lower and doc.lo[k] in {"its", "their", "western", "international", "other", "foreign"}:
            k -= 1
        if k > lower and doc.lo[k] == "and" and (k - 1) in state.by_end:
            j = k - 1
    k = j
    while k > lower and k > j - 3 and doc.lo[k] in _OUTLET_NOUNS:  # "the Belarus Belta news agency said"
        k -= 1
    if k < j and k in state.by_end:
        j = k
    actors = state.by_end.get(j)
    role = _role_phrase_before(doc, j, lower)
    if role is not None and _role_speaks(state, role, actors):
        found = _role_subject(state, sentence, role, lower)
        if found is not None:
            return found
    if actors:
        first = min(doc.char_span(a.start, a.end, alignment_mode="expand").start for a in actors)
        if first > lower and doc.lo[first - 1] in _PREPOSITIONS:  # "the ambassador to Ukraine said"
            return None
        if first > lower and doc.lo[first - 1] in {"those", "these"} and doc.lo[j] in _GROUP_WORDS:
            resolved = _resolve_written(state, sentence, j, lower)  # "one of those officials said"
            if resolved:
                return [resolved[0]], resolved[1]
        sources = [state.source_of(a) for a in actors]
        # "Russia and Belarus said", "Poland, Lithuania and Latvia said": each speaks.
        others, first = _coordinated_before(state, first, lower)
        if others and first > lower and doc.lo[first - 1] in _PREPOSITIONS:  # "began with China and Russia pledging"
            return None
        return others + sources, first
    resolved = _resolve_written(state, sentence, j, lower)
    if resolved:
        return [resolved[0]], resolved[1]
    # a lone name only right before the cue (``cue_start``), bar skippable words: "Conor, 28, said"
    cue_next = cue_start is not None and all(not w[:1].isalpha() or w in _BETWEEN for w in doc.lo[last + 1 : cue_start])
    lone = _lone_name(state, sentence, j, lower) if cue_next else None
    return ([lone], j) if lone is not None else None


def _lone_name(state: _DocumentState, sentence: int, j: int, lower: int, *, after_cue: bool = False) -> _Source | None:
    """A single capitalised word right before a cue that no finder knew: '"...," Hromov said',
    "..., Rosaviatsia said", "NABU said" (or right after one: "according to Markiyan."). At a
    sentence's start it counts only as an acronym or a word the text capitalises mid-sentence
    too ("Conor admitted", where "Tests showed" is no one)."""
    doc = state.doc
    word = doc.tx[j]
    if len(word) < 3 or not word[:1].isupper() or not word.replace("-", "").isalpha() or word in _NOT_LONE_NAMES:
        return None
    if word in _PLATFORMS:  # "his last Instagram post": a channel, not a speaker
        return None
    if doc.lo[j] in _ROLE_TYPES or doc.lo[j] in _ANAPHORS or side_of_demonym(word) or doc.lo[j] in STOP_WORDS:
        return None
    acronym = word.isupper()
    if j == lower and not acronym and not _capitalised_mid_sentence(doc, word, doc.starts[j]):
        return None
    before = doc.lo[j - 1] if j > lower else ""
    if j > lower and (doc.tx[j - 1][:1].isupper() or (before in _LONE_NAME_BLOCKERS and not after_cue)):
        return None  # part of a longer name the finders did not take, a preposition's object, "a Twitter post"
    if any(s <= j < e for s, e, _a in state.actors_in(max(j - 6, lower), j + 6)):
        return None  # inside an actor's name ("the Kyiv Post newspaper")
    offset = doc.starts[j]
    if any(p.start <= offset < p.end for p in state.parsed.in_sentence("places", sentence)):
        return None
    return _Source(word, "organisation" if acronym else "person", "other", word)


def _capitalised_mid_sentence(doc: _Tokens, word: str, offset: int) -> bool:
    """Whether the text writes ``word`` with its capital somewhere other than at ``offset`` and
    not at a sentence's start either: a name, not a common word opening a sentence."""
    text = doc._text
    k = text.find(word)
    while k >= 0:
        if k != offset:
            before = text[:k].rstrip()[-1:]
            if (
                before
                and (before.isalnum() or before in ",;(")
                and not text[k + len(word) : k + len(word) + 1].isalnum()
            ):
                return True
        k = text.find(word, k + 1)
    return False


def _role_speaks(state: _DocumentState, role: _RolePhrase, actors: list[ActorMention] | None) -> bool:
    """Whether a role phrase, not the actor its words end with, is the source: the actor sits
    after the role's head ("an adviser to Ukraine's president", "sources close to the
    Kremlin"), or is a catch-all group the phrase says more about ("a Lebanese official");
    not when the words end with the name a title belongs to ("Ambassador to Lebanon Ihor Ostash")."""
    if not actors:
        return True
    doc = state.doc
    first = min(doc.char_span(a.start, a.end).start for a in actors)
    titled = first > role.start and (doc.tx[first - 1][:1].isupper() or doc.lo[first - 1] in _ROLE_TYPES)
    if titled and any(a.actor_type in {"person", "expert"} for a in actors):
        return False  # "Ukrainian Ambassador to Lebanon Ihor Ostash": the title's holder is named
    if first > role.head:
        return True
    # "a Lebanese official", "city officials", "the town's officials": more than "officials"
    return all(a.name in _GENERIC_ACTORS for a in actors) and any(
        doc.lo[k] not in _NP_OPENERS for k in range(role.start, first)
    )


def _role_subject(
    state: _DocumentState, sentence: int, role: _RolePhrase, lower: int
) -> tuple[list[_Source], int] | None:
    """The source a role phrase before a cue stands for: "the mayor" resolves to the mayor named
    before (or just after) when it can; "Natalia Musienko, the mayor of the city said" is
    Musienko; otherwise the phrase is a source of its own."""
    doc = state.doc
    if role.start - 2 >= lower and doc.tx[role.start - 1] == "," and doc.lo[role.start] in {"the", "a", "an"}:
        named = [a for a in state.by_end.get(role.start - 2, ()) if a.actor_type in {"person", "expert"}]
        if named:  # an apposition whose closing comma was dropped
            return [state.source_of(named[0])], doc.char_span(named[0].start, named[0].end).start
    if doc.lo[role.start] in _ANAPHOR_DETERMINERS:  # "the president", "the head of state", "the spies' spokesman"
        anaphor = _anaphor_at(doc, role.end - 1, lower)
        resolved = (
            _resolve_written(state, sentence, role.end - 1, lower) if anaphor and anaphor[1] == role.start else None
        )
        if resolved is not None:
            return [resolved[0]], role.start
        earlier = _resolve_role(state, sentence, role)
        if earlier is not None:
            return [earlier], role.start
        later = _named_later(state, sentence, role)
        if later is not None:
            return [later], role.start
    source = _role_source(state, sentence, role)
    return ([source], role.start) if source is not None else None


def _resolve_role(state: _DocumentState, sentence: int, role: _RolePhrase) -> _Source | None:
    """A definite role phrase ("the spies' spokesman", "the Russian leader") for the person
    named before with that title, of the side the phrase gives."""
    doc = state.doc
    head = doc.lo[role.head]
    titles = _ROLE_TITLES.get(head)
    if not titles:
        return None
    side = next((side_of_demonym(w) for w in doc.tx[role.start : role.head] if side_of_demonym(w)), None)
    written = doc.text_of(role.start, role.end)

    def test(source: _Source) -> bool:
        return (
            source.actor_type in {"person", "expert"}
            and bool(titles & state.titles_of(source.name))
            and (side is None or source.side == side)
        )

    resolved = _resolve(state, sentence, role.start, test)
    return resolved.written_as(written) if resolved else None


def _named_later(state: _DocumentState, sentence: int, role: _RolePhrase) -> _Source | None:
    """ "the local mayor told ABC News ... Natalia Musienko, the mayor of the city": a person the
    next sentences name with the role's title."""
    doc = state.doc
    titles = _ROLE_TITLES.get(doc.lo[role.head])
    if not titles:
        return None
    for index in range(sentence, min(sentence + _SOURCE_WINDOW, len(state.parsed.sentences))):
        for actor in state.parsed.in_sentence("actors", index):
            later = index > sentence or actor.start > doc.starts[role.end - 1]
            if later and actor.actor_type in {"person", "expert"} and titles & state.titles_of(actor.name):
                return _Source.of(actor, doc.text_of(role.start, role.end))
    return None


def _coordinated_before(state: _DocumentState, first: int, lower: int) -> tuple[list[_Source], int]:
    """The actors joined to one starting at token ``first`` by "and" or commas ("Poland,
    Lithuania and Latvia said"; "Zelensky and Polish President Andrzej Duda said"), and where
    the coordination starts."""
    doc = state.doc
    sources: list[_Source] = []
    while first - 2 >= lower:
        joint = first - 1
        while joint > lower and first - joint <= 3 and (doc.tx[joint][:1].isupper() or doc.lo[joint] in _ROLE_TYPES):
            joint -= 1  # "Zelensky and Polish President Andrzej Duda": past the title
        if doc.lo[joint] != "and" and not (doc.lo[joint] == "," and sources):
            break  # a comma joins only a list that ends with "and": "A, B said" is an apposition
        k = joint - 1
        if doc.lo[k] == "," and doc.lo[joint] == "and":
            k -= 1  # "A, B, and C"
        others = state.by_end.get(k)
        if not others:
            break
        first = min(doc.char_span(a.start, a.end).start for a in others)
        sources = [state.source_of(a) for a in others] + sources
    return sources, first


def _subject_before(
    state: _DocumentState, start: int, sentence: int, lower: int
) -> tuple[list[_Source], int, bool] | None:
    """The source written before a cue, the first token of its words, and whether the cue is
    negated. Skips auxiliaries, dates, parentheses and an apposition ("Konrad Muzyka, an
    analyst at Rochan Consulting, said")."""
    doc = state.doc
    j, negated = _skip_left(doc, start - 1, lower, state)
    if j < lower:
        return None
    found = _sources_ending_at(state, j, sentence, lower, cue_start=start)
    if found:
        return found[0], found[1], negated
    # An apposition: "Konrad Muzyka, an analyst at Rochan Consulting, said", or with its closing
    # comma dropped, "Bridget Brink, the U.S. ambassador to Ukraine said".
    # "one presidential adviser, Oleksiy Arestovych, told": the name is the apposition.
    closed = doc.tx[j] == ","
    for k in range(j - 1, max(lower, j - 16) - 1, -1):
        if doc.tx[k] in {".", ";", '"', ":"}:
            break
        if doc.tx[k] == ",":
            opener = doc.lo[k + 1] if k + 1 < start else ""
            if opener in _APPOSITION_OPENERS:
                found = _sources_ending_at(state, k - 1, sentence, lower)
            elif closed and (role := _role_phrase_before(doc, k - 1, lower)) is not None:
                # "An adviser to Ukraine's president, Oleksiy Arestovych, said": the adviser is named
                # unless the name is the president's ("..., Volodymyr Zelensky, said").
                found = _sources_ending_at(state, j - 1, sentence, lower)
                if found is not None and _holds_inner_role(state, sentence, role, found[0][0]):
                    found = _role_subject(state, sentence, role, lower)
            elif closed:  # "Igor Konashenkov, defense ministry spokesperson, said": the named one
                named_second = _sources_ending_at(state, j - 1, sentence, lower) if (j - 1) in state.by_end else None
                found = (
                    named_second
                    or _sources_ending_at(state, k - 1, sentence, lower)
                    or _sources_ending_at(state, j - 1, sentence, lower)
                )
            else:
                found = None
            if found:
                return found[0], found[1], negated
            break
    return None


def _holds_inner_role(state: _DocumentState, sentence: int, role: _RolePhrase, person: _Source) -> bool:
    """Whether a person named after a role phrase holds the role its last words name ("an
    adviser to Ukraine's president, Volodymyr Zelensky,": Zelensky is the president)."""
    doc = state.doc
    if person.actor_type not in {"person", "expert"}:
        return True
    inner = next((k for k in range(role.end - 1, role.core_end - 1, -1) if doc.lo[k] in _ROLE_TYPES), None)
    if inner is None:
        return False
    word = doc.lo[inner]
    if word in state.titles_of(person.name) or (_ROLE_TITLES.get(word, frozenset()) & state.titles_of(person.name)):
        return True
    inner_phrase = _RolePhrase(role.core_end + 1, role.end, inner, role.end)
    holder = _holder_of(state, sentence, inner_phrase)
    return holder is not None and holder.name == person.name


def _sentence_subject(
    state: _DocumentState, sentence: int, lower: int, cue_start: int
) -> tuple[list[_Source], int, bool] | None:
    """The subject of the main clause for a participle after a comma ("Putin ordered ...,
    warning the West ..."): an actor among the sentence's first words."""
    best: tuple[list[_Source], int, bool] | None = None
    for actor in state.parsed.in_sentence("actors", sentence):
        span = state.doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is None or span.start >= cue_start or span.start - lower > 4:
            break
        if any(t.islower() for t in state.doc.tx[lower : span.start]):  # "This comes amid indications Moscow"
            break
        if not (span.end < cue_start and state.doc.tx[span.end] in {"'s", "'"}):
            best = [state.source_of(actor)], span.start, False  # "U.S. President Joe Biden": the last one
    return best


def _modified_subject(
    state: _DocumentState, sentence: int, lower: int, cue_start: int
) -> tuple[list[_Source], int, bool] | None:
    """A speaker that opens the sentence and is followed by a short modifier before its verb
    ("Some Belarusian political activists associated with the opposition have indicated")."""
    doc = state.doc
    actors = state.parsed.in_sentence("actors", sentence)
    if not actors:
        return None
    span = doc.char_span(actors[0].start, actors[0].end, alignment_mode="expand")
    if (
        span is None
        or span.start - lower > 2
        or any(t.islower() and t not in _QUANTIFIED_DETERMINERS for t in doc.tx[lower : span.start])
    ):
        return None
    between = doc.lo[span.end : cue_start]
    if not 1 <= len(between) <= 8 or between[0] not in _POST_MODIFIERS:
        return None
    if any(_punct(t) or t in {"that", "which", "who", "and", "but"} for t in between):
        return None
    negated = any(t in _NEGATIONS for t in between)
    return [state.source_of(actors[0])], span.start, negated


def _document_subject(state: _DocumentState, lower: int, cue_start: int) -> tuple[list[_Source], int, bool] | None:
    """A sentence that opens with a document and its author ("An investigation by the National
    Resistance Center ... found", "Data from the UN show"): the author speaks."""
    doc = state.doc
    for i in range(lower, min(lower + 4, cue_start)):
        if doc.lo[i] in _DOCUMENT_NOUNS:
            break
    else:
        return None
    k = i + 1
    if k < cue_start and doc.lo[k] in _DOCUMENT_PARTICIPLES:  # "Polling done by Chatham House"
        k += 1
    if k < cue_start and doc.lo[k] in {"by", "from", "of"}:
        k += 1 + (doc.lo[k + 1] == "the")
        actors = state.by_start.get(k)
        if actors:
            return [state.source_of(a) for a in actors], lower, False
    return None


def _possessive_subject(state: _DocumentState, lower: int, cue_start: int) -> tuple[list[_Source], int] | None:
    """A sentence that opens with an actor's possessive ("Russia's 'special military
    operation' ... claimed"): the owner speaks."""
    doc = state.doc
    k = lower + (1 if doc.lo[lower] == "the" else 0)
    actors = state.by_start.get(k)
    if not actors:
        return None
    end = doc.char_span(actors[0].start, actors[0].end, alignment_mode="expand").end
    if end < cue_start and doc.tx[end] in {"'s", "'"}:
        return [state.source_of(actors[0])], k
    return None


def _source_after(
    state: _DocumentState, k: int, upper: int, sentence: int, *, adjacent: bool = False
) -> tuple[list[_Source], int] | None:
    """The source written right after a cue ("said Muzyka", "according to state media BelTA"):
    the first actor before the next comma, or an anaphor. ``adjacent`` (an inverted verb) allows
    only an article or a title before it ('said the ministry', 'said Gen. Petrenko', not 'said
    that Ukraine ...')."""
    doc = state.doc
    for i in range(k, min(upper, k + 8)):
        word = doc.lo[i]
        if word in {",", ".", ";", ":", '"'} and i > k:
            break
        if i == k or doc.lo[i - 1] in {"from", "by"}:  # "according to the town's mayor", "a release from his office"
            role = _role_phrase_after(doc, i, upper)
            if role is not None and not _actor_heads(state, role):
                return _role_after(state, sentence, role, k)
        if (
            adjacent
            and i > k
            and not (doc.lo[i - 1] in _INVERTED_LEAD or doc.tx[i - 1][:1].isupper() or doc.lo[i - 1] in _ROLE_TITLES)
        ):
            break
        actors = state.by_start.get(i)
        if actors:
            end = max(doc.char_span(a.start, a.end, alignment_mode="expand").end for a in actors)
            if end < upper and doc.tx[end] in {"'s", "'"}:  # "according to Moscow's plan"
                return None
            # "Belarus President Aleksandr Lukashenko": the person, not the state in the title.
            k = end
            while k < min(upper, end + 3) and doc.tx[k][:1].isupper() and k not in state.by_start:
                k += 1
            if k > end and k in state.by_start:
                continue
            sources = [state.source_of(a) for a in actors]
            if not adjacent and end + 1 < upper and doc.tx[end] == ",":
                named = [a for a in state.by_start.get(end + 1, []) if a.actor_type in {"person", "expert"}]
                if named:  # "according to the head of the Department ..., Valery Revenko"
                    named_end = max(doc.char_span(a.start, a.end, alignment_mode="expand").end for a in named)
                    return [state.source_of(a) for a in named], named_end
            # "according to local journalists and the Odessa International Film Festival": both
            if not adjacent and end < upper and doc.lo[end] == "and":
                k = end + 1 + (end + 1 < upper and doc.lo[end + 1] == "the")
                more = state.by_start.get(k)
                if more:
                    sources += [state.source_of(a) for a in more]
                    end = max(doc.char_span(a.start, a.end, alignment_mode="expand").end for a in more)
            return sources, end
        if word in _DOCUMENT_NOUNS and i + 1 < upper and doc.lo[i + 1] in {"of", "from", "by"}:
            continue  # "the statement of the leadership of Belarus": the author is named further on
        if word in _ANAPHORS or word in {"he", "she", "they"}:
            j = i + 1 if i + 1 < upper and f"{word} {doc.lo[i + 1]}" in _ANAPHORS else i
            resolved = _resolve_written(state, sentence, j, k)
            if resolved:
                return [resolved[0]], j + 1
    return None


def _actor_heads(state: _DocumentState, role: _RolePhrase) -> bool:
    """Whether an actor's name covers a role phrase's head ("according to the Ukrainian
    Foreign Ministry"), so the actor, not the phrase, is the source."""
    doc = state.doc
    for i in range(role.start, role.head + 1):
        for actor in state.by_start.get(i, ()):
            end = doc.char_span(actor.start, actor.end).end
            if end > role.head:
                return True
    return False


def _role_after(
    state: _DocumentState, sentence: int, role: _RolePhrase, lower: int
) -> tuple[list[_Source], int] | None:
    """The source a role phrase after a cue names: the person named right after it
    ("according to the head of the regional administration, Oleg Buriak") or the phrase."""
    doc = state.doc
    after = role.end
    if after + 1 < len(doc) and doc.tx[after] == ",":
        named = [a for a in state.by_start.get(after + 1, ()) if a.actor_type in {"person", "expert"}]
        if named:
            end = max(doc.char_span(a.start, a.end).end for a in named)
            return [state.source_of(a) for a in named], end
    found = _role_subject(state, sentence, role, lower)
    return (found[0], role.end) if found is not None else None


def _trim(doc: _Tokens, start: int, end: int) -> tuple[int, int]:
    """Drop joining words and punctuation at the edges of a claim's content."""
    while start < end and (_punct(doc.tx[start]) or doc.lo[start] in {"that", "and", "but"}):
        start += 1
    while end > start and (_punct(doc.tx[end - 1]) or doc.tx[end - 1].isspace()):
        end -= 1
    return start, end


_PLATFORMS = {
    "Telegram": "Telegram",
    "Facebook": "Facebook",
    "Twitter": "Twitter",
    "Instagram": "Instagram",
    "YouTube": "YouTube",
    "TikTok": "TikTok",
    "VKontakte": "VKontakte",
    "X": "X",
}
_DOCUMENT_PARTICIPLES = _words(
    "done conducted carried published released commissioned compiled provided issued prepared obtained seen"
)
# Words that may follow a sentence's opening speaker before its verb ("activists associated with
# the opposition have indicated", "Russian troops stationed in Belarus said").
_POST_MODIFIERS = _words(
    """associated affiliated linked loyal allied close based stationed fighting serving working operating
    in from at near with of"""
)
# What may follow an inverted speaker ('"...," said Muzyka, an analyst ...' / '... on Facebook').
_AFTER_INVERTED = frozenset(
    {
        ",",
        ".",
        ";",
        ":",
        "(",
        "--",
        "—",
        "-",
        "!",
        "?",
        '"',
        "on",
        "in",
        "at",
        "during",
        "to",
        "after",
        "when",
        "as",
        "who",
    }
)
# Words between an inverted verb and its speaker: 'said a spokesperson for the United Nations'.
_INVERTED_LEAD = _words("the a an for of at")
_HOLDER_TITLES = _words("president minister leader governor mayor chief commander head premier chancellor")
_OUTLET_NOUNS = _words("newspaper daily agency outlet broadcaster channel website portal tabloid weekly news state")
_BROADCAST_AFTER = re.compile(
    r"\b(?:on|told|in an interview (?:on|with)) (?P<channel>(?:(?:national|state|state-run|public|Russian|Ukrainian|"
    r"Belarusian) )?(?:television|TV))\b"
)
_PLATFORM_AFTER = re.compile(r"\b(?i:on|via|to|in|a|an|the|its|his|her) (?P<platform>" + "|".join(_PLATFORMS) + r")\b")
# What a sentence must hold for the two patterns above to match in it.
_BROADCAST_WORDS = ("television", "TV")
_PLATFORM_WORDS = tuple(_PLATFORMS)  # (without the space before: a search for " X" stops at every space)
_FRAME_PREPOSITIONS = _words("in on at during after before via through while")
# Words between a cue and what was claimed: "said in a statement on Telegram that ...".
_FRAMES = tuple(
    tuple(frame.split())
    for frame in (
        "in a statement",
        "in a written statement",
        "in a joint statement",
        "in an interview",
        "in an interview with",
        "in a post on",
        "in a post",
        "in a video",
        "in a video address",
        "in a televised address",
        "in a report",
        "in its report",
        "in its latest report",
        "in a briefing",
        "at a briefing",
        "at a news conference",
        "at a press conference",
        "on telegram",
        "on twitter",
        "on social media",
        "on state television",
        "on state tv",
        "on national television",
        "on national tv",
        "on television",
        "on tv",
        "on state-run television",
        "in a televised address",
        "state television",
        "state tv",
        "national television",
        "national tv",
        "as cited by",
        "as quoted by",
        "as reported by",
        "to reporters",
        "to journalists",
        "reporters",
        "journalists",
        "on condition of anonymity",
    )
)


_FRAMES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _frame in sorted(_FRAMES, key=len, reverse=True):
    _FRAMES_BY_FIRST.setdefault(_frame[0], []).append(_frame)


def _content_after(doc: _Tokens, start: int, upper: int, state: _DocumentState) -> int:
    """Skip what sits between a cue and what was claimed: the hearer ("told Reuters"), the day,
    "in a statement"."""
    i = start
    hearer = doc.lo[start - 1] in {"told", "tell", "tells", "telling", "informed"}
    while i < upper:
        word = doc.lo[i]
        frames = _FRAMES_BY_FIRST.get(word)
        frame = frames and next((f for f in frames if i + len(f) <= upper and tuple(doc.lo[i : i + len(f)]) == f), None)
        if frame:  # before the single words: "on national television" is not "on" and a claim
            i += len(frame)
            continue
        if word in _BETWEEN or _punct(word) or word == "that":
            i += 1
            continue
        actors = state.by_start.get(i)
        if actors and (hearer or all(a.actor_type == "media" for a in actors)):
            i = max(doc.char_span(a.start, a.end, alignment_mode="expand").end for a in actors)
            hearer = False
            continue
        if hearer and word in {"him", "her", "them", "us", "me", "mr.", "mrs.", "ms.", "dr."}:
            hearer = word.endswith(".")  # "told Mr. Medvedev": the name is still to come
            i += 1
            continue
        break
    # "said in a brief video address after the meeting that ...": the claim starts after "that".
    if i < upper and doc.lo[i] in _FRAME_PREPOSITIONS:
        for k in range(i + 1, min(upper, i + 16)):
            if doc.lo[k] == "that":
                return k + 1
            if doc.tx[k] in {",", '"', ":"}:
                break
        else:
            return upper  # "told reporters during a press briefing Friday": nothing claimed here
    return i


def _words_in(doc: _Tokens, start: int, end: int) -> int:
    """How many words tokens ``start:end`` hold, counted up to 3 (a dozen tokens hold that many)."""
    if end - start >= 12:
        return 3
    return len(_WORD.findall(doc.text_of(start, end)))


def _trie(words: Iterable[str]) -> str:
    """A pattern for any of ``words``, written as a trie ("p(?:erhaps|ossibl(?:e|y))"): the
    regex engine then tries one branch per letter, not every word at every position."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(tree)


@cache
def _hedge_pattern() -> re.Pattern:
    """The hedges as one pattern that finds a hedge where ``_WORD`` would read it as a word: a
    whole run of letters, or one cut before "n't" ("could" in "couldn't"); never the run less
    its "n" before "'t" (that one ``_WORD`` reads as the run without it)."""
    words = [w for w in _hedges() if w.isascii() and w.isalpha() and w != "n"]
    return re.compile(r"(?<![A-Za-z])" + _trie(words) + r"(?:(?=n't)|(?![A-Za-z]|(?<=n)'t))")


def _is_hedged(doc: _Tokens, start: int, end: int) -> bool:
    """Whether the words ``start:end`` hedge ("probably", "could", "believe"); a capitalised
    hedge counts only where the sentence starts ("Perhaps ...", never the month "May")."""
    if end <= start:
        return False
    text = doc.text_of(start, end)
    if _hedge_pattern().search(text):  # as any(word in _hedges() for word in _WORD.findall(text)), faster
        return True
    if not doc.sent_start(start):
        return False
    first = _WORD.search(text)
    return first is not None and first.group().lower() in _hedges()


def _via_in(state: _DocumentState, lower: int, upper: int, sources: list[_Source], cue: int) -> _Source | None:
    """A news outlet the source spoke to ("told Reuters", "in an interview with the BBC"); the
    one nearest the cue when the sentence names several."""
    heard = state.media_heard_in(lower, upper)
    if not heard:
        return None
    names = {s.name for s in sources}
    outlets = [(abs(s - cue) + (0 if s > cue else 5), actor) for s, actor in heard if actor.name not in names]
    return _Source.of(min(outlets, key=lambda o: o[0])[1]) if outlets else None


def _platform_in(doc: _Tokens, lower: int, upper: int, cue: str) -> str | None:
    """The social network a statement went out on ("said on Telegram", "via Facebook", "tweeted")."""
    if cue.lower().startswith("tweet"):
        return "Twitter"
    if doc.names_in(_BROADCAST_WORDS, lower, upper):  # "said on national television"
        broadcast = _BROADCAST_AFTER.search(doc.text_of(lower, upper))
        if broadcast:
            return broadcast["channel"]
    if not doc.names_in(_PLATFORM_WORDS, lower, upper):
        return None
    found = _PLATFORM_AFTER.search(doc.text_of(lower, upper))
    return _PLATFORMS[found["platform"]] if found else None


def _is_noun_use(doc: _Tokens, start: int, lower: int) -> bool:
    """A cue word used as a noun ("the report", "Russia's claims", "amid reports of")."""
    return start > lower and doc.lo[start - 1] in _NOUN_MARKERS


def _passive(doc: _Tokens, start: int, lower: int) -> bool:
    j = start - 1
    while j >= lower and (doc.lo[j] in {"also", "not", "n't", "reportedly", "never"} or doc.lo[j].endswith("ly")):
        j -= 1
    return j >= lower and doc.lo[j] in _PASSIVE and not doc.lo[start].endswith("ing")


class _Site(NamedTuple):
    """Where a cue sits: the document state, the sentence and the cue's tokens."""

    state: _DocumentState
    sentence: int
    lower: int  # sentence tokens
    upper: int
    cue: Cue
    start: int  # cue tokens
    end: int

    @property
    def doc(self) -> _Tokens:
        return self.state.doc


def _withheld_stance(site: _Site) -> str | None:
    """The stance of a negated cue: "does not claim responsibility", "has not confirmed" withhold
    an answer; other negated cues ("did not say") make no claim."""
    return "declines_comment" if site.doc.lo[site.start] in _WITHHOLDING else None


def _not_a_cue(site: _Site) -> bool:
    """A cue word that does not attribute here: a noun ("the report", "Russia's claims"), a
    passive ("were reported killed"), "claimed the lives of", "released prisoners"."""
    doc, kind, start, end = site.doc, site.cue.kind, site.start, site.end
    if kind != "decline" and _is_noun_use(doc, start, site.lower):
        return True
    if kind in {"verb", "deny", "release", "evidence"} and _passive(doc, start, site.lower):
        return True
    if doc.lo[start].startswith("claim") and end < site.upper and doc.lo[end] in _NOT_AFTER_CLAIM:
        return True
    if site.cue.hedged and end < site.upper and doc.lo[end] == "to":  # "it expected to fight"
        return True
    if end == start + 1 and doc.lo[start] in _CALL_VERBS and not _calls_something(doc, start, end, site.upper):
        return True
    if kind != "release":
        return False
    return not any(doc.lo[k] in _RELEASED_THINGS for k in range(end, min(end + 6, site.upper)))


def _calls_something(doc: _Tokens, start: int, end: int, upper: int) -> bool:
    """ "called the attack a war crime", 'called it "barbaric"': "call" names what a thing is
    (an article or a quotation after its object); not "called Zelensky on Monday", "called off",
    "a so-called referendum"."""
    if (start > 0 and doc.tx[start - 1] == "-") or end >= upper or doc.lo[end] in _CALL_PARTICLES:
        return False
    return any(word in _CALL_OBJECT_MARKS for word in doc.lo[end + 1 : min(end + 8, upper)])


def _after_modal(doc: _Tokens, start: int, lower: int) -> bool:
    j = start - 1
    while j >= lower and (doc.lo[j] in {"also", "not", "n't", "then", "soon", "still"} or doc.lo[j].endswith("ly")):
        j -= 1
    return j >= lower and doc.lo[j] in _MODALS


def _quote_end(state: _DocumentState, token: int, upper: int) -> int | None:
    """The token where the quotation holding ``token`` closes (within the sentence), or
    ``None`` when the token is not quoted."""
    doc = state.doc
    offset = doc.starts[token]
    ranges = state.quoted
    i = bisect.bisect_right(ranges, (offset, 1 << 62)) - 1
    if i < 0 or not ranges[i][0] < offset < ranges[i][1]:
        return None
    closing = doc.char_span(ranges[i][1], ranges[i][1] + 1)
    return min(closing.start, upper) if closing is not None else upper


def _relative_clause(doc: _Tokens, subject_start: int, cue_end: int, lower: int, upper: int) -> bool:
    """ "the conditions Russia has suggested today, ...": the speaker is inside a noun phrase
    and the verb has no claim of its own."""
    if subject_start - 2 < lower:
        return False
    noun, determiner = doc.tx[subject_start - 1], doc.lo[subject_start - 2]
    if not (noun.isalpha() and noun.islower() and determiner in _DETERMINERS):
        return False
    k = cue_end
    while k < upper and doc.lo[k] in _BETWEEN:
        k += 1
    return k >= upper or _punct(doc.tx[k]) or doc.lo[k] in _CLAUSE_OPENERS


def _subject_claim(site: _Site) -> _Candidate | None:
    """A cue with its source before it ("Minsk residents said ...", "Russia has denied ...",
    '"...," Muzyka told Reuters', "X declined to comment") or, inverted, after it ('"...,"
    said Muzyka')."""
    state, doc, cue, start, end, lower, upper = (
        site.state,
        site.doc,
        site.cue,
        site.start,
        site.end,
        site.lower,
        site.upper,
    )
    if _not_a_cue(site):
        return None
    participle = doc.lo[end - 1].endswith("ing")
    invertible = doc.lo[start] in _INVERTIBLE
    if invertible and start > lower and doc.tx[start - 1] in {",", '"'}:
        inverted = _source_after(state, end, upper, site.sentence, adjacent=True)
        if inverted and inverted[1] < upper and doc.tx[inverted[1]] not in _AFTER_INVERTED:
            inverted = None  # ', said Russian forces have ...': a claim, not its speaker, follows
        if inverted:
            return _Candidate(cue, start, end, inverted[0], _trim(doc, lower, start), cue.stance, cue.hedged)
    found = _subject_before(state, start, site.sentence, lower)
    if (
        found is None and start > lower and ((participle and doc.tx[start - 1] == ",") or doc.lo[start - 1] == "and")
    ):  # "Putin ordered ..., warning ..." / "Muzyka follows the army closely and believes ..."
        found = _sentence_subject(state, site.sentence, lower, start)
    if found is None and cue.kind in {"verb", "evidence"}:
        found = _document_subject(state, lower, start)
    if found is None and cue.kind != "evidence":
        found = _modified_subject(state, site.sentence, lower, start)
    if found is None:
        possessive = _possessive_subject(state, lower, start) if cue.kind == "verb" else None
        if possessive is None:
            return None
        found = (*possessive, False)
    sources, subject_start, negated = found
    if _relative_clause(doc, subject_start, end, lower, upper):
        return None
    if cue.kind == "evidence" and not any(
        doc.lo[k] in _DOCUMENT_NOUNS for k in range(max(lower, subject_start - 4), start)
    ):
        return None  # "the data showed" attributes; "Russia showed restraint" does not
    stance = cue.stance
    if cue.kind in {"verb", "evidence", "release"} and _after_modal(doc, start, lower):
        return None  # "the administration would assess": an intention, not a claim
    if negated:
        stance = _withheld_stance(site)
        if stance is None:
            return None
    if doc.lo[start].startswith("quot"):  # "TASS quoted Lavrov as saying": Lavrov, through TASS
        quoted = _source_after(state, end, upper, site.sentence)
        if quoted and quoted[1] < upper and doc.lo[quoted[1]] == "as":
            content = _trim(doc, quoted[1] + 2, upper)
            return _Candidate(cue, start, end, quoted[0], content, stance, cue.hedged, via=sources[0])
    opener = subject_start - 1
    while opener > lower and doc.lo[opener] in _NP_OPENERS:  # "..., and one US official warned"
        opener -= 1
    independent = subject_start > lower and doc.lo[opener] in _CLAUSE_OPENERS and doc.lo[subject_start] not in _PRONOUNS
    quote_end = _quote_end(state, start, upper)
    if quote_end is not None and doc.lo[subject_start] in _PRONOUNS:
        return None  # '"... they believe ...," X said': a pronoun inside a quotation is the quoted speaker's
    if quote_end is not None:
        upper = quote_end
    content_start = _content_after(doc, end, upper, state)
    if cue.kind == "decline":
        content = (lower, upper)
    elif _words_in(doc, content_start, upper) < 3 and subject_start > lower:  # '"...," X said.'
        content = _trim(doc, lower, subject_start)
        if _words_in(doc, *content) < 3:
            content = (lower, upper)
    else:
        content = _trim(doc, content_start, upper)
    return _Candidate(
        cue, start, end, sources, content, stance, cue.hedged, independent=independent, subject_start=subject_start
    )


def _according_claim(site: _Site) -> _Candidate | None:
    """ "According to X, ..." / "..., according to X"."""
    found = _source_after(site.state, site.end, site.upper, site.sentence)
    doc = site.doc
    end = site.end
    if found is None and end < site.upper and (end + 1 == site.upper or _punct(doc.tx[end + 1])):
        lone = _lone_name(site.state, site.sentence, end, site.lower, after_cue=True)  # "according to Markiyan."
        found = ([lone], end + 1) if lone else None
    if found is None:
        return None
    sources, after = found
    opens = site.start - site.lower <= 2
    content = _trim(doc, after, site.upper) if opens else _trim(doc, site.lower, site.start)
    return _Candidate(site.cue, site.start, site.end, sources, content, site.cue.stance, site.cue.hedged, relay=True)


def _citing_claim(site: _Site) -> _Candidate | None:
    """ "..., citing X": X's claim (the outlet that cites it becomes the relay in ``_settle``)."""
    found = _source_after(site.state, site.end, site.upper, site.sentence)
    if found is None:
        return None
    content = _trim(site.doc, site.lower, site.start)
    return _Candidate(site.cue, site.start, site.end, found[0], content, site.cue.stance, site.cue.hedged)


def _unanswered_claim(site: _Site) -> _Candidate | None:
    """ "Requests for comment from X (and Y) were not answered": X and Y decline to comment."""
    doc = site.doc
    froms = [i for i in range(site.lower, site.start) if doc.lo[i] in {"from", "to"}]
    if not froms:
        return None
    sources = [site.state.source_of(a) for _s, _e, a in site.state.actors_in(froms[0], site.start)]
    if not sources:
        return None
    return _Candidate(site.cue, site.start, site.end, sources, (site.lower, site.upper), site.cue.stance, False)


def _is_monitor(source: _Source) -> bool:
    """A body that counts rather than fights: news media, NGOs, think tanks, the UN family."""
    return source.actor_type in _MONITOR_TYPES or (
        source.actor_type == "intergovernmental" and source.side == "international"
    )


def _by_claim(site: _Site) -> _Candidate | None:
    """A passive with its source: "confirmed by the ministry"; and "killed by the United
    Nations" (a monitor's count, as scraped text sometimes words it)."""
    found = _source_after(site.state, site.end, site.upper, site.sentence)
    if found is None:
        return None
    sources = [s for s in found[0] if site.cue.kind == "by" or _is_monitor(s)]
    if not sources:
        return None
    doc = site.doc
    after = found[1]
    if doc.lo[site.start] in {"quoted", "cited"} and doc.lo[after : after + 2] in (["as", "saying"], ["as", "telling"]):
        # "Lavrov was quoted by TASS as saying ...": Lavrov speaks, through TASS
        speaker = _subject_before(site.state, site.start - 1, site.sentence, site.lower)
        if speaker is None:
            return None
        content = _trim(doc, after + 2, site.upper)
        return _Candidate(site.cue, site.start, site.end, speaker[0], content, site.cue.stance, False, via=sources[0])
    if doc.lo[site.lower] == "as" and site.start - site.lower <= 4:  # "As was reported by X, Y said ..."
        content = _trim(doc, found[1], site.upper)
        return _Candidate(site.cue, site.start, site.end, sources, content, site.cue.stance, False, relay=True)
    content = _trim(doc, site.lower, site.upper)
    return _Candidate(site.cue, site.start, site.end, sources, content, site.cue.stance, site.cue.hedged)


def _learned_claim(site: _Site) -> _Candidate | None:
    """ "BelTA learned from President Lukashenko that ...": the speaker after, the outlet before."""
    found = _source_after(site.state, site.end, site.upper, site.sentence)
    if found is None:
        return None
    outlet = _subject_before(site.state, site.start, site.sentence, site.lower)
    via = outlet[0][0] if outlet else None
    content = _trim(site.doc, _content_after(site.doc, found[1], site.upper, site.state), site.upper)
    return _Candidate(site.cue, site.start, site.end, found[0], content, site.cue.stance, site.cue.hedged, via=via)


def _no_reply_claim(site: _Site) -> _Candidate | None:
    """ "There was no immediate reaction from the Kremlin": the Kremlin declines to comment."""
    found = _source_after(site.state, site.end, site.upper, site.sentence)
    if found is None or found[1] - site.end > 3:
        return None
    return _Candidate(site.cue, site.start, site.end, found[0], (site.lower, site.upper), site.cue.stance, False)


# cue kind -> how its source and content are found
_CLAIM_BUILDERS = {
    "verb": _subject_claim,
    "evidence": _subject_claim,
    "deny": _subject_claim,
    "release": _subject_claim,
    "attitude": _subject_claim,
    "decline": _subject_claim,
    "according": _according_claim,
    "citing": _citing_claim,
    "learned": _learned_claim,
    "unanswered": _unanswered_claim,
    "no_reply": _no_reply_claim,
    "by": _by_claim,
    "by_monitor": _by_claim,
}


_OPENING_MARKS = frozenset({'"', "“", "'", "‘", ":", "(", "-", "—", "–"})


def _candidates(
    state: _DocumentState, sentence: int, span: _Range, cues: Iterable[tuple[Cue, int, int]]
) -> Iterable[_Candidate]:
    tx = state.doc.tx
    for cue, start, end in cues:
        if start > span.start and tx[start][:1].isupper() and tx[start - 1] not in _OPENING_MARKS:
            continue  # a capital mid-sentence is a name's word: "United States", "the State Department"
        site = _tuple_new(_Site, (state, sentence, span.start, span.end, cue, start, end))
        candidate = _CLAIM_BUILDERS[cue.kind](site)
        if candidate is not None:
            yield candidate


def _inside(candidate: _Candidate, other: _Candidate) -> bool:
    """Whether ``candidate``'s cue sits in ``other``'s claimed content."""
    return other.content[0] <= candidate.start < other.content[1]


def _settle(doc: _Tokens, candidates: list[_Candidate]) -> list[_Candidate]:
    """Sort out cues inside other claims: a relay ("According to BelTA, the council said"; "X
    said, according to TASS"; "Reuters reported, citing X") makes one claim with a ``via``; a
    cue inside someone's claimed content is part of that content."""
    kept: list[_Candidate] = []
    for candidate in candidates:
        absorbed = False
        for other in kept:
            if not _inside(candidate, other) and not _inside(other, candidate):
                continue
            names = {s.name for s in other.sources}
            same = names & {s.name for s in candidate.sources}
            if other.relay and _inside(candidate, other):
                # "According to ISW, the think tank believes" is one claim; "According to BelTA,
                # the council said" is the council's claim relayed by BelTA.
                if not same:
                    other.via = other.sources[0]
                    other.sources = candidate.sources
                other.cue, other.stance, other.start, other.end = (
                    candidate.cue,
                    candidate.stance,
                    candidate.start,
                    candidate.end,
                )
                other.content = candidate.content
                other.hedged = other.hedged or candidate.hedged
                absorbed = True
            elif candidate.start >= other.end and (
                candidate.cue.kind in {"according", "citing"}
                or (candidate.cue.kind == "by" and doc.lo[candidate.start - 1] == "as")  # "X said, as cited by Y"
            ):
                # "X said, according to TASS" / "Reuters reported, citing X"
                if candidate.cue.kind == "citing":
                    other.via = other.sources[0]
                    other.sources = candidate.sources
                elif not same:
                    other.via = candidate.sources[0]
                absorbed = True
            elif _inside(candidate, other) and not candidate.independent:
                absorbed = True
            elif _inside(candidate, other):  # "X warned ..., after Y confirmed ...": X's claim ends there
                other.content = _trim(doc, other.content[0], max(other.content[0], candidate.subject_start - 1))
            if absorbed:
                break
        if not absorbed and all(c.actor_type == "media" for c in candidate.sources):
            # "X said ..., the Kyiv Independent reports": X's claim, relayed by the outlet
            relayed = [
                o
                for o in kept
                if _inside(o, candidate) and not o.via and all(c.actor_type != "media" for c in o.sources)
            ]
            for other in relayed:
                other.via = candidate.sources[0]
            absorbed = bool(relayed)
        if not absorbed:
            # '"... they believe ...," Zelenskyy said': an earlier cue inside this claim is part of it.
            kept = [
                other
                for other in kept
                if not (_inside(other, candidate) and not other.relay and not other.independent and not candidate.relay)
            ]
            kept.append(candidate)
    return kept


def extract_claims(parsed: Parsed) -> list[dict]:
    """Rows for the ``claims`` table: one per sentence and source, with the cue, stance
    (asserts / denies / declines_comment), hedging, the relay (``via``) and the claimed text.
    Pronouns and anaphors ("It stated", "the think tank") resolve to an earlier speaker; a cue
    whose source is missing from the text is skipped, never guessed."""
    if not parsed.sentences:
        return []
    state = _DocumentState(parsed)
    doc = state.doc
    by_sentence: dict[int, list[tuple[Cue, int, int]]] = {}
    for cue, start, end in _cue_matches(doc):
        by_sentence.setdefault(sentence_index(parsed, doc.starts[start]), []).append((cue, start, end))
    rows: list[dict] = []
    document = parsed.document
    for index in sorted(by_sentence):
        sentence = parsed.sentences[index]
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        candidates = _settle(doc, list(_candidates(state, index, span, by_sentence[index])))
        seen: set[str] = set()
        for candidate in candidates:
            content_start, content_end = candidate.content
            via = candidate.via or _via_in(state, span.start, span.end, candidate.sources, candidate.end)
            claim_text = hedged = via_name = cue_text = None  # read once a source makes a row
            for source in candidate.sources:
                if source.name in seen or (via is not None and via.name == source.name):
                    continue
                seen.add(source.name)
                if claim_text is None:
                    claim_text = doc.text_of(content_start, content_end).strip(' "') or sentence.text
                    hedged = candidate.hedged or _is_hedged(doc, content_start, content_end)
                    via_name = via.name if via else _platform_in(doc, span.start, span.end, doc.tx[candidate.start])
                    cue_text = doc.text_of(candidate.start, candidate.end)
                state.add_speaker(index, source, cue_text, sentence.text)
                rows.append(
                    {
                        "claim_id": row_id("claim", document.doc_id, sentence.sentence_id, source.name),
                        "doc_id": document.doc_id,
                        "sentence_id": sentence.sentence_id,
                        "source": source.name,
                        "source_mention": source.mention,
                        "source_type": source.actor_type or None,
                        "source_side": source.side or None,
                        "cue": cue_text,
                        "stance": candidate.stance,
                        "hedged": hedged,
                        "via": via_name,
                        "claim": claim_text[:_CLAIM_MAX_CHARS],
                    }
                )
    return rows


__all__ = ["extract_claims"]
