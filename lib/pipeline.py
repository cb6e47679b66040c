"""Run the whole extraction: Documents -> parsed Docs -> mention layers -> the six tables."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pandas as pd
from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc

from lib.document import Document
from lib.extract.actors import find_actors
from lib.extract.casualties import extract_casualties
from lib.extract.claims import extract_claims
from lib.extract.dates import find_dates
from lib.extract.events import extract_events
from lib.extract.places import find_places, location_rows
from lib.ids import sentence_id_for
from lib.mentions import Parsed, Sentence
from lib.nlp import get_nlp
from lib.schema import TABLES, to_frame

Tables = dict[str, pd.DataFrame]
BATCH_SIZE = 64


@dataclass(slots=True)
class DocumentRows:
    """Every table's rows for one document."""

    doc_id: str
    rows: dict[str, list[dict]] = field(default_factory=lambda: {t: [] for t in TABLES})


@dataclass(slots=True)
class Failure:
    """A document the extractors could not handle, with a one-line reason."""

    path: str
    reason: str


def sentences_of(document: Document, doc: Doc) -> list[Sentence]:
    """The document's sentences with stable ids, trimmed of surrounding whitespace."""
    sentences: list[Sentence] = []
    text = document.text
    for span in doc.sents:
        start, end = span.start_char, span.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        index = len(sentences)
        sentences.append(Sentence(index, sentence_id_for(document.doc_id, index), start, end, text[start:end]))
    return sentences


def word_count(doc: Doc) -> int:
    """The tokens that are neither whitespace nor punctuation."""
    if not len(doc):
        return 0
    return int((doc.to_array([IS_SPACE, IS_PUNCT]).sum(axis=1) == 0).sum())


def analyse(document: Document, doc) -> Parsed:
    """Fill the mention layers of a parsed document: places, then actors, then dates."""
    parsed = Parsed(document=document, doc=doc, sentences=sentences_of(document, doc))
    parsed.places = find_places(parsed)
    parsed.actors = find_actors(parsed)
    parsed.dates = find_dates(parsed)
    return parsed


def document_rows(parsed: Parsed) -> DocumentRows:
    """All six tables' rows for one analysed document."""
    document = parsed.document
    out = DocumentRows(document.doc_id)
    out.rows["documents"].append(
        {
            "doc_id": document.doc_id,
            "path": document.path,
            "title": document.title,
            "outlet": document.outlet,
            "url": document.url,
            "published": document.published,
            "n_sentences": len(parsed.sentences),
            "n_words": word_count(parsed.doc),
        }
    )
    out.rows["sentences"] = [
        {"doc_id": document.doc_id, "sentence_id": s.sentence_id, "start": s.start, "end": s.end, "text": s.text}
        for s in parsed.sentences
    ]
    out.rows["locations"] = location_rows(parsed)
    out.rows["claims"] = extract_claims(parsed)
    out.rows["casualties"] = extract_casualties(parsed, claims=out.rows["claims"])  # claim speakers are sources
    out.rows["events"] = extract_events(parsed)
    return out


def iter_document_rows(
    documents: Iterable[Document], *, batch_size: int = BATCH_SIZE
) -> Iterator[DocumentRows | Failure]:
    """Parse and extract documents in batches; a document that makes an extractor fail is
    yielded as a :class:`Failure` and the rest go on."""
    nlp = get_nlp()
    batch: list[Document] = []

    def run(batch: list[Document]) -> Iterator[DocumentRows | Failure]:
        for document, doc in zip(batch, nlp.pipe(d.text for d in batch), strict=True):
            try:
                yield document_rows(analyse(document, doc))
            except Exception as exc:  # an extractor bug must not stop the other documents
                yield Failure(document.path or document.doc_id, f"extraction failed: {type(exc).__name__}: {exc}")

    for document in documents:
        batch.append(document)
        if len(batch) >= batch_size:
            yield from run(batch)
            batch = []
    if batch:
        yield from run(batch)


def rows_to_tables(results: Iterable[DocumentRows]) -> Tables:
    """Concatenate per-document rows into the six typed tables."""
    collected: dict[str, list[dict]] = {t: [] for t in TABLES}
    for result in results:
        for table, rows in result.rows.items():
            collected[table].extend(rows)
    return {table: to_frame(table, rows) for table, rows in collected.items()}


def extract_tables(documents: Iterable[Document]) -> Tables:
    """The six tables for a set of documents (failures are skipped; use
    :func:`iter_document_rows` to see them)."""
    return rows_to_tables(r for r in iter_document_rows(documents) if isinstance(r, DocumentRows))


def parse(document: Document) -> Parsed:
    """Parse and analyse one document (for tests, notebooks and the document reader)."""
    return analyse(document, get_nlp()(document.text))
