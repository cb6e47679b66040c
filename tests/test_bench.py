"""The benchmark: it runs on a tiny corpus and prints every figure it promises."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from lib.bench import load_corpus, paths_or_documents, run_bench

REPORTS = {
    "a.txt": "Russian forces shelled Kharkiv on Monday, killing at least 3 civilians, the regional governor said.",
    "b.txt": "Belarus began military drills near Brest on Tuesday, the Belarusian defence ministry said.",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "copy.txt").write_text(REPORTS["a.txt"], encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"%PDF-1.4")
    return folder


def test_run_bench_prints_its_figures(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_bench([str(folder)], workers=1) == 0
    out = capsys.readouterr().out
    assert "corpus: 2 documents, 28 words" in out  # the copy counted once, the PDF left out
    patterns = [
        r"bare spaCy tokenisation \+ sentences, 1 process: +\d+\.\d s \([\d,]+ words/s\)",
        r"loading the pipeline, lexicons and gazetteer: +\d+\.\d s",
        r"sitrep extraction, 1 process: +\d+\.\d s \([\d,]+ words/s, [\d.]+ documents/s, [\d,]+ rows\)",
        r"extraction cost / bare spaCy: +[\d,.]+x",
        r"ingest with 1 workers: +\d+\.\d s .*2 extracted, 1 failed\)",
        r"re-ingest, unchanged: +\d+\.\d s \(3 skipped, 0 extracted\)",
        r"store rows: 2 documents, \d+ sentences, \d+ events, \d+ casualties, \d+ locations, \d+ claims",
        r"load every table from the store: +\d+\.\d\d s",
        r"memory with every table loaded .*: [\d,]+ MB resident",
        r"peak memory of this process: [\d,]+ MB",
    ]
    for pattern in patterns:
        assert re.search(pattern, out), pattern
    for page in ("filters", "overview", "timeline", "border map", "claims", "casualties", "documents"):
        assert re.search(rf"page data, {page} +[\d.]+ ms", out), page


def test_run_bench_without_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_text("")
    assert run_bench([str(tmp_path)], workers=1) == 2
    assert "no readable documents" in capsys.readouterr().err


@pytest.mark.parametrize(("limit", "expected"), [(None, 2), (1, 1), (5, 2)])
def test_load_corpus_is_unique_by_text_and_limited(folder: Path, limit: int | None, expected: int) -> None:
    documents = load_corpus([folder], limit=limit)
    assert len(documents) == expected
    assert len({d.doc_id for d in documents}) == expected


def test_with_a_limit_the_ingest_reads_a_feed_of_just_those_documents(folder: Path, tmp_path: Path) -> None:
    documents = load_corpus([folder], limit=1)
    assert paths_or_documents([str(folder)], None, str(tmp_path), documents) == [str(folder)]
    (feed,) = paths_or_documents([str(folder)], 1, str(tmp_path), documents)
    with gzip.open(feed, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    assert [r["text"] for r in records] == [documents[0].text]
    assert records[0]["url"] == documents[0].path


def test_page_data_timings_time_each_page_unfiltered_and_filtered() -> None:
    from lib.bench import page_data_timings
    from tests.fixtures import fixture_tables

    timings = page_data_timings(fixture_tables(), repeat=1)
    pages = ["overview", "timeline", "border map", "claims", "casualties", "documents"]
    assert list(timings) == ["prepare", "filters", *pages, *(f"{page} filtered" for page in pages)]
    assert all(ms >= 0 for ms in timings.values())
