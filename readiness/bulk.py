"""Importing many files at once: parsed in a process pool, stored in batched transactions.

Each file is read, parsed and turned into rows (`store.queries.prepare`) in a worker process, so
parsing uses every core; the main process stores the rows in batches, one transaction per batch
and a SAVEPOINT per file (`store.queries.import_batch`). Any exception for one file, while parsing
or storing, makes that file "failed" with its reason and the others go on. A file is reported as
stored only once its batch is committed, so an interrupted import leaves whole assessments or none.

Imports the importers and the store (it joins the two, like the CLI); never streamlit.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

from readiness.errors import InputError
from readiness.importers.budget import parse_file_within_budget
from readiness.store.queries import Prepared, SaveResult, import_batch, prepare

if TYPE_CHECKING:  # the git reader is imported only when a history is read
    from readiness.importers.history import History, HistoryItem

BATCH_SIZE = 100  # files per transaction: few fsyncs, little lost work when a batch must be retried
SEQUENTIAL_BELOW = 8  # fewer files than this are parsed in this process: starting workers costs more


@dataclass(frozen=True)
class FileOutcome:
    """What importing one file did: a SaveResult, or why it failed (a sentence naming the file)."""

    path: Path
    result: SaveResult | None
    error: str | None


def prepare_file(path: Path, project: str | None = None) -> tuple[Prepared | None, str | None]:
    """Parse one file into rows to store, or say why it could not be; never raises, never runs unbounded."""
    try:
        return prepare(parse_file_within_budget(path, project=project).document), None
    except InputError as error:
        return None, str(error)
    except Exception as error:  # noqa: BLE001 - an importer bug fails this file, not the batch
        return None, f"{path}: could not be read ({type(error).__name__}: {error})"


def _prepare_args(args: tuple[Path, str | None]) -> tuple[Prepared | None, str | None]:
    return prepare_file(*args)


def _start_worker(parent: int, engine: Engine | None = None) -> None:
    if engine is not None:
        # A forked worker inherits the parent's pooled connections; it must never use or close them.
        engine.dispose(close=False)

    def leave_with_the_parent() -> None:
        # Workers wait on a queue the parent feeds: were the parent killed half-way, they would
        # wait for ever. They leave as soon as they are orphaned.
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=leave_with_the_parent, daemon=True).start()


def _pool(jobs: int, engine: Engine) -> ProcessPoolExecutor:
    if "fork" in multiprocessing.get_all_start_methods():
        # Forked workers start at once with the importers already loaded.
        return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_start_worker, initargs=(os.getpid(), engine))
    return ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(os.getpid(),))


def _prepared(files: list[Path], project: str | None, jobs: int,
              engine: Engine) -> Iterator[tuple[Prepared | None, str | None]]:
    """Each file's rows (or error), in the order given, parsed by `jobs` processes."""
    if jobs <= 1 or len(files) < SEQUENTIAL_BELOW:
        for path in files:
            yield prepare_file(path, project)
        return
    done = 0
    try:
        with _pool(jobs, engine) as pool:
            for outcome in pool.map(_prepare_args, [(path, project) for path in files], chunksize=4):
                yield outcome
                done += 1
    except BrokenProcessPool:
        # A worker died (killed, out of memory): the files not yet seen are parsed here instead.
        for path in files[done:]:
            yield prepare_file(path, project)


def _store(engine: Engine, batch: list[tuple[Path, Prepared]]) -> list[FileOutcome]:
    try:
        results = import_batch(engine=engine, items=[prepared for _path, prepared in batch])
    except Exception as error:  # noqa: BLE001 - the store refused the whole batch: each file says why
        results = [error] * len(batch)
    return [FileOutcome(path, result, None) if isinstance(result, SaveResult)
            else FileOutcome(path, None, f"{path}: not stored ({type(result).__name__}: {result})")
            for (path, _prepared), result in zip(batch, results)]


def read_versions(repository: str | Path, *, engine: Callable[[], Engine], globs: Sequence[str] = (),
                  since: dt.date | None = None, project: str | None = None,
                  progress: Callable[[str, int, int], None] | None = None) -> tuple[History, list[HistoryItem]]:
    """Every version of a repository's assessments, read as it would be stored; the versions an earlier run
    stored are marked known (the store, `engine()`, is asked only when the walk found versions). What the
    command line and the Import page preview and store. An InputError when it is no repository."""
    from sqlmodel import Session

    from readiness.importers.history import parse_history, read_history
    from readiness.store.queries import stored_commits

    found = read_history(repository, globs=globs, since=since, progress=progress)
    known: set[tuple[str, str]] = set()
    if found.versions:
        with Session(engine()) as session:
            known = stored_commits(session=session)
    return found, parse_history(found, project=project, known=known, progress=progress)


def import_files(engine: Engine, files: Iterable[Path], *, project: str | None = None, jobs: int | None = None,
                 batch_size: int = BATCH_SIZE, progress: Callable[[int], None] = lambda done: None,
                 ) -> Iterator[FileOutcome]:
    """Import files, yielding one outcome per file in the order given, each once it is committed."""
    files = list(files)
    jobs = jobs or os.cpu_count() or 1
    batch: list[tuple[Path, Prepared]] = []
    pending: list[FileOutcome | None] = []  # outcomes in file order; None = in the open batch

    def flush() -> Iterator[FileOutcome]:
        stored = iter(_store(engine, batch)) if batch else iter(())
        for outcome in pending:
            yield outcome if outcome is not None else next(stored)
        batch.clear()
        pending.clear()

    for count, (path, (prepared, error)) in enumerate(zip(files, _prepared(files, project, jobs, engine)), 1):
        if prepared is None:
            pending.append(FileOutcome(path, None, error))
        else:
            batch.append((path, prepared))
            pending.append(None)
        if len(batch) >= batch_size:
            yield from flush()
        progress(count)
    yield from flush()
