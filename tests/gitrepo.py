"""Small git repositories built with dulwich in a temporary folder, with the dates a test chooses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dulwich.index import commit_tree
from dulwich.objects import Blob, Commit
from dulwich.repo import Repo


class GitRepo:
    """A repository whose commits each state the complete set of files (path -> bytes)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.repo = Repo.init(str(folder))
        self.head: bytes | None = None

    def commit(self, files: dict[str, bytes | tuple[bytes, int]], message: str, when: dt.datetime, *,
               author_when: dt.datetime | None = None, parents: list[str] | None = None) -> str:
        """A commit on HEAD's branch (or on `parents`, for a merge or a side branch) that moves HEAD."""
        store = self.repo.object_store
        entries = []
        for path, data in sorted(files.items()):
            data, mode = data if isinstance(data, tuple) else (data, 0o100644)  # (bytes, mode) for a symlink
            blob = Blob.from_string(data)
            store.add_object(blob)
            entries.append((path.encode(), blob.id, mode))
        commit = Commit()
        commit.tree = commit_tree(store, entries)
        if parents is not None:
            commit.parents = [p.encode() for p in parents]
        else:
            commit.parents = [self.head] if self.head else []
        commit.author = commit.committer = b"Test Author <author@example.org>"
        offset = int(when.utcoffset().total_seconds()) if when.utcoffset() else 0
        author_when = author_when or when
        commit.commit_time, commit.commit_timezone = int(when.timestamp()), offset
        commit.author_time, commit.author_timezone = int(author_when.timestamp()), offset
        commit.encoding = b"UTF-8"
        commit.message = message.encode() + b"\n"
        store.add_object(commit)
        self.repo.refs[b"HEAD"] = commit.id  # HEAD points at refs/heads/master, which moves
        self.head = commit.id
        return commit.id.decode()

    def close(self) -> None:
        self.repo.close()


def assessment(project: str, overall: int, security: int, *, date: str | None = None, note: str = "") -> bytes:
    """A short fictional assessment in markdown, with an overall score and two categories."""
    lines = [f"# Production Readiness Assessment - {project}", ""]
    if date:
        lines += [f"**Date**: {date}", ""]
    lines += [f"**Overall Score**: **{overall}/100**", "", "## Readiness Matrix", "",
              "| Category | Score | Status |", "|----------|-------|--------|",
              f"| Security | {security}/100 | Needs work |", f"| Testing | {overall}/100 | Improving |", ""]
    if note:
        lines += [note, ""]
    return "\n".join(lines).encode()
