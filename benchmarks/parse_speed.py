"""Parse speed: the markdown importer against markdown-it-py's own tokenizing of the same text.

For each seed and corpus document, prints the median (of 7 runs) time of the importer's parse of the
decoded text (the work parse_bytes hands it) divided by the median time of
`MarkdownIt("commonmark").enable("table").parse(text)`. The target is at most 3x on every seed.

Run: .venv/bin/python benchmarks/parse_speed.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from readiness.importers import decode  # noqa: E402
from readiness.importers.markdown import MarkdownImporter  # noqa: E402
from readiness.importers.markdown.text import clear_caches  # noqa: E402

SHARED = ROOT.parent / "shared"
TARGET = 3.0


def median_seconds(work, runs: int) -> float:
    """The median wall time of `runs` calls, after one warm-up call."""
    work()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def measure(path: Path, runs: int) -> tuple[float, float]:
    """(importer seconds, markdown-it-py seconds) for one file."""
    text = decode(path.read_bytes(), filename=path.name)
    importer = MarkdownImporter()
    tokenizer = MarkdownIt("commonmark").enable("table")

    def parse_cold() -> None:
        clear_caches()  # memoized cleanings must not carry over from the previous run
        importer.parse(text, filename=path.name)

    ours = median_seconds(parse_cold, runs)
    theirs = median_seconds(lambda: tokenizer.parse(text), runs)
    return ours, theirs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per document (median taken)")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is absent (the seeds and corpus live there)")
        return 0
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    corpus = sorted(p for p in (SHARED / "corpus").glob("*.md") if p.name != "README.md")
    print(f"{'document':48} {'ours ms':>9} {'md-it ms':>9} {'ratio':>6}")
    worst_seed = 0.0
    total_ours = total_theirs = 0.0
    for group, paths in (("seed", seeds), ("corpus", corpus)):
        for path in paths:
            ours, theirs = measure(path, args.runs)
            ratio = ours / theirs
            print(f"{group + ' ' + path.name[:41]:48} {ours * 1000:9.2f} {theirs * 1000:9.2f} {ratio:6.2f}")
            if group == "seed":
                worst_seed = max(worst_seed, ratio)
            else:
                total_ours += ours
                total_theirs += theirs
    if total_theirs:
        print(f"{'corpus total':48} {total_ours * 1000:9.2f} {total_theirs * 1000:9.2f} "
              f"{total_ours / total_theirs:6.2f}")
    met = worst_seed <= TARGET
    print(f"target: at most {TARGET:g}x markdown-it-py on every seed; worst seed {worst_seed:.2f}x -> "
          f"{'MET' if met else 'NOT MET'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
