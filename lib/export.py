"""Write tables to disk safely: whole files or nothing, and CSV cells that cannot run as
spreadsheet formulas."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot be read as formulas by a spreadsheet: a cell starting with
    ``= + - @``, tab or carriage return gets a leading apostrophe (OWASP's advice)."""
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if pd.api.types.is_string_dtype(column) or column.dtype == object:
            mask = column.astype("str").str.startswith(_FORMULA_STARTS) & column.notna()
            if mask.any():
                out[name] = column.where(~mask, "'" + column.astype("str"))
    return out


def _carriage_returns_to_newlines(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells with ``\\r`` turned into ``\\n``: the CSV writer quotes a cell with a line feed
    but writes a bare carriage return as is, which splits the row for every reader."""
    out = frame
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_string_dtype(column) or column.dtype == object:
            mask = column.astype("str").str.contains("\r", regex=False) & column.notna()
            if mask.any():
                out = out.copy() if out is frame else out
                fixed = column[mask].astype("str").str.replace("\r\n?", "\n", regex=True)
                out[name] = column.where(~mask, fixed)
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV bytes, formulas neutralised, dates in ISO form, one row a record."""
    safe = _carriage_returns_to_newlines(neutralize_formulas(frame))
    return safe.to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8")


def _write_temp(path: Path, data: bytes) -> Path:
    """Write ``data`` to a hidden temporary file beside ``path``, flushed to disk; nothing is left
    behind if that fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old file or the whole new one, never a part."""
    tmp = _write_temp(path, data)
    try:
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_tables(tables: Mapping[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """Write one ``<table>.csv`` per table into ``out_dir``; each file lands whole or not at all.
    Every CSV is rendered and written to a temporary file before the first is moved into place,
    so a failure (a bad value, a full disk) leaves the old files as they were and no temporary
    file behind."""
    rendered = {out_dir / f"{name}.csv": to_csv_bytes(frame) for name, frame in tables.items()}
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in rendered.items():
            staged.append((_write_temp(path, data), path))
        for tmp, path in staged:
            tmp.replace(path)
    except BaseException:
        for tmp, _path in staged:
            tmp.unlink(missing_ok=True)
        raise
    return [path for _tmp, path in staged]
