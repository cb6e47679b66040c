"""The shared filters as URL query parameters and back, so a copied link reopens the same
view: ``?actor=OHCHR&side=Russia&from=2023-03-01&etype=Battles``. Pure functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from lib.queries import Filters

# query parameter -> Filters field (tuple fields; dates are handled apart)
PARAMS = {
    "actor": "actors",
    "side": "sides",
    "source": "sources",
    "stype": "source_types",
    "etype": "event_types",
    "place": "places",
    "country": "countries",
    "doc": "documents",
}
DATE_PARAMS = {"from": "date_from", "to": "date_to"}


def _parse_date(values: Sequence[str]) -> dt.date | None:
    for value in reversed(values):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            continue
    return None


def filters_from_params(params: Mapping[str, Sequence[str] | str]) -> Filters:
    """Filters from query parameters (each a list of values, or one string); unknown
    parameters and unreadable dates are ignored."""

    def values(key: str) -> list[str]:
        raw = params.get(key, [])
        items = [raw] if isinstance(raw, str) else list(raw)
        return [v for v in dict.fromkeys(v.strip() for v in items) if v]

    fields = {field: tuple(values(param)) for param, field in PARAMS.items()}
    dates = {field: _parse_date(values(param)) for param, field in DATE_PARAMS.items()}
    return Filters(**fields, **dates)


def params_from_filters(filters: Filters) -> dict[str, list[str]]:
    """Query parameters for filters; filters that do not restrict anything are left out."""
    params: dict[str, list[str]] = {}
    for param, field in DATE_PARAMS.items():
        value = getattr(filters, field)
        if value:
            params[param] = [value.isoformat()]
    for param, field in PARAMS.items():
        value = getattr(filters, field)
        if value:
            params[param] = list(value)
    return params
