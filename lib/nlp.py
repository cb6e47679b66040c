"""The spaCy pipeline sitrep parses with: a blank English tokenizer that knows news
abbreviations, and a rule-based sentence splitter. No trained model, nothing downloaded."""

from __future__ import annotations

from functools import cache
from itertools import pairwise

import numpy
import spacy
from spacy.attrs import SENT_START, SPACY
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


# What the splitter needs to know of a token, as bits, worked out once per distinct token text.
_SPACE, _NEWLINE, _PARAGRAPH, _ENDER, _DOT_END, _MAYBE_FINAL_BIT = 1, 2, 4, 8, 16, 32
_CLOSER, _STARTER, _CLAUSE_END, _LOWER_FIRST = 64, 128, 256, 512
_TRIGGER = _NEWLINE | _ENDER | _DOT_END  # a token after which a sentence may end
_FLAGS: dict[int, int] = {}  # ORTH hash -> bits (hashes are the same in every Doc)


def _flags_of(text: str) -> int:
    flags = 0
    if text.isspace():
        flags |= _SPACE | (_NEWLINE if "\n" in text else 0) | (_PARAGRAPH if "\n\n" in text else 0)
    flags |= _ENDER if text in _ENDERS else 0
    flags |= _DOT_END if text[-1:] == "." else 0
    flags |= _MAYBE_FINAL_BIT if text in _MAYBE_FINAL else 0
    flags |= _CLOSER if text in _CLOSERS else 0
    flags |= _STARTER if text in _STARTERS or text == '"' else 0
    flags |= _CLAUSE_END if text in _CLAUSE_ENDS else 0
    flags |= _LOWER_FIRST if text[:1].islower() else 0
    return flags


def _token_flags(doc: Doc) -> list[int]:
    """Every token's bits, looked up by its ORTH hash (no ``Token`` object per token)."""
    flags, strings = _FLAGS, doc.vocab.strings
    out = []
    for orth in doc.to_array(ORTH).tolist():
        bits = flags.get(orth)
        if bits is None:
            bits = flags[orth] = _flags_of(strings[orth])
        out.append(bits)
    return out


def _sentence_starts(flags: list[int], spaces: list[int]) -> tuple[list[int], set[int]]:
    """The tokens that start a sentence after the first, at end punctuation and line breaks, and
    the closing quotes kept with the sentence they close (which a run-on's length leaves out).

    Only a token that may end a sentence (``_TRIGGER``) and the tokens right after it can change
    anything, so the others are skipped over."""
    n = len(flags)
    triggers = [i for i in range(1, n) if flags[i] & _TRIGGER]
    starts: list[int] = []
    kept_closers: set[int] = set()
    pending = paragraph = False
    k, i = 0, 0
    while True:
        if pending:
            i += 1
            if i >= n:
                break
        else:
            while k < len(triggers) and triggers[k] <= i:
                k += 1
            if k == len(triggers):
                break
            i = triggers[k]
        bits = flags[i]
        if bits & _SPACE:
            pending = pending or bool(bits & _NEWLINE)
            paragraph = paragraph or bool(bits & _PARAGRAPH)
            continue
        if pending:
            if bits & _CLOSER and not spaces[i - 1] and flags[i - 1] & (_ENDER | _DOT_END):
                kept_closers.add(i)  # a closing quote or bracket right after the end mark belongs to that sentence
                continue
            if paragraph or not bits & _LOWER_FIRST:
                starts.append(i)
            pending = paragraph = False
        if bits & _ENDER:
            pending = True
        elif bits & _DOT_END and not spaces[i] and i + 1 < n and flags[i + 1] & _CLOSER:
            # An abbreviation's full stop before a closing quote ends the quote: 'he said: "No." Then'
            pending = True
        elif bits & _MAYBE_FINAL_BIT and i + 1 < n:
            pending = bool(flags[i + 1] & _STARTER)
    return starts, kept_closers


def _cap_run_ons(flags: list[int], starts: list[int], uncounted: set[int]) -> list[int]:
    """``starts`` with a run-on sentence cut after ``MAX_SENTENCE_TOKENS`` words and marks, at a
    comma or the like once it is three quarters that long (spaces and ``uncounted`` don't count)."""
    n = len(flags)
    bounds = [0, *starts, n]
    if all(b - a <= MAX_SENTENCE_TOKENS * 3 // 4 for a, b in pairwise(bounds)):
        return starts  # no sentence is long enough to be cut
    out: list[int] = []
    for a, b in pairwise(bounds):
        if a:
            out.append(a)
        length = 1
        for i in range(a + 1, b):
            if flags[i] & _SPACE or i in uncounted:
                continue
            length += 1
            if length > MAX_SENTENCE_TOKENS or (length > MAX_SENTENCE_TOKENS * 3 // 4 and flags[i - 1] & _CLAUSE_END):
                out.append(i)
                length = 1
    return out


@Language.component("news_sentences", assigns=["token.is_sent_start"])
def news_sentences(doc: Doc) -> Doc:
    """Split sentences at end punctuation and line breaks, but not after abbreviations,
    initials or decimal points, and keep closing quotes with the sentence they close. A run-on
    sentence is cut after ``MAX_SENTENCE_TOKENS`` (the text itself is kept whole).

    Tokens are read by their hashes and boundaries written in one ``from_array`` call: a ``Token``
    object per token, or setting ``Token.is_sent_start`` one token at a time (which re-checks the
    whole document each time), made this the slowest part of parsing."""
    n = len(doc)
    if n == 0:
        return doc
    flags = _token_flags(doc)
    spaces = doc.to_array(SPACY).tolist()
    # SENT_START is 1 for a sentence start and -1 (as uint64, like Doc.to_array gives) otherwise.
    column = numpy.full((n, 1), _NOT_START, dtype="uint64")
    column[0, 0] = 1
    column[_cap_run_ons(flags, *_sentence_starts(flags, spaces)), 0] = 1
    doc.from_array([SENT_START], column)
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
