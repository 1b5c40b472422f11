"""The markdown importer: repair the text, fold markdown-it-py's tokens into sections, run the recognizers.

The whole document is repaired once (mojibake), tokenized once, and every recognizer reads the same
section tree; regexes only ever see the small strings inside tokens.
"""

from __future__ import annotations

import os

from pydantic import ValidationError

from readiness.errors import InputError
from readiness.importers import Fact, ParseResult, RecordNote
from readiness.importers.markdown.context import Context
from readiness.importers.markdown.interpreters import INTERPRETERS
from readiness.importers.markdown.records import read_records
from readiness.importers.markdown.recognizers import RECOGNIZERS, offered
from readiness.importers.markdown.recognizers.scorecard import choose_scorecard
from readiness.importers.markdown.text import (MAX_LINE, cut_long_lines, looks_like_markdown, plain, repair_text,
                                                shorten)
from readiness.importers.markdown.tree import Code, build_tree, tokenize
from readiness.model import Assessment, StatedTotals

MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")
# Endings that belong to other formats: never sniffed as markdown.
_OTHER_SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".xml", ".html", ".htm", ".pdf", ".docx", ".xlsx")


class MarkdownImporter:
    """Production-readiness assessments written in markdown (.md, .markdown, .txt, or sniffed)."""

    name = "markdown"

    def accepts(self, filename: str, text: str) -> bool:
        """Markdown by file ending, or an unknown ending whose text reads as markdown."""
        lowered = filename.lower()
        if lowered.endswith(MARKDOWN_SUFFIXES):
            return True
        if lowered.endswith(_OTHER_SUFFIXES):
            return False
        return looks_like_markdown(text)

    def parse(self, text: str, *, filename: str) -> ParseResult:
        """Read an assessment from markdown text (already decoded by parse_bytes)."""
        return parse_markdown(text, filename=filename)


def parse_markdown(text: str, *, filename: str) -> ParseResult:
    """Markdown text to an Assessment and the facts it was built from."""
    # Cut before repairing: ftfy then never reads more than MAX_LINE characters of one line either.
    text, cuts = cut_long_lines(text)
    text = repair_text(text)
    root = build_tree(tokenize(text))
    stem = os.path.splitext(os.path.basename(filename))[0] or "untitled"
    ctx = Context(filename=filename, stem=stem, root=root)
    for number, length in cuts[:20]:
        ctx.warn(number, f"the line is {length:,} characters long; only its first {MAX_LINE:,} were read")
    if len(cuts) > 20:
        ctx.warn(None, f"{len(cuts) - 20:,} more lines were longer than {MAX_LINE:,} characters and were cut")
    by_shape = offered(tuple(RECOGNIZERS))
    for section in root.walk():
        for recognizer in by_shape[bool(section.level), bool(section.blocks), bool(section.children)]:
            try:
                recognizer(section, ctx)
            except (ValueError, ValidationError, IndexError, KeyError, TypeError, AttributeError) as error:
                # One construct read wrongly must not lose the rest of the document.
                ctx.warn(section.line, f"{recognizer.__name__} could not read this section: "
                         f"{type(error).__name__}: {str(error).splitlines()[0][:160]}")
    records = read_records(root)
    for interpreter in INTERPRETERS:
        try:
            interpreter(records, ctx)
        except (ValueError, ValidationError, IndexError, KeyError, TypeError, AttributeError) as error:
            ctx.warn(None, f"{interpreter.__name__} could not read the records: "
                           f"{type(error).__name__}: {str(error).splitlines()[0][:160]}")
    choose_scorecard(ctx)
    _report_skipped(ctx)
    notes = [RecordNote(line=r.line, form=r.form, title=shorten(plain(r.title), 80), taken_by=ctx.claimed.get(id(r)),
                        declines=ctx.declines.get(id(r), [])) for r in records]
    document = _assemble(ctx, filename)  # before the facts are sorted: it may add one
    return ParseResult(document=document, facts=sorted(ctx.facts, key=_fact_order), records=notes,
                       warnings=ctx.warnings)


def _fact_order(fact: Fact) -> int:
    return fact.line or 0


def _has_content(ctx: Context) -> bool:
    return any((ctx.overall, ctx.categories, ctx.findings, ctx.risks, ctx.checklist, ctx.phases, ctx.costs,
                ctx.actions, ctx.status, ctx.cost_total, ctx.effort_total, ctx.actions_total, ctx.time_to_ready))


def _report_skipped(ctx: Context) -> None:
    for section in ctx.root.walk():
        for block in section.blocks:
            if isinstance(block, Code):
                ctx.facts.append(Fact(line=block.line, kind="skipped", text=f"code block {block.info}".strip(),
                                      used=False))
        if section.level and not ctx.is_used(section) and (section.blocks or not section.children):
            why = " (in the summary, which restates the findings)" if ctx.in_summary(section) else ""
            ctx.facts.append(Fact(line=section.line, kind="skipped", text=f"section {section.name}{why}",
                                  used=False))


def _assemble(ctx: Context, filename: str) -> Assessment:
    if not _has_content(ctx):
        ctx.warn(None, "no assessment content found (no scores, findings, risks, checklist, plan or costs)")
        project = ctx.stem
    else:
        project = ctx.project or ctx.project_from_summary or ctx.stem
        if not (ctx.project or ctx.project_from_summary):
            ctx.fact(None, "project", f"{project} (from the file name)")
    status = ctx.status or ctx.status_fallback
    if ctx.date is None and ctx.date_fallback is not None:
        line, ctx.date = ctx.date_fallback
        ctx.fact(line, "date", f"{ctx.date} (the newest entry of its revision history: no line states the date)",
                 confidence=0.6)
    fields = dict(
        project=project[:200], title=ctx.title, date=ctx.date, status=status, overall=ctx.overall,
        time_to_ready=ctx.time_to_ready, categories=ctx.categories, findings=ctx.findings, risks=ctx.risks,
        checklist=ctx.checklist, phases=ctx.phases, costs=ctx.costs, actions=ctx.actions,
        stated_totals=StatedTotals(checklist=ctx.checklist_claims, cost_total=ctx.cost_total,
                                   effort_total=ctx.effort_total, actions_total=ctx.actions_total)
        if ctx.checklist_claims or ctx.cost_total or ctx.effort_total or ctx.actions_total else None,
    )
    # Only what was read is validated: an unread field keeps its default (None, or an empty list).
    fields = {name: value for name, value in fields.items() if value is not None and value != []}
    try:
        document = Assessment(**fields)
    except ValidationError as error:
        # A field the recognizers got wrong (a date out of range): drop the document-level extras, keep the rest.
        ctx.warn(None, f"dropped a metadata field that did not validate: {error.errors()[0]['msg']}")
        fields.pop("date", None)
        try:
            document = Assessment(**fields)
        except ValidationError as second:
            raise InputError(filename, f"could not build an assessment: {second.errors()[0]['msg']}") from None
    return document
