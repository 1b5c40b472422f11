"""The readiness/v1 YAML importer: safe loading, bounded aliases, every invalid field reported."""

from __future__ import annotations

import re

import yaml
from pydantic import ValidationError

from readiness.errors import InputError
from readiness.importers import ParseResult
from readiness.model import SCHEMA, Assessment

MAX_ALIASES = 100
_SNIFF = re.compile(r"^(?:\s*#[^\n]*\n|\s*\n|---\s*\n)*schema:\s*['\"]?readiness/v1\b")


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that refuses alias bombs ("billion laughs") by counting aliases."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise yaml.constructor.ConstructorError(
                    None, None, f"more than {MAX_ALIASES} aliases (refused as a possible alias bomb)", mark)
        return super().compose_node(parent, index)


def format_loc(loc: tuple) -> str:
    """('categories', 2, 'score') -> 'categories[2].score'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(document)"


def _line_of(node: yaml.Node | None, loc: tuple) -> int | None:
    """The 1-based line of the YAML node at a validation error's path, as deep as it exists."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            match = node.value[part]
        else:
            match = None
        if match is None:
            break
        node = match
        line = node.start_mark.line + 1
    return line


def _load(text: str, filename: str) -> tuple[object, yaml.Node | None]:
    loader = _BoundedLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise InputError(filename, f"not valid YAML: {error.problem or error.context}", line=line) from None
    except yaml.YAMLError as error:
        raise InputError(filename, f"not valid YAML: {error}") from None
    finally:
        loader.dispose()
    return data, node


def validate(data: object, *, filename: str, node: yaml.Node | None = None) -> Assessment:
    """Validate loaded data as readiness/v1, reporting every problem with its path (and line)."""
    if not isinstance(data, dict):
        raise InputError(filename, f"expected a mapping with 'schema: {SCHEMA}' at the top, "
                         f"found {type(data).__name__}")
    if data.get("schema") != SCHEMA:
        raise InputError(filename, f"expected 'schema: {SCHEMA}', found {data.get('schema')!r}",
                         line=_line_of(node, ("schema",)) if "schema" in data else None)
    # audit and source are read-only: computed again on every import.
    content = {key: value for key, value in data.items() if key not in ("audit", "source")}
    try:
        return Assessment.model_validate(content)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            line = _line_of(node, item["loc"])
            message = item["msg"].removeprefix("Value error, ")
            where = f" (line {line})" if line else ""
            problems.append(f"{format_loc(item['loc'])}: {message}{where}")
        first_line = _line_of(node, error.errors()[0]["loc"])
        raise InputError(filename, f"not a valid {SCHEMA} document ({len(problems)} "
                         f"problem{'s' if len(problems) != 1 else ''})", line=first_line,
                         problems=problems) from None


class YamlImporter:
    """readiness/v1 documents written in YAML (or exported by readiness)."""

    name = "yaml"

    def accepts(self, filename: str, text: str) -> bool:
        return filename.lower().endswith((".yaml", ".yml")) or bool(_SNIFF.match(text))

    def parse(self, text: str, *, filename: str) -> ParseResult:
        data, node = _load(text, filename)
        return ParseResult(document=validate(data, filename=filename, node=node))


def dump(document: Assessment) -> str:
    """A document as readiness/v1 YAML, with its audit and source."""
    data = document.model_dump(mode="json", by_alias=True, exclude_none=False)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
