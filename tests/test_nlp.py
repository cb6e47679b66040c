"""Sentence splitting on news text: abbreviations, initials, decimals, quotes and paragraphs."""

from __future__ import annotations

import itertools
import time

import pytest

from lib.nlp import get_baseline_nlp, get_nlp


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in get_nlp()(text).sents if s.text.strip()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # abbreviations in mid-sentence never end it
        ("The U.N. said 5 people died. The army denied it.", ["The U.N. said 5 people died.", "The army denied it."]),
        ("Lt. Gen. Ivan Petrov arrived in Minsk. He left.", ["Lt. Gen. Ivan Petrov arrived in Minsk.", "He left."]),
        (
            "Troops crossed on Feb. 24 near Gomel. Kyiv said so.",
            ["Troops crossed on Feb. 24 near Gomel.", "Kyiv said so."],
        ),
        ("In Jan. 2023 troops left Brest.", ["In Jan. 2023 troops left Brest."]),
        ("Aid from the U.S. arrived on Monday.", ["Aid from the U.S. arrived on Monday."]),
        ("The U.S. military and the U.K. government met.", ["The U.S. military and the U.K. government met."]),
        ("Sen. Smith met Col. Jones and Dr. Brown.", ["Sen. Smith met Col. Jones and Dr. Brown."]),
        ("No. 5 brigade and the U.S.-led coalition met.", ["No. 5 brigade and the U.S.-led coalition met."]),
        ("At 3 a.m. on Monday, shelling began.", ["At 3 a.m. on Monday, shelling began."]),
        # ... but an abbreviation that can end a sentence does, before a word that starts one
        ("Aid came from the U.S. The shipment was large.", ["Aid came from the U.S.", "The shipment was large."]),
        ("He works at Acme Inc. It denied the report.", ["He works at Acme Inc.", "It denied the report."]),
        ("It happened at 5 p.m. Officials confirmed it.", ["It happened at 5 p.m.", "Officials confirmed it."]),
        # decimals and figures
        ("Prices rose 3.5 percent. They fell 0.2% in Kyiv.", ["Prices rose 3.5 percent.", "They fell 0.2% in Kyiv."]),
        (
            "The toll rose to 1,234.5 by Dec. 3. Officials said so.",
            ["The toll rose to 1,234.5 by Dec. 3.", "Officials said so."],
        ),
        # quotes closing a sentence stay with it
        ('He said: "We will win." The crowd cheered.', ['He said: "We will win."', "The crowd cheered."]),
        ('She asked "Why?" He shrugged.', ['She asked "Why?"', "He shrugged."]),
        ("He said, 'Yes.' Then he left.", ["He said, 'Yes.'", "Then he left."]),
        ('He said: "No." Then he left.', ['He said: "No."', "Then he left."]),
        ('"We will win," he said. Then he left.', ['"We will win," he said.', "Then he left."]),
        ("Troops left (see map.) Then they came back.", ["Troops left (see map.)", "Then they came back."]),
        # other end marks
        ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
        ("Kyiv said so... Moscow disagreed.", ["Kyiv said so...", "Moscow disagreed."]),
        # line and paragraph breaks
        (
            "A headline without a stop\n\nThe story starts here.",
            ["A headline without a stop", "The story starts here."],
        ),
        ("first paragraph\n\nsecond paragraph in lower case", ["first paragraph", "second paragraph in lower case"]),
        ("A line broken\nin the middle of a sentence.", ["A line broken\nin the middle of a sentence."]),
        ("Officials said so.\nThe next line.", ["Officials said so.", "The next line."]),
        # nothing to split
        ("One sentence without an end mark", ["One sentence without an end mark"]),
        ("", []),
        ("   ", []),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. military said so.",
        "Lt. Gen. Petrov spoke on Feb. 24.",
        "Russian forces struck Kharkiv.\n\nThe governor said 3 died.",
    ],
)
def test_sentences_tile_the_text(text: str) -> None:
    doc = get_nlp()(text)
    spans = list(doc.sents)
    assert spans[0].start_char == 0
    assert spans[-1].end_char == len(text)
    assert all(a.end_char == b.start_char for a, b in itertools.pairwise(spans))


def test_abbreviations_are_single_tokens() -> None:
    tokens = [t.text for t in get_nlp()("Lt. Gen. Petrov told the U.N. on Feb. 24 at 3 p.m.")]
    for abbreviation in ("Lt.", "Gen.", "U.N.", "Feb.", "p.m."):
        assert abbreviation in tokens


def test_splitting_is_linear_in_document_length() -> None:
    nlp = get_nlp()
    unit = "Officials in Gomel said 3 drones crossed on Feb. 24. The U.S. said so. "
    nlp(unit * 10)  # warm up
    timings = []
    for repeat in (2000, 8000):
        started = time.process_time()
        doc = nlp(unit * repeat)
        timings.append(time.process_time() - started)
        assert len(list(doc.sents)) == 2 * repeat
    assert timings[1] < 8 * timings[0] + 0.05  # 4x the text: well under 16x the time


def test_baseline_pipeline_splits_with_the_stock_sentencizer() -> None:
    nlp = get_baseline_nlp()
    assert nlp.pipe_names == ["sentencizer"]
    assert len(list(nlp("One. Two.").sents)) == 2
    assert get_nlp().pipe_names == ["news_sentences"]
