"""The database module: URL from settings, engine, tables. Nothing connects at import time."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.schema import CreateIndex
from sqlmodel import SQLModel, create_engine

from readiness.store import tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from readiness.settings import get_settings

BUSY_TIMEOUT_MS = 30_000


def make_engine(url: str | None = None) -> Engine:
    """An engine for the URL (default: READINESS_DATABASE_URL or the SQLite file under data/)."""
    url = url or get_settings().database_url
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False,
                                              "timeout": BUSY_TIMEOUT_MS / 1000})
    _tune_sqlite(engine)
    return engine


def _tune_sqlite(engine: Engine) -> None:
    # pysqlite's implicit transactions start late and cannot be told to take the write lock
    # early; we issue BEGIN ourselves (SQLAlchemy's documented recipe) so that an import can
    # BEGIN IMMEDIATE and two writers queue on the busy timeout instead of failing.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        immediate = connection.get_execution_options().get("sqlite_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


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
    """An engine with its tables created: what the app and the CLI start from."""
    engine = make_engine(url)
    create_tables(engine)
    return engine
