"""Claims: who said what, with which cue, stance, hedging and relay."""

from __future__ import annotations

import pytest

from lib.extract.claims import extract_claims
from lib.schema import COLUMNS, to_frame, validate


def _claims(make_parsed, text: str) -> list[dict]:
    return extract_claims(make_parsed(text))


def _summary(rows: list[dict]) -> list[tuple[str, str, str]]:
    return [(r["source"], r["cue"], r["stance"]) for r in rows]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Minsk residents said that there was no unusual activity.", [("Minsk residents", "said", "asserts")]),
        ("Belarus announced Wednesday that it is moving troops.", [("Belarus", "announced", "asserts")]),
        ("Russia has denied targeting civilians.", [("Russia", "denied", "denies")]),
        ("The Kremlin denies any involvement.", [("Russia", "denies", "denies")]),
        ("Kyiv and allies claim that the war is illegal.", [("Ukraine", "claim", "asserts")]),
        ("According to Ukraine, thousands of soldiers arrived.", [("Ukraine", "According to", "asserts")]),
        (
            "Thousands of soldiers arrived, according to the ISW.",
            [("Institute for the Study of War", "according to", "asserts")],
        ),
        ('"It has been tested," said Konrad Muzyka.', [("Konrad Muzyka", "said", "asserts")]),
        ("The convoy was hit, Ukraine's General Staff said.", [("Ukrainian General Staff", "said", "asserts")]),
        (
            "Ukraine's military said on Telegram that it shot down 12 drones.",
            [("Armed Forces of Ukraine", "said", "asserts")],
        ),
        (
            "Russia's defense ministry declined to comment.",
            [("Russian Defense Ministry", "declined to comment", "declines_comment")],
        ),
        (
            "The Pentagon did not immediately respond to a request for comment.",
            [("US Defense Department", "did not immediately respond", "declines_comment")],
        ),
        ("Ukraine does not claim responsibility for the strikes.", [("Ukraine", "claim", "declines_comment")]),
        ("Officials said the toll could rise.", [("Officials", "said", "asserts")]),
        (
            "Dmitry Peskov, the Kremlin spokesman, told reporters the talks were over.",
            [("Dmitry Peskov", "told", "asserts")],
        ),
        (
            "Konrad Muzyka (an analyst at Rochan Consulting) told Reuters the drills were large.",
            [("Konrad Muzyka", "told", "asserts")],
        ),
        # No attribution, or none that can be trusted: nothing.
        ("Troops moved towards the border on Wednesday.", []),
        ("The so-called referendum was held in September.", []),
        ("The said agreement expired.", []),
        ("Russia's claims were not verified.", []),
        ("Thousands of civilians were reported killed.", []),
        ("The attack claimed the lives of 12 people.", []),
        ("Moscow did not say whether troops would stay.", []),
        ("Troops are stationed in Belarus, according to .", []),
        ("On Wednesday, said in a statement that the drills would end.", []),
        ("The drills will end soon, it was reported.", []),
        ("They accept the conditions Russia has suggested today, so why wait?", []),  # a relative clause
        ("The administration would assess how the attack affects sanctions.", []),  # an intention
        ("Russia showed restraint in the north.", []),  # only a document "shows"
        ("Graphic images provided by Ukrainian officials showed the damage.", []),
        ("The attack came amid reports of looting.", []),
        # More ways the source is written
        ("Data from the UN show that 40 people died.", [("United Nations", "show", "asserts")]),
        (
            "Polling done by Chatham House has indicated that few back the war.",
            [("Chatham House", "indicated", "asserts")],
        ),
        (
            "A Ukrainian military official said Russia is using Belarusian territory.",
            [("Ukrainian military officials", "said", "asserts")],
        ),
        ("Meanwhile, U.K. officials say the war is exacting a heavy toll.", [("British officials", "say", "asserts")]),
        (
            "Igor Konashenkov, defense ministry spokesperson, said Russian forces have taken the city.",
            [("Igor Konashenkov", "said", "asserts")],
        ),
        (
            "According to the head of the Belarus Department of Military Cooperation, Valery Revenko, the force is small.",
            [("Valery Revenko", "According to", "asserts")],
        ),
        (
            "Ukrainian officials didn't comment on the claim.",
            [("Ukrainian officials", "didn't comment", "declines_comment")],
        ),
        (
            "Western officials prefer not to discuss losses.",
            [("Western officials", "prefer not to discuss", "declines_comment")],
        ),
        (
            "There was no immediate reaction from the Kremlin on the pictures.",
            [("Russia", "no immediate reaction from", "declines_comment")],
        ),
        ("Belarus has previously implied that the US wants war.", [("Belarus", "implied", "asserts")]),
        (
            "Russian forces advanced, the Kyiv Post newspaper reported on Thursday.",
            [("Kyiv Post", "reported", "asserts")],
        ),
        (
            "Putin ordered a mobilisation on Wednesday, warning the West he was not bluffing.",
            [("Vladimir Putin", "warning", "asserts")],
        ),
    ],
)
def test_claims_name_the_source_cue_and_stance(make_parsed, text: str, expected: list) -> None:
    assert _summary(_claims(make_parsed, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Analysts believe the activity could be an indication.", True),
        ("The ISW assessed that the offensive had stalled.", True),
        ("Ukraine's defense ministry said the toll was probably much greater.", True),
        ("Officials said the toll might rise.", True),
        ("Officials said the toll had risen to 40.", False),
        ("Minsk residents said that there was no unusual activity.", False),
    ],
)
def test_hedges_in_the_cue_or_the_claim_mark_the_claim_hedged(make_parsed, text: str, expected: bool) -> None:
    (row,) = _claims(make_parsed, text)
    assert row["hedged"] is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "According to state media BelTA, the Belarus Security Council said that troops would move.",
            ("Belarus Security Council", "BelTA"),
        ),
        ('"Every capability has been tested," Konrad Muzyka told Reuters.', ("Konrad Muzyka", "Reuters")),
        ("TASS quoted Sergei Lavrov as saying the talks had failed.", ("Sergei Lavrov", "TASS")),
        (
            "Reuters reported, citing the Belarusian Defence Ministry, that drills began.",
            ("Belarusian Defence Ministry", "Reuters"),
        ),
        ("Lukashenko said, according to BelTA, that Belarus would not join.", ("Alexander Lukashenko", "BelTA")),
        (
            "BelTA learned from Belarus President Aleksandr Lukashenko that talks were possible.",
            ("Alexander Lukashenko", "BelTA"),
        ),
        (
            "As was earlier reported by the Kyiv Post, Ukraine's Foreign Minister said relations were bad.",
            ("Dmytro Kuleba", "Kyiv Post"),  # the lexicon records who held the role that day
        ),
        ("Vladimir Rogov said on the Telegram messaging app that the drone crashed.", ("Vladimir Rogov", "Telegram")),
        ("Nate Mook tweeted that the station was hit.", ("Nate Mook", "Twitter")),
        ("Minsk residents said that there was no unusual activity.", ("Minsk residents", None)),
    ],
)
def test_relayed_claims_keep_the_speaker_and_the_channel(make_parsed, text: str, expected: tuple) -> None:
    (row,) = _claims(make_parsed, text)
    assert (row["source"], row["via"]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Belarus Security Council met. It stated that roads would close.", ["Belarus Security Council"]),
        (
            "Some Western diplomats were skeptical. They noted that Belarus had a small army.",
            ["Western diplomats", "Western diplomats"],
        ),
        (
            '"It was tested," Konrad Muzyka told Reuters. He described drills for mobilising troops.',
            ["Konrad Muzyka", "Konrad Muzyka"],
        ),
        (
            "According to the Institute for the Study of War, the think tank believes that Belarus is bluffing.",
            ["Institute for the Study of War"],
        ),
        (
            "The UN human rights office released a report on Monday. The report found that 441 civilians were killed.",
            ["OHCHR", "OHCHR"],
        ),
        (
            "Belarusian President Alexander Lukashenko met envoys. The president stressed that talks must start.",
            ["Alexander Lukashenko"],
        ),
        (
            "Ukraine denied the claims. The Foreign Ministry said it rejects the insinuations.",
            ["Ukraine", "Ukrainian Foreign Ministry"],
        ),
        (
            "Western officials prefer not to discuss losses. One of those officials said the estimate was high.",
            ["Western officials", "Western officials"],
        ),
        ('"They believe that they are there forever," Zelenskyy said.', ["Volodymyr Zelensky"]),  # quoted "they"
        # A pronoun with nobody to stand for is not a source; a title fits only a person given it.
        ("Konrad Muzyka met reporters. The governor said roads were closed.", ["governor"]),  # not Muzyka
        ("It stated that roads would close.", []),
        ("They suggested that the drills were a decoy.", []),
        # A pronoun inside a relative clause is not the subject of the cue.
        ("The Belarus Security Council met. In the cases it documented, nothing changed.", []),
    ],
)
def test_pronouns_and_anaphors_resolve_to_an_earlier_speaker(make_parsed, text: str, expected: list) -> None:
    assert [r["source"] for r in _claims(make_parsed, text)] == expected


def test_coordinated_ministries_that_do_not_answer_decline_to_comment(make_parsed) -> None:
    text = "Requests for comments from the Russian defense and foreign ministries were not answered immediately."
    assert _summary(_claims(make_parsed, text)) == [
        ("Russian Defense Ministry", "were not answered", "declines_comment"),
        ("Russian Foreign Ministry", "were not answered", "declines_comment"),
    ]


def test_a_speaker_in_a_later_clause_makes_a_claim_of_its_own(make_parsed) -> None:
    text = "Tsikhanouskaya warned of the danger, after Lukashenko confirmed that the first missiles had arrived."
    rows = _claims(make_parsed, text)
    assert [(r["source"], r["cue"]) for r in rows] == [
        ("Sviatlana Tsikhanouskaya", "warned"),
        ("Alexander Lukashenko", "confirmed"),
    ]
    assert rows[0]["claim"] == "of the danger"


def test_a_claim_inside_another_claim_is_part_of_it(make_parsed) -> None:
    text = "Officials from Ukraine also stated that they believe Russia does not have enough troops."
    (row,) = _claims(make_parsed, text)
    assert (row["source"], row["cue"], row["hedged"]) == ("Ukrainian officials", "stated", True)
    assert row["claim"] == "they believe Russia does not have enough troops"


def test_claim_text_is_the_quote_for_a_post_posed_speaker(make_parsed) -> None:
    (row,) = _claims(make_parsed, '"Every capability has been tested," Konrad Muzyka told Reuters.')
    assert row["claim"] == "Every capability has been tested"


# The seed, worked out by hand sentence by sentence: (sentence index, source, stance, hedged, via).
SEED_CLAIMS = [
    (0, "Belarus", "asserts", False, None),  # Belarus announced Wednesday
    (6, "Ukraine", "asserts", False, None),  # According to Ukraine
    (7, "Belarusian officials", "asserts", False, None),  # Belarusian authorities are referring to
    (9, "Belarus Security Council", "asserts", False, "BelTA"),  # According to state media BelTA, ... said
    (10, "Belarus Security Council", "asserts", False, None),  # It stated
    (13, "Minsk residents", "asserts", False, None),
    (14, "Western diplomats", "asserts", False, None),  # were skeptical
    (15, "Western diplomats", "asserts", False, None),  # They noted
    (16, "Ukrainian officials", "asserts", True, None),  # stated that they believe
    (17, "Ukrainian officials", "asserts", True, None),  # They suggested
    (18, "Institute for the Study of War", "asserts", True, None),  # the think tank believes
    (19, "Analysts", "asserts", True, None),
    (21, "Konrad Muzyka", "asserts", False, "Reuters"),
    (22, "Konrad Muzyka", "asserts", False, None),  # He described
    (26, "Ukraine", "declines_comment", False, None),  # does not claim responsibility
    (27, "Russia", "asserts", False, None),  # Russia's "special military operation" ... claimed
    (28, "Ukraine", "asserts", False, None),  # Kyiv and allies claim
    (29, "United Nations", "asserts", False, None),  # 6700 civilians ... by the United Nations
    (30, "Russia", "denies", False, None),
    (31, "OHCHR", "asserts", False, None),  # U.N. Human Rights Office released ... a report
    (32, "OHCHR", "asserts", True, None),  # According to the OHCHR ... probably much greater
    (34, "Russian Defense Ministry", "declines_comment", False, None),
    (34, "Russian Foreign Ministry", "declines_comment", False, None),
    (35, "OHCHR", "asserts", True, None),  # The report discovered ... might
]


def test_seed_claims_match_the_hand_reading(parsed_seed) -> None:
    rows = extract_claims(parsed_seed)
    index = {s.sentence_id: s.index for s in parsed_seed.sentences}
    found = [(index[r["sentence_id"]], r["source"], r["stance"], r["hedged"], r["via"]) for r in rows]
    expected = set(SEED_CLAIMS)
    correct = expected & set(found)
    precision, recall = len(correct) / len(found), len(correct) / len(expected)
    assert precision >= 0.9 and recall >= 0.9, sorted(set(found) ^ expected)


def test_seed_sources_are_never_pronouns_or_truncated(parsed_seed) -> None:
    sources = {r["source"] for r in extract_claims(parsed_seed)}
    assert not sources & {"It", "He", "They", "the think tank", "the Institute", "Institute"}


def test_claim_rows_fit_the_table_contract(parsed_seed) -> None:
    rows = extract_claims(parsed_seed)
    assert all(set(r) == set(COLUMNS["claims"]) for r in rows)
    frame = validate("claims", to_frame("claims", rows))
    assert frame["claim_id"].is_unique
    assert set(frame["stance"]) == {"asserts", "denies", "declines_comment"}
