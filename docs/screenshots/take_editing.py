"""Screenshots of editing in headless Chromium: the Edit page, Import's "Correct before storing", a what-if.

Run from the project root inside the venv: `.venv/bin/python docs/screenshots/take_editing.py`.
Each is taken at 1920x1080 and at 1280x720 (`-720` in the name) on a temporary store with the samples.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from docs.screenshots.take import OUT, SAMPLE_UPLOAD  # noqa: E402
from readiness.app.samples import load_samples  # noqa: E402
from readiness.store.db import open_store  # noqa: E402
from tests.browser import chromium_page, running_app  # noqa: E402
from tests.screens import pick_project, settle  # noqa: E402


def type_into_cell(page, grid_index: int, row: int, steps_right: int, value: str) -> None:
    """Type a value into a data editor cell, as a user would: click the row, step right, type, Enter."""
    grid = page.locator("[data-testid='stDataFrame']:visible").nth(grid_index)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 120, box["y"] + 35 + 35 * row + 17)
    for _ in range(steps_right):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(value, delay=60)
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    settle(page)


def shots(base: str, width: int, height: int, suffix: str) -> None:
    with chromium_page(width, height) as page:
        # A what-if on the plan: the last phase takes two more weeks; the Gantt and the end date follow.
        page.goto(f"{base}/plan")
        settle(page)
        pick_project(page, "Lantern Maps")
        settle(page)
        page.get_by_text("What if...").click()
        settle(page)
        type_into_cell(page, 0, 2, 2, "18")
        page.mouse.move(5, 5)
        # Scrolled so that the changed cells, the end date and the Gantt are in view together.
        page.get_by_text("What if...").evaluate("element => element.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(500)
        page.screenshot(path=str(OUT / f"whatif-plan{suffix}.png"))
        print(f"docs/screenshots/whatif-plan{suffix}.png")

        # The Edit page with a risk re-rated and the change listed.
        page.goto(f"{base}/edit")
        settle(page)
        page.get_by_role("tab", name="Risks", exact=True).click()
        page.wait_for_timeout(500)
        type_into_cell(page, 0, 1, 1, "0.1")
        page.get_by_label("Note for the record").fill("planning 25 Nov: the nightly job now catches balance drift")
        page.get_by_label("Your name").fill("Ann")
        page.get_by_label("Your name").press("Enter")
        settle(page)
        page.mouse.move(5, 5)
        page.screenshot(path=str(OUT / f"edit{suffix}.png"), full_page=True)
        print(f"docs/screenshots/edit{suffix}.png")

        # Import: correcting before storing, each row beside the line it was read from.
        page.goto(f"{base}/import_files")
        settle(page)
        page.locator("input[type=file]").set_input_files(str(SAMPLE_UPLOAD))
        page.get_by_text("can be stored").wait_for(timeout=60_000)
        page.get_by_text("Correct before storing").click()
        settle(page)
        page.get_by_role("tab", name="Categories", exact=True).click()
        page.get_by_text("Correct before storing").evaluate("element => element.scrollIntoView({block: 'center'})")
        page.wait_for_timeout(500)
        page.mouse.move(5, 5)
        page.screenshot(path=str(OUT / f"import-correct{suffix}.png"), full_page=True)
        print(f"docs/screenshots/import-correct{suffix}.png")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/screens.db"
        engine = open_store(url)
        load_samples(engine=engine)
        engine.dispose()
        with running_app(url, load_samples=False) as base:
            shots(base, 1920, 1080, "")
            shots(base, 1280, 720, "-720")


if __name__ == "__main__":
    main()
