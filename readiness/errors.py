"""Errors a user can read: they name the file, the line where known, and what was expected."""

from __future__ import annotations

from collections.abc import Iterable


def format_path(steps: Iterable[str | int]) -> str:
    """['risks', 2, 'probability'] -> `risks[2].probability`: where in a document a problem is."""
    text = ""
    for step in steps:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


class InputError(Exception):
    """Bad input: a file the importers cannot read or a document that breaks the format."""

    def __init__(self, file: str | None, message: str, *, line: int | None = None,
                 problems: list[str] | None = None) -> None:
        self.file = file or "<input>"
        self.line = line
        self.message = message
        self.problems = problems or []
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.message}"
        if self.problems:
            text += "; " + "; ".join(self.problems)
        return text


class StoreError(Exception):
    """The store cannot be used (read-only, missing, full, locked, server down): one sentence saying
    which store and what to do. Raised by readiness.store; the CLI and the app show it as it is."""

    def __init__(self, store: str, message: str) -> None:
        self.store = store
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"the store {self.store} {self.message}"
