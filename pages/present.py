"""Present: one chart at a time, full width, with a sentence that says what it means."""

import streamlit as st

from readiness import ui

doc, doc_id = ui.assessment_page(None)
url = ui.database_url()
slides = ui.slides(url, doc_id, ui.previous_id(doc_id))
index = ui.slide_index(len(slides))
slide = slides[index]

ui.presentation_style()
back, where, forward = st.columns([1, 4, 1], vertical_alignment="center")
back.button("Previous", key="present_prev", icon=":material/arrow_back:", disabled=index == 0,
            on_click=ui.move_slide, args=(-1, len(slides)), width="stretch")
forward.button("Next", key="present_next", icon=":material/arrow_forward:", disabled=index == len(slides) - 1,
               on_click=ui.move_slide, args=(1, len(slides)), width="stretch")
where.caption(f"{ui.md_text(doc.project)} · slide {index + 1} of {len(slides)} · {slide.key}")

st.title(ui.md_text(slide.title))
if slide.figure is not None:
    st.plotly_chart(slide.figure, key=f"present_chart_{slide.key}", theme="streamlit")
if slide.lines:
    st.markdown("\n".join(f"- {ui.md_text(line)}" for line in slide.lines))

# Downloads only when asked for: the buttons cost time on every slide change.
if st.toggle("Hand-out and downloads", key="present_downloads"):
    ui.handout_buttons(url, doc_id, previous_id=ui.previous_id(doc_id), key="present")
