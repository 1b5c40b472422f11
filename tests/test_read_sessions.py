"""The reads of one script run share one session: a cold page checks out one connection, a warm one
none, and a run that writes reads what it wrote."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from readiness.app import reads
from readiness.app.samples import load_samples
from readiness.store.db import open_store

from .apptest import fresh_caches, open_page, start_app


@pytest.fixture
def checkouts(tmp_path, monkeypatch, navigation_mode):
    url = f"sqlite:///{tmp_path / 'sessions.db'}"
    engine = open_store(url)
    load_samples(engine=engine)
    engine.dispose()
    at = start_app(monkeypatch, url)
    counted: list[int] = []
    event.listen(reads.engine_for(url).pool, "checkout", lambda *args: counted.append(1))
    yield at, counted
    fresh_caches()


@pytest.mark.parametrize("page", ["overview", "scores", "compare"])
def test_a_cold_page_checks_out_one_connection_and_a_warm_one_none(checkouts, page):
    at, counted = checkouts
    open_page(at, page)
    reads.clear_caches()  # as after an import, or when the 30 s are up
    counted.clear()
    at.run()
    assert not at.exception
    assert len(counted) == 1
    counted.clear()
    at.run()
    assert counted == []


@pytest.fixture
def sample_store(tmp_path, monkeypatch):
    """The URL of a store holding the samples, set as the app's store; the read caches start and end empty."""
    url = f"sqlite:///{tmp_path / 'samples.db'}"
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    engine = open_store(url)
    load_samples(engine=engine)
    engine.dispose()
    fresh_caches()
    yield url
    fresh_caches()


def test_a_write_ends_the_runs_read_session_and_later_reads_see_it(sample_store):
    url = sample_store
    with reads.one_session_per_run(url):
        before = reads.projects(url)
        from readiness.model import Assessment
        from readiness.store.queries import import_assessment

        import_assessment(engine=reads.engine(), doc=Assessment(project="Zephyr Queue", title="Zephyr review"))
        reads.clear_caches()
        after = reads.projects(url)
    assert "Zephyr Queue" not in before and "Zephyr Queue" in after


def test_within_a_run_each_list_is_asked_of_the_cache_once_and_again_after_a_write(sample_store, monkeypatch):
    url = sample_store
    asked: list[str] = []
    projects, version_page = reads._projects, reads._version_page


    def counted(read, name_of):
        def ask(*args):
            asked.append(name_of(*args))
            return read(*args)

        ask.clear = read.clear  # clear_caches clears them
        return ask

    monkeypatch.setattr(reads, "_projects", counted(projects, lambda u: "projects"))
    monkeypatch.setattr(reads, "_version_page", counted(version_page, lambda u, p, n: p))
    with reads.one_session_per_run(url):
        names = reads.projects(url)
        assert reads.projects(url) == names
        assert reads.version_count(url, names[0]) == len(reads.versions(url, names[0]))
        assert asked == ["projects", names[0]]
        reads.clear_caches()  # as after an import in this run: what was read may have changed
        reads.projects(url)
        assert asked == ["projects", names[0], "projects"]
    reads.projects(url)  # outside a run, every ask goes to the cache
    reads.projects(url)
    assert asked.count("projects") == 4
