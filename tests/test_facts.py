"""Reading measured on hand-read facts: the seeds and the corpus held against ../shared/expectations.

The checker is ../shared/tools/facts.py, the same one `facts-report` runs; it is loaded from there,
never copied. The corpus total must stay at or above FLOOR_CORPUS_FACTS, raised as reading improves;
every seed fact must hold.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import yaml

from readiness.importers import parse_file

SHARED = Path(__file__).resolve().parents[2] / "shared"
CHECKER = SHARED / "tools" / "facts.py"
SKIP_REASON = f"{SHARED} is absent: the hand-read expectations and their checker live there (see shared/README.md)"

# Raised as the importer reads more (890 of 931, 95.6%, when this floor was last set).
FLOOR_CORPUS_FACTS = 890


def _checker():
    spec = importlib.util.spec_from_file_location("shared_facts", CHECKER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _held(expectations: Path, documents: Path) -> list[tuple[str, int, int, list[str]]]:
    """(name, facts held, facts stated, misses) for every expectations file with its document."""
    check = _checker().check
    rows = []
    for path in sorted(expectations.glob("*.yaml")):
        document = next(iter(sorted(documents.glob(path.stem + ".*"))), None)
        if document is None:
            continue
        parsed = json.loads(parse_file(document).document.model_dump_json(by_alias=True))
        misses, total = check(yaml.safe_load(path.read_text(encoding="utf-8")), parsed)
        rows.append((path.stem, total - len(misses), total, misses))
    return rows


def _table(rows) -> str:
    lines = [f"{name[:48]:48} {held:4d}/{total:<4d}" for name, held, total, _ in rows]
    held, total = sum(r[1] for r in rows), sum(r[2] for r in rows)
    return "\n".join(lines + [f"{'TOTAL':48} {held:4d}/{total:<4d} ({100 * held / max(total, 1):.1f}%)"])


@pytest.mark.skipif(not CHECKER.is_file(), reason=SKIP_REASON)
def test_every_seed_fact_holds(capsys):
    rows = _held(SHARED / "expectations", SHARED / "seeds")
    with capsys.disabled():
        print("\nseed facts\n" + _table(rows))
    assert rows, "no seed has expectations beside it"
    assert all(not misses for *_, misses in rows), [m for *_, misses in rows for m in misses]


@pytest.mark.skipif(not CHECKER.is_file(), reason=SKIP_REASON)
def test_corpus_facts_stay_at_or_above_the_floor(capsys):
    rows = _held(SHARED / "expectations" / "corpus", SHARED / "corpus")
    with capsys.disabled():
        print("\ncorpus facts\n" + _table(rows))
    held, total = sum(r[1] for r in rows), sum(r[2] for r in rows)
    assert held >= FLOOR_CORPUS_FACTS, f"{held} corpus facts hold, below the floor of {FLOOR_CORPUS_FACTS}"
    assert held >= 0.95 * total, f"{held} of {total} corpus facts hold, under 95%"
