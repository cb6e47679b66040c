"""Filter and shape the six tables for the dashboard: the shared filters, the options they
offer, and the views each page shows. Pure pandas over the table contract; no streamlit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, replace
from functools import cache

import pandas as pd

from lib.schema import SIDES, STANCES, TABLES

Tables = dict[str, pd.DataFrame]

SENTENCE_TABLES = ("events", "casualties", "locations", "claims")
UNKNOWN_SIDE = "other"
UNATTRIBUTED = "(unattributed)"
SIDE_ORDER = {side: i for i, side in enumerate(SIDES)}
PRECISION_LABELS = {
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "range": "range",
    "unknown": "unknown",
}
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


# --- actors and their sides -------------------------------------------------------------


@cache
def _lexicon_lookup() -> Callable[[str], object] | None:
    try:
        from lib.lexicon import actor_info
    except ImportError:  # the lexicon is optional: without it sides come from the claims table
        return None
    return actor_info


def lexicon_side(name: str) -> tuple[str | None, str | None]:
    """(side, actor type) of a canonical actor from the actor lexicon, or (None, None)."""
    lookup = _lexicon_lookup()
    if lookup is None or not name:
        return None, None
    try:
        info = lookup(name)
    except (KeyError, LookupError, ValueError):
        return None, None
    if info is None:
        return None, None
    if isinstance(info, Mapping):
        return info.get("side"), info.get("type") or info.get("actor_type")
    return getattr(info, "side", None), getattr(info, "actor_type", None) or getattr(info, "type", None)


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


def actor_table(tables: Tables) -> pd.DataFrame:
    """Every canonical actor the tables name (event actors, perpetrators, sources) with its
    side, type and number of rows, sorted by side then frequency."""
    claims = tables["claims"]
    events = tables["events"]
    casualties = tables["casualties"]
    names = pd.concat(
        [
            claims["source"],
            events["actor1"],
            events["actor2"],
            casualties["perpetrator"],
            casualties["source"],
        ],
        ignore_index=True,
    ).dropna()
    names = names[names.str.strip() != ""]
    if names.empty:
        return pd.DataFrame({"actor": [], "side": [], "actor_type": [], "rows": []}).astype(
            {"actor": "str", "side": "str", "actor_type": "str", "rows": "int64"}
        )
    counts = names.value_counts()
    known = (
        claims.dropna(subset=["source"])
        .groupby("source")[["source_side", "source_type"]]
        .agg(lambda s: s.dropna().mode().iloc[0] if s.notna().any() else None)
    )
    rows = []
    for name, n in counts.items():
        side, actor_type = lexicon_side(str(name))
        if name in known.index:
            side = side or known.at[name, "source_side"]
            actor_type = actor_type or known.at[name, "source_type"]
        side = side or guess_side(str(name))
        rows.append({"actor": name, "side": side or UNKNOWN_SIDE, "actor_type": actor_type or "", "rows": int(n)})
    frame = pd.DataFrame(rows)
    frame["_order"] = frame["side"].map(SIDE_ORDER).fillna(len(SIDE_ORDER))
    return frame.sort_values(["_order", "rows", "actor"], ascending=[True, False, True]).drop(columns="_order")


def actors_of(actor_frame: pd.DataFrame, *, actors: Iterable[str] = (), sides: Iterable[str] = ()) -> set[str]:
    """The actor names a selection of actors and whole sides stands for."""
    chosen = set(actors)
    sides = set(sides)
    if sides:
        chosen |= set(actor_frame.loc[actor_frame["side"].isin(sides), "actor"])
    return chosen


# --- the filters ------------------------------------------------------------------------


def _any_in(frame: pd.DataFrame, columns: Iterable[str], values: set) -> pd.Series:
    mask = pd.Series(False, index=frame.index)
    for column in columns:
        mask |= frame[column].isin(values)
    return mask


def _sentence_masks(tables: Tables, direct: dict[str, pd.Series], *, spread_to_direct: bool) -> dict[str, pd.Series]:
    """Masks for every sentence table from the rows a filter matches directly: a row is kept
    when it matches, or when it shares a sentence with a matching row (``spread_to_direct``
    decides whether tables that carry the field get that second chance too)."""
    hit_sentences: set[str] = set()
    for table, mask in direct.items():
        hit_sentences.update(tables[table].loc[mask, "sentence_id"])
    masks = {}
    for table in SENTENCE_TABLES:
        in_sentence = tables[table]["sentence_id"].isin(hit_sentences)
        if table in direct:
            masks[table] = direct[table] | in_sentence if spread_to_direct else direct[table]
        else:
            masks[table] = in_sentence
    return masks


def _doc_mask(tables: Tables, masks: dict[str, pd.Series]) -> pd.Series:
    doc_ids: set[str] = set()
    for table in SENTENCE_TABLES:
        doc_ids.update(tables[table].loc[masks[table], "doc_id"])
    return tables["documents"]["doc_id"].isin(doc_ids)


def _published_by_doc(tables: Tables) -> pd.Series:
    documents = tables["documents"]
    return pd.Series(documents["published"].to_numpy(), index=documents["doc_id"].to_numpy())


def _date_masks(tables: Tables, start: dt.date | None, end: dt.date | None) -> dict[str, pd.Series]:
    """Events by when they happened (their span overlaps the range; undated events by their
    document's publication date); every other table by its document's publication date."""
    lo = pd.Timestamp(start) if start else pd.Timestamp.min
    hi = pd.Timestamp(end) if end else pd.Timestamp.max
    published = _published_by_doc(tables)
    masks: dict[str, pd.Series] = {}
    for table in SENTENCE_TABLES:
        frame = tables[table]
        pub = frame["doc_id"].map(published)
        masks[table] = pub.between(lo, hi).fillna(False).astype(bool)
    events = tables["events"]
    ev_start = events["date_start"].fillna(events["date_end"])
    ev_end = events["date_end"].fillna(events["date_start"])
    dated = ev_start.notna()
    overlaps = (ev_start <= hi) & (ev_end >= lo)
    masks["events"] = (dated & overlaps.fillna(False)) | (~dated & masks["events"])
    masks["documents"] = tables["documents"]["published"].between(lo, hi).fillna(False).astype(bool)
    return masks


def filter_masks(tables: Tables, filters: Filters) -> dict[str, pd.Series]:
    """One boolean mask per table (sentences excepted) for the rows the filters keep."""
    dimensions: list[dict[str, pd.Series]] = []
    events, casualties, locations, claims = (tables[t] for t in SENTENCE_TABLES)

    def add(direct: dict[str, pd.Series], *, spread: bool) -> None:
        masks = _sentence_masks(tables, direct, spread_to_direct=spread)
        masks["documents"] = _doc_mask(tables, masks)
        dimensions.append(masks)

    if filters.actors or filters.sides:
        chosen = actors_of(actor_table(tables), actors=filters.actors, sides=filters.sides)
        add(
            {
                "events": _any_in(events, ("actor1", "actor2"), chosen),
                "claims": claims["source"].isin(chosen),
                "casualties": _any_in(casualties, ("source", "perpetrator"), chosen),
            },
            spread=True,
        )
    if filters.sources:
        chosen = set(filters.sources)
        unattributed = UNATTRIBUTED in chosen
        add(
            {
                "claims": claims["source"].isin(chosen),
                "casualties": casualties["source"].isin(chosen) | (unattributed & casualties["source"].isna()),
            },
            spread=False,
        )
    if filters.source_types:
        chosen = set(filters.source_types)
        actors = actor_table(tables)
        typed = set(actors.loc[actors["actor_type"].isin(chosen), "actor"])
        add(
            {"claims": claims["source_type"].isin(chosen), "casualties": casualties["source"].isin(typed)},
            spread=False,
        )
    if filters.event_types:
        add({"events": events["event_type"].isin(set(filters.event_types))}, spread=False)
    if filters.places or filters.countries:
        names, codes = set(filters.places), set(filters.countries)
        add(
            {
                "locations": locations["name"].isin(names) | locations["country_code"].isin(codes),
                "events": events["location"].isin(names) | events["country_code"].isin(codes),
                "casualties": casualties["location"].isin(names),
            },
            spread=True,
        )
    if filters.documents:
        chosen = set(filters.documents)
        masks = {t: tables[t]["doc_id"].isin(chosen) for t in SENTENCE_TABLES}
        masks["documents"] = tables["documents"]["doc_id"].isin(chosen)
        dimensions.append(masks)
    if filters.date_from or filters.date_to:
        dimensions.append(_date_masks(tables, filters.date_from, filters.date_to))

    result = {t: pd.Series(True, index=tables[t].index) for t in (*SENTENCE_TABLES, "documents")}
    for masks in dimensions:
        for table, mask in masks.items():
            result[table] &= mask
    return result


def apply_filters(tables: Tables, filters: Filters) -> Tables:
    """The tables with only the rows the filters keep; ``sentences`` stays whole (pages look
    sentences up by id)."""
    if not filters.active:
        return dict(tables)
    masks = filter_masks(tables, filters)
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
    countries = locations[(locations["kind"] == "country") & locations["country_code"].notna()]
    return dict(zip(countries["country_code"], countries["name"], strict=True))


def filter_options(tables: Tables) -> FilterOptions:
    """Every value the sidebar filters can offer for these tables."""
    documents = tables["documents"].sort_values("published", ascending=False, na_position="last")
    locations = tables["locations"]
    places = locations[locations["role"] == "place"].dropna(subset=["name"])
    place_codes = places.groupby("name")["country_code"].first().fillna("")
    codes = set(locations["country_code"].dropna()) | set(tables["events"]["country_code"].dropna())
    names = country_names(tables)
    sources = _counts(pd.concat([tables["claims"]["source"], tables["casualties"]["source"]]))
    if tables["casualties"]["source"].isna().any():
        sources[UNATTRIBUTED] = int(tables["casualties"]["source"].isna().sum())
    starts = pd.concat(
        [tables["events"]["date_start"], tables["events"]["date_end"], tables["documents"]["published"]]
    ).dropna()
    return FilterOptions(
        actors=actor_table(tables),
        sources=sources,
        source_types=_counts(tables["claims"]["source_type"]),
        event_types=_counts(tables["events"]["event_type"]),
        places={str(k): str(v) for k, v in sorted(place_codes.items())},
        countries={code: names.get(code, code) for code in sorted(codes)},
        documents={row.doc_id: (row.title or row.path or row.doc_id) for row in documents.itertuples(index=False)},
        date_min=starts.min().date() if not starts.empty else None,
        date_max=starts.max().date() if not starts.empty else None,
    )


# --- labels -----------------------------------------------------------------------------


def date_label(start: object, end: object, precision: object) -> str:
    """A date as an analyst would write it at its precision: ``2023-03-09``, ``March 2023``,
    ``2023``, ``week of 2023-03-06``, ``2023-03-01 – 2023-03-15``; empty when unknown."""
    start = pd.Timestamp(start) if start is not None and not pd.isna(start) else None
    end = pd.Timestamp(end) if end is not None and not pd.isna(end) else None
    if start is None and end is None:
        return ""
    start = start or end
    end = end or start
    if precision == "day" or start == end:
        return f"{start:%Y-%m-%d}"
    if precision == "month":
        return (
            f"{start:%B %Y}" if (start.year, start.month) == (end.year, end.month) else f"{start:%B %Y} – {end:%B %Y}"
        )
    if precision == "year":
        return f"{start:%Y}" if start.year == end.year else f"{start:%Y} – {end:%Y}"
    if precision == "week":
        return f"week of {start:%Y-%m-%d}"
    return f"{start:%Y-%m-%d} – {end:%Y-%m-%d}"


def figure_label(low: object, high: object, qualifier: object) -> str:
    """A casualty figure as text: ``at least 3``, ``3–5``, ``about 100``."""
    if low is None or pd.isna(low):
        return ""
    text = f"{int(low):,}"
    if high is not None and not pd.isna(high) and int(high) != int(low):
        text = f"{text}–{int(high):,}"
    return f"{QUALIFIER_WORDS.get(str(qualifier), '')}{text}"


def _titles(tables: Tables) -> pd.Series:
    documents = tables["documents"]
    titles = documents["title"].fillna("").where(documents["title"].fillna("") != "", documents["doc_id"])
    return pd.Series(titles.to_numpy(), index=documents["doc_id"].to_numpy())


def _sentence_text(tables: Tables) -> pd.Series:
    sentences = tables["sentences"]
    return pd.Series(sentences["text"].to_numpy(), index=sentences["sentence_id"].to_numpy())


def _with_context(frame: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    """Add the sentence text, document title and publication date to rows of a sentence table."""
    out = frame.copy()
    out["sentence"] = out["sentence_id"].map(_sentence_text(tables))
    out["document"] = out["doc_id"].map(_titles(tables))
    out["published"] = out["doc_id"].map(_published_by_doc(tables))
    return out


# --- page views -------------------------------------------------------------------------


def overview_counts(tables: Tables) -> dict[str, int]:
    """The headline numbers: documents, events, casualty figures, claims, sources, places."""
    sources = pd.concat([tables["claims"]["source"], tables["casualties"]["source"]]).dropna()
    places = tables["locations"]
    places = places[(places["role"] == "place") & places["latitude"].notna()]
    return {
        "documents": len(tables["documents"]),
        "events": len(tables["events"]),
        "casualty figures": len(tables["casualties"]),
        "claims": len(tables["claims"]),
        "sources": int(sources.nunique()),
        "places": int(places["name"].nunique()),
    }


def events_view(tables: Tables) -> pd.DataFrame:
    """Events with a readable date, the sentence and the document: dated events newest first,
    then undated ones by publication date."""
    events = _with_context(tables["events"], tables)
    events["date"] = [
        date_label(s, e, p)
        for s, e, p in zip(events["date_start"], events["date_end"], events["date_precision"], strict=True)
    ]
    events["sort_date"] = events["date_start"].fillna(events["date_end"])
    events["_dated"] = events["sort_date"].notna()
    ordered = events.sort_values(
        ["_dated", "sort_date", "published", "event_id"], ascending=[False, False, False, True], na_position="last"
    )
    return ordered.drop(columns="_dated").reset_index(drop=True)


def latest_events(tables: Tables, *, limit: int = 8) -> pd.DataFrame:
    """The most recent events (by when they happened) for the overview."""
    columns = ["date", "event_type", "sub_event_type", "actor1", "actor2", "location", "summary", "document"]
    return events_view(tables).head(limit)[columns]


def newest_documents(tables: Tables, *, limit: int = 8) -> pd.DataFrame:
    """The most recently published documents with how much was found in each."""
    documents = tables["documents"].copy()
    for table in ("events", "casualties", "claims", "locations"):
        documents[table] = documents["doc_id"].map(tables[table]["doc_id"].value_counts()).fillna(0).astype(int)
    documents = documents.sort_values("published", ascending=False, na_position="last")
    columns = ["title", "outlet", "published", "events", "casualties", "claims", "locations", "doc_id"]
    return documents.head(limit)[columns].reset_index(drop=True)


def documents_view(tables: Tables) -> pd.DataFrame:
    """Every document with its counts of rows per table, newest first."""
    return newest_documents(tables, limit=len(tables["documents"]))


def timeline_frame(tables: Tables, *, group_by: str = "event_type") -> pd.DataFrame:
    """Dated events ready to draw: one row per event (per actor when grouped by actor), with
    ``span_start``/``span_end`` covering the whole day, week, month, year or range the date
    stands for (end exclusive), ``is_point`` for day-precise dates, and hover text."""
    events = events_view(tables)
    events = events[events["date_start"].notna() | events["date_end"].notna()].copy()
    start = events["date_start"].fillna(events["date_end"])
    end = events["date_end"].fillna(events["date_start"])
    events["span_start"] = start
    events["span_end"] = end + pd.Timedelta(days=1)
    events["is_point"] = (events["date_precision"] == "day") | (start == end)
    if group_by == "actor":
        both = pd.concat([events.assign(group=events["actor1"]), events.assign(group=events["actor2"])])
        events = both[both["group"].notna() & (both["group"] != "")]
    elif group_by == "event_type":
        events["group"] = events["event_type"]
    else:
        raise ValueError(f"group_by must be 'event_type' or 'actor', not {group_by!r}")
    return events.sort_values(["span_start", "event_id"]).reset_index(drop=True)


def undated_event_count(tables: Tables) -> int:
    """Events whose date could not be resolved (they cannot sit on a calendar)."""
    events = tables["events"]
    return int((events["date_start"].isna() & events["date_end"].isna()).sum())


def casualties_view(tables: Tables) -> pd.DataFrame:
    """Casualty figures with a readable figure, source (or "(unattributed)"), the sentence
    and document, newest report first."""
    casualties = _with_context(tables["casualties"], tables)
    casualties["figure"] = [
        figure_label(lo, hi, q)
        for lo, hi, q in zip(casualties["count_low"], casualties["count_high"], casualties["qualifier"], strict=True)
    ]
    casualties["source"] = casualties["source"].fillna(UNATTRIBUTED)
    casualties["count_top"] = casualties["count_high"].fillna(casualties["count_low"])
    return casualties.sort_values(
        ["published", "casualty_id"], ascending=[False, True], na_position="last"
    ).reset_index(drop=True)


def casualty_series(tables: Tables) -> pd.DataFrame:
    """Casualty figures placed in time for the chart: reported on their document's
    publication date, with their low and high counts; undated reports are left out."""
    view = casualties_view(tables)
    return view[view["published"].notna()].sort_values(["published", "source"]).reset_index(drop=True)


def claims_view(tables: Tables, *, search: str = "") -> pd.DataFrame:
    """Claims with their date (the document's publication date), document and sentence;
    ``search`` keeps rows whose claim, source, cue or sentence contains it (any case)."""
    claims = _with_context(tables["claims"], tables)
    claims["date"] = claims["published"]
    query = search.strip().lower()
    if query:
        haystack = (
            claims[["claim", "source", "source_mention", "cue", "via", "sentence"]]
            .fillna("")
            .astype(str)
            .agg(" ".join, axis=1)
            .str.lower()
        )
        claims = claims[haystack.str.contains(query, regex=False)]
    return claims.sort_values(["date", "claim_id"], ascending=[False, True], na_position="last").reset_index(drop=True)


def claims_by_source(claims: pd.DataFrame) -> pd.DataFrame:
    """Per source: how many claims, split by stance, and how many hedged; most active first."""
    columns = ["source", "source_side", "source_type", "claims", *STANCES, "hedged"]
    if claims.empty:
        return pd.DataFrame(columns=columns)
    counts = pd.crosstab(claims["source"], claims["stance"]).reindex(columns=list(STANCES), fill_value=0)
    counts["claims"] = counts.sum(axis=1)
    counts["hedged"] = claims.groupby("source")["hedged"].sum().astype(int)
    meta = claims.groupby("source")[["source_side", "source_type"]].first()
    out = counts.join(meta).reset_index()
    return out.sort_values(["claims", "source"], ascending=[False, True])[columns].reset_index(drop=True)


def sentence_context(tables: Tables, sentence_id: str, *, window: int = 2) -> list[tuple[str, bool]]:
    """The sentence and up to ``window`` sentences either side in its document, as
    ``(text, is_the_sentence)`` pairs in reading order."""
    sentences = tables["sentences"]
    row = sentences[sentences["sentence_id"] == sentence_id]
    if row.empty:
        return []
    doc_id = row["doc_id"].iloc[0]
    doc_sentences = sentences[sentences["doc_id"] == doc_id].sort_values("start").reset_index(drop=True)
    position = int(doc_sentences.index[doc_sentences["sentence_id"] == sentence_id][0])
    part = doc_sentences.iloc[max(0, position - window) : position + window + 1]
    return [(text, sid == sentence_id) for text, sid in zip(part["text"], part["sentence_id"], strict=True)]


# --- the map ----------------------------------------------------------------------------


def _first_mode(values: pd.Series) -> str | None:
    values = values.dropna()
    values = values[values != ""]
    return None if values.empty else str(values.value_counts().index[0])


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
    or the most frequent event type) and the first sentences for the tooltip."""
    if color_by not in ("side", "event_type"):
        raise ValueError(f"color_by must be 'side' or 'event_type', not {color_by!r}")
    locations = tables["locations"]
    places = locations[(locations["role"] == "place") & locations["latitude"].notna() & locations["longitude"].notna()]
    if max_border_km is not None:
        places = places[places["border_distance_km"].le(max_border_km).fillna(False)]
    columns = [
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
    if places.empty:
        return pd.DataFrame(columns=columns)
    sentence_text = _sentence_text(tables)
    claims, events, casualties = tables["claims"], tables["events"], tables["casualties"]
    actors = actor_table(tables)
    actor_side = dict(zip(actors["actor"], actors["side"], strict=True))
    sides_by_sentence = pd.concat(
        [
            claims[["sentence_id", "source_side"]].rename(columns={"source_side": "category"}),
            events[["sentence_id", "actor1"]]
            .assign(category=lambda f: f["actor1"].map(actor_side))
            .drop(columns="actor1"),
        ]
    )
    types_by_sentence = events[["sentence_id", "event_type"]].rename(columns={"event_type": "category"})
    categories = sides_by_sentence if color_by == "side" else types_by_sentence
    killed = casualties.groupby("sentence_id")["count_low"].sum()
    rows = []
    for (name, code), group in places.groupby(["name", places["country_code"].fillna("")], sort=True):
        sentence_ids = list(dict.fromkeys(group["sentence_id"]))
        category = _first_mode(categories.loc[categories["sentence_id"].isin(sentence_ids), "category"])
        if category is None and color_by == "side":
            category = COUNTRY_SIDES.get(code)
        shown = [str(sentence_text.get(s, "")) for s in sentence_ids[:sentences_per_place]]
        kind = _first_mode(group["kind"]) or ""
        rows.append(
            {
                "name": name,
                "kind": kind,
                "country_code": code,
                "latitude": float(group["latitude"].median()),
                "longitude": float(group["longitude"].median()),
                "border_distance_km": group["border_distance_km"].min(),
                "mentions": len(group),
                "documents": group["doc_id"].nunique(),
                "casualties": int(killed.reindex(sentence_ids).fillna(0).sum()),
                "category": category or "",
                "precision": PLACE_PRECISION.get(kind, kind),
                "sentences": shown,
            }
        )
    return pd.DataFrame(rows, columns=columns).sort_values("mentions", ascending=False).reset_index(drop=True)


def border_distance_max(tables: Tables) -> float:
    """The farthest a located place lies from the Belarus–Ukraine border (0 when none do)."""
    distances = tables["locations"]["border_distance_km"].dropna()
    return float(distances.max()) if not distances.empty else 0.0


def empty_tables() -> Tables:
    """The six tables with no rows."""
    from lib.schema import empty_frame

    return {table: empty_frame(table) for table in TABLES}
