"""Where the dashboard's tables come from: the DuckDB store (into which the seed documents and
the documents analysts added are ingested when they are new or changed), or, without a store, a
folder of extracted CSVs or the documents extracted on the fly. The app sees
``load_dataset``/``load_tables``, ``source_fingerprint``, ``load_document_text``,
``load_mentions`` and ``add_document``."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from hashlib import blake2b
from pathlib import Path

import pandas as pd

from lib.document import Document
from lib.export import write_atomic
from lib.ingest import META_SUFFIX, TEXT_SUFFIXES, IngestError, decode_bytes, document_from_text, load_documents
from lib.schema import COLUMNS, DATE, INT, TABLES, to_frame

Tables = dict[str, pd.DataFrame]

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
DOCUMENTS_DIR = ROOT / "data" / "documents"
# Environment overrides: another seed folder, another folder for added documents, or a folder
# of CSV tables written by ``sitrep extract`` to show instead of extracting the seeds.
ENV_SEEDS, ENV_DOCUMENTS, ENV_TABLES = "SITREP_SEEDS_DIR", "SITREP_DOCUMENTS_DIR", "SITREP_TABLES_DIR"
ENV_STORE = "SITREP_STORE"
UPLOAD_KINDS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
MAX_UPLOAD_BYTES = 8 * 1024 * 1024
# How long a dashboard load waits for another process (an ingest writing a batch) to let go of
# the store before it gives up and says so.
LOAD_WAIT_SECONDS = 3.0
MENTION_COLUMNS = ["start", "end", "layer", "label", "detail"]


@dataclass(frozen=True, slots=True)
class Source:
    """The folders the tables are built from."""

    seeds_dir: Path = SEEDS_DIR
    documents_dir: Path = DOCUMENTS_DIR
    tables_dir: Path | None = None
    store_path: Path | None = None


@dataclass(slots=True)
class Dataset:
    """The tables, a line for each file that could not be read or extracted, and a notice when
    the tables may not be current (another process was writing to the store)."""

    tables: Tables
    problems: list[str] = field(default_factory=list)
    notice: str = ""


@dataclass(frozen=True, slots=True)
class Added:
    """The outcome of adding a document: the document, where it was saved, and whether the
    same text was already there."""

    document: Document
    path: Path
    existed: bool


def default_source() -> Source:
    """The source the app shows: the repository's folders unless the environment says otherwise."""
    from lib.store import DEFAULT_PATH

    tables_dir = os.environ.get(ENV_TABLES)
    return Source(
        seeds_dir=Path(os.environ.get(ENV_SEEDS) or SEEDS_DIR),
        documents_dir=Path(os.environ.get(ENV_DOCUMENTS) or DOCUMENTS_DIR),
        tables_dir=Path(tables_dir) if tables_dir else None,
        store_path=None if tables_dir else Path(os.environ.get(ENV_STORE) or DEFAULT_PATH),
    )


def _listing(folder: Path | None) -> list[str]:
    if folder is None or not folder.is_dir():
        return []
    entries = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            stat = path.stat()
            entries.append(f"{path.relative_to(folder)}:{stat.st_size}:{stat.st_mtime_ns}")
    return entries


def source_fingerprint(source: Source | None = None) -> str:
    """A short hash of every file the tables are built from (names, sizes, times): it changes
    whenever a document is added, edited or removed, so caches keyed on it stay fresh."""
    source = source or default_source()
    digest = blake2b(digest_size=8)
    for folder in (source.seeds_dir, source.documents_dir, source.tables_dir):
        digest.update(str(folder).encode())
        digest.update("\n".join(_listing(folder)).encode())
    if source.store_path is not None:  # an ingest from the command line changes the store file
        for path in (source.store_path, source.store_path.with_name(source.store_path.name + ".wal")):
            if path.exists():
                stat = path.stat()
                digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def read_table_csv(path: Path, table: str) -> pd.DataFrame:
    """One table from a CSV written by ``sitrep extract``, typed by the contract."""
    columns = COLUMNS[table]
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    frame = raw.reindex(columns=list(columns))
    for name, dtype in columns.items():
        if dtype == "boolean":
            frame[name] = frame[name].map({"True": True, "False": False, "true": True, "false": False})
        elif dtype in ("float64", INT):
            frame[name] = pd.to_numeric(frame[name], errors="coerce")
        elif dtype == DATE:
            frame[name] = pd.to_datetime(frame[name], errors="coerce")
        else:  # undo the apostrophe ``to_csv_bytes`` puts before formula-like cells
            column = frame[name]
            quoted = column.fillna("").str.match(r"^'[=+\-@\t\r]")
            frame[name] = column.where(~quoted, column.str[1:])
    return to_frame(table, frame.to_dict("records"))


def read_tables(folder: Path) -> Tables:
    """The six tables from a folder of CSVs; a missing CSV is an empty table."""
    tables = {}
    for table in TABLES:
        path = folder / f"{table}.csv"
        tables[table] = read_table_csv(path, table) if path.is_file() else to_frame(table, [])
    return tables


def _extract(paths: list[Path], *, skip: set[str]) -> Dataset:
    from lib.pipeline import DocumentRows, Failure, iter_document_rows, rows_to_tables

    problems: list[str] = []
    documents: list[Document] = []
    seen = set(skip)
    for result in load_documents([p for p in paths if p.is_dir()]):
        if result.document is None:
            problems.append(result.error or result.path)
        elif result.document.doc_id not in seen:  # the same text under two names is one document
            seen.add(result.document.doc_id)
            documents.append(result.document)
    results = []
    for item in iter_document_rows(documents):
        if isinstance(item, Failure):
            problems.append(f"{item.path}: {item.reason}")
        elif isinstance(item, DocumentRows):
            results.append(item)
    return Dataset(rows_to_tables(results), problems)


def load_dataset(source: Source | None = None) -> Dataset:
    """The six tables for a source, with the files that failed. Without a tables folder the
    seeds and the added documents are extracted; with one, its CSVs are read and the added
    documents are extracted on top."""
    source = source or default_source()
    if source.store_path is not None and source.tables_dir is None:
        return _from_store(source)
    if source.tables_dir is None:
        return _extract([source.seeds_dir, source.documents_dir], skip=set())
    base = read_tables(source.tables_dir)
    added = _extract([source.documents_dir], skip=set(base["documents"]["doc_id"]))
    tables = {
        t: pd.concat([base[t], added.tables[t]], ignore_index=True) if len(added.tables[t]) else base[t] for t in TABLES
    }
    return Dataset({t: to_frame(t, tables[t].to_dict("records")) for t in TABLES}, added.problems)


def _from_store(source: Source) -> Dataset:
    """Read every table from the store, first ingesting the seeds and added documents that are
    new or changed. The store is opened for writing only when there is something to ingest, so
    loading never touches the file otherwise. While another process (an ingest from the command
    line) writes a batch, the load waits up to ``LOAD_WAIT_SECONDS``; when that process holds on
    to the store for writing, the tables it holds are shown and the new documents wait for the
    next load. Raises :class:`~lib.store.StoreBusy` when the store cannot be read at all in that
    time, and :class:`~lib.store.StoreError` for a damaged store or one of another version."""
    from lib.ingestion import pending_sources, run_ingest
    from lib.store import Store, StoreBusy, StoreError

    assert source.store_path is not None
    path = source.store_path
    folders = [p for p in (source.seeds_dir, source.documents_dir) if p.is_dir()]
    if path.exists():
        try:
            with Store(path, read_only=True, busy_timeout=LOAD_WAIT_SECONDS) as store:
                pending, failures = pending_sources(folders, store)
                if not pending:
                    return Dataset(store.load_tables(), failures)
        except StoreBusy:
            raise
        except StoreError:
            pass  # not a sitrep store yet, damaged or of another version: the write attempt below says which
    try:
        with Store(path, busy_timeout=LOAD_WAIT_SECONDS) as store:
            summary = run_ingest(folders, store, progress=False, reextract_stale=False)
            return Dataset(store.load_tables(), list(summary.failures))
    except StoreBusy as exc:
        if not path.exists():
            raise
        with Store(path, read_only=True, busy_timeout=LOAD_WAIT_SECONDS) as store:
            return Dataset(
                store.load_tables(),
                [],
                notice=f"{exc}; showing the tables it holds now. New or changed seeds and added documents "
                "are ingested on the next load.",
            )


def rebuild_store(source: Source | None = None) -> Path | None:
    """Move a damaged store aside (it is kept, renamed; see :func:`lib.store.move_aside`) so the
    next load builds a new one from the seeds and the added documents. Returns where the old
    file went, or None when there was none."""
    from lib.store import move_aside

    source = source or default_source()
    if source.store_path is None:
        return None
    return move_aside(source.store_path)


def load_tables(source: Source | None = None) -> Tables:
    """The six tables the dashboard shows (see :func:`load_dataset`)."""
    return load_dataset(source).tables


# --- one document -----------------------------------------------------------------------


def _text_from_sentences(tables: Tables, doc_id: str) -> str:
    sentences = tables["sentences"]
    sentences = sentences[sentences["doc_id"] == doc_id].sort_values("start")
    text = ""
    for start, sentence in zip(sentences["start"], sentences["text"], strict=True):
        text += " " * max(0, int(start) - len(text)) + sentence
    return text


def load_document_text(tables: Tables, doc_id: str) -> str:
    """A document's full text, with the offsets the tables use: read from its file when the
    file still holds the same text, otherwise rebuilt from its sentences."""
    from lib.ingest import load_document

    documents = tables["documents"]
    row = documents[documents["doc_id"] == doc_id]
    if row.empty:
        return ""
    source = default_source()
    if source.store_path is not None and source.store_path.exists():
        from lib.store import Store, StoreError

        try:
            with Store(source.store_path, read_only=True, busy_timeout=1.0) as store:
                text = store.document_text(doc_id)
            if text is not None:
                return text
        except StoreError:
            pass  # the store is busy or gone: fall back to the file or the sentences
    path = row["path"].iloc[0]
    if isinstance(path, str) and path and Path(path).is_file():
        result = load_document(Path(path))
        if result.document is not None and result.document.doc_id == doc_id:
            return result.document.text
    return _text_from_sentences(tables, doc_id)


def load_mentions(text: str, *, published: dt.date | None = None) -> pd.DataFrame:
    """The actor and date mentions of a text (the tables keep places and figures with their
    offsets, but not these), one row per mention: start, end, layer, label, detail."""
    from lib.pipeline import parse

    if not text.strip():
        return pd.DataFrame(columns=MENTION_COLUMNS)
    parsed = parse(Document.from_text(text, published=published))
    rows = [
        {"start": m.start, "end": m.end, "layer": "actor", "label": m.name, "detail": f"{m.actor_type}, {m.side}"}
        for m in parsed.actors
    ]
    rows += [
        {
            "start": m.start,
            "end": m.end,
            "layer": "date",
            "label": m.text,
            "detail": f"{m.date_start or '?'} – {m.date_end or '?'} ({m.precision})",
        }
        for m in parsed.dates
    ]
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


# --- adding a document ------------------------------------------------------------------


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:48].rstrip("-") or "document"


def upload_name(filename: str) -> str:
    """An uploaded file's name fit for a one-line message: its last path part (a browser may
    send ``../`` or a Windows path), without control characters, at most 80 characters. The
    name is only ever shown: a saved document is named after its title."""
    name = re.split(r"[\\/]", filename or "")[-1]
    name = "".join(c if c.isprintable() else " " for c in name).strip()
    return (name[:77] + "…" if len(name) > 80 else name) or "the uploaded file"


def parse_upload(data: bytes, *, filename: str) -> tuple[str, str]:
    """(raw text, kind) of an uploaded file; raises :class:`IngestError` with a one-line
    reason naming the file when it is not a readable .txt, .md or .html of at most
    ``MAX_UPLOAD_BYTES``."""
    name = upload_name(filename)
    kind = UPLOAD_KINDS.get(Path(re.split(r"[\\/]", filename or "")[-1]).suffix.lower())
    if kind is None:
        raise IngestError(f"{name} is not a .txt, .md or .html file")
    if len(data) > MAX_UPLOAD_BYTES:
        raise IngestError(
            f"{name} is {len(data) / 2**20:.1f} MiB, over the {MAX_UPLOAD_BYTES // 2**20} MiB limit for uploads"
        )
    try:
        return decode_bytes(data), kind
    except IngestError as exc:
        raise IngestError(f"{name} {exc}") from None


def add_upload(
    content: bytes,
    *,
    filename: str,
    title: str = "",
    outlet: str = "",
    published: dt.date | None = None,
    url: str = "",
    source: Source | None = None,
) -> Added:
    """Add an uploaded file (see :func:`parse_upload` and :func:`add_document`); raises
    :class:`IngestError` with a one-line reason that names the file."""
    raw, kind = parse_upload(content, filename=filename)
    try:
        return add_document(raw, kind=kind, title=title, outlet=outlet, published=published, url=url, source=source)
    except IngestError as exc:
        raise IngestError(f"{upload_name(filename)} {exc}") from None


def add_document(
    raw: str,
    *,
    kind: str = "text",
    title: str = "",
    outlet: str = "",
    published: dt.date | None = None,
    url: str = "",
    source: Source | None = None,
) -> Added:
    """Save a pasted or uploaded text (``kind`` text, markdown or html) as ``<name>.txt`` plus
    ``<name>.meta.json`` in the added-documents folder, where the next load picks it up.
    Raises :class:`IngestError` when there is no text."""
    if kind not in TEXT_SUFFIXES.values():
        raise ValueError(f"kind must be one of {sorted(set(TEXT_SUFFIXES.values()))}, not {kind!r}")
    source = source or default_source()
    meta: dict[str, object] = {"title": title.strip(), "outlet": outlet.strip(), "url": url.strip()}
    document = document_from_text(raw, kind=kind, meta=meta)
    title = title.strip() or document.title or document.text.split("\n", 1)[0][:80]
    name = f"{_slug(title)}-{document.doc_id[:8]}"
    folder = source.documents_dir
    path = folder / f"{name}.txt"
    existing = list(folder.glob(f"*-{document.doc_id[:8]}.txt")) if folder.is_dir() else []
    if existing:
        return Added(document, existing[0], existed=True)
    sidecar = {
        "title": title,
        "published": published.isoformat() if published else "",
        "outlet": outlet.strip(),
        "url": url.strip(),
    }
    write_atomic(folder / f"{name}{META_SUFFIX}", json.dumps(sidecar, indent=2, ensure_ascii=False).encode("utf-8"))
    write_atomic(path, (document.text + "\n").encode("utf-8"))
    return Added(document, path, existed=False)
