"""Editors on an assessment (st.data_editor with typed columns), the what-if toggle, and saving a version.

The rules live in readiness.analysis.edits (pure): this module draws the tables, reads the edited rows
back, shows refused fields beside the editors, and saves through readiness.store.decisions.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import streamlit as st

from readiness.analysis import edits
from readiness.app import access, reads
from readiness.app.frame import md_text
from readiness.errors import InputError
from readiness.model import IMPACTS, SEVERITIES, Assessment
from readiness.store.decisions import project_decisions, save_version
from readiness.store.queries import content_hash

TITLES = {"document": "Document", "categories": "Categories", "findings": "Findings", "risks": "Risks",
          "checklist": "Checklist", "phases": "Phases", "tasks": "Tasks", "costs": "Costs", "actions": "Actions"}
# Rows can be added and deleted everywhere but in the one-row document table and in tasks (which follow phases).
_ROWS = {"document": "fixed", "tasks": "delete"}
# Below this a fact read by the importer is marked "check first": facts inferred from the headings
# above them (0.7) or from a weak cue such as an emoji (0.5); stated ones are 0.8-0.9 (model.ReadFact).
LOW_CONFIDENCE = 0.75
ROW_ID = "_row"  # which stored row an edited row came from (hidden; empty for rows added in the editor)


def _number(label: str, **kwargs) -> st.column_config.NumberColumn:
    kwargs.setdefault("format", "%g")  # 55, 2.5 and 0.15 as written, not 55.000000
    return st.column_config.NumberColumn(label, **kwargs)


def _select(label: str, options, **kwargs) -> st.column_config.SelectboxColumn:
    return st.column_config.SelectboxColumn(label, options=list(options), **kwargs)


def _effort(prefix: str, word: str) -> dict:
    return {f"{prefix}_min": _number(f"{word} from", min_value=0.0, step=0.5),
            f"{prefix}_max": _number(f"{word} to", min_value=0.0, step=0.5),
            f"{prefix}_unit": _select(f"{word} unit", edits.UNITS)}


def column_config(table: str, doc: Assessment) -> dict:
    """Typed columns: numbers with their ranges, levels as select boxes, dates as dates, done as checkboxes."""
    text = st.column_config.TextColumn
    configs = {
        "document": {"title": text("Title"), "status": text("Verdict as written"),
                     "overall_score": _number("Overall score", min_value=0.0, step=0.5),
                     "overall_max": _number("Overall out of", min_value=0.0, step=1.0),
                     **_effort("ready", "Time to ready")},
        "categories": {"name": text("Category", required=True), "score": _number("Score", min_value=0.0, step=0.5),
                       "max": _number("Out of", min_value=0.0, step=1.0), "grade": text("Grade"),
                       "weight": _number("Weight %", min_value=0.0, max_value=100.0, step=1.0),
                       "status": text("Status"), "blocker": _select("Blocker", ("yes", "no"))},
        "findings": {"title": text("Finding", required=True), "category": text("Category"),
                     "severity": _select("Severity", SEVERITIES, required=True), **_effort("effort", "Effort")},
        "risks": {"title": text("Risk", required=True),
                  "probability": _number("Probability", min_value=0.0, max_value=1.0, step=0.05, format="%.2f"),
                  "impact": _select("Impact", reversed(IMPACTS)), "mitigation": text("Mitigation")},
        "checklist": {"category": text("Group"), "text": text("Item", required=True),
                      "done": st.column_config.CheckboxColumn("Done", default=False)},
        "phases": {"name": text("Phase", required=True),
                   "start_day": _number("Starts on working day", min_value=0.0, step=1.0),
                   "duration_days": _number("Working days", min_value=0.0, step=0.5),
                   "priority": _select("Priority", reversed(IMPACTS))},
        "tasks": {"phase": text("Phase", disabled=True), "name": text("Task", required=True),
                  "start_day": _number("Starts on working day", min_value=0.0, step=1.0),
                  "duration_days": _number("Working days", min_value=0.0, step=0.5)},
        "costs": {"name": text("Cost", required=True), "min": _number("From", min_value=0.0, step=100.0),
                  "max": _number("To", min_value=0.0, step=100.0),
                  "currency": text("Currency", max_chars=3, validate=r"^[A-Z]{3}$"),
                  "recurrence": _select("Recurrence", ("once", "monthly", "yearly"), required=True),
                  "note": text("Note")},
        "actions": {"title": text("Action", required=True), **_effort("effort", "Effort")},
    }
    config = configs[table]
    if table == "document":
        config["date"] = (st.column_config.DateColumn("Date", format="YYYY-MM-DD")
                          if doc.date is None or len(doc.date) == 10
                          else text("Date (YYYY-MM or YYYY)", validate=r"^\d{4}(-\d{2}(-\d{2})?)?$"))
    config["line"] = _number("Line", disabled=True, help="The document line this row was read from.")
    config["source_text"] = text("What the line says", disabled=True)
    config["check"] = text("Check first", disabled=True, help="The importer was unsure of this fact.")
    return config


def _least_sure_by_line(doc: Assessment) -> dict[int, float]:
    """Per source line, the confidence of the least sure fact the importer read there (source.facts): the
    importer's confidence in the rows from that line. A row without a line, or whose line has no fact (YAML,
    rows added by hand), has none."""
    least: dict[int, float] = {}
    for fact in doc.source.facts if doc.source else []:
        if fact.line is not None:
            least[fact.line] = min(fact.confidence, least.get(fact.line, fact.confidence))
    return least


def _frame(doc: Assessment, table: str, lines: list[str] | None, config: dict | None = None) -> pd.DataFrame:
    rows = edits.table_rows(doc, table)
    least_sure = _least_sure_by_line(doc)
    records = []
    for row_id, row in rows:
        record = dict(row)
        if table != "document":
            line = edits.source_line(doc, table, row_id)
            record["line"] = line
            if lines is not None:
                record["source_text"] = lines[line - 1].strip() if line and 0 < line <= len(lines) else None
            sure = least_sure.get(line)
            if sure is not None:
                record["check"] = "check first" if sure < LOW_CONFIDENCE else ""
        if table == "document" and "date" in record and record["date"] and len(record["date"]) == 10:
            record["date"] = dt.date.fromisoformat(record["date"])
        records.append(record)
    columns = list(edits.COLUMNS[table])
    if table != "document" and any(r.get("line") is not None for r in records):
        columns.append("line")
        if lines is not None:
            columns.append("source_text")
        if any("check" in r for r in records):
            columns.insert(0, "check")
    for record, (row_id, _row) in zip(records, rows):
        record[ROW_ID] = row_id
    # A range index (new rows need one); each row's id rides in a column the editor does not show.
    frame = pd.DataFrame(records, columns=[*columns, ROW_ID])
    for name, column in (config if config is not None else column_config(table, doc)).items():
        if name in frame and column.get("type_config", {}).get("type") == "number":
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
        elif name in frame and name not in (ROW_ID,) and column.get("type_config", {}).get("type") == "text":
            frame[name] = frame[name].astype(object).where(frame[name].notna(), "")  # blank, not "None"
    if table == "checklist":
        frame["done"] = frame["done"].astype(bool)
    return frame


def _plain(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _rows_from(frame: pd.DataFrame, table: str, originals: set[str]) -> list[tuple[str | None, dict]]:
    rows = []
    for record in frame.to_dict("records"):
        row_id = record.get(ROW_ID) if record.get(ROW_ID) in originals else None
        rows.append((row_id, {k: _plain(v) for k, v in record.items() if k in edits.COLUMNS[table]}))
    return rows


def editor_key(key: str, table: str) -> str:
    return f"{key}_{table}"


def edit_tables(doc: Assessment, tables: tuple[str, ...], *, key: str,
                lines: list[str] | None = None) -> dict[str, list[tuple[str | None, dict]]]:
    """Draw one data editor per table (in tabs when several) and return each table's edited rows."""
    # Every part, empty ones too (rows can be added), but tasks only where phases have some.
    shown = [t for t in tables if t != "tasks" or any(p.tasks for p in doc.phases)]
    containers = st.tabs([TITLES[t] for t in shown]) if len(shown) > 1 else [st.container()]
    result = {}
    for table, container in zip(shown, containers):
        config = column_config(table, doc)
        frame = _frame(doc, table, lines, config)
        with container:
            edited = st.data_editor(
                frame, key=editor_key(key, table), hide_index=True, num_rows=_ROWS.get(table, "dynamic"),
                column_config={k: v for k, v in config.items() if k in frame.columns},
                column_order=[c for c in frame.columns if c != ROW_ID], width="stretch")
        result[table] = _rows_from(edited, table, set(frame[ROW_ID].dropna()))
    return result


def edited_document(doc: Assessment, rows: dict) -> tuple[Assessment | None, list[edits.FieldProblem]]:
    """The edited document, or None with the fields the model refused."""
    try:
        return edits.apply_tables(doc, rows), []
    except edits.EditRefused as refused:
        return None, refused.problems


def show_problems(problems: list[edits.FieldProblem]) -> None:
    """Each refused field with its reason, beside the editors."""
    if problems:
        st.error("Not accepted, nothing is stored until this is fixed:\n\n"
                 + "\n".join(f"- **{md_text(p.label)}** (`{p.field}`): {md_text(p.reason)}" for p in problems),
                 icon=":material/block:")


def show_changes(changes: list[edits.Change], *, against: str = "the stored version") -> None:
    """What differs from the stored version, one plain line per change."""
    if not changes:
        st.caption(f"No changes from {against} yet.")
        return
    st.markdown(f"**{len(changes)} change{'s' if len(changes) != 1 else ''} from {against}:**\n\n"
                + "\n".join(f"- {md_text(c.text())}" for c in changes))


def author_input(key: str) -> str | None:
    """The author: the logged-in user where login is set up, else a name typed once per browser session."""
    if name := access.signed_in_name():
        st.caption(f"Saved as {md_text(name)} (logged in).")
        return name
    typed = st.text_input("Your name", value=st.session_state.get("author_name", ""), key=f"{key}_author",
                          max_chars=80, placeholder="Who made this change")
    st.session_state["author_name"] = typed
    return typed.strip() or None


def _reset(keys: list[str]) -> None:
    for name in keys:
        st.session_state.pop(name, None)


def save_version_now(before: Assessment, after: Assessment, based_on_id: int, note: str,
                     author: str | None) -> tuple[bool, str]:
    """Store `after` as a new version with its decision; (saved, message). Refused in read-only mode."""
    allowed, reason = access.may_edit()
    if not allowed:
        return False, reason or "not allowed"
    changes = edits.changes(before, after)
    try:
        result = save_version(engine=reads.engine(), doc=after, based_on_id=based_on_id, note=note, author=author,
                              changes=changes)
    except InputError as error:
        return False, error.message
    reads.clear_caches()
    if not result.created:
        return False, f"identical to {result.project} v{result.version}, already stored; nothing saved"
    st.session_state["show_stored"] = (result.project, result.assessment_id)
    return True, f"Saved as {result.project} v{result.version} ({len(changes)} change(s)). Compare shows what moved."


def save_controls(before: Assessment, after: Assessment | None, based_on_id: int, *, key: str,
                  editor_keys: list[str], compact: bool = False) -> None:
    """Note, author, "Save as new version" and "Reset"; messages show after the rerun."""
    for message, ok in st.session_state.pop("save_report", []):
        (st.success if ok else st.error)(md_text(message))
    changed = after is not None and bool(edits.changes(before, after))
    note_col, author_col = (st.container(), st.container()) if compact else st.columns([3, 1])
    with note_col:
        note = st.text_input("Note for the record", key=f"{key}_note", max_chars=500,
                             placeholder="planning 25 Nov: accepted the replication risk")
    with author_col:
        author = author_input(key)
    # Side by side, each as wide as its label (columns of a fixed share cut "Save as new version" short).
    buttons = st.container(horizontal=True, wrap=True, gap="small")
    clicked = buttons.button("Save as new version", key=f"{key}_save", type="primary", disabled=not changed,
                             icon=None if compact else ":material/save:")
    buttons.button("Reset", key=f"{key}_reset", on_click=_reset, args=(editor_keys,), icon=":material/undo:")
    if clicked and after is not None:
        saved, message = save_version_now(before, after, based_on_id, note, author)
        st.session_state["save_report"] = [(message, saved)]
        if saved:
            _reset([*editor_keys, f"{key}_note", f"{key}_whatif"])
        st.rerun()


TABLES_TO_EDIT = edits.TABLES
WHAT_IF_TABLES = {"scores": ("categories",), "risks": ("risks",), "plan": ("phases", "tasks"),
                  "costs": ("costs", "phases")}


def what_if(doc: Assessment, doc_id: int, page: str) -> tuple[Assessment, object]:
    """The page's what-if toggle: try changes live, see what moved, save them as a version or reset.

    Returns the document the page should draw (edited while the toggle is on) and the key its
    charts and tables are cached under (the stored id, or the edited content's hash).
    """
    if not access.may_edit()[0]:
        return doc, doc_id
    if not st.toggle("What if...", key=f"{page}_whatif",
                     help="Try a change without saving: every number and chart below follows it."):
        return doc, doc_id
    key = f"whatif_{page}_{doc_id}"
    tables = WHAT_IF_TABLES[page]
    # Side by side, so that the numbers and charts below stay near: the cells, then what changed and saving.
    cells, record = st.columns([3, 2], border=True)
    with cells:
        st.caption("Change cells here; nothing is stored until you save it as a new version.")
        rows = edit_tables(doc, tables, key=key)
    after, problems = edited_document(doc, rows)
    with record:
        show_problems(problems)
        if after is not None:
            show_changes(edits.changes(doc, after))
        save_controls(doc, after, doc_id, key=key, editor_keys=[editor_key(key, t) for t in tables], compact=True)
    if after is None or not edits.changes(doc, after):
        return doc, doc_id
    return after, ("whatif", doc_id, content_hash(after))


def decision_lines(items: list[edits.Decision]) -> str:
    """Decisions as one markdown block of document text shown literally."""
    parts = []
    for item in items:
        kind = "Corrected on import" if item.kind == "correction" else "Decision"
        parts.append(f"- **{kind}:** {md_text(item.headline())}")
        parts.extend(f"    - {md_text(change)}" for change in item.changes)
    return "\n".join(parts)


def project_history(url: str, project: str) -> list[tuple[int, edits.Decision]]:
    """Every decision on a project's versions (not cached: shown on the Edit page only)."""
    with reads.reading(url) as session:
        return project_decisions(session=session, project=project)


def source_lines(data: bytes, filename: str) -> list[str] | None:
    """An uploaded file's lines, for showing what each row was read from (None if it cannot be decoded)."""
    from readiness.importers import decode

    try:
        return decode(data, filename=filename).split("\n")
    except InputError:
        return None
