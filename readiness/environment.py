"""The settings a short command reads first, without loading the settings machinery.

`readiness.settings` builds on pydantic-settings, whose import takes about 30 ms of a command's start (it loads
asyncio and dotenv). While READINESS_DATABASE_URL, READINESS_MAX_FILE_BYTES and READINESS_PARSE_SECONDS are
unset, their defaults here are what `get_settings()` would say (Settings takes them from here). Once one is
set, the URL is read as the settings read it, and a limit (under its documented upper-case name) is read and
validated by `get_settings()`.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"

DATABASE_URL = f"sqlite:///{DATA_DIR / 'readiness.db'}"
MAX_FILE_BYTES = 5 * 1024 * 1024
PARSE_SECONDS = 30.0


def database_url() -> str:
    """The store's URL (READINESS_DATABASE_URL), read as the settings read it: text as it is written, under
    a name in any case (where several are set, the last one, as there). Every command and the app must
    open the same store."""
    found = DATABASE_URL
    for name, value in os.environ.items():
        if name.lower() == "readiness_database_url":
            found = value
    return found


def max_file_bytes() -> int:
    """The largest file an import accepts (READINESS_MAX_FILE_BYTES)."""
    return _read("max_file_bytes", MAX_FILE_BYTES)


def parse_seconds() -> float:
    """The longest a file may take to read (READINESS_PARSE_SECONDS)."""
    return _read("parse_seconds", PARSE_SECONDS)


def _read(name: str, default: int | float) -> int | float:
    """The setting as get_settings() says, the settings loaded only once its variable is set."""
    if f"READINESS_{name.upper()}" not in os.environ:
        return default
    from readiness.settings import get_settings

    return getattr(get_settings(), name)
