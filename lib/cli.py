"""The ``sitrep`` command line: ``extract`` files into CSV tables, ``ingest`` them into the store
(``--rebuild`` to start a damaged store afresh), ``export`` it, ``bench``, ``evaluate`` against gold."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from lib import __version__

BUSY_WAIT_SECONDS = 60.0  # how long a command waits for another process (the dashboard) to let go of the store


def _extract(args: argparse.Namespace) -> int:
    from lib.export import write_tables
    from lib.ingest import load_documents
    from lib.pipeline import DocumentRows, Failure, iter_document_rows, rows_to_tables

    failures: list[str] = []
    documents = []
    for result in load_documents(args.paths):
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if result.document is None:
            failures.append(result.error or result.path)
        else:
            documents.append(result.document)
    results: list[DocumentRows] = []
    seen: set[str] = set()
    for item in iter_document_rows(documents):
        if isinstance(item, Failure):
            failures.append(f"{item.path}: {item.reason}")
        elif item.doc_id not in seen:  # the same text under two names is one document
            seen.add(item.doc_id)
            results.append(item)
    for failure in failures:
        print(f"failed: {failure}", file=sys.stderr)
    tables = rows_to_tables(results)
    try:
        written = write_tables(tables, Path(args.out))
    except OSError as exc:
        print(f"error: cannot write to {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    counts = ", ".join(f"{len(tables[name])} {name}" for name in tables)
    print(f"{len(results)} documents extracted into {len(written)} tables in {args.out}: {counts}")
    if failures:
        print(f"{len(failures)} file(s) failed; see the messages above.", file=sys.stderr)
        return 1
    return 0


def _ingest(args: argparse.Namespace) -> int:
    from lib.ingestion import BATCH_DOCS, run_ingest
    from lib.store import Store, StoreError, move_aside

    try:
        if args.rebuild:
            moved = move_aside(args.store)
            if moved is not None:
                print(f"moved the old store to {moved}; building a new one at {args.store}", file=sys.stderr)
        with Store(args.store, busy_timeout=BUSY_WAIT_SECONDS) as store:
            summary = run_ingest(
                args.paths, store, workers=args.workers, engine=args.engine, batch_docs=args.batch_size or BATCH_DOCS
            )
            counts = store.counts()
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for warning in summary.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for line in summary.lines():
        print(line, file=sys.stderr if line.startswith("failed") else sys.stdout)
    print("store " + str(args.store) + ": " + ", ".join(f"{n} {table}" for table, n in counts.items()))
    return 1 if summary.failures else 0


def _export(args: argparse.Namespace) -> int:
    from lib.export import write_tables
    from lib.store import Store, StoreError

    out = Path(args.out)
    try:
        with Store(args.store, read_only=True, busy_timeout=BUSY_WAIT_SECONDS) as store:
            if args.format == "parquet":
                written = store.export_parquet(out)
            else:
                written = write_tables(store.load_tables(), out)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot write to {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(written)} files to {out}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from lib.bench import run_bench

    return run_bench(args.paths, limit=args.limit, workers=args.workers, store_path=args.store)


def _evaluate(args: argparse.Namespace) -> int:
    from lib.evaluate import run_evaluation

    return run_evaluation(
        gold_dir=Path(args.gold), corpus_dir=Path(args.corpus) if args.corpus else None, verbose=args.verbose
    )


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitrep", description="News documents -> tables of events, casualties, places and claims."
    )
    parser.add_argument("--version", action="version", version=f"sitrep {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="extract tables from .txt/.md/.html files or folders into CSVs")
    extract.add_argument("paths", nargs="+", help="files or folders to read")
    extract.add_argument("--out", required=True, help="folder for documents.csv, sentences.csv, events.csv, ...")
    extract.set_defaults(handler=_extract)

    from lib.store import DEFAULT_PATH

    ingest = commands.add_parser("ingest", help="ingest files, folders and .jsonl(.gz) feeds into the store")
    ingest.add_argument("paths", nargs="+", help="files, folders or JSON Lines feeds")
    ingest.add_argument("--store", default=str(DEFAULT_PATH), help="DuckDB store file (default: %(default)s)")
    ingest.add_argument("--workers", type=int, default=1, help="worker processes for extraction (default: 1)")
    ingest.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="run extraction in local processes or on a Dask cluster (optional extra)",
    )
    ingest.add_argument(
        "--batch-size",
        type=_positive_int,
        default=None,
        help="documents written per transaction (default: 1000); a run that is killed keeps every batch before it",
    )
    ingest.add_argument(
        "--rebuild",
        action="store_true",
        help="move the store file aside (it is kept, renamed) and build a new store from the given sources; "
        "for a damaged store or one written by a newer sitrep",
    )
    ingest.set_defaults(handler=_ingest)

    export = commands.add_parser("export", help="export every table of the store to Parquet or CSV")
    export.add_argument("--out", required=True, help="folder to write <table>.parquet / <table>.csv into")
    export.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    export.add_argument("--store", default=str(DEFAULT_PATH), help="DuckDB store file (default: %(default)s)")
    export.set_defaults(handler=_export)

    bench = commands.add_parser("bench", help="measure extraction speed, memory and dashboard query times")
    bench.add_argument("paths", nargs="+", help="files, folders or JSON Lines feeds to measure on")
    bench.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    bench.add_argument("--workers", type=int, default=2, help="worker processes for the ingest run (default: 2)")
    bench.add_argument("--store", default=None, help="store to ingest into (default: a temporary one)")
    bench.set_defaults(handler=_bench)

    evaluate = commands.add_parser("evaluate", help="score the extractors against the gold annotations")
    evaluate.add_argument(
        "--gold", default=str(Path(__file__).resolve().parent.parent / "gold"), help="folder of gold annotation files"
    )
    evaluate.add_argument(
        "--corpus",
        default=None,
        help="folder holding the texts the corpus gold refers to (default: ../shared/corpus/articles when present)",
    )
    evaluate.add_argument("-v", "--verbose", action="store_true", help="list every missed and spurious item")
    evaluate.set_defaults(handler=_evaluate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
