"""Find the actors a document names: lexicon actors, demonym groups, places used as actors,
and people and organisations the lexicon does not know."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import numpy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.lang.lex_attrs import is_quote
from spacy.matcher import PhraseMatcher
from spacy.strings import hash_string
from spacy.tokens import Doc

from lib.lexicon import (
    actor_info,
    clean_actor_name,
    load_lexicon,
    normalize_actor,
    side_of_demonym,
    state_of_country,
)
from lib.mentions import ActorMention, Parsed, PlaceMention
from lib.nlp import get_nlp

# Expose the lexicon helpers here too: other extractors import them from either module.
__all__ = ["actor_info", "find_actors", "normalize_actor"]


def _words(text: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(text.split())


# Words after a place name that make the place an actor ("Moscow said", "Kyiv and allies claim").
_ACTOR_VERBS = _words("""said says say stated states told tells claimed claims claim denied denies deny announced announces
    accused accuses warned warns insisted insists reported reports confirmed confirms believes believe
    rejected rejects dismissed dismisses responded responds urged urges demanded demands wants want
    launched launches invaded invades attacked attacks sent sends deployed deploys has have had was is
    will would could may might must should does did plans plan planned agreed agrees refused refuses
    threatened threatens vowed vows pledged pledges sought seeks hopes hoped fears feared expects
    expected acknowledged acknowledges admitted admits recognised recognized condemned condemns
    blamed blames called calls continues continued""")
_ADVERBS = _words("also has have had not n't repeatedly previously already again still now then later")
_ALLY_WORDS = frozenset({"allies", "partners", "supporters", "backers"})
_ALLIES_OR_OWNERS = _ALLY_WORDS | {"its", "their"}
_BETWEEN_SUBJECT_AND_VERB = _ADVERBS - {"has", "have", "had"}
# Nouns after a possessive place name that make the place an actor ("Russia's invasion",
# "Moscow's claims"); other nouns keep it a place ("Ukraine's largest city", "Russia's border").
_AGENT_NOUNS = _words("""invasion war attack attacks offensive assault aggression operation special claims claim position
    ally allies partner partners president leader leadership foreign defense defence prime ambassador
    envoy strikes strike shelling bombardment bombing decision demands demand plans plan response move
    campaign annexation occupation support refusal denial statement statements accusations accusation
    proposal threat threats warning warnings stance policy troops forces army military government
    officials authorities navy missile missiles drones drone""")

# Words that end an organisation's name, with the type they give it.
_ORG_HEADS: dict[str, str] = {
    **dict.fromkeys(
        _words("""Institute Council Ministry Agency Office Consulting Group Committee Service Services Foundation
        Center Centre Commission University Party Bank Company Corporation Corp. Inc. Association
        Organization Organisation Network Project Fund Department Bureau Directorate Court Parliament
        Assembly Authority Administration Mission Watch Monitor Initiative Society Academy School
        Laboratory Lab Union Movement Coalition Federation Alliance Inspectorate Prosecutor's"""),
        "organisation",
    ),
    **dict.fromkeys(_words("Brigade Battalion Regiment Corps Army Fleet Forces Command Guard Division"), "military"),
    **dict.fromkeys(
        _words("News Times Post Journal Herald Telegraph Radio TV Television Press Media Gazette Tribune Daily"),
        "media",
    ),
}
_CONNECTORS = frozenset({"of", "for", "the", "and", "on", "&", "de", "in"})
_LEADING_PLACE_KINDS = frozenset({"country", "region", "city", "toponym"})
# Words before a name that mark a person ("Gen. X", "spokesman Y") and the type they give.
_PERSON_TITLES: dict[str, str] = {
    **dict.fromkeys(
        _words("""Gen. Lt. Col. Maj. Capt. Sgt. Adm. Cmdr. Brig. Mr. Mrs. Ms. Dr. Sen. Rep. Gov. Amb. Prof.
        President Premier Minister Chancellor General Colonel Major Captain Commander Admiral Mayor
        Governor Ambassador Secretary Spokesman Spokeswoman Spokesperson Senator Lieutenant Marshal
        spokesman spokeswoman spokesperson minister governor mayor commander ambassador envoy official
        adviser advisor aide lawmaker deputy chief head director president secretary leader general
        colonel lieutenant negotiator prosecutor officer soldier resident blogger"""),
        "person",
    ),
    **dict.fromkeys(
        _words("""analyst analysts expert experts researcher scholar professor Professor fellow economist
        historian commentator"""),
        "expert",
    ),
}
_PERSON_TITLES.update({title.capitalize(): kind for title, kind in list(_PERSON_TITLES.items()) if title.islower()})
_PERSON_TITLES.update(dict.fromkeys(("Mr", "Mrs", "Ms", "Dr"), "person"))  # British style, no full stop: "Mr Rao"
# Capitalised words that never start or make up a person's name.
_NOT_NAME = _words("""January February March April May June July August September October November December Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday Sea River Region Oblast Province District Day
    Union Bridge Plant Station Street Square Airport Republic Peninsula War Forces People Lake Mountains
    Island Islands Front Operation Power Nuclear Airbase Base Border North South East West Northern
    Southern Eastern Western Central Christmas Easter New Year Soviet God Mr Mrs President Prime
    Minister Foreign Defense Defence Secretary General State Ministry Office Russian Ukrainian
    Belarusian Black Red White Green Covid COVID Internet Telegram Twitter Facebook YouTube Instagram
    TikTok Google Apple Monday's Photo Video Read More Live Update Updates Reporting Editing Copyright
    Related Watch Breaking Getty Images Image Caption""")
# Words of a title before a name ("Defense Minister X"), skipped at the start of a name.
_TITLE_WORDS = _words("""Foreign Defense Defence Deputy Prime Vice Interior Acting Former Chief First Senior Lt.Gen. Maj.Gen.
    Justice Economy Energy Health Finance Culture Emergencies Presidential Press Military Security
    Opposition Top""")
_OPENERS = _words(
    """later earlier yesterday today tonight asked speaking separately instead overall according despite
    recently reportedly officially initially finally additionally furthermore moreover nevertheless
    nonetheless previously currently lastly notably importantly interestingly unfortunately fortunately
    citing including following amid under with without unlike like meanwhile such"""
)
_NAME_BREAKERS = frozenset(w for w in _PERSON_TITLES if w.endswith(".")) | _words(
    "President Minister Governor Mayor Ambassador Spokesman Spokeswoman Spokesperson Senator Chancellor Premier"
)
_TITLE_HEADS = _words("Minister President Secretary Chancellor Premier Governor Mayor")
_NAME_PARTICLES = _words("von van der de da al bin ibn la le du")
_CAPITAL_STOP = frozenset(word.capitalize() for word in (*STOP_WORDS, *_OPENERS)) | frozenset({"I", "A"})
# A capitalised word followed by another, directly, through a hyphen or a connector word.
# (The capital comes first and the look-behind after it, so the regex engine can skip to capitals;
# the word is read possessively, "*+": a shorter word could never be followed by a space or
# hyphen, so backing off letter by letter to retry the look-ahead is wasted work.)
_CAPITAL_RUN = re.compile(
    r"[A-Z](?<![\w'’.-][A-Z])[\w'’.]*+(?=(?:\s+(?:of|for|the|and|on|&|de|in|von|van|der|al|bin)\s+|\s+|-)[A-Z])"
)
_COLUMNS_KEY = "sitrep.token_columns"
_ORTH_KEY = "sitrep.token_orths"
_TEXTS_KEY = "sitrep.token_texts"
_SENTENCE_STARTS_KEY = "sitrep.sentence_starts"
_INITIAL_OR_HYPHEN = re.compile(r"[A-Z]\.|-")
_MINISTRY_KINDS = r"defen[cs]e|foreign|interior|emergenc(?:y|ies)|economy|justice|health|energy"


_CASE_CHECKED: dict[tuple[int, str], tuple[str, bool] | bool] = {}


# A lexicon match: (start token, end token, canonical name, toponym). A plain tuple: there are
# dozens per document and a frozen dataclass costs several times as much to create.
_Match = tuple[int, int, str, bool]


@cache
def _lexicon_matcher() -> tuple[PhraseMatcher, dict[int, list[tuple[tuple[str, ...], str, bool]]]]:
    """One case-insensitive PhraseMatcher over every alias, and per match key the aliases with
    their written forms, so the case of each match can be checked against the alias."""
    nlp = get_nlp()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    forms: dict[int, list[tuple[tuple[str, ...], str, bool]]] = {}
    aliases = load_lexicon().aliases
    docs = nlp.tokenizer.pipe(alias.text for alias in aliases)
    patterns: dict[str, list[Doc]] = {}
    for alias, pattern in zip(aliases, docs, strict=True):
        key = pattern.text.lower()
        key_hash = nlp.vocab.strings.add(key)
        entry = (tuple(t.text for t in pattern), alias.canonical, alias.toponym)
        if key not in patterns:
            patterns[key] = [pattern]
        forms.setdefault(key_hash, []).append(entry)
    for key, docs_for_key in patterns.items():
        matcher.add(key, docs_for_key)
    return matcher, forms


def _case_fits(written: tuple[str, ...], words: list[str]) -> bool:
    """Acronyms must match exactly and a capitalised alias must start with a capital in the
    text; later words may take any case ("UN" but not "un", "Reuters" but not "reuters";
    "Russia's defense ministry" as well as "Russia's Defense Ministry")."""
    for position, (alias_word, text) in enumerate(zip(written, words, strict=True)):
        letters = [c for c in alias_word if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            if text != alias_word:
                return False
        elif position == 0 and letters and alias_word[0].isupper() and not text[:1].isupper():
            return False
    return True


def _lexicon_matches(parsed: Parsed) -> list[_Match]:
    matcher, forms = _lexicon_matcher()
    texts = token_texts(parsed)
    text, starts, lengths = parsed.document.text, texts.starts, texts.lengths
    checked = _CASE_CHECKED
    found: list[_Match] = []
    for match_id, start, end in matcher(parsed.doc):
        key = (match_id, text[starts[start] : starts[end - 1] + lengths[end - 1]])
        hit = checked.get(key)
        if hit is None:  # the same names recur in every document: check each spelling once
            words = texts[start:end]
            hit = next(((c, t) for written, c, t in forms.get(match_id, ()) if _case_fits(written, words)), False)
            if len(checked) < 200_000:
                checked[key] = hit
        if hit:
            found.append((start, end, *hit))
    return _longest_first(found)


def _longest_first(matches: list[_Match]) -> list[_Match]:
    """Non-overlapping matches, longer ones winning, in text order. Matches that overlap none
    stay as they are; only each group of overlapping ones needs the longest-first choice (a
    choice in one group never touches another's tokens)."""
    kept: list[_Match] = []
    group: list[_Match] = []
    group_end = -1
    for match in sorted(matches, key=lambda m: m[0]):  # stable: equal spans keep the matcher's order
        if match[0] >= group_end and group:
            kept.extend(group if len(group) == 1 else _longest_of(group))
            group = []
        group.append(match)
        group_end = max(group_end, match[1])
    kept.extend(group if len(group) == 1 else _longest_of(group))
    return kept


def _longest_of(matches: list[_Match]) -> list[_Match]:
    """Non-overlapping matches, longer ones winning, in text order."""
    taken: set[int] = set()
    kept: list[_Match] = []
    for match in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
        if any(i in taken for i in range(match[0], match[1])):
            continue
        taken.update(range(match[0], match[1]))
        kept.append(match)
    return sorted(kept, key=lambda m: m[0])


def _toponym_is_actor(texts: list[str], start: int, end: int) -> bool:
    """A place name used for its government: "according to Ukraine", "Moscow said",
    "Kyiv and allies claim", "Russia has denied", "Minsk's position"."""
    n = len(texts)
    if start >= 2 and texts[start - 2].lower() == "according" and texts[start - 1].lower() == "to":
        return True
    i = end
    if i < n and texts[i] in {"'s", "'"}:
        following = [t.lower() for t in texts[i + 1 : i + 4] if not is_quote(t)]
        return bool(following) and following[0] in _AGENT_NOUNS
    if i + 1 < n and texts[i].lower() == "and" and texts[i + 1].lower() in _ALLIES_OR_OWNERS:
        return True
    while i < n and texts[i].lower() in _BETWEEN_SUBJECT_AND_VERB:
        i += 1
    if i >= n:
        return False
    word = texts[i].lower()
    if word in {"is", "was"}:
        # "Moscow was wary", "Minsk is ready": an attitude, not "Minsk is a city".
        return i + 1 < n and texts[i + 1].lower() not in {"a", "an", "the", "in", "home", "located", "one"}
    return word in _ACTOR_VERBS


def _place_actor(place: PlaceMention) -> str | None:
    """The state a place used as an actor stands for."""
    for name in (place.mention, place.name):
        canonical = normalize_actor(name)
        info = actor_info(canonical)
        if info and info[0] == "state":
            return canonical
    return state_of_country(place.country_code) if place.country_code else None


def _mention(
    parsed: Parsed, start: int, end: int, name: str, *, known: bool, actor_type: str, side: str
) -> ActorMention:
    """An actor mention over tokens ``start:end``."""
    starts, lengths = token_columns(parsed)
    first, last = starts[start], starts[end - 1] + lengths[end - 1]
    return ActorMention(
        sentence_index(parsed, first), first, last, parsed.document.text[first:last], name, actor_type, side, known
    )


def _known(parsed: Parsed, start: int, end: int, canonical: str) -> ActorMention:
    actor_type, side = actor_info(canonical) or ("organisation", "other")
    return _mention(parsed, start, end, canonical, known=True, actor_type=actor_type, side=side)


def _token_range(parsed: Parsed, first: int, last: int) -> tuple[int, int] | None:
    """The tokens covering characters ``first:last``."""
    starts = token_columns(parsed)[0]
    start = max(bisect.bisect_right(starts, first) - 1, 0)
    end = bisect.bisect_left(starts, last)
    return (start, end) if end > start else None


@cache
def _coordinated_ministries() -> re.Pattern[str]:
    """ "the Russian defense and foreign ministries" names two ministries."""
    demonyms = "|".join(sorted((re.escape(d) for d in load_lexicon().demonyms), key=len, reverse=True))
    return re.compile(
        rf"\b(?P<adj>{demonyms})\s+(?P<a>{_MINISTRY_KINDS})\s+and\s+(?P<b>{_MINISTRY_KINDS})\s+ministries\b",
        re.IGNORECASE,
    )


def _ministry_mentions(parsed: Parsed) -> list[ActorMention]:
    text = parsed.document.text
    mentions: list[ActorMention] = []
    if "ministries" not in text:
        return mentions
    for match in _coordinated_ministries().finditer(text):
        tokens = _token_range(parsed, match.start(), match.end())
        if tokens is None:
            continue
        adjective = match["adj"][:1].upper() + match["adj"][1:]
        for kind in (match["a"], match["b"]):
            canonical = normalize_actor(f"{adjective} {kind} ministry")
            mentions.append(_known(parsed, *tokens, canonical))
    return mentions


def _is_capitalised(text: str) -> bool:
    return text[:1].isupper()  # an upper-case first character is a letter


def _side_from_context(texts: list[str], start: int, covered_sides: dict[int, str]) -> str:
    """A demonym or known state just before a name gives its side ("Belarusian analyst X")."""
    for i in range(start - 1, max(start - 4, -1), -1):
        if texts[i] in {".", ";", '"'}:
            break
        side = side_of_demonym(texts[i]) or covered_sides.get(i)
        if side:
            return side
    return "other"


@dataclass(slots=True)
class _NameScan:
    """What the scan for unknown names reads."""

    parsed: Parsed
    texts: TokenTexts
    place_tokens: dict[int, str]
    covered_sides: dict[int, str]
    surnames: dict[str, str]


def token_columns(parsed: Parsed) -> tuple[list[int], list[int]]:
    """The tokens' start offsets and lengths, read from the ``Doc`` once (one array call, not a
    ``Token`` object per word) and shared by the actor and claim finders."""
    doc = parsed.doc
    cached = doc.user_data.get(_COLUMNS_KEY)
    if cached is None:
        columns = doc.to_array(["IDX", "LENGTH", "ORTH"]) if len(doc) else None
        cached = (columns[:, 0].tolist(), columns[:, 1].tolist()) if columns is not None else ([], [])
        doc.user_data[_COLUMNS_KEY] = cached
        doc.user_data[_ORTH_KEY] = columns[:, 2] if columns is not None else numpy.zeros(0, dtype="uint64")
    return cached


def token_orths(parsed: Parsed) -> numpy.ndarray:
    """The tokens' ORTH hashes, read with :func:`token_columns` (shared by the finders)."""
    token_columns(parsed)
    return parsed.doc.user_data[_ORTH_KEY]


_LOW_16_BITS = numpy.uint64(0xFFFF)
_FEW_WORDS = 8


class _TokenSet:
    """Words to find among a document's tokens by their ORTH hashes, with no Python loop over
    the tokens. A few words (a document's surnames) are one vectorised comparison each; for
    more (the titles), a table of 65,536 flags indexed by a hash's low 16 bits picks the
    candidate tokens in one numpy step, and only those few are checked against the exact
    hashes (several times faster than a binary search of every token's hash)."""

    __slots__ = ("_hashes", "_table")

    def __init__(self, words: Iterable[str]) -> None:
        self._hashes = frozenset(hash_string(w) for w in words)
        self._table: numpy.ndarray | None = None
        if len(self._hashes) > _FEW_WORDS:
            self._table = numpy.zeros(1 << 16, dtype=bool)
            self._table[[h & 0xFFFF for h in self._hashes]] = True

    def positions(self, parsed: Parsed) -> list[int]:
        """The indices of the tokens whose text is one of the words, in order."""
        orths = token_orths(parsed)
        hashes = self._hashes
        if self._table is None:
            found = numpy.zeros(len(orths), dtype=bool)
            for orth in hashes:
                found |= orths == numpy.uint64(orth)
            return numpy.flatnonzero(found).tolist()
        candidates = numpy.flatnonzero(self._table[(orths & _LOW_16_BITS).astype(numpy.intp)])
        return [i for i, orth in zip(candidates.tolist(), orths[candidates].tolist(), strict=True) if orth in hashes]


def token_texts(parsed: Parsed) -> TokenTexts:
    """The tokens' texts, read once per document and shared by the actor and claim finders."""
    cached = parsed.doc.user_data.get(_TEXTS_KEY)
    if cached is None:
        starts, lengths = token_columns(parsed)
        cached = parsed.doc.user_data[_TEXTS_KEY] = TokenTexts(parsed.document.text, starts, lengths)
    return cached


def sentence_index(parsed: Parsed, offset: int) -> int:
    """The index of the sentence holding a character offset (as ``Parsed.sentence_of``, with
    the sentence starts read once per document)."""
    starts = parsed.doc.user_data.get(_SENTENCE_STARTS_KEY)
    if starts is None:
        starts = parsed.doc.user_data[_SENTENCE_STARTS_KEY] = [s.start for s in parsed.sentences]
    return max(bisect.bisect_right(starts, offset) - 1, 0)


# Titles before a single capitalised name: "Gen. Petrenko", "spokesman Hromov", "President Duda".
_TITLES_BEFORE_NAMES = _words(
    """Mr Mrs Ms Dr spokesman spokeswoman spokesperson analyst expert researcher adviser advisor aide official minister
    governor mayor commander ambassador envoy prosecutor journalist reporter blogger President Minister Governor
    Mayor Commander Ambassador General Colonel Major Captain Admiral Secretary Spokesman Spokeswoman Senator
    Chancellor Premier Analyst Professor"""
)
_ABBREVIATED_TITLE = re.compile(r"[A-Z][a-z]{1,4}\.")
_AFTER_TITLE = re.compile(r"(?:\s+|\s*,\s*)(?=[A-Z])")


@cache
def _name_title_set() -> _TokenSet:
    return _TokenSet(_name_titles())


@cache
def _name_titles() -> frozenset[str]:
    """The title tokens: the words above and the tokenizer's abbreviations shaped like "Gen."
    (a full stop stays on a token only in the tokenizer's special cases)."""
    special = get_nlp().tokenizer.rules or {}
    return _TITLES_BEFORE_NAMES | frozenset(w for w in special if _ABBREVIATED_TITLE.fullmatch(w))


# Capitalised words a name never starts with ("The", "In", "President", "Gen.").
_NOT_NAME_STARTS = _CAPITAL_STOP | frozenset(_PERSON_TITLES) | _TITLE_WORDS


def _whole_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands as a word of its own: not inside "pro-Muzyka" or
    "Muzyka-led"; a possessive may follow ("Muzyka's")."""
    if start and (text[start - 1].isalnum() or text[start - 1] in "_'’.-"):
        return False
    if end < len(text) and (text[end].isalnum() or text[end] in "_-"):
        return False
    if end < len(text) and text[end] in "'’":
        return text[end + 1 : end + 2] == "s" and not (
            text[end + 2 : end + 3].isalnum() or text[end + 2 : end + 3] == "_"
        )
    return True


def _name_starts(parsed: Parsed, text: str, texts: TokenTexts) -> Iterable[int]:
    """Character offsets where an unknown name may start: a capitalised word followed by another
    (directly or through "of", "for", ...), or a capitalised word after a title. Lone capitals
    elsewhere (sentence openers, most of them) are never names unless a surname seen before."""
    skip = _NOT_NAME_STARTS
    starts = {m.start() for m in _CAPITAL_RUN.finditer(text) if m.group() not in skip}
    for i in _name_title_set().positions(parsed):  # one vectorised pass, no regex
        after = _AFTER_TITLE.match(text, texts.starts[i] + texts.lengths[i])
        if after is not None:  # titles may follow each other: each one counts
            k = after.start()
            while text[k] in " ,\t\n":
                k += 1
            starts.add(k)
    return sorted(starts)


def _unknown_names(
    parsed: Parsed, covered: set[int], place_tokens: dict[int, str], covered_sides: dict[int, str]
) -> list[ActorMention]:
    """People and organisations the lexicon does not know, found by the shape of the text: runs
    of capitalised words, visited from where a regex finds them (not token by token), then the
    later surnames of the people found ("Konrad Muzyka" ... "Muzyka")."""
    text = parsed.document.text
    texts = token_texts(parsed)
    starts = texts.starts
    n = len(starts)
    scan = _NameScan(parsed, texts, place_tokens, covered_sides, {})
    mentions: list[ActorMention] = []
    consumed: set[int] = set()
    j = 0
    for offset in _name_starts(parsed, text, texts):
        if j < n and offset < starts[j]:
            continue  # inside the run read last
        i = bisect.bisect_left(starts, offset)
        if i < j or i >= n or starts[i] != offset:
            continue
        j = _scan_name(scan, covered, i, mentions)
        consumed.update(range(i, j))
    if scan.surnames:
        # Surnames (and acronyms) of names found above, where they stand alone later on.
        first_seen = {name: min(m.start for m in mentions if m.name == name) for name in set(scan.surnames.values())}
        done: set[str] = set()
        while todo := scan.surnames.keys() - done:  # a name found here may bring a new surname
            done |= todo
            for i in _TokenSet(todo).positions(parsed):
                if i in consumed or i in covered or not _whole_word(text, starts[i], starts[i] + texts.lengths[i]):
                    continue
                if starts[i] <= first_seen.get(scan.surnames.get(texts[i], ""), len(text)):
                    continue
                _scan_name(scan, covered, i, mentions)
    return sorted(mentions, key=lambda m: m.start)


def _scan_name(scan: _NameScan, covered: set[int], i: int, mentions: list[ActorMention]) -> int:
    """Read the capitalised run starting at token ``i``, add the actor it names to ``mentions``
    and return where the run ends."""
    texts, place_tokens = scan.texts, scan.place_tokens
    starts, lengths = scan.texts.starts, scan.texts.lengths
    n = len(starts)
    word = texts[i]
    if (i in covered and i not in place_tokens) or not _is_capitalised(word) or word in _NOT_NAME_STARTS:
        return i + 1
    # Extend over capitalised words, connectors inside organisation names, and hyphens.
    # (``x[:1].isupper()`` is ``_is_capitalised`` inlined: this loop runs for every name.)
    j = i + 1
    while j < n:
        following = texts[j]
        if (j in covered and j not in place_tokens) or following in _NAME_BREAKERS:
            break  # "Donetsk Oblast Gov. Pavlo Kyrylenko": the title starts a new name
        if following[:1].isupper() and following not in _CAPITAL_STOP:
            j += 1
        elif (
            following == "-"
            and starts[j - 1] + lengths[j - 1] == starts[j]
            and j + 1 < n
            and texts[j + 1][:1].isupper()
        ):
            j += 2
        elif following.lower() in _CONNECTORS and j + 1 < n and texts[j + 1][:1].isupper():
            j += 1
        else:
            break
    while j > i + 1 and texts[j - 1].lower() in _CONNECTORS:
        j -= 1
    if _ORG_HEADS.keys().isdisjoint(texts[i:j]):
        # Only an organisation's name runs over "of", "for", "on": "Tatiana Borovik on Facebook".
        j = next((k for k in range(i + 1, j) if texts[k].lower() in _CONNECTORS), j)
    # A lone capitalised word is a name only after a title ("Gen. Petrenko") or as the surname
    # of someone named before.
    lone = j == i + 1 and word not in scan.surnames and (i == 0 or texts[i - 1] not in _PERSON_TITLES)
    if not lone or (i > 0 and texts[i - 1] in _TITLE_WORDS):
        mention = _classify_name(scan, i, j)
        first = i
        while mention is None and j - first > 2 and scan.place_tokens.get(first) in _LEADING_PLACE_KINDS:
            first += 1  # "Ambassador to Lebanon Ihor Ostash": the name after the place
            mention = _classify_name(scan, first, j) if first not in scan.place_tokens else None
        if mention is not None:
            mentions.append(mention)
    return j


class TokenTexts(list):
    """Every token's text, sliced from the document text once per document (a plain list, so
    reading a token is list indexing), with the tokens' offsets and lengths."""

    __slots__ = ("_text", "lengths", "starts")

    def __init__(self, text: str, starts: list[int], lengths: list[int]) -> None:
        super().__init__([text[a : a + b] for a, b in zip(starts, lengths, strict=True)])
        self._text, self.starts, self.lengths = text, starts, lengths

    def joined(self, start: int, end: int) -> str:
        """The text tokens ``start:end`` cover."""
        return self._text[self.starts[start] : self.starts[end - 1] + self.lengths[end - 1]]


def _classify_name(scan: _NameScan, start: int, end: int) -> ActorMention | None:
    """The person or organisation the capitalised words ``start:end`` name, if they name one."""
    texts, surnames = scan.texts, scan.surnames
    words = texts[start:end]
    head_type = next((_ORG_HEADS[w] for w in reversed(words) if w in _ORG_HEADS), None)
    title_start = start
    while title_start > 0 and (texts[title_start - 1] in _TITLE_WORDS or texts[title_start - 1] == ","):
        title_start -= 1
    previous = texts[title_start - 1] if title_start > 0 else ""
    if head_type and len(words) >= 2:
        if len(words) == 2 and words[0] in {"The", "This", "That"}:
            return None
        side = _side_from_context(texts, start, scan.covered_sides)
        for word in words:  # "Kyiv School of Economics": a state's place inside the name gives the side
            info = actor_info(normalize_actor(word))
            if info and info[0] == "state" and side == "other":
                side = info[1]
        name = clean_actor_name(texts.joined(start, end))
        initials = "".join(w[0] for w in words if w[:1].isupper())
        if len(initials) >= 2:  # "National Resistance Center" ... "the NRC"
            surnames[initials] = name
        return _mention(scan.parsed, start, end, name, known=False, actor_type=head_type, side=side)
    if len(words) == 1 and words[0].isupper() and words[0] in surnames:
        side = _side_from_context(texts, start, scan.covered_sides)
        return _mention(scan.parsed, start, end, surnames[words[0]], known=False, actor_type="organisation", side=side)
    title_type = _PERSON_TITLES.get(previous)
    if len(words) == 1 and not (words[0] in surnames or title_type):
        return None
    # A name made only of place names, or holding a country or region, is a place ("Artyom
    # Shraibman" holds a town's name and is still a person).
    kinds = [scan.place_tokens.get(k) for k in range(start, end)]
    if all(kinds) or any(kind in {"country", "region", "area", "toponym"} for kind in kinds):
        return None
    if any(w in _NOT_NAME for w in words):
        return None
    if not all(w.istitle() or w in _NAME_PARTICLES or _INITIAL_OR_HYPHEN.fullmatch(w) for w in words):
        return None
    if len(words) == 1:
        if surnames.get(words[0]):
            name = surnames[words[0]]
        elif not scan.parsed.doc[start].is_sent_start:
            name = words[0]
        else:
            return None
    elif len(words) <= 4 and not any(w.isupper() and len(w) > 1 for w in words):
        name = texts.joined(start, end).replace(" - ", "-")
        surnames.setdefault(words[-1], name)  # the first person of that surname keeps it
    else:
        return None
    side = _side_from_context(texts, start, scan.covered_sides)
    return _mention(scan.parsed, start, end, name, known=False, actor_type=title_type or "person", side=side)


def find_actors(parsed: Parsed) -> list[ActorMention]:
    """Every actor mention in a document, in text order: lexicon actors (case-aware, longest
    match), demonym groups ("Western diplomats"), coordinated ministries, places used as actors
    (from ``parsed.places`` or, for the lexicon's capitals and states, from the words around
    them) and unknown people and organisations found by rule (``known=False``)."""
    if not parsed.sentences:
        return []
    texts = token_texts(parsed)
    places_by_token: dict[int, PlaceMention] = {}
    place_ranges: list[tuple[PlaceMention, tuple[int, int]]] = []
    for place in parsed.places:
        tokens = _token_range(parsed, place.start, place.end)
        if tokens is not None:
            place_ranges.append((place, tokens))
            places_by_token.update(dict.fromkeys(range(*tokens), place))

    mentions: list[ActorMention] = []
    covered: set[int] = set()
    covered_sides: dict[int, str] = {}
    toponym_tokens: set[int] = set()
    for start, end, canonical, toponym in _lexicon_matches(parsed):
        covered.update(range(start, end))
        if toponym:
            toponym_tokens.update(range(start, end))
            place = places_by_token.get(start)
            as_actor = (place is not None and place.role == "actor") or _toponym_is_actor(texts, start, end)
            info = actor_info(canonical)
            if info:
                covered_sides[start] = info[1]
            if not as_actor:
                continue
        mentions.append(_known(parsed, start, end, canonical))

    place_tokens = {i: place.kind for i, place in places_by_token.items()}
    place_tokens.update(dict.fromkeys(toponym_tokens, "toponym"))
    lexicon_mentions = mentions[:]
    for place, (start, end) in place_ranges:
        if place.role != "actor" or any(m.start <= place.start < m.end for m in lexicon_mentions):
            continue  # not an actor, or its first character already an actor's
        canonical = _place_actor(place)
        if canonical:
            mentions.append(_known(parsed, start, end, canonical))
            covered.update(range(start, end))

    mentions.extend(_ministry_mentions(parsed))
    mentions.extend(_unknown_names(parsed, covered, place_tokens, covered_sides))
    return _drop_titles_of_named(parsed.document.text, sorted(mentions, key=lambda m: (m.start, m.end)))


def _drop_titles_of_named(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """A title right before a person's name is not an actor of its own: "Ukrainian Defence
    Minister Olexiy Reznikov" names Reznikov, not a second person."""
    kept = []
    for i, mention in enumerate(mentions):
        following = mentions[i + 1] if i + 1 < len(mentions) else None
        if (
            following is not None
            and mention.actor_type == "person"
            and following.actor_type in {"person", "expert"}
            and mention.name != following.name
            and mention.name.split()[-1] in _TITLE_HEADS
            and not text[mention.end : following.start].strip(" ")
        ):
            continue
        kept.append(mention)
    return kept
