"""The ``sitrep`` command line: ``extract`` files into CSV tables, ``evaluate`` against gold."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from lib import __version__


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


def _evaluate(args: argparse.Namespace) -> int:
    from lib.evaluate import run_evaluation

    return run_evaluation(
        gold_dir=Path(args.gold), corpus_dir=Path(args.corpus) if args.corpus else None, verbose=args.verbose
    )


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
