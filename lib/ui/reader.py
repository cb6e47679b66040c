"""The document reader's markup: a text as HTML with its places, actors, dates and figures
highlighted and its claims marked by stance. Pure functions (no streamlit)."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from lib.palette import STANCE_COLORS, STANCE_LABELS

# layer -> (label, colour); colours from the Okabe–Ito palette, drawn translucent so text
# stays readable on light and dark backgrounds.
LAYERS = {
    "place": ("place", "86, 180, 233"),
    "actor": ("actor", "230, 159, 0"),
    "date": ("date", "0, 158, 115"),
    "figure": ("casualty figure", "213, 94, 0"),
}


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted stretch of text: character offsets, layer and hover text."""

    start: int
    end: int
    layer: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class ClaimMark:
    """A sentence that carries a claim: its offsets, stance and source."""

    start: int
    end: int
    stance: str
    source: str


def non_overlapping(marks: Iterable[Mark]) -> list[Mark]:
    """Marks in text order with overlaps removed: where two overlap, the one that starts
    first (or, starting together, the longer) wins."""
    chosen: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        if mark.end <= mark.start or mark.layer not in LAYERS:
            continue
        if chosen and mark.start < chosen[-1].end:
            continue
        chosen.append(mark)
    return chosen


def _escape(text: str) -> str:
    return html.escape(text).replace("\n\n", "</p><p>").replace("\n", "<br/>")


def _mark_html(text: str, mark: Mark) -> str:
    label, rgb = LAYERS[mark.layer]
    title = html.escape(f"{label}: {mark.title}" if mark.title else label, quote=True)
    return (
        f"<mark class='sr-{mark.layer}' title=\"{title}\" style='background: rgba({rgb}, 0.30); color: inherit; "
        f"border-bottom: 2px solid rgb({rgb}); border-radius: 3px; padding: 0 2px'>{_escape(text)}</mark>"
    )


def annotate_html(text: str, marks: Iterable[Mark], claims: Iterable[ClaimMark] = ()) -> str:
    """The text as HTML paragraphs with marks highlighted and claim sentences underlined in
    their stance's colour (hover shows the source and stance)."""
    marks = non_overlapping(marks)
    claim_list = sorted(claims, key=lambda c: c.start)
    # Boundaries where a claim sentence opens or closes; marks never straddle them.
    opens = {}
    for claim in claim_list:
        opens.setdefault(claim.start, []).append(claim)
    pieces: list[str] = []
    position = 0
    active_claim_end: int | None = None

    def emit_plain(upto: int) -> None:
        nonlocal position
        while position < upto:
            nonlocal active_claim_end
            if active_claim_end is not None and active_claim_end <= upto and active_claim_end >= position:
                pieces.append(_escape(text[position:active_claim_end]) + "</span>")
                position = active_claim_end
                active_claim_end = None
                continue
            next_open = min((s for s in opens if position <= s < upto), default=None)
            if next_open is not None and active_claim_end is None:
                pieces.append(_escape(text[position:next_open]))
                position = next_open
                group = opens[next_open]
                stance = group[0].stance
                color = STANCE_COLORS.get(stance, "#8C8C8C")
                title = "; ".join(f"{c.source} {STANCE_LABELS.get(c.stance, c.stance)}" for c in group)
                style = "border-bottom: 2px dashed" if stance == "asserts" else "border-bottom: 3px solid"
                pieces.append(
                    f"<span class='sr-claim sr-{html.escape(stance)}' title=\"claim: {html.escape(title, quote=True)}\" "
                    f"style='{style} {color}'>"
                )
                active_claim_end = max(c.end for c in group)
                continue
            pieces.append(_escape(text[position:upto]))
            position = upto

    for mark in marks:
        if mark.start < position:
            continue
        emit_plain(mark.start)
        end = mark.end
        if active_claim_end is not None and end > active_claim_end:
            end = active_claim_end
        pieces.append(_mark_html(text[mark.start : end], mark))
        position = end
    emit_plain(len(text))
    if active_claim_end is not None:
        pieces.append("</span>")
    return "<div class='sr-reader'><p>" + "".join(pieces) + "</p></div>"


def legend_html() -> str:
    """A one-line key to the reader's highlights."""
    chips = [
        f"<mark style='background: rgba({rgb}, 0.30); border-bottom: 2px solid rgb({rgb}); color: inherit; "
        f"border-radius: 3px; padding: 0 4px; margin-right: 8px'>{label}</mark>"
        for label, rgb in LAYERS.values()
    ]
    claims = [
        f"<span style='border-bottom: {'2px dashed' if stance == 'asserts' else '3px solid'} {color}; "
        f"margin-right: 8px'>claim: {STANCE_LABELS[stance]}</span>"
        for stance, color in STANCE_COLORS.items()
    ]
    return "<div style='line-height: 2'>" + "".join(chips + claims) + "</div>"


def document_marks(tables: dict, doc_id: str, mentions=None) -> tuple[list[Mark], list[ClaimMark]]:
    """The marks for one document from the tables (places, casualty figures, claim sentences)
    and from its parsed mentions (actors, dates: a frame with start, end, layer, label, detail)."""
    from lib.queries import figure_label

    locations = tables["locations"][tables["locations"]["doc_id"] == doc_id]
    marks = [
        Mark(int(r.start), int(r.end), "place", f"{r.name} ({r.kind}, {r.country_code or '?'})"
             + (" standing for its government" if r.role == "actor" else ""))
        for r in locations.itertuples(index=False)
    ]  # fmt: skip
    casualties = tables["casualties"][tables["casualties"]["doc_id"] == doc_id]
    marks += [
        Mark(int(r.start), int(r.end), "figure",
             f"{figure_label(r.count_low, r.count_high, r.qualifier)} {r.population} {r.outcome}"
             + (f", per {r.source}" if isinstance(r.source, str) and r.source else ""))
        for r in casualties.itertuples(index=False)
    ]  # fmt: skip
    if mentions is not None and len(mentions):
        marks += [Mark(int(r.start), int(r.end), r.layer, f"{r.label} ({r.detail})") for r in mentions.itertuples()]
    sentences = tables["sentences"]
    sentences = sentences[(sentences["doc_id"] == doc_id).fillna(False).to_numpy(dtype=bool)].set_index("sentence_id")
    claims = tables["claims"][tables["claims"]["doc_id"] == doc_id]
    claim_marks = [
        ClaimMark(
            int(sentences.at[r.sentence_id, "start"]), int(sentences.at[r.sentence_id, "end"]), r.stance, r.source
        )
        for r in claims.itertuples(index=False)
        if r.sentence_id in sentences.index
    ]
    return marks, claim_marks
