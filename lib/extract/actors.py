"""Placeholder until the actors extractor lands."""

from lib.mentions import Parsed


def find_actors(parsed: Parsed) -> list:
    return []
