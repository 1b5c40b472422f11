"""The readiness/v1 YAML importer: safe loading, bounded aliases, every invalid field reported.

Two loaders give the same document. The fast one (libyaml composes the nodes in C, a small
constructor builds plain mappings, lists and scalars) takes what ordinary documents hold; anything
else (an error, nesting near the limit, aliases, merge keys, explicit tags) goes to the exact loader,
whose composer and SafeConstructor run in Python, count what aliases add and name the line.
"""

from __future__ import annotations

import contextlib
import functools
import gc

import yaml
import yaml.cyaml
from pydantic import ValidationError

from readiness.errors import InputError, format_path
from readiness.importers import ParseResult, looks_like_yaml
from readiness.model import SCHEMA, Assessment

# What aliases may add to a document once expanded: an alias bomb ("billion laughs") is small on
# disk but multiplies through aliases of aliases. Nodes written out count nothing here, so a large
# honest document (40,000 checklist items, no aliases) passes however big it is.
MAX_ALIAS_EXPANSION = 100_000
# Deepest nesting of sequences and mappings. readiness/v1 needs 6 (phases > tasks > items); the
# limit keeps composing (which recurses) far from Python's recursion limit.
MAX_DEPTH = 64


class _DepthLimit:
    """Composing that refuses nesting deeper than MAX_DEPTH (PyYAML's composer recurses per level)."""

    def compose_node(self, parent, index):
        depth = getattr(self, "_depth", 0)
        if depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None, None, f"nested more than {MAX_DEPTH} levels deep (readiness/v1 needs at most 6)",
                self.peek_event().start_mark)
        self._depth = depth + 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth = depth


if yaml.__with_libyaml__:
    # libyaml scans and parses (~10x faster than PyYAML's Python scanner); PyYAML's own composer
    # builds the nodes from libyaml's events, so that the depth limit applies.
    class _TextDateLoader(_DepthLimit, yaml.composer.Composer, yaml.cyaml.CParser, yaml.constructor.SafeConstructor,
                          yaml.resolver.Resolver):
        """Safe loading that leaves dates as text and refuses nesting deeper than MAX_DEPTH."""

        def __init__(self, stream: str) -> None:
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

        def dispose(self) -> None:
            pass
else:  # pragma: no cover - PyYAML wheels ship libyaml
    class _TextDateLoader(_DepthLimit, yaml.SafeLoader):
        """Safe loading that leaves dates as text and refuses nesting deeper than MAX_DEPTH."""


_TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _libyaml_limits_nesting(levels: int = 2000) -> bool:
    """Whether libyaml refuses nesting before `levels` (the bundled one stops at 1,000 levels).

    Its composer recurses in C, where no recursion limit applies: only a libyaml that stops deep
    nesting itself may compose untrusted text.
    """
    parser = yaml.cyaml.CParser("[" * levels + "]" * levels)
    try:
        while not isinstance(parser.get_event(), (yaml.StreamEndEvent, type(None))):
            pass
    except yaml.YAMLError:
        return True
    finally:
        parser.dispose()
    return False


# The fast path: libyaml composes the nodes (in C; its own nesting limit keeps the recursion short).
FAST_LOADING = bool(yaml.__with_libyaml__) and _libyaml_limits_nesting()



def _match_plain_tag(value: str) -> str:
    """The tag of a plain (unquoted) scalar: Resolver.resolve's matching, with the exact loader's resolvers."""
    resolvers = _TextDateLoader.yaml_implicit_resolvers
    for tag, regexp in resolvers.get(value[:1], []) + resolvers.get(None, []):
        if regexp.match(value):
            return tag
    return _TextDateLoader.DEFAULT_SCALAR_TAG


# The same short texts ("null", "100.0", keys) recur in every document: their tags are remembered.
# Long ones are matched each time (a cache must not keep large texts alive).
_short_plain_tag = functools.lru_cache(maxsize=4096)(_match_plain_tag)
_SHORT = 64


if yaml.__with_libyaml__:
    class _PlainLoader(yaml.cyaml.CSafeLoader):
        """libyaml's parser and composer, with the exact loader's resolvers (dates stay text)."""

        def resolve(self, kind, value, implicit):
            # libyaml's composer asks for every node's tag: what Resolver.resolve answers, sooner.
            if self.yaml_path_resolvers:  # pragma: no cover - nothing here adds path resolvers
                return super().resolve(kind, value, implicit)
            if kind is yaml.ScalarNode:
                if not implicit[0]:
                    return self.DEFAULT_SCALAR_TAG
                return _short_plain_tag(value) if len(value) <= _SHORT else _match_plain_tag(value)
            return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG
else:  # pragma: no cover - PyYAML wheels ship libyaml
    _PlainLoader = _TextDateLoader

_PlainLoader.yaml_implicit_resolvers = _TextDateLoader.yaml_implicit_resolvers

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class _NotPlain(Exception):
    """The document holds more than plain mappings, lists and scalars: the exact loader reads it."""


def construct_plain(loader: yaml.constructor.SafeConstructor, root: yaml.Node) -> object:
    """The data of a node tree of plain mappings, lists and str/int/float/bool/null scalars.

    What SafeConstructor gives for the same nodes (scalars go through its own constructors), without
    its generators and bookkeeping. Raises _NotPlain on anything else: another tag (explicit, a merge
    key "<<", "="), a mapping or list used as a key, a node nested MAX_DEPTH levels deep (the exact
    loader names that line). The recursion is therefore at most MAX_DEPTH deep. Aliases are not
    looked for: a tree with aliases must not come here (each would be built again).
    """
    scalars = {
        "tag:yaml.org,2002:null": loader.construct_yaml_null,
        "tag:yaml.org,2002:bool": loader.construct_yaml_bool,
        "tag:yaml.org,2002:int": loader.construct_yaml_int,
        "tag:yaml.org,2002:float": loader.construct_yaml_float,
    }
    scalar_node, sequence_node, mapping_node = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode

    def build(node: yaml.Node, level: int) -> object:
        if level >= MAX_DEPTH:
            raise _NotPlain
        kind = node.__class__
        if kind is scalar_node:
            if node.tag == _STR:
                return node.value
            construct = scalars.get(node.tag)
            if construct is None:
                raise _NotPlain
            return construct(node)
        level += 1
        if kind is mapping_node and node.tag == _MAP:
            data = {}
            for key_node, value_node in node.value:
                if key_node.__class__ is not scalar_node:
                    raise _NotPlain
                data[build(key_node, level)] = build(value_node, level)
            return data
        if kind is sequence_node and node.tag == _SEQ:
            return [build(child, level) for child in node.value]
        raise _NotPlain

    return build(root, 0)


def _load_plain(text: str) -> tuple[object, yaml.Node | None] | None:
    """The data and nodes of an ordinary document read by the fast path; None where the exact loader
    must read it (any error, nesting, aliases, tags: it says what and where)."""
    loader = None
    try:
        loader = _PlainLoader(text)
        node = loader.get_single_node()
        if node is None:
            return None, None
        # Aliases are left to the exact loader, which counts what they add.
        if "&" in text and alias_expansion(node, MAX_ALIAS_EXPANSION) != 0:
            return None
        return construct_plain(loader, node), node
    except (yaml.YAMLError, _NotPlain):
        return None
    finally:
        if loader is not None:
            loader.dispose()


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def alias_expansion(root: yaml.Node, limit: int) -> int:
    """How many nodes aliases add once expanded (the expanded size less the nodes written); stops past limit.

    Iterative, and linear in the nodes written: each node's expanded size is computed once.
    """
    sizes: dict[int, int] = {}
    written: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    on_path: set[int] = set()
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            if sizes[key] - len(written) > limit:
                return sizes[key] - len(written)
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise yaml.composer.ComposerError(None, None, "found a recursive alias", node.start_mark)
        written.add(key)
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    return max(0, sizes[id(root)] - len(written))


def _line_of(node: yaml.Node | None, loc: tuple, keys: dict[int, dict] | None = None) -> int | None:
    """The 1-based line of the YAML node at a validation error's path, as deep as it exists.

    `keys` keeps each mapping's keys once looked up (the first node of a repeated key), so that many
    errors in one large mapping cost one pass over it rather than one each.
    """
    keys = {} if keys is None else keys
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            if (known := keys.get(id(node))) is None:
                known = keys[id(node)] = {}
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode):
                        known.setdefault(key.value, value)
            match = known.get(part)
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
    """The document's data and its root node (for line numbers); an InputError naming the line."""
    if FAST_LOADING and (loaded := _load_plain(text)) is not None:
        return loaded
    return _load_exact(text, filename)


def _load_exact(text: str, filename: str) -> tuple[object, yaml.Node | None]:
    loader = None
    try:
        # The reader checks every character when it is created: inside the try.
        loader = _TextDateLoader(text)
        node = loader.get_single_node()
        # Without an anchor ("&") there is no alias to expand: large honest documents skip the count.
        if node is not None and "&" in text and (
                added := alias_expansion(node, MAX_ALIAS_EXPANSION)) > MAX_ALIAS_EXPANSION:
            raise InputError(filename, f"aliases add more than {MAX_ALIAS_EXPANSION:,} values to the YAML "
                             f"(at least {added:,}; refused as a possible alias bomb)")
        data = loader.construct_document(node) if node is not None else None
    except yaml.reader.ReaderError as error:
        # libyaml counts the position in bytes of the UTF-8 text; PyYAML's reader in characters.
        encoded = text.encode("utf-8", "surrogatepass")
        line = encoded.count(b"\n", 0, max(0, error.position)) + 1
        character = error.character if isinstance(error.character, int) else ord(error.character or "\0")
        raise InputError(filename, f"not valid YAML: the character U+{character:04X} is not allowed in YAML "
                         "text (a control character); remove it, or write it as an escape in a double-quoted "
                         "string", line=line) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise InputError(filename, f"not valid YAML: {error.problem or error.context}", line=line) from None
    except yaml.YAMLError as error:
        raise InputError(filename, f"not valid YAML: {error}") from None
    finally:
        if loader is not None:
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
        keys: dict[int, dict] = {}
        for item in error.errors():
            line = _line_of(node, item["loc"], keys)
            message = item["msg"].removeprefix("Value error, ")
            where = f" (line {line})" if line else ""
            problems.append(f"{format_path(item['loc']) or '(document)'}: {message}{where}")
        first_line = _line_of(node, error.errors()[0]["loc"], keys)
        raise InputError(filename, f"not a valid {SCHEMA} document ({len(problems)} "
                         f"problem{'s' if len(problems) != 1 else ''})", line=first_line,
                         problems=problems) from None


class YamlImporter:
    """readiness/v1 documents written in YAML (or exported by readiness)."""

    name = "yaml"

    def accepts(self, filename: str, text: str) -> bool:
        return looks_like_yaml(filename, text)

    def parse(self, text: str, *, filename: str) -> ParseResult:
        with _no_cycle_collection():
            data, node = _load(text, filename)
            return ParseResult(document=validate(data, filename=filename, node=node))


@contextlib.contextmanager
def _no_cycle_collection():
    """Python's cycle collector paused while a document is loaded and validated.

    Loading allocates a node per value, and every few hundred allocations the collector runs; its
    older generations then walk every object the process holds (pydantic's schemas, the store's
    tables) and, in a large document, the growing node tree again and again: a third of the time
    of 1,000 generated documents, three quarters of a 1 MB checklist. What loading builds has no
    cycles to collect (a recursive alias, read by the exact loader only, is collected afterwards).
    The pause is process-wide: another thread parsing at the same time at worst collects later.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def dump(document: Assessment) -> str:
    """A document as readiness/v1 YAML, with its audit and source."""
    data = document.model_dump(mode="json", by_alias=True, exclude_none=False)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
