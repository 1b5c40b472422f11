"""The section tree: markdown-it-py tokens folded into headings with their blocks and sub-sections.

One pass over the flat token stream (cheaper than SyntaxTreeNode), keeping 1-based source lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from readiness.importers.markdown.fold import has_in, lowered
from readiness.importers.markdown.text import clean_name


def _parser(idle: tuple[str, ...] = ()) -> MarkdownIt:
    """The benchmark's parser configuration, without inline parsing (the recognizers read each inline token's
    text, `content`, never its children, and tokenizing links costs ~25 s on a 1 MB line of "["), and without
    the block rules `idle`."""
    parser = MarkdownIt("commonmark").enable("table").disable("inline")
    return parser.disable(list(idle)) if idle else parser


_PARSER = _parser()

# Block rules that can match only in a text holding certain characters. markdown-it tries every rule at every
# line; a rule that cannot match anywhere in the text neither opens a block nor ends one, so a parser without
# it gives the same tokens, sooner (most short documents have no table, fence, quote, reference or HTML).
_SETEXT_UNDERLINE = re.compile(r"^[ \t>]*+(?:-++|=++)[ \t]*+$", re.M)  # after quote marks and indentation
_RULES_NEED: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("table", lambda text: "|" in text),  # its header line holds one
    ("code", lambda text: "    " in text or "\t" in text),  # four columns of indentation
    ("fence", lambda text: "```" in text or "~~~" in text),
    ("blockquote", lambda text: ">" in text),
    ("reference", lambda text: "]:" in text),  # "[label]: url"
    ("html_block", lambda text: "<" in text),
    ("lheading", lambda text: _SETEXT_UNDERLINE.search(text) is not None),
)
# The parser without each set of rules that cannot match, made once per set.
_PARSERS: dict[tuple[str, ...], MarkdownIt] = {(): _PARSER}
_CHECKBOX = re.compile(r"^\[([ xX✓✔])\]\s+")


@dataclass
class Paragraph:
    """A paragraph's inline text (soft line breaks kept as newlines)."""

    text: str
    line: int

    def lines(self) -> Iterator[tuple[int, str]]:
        """Each source line of the paragraph with its line number."""
        for offset, text in enumerate(self.text.split("\n")):
            yield self.line + offset, text


@dataclass
class ListItem:
    """A list item: its first paragraph's text, a checkbox state if it has one, nested blocks."""

    text: str
    line: int
    ordered: bool
    checked: bool | None = None
    blocks: list = field(default_factory=list)

    def sublists(self) -> Iterator[ListItem]:
        """The items of the lists nested in this one, depth first."""
        for block in self.blocks:
            if isinstance(block, ListBlock):
                for item in block.items:
                    yield item
                    yield from item.sublists()


@dataclass
class ListBlock:
    """A bullet or ordered list."""

    items: list[ListItem]
    line: int
    ordered: bool

    def all_items(self) -> Iterator[ListItem]:
        """Every item, nested ones included, in document order."""
        for item in self.items:
            yield item
            yield from item.sublists()


@dataclass
class Table:
    """A table: header cells and rows of inline cell texts, each row with its line."""

    header: list[str]
    rows: list[list[str]]
    row_lines: list[int]
    line: int


@dataclass
class Code:
    """A fenced or indented code block: read only for what records find in it (ASCII score bars)."""

    info: str
    line: int
    content: str = ""

    def lines(self) -> Iterator[tuple[int, str]]:
        """Each line of the code with its line number (the fence itself is the block's line)."""
        for offset, text in enumerate(self.content.split("\n")):
            yield self.line + 1 + offset, text


Block = Paragraph | ListBlock | Table | Code


@dataclass(eq=False)
class Section:
    """A heading with the blocks under it and the sections nested in it (level 0 is the document)."""

    level: int
    title: str
    line: int
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    parent: Section | None = None
    pseudo: bool = False  # a bold label above a list, read as a sub-heading
    raw: str = ""  # a bold label's paragraph as written, put back if it turns out to lead a lone list
    scope: frozenset[str] | None = None  # what this heading and those above say (records.section_scope)
    _name: str | None = None
    _folded: str | None = None  # the name lowered where that is how IGNORECASE reads it (fold.lowered)
    _says: dict[int, tuple[re.Pattern[str], bool]] = field(default_factory=dict, repr=False, compare=False)
    _within: dict[int, tuple[re.Pattern[str], bool]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def name(self) -> str:
        """The title as plain words."""
        if self._name is None:
            self._name = clean_name(self.title)
            self._folded = lowered(self._name)
        return self._name

    def says(self, pattern: re.Pattern[str], *, start: bool = False) -> bool:
        """Whether this heading's name has `pattern` (searched, or matched at its start with start=True);
        the document root has no heading. Remembered: every recognizer asks it of the same headings."""
        # Keyed by the pattern's id (hashing a compiled pattern hashes its whole program, every time), negated
        # for a match at the start. The entry keeps the pattern, so that an id reused by another pattern is
        # never mistaken for it.
        key = -id(pattern) if start else id(pattern)
        known = self._says.get(key)
        if known is not None and known[0] is pattern:
            return known[1]
        answer = False
        if self.level:
            # A heading is searched lowered, without IGNORECASE, where that gives the same answer (fold):
            # keyword lists are searched several times faster.
            name = self.name
            answer = has_in(pattern, name, self._folded, start)
        self._says[key] = (pattern, answer)
        return answer

    def within(self, pattern: re.Pattern[str], *, start: bool = False) -> bool:
        """Whether this heading or one above it says `pattern` (see `says`)."""
        key = -id(pattern) if start else id(pattern)
        known = self._within.get(key)
        if known is None or known[0] is not pattern:
            known = (pattern, self.says(pattern, start=start) or (self.parent is not None
                                                                  and self.parent.within(pattern, start=start)))
            self._within[key] = known
        return known[1]

    def walk(self) -> Iterator[Section]:
        """This section and every section below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self) -> Iterator[Section]:
        """The enclosing sections, nearest first (the document root last)."""
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def paragraphs_and_items(self) -> Iterator[tuple[int, str]]:
        """(line, text) of each paragraph line and each list item directly under this heading."""
        for block in self.blocks:
            if isinstance(block, Paragraph):
                yield from block.lines()
            elif isinstance(block, ListBlock):
                for item in block.all_items():
                    yield item.line, item.text


def tokenize(text: str) -> list[Token]:
    """markdown-it-py's tokens for the text (CommonMark plus tables)."""
    idle = tuple(name for name, may_match in _RULES_NEED if not may_match(text))
    parser = _PARSERS.get(idle)
    if parser is None:
        parser = _PARSERS[idle] = _parser(idle)
    return parser.parse(text)


def build_tree(tokens: list[Token]) -> Section:
    """Fold the token stream into a tree of sections rooted at a level-0 document section."""
    root = Section(level=0, title="", line=1)
    stack = [root]
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if token.type == "heading_open":
            level = int(token.tag[1])
            inline = tokens[position + 1]
            while stack[-1].level >= level:
                stack.pop()
            section = Section(level=level, title=inline.content, line=_line(token), parent=stack[-1])
            stack[-1].children.append(section)
            stack.append(section)
            position += 3
            continue
        label = _bold_label(tokens, position)
        if label is not None:
            # A paragraph that is only a bold label, right above a list or table, heads that list as a
            # sub-heading would: "**Security Tests**" then its checkboxes.
            while stack[-1].pseudo:
                stack.pop()
            section = Section(level=stack[-1].level + 1, title=label, line=_line(token), parent=stack[-1],
                              pseudo=True, raw=tokens[position + 1].content)
            stack[-1].children.append(section)
            stack.append(section)
            position += 3
            continue
        block, position = _read_block(tokens, position)
        if block is not None:
            stack[-1].blocks.append(block)
    _fold_lone_labels(root)
    return root


def _fold_lone_labels(root: Section) -> None:
    """Several bold labels in one section split it into groups; a lone one only leads into its list.

    The lone label goes back into its section as the paragraph it was ("**Need to add:**" under
    "VPS setup" names no group of its own).
    """
    for section in list(root.walk()):
        labels = [child for child in section.children if child.pseudo]
        if len(labels) != 1:
            continue
        lone = labels[0]
        section.children.remove(lone)
        section.blocks.append(Paragraph(lone.raw, lone.line))
        section.blocks.extend(lone.blocks)


# Without a colon: "**Security Tests**" heads a group; "**Deliverables**:" or "**Day 5: Replay**" leads
# into its list and stays a paragraph (the recognizers read such labels where they stand).
_BOLD_LABEL = re.compile(r"^(?:\*\*|__)([^*_\n:：]{2,80}?)(?:\*\*|__)\s*$")
_BLOCK_OPENERS = ("bullet_list_open", "ordered_list_open", "table_open")


def _bold_label(tokens: list[Token], position: int) -> str | None:
    """The label of a bold-only paragraph that stands right above a list or table, else None."""
    token = tokens[position]
    if token.type != "paragraph_open" or token.level != 0 or position + 3 >= len(tokens):
        return None
    if tokens[position + 3].type not in _BLOCK_OPENERS:
        return None
    match = _BOLD_LABEL.match(tokens[position + 1].content)
    if not match:
        return None
    # "**Mitigation:**" above a list is a field whose value is the list, not a sub-heading: _BOLD_LABEL
    # takes no colon. Without one ("**Location & GPS**") a label names a group, field word or not.
    return match.group(1).strip()


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 0


def _read_block(tokens: list[Token], position: int) -> tuple[Block | None, int]:
    """Read one block starting at position; return it (or None) and the position after it."""
    token = tokens[position]
    kind = token.type
    if kind == "paragraph_open":
        return Paragraph(tokens[position + 1].content, _line(token)), position + 3
    if kind in ("bullet_list_open", "ordered_list_open"):
        return _read_list(tokens, position)
    if kind == "table_open":
        return _read_table(tokens, position)
    if kind in ("fence", "code_block"):
        return Code(token.info, _line(token), token.content), position + 1
    # Blockquotes, rules and HTML: their insides are read as blocks of the enclosing section.
    return None, position + 1


def _read_list(tokens: list[Token], position: int) -> tuple[ListBlock, int]:
    opener = tokens[position]
    ordered = opener.type == "ordered_list_open"
    closer = "ordered_list_close" if ordered else "bullet_list_close"
    block = ListBlock(items=[], line=_line(opener), ordered=ordered)
    position += 1
    while position < len(tokens) and tokens[position].type != closer:
        if tokens[position].type != "list_item_open":
            position += 1
            continue
        item = ListItem(text="", line=_line(tokens[position]), ordered=ordered)
        position += 1
        first = True
        while position < len(tokens) and tokens[position].type != "list_item_close":
            if tokens[position].type == "heading_open":  # "- # x" is legal; keep its words
                tokens_heading = tokens[position + 1]
                item.blocks.append(Paragraph(tokens_heading.content, _line(tokens[position])))
                position += 3
                continue
            child, position = _read_block(tokens, position)
            if child is None:
                continue
            if first and isinstance(child, Paragraph):
                item.text = child.text
                item.line = child.line
            else:
                item.blocks.append(child)
            first = False
        match = _CHECKBOX.match(item.text)
        if match:
            item.checked = match.group(1) != " "
            item.text = item.text[match.end():]
        block.items.append(item)
        position += 1
    return block, position + 1


def _read_table(tokens: list[Token], position: int) -> tuple[Table, int]:
    table = Table(header=[], rows=[], row_lines=[], line=_line(tokens[position]))
    row: list[str] | None = None
    in_head = False
    position += 1
    while position < len(tokens) and tokens[position].type != "table_close":
        token = tokens[position]
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row = []
            if not in_head:
                table.row_lines.append(_line(token))
        elif token.type == "tr_close" and row is not None:
            if in_head:
                table.header = row
            else:
                table.rows.append(row)
            row = None
        elif token.type == "inline" and row is not None:
            row.append(token.content)
        position += 1
    return table, position + 1
