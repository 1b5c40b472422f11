"""The builder the recognizers fill: what the document says so far, and how it was understood."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from readiness.importers import Fact
from readiness.importers.markdown.tree import ListBlock, Section
from readiness.model import (
    Action, Category, ChecklistClaim, ChecklistItem, CostItem, Duration, Finding, MoneyRange, Phase, Risk,
    Score, Warning,
)

# Section titles that mark where a kind of content lives, shared by several recognizers.
SUMMARY_TITLE = re.compile(r"summary|overview|tl;?dr|zusammenfassung|резюме|итог|resumo|概要|摘要|خلاصه", re.I)
CHECKLIST_TITLE = re.compile(r"check\s*-?\s*list|checkliste|чек-?лист|清单|检查表|چک", re.I)
PLAN_TITLE = re.compile(r"\b(?:path|plan|roadmap|timeline|schedule|sprints?|strategy|remediation|"
                        r"fahrplan|zeitplan|план|дорожн|cronograma|roteiro)\b|路线|计划", re.I)

PHASE_HEADING = re.compile(r"^(?:phase|week|sprint|stage|step|milestone|fase|woche|etappe|этап|фаза|неделя|спринт|"
                           r"semana|阶段|第)\s*(\d+(?:\.\d+)?)[a-z]?\b", re.I)


@dataclass
class ScoreTableCandidate:
    """A table that reads as a scorecard; the best one becomes the categories."""

    rank: int
    line: int
    kind: str
    categories: list[Category]
    overall: tuple[Score, int] | None


@dataclass
class Context:
    """Everything recognized so far, plus facts and warnings for `--explain`."""

    filename: str
    stem: str
    root: Section
    title: str | None = None
    project: str | None = None
    project_from_summary: str | None = None
    date: str | None = None
    date_fallback: tuple[int, str] | None = None  # (line, date): a revision history's newest entry
    status: str | None = None
    status_fallback: str | None = None
    overall: Score | None = None
    time_to_ready: Duration | None = None
    categories: list[Category] = field(default_factory=list)
    score_tables: list[ScoreTableCandidate] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    checklist: list[ChecklistItem] = field(default_factory=list)
    checklist_claims: list[ChecklistClaim] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)
    plan_parent: Section | None = None
    costs: list[CostItem] = field(default_factory=list)
    cost_total: MoneyRange | None = None
    effort_total: Duration | None = None
    actions: list[Action] = field(default_factory=list)
    actions_total: Duration | None = None
    facts: list[Fact] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    finding_sections: set[int] = field(default_factory=set)
    action_sections: set[int] = field(default_factory=set)
    claimed: dict[int, str] = field(default_factory=dict)
    strength_titles: set[str] = field(default_factory=set)
    declines: dict[int, list[str]] = field(default_factory=dict)
    boxed_headings: dict[int, bool] = field(default_factory=dict)  # id(heading) -> any box below it
    _has_checkboxes: bool | None = None

    def claim(self, record, kind: str) -> None:
        """Mark a record as read into a fact of `kind`: each record becomes at most one fact."""
        self.claimed[id(record)] = kind

    def decline(self, record, kind: str, why: str) -> None:
        """Note why an interpreter did not take a record (shown by `readiness parse --explain`)."""
        self.declines.setdefault(id(record), []).append(f"{kind}: {why}")

    def is_claimed(self, record) -> bool:
        """Whether an interpreter has already made a fact of this record."""
        return id(record) in self.claimed

    def fact(self, line: int | None, kind: str, text: str, section: Section | None = None, *,
             confidence: float = 0.8) -> None:
        """Record something understood, with how sure the reading is (and mark its section as used)."""
        self.facts.append(Fact(line=line, kind=kind, text=text, confidence=confidence))
        if section is not None:
            self.used.add(id(section))

    def use(self, section: Section) -> None:
        """Mark a section as read by some recognizer, so it is not reported as skipped."""
        self.used.add(id(section))

    def is_used(self, section: Section) -> bool:
        """Whether a recognizer has already read this section."""
        return id(section) in self.used

    def warn(self, line: int | None, message: str) -> None:
        """Record something noticed but not used."""
        self.warnings.append(Warning(line=line, message=message))

    def in_summary(self, section: Section) -> bool:
        """Whether the section is (inside) an executive summary, which restates the findings."""
        return section.within(SUMMARY_TITLE)

    def is_action_section(self, section: Section) -> bool:
        """Whether the actions recognizer read this section's items."""
        return id(section) in self.action_sections

    def has_checkboxes(self) -> bool:
        """Whether the document has any "- [ ]" / "- [x]" item (computed once)."""
        if self._has_checkboxes is None:
            self._has_checkboxes = any(
                item.checked is not None for section in self.root.walk() for block in section.blocks
                if isinstance(block, ListBlock) for item in block.all_items())
        return self._has_checkboxes

    def in_checklist(self, section: Section) -> bool:
        """Whether the section is (inside) a section titled as a checklist."""
        return section.within(CHECKLIST_TITLE)
