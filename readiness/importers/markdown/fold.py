"""Case-insensitive patterns searched in lowered text without the flag: the same answers, faster.

A pattern compiled with IGNORECASE compares every character of the text against every alternative
it might start ("cost|budget|investment|..."): the regex engine cannot skip to the positions where an
alternative's first letter stands, as it does without the flag. In a lowered heading, label or header
cell the same pattern without the flag finds the same matches at the same places several times faster
(a short heading against a list of keywords: about 1 µs instead of 4).

That holds for two conditions, both checked:
- the text: every character is one whose lowering is what IGNORECASE does with it, one for one. That
  is the case in Latin (but for "İ", "ı" and "ſ", which IGNORECASE pairs with "i" and "s"), Cyrillic,
  and the caseless scripts (CJK, Hangul, Arabic) and punctuation; a text with any other character is
  searched with the pattern itself;
- the pattern (`twin`): every character it compares is lowered or caseless and matched by IGNORECASE
  with exactly the characters of those scripts that lower to it, every range holds both cases of any
  letter it holds, and no inline flag changes the case rule. This is checked on the parsed pattern
  against every cased character of those scripts; a pattern that fails, or whose parsed form the check
  does not know, has no twin.
"""

from __future__ import annotations

import re
from functools import lru_cache

try:  # the parser re compiles with; where it is not found, every pattern is used as it is
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - every supported Python has them
    _sre = _sre_parse = None

# Latin and Cyrillic without the three letters IGNORECASE pairs across ("İ", "ı", "ſ"): the cased
# characters a foldable text may hold (the other ranges of _UNFOLDABLE are caseless).
_CHECKED = "".join(chr(code) for code in [*range(0x250), *range(0x400, 0x500)] if code not in (0x130, 0x131, 0x17F))
_LOWERS_TO: dict[str, set[str]] = {}
for _cased in _CHECKED:
    _LOWERS_TO.setdefault(_cased.lower(), set()).add(_cased)
del _cased
# A text any character of which is outside these is searched with the pattern itself.
_UNFOLDABLE = re.compile("[^\x00-\u012f\u0132-\u017e\u0180-\u024f\u0400-\u04ff\u0600-\u06ff\u2000-\u206f"
                         "\u3000-\u9fff\uac00-\ud7af\uff00-\uff20\uff3b-\uff40\uff5b-\uffef]")

# id(pattern) -> [pattern, its twin or None, whether the twin was looked for, searches so far].
_TWINS: dict[int, list] = {}
# id(pattern) -> (pattern, its twin or None) once the twin was looked for: what every later search asks first.
_SETTLED: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}
# A twin costs a parse and a compile (about 0.3 ms): it is made for a pattern searched this often, so that
# a command reading one small file does not pay more for twins than they save it.
_SEARCHES_BEFORE_TWIN = 16


def foldable(text: str) -> bool:
    """Whether lowering the text does to each of its characters what IGNORECASE does."""
    return text.isascii() or _UNFOLDABLE.search(text) is None


def lowered(text: str) -> str | None:
    """The text lowered where it is foldable, else None: what `has_in` takes, worked out once for a
    text searched for many patterns (a heading, a label)."""
    return text.lower() if foldable(text) else None


def twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern without IGNORECASE, to search `text.lower()` for a foldable `text` in its place; None
    where the pattern has no IGNORECASE or the twin could answer differently, and until the pattern has
    been asked for its twin _SEARCHES_BEFORE_TWIN times. Remembered by the pattern's
    id (hashing a compiled pattern hashes its whole program); the entry keeps the pattern, so that an id
    reused by another pattern is never mistaken for it."""
    settled = _SETTLED.get(id(pattern))
    if settled is not None and settled[0] is pattern:
        return settled[1]
    known = _TWINS.get(id(pattern))
    if known is None or known[0] is not pattern:
        known = _TWINS[id(pattern)] = [pattern, None, False, 0]
    if not known[2]:
        known[3] += 1
        if known[3] < _SEARCHES_BEFORE_TWIN:
            return None
        known[1], known[2] = _twin(pattern), True
    _SETTLED[id(pattern)] = (pattern, known[1])
    return known[1]


def has_in(pattern: re.Pattern[str], text: str, folded: str | None, start: bool = False) -> bool:
    """Whether `pattern.search(text)` finds anything (with start, whether `pattern.match(text)` matches),
    `folded` being `lowered(text)`."""
    other = twin(pattern)
    if other is not None and folded is not None:
        pattern, text = other, folded
    return (pattern.match(text) if start else pattern.search(text)) is not None


def which(patterns: tuple[re.Pattern[str], ...], text: str) -> tuple[int, ...]:
    """The positions of the patterns that `has` finds in the text: the text lowered once, the twins looked up in
    one loop (a label asked of every label pattern)."""
    folded = lowered(text)
    found = []
    for index, pattern in enumerate(patterns):
        other = twin(pattern)
        if (other.search(folded) if other is not None and folded is not None else pattern.search(text)) is not None:
            found.append(index)
    return tuple(found)


def has(pattern: re.Pattern[str], text: str) -> bool:
    """Whether `pattern.search(text)` finds anything, through the twin where the text is foldable."""
    return has_in(pattern, text, lowered(text))


def opens_with(pattern: re.Pattern[str], text: str) -> bool:
    """Whether `pattern.match(text)` matches, through the twin where the text is foldable."""
    return has_in(pattern, text, lowered(text), True)


def blank(pattern: re.Pattern[str], text: str) -> str:
    """`pattern.sub(" ", text)`, found through the twin where the text is foldable: a foldable text lowers one
    character for one, so the twin's matches in the lowered text stand where the pattern's do in the text."""
    folded = lowered(text)
    other = twin(pattern) if folded is not None else None
    if other is None:
        return pattern.sub(" ", text)
    parts, end = [], 0
    for match in other.finditer(folded):
        parts.append(text[end:match.start()])
        end = match.end()
    if not parts:
        return text
    parts.append(text[end:])
    return " ".join(parts)


def _twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    if _sre_parse is None or not isinstance(pattern.pattern, str) or not pattern.flags & re.IGNORECASE:
        return None
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
        if not _same_on_lowered(list(parsed)):
            return None
    except Exception:  # noqa: BLE001 - a form the check does not know: the pattern is used as it is
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


# The lower-case characters IGNORECASE pairs with a checked character that lowers to another one ("ı" with
# "i" and "I", "ſ" with "s", "μ" with "µ", the old Cyrillic forms with "в", "д", "о", ...). Every other
# character that is its own lowering is matched by IGNORECASE with exactly the checked characters that
# lower to it: tests/test_markdown_fold.py checks this of every character of the Basic Multilingual Plane.
_PAIRED_ACROSS = frozenset("\u0131\u017f\u03bc\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87")


def _char_folds(code: int) -> bool:
    """Whether IGNORECASE matches the character with exactly the checked characters that lower to it."""
    char = chr(code)
    return char.lower() == char and char not in _PAIRED_ACROSS


@lru_cache(maxsize=None)
def _range_folds(low: int, high: int) -> bool:
    """Whether IGNORECASE matches the range with exactly the checked characters whose lowering is in it."""
    matched = set(re.findall(f"[{re.escape(chr(low))}-{re.escape(chr(high))}]", _CHECKED, re.IGNORECASE))
    return matched == {char for char in _CHECKED if low <= ord(char.lower()) <= high}


def _same_on_lowered(items: list) -> bool:
    """Whether every part of a parsed pattern answers on lowered text as IGNORECASE does on the text."""
    for op, av in items:
        if op in (_sre.LITERAL, _sre.NOT_LITERAL):
            if not _char_folds(av):
                return False
        elif op is _sre.IN:
            for member, value in av:
                if member in (_sre.LITERAL, _sre.NOT_LITERAL):
                    if not _char_folds(value):
                        return False
                elif member is _sre.RANGE:
                    if not _range_folds(*value):
                        return False
                elif member not in (_sre.NEGATE, _sre.CATEGORY):
                    return False
        elif op is _sre.SUBPATTERN:
            _group, add_flags, del_flags, inner = av
            if add_flags or del_flags or not _same_on_lowered(list(inner)):
                return False
        elif op is _sre.BRANCH:
            if not all(_same_on_lowered(list(branch)) for branch in av[1]):
                return False
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            if not _same_on_lowered(list(av[2])):
                return False
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            if not _same_on_lowered(list(av[1])):
                return False
        elif op is _sre.ATOMIC_GROUP:
            if not _same_on_lowered(list(av)):
                return False
        elif op not in (_sre.AT, _sre.ANY, _sre.CATEGORY):
            return False  # back references and the rest: not looked into, the pattern is used as it is
    return True
