"""One source of truth per statement: every number a slide's sentence states is read back out of the data
of the figure drawn beside it, for the samples and both seeds of ../shared (skipped, saying why, without).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from readiness.analysis.costs import short_range
from readiness.importers import parse_file
from readiness.meeting.agenda import meeting_agenda, pct
from readiness.meeting.slides import build_slides

from .conftest import SAMPLES, SHARED

START = dt.date(2026, 3, 2)  # a Monday
SEEDS = ("000_21aca61c4e78909a.txt", "003_6b902b1d5350340d.txt")
DOCUMENTS = [pytest.param(path, id=path.name) for path in sorted(SAMPLES.iterdir())] + [
    pytest.param(SHARED / "seeds" / name, id=name) for name in SEEDS]


def _document(path: Path):
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared seeds are not checked out beside the project")
    return parse_file(path).document


@pytest.fixture(params=[True, False], ids=["present", "hand-out"])
def fit(request) -> bool:
    return request.param


def _slides(path: Path, fit: bool, key: str):
    return [s for s in build_slides(_document(path), start=START, fit=fit) if s.key == key]


def _number(text: str) -> float:
    return float(text.replace(",", ""))


@pytest.mark.parametrize("path", DOCUMENTS)
def test_scores_title_names_the_chart_s_worst_bar_and_its_blockers(path, fit):
    (slide,) = _slides(path, fit, "scores")
    if slide.figure is None:
        pytest.skip("no scorecard in this document")
    bars = slide.figure.data[0]
    match = re.fullmatch(r"(.+) is the weakest area at ([\d.]+%)(?:; (\d+) categor(?:y|ies) blocks? production)?",
                         slide.title)
    assert match, slide.title
    assert bars.y[0].removesuffix(" (BLOCKER)") == match[1].replace("&", "&amp;")  # worst first, at the top
    assert pct(bars.customdata[0]) == match[2]
    assert int(match[3] or 0) == sum(1 for label in bars.y if label.endswith("(BLOCKER)"))


@pytest.mark.parametrize("path", DOCUMENTS)
def test_risks_title_counts_what_the_chart_draws(path, fit):
    (slide,) = _slides(path, fit, "risks")
    if slide.figure is None:
        pytest.skip("no risks or findings in this document")
    traces = {t.type: t for t in slide.figure.data}
    if "heatmap" in traces:
        heat, markers = traces["heatmap"], traces["scatter"]
        match = re.fullmatch(r"(\d+) risks? of (\d+) sits? in high or critical cells", slide.title)
        assert match, slide.title
        level = {(x, y): heat.z[heat.y.index(y)][heat.x.index(x)] for x in heat.x for y in heat.y}
        counts = [(int(n), level[(x, y)]) for n, x, y in zip(markers.text, markers.x, markers.y)]
        assert int(match[1]) == sum(n for n, lv in counts if lv >= 2)  # 2 high, 3 critical
        assert int(match[2]) == sum(n for n, _ in counts)
    else:
        match = re.fullmatch(r"(\d+) findings? of (\d+) (?:is|are) critical or high", slide.title)
        assert match, slide.title
        drawn = {t.name: sum(t.x) for t in slide.figure.data}
        assert int(match[1]) == drawn.get("CRITICAL", 0) + drawn.get("HIGH", 0)
        assert int(match[2]) == sum(drawn.values())


@pytest.mark.parametrize("path", DOCUMENTS)
def test_actions_title_states_the_bars_count_and_total(path, fit):
    slides = _slides(path, fit, "actions")
    doc = _document(path)
    if not doc.actions:
        pytest.skip("no immediate actions in this document")
    charts = [s.figure.data[0] for s in slides if s.figure is not None]
    count = re.match(r"(\d+) immediate actions?", slides[0].title)
    assert count, slides[0].title
    if not charts:  # no effort stated: the actions are listed as text, and the title says so
        assert "states no effort" in slides[0].title
        assert int(count[1]) == len(slides[0].lines)
        return
    assert int(count[1]) == sum(len(c.y) for c in charts)
    hours = re.search(r"([\d.]+)(?:-([\d.]+))? hours? in total", slides[0].title)
    low = sum(v for c in charts for v in c.customdata if v is not None)
    high = sum(v for c in charts for v in c.x)
    assert _number(hours[1]) == pytest.approx(low, abs=0.005)
    assert _number(hours[2] or hours[1]) == pytest.approx(high, abs=0.005)
    # The agenda's total is the same sentence.
    agenda = meeting_agenda(None, doc).lines()
    assert f"Total: {slides[0].title}." in agenda


def _weekdays(first: dt.date, last: dt.date) -> int:
    return sum(1 for n in range((last - first).days + 1) if (first + dt.timedelta(days=n)).weekday() < 5)


@pytest.mark.parametrize("path", DOCUMENTS)
def test_plan_title_states_the_gantt_s_phases_and_dates(path, fit):
    slides = _slides(path, fit, "plan")
    if slides[0].figure is None:
        pytest.skip("no phases in this document")
    match = re.fullmatch(r"(\d+) phases? over ([\d.]+) working days: ready by (\w{3} \d{2} \w{3} \d{4}) "
                         r"if work starts (\w{3} \d{2} \w{3})", slides[0].title)
    assert match, slides[0].title
    phases = []  # (start, exclusive end) of every phase bar, over all the plan's slides
    for slide in slides:
        for trace in slide.figure.data:
            if trace.type != "bar":
                continue
            for label, base, length in zip(trace.y, trace.base, trace.x):
                if not label.startswith(" "):  # tasks are indented under their phase
                    begin = dt.datetime.fromisoformat(base)
                    phases.append((begin, begin + dt.timedelta(milliseconds=length)))
    assert int(match[1]) == len(phases)
    first = min(b for b, _ in phases)
    last = (max(e for _, e in phases) - dt.timedelta(microseconds=1)).date()
    assert match[3] == f"{last:%a %d %b %Y}"
    assert match[4] == f"{first:%a %d %b}"
    if float(match[2]).is_integer():
        assert int(float(match[2])) == _weekdays(first.date(), last)
    # Milestones sit on a working day: the last one of their phase, never the weekend after it.
    for slide in slides:
        for trace in slide.figure.data:
            if trace.name == "MILESTONE":
                days = [dt.datetime.fromisoformat(x).date() for x in trace.x]
                assert all(d.weekday() < 5 for d in days)
                assert max(days) <= last


_RANGE = re.compile(r"(ONE-OFF|MONTHLY|YEARLY) ([\d,.]+)(?:-([\d,.]+))? ([A-Z]{3})")


@pytest.mark.parametrize("path", DOCUMENTS)
def test_costs_title_adds_up_the_bars(path, fit):
    (slide,) = _slides(path, fit, "costs")
    if slide.figure is None:
        pytest.skip("neither costs nor a plan to estimate in this document")
    if slide.title == "No money is stated":
        (team,) = [t for t in slide.figure.data if t.name == "Your team"]
        said = re.search(r"With (\d+) people the plan takes ([\d.]+)(?:-([\d.]+))? working days", " ".join(slide.lines))
        assert said, slide.lines
        assert int(said[1]) == team.x[0]
        assert _number(said[3] or said[2]) == pytest.approx(team.y[0], abs=0.05)
        return
    match = re.fullmatch(r"The first month costs (\S+) ([A-Z]{3})", slide.title)
    assert match, slide.title
    per_month = {"ONE-OFF": 1, "MONTHLY": 1, "YEARLY": 1 / 12}
    low = high = 0.0
    for trace in slide.figure.data:
        for text in trace.text:
            words = _RANGE.fullmatch(text)
            if words and words[4] == match[2]:
                low += _number(words[2]) * per_month[words[1]]
                high += _number(words[3] or words[2]) * per_month[words[1]]
    assert f"{match[1]} {match[2]}" == short_range(low, high, match[2])


@pytest.mark.parametrize("path", DOCUMENTS)
def test_verdict_gauge_shows_the_score_the_lines_speak_of(path, fit):
    (slide,) = _slides(path, fit, "verdict")
    doc = _document(path)
    if slide.figure is None:
        pytest.skip("no score to show")
    gauge = slide.figure.data[0]
    if doc.overall_percent is not None:
        assert gauge.value == round(doc.overall_percent, 1)
    else:
        assert any("the gauge shows the categories'" in line for line in slide.lines)
    count = re.match(r"(\d+) (blockers?|critical findings?) stands? between", slide.title)
    if count and count[2].startswith("blocker"):
        listed = next(line for line in slide.lines if line.startswith("Blockers: "))
        assert int(count[1]) == len(listed.removeprefix("Blockers: ").rstrip(".").split(", "))


def test_comparison_hand_out_titles_state_the_delta_chart_s_extremes():
    from readiness.analysis.compare import compare_assessments
    from readiness.meeting.report import _comparison_charts

    old = _document(SAMPLES / "lantern-maps-2025-08.yaml")
    new = _document(SAMPLES / "lantern-maps-2025-09.yaml")
    (title, figure), *_ = _comparison_charts(compare_assessments(old, new))
    bars = figure.data[0]
    rose = re.search(r"(.+) rose most \(\+(\d+) points?\)", title)
    fell = re.search(r"(.+) fell most \(-(\d+) points?\)", title.split("; ")[-1])
    top, bottom = max(zip(bars.x, bars.y)), min(zip(bars.x, bars.y))
    assert (rose[1], int(rose[2])) == (top[1].removesuffix(" (BLOCKER)"), top[0])
    assert (fell[1], -int(fell[2])) == (bottom[1].removesuffix(" (BLOCKER)"), bottom[0])
