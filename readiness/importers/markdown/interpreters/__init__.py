"""The interpreters: one per kind of fact, all `(records, ctx) -> None`, run in this order.

Each decides from a record's field names, the shapes of its values and the headings in scope whether
the record is of its kind, adds the fact to the context, claims the record (so no other interpreter
makes a second fact of it) and records a Fact for `--explain`.
"""

from __future__ import annotations

from collections.abc import Callable

from readiness.importers.markdown.context import Context
from readiness.importers.markdown.interpreters.findings import interpret_finding_rows
from readiness.importers.markdown.interpreters.risks import interpret_risks
from readiness.importers.markdown.interpreters.scores import interpret_score_lines
from readiness.importers.markdown.interpreters.strengths import interpret_strengths
from readiness.importers.markdown.records import Record

Interpreter = Callable[[list[Record], Context], None]

INTERPRETERS: list[Interpreter] = [
    interpret_score_lines,
    interpret_risks,
    interpret_strengths,
    interpret_finding_rows,
]

__all__ = ["INTERPRETERS", "Interpreter"]
