"""Actor finding: lexicon actors, demonym groups, places used as actors and unknown names."""

from __future__ import annotations

import pytest

from lib.extract.actors import find_actors


def _names(make_parsed, text: str) -> list[tuple[str, str]]:
    return [(m.mention, m.name) for m in find_actors(make_parsed(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.N. Human Rights Office released a report.", [("U.N. Human Rights Office", "OHCHR")]),
        ("Officials from Ukraine also stated that.", [("Officials from Ukraine", "Ukrainian officials")]),
        ("Some Western diplomats were skeptical.", [("Western diplomats", "Western diplomats")]),
        ("Belarusian authorities are referring to it.", [("Belarusian authorities", "Belarusian officials")]),
        ("Russian forces shelled the town.", [("Russian forces", "Russian Armed Forces")]),
        ("Zelenskyy spoke on Monday.", [("Zelenskyy", "Volodymyr Zelensky")]),
        ("The Kremlin said nothing.", [("Kremlin", "Russia")]),
        (
            "According to the Institute for the Study of War, it is a feint.",
            [("Institute for the Study of War", "Institute for the Study of War")],
        ),
        ("The WHO said so.", [("WHO", "World Health Organization")]),
        # Lower-case words are not acronyms; "who" is not the WHO and "us" is not the U.S.
        ("Those who left told us nothing.", []),
        ("Nothing here names anyone at all.", []),
    ],
)
def test_lexicon_actors_are_found_case_aware(make_parsed, text: str, expected: list) -> None:
    assert _names(make_parsed, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow was wary of provoking opposition.", [("Moscow", "Russia")]),
        ("Kyiv and allies claim that the war is illegal.", [("Kyiv", "Ukraine")]),
        ("According to Ukraine, troops have arrived.", [("Ukraine", "Ukraine")]),
        ("Russia has denied targeting civilians.", [("Russia", "Russia")]),
        ("Russia's invasion began in February.", [("Russia", "Russia")]),
        # Places as places are not actors.
        ("Shoigu flew to Minsk on Saturday.", [("Shoigu", "Sergei Shoigu")]),
        ("Troops are stationed in Belarus.", []),
        ("Minsk residents said all was calm.", [("Minsk residents", "Minsk residents")]),
        ("Kharkiv is Ukraine's second-largest city.", []),
    ],
)
def test_places_become_actors_only_when_used_as_actors(make_parsed, text: str, expected: list) -> None:
    assert _names(make_parsed, text) == expected


def test_coordinated_ministries_name_both_ministries(make_parsed) -> None:
    text = "Requests for comments from the Russian defense and foreign ministries were not answered."
    assert [m.name for m in find_actors(make_parsed(text))] == ["Russian Defense Ministry", "Russian Foreign Ministry"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"It is tested," Konrad Muzyka told Reuters.',
            [("Konrad Muzyka", "person", False), ("Reuters", "media", True)],
        ),
        ("The Kyiv School of Economics said losses grew.", [("Kyiv School of Economics", "organisation", False)]),
        ("A spokesman, Gen. Petrenko, said so.", [("Petrenko", "person", False)]),
        (
            "Anna Petrova spoke. Later Petrova left.",
            [("Anna Petrova", "person", False), ("Anna Petrova", "person", False)],
        ),
        ("Donetsk Oblast Gov. Pavlo Kyrylenko said so.", [("Pavlo Kyrylenko", "person", False)]),
        ('"It hurts," said Tatiana Borovik on Facebook.', [("Tatiana Borovik", "person", False)]),
        (
            "The National Resistance Center said so. The NRC also claims more.",
            [
                ("National Resistance Center", "organisation", False),
                ("National Resistance Center", "organisation", False),
            ],
        ),
        (
            "Konrad Muzyka is an analyst. Analyst Muzyka imagines three scenarios.",
            [("Konrad Muzyka", "person", False), ("Konrad Muzyka", "expert", False)],
        ),
        # Sentence-initial capitals, months and weekdays are not names.
        ("Recent weeks saw more drills in October.", []),
        ("On Wednesday the talks ended.", []),
        ("Without disclosing terms, they signed.", []),
    ],
)
def test_unknown_people_and_organisations_are_found_by_rule(make_parsed, text: str, expected: list) -> None:
    found = [(m.name, m.actor_type, m.known) for m in find_actors(make_parsed(text))]
    assert found == expected


def test_a_title_before_a_name_is_not_a_second_actor(make_parsed) -> None:
    found = [m.name for m in find_actors(make_parsed("Ukrainian Defence Minister Olexiy Reznikov said so."))]
    assert found == ["Oleksii Reznikov"]


def test_unknown_names_take_their_side_from_a_demonym(make_parsed) -> None:
    (mention,) = find_actors(make_parsed("Belarusian analyst Artyom Shraibman said so."))
    assert (mention.name, mention.side, mention.actor_type) == ("Artyom Shraibman", "Belarus", "expert")


def test_mentions_point_into_the_text(make_parsed) -> None:
    parsed = make_parsed("Calm held. Then Reuters reported that the Belarus Security Council met.")
    for mention in find_actors(parsed):
        assert parsed.document.text[mention.start : mention.end] == mention.mention
        assert parsed.sentences[mention.sentence].start <= mention.start


def test_seed_actors_include_the_attributed_sources(parsed_seed) -> None:
    names = {m.name for m in parsed_seed.actors}
    assert {
        "Belarus",
        "Ukraine",
        "Belarus Security Council",
        "BelTA",
        "Minsk residents",
        "Western diplomats",
        "Ukrainian officials",
        "Institute for the Study of War",
        "Analysts",
        "Konrad Muzyka",
        "Reuters",
        "United Nations",
        "OHCHR",
        "Russian Defense Ministry",
        "Russian Foreign Ministry",
    } <= names
    assert not names & {"Sumy", "Poland", "Wednesday", "Recent", "Minsk"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr Rao said the visit mattered.", [("Rao", "person", False)]),  # a title without its full stop
        ("Pratyush Rao spoke. Mr Rao left.", [("Pratyush Rao", "person", False), ("Pratyush Rao", "person", False)]),
        ("Ukrainian Ambassador to Lebanon Ihor Ostash spoke.", [("Ihor Ostash", "person", False)]),  # after a place
        ("Charlie D'Agata reported. D'Agata left.", [("Charlie D'Agata", "person", False)] * 2),
        # a surname only counts as a word of its own
        ("Anna Petrova spoke. The pro-Petrova camp left.", [("Anna Petrova", "person", False)]),
        ("Mr said nothing.", []),
    ],
)
def test_titles_and_surnames_find_people(make_parsed, text: str, expected: list) -> None:
    assert [(m.name, m.actor_type, m.known) for m in find_actors(make_parsed(text))] == expected
