"""Every bad input of ``inputs.BAD_INPUTS`` through every door a document comes in by: the
``extract`` and ``ingest`` commands (all of them in one run, beside a good file) and the
dashboard's upload (``lib.data.add_upload``, and the Documents page under AppTest). Each is
read correctly or refused in one line that names it; the others go through; nothing is left
half-written."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib import data
from lib.cli import main
from lib.ingest import IngestError
from lib.store import Store
from tests.trust.inputs import BAD_INPUTS, GOOD_FILE, OUTCOMES, BadInput, write_input
from tests.ui.conftest import APP

READABLE = [item for item in BAD_INPUTS if item.ok]
REFUSED = [item for item in BAD_INPUTS if not item.ok]
UPLOADS = [item for item in BAD_INPUTS if item.upload]


def flat(text: str) -> str:
    return " ".join(text.split())


def text_from_sentences(sentences: pd.DataFrame) -> str:
    return " ".join(sentences.sort_values("start")["text"])


def failure_line(err: str, path: Path) -> str:
    """The one ``failed:`` line that names ``path``."""
    lines = [line for line in err.splitlines() if line.startswith(f"failed: {path}: ")]
    assert len(lines) == 1, f"expected one failure line for {path.name}, got {lines}"
    return lines[0]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every input, and a good file, written into one folder: id -> path."""
    root = tmp_path_factory.mktemp("inputs") / "in"
    root.mkdir()
    return {item.id: write_input(root, item) for item in (*BAD_INPUTS, GOOD_FILE)}


def arguments(paths: dict[str, Path]) -> list[str]:
    """The folder, and the files a folder walk passes over (other suffixes) named directly."""
    root = paths[GOOD_FILE.id].parent
    named = [str(paths[item.id]) for item in BAD_INPUTS if paths[item.id].suffix not in {".txt", ".md", ".html"}]
    return [str(root), *named]


@pytest.fixture(scope="module")
def extracted(folder: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path]:
    out = tmp_path_factory.mktemp("extract") / "out"
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["extract", *arguments(folder), "--out", str(out)])
    return code, err.getvalue(), out


@pytest.fixture(scope="module")
def ingested(folder: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path]:
    store = tmp_path_factory.mktemp("ingest") / "sitrep.duckdb"
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["ingest", *arguments(folder), "--store", str(store)])
    return code, err.getvalue(), store


# -- the command line ------------------------------------------------------------------------------


@pytest.mark.parametrize("item", REFUSED, ids=lambda i: i.id)
def test_extract_refuses_in_one_line_naming_the_file(item: BadInput, folder, extracted) -> None:
    code, err, _out = extracted
    assert code == 1
    assert item.reason in failure_line(err, folder[item.id])


@pytest.mark.parametrize("item", [*READABLE, GOOD_FILE], ids=lambda i: i.id)
def test_extract_reads_the_others_correctly(item: BadInput, folder, extracted) -> None:
    _code, err, out = extracted
    documents = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    sentences = pd.read_csv(out / "sentences.csv", dtype={"text": str}, keep_default_na=False)
    row = documents[documents["path"] == str(folder[item.id])]
    assert len(row) == 1, f"{item.name} is not among the documents"
    text = text_from_sentences(sentences[sentences["doc_id"] == row["doc_id"].iloc[0]])
    for wanted in item.contains:
        assert flat(wanted) in flat(text)
    for unwanted in item.absent:
        assert unwanted not in text
    if item.warning:
        warnings = [line for line in err.splitlines() if line.startswith(f"warning: {folder[item.id]}: ")]
        assert any(item.warning in line for line in warnings), warnings


def test_extract_writes_every_table_whole_and_nothing_else(extracted) -> None:
    _code, _err, out = extracted
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["documents.csv", "sentences.csv", "events.csv", "casualties.csv", "locations.csv", "claims.csv"]
    )
    documents = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    assert len(documents) == len(READABLE) + 1
    # a title and an outlet that start like spreadsheet formulas are written as text
    assert set(documents["title"]) >= {'\'=HYPERLINK("https://example.invalid")'}
    assert set(documents["outlet"]) >= {"'@SUM(A1)"}


@pytest.mark.parametrize("item", REFUSED, ids=lambda i: i.id)
def test_ingest_refuses_in_one_line_naming_the_file(item: BadInput, folder, ingested) -> None:
    code, err, _store = ingested
    assert code == 1
    line = failure_line(err, folder[item.id])
    assert item.reason in line
    OUTCOMES[item.id] = line.replace(str(folder[item.id].parent), "…")


def test_ingest_stores_the_others_with_their_texts(folder, ingested) -> None:
    _code, err, store_path = ingested
    with Store(store_path, read_only=True) as store:
        documents = store.load_table("documents")
        texts = dict(store.con.execute("SELECT doc_id, text FROM texts").fetchall())
        sources = store.sources()
    assert len(documents) == len(READABLE) + 1
    assert len(sources) == len(READABLE) + 1  # the refused files left no trace
    by_path = dict(zip(documents["path"], documents["doc_id"], strict=True))
    for item in [*READABLE, GOOD_FILE]:
        text = texts[by_path[str(folder[item.id])]]
        assert all(wanted in text for wanted in item.contains), item.id
        warnings = [line for line in err.splitlines() if line.startswith(f"warning: {folder[item.id]}: ")]
        OUTCOMES[item.id] = f"read {folder[item.id].name}: {len(text):,} characters" + "".join(
            f"; {line.split(': ', 2)[-1]}" for line in warnings
        )
        assert not any(unwanted in text for unwanted in item.absent), item.id
    assert all(len(line) < 400 for line in err.splitlines())  # one line each, not a traceback
    assert "Traceback" not in err


# -- the dashboard's upload ------------------------------------------------------------------------


@pytest.fixture
def source(tmp_path: Path) -> data.Source:
    return data.Source(seeds_dir=tmp_path / "seeds", documents_dir=tmp_path / "added", tables_dir=tmp_path / "tables")


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("item", UPLOADS, ids=lambda i: i.id)
def test_an_upload_is_added_or_refused_naming_the_file(item: BadInput, source: data.Source) -> None:
    if item.ok:
        added = data.add_upload(item.content, filename=item.name, source=source)
        text = added.path.read_text(encoding="utf-8")
        assert all(flat(wanted) in flat(text) for wanted in item.contains)
        assert not any(unwanted in text for unwanted in item.absent)
        assert files_in(source.documents_dir) == sorted([added.path.name, added.path.stem + ".meta.json"])
    else:
        with pytest.raises(IngestError) as info:
            data.add_upload(item.content, filename=item.name, source=source)
        message = str(info.value)
        assert message.startswith(data.upload_name(item.name)) and item.reason in message
        assert "\n" not in message
        assert files_in(source.documents_dir) == []  # nothing half-written


@pytest.mark.parametrize(
    "filename", ["../../outside.txt", "..\\..\\outside.txt", "/etc/cron.d/outside.txt", "a/../../outside.txt"]
)
def test_an_upload_name_never_chooses_where_it_is_saved(filename: str, source: data.Source, tmp_path: Path) -> None:
    added = data.add_upload(b"Drones hit Odesa on Monday, officials in Kyiv said.", filename=filename, source=source)
    assert added.path.parent == source.documents_dir
    assert not (tmp_path / "outside.txt").exists()
    assert files_in(tmp_path) == ["added"]


@pytest.mark.parametrize("title", ["../../etc/passwd", "..", "/", "Київ: звіт", "=cmd|' /C calc'!A0"])
def test_a_title_never_chooses_where_it_is_saved(title: str, source: data.Source) -> None:
    added = data.add_upload(
        b"Drones hit Odesa on Monday, officials said.", filename="a.txt", title=title, source=source
    )
    assert added.path.parent == source.documents_dir
    assert added.path.name.endswith(f"-{added.document.doc_id[:8]}.txt")


def test_an_upload_over_the_limit_is_refused_before_it_is_read(source: data.Source) -> None:
    with pytest.raises(IngestError, match=r"big\.txt is 8\.0 MiB, over the 8 MiB limit"):
        data.add_upload(b"a" * (data.MAX_UPLOAD_BYTES + 1), filename="big.txt", source=source)


# -- the Documents page ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "shown"),
    [
        ("report.txt", b"%PDF-1.4 binary", "Not added: report.txt is a PDF file, not text."),
        ("../../photo.md", b"\x89PNG\r\n\x1a\n\x00\x00", "Not added: photo.md is a PNG image, not text."),
        ("blank.txt", b" \n\t ", "Not added: blank.txt has no text (it is empty or only whitespace)."),
        ("[x](javascript:alert(1)).txt", b"%PDF-1.4", "Not added: [x](javascript:alert(1)).txt is a PDF file"),
        ("minsk.txt", "Минск и Гомель сообщили о дронах.".encode("cp1251"), "Added"),
    ],
    ids=["pdf", "png-with-dotdot", "blank", "markdown-name", "cp1251"],
)
def test_the_documents_page_adds_an_upload_or_says_why_not(app_folders, navigation_app, name, content, shown) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.switch_page("pages/documents.py").run()
    at.file_uploader[0].upload(name, content, "application/octet-stream")
    next(b for b in at.button if b.label == "Add document").click().run()
    assert not at.exception, [e.value for e in at.exception]
    messages = [str(e.value) for e in [*at.success, *at.error]]
    # what the analyst reads: the Markdown escapes undone
    readable = [m.replace("\\", "") for m in messages]
    assert any(m.startswith(shown) for m in readable), readable
    assert not any("](" in m for m in messages)  # a file name cannot make a link
    added = list((app_folders / "added").glob("*")) if (app_folders / "added").exists() else []
    assert bool(added) == (shown == "Added")
    assert all(p.parent == app_folders / "added" for p in added)


def test_a_path_through_dotdot_and_odd_names_is_read_as_given(tmp_path: Path) -> None:
    folder = tmp_path / "in dir" / "Київ"
    folder.mkdir(parents=True)
    (folder / "a report (1).txt").write_bytes(GOOD_FILE.content)
    given = folder / ".." / "Київ" / "a report (1).txt"
    code, err = 0, io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["extract", str(given), "--out", str(tmp_path / "out")])
    assert code == 0, err.getvalue()
    documents = pd.read_csv(tmp_path / "out" / "documents.csv", dtype=str)
    assert documents["path"].tolist() == [str(given)]


def test_a_feed_with_bad_lines_ingests_the_good_ones_and_names_each_bad_line(tmp_path: Path) -> None:
    good = GOOD_FILE.content.decode()
    lines = [
        json.dumps({"text": good, "url": "https://example.invalid/1"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"text": 5}),
        json.dumps({"text": "   "}),
        json.dumps({"text": "Kyiv said. " * 100_000}),
        json.dumps({"text": f"{good} Again.", "published": "9999-12-31", "title": ["x"]}),
        "",
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = tmp_path / "s.duckdb"
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["ingest", str(feed), "--store", str(store)])
    assert code == 1
    failed = [line for line in err.getvalue().splitlines() if line.startswith("failed: ")]
    assert failed == [
        f"failed: {feed}:2: not a JSON object (Expecting property name enclosed in double quotes)",
        f"failed: {feed}:3: a JSON list, not an object",
        f"failed: {feed}:4: no 'text' string",
        f"failed: {feed}:5: has no text (it is empty or only whitespace)",
        f"failed: {feed}:6: has 1,099,999 characters of text, over the 1,000,000 one document may have: "
        "split it into articles (or a .jsonl feed, one article a line)",
    ]
    warnings = err.getvalue()
    assert f"warning: {feed}:7: 'published' 9999-12-31 is not a plausible date" in warnings
    assert f"warning: {feed}:7: 'title' must be text, not list" in warnings
    with Store(store, read_only=True) as opened:
        assert opened.counts()["documents"] == 2
