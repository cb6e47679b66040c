"""Large inputs, measured: a 20 MB text is refused at once with its reason, a single line of
1,000,000 characters is read and extracted whole, and a run-on sentence is cut for the
extractors while its text is kept — all in bounded time and memory (one ``sitrep extract`` run
in a child process, whose peak memory is read from the kernel)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from lib.document import Document
from lib.ingest import MAX_TEXT_CHARS, IngestError, document_from_text, load_document
from lib.nlp import MAX_SENTENCE_TOKENS, get_nlp
from lib.pipeline import parse
from tests.trust.inputs import OUTCOMES
from tests.trust.reports import digest

ROOT = Path(__file__).resolve().parents[2]
LINE_CHARS = 1_000_000
BIG_BYTES = 20 * 2**20
# Bounds for a loaded 2-core machine; an idle one needs about a fifth of the time.
MAX_SECONDS, MAX_RSS_MB = 240, 1500


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """``sitrep extract`` over a 20 MB text, a 1,000,000-character line and a small report."""
    folder = tmp_path_factory.mktemp("large") / "in"
    folder.mkdir()
    line = digest(LINE_CHARS, seed=1)
    line += "." * (LINE_CHARS - len(line))  # exactly LINE_CHARS, one line, no line break
    (folder / "one line.txt").write_text(line, encoding="utf-8")
    paragraph = digest(4000, seed=2) + "\n\n"
    with (folder / "twenty megabytes.txt").open("w", encoding="utf-8") as handle:
        handle.write(paragraph * (BIG_BYTES // len(paragraph) + 1))
    (folder / "small.txt").write_text(digest(600, seed=3), encoding="utf-8")
    out = folder.parent / "out"
    logs = folder.parent / "stdout.txt", folder.parent / "stderr.txt"
    started = time.monotonic()
    with logs[0].open("wb") as stdout, logs[1].open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "lib", "extract", str(folder), "--out", str(out)],
            cwd=ROOT,
            stdout=stdout,
            stderr=stderr,
        )
        _pid, status, usage = os.wait4(process.pid, 0)  # the child's own peak memory
    process.returncode = os.waitstatus_to_exitcode(status)
    return {
        "code": process.returncode,
        "stdout": logs[0].read_text(),
        "stderr": logs[1].read_text(),
        "seconds": time.monotonic() - started,
        "rss_mb": usage.ru_maxrss / 1024,
        "folder": folder,
        "out": out,
        "line": line,
    }


def test_a_20_mb_text_is_refused_with_its_reason(run: dict[str, object]) -> None:
    big = run["folder"] / "twenty megabytes.txt"
    assert big.stat().st_size >= BIG_BYTES
    assert run["code"] == 1
    (line,) = [x for x in run["stderr"].splitlines() if x.startswith(f"failed: {big}: ")]
    assert f"characters of text, over the {MAX_TEXT_CHARS:,} one document may have" in line
    assert "split it into articles" in line
    OUTCOMES["20-mb-text (extract)"] = line.replace(str(run["folder"]), "…")


def test_a_line_of_a_million_characters_is_extracted_whole(run: dict[str, object]) -> None:
    documents = pd.read_csv(run["out"] / "documents.csv", dtype={"path": str})
    assert sorted(Path(p).name for p in documents["path"]) == ["one line.txt", "small.txt"]
    sentences = pd.read_csv(run["out"] / "sentences.csv", keep_default_na=False)
    doc_id = documents.loc[documents["path"].str.endswith("one line.txt"), "doc_id"].iloc[0]
    ours = sentences[sentences["doc_id"] == doc_id].sort_values("start")
    line = run["line"]
    # the sentences tile the line: each is the text at its offsets, and only spaces lie between them
    assert ours["start"].iloc[0] == 0 and ours["end"].iloc[-1] == len(line)
    for start, end, text in zip(ours["start"], ours["end"], ours["text"], strict=True):
        assert line[start:end] == text
    gaps = zip(ours["end"].iloc[:-1], ours["start"].iloc[1:], strict=True)
    assert all(line[a:b].strip() == "" for a, b in gaps)
    for table in ("events", "casualties", "locations", "claims"):
        rows = pd.read_csv(run["out"] / f"{table}.csv", keep_default_na=False)
        assert (rows["doc_id"] == doc_id).sum() > 100, table
    OUTCOMES["1m-char-line (extract)"] = f"read one line.txt: {len(line):,} characters in {len(ours):,} sentences"


def test_large_inputs_take_bounded_time_and_memory(run: dict[str, object]) -> None:
    print(f"\nextract of 20 MB + 1,000,000 characters: {run['seconds']:.1f} s, peak {run['rss_mb']:.0f} MB")
    assert run["seconds"] < MAX_SECONDS
    assert run["rss_mb"] < MAX_RSS_MB


@pytest.mark.parametrize(
    ("text", "longest"),
    [
        ("word " * 5_000, MAX_SENTENCE_TOKENS),  # no punctuation at all
        ("a, " * 3_000, MAX_SENTENCE_TOKENS),  # commas only: cut at one once long enough
        ("Kyiv said drones hit Odesa. " * 200, 6),  # ordinary sentences are not touched
    ],
    ids=["no-punctuation", "commas", "ordinary"],
)
def test_a_run_on_sentence_is_cut_for_the_extractors_and_its_text_kept(text: str, longest: int) -> None:
    doc = get_nlp()(text.strip())
    lengths = [sum(1 for t in s if not t.is_space) for s in doc.sents]
    assert max(lengths) <= longest
    assert "".join(t.text_with_ws for t in doc) == text.strip()


def test_a_run_on_line_is_extracted_in_linear_time() -> None:
    words = " ".join(digest(20_000, seed=4).replace(".", "").replace(",", "").split())
    timings = []
    for repeat in (1, 8):
        document = Document.from_text(" ".join([words] * repeat))
        started = time.process_time()
        parsed = parse(document)
        timings.append(time.process_time() - started)
        assert all(len(s.text) < 4_000 for s in parsed.sentences)
    # eight times the text: about eight times the work, nowhere near the 64 of a quadratic cost
    assert timings[1] < 24 * max(timings[0], 0.05), timings


def test_a_text_over_the_limit_is_refused_in_seconds(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Kyiv said drones hit Odesa. " * (MAX_TEXT_CHARS // 28 + 1), encoding="utf-8")
    started = time.process_time()
    result = load_document(path)
    assert result.document is None and "over the 1,000,000 one document may have" in result.error
    assert time.process_time() - started < 5


PATHOLOGICAL_MARKUP = {
    "unclosed-scripts": "<script" * 100_000,
    "unclosed-comments": "<!--" * 100_000,
    "comment-ends": "-->" * 100_000,
    "code-fences": "```\n" * 50_000 + "x",
    "open-brackets": "[" * 100_000,
    "image-openers": "![" * 50_000,
    "link-openers": "[a](" * 50_000,
    "stars": "*a " * 100_000,
    "double-stars": "**" * 100_000,
    "backticks": "`" * 100_000,
    "blank-lines": " \n" * 100_000,
    "bullets": "- \n" * 100_000,
    "quote-marks": "> " * 100_000,
    "unclosed-tags": "<a " * 100_000,
    "underscores": "__a " * 50_000,
}


@pytest.mark.parametrize("markup", PATHOLOGICAL_MARKUP.values(), ids=PATHOLOGICAL_MARKUP.keys())
def test_pathological_markup_is_read_in_linear_time(markup: str) -> None:
    """Each of these took seconds to minutes when a pattern scanned to the end of the text from
    every position; 200-400 kB must take well under a second."""
    for kind in ("markdown", "html", "text"):
        started = time.process_time()
        with contextlib.suppress(IngestError):  # some are nothing but markup: no text
            document_from_text(markup, kind=kind)
        assert time.process_time() - started < 1.5, kind
