"""Exports for after the meeting: the tables as CSV in a zip, and charts as PNG or PDF through kaleido.

Documents are untrusted and CSV files are opened in spreadsheets, which run a cell starting with
`=`, `+`, `-` or `@` as a formula; such text cells get a leading `'`. Static images need a Chrome or
Chromium that kaleido drives; where there is none the functions raise `ExportUnavailable` with the
reason in words, so that a page can show it and offer the HTML hand-out instead.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import csv
import io
import os
import re
import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path

import plotly.graph_objects as go

from readiness.charts.theme import esc
from readiness.importers.yaml_importer import dump
from readiness.model import Assessment, Duration

# OWASP's list: the four formula starters, plus tab and carriage return, which some spreadsheets strip first.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
RENDER_TIMEOUT = 60  # seconds for one chart; kaleido's own default is 90


class ExportUnavailable(RuntimeError):
    """A static export cannot be made here; `reason` says why in words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def safe_cell(value: object) -> object:
    """A CSV cell that no spreadsheet runs as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv(header: list[str], rows: Iterable[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def _effort(duration: Duration | None) -> list[object]:
    return [duration.min, duration.max, duration.unit] if duration else [None, None, None]


def tables(doc: Assessment) -> dict[str, str]:
    """Each table of a document as CSV text, by file name."""
    effort = ["effort_min", "effort_max", "effort_unit"]
    return {
        "categories.csv": _csv(["name", "score", "max", "percent", "grade", "weight", "status", "blocker", "line"],
                               ([c.name, c.score, c.max, None if c.percent is None else round(c.percent, 2), c.grade,
                                 c.weight, c.status, c.blocker, c.line]
                                for c in doc.categories)),
        "findings.csv": _csv(["title", "category", "severity", *effort, "details", "line"],
                             ([f.title, f.category, f.severity, *_effort(f.effort), "; ".join(f.details), f.line]
                              for f in doc.findings)),
        "risks.csv": _csv(["title", "probability", "impact", "mitigation", "line"],
                          ([r.title, r.probability, r.impact, r.mitigation, r.line] for r in doc.risks)),
        "checklist.csv": _csv(["category", "text", "done", "line"],
                              ([i.category, i.text, i.done, i.line] for i in doc.checklist)),
        "phases.csv": _csv(["name", "start_day", "duration_days", "end_day", "priority", "deliverables", "line"],
                           ([p.name, p.start_day, p.duration_days, p.end_day, p.priority, "; ".join(p.deliverables),
                             p.line] for p in doc.phases)),
        "tasks.csv": _csv(["phase", "name", "start_day", "duration_days", "items", "line"],
                          ([p.name, t.name, *((t.start_day, t.duration_days) if t.timed else (None, None)),
                            "; ".join(t.items), t.line]
                           for p in doc.phases for t in p.tasks)),
        "costs.csv": _csv(["name", "min", "max", "currency", "recurrence", "note", "line"],
                          ([c.name, c.min, c.max, c.currency, c.recurrence, c.note, c.line] for c in doc.costs)),
        "actions.csv": _csv(["title", *effort, "line"],
                            ([a.title, *_effort(a.effort), a.line] for a in doc.actions)),
        "audit.csv": _csv(["check", "subject", "ok", "message"],
                          ([c.check, c.subject, c.ok, c.message] for c in doc.audit)),
    }


def file_stem(doc: Assessment) -> str:
    """A safe file name stem for downloads of a document: 'lantern-maps-2025-09-15'."""
    return _slug(f"{doc.project} {doc.date or ''}", 60) or "assessment"


def _slug(text: str, limit: int) -> str:
    # Project names and titles are untrusted: only ASCII letters, digits and dashes reach a file name.
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:limit].rstrip("-")


def tables_zip(doc: Assessment) -> bytes:
    """A zip of one CSV per table plus the document as readiness/v1 YAML (assessment.yaml)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in tables(doc).items():
            # A byte-order mark so that Excel reads the UTF-8 as UTF-8.
            archive.writestr(name, "\ufeff" + text)
        archive.writestr("assessment.yaml", dump(doc))
    return buffer.getvalue()


def browser_path() -> str | None:
    """The Chrome or Chromium kaleido would use: BROWSER_PATH, choreographer's search, Debian's chromium."""
    if configured := os.environ.get("BROWSER_PATH"):
        return configured
    try:
        from choreographer.browsers.chromium import Chromium

        found = Chromium.find_browser(skip_local=False)
    except Exception:  # choreographer's search is best effort; fall back to our own
        found = None
    return found or shutil.which("chromium") or shutil.which("chromium-browser")


def image_export_status() -> tuple[bool, str]:
    """Whether PNG and PDF exports can run here, and why not in words (cheap: no browser is started)."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False, "kaleido is not installed, so charts cannot be saved as images; use the HTML hand-out"
    path = browser_path()
    if path is None:
        return False, ("no Chrome or Chromium was found for kaleido to draw with (install Debian's chromium or "
                       "set BROWSER_PATH); use the HTML hand-out")
    if not Path(path).is_file() or not os.access(path, os.X_OK):
        where = f"BROWSER_PATH={path}" if os.environ.get("BROWSER_PATH") else path
        return False, f"the browser at {where} does not exist or cannot run; use the HTML hand-out"
    return True, f"charts are drawn by kaleido with {path}"


def _render(jobs: list[tuple[go.Figure, dict]]) -> list[bytes]:
    """Draw each figure with one kaleido browser; raises ExportUnavailable instead of kaleido's errors."""
    available, reason = image_export_status()
    if not available:
        raise ExportUnavailable(reason)
    import kaleido

    async def draw() -> list[bytes]:
        # mathjax=False: kaleido would otherwise fetch MathJax from a CDN; plotly.js comes from the plotly package.
        async with kaleido.Kaleido(n=1, timeout=RENDER_TIMEOUT, mathjax=False, path=browser_path()) as k:
            return [await k.calc_fig(fig, opts=opts) for fig, opts in jobs]

    # Its own thread and event loop: Streamlit and pytest may already run a loop in this thread.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(asyncio.run, draw()).result()
        except Exception as error:  # kaleido and choreographer raise many kinds; callers need words
            raise ExportUnavailable(f"kaleido could not draw the chart ({type(error).__name__}: {error}); "
                                    "use the HTML hand-out") from error


def figure_png(fig: go.Figure, *, width: int = 1920, height: int = 1080) -> bytes:
    """One chart as a PNG of exactly width x height pixels."""
    return _render([(fig, {"format": "png", "width": width, "height": height, "scale": 1})])[0]


def _titled(fig: go.Figure, title: str) -> go.Figure:
    copy = go.Figure(fig)
    # Plotly renders a subset of HTML in titles; document text must stay text.
    copy.update_layout(title={"text": esc(title), "x": 0.02, "xanchor": "left", "font": {"size": 26}},
                       margin={"t": 100})
    return copy


def _file_name(number: int, title: str) -> str:
    return f"{number:02d}-{_slug(title, 48) or 'chart'}.pdf"


def slides_pdf_zip(figures_with_titles: Iterable[tuple[str, go.Figure]], *, width: int = 1600,
                   height: int = 900) -> bytes:
    """A zip of one landscape PDF page per chart, its title on top, in order (01-..., 02-...)."""
    # kaleido writes one PDF per figure and has no multi-page call; pypdf is not installed to merge them.
    pairs = [(title, fig) for title, fig in figures_with_titles if fig is not None]
    if not pairs:
        raise ExportUnavailable("there are no charts to export")
    opts = {"format": "pdf", "width": width, "height": height, "scale": 1}
    pages = _render([(_titled(fig, title), opts) for title, fig in pairs])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, ((title, _fig), page) in enumerate(zip(pairs, pages, strict=True), start=1):
            archive.writestr(_file_name(number, title), page)
    return buffer.getvalue()


def figure_pdf(fig: go.Figure, *, title: str | None = None, width: int = 1600, height: int = 900) -> bytes:
    """One chart as a one-page PDF."""
    drawn = _titled(fig, title) if title else fig
    return _render([(drawn, {"format": "pdf", "width": width, "height": height, "scale": 1})])[0]
