"""JSON Lines feeds: one article a line, gzip or not; a bad line is reported and the rest go on."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from lib.feeds import is_feed, iter_feed

ARTICLES = [
    {"text": "Drones crossed into Gomel region on Monday.", "url": "https://example.org/1", "published": "2022-12-07"},
    {"text": "Belarus held drills near Brest.", "title": "Drills", "outlet": "Wire"},
]


def write_feed(path: Path, lines: list[object | str], *, bom: bool = False) -> Path:
    text = "".join((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n" for line in lines)
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("news.jsonl", True),
        ("news.jsonl.gz", True),
        ("NEWS.JSONL.GZ", True),
        ("news.ndjson", True),
        ("news.ndjson.gz", True),
        ("news.json", False),
        ("news.txt", False),
        ("news.gz", False),
        ("jsonl.txt", False),
    ],
)
def test_is_feed(name: str, expected: bool) -> None:
    assert is_feed(Path(name)) is expected


@pytest.mark.parametrize("name", ["feed.jsonl", "feed.jsonl.gz"])
def test_feed_articles_become_documents(tmp_path: Path, name: str) -> None:
    path = write_feed(tmp_path / name, ARTICLES)
    results = list(iter_feed(path))
    assert [key for key, _ in results] == ["url:https://example.org/1", f"{path}:2"]
    first, second = (result.document for _, result in results)
    assert first.text == ARTICLES[0]["text"]
    assert first.published == dt.date(2022, 12, 7)
    assert first.url == "https://example.org/1"
    assert first.path == f"{path}:1"
    assert (second.title, second.outlet, second.published) == ("Drills", "Wire", None)


def test_feed_keys_are_the_same_on_a_second_read(tmp_path: Path) -> None:
    path = write_feed(tmp_path / "feed.jsonl.gz", ARTICLES)
    assert [k for k, _ in iter_feed(path)] == [k for k, _ in iter_feed(path)]


def test_feed_with_a_byte_order_mark(tmp_path: Path) -> None:
    for name in ("bom.jsonl", "bom.jsonl.gz"):
        results = list(iter_feed(write_feed(tmp_path / name, ARTICLES, bom=True)))
        assert [r.ok for _, r in results] == [True, True]


def test_bad_lines_are_reported_and_the_others_read(tmp_path: Path) -> None:
    lines = [
        ARTICLES[0],
        "{not json",
        "",
        "   ",
        ["a", "list"],
        {"title": "no text"},
        {"text": 42},
        {"text": "   \u200b "},
        {"text": "Kyiv said so.", "published": "last Tuesday", "title": 7},
        ARTICLES[1],
    ]
    path = write_feed(tmp_path / "mixed.jsonl", lines)
    results = list(iter_feed(path))
    outcome = [(result.path.rsplit(":", 1)[1], result.ok) for _, result in results]
    assert outcome == [
        ("1", True),
        ("2", False),
        ("5", False),
        ("6", False),
        ("7", False),
        ("8", False),
        ("9", True),
        ("10", True),
    ]
    errors = [result.error for _, result in results if not result.ok]
    assert "not a JSON object" in errors[0]
    assert "a JSON list, not an object" in errors[1]
    assert "no 'text' string" in errors[2]
    assert "no 'text' string" in errors[3]
    assert "has no text" in errors[4]
    for error in errors:
        assert error.startswith(f"{path}:")
        assert "\n" not in error
    warned = results[6][1]
    assert warned.document.published is None
    assert len(warned.warnings) == 2
    assert all(w.startswith(f"{path}:9: ") for w in warned.warnings)


def test_undecodable_bytes_are_replaced_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "bytes.jsonl"
    path.write_bytes(b'{"text": "Gomel \xff\xfe region"}\n')
    ((_, result),) = iter_feed(path)
    assert result.document.text == "Gomel \ufffd\ufffd region"


def test_truncated_gzip_keeps_the_lines_before_the_damage(tmp_path: Path) -> None:
    lines = [{"text": f"Report {i}: drones over Gomel. " + "More words. " * 40} for i in range(200)]
    data = gzip.compress(("\n".join(json.dumps(line) for line in lines) + "\n").encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    results = list(iter_feed(path))
    good = [r for _, r in results if r.ok]
    assert 0 < len(good) < 200
    assert [r.document.text.split(":")[0] for r in good] == [f"Report {i}" for i in range(len(good))]
    assert not results[-1][1].ok
    assert "the feed is damaged here" in results[-1][1].error
    assert "the lines before it were read" in results[-1][1].error


@pytest.mark.parametrize(("name", "content"), [("fake.jsonl.gz", b"this is not gzip"), ("empty.jsonl.gz", b"")])
def test_file_that_is_not_gzip(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    results = list(iter_feed(path))
    assert all(not r.ok for _, r in results)
    assert len(results) <= 1


def test_missing_feed(tmp_path: Path) -> None:
    ((_key, result),) = iter_feed(tmp_path / "gone.jsonl")
    assert not result.ok
    assert "cannot be read" in result.error
    assert "gone.jsonl" in result.error
