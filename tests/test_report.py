"""The HTML hand-out: self-contained, offline, every chart drawn, document text never run as markup."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from plotly.offline import get_plotlyjs
from typer.testing import CliRunner

from readiness.cli import app
from readiness.importers import parse_file
from readiness.model import Assessment
from readiness.meeting.report import assessment_report, comparison_report
from readiness.meeting.slides import build_slides

from .conftest import SAMPLES

HOSTILE = "<script>alert(1)</script>"
BREAKOUT = "</script><script>alert(2)</script>"
LOADS_REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)


class _Page(HTMLParser):
    """Tags with their attributes, and the text of each script element."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_data(self, data):
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def _parsed(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    return page


@pytest.fixture(scope="module")
def old() -> Assessment:
    return parse_file(SAMPLES / "lantern-maps-2025-08.yaml").document


@pytest.fixture(scope="module")
def new() -> Assessment:
    return parse_file(SAMPLES / "lantern-maps-2025-09.yaml").document


@pytest.fixture(scope="module")
def report(old, new) -> str:
    return assessment_report(new, previous=old)


def hostile(doc: Assessment) -> Assessment:
    """The document with script tags in its title, a category, a risk, a finding and the verdict."""
    hostile_doc = doc.model_copy(deep=True)
    hostile_doc.title = f"Review {HOSTILE}"
    hostile_doc.status = BREAKOUT
    hostile_doc.categories[0].name = f"Testing {HOSTILE}"
    hostile_doc.categories[0].blocker = True
    hostile_doc.risks[0].title = f"Cache {BREAKOUT}"
    hostile_doc.findings[0].title = f"Single region {HOSTILE}"
    return hostile_doc


def _chart_blocks(page: _Page) -> list[str]:
    return [text for attrs, text in page.scripts if attrs.get("type") == "application/json"]


def test_plotly_js_is_inlined_exactly_once(report):
    assert report.count(get_plotlyjs()) == 1
    assert report.count("plotly.js v") == 1
    page = _parsed(report)
    assert not [attrs for attrs, _ in page.scripts if "src" in attrs]


def test_one_div_and_one_json_block_per_chart(report, old, new):
    charts = [s for s in build_slides(new, old, fit=False) if s.figure is not None]
    page = _parsed(report)
    divs = [attrs for tag, attrs in page.tags if tag == "div" and attrs.get("class") == "chart"]
    assert len(divs) == len(charts) == 6
    blocks = _chart_blocks(page)
    assert len(blocks) == len(charts)
    for block in blocks:
        spec = json.loads(block)
        assert spec["data"] and spec["config"]["displaylogo"] is False


def test_nothing_is_loaded_from_the_network(report, old, new):
    for text in (report, comparison_report(old, new)):
        page = _parsed(text)
        remote = [(tag, attrs) for tag, attrs in page.tags
                  for name in ("src", "href") if LOADS_REMOTE.match(attrs.get(name) or "")]
        assert remote == []
        assert not [tag for tag, _ in page.tags if tag in ("link", "iframe", "img")]
        assert "MathJax.js" not in text and "cdn.plot.ly" not in text.replace(get_plotlyjs(), "")


def test_the_text_parts_are_there(report, old, new):
    for slide in build_slides(new, old, fit=False):
        assert slide.title.replace("'", "&#x27;") in report
    assert "CONDITIONALLY READY - one blocker open" in report
    assert "Agenda: Lantern Maps (2025-09-15) against Lantern Maps (2025-08-04)" in report
    assert "Testing is no longer a blocker (35% -&gt; 70%)." in report
    for check in new.audit:
        assert check.message.replace("'", "&#x27;") in report
    assert report.count('class="flagged"') == sum(1 for c in new.audit if not c.ok)
    assert "lantern-maps-2025-09.yaml" in report and new.source.sha256 in report
    assert re.search(r"Generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", report)


def test_without_previous_the_agenda_is_the_first_meeting_one(new):
    text = assessment_report(new)
    assert "Agenda: Lantern Maps (2025-09-15)</h2>" in text
    assert "Reliability blocks production (50%)." in text


def test_hostile_text_is_escaped_everywhere(new):
    text = assessment_report(hostile(new))
    assert HOSTILE not in text and BREAKOUT not in text
    assert "alert(" not in get_plotlyjs()
    # As literal text in the headings, tables and lists...
    assert "Review &lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in text
    page = _parsed(text)
    # ...and the parser sees only plotly.js, the chart blocks and the drawing script: nothing injected.
    assert len(page.scripts) == 1 + len(_chart_blocks(page)) + 1
    for block in _chart_blocks(page):
        assert "<" not in block and ">" not in block
        json.loads(block)
    labels = json.dumps([json.loads(b) for b in _chart_blocks(page)])
    assert "Testing &lt;script&gt;alert(1)&lt;/script&gt;" in labels  # the builders escape chart labels


def test_comparison_report_has_the_compare_charts_and_agenda(old, new):
    text = comparison_report(old, hostile(new))
    page = _parsed(text)
    assert text.count(get_plotlyjs()) == 1
    assert len([a for t, a in page.tags if t == "div" and a.get("class") == "chart"]) == 3
    assert "Observability rose most (+40 points); Reliability fell most (-5 points)" in text
    assert "What changed" in text and "Risks that appeared" in text and "Claims to check" in text
    assert "lantern-maps-2025-08.yaml" in text and "lantern-maps-2025-09.yaml" in text
    assert HOSTILE not in text and BREAKOUT not in text


runner = CliRunner()


def test_cli_report_writes_the_hand_out_and_a_missing_id_exits_1(isolated_env, tmp_path):
    assert runner.invoke(app, ["load-samples"]).exit_code == 0
    out = tmp_path / "handout.html"
    result = runner.invoke(app, ["report", "3", "--html", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "against Lantern Maps (2025-08-04)" in text
    compared = tmp_path / "compare.html"
    result = runner.invoke(app, ["report", "3", "--html", str(compared), "--compare-with", "2"])
    assert result.exit_code == 0 and "What changed" in compared.read_text(encoding="utf-8")
    missing = runner.invoke(app, ["report", "99", "--html", str(tmp_path / "none.html")])
    assert missing.exit_code == 1
    assert missing.stderr.strip() == "error: no assessment with id 99"
    assert not (tmp_path / "none.html").exists()


# Every chart has drawn its SVG; the count is compared with the number of chart divs.
DRAWN = "() => [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.querySelector('.main-svg')).length"


def _offline(page, *paths) -> tuple[list[str], list[str]]:
    """Let only the given files load, abort everything else; returns (requests refused, dialogs shown)."""
    allowed = {path.as_uri() for path in paths}
    refused, dialogs = [], []

    def route(request_route):
        if request_route.request.url in allowed:
            request_route.continue_()
        else:
            refused.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    # file:// loads may bypass routing; every request is seen here as well.
    page.on("request", lambda request: None if request.url in allowed else refused.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.context.set_offline(True)
    return refused, dialogs


def _all_drawn(page) -> int:
    charts = page.locator("div.chart").count()
    page.wait_for_function(f"() => ({DRAWN})() === {charts}", timeout=30_000)
    page.wait_for_timeout(300)  # anything loaded late would show up by now
    return charts


@pytest.mark.browser
def test_the_hand_outs_draw_every_chart_offline(tmp_path, report, old, new):
    from .browser import chromium_page

    handout, compared = tmp_path / "handout.html", tmp_path / "compare.html"
    handout.write_text(report, encoding="utf-8")
    compared.write_text(comparison_report(old, new), encoding="utf-8")
    expected = sum(1 for s in build_slides(new, old, fit=False) if s.figure is not None)
    with chromium_page() as page:
        refused, dialogs = _offline(page, handout, compared)
        page.goto(handout.as_uri())
        assert _all_drawn(page) == page.evaluate(DRAWN) == expected
        page.goto(compared.as_uri())
        assert _all_drawn(page) == page.evaluate(DRAWN) == 3
    assert refused == [] and dialogs == []


@pytest.mark.browser
def test_a_hostile_document_shows_its_text_and_runs_nothing(tmp_path, new):
    path = tmp_path / "hostile.html"
    path.write_text(assessment_report(hostile(new)), encoding="utf-8")
    from .browser import chromium_page

    with chromium_page() as page:
        refused, dialogs = _offline(page, path)
        page.goto(path.as_uri())
        assert _all_drawn(page) == 6  # verdict, scores, risks, actions, plan, costs
        assert page.locator("h1").inner_text() == f"Review {HOSTILE}"
        assert page.get_by_text(f"Verdict: {BREAKOUT}").count() == 1
        # Chart labels show the tags as text too: escaped once by the builders, unescaped once by plotly.
        assert page.locator(".main-svg text", has_text=f"Testing {HOSTILE}").count() >= 1
    assert dialogs == [], f"an alert ran: {dialogs}"
    assert refused == []


def test_cli_report_uses_the_previous_version_or_the_one_given(isolated_env, tmp_path, old, new):
    from readiness.store.db import open_store
    from readiness.store.queries import import_assessment

    engine = open_store(isolated_env)
    first = import_assessment(engine=engine, doc=old).assessment_id
    second = import_assessment(engine=engine, doc=new).assessment_id
    engine.dispose()
    for ident, name, extra in ((second, "v2", []), (first, "v1", []), (second, "cmp", ["--compare-with", str(first)])):
        result = runner.invoke(app, ["report", str(ident), "--html", str(tmp_path / f"{name}.html"), *extra])
        assert result.exit_code == 0, result.output
    latest = (tmp_path / "v2.html").read_text(encoding="utf-8")
    assert "Replication lag serves stale tiles" in latest and "Testing is no longer a blocker" in latest
    assert "no longer a blocker" not in (tmp_path / "v1.html").read_text(encoding="utf-8")
    assert "rose most" in (tmp_path / "cmp.html").read_text(encoding="utf-8")
