"""One typed settings object, each default next to its help text; READINESS_* variables override."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="READINESS_", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{DATA_DIR / 'readiness.db'}",
        description="SQLAlchemy URL of the store: a SQLite file by default, "
        "postgresql+psycopg://user:pass@host/db for a team.",
    )
    max_file_bytes: int = Field(
        default=5 * 1024 * 1024,
        description="Largest file an import accepts, in bytes; larger files are refused unread.",
    )
    samples_dir: Path = Field(
        default=DATA_DIR / "samples",
        description="Assessments loaded into an empty store on the app's first start.",
    )
    load_samples: bool = Field(
        default=True,
        description="Whether the app fills an empty store with the samples on first start.",
    )


def get_settings() -> Settings:
    """Settings as the environment says now: read again whenever a READINESS_* variable changed
    (tests change them), otherwise the same object (reading costs ~3 ms; an import asks per file)."""
    variables = sorted((name, value) for name, value in os.environ.items() if name.upper().startswith("READINESS_"))
    return _settings_for(tuple(variables))


@functools.lru_cache(maxsize=8)
def _settings_for(_environment: tuple[tuple[str, str], ...]) -> Settings:
    return Settings()
