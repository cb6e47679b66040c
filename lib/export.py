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


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV bytes, formulas neutralised, dates in ISO form."""
    return neutralize_formulas(frame).to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8")


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old file or the whole new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_tables(tables: Mapping[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """Write one ``<table>.csv`` per table into ``out_dir``; each file lands whole or not at all.
    All CSVs are rendered before the first is written, so a failure leaves no new file."""
    rendered = {name: to_csv_bytes(frame) for name, frame in tables.items()}
    written = []
    for name, data in rendered.items():
        path = out_dir / f"{name}.csv"
        write_atomic(path, data)
        written.append(path)
    return written
