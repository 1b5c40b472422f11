"""Exports: the CSV zip (names, rows, the formula guard) and PNG/PDF through kaleido where a browser exists."""

from __future__ import annotations

import csv
import io
import struct
import zipfile

import pytest
from typer.testing import CliRunner

from readiness.meeting import export
from readiness.cli import app
from readiness.meeting.export import ExportUnavailable, figure_png, image_export_status, safe_cell, slides_pdf_zip, tables_zip
from readiness.importers import parse_bytes, parse_file
from readiness.model import Action, Assessment, ChecklistItem
from readiness.meeting.slides import build_slides

from .conftest import SAMPLES

TABLES = ["categories.csv", "findings.csv", "risks.csv", "checklist.csv", "phases.csv", "tasks.csv", "costs.csv",
          "actions.csv", "audit.csv"]


@pytest.fixture(scope="module")
def doc() -> Assessment:
    return parse_file(SAMPLES / "lantern-maps-2025-09.yaml").document


def _rows(archive: zipfile.ZipFile, name: str) -> list[dict]:
    text = archive.read(name).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_zip_holds_one_csv_per_table_and_the_yaml(doc):
    archive = zipfile.ZipFile(io.BytesIO(tables_zip(doc)))
    assert archive.namelist() == [*TABLES, "assessment.yaml"]
    counts = {name: len(_rows(archive, name)) for name in TABLES}
    assert counts == {"categories.csv": len(doc.categories), "findings.csv": len(doc.findings),
                      "risks.csv": len(doc.risks), "checklist.csv": len(doc.checklist),
                      "phases.csv": len(doc.phases), "tasks.csv": sum(len(p.tasks) for p in doc.phases),
                      "costs.csv": len(doc.costs), "actions.csv": len(doc.actions), "audit.csv": len(doc.audit)}
    assert all(counts[name] > 0 for name in ("categories.csv", "risks.csv", "phases.csv", "costs.csv"))
    first = _rows(archive, "categories.csv")[0]
    assert first["name"] == doc.categories[0].name and float(first["score"]) == doc.categories[0].score
    again = parse_bytes(archive.read("assessment.yaml"), filename="assessment.yaml").document
    assert again.content() == doc.content()


def test_cells_that_would_run_as_formulas_get_a_quote(doc):
    hostile = doc.model_copy(deep=True)
    hostile.categories[0].name = '=HYPERLINK("http://evil.example","x")'
    hostile.risks[0].title = "+1+1"
    hostile.risks[0].mitigation = "-2+3"
    hostile.findings[0].title = "@SUM(A1:A9)"
    hostile.checklist.append(ChecklistItem(category="Security", text="\t=1+1"))
    hostile.actions = [Action(title="Fix -it- now")]
    archive = zipfile.ZipFile(io.BytesIO(tables_zip(hostile)))
    assert _rows(archive, "categories.csv")[0]["name"] == "'" + hostile.categories[0].name
    risk = _rows(archive, "risks.csv")[0]
    assert (risk["title"], risk["mitigation"]) == ("'+1+1", "'-2+3")
    assert _rows(archive, "findings.csv")[0]["title"] == "'@SUM(A1:A9)"
    assert _rows(archive, "checklist.csv")[-1]["text"] == "'\t=1+1"
    assert _rows(archive, "actions.csv")[0]["title"] == "Fix -it- now"  # only a leading sign counts
    assert safe_cell(-3.5) == -3.5 and safe_cell(None) is None  # numbers are numbers, not formulas


def test_cli_export_tables_writes_the_zip(isolated_env, tmp_path):
    runner = CliRunner()
    assert runner.invoke(app, ["load-samples"]).exit_code == 0
    out = tmp_path / "tables.zip"
    result = runner.invoke(app, ["export-tables", "3", "--zip", str(out)])
    assert result.exit_code == 0, result.output
    assert "assessment.yaml" in zipfile.ZipFile(out).namelist()
    missing = runner.invoke(app, ["export-tables", "99", "--zip", str(tmp_path / "none.zip")])
    assert missing.exit_code == 1 and "no assessment with id 99" in missing.stderr


def test_without_a_browser_the_exports_say_why(monkeypatch, doc):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    available, reason = image_export_status()
    assert not available and "/nonexistent/chromium" in reason and "HTML hand-out" in reason
    figure = build_slides(doc)[1].figure
    with pytest.raises(ExportUnavailable) as raised:
        figure_png(figure)
    assert raised.value.reason == reason
    with pytest.raises(ExportUnavailable):
        slides_pdf_zip([("Scores", figure)])


def test_png_and_pdf_where_a_browser_is_available(doc):
    available, reason = image_export_status()
    if not available:
        pytest.skip(reason)
    charts = [(s.title, s.figure) for s in build_slides(doc) if s.figure is not None]
    png = figure_png(charts[1][1], width=1280, height=720)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert struct.unpack(">II", png[16:24]) == (1280, 720)  # the IHDR chunk: width, height
    archive = zipfile.ZipFile(io.BytesIO(slides_pdf_zip(charts)))
    names = archive.namelist()
    assert len(names) == len(charts) and names[0].startswith("01-") and names[-1].startswith(f"{len(charts):02d}-")
    assert all(archive.read(name).startswith(b"%PDF") for name in names)


def test_file_names_in_the_pdf_zip_are_safe():
    assert export._file_name(3, "../../etc/<passwd> Ünïcode!") == "03-etc-passwd-n-code.pdf"
    assert export._file_name(1, "") == "01-chart.pdf"


def test_download_names_come_from_project_and_date(doc):
    assert export.file_stem(doc) == "lantern-maps-2025-09-15"
    odd = doc.model_copy(update={"project": "../<x> Ünïcode", "date": None})
    assert export.file_stem(odd) == "x-n-code"
    assert export.file_stem(doc.model_copy(update={"project": "ÄÖ", "date": None})) == "assessment"
