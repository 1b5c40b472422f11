"""The list of stored assessments for the command line, read with SQLAlchemy Core alone.

`readiness list` should answer in a fraction of a second, and importing SQLModel, the tables and the
pydantic models costs more than that. A list needs none of them: this statement names the columns
it reads (tests/test_store.py checks them against store/tables.py), and `list_rows` returns None where
the store cannot answer it yet (no tables, or a store from an older release), for the caller to open
the store fully, which creates or updates the tables, and ask again.
"""

from __future__ import annotations

from sqlalchemy import String, cast, column, func, literal_column, select, table
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

PROJECT = table("project", column("id"), column("name"))
ASSESSMENT = table("assessment", *(column(name) for name in (
    "id", "project_id", "version", "title", "date", "status", "overall_percent", "imported_at", "source_file")))

# What `readiness list` shows of each assessment, in this order.
LIST_FIELDS = ("id", "project", "version", "title", "date", "status", "overall_percent", "imported_at",
               "source_file")

_LIST = (select(ASSESSMENT.c.id, PROJECT.c.name.label("project"), ASSESSMENT.c.version, ASSESSMENT.c.title,
                ASSESSMENT.c.date, ASSESSMENT.c.status, ASSESSMENT.c.overall_percent,
                cast(ASSESSMENT.c.imported_at, String).label("imported_at"), ASSESSMENT.c.source_file)
         .join_from(ASSESSMENT, PROJECT, ASSESSMENT.c.project_id == PROJECT.c.id)
         # By project, then oldest to newest (the order of store.queries.list_assessments).
         .order_by(PROJECT.c.name, func.coalesce(ASSESSMENT.c.date, literal_column("''")), ASSESSMENT.c.version))


def stored_timestamp(stored: object) -> str:
    """An import time as ISO text to the second: SQLite keeps "2025-09-15 10:00:00.123456",
    PostgreSQL's driver hands over a datetime."""
    if isinstance(stored, str):
        return stored[:19].replace(" ", "T")
    return stored.isoformat(timespec="seconds")


def list_rows(engine: Engine) -> list[dict] | None:
    """Every stored assessment's LIST_FIELDS, by project and then oldest first; None when the store has
    no such tables or columns yet."""
    try:
        with engine.connect() as connection:
            rows = connection.execute(_LIST).all()
    except (OperationalError, ProgrammingError) as error:
        if _missing_schema(error):
            return None
        raise
    return [{**row._asdict(), "imported_at": stored_timestamp(row.imported_at)} for row in rows]


def _missing_schema(error: Exception) -> bool:
    text = str(getattr(error, "orig", None) or error).lower()
    # SQLite: "no such table" / "no such column"; PostgreSQL: 'relation ... does not exist', 'column ... does not exist'.
    return "no such table" in text or "no such column" in text or "does not exist" in text
