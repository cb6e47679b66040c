"""Find casualty figures in a parsed document: rows of the ``casualties`` table.

A figure is a quantity (read by :mod:`lib.numbers`) tied by one of a few sentence shapes to a
casualty word (the words are in ``data/casualty_terms.csv``):

- the counted people and what happened to them: "12 people were killed", "at least 6700 civilians
  being killed", "38 of the 50 people killed", "Two civilians died", "31 others wounded";
- a noun that is the count itself: "thousands of deaths", "2,345 deaths", "15,000 to 20,000 dead";
- a verb that takes the figure as object: "killing at least 10 people", "wounded 15", "left 3 dead",
  "claimed the lives of 14", "the deaths of 441 civilians", "the death toll rose to 18";
- one person: "a 9-year-old girl was killed", "shot and killed a 10-year-old girl" is one death
  (ages are never counts), and so is a named person: "Pasha Lee, an actor from Crimea, was killed"
  (people named by the actor finder); people named together are one figure: "A and B were killed" is 2;
- membership and burial: "four journalists were among the injured", "Among the dead were 12
  children", "burying up to 9,000" (the dead);
- a part or a list item shares the casualty word of its whole: "38 of the 50 people killed",
  "the toll includes 1,406 men, 927 women and nearly 200 children".

Rules worth knowing when reading the table:

- ``count_low``/``count_high`` and the qualifier come from :func:`lib.numbers.parse_quantity`
  ("at least 6700" -> 6700..open; "up to 50" -> 50..50 with qualifier up_to; vague plurals are
  ranges: "dozens" 24..99, "scores" 40..99, "hundreds" 200..999, "thousands" 2,000..9,999).
- Combined totals are never filed: "casualties", "losses", "killed or wounded", "killed or maimed",
  "killed, injured or captured", troops "eliminated" (put out of action) count the dead and the
  injured together and the contract has no
  outcome for them; filing them as killed would overstate deaths (even as "up_to") and as injured
  would be just as wrong. A death count inside one ("5,264 civilian casualties, including 2,345
  deaths") is filed.
- Rates are not counts: "150 killed and 800 wounded daily", "824 troops dying each day", "Every day,
  60 to 100 soldiers are killed" are skipped (a rate set up earlier in the sentence holds until a
  particular time or a total: "daily, and on Monday 12 were killed" is a figure).
- A floor or ceiling carries to a bare figure that shares its verb: "at least 902 killed and 1,459
  injured" is at least 1,459 injured; "and 31 others wounded" keeps its own reading.
- A perfect tense without "been" is what the counted people did, not what befell them: "two soldiers
  have killed their commander" is no figure.
- Deaths beside an illness or a disaster in the sentence ("COVID-19 has left 180,000 dead") are not
  war casualties.
- Swaps are not losses: "exchanged 200 prisoners of war", "exchanged 160 bodies" are skipped.
- "died", "dead" and "deaths" are war casualties only near violence (the sentence or the three
  before it speak of killing, shelling, war, troops, civilians...): not deaths from illness or age.
- Troop strengths, weapons, ages, years, dates, money, distances, percentages, refugees and people
  in need never pass: a figure needs a casualty word in one of the shapes above.
- ``population``: civilian (civilians, children, residents...), military (soldiers, troops,
  servicemen, fighters, personnel, mercenaries...) or unspecified ("people", "dead"). A figure that
  names nobody takes the population of the figure before it in the sentence ("262 children have
  been killed and 467 injured") or of those who "lost" it ("the invaders had lost 15,000 dead").
  "people" counts as civilian when the sentence or the three before it speak of civilians or
  civilian places (a train station, a hospital, a residential building, a shopping mall...), and
  so does a count that names nobody ("2,050 confirmed deaths") when no soldiers are in its sentence
  and the civilians spoken of are not another figure's part.
- ``perpetrator``: who did it, when the sentence says so: "killed by Russian forces", "in Russian
  executions and attacks", "Russian shelling killed", "Russia says it has killed"; canonical names
  through the actor lexicon. Never the side of the dead themselves.
- ``source``: who reports the figure: "according to X" in the sentence; a reporting body after the
  outcome rather than an armed one ("killed by the United Nations", "confirmed killed by officials");
  else the speaker of the claim (from the claims extractor, which resolves "It said", "one of those
  officials", "the mayor") whose content holds the figure; else the subject of a reporting verb in the
  sentence ("X said", "X has recorded", ", said X", "X mourned the death of"). A sentence that goes on
  with the figures of the one before ("That includes ...", "Among the dead were ...", "Another 12 ...")
  takes its source. A source that is only a role ("the governor") names the person written with that
  role nearby ("Gov. Pavlo Kyrylenko"); a descriptor is dropped ("Ukrainian digital broadcaster
  Hromadske" -> "Hromadske"); a group that says not whose it is ("authorities said") takes the side
  of the country where the figure happened, unless that country's own forces struck there or a
  separatist republic is named. Empty when nothing in the sentence attributes the figure.
- ``location``: the place nearest the figure that the sentence uses as a place, with places listed
  together with it ("in northern Kyiv and Sumy" -> "Kyiv; Sumy"); the ends of a span ("from Odesa
  in the south to Kyiv in the north") are not a location.
- ``scope`` is cumulative for running tallies ("since the start of the war", "so far", "in total",
  "the war has resulted in", "during the conflict"), else incident.
- The same figure repeated later in a document (same count, outcome and population) is one row.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from lib.extract.actors import sentence_index
from lib.extract.claims import extract_claims
from lib.ids import row_id
from lib.lexicon import actor_info, load_lexicon, normalize_actor, state_of_country
from lib.mentions import Parsed, Sentence
from lib.numbers import NUMBERISH_PATTERN, QUANTITY_PATTERN, Quantity, parse_quantity

TERMS_PATH = Path(__file__).resolve().parent.parent.parent / "data" / "casualty_terms.csv"
TERM_KINDS = ("person", "singular", "predicate", "active", "head", "noun_of")
COMBINED = "combined"
CONTEXT_SENTENCES = 3  # how far back "people" may learn that they were civilians
ONE = Quantity(1, 1, "exact")

# Demonym (or armed group) words -> the alias the actor lexicon canonicalises to its armed force.
ATTACKERS: dict[str, str] = {
    "russian": "Russian forces",
    "russia's": "Russian forces",
    "ukrainian": "Ukrainian forces",
    "ukraine's": "Ukrainian forces",
    "belarusian": "Belarusian forces",
    "belarus's": "Belarusian forces",
    "wagner": "Wagner Group",
    "chechen": "Chechen forces",
    "separatist": "separatist forces",
    "pro-russian": "separatist forces",
    "russian-backed": "separatist forces",
}
# Nouns that make "<demonym> X" an attack: the thing that kills.
ATTACK_NOUNS = (
    "shelling|shells|shell|strikes|strike|airstrikes|airstrike|air strikes|air strike|missiles|missile|rockets|rocket"
    "|attacks|attack|executions|execution|bombardment|bombardments|bombing|bombings|bombs|fire|gunfire|artillery"
    "|drones|drone|tanks|tank|aircraft|jets|jet|warplanes|warplane|mortars|mortar|barrage|raids|raid"
    "|mines|mine|occupiers|invaders|occupation|invasion|forces|troops|army|military|soldiers|servicemen|fighters"
)
# Actor types that are armed (perpetrators) rather than reporting bodies (sources).
ARMED_TYPES = frozenset({"military", "armed_group", "state"})
# Heads of a source phrase that name a reporting body without a capital letter.
GENERIC_SOURCES = frozenset(
    {
        "authorities",
        "officials",
        "police",
        "rescuers",
        "governor",
        "mayor",
        "witnesses",
        "doctors",
        "medics",
        "prosecutors",
        "ministry",
        "military",
        "army",
        "office",
        "service",
        "services",
        "administration",
        "council",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "head",
        "chief",
        "monitors",
        "mission",
        "agency",
    }
)
NOT_SOURCES = frozenset(
    {
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "this",
        "that",
        "which",
        "who",
        "report",
        "statement",
        "figures",
        "data",
        "study",
        "survey",
        "estimate",
        "estimates",
        "count",
        "tally",
        "post",
        "update",
        "document",
        "information",
        "people",
        "there",
    }
)
# Cues that mark a running tally rather than one incident.
CUMULATIVE_CUES = (
    r"\bsince\s+(?:the\s+)?(?:start|beginning|outbreak|onset)\s+of\b",
    r"\bsince\s+(?:[\w'’.-]+\s+){0,4}?(?:invaded|invasion|war|conflict|hostilities|fighting)\b",
    r"\bsince\s+(?:Feb(?:ruary|\.)?\s+24|24\s+Feb(?:ruary|\.)?|2014)\b",
    r"\b(?:in\s+total|a\s+total\s+of|total\s+number|overall|so\s+far|to\s+date|thus\s+far|cumulative|altogether|running\s+total)\b",
    r"\b(?:war|invasion|conflict|fighting)\s+(?:has|have|had)\s+(?:already\s+|so\s+far\s+)?(?:resulted\s+in|claimed|killed|left|caused|cost)\b",
    r"\b(?:during|throughout|over\s+the\s+course\s+of|in\s+the\s+course\s+of)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?(?:war|conflict|invasion|occupation|hostilities)\b",
)
# Words that say the people counted are civilians: "people" killed at a station or a hospital.
CIVILIAN_CONTEXT = (
    r"\b(?:civilians?|residential|apartments?|hospitals?|maternity|clinics?|schools?|kindergartens?|(?:shopping\s+)?mall"
    r"|shopping|market|(?:train|railway|bus)\s+station|theat(?:er|re)|church|care\s+home|homes|houses|passengers?"
    r"|playground|caf[eé]|restaurant|neighbou?rhoods?|evacuat\w*|refugees|humanitarian)\b"
)
# Casualty words that say violence by themselves ("killed", "shot dead"), unlike "died" or "deaths".
VIOLENT_WORDS = (
    r"\b(?:kill|shot|shoot|execut|slain|murder|massacr|slaughter|liquidat|wound|injur|captur|abduct|tortur)\w*"
)
# Words that make "died" and "deaths" near them war casualties rather than deaths from illness or age.
VIOLENCE_CONTEXT = (
    r"\b(?:kill\w*|shell\w*|strikes?|struck|attack\w*|fight\w*|fought|combat|war|wars|invasion|invad\w*|missiles?"
    r"|rockets?|bomb\w*|shot|gunfire|artillery|front\s*lines?|frontline|battle\w*|wound\w*|injur\w*|execut\w*"
    r"|captivity|drones?|explosions?|blasts?|hostilities|conflict|siege|offensive|troops|soldiers|military|army"
    r"|occupation|occupied|violence|clashes|airstrikes?|raids?|casualt\w*|civilians?|forces|invaders|occupiers"
    r"|besieged|liberat\w*|mass\s+graves?|exhum\w*)\b"
)
# Causes of death that are not violence: a figure of "deaths" or "died" beside one is not a war casualty.
NATURAL_DEATH = (
    r"\b(?:covid(?:-19)?|coronavirus|pandemic|virus|disease|diseases|cancer|illness|ill|sick|heart\s+attack|stroke"
    r"|natural\s+causes|overdoses?|influenza|flu|cholera|measles|earthquake|floods?|flooding|hurricane|heatwave"
    r"|heat\s+wave|wildfires?|(?:car|road|traffic|plane|air|train|bus|boat|helicopter)\s+(?:crash|accident)\w*|old\s+age"
    r"|avalanche|drown\w*|volcano|climb\w*|mountaineer\w*|(?:fell|falling)\s+from|carbon\s+monoxide|blaze|fireworks"
    r"|(?:a|the)\s+fire\s+(?:in|at|broke|that)|gas\s+explosion|shooting\s+at\s+a\s+(?:school|college|university)"
    r"|crash(?:ed|es)?|collid\w*|collision|collaps\w*|burst\s+into\s+flames|derail\w*|capsiz\w*|stampede)\b"
)
RATE = (
    r"\b(?:(?<!the\s)(?:a|per|each|every)\s+(?:day|week|month)\b(?!\s+(?:after|before|earlier|later|ago|of))"
    r"|on\s+a\s+(?:daily|weekly|monthly)\s+basis"
    r"|(?:daily|weekly|monthly)\b(?!\s+(?:[\w-]+\s+)?(?:reports?|updates?|briefings?|bulletins?|summary|summaries|statements?"
    r"|address|video|assessments?|intelligence|news|newspaper|press|mail|telegraph|beast|show|podcast|star|express)\b))"
)
# A rate set up before the figure in the same sentence ("Every day, 60 to 100 soldiers are killed") holds for
# it unless a particular time ("on Monday", "overnight") or a total ("so far") stands between them.
RATE_BREAK = (
    r"\b(?:yesterday|today|overnight|tonight|last\s+(?:night|week|month)|this\s+(?:morning|week)|on\s+\w+day|\w+day\s+"
    r"(?:morning|night|evening|afternoon)|so\s+far|in\s+total|overall|since|total|altogether|to\s+date|while|whereas|but"
    r"|meanwhile)\b"
)
# Words that may stand between the counted people and their fate ("have reportedly been killed").
AUX = (
    r"were|was|are|is|have|has|had|been|being|be|also|later|all|now|already|confirmed|believed|feared|thought"
    r"|said|to|got|get|since|just|so|far|still|remain|remained|remains|reported|listed|declared|presumed|found"
    r"|either|both|then|were|seriously|critically|badly|lightly|slightly|may|might|\w+ly"
)
# Words that end a noun phrase: a modifier between the figure and the noun is none of these.
STOP = (
    r"and|or|but|while|who|which|that|where|when|after|before|as|of|in|on|at|by|from|to|the|a|an|were|was|are"
    r"|is|have|has|had|been|being|said|says|killed|wounded|injured|died|dead|if|whether|than|for|with|per|concerning"
    r"|regarding|involving|about|against|\d[\d,.]*\b(?!-)"
)
# Words that end an apposition after a name: a verb or a clause ("A, told the council that ...").
APPOSITION_BREAK = r"said|says|told|tells|that|was|were|is|are|had|has|have|when|while|after|before"
# Participles that may describe the counted people before their fate ("two journalists working for Fox News were killed").
PARTICIPLES = (
    r"working|serving|fighting|travell?ing|living|sheltering|hiding|staying|waiting|queu(?:e)?ing|standing|trapped"
    r"|stationed|based|deployed|volunteering|reporting|riding|walking|driving|taking|seeking"
)
TEMPER = (
    r"who|which|that|where|when|after|before|and|but|while|as|were|was|had|have|has|is|are|said|says|\d[\d,.]*\b(?!-)"
)
# Words that cannot stand in a title between a verb and the person it takes ("killed journalist Maks Levin").
NOT_TITLE = (
    r"by|in|on|at|near|as|when|while|and|or|but|the|a|an|said|says|told|after|before|during|since|with|from|to|of"
    r"|that|who|which|was|were|is|are|had|has|have"
)
# Words before a count of prisoners that make it a swap, not a capture.
SWAPPED = r"\b(?:exchanged|exchange|exchanges|swapped|swap|swaps|released|release|freed|returned|handed\s+over|repatriated)\b(?:\s+[\w'’-]+){0,3}?\s*$"
CLAUSE_END = (
    r"\s*(?:[,.;:)\"]|$)|\s+(?:and|or|in|on|at|near|during|when|while|as|including|across|over|after|since|last"
    r"|this|yesterday|overnight|today|more|others|so|inside|around|from|with|amid|because|according)\b"
)
MONTHS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december"
UNITS = (
    r"-?\s*years?\b|\s*year-old|\s*%|\s+percent|\s+per\s+cent|\s+km\b|\s+kilomet|\s+miles?\b|\s+met(?:er|re)s?\b"
    r"|\s+hours?\b|\s+days?\b|\s+weeks?\b|\s+months?\b|\s+minutes?\b|\s+times\b|\s+[ap]\.m\.|\s+tons?\b|\s+tonnes?\b"
    r"|\s+dollars?\b|\s+euros?\b|\s+r[ou]bles?\b|\s+hryvnias?\b|\s+billion\b|\s+kg\b|\s+square\b|\s+o'clock"
)
GATE = (
    r"kill|dead|death|died|dying|wound|injur|hurt|casualt|fatalit|bodies|corpses|lives|missing|captur|captive"
    r"|prisoner|POWs?\b|execut|toll|perish|slain|murder|massacr|slaughter|eliminat|liquidat|neutrali|hospitali"
    r"|abduct|kidnap|hostage|maimed|unaccounted|buri|bury"
)
SOURCE_CUES = (
    r"said|says|say|reported|recorded|verified|documented|confirmed|confirms|estimated|announced|announces"
    r"|(?:claimed|claims|claiming)(?!\s+(?:the\s+)?lives)|told|tells|stated|wrote|writes|posted|counted|registered"
    r"|released|published|issued|mourned|mourns|tweeted|estimates|estimating|acknowledged|admitted|admits|reports"
    r"|reporting|saying|showed|shows|suggested|suggests|indicated|indicates"
    # plural present forms that are nouns too ("a casualty report by"): only before what they report
    r"|(?:claim|report|estimate|confirm|announce)(?=\s+(?:that|to\s+have|\d|at\s+least|more\s+than|over|some|about"
    r"|around|nearly|up\s+to))"
)
# A character of a name: no clause punctuation, but the full stop of a title or an initial ("Gov.", "U.N.").
NAME_CHAR = (
    r"(?:[^,;:.()\"]|(?<=Gov)\.|(?<=Gen)\.|(?<=Col)\.|(?<=Maj)\.|(?<=Sgt)\.|(?<=Lt)\.|(?<=Mr)\.|(?<=Ms)\.|(?<=Dr)\."
    r"|(?<=\b[A-Z])\.)"
)
_SOURCE_PREFIX = re.compile(
    r"^(?:(?:newly|recently|preliminary|official|new|the|a|an|latest|released|published|updated|initial|its|their"
    r"|his|her|telegram|facebook|twitter|social\s+media)\s+)*"
    r"(?:(?:[\w-]+\s+){0,2}?(?:figures|data|estimates|estimate|report|reports|statement|count|tally|information|post"
    r"|posts|update|numbers|records)\s+(?:(?:shared|published|released|issued|compiled|provided|posted)\s+)?"
    r"(?:from|by|of)\s+)?",
    re.IGNORECASE,
)
_SOURCE_TAIL = re.compile(
    r"\s+(?:on|late|early|last|this|in|via|at)\b.*$|\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b.*$"
)


@dataclass(frozen=True, slots=True)
class CasualtyTerms:
    """The casualty lexicon: for each kind of term, lower-cased term -> population or outcome."""

    person: dict[str, str]
    singular: dict[str, str]
    predicate: dict[str, str]
    active: dict[str, str]
    head: dict[str, str]
    noun_of: dict[str, str]


@dataclass(frozen=True, slots=True)
class Figure:
    """One casualty figure found in a sentence; offsets are relative to the sentence text.
    ``noun_start``/``noun_end`` cover the counted people ("civilians"), ``outcome`` may be
    ``combined`` (never filed, but kept so a later figure can take its population)."""

    start: int
    end: int
    quantity: Quantity
    outcome: str
    population: str | None
    noun_start: int
    noun_end: int
    cue_start: int  # where the casualty phrase starts (a verb before the figure, else the figure)


@dataclass(frozen=True, slots=True)
class _Patterns:
    gate: re.Pattern  # on lower-cased text
    gate_after: re.Pattern  # a non-word character, then a gate word (see _gate_at); on lower-cased text
    numberish: re.Pattern  # on lower-cased text
    quantity_lower: re.Pattern  # on lower-cased text
    quantity: re.Pattern
    singular: re.Pattern
    np_predicate: re.Pattern
    death_of_one: re.Pattern
    named_tail: re.Pattern
    singular_object: re.Pattern
    named_left: re.Pattern
    np_only: re.Pattern
    adjective_np: re.Pattern
    head: re.Pattern
    direct: re.Pattern
    left: re.Pattern
    left_requires: re.Pattern
    lives_requires: re.Pattern
    clause_end: re.Pattern
    person_in: re.Pattern
    military_word: re.Pattern
    units: re.Pattern
    before_excluded: re.Pattern
    partitive: re.Pattern
    rate: re.Pattern
    rate_break: re.Pattern
    from_range: re.Pattern
    swapped: re.Pattern
    combined_after: re.Pattern
    combined_before: re.Pattern
    attacker: re.Pattern
    by_agent: re.Pattern
    attacker_word: re.Pattern
    according: re.Pattern
    subject_cue: re.Pattern
    inverted_cue: re.Pattern
    says_it: re.Pattern
    cumulative: re.Pattern
    civilian_word: re.Pattern
    violent: re.Pattern
    violence: re.Pattern  # on lower-cased text
    natural_death: re.Pattern
    history: re.Pattern
    lost_by: re.Pattern
    list_head: re.Pattern
    list_gap: re.Pattern
    partitive_of: re.Pattern


def _alternation(terms: Iterable[str]) -> str:
    ordered = sorted(set(terms), key=len, reverse=True)
    return "|".join(re.escape(t).replace(r"\ ", r"\s+").replace(",", r"\s*,") for t in ordered)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\s*,", ",", text.strip().lower()))


@cache
def load_casualty_terms(path: Path = TERMS_PATH) -> CasualtyTerms:
    """Read ``data/casualty_terms.csv`` once (``#`` lines are comments)."""
    tables: dict[str, dict[str, str]] = {kind: {} for kind in TERM_KINDS}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if line.strip() and not line.startswith("#"))
        for row in rows:
            table = tables[row["kind"].strip()]
            for term in row["terms"].split("|"):
                if term.strip():
                    table.setdefault(_key(term), row["value"].strip())
    return CasualtyTerms(**tables)


def _lowered(source: str) -> re.Pattern:
    """A pattern for lower-cased text, compiled without IGNORECASE (several times faster)."""
    assert not re.search(r"\\[SWBDAZ]", source), "upper-case escapes change meaning when lower-cased"
    return re.compile(source.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P="))


@cache
def _patterns() -> _Patterns:
    """Compile every pattern once, from the lexicon and the tables above."""
    terms = load_casualty_terms()
    q = rf"(?P<q>{QUANTITY_PATTERN})"
    people = _alternation({**terms.person, **terms.singular})
    predicate = _alternation(terms.predicate)
    modifier = rf"(?:(?!(?:{STOP})\b)[\w'’.-]+\s+)"
    gap = (
        r"(?:\s*\([^()]{0,80}\))?"
        r"(?:\s*,\s*(?:including|among\s+them|among\s+whom|mostly|most\s+of\s+them|many\s+of\s+them|of\s+whom"
        r"|all\s+of\s+them|both|all|which|who)\b[^,;:()]{0,80},)?"
        rf"(?:\s+(?:of|in|from|at|on|near|inside|across|aboard|under)(?:\s+(?!(?:{TEMPER})\b)[\w'’.-]+){{1,12}}?)?"
        rf"(?:\s+(?:{PARTICIPLES})(?:\s+(?!(?:{TEMPER})\b)[\w'’-]+)?\s+(?:for|in|with|at|on|near|inside|from|as)"
        rf"(?:\s+(?!(?:{TEMPER}|to)\b)[\w'’.-]+){{1,4}}?)?"
    )
    # After the counted people a comma may stand before an auxiliary ("five children, were killed"),
    # never straight before the outcome ("killed 19 people, wounded 100" lists two acts).
    # "who" or "that" before the fate needs a passive or "died" ("12 soldiers who killed civilians" is what they did)
    tail = (
        rf"(?:\s*,(?:\s+(?:{AUX})\b){{1,5}}|\s+(?:who|that)(?:\s+(?:{AUX})\b){{1,5}}"
        rf"|\s+(?:who|that)(?=\s+(?:died|perished|disappeared|went\s+missing))|(?:\s+(?:{AUX})\b){{0,5}})\s+(?P<pred>{predicate})\b"
    )
    direct = rf"(?:\s+(?:{AUX})\b){{0,5}}\s+(?P<pred>{predicate})\b"
    flags = re.IGNORECASE
    return _Patterns(
        gate=re.compile(rf"\b(?:{GATE.lower()})"),
        gate_after=re.compile(rf"\W(?:{_by_first_letter(GATE.lower())})"),
        numberish=re.compile(NUMBERISH_PATTERN),
        # A quantity starts after no word character ("between" aside, which has no word bound): the
        # guard fails at once inside words, before the alternations are tried.
        quantity_lower=re.compile(rf"(?:(?<!\w)|(?=between))(?=[\da-z])(?:{q})"),
        quantity=re.compile(q, flags),
        # (The "a" looked at first fails at once at almost every character, before the look-behinds run.)
        singular=re.compile(
            rf"(?=a)(?<![\w-])(?<!no\s)(?<!being\s)(?<!as\s)(?<!like\s)(?:a|an)\s+{modifier}{{0,3}}?(?P<noun>{_alternation(terms.singular)})\b"
            rf"(?:\s*,[^,;:()]{{1,60}},)?{gap}{tail}",
            flags,
        ),
        death_of_one=re.compile(
            rf"\b(?P<noun_of>{_alternation(terms.noun_of)})\s+of\s+(?:a|an)\s+{modifier}{{0,3}}?"
            rf"(?P<noun>{_alternation(terms.singular)})\b",
            flags,
        ),
        named_tail=re.compile(
            rf"(?:\s*,(?P<apposition>\s*who\b[^;:()\"“”]{{1,140}}?|(?:(?!\b(?:{APPOSITION_BREAK})\b)[^;:()\"“”]){{1,140}}?),)?"
            r"(?:\s*,?\s+who\b)?"
            rf"(?:\s+(?:{AUX})\b){{0,5}}\s+"
            rf"(?P<pred>{predicate})\b",
            flags,
        ),
        singular_object=_lowered(
            rf"\b(?P<active>{_alternation(terms.active)})\s+(?:a|an)\s+{modifier}{{0,3}}?"
            rf"(?P<noun>{_alternation(terms.singular)})\b(?![\w-])"
        ),
        named_left=re.compile(
            rf"\b(?P<active>(?i:{_alternation(terms.active)}))\s+(?:(?!(?:{NOT_TITLE})\b)[\w.'’-]+\s+){{0,3}}$"
        ),
        np_predicate=re.compile(rf"(?:\s+of)?\s+{modifier}{{0,3}}?(?P<noun>{people})\b{gap}{tail}", flags),
        np_only=re.compile(rf"(?:\s+of)?\s+{modifier}{{0,3}}?(?P<noun>{people})\b", flags),
        adjective_np=re.compile(
            rf"(?:\s+of)?\s+{modifier}{{0,2}}?(?P<pred>dead|wounded|injured|slain|missing|captured)\s+"
            rf"{modifier}{{0,2}}?(?P<noun>{people})\b",
            flags,
        ),
        head=re.compile(rf"(?:\s+of)?\s+{modifier}{{0,2}}?(?P<pred>{_alternation(terms.head)})\b", flags),
        direct=re.compile(direct, flags),
        # Every branch opens a word: the guard skips the inside of words before the branches are tried.
        left=re.compile(
            rf"(?<!\w)(?:\b(?P<active>{_alternation(terms.active)})\s+(?:(?:a\s+total\s+of|another|an\s+additional|a\s+further)\s+)?"
            r"[\"“‘']?"
            rf"|\b(?P<noun_of>{_alternation(terms.noun_of)})\s*(?:,[^,;:()]{{1,60}},\s*)?\s+of\s+"
            r"(?:(?:the|some|another|an\s+additional|a\s+total\s+of)\s+)?"
            r"|\b(?P<toll>(?:death\s+)?toll|number\s+of\s+(?:dead|deaths|fatalities|people\s+killed|victims|wounded"
            r"|injured))(?:\s+[\w'’.-]+){0,8}?\s+(?:to|at|of|reached|reaches|hit|hits|is|was|be|stands\s+at|stood\s+at"
            r"|exceeded|exceeds|passed|surpassed|topped|from|includes|included|including|comprises)\s+"
            r"|\b(?P<lives>claimed|took|cost|costing|claiming|taking)\s+(?:the\s+)?lives\s+of\s+"
            r"|\b(?P<leave>left|leaving|leaves|leave)\s+"
            r"|\b[Aa]mong\s+(?:the|those)\s+(?P<among>dead|killed|injured|wounded|hurt|missing|victims)\s+(?:were|are|was|is)\s+"
            r"(?:(?:also|reportedly|at\s+least)\s+)?"
            r"|\b(?P<claim>claimed|took|cost|costing|claiming|taking)\s+)$",
            flags,
        ),
        left_requires=re.compile(
            rf"(?:\s+{modifier}{{0,2}}?(?:{people}))?\s+(?P<pred>dead|injured|wounded|hurt|missing)\b", flags
        ),
        lives_requires=re.compile(r"\s+(?:[\w'’-]+\s+)?lives\b", flags),
        clause_end=re.compile(CLAUSE_END, flags),
        person_in=re.compile(rf"\b(?:{people})\b", flags),
        military_word=_lowered(
            rf"\b(?:{_alternation(t for table in (terms.person, terms.singular) for t, v in table.items() if v == 'military')}"
            r"|army|armed\s+forces|military|frontline|front\s+line|battlefield|combat)\b"
        ),
        units=re.compile(rf"(?:{UNITS})", flags),
        before_excluded=re.compile(
            rf"(?:\b(?:{MONTHS})\.?|\bNo\.|\bno|\bnumber|\baged?|\bage\s+of|[$€£]|\bthe\s+year|\bper)\s*$", flags
        ),
        partitive=re.compile(
            r"\s+of\s+(?:the|them|whom|those|these)\b|\s+of\s+(?:its|their|our|his|her|your|my)\s+(?:[\w-]+\s+)?\d",
            flags,
        ),
        rate=re.compile(RATE, flags),
        rate_break=re.compile(RATE_BREAK, flags),
        from_range=re.compile(r"\bfrom\s*$", flags),
        swapped=re.compile(SWAPPED, flags),
        combined_after=re.compile(
            r"\s*,?\s+(?:or|and)\s+(?:(?:seriously|badly|critically)\s+)?(?:wounded|injured|maimed|hurt|captured|missing"
            r"|killed|dead)\b",
            flags,
        ),
        combined_before=re.compile(
            r"\b(?:killed|killing|kills|wounded|wounding|injured|injuring|maimed|maiming)\s*,?\s+(?:or|and)\s+$", flags
        ),
        attacker=re.compile(
            rf"\b(?P<dem>{_alternation(ATTACKERS)})\s+(?:[\w-]+\s+){{0,2}}?(?P<att>{ATTACK_NOUNS})\b", flags
        ),
        attacker_word=re.compile(rf"\b(?:{_alternation(ATTACKERS)})\b", flags),
        by_agent=re.compile(
            r"\s+by\s+(?:the\s+|a\s+|an\s+)?(?P<agent>[^,;:()]{2,80}?)(?=\s*(?:[,;:.()]|$)|\s+(?:in|on|at|during|since|and|as|while|near|after)\b)"
        ),
        according=re.compile(
            rf"\b[Aa]ccording\s+to\s+(?P<src>(?:(?!\s+(?:who|which|that|as|and\s+the)\b){NAME_CHAR}){{2,120}})"
        ),
        subject_cue=re.compile(
            rf"(?:^|[,;:]\s+|\"\s*|\s[-–—]\s+|\bas\s+|\bwhile\s+|\bbut\s+|\band\s+|\bwith\s+)"
            rf"(?P<src>(?:(?!\s[-–—]\s)[^,;:\"()]){{2,90}}?)"
            r"(?:\s*,\s*(?:meanwhile|however|though|too|also|in\s+turn|for\s+(?:its|his|her|their)\s+part|in\s+response"
            r"|separately|in\s+contrast)\s*,)?\s+(?:\([^)]*\)\s+)?"
            rf"(?:(?:has|have|had|also|later|previously|earlier|then|now|first|officially|separately)\s+)*"
            rf"(?P<cue>{SOURCE_CUES})\b"
        ),
        inverted_cue=re.compile(rf",\s*(?:said|says|according\s+to)\s+(?P<src>[A-Z]{NAME_CHAR}{{1,80}})"),
        says_it=re.compile(
            rf"\b(?:says|said|claims|claimed|reported|reports|announced)\s+(?:that\s+)?(?:it|they)\s+"
            rf"(?:(?:has|have|had)\s+)?(?:{_alternation(terms.active)})\s+$",
            flags,
        ),
        cumulative=re.compile("|".join(CUMULATIVE_CUES), flags),
        civilian_word=re.compile(CIVILIAN_CONTEXT),  # on lower-cased text
        violent=re.compile(VIOLENT_WORDS, flags),
        violence=re.compile(VIOLENCE_CONTEXT),
        natural_death=_lowered(NATURAL_DEATH),
        history=_lowered(HISTORY),
        lost_by=re.compile(rf"\b(?P<noun>{people})\s+(?:[\w'’-]+\s+){{0,3}}?lost\s+[\"“]?$", flags),
        list_head=re.compile(
            rf"(?<![\w,.])(?P<q>{QUANTITY_PATTERN})\s+{modifier}{{0,2}}?(?P<noun>{people})\s*(?:,\s*(?:and\s+)?|and\s+)$",
            flags,
        ),
        list_gap=re.compile(r"\s*,?\s*(?:and|as\s+well\s+as|plus|or)?\s*", flags),
        partitive_of=re.compile(r"\s+of\s+(?:the|those|these)\s+", flags),
    )


def _population(text: str, terms: CasualtyTerms) -> str | None:
    """The population a person word names, if the text holds one."""
    key = _key(text)
    return terms.person.get(key) or terms.singular.get(key)


def _np_population(text: str, patterns: _Patterns, terms: CasualtyTerms) -> str | None:
    """The population of the first person word inside a noun phrase ("civilian casualties")."""
    match = patterns.person_in.search(text)
    return _population(match.group(), terms) if match else None


def _figure_at(text: str, q: re.Match, patterns: _Patterns, terms: CasualtyTerms) -> Figure | None:
    """Read the sentence around one quantity: is it a casualty figure, and of what?"""
    qs, qe = q.start("q"), q.end("q")
    quantity = parse_quantity(q.group("q"))
    if quantity is None:
        return None
    before, after = text[max(0, qs - 160) : qs], text[qe:]
    if _excluded_before(before, patterns) or patterns.units.match(after) or patterns.partitive.match(after):
        return None
    if before.endswith(", ") and after.startswith(",") and quantity.qualifier == "exact":
        return None  # "Antov, 65, was found dead": an age in apposition
    clause = re.split(r"[;:]|\.\s", after[:90], maxsplit=1)[0]
    if patterns.rate.search(clause):
        return None
    rate_before = max(patterns.rate.finditer(before), key=lambda m: m.start(), default=None)
    if rate_before is not None and not patterns.rate_break.search(before, rate_before.end()):
        return None  # "Every day, 60 to 100 soldiers are killed": a rate set up earlier in the sentence
    if patterns.from_range.search(before) and quantity.high is not None and quantity.low != quantity.high:
        quantity = Quantity(quantity.high, quantity.high, "exact")  # "rose from 12 to 18" is 18
    year_like = quantity.qualifier == "exact" and 1900 <= quantity.low <= 2100 and "," not in q.group("q")

    def figure(outcome: str, noun_start: int, noun_end: int, end: int, cue_start: int | None = None) -> Figure | None:
        if patterns.swapped.search(before):
            return None  # "exchanged 200 prisoners of war", "exchanged 160 bodies": a swap, not a loss
        population = _np_population(text[qe:noun_end], patterns, terms) if noun_end > qe else None
        return Figure(
            qs, end, quantity, outcome, population, noun_start, noun_end, qs if cue_start is None else cue_start
        )

    def outcome_of(pred: re.Match, table: dict[str, str]) -> str:
        """The outcome a casualty word names; "killed or maimed" counts two outcomes together."""
        return COMBINED if patterns.combined_after.match(text, pred.end()) else table[_key(pred["pred"])]

    # The people counted, then what happened to them ("40 civilians were killed").
    for pattern in (patterns.np_predicate, patterns.adjective_np):
        match = pattern.match(text, qe)
        if match and not (pattern is patterns.np_predicate and _acts(text, match)):
            return figure(outcome_of(match, terms.predicate), match.start("noun"), match.end("noun"), match.end())
    left = patterns.left.search(before)
    # A noun that is the count ("2,345 deaths", "thousands of deaths"); prisoners may be the object of a
    # verb before them ("killed 50 POWs").
    match = patterns.head.match(text, qe)
    if match and terms.head[_key(match["pred"])] == "captured" and _FINITE_AFTER.match(text, match.end()):
        match = None  # "180 prisoners were packed into cells": prisoners held, no capture
    if match and not (terms.head[_key(match["pred"])] == "captured" and left and (left["active"] or left["noun_of"])):
        return figure(outcome_of(match, terms.head), qe, match.end(), match.end())
    if not year_like:
        match = patterns.direct.match(text, qe)  # "17 were wounded", "12 died"
        if match and not _acts(text, match):
            return figure(outcome_of(match, terms.predicate), qe, qe, match.end())
    # A casualty phrase before the figure ("killing at least 10 people", "the deaths of 441 civilians").
    match = left
    if match is None:
        return None
    cue_start = qs - len(before) + match.start()
    if match["leave"]:
        required = patterns.left_requires.match(text, qe)
        if not required:
            return None
        return figure(terms.predicate[_key(required["pred"])], qe, required.start("pred"), required.end(), cue_start)
    if match["claim"]:
        required = patterns.lives_requires.match(text, qe)
        return figure("killed", qe, qe, required.end(), cue_start) if required else None
    counted = patterns.np_only.match(text, qe)
    noun_end = counted.end() if counted else qe
    if noun_end == qe and (year_like or not patterns.clause_end.match(text, qe)):
        return None  # "killed 2 tanks": the figure counts something other than people
    if match["active"]:
        outcome = terms.active[_key(match["active"])]
        if patterns.combined_before.search(before, 0, match.start()):
            outcome = COMBINED  # "killing or wounding dozens"
        if outcome == "captured" and noun_end == qe:
            return None  # "captured 3" needs people: villages are captured too
        if match["active"].lower().startswith("bur") and _TRAPPED_AFTER.match(text, noun_end):
            return None  # "buried 30 people under the rubble": trapped, not (yet) dead
    elif match["noun_of"]:
        outcome = terms.noun_of[_key(match["noun_of"])]
    elif match["toll"]:
        outcome = "injured" if re.search(r"wounded|injured", match["toll"], re.IGNORECASE) else "killed"
    elif match["among"]:  # "Among the dead were 12 children"
        outcome = {"injured": "injured", "wounded": "injured", "hurt": "injured", "missing": "missing"}.get(
            match["among"].lower(), "killed"
        )
    else:
        outcome = "killed"
    return figure(outcome, qe, noun_end, noun_end, cue_start)


# The words ``patterns.before_excluded`` can end with (a month, "no", "number", "age(d)", "age of",
# "the year", "per"), lower-cased; besides these it ends only with "." or a currency sign.
_EXCLUDED_ENDINGS = (*MONTHS.split("|"), "no", "number", "age", "aged", "of", "year", "per")


def _excluded_before(before: str, patterns: _Patterns) -> bool:
    """``patterns.before_excluded.search(before)``, which must end the text (whitespace aside): its
    last word is looked at first, so that the pattern is not tried at every character when no word
    it can end with stands there (only plain ASCII is ruled out so: other letters may fold into it)."""
    tail = before.rstrip()[-12:]
    if not tail:
        return False
    last = tail[-1]
    if last.isascii() and last not in ".$":
        if not last.isalpha():
            return False
        if tail.isascii() and not tail.lower().endswith(_EXCLUDED_ENDINGS):
            return False
    return patterns.before_excluded.search(before) is not None


_FINITE_AFTER = re.compile(r"\s+(?:were|are|was|is|had|have|has)\b", re.IGNORECASE)
_TRAPPED_AFTER = re.compile(r"\s+(?:alive|under|beneath|in\s+(?:the\s+)?rubble)\b", re.IGNORECASE)


def _follow_on(text: str, q: re.Match, found: list[Figure], patterns: _Patterns, terms: CasualtyTerms) -> Figure | None:
    """A figure with no casualty word of its own that shares one: the part of a whole ("38 of
    the 50 people killed") or the next item of a list ("the toll includes 1,406 men, 927 women
    and nearly 200 children")."""
    qs, qe = q.span("q")
    quantity = parse_quantity(q.group("q"))
    if quantity is None:
        return None
    of = patterns.partitive_of.match(text, qe)
    whole_q = patterns.quantity.match(text, of.end()) if of else None
    whole = _figure_at(text, whole_q, patterns, terms) if whole_q else None
    if whole is not None:
        return Figure(qs, whole.end, quantity, whole.outcome, whole.population, whole.noun_start, whole.noun_end, qs)
    if not found or not patterns.list_gap.fullmatch(text, found[-1].end, qs):
        return None
    counted = patterns.np_only.match(text, qe)
    if counted is None or not patterns.clause_end.match(text, counted.end()):
        return None
    population = _population(counted["noun"], terms)
    return Figure(qs, counted.end(), quantity, found[-1].outcome, population, counted.start("noun"), counted.end(), qs)


_LIST_OPENS = re.compile(
    r"(?:^|[,;:(\"“—–]|\b(?:and|but|while|that|as|including|with|when|after|where|whom|them|[Tt]here\s+were))\s*$"
)


def _list_heads(text: str, found: list[Figure], patterns: _Patterns, terms: CasualtyTerms) -> list[Figure]:
    """Counted people listed before a figure share its fate: "Six adults and 11 children were
    killed" is six adults killed too."""
    heads: list[Figure] = []
    for figure in found:
        end = figure.start
        while figure.noun_end > figure.noun_start and figure.cue_start == figure.start:
            match = patterns.list_head.search(text, max(0, end - 120), end)
            if match is None or any(f.start <= match.start("q") < f.end for f in (*found, *heads)):
                break
            if not _LIST_OPENS.search(text, max(0, match.start("q") - 30), match.start("q")):
                break  # "Russia holds 2,000 soldiers and 11 children were killed": the object of another verb
            quantity = parse_quantity(match["q"])
            if quantity is None:
                break
            noun_start, noun_end = match.span("noun")
            population = _population(match["noun"], terms)
            heads.append(
                Figure(
                    match.start("q"),
                    figure.end,
                    quantity,
                    figure.outcome,
                    population,
                    noun_start,
                    noun_end,
                    match.start("q"),
                )
            )
            end = match.start("q")
    return heads


# What may stand between two people named together: "A and B", "A, B and C", "A, 27, and B, 39", "A and actress B".
_PERSON_JOINER = re.compile(
    r"(?:\s*,\s*\d{1,3}\s*)?(?:\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+)(?:(?:[a-z][\w'’-]*|[A-Z][a-z]{1,3}\.)\s+){0,2}"
)


def _person_groups(text: str, persons: Sequence[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """People named one after another as one group, (start, end, how many): "A and B were killed"
    is two deaths told in one figure."""
    groups: list[tuple[int, int, int]] = []
    for start, end in sorted(persons):
        if groups and groups[-1][1] <= start and _PERSON_JOINER.fullmatch(text, groups[-1][1], start):
            first, _, count = groups[-1]
            groups[-1] = (first, end, count + 1)
        else:
            groups.append((start, end, 1))
    return groups


# A perfect tense with no "been" before a verb that takes an object: the counted people did it ("two
# soldiers have killed their commander"), it did not befall them.
_ACTIVE_PERFECT = re.compile(
    r"\b(?:has|have|had|'s|'ve|'d)\s+(?:(?:\w+ly|also|already|now|just|all|both|then|later|still|since|reportedly)\s+)*$",
    re.IGNORECASE,
)
_OBJECT_AFTER = re.compile(
    r"\s+(?:her|his|their|its|our|my|your|him|them|me|us|a|an|the|this|that|these|those|one|two|three|four|five|six"
    r"|seven|eight|nine|ten|dozens|hundreds|thousands|\d)\b",
    re.IGNORECASE,
)
_TRANSITIVE = re.compile(
    r"(?:killed|wounded|injured|hurt|executed|murdered|slain|maimed|captured|abducted|kidnapped|shot|burned|burnt"
    r"|beaten|crushed|tortured)\b",
    re.IGNORECASE,
)


def _acts(text: str, match: re.Match) -> bool:
    """Whether a casualty predicate tells what the people before it did rather than what happened
    to them: an active perfect ("have killed", not "have been killed" or "have died"), or a bare
    past with an object after it ("two soldiers murdered her husband", not "3 people killed in")."""
    start = match.start("pred")
    if not _TRANSITIVE.match(match["pred"]):
        return False
    if _ACTIVE_PERFECT.search(text, max(0, start - 60), start):
        return True
    bare = not _FINITE.search(text, max(0, start - 40), start) and not re.search(r",\s*$", text[:start])
    return bare and _OBJECT_AFTER.match(text, match.end("pred")) is not None


def _named_person(text: str, start: int, end: int, patterns: _Patterns, terms: CasualtyTerms) -> Figure | None:
    """One named person's fate: "Pasha Lee, an actor from Crimea, was killed", "Ukrainian forces
    killed Russian General Oleg Mityaev". The title or apposition says who they were."""
    after = patterns.named_tail.match(text, end)
    if after and _acts(text, after):
        after = None  # "Putin has killed his opponents": what the person did, not what befell them
    before = patterns.named_left.search(text, max(0, start - 60), start)
    if after:
        outcome, span_start, span_end = terms.predicate[_key(after["pred"])], start, after.end()
        if patterns.combined_after.match(text, after.end()):
            outcome = COMBINED
    elif before and terms.active[_key(before["active"])] in {"killed", "injured"}:  # "captured Sychevoi": a village
        outcome, span_start, span_end = terms.active[_key(before["active"])], before.start(), end
        if patterns.combined_before.search(text, 0, before.start()):
            outcome = COMBINED
    else:
        return None
    described = text[max(0, start - 40) : start] + (after["apposition"] or "" if after else "")
    found = patterns.person_in.findall(described)
    population = _population(found[-1], terms) if found else "unspecified"
    return Figure(span_start, span_end, ONE, outcome, population, start, end, span_start)


def _civilian_elsewhere(text: str, found: list[Figure], context: Sequence[str]) -> bool:
    """Whether the nearest words that say who is counted speak of civilians: the sentence (outside
    the people other figures count: "thousands of deaths, with at least 6,700 civilians killed"
    counts the civilians as a part, not the whole), then the sentences before it, nearest first.
    Soldiers nearer than civilians ("14,400 Russian soldiers have been killed. ... thousands of
    bodies") say no."""
    patterns = _patterns()
    for figure in found:
        if figure.noun_end > figure.noun_start:
            text = text[: figure.noun_start] + " " * (figure.noun_end - figure.noun_start) + text[figure.noun_end :]
    for words in (text, *reversed(context)):
        words = words.lower()
        if patterns.military_word.search(words):
            return False
        if patterns.civilian_word.search(words):
            return True
    return False


_OF_A = re.compile(r"of\s+an?\s")  # on lower-cased text: what ``patterns.death_of_one`` needs
_APPOSITIONS = re.compile(r",[^,]*,")
_PLURAL_VERB = re.compile(r"\b(?:have|are|were)\b", re.IGNORECASE)
# A year before the war in Donbas (or a past war) in a figure's clause: history, not this war.
HISTORY = (
    r"\b(?:in|since|during|from|until|by|of|year|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)"
    r"\s+(?:1[0-9]{3}|200[0-9]|201[0-3])\b"
    r"|\b(?:World\s+War|WWII|WW2|Holodomor|Great\s+Patriotic\s+War|Afghan\s+war|Chechen\s+wars?)\b"
)
_DATED_OPENING = re.compile(r"\s*(?:(?:in|by|during|back\s+in)\s+)?(?:[a-z]+\s+)?(?:1[0-9]{3}|200[0-9]|201[0-3])\s*,")
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”—–]|\.\s|\s-\s")


def _in_history(lower: str, figure: Figure) -> bool:
    """Whether the clause of a figure (in the lower-cased sentence) dates it before the war in
    Donbas or to a past war ("killed at the Battle of Kosovo in June 1389", "the killing of a
    businessman in Moscow in 2013", "In 2009, more than 150 people were killed")."""
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(lower, 0, figure.cue_start)), default=0)
    after = _CLAUSE_BREAK.search(lower, figure.end)
    history = _patterns().history
    return history.search(lower, start, after.start() if after else len(lower)) is not None or bool(
        _DATED_OPENING.match(lower)
    )


# A toll in the millions is no figure of this war (the Second World War's, rhetoric): "27 million dead".
IMPLAUSIBLE_COUNT = 1_000_000
_CARRIED_BOUNDS = frozenset({"at_least", "more_than", "up_to"})
_COORDINATED = re.compile(r"\s*,?\s*(?:and\s+)?")
_FINITE = re.compile(r"\b(?:were|was|are|is|have|has|had|been|being|be)\b", re.IGNORECASE)


def _carry_bounds(text: str, found: list[Figure]) -> list[Figure]:
    """A floor or ceiling carries to the bare figure coordinated after it, which shares its verb:
    "at least 902 killed and 1,459 injured" is at least 1,459 injured too. A figure with its own
    noun or verb ("and 31 others wounded", "and 15 were injured") keeps its own reading."""
    carried: list[Figure] = []
    for figure in found:
        previous = carried[-1] if carried else None
        if (
            previous is not None
            and previous.quantity.qualifier in _CARRIED_BOUNDS
            and figure.quantity.qualifier == "exact"
            and figure.cue_start == figure.start
            and figure.population is None
            and previous.end <= figure.start
            and _COORDINATED.fullmatch(text, previous.end, figure.start)
            and not _FINITE.search(text, figure.noun_end, figure.end)
        ):
            bound = previous.quantity.qualifier
            low = figure.quantity.low
            figure = replace(figure, quantity=Quantity(low, low if bound == "up_to" else None, bound))
        carried.append(figure)
    return carried


def parse_figures(text: str, *, context: Sequence[str] = (), persons: Sequence[tuple[int, int]] = ()) -> list[Figure]:
    """Every casualty figure in one sentence, combined totals included (outcome ``combined``),
    in text order. A figure that names nobody takes the population of the figure before it
    (or of the people who "lost" it); "people" counts as civilian when the sentence or its
    ``context`` (the sentences before it) speaks of civilians or civilian places. ``persons``
    are the spans of people named in the sentence: a named person killed is one death."""
    patterns = _patterns()
    lower = text.lower()
    if _gate_at(patterns, lower) < 0:
        return []
    terms = load_casualty_terms()
    found: list[Figure] = []
    if patterns.numberish.search(lower):
        # Lower-casing keeps offsets for almost every text; the case-blind pattern covers the rest.
        quantities = _quantities(lower, patterns) if len(lower) == len(text) else patterns.quantity.finditer(text)
        for q in quantities:
            figure = _figure_at(text, q, patterns, terms) or _follow_on(text, q, found, patterns, terms)
            if (
                figure is not None
                and figure.outcome == "captured"
                and found
                and found[-1].outcome not in {"captured", COMBINED}
                and patterns.list_gap.fullmatch(text, found[-1].end, q.start("q"))
            ):
                figure = replace(figure, outcome=found[-1].outcome)  # "injured eight staff and 70 POWs held there"
            if figure is not None:
                found.append(figure)
        found.extend(_list_heads(text, found, patterns, terms))
    for start, end, count in _person_groups(text, persons):
        if not any(f.start <= start < f.end for f in found):
            figure = _named_person(text, start, end, patterns, terms)
            if figure is not None:
                found.append(replace(figure, quantity=Quantity(count, count, "exact")) if count > 1 else figure)
    for match in patterns.singular.finditer(text):
        if _PLURAL_VERB.search(text, match.end("noun"), match.start("pred")):
            continue  # "38 people, which include a pregnant woman, have been injured": the woman is a part
        if patterns.person_in.search(_APPOSITIONS.sub(" ", text[match.end("noun") : match.start("pred")])):
            continue  # "a worker in Bucha takes a break to identify civilians killed": the civilians were killed
        if not any(f.start <= match.start() < f.end for f in found) and not _acts(text, match):
            noun_start, noun_end = match.span("noun")
            population = _population(match["noun"], terms)
            outcome = terms.predicate[_key(match["pred"])]
            found.append(
                Figure(match.start(), match.end(), ONE, outcome, population, noun_start, noun_end, match.start())
            )
    for match in patterns.singular_object.finditer(lower):  # "shot and killed a 10-year-old girl"
        if len(lower) != len(text):
            break  # lower-casing moved offsets (rare): no one-person objects in this sentence
        outcome = terms.active[_key(match["active"])]
        if outcome == COMBINED or any(f.start <= match.start("noun") < f.end for f in found):
            continue
        if patterns.combined_before.search(text, 0, match.start()):
            continue  # "killing or wounding a soldier"
        noun_start, noun_end = match.span("noun")
        population = _population(match["noun"], terms)
        found.append(Figure(match.start(), match.end(), ONE, outcome, population, noun_start, noun_end, match.start()))
    # "the death of a 19-year-old athlete" (only read where "of a" or "of an" stands at all)
    for match in patterns.death_of_one.finditer(text) if _OF_A.search(lower) else ():
        if not any(f.start <= match.start("noun") < f.end for f in found):
            population = _population(match["noun"], terms)
            outcome = terms.noun_of[_key(match["noun_of"])]
            found.append(
                Figure(match.start(), match.end(), ONE, outcome, population, *match.span("noun"), match.start())
            )
    if not found:
        return []
    found.sort(key=lambda f: f.start)
    lowered = lower if len(lower) == len(text) else text.lower()
    found = [
        f for f in _carry_bounds(text, found) if not _in_history(lowered, f) and f.quantity.low < IMPLAUSIBLE_COUNT
    ]
    if any(f.outcome == "killed" and not patterns.violent.search(text, f.cue_start, f.end) for f in found) and (
        patterns.natural_death.search(lower) or not any(patterns.violence.search(t.lower()) for t in (text, *context))
    ):
        # "died" and "deaths" with no violence near them, or beside an illness or a disaster in the sentence, are
        # not war casualties ("COVID-19 has left 180,000 people dead")
        found = [f for f in found if f.outcome != "killed" or patterns.violent.search(text, f.cue_start, f.end)]
    if found and patterns.natural_death.search(lower):
        rest = text
        for figure in found:
            rest = rest[: figure.cue_start] + " " * (figure.end - figure.cue_start) + rest[figure.end :]
        if not patterns.violence.search(rest.lower()):
            return []  # "Five people have been killed in an attempt to climb a volcano": an accident
    civilian_context = any(patterns.civilian_word.search(t.lower()) for t in (text, *context))
    filled: list[Figure] = []
    previous: str | None = None
    for figure in found:
        population = figure.population
        if population is None:
            lost = patterns.lost_by.search(text, 0, figure.cue_start)
            population = _population(lost["noun"], terms) if lost else previous
        elif text[figure.noun_start : figure.noun_end].lower().endswith("others"):
            population = previous or population
        if population == "unspecified" and civilian_context:
            population = "civilian"
        elif population is None and _civilian_elsewhere(text, found, context):
            population = "civilian"  # "2,050 confirmed deaths" where the sentences before count civilian deaths
        previous = population or previous
        filled.append(replace(figure, population=population or "unspecified"))
    return filled


CLAIM_RANK = 3  # a source taken from a claim: its span is the claimed content, not the speaker's name


@dataclass(frozen=True, slots=True)
class _Named:
    """A span of a sentence (sentence-relative offsets) and the canonical actor it names."""

    start: int
    end: int
    name: str
    rank: int = 0  # lower wins among sources: according to < reporting agent < "X said"


def _distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, b_start - a_end, a_start - b_end)


def _nearest(spans: Iterable[_Named], figure: Figure) -> _Named | None:
    return min(
        spans,
        key=lambda s: (s.rank, _distance(s.start, s.end, figure.cue_start, figure.end)),
        default=None,
    )


_TITLE_BEFORE_NAME = re.compile(
    r"^.*?\b(?i:gov\.|governor|gen\.|lt\.|col\.|maj\.|president|prime\s+minister|minister|spokes(?:man|woman|person)"
    r"|mayor|mr\.?|mrs\.?|ms\.?|dr\.|adviser|advisor|secretary|chief|commander|head|official)\s+"
    r"(?=[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?$)"
)
_MODIFIER_BEFORE = re.compile(r"\b(?:in|of|from|at|for|with|near)\s+(?:[\w'’.-]+\s+){0,2}$", re.IGNORECASE)
_LEADING_CONJUNCTION = re.compile(r"^(?:while|and|but|as|with|whereas|although)\s+", re.IGNORECASE)
_PREPOSITIONS = frozenset(
    (
        *("across", "in", "on", "at", "during", "after", "before", "since", "over", "from", "for", "with", "by"),
        *("under", "amid", "despite", "as", "when", "while", "if", "into", "through", "throughout", "following"),
    )
)
_NOT_A_NAME = re.compile(r"\b(?:were|was|is|are|been|be|will|would|could|can|may|might|did|do|does)\b", re.IGNORECASE)


_AUTHORED = frozenset(
    {"report", "reports", "data", "figures", "estimate", "estimates", "statement", "tally", "count", "update"}
)


def normalize_source(text: str) -> str | None:
    """A source phrase as written -> its canonical name, or None when it names no one ("it",
    "the report", "preliminary figures", a clause caught by mistake)."""
    text = _SOURCE_TAIL.sub("", _SOURCE_PREFIX.sub("", text.strip())).strip(" .,'\"")
    text = _TITLE_BEFORE_NAME.sub("", _LEADING_CONJUNCTION.sub("", text))  # "Gov. Pavlo Kyrylenko" -> the person
    words = text.split()
    if len(words) > 1 and words[-1].lower() in _AUTHORED and words[-2][:1].isupper():
        words = words[:-1]  # "a UN report", "Ukrainian military data": the author's name
        text = " ".join(words)
    if not words or len(words) > 10 or _NOT_A_NAME.search(text):
        return None
    first, head = words[0].lower(), re.sub(r"(?:'s|')$", "", words[-1].lower())
    if first in NOT_SOURCES or head in NOT_SOURCES or first in _PREPOSITIONS:
        return None  # a pronoun, a document, or a clause opening ("Across the course of the war, ...")
    canonical = normalize_actor(text)
    known = actor_info(canonical) is not None
    capitalised = any(w[:1].isupper() for w in words[1:]) or (words[0][:1].isupper() and len(words) <= 3)
    if known or capitalised or head in GENERIC_SOURCES:
        return canonical
    return None


def _actor_name(start: int, end: int, actors: list[tuple[int, int, str, str]]) -> tuple[str, str] | None:
    """The first (then longest) actor mention inside a span, as (canonical name, actor type)."""
    inside = [a for a in actors if a[0] < end and a[1] > start]
    if not inside:
        return None
    best = min(inside, key=lambda a: (max(a[0], start), a[0] - a[1]))
    return best[2], best[3]


def _span_name(text: str, start: int, end: int, actors: list[tuple[int, int, str, str]]) -> str | None:
    """The canonical name a source span holds: an actor mention inside it, else the cleaned text."""
    stripped = _SOURCE_PREFIX.match(text, start)
    start = stripped.end() if stripped else start
    head = start + re.match(r"(?:[\w'’.-]+\s+){0,3}", text[start:end]).end()
    # The phrase's head ("Ukrainian officials in Kyiv") or a name closing it ("the governor of the region
    # Vyacheslav Gladkov"), not a place or body that only modifies it ("an official in the DPR").
    named = [a for a in actors if a[0] <= head or (a[1] >= end - 1 and not _MODIFIER_BEFORE.search(text, start, a[0]))]
    found = _actor_name(start, end, named)
    return found[0] if found else normalize_source(text[start:end])


def _is_armed(name: str, actor_type: str | None, text: str, patterns: _Patterns) -> bool:
    info = actor_info(name)
    actor_type = actor_type or (info[0] if info else None)
    if actor_type is not None:
        return actor_type in ARMED_TYPES
    return patterns.attacker.search(text) is not None or bool(re.search(rf"\b(?:{ATTACK_NOUNS})\b", text, re.I))


_FORCE_NOUNS = frozenset(
    {"forces", "troops", "army", "military", "soldiers", "servicemen", "fighters", "occupiers", "invaders"}
)
_VIOLENT_AFTER = re.compile(
    r"^(?:\s+[\w'’-]+){0,4}?\s+(?:have\s+|has\s+|had\s+)?(?:killed|killing|shelled|shelling|struck|striking|hit|hitting"
    r"|attacked|attacking|fired|firing|bombed|bombing|launched|opened\s+fire|executed|shot|targeted|stormed|massacred"
    r"|liquidated|eliminated|neutrali[sz]ed|wounded|injured|captured|murdered|tortured|destroyed)\b",
    re.IGNORECASE,
)
_BY_BEFORE = re.compile(r"\b(?:by|from|in|of)\s+(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _SentenceContext:
    """What one sentence says around its figures: sources, attackers, places, scope."""

    sources: list[_Named]
    attackers: list[_Named]
    places: list  # PlaceMention, role place
    cumulative: bool
    actors: list[tuple[int, int, str, str]]
    claims: list[_Named]  # claimed content spans and their speakers (start -1: content not found in the sentence)


_PRONOUN_SPEAKERS = {"it": False, "they": False, "he": True, "she": True}  # pronoun -> stands for a person


def _claim_spans(text: str, claims: Sequence[dict], actors: Sequence[tuple[int, int, str, str]] = ()) -> list[_Named]:
    """Where each claim of a sentence (rows of the claims table) says its content, with its speaker.
    A claim that denies or withholds gives no source (the figure is what it denies), nor does a
    casualty word as the cue ("killed by the UN count": read with that figure). A pronoun speaker
    ("when it said") is the actor of its kind named before it in the same sentence, when there is one
    (``actors`` are the sentence's actor mentions: start, end, canonical name, type)."""
    spans: list[_Named] = []
    gate = _patterns().gate
    for claim in claims:
        name = claim.get("source")
        if not name or gate.search((claim.get("cue") or "").lower()):
            continue
        if claim.get("stance") in {"denies", "declines_comment"}:
            continue
        mention = (claim.get("source_mention") or "").strip().lower()
        if claim.get("source_type") == "person" and mention.split()[-1:] and mention.split()[-1] in _DOCUMENT_WORDS:
            continue  # "the report said" is no person's word
        content = (claim.get("claim") or "").strip()
        start = text.find(content[:120]) if content else -1
        end = start + len(content) if start >= 0 else -1
        if mention in _PRONOUN_SPEAKERS and start > 0:
            person = _PRONOUN_SPEAKERS[mention]
            before = [a for a in actors if a[1] <= start and (a[3] == "person") == person]
            if before:
                name = before[-1][2]
        spans.append(_Named(start, end, name, CLAIM_RANK))
    return spans


_DOCUMENT_WORDS = frozenset(
    {"report", "reports", "statement", "study", "survey", "assessment", "update", "bulletin", "analysis", "review"}
    | {"document", "figures", "data"}
)


def _sentence_context(
    text: str, offset: int, parsed: Parsed, index: int, figures: list[Figure], claims: Sequence[dict] = ()
) -> _SentenceContext:
    patterns = _patterns()
    actors = [(a.start - offset, a.end - offset, a.name, a.actor_type) for a in parsed.in_sentence("actors", index)]
    victims = [(f.start, max(f.end, f.noun_end)) for f in figures]

    def overlaps_victim(start: int, end: int) -> bool:
        return any(start < v_end and end > v_start for v_start, v_end in victims)

    sources: list[_Named] = []
    for match in patterns.according.finditer(text):
        name = _span_name(text, match.start("src"), match.end("src"), actors)
        if name:
            sources.append(_Named(match.start("src"), match.end("src"), name, 0))
    for pattern, rank in ((patterns.subject_cue, 2), (patterns.inverted_cue, 2)):
        for match in pattern.finditer(text):
            start, end = match.span("src")
            if not overlaps_victim(start, end):
                name = _span_name(text, start, end, actors)
                if name:
                    sources.append(_Named(start, end, name, rank))

    attackers: list[_Named] = []
    for match in patterns.attacker.finditer(text):
        if overlaps_victim(match.start(), match.end()):
            continue
        if match["att"].lower() in _FORCE_NOUNS and not (
            _BY_BEFORE.search(text, 0, match.start()) or _VIOLENT_AFTER.match(text[match.end() :])
        ):
            continue
        attackers.append(_Named(match.start(), match.end(), normalize_actor(ATTACKERS[match["dem"].lower()])))
    for start, end, name, actor_type in actors:
        armed = actor_type in {"military", "armed_group"} and not overlaps_victim(start, end)
        if armed and (_BY_BEFORE.search(text, 0, start) or _VIOLENT_AFTER.match(text[end:])):
            attackers.append(_Named(start, end, name))

    places = [p for p in parsed.in_sentence("places", index) if p.role == "place"]
    return _SentenceContext(
        sources,
        attackers,
        places,
        patterns.cumulative.search(text) is not None,
        actors,
        _claim_spans(text, claims, actors),
    )


_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|around|across|of|on|into|inside|over|throughout|towards?)\s+(?:[\w'’.-]+\s+){0,4}$",
    re.IGNORECASE,
)
# "from X to Y" (places or their regions): the span of something, not where a figure happened.
_EXTENT = re.compile(
    r"\bfrom\s+(?:the\s+)?[A-Z][^,;:.()]{0,60}?\s+to\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
    r"(?:\s+(?:in|on)\s+the\s+(?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est)\w*)?"
)
_PART_OF_NAME_AFTER = re.compile(r"^(?:'s?\b|’s?\b|\s+[A-Z][\w.]*)")
_JOINED = re.compile(
    r"^[\s,]*(?:and|or|&)?[\s,]*(?:(?:the|northern|southern|eastern|western|central|nearby)\s+)*$", re.IGNORECASE
)


def _location(
    text: str, places: list, offset: int, figure: Figure, excluded: list[_Named]
) -> tuple[str | None, str | None]:
    """Where a figure happened: the place nearest the figure that the sentence uses as a place
    ("in Lysychansk", "the town of Kreminna"; not "Moscow's update", not "Black Sea Fleet"),
    with the places listed together with it ("in northern Kyiv and Sumy"). Places more specific
    than a country win over countries; a region is dropped when a city in it is named. Returns
    (the names, the country code of the place nearest the figure)."""
    kept = []
    extents = [m.span() for m in _EXTENT.finditer(text)]
    for place in places:
        start, end = place.start - offset, place.end - offset
        if any(start < s.end and end > s.start for s in excluded) or _PART_OF_NAME_AFTER.match(text[end:]):
            continue
        if any(a <= start and end <= b for a, b in extents):
            continue  # "a war that has spread from Odesa in the south to Kyiv in the north": an extent, not the place
        if _LOCATIVE_BEFORE.search(text, max(0, start - 60), start):
            kept.append((start, end, place))
    if not kept:
        return None, None
    specific = [k for k in kept if k[2].kind != "country"] or kept
    anchor = min(specific, key=lambda k: _distance(k[0], k[1], figure.cue_start, figure.end))
    group = [anchor]
    index = specific.index(anchor)
    for step in (-1, 1):
        j = index
        while 0 <= j + step < len(specific):
            a, b = sorted((specific[j], specific[j + step]), key=lambda k: k[0])
            if not _JOINED.match(text[a[1] : b[0]]):
                break
            group.append(specific[j + step])
            j += step
    group.sort(key=lambda k: k[0])
    cities = {k[2].admin1.lower() for k in group if k[2].kind != "region" and k[2].admin1}
    names = [
        k[2].name for k in group if k[2].kind != "region" or not any(k[2].name.lower().startswith(c) for c in cities)
    ]
    return "; ".join(dict.fromkeys(names)) or None, anchor[2].country_code or None


def _agent(text: str, agent: re.Match, context: _SentenceContext, patterns: _Patterns) -> _Named | None:
    """Who stands after "by" behind an outcome: an armed actor or attack ("killed by Russian
    forces", "by Russian shelling") is the perpetrator (returned with rank -1); a reporting body
    ("killed by the United Nations", "confirmed killed by officials") is a source (rank 1)."""
    start, end = agent.span("agent")
    reported = re.search(
        r"\b(?:confirmed|reported|recorded|verified|documented)(?:\s+[\w-]+)?\s*$", text[: agent.start()]
    )
    attack = patterns.attacker.match(text, start) or patterns.attacker.match(
        text, start + len(re.match(r"(?:\w+\s+){0,2}", text[start:end]).group())
    )
    if attack and not reported:
        return _Named(start, attack.end(), normalize_actor(ATTACKERS[attack["dem"].lower()]), -1)
    head = re.match(r"(?:[\w'’.-]+\s+){0,2}", text[start:end]).end()
    actors = [a for a in context.actors if start <= a[0] <= start + head]
    found = _actor_name(start, end, actors)
    if found:
        name, actor_type = found
    else:
        words = text[start:end].split()
        name, actor_type = (normalize_source(text[start:end]) if len(words) <= 6 else None), None
        if words and words[0].lower() in ATTACKERS:
            return _Named(
                start, end, normalize_actor(ATTACKERS[words[0].lower()]), -1
            )  # "by Russian and separatist firing"
    if name is None:
        return None
    armed = not reported and _is_armed(name, actor_type, text[start:end], patterns)
    return _Named(start, end, name, -1 if armed else 1)


def _is_media(name: str) -> bool:
    info = actor_info(name)
    return info is not None and info[0] == "media"


def _attribution(
    text: str, figure: Figure, context: _SentenceContext, patterns: _Patterns
) -> tuple[str | None, str | None, list[_Named]]:
    """(perpetrator, source, the spans they came from) for one figure. The source is, in order:
    "according to X" in the sentence; a reporting body after the outcome ("killed by the UN
    count"); the speaker of a claim whose content holds the figure (the claims extractor resolves
    pronouns, roles and anaphors: "one of those officials said" -> Western officials); the subject
    of a reporting verb in the sentence; the one speaker of the sentence."""
    outside = [s for s in context.sources if not (s.start < figure.end and s.end > figure.start)]
    local = _nearest(outside, figure)
    covering = [c for c in context.claims if c.start <= figure.cue_start and figure.end <= c.end]
    unplaced = [c for c in context.claims if c.start < 0]
    if local is not None and local.rank == 0 and _is_media(local.name):
        # "officials said ..., according to The Associated Press": the outlet relays, the officials speak
        speakers = [s for s in (*covering, *outside) if s.name != local.name and not _is_media(s.name)]
        local = min(speakers, key=lambda s: s.rank == CLAIM_RANK, default=local)
    if local is not None and local.rank == 0:
        source = local
    elif covering:
        source = min(covering, key=lambda c: c.end - c.start)  # the innermost claim: "X said Y reported ..."
    elif local is not None:
        source = local
    elif len(unplaced) == 1 and len(context.claims) == 1:
        source = unplaced[0]
    else:
        source = None
    perpetrator: _Named | None = None
    agent = patterns.by_agent.match(text, figure.end)
    if agent:
        named = _agent(text, agent, context, patterns)
        if named is not None and named.rank < 0:
            perpetrator = replace(named, rank=0)
        elif named is not None:
            source = named
    if perpetrator is None and source is not None and patterns.says_it.search(text, 0, figure.start):
        perpetrator = source  # "Russia says it has killed 200 Ukrainian troops"
    if perpetrator is None:
        perpetrator = _nearest(context.attackers, figure)
        victims = patterns.attacker_word.findall(text, figure.start, max(figure.end, figure.noun_end))
        if perpetrator and any(normalize_actor(ATTACKERS[v.lower()]) == perpetrator.name for v in victims):
            perpetrator = None  # "a Ukrainian offensive ... with 1,200 Ukrainian troops killed": no side kills its own
    used = [s for s in (perpetrator, source) if s is not None and s.rank != CLAIM_RANK]  # a claim spans its content
    return (perpetrator.name if perpetrator else None), (source.name if source else None), used


_ROLES = {
    "governor": r"governor|gov\.",
    "mayor": r"mayor",
    "spokesman": r"spokes(?:man|woman|person)",
    "minister": r"minister",
    "president": r"president",
    "adviser": r"advis[eo]r",
    "prosecutor": r"prosecutor(?:\s+general)?",
    "commander": r"commander",
    "head": r"head|chief",
}
# A source that is a role in lower case and no name ("the governor", "town's mayor").
_ROLE_ONLY = re.compile(rf"(?:the\s+|a\s+)?(?:[a-z'’-]+\s+){{0,3}}?(?:{'|'.join(_ROLES)}|prosecutor\s+general)")
_ROLE_WINDOW = 60
ROLE_LOOKAROUND = 12  # sentences searched, back then forward, for the person a role noun stands for


def normalize_role(parsed: Parsed, index: int, role_phrase: str) -> str | None:
    """The person a bare role noun stands for ("the governor" -> the governor named nearby):
    the nearest person mention, first in the sentences before, then after, written with that
    role ("Donetsk Oblast Gov. Pavlo Kyrylenko", "Natalia Musienko, the town's mayor")."""
    role = next((r for r in _ROLES if re.search(rf"\b{r}\b", role_phrase, re.IGNORECASE)), None)
    if role is None:
        return None
    pattern = re.compile(rf"\b(?:{_ROLES[role]})", re.IGNORECASE)
    text = parsed.document.text
    last = len(parsed.sentences) - 1
    order = [
        *range(index, max(-1, index - ROLE_LOOKAROUND), -1),
        *range(index + 1, min(last, index + ROLE_LOOKAROUND) + 1),
    ]
    for position in order:
        for actor in reversed(parsed.in_sentence("actors", position)):
            if actor.actor_type != "person":
                continue
            before = text[max(0, actor.start - _ROLE_WINDOW) : actor.start]
            after = text[actor.end : actor.end + _ROLE_WINDOW].split(".", 1)[0]
            title = pattern.search(before.rsplit(",", 1)[-1]) if before.strip() else None
            apposition = after.startswith(",") and pattern.search(after.split(",")[1] if "," in after[1:] else after)
            if title or apposition:
                return actor.name
    return None


_DEFINITE_BEFORE = re.compile(r"\b(?:the|those|these|all)\s+$", re.IGNORECASE)
# A sentence that goes on with the figures of the one before: it takes that sentence's source.
_CONTINUES = re.compile(
    r"^(?:(?:That|This|These|Those|It|(?:The|[\w'’-]+(?:'s|’s))\s+(?:[\w'’-]+\s+){0,3}?(?:toll|figures?|numbers?|total"
    r"|tally|count|dead|victims"
    r"|deaths|casualties))\s+(?:also\s+|alone\s+)?(?:includes?|included|including|comprises?|comprised|consists?\s+of"
    r"|covers?|breaks?\s+down)\b"
    r"|(?:Of|Among)\s+(?:those|them|these|the\s+(?:dead|victims|killed|wounded|injured))\b"
    r"|(?:Another|A\s+further|An\s+additional|In\s+addition|Additionally|Including)\b)"
)
# Group nouns a source may be written as without saying whose: "authorities said" in a Ukrainian town
# are Ukrainian authorities.
_SIDED_GROUPS = frozenset({"officials", "authorities", "police", "prosecutors", "investigators"})
_OWNED_GROUP = re.compile(
    r"(?P<owner>\b[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})(?:'s|’s)?(?:\s+\([A-Z]{2,6}\))?\s+(?:(?:local|regional"
    r"|senior|top|city|government"
    r"|military|separatist|occupation)\s+){0,2}(?P<group>officials|authorities|police|prosecutors|investigators)\b"
)
_GROUP_CLASS = {"authorities": "officials"}  # group words the actor lexicon files as one
_UNOWNED = re.compile(r"^(?:the\s+|local\s+|regional\s+|city\s+|municipal\s+)+", re.IGNORECASE)
# Words that describe a name written after them ("Ukrainian digital broadcaster Hromadske") or before them
# ("the Kyiv Post newspaper"): the name is the source.
DESCRIPTORS = (
    r"broadcaster|newspaper|daily|weekly|outlet|news\s+outlet|news\s+agency|agency|channel|TV\s+channel|website|site"
    r"|portal|tabloid|magazine|radio|radio\s+station|station|publication|media|news\s+site|service|group|organi[sz]ation"
    r"|NGO|charity|think\s+tank|monitor|monitoring\s+group|watchdog|company|firm|operator|project|initiative|blog"
    r"|network|broadcasting\s+company"
)
_DESCRIBED_NAME = re.compile(
    rf"^(?:the\s+|a\s+|an\s+)?(?:[\w'’.-]+\s+){{0,4}}?(?:{DESCRIPTORS})\s+(?P<name>[A-Z0-9][\w.'’&-]*(?:\s+[A-Z0-9][\w.'’&-]*)*)$"
)
_NAME_DESCRIBED = re.compile(
    rf"^(?:the\s+)?(?P<name>[A-Z][\w.'’&-]*(?:\s+(?:[A-Z][\w.'’&-]*|of|for|on|and))*?)\s+(?:{DESCRIPTORS})$"
)


def normalize_described(name: str) -> str:
    """A source written with a descriptor -> the name it describes: "Ukrainian digital broadcaster
    Hromadske" -> "Hromadske", "the Kyiv Post newspaper" -> "Kyiv Post". Names the actor lexicon
    knows stay as they are ("Ukrainian State Emergency Service")."""
    if actor_info(name) is not None:
        return name
    match = _DESCRIBED_NAME.match(name) or _NAME_DESCRIBED.match(name)
    if match is None or match["name"] in load_lexicon().demonyms:
        return name  # "Belarusian news outlet" names no outlet
    return normalize_actor(match["name"])


@cache
def _demonyms() -> dict[str, str]:
    """ISO country code -> the demonym of its state ("UA" -> "Ukrainian"), from the actor lexicon."""
    lexicon = load_lexicon()
    first: dict[str, str] = {}
    for demonym, state in lexicon.demonyms.items():
        first.setdefault(state, demonym)
    return {code: first[state] for code, state in lexicon.by_country.items() if state in first}


def _with_side(source: str, country_code: str | None, text: str = "", named: Sequence[tuple[int, int]] = ()) -> str:
    """A group that says not whose it is ("authorities", "local officials") takes its owner from
    the sentence when a name stands before the group word there ("DPR officials say"), else the
    side of the country where the figure happened, when the actor lexicon knows that group.
    ``named`` are the spans of places and actors in ``text``."""
    info = actor_info(source)
    if info is not None and info[1] != "other":
        return source
    word = _UNOWNED.sub("", source.strip()).lower()
    if word not in _SIDED_GROUPS:
        return source
    for match in _OWNED_GROUP.finditer(text):
        start, end = match.span("owner")
        if _GROUP_CLASS.get(match["group"].lower(), match["group"].lower()) == _GROUP_CLASS.get(word, word) and (
            match["owner"].isupper() or any(a <= start and end <= b for a, b in named)
        ):
            return normalize_actor(f"{match['owner']} {match['group']}")
    demonym = _demonyms().get(country_code.upper()) if country_code else None
    if demonym is None:
        return source
    sided = normalize_actor(f"{demonym} {word}")
    return sided if actor_info(sided) is not None else source


def _held_by_other_side(perpetrator: str | None, country_code: str | None, places: list) -> bool:
    """Whether the place of a figure may be held by someone other than its country: its own side's
    forces struck it ("Ukrainian forces shelled Svetlodarsk"), or the sentence names a separatist
    republic. Local officials there are not that country's."""
    if country_code is None:
        return False
    state = state_of_country(country_code)
    info = actor_info(perpetrator) if perpetrator else None
    if state is not None and info is not None and info[1] == (actor_info(state) or ("", ""))[1]:
        return True
    return any(
        "people's republic" in (p.name or "").lower() or "people's republic" in (p.admin1 or "").lower() for p in places
    )


def _first_claim_source(claims_by_sentence: dict[str, list[dict]], parsed: Parsed, index: int) -> str | None:
    if index < 0:
        return None
    found = claims_by_sentence.get(parsed.sentences[index].sentence_id)
    return found[0]["source"] if found else None


QUANTITY_LEAD_WORDS = 6  # words a quantity may open with before its first number word or digit (at most 5)


def _quantities(lower: str, patterns: _Patterns) -> Iterator[re.Match]:
    """``patterns.quantity_lower.finditer(lower)``, the same matches, with the pattern tried only
    from a few words before each digit or number word (``patterns.numberish``) instead of at every
    letter: a quantity holds one, after at most a few words ("no fewer than", "between a", "tens of")."""
    pos = 0
    while True:
        number = patterns.numberish.search(lower, pos)
        if number is None:
            return
        at = number.start()
        start = max(pos, at - 120)
        # the words before it: a quantity cannot start before the last few of them
        lead = lower[start:at].rsplit(None, QUANTITY_LEAD_WORDS)
        quantity = patterns.quantity_lower.search(
            lower, start + len(lead[0]) if len(lead) > QUANTITY_LEAD_WORDS else pos
        )
        if quantity is None:
            return
        yield quantity
        pos = quantity.end()


def _gated_sentences(parsed: Parsed, patterns: _Patterns) -> list[Sentence]:
    """The sentences holding a casualty word, found in one pass over the document."""
    text = parsed.document.text
    lower = text.lower()
    if not parsed.sentences:
        return []
    if len(lower) != len(text):  # lower-casing moved offsets: test sentence by sentence
        return [s for s in parsed.sentences if patterns.gate.search(s.text.lower())]
    found: list[Sentence] = []
    at = _gate_at(patterns, lower)
    while at >= 0:
        sentence = parsed.sentences[sentence_index(parsed, at)]
        if sentence.start <= at < sentence.end:
            found.append(sentence)
            at = _gate_at(patterns, lower, sentence.end)  # the rest of this sentence need not be read
        else:
            at = _gate_at(patterns, lower, at + 1)
    return found


def _gate_at(patterns: _Patterns, lower: str, pos: int = 0) -> int:
    """The offset of the first casualty word (``patterns.gate``) in lower-cased text from ``pos``
    on, or -1. Past the text's start, a word boundary is a non-word character before the word:
    a pattern starting with one lets ``re`` skip over the letters of words at once, where a
    leading ``\\b`` makes it try the whole alternation at every character."""
    if pos == 0 and patterns.gate.match(lower):
        return 0
    match = patterns.gate_after.search(lower, max(pos - 1, 0))
    return match.start() + 1 if match else -1


def _by_first_letter(alternation: str) -> str:
    """An alternation of words regrouped by first letter ("kill|dead|died" -> "k(?:ill)|d(?:ead|ied)"),
    so that ``re`` tries one branch per letter instead of every word."""
    groups: dict[str, list[str]] = {}
    for word in alternation.split("|"):
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


def extract_casualties(
    parsed: Parsed, *, claims: Sequence[dict] | None = None, merge_repeats: bool = True
) -> list[dict]:
    """Rows of the ``casualties`` table for one parsed document. With ``merge_repeats`` a figure
    the document repeats (same count, outcome and population, no new place) is one row.
    ``claims`` are the document's rows of the claims table (their speakers are the figures'
    sources); when not given they are extracted here, once, if the document holds a figure."""
    patterns = _patterns()
    doc_id = parsed.document.doc_id
    rows: list[dict] = []
    seen: dict[tuple, str | None] = {}
    claims_by_sentence: dict[str, list[dict]] | None = None
    sourced: dict[int, str] = {}  # sentence index -> the source its figures were given
    counted: set[tuple[int, str]] = set()  # (count, outcome) of the figures filed so far
    for sentence in _gated_sentences(parsed, patterns):
        earlier = parsed.sentences[max(0, sentence.index - CONTEXT_SENTENCES) : sentence.index]
        persons = [
            (a.start - sentence.start, a.end - sentence.start)
            for a in parsed.in_sentence("actors", sentence.index)
            if a.actor_type == "person"
        ]
        figures = parse_figures(sentence.text, context=[s.text for s in earlier], persons=persons)
        if not figures:
            continue
        if claims_by_sentence is None:
            claims_by_sentence = {}
            for claim in extract_claims(parsed) if claims is None else claims:
                claims_by_sentence.setdefault(claim["sentence_id"], []).append(claim)
        context = _sentence_context(
            sentence.text,
            sentence.start,
            parsed,
            sentence.index,
            figures,
            claims_by_sentence.get(sentence.sentence_id, ()),
        )
        for figure in figures:
            if figure.outcome == COMBINED:
                continue
            perpetrator, source, used = _attribution(sentence.text, figure, context, patterns)
            if source is not None and _ROLE_ONLY.fullmatch(source):
                source = normalize_role(parsed, sentence.index, source) or source
            location, country_code = _location(sentence.text, context.places, sentence.start, figure, used)
            if source is None and _CONTINUES.match(sentence.text):
                source = sourced.get(sentence.index - 1) or _first_claim_source(
                    claims_by_sentence, parsed, sentence.index - 1
                )
            if source is not None:
                held = _held_by_other_side(perpetrator, country_code, context.places)
                named = [(p.start - sentence.start, p.end - sentence.start) for p in context.places]
                named += [(a[0], a[1]) for a in context.actors]
                source = _with_side(normalize_described(source), None if held else country_code, sentence.text, named)
                sourced[sentence.index] = source
            key = (figure.quantity.low, figure.outcome, figure.population or "unspecified")
            if figure.quantity.low == 1:  # one person is told apart by who they are, not by the count
                key = (*key, sentence.text[figure.noun_start : figure.noun_end].lower())
            if merge_repeats and key in seen and (seen[key] == location or location is None or seen[key] is None):
                continue
            restated = _DEFINITE_BEFORE.search(
                sentence.text, max(0, figure.start - 12), figure.start
            ) and patterns.quantity.match(sentence.text, figure.start)
            if merge_repeats and restated and (figure.quantity.low, figure.outcome) in counted:
                continue  # "The two killed were members of ...": the figure told before
            counted.add((figure.quantity.low, figure.outcome))
            seen[key] = location
            start, end = sentence.start + figure.cue_start, sentence.start + figure.end
            rows.append(
                {
                    "casualty_id": row_id("cas", doc_id, start, end, figure.quantity.low, figure.outcome),
                    "doc_id": doc_id,
                    "sentence_id": sentence.sentence_id,
                    "count_low": figure.quantity.low,
                    "count_high": figure.quantity.high,
                    "qualifier": figure.quantity.qualifier,
                    "population": figure.population or "unspecified",
                    "outcome": figure.outcome,
                    "perpetrator": perpetrator,
                    "location": location,
                    "source": source,
                    "scope": "cumulative" if context.cumulative else "incident",
                    "mention": parsed.document.text[start:end],
                    "start": start,
                    "end": end,
                }
            )
    return rows
