"""Edit: the picked assessment's parts as editable tables; saving makes a new version with a note, never an overwrite."""

import streamlit as st

from readiness.app import access, editing, frame, reads

doc, doc_id = frame.assessment_page("Edit")
if not access.require_editor():
    st.stop()

st.markdown("Correct what the importer read or record what the meeting decided. Saving keeps this version "
            "as it is and stores the result as the next version of the project, with your note.")
key = f"edit_{doc_id}"
tables = editing.TABLES_TO_EDIT
rows = editing.edit_tables(doc, tables, key=key)
after, problems = editing.edited_document(doc, rows)
editing.show_problems(problems)
if after is not None:
    editing.show_changes(editing.edits.changes(doc, after))
editing.save_controls(doc, after, doc_id, key=key, editor_keys=[editing.editor_key(key, t) for t in tables])

history = editing.project_history(reads.database_url(), doc.project)
if history:
    st.header("Decisions on this project")
    st.markdown("\n".join(f"- **v{version}:** {frame.md_text(item.headline())}" for version, item in history))
