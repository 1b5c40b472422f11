"""Page speed: every page, cold and warm, against a bare one-chart page, at 1,000 to 100,000 stored.

    .venv/bin/python benchmarks/page_speed.py [--sizes 1000,10000,100000] [--projects 50] [--runs 7]
        [--database postgresql+psycopg://user:password@host/db] [--stores DIR]

For each size a store is filled with generated assessments (bulk inserts, see storefill.py) and
every page runs through Streamlit's AppTest, with compiled scripts kept between runs as the server
keeps them. Three states: warm (the caches hold what the previous run read); cold (the cached lists
cleared first, exactly what an import clears and what expires every 30 s); first (every cache but
the engine cleared: documents read and charts built again, as for an assessment nobody opened yet).
Each round runs every page in the three states, the bare page among them, so load from elsewhere
hits all alike; figures are medians. Target: every page, cold and warm, within 2x of the bare page
at 1,000 stored and within 3x at more; first opens are printed beside them. Exit status 0 only
when every target is met.

--database runs against that database instead of a temporary SQLite file: its readiness tables
are dropped and refilled. --stores keeps the filled SQLite stores in DIR and reuses them.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.storefill import fill_store  # noqa: E402

STATES = ("first", "cold", "warm")
PAGES = ["overview", "scores", "risks", "plan", "costs", "checklist", "import_files", "compare", "present"]
BARE_PAGE = """
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

frame = pd.DataFrame({"category": [f"Category {i}" for i in range(8)], "score": [10 * i for i in range(8)]})
st.title("Bare page")
st.plotly_chart(go.Figure(go.Bar(x=frame["score"], y=frame["category"], orientation="h")), key="bare")
"""


def target_for(size: int) -> float:
    return 2.0 if size <= 1000 else 3.0


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


def clear_reads(*, everything: bool) -> None:
    """Cold: what an import (or the 30 s ttl) clears, the lists. First: the documents, charts and
    comparisons too, as when a page shows an assessment nobody opened since the server started."""
    from readiness.app import reads

    reads.clear_caches(everything=everything)
    if everything:
        reads.understand.clear()


def timed_run(at, *, state: str) -> float:
    """Seconds of one script run in that state: "first", "cold" or "warm"."""
    if state != "warm":
        clear_reads(everything=state == "first")
    start = time.perf_counter()
    at.run(timeout=300)
    seconds = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    return seconds


def measure(url: str, runs: int, workdir: Path) -> dict[str, dict[str, float]]:
    """Median seconds per page, cold and warm."""
    from streamlit.testing.v1 import AppTest

    os.environ["READINESS_DATABASE_URL"] = url
    os.environ["READINESS_LOAD_SAMPLES"] = "false"
    bare_script = workdir / "bare_page.py"
    bare_script.write_text(textwrap.dedent(BARE_PAGE))
    apps = {"bare page": AppTest.from_file(str(bare_script), default_timeout=300)}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run(timeout=300)
        apps[page] = at.switch_page(f"pages/{page}.py")
    for at in apps.values():  # first runs: compile the scripts, open the engine
        timed_run(at, state="warm")
    times = {name: {state: [] for state in STATES} for name in apps}
    for _ in range(runs):
        for name, at in apps.items():
            for state in STATES:
                times[name][state].append(timed_run(at, state=state))
    clear_reads(everything=True)
    return {name: {kind: statistics.median(values) for kind, values in series.items()}
            for name, series in times.items()}


def report(label: str, size: int, medians: dict[str, dict[str, float]]) -> bool:
    """Print one size's table; True when every page is within the target both cold and warm."""
    bare = medians["bare page"]
    target = target_for(size)
    print(f"\n{label}")
    print(f"{'page':<14}" + "".join(f" {state + ' ms':>9} {state + ' x':>8}" for state in STATES))
    worst = 0.0
    for name, figures in medians.items():
        ratios = {state: figures[state] / bare[state] for state in STATES}
        if name != "bare page":
            worst = max(worst, ratios["cold"], ratios["warm"])
        print(f"{name:<14}" + "".join(f" {figures[state] * 1000:9.1f} {ratios[state]:7.2f}x" for state in STATES))
    met = worst <= target
    print(f"target: every page, cold and warm, within {target:g}x of the bare page: "
          f"{'met' if met else 'NOT met'} (worst {worst:.2f}x); first opens are shown, not under the target")
    return met


def prepare_store(args: argparse.Namespace, size: int, workdir: Path) -> tuple[str, str]:
    """A filled store of `size` assessments: (url, how it was made)."""
    if args.database:
        from sqlmodel import SQLModel

        from readiness.store.db import make_engine

        engine = make_engine(args.database)
        SQLModel.metadata.drop_all(engine)
        engine.dispose()
        seconds = fill_store(args.database, assessments=size, projects=args.projects)
        return args.database, f"filled in {seconds:.0f} s"
    folder = Path(args.stores) if args.stores else workdir
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"store-{size}-{args.projects}.db"
    url = f"sqlite:///{path}"
    if path.exists():
        return url, f"reused {path}"
    seconds = fill_store(url, assessments=size, projects=args.projects)
    return url, f"filled in {seconds:.0f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="stored assessments, comma-separated")
    parser.add_argument("--projects", type=int, default=50)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--database", help="a PostgreSQL URL to use instead of temporary SQLite files")
    parser.add_argument("--stores", help="keep (and reuse) the filled SQLite stores in this folder")
    args = parser.parse_args()

    # AppTest runs without a server; Streamlit warns about that on every run, drowning the figures.
    logging.disable(logging.WARNING)
    _navigation_mode()
    _shared_script_cache()
    workdir = Path(tempfile.mkdtemp(prefix="readiness-bench-"))
    all_met = True
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            url, how = prepare_store(args, size, workdir)
            backend = "PostgreSQL" if args.database else "SQLite"
            medians = measure(url, args.runs, workdir)
            label = (f"{size:,} assessments in {args.projects:,} projects, {backend} ({how}); "
                     f"medians of {args.runs} rounds")
            all_met &= report(label, size, medians)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if all_met else 1


if __name__ == "__main__":
    raise SystemExit(main())
