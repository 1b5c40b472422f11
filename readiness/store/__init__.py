"""The store: SQLModel tables, the engine, queries (save, list, get, versions) and decisions (edits saved as versions).

The only code that touches SQL; imports the model, settings and analysis/, never importers or the app.
"""
