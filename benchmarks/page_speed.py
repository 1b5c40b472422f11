"""Page speed: every dashboard page against a bare one-chart page, on a store of 1,000 assessments.

    .venv/bin/python benchmarks/page_speed.py [--assessments 1000] [--projects 50] [--runs 5]

Each page runs through Streamlit's AppTest with warm caches and compiled scripts kept between runs
(as the server keeps them); the figure is the median script run, rounds interleaving the pages.
Target: every page within 2x of the bare page.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from readiness.model import (Assessment, Category, ChecklistItem, CostItem, Duration, Finding,  # noqa: E402
                             Phase, Risk, Task)

# The target is the dashboard's (issue 4); the meeting pages are measured and printed beside them.
PAGES = ["overview", "scores", "risks", "plan", "costs", "checklist", "import_files"]
MEETING_PAGES = ["compare", "present"]
TARGET = 2.0
BARE_PAGE = """
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

frame = pd.DataFrame({"category": [f"Category {i}" for i in range(8)], "score": [10 * i for i in range(8)]})
st.title("Bare page")
st.plotly_chart(go.Figure(go.Bar(x=frame["score"], y=frame["category"], orientation="h")), key="bare")
"""


def random_assessment(rng: random.Random, project: str, version: int) -> Assessment:
    """A valid assessment with every part filled, so each page has work to do."""
    categories = [Category(name=f"Category {i}", score=rng.randint(0, 100), weight=100 / 8,
                           blocker=rng.random() < 0.15) for i in range(8)]
    phases, day = [], 0
    for p in range(rng.randint(2, 5)):
        tasks, start = [], day
        for t in range(rng.randint(1, 4)):
            length = rng.randint(1, 5)
            tasks.append(Task(name=f"Task {p}.{t}", start_day=start, duration_days=length))
            start += length
        phases.append(Phase(name=f"Phase {p}", start_day=day, duration_days=start - day,
                            priority=rng.choice(["critical", "high", "medium", "low"]), tasks=tasks,
                            deliverables=[f"Deliverable {p}"] if rng.random() < 0.5 else []))
        day = start
    return Assessment(
        project=project, title=f"{project} review {version}",
        date=f"2025-{1 + version % 12:02d}-{1 + version % 28:02d}",
        status=rng.choice(["NOT READY", "CONDITIONALLY READY", "READY"]),
        overall={"score": rng.randint(20, 95), "max": 100},
        time_to_ready=Duration(min=1, max=rng.randint(1, 6), unit="weeks"),
        categories=categories,
        findings=[Finding(title=f"Finding {i}", category=f"Category {i % 8}",
                          severity=rng.choice(["critical", "high", "medium", "low", "info"]),
                          effort=Duration(min=1, max=3, unit="days")) for i in range(rng.randint(3, 15))],
        risks=[Risk(title=f"Risk {i}", probability=round(rng.random(), 2),
                    impact=rng.choice(["critical", "high", "medium", "low"]), mitigation=f"Mitigation {i}")
               for i in range(rng.randint(2, 10))],
        checklist=[ChecklistItem(category=f"Group {i % 4}", text=f"Item {i}", done=rng.random() < 0.5)
                   for i in range(rng.randint(5, 30))],
        phases=phases,
        costs=[CostItem(name="Engineering", min=10000, max=20000),
               CostItem(name="Hosting", min=100, max=300, recurrence="monthly")],
    )


def fill_store(url: str, *, assessments: int, projects: int, seed: int = 7) -> None:
    """Import `assessments` generated documents spread over `projects` projects."""
    from readiness.store.db import open_store
    from readiness.store.queries import import_assessment

    rng = random.Random(seed)
    engine = open_store(url)
    for n in range(assessments):
        project = f"Project {n % projects:02d}"
        import_assessment(engine=engine, doc=random_assessment(rng, project, n // projects + 1))
    engine.dispose()


def _navigation_mode() -> None:
    """AppTest resets PagesManager.uses_pages_directory every run; a pages/ folder would then switch on
    the legacy pages-folder mode. Keep the flag st.navigation sets, as the real server does."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import app_test

    class NavigationPagesManager(PagesManager):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            PagesManager.uses_pages_directory = False

    app_test.PagesManager = NavigationPagesManager


def _shared_script_cache() -> None:
    """AppTest compiles every script on every run; the server compiles once and keeps the bytecode.
    Share one ScriptCache, as the server does, so the timings are of running pages, not compiling them."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


def timed_run(at) -> float:
    """Seconds of one script run."""
    start = time.perf_counter()
    at.run(timeout=120)
    seconds = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assessments", type=int, default=1000)
    parser.add_argument("--projects", type=int, default=50)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the temporary store for a look afterwards")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="readiness-bench-"))
    try:
        return run(args, workdir)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


def run(args: argparse.Namespace, workdir: Path) -> int:
    """Fill a store in `workdir`, time every page, print the ratios; 0 when the target is met."""
    url = f"sqlite:///{workdir / 'bench.db'}"
    os.environ["READINESS_DATABASE_URL"] = url
    os.environ["READINESS_LOAD_SAMPLES"] = "false"
    start = time.perf_counter()
    fill_store(url, assessments=args.assessments, projects=args.projects)
    print(f"stored {args.assessments} assessments in {args.projects} projects "
          f"in {time.perf_counter() - start:.1f} s ({workdir})")

    import logging

    from streamlit.testing.v1 import AppTest
    # AppTest runs without a server; Streamlit warns about that on every run, drowning the figures.
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    _navigation_mode()
    _shared_script_cache()

    bare_script = workdir / "bare_page.py"
    bare_script.write_text(textwrap.dedent(BARE_PAGE))
    apps = {"bare page": AppTest.from_file(str(bare_script), default_timeout=120)}
    for page in PAGES + MEETING_PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run(timeout=120)
        apps[page] = at.switch_page(f"pages/{page}.py")
    for at in apps.values():  # warm caches
        timed_run(at)
    # Rounds interleave the pages, so load from other processes hits all of them alike.
    times: dict[str, list[float]] = {name: [] for name in apps}
    for _ in range(args.runs):
        for name, at in apps.items():
            times[name].append(timed_run(at))
    medians = {name: statistics.median(values) for name, values in times.items()}
    bare = medians.pop("bare page")
    print(f"{'bare page':<14} {bare * 1000:8.1f} ms   1.00x")
    worst = 0.0
    for page, seconds in medians.items():
        ratio = seconds / bare
        if page in PAGES:
            worst = max(worst, ratio)
        note = "" if page in PAGES else "   (meeting page: measured, not under the target)"
        print(f"{page:<14} {seconds * 1000:8.1f} ms {ratio:6.2f}x{note}")
    met = worst <= TARGET
    print(f"target: every dashboard page within {TARGET:g}x of the bare page: {'met' if met else 'NOT met'} "
          f"(worst {worst:.2f}x)")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
