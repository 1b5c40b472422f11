"""The store: SQLModel tables, the engine, queries (save in batches, a project's versions, each
project's latest, one assessment) and decisions (edits saved as versions).

The only code that touches SQL; imports the model, settings and analysis/, never importers or the app.
"""
