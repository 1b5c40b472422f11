"""A hard time budget per file: parsing runs in a worker process, which is stopped when it overruns.

The importers are written to run in linear time (see tests/test_hostile.py), but a budget that holds
whatever the input does cannot rely on that: a regular expression or a library call cannot be
interrupted inside the process running it. So `BoundedParser` hands each file to a worker process
and waits at most READINESS_PARSE_SECONDS for the answer; a worker that overruns is killed (and a
fresh one started for the next file), and the file fails with an InputError naming it.

One worker serves many files: a batch of 1,000 pays for one start, not 1,000.
"""

from __future__ import annotations

import multiprocessing
import threading
from multiprocessing.connection import Connection
from pathlib import Path

from readiness.errors import InputError
from readiness.importers import ParseResult, parse_bytes
from readiness.settings import get_settings

# Modules the worker needs, imported once in the fork server rather than in every worker.
_PRELOAD = ["readiness.importers.budget", "readiness.importers.markdown", "readiness.importers.yaml_importer"]


def _context() -> multiprocessing.context.BaseContext:
    # forkserver: workers fork from a clean single-threaded server, never from the Streamlit server
    # with its threads (forking those can deadlock); spawn where there is no forkserver.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def _serve(connection: Connection) -> None:
    """The worker's loop: parse what arrives, answer with the result or the error's parts."""
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        if request is None:
            return
        data, filename, project = request
        try:
            answer = ("ok", parse_bytes(data, filename=filename, project=project))
        except InputError as error:
            answer = ("input", (error.file, error.message, error.line, error.problems))
        except BaseException as error:  # noqa: BLE001 - any failure becomes that file's reason
            answer = ("crash", (type(error).__name__, str(error)[:300]))
        connection.send(answer)


class BoundedParser:
    """Parses files within a time budget each, in a worker process; use as a context manager.

    Thread-safe: calls from several threads (Streamlit sessions) take turns.
    """

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = seconds if seconds is not None else get_settings().parse_seconds
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None
        self._lock = threading.Lock()

    def __enter__(self) -> BoundedParser:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _start(self) -> Connection:
        if self._process is None or not self._process.is_alive():
            context = _context()
            ours, theirs = context.Pipe()
            process = context.Process(target=_serve, args=(theirs,), daemon=True, name="readiness-parse")
            process.start()
            theirs.close()
            self._process, self._connection = process, ours
        return self._connection

    def _stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join(5)
        if self._connection is not None:
            self._connection.close()
        self._process = self._connection = None

    def close(self) -> None:
        """Stop the worker."""
        with self._lock:
            if self._connection is not None and self._process is not None and self._process.is_alive():
                try:
                    self._connection.send(None)
                    self._process.join(2)
                except OSError:
                    pass
            self._stop()

    def parse_bytes(self, data: bytes, *, filename: str, project: str | None = None) -> ParseResult:
        """parse_bytes within the budget: an overrun or a crash of the reader is an InputError."""
        with self._lock:
            try:
                connection = self._start()
                connection.send((data, filename, project))
                if not connection.poll(self.seconds):
                    self._stop()
                    raise InputError(filename, f"reading took longer than {self.seconds:g} s and was stopped "
                                     "(READINESS_PARSE_SECONDS); expected a readiness assessment that reads in "
                                     "seconds: look for a very long line or deeply nested text")
                kind, value = connection.recv()
            except (EOFError, OSError) as error:
                self._stop()
                raise InputError(filename, f"the reader stopped unexpectedly ({type(error).__name__}); "
                                 "the file could not be read") from None
        if kind == "ok":
            return value
        if kind == "input":
            file, message, line, problems = value
            raise InputError(file, message, line=line, problems=problems)
        name, text = value
        raise InputError(filename, f"could not be read ({name}: {text})")

    def parse_file(self, path: str | Path, *, project: str | None = None) -> ParseResult:
        """Read a file from disk (size checked first) and parse it within the budget."""
        path = Path(path)
        try:
            size = path.stat().st_size
        except OSError as error:
            raise InputError(str(path), f"cannot read the file ({error.strerror})") from None
        limit = get_settings().max_file_bytes
        if size > limit:
            raise InputError(str(path), f"the file is {size:,} bytes; the limit is {limit:,} "
                             "(READINESS_MAX_FILE_BYTES)")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InputError(str(path), f"cannot read the file ({error.strerror})") from None
        return self.parse_bytes(data, filename=str(path), project=project)
