"""Cached access to the tables for the app: loading is keyed on the source's fingerprint, so
an added document shows up on the next run, and filtering and each page's data are cached per
filter set. The loaded tables (prepared once: joined and ordered for the pages), their filter
options, the filtered tables and the page data are shared resources (``st.cache_resource``: a
hit costs no copy, so they are read-only); only small per-document results are pickled. When
the store is busy (an ingest is writing) the last tables loaded stay on screen with a notice;
when it is damaged the app says so and offers to rebuild it."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from lib import data, queries
from lib.queries import FilterOptions, Filters, Tables
from lib.schema import TABLES, empty_frame
from lib.store import StoreBusy, StoreError


@dataclass(frozen=True, slots=True)
class Loaded:
    """The dataset a run shows, the key its derived caches are stored under, and whether the
    store could not be read at all (``broken``: damaged or of another version)."""

    key: str
    dataset: data.Dataset
    broken: bool = False


# The last dataset each store gave, shown while the store is busy (shared by all sessions).
_last: dict[str, tuple[Loaded, dt.datetime]] = {}
_last_lock = threading.Lock()


# Page name -> its data function in lib.queries, called with (all tables, filtered tables, **options).
PAGES: dict[str, Callable[..., object]] = {
    "overview": lambda tables, filtered: queries.overview_data(tables, filtered),
    "timeline": lambda tables, filtered, **options: queries.timeline_data(filtered, **options),
    "border_map": lambda tables, filtered, **options: queries.border_map_data(filtered, **options),
    "claims": lambda tables, filtered, **options: queries.claims_data(filtered, **options),
    "casualties": lambda tables, filtered: queries.casualties_data(filtered),
    "documents": lambda tables, filtered: queries.documents_data(filtered),
}


@st.cache_resource(show_spinner="Reading and extracting the documents…", max_entries=1)
def _dataset(fingerprint: str) -> data.Dataset:
    loaded = data.load_dataset(data.default_source())
    return replace(loaded, tables=queries.prepare_tables(loaded.tables))


def fingerprint() -> str:
    return data.source_fingerprint(data.default_source())


def _empty() -> Tables:
    return {table: empty_frame(table) for table in TABLES}


def current() -> Loaded:
    """The tables for the current files. A busy store (another process writing) gives the
    tables loaded last with a notice, or none yet; a damaged store gives no tables and the
    reason. Errors are not cached, so the next run tries the store again."""
    source = data.default_source()
    where = str(source.store_path or source.tables_dir or source.seeds_dir)
    key = fingerprint()
    try:
        loaded = Loaded(key, _dataset(key))
    except StoreBusy as exc:
        with _last_lock:
            last = _last.get(where)
        if last is None:
            notice = f"{exc}, so nothing can be shown yet. Reload the page in a moment."
            return Loaded("busy", data.Dataset(_empty(), notice=notice))
        previous, when = last
        notice = f"{exc}; showing the tables as loaded at {when:%H:%M:%S}. Reload the page in a moment for new ones."
        return replace(previous, dataset=replace(previous.dataset, notice=notice))
    except StoreError as exc:
        return Loaded("broken", data.Dataset(_empty(), notice=str(exc)), broken=True)
    with _last_lock:
        _last[where] = (loaded, dt.datetime.now())
    return loaded


def rebuild() -> str:
    """Move the damaged store aside and drop the cached tables (a button callback); says what
    was done."""
    try:
        moved = data.rebuild_store()
    except StoreError as exc:
        return str(exc)
    _dataset.clear()
    if moved is None:
        return "There was no store file; a new one is built from the seeds and added documents."
    return (
        f"The old store was moved to {moved}; a new one is built from the seeds and added documents. "
        "Documents ingested from other folders with `sitrep ingest` need ingesting again."
    )


@st.cache_resource(show_spinner=False, max_entries=2)
def _options(key: str, _tables: Tables) -> FilterOptions:
    return queries.filter_options(_tables)


def options(loaded: Loaded) -> FilterOptions:
    return _options(loaded.key, loaded.dataset.tables)


# A filtered copy can be nearly as large as the tables: keep only the last few filter sets.
@st.cache_resource(show_spinner="Filtering…", max_entries=4)
def _filtered(key: str, filters: tuple, _tables: Tables, _options: FilterOptions) -> Tables:
    return queries.apply_filters(_tables, Filters(*filters), actors=_options.actors)


def filtered(loaded: Loaded, filters: Filters) -> Tables:
    """The tables with the filters applied (shared per dataset and filter set; read-only)."""
    return _filtered(loaded.key, filters.key(), loaded.dataset.tables, options(loaded))


@st.cache_resource(show_spinner=False, max_entries=24)
def _page_data(key: str, filters: tuple, page: str, options: tuple, _tables: Tables, _filtered: Tables) -> object:
    return PAGES[page](_tables, _filtered, **dict(options))


def page_data(page: str, key: str, filters: Filters, tables: Tables, filtered: Tables, **options: object) -> object:
    """What ``page`` draws (``queries.<page>_data``) for the dataset ``key`` and the filters,
    from the tables and the filtered tables; shared per page, filters and options, read-only."""
    return _page_data(key, filters.key(), page, tuple(sorted(options.items())), tables, filtered)


@st.cache_data(show_spinner="Reading the document…", max_entries=16)
def _document(key: str, doc_id: str, published: dt.date | None, _tables: Tables) -> tuple[str, pd.DataFrame]:
    text = data.load_document_text(_tables, doc_id)
    return text, data.load_mentions(text, published=published)


def document(key: str, tables: Tables, doc_id: str, published: dt.date | None) -> tuple[str, pd.DataFrame]:
    """A document's text and its actor and date mentions."""
    return _document(key, doc_id, published, tables)
