"""Where the app's tables come from: CSV folders, the seeds, and documents analysts add."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from lib import data
from lib.ingest import IngestError
from lib.schema import TABLES
from tests.fixtures import document_texts, fixture_tables, write_fixture_csvs


@pytest.fixture
def source(tmp_path) -> data.Source:
    write_fixture_csvs(tmp_path / "tables")
    return data.Source(seeds_dir=tmp_path / "seeds", documents_dir=tmp_path / "added", tables_dir=tmp_path / "tables")


def test_read_tables_gives_back_what_extract_wrote(source):
    tables = data.read_tables(source.tables_dir)
    expected = fixture_tables()
    for table in TABLES:
        pd.testing.assert_frame_equal(tables[table], expected[table].replace("", pd.NA), check_dtype=True)


def test_read_tables_treats_missing_csvs_as_empty(tmp_path):
    tables = data.read_tables(tmp_path)
    assert all(frame.empty for frame in tables.values())


def test_load_dataset_from_a_tables_folder(source):
    dataset = data.load_dataset(source)
    assert len(dataset.tables["documents"]) == 3 and dataset.problems == []


def test_the_fingerprint_changes_when_a_document_is_added(source):
    before = data.source_fingerprint(source)
    assert data.source_fingerprint(source) == before
    data.add_document("Kyiv said on Monday that drones hit Odesa.", title="Drones", source=source)
    assert data.source_fingerprint(source) != before


def test_add_document_saves_text_and_sidecar_and_reloads(source):
    added = data.add_document(
        "Officials in Kyiv said on Monday that drones hit Odesa.\n\nNo one was hurt.",
        title="Drones over Odesa",
        outlet="Test Wire",
        published=dt.date(2024, 2, 5),
        source=source,
    )
    assert not added.existed
    assert added.path.name.startswith("drones-over-odesa-") and added.path.suffix == ".txt"
    meta = json.loads(added.path.with_name(added.path.stem + ".meta.json").read_text())
    assert meta == {"title": "Drones over Odesa", "published": "2024-02-05", "outlet": "Test Wire", "url": ""}
    tables = data.load_tables(source)
    documents = tables["documents"].set_index("doc_id")
    assert documents.at[added.document.doc_id, "outlet"] == "Test Wire"
    assert len(documents) == 4
    assert (tables["sentences"]["doc_id"] == added.document.doc_id).sum() == 2


def test_adding_the_same_text_twice_keeps_one_copy(source):
    first = data.add_document("Minsk said the drills were over.", title="A", source=source)
    second = data.add_document("Minsk  said the drills were over. ", title="B", source=source)
    assert second.existed and second.path == first.path
    assert len(list(source.documents_dir.glob("*.txt"))) == 1


@pytest.mark.parametrize(
    ("raw", "kind"),
    [("", "text"), ("   \n ", "text"), ("<html><body><script>x()</script></body></html>", "html")],
)
def test_add_document_refuses_empty_text(source, raw, kind):
    with pytest.raises(IngestError):
        data.add_document(raw, kind=kind, source=source)
    assert not source.documents_dir.exists() or not list(source.documents_dir.iterdir())


@pytest.mark.parametrize(
    ("filename", "payload", "expected"),
    [
        ("a.txt", b"Kyiv said so.", ("Kyiv said so.", "text")),
        ("a.MD", b"# Title\nKyiv said so.", ("# Title\nKyiv said so.", "markdown")),
        ("a.html", b"<p>Kyiv</p>", ("<p>Kyiv</p>", "html")),
    ],
)
def test_parse_upload_reads_text_markdown_and_html(filename, payload, expected):
    assert data.parse_upload(payload, filename=filename) == expected


@pytest.mark.parametrize(
    ("filename", "payload"), [("a.pdf", b"%PDF-1.4"), ("a.txt", b"%PDF-1.4 ..."), ("a.docx", b"PK")]
)
def test_parse_upload_refuses_what_is_not_text(filename, payload):
    with pytest.raises(IngestError):
        data.parse_upload(payload, filename=filename)


def test_document_text_is_rebuilt_from_sentences_when_there_is_no_file():
    tables = fixture_tables()
    for doc_id, text in document_texts().items():
        assert data.load_document_text(tables, doc_id) == text
    assert data.load_document_text(tables, "no-such-doc") == ""


def test_load_mentions_of_empty_text_is_empty():
    assert list(data.load_mentions("  ").columns) == data.MENTION_COLUMNS
