"""Moving around: deep links through app.py's navigation, and the Present page's slide position and type."""

from __future__ import annotations

import streamlit as st


def leave_pages_directory_mode() -> None:
    """Make a deep link opened first on a fresh server go through app.py's navigation.

    Streamlit treats a folder named pages/ as old-style multipage navigation until app.py calls
    st.navigation; until then a first visit to /risks would run that page alone, without the
    sidebar picker or page config. Switching the flag and rerunning sends it through app.py.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def slide_index(count: int) -> int:
    """The slide on show, kept within the deck."""
    index = min(max(st.session_state.get("present_index", 0), 0), count - 1)
    st.session_state["present_index"] = index
    return index


def move_slide(step: int, count: int) -> None:
    """Go `step` slides forward (or back), staying within the deck."""
    st.session_state["present_index"] = min(max(st.session_state.get("present_index", 0) + step, 0), count - 1)


# Our own fixed CSS (never document text): larger type for the projector.
_PRESENT_CSS = """<style>
[data-testid="stMain"] h1 { font-size: 2.6rem; line-height: 1.2; }
[data-testid="stMain"] li, [data-testid="stMain"] p { font-size: 1.45rem; }
</style>"""


def presentation_style() -> None:
    """Projector-sized type for the present page."""
    st.html(_PRESENT_CSS)
