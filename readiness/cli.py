"""The `readiness` command line: parse, import, list, export, check, schema."""

from __future__ import annotations

import functools
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from sqlmodel import Session

from readiness.errors import InputError, StoreError
from readiness.importers import ParseResult
from readiness.importers.budget import BoundedParser
from readiness.importers.yaml_importer import dump
from readiness.model import Assessment
from readiness.analysis.scores import computed_overall

app = typer.Typer(help="Import, audit and export production-readiness assessments.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

IMPORTABLE = (".md", ".markdown", ".txt", ".yaml", ".yml")


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"error: {message}", markup=False)
    return typer.Exit(code)


def _parse(path: Path, project: str | None = None) -> ParseResult:
    try:
        with BoundedParser() as parser:
            return parser.parse_file(path, project=project)
    except InputError as error:
        raise _fail(str(error)) from None


def _store_errors(command):
    """A command that uses the store: a store that cannot be used is one sentence and exit 1, no traceback."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        from sqlalchemy.exc import SQLAlchemyError

        from readiness.settings import get_settings
        from readiness.store.db import store_error

        try:
            return command(*args, **kwargs)
        except StoreError as error:
            raise _fail(str(error)) from None
        except SQLAlchemyError as error:
            raise _fail(str(store_error(error, get_settings().database_url))) from None

    return run


def _print_document(doc: Assessment, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(doc.model_dump_json(by_alias=True, indent=2) + "\n")
    else:
        sys.stdout.write(dump(doc))


def _explain(result: ParseResult) -> None:
    doc = result.document
    out.print(f"{doc.source.file if doc.source else ''}: project {doc.project!r}", markup=False)
    for fact in result.facts:
        where = f"line {fact.line:>5}" if fact.line else "          "
        # Used facts read as sentences already ("category Security 3/10"); skipped ones say why.
        text = fact.text if fact.used else f"skipped {fact.text}"
        out.print(f"{where}  {text}", markup=False)
    counts = ", ".join(f"{len(getattr(doc, name))} {name}" for name in
                       ("categories", "findings", "risks", "checklist", "phases", "costs", "actions"))
    out.print(f"understood: {counts}", markup=False)
    for warning in doc.source.warnings if doc.source else []:
        where = f"line {warning.line}: " if warning.line else ""
        out.print(f"warning: {where}{warning.message}", markup=False)
    for check in doc.audit:
        out.print(f"audit {'ok  ' if check.ok else 'FLAG'} {check.check}: {check.message}", markup=False)


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="A markdown or readiness/v1 YAML file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of YAML.")] = False,
    as_yaml: Annotated[bool, typer.Option("--yaml", help="Print YAML (the default).")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Say what was understood from which lines.")] = False,
    project: Annotated[str | None, typer.Option(help="Use this project name.")] = None,
) -> None:
    """Parse a file without storing it; print the readiness/v1 document with its audit and source."""
    if as_json and as_yaml:
        raise _fail("choose one of --json and --yaml", 2)
    result = _parse(file, project)
    if explain:
        _explain(result)
    else:
        _print_document(result.document, as_json)


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in IMPORTABLE))
        else:
            files.append(path)
    return files


def _engine():
    from readiness.store.db import open_store  # imported late: `parse` and `schema` need no database

    return open_store()


def _import_one(engine, parser: BoundedParser, path: Path, project: str | None) -> tuple[str, str]:
    """Import one file: ('new' | 'unchanged' | 'failed', the line to print). Never raises an Exception."""
    from readiness.store.queries import import_assessment

    try:
        doc = parser.parse_file(path, project=project).document
        result = import_assessment(engine=engine, doc=doc)
    except (InputError, StoreError) as error:
        return "failed", f"{path}: failed: {error}"
    except Exception as error:  # noqa: BLE001 - one file's failure, whatever it is, must not stop the batch
        return "failed", f"{path}: failed: {type(error).__name__}: {str(error).splitlines()[0][:200] if str(error) else ''}"
    if result.created:
        return "new", f"{path}: new: {result.project} v{result.version} (id {result.assessment_id})"
    return "unchanged", (f"{path}: unchanged (identical content already stored): {result.project} "
                         f"v{result.version} (id {result.assessment_id})")


@app.command("import")
@_store_errors
def import_(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to import.")],
    project: Annotated[str | None, typer.Option(help="Store under this project name.")] = None,
) -> None:
    """Store assessments: one line per file (new, unchanged, failed) and a count; exits 1 if any failed."""
    files = _expand(paths)
    if not files:
        raise _fail("no importable files found (.md, .markdown, .txt, .yaml, .yml)")
    engine = _engine()
    counts: Counter[str] = Counter()
    with BoundedParser() as parser, Progress(
            TextColumn("importing"), BarColumn(), MofNCompleteColumn(), console=err, transient=True,
            disable=len(files) < 4) as progress:
        task = progress.add_task("import", total=len(files))
        for path in files:
            state, line = _import_one(engine, parser, path, project)
            counts[state] += 1
            out.print(line, markup=False)
            progress.advance(task)
    out.print(f"{len(files)} file{'s' if len(files) != 1 else ''}: {counts['new']} new, "
              f"{counts['unchanged']} unchanged, {counts['failed']} failed", markup=False)
    if counts["failed"]:
        raise _fail(f"{counts['failed']} of {len(files)} files failed")


@app.command("list")
@_store_errors
def list_(as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False) -> None:
    """List stored assessments."""
    from readiness.store.queries import list_assessments

    with Session(_engine()) as session:
        summaries = list_assessments(session=session)
    if as_json:
        rows = [{"id": s.id, "project": s.project, "version": s.version, "title": s.title, "date": s.date,
                 "status": s.status, "overall_percent": s.overall_percent, "imported_at": s.imported_at,
                 "source_file": s.source_file} for s in summaries]
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return
    if not summaries:
        out.print("the store is empty; import a file with `readiness import FILE`")
    for s in summaries:
        score = f"{s.overall_percent:5.1f}%" if s.overall_percent is not None else "   n/a"
        out.print(f"{s.id:>5}  {s.project}  v{s.version}  {s.date or '-':10}  {score}  {s.title or ''}",
                  markup=False)


@app.command()
@_store_errors
def export(
    assessment_id: Annotated[int, typer.Argument(metavar="ID", help="The id `readiness list` shows.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of YAML.")] = False,
    as_yaml: Annotated[bool, typer.Option("--yaml", help="Print YAML (the default).")] = False,
) -> None:
    """Print a stored assessment as readiness/v1 YAML (or JSON)."""
    from readiness.store.queries import get_assessment

    if as_json and as_yaml:
        raise _fail("choose one of --json and --yaml", 2)
    with Session(_engine()) as session:
        try:
            doc = get_assessment(session=session, assessment_id=assessment_id)
        except LookupError as error:
            raise _fail(str(error)) from None
    _print_document(doc, as_json)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the readiness/v1 format."""
    sys.stdout.write(json.dumps(Assessment.model_json_schema(by_alias=True), indent=2) + "\n")


@app.command()
def check(
    file: Annotated[Path, typer.Argument(help="A markdown or readiness/v1 YAML file.")],
    min_score: Annotated[float, typer.Option("--min-score", help="Lowest acceptable overall score, in percent.")],
) -> None:
    """Exit non-zero when the overall score (in percent) is below --min-score: a release gate."""
    doc = _parse(file).document
    percent = doc.overall_percent
    how = "stated"
    if percent is None and doc.categories:
        percent, how = computed_overall(doc)
        how = f"computed from the categories ({how}; none stated)"
    if percent is None:
        raise _fail(f"{file}: no overall score and no category scores; cannot check", 2)
    verdict = "passes" if percent >= min_score else "is below"
    out.print(f"{file}: overall {percent:.1f}% ({how}) {verdict} the minimum {min_score:g}%", markup=False)
    if percent < min_score:
        raise typer.Exit(1)


@app.command("load-samples")
@_store_errors
def load_samples_command() -> None:
    """Import the bundled sample assessments (data/samples)."""
    from readiness.app.samples import load_samples

    stored, errors = load_samples(engine=_engine())
    for result in stored:
        out.print(f"{result.project} v{result.version}: {'new' if result.created else 'unchanged'}", markup=False)
    for error in errors:
        err.print(f"failed: {error}", markup=False)
    if errors:
        raise typer.Exit(1)


def _stored(session: Session, assessment_id: int) -> Assessment:
    from readiness.store.queries import get_assessment

    try:
        return get_assessment(session=session, assessment_id=assessment_id)
    except LookupError as error:
        raise _fail(str(error)) from None


def _previous_version(session: Session, doc: Assessment, assessment_id: int) -> Assessment | None:
    from readiness.store.queries import list_assessments

    ids = [s.id for s in list_assessments(session=session, project=doc.project)]
    at = ids.index(assessment_id) if assessment_id in ids else 0
    return _stored(session, ids[at - 1]) if at > 0 else None


@app.command()
@_store_errors
def report(
    assessment_id: Annotated[int, typer.Argument(metavar="ID", help="The id `readiness list` shows.")],
    html_out: Annotated[Path, typer.Option("--html", help="Write the HTML hand-out to this file.")],
    compare_with: Annotated[int | None, typer.Option(
        "--compare-with", metavar="ID2", help="Compare ID against this earlier assessment instead.")] = None,
) -> None:
    """Write the meeting hand-out as one HTML file that opens offline; agenda against the previous version."""
    from readiness.meeting.report import assessment_report, comparison_report

    with Session(_engine()) as session:
        doc = _stored(session, assessment_id)
        if compare_with is not None:
            text = comparison_report(_stored(session, compare_with), doc)
        else:
            text = assessment_report(doc, previous=_previous_version(session, doc, assessment_id))
    try:
        html_out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise _fail(f"cannot write {html_out}: {error.strerror}") from None
    out.print(f"wrote {html_out} ({len(text.encode()) // 1024} KiB)", markup=False)


@app.command("export-tables")
@_store_errors
def export_tables(
    assessment_id: Annotated[int, typer.Argument(metavar="ID", help="The id `readiness list` shows.")],
    zip_out: Annotated[Path, typer.Option("--zip", help="Write the zip of CSV files to this file.")],
) -> None:
    """Write a stored assessment's tables as CSV files in a zip, with the readiness/v1 YAML."""
    from readiness.meeting.export import tables_zip

    with Session(_engine()) as session:
        doc = _stored(session, assessment_id)
    try:
        zip_out.write_bytes(tables_zip(doc))
    except OSError as error:
        raise _fail(f"cannot write {zip_out}: {error.strerror}") from None
    out.print(f"wrote {zip_out}", markup=False)


if __name__ == "__main__":
    app()
