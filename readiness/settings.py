"""One typed settings object, each default next to its help text; READINESS_* variables override."""

from __future__ import annotations

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
    parse_seconds: float = Field(
        default=30.0, gt=0,
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


def get_settings() -> Settings:
    """Settings read from the environment now (not cached: tests change the environment)."""
    return Settings()
