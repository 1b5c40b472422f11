"""Screenshots as a user sees them, in headless Chromium: every page at 1920x1080, and every Present slide
of both seeds at 1280x720 (the smaller screen a slide must fit) under present/.

Run from the project root inside the venv: `.venv/bin/python docs/screenshots/take.py [NAME...]`, where
NAME is a page (overview, scores, ...) or `present-slides` (the seeds' slides); none means everything.
The store is a temporary one holding the samples and the two seeds of ../shared (when present).
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from readiness.app.samples import load_samples  # noqa: E402
from readiness.importers import parse_file  # noqa: E402
from readiness.store.db import open_store  # noqa: E402
from readiness.store.queries import import_assessment  # noqa: E402
from tests import screens  # noqa: E402
from tests.browser import chromium_page, running_app  # noqa: E402

# Screenshot name -> the page's menu label.
PAGES = {"overview": "Overview", "scores": "Scores", "risks": "Risks", "plan": "Plan", "costs": "Costs",
         "checklist": "Checklist", "import": "Import", "compare": "Compare", "present": "Present"}
OUT = Path(__file__).resolve().parent
SAMPLE_UPLOAD = ROOT / "data" / "samples" / "harbor-ledger-2025-09.md"
# Two versions of one project make the richest comparison and agenda.
RICHEST = "Lantern Maps"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def pages(page, base: str, only: set[str]) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    screens.open_app(page, base)
    screens.pick_project(page, RICHEST)
    for name, label in PAGES.items():
        if only and name not in only:
            continue
        screens.go_to(page, label)
        if name == "import":
            # Show what a user sees after choosing a file: the preview before storing.
            page.locator("input[type=file]").set_input_files(str(SAMPLE_UPLOAD))
            page.get_by_text("can be stored").wait_for(timeout=60_000)
            screens.settle(page)
        page.screenshot(path=str(OUT / f"{name}.png"))
        print(f"docs/screenshots/{name}.png")
        if name == "present":
            screens.leave_present(page)
        elif name == "import":
            page.reload()
            screens.settle(page)
            screens.pick_project(page, RICHEST)


def present(page, base: str, projects: list[str]) -> None:
    """Every slide of each seed at 1280x720 (projects are picked at 1920x1080, where the sidebar shows)."""
    folder = OUT / "present"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    page.set_viewport_size({"width": 1920, "height": 1080})
    screens.open_app(page, base)
    for project in projects:  # on the Overview: at the start, and after leaving Present
        screens.pick_project(page, project)
        screens.go_to(page, "Present")
        page.set_viewport_size({"width": 1280, "height": 720})
        number, count = screens.slide_position(page)
        while True:
            screens.settle(page)
            path = folder / f"{_slug(project)}-{number:02d}.png"
            page.screenshot(path=str(path))
            print(path.relative_to(ROOT))
            if number == count:
                break
            screens.next_slide(page)
            number, count = screens.slide_position(page)
        page.set_viewport_size({"width": 1920, "height": 1080})
        screens.leave_present(page)


def main() -> None:
    only = set(sys.argv[1:])
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/screens.db"
        engine = open_store(url)
        load_samples(engine=engine)
        seeds = ROOT.parent / "shared" / "seeds"
        projects = [import_assessment(engine=engine, doc=parse_file(seed).document).project
                    for seed in (sorted(seeds.glob("*.txt")) if seeds.is_dir() else [])]
        engine.dispose()
        with running_app(url, load_samples=False, port=8511) as base, chromium_page(1920, 1080) as page:
            if not only or only - {"present-slides"}:
                pages(page, base, only - {"present-slides"})
            if (not only or "present-slides" in only) and projects:
                present(page, base, projects)


if __name__ == "__main__":
    main()
