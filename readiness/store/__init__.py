"""The store: SQLModel tables, the engine, and queries (save in batches, a project's versions, each
project's latest, one assessment).

The only code that touches SQL; imports the model, settings and analysis/, never importers or the app.
"""
