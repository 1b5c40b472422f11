"""Plotly figure builders: an Assessment or rows in, a Figure out, for the dashboard, Present and the hand-out.

Imports the model and analysis/; never streamlit, sqlmodel or the store (chart builders never query).
"""
