"""Parse speed: `parse_bytes` (the whole import of one file) against markdown-it-py's tokenizing.

For every markdown file, prints the median time of `parse_bytes(data)` (decoding, the markdown
importer, audit and source: what `readiness import` runs per file) and the median time of
`MarkdownIt("commonmark").enable("table").parse(text)` on the same decoded text, and their ratio.
Runs alternate the two (ours, theirs, ours, ...) so that load from elsewhere hits both alike; a small file
gets as many runs as fill --budget seconds (0.4 by default), so that its median is as steady as a large one's.

Files: the project's own fixtures (tests/fixtures/markdown, data/samples) always; the shared seeds
and corpus (../shared) too when they are checked out beside the project (said either way).
Targets: within 2x of markdown-it-py on the whole set (sum of medians; the corpus where present)
and within 2.5x on every file, small ones included. Exit status 0 only when both are met.

Run: .venv/bin/python benchmarks/parse_speed.py [--runs N] [--budget SECONDS]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from readiness.importers import decode, parse_bytes  # noqa: E402
from readiness.importers.markdown.text import clear_caches  # noqa: E402

SHARED = ROOT.parent / "shared"
WHOLE_TARGET = 2.0
FILE_TARGET = 2.5


def files() -> dict[str, list[Path]]:
    groups = {"fixture": sorted([*(ROOT / "tests" / "fixtures" / "markdown").glob("*.md"),
                                 *(ROOT / "data" / "samples").glob("*.md")])}
    if SHARED.is_dir():
        groups["seed"] = sorted((SHARED / "seeds").glob("*.txt"))
        groups["corpus"] = sorted(p for p in (SHARED / "corpus").glob("*.md") if p.name != "README.md")
    return groups


def measure(path: Path, runs: int, budget: float = 0.4) -> tuple[float, float]:
    """Median seconds of (parse_bytes, markdown-it-py tokenizing) for one file, runs alternating."""
    data = path.read_bytes()
    text = decode(data, filename=path.name)
    tokenizer = MarkdownIt("commonmark").enable("table")

    def ours() -> None:
        clear_caches()  # each run is a new file: nothing memoized from the run before (every memo of a string)
        try:
            parse_bytes(data, filename=path.name)
        except Exception:  # noqa: BLE001 - a file the importer refuses is timed all the same
            pass

    start = time.perf_counter()
    ours()
    tokenizer.parse(text)  # warm-up of both
    # Small files get more runs (a fifth of a second of each side at least): a median of nine runs of 0.1 ms
    # moves by a tenth from one run of the script to the next.
    runs = max(runs, min(2000, int(budget / max(time.perf_counter() - start, 1e-6))))
    mine, theirs = [], []
    for _ in range(runs):
        start = time.perf_counter()
        ours()
        mine.append(time.perf_counter() - start)
        start = time.perf_counter()
        tokenizer.parse(text)
        theirs.append(time.perf_counter() - start)
    return statistics.median(mine), statistics.median(theirs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs per file and side at least (median taken)")
    parser.add_argument("--budget", type=float, default=0.4,
                        help="seconds of both sides' runs per file at least: small files get more runs")
    args = parser.parse_args()
    groups = files()
    if "corpus" not in groups:
        print(f"note: {SHARED} is absent: the project's fixtures only (the corpus adds 35 real documents)")
    print(f"{'file':52} {'KB':>6} {'ours ms':>8} {'md-it ms':>8} {'ratio':>6}")
    worst, worst_name = 0.0, ""
    totals = {name: [0.0, 0.0] for name in groups}
    for group, paths in groups.items():
        for path in paths:
            ours, theirs = measure(path, args.runs, args.budget)
            ratio = ours / theirs
            totals[group][0] += ours
            totals[group][1] += theirs
            if ratio > worst:
                worst, worst_name = ratio, f"{group} {path.name}"
            print(f"{(group + ' ' + path.name)[:52]:52} {path.stat().st_size / 1024:6.1f} {ours * 1000:8.2f} "
                  f"{theirs * 1000:8.2f} {ratio:6.2f}")
    for group, (ours, theirs) in totals.items():
        print(f"{group + ' total':52} {'':6} {ours * 1000:8.2f} {theirs * 1000:8.2f} {ours / theirs:6.2f}")
    whole_group = "corpus" if "corpus" in totals else "fixture"
    whole = totals[whole_group][0] / totals[whole_group][1]
    met_whole, met_file = whole <= WHOLE_TARGET, worst <= FILE_TARGET
    print(f"target: the whole {whole_group} within {WHOLE_TARGET:g}x: {whole:.2f}x -> {'met' if met_whole else 'NOT met'}")
    print(f"target: every file within {FILE_TARGET:g}x: worst {worst:.2f}x ({worst_name}) -> "
          f"{'met' if met_file else 'NOT met'}")
    return 0 if met_whole and met_file else 1


if __name__ == "__main__":
    raise SystemExit(main())
