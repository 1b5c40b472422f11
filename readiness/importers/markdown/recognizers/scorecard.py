"""Scorecards: category score tables (with or without weight and blocker columns) and scored headings."""

from __future__ import annotations

import re

from readiness.importers import Fact
from readiness.importers.markdown.context import Context, ScoreTableCandidate
from readiness.importers.markdown.fold import has, which
from readiness.importers.markdown.numbers import parse_grade, parse_percent, parse_score, parse_traffic_light, to_float
from readiness.importers.markdown.text import clean_name, lead_title, plain
from readiness.importers.markdown.tree import ListBlock, Section, Table
from readiness.model import Category, Score

_CATEGORY_HEADER = re.compile(r"categor|area|dimension|domain|pillar|axis|aspect|kategorie|bereich|категор|ось|"
                              r"област|напрям|dimens[ãa]o|维度|类别|领域|section|criteri|component|komponente", re.I)
_SCORE_HEADER = re.compile(r"score|rating|grade|nota|note|punkte|bewertung|оценк|балл|pontua|评分|得分|current|"
                           r"aktuell|текущ|maturity|reife|readiness|готовн|完成|^after$|^now$|nachher|после|depois", re.I)
_NOT_SCORE = re.compile(r"weighted|target|gap|max|contribution|before|trend|weight|ziel|цель|разрыв|delta|change|"
                        r"goal|expected|previous|baseline|peso|gewicht|вес|improvement|\+", re.I)
_WEIGHT_HEADER = re.compile(r"weight|gewicht|peso|вес|权重|poids", re.I)
_BLOCKER_HEADER = re.compile(r"blocker|blocking|blocks|blockiert|блок|阻塞", re.I)
_STATUS_HEADER = re.compile(r"status|state|zustand|статус|estado|状态|zone|verdict", re.I)
_MAX_HEADER = re.compile(r"^(?:max|maximum|out of|of|possible|máx)", re.I)
# The column patterns a score table's header cells are asked of, and each one's position among them.
_COLUMNS = (_CATEGORY_HEADER, _WEIGHT_HEADER, _BLOCKER_HEADER, _STATUS_HEADER, _MAX_HEADER)
_CATEGORY, _WEIGHT, _BLOCKER, _STATUS, _MAX = range(len(_COLUMNS))
TOTAL_ROW = re.compile(r"^(?:total|overall|gesamt|sum|итого?|всего|общ|overall score|total score|weighted total|"
                        r"final score|readiness score|overall readiness|weighted score|总计|合计|总分)\b", re.I)
_SCORECARD_TITLE = re.compile(r"score|matrix|grade|rating|readiness|bewertung|оценк|матриц|готовн|pontua|评分", re.I)
_YES = re.compile(r"^(?:yes|y|true|ja|да|sim|是|x|✓|✔|blocker|blocking|critical)\b", re.I)
_NO = re.compile(r"^(?:no|n|false|nein|нет|não|否|-|—|–|none|n/a)?$", re.I)


# Small patterns compiled once (they run on every document; regex_audit sees them here).
_HEADER_SCALE = re.compile(r"/\s*(\d+(?:\.\d+)?)|\b0\s*[-–]\s*(\d+)\b|out of (\d+)")
_WEIGHTED_OR_SCORE = re.compile(r"weighted|score", re.I)
_SUMMARIZING = re.compile(r"(?i)overall|summary|final|gesamt|итог|总")


def _scale_from_header(header: str) -> float | None:
    match = _HEADER_SCALE.search(header)
    if match:
        return to_float(next(g for g in match.groups() if g))
    return None


def _score_column(header: list[str], name_col: int) -> int | None:
    best = None
    for index, cell in enumerate(header):
        text = plain(cell).casefold()
        if index == name_col or not has(_SCORE_HEADER, text) or has(_NOT_SCORE, text):
            continue
        rank = 0 if text == "score" else 1 if "score" in text else 2 if text in ("rating", "grade") else 3
        if best is None or rank < best[0]:
            best = (rank, index)
    return best[1] if best else None


def _blocker(cell: str) -> bool | None:
    text = plain(cell).strip()
    if _YES.match(text) or "🔴" in cell or "❌" in cell:
        return True
    if _NO.match(text) or "🟢" in cell or "✅" in cell:
        return False
    return None


def _read_score_table(table: Table, section: Section, ctx: Context) -> ScoreTableCandidate | None:
    header = [plain(cell) for cell in table.header]
    if len(header) < 2 or len(table.rows) < 2:
        return None
    # What each header cell names, asked of all the column patterns at once: _COLUMNS' positions per cell.
    said = [which(_COLUMNS, cell) for cell in header]
    name_col = next((i for i, names in enumerate(said) if _CATEGORY in names), 0)
    score_col = _score_column(header, name_col)
    if score_col is None:
        return None
    weight_col = next((i for i, cell in enumerate(header) if _WEIGHT in said[i]
                       and not _WEIGHTED_OR_SCORE.search(cell)), None)
    blocker_col = next((i for i, names in enumerate(said) if _BLOCKER in names), None)
    status_col = next((i for i, names in enumerate(said) if _STATUS in names and i != score_col), None)
    max_col = next((i for i, names in enumerate(said) if _MAX in names), None)
    scale = _scale_from_header(header[score_col])
    categories: list[Category] = []
    overall = None
    data_rows = 0
    for row, line in zip(table.rows, table.row_lines):
        if len(row) <= max(name_col, score_col):
            continue
        name = clean_name(row[name_col])
        if not name:
            continue
        row_scale = scale
        if max_col is not None and max_col < len(row):
            row_scale = to_float(plain(row[max_col]).strip()) or scale
        found = parse_score(plain(row[score_col]), scale=row_scale) or parse_traffic_light(row[score_col])
        if TOTAL_ROW.match(name):
            if found:
                overall = (Score(score=found[0], max=found[1]), line)
            continue
        data_rows += 1
        grade = parse_grade(plain(row[score_col])) if not found else None
        if not found and not grade:
            continue
        weight = None
        if weight_col is not None and weight_col < len(row):
            weight = parse_percent(plain(row[weight_col]))
        blocker = _blocker(row[blocker_col]) if blocker_col is not None and blocker_col < len(row) else None
        status = plain(row[status_col]) if status_col is not None and status_col < len(row) else None
        score, top = found if found else (None, row_scale or 100.0)
        categories.append(Category(name=name[:200], score=score, max=top, grade=grade, weight=weight,
                                   status=status or None, blocker=blocker, line=line))
    if len(categories) < 2 or len(categories) < 0.6 * data_rows or all(c.score is None for c in categories):
        return None  # a table of grades alone is no scorecard of numbers
    weights = [c.weight for c in categories]
    if any(w is None for w in weights):
        for category in categories:
            if category.weight is not None:
                category.weight = None
    elif all(w <= 1 for w in weights) and 0.9 <= sum(weights) <= 1.1:
        for category in categories:  # weights written as fractions (0.25)
            category.weight = round(category.weight * 100, 4)
    in_scorecard = section.within(_SCORECARD_TITLE)
    summarizing = any(_SUMMARIZING.search(s.name)
                      for s in (section, *section.ancestors()) if s.level)
    rank = (0 if _CATEGORY in said[name_col] else 2) + (0 if in_scorecard else 1) - summarizing
    return ScoreTableCandidate(rank=rank, line=table.line, kind="score table", categories=categories,
                               overall=overall)


def recognize_score_table(section: Section, ctx: Context) -> None:
    """A table with a name column and a score column is a scorecard candidate (the best one wins)."""
    for block in section.blocks:
        if isinstance(block, Table):
            candidate = _read_score_table(block, section, ctx)
            if candidate:
                ctx.score_tables.append(candidate)
                ctx.use(section)


_DIGIT = re.compile(r"\d")
_HEADING_SCORE = re.compile(r"[:(（\-–—]?(?<!\s)\s*+[(（]?\s*+(?<![\d.])(\d+(?:\.\d+)?\s*/\s*\d+(?:\.\d+)?|\d+(?:\.\d+)?\s*%)\s*[)）]?")
# A letter grade stands alone and in capitals ("Security B+ (80/100)"); the "e" of "Infrastructure" is none.
_TRAILING_GRADE = re.compile(r"(?<!\s)\s*+[:\-–—]?\s*+(?:(?i:grade)\s*:?\s*)?(?<!\w)[A-F][+-]?\s*+[(（]?\s*$")


def recognize_heading_scores(section: Section, ctx: Context) -> None:
    """Sibling headings that carry a score ("## Infrastructure (40/40)") form a scorecard candidate."""
    scored = []
    for child in section.children:
        text = plain(child.title)
        # Every score has a digit: a heading without one (most) is not run through the pattern.
        match = _HEADING_SCORE.search(text) if _DIGIT.search(text) else None
        if not match:
            continue
        found = parse_score(match.group(1))
        name = clean_name(_TRAILING_GRADE.sub("", text[:match.start()]))
        if found and name and not TOTAL_ROW.match(name):
            scored.append(Category(name=name[:200], score=found[0], max=found[1], line=child.line))
    if len(scored) >= 2 and len(scored) >= 0.5 * len(section.children):
        ctx.score_tables.append(ScoreTableCandidate(rank=5, line=scored[0].line or 0, kind="run of scored headings",
                                                    categories=scored, overall=None))


# A list item's value that opens with a score out of a scale: "9/10", "8.5 / 10 - solid". Percentages are
# left out: a list of "Uptime: 99.9%" lines is usually measurements, not scores.
_LEADING_SCORE = re.compile(r"^\s*+[~≈]?\s*+\d+(?:[.,]\d+)?\s*/\s*\d+(?:[.,]\d+)?")


def _scored_item(text: str) -> tuple[str, tuple[float, float]] | None:
    name, rest = lead_title(text)
    if not name or not rest or TOTAL_ROW.match(name) or not _LEADING_SCORE.match(plain(rest)):
        return None
    found = parse_score(_LEADING_SCORE.match(plain(rest)).group(0))
    return (name, found) if found else None


def recognize_list_scores(section: Section, ctx: Context) -> None:
    """A bullet list of "**Name:** 9/10" items, all on one scale, is a scorecard candidate.

    Ranked below any score table (a table is the more deliberate scorecard) and, outside a section titled
    as a score, below scored headings too.
    """
    for block in section.blocks:
        # Cheap tests first: most lists are not scorecards, and lead_title is dear on thousands of items.
        if not isinstance(block, ListBlock) or len(block.items) < 3 \
                or sum("/" in item.text for item in block.items) < max(3, 0.6 * len(block.items)):
            continue
        scored = []
        for item in block.items:
            found = _scored_item(item.text) if "/" in item.text else None
            if found:
                scored.append(Category(name=found[0][:200], score=found[1][0], max=found[1][1], line=item.line))
        scales = {category.max for category in scored}
        if len(scored) >= 3 and len(scored) >= 0.6 * len(block.items) and len(scales) == 1:
            titled = section.within(_SCORECARD_TITLE)
            ctx.score_tables.append(ScoreTableCandidate(rank=4 if titled else 6, line=block.line,
                                                        kind="list of scored items", categories=scored,
                                                        overall=None))
            ctx.use(section)


def _preference(candidate: ScoreTableCandidate) -> tuple:
    # Better rank first; then a table whose weights add up to 100; then the larger table; then the earlier.
    weights = [c.weight for c in candidate.categories]
    weighted = all(w is not None for w in weights) and abs(sum(weights) - 100) <= 1
    return candidate.rank, not weighted, -len(candidate.categories), candidate.line


def choose_scorecard(ctx: Context) -> None:
    """Take the best scorecard candidate as the categories; report the others as skipped."""
    if not ctx.score_tables:
        return
    best = min(ctx.score_tables, key=_preference)
    ctx.categories = best.categories
    for category in best.categories:
        weight = f" weight {category.weight:g}%" if category.weight is not None else ""
        blocker = " blocker" if category.blocker else ""
        said = f"{category.score:g}/{category.max:g}" if category.score is not None else f"grade {category.grade}"
        ctx.fact(category.line, "category", f"category {category.name} {said}{weight}{blocker}")
    if best.overall and ctx.overall is None:
        ctx.overall = best.overall[0]
        ctx.fact(best.overall[1], "overall", f"overall {ctx.overall.score:g}/{ctx.overall.max:g} (table total)")
    for other in ctx.score_tables:
        if other is not best:
            ctx.facts.append(_skipped(other))


def _skipped(candidate: ScoreTableCandidate) -> Fact:
    return Fact(line=candidate.line, kind="skipped",
                text=f"another {candidate.kind} ({len(candidate.categories)} rows); the scorecard is elsewhere",
                used=False)
