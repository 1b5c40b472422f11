"""One typed settings object, each default next to its help text; READINESS_* variables override."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from readiness.environment import DATA_DIR, DATABASE_URL, MAX_FILE_BYTES, PARSE_SECONDS


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="READINESS_", extra="ignore")

    database_url: str = Field(
        default=DATABASE_URL,
        description="SQLAlchemy URL of the store: a SQLite file by default, "
        "postgresql+psycopg://user:pass@host/db for a team.",
    )
    max_file_bytes: int = Field(
        default=MAX_FILE_BYTES,
        description="Largest file an import accepts, in bytes; larger files are refused unread.",
    )
    parse_seconds: float = Field(
        default=PARSE_SECONDS, gt=0,
        description="Longest a file may take to read; a file that takes longer is stopped and reported.",
    )
    samples_dir: Path = Field(
        default=DATA_DIR / "samples",
        description="Assessments loaded into an empty store on the app's first start.",
    )
    load_samples: bool = Field(
        default=True,
        description="Whether the app fills an empty store with the samples on first start.",
    )
    repository_import: bool = Field(
        default=True,
        description="Whether the app's Import page reads git repositories on the server's disk; turn it off "
        "on a shared server. Always off when the store is not SQLite (a team database).",
    )

    @property
    def repository_import_off(self) -> str | None:
        """Why the app may not read repositories on the server's disk, or None when it may."""
        if not self.repository_import:
            return "reading repositories on the server's disk is turned off (READINESS_REPOSITORY_IMPORT)"
        if not self.database_url.startswith("sqlite"):
            return "reading repositories on the server's disk is off while the store is a team database"
        return None

    read_only: bool = Field(
        default=False,
        description="A wall display or public link: no Import page, no editors, no what-if; saving is refused.",
    )
    editors: str = Field(
        default="",
        description="Where Streamlit's login is configured (.streamlit/secrets.toml [auth]): the e-mail "
        "addresses (or names) of the people who may import and edit, comma-separated.",
    )

    def editor_list(self) -> list[str]:
        """READINESS_EDITORS as a list, case-folded, blanks dropped."""
        return [name.strip().casefold() for name in self.editors.split(",") if name.strip()]


def get_settings() -> Settings:
    """Settings as the environment says now: read again whenever a READINESS_* variable changed
    (tests change them), otherwise the same object (reading costs ~3 ms; an import asks per file).
    Changes are watched under the documented upper-case names, looked up one by one (cheaper than
    walking the whole environment on every call)."""
    return _settings_for(tuple(os.environ.get(name) for name in _VARIABLES))


_VARIABLES = tuple(f"READINESS_{name.upper()}" for name in Settings.model_fields)


@functools.lru_cache(maxsize=8)
def _settings_for(_environment: tuple[str | None, ...]) -> Settings:
    return Settings()
