"""Actions in other shapes: bold titled paragraphs with a time, "Required actions" headings in several languages."""

from __future__ import annotations

import pytest

from readiness.importers.markdown import MarkdownImporter


def _actions(text: str):
    doc = MarkdownImporter().parse(text, filename="actions.md").document
    return [(a.title, a.effort.hours() if a.effort else None) for a in doc.actions]


def test_bold_titled_paragraphs_with_a_time_are_actions():
    text = ("# Skua Relay Readiness\n\n## Fixes\n\n### 1. Immediate (before testing)\n\n**A. Rotate the keys** (5 minutes)\n\n"
            "Rotate them in the vault:\n\n```sh\nvault rotate\n```\n\n**B. Pin the API version** (2 hours)\n\n"
            "**Why it matters** this paragraph explains (a lot)\n")
    assert _actions(text) == [("Rotate the keys", (5 / 60, 5 / 60)), ("Pin the API version", (2.0, 2.0))]


@pytest.mark.parametrize("heading", ["Required Actions Before Publication", "Erforderliche Maßnahmen",
                                     "Необходимые действия"])
def test_required_actions_headings(heading):
    text = f"# Skua Relay Readiness\n\n## {heading}\n\n1. Fix the links (30 minutes)\n2. Add tests (1 hour)\n"
    assert _actions(text) == [("Fix the links", (0.5, 0.5)), ("Add tests", (1.0, 1.0))]
