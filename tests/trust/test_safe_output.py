"""Safe output: document text reaches the screen as text, never as Markdown or HTML that could
run, fetch or pretend (links, images, scripts, math, colour directives); chart labels are escaped
for plotly; CSV cells cannot start a spreadsheet formula; the app listens on localhost only,
sends no usage statistics and refuses large uploads."""

from __future__ import annotations

import io
import json
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib import charts, data, downloads, queries
from lib.ui.escape import markdown_link, markdown_text
from tests.fixtures import fixture_tables
from tests.ui.conftest import APP, PAGES

ROOT = Path(__file__).resolve().parents[2]
# Markup a hostile document carries, and what must never reach the screen unescaped.
IMAGE = "![pixel](https://example.invalid/pixel.png)"
LINK = "[click here](javascript:alert(1))"
TAG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"
MATH, COLOUR, BOLD = "$x^2$", ":red[ALARM]", "**bold**"
HOSTILE = (IMAGE, LINK, TAG, SCRIPT, MATH, COLOUR, BOLD, "javascript:")
HOSTILE_TEXT = (
    f"Officials in Kyiv said on Monday that 3 civilians were killed in Kharkiv {IMAGE} {TAG}. "
    f"Russia denied it {LINK} {SCRIPT} {MATH} {COLOUR} {BOLD}, the governor said."
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Kyiv", "Kyiv"),  # nothing to escape: unchanged
        ("Kyiv and Minsk 2024", "Kyiv and Minsk 2024"),
        ("", ""),
        (None, ""),
        ("**bold**", r"\*\*bold\*\*"),
        (IMAGE, r"\!\[pixel\]\(https\:\/\/example\.invalid\/pixel\.png\)"),
        ("<b>x</b>", r"\<b\>x\<\/b\>"),
        ("$5 and $6", r"\$5 and \$6"),
        (":red[x]", r"\:red\[x\]"),
        ("# heading\n- item\n\n1. one", r"\# heading \- item 1\. one"),
        ("a\\b", "a\\\\b"),
        (12, "12"),
    ],
)
def test_markdown_text(value: object, expected: str) -> None:
    assert markdown_text(value) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1", "[https\\:\\/\\/example\\.org\\/a\\?b\\=1](<https://example.org/a?b=1>)"),
        ("http://example.org", "[http\\:\\/\\/example\\.org](<http://example.org>)"),
        ("javascript:alert(1)", "javascript\\:alert\\(1\\)"),  # shown, never linked
        ("data:text/html,<script>", "data\\:text\\/html\\,\\<script\\>"),
        ("https://example.org/a) [x](javascript:y", "https\\:\\/\\/example\\.org\\/a\\) \\[x\\]\\(javascript\\:y"),
        ("https://exa mple.org", "https\\:\\/\\/exa mple\\.org"),
        ("", ""),
    ],
)
def test_markdown_link_links_only_web_addresses(url: str, expected: str) -> None:
    assert markdown_link(url) == expected


def rendered(at: AppTest) -> list[tuple[str, str, bool]]:
    """(kind, text, HTML allowed) of everything on the page that Streamlit renders as Markdown."""
    out = [("markdown", m.value, bool(m.proto.allow_html)) for m in at.markdown]
    for kind in ("title", "header", "subheader", "error", "warning", "info", "success"):
        out += [(kind, str(e.value), False) for e in getattr(at, kind)]
    return out


def assert_inert(at: AppTest) -> None:
    for kind, text, allow_html in rendered(at):
        if allow_html:  # one HTML block: Markdown leaves it alone, and the text in it is escaped
            assert text.startswith("<div") and "\n\n" not in text, (kind, text[:200])
            assert TAG not in text and SCRIPT not in text and "<img" not in text, (kind, text[:200])
        else:
            for markup in HOSTILE:
                assert markup not in text, (kind, markup, text[:200])


def test_a_hostile_document_shows_as_plain_text_on_every_page(app_folders, navigation_app) -> None:
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    at.switch_page("pages/documents.py").run()
    at.text_area[0].input(HOSTILE_TEXT)
    at.text_input[0].input(f"Drones {SCRIPT} {IMAGE}")  # title
    at.text_input[1].input(f"{LINK} Wire {COLOUR}")  # outlet
    at.text_input[2].input("javascript:alert(3)")  # URL
    next(b for b in at.button if b.label == "Add document").click().run()
    assert not at.exception, [e.value for e in at.exception]
    reader = [m.value for m in at.markdown if "sr-reader" in m.value]
    assert reader and "&lt;img src=x onerror=alert(1)&gt;" in reader[0]  # the reader shows the text, escaped
    assert_inert(at)
    for page in PAGES:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert_inert(at)


def _sentence_in_context_script() -> None:
    from lib.ui.widgets import sentence_in_context

    sentence_in_context(
        [
            ("Before ![pixel](https://example.invalid/pixel.png).\n\n# Not a heading", False),
            ("The <img src=x onerror=alert(1)> sentence $x^2$ :red[ALARM].", True),
        ],
        caption="📄 a document",
    )


def test_a_sentence_in_context_is_one_escaped_html_block() -> None:
    at = AppTest.from_function(_sentence_in_context_script, default_timeout=60).run()
    assert not at.exception
    (block,) = [m.value for m in at.markdown if m.proto.allow_html]
    assert block.startswith("<div") and "\n" not in block
    assert "&lt;img src=x onerror=alert(1)&gt;" in block and "<img" not in block


# -- charts ----------------------------------------------------------------------------------------


def test_chart_labels_are_escaped_for_plotly() -> None:
    """Plotly reads <a href>, <span style> and friends in hover text, legends and axis labels."""
    tables = fixture_tables()
    tables["claims"] = tables["claims"].assign(source=f"{TAG} <a href='https://example.invalid'>x</a>")
    tables["casualties"] = tables["casualties"].assign(source="<a href='https://example.invalid'>OHCHR</a>")
    tables["sentences"] = tables["sentences"].assign(text=f"Shelling {TAG} <b>hit</b>")
    figures = [
        charts.claims_by_source_figure(queries.claims_by_source(queries.claims_view(tables))),
        charts.casualties_figure(queries.casualty_series(tables)),
        charts.timeline_figure(queries.timeline_frame(tables)),
    ]
    for fig in figures:
        payload = json.dumps(fig.to_plotly_json(), default=str)
        assert "<a href" not in payload and "<img" not in payload, payload[:300]
    assert "&lt;img src=x onerror=alert(1)&gt;" in json.dumps(figures[0].to_plotly_json(), default=str)


# -- CSV -------------------------------------------------------------------------------------------


def test_every_table_download_neutralises_formulas() -> None:
    tables = fixture_tables()
    formula = '=HYPERLINK("https://example.invalid","x")'
    tables["sentences"] = tables["sentences"].assign(text=formula)
    tables["events"] = tables["events"].assign(summary="+cmd|' /C calc'!A0", actor1="@SUM(1)")
    tables["documents"] = tables["documents"].assign(title="-2+3", outlet="\tTab")
    for name, frame in tables.items():
        cells = pd.read_csv(io.BytesIO(downloads.table_csv(frame)), dtype=str, keep_default_na=False)
        for column in cells.columns:
            assert not cells[column].str.match(r"^[=+\-@\t\r]").any(), (name, column)
    acled = pd.read_csv(io.BytesIO(downloads.acled_csv(tables["events"], tables)), dtype=str, keep_default_na=False)
    assert set(acled["notes"]) == {"'" + formula}
    assert set(acled["actor1"]) == {"'@SUM(1)"}


# -- the server ------------------------------------------------------------------------------------


def test_the_app_listens_on_localhost_sends_no_statistics_and_limits_uploads() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "localhost"
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["maxUploadSize"] * 2**20 <= data.MAX_UPLOAD_BYTES
    assert config["server"].get("enableXsrfProtection", True) is True
    assert config["server"].get("enableCORS", True) is True
