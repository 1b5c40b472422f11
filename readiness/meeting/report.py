"""The meeting hand-out: one self-contained HTML file with every chart interactive and no network use.

plotly.js is inlined once; each chart's JSON sits in a `<script type="application/json">` block that a
single inline script draws. Documents are untrusted, so every piece of their text goes through
`html.escape`, and the figure JSON has `<`, `>` and `&` written as \\u escapes so that no string in it
can close its script element. The text parts (verdict, numbers, audit, agenda, source) are plain HTML
and read the same without JavaScript or on paper.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from readiness.analysis import checklist
from readiness.analysis import costs
from readiness.analysis import scores
from readiness.meeting.agenda import Agenda, meeting_agenda, pct, points
from readiness.charts import compare as compare_charts
from readiness.analysis.compare import Comparison, compare_assessments
from readiness.analysis.edits import Decision
from readiness.meeting.compare_view import change_lists
from readiness.model import Assessment
from readiness.meeting.slides import build_slides, plural
from readiness.meeting.views import duration_text

# No plotly logo (a link to plotly.com) in the mode bar; charts follow the page width.
CHART_CONFIG = {"displaylogo": False, "responsive": True}

_CSS = """
:root { color-scheme: light; }
body { font: 20px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a;
       background: #fff; max-width: 1200px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 2.1em; line-height: 1.2; margin: 0.4em 0 0.2em; }
h2 { font-size: 1.5em; line-height: 1.25; margin: 1.6em 0 0.4em; }
h3 { font-size: 1.15em; margin: 1em 0 0.2em; }
.meta { color: #555; font-size: 0.85em; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { text-align: left; padding: 6px 16px 6px 0; border-bottom: 1px solid #ddd; vertical-align: top; }
.chart { width: 100%; margin: 0.5em 0; }
.ok { color: #1b6e3a; font-weight: 600; }
.flagged { color: #a8321a; font-weight: 600; }
section { break-inside: avoid; }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 15px; }
  section.slide { break-before: page; }
}
"""

# Draws every chart from its JSON block; the only script besides plotly.js itself.
_DRAW = """
document.querySelectorAll('script[type="application/json"][data-chart]').forEach(function (block) {
  var spec = JSON.parse(block.textContent);
  Plotly.newPlot(block.getAttribute('data-chart'), spec.data, spec.layout, spec.config);
});
// Paper is narrower than a screen: while printing, each chart is redrawn at the printed width.
window.matchMedia('print').addEventListener('change', function (query) {
  document.querySelectorAll('.chart.js-plotly-plot').forEach(function (chart) {
    Plotly.relayout(chart, query.matches ? {width: chart.parentElement.clientWidth} : {width: null, autosize: true});
  });
});
"""

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def script_safe_json(text: str) -> str:
    """JSON that cannot end its <script> element: <, >, & and line separators as \\u escapes."""
    # These characters only occur inside JSON strings, where the \u form means the same thing.
    for char, escaped in _JSON_ESCAPES.items():
        text = text.replace(char, escaped)
    return text


def _chart(fig: go.Figure, number: int) -> str:
    spec = fig.to_plotly_json()
    payload = pio.to_json({"data": spec.get("data", []), "layout": spec.get("layout", {}),
                           "config": CHART_CONFIG}, validate=False)
    height = fig.layout.height or 450
    chart_id = f"chart-{number}"
    return (f'<div id="{chart_id}" class="chart" style="height:{int(height)}px"></div>\n'
            f'<script type="application/json" data-chart="{chart_id}">{script_safe_json(payload)}</script>')


def _list(items: Iterable[str]) -> str:
    rows = "".join(f"<li>{_e(item)}</li>" for item in items)
    return f"<ul>{rows}</ul>" if rows else ""


def _table(rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<tr><th scope=\"row\">{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
    return f"<table>{body}</table>"


def _agenda(agenda: Agenda, extra: Iterable[str] = ()) -> str:
    parts = [f"<h2>{_e(agenda.title)}</h2>"]
    if not agenda.sections:
        parts.append("<p>Nothing on the agenda stands out.</p>")
    for section in agenda.sections:
        parts.append(f"<h3>{_e(section.heading)}</h3>{_list(section.items)}")
    parts.extend(f"<p>{_e(line)}</p>" for line in extra)
    return f'<section class="agenda">{"".join(parts)}</section>'


def _audit(doc: Assessment) -> str:
    if not doc.audit:
        return "<section><h2>Audit</h2><p>The document states no totals or claims that can be checked.</p></section>"
    rows = "".join(
        f'<tr><td class="{"ok" if c.ok else "flagged"}">{"ok" if c.ok else "flagged"}</td>'
        f"<td>{_e(c.subject)}</td><td>{_e(c.message)}</td></tr>" for c in doc.audit)
    flagged = sum(1 for c in doc.audit if not c.ok)
    summary = f"{flagged} of {len(doc.audit)} claims disagree with the document's own numbers."
    return f"<section><h2>Audit</h2><p>{_e(summary)}</p><table>{rows}</table></section>"


def _source(doc: Assessment) -> list[tuple[str, str]]:
    source = doc.source
    if source is None:
        return [("Source", "not recorded")]
    rows = [("Source file", source.file or "not recorded"), ("SHA-256", source.sha256 or "not recorded")]
    if source.importer:
        rows.append(("Read by", f"the {source.importer} importer"))
    if source.warnings:
        rows.append(("Importer warnings", str(len(source.warnings))))
    return rows


def _key_numbers(doc: Assessment) -> list[tuple[str, str]]:
    rows = [("Verdict", doc.status or "not stated"),
            ("Overall score", "not stated" if doc.overall is None
             else f"{doc.overall.score:g}/{doc.overall.max:g} ({pct(doc.overall.percent)})")]
    if computed := scores.computed_overall(doc):
        rows.append(("Computed from categories", f"{pct(computed[0])} ({computed[1]})"))
    rows.append(("Blockers", ", ".join(scores.blockers(doc)) or "none"))
    rows.append(("Critical findings", str(sum(1 for f in doc.findings if f.severity == "critical"))))
    rows.append(("Time to ready", duration_text(doc.time_to_ready) if doc.time_to_ready else "not stated"))
    if totals := costs.cost_totals(doc):
        rows.append(("First-month cost", costs.money_range(*totals.first_month, totals.currency)))
    done, total = checklist.overall_completion(doc)
    if total:
        rows.append(("Checklist", f"{done} of {total} items ticked"))
    return rows


def _label(doc: Assessment) -> str:
    return f"{doc.project} ({doc.date})" if doc.date else doc.project


def _page(title: str, body: list[str], generated: dt.datetime | None) -> str:
    when = (generated or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>", f"<style>{_CSS}</style>",
        # Inlined once for every chart; the file must open with no network.
        f'<script type="text/javascript">{get_plotlyjs()}</script>',
        "</head>", "<body>", *body,
        f'<footer><p class="meta">Generated {_e(when)} by readiness. The charts are interactive when '
        "JavaScript is on; everything else reads without it.</p></footer>",
        f"<script>{_DRAW}</script>", "</body>", "</html>", ""])


def _decisions(decisions: list[Decision], previous: Assessment | None) -> str:
    """The decisions that made this version (notes, authors, times, what changed), as plain HTML."""
    since = f"since {_label(previous)}" if previous is not None else "on this version"
    parts = [f"<section><h2>{_e('Decisions ' + since)}</h2>"]
    for item in decisions:
        kind = "Corrected on import" if item.kind == "correction" else "Decision"
        parts.append(f"<h3>{_e(kind)}: {_e(item.headline())}</h3>{_list(item.changes)}")
    return "".join(parts) + "</section>"


def assessment_report(doc: Assessment, *, previous: Assessment | None = None, start: dt.date | None = None,
                      generated: dt.datetime | None = None, decisions: list[Decision] | None = None) -> str:
    """The meeting hand-out for one assessment as one self-contained HTML file.

    `decisions` (from the store) are the notes and changes that made this version; listed after the key numbers.
    """
    slides = build_slides(doc, previous, start=start, fit=False)
    agenda = meeting_agenda(previous, doc)
    heading = doc.title or f"Readiness of {doc.project}"
    against = f" Agenda against {_label(previous)}." if previous is not None else ""
    body = [f"<header><h1>{_e(heading)}</h1>",
            f'<p class="meta">{_e(_label(doc))}.{_e(against)}</p></header>',
            f"<section><h2>Key numbers</h2>{_table(_key_numbers(doc))}</section>"]
    if decisions:
        body.append(_decisions(decisions, previous))
    charts = 0
    for slide in slides:
        if slide.key == "agenda":
            # The slide flattens the agenda; the hand-out keeps its headings and adds the slide's extras.
            body.append(_agenda(agenda, [line for line in slide.lines if line not in agenda.lines()]))
            continue
        parts = [f'<section class="slide" id="{_e(slide.key)}"><h2>{_e(slide.title)}</h2>']
        if slide.figure is not None:
            charts += 1
            parts.append(_chart(slide.figure, charts))
        parts.append(_list(slide.lines))
        body.append("".join(parts) + "</section>")
    body.append(_audit(doc))
    body.append(f"<section><h2>Source</h2>{_table(_source(doc))}</section>")
    return _page(heading, body, generated)


def _comparison_numbers(old: Assessment, new: Assessment) -> str:
    def score(doc: Assessment) -> str:
        return pct(doc.overall_percent) if doc.overall_percent is not None else "not stated"

    def ready(doc: Assessment) -> str:
        return duration_text(doc.time_to_ready) if doc.time_to_ready else "not stated"

    rows = [("Verdict", old.status or "not stated", new.status or "not stated"),
            ("Overall score", score(old), score(new)),
            ("Blockers", str(len(scores.blockers(old))), str(len(scores.blockers(new)))),
            ("Time to ready", ready(old), ready(new))]
    head = f"<tr><th></th><th>{_e(_label(old))}</th><th>{_e(_label(new))}</th></tr>"
    body = "".join(f'<tr><th scope="row">{_e(a)}</th><td>{_e(b)}</td><td>{_e(c)}</td></tr>' for a, b, c in rows)
    return f"<table>{head}{body}</table>"


def _comparison_charts(comparison: Comparison) -> list[tuple[str, go.Figure]]:
    """The Compare page's charts where it draws them, each under a sentence saying what moved."""
    charts = []
    moved = sorted((c for c in comparison.categories if c.delta), key=lambda c: c.delta)
    if comparison.categories:
        parts = [f"{moved[-1].name} rose most ({points(moved[-1].delta)})"] if moved and moved[-1].delta > 0 else []
        if moved and moved[0].delta < 0:
            parts.append(f"{moved[0].name} fell most ({points(moved[0].delta)})")
        title = "; ".join(parts) or "No shared category moved"
        charts.append((title, compare_charts.category_delta_figure(comparison)))
    if any(r.old_cell or r.new_cell for r in comparison.risks):
        title = (f"{plural(len(comparison.risks_appeared), 'risk')} appeared, "
                 f"{len(comparison.risks_moved)} moved cell and {len(comparison.risks_disappeared)} went away")
        charts.append((title, compare_charts.risk_moves_figure(comparison)))
    if comparison.costs:
        charts.append(("Cost ranges, before and after", compare_charts.cost_ranges_figure(comparison)))
    return charts


def comparison_report(old: Assessment, new: Assessment, *, generated: dt.datetime | None = None) -> str:
    """Two assessments compared, with what changed and the agenda, as one self-contained HTML file."""
    comparison = compare_assessments(old, new)
    heading = f"{_label(new)} against {_label(old)}"
    body = [f"<header><h1>{_e(heading)}</h1></header>",
            f"<section><h2>Key numbers</h2>{_comparison_numbers(old, new)}</section>"]
    if comparison.overall_delta is not None:
        body.append(f"<p>The overall score moved {_e(points(comparison.overall_delta))}.</p>")
    for number, (title, fig) in enumerate(_comparison_charts(comparison), start=1):
        body.append(f'<section class="slide"><h2>{_e(title)}</h2>{_chart(fig, number)}</section>')
    changes = "".join(f"<h3>{_e(kind)}</h3>{_list(lines)}" for kind, lines in change_lists(comparison))
    body.append(f"<section><h2>What changed</h2>{changes or '<p>Nothing changed.</p>'}</section>")
    body.append(_agenda(meeting_agenda(old, new)))
    body.append(_audit(new))
    sources = [(f"{label}: {key}", value) for label, doc in (("Earlier", old), ("Later", new))
               for key, value in _source(doc)]
    body.append(f"<section><h2>Sources</h2>{_table(sources)}</section>")
    return _page(heading, body, generated)
