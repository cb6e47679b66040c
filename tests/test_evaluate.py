"""The evaluator's scoring on small hand-made system and gold tables, and its gold-file checks."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from lib import evaluate
from lib.evaluate import (
    GoldCasualty,
    GoldClaim,
    GoldDocument,
    GoldError,
    GoldEvent,
    GoldPlace,
    TableScore,
    fold_name,
    load_gold,
    normalize_place_name,
    parse_gold,
    run_evaluation,
    same_actor,
    score_casualties,
    score_claims,
    score_events,
    score_places,
)
from lib.schema import to_frame

D = dt.date

# Two sentences of a hand-made document: the frame every anchored table joins to.
SENTENCES = to_frame(
    "sentences",
    [
        {
            "doc_id": "d",
            "sentence_id": "s0",
            "start": 0,
            "end": 60,
            "text": "Officials said 12 civilians were killed Monday.",
        },
        {
            "doc_id": "d",
            "sentence_id": "s1",
            "start": 61,
            "end": 120,
            "text": "The army denied it on Tuesday, said Kyiv.",
        },
        {"doc_id": "d", "sentence_id": "s2", "start": 121, "end": 160, "text": '"We will come back," he said.'},
    ],
)


@pytest.fixture(autouse=True)
def no_gazetteer(monkeypatch):
    """Score against the fold and transliteration table alone: these tests do not depend on the
    gazetteer's data (its adapter is tested with a stand-in below)."""
    monkeypatch.setattr(evaluate, "_gazetteer", lambda: None)
    evaluate.gazetteer_names.cache_clear()
    yield
    evaluate.gazetteer_names.cache_clear()


KYIV = GoldPlace("Kyiv", "UA", "city", 50.45, 30.523, roles=("place",))
MINSK = GoldPlace("Minsk", "BY", "city", 53.9, 27.567, roles=("place", "actor"))
MOSCOW = GoldPlace("Moscow", "RU", "city", 55.756, 37.617, roles=("actor",))


def location(name: str, lat: float | None, lon: float | None, role: str = "place", start: int = 0) -> dict:
    return {
        "mention_id": f"m{start}{name}{role}",
        "doc_id": "d",
        "sentence_id": "s0",
        "start": start,
        "end": start + len(name),
        "mention": name,
        "name": name,
        "kind": "city",
        "country_code": "UA",
        "latitude": lat,
        "longitude": lon,
        "role": role,
    }


def claim(source: str, sentence_id: str = "s0", stance: str = "asserts", hedged: bool = False, n: int = 0) -> dict:
    return {
        "claim_id": f"c{n}",
        "doc_id": "d",
        "sentence_id": sentence_id,
        "source": source,
        "source_mention": source,
        "cue": "said",
        "stance": stance,
        "hedged": hedged,
        "claim": "",
    }


def casualty(count: int, outcome: str = "killed", population: str = "civilian", sentence_id: str = "s0", n=0) -> dict:
    return {
        "casualty_id": f"k{n}",
        "doc_id": "d",
        "sentence_id": sentence_id,
        "count_low": count,
        "qualifier": "exact",
        "population": population,
        "outcome": outcome,
        "scope": "incident",
        "mention": str(count),
    }


def event(start: dt.date | None, end: dt.date | None = None, sentence_id: str = "s0", n: int = 0) -> dict:
    return {
        "event_id": f"e{n}",
        "doc_id": "d",
        "sentence_id": sentence_id,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "date_start": start,
        "date_end": end if end is not None else start,
        "date_precision": "day",
        "summary": "",
    }


def counts(score: TableScore) -> tuple[int, int, int]:
    return score.n_gold, score.n_system, score.matched


# --------------------------------------------------------------------------- the measures


@pytest.mark.parametrize(
    "score, precision, recall, f1",
    [
        (TableScore("t", n_gold=4, n_system=5, matched=3), 0.6, 0.75, 6 / 9),
        (TableScore("t", n_gold=2, n_system=2, matched=2), 1.0, 1.0, 1.0),
        (TableScore("t", n_gold=0, n_system=0, matched=0), 1.0, 1.0, 1.0),  # nothing wanted, nothing found
        (TableScore("t", n_gold=3, n_system=0, matched=0), None, 0.0, 0.0),  # nothing found: no precision
        (TableScore("t", n_gold=0, n_system=2, matched=0), 0.0, None, 0.0),  # only spurious rows
    ],
)
def test_precision_recall_and_f1_from_counts(score, precision, recall, f1):
    assert score.precision == (pytest.approx(precision) if precision is not None else None)
    assert score.recall == (pytest.approx(recall) if recall is not None else None)
    assert score.f1 == pytest.approx(f1)


def test_totals_are_micro_averaged_counts_and_accuracies():
    first = TableScore("t", n_gold=10, n_system=10, matched=9, checks={"stance": [8, 9]})
    second = TableScore("t", n_gold=1, n_system=3, matched=0, missed=["x"])
    total = first + second
    assert counts(total) == (11, 13, 9)
    assert total.f1 == pytest.approx(2 * 9 / 24)
    assert total.accuracy("stance") == pytest.approx(8 / 9)
    assert total.missed == ["x"]


# --------------------------------------------------------------------------- places


@pytest.mark.parametrize(
    "rows, expected",
    [
        ([location("Kyiv", 50.45, 30.52), location("Minsk", 53.9, 27.56)], (2, 2, 2)),  # exact
        ([location("Kiev", 50.44, 30.5), location("Minsk", 53.9, 27.56)], (2, 2, 2)),  # transliteration
        ([location("KYIV", 50.45, 30.52), location("Kyiv", 50.45, 30.52, start=9)], (2, 1, 1)),  # unique names
        ([location("Kyiv", 48.0, 37.8)], (2, 1, 0)),  # right name, wrong place: miss and spurious
        ([location("Kyiv", None, None)], (2, 1, 0)),  # a place with no point cannot be checked
        ([location("Kyiv", 50.45, 30.52), location("Lviv", 49.84, 24.03)], (2, 2, 1)),  # one spurious
        ([location("Moscow", 55.75, 37.6, role="actor")], (2, 0, 0)),  # actor rows are not places
        ([], (2, 0, 0)),  # nothing found
    ],
)
def test_places_match_on_name_and_coordinates(rows, expected):
    score = score_places(to_frame("locations", rows), [KYIV, MINSK, MOSCOW])
    assert counts(score) == expected
    assert len(score.missed) == expected[0] - expected[2]
    assert len(score.spurious) == expected[1] - expected[2]


def test_places_as_actors_are_scored_by_name_among_actor_rows():
    rows = [location("Moscow", 55.0, 30.0, role="actor"), location("Minsk", 53.9, 27.56, role="place")]
    score = score_places(to_frame("locations", rows), [KYIV, MINSK, MOSCOW], role="actor")
    assert counts(score) == (2, 1, 1)
    assert score.missed == ["Minsk (53.90, 27.57)"]


def test_country_tolerance_is_wider_and_overridable():
    russia = GoldPlace("Russia", "RU", "country", 60.0, 70.0, tolerance_km=2500)
    poland = GoldPlace("Poland", "PL", "country", 52.1, 19.4)
    rows = [location("Russia", 55.75, 37.6), location("Poland", 51.0, 17.0, start=5)]
    assert counts(score_places(to_frame("locations", rows), [russia, poland])) == (2, 2, 2)


def test_optional_places_absorb_without_being_required():
    europe = GoldPlace("Europe", None, "area", 50.0, 15.0, tolerance_km=2500, optional=True)
    with_it = score_places(to_frame("locations", [location("Europe", 48.0, 10.0)]), [europe])
    without = score_places(to_frame("locations", []), [europe])
    assert counts(with_it) == (0, 0, 0)
    assert counts(without) == (0, 0, 0)
    assert with_it.f1 == without.f1 == 1.0


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Kyiv", "kyiv"),
        ("Kiev", "kyiv"),
        ("KIEV", "kyiv"),
        ("Zaporozhye Region", "zaporizhzhia oblast"),
        ("Zaporizhzhia Oblast", "zaporizhzhia oblast"),
        ("Dnipropetrovsk", "dnipro"),
        ("the West", "west"),
        ("Bila Tserkva", "bila tserkva"),
        ("Chernihiv", "chernihiv"),
        ("Ternopil'", "ternopil"),
        ("Kryvyi Rih", "kryvyi rih"),  # no rule: unchanged
        ("Lviv", "lviv"),
    ],
)
def test_place_names_fold_case_accents_and_transliterations(name, expected):
    assert normalize_place_name(name) == expected


class StandInGazetteer:
    """A gazetteer that knows one place under two spellings."""

    class Record:
        name = "Kropyvnytskyi"

    def places_named(self, name: str) -> list:
        return [self.Record()] if name in {"Kirovohrad", "Kropyvnytskyi"} else []


def test_the_gazetteer_canonical_name_joins_spellings_the_table_does_not_know(monkeypatch):
    monkeypatch.setattr(evaluate, "_gazetteer", StandInGazetteer)
    gold = [GoldPlace("Kropyvnytskyi", "UA", "city", 48.51, 32.26)]
    found = score_places(to_frame("locations", [location("Kirovohrad", 48.5, 32.25)]), gold)
    unknown = score_places(to_frame("locations", [location("Elisavetgrad", 48.5, 32.25)]), gold)
    assert counts(found) == (1, 1, 1)
    assert counts(unknown) == (1, 1, 0)


# --------------------------------------------------------------------------- claims

OFFICIALS = GoldClaim("Officials said 12 civilians", "Ukrainian officials", "asserts", False, aliases=("officials",))
ARMY_DENIES = GoldClaim("The army denied it", "Russian army", "denies", False)


@pytest.mark.parametrize(
    "rows, expected",
    [
        ([claim("officials"), claim("Russian army", "s1", "denies", n=1)], (2, 2, 2)),  # exact
        ([claim("Ukrainian officials"), claim("the Russian Army", "s1", "denies", n=1)], (2, 2, 2)),  # folded
        ([claim("Russian army", "s0")], (2, 1, 0)),  # right source, wrong sentence
        ([claim("Kyiv", "s1", n=1)], (2, 1, 0)),  # right sentence, wrong source
        ([claim("officials"), claim("officials", n=1)], (2, 2, 1)),  # one claim only once
        ([], (2, 0, 0)),
    ],
)
def test_claims_match_on_anchor_and_source(rows, expected):
    score = score_claims(to_frame("claims", rows), SENTENCES, [OFFICIALS, ARMY_DENIES])
    assert counts(score) == expected


def test_claim_stance_and_hedging_are_accuracies_on_matched_pairs():
    rows = [claim("officials", hedged=True), claim("Russian army", "s1", "asserts", n=1)]
    score = score_claims(to_frame("claims", rows), SENTENCES, [OFFICIALS, ARMY_DENIES])
    assert counts(score) == (2, 2, 2)
    assert score.accuracy("stance") == 0.5
    assert score.accuracy("hedged") == 0.5


def test_claim_sources_behind_a_title_match_the_full_name():
    gold = [GoldClaim("said Kyiv", "Pavlo Kyrylenko", "asserts", False)]
    titled = score_claims(to_frame("claims", [claim("Donetsk Oblast Gov. Pavlo Kyrylenko", "s1")]), SENTENCES, gold)
    other = score_claims(to_frame("claims", [claim("Kyrylenko Foundation", "s1")]), SENTENCES, gold)
    assert counts(titled) == (1, 1, 1)
    assert counts(other) == (1, 1, 0)


def test_a_quotation_span_absorbs_its_sentences_with_the_same_source():
    gold = [GoldClaim("said Kyiv", "Kyiv", "asserts", False, span=("said Kyiv", "We will come back"))]
    rows = [claim("Kyiv", "s1"), claim("Kyiv", "s2", n=1), claim("officials", "s2", n=2)]
    score = score_claims(to_frame("claims", rows), SENTENCES, gold)
    assert counts(score) == (1, 2, 1)  # the quoted sentence is absorbed; another source is not
    assert len(score.spurious) == 1


@pytest.mark.parametrize(
    "system, gold, expected",
    [
        ("the U.N. Human Rights Office", "UN Human Rights Office", True),
        ("UN human rights office", "U.N. Human Rights Office", True),
        ("The Kremlin", "Kremlin", True),
        ("Russia", "Ukraine", False),
        ("Belarusian Security Council", "Belarus", False),
    ],
)
def test_sources_compare_through_the_fold(system, gold, expected):
    assert same_actor([system], [gold]) is expected


@pytest.mark.parametrize(
    "name, expected",
    [("U.N. Human Rights Office", "un human rights office"), ("the West", "west"), ("Ms. Psaki's", "ms psakis")],
)
def test_fold_name(name, expected):
    assert fold_name(name) == expected


# --------------------------------------------------------------------------- casualties

TWELVE = GoldCasualty(12, 12, "exact", "civilian", "killed", anchor="12 civilians were killed")


@pytest.mark.parametrize(
    "rows, expected",
    [
        ([casualty(12)], (1, 1, 1)),
        ([casualty(12, sentence_id="s1")], (1, 1, 1)),  # the anchor is optional for figures
        ([casualty(12, "injured")], (1, 1, 0)),  # wrong outcome
        ([casualty(9)], (1, 1, 0)),  # an age or a wrong number
        ([casualty(12), casualty(12, sentence_id="s1", n=1)], (1, 2, 1)),  # a duplicate is spurious
        ([], (1, 0, 0)),
    ],
)
def test_casualties_match_on_count_and_outcome(rows, expected):
    assert counts(score_casualties(to_frame("casualties", rows), SENTENCES, [TWELVE])) == expected


def test_casualty_matching_prefers_the_anchored_sentence_for_attributes():
    rows = [casualty(12, population="military", sentence_id="s1"), casualty(12, n=1)]
    restated = GoldCasualty(12, 12, "exact", "military", "killed", anchor="The army denied it", optional=True)
    score = score_casualties(to_frame("casualties", rows), SENTENCES, [TWELVE, restated])
    assert counts(score) == (1, 1, 1)  # the restatement is optional: absorbed
    assert score.accuracy("population") == 1.0


def test_vague_figures_match_on_outcome_in_their_sentence():
    vague = GoldCasualty(1000, None, "vague", "unspecified", "killed", anchor="12 civilians were killed")
    assert counts(score_casualties(to_frame("casualties", [casualty(2000)]), SENTENCES, [vague])) == (1, 1, 1)
    elsewhere = to_frame("casualties", [casualty(2000, sentence_id="s1")])
    assert counts(score_casualties(elsewhere, SENTENCES, [vague])) == (1, 1, 0)


# --------------------------------------------------------------------------- event dates

MONDAY = GoldEvent("were killed Monday", "Explosions/Remote violence", D(2022, 12, 5), D(2022, 12, 5), "day")


@pytest.mark.parametrize(
    "rows, expected",
    [
        ([event(D(2022, 12, 5))], (1, 1, 1)),
        ([event(D(2022, 12, 5), None)], (1, 1, 1)),  # a missing end is the start
        ([event(D(2022, 11, 28))], (1, 1, 0)),  # a week off: miss and spurious
        ([event(D(2022, 12, 5), D(2022, 12, 6))], (1, 1, 0)),  # a different range
        ([event(D(2022, 12, 5), sentence_id="s1")], (1, 1, 0)),  # the date in another sentence
        ([event(None)], (1, 0, 0)),  # undated events are not scored
        ([], (1, 0, 0)),
    ],
)
def test_events_match_on_sentence_and_calendar_dates(rows, expected):
    assert counts(score_events(to_frame("events", rows), SENTENCES, [MONDAY])) == expected


def test_events_accept_the_alternative_readings_the_gold_allows():
    overnight = GoldEvent(
        "were killed Monday", None, D(2022, 12, 5), D(2022, 12, 6), "range", also_accept=((D(2022, 12, 5),) * 2,)
    )
    for rows in ([event(D(2022, 12, 5), D(2022, 12, 6))], [event(D(2022, 12, 5))]):
        assert counts(score_events(to_frame("events", rows), SENTENCES, [overnight])) == (1, 1, 1)


def test_optional_events_without_dates_absorb_any_date_in_their_sentence():
    loose = GoldEvent("The army denied it", None, None, None, None, optional=True)
    rows = [event(D(2022, 12, 6), sentence_id="s1"), event(D(2022, 12, 5), n=1)]
    score = score_events(to_frame("events", rows), SENTENCES, [MONDAY, loose])
    assert counts(score) == (1, 1, 1)


# --------------------------------------------------------------------------- gold files

VALID = {
    "format": 1,
    "document": {"collection": "corpus", "path": "001.txt", "published": "2022-02-24"},
    "places": [{"name": "Kyiv", "country_code": "UA", "kind": "city", "lat": 50.45, "lon": 30.52}],
    "claims": [{"anchor": "officials said", "source": "Ukraine", "stance": "asserts", "hedged": False}],
    "casualties": [
        {"count_low": 3, "count_high": 3, "qualifier": "exact", "population": "civilian", "outcome": "killed"}
    ],
    "events": [
        {"anchor": "on Thursday", "date_start": "2022-02-24", "date_end": "2022-02-24", "date_precision": "day"}
    ],
}


def with_change(section: str, key: str, value: object) -> dict:
    data = json.loads(json.dumps(VALID))
    target = data[section] if section == "document" else data[section][0]
    if value is ...:
        del target[key]
    else:
        target[key] = value
    return data


def test_a_valid_gold_file_parses():
    gold = parse_gold(VALID, file="g.json")
    assert isinstance(gold, GoldDocument)
    assert (gold.collection, gold.path, gold.published) == ("corpus", "001.txt", D(2022, 2, 24))
    assert gold.places[0].roles == ("place",)
    assert gold.events[0].readings == ((D(2022, 2, 24), D(2022, 2, 24)),)


@pytest.mark.parametrize(
    "data, message",
    [
        ([], "JSON object"),
        ({"format": 1}, "'document'"),
        (with_change("document", "collection", "web"), "'collection'"),
        (with_change("document", "published", "24/02/2022"), "ISO date"),
        (with_change("places", "lat", ...), "missing 'lat'"),
        (with_change("places", "lat", 95.0), "out of range"),
        (with_change("places", "kind", "village"), "'kind'"),
        (with_change("places", "country_code", "Ukraine"), "alpha-2"),
        (with_change("places", "roles", ["government"]), "'roles'"),
        (with_change("claims", "stance", "claims"), "'stance'"),
        (with_change("claims", "hedged", "no"), "'hedged'"),
        (with_change("claims", "anchor", "one two three four five six seven eight nine"), "more than 8 words"),
        (with_change("claims", "span", ["only one"]), "'span'"),
        (with_change("casualties", "count_low", "three"), "'count_low'"),
        (with_change("casualties", "count_high", 1), "count_low <= count_high"),
        (with_change("casualties", "outcome", "wounded"), "'outcome'"),
        (with_change("events", "date_end", "2022-02-20"), "before"),
        (with_change("events", "date_start", None), "'date_start'"),
        (with_change("events", "event_type", "Shelling"), "ACLED"),
        (with_change("events", "also_accept", [["2022-02-24"]]), "'also_accept'"),
    ],
)
def test_malformed_gold_is_refused_with_the_file_and_the_fault(data, message):
    with pytest.raises(GoldError) as caught:
        parse_gold(data, file="gold/corpus/001.json")
    assert str(caught.value).startswith("gold/corpus/001.json")
    assert message in str(caught.value)


def test_a_file_that_is_not_json_names_itself(tmp_path: Path):
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldError, match=r"bad\.json: not valid JSON"):
        load_gold(path)


def test_the_command_exits_2_on_malformed_gold(tmp_path: Path, capsys):
    (tmp_path / "broken.json").write_text(json.dumps(with_change("claims", "stance", "says")), encoding="utf-8")
    assert run_evaluation(tmp_path, None, False) == 2
    error = capsys.readouterr().err
    assert "broken.json" in error and "'stance'" in error


def test_the_command_skips_corpus_gold_when_the_corpus_is_absent(tmp_path: Path, capsys, monkeypatch):
    (tmp_path / "001.json").write_text(json.dumps(VALID), encoding="utf-8")
    monkeypatch.setattr(evaluate, "DEFAULT_CORPUS_DIR", tmp_path / "no-such-corpus")
    assert run_evaluation(tmp_path, None, True) == 0
    out = capsys.readouterr().out
    assert "1 corpus gold file(s) skipped" in out
    assert "0 of 1 gold document(s) scored" in out


def test_the_shipped_gold_files_are_well_formed():
    golds = evaluate.load_gold_dir(evaluate.ROOT / "gold")
    assert golds[0].collection == "repo"
    assert sum(g.collection == "corpus" for g in golds) >= 8


def test_the_report_is_a_table_per_document_and_totals():
    gold = parse_gold(VALID, file="g.json")
    result = evaluate.DocumentResult(gold, scores=evaluate.score_document(gold, {}))
    report = evaluate.format_report([result], verbose=True)
    lines = report.splitlines()
    assert lines[0] == "sitrep evaluation: 1 of 1 gold document(s) scored"
    assert any(line.strip().startswith("places ") and "1.00" not in line for line in lines)
    assert "    places missed: Kyiv (50.45, 30.52)" in lines
    assert "totals (micro-averaged over the documents)" in lines


def test_documents_are_found_in_the_repository_or_the_corpus(tmp_path: Path):
    seed = GoldDocument("g", "repo", "seeds/000_67fa89cea1eef075.txt", None)
    article = GoldDocument("g", "corpus", "001.txt", None)
    assert evaluate.gold_text_path(seed, corpus_dir=None) == evaluate.ROOT / "seeds/000_67fa89cea1eef075.txt"
    assert evaluate.gold_text_path(article, corpus_dir=tmp_path) == tmp_path / "001.txt"
    assert evaluate.gold_text_path(article, corpus_dir=None) is None
    (tmp_path / "articles").mkdir()
    assert evaluate.resolve_corpus_dir(tmp_path) == tmp_path / "articles"


def test_anchors_missing_from_the_text_are_reported():
    gold = parse_gold(VALID, file="g.json")
    assert evaluate.check_anchors(gold, "Officials said so on Thursday.") == []
    assert evaluate.check_anchors(gold, "Nothing here.") == ["officials said", "on Thursday"]


def test_score_frames_may_lack_rows_entirely():
    gold = parse_gold(VALID, file="g.json")
    scores = evaluate.score_document(gold, {"locations": pd.DataFrame()})
    assert {name: s.matched for name, s in scores.items()} == dict.fromkeys(evaluate.TABLE_NAMES, 0)
