"""Date expressions resolved against the publication date (a Wednesday, 2022-12-07, unless
a case says otherwise)."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.extract.dates import find_dates, is_future_clause, is_speech_date, parse_dates
from lib.schema import DATE_PRECISIONS

WED = dt.date(2022, 12, 7)
D = dt.date


def only(text: str, published: dt.date | None = WED):
    mentions = parse_dates(text, published=published)
    assert len(mentions) == 1, [(m.text, m.date_start) for m in mentions]
    return mentions[0]


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        # weekdays: the publication weekday is that same day, never a week back
        ("Belarus announced Wednesday that it is moving troops.", D(2022, 12, 7), D(2022, 12, 7), "day"),
        ("The minister flew to Minsk on Saturday.", D(2022, 12, 3), D(2022, 12, 3), "day"),
        ("the barrage that was launched Monday", D(2022, 12, 5), D(2022, 12, 5), "day"),
        ("Officials said Thursday that talks would resume.", D(2022, 12, 1), D(2022, 12, 1), "day"),
        ("Sirens sounded late Tuesday night.", D(2022, 12, 6), D(2022, 12, 6), "day"),
        ("Monday's attack destroyed a bridge.", D(2022, 12, 5), D(2022, 12, 5), "day"),
        # a clause that looks ahead takes the next such day
        ("Leaders will meet on Friday in Minsk.", D(2022, 12, 9), D(2022, 12, 9), "day"),
        ("Talks are due to resume in Minsk on Thursday.", D(2022, 12, 8), D(2022, 12, 8), "day"),
        ("They meet next Friday.", D(2022, 12, 9), D(2022, 12, 9), "day"),
        ("The council is scheduled to vote on Wednesday.", D(2022, 12, 7), D(2022, 12, 7), "day"),
        ("On Sunday, the two leaders will sign the deal.", D(2022, 12, 11), D(2022, 12, 11), "day"),
        ("Exports would have to stop starting Tuesday.", D(2022, 12, 13), D(2022, 12, 13), "day"),
        ("The new rules will be rolled out on Friday.", D(2022, 12, 9), D(2022, 12, 9), "day"),
        ("The port was shelled last Monday.", D(2022, 12, 5), D(2022, 12, 5), "day"),
        ("The bridge reopened last Wednesday.", D(2022, 11, 30), D(2022, 11, 30), "day"),
        # day words
        ("Shelling resumed today.", WED, WED, "day"),
        ("Shelling resumed tonight.", WED, WED, "day"),
        ("Shelling resumed yesterday.", D(2022, 12, 6), D(2022, 12, 6), "day"),
        ("Drones struck last night.", D(2022, 12, 6), D(2022, 12, 6), "day"),
        ("Talks open tomorrow.", D(2022, 12, 8), D(2022, 12, 8), "day"),
        ("It may be war the day after tomorrow.", D(2022, 12, 9), D(2022, 12, 9), "day"),
        # weeks, months, years relative to publication
        ("Troops moved this week.", D(2022, 12, 5), D(2022, 12, 11), "week"),
        ("Troops moved last week.", D(2022, 11, 28), D(2022, 12, 4), "week"),
        ("Troops moved earlier this week.", D(2022, 12, 5), WED, "week"),
        ("It was agreed earlier this month.", D(2022, 12, 1), WED, "month"),
        ("It was agreed last month.", D(2022, 11, 1), D(2022, 11, 30), "month"),
        ("It was agreed last year.", D(2021, 1, 1), D(2021, 12, 31), "year"),
        ("It was agreed this year.", D(2022, 1, 1), D(2022, 12, 31), "year"),
        ("Attacks were reported over the weekend.", D(2022, 12, 3), D(2022, 12, 4), "range"),
        ("a revolt two years back", D(2020, 1, 1), D(2020, 12, 31), "year"),
        ("a revolt two years ago", D(2020, 1, 1), D(2020, 12, 31), "year"),
        ("the troops withdrew three weeks ago", D(2022, 11, 14), D(2022, 11, 20), "week"),
        ("the boy was born two days ago", D(2022, 12, 5), D(2022, 12, 5), "day"),
        ("the mayor was detained a month ago", D(2022, 11, 1), D(2022, 11, 30), "month"),
        # calendar dates
        ("The invasion began on February 24th.", D(2022, 2, 24), D(2022, 2, 24), "day"),
        ("The invasion began on Feb. 24.", D(2022, 2, 24), D(2022, 2, 24), "day"),
        ("The invasion began on 24 February.", D(2022, 2, 24), D(2022, 2, 24), "day"),
        ("The invasion began on the 24th of February.", D(2022, 2, 24), D(2022, 2, 24), "day"),
        ("The invasion began on February 24, 2022.", D(2022, 2, 24), D(2022, 2, 24), "day"),
        ("The invasion began on Thursday, Feb. 24, 2022.", D(2022, 2, 24), D(2022, 2, 24), "day"),
        ("Aggression started on 20 February 2014.", D(2014, 2, 20), D(2014, 2, 20), "day"),
        ("The depot burned on the night of March 3.", D(2022, 3, 3), D(2022, 3, 3), "day"),
        ("The summit on December 9 will go ahead.", D(2022, 12, 9), D(2022, 12, 9), "day"),
        ("The parade on May 9 will be held in Minsk.", D(2023, 5, 9), D(2023, 5, 9), "day"),
        ("The plan was published 2022-03-04.", D(2022, 3, 4), D(2022, 3, 4), "day"),
        ("The decree of 04.03.2022 applies.", D(2022, 3, 4), D(2022, 3, 4), "day"),
        ("The decree of 13/04/2022 applies.", D(2022, 4, 13), D(2022, 4, 13), "day"),
        ("Refugees have fled since Feb. 24, when the war began.", D(2022, 2, 24), D(2022, 2, 24), "day"),
        ("It was signed in December 2022.", D(2022, 12, 1), D(2022, 12, 31), "month"),
        ("It was signed in September, 2021.", D(2021, 9, 1), D(2021, 9, 30), "month"),
        ("Elections were held in 2021.", D(2021, 1, 1), D(2021, 12, 31), "year"),
        ("Fighting has gone on since 2014, when the war began.", D(2014, 1, 1), D(2014, 12, 31), "year"),
        ("the 2014 annexation of Crimea", D(2014, 1, 1), D(2014, 12, 31), "year"),
        ("protests after the disputed vote (2020)", D(2020, 1, 1), D(2020, 12, 31), "year"),
        ("The president - in office since 1994 - won again.", D(1994, 1, 1), D(1994, 12, 31), "year"),
        # months without a year: the latest not after publication, or the next when ahead
        ("the operation, launched in February, claimed", D(2022, 2, 1), D(2022, 2, 28), "month"),
        ("The leaders will meet in February.", D(2023, 2, 1), D(2023, 2, 28), "month"),
        ("The plant has run in Tajikistan since May.", D(2022, 5, 1), D(2022, 5, 31), "month"),
        ("Soldiers have been stationed in Belarus since October.", D(2022, 10, 1), D(2022, 10, 31), "month"),
        ("The summit last September was tense.", D(2022, 9, 1), D(2022, 9, 30), "month"),
        ("They met in Moscow in December.", D(2022, 12, 1), D(2022, 12, 31), "month"),
        # parts of months, ranges
        ("The town fell in early March.", D(2022, 3, 1), D(2022, 3, 10), "range"),
        ("The town fell in mid-March.", D(2022, 3, 11), D(2022, 3, 20), "range"),
        ("The town fell in late March.", D(2022, 3, 21), D(2022, 3, 31), "range"),
        ("Deaths reported at the end of October.", D(2022, 10, 21), D(2022, 10, 31), "range"),
        ("Troops arrived at the beginning of November 2021.", D(2021, 11, 1), D(2021, 11, 10), "range"),
        ("The last week of February was calm.", D(2022, 2, 22), D(2022, 2, 28), "range"),
        ("Strikes hit between 10 and 15 March.", D(2022, 3, 10), D(2022, 3, 15), "range"),
        ("Votes were held Sept. 23-27 in four regions.", D(2022, 9, 23), D(2022, 9, 27), "range"),
        ("The report covers from February 24 to March 15.", D(2022, 2, 24), D(2022, 3, 15), "range"),
        ("The report covers between Feb. 1 and July 31.", D(2022, 2, 1), D(2022, 7, 31), "range"),
        ("The report covers between Feb. 1 and July.", D(2022, 2, 1), D(2022, 7, 31), "range"),
        ("The mission ran from 2014 to 2022.", D(2014, 1, 1), D(2022, 12, 31), "range"),
        ("Ten people were killed in the past 24 hours.", D(2022, 12, 6), WED, "range"),
        ("Two towns were shelled over the past week.", D(2022, 11, 30), WED, "range"),
        ("Troops would move over the coming two days.", WED, D(2022, 12, 9), "range"),
        ("Troops would move in the next three days.", WED, D(2022, 12, 10), "range"),
        ("He ordered a census before the year ends.", WED, D(2022, 12, 31), "range"),
        ("He ordered a census by the end of the year.", WED, D(2022, 12, 31), "range"),
        ("Relations soured in the 1990s.", D(1990, 1, 1), D(1999, 12, 31), "range"),
        ("Grain may rot by this autumn.", D(2022, 9, 1), D(2022, 11, 30), "range"),
        ("Blackouts are feared this winter.", D(2022, 12, 1), D(2023, 2, 28), "range"),
    ],
)
def test_resolves_expression_against_publication(text, start, end, precision):
    mention = only(text)
    assert (mention.date_start, mention.date_end, mention.precision) == (start, end, precision)
    assert mention.precision in DATE_PRECISIONS


@pytest.mark.parametrize(
    "text",
    [
        "A 9-year-old girl was killed.",
        "24 soldiers were killed.",
        "The blasts came at 10 a.m. and again at 5:30 p.m.",
        "Belarus may send troops.",
        "Belarus May Send Troops, Analysts Warn",
        "Thousands joined a march on Kyiv.",
        "They will march to the border.",
        "Some 2,000 troops crossed the border.",
        "Some 2000 troops crossed the border.",
        "In 2000 villages power was cut.",
        "Shoppers queued on Black Friday.",
        "The guns fall silent on Mondays.",
        "The next day the convoy moved on.",
        "Fighting may worsen in the coming days.",
        "For a number of months Belarus has prepared.",
        "Recent weeks saw more troops.",
        "The 24th brigade held the line.",
        "The dates 03/04/2022 are ambiguous.",
        "Theresa May and Boris Johnson spoke.",
        "The 2022 figure rose 15% from 1,900 to 2,100.",
        "Resolution 2623 passed with 141 votes.",
        "The drone flew 2021 kilometres.",
        "They hit 1999 targets.",
    ],
)
def test_finds_no_date_in_non_dates(text):
    found = [(m.text, m.date_start) for m in parse_dates(text, published=WED) if m.text not in {"2022"}]
    assert found == []


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the same weekday as publication is that day, whatever the weekday
        ("said Sunday", D(2022, 8, 28), D(2022, 8, 28)),
        ("said Monday", D(2022, 10, 10), D(2022, 10, 10)),
        ("said Saturday", D(2022, 10, 10), D(2022, 10, 8)),
        # a month and day within a week after publication keeps the year (time zones, datelines)
        ("The ministry said on 27 February.", D(2022, 2, 26), D(2022, 2, 27)),
        # otherwise a past month and day goes back a year
        ("The attack on 20 December killed two.", D(2022, 12, 7), D(2021, 12, 20)),
        ("The attack on January 5 killed two.", D(2022, 12, 7), D(2022, 1, 5)),
        ("The attack in November killed two.", D(2023, 1, 26), D(2022, 11, 1)),
    ],
)
def test_anchors_on_each_publication_date(text, published, expected):
    assert only(text, published).date_start == expected


@pytest.mark.parametrize(
    ("text", "precision", "start"),
    [
        ("announced Wednesday", "unknown", None),
        ("since October", "unknown", None),
        ("two years ago", "unknown", None),
        ("on February 24", "unknown", None),
        ("on February 24, 2022", "day", D(2022, 2, 24)),
        ("in December 2022", "month", D(2022, 12, 1)),
        ("in 2014.", "year", D(2014, 1, 1)),
    ],
)
def test_without_publication_date_keeps_relative_unresolved(text, precision, start):
    mention = only(text, None)
    assert (mention.precision, mention.date_start) == (precision, start)
    assert (mention.date_end is None) == (start is None)


@pytest.mark.parametrize(
    ("text", "expected_text"),
    [
        ("flew to Minsk on Saturday.", "Saturday"),
        ("launched in February, it", "February"),
        ("stationed since October.", "since October"),
        ("killed at the end of October.", "end of October"),
        ("moving over the coming two days.", "over the coming two days"),
        ("said in 2014.", "2014"),
    ],
)
def test_mention_text_keeps_meaningful_words_only(text, expected_text):
    assert only(text).text == expected_text


@pytest.mark.parametrize(
    ("text", "future"),
    [
        ("Leaders will meet on Friday", True),
        ("The vote is due to be held on Friday", True),
        ("Officials said troops would move on Friday", True),
        ("Officials said on Friday", False),
        ("The strike was launched on Friday", False),
        ("It would have struck on Friday", False),
        ("Britain is to send guns, despite a threat on Friday", False),
    ],
)
def test_reads_tense_of_the_clause(text, future):
    start = text.index("Friday")
    assert is_future_clause(text, start, start + len("Friday")) is future


def test_implausible_years_are_dropped():
    assert parse_dates("It happened in 2031.", published=WED) == []
    assert [m.date_start for m in parse_dates("It happened in 2024.", published=WED)] == [D(2024, 1, 1)]


def test_dates_stay_inside_their_sentence(make_parsed):
    parsed = make_parsed("Troops moved on Saturday. Talks will open on Friday.\nThe report covers events in 2021.")
    found = [(m.sentence, m.text, m.date_start) for m in parsed.dates]
    assert found == [(0, "Saturday", D(2022, 12, 3)), (1, "Friday", D(2022, 12, 9)), (2, "2021", D(2021, 1, 1))]
    assert all(
        parsed.sentences[m.sentence].start <= m.start < m.end <= parsed.sentences[m.sentence].end for m in parsed.dates
    )


def test_seed_dates_land_on_the_calendar(parsed_seed):
    found = {(m.text, m.date_start, m.date_end, m.precision) for m in find_dates(parsed_seed)}
    expected = {
        ("Wednesday", D(2022, 12, 7), D(2022, 12, 7), "day"),
        ("Saturday", D(2022, 12, 3), D(2022, 12, 3), "day"),
        ("two years back", D(2020, 1, 1), D(2020, 12, 31), "year"),
        ("since October", D(2022, 10, 1), D(2022, 10, 31), "month"),
        ("before the year ends", D(2022, 12, 7), D(2022, 12, 31), "range"),
        ("over the coming two days", D(2022, 12, 7), D(2022, 12, 9), "range"),
        ("Monday", D(2022, 12, 5), D(2022, 12, 5), "day"),
        ("February", D(2022, 2, 1), D(2022, 2, 28), "month"),
        ("February 24th", D(2022, 2, 24), D(2022, 2, 24), "day"),
        ("end of October", D(2022, 10, 21), D(2022, 10, 31), "range"),
    }
    assert expected <= found
    # nothing but these (Wednesday occurs three times)
    assert len(find_dates(parsed_seed)) == 12


@pytest.mark.parametrize(
    ("text", "expected_text", "year"),
    [
        # a determiner or possessive before a year and a noun after it
        ("They recalled the 2014 occupation of Crimea.", "2014", 2014),
        ("Kyiv marked Ukraine's 1991 declaration of independence.", "1991", 1991),
        ("It was the worst since the 1944 Warsaw Uprising.", "1944", 1944),
        # a preposition and any word that is not a count
        ("The family moved to Israel in 1990 from Kharkiv.", "1990", 1990),
        ("He was jailed and in 2019 began a hunger strike.", "2019", 2019),
        ("Rates will not rise until at least 2024.", "2024", 2024),
        ("The country fell back into 1992 when prices soared.", "1992", 1992),
        ("Russia annexed Crimea in 2014 -- a breach of law.", "2014", 2014),
        ("NATO had prepared since 2014–that is, for years.", "since 2014", 2014),
    ],
)
def test_reads_years_by_the_words_around_them(text, expected_text, year):
    mention = only(text)
    assert (mention.text, mention.date_start, mention.date_end) == (expected_text, D(year, 1, 1), D(year, 12, 31))


@pytest.mark.parametrize(
    "text",
    [
        "The 2000 troops crossed at dawn.",
        "Power returned in 2000 people's homes.",
        "Its 2022 dividends were cut.",
        "The convoy covered a 2000 km route.",
        "© 2022 BBC. All rights reserved.",
    ],
)
def test_counts_after_determiners_are_not_years(text):
    assert [(m.text, m.date_start) for m in parse_dates(text, published=WED)] == []


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Talks were held on 5, 6, and 7 May in Istanbul.", D(2022, 5, 5), D(2022, 5, 7)),
        ("Talks were held on May 5, 6 and 7 in Istanbul.", D(2022, 5, 5), D(2022, 5, 7)),
        ("Talks were held on 12, 13 and 14 October.", D(2022, 10, 12), D(2022, 10, 14)),
    ],
)
def test_a_list_of_days_is_a_range(text, start, end):
    mention = only(text)
    assert (mention.date_start, mention.date_end, mention.precision) == (start, end, "range")


def test_a_day_and_a_count_after_it_are_no_list():
    assert [(m.text, m.date_end) for m in parse_dates("On May 5, 6 people died.", published=WED)] == [
        ("May 5", D(2022, 5, 5))
    ]


@pytest.mark.parametrize(
    ("text", "published", "start", "end", "precision"),
    [
        # counted from the invasion of 24 February 2022, the first day being the 24th
        ("The city fell on the third day of fighting.", D(2022, 2, 27), D(2022, 2, 26), D(2022, 2, 26), "day"),
        ("It was day 100 of the war.", D(2022, 6, 3), D(2022, 6, 3), D(2022, 6, 3), "day"),
        ("It was the 10th day of Russia's invasion.", D(2023, 5, 1), D(2022, 3, 5), D(2022, 3, 5), "day"),
        ("It came 15 days into Putin's invasion.", D(2022, 3, 12), D(2022, 3, 11), D(2022, 3, 11), "day"),
        ("Three weeks into the invasion, talks stalled.", D(2022, 3, 20), D(2022, 3, 14), D(2022, 3, 20), "week"),
        ("Six months into the war, the front held.", D(2022, 8, 25), D(2022, 8, 1), D(2022, 8, 31), "month"),
    ],
)
def test_counts_days_of_the_war_from_the_invasion(text, published, start, end, precision):
    mention = only(text, published)
    assert (mention.date_start, mention.date_end, mention.precision) == (start, end, precision)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # an unnamed war whose count lands far from publication is some other war or battle
        ("It was the third day of fighting in the city.", D(2022, 9, 1)),
        ("On the 10th day of the war, the army advanced.", D(2023, 10, 16)),
        # before the invasion there is no count to read
        ("It was the third day of the offensive.", D(2021, 5, 1)),
        # a day of something else
        ("It was the first day of the talks.", D(2022, 3, 2)),
    ],
)
def test_days_of_other_things_are_not_war_days(text, published):
    assert [(m.text, m.date_start) for m in parse_dates(text, published=published)] == []


@pytest.mark.parametrize(
    ("text", "quoted", "expected"),
    [
        # a speech dated in the attribution: "today" and "yesterday" in it are that day's
        ('"Today the enemy shelled Kharkiv," he said in his Monday address.', "Today", D(2022, 12, 5)),
        ('He said on Monday: "Yesterday they struck Odesa. Today they hit Kyiv."', "Yesterday", D(2022, 12, 4)),
        ('He said on Monday: "Yesterday they struck Odesa. Today they hit Kyiv."', "Today", D(2022, 12, 5)),
        (
            'In a statement on Friday, it said: "Over the past 24 hours, towns were shelled."',
            "past 24 hours",
            D(2022, 12, 1),
        ),
        # an undated speech, or a date that is no speech's, leaves publication the anchor
        ('"Today we are stronger," he said.', "Today", WED),
        ('Troops left on Monday. "Today we are stronger," he said.', "Today", WED),
        ('On Monday he said the city was calm. Later, a soldier added: "Today it is quiet."', "Today", WED),
    ],
)
def test_quoted_speech_is_dated_by_its_day(make_parsed, text, quoted, expected):
    parsed = make_parsed(text)
    mention = next(m for m in parsed.dates if quoted in m.text)
    assert mention.date_start == expected


def test_a_quotation_that_goes_on_after_its_attribution_keeps_the_speech_day(make_parsed):
    parsed = make_parsed('"We held the line," he said on Monday. "Today the city is calm."')
    assert [(m.text, m.date_start) for m in parsed.dates] == [("Monday", D(2022, 12, 5)), ("Today", D(2022, 12, 5))]


@pytest.mark.parametrize(
    ("text", "speech"),
    [
        ("The ministry said on Monday that the port was hit.", True),
        ("He said late on Monday that the port was hit.", True),
        ("In his Monday address, he spoke of the port.", True),
        ("The ministry issued a statement on Monday about the port.", True),
        ("Monday's briefing covered the port.", True),
        ("Russian forces shelled the port on Monday, officials said.", False),
        ("The announcement came Monday as the port burned.", False),
        ("Drones hit the port on Monday.", False),
        ("The mayor wrote on his Telegram channel on Monday that the port was hit.", True),
        ("He told CNN in an interview on Monday that the port was hit.", True),
        ("He claimed victory in disputed elections on Monday.", False),
        ("The envoy told the Security Council on Monday that talks failed.", True),
        ("He said Monday's strikes hit the port.", False),
    ],
)
def test_tells_a_speech_date_from_an_act_date(text, speech):
    start = text.index("Monday")
    assert is_speech_date(text, start, start + len("Monday")) is speech


@pytest.mark.parametrize(
    "text",
    [
        "It was annexed in 2014, as early as  2013 or since\t2020 when Ukraine's 1991 vote, the 2000 troops, mid-2022.",
        "Two weeks ago, a couple of   days back and 15 days ago the talks began; three years back they failed.",
        "In the past 24 hours, over the coming two days and during the last week, the next day.",
        "On the third day of the war, day 100 of Russia's full-scale invasion and 15 days into the fighting.",
        "the twenty-seventh day of the special military operation, six months into Putin's war of aggression",
    ],
)
def test_rules_with_a_core_find_what_their_regex_finds(text):
    from lib.extract.dates import RULES, _matches  # the search that skips to the rule's cores

    for rule in (rule for rule in RULES if rule.core is not None):
        for start in range(0, len(text), 3):
            for end in (len(text), len(text) - 7):
                expected = [m.span() for m in rule.pattern.finditer(text, start, end)]
                assert [m.span() for m in _matches(rule, text, start, end)] == expected, rule.name
