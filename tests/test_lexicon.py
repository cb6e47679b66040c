"""The actor lexicon: aliases in any spelling come back as one canonical actor."""

from __future__ import annotations

import pytest

from lib.lexicon import actor_info, actor_key, load_cues, load_lexicon, normalize_actor, state_of_country
from lib.schema import ACTOR_TYPES, SIDES, STANCES


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("OHCHR", "OHCHR"),
        ("U.N. Human Rights Office", "OHCHR"),
        ("the UN human rights office", "OHCHR"),
        ("Office of the High Commissioner for Human Rights", "OHCHR"),
        ("the Office of the High Commissioner for Human Rights", "OHCHR"),
        ("Moscow", "Russia"),
        ("the Kremlin", "Russia"),
        ("Kremlin", "Russia"),
        ("Kyiv", "Ukraine"),
        ("Kiev", "Ukraine"),
        ("Minsk", "Belarus"),
        ("Washington", "United States"),
        ("Zelenskyy", "Volodymyr Zelensky"),
        ("Zelensky", "Volodymyr Zelensky"),
        ("lukashenka", "Alexander Lukashenko"),
        ("Ministry of Defence", "Ministry of Defence"),  # no state named: not guessed
        ("Russian Ministry of Defence", "Russian Defense Ministry"),
        ("Russia's defence ministry", "Russian Defense Ministry"),
        ("Belarusian Defense Ministry", "Belarusian Defence Ministry"),
        ("ISW", "Institute for the Study of War"),
        ("the Institute for the Study of War", "Institute for the Study of War"),
        ("AP", "Associated Press"),
        ("The Associated Press", "Associated Press"),
        ("U.N.", "United Nations"),
        ("UN", "United Nations"),
        ("Ukrainian officials", "Ukrainian officials"),
        ("Officials from Ukraine", "Ukrainian officials"),
        ("officials in Kyiv", "Ukrainian officials"),
        ("Some Western diplomats", "Western diplomats"),
        ("Russian troops", "Russian Armed Forces"),
        ("Ukraine's military", "Armed Forces of Ukraine"),
        ("Belarusian armed forces", "Belarusian Armed Forces"),
        ("Wagner", "Wagner Group"),
        ("Red Cross", "International Committee of the Red Cross"),
        ("residents of Minsk", "Minsk residents"),
        ("U.S. officials", "U.S. officials"),
        ("US officials", "U.S. officials"),
        # Unknown names come back cleaned, never invented.
        ("the Kyiv School of Economics", "Kyiv School of Economics"),
        ("Konrad Muzyka", "Konrad Muzyka"),
        ("  Konrad   Muzyka's ", "Konrad Muzyka"),
    ],
)
def test_normalize_actor_gives_one_canonical_name_per_actor(name: str, expected: str) -> None:
    assert normalize_actor(name) == expected


@pytest.mark.parametrize(
    ("canonical", "expected"),
    [
        ("Russia", ("state", "Russia")),
        ("Belarus Security Council", ("state", "Belarus")),
        ("OHCHR", ("intergovernmental", "international")),
        ("Institute for the Study of War", ("think_tank", "Western")),
        ("BelTA", ("media", "Belarus")),
        ("Wagner Group", ("armed_group", "Russia")),
        ("Minsk residents", ("public", "Belarus")),
        ("Western diplomats", ("state", "Western")),
        ("Ukrainian officials", ("state", "Ukraine")),
        ("Konrad Muzyka", None),
        ("Moscow", None),  # an alias, not a canonical name
    ],
)
def test_actor_info_gives_type_and_side_of_canonical_actors(canonical: str, expected: tuple | None) -> None:
    assert actor_info(canonical) == expected


def test_every_lexicon_actor_uses_the_contract_vocabularies() -> None:
    actors = load_lexicon().actors.values()
    assert {a.actor_type for a in actors} <= set(ACTOR_TYPES)
    assert {a.side for a in actors} <= set(SIDES)


def test_every_canonical_name_normalises_to_itself() -> None:
    lexicon = load_lexicon()
    wrong = [name for name in lexicon.actors if normalize_actor(name) != name]
    assert wrong == []


def test_cues_have_contract_stances() -> None:
    cues = load_cues()
    assert {c.stance for c in cues} <= set(STANCES)
    assert {"said", "according to", "denied", "declined to comment"} <= {c.phrase for c in cues}


@pytest.mark.parametrize(
    ("name", "expected"),
    [("The U.N.", "un"), ("Russia's", "russia"), ("Belarus'", "belarus"), ("Interfax-Ukraine", "interfax ukraine")],
)
def test_actor_key_ignores_articles_possessives_and_dots(name: str, expected: str) -> None:
    assert actor_key(name) == expected


@pytest.mark.parametrize(("code", "expected"), [("BY", "Belarus"), ("ua", "Ukraine"), ("RU", "Russia"), ("ZZ", None)])
def test_state_of_country_maps_iso_codes(code: str, expected: str | None) -> None:
    assert state_of_country(code) == expected
