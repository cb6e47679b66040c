"""Writing tables: CSV cells that cannot run as formulas, and files that land whole or not at all."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd
import pytest

from lib import export
from lib.export import neutralize_formulas, to_csv_bytes, write_atomic, write_tables
from lib.schema import to_frame


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://example.org","click")', '\'=HYPERLINK("http://example.org","click")'),
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@x", "'@x"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tleading tab", "'\tleading tab"),
        ("\rleading return", "'\rleading return"),
        # cells that are not formulas stay as they are
        ("Kyiv", "Kyiv"),
        ("at least 6,700", "at least 6,700"),
        ("1+1=2", "1+1=2"),
        ("e-mail", "e-mail"),
        (" =1", " =1"),
        ("", ""),
        ("'already quoted", "'already quoted"),
    ],
)
def test_neutralize_formulas(cell: str, expected: str) -> None:
    frame = pd.DataFrame({"text": pd.Series([cell], dtype="str")})
    assert neutralize_formulas(frame)["text"].tolist() == [expected]


def test_neutralize_formulas_leaves_numbers_missing_values_and_the_input_alone() -> None:
    frame = pd.DataFrame(
        {
            "text": pd.Series(["-5 dead", None, "ok"], dtype="str"),
            "count": pd.Series([-5, None, 3], dtype="Int64"),
            "lat": [-12.5, 0.0, 1.0],
            "flag": pd.Series([True, None, False], dtype="boolean"),
        }
    )
    out = neutralize_formulas(frame)
    assert out["text"].tolist()[0] == "'-5 dead"
    assert pd.isna(out["text"].iloc[1])
    assert out["count"].tolist()[0] == -5
    assert out["lat"].tolist() == [-12.5, 0.0, 1.0]
    assert out["flag"].dtype == "boolean"
    assert frame["text"].iloc[0] == "-5 dead"  # the caller's frame is untouched


def test_object_columns_are_neutralised_too() -> None:
    frame = pd.DataFrame({"mixed": ["=cmd", 7, None, "@home"]}, dtype=object)
    assert neutralize_formulas(frame)["mixed"].tolist() == ["'=cmd", 7, None, "'@home"]


def test_to_csv_bytes_round_trips_through_a_csv_reader() -> None:
    frame = to_frame(
        "claims",
        [
            {
                "claim_id": "clm-1",
                "doc_id": "d",
                "sentence_id": "d-s0000",
                "source": "=cmd|' /C calc'!A0",
                "source_mention": "+x",
                "cue": "said",
                "stance": "asserts",
                "hedged": True,
                "claim": 'a "quoted", multi\nline\r\nclaim',
            }
        ],
    )
    data = to_csv_bytes(frame)
    back = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    assert list(back.columns) == list(frame.columns)
    assert len(back) == 1
    row = back.iloc[0]
    assert row["source"] == "'=cmd|' /C calc'!A0"
    assert row["source_mention"] == "'+x"
    assert row["claim"] == 'a "quoted", multi\nline\nclaim'
    assert row["hedged"] == "True"
    assert row["via"] == ""


def test_a_carriage_return_in_a_cell_does_not_split_the_row() -> None:
    frame = pd.DataFrame({"a": pd.Series(["\rled", "mid\rcell", "x"], dtype="str"), "b": [1, 2, 3]})
    back = pd.read_csv(io.BytesIO(to_csv_bytes(frame)), dtype=str)
    assert back["b"].tolist() == ["1", "2", "3"]
    assert back["a"].tolist() == ["'\nled", "mid\ncell", "x"]


def test_dates_are_written_in_iso_form() -> None:
    frame = to_frame("documents", [{"doc_id": "x", "published": "2022-12-07", "n_sentences": 1, "n_words": 2}])
    assert to_csv_bytes(frame).decode().splitlines()[1] == "x,,,,,2022-12-07,1,2"


def _tables(text: str) -> dict[str, pd.DataFrame]:
    return {
        "documents": to_frame("documents", [{"doc_id": "x", "title": text, "n_sentences": 1, "n_words": 1}]),
        "sentences": to_frame(
            "sentences", [{"doc_id": "x", "sentence_id": "x-s0000", "start": 0, "end": 1, "text": text}]
        ),
    }


def test_write_tables_writes_one_csv_per_table(tmp_path: Path) -> None:
    out = tmp_path / "new" / "folder"
    written = write_tables(_tables("first"), out)
    assert written == [out / "documents.csv", out / "sentences.csv"]
    assert sorted(p.name for p in out.iterdir()) == ["documents.csv", "sentences.csv"]
    assert pd.read_csv(out / "sentences.csv")["text"].tolist() == ["first"]


def test_write_tables_replaces_old_files(tmp_path: Path) -> None:
    write_tables(_tables("first"), tmp_path)
    write_tables(_tables("second"), tmp_path)
    assert pd.read_csv(tmp_path / "documents.csv")["title"].tolist() == ["second"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents.csv", "sentences.csv"]


@pytest.mark.parametrize("failing_call", [1, 2])
def test_failed_write_keeps_the_old_files_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing_call: int
) -> None:
    write_tables(_tables("old"), tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    calls = 0
    real_fsync = os.fsync

    def flaky_fsync(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == failing_call:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(export.os, "fsync", flaky_fsync)
    with pytest.raises(OSError, match="No space left"):
        write_tables(_tables("new"), tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_failed_rename_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "documents.csv"
    target.write_bytes(b"old")

    def failing_replace(self: Path, other: Path) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "replace", failing_replace)
    with pytest.raises(PermissionError):
        write_atomic(target, b"new")
    with pytest.raises(PermissionError):
        write_tables(_tables("new"), tmp_path)
    monkeypatch.undo()
    assert [p.name for p in tmp_path.iterdir()] == ["documents.csv"]
    assert target.read_bytes() == b"old"


def test_a_value_that_cannot_be_rendered_writes_nothing(tmp_path: Path) -> None:
    class Unprintable:
        def __str__(self) -> str:
            raise ValueError("cannot render")

    tables = _tables("ok")
    tables["events"] = pd.DataFrame({"x": [Unprintable()]})
    with pytest.raises(ValueError, match="cannot render"):
        write_tables(tables, tmp_path)
    assert list(tmp_path.iterdir()) == []
