"""Faults: an ingest killed with SIGKILL (the store stays whole and the next run completes it,
with the same rows as a clean run), a dashboard reading while another process writes, and
store files that are damaged or of a newer version (a clear message, and a rebuild that keeps
the old file)."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib import data
from lib.cli import main
from lib.ingestion import run_ingest
from lib.schema import TABLES
from lib.store import SCHEMA_VERSION, Store, StoreBusy, StoreError
from tests.trust.reports import all_rows, inconsistencies, report, write_feed
from tests.ui.conftest import APP

ROOT = Path(__file__).resolve().parents[2]
BATCH = 25  # documents per transaction in the kill test
HOLD = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(float(sys.argv[2]))"
REBUILD_BUTTON = "Move the store aside and rebuild it from the seeds and added documents"


def run_cli(*argv: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def stored_count(path: Path) -> int | None:
    """Documents committed to the store so far; None while a writer holds it (or before it exists)."""
    try:
        with Store(path, read_only=True) as store:
            return store.counts()["documents"]
    except StoreError:
        return None


def wait_until(
    condition: Callable[[], bool], process: subprocess.Popen, *, timeout: float = 120, every: float = 0.03
) -> None:
    """Poll ``condition`` (each poll opens the store for a moment, which makes the writer wait)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            raise AssertionError(f"the ingest ended (code {process.returncode}) before the moment to kill it came")
        if time.monotonic() > deadline:
            raise AssertionError("the ingest made no progress in time")
        time.sleep(every)


def start_ingest(feed: Path, store: Path, *, batch: int = BATCH) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "lib", "ingest", str(feed), "--store", str(store), "--batch-size", str(batch)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@contextlib.contextmanager
def held(path: Path, seconds: float = 60) -> Iterator[subprocess.Popen]:
    """Another process holding the store open for writing (as an ingest does while it writes)."""
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(path), str(seconds)], stdout=subprocess.PIPE)
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == b"held"
        yield process
    finally:
        process.kill()
        process.wait()


# -- SIGKILL during an ingest ----------------------------------------------------------------------


def test_a_killed_ingest_leaves_a_whole_store_and_the_next_run_completes_it(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 300)
    with Store(tmp_path / "clean.duckdb") as clean:
        summary = run_ingest([feed], clean)  # one transaction: batching must not change the rows
        assert summary.failures == [] and summary.extracted == 300
        expected = all_rows(clean)

    path = tmp_path / "killed.duckdb"
    committed = []
    # First kill: as soon as a batch is committed. Second: while the writer holds the store,
    # that is while it writes a batch (or opens or closes the file around one).
    for moment in ("after the first batch", "during a write"):
        process = start_ingest(feed, path)
        before = committed[-1] if committed else 0
        wait_until(lambda b=before: (stored_count(path) or 0) >= b + BATCH, process)
        if moment == "during a write":
            wait_until(lambda: path.exists() and stored_count(path) is None, process, every=0.01)
        process.send_signal(signal.SIGKILL)
        process.wait()
        with Store(path) as store:
            assert inconsistencies(store) == [], moment
            counts = store.counts()
            sources = store.sources()
        assert counts["documents"] == len(sources)
        assert counts["documents"] % BATCH == 0, "a batch was kept in part"
        assert counts["documents"] > before
        committed.append(counts["documents"])
    assert committed[-1] < 300, "the run finished before it could be killed"
    print(f"\ndocuments in the store after each SIGKILL: {committed} of 300")

    code, out, err = run_cli("ingest", feed, "--store", path, "--batch-size", BATCH)
    assert code == 0, err
    assert f"extracted {300 - committed[-1]} " in out and f"skipped {committed[-1]} unchanged" in out
    with Store(path) as store:
        assert inconsistencies(store) == []
        got = all_rows(store)
    assert set(got) == set(expected)
    for table in expected:
        pd.testing.assert_frame_equal(got[table], expected[table], obj=table)


def descendants(pid: int) -> set[int]:
    """The processes below ``pid`` (its forkserver and the workers that server forked)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_a_killed_ingest_leaves_no_worker_process_behind(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 2000, seed=2)
    path = tmp_path / "s.duckdb"
    process = subprocess.Popen(
        [sys.executable, "-m", "lib", "ingest", str(feed), "--store", str(path), "--workers", "2",
         "--batch-size", str(BATCH)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until(lambda: (stored_count(path) or 0) >= BATCH, process, every=0.1)
        workers = descendants(process.pid)
        assert len(workers) >= 2  # the forkserver and at least one worker
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    deadline = time.monotonic() + 15
    while (left := {pid for pid in workers if Path(f"/proc/{pid}").exists()}) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not left, f"processes left running after the ingest was killed: {sorted(left)}"
    with Store(path) as store:
        assert inconsistencies(store) == []


# -- the dashboard while another process writes ----------------------------------------------------


@pytest.fixture
def store_source(tmp_path: Path) -> data.Source:
    """A store holding three generated reports; no seeds or added documents of its own."""
    feed = write_feed(tmp_path / "feed.jsonl", 3, seed=7)
    with Store(tmp_path / "sitrep.duckdb") as store:
        run_ingest([feed], store)
    return data.Source(
        seeds_dir=tmp_path / "seeds", documents_dir=tmp_path / "added", store_path=tmp_path / "sitrep.duckdb"
    )


def test_a_load_waits_while_a_batch_is_written(store_source: data.Source) -> None:
    with held(store_source.store_path, seconds=1.0):
        started = time.monotonic()
        dataset = data.load_dataset(store_source)
    assert len(dataset.tables["documents"]) == 3 and dataset.notice == ""
    assert time.monotonic() - started < data.LOAD_WAIT_SECONDS + 2


def test_a_load_gives_up_with_a_clear_reason_when_the_store_stays_busy(store_source: data.Source) -> None:
    with held(store_source.store_path), pytest.raises(StoreBusy, match=r"is busy: another sitrep process"):
        started = time.monotonic()
        data.load_dataset(store_source)
    assert time.monotonic() - started < data.LOAD_WAIT_SECONDS + 3


def test_a_load_shows_what_the_store_holds_while_another_process_writes(store_source: data.Source) -> None:
    """New seeds wait when another process writes, but the tables are shown (a read-only
    process does not block the read)."""
    store_source.seeds_dir.mkdir()
    (store_source.seeds_dir / "new.txt").write_text(report(99, seed=7)["text"], encoding="utf-8")
    reader = subprocess.Popen(
        [sys.executable, "-c", HOLD.replace("sys.argv[1])", "sys.argv[1], read_only=True)"), str(store_source.store_path),
         "60"], stdout=subprocess.PIPE)  # fmt: skip
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == b"held"
        dataset = data.load_dataset(store_source)
    finally:
        reader.kill()
        reader.wait()
    assert len(dataset.tables["documents"]) == 3
    assert "busy" in dataset.notice and "ingested on the next load" in dataset.notice
    assert len(data.load_dataset(store_source).tables["documents"]) == 4  # the next load ingests it


def test_the_dashboard_reads_between_the_batches_of_a_running_ingest(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 200, seed=3)
    source = data.Source(seeds_dir=tmp_path / "seeds", documents_dir=tmp_path / "added", store_path=tmp_path / "s.db")
    process = start_ingest(feed, source.store_path, batch=20)
    loads, busy, seen = 0, 0, [0]
    try:
        wait_until(lambda: stored_count(source.store_path) is not None, process)
        while process.poll() is None:
            try:
                dataset = data.load_dataset(source)
            except StoreBusy:
                busy += 1
                continue
            finally:
                time.sleep(0.2)  # an analyst clicking, not a loop starving the writer
            tables = dataset.tables
            documents = set(tables["documents"]["doc_id"])
            assert set(tables["sentences"]["doc_id"]) <= documents  # only whole batches are seen
            assert set(tables["events"]["sentence_id"]) <= set(tables["sentences"]["sentence_id"])
            assert len(documents) >= seen[-1]
            seen.append(len(documents))
            loads += 1
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 0
    assert loads >= 1 and any(0 < n < 200 for n in seen), (loads, busy, seen)
    assert len(data.load_dataset(source).tables["documents"]) == 200


@pytest.fixture
def store_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, navigation_app) -> Path:
    """The app over a store (with one seed), not over CSV tables."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "seed.txt").write_text(report(1, seed=11)["text"], encoding="utf-8")
    monkeypatch.delenv(data.ENV_TABLES, raising=False)
    monkeypatch.setenv(data.ENV_SEEDS, str(seeds))
    monkeypatch.setenv(data.ENV_DOCUMENTS, str(tmp_path / "added"))
    monkeypatch.setenv(data.ENV_STORE, str(tmp_path / "sitrep.duckdb"))
    return tmp_path


def documents_metric(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Documents")


def test_the_app_keeps_its_tables_with_a_notice_while_the_store_is_busy(store_app: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    assert not at.exception and documents_metric(at) == "1"
    with held(store_app / "sitrep.duckdb"):
        added = store_app / "added"
        added.mkdir()
        (added / "new.txt").write_text(report(2, seed=11)["text"], encoding="utf-8")  # the files changed
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert documents_metric(at) == "1"  # the last tables loaded
        warnings = [w.value.replace("\\", "") for w in at.warning]
        assert any("is busy" in w and "showing the tables as loaded at" in w for w in warnings), warnings
    at.run()
    assert not at.exception and not at.warning
    assert documents_metric(at) == "2"


def test_the_app_says_so_when_the_store_is_busy_from_the_start(store_app: Path) -> None:
    with Store(store_app / "sitrep.duckdb"):
        pass
    with held(store_app / "sitrep.duckdb"):
        at = AppTest.from_file(str(APP), default_timeout=90)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert any("nothing can be shown yet" in w.value.replace("\\", "") for w in at.warning)


# -- damaged and newer stores ----------------------------------------------------------------------


def damage(path: Path, how: str) -> None:
    """Damage a working store file: replace it with garbage, truncate it, overwrite its data
    blocks, or mark it as written by a newer sitrep."""
    if how == "garbage":
        path.write_bytes(os.urandom(300_000))
    elif how == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif how == "empty file":
        path.write_bytes(b"")
    elif how == "corrupt blocks":
        raw = bytearray(path.read_bytes())
        raw[12_288:] = os.urandom(len(raw) - 12_288)
        path.write_bytes(bytes(raw))
    elif how == "newer version":
        with Store(path) as store:
            store.con.execute(
                "UPDATE sitrep_meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)]
            )
    else:
        raise ValueError(how)


DAMAGES = ["garbage", "truncated", "corrupt blocks", "newer version"]


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A feed of five reports and a store built from it."""
    feed = write_feed(tmp_path / "feed.jsonl", 5, seed=5)
    store = tmp_path / "sitrep.duckdb"
    assert run_cli("ingest", feed, "--store", store)[0] == 0
    return feed, store


@pytest.mark.parametrize("how", DAMAGES)
def test_the_cli_names_a_bad_store_and_the_command_that_rebuilds_it(how: str, built: tuple[Path, Path]) -> None:
    feed, store = built
    damage(store, how)
    for argv in (["ingest", feed, "--store", store], ["export", "--store", store, "--out", store.parent / "out"]):
        code, _out, err = run_cli(*argv)
        assert code == 2
        message = err.strip()
        assert len(message.splitlines()) == 1 and message.startswith("error: ")
        assert str(store) in message
        assert f"sitrep ingest --rebuild --store {store}" in message
        if how == "newer version":
            assert "written by a newer sitrep" in message
    assert not (store.parent / "out").exists()


@pytest.mark.parametrize("how", [*DAMAGES, "empty file"])
def test_rebuild_moves_the_bad_store_aside_and_builds_a_new_one(how: str, built: tuple[Path, Path]) -> None:
    feed, store = built
    damage(store, how)
    bad_bytes = store.read_bytes()
    code, out, err = run_cli("ingest", "--rebuild", feed, "--store", store)
    assert code == 0, err
    kept = [p for p in store.parent.iterdir() if p.name.startswith("sitrep.duckdb.") and p.name.endswith(".bad")]
    assert len(kept) == 1 and kept[0].read_bytes() == bad_bytes  # never deleted
    assert f"moved the old store to {kept[0]}" in err
    assert "extracted 5" in out
    with Store(store, read_only=True) as rebuilt:
        assert rebuilt.counts()["documents"] == 5 and inconsistencies(rebuilt) == []


def test_rebuild_refuses_while_another_process_uses_the_store(built: tuple[Path, Path]) -> None:
    feed, store = built
    with held(store):
        code, _out, err = run_cli("ingest", "--rebuild", feed, "--store", store)
    assert code == 2 and "in use by another process" in err
    assert [p.name for p in store.parent.iterdir() if p.name.endswith(".bad")] == []


@pytest.mark.parametrize("how", DAMAGES)
def test_a_dashboard_load_reports_a_bad_store_as_a_store_error(how: str, built: tuple[Path, Path]) -> None:
    _feed, store = built
    damage(store, how)
    source = data.Source(seeds_dir=store.parent / "seeds", documents_dir=store.parent / "added", store_path=store)
    with pytest.raises(StoreError) as info:
        data.load_dataset(source)
    assert not isinstance(info.value, StoreBusy)
    assert "--rebuild" in str(info.value)


@pytest.mark.parametrize("how", ["garbage", "newer version"])
def test_the_app_names_a_bad_store_and_rebuilds_it_on_request(how: str, store_app: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    assert documents_metric(at) == "1"
    damage(store_app / "sitrep.duckdb", how)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value.replace("\\", "") for e in at.error]
    assert any(str(store_app / "sitrep.duckdb") in e and "sitrep ingest --rebuild" in e for e in errors), errors
    assert documents_metric(at) == "0"
    next(b for b in at.button if b.label == REBUILD_BUTTON).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error and documents_metric(at) == "1"
    assert any("The old store was moved to" in i.value.replace("\\", "") for i in at.info)
    assert len(list(store_app.glob("sitrep.duckdb.*.bad"))) == 1


def test_every_table_survives_a_rebuild_from_the_same_sources(built: tuple[Path, Path]) -> None:
    feed, store = built
    with Store(store, read_only=True) as before:
        expected = all_rows(before)
    assert run_cli("ingest", "--rebuild", feed, "--store", store)[0] == 0
    with Store(store, read_only=True) as after:
        got = all_rows(after)
    for table in (*TABLES, "texts", "sources"):
        pd.testing.assert_frame_equal(got[table], expected[table], obj=table)
