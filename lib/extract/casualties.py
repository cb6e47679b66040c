"""Placeholder until the casualties extractor lands."""

from lib.mentions import Parsed


def extract_casualties(parsed: Parsed) -> list:
    return []
