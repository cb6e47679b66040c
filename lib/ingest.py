"""Read news files (.txt, .md, .html) and their ``.meta.json`` sidecars into Documents.

Every file either becomes a :class:`Document` or yields a one-line reason naming the file;
one bad file never stops the others.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from charset_normalizer import from_bytes
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from lib.document import Document

TEXT_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
META_SUFFIX = ".meta.json"
MAX_BYTES = 64 * 1024 * 1024
# The longest text one document may have. News articles run to about 130,000 characters at the
# most; the claim and casualty extractors slow down more than linearly in a document's length
# (a 4-million-character document takes minutes), so longer files are refused with a reason.
MAX_TEXT_CHARS = 1_000_000
META_FIELDS = ("title", "published", "outlet", "url")
# Publication dates outside this window are taken for mistakes (relative dates in the text would
# be resolved against them).
PUBLISHED_RANGE = (dt.date(1900, 1, 1), 366)  # earliest date; days after today

# Single-byte encodings a news file that is not UTF-8 is most likely in, in order of preference when
# the evidence is even: Western European, Cyrillic (Windows, then KOI8-R), Central European.
LEGACY_ENCODINGS = ("cp1252", "cp1251", "koi8_r", "cp1250", "latin_1")
_SAMPLE_BYTES = 64 * 1024
_NON_ASCII_TOKEN = re.compile(r"\S*[^\x00-\x7f]\S*")
_ODD_IN_WORD = frozenset({"So", "Sk", "No", "Co", "Cc", "Cn", "Cs"})
_ODD_ALONE = frozenset({"Co", "Cc", "Cn", "Cs"})

# Signatures of binary formats that are sometimes saved with a text extension.
_BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"\x7fELF": "an executable",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"Rar!\x1a\x07": "a RAR archive",
    b"\xfd7zXZ\x00": "an xz archive",
    b"\x28\xb5\x2f\xfd": "a zstd archive",
    b"SQLite format 3\x00": "an SQLite database",
    b"{\\rtf": "an RTF document (save it as plain text)",
}
# Signatures that are not a plain prefix: a PDF may have up to 1 kB before its own, bzip2 names its
# block size.
_BINARY_PATTERNS = (
    (re.compile(rb"[\s\S]{0,1024}?%PDF-"), "a PDF file"),
    (re.compile(rb"BZh[1-9]1AY&SY"), "a bzip2 archive"),
)
# Text decoded from binary data is full of control characters; real text has hardly any.
_MAX_CONTROL_SHARE = 0.01
_ODD_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u3000": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2004": " ",
        "\u2005": " ",
        "\u2006": " ",
        "\u2008": " ",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00ad": None,
        "\u2028": "\n",
        "\u2029": "\n",
        "\r": "\n",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2212": "-",
    }
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*(?:\n\s*)+")
_BLOCK_TAGS = (
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "figcaption",
    "pre",
    "table",
    "ul",
    "ol",
    "dd",
    "dt",
)
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "object",
    "embed",
    "head",
    "nav",
    "form",
    "button",
    "select",
    "canvas",
    "math",
)


class IngestError(Exception):
    """A file that cannot become a document; the message is one line an analyst can act on."""


@dataclass(slots=True)
class LoadResult:
    """The outcome for one file: a document, or the reason there is none, plus warnings."""

    path: str
    document: Document | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.document is not None


def normalize_text(text: str) -> str:
    """Canonical text: NFC, straight quotes, plain spaces, ``\\n`` line ends, no control bytes."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n")).translate(_QUOTES)
    text = _CONTROL.sub(" ", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = "\n".join(lines)
    return _BLANK_LINES.sub("\n\n", text).strip()


def normalize_line(text: str) -> str:
    """A metadata value (title, outlet, URL) as one normalised line."""
    return " ".join(normalize_text(text).split())


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else the most
    likely legacy encoding (cp1251, latin-1, ...). Raises :class:`IngestError` for binary data."""
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise IngestError(f"is {what}, not text")
    for pattern, what in _BINARY_PATTERNS:
        if pattern.match(data, 0, 2048):
            raise IngestError(f"is {what}, not text")
    if data.startswith(codecs.BOM_UTF8):
        return _checked(data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(data.decode("utf-16", errors="replace"))
    if b"\x00" in data[:8192]:
        raise IngestError("looks binary (it contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    damaged = data.decode("utf-8", errors="replace")
    if _mostly_utf8(damaged):
        return _checked(damaged)
    return _checked(data.decode(guess_legacy_encoding(data[:_SAMPLE_BYTES]), errors="replace"))


def _mostly_utf8(text: str) -> bool:
    """Whether text decoded as UTF-8 with replacements is UTF-8 with a few bad bytes (a file cut
    mid-character, a stray byte) rather than a legacy encoding: in cp1251 or latin-1 text hardly
    any byte pair forms a valid UTF-8 character, so valid ones must be at least as many as the bad."""
    bad = text.count("\ufffd")
    valid = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    return valid > 0 and valid >= bad


def _checked(text: str) -> str:
    """The decoded text, unless its start is so full of control characters and undecodable
    bytes that it must be binary data (an archive or image with no known signature)."""
    sample = text[:_SAMPLE_BYTES]
    odd = len(_ODD_CONTROL.findall(sample))
    if odd > 8 and odd > _MAX_CONTROL_SHARE * len(sample):
        raise IngestError(f"looks binary ({odd / len(sample):.0%} of its start is control characters), not text")
    return text


def mojibake_score(text: str) -> int:
    """How many signs of a wrong decoding a text shows: replacement characters, words mixing Latin
    and Cyrillic letters, symbols inside words, a capital after a small letter inside a word, and
    Latin words made only of accented letters (Cyrillic read as cp1252: "Ìèíñê")."""
    score = 4 * text.count("\ufffd")
    for match in _NON_ASCII_TOKEN.finditer(text):
        token = match.group()
        letters = [c for c in token if c.isalpha()]
        if not letters:
            score += sum(unicodedata.category(c) in _ODD_ALONE for c in token)
            continue
        cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
        score += 0 < cyrillic < len(letters)
        score += sum(unicodedata.category(c) in _ODD_IN_WORD for c in token)
        score += any(a.islower() and b.isupper() for a, b in pairwise(letters))
        score += not cyrillic and len(letters) >= 3 and not any(c.isascii() for c in letters)
    return score


def guess_legacy_encoding(sample: bytes) -> str:
    """The encoding of non-UTF-8 text: the legacy encoding whose decoding looks least like mojibake
    (charset_normalizer's guess is weighed too when none looks clean; alone it misreads short
    texts, e.g. "Минск" in cp1251 as CJK)."""
    candidates = list(LEGACY_ENCODINGS)
    scores = {name: mojibake_score(sample.decode(name, errors="replace")) for name in candidates}
    if min(scores.values()) > 0:
        best = from_bytes(sample).best()
        if best is not None and best.encoding not in scores:
            candidates.append(best.encoding)
            scores[best.encoding] = mojibake_score(sample.decode(best.encoding, errors="replace"))
    return min(candidates, key=lambda name: (scores[name], candidates.index(name)))


def html_to_text(html: str) -> tuple[str, str]:
    """The readable text and the ``<title>`` of an HTML page; scripts, styles and markup dropped."""
    tree = HTMLParser(html)
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node is not None else ""
    tree.strip_tags(list(_DROP_TAGS))
    body = tree.body or tree.root
    if body is None:
        return "", title
    for tag in _BLOCK_TAGS:
        for node in body.css(tag):
            node.insert_after("\n")
            if tag != "br":
                node.insert_before("\n")
    return body.text(separator="", strip=False), title


# A link target: no spaces except before a quoted title, one level of parentheses ("Kyiv_(city)").
_MD_TARGET = r"\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)"
# Every pattern stays inside a line or stops at the next opening bracket, so no input (a file of
# ten thousand ``[`` or blank lines) makes one scan to the end of the text from every position.
_MD_RULES = (
    (re.compile(r"^```.*?^```[ \t]*$", re.S | re.M), ""),
    (re.compile(r"!\[([^\[\]\n]*)\]" + _MD_TARGET), r"\1"),
    (re.compile(r"\[([^\[\]\n]+)\]" + _MD_TARGET), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*", re.M), ""),
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),
    (re.compile(r"^[ \t]*[-*+][ \t]+", re.M), ""),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.M), ""),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>"), ""),
)


# Raw HTML inside Markdown that holds code or nothing to read: comments, and script, style and
# embed elements. Tags are bounded, and one pass pairs them, so a text full of unclosed
# ``<script`` or ``<!--`` costs no more than any other.
_RAW_CODE = re.compile(
    r"(?P<comment><!--)|(?P<uncomment>-->)"
    r"|<(?P<slash>/?)(?P<name>script|style|noscript|template|iframe|object|embed|svg|math)\b[^<>]{0,1000}>",
    re.I,
)


def _drop_raw_code(markdown: str) -> str:
    """Markdown without HTML comments and raw script, style and embed elements, content
    included (one left open runs to the end, as in a browser)."""
    pieces: list[str] = []
    position, open_name = 0, None
    for match in _RAW_CODE.finditer(markdown):
        if match["comment"] or match["uncomment"]:
            name, closing = "--", bool(match["uncomment"])
        else:
            name, closing = match["name"].lower(), bool(match["slash"])
        if open_name is None and not closing:
            pieces.append(markdown[position : match.start()])
            open_name = name
        elif open_name == name and closing:
            position, open_name = match.end(), None
    if open_name is None:
        pieces.append(markdown[position:])
    return "".join(pieces)


def markdown_to_text(markdown: str) -> str:
    """Plain text from Markdown: headings, emphasis, links and code markers removed, and raw
    HTML scripts, styles and embeds dropped with their content."""
    markdown = _drop_raw_code(markdown)
    for pattern, repl in _MD_RULES:
        markdown = pattern.sub(repl, markdown)
    return markdown


_ISO_READERS = (
    lambda text: dt.date.fromisoformat(text[:10]),
    lambda text: dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date(),
)


def parse_published(value: object) -> dt.date:
    """A publication date from a sidecar value: ``2022-12-07`` or an ISO timestamp, within
    ``PUBLISHED_RANGE`` (a date centuries off is a typo, and relative dates would follow it)."""
    text = value.strip() if isinstance(value, str) else ""
    for read in _ISO_READERS if text else ():
        try:
            published = read(text)
        except ValueError:
            continue
        earliest, days_ahead = PUBLISHED_RANGE
        if not earliest <= published <= dt.date.today() + dt.timedelta(days=days_ahead):
            raise ValueError(
                f"'published' {published.isoformat()} is not a plausible date (before {earliest.year} or in the future)"
            )
        return published
    raise ValueError(f"'published' must be an ISO date like 2022-12-07, not {_shown(value)}")


def _shown(value: object, limit: int = 60) -> str:
    """A value for a one-line message: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_meta(raw: object) -> tuple[dict[str, object], list[str]]:
    """Validated metadata fields from a decoded sidecar, and a warning for each field dropped."""
    if not isinstance(raw, dict):
        return {}, [f"metadata is a JSON {type(raw).__name__}, not an object; ignored"]
    meta: dict[str, object] = {}
    warnings: list[str] = []
    for key in META_FIELDS:
        value = raw.get(key)
        if value is None or value == "":
            continue
        if key == "published":
            try:
                meta[key] = parse_published(value)
            except ValueError as exc:
                warnings.append(f"{exc}; dates in the text stay unresolved")
        elif isinstance(value, str):
            meta[key] = value.strip()
        else:
            warnings.append(f"'{key}' must be text, not {type(value).__name__}; ignored")
    return meta, warnings


def sidecar_path(path: Path) -> Path:
    """Where a file's metadata lives: ``name.meta.json`` beside ``name.txt``."""
    return path.with_name(path.stem + META_SUFFIX)


def load_meta(path: Path) -> tuple[dict[str, object], list[str]]:
    """Read a document's sidecar if there is one; a broken sidecar is a warning, not a failure."""
    meta_path = sidecar_path(path)
    if not meta_path.is_file():
        return {}, []
    try:
        raw = json.loads(meta_path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return {}, [f"{meta_path.name} is not valid JSON ({reason}); metadata ignored"]
    return parse_meta(raw)


def document_from_text(raw: str, *, kind: str = "text", path: str = "", meta: dict | None = None) -> Document:
    """A Document from raw file content of a given kind (``text``, ``markdown``, ``html``)."""
    meta = dict(meta or {})
    if kind == "html":
        raw, html_title = html_to_text(raw)
        meta.setdefault("title", html_title)
    elif kind == "markdown":
        raw = markdown_to_text(raw)
    text = normalize_text(raw)
    if not text:
        raise IngestError("has no text (it is empty or only whitespace)")
    if len(text) > MAX_TEXT_CHARS:
        raise IngestError(
            f"has {len(text):,} characters of text, over the {MAX_TEXT_CHARS:,} one document may have: "
            "split it into articles (or a .jsonl feed, one article a line)"
        )
    return Document.from_text(
        text,
        path=path,
        title=normalize_line(str(meta.get("title", ""))),
        outlet=normalize_line(str(meta.get("outlet", ""))),
        url=normalize_line(str(meta.get("url", ""))),
        published=meta.get("published"),  # type: ignore[arg-type]
    )


def load_document(path: Path) -> LoadResult:
    """Read one file into a document, or say in one line why it cannot be read."""
    shown = str(path)
    kind = TEXT_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        return LoadResult(shown, error=f"{shown}: not a .txt, .md or .html file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return LoadResult(
                shown, error=f"{shown}: {size / 2**20:.0f} MiB is over the {MAX_BYTES // 2**20} MiB limit"
            )
        data = path.read_bytes()
    except OSError as exc:
        return LoadResult(shown, error=f"{shown}: cannot be read ({exc.strerror or exc})")
    meta, warnings = load_meta(path)
    try:
        document = document_from_text(decode_bytes(data), kind=kind, path=shown, meta=meta)
    except IngestError as exc:
        return LoadResult(shown, error=f"{shown}: {exc}", warnings=[f"{shown}: {w}" for w in warnings])
    return LoadResult(shown, document=document, warnings=[f"{shown}: {w}" for w in warnings])


def iter_document_paths(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    """Expand files and folders into document files, sorted; hidden files and folders inside a
    folder are passed over; a missing path is yielded as a string so the caller can report it."""
    for item in paths:
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and child.suffix.lower() in TEXT_SUFFIXES
                    and not any(part.startswith(".") for part in child.relative_to(path).parts)
                ):
                    yield child
        elif path.is_file():
            yield path
        else:
            yield str(item)


def load_documents(paths: Iterable[str | Path]) -> Iterator[LoadResult]:
    """Load every document under ``paths``, one result per file, failures included."""
    for path in iter_document_paths(paths):
        if isinstance(path, str):
            yield LoadResult(path, error=f"{path}: no such file or folder")
        else:
            yield load_document(path)
