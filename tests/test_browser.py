"""End to end in real headless Chromium: the app as a user runs it, driven through its pages."""

from __future__ import annotations

import pytest
import yaml

from readiness.store.db import open_store
from readiness.importers import parse_bytes
from readiness.store.queries import import_assessment

from .browser import chromium_page, running_app
from .conftest import shared_dir

pytestmark = pytest.mark.browser

DRAWN = """() => {
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return charts.length > 0 && charts.every(chart => chart.querySelector('.main-svg'));
}"""
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


PATHS = {"Overview": "overview", "Scores": "scores", "Risks": "risks", "Import": "import_files"}


def _open(page, base: str, label: str = "Overview") -> None:
    """Open a page by its address, as a bookmark would, and wait for its script run to finish."""
    page.goto(f"{base}/{PATHS[label]}")
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid^=\"stSkeleton\"], [data-testid=\"stAppSkeleton\"]')",
        timeout=60_000)


def test_a_seed_uploaded_on_the_import_page_shows_its_risk_matrix(tmp_path):
    seeds = shared_dir("seeds")
    expectations = shared_dir("expectations")
    seed = seeds / "003_6b902b1d5350340d.txt"
    expected = yaml.safe_load((expectations / "003_6b902b1d5350340d.yaml").read_text())
    with running_app(f"sqlite:///{tmp_path / 'e2e.db'}", load_samples=False) as base, \
            chromium_page() as page:
        _open(page, base, "Import")
        page.locator("input[type=file]").wait_for(state="attached", timeout=60_000)
        page.locator("input[type=file]").set_input_files(str(seed))
        page.get_by_text("1 of 1 file(s) can be stored").wait_for(timeout=60_000)
        page.get_by_role("button", name="Store").click()
        page.get_by_text(f"stored as {expected['project']} v1").wait_for(timeout=60_000)
        page.wait_for_selector(IDLE, timeout=60_000)

        _open(page, base, "Risks")
        page.wait_for_function(DRAWN, timeout=60_000)
        matrix = page.locator("[data-testid='stPlotlyChart']").first
        chart_text = matrix.inner_text()
        # Levels are written in the cells, not told by colour alone.
        assert "CRITICAL" in chart_text and "LOW" in chart_text
        # The picker chose the imported project (the only one), and its risks are placed in the matrix.
        assert expected["project"] in page.get_by_test_id("stMain").inner_text()
        placed = matrix.locator("g.textpoint text").all_text_contents()
        counts = [int(t) for t in placed if t.strip().isdigit()]
        assert sum(counts) == len(expected["risks"])


def test_a_hostile_title_is_shown_as_text_and_never_runs(tmp_path):
    url = f"sqlite:///{tmp_path / 'xss.db'}"
    hostile = "<script>alert(1)</script>"
    document = (
        "schema: readiness/v1\n"
        f"project: '<img src=x onerror=alert(2)>'\n"
        f"title: '{hostile}'\n"
        "overall: {score: 50, max: 100}\n"
        "categories:\n"
        f"  - {{name: '<b>bold</b>', score: 5, max: 10}}\n"
        "risks:\n"
        f"  - {{title: '{hostile}', probability: 0.5, impact: high, mitigation: '<i>x</i>'}}\n"
    )
    engine = open_store(url)
    import_assessment(engine=engine, doc=parse_bytes(document.encode(), filename="hostile.yaml").document)
    engine.dispose()
    dialogs: list[str] = []
    with running_app(url, load_samples=False) as base, chromium_page() as page:
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for name in ("Overview", "Scores", "Risks"):
            _open(page, base, name)
            page.wait_for_function(DRAWN, timeout=60_000)
            body = page.locator("[data-testid='stMain']").inner_text()
            assert page.locator("img[src='x']").count() == 0, name
            assert page.locator("[data-testid='stMain'] b", has_text="bold").count() == 0, name
            if name != "Overview":
                assert hostile in body, name
        assert dialogs == []
