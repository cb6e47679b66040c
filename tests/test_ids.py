"""Identifiers derived from content: stable across runs, different for different content."""

from __future__ import annotations

import hashlib
import re

import pytest

from lib.document import Document
from lib.ids import content_hash, doc_id_for, row_id, sentence_id_for


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "e3b0c44298fc1c14"),
        ("Kyiv", hashlib.sha256(b"Kyiv").hexdigest()[:16]),
        ("Мінськ", hashlib.sha256("Мінськ".encode()).hexdigest()[:16]),
    ],
)
def test_doc_id_is_the_sha256_prefix_of_the_text(text: str, expected: str) -> None:
    assert doc_id_for(text) == expected
    assert content_hash(text).startswith(expected)
    assert len(content_hash(text)) == 64


@pytest.mark.parametrize(("a", "b"), [("Kyiv", "Kyiv "), ("Kyiv", "kyiv"), ("Minsk.", "Minsk")])
def test_different_texts_get_different_ids(a: str, b: str) -> None:
    assert doc_id_for(a) != doc_id_for(b)


@pytest.mark.parametrize(
    ("doc_id", "index", "expected"),
    [("abc", 0, "abc-s0000"), ("abc", 42, "abc-s0042"), ("abc", 9999, "abc-s9999"), ("abc", 12345, "abc-s12345")],
)
def test_sentence_id(doc_id: str, index: int, expected: str) -> None:
    assert sentence_id_for(doc_id, index) == expected


def test_sentence_ids_sort_in_document_order_within_ten_thousand() -> None:
    ids = [sentence_id_for("d", i) for i in range(0, 10_000, 7)]
    assert sorted(ids) == ids


def test_row_id_is_stable_and_shaped() -> None:
    first = row_id("cas", "doc", 12, "killed")
    assert first == row_id("cas", "doc", 12, "killed")
    assert re.fullmatch(r"cas-[0-9a-f]{16}", first)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("cas", "doc", 12, "killed"), ("cas", "doc", 12, "injured")),
        (("cas", "doc", 12), ("loc", "doc", 12)),
        (("cas", "ab", "c"), ("cas", "a", "bc")),  # parts are kept apart
        (("cas", "doc", 1, 2), ("cas", "doc", 12)),
    ],
)
def test_row_id_differs_when_any_part_differs(a: tuple, b: tuple) -> None:
    assert row_id(*a) != row_id(*b)


def test_document_id_comes_from_its_text_only() -> None:
    one = Document.from_text("Drones over Gomel.", title="A", path="a.txt")
    two = Document.from_text("Drones over Gomel.", title="B", path="b.txt")
    assert one.doc_id == two.doc_id == doc_id_for("Drones over Gomel.")
