"""Regex audit: every regular expression the importers use, timed on long runs of its own pathological text.

Collects the patterns compiled at import (module globals) and those compiled inline while the importers
read every fixture and sample (`re.compile` calls are recorded), then for each pattern and each
candidate run (its literal characters, pairs of markdown punctuation, words it names, runs of short
lines...) times
`finditer` and `match` over runs of 1,024 and 4,096 characters. Linear patterns take about 4x as long
on the longer run; a pattern that backtracks quadratically takes ~16x, cubically ~64x. Each pattern is
tried in a worker process that is stopped after --seconds, so a catastrophic one is reported, not waited for.

Prints the patterns whose growth exceeds --max-growth (default 10x for 4x the length: between
linear, 4x, and quadratic, 16x, with room for a shared machine making single timings jump), worst first,
and exits 1 when there is any.

Run: .venv/bin/python benchmarks/regex_audit.py [--seconds 5] [--max-growth 10]
"""

from __future__ import annotations

import argparse
import importlib
import multiprocessing
import pkgutil
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHORT, LONG = 1024, 4096


def collect() -> dict[re.Pattern, str]:
    """Every pattern the importers compile, with where it is defined or first used."""
    import readiness.importers as importers
    from readiness.importers import parse_bytes

    found: dict[re.Pattern, str] = {}
    original = re._compile

    def recording(pattern, flags):
        compiled = original(pattern, flags)
        if isinstance(pattern, str) and compiled not in found:
            frame = sys._getframe(1)
            while frame is not None and frame.f_code.co_filename.endswith("re/__init__.py"):
                frame = frame.f_back
            name = frame.f_code.co_filename if frame is not None else ""
            if "/readiness/importers/" in name:
                found[compiled] = f"{name.split('/readiness/', 1)[1]}:{frame.f_lineno}"
        return compiled

    re._compile = recording
    try:
        for module in pkgutil.walk_packages(importers.__path__, "readiness.importers."):
            loaded = importlib.import_module(module.name)
            for key, value in vars(loaded).items():
                values = value if isinstance(value, (list, tuple)) else [value]
                for item in values:
                    for candidate in item if isinstance(item, tuple) else [item]:
                        if isinstance(candidate, re.Pattern) and isinstance(candidate.pattern, str):
                            found.setdefault(candidate, f"{module.name}.{key}")
        documents = [*sorted((ROOT / "tests" / "fixtures" / "markdown").glob("*.md")),
                     *sorted((ROOT / "data" / "samples").glob("*"))]
        for path in documents:
            try:
                parse_bytes(path.read_bytes(), filename=path.name)
            except Exception:  # noqa: BLE001 - only the patterns matter here
                pass
    finally:
        re._compile = original
    return found


def candidate_runs(pattern: str) -> list[str]:
    """Text units that, repeated, tend to make a pattern backtrack."""
    units = {c for c in str(pattern) if not c.isalnum() and c not in "\\^$"}
    units |= {"a", "1", " ", "\t", "a ", "1 ", "1.", "1/", "1%", "1-", "a:", "a.", "a (", "~1 ", "$1", "1,", ", ", "- "}
    units |= {first + second for first in "[(<*_!#|-:" for second in "a ])>:*_-"}
    units |= {"**", "__", "](", "[a](", "<a", "**a", "__a", "a**", "(1", "1)", "a:a"}
    # Runs of lines: a pattern applied to a whole text may let a space run take newlines too.
    units |= {"\n", " \n", "\t\n", "#\n", "-\n", "---\n", "|\n", "a\n", "1.\n"}
    units |= {word + " " for word in re.findall(r"[a-z]{3,}", pattern)[:8]}
    units |= {word + ":" for word in re.findall(r"[a-z]{3,}", pattern)[:4]}
    return sorted(units)


def _seconds(pattern: re.Pattern, text: str) -> float:
    """The fastest of three scans (finditer over the whole text, then match at its start)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _match in pattern.finditer(text):
            pass
        pattern.match(text)
        best = min(best, time.perf_counter() - start)
        if best > 0.5:
            break
    return best


def _growth(pattern: re.Pattern, units: list[str], connection) -> None:
    worst = (0.0, "", 0.0)
    for unit in units:
        short = _seconds(pattern, unit * (SHORT // len(unit)))
        long = _seconds(pattern, unit * (LONG // len(unit)))
        # Below a millisecond on the long run, growth is noise and the cost is negligible anyway.
        growth = long / max(short, 1e-6) if long > 0.001 else 0.0
        if growth > 8:
            # A busy machine makes single timings jump: measure a suspect twice more, keep the mildest.
            for _ in range(2):
                short = _seconds(pattern, unit * (SHORT // len(unit)))
                long = _seconds(pattern, unit * (LONG // len(unit)))
                growth = min(growth, long / max(short, 1e-6))
        if growth > worst[0]:
            worst = (growth, unit, long)
    connection.send(worst)


def audit(patterns: dict[re.Pattern, str], seconds: float) -> list[tuple[float, str, str, str, float]]:
    context = multiprocessing.get_context("fork")
    results = []
    for pattern, where in patterns.items():
        ours, theirs = context.Pipe()
        worker = context.Process(target=_growth, args=(pattern, candidate_runs(pattern.pattern), theirs))
        worker.start()
        if ours.poll(seconds):
            growth, unit, took = ours.recv()
        else:
            growth, unit, took = float("inf"), "(stopped)", seconds
        worker.kill()
        worker.join()
        results.append((growth, where, unit, pattern.pattern, took))
    return sorted(results, key=lambda row: -row[0])


def bounded_by_caller() -> dict[str, str]:
    """Patterns that their caller applies to a bounded text only (a tail, or a short labelled value)."""
    from readiness.importers.markdown import numbers
    from readiness.importers.markdown.recognizers import plan

    return {plan._PROGRESS.pattern: f"searched in the last {plan._PROGRESS_TAIL} characters only",
            numbers._BRACKETED.pattern: f"applied to labelled dates of at most {numbers.LABELLED_DATE_MAX} characters"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="time allowed per pattern")
    parser.add_argument("--max-growth", type=float, default=10.0, help="largest growth for 4x the length")
    args = parser.parse_args()
    patterns = collect()
    rows = audit(patterns, args.seconds)
    bounded = bounded_by_caller()
    for growth, where, unit, pattern, took in rows:
        if pattern in bounded and growth > args.max_growth:
            print(f"  (bounded by its caller: {where}: {bounded[pattern]})")
    bad = [row for row in rows if row[0] > args.max_growth and row[3] not in bounded]
    print(f"{len(patterns)} patterns audited on runs of {SHORT:,} and {LONG:,} characters; "
          f"{len(bad)} grow more than {args.max_growth:g}x for 4x the length (linear: ~4x)")
    for growth, where, unit, pattern, took in bad:
        shown = "stopped" if growth == float("inf") else f"{growth:5.1f}x"
        print(f"  {shown}  {took * 1000:8.1f} ms  {where:48} run of {unit!r:8}  {pattern[:90]}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
