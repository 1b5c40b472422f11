"""The two settings read for every file an import reads, without loading the settings machinery.

`readiness.settings` builds on pydantic-settings, whose import takes about 30 ms of a command's start (it loads
asyncio and dotenv). While READINESS_MAX_FILE_BYTES and READINESS_PARSE_SECONDS are unset, their defaults
here are what `get_settings()` would say (Settings takes them from here); once one is set, `get_settings()`
reads and validates it.
"""

from __future__ import annotations

import os

MAX_FILE_BYTES = 5 * 1024 * 1024
PARSE_SECONDS = 30.0


def max_file_bytes() -> int:
    """The largest file an import accepts (READINESS_MAX_FILE_BYTES)."""
    if "READINESS_MAX_FILE_BYTES" not in os.environ:
        return MAX_FILE_BYTES
    from readiness.settings import get_settings

    return get_settings().max_file_bytes


def parse_seconds() -> float:
    """The longest a file may take to read (READINESS_PARSE_SECONDS)."""
    if "READINESS_PARSE_SECONDS" not in os.environ:
        return PARSE_SECONDS
    from readiness.settings import get_settings

    return get_settings().parse_seconds
