"""The spaCy pipeline sitrep parses with: a blank English tokenizer that knows news
abbreviations, and a rule-based sentence splitter. No trained model, nothing downloaded."""

from __future__ import annotations

from functools import cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

# Abbreviations that never end a sentence ("Lt. Gen. Smith", "Feb. 24", "No. 5").
TITLE_ABBREVIATIONS = (
    "Lt.",
    "Gen.",
    "Col.",
    "Maj.",
    "Capt.",
    "Sgt.",
    "Cpl.",
    "Pvt.",
    "Adm.",
    "Cmdr.",
    "Brig.",
    "Lt.Gen.",
    "Maj.Gen.",
    "Sen.",
    "Rep.",
    "Gov.",
    "Pres.",
    "Amb.",
    "Dr.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Prof.",
    "Rev.",
    "St.",
    "Mt.",
    "Ft.",
    "No.",
    "Nos.",
    "vs.",
    "approx.",
    "est.",
    "e.g.",
    "i.e.",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Gov't.",
    "Dept.",
    "Govt.",
    "Min.",
    "Sec.",
    "Supt.",
    "Insp.",
    "Fr.",
    "Msgr.",
)
# Abbreviations that may end a sentence ("aid from the U.S. The ...").
FINAL_ABBREVIATIONS = (
    "U.S.",
    "U.K.",
    "U.N.",
    "E.U.",
    "U.S.S.R.",
    "D.C.",
    "etc.",
    "a.m.",
    "p.m.",
    "Inc.",
    "Ltd.",
    "Co.",
    "Corp.",
    "Jr.",
    "Sr.",
    "U.S.A.",
)
_MAYBE_FINAL = frozenset(FINAL_ABBREVIATIONS)
_ENDERS = frozenset({".", "!", "?", "...", "…", "!?", "?!", '."', '?"', '!"'})
_CLOSERS = frozenset({'"', "'", ")", "]", "”", "’"})
# Words that start a sentence after an abbreviation that may end one.
_NOT_START = numpy.uint64(2**64 - 1)
_STARTERS = frozenset(
    [
        "The",
        "A",
        "An",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "In",
        "On",
        "At",
        "But",
        "And",
        "This",
        "That",
        "These",
        "Those",
        "Its",
        "His",
        "Her",
        "Their",
        "There",
        "Some",
        "Many",
        "Most",
        "According",
        "Officials",
        "Meanwhile",
        "However",
        "After",
        "Before",
        "When",
        "While",
    ]
)


# A run-on "sentence" (a table flattened into one line, a text with no full stops) is cut after
# this many tokens, at a comma or the like once it is three quarters that long: the extractors
# read one sentence at a time and some of their work grows faster than its length. Sentences in
# the news corpus stay under 300 tokens.
MAX_SENTENCE_TOKENS = 400
_CLAUSE_ENDS = frozenset({",", ";", ":", "-", "–", "—"})


@Language.component("news_sentences", assigns=["token.is_sent_start"])
def news_sentences(doc: Doc) -> Doc:
    """Split sentences at end punctuation and line breaks, but not after abbreviations,
    initials or decimal points, and keep closing quotes with the sentence they close. A run-on
    sentence is cut after ``MAX_SENTENCE_TOKENS`` (the text itself is kept whole).

    Boundaries are written in one ``from_array`` call: setting ``Token.is_sent_start`` one token
    at a time re-checks the whole document each time and is quadratic."""
    n = len(doc)
    if n == 0:
        return doc
    texts = [token.text for token in doc]
    spaces = [token.whitespace_ for token in doc]
    # SENT_START is 1 for a sentence start and -1 (as uint64, like Doc.to_array gives) otherwise.
    starts = numpy.full((n, 1), _NOT_START, dtype="uint64")
    starts[0, 0] = 1
    boundary_pending = False
    paragraph_break = False
    length = 1  # words and marks in the current sentence
    for i in range(1, n):
        text = texts[i]
        if text.isspace():
            boundary_pending = boundary_pending or "\n" in text
            paragraph_break = paragraph_break or "\n\n" in text
            continue
        if boundary_pending:
            if text in _CLOSERS and not spaces[i - 1] and (texts[i - 1] in _ENDERS or texts[i - 1][-1:] == "."):
                # A closing quote or bracket right after the end mark belongs to that sentence.
                continue
            if paragraph_break or not text[:1].islower():
                starts[i, 0] = 1
                length = 0
            boundary_pending = paragraph_break = False
        length += 1
        if length > MAX_SENTENCE_TOKENS or (length > MAX_SENTENCE_TOKENS * 3 // 4 and texts[i - 1] in _CLAUSE_ENDS):
            starts[i, 0] = 1
            length = 1
        if text in _ENDERS:
            boundary_pending = True
        elif text[-1:] == "." and not spaces[i] and i + 1 < n and texts[i + 1] in _CLOSERS:
            # An abbreviation's full stop before a closing quote ends the quote: 'he said: "No." Then'
            boundary_pending = True
        elif text in _MAYBE_FINAL and i + 1 < n:
            following = texts[i + 1]
            boundary_pending = following in _STARTERS or following == '"'
    doc.from_array([SENT_START], starts)
    return doc


@cache
def get_nlp() -> Language:
    """The shared pipeline: blank English with news abbreviations and the sentence splitter."""
    nlp = spacy.blank("en")
    for abbreviation in TITLE_ABBREVIATIONS + FINAL_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    nlp.add_pipe("news_sentences")
    nlp.max_length = 25_000_000
    return nlp


@cache
def get_baseline_nlp() -> Language:
    """Bare spaCy tokenisation plus its stock sentencizer: the yardstick for speed."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 25_000_000
    return nlp
