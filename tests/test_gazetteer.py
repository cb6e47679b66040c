"""The gazetteer service: its data file, name lookup and the PhraseMatcher over its names."""

from __future__ import annotations

import pytest

from lib.gazetteer import (
    DATA_PATH,
    Gazetteer,
    get_gazetteer,
    is_plain_words,
    load_places,
    normalize_name,
    tokenize_names,
)
from lib.nlp import get_nlp


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return get_gazetteer()


def test_data_file_is_compact_and_covers_every_country(gazetteer):
    assert DATA_PATH.stat().st_size < 3_000_000
    countries = {p.country_code for p in gazetteer.places if p.kind == "country"}
    assert len(countries) >= 240
    assert {"UA", "BY", "RU", "PL", "MD", "LT", "LV", "US", "GB"} <= countries


@pytest.mark.parametrize(
    ("country_code", "minimum"),
    [("UA", 3000), ("BY", 200), ("RU", 300), ("PL", 300)],
)
def test_theatre_countries_are_dense(gazetteer, country_code, minimum):
    assert sum(p.kind == "city" and p.country_code == country_code for p in gazetteer.places) >= minimum


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kyiv", ("Kyiv", "UA")),
        ("Kiev", ("Kyiv", "UA")),
        ("Kharkov", ("Kharkiv", "UA")),
        ("Homel", ("Homel", "BY")),
        ("Gomel", ("Homel", "BY")),
        ("Viciebsk", ("Vitebsk", "BY")),
        ("Mahilyow", ("Mogilev", "BY")),
        ("Hrodna", ("Hrodna", "BY")),
        ("Russian Federation", ("Russia", "RU")),
        ("America", ("United States", "US")),
        ("UK", ("United Kingdom", "GB")),
        ("Donbass", ("Donbas", "UA")),
        ("Kherson region", ("Kherson Oblast", "UA")),
        ("Donetsk People’s Republic", ("Donetsk People's Republic", "UA")),
        ("Dyagilevo air base", ("Dyagilevo air base", "RU")),
    ],
)
def test_lookup_finds_the_place(gazetteer, name, expected):
    best = gazetteer.places_named(name)[0]
    assert (best.name, best.country_code) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Black Sea", "Black Sea"),
        ("Caspian", "Caspian Sea"),
        ("Mediterranean", "Mediterranean Sea"),
        ("Azov Sea", "Sea of Azov"),
        ("Dnieper", "Dnipro River"),
        ("Pripyat River", "Pripyat River"),
        ("Seversky Donets", "Siverskyi Donets River"),
        ("Bavarian Alps", "Bavarian Alps"),
    ],
)
def test_seas_rivers_and_ranges_are_areas_with_a_point(gazetteer, name, expected):
    (place,) = gazetteer.places_named(name)
    assert (place.name, place.kind) == (expected, "area")
    assert place.latitude is not None and place.longitude is not None


@pytest.mark.parametrize("name", ["the West", "Europe", "Eastern Europe", "the Baltics", "Soviet Union"])
def test_political_areas_are_ideas_without_a_point(gazetteer, name):
    (place,) = gazetteer.places_named(name)
    assert place.kind == "area" and place.latitude is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Zaporizhzhiya", "Zaporizhzhia"),
        ("Vinnytsiya", "Vinnytsia"),
        ("Kostyantynivka", "Kostiantynivka"),
        ("Kryvyy Rih", "Kryvyi Rih"),
        ("Khmelnytskyy", "Khmelnytskyi"),
        ("Zaporizhzhiya Oblast", "Zaporizhzhia Oblast"),
        ("Zaporizhzhiya nuclear power plant", "Zaporizhzhia nuclear power plant"),
    ],
)
def test_other_romanisations_of_ukrainian_names_find_the_place(gazetteer, name, expected):
    assert gazetteer.places_named(name)[0].name == expected


@pytest.mark.parametrize(
    "name",
    [
        "Of",
        "Bar",
        "Mena",
        "Orange",
        "Wells",
        "Reading",
        "Nice",
        "Bath",
        "Mobile",
        "Police",
        "Best",
        "Sale",
        "Hope",
        "Union",
        "Independence",
        "Victoria",
        "Lincoln",
        "Human",
        "West",
        "Earth",
        "Ukrainian",
        "Russian",
        "Western",
        "Lukashenko",
        "KBP",
        "Serhii",
    ],
)
def test_words_names_and_codes_are_not_place_names(gazetteer, name):
    assert gazetteer.lookup(name) == ()


def test_alternate_names_are_latin_script(gazetteer):
    rows = load_places()
    for _, names, alternates in rows:
        for name in (*names, *alternates):
            assert not any("\u0400" <= ch <= "\u04ff" for ch in name), name  # no Cyrillic


@pytest.mark.parametrize(
    ("name", "normalized"),
    [
        ("Donetsk People’s Republic", "Donetsk People's Republic"),
        ("  Kyiv   Oblast ", "Kyiv Oblast"),
        ("Minsk", "Minsk"),
        ("Kamianets’-Podilskyi", "Kamianets'-Podilskyi"),
        ("Häme", "Häme"),  # decomposed umlaut composed (NFC)
    ],
)
def test_normalize_name(name, normalized):
    assert normalize_name(name) == normalized


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Troops left Bar and Kyiv.", ["Kyiv"]),
        ("the bar in kyiv", []),  # case matters
        ("Shelling in the Kharkiv region.", ["Kharkiv region"]),
        ("Drills near Ivano-Frankivsk.", ["Ivano-Frankivsk"]),
    ],
)
def test_matcher_finds_names_with_case_and_longest_match(gazetteer, text, found):
    from spacy.util import filter_spans

    doc = get_nlp()(text)
    spans = filter_spans([doc[s:e] for _, s, e in gazetteer.matcher(doc)])
    assert [s.text for s in spans] == found


@pytest.mark.parametrize(
    ("name", "plain"),
    [
        ("Kyiv", True),
        ("Kryvyi Rih", True),
        ("Bila Tserkva", True),
        ("Zürich", True),  # letters beyond ASCII are still letters
        ("Ivano-Frankivsk", False),
        ("Cote d'Ivoire", False),
        ("U.S.", False),
        ("St. Petersburg", False),
        ("Engels-2", False),
        ("Rossosh’", False),
    ],
)
def test_only_names_of_letters_and_spaces_skip_the_tokenizer(name, plain):
    assert is_plain_words(name, get_nlp().tokenizer.rules) is plain


@pytest.mark.parametrize(
    "names",
    [
        ["Kyiv", "Ivano-Frankivsk", "Kryvyi Rih"],
        ["U.S.", "St. Petersburg", "Cote d'Ivoire", "Donetsk People’s Republic"],
        ["Rossosh’", "Engels-2", "Kamianets'-Podilskyi", "U.S.S.R."],
        ["Kyiv"],
        [],
    ],
)
def test_name_tokens_are_the_pipeline_tokenizer_s(names):
    tokenizer = get_nlp().tokenizer
    assert tokenize_names(names, tokenizer) == [tuple(t.text for t in tokenizer(n)) for n in names]


def test_every_gazetteer_name_with_a_non_letter_tokenizes_as_the_pipeline_does(gazetteer):
    """A guard for changes to the tokenizer's rules: the sample covers every hyphen, apostrophe and
    dot pattern of the names (one in eight of them, in a fixed order)."""
    tokenizer = get_nlp().tokenizer
    sample = sorted(n for n, _ in gazetteer.name_tokens() if not is_plain_words(n, tokenizer.rules))[::8]
    assert len(sample) > 300
    expected = [tuple(t.text for t in doc) for doc in tokenizer.pipe(sample)]
    assert tokenize_names(sample, tokenizer) == expected


def test_gazetteer_is_built_once():
    assert get_gazetteer() is get_gazetteer()
    assert get_gazetteer().matcher is get_gazetteer().matcher
