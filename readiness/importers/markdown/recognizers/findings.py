"""Findings: issue sections (severity from words and emoji, inherited by what stands below); strengths are
the strengths interpreter's."""

from __future__ import annotations

import re

from readiness.importers.markdown.context import CHECKLIST_TITLE, PHASE_HEADING, Context
from readiness.importers.markdown.numbers import parse_duration, parse_level
from readiness.importers.markdown.records import nearest_scope, split_label
from readiness.importers.markdown.vocabulary import field_of, level_alone, level_word
from readiness.importers.markdown.text import clean_name, lead_title, plain, shorten, span
from readiness.importers.markdown.tree import ListBlock, Paragraph, Section
from readiness.model import Duration, Finding

ISSUE_TITLE = re.compile(
    r"\b(?:issues?|blockers?|gaps?|weakness\w*|findings?|problems?|concerns?|vulnerabilit\w*|defects?|"
    r"must[- ]fix|should[- ]fix|missing|failures?|bugs?|improvements? needed|areas? for improvement|limitations?|"
    r"tech(?:nical)? debt|mängel|probleme?|schwachstellen|lücken|проблем\w*|недостат\w*|уязвим\w*|"
    r"замечан\w*|problemas?|lacunas?|falhas?)\b|问题|缺陷|缺失|مشکل", re.I)
# A heading that is only a severity ("🔴 Critical", "High Priority (fix before launch)") groups findings.
SEVERITY_GROUP = re.compile(r"^(?:critical|high|medium|low|minor|major|p[0-3])(?:[- ](?:priority|severity))?"
                            r"(?:\s*\(.*\))?\s*:?$", re.I)
# A heading that starts with a severity tag and goes on ("P0 - Session leak") is one finding by itself.
TAGGED_FINDING = re.compile(r"^\s*(?:p[0-4]|sev-?[0-4]|critical|high|medium|low)\b\s*(?:[-–—:|]|follow-up)\s*\S", re.I)
STRENGTH_TITLE = re.compile(
    r"\b(?:strengths?|what(?:'s| is| are)? (?:production[- ]ready|working|excellent|good|done well|great)|"
    r"what works|positives?|highlights?|stärken|pontos fortes|сильные стороны|преимуществ\w*)\b|优势|优点", re.I)
_GROUP_NOUNS = re.compile(
    r"\b(?:issues|blockers|gaps|findings|problems|concerns|vulnerabilities|defects|weaknesses|priorities|"
    r"failures|bugs)\b", re.I)
_NUMBERED = re.compile(r"^\s*(?:\d+[.)]|#\d+|(?:issue|blocker|warning|finding|gap|bug|defect|priority)\s*#?\d+)", re.I)
_LEAD_TAG = re.compile(r"^\s*+(?>\d+(?:\.\d+){1,8}+[a-z]?[.)]?\s+|\d+[a-z]?[.)]\s*|(?:issue|blocker|warning|finding|gap|bug|defect|priority|"
                       r"p[0-4])\s*+#?\d*\s*+[:.\-–—]?\s*)++", re.I)
_TAIL_TAG = re.compile(r"(?<!\s)(?:\s*+[-–—:|]?\s*+(?:severity\s*:?\s*)?(?:critical|high|medium|low|minor|major|none)"
                       r"(?:\s+priority)?\s*$)|(?<!\s)\s*+\((?:blocker|issue)\s*#?\d+\)\s*$|"
                       r"(?<!\s)\s*+[(（]\s*+\d+(?:\.\d+)?\s*/\s*\d+(?:\.\d+)?\s*[)）]\s*$", re.I)
_EFFORT_LABEL = re.compile(r"(?:estimated\s+)?(?:effort|fix time|time to fix|time estimate|aufwand|трудо\w*|"
                           r"оценка времени|esfor[çc]o)\s*[:：]\s*(.+)", re.I)


_SPACED_DASH = re.compile(r"\s[-–—|]\s")


# Small patterns compiled once (they run on every document; regex_audit sees them here).
_EFFORT_CUE = re.compile(r"(?i)effort|fix|~|\(")


def _level_tail(text: str) -> str | None:
    """The title before a level written after its last spaced dash ("Backups fehlen - Hoch"), else None."""
    last = None
    for last in _SPACED_DASH.finditer(text):
        pass
    if last is None or not text[:last.start()].strip() or not level_alone(text[last.end():]):
        return None
    return text[:last.start()]


def finding_title(raw: str) -> str:
    """A heading as a finding's title: numbering, "Issue #3:" and trailing severity tags removed."""
    text = plain(raw)
    text = _LEAD_TAG.sub("", text)
    for _ in range(2):
        text = _TAIL_TAG.sub("", text).strip(" -–—:|")
        head, _, last = text.rpartition(" ")
        if head and last.isupper() and level_word(last):  # "Sicherheit KRITISCH", "Безопасность ВЫСОКИЙ"
            text = head.strip(" -–—:|")
        # A level after a spaced dash is a tag in any script ("Backups fehlen - Hoch", "... - بحرانی").
        if (head := _level_tail(text)) is not None:
            text = head.strip(" -–—:|")
    return clean_name(text) or clean_name(raw)


def _severity_of(section: Section) -> str | None:
    """The severity a section's heading (or the nearest enclosing one) states, if any."""
    for node in (section, *section.ancestors()):
        if node.level:
            level = parse_level(node.title, weak=True)
            if level:
                return level
    return None


def _excluded(section: Section, ctx: Context) -> bool:
    # Summaries restate the findings, checklists and plan steps are read by their own recognizers.
    return (id(section) in ctx.finding_sections or ctx.in_summary(section) or ctx.in_checklist(section)
            or nearest_scope(section, ("risks", "findings")) == "risks"
            or section.within(PHASE_HEADING, start=True))


def _subtree_texts(section: Section):
    for node in section.walk():
        yield from node.paragraphs_and_items()


def _effort(section: Section) -> Duration | None:
    for _, text in _subtree_texts(section):
        match = _EFFORT_LABEL.search(plain(text))
        if match:
            duration = parse_duration(match.group(1))
            if duration:
                return duration
    return None


def _details(section: Section, limit: int = 30) -> list[str]:
    details = []
    for node in section.walk():
        for block in node.blocks:
            if isinstance(block, ListBlock):
                details.extend(shorten(plain(item.text), 200) for item in block.items if plain(item.text))
    return details[:limit]


def _add(ctx: Context, finding: Finding, section: Section | None) -> None:
    ctx.findings.append(finding)
    effort = f" effort {span(finding.effort.min, finding.effort.max)} {finding.effort.unit}" if finding.effort else ""
    kind = "strength" if finding.severity == "info" else "finding"
    ctx.fact(finding.line, kind, f"{kind} {finding.title} ({finding.severity}){effort}", section)


def _read_group(group: Section, ctx: Context) -> None:
    stated = _severity_of(group)
    severity = stated or "medium"
    ctx.finding_sections.update(id(s) for s in group.walk())
    ctx.use(group)
    for child in group.children:
        if _is_subgroup(child) and not ctx.in_checklist(child):
            _read_group(child, ctx)
            continue
        title = finding_title(child.title)
        if not title:
            continue
        level = stated_severity(child) or title_level(child.title) or severity
        _add(ctx, Finding(title=title[:200], severity=level, effort=_effort(child),
                          details=_details(child), category=None, line=child.line), child)
        for node in child.walk():
            ctx.use(node)
    if group.children:
        return
    if not _read_bold_leads(group, ctx, severity):
        _read_items(group, ctx, stated)


_BOLD_LEAD = re.compile(r"^\s*(?:\*\*|__)(?P<title>[^*_]+?)(?:\*\*|__)(?P<rest>.*)$")


def _read_bold_leads(group: Section, ctx: Context, severity: str) -> bool:
    """Findings written as a bold line ("**2.1 Secrets in the repo** | CRITICAL") with bullets below."""
    current: Finding | None = None
    found = False
    for block in group.blocks:
        if isinstance(block, Paragraph):
            first = block.text.split("\n")[0]
            match = _BOLD_LEAD.match(first)
            # "**Impact**: ..." and "**Required Actions**:" are labels inside a finding, not findings.
            is_label = not match or match.group("title").rstrip().endswith(":") or \
                match.group("rest").lstrip().startswith(":") or first.rstrip().endswith(":")
            if not is_label and "\n" not in block.text.strip():
                title = finding_title(match.group("title"))
                if len(title) >= 3:
                    # A tag after the bold title ("**...** | HIGH") states the level; words inside the title do not.
                    tag = level_word(plain(match.group("rest")).strip(" |:-–—()"))
                    level = tag or leading_level(first) or (parse_level(first) if _has_tag(first) else severity)
                    current = Finding(title=shorten(title, 200), severity=level or severity, line=block.line)
                    _add(ctx, current, group)
                    found = True
                    continue
            if current is not None:
                _attach_effort(current, [text for _, text in block.lines()])
        elif isinstance(block, ListBlock) and current is not None:
            texts = [item.text for item in block.all_items()]
            current.details.extend(shorten(plain(item.text), 200) for item in block.items if plain(item.text))
            _attach_effort(current, texts)
    return found


def _attach_effort(finding: Finding, texts: list[str]) -> None:
    if finding.effort is not None:
        return
    for text in texts:
        match = _EFFORT_LABEL.search(plain(text))
        if match and (duration := parse_duration(match.group(1))):
            finding.effort = duration
            return


def _read_items(group: Section, ctx: Context, stated: str | None) -> None:
    """Each top-level list item of a group without sub-headings is one finding.

    An item's own tag ("🔴", "HIGH") wins; else the heading's severity; else the item's ❌ or ⚠️.
    """
    for block in group.blocks:
        if not isinstance(block, ListBlock):
            continue
        for item in block.items:
            if item.checked is not None:
                continue
            title, rest = lead_title(item.text)
            if len(title) < 3:
                continue
            level = ((parse_level(item.text) if _has_tag(item.text) else None) or stated
                     or parse_level(item.text, weak=True) or "medium")
            duration = parse_duration(rest) if _EFFORT_CUE.search(rest) else None
            details = [shorten(plain(rest), 200)] if plain(rest) else []
            details += [shorten(plain(sub.text), 200) for sub in item.sublists() if plain(sub.text)][:20]
            _add(ctx, Finding(title=shorten(title, 200), severity=level, effort=duration, details=details,
                              line=item.line), group)


def _is_subgroup(child: Section) -> bool:
    """Whether a heading under an issue section groups further findings rather than being one."""
    if child.says(SEVERITY_GROUP, start=True):
        return True
    real = [c for c in child.children if not c.pseudo]
    # "### 1. Documentation" holding only "#### Appendix links", "#### Formatting" groups findings; a
    # tagged finding ("### Security 🔴 CRITICAL") with "#### Missing:" / "#### Actions:" parts does not.
    if real and not child.blocks and not _has_tag(child.title) \
            and not any(c.title.rstrip().endswith((":", "：")) for c in real):
        return True
    title = plain(child.title)
    return bool(child.children and _GROUP_NOUNS.search(child.name) and not _NUMBERED.match(title)
                and not TAGGED_FINDING.match(title))


def _read_single(section: Section, ctx: Context) -> None:
    """A heading tagged with its own severity ("P1 - Slow search") outside any issue section."""
    ctx.finding_sections.update(id(s) for s in section.walk())
    _add(ctx, Finding(title=finding_title(section.title)[:200], severity=parse_level(section.title) or "medium",
                      effort=_effort(section), details=_details(section), line=section.line), section)
    for node in section.walk():
        ctx.use(node)


def stated_severity(section: Section) -> str | None:
    """The level a finding's own field lines state: "Severity: HIGH", else a priority or impact that is a level.

    A stated severity beats the words of the title ("Critical" in a vulnerability's name) and the group.
    """
    found: dict[str, str] = {}
    for _, text in section.paragraphs_and_items():
        split = split_label(text)
        if split is None:
            continue
        name = field_of(split[0])
        if name in ("severity", "priority", "impact") and name not in found:
            value = plain(split[1])
            level = parse_level(value) if name == "severity" else level_word(" ".join(value.split()[:2]).strip(" -–—:"))
            if level:
                found[name] = level
    return found.get("severity") or found.get("priority") or found.get("impact")


_LEADING_LEVEL = re.compile(r"^\W*([^\W\d_]+)\s*[:\-–—]\s*\S")


def leading_level(title: str) -> str | None:
    """The level a title opens with as a tag ("HIGH: WAF over-blocking", "ÉLEVÉ : ..."), if any."""
    match = _LEADING_LEVEL.match(plain(title))
    return level_word(match.group(1)) if match else None


def title_level(title: str) -> str | None:
    """A title's level: a leading tag wins over words further in ("Over-Blocking")."""
    return leading_level(title) or parse_level(title)


_TAG = re.compile(r"🔴|🟠|🟡|🟢|🚨|\b(?:P[0-3]|CRITICAL|HIGH|MEDIUM|LOW|BLOCKER)\b")


def _has_tag(text: str) -> bool:
    # Only an explicit tag on the item itself overrides the section's severity: "🔴", "(HIGH)", "P1:".
    return bool(_TAG.search(text))


def recognize_findings(section: Section, ctx: Context) -> None:
    """An issue section: its sub-headings (or else its list items) are findings."""
    if not section.level:
        return
    # The heading's own words first: most headings name no finding, and then nothing else need be asked.
    single = section.says(TAGGED_FINDING, start=True)
    if not single and not ((section.says(ISSUE_TITLE) or section.says(SEVERITY_GROUP, start=True))
                           and not section.says(CHECKLIST_TITLE)):
        return
    if _excluded(section, ctx):
        return
    if section.says(STRENGTH_TITLE) and not section.says(ISSUE_TITLE):
        return  # strengths are the strengths interpreter's
    if single:
        _read_single(section, ctx)
    else:
        if not section.children and not any(isinstance(b, ListBlock) for b in section.blocks):
            return
        _read_group(section, ctx)
