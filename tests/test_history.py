"""History from git: every version of a document in a repository built with dulwich, dated and stored once."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session
from typer.testing import CliRunner

from readiness.cli import app
from readiness.errors import InputError
from readiness.importers.history import parse_history, read_history
from readiness.store import queries
from readiness.store.db import open_store
from readiness.store.queries import get_assessment, import_many, list_assessments, stored_commits

from .gitrepo import GitRepo, assessment

runner = CliRunner()
PARIS = dt.timezone(dt.timedelta(hours=1))
OCT, NOV, MOVED, DEC, CODE = (dt.datetime(2025, 10, 2, 9, 30, tzinfo=PARIS), dt.datetime(2025, 11, 4, 23, 30, tzinfo=PARIS),
                              dt.datetime(2025, 11, 10, 9, tzinfo=PARIS), dt.datetime(2025, 12, 1, 18, tzinfo=PARIS),
                              dt.datetime(2025, 12, 5, 8, tzinfo=PARIS))


@pytest.fixture
def repo(tmp_path):
    """Three commits that change the assessment (one of them states its date), a rename that keeps the
    content, and a commit that only touches another file."""
    git = GitRepo(tmp_path / "kestrel")
    code = {"src/pay.py": b"RATE = 1\n"}
    commits = [
        git.commit({"PRODUCTION_READINESS.md": assessment("Kestrel Pay", 40, 30), **code}, "First assessment", OCT),
        git.commit({"PRODUCTION_READINESS.md": assessment("Kestrel Pay", 55, 45, date="2025-11-03"), **code},
                   "Rescore after the test sprint", NOV, author_when=NOV - dt.timedelta(days=2)),
        git.commit({"docs/readiness.md": assessment("Kestrel Pay", 55, 45, date="2025-11-03"), **code},
                   "Move the assessment under docs/", MOVED),
        git.commit({"docs/readiness.md": assessment("Kestrel Pay", 72, 70), **code}, "December rescore", DEC),
        git.commit({"docs/readiness.md": assessment("Kestrel Pay", 72, 70), "src/pay.py": b"RATE = 2\n"},
                   "Change the rate", CODE),
    ]
    git.close()
    return tmp_path / "kestrel", commits


def test_every_distinct_version_is_found_once_renames_followed(repo):
    path, commits = repo
    found = read_history(path)
    assert found.commits == 5
    assert found.documents == ["docs/readiness.md"]  # one document, known by its newest path
    assert [(v.commit, v.path, v.message) for v in found.versions] == [
        (commits[0], "PRODUCTION_READINESS.md", "First assessment"),
        (commits[1], "PRODUCTION_READINESS.md", "Rescore after the test sprint"),
        (commits[3], "docs/readiness.md", "December rescore"),
    ]


def test_versions_are_dated_by_the_document_else_by_the_commit(repo):
    path, commits = repo
    docs = [item.document for item in parse_history(read_history(path))]
    assert [d.date for d in docs] == ["2025-10-02", "2025-11-03", "2025-12-01"]
    assert [d.source.dated_by for d in docs] == ["commit", "document", "commit"]
    assert [d.overall.score for d in docs] == [40, 55, 72]
    assert {d.project for d in docs} == {"Kestrel Pay"}
    second = docs[1].source
    assert (second.commit, second.path, second.commit_message) == (commits[1], "PRODUCTION_READINESS.md",
                                                                  "Rescore after the test sprint")
    assert dt.datetime.fromisoformat(second.commit_date) == NOV
    assert dt.datetime.fromisoformat(second.author_date) == NOV - dt.timedelta(days=2)
    # The commit's own day (its time zone), not the UTC one: 23:30 at +01:00 is still the 4th.
    assert second.commit_date.startswith("2025-11-04T23:30")


def test_a_second_run_adds_nothing_and_source_survives_the_store(repo, engine):
    path, commits = repo
    first = import_many(engine=engine, docs=[i.document for i in parse_history(read_history(path))])
    assert [r.created for r in first] == [True, True, True]
    with Session(engine) as session:
        known = stored_commits(session=session)
        assert known == {(commits[0], "PRODUCTION_READINESS.md"), (commits[1], "PRODUCTION_READINESS.md"),
                         (commits[3], "docs/readiness.md")}
        stored = get_assessment(session=session, assessment_id=first[2].assessment_id)
    assert stored.source.commit == commits[3] and stored.source.dated_by == "commit"
    again = parse_history(read_history(path), known=known)
    assert all(item.known for item in again)
    # Even read again, identical content is stored once.
    second = import_many(engine=engine, docs=[i.document for i in parse_history(read_history(path))])
    assert [r.created for r in second] == [False, False, False]
    with Session(engine) as session:
        assert [s.version for s in list_assessments(session=session)] == [1, 2, 3]


def test_a_version_the_store_refuses_is_rolled_back_alone(repo, engine, monkeypatch):
    path, _ = repo
    docs = [i.document for i in parse_history(read_history(path))]
    save = queries.save_prepared

    def save_then_fail(*, session, prepared):
        result = save(session=session, prepared=prepared)  # its rows are written, then the write fails
        if prepared.project == "Broken":
            raise ValueError("refused")
        return result

    monkeypatch.setattr(queries, "save_prepared", save_then_fail)
    results = import_many(engine=engine, docs=[docs[0], docs[1].model_copy(update={"project": "Broken"}), docs[2]])
    assert results[0].created and results[2].created
    assert results[1] == "not stored (ValueError: refused)"
    with Session(engine) as session:
        assert [(s.project, s.version) for s in list_assessments(session=session)] == [("Kestrel Pay", 1),
                                                                                      ("Kestrel Pay", 2)]


def test_a_version_that_keeps_clashing_is_reported_and_the_others_stored(repo, engine, monkeypatch):
    # A clash (IntegrityError) is taken for a race: the batch goes again one version at a time, and the
    # version that still clashes is reported in words naming the store.
    path, _ = repo
    docs = [i.document for i in parse_history(read_history(path))]
    save = queries.save_prepared

    def clash(*, session, prepared):
        if prepared.project == "Broken":
            raise IntegrityError("INSERT", {}, Exception("refused"))
        return save(session=session, prepared=prepared)

    monkeypatch.setattr(queries, "save_prepared", clash)
    monkeypatch.setattr(queries.time, "sleep", lambda seconds: None)
    results = import_many(engine=engine, docs=[docs[0], docs[1].model_copy(update={"project": "Broken"}), docs[2]])
    assert results[0].created and results[2].created
    assert results[1].startswith("not stored (StoreError: ")
    with Session(engine) as session:
        assert [s.version for s in list_assessments(session=session)] == [1, 2]


def test_path_globs_choose_the_files(repo):
    path, commits = repo
    assert read_history(path, globs=["src/*.py"]).documents == ["src/pay.py"]
    assert read_history(path, globs=["nothing-*.md"]).documents == []
    # By name: the file matches from the commit that moved it under docs/ on.
    by_name = read_history(path, globs=["readiness.md"]).versions
    assert [(v.commit, v.path) for v in by_name] == [(commits[2], "docs/readiness.md"),
                                                      (commits[3], "docs/readiness.md")]


def test_since_keeps_later_commits_only(repo):
    path, commits = repo
    assert [v.commit for v in read_history(path, since=dt.date(2025, 11, 5)).versions] == [commits[3]]


@pytest.mark.parametrize("branch_first", [True, False])
def test_a_branch_that_renames_and_is_merged_keeps_one_document(tmp_path, branch_first):
    """The walk may read the branch before or after the main line's own commits: one document either way."""
    git = GitRepo(tmp_path / "r")
    base = git.commit({"READINESS.md": assessment("Tern", 40, 30)}, "Start", OCT)
    on_branch = ({"docs/READINESS.md": assessment("Tern", 40, 30)}, "Move it under docs/ on a branch")
    on_main = ({"READINESS.md": assessment("Tern", 45, 35), "src/a.py": b"x\n"}, "Rescore on main")
    first, second = (on_branch, on_main) if branch_first else (on_main, on_branch)
    one = git.commit(*first, NOV, parents=[base])
    two = git.commit(*second, MOVED, parents=[base])
    side, main = (one, two) if branch_first else (two, one)
    merged = git.commit({"docs/READINESS.md": assessment("Tern", 45, 35), "src/a.py": b"x\n"}, "Merge", DEC,
                        parents=[main, side])
    git.close()
    found = read_history(tmp_path / "r")
    assert found.documents == ["docs/READINESS.md"]
    assert [(v.commit, v.path) for v in found.versions] == [(base, "READINESS.md"), (main, "READINESS.md")]
    assert merged not in {v.commit for v in found.versions}  # the merge only moves the main line's content


def test_a_symlink_is_not_a_document(tmp_path):
    git = GitRepo(tmp_path / "r")
    git.commit({"docs/readiness.md": assessment("Tern", 40, 30), "READINESS.md": (b"docs/readiness.md", 0o120000)},
               "Link the assessment from the top", OCT)
    git.close()
    assert read_history(tmp_path / "r").documents == ["docs/readiness.md"]


def test_an_empty_repository_has_nothing_to_import(tmp_path, isolated_env):
    GitRepo(tmp_path / "empty").close()
    result = runner.invoke(app, ["import", "--history", str(tmp_path / "empty")])
    assert result.exit_code == 0 and "the repository has no commits; nothing imported" in result.stdout


def test_not_a_repository_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="not a git repository"):
        read_history(tmp_path)


def test_a_version_without_content_is_skipped_with_the_reason(tmp_path):
    git = GitRepo(tmp_path / "r")
    git.commit({"LAUNCH.md": b"# Launch plan\n\nTo be written.\n"}, "Stub", OCT)
    git.commit({"LAUNCH.md": assessment("Osprey", 60, 50)}, "Filled in", NOV)
    git.close()
    items = parse_history(read_history(tmp_path / "r"))
    assert items[0].document is None and "no scores" in items[0].skipped
    assert items[1].document.project == "Osprey"


def test_cli_imports_the_history_then_adds_nothing(repo, isolated_env):
    path, commits = repo
    first = runner.invoke(app, ["import", "--history", str(path)])
    assert first.exit_code == 0, first.output
    assert first.stdout.count(": new: Kestrel Pay v") == 3
    assert f"{commits[1][:10]} 2025-11-04 PRODUCTION_READINESS.md: new: Kestrel Pay v2" in first.stdout
    assert "5 commit(s) read; 1 document(s) (docs/readiness.md) with 3 distinct version(s): 3 new" in first.stdout
    second = runner.invoke(app, ["import", "--history", str(path), "--project", "Renamed"])
    assert second.exit_code == 0, second.output
    assert ": new:" not in second.stdout
    assert "0 new, 3 already stored" in second.stdout


def test_cli_says_plainly_when_nothing_is_found(tmp_path, isolated_env):
    git = GitRepo(tmp_path / "plain")
    git.commit({"README.md": b"# Tools\n\nA few scripts.\n", "run.sh": b"echo\n"}, "Start", OCT)
    git.close()
    result = runner.invoke(app, ["import", "--history", str(tmp_path / "plain")])
    assert result.exit_code == 0, result.output
    assert "1 commit(s) read; no readiness assessments found among the 1 markdown/YAML file(s)" in result.stdout
    assert "nothing imported" in result.stdout
    chosen = runner.invoke(app, ["import", "--history", str(tmp_path / "plain"), "--path", "docs/*.md"])
    assert chosen.exit_code == 0
    assert "no file in its history matches --path docs/*.md; nothing imported" in chosen.stdout
    missing = runner.invoke(app, ["import", "--history", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and "not a git repository" in missing.stderr


def test_cli_refuses_files_together_with_history(repo, isolated_env):
    path, _ = repo
    assert runner.invoke(app, ["import", "--history", str(path), str(path)]).exit_code == 2
    assert runner.invoke(app, ["import", str(path), "--since", "2025-01-01"]).exit_code == 2


def test_an_older_store_gets_the_new_source_columns(tmp_path):
    database = tmp_path / "old.db"
    open_store(f"sqlite:///{database}").dispose()
    with sqlite3.connect(database) as connection:  # as a store written before history import existed
        for column in ("source_commit", "source_path", "source_dated_by"):
            connection.execute(f"ALTER TABLE assessment DROP COLUMN {column}")
    engine = open_store(f"sqlite:///{database}")
    with Session(engine) as session:
        assert list_assessments(session=session) == []
    with sqlite3.connect(database) as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(assessment)")}
    assert {"source_commit", "source_path", "source_dated_by"} <= columns
    engine.dispose()


def test_this_projects_own_history_is_read_and_said_plainly(isolated_env):
    """On the project's own repository (a clone or a worktree) the command finishes and says what it found."""
    from .conftest import ROOT

    if not (ROOT / ".git").exists():
        pytest.skip(f"{ROOT} is not a git checkout (no .git): nothing to read the history of")
    result = runner.invoke(app, ["import", "--history", str(ROOT)])
    assert result.exit_code == 0, result.output
    summary = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(rf"{re.escape(str(ROOT))}: \d+ commit\(s\) read; (no readiness assessments found .*"
                        r"nothing imported .*|\d+ document\(s\) .* distinct version\(s\): \d+ new, \d+ already "
                        r"stored, \d+ skipped, 0 failed)", summary), summary


def test_a_damaged_repository_is_a_clear_error_not_a_crash(repo, isolated_env):
    path, commits = repo
    # Remove the object of the second commit's tree: the walk meets a missing object.
    from dulwich.repo import Repo

    with Repo(str(path)) as opened:
        tree = opened[commits[1].encode()].tree.decode()
    (path / ".git" / "objects" / tree[:2] / tree[2:]).unlink()
    result = runner.invoke(app, ["import", "--history", str(path)])
    assert result.exit_code == 1
    assert "cannot read its history" in result.stderr and str(path) in result.stderr


def test_each_version_is_read_within_the_time_budget(repo, monkeypatch):
    path, _commits = repo
    monkeypatch.setenv("READINESS_PARSE_SECONDS", "0.000001")
    items = parse_history(read_history(path))
    assert items and all(item.document is None and "READINESS_PARSE_SECONDS" in item.skipped for item in items)
