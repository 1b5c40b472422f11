"""Import: upload assessments, see what was understood, correct project names, then store them."""

from pathlib import Path

import streamlit as st

from readiness.app import access, editing, frame, reads
from readiness.app import intake
from readiness.app import repository
from readiness.importers.yaml_importer import dump

st.title("Import")
st.markdown("Upload production-readiness assessments in markdown or readiness/v1 YAML. Nothing is stored "
            "until you press **Store**; a file that cannot be read is reported and skipped.")
if not access.require_editor():
    st.stop()

for line in st.session_state.pop("import_report", []):
    (st.error if line["error"] else st.success)(frame.md_text(line["message"]))

repository.repository_section()

files = st.file_uploader("Assessment files", type=["md", "markdown", "txt", "yaml", "yml"],
                         accept_multiple_files=True, max_upload_size=reads.max_upload_megabytes(), key="upload")
if not files:
    st.stop()
if problem := intake.batch_problem(len(files)):
    st.error(problem)
    st.stop()

understood = [reads.understand(upload.getvalue(), upload.name) for upload in files]
if len(files) > 1:
    st.dataframe(intake.overview_rows(understood), hide_index=True, key="import_overview")

pending = []
corrections = {}
for index, (upload, seen) in enumerate(zip(files, understood)):
    doc = seen.document
    with st.expander(frame.md_text(upload.name), expanded=len(files) <= 3, icon=":material/description:"):
        if doc is None:
            st.error(frame.md_text(seen.error))
            continue
        project = st.text_input("Project", value=doc.project, key=f"import_project_{index}")
        st.caption(f"Title: {frame.md_text(doc.title or 'none')} · date: {frame.md_text(doc.date or 'none')} · "
                   f"read as {frame.md_text(doc.source.importer if doc.source else 'unknown')}")
        st.dataframe([intake.section_counts(doc)], hide_index=True, key=f"import_counts_{index}")
        for warning in doc.source.warnings if doc.source else []:
            st.warning(frame.md_text(f"line {warning.line}: {warning.message}" if warning.line else warning.message))
        for check in doc.audit:
            if not check.ok:
                st.warning(frame.md_text(f"{check.subject}: {check.message}"))
        if doc.audit:
            agreed = sum(1 for check in doc.audit if check.ok)
            st.caption(f"Audit: {agreed} of {len(doc.audit)} stated totals and claims agree with the document's "
                       "own numbers.")
        # Edit before storing: every part as a table, each row beside the document line it came from.
        if st.toggle("Correct before storing", key=f"import_fix_{index}",
                     help="Fix what the importer misread; what was read and what it became are kept."):
            rows = editing.edit_tables(doc, editing.TABLES_TO_EDIT, key=f"import_{index}",
                                       lines=editing.source_lines(upload.getvalue(), upload.name))
            corrected, problems = editing.edited_document(doc, rows)
            editing.show_problems(problems)
            if corrected is None:
                continue
            corrections[upload.name] = editing.edits.changes(doc, corrected)
            editing.show_changes(corrections[upload.name], against="what was read")
            doc = corrected
        # Made when clicked, not on every rerun for every file.
        st.download_button("Download as YAML", data=lambda doc=doc: dump(doc),
                           file_name=f"{Path(upload.name).stem}.yaml", mime="application/yaml",
                           key=f"import_download_{index}", on_click="ignore")
        pending.append((upload.name, doc, project))

st.caption(f"{len(pending)} of {len(files)} file(s) can be stored.")
author = editing.author_input("import") if any(corrections.values()) else None
if st.button("Store", key="store", type="primary", disabled=not pending):
    if problem := reads.store_problem(reads.database_url()):
        st.error(frame.md_text(f"Nothing was stored: {problem}"))
        st.stop()
    bar = st.progress(0.0, text="Storing...")
    outcomes = intake.store_all(reads.engine(), pending, progress=lambda done, total, name: bar.progress(
        done / total, text=f"Stored {done} of {total}: {frame.md_text(name)}"), corrections=corrections, author=author)
    reads.clear_caches()
    st.session_state["import_report"] = [{"message": o.message, "error": o.error} for o in outcomes]
    if stored := [o.result for o in outcomes if o.result is not None]:
        st.session_state["show_stored"] = (stored[-1].project, stored[-1].assessment_id)
    st.rerun()
