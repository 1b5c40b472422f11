"""A hard time budget per file: parsing runs in a worker process, which is stopped when it overruns.

The importers are written to run in linear time (see tests/test_hostile.py), but a budget that holds
whatever the input does cannot rely on that: a regular expression or a library call cannot be
interrupted inside the process running it. So `BoundedParser` hands each file to a worker process
and waits at most READINESS_PARSE_SECONDS for the answer; a worker that overruns is killed (and a
fresh one started for the next file), and the file fails with an InputError naming it.

One worker serves many files: a batch of 1,000 pays for one start, not 1,000.

Where the caller is a process's main thread (the command line, the bulk import's pool workers), a cheaper
budget does: `time_budget` raises in the parsing thread when a timer signal arrives, and the regex engine
and the parsers check for signals as they run. `parse_file_within_budget` picks the cheaper one when it can.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
import threading
import types
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path

from readiness.errors import InputError
from readiness.importers import ParseResult, parse_bytes, read_file
from readiness.environment import parse_seconds

# Modules the worker needs, imported once in the fork server rather than in every worker.
_PRELOAD = ["readiness.importers.budget", "readiness.importers.markdown", "readiness.importers.yaml_importer"]


class OverBudget(BaseException):
    """Reading a file took longer than its time budget (a BaseException: no `except Exception` swallows it)."""


def over_budget_error(filename: str, seconds: float) -> InputError:
    """The one sentence for a file stopped by its time budget."""
    return InputError(filename, f"reading took longer than {seconds:g} s and was stopped "
                      "(READINESS_PARSE_SECONDS); expected a readiness assessment that reads in "
                      "seconds: look for a very long line or deeply nested text")


def signal_budget_available() -> bool:
    """Whether `time_budget` can stop work here: only a process's main thread receives the timer signal."""
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise OverBudget in this (main) thread after `seconds`; a no-op where signals cannot reach the thread."""
    if not signal_budget_available():
        yield
        return

    armed = [True]

    def expire(_signum, _frame):
        if not armed[0]:
            return
        # Raised where the thread happens to be: inside a finalizer (`__del__`) Python ignores it, so
        # the timer is set again and fires until the exception lands where it stops the parsing.
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)  # armed inside: a signal at once is cleaned up too
        yield
    finally:
        # The signal can land in this very clause: disarming is repeated until it went through whole, so
        # that no timer or handler outlives the budget (the exception in flight, if any, goes on).
        while True:
            try:
                armed[0] = False
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                break
            except OverBudget:
                continue


def parse_bytes_within_budget(data: bytes, *, filename: str, project: str | None = None,
                              seconds: float | None = None) -> ParseResult:
    """parse_bytes within READINESS_PARSE_SECONDS: by a timer signal in a main thread (no second process
    to start), else in a worker shared by the process's other threads. An overrun is an InputError
    naming the file."""
    seconds = seconds if seconds is not None else parse_seconds()
    if not signal_budget_available():
        return shared_parser().parse_bytes(data, filename=filename, project=project, seconds=seconds)
    try:
        with time_budget(seconds):
            return parse_bytes(data, filename=filename, project=project)
    except OverBudget:
        raise over_budget_error(filename, seconds) from None


def parse_file_within_budget(path: str | Path, *, project: str | None = None,
                             seconds: float | None = None) -> ParseResult:
    """parse_file within READINESS_PARSE_SECONDS (see parse_bytes_within_budget)."""
    return parse_bytes_within_budget(read_file(path), filename=str(path), project=project, seconds=seconds)


_BLANK_MAIN = types.ModuleType("__main__")
_MAIN_LOCK = threading.Lock()


@contextmanager
def _no_main_script() -> Iterator[None]:
    """Start a worker without it importing the script that is `__main__` now.

    A spawned or forkserver child imports the parent's main script by its path before it runs
    anything (multiprocessing's "safe importing of the main module"). Under Streamlit that script
    is app.py or a page, run again outside the app: it would open the store, draw nothing, and
    could fail and take the worker with it. The worker needs only its own target, so the main
    module is a blank one while the process starts (the preparation data is taken in start())."""
    with _MAIN_LOCK:
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = _BLANK_MAIN
        try:
            yield
        finally:
            if main is not None:
                sys.modules["__main__"] = main


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
        self.seconds = seconds if seconds is not None else parse_seconds()
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
            with _no_main_script():
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

    def parse_bytes(self, data: bytes, *, filename: str, project: str | None = None,
                    seconds: float | None = None) -> ParseResult:
        """parse_bytes within the budget (this parser's, or `seconds`): an overrun or a crash of the reader
        is an InputError."""
        seconds = seconds if seconds is not None else self.seconds
        with self._lock:
            try:
                connection = self._start()
                connection.send((data, filename, project))
                if not connection.poll(seconds):
                    self._stop()
                    raise over_budget_error(filename, seconds)
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
        return self.parse_bytes(read_file(path), filename=str(path), project=project)


_SHARED: list[BoundedParser] = []
_SHARED_LOCK = threading.Lock()


def shared_parser() -> BoundedParser:
    """The worker that threads of this process share (a server's sessions take turns), started on first use."""
    with _SHARED_LOCK:
        if not _SHARED:
            _SHARED.append(BoundedParser())
        return _SHARED[0]
