"""Every version a document ever had, read from a local git repository's history (dulwich, no git binary).

`read_history` walks the commits reachable from HEAD, oldest first, diffs each against its first parent
(renames detected as git does, by content similarity) and keeps, for each document, every distinct
content it had together with the first commit that introduced it. `parse_history` reads each version
with the ordinary importers and dates it: by the document's own date when it states one, otherwise by
the commit's date; the commit, its dates and message and the path go into the document's `source`.

Which files are documents: with `globs`, the files whose path (or name) matches one of them; otherwise
markdown files whose name (in any version) or first heading (in the newest version) says readiness,
go-live, launch, audit or scorecard, YAML files in the readiness/v1 format, and markdown files from
whose newest version the importer reads an overall score or categories. Each file costs at most one
parse to decide, so a repository full of other markdown stays quick.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
import stat
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from dulwich.diff_tree import CHANGE_DELETE, CHANGE_RENAME, RenameDetector, tree_changes
from dulwich.errors import NotGitRepository
from dulwich.repo import Repo
from dulwich.walk import ORDER_TOPO

from readiness.errors import InputError
from readiness.importers.budget import parse_bytes_within_budget
from readiness.model import Assessment

KEYWORDS = re.compile(r"readiness|go[\s_-]?live|launch|scorecard|audit", re.IGNORECASE)
MARKDOWN = (".md", ".markdown")
YAML = (".yaml", ".yml")
_HEADING = re.compile(rb"^ {0,3}#{1,6}[ \t]+(.+)$", re.MULTILINE)
_YAML_SCHEMA = re.compile(rb"^schema:\s*['\"]?readiness/v1", re.MULTILINE)
# A score the importer could read ("Score: 4/10", "72%" beside "grade"): only files with one are parsed to see
# whether they are assessments, which bounds the work on a repository full of other markdown.
_SCORE_WORD = re.compile(rb"score|grade|rating|readiness", re.IGNORECASE)
_SCORE_HINT = re.compile(rb"\d\s*/\s*\d|\d\s*%")

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Version:
    """One distinct content of a document, with the first commit that introduced it."""

    document: str
    """The document's identity: its path in the newest commit that has it (renames followed)."""
    path: str
    """The file's path in that commit."""
    data: bytes
    commit: str
    commit_date: dt.datetime
    author_date: dt.datetime
    message: str
    """The first line of the commit's message."""


@dataclass
class History:
    """What a walk of a repository found."""

    repository: str
    commits: int = 0
    versions: list[Version] = field(default_factory=list)
    """Versions of the matching documents, oldest commit first."""
    documents: list[str] = field(default_factory=list)
    """The matching documents, by their newest path."""
    looked_at: int = 0
    """How many files of the right kind the walk saw (matching or not)."""


@dataclass(frozen=True)
class HistoryItem:
    """One version read as an assessment, or why it was not."""

    version: Version
    document: Assessment | None
    skipped: str | None = None
    """Why the version is not stored (unreadable, or no assessment content), in words."""
    known: bool = False
    """Whether this commit's version of the file is stored already (it was not read again)."""


def _when(seconds: int, offset: int) -> dt.datetime:
    try:
        zone = dt.timezone(dt.timedelta(seconds=offset))
    except ValueError:  # a malformed offset (beyond a day) in an old commit: read the time as UTC
        zone = dt.timezone.utc
    return dt.datetime.fromtimestamp(seconds, zone)


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")


def _matches(path: str, globs: Sequence[str]) -> bool:
    name = PurePosixPath(path).name
    return any(fnmatch.fnmatchcase(path, g) or fnmatch.fnmatchcase(name, g) for g in globs)


def _first_heading(data: bytes) -> str:
    found = _HEADING.search(data[:16384])
    return _text(found.group(1)) if found else ""


def open_repository(path: str | Path) -> Repo:
    """The repository at `path` (a working copy or a bare repository); an InputError when there is none."""
    try:
        return Repo(str(path))
    except NotGitRepository:
        raise InputError(str(path), "not a git repository; expected the folder of a local clone "
                         "(the one holding .git)") from None
    except OSError as error:
        raise InputError(str(path), f"cannot open the repository ({error.strerror or error})") from None


@dataclass
class _Track:
    """A document being followed through the walk: its paths and its contents by blob id."""

    paths: list[str] = field(default_factory=list)
    blobs: dict[bytes, tuple[str, object]] = field(default_factory=dict)  # blob id -> (path, commit)


def read_history(repository: str | Path, *, globs: Sequence[str] = (), since: dt.date | None = None,
                 progress: Progress | None = None) -> History:
    """Every distinct version of each matching document in the history of HEAD, oldest first."""
    repo = open_repository(repository)
    try:
        return _walk(repo, str(repository), globs=tuple(globs), since=since, progress=progress)
    except InputError:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged repository (missing objects, bad packs) is bad input
        raise InputError(str(repository), f"cannot read its history ({type(error).__name__}: {error}); "
                         "expected an intact local clone (try `git fsck` there)") from None
    finally:
        repo.close()


def _candidate(path: str, globs: tuple[str, ...]) -> bool:
    if globs:
        return _matches(path, globs)
    return path.lower().endswith(MARKDOWN + YAML)


def _walk(repo: Repo, name: str, *, globs: tuple[str, ...], since: dt.date | None,
          progress: Progress | None) -> History:
    history = History(repository=name)
    try:
        head = repo.head()
    except KeyError:
        return history  # a repository without commits has no history to read
    store = repo.object_store
    commits = [entry.commit for entry in repo.get_walker(include=[head], order=ORDER_TOPO, reverse=True)]
    history.commits = len(commits)
    detector = RenameDetector(store)
    tracks: list[_Track] = []
    # Which track each path holds, per commit (branches differ); dropped once every child has read it.
    states: dict[bytes, dict[str, _Track]] = {}
    children: dict[bytes, int] = {}
    for commit in commits:
        for parent in commit.parents:
            children[parent] = children.get(parent, 0) + 1
    for done, commit in enumerate(commits, 1):
        first = commit.parents[0] if commit.parents else None
        try:
            parent_tree = store[first].tree if first else None
        except KeyError:  # a shallow clone: the parent is not there, so the commit reads as a first one
            first, parent_tree = None, None
        at_path = dict(states.get(first, {}))
        # A merge brings the second parent's documents: a path it adds may be one that branch followed.
        others = [states[p] for p in commit.parents[1:] if p in states]
        for change in tree_changes(store, parent_tree, commit.tree, rename_detector=detector):
            old = _text(change.old.path) if change.old and change.old.path else None
            new = _text(change.new.path) if change.new and change.new.path else None
            if change.type == CHANGE_DELETE:
                at_path.pop(old, None)
                continue
            # Submodules and symlinks have no document bytes of their own: not candidates.
            if not stat.S_ISREG(change.new.mode) or not _candidate(new, globs):
                if change.type == CHANGE_RENAME:
                    at_path.pop(old, None)
                continue
            track = at_path.pop(old, None) if change.type == CHANGE_RENAME else None
            track = track or at_path.get(new) or next((o[new] for o in others if new in o), None)
            if track is None:
                track = _Track()
                tracks.append(track)
            at_path[new] = track
            if not track.paths or track.paths[-1] != new:
                track.paths.append(new)
            track.blobs.setdefault(change.new.sha, (new, commit))
        states[commit.id] = at_path
        for parent in commit.parents:
            children[parent] -= 1
            if not children[parent]:
                states.pop(parent, None)
        if progress and (done % 50 == 0 or done == len(commits)):
            progress("commits", done, len(commits))
    history.looked_at = len(tracks)
    chosen = [t for t in tracks if _chosen(t, store, globs)]
    for track in chosen:
        document = track.paths[-1]
        history.documents.append(document)
        for blob, (path, commit) in track.blobs.items():
            version = Version(document=document, path=path, data=store[blob].data, commit=_text(commit.id),
                              commit_date=_when(commit.commit_time, commit.commit_timezone),
                              author_date=_when(commit.author_time, commit.author_timezone),
                              message=_text(commit.message).strip().splitlines()[0] if commit.message.strip()
                              else "")
            if since is None or version.commit_date.date() >= since:
                history.versions.append(version)
    order = {commit.id.decode(): index for index, commit in enumerate(commits)}
    history.versions.sort(key=lambda v: order[v.commit])
    return history


def _chosen(track: _Track, store, globs: tuple[str, ...]) -> bool:
    """Whether a followed file is an assessment worth reading in every version."""
    if globs:
        return True
    if any(KEYWORDS.search(PurePosixPath(p).name) for p in track.paths):
        return True
    newest_blob = next(reversed(track.blobs))
    newest = store[newest_blob].data
    if track.paths[-1].lower().endswith(YAML):
        return bool(_YAML_SCHEMA.search(newest[:4096]))
    if KEYWORDS.search(_first_heading(newest)):
        return True
    if not (_SCORE_WORD.search(newest) and _SCORE_HINT.search(newest)):
        return False
    try:
        doc = parse_bytes_within_budget(newest, filename=track.paths[-1]).document
    except Exception:  # noqa: BLE001 - a file the importer cannot read is simply not an assessment
        return False
    return doc.overall is not None or bool(doc.categories)


def has_content(doc: Assessment) -> bool:
    """Whether the importer found anything of an assessment in the document."""
    return doc.overall is not None or any(getattr(doc, name) for name in (
        "categories", "findings", "risks", "checklist", "phases", "costs", "actions"))


def parse_history(history: History, *, project: str | None = None, known: Collection[tuple[str, str]] = (),
                  progress: Progress | None = None) -> list[HistoryItem]:
    """Each version read as an assessment of its project, dated and with its git source; never raises.

    The project is `project` when given, else the name the importer reads from the document's newest
    readable version, so that every version of one document lands in one project. Versions whose
    (commit, path) is in `known` (stored by an earlier run) are not read again, except each document's
    newest, which names the project.
    """
    newest = {version.document: version for version in history.versions}
    items: list[HistoryItem] = []
    total = len(history.versions)
    for done, version in enumerate(history.versions, 1):
        stored = (version.commit, version.path) in known
        if stored and newest[version.document] is not version:
            items.append(HistoryItem(version, None, known=True))
            continue
        try:
            doc = parse_bytes_within_budget(version.data, filename=version.path).document
        except InputError as error:
            items.append(HistoryItem(version, None, str(error), known=stored))
        except Exception as error:  # noqa: BLE001 - an importer bug must not stop the batch
            items.append(HistoryItem(version, None, f"{version.path}: could not be read "
                                     f"({type(error).__name__}: {error})", known=stored))
        else:
            if has_content(doc):
                items.append(HistoryItem(version, _dated(doc, version), known=stored))
            else:
                items.append(HistoryItem(version, None, "no scores, findings, risks, checklist, plan or "
                                         "costs found in it", known=stored))
        if progress and (done % 10 == 0 or done == total):
            progress("versions", done, total)
    names: dict[str, str] = {}
    for item in items:  # oldest first: the newest readable version's name wins
        if item.document is not None:
            names[item.version.document] = item.document.project
    return [HistoryItem(item.version, item.document.model_copy(update={
        "project": project or names[item.version.document]}), None, item.known)
        if item.document is not None else item for item in items]


def _dated(doc: Assessment, version: Version) -> Assessment:
    source = doc.source.model_copy(update={
        "path": version.path, "commit": version.commit,
        "commit_date": version.commit_date.isoformat(), "author_date": version.author_date.isoformat(),
        "commit_message": version.message, "dated_by": "document" if doc.date else "commit",
    })
    date = doc.date or version.commit_date.date().isoformat()
    return doc.model_copy(update={"date": date, "source": source})


__all__ = ["History", "HistoryItem", "KEYWORDS", "Version", "has_content", "open_repository", "parse_history",
           "read_history"]
