"""The Streamlit side: cached reads, the sidebar picker, page frame, navigation and download buttons.

Only this folder and pages/ import streamlit; it may import every other part of readiness.
"""
