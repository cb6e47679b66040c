"""Read JSON Lines news feeds (``.jsonl`` / ``.jsonl.gz``): one article a line with ``text`` and
optional ``title``, ``published``, ``outlet``, ``url``."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from lib.ingest import IngestError, LoadResult, document_from_text, parse_meta

FEED_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")


def is_feed(path: Path) -> bool:
    """Whether a file is a JSON Lines feed, by its name."""
    return path.name.lower().endswith(FEED_SUFFIXES)


def iter_feed(path: Path) -> Iterator[tuple[str, LoadResult]]:
    """``(source key, result)`` for each line of a feed. The key is the article's URL when it has
    one, else the feed path and line number, so re-reading the feed finds the same keys."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        handle = opener(path, "rt", encoding="utf-8-sig", errors="replace")
    except OSError as exc:
        yield str(path), LoadResult(str(path), error=f"{path}: cannot be read ({exc.strerror or exc})")
        return
    with handle:
        line_no = 0
        try:
            for line_no, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                yield _feed_line(path, line_no, line)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            where = f"{path}:{line_no + 1}"
            yield (
                where,
                LoadResult(where, error=f"{where}: the feed is damaged here ({exc}); the lines before it were read"),
            )


def _feed_line(path: Path, line_no: int, line: str) -> tuple[str, LoadResult]:
    where = f"{path}:{line_no}"
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        return where, LoadResult(where, error=f"{where}: not a JSON object ({exc.msg})")
    if not isinstance(raw, dict):
        return where, LoadResult(where, error=f"{where}: a JSON {type(raw).__name__}, not an object")
    text = raw.get("text")
    if not isinstance(text, str):
        return where, LoadResult(where, error=f"{where}: no 'text' string")
    meta, warnings = parse_meta(raw)
    url = meta.get("url")
    key = f"url:{url}" if isinstance(url, str) and url else where
    try:
        document = document_from_text(text, kind="text", path=where, meta=meta)
    except IngestError as exc:
        return key, LoadResult(where, error=f"{where}: {exc}")
    return key, LoadResult(where, document=document, warnings=[f"{where}: {w}" for w in warnings])
