"""Claims: who said what, with which cue, stance, hedging and relay."""

from __future__ import annotations

import datetime as dt

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


def _sources(make_parsed, text: str, published=None) -> list[tuple[str, str]]:
    rows = extract_claims(make_parsed(text, published) if published else make_parsed(text))
    return [(r["source"], r["source_side"]) for r in rows]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A role phrase is a source of its own: the phrase less its article, the side from its owner.
        (
            "Ukraine's deputy interior minister told CNN the bridge was hit.",
            [("Ukraine's deputy interior minister", "Ukraine")],
        ),
        ("A senior foreign ministry source said the talks were over.", [("senior foreign ministry source", "other")]),
        ("The town was shelled overnight, a local leader has claimed.", [("local leader", "other")]),
        ("Poland's border police said the man was detained.", [("Poland's border police", "Western")]),
        ("An adviser to Ukraine's president said that talks stalled.", [("adviser to Ukraine's president", "Ukraine")]),
        ("Sources close to the Kremlin said the decision was final.", [("Sources close to the Kremlin", "Russia")]),
        ("A Lebanese official told reporters that the ship had left.", [("Lebanese official", "other")]),
        ("The Welt am Sonntag weekly reported that the tanks would arrive.", [("Welt am Sonntag", "other")]),
        ("Missiles struck the port, city officials said.", [("city officials", "other")]),
        # ... never the person named elsewhere in the sentence, but the adviser when the name is theirs.
        (
            "An adviser to Ukraine's president, Oleksiy Arestovych, said talks stalled.",
            [("Oleksiy Arestovych", "Ukraine")],
        ),
        (
            "An adviser to Ukraine's president, Volodymyr Zelensky, said talks stalled.",
            [("adviser to Ukraine's president", "Ukraine")],
        ),
        # Members and spokespeople speak for the organisation they belong to.
        (
            "PACE members called on the leaders to act.",
            [("Parliamentary Assembly of the Council of Europe", "international")],
        ),
        ("A spokesperson for the United Nations said aid was blocked.", [("United Nations", "international")]),
        # after the cue
        ("Four people died, according to the town's mayor.", [("town's mayor", "other")]),
        (
            "Four people died, according to the head of the regional administration, Oleg Buriak.",
            [("Oleg Buriak", "other")],
        ),
        ("The call lasted an hour, according to Macron's office.", [("Emmanuel Macron's office", "Western")]),
        (
            "Macron spoke to Putin for an hour, according to a release from his office.",
            [("Emmanuel Macron's office", "Western")],
        ),
        ("He was wounded last month, according to posts by two friends on social media.", [("friends", "other")]),
        # Not role phrases: no role word, or a plan rather than a speaker.
        ("The state of the roads said little about the war.", []),
        ("Troops are stationed in Belarus, according to Moscow's plan.", []),
        ("The year began with China and Russia pledging a partnership.", []),  # a preposition's object
    ],
)
def test_unnamed_sources_described_by_role_are_sources(make_parsed, text: str, expected: list) -> None:
    assert _sources(make_parsed, text) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Ukraine's Foreign Minister said relations were bad.", dt.date(2022, 12, 7), ["Dmytro Kuleba"]),
        # the lexicon records no holder for that day: the role stays the source
        ("Ukraine's Foreign Minister said relations were bad.", dt.date(2025, 1, 10), ["Ukrainian Foreign Minister"]),
        (
            "Zelensky spoke first. The Russian president said the talks were useless.",
            dt.date(2022, 12, 7),
            ["Vladimir Putin"],
        ),
        ("The Russian leader said the operation was going to plan.", dt.date(2022, 12, 7), ["Vladimir Putin"]),
        ("Britain's prime minister said the aid would continue.", dt.date(2022, 6, 1), ["Boris Johnson"]),
        ("Britain's prime minister said the aid would continue.", dt.date(2022, 12, 1), ["Rishi Sunak"]),
        ("Moldova's border police said the man was detained.", dt.date(2022, 12, 7), ["Moldova's border police"]),
    ],
)
def test_a_role_names_the_person_the_lexicon_records_in_it_that_day(
    make_parsed, text: str, published: dt.date, expected: list
) -> None:
    assert [r["source"] for r in extract_claims(make_parsed(text, published))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # named only after the claim
        (
            "The local mayor told ABC News that 12 people died. Natalia Musienko, the mayor of the city, said work "
            "continued.",
            ["Natalia Musienko", "Natalia Musienko"],
        ),
        # a description of someone introduced with that title
        (
            "The Agency's spokesman, Vadym Skibitsky, said the threat was low. The spies' spokesman said the border "
            "was calm.",
            ["Vadym Skibitsky", "Vadym Skibitsky"],
        ),
        # "he": the one who spoke, not someone merely mentioned since ...
        (
            "Ivan Petrov said the talks had failed. The report named Oleg Sidorov as a negotiator. He said the next "
            "round was off.",
            ["Ivan Petrov", "Ivan Petrov"],
        ),
        # ... unless a sentence was about someone else
        (
            "Andriy Moskalenko said the street was renamed. Vasyl Kmet, a historian, disagreed. He said the names "
            "must stay.",
            ["Andriy Moskalenko", "Vasyl Kmet"],
        ),
        # "It said" after an organisation spoke
        (
            "The Belarus Security Council met. It said that roads would close. It added that trains would stop.",
            ["Belarus Security Council", "Belarus Security Council"],
        ),
        # "the city council" is more than the "officials" who spoke before
        (
            "Missiles struck the port, city officials said. The city council said the missiles came from the sea.",
            ["city officials", "city council"],
        ),
    ],
)
def test_descriptions_and_pronouns_find_their_speaker(make_parsed, text: str, expected: list) -> None:
    assert [r["source"] for r in _claims(make_parsed, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Poland, Lithuania and Latvia said the border would close.", ["Poland", "Lithuania", "Latvia"]),
        (
            "Zelensky and Polish President Andrzej Duda said the talks went well.",
            ["Volodymyr Zelensky", "Andrzej Duda"],
        ),
        ("Russia and Belarus said the drills were defensive.", ["Russia", "Belarus"]),
        ("Talks between Russia and Belarus stalled, Lukashenko said.", ["Alexander Lukashenko"]),
    ],
)
def test_joint_speakers_give_one_row_each(make_parsed, text: str, expected: list) -> None:
    assert [r["source"] for r in _claims(make_parsed, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Press secretary Jen Psaki called the attack a war crime.", [("Jen Psaki", "called", "asserts")]),
        ('Zelensky called the strike "barbaric" on Monday.', [("Volodymyr Zelensky", "called", "asserts")]),
        ("Putin vowed to continue the offensive.", [("Vladimir Putin", "vowed", "asserts")]),
        ("The Kremlin rebuffed the accusation.", [("Russia", "rebuffed", "denies")]),
        ("Ukraine credited its air defences with downing 10 drones.", [("Ukraine", "credited", "asserts")]),
        ("Lavrov was quoted as saying the talks had failed.", [("Sergei Lavrov", "was quoted as saying", "asserts")]),
        ('"We will hold the line," Hromov said.', [("Hromov", "said", "asserts")]),  # a lone name before a cue
        ("NABU said the minister was detained.", [("NABU", "said", "asserts")]),
        # "call" that names nothing, a capitalised word that is no one
        ("Biden called Zelensky on Monday to discuss the war.", []),
        ("Russia called off the talks.", []),
        ("Putin called a meeting of the Security Council.", []),
        ("Tests showed the water was clean.", []),
        ("In his last Instagram post he is in combat gear.", []),
    ],
)
def test_more_cues_and_speakers(make_parsed, text: str, expected: list) -> None:
    assert _summary(_claims(make_parsed, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow signaled it was ready to talk.", True),
        ("Moscow said it was ready to talk.", False),
    ],
)
def test_signalling_is_a_hedged_claim(make_parsed, text: str, expected: bool) -> None:
    (row,) = _claims(make_parsed, text)
    assert row["hedged"] is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lavrov was quoted by TASS as saying the talks had failed.", ("Sergei Lavrov", "TASS")),
        (
            "Putin said on national television that the operation was a success.",
            ("Vladimir Putin", "national television"),
        ),
        ("Peskov told state TV the talks were over.", ("Dmitry Peskov", "state TV")),
        ("The drills will end on Friday, Lukashenko said, as cited by BelTA.", ("Alexander Lukashenko", "BelTA")),
        ("Zelensky said in an interview with CNN that the war would end.", ("Volodymyr Zelensky", "CNN")),
        ("Zelensky said in a speech that the war would end.", ("Volodymyr Zelensky", None)),
    ],
)
def test_the_channel_a_claim_went_through(make_parsed, text: str, expected: tuple) -> None:
    (row,) = _claims(make_parsed, text)
    assert (row["source"], row["via"]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name the finders missed, with an age in apposition, or opening a sentence when the text
        # capitalises it mid-sentence too
        (
            "In a post, Conor, 28, said he had enlisted. Conor admitted that he was not a good shot.",
            [("Conor", "said"), ("Conor", "admitted")],
        ),
        ("His last message came on March 13, according to Markiyan.", [("Markiyan", "according to")]),
        ("Tests showed the water was clean.", []),
        # a pronoun in a later clause of its sentence stands for that sentence's person
        (
            "Zelensky spoke on Monday. The aim was set out by Vladimir Putin in a speech, where he announced a "
            "mobilisation.",
            [("Vladimir Putin", "announced")],
        ),
        # "A, B said" is an apposition, not two speakers
        (
            "Ukraine's top security official, Oleksiy Danilov, said the attack had begun.",
            [("Oleksiy Danilov", "said")],
        ),
    ],
)
def test_lone_names_ages_and_later_clauses(make_parsed, text: str, expected: list) -> None:
    assert [(r["source"], r["cue"]) for r in _claims(make_parsed, text)] == expected


def test_an_outlet_reporting_a_claim_is_its_channel(make_parsed) -> None:
    text = "Ukraine's Prosecutor General's Office said eight people were killed, the Kyiv Independent reports."
    assert [(r["source"], r["via"]) for r in _claims(make_parsed, text)] == [
        ("Ukrainian Prosecutor General", "Kyiv Independent")
    ]
