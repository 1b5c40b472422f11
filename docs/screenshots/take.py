"""Take a 1920x1080 screenshot of every page in headless Chromium, as a user would see it.

Run from the project root inside the venv: `.venv/bin/python docs/screenshots/take.py`.
The store is a temporary one holding the samples (and the two seeds of ../shared when present).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from readiness.store.db import open_store  # noqa: E402
from readiness.importers import parse_file  # noqa: E402
from readiness.app.samples import load_samples  # noqa: E402
from readiness.store.queries import import_assessment  # noqa: E402
from tests.browser import chromium_page, running_app  # noqa: E402

# Screenshot name -> the page's URL path (its file name in pages/).
PAGES = {"overview": "overview", "scores": "scores", "risks": "risks", "plan": "plan", "costs": "costs",
         "checklist": "checklist", "import": "import_files", "compare": "compare", "present": "present"}
OUT = Path(__file__).resolve().parent
SAMPLE_UPLOAD = ROOT / "data" / "samples" / "harbor-ledger-2025-09.md"


def wait_until_drawn(page) -> None:
    """Wait for Streamlit to finish the script run and for every plotly chart to draw."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000)
    # Placeholders stand where elements of the previous run are still being replaced.
    page.wait_for_function(
        "() => !document.querySelector('[data-testid^=\"stSkeleton\"], [data-testid=\"stAppSkeleton\"]')",
        timeout=60_000)
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                 .every(chart => chart.querySelector('.main-svg'))""", timeout=60_000)
    page.wait_for_timeout(1000)  # plotly's transitions


def pick_project(page, project: str) -> None:
    """Choose a project in the sidebar picker, as a user would."""
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name=project).click()
    page.wait_for_timeout(500)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/screens.db"
        engine = open_store(url)
        load_samples(engine=engine)
        seeds = ROOT.parent / "shared" / "seeds"
        for seed in sorted(seeds.glob("*.txt")) if seeds.is_dir() else []:
            import_assessment(engine=engine, doc=parse_file(seed).document)
        engine.dispose()
        only = set(sys.argv[1:])
        with running_app(url, load_samples=False) as base, chromium_page(1920, 1080) as page:
            for name, path in PAGES.items():
                if only and name not in only:
                    continue
                page.goto(f"{base}/{path}")
                wait_until_drawn(page)
                if name in ("compare", "present"):
                    # Two versions of one project make the richest comparison and agenda.
                    pick_project(page, "Lantern Maps")
                    wait_until_drawn(page)
                if name == "import":
                    # Show what a user sees after choosing a file: the preview before storing.
                    page.locator("input[type=file]").set_input_files(str(SAMPLE_UPLOAD))
                    page.get_by_text("can be stored").wait_for(timeout=60_000)
                    wait_until_drawn(page)
                page.screenshot(path=str(OUT / f"{name}.png"))
                print(f"docs/screenshots/{name}.png")


if __name__ == "__main__":
    main()
