"""The import page's work without Streamlit: understand uploaded files, rename projects, store many."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from readiness.errors import InputError, StoreError
from readiness.importers import parse_bytes
from readiness.importers.budget import BoundedParser
from readiness.model import Assessment
from readiness.store.queries import SaveResult, import_assessment

# Files the Import page reads in one go: each is parsed and previewed on the page, so a thousand
# would take minutes per rerun. Larger batches go through `readiness import FOLDER`.
MAX_FILES_PER_BATCH = 100


def batch_problem(count: int) -> str | None:
    """Why a batch of `count` uploaded files is refused, or None when it is accepted."""
    if count <= MAX_FILES_PER_BATCH:
        return None
    return (f"{count:,} files were dropped; the Import page reads at most {MAX_FILES_PER_BATCH} at a time. "
            f"Remove {count - MAX_FILES_PER_BATCH:,} of them (the x beside each file), or import the folder "
            "with `readiness import FOLDER`, which takes any number.")


@dataclass(frozen=True)
class Understood:
    """One uploaded file: the document read from it, or why it could not be read."""

    filename: str
    document: Assessment | None
    error: str | None


def understand(data: bytes, filename: str, parser: BoundedParser | None = None) -> Understood:
    """Parse one file (within the parser's time budget, when given); any failure becomes a message."""
    try:
        parse = parser.parse_bytes if parser is not None else parse_bytes
        return Understood(filename, parse(data, filename=filename).document, None)
    except InputError as error:
        return Understood(filename, None, str(error))
    except Exception as error:  # noqa: BLE001 - an importer bug must not take the page down
        return Understood(filename, None, f"{filename}: could not be read ({type(error).__name__}: {error})")


def section_counts(doc: Assessment) -> dict[str, int]:
    """How many of each part the document has, for the preview before storing."""
    return {
        "Categories": len(doc.categories), "Findings": len(doc.findings), "Risks": len(doc.risks),
        "Checklist items": len(doc.checklist), "Phases": len(doc.phases),
        "Tasks": sum(len(p.tasks) for p in doc.phases), "Cost items": len(doc.costs), "Actions": len(doc.actions),
        "Warnings": len(doc.source.warnings) if doc.source else 0,
    }


def overview_rows(files: list[Understood]) -> list[dict]:
    """One row per uploaded file: whether it was read, and the main counts."""
    rows = []
    for seen in files:
        doc = seen.document
        rows.append({
            "File": seen.filename, "Read": "yes" if doc else "NO",
            "Project": doc.project if doc else "", "Categories": len(doc.categories) if doc else 0,
            "Findings": len(doc.findings) if doc else 0, "Risks": len(doc.risks) if doc else 0,
            "Phases": len(doc.phases) if doc else 0,
            "Audit problems": sum(1 for c in doc.audit if not c.ok) if doc else 0,
            "Problem": seen.error or "",
        })
    return rows


def with_project(doc: Assessment, project: str) -> Assessment:
    """The document under another project name; a blank name is refused."""
    name = " ".join(project.split())
    if not name:
        raise InputError(doc.source.file if doc.source else None, "the project name is empty; type one")
    return doc.model_copy(update={"project": name})


@dataclass(frozen=True)
class Stored:
    """What storing one file did: a SaveResult, or an error in words."""

    filename: str
    result: SaveResult | None
    error: str | None

    @property
    def message(self) -> str:
        if self.error:
            return self.error
        r = self.result
        if r.created:
            return f"{self.filename}: stored as {r.project} v{r.version}"
        return f"{self.filename}: already stored as {r.project} v{r.version} (identical content)"


def store_all(engine: Engine, items: list[tuple[str, Assessment, str]],
              progress: Callable[[int, int, str], None] = lambda done, total, name: None, *,
              corrections: dict[str, list] | None = None, author: str | None = None) -> list[Stored]:
    """Store each (filename, document, project) in its own transaction; one failure does not stop the rest.

    A file with `corrections` (edits.Change, what was read -> what it became) is stored together with
    their record in the same transaction.
    """
    from readiness.store.decisions import save_version

    outcomes = []
    for index, (filename, doc, project) in enumerate(items):
        try:
            if changes := (corrections or {}).get(filename):
                result = save_version(engine=engine, doc=with_project(doc, project), based_on_id=None,
                                      note=f"corrected on import of {filename}", author=author, changes=changes,
                                      kind="correction")
            else:
                result = import_assessment(engine=engine, doc=with_project(doc, project))
            outcomes.append(Stored(filename, result, None))
        except (InputError, StoreError) as error:
            outcomes.append(Stored(filename, None, f"{filename}: not stored: {error}"
                                   if isinstance(error, StoreError) else str(error)))
        except (ValidationError, SQLAlchemyError) as error:
            outcomes.append(Stored(filename, None, f"{filename}: not stored ({type(error).__name__}: {error})"))
        progress(index + 1, len(items), filename)
    return outcomes
