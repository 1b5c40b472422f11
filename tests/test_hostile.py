"""Hostile input and failing disks (issue 12): each test holds one row of the probe's findings.

Documents here are invented. Long inputs are read through BoundedParser with the product's default
budget: a parser that regressed to quadratic time fails these tests by being stopped (an InputError),
it does not hang the suite. The times themselves are measured in benchmarks/hostile.py, not asserted.
"""

from __future__ import annotations

import math
import sqlite3
import threading
import tomllib
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import Session
from typer.testing import CliRunner

from readiness.app import intake
from readiness.charts.compare import risk_moves_figure
from readiness.charts.theme import template_text
from readiness.cli import app
from readiness.errors import InputError, StoreError
from readiness.importers import parse_bytes
from readiness.importers.budget import BoundedParser, parse_file_within_budget
from readiness.importers.markdown.text import MAX_LINE
from readiness.importers.yaml_importer import MAX_ALIAS_EXPANSION, dump
from readiness.analysis.compare import compare_assessments
from readiness.meeting.report import assessment_report
from readiness.settings import Settings
from readiness.store import engine as store_engine
from readiness.store.db import open_store
from readiness.store.queries import get_assessment, import_assessment

ROOT = Path(__file__).resolve().parents[1]
MEGABYTE = 1024 * 1024
runner = CliRunner()

GOOD_YAML = """schema: readiness/v1
project: Kestrel Relay
date: 2026-03-02
overall: {score: 6, max: 10}
risks:
  - {title: Queue backlog, probability: 0.4, impact: high}
phases:
  - {name: Hardening, start_day: 0, duration_days: 5}
costs:
  - {name: Brokers, min: 100, max: 200, recurrence: monthly}
"""


@pytest.fixture(scope="module")
def parser():
    with BoundedParser() as bounded:
        yield bounded


# Row 1: a markdown line of 64 KB of "[" took 15 s, 1 MB did not finish in 300 s. One family per kind of
# pattern the audit found backtracking: brackets and links, parentheses, HTML tags, emphasis marks,
# whitespace runs, dotted numbers, tail tags and progress words, and mojibake for the repair step.
FAMILIES = {
    "brackets": "[", "image brackets": "![", "link openers": "[a](", "link closers": "](",
    "parentheses": "(", "closing parentheses": ")", "html tags": "<a", "underscores": "__", "stars": "**",
    "spaces": " ", "tabs": "\t", "dotted numbers": "1.", "dashes": " -", "progress words": "done ",
    "mojibake": "Ã",
}
PLACES = {
    "paragraph": "{}", "table cell": "| Category | Score |\n|---|---|\n| {} | 3/10 |",
    "list item": "- **{}**: 2 days", "risk row": "| Risk | Likelihood | Impact |\n|---|---|---|\n| {} | High | High |",
}


@pytest.mark.parametrize("family", FAMILIES)
def test_a_megabyte_line_of_a_pathological_character_is_read_and_reported_as_cut(parser, family):
    unit = FAMILIES[family]
    line = unit * (MEGABYTE // len(unit.encode()))  # 1 MB of UTF-8 per line, 4 lines: within the file limit
    text = "# Kestrel Relay readiness\n\n**Overall Score: 5/10**\n\n" + "\n\n".join(
        place.format(line) for place in PLACES.values()) + "\n"
    doc = parser.parse_bytes(text.encode(), filename=f"{family}.md").document
    assert doc.overall is not None and doc.overall.score == 5
    cut = [w for w in doc.source.warnings if "characters long" in w.message]
    assert len(cut) == len(PLACES)
    assert all(f"first {MAX_LINE:,} were read" in w.message for w in cut)


# Runs of lines rather than of characters: a pattern whose spaces may also take newlines ("\s*\n" repeated)
# splits a run of blank lines in exponentially many ways (26 blank lines atop a file took 11 s).
LINE_RUNS = {"blank lines": "\n", "lines of spaces": "  \n", "empty comments": "#\n", "separators": "---\n",
             "lone dashes": "-\n", "lone pipes": "|\n"}


@pytest.fixture(scope="module")
def quick_parser():
    with BoundedParser(seconds=10) as bounded:  # each of these files takes well under 1 s
        yield bounded


@pytest.mark.parametrize("suffix", [".md", ".notes"])  # by its ending, and sniffed for an unknown one
@pytest.mark.parametrize("run", LINE_RUNS)
def test_a_long_run_of_like_lines_atop_a_file_is_read_without_backtracking(quick_parser, run, suffix):
    unit = LINE_RUNS[run]
    # An unknown ending is sniffed from the first 20,000 characters: the run stays within them.
    lines = 50_000 if suffix == ".md" else 15_000 // len(unit)
    text = unit * lines + "# Kestrel Relay readiness\n\n**Overall Score: 5/10**\n\n- [ ] Rotate keys\n"
    doc = quick_parser.parse_bytes(text.encode(), filename=f"kestrel{suffix}").document
    assert doc.overall is not None and doc.overall.score == 5


def test_a_file_of_unknown_ending_holding_one_long_word_is_refused_not_stuck(quick_parser):
    # Sniffing prose ("three letters, a space, two letters") once tried a run of letters from each of them.
    with pytest.raises(InputError, match="unknown file type"):
        quick_parser.parse_bytes(b"x" * 19_000, filename="notes.data")


def test_lines_within_the_limit_are_read_whole_and_longer_ones_are_cut_at_it():
    words = ("Rotate the signing keys " * 400)[:MAX_LINE - 6].strip()
    text = f"# Gannet readiness\n\n## Checklist\n\n- [ ] {words}\n- [x] {words} and then some more words\n"
    doc = parse_bytes(text.encode(), filename="gannet.md").document
    assert len(doc.checklist) == 2
    assert [w.line for w in doc.source.warnings if "characters long" in w.message] == [6]


def test_the_time_budget_stops_a_file_and_names_it(parser):
    stingy = BoundedParser(seconds=0.000001)
    with stingy:
        with pytest.raises(InputError) as caught:
            stingy.parse_bytes(("# T\n\n" + "text line\n" * 20000).encode(), filename="slow.md")
        assert caught.value.file == "slow.md"
        assert "READINESS_PARSE_SECONDS" in caught.value.message
        stingy.seconds = 30  # the worker is replaced: the next file is read normally
        assert stingy.parse_bytes(GOOD_YAML.encode(), filename="next.yaml").document.project == "Kestrel Relay"


# Row 2: YAML .inf and .nan were accepted on SQLite, broke the hand-out and Compare, exported as null,
# and PostgreSQL refused them. Every numeric field now refuses infinities and NaN.
NON_FINITE = {
    "overall max": "overall: {score: 3, max: .inf}",
    "overall score": "overall: {score: .nan, max: 10}",
    "duration": "time_to_ready: {min: 1, max: .inf, unit: weeks}",
    "phase length": "phases:\n  - {name: Build, start_day: 0, duration_days: .inf}",
    "phase start": "phases:\n  - {name: Build, start_day: -.inf, duration_days: 2}",
    "cost": "costs:\n  - {name: Cloud, min: 1, max: .inf}",
    "probability": "risks:\n  - {title: Outage, probability: .nan, impact: high}",
    "category weight": "categories:\n  - {name: Docs, score: 3, max: 10, weight: .nan}",
}


@pytest.mark.parametrize("case", NON_FINITE)
def test_infinities_and_nan_are_refused_with_the_field_and_line(case):
    text = f"schema: readiness/v1\nproject: Osprey\n{NON_FINITE[case]}\n"
    with pytest.raises(InputError) as caught:
        parse_bytes(text.encode(), filename="osprey.yaml")
    assert "finite number" in str(caught.value)
    assert caught.value.line is not None and caught.value.line >= 3


# The same validation cases against both stores: what parses is stored, read back equal, and exported
# in a form that imports again; what does not parse is refused before either store sees it.
STORE_CASES = {
    "ordinary": ("", True),
    "largest money": ("costs:\n  - {name: Cloud, min: 1.0e+15, max: 1.0e+15}", True),
    "money past the bound": ("costs:\n  - {name: Cloud, min: 1, max: 1.7e+308}", False),
    "largest plan": ("phases:\n  - {name: Build, start_day: 99999, duration_days: 100000}", True),
    "plan past the bound": ("phases:\n  - {name: Build, start_day: 0, duration_days: 1.0e+300}", False),
    "huge scale": ("overall: {score: 1.0e+308, max: 1.7e+308}", True),
    "tiny numbers": ("overall: {score: 1.0e-300, max: 1.0e-200}", True),
    "unicode text": ("title: \"Überprüfung 检查 ✅ \\u00e9\"", True),
    "infinity": ("overall: {score: 3, max: .inf}", False),
    "nan": ("costs:\n  - {name: Cloud, min: .nan, max: 1}", False),
    "NUL in text": ("title: \"before\\0after\"", False),
    "line past 32 bits": ("risks:\n  - {title: Outage, impact: high, line: 4294967296}", False),
    "lone surrogate": ("title: \"\\ud800\"", False),
}


@pytest.mark.parametrize("case", STORE_CASES)
def test_every_validation_case_behaves_the_same_on_each_store(engine, case):
    extra, accepted = STORE_CASES[case]
    text = f"schema: readiness/v1\nproject: Plover {case}\n{extra}\n"
    if not accepted:
        with pytest.raises(InputError):
            parse_bytes(text.encode(), filename="plover.yaml")
        return
    doc = parse_bytes(text.encode(), filename="plover.yaml").document
    saved = import_assessment(engine=engine, doc=doc)
    with Session(engine) as session:
        stored = get_assessment(session=session, assessment_id=saved.assessment_id)
    assert stored.content() == doc.content()
    again = parse_bytes(dump(stored).encode(), filename="again.yaml").document
    assert again.content() == doc.content()
    assert parse_bytes(stored.model_dump_json(by_alias=True).encode(), filename="again.yaml")


def test_the_hand_out_and_compare_work_on_the_largest_accepted_numbers():
    text = (GOOD_YAML.replace("start_day: 0, duration_days: 5", "start_day: 99999, duration_days: 100000")
            .replace("max: 200", "max: 1.0e+15").replace("score: 6, max: 10", "score: 1.0e+308, max: 1.7e+308"))
    doc = parse_bytes(text.encode(), filename="big.yaml").document
    assert math.isclose(doc.overall_percent, 100 * (1.0e308 / 1.7e308))
    assert "Kestrel Relay" in assessment_report(doc, previous=None)
    assert compare_assessments(doc, doc).new is doc


# Row 3: YAML nested 500 deep raised RecursionError, and `readiness import DIR` stopped at that file.
@pytest.mark.parametrize("shape", ["flow", "block"])
def test_deep_nesting_is_an_input_error_naming_the_line(shape):
    if shape == "flow":
        body = "title: " + "[" * 500 + "]" * 500
    else:
        body = "findings:\n" + "".join("  " * depth + "- \n" for depth in range(1, 500))
    with pytest.raises(InputError) as caught:
        parse_bytes(f"schema: readiness/v1\nproject: Petrel\n{body}\n".encode(), filename="deep.yaml")
    assert "nested more than" in caught.value.message
    assert caught.value.line is not None


def test_import_never_abandons_a_batch(tmp_path, monkeypatch):
    monkeypatch.setenv("READINESS_DATABASE_URL", f"sqlite:///{tmp_path / 'store.db'}")
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a-deep.yaml").write_text("schema: readiness/v1\nproject: X\ntitle: " + "[" * 500 + "]" * 500)
    (folder / "b-control.yaml").write_bytes(b"schema: readiness/v1\nproject: X\ntitle: a\x01b\n")
    (folder / "c-infinite.yaml").write_text("schema: readiness/v1\nproject: X\noverall: {score: 1, max: .inf}\n")
    (folder / "d-good.yaml").write_text(GOOD_YAML)
    (folder / "e-good.md").write_text("# Skua Ledger readiness\n\n**Overall Score: 7/10**\n")
    result = runner.invoke(app, ["import", str(folder)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert sum(": failed: " in line for line in lines) == 3
    assert any("d-good.yaml: new: Kestrel Relay v1" in line for line in lines)
    assert any("e-good.md: new:" in line for line in lines)
    assert "5 files: 2 new, 0 unchanged, 3 failed" in lines
    assert "Traceback" not in result.output
    again = runner.invoke(app, ["import", str(folder / "d-good.yaml")])
    assert again.exit_code == 0 and "1 file: 0 new, 1 unchanged, 0 failed" in again.stdout


# Row 4: a control character raised yaml.ReaderError (the loader was created outside the try), also
# for a .md file that sniffs as YAML.
@pytest.mark.parametrize("filename", ["notes.yaml", "notes.md"])
@pytest.mark.parametrize("character", ["\x01", "\x07", "\x1b", "\x7f"])
def test_a_control_character_is_an_input_error_with_its_line(filename, character):
    text = f"schema: readiness/v1\nproject: Tern é\ntitle: bad{character}title\n"
    with pytest.raises(InputError) as caught:
        parse_bytes(text.encode(), filename=filename)
    assert caught.value.line == 3
    assert f"U+{ord(character):04X}" in caught.value.message


# Row 5: a legitimate 40,000-item file was refused as an alias bomb: the limit counted every node.
def test_a_large_honest_document_passes_and_a_bomb_still_fails():
    items = "".join(f"  - {{text: 'Check {n}', done: {'true' if n % 2 else 'false'}}}\n" for n in range(40000))
    doc = parse_bytes(f"schema: readiness/v1\nproject: Fulmar\nchecklist:\n{items}".encode(),
                      filename="fulmar.yaml").document
    assert len(doc.checklist) == 40000
    bomb = "schema: readiness/v1\nproject: Bomb\n" + "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]\n" for n in range(1, 6))
    with pytest.raises(InputError) as caught:
        parse_bytes(bomb.encode(), filename="bomb.yaml")
    assert f"more than {MAX_ALIAS_EXPANSION:,}" in caught.value.message


def test_a_markdown_table_of_ten_thousand_rows_exports_and_imports_again():
    levels, impacts = ["Low", "Medium", "High"], ["Low", "Medium", "High", "Critical"]
    rows = "".join(f"| Drift {n} | {levels[n % 3]} | {impacts[n % 4]} | Watch item {n} |\n" for n in range(10000))
    text = f"# Murre readiness\n\n## Risks\n\n| Risk | Likelihood | Impact | Mitigation |\n|---|---|---|---|\n{rows}"
    doc = parse_bytes(text.encode(), filename="murre.md").document
    assert len(doc.risks) == 10000
    again = parse_bytes(dump(doc).encode(), filename="murre.yaml").document
    assert again.content() == doc.content()


# Row 6: storage faults gave raw tracebacks and a full disk abandoned the batch.
def test_a_store_under_a_file_is_one_sentence_in_the_cli(tmp_path, monkeypatch):
    (tmp_path / "plain-file").write_text("not a folder")
    monkeypatch.setenv("READINESS_DATABASE_URL", f"sqlite:///{tmp_path / 'plain-file' / 'store.db'}")
    (tmp_path / "good.yaml").write_text(GOOD_YAML)
    for args in (["import", str(tmp_path / "good.yaml")], ["list"], ["export", "1"], ["decisions", "1"],
                 ["edit", "1", "--set", "title=Renamed", "--note", "rename"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "plain-file is a file, not a folder" in result.stderr
        assert "READINESS_DATABASE_URL" in result.stderr


def test_a_read_only_store_names_itself_and_reading_still_works(tmp_path):
    path = tmp_path / "store.db"
    writable = open_store(f"sqlite:///{path}")
    doc = parse_bytes(GOOD_YAML.encode(), filename="good.yaml").document
    import_assessment(engine=writable, doc=doc)
    writable.dispose()
    read_only = open_store(f"sqlite:///file:{path}?mode=ro&uri=true")
    with pytest.raises(StoreError) as caught:
        import_assessment(engine=read_only, doc=doc.model_copy(update={"project": "Other"}))
    assert "is read-only" in str(caught.value) and str(path) in str(caught.value)
    with Session(read_only) as session:
        assert get_assessment(session=session, assessment_id=1).project == "Kestrel Relay"


def test_a_full_disk_fails_each_file_and_the_batch_goes_on(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'full.db'}")
    engine.dispose()

    @event.listens_for(engine, "connect")
    def _small_disk(connection, _record):
        connection.execute("PRAGMA max_page_count=12")

    doc = parse_bytes(GOOD_YAML.encode(), filename="good.yaml").document
    docs = [doc.model_copy(update={"project": f"Project {n}", "title": "t" * 3000}) for n in range(20)]
    outcomes = intake.store_all(engine, [(f"f{n}.yaml", d, d.project) for n, d in enumerate(docs)])
    assert len(outcomes) == 20
    failed = [o for o in outcomes if o.error]
    assert failed and all("the disk is full" in o.error for o in failed)
    assert outcomes[0].result is not None  # the first ones fitted and were stored


def test_a_store_locked_beyond_the_timeout_is_one_sentence(tmp_path, monkeypatch):
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "locked.db"
    engine = open_store(f"sqlite:///{path}")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError) as caught:
            import_assessment(engine=engine, doc=parse_bytes(GOOD_YAML.encode(), filename="g.yaml").document)
    finally:
        holder.close()
    assert "stayed locked" in str(caught.value) and "0.2 s" in str(caught.value)


def test_postgresql_down_is_one_sentence_without_the_password(monkeypatch):
    monkeypatch.setenv("READINESS_DATABASE_URL", "postgresql+psycopg://team:s3cret@127.0.0.1:9/readiness")
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 1
    assert "cannot be reached" in result.stderr and "s3cret" not in result.stderr
    assert "Traceback" not in result.output


def test_the_app_shows_a_store_fault_in_a_box_and_the_pages_still_run(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    (tmp_path / "plain-file").write_text("not a folder")
    monkeypatch.setenv("READINESS_DATABASE_URL", f"sqlite:///{tmp_path / 'plain-file' / 'store.db'}")
    page = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not page.exception
    errors = [e.value for e in page.error]
    assert any("is a file, not a folder" in text.replace("\\", "") for text in errors)
    assert any("No assessments are stored yet" in info.value for info in page.info)


# Row 7: the 5 MB limit was enforced only in the browser; the server took 200 MB.
def test_the_server_enforces_the_upload_limit_of_the_setting():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    default = Settings.model_fields["max_file_bytes"].default
    assert config["server"]["maxUploadSize"] == math.ceil(default / MEGABYTE)


# Row 8: 1,000 files dropped on Import re-parsed on every rerun and built every YAML download eagerly.
def test_the_import_page_caps_files_per_batch():
    assert intake.batch_problem(intake.MAX_FILES_PER_BATCH) is None
    message = intake.batch_problem(1000)
    assert "1,000 files" in message and f"at most {intake.MAX_FILES_PER_BATCH}" in message
    assert "readiness import FOLDER" in message


def test_the_import_page_builds_downloads_only_when_clicked():
    source = (ROOT / "pages" / "import_files.py").read_text()
    call = source[source.index('st.download_button("Download as YAML"'):]
    call = call[:call.index(")\n")]
    assert "data=lambda" in call and 'on_click="ignore"' in call


# Row 9: a risk title containing "%{x}" was read by plotly as a template variable.
def test_document_text_in_plotly_templates_cannot_name_a_variable():
    assert template_text("50%{x} <b>") == "50&#37;{x} &lt;b&gt;"
    old = parse_bytes(GOOD_YAML.encode(), filename="old.yaml").document
    new = old.model_copy(update={"risks": [*old.risks, old.risks[0].model_copy(
        update={"title": "Cost %{x} and %{customdata[0]}"})]})
    figure = risk_moves_figure(compare_assessments(old, new))
    templates = [trace.hovertemplate for trace in figure.data if trace.hovertemplate]
    assert any("Cost &#37;{x}" in t for t in templates)
    assert not any("%{x} and" in t for t in templates)


def test_the_signal_budget_stops_a_file_read_in_the_main_thread(tmp_path):
    slow = tmp_path / "slow.md"
    slow.write_text("# T\n\n" + "- [ ] a line of text\n" * 20000)
    with pytest.raises(InputError) as caught:
        parse_file_within_budget(slow, seconds=0.001)
    assert caught.value.file == str(slow)
    assert "READINESS_PARSE_SECONDS" in caught.value.message
    # The timer is gone afterwards: the next file is read whole.
    good = tmp_path / "good.yaml"
    good.write_text(GOOD_YAML)
    assert parse_file_within_budget(good, seconds=30).document.project == "Kestrel Relay"


def test_outside_the_main_thread_the_budget_falls_back_to_a_worker(tmp_path):
    slow = tmp_path / "slow.md"
    slow.write_text("# T\n\n" + "- [ ] a line of text\n" * 20000)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            parse_file_within_budget(slow, seconds=0.001)
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            outcome.append(error)

    thread = threading.Thread(target=read)
    thread.start()
    thread.join(60)
    assert len(outcome) == 1 and isinstance(outcome[0], InputError)
    assert "READINESS_PARSE_SECONDS" in outcome[0].message


def test_the_parse_worker_does_not_run_the_main_script_again(tmp_path):
    # Under Streamlit, __main__ is app.py or a page: a worker must not import it (it would open the
    # store and draw the page in the worker, and could take the worker down).
    marker = tmp_path / "main-ran-in-the-worker"
    script = tmp_path / "main_script.py"
    script.write_text(
        "import pathlib, sys\n"
        f"if __name__ == '__mp_main__':\n    pathlib.Path({str(marker)!r}).write_text('ran')\n"
        "from readiness.importers.budget import BoundedParser\n"
        "with BoundedParser() as parser:\n"
        "    print(parser.parse_bytes(b'schema: readiness/v1\\nproject: Skua\\n', filename='s.yaml').document.project)\n")
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Skua"
    assert not marker.exists()
