"""Placeholder until the dates extractor lands."""

from lib.mentions import Parsed


def find_dates(parsed: Parsed) -> list:
    return []
