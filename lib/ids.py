"""Stable identifiers derived from content, never from counters."""

from __future__ import annotations

import hashlib


def content_hash(text: str) -> str:
    """Full SHA-256 hex digest of a text, used to notice a changed document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def doc_id_for(text: str) -> str:
    """A document's id: the first 16 hex digits of the SHA-256 of its normalised text."""
    return content_hash(text)[:16]


def sentence_id_for(doc_id: str, index: int) -> str:
    """A sentence's id: its document's id and its position in the document."""
    return f"{doc_id}-s{index:04d}"


def row_id(prefix: str, *parts: object) -> str:
    """A row id from the values that make the row what it is (offsets, kind, figures)."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode("utf-8"), digest_size=8)
    return f"{prefix}-{digest.hexdigest()}"
