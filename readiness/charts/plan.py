"""The plan as a Gantt chart on calendar dates: priority colours with the priority written, today, milestones."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go

from readiness.charts.theme import BASE_FONT, LINE_WIDTH, axis, color_of, esc, figure, layout, level_word, text_on
from readiness.analysis.plan import Bar, Milestone, last_date

_TASK_INDENT = "    "
_TODAY_COLOR = "#CC3311"


def row_labels(bars: list[Bar]) -> list[str]:
    """'1 Phase', '1.1 Task', ...: the numbers keep rows apart when names repeat."""
    labels, phase_no, task_no = [], 0, 0
    for bar in bars:
        if bar.kind == "phase":
            phase_no, task_no = phase_no + 1, 0
            labels.append(f"{phase_no} {esc(bar.name)}")
        else:
            task_no += 1
            labels.append(f"{_TASK_INDENT}{phase_no}.{task_no} {esc(bar.name)}")
    return labels


MILESTONE_ROW = "Milestones"


def gantt(bars: list[Bar], *, today: dt.date | None = None, milestones: list[Milestone] = (),
          title: str | None = None, height: int | None = None) -> go.Figure:
    """Phases and their tasks as horizontal bars from start to finish, first phase at the top.

    Milestones get a row of their own under the bars, a diamond on each phase's last working day
    numbered with its phase, so that no diamond covers a bar's written priority and length.
    """
    labels = row_labels(bars)
    traces = []
    for priority in ("critical", "high", "medium", "low", None):
        rows = [(b, label) for b, label in zip(bars, labels) if b.priority == priority]
        if not rows:
            continue
        traces.append({
            "type": "bar", "orientation": "h", "name": level_word(priority),
            "y": [label for _, label in rows],
            "base": [b.start.isoformat() for b, _ in rows],
            "x": [(b.finish - b.start).total_seconds() * 1000 for b, _ in rows],
            "text": [_bar_text(b) for b, _ in rows],
            # Inside where it fits, else beside the bar: never shrunk below legible size.
            "textposition": "auto", "insidetextanchor": "start", "cliponaxis": False,
            "insidetextfont": {"color": text_on(priority), "size": BASE_FONT},
            "outsidetextfont": {"size": BASE_FONT},
            "marker": {"color": color_of(priority),
                       "opacity": [1.0 if b.kind == "phase" else 0.75 for b, _ in rows],
                       "line": {"color": "#1A1A1A", "width": [2 if b.kind == "phase" else 0 for b, _ in rows]}},
            "hovertext": [f"{b.start:%a %d %b %Y} to {last_date(b):%a %d %b %Y}<br>"
                          f"{b.end_day - b.start_day:g} working days · phase {esc(b.phase)}" for b, _ in rows],
            "hovertemplate": "%{y}<br>%{hovertext}<extra>%{fullData.name}</extra>",
        })
    rows = list(labels)
    if milestones:
        rows.append(MILESTONE_ROW)
        traces.append({
            "type": "scatter", "mode": "markers", "name": "MILESTONE",
            "x": [m.when.isoformat() for m in milestones],
            "y": [MILESTONE_ROW] * len(milestones),
            "cliponaxis": False,
            "marker": {"symbol": "diamond", "size": 22, "color": "#1A1A1A", "line": {"color": "#FFFFFF", "width": 2}},
            "hovertext": [f"{m.day:%a %d %b %Y} · " + esc(m.phase) + "<br>"
                          + "<br>".join(esc(d) for d in m.deliverables) for m in milestones],
            "hovertemplate": "Milestone: %{hovertext}<extra></extra>",
        })
    shapes, notes = _weekends(bars), []
    if today is not None:
        when = dt.datetime.combine(today, dt.time()).isoformat()
        shapes.append({"type": "line", "x0": when, "x1": when, "y0": 0, "y1": 1, "yref": "paper",
                       "line": {"color": _TODAY_COLOR, "width": LINE_WIDTH, "dash": "dash"}})
        notes.append({"x": when, "y": 1, "yref": "paper", "text": "<b>TODAY</b>", "showarrow": False, "yshift": 14,
                      "font": {"size": BASE_FONT, "color": _TODAY_COLOR}})
    look = layout(
        title=title, height=height or max(360, 48 * len(rows) + 200), barmode="overlay", shapes=shapes,
        annotations=notes,
        # The legend sits at the figure's foot in pixels, not at a share of the plot: a tall plan's legend
        # placed at -0.18 of its plot fell outside the figure.
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom",
                "title": {"text": "Priority", "font": {"size": BASE_FONT}}},
        margin={"l": 10, "r": 10, "t": 70 if title else 30, "b": 60},
        xaxis=axis(type="date", title_text="Calendar date (weekends skipped)", **_week_ticks(bars),
                   **_date_range(bars, today)),
        yaxis=axis(type="category", categoryorder="array", categoryarray=rows, autorange="reversed"),
    )
    return figure(traces, look)


def _week_ticks(bars: list[Bar]) -> dict:
    """A tick on every Monday (plans are counted in working weeks); monthly ticks for long plans."""
    if not bars:
        return {"tickformat": "%a %d %b"}
    first = min(b.start for b in bars).date()
    last = max(b.finish for b in bars).date()
    if (last - first).days > 16 * 7:
        return {"dtick": "M1", "tickformat": "%b %Y"}
    monday = first - dt.timedelta(days=first.weekday())
    return {"tick0": dt.datetime.combine(monday, dt.time()).isoformat(), "dtick": 7 * 24 * 3600 * 1000,
            "tickformat": "%a %d %b"}


def _weekends(bars: list[Bar]) -> list[dict]:
    """Grey bands over the weekends the plan spans: nobody works there, which is why bars stretch."""
    if not bars:
        return []
    first = min(b.start for b in bars).date()
    last = max(b.finish for b in bars).date()
    day = first + dt.timedelta(days=(5 - first.weekday()) % 7)  # the first Saturday
    bands = []
    while day <= last:
        bands.append({"type": "rect", "layer": "below", "xref": "x", "yref": "paper", "y0": 0, "y1": 1,
                      "x0": dt.datetime.combine(day, dt.time()).isoformat(),
                      "x1": dt.datetime.combine(day + dt.timedelta(days=2), dt.time()).isoformat(),
                      "fillcolor": "rgba(128,128,128,0.18)", "line": {"width": 0}})
        day += dt.timedelta(weeks=1)
    return bands


def _date_range(bars: list[Bar], today: dt.date | None) -> dict:
    """From the first start (or today) to the last finish, with room on the right for text beside a bar."""
    if not bars:
        return {}
    first = min(b.start for b in bars)
    if today is not None:
        first = min(first, dt.datetime.combine(today, dt.time()))
    last = max(b.finish for b in bars)
    pad = max((last - first) * 0.22, dt.timedelta(days=2))
    return {"range": [(first - dt.timedelta(hours=12)).isoformat(), (last + pad).isoformat()]}


def _bar_text(bar: Bar) -> str:
    if bar.kind == "phase":
        return f"{level_word(bar.priority)} · {bar.end_day - bar.start_day:g} d"
    return f"{bar.end_day - bar.start_day:g} d"
