"""Casualty figures: which numbers are casualty counts, of whom, what happened to them, who did
it, who says so, where, and whether the figure is a running tally."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from lib.document import Document
from lib.extract.casualties import extract_casualties, normalize_described, parse_figures
from lib.ingest import load_document
from lib.lexicon import normalize_actor
from lib.mentions import Parsed
from lib.pipeline import parse
from lib.schema import OUTCOMES, POPULATIONS, QUALIFIERS, SCOPES, to_frame, validate

# The sentence before every test sentence: war reporting, where "died" and "deaths" are casualties.
WAR = ("Russian forces shelled the region overnight.",)


def figures(text: str, context: tuple[str, ...] = WAR) -> list[tuple]:
    """(low, high, qualifier, population, outcome) of every filed figure in a sentence."""
    return [
        (f.quantity.low, f.quantity.high, f.quantity.qualifier, f.population, f.outcome)
        for f in parse_figures(text, context=context)
        if f.outcome != "combined"
    ]


@pytest.mark.parametrize(
    ("sentence", "context", "expected"),
    [
        ("Officials recorded 2,345 deaths.", WAR, [2345]),
        ("Officials recorded 2,345 deaths.", (), []),
        ("Two people died of COVID-19 at the hospital.", ("Cases rose again.",), []),
        ("Two people died in the attack.", (), [2]),
        ("Two civilians died.", (), [2]),
        # killing needs no context
        ("Gunmen killed 12 people.", (), [12]),
    ],
)
def test_deaths_count_as_casualties_only_near_violence(
    sentence: str, context: tuple[str, ...], expected: list[int]
) -> None:
    assert [f[0] for f in figures(sentence, context)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the counted people, then what happened to them
        (
            "12 people were killed and 30 wounded.",
            [(12, 12, "exact", "unspecified", "killed"), (30, 30, "exact", "unspecified", "injured")],
        ),
        ("Two civilians died.", [(2, 2, "exact", "civilian", "killed")]),
        ("More than 40 Ukrainian servicemen were killed.", [(40, None, "more_than", "military", "killed")]),
        ("5,000 Russian soldiers have been killed, Ukraine says.", [(5000, 5000, "exact", "military", "killed")]),
        (
            "At least six people have died and 15 were injured.",
            [(6, None, "at_least", "unspecified", "killed"), (15, 15, "exact", "unspecified", "injured")],
        ),
        ("Between 40 and 50 troops are missing.", [(40, 50, "about", "military", "missing")]),
        ("Twenty soldiers were taken prisoner.", [(20, 20, "exact", "military", "captured")]),
        ("About 60 others were reportedly wounded.", [(60, 60, "about", "unspecified", "injured")]),
        # a noun that is the count
        ("The war has resulted in thousands of deaths.", [(2000, 9999, "vague", "unspecified", "killed")]),
        ("Officials recorded 2,345 deaths.", [(2345, 2345, "exact", "unspecified", "killed")]),
        ("Rescuers found dozens of bodies.", [(24, 99, "vague", "unspecified", "killed")]),
        ("Hundreds of dead civilians were discovered.", [(200, 999, "vague", "civilian", "killed")]),
        # a verb or noun before the figure
        ("The strike was killing at least 10 people.", [(10, None, "at_least", "unspecified", "killed")]),
        (
            "Shelling killed at least five people and wounded 15.",
            [(5, None, "at_least", "unspecified", "killed"), (15, 15, "exact", "unspecified", "injured")],
        ),
        ("The death toll rose to 18.", [(18, 18, "exact", "unspecified", "killed")]),
        ("The death toll rose from 12 to 18 on Monday.", [(18, 18, "exact", "unspecified", "killed")]),
        ("The blast claimed the lives of 14.", [(14, 14, "exact", "unspecified", "killed")]),
        ("The attack left 3 dead.", [(3, 3, "exact", "unspecified", "killed")]),
        ("The shelling left dozens injured.", [(24, 99, "vague", "unspecified", "injured")]),
        ("A report detailed the deaths of 441 civilians.", [(441, 441, "exact", "civilian", "killed")]),
        ("Russia says it has killed 200 Ukrainian troops.", [(200, 200, "exact", "military", "killed")]),
        ("Ukrainian forces captured 30 Russian soldiers.", [(30, 30, "exact", "military", "captured")]),
        # one person
        ("A 9-year-old girl was killed.", [(1, 1, "exact", "civilian", "killed")]),
        ("The union mourned the death of a 19-year-old athlete.", [(1, 1, "exact", "civilian", "killed")]),
        ("A Russian general, named by state media, was killed.", [(1, 1, "exact", "military", "killed")]),
        ("One person has been killed.", [(1, 1, "exact", "unspecified", "killed")]),
        # parts and lists share the casualty word of the whole
        (
            "He said 38 of the 50 people killed died at the scene.",
            [(38, 38, "exact", "unspecified", "killed"), (50, 50, "exact", "unspecified", "killed")],
        ),
        (
            "The toll includes 1,406 men, 927 women and nearly 200 children.",
            [
                (1406, 1406, "exact", "unspecified", "killed"),
                (927, 927, "exact", "civilian", "killed"),
                (200, 200, "at_most", "civilian", "killed"),
            ],
        ),
        # a part named inside the whole is its own figure
        (
            "At least 50 people, including five children, were killed.",
            [(50, None, "at_least", "unspecified", "killed"), (5, 5, "exact", "civilian", "killed")],
        ),
        # populations: inherited by a figure that names nobody, "people" civilian in civilian context
        (
            "A total of 262 children have been killed and 467 injured.",
            [(262, 262, "exact", "civilian", "killed"), (467, 467, "exact", "civilian", "injured")],
        ),
        (
            "At least six civilians were killed and 31 others wounded.",
            [(6, None, "at_least", "civilian", "killed"), (31, 31, "exact", "civilian", "injured")],
        ),
        ("A strike on a train station killed 50 people.", [(50, 50, "exact", "civilian", "killed")]),
        ("The invaders had lost 15,000 to 20,000 dead.", [(15000, 20000, "about", "military", "killed")]),
        # prisoners can be the object of a verb before them
        ("An attack on the prison killed 50 Ukrainian POWs.", [(50, 50, "exact", "military", "killed")]),
        (
            "Strikes killed 19 people, wounded more than 100 and cut power.",
            [(19, 19, "exact", "unspecified", "killed"), (100, None, "more_than", "unspecified", "injured")],
        ),
        ("The blast claimed the lives of two dozen people.", [(24, 24, "exact", "unspecified", "killed")]),
        # number words and non-numeric phrasings
        ("Four journalists were among the injured.", [(4, 4, "exact", "civilian", "injured")]),
        ("Two soldiers were among the dead.", [(2, 2, "exact", "military", "killed")]),
        ("Among the wounded were 12 children.", [(12, 12, "exact", "civilian", "injured")]),
        ("Residents have been burying up to 9,000 people.", [(9000, 9000, "up_to", "unspecified", "killed")]),
        ("Drunk soldiers shot and killed a 10-year-old girl.", [(1, 1, "exact", "civilian", "killed")]),
        (
            "The strike killed a man and wounded a woman.",
            [(1, 1, "exact", "unspecified", "killed"), (1, 1, "exact", "civilian", "injured")],
        ),
        ("Two journalists were shot and wounded on Saturday.", [(2, 2, "exact", "civilian", "injured")]),
        ("Three people killed in the attack were buried on Monday.", [(3, 3, "exact", "unspecified", "killed")]),
        ("Three people who died in the attack were buried.", [(3, 3, "exact", "unspecified", "killed")]),
        ("Thousands may have been killed there alone.", [(2000, 9999, "vague", "unspecified", "killed")]),
        (
            "At least 300 people taking shelter at a theatre were killed.",
            [(300, None, "at_least", "civilian", "killed")],
        ),
        (
            "The father of a man who was reportedly killed by a rocket mourns.",
            [(1, 1, "exact", "unspecified", "killed")],
        ),
        ("As many as 600 people died in the theatre.", [(600, 600, "up_to", "civilian", "killed")]),
        # a quoted count, torture before death, members of a group, a neighbour
        ('The army was accused of killing "several civilians" near Irpin.', [(3, 9, "vague", "civilian", "killed")]),
        (
            "Hundreds of Ukrainians are believed to have been tortured and killed.",
            [(200, 999, "vague", "unspecified", "killed")],
        ),
        ("Four members of the team have died in the invasion.", [(4, 4, "exact", "unspecified", "killed")]),
        ("Residents told of a neighbour shot dead in the village.", [(1, 1, "exact", "unspecified", "killed")]),
        # a floor carries to a bare figure that shares its verb, not to one with its own noun or verb
        (
            "At least 902 killed and 1,459 injured.",
            [(902, None, "at_least", "unspecified", "killed"), (1459, None, "at_least", "unspecified", "injured")],
        ),
        (
            "More than 300 civilians have been killed and 600 injured.",
            [(300, None, "more_than", "civilian", "killed"), (600, None, "more_than", "civilian", "injured")],
        ),
        # counted people listed before a figure share its fate
        (
            "Six adults and 11 children were killed.",
            [(6, 6, "exact", "unspecified", "killed"), (11, 11, "exact", "civilian", "killed")],
        ),
        (
            "On Monday, two soldiers, three medics and 11 children were wounded.",
            [
                (2, 2, "exact", "military", "injured"),
                (3, 3, "exact", "civilian", "injured"),
                (11, 11, "exact", "civilian", "injured"),
            ],
        ),
        ("Russia holds 2,000 soldiers and 11 children were killed.", [(11, 11, "exact", "civilian", "killed")]),
        # prisoners listed after people injured were injured, not captured
        (
            "The strike injured at least eight employees and over 70 POWs held there.",
            [(8, None, "at_least", "unspecified", "injured"), (70, None, "more_than", "military", "injured")],
        ),
        # a relative clause between the people and their fate; a part named in it is no figure of its own
        (
            "A further 38 people, which include a pregnant woman, have been injured.",
            [(38, 38, "exact", "unspecified", "injured")],
        ),
        ("The attack left 50 prisoners dead.", [(50, 50, "exact", "military", "killed")]),
        ("Russia holds 2,000 prisoners.", [(2000, 2000, "exact", "military", "captured")]),
        # a part named with a possessive is the counted people; "of the" is a part of a whole
        ("The military said 498 of its troops had died.", [(498, 498, "exact", "military", "killed")]),
        ("Two of his colleagues were killed.", [(2, 2, "exact", "unspecified", "killed")]),
        # a past war compared after a dash is not the figure's clause
        (
            "Russia says 30,000 soldiers have been killed so far - double the toll of the Afghan war in the 1980s.",
            [(30000, 30000, "exact", "military", "killed")],
        ),
        # a participle between the people and their fate
        ("Two journalists working for Fox News were killed.", [(2, 2, "exact", "civilian", "killed")]),
        (
            "The death toll in the city is believed to be well over 10,000.",
            [(10000, None, "more_than", "unspecified", "killed")],
        ),
        # a death count inside a combined total is filed; the total is not
        (
            "The mission verified 5,264 civilian casualties, including 2,345 deaths.",
            [(2345, 2345, "exact", "civilian", "killed")],
        ),
    ],
)
def test_parse_figures_reads_count_population_and_outcome(sentence: str, expected: list[tuple]) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "person", "expected"),
    [
        ("Pasha Lee, an actor from Crimea, was killed in Irpin on Sunday.", "Pasha Lee", [(1, "civilian", "killed")]),
        (
            "The Ukrainian actress Oksana Shvets was killed in a rocket attack.",
            "Oksana Shvets",
            [(1, "civilian", "killed")],
        ),
        (
            "Ukrainian forces killed Russian General Oleg Mityaev near Mariupol.",
            "Oleg Mityaev",
            [(1, "military", "killed")],
        ),
        ("Its reporter Victoria Roshchina had gone missing.", "Victoria Roshchina", [(1, "civilian", "missing")]),
        (
            "Artem Datsishin, a dancer with the National Opera, died on Thursday.",
            "Artem Datsishin",
            [(1, "civilian", "killed")],
        ),
        # a named person who is not a casualty
        ("Pavlo Kyrylenko said the station was hit.", "Pavlo Kyrylenko", []),
        ("Experts suggest Moscow itself attempted to kill Dugin.", "Dugin", []),
        ("Infantrymen had likely captured Sychevoi, the Kyiv Post said.", "Sychevoi", []),
        ("Zelensky killed time before the briefing, said Oleksiy Arestovych.", "Oleksiy Arestovych", []),
    ],
)
def test_parse_figures_counts_a_named_person_once(sentence: str, person: str, expected: list[tuple]) -> None:
    start = sentence.index(person)
    found = parse_figures(sentence, context=WAR, persons=[(start, start + len(person))])
    assert [(f.quantity.low, f.population, f.outcome) for f in found] == expected


@pytest.mark.parametrize(
    ("sentence", "people", "expected"),
    [
        # people named together share one figure
        ("Pasha Lee and Oksana Shvets were killed in Irpin.", ["Pasha Lee", "Oksana Shvets"], [(2, "unspecified")]),
        (
            "Shelling killed journalist Maks Levin, Oleh Petrenko and Ivan Sydorenko.",
            ["Maks Levin", "Oleh Petrenko", "Ivan Sydorenko"],
            [(3, "civilian")],
        ),
        (
            "Andy Huynh, 27, and Alexander Drueke, 39, went missing.",
            ["Andy Huynh", "Alexander Drueke"],
            [(2, "unspecified")],
        ),
        (
            "We met the son of Svetlana Mykolayivna who was shot dead at home.",
            ["Svetlana Mykolayivna"],
            [(1, "unspecified")],
        ),
        # a speaker in apposition is no casualty
        (
            "Sergiy Kyslytsya, told the council that Kyiv was under fire and that 352 people had been killed.",
            ["Sergiy Kyslytsya"],
            [(352, "unspecified")],
        ),
        # people named together who speak or act are no casualty
        ("Zelensky and Biden said 12 people were killed.", ["Zelensky", "Biden"], [(12, "unspecified")]),
        # a relative clause after the names may hold verbs
        (
            "Aiden Aslin and Shaun Pinner, who had both lived in Ukraine, were taken captive.",
            ["Aiden Aslin", "Shaun Pinner"],
            [(2, "unspecified")],
        ),
        ("Putin has killed his opponents.", ["Putin"], []),
        ("Zelensky met Biden, then a general was killed.", ["Zelensky", "Biden"], [(1, "military")]),
    ],
)
def test_parse_figures_counts_people_named_together(sentence: str, people: list[str], expected: list[tuple]) -> None:
    spans = [(sentence.index(p), sentence.index(p) + len(p)) for p in people]
    found = parse_figures(sentence, context=WAR, persons=spans)
    assert [(f.quantity.low, f.population) for f in found if f.outcome != "combined"] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Every day, 60 to 100 soldiers are killed.", []),
        ("Shelling goes on daily, and on Monday 12 people were killed.", [12]),
        ("Up to 200 troops die each week, while 40 civilians were killed in Kharkiv.", [40]),
        ("Russia loses hundreds a day, and so far 15,000 soldiers have been killed.", [15000]),
        ("The daily report said 12 people were killed.", [12]),
        ("A day after the strike, 12 people were found dead.", [12]),
    ],
)
def test_parse_figures_drops_rates_set_up_earlier_in_the_sentence(sentence: str, expected: list[int]) -> None:
    assert [f[0] for f in figures(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "context", "expected"),
    [
        # a count that names nobody, where the sentences before speak of civilians
        ("Most were in the east, with 2,050 confirmed deaths.", ("The mission counts civilian deaths.",), "civilian"),
        ("Rescuers found dozens of bodies.", ("A missile hit a shopping mall.",), "civilian"),
        # ... but not when the civilians are another figure's part, or soldiers are counted
        ("The war has caused thousands of deaths, with at least 6,700 civilians killed.", WAR, "unspecified"),
        ("Most were at the front line, with 2,050 confirmed deaths.", ("Civilians fled the town.",), "unspecified"),
        ("Officials recorded 2,345 deaths.", WAR, "unspecified"),
    ],
)
def test_parse_figures_counts_nobody_named_as_civilians_in_civilian_context(
    sentence: str, context: tuple[str, ...], expected: str
) -> None:
    assert figures(sentence, context)[0][3] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # troop numbers, weapons, places, distances, ages alone, years, dates, money, percentages
        "According to Ukraine, thousands of Russian soldiers have been stationed in Belarus since October.",
        "Russia has massed 30,000 troops near the border.",
        "They noted that Belarus had a small army.",
        "Russia launched 70 missiles and killed no one.",
        "The drone attacks on two Russian airbases were celebrated.",
        "The drones penetrated Russian air defenses hundreds of kilometers.",
        "The actual number of people who died in the three areas was probably much greater.",
        "In 2014 fighting killed civilians in Donbas.",
        "The strike on March 2 killed civilians.",
        "The war has cost $5 billion and killed many.",
        "Officials said 90% of wounded soldiers had returned to the front.",
        "The 19-year-old athlete died while serving in the military.",
        "No one was killed in the attack.",
        "He died in shelling two days later.",
        "He was accused of being a mercenary and has died.",
        "They told us about the death of a relative.",
        "Shelling hit Kramatorsk with no casualties reported.",
        "Ukrainian forces killed 2 tanks near Izium.",
        "Ukrainian forces captured 3 villages.",
        "The gunman threatened to kill 20 hostages.",
        # refugees and people in need are not casualty outcomes
        "Some 5 million refugees have fled, and 12 million people are in need.",
        # one person who did the killing, not who was killed; people trapped, not dead
        "Two soldiers have killed their commander.",
        "Two Russian soldiers murdered her husband on their front lawn.",
        "Twelve soldiers who killed civilians were detained.",
        "Thousands of civilians could be killed if the dam is destroyed.",
        "A soldier had killed his commander.",
        "The strike buried 30 people under the rubble.",
        "Troops captured a village.",
        # deaths beside an illness or a disaster are not war casualties, even in war reporting
        "COVID-19 has left more than 180,000 people in Britain dead.",
        "Two people died in a car crash near the front line.",
        "Five people have been killed in an attempt to climb the volcano.",
        # fires, blazes, crashes and collapses are accidents
        "A fire in a cafe killed 13 people on Saturday.",
        "A tourist bus collided with a truck, killing at least 10 people.",
        "Two children were killed when a building collapsed in the city of Luxor.",
        # prisoners held, appeals about prisoners and combined losses are no figures
        "More than 180 prisoners were tightly packed into 20 cells.",
        "She has received more than 100 appeals concerning prisoners of war.",
        "Estimates put the figure at around 80,000 if injuries and desertions are included.",
        # tolls in the millions belong to other wars
        "At least 27 million Soviet citizens lost their lives.",
        # history and past wars are not this war
        "In 2009, more than 150 people were killed in a blaze at a nightclub.",
        # one person's fate needs its own verb, not one of people named after it
        "A cemetery worker in Bucha takes a break to identify civilians killed in the war.",
        "He was sought over the killing of a businessman in Moscow in 2013.",
        "Some 27 million Soviet citizens died in World War II.",
        "A statue honours a duke who was killed in battle in June 1389.",
        # rates are not counts, also when the rate comes first
        "Every day, 60 to 100 Ukrainian soldiers are killed.",
        "Ukraine is losing up to 100 soldiers a day, with 500 wounded.",
        "On a daily basis, about 200 troops are wounded.",
        "Ukraine is losing 150 killed and 800 wounded daily.",
        "Between 100 and 200 Ukrainian troops a day were being killed.",
        "Russia loses 824 troops dying each day.",
        # combined killed-and-injured totals are never filed
        "Ukrainian casualties are 20,000 a month.",
        "The office recorded 7,814 civilian casualties.",
        "Ukrainian forces killed, injured or captured 5,000 Russian troops.",
        "They eliminated 5,000 troops in a single battle.",
        "At least 300 people were killed or wounded.",
        "Some 2,000 have been killed or maimed by mines since 2014.",
        "Troops fired on them, in one case killing or wounding dozens.",
        # prisoner and body swaps are not captures or deaths
        "Russia and Ukraine exchanged 200 prisoners of war on Sept. 21.",
        "Earlier this month Moscow and Kyiv exchanged 160 bodies each.",
        # ages in apposition
        "Antov, 65, was found dead on Sunday.",
        "Andy Huynh, 27, and Alexander Drueke, 39, went missing near Kharkiv.",
        # no casualty word at all
        "Belarus moved 40 trains of equipment over the coming two days.",
    ],
)
def test_parse_figures_ignores_numbers_that_are_not_casualty_counts(sentence: str) -> None:
    assert figures(sentence) == []


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        # sources: who reports the figure in the same sentence
        ("At least 7 people were killed, Ukrainian officials said.", "source", "Ukrainian officials"),
        ("5,000 Russian soldiers have been killed, Ukraine says.", "source", "Ukraine"),
        ("Russia says it has killed 200 Ukrainian troops.", "source", "Russia"),
        ("At least 100 people were injured, according to the United Nations.", "source", "United Nations"),
        ("Shoigu said 5,937 Russian soldiers had been killed.", "source", "Shoigu"),
        ("At least 6700 civilians have been killed by the United Nations count.", "source", "United Nations"),
        ("At least 16 people were dead after the strike, said Luhansk Gov. Serhiy Haidai.", "source", "Serhiy Haidai"),
        ("At least 16 people were dead after the strike.", "source", None),
        ("It said 16 people were dead after the strike.", "source", None),
        ("At least 16 people were dead in the strike, according to preliminary figures.", "source", None),
        ("Across the course of the invasion Ukrainians say they have killed 11,000 troops.", "source", "Ukraine"),
        # perpetrators: who did it, when the sentence says so
        ("Russian shelling killed 12 civilians in Kharkiv.", "perpetrator", "Russian forces"),
        ("Three civilians were killed by Russian forces.", "perpetrator", "Russian forces"),
        (
            "The deaths of 441 civilians in Russian executions and attacks were documented.",
            "perpetrator",
            "Russian forces",
        ),
        ("One person has been killed by Ukrainian shelling.", "perpetrator", "Ukrainian forces"),
        ("Russia says it has killed 200 Ukrainian troops.", "perpetrator", "Russia"),
        ("More than 40 Ukrainian servicemen were killed.", "perpetrator", None),
        ("Five Russian generals have been killed, Ukrainian officials said.", "perpetrator", None),
        ("Twelve civilians were killed as Russian forces withdrew.", "perpetrator", None),
        ("A Ukrainian offensive ended with 1,200 Ukrainian troops killed, Moscow said.", "perpetrator", None),
        # scope: a running tally or one incident
        ("At least 902 civilians have been killed since the start of the invasion.", "scope", "cumulative"),
        ("The war has resulted in thousands of deaths.", "scope", "cumulative"),
        ("So far 262 children have been killed.", "scope", "cumulative"),
        ("Shoigu said 5,937 soldiers had been killed since the start of the conflict.", "scope", "cumulative"),
        ("Shelling on Monday killed at least five people.", "scope", "incident"),
    ],
)
def test_extract_casualties_attributes_source_perpetrator_and_scope(
    make_parsed: Callable[..., Parsed], text: str, field: str, expected: str | None
) -> None:
    rows = extract_casualties(make_parsed(text))
    assert len(rows) == 1
    value = rows[0][field]
    if expected is None or field == "scope":
        assert value == expected
    else:
        assert value is not None
        assert value == normalize_actor(expected) or expected in value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the speaker the claims extractor finds: pronouns, anaphors and descriptions resolved
        ("The U.N. Human Rights Office released a report on Monday. It said 12 civilians were killed.", ["OHCHR"]),
        (
            "Western officials briefed reporters. One of those officials said 15,000 Russian troops had been killed.",
            ["Western officials"],
        ),
        (
            "At least 5 people were killed in Odesa, Ukraine's State Emergency Service said.",
            ["Ukrainian State Emergency Service"],
        ),
        # a sentence going on with the figures before takes their source; another sentence does not
        (
            "The OHCHR said 3,000 civilians had been killed. That includes 200 children killed in Mariupol.",
            ["OHCHR", "OHCHR"],
        ),
        ("The OHCHR said 3,000 civilians had been killed. Among the dead were 200 children.", ["OHCHR", "OHCHR"]),
        (
            "Mayor Ihor Terekhov said three people were killed. Another 12 were wounded.",
            ["Ihor Terekhov", "Ihor Terekhov"],
        ),
        ("The OHCHR said 3,000 civilians had been killed. Shelling killed 12 people on Monday.", ["OHCHR", None]),
        # an outlet "according to" relays the speaker; alone it is the source
        (
            "Ukrainian officials said at least 17 people were wounded, according to The Associated Press.",
            ["Ukrainian officials"],
        ),
        ("At least 17 people were wounded in the attack, according to The Associated Press.", ["Associated Press"]),
        # a claim that denies a figure is not its source; the one who states it is
        ("Ukraine says more than 300 civilians were killed in Bucha - Moscow denies any involvement.", ["Ukraine"]),
        # a pronoun speaker is the actor named before it in the sentence
        (
            "Zelensky said Kyiv would fight. The Kremlin has not updated its tally since March, when it said 1,351 soldiers "
            "were killed.",
            ["Russia"],
        ),
        # an attacker after "by" is no source; a demonym names no outlet
        (
            "Five civilians were killed by Russian and separatist firing, the regional governor, Serhiy Haidai, reported.",
            ["Serhiy Haidai"],
        ),
        ("The Belarusian news outlet said five soldiers were captured.", ["Belarusian news outlet"]),
        # a report named by its author
        (
            "At least 136 people have been killed, including 13 children, a UN report showed on Tuesday.",
            ["United Nations"],
        ),
        (
            "The UN said 3,000 civilians were killed. Monday's figures include 3,309 killed.",
            ["United Nations", "United Nations"],
        ),
        # a document's author; "claimed the lives" reports nothing; a participle after "with"; plural verbs
        (
            "The latest casualty report by the emergency services said that 20 people were killed.",
            ["emergency services"],
        ),
        ("A Russian attack on a school is thought to have claimed the lives of 60 civilians.", [None]),
        ("Troops pressed on, with Ukraine reporting 198 people killed.", ["Ukraine"]),
        ("Ukrainian officials claim to have killed hundreds of enemy soldiers.", ["Ukrainian officials"]),
        # a dash ends the words that may name a speaker
        ("Three soldiers were reportedly killed near the border with Poland - but this was never confirmed.", [None]),
        # an aside between the speaker and the verb
        ("Ukraine, meanwhile, claims 14,400 Russian soldiers have been killed.", ["Ukraine"]),
        # a descriptor around a name is not part of it
        ("At least 5 people were killed, Ukrainian digital broadcaster Hromadske reported.", ["Hromadske"]),
        ("At least 5 people were killed, the Kyiv Independent newspaper reported.", ["Kyiv Independent"]),
        # a group that says not whose it is takes the side of the country where the figure happened
        (
            "At least 50 people were killed in a strike on a station in Kramatorsk, authorities said.",
            ["Ukrainian officials"],
        ),
        ("At least 12 people were killed, authorities said.", ["Officials"]),
        # ... or its owner when the sentence names one before the group word
        ("The blast, which DPR officials say hit a prison, injured at least eight employees.", ["DPR officials"]),
        (
            "Donetsk People's Republic (DPR) authorities said that seven people have been killed by Ukrainian fire.",
            ["Donetsk People's Republic authorities"],
        ),
        # ... unless that country's own forces struck there (the place is held by the other side)
        (
            "Three civilians were killed after Ukrainian forces shelled the centre of Donetsk, local officials said.",
            ["Officials"],
        ),
        # the one who mourns a death reports it
        (
            "Shelling continued. The International Biathlon Union mourned the death of a 19-year-old athlete.",
            ["International Biathlon Union"],
        ),
        # a casualty word in a claim cue ("killed by the UN count") is the source of that figure only
        ("At least 16 people were dead after the strike.", [None]),
    ],
)
def test_extract_casualties_takes_the_source_from_the_claims(
    make_parsed: Callable[..., Parsed], text: str, expected: list[str | None]
) -> None:
    sources = [r["source"] for r in extract_casualties(make_parsed(text))]
    assert sources == [normalize_actor(e) if e else None for e in expected]


def test_extract_casualties_uses_the_claims_it_is_given(make_parsed: Callable[..., Parsed]) -> None:
    parsed = make_parsed("It said 12 civilians were killed in the strike.")
    sentence = parsed.sentences[0]
    claim = {"sentence_id": sentence.sentence_id, "source": "OHCHR", "cue": "said", "claim": "12 civilians were killed"}
    assert [r["source"] for r in extract_casualties(parsed, claims=[claim])] == ["OHCHR"]
    assert [r["source"] for r in extract_casualties(parsed, claims=[])] == [None]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ukrainian digital broadcaster Hromadske", "Hromadske"),
        ("independent Russian news outlet Meduza", "Meduza"),
        ("the human rights group Memorial", "Memorial"),
        ("Kyiv Post newspaper", "Kyiv Post"),
        # names the lexicon knows, and names with no descriptor, stay as they are
        ("Ukrainian State Emergency Service", "Ukrainian State Emergency Service"),
        ("Pavlo Kyrylenko", "Pavlo Kyrylenko"),
        ("local health service", "local health service"),
        ("Ukraine's health minister", "Ukraine's health minister"),
    ],
)
def test_normalize_described_keeps_the_name(name: str, expected: str) -> None:
    assert normalize_described(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shelling killed at least five people in Kharkiv on Monday.", "Kharkiv"),
        ("At least 8 people were killed in Lysychansk when rockets hit.", "Lysychansk"),
        ("The deaths of 441 civilians in northern Kyiv and Sumy were documented.", "Kyiv; Sumy"),
        # a place standing for a government or inside a name is not where it happened
        ("In Moscow's first update, Shoigu said 5,937 soldiers had been killed.", None),
        ("A deputy commander of the Black Sea Fleet was killed.", None),
        ("At least 7 people were killed, prompting leaders to vow unity with Kyiv.", None),
        # the ends of a span are not where a figure happened
        ("That includes 3,752 civilians killed in a war that has spread from Odesa in the south to Kyiv.", None),
        ("12 people were killed in Kharkiv, from Odesa to Kyiv.", "Kharkiv"),
    ],
)
def test_extract_casualties_places_the_figure(
    make_parsed: Callable[..., Parsed], text: str, expected: str | None
) -> None:
    rows = extract_casualties(make_parsed(text))
    assert len(rows) == 1
    assert rows[0]["location"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Regional Governor Pavlo Kyrylenko said 12 people died in the shelling. At least 100 people were injured, according to the governor.",
            ["Pavlo Kyrylenko", "Pavlo Kyrylenko"],
        ),
        (
            "A baby was killed in Vilniansk, the local mayor told ABC News. Mayor Natalia Musienko said rescuers kept working.",
            ["Natalia Musienko"],
        ),
        # no one named with the role: the role stays as written; a named office is not a role
        ("At least 100 people were injured, according to the governor.", ["governor"]),
        ("Mayor Natalia Musienko spoke. At least 3 people died in the attack, the governor said.", ["governor"]),
    ],
)
def test_extract_casualties_names_the_person_behind_a_role(
    make_parsed: Callable[..., Parsed], text: str, expected: list[str]
) -> None:
    assert [r["source"] for r in extract_casualties(make_parsed(text))] == expected


def test_extract_casualties_files_each_named_person(make_parsed: Callable[..., Parsed]) -> None:
    text = (
        "The actress Oksana Shvets was killed in a rocket attack on Kyiv. "
        "Pasha Lee, an actor from Crimea, was killed in Irpin on Sunday. He died in shelling."
    )
    rows = extract_casualties(make_parsed(text))
    assert [(r["count_low"], r["outcome"]) for r in rows] == [(1, "killed"), (1, "killed")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the two killed" tells the figure before again
        ("At least two soldiers were killed by poisoned food. The two killed were members of a rifle unit.", [2]),
        ("Two soldiers were killed in Kharkiv. Two civilians were killed in Sumy.", [2, 2]),
        ("Two soldiers were killed in the shelling. The three killed in Sumy were civilians.", [2, 3]),
    ],
)
def test_extract_casualties_files_a_definite_restatement_once(
    make_parsed: Callable[..., Parsed], text: str, expected: list[int]
) -> None:
    assert [r["count_low"] for r in extract_casualties(make_parsed(text))] == expected


def test_extract_casualties_files_a_repeated_figure_once(make_parsed: Callable[..., Parsed]) -> None:
    text = "At least 50 people were killed in Kramatorsk. Officials said 38 of the 50 people killed died at once."
    parsed = make_parsed(text)
    assert sorted(r["count_low"] for r in extract_casualties(parsed)) == [38, 50]
    assert sorted(r["count_low"] for r in extract_casualties(parsed, merge_repeats=False)) == [38, 50, 50]


def test_extract_casualties_rows_match_the_table_contract(make_parsed: Callable[..., Parsed]) -> None:
    text = (
        "Russian shelling killed at least 13 civilians and left scores injured in Kremenchuk, officials said. "
        "A 9-year-old girl was killed. Between 40 and 50 soldiers are missing since the war began."
    )
    parsed = make_parsed(text)
    rows = extract_casualties(parsed)
    assert len(rows) == 4
    validate("casualties", to_frame("casualties", rows))
    for row in rows:
        assert row["qualifier"] in QUALIFIERS and row["population"] in POPULATIONS
        assert row["outcome"] in OUTCOMES and row["scope"] in SCOPES
        assert parsed.document.text[row["start"] : row["end"]] == row["mention"]
        assert parsed.sentence_of(row["start"]).sentence_id == row["sentence_id"]


def test_extract_casualties_ids_are_stable(make_parsed: Callable[..., Parsed]) -> None:
    text = "12 people were killed and 30 wounded in Kharkiv."
    first = [r["casualty_id"] for r in extract_casualties(make_parsed(text))]
    again = [r["casualty_id"] for r in extract_casualties(make_parsed(text))]
    assert first == again and len(set(first)) == 2


# The seed (published 2022-12-07): both UN figures, the vague total, and nothing else.
def test_seed_casualty_figures(parsed_seed: Parsed) -> None:
    rows = extract_casualties(parsed_seed)
    by_count = {r["count_low"]: r for r in rows}
    assert sorted(by_count) == [441, 2000, 6700]  # "thousands of deaths" is the vague 2000..9999
    un = by_count[6700]  # "at least 6700 civilians being killed by the United Nations"
    assert (un["count_high"], un["qualifier"], un["population"], un["outcome"]) == (
        None,
        "at_least",
        "civilian",
        "killed",
    )
    assert un["source"] == normalize_actor("United Nations") and un["perpetrator"] is None
    assert un["scope"] == "cumulative"
    ohchr = by_count[441]  # "the deaths of 441 civilians in Russian executions and attacks"
    assert (ohchr["count_high"], ohchr["qualifier"], ohchr["population"], ohchr["outcome"]) == (
        441,
        "exact",
        "civilian",
        "killed",
    )
    assert ohchr["source"] == normalize_actor("U.N. Human Rights Office")
    assert ohchr["perpetrator"] == normalize_actor("Russian forces")
    assert ohchr["location"] is not None and "Kyiv" in ohchr["location"] and "Sumy" in ohchr["location"]
    assert ohchr["scope"] == "cumulative"
    vague = by_count[2000]
    assert (vague["qualifier"], vague["population"], vague["outcome"], vague["source"]) == (
        "vague",
        "unspecified",
        "killed",
        None,
    )


# Hand-checked figures from the evaluation corpus: article -> (count_low, outcome, population) that
# must be found; population None means any. Articles listed with no figures have none.
CORPUS_FIGURES: dict[str, list[tuple[int, str, str | None]]] = {
    "001": [(137, "killed", "military"), (316, "injured", "military"), (7, "killed", None), (17, "injured", None)],
    "002": [],
    "003": [],
    "006": [(1, "killed", None)],  # named people killed, each one death
    "007": [(902, "killed", "civilian"), (1459, "injured", "civilian"), (56, "killed", "civilian")],
    "009": [(50, "killed", "civilian"), (38, "killed", "civilian"), (100, "injured", "civilian")],
    "010": [(2345, "killed", "civilian"), (3000, "killed", "civilian")],
    "012": [(3700, "killed", "civilian"), (3752, "killed", "civilian"), (4062, "injured", "civilian")],
    "013": [(262, "killed", "civilian"), (467, "injured", "civilian")],
    "015": [],
    "016": [(13, "killed", "civilian"), (16, "killed", None), (8, "killed", None), (20, "injured", None)],
    "018": [],
    "021": [(250, "killed", "military")],
    "022": [(5937, "killed", "military")],
    "024": [],
    "025": [(14, "killed", None), (4, "killed", None), (19, "injured", None)],
    "027": [],
    "032": [(1, "killed", "civilian"), (11, "killed", "civilian")],
    "034": [],
    "037": [],
    "038": [],
}
# Numbers in the corpus that are not casualty counts: article -> count_low that must not appear.
CORPUS_NOT_FIGURES: dict[str, list[int]] = {
    "014": [150, 800, 100],  # daily rates
    "023": [200],  # a prisoner swap
    "036": [1000, 824, 5000],  # daily rates; "eliminated" troops are killed, injured or captured
}


@pytest.fixture(scope="module")
def corpus_rows(corpus_dir: Path) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    for path in sorted((corpus_dir / "articles").glob("*.txt")):
        document = load_document(path).document
        assert document is not None
        rows[path.stem] = extract_casualties(parse(document))
    return rows


@pytest.mark.corpus
def test_corpus_hand_checked_figures_are_found(corpus_rows: dict[str, list[dict]]) -> None:
    for article, expected in CORPUS_FIGURES.items():
        found = {(r["count_low"], r["outcome"], r["population"]) for r in corpus_rows[article]}
        for count, outcome, population in expected:
            assert any(c == count and o == outcome and population in (None, p) for c, o, p in found), (
                article,
                count,
                outcome,
                population,
            )
        if not expected:
            assert corpus_rows[article] == [], article


@pytest.mark.corpus
def test_corpus_numbers_that_are_not_casualties_stay_out(corpus_rows: dict[str, list[dict]]) -> None:
    for article, counts in CORPUS_NOT_FIGURES.items():
        assert not {r["count_low"] for r in corpus_rows[article]} & set(counts), article


@pytest.mark.corpus
def test_corpus_rows_keep_the_table_contract(corpus_rows: dict[str, list[dict]]) -> None:
    rows = [r for article in corpus_rows.values() for r in article]
    assert len(rows) > 50
    assert all(r["count_high"] is None or r["count_low"] <= r["count_high"] for r in rows)
    validate("casualties", to_frame("casualties", rows))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Belarus moved troops on Wednesday.", []),
        ("", []),
        # lower-casing "İ" changes the text's length: offsets must still hold
        ("İzmir reporters said 12 people were killed in the attack on Kharkiv.", [12]),
    ],
)
def test_extract_casualties_on_plain_empty_and_unusual_texts(text: str, expected: list[int]) -> None:
    document = Document.from_text(text, published=dt.date(2022, 12, 7))
    rows = extract_casualties(parse(document))
    assert [r["count_low"] for r in rows] == expected
    assert all(document.text[r["start"] : r["end"]] == r["mention"] for r in rows)
