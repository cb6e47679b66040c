"""Cached access to the tables for the app: loading is keyed on the source's fingerprint, so
an added document shows up on the next run, and filtering is cached per filter set."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from lib import data, queries
from lib.queries import FilterOptions, Filters, Tables


@st.cache_data(show_spinner="Reading and extracting the documents…", max_entries=2)
def _dataset(fingerprint: str) -> data.Dataset:
    return data.load_dataset(data.default_source())


def fingerprint() -> str:
    return data.source_fingerprint(data.default_source())


def dataset() -> data.Dataset:
    """The tables and load problems for the current files."""
    return _dataset(fingerprint())


@st.cache_data(show_spinner=False, max_entries=4)
def _options(fingerprint: str) -> FilterOptions:
    return queries.filter_options(_dataset(fingerprint).tables)


def options() -> FilterOptions:
    return _options(fingerprint())


@st.cache_data(show_spinner=False, max_entries=64)
def _filtered(fingerprint: str, key: tuple) -> Tables:
    return queries.apply_filters(_dataset(fingerprint).tables, Filters(*key))


def filtered(filters: Filters) -> Tables:
    """The tables with the filters applied (cached per fingerprint and filter set)."""
    return _filtered(fingerprint(), filters.key())


@st.cache_data(show_spinner="Reading the document…", max_entries=16)
def _document(fingerprint: str, doc_id: str, published: dt.date | None) -> tuple[str, pd.DataFrame]:
    tables = _dataset(fingerprint).tables
    text = data.load_document_text(tables, doc_id)
    return text, data.load_mentions(text, published=published)


def document(doc_id: str, published: dt.date | None) -> tuple[str, pd.DataFrame]:
    """A document's text and its actor and date mentions."""
    return _document(fingerprint(), doc_id, published)
