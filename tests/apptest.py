"""Starting app.py in Streamlit's AppTest the same way in every page test."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def fresh_caches() -> None:
    """Forget Streamlit's cached reads and resources, as a newly started server would have none."""
    st.cache_data.clear()
    st.cache_resource.clear()


def start_app(monkeypatch: pytest.MonkeyPatch | None = None, url: str | None = None, *,
              timeout: float = 30) -> AppTest:
    """app.py run once on the store at `url` (sample loading off), from empty caches, without an exception."""
    if monkeypatch is not None and url is not None:
        monkeypatch.setenv("READINESS_DATABASE_URL", url)
        monkeypatch.setenv("READINESS_LOAD_SAMPLES", "false")
    fresh_caches()
    at = AppTest.from_file(APP, default_timeout=timeout).run(timeout=timeout)
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_page(at: AppTest, page: str, *, timeout: float = 30) -> AppTest:
    """Switch the running app to pages/<page>.py, which must run without an exception."""
    at.switch_page(f"pages/{page}.py").run(timeout=timeout)
    assert not at.exception, [e.value for e in at.exception]
    return at
