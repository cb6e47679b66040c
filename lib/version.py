"""The extractor version: a fingerprint of the code and data that decide what the tables hold,
so the store re-extracts everything when any of it changes."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# Code whose change changes extraction output; the dashboard, store and CLI are left out.
_EXTRACTION_CODE = (
    "extract",
    "nlp.py",
    "pipeline.py",
    "ingest.py",
    "mentions.py",
    "schema.py",
    "ids.py",
    "gazetteer.py",
    "geo.py",
    "lexicon.py",
    "numbers.py",
    "document.py",
)
_DATA_SUFFIXES = {".csv", ".tsv", ".json", ".geojson", ".txt"}


@cache
def extractor_version() -> str:
    """A short hash over the extraction code in ``lib/`` and the lexicons and gazetteer in ``data/``."""
    digest = hashlib.sha256()
    files: list[Path] = []
    for name in _EXTRACTION_CODE:
        path = ROOT / name
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    data = ROOT.parent / "data"
    if data.is_dir():
        files.extend(sorted(p for p in data.rglob("*") if p.suffix in _DATA_SUFFIXES and "documents" not in p.parts))
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(ROOT.parent).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
