"""The embedded DuckDB store: documents and every table, versioned, written one batch of whole
documents per transaction."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from lib.document import Document
from lib.schema import BOOL, COLUMNS, DATE, FLOAT, INT, STR, TABLES, conform, empty_frame

SCHEMA_VERSION = 1
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "sitrep.duckdb"
_SQL_TYPES = {STR: "VARCHAR", FLOAT: "DOUBLE", INT: "BIGINT", DATE: "DATE", BOOL: "BOOLEAN"}


class StoreError(Exception):
    """The store cannot be used; the message says why and how to rebuild it."""


class StoreBusy(StoreError):
    """Another process holds the store (DuckDB lets one process write, and no one else open the
    file meanwhile); trying again later may succeed."""


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """What the store remembers about one ingested source (a file or a feed line)."""

    source_key: str
    doc_id: str
    content_hash: str
    extractor_version: str


def _table_ddl(table: str) -> str:
    columns = ", ".join(f'"{name}" {_SQL_TYPES[dtype]}' for name, dtype in COLUMNS[table].items())
    key = "doc_id" if table == "documents" else None
    primary = f", PRIMARY KEY ({key})" if key else ""
    return f'CREATE TABLE IF NOT EXISTS "{table}" ({columns}{primary})'


# Full texts, so documents can be re-extracted from the store when the extractors change.
_TEXTS_DDL = "CREATE TABLE IF NOT EXISTS texts (doc_id VARCHAR PRIMARY KEY, text VARCHAR NOT NULL)"
_SOURCES_DDL = (
    "CREATE TABLE IF NOT EXISTS sources (source_key VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, "
    "content_hash VARCHAR NOT NULL, extractor_version VARCHAR NOT NULL, ingested_at TIMESTAMP NOT NULL)"
)
_META_DDL = "CREATE TABLE IF NOT EXISTS sitrep_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)"


def rebuild_hint(path: Path) -> str:
    """How to get a working store back: the command that moves the file aside and re-ingests."""
    return (
        f"`sitrep ingest --rebuild --store {path} seeds/ <your sources>` moves it aside (it is kept) "
        "and rebuilds the store from the sources"
    )


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    return isinstance(exc, duckdb.IOException) and "lock" in _first_line(exc).lower()


def damaged_error(path: Path, exc: BaseException) -> StoreError:
    """The error for a store whose file DuckDB cannot read (garbage, truncated, corrupt blocks)."""
    return StoreError(f"the store {path} is damaged ({_first_line(exc)}); {rebuild_hint(path)}")


def _holds_lock(path: Path) -> bool:
    """Whether another process holds a lock on the file (DuckDB locks it with ``fcntl``)."""
    try:
        import fcntl
    except ImportError:  # no POSIX locks on this system: nothing to check
        return False
    try:
        with path.open("r+b") as handle:
            try:
                fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return True
            fcntl.lockf(handle, fcntl.LOCK_UN)
    except OSError:
        return False
    return False


def move_aside(path: Path | str) -> Path | None:
    """Rename a store file (and its write-ahead log) to ``<name>.<time>.bad`` beside it, so a new
    store can be built in its place; nothing is deleted. Returns the new name, or None when
    there was no file. Refuses while another process holds the file."""
    path = Path(path)
    wal = path.with_name(path.name + ".wal")
    if not path.exists() and not wal.exists():
        return None
    if path.exists() and _holds_lock(path):
        raise StoreBusy(f"the store {path} is in use by another process; stop it before rebuilding the store")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.bad")
    n = 1
    while target.exists() or target.with_name(target.name + ".wal").exists():
        n += 1
        target = path.with_name(f"{path.name}.{stamp}-{n}.bad")
    if path.exists():
        path.rename(target)
    if wal.exists():
        wal.rename(target.with_name(target.name + ".wal"))
    return target


class Store:
    """sitrep's DuckDB database. Open it with ``Store(path)`` (read-write) or
    ``Store(path, read_only=True)``; use it as a context manager.

    ``busy_timeout`` is how long to keep trying while another process holds the file.
    :meth:`release` closes the connection so other processes can open the file; the next use
    opens it again (an ingest holds the file only while it writes a batch)."""

    def __init__(self, path: Path | str = DEFAULT_PATH, *, read_only: bool = False, busy_timeout: float = 0.0) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.busy_timeout = busy_timeout
        self._con: duckdb.DuckDBPyConnection | None = None
        self._closed = False
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path}: run `sitrep ingest seeds/` first")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._con = self._connect()
        try:
            self._check_version()
        except duckdb.Error as exc:
            self._con.close()
            raise damaged_error(self.path, exc) from exc
        except BaseException:
            self._con.close()
            raise

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """A connection to the file, retrying while another process holds it (up to
        ``busy_timeout`` seconds)."""
        deadline = time.monotonic() + self.busy_timeout
        pause = 0.02
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=self.read_only)
            except duckdb.ConnectionException as exc:  # not damage: this process holds it open otherwise
                raise StoreError(
                    f"the store {self.path} is already open in this process in another mode (read-write and "
                    "read-only at once); close that connection first"
                ) from exc
            except duckdb.Error as exc:
                if not _is_lock_conflict(exc):
                    if isinstance(exc, duckdb.IOException):
                        raise StoreError(
                            f"the store {self.path} cannot be opened ({_first_line(exc)}); {rebuild_hint(self.path)}"
                        ) from exc
                    raise damaged_error(self.path, exc) from exc
                if time.monotonic() + pause > deadline:
                    raise StoreBusy(
                        f"the store {self.path} is busy: another sitrep process is using it"
                        + (f" (waited {self.busy_timeout:.0f} s)" if self.busy_timeout >= 1 else "")
                    ) from exc
            time.sleep(pause)
            pause = min(pause * 2, 0.25)

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open connection; opened again (waiting while busy) after :meth:`release`."""
        if self._con is None:
            if self._closed:
                raise StoreError(f"the store {self.path} was closed")
            self._con = self._connect()
        return self._con

    @con.setter
    def con(self, value: duckdb.DuckDBPyConnection) -> None:
        self._con = value

    def release(self) -> None:
        """Close the connection so other processes can open the file; the next use reopens it."""
        if self._con is not None:
            con, self._con = self._con, None
            con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.release()
        self._closed = True

    def _check_version(self) -> None:
        tables = {row[0] for row in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "sitrep_meta" not in tables:
            if self.read_only:
                raise StoreError(f"{self.path} is not a sitrep store; {rebuild_hint(self.path)}")
            self._create()
            return
        row = self.con.execute("SELECT value FROM sitrep_meta WHERE key = 'schema_version'").fetchone()
        try:
            version = int(row[0]) if row else 0
        except ValueError:
            raise StoreError(
                f"the store {self.path} is damaged (its schema version reads {row[0]!r}); {rebuild_hint(self.path)}"
            ) from None
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer sitrep (store schema {version}, this one reads {SCHEMA_VERSION}); "
                f"upgrade sitrep, or {rebuild_hint(self.path)}"
            )
        if version < SCHEMA_VERSION:
            raise StoreError(f"{self.path} has an old store schema ({version}); {rebuild_hint(self.path)}")

    def _create(self) -> None:
        self.con.execute("BEGIN")
        for table in TABLES:
            self.con.execute(_table_ddl(table))
        self.con.execute(_TEXTS_DDL)
        self.con.execute(_SOURCES_DDL)
        self.con.execute(_META_DDL)
        self.con.execute("INSERT INTO sitrep_meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        self.con.execute("COMMIT")

    # -- reading ---------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _reading(self):
        """Report a block DuckDB cannot read (found only when a query reaches it) as damage."""
        try:
            yield
        except duckdb.Error as exc:
            if _is_lock_conflict(exc):
                raise StoreBusy(f"the store {self.path} is busy: another sitrep process is using it") from exc
            raise damaged_error(self.path, exc) from exc

    def sources(self) -> dict[str, SourceRecord]:
        """Every ingested source by key."""
        with self._reading():
            rows = self.con.execute(
                "SELECT source_key, doc_id, content_hash, extractor_version FROM sources"
            ).fetchall()
        return {row[0]: SourceRecord(*row) for row in rows}

    def doc_ids(self) -> set[str]:
        with self._reading():
            return {row[0] for row in self.con.execute("SELECT doc_id FROM documents").fetchall()}

    def stored_documents(self, doc_ids: Iterable[str]) -> list[Document]:
        """Rebuild documents from their stored text and metadata (to re-extract them)."""
        ids = pd.DataFrame({"doc_id": sorted(set(doc_ids))})
        if ids.empty:
            return []
        self.con.register("wanted_ids", ids)
        rows = self.con.execute(
            "SELECT d.doc_id, t.text, d.path, d.title, d.outlet, d.url, d.published FROM documents d "
            "JOIN texts t USING (doc_id) WHERE d.doc_id IN (SELECT doc_id FROM wanted_ids) ORDER BY d.doc_id"
        ).fetchall()
        self.con.unregister("wanted_ids")
        return [
            Document(
                doc_id=r[0],
                text=r[1],
                path=r[2] or "",
                title=r[3] or "",
                outlet=r[4] or "",
                url=r[5] or "",
                published=r[6],
            )
            for r in rows
        ]

    def document_text(self, doc_id: str) -> str | None:
        """One document's full text."""
        with self._reading():
            row = self.con.execute("SELECT text FROM texts WHERE doc_id = ?", [doc_id]).fetchone()
        return row[0] if row else None

    def load_table(self, table: str, *, where: str = "", params: Iterable[object] = ()) -> pd.DataFrame:
        """One table as a typed frame (optionally filtered by a SQL ``where`` clause)."""
        if table not in COLUMNS:
            raise KeyError(table)
        sql = f'SELECT * FROM "{table}"' + (f" WHERE {where}" if where else "")
        with self._reading():
            frame = self.con.execute(sql, list(params)).df()
        return conform(table, frame) if len(frame) else empty_frame(table)

    def load_tables(self, tables: Iterable[str] = TABLES) -> dict[str, pd.DataFrame]:
        """Several tables as typed frames."""
        return {table: self.load_table(table) for table in tables}

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self._reading():
            return {table: self.con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in TABLES}

    # -- writing ---------------------------------------------------------------------------------

    def write_batch(
        self,
        tables: Mapping[str, pd.DataFrame],
        sources: Iterable[SourceRecord],
        *,
        replaced_doc_ids: Iterable[str] = (),
    ) -> None:
        """Write a batch of whole documents in ONE transaction: the rows of documents that
        replace others are deleted, the new rows inserted and the sources recorded; on any error
        nothing of the batch remains. Rows the store already holds for an incoming document are
        replaced too, so writing a batch again (after an interrupted run, or when another process
        wrote the same document meanwhile) never duplicates a row."""
        incoming = set()
        for name in ("documents", "texts"):
            frame = tables.get(name)
            if frame is not None and "doc_id" in frame:
                incoming.update(frame["doc_id"].dropna())
        replaced = set(replaced_doc_ids)
        source_rows = pd.DataFrame(
            [(s.source_key, s.doc_id, s.content_hash, s.extractor_version) for s in sources],
            columns=["source_key", "doc_id", "content_hash", "extractor_version"],
        )
        source_rows["ingested_at"] = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            if incoming:  # copies already stored (one lookup; a fresh batch usually has none)
                con.register("incoming_ids", pd.DataFrame({"doc_id": sorted(incoming)}))
                stored = con.execute(
                    "SELECT doc_id FROM documents WHERE doc_id IN (SELECT doc_id FROM incoming_ids) "
                    "UNION SELECT doc_id FROM texts WHERE doc_id IN (SELECT doc_id FROM incoming_ids)"
                ).fetchall()
                con.unregister("incoming_ids")
                replaced.update(row[0] for row in stored)
            if replaced:
                ids = pd.DataFrame({"doc_id": sorted(replaced)})
                con.register("replaced_ids", ids)
                for table in (*TABLES, "texts"):
                    con.execute(f'DELETE FROM "{table}" WHERE doc_id IN (SELECT doc_id FROM replaced_ids)')
                con.unregister("replaced_ids")
            for table in TABLES:
                frame = tables.get(table)
                if frame is None or frame.empty:
                    continue
                name = f"incoming_{table}"
                con.register(name, frame)
                columns = ", ".join(f'"{c}"' for c in COLUMNS[table])
                con.execute(f'INSERT INTO "{table}" ({columns}) SELECT {columns} FROM {name}')
                con.unregister(name)
            texts = tables.get("texts")
            if texts is not None and not texts.empty:
                con.register("incoming_texts", texts[["doc_id", "text"]])
                con.execute("INSERT INTO texts SELECT doc_id, text FROM incoming_texts")
                con.unregister("incoming_texts")
            if len(source_rows):
                con.register("incoming_sources", source_rows)
                con.execute("INSERT OR REPLACE INTO sources SELECT * FROM incoming_sources")
                con.unregister("incoming_sources")
                # a changed source now points at its new text: drop texts no source refers to
                # (their ids are collected first: deleting from ``documents`` would hide the rest)
                orphans = con.execute(
                    "SELECT doc_id FROM documents WHERE doc_id NOT IN (SELECT doc_id FROM sources)"
                ).df()
                if len(orphans):
                    con.register("orphan_ids", orphans)
                    for table in (*TABLES, "texts"):
                        con.execute(f'DELETE FROM "{table}" WHERE doc_id IN (SELECT doc_id FROM orphan_ids)')
                    con.unregister("orphan_ids")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def export_parquet(self, out_dir: Path) -> list[Path]:
        """Every table as ``<table>.parquet`` in ``out_dir``. All are written to temporary files
        first and moved into place together, so a failure (a damaged store, a full disk) leaves
        the old files as they were, no temporary file, and no folder it created."""
        created = not out_dir.exists()
        out_dir.mkdir(parents=True, exist_ok=True)
        staged: list[tuple[Path, Path]] = []
        try:
            for table in TABLES:
                tmp = out_dir / f".{table}.parquet.tmp"
                staged.append((tmp, out_dir / f"{table}.parquet"))
                with self._reading():
                    self.con.execute(f"COPY \"{table}\" TO '{_sql_string(tmp)}' (FORMAT PARQUET)")
            for tmp, path in staged:
                tmp.replace(path)
        except BaseException:
            for tmp, _path in staged:
                tmp.unlink(missing_ok=True)
            if created:
                with contextlib.suppress(OSError):
                    out_dir.rmdir()
            raise
        return [path for _tmp, path in staged]


def _sql_string(path: Path) -> str:
    return str(path).replace("'", "''")
