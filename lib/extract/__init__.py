"""Extractors: pure functions from a parsed document to mentions or table rows."""
