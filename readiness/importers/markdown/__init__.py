"""Markdown importer (placeholder until the markdown importer lands)."""

from __future__ import annotations

from readiness.errors import InputError
from readiness.importers import ParseResult

MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")


class MarkdownImporter:
    name = "markdown"

    def accepts(self, filename: str, text: str) -> bool:
        return filename.lower().endswith(MARKDOWN_SUFFIXES)

    def parse(self, text: str, *, filename: str) -> ParseResult:
        raise InputError(filename, "markdown import is not supported yet; write the assessment "
                         "in readiness/v1 YAML (see docs/format.md)")
