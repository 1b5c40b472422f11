"""History import speed: `readiness import --history` on a repository of 1,000 commits, against 10 s.

Builds a repository with dulwich in a temporary folder: 1,000 commits over two years, each changing a
source file; every `--every`th commit also rewrites the assessment (sample harbor-ledger with another
overall score), which is renamed half-way. Then runs the command as a user would (a new process, a fresh
SQLite store), twice: the first run stores every version, the second finds them all stored. Prints
each run's wall time and its ratio to the 10 s target, with the CPU time the run used (the machine's
load shows in the wall time, much less in the CPU time); exits non-zero when a run's wall time misses it.

Run: .venv/bin/python benchmarks/history_speed.py [--commits N] [--every K]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.gitrepo import GitRepo  # noqa: E402

TARGET_SECONDS = 10.0
SAMPLE = ROOT / "data" / "samples" / "harbor-ledger-2025-09.md"


def build(folder: Path, commits: int, every: int) -> int:
    """The repository; returns how many commits changed the assessment."""
    repo = GitRepo(folder)
    text = SAMPLE.read_text(encoding="utf-8")
    start = dt.datetime(2024, 1, 1, 9, tzinfo=dt.timezone.utc)
    files = {"README.md": b"# Harbor Ledger\n\nThe ledger service.\n", "src/ledger.py": b"", "src/api.py": b""}
    rewrites = 0
    for n in range(commits):
        files["src/ledger.py" if n % 2 else "src/api.py"] = f"VERSION = {n}\n".encode()
        name = "PRODUCTION_READINESS.md" if n < commits // 2 else "docs/PRODUCTION_READINESS.md"
        files.pop("PRODUCTION_READINESS.md" if name.startswith("docs/") else "docs/PRODUCTION_READINESS.md", None)
        if n % every == 0:
            rewrites += 1
            score = 30 + (rewrites * 7) % 65
            files[name] = re.sub(r"\*\*61/100\*\*", f"**{score}/100**", text).replace(
                "18 September 2025", "").encode() + f"\n<!-- revision {rewrites} -->\n".encode()
        elif name not in files:
            files[name] = files.pop("PRODUCTION_READINESS.md")
        repo.commit(dict(files), f"Change {n}", start + dt.timedelta(hours=17 * n))
    repo.close()
    return rewrites


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(repository: Path, database: Path) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, the command's summary line) of one run."""
    env = {**os.environ, "READINESS_DATABASE_URL": f"sqlite:///{database}"}
    command = [str(Path(sys.executable).parent / "readiness"), "import", "--history", str(repository)]
    cpu = _child_cpu()
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"the import failed ({done.returncode}): {done.stderr or done.stdout}")
    return seconds, _child_cpu() - cpu, done.stdout.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--every", type=int, default=5, help="rewrite the assessment every K commits")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        repository, database = Path(folder) / "repo", Path(folder) / "store.db"
        rewrites = build(repository, args.commits, args.every)
        print(f"repository: {args.commits} commits, {rewrites} of them rewrite the assessment (one rename)")
        worst = 0.0
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall time grows with it; "
              "CPU time much less)")
        for label in ("first import", "re-run"):
            seconds, cpu, summary = run(repository, database)
            worst = max(worst, seconds)
            print(f"{label:13} {seconds:6.2f} s wall = {seconds / TARGET_SECONDS:.2f} of the {TARGET_SECONDS:g} s target "
                  f"({cpu:.2f} s CPU = {cpu / TARGET_SECONDS:.2f})")
            print(f"              {summary}")
    return 0 if worst < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
