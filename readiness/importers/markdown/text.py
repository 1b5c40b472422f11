"""Text repair and cleaning: mojibake over the whole document, emoji and markup off small strings."""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

# Every memo of a reading of some string, so that clear_caches forgets them all.
_MEMOS: list = []


def memo(maxsize: int):
    """lru_cache for a function of strings that clear_caches() clears (benchmarks: each parse starts as
    on a file never seen; an import keeps them, headings and labels recur across documents)."""
    def wrap(function):
        cached = lru_cache(maxsize=maxsize)(function)
        _MEMOS.append(cached)
        return cached
    return wrap


# Mojibake is UTF-8 read as a single-byte code page: each character of two to four bytes became a lead
# character (bytes C2-DF, E0-EF or F0-F4, for two, three or four bytes) followed by as many continuation
# characters (bytes 80-BF) as it says. A text with no such sequence has nothing for fix_encoding to undo, and
# looking for one is far cheaper than running it. Ordinary accented letters ("Ärger", "não") do not form
# such sequences, so Portuguese or German text is left alone.
_MOJIBAKE_CODECS = ("cp1252", "mac_roman")


def _characters(codec: str, first: int, last: int) -> str:
    """The characters the code page shows for the bytes first to last, escaped for a character class."""
    return re.escape("".join(bytes([b]).decode(codec, errors="ignore") for b in range(first, last + 1)))


def _sequences(codec: str) -> list[str]:
    # After the lead (matched first, below), a look back at which lead it is and the continuations it needs.
    continuation = _characters(codec, 0x80, 0xBF)
    return [f"(?<=[{_characters(codec, first, last)}])[{continuation}]{{{length - 1}}}"
            for first, last, length in ((0xC2, 0xDF, 2), (0xE0, 0xEF, 3), (0xF0, 0xF4, 4))]


# Any lead of either code page, then the continuations that lead needs in its own code page. The pattern opens
# with one character class, so the regex engine skips to the leads, and a run of leads or of sequences cut
# short is passed over without leaving it.
_MOJIBAKE_SEQUENCE = re.compile(
    "[" + "".join(_characters(codec, 0xC2, 0xF4) for codec in _MOJIBAKE_CODECS) + "]"
    + "(?:" + "|".join(part for codec in _MOJIBAKE_CODECS for part in _sequences(codec)) + ")")


def _undoes_as_utf8(candidate: str) -> bool:
    """Whether the characters at a lead, read back as bytes of some code page, are UTF-8 for one character.

    Each character is one byte of either code page, and the first byte says how many bytes its character
    takes: only that many are decoded (an unencodable character becomes "?", which no UTF-8 continues with)."""
    for codec in _MOJIBAKE_CODECS:
        raw = candidate.encode(codec, errors="replace")
        lead = raw[0]
        if not 0xC2 <= lead <= 0xF4:
            continue
        try:
            if len(raw[:2 if lead < 0xE0 else 3 if lead < 0xF0 else 4].decode("utf-8")) == 1:
                return True
        except UnicodeDecodeError:
            continue
    return False


def _mojibake_at(text: str, pos: int = 0) -> int:
    """Where the first character of mojibake stands at or after `pos`, or -1 (every lead is looked at, also
    one inside a sequence that was not mojibake)."""
    while (found := _MOJIBAKE_SEQUENCE.search(text, pos)) is not None:
        at = found.start()
        if _undoes_as_utf8(text[at:at + 4]):
            return at
        pos = at + 1
    return -1


def has_mojibake(text: str) -> bool:
    """Whether some characters of the text are UTF-8 bytes once read as Windows-1252 or Mac Roman."""
    return not text.isascii() and _mojibake_at(text) >= 0  # every sequence opens with a character above ASCII


# Longest line the recognizers read (the corpus's longest is ~420 characters). Longer lines are cut and
# reported: no pattern then sees more than this, whatever a file holds on one line.
MAX_LINE = 5000


def cut_long_lines(text: str, limit: int = MAX_LINE) -> tuple[str, list[tuple[int, int]]]:
    """The text with every line longer than `limit` cut to it, and (line number, length) of each cut."""
    if len(text) <= limit or not any(len(line) > limit for line in text.split("\n")):
        return text, []
    lines = text.split("\n")
    cuts = [(number, len(line)) for number, line in enumerate(lines, 1) if len(line) > limit]
    return "\n".join(line[:limit] for line in lines), cuts


def repair_text(text: str) -> str:
    """Undo mojibake: ftfy reads every line that has some, together, and the other lines are left alone.

    Together, because ftfy decides from all of them which code page the text was read as (a short line
    alone may not look broken enough to be repaired). Only those lines, because ftfy re-encodes a text in
    a code page only where every character fits it: a line of letters the code page lacks (Chinese, or
    "ö" in a Mac Roman text) would otherwise keep every other line broken."""
    if text.isascii():
        return text
    at = _mojibake_at(text)
    if at < 0:
        return text
    import ftfy  # imported here: a clean document (most of them) never loads it

    spans = []  # (start, end) of each line with mojibake
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        spans.append((start, end))
        at = _mojibake_at(text, end)
    repaired = ftfy.fix_encoding("\n".join(text[start:end] for start, end in spans)).split("\n")
    if len(repaired) != len(spans):  # no repair ftfy makes adds or removes a line end; if one did, go whole
        return ftfy.fix_encoding(text)
    parts, done = [], 0
    for (start, end), line in zip(spans, repaired):
        parts += (text[done:start], line)
        done = end
    parts.append(text[done:])
    return "".join(parts)


# Variation selectors, zero-width joiner, keycap, and the like carry no words.
_INVISIBLE = {0xFE0E, 0xFE0F, 0x200D, 0x20E3, 0x200B, 0x200E, 0x200F}


@memo(4096)
def _is_symbol(char: str) -> bool:
    code = ord(char)
    if char == "№":  # the numero sign is a word ("№ 3"), not a pictograph
        return False
    if code in _INVISIBLE or 0x1F1E6 <= code <= 0x1F1FF or 0x1F3FB <= code <= 0x1F3FF:
        return True
    return unicodedata.category(char) in ("So", "Cs", "Co")


# The non-ASCII characters that may be symbols: not the letters of Latin, Greek, Cyrillic (but for "҂"), Hebrew,
# Arabic, kana, CJK ideographs and Hangul, nor dashes, quotes and full-width forms, none of which is one
# (tests/test_markdown_recognizers.py checks every character left out against _is_symbol).
_MAYBE_SYMBOL = re.compile("[^\x00-\x7f\u00c0-\u024f\u0370-\u0481\u0483-\u052f\u05d0-\u05ea\u0620-\u064a"
                           "\u0660-\u06d5\u2010-\u2027\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff5e]")


def strip_symbols(text: str) -> str:
    """Remove emoji and pictographs (✅ 🔴 ⭐ ⚠️), keeping letters, digits and punctuation."""
    if text.isascii():
        return text
    # Each distinct character is looked at once (a Cyrillic or Chinese line repeats most of its letters).
    symbols = [c for c in set(_MAYBE_SYMBOL.findall(text)) if _is_symbol(c)]
    if not symbols:
        return text
    if len(symbols) > 8:  # many: one pass over the text; few: a replace each (translate looks up every character)
        return text.translate({ord(c): " " for c in symbols})
    for symbol in symbols:
        text = text.replace(symbol, " ")
    return text


# No quantifier may run past the character that starts another attempt ("[", "<"): otherwise a long
# line of "[" or "<a" is rescanned from every start, in time growing with the square of its length.
_LINK = re.compile(r"!?\[([^\[\]]*)\]\((?:[^()\[\]]|\([^()\[\]]*\))*\)")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# Every alternative opens with its mark (a look back after it sees what stands before): the regex engine then
# skips to the marks instead of trying each alternative at every character.
_MARKS = re.compile(r"\*\*|__|~~|`|\*(?<!\w\*)(?=\S)|\*(?<=\S\*)(?!\w)|_(?<!\w_)(?=\S)|_(?<=\S_)(?!\w)")
_NO_MARKS = frozenset("*_~`")
_EDGE_PUNCT = " \t:;,.-–—|>*#=[]：，。（）"


# What plain() may change in an ASCII text: a link, tag, mark or entity, a space other than " ", or spaces
# doubled or at either end. A text without any (most titles, labels and cells) is its own plain form.
_NOT_PLAIN = re.compile(r"[\[<*_~`&\t\n\x0b\x0c\r\x1c-\x1f]|  |^ | $")


@memo(16384)
def plain(text: str) -> str:
    """Inline markdown to plain words: links, bold, code marks, HTML tags and emoji removed."""
    if not text:
        return ""
    if text.isascii() and _NOT_PLAIN.search(text) is None:
        return text
    # Each pattern runs only where its first character occurs: most strings are a few plain words.
    if "[" in text:
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _HTML_TAG.sub(" ", text)
    if not _NO_MARKS.isdisjoint(text):
        text = _MARKS.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    text = strip_symbols(text)
    # str.split() and the pattern \s agree on what is a space (str.isspace).
    return " ".join(text.split())


# Two letters in a row: a text that has one says something in words (not only figures or signs).
WORD = re.compile(r"[^\W\d_]{2,}")


_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|(?:#|№\s?)\d+[.:]?)\s+")


@memo(8192)
def clean_name(text: str) -> str:
    """A name as shown: plain text without surrounding punctuation, numbering or brackets."""
    text = plain(text)
    if text[:1].isdigit() or text[:1] in ("#", "№"):
        text = _NUMBERING.sub("", text)
    text = text.strip(_EDGE_PUNCT)
    # Brackets left unbalanced by the cut ("(Week 1", "done)") go; balanced ones are part of the name.
    # Indices move instead of slices being copied: linear on a line of "(" (the strip keeps brackets).
    opened, closed = text.count("("), text.count(")")
    start, end = 0, len(text)
    while start < end and text[start] == "(" and opened > closed:
        start, opened = start + 1, opened - 1
        start, end = _strip_range(text, start, end)
    while start < end and text[end - 1] == ")" and closed > opened:
        end, closed = end - 1, closed - 1
        start, end = _strip_range(text, start, end)
    text = text[start:end]
    if opened > closed:
        text = text.rsplit("(", 1)[0].strip(_EDGE_PUNCT)
    return text


_EDGE_SET = frozenset(_EDGE_PUNCT)


def _strip_range(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of text[start:end].strip(_EDGE_PUNCT), without copying."""
    while start < end and text[start] in _EDGE_SET:
        start += 1
    while end > start and text[end - 1] in _EDGE_SET:
        end -= 1
    return start, end


def name_key(text: str) -> str:
    """A name for comparing: case-folded, plain, without surrounding punctuation."""
    return clean_name(text).casefold()


_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")


def bold_parts(text: str) -> list[str]:
    """The bold spans of an inline string, in order."""
    return [m.group(1) or m.group(2) for m in _BOLD.finditer(text)]


_BOLD_LEAD = re.compile(r"^[^\w*_]*(?:\*\*|__)(.+?)(?:\*\*|__)\s*[:\-–—]?\s*(.*)$", re.S)


def lead_title(text: str) -> tuple[str, str]:
    """Split a list item into its title and the rest: a bold lead, else text before ' - ' or ': '."""
    stripped = text.strip()
    match = _BOLD_LEAD.match(stripped)
    if match:
        title, rest = match.group(1), match.group(2)
        return clean_name(title.rstrip(":")), rest.strip()
    simple = plain(stripped)
    for sep in (" - ", " – ", " — ", ": "):
        if sep in simple:
            head, rest = simple.split(sep, 1)
            if 0 < len(head) <= 80:
                return clean_name(head), rest.strip()
    return clean_name(simple), ""


def shorten(text: str, limit: int = 160) -> str:
    """Cut a long text at a word boundary, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


# A heading, table row or list item at a line's start. Spaces before the mark within its line only
# ([^\S\n]): a "\s*" at each line start would rescan every blank line below it (20,000 took 5 s).
_MARKDOWN_LINE = re.compile(r"(?m)^(?:#{1,6}\s+\S|\|.*\|\s*$|[^\S\n]*[-*+]\s+\S|[^\S\n]*\d+[.)]\s+\S)")
# Words of prose; a word's start first, so that a run of letters is not tried from each of them.
_PROSE = re.compile(r"(?<![A-Za-z])[A-Za-z]{3,}\s+[A-Za-z]{2,}")


def looks_like_markdown(text: str) -> bool:
    """Whether a text with an unknown file ending reads as markdown or plain prose."""
    head = text[:20000]
    if _MARKDOWN_LINE.search(head):
        return True
    printable = sum(1 for c in head if c.isprintable() or c in "\n\t")
    return len(head) > 0 and printable / len(head) > 0.97 and bool(_PROSE.search(head))


def clear_caches() -> None:
    """Forget every memoized reading of a string: cleanings, levels, vocabulary, labels (for honest
    benchmarks: each parse starts cold)."""
    for cached in _MEMOS:
        cached.cache_clear()


def span(low: float, high: float, spec: str = "g") -> str:
    """'2' for a single value, '2-3' for a range, for readable facts."""
    if low == high:
        return format(low, spec)
    return f"{format(low, spec)}-{format(high, spec)}"
