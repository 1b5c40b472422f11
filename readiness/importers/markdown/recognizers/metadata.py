"""Title, project, date, status, overall score and time to ready, from the title and "Label: value" lines."""

from __future__ import annotations

import re
from collections.abc import Callable

from readiness.importers.markdown.context import PHASE_HEADING, SUMMARY_TITLE, Context
from readiness.importers.markdown.fold import blank, opens_with, which
from readiness.importers.markdown.numbers import parse_date, parse_duration, parse_labelled_date, parse_score
from readiness.importers.markdown.text import WORD, bold_parts, clean_name, memo, plain, shorten, span
from readiness.importers.markdown.tree import Paragraph, Section, Table
from readiness.model import Score

# Words that name the genre rather than the system: what is left of a title without them is the project.
_GENRE = re.compile(
    r"\b(?:production|prod|readiness|ready|assessment|assessments|check|checklist|report|audit|review|"
    r"scorecard|score|scores|evaluation|analysis|final|go[- ]?live|go/no[- ]go|no[- ]go|decision|executive|"
    r"summary|launch|operational|comprehensive|full|matrix|grade|projection|status|results?|peer|senior|"
    r"developer|technical|readiness|deployment|release|security|compliance|the|of|for|and|a|an|"
    r"bericht|prüfung|bewertung|отч[её]т|готовност\w*|аудит|матрица|relat[óo]rio|avalia[çc][ãa]o|"
    r"pontua[çc][ãa]o|prontid[ãa]o|produ[çc][ãa]o|checkliste|de|do|da|zur|für|der|die|и|к|для|گزارش|آمادگی|"
    r"تولید)\b",
    re.I,
)
# CJK genre words run into their neighbours, so they are matched without word boundaries.
_GENRE_CJK = re.compile(r"生产环境|生产|准备|报告|上线|文档|就绪|检查清单|清单|评估")
_TITLE_SPLIT = re.compile(r"(?<!\s)\s++(?:[-–—|]\s+|for\s+|für\s+|[(])|:\s+")


# Words that name a scope rather than a system: "Web, Mobile, Backend" says what was audited, not which product.
_SCOPE_ONLY = re.compile(r"(?<!\s)(?:\s*+(?:,|&|/|\+|and|und|и|e|y)?\s*+(?:web|mobile|backend|back-end|frontend|front-end|"
                         r"api|apis|ios|android|server|client|app|apps|infra|infrastructure|database|db|cloud|"
                         r"desktop|full[- ]stack|platform))+\s*", re.I)


# A version after a name ("GENESIS V3.0.1", "Relay v2") is the release, not the project.
_VERSION_SUFFIX = re.compile(r"(?<!\s)\s+(?:v|ver\.?\s*|version\s+)\d+(?:\.\d+)*[a-z]?\s*$", re.I)
# A genre word cut out of a hyphenated compound ("DSGVO-Compliance") leaves a dangling hyphen.
_CUT_COMPOUND = re.compile(r"[^\W\d_]-(?:\s|$)|(?:^|\s)-[^\W\d_]")


# Small patterns of the title and status readers, compiled once (they run on every document).
_NO_LETTERS = re.compile(r"[\d\W]+")
_SPACES = re.compile(r"\s+")
_ALL_BOLD = re.compile(r"(?:\*\*|__)[^*_]+(?:\*\*|__)")
_SPLIT_TITLE = re.compile(r"\s[-–—|]\s|:\s")


# Small patterns compiled once (they run on every document; regex_audit sees them here).
_ARROW = re.compile(r"→|->|⇒")
_VERDICT_WORDS = re.compile(r"(?i)\bready\b|\bgo\b|no-go|pass|fail")
_AFTER_SCORE = re.compile(r"\d\s*(?:/\s*\d+(?:\.\d+)?|%)\s*\)?")
_THREE_LETTERS = re.compile(r"[A-Za-z]{3,}")
_RANGE_TO = re.compile(r"\s(?:to|auf|до|para|→|->)\s")
_NAME_SEPARATOR = re.compile(r"(?<!\s)\s+[-–—|]\s+")  # from a run's first space only: linear on runs of spaces
_COUNT_ONLY = re.compile(r"[\d.,\s~]+")
_ARITHMETIC = re.compile(r"[+×*()]|\d\s+\d")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def _without_version(name: str) -> str:
    return _VERSION_SUFFIX.sub("", name).strip() or name


def _project_from_title(title: str) -> str | None:
    """'Production Readiness Assessment - Omnify Cloud Connect' -> 'Omnify Cloud Connect'."""
    parts = [p.strip(" )") for p in _TITLE_SPLIT.split(title) if p.strip(" )")]
    # A part with no genre word at all names the system; failing that, what a part has left.
    scored = []
    for index, part in enumerate(parts):
        if parse_date(part) or _NO_LETTERS.fullmatch(part):
            continue
        cut = blank(_GENRE, part)
        cut = cut if cut.isascii() else _GENRE_CJK.sub(" ", cut)  # its words are all CJK
        residue = _SPACES.sub(" ", cut).strip(" -–—:,.&/")
        if not residue or not WORD.search(residue) or len(residue.split()) > 6 \
                or _SCOPE_ONLY.fullmatch(residue):
            continue
        clean = residue == _SPACES.sub(" ", part).strip(" -–—:,.&/") or bool(_CUT_COMPOUND.search(cut))
        scored.append((0 if clean else 1, index, residue if not clean else part))
    if not scored:
        return None
    return _without_version(min(scored)[2])


def _subtitle(section: Section) -> tuple[int, str] | None:
    first = section.blocks[0] if section.blocks else None
    if isinstance(first, Paragraph) and first.line <= section.line + 2:
        text = first.text.split("\n")[0].strip()
        if _ALL_BOLD.fullmatch(text):
            return first.line, clean_name(text)
    if section.children and section.children[0].line <= section.line + 3 and not section.blocks:
        subtitle = clean_name(section.children[0].title)
        # Right on the next line, or written as "A - B": a subtitle, not the first section.
        if section.children[0].line == section.line + 1 or _SPLIT_TITLE.search(subtitle):
            return section.children[0].line, subtitle
    return None


def recognize_title(section: Section, ctx: Context) -> None:
    """The first level-1 heading is the title; the project comes from it when it names one."""
    if section.level != 1 or ctx.title is not None:
        return
    ctx.title = clean_name(section.title) or None
    if not ctx.title:
        return
    ctx.fact(section.line, "title", ctx.title, section)
    project = _project_from_title(ctx.title)
    if project:
        ctx.project = project
        ctx.fact(section.line, "project", f"{project} (from the title)")
    # A subtitle right under the title often names the system: "## Dating App - Senior Review", or a line
    # that is all bold.
    if not ctx.project:
        subtitle = _subtitle(section)
        project = _project_from_title(subtitle[1]) if subtitle else None
        if project:
            ctx.project = project
            ctx.fact(subtitle[0], "project", f"{project} (from the subtitle)")
    if not ctx.date:
        date = parse_date(ctx.title)
        if date:
            ctx.date = date
            ctx.fact(section.line, "date", f"{date} (from the title)")


_SUBJECT = re.compile(
    r"^(?:The\s+)?([A-Z][\w.+&/-]*(?:\s+[A-Z0-9][\w.+&/-]*){0,3})\s+(?:has|is|was|are|have|remains|currently|"
    r"can|cannot|will|should|must|[a-z]{2,}(?:s|ed))\b"
)
_NOT_SUBJECTS = {"this", "it", "we", "the", "overall", "our", "there", "that", "these", "all", "code", "project",
                 "system", "application", "app", "platform", "codebase", "everything", "nothing", "status"}


def recognize_summary_subject(section: Section, ctx: Context) -> None:
    """The subject of an executive summary's first sentence names the project ("X has ...")."""
    if ctx.project_from_summary is not None or not section.says(SUMMARY_TITLE):
        return
    for block in section.blocks:
        if isinstance(block, Paragraph):
            text = plain(block.text)
            match = _SUBJECT.match(text)
            if match and match.group(1).casefold() not in _NOT_SUBJECTS:
                ctx.project_from_summary = match.group(1)
                ctx.fact(block.line, "project", f"{match.group(1)} (subject of the summary)", section)
            return


# ---------------------------------------------------------------- "Label: value" lines

def _set_date(ctx: Context, line: int, value: str, raw: str) -> bool:
    date = parse_labelled_date(value)
    # A labelled full date refines a month the title stated ("- May 2026" ... "Date: May 1, 2026").
    refines = bool(ctx.date and date and len(date) > len(ctx.date) and date.startswith(ctx.date)
                   and parse_date(ctx.title or "") == ctx.date)
    if ctx.date and not refines:
        return False
    if date:
        ctx.date = date
        ctx.fact(line, "date", date + (" (refines the title's)" if refines else ""))
    return bool(date)


def _verdict(raw_value: str) -> str:
    # A bold span in the value is the verdict itself ("⚠️ **NOT READY** - see below").
    spans = [plain(span) for span in bold_parts(raw_value)]
    spans = [span for span in spans if WORD.search(span)]
    text = spans[0] if spans else plain(raw_value)
    return shorten(text.strip(" -–—:|"), 120)


def _set_status(ctx: Context, line: int, value: str, raw: str) -> bool:
    if ctx.status:
        return False
    status = _verdict(raw)
    if not status or not WORD.search(status):
        return False
    ctx.status = status
    ctx.fact(line, "status", status)
    return True


def _set_question_status(ctx: Context, line: int, question: str, raw: str) -> bool:
    """'Ready for launch? | No': the question with its answer is the verdict (a bare "No" would say nothing)."""
    if ctx.status:
        return False
    answer = _verdict(raw)
    if not answer or not WORD.search(answer):
        return False
    ctx.status = shorten(f"{question} {answer}", 120)
    ctx.fact(line, "status", f"{ctx.status} (a question and its answer)")
    return True


def _set_overall(ctx: Context, line: int, value: str, raw: str) -> bool:
    arrow = _ARROW.search(value)
    if ctx.overall or (arrow and parse_score(value[arrow.end():])):
        return False  # "C (66%) → B- (77%)" is a trajectory, not the score
    found = parse_score(value)
    if not found:
        # "Overall Readiness: READY FOR DEPLOYMENT" states a verdict instead of a score.
        if not ctx.status_fallback and _VERDICT_WORDS.search(value):
            ctx.status_fallback = _verdict(raw)
        return False
    ctx.overall = Score(score=found[0], max=found[1])
    ctx.fact(line, "overall", f"overall {found[0]:g}/{found[1]:g}")
    # The words after the score ("- NOT PRODUCTION READY") are a verdict when no status line says one.
    rest = _AFTER_SCORE.split(value, maxsplit=1)
    if len(rest) == 2 and not ctx.status_fallback:
        words = rest[1].strip(" -–—:()|")
        if _THREE_LETTERS.search(words):
            ctx.status_fallback = shorten(words, 120)
    return True


def _set_improved_overall(ctx: Context, line: int, value: str, raw: str) -> bool:
    """'Score Improved: From 13.5/50 to 26.5/50': a change that has happened, so the score it reached is now.

    Only past-tense labels take this path; a bare "A → B" may be a projection and is left alone.
    """
    if ctx.overall:
        return False
    parts = _RANGE_TO.split(value, maxsplit=1)
    found = parse_score(parts[1]) if len(parts) == 2 and parse_score(parts[0]) else None
    if not found:
        return False
    ctx.overall = Score(score=found[0], max=found[1])
    ctx.fact(line, "overall", f"overall {found[0]:g}/{found[1]:g} (the score a stated improvement reached)")
    return True


def _set_time_to_ready(ctx: Context, line: int, value: str, raw: str) -> bool:
    if ctx.time_to_ready:
        return False
    duration = parse_duration(value)
    if duration:
        ctx.time_to_ready = duration
        ctx.fact(line, "time_to_ready", f"time to ready {span(duration.min, duration.max)} {duration.unit}")
    return bool(duration)


def _set_project(ctx: Context, line: int, value: str, raw: str) -> bool:
    if ctx.project:
        return False
    # "NORAY Relay — agentic search platform": what follows a spaced dash describes the project.
    name = _without_version(clean_name(_NAME_SEPARATOR.split(plain(value), maxsplit=1)[0]))
    if not name or len(name) > 80:
        return False
    ctx.project = name
    ctx.fact(line, "project", f"{name} (from a metadata line)")
    return True


LabelHandler = Callable[[Context, int, str, str], bool]

_NOT_OVERALL = (r"^(?!.*(?:risk|cost|budget|time|effort|hours|days|price|target|goal|minimum|expected|starting|"
                r"previous|before|projected|phase|sprint|week))")

# Labels, each with what it sets and whether it counts anywhere (True) or only where a document states its
# verdict: the top, a summary, a verdict or score section. The first line that sets a field wins.
LABELS: list[tuple[re.Pattern[str], LabelHandler, str]] = [
    (re.compile(r"^(?:generated|created|prepared|written|issued|erstellt|generiert|créé|rédigé|généré|"
                r"создан[оа]?|сгенерирован[оа]?|створено|criado|gerado|elaborado|生成(?:时间|日期)?|创建(?:时间|日期)?|"
                r"作成日|작성일|생성일)(?: (?:on|at|am|le|el|em))?$|^(?:审计|审核|审查|评审)(?:日期|时间)$|"
                r"^date (?:de |d')?(?:l'audit|création|rédaction)$", re.I), _set_date, "anywhere"),
    (re.compile(r"^(?:assessment |report |review |audit |last )?(?:date|updated|datum|fecha|data|дата|日期|تاریخ)"
                r"(?: of (?:assessment|review))?$|^дата (?:создания|створення|проверки|перевірки|отчета|звіту)$|"
                r"^(?:erstellungs|prüf|bericht(?:s)?)datum$|^data d[aeo] (?:avalia[çc][ãa]o|relat[óo]rio|cria[çc][ãa]o)$|"
                r"^(?:检查|报告|评估|更新)日期$|^最后更新$", re.I), _set_date, "anywhere"),
    (re.compile(r"^(?:current |overall |final |production |deployment |readiness |project )?(?:status|verdict|"
                r"recommendation|decision|executive decision|go/no-go)(?: decision)?$|^estado$|^статус$|"
                r"^urteil$|^empfehlung$|^entscheidung$|^fazit$|^вывод$|^заключение$|^висновок$|^结论$|^conclus[ãa]o$|^veredito$|^статус готовност[иі]$|^situação$|^(?:当前|项目|发布)?状态$",
                re.I), _set_status, "verdict"),
    (re.compile(_NOT_OVERALL + r"(?=.*\b(?:overall|total\s+\w|\w+\s+total|final|current|gesamt\w*|weighted|итог\w*|общ\w*|综合|总))"
                r"(?=.*(?:score|grade|rating|readiness|maturity|bewertung|punkt|оценк|готовност|nota|pontua|total|"
                r"gesamt|overall|result|评分|得分|完成度)).{2,40}$|^(?:production |deployment |operational )?(?:readiness|"
                r"maturity) (?:score|rating|grade|level|index)$", re.I), _set_overall, "anywhere"),
    (re.compile(r"^(?:production |overall )?(?:readiness|maturity)(?: score| level| rating| grade)?$|^score$|"
                r"^grade$|^note$|^nota$|^оценка$|^готовность$|^评分$|^total$|^gesamt$|^итого$|^(?:整体|总体)?完成度(?:评估)?$|"
                r"^(?:整体|总体)?就绪度$", re.I), _set_overall, "score"),
    (re.compile(r"^(?:overall |readiness )?score (?:improved|increased|rose|went up|raised)$|"
                r"^(?:improved|increased) (?:overall |readiness )?score$", re.I), _set_improved_overall, "verdict"),
    (re.compile(r"(?:time|timeline|eta|estimate)\s*(?:to|until|for)\s*(?:production|prod|ready|launch|go-?live)|"
                r"production[- ]ready in|^timeline$|^time to ready$|"
                r"(?:remaining|estimated)\s+(?:work|effort|time)\b.{0,20}\b(?:to|until|before)\s+(?:hand-?off|"
                r"production|prod|launch|release|go-?live|ready)\b", re.I), _set_time_to_ready, "anywhere"),
    # "Estimated Fix Time: 2-3 hours" where the verdict stands: the time to fix what blocks the release.
    (re.compile(r"^(?:estimated |total )?(?:fix|remediation) time$|^(?:geschätzte )?(?:behebungs|korrektur)zeit$|"
                r"^(?:оценка )?врем(?:я|ени) (?:на )?исправлени\w*$|^temps (?:estimé )?de correction$|^修复时间$",
                re.I), _set_time_to_ready, "verdict"),
    (re.compile(r"^(?:project|system|application|product|service|projekt|проект)(?: name)?$|^projektname$|"
                r"^название проекта$|^nome do projeto$|^项目名称$", re.I),
     _set_project, "anywhere"),
]
_LABEL_PATTERNS = tuple(pattern for pattern, _handler, _where in LABELS)
# "Ready for production?" / "Go-live ready?" asked in a verdict table or line; the answer follows.
_QUESTION = re.compile(r"^(?:is (?:it|the \w+) )?(?:production[- ]|launch[- ]|go-?live[- ])?ready\b.{0,60}\?$|"
                       r"^(?:go|ship|launch|release|deploy)\b.{0,40}\?$|^(?:bereit|freigabe)\b.{0,60}\?$|"
                       r"^готов\w*.{0,60}\?$|^pronto\b.{0,60}\?$|^(?:可以|是否).{0,30}[?？]$", re.I)
_VERDICT_SECTION = re.compile(r"summary|overview|verdict|conclusion|recommendation|decision|result|status|score|"
                              r"fazit|ergebnis|zusammenfassung|итог|вывод|заключ|резюме|висновок|підсум|resumo|conclus|"
                              r"结论|总结|摘要|概要|概述", re.I)
_SCORE_SECTION = re.compile(r"(?:score|grade|rating|scorecard|bewertung|оценка|nota)\s*$", re.I)


def _where(section: Section) -> set[str]:
    """Which kinds of labels speak for the whole document here: unqualified "Status:" only at the top or in
    a summary or verdict section, a bare "Score:" also in a section titled as a score."""
    kinds = {"anywhere"}
    if section.says(PHASE_HEADING, start=True):
        return kinds
    nodes = [node for node in (section, section.parent) if node is not None]
    if section.level <= 1 or any(node.says(_VERDICT_SECTION) for node in nodes):
        kinds |= {"verdict", "score"}
    if any(node.says(_SCORE_SECTION) for node in nodes):
        kinds.add("score")
    return kinds


_LEADING_MARKS = re.compile(r"^[^\w\s*_\[(>#-]+\s*")
_LABEL_LINE = re.compile(r"^[\s>*_-]*+(?:\*\*|__)?\s*+([^:*_|]{2,60}?)\s*+(?:\*\*|__)?\s*+[:：]\s*+(?:\*\*|__)?\s*+(.+)$")
_TIME_PHRASE = re.compile(
    r"(?:time to (?:be )?(?:production|prod)[- ]?read\w*|timeline to (?:production|launch)|"
    r"production[- ]ready in|ready for production in|estimated time to (?:production|launch)|"
    r"(?:production|public) (?:launch|release)(?=\s*[(:\-–—]\s*[~≈]?\d[^)]{0,20}\baway\b))"
    r"\s*[(:\-–—]?\s*(.{0,40})",
    re.I,
)


def _read_label_line(ctx: Context, line: int, raw: str, kinds: set[str]) -> bool:
    # A status mark before a bold label ("✅ **Score Improved**: ...") is not part of the label.
    text = plain(raw) if "**" not in raw else _LEADING_MARKS.sub("", raw)
    match = _LABEL_LINE.match(text)
    if not match:
        return False
    return _apply_label(ctx, line, clean_name(match.group(1)), match.group(2), kinds)


def _apply_label(ctx: Context, line: int, label: str, raw_value: str, kinds: set[str]) -> bool:
    if not label:
        return False
    # The label first: most labels ("Owner", "Impact") are none of these, and their values need no reading.
    saying = [index for index in _labels_saying(label) if LABELS[index][2] in kinds]
    question = "verdict" in kinds and _QUESTION.search(label) is not None
    if not saying and not question:
        return False
    value = plain(raw_value)
    if not value:
        return False
    if question and _set_question_status(ctx, line, label, raw_value):
        return True
    # A label that matches but says nothing usable ("Overall Readiness: READY") falls through to the next.
    return any(LABELS[index][1](ctx, line, value, raw_value) for index in saying)


@memo(4096)
def _labels_saying(label: str) -> tuple[int, ...]:
    """The positions in LABELS whose pattern the label matches (labels repeat: "Status", "Date")."""
    return which(_LABEL_PATTERNS, label)


# Headers of a table whose rows are "label | value" pairs ("| Question | Answer |", "| Field | Value |").
_KEY_HEADER = re.compile(r"^(?:question|field|key|item|aspect|attribute|property|parameter|criterion|"
                         r"frage|feld|merkmal|вопрос|поле|параметр|pergunta|campo|問題|问题|项目|字段)$", re.I)
_VALUE_HEADER = re.compile(r"^(?:answer|value|result|verdict|status|details?|antwort|wert|ergebnis|ответ|"
                           r"значение|результат|resposta|valor|resultado|回答|值|结果)$", re.I)


def _key_value_rows(table: Table) -> list[tuple[int, str, str]]:
    """(line, label, raw value) for the rows of a two-column table, or one headed like "Question | Answer"."""
    header = [clean_name(cell) for cell in table.header]
    two_columns = len(header) == 2 and all(len(row) == 2 for row in table.rows)
    headed = len(header) >= 2 and opens_with(_KEY_HEADER, header[0]) and opens_with(_VALUE_HEADER, header[1])
    if not (two_columns or headed):
        return []
    return [(line, clean_name(row[0]), row[1]) for row, line in zip(table.rows, table.row_lines) if len(row) >= 2]


def _read_key_value_tables(ctx: Context, section: Section, kinds: set[str]) -> bool:
    # Only where a document states its verdict: elsewhere such tables hold measurements ("Overall error rate").
    if "verdict" not in kinds:
        return False
    used = False
    for block in section.blocks:
        if isinstance(block, Table):
            for line, label, raw_value in _key_value_rows(block):
                # A bare count ("| Total hosts | 36 |") is a measurement, not a score on an unstated scale.
                if len(label) <= 80 and not _COUNT_ONLY.fullmatch(plain(raw_value)):
                    used |= _apply_label(ctx, line, label, raw_value, kinds)
    return used


_LATEX_WRAP = re.compile(r"\\(?:text|textbf|mathbf|mathrm|boldsymbol|mbox|bf)\s*\{([^{}]*)\}")
_LATEX_COMMAND = re.compile(r"\\(?:color\s*\{[^{}]*\}|[A-Za-z]+)")


def _latex_plain(text: str) -> str:
    """'\\text{Score} = \\mathbf{96.35\\%}' -> 'Score = 96.35%': words and numbers of a small formula."""
    text = _LATEX_WRAP.sub(r"\1", _LATEX_WRAP.sub(r"\1", text.replace("$", " ")))
    text = _LATEX_COMMAND.sub(" ", text.replace("\\%", "%").replace("\\,", ""))
    return _SPACES.sub(" ", text.replace("{", " ").replace("}", " ")).strip()


def _read_formula(ctx: Context, line: int, raw: str, kinds: set[str]) -> bool:
    """A '$$ Readiness Score = ... = 96.35% $$' line: the label before the first '=', the result after the last.

    Only the last term is read, and only when it is a single stated value (a sum still to be worked out is
    left alone: no arithmetic is done here).
    """
    formula = _latex_plain(raw)
    if "=" not in formula:
        return False
    label, value = formula.split("=", 1)[0], formula.rsplit("=", 1)[1]
    if _ARITHMETIC.search(value):
        return False
    return _apply_label(ctx, line, clean_name(label), value, kinds)


# Headings that announce the document's verdict (not "Documentation Status", which is one area's).
_STATUS_HEADING = re.compile(r"(?:^|\b(?:readiness|approval|release|launch|deployment|go-?live|final|overall|"
                             r"project|review|production)\s+)(?:status|verdict|decision)$|^(?:urteil|entscheidung|"
                             r"вердикт|решение|状态|结论|veredito|decisão)$", re.I)
# A conclusion ends with its verdict when its first line is a bold statement and nothing else.
_CONCLUSION_HEADING = re.compile(r"^(?:final\s+)?conclusions?$|^(?:fazit|schlussfolgerung(?:en)?|вывод[ыи]?|"
                                 r"заключение|висновк?и?|conclus[ãa]o|conclus[õo]es|نتیجه[\u200c ]?گیری|결론)$", re.I)
_BOLD_LINE = re.compile(r"^[^\w*_]*(?:\*\*[^*]+\*\*|__[^_]+__)[\s.!。]*$")
_READY_SENTENCE = re.compile(r"^(?:[^.!?]{0,60}?\s)?(?:is|are)\s+(?:not\s+|now\s+|fully\s+|~?\d+%\s+)?(?:yet\s+)?"
                             r"(?:production|project|launch|release|deployment)[- ]ready\b[^.!?]{0,40}", re.I)


def _read_ready_sentence(ctx: Context, first: Paragraph) -> None:
    """'The app is not project-ready yet.' as the first sentence of a summary (its first paragraph): the status
    when no line states one (a fallback: a sentence is weaker evidence than a "Status:" line)."""
    sentence = _SENTENCE_END.split(plain(first.text).replace("\n", " "), maxsplit=1)[0]
    match = _READY_SENTENCE.match(sentence)
    if match:
        ctx.status_fallback = shorten(match.group(0).strip(" .!"), 120)
        ctx.fact(first.line, "status", f"{ctx.status_fallback} (a sentence in the summary; a fallback when no line "
                 "states the status)")


def _has_colon(text: str) -> bool:
    # Every label line has one (_LABEL_LINE): the pattern need not run on the other lines.
    return ":" in text or "：" in text


def _may_say_time(text: str) -> bool:
    # Every form of _TIME_PHRASE has one of these words: the pattern need not run on the other lines.
    folded = text.casefold()
    return "prod" in folded or "launch" in folded or "release" in folded


# The document's own revision history, named by the whole heading: its newest entry dates the document
# when no line does ("Required revisions" or "Data exchange logic" are no such heading).
_REVISION_SECTION = re.compile(
    r"^(?:document\s+|version\s+)?(?:change\s*-?\s*log|change\s+history|revision\s+(?:history|log)|"
    r"document\s+history|version\s+history|history\s+of\s+changes|änderungs(?:historie|protokoll|verlauf|"
    r"übersicht)|versionshistorie|dokumenthistorie|история\s+(?:изменений|версий)|журнал\s+изменений|"
    r"історія\s+змін|hist[óo]rico\s+de\s+(?:revis[õo]es|altera[çc][õo]es|vers[õo]es)|"
    r"historique\s+des\s+(?:versions|révisions|modifications)|更新记录|修订记录|变更记录|版本历史|修订历史|更新日志)$",
    re.I)
# An entry's own date leads it ("2025-04-11: risks added", "**2025-04-11：** 初版"); a date further in is
# what the entry is about (a deadline), not when it was written.
_ENTRY_LEAD = re.compile(r"^(.{4,40}?)\s*(?:[:：]|\s[-–—|]\s)")


def _read_revision_dates(ctx: Context, section: Section) -> None:
    """The newest date among a revision history's entries (a sub-heading, a line's lead, a short table cell),
    kept as the date to use when no line states one (a revision history may stand before or after the line
    that does)."""
    texts = [(section.line, section.name)] if section.parent is not None and section.parent.level \
        and section.parent.within(_REVISION_SECTION, start=True) else []
    for line, raw in section.paragraphs_and_items():
        lead = _ENTRY_LEAD.match(plain(raw))
        texts.append((line, lead.group(1) if lead else plain(raw)[:40]))
    texts += [(line, plain(cell)) for block in section.blocks if isinstance(block, Table)
              for row, line in zip(block.rows, block.row_lines) for cell in row if len(plain(cell)) <= 40]
    for line, text in texts:
        date = parse_labelled_date(text)  # an entry is marked as dated: other languages' months too
        if date and (ctx.date_fallback is None or date > ctx.date_fallback[1]):
            ctx.date_fallback = (line, date)


_TIME_SECTION = re.compile(r"time (?:to|until) (?:production|launch|go-?live|ready)|timeline to production|"
                           r"время до|срок до|zeit bis|tempo (?:até|para) produ", re.I)


def recognize_metadata_lines(section: Section, ctx: Context) -> None:
    """"**Date**: ...", "Status: ...", "Overall Score: 4.75/10" lines, in headings, paragraphs and items."""
    used = False
    # Which labels count here is asked of the headings above only where a line may carry one (most
    # sections hold no label line at all).
    kinds: set[str] | None = None
    # A heading's colon may be an entity ("Date&#58; ..."), which plain() turns into one.
    if section.level and (_has_colon(section.title) or "&" in section.title):
        kinds = _where(section)
        used |= _read_label_line(ctx, section.line, section.title, kinds)
    for line, raw in section.paragraphs_and_items():
        if _has_colon(raw):
            kinds = kinds or _where(section)
            used |= _read_label_line(ctx, line, raw, kinds)
        elif "$" in raw and "\\" in raw:
            kinds = kinds or _where(section)
            used |= _read_formula(ctx, line, raw, kinds)
        if ctx.time_to_ready is None and _may_say_time(plain(raw)):
            match = _TIME_PHRASE.search(plain(raw))
            if match:
                _set_time_to_ready(ctx, line, match.group(1), raw)
    # A heading such as "Approval Status" states the verdict in the one short line below it, a conclusion
    # in a first line that is all bold (not in a line ending with a colon: that one leads into what follows).
    if ctx.status is None and section.level and section.blocks and isinstance(first := section.blocks[0], Paragraph) \
            and "\n" not in first.text.strip() and len(plain(first.text)) <= 100 \
            and not plain(first.text).endswith((":", "：")):
        # The line first, the heading then: most first lines are neither marked up nor all bold.
        if (bold_parts(first.text) or plain(first.text) != first.text.strip()) and section.says(_STATUS_HEADING) \
                or _BOLD_LINE.match(first.text.strip()) and section.says(_CONCLUSION_HEADING):
            used |= _set_status(ctx, first.line, plain(first.text), first.text)
    # A summary or verdict that opens by saying whether the system is ready: a fallback status.
    # Every such sentence says "ready": the headings above are asked only where the first paragraph does.
    if ctx.status is None and ctx.status_fallback is None and section.level \
            and (first := next((block for block in section.blocks if isinstance(block, Paragraph)), None)) \
            and "ready" in plain(first.text).lower():
        kinds = kinds or _where(section)
        if "verdict" in kinds:
            _read_ready_sentence(ctx, first)
    if ctx.date is None and section.level and section.within(_REVISION_SECTION, start=True):
        _read_revision_dates(ctx, section)
    # A two-column or "Question | Answer" table reads row by row like label lines.
    if any(isinstance(block, Table) for block in section.blocks):
        used |= _read_key_value_tables(ctx, section, kinds or _where(section))
    # A heading such as "Time to Production" states the time in the first line below it.
    if ctx.time_to_ready is None and section.says(_TIME_SECTION):
        for line, raw in section.paragraphs_and_items():
            if _set_time_to_ready(ctx, line, plain(raw), raw):
                used = True
                break
    if used:
        ctx.use(section)
