"""The real-document corpus in ../shared/corpus: every file parses, and what is understood does not shrink."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from readiness.importers import ParseResult, parse_file

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = sorted(p for p in (SHARED / "corpus").glob("*.md") if p.name != "README.md") if SHARED.is_dir() else []
SKIP_REASON = f"{SHARED / 'corpus'} is absent: the real-document corpus lives there (see shared/README.md)"

COLUMNS = ("categories", "findings", "risks", "checklist", "phases", "costs")
# Roughly 90% of what the importer reads today (167, 192, 71, 936, 58, 19; 20 files with an overall
# score, 25 with a status), so that a regression shows.
FLOORS = {"categories": 150, "findings": 172, "risks": 64, "checklist": 845, "phases": 52, "costs": 17}
FLOOR_FILES_WITH_OVERALL = 18
FLOOR_FILES_WITH_STATUS = 22


@lru_cache(maxsize=None)
def parsed(name: str) -> ParseResult:
    """A corpus file parsed once per session."""
    return parse_file(SHARED / "corpus" / name)


@pytest.mark.parametrize("name", [p.name for p in CORPUS]
                         or [pytest.param("none", marks=pytest.mark.skip(SKIP_REASON))])
def test_corpus_file_parses(name):
    result = parsed(name)
    assert result.document.project
    assert not [w for w in result.document.source.warnings if "could not read" in w.message]
    assert all(fact.text for fact in result.facts)


def counts(result: ParseResult) -> dict[str, int]:
    """How many items of each kind a parse yielded."""
    doc = result.document
    return {column: len(getattr(doc, column)) for column in COLUMNS}


@pytest.mark.skipif(not CORPUS, reason=SKIP_REASON)
def test_corpus_totals_stay_above_floors(capsys):
    totals = dict.fromkeys(COLUMNS, 0)
    with_overall = 0
    with_status = 0
    lines = [f"{'file':44} " + " ".join(f"{c[:6]:>6}" for c in COLUMNS) + "  overall"]
    for path in CORPUS:
        result = parsed(path.name)
        row = counts(result)
        overall = result.document.overall
        with_overall += overall is not None
        with_status += result.document.status is not None
        for column in COLUMNS:
            totals[column] += row[column]
        shown = f"{overall.score:g}/{overall.max:g}" if overall else "-"
        lines.append(f"{path.name[:44]:44} " + " ".join(f"{row[c]:6d}" for c in COLUMNS) + f"  {shown}")
    lines.append(f"{'TOTAL':44} " + " ".join(f"{totals[c]:6d}" for c in COLUMNS) + f"  {with_overall} files"
                 f" ({with_status} with a status)")
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    for column, floor in FLOORS.items():
        assert totals[column] >= floor, f"{column}: {totals[column]} is below the floor {floor}"
    assert with_overall >= FLOOR_FILES_WITH_OVERALL
    assert with_status >= FLOOR_FILES_WITH_STATUS
