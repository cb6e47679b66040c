"""Find the places a document names, resolve each against the gazetteer, and say whether it is
used as a place ("in Belarus") or stands for its government ("Moscow was wary")."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.lang.lex_attrs import is_quote

from lib.extract.actors import sentence_index, token_texts
from lib.gazetteer import Candidate, Gazetteer, Place, get_gazetteer
from lib.geo import border_distance_km
from lib.ids import row_id
from lib.mentions import Parsed, PlaceMention


def words(text: str) -> frozenset[str]:
    """A set of whitespace-separated words (for the word tables below)."""
    return frozenset(text.split())


# Countries of the theatre: a name shared with a place elsewhere leans towards these.
THEATRE = frozenset({"UA", "BY", "RU", "PL", "MD", "LT", "LV", "EE", "RO", "SK", "HU", "GE"})
# Weights of the resolution score (log10 population is the base).
PRIMARY_WEIGHT = 2.0  # the name is the place's own, not a GeoNames alternate
THEATRE_WEIGHT = 1.0
CONTEXT_WEIGHT = 1.5  # the place's country is named elsewhere in the document
# the place's region (oblast) is named, or holds another place the document names: outweighs a name
# being the place's own rather than an alternate ("Novofedorivka" near Saky is the Crimean village)
ADMIN1_CONTEXT_WEIGHT = 2.5
KIND_WEIGHT = {"country": 4.0, "area": 4.0, "facility": 3.0, "region": 2.0, "city": 0.0}
# Kinds that can stand for a government or a people.
ACTOR_KINDS = frozenset({"country", "city", "area"})

# --- what makes a matched name not a place -------------------------------------------------
# A following word that turns the name into an outlet, a street or a team ("Kyiv Post").
NOT_PLACE_NEXT = frozenset(
    {
        "Post",
        "Independent",
        "Times",
        "Today",
        "Pravda",
        "Herald",
        "Telegraph",
        "Tribune",
        "Journal",
        "Gazette",
        "Street",
        "St.",
        "Avenue",
        "Ave.",
        "Boulevard",
        "Prospekt",
        "Prospect",
        "Road",
        "Lane",
        "Highway",
        "Dynamo",
        "River",
        "river",
        "Park",
        "Square",
        "Stadium",
        "Cathedral",
        "Theatre",
        "Theater",
    }
)
# Heads of outlet names a place name may open ("China Central Television").
MEDIA_HEADS = frozenset({"Television", "TV", "Broadcasting", "Radio", "Newspaper", "Gazette"})
# Names that only ever stand for a state's government (a state that no longer exists).
ALWAYS_ACTOR = frozenset({"Soviet Union"})
# Words of a state's formal name ("Russian Federation", "Republic of Belarus"): used for the state, never
# the land, unless a preposition of place comes before ("in the Russian Federation").
FORMAL_STATE_WORDS = frozenset({"Federation", "of"})
# Heads of organisation names a place name may open or own ("Odessa International Film Festival",
# "Kyiv School of Economics", "Kyiv's Centre for Economic Strategy"): the name is then no place.
ORG_HEADS = words(
    """
    Festival Institute Foundation Centre Center School Academy Orchestra Philharmonic Club Company Corporation
    Bank Party Movement Association Society Forum Fund Initiative Consortium Group Airlines Airways Fleet
    Flotilla Conservatory Studies Program Programme Project Lab Laboratory Network Alliance Coalition Union
    """
)
# Heads of a state body a country's name may open or own ("Russia's Black Sea Fleet", "Ukraine's General
# Staff", "UK Defence Intelligence"): the country stands for its state.
STATE_BODY_HEADS = words(
    """
    Fleet Flotilla Army Navy Forces Force Guard Guards Ministry Staff Command Service Services Agency Bureau
    Directorate Department Committee Office Parliament Duma Government Council Intelligence Embassy Mission
    """
)
# How far a capitalised organisation name may run before its head ("Odessa International Film Festival").
ORG_NAME_TOKENS = 5
ORG_NAME_LINKS = frozenset({"of", "for", "and", "&", "on", "the"})
# Words that may follow a town's name without making it a person's ("Bucha Mayor ...").
PLACE_FOLLOWERS = words(
    """
    Oblast Region Raion District Province Mayor Governor Governor's Council City Town Oblast's Region's
    Military Administration Regional Government Airport Station Metro Railway Nuclear Power Plant Hydroelectric
    North South East West Northeast Northwest Southeast Southwest Central Airfield Airbase Air Base Port
    Harbour Harbor Bay Bridge University College County Museum Hospital Prison Arena Court Magistrates
    Crown Cathedral Castle Tower Hall Police Fire Zoo Marathon Summit Conference Declaration Agreement
    Agreements Accords Protocol Format Process Talks Massacre Offensive Counteroffensive Front Direction
    """
)
# Cities smaller than these are read as part of a person's name when a capitalised word that is no
# place follows ("Serhii Haidai") or precedes them ("Marsha Blackburn"); theatre towns are smaller.
PERSON_NAME_POPULATION = {"following": (100_000, 1_000_000), "previous": (400_000, 2_000_000)}  # (theatre, elsewhere)
# Capitalised words that may stand before a place name without making it a surname ("Occupied Kherson").
PLACE_MODIFIERS = words(
    """
    Occupied Liberated Northern Southern Eastern Western Central Downtown Greater Besieged Embattled
    Nearby Neighbouring Neighboring Frontline Front-line Russian-occupied Russian-held Annexed Old New
    Upper Lower North South East West Capital Port City In At From To Near Outside Inside Across
    """
)

# Preceding words that make the name part of another name ("Dynamo Kyiv", "Voice of America").
NOT_PLACE_PREVIOUS: tuple[tuple[str, ...], ...] = (
    ("Dynamo",),
    ("Dinamo",),
    ("Shakhtar",),
    ("Spartak",),
    ("Zenit",),
    ("CSKA",),
    ("Voice", "of"),
    ("Radio", "Free"),
    ("Mr.",),
    ("Mrs.",),
    ("Ms.",),
    ("Miss",),
    ("Dr.",),
    ("United",),  # the party United Russia
    ("Council", "of"),  # the Council of Europe
)
# Names that are also given names: "Georgia Meloni", not Georgia the country, when a capitalised
# unknown word follows.
GIVEN_NAMES = frozenset({"Georgia", "Jordan", "Chad", "Israel", "Florence", "Paris", "Sydney", "Austin", "Charlotte"})

REGION_NOUNS = frozenset({"region", "oblast", "province"})
PLURAL_REGION_NOUNS = frozenset({"regions", "oblasts", "provinces"})
# Nouns before "of <name>" that make a bare oblast name the oblast ("the provinces of Donetsk and Luhansk",
# "the governor of Luhansk"): an oblast has a governor, a city a mayor.
REGION_OF_NOUNS = REGION_NOUNS | PLURAL_REGION_NOUNS | words("governor governors gov. governorate")
# Words right after a bare oblast name that make it the oblast ("Luhansk Gov. Serhiy Haidai",
# "the Kherson regional administration", "the Donetsk and Luhansk people's republics").
REGION_AFTER = words("regional governor governor's gov. governors")
REPUBLIC_WORDS = words("republics")
# Words after "the <town>" that keep it the town, not its river ("the Dnipro city council").
TOWN_NOUNS = words("city town mayor council region oblast airport station residents authorities administration metro")
# Words before "of <name>" that make a facility's namesake town the town ("north of Chernobyl").
TOWN_OF_WORDS = words(
    "north south east west northeast northwest southeast southwest outskirts town city village settlement"
)
# A dateline: capitalised place names in the first tokens, ended by one of these.
DATELINE_TOKENS = 12
DATELINE_SEPARATORS = frozenset({"--", "—", "–", ",", "("})

# --- role: place or actor --------------------------------------------------------------------
# Preceding words after which a place stands for its government ("according to Ukraine").
ACTOR_PREVIOUS: tuple[tuple[str, ...], ...] = (
    ("according", "to"),
    ("told",),
    ("urged",),
    ("warned",),
    ("accused",),
    ("asked",),
    ("called", "on"),
    ("pressed",),
    ("blamed",),
    ("criticized",),
    ("criticised",),
    ("condemned",),
    ("warning",),
    ("urging",),
    ("accusing",),
    ("blaming",),
    ("blame",),
    ("portray",),
    ("recognize",),
    ("recognise",),
    ("designate",),
    ("sanction",),
    ("isolate",),
    ("punish",),
    ("persuade",),
    ("convince",),
    ("view",),
    ("ties", "to"),
    ("views",),
    ("by",),
    ("reliant", "on"),
    ("dependent", "on"),
    ("dependence", "on"),
    ("pressure", "on"),
    ("sanctions", "on"),
    ("sanctions", "against"),
    ("ties", "with"),
    ("talks", "with"),
    ("relations", "with"),
    ("solidarity", "with"),
    ("sympathy", "with"),
    ("side", "with"),
    ("sided", "with"),
    ("siding", "with"),
    ("stand", "with"),
    ("stands", "with"),
    ("standing", "with"),
    ("pro", "-"),
    ("anti", "-"),
    ("toll", "on"),
    ("burden", "on"),
    ("strain", "on"),
    ("embargo", "on"),
    ("restrictions", "on"),
    ("penalties", "on"),
    ("tariffs", "on"),
    ("curbs", "on"),
    ("war", "on"),
    ("supports",),
    ("supported",),
    ("back", "at"),
    ("supply",),
    ("supplies",),
    ("supplied",),
    ("supplying",),
    ("negotiate", "with"),
    ("negotiated", "with"),
    ("negotiating", "with"),
    ("ambassador", "to"),
    ("envoy", "to"),
)
# Preceding words after which a country or an idea ("the West") is an adversary, so an actor
# ("a hard line against the West", "protests against Russia"); a city there is a target, and so is a
# country after violence ("the war of aggression against Ukraine", "strikes against Ukraine").
OPPONENT_PREVIOUS = frozenset({("against",)})
VIOLENCE_NOUNS = words(
    """
    aggression war wars invasion attack attacks assault offensive strike strikes crime crimes atrocities
    violence bombardment shelling action actions operation operations hostilities fighting campaign
    """
)
# Title nouns whose "for <place>" is a portfolio, not a place ("the regional director for Europe",
# "the special envoy for Ukraine").
PORTFOLIO_TITLES = words(
    "director directors commissioner envoy representative minister secretary coordinator rapporteur chief head"
)
# Prepositions whose object is never the subject of the verb that follows ("support for Ukraine has grown",
# "the WHO's regional director for Europe told reporters").
NON_SUBJECT_PREVIOUS = words("for about like unlike than without despite amid among amongst per upon under")
# Plural nouns a list of states stands in apposition to ("its allies, primarily the United States").
ALLY_NOUNS = words("allies partners backers supporters adversaries enemies rivals foes sponsors donors")
# Words between such a noun and the list ("allies, notably", "partners such as").
APPOSITION_LINKS = words(", the primarily notably especially particularly mainly chiefly including such as like namely")
# Adjectives skipped between a possessive and its noun ("Russia's full-scale invasion").
POSSESSIVE_MODIFIERS = words(
    """
    full - scale new latest recent own brutal unprovoked ongoing top deepening growing international key closest
    close main chief staunchest staunch strongest strong only biggest largest principal major traditional
    longtime long-time most powerful western eastern northern southern nuclear
    """
)
# -ing verbs whose object acts ("letting Russia fire missiles"); other -ing verbs before a name make it a place.
CAUSATIVE_ING = words("letting allowing forcing helping pushing pressing asking urging warning accusing blaming")
NOT_PLACE_PREVIOUS_SET = frozenset(NOT_PLACE_PREVIOUS)
ACTOR_PREVIOUS_SET = frozenset(ACTOR_PREVIOUS)
# Words before "of <country>" that make the country its government ("the president of Ukraine").
TITLE_NOUNS = words(
    "blockade isolation condemnation recognition expulsion suspension support backers "
    "president presidents leader leaders government governments minister ministers ministry ministries prime king "
    "queen officials authorities envoy envoys ambassador ambassadors ally allies partner partners enemy enemies "
    "adversary adversaries foe foes proxy proxies client satellite head heads ruler rulers representatives "
    "delegation delegations"
)
# Words before "with/between <country>" that make it a party ("talks with Russia").
RELATION_NOUNS = words(
    """
    talks alliance agreements agreement relations ties conflict war negotiations cooperation partnership
    deal treaty dialogue contacts meeting summit tensions dispute confrontation trade cooperate relationship
    relationships solidarity sympathy rapprochement rift standoff
    """
)
# Second parts of hyphenated compounds that make the name their agent ("Russia-backed").
AGENT_COMPOUNDS = words(
    "backed led installed sponsored supported allied aligned appointed imposed funded armed friendly"
)
# Participles that are not -ed/-en forms ("Kyiv was hit"): after a copula they make the subject a place.
IRREGULAR_PARTICIPLES = words("hit struck shot built held seen known taken left cut put run brought caught found kept")
# Prepositions after which a name is a place ("in Belarus", "flight to Minsk").
LOCATIVE_PREVIOUS = frozenset(
    {
        "in",
        "into",
        "to",
        "from",
        "near",
        "at",
        "across",
        "outside",
        "inside",
        "around",
        "towards",
        "toward",
        "through",
        "throughout",
        "over",
        "on",
        "onto",
        "via",
        "within",
        "between",
        "off",
        "beyond",
        "along",
        "of",
        "against",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
    }
)
# Words a subject may carry before its verb ("Kyiv and allies claim", "Russia, Belarus and China say").
SUBJECT_CHAIN = frozenset(
    {"and", "or", "nor", ",", "the", "its", "their", "allies", "partners", "backers", "supporters", "Western"}
)
ADVERBS = frozenset(
    {
        "also",
        "already",
        "again",
        "still",
        "now",
        "never",
        "not",
        "n't",
        "yet",
        "reportedly",
        "officially",
        "repeatedly",
        "previously",
        "publicly",
        "strongly",
        "firmly",
        "quickly",
        "immediately",
        "recently",
        "long",
        "since",
        "then",
        "later",
        "today",
        "last",
        "first",
        "finally",
        "apparently",
        "allegedly",
        "itself",
    }
)
# Verbs of speech, attitude and action whose subject is a government ("Kyiv says", "Minsk denied").
ACTOR_VERBS = words(
    """
    say says said claim claims claimed deny denies denied announce announces announced warn warns warned
    accuse accuses accused insist insists insisted believe believes believed state states stated report
    reports reported respond responds responded reject rejects rejected demand demands demanded threaten
    threatens threatened want wants wanted hope hopes hoped fear fears feared urge urges urged call calls
    called agree agrees agreed refuse refuses refused condemn condemns condemned blame blames blamed vow
    vows vowed pledge pledges pledged promise promises promised confirm confirms confirmed acknowledge
    acknowledges acknowledged admit admits admitted argue argues argued maintain maintains maintained
    assert asserts asserted allege alleges alleged consider considers considered plan plans planned
    intend intends intended seek seeks sought launch launches launched send sends sent deploy deploys
    deployed attack attacks attacked invade invades invaded fire fires fired strike strikes struck shell
    shells shelled move moves moved continue continues continued supply supplies supplied impose imposes
    imposed sign signs signed recognise recognises recognised recognize recognizes recognized annex
    annexes annexed withdraw withdraws withdrew join joins joined allow allows allowed support supports
    supported back backs backed oppose opposes opposed expel expels expelled summon summons summoned
    sanction sanctions sanctioned decide decides decided retaliate retaliates retaliated ask asks asked
    tell tells told add adds added note notes noted suggest suggests suggested describe describes described
    dismiss dismisses dismissed welcome welcomes welcomed insist estimate estimates estimated
    provide provides provided offer offers offered order orders ordered ban bans banned
    accept accepts accepted approve approves approved criticise criticises criticised criticize
    criticizes criticized hit hits reacted reacts react declined declines decline says
    encourage encourages encouraged push pushes pushed remain remains remained view views viewed
    see sees saw keep keeps kept need needs needed know knows knew pledge appear appears appeared
    seem seems seemed expect expects expected insist refuse reject began begin begins started start
    starts tried tries try made makes took takes gave gives got gets puts holds leads won lost
    """
)
AUXILIARIES = frozenset(
    {"has", "have", "had", "will", "would", "may", "might", "can", "could", "should", "must", "does", "did", "do"}
)
COPULAS = frozenset({"is", "was", "are", "were", "'s", "’s"})
# Words after a copula that make the subject an actor ("Moscow was wary").
ATTITUDE_WORDS = words(
    """
    wary ready willing unwilling prepared determined reluctant keen eager concerned worried
    likely unlikely able unable not trying seeking preparing planning considering open opposed
    committed responsible right wrong firm confident skeptical sceptical cautious careful adamant
    """
)
# Words after a copula that, followed by "to <verb>", make the subject the verb's agent ("Washington was
# expected to announce", "Moscow is set to respond"), unless the verb is one a place undergoes.
RAISING_WORDS = words("expected set poised due scheduled slated going about forced obliged pressured bound certain")
UNDERGOING_VERBS = words("be become remain see face experience host suffer receive get undergo stay witness")
# -ed words after a name that are not its verb ("Kyiv suffered" is still a place).
PLACE_ED_WORDS = frozenset({"suffered", "experienced", "witnessed", "based", "located", "situated"})
# Nouns after a possessive that make the place stand for its government ("Russia's invasion").
POSSESSIVE_ACTOR_NOUNS = words(
    """
    invasion war forces force army military troops government ministry president leader leadership
    officials ally allies claim claims decision offensive attack attacks aggression operation defense
    defence foreign security intelligence special regime authorities position stance policy demands
    request response support backing embassy ambassador envoy delegation prime parliament navy air
    armed strategy goals goal plans plan intention intentions threat threats actions moves move
    refusal denial accusations demand campaign annexation occupation mobilization mobilisation
    partners partner counteroffensive counter-offensive missile missiles drones bombardment
    interests interest terms conditions proposal proposals diplomats diplomacy negotiators withdrawal
    economy isolation leaders officials envoy representatives announcement decision propaganda narrative
    rhetoric
    retreat advance advances shelling strikes recognition sovereignty commander commander-in-chief
    efforts effort bid attempt attempts ambitions aims objectives aim media state arsenal weapons
    atrocities crimes brutality defeat victory losses concerns minister ministers regulator broadcaster
    chancellor premier king queen
    """
)
# How many words of a noun compound after a possessive are read for its head ("health minister").
COMPOUND_TOKENS = 3
# Nouns right after a name that make it stand for its government ("increasing Moscow involvement").
ATTRIBUTIVE_ACTOR_NOUNS = words(
    """
    involvement pressure government officials authorities leadership regime backing support policy
    ally allies envoy delegation negotiators administration leaders leader diplomats ministry spokesman
    spokeswoman spokesperson president prime defense defence intelligence embassy ambassador lawmakers
    officials announcement decision sanctions aid military forces troops army navy secretary minister
    chancellor premier program programme desk hawks
    """
)


class Tokens:
    """A document's tokens as plain lists: their texts (sliced from the text once per document and
    shared with the actor finder) and offsets. The checks below index these lists and call string
    methods, which give what spaCy's lexeme flags give (``is_title`` is ``str.istitle``, ``is_stop``
    the lowercased word in ``STOP_WORDS``), instead of creating a spaCy ``Token`` per look."""

    __slots__ = ("doc", "lengths", "n", "starts", "text", "texts")

    def __init__(self, parsed: Parsed) -> None:
        self.doc = parsed.doc
        self.text = parsed.document.text
        self.texts = token_texts(parsed)
        self.starts, self.lengths = self.texts.starts, self.texts.lengths
        self.n = len(self.texts)

    def end_char(self, i: int) -> int:
        """The offset just past token ``i``."""
        return self.starts[i] + self.lengths[i]

    def has_space(self, i: int) -> bool:
        """Whether whitespace follows token ``i`` (spaCy's ``whitespace_``): a gap before the next token."""
        return self.end_char(i) < (self.starts[i + 1] if i + 1 < self.n else len(self.text))

    def is_sent_start(self, i: int) -> bool:
        """Whether token ``i`` opens a sentence (rarely asked: read from the ``Doc``)."""
        return bool(self.doc[i].is_sent_start)


# How many words before a name the checks read (at most).
BEFORE_WORDS = 4


@dataclass(slots=True)
class Match:
    """A gazetteer name found in the text: tokens ``start:end``, characters ``start_char:end_char``,
    its text and its candidate places, with what the checks read around it, found once: the first
    non-space token after it (``after``) and the ``BEFORE_WORDS`` non-space words before it."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    candidates: tuple[Candidate, ...]
    after: int | None
    before: tuple[str, ...]


def words_before(tokens: Tokens, start: int, n: int) -> tuple[str, ...]:
    """The texts of the ``n`` non-space tokens before token ``start`` (fewer at the document's start),
    as written: callers lowercase them where case does not matter."""
    texts = tokens.texts
    if start >= n:
        window = texts[start - n : start]
        if not any(map(str.isspace, window)):  # the usual case: no line break among them
            return tuple(window)
    out: list[str] = []
    i = start - 1
    while i >= 0 and len(out) < n:
        if not texts[i].isspace():
            out.append(texts[i])
        i -= 1
    out.reverse()
    return tuple(out)


def ends_with_any(words: Sequence[str], patterns: frozenset[tuple[str, ...]], *, lower: bool = True) -> bool:
    """Whether ``words`` end with one of ``patterns`` (tuples of one or two words)."""
    if not words:
        return False
    last = words[-1].lower() if lower else words[-1]
    if (last,) in patterns:
        return True
    return len(words) > 1 and ((words[-2].lower() if lower else words[-2]), last) in patterns


def all_cities(candidates: Sequence[Candidate]) -> bool:
    """Whether every candidate is a city (a loop rather than ``all()`` over a generator: it runs per match)."""
    for candidate in candidates:  # noqa: SIM110
        if candidate.place.kind != "city":
            return False
    return True


def next_token(tokens: Tokens, i: int) -> int | None:
    """Index of the first non-space token at or after ``i``."""
    texts, n = tokens.texts, tokens.n
    while i < n and texts[i].isspace():
        i += 1
    return i if i < n else None


def is_name_word(tokens: Tokens, i: int | None, gazetteer: Gazetteer) -> bool:
    """Whether token ``i`` is a capitalised word that is neither a place nor a word places take."""
    if i is None or i < 0 or i >= tokens.n:
        return False
    word = tokens.texts[i]
    return (
        word.istitle()
        and word.isalpha()
        and word.lower() not in STOP_WORDS
        and word not in PLACE_FOLLOWERS
        and not gazetteer.lookup(word)
        and not tokens.is_sent_start(i)
    )


def org_name_head(tokens: Tokens, i: int | None) -> str | None:
    """The head of the organisation name that starts at token ``i``, when one does: capitalised words
    (and "of", "for", "&" ...) up to an organisation or state-body noun ("International Film Festival",
    "Black Sea Fleet", "Centre for Economic Strategy")."""
    if i is None or not tokens.texts[i].istitle():
        return None
    for word in tokens.texts[i : i + ORG_NAME_TOKENS]:
        if word in ORG_HEADS or word in STATE_BODY_HEADS:
            return word
        if not ((word.istitle() or word.isupper()) and word.isalpha()) and word.lower() not in ORG_NAME_LINKS:
            return None
    return None


def is_shouted_word(tokens: Tokens, match: Match, after: int | None) -> bool:
    """Whether an all-capitals name is a word in a line set in capitals ("JOIN US ON TELEGRAM")."""
    if not match.text.isupper() or match.end - match.start != 1:
        return False
    neighbours = [tokens.texts[k] for k in (match.start - 1, after) if k is not None and k >= 0]
    return any(w.isupper() and w.isalpha() and w.lower() in STOP_WORDS for w in neighbours)


def is_not_place(tokens: Tokens, match: Match, gazetteer: Gazetteer) -> bool:
    """Whether a matched name is part of another name (outlet, organisation, street, river, team,
    a person named by a given name) or a word in a line set in capitals. A town's name joined to a
    person's is ``is_person_name``'s to find."""
    texts = tokens.texts
    after = match.after
    following = texts[after] if after is not None else ""
    if following in NOT_PLACE_NEXT or not MEDIA_HEADS.isdisjoint(texts[match.end : match.end + 3]):
        return True  # "Kyiv Post", "China Central Television"
    if is_shouted_word(tokens, match, after):
        return True
    possessive = after is not None and is_possessive(tokens, match, after)
    head = org_name_head(tokens, next_token(tokens, after + 1) if possessive and after is not None else after)
    if head in ORG_HEADS and not (possessive and head in STATE_BODY_HEADS):
        return True  # "Kyiv School of Economics", "Kyiv's Centre for ...", "the Black Sea Fleet"
    before = match.before[-2:]
    if ends_with_any(before, NOT_PLACE_PREVIOUS_SET, lower=False):
        return True
    if len(before) == 2 and before[1] == "for" and before[0].lower() in PORTFOLIO_TITLES:
        return True  # "the regional director for Europe"
    return match.text in GIVEN_NAMES and is_name_word(tokens, after, gazetteer)


def is_person_name(tokens: Tokens, match: Match, gazetteer: Gazetteer) -> bool:
    """Whether a town's name is part of a person's name: joined to another capitalised name
    ("Serhii Haidai", "Marsha Blackburn", "Kara-Murza")."""
    candidates = match.candidates
    if not all_cities(candidates):
        return False
    texts = tokens.texts
    after = match.after
    following = texts[after] if after is not None else ""
    if following == "-" and not tokens.has_space(match.end - 1) and is_name_word(tokens, match.end + 1, gazetteer):
        return True
    if len(candidates) == 1:
        population, theatre = candidates[0].place.population, candidates[0].place.country_code in THEATRE
    else:
        population = max(c.place.population for c in candidates)
        theatre = any(c.place.country_code in THEATRE for c in candidates)
    following_limit = PERSON_NAME_POPULATION["following"][0 if theatre else 1]
    previous_limit = PERSON_NAME_POPULATION["previous"][0 if theatre else 1]
    previous = match.start - 1
    return (population < following_limit and is_name_word(tokens, after, gazetteer)) or (
        population < previous_limit
        and not tokens.is_sent_start(match.start)
        and is_name_word(tokens, previous, gazetteer)
        and texts[previous] not in PLACE_MODIFIERS
        and tokens.has_space(previous)
    )


def dateline_spans(tokens: Tokens, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """The tokens (``(start, end)`` pairs) of capitalised place names in a dateline opening the text
    ("KYIV and LONDON --", "MINSK, 26 February")."""
    texts = tokens.texts
    head = [k for k in range(min(DATELINE_TOKENS, tokens.n)) if not texts[k].isspace()]
    end = next((j for j, k in enumerate(head) if texts[k] in DATELINE_SEPARATORS), None)
    if end is None:
        return []
    return [
        (k, k + 1)
        for k in head[:end]
        if texts[k].isupper() and texts[k].isalpha() and len(texts[k]) > 2 and gazetteer.lookup(texts[k].title())
    ]


def longest_spans(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spacy.util.filter_spans`` on ``(start, end)`` pairs: where spans overlap the (first) longest
    is kept; in text order."""
    if all(spans[k][1] <= spans[k + 1][0] for k in range(len(spans) - 1)):
        return list(spans)  # already in text order, none overlapping (the usual case)
    kept: list[tuple[int, int]] = []
    seen: set[int] = set()
    for start, end in sorted(spans, key=lambda s: (s[1] - s[0], -s[0]), reverse=True):
        if start not in seen and end - 1 not in seen:
            kept.append((start, end))
            seen.update(range(start, end))
    kept.sort()
    return kept


def find_matches(tokens: Tokens, gazetteer: Gazetteer) -> list[Match]:
    """Gazetteer names in the text, longest first where they overlap."""
    spans = [(start, end) for _, start, end in gazetteer.matcher(tokens.doc)]
    spans.extend(dateline_spans(tokens, gazetteer))
    matches = []
    people: set[str] = set()  # town names read as a person's earlier in the document ("Sergei Orlov")
    for start, end in longest_spans(spans):
        start_char, end_char = tokens.starts[start], tokens.starts[end - 1] + tokens.lengths[end - 1]
        text = tokens.text[start_char:end_char]
        candidates = gazetteer.lookup(text) or gazetteer.lookup(text.title())
        if not candidates:
            continue
        if text in people and all_cities(candidates):
            continue  # "Orlov added", after "Sergei Orlov said"
        after, before = next_token(tokens, end), words_before(tokens, start, BEFORE_WORDS)
        match = Match(start, end, start_char, end_char, text, candidates, after, before)
        if is_person_name(tokens, match, gazetteer):
            people.add(text)
        elif not is_not_place(tokens, match, gazetteer):
            matches.append(match)
    return matches


def context_countries(matches: Sequence[Match]) -> frozenset[str]:
    """Countries the document names, and countries of names that have only one candidate."""
    codes = set()
    for match in matches:
        candidates = match.candidates
        if len(candidates) == 1:
            codes.add(candidates[0].place.country_code)
        elif any(c.place.kind == "country" for c in candidates):
            best = max(candidates, key=lambda c: (c.place.kind == "country", c.place.population))
            codes.add(best.place.country_code)
    codes.discard("")
    return frozenset(codes)


def context_regions(matches: Sequence[Match]) -> frozenset[str]:
    """Regions (oblasts) the document names, and the regions of names that have only one candidate."""
    names = set()
    for match in matches:
        for candidate in match.candidates:
            if candidate.place.kind == "region" or (len(match.candidates) == 1 and candidate.place.kind == "city"):
                names.add(candidate.place.admin1)
    names.discard("")
    return frozenset(names)


def candidate_score(candidate: Candidate, countries: frozenset[str], regions: frozenset[str] = frozenset()) -> float:
    place = candidate.place
    return (
        math.log10(place.population + 1)
        + KIND_WEIGHT.get(place.kind, 0.0)
        + PRIMARY_WEIGHT * candidate.primary
        + THEATRE_WEIGHT * (place.country_code in THEATRE)
        + CONTEXT_WEIGHT * (place.country_code in countries)
        + ADMIN1_CONTEXT_WEIGHT * (place.kind == "city" and place.admin1 in regions)
    )


def resolve(candidates: Sequence[Candidate], countries: frozenset[str], regions: frozenset[str] = frozenset()) -> Place:
    """The candidate the name most likely stands for: its own name over an alternate, the more
    populous, the one in the theatre, in a country the document names, in a region (oblast) it names
    or that holds another of its places."""
    if len(candidates) == 1:  # most names: nothing to weigh
        return candidates[0].place
    return max(candidates, key=lambda c: (candidate_score(c, countries, regions), -(c.place.geonameid or 0))).place


def verb_role(tokens: Tokens, i: int | None, *, country: bool = False) -> str | None:
    """The role given by the words after a name (from token ``i`` on): ``actor`` when they are
    a verb the name is subject of, ``place`` when they say it is not, ``None`` when undecided.
    After a copula a country is its government unless a passive follows ("Russia is a threat",
    "Ukraine was invaded"); a city is a place unless an attitude follows ("Moscow was wary")."""
    texts = tokens.texts
    while i is not None and is_adverb(texts[i]):
        i = next_token(tokens, i + 1)
    if i is None:
        return None
    written = texts[i]
    word = written.lower()
    if word in ACTOR_VERBS or (is_progressive(word) and written.islower()):
        return "actor"  # "Kyiv says", "Belarus joining the war"
    if word in COPULAS or word in AUXILIARIES:
        j = next_token(tokens, i + 1)
        while j is not None and is_adverb(texts[j]):
            j = next_token(tokens, j + 1)
        following = texts[j].lower() if j is not None else ""
        if following in {"been", "be"}:
            j = next_token(tokens, j + 1) if j is not None else None
            following = texts[j].lower() if j is not None else ""
        elif word not in COPULAS:
            return "actor"  # "Russia has denied", "Ukraine does not claim"
        if following in ATTITUDE_WORDS or is_progressive(following) or is_raising(tokens, j):
            return "actor"
        return "actor" if country and not is_participle(following) else "place"
    if word.endswith("ed") and word.isalpha() and word not in PLACE_ED_WORDS and written.islower():
        return "actor"
    return None


def is_raising(tokens: Tokens, j: int | None) -> bool:
    """Whether token ``j`` opens "expected/set/poised to <verb>" with a verb the subject does
    ("was expected to announce"), not one it undergoes ("is expected to see fighting")."""
    texts = tokens.texts
    if j is None or texts[j].lower() not in RAISING_WORDS:
        return False
    to = next_token(tokens, j + 1)
    verb = next_token(tokens, to + 1) if to is not None and texts[to].lower() == "to" else None
    if verb is None:
        return False
    word = texts[verb]
    return word.isalpha() and word.islower() and word.lower() not in UNDERGOING_VERBS


def is_participle(word: str) -> bool:
    return word.endswith(("ed", "en")) or word in IRREGULAR_PARTICIPLES


def is_adverb(word: str) -> bool:
    """Adverbs skipped between a subject and its verb ("China actively supported")."""
    return word.lower() in ADVERBS or (word.islower() and word.endswith("ly") and len(word) > 4)


def is_progressive(word: str) -> bool:
    return word.endswith("ing") and word != "being" and len(word) > 4


def is_possessive(tokens: Tokens, match: Match, i: int) -> bool:
    """Whether token ``i`` right after a name is its possessive ending ("Russia's", "Belarus'")."""
    word = tokens.texts[i]
    if word in {"'s", "’s"}:
        return True
    return word in {"'", "’"} and match.text.endswith("s") and not tokens.has_space(match.end - 1)


def possessive_role(tokens: Tokens, i: int) -> str:
    """The role of a name followed by its possessive ending (token ``i``): "Russia's invasion" and
    "Russia's Black Sea Fleet" are the state's, "Ukraine's east" and "Ukraine's state-owned railway"
    the place's. Adjectives and hyphenated compounds before the noun are skipped, and the noun may
    head a compound ("Ukraine's health minister")."""
    texts = tokens.texts
    noun = next_token(tokens, i + 1)
    if org_name_head(tokens, noun) in STATE_BODY_HEADS:
        return "actor"
    while noun is not None:
        if is_quote(texts[noun]) or texts[noun].lower() in POSSESSIVE_MODIFIERS:
            noun = next_token(tokens, noun + 1)
        elif noun + 2 < tokens.n and texts[noun + 1] == "-" and not tokens.has_space(noun):
            noun = next_token(tokens, noun + 2)  # "state-owned", "Russian-speaking"
            noun = next_token(tokens, noun + 1) if noun is not None else None
        else:
            break
    if noun is None:
        return "place"
    for k, word in enumerate(texts[noun : noun + COMPOUND_TOKENS]):
        if k > 0 and not (word.islower() and word.isalpha() and word.lower() not in STOP_WORDS):
            break
        if word.lower() in POSSESSIVE_ACTOR_NOUNS:
            return "actor"
    return "place"


def is_apposition_to_allies(tokens: Tokens, start: int) -> bool:
    """Whether a name is listed after "allies", "partners" ... ("its allies, primarily the United
    States", "NATO allies Poland and Lithuania")."""
    texts = tokens.texts
    i = start - 1
    while i >= 0 and start - i <= 4 and (texts[i].isspace() or texts[i].lower() in APPOSITION_LINKS):
        i -= 1
    return i >= 0 and texts[i].lower() in ALLY_NOUNS


def is_formal_state_name(tokens: Tokens, match: Match, place: Place) -> bool:
    """Whether a country is named by its formal name ("Russian Federation", "Republic of Belarus")."""
    return (
        place.kind == "country"
        and match.end - match.start > 1
        and match.text != place.name
        and any(w in FORMAL_STATE_WORDS for w in tokens.texts[match.start : match.end])
    )


# Prepositions before a state's formal name that make it the land ("in the Russian Federation").
FORMAL_STATE_LOCATIVE = LOCATIVE_PREVIOUS - {"of", "against", "by"}


def parse_role(tokens: Tokens, match: Match, place: Place, *, place_tokens: frozenset[int] = frozenset()) -> str:
    """``actor`` when the place stands for its government or people, else ``place``.
    ``place_tokens`` are the tokens of the document's other place names."""
    if place.kind not in ACTOR_KINDS or (place.kind == "area" and place.latitude is not None):
        return "place"  # regions, facilities, seas and rivers are never a government
    if place.name in ALWAYS_ACTOR:
        return "actor"
    texts = tokens.texts
    before = match.before[-3:]
    if before and before[-1].lower() in {"the", "a"}:
        before = before[:-1]
    i = match.after
    if i is not None and is_possessive(tokens, match, i):
        return possessive_role(tokens, i)
    if ends_with_any(before, ACTOR_PREVIOUS_SET):
        return "actor"
    if (
        place.kind in {"country", "area"}
        and ends_with_any(before, OPPONENT_PREVIOUS)
        and VIOLENCE_NOUNS.isdisjoint(match.before[-4:])
    ):
        return "actor"  # "a hard line against the West", but "the war against Ukraine" is the place
    if (
        place.kind == "country"
        and len(before) >= 2
        and before[-1] == "of"
        and (before[-2].lower() in TITLE_NOUNS or before[-2][:1].isupper())
    ):
        return "actor"  # "Vladimir V. Putin of Russia", "the president of Ukraine"
    if (
        place.kind == "country"
        and len(before) >= 2
        and before[-1].lower() in {"with", "between"}
        and before[-2].lower() in RELATION_NOUNS
    ):
        return "actor"  # "talks with Russia", "alliance with Russia"
    if place.kind == "country" and is_apposition_to_allies(tokens, match.start):
        return "actor"
    if i is not None and texts[i].lower() in ATTRIBUTIVE_ACTOR_NOUNS:
        return "actor"  # "increasing Moscow involvement", "the Kyiv government", "US President"
    if place.kind == "country" and org_name_head(tokens, i) in STATE_BODY_HEADS:
        return "actor"  # "UK Defence Intelligence"
    if (
        i is not None
        and texts[i] == "-"
        and not tokens.has_space(match.end - 1)
        and i + 1 < tokens.n
        and texts[i + 1].lower() in AGENT_COMPOUNDS
    ):
        return "actor"  # "Russia-backed separatists", "Moscow-installed officials"
    previous = before[-1].lower() if before else ""
    if is_formal_state_name(tokens, match, place):
        return "place" if previous in FORMAL_STATE_LOCATIVE else "actor"
    if previous in LOCATIVE_PREVIOUS or (is_progressive(previous) and previous not in CAUSATIVE_ING):
        return "place"  # "in Belarus", "people fleeing Mariupol" (but "letting Russia fire")
    if previous in NON_SUBJECT_PREVIOUS:
        return "place"  # "support for Ukraine has grown": the verb is not Ukraine's
    # Walk over a coordinated subject ("Kyiv and allies claim", "Russia and Belarus have signed",
    # "the United States and NATO have ignored").
    coordinated = False
    while i is not None and (
        texts[i] in SUBJECT_CHAIN
        or i in place_tokens
        or (coordinated and texts[i].isalpha() and not texts[i].islower())
    ):
        coordinated = coordinated or texts[i] in {"and", "or", "nor"}
        i = next_token(tokens, i + 1)
    return verb_role(tokens, i, country=place.kind == "country") or "place"


def qualifier_of(tokens: Tokens, match: Match, following: Match | None) -> Place | None:
    """The country or region a name is qualified by, as in "Brest, France" or "Kopany, Brest oblast"
    (a country is never qualified: "Japan, Canada" is a list)."""
    if following is None or following.start != match.end + 1 or tokens.texts[match.end] != ",":
        return None
    if any(c.place.kind == "country" for c in match.candidates):
        return None
    qualifier = max(following.candidates, key=lambda c: (c.place.kind in {"country", "region"}, c.primary)).place
    return qualifier if qualifier.kind in {"country", "region"} else None


def is_people_s_republics(tokens: Tokens, i: int) -> bool:
    """Whether the words from token ``i`` are "people's republics" or "republics" (any case)."""
    texts = tokens.texts
    if texts[i].lower() in REPUBLIC_WORDS:
        return True
    return (
        texts[i].lower() == "people"
        and i + 2 < tokens.n
        and texts[i + 1] in {"'s", "’s"}
        and texts[i + 2].lower() in REPUBLIC_WORDS
    )


def region_named(
    gazetteer: Gazetteer, tokens: Tokens, match: Match, place_tokens: frozenset[int]
) -> tuple[Candidate, ...]:
    """The region a bare name stands for, if the text says it is one: "the region of Luhansk",
    "the provinces of Donetsk and Luhansk", "the governor of Luhansk", "Luhansk Gov. Serhiy Haidai",
    "the Donetsk and Luhansk oblasts", "the Zaporizhzhia regional administration"; "the Donetsk and
    Luhansk people's republics" are the two republics."""
    republic, oblast = region_forms(gazetteer, match.text)
    if not republic and not oblast:
        return ()  # no words around can make the name a region the gazetteer holds
    texts = tokens.texts
    # walk back over a list of names ("the provinces of Donetsk and Luhansk")
    k = match.start - 1
    while k >= 0 and (texts[k].isspace() or texts[k] in {",", "and", "or"} or k in place_tokens):
        k -= 1
    before = words_before(tokens, k + 1, 2)
    is_region = len(before) == 2 and before[1].lower() == "of" and before[0].lower() in REGION_OF_NOUNS
    i = match.after
    if i is not None and texts[i].lower() in REGION_AFTER:
        is_region = True
    # a list of names sharing one plural head: "the Kyiv, Chernihiv and Sumy regions"
    while i is not None and (texts[i] in {",", "and"} or i in place_tokens):
        i = next_token(tokens, i + 1)
    if republic and i is not None and is_people_s_republics(tokens, i):
        return republic
    if i is not None and texts[i].lower() in PLURAL_REGION_NOUNS:
        is_region = True
    return oblast if is_region else ()


@cache
def region_forms(gazetteer: Gazetteer, name: str) -> tuple[tuple[Candidate, ...], tuple[Candidate, ...]]:
    """The regions "<name> People's Republic" and "<name> Oblast" stand for (empty when the gazetteer
    holds none), found once per name."""
    return (
        tuple(c for c in gazetteer.lookup(f"{name} People's Republic") if c.place.kind == "region"),
        tuple(c for c in gazetteer.lookup(f"{name} Oblast") if c.place.kind == "region"),
    )


def river_named(gazetteer: Gazetteer, tokens: Tokens, match: Match) -> tuple[Candidate, ...]:
    """The river a town's name stands for after "the" ("across the Dnipro", "the Desna's banks"):
    a town takes no article, a river does."""
    if match.start == 0 or tokens.texts[match.start - 1] != "the" or match.end - match.start != 1:
        return ()
    after = match.after
    if after is not None and (tokens.texts[after].istitle() or tokens.texts[after].lower() in TOWN_NOUNS):
        return ()  # "the Dnipro city council"
    return river_form(gazetteer, match.text)


@cache
def river_form(gazetteer: Gazetteer, name: str) -> tuple[Candidate, ...]:
    """The rivers "<name> River" stands for, found once per name."""
    return tuple(c for c in gazetteer.lookup(f"{name} River") if c.place.kind == "area")


def town_named(tokens: Tokens, match: Match) -> tuple[Candidate, ...]:
    """The town among a name's candidates when the text places something by it or calls it a town
    ("north of Chernobyl", "the town of Chernobyl"), rather than the facility named after it."""
    before = match.before[-2:]
    if len(before) == 2 and before[1].lower() == "of" and before[0].lower() in TOWN_OF_WORDS:
        return tuple(c for c in match.candidates if c.place.kind == "city")
    return ()


def resolve_match(
    tokens: Tokens,
    match: Match,
    following: Match | None,
    countries: frozenset[str],
    gazetteer: Gazetteer,
    place_tokens: frozenset[int] = frozenset(),
    regions: frozenset[str] = frozenset(),
) -> Place | None:
    """The place a matched name stands for, or ``None`` when the text says it is a place the
    gazetteer does not hold (a village qualified by a region of another country)."""
    candidates = (
        region_named(gazetteer, tokens, match, place_tokens)
        or river_named(gazetteer, tokens, match)
        or town_named(tokens, match)
        or match.candidates
    )
    qualifier = qualifier_of(tokens, match, following)
    if qualifier is not None and qualifier.country_code:
        inside = [c for c in candidates if c.place.country_code == qualifier.country_code]
        if not inside:
            return None
        candidates = inside
    return resolve(candidates, countries, regions)


def is_conjunct(tokens: Tokens, match: Match, previous: PlaceMention) -> bool:
    """Whether a name is coordinated with the previous place name ("Kyiv, Chernihiv and Sumy")."""
    texts = tokens.texts
    i = match.start - 1
    separators = set()
    while i >= 0 and (texts[i] in {"and", "or", ",", "the"} or texts[i].isspace()):
        separators.add(texts[i])
        i -= 1
    if i < 0 or tokens.end_char(i) != previous.end:
        return False
    after = match.after
    # "Kyiv, Chernihiv and Sumy" but not "..., Ukraine's military said"
    return bool(separators & {"and", "or"}) or (after is not None and texts[after] in {",", "and", "or"})


def find_places(parsed: Parsed, *, gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """Every place name in the document, resolved, with its role and distance to the border."""
    gazetteer = gazetteer or get_gazetteer()
    tokens = Tokens(parsed)
    matches = find_matches(tokens, gazetteer)
    countries = context_countries(matches)
    regions = context_regions(matches)
    place_tokens = frozenset(i for m in matches for i in range(m.start, m.end))
    mentions: list[PlaceMention] = []
    for index, match in enumerate(matches):
        following = matches[index + 1] if index + 1 < len(matches) else None
        place = resolve_match(tokens, match, following, countries, gazetteer, place_tokens, regions)
        if place is None:
            continue
        role = parse_role(tokens, match, place, place_tokens=place_tokens)
        if mentions and place.kind in ACTOR_KINDS and is_conjunct(tokens, match, mentions[-1]):
            role = mentions[-1].role  # "Bulgaria, North Macedonia and Montenegro had closed ..."
        has_point = place.latitude is not None and place.longitude is not None
        mentions.append(
            PlaceMention(
                sentence=parsed.sentences[sentence_index(parsed, match.start_char)].index,
                start=match.start_char,
                end=match.end_char,
                mention=match.text,
                name=place.name,
                kind=place.kind,
                country_code=place.country_code,
                admin1=place.admin1,
                latitude=place.latitude,
                longitude=place.longitude,
                role=role,
                border_distance_km=border_distance_km(place.latitude, place.longitude) if has_point else None,
                geonameid=place.geonameid,
            )
        )
    return mentions


def location_rows(parsed: Parsed) -> list[dict]:
    """Rows of the ``locations`` table, one per place mention."""
    document = parsed.document
    places = parsed.places or find_places(parsed)
    return [
        {
            "mention_id": row_id("loc", document.doc_id, m.start, m.end, m.name),
            "doc_id": document.doc_id,
            "sentence_id": parsed.sentences[m.sentence].sentence_id,
            "start": m.start,
            "end": m.end,
            "mention": m.mention,
            "name": m.name,
            "kind": m.kind,
            "country_code": m.country_code or None,
            "admin1": m.admin1 or None,
            "latitude": m.latitude,
            "longitude": m.longitude,
            "role": m.role,
            "border_distance_km": m.border_distance_km,
            "geonameid": m.geonameid,
        }
        for m in places
    ]
