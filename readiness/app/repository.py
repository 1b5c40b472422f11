"""The Import page's repository section: every version of the assessments in a git history on the
server's disk, previewed before anything is stored. Only where the settings allow it (see
Settings.repository_import_off): a shared server or a team database never reads the server's disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from sqlalchemy.engine import Engine

from readiness.app import reads
from readiness.bulk import read_versions
from readiness.app.frame import md_text
from readiness.errors import InputError
from readiness.importers.history import History, HistoryItem
from readiness.settings import get_settings
from readiness.store.queries import import_many


@dataclass(frozen=True)
class Found:
    """What a look at a repository found: the walk and each version as it would be stored."""

    history: History
    items: list[HistoryItem]

    @property
    def storable(self) -> list[HistoryItem]:
        return [item for item in self.items if item.document is not None and not item.known]

    def summary(self) -> str:
        h = self.history
        if not h.commits:
            return f"{h.repository}: the repository has no commits; nothing to import."
        if not h.documents:
            return (f"{h.repository}: {h.commits} commit(s) read; no readiness assessments found among the "
                    f"{h.looked_at} markdown/YAML file(s) in its history. Choose files with a pattern.")
        known = sum(1 for item in self.items if item.known)
        skipped = sum(1 for item in self.items if item.document is None and not item.known)
        return (f"{h.repository}: {h.commits} commit(s) read; {len(h.documents)} document(s) with "
                f"{len(self.items)} distinct version(s): {len(self.storable)} to store, {known} already stored, "
                f"{skipped} without an assessment.")


def find_versions(engine: Engine, repository: str, *, globs: list[str], project: str | None) -> Found:
    """Walk the repository and read each version (nothing is stored); an InputError when it is no repository."""
    path = Path(repository.strip()).expanduser()
    return Found(*read_versions(path, engine=lambda: engine, globs=globs, project=project or None))


def preview_rows(found: Found) -> list[dict]:
    """One row per version, oldest first, saying what storing would do with it."""
    rows = []
    for item in found.items:
        doc, version = item.document, item.version
        if item.known:
            what = "already stored"
        elif doc is None:
            what = f"skipped: {item.skipped}"
        else:
            what = "to store"
        rows.append({
            "Commit": version.commit[:10], "Committed": version.commit_date.strftime("%Y-%m-%d %H:%M"),
            "Message": version.message, "Path": version.path,
            "Project": doc.project if doc else "", "Date": doc.date if doc else "",
            "Dated by": doc.source.dated_by if doc else "",
            "Overall": f"{doc.overall_percent:.0f}%" if doc and doc.overall else ("not stated" if doc else ""),
            "Categories": len(doc.categories) if doc else 0, "What happens": what,
        })
    return rows


def store_found(engine: Engine, found: Found) -> list[dict]:
    """Store the versions not stored yet, oldest first, in one transaction; one report line each."""
    items = found.storable
    results = import_many(engine=engine, docs=[item.document for item in items]) if items else []
    report = []
    for item, result in zip(items, results):
        where = f"{item.version.commit[:10]} {item.version.path}"
        if isinstance(result, str):
            report.append({"message": f"{where}: {result}", "error": True})
        elif result.created:
            report.append({"message": f"{where}: stored as {result.project} v{result.version}", "error": False})
        else:
            report.append({"message": f"{where}: already stored as {result.project} v{result.version} "
                                      "(identical content)", "error": False})
    return report


def repository_section() -> None:
    """The section on the Import page: a folder, optional patterns, a preview, then Store."""
    off = get_settings().repository_import_off
    if off:
        st.caption(f"Import from a git repository: {md_text(off)}.")
        return
    with st.expander("Import every version from a git repository on this server", icon=":material/history:",
                     expanded="history_found" in st.session_state):
        st.markdown("Give the folder of a local clone. Every version each assessment ever had is read from its "
                    "history (renames followed) and dated by the document's own date, else by its commit. "
                    "Nothing is stored until you press **Store versions**.")
        folder = st.text_input("Repository folder on the server", key="history_repo",
                               placeholder="/srv/checkouts/payments")
        patterns = st.text_input("Files (optional glob patterns, comma-separated)", key="history_globs",
                                 placeholder="docs/*READINESS*.md")
        project = st.text_input("Project (optional: else each document's own name)", key="history_project")
        if st.button("Find versions", key="history_find", disabled=not folder.strip()):
            globs = [g.strip() for g in patterns.split(",") if g.strip()]
            try:
                with st.spinner("Reading the history..."):
                    st.session_state["history_found"] = find_versions(reads.engine(), folder, globs=globs,
                                                                      project=project.strip())
            except InputError as error:
                st.session_state.pop("history_found", None)
                st.error(md_text(error))
        found: Found | None = st.session_state.get("history_found")
        if found is None:
            return
        st.caption(md_text(found.summary()))
        if found.items:
            st.dataframe(preview_rows(found), hide_index=True, key="history_preview")
        if st.button(f"Store versions ({len(found.storable)})", key="history_store", type="primary",
                     disabled=not found.storable):
            try:
                with st.spinner("Storing..."):
                    report = store_found(reads.engine(), found)
            except Exception as error:  # noqa: BLE001 - one transaction: nothing was stored
                st.error(md_text(f"Nothing stored: the store refused the batch ({type(error).__name__}: "
                                 f"{str(error).splitlines()[0]})"))
                return
            st.session_state.pop("history_found", None)
            reads.clear_caches()
            st.session_state["import_report"] = report
            st.rerun()
