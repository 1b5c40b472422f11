"""The Streamlit side: cached reads, the sidebar picker, page frame, navigation, download buttons, editors
(editing.py) and who may change things (access.py).

Only this folder and pages/ import streamlit; it may import every other part of readiness.
"""
