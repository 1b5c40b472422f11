"""Present: one chart at a time, full width, with a sentence that says what it means."""

import streamlit as st

from readiness.app import downloads, frame, navigation, reads
doc, doc_id = frame.assessment_page(None)
url = reads.database_url()
previous_id = reads.previous_id(doc_id)
slides = reads.slides(url, doc_id, previous_id)
index = navigation.slide_index(len(slides))
slide = slides[index]

navigation.presentation_style()
back, where, forward = st.columns([1, 4, 1], vertical_alignment="center")
back.button("Previous", key="present_prev", icon=":material/arrow_back:", disabled=index == 0,
            on_click=navigation.move_slide, args=(-1, len(slides)), width="stretch")
forward.button("Next", key="present_next", icon=":material/arrow_forward:", disabled=index == len(slides) - 1,
               on_click=navigation.move_slide, args=(1, len(slides)), width="stretch")
where.caption(f"{frame.md_text(doc.project)} · slide {index + 1} of {len(slides)} · {slide.key}")

st.title(frame.md_text(slide.title))
if slide.figure is not None:
    st.plotly_chart(slide.figure, key=f"present_chart_{slide.key}", theme="streamlit")
if slide.lines:
    st.markdown("\n".join(f"- {frame.md_text(line)}" for line in slide.lines))

# Downloads only when asked for: the buttons cost time on every slide change.
if st.toggle("Hand-out and downloads", key="present_downloads"):
    downloads.handout_buttons(url, doc_id, previous_id=previous_id, key="present")
