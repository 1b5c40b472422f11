"""Looking at the app as a user would, in headless Chromium: open pages through the sidebar, step
through Present, and measure what a projector shows (scrolling, type sizes read from the rendered SVG).

Shared by tests/test_screens.py and docs/screenshots/take.py.
"""

from __future__ import annotations

VIEWPORTS = ((1920, 1080), (1280, 720))
CHART_TEXT_FLOOR = 16  # px, every piece of chart text (ticks, labels, legends), read from the SVG
SLIDE_TEXT_FLOOR = 24  # px, slide titles and lines in Present
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"

# Menu label -> the page's file name (its URL path).
PAGES = {"Overview": "overview", "Scores": "scores", "Risks": "risks", "Plan": "plan", "Costs": "costs",
         "Checklist": "checklist", "Import": "import_files", "Compare": "compare", "Present": "present",
         "Edit": "edit"}

_DRAWN = """() => !document.querySelector('[data-testid^="stSkeleton"], [data-testid="stAppSkeleton"]')
  && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg'))"""

# What a screen shows that a projector cannot: scrollbars, and text under the floors.
MEASURE = """([chartFloor, textFloor]) => {
  const scrollers = [document.scrollingElement, ...document.querySelectorAll(
      '[data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"]')];
  let horizontal = 0, vertical = 0;
  for (const el of scrollers) {
    if (!el) continue;
    const style = getComputedStyle(el);
    const canX = el === document.scrollingElement || !['hidden', 'clip'].includes(style.overflowX);
    const canY = el === document.scrollingElement || !['hidden', 'clip'].includes(style.overflowY);
    if (canX) horizontal = Math.max(horizontal, el.scrollWidth - el.clientWidth);
    if (canY) vertical = Math.max(vertical, el.scrollHeight - el.clientHeight);
  }
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0
      && getComputedStyle(el).visibility !== 'hidden' && getComputedStyle(el).display !== 'none'; };
  const small = [];
  for (const t of document.querySelectorAll('.main-svg text')) {
    const words = t.textContent.trim();
    if (!words || !visible(t) || t.closest('.hoverlayer')) continue;
    const size = parseFloat(getComputedStyle(t).fontSize);
    if (size < chartFloor) small.push(`${size}px chart text "${words.slice(0, 40)}"`);
  }
  // A chart drawn wider than its place is cut off (plotly measuring a zoomed container did that).
  for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    const svg = chart.querySelector('.main-svg');
    if (svg && visible(chart) && svg.getBoundingClientRect().width > chart.getBoundingClientRect().width + 2)
      small.push(`a chart drawn ${Math.round(svg.getBoundingClientRect().width)}px wide in a `
                 + `${Math.round(chart.getBoundingClientRect().width)}px place`);
  }
  // A figure cut short with an ellipsis ("25.3K-3…") says something else than the document.
  for (const v of document.querySelectorAll('[data-testid="stMetricValue"], [data-testid="stMetricValue"] *')) {
    if (visible(v) && v.scrollWidth > v.clientWidth + 1)
      small.push(`a figure cut short: "${v.textContent.trim().slice(0, 40)}"`);
  }
  // A button whose label ends in an ellipsis ("Save as ne…") hides what it does.
  for (const label of document.querySelectorAll('[data-testid="stMain"] button [data-testid="stMarkdownContainer"], '
      + '[data-testid="stMain"] button [data-testid="stMarkdownContainer"] p')) {
    if (visible(label) && label.scrollWidth > label.clientWidth + 1)
      small.push(`a button label cut short: "${label.textContent.trim().slice(0, 40)}"`);
  }
  const slideText = [];
  if (textFloor) {
    for (const t of document.querySelectorAll('[data-testid="stMain"] h1, [data-testid="stMain"] li, '
        + '[data-testid="stMain"] [data-testid="stMarkdownContainer"] p')) {
      const words = t.textContent.trim();
      // Controls (buttons, a toggle's label) are not slide text.
      if (!words || !visible(t) || t.closest('[data-testid="stPlotlyChart"], button, label')) continue;
      const size = parseFloat(getComputedStyle(t).fontSize);
      if (size < textFloor) slideText.push(`${size}px slide text "${words.slice(0, 40)}"`);
    }
  }
  return {horizontal, vertical, small, slideText};
}"""


def settle(page) -> None:
    """Wait for the script run to end and every chart to draw."""
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_function(_DRAWN, timeout=60_000)
    page.wait_for_timeout(400)  # plotly's relayout after a resize or a redraw


def open_app(page, base: str) -> None:
    """The app's address: the Overview, its default page, lives at the root (/overview is 'not found')."""
    page.goto(f"{base}/")
    settle(page)


def _wait_for_path(page, path: str) -> None:
    """The default page (Overview) is served at the root."""
    page.wait_for_url(lambda url: url.rstrip("/").rsplit("/", 1)[-1] in ({path} if path else {"", "overview"})
                      or (not path and url.rstrip("/").count("/") == 2), timeout=60_000)
    settle(page)


def pick_project(page, project: str) -> None:
    """Choose a project in the sidebar picker (on a page that shows the sidebar)."""
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name=project, exact=True).click()
    settle(page)


def go_to(page, label: str) -> None:
    """Open a page through the sidebar menu (one session: the picked project stays picked)."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=label, exact=True).click()
    _wait_for_path(page, "" if label == "Overview" else PAGES[label])
    settle(page)


def leave_present(page) -> None:
    """Back to the Overview through Present's own Exit link (the menu is hidden there)."""
    page.get_by_test_id("stMain").get_by_role("link", name="Exit").click()
    _wait_for_path(page, "")
    settle(page)


def slide_position(page) -> tuple[int, int]:
    """(n, of) from Present's caption 'Project · slide n of N · key'."""
    caption = page.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").first.inner_text()
    words = caption.split("slide ", 1)[1].split(" ")
    return int(words[0]), int(words[2])


def next_slide(page) -> None:
    """The right arrow key, as a presenter would press it; waits until the next slide is on show."""
    number, _count = slide_position(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        """(expected) => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stCaptionContainer"]')]
             .some(c => c.innerText.includes(expected))""", arg=f"slide {number + 1} of", timeout=60_000)
    settle(page)


def measure(page, *, slide: bool) -> list[str]:
    """What is wrong with the screen as shown: scrolling and text under the floors."""
    found = page.evaluate(MEASURE, [CHART_TEXT_FLOOR, SLIDE_TEXT_FLOOR if slide else 0])
    problems = []
    if found["horizontal"] > 1:
        problems.append(f"scrolls {found['horizontal']}px sideways")
    if slide and found["vertical"] > 1:
        problems.append(f"slide scrolls {found['vertical']}px down")
    return problems + found["small"][:5] + found["slideText"][:5]


def check_both_sizes(page, *, slide: bool, shoot=None) -> dict[tuple[int, int], list[str]]:
    """Measure at every viewport (resizing the same page, no reload); `shoot(page, size)` takes pictures."""
    results = {}
    for size in VIEWPORTS:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        settle(page)
        results[size] = measure(page, slide=slide)
        if shoot is not None:
            shoot(page, size)
    return results
