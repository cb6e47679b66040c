"""The benchmark: extraction speed against bare spaCy tokenisation, ingest throughput with
workers, re-ingest time, peak memory, and the dashboard's per-page data preparation time."""

from __future__ import annotations

import gc
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from lib.document import Document
from lib.ingestion import iter_sources, run_ingest
from lib.nlp import get_baseline_nlp, get_nlp
from lib.pipeline import DocumentRows, iter_document_rows
from lib.store import Store


def _peak_mb() -> float:
    """This process's peak resident memory in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_mb() -> float:
    """This process's resident memory now, in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def load_corpus(paths: Iterable[str | Path], *, limit: int | None = None) -> list[Document]:
    """The documents under ``paths`` (files, folders, feeds), unique by text, at most ``limit``."""
    documents: list[Document] = []
    seen: set[str] = set()
    for _key, result in iter_sources(paths):
        if result.document is not None and result.document.doc_id not in seen:
            seen.add(result.document.doc_id)
            documents.append(result.document)
            if limit is not None and len(documents) >= limit:
                break
    return documents


def time_baseline(texts: list[str]) -> float:
    """Seconds for bare spaCy: blank English tokenizer plus the stock sentencizer."""
    nlp = get_baseline_nlp()
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - started


def time_warm_up() -> float:
    """Seconds to load the pipeline, lexicons and gazetteer once (every process pays this once)."""
    started = time.perf_counter()
    get_nlp()
    for _item in iter_document_rows([Document.from_text("Kyiv said on Monday that 3 civilians were killed.")]):
        pass
    return time.perf_counter() - started


def time_extraction(documents: list[Document]) -> tuple[float, int]:
    """Seconds for sitrep's whole extraction in one process (once warmed up), and the rows it produced."""
    time_warm_up()
    started = time.perf_counter()
    rows = 0
    for item in iter_document_rows(documents):
        if isinstance(item, DocumentRows):
            rows += sum(len(r) for r in item.rows.values())
    return time.perf_counter() - started, rows


def page_data_timings(tables: dict, *, repeat: int = 5, filters: object | None = None) -> dict[str, float]:
    """Milliseconds the dashboard spends preparing each page's data over ``tables``: preparing
    the tables once at load ("prepare": joins, orders and filter options, one run), then the
    median over ``repeat`` runs of applying the filters and of each page's data function
    (``lib.queries.<page>_data``, what the page calls), unfiltered and, as "<page> filtered",
    with a typical filter (``queries.typical_filters``: one side and the last quarter of
    reporting, unless ``filters`` is given)."""
    from lib import queries

    started = time.perf_counter()
    prepared = queries.prepare_tables(tables)
    options = queries.filter_options(prepared)
    timings = {"prepare": (time.perf_counter() - started) * 1000}
    chosen = filters if isinstance(filters, queries.Filters) else queries.typical_filters(prepared, options)

    def pages(view: dict) -> dict[str, Callable[[], object]]:
        return {
            "overview": lambda: queries.overview_data(prepared, view),
            "timeline": lambda: queries.timeline_data(view),
            "border map": lambda: (queries.border_distance_max(view), queries.border_map_data(view)),
            "claims": lambda: queries.claims_data(view),
            "casualties": lambda: queries.casualties_data(view),
            "documents": lambda: queries.documents_data(view),
        }

    def median_ms(run: Callable[[], object]) -> float:
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            run()
            samples.append((time.perf_counter() - started) * 1000)
        return statistics.median(samples)

    timings["filters"] = median_ms(lambda: queries.apply_filters(prepared, chosen, actors=options.actors))
    filtered = queries.apply_filters(prepared, chosen, actors=options.actors)
    for name, run in pages(prepared).items():
        timings[name] = median_ms(run)
    for name, run in pages(filtered).items():
        timings[f"{name} filtered"] = median_ms(run)
    return timings


def run_bench(paths: list[str], *, limit: int | None = None, workers: int = 2, store_path: str | None = None) -> int:
    """Print the figures; returns 0 (a benchmark reports, it does not judge)."""
    say = print
    started = time.perf_counter()
    documents = load_corpus(paths, limit=limit)
    if not documents:
        print("error: no readable documents under the given paths", file=sys.stderr)
        return 2
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)
    say(f"corpus: {len(documents):,} documents, {words:,} words (read in {time.perf_counter() - started:.1f} s)")

    baseline = time_baseline(texts)
    say(f"bare spaCy tokenisation + sentences, 1 process: {baseline:.1f} s ({words / baseline:,.0f} words/s)")
    say(f"loading the pipeline, lexicons and gazetteer:   {time_warm_up():.1f} s (once a process)")
    extraction, rows = time_extraction(documents)
    say(
        f"sitrep extraction, 1 process:                   {extraction:.1f} s ({words / extraction:,.0f} words/s, "
        f"{len(documents) / extraction:.1f} documents/s, {rows:,} rows)"
    )
    say(f"extraction cost / bare spaCy:                   {extraction / baseline:.2f}x")
    del texts
    gc.collect()

    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        path = Path(store_path) if store_path else Path(tmp) / "bench.duckdb"
        with Store(path) as store:
            first = run_ingest(paths_or_documents(paths, limit, tmp, documents), store, workers=workers, progress=False)
            say(
                f"ingest with {workers} workers:                      {first.seconds:.1f} s "
                f"({first.extracted / first.seconds:.1f} documents/s, {first.words / first.seconds:,.0f} words/s; "
                f"{first.extracted:,} extracted, {first.failed} failed)"
            )
            again = run_ingest(paths_or_documents(paths, limit, tmp, documents), store, workers=workers, progress=False)
            say(
                f"re-ingest, unchanged:                           {again.seconds:.1f} s "
                f"({again.skipped:,} skipped, {again.extracted} extracted)"
            )
            counts = store.counts()
            say("store rows: " + ", ".join(f"{n:,} {t}" for t, n in counts.items()))
            load_started = time.perf_counter()
            tables = store.load_tables()
            say(f"load every table from the store:                {time.perf_counter() - load_started:.2f} s")
        for page, ms in page_data_timings(tables).items():
            say(f"  page data, {page:<12} {ms:8.1f} ms")
        say(f"memory with every table loaded (what the dashboard holds): {_current_mb():,.0f} MB resident")
    say(f"peak memory of this process: {_peak_mb():,.0f} MB")
    return 0


def paths_or_documents(paths: list[str], limit: int | None, tmp: str, documents: list[Document]) -> list[str]:
    """The paths to ingest: the given ones, or (with ``--limit``) a feed of just those documents."""
    if limit is None:
        return paths
    import gzip
    import json

    feed = Path(tmp) / "limited.jsonl.gz"
    if not feed.exists():
        with gzip.open(feed, "wt", encoding="utf-8") as handle:
            for d in documents:
                record = {
                    "text": d.text,
                    "title": d.title,
                    "outlet": d.outlet,
                    "url": d.url or d.path,
                    "published": d.published.isoformat() if d.published else None,
                }
                handle.write(json.dumps(record) + "\n")
    return [str(feed)]
