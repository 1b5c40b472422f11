"""Every page and every Present slide, for the samples and both seeds, at 1920x1080 and 1280x720 in headless
Chromium: no page scrolls sideways, no slide scrolls down, no chart text under 16 px (read from the
rendered SVG), no slide text under 24 px.

One server and one browser page for everything: each page is opened once per project through the
sidebar menu and measured at both sizes by resizing, not reloading (the CI budget is 15 minutes).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.app.samples import load_samples
from readiness.importers import parse_file
from readiness.store.db import open_store
from readiness.store.queries import import_assessment

from . import screens
from .browser import chromium_page, running_app
from .conftest import SHARED

pytestmark = pytest.mark.browser

SEEDS = ("000_21aca61c4e78909a.txt", "003_6b902b1d5350340d.txt")
# Pages that show the picked project; Import and the Overview show the same for every project.
PROJECT_PAGES = ("Scores", "Risks", "Plan", "Costs", "Checklist", "Compare")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> tuple[str, list[str]]:
    """The samples and, where ../shared is checked out, both seeds; the projects to look at."""
    url = f"sqlite:///{tmp_path_factory.mktemp('screens') / 'store.db'}"
    engine = open_store(url)
    stored, errors = load_samples(engine=engine)
    assert not errors, errors
    projects = sorted({parse_file(path).document.project for path in (Path(__file__).parents[1] / "data" / "samples").iterdir()})
    seeds = [SHARED / "seeds" / name for name in SEEDS]
    for seed in seeds:
        if seed.exists():
            projects.append(import_assessment(engine=engine, doc=parse_file(seed).document).project)
    engine.dispose()
    return url, projects


def _problems(found: dict, where: str) -> list[str]:
    return [f"{where} at {w}x{h}: {problem}" for (w, h), problems in found.items() for problem in problems]


def test_every_page_and_slide_fits_and_reads_at_both_sizes(store):
    if not all((SHARED / "seeds" / name).exists() for name in SEEDS):
        pytest.skip(f"{SHARED / 'seeds'} lacks the two seeds: the samples alone are not what this test promises")
    url, projects = store
    problems: list[str] = []
    slides_seen: dict[str, int] = {}
    with running_app(url, load_samples=False) as base, chromium_page(1280, 720) as page:
        screens.open_app(page, base)
        problems += _problems(screens.check_both_sizes(page, slide=False), "Overview")
        screens.go_to(page, "Import")
        problems += _problems(screens.check_both_sizes(page, slide=False), "Import")
        screens.go_to(page, "Overview")
        for project in projects:  # on the Overview: at the start, and after leaving Present
            screens.pick_project(page, project)
            for label in PROJECT_PAGES:
                screens.go_to(page, label)
                problems += _problems(screens.check_both_sizes(page, slide=False), f"{project}: {label}")
            screens.go_to(page, "Present")
            number, count = screens.slide_position(page)
            assert number == 1, f"{project}: Present opened on slide {number}"
            while True:
                problems += _problems(screens.check_both_sizes(page, slide=True), f"{project}: slide {number}")
                if number == count:
                    break
                screens.next_slide(page)  # the right arrow key, as a presenter would
                number, count = screens.slide_position(page)
            slides_seen[project] = count
            screens.leave_present(page)
    assert set(slides_seen) == set(projects) and all(n >= 7 for n in slides_seen.values()), slides_seen
    assert problems == [], "\n".join(problems)


def test_the_edit_page_shows_its_tables_and_buttons_whole_at_both_sizes(store):
    url, _projects = store
    with running_app(url, load_samples=False) as base, chromium_page(1280, 720) as page:
        screens.open_app(page, base)
        screens.go_to(page, "Edit")
        problems = _problems(screens.check_both_sizes(page, slide=False), "Edit")
    assert problems == [], "\n".join(problems)
