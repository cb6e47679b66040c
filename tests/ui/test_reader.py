"""The document reader's highlighting."""

from __future__ import annotations

import re

import pytest

from lib.ui.reader import ClaimMark, Mark, annotate_html, document_marks, non_overlapping
from tests.fixtures import document_texts, fixture_tables

TEXT = "Russian forces shelled Kharkiv.\nThe Kremlin denied it. Nothing else."


def strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html.replace("<br/>", "\n"))


@pytest.mark.parametrize(
    ("marks", "kept"),
    [
        ([Mark(0, 7, "actor"), Mark(0, 14, "actor")], [(0, 14)]),  # the longer of two at one start
        ([Mark(0, 14, "actor"), Mark(8, 20, "place")], [(0, 14)]),  # the first of two overlapping
        ([Mark(0, 7, "actor"), Mark(23, 30, "place")], [(0, 7), (23, 30)]),
        ([Mark(5, 5, "place"), Mark(1, 3, "colour")], []),  # empty spans and unknown layers
    ],
)
def test_non_overlapping(marks, kept):
    assert [(m.start, m.end) for m in non_overlapping(marks)] == kept


def test_annotate_keeps_the_text_and_marks_layers_and_claims():
    html = annotate_html(
        TEXT,
        [Mark(23, 30, "place", "Kharkiv"), Mark(36, 43, "actor", "Russia")],
        [ClaimMark(32, 54, "denies", "Russia")],
    )
    assert strip_tags(html).replace("&#x27;", "'") == TEXT
    assert "<mark class='sr-place' title=\"place: Kharkiv\"" in html
    assert html.index("sr-claim sr-denies") < html.index("sr-actor") < html.index("</span>")


def test_annotate_escapes_the_text():
    html = annotate_html("<b>Kyiv</b> & co", [Mark(3, 7, "place")])
    assert "<b>" not in html and "&lt;b&gt;" in html


def test_annotate_without_marks_is_plain_paragraphs():
    assert annotate_html("One.\n\nTwo.", []) == "<div class='sr-reader'><p>One.</p><p>Two.</p></div>"


def test_document_marks_come_from_the_tables():
    tables = fixture_tables()
    doc_id, text = next((d, t) for d, t in document_texts().items() if "Kharkiv" in t)
    marks, claims = document_marks(tables, doc_id)
    assert {text[m.start : m.end] for m in marks if m.layer == "place"} == {"Kharkiv", "Belarus", "Brest"}
    assert [text[m.start : m.end] for m in marks if m.layer == "figure"] == ["at least 3 civilians"]
    assert sorted(c.stance for c in claims) == ["asserts", "asserts", "denies"]
    html = annotate_html(text, marks, claims)
    assert strip_tags(html) == text.replace("'", "&#x27;")
