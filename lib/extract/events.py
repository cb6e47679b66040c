"""Placeholder until the events extractor lands."""

from lib.mentions import Parsed


def extract_events(parsed: Parsed) -> list:
    return []
