"""The app's frame: the shared sidebar filters (kept in session state so they hold across
pages, mirrored in the URL so a link reproduces the view, with a reset), and the view object
pages read: all tables, the filtered tables, the filters and the theme."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from lib.queries import FilterOptions, Filters, Tables, clamp_filters
from lib.ui import loading
from lib.ui.escape import markdown_text
from lib.ui.urlstate import filters_from_params, params_from_filters

READY = "_sr_filters_ready"
VIEW = "_sr_view"
EXTENT = "_sr_extent"
KEYS = {
    "dates": "f_dates",
    "actors": "f_actors",
    "sources": "f_sources",
    "source_types": "f_source_types",
    "event_types": "f_event_types",
    "places": "f_places",
    "documents": "f_documents",
}
SIDE_PREFIX, PLACE_PREFIX, COUNTRY_PREFIX = "side:", "place:", "country:"
MAX_OFFERED = 250  # values a long sidebar list shows at once (any other can be typed)
SIDE_LABELS = {
    "Russia": "Russia",
    "Ukraine": "Ukraine",
    "Belarus": "Belarus",
    "Western": "Western",
    "international": "international",
    "other": "other / unknown",
}


@dataclass(frozen=True, slots=True)
class View:
    """What a page draws from: every table, the filtered tables, the filters, the theme."""

    tables: Tables
    filtered: Tables
    filters: Filters
    options: FilterOptions
    theme: str
    problems: tuple[str, ...]
    key: str = ""  # what the tables' caches are keyed on
    notice: str = ""  # why the tables may not be current, or are missing
    broken: bool = False  # the store cannot be read: offer to rebuild it

    def data(self, page: str, **options: object) -> object:
        """What ``page`` draws for this view (``lib.queries.<page>_data``), cached per filter
        set and options; shared between sessions, so read-only."""
        return loading.page_data(page, self.key, self.filters, self.tables, self.filtered, **options)


def theme_name() -> str:
    """``dark`` when the viewer uses the dark theme, else ``light``."""
    try:
        kind = st.context.theme.type
    except AttributeError:
        kind = None
    return "dark" if kind == "dark" else "light"


def _widget_state_from_filters(filters: Filters, options: FilterOptions) -> dict[str, object]:
    lo, hi = options.date_min, options.date_max
    dates = (filters.date_from or lo, filters.date_to or hi) if lo and hi else ()
    return {
        KEYS["dates"]: dates,
        KEYS["actors"]: [SIDE_PREFIX + s for s in filters.sides] + list(filters.actors),
        KEYS["sources"]: list(filters.sources),
        KEYS["source_types"]: list(filters.source_types),
        KEYS["event_types"]: list(filters.event_types),
        KEYS["places"]: [COUNTRY_PREFIX + c for c in filters.countries] + [PLACE_PREFIX + p for p in filters.places],
        KEYS["documents"]: list(filters.documents),
    }


def _filters_from_widgets(options: FilterOptions) -> Filters:
    state = st.session_state
    dates = state.get(KEYS["dates"]) or ()
    date_from = date_to = None
    if isinstance(dates, (tuple, list)) and len(dates) == 2:
        date_from, date_to = dates
        if options.date_min and date_from and date_from <= options.date_min:
            date_from = None
        if options.date_max and date_to and date_to >= options.date_max:
            date_to = None
    actors = state.get(KEYS["actors"], [])
    places = state.get(KEYS["places"], [])
    return Filters(
        date_from=date_from,
        date_to=date_to,
        actors=tuple(a for a in actors if not a.startswith(SIDE_PREFIX)),
        sides=tuple(a.removeprefix(SIDE_PREFIX) for a in actors if a.startswith(SIDE_PREFIX)),
        sources=tuple(state.get(KEYS["sources"], [])),
        source_types=tuple(state.get(KEYS["source_types"], [])),
        event_types=tuple(state.get(KEYS["event_types"], [])),
        places=tuple(p.removeprefix(PLACE_PREFIX) for p in places if p.startswith(PLACE_PREFIX)),
        countries=tuple(p.removeprefix(COUNTRY_PREFIX) for p in places if p.startswith(COUNTRY_PREFIX)),
        documents=tuple(state.get(KEYS["documents"], [])),
    )


def _url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def reset_filters() -> None:
    """Clear every filter and the URL (a button callback)."""
    view = st.session_state.get(VIEW)
    options = view.options if isinstance(view, View) else loading.options(loading.current())
    for key, value in _widget_state_from_filters(Filters(), options).items():
        st.session_state[key] = value
    st.query_params.clear()


def _sync_extent(options: FilterOptions) -> None:
    """When the data's date extent changes (a document was added), a date filter that
    covered everything keeps covering everything."""
    extent = (options.date_min, options.date_max)
    previous = st.session_state.get(EXTENT)
    st.session_state[EXTENT] = extent
    if previous and previous != extent and tuple(st.session_state.get(KEYS["dates"], ())) == previous:
        st.session_state[KEYS["dates"]] = extent if all(extent) else ()


@st.cache_resource(show_spinner=False, max_entries=2)
def _actor_label(key: str, _options: FilterOptions):
    """How the actor filter labels its values (built once per dataset ``key``). A value the
    data does not hold (being typed) shows as typed."""
    options = _options
    sides = dict(zip(options.actors["actor"], options.actors["side"], strict=True))
    types = dict(zip(options.actors["actor"], options.actors["actor_type"], strict=True))
    counts = options.actors.groupby("side")["actor"].count().to_dict()

    def label(value: str) -> str:
        if value.startswith(SIDE_PREFIX) and value.removeprefix(SIDE_PREFIX) in counts:
            side = value.removeprefix(SIDE_PREFIX)
            return f"▸ {SIDE_LABELS.get(side, side)} side: all {counts.get(side, 0)} actors"
        if value not in sides:
            return value
        side = SIDE_LABELS.get(sides.get(value, ""), "other")
        kind = str(types.get(value) or "").replace("_", " ")
        if side == value:  # a state: "Russia (state)" rather than "Russia (Russia)"
            return f"{value} ({kind or 'state'})"
        return f"{value} ({side}{', ' + kind if kind else ''})"

    return label


def draw_sidebar() -> View:
    """Draw the filters in the sidebar, keep them in session state and the URL, and return
    the view the current page draws from."""
    loaded = loading.current()
    dataset = loaded.dataset
    options = loading.options(loaded)
    state = st.session_state
    if READY not in state:  # a new session: the URL says which view to open
        wanted = clamp_filters(filters_from_params(_url_params()), options)
        state.update(_widget_state_from_filters(wanted, options))
        state[EXTENT] = (options.date_min, options.date_max)
        state[READY] = True
    _sync_extent(options)

    sidebar = st.sidebar
    sidebar.markdown("### Filters")
    if options.date_min and options.date_max:
        sidebar.date_input(
            "Date range",
            min_value=options.date_min,
            max_value=options.date_max,
            key=KEYS["dates"],
            help="Events by when they happened; claims, figures and documents by publication date.",
        )
    lists = _sidebar_lists(loaded.key, options)
    for name, key in (("actors", "actors"), ("sources", "sources"), ("places", "places"), ("documents", "documents")):
        _resolve_typed(KEYS[key], lists[name].known)
    offered = {name: lists[name].offered(state.get(KEYS[name]) or []) for name in lists}
    typed_help = f" Lists the {MAX_OFFERED} most frequent; type any other name and press Enter to add it."
    sidebar.multiselect(
        "Actor",
        offered["actors"],
        key=KEYS["actors"],
        format_func=_actor_label(loaded.key, options),
        placeholder="Any actor (pick one, or a whole side)",
        help="Canonical actors grouped by side. Keeps events they took part in, claims they made, "
        "figures they reported or caused, and the places and documents around them." + typed_help,
        accept_new_options=True,
    )
    sidebar.multiselect(
        "Source",
        offered["sources"],
        key=KEYS["sources"],
        format_func=lambda s: f"{s} ({options.sources[s]:,})" if s in options.sources else s,
        placeholder="Any source",
        help="Who said it: the source of a claim or a casualty figure." + typed_help,
        accept_new_options=True,
    )
    _keep_known(KEYS["source_types"], list(options.source_types))
    sidebar.multiselect(
        "Source type",
        list(options.source_types),
        key=KEYS["source_types"],
        format_func=lambda s: s.replace("_", " "),
        placeholder="Any type of source",
    )
    _keep_known(KEYS["event_types"], list(options.event_types))
    sidebar.multiselect("Event type", list(options.event_types), key=KEYS["event_types"], placeholder="Any event type")
    sidebar.multiselect(
        "Place / country",
        offered["places"],
        key=KEYS["places"],
        format_func=lambda v: (
            f"{options.countries[v.removeprefix(COUNTRY_PREFIX)]} (country)"
            if v.startswith(COUNTRY_PREFIX) and v.removeprefix(COUNTRY_PREFIX) in options.countries
            else f"{v.removeprefix(PLACE_PREFIX)} ({options.places[v.removeprefix(PLACE_PREFIX)]})"
            if v.startswith(PLACE_PREFIX) and v.removeprefix(PLACE_PREFIX) in options.places
            else v  # being typed
        ),
        placeholder="Anywhere",
        help="Countries, then the places mentioned most." + typed_help,
        accept_new_options=True,
    )
    sidebar.multiselect(
        "Document",
        offered["documents"],
        key=KEYS["documents"],
        format_func=lambda d: options.documents.get(d, d),
        placeholder="All documents",
        help=f"Lists the {MAX_OFFERED} newest; type any other title and press Enter to add it.",
        accept_new_options=True,
    )
    filters = _filters_from_widgets(options)
    sidebar.button("Reset filters", on_click=reset_filters, width="stretch", disabled=not filters.active)

    wanted = params_from_filters(filters)
    if _url_params() != wanted:
        st.query_params.from_dict(wanted)

    filtered = loading.filtered(loaded, filters)
    view = View(
        dataset.tables,
        filtered,
        filters,
        options,
        theme_name(),
        tuple(dataset.problems),
        key=loaded.key,
        notice=dataset.notice,
        broken=loaded.broken,
    )
    state[VIEW] = view
    return view


@dataclass(frozen=True, slots=True)
class SidebarList:
    """A sidebar filter over many values: the values it lists up front (most frequent or
    newest first, at most ``MAX_OFFERED``) and every value it accepts when typed, by its
    lower-cased name or label."""

    ranked: tuple[str, ...]
    known: dict[str, str]

    def offered(self, selected: list[str]) -> list[str]:
        """The listed values, plus the selected ones beyond them (a widget must offer its value)."""
        listed = set(self.ranked)
        return [*self.ranked, *(v for v in selected if v not in listed)]


def _top(values: list[str], counts: Mapping[str, int], limit: int) -> list[str]:
    """The ``limit`` values with the highest counts, in their given order."""
    chosen = set(sorted(values, key=lambda v: -counts.get(v, 0))[:limit])
    return [v for v in values if v in chosen]


def sidebar_lists(options: FilterOptions, *, limit: int = MAX_OFFERED) -> dict[str, SidebarList]:
    """What the actor, source, place and document filters list, and the values each accepts."""
    actors = list(options.actors["actor"])
    sides = [SIDE_PREFIX + s for s in SIDE_LABELS if s in set(options.actors["side"])]
    rows = dict(zip(options.actors["actor"], options.actors["rows"], strict=True))
    countries = [COUNTRY_PREFIX + c for c in options.countries]
    places = sorted(_top(list(options.places), options.place_mentions, limit))
    documents = list(options.documents)
    return {
        "actors": SidebarList(
            tuple(sides + _top(actors, rows, limit)),
            {**{a.lower(): a for a in actors}, **{v.lower(): v for v in sides}},
        ),
        "sources": SidebarList(
            tuple(_top(list(options.sources), options.sources, limit)), {s.lower(): s for s in options.sources}
        ),
        "places": SidebarList(
            tuple(countries + [PLACE_PREFIX + p for p in places]),
            {
                **{p.lower(): PLACE_PREFIX + p for p in options.places},
                **{(PLACE_PREFIX + p).lower(): PLACE_PREFIX + p for p in options.places},
                **{n.lower(): COUNTRY_PREFIX + c for c, n in options.countries.items()},
                **{v.lower(): v for v in countries},
            },
        ),
        "documents": SidebarList(
            tuple(documents[:limit]),
            {**{str(t).lower(): d for d, t in options.documents.items()}, **{d.lower(): d for d in documents}},
        ),
    }


@st.cache_resource(show_spinner=False, max_entries=2)
def _sidebar_lists(key: str, _options: FilterOptions) -> dict[str, SidebarList]:
    return sidebar_lists(_options, limit=MAX_OFFERED)


def _resolve_typed(key: str, known: Mapping[str, str]) -> None:
    """Selected values as the filter knows them: a typed name becomes its value (any case),
    values the data does not hold (typed wrongly, or gone with a document) are dropped."""
    current = st.session_state.get(key)
    if current:
        resolved = list(dict.fromkeys(known[v.lower()] for v in current if isinstance(v, str) and v.lower() in known))
        if resolved != list(current):
            st.session_state[key] = resolved


def _keep_known(key: str, allowed: list[str]) -> None:
    """Drop selected values a widget no longer offers (the data changed under it)."""
    current = st.session_state.get(key)
    if current:
        kept = [v for v in current if v in set(allowed)]
        if kept != list(current):
            st.session_state[key] = kept


def current_view() -> View:
    """The view the frame prepared for this run. A page that finds itself run without app.py
    (a server whose first request was a deep link starts in Streamlit's old pages-folder
    mode, which runs page files alone) switches the server to ``st.navigation`` and reruns,
    so app.py draws the frame and runs the page."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
    view = st.session_state.get(VIEW)
    return view if isinstance(view, View) else draw_sidebar()


def describe_filters(view: View) -> str:
    """A one-line summary of the active filters for a page's caption (values escaped for Markdown)."""
    f = view.filters
    if not f.active:
        return "No filters: everything extracted is shown."
    parts = []
    if f.date_from or f.date_to:
        parts.append(f"dates {markdown_text(f.date_from or '…')} – {markdown_text(f.date_to or '…')}")
    named = [
        ("side", f.sides),
        ("actor", f.actors),
        ("source", f.sources),
        ("source type", f.source_types),
        ("event type", f.event_types),
        ("place", f.places),
        ("country", tuple(view.options.countries.get(c, c) for c in f.countries)),
        ("document", tuple(view.options.documents.get(d, d) for d in f.documents)),
    ]
    parts += [f"{name}: {', '.join(markdown_text(v) for v in values)}" for name, values in named if values]
    return "Filtered by " + "; ".join(parts) + "."
