"""Ingesting into the store: incremental by content hash, re-extraction for a new extractor
version, failures reported while the rest go through, and the same rows from every engine."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd
import pytest

import lib.pipeline
import lib.version
from lib import ingestion
from lib.ids import doc_id_for
from lib.ingestion import IngestSummary, run_ingest, source_hash
from lib.schema import ID_COLUMN, TABLES
from lib.store import Store

# Hand-written reports (invented for these tests).
REPORTS = {
    "kharkiv.txt": "Russian forces shelled Kharkiv on Monday, killing at least 3 civilians, the regional governor said. "
    "Ukraine's air force said it shot down 12 drones over the Kyiv region.",
    "brest.txt": "Belarus began military drills near Brest on Tuesday, the Belarusian defence ministry said. "
    "The Kremlin denied that its troops were involved.",
    "minsk.md": "# Protest in Minsk\n\nPolice in Minsk detained 12 protesters on Friday, a rights group said. "
    "At least 2 people were injured in Gomel.",
    "bakhmut.html": "<html><head><title>Bakhmut</title></head><body><p>Ukrainian troops advanced near Bakhmut, "
    "the General Staff said on Wednesday.</p><p>Two soldiers were killed.</p></body></html>",
}
CHANGED = "Ukrainian forces struck a bridge near Kherson on Sunday, the military said. Nobody was hurt."


def write_reports(folder: Path, reports: dict[str, str] = REPORTS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in reports.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "kharkiv.meta.json").write_text(json.dumps({"title": "Kharkiv", "published": "2023-03-08"}))
    return folder


def all_rows(store: Store) -> dict[str, pd.DataFrame]:
    """Every table sorted by its id, plus the stored texts: what two runs must agree on."""
    tables = {
        table: frame.sort_values(ID_COLUMN[table]).reset_index(drop=True)
        for table, frame in store.load_tables().items()
    }
    tables["texts"] = store.con.execute("SELECT doc_id, text FROM texts ORDER BY doc_id").df()
    return tables


def doc_ids_in_store(store: Store) -> set[str]:
    union = " UNION ".join(f'SELECT doc_id FROM "{t}"' for t in (*TABLES, "texts"))
    return {row[0] for row in store.con.execute(union).fetchall()}


def assert_same_rows(got: dict[str, pd.DataFrame], expected: dict[str, pd.DataFrame]) -> None:
    assert set(got) == set(expected)
    for table in expected:
        pd.testing.assert_frame_equal(got[table], expected[table], obj=table)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_reports(tmp_path / "reports")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "sitrep.duckdb") as opened:
        yield opened


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, pd.DataFrame]]:
    """The reports ingested once with one worker: the rows every other engine must reproduce."""
    root = tmp_path_factory.mktemp("reference")
    folder = write_reports(root / "reports")
    with Store(root / "sitrep.duckdb") as store:
        summary = run_ingest([folder], store, workers=1)
        assert summary.failures == []
        return folder, all_rows(store)


# -- a first ingest --------------------------------------------------------------------------------


def test_first_ingest_stores_every_document(reference: tuple[Path, dict[str, pd.DataFrame]]) -> None:
    folder, rows = reference
    documents = rows["documents"]
    assert len(documents) == len(REPORTS)
    assert set(documents["path"]) == {str(folder / name) for name in REPORTS}
    kharkiv = documents.set_index("path").loc[str(folder / "kharkiv.txt")]
    assert kharkiv["title"] == "Kharkiv"
    assert kharkiv["published"] == pd.Timestamp("2023-03-08")
    assert set(rows["texts"]["doc_id"]) == set(documents["doc_id"])
    assert set(rows["sentences"]["doc_id"]) == set(documents["doc_id"])
    assert len(rows["sentences"]) >= 2 * len(REPORTS)


def test_sources_are_recorded_by_absolute_path(folder: Path, store: Store) -> None:
    summary = run_ingest([folder], store)
    assert (summary.read, summary.extracted, summary.failed) == (4, 4, 0)
    sources = store.sources()
    assert set(sources) == {str((folder / name).resolve()) for name in REPORTS}
    assert {s.extractor_version for s in sources.values()} == {lib.version.extractor_version()}
    assert all(s.doc_id in store.doc_ids() for s in sources.values())


# -- incremental -----------------------------------------------------------------------------------


def test_unchanged_sources_are_skipped(folder: Path, store: Store) -> None:
    run_ingest([folder], store)
    before = all_rows(store)
    summary = run_ingest([folder], store)
    assert (summary.read, summary.skipped, summary.extracted, summary.replaced) == (4, 4, 0, 0)
    assert_same_rows(all_rows(store), before)


def test_a_changed_file_is_replaced_and_its_old_rows_are_gone(folder: Path, store: Store) -> None:
    run_ingest([folder], store)
    old_id = doc_id_for(REPORTS["brest.txt"])
    assert old_id in doc_ids_in_store(store)
    (folder / "brest.txt").write_text(CHANGED, encoding="utf-8")
    summary = run_ingest([folder], store)
    assert (summary.skipped, summary.extracted, summary.replaced) == (3, 1, 1)
    assert old_id not in doc_ids_in_store(store)
    new_id = doc_id_for(CHANGED)
    assert store.sources()[str((folder / "brest.txt").resolve())].doc_id == new_id
    assert store.document_text(new_id) == CHANGED
    assert store.counts()["documents"] == 4


def test_new_metadata_for_the_same_text_updates_its_rows(folder: Path, store: Store) -> None:
    run_ingest([folder], store)
    (folder / "kharkiv.meta.json").write_text(json.dumps({"title": "Kharkiv, corrected", "published": "2023-03-09"}))
    summary = run_ingest([folder], store)
    assert (summary.extracted, summary.replaced, summary.skipped) == (1, 1, 3)
    documents = store.load_table("documents").set_index("doc_id")
    row = documents.loc[doc_id_for(REPORTS["kharkiv.txt"])]
    assert row["title"] == "Kharkiv, corrected"
    assert row["published"] == pd.Timestamp("2023-03-09")
    assert store.counts()["documents"] == 4


def test_duplicate_texts_are_extracted_once(folder: Path, store: Store, tmp_path: Path) -> None:
    (folder / "copy of kharkiv.txt").write_text(REPORTS["kharkiv.txt"], encoding="utf-8")
    summary = run_ingest([folder], store)
    assert (summary.read, summary.extracted, summary.duplicates) == (5, 4, 1)
    sources = store.sources()
    kharkiv_id = doc_id_for(REPORTS["kharkiv.txt"])
    assert [s.doc_id for s in sources.values()].count(kharkiv_id) == 2
    # a third copy in a later run adds a source and extracts nothing
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "third.txt").write_text(REPORTS["kharkiv.txt"], encoding="utf-8")
    summary = run_ingest([elsewhere], store)
    assert (summary.extracted, summary.duplicates) == (0, 1)
    assert [s.doc_id for s in store.sources().values()].count(kharkiv_id) == 3
    assert store.counts()["documents"] == 4


def test_a_duplicate_text_after_its_first_copy_was_written_only_adds_a_source(
    folder: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingestion, "CHUNK_DOCS", 1)
    monkeypatch.setattr(ingestion, "BATCH_DOCS", 1)  # the first copy is committed before the second is read
    (folder / "zz copy of brest.txt").write_text(REPORTS["brest.txt"], encoding="utf-8")
    summary = run_ingest([folder], store)
    assert (summary.read, summary.extracted, summary.duplicates, summary.failed) == (5, 4, 1, 0)
    brest_id = doc_id_for(REPORTS["brest.txt"])
    assert [s.doc_id for s in store.sources().values()].count(brest_id) == 2
    assert run_ingest([folder], store).skipped == 5


def test_a_text_stays_while_another_source_still_has_it(folder: Path, store: Store) -> None:
    (folder / "copy.txt").write_text(REPORTS["minsk.md"].replace("# Protest in Minsk\n\n", ""), encoding="utf-8")
    (folder / "copy2.txt").write_text(REPORTS["kharkiv.txt"], encoding="utf-8")
    run_ingest([folder], store)
    kharkiv_id = doc_id_for(REPORTS["kharkiv.txt"])
    (folder / "copy2.txt").write_text(CHANGED, encoding="utf-8")
    run_ingest([folder], store)
    assert kharkiv_id in store.doc_ids()  # kharkiv.txt still has that text
    assert doc_id_for(CHANGED) in store.doc_ids()


# -- a new extractor version -----------------------------------------------------------------------


def test_a_new_extractor_version_re_extracts_given_sources(
    folder: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_ingest([folder], store)
    before = all_rows(store)
    monkeypatch.setattr(lib.version, "extractor_version", lambda: "next-version")
    summary = run_ingest([folder], store)
    assert (summary.extracted, summary.reextracted, summary.skipped) == (4, 4, 0)
    assert {s.extractor_version for s in store.sources().values()} == {"next-version"}
    assert_same_rows(all_rows(store), before)  # the same extractors give the same rows, once each
    again = run_ingest([folder], store)
    assert (again.extracted, again.skipped) == (0, 4)


def test_a_new_extractor_version_re_extracts_stored_documents_not_given(
    folder: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "copy.txt").write_text(REPORTS["kharkiv.txt"], encoding="utf-8")
    run_ingest([folder], store)
    before = all_rows(store)
    monkeypatch.setattr(lib.version, "extractor_version", lambda: "next-version")
    # only one of the two sources of the Kharkiv text is given; the other texts are not given at all
    summary = run_ingest([folder / "copy.txt"], store)
    assert (summary.read, summary.extracted, summary.reextracted) == (1, 4, 4)
    assert {s.extractor_version for s in store.sources().values()} == {"next-version"}
    assert_same_rows(all_rows(store), before)
    again = run_ingest([], store)
    assert (again.read, again.extracted, again.reextracted) == (0, 0, 0)


# -- failures --------------------------------------------------------------------------------------


def test_failures_are_reported_and_the_rest_go_through(
    folder: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "scan.txt").write_bytes(b"%PDF-1.7 binary")
    (folder / "empty.md").write_text("  \n")
    real_document_rows = lib.pipeline.document_rows
    broken_id = doc_id_for(REPORTS["brest.txt"])

    def document_rows(parsed: object) -> object:
        if parsed.document.doc_id == broken_id:
            raise RuntimeError("extractor bug")
        return real_document_rows(parsed)

    monkeypatch.setattr(lib.pipeline, "document_rows", document_rows)
    summary = run_ingest([folder, folder / "missing.txt"], store)
    assert summary.read == 7
    assert summary.failed == 4
    failures = "\n".join(summary.failures)
    for name in ("scan.txt", "empty.md", "missing.txt", "brest.txt"):
        assert name in failures
    assert "extraction failed: RuntimeError: extractor bug" in failures
    assert store.counts()["documents"] == 3
    assert broken_id not in doc_ids_in_store(store)
    assert str((folder / "brest.txt").resolve()) not in store.sources()
    # once the extractor is fixed the failed document goes in; the others are skipped
    monkeypatch.undo()
    summary = run_ingest([folder], store)
    assert (summary.extracted, summary.skipped, summary.failed) == (1, 3, 2)
    assert broken_id in store.doc_ids()


def test_unknown_engine_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="engine must be one of"):
        run_ingest([], store, engine="spark")


# -- feeds -----------------------------------------------------------------------------------------


def test_feeds_are_ingested_by_url_and_line(tmp_path: Path, store: Store) -> None:
    feed = tmp_path / "news.jsonl.gz"
    lines = [
        {"text": REPORTS["kharkiv.txt"], "url": "https://example.org/kharkiv", "published": "2023-03-08"},
        {"text": REPORTS["brest.txt"]},
        "{broken",
    ]
    feed.write_bytes(gzip.compress("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines).encode()))
    summary = run_ingest([tmp_path], store)  # a folder holding a feed
    assert (summary.read, summary.extracted, summary.failed) == (3, 2, 1)
    assert set(store.sources()) == {"url:https://example.org/kharkiv", f"{feed}:2"}
    again = run_ingest([feed], store)
    assert (again.skipped, again.extracted) == (2, 0)


# -- engines ---------------------------------------------------------------------------------------


def test_two_worker_processes_give_the_same_rows(
    reference: tuple[Path, dict[str, pd.DataFrame]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, expected = reference
    monkeypatch.setattr(ingestion, "CHUNK_DOCS", 1)  # four chunks shared by two forkserver processes
    monkeypatch.setattr(ingestion, "BATCH_DOCS", 2)  # written in two transactions
    with Store(tmp_path / "parallel.duckdb") as store:
        summary = run_ingest([folder], store, workers=2)
        assert (summary.extracted, summary.failed) == (4, 0)
        assert_same_rows(all_rows(store), expected)


def test_dask_engine_gives_the_same_rows(
    reference: tuple[Path, dict[str, pd.DataFrame]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    distributed = pytest.importorskip("distributed")
    real_cluster = distributed.LocalCluster

    def in_process_cluster(*args: object, **kwargs: object) -> object:
        # A worker thread in this process, already warmed up: the engine's scheduling, windowing and
        # result handling are the same; a worker process would spend ~10 s loading the lexicons.
        # (Pickling across processes is covered by the forkserver test above.)
        kwargs["processes"] = False
        return real_cluster(*args, **kwargs)

    monkeypatch.setattr(distributed, "LocalCluster", in_process_cluster)
    monkeypatch.setattr(ingestion, "CHUNK_DOCS", 1)
    folder, expected = reference
    with Store(tmp_path / "dask.duckdb") as store:
        summary = run_ingest([folder], store, workers=1, engine="dask")
        assert (summary.extracted, summary.failed) == (4, 0)
        assert_same_rows(all_rows(store), expected)


# -- the summary -----------------------------------------------------------------------------------


def test_summary_lines() -> None:
    summary = IngestSummary(read=5, extracted=2, skipped=2, failures=["a.txt: is a PDF file"], seconds=2.0, words=100)
    lines = summary.lines()
    assert lines[0].startswith("read 5, extracted 2 ")
    assert "failed 1" in lines[0]
    assert "1.0 documents/s" in lines[1]
    assert "50 words/s" in lines[1]
    assert lines[2:] == ["failed: a.txt: is a PDF file"]


def test_many_failures_are_grouped_by_reason() -> None:
    failures = [f"f{i}.txt: is a PDF file, not text" for i in range(30)] + ["x.txt: has no text"]
    lines = IngestSummary(failures=failures).lines(max_failures=5)
    assert "failed (30x): is a PDF file, not text" in lines
    assert "failed (1x): has no text" in lines
    assert IngestSummary().lines()[1].startswith("0.0 s")


def test_source_hash_changes_with_text_and_metadata() -> None:
    from lib.document import Document

    base = Document.from_text("Kyiv said so.", title="T")
    assert source_hash(base) == source_hash(Document.from_text("Kyiv said so.", title="T"))
    assert source_hash(base) != source_hash(Document.from_text("Kyiv said so!", title="T"))
    assert source_hash(base) != source_hash(Document.from_text("Kyiv said so.", title="T2"))
