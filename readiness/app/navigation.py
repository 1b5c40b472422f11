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


def slide_index(count: int, deck: object = None) -> int:
    """The slide on show, kept within the deck; a new deck (another assessment) starts at slide 1."""
    if st.session_state.get("present_deck") != deck:
        st.session_state["present_deck"] = deck
        st.session_state["present_index"] = 0
    index = min(max(st.session_state.get("present_index", 0), 0), count - 1)
    st.session_state["present_index"] = index
    return index


def move_slide(step: int, count: int) -> None:
    """Go `step` slides forward (or back), staying within the deck."""
    st.session_state["present_index"] = min(max(st.session_state.get("present_index", 0) + step, 0), count - 1)


# Our own fixed CSS (never document text). Present is a presentation mode: no sidebar, page menu,
# toolbar or Deploy button; slide text at 24 px and more, growing with the screen. The slide's stage
# (chart and lines) takes the screen's height under the title, and its chart stretches to fill it.
_PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stAppDeployButton"], [data-testid="stMainMenu"], [data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stMain"] .block-container, [data-testid="stMainBlockContainer"] {
  padding: 12px 40px 0 40px !important; max-width: none !important; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.5rem; }
/* Type grows with the screen: 24 px slide text at 720p, 32 px at 1080p; titles half as large again. */
[data-testid="stMain"] h1 { font-size: max(32px, 4.4vh); line-height: 1.2; padding: 0.2rem 0 0.4rem 0; }
[data-testid="stMain"] li, [data-testid="stMain"] p:not(button p, label p),
[data-testid="stMain"] [data-testid="stCaptionContainer"] { font-size: max(24px, 3vh); line-height: 1.4; }
[data-testid="stMain"] button p, [data-testid="stMain"] label p { font-size: max(17px, 2vh); }
/* The stage under the title takes the rest of the screen (two title lines, the controls above and the
   hand-out toggle below), and the chart on it stretches to fill it. */
[data-testid="stMain"] .st-key-slide_stage { height: calc(89vh - 150px) !important; min-height: 300px;
  max-height: none !important; flex: 0 0 auto !important; }
.st-key-slide_stage > div { flex: 0 0 auto !important; }
.st-key-slide_stage > div:has([data-testid="stPlotlyChart"]), .st-key-slide_stage [data-testid="stHorizontalBlock"],
.st-key-slide_stage [data-testid="stColumn"] > div:has([data-testid="stPlotlyChart"]) {
  flex: 1 1 0 !important; min-height: 0; }
.st-key-slide_stage [data-testid="stPlotlyChart"], .st-key-slide_stage [data-testid="stPlotlyChart"] > div {
  height: 100% !important; }
</style>"""


SLIDE_STAGE = "slide_stage"


def presentation_style() -> None:
    """Presentation mode for the Present page: full screen, projector-sized type."""
    st.html(_PRESENT_CSS)
