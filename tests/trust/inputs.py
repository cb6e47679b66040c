"""Bad inputs, written for the trust suite: every way a document can arrive broken, odd or
hostile, with what sitrep must do with it (read it correctly, or refuse it in one line that names
the file). The same table drives the CLI (extract and ingest) and the dashboard's upload path."""

from __future__ import annotations

import codecs
import json
import random
from dataclasses import dataclass

GOOD = "Russian forces shelled Kharkiv on Monday, killing at least 3 civilians, the regional governor said."
CYRILLIC = "Минск и Гомель сообщили о дронах над границей. Officials in Kyiv said 2 soldiers were wounded."
LATIN = "A café in Zürich hosted talks; the Swiss ministry said 4 diplomats from Kyiv attended."
SCRIPTED_HTML = """<!doctype html><html><head><title>Drills near Brest</title>
<style>body { color: red } .x::after { content: "STYLE-LEAK" }</style>
<script>document.write("SCRIPT-LEAK"); alert(1)</script>
<script type="application/ld+json">{"headline": "JSON-LEAK"}</script></head>
<body onload="alert('ONLOAD-LEAK')"><nav>NAV-LEAK menu</nav>
<p onclick="alert('CLICK-LEAK')">Belarus began military drills near Brest on Tuesday, the defence ministry said.</p>
<p>Read <a href="javascript:alert('HREF-LEAK')">more</a>.<img src=x onerror="alert('IMG-LEAK')"></p>
<noscript>NOSCRIPT-LEAK</noscript><iframe src="https://example.invalid/">IFRAME-LEAK</iframe>
<svg><script>alert('SVG-LEAK')</script></svg></body></html>"""
SCRIPTED_MARKDOWN = """# Drones over Odesa

Officials in **Kyiv** said drones hit Odesa on Monday.
<script>alert('MD-SCRIPT-LEAK')</script>
[Read more](javascript:alert('MD-HREF-LEAK')) and ![a photo](https://example.invalid/tracker.png)
"""
# What each bad or large input gave (its one-line refusal, or what was read),
# filled in by the tests and printed at the end of the run: id -> line.
OUTCOMES: dict[str, str] = {}
# Hidden from readers, and from the text sitrep keeps.
LEAKS = ("LEAK", "alert(", "onclick", "onload", "onerror", "javascript:", "<script", "color: red")


def good(tag: str) -> bytes:
    """The good report with a sentence of its own, so each input is a document of its own."""
    return f"{GOOD} The case was {tag}.".encode()


def random_binary(size: int = 6000, *, seed: int = 5) -> bytes:
    """Bytes of no known format and without a NUL byte (so only their content gives them away)."""
    rng = random.Random(seed)
    return bytes(rng.randrange(1, 256) for _ in range(size))


@dataclass(frozen=True, slots=True)
class BadInput:
    """One input: a file name and its bytes (and a sidecar), and the expected outcome: a reason
    (a fragment of the one-line refusal) or, when ``reason`` is None, a document whose text holds
    ``contains`` and none of ``absent``; ``warning`` is a fragment of a warning the file gives."""

    id: str
    name: str
    content: bytes
    reason: str | None = None
    contains: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    meta: object = None  # a sidecar: a JSON value, or raw bytes/str written as is
    warning: str | None = None
    upload: bool = True  # also goes through the dashboard's upload (sidecars do not)

    @property
    def ok(self) -> bool:
        return self.reason is None


def refused(id: str, name: str, content: bytes, reason: str) -> BadInput:
    return BadInput(id, name, content, reason=reason)


def read(id: str, name: str, content: bytes, *contains: str, **options: object) -> BadInput:
    return BadInput(id, name, content, contains=contains, **options)


def with_meta(id: str, name: str, meta: object, warning: str | None = None) -> BadInput:
    """The good report (with a sentence of its own) and a sidecar; sidecars are not uploaded."""
    return BadInput(id, name, good(id), contains=(good(id).decode(),), meta=meta, warning=warning, upload=False)


BAD_INPUTS: tuple[BadInput, ...] = (
    # empty and blank
    refused("empty", "empty.txt", b"", "has no text (it is empty or only whitespace)"),
    refused("whitespace", "blank.txt", b"  \n\t\r\n \xc2\xa0 \n", "has no text"),
    refused("bom-only", "bom only.md", codecs.BOM_UTF8 + b"\n\n  ", "has no text"),
    refused("empty-html", "empty.html", b"<html><body><script>x()</script></body></html>", "has no text"),
    # binary files with a text extension
    refused("pdf", "report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>>", "is a PDF file, not text"),
    refused("pdf-preamble", "scan.txt", b"\r\n\r\n%PDF-1.4\n" + random_binary(200), "is a PDF file"),
    refused("zip", "article.txt", b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "is a ZIP archive"),
    refused("png", "photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a PNG image"),
    refused("jpeg", "photo.html", b"\xff\xd8\xff\xe0\x00\x10JFIF", "is a JPEG image"),
    refused("gzip", "feed.txt", b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "is a gzip archive"),
    refused("7z", "pack.txt", b"7z\xbc\xaf\x27\x1c\x00\x04", "is a 7-Zip archive"),
    refused("rtf", "letter.txt", rb"{\rtf1\ansi Kyiv said}", "is an RTF document"),
    refused("nul-bytes", "dump.txt", b"Kyiv\x00\x00\x00\x01\x02 Minsk", "looks binary (it contains NUL bytes)"),
    refused("unknown-binary", "noise.txt", random_binary(), "looks binary"),
    # encodings
    read("cp1251", "minsk cp1251.txt", CYRILLIC.encode("cp1251"), "Минск и Гомель", "Kyiv"),
    read("koi8-r", "minsk koi8.txt", "Власти Бреста сообщили о учениях.".encode("koi8_r"), "Власти Бреста"),
    read("latin-1", "zurich.txt", LATIN.encode("latin-1"), "café in Zürich"),
    read("utf-16-bom", "utf16.txt", "Мінськ і Київ: дрони над кордоном.".encode("utf-16"), "Мінськ і Київ"),
    read(
        "invalid-utf8",
        "broken bytes.txt",
        "Київ said drones hit Odesa. ".encode() + b"\xff\xfe" + " Гомель was quiet.".encode(),
        "Київ said drones hit Odesa.",
        "Гомель was quiet.",
    ),
    read(
        "cut-mid-character",
        "cut.txt",
        "Officials in Київ said 3 civilians were killed in Херсон".encode()[:-1],
        "Officials in Київ said 3 civilians",
    ),
    read(
        "control-characters",
        "terminal.txt",
        b"Kyiv \x1b[31msaid\x1b[0m 2 soldiers\x07 were\x0b killed.\r\nMinsk\rdisagreed.",
        "Kyiv [31msaid [0m 2 soldiers were killed.\nMinsk\ndisagreed.",
    ),
    # markup that must not survive as markup
    read("scripted-html", "drills.html", SCRIPTED_HTML.encode(), "Belarus began military drills", absent=LEAKS),
    read(
        "scripted-markdown",
        "odesa.md",
        SCRIPTED_MARKDOWN.encode(),
        "drones hit Odesa",
        absent=(*LEAKS, "tracker.png", "**"),
    ),
    # metadata sidecars: a broken one is a warning, and the text still goes through
    with_meta("meta-malformed", "malformed meta.txt", b'{"title": "Kharkiv", ', "is not valid JSON"),
    with_meta("meta-not-utf8", "latin meta.txt", b'{"title": "Caf\xe9"}', "is not valid JSON"),
    with_meta("meta-list", "list meta.txt", ["title", "Kharkiv"], "metadata is a JSON list, not an object"),
    with_meta("meta-wrong-types", "typed meta.txt", {"title": 5, "url": {"a": 1}}, "'title' must be text, not int"),
    with_meta("meta-bad-date", "bad date.txt", {"published": "2022-13-45"}, "'published' must be an ISO date"),
    with_meta("meta-date-number", "number date.txt", {"published": 20221207}, "'published' must be an ISO date"),
    with_meta("meta-far-future", "future.txt", {"published": "9999-12-31"}, "9999-12-31 is not a plausible date"),
    with_meta("meta-year-one", "year one.txt", {"published": "0001-01-01"}, "0001-01-01 is not a plausible date"),
    with_meta("meta-formula", "formula.txt", {"title": '=HYPERLINK("https://example.invalid")', "outlet": "@SUM(A1)"}),
    # odd file names
    read("name-spaces", "report with  spaces .txt", good("name-spaces"), good("name-spaces").decode()),
    read("name-unicode", "Київ — звіт №5 (копія).txt", "Київ said drones hit Odesa.".encode(), "Київ said"),
    read("name-leading-dash", "-rf --out.txt", good("name-leading-dash"), good("name-leading-dash").decode()),
    read("name-formula", "=cmd() .md", good("name-formula"), good("name-formula").decode()),
    refused("name-wrong-suffix", "notes.docx", good("name-wrong-suffix"), "not a .txt, .md or .html file"),
)
GOOD_FILE = read("good", "good.txt", good("good"), good("good").decode())


def write_input(folder, item: BadInput):
    """Write an input (and its sidecar) into ``folder``; returns the file's path."""
    path = folder / item.name
    path.write_bytes(item.content)
    if item.meta is not None:
        sidecar = path.with_name(path.stem + ".meta.json")
        raw = item.meta
        data = raw if isinstance(raw, bytes) else raw.encode() if isinstance(raw, str) else json.dumps(raw).encode()
        sidecar.write_bytes(data)
    return path
