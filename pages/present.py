"""Present: one chart at a time, full screen, with a sentence that says what it means.

Keys: right arrow for the next slide, left arrow for the one before.
"""

import streamlit as st

from readiness.app import downloads, frame, navigation, reads

doc, doc_id = frame.assessment_page(None)
url = reads.database_url()
previous = reads.previous_id(doc_id)
slides = reads.slides(url, doc_id, previous)
index = navigation.slide_index(len(slides), deck=(doc_id, previous))
slide = slides[index]

navigation.presentation_style()
back, where, forward, leave = st.columns([2, 7, 2, 1], vertical_alignment="center")
back.button("Previous", key="present_prev", icon=":material/arrow_back:", disabled=index == 0, shortcut="Left",
            on_click=navigation.move_slide, args=(-1, len(slides)), width="stretch")
forward.button("Next", key="present_next", icon=":material/arrow_forward:", disabled=index == len(slides) - 1,
               shortcut="Right", on_click=navigation.move_slide, args=(1, len(slides)), width="stretch")
leave.page_link("pages/overview.py", label="Exit", icon=":material/close:")
where.caption(f"{frame.md_text(doc.project)} · slide {index + 1} of {len(slides)} · {slide.name}")

st.title(frame.md_text(slide.title))
items = "\n".join(f"- {frame.md_text(line)}" for line in slide.lines)
# No mode bar over the chart: nothing to zoom or pan while presenting. The stage takes the screen's
# height under the title (navigation.py's CSS), and the chart stretches to fill it.
chart = {"key": f"present_chart_{slide.name}", "theme": "streamlit", "config": {"displayModeBar": False},
         "height": "stretch"}
stage = st.container(key=navigation.SLIDE_STAGE)
if slide.figure is not None and slide.lines and not slide.wide:
    chart_col, text_col = stage.columns([3, 2])
    chart_col.plotly_chart(slide.figure, **chart)
    text_col.markdown(items)
else:
    if slide.figure is not None:
        stage.plotly_chart(slide.figure, **chart)
    if slide.lines:
        stage.markdown(items)

# Downloads only when asked for, below the slide: the buttons cost time on every slide change.
if st.toggle("Hand-out and downloads", key="present_downloads"):
    downloads.handout_buttons(url, doc_id, previous_id=previous, key="present")
