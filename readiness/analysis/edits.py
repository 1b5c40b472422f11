"""Editing an assessment without a store: field edits, table rows and patches in, a checked document out.

Everything here is pure. An edit is applied to the document's own content (`Assessment.content()`),
the result is validated through the model (so a score above its max or a phase of no length is
refused with the field and the reason), and `changes(before, after)` lists what moved, for the
what-if list, the decision record and the hand-out.

Paths name a field as `risks[2].probability` (0-based positions, as in `readiness export`).
"""

from __future__ import annotations

import copy
import difflib
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import get_args

from pydantic import ValidationError

from readiness.analysis.audit import audit_claims
from readiness.analysis.compare import norm
from readiness.errors import format_path
from readiness.model import Assessment, Unit

# The parts of an assessment a user edits as tables, with the word for one row.
PARTS: dict[str, str] = {
    "categories": "category", "findings": "finding", "risks": "risk", "checklist": "checklist item",
    "phases": "phase", "costs": "cost item", "actions": "action",
}
# The field that names a row of each part (for labels and for matching rows between versions).
NAME_FIELDS = ("name", "title", "text", "category", "subject")
UNITS = get_args(Unit)


@dataclass(frozen=True)
class FieldProblem:
    """One field an edit broke: where (a path and words) and why."""

    field: str
    label: str
    reason: str

    def __str__(self) -> str:
        return f"{self.label}: {self.reason}"


class EditRefused(ValueError):
    """An edit the model does not accept; nothing should be stored. Carries every broken field."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.reason}" for p in problems))


@dataclass(frozen=True)
class Change:
    """One thing that differs between two versions of a document."""

    field: str
    label: str
    before: object = None
    after: object = None

    def text(self) -> str:
        """The change in one plain sentence, such as 'Risk "Replication lag" probability: 0.5 → 0.3'."""
        if self.before is _ABSENT:
            return f"{self.label} added"
        if self.after is _ABSENT:
            return f"{self.label} removed"
        return f"{self.label}: {value_text(self.before)} → {value_text(self.after)}"

    def as_dict(self) -> dict:
        """JSON-ready, for the decision record."""
        return {"field": self.field, "label": self.label, "text": self.text(),
                "before": None if self.before is _ABSENT else self.before,
                "after": None if self.after is _ABSENT else self.after}


@dataclass(frozen=True)
class Decision:
    """A saved change: the note, who made it and when, and what changed (from the store)."""

    assessment_id: int
    based_on_id: int | None
    kind: str  # "edit" (a new version) or "correction" (an import corrected before storing)
    note: str
    author: str | None
    made_at: str
    changes: list[str] = field(default_factory=list)

    def headline(self) -> str:
        """'planning 25 Nov: accepted the risk' (Ann, 2026-11-25 10:02 UTC, 2 changes)."""
        who = self.author or "author not stated"
        count = len(self.changes)
        return f"{self.note} ({who}, {self.made_at}, {count} change{'s' if count != 1 else ''})"


class _Absent:
    def __repr__(self) -> str:
        return "absent"


_ABSENT = _Absent()


def value_text(value: object) -> str:
    """A field's value in words: 'not stated' for null, yes/no, numbers without trailing zeros."""
    if value is None or value is _ABSENT:
        return "not stated"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict) and {"min", "max", "unit"} <= set(value):
        low, high = value["min"], value["max"]
        return f"{low:g} {value['unit']}" if low == high else f"{low:g}-{high:g} {value['unit']}"
    if isinstance(value, dict) and {"score", "max"} <= set(value):
        return f"{value['score']:g}/{value['max']:g}"
    if isinstance(value, list):
        return f"{len(value)} item{'s' if len(value) != 1 else ''}"
    return str(value)


# --- paths ------------------------------------------------------------------------------------

_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\.")


def parse_path(path: str) -> list[str | int]:
    """`risks[2].probability` -> ['risks', 2, 'probability']; a malformed path is refused."""
    text = path.strip()
    steps: list[str | int] = []
    position = 0
    expect_name = True
    while position < len(text):
        match = _STEP.match(text, position)
        if match is None:
            raise EditRefused([FieldProblem(path, path, f"cannot read the path at {text[position:]!r}; "
                                            "expected a field such as risks[2].probability")])
        name, index = match.group(1), match.group(2)
        if name is not None:
            if not expect_name:
                raise EditRefused([FieldProblem(path, path, "expected '.' or '[' between field names")])
            steps.append(name)
            expect_name = False
        elif index is not None:
            steps.append(int(index))
        else:
            if expect_name:
                raise EditRefused([FieldProblem(path, path, "expected a field name after '.'")])
            expect_name = True
        position = match.end()
    if not steps or not isinstance(steps[0], str) or expect_name:
        raise EditRefused([FieldProblem(path, path or "(empty)", "expected a field such as risks[2].probability")])
    return steps


def _row_name(item: object) -> str | None:
    if isinstance(item, Mapping):
        for key in NAME_FIELDS:
            if isinstance(item.get(key), str) and item[key]:
                return item[key]
    return None


def field_label(steps: list[str | int], content: Mapping | None = None) -> str:
    """Words for a path: `risks[2].probability` -> 'Risk 3 "Replication lag": probability'."""
    if not steps:
        return "the document"
    head = steps[0]
    if head in PARTS and len(steps) > 1 and isinstance(steps[1], int):
        word = PARTS[head]
        index = steps[1]
        name = None
        if content is not None:
            items = content.get(head) or []
            if 0 <= index < len(items):
                name = _row_name(items[index])
        label = f"{word.capitalize()} {index + 1}" + (f' "{name}"' if name else "")
        rest = [s for s in steps[2:]]
        if rest and rest[0] == "tasks" and len(rest) > 1 and isinstance(rest[1], int):
            label += f", task {rest[1] + 1}"
            rest = rest[2:]
        words = " ".join(str(s).replace("_", " ") if isinstance(s, str) else f"#{s + 1}" for s in rest)
        return f"{label}: {words}" if words else label
    words = {"time_to_ready": "time to ready", "stated_totals": "stated totals"}
    return " ".join(words.get(s, s.replace("_", " ")) if isinstance(s, str) else f"#{s + 1}" for s in steps)


# --- validation ----------------------------------------------------------------------------------

def validate(content: Mapping, *, source: Assessment | None = None) -> Assessment:
    """A content dict checked through the model, audit recomputed and source kept; EditRefused if broken."""
    data = {k: v for k, v in content.items() if k not in ("audit", "source")}
    try:
        doc = Assessment.model_validate(data)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            steps = [s for s in item["loc"] if isinstance(s, (str, int))]
            # A union's branch name ("float", "function-after[...]") is not a field.
            steps = [s for s in steps if isinstance(s, int) or not any(c in s for c in "[(-")]
            reason = item["msg"].removeprefix("Value error, ")
            problems.append(FieldProblem(format_path(steps), field_label(steps, data), reason))
        raise EditRefused(problems) from None
    return doc.model_copy(update={"audit": audit_claims(doc), "source": source.source if source else None})


# --- field edits and patches -----------------------------------------------------------------------

def set_value(content: dict, path: str, value: object) -> None:
    """Set one field in a content dict in place; a missing position is refused with its path."""
    steps = parse_path(path)
    node: object = content
    for depth, step in enumerate(steps[:-1]):
        following = steps[depth + 1]
        if isinstance(step, int):
            if not isinstance(node, list) or not 0 <= step < len(node):
                size = len(node) if isinstance(node, list) else 0
                raise EditRefused([FieldProblem(path, field_label(steps[:depth + 1], content),
                                                f"there is no such row (the list has {size})")])
            if node[step] is None:
                node[step] = {} if isinstance(following, str) else []
            node = node[step]
        else:
            if not isinstance(node, dict):
                raise EditRefused([FieldProblem(path, field_label(steps[:depth + 1], content),
                                                "is not a field with parts")])
            if node.get(step) is None:
                node[step] = {} if isinstance(following, str) else []
            node = node[step]
    last = steps[-1]
    if isinstance(last, int):
        if not isinstance(node, list) or not 0 <= last < len(node):
            size = len(node) if isinstance(node, list) else 0
            raise EditRefused([FieldProblem(path, field_label(steps, content),
                                            f"there is no such row (the list has {size})")])
        node[last] = value
    elif isinstance(node, dict):
        node[last] = value
    else:
        raise EditRefused([FieldProblem(path, field_label(steps[:-1], content), "is not a field with parts")])


def apply_sets(doc: Assessment, sets: Iterable[tuple[str, object]]) -> Assessment:
    """The document with each (path, value) set, validated; EditRefused names every broken field."""
    content = copy.deepcopy(doc.content())
    for path, value in sets:
        set_value(content, path, value)
    return validate(content, source=doc)


def apply_patch(doc: Assessment, patch: object) -> Assessment:
    """Apply a patch read from YAML: a mapping of `path: value` sets, or a list of RFC 6902 operations.

    RFC 6902 (JSON Patch) is applied by the `jsonpatch` library, paths as `/risks/2/probability`.
    """
    if isinstance(patch, Mapping):
        return apply_sets(doc, [(str(path), value) for path, value in patch.items()])
    if isinstance(patch, list):
        import jsonpatch
        import jsonpointer

        try:
            content = jsonpatch.apply_patch(doc.content(), patch)
        except (jsonpatch.JsonPatchException, jsonpointer.JsonPointerException, TypeError, KeyError) as error:
            raise EditRefused([FieldProblem("patch", "the patch", f"cannot be applied ({error})")]) from None
        return validate(content, source=doc)
    raise EditRefused([FieldProblem("patch", "the patch", "expected a mapping of field: value, or a list of "
                                    "JSON Patch operations (op, path, value)")])


def parse_assignment(text: str) -> tuple[str, object]:
    """`risks[2].probability=0.3` -> ('risks[2].probability', 0.3); the value is read as YAML (null, true, 3)."""
    import yaml

    path, equals, raw = text.partition("=")
    if not equals:
        raise EditRefused([FieldProblem(text, text, "expected PATH=VALUE, such as risks[2].probability=0.3")])
    parse_path(path)
    try:
        value = yaml.safe_load(raw) if raw.strip() else None
    except yaml.YAMLError:
        value = raw
    if isinstance(value, (dict, list)) and not raw.strip().startswith(("{", "[")):
        value = raw
    return path.strip(), value


# --- tables: rows a user edits, back into a document ----------------------------------------------------

def _duration_columns(value: dict | None, prefix: str) -> dict:
    value = value or {}
    return {f"{prefix}_min": value.get("min"), f"{prefix}_max": value.get("max"), f"{prefix}_unit": value.get("unit")}


def _duration_from(row: Mapping, prefix: str) -> dict | None:
    low, high, unit = row.get(f"{prefix}_min"), row.get(f"{prefix}_max"), row.get(f"{prefix}_unit")
    if low is None and high is None:
        return None
    return {"min": low if low is not None else high, "max": high if high is not None else low, "unit": unit}


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


# Per part: the editable columns of a row, and how a row's columns go back into the item.
COLUMNS: dict[str, tuple[str, ...]] = {
    "categories": ("name", "score", "max", "grade", "weight", "status", "blocker"),
    "findings": ("title", "category", "severity", "effort_min", "effort_max", "effort_unit"),
    "risks": ("title", "probability", "impact", "mitigation"),
    "checklist": ("category", "text", "done"),
    "phases": ("name", "start_day", "duration_days", "priority"),
    "tasks": ("phase", "name", "start_day", "duration_days"),
    "costs": ("name", "min", "max", "currency", "recurrence", "note"),
    "actions": ("title", "effort_min", "effort_max", "effort_unit"),
    "document": ("title", "date", "status", "overall_score", "overall_max", "ready_min", "ready_max", "ready_unit"),
}
TABLES = ("document", "categories", "findings", "risks", "checklist", "phases", "tasks", "costs", "actions")


def table_rows(doc: Assessment, table: str) -> list[tuple[str, dict]]:
    """(row id, editable columns) for one table of the document; ids map edited rows back to items."""
    content = doc.content()
    if table == "document":
        overall = content.get("overall") or {}
        row = {"title": content.get("title"), "date": content.get("date"), "status": content.get("status"),
               "overall_score": overall.get("score"), "overall_max": overall.get("max"),
               **_duration_columns(content.get("time_to_ready"), "ready")}
        return [("0", row)]
    if table == "tasks":
        return [(f"{p}.{t}", {"phase": phase["name"], "name": task["name"], "start_day": task["start_day"],
                              "duration_days": task["duration_days"]})
                for p, phase in enumerate(content["phases"]) for t, task in enumerate(phase["tasks"])]
    rows = []
    for index, item in enumerate(content[table]):
        row = {}
        for column in COLUMNS[table]:
            if column.startswith("effort_"):
                continue
            row[column] = item.get(column)
        if "effort_min" in COLUMNS[table]:
            row.update(_duration_columns(item.get("effort"), "effort"))
        if table == "categories":
            row["blocker"] = _yes_no(item.get("blocker"))
        rows.append((str(index), row))
    return rows


def source_line(doc: Assessment, table: str, row_id: str) -> int | None:
    """The document line a row was read from (None when written by hand or added in the editor)."""
    if table == "document":
        return None
    if table == "tasks":
        p, _, t = row_id.partition(".")
        try:
            return doc.phases[int(p)].tasks[int(t)].line
        except (ValueError, IndexError):
            return None
    try:
        return getattr(doc, table)[int(row_id)].line
    except (ValueError, IndexError):
        return None


def _clean(value: object) -> object:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _item_from_row(base: dict, table: str, row: Mapping) -> dict:
    item = copy.deepcopy(base)
    for column in COLUMNS[table]:
        if column.startswith("effort_") or column not in row:
            continue
        item[column] = _clean(row[column])
    if "effort_min" in COLUMNS[table] and any(f"effort_{p}" in row for p in ("min", "max", "unit")):
        item["effort"] = _duration_from({k: _clean(v) for k, v in row.items()}, "effort")
    if table == "categories" and "blocker" in row:
        blocker = _clean(row["blocker"])
        item["blocker"] = None if blocker is None else blocker in (True, "yes")
    if table == "checklist" and item.get("done") is None:
        item["done"] = False
    return item


def apply_tables(doc: Assessment, tables: Mapping[str, list[tuple[str | None, Mapping]]]) -> Assessment:
    """The document with whole tables replaced by edited rows, validated.

    Each table is a list of (row id from `table_rows`, or None for a new row; the row's columns). Rows
    left out are deleted; fields not shown as columns (a finding's details, a phase's deliverables,
    source lines) are kept from the row the id names. A phase's tasks follow it; deleting a phase
    drops its tasks.
    """
    content = copy.deepcopy(doc.content())
    original = doc.content()
    for table, rows in tables.items():
        if table in ("document", "tasks"):
            continue
        items = []
        for row_id, row in rows:
            base = {}
            if row_id is not None and row_id.isdigit() and int(row_id) < len(original[table]):
                base = original[table][int(row_id)]
            items.append(_item_from_row(base, table, row))
        content[table] = items
        if table == "phases":
            # Remember which original phase each row came from, for the tasks below.
            content["_phase_origin"] = [int(r) if r is not None and r.isdigit() else None for r, _ in rows]
    if "tasks" in tables:
        origin = content.pop("_phase_origin", None) or list(range(len(content["phases"])))
        by_phase: dict[int, list[dict]] = {}
        for row_id, row in tables["tasks"]:
            if row_id is None or "." not in row_id:
                continue
            p, _, t = row_id.partition(".")
            base = original["phases"][int(p)]["tasks"][int(t)]
            by_phase.setdefault(int(p), []).append(_item_from_row(base, "tasks", row))
        for phase, source_index in zip(content["phases"], origin):
            if source_index is not None:
                for task in by_phase.get(source_index, []):
                    task.pop("phase", None)
                phase["tasks"] = by_phase.get(source_index, [])
    content.pop("_phase_origin", None)
    if "document" in tables and tables["document"]:
        row = {k: _clean(v) for k, v in tables["document"][0][1].items()}
        for name in ("title", "date", "status"):
            if name in row:
                content[name] = row[name]
        if "overall_score" in row or "overall_max" in row:
            score, top = row.get("overall_score"), row.get("overall_max")
            content["overall"] = None if score is None and top is None else {"score": score, "max": top}
        if any(k.startswith("ready_") for k in row):
            content["time_to_ready"] = _duration_from(row, "ready")
    return validate(content, source=doc)


# --- what changed --------------------------------------------------------------------------------------

def _key(item: object) -> str:
    name = _row_name(item)
    return norm(name) if name else repr(item)


def _diff(before: object, after: object, steps: list, root_before: Mapping, root_after: Mapping,
          out: list[Change]) -> None:
    if before == after:
        return
    if isinstance(before, dict) and isinstance(after, dict) and not _is_leaf(before, after):
        for key in list(dict.fromkeys([*before, *after])):
            if key == "line":
                continue
            _diff(before.get(key), after.get(key), [*steps, key], root_before, root_after, out)
        return
    if isinstance(before, list) and isinstance(after, list) and any(isinstance(x, dict) for x in before + after):
        matcher = difflib.SequenceMatcher(a=[_key(x) for x in before], b=[_key(x) for x in after], autojunk=False)
        for op, a0, a1, b0, b1 in matcher.get_opcodes():
            if op == "equal" or (op == "replace" and a1 - a0 == b1 - b0):
                for offset in range(a1 - a0):
                    _diff(before[a0 + offset], after[b0 + offset], [*steps, b0 + offset], root_before,
                          root_after, out)
                continue
            for index in range(a0, a1):
                path = [*steps, index]
                out.append(Change(format_path(path), field_label(path, root_before), before[index], _ABSENT))
            for index in range(b0, b1):
                path = [*steps, index]
                out.append(Change(format_path(path), field_label(path, root_after), _ABSENT, after[index]))
        return
    out.append(Change(format_path(steps), field_label(steps, root_after), before, after))


def _is_leaf(before: dict, after: dict) -> bool:
    # A duration or a score reads best as one value ("2-3 days -> 4 days").
    return any({"min", "max", "unit"} <= set(d) or {"score", "max"} == set(d) - {"line"} for d in (before, after))


def changes(before: Assessment, after: Assessment) -> list[Change]:
    """What differs from `before` to `after`, field by field, rows matched by name (source lines ignored)."""
    old, new = before.content(), after.content()
    out: list[Change] = []
    for key in dict.fromkeys([*old, *new]):
        if key == "schema":
            continue
        _diff(old.get(key), new.get(key), [key], old, new, out)
    return out

