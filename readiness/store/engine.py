"""The engine alone: a URL to a tuned SQLAlchemy engine, and store failures as one sentence.

SQLAlchemy Core only (no SQLModel, no tables, no models), so that a short command such as
`readiness list` can open the store without paying for importing them.
"""

from __future__ import annotations

import errno
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url

from readiness.errors import StoreError
from readiness.environment import database_url

BUSY_TIMEOUT_MS = 30_000
_SETTING = "READINESS_DATABASE_URL"


def store_name(url: str | URL) -> str:
    """The store as a user knows it: the SQLite file's path, or the server URL without its password."""
    parsed = make_url(url) if isinstance(url, str) else url
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_path(parsed.database) or ":memory:"
    return parsed.render_as_string(hide_password=True)


def _sqlite_path(database: str | None) -> str | None:
    # A URI filename ("file:/data/x.db?mode=ro", with ?uri=true) names the same file.
    if database and database.startswith("file:"):
        return database.removeprefix("file:").split("?", 1)[0]
    return database


def _parent_file(path: Path) -> Path | None:
    for parent in path.parents:
        if parent.exists():
            return parent if not parent.is_dir() else None
    return None


def store_error(error: BaseException, url: str | URL) -> StoreError:
    """A database or file-system failure as one sentence naming the store and what to do."""
    name = store_name(url)
    parsed = make_url(url) if isinstance(url, str) else url
    sqlite = parsed.get_backend_name() == "sqlite"
    text = " ".join(str(getattr(error, "orig", None) or error).split()).lower()
    code = getattr(error, "errno", None)
    elsewhere = f"set {_SETTING} to a writable place"
    if isinstance(error, StoreError):
        return error
    if code == errno.ENOSPC or "disk is full" in text or "no space left" in text:
        return StoreError(name, "cannot grow: the disk is full; free some space (nothing was stored "
                          "from the file that hit it) and import again")
    if "readonly" in text or "read-only" in text or code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return StoreError(name, f"is read-only here; allow writing to the file and its folder, or {elsewhere} "
                          "(reading still works)")
    if "locked" in text or "busy" in text:
        return StoreError(name, f"stayed locked by another program for more than {BUSY_TIMEOUT_MS / 1000:g} s; "
                          "close the other writer (or wait for it) and import again")
    if sqlite and (code in (errno.ENOTDIR, errno.EEXIST) or "unable to open" in text):
        path = Path(_sqlite_path(parsed.database) or ".")
        blocking = _parent_file(path)
        if blocking is not None:
            return StoreError(name, f"cannot be created: {blocking} is a file, not a folder; {elsewhere}")
        if not path.parent.is_dir():
            return StoreError(name, f"cannot be opened: its folder {path.parent} does not exist; create it or "
                              f"{elsewhere}")
        return StoreError(name, f"cannot be opened; check that the folder exists and is writable, or {elsewhere}")
    if not sqlite and ("password" in text or "authentication" in text or "does not exist" in text):
        return StoreError(name, f"refused the login or has no such database; fix {_SETTING}")
    if not sqlite and ("resolve host" in text or "translate host" in text):
        return StoreError(name, f"cannot be reached: its host name is unknown; fix {_SETTING}")
    if not sqlite and ("connect" in text or "server closed" in text or "terminating connection" in text):
        return StoreError(name, "cannot be reached: the PostgreSQL server is down or refuses the connection; "
                          f"start it or fix {_SETTING}")
    first = str(getattr(error, "orig", None) or error).strip().splitlines()[0] if str(error).strip() else ""
    return StoreError(name, f"failed ({type(error).__name__}: {first[:200]}); check {_SETTING}")


def make_engine(url: str | None = None) -> Engine:
    """An engine for the URL (default: READINESS_DATABASE_URL or the SQLite file under data/)."""
    url = url or database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
        try:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise store_error(error, url) from error
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
