"""The actor lexicon: aliases in any spelling come back as one canonical actor."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.lexicon import (
    actor_info,
    actor_key,
    load_cues,
    load_lexicon,
    normalize_actor,
    normalize_role,
    role_holder,
    state_of_country,
)
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


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Foreign Minister", ("foreign minister",)),
        ("minister of foreign affairs", ("foreign minister",)),
        ("defence minister", ("defense minister",)),
        ("Prime Minister", ("prime minister",)),
        ("press secretary", ("spokesperson",)),
        ("leader", ("president", "prime minister", "chancellor", "leader")),
        ("deputy interior minister", ()),  # no role the lexicon records holders of
        ("mayor", ()),
    ],
)
def test_normalize_role_gives_the_role_keys(words: str, expected: tuple) -> None:
    assert normalize_role(words) == expected


@pytest.mark.parametrize(
    ("owner", "role", "day", "expected"),
    [
        ("Ukraine", "foreign minister", dt.date(2022, 12, 7), "Dmytro Kuleba"),
        ("Ukraine", "foreign minister", dt.date(2025, 1, 10), None),  # after the recorded term
        ("United Kingdom", "prime minister", dt.date(2022, 6, 1), "Boris Johnson"),
        ("United Kingdom", "prime minister", dt.date(2022, 12, 1), "Rishi Sunak"),
        ("United Kingdom", "prime minister", None, None),  # two holders recorded, no day to choose by
        ("Russia", "president", None, "Vladimir Putin"),  # one holder recorded
        ("Russia", "mayor", dt.date(2022, 12, 7), None),
    ],
)
def test_role_holder_answers_for_the_day(owner: str, role: str, day: dt.date | None, expected: str | None) -> None:
    assert role_holder(owner, (role,), day) == expected


def test_every_recorded_holder_is_a_person_of_the_lexicon() -> None:
    lexicon = load_lexicon()
    holders = {name for entries in lexicon.holders.values() for _first, _last, name in entries}
    assert holders and all(lexicon.actors[name].actor_type == "person" for name in holders)
    owners = {owner for owner, _role in lexicon.holders}
    assert all(owner in lexicon.actors for owner in owners), owners - set(lexicon.actors)
