"""Download buttons for the hand-out, tables, YAML and charts; files are made only when clicked."""

from __future__ import annotations

import streamlit as st

from readiness.app.reads import assessment, decisions, slides


@st.cache_data(show_spinner=False, ttl=300)
def _image_export_status() -> tuple[bool, str]:
    from readiness.meeting.export import image_export_status

    return image_export_status()


def handout_buttons(url: str, assessment_id: int, *, previous_id: int | None = None, compare: bool = False,
                    key: str) -> None:
    """Download buttons: the HTML hand-out, every table as CSV, the YAML, and the charts as PDF.

    Files are made when clicked (deferred), not on every rerun; without a browser for kaleido the
    PDF button gives way to a sentence that says why, and the HTML hand-out has every chart.
    """
    from readiness.meeting import export
    from readiness.meeting import report
    from readiness.importers.yaml_importer import dump

    doc = assessment(url, assessment_id)
    previous = assessment(url, previous_id) if previous_id is not None else None
    stem = export.file_stem(doc)
    if compare and previous is not None:
        html_data, html_name = (lambda: report.comparison_report(previous, doc)), f"{stem}-compared.html"
    else:
        made = list(decisions(url, assessment_id))
        html_data, html_name = (lambda: report.assessment_report(doc, previous=previous, decisions=made)), \
            f"{stem}.html"
    html_col, csv_col, yaml_col, pdf_col = st.columns(4)
    html_col.download_button("Hand-out (HTML, works offline)", data=html_data, file_name=html_name,
                             mime="text/html", key=f"{key}_html", on_click="ignore", icon=":material/download:")
    csv_col.download_button("Tables (CSV, zipped)", data=lambda: export.tables_zip(doc), file_name=f"{stem}.zip",
                            mime="application/zip", key=f"{key}_csv", on_click="ignore")
    yaml_col.download_button("readiness/v1 YAML", data=lambda: dump(doc), file_name=f"{stem}.yaml",
                             mime="application/yaml", key=f"{key}_yaml", on_click="ignore")
    available, reason = _image_export_status()
    if available:
        charts = [(s.title, s.figure) for s in slides(url, assessment_id, previous_id) if s.figure is not None]
        pdf_col.download_button("Charts (PDF, zipped)", help="One PDF per chart, in a zip file.",
                                data=lambda: export.slides_pdf_zip(charts), file_name=f"{stem}-charts.zip",
                                mime="application/zip", key=f"{key}_pdf", on_click="ignore")
    else:
        pdf_col.info(f"No PDF or images here: {reason}.")
