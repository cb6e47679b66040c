"""Placeholder until the claims extractor lands."""

from lib.mentions import Parsed


def extract_claims(parsed: Parsed) -> list:
    return []
