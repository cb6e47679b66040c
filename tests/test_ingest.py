"""Reading news files: encodings, binary files, HTML and Markdown, normalisation, sidecars, folders."""

from __future__ import annotations

import codecs
import datetime as dt
import json
from pathlib import Path

import pytest

from lib.ids import doc_id_for
from lib.ingest import (
    IngestError,
    decode_bytes,
    document_from_text,
    html_to_text,
    iter_document_paths,
    load_document,
    load_documents,
    markdown_to_text,
    normalize_text,
    parse_meta,
    parse_published,
)

TEXT = "Минск said on Monday that drones crossed the border. Officials in Kyiv disagreed."


def write(folder: Path, name: str, content: str | bytes, meta: object = None) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    if meta is not None:
        sidecar = path.with_name(path.stem + ".meta.json")
        sidecar.write_text(meta if isinstance(meta, str) else json.dumps(meta), encoding="utf-8")
    return path


# -- decoding --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Kyiv and Minsk", "Kyiv and Minsk"),
        ("Київ і Мінськ".encode(), "Київ і Мінськ"),
        (codecs.BOM_UTF8 + "Київ і Мінськ".encode(), "Київ і Мінськ"),
        (codecs.BOM_UTF8 + b"plain", "plain"),
        ("Київ, Gomel and Brest".encode("utf-16"), "Київ, Gomel and Brest"),
        (codecs.BOM_UTF16_BE + "Мінськ".encode("utf-16-be"), "Мінськ"),
        (codecs.BOM_UTF16_LE + "Brest".encode("utf-16-le"), "Brest"),
        ("Минск".encode("cp1251"), "Минск"),
        (
            "Минск и Гомель сообщили о дронах над границей.".encode("cp1251"),
            "Минск и Гомель сообщили о дронах над границей.",
        ),
        ("Мінськ і Київ".encode("cp1251"), "Мінськ і Київ"),
        ("Минск и Гомель".encode("koi8_r"), "Минск и Гомель"),
        ("Café".encode("latin-1"), "Café"),
        ("A naïve façade in Zürich, déjà vu.".encode("latin-1"), "A naïve façade in Zürich, déjà vu."),
        ("Troops \u201cleft\u201d Kyiv \u2014 again".encode("cp1252"), "Troops \u201cleft\u201d Kyiv \u2014 again"),
        ("Łódź i Kraków, żołnierze".encode("cp1250"), "Łódź i Kraków, żołnierze"),
    ],
    ids=[
        "ascii",
        "utf8",
        "utf8-bom",
        "utf8-bom-ascii",
        "utf16-bom",
        "utf16-be-bom",
        "utf16-le-bom",
        "cp1251-one-word",
        "cp1251-sentence",
        "cp1251-ukrainian",
        "koi8r",
        "latin1-one-word",
        "latin1-sentence",
        "cp1252-quotes",
        "cp1250-polish",
    ],
)
def test_decode_bytes_reads_each_encoding(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        (b"Kyiv\x00\x00\x00\x01\x02 Minsk", "NUL"),
        ("Brest".encode("utf-16-le"), "NUL"),  # UTF-16 without a BOM cannot be told from binary
    ],
)
def test_decode_bytes_refuses_binary(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError, match=reason):
        decode_bytes(data)


# -- normalisation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u201cWe will win,\u201d he said.", '"We will win," he said.'),
        ("Kyiv\u2019s mayor", "Kyiv's mayor"),
        ("\u00abМинск\u00bb", '"Минск"'),
        ("10\u00a0km from\u202fBrest", "10 km from Brest"),
        ("Ky\u200biv and Min\u200dsk\ufeff", "Kyiv and Minsk"),
        ("soft\u00adhyphen", "softhyphen"),
        ("minus\u22125 and non\u2011breaking", "minus-5 and non-breaking"),
        ("Line one\r\nLine two", "Line one\nLine two"),
        ("Old Mac one\rOld Mac two", "Old Mac one\nOld Mac two"),
        ("tabs\t\tand   spaces", "tabs and spaces"),
        ("para one\n\n\n\n\npara two", "para one\n\npara two"),
        ("  padded line  \n", "padded line"),
        ("bell\x07 and vertical\x0btab", "bell and vertical tab"),
        ("Cafe\u0301", "Café"),  # decomposed accent composed (NFC)
        ("Plain text stays plain.", "Plain text stays plain."),
        ("", ""),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


# -- HTML and Markdown -----------------------------------------------------------------------------

PAGE = """<!doctype html>
<html><head><title>Drones over Gomel &amp; Brest</title>
<script>var tracker = "SCRIPT-IN-HEAD";</script>
<style>body { color: STYLE-RULE; }</style></head>
<body onload="ONLOAD-HANDLER()">
<nav>Menu Home Sport</nav>
<h1>Drones over Gomel</h1>
<p onclick="alert('CLICK-HANDLER')">Border guards in <b>Gomel</b> said two drones crossed.</p>
<script>document.write("SCRIPT-IN-BODY")</script>
<p>Officials&nbsp;in Kyiv<br>declined to comment.</p>
<img src="x.png" onerror="alert('ERROR-HANDLER')">
<noscript>NOSCRIPT-TEXT</noscript>
<!-- COMMENT-TEXT -->
</body></html>"""


def test_html_to_text_keeps_the_words_and_drops_code() -> None:
    text, title = html_to_text(PAGE)
    text = normalize_text(text)
    assert title == "Drones over Gomel & Brest"
    assert text.splitlines() == [
        "Drones over Gomel",
        "",
        "Border guards in Gomel said two drones crossed.",
        "",
        "Officials in Kyiv",
        "declined to comment.",
    ]
    for code in ("SCRIPT", "STYLE", "HANDLER", "NOSCRIPT", "COMMENT", "Menu", "alert", "tracker"):
        assert code not in text


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>one</p><p>two</p>", "one\n\ntwo"),
        ("no markup at all", "no markup at all"),
        ("<div>a<br/>b</div>", "a\nb"),
        ("<p>A &amp; B &#8220;q&#8221;</p>", 'A & B "q"'),
        ("<ul><li>first</li><li>second</li></ul>", "first\n\nsecond"),
        ("<script>only()</script>", ""),
    ],
)
def test_html_to_text_fragments(html: str, expected: str) -> None:
    assert normalize_text(html_to_text(html)[0]) == expected


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("# Drones over Gomel", "Drones over Gomel"),
        ("### Third level", "Third level"),
        ("See [the report](https://example.org/report) today.", "See the report today."),
        ("A [page](https://example.org/wiki/Kyiv_(city)) link.", "A page link."),
        ('A [titled](https://example.org "Title") link.', "A titled link."),
        ("Map: ![border map](map.png)", "Map: border map"),
        ("**Bold** and *italic* and `code`", "Bold and italic and code"),
        ("- first\n- second", "first\nsecond"),
        ("> quoted line", "quoted line"),
        ("before\n\n---\n\nafter", "before\n\nafter"),
        ("a <b>tag</b> here", "a tag here"),
        ("see <https://example.org/x>", "see https://example.org/x"),
        ("```\ncode block\n```\nafter", "after"),
        ("Losses < 5 and > 2 here", "Losses < 5 and > 2 here"),
        ("2 * 3 * 4 = 24", "2 * 3 * 4 = 24"),
        ("No markdown here.", "No markdown here."),
    ],
)
def test_markdown_to_text(markdown: str, expected: str) -> None:
    assert normalize_text(markdown_to_text(markdown)) == expected


# -- metadata --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-12-07", dt.date(2022, 12, 7)),
        (" 2022-12-07 ", dt.date(2022, 12, 7)),
        ("2022-12-07T23:10:00Z", dt.date(2022, 12, 7)),
        ("2022-12-07T10:00:00+02:00", dt.date(2022, 12, 7)),
        ("20221207", dt.date(2022, 12, 7)),
    ],
)
def test_parse_published_reads_iso_dates(value: str, expected: dt.date) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["", "yesterday", "07/12/2022", "2022-13-45", 20221207, None, ["2022-12-07"]])
def test_parse_published_refuses_other_values(value: object) -> None:
    with pytest.raises(ValueError, match="ISO date"):
        parse_published(value)


@pytest.mark.parametrize(
    ("raw", "expected_meta", "warning"),
    [
        (
            {"title": " T ", "published": "2022-12-07", "outlet": "O", "url": "u"},
            {"title": "T", "published": dt.date(2022, 12, 7), "outlet": "O", "url": "u"},
            None,
        ),
        ({"title": "T", "extra": 1}, {"title": "T"}, None),
        ({"title": "", "published": None}, {}, None),
        ({"title": 5, "outlet": "O"}, {"outlet": "O"}, "'title' must be text, not int"),
        ({"url": ["a", "b"]}, {}, "'url' must be text, not list"),
        ({"published": "last week"}, {}, "dates in the text stay unresolved"),
        ({"published": 2022}, {}, "dates in the text stay unresolved"),
        (["title", "T"], {}, "JSON list, not an object"),
        ("just a string", {}, "JSON str, not an object"),
    ],
)
def test_parse_meta(raw: object, expected_meta: dict, warning: str | None) -> None:
    meta, warnings = parse_meta(raw)
    assert meta == expected_meta
    if warning is None:
        assert warnings == []
    else:
        assert len(warnings) == 1
        assert warning in warnings[0]


# -- one file --------------------------------------------------------------------------------------


def test_load_document_with_sidecar(tmp_path: Path) -> None:
    meta = {"title": "Drones", "published": "2022-12-07", "outlet": "Wire", "url": "https://example.org/a"}
    path = write(tmp_path, "a.txt", TEXT, meta)
    result = load_document(path)
    assert result.ok and result.error is None and result.warnings == []
    document = result.document
    assert document.text == TEXT
    assert document.doc_id == doc_id_for(TEXT)
    assert (document.title, document.outlet, document.url) == ("Drones", "Wire", "https://example.org/a")
    assert document.published == dt.date(2022, 12, 7)
    assert document.path == str(path)


def test_load_document_without_sidecar(tmp_path: Path) -> None:
    document = load_document(write(tmp_path, "a.txt", TEXT)).document
    assert document is not None
    assert (document.title, document.outlet, document.url, document.published) == ("", "", "", None)


@pytest.mark.parametrize(
    ("sidecar", "warning"),
    [
        ("{not json", "not valid JSON"),
        ("", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not valid JSON"),
        ('["a list"]', "not an object"),
        ('{"title": 42, "published": "2022-12-07"}', "'title' must be text"),
        ('{"title": "T", "published": "the 7th of December"}', "stay unresolved"),
        ('{"title": "T", "published": "2022-02-30"}', "stay unresolved"),
    ],
)
def test_malformed_sidecar_warns_and_the_document_still_loads(
    tmp_path: Path, sidecar: str | bytes, warning: str
) -> None:
    path = write(tmp_path, "report.txt", TEXT)
    sidecar_file = tmp_path / "report.meta.json"
    sidecar_file.write_bytes(sidecar if isinstance(sidecar, bytes) else sidecar.encode())
    result = load_document(path)
    assert result.ok
    assert result.document.text == TEXT
    assert len(result.warnings) == 1
    assert warning in result.warnings[0]
    assert result.warnings[0].startswith(str(path))
    assert "\n" not in result.warnings[0]


def test_valid_fields_of_a_partly_broken_sidecar_are_kept(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", TEXT, {"title": "Kept", "published": "soon", "outlet": 7})
    result = load_document(path)
    assert result.document.title == "Kept"
    assert result.document.published is None
    assert result.document.outlet == ""
    assert len(result.warnings) == 2


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >>", "a PDF file"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "a ZIP archive"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"Kyiv\x00Minsk\x00\x00", "NUL bytes"),
        (b"", "has no text"),
        (b"   \n\n\t  \r\n", "has no text"),
        ("\u00a0\u200b\ufeff\n".encode(), "has no text"),
    ],
)
def test_unreadable_file_gives_one_line_naming_the_file(tmp_path: Path, content: bytes, what: str) -> None:
    path = write(tmp_path, "bad file.txt", content)
    result = load_document(path)
    assert not result.ok
    assert result.document is None
    assert result.error.startswith(f"{path}: ")
    assert what in result.error
    assert "\n" not in result.error


def test_sidecar_warning_is_kept_when_the_file_fails(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"", meta="{broken")
    result = load_document(path)
    assert not result.ok
    assert [w.startswith(str(path)) for w in result.warnings] == [True]


@pytest.mark.parametrize(
    ("name", "content", "kind_check"),
    [
        (
            "page.html",
            "<html><body><p>Drones over <i>Gomel</i>.</p><script>x()</script></body></html>",
            "Drones over Gomel.",
        ),
        ("page.HTM", "<p>Drones over Gomel.</p>", "Drones over Gomel."),
        ("notes.md", "# Drones\n\nOver [Gomel](https://example.org).", "Drones\n\nOver Gomel."),
        ("notes.markdown", "**Drones** over Gomel.", "Drones over Gomel."),
        ("plain.TXT", "Drones over *Gomel*.", "Drones over *Gomel*."),  # text files are not Markdown
    ],
)
def test_load_document_by_kind(tmp_path: Path, name: str, content: str, kind_check: str) -> None:
    result = load_document(write(tmp_path, name, content))
    assert result.ok, result.error
    assert result.document.text == kind_check


def test_html_title_fills_a_missing_title_but_the_sidecar_wins(tmp_path: Path) -> None:
    page = "<html><head><title>Page title</title></head><body><p>Text.</p></body></html>"
    assert load_document(write(tmp_path, "a.html", page)).document.title == "Page title"
    assert load_document(write(tmp_path, "b.html", page, {"title": "Sidecar title"})).document.title == "Sidecar title"


def test_text_with_no_line_breaks_at_all(tmp_path: Path) -> None:
    sentence = "Officials in Gomel said {n} drones crossed the border on Monday. "
    text = "".join(sentence.format(n=n) for n in range(1, 200)).strip()
    document = load_document(write(tmp_path, "long.txt", text)).document
    assert "\n" not in document.text
    assert document.text == text


def test_document_from_text_normalises_curly_quotes_nbsp_and_zero_width(tmp_path: Path) -> None:
    raw = "\u201cWe\u2019re\u00a0ready,\u201d said Lt.\u202fGen.\u200b Petrov.\r\n"
    path = write(tmp_path, "quotes.txt", raw)
    assert load_document(path).document.text == '"We\'re ready," said Lt. Gen. Petrov.'


def test_document_from_text_rejects_empty_markup() -> None:
    with pytest.raises(IngestError, match="no text"):
        document_from_text("<html><body><script>x()</script></body></html>", kind="html")


def test_file_name_with_spaces_and_unicode(tmp_path: Path) -> None:
    path = write(tmp_path, "звіт з Гомеля 07.12.txt", TEXT, {"title": "Звіт"})
    result = load_document(path)
    assert result.ok
    assert result.document.path == str(path)
    assert result.document.title == "Звіт"


def test_legacy_encoded_file_loads(tmp_path: Path) -> None:
    path = write(tmp_path, "cp1251.txt", "Минск сообщил о дронах над Гомелем.".encode("cp1251"))
    assert load_document(path).document.text == "Минск сообщил о дронах над Гомелем."


@pytest.mark.parametrize("name", ["a.pdf", "a.docx", "a.json", "noextension"])
def test_load_document_refuses_other_suffixes(tmp_path: Path, name: str) -> None:
    result = load_document(write(tmp_path, name, TEXT))
    assert not result.ok
    assert "not a .txt, .md or .html file" in result.error


# -- many files ------------------------------------------------------------------------------------


def test_missing_path_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "gone.txt"
    results = list(load_documents([missing]))
    assert len(results) == 1
    assert not results[0].ok
    assert results[0].error == f"{missing}: no such file or folder"


def test_folder_mixing_good_and_bad_files(tmp_path: Path) -> None:
    write(tmp_path, "a good.txt", "Drones crossed near Gomel.")
    write(tmp_path, "b.txt", b"%PDF-1.5 binary")
    write(tmp_path, "c.md", "# Heading\n\nBrest was quiet.", meta="{oops")
    write(tmp_path, "d.html", "")
    write(tmp_path, "sub/e.html", "<p>Kyiv said so.</p>")
    write(tmp_path, "f.txt", "Минск".encode("cp1251"))
    write(tmp_path, "notes.csv", "a,b\n1,2")  # not a document: passed over
    write(tmp_path, ".hidden.txt", "hidden")  # hidden: passed over
    write(tmp_path, ".cache/g.txt", "hidden folder")  # inside a hidden folder: passed over
    results = {Path(r.path).name: r for r in load_documents([tmp_path, tmp_path / "missing.txt"])}
    assert sorted(results) == ["a good.txt", "b.txt", "c.md", "d.html", "e.html", "f.txt", "missing.txt"]
    good = {name: r.document.text for name, r in results.items() if r.ok}
    assert good == {
        "a good.txt": "Drones crossed near Gomel.",
        "c.md": "Heading\n\nBrest was quiet.",
        "e.html": "Kyiv said so.",
        "f.txt": "Минск",
    }
    bad = {name: r.error for name, r in results.items() if not r.ok}
    assert set(bad) == {"b.txt", "d.html", "missing.txt"}
    for name, error in bad.items():
        assert name in error and "\n" not in error
    assert len(results["c.md"].warnings) == 1


def test_iter_document_paths_is_sorted_and_keeps_given_files(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "b")
    write(tmp_path, "a.md", "a")
    given = write(tmp_path, "elsewhere/.named.txt", "given directly")
    paths = list(iter_document_paths([tmp_path / "b.txt", tmp_path, given]))
    assert paths == [tmp_path / "b.txt", tmp_path / "a.md", tmp_path / "b.txt", given]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("  Drones\u00a0over\r\nGomel \u201cnow\u201d ", 'Drones over Gomel "now"'),
        ("Zero\u200bwidth\tand\ttabs", "Zerowidth and tabs"),
        ("Plain title", "Plain title"),
    ],
)
def test_sidecar_text_fields_become_one_normalised_line(tmp_path: Path, title: str, expected: str) -> None:
    path = write(tmp_path, "a.txt", TEXT, {"title": title, "outlet": f" {title} "})
    document = load_document(path).document
    assert document.title == expected
    assert document.outlet == expected
