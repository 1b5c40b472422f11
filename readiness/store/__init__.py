"""The store: SQLModel tables, the engine, and queries (save, list, get, versions).

The only code that touches SQL; imports the model, settings and analysis/, never importers or the app.
"""
