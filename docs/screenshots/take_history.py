"""Screenshots of the score trends drawn from a git history, at 1920x1080 and 1280x720.

Builds a small fictional repository with dulwich (six versions of one assessment over five months,
renamed once, some dated by the document and some by their commit), starts the app on port 8515 with an
empty store, finds and stores the versions on the Import page (screenshot of the preview), and takes the
Overview and Scores pages scrolled to their trend charts.

Run from the project root inside the venv: `.venv/bin/python docs/screenshots/take_history.py`.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import tests.browser as browser  # noqa: E402
from tests.screens import settle  # noqa: E402
from tests.gitrepo import GitRepo  # noqa: E402

OUT = Path(__file__).resolve().parent
PORT = 8515
CATEGORIES = ["Security", "Testing", "Observability", "Reliability", "Documentation"]
# (commit day, the document's own date or None, overall, category scores out of 10)
VERSIONS = [
    ((2025, 8, 4), None, 38, [3, 2, 4, 5, 4]),
    ((2025, 8, 29), "2025-08-28", 46, [4, 3, 4, 6, 5]),
    ((2025, 9, 22), None, 52, [5, 5, 4, 6, 5]),
    ((2025, 10, 20), "2025-10-17", 61, [6, 6, 5, 7, 6]),
    ((2025, 11, 14), None, 58, [6, 7, 3, 7, 6]),
    ((2025, 12, 12), "2025-12-11", 74, [8, 7, 7, 8, 7]),
]
MESSAGES = ["First readiness pass", "Rescore after the auth review", "Move the assessment under docs/",
            "Tests in CI; rescore", "Alerting regressed after the migration", "Pre-launch rescore"]


def document(date: str | None, overall: int, scores: list[int]) -> bytes:
    lines = ["# Production Readiness Assessment - Kestrel Pay", ""]
    if date:
        lines += [f"**Date**: {date}", ""]
    lines += [f"**Overall Score**: **{overall}/100**", "", "## Readiness Matrix", "",
              "| Category | Score | Status |", "|----------|-------|--------|"]
    lines += [f"| {name} | {score}/10 | {'Needs work' if score < 6 else 'Fair'} |"
              for name, score in zip(CATEGORIES, scores)]
    return ("\n".join(lines) + "\n").encode()


def build(folder: Path) -> None:
    repo = GitRepo(folder)
    for index, ((year, month, day), date, overall, scores) in enumerate(VERSIONS):
        name = "PRODUCTION_READINESS.md" if index < 2 else "docs/PRODUCTION_READINESS.md"
        files = {name: document(date, overall, scores), "src/kestrel.py": f"STEP = {index}\n".encode()}
        when = dt.datetime(year, month, day, 10 + index, 15, tzinfo=dt.timezone(dt.timedelta(hours=1)))
        repo.commit(files, MESSAGES[index], when)
    repo.close()


def scroll_to(page, text: str) -> None:
    page.get_by_text(text, exact=False).first.scroll_into_view_if_needed()
    page.mouse.wheel(0, -60)
    page.wait_for_timeout(800)


def import_on_the_page(page, base: str, repository: Path) -> None:
    """Find the versions on the Import page, screenshot the preview, then store them."""
    page.goto(f"{base}/import_files")
    settle(page)
    page.get_by_text("Import every version from a git repository").click()
    page.get_by_label("Repository folder on the server").fill(str(repository))
    page.get_by_label("Repository folder on the server").press("Enter")
    page.get_by_role("button", name="Find versions").click()
    page.get_by_text("distinct version(s)").wait_for(timeout=60_000)
    settle(page)
    page.screenshot(path=str(OUT / "import-history.png"))
    print("docs/screenshots/import-history.png")
    page.get_by_role("button", name="Store versions").click()
    page.get_by_text("stored as Kestrel Pay v6").wait_for(timeout=60_000)


def main() -> None:
    browser.free_port = lambda: PORT  # the one port this machine's engineers agreed on for a server
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/history.db"
        build(Path(folder) / "kestrel")
        with browser.running_app(url, load_samples=False) as base:
            for width, height in ((1920, 1080), (1280, 720)):
                with browser.chromium_page(width, height) as page:
                    if width == 1920:
                        import_on_the_page(page, base, Path(folder) / "kestrel")
                    # The Overview is the default page: its address is the app's own.
                    for name, path, heading in (("overview", "", "score over time"),
                                                ("scores", "scores", "Category scores over time")):
                        page.goto(f"{base}/{path}")
                        settle(page)
                        scroll_to(page, heading)
                        suffix = "" if width == 1920 else f"-{width}"
                        target = OUT / f"trend-{name}{suffix}.png"
                        page.screenshot(path=str(target))
                        print(target.relative_to(ROOT))
                        if name == "overview" and width == 1920:
                            # Hover the newest point: its commit and the commit's message show.
                            chart = page.get_by_test_id("stPlotlyChart").last
                            box = chart.locator(".scatterlayer .points path").last.bounding_box()
                            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
                            page.wait_for_timeout(800)
                            page.screenshot(path=str(OUT / "trend-overview-hover.png"))
                            print("docs/screenshots/trend-overview-hover.png")


if __name__ == "__main__":
    main()
