"""The database module: the store opened with its tables created or updated. Nothing connects at import time."""

from __future__ import annotations

from sqlalchemy import MetaData, Table, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.schema import CreateIndex, CreateTable
from sqlmodel import SQLModel

from readiness.settings import get_settings
from readiness.store import tables  # noqa: F401  (registers the tables on SQLModel.metadata)
# The engine and store errors live in engine.py (Core only); they are used from here as before.
from readiness.store.engine import BUSY_TIMEOUT_MS, make_engine, store_error, store_name


def create_tables(engine: Engine) -> None:
    """Create any missing tables, and bring existing ones up to this release: the nullable columns and
    indexes added since, and NULL allowed where a field has since become optional."""
    SQLModel.metadata.create_all(engine)
    _update_columns(engine)
    # create_all makes a table's indexes only with the table; a store from before an index was
    # added (or a table rebuilt to allow nulls) gets them here (a no-op when present).
    with engine.begin() as connection:
        for table in SQLModel.metadata.sorted_tables:
            for index in table.indexes:
                connection.execute(CreateIndex(index, if_not_exists=True))
    # A store from before project rows kept their newest assessment gets it once (a no-op after).
    from readiness.store.queries import refresh_latest

    with engine.begin() as connection:
        refresh_latest(connection=connection)


def _update_columns(engine: Engine) -> None:
    # A store written by an older release lacks the columns added since (all nullable, so that
    # adding them keeps every stored row valid), and may refuse NULL where a value has since become
    # optional (a risk's impact, a category's score: "not stated" is stored as NULL). create_all
    # never alters an existing table.
    present = inspect(engine)
    quote = engine.dialect.identifier_preparer.quote
    optional: list[tuple[Table, list[str]]] = []
    with engine.begin() as connection:
        for table in SQLModel.metadata.sorted_tables:
            stored = {column["name"]: column for column in present.get_columns(table.name)}
            loosen = []
            for column in table.columns:
                if column.name not in stored:
                    if column.nullable:
                        kind = column.type.compile(dialect=engine.dialect)
                        connection.exec_driver_sql(
                            f"ALTER TABLE {quote(table.name)} ADD COLUMN {quote(column.name)} {kind}")
                elif column.nullable and not column.primary_key and not stored[column.name]["nullable"]:
                    loosen.append(column.name)
            if loosen:
                optional.append((table, loosen))
    for table, names in optional:
        _allow_nulls(engine, table, names)


def _allow_nulls(engine: Engine, table: Table, names: list[str]) -> None:
    """Drop NOT NULL from these columns, every stored row kept."""
    quote = engine.dialect.identifier_preparer.quote
    if engine.dialect.name != "sqlite":
        with engine.begin() as connection:
            for name in names:
                connection.exec_driver_sql(f"ALTER TABLE {quote(table.name)} ALTER COLUMN {quote(name)} DROP NOT NULL")
        return
    # SQLite cannot alter a column: the table is made again as this release declares it and the rows
    # copied over, in one transaction (SQLite's documented procedure; foreign keys are off meanwhile,
    # which must be set outside a transaction, so the driver's connection is used directly).
    scratch = MetaData()
    for each in SQLModel.metadata.sorted_tables:
        each.to_metadata(scratch)
    rebuilt = table.to_metadata(scratch, name=f"_rebuild_{table.name}")
    create = str(CreateTable(rebuilt).compile(dialect=engine.dialect))
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        columns = [row[1] for row in cursor.execute(f"PRAGMA table_info({quote(table.name)})")]
        kept = ", ".join(quote(c.name) for c in table.columns if c.name in columns)
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.execute("BEGIN IMMEDIATE")
        try:
            cursor.execute(create)
            cursor.execute(f"INSERT INTO {quote(rebuilt.name)} ({kept}) SELECT {kept} FROM {quote(table.name)}")
            cursor.execute(f"DROP TABLE {quote(table.name)}")
            cursor.execute(f"ALTER TABLE {quote(rebuilt.name)} RENAME TO {quote(table.name)}")
            if cursor.execute("PRAGMA foreign_key_check").fetchall():
                raise SQLAlchemyError(f"rebuilding {table.name} would break a foreign key; nothing was changed")
            cursor.execute("COMMIT")
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        finally:
            cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        raw.close()


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
