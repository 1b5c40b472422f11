"""Parsers for the small strings inside tokens: scores, durations, money, dates, probabilities.

Each takes a short cell or line and returns None when it finds nothing; none raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from readiness.importers.markdown.text import memo, plain
from readiness.importers.markdown.vocabulary import LEVEL_WORDS
from readiness.model import Duration

_NUM = r"\d+(?:[.,]\d+)?"

_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")  # "1,080"
_DECIMAL_COMMA = re.compile(r"(?<!\d)\d++,\d{1,2}")  # "4,75"


# Small patterns compiled once (they run on every document; regex_audit sees them here).
_BRACKETED = re.compile(r"\s*[(（][^)）]*[)）]\s*")
_BARE_FRACTION = re.compile(r"(?<![\d.])(0?\.\d+|1\.0|[01])(?![\d.%])")


def to_float(text: str) -> float | None:
    """'1,080' -> 1080.0, '4,75' -> 4.75 (a comma before one or two digits is a decimal mark)."""
    text = text.strip()
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    elif _DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


# ---------------------------------------------------------------- scores

# Scales scores are written on; "6/6 deployed" or "7/13 tests" are counts, not scores.
_SCALES = (5, 10, 20, 25, 30, 40, 50, 100, 1000)
_FRACTION = re.compile(rf"(?<![\d.])({_NUM})\s*/\s*({_NUM})(?![\d/])")
_PERCENT = re.compile(rf"(?<![\d.])({_NUM})\s*%")
_LETTER = re.compile(r"(?<![\w+-])([A-F][+-]?)(?![\w+-])")
_BARE = re.compile(rf"^\s*+[~≈]?\s*+({_NUM})\s*$")


def parse_grade(text: str) -> str | None:
    """'B+' -> 'B+', 'Grade: C' -> 'C': a letter grade standing alone in a short text, kept as text."""
    match = _LETTER.search(text or "")
    return match.group(1) if match and len(text.strip()) <= 12 else None


def parse_score(text: str, *, scale: float | None = None) -> tuple[float, float] | None:
    """'3/10' -> (3, 10), '85%' -> (85, 100), 'B+ (85/100)' -> (85, 100); a letter grade alone is no score
    (it is kept as text: parse_grade).

    A bare number takes the given scale, else 10 when it is at most 10, else 100.
    """
    if not text:
        return None
    for match in _FRACTION.finditer(text):
        score, top = to_float(match.group(1)), to_float(match.group(2))
        if score is not None and top and 0 <= score <= top and top in _SCALES:
            return score, top
    match = _PERCENT.search(text)
    if match:
        value = to_float(match.group(1))
        if value is not None and 0 <= value <= 100:
            return value, 100.0
    match = _BARE.match(text)
    if match:
        value = to_float(match.group(1))
        if value is None:
            return None
        top = scale or (10.0 if value <= 10 else 100.0 if value <= 100 else None)
        if top and 0 <= value <= top:
            return value, top
    return None


def parse_percent(text: str) -> float | None:
    """'25%' -> 25.0; a bare number between 0 and 100 also counts (weights are often written so)."""
    match = _PERCENT.search(text or "")
    if match:
        return to_float(match.group(1))
    match = _BARE.match(text or "")
    if match:
        value = to_float(match.group(1))
        if value is not None and 0 <= value <= 100:
            return value
    return None


# ---------------------------------------------------------------- durations

_UNITS = [
    (r"min(?:ute)?s?|minuten|минут\w*|minutos?|分钟|분", "minutes"),
    (r"h(?:ou)?rs?|h|stunden?|std|час\w*|horas?|heures?|小时|小時|시간", "hours"),
    (r"(?:working |business |engineering |dev )?days?|d|tage?n?|arbeitstage|дн\w*|день|dias?|jours?|天|일",
     "days"),
    (r"(?:engineering |working )?weeks?|wks?|w|wochen?|недел\w*|semanas?|semaines?|sprints?|周|週|星期|주",
     "weeks"),
    (r"months?|mo|monate?n?|месяц\w*|m[eê]s(?:es)?|mois|个月|個月|개월", "months"),
]
_UNIT_PATTERN = "|".join(f"(?P<u{i}>{pattern})" for i, (pattern, _) in enumerate(_UNITS))
_DURATION = re.compile(
    rf"(?<![\w.])(?:~|≈|about |approx\.? |approximately |ca\. )?(?P<a>{_NUM})\s*\+?"
    rf"(?:\s*(?:-|–|—|to|bis|до)\s*(?P<b>{_NUM}))?\s*(?:{_UNIT_PATTERN})(?![\w])",
    re.I,
)


def parse_duration(text: str) -> Duration | None:
    """'3-5 days', '2–3 weeks', '~8.5 hours', '30 minutes' (0.5 hours) -> Duration; else None."""
    if not text:
        return None
    match = _DURATION.search(text)
    if not match:
        return None
    low = to_float(match.group("a"))
    high = to_float(match.group("b")) if match.group("b") else low
    if low is None or high is None or high < low:
        return None
    unit = next(_UNITS[i][1] for i in range(len(_UNITS)) if match.group(f"u{i}"))
    if unit == "minutes":
        low, high, unit = low / 60, high / 60, "hours"
    return Duration(min=low, max=high, unit=unit)


_DAY_RANGE = re.compile(r"^\s*(?:day|days|tag|tage|день|дни|dia|dias|jour)\s+(\d+)(?:\s*(?:-|–|—|to|bis)\s*(\d+))?\b",
                        re.I)


_WEEK_RANGE = re.compile(r"^\s*(?:weeks?|wochen?|semaines?|semanas?|недел[яиь]|тиждень|тижні|тижнів|第)\s*(\d+)"
                         r"(?:\s*(?:-|–|—|to|bis|à|a|до)\s*(\d+))?\s*(?:周|週)?(?=\s*[:：\-–—]|\s*$)", re.I)
WORKING_DAYS_PER_WEEK = 5


def parse_day_range(text: str) -> tuple[int, int, str] | None:
    """'Day 1-2: Unit tests' -> (1, 2, 'Unit tests'): a task's days within its phase, 1-based.

    A week range counts in working weeks: 'Неделя 3-4: mTLS' -> (11, 20, 'mTLS').
    """
    match = _DAY_RANGE.match(text or "")
    if not match:
        week = _WEEK_RANGE.match(text or "")
        if not week:
            return None
        first_week = int(week.group(1))
        last_week = int(week.group(2)) if week.group(2) else first_week
        if first_week < 1 or last_week < first_week or last_week > 104:
            return None
        rest = text[week.end():].strip(" :：-–—.")
        return ((first_week - 1) * WORKING_DAYS_PER_WEEK + 1, last_week * WORKING_DAYS_PER_WEEK, rest)
    first = int(match.group(1))
    last = int(match.group(2)) if match.group(2) else first
    if first < 1 or last < first or last > 400:
        return None
    rest = text[match.end():].strip(" :-–—.")
    return first, last, rest


# ---------------------------------------------------------------- money

_CURRENCIES = {"$": "USD", "US$": "USD", "USD": "USD", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP",
               "RM": "MYR", "MYR": "MYR", "¥": "CNY", "CNY": "CNY", "R$": "BRL", "₽": "RUB", "₴": "UAH",
               "CHF": "CHF", "A$": "AUD", "AUD": "AUD", "C$": "CAD", "CAD": "CAD", "₹": "INR",
               "РУБ": "RUB", "РУБ.": "RUB", "ГРН": "UAH", "ГРН.": "UAH"}
_CURRENCY = r"US\$|A\$|C\$|R\$|\$|€|£|¥|₽|₴|₹|\bRM|\bUSD|\bEUR|\bGBP|\bMYR|\bCHF|\bAUD|\bCAD"
_AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MULT = r"[kKmM](?![a-zA-Z])|[kK]\b|million\b|mil\b|mio\.?|thousand\b|bn\b|billion\b"
_MONEY = re.compile(
    rf"(?P<cur>{_CURRENCY})\s?(?P<a>{_AMOUNT})\s*(?P<am>{_MULT})?"
    rf"(?:\s*(?:-|–|—|to|bis)\s*(?:{_CURRENCY})?\s?(?P<b>{_AMOUNT})\s*(?P<bm>{_MULT})?)?"
    rf"(?P<per>\s*(?:/|per |a |each )\s*(?:mo(?:nth)?|year|yr|annum|week|wk)\b|\s+(?:monthly|annually|yearly))?",
    re.I,
)
_TRAILING_CURRENCY = re.compile(
    rf"(?<![\w.,])(?P<a>{_AMOUNT})\s*(?P<am>{_MULT})?(?:\s*(?:-|–|—|to|bis)\s*(?P<b>{_AMOUNT})\s*(?P<bm>{_MULT})?)?"
    rf"\s?(?P<cur>€|\bEUR\b|\bUSD\b|\bRM\b|\bMYR\b|\bGBP\b|\bCHF\b|₽|руб\.?|₴|грн\.?|\$)"
    rf"(?P<per>\s*(?:/|per |a |pro |im )\s*(?:mo(?:nth)?|monat|year|yr|jahr|annum|week|wk)\b)?",
    re.I,
)
_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "mil": 1e6, "mio": 1e6, "mio.": 1e6,
                "bn": 1e9, "billion": 1e9}


@dataclass
class Money:
    """A money range found in a line, with where it ends (for the note after it)."""

    min: float
    max: float
    currency: str
    recurrence: str  # once, monthly, yearly, weekly
    end: int
    start: int


def parse_money(text: str) -> Money | None:
    """'$15-30K' -> 15000-30000 USD once; '$824-1,080/month' -> monthly; '€2.5k' -> 2500 EUR."""
    if not text:
        return None
    match = _MONEY.search(text) or _TRAILING_CURRENCY.search(text)
    if not match:
        return None
    low = to_float(match.group("a"))
    high = to_float(match.group("b")) if match.group("b") else low
    if low is None or high is None:
        return None
    a_mult = _MULTIPLIERS.get((match.group("am") or "").lower().rstrip(), 1.0)
    b_mult = _MULTIPLIERS.get((match.group("bm") or "").lower().rstrip(), 1.0) if match.group("b") else a_mult
    # "$15-30K": the multiplier written once applies to both ends.
    if match.group("b") and not match.group("am"):
        a_mult = b_mult
    low, high = low * a_mult, high * b_mult
    if high < low:
        return None
    per = (match.group("per") or "").lower()
    recurrence = ("monthly" if "mo" in per else "yearly" if any(w in per for w in ("year", "yr", "annum", "annually",
                                                                                   "jahr"))
                  else "weekly" if "w" in per else "once")
    currency = _CURRENCIES.get(match.group("cur").upper(), _CURRENCIES.get(match.group("cur"), "USD"))
    return Money(low, high, currency, recurrence, match.end(), match.start())


# ---------------------------------------------------------------- dates

_MONTHS = {name: i + 1 for i, names in enumerate([
    ("january", "jan", "januar", "janvier", "enero", "janeiro"),
    ("february", "feb", "februar", "février", "febrero", "fevereiro"),
    ("march", "mar", "märz", "maerz", "mars", "marzo", "março"),
    ("april", "apr", "avril", "abril"),
    ("may", "mai", "mayo", "maio"),
    ("june", "jun", "juni", "juin", "junio", "junho"),
    ("july", "jul", "juli", "juillet", "julio", "julho"),
    ("august", "aug", "août", "agosto"),
    ("september", "sep", "sept", "septembre", "septiembre", "setembro"),
    ("october", "oct", "oktober", "octobre", "octubre", "outubro"),
    ("november", "nov", "novembre", "noviembre", "novembro"),
    ("december", "dec", "dezember", "décembre", "diciembre", "dezembro"),
]) for name in names}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2}|XX|xx)(?:-(\d{1,2}|XX|xx))?(?!\d)")
_DAY_MONTH_YEAR = re.compile(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+({_MONTH})\.?,?\s+(\d{{4}})", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.I)
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\.?,?\s+(\d{{4}})\b", re.I)
_DOTTED = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")
_FOUR_DIGITS = re.compile(r"\d{4}")
_CJK_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    import datetime as dt

    if not 1900 <= year <= 2200:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_date(text: str) -> str | None:
    """'10 October 2025', 'October 10, 2025', '2025-10-10', '10.10.2025', '2025年10月10日' -> '2025-10-10';
    '2025-01-XX' -> '2025-01'."""
    if not text or not _FOUR_DIGITS.search(text):
        return None  # every form below has a four-digit year
    match = _ISO.search(text)
    if match:
        month = None if match.group(2).lower() == "xx" else int(match.group(2))
        day = None if not match.group(3) or match.group(3).lower() == "xx" else int(match.group(3))
        return _iso(int(match.group(1)), month, day if month else None)
    match = _CJK_DATE.search(text)
    if match:
        return _iso(int(match.group(1)), int(match.group(2)), int(match.group(3)) if match.group(3) else None)
    match = _DAY_MONTH_YEAR.search(text)
    if match:
        return _iso(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
    match = _MONTH_DAY_YEAR.search(text)
    if match:
        return _iso(int(match.group(3)), _MONTHS[match.group(1).lower()], int(match.group(2)))
    match = _DOTTED.search(text)
    if match:
        return _iso(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    match = _MONTH_YEAR.search(text)
    if match:
        return _iso(int(match.group(2)), _MONTHS[match.group(1).lower()])
    return None


# Languages dateparser may read dates in: the ones the importer reads (unrestricted, its first calls take
# 0.1-1.3 s detecting among 200 locales).
# The longest labelled date handed to dateparser (and to _BRACKETED, whose run of "(" would cost time growing
# with the square of its length).
LABELLED_DATE_MAX = 60
DATE_LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "nl", "ru", "uk", "pl", "zh", "ja", "ko", "fa")
_DATE_PARSER = None
_YEAR = re.compile(r"(?<!\d)(?:19|20|21)\d\d(?!\d)")


def parse_labelled_date(text: str) -> str | None:
    """A date in a string a label already marks as one ("Created: 8 janvier 2026", "Дата: 3 марта 2026 г."):
    the patterns above first, then dateparser, restricted to DATE_LANGUAGES and to absolute dates with a year."""
    found = parse_date(text)
    if found or not text or len(text) > LABELLED_DATE_MAX or not _YEAR.search(text):
        return found
    global _DATE_PARSER
    if _DATE_PARSER is None:
        from dateparser.date import DateDataParser

        _DATE_PARSER = DateDataParser(languages=list(DATE_LANGUAGES), settings={
            "PARSERS": ["absolute-time"], "TIMEZONE": "UTC", "RETURN_AS_TIMEZONE_AWARE": False,
            "PREFER_DAY_OF_MONTH": "first"})
    text = _BRACKETED.sub(" ", text).strip()
    try:
        data = _DATE_PARSER.get_date_data(text)
    except Exception:  # noqa: BLE001 - a library failing on odd text must not stop the import
        return None
    when = data.date_obj
    if when is None or data.period not in ("day", "month", "year"):
        return None
    if str(when.year) not in text:  # a year dateparser filled in is not stated
        return None
    if data.period == "year":
        return _iso(when.year)
    return _iso(when.year, when.month, when.day if data.period == "day" else None)


# ---------------------------------------------------------------- traffic lights

# A status light standing in for a score, on a 100 scale: green 100, amber 50, red 0.
TRAFFIC_LIGHTS = (("🟢", 100.0), ("✅", 100.0), ("🟡", 50.0), ("🟠", 50.0), ("⚠", 50.0), ("🔴", 0.0), ("❌", 0.0))


def parse_traffic_light(text: str) -> tuple[float, float] | None:
    """'🟢' -> (100, 100), '🟡 Partial' -> (50, 100), '🔴' -> (0, 100); else None."""
    for mark, value in TRAFFIC_LIGHTS:
        if mark in (text or ""):
            return value, 100.0
    return None


# ---------------------------------------------------------------- probability, impact, severity

# Words for likelihood, longest first so that "very high" wins over "high".
_LIKELIHOOD = [
    ("almost certain", 0.95), ("very likely", 0.9), ("very high", 0.9), ("very low", 0.1), ("certain", 1.0),
    ("low-medium", 0.35), ("low to medium", 0.35), ("medium-high", 0.65), ("medium to high", 0.65),
    ("unlikely", 0.2), ("likely", 0.7), ("possible", 0.5), ("rare", 0.1),
    ("high", 0.8), ("medium", 0.5), ("moderate", 0.5), ("med", 0.5), ("low", 0.2),
    ("sehr hoch", 0.9), ("hoch", 0.8), ("mittel", 0.5), ("niedrig", 0.2), ("gering", 0.2),
    ("очень высок", 0.9), ("высок", 0.8), ("средн", 0.5), ("низк", 0.2),
    ("alta", 0.8), ("alto", 0.8), ("média", 0.5), ("medio", 0.5), ("baixa", 0.2), ("baixo", 0.2),
    ("дуже висок", 0.9), ("висок", 0.8), ("середн", 0.5), ("низьк", 0.2), ("baja", 0.2), ("bajo", 0.2),
    ("élevé", 0.8), ("moyen", 0.5), ("faible", 0.2),
]


def parse_probability(text: str) -> float | None:
    """'90%' -> 0.9; 'Low'/'Medium'/'High' -> 0.2/0.5/0.8; 'Very High' -> 0.9; else None."""
    if not text:
        return None
    match = _PERCENT.search(text)
    if match:
        value = to_float(match.group(1))
        if value is not None and 0 <= value <= 100:
            return value / 100
    lowered = text.casefold()
    for word, value in _LIKELIHOOD:
        if word in lowered:
            return value
    match = _BARE_FRACTION.search(lowered)
    if match:
        return float(match.group(1))
    return None


# The level words are the vocabulary's (one multilingual table); the signs are marks drawn beside them.
_LEVEL_SIGNS = {"critical": ("🔴", "🚨", "⛔"), "high": ("🟠",), "medium": ("🟡",), "low": ("🟢",)}
_LEVELS = [(level, (*words, *_LEVEL_SIGNS[level])) for level, words in LEVEL_WORDS.items()]


# Marks that hint at a severity only when nothing else does: a section "❌ Problems" reads as high.
_WEAK_MARKS = (("❌", "high"), ("⛔", "critical"), ("⚠", "medium"), ("🟨", "medium"), ("🟥", "critical"))


def parse_level(text: str, *, weak: bool = False) -> str | None:
    """'Critical' / '🔴' / 'P0' -> critical, 'High' -> high, ... ; words win over emoji.

    With weak=True, ❌ and ⚠️ also count (high and medium) when no stronger sign is there.
    """
    if not text:
        return None
    level = _parse_level(text)
    if level is None and weak:
        level = next((value for mark, value in _WEAK_MARKS if mark in text), None)
    return level


def _mark_kind(mark: str) -> str:
    if mark.isascii() and mark.isalpha() and " " not in mark:
        return "word"
    if not mark.isascii() and mark.isalpha():
        return "stem"
    return "phrase" if mark.isascii() else "sign"


class _LevelMarks(NamedTuple):
    """A level's marks sorted once by how they are looked for."""

    level: str
    whole: frozenset[str]  # words ("high") and short CJK marks ("高") that must be a whole word
    starts: tuple[str, ...]  # longer words and stems ("catastroph", "высок") that may start one
    phrases: tuple[str, ...]  # "very high", "p0": anywhere in the case-folded text
    signs: tuple[str, ...]  # marks: anywhere in the text as written


def _level_marks(level: str, marks: tuple[str, ...]) -> _LevelMarks:
    kinds = {mark: _mark_kind(mark) for mark in marks}
    return _LevelMarks(
        level,
        frozenset(m for m, k in kinds.items() if k == "word" or k == "stem" and len(m) <= 2),
        tuple(m for m, k in kinds.items() if k == "word" and len(m) > 4 or k == "stem" and len(m) > 2),
        tuple(m for m, k in kinds.items() if k == "phrase"),
        tuple(m for m, k in kinds.items() if k == "sign"))


# The first level with any word, stem or phrase wins; failing all, the first with a sign.
_LEVEL_MARKS = [_level_marks(level, marks) for level, marks in _LEVELS]
_LEVEL_WORD = re.compile(r"\bp[0-4]\b|[^\W\d_]+")


@memo(8192)
def _parse_level(text: str) -> str | None:
    lowered = text.casefold()
    words = _LEVEL_WORD.findall(lowered)
    word_set = set(words)
    for marks in _LEVEL_MARKS:
        if not marks.whole.isdisjoint(word_set) or any(word.startswith(marks.starts) for word in words) \
                or any(phrase in lowered for phrase in marks.phrases):
            return marks.level
    return next((marks.level for marks in _LEVEL_MARKS if any(sign in text for sign in marks.signs)), None)


# ---------------------------------------------------------------- done / not done

# A criterion's status word or mark read as a checklist item's state: done (True) or still open (False).
# Partial counts as open: a careful reader would not tick a box that is half done. Deferred, skipped and
# n/a say nothing about readiness, so they give None and the row is left out. This is a reading of words,
# not a score: no percentage is made up from Pass/Partial/Fail.
_NEGATION = re.compile(r"^(?:not|no|nicht|kein\w*|не|нет|não|nao|未|否|没有)\b|^(?:未|否|没有)", re.I)
_DONE_WORDS = re.compile(
    r"^(?:pass(?:ed|es)?|done|complete[d]?|ready|fixed|implemented|yes|ok(?:ay)?|met|green|live|deployed|resolved|"
    r"verified|ja|erledigt|bestanden|erfüllt|fertig|да|готов\w*|выполнен\w*|пройден\w*|sim|concluíd[oa]|"
    r"aprovad[oa]|是|通过|完成|已完成|就绪)\b|^(?:是|通过|完成|已完成|就绪)", re.I)
_OPEN_WORDS = re.compile(
    r"^(?:fail(?:ed|s)?|partial(?:ly)?|pending|in[ -]progress|missing|open|todo|to do|blocked|red|amber|yellow|"
    r"wip|incomplete|nein|offen|teilweise|fehlt|ausstehend|нет|частичн\w*|в работе|не\b|não|parcial|pendente|"
    r"falh\w*|部分|进行中|待|失败)\b|^(?:部分|进行中|待|失败)", re.I)
_SKIP_WORDS = re.compile(r"^(?:deferred|n/?a|skipped|out of scope|not applicable|entfällt|отложен\w*|adiad[oa])\b",
                         re.I)
DONE_MARKS = "✅✓✔☑🟢"
OPEN_MARKS = "❌✗✘⚠⏸⏳🚧🔴🟡🟠"


def parse_done(text: str) -> bool | None:
    """'Pass' / '✅' / 'JA' -> True; 'Partial' / 'Fail' / '✗ NEIN' / 'Not met' -> False; 'Deferred' / '' -> None.

    Words win over marks ("🟡 Pass" is done); a negation first makes it open ("Not ready").
    """
    words = plain(text or "").casefold().lstrip("([ ")
    if words:
        if _SKIP_WORDS.match(words):
            return None
        if _NEGATION.match(words):
            return False
        if _DONE_WORDS.match(words):
            return True
        if _OPEN_WORDS.match(words):
            return False
    marks = [(text.find(mark), mark in DONE_MARKS) for mark in DONE_MARKS + OPEN_MARKS if mark in (text or "")]
    return min(marks)[1] if marks else None


def leading_mark(text: str) -> bool | None:
    """A done/open mark that opens a line or heading ('✅ Backups', '**✗** FMEA'); None when there is none."""
    stripped = (text or "").lstrip(" *_>")
    if not stripped:
        return None
    first = stripped[0]
    if first in "✅✓✔☑":
        return True
    if first in "❌✗✘⚠⏸⏳🚧":
        return False
    return None
