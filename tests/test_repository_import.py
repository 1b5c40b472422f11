"""The Import page reads a git repository on the server's disk, previews its versions, then stores them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from readiness.settings import Settings
from readiness.store.db import open_store
from readiness.store.queries import list_assessments

from .apptest import open_page, start_app
from .gitrepo import GitRepo, assessment

WHEN = dt.datetime(2025, 9, 1, 12, tzinfo=dt.timezone.utc)


@pytest.fixture
def repository(tmp_path):
    git = GitRepo(tmp_path / "osprey")
    git.commit({"GO_LIVE.md": b"# Go-live review\n\nStarted.\n"}, "Stub", WHEN)
    git.commit({"GO_LIVE.md": assessment("Osprey", 50, 40)}, "First scores", WHEN + dt.timedelta(days=30))
    git.commit({"GO_LIVE.md": assessment("Osprey", 66, 60, date="2025-11-02")}, "Rescore", WHEN + dt.timedelta(days=62))
    git.close()
    return tmp_path / "osprey"


def _app(monkeypatch, url: str, **env: str) -> AppTest:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return open_page(start_app(monkeypatch, url), "import_files")


def test_the_page_previews_the_versions_then_stores_them(repository, sqlite_url, monkeypatch, navigation_mode):
    at = _app(monkeypatch, sqlite_url)
    at.text_input(key="history_repo").set_value(str(repository)).run(timeout=30)
    at.button(key="history_find").click().run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    preview = at.dataframe[0].value
    assert list(preview["What happens"]) == ["skipped: no scores, findings, risks, checklist, plan or costs found in it",
                                             "to store", "to store"]
    assert list(preview["Date"]) == ["", "2025-10-01", "2025-11-02"]
    assert list(preview["Dated by"]) == ["", "commit", "document"]
    engine = open_store(sqlite_url)
    with Session(engine) as session:
        assert list_assessments(session=session) == []  # nothing stored before Store is pressed
    at.button(key="history_store").click().run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    assert sum("stored as Osprey v" in s.value for s in at.success) == 2
    with Session(engine) as session:
        assert [(s.project, s.version, s.date) for s in list_assessments(session=session)] == [
            ("Osprey", 1, "2025-10-01"), ("Osprey", 2, "2025-11-02")]
    # Looking again finds them stored: nothing left to store.
    at.text_input(key="history_repo").set_value(str(repository)).run(timeout=30)
    at.button(key="history_find").click().run(timeout=30)
    assert list(at.dataframe[0].value["What happens"])[1:] == ["already stored"] * 2
    assert at.button(key="history_store").disabled
    engine.dispose()


def test_a_folder_that_is_no_repository_is_reported(tmp_path, sqlite_url, monkeypatch, navigation_mode):
    at = _app(monkeypatch, sqlite_url)
    at.text_input(key="history_repo").set_value(str(tmp_path)).run(timeout=30)
    at.button(key="history_find").click().run(timeout=30)
    assert not at.exception
    assert "not a git repository" in at.error[0].value


def test_the_setting_turns_the_section_off(sqlite_url, monkeypatch, navigation_mode):
    at = _app(monkeypatch, sqlite_url, READINESS_REPOSITORY_IMPORT="false")
    assert not [t for t in at.text_input if t.key == "history_repo"]
    assert any("turned off" in c.value for c in at.caption)


def test_a_team_database_never_reads_the_servers_disk():
    assert Settings(database_url="sqlite:///x.db").repository_import_off is None
    assert "team database" in Settings(database_url="postgresql+psycopg://u:p@db/readiness").repository_import_off
    assert "turned off" in Settings(database_url="sqlite:///x.db", repository_import=False).repository_import_off
