"""Shared fixtures: a temporary store (SQLite, and PostgreSQL where one is reachable), ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel

from readiness.store.db import make_engine, open_store
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import app_test as app_test_module

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
SHARED = ROOT.parent / "shared"
POSTGRES_ENV = "READINESS_TEST_POSTGRES_URL"


def shared_dir(name: str) -> Path:
    """A folder of ../shared, or skip the test with the reason."""
    folder = SHARED / name
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent: the shared seeds/corpus are not checked out beside the project")
    return folder


def _postgres_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"no PostgreSQL: set {POSTGRES_ENV} (.ci/run starts Debian's postgresql and sets it)")
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("select 1"))
    except Exception as error:  # any driver error means: no server to test against
        pytest.skip(f"PostgreSQL at {POSTGRES_ENV} is not reachable: {type(error).__name__}")
    finally:
        engine.dispose()
    return url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url = _postgres_url()
    engine = make_engine(url)
    SQLModel.metadata.drop_all(engine)
    engine.dispose()
    return url


@pytest.fixture
def engine(store_url: str):
    engine = open_store(store_url)
    yield engine
    engine.dispose()


@pytest.fixture
def isolated_env(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> str:
    """READINESS_DATABASE_URL pointing at a temporary SQLite file."""
    monkeypatch.setenv("READINESS_DATABASE_URL", sqlite_url)
    return sqlite_url


class _NavigationPagesManager(PagesManager):
    """AppTest resets PagesManager.uses_pages_directory before every run, and a `pages/` folder then
    turns on the legacy pages-folder mode, which runs the page without app.py (no sidebar picker).
    The real server keeps the flag st.navigation sets (False); this restores that."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


@pytest.fixture
def navigation_mode(monkeypatch: pytest.MonkeyPatch):
    """AppTest runs app.py's st.navigation like the real server does."""
    monkeypatch.setattr(app_test_module, "PagesManager", _NavigationPagesManager)
    yield
    PagesManager.uses_pages_directory = None
