"""The `readiness` command line: parse, import, list, export, check, schema, report, edit, apply.

Start-up is kept short (`--help`, `parse` and `list`): the store, the importers and the meeting
documents are imported inside the commands that use them, and output goes through plain writes
rather than rich.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from sqlmodel import Session

    from readiness.importers import ParseResult
    from readiness.model import Assessment

from readiness.errors import InputError, StoreError

app = typer.Typer(help="Import, audit and export production-readiness assessments.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  rich_markup_mode=None)

IMPORTABLE = (".md", ".markdown", ".txt", ".yaml", ".yml")


class _Lines:
    """print-like output to a stream looked up at each call (so test runners can capture it)."""

    def __init__(self, stream: str) -> None:
        self.stream = stream

    def print(self, text: str = "", markup: bool = False) -> None:  # noqa: ARG002 - text is never markup
        stream = getattr(sys, self.stream)
        stream.write(f"{text}\n")
        stream.flush()


err = _Lines("stderr")
out = _Lines("stdout")


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"error: {message}", markup=False)
    return typer.Exit(code)


def _parse(path: Path, project: str | None = None) -> ParseResult:
    from readiness.importers.budget import parse_file_within_budget

    try:
        return parse_file_within_budget(path, project=project)
    except InputError as error:
        raise _fail(str(error)) from None


def _store_errors(command):
    """A command that uses the store: a store that cannot be used is one sentence and exit 1, no traceback."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        from sqlalchemy.exc import SQLAlchemyError

        from readiness.environment import database_url
        from readiness.store.engine import store_error

        try:
            return command(*args, **kwargs)
        except StoreError as error:
            raise _fail(str(error)) from None
        except SQLAlchemyError as error:
            raise _fail(str(store_error(error, database_url()))) from None

    return run


def _print_document(doc: Assessment, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(doc.model_dump_json(by_alias=True, indent=2) + "\n")
    else:
        from readiness.importers.yaml_importer import dump

        sys.stdout.write(dump(doc))


def _explain(result: ParseResult) -> None:
    doc = result.document
    out.print(f"{doc.source.file if doc.source else ''}: project {doc.project!r}", markup=False)
    for fact in result.facts:
        where = f"line {fact.line:>5}" if fact.line else "          "
        # Used facts read as sentences already ("category Security 3/10"); skipped ones say why.
        text = f"{fact.text}  [sure {fact.confidence:.1f}]" if fact.used else f"skipped {fact.text}"
        out.print(f"{where}  {text}", markup=False)
    if result.records:
        out.print("records (form, title -> the interpreter that took it, or why interpreters declined):", markup=False)
    for note in result.records:
        taken = f"-> {note.taken_by}" if note.taken_by else "-> not taken by an interpreter"
        declined = f"; declined by {'; '.join(note.declines)}" if note.declines else ""
        out.print(f"line {note.line:>5}  {note.form:7} {note.title!r} {taken}{declined}", markup=False)
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


@app.command("import")
@_store_errors
def import_(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders to import.")] = None,
    project: Annotated[str | None, typer.Option(help="Store under this project name.")] = None,
    history: Annotated[Path | None, typer.Option(
        "--history", metavar="REPO", help="Import every version of the assessments in this local git "
        "repository's history instead of files.")] = None,
    globs: Annotated[list[str] | None, typer.Option(
        "--path", metavar="GLOB", help="With --history: the files to read (matched against the path or "
        "the name; repeatable). Default: markdown whose name or first heading says readiness, go-live, "
        "launch, audit or scorecard, readiness/v1 YAML, and markdown with scores.")] = None,
    since: Annotated[dt.datetime | None, typer.Option(
        "--since", metavar="DATE", formats=["%Y-%m-%d"], help="With --history: only versions committed on or "
        "after DATE (YYYY-MM-DD).")] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", min=1, help="Parse in this many processes (default: one per core).")] = None,
) -> None:
    """Store assessments (files, or with --history every version in a git history): one line each, then a
    summary line; exits non-zero if any failed. Files are parsed in parallel and stored in batches, each
    file whole or not at all."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from readiness.bulk import import_files

    if history is not None:
        if paths:
            raise _fail("give either --history REPO or files, not both", 2)
        _import_history(history, globs=globs or [], project=project, since=since.date() if since else None)
        return
    if globs or since:
        raise _fail("--path and --since go with --history REPO", 2)
    files = _expand(paths or [])
    if not files:
        raise _fail("no importable files found (.md, .markdown, .txt, .yaml, .yml)")
    engine = _engine()
    counts = {"new": 0, "unchanged": 0, "failed": 0}
    with Progress(TextColumn("importing"), BarColumn(), MofNCompleteColumn(),
                  console=Console(stderr=True, highlight=False, soft_wrap=True),
                  transient=True, disable=len(files) < 4) as progress:
        task = progress.add_task("import", total=len(files))
        for outcome in import_files(engine, files, project=project, jobs=jobs,
                                    progress=lambda done: progress.update(task, completed=done)):
            if outcome.result is None:
                counts["failed"] += 1
                out.print(f"{outcome.path}: failed: {outcome.error}")
                continue
            result = outcome.result
            counts["new" if result.created else "unchanged"] += 1
            state = "new" if result.created else "unchanged (identical content already stored)"
            out.print(f"{outcome.path}: {state}: {result.project} v{result.version} (id {result.assessment_id})")
    engine.dispose()
    out.print(f"{len(files)} file{'s' if len(files) != 1 else ''}: {counts['new']} new, "
              f"{counts['unchanged']} unchanged, {counts['failed']} failed")
    if counts["failed"]:
        raise _fail(f"{counts['failed']} of {len(files)} files failed")


def _import_history(repository: Path, *, globs: list[str], project: str | None, since: dt.date | None) -> None:
    """Every version of the repository's assessments, oldest first: one line per version, then a summary."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from readiness.bulk import read_versions
    from readiness.errors import InputError
    from readiness.store.queries import import_many

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=Console(stderr=True, highlight=False, soft_wrap=True), transient=True) as progress:
        task = progress.add_task("reading commits", total=None)

        def advance(stage: str, done: int, total: int) -> None:
            progress.update(task, description=f"reading {stage}", completed=done, total=total)

        opened = functools.cache(_engine)  # the store is opened only when the walk found versions
        try:
            found, items = read_versions(repository, engine=opened, globs=globs, since=since, project=project,
                                         progress=advance)
        except InputError as error:
            raise _fail(str(error)) from None
        engine = opened() if found.versions else None
        fresh = [item for item in items if item.document is not None and not item.known]
        def storing(done: int, total: int) -> None:
            progress.update(task, description="storing", completed=done, total=total)

        stored = []
        if fresh:
            try:
                stored = import_many(engine=engine, docs=[item.document for item in fresh], progress=storing)
            except Exception as error:  # noqa: BLE001 - one transaction: the store refused it, nothing is stored
                raise _fail(f"{repository}: nothing stored; the store refused the batch "
                            f"({type(error).__name__}: {str(error).splitlines()[0]})") from None
    results = iter(stored)
    counts = {"new": 0, "already stored": 0, "skipped": 0, "failed": 0}
    for item in items:
        version = item.version
        where = f"{version.commit[:10]} {version.commit_date.date()} {version.path}"
        if item.known:
            counts["already stored"] += 1
            line = f"{where}: already stored (read by an earlier run)"
        elif item.document is None:
            counts["skipped"] += 1
            line = f"{where}: skipped: {item.skipped}"
        elif isinstance(result := next(results), str):
            counts["failed"] += 1
            line = f"{where}: failed: {result}"
        else:
            counts["new" if result.created else "already stored"] += 1
            state = "new" if result.created else "unchanged (identical content already stored)"
            line = f"{where}: {state}: {result.project} v{result.version} (id {result.assessment_id})"
        out.print(line, markup=False)
    out.print(_history_summary(found, items, counts, since=since, globs=globs), markup=False)
    if counts["failed"]:
        raise typer.Exit(1)


def _history_summary(found, items, counts: dict[str, int], *, since: dt.date | None, globs: list[str]) -> str:
    walked = f"{found.repository}: {found.commits} commit(s) read"
    if not found.commits:
        return f"{found.repository}: the repository has no commits; nothing imported"
    if not found.documents and globs:
        return f"{walked}; no file in its history matches --path {' '.join(globs)}; nothing imported"
    if not found.documents:
        return (f"{walked}; no readiness assessments found among the {found.looked_at} markdown/YAML file(s) "
                "in its history; nothing imported (choose files with --path GLOB)")
    after = f" committed on or after {since}" if since else ""
    if not items:
        return f"{walked}; {len(found.documents)} document(s), but no versions{after}; nothing imported"
    names = ", ".join(found.documents[:5]) + (f" and {len(found.documents) - 5} more" if len(found.documents) > 5
                                              else "")
    return (f"{walked}; {len(found.documents)} document(s) ({names}) with {len(items)} distinct version(s)"
            f"{after}: " + ", ".join(f"{n} {what}" for what, n in counts.items()))


@app.command("list")
@_store_errors
def list_(as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False) -> None:
    """List stored assessments."""
    from readiness.store.engine import make_engine
    from readiness.store.listing import list_rows

    # Read without opening the store fully (which imports SQLModel and the models): a list must start
    # fast. A store that cannot answer yet is opened fully, which creates or updates its tables.
    rows = list_rows(make_engine())
    if rows is None:
        rows = list_rows(_engine()) or []
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return
    if not rows:
        out.print("the store is empty; import a file with `readiness import FILE`")
    for row in rows:
        percent = row["overall_percent"]
        score = f"{percent:5.1f}%" if percent is not None else "   n/a"
        out.print(f"{row['id']:>5}  {row['project']}  v{row['version']}  {row['date'] or '-':10}  {score}  "
                  f"{row['title'] or ''}", markup=False)


@app.command()
@_store_errors
def export(
    assessment_id: Annotated[int, typer.Argument(metavar="ID", help="The id `readiness list` shows.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of YAML.")] = False,
    as_yaml: Annotated[bool, typer.Option("--yaml", help="Print YAML (the default).")] = False,
) -> None:
    """Print a stored assessment as readiness/v1 YAML (or JSON)."""
    from sqlmodel import Session

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
    from readiness.model import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


@app.command()
def check(
    file: Annotated[Path, typer.Argument(help="A markdown or readiness/v1 YAML file.")],
    min_score: Annotated[float, typer.Option("--min-score", help="Lowest acceptable overall score, in percent.")],
) -> None:
    """Exit non-zero when the overall score (in percent) is below --min-score: a release gate."""
    from readiness.analysis.scores import computed_overall

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


def _previous_version(session: Session, assessment_id: int) -> Assessment | None:
    from readiness.store.queries import previous_version

    earlier = previous_version(session=session, assessment_id=assessment_id)
    return _stored(session, earlier.id) if earlier else None


@app.command()
@_store_errors
def report(
    assessment_id: Annotated[int, typer.Argument(metavar="ID", help="The id `readiness list` shows.")],
    html_out: Annotated[Path, typer.Option("--html", help="Write the HTML hand-out to this file.")],
    compare_with: Annotated[int | None, typer.Option(
        "--compare-with", metavar="ID2", help="Compare ID against this earlier assessment instead.")] = None,
) -> None:
    """Write the meeting hand-out as one HTML file that opens offline; agenda against the previous version."""
    from sqlmodel import Session

    from readiness.meeting.report import assessment_report, comparison_report

    with Session(_engine()) as session:
        doc = _stored(session, assessment_id)
        if compare_with is not None:
            text = comparison_report(_stored(session, compare_with), doc)
        else:
            from readiness.store.decisions import decisions_for

            text = assessment_report(doc, previous=_previous_version(session, assessment_id),
                                     decisions=decisions_for(session=session, assessment_id=assessment_id))
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
    from sqlmodel import Session

    from readiness.meeting.export import tables_zip

    with Session(_engine()) as session:
        doc = _stored(session, assessment_id)
    try:
        zip_out.write_bytes(tables_zip(doc))
    except OSError as error:
        raise _fail(f"cannot write {zip_out}: {error.strerror}") from None
    out.print(f"wrote {zip_out}", markup=False)


# --- edit, apply, decisions: a new version with a note, from a script (the Edit page's work) ---------------

def _save_edit(assessment_id: int, change, note: str, author: str | None) -> None:
    """Apply `change(doc)` to a stored assessment and save the result as the project's next version."""
    from sqlmodel import Session
    from readiness.errors import InputError
    from readiness.analysis import edits
    from readiness.settings import get_settings
    from readiness.store.decisions import save_version

    if get_settings().read_only:
        raise _fail("this store is read-only (READINESS_READ_ONLY is set); nothing was changed")
    engine = _engine()
    with Session(engine) as session:
        before = _stored(session, assessment_id)
    try:
        after = change(before)
    except edits.EditRefused as refused:
        for problem in refused.problems:
            err.print(f"refused: {problem.field}: {problem.reason}", markup=False)
        raise _fail(f"nothing stored: {len(refused.problems)} field(s) refused") from None
    changes = edits.changes(before, after)
    try:
        result = save_version(engine=engine, doc=after, based_on_id=assessment_id, note=note, author=author,
                          changes=changes)
    except InputError as error:
        raise _fail(error.message) from None
    if not result.created:
        raise _fail(f"identical to {result.project} v{result.version} (id {result.assessment_id}), already stored; "
                    "nothing saved")
    out.print(f"saved {result.project} v{result.version} (id {result.assessment_id}): "
              f"{len(changes)} change(s)", markup=False)
    for item in changes:
        out.print(f"  {item.text()}", markup=False)


NOTE = typer.Option("--note", help="Why: the decision or correction, kept with the new version.")
AUTHOR = typer.Option("--author", help="Who made the change (free text).")


@app.command()
@_store_errors
def edit(
    assessment_id: Annotated[int, typer.Argument(metavar="ID", help="The id `readiness list` shows.")],
    sets: Annotated[list[str], typer.Option(
        "--set", metavar="PATH=VALUE",
        help="A field and its new value, such as 'risks[2].probability=0.3' (positions from 0; the value is "
             "read as YAML: null, true, 3, text). Repeat for several.")],
    note: Annotated[str, NOTE],
    author: Annotated[str | None, AUTHOR] = None,
) -> None:
    """Change fields of a stored assessment; saves a new version with the note (the old one stays)."""
    from readiness.analysis import edits

    try:
        assignments = [edits.parse_assignment(text) for text in sets]
    except edits.EditRefused as refused:
        raise _fail("; ".join(f"{p.field}: {p.reason}" for p in refused.problems), 2) from None
    _save_edit(assessment_id, lambda doc: edits.apply_sets(doc, assignments), note, author)


@app.command("apply")
@_store_errors
def apply_patch(
    assessment_id: Annotated[int, typer.Argument(metavar="ID", help="The id `readiness list` shows.")],
    patch_file: Annotated[Path, typer.Argument(metavar="PATCH.yaml", help=(
        "A YAML mapping of PATH: VALUE (as --set), or a list of JSON Patch operations (RFC 6902)."))],
    note: Annotated[str, NOTE],
    author: Annotated[str | None, AUTHOR] = None,
) -> None:
    """Apply a YAML patch to a stored assessment; saves a new version with the note."""
    import yaml

    from readiness.analysis import edits

    try:
        patch = yaml.safe_load(patch_file.read_text(encoding="utf-8"))
    except OSError as error:
        raise _fail(f"{patch_file}: cannot read the file ({error.strerror})") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        where = getattr(getattr(error, "problem_mark", None), "line", None)
        line = f":{where + 1}" if where is not None else ""
        raise _fail(f"{patch_file}{line}: not YAML; expected a mapping of PATH: VALUE or a list of "
                    "JSON Patch operations") from None
    _save_edit(assessment_id, lambda doc: edits.apply_patch(doc, patch), note, author)


@app.command()
@_store_errors
def decisions(
    assessment_id: Annotated[int, typer.Argument(metavar="ID", help="The id `readiness list` shows.")],
) -> None:
    """The decisions and corrections on a stored assessment's project, version by version."""
    from sqlmodel import Session
    from readiness.store.decisions import project_decisions

    with Session(_engine()) as session:
        doc = _stored(session, assessment_id)
        history = project_decisions(session=session, project=doc.project)
    if not history:
        out.print(f"{doc.project}: no decisions or corrections recorded", markup=False)
    for version, item in history:
        kind = "corrected on import" if item.kind == "correction" else "decision"
        out.print(f"v{version} {kind}: {item.headline()}", markup=False)
        for change in item.changes:
            out.print(f"    {change}", markup=False)


if __name__ == "__main__":
    app()
