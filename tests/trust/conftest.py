"""The trust suite's settings: Hypothesis profiles (``ci`` runs thousands of examples per
property; ``dev`` a few hundred, for a quick look) chosen with ``HYPOTHESIS_PROFILE``."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from tests.trust.inputs import OUTCOMES
from tests.ui.conftest import app_folders, navigation_app  # noqa: F401  (AppTest fixtures, shared)

settings.register_profile(
    "ci",
    max_examples=3000,
    deadline=None,  # a shared 2-core machine makes per-example timing meaningless
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile("dev", parent=settings.get_profile("ci"), max_examples=200)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)
# Properties that run the whole extraction (a few milliseconds an example) get fewer examples.
PIPELINE_EXAMPLES = {"ci": 2000, "dev": 100}.get(PROFILE, 2000)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """List what each bad or large input gave: its one-line refusal, or what was read."""
    if OUTCOMES:
        terminalreporter.section("bad and large inputs: what each gave")
        for item, line in sorted(OUTCOMES.items()):
            terminalreporter.write_line(f"{item:<24} {line}")
