"""Import speed: `readiness import` of 1,000 markdown files and of 1,000 YAML files into a new store.

    .venv/bin/python benchmarks/import_speed.py [--files 1000] [--runs 1] [--jobs N]

The markdown files are the project's own fixtures (tests/fixtures/markdown, data/samples), each
copied with its title numbered so that every file is a new assessment; the YAML files are generated
documents with every part filled (storefill.random_assessment). Each run is the whole command, as
a person types it (start-up included), into a fresh SQLite store; rounds alternate the kinds and
the parallel import with a one-process one (`--jobs 1`), and figures are medians. Beside them: the
parsing alone in this process, the floor a single core cannot go below.
Target: each kind, 1,000 files in under 10 s (on 2 cores).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.storefill import random_assessment  # noqa: E402

TARGET_SECONDS = 10.0
MARKDOWN_SOURCES = sorted([*(ROOT / "tests" / "fixtures" / "markdown").glob("*.md"), *(ROOT / "data" / "samples").glob("*.md")])


def write_markdown(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    texts = [path.read_text(encoding="utf-8") for path in MARKDOWN_SOURCES]
    for n in range(count):
        first, _, rest = texts[n % len(texts)].partition("\n")
        (folder / f"{n:04d}-{MARKDOWN_SOURCES[n % len(texts)].name}").write_text(
            f"{first} (copy {n})\n{rest}", encoding="utf-8")


def write_yaml(folder: Path, count: int) -> None:
    from readiness.importers.yaml_importer import dump

    folder.mkdir(parents=True)
    rng = random.Random(11)
    for n in range(count):
        doc = random_assessment(rng, f"Project {n % 50:02d}", n // 50 + 1)
        (folder / f"{n:04d}.yaml").write_text(dump(doc), encoding="utf-8")


def parse_only(folder: Path) -> float:
    """Seconds to parse (and prepare the rows of) every file in this one process."""
    from readiness.bulk import prepare_file

    start = time.perf_counter()
    for path in sorted(folder.iterdir()):
        prepare_file(path)
    return time.perf_counter() - start


def run_import(folder: Path, store: Path, jobs: int | None) -> tuple[float, str]:
    """Seconds of `readiness import folder` into a new store, and its summary line."""
    for leftover in store.parent.glob(store.name + "*"):
        leftover.unlink()
    env = {**os.environ, "READINESS_DATABASE_URL": f"sqlite:///{store}", "READINESS_LOAD_SAMPLES": "false"}
    command = [str(Path(sys.executable).with_name("readiness")), "import", str(folder)]
    if jobs:
        command += ["--jobs", str(jobs)]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr.strip()[-200:]
    return seconds, summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=None, help="processes for the parallel runs (default: cores)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="readiness-import-"))
    try:
        folders = {"markdown": workdir / "markdown", "yaml": workdir / "yaml"}
        write_markdown(folders["markdown"], args.files)
        write_yaml(folders["yaml"], args.files)
        store = workdir / "store.db"
        runs = {(kind, jobs): [] for kind in folders for jobs in (args.jobs, 1)}
        summaries = {}
        for _ in range(args.runs):
            for (kind, jobs), times in runs.items():
                seconds, summaries[kind, jobs] = run_import(folders[kind], store, jobs)
                times.append(seconds)
        floors = {kind: parse_only(folder) for kind, folder in folders.items()}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"{args.files:,} files per kind, {os.cpu_count()} cores, medians of {args.runs} run(s)")
    met = True
    for kind in folders:
        parallel = statistics.median(runs[kind, args.jobs])
        single = statistics.median(runs[kind, 1])
        met &= parallel < TARGET_SECONDS
        print(f"{kind:<8} import: {parallel:6.1f} s ({args.files / parallel:5.0f} files/s); "
              f"--jobs 1: {single:6.1f} s ({single / parallel:.2f}x longer); "
              f"parsing alone, one process: {floors[kind]:5.1f} s")
        print(f"         {summaries[kind, args.jobs]}")
    print(f"target: each kind in under {TARGET_SECONDS:g} s: {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
