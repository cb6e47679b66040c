"""The places extractor: toponyms found, resolved, given a role, and measured to the border."""

from __future__ import annotations

import pytest
from geopy.distance import great_circle

from lib.extract.places import find_places, location_rows
from lib.ingest import load_document
from lib.mentions import Parsed
from lib.nlp import get_nlp
from lib.pipeline import sentences_of


def places_of(make_parsed, text: str) -> list:
    return find_places(make_parsed(text))


def by_mention(mentions: list, mention: str):
    found = [m for m in mentions if m.mention == mention]
    assert found, f"{mention!r} not found in {[m.mention for m in mentions]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "mention", "name", "country_code"),
    [
        ("Shelling hit Kiev overnight.", "Kiev", "Kyiv", "UA"),
        ("Shelling hit Kharkov overnight.", "Kharkov", "Kharkiv", "UA"),
        ("Troops gathered near Gomel.", "Gomel", "Homel", "BY"),
        ("Troops gathered near Homyel.", "Homyel", "Homel", "BY"),
        ("Ships left Odessa on Monday.", "Odessa", "Odesa", "UA"),
        ("A missile struck Nikolaev.", "Nikolaev", "Mykolaiv", "UA"),
        ("Refugees reached Lvov.", "Lvov", "Lviv", "UA"),
        ("Power was cut in Zaporozhye.", "Zaporozhye", "Zaporizhzhia", "UA"),
        ("Troops withdrew from Chernigov.", "Chernigov", "Chernihiv", "UA"),
        ("Talks were held in Brest.", "Brest", "Brest", "BY"),
        ("An airfield near Mozyr was busy.", "Mozyr", "Mazyr", "BY"),
        ("Protests in Grodno grew.", "Grodno", "Hrodna", "BY"),
        ("Trains ran to Vitebsk.", "Vitebsk", "Vitebsk", "BY"),
        ("Trains ran to Mogilev.", "Mogilev", "Mogilev", "BY"),
        ("Fighting raged around Artemivsk.", "Artemivsk", "Bakhmut", "UA"),
        ("Fighting raged around Bakhmut.", "Bakhmut", "Bakhmut", "UA"),
        ("Sirens sounded in Dnepropetrovsk.", "Dnepropetrovsk", "Dnipro", "UA"),
        ("He flew to St. Petersburg.", "St. Petersburg", "Saint Petersburg", "RU"),
        ("Shelling continued in Pokrovsk.", "Pokrovsk", "Pokrovsk", "UA"),
        ("Aid arrived from America.", "America", "United States", "US"),
        ("Aid arrived from the U.S. yesterday.", "U.S.", "United States", "US"),
        ("Aid arrived from Britain.", "Britain", "United Kingdom", "GB"),
        ("Fighters came from Chechnya.", "Chechnya", "Chechnya", "RU"),
        ("Polls closed in South Carolina.", "South Carolina", "South Carolina", "US"),
        ("The drone hit Kashan Airfield.", "Kashan", "Kashan", "IR"),
    ],
)
def test_transliterations_and_aliases_resolve(make_parsed, text, mention, name, country_code):
    found = by_mention(places_of(make_parsed, text), mention)
    assert (found.name, found.country_code) == (name, country_code)
    assert found.latitude is not None and found.border_distance_km is not None


@pytest.mark.parametrize(
    ("text", "mention", "name", "kind"),
    [
        ("Shelling in the Kharkiv region went on.", "Kharkiv region", "Kharkiv Oblast", "region"),
        ("Villages in Luhansk Oblast were hit.", "Luhansk Oblast", "Luhansk Oblast", "region"),
        ("Russia annexed Crimea in 2014.", "Crimea", "Crimea", "region"),
        ("Battles in the Donbass went on.", "Donbass", "Donbas", "region"),
        (
            "The Donetsk People's Republic held a vote.",
            "Donetsk People's Republic",
            "Donetsk People's Republic",
            "region",
        ),
        (
            "Inspectors visited the Zaporizhzhia nuclear power plant.",
            "Zaporizhzhia nuclear power plant",
            "Zaporizhzhia nuclear power plant",
            "facility",
        ),
        ("Troops left Chernobyl in March.", "Chernobyl", "Chornobyl nuclear power plant", "facility"),
        ("Drones hit the Engels air base.", "Engels air base", "Engels air base", "facility"),
        ("Jets were seen at Machulishchy airfield.", "Machulishchy airfield", "Machulishchy airfield", "facility"),
        ("Defenders held out in Azovstal for weeks.", "Azovstal", "Azovstal", "facility"),
        ("Paratroopers landed at Antonov Airport.", "Antonov Airport", "Antonov Airport (Hostomel)", "facility"),
    ],
)
def test_regions_and_facilities_take_the_longest_name(make_parsed, text, mention, name, kind):
    found = by_mention(places_of(make_parsed, text), mention)
    assert (found.name, found.kind) == (name, kind)
    assert found.latitude is not None


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian forces pushed forward.",  # a demonym is a side, not a place
        "Russian troops crossed the line.",
        "Western diplomats were skeptical.",
        "Life on Earth goes on.",
        "The Human Rights Office released a report.",
        "The bar was closed and the police came.",
        "Best of all, the sale went on at the reading room.",
        "The Kyiv Post and the Kyiv Independent reported it.",
        "The Voice of America broadcast it.",
        "Serhii Haidai, the governor, spoke.",
        "Lukashenko met Putin.",
        "Rochan Consulting told Reuters and BelTA.",
        "The White House said nothing.",
        "Dynamo Kyiv won the match.",
        "Sen. Marsha Blackburn met him.",  # a surname that is also an English town
        "Vladimir Kara-Murza was arrested.",
        "House Speaker Nancy Pelosi spoke.",
        "The killing of George Floyd was recalled.",
        "The cruiser Moskva sank.",
        "Military expert Oleh Zhdanov said so.",
        "The Council of Europe voted.",
        "A member of United Russia spoke.",
        "China Central Television reported it.",  # an old name of Mariupol, and a surname
    ],
)
def test_non_places_yield_no_coordinates(make_parsed, text):
    assert [m.mention for m in places_of(make_parsed, text) if m.latitude is not None] == []


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Ukraine's close ties to the West were cited.", "the West"),
        ("Peace in Europe was shattered.", "Europe"),
        ("Tensions rose across the Baltics.", "the Baltics"),
    ],
)
def test_political_areas_have_no_coordinates(make_parsed, text, mention):
    found = by_mention(places_of(make_parsed, text), mention)
    assert found.kind == "area"
    assert (found.latitude, found.longitude, found.border_distance_km) == (None, None, None)


@pytest.mark.parametrize(
    ("text", "mention", "name", "point"),
    [
        ("A ship sank in the Black Sea.", "Black Sea", "Black Sea", (44.0, 35.0)),
        ("Drills were held in the Sea of Azov.", "Sea of Azov", "Sea of Azov", (46.0, 37.0)),
        ("Cruise missiles were fired from the Caspian.", "Caspian", "Caspian Sea", (41.67, 50.67)),
        ("The convoy crossed the Mediterranean.", "Mediterranean", "Mediterranean Sea", (35.0, 18.0)),
        ("Exercises began in the East China Sea.", "East China Sea", "East China Sea", (29.0, 125.0)),
        ("Troops crossed the Pripyat River.", "Pripyat River", "Pripyat River", (51.15, 30.5)),
        ("Fighting raged along the Siverskyi Donets.", "Siverskyi Donets", "Siverskyi Donets River", (48.95, 37.9)),
        ("Boats crossed the Dnipro River.", "Dnipro River", "Dnipro River", (46.5, 32.3)),
        ("Leaders met in the Bavarian Alps.", "Bavarian Alps", "Bavarian Alps", (47.5, 11.1)),
        # a town's name after "the" is its river ...
        ("Boats crossed the Dnipro near Kherson.", "Dnipro", "Dnipro River", (46.5, 32.3)),
        ("Shelling on the Desna's banks went on.", "Desna", "Desna River", (50.53, 30.55)),
    ],
)
def test_seas_rivers_and_ranges_have_a_representative_point(make_parsed, text, mention, name, point):
    found = by_mention(places_of(make_parsed, text), mention)
    assert (found.name, found.kind, found.role) == (name, "area", "place")
    assert great_circle(point, (found.latitude, found.longitude)).km < 5
    assert found.border_distance_km is not None


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        # ... but not after "in", nor before a noun that keeps it the town
        ("Sirens sounded in Dnipro.", "Dnipro", "Dnipro"),
        ("The Dnipro city council met.", "Dnipro", "Dnipro"),
        ("Desna was shelled.", "Desna", "Desna"),
    ],
)
def test_a_town_stays_a_town_without_the_article(make_parsed, text, mention, name):
    found = by_mention(places_of(make_parsed, text), mention)
    assert (found.name, found.kind) == (name, "city")


@pytest.mark.parametrize(
    "text",
    [
        "Russia's Black Sea Fleet lost a ship.",  # a sea in a fleet's name
        "The Odessa International Film Festival said so.",  # a town in an organisation's name
        "A researcher at Kyiv's Centre for Economic Strategy said so.",
        "Students of the Kyiv School of Economics left.",
        "JOIN US ON TELEGRAM!",  # a word in a line set in capitals
        "The regional director for Europe spoke.",  # a title's portfolio
    ],
)
def test_names_inside_organisations_and_titles_are_not_places(make_parsed, text):
    found = [m for m in places_of(make_parsed, text) if m.role == "place"]
    assert [m.mention for m in found if m.name not in {"Russia"}] == []


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("Troops came from the US on Monday.", "US", "United States"),  # not shouted
        ("The Kyiv region was shelled.", "Kyiv region", "Kyiv Oblast"),
        ("Fighting near the Black Sea coast went on.", "Black Sea", "Black Sea"),
    ],
)
def test_names_next_to_ordinary_words_stay_places(make_parsed, text, mention, expected):
    assert by_mention(places_of(make_parsed, text), mention).name == expected


@pytest.mark.parametrize(
    ("text", "mention", "role"),
    [
        ("Moscow was wary to provoke opposition.", "Moscow", "actor"),
        ("Kyiv and allies claim that the war is illegal.", "Kyiv", "actor"),
        ("Kyiv says the attack failed.", "Kyiv", "actor"),
        ("Minsk denied the report.", "Minsk", "actor"),
        ("Washington announced new aid.", "Washington", "actor"),
        ("Russia has denied targeting civilians.", "Russia", "actor"),
        ("Ukraine does not claim responsibility.", "Ukraine", "actor"),
        ("According to Ukraine, thousands of soldiers arrived.", "Ukraine", "actor"),
        ("Belarus has been planning to enter the war.", "Belarus", "actor"),
        ("It condemned Russia's invasion.", "Russia", "actor"),
        ("The U.S. warned Moscow against escalation.", "Moscow", "actor"),
        ("He made an unannounced flight to Minsk on Saturday.", "Minsk", "place"),
        ("Troops are stationed in Belarus.", "Belarus", "place"),
        ("Minsk residents said nothing was unusual.", "Minsk", "place"),
        ("Kyiv was hit by missiles overnight.", "Kyiv", "place"),
        ("Fighting in Ukraine's east went on.", "Ukraine", "place"),
        ("Shelling in the Kharkiv region killed two.", "Kharkiv region", "place"),
        ("People fleeing Mariupol have described the siege.", "Mariupol", "place"),
        ("It risked letting Russia fire missiles from there.", "Russia", "actor"),
        ("Russia and Belarus have signed a deal.", "Belarus", "actor"),
        ("Shells hit Kyiv, Chernihiv and Sumy overnight.", "Sumy", "place"),
        ("Recent weeks saw increasing Moscow involvement.", "Moscow", "actor"),
        ("Belarus' support for the invasion grew.", "Belarus", "actor"),
        ("Vladimir Putin of Russia met Xi.", "Russia", "actor"),
        ("Minsk sought closer talks with Russia.", "Russia", "actor"),
        ("Russia-backed separatists held the town.", "Russia", "actor"),
        ("Russia began sending troops.", "Russia", "actor"),
        ("Russia and China are not formal allies.", "China", "actor"),
        ("Kyiv was hit by missiles.", "Kyiv", "place"),
        ("Ukraine was invaded in February.", "Ukraine", "place"),
        ("Nothing like it since the collapse of the USSR.", "USSR", "actor"),
    ],
)
def test_role_is_actor_when_the_place_stands_for_its_government(make_parsed, text, mention, role):
    assert by_mention(places_of(make_parsed, text), mention).role == role


@pytest.mark.parametrize(
    ("text", "mention", "role"),
    [
        # subject raised by "expected/set/poised to <verb>"
        ("Washington was expected to announce new aid.", "Washington", "actor"),
        ("Moscow is set to respond to the sanctions.", "Moscow", "actor"),
        ("Kyiv is expected to see heavy fighting.", "Kyiv", "place"),
        ("Kyiv was expected to be hit again.", "Kyiv", "place"),
        # title nouns in the plural, and the rest of the list
        ("The leaders of Japan, Canada and Italy met.", "Japan", "actor"),
        ("The leaders of Japan, Canada and Italy met.", "Canada", "actor"),
        ("The leaders of Japan, Canada and Italy met.", "Italy", "actor"),
        ("Tourists from Japan, Canada and Italy came.", "Canada", "place"),
        # solidarity, sides and stances
        ("Germany expressed solidarity with Finland and Sweden.", "Finland", "actor"),
        ("Germany expressed solidarity with Finland and Sweden.", "Sweden", "actor"),
        ("Hungary sided with Russia on the vote.", "Russia", "actor"),
        ("Kyiv and Moscow agreed to a prisoner swap.", "Moscow", "actor"),
        ("Talks between Russia and Ukraine stalled.", "Ukraine", "actor"),
        ("New sanctions imposed by Britain took effect.", "Britain", "actor"),
        ("China reported record trade.", "China", "actor"),
        ("The war is taking a heavy toll on Russia.", "Russia", "actor"),
        ("It declared an economic blockade of Belarus.", "Belarus", "actor"),
        ("He took a hard line against Ukraine.", "Ukraine", "actor"),
        ("He took a hard line against Ukraine and its allies, primarily the United States.", "United States", "actor"),
        ("NATO allies Poland and Lithuania objected.", "Poland", "actor"),
        ("Troops moved to Poland and Lithuania.", "Poland", "place"),
        # a country after violence against it is the place attacked
        ("It condemned the war of aggression against Ukraine.", "Ukraine", "place"),
        ("Missile strikes against Ukraine went on.", "Ukraine", "place"),
        ("Missile strikes against Kyiv went on.", "Kyiv", "place"),
        # names in titles, hyphenated stances and formal names
        ("US President Joe Biden spoke.", "US", "actor"),
        ("UK military intelligence said the attack failed.", "UK", "actor"),
        ("UK Defence Intelligence said so.", "UK", "actor"),
        ("Pro-Moscow separatists fired.", "Moscow", "actor"),
        ("Anti-Kyiv protests were staged.", "Kyiv", "actor"),
        ("The Russian Federation will be considered an aggressor.", "Russian Federation", "actor"),
        ("Refugees fled to the Russian Federation.", "Russian Federation", "place"),
        ("Russia will be considered an aggressor.", "Russia", "place"),
        # possessives: state bodies, adjectives and compounds before the noun
        ("Russia's Black Sea Fleet lost a ship.", "Russia", "actor"),
        ("Belarus is seen as Russia's key ally.", "Russia", "actor"),
        ("Beijing backed Moscow's efforts to skirt sanctions.", "Moscow", "actor"),
        ("It was run by Ukraine's state-owned railway company.", "Ukraine", "place"),
        ("According to Ukraine's state-owned railway company, trains ran.", "Ukraine", "place"),
        ("Fighting in Ukraine's eastern regions went on.", "Ukraine", "place"),
        # a possessive before a noun compound, and coordinated subjects that are organisations
        ("Ukraine's health minister reported it.", "Ukraine", "actor"),
        ("Ukraine's energy grid was hit.", "Ukraine", "place"),
        ("Germany's chancellor arrived.", "Germany", "actor"),
        ("The West continues to supply Ukraine with rockets.", "Ukraine", "actor"),
        ("Biden negotiated with Russia for her release.", "Russia", "actor"),
        ("The country's ambassador to Berlin spoke.", "Berlin", "actor"),
        ("The country's trains to Berlin ran.", "Berlin", "place"),
        ("The United States and NATO have ignored the request.", "United States", "actor"),
        ("China supports Russia and Ukraine in talks.", "Russia", "actor"),
        ("Ukraine hit back at Russia on Monday.", "Russia", "actor"),
        # an object of a preposition is not the next verb's subject
        ("Support for Ukraine has grown.", "Ukraine", "place"),
        ("Support for Ukraine has grown in Poland.", "Poland", "place"),
        ("Poland has grown closer to Kyiv.", "Poland", "actor"),
    ],
)
def test_more_constructions_where_a_place_stands_for_its_government(make_parsed, text, mention, role):
    assert by_mention(places_of(make_parsed, text), mention).role == role


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        # a bare oblast name is the oblast after a governor or in a list of provinces
        ("The governor of Luhansk said shelling continued.", "Luhansk", ("Luhansk Oblast", "region")),
        ("Luhansk Gov. Serhiy Haidai said so.", "Luhansk", ("Luhansk Oblast", "region")),
        ("The Kharkiv governor spoke.", "Kharkiv", ("Kharkiv Oblast", "region")),
        ("Fighting raged in the provinces of Donetsk and Luhansk.", "Donetsk", ("Donetsk Oblast", "region")),
        ("Fighting raged in the provinces of Donetsk and Luhansk.", "Luhansk", ("Luhansk Oblast", "region")),
        ("Troops advanced in the Donetsk and Luhansk regions.", "Luhansk", ("Luhansk Oblast", "region")),
        (
            "Moscow recognised the Donetsk and Luhansk People's Republics.",
            "Donetsk",
            ("Donetsk People's Republic", "region"),
        ),
        ("The mayor of Luhansk spoke.", "Luhansk", ("Luhansk", "city")),
        ("Shelling hit Donetsk and Luhansk.", "Luhansk", ("Luhansk", "city")),
        # a facility's namesake town when something lies by it
        ("The village lies north of Chernobyl.", "Chernobyl", ("Chornobyl", "city")),
        ("Residents of the town of Chernobyl left.", "Chernobyl", ("Chornobyl", "city")),
        ("Troops left Chernobyl in March.", "Chernobyl", ("Chornobyl nuclear power plant", "facility")),
        # other romanisations of Ukrainian names
        ("Shelling hit Zaporizhzhiya overnight.", "Zaporizhzhiya", ("Zaporizhzhia", "city")),
        ("Shelling hit Kostyantynivka overnight.", "Kostyantynivka", ("Kostiantynivka", "city")),
        ("Sirens sounded in Kryvyy Rih.", "Kryvyy Rih", ("Kryvyi Rih", "city")),
        ("Power was cut in the Zaporizhzhiya region.", "Zaporizhzhiya region", ("Zaporizhzhia Oblast", "region")),
    ],
)
def test_region_town_and_spelling_readings(make_parsed, text, mention, expected):
    found = [(m.name, m.kind) for m in places_of(make_parsed, text) if m.mention == mention]
    assert found == [expected]


@pytest.mark.parametrize(
    ("text", "mention", "country_code"),
    [
        # a list of countries is no qualification ("Japan, Canada" is not a Japan in Canada)
        ("Leaders of Japan, Canada and Italy met.", "Japan", "JP"),
        ("Talks in Brest, France, were cancelled.", "Brest", "FR"),
    ],
)
def test_countries_in_a_list_are_not_qualified(make_parsed, text, mention, country_code):
    assert by_mention(places_of(make_parsed, text), mention).country_code == country_code


@pytest.mark.parametrize(
    ("text", "mention", "admin1"),
    [
        # a name shared by villages in several oblasts: the oblast the document names wins
        ("Shelling hit Novoselivka in the Donetsk region.", "Novoselivka", "Donetsk Oblast"),
        ("Shelling hit Novoselivka and Bakhmut.", "Novoselivka", "Donetsk Oblast"),
        ("Shelling hit Novoselivka.", "Novoselivka", "Odesa Oblast"),  # no context: the largest
    ],
)
def test_ambiguous_villages_resolve_in_the_oblast_the_document_names(make_parsed, text, mention, admin1):
    assert by_mention(places_of(make_parsed, text), mention).admin1 == admin1


@pytest.mark.parametrize(
    ("text", "mention", "admin1"),
    [
        # a Ukrainian -ivka spelling of a village GeoNames names in the Russian -ovka form
        ("Blasts rocked Novofedorivka in Crimea.", "Novofedorivka", "Crimea"),
        ("Blasts rocked Novofedorivka.", "Novofedorivka", "Kherson Oblast"),  # no context: its own name
    ],
)
def test_ukrainian_and_russian_forms_of_a_village_meet_in_context(make_parsed, text, mention, admin1):
    assert by_mention(places_of(make_parsed, text), mention).admin1 == admin1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deputy mayor Sergei Orlov said so. Orlov added more.", []),  # a surname once, a surname after
        ("Shelling hit Orlove. Orlove was hit again.", ["Orlove", "Orlove"]),
    ],
)
def test_a_town_name_read_as_a_surname_stays_a_surname(make_parsed, text, expected):
    assert [m.name for m in places_of(make_parsed, text)] == expected


@pytest.mark.parametrize(
    ("text", "mention", "country_code"),
    [
        ("Russia's forces advanced.", "Russia", "RU"),
        ("Ukraine’s army held the line.", "Ukraine", "UA"),
        ("Zaporizhzhia's mayor spoke.", "Zaporizhzhia", "UA"),
    ],
)
def test_possessives_are_place_mentions_without_the_suffix(make_parsed, text, mention, country_code):
    found = by_mention(places_of(make_parsed, text), mention)
    assert found.country_code == country_code
    assert not found.mention.endswith("s")


@pytest.mark.parametrize(
    ("text", "mention", "country_code"),
    [
        # A name shared by places in several countries: the document's countries break the tie.
        ("Talks in Brest, France, were cancelled. France said so.", "Brest", "FR"),
        ("Belarus moved troops to Brest.", "Brest", "BY"),
        ("Moscow said the talks were over.", "Moscow", "RU"),
    ],
)
def test_shared_names_resolve_with_document_context(make_parsed, text, mention, country_code):
    assert by_mention(places_of(make_parsed, text), mention).country_code == country_code


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        # A region named "the region of X" is the region, not its capital.
        ("It put the eastern region of Luhansk under Russian control.", "Luhansk", ("Luhansk Oblast", "region")),
        ("It put the city of Luhansk under Russian control.", "Luhansk", ("Luhansk", "city")),
        ("Missiles hit the Chernihiv and Sumy regions.", "Sumy", ("Sumy Oblast", "region")),
        ("Missiles hit the Chernihiv and Sumy regions.", "Chernihiv", ("Chernihiv Oblast", "region")),
        # A village qualified by a region of another country is not the namesake the gazetteer holds.
        ("They planned to hit the settlement of Kopany, Brest oblast.", "Kopany", None),
        ("They planned to hit the settlement of Kopani, Donetsk Oblast.", "Kopani", ("Kopani", "city")),
    ],
)
def test_qualifiers_and_region_phrases_steer_resolution(make_parsed, text, mention, expected):
    found = [(m.name, m.kind) for m in places_of(make_parsed, text) if m.mention == mention]
    assert found == ([] if expected is None else [expected])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KYIV and LONDON -- A newborn was killed.", ["Kyiv", "London"]),
        ("MINSK, 26 February (BelTA) - Talks went on.", ["Minsk"]),
        ("MOST people stayed. NICE weather.", []),  # capitals outside a dateline are not names
    ],
)
def test_dateline_places_are_found(make_parsed, text, expected):
    assert [m.name for m in places_of(make_parsed, text)] == expected


def test_location_rows_follow_the_table_contract(make_parsed):
    parsed = make_parsed("Moscow was wary. Troops moved to Minsk and the West watched.")
    parsed.places = find_places(parsed)
    rows = location_rows(parsed)
    assert [r["name"] for r in rows] == ["Moscow", "Minsk", "the West"]
    assert len({r["mention_id"] for r in rows}) == 3
    text = parsed.document.text
    assert all(text[r["start"] : r["end"]] == r["mention"] for r in rows)
    assert rows[0]["role"] == "actor" and rows[1]["role"] == "place"
    assert rows[2]["latitude"] is None and rows[2]["country_code"] is None


# GeoNames coordinates of the seed's seven places (geonames.org):
SEED_PLACES = {
    "Belarus": (53.0, 28.0),  # Republic of Belarus (country) 630336
    "Russia": (60.0, 100.0),  # Russian Federation (country) 2017370
    "Ukraine": (49.0, 32.0),  # Ukraine (country) 690791
    "Minsk": (53.9, 27.5667),  # Minsk (city) 625144
    "Kyiv": (50.4547, 30.5238),  # Kyiv (city) 703448
    "Sumy": (50.92, 34.80),  # Sumy (city) 692194
    "Poland": (52.0, 20.0),  # Republic of Poland (country) 798544
}


def test_seed_places_are_exactly_the_seven_with_coordinates(parsed_seed: Parsed):
    located = {m.name: m for m in parsed_seed.places if m.latitude is not None}
    # Moscow is named only for its government ("Moscow was wary"): an actor, never a place.
    assert set(located) == {*SEED_PLACES, "Moscow"}
    assert {m.role for m in parsed_seed.places if m.name == "Moscow"} == {"actor"}
    assert {m.name for m in parsed_seed.places if m.role == "place" and m.latitude is not None} <= set(SEED_PLACES)
    for name, point in SEED_PLACES.items():
        mention = located[name]
        assert great_circle(point, (mention.latitude, mention.longitude)).km < 30, name
    assert located["Sumy"].geonameid == 692194  # Sumy (city)
    assert located["Minsk"].country_code == "BY"


@pytest.mark.parametrize(
    ("anchor", "mention", "role"),
    [
        ("Moscow was wary", "Moscow", "actor"),
        ("Kyiv and allies claim", "Kyiv", "actor"),
        ("Russia has denied", "Russia", "actor"),
        ("According to Ukraine", "Ukraine", "actor"),
        ("flight to Minsk", "Minsk", "place"),
        ("Minsk residents", "Minsk", "place"),
        ("based in Poland", "Poland", "place"),
    ],
)
def test_seed_roles(parsed_seed: Parsed, anchor, mention, role):
    start = parsed_seed.document.text.index(anchor)
    found = [m for m in parsed_seed.places if start <= m.start < start + len(anchor) and m.mention == mention]
    assert [m.role for m in found] == [role]


# Hand-checked facts about corpus articles: (article, place name, country code).
CORPUS_FACTS = [
    ("003.txt", "Homel", "BY"),
    ("017.txt", "Lysychansk", "UA"),
    ("015.txt", "Sievierodonetsk", "UA"),
    ("021.txt", "Zaporizhzhia nuclear power plant", "UA"),
    ("025.txt", "Crimea", "UA"),
    ("030.txt", "Iran", "IR"),
    ("032.txt", "Vilniansk", "UA"),
    ("034.txt", "Beijing", "CN"),
]


@pytest.mark.corpus
def test_corpus_articles_name_their_places(corpus_dir):
    nlp = get_nlp()
    found: dict[str, set[tuple[str, str]]] = {}
    for path in sorted((corpus_dir / "articles").glob("*.txt")):
        document = load_document(path).document
        assert document is not None
        doc = nlp(document.text)
        parsed = Parsed(document=document, doc=doc, sentences=sentences_of(document, doc))
        mentions = find_places(parsed)
        text = document.text
        assert all(text[m.start : m.end] == m.mention for m in mentions)
        assert all(m.role in {"place", "actor"} for m in mentions)
        found[path.name] = {(m.name, m.country_code) for m in mentions}
    assert len(found) == len(list((corpus_dir / "articles").glob("*.txt")))
    for article, name, country_code in CORPUS_FACTS:
        assert (name, country_code) in found[article], (article, name)
    # Nothing in the corpus resolves to a place in Texas: "the West" is never West, Texas.
    assert not any(name == "West" for names in found.values() for name, _ in names)
