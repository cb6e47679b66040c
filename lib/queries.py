"""Filter and shape the six tables for the dashboard: the tables prepared once at load (the
joins and orders every page needs), the shared filters and the options they offer, and one data
function per page that returns what the page draws, capped or aggregated so a page stays
responsive with the whole corpus loaded. Pure pandas and pyarrow over the table contract; no
streamlit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from lib.lexicon import actor_info
from lib.schema import SIDES, STANCES, TABLES

Tables = dict[str, pd.DataFrame]

SENTENCE_TABLES = ("events", "casualties", "locations", "claims")
UNKNOWN_SIDE = "other"
UNATTRIBUTED = "(unattributed)"
OTHER_SOURCES = "other sources"
SIDE_ORDER = {side: i for i, side in enumerate(SIDES)}
PLACE_PRECISION = {
    "city": "town or city (point)",
    "facility": "site (point)",
    "area": "area (approximate centre)",
    "region": "region (centre of the region)",
    "country": "country (centre of the country)",
}
# The side a place's country stands for, used to colour places no actor speaks for.
COUNTRY_SIDES = {"RU": "Russia", "UA": "Ukraine", "BY": "Belarus"}
QUALIFIER_WORDS = {
    "exact": "",
    "at_least": "at least ",
    "more_than": "more than ",
    "about": "about ",
    "at_most": "at most ",
    "up_to": "up to ",
    "vague": "~",
}
# What keeps a page responsive with the whole corpus loaded. Tables draw a page of rows at a
# time (their CSV holds every row); charts draw at most a few thousand marks and count
# events per period beyond that.
PAGE_ROWS = 500
MAX_TIMELINE_MARKS = 2_500
MAX_TIMELINE_ROWS = 25
MAX_CASUALTY_MARKS = 2_500
MAX_CASUALTY_SOURCES = 8
TOOLTIP_CHARS = 280

# Keys prepare_tables adds (internal: never shown, never downloaded): the row's document and
# sentence as integer codes, and a located place's code.
DOC, SENTENCE, PLACE = "_doc", "_sentence", "_place"
_EVENT_ORDER = (["_undated", "_sort_date", "published", "event_id"], [True, False, False, True])
_CASUALTY_ORDER = (["published", "casualty_id"], [False, True])
_CLAIM_ORDER = (["published", "claim_id"], [False, True])
_DOCUMENT_ORDER = (["published", "doc_id"], [False, True])


@dataclass(frozen=True, slots=True)
class Filters:
    """The shared sidebar filters. Empty tuples and ``None`` dates mean "no restriction".

    ``sides`` selects every actor of a side; ``places`` are place names and ``countries``
    ISO 3166-1 alpha-2 codes; ``documents`` are doc ids."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    actors: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    source_types: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        """Whether any filter restricts the tables."""
        return any(getattr(self, f.name) for f in fields(self))

    def key(self) -> tuple:
        """A hashable, order-insensitive key (for caches)."""
        return tuple(
            tuple(sorted(value)) if isinstance(value, tuple) else value
            for value in (getattr(self, f.name) for f in fields(self))
        )


# --- labels -----------------------------------------------------------------------------


def date_labels(start: pd.Series, end: pd.Series, precision: pd.Series) -> pd.Series:
    """Dates as an analyst would write them at their precision (see :func:`date_label`), for
    whole columns at once."""
    start = pd.to_datetime(pd.Series(start), errors="coerce").reset_index(drop=True)
    end = pd.to_datetime(pd.Series(end), errors="coerce").reset_index(drop=True)
    precision = pd.Series(precision, dtype="object").reset_index(drop=True)
    lo, hi = start.fillna(end), end.fillna(start)
    labels = pd.Series("", index=lo.index, dtype="object")
    dated = lo.notna().to_numpy()
    if not dated.any():
        return labels.astype("str")
    lo, hi, kind = lo[dated], hi[dated], precision[dated]
    day_lo, day_hi = lo.dt.strftime("%Y-%m-%d"), hi.dt.strftime("%Y-%m-%d")
    year_lo, year_hi = lo.dt.year.astype(str), hi.dt.year.astype(str)
    month_lo = lo.dt.month_name() + " " + year_lo
    month_hi = hi.dt.month_name() + " " + year_hi
    same_month = (lo.dt.year == hi.dt.year) & (lo.dt.month == hi.dt.month)
    choices = [
        (kind.eq("day") | lo.eq(hi), day_lo),
        (kind.eq("month") & same_month, month_lo),
        (kind.eq("month"), month_lo + " – " + month_hi),
        (kind.eq("year") & lo.dt.year.eq(hi.dt.year), year_lo),
        (kind.eq("year"), year_lo + " – " + year_hi),
        (kind.eq("week"), "week of " + day_lo),
    ]
    labels[dated] = np.select(
        [c.fillna(False).to_numpy(dtype=bool) for c, _ in choices],
        [v.to_numpy(dtype=object) for _, v in choices],
        default=(day_lo + " – " + day_hi).to_numpy(dtype=object),
    )
    return labels.astype("str")


def date_label(start: object, end: object, precision: object) -> str:
    """A date as an analyst would write it at its precision: ``2023-03-09``, ``March 2023``,
    ``2023``, ``week of 2023-03-06``, ``2023-03-01 – 2023-03-15``; empty when unknown."""
    missing = [value is None or (not isinstance(value, str) and pd.isna(value)) for value in (start, end)]
    start, end = (None if gone else pd.Timestamp(value) for value, gone in zip((start, end), missing, strict=True))
    return str(date_labels(pd.Series([start]), pd.Series([end]), pd.Series([precision]))[0])


def figure_label(low: object, high: object, qualifier: object) -> str:
    """A casualty figure as text: ``at least 3``, ``3–5``, ``about 100``."""
    if low is None or pd.isna(low):
        return ""
    text = f"{int(low):,}"
    if high is not None and not pd.isna(high) and int(high) != int(low):
        text = f"{text}–{int(high):,}"
    return f"{QUALIFIER_WORDS.get(str(qualifier), '')}{text}"


# --- preparing the tables once ------------------------------------------------------------


def _arrow(values: pd.Series) -> pa.Array:
    """A column as one contiguous arrow array (text as large_string)."""
    array = pa.array(values.array) if hasattr(values.array, "__arrow_array__") else pa.array(values, from_pandas=True)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    return array.cast(pa.large_string()) if pa.types.is_string(array.type) else array


def _positions(keys: pd.Series | list[pd.Series], universe: pd.Series) -> np.ndarray | list[np.ndarray]:
    """Where each key first occurs in ``universe``; -1 where it does not. Several key columns
    are looked up together (the universe is hashed once)."""
    columns = keys if isinstance(keys, list) else [keys]
    total = sum(len(c) for c in columns)
    if total == 0 or len(universe) == 0:
        found = np.full(total, -1, dtype=np.int64)
    else:
        joined = pd.concat([c.astype("str") for c in columns], ignore_index=True) if len(columns) > 1 else columns[0]
        hits = pc.index_in(_arrow(joined.astype("str")), value_set=_arrow(universe.astype("str")))
        found = pc.fill_null(hits, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    if not isinstance(keys, list):
        return found
    return np.split(found, np.cumsum([len(c) for c in columns])[:-1])


def _take(values: pd.Series, positions: np.ndarray) -> pd.Series:
    """``values`` at ``positions`` (missing where a position is -1), on a fresh index."""
    if len(values) == 0:
        return pd.Series([None] * len(positions), dtype=values.dtype)
    taken = values.take(np.where(positions < 0, 0, positions)).reset_index(drop=True)
    return taken.where(pd.Series(positions >= 0)) if (positions < 0).any() else taken


def _codes(values: list[pd.Series]) -> list[np.ndarray]:
    """One integer code per distinct value across several columns (equal values, equal codes)."""
    codes, _ = pd.factorize(pd.concat([v.astype("str") for v in values], ignore_index=True), use_na_sentinel=True)
    out, offset = [], 0
    for v in values:
        out.append(codes[offset : offset + len(v)].astype(np.int64))
        offset += len(v)
    return out


def _sentence_rows(frames: list[pd.Series], sentence_ids: pd.Series) -> list[np.ndarray]:
    """Each row's sentence as its row number in the sentences table; ids the table lacks get
    codes past its end (equal ids, equal codes), so rows still meet by sentence."""
    rows = _positions(frames, sentence_ids)
    lost = [ids[r < 0] for ids, r in zip(frames, rows, strict=True)]
    if sum(len(ids) for ids in lost):
        for r, codes in zip(rows, _codes(lost), strict=True):
            r[r < 0] = len(sentence_ids) + codes
    return rows


def _within(rows: np.ndarray, size: int) -> np.ndarray:
    """Row numbers with those past ``size`` (not in the table) as -1."""
    return np.where(rows < size, rows, -1)


def is_prepared(tables: Tables) -> bool:
    """Whether the tables went through :func:`prepare_tables` (their slices keep that)."""
    return all(DOC in tables[t].columns for t in (*SENTENCE_TABLES, "documents"))


def public_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame without the internal key columns (named with a leading underscore)."""
    return frame[[c for c in frame.columns if not str(c).startswith("_")]]


def _sorted(frame: pd.DataFrame, order: tuple[list[str], list[bool]]) -> pd.DataFrame:
    columns, ascending = order
    return frame.sort_values(columns, ascending=ascending, na_position="last", kind="stable").reset_index(drop=True)


def prepare_tables(tables: Tables) -> Tables:
    """The tables as every page reads them, joined and ordered once at load (then sliced by
    the filters, never re-joined): each sentence-table row carries its document's title
    (``document``), publication date (``published``) and, for events, figures and claims, its
    sentence's text (``sentence``); events carry a readable ``date``, figures a ``figure`` label;
    tables come newest first (events by when they happened). Integer codes for documents,
    sentences and places make the filters and per-place counts array lookups. Tables already
    prepared are returned as they are."""
    if is_prepared(tables):
        return tables
    documents = _sorted(tables["documents"].copy(), _DOCUMENT_ORDER)
    sentences = tables["sentences"]
    out: Tables = {"sentences": sentences}
    frames = {t: tables[t].reset_index(drop=True).copy() for t in SENTENCE_TABLES}
    doc_codes = _codes([documents["doc_id"], *(frames[t]["doc_id"] for t in SENTENCE_TABLES)])
    sentence_rows = _sentence_rows([frames[t]["sentence_id"] for t in SENTENCE_TABLES], sentences["sentence_id"])
    documents[DOC] = doc_codes[0]
    titles = documents["title"].where(documents["title"].fillna("") != "", documents["doc_id"])
    at_docs = _positions([frames[t]["doc_id"] for t in SENTENCE_TABLES], documents["doc_id"])
    for i, table in enumerate(SENTENCE_TABLES):
        frame = frames[table]
        frame[DOC] = doc_codes[i + 1]
        frame[SENTENCE] = sentence_rows[i]
        at_doc = at_docs[i]
        frame["document"] = _take(titles, at_doc).array
        frame["published"] = _take(documents["published"], at_doc).to_numpy()
        if table != "locations":
            frame["sentence"] = _take(
                sentences["text"], _positions(frame["sentence_id"], sentences["sentence_id"])
            ).array
    events = frames["events"]
    events["date"] = date_labels(events["date_start"], events["date_end"], events["date_precision"]).array
    events["_sort_date"] = events["date_start"].fillna(events["date_end"])
    events["_undated"] = events["_sort_date"].isna()
    casualties = frames["casualties"]
    casualties["figure"] = [
        figure_label(lo, hi, q)
        for lo, hi, q in zip(casualties["count_low"], casualties["count_high"], casualties["qualifier"], strict=True)
    ]
    casualties["figure"] = casualties["figure"].astype("str")
    casualties["count_top"] = casualties["count_high"].fillna(casualties["count_low"])
    sides = actor_table({**tables, **frames}).set_index("actor")["side"]
    events["_actor1_side"] = (
        events["actor1"].map(sides).astype("object").fillna(UNKNOWN_SIDE).where(events["actor1"].notna()).array
    )
    claims = frames["claims"]
    claims["date"] = claims["published"]
    locations = frames["locations"]
    located = (
        (locations["role"] == "place").fillna(False) & locations["latitude"].notna() & locations["longitude"].notna()
    )
    place_codes = _codes([locations["name"].fillna("") + "\x1f" + locations["country_code"].fillna("")])[0]
    locations[PLACE] = np.where(located.to_numpy(), place_codes, -1)
    out["documents"] = documents
    out["events"] = _sorted(events, _EVENT_ORDER)
    out["casualties"] = _sorted(casualties, _CASUALTY_ORDER)
    out["claims"] = _sorted(claims, _CLAIM_ORDER)
    out["locations"] = locations
    return out


# --- actors and their sides -------------------------------------------------------------


def lexicon_side(name: str) -> tuple[str | None, str | None]:
    """(side, actor type) of a canonical actor from the actor lexicon, or (None, None)."""
    info = actor_info(name) if name else None
    if info is None:
        return None, None
    actor_type, side = info
    return side, actor_type


# Words in an actor's name that tell its side when neither the lexicon nor a claim does.
_SIDE_WORDS = {
    "Russia": ("Russia", "Russian", "Kremlin", "Wagner"),
    "Ukraine": ("Ukraine", "Ukrainian", "Kyiv", "Zelensky"),
    "Belarus": ("Belarus", "Belarusian", "Lukashenko"),
}


def guess_side(name: str) -> str | None:
    """The side an actor's own name gives away ("Russian Armed Forces" -> Russia), or None
    when it names no side or more than one."""
    words = set(name.replace("'s", "").replace("(", " ").replace(")", " ").split())
    sides = [side for side, cues in _SIDE_WORDS.items() if words.intersection(cues)]
    return sides[0] if len(sides) == 1 else None


def _group_mode(frame: pd.DataFrame, key: str, column: str) -> pd.Series:
    """The most frequent non-missing ``column`` value per ``key`` (ties: the first in sort order)."""
    pairs = frame[[key, column]].dropna()
    if pairs.empty:
        return pd.Series(dtype="object")
    counts = pairs.value_counts().reset_index(name="n")
    counts = counts.sort_values(["n", column], ascending=[False, True], kind="stable")
    return counts.drop_duplicates(key).set_index(key)[column]


def actor_table(tables: Tables) -> pd.DataFrame:
    """Every canonical actor the tables name (event actors, perpetrators, sources) with its
    side, type and number of rows, sorted by side then frequency."""
    claims = tables["claims"]
    events = tables["events"]
    casualties = tables["casualties"]
    names = pd.concat(
        [claims["source"], events["actor1"], events["actor2"], casualties["perpetrator"], casualties["source"]],
        ignore_index=True,
    ).dropna()
    names = names[names.str.strip() != ""]
    if names.empty:
        return pd.DataFrame({"actor": [], "side": [], "actor_type": [], "rows": []}).astype(
            {"actor": "str", "side": "str", "actor_type": "str", "rows": "int64"}
        )
    counts = names.value_counts()
    frame = pd.DataFrame({"actor": counts.index.astype("str"), "rows": counts.to_numpy().astype("int64")})
    lexicon = [lexicon_side(str(name)) for name in frame["actor"]]
    known_side = frame["actor"].map(_group_mode(claims, "source", "source_side"))
    known_type = frame["actor"].map(_group_mode(claims, "source", "source_type"))
    frame["side"] = pd.Series([side for side, _ in lexicon], dtype="object").fillna(known_side.astype("object"))
    frame["actor_type"] = pd.Series([kind for _, kind in lexicon], dtype="object").fillna(known_type.astype("object"))
    missing = frame["side"].isna()
    frame.loc[missing, "side"] = [guess_side(str(name)) for name in frame.loc[missing, "actor"]]
    frame["side"] = frame["side"].fillna(UNKNOWN_SIDE).astype("str")
    frame["actor_type"] = frame["actor_type"].fillna("").astype("str")
    frame = frame[["actor", "side", "actor_type", "rows"]]
    order = frame["side"].map(SIDE_ORDER).fillna(len(SIDE_ORDER))
    return (
        frame.assign(_order=order)
        .sort_values(["_order", "rows", "actor"], ascending=[True, False, True])
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def actors_of(actor_frame: pd.DataFrame, *, actors: Iterable[str] = (), sides: Iterable[str] = ()) -> set[str]:
    """The actor names a selection of actors and whole sides stands for."""
    chosen = set(actors)
    sides = set(sides)
    if sides:
        chosen |= set(actor_frame.loc[actor_frame["side"].isin(sides), "actor"])
    return chosen


# --- the filters ------------------------------------------------------------------------


def _mask(series: pd.Series) -> np.ndarray:
    return series.fillna(False).to_numpy(dtype=bool)


def _any_in(frame: pd.DataFrame, columns: Iterable[str], values: set) -> np.ndarray:
    mask = np.zeros(len(frame), dtype=bool)
    for column in columns:
        mask |= _mask(frame[column].isin(values))
    return mask


def _hits(size: int, codes: np.ndarray) -> np.ndarray:
    hit = np.zeros(size + 1, dtype=bool)
    hit[codes[codes >= 0]] = True
    return hit


def _lookup(hit: np.ndarray, codes: np.ndarray) -> np.ndarray:
    return np.where(codes >= 0, hit[np.clip(codes, 0, None)], False)


def _code_size(tables: Tables, column: str) -> int:
    tops = [
        int(tables[t][column].max()) for t in (*SENTENCE_TABLES, "documents") if column in tables[t] and len(tables[t])
    ]
    return max(tops, default=0) + 1


def _sentence_masks(tables: Tables, direct: dict[str, np.ndarray], *, spread_to_direct: bool) -> dict[str, np.ndarray]:
    """Masks for every sentence table from the rows a filter matches directly: a row is kept
    when it matches, or when it shares a sentence with a matching row (``spread_to_direct``
    decides whether tables that carry the field get that second chance too)."""
    size = _code_size(tables, SENTENCE)
    hit = np.zeros(size + 1, dtype=bool)
    for table, mask in direct.items():
        codes = tables[table][SENTENCE].to_numpy()[mask]
        hit[codes[codes >= 0]] = True
    masks = {}
    for table in SENTENCE_TABLES:
        in_sentence = _lookup(hit, tables[table][SENTENCE].to_numpy())
        if table in direct:
            masks[table] = direct[table] | in_sentence if spread_to_direct else direct[table]
        else:
            masks[table] = in_sentence
    return masks


def _doc_mask(tables: Tables, masks: dict[str, np.ndarray]) -> np.ndarray:
    hit = np.zeros(_code_size(tables, DOC) + 1, dtype=bool)
    for table in SENTENCE_TABLES:
        codes = tables[table][DOC].to_numpy()[masks[table]]
        hit[codes[codes >= 0]] = True
    return _lookup(hit, tables["documents"][DOC].to_numpy())


def _date_masks(tables: Tables, start: dt.date | None, end: dt.date | None) -> dict[str, np.ndarray]:
    """Events by when they happened (their span overlaps the range; undated events by their
    document's publication date); every other table by its document's publication date."""
    lo = pd.Timestamp(start) if start else pd.Timestamp.min
    hi = pd.Timestamp(end) if end else pd.Timestamp.max
    masks = {t: _mask(tables[t]["published"].between(lo, hi)) for t in (*SENTENCE_TABLES, "documents")}
    events = tables["events"]
    ev_start = events["date_start"].fillna(events["date_end"])
    ev_end = events["date_end"].fillna(events["date_start"])
    dated = ev_start.notna().to_numpy()
    overlaps = _mask((ev_start <= hi) & (ev_end >= lo))
    masks["events"] = (dated & overlaps) | (~dated & masks["events"])
    return masks


def filter_masks(tables: Tables, filters: Filters, *, actors: pd.DataFrame | None = None) -> dict[str, np.ndarray]:
    """One boolean mask per table (sentences excepted) for the rows of prepared tables the
    filters keep. ``actors`` is :func:`actor_table` of the whole tables when the caller has it."""
    dimensions: list[dict[str, np.ndarray]] = []
    events, casualties, locations, claims = (tables[t] for t in SENTENCE_TABLES)

    def add(direct: dict[str, np.ndarray], *, spread: bool) -> None:
        masks = _sentence_masks(tables, direct, spread_to_direct=spread)
        masks["documents"] = _doc_mask(tables, masks)
        dimensions.append(masks)

    if (filters.actors or filters.sides or filters.source_types) and actors is None:
        actors = actor_table(tables)
    if filters.actors or filters.sides:
        chosen = actors_of(actors, actors=filters.actors, sides=filters.sides)
        add(
            {
                "events": _any_in(events, ("actor1", "actor2"), chosen),
                "claims": _any_in(claims, ("source",), chosen),
                "casualties": _any_in(casualties, ("source", "perpetrator"), chosen),
            },
            spread=True,
        )
    if filters.sources:
        chosen = set(filters.sources)
        unattributed = casualties["source"].isna().to_numpy() if UNATTRIBUTED in chosen else False
        add(
            {
                "claims": _any_in(claims, ("source",), chosen),
                "casualties": _any_in(casualties, ("source",), chosen) | unattributed,
            },
            spread=False,
        )
    if filters.source_types:
        chosen = set(filters.source_types)
        typed = set(actors.loc[actors["actor_type"].isin(chosen), "actor"])
        add(
            {
                "claims": _any_in(claims, ("source_type",), chosen),
                "casualties": _any_in(casualties, ("source",), typed),
            },
            spread=False,
        )
    if filters.event_types:
        add({"events": _any_in(events, ("event_type",), set(filters.event_types))}, spread=False)
    if filters.places or filters.countries:
        names, codes = set(filters.places), set(filters.countries)
        add(
            {
                "locations": _any_in(locations, ("name",), names) | _any_in(locations, ("country_code",), codes),
                "events": _any_in(events, ("location",), names) | _any_in(events, ("country_code",), codes),
                "casualties": _any_in(casualties, ("location",), names),
            },
            spread=True,
        )
    if filters.documents:
        chosen = set(filters.documents)
        dimensions.append({t: _any_in(tables[t], ("doc_id",), chosen) for t in (*SENTENCE_TABLES, "documents")})
    if filters.date_from or filters.date_to:
        dimensions.append(_date_masks(tables, filters.date_from, filters.date_to))

    result = {t: np.ones(len(tables[t]), dtype=bool) for t in (*SENTENCE_TABLES, "documents")}
    for masks in dimensions:
        for table, mask in masks.items():
            result[table] &= mask
    return result


def apply_filters(tables: Tables, filters: Filters, *, actors: pd.DataFrame | None = None) -> Tables:
    """The prepared tables with only the rows the filters keep, in the same order;
    ``sentences`` stays whole (pages look sentences up by id). Unfiltered, the tables
    themselves come back (no copy)."""
    tables = prepare_tables(tables)
    if not filters.active:
        return dict(tables)
    masks = filter_masks(tables, filters, actors=actors)
    out = {table: tables[table].loc[mask].reset_index(drop=True) for table, mask in masks.items()}
    out["sentences"] = tables["sentences"]
    return out


def clamp_filters(filters: Filters, options: FilterOptions) -> Filters:
    """Drop filter values the data does not offer (a stale link, a removed document) and bring
    dates inside the data's extent (a bound at or past the extent restricts nothing)."""
    date_from, date_to = filters.date_from, filters.date_to
    if options.date_min and date_from and date_from <= options.date_min:
        date_from = None
    if options.date_max and date_to and date_to >= options.date_max:
        date_to = None
    if options.date_max and date_from and date_from > options.date_max:
        date_from = options.date_max
    if options.date_min and date_to and date_to < options.date_min:
        date_to = options.date_min
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    return replace(
        filters,
        date_from=date_from,
        date_to=date_to,
        actors=tuple(a for a in filters.actors if a in options.actor_names),
        sides=tuple(s for s in filters.sides if s in SIDE_ORDER),
        sources=tuple(s for s in filters.sources if s in options.sources),
        source_types=tuple(s for s in filters.source_types if s in options.source_types),
        event_types=tuple(s for s in filters.event_types if s in options.event_types),
        places=tuple(p for p in filters.places if p in options.places),
        countries=tuple(c for c in filters.countries if c in options.countries),
        documents=tuple(d for d in filters.documents if d in options.documents),
    )


# --- what the filters offer -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FilterOptions:
    """The values each sidebar filter offers, with display labels."""

    actors: pd.DataFrame
    sources: dict[str, int]
    source_types: dict[str, int]
    event_types: dict[str, int]
    places: dict[str, str]  # name -> country code
    countries: dict[str, str]  # code -> country name
    documents: dict[str, str]  # doc_id -> title
    date_min: dt.date | None
    date_max: dt.date | None
    place_mentions: dict[str, int] = field(default_factory=dict)  # name -> mentions as a place

    @property
    def actor_names(self) -> set[str]:
        return set(self.actors["actor"])


def _counts(series: pd.Series) -> dict[str, int]:
    series = series.dropna()
    series = series[series.astype(str).str.strip() != ""]
    return {str(k): int(v) for k, v in series.value_counts().items()}


def country_names(tables: Tables) -> dict[str, str]:
    """ISO code -> country name, from the country mentions in the locations table."""
    locations = tables["locations"]
    countries = locations.loc[
        _mask((locations["kind"] == "country") & locations["country_code"].notna()), ["country_code", "name"]
    ].drop_duplicates("country_code", keep="last")  # the name given last, as a dict built row by row would
    return dict(zip(countries["country_code"], countries["name"], strict=True))


def filter_options(tables: Tables) -> FilterOptions:
    """Every value the sidebar filters can offer for these tables."""
    documents = tables["documents"].sort_values("published", ascending=False, na_position="last")
    locations = tables["locations"]
    places = locations[locations["role"] == "place"].dropna(subset=["name"])
    place_codes = places.groupby("name")["country_code"].first().fillna("")
    place_mentions = places["name"].value_counts()
    codes = set(locations["country_code"].dropna()) | set(tables["events"]["country_code"].dropna())
    names = country_names(tables)
    sources = _counts(pd.concat([tables["claims"]["source"], tables["casualties"]["source"]]))
    if tables["casualties"]["source"].isna().any():
        sources[UNATTRIBUTED] = int(tables["casualties"]["source"].isna().sum())
    starts = pd.concat(
        [tables["events"]["date_start"], tables["events"]["date_end"], tables["documents"]["published"]]
    ).dropna()
    titles = documents["title"].where(documents["title"].fillna("") != "", documents["path"])
    titles = titles.where(titles.fillna("") != "", documents["doc_id"])
    return FilterOptions(
        actors=actor_table(tables),
        sources=sources,
        source_types=_counts(tables["claims"]["source_type"]),
        event_types=_counts(tables["events"]["event_type"]),
        places={str(k): str(v) for k, v in sorted(place_codes.items())},
        countries={code: names.get(code, code) for code in sorted(codes)},
        documents=dict(zip(documents["doc_id"], titles, strict=True)),
        date_min=starts.min().date() if not starts.empty else None,
        date_max=starts.max().date() if not starts.empty else None,
        place_mentions={str(k): int(v) for k, v in place_mentions.items()},
    )


def typical_filters(tables: Tables, options: FilterOptions, *, days: int = 91) -> Filters:
    """A filter an analyst typically sets, for benchmarks: the side of the actor named most
    often, and the last ``days`` days of reporting (by publication date); no filter when
    there is no data."""
    published = tables["documents"]["published"].dropna()
    if options.actors.empty or published.empty:
        return Filters()
    side = str(options.actors.sort_values("rows", ascending=False, kind="stable")["side"].iloc[0])
    last = published.max().date()
    return Filters(sides=(side,), date_from=last - dt.timedelta(days=days), date_to=last)


# --- page views -------------------------------------------------------------------------


def overview_counts(tables: Tables) -> dict[str, int]:
    """The headline numbers: documents, events, casualty figures, claims, sources, places."""
    sources = pd.concat([tables["claims"]["source"], tables["casualties"]["source"]]).dropna()
    places = tables["locations"]
    places = places.loc[_mask(places["role"] == "place") & places["latitude"].notna().to_numpy(), "name"]
    return {
        "documents": len(tables["documents"]),
        "events": len(tables["events"]),
        "casualty figures": len(tables["casualties"]),
        "claims": len(tables["claims"]),
        "sources": int(sources.nunique()),
        "places": int(places.nunique()),
    }


def events_view(tables: Tables) -> pd.DataFrame:
    """Events with a readable date, the sentence and the document: dated events newest first,
    then undated ones by publication date."""
    return public_columns(prepare_tables(tables)["events"])


LATEST_EVENT_COLUMNS = ["date", "event_type", "sub_event_type", "actor1", "actor2", "location", "summary", "document"]
DOCUMENT_COLUMNS = ["title", "outlet", "published", "events", "casualties", "claims", "locations", "doc_id"]


def latest_events(tables: Tables, *, limit: int = 8) -> pd.DataFrame:
    """The most recent events (by when they happened) for the overview."""
    return prepare_tables(tables)["events"].head(limit)[LATEST_EVENT_COLUMNS].reset_index(drop=True)


def _with_counts(tables: Tables, documents: pd.DataFrame) -> pd.DataFrame:
    """Documents with how many rows of each table they hold (counted in ``tables``)."""
    size = _code_size(tables, DOC)
    out = documents.copy()
    codes = documents[DOC].to_numpy()
    for table in ("events", "casualties", "claims", "locations"):
        rows = tables[table][DOC].to_numpy()
        out[table] = np.bincount(rows[rows >= 0], minlength=size)[codes].astype("int64")
    return out


def newest_documents(tables: Tables, *, limit: int = 8) -> pd.DataFrame:
    """The most recently published documents with how much was found in each."""
    tables = prepare_tables(tables)
    return _with_counts(tables, tables["documents"].head(limit))[DOCUMENT_COLUMNS].reset_index(drop=True)


def documents_view(tables: Tables) -> pd.DataFrame:
    """Every document with its counts of rows per table, newest first."""
    tables = prepare_tables(tables)
    return _with_counts(tables, tables["documents"])[DOCUMENT_COLUMNS]


def timeline_spans(tables: Tables, *, group_by: str = "event_type") -> pd.DataFrame:
    """The dated events as the timeline places them, slim (no text): ``row`` (the event's row
    in the prepared events table), ``event_id``, ``group`` (the event type, or each of its
    actors), ``event_type``, ``span_start``/``span_end`` covering the whole day, week, month,
    year or range the date stands for (end exclusive) and ``is_point`` for day-precise dates;
    in calendar order."""
    if group_by not in ("event_type", "actor"):
        raise ValueError(f"group_by must be 'event_type' or 'actor', not {group_by!r}")
    events = prepare_tables(tables)["events"]
    rows = np.flatnonzero(~events["_undated"].to_numpy(dtype=bool))
    needed = ["event_id", "event_type", "_sort_date", "date_start", "date_end", "date_precision", "actor1", "actor2"]
    dated = events[needed].take(rows)
    start = dated["_sort_date"]
    end = dated["date_end"].fillna(dated["date_start"])
    spans = pd.DataFrame(
        {
            "row": rows,
            "event_id": dated["event_id"].to_numpy(),
            "event_type": dated["event_type"].to_numpy(),
            "span_start": start.to_numpy(),
            "span_end": (end + pd.Timedelta(days=1)).to_numpy(),
            "is_point": _mask(dated["date_precision"] == "day") | (start == end).to_numpy(),
        }
    )
    if group_by == "actor":
        both = pd.concat(
            [spans.assign(group=dated["actor1"].to_numpy()), spans.assign(group=dated["actor2"].to_numpy())],
            ignore_index=True,
        )
        spans = both[_mask(both["group"].notna() & (both["group"] != ""))]
    else:
        spans = spans.assign(group=spans["event_type"])
    return spans.sort_values(["span_start", "event_id"], kind="stable").reset_index(drop=True)


def dress_spans(spans: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    """Timeline spans or marks with their events' columns (sentence, document, actors, date
    label...) for drawing; a mark's own ``date`` label (a counted period) wins."""
    events = public_columns(prepare_tables(tables)["events"].take(spans["row"].to_numpy())).reset_index(drop=True)
    extra = spans.drop(columns=["row", "event_id", "event_type"]).reset_index(drop=True)
    if "date" in extra:
        extra["date"] = extra["date"].fillna(events["date"])
    return events.drop(columns=[c for c in extra.columns if c in events.columns]).join(extra)


def timeline_frame(tables: Tables, *, group_by: str = "event_type") -> pd.DataFrame:
    """Dated events ready to draw: one row per event (per actor when grouped by actor), with
    ``span_start``/``span_end`` covering the whole day, week, month, year or range the date
    stands for (end exclusive), ``is_point`` for day-precise dates, and hover text."""
    return dress_spans(timeline_spans(tables, group_by=group_by), tables)


# How day-dated events are binned when there are too many marks: (resolution, period, label).
_BINS = (("week", "W-SUN", "days in the week of {:%Y-%m-%d}"), ("month", "M", "days in {:%B %Y}"),
         ("year", "Y", "days in {:%Y}"))  # fmt: skip
# a counted period ("days in March 2023") stays apart from events dated to that whole period
_MARK_KEYS = ["group", "event_type", "span_start", "span_end", "is_point", "date"]


def _counted(spans: pd.DataFrame) -> pd.DataFrame:
    """Marks with identical row, type and span merged into one with their ``count`` (the first
    event stands for the rest in the hover)."""
    count = spans.groupby(_MARK_KEYS, dropna=False, sort=False)["row"].transform("size")
    return spans.assign(count=count.to_numpy()).drop_duplicates(_MARK_KEYS).reset_index(drop=True)


def timeline_marks(spans: pd.DataFrame, *, max_marks: int = MAX_TIMELINE_MARKS) -> tuple[pd.DataFrame, str]:
    """What the timeline draws for :func:`timeline_spans`: one mark per event while they are
    at most ``max_marks``; beyond that events with the same row, type and dates are counted as
    one mark, and then day-dated events are counted per week, month or year (a bar over that
    period whose ``date`` says so). Returns the marks (with ``count`` and ``date``, empty where
    the event's own date applies) and the resolution: ``event``, ``span``, ``week``, ``month``
    or ``year``. Vague dates are never narrowed."""
    spans = spans.assign(date=pd.Series(np.full(len(spans), None, dtype=object), dtype="str"))
    if len(spans) <= max_marks:
        return spans.assign(count=np.ones(len(spans), dtype="int64")), "event"
    marks = _counted(spans)
    if len(marks) <= max_marks:
        return marks, "span"
    points = spans["is_point"].to_numpy(dtype=bool)
    for resolution, period, label in _BINS:
        periods = spans.loc[points, "span_start"].dt.to_period(period)
        starts = periods.dt.start_time
        binned = spans.copy()
        binned.loc[points, "span_start"] = starts.to_numpy()
        binned.loc[points, "span_end"] = (periods + 1).dt.start_time.to_numpy()
        binned.loc[points, "date"] = starts.map({start: label.format(start) for start in starts.unique()}).to_numpy()
        binned.loc[points, "is_point"] = False
        marks = _counted(binned)
        if len(marks) <= max_marks or resolution == "year":
            return marks, resolution
    raise AssertionError("unreachable")


def undated_event_count(tables: Tables) -> int:
    """Events whose date could not be resolved (they cannot sit on a calendar)."""
    events = tables["events"]
    return int((events["date_start"].isna() & events["date_end"].isna()).sum())


def casualties_view(tables: Tables) -> pd.DataFrame:
    """Casualty figures with a readable figure, source (or "(unattributed)"), the sentence
    and document, newest report first."""
    figures = public_columns(prepare_tables(tables)["casualties"])
    return figures.assign(source=figures["source"].fillna(UNATTRIBUTED))


def casualty_series(tables: Tables) -> pd.DataFrame:
    """Casualty figures placed in time for the chart: reported on their document's
    publication date, with their low and high counts; undated reports are left out."""
    view = casualties_view(tables)
    return view[view["published"].notna()].sort_values(["published", "source"], kind="stable").reset_index(drop=True)


def casualty_marks(
    series: pd.DataFrame, *, max_sources: int = MAX_CASUALTY_SOURCES, max_marks: int = MAX_CASUALTY_MARKS
) -> tuple[pd.DataFrame, bool]:
    """What the casualty chart draws for a :func:`casualty_series`: each figure with its
    ``legend`` (its source, or "other sources" beyond the ``max_sources`` sources with most
    figures) and ``count`` 1; beyond ``max_marks`` figures, one mark per legend entry and
    week: the week's largest figure, with ``count`` saying how many were reported. Returns the
    marks and whether they were counted per week."""
    top = set(series["source"].value_counts().index[:max_sources])
    legend = series["source"].where(series["source"].isin(top), OTHER_SOURCES)
    marks = series.assign(legend=legend, count=np.ones(len(series), dtype="int64"))
    if len(marks) <= max_marks:
        return marks, False
    week = marks["published"].dt.to_period("W-SUN").dt.start_time
    marks = marks.assign(_week=week)
    count = marks.groupby(["legend", "_week"])["casualty_id"].transform("size")
    largest = marks.assign(count=count.to_numpy()).sort_values(["count_top", "casualty_id"], ascending=[False, True])
    weekly = largest.drop_duplicates(["legend", "_week"]).sort_values(["published", "legend"], kind="stable")
    return weekly.drop(columns="_week").reset_index(drop=True), True


def _search_mask(frame: pd.DataFrame, columns: list[str], query: str) -> np.ndarray:
    """Rows whose columns, joined by spaces, contain ``query`` in any case."""
    if frame.empty:
        return np.zeros(0, dtype=bool)
    parts = [pc.fill_null(_arrow(frame[c].astype("str")), "") for c in columns]
    joined = pc.binary_join_element_wise(*parts, pa.scalar(" ", pa.large_string()))
    found = pc.match_substring(pc.utf8_lower(joined), query.lower())
    return found.to_numpy(zero_copy_only=False).astype(bool)


CLAIM_SEARCH_COLUMNS = ["claim", "source", "source_mention", "cue", "via", "sentence"]


def claims_view(tables: Tables, *, search: str = "") -> pd.DataFrame:
    """Claims with their date (the document's publication date), document and sentence;
    ``search`` keeps rows whose claim, source, cue or sentence contains it (any case)."""
    claims = public_columns(prepare_tables(tables)["claims"])
    query = search.strip()
    if query:
        claims = claims.loc[_search_mask(claims, CLAIM_SEARCH_COLUMNS, query)].reset_index(drop=True)
    return claims


def claims_by_source(claims: pd.DataFrame) -> pd.DataFrame:
    """Per source: how many claims, split by stance, and how many hedged; most active first."""
    columns = ["source", "source_side", "source_type", "claims", *STANCES, "hedged"]
    codes, sources = pd.factorize(claims["source"])
    if not len(sources):
        return pd.DataFrame(columns=columns)
    named = codes >= 0
    out = pd.DataFrame({"source": np.asarray(sources, dtype=object)})
    out["claims"] = np.bincount(codes[named], minlength=len(sources))
    stance = claims["stance"].to_numpy(dtype=object)
    for value in STANCES:
        out[value] = np.bincount(codes[named & (stance == value)], minlength=len(sources))
    hedged = _mask(claims["hedged"])
    out["hedged"] = np.bincount(codes[named & hedged], minlength=len(sources))
    for column in ("source_side", "source_type"):  # the first value given, as groupby's first
        given = pd.DataFrame({"code": codes, "value": claims[column].to_numpy(dtype=object)})
        given = given[named & claims[column].notna().to_numpy()].drop_duplicates("code")
        out[column] = pd.Series(given["value"].to_numpy(), index=given["code"].to_numpy()).reindex(out.index)
    out = out.astype({"source": "str"})
    return out.sort_values(["claims", "source"], ascending=[False, True])[columns].reset_index(drop=True)


def sentence_context(tables: Tables, sentence_id: str, *, window: int = 2) -> list[tuple[str, bool]]:
    """The sentence and up to ``window`` sentences either side in its document, as
    ``(text, is_the_sentence)`` pairs in reading order."""
    sentences = tables["sentences"]
    row = sentences[_mask(sentences["sentence_id"] == sentence_id)]
    if row.empty:
        return []
    doc_id = row["doc_id"].iloc[0]
    doc_sentences = sentences[_mask(sentences["doc_id"] == doc_id)].sort_values("start").reset_index(drop=True)
    position = int(doc_sentences.index[_mask(doc_sentences["sentence_id"] == sentence_id)][0])
    part = doc_sentences.iloc[max(0, position - window) : position + window + 1]
    return [(text, sid == sentence_id) for text, sid in zip(part["text"], part["sentence_id"], strict=True)]


# --- the map ----------------------------------------------------------------------------

POINT_COLUMNS = [
    "name",
    "kind",
    "country_code",
    "latitude",
    "longitude",
    "border_distance_km",
    "mentions",
    "documents",
    "casualties",
    "category",
    "precision",
    "sentences",
]


def _factorize(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of a text column (-1 for missing or empty text) and the texts they stand for."""
    encoded = pc.dictionary_encode(_arrow(values.astype("str")))
    codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    uniques = np.asarray(encoded.dictionary.to_pylist(), dtype=object)
    blank = np.flatnonzero(uniques == "")
    if len(blank):
        codes[np.isin(codes, blank)] = -1
    return codes, uniques


def _tally(groups: np.ndarray, codes: np.ndarray, size: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Per group (``0..size-1``) and code (``0..width-1``): how many rows have it, and the
    first row that does (``len(codes)`` when none); rows with code -1 are skipped."""
    keep = np.flatnonzero(codes >= 0)
    cells = groups[keep] * width + codes[keep]
    counts = np.bincount(cells, minlength=size * width).reshape(size, width)
    first = np.full(size * width, len(codes), dtype=np.int64)
    seen = pd.Series(cells).drop_duplicates()
    first[seen.to_numpy()] = keep[seen.index.to_numpy()]
    return counts, first.reshape(size, width)


def _pick(counts: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Per row, the most frequent code (ties: the one seen first); -1 for a row with none."""
    if counts.shape[1] == 0:
        return np.full(counts.shape[0], -1, dtype=np.int64)
    score = counts * (int(first.max()) + 2) - first
    best = score.argmax(axis=1)
    return np.where(counts.max(axis=1) > 0, best, -1)


def _labels(codes: np.ndarray, uniques: np.ndarray) -> np.ndarray:
    """Codes back to their texts ('' for -1)."""
    if not len(uniques):
        return np.full(len(codes), "", dtype=object)
    return np.where(codes >= 0, uniques[np.clip(codes, 0, None)], "")


def _shorten(texts: pd.Series, limit: int) -> list[str]:
    return [t if len(t) <= limit else t[: limit - 1].rsplit(" ", 1)[0] + " …" for t in texts.fillna("").astype(str)]


def place_points(
    tables: Tables,
    *,
    color_by: str = "side",
    max_border_km: float | None = None,
    sentences_per_place: int = 3,
) -> pd.DataFrame:
    """One row per place on the map: the located place mentions grouped by place, with the
    number of mentions, documents and casualty figures in their sentences, the category to
    colour by (the side that speaks or acts most in those sentences, else the place's country;
    or the most frequent event type) and the first sentences for the tooltip (shortened)."""
    if color_by not in ("side", "event_type"):
        raise ValueError(f"color_by must be 'side' or 'event_type', not {color_by!r}")
    tables = prepare_tables(tables)
    locations = tables["locations"]
    keep = locations[PLACE].to_numpy() >= 0
    if max_border_km is not None:
        keep &= _mask(locations["border_distance_km"].le(max_border_km))
    rows = np.flatnonzero(keep)
    if not len(rows):
        return pd.DataFrame(columns=POINT_COLUMNS)
    # one point per place code, numbered 0.. in order of first mention
    place, _ = pd.factorize(locations[PLACE].to_numpy()[rows])
    first = pd.Series(place).drop_duplicates().index.to_numpy()
    mentions = np.bincount(place)
    head = rows[first]
    size = len(first)
    points = pd.DataFrame(
        {
            "name": locations["name"].take(head).to_numpy(),
            "country_code": locations["country_code"].take(head).fillna("").to_numpy(),
        }
    )
    coordinates = locations[["latitude", "longitude", "border_distance_km"]].take(rows).reset_index(drop=True)
    by_place = coordinates.groupby(place)
    points[["latitude", "longitude"]] = by_place[["latitude", "longitude"]].median().to_numpy()
    points["border_distance_km"] = by_place["border_distance_km"].min().to_numpy()
    points["mentions"] = mentions.astype("int64")
    docs = locations[DOC].to_numpy()[rows]
    new_doc = ~pd.Series(place * (int(docs.max()) + 2) + docs + 1).duplicated().to_numpy()
    points["documents"] = np.bincount(place[new_doc], minlength=size).astype("int64")
    kinds, kind_names = _factorize(locations["kind"])
    points["kind"] = _labels(_pick(*_tally(place, kinds[rows], size, len(kind_names))), kind_names)
    # each place's sentences, once each, in reading order
    sentence = locations[SENTENCE].to_numpy()[rows]
    at = np.flatnonzero(~pd.Series(place * (int(sentence.max()) + 1) + sentence).duplicated().to_numpy())
    pair_place, pair_sentence = place[at], sentence[at]
    claims, events, casualties = tables["claims"], tables["events"], tables["casualties"]
    sentences_size = 1 + max(int(t[SENTENCE].max()) if len(t) else 0 for t in (claims, events, casualties, locations))
    killed = np.bincount(
        casualties[SENTENCE].to_numpy(),
        weights=casualties["count_low"].fillna(0).to_numpy(dtype=float),
        minlength=sentences_size,
    )
    points["casualties"] = np.bincount(pair_place, weights=killed[pair_sentence], minlength=size).astype("int64")
    if color_by == "side":
        sentence_codes = np.concatenate([claims[SENTENCE].to_numpy(), events[SENTENCE].to_numpy()])
        values = pd.concat([claims["source_side"], events["_actor1_side"]], ignore_index=True)
    else:
        sentence_codes, values = events[SENTENCE].to_numpy(), events["event_type"]
    codes, names = _factorize(values)
    # the categories in each sentence, then in each place's sentences (claims before events, as
    # in the tables: of two categories seen as often, the first seen wins)
    counts, first = _tally(sentence_codes, codes, sentences_size, len(names))
    place_counts = np.zeros((size, len(names)), dtype=np.int64)
    for column in range(len(names)):
        place_counts[:, column] = np.bincount(pair_place, weights=counts[pair_sentence, column], minlength=size)
    place_first = pd.DataFrame(first[pair_sentence]).groupby(pair_place).min().reindex(range(size)).to_numpy()
    category = pd.Series(_labels(_pick(place_counts, place_first), names), dtype="object")
    if color_by == "side":
        category = category.where(category != "", points["country_code"].map(COUNTRY_SIDES).fillna(""))
    points["category"] = category.astype("str").to_numpy()
    points["precision"] = points["kind"].map(lambda k: PLACE_PRECISION.get(k, k)).astype("str")
    shown = pd.Series(pair_place).groupby(pair_place).cumcount().to_numpy() < sentences_per_place
    sentences = tables["sentences"]
    texts = _shorten(_take(sentences["text"], _within(pair_sentence[shown], len(sentences))), TOOLTIP_CHARS)
    listed: list[list[str]] = [[] for _ in range(size)]
    for code, text in zip(pair_place[shown], texts, strict=True):
        listed[code].append(text)
    points["sentences"] = listed
    points = points[POINT_COLUMNS]
    return points.sort_values(["mentions", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


def border_distance_max(tables: Tables) -> float:
    """The farthest a located place lies from the Belarus–Ukraine border (0 when none do)."""
    distances = tables["locations"]["border_distance_km"].dropna()
    return float(distances.max()) if not distances.empty else 0.0


def empty_tables() -> Tables:
    """The six tables with no rows."""
    from lib.schema import empty_frame

    return {table: empty_frame(table) for table in TABLES}


# --- paging -----------------------------------------------------------------------------


def page_count(total: int, *, size: int = PAGE_ROWS) -> int:
    """How many pages of ``size`` rows ``total`` rows fill (at least one)."""
    return max(1, -(-total // size))


def page_of(frame: pd.DataFrame, page: int, *, size: int = PAGE_ROWS) -> pd.DataFrame:
    """Rows of page ``page`` (from 1; clamped to the pages there are)."""
    page = min(max(1, page), page_count(len(frame), size=size))
    return frame.iloc[(page - 1) * size : page * size]


def rows_note(total: int, page: int, *, size: int = PAGE_ROWS, noun: str = "rows", order: str = "") -> str:
    """What a paged table shows: ``Rows 501–1,000 of 97,892 claims, newest first.``"""
    if total <= size:
        return f"{total:,} {noun}" + (f", {order}" if order and total > 1 else "") + "."
    page = min(max(1, page), page_count(total, size=size))
    first, last = (page - 1) * size + 1, min(page * size, total)
    return f"Rows {first:,}–{last:,} of {total:,} {noun}" + (f", {order}" if order else "") + "."


# --- one data function per page ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OverviewData:
    """The overview: headline counts (filtered and in all documents), the latest events, the
    latest claims (shown when no event matches) and the newest documents."""

    counts: dict[str, int]
    totals: dict[str, int]
    events: pd.DataFrame
    claims: pd.DataFrame
    documents: pd.DataFrame


def overview_data(tables: Tables, filtered: Tables, *, limit: int = 8) -> OverviewData:
    """Everything the overview draws."""
    tables, filtered = prepare_tables(tables), prepare_tables(filtered)
    counts = overview_counts(filtered)
    return OverviewData(
        counts=counts,
        totals=counts if filtered["locations"] is tables["locations"] else overview_counts(tables),
        events=latest_events(filtered, limit=limit),
        claims=public_columns(filtered["claims"].head(6)),
        documents=newest_documents(filtered, limit=limit),
    )


@dataclass(frozen=True, slots=True)
class TimelineData:
    """The timeline: the marks its chart draws and at what resolution, which rows it shows, the
    filtered events (the table pages through them, the CSV holds them all) and the casualty
    figures over time."""

    marks: pd.DataFrame
    resolution: str
    dated: int
    undated: int
    rows_shown: int
    rows_total: int
    events: pd.DataFrame
    casualties: CasualtySeries


@dataclass(frozen=True, slots=True)
class CasualtySeries:
    """The casualty chart's marks, whether they are counted per week, and how many figures
    and sources there are."""

    marks: pd.DataFrame
    weekly: bool
    figures: int
    sources: int


def casualty_chart_data(tables: Tables) -> CasualtySeries:
    """The casualty figures over time as the chart draws them (see :func:`casualty_marks`)."""
    series = casualty_series(tables)
    marks, weekly = casualty_marks(series)
    return CasualtySeries(marks, weekly, len(series), int(series["source"].nunique()))


def timeline_data(
    tables: Tables,
    *,
    group_by: str = "event_type",
    max_marks: int = MAX_TIMELINE_MARKS,
    max_rows: int = MAX_TIMELINE_ROWS,
) -> TimelineData:
    """Everything the timeline page draws: at most ``max_rows`` rows (the actors with most
    events when grouped by actor) and at most ``max_marks`` marks (see :func:`timeline_marks`)."""
    tables = prepare_tables(tables)
    spans = timeline_spans(tables, group_by=group_by)
    rows = spans["group"].value_counts()
    if len(rows) > max_rows:
        spans = spans[_mask(spans["group"].isin(set(rows.index[:max_rows])))]
    marks, resolution = timeline_marks(spans, max_marks=max_marks)
    return TimelineData(
        marks=dress_spans(marks, tables),
        resolution=resolution,
        dated=int((~tables["events"]["_undated"]).sum()),
        undated=undated_event_count(tables),
        rows_shown=min(len(rows), max_rows),
        rows_total=len(rows),
        events=events_view(tables),
        casualties=casualty_chart_data(tables),
    )


def timeline_note(data: TimelineData, *, group_by: str = "event_type") -> str:
    """A caption saying what the timeline leaves out or counts together ('' when nothing)."""
    notes = []
    if data.rows_shown < data.rows_total:
        notes.append(f"Rows: the {data.rows_shown} actors with most events, of {data.rows_total:,}.")
    if data.resolution == "span":
        notes.append("Events with the same dates are drawn as one mark; hover for how many.")
    elif data.resolution in ("week", "month", "year"):
        notes.append(
            f"Too many events to draw one by one: events dated to a day are counted per {data.resolution} "
            "(a bar over that period; hover for how many), vaguer dates keep their own span. "
            "Narrow the filters or the dates to see single events."
        )
    return " ".join(notes)


def casualty_note(data: CasualtySeries) -> str:
    """A caption saying how the casualty chart condenses the figures ('' when it does not)."""
    notes = []
    if data.sources > MAX_CASUALTY_SOURCES:
        notes.append(f"Colours: the {MAX_CASUALTY_SOURCES} sources with most figures; the other "
                     f"{data.sources - MAX_CASUALTY_SOURCES:,} share one grey.")  # fmt: skip
    if data.weekly:
        notes.append(f"{data.figures:,} figures are too many to draw one by one: each mark is the largest "
                     "figure a source reported that week (hover for how many it reported).")  # fmt: skip
    return " ".join(notes)


@dataclass(frozen=True, slots=True)
class MapData:
    """The border map: one point per place."""

    points: pd.DataFrame


def border_map_data(tables: Tables, *, color_by: str = "side", max_border_km: float | None = None) -> MapData:
    """Everything the border map draws (see :func:`place_points`)."""
    return MapData(place_points(tables, color_by=color_by, max_border_km=max_border_km))


@dataclass(frozen=True, slots=True)
class ClaimsData:
    """The claims page: every matching claim (newest first), its stance counts, and the
    claims per source."""

    claims: pd.DataFrame
    denials: int
    refusals: int
    hedged: int
    by_source: pd.DataFrame


def claims_data(tables: Tables, *, search: str = "") -> ClaimsData:
    """Everything the claims page draws."""
    claims = claims_view(tables, search=search)
    stance = claims["stance"]
    return ClaimsData(
        claims=claims,
        denials=int(_mask(stance == "denies").sum()),
        refusals=int(_mask(stance == "declines_comment").sum()),
        hedged=int(_mask(claims["hedged"]).sum()),
        by_source=claims_by_source(claims),
    )


@dataclass(frozen=True, slots=True)
class CasualtiesData:
    """The casualties page: every matching figure (newest report first) and the chart's data."""

    figures: pd.DataFrame
    series: CasualtySeries


def casualties_data(tables: Tables) -> CasualtiesData:
    """Everything the casualties page draws."""
    return CasualtiesData(casualties_view(tables), casualty_chart_data(tables))


def documents_data(tables: Tables) -> pd.DataFrame:
    """Every matching document with its rows per table, newest first."""
    return documents_view(tables)
