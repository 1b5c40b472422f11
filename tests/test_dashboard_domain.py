"""Costs, risk binning, checklist completion, scores and the rows the pages show."""

import pytest

from readiness.analysis.checklist import completion, open_items, overall_completion
from readiness.analysis.costs import cost_totals, days_range, effort_estimate, estimate_for, money_range, team_curve
from readiness.model import (Assessment, Category, ChecklistClaim, ChecklistItem, CostItem, Duration, Finding,
                             Phase, Risk, StatedTotals)
from readiness.analysis.plan import stages
from readiness.analysis.risks import (cell_level, finding_counts, has_matrix, likelihood_of, risk_cells, unrated,
                             worst_cell)
from readiness.analysis.scores import blockers, computed_overall
from readiness.meeting.views import duration_text, risk_rows


def test_cost_totals_one_off_monthly_yearly():
    doc = Assessment(project="P", costs=[
        CostItem(name="Build", min=1000, max=2000),
        CostItem(name="Hosting", min=100, max=200, recurrence="monthly"),
        CostItem(name="Licence", min=1200, max=2400, recurrence="yearly"),
        CostItem(name="Odd", min=5, max=5, currency="EUR"),
    ])
    totals = cost_totals(doc)
    assert totals.currency == "USD"
    assert totals.one_off == (1000, 2000)
    assert totals.first_month == (1000 + 100 + 100, 2000 + 200 + 200)
    assert totals.first_year == (1000 + 1200 + 1200, 2000 + 2400 + 2400)
    assert totals.left_out == ("Odd (EUR)",)
    assert cost_totals(Assessment(project="P")) is None


def test_effort_estimate_is_days_times_people_times_rate():
    doc = Assessment(project="P", phases=[Phase(name="A", start_day=0, duration_days=10)])
    one = estimate_for(doc, people=1, day_rate=500)
    assert one.days == (10, 10) and one.cost == (5000, 5000)
    # One indivisible phase: a second person cannot shorten it, only adds overhead and cost.
    two = estimate_for(doc, people=2, day_rate=500)
    assert two.days == pytest.approx((11, 11)) and two.cost == pytest.approx((11000, 11000))
    assert effort_estimate([], people=2, day_rate=1) is None


def test_team_curve_falls_then_rises():
    doc = Assessment(project="P", findings=[Finding(title=str(i), effort=Duration(min=5, max=5, unit="days"))
                                            for i in range(6)])
    curve = team_curve(stages(doc), range(1, 9))
    days = [hi for _, _, hi in curve]
    assert days[0] == 30 and days[1] == pytest.approx(16.5) and min(days) == days[5]
    assert days[7] > days[5]


def test_money_and_day_words():
    assert money_range(12000, 18000, "USD") == "12,000-18,000 USD"
    assert money_range(5, 5, "EUR") == "5 EUR"
    assert days_range(10, 10) == "10 working days"
    assert days_range(6.6, 8.25) == "6.6-8.2 working days" or days_range(6.6, 8.25) == "6.6-8.3 working days"


@pytest.mark.parametrize(("probability", "band"), [
    (0.0, "rare"), (0.19, "rare"), (0.2, "unlikely"), (0.5, "possible"), (0.6, "likely"), (0.8, "almost certain"),
    (1.0, "almost certain")])
def test_likelihood_bands(probability, band):
    assert likelihood_of(probability) == band


def test_cell_levels():
    assert cell_level("almost certain", "critical") == "critical"
    assert cell_level("possible", "critical") == "high"
    assert cell_level("unlikely", "medium") == "medium"
    assert cell_level("rare", "low") == "low"


def test_risk_cells_place_risks_and_keep_unrated_apart():
    items = [Risk(title="a", probability=0.9, impact="critical"), Risk(title="b", probability=0.85, impact="critical"),
             Risk(title="c", probability=0.1, impact="low"), Risk(title="d", impact="high")]
    cells = risk_cells(items)
    assert len(cells) == 20
    assert sum(len(c.risks) for c in cells) == 3
    worst = worst_cell(cells)
    assert worst.key == "almost certain|critical" and [r.title for r in worst.risks] == ["a", "b"]
    assert [r.title for r in unrated(items)] == ["d"]
    assert has_matrix(Assessment(project="P", risks=items))
    assert not has_matrix(Assessment(project="P", risks=[items[3]]))
    assert worst_cell(risk_cells([])) is None


def test_finding_counts_by_category_and_severity():
    doc = Assessment(project="P", findings=[Finding(title="x", category="Security", severity="critical"),
                                            Finding(title="y", category="Security", severity="critical"),
                                            Finding(title="z", severity="low")])
    assert finding_counts(doc) == {("Security", "critical"): 2, ("Other", "low"): 1}


def test_checklist_completion_against_claims():
    doc = Assessment(project="P", checklist=[
        ChecklistItem(category="Security", text="a", done=True), ChecklistItem(category="Security", text="b"),
        ChecklistItem(text="c", done=True)],
        stated_totals=StatedTotals(checklist=[ChecklistClaim(category="security", percent=80)]))
    groups = completion(doc)
    assert [(g.category, g.done, g.total, g.percent, g.stated_percent) for g in groups] == [
        ("Security", 1, 2, 50.0, 80), ("General", 1, 1, 100.0, None)]
    assert [i.text for i in open_items(doc)] == ["b"]
    assert overall_completion(doc) == (2, 3)


def test_computed_overall_weighted_or_mean():
    weighted = Assessment(project="P", categories=[Category(name="a", score=5, max=10, weight=75),
                                                   Category(name="b", score=100, weight=25, blocker=True)])
    assert computed_overall(weighted) == (62.5, "weights x scores")
    plain = Assessment(project="P", categories=[Category(name="a", score=5, max=10), Category(name="b", score=100)])
    assert computed_overall(plain) == (75, "mean of the categories")
    assert computed_overall(Assessment(project="P")) is None
    assert blockers(weighted) == ["b"]


def test_rows_in_words():
    assert duration_text(Duration(min=2, max=3, unit="weeks")) == "2-3 weeks"
    assert duration_text(Duration(min=1, max=1, unit="days")) == "1 day"
    assert duration_text(None) == "not stated"
    rows = risk_rows([Risk(title="t", probability=0.9, impact="critical", mitigation="m"), Risk(title="u")])
    assert rows[0]["Level"] == "CRITICAL" and rows[1]["Level"] == "UNRATED" and rows[1]["Mitigation"] == "none stated"


def test_projects_with_history_counts_scored_versions():
    from readiness.meeting.views import projects_with_history
    from tests.test_charts import _summary

    rows = [_summary("A", 1, 40), _summary("A", 2, 55), _summary("B", 1, 80), _summary("C", 1, None),
            _summary("C", 2, 70)]
    assert projects_with_history(rows) == 1


def test_a_risk_without_a_stated_impact_is_listed_beside_the_matrix_not_in_a_cell():
    risks = [Risk(title="Rated", probability=0.7, impact="high"),
             Risk(title="No impact stated", probability=0.7),
             Risk(title="Nothing stated")]
    placed = [r.title for cell in risk_cells(risks) for r in cell.risks]
    assert placed == ["Rated"]
    assert [r.title for r in unrated(risks)] == ["No impact stated", "Nothing stated"]
    rows = {row["Risk"]: row for row in risk_rows(risks)}
    assert rows["No impact stated"]["Impact"] == "not stated"
    assert rows["No impact stated"]["Level"] == "UNRATED"


def test_a_category_without_a_score_counts_nowhere_but_keeps_its_grade():
    graded = Category(name="Docs", max=100, grade="B+")
    assert graded.score is None and graded.percent is None and graded.grade == "B+"
    doc = Assessment(project="p", categories=[Category(name="Tests", score=4, max=10), graded])
    assert computed_overall(doc) == (40.0, "mean of the categories")


def test_default_pair_is_the_picked_version_and_the_one_before_it():
    from readiness.meeting.compare_view import default_pair
    from tests.test_charts import _summary

    def row(project: str, number: int):
        return _summary(project, number, 50)._replace(id=100 * ord(project[0]) + number)

    rows = [row("A", 1), row("A", 2), row("A", 3), row("B", 1)]
    assert default_pair(rows, rows[2]) == (rows[1].id, rows[2].id)
    assert default_pair(rows, rows[1]) == (rows[0].id, rows[1].id)
    assert default_pair(rows, None) is None  # B (the last) has one version: nothing to compare yet
    assert default_pair(rows, rows[0]) == (rows[0].id, rows[1].id)  # the first picked: the first two
    assert default_pair(rows[:1], rows[0]) is None
    # Thousands of versions of one project: one pass, however many versions come before the picked one.
    many = [row("A", n) for n in range(1, 3_001)]
    assert default_pair(many, many[-1]) == (many[-2].id, many[-1].id)
