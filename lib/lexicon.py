"""Load the actor and cue lexicons in ``data/`` and canonicalise actor names against them."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
ACTORS_PATH = DATA_DIR / "actors.csv"
ROLES_PATH = DATA_DIR / "roles.csv"
CUES_PATH = DATA_DIR / "cues.csv"

# Spellings of the same abbreviation: an alias written with one also matches the others.
_ABBREVIATION_VARIANTS = (("UN", "U.N."), ("US", "U.S."), ("UK", "U.K."), ("EU", "E.U."))
_PREPOSITIONS = ("from", "in", "of")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|some|many|several|other|most|all|both)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|')$")
_SPACES = re.compile(r"\s+")
_DROP_IN_KEY = re.compile(r"[.\"“”‘’()]")


@dataclass(frozen=True, slots=True)
class Actor:
    """One canonical actor of the lexicon."""

    name: str
    actor_type: str
    side: str


@dataclass(frozen=True, slots=True)
class Alias:
    """A surface form of an actor. ``toponym`` marks place names ("Moscow") that stand for
    the actor only when the text uses the place as an actor."""

    text: str
    canonical: str
    toponym: bool = False


@dataclass(frozen=True, slots=True)
class Cue:
    """An attribution cue: the phrase, how it attaches to its source, the stance it expresses,
    and whether the cue itself hedges ("believes", "suggested")."""

    phrase: str
    kind: str  # verb | according | decline | deny_noun | release | attitude | passive | investigate
    stance: str
    hedged: bool


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The actor lexicon, indexed for lookup."""

    actors: dict[str, Actor]  # canonical -> actor
    keys: dict[str, str]  # normalised alias -> canonical
    aliases: tuple[Alias, ...]  # every surface form the matcher should look for
    demonyms: dict[str, str]  # demonym ("Belarusian") -> state canonical
    toponym_keys: frozenset[str]  # normalised place names that stand for a state
    by_country: dict[str, str]  # ISO 3166-1 alpha-2 -> state canonical
    # (owner canonical, role key) -> who held the role when: (first day, last day, canonical person)
    holders: dict[tuple[str, str], tuple[tuple[dt.date | None, dt.date | None, str], ...]]


def actor_key(name: str) -> str:
    """The lookup key of a name: lower case, no leading article, possessive or full stops."""
    text = _SPACES.sub(" ", name.strip())
    text = _LEADING_ARTICLE.sub("", text)
    text = _POSSESSIVE.sub("", text)
    text = _DROP_IN_KEY.sub("", text).replace("-", " ")
    return _SPACES.sub(" ", text).strip().lower()


def clean_actor_name(name: str) -> str:
    """A name as written, minus surrounding space, a leading "the" and a possessive ending."""
    text = _SPACES.sub(" ", name.strip(" \t\n,;:"))
    text = _LEADING_ARTICLE.sub("", text)
    return _POSSESSIVE.sub("", text).strip()


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines)


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _abbreviation_variants(alias: str) -> set[str]:
    variants = {alias}
    for short, dotted in _ABBREVIATION_VARIANTS:
        for variant in list(variants):
            words = variant.split(" ")
            if short in words:
                variants.add(" ".join(dotted if w == short else w for w in words))
            if dotted in words:
                variants.add(" ".join(short if w == dotted else w for w in words))
    return variants


def _possessive(place: str) -> str:
    return f"{place}'" if place.endswith("s") else f"{place}'s"


# Ways of writing a role, and the role key the lexicon's ``holds`` column uses for it.
_ROLE_KEYS: dict[str, str] = {
    **dict.fromkeys(("president", "head of state"), "president"),
    **dict.fromkeys(("prime minister", "premier", "pm", "head of government"), "prime minister"),
    "chancellor": "chancellor",
    **dict.fromkeys(
        (
            "foreign minister",
            "foreign affairs minister",
            "minister of foreign affairs",
            "minister for foreign affairs",
            "top diplomat",
        ),
        "foreign minister",
    ),
    **dict.fromkeys(
        ("defense minister", "defence minister", "minister of defense", "minister of defence"), "defense minister"
    ),
    **dict.fromkeys(("defense secretary", "defence secretary", "secretary of defense"), "defense secretary"),
    "secretary of state": "secretary of state",
    **dict.fromkeys(("secretary general", "secretary-general", "secretary - general"), "secretary general"),
    **dict.fromkeys(
        ("spokesman", "spokeswoman", "spokesperson", "press secretary", "chief spokesman", "chief spokeswoman"),
        "spokesperson",
    ),
    **dict.fromkeys(("commander-in-chief", "commander in chief", "commander - in - chief"), "commander in chief"),
    **dict.fromkeys(("chief", "head", "director general", "director-general"), "chief"),
}
# A state's "leader" is whoever holds the first of these roles the lexicon records.
_LEADER_WORDS = frozenset({"leader", "strongman", "ruler", "autocrat", "dictator"})
_LEADER_ROLES = ("president", "prime minister", "chancellor", "leader")


def normalize_role(words: str) -> tuple[str, ...]:
    """The role keys a role's words may stand for ("Foreign Minister" -> foreign minister;
    "leader" -> president, prime minister, chancellor), or none."""
    text = _SPACES.sub(" ", words.strip().lower())
    if text in _LEADER_WORDS:
        return _LEADER_ROLES
    key = _ROLE_KEYS.get(text)
    return (key,) if key else ()


def _parse_holds(cell: str | None, canonical: str) -> Iterator[tuple[tuple[str, str], tuple]]:
    """ "Russia:president@2012-05-07.." -> ((Russia, president), (2012-05-07, None, canonical))."""
    for entry in _split(cell):
        role, _, dates = entry.partition("@")
        owner, _, key = role.partition(":")
        first, _, last = dates.partition("..")
        yield (
            (owner.strip(), key.strip()),
            (
                dt.date.fromisoformat(first) if first else None,
                dt.date.fromisoformat(last) if last else None,
                canonical,
            ),
        )


def role_holder(owner: str, roles: tuple[str, ...], on: dt.date | None) -> str | None:
    """Who held one of ``roles`` for ``owner`` on a day, as the lexicon records it. Without a
    day only a role the lexicon knows a single holder of is answered."""
    holders = load_lexicon().holders
    for role in roles:
        entries = holders.get((owner, role), ())
        if on is None:
            if len(entries) == 1:
                return entries[0][2]
            continue
        for first, last, canonical in entries:
            if (first is None or first <= on) and (last is None or on <= last):
                return canonical
    return None


@cache
def load_lexicon() -> Lexicon:
    """Read ``data/actors.csv`` and ``data/roles.csv`` once: explicit aliases first, then the
    generated group phrases ("Ukrainian officials", "officials from Ukraine"), which never
    override an explicit alias."""
    actors: dict[str, Actor] = {}
    keys: dict[str, str] = {}
    aliases: list[Alias] = []
    demonyms: dict[str, str] = {}
    toponym_keys: set[str] = set()
    states: list[tuple[str, list[str], list[str]]] = []
    by_country: dict[str, str] = {}
    holders: dict[tuple[str, str], list[tuple[dt.date | None, dt.date | None, str]]] = {}

    def add(text: str, canonical: str, *, toponym: bool = False, override: bool = True) -> None:
        if not override and actor_key(text) in keys:
            return  # a generated phrase never replaces an explicit alias
        for variant in _abbreviation_variants(text):
            key = actor_key(variant)
            if key:
                keys[key] = canonical
                aliases.append(Alias(variant, canonical, toponym))

    for row in _rows(ACTORS_PATH):
        name = row["canonical"].strip()
        actors[name] = Actor(name, row["type"].strip(), row["side"].strip())
        places = _split(row.get("toponyms"))
        adjectives = _split(row.get("demonyms"))
        if name not in places:
            add(name, name)
        for alias in _split(row.get("aliases")):
            add(alias, name)
        for place in places:
            add(place, name, toponym=True)
            toponym_keys.add(actor_key(place))
        for adjective in adjectives:
            demonyms.setdefault(adjective, name)
        if adjectives:
            states.append((name, adjectives, places))
        if (row.get("iso2") or "").strip():
            by_country[row["iso2"].strip()] = name
        for key, held in _parse_holds(row.get("holds"), name):
            holders.setdefault(key, []).append(held)

    for row in _rows(ROLES_PATH):
        roles = _split(row["roles"])
        forms = set(_split(row["forms"]))
        for state, adjectives, places in states:
            side = actors[state].side
            canonical = row["canonical"].format(adj=adjectives[0])
            canonical = keys.get(actor_key(canonical), canonical)  # "Russian armed forces" is an explicit alias
            generated: list[str] = []
            if "adj" in forms:
                generated += [f"{adjective} {role}" for adjective in adjectives for role in roles]
            if "of" in forms:
                generated += [f"{role} {prep} {place}" for place in places for prep in _PREPOSITIONS for role in roles]
            if "poss" in forms:
                generated += [f"{_possessive(place)} {role}" for place in places for role in roles]
            for text in generated:
                add(text, canonical, override=False)
            if canonical not in actors and any(keys.get(actor_key(text)) == canonical for text in generated):
                actors[canonical] = Actor(canonical, row["type"].strip(), side)

    frozen_holders = {key: tuple(entries) for key, entries in holders.items()}
    return Lexicon(actors, keys, tuple(aliases), demonyms, frozenset(toponym_keys), by_country, frozen_holders)


@lru_cache(maxsize=65_536)  # the same names recur across documents
def normalize_actor(name: str) -> str:
    """The canonical name of an actor: any alias in any case, with or without "the", a
    possessive or dotted abbreviations ("the U.N. human rights office" -> "OHCHR"). A name the
    lexicon does not know comes back cleaned ("the Kyiv School of Economics'" -> "Kyiv School
    of Economics")."""
    lexicon = load_lexicon()
    canonical = lexicon.keys.get(actor_key(name))
    return canonical if canonical is not None else clean_actor_name(name)


@lru_cache(maxsize=65_536)  # a pure function of the lexicon (read once), asked for every actor mention
def actor_info(canonical: str) -> tuple[str, str] | None:
    """``(actor_type, side)`` of a canonical actor, or ``None`` when the lexicon lacks it."""
    actor = load_lexicon().actors.get(canonical)
    return (actor.actor_type, actor.side) if actor else None


@lru_cache(maxsize=65_536)  # asked for the words before every name found
def side_of_demonym(word: str) -> str | None:
    """The side a demonym points to ("Belarusian" -> "Belarus", "Western" -> "Western")."""
    lexicon = load_lexicon()
    state = lexicon.demonyms.get(word)
    return lexicon.actors[state].side if state else None


def state_of_country(country_code: str) -> str | None:
    """The canonical state of an ISO 3166-1 alpha-2 code ("BY" -> "Belarus"), when known."""
    return load_lexicon().by_country.get(country_code.upper())


_CONTRACTIONS = {
    "did not": "didn't",
    "does not": "doesn't",
    "do not": "don't",
    "has not": "hasn't",
    "have not": "haven't",
    "had not": "hadn't",
    "could not": "couldn't",
    "would not": "wouldn't",
    "was not": "wasn't",
    "were not": "weren't",
    "is not": "isn't",
    "are not": "aren't",
}


def _contracted(phrase: str) -> list[str]:
    """A cue phrase and its contracted form ("did not respond" / "didn't respond")."""
    forms = [phrase]
    for full, short in _CONTRACTIONS.items():
        if f"{full} " in f"{phrase} ":
            forms.append(f"{phrase} ".replace(f"{full} ", f"{short} ").strip())
    return forms


@cache
def load_cues() -> tuple[Cue, ...]:
    """Read ``data/cues.csv`` once: every inflected phrase of every cue."""
    cues: list[Cue] = []
    for row in _rows(CUES_PATH):
        hedged = row["hedged"].strip().lower() in {"1", "true", "yes"}
        for phrase in _split(row["phrases"]):
            for form in _contracted(phrase):
                cues.append(Cue(form, row["kind"].strip(), row["stance"].strip(), hedged))
    unique = {cue.phrase.lower(): cue for cue in reversed(cues)}  # the first listing of a phrase wins
    return tuple(unique[key] for key in dict.fromkeys(c.phrase.lower() for c in cues))


@cache
def load_word_list(name: str) -> frozenset[str]:
    """A one-column word list in ``data/`` (``#`` comments allowed), lower-cased."""
    path = DATA_DIR / name
    with path.open(encoding="utf-8") as handle:
        words = (line.split("#", 1)[0].strip().lower() for line in handle)
        return frozenset(w for w in words if w)
