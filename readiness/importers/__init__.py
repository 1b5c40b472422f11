"""Importers turn a file's bytes into a readiness/v1 Assessment, chosen by file type or by sniffing.

Each importer is a small object with the same signature, asked in order (YAML, then markdown): the
first whose `accepts` says yes reads the file. The result carries the audit and the source already filled.
Importers may import the model, errors, environment, settings and analysis/; never streamlit, sqlmodel or the store.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from readiness.analysis.audit import audit_claims
from readiness.environment import max_file_bytes
from readiness.errors import InputError
from readiness.model import Assessment, Source, Warning


@dataclass
class Fact:
    """One thing an importer understood (or skipped), for `readiness parse --explain`."""

    line: int | None
    kind: str
    text: str
    used: bool = True
    confidence: float = 0.8  # 0.9 stated under its own label or column, 0.7 inferred from headings, 0.5 weak cue


@dataclass
class RecordNote:
    """One record of a markdown document: its form, which interpreter took it, and why others declined."""

    line: int
    form: str
    title: str
    taken_by: str | None
    declines: list[str] = field(default_factory=list)


@dataclass
class ParseResult:
    """A parsed document and how it was understood."""

    document: Assessment
    facts: list[Fact] = field(default_factory=list)
    records: list[RecordNote] = field(default_factory=list)
    # What the importer doubted: parse_bytes puts them on the document's source.
    warnings: list[Warning] = field(default_factory=list)


class Importer(Protocol):
    name: str

    def accepts(self, filename: str, text: str) -> bool: ...

    def parse(self, text: str, *, filename: str) -> ParseResult: ...


# A YAML document says what it is on its first lines, after blank, comment and "---" lines (one line per
# step: a space run that may also take newlines splits a run of blank lines in exponentially many ways).
_YAML_SNIFF = re.compile(r"^(?:[^\S\n]*(?:#[^\n]*)?\n|---[^\S\n]*\n)*schema:\s*['\"]?readiness/v1\b")


def looks_like_yaml(filename: str, text: str) -> bool:
    """A .yaml or .yml file, or any text that starts as a readiness/v1 YAML document."""
    # The sniff needs "schema:" somewhere: a text without it (most markdown) is not run through the pattern.
    return filename.lower().endswith((".yaml", ".yml")) or ("schema:" in text and bool(_YAML_SNIFF.match(text)))


def _importer_for(filename: str, text: str) -> Importer | None:
    """The importer that reads this file, asked in order (YAML, then markdown), its module imported only
    then: a markdown file never loads the YAML reader, nor a YAML file the markdown one."""
    if looks_like_yaml(filename, text):
        from readiness.importers.yaml_importer import YamlImporter

        return YamlImporter()
    from readiness.importers.markdown import MarkdownImporter

    importer = MarkdownImporter()
    return importer if importer.accepts(filename, text) else None


def decode(data: bytes, *, filename: str) -> str:
    """Bytes to text: UTF-8 (BOM dropped), else Windows-1252; binary is refused."""
    if not data or data.isspace():  # as data.strip() would say, without a copy of the file
        raise InputError(filename, "the file is empty; expected a readiness assessment (markdown or YAML)")
    if data.find(b"\x00", 0, 8192) != -1:
        raise InputError(filename, "the file is binary; expected a text document (markdown or YAML)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise InputError(filename, f"not UTF-8 or Windows-1252 text (byte {error.start}); "
                             "expected a text document") from None
    # Normalise CRLF and lone CR so that line numbers match what an editor shows.
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def parse_bytes(data: bytes, *, filename: str, project: str | None = None) -> ParseResult:
    """Parse a file's bytes with the first importer that accepts it; fill audit and source."""
    limit = max_file_bytes()
    if len(data) > limit:
        raise InputError(filename, f"the file is {len(data):,} bytes; the limit is {limit:,} "
                         "(READINESS_MAX_FILE_BYTES)")
    text = decode(data, filename=filename)
    importer = _importer_for(filename, text)
    if importer is None:
        raise InputError(filename, "unknown file type; expected .md, .markdown, .txt, .yaml or .yml "
                         "(or a YAML document starting with 'schema: readiness/v1')")
    result = importer.parse(text, filename=filename)
    document = result.document
    if project:
        document = document.model_copy(update={"project": project})
    warnings = result.warnings
    # Validated as ReadFacts by Source itself, in one call (a ReadFact made one at a time costs more).
    read = [{"kind": f.kind, "line": f.line, "text": f.text, "confidence": f.confidence}
            for f in result.facts if f.used and f.kind != "skipped"]
    # The importer's document is this call's own: filled in place (a copy costs four times as much).
    document.audit = audit_claims(document)
    document.source = Source(file=os.path.basename(filename), sha256=hashlib.sha256(data).hexdigest(),
                             importer=importer.name, warnings=list(warnings), facts=read)
    return ParseResult(document=document, facts=result.facts, records=result.records, warnings=list(warnings))


def read_file(path: str | Path) -> bytes:
    """A file's bytes, its size checked against READINESS_MAX_FILE_BYTES before reading."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InputError(str(path), f"cannot read the file ({error.strerror})") from None
    limit = max_file_bytes()
    if size > limit:
        raise InputError(str(path), f"the file is {size:,} bytes; the limit is {limit:,} "
                         "(READINESS_MAX_FILE_BYTES)")
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(str(path), f"cannot read the file ({error.strerror})") from None


def parse_file(path: str | Path, *, project: str | None = None) -> ParseResult:
    """Read and parse one file from disk."""
    return parse_bytes(read_file(path), filename=str(path), project=project)


__all__ = ["Fact", "InputError", "ParseResult", "Warning", "decode", "parse_bytes", "parse_file", "read_file"]
