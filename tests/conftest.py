"""Shared fixtures: the seed document, parsed once, and the shared evaluation corpus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from lib.document import Document
from lib.ingest import load_document, normalize_text
from lib.mentions import Parsed
from lib.pipeline import parse

ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = ROOT / "seeds" / "000_67fa89cea1eef075.txt"
CORPUS_DIR = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def seed_document() -> Document:
    result = load_document(SEED_PATH)
    assert result.document is not None, result.error
    return result.document


@pytest.fixture(scope="session")
def parsed_seed(seed_document: Document) -> Parsed:
    return parse(seed_document)


@pytest.fixture(scope="session")
def make_parsed() -> Callable[..., Parsed]:
    """Parse a hand-written text as a document published on ``published`` (default 2022-12-07,
    a Wednesday)."""

    def _make(text: str, published: dt.date | None = dt.date(2022, 12, 7)) -> Parsed:
        return parse(Document.from_text(normalize_text(text), published=published, title="test"))

    return _make


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """``../shared/corpus``; tests that need it skip when it is absent (a user's fresh clone)."""
    if not (CORPUS_DIR / "articles").is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS_DIR
