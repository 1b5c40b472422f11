"""Records: every section read once into uniform records, whatever its markdown form.

A record is one thing a document lists, with a title, named fields, its line and the headings above
it. The same risk reads the same whether it is written as

- a table row (`| Database migration fails | 40% | High | Dry runs |` under its header),
- a heading with field lines (`### RISK-2: Database migration fails` then `**Probability**: 40%`),
- a list item with labelled sub-items (`- Database migration fails` then `  - Impact: High`), or
- a labelled line (`- Vercel Pro: $20/mo`, `**Score**: 7/10`).

Interpreters (one per kind of fact) then decide from the field names (vocabulary.field_of), the
shapes of the values and the headings in scope (vocabulary.scope_of) which records are theirs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from readiness.importers.markdown.text import clean_name, memo, plain
from readiness.importers.markdown.tree import Code, ListBlock, ListItem, Paragraph, Section, Table
from readiness.importers.markdown.vocabulary import field_of, scope_of

# "**Label**: value", "**Label:** value", "Label: value", "- **Label** - value" (label at most 40 characters).
_LABELLED = re.compile(r"^[^\w*_]{0,3}(?:\*\*|__)?(?P<label>[^*_:：\n|]{1,40}?)\s*"
                       r"(?:(?:\*\*|__)\s*[:：]|[:：]\s*(?:\*\*|__)|[:：])\s*(?P<value>.*)$", re.S)


# Small patterns compiled once (they run on every document; regex_audit sees them here).
_TIME_OF_DAY = re.compile(r"^\d{1,2}:\d{2}")


@memo(8192)
def split_label(text: str) -> tuple[str, str] | None:
    """('Probability', 'Medium (40%)') for "**Probability**: Medium (40%)", else None (remembered: a section's
    lines are split for its heading's fields and again as records of their own)."""
    if ":" not in text and "：" not in text:  # every label ends at a colon: most lines need no pattern run
        return None
    match = _LABELLED.match(text.strip())
    if not match:
        return None
    label = plain(match.group("label")).strip()
    if not label or label[0].isdigit() and ":" in text[:6] and _TIME_OF_DAY.match(text.strip()):
        return None  # a time of day "10:00", not a label
    return label, match.group("value").strip()


@dataclass(eq=False)
class Record:
    """One listed thing: its title, its fields (label as written -> value as written), where it stands."""

    form: str  # "row", "heading", "item" or "line"
    title: str
    line: int
    section: Section
    fields: dict[str, str] = field(default_factory=dict)
    checked: bool | None = None
    header: tuple[str, ...] = ()
    cells: tuple[str, ...] = ()
    items: list[Record] = field(default_factory=list)
    text: str = ""
    table: Table | None = None
    lead: str | None = None  # the label line right above the record's list ("**High:**", "Need to add:")
    block: object | None = None  # the code block a line record stands in (ASCII score bars)

    def get(self, name: str) -> str | None:
        """The value of the first field that names `name` (a vocabulary field), or None."""
        for label, value in self.fields.items():
            if field_of(label) == name:
                return value
        return None

    def has(self, *names: str) -> bool:
        """Whether any field names one of these vocabulary fields."""
        return any(field_of(label) in names for label in self.fields)

    @cached_property
    def name(self) -> str:
        """The title as plain words."""
        return clean_name(self.title)

    @property
    def scope(self) -> frozenset[str]:
        """What the headings above the record say (its own heading included for heading records)."""
        return section_scope(self.section)

    def headings(self) -> Iterator[Section]:
        """The record's section and the sections above it, nearest first (document root excluded)."""
        node: Section | None = self.section
        while node is not None and node.level:
            yield node
            node = node.parent


def section_scope(section: Section) -> frozenset[str]:
    """The cues of a section's heading and of every heading above it (kept on the section)."""
    if section.scope is None:
        own = scope_of(section.name) if section.level and not _is_document_title(section) else frozenset()
        section.scope = own | (section_scope(section.parent) if section.parent is not None else frozenset())
    return section.scope


def _is_document_title(section: Section) -> bool:
    """The document's first heading at level 1 names the document ("Launch readiness checklist"), not a part."""
    parent = section.parent
    return section.level == 1 and parent is not None and parent.level == 0 and parent.children[0] is section


def nearest_scope(section: Section, cues: tuple[str, ...]) -> str | None:
    """The first of `cues` that the nearest heading saying any of them says."""
    node: Section | None = section
    while node is not None and node.level:
        said = frozenset() if _is_document_title(node) else scope_of(node.name)
        for cue in cues:
            if cue in said:
                return cue
        node = node.parent
    return None


def _label_fields(section: Section) -> dict[str, str]:
    """Fields from the section's labelled lines whose labels name a vocabulary field; an empty value takes the
    list below."""
    fields: dict[str, str] = {}
    following: dict[int, str] | None = None
    for line, text in _direct_texts(section):
        split = split_label(text)
        if split is None or field_of(split[0]) is None:
            continue
        label, value = split
        if not value:
            following = _following_lists(section) if following is None else following
            value = following.get(line, "")
        fields.setdefault(label, value)
    return fields


def _item_record(item: ListItem, section: Section, lead: str | None = None) -> Record:
    """A list item with the labelled sub-items under it as its fields."""
    record = Record(form="item", title=item.text, line=item.line, section=section, checked=item.checked,
                    text=item.text, lead=lead)
    for block in item.blocks:
        if isinstance(block, ListBlock):
            for sub in block.items:
                split = split_label(sub.text)
                if split is not None and field_of(split[0]) is not None:
                    label, value = split
                    if not value and sub.blocks:
                        value = "; ".join(s.text for b in sub.blocks if isinstance(b, ListBlock) for s in b.items)
                    record.fields.setdefault(label, value)
                else:
                    record.items.append(_item_record(sub, section))
        elif isinstance(block, Paragraph):
            for line, text in block.lines():
                split = split_label(text)
                if split is not None and field_of(split[0]) is not None:
                    record.fields.setdefault(split[0], split[1])
    return record


def _row_records(table: Table, section: Section) -> Iterator[Record]:
    header = tuple(plain(cell) for cell in table.header)
    for row, line in zip(table.rows, table.row_lines):
        fields = {label or f"column {i + 1}": cell for i, (label, cell) in enumerate(zip(header, row))}
        yield Record(form="row", title=row[0] if row else "", line=line, section=section, fields=fields,
                     header=header, cells=tuple(row), text=" | ".join(row), table=table)


def _following_lists(section: Section) -> dict[int, str]:
    """For each paragraph's last line, the list right after it (a label whose value is that list)."""
    following: dict[int, str] = {}
    blocks = section.blocks
    for index, block in enumerate(blocks[:-1]):
        after = blocks[index + 1]
        if isinstance(block, Paragraph) and isinstance(after, ListBlock):
            last_line = block.line + block.text.count("\n")
            following[last_line] = "; ".join(plain(item.text) for item in after.items)
    return following


def _is_field_value(previous: object, block: object) -> bool:
    """Whether a list is the value of the field label right above it ("**Mitigation:**" then bullets)."""
    if not isinstance(previous, Paragraph) or not isinstance(block, ListBlock):
        return False
    split = split_label(previous.text.split("\n")[-1])
    return split is not None and not split[1] and field_of(split[0]) is not None


def _direct_texts(section: Section) -> list[tuple[int, str]]:
    texts: list[tuple[int, str]] = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            texts.extend(block.lines())
        elif isinstance(block, ListBlock):
            texts.extend((item.line, item.text) for item in block.items)
    return texts


def _lead(block: object) -> str | None:
    """A one-line paragraph that ends in a colon leads into the list after it ("**High:**", "Need to add:")."""
    if not isinstance(block, Paragraph) or "\n" in block.text.strip():
        return None
    text = plain(block.text)
    return text.rstrip(":： ") if text.endswith((":", "：")) and len(text) <= 80 else None


def section_records(section: Section) -> list[Record]:
    """The records of one section: its heading record (when it has field lines), rows, items and lines."""
    records: list[Record] = []
    if section.level:
        # Every heading is a record; its field lines ("**Impact**: High") are its fields.
        fields = _label_fields(section)
        records.append(Record(form="heading", title=section.title, line=section.line, section=section,
                              fields=fields, text=section.title))
    previous = None
    for block in section.blocks:
        lead = _lead(previous)
        if _is_field_value(previous, block) and records and records[0].fields:
            previous = block
            continue  # its items are the heading record's field value, not records of their own
        previous = block
        if isinstance(block, Table) and block.header:
            records.extend(_row_records(block, section))
        elif isinstance(block, ListBlock):
            for item in block.items:
                split = split_label(item.text)
                if split is not None and field_of(split[0]) is not None and section.level and records[0].fields:
                    continue  # a field line of the heading record, not an item of its own
                records.append(_item_record(item, section, lead))
        elif isinstance(block, Paragraph):
            for line, text in block.lines():
                split = split_label(text)
                if split is not None and field_of(split[0]) is None and split[1]:
                    records.append(Record(form="line", title=split[0], line=line, section=section,
                                          fields={split[0]: split[1]}, text=text))
        elif isinstance(block, Code):
            # Only "Label: value" lines of a code block are records (score bars); code is never read.
            for line, text in block.lines():
                split = split_label(text) if len(text) <= 200 else None
                if split is not None and split[1]:
                    records.append(Record(form="line", title=split[0], line=line, section=section,
                                          fields={split[0]: split[1]}, text=text, block=block))
    return records


def read_records(root: Section) -> list[Record]:
    """Every record of the document, in document order."""
    return [record for section in root.walk() for record in section_records(section)]
