"""Ingest sources into the store: incremental by content hash, extraction in parallel worker
processes (or on a Dask cluster), each batch of whole documents written in one transaction.
The store file is held only while a batch is written, so a dashboard can read between batches,
and a run that is killed leaves every batch before it whole: the next run skips those sources
and extracts the rest."""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import hashlib
import json
import multiprocessing
import os
import sys
import threading
import time
import types
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from tqdm import tqdm

import lib.version
from lib.document import Document
from lib.feeds import is_feed, iter_feed
from lib.ingest import LoadResult, iter_document_paths, load_document
from lib.pipeline import DocumentRows, Failure, iter_document_rows, rows_to_tables
from lib.store import SourceRecord, Store

CHUNK_DOCS = 48  # documents a worker extracts per task
BATCH_DOCS = 1000  # documents written per transaction
ENGINES = ("local", "dask")


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did. ``extracted`` counts every document extracted; ``replaced`` counts
    sources whose text or metadata changed, ``reextracted`` the extracted documents whose stored
    rows came from an older extractor version."""

    read: int = 0
    extracted: int = 0
    skipped: int = 0
    replaced: int = 0
    duplicates: int = 0
    reextracted: int = 0
    words: int = 0
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return len(self.failures)

    def lines(self, *, max_failures: int = 20) -> list[str]:
        """A human summary: counts, speed, and the failures (grouped when there are many)."""
        rate = self.extracted / self.seconds if self.seconds else 0.0
        out = [
            f"read {self.read}, extracted {self.extracted} ({self.replaced} replaced, {self.reextracted} re-extracted "
            f"for a new extractor version), skipped {self.skipped} unchanged, {self.duplicates} duplicate texts, "
            f"failed {self.failed}",
            f"{self.seconds:.1f} s, {rate:.1f} documents/s, {self.words / self.seconds if self.seconds else 0:,.0f} words/s",
        ]
        if self.failures:
            reasons = Counter(f.split(": ", 1)[-1] for f in self.failures)
            if len(self.failures) <= max_failures:
                out += [f"failed: {f}" for f in self.failures]
            else:
                out += [f"failed ({n}x): {reason}" for reason, n in reasons.most_common(max_failures)]
        return out


def source_hash(document: Document) -> str:
    """What decides whether a source changed: its text and its metadata."""
    meta = json.dumps([document.title, document.outlet, document.url, str(document.published or "")])
    return hashlib.sha256(document.text.encode("utf-8") + b"\x1e" + meta.encode("utf-8")).hexdigest()


def iter_sources(paths: Iterable[str | Path]) -> Iterator[tuple[str, LoadResult]]:
    """``(source key, load result)`` for every document under ``paths``: files by their absolute
    path, feed lines by URL (or feed path and line)."""
    for path in iter_document_paths_and_feeds(paths):
        if isinstance(path, str):
            yield path, LoadResult(path, error=f"{path}: no such file or folder")
        elif is_feed(path):
            yield from iter_feed(path)
        else:
            yield str(path.resolve()), load_document(path)


def iter_document_paths_and_feeds(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    """Like :func:`lib.ingest.iter_document_paths`, plus JSON Lines feeds (given directly or
    found in folders)."""
    for item in paths:
        path = Path(item)
        if path.is_file() and is_feed(path):
            yield path
            continue
        yield from iter_document_paths([path])
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and is_feed(p))


def pending_sources(paths: Iterable[str | Path], store: Store) -> tuple[int, list[str]]:
    """How many sources under ``paths`` an ingest would extract (new, changed, or extracted by an
    older extractor), and the files that cannot be read — without writing to the store, and
    without holding it while the files are read."""
    version = lib.version.extractor_version()
    known = store.sources()
    store.release()
    pending = 0
    failures: list[str] = []
    for key, result in iter_sources(paths):
        if result.document is None:
            failures.append(result.error or key)
            continue
        previous = known.get(key)
        if (
            not previous
            or previous.content_hash != source_hash(result.document)
            or previous.extractor_version != version
        ):
            pending += 1
    return pending, failures


def extract_chunk(documents: list[Document]) -> tuple[dict[str, pd.DataFrame], list[Failure], list[str]]:
    """Extract a chunk of documents (runs in a worker): their tables, failures and the ids done."""
    done: list[DocumentRows] = []
    failures: list[Failure] = []
    for item in iter_document_rows(documents):
        (failures if isinstance(item, Failure) else done).append(item)
    tables = rows_to_tables(done)
    by_id = {d.doc_id: d for d in documents}
    tables["texts"] = pd.DataFrame({"doc_id": [d.doc_id for d in done], "text": [by_id[d.doc_id].text for d in done]})
    return tables, failures, [d.doc_id for d in done]


def _exit_when_gone(parent: int, *, every: float = 1.0) -> None:
    """End this worker once ``parent`` has gone: an ingest killed with SIGKILL cannot stop its
    workers, which would otherwise wait for work forever."""
    while True:
        time.sleep(every)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # alive, under another user
            continue


def _warm_worker(parent: int | None = None) -> None:
    """Load the pipeline and lexicons once per worker process (and, given the ingest's process
    id, watch it)."""
    if parent is not None:
        threading.Thread(target=_exit_when_gone, args=(parent,), name="sitrep-watch-ingest", daemon=True).start()
    from lib.nlp import get_nlp
    from lib.pipeline import parse

    get_nlp()
    parse(Document.from_text("Kyiv said on Monday that 3 civilians were killed."))


class _Batcher:
    """Collects extracted chunks and writes them to the store in transactions of whole documents."""

    def __init__(
        self,
        store: Store,
        summary: IngestSummary,
        pending_sources: dict[str, list[SourceRecord]],
        replaced: set[str],
        *,
        batch_docs: int = BATCH_DOCS,
    ) -> None:
        self.store = store
        self.batch_docs = batch_docs
        self.summary = summary
        self.pending_sources = pending_sources
        self.replaced = replaced
        self.frames: list[dict[str, pd.DataFrame]] = []
        self.doc_ids: list[str] = []
        self.written: set[str] = set()  # documents already in the store from this run

    def add(self, result: tuple[dict[str, pd.DataFrame], list[Failure], list[str]]) -> None:
        tables, failures, doc_ids = result
        for failure in failures:
            self.summary.failures.append(f"{failure.path}: {failure.reason}")
        self.frames.append(tables)
        self.doc_ids.extend(doc_ids)
        if len(self.doc_ids) >= self.batch_docs:
            self.flush()

    def flush(self, extra_sources: Iterable[SourceRecord] = ()) -> None:
        sources = [s for doc_id in self.doc_ids for s in self.pending_sources.pop(doc_id, [])]
        sources.extend(extra_sources)
        sources = list({s.source_key: s for s in sources}.values())  # one record a key, the latest
        if not self.frames and not sources:
            return
        tables = {
            name: pd.concat(
                [f[name] for f in self.frames if not f[name].empty] or [self.frames[0][name]], ignore_index=True
            )
            for name in (self.frames[0] if self.frames else {})
        }
        replaced = [d for d in self.doc_ids if d in self.replaced]
        try:
            self.store.write_batch(tables, sources, replaced_doc_ids=replaced)
        finally:
            self.store.release()  # let readers (the dashboard) in until the next batch
        if "documents" in tables:
            self.summary.words += int(tables["documents"]["n_words"].fillna(0).sum())
        self.written.update(self.doc_ids)
        self.frames, self.doc_ids = [], []


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for document in documents:
        chunk.append(document)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@contextlib.contextmanager
def _script_free_main() -> Iterator[None]:
    """Worker processes re-run the parent's ``__main__`` script when it was started as a file
    (multiprocessing's spawn rule). Under AppTest or Streamlit that script is the dashboard, which
    must not run in a worker, so a bare module stands in for it while workers start."""
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None or not getattr(main, "__file__", None):
        yield
        return
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _run_local(chunks: Iterator[list[Document]], workers: int, sink: Callable, progress: tqdm) -> None:
    if workers <= 1:
        for chunk in chunks:
            sink(extract_chunk(chunk))
            progress.update(len(chunk))
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["lib.pipeline", "lib.ingestion"])
    with (
        _script_free_main(),
        cf.ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_warm_worker, initargs=(os.getpid(),)
        ) as pool,
    ):
        pending: dict[cf.Future, int] = {}
        for chunk in chunks:
            pending[pool.submit(extract_chunk, chunk)] = len(chunk)
            while len(pending) >= workers * 3:
                done, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                for future in done:
                    sink(future.result())
                    progress.update(pending.pop(future))
        for future in cf.as_completed(pending):
            sink(future.result())
            progress.update(pending[future])


def _run_dask(chunks: Iterator[list[Document]], workers: int, sink: Callable, progress: tqdm) -> None:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # the optional extra is not installed
        raise SystemExit("the dask engine needs the optional extra: pip install 'sitrep[dask]'") from exc
    with (
        _script_free_main(),
        LocalCluster(
            n_workers=max(workers, 1), threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(_warm_worker)
        window = as_completed()
        sizes: dict[str, int] = {}
        in_flight = 0
        for chunk in chunks:
            future = client.submit(extract_chunk, chunk, pure=False)
            sizes[future.key] = len(chunk)
            window.add(future)
            in_flight += 1
            while in_flight >= max(workers, 1) * 3:
                done = next(window)
                sink(done.result())
                progress.update(sizes.pop(done.key))
                in_flight -= 1
        for done in window:
            sink(done.result())
            progress.update(sizes.pop(done.key))


def run_ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    workers: int = 1,
    engine: str = "local",
    progress: bool | None = None,
    reextract_stale: bool = True,
    batch_docs: int = BATCH_DOCS,
) -> IngestSummary:
    """Ingest files, folders and feeds into ``store``; unchanged sources are skipped, changed ones
    replaced, and stored documents re-extracted when the extractor version changed (all of them,
    or with ``reextract_stale=False`` only those whose sources were given). Documents are written
    ``batch_docs`` at a time, one transaction each; the store is released between batches."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    if batch_docs < 1:
        raise ValueError(f"batch_docs must be at least 1, not {batch_docs}")
    started = time.perf_counter()
    summary = IngestSummary()
    version = lib.version.extractor_version()
    known = store.sources()
    stored_ids = store.doc_ids()
    store.release()
    stale = {s.doc_id for s in known.values() if s.extractor_version != version}
    doc_sources: dict[str, set[str]] = {}
    for record in known.values():
        doc_sources.setdefault(record.doc_id, set()).add(record.source_key)
    pending_sources: dict[str, list[SourceRecord]] = {}
    queued: set[str] = set()
    replaced: set[str] = set()
    source_only: list[SourceRecord] = []
    seen_keys: set[str] = set()

    def to_extract() -> Iterator[Document]:
        for key, result in iter_sources(paths):
            seen_keys.add(key)
            summary.read += 1
            summary.warnings.extend(result.warnings)
            if result.document is None:
                summary.failures.append(result.error or key)
                bar.update(1)
                continue
            document = result.document
            digest = source_hash(document)
            record = SourceRecord(key, document.doc_id, digest, version)
            previous = known.get(key)
            if previous and previous.content_hash == digest and previous.extractor_version == version:
                summary.skipped += 1
                bar.update(1)
                continue
            changed = previous is not None and previous.content_hash != digest
            if changed:
                summary.replaced += 1  # a new text: the old text's rows go once no source refers to them
            known_text = previous is not None and previous.doc_id == document.doc_id
            if document.doc_id in queued:
                summary.duplicates += not known_text
                if document.doc_id in pending_sources:  # its text is not written yet
                    pending_sources[document.doc_id].append(record)
                elif document.doc_id in batcher.written:
                    source_only.append(record)
                # else its text failed to extract: this source is retried next time
                bar.update(1)
                continue
            # the same text with new metadata (a new title or publication date) is extracted again
            if document.doc_id in stored_ids and document.doc_id not in stale and not (known_text and changed):
                summary.duplicates += previous is None
                source_only.append(record)
                bar.update(1)
                continue
            if document.doc_id in stored_ids:
                replaced.add(document.doc_id)
            queued.add(document.doc_id)
            pending_sources[document.doc_id] = [record]
            summary.extracted += 1
            summary.reextracted += document.doc_id in stale
            yield document
        # other sources of re-extracted texts, not given this time, are up to date now too
        for doc_id in stale & queued:
            for key in doc_sources.get(doc_id, set()) - seen_keys:
                old = known[key]
                source_only.append(SourceRecord(key, old.doc_id, old.content_hash, version))
        # documents whose extraction is out of date and whose sources were not given this time
        leftover = stale - queued if reextract_stale else set()
        stored = store.stored_documents(leftover)
        store.release()
        for document in stored:
            replaced.add(document.doc_id)
            queued.add(document.doc_id)
            for key in doc_sources.get(document.doc_id, ()):
                old = known[key]
                pending_sources.setdefault(document.doc_id, []).append(
                    SourceRecord(key, old.doc_id, old.content_hash, version)
                )
            summary.extracted += 1
            summary.reextracted += 1
            yield document

    show = sys.stderr.isatty() if progress is None else progress
    with tqdm(unit="doc", desc="ingest", disable=not show, mininterval=0.5, smoothing=0.1) as bar:
        batcher = _Batcher(store, summary, pending_sources, replaced, batch_docs=batch_docs)
        runner = _run_dask if engine == "dask" else _run_local
        runner(_chunks(to_extract(), min(CHUNK_DOCS, batch_docs)), workers, batcher.add, bar)
        # new sources of texts that were already stored
        batcher.flush(extra_sources=source_only)
    summary.seconds = time.perf_counter() - started
    return summary
