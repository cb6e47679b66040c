"""sitrep: parse news reporting on the war in Ukraine into tidy tables of events, casualty
figures, places and claims by source."""

__version__ = "0.1.0"
