"""The command line: extract to CSVs, ingest into the store, export from it; exit codes and messages."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lib import __version__
from lib.cli import main
from lib.schema import COLUMNS, TABLES

GOOD = "Russian forces shelled Kharkiv on Monday, killing at least 3 civilians, the regional governor said."
OTHER = "Belarus began military drills near Brest on Tuesday, the Belarusian defence ministry said."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good one.txt").write_text(GOOD, encoding="utf-8")
    (folder / "good one.meta.json").write_text('{"title": "Kharkiv", "published": "2023-03-08"}')
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# -- extract ---------------------------------------------------------------------------------------


def test_extract_one_good_and_one_bad_file(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = folder / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, "extract", folder, "--out", out_dir)
    assert code == 1
    assert f"failed: {bad}: is a PNG image, not text" in err
    assert "1 file(s) failed" in err
    assert "1 documents extracted into 6 tables" in out
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    for table in TABLES:
        frame = pd.read_csv(out_dir / f"{table}.csv")
        assert list(frame.columns) == list(COLUMNS[table])
    documents = pd.read_csv(out_dir / "documents.csv")
    assert documents["path"].tolist() == [str(folder / "good one.txt")]
    assert documents["title"].tolist() == ["Kharkiv"]
    assert documents["published"].tolist() == ["2023-03-08"]
    sentences = pd.read_csv(out_dir / "sentences.csv")
    assert sentences["text"].tolist() == [GOOD]


def test_extract_all_good(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "same text, another name.txt").write_text(GOOD, encoding="utf-8")
    (folder / "other.md").write_text(f"# Drills\n\n{OTHER}", encoding="utf-8")
    code, out, err = run(capsys, "extract", folder, "--out", tmp_path / "out")
    assert code == 0
    assert "2 documents extracted" in out  # the same text under two names is one document
    assert "failed" not in err
    assert len(pd.read_csv(tmp_path / "out" / "documents.csv")) == 2


def test_extract_reports_sidecar_warnings(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "good one.meta.json").write_text("{broken")
    code, _out, err = run(capsys, "extract", folder / "good one.txt", "--out", tmp_path / "out")
    assert code == 0
    assert "warning:" in err and "good one.meta.json is not valid JSON" in err


def test_extract_a_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "extract", tmp_path / "nowhere", "--out", tmp_path / "out")
    assert code == 1
    assert f"failed: {tmp_path / 'nowhere'}: no such file or folder" in err
    assert "0 documents extracted into 6 tables" in out
    assert len(list((tmp_path / "out").iterdir())) == 6


def test_extract_to_a_folder_that_cannot_be_written(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("in the way")
    code, _out, err = run(capsys, "extract", folder, "--out", blocker / "out")
    assert code == 2
    assert err.strip().splitlines()[-1].startswith(f"error: cannot write to {blocker / 'out'}")


# -- ingest and export -----------------------------------------------------------------------------


def test_ingest_then_export(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store.duckdb"
    code, out, err = run(capsys, "ingest", folder, "--store", store)
    assert code == 0, err
    assert "read 1, extracted 1" in out
    assert f"store {store}: 1 documents, 1 sentences" in out

    code, out, _err = run(capsys, "ingest", folder, "--store", store)
    assert code == 0
    assert "skipped 1 unchanged" in out

    code, out, _err = run(capsys, "export", "--store", store, "--out", tmp_path / "parquet")
    assert code == 0
    assert out.strip() == f"wrote 6 files to {tmp_path / 'parquet'}"
    assert pd.read_parquet(tmp_path / "parquet" / "documents.parquet")["title"].tolist() == ["Kharkiv"]

    code, out, _err = run(capsys, "export", "--store", store, "--out", tmp_path / "csv", "--format", "csv")
    assert code == 0
    assert pd.read_csv(tmp_path / "csv" / "sentences.csv")["text"].tolist() == [GOOD]


def test_ingest_with_a_failure(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "scan.txt").write_bytes(b"%PDF-1.5")
    code, out, err = run(capsys, "ingest", folder, "--store", tmp_path / "s.duckdb")
    assert code == 1
    assert "failed: " in err and "scan.txt: is a PDF file, not text" in err
    assert "extracted 1" in out and "1 documents" in out


def test_ingest_into_a_damaged_store(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "damaged.duckdb"
    store.write_bytes(b"not a database" * 100)
    code, _out, err = run(capsys, "ingest", folder, "--store", store)
    assert code == 2
    assert err.startswith(f"error: the store {store} cannot be opened")
    assert "rebuild" in err


def test_export_without_a_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "export", "--store", tmp_path / "none.duckdb", "--out", tmp_path / "out")
    assert code == 2
    assert "no store at" in err
    assert not (tmp_path / "none.duckdb").exists()


def test_bench_without_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "bench", tmp_path, "--workers", "1")
    assert code == 2
    assert "no readable documents" in err


# -- the parser ------------------------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"sitrep {__version__}"


@pytest.mark.parametrize(
    "argv",
    [[], ["unknown"], ["extract", "x.txt"], ["extract", "--out", "o"], ["ingest", "x", "--engine", "spark"]],
)
def test_bad_usage_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "usage: sitrep" in capsys.readouterr().err
