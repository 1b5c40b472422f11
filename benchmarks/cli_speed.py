"""CLI start-up: wall time of `readiness --help`, `parse` and `list --json` against a bare Python.

    .venv/bin/python benchmarks/cli_speed.py [--runs 9] [--assessments 1000]

Each command runs as a fresh process, as a person runs it; rounds alternate the commands (so load
from elsewhere hits them alike) and the figure is the median. `list --json` reads a store of
`--assessments` generated assessments (filled with bulk inserts, see storefill.py).
Target: every command within 0.4 s (the bare interpreter's start is printed beside it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.storefill import fill_store  # noqa: E402

TARGET_SECONDS = 0.4
SAMPLE = ROOT / "data" / "samples" / "lantern-maps-2025-08.yaml"
MARKDOWN_SAMPLE = ROOT / "data" / "samples" / "harbor-ledger-2025-09.md"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--assessments", type=int, default=1000)
    args = parser.parse_args()
    readiness = str(Path(sys.executable).with_name("readiness"))
    workdir = Path(tempfile.mkdtemp(prefix="readiness-cli-"))
    try:
        url = f"sqlite:///{workdir / 'bench.db'}"
        fill_store(url, assessments=args.assessments, projects=50)
        env = {**os.environ, "READINESS_DATABASE_URL": url, "READINESS_LOAD_SAMPLES": "false"}
        commands = {
            "python -c pass (bare)": [sys.executable, "-c", "pass"],
            "readiness --help": [readiness, "--help"],
            "readiness parse SAMPLE (YAML)": [readiness, "parse", str(SAMPLE)],
            "readiness parse SAMPLE (markdown)": [readiness, "parse", str(MARKDOWN_SAMPLE)],
            f"readiness list --json ({args.assessments:,})": [readiness, "list", "--json"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for round_ in range(args.runs + 1):
            for name, command in commands.items():
                start = time.perf_counter()
                subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
                if round_:  # the first round warms the file cache and compiled bytecode
                    times[name].append(time.perf_counter() - start)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    worst = 0.0
    for name, values in times.items():
        median = statistics.median(values)
        if name.startswith("readiness"):
            worst = max(worst, median)
        print(f"{name:<34} {median * 1000:8.0f} ms (median of {len(values)})")
    met = worst <= TARGET_SECONDS
    print(f"target: every command within {TARGET_SECONDS:g} s: {'met' if met else 'NOT met'} (worst {worst:.2f} s)")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
