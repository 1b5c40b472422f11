"""Words and documents for meetings: agenda, slides, the hand-out report, exports and table views.

Imports the model, analysis/ and charts/; never streamlit, sqlmodel or the store.
"""
