"""The dashboard in a real browser: Playwright drives Debian's Chromium against `streamlit run`
over the hand-made fixture tables. Every page renders, the map canvas draws, the timeline
renders, an actor filter shrinks the claims and survives a copied URL, downloads arrive, and
the page asks nothing of any machine but this one."""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from lib.data import ENV_DOCUMENTS, ENV_SEEDS, ENV_TABLES
from lib.palette import SIDE_COLORS, border_color, hex_to_rgb
from tests.fixtures import write_fixture_csvs

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("SITREP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The first request is a deep link: a fresh server must still run every page through app.py.
PAGES = {
    "border_map": "Border map",
    "": "Situation overview",
    "timeline": "Timeline",
    "claims": "Claims by source",
    "casualties": "Casualty figures",
    "documents": "Documents",
}
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.is_file(),
        reason=f"browser test skipped: no Chromium at {CHROMIUM} (install Debian's `chromium`; .ci/run does)",
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, *, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"streamlit did not answer at {url} within {timeout:.0f} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """`streamlit run app.py` on a free port over the fixture tables; stopped afterwards."""
    folder = tmp_path_factory.mktemp("dashboard")
    write_fixture_csvs(folder / "tables")
    env = {
        **os.environ,
        ENV_TABLES: str(folder / "tables"),
        ENV_SEEDS: str(folder / "seeds"),
        ENV_DOCUMENTS: str(folder / "added"),
        "BROWSER_PATH": str(CHROMIUM),
    }
    port = free_port()
    log = (folder / "streamlit.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "localhost"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    url = f"http://localhost:{port}"
    try:
        wait_healthy(url, process)
        yield url
    finally:
        with_group = os.getpgid(process.pid) if process.poll() is None else None
        if with_group is not None:
            os.killpg(with_group, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(with_group, signal.SIGKILL)
        log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000}, color_scheme="light")
    page = context.new_page()
    page.requests = []
    page.errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def open_page(page, url: str, title: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    page.get_by_role("heading", name=title, level=1).wait_for(timeout=60_000)
    page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stMultiSelect"]', timeout=60_000)
    wait_idle(page)


def wait_idle(page, *, timeout: float = 60_000) -> None:
    """Wait until the script run is over (Streamlit marks the app root)."""
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)


def metric(page, label: str) -> int:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return int(box.locator('[data-testid="stMetricValue"]').inner_text().replace(",", ""))


def offsite(urls: list[str]) -> list[str]:
    return [u for u in urls if not u.startswith(("data:", "blob:")) and urlparse(u).hostname not in LOCAL_HOSTS]


def distinct_colours(png: bytes) -> set[tuple[int, int, int]]:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB").resize((200, 140))
    return {colour for _, colour in image.getcolors(maxcolors=200 * 140)}


def test_the_dashboard_in_a_real_browser(server, page, tmp_path):
    # every page renders, without an exception on the page or in the browser
    for path, title in PAGES.items():
        open_page(page, f"{server}/{path}", title)
        assert page.locator('[data-testid="stException"]').count() == 0, f"exception on /{path}"
        navigation = page.locator('[data-testid="stSidebarNav"]').inner_text()
        assert "Claims by source" in navigation and "app" not in navigation.split(), navigation

    # the timeline draws its events
    open_page(page, f"{server}/timeline", "Timeline")
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.locator(".main-svg").first.wait_for(timeout=30_000)
    assert chart.locator(".scatterlayer .point").count() >= 3  # day-precise events
    assert chart.locator(".barlayer .point").count() >= 1  # "in March" as a span

    # chart downloads arrive: PNG, SVG, standalone HTML
    for label, magic in (("⬇️ PNG", b"\x89PNG"), ("⬇️ SVG", b"<svg"), ("⬇️ HTML", b"<html")):
        with page.expect_download(timeout=90_000) as download:
            page.get_by_role("button", name=label).first.click()
        content = Path(download.value.path()).read_bytes()
        assert magic in content[:4000], f"{label} download is not what it says"

    # the border map draws countries, the border and places on its canvas
    open_page(page, f"{server}/border_map", "Border map")
    canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    canvas.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    colours = distinct_colours(canvas.screenshot())
    assert len(colours) > 20, "the map canvas is blank"
    border = hex_to_rgb(border_color("light"))  # the browser context asks for the light theme
    assert any(max(abs(a - b) for a, b in zip(c, border, strict=True)) < 40 for c in colours), "no border drawn"
    assert any(max(abs(a - b) for a, b in zip(c, hex_to_rgb(SIDE_COLORS["Ukraine"]), strict=True)) < 40
               for c in colours), "no place drawn"  # fmt: skip

    # an actor filter shrinks the claims table and sits in the URL
    open_page(page, f"{server}/claims", "Claims by source")
    before = metric(page, "Claims")
    actor = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Actor")
    actor.locator("input").click()
    page.keyboard.type("Russian Armed Forces")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('actor=')", timeout=30_000)
    wait_idle(page)
    after = metric(page, "Claims")
    assert 0 < after < before

    # a CSV download holds exactly the filtered rows
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="⬇️ CSV").first.click()
    lines = Path(download.value.path()).read_text(encoding="utf-8").strip().splitlines()
    assert lines[0].startswith("claim_id,") and len(lines) - 1 == after

    # the copied URL reopens the same view
    copied = page.url
    assert "actor=Russian+Armed+Forces" in copied or "actor=Russian%20Armed%20Forces" in copied
    other = page.context.new_page()
    open_page(other, copied, "Claims by source")
    assert metric(other, "Claims") == after
    other.close()

    # nothing was asked of any machine but this one
    assert offsite(page.requests) == []
    assert page.errors == []
