"""The DuckDB store: schema version, whole-batch transactions, sources and texts, loading and
exporting tables, and clear errors for files it cannot use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from lib.schema import TABLES, to_frame
from lib.store import SCHEMA_VERSION, SourceRecord, Store, StoreError
from tests.fixtures import document_texts, fixture_tables

VERSION = "v-test"


def texts_frame(doc_ids: list[str] | None = None) -> pd.DataFrame:
    texts = document_texts()
    ids = sorted(texts) if doc_ids is None else doc_ids
    return pd.DataFrame({"doc_id": ids, "text": [texts[i] for i in ids]})


def full_batch() -> tuple[dict[str, pd.DataFrame], list[SourceRecord]]:
    tables = fixture_tables()
    tables["texts"] = texts_frame()
    sources = [SourceRecord(f"file-{doc_id}", doc_id, f"hash-{doc_id}", VERSION) for doc_id in sorted(document_texts())]
    return tables, sources


def one_document(text: str, *, sentences: int = 1) -> dict[str, pd.DataFrame]:
    """Hand-made rows for a one-off document: a documents row, its sentences and its text."""
    doc_id = f"doc-{abs(hash(text)) % 10**8:08d}"
    return {
        "documents": to_frame(
            "documents", [{"doc_id": doc_id, "title": text[:10], "n_sentences": sentences, "n_words": 3}]
        ),
        "sentences": to_frame(
            "sentences",
            [
                {"doc_id": doc_id, "sentence_id": f"{doc_id}-s{i:04d}", "start": 0, "end": len(text), "text": text}
                for i in range(sentences)
            ],
        ),
        "texts": pd.DataFrame({"doc_id": [doc_id], "text": [text]}),
    }


def doc_id_of(tables: dict[str, pd.DataFrame]) -> str:
    return tables["documents"]["doc_id"].iloc[0]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "sub" / "sitrep.duckdb") as opened:
        yield opened


def row_counts(store: Store) -> dict[str, int]:
    counts = store.counts()
    counts["texts"] = store.con.execute("SELECT count(*) FROM texts").fetchone()[0]
    counts["sources"] = store.con.execute("SELECT count(*) FROM sources").fetchone()[0]
    return counts


# -- a new store -----------------------------------------------------------------------------------


def test_a_new_store_is_empty_and_versioned(store: Store) -> None:
    assert store.path.is_file()
    assert row_counts(store) == dict.fromkeys((*TABLES, "texts", "sources"), 0)
    version = store.con.execute("SELECT value FROM sitrep_meta WHERE key = 'schema_version'").fetchone()[0]
    assert version == str(SCHEMA_VERSION)
    assert store.sources() == {}
    assert store.doc_ids() == set()
    for table in TABLES:
        assert store.load_table(table).empty


def test_reopening_keeps_what_was_written(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    tables, sources = full_batch()
    with Store(path) as store:
        store.write_batch(tables, sources)
    with Store(path, read_only=True) as store:
        assert store.doc_ids() == set(document_texts())
        assert set(store.sources()) == {s.source_key for s in sources}


# -- writing and reading ---------------------------------------------------------------------------


def test_write_batch_then_load_tables_round_trips(store: Store) -> None:
    tables, sources = full_batch()
    store.write_batch(tables, sources)
    loaded = store.load_tables()
    assert set(loaded) == set(TABLES)
    for table in TABLES:
        key = loaded[table].columns[0]
        expected = tables[table].sort_values(key).reset_index(drop=True)
        got = loaded[table].sort_values(key).reset_index(drop=True)
        pd.testing.assert_frame_equal(got, expected, check_dtype=True)
    assert store.sources() == {s.source_key: s for s in sources}


def test_texts_and_stored_documents(store: Store) -> None:
    tables, sources = full_batch()
    store.write_batch(tables, sources)
    texts = document_texts()
    doc_id = sorted(texts)[0]
    assert store.document_text(doc_id) == texts[doc_id]
    assert store.document_text("no-such-id") is None
    rebuilt = {d.doc_id: d for d in store.stored_documents([*texts, "no-such-id"])}
    assert set(rebuilt) == set(texts)
    documents = tables["documents"].set_index("doc_id")
    for doc_id, document in rebuilt.items():
        assert document.text == texts[doc_id]
        assert document.title == documents.loc[doc_id, "title"]
        assert document.published == documents.loc[doc_id, "published"].date()
        assert isinstance(document.published, dt.date)
    assert store.stored_documents([]) == []


def test_load_table_with_a_filter(store: Store) -> None:
    tables, sources = full_batch()
    store.write_batch(tables, sources)
    killed = store.load_table("casualties", where="outcome = ? AND count_low >= ?", params=["killed", 5])
    assert killed["count_low"].tolist() == [8000]
    with pytest.raises(KeyError):
        store.load_table("no_such_table")


def test_replaced_documents_lose_their_old_rows(store: Store) -> None:
    first = one_document("First version.", sentences=3)
    doc_id = doc_id_of(first)
    store.write_batch(first, [SourceRecord("a.txt", doc_id, "h1", VERSION)])
    again = one_document("First version.", sentences=2)
    store.write_batch(again, [SourceRecord("a.txt", doc_id, "h1", "v-new")], replaced_doc_ids=[doc_id])
    assert row_counts(store) == {
        "documents": 1,
        "sentences": 2,
        "events": 0,
        "casualties": 0,
        "locations": 0,
        "claims": 0,
        "texts": 1,
        "sources": 1,
    }
    assert store.sources()["a.txt"].extractor_version == "v-new"


def test_a_source_moving_to_a_new_text_drops_the_old_texts_rows(store: Store) -> None:
    old, kept = one_document("Old text.", sentences=2), one_document("Kept text.")
    store.write_batch(
        {name: pd.concat([old[name], kept[name]], ignore_index=True) for name in old},
        [SourceRecord("a.txt", doc_id_of(old), "h-old", VERSION), SourceRecord("b.txt", doc_id_of(kept), "h", VERSION)],
    )
    new = one_document("New text.")
    store.write_batch(new, [SourceRecord("a.txt", doc_id_of(new), "h-new", VERSION)])
    assert store.doc_ids() == {doc_id_of(new), doc_id_of(kept)}
    remaining = {
        row[0]
        for row in store.con.execute("SELECT doc_id FROM sentences UNION ALL SELECT doc_id FROM texts").fetchall()
    }
    assert remaining == {doc_id_of(new), doc_id_of(kept)}
    assert row_counts(store)["sentences"] == 2


def test_two_sources_of_one_text_keep_it_until_both_move(store: Store) -> None:
    shared = one_document("Shared text.")
    doc_id = doc_id_of(shared)
    store.write_batch(
        shared, [SourceRecord("a.txt", doc_id, "h", VERSION), SourceRecord("b.txt", doc_id, "h", VERSION)]
    )
    first = one_document("A's new text.")
    store.write_batch(first, [SourceRecord("a.txt", doc_id_of(first), "h2", VERSION)])
    assert doc_id in store.doc_ids()
    second = one_document("B's new text.")
    store.write_batch(second, [SourceRecord("b.txt", doc_id_of(second), "h3", VERSION)])
    assert doc_id not in store.doc_ids()
    assert store.document_text(doc_id) is None


def test_a_batch_that_fails_midway_leaves_none_of_its_rows(store: Store) -> None:
    tables, sources = full_batch()
    # documents and sentences insert fine; the casualties frame lacks its columns and fails
    tables["casualties"] = pd.DataFrame({"casualty_id": ["c-1"], "doc_id": ["x"]})
    with pytest.raises(duckdb.Error):
        store.write_batch(tables, sources)
    assert row_counts(store) == dict.fromkeys((*TABLES, "texts", "sources"), 0)
    # the store is still usable afterwards
    tables, sources = full_batch()
    store.write_batch(tables, sources)
    assert store.counts()["documents"] == 3


def test_a_failed_replacement_keeps_the_old_rows(store: Store) -> None:
    tables, sources = full_batch()
    store.write_batch(tables, sources)
    before = row_counts(store)
    doc_id = sorted(document_texts())[0]
    broken = {"documents": tables["documents"].iloc[[0]], "texts": pd.DataFrame({"doc_id": [doc_id], "text": [None]})}
    with pytest.raises(duckdb.Error):  # a text may not be NULL: the insert fails after the delete
        store.write_batch(broken, [SourceRecord("x", doc_id, "h", VERSION)], replaced_doc_ids=[doc_id])
    assert row_counts(store) == before
    assert store.document_text(doc_id) == document_texts()[doc_id]


class InterruptingConnection:
    """The store's connection, but registering ``name`` raises KeyboardInterrupt (Ctrl-C mid-batch)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, name: str) -> None:
        self._con, self._name = con, name

    def register(self, name: str, frame: object) -> object:
        if name == self._name:
            raise KeyboardInterrupt
        return self._con.register(name, frame)

    def __getattr__(self, attribute: str) -> object:
        return getattr(self._con, attribute)


@pytest.mark.parametrize(
    "interrupted_at", ["incoming_sentences", "incoming_claims", "incoming_texts", "incoming_sources"]
)
def test_an_interrupt_inside_a_batch_rolls_it_back(
    store: Store, monkeypatch: pytest.MonkeyPatch, interrupted_at: str
) -> None:
    tables, sources = full_batch()
    monkeypatch.setattr(store, "con", InterruptingConnection(store.con, interrupted_at))
    with pytest.raises(KeyboardInterrupt):
        store.write_batch(tables, sources)
    monkeypatch.undo()
    assert row_counts(store) == dict.fromkeys((*TABLES, "texts", "sources"), 0)


# -- export ----------------------------------------------------------------------------------------


def test_export_parquet(store: Store, tmp_path: Path) -> None:
    tables, sources = full_batch()
    store.write_batch(tables, sources)
    out = tmp_path / "it's exported"
    written = store.export_parquet(out)
    assert [p.name for p in written] == [f"{t}.parquet" for t in TABLES]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)
    for table in TABLES:
        frame = pd.read_parquet(out / f"{table}.parquet")
        assert len(frame) == len(tables[table])
        assert list(frame.columns) == list(tables[table].columns)


# -- stores that cannot be used --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "read_only"), [(b"not a database " * 500, False), (b"", False), (b"\x00" * 8192, True)]
)
def test_a_corrupt_file_is_a_store_error(tmp_path: Path, content: bytes, read_only: bool) -> None:
    path = tmp_path / "broken.duckdb"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=r"cannot be opened|damaged") as info:
        Store(path, read_only=read_only)
    assert "rebuild" in str(info.value)
    assert str(path) in str(info.value)


def test_a_missing_store_read_only(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no store at .*sitrep ingest"):
        Store(tmp_path / "none.duckdb", read_only=True)
    assert not (tmp_path / "none.duckdb").exists()


def test_a_database_that_is_not_a_sitrep_store(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE t (x INTEGER)")
    with pytest.raises(StoreError, match="not a sitrep store"):
        Store(path, read_only=True)


@pytest.mark.parametrize(
    ("version", "message"),
    [(str(SCHEMA_VERSION + 1), "newer sitrep .*upgrade sitrep"), ("0", "old store schema")],
)
def test_a_store_of_another_schema_version(tmp_path: Path, version: str, message: str) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.con.execute("UPDATE sitrep_meta SET value = ? WHERE key = 'schema_version'", [version])
    for read_only in (False, True):
        with pytest.raises(StoreError, match=message):
            Store(path, read_only=read_only)
    with duckdb.connect(str(path)) as con:  # the failed opens left no connection holding the file
        assert con.execute("SELECT value FROM sitrep_meta").fetchone()[0] == version


def test_a_store_open_in_another_mode_is_not_called_damaged(store: Store) -> None:
    with pytest.raises(StoreError, match="already open") as info:
        Store(store.path, read_only=True)
    assert "damaged" not in str(info.value)
