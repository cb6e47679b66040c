"""Events: ACLED-typed rows from trigger words, with actors, places and the dates their
sentences give them (hand-written sentences, published Wednesday 2022-12-07)."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.extract.events import MAX_PHRASE_TOKENS, extract_events, load_triggers
from lib.nlp import get_nlp
from lib.schema import EVENT_TYPES, to_frame, validate

D = dt.date
WED = D(2022, 12, 7)
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
AIR = ("Explosions/Remote violence", "Air/drone strike")
CLASH = ("Battles", "Armed clash")
MOVES = ("Strategic developments", "Change to group/activity")


def events_of(make_parsed, text: str, published: dt.date | None = WED) -> list[dict]:
    return extract_events(make_parsed(text, published))


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "precision"),
    [
        ("Russian forces shelled the town of Izium on Tuesday.", SHELLING, D(2022, 12, 6), D(2022, 12, 6), "day"),
        ("A drone attack hit two airbases on Monday.", AIR, D(2022, 12, 5), D(2022, 12, 5), "day"),
        ("Two rockets struck the depot yesterday.", SHELLING, D(2022, 12, 6), D(2022, 12, 6), "day"),
        ("An attack by kamikaze drones set the port ablaze on Sunday.", AIR, D(2022, 12, 4), D(2022, 12, 4), "day"),
        ("Heavy fighting raged near the river last week.", CLASH, D(2022, 11, 28), D(2022, 12, 4), "week"),
        (
            "Ukrainian troops recaptured the village on Sunday.",
            ("Battles", "Government regains territory"),
            D(2022, 12, 4),
            D(2022, 12, 4),
            "day",
        ),
        ("The invasion began on February 24.", CLASH, D(2022, 2, 24), D(2022, 2, 24), "day"),
        (
            "Civilians were abducted from the town in April.",
            ("Violence against civilians", "Abduction/forced disappearance"),
            D(2022, 4, 1),
            D(2022, 4, 30),
            "month",
        ),
        (
            "Soldiers carried out summary executions in the suburb in March.",
            ("Violence against civilians", "Attack"),
            D(2022, 3, 1),
            D(2022, 3, 31),
            "month",
        ),
        (
            "Thousands rallied in the capital on Saturday.",
            ("Protests", "Peaceful protest"),
            D(2022, 12, 3),
            D(2022, 12, 3),
            "day",
        ),
        (
            "Police arrested 20 activists on Friday.",
            ("Strategic developments", "Arrests"),
            D(2022, 12, 2),
            D(2022, 12, 2),
            "day",
        ),
        (
            "The two ministers signed an agreement on Saturday.",
            ("Strategic developments", "Agreement"),
            D(2022, 12, 3),
            D(2022, 12, 3),
            "day",
        ),
        ("The army said Wednesday it was moving troops to the border.", MOVES, D(2022, 12, 7), D(2022, 12, 7), "day"),
        ("Troops will move to the border over the coming two days.", MOVES, D(2022, 12, 7), D(2022, 12, 9), "range"),
        (
            "Foreign troops have been stationed in the region since March.",
            MOVES,
            D(2022, 3, 1),
            D(2022, 3, 31),
            "month",
        ),
        ("The garrison withdrew from the city two years ago.", MOVES, D(2020, 1, 1), D(2020, 12, 31), "year"),
        (
            "The air defences shot down a cruise missile overnight Tuesday.",
            ("Strategic developments", "Disrupted weapons use"),
            D(2022, 12, 6),
            D(2022, 12, 6),
            "day",
        ),
    ],
)
def test_types_and_dates_one_event(make_parsed, text, kind, start, end, precision):
    events = events_of(make_parsed, text)
    assert len(events) == 1, [(e["trigger"], e["event_type"]) for e in events]
    event = events[0]
    assert (event["event_type"], event["sub_event_type"]) == kind
    assert (event["date_start"], event["date_end"], event["date_precision"]) == (start, end, precision)
    assert event["date_text"]


@pytest.mark.parametrize(
    "text",
    [
        "Analysts warned that Russia could launch an attack from the north.",
        "Officials spoke of the threat of a strike on the capital.",
        "He does not have enough troops for an offensive.",
        "Riot police stood by as the crowd dispersed quietly.",
        "The minister held a press conference.",
        "The agency released its annual report on Monday.",
        "Prices moved sharply on Friday.",
        "The arrow struck the target on Friday.",
        "The company launched a new phone on Monday.",
        "Belarus may send troops.",
        "No one was arrested.",
    ],
)
def test_finds_no_event_in_non_events(make_parsed, text):
    assert [(e["trigger"], e["event_type"]) for e in events_of(make_parsed, text)] == []


def test_each_event_keeps_its_own_date(make_parsed):
    events = events_of(make_parsed, "Missiles struck the city on Monday after drones attacked an airbase on Sunday.")
    found = [(e["sub_event_type"], e["date_start"]) for e in events]
    assert found == [(SHELLING[1], D(2022, 12, 5)), (AIR[1], D(2022, 12, 4))]


def test_a_date_does_not_jump_over_another_event(make_parsed):
    events = events_of(make_parsed, "Shelling resumed on Monday after the clashes.")
    assert [(e["event_type"], e["date_start"]) for e in events] == [(SHELLING[0], D(2022, 12, 5)), (CLASH[0], None)]
    assert events[1]["date_precision"] == "unknown"


def test_coordinated_events_share_their_date(make_parsed):
    events = events_of(make_parsed, "The vote set off mass protests and a brutal crackdown in 2020.")
    assert [(e["sub_event_type"], e["date_start"]) for e in events] == [
        ("Peaceful protest", D(2020, 1, 1)),
        ("Excessive force against protesters", D(2020, 1, 1)),
    ]


def test_a_reports_date_is_not_its_contents_date(make_parsed):
    events = events_of(make_parsed, "The mission released on Tuesday a report detailing executions of civilians.")
    assert [(e["trigger"], e["date_start"]) for e in events] == [("executions", None)]


def test_one_act_named_twice_is_one_event(make_parsed):
    events = events_of(make_parsed, "The missile strike that was launched Monday hit a power plant.")
    assert [(e["sub_event_type"], e["date_start"]) for e in events] == [(SHELLING[1], D(2022, 12, 5))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a report's date dates an act it tells in the simple past or as under way: the report
        # day is the act's latest day, and wire copy reports an act the day it happens
        ("The strike killed 13 people, officials said Monday.", D(2022, 12, 5)),
        ("Russian forces shelled the town, the governor said on Monday.", D(2022, 12, 5)),
        ("The governor said Monday that people were killed in missile strikes.", D(2022, 12, 5)),
        ("The governor said Monday Russian forces shelled the town.", D(2022, 12, 5)),
        ("The ministry announced Wednesday that it is moving troops north.", WED),
        ('"Russian forces shelled the town," the governor said Monday.', D(2022, 12, 5)),
        # an earlier act (past perfect after the report), a lasting one (present perfect) or one
        # not yet done keeps the report's date off
        ("Her family said Saturday she had been kidnapped.", None),
        ("The strike had killed 13 people, officials said Monday.", None),
        ("Russian forces have shelled the town for months, officials said Monday.", None),
        ("Russian forces will strike the town with missiles, officials said Monday.", None),
        # so does an act that is only a modifier, a relative clause or an anaphor
        ("The toll from the strike rose to 13, officials said Monday.", None),
        ("The governor said Monday that his warning about missile strikes was ignored.", None),
        ("The mayor said Monday that the strikes were a response.", None),
        ("The mayor, who survived the shelling, said Monday that he would stay.", None),
        ("The network said Tuesday that its cameraman was killed in the same attack.", None),
        # a report noun introducing the act: the report's subject, not its news
        ("The mission released on Tuesday a report detailing executions of civilians.", None),
        ("The president said in his Wednesday briefing that an incursion would draw a firm response.", None),
        # a report's date reaches the clause it introduces, quoted or not, but not a later one
        ('The aide said Saturday that "attacks by small drones" triggered the air defences.', D(2022, 12, 3)),
        ('The ministry said in a statement on Monday: "The corvette launched a missile attack."', D(2022, 12, 5)),
        ("A spokesperson told reporters on Monday, after Russian forces fired missiles at the city.", None),
        ("The official said on Monday, when Russia says its ships were attacked by drones.", None),
        # the act a report announces is dated by the announcement
        ("Putin announced on February 24 the invasion of Ukraine.", D(2022, 2, 24)),
        # a photo caption's dateline is the photo's date
        ("Rescuers search a building after a Russian attack in Kharkiv, Ukraine, Sunday, Dec. 4, 2022.", None),
        ("Russia invaded Ukraine on February 24, 2022.", D(2022, 2, 24)),
    ],
)
def test_dates_that_belong_to_a_report_or_photo(make_parsed, text, expected):
    events = events_of(make_parsed, text)
    assert len(events) == 1, [(e["trigger"], e["date_start"]) for e in events]
    assert events[0]["date_start"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a date opening the sentence frames every act in it, a backshifted past perfect too
        ("On Saturday, Ukraine claimed Russian forces had fired missiles at the plant.", D(2022, 12, 3)),
        ("Earlier Thursday, the army said rockets struck the depot.", D(2022, 12, 1)),
        ("In his Monday address, the president said Russian forces shelled the city.", D(2022, 12, 5)),
        ("On Saturday, Russian forces shelled the port and the army retook the village.", D(2022, 12, 3)),
        ("In an update on Saturday morning, the ministry said fighting continued near the city.", D(2022, 12, 3)),
        ("Even yesterday, two workers were killed by Russian attacks.", D(2022, 12, 6)),
        # but not an act still to come, nor one a report noun introduces
        ("On Saturday, the army said it would strike the port with drones.", None),
        ("On Monday, the mission released a report detailing executions of civilians.", None),
        ("On Monday, the governor toured the sites he had bombed in the war.", None),
        ("On Monday, the army said it had destroyed equipment stationed near the border.", None),
    ],
)
def test_a_date_opening_the_sentence_frames_its_acts(make_parsed, text, expected):
    events = events_of(make_parsed, text)
    assert events, text
    assert {e["date_start"] for e in events} == {expected}


def test_a_weapon_verb_spans_its_weapons(make_parsed):
    events = events_of(
        make_parsed,
        "Officials said the army had launched two ballistic missiles at the city on Sunday after the talks.",
    )
    assert [(e["event_type"], e["date_start"]) for e in events] == [
        (SHELLING[0], D(2022, 12, 4)),
        ("Strategic developments", None),
    ]


def test_passive_subject_is_the_target(make_parsed):
    (event,) = events_of(make_parsed, "Ukraine was attacked by Russia on Monday.")
    assert (event["actor1"], event["actor2"]) == ("Russia", "Ukraine")


def test_undated_events_never_get_the_publication_date(make_parsed):
    events = events_of(make_parsed, "Russian forces shelled the town.")
    assert [(e["date_start"], e["date_end"], e["date_precision"], e["date_text"]) for e in events] == [
        (None, None, "unknown", None)
    ]


def test_relative_dates_stay_unknown_without_publication_date(make_parsed):
    events = events_of(make_parsed, "Russian forces shelled the town on Monday.", None)
    assert [(e["date_start"], e["date_precision"]) for e in events] == [(None, "unknown")]


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("A Russian missile strike hit the port on Monday.", "Russia"),
        ("Ukrainian drone attacks damaged two airfields.", "Ukraine"),
    ],
)
def test_demonym_before_trigger_is_the_actor(make_parsed, text, actor1):
    assert [e["actor1"] for e in events_of(make_parsed, text)] == [actor1]


def test_actor_after_by_is_the_actor(make_parsed):
    (event,) = events_of(make_parsed, "The town was shelled on Monday by Russia.")
    assert event["actor1"] == "Russia"


def test_location_is_the_nearest_place_with_its_coordinates(make_parsed):
    (event,) = events_of(make_parsed, "Protesters rallied in Minsk on Saturday.")
    assert event["location"] == "Minsk"
    assert event["country_code"] == "BY"
    assert event["latitude"] == pytest.approx(53.9, abs=0.1)
    assert "Minsk" in event["summary"]


def test_rows_fit_the_table_contract(parsed_seed):
    rows = extract_events(parsed_seed)
    assert rows
    frame = validate("events", to_frame("events", rows))
    assert frame["event_id"].is_unique
    assert all(len(summary) <= 160 for summary in frame["summary"])


def test_lexicon_types_are_acled_and_phrases_unique():
    rows = load_triggers()
    phrases = [row.phrase for row in rows]
    assert len(phrases) == len(set(phrases))
    assert all(row.phrase == row.phrase.lower().strip() for row in rows)
    assert max(len(get_nlp().make_doc(phrase)) for phrase in phrases) <= MAX_PHRASE_TOKENS
    for row in rows:
        if row.event_type:
            assert row.sub_event_type in EVENT_TYPES[row.event_type]


def test_seed_events_land_on_their_dates(parsed_seed):
    """The seed's dated events (gold/seed.json holds the same facts for the evaluator)."""
    text = parsed_seed.document.text
    dated = {}
    for event in extract_events(parsed_seed):
        if event["date_start"] is not None:
            sentence = next(s for s in parsed_seed.sentences if s.sentence_id == event["sentence_id"])
            dated[(sentence.text[:40], event["trigger"])] = (
                event["event_type"],
                event["date_start"],
                event["date_end"],
            )
    expected = {
        "moving": (MOVES[0], D(2022, 12, 7), D(2022, 12, 7)),
        "suppression of a revolt": ("Protests", D(2020, 1, 1), D(2020, 12, 31)),
        "flight to": ("Strategic developments", D(2022, 12, 3), D(2022, 12, 3)),
        "stationed": (MOVES[0], D(2022, 10, 1), D(2022, 10, 31)),
        "move": (MOVES[0], D(2022, 12, 7), D(2022, 12, 9)),
        "missile strike": (SHELLING[0], D(2022, 12, 5), D(2022, 12, 5)),
        "special military operation": (CLASH[0], D(2022, 2, 1), D(2022, 2, 28)),
        "invading": (CLASH[0], D(2022, 2, 24), D(2022, 2, 24)),
    }
    by_trigger = {trigger: value for (_, trigger), value in dated.items()}
    for trigger, value in expected.items():
        assert by_trigger.get(trigger) == value, trigger
    assert "drone attacks" not in by_trigger  # the strike's Monday is not the drone attacks'
    assert len(text) > 0


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # the clause's verb decides, whether the trigger is that verb, its object or its subject
        ("Officials said Monday that Russian forces were shelling the port.", "shelling", D(2022, 12, 5)),
        ("Officials said Monday that two people died in the shelling.", "shelling", D(2022, 12, 5)),
        ("Officials said Monday that a drone attack on the port wounded two.", "drone attack", D(2022, 12, 5)),
        ("Officials said Monday that Russian troops were forced to withdraw.", "withdraw", D(2022, 12, 5)),
        ("Officials said Monday there was a drone attack on the port.", "drone attack", D(2022, 12, 5)),
        # an infinitive, an adjective or a participle is no act of the report's day
        ("Officials said Monday that Russia planned to assault the capital.", "assault", None),
        ("Officials said Monday that Kyiv refused to sign an agreement.", "agreement", None),
        ("Officials said Monday that the army had come to an agreement.", "agreement", None),
        ("Officials said Monday that they were visiting Russian-annexed Crimea.", "annexed", None),
    ],
)
def test_a_reports_date_follows_the_tense_of_the_act(make_parsed, text, trigger, expected):
    events = {e["trigger"]: e for e in events_of(make_parsed, text)}
    assert events[trigger]["date_start"] == expected


def test_a_date_opening_a_sentence_skips_an_aside_before_the_act(make_parsed):
    events = events_of(
        make_parsed, "On Monday, weeks before he left office, the minister visited Kyiv after the strikes."
    )
    assert {e["trigger"]: e["date_start"] for e in events}["visited"] == D(2022, 12, 5)


@pytest.mark.parametrize(
    "text",
    [
        # a clause, not an adverbial, before the comma
        "Before schools reopen on Sept. 1, volunteers cleared buildings destroyed in the bombardment.",
        # a relative clause inside the framed sentence is another time
        "On Monday, the army took the town that Russian forces had shelled since the summer.",
    ],
)
def test_a_date_frames_only_what_it_opens(make_parsed, text):
    dated = [(e["trigger"], e["date_start"]) for e in events_of(make_parsed, text) if e["trigger"] != "took"]
    assert all(date is None for _, date in dated), dated


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each part of an enumerated plural act is an event with its own date and place
        (
            "Russia carried out two strikes, one in March on a theatre in Mariupol and another in April "
            "on a station in Kramatorsk.",
            [("strikes (one)", D(2022, 3, 1), "Mariupol"), ("strikes (another)", D(2022, 4, 1), "Kramatorsk")],
        ),
        (
            "Two attacks hit the region: the first on Monday in Kharkiv and the second on Tuesday in Izium.",
            [("attacks (the first)", D(2022, 12, 5), "Kharkiv"), ("attacks (the second)", D(2022, 12, 6), "Izium")],
        ),
        # "one of" names no part, and a single act has none
        ("One of the strikes hit a school in Izium on Monday.", [("strikes", D(2022, 12, 5), "Izium")]),
        ("Russian forces shelled two towns, one of them Izium.", [("shelled", None, "Izium")]),
    ],
)
def test_each_part_of_an_enumerated_act_is_an_event(make_parsed, text, expected):
    found = [(e["trigger"], e["date_start"], e["location"]) for e in events_of(make_parsed, text)]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # acts of several words
        ("Russian helicopters dropped bombs on the village.", AIR),
        ("Russian forces fired on the plant.", SHELLING),
        ("The town came under fire.", SHELLING),
        ("The bridge was blown up.", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("Ukrainian forces repelled an attack near the town.", CLASH),
        ("Soldiers opened fire on the convoy.", CLASH),
        ("Gunmen took hostage two aid workers.", ("Violence against civilians", "Abduction/forced disappearance")),
        ("Moscow recognized the regions as independent.", ("Strategic developments", "Other")),
        ("The fleet held a naval exercise in the Baltic.", MOVES),
        # a weapon naming the act it modifies sets its type
        ("A rocket assault hit the city.", SHELLING),
        ("A drone assault hit the port.", AIR),
    ],
)
def test_acts_of_several_words_and_weapon_compounds(make_parsed, text, kind):
    events = events_of(make_parsed, text)
    assert [(e["event_type"], e["sub_event_type"]) for e in events] == [kind], [e["trigger"] for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "The minister recognized the difficulty of the talks.",
        "He declared that the talks would go on.",
        "The company pushed back the deadline.",
        "Russian tank assaults failed.",
    ],
)
def test_several_word_acts_need_their_context(make_parsed, text):
    found = [(e["trigger"], e["event_type"]) for e in events_of(make_parsed, text)]
    assert ("recognized", "Strategic developments") not in found
    assert all(trigger not in {"declared", "pushed back"} for trigger, _ in found)
    assert all(kind != "Explosions/Remote violence" for _, kind in found)


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # a speaker reports a violent act; the act's own subject did it
        ("Zelensky said Russian forces shelled Kharkiv on Monday.", "Russia"),
        ("Zelensky said drones attacked the port on Monday.", None),
        ("Drones attacked the port, according to Zelensky.", None),
        ("Drones attacked the port on Monday, said Zelensky.", None),
        # unless it reports its own act
        ("Russia said it shelled the port on Monday.", "Russia"),
        # an outlet and a photo credit are never the actor
        ("The New York Times reported that drones attacked the port.", None),
        ("A house destroyed in the shelling of Kharkiv (AP Photo/Evgeniy Maloletka).", None),
        # a possessive before a reporting word is no speaker
        ("She said Putin's announced strikes on the city began.", "Vladimir Putin"),
    ],
)
def test_speakers_outlets_and_credits_are_not_actors(make_parsed, text, actor1):
    events = events_of(make_parsed, text)
    assert [e["actor1"] for e in events] == [actor1]


def test_a_speaker_at_a_meeting_took_part_in_it(make_parsed):
    (event,) = events_of(make_parsed, "Zelensky told a meeting of ministers on Thursday that aid must grow.")
    assert event["actor1"] == "Volodymyr Zelensky"


@pytest.mark.parametrize(
    ("text", "trigger", "actor1", "date"),
    [
        # a headline or byline run into the story with no full stop is read apart from it
        ("The Take with Rick Klein The strikes on Kyiv killed two people.", "strikes", None, None),
        (
            "Missile attacks knock out power By Jane Doe in Kyiv Russian forces shelled the city on Monday.",
            "shelled",
            "Russia",
            D(2022, 12, 5),
        ),
        (
            "Missile attacks knock out power By Jane Doe in Kyiv Russian forces shelled the city on Monday.",
            "Missile attacks",
            None,
            None,
        ),
        # a title after a verb is no run-in
        (
            "Officials told The Associated Press that drones attacked the port on Monday.",
            "attacked",
            None,
            D(2022, 12, 5),
        ),
    ],
)
def test_a_headline_run_into_a_sentence_is_read_apart(make_parsed, text, trigger, actor1, date):
    events = {e["trigger"]: e for e in events_of(make_parsed, text)}
    assert (events[trigger]["actor1"], events[trigger]["date_start"]) == (actor1, date)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a speech noun dates its speech only right next to the date
        ("The announcement came Sunday as Ukrainian forces fought in the city.", "fought", D(2022, 12, 4)),
        # an opening phrase of what came before or after is no frame
        ("After the strikes of Sunday, many residents fled the city on foot.", "strikes", D(2022, 12, 4)),
        ("Before the talks on Monday, Russian forces shelled the port.", "shelled", None),
    ],
)
def test_opening_phrases_and_speech_nouns(make_parsed, text, trigger, expected):
    events = {e["trigger"]: e for e in events_of(make_parsed, text)}
    assert events[trigger]["date_start"] == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a date after the next clause's conjunction is that clause's
        ("Calls grew over the invasion, and the government in March declared sanctions.", "invasion", None),
        ("Russian forces shelled the town; on Monday talks resumed.", "shelled", None),
        # a date outside the relative clause of the act is not the act's
        ("Soldiers who captured the zone, were taken to a hospital today.", "captured", None),
        # a participle clause goes on with the act
        ("Russian forces shelled Kharkiv, killing three people on Monday.", "shelled", D(2022, 12, 5)),
    ],
)
def test_a_date_of_the_next_clause_stays_there(make_parsed, text, trigger, expected):
    events = {e["trigger"]: e for e in events_of(make_parsed, text)}
    assert events[trigger]["date_start"] == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a list's last item takes the date after the list; a clause of its own keeps its date
        (
            "Monitors documented executions, threats against civilians, and repeated rapes between 1 and 14 March.",
            "executions",
            D(2022, 3, 1),
        ),
        ('"Putin started this war and Putin could end it today," he said.', "started", None),
        # modifiers in quotes, hyphens and numbers are part of the act's phrase
        ("Last week, the two leaders held a two-hour video summit.", "summit", D(2022, 11, 28)),
        # a judgement on acts told before is no act of the day
        ("Over the weekend, the president said the attacks amounted to genocide.", "attacks", None),
        # the act's own passive takes its date
        ("The attack was carried out on Monday.", "attack", D(2022, 12, 5)),
    ],
)
def test_lists_joined_clauses_and_judgements(make_parsed, text, trigger, expected):
    events = {e["trigger"]: e for e in events_of(make_parsed, text)}
    assert events[trigger]["date_start"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a date before "in retaliation for", "after" or "following" is the earlier clause's
        (
            "Russia launched missile attacks on the grid on Monday in retaliation for an attack on the bridge.",
            [D(2022, 12, 5), None],
        ),
        ("Russia launched missile attacks on Monday following an attack on the bridge.", [D(2022, 12, 5), None]),
        # without one, a date after an act may still date the act after it
        ("The bridge was hit on Monday by an attack with drones.", [D(2022, 12, 5)]),
    ],
)
def test_a_date_before_a_connective_stays_with_the_earlier_act(make_parsed, text, expected):
    assert [e["date_start"] for e in events_of(make_parsed, text)] == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a report given "on his Telegram channel" or "in a statement" keeps its date
        (
            "A Russian missile hit a flat in Kyiv, the mayor wrote on his Telegram channel on Sunday.",
            "hit",
            D(2022, 12, 4),
        ),
        # a number noun leaves the act the head of its phrase; "such" is no anaphor
        ("On Sunday, a flurry of missile strikes on the city killed 13 people.", "missile strikes", D(2022, 12, 4)),
        ("On Friday, one such attack killed four people.", "attack", D(2022, 12, 2)),
        # the act a report names as its object is dated by it
        ("Local channels reported Thursday night the sound of explosions near the dam.", "explosions", D(2022, 12, 1)),
        # a possessive date is its noun's, whoever speaks before it
        ("A colonel said yesterday's bomber drills were a rehearsal.", "drills", D(2022, 12, 6)),
    ],
)
def test_reports_number_nouns_and_possessive_dates(make_parsed, text, trigger, expected):
    events = {e["trigger"]: e for e in events_of(make_parsed, text)}
    assert events[trigger]["date_start"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two verbs joined after the first's object share their date
        ("Russian forces shelled the port and captured the town on Monday.", [D(2022, 12, 5), D(2022, 12, 5)]),
        # a noun after "and" is another clause's
        ("Russian forces attacked the town and talks began on Monday.", [None, D(2022, 12, 5)]),
        # "as revenge for" brings in an earlier act, which keeps its own date
        ("Putin framed the attack as revenge for Friday's bombing of the bridge.", [None, D(2022, 12, 2)]),
    ],
)
def test_coordinated_verbs_and_revenge(make_parsed, text, expected):
    assert [e["date_start"] for e in events_of(make_parsed, text)] == expected


def test_a_second_participle_shares_the_first_ones_auxiliaries(make_parsed):
    text = '"He has been emboldened and empowered by the withdrawal of troops," the senator said Thursday.'
    assert [e["date_start"] for e in events_of(make_parsed, text)] == [None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a report to an addressee keeps its date off a judgement it reports
        ("The envoy told the council Tuesday that the cease-fire requests were insincere.", [None]),
        # a date after "after", "since" or "following" belongs to the act it brings in
        ("The attack came after Russian forces took the plant on February 24.", [None]),
        # but not a time of day
        ("Shelling resumed after midnight on Monday.", [D(2022, 12, 5)]),
    ],
)
def test_addressees_and_dates_after_a_connective(make_parsed, text, expected):
    assert [e["date_start"] for e in events_of(make_parsed, text)] == expected
