"""AppTest harness: the app over the hand-made fixture tables, in a temporary folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from lib.data import ENV_DOCUMENTS, ENV_SEEDS, ENV_TABLES
from tests.fixtures import write_fixture_csvs

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGES = ["overview", "timeline", "border_map", "claims", "casualties", "documents"]


@pytest.fixture
def app_folders(tmp_path, monkeypatch) -> Path:
    """Point the app at the fixture tables and an empty folder for added documents."""
    write_fixture_csvs(tmp_path / "tables")
    monkeypatch.setenv(ENV_TABLES, str(tmp_path / "tables"))
    monkeypatch.setenv(ENV_SEEDS, str(tmp_path / "seeds"))
    monkeypatch.setenv(ENV_DOCUMENTS, str(tmp_path / "added"))
    return tmp_path


@pytest.fixture
def navigation_app(monkeypatch) -> None:
    """Run app.py as an ``st.navigation`` app on every AppTest run.

    AppTest forgets before each run that the app uses ``st.navigation``; seeing a ``pages/``
    folder it falls back to the old pages-folder mode and, from the second run on, runs the
    page file alone. The page then reruns through app.py (``frame.current_view``), but that
    rerun drops a button click. The real server keeps the flag once ``st.navigation`` has
    run; this does the same (test_pages tests the rerun without it)."""
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def make_app(app_folders, navigation_app) -> Callable[..., AppTest]:
    """An AppTest of app.py, run once on ``page`` with the given URL query parameters."""

    def _make(page: str = "overview", **params: str | list[str]) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.query_params.update(params)
        at.run()
        if page != "overview":
            at.switch_page(f"pages/{page}.py").run()
        return at

    return _make
