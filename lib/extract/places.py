"""Placeholder until the places extractor lands."""

from lib.mentions import Parsed


def find_places(parsed: Parsed) -> list:
    return []


def location_rows(parsed: Parsed) -> list[dict]:
    return []
