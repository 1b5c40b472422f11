"""Pure functions over Assessments: audit, scores, risks, plan, costs, checklist, compare, summaries.

Imports only the model and each other: no streamlit, no sqlmodel, no store, no charts.
"""
