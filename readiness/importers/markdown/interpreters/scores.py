"""Category scores from records: runs of "Label: score" lines (ASCII bars in a code block included).

A run of three or more labelled lines in one block, each ending in a score (a percentage or x/y), is a
scorecard candidate; a line naming a total ("Overall", "Gesamt") gives the overall score instead. The
candidate ranks high when its heading says it holds scores, low otherwise; choose_scorecard takes the
best candidate of the document.
"""

from __future__ import annotations

import re
from itertools import groupby

from readiness.importers.markdown.context import Context, ScoreTableCandidate
from readiness.importers.markdown.numbers import parse_score
from readiness.importers.markdown.records import Record
from readiness.importers.markdown.recognizers.scorecard import TOTAL_ROW
from readiness.importers.markdown.text import clean_name, plain
from readiness.model import Category, Score

# The score a line ends with: "███░░ 87%", "8.5/10", "87 %".
# A match starts only where a number starts (never inside a run of digits) and the closing spaces are taken
# once: linear on any line (benchmarks/regex_audit.py).
_ENDING_SCORE = re.compile(r"(?<!\d)(\d+(?:[.,]\d+)?\s*(?:%|/\s*\d+(?:[.,]\d+)?))\s*+(?:\)\s*+)?$")


def _scored(record: Record) -> tuple[str, tuple[float, float]] | None:
    value = plain(next(iter(record.fields.values()), ""))
    match = _ENDING_SCORE.search(value[-40:])  # a score ends the line: only its tail is searched (linear)
    if not match:
        return None
    found = parse_score(match.group(1))
    name = clean_name(record.title)
    return (name, found) if found and name else None


def interpret_score_lines(records: list[Record], ctx: Context) -> None:
    """Runs of scored "Label: value" lines in one code block become a scorecard candidate."""
    lines = [r for r in records if r.form == "line" and r.block is not None and not ctx.is_claimed(r)]
    for _, run in groupby(lines, key=lambda r: id(r.block)):
        run = list(run)
        scored = [(r, s) for r in run if (s := _scored(r))]
        categories, overall = [], None
        for record, (name, (score, top)) in scored:
            if TOTAL_ROW.match(name):
                overall = (Score(score=score, max=top), record.line)
            else:
                categories.append(Category(name=name[:200], score=score, max=top, line=record.line))
        if len(categories) < 3 or len(scored) < 0.6 * len(run):
            continue
        titled = "scores" in run[0].scope
        ctx.score_tables.append(ScoreTableCandidate(rank=1 if titled else 6, line=run[0].line,
                                                    kind="score lines", categories=categories, overall=overall))
        for record in run:
            ctx.claim(record, "scores")
