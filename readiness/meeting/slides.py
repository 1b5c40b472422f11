"""Slides for a meeting: one chart each, with a sentence that says what it means.

The order is the one a planning meeting follows: verdict, scores, risks, immediate actions, plan,
costs, agenda. Present mode shows them one at a time, each fitted to a 16:9 screen (long plans
condense to their phases or run over several slides, long agendas and action lists continue on the
next slide); the HTML hand-out prints them all, unfitted (`fit=False`).

Every number a title or line states is computed from the same object the chart beside it draws:
tests/test_slide_numbers.py reads each number back out of the figure's data.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace

import plotly.graph_objects as go

from readiness.analysis import actions as action_analysis
from readiness.analysis import checklist
from readiness.analysis import costs
from readiness.analysis import plan
from readiness.analysis import risks
from readiness.analysis import scores
from readiness.meeting.agenda import meeting_agenda, pct
from readiness.charts import actions as action_charts
from readiness.charts import costs as cost_charts
from readiness.charts import plan as plan_charts
from readiness.charts import risks as risk_charts
from readiness.charts import scores as score_charts
from readiness.charts.theme import BASE_FONT, color_of, figure, layout, score_level
from readiness.model import Assessment
from readiness.meeting.views import duration_text

ORDER = ("verdict", "scores", "risks", "actions", "plan", "costs", "agenda")

# What fits a 1280x720 screen under a two-line title at projector type sizes: the chart height the
# rows are counted for, and how many rows a chart holds there. On screen Present's stage stretches the
# chart to the screen's height (larger screens get larger charts, never more rows).
SLIDE_CHART_HEIGHT = 470
MAX_PLAN_ROWS = 9
NOTE_HEIGHT = 44  # one line of slide text under a chart
MAX_ACTION_ROWS = 7
MAX_FINDING_CATEGORIES = 7
# Lines of slide text (24 px) under a title on a 720-pixel screen, and characters per wrapped line.
MAX_TEXT_LINES = 13
CHARS_PER_LINE = 80
MAX_SIDE_CHARS = 160
# Present shows long document text cut here (the hand-out and the pages show it whole).
MAX_LINE_CHARS = 320


@dataclass(frozen=True)
class Slide:
    """One slide: what it means in a sentence, a chart (or none), and plain-text lines."""

    key: str
    title: str
    figure: go.Figure | None = None
    lines: list[str] = field(default_factory=list)
    part: tuple[int, int] | None = None
    """(n, of) where one topic runs over several slides."""
    wide: bool = False
    """The chart needs the full width (a Gantt chart): its lines go under it, not beside it."""

    @property
    def name(self) -> str:
        """'plan', or 'plan 2 of 3'."""
        return self.key if self.part is None else f"{self.key} {self.part[0]} of {self.part[1]}"


_IRREGULAR = {"category": "categories", "person": "people", "is": "are", "stands": "stand", "sits": "sit", "blocks": "block",
              "states": "state"}


def plural(count: int, word: str) -> str:
    """'1 risk', '3 risks', '3 categories'."""
    return f"{count} {word if count == 1 else plural_word(word)}"


def plural_word(word: str) -> str:
    """The plural of one of our own words: risk -> risks, category -> categories."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    last = word.rsplit(" ", 1)
    head = last[0] + " " if len(last) == 2 else ""
    tail = last[-1]
    if tail in _IRREGULAR:
        return head + _IRREGULAR[tail]
    if tail.endswith("y") and tail[-2:-1] not in "aeiou":
        return head + tail[:-1] + "ies"
    return head + tail + "s"


def verb(count: int, singular: str) -> str:
    """'stands' for one, 'stand' for several."""
    return singular if count == 1 else _IRREGULAR.get(singular, singular.removesuffix("s"))


def _clip(line: str, limit: int = MAX_LINE_CHARS) -> str:
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _verdict_figure(doc: Assessment, percent: float, height: int | None) -> go.Figure:
    level = score_level(percent)
    gauge = {
        "type": "indicator", "mode": "number+gauge", "value": round(percent, 1),
        "number": {"suffix": "%", "font": {"size": 96}},
        "gauge": {"axis": {"range": [0, 100], "tickfont": {"size": BASE_FONT}},
                  "bar": {"color": color_of(level), "thickness": 0.6},
                  "steps": [{"range": [0, 100], "color": "rgba(128,128,128,0.15)"}]},
        "title": {"text": "Overall score", "font": {"size": 28}},
    }
    return figure([gauge], layout(height=height or 460, margin={"l": 50, "r": 50, "t": 70, "b": 20}))


def verdict_slide(doc: Assessment, *, height: int | None = None) -> Slide:
    """How far from production, in one sentence and one number."""
    blockers = scores.blockers(doc)
    critical = [f for f in doc.findings if f.severity == "critical"]
    if blockers:
        title = f"{plural(len(blockers), 'blocker')} {verb(len(blockers), 'stands')} " \
                f"between {doc.project} and production"
    elif critical:
        title = f"{plural(len(critical), 'critical finding')} {verb(len(critical), 'stands')} " \
                f"between {doc.project} and production"
    else:
        title = f"No blocker or critical finding is recorded for {doc.project}"
    lines = [f"Verdict: {doc.status}" if doc.status else "The document states no verdict."]
    if blockers:
        lines.append("Blockers: " + ", ".join(blockers) + ".")
    if doc.time_to_ready:
        lines.append(f"Time to ready: {duration_text(doc.time_to_ready)}.")
    if critical:
        shown = 3 if height else 5
        lines.append(f"Critical findings: {', '.join(f.title for f in critical[:shown])}"
                     + (f" and {len(critical) - shown} more." if len(critical) > shown else "."))
    percent = doc.overall_percent
    if percent is None and (computed := scores.computed_overall(doc)):
        percent = computed[0]
        lines.append(f"No overall score is stated; the gauge shows the categories' {computed[1]}.")
    chart = _verdict_figure(doc, percent, height) if percent is not None else None
    return Slide("verdict", title, chart, lines)


def scores_slide(doc: Assessment, *, height: int | None = None) -> Slide:
    """Category scores, worst first; the blockers counted are the ones the chart marks."""
    scored = scores.scored_categories(doc.categories)
    if not scored:
        return Slide("scores", f"{doc.project} states no category scores", None,
                     ["The document gives no scorecard to chart."])
    worst = min(scored, key=lambda c: c.percent)
    title = f"{worst.name} is the weakest area at {pct(worst.percent)}"
    marked = sum(1 for c in scored if c.blocker)
    if marked:
        title += f"; {plural(marked, 'category')} {verb(marked, 'blocks')} production"
    lines = []
    unscored_blockers = [c.name for c in doc.categories if c.blocker and c.score is None]
    if unscored_blockers:
        lines.append("Also blocking, with no score stated: " + ", ".join(unscored_blockers) + ".")
    return Slide("scores", title, score_charts.category_bars(scored, height=height), lines)


def _condensed_findings(counts: dict[tuple[str, str], int], keep: int) -> dict[tuple[str, str], int]:
    """At most `keep` categories (those with the most severe findings), the rest added up as one."""
    categories = sorted({cat for cat, _ in counts},
                        key=lambda cat: [-counts.get((cat, s), 0) for s in risks.severity_order()])
    if len(categories) <= keep:
        return counts
    kept = set(categories[: keep - 1])
    rest = f"{len(categories) - len(kept)} other categories"
    merged: dict[tuple[str, str], int] = {}
    for (category, severity), count in counts.items():
        key = (category if category in kept else rest, severity)
        merged[key] = merged.get(key, 0) + count
    return merged


def risks_slide(doc: Assessment, *, height: int | None = None) -> Slide:
    """The risk matrix, or findings by severity where no probabilities are given."""
    if risks.has_matrix(doc):
        cells = risks.risk_cells(doc.risks)
        placed = sum(len(c.risks) for c in cells)
        severe = sum(len(c.risks) for c in cells if c.level in ("critical", "high"))
        title = f"{plural(severe, 'risk')} of {placed} {verb(severe, 'sits')} in high or critical cells"
        lines = []
        if placed < len(doc.risks):
            lines.append(f"{plural(len(doc.risks) - placed, 'risk')} without a stated probability or impact "
                         f"{verb(len(doc.risks) - placed, 'is')} not on the matrix.")
        return Slide("risks", title, risk_charts.risk_matrix(cells, height=height), lines)
    if doc.findings:
        counts = risks.finding_counts(doc)
        if height:
            counts = _condensed_findings(counts, MAX_FINDING_CATEGORIES)
        urgent = sum(n for (_category, severity), n in counts.items() if severity in ("critical", "high"))
        title = f"{plural(urgent, 'finding')} of {sum(counts.values())} {verb(urgent, 'is')} critical or high"
        return Slide("risks", title, risk_charts.findings_by_severity(counts, height=height),
                     ["No probabilities are given, so findings by severity take the risk matrix's place."])
    return Slide("risks", "No risks or findings are listed", None, [])


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def actions_slides(doc: Assessment, *, height: int | None = None) -> list[Slide]:
    """The immediate action items with their effort, and their total in the title."""
    result = action_analysis.totals(doc)
    if not result.count:
        return [Slide("actions", "No immediate actions are listed", None,
                      ["The document lists no immediate action items."])]
    title = action_analysis.summary_sentence(result).rstrip(".")
    if not result.stated:  # no effort to chart: the actions themselves, as text
        return [Slide("actions", title, None, [f"{a.title} (effort not stated)." for a in result.actions])]
    size = MAX_ACTION_ROWS if height else max(result.count, 1)
    pages = _chunks(list(result.actions), size)
    slides = []
    for number, chunk in enumerate(pages, start=1):
        first = (number - 1) * size + 1
        part = action_analysis.ActionTotals(tuple(chunk), result.hours, result.unstated)
        lines = [] if len(pages) == 1 else [f"Actions {first}-{first + len(chunk) - 1} of {result.count}."]
        chart = action_charts.action_bars(part, height=height, numbered_from=first)
        slides.append(Slide("actions", title, chart, lines, (number, len(pages)) if len(pages) > 1 else None))
    return slides


def plan_slides(doc: Assessment, start: dt.date | None = None, *, height: int | None = None) -> list[Slide]:
    """The remediation plan on the calendar: phases and tasks, or the phases alone when they would not fit."""
    if not doc.phases:
        stated = f" Time to ready, as stated: {duration_text(doc.time_to_ready)}." if doc.time_to_ready else ""
        return [Slide("plan", "There is no phased plan yet", None, [f"The document has no phases.{stated}"])]
    start = start or plan.next_monday()
    bars = plan.schedule(doc, start)
    marks = plan.milestones(doc, start)
    last = plan.last_working_day(doc, start)
    days = max(p.end_day for p in doc.phases)
    title = (f"{plural(len(doc.phases), 'phase')} over {days:g} working days: "
             f"ready by {last:%a %d %b %Y} if work starts {start:%a %d %b}")
    today = dt.date.today()
    if not height or len(bars) + (1 if marks else 0) <= MAX_PLAN_ROWS:
        return [Slide("plan", title, plan_charts.gantt(bars, today=today, milestones=marks, height=height))]
    phases = [b for b in bars if b.kind == "phase"]
    tasks = len(bars) - len(phases)
    note = f"{plural(tasks, 'task')} are listed on the Plan page; here each phase is one bar."
    pages = _chunks(phases, MAX_PLAN_ROWS - 1)
    height -= NOTE_HEIGHT * (1 if len(pages) == 1 else 2)
    slides = []
    for number, chunk in enumerate(pages, start=1):
        names = {b.phase for b in chunk}
        lines = [note] if len(pages) == 1 else [note, f"Phases {chunk[0].phase} to {chunk[-1].phase}."]
        chart = plan_charts.gantt(chunk, today=today, milestones=[m for m in marks if m.phase in names],
                                  height=height)
        slides.append(Slide("plan", title, chart, lines, (number, len(pages)) if len(pages) > 1 else None,
                            wide=True))
    return slides


def costs_slide(doc: Assessment, *, height: int | None = None) -> Slide:
    """What readiness costs: the stated ranges, or the plan's effort when no money is stated."""
    totals = costs.cost_totals(doc)
    if totals is None:
        people = costs.DEFAULT_TEAM_SIZE
        estimate = costs.estimate_for(doc, people=people, day_rate=costs.DEFAULT_DAY_RATE)
        lines = ["The document states no costs."]
        if estimate is None:
            return Slide("costs", "No money is stated", None, lines)
        lines.append(f"With {plural(people, 'person').replace('persons', 'people')} the plan takes "
                     f"{costs.days_range(*estimate.days)}; at {costs.money(estimate.day_rate, estimate.currency)} "
                     f"a day each that is {costs.money_range(*estimate.cost, estimate.currency)} (the Costs page "
                     "changes the team and the rate).")
        work = plan.stages(doc)
        chart = cost_charts.team_scaling(costs.team_curve(work, range(1, 11)), people=people,
                                         stated_days=max((p.end_day for p in doc.phases), default=None),
                                         height=height)
        return Slide("costs", "No money is stated", chart, lines)
    title = f"The first month costs {costs.short_range(*totals.first_month, totals.currency)}"
    lines = [f"One-off: {costs.money_range(*totals.one_off, totals.currency)}.",
             f"Recurring: {costs.money_range(*totals.monthly, totals.currency)} a month.",
             f"First year: {costs.money_range(*totals.first_year, totals.currency)}."]
    if totals.left_out:
        lines.append("Not added up (another currency): " + ", ".join(totals.left_out) + ".")
    return Slide("costs", title, cost_charts.cost_ranges(doc.costs, height=height), lines)


def _wrapped(line: str, width: int) -> int:
    return max(1, math.ceil(len(line) / width))


def paginate_lines(lines: list[str], *, budget: int = MAX_TEXT_LINES, width: int = CHARS_PER_LINE) -> list[list[str]]:
    """Lines split into pages that each fit `budget` wrapped lines of `width` characters."""
    pages, page, used = [], [], 0
    for line in lines:
        cost = _wrapped(line, width)
        if page and used + cost > budget:
            pages.append(page)
            page, used = [], 0
        page.append(line)
        used += cost
    pages.append(page)
    return pages


def agenda_slides(doc: Assessment, previous: Assessment | None = None, *, fit: bool = False) -> list[Slide]:
    """What to talk about: the agenda against the previous version, over as many slides as it takes."""
    agenda = meeting_agenda(previous, doc)
    done, total = checklist.overall_completion(doc)
    lines = agenda.lines()
    if total:
        lines.append(f"Checklist: {done} of {total} items ticked.")
    if not fit:
        return [Slide("agenda", agenda.title, None, lines)]
    pages = paginate_lines([_clip(line) for line in lines])
    if len(pages) == 1:
        return [Slide("agenda", agenda.title, None, pages[0])]
    return [Slide("agenda", agenda.title, None, page, (n, len(pages))) for n, page in enumerate(pages, start=1)]


def _fit_side_lines(slide: Slide) -> Slide:
    """Long document text cut for the screen (the pages and the hand-out show it whole)."""
    limit = MAX_LINE_CHARS if slide.figure is None else MAX_SIDE_CHARS
    return replace(slide, lines=[_clip(line, limit) for line in slide.lines])


def build_slides(doc: Assessment, previous: Assessment | None = None, *,
                 start: dt.date | None = None, fit: bool = True) -> list[Slide]:
    """Every slide for a document, in meeting order; `fit` sizes them for a 16:9 screen (Present)."""
    height = SLIDE_CHART_HEIGHT if fit else None
    slides = [verdict_slide(doc, height=height), scores_slide(doc, height=height), risks_slide(doc, height=height),
              *actions_slides(doc, height=height), *plan_slides(doc, start, height=height),
              costs_slide(doc, height=height), *agenda_slides(doc, previous, fit=fit)]
    if not fit:
        return slides
    for slide in slides:
        # On screen a chart takes the height Present's stage gives it; SLIDE_CHART_HEIGHT only sized its rows.
        if slide.figure is not None:
            slide.figure.layout.height = None
    return [_fit_side_lines(s) for s in slides]
