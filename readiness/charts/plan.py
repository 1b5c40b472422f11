"""The plan as a Gantt chart on calendar dates: priority colours with the priority written, today, milestones."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go

from readiness.charts.theme import (BASE_FONT, LINE_WIDTH, color_of, esc, level_word, styled, text_on)
from readiness.plan import Bar, Milestone, last_date

_MS_PER_DAY = 86_400_000
_TASK_INDENT = "    "


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


def gantt(bars: list[Bar], *, today: dt.date | None = None, milestones: list[Milestone] = (),
          title: str | None = None) -> go.Figure:
    """Phases and their tasks as horizontal bars from start to finish, first phase at the top."""
    labels = row_labels(bars)
    fig = go.Figure()
    seen = set()
    for priority in ("critical", "high", "medium", "low", None):
        rows = [(b, label) for b, label in zip(bars, labels) if b.priority == priority]
        if not rows:
            continue
        seen.add(priority)
        fig.add_trace(go.Bar(
            orientation="h",
            name=level_word(priority),
            y=[label for _, label in rows],
            base=[b.start.isoformat() for b, _ in rows],
            x=[(b.finish - b.start).total_seconds() * 1000 for b, _ in rows],
            text=[_bar_text(b) for b, _ in rows],
            textposition="inside", insidetextanchor="start",
            textfont={"color": text_on(priority), "size": BASE_FONT},
            marker={"color": color_of(priority), "opacity": [1.0 if b.kind == "phase" else 0.75 for b, _ in rows],
                    "line": {"color": "#1A1A1A", "width": [2 if b.kind == "phase" else 0 for b, _ in rows]}},
            customdata=[[b.start.strftime("%a %d %b %Y"), last_date(b).strftime("%a %d %b %Y"),
                         f"{b.end_day - b.start_day:g}", esc(b.phase)] for b, _ in rows],
            hovertemplate=("%{y}<br>%{customdata[0]} to %{customdata[1]}<br>"
                           "%{customdata[2]} working days · phase %{customdata[3]}<extra>%{fullData.name}</extra>"),
        ))
    if milestones:
        fig.add_trace(go.Scatter(
            x=[m.when.isoformat() for m in milestones],
            y=[_phase_label(labels, bars, m.phase) for m in milestones],
            mode="markers", name="MILESTONE",
            marker={"symbol": "diamond", "size": 26, "color": "#1A1A1A", "line": {"color": "#FFFFFF", "width": 2}},
            hovertext=[esc(m.phase) + "<br>" + "<br>".join(esc(d) for d in m.deliverables) for m in milestones],
            hovertemplate="Milestone: %{hovertext}<extra></extra>",
        ))
    if today is not None:
        when = dt.datetime.combine(today, dt.time()).isoformat()
        fig.add_shape(type="line", x0=when, x1=when, y0=0, y1=1, yref="paper",
                      line={"color": "#CC3311", "width": LINE_WIDTH, "dash": "dash"})
        fig.add_annotation(x=when, y=1, yref="paper", text="<b>TODAY</b>", showarrow=False, yshift=14,
                           font={"size": BASE_FONT, "color": "#CC3311"})
    fig.update_xaxes(type="date", tickformat="%a %d %b", title_text="Calendar date (weekends skipped)")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels, autorange="reversed")
    fig.update_layout(barmode="overlay", legend={"orientation": "h", "y": -0.18, "title": {"text": "Priority"}})
    return styled(fig, title=title, height=max(360, 48 * len(bars) + 200))


def _phase_label(labels: list[str], bars: list[Bar], phase: str) -> str:
    return next(label for label, b in zip(labels, bars) if b.kind == "phase" and b.phase == phase)


def _bar_text(bar: Bar) -> str:
    if bar.kind == "phase":
        return f"{level_word(bar.priority)} · {bar.end_day - bar.start_day:g} d"
    return f"{bar.end_day - bar.start_day:g} d"
