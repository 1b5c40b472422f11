"""The readiness/v1 YAML importer: safe loading, bounded aliases, every invalid field reported."""

from __future__ import annotations

import re

import yaml
from pydantic import ValidationError

from readiness.errors import InputError
from readiness.importers import ParseResult
from readiness.model import SCHEMA, Assessment

# More nodes than this once aliases are expanded is refused: an alias bomb ("billion laughs")
# is small on disk but multiplies through aliases of aliases.
MAX_EXPANDED_NODES = 200_000
_SNIFF = re.compile(r"^(?:\s*#[^\n]*\n|\s*\n|---\s*\n)*schema:\s*['\"]?readiness/v1\b")


# libyaml's parser (CSafeLoader) reads about twice as fast as the pure-Python one, with the same
# nodes, marks and errors; PyYAML built without libyaml has only the latter.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextDateLoader(_SafeLoader):
    """SafeLoader that leaves dates as text: the format validates them, with the field's path."""


_TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _expanded_size(node: yaml.Node, limit: int) -> int:
    """How many nodes the document has once every alias is expanded (stops counting past limit)."""
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()

    def size(current: yaml.Node) -> int:
        key = id(current)
        if key in sizes:
            return sizes[key]
        if key in in_progress:
            raise yaml.constructor.ConstructorError(None, None, "a recursive alias", current.start_mark)
        in_progress.add(key)
        total = 1
        if isinstance(current, yaml.SequenceNode):
            children = current.value
        elif isinstance(current, yaml.MappingNode):
            children = [part for pair in current.value for part in pair]
        else:
            children = []
        for child in children:
            total += size(child)
            if total > limit:
                break
        in_progress.discard(key)
        sizes[key] = total
        return total

    return size(node)


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
    loader = _TextDateLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None and _expanded_size(node, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES:
            raise InputError(filename, f"the YAML expands to more than {MAX_EXPANDED_NODES:,} values "
                             "through aliases (refused as a possible alias bomb)")
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
