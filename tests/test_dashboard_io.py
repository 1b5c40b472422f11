"""The import page's work without Streamlit, the chart-click reader, and text shown literally."""

from pathlib import Path

from sqlmodel import Session

from readiness.store.db import open_store
from readiness.app.intake import section_counts, store_all, understand, with_project
from readiness.store.queries import list_assessments
from readiness.app.frame import clicked_key, md_text

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "lantern-maps-2025-09.yaml"


def test_understand_reads_or_reports_never_raises():
    good = understand(SAMPLE.read_bytes(), "lantern.yaml")
    assert good.error is None and good.document.project == "Lantern Maps"
    for data, name in [(b"", "empty.yaml"), (b"\x00\x01", "binary.yaml"), (b"schema: nope\n", "wrong.yaml"),
                       (b"a: [unclosed\n", "broken.yml"), (b"hello", "notes.pdf")]:
        bad = understand(data, name)
        assert bad.document is None and name in bad.error


def test_section_counts_and_renaming():
    doc = understand(SAMPLE.read_bytes(), "lantern.yaml").document
    counts = section_counts(doc)
    assert counts["Categories"] == 7 and counts["Risks"] == 5 and counts["Tasks"] == 6
    assert with_project(doc, "  New   name ").project == "New name"


def test_store_all_goes_on_after_a_failure(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 's.db'}")
    doc = understand(SAMPLE.read_bytes(), "lantern.yaml").document
    seen = []
    outcomes = store_all(engine, [("a.yaml", doc, "   "), ("b.yaml", doc, "Maps"), ("c.yaml", doc, "Maps")],
                         progress=lambda done, total, name: seen.append((done, total, name)))
    assert outcomes[0].error and "project name is empty" in outcomes[0].error
    assert outcomes[1].message == "b.yaml: stored as Maps v1"
    assert "already stored as Maps v1" in outcomes[2].message
    assert seen == [(1, 3, "a.yaml"), (2, 3, "b.yaml"), (3, 3, "c.yaml")]
    with Session(engine) as session:
        assert [s.project for s in list_assessments(session=session)] == ["Maps"]


class _Event:
    def __init__(self, points):
        self.selection = {"points": points}


def test_clicked_key_reads_the_cell_from_the_selection():
    allowed = {"likely|high", "rare|low"}
    assert clicked_key(_Event([{"customdata": "likely|high", "x": "High"}]), allowed) == "likely|high"
    assert clicked_key(_Event([{"customdata": ["rare|low"]}]), allowed) == "rare|low"
    assert clicked_key(_Event([{"z": 3}]), allowed) is None  # a click on the heatmap itself
    assert clicked_key(_Event([]), allowed) is None
    assert clicked_key(None, allowed) is None


def test_md_text_shows_markup_literally():
    assert md_text("<script>alert(1)</script>") == "\\<script\\>alert\\(1\\)\\</script\\>".replace("</", "<\\/")
    assert md_text("**bold** [x](javascript:y) :smile:") == (
        "\\*\\*bold\\*\\* \\[x\\]\\(javascript\\:y\\) \\:smile\\:")
    assert md_text("two\nlines") == "two lines"
