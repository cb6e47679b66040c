"""The Document: one news text with its metadata, the unit everything else works on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lib.ids import doc_id_for


@dataclass(frozen=True, slots=True)
class Document:
    """A normalised news text and what its sidecar says about it.

    ``published`` anchors every relative date in the text ("Wednesday", "since October");
    without it relative dates stay unresolved.
    """

    doc_id: str
    text: str
    path: str = ""
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: dt.date | None = None

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        path: str = "",
        title: str = "",
        outlet: str = "",
        url: str = "",
        published: dt.date | None = None,
    ) -> Document:
        """Build a document whose id is derived from its (already normalised) text."""
        return cls(
            doc_id=doc_id_for(text),
            text=text,
            path=path,
            title=title,
            outlet=outlet,
            url=url,
            published=published,
        )
