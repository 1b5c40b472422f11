"""The recognizers: one small function per construct, all `(section, ctx) -> None`, run in this order.

Each reads the blocks of one section (and, for grouped constructs, its sub-sections), adds what it
understands to the context and records a Fact for `--explain`. Order matters only where one construct
claims sections another would misread: findings before actions, actions before effort totals, and
both before the checklists read from marks (which skip their sections).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from readiness.importers.markdown.context import Context
from readiness.importers.markdown.recognizers.actions import recognize_action_table, recognize_actions
from readiness.importers.markdown.recognizers.checklist import recognize_checklist
from readiness.importers.markdown.recognizers.costs import (
    recognize_cost_lines, recognize_cost_table, recognize_effort_total,
)
from readiness.importers.markdown.recognizers.findings import recognize_findings
from readiness.importers.markdown.recognizers.marks import recognize_marked_items, recognize_status_tables
from readiness.importers.markdown.recognizers.metadata import (
    recognize_metadata_lines, recognize_summary_subject, recognize_title,
)
from readiness.importers.markdown.recognizers.plan import recognize_plan
from readiness.importers.markdown.recognizers.scorecard import (
    recognize_heading_scores, recognize_list_scores, recognize_score_table,
)
from readiness.importers.markdown.tree import Section

Recognizer = Callable[[Section, Context], None]

RECOGNIZERS: list[Recognizer] = [
    recognize_title,
    recognize_summary_subject,
    recognize_metadata_lines,
    recognize_score_table,
    recognize_heading_scores,
    recognize_list_scores,
    recognize_plan,
    recognize_findings,
    recognize_checklist,
    recognize_cost_lines,
    recognize_cost_table,
    recognize_actions,
    recognize_action_table,
    recognize_effort_total,
    recognize_status_tables,
    recognize_marked_items,
]

# Recognizers that read nothing of a section but its own blocks (paragraphs, lists, tables), and one that reads
# nothing but its sub-headings: a section without any is not offered to them (most sections of a short
# document are a heading alone, or a heading over one paragraph). The others also read the heading itself.
READS_BLOCKS_ONLY = frozenset({
    recognize_summary_subject, recognize_score_table, recognize_list_scores, recognize_cost_lines,
    recognize_cost_table, recognize_actions, recognize_action_table, recognize_effort_total,
    recognize_status_tables,
})
READS_CHILDREN_ONLY = frozenset({recognize_heading_scores})
# Recognizers that read a section only under a heading (its title, or what the heading says it holds): the
# document's root, the lines above the first heading, is not offered to them.
READS_HEADED_ONLY = frozenset({
    recognize_title, recognize_summary_subject, recognize_findings, recognize_cost_lines, recognize_actions,
    recognize_action_table, recognize_effort_total,
})


@functools.lru_cache(maxsize=4)
def offered(recognizers: tuple[Recognizer, ...]) -> dict[tuple[bool, bool, bool], list[Recognizer]]:
    """The recognizers, in their order, to run on a section by (whether it has a heading, whether it has
    blocks, whether it has sub-headings)."""
    return {(headed, blocks, children): [r for r in recognizers if (headed or r not in READS_HEADED_ONLY)
                                         and (blocks or r not in READS_BLOCKS_ONLY)
                                         and (children or r not in READS_CHILDREN_ONLY)]
            for headed in (False, True) for blocks in (False, True) for children in (False, True)}


__all__ = ["READS_BLOCKS_ONLY", "READS_CHILDREN_ONLY", "READS_HEADED_ONLY", "RECOGNIZERS", "Recognizer", "offered"]
