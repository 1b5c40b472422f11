"""The bundled sample assessments, loaded into an empty store so nobody starts at an empty screen."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from readiness.errors import InputError
from readiness.importers import parse_file
from readiness.settings import get_settings
from readiness.store.queries import SaveResult, count_assessments, import_assessment

SAMPLE_SUFFIXES = (".yaml", ".yml", ".md", ".markdown", ".txt")


def sample_files(directory: Path | None = None) -> list[Path]:
    """The sample files, in name order (older versions first by naming convention)."""
    directory = directory or get_settings().samples_dir
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix.lower() in SAMPLE_SUFFIXES)


def load_samples(*, engine: Engine, directory: Path | None = None) -> tuple[list[SaveResult], list[str]]:
    """Import every sample; returns what was stored and the errors of files that failed."""
    stored, errors = [], []
    for path in sample_files(directory):
        try:
            stored.append(import_assessment(engine=engine, doc=parse_file(path).document))
        except InputError as error:
            errors.append(str(error))
    return stored, errors


def load_samples_if_empty(*, engine: Engine, directory: Path | None = None) -> list[SaveResult]:
    """On first start (an empty store), import the samples; otherwise do nothing."""
    with Session(engine) as session:
        if count_assessments(session=session):
            return []
    stored, _errors = load_samples(engine=engine, directory=directory)
    return stored
