"""The dashboard's colours: one colour per side and per event type, shared by every chart and
the map, chosen from colour-blind-safe palettes (Okabe–Ito for sides, Paul Tol's "bright" for
event types), plus the light and dark surface colours the charts and map draw on."""

from __future__ import annotations

from dataclasses import dataclass

from lib.schema import EVENT_TYPES, SIDES, STANCES

UNKNOWN_COLOR = "#8C8C8C"

# Okabe & Ito (2008), "Color Universal Design": distinguishable under the common colour
# vision deficiencies. Ukraine blue and Russia vermillion never depend on red/green contrast.
SIDE_COLORS: dict[str, str] = {
    "Russia": "#D55E00",
    "Ukraine": "#0072B2",
    "Belarus": "#E69F00",
    "Western": "#56B4E9",
    "international": "#009E73",
    "other": "#CC79A7",
}
# Paul Tol's "bright" qualitative scheme, one colour per ACLED event type.
EVENT_TYPE_COLORS: dict[str, str] = {
    "Battles": "#EE6677",
    "Explosions/Remote violence": "#AA3377",
    "Violence against civilians": "#CCBB44",
    "Protests": "#228833",
    "Riots": "#66CCEE",
    "Strategic developments": "#4477AA",
}
STANCE_COLORS: dict[str, str] = {"asserts": "#0072B2", "denies": "#D55E00", "declines_comment": "#8C8C8C"}
STANCE_LABELS: dict[str, str] = {"asserts": "asserts", "denies": "denies", "declines_comment": "declines to comment"}
# The Belarus–Ukraine border on the map: no side or event-type colour, so it never reads as
# one; near-black on the light map, Okabe–Ito yellow on the dark one.
BORDER_COLORS = {"light": "#111111", "dark": "#F0E442"}

assert set(SIDE_COLORS) == set(SIDES)
assert set(EVENT_TYPE_COLORS) == set(EVENT_TYPES)
assert set(STANCE_COLORS) == set(STANCES)

PALETTES: dict[str, dict[str, str]] = {"side": SIDE_COLORS, "event_type": EVENT_TYPE_COLORS, "stance": STANCE_COLORS}


@dataclass(frozen=True, slots=True)
class Surface:
    """The colours a chart or map is drawn on for one theme."""

    name: str
    background: str
    text: str
    muted: str
    grid: str
    land: str
    land_focus: str
    land_line: str


SURFACES: dict[str, Surface] = {
    "light": Surface("light", "#FFFFFF", "#1F2430", "#5C6370", "#E3E6EB", "#EEF0F3", "#DCE3EC", "#A9B1BD"),
    "dark": Surface("dark", "#0E1117", "#E6E8EC", "#A0A6B1", "#2A2F3A", "#1B2130", "#25304A", "#4A5366"),
}


def surface(theme: str | None) -> Surface:
    """The surface for a theme name (``light`` or ``dark``); anything else is light."""
    return SURFACES.get(theme or "light", SURFACES["light"])


def color_for(category: str | None, *, palette: str) -> str:
    """The hex colour of a side, event type or stance; grey for anything the palette lacks."""
    return PALETTES[palette].get(category or "", UNKNOWN_COLOR)


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """``#RRGGBB`` -> ``(r, g, b)``."""
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def border_color(theme: str | None) -> str:
    """The colour of the Belarus–Ukraine border line for a theme."""
    return BORDER_COLORS.get(theme or "light", BORDER_COLORS["light"])
