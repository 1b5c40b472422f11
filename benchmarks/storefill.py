"""Fill a store with generated assessments fast: bulk inserts of prepared rows, not one import each.

    .venv/bin/python benchmarks/storefill.py URL --assessments 100000 --projects 50

`templates` distinct random documents are prepared once (store.queries.prepare, as an import would)
and written again and again under other projects, versions, dates and titles, every part row with
them, in transactions of CHUNK assessments. 100,000 assessments (about 4.5 million part rows) take
about a minute on SQLite; the store is what `readiness import` would have made, minus the parsing.
Not part of the test suite; used by page_speed.py and cli_speed.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from readiness.model import (Assessment, Category, ChecklistItem, CostItem, Duration, Finding,  # noqa: E402
                             Phase, Risk, Task)

CHUNK = 2_000


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


def project_name(number: int, projects: int) -> str:
    return f"Project {number:0{len(str(projects - 1))}d}"


def fill_store(url: str, *, assessments: int, projects: int, seed: int = 7, templates: int = 200) -> float:
    """Write `assessments` generated assessments over `projects` projects into an empty store at `url`.

    Project p holds assessments p, p + projects, ...: version v of every project is dated v days
    after 2020-01-01, so versions, dates and ids agree. Returns the seconds taken.
    """
    from sqlalchemy import insert, text

    from readiness.store.db import open_store
    from readiness.store.queries import PARTS, prepare, refresh_latest
    from readiness.store.tables import AssessmentRow, ProjectRow

    start = time.perf_counter()
    rng = random.Random(seed)
    prepared = [prepare(random_assessment(rng, "Template", n + 1)) for n in range(templates)]
    engine = open_store(url)
    now = dt.datetime.now(dt.timezone.utc)
    first_day = dt.date(2020, 1, 1)
    tables = {row_type.__tablename__: row_type for _name, row_type, _model in PARTS}
    with engine.begin() as connection:
        connection.execute(insert(ProjectRow), [{"id": p + 1, "name": project_name(p, projects), "created_at": now}
                                                for p in range(projects)])
    for chunk_start in range(0, assessments, CHUNK):
        rows, parts = [], {name: [] for name in tables}
        for n in range(chunk_start, min(assessments, chunk_start + CHUNK)):
            template = prepared[n % templates]
            project, version = n % projects, n // projects + 1
            rows.append({**template.assessment, "id": n + 1, "project_id": project + 1, "version": version,
                         "content_sha256": hashlib.sha256(f"{seed}:{n}".encode()).hexdigest(),
                         "imported_at": now, "title": f"{project_name(project, projects)} review {version}",
                         "date": (first_day + dt.timedelta(days=version)).isoformat()})
            for name, part_rows in template.parts.items():
                parts[name].extend({**row, "assessment_id": n + 1} for row in part_rows)
        with engine.begin() as connection:
            connection.execute(insert(AssessmentRow), rows)
            for name, part_rows in parts.items():
                if part_rows:
                    connection.execute(insert(tables[name]), part_rows)
    with engine.begin() as connection:  # each project row keeps its newest assessment, as an import does
        refresh_latest(connection=connection)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            for table in ("project", "assessment"):  # ids were given: move the sequences past them
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                        f"(SELECT max(id) FROM {table}))"))
            connection.execute(text("ANALYZE"))  # what autovacuum does soon after a load
    engine.dispose()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--assessments", type=int, default=1000)
    parser.add_argument("--projects", type=int, default=50)
    args = parser.parse_args()
    seconds = fill_store(args.url, assessments=args.assessments, projects=args.projects)
    print(f"stored {args.assessments:,} assessments in {args.projects:,} projects in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
