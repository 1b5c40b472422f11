"""The database module: the store opened with its tables created or updated. Nothing connects at import time."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.schema import CreateIndex
from sqlmodel import SQLModel

from readiness.settings import get_settings
from readiness.store import tables  # noqa: F401  (registers the tables on SQLModel.metadata)
# The engine and store errors live in engine.py (Core only); they are used from here as before.
from readiness.store.engine import BUSY_TIMEOUT_MS, make_engine, store_error, store_name


def create_tables(engine: Engine) -> None:
    """Create any missing tables, and the nullable columns and indexes a newer release added to existing ones."""
    SQLModel.metadata.create_all(engine)
    _add_missing_columns(engine)
    # create_all makes a table's indexes only with the table; a store from before an index was
    # added gets it here (a no-op when present).
    with engine.begin() as connection:
        for table in SQLModel.metadata.sorted_tables:
            for index in table.indexes:
                connection.execute(CreateIndex(index, if_not_exists=True))


def _add_missing_columns(engine: Engine) -> None:
    # A store written by an older release lacks the columns added since (all nullable, so that
    # adding them keeps every stored row valid); create_all never alters an existing table.
    present = inspect(engine)
    quote = engine.dialect.identifier_preparer.quote
    with engine.begin() as connection:
        for table in SQLModel.metadata.sorted_tables:
            have = {column["name"] for column in present.get_columns(table.name)}
            for column in table.columns:
                if column.name in have or not column.nullable:
                    continue
                kind = column.type.compile(dialect=engine.dialect)
                connection.exec_driver_sql(f"ALTER TABLE {quote(table.name)} ADD COLUMN {quote(column.name)} {kind}")


def open_store(url: str | None = None) -> Engine:
    """An engine with its tables created: what the app and the CLI start from.

    Raises StoreError (one sentence naming the store and what to do) when it cannot be used.
    """
    url = url or get_settings().database_url
    try:
        engine = make_engine(url)
        create_tables(engine)
    except (SQLAlchemyError, OSError) as error:
        raise store_error(error, url) from error
    return engine


__all__ = ["BUSY_TIMEOUT_MS", "create_tables", "make_engine", "open_store", "store_error", "store_name"]
