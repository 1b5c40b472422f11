"""End to end in headless Chromium: a git history found and stored on the Import page, then its trend."""

from __future__ import annotations

import datetime as dt

import pytest

from .browser import chromium_page, running_app
from .gitrepo import GitRepo, assessment
from .test_browser import IDLE

pytestmark = pytest.mark.browser


def test_versions_stored_from_a_repository_are_drawn_over_time_with_their_commit_on_hover(tmp_path):
    git = GitRepo(tmp_path / "repo")
    commits = [git.commit({"READINESS.md": assessment("Gull Ledger", overall, overall - 10)}, f"Rescore {n}",
                          dt.datetime(2025, 6 + n, 2, 9, tzinfo=dt.timezone.utc))
               for n, overall in enumerate([35, 48, 52, 69])]
    git.close()
    with running_app(f"sqlite:///{tmp_path / 'e2e.db'}", load_samples=False) as base, \
            chromium_page(1600, 1000) as page:
        page.goto(f"{base}/import_files")
        page.wait_for_selector(IDLE, timeout=60_000)
        page.get_by_text("Import every version from a git repository").click()
        field = page.get_by_label("Repository folder on the server")
        field.fill(str(tmp_path / "repo"))
        field.press("Enter")
        page.get_by_role("button", name="Find versions").click()
        page.get_by_text("4 to store").wait_for(timeout=60_000)
        page.get_by_role("button", name="Store versions (4)").click()
        page.get_by_text("stored as Gull Ledger v4").wait_for(timeout=60_000)

        page.goto(base)  # the Overview, the default page
        page.wait_for_selector(IDLE, timeout=60_000)
        page.get_by_text("Gull Ledger: score over time").wait_for(timeout=60_000)
        chart = page.get_by_test_id("stPlotlyChart").last
        chart.locator(".main-svg").first.wait_for(timeout=60_000)
        chart.scroll_into_view_if_needed()
        points = chart.locator(".scatterlayer .points path")
        assert points.count() == 4
        ticks = " ".join(chart.locator(".xtick").all_text_contents())
        assert "2025" in ticks and "Jul" in ticks  # a date axis, not version numbers
        box = points.last.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        hover = page.locator(".hoverlayer")
        hover.get_by_text(f"commit {commits[-1][:10]}: Rescore 3").wait_for(timeout=10_000)
        assert "Overall: 69%" in " ".join(hover.locator("text").all_text_contents())
