"""The words documents use, in every language the importer reads, as data.

Two tables: FIELD_WORDS names the fields a record can carry (a table column, a `**Label**:` line, a
`- Label: value` bullet), SCOPE_WORDS names what a heading says about the records below it (a kind of
fact, a recurrence, a comparison). Interpreters ask `field_of(label)` and `scope_of(heading)`; no
other module keeps a list of field words.

A word matches a label when the label starts with it (English stems such as "probab" cover
"probability" and "probable"); words for scripts without spaces match anywhere in the label.
To teach the importer a new field word, add it to the field's tuple here and a fixture line in
tests/fixtures/records/ that uses it.
"""

from __future__ import annotations

import re

from readiness.importers.markdown.text import memo

# Field -> words that name it, lower-case. Order matters only between fields: the first field whose
# word matches wins, so the more specific fields ("mitigation", "probability") come first.
FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "probability": (
        "probab", "likelihood", "chance", "odds", "wahrscheinlich", "eintritt", "probabilit", "vraisemblance",
        "вероятн", "ймовірн", "probabilidad", "probabilidade", "可能性", "概率", "几率", "발생 가능성", "발생가능성",
        "확률", "가능성", "احتمال"),
    "impact": (
        "impact", "consequence", "auswirkung", "folgen", "tragweite", "conséquence", "влияни", "последств",
        "вплив", "impacto", "efecto", "影响", "影響", "후과", "영향", "تاثیر", "تأثیر"),
    "severity": (
        "severity", "criticality", "risk level", "level", "rating", "schweregrad", "schwere", "kritikalität",
        "stufe", "sévérité", "gravité", "criticité", "niveau", "серьезн", "серьёзн", "критичн", "уровень",
        "серйозн", "severidad", "gravedad", "severidade", "gravidade", "nível", "严重", "等级", "级别",
        "심각도", "등급", "شدت", "سطح"),
    "priority": (
        "priority", "prio", "urgency", "priorität", "dringlichkeit", "priorité", "urgence", "приоритет",
        "пріоритет", "prioridad", "prioridade", "优先", "優先", "우선순위", "اولویت"),
    "mitigation": (
        "mitigat", "countermeasure", "response", "contingency", "remediation", "maßnahme", "gegenmaßnahme",
        "minderung", "abhilfe", "atténuation", "parade", "mesure", "митигац", "смягчен", "меры", "контрмер",
        "пом'якшен", "mitigación", "mitigação", "contramedida", "缓解", "应对", "措施", "완화", "대응",
        "کاهش", "راهکار"),
    "effort": (
        "effort", "estimate", "estimated", "time to fix", "fix time", "fix effort", "time required", "eta", "work", "aufwand",
        "schätzung", "zeitaufwand", "charge", "estimation", "трудозатрат", "трудоемк", "оценка времени",
        "время", "зусилл", "esfuerzo", "esforço", "estimativa", "工作量", "工时", "预计", "预估", "估算", "공수",
        "예상 시간", "소요", "برآورد", "زمان"),
    "fix": (
        "fix", "solution", "recommendation", "recommended", "resolution", "action", "lösung", "empfehlung",
        "correctif", "recommandation", "решение", "рекомендац", "исправлен", "рішення", "solución",
        "solução", "recomendação", "修复", "解决", "建议", "해결", "권장", "조치", "راه حل", "توصیه"),
    "cost": (
        "cost", "price", "budget", "spend", "kosten", "preis", "coût", "prix", "стоимост", "цена", "бюджет",
        "расход", "вартість", "coste", "costo", "custo", "preço", "orçamento", "成本", "费用", "价格", "預算",
        "预算", "비용", "가격", "هزینه", "قیمت"),
    "score": (
        "score", "points", "grade", "mark", "bewertung", "punkte", "note", "оценка", "балл", "бал", "pontuação",
        "nota", "puntuación", "评分", "得分", "分数", "점수", "امتیاز", "نمره"),
    "status": (
        "status", "state", "verdict", "zustand", "stand", "état", "statut", "статус", "состояние", "стан",
        "estado", "situação", "状态", "狀態", "상태", "وضعیت"),
    "owner": (
        "owner", "assignee", "responsible", "who", "verantwortlich", "zuständig", "responsable", "владелец",
        "ответствен", "відповідальн", "responsável", "dono", "负责人", "负责", "담당", "مسئول"),
    "duration": (
        "duration", "timeline", "timeframe", "time frame", "deadline", "dauer", "zeitraum", "durée", "délai",
        "длительн", "срок", "тривалість", "duración", "duração", "prazo", "工期", "时长", "期限", "기간",
        "مدت"),
    "location": (
        "location", "file", "path", "where", "ort", "datei", "emplacement", "fichier", "расположен", "файл",
        "місце", "ubicación", "localização", "arquivo", "位置", "文件", "위치", "파일", "مکان", "فایل"),
    "issue": (
        "issue", "problem", "finding", "gap", "description", "details", "problem", "befund", "beschreibung",
        "problème", "constat", "проблем", "описан", "проблема", "hallazgo", "problema", "descrição", "问题",
        "描述", "문제", "설명", "مشکل", "توضیح"),
    "risk": (
        "risk", "threat", "hazard", "risiko", "gefahr", "risque", "menace", "риск", "угроз", "ризик", "riesgo",
        "risco", "ameaça", "风险", "風險", "위험", "리스크", "ریسک", "خطر"),
    # A label over a phase's work items ("Changes:", "Key tasks:"); last, so every other field wins first.
    "tasks": (
        "tasks", "key tasks", "main tasks", "changes", "work items", "steps", "aufgaben", "änderungen",
        "schritte", "arbeitspakete", "tâches", "changements", "étapes", "задачи", "изменения", "шаги",
        "завдання", "зміни", "кроки", "tarefas", "mudanças", "alterações", "passos", "tareas", "cambios",
        "pasos", "任务", "主要任务", "关键任务", "变更", "步骤", "작업", "과제", "변경 사항", "وظایف", "تغییرات",
        "step", "шаг", "schritt", "étape", "paso", "passo", "крок", "단계", "مرحله"),
}

# What a heading says about the records below it. Each cue -> words; a heading may say several.
SCOPE_WORDS: dict[str, tuple[str, ...]] = {
    "risks": (
        "risk", "threat", "hazard", "what could go wrong", "what could still go wrong", "risiko", "risiken",
        "gefahr", "risque", "риск", "ризик", "riesgo", "risco", "风险", "風險", "위험", "리스크", "ریسک"),
    "findings": (
        "issue", "finding", "gap", "blocker", "problem", "weakness", "vulnerabilit", "concern", "defect",
        "must fix", "must-fix", "befund", "mängel", "schwachstelle", "lücke", "problème", "faiblesse",
        "lacune", "проблем", "недостат", "уязвим", "пробел", "блокер", "hallazgo", "problema", "lacuna",
        "fraqueza", "问题", "缺陷", "漏洞", "差距", "문제", "취약", "이슈", "مشکل", "ضعف", "نقص"),
    "strengths": (
        "strength", "what works", "what's working", "what is working", "positive", "highlights", "done well",
        "achievements", "stärke", "positiv", "point fort", "points forts", "сильные", "преимуществ",
        "сильні", "fortaleza", "pontos fortes", "força", "优势", "亮点", "优点", "강점", "장점", "نقاط قوت",
        "قوت"),
    "costs": (
        "cost", "budget", "pricing", "expense", "spend", "infrastructure cost", "kosten", "coût",
        "стоимост", "расход", "затрат", "бюджет", "витрат", "costo", "custo", "orçamento", "成本", "费用", "预算", "비용",
        "예산", "هزینه"),
    "plan": (
        "plan", "roadmap", "timeline", "schedule", "path to", "remediation", "next steps", "fahrplan",
        "zeitplan", "feuille de route", "calendrier", "план", "дорожн", "графи", "cronograma", "roteiro",
        "路线", "计划", "路線", "계획", "로드맵", "برنامه", "نقشه راه",
        "by phase", "per phase", "phases", "по фазах", "по фазам", "по этапам", "по етапах", "nach phasen",
        "par phase", "por fase", "上线路径", "分阶段", "단계별"),
    "checklist": (
        "checklist", "check list", "checkliste", "liste de contrôle", "чек-лист", "чеклист", "чек лист",
        "清单", "检查表", "체크리스트", "چک"),
    "actions": (
        "action item", "immediate action", "next action", "to do", "todo", "quick win", "sofortmaßnahme",
        "actions immédiates", "немедленн", "первоочеред", "ações imediatas", "立即", "즉시", "اقدام",
        "required action", "actions required", "erforderliche maßnahmen", "actions requises", "необходимые действия",
        "ações necessárias"),
    "scores": (
        "score", "scorecard", "rating", "assessment matrix", "bewertung", "évaluation", "оценк", "бал",
        "pontuação", "评分", "得分", "점수", "امتیاز"),
    # Cues that change how records below are read rather than what they are.
    "monthly": ("monthly", "per month", "/month", "/mo", "monatlich", "pro monat", "mensuel", "par mois",
                "ежемесячн", "в месяц", "щомісяч", "mensual", "mensal", "por mês", "每月", "月度", "월간", "매월",
                "ماهانه"),
    "yearly": ("annual", "yearly", "per year", "/year", "jährlich", "pro jahr", "annuel", "par an", "ежегодн",
               "в год", "щорічн", "anual", "por ano", "每年", "年度", "연간", "سالانه"),
    "one_off": ("one-time", "one time", "one-off", "upfront", "setup", "einmalig", "ponctuel", "unique",
                "единоразов", "разов", "одноразов", "único", "pontual", "一次性", "일회성", "یکبار"),
    "comparison": ("before/after", "before and after", "before vs", "vorher/nachher", "avant/après", "до/после",
                   "antes/depois", "前后"),
    "alternatives": ("alternative", "option", "decision matrix", "scenario", "comparison of", "trade-off",
                     "tradeoff", "vs.", "entscheidungsmatrix", "szenario", "variante", "scénario", "вариант",
                     "сценари", "cenário", "opção", "方案", "选项", "대안", "گزینه"),
    "example": ("example", "template", "sample", "beispiel", "vorlage", "exemple", "modèle", "пример",
                "шаблон", "exemplo", "modelo", "示例", "模板", "예시", "템플릿", "نمونه", "مثال"),
    "history": ("history", "historical", "changelog", "change log", "past", "previous", "completed phases",
                "historie", "verlauf", "historique", "истори", "histórico", "历史", "이력", "تاریخچه"),
    # A label that only says the items below are still to do ("Need to Add:", "Noch offen:"), not what about.
    "pending": ("need to add", "needs to be added", "to add", "to do", "todo", "to-do", "remaining",
                "still needed", "still to do", "pending", "outstanding", "noch offen", "offen",
                "zu erledigen", "ausstehend", "à faire", "reste à faire", "en attente", "осталось",
                "нужно добавить", "нужно сделать", "предстоит", "залишилось", "pendente", "a fazer", "falta",
                "pendiente", "por hacer", "待办", "待完成", "未完成", "남은 작업", "미완료", "باقیمانده"),
    # A heading that is itself a priority class (MoSCoW and its translations).
    "priority_class": ("must have", "must-have", "should have", "should-have", "could have", "nice to have",
                       "won't have", "muss", "soll", "kann", "obligatoire", "souhaitable", "обязательн",
                       "желательн", "обов'язков", "бажан", "obrigatório", "desejável", "imprescindible",
                       "必须", "应该", "可选", "필수", "권장"),
}

# Levels in words and marks, strongest first; see numbers.parse_level for how they are matched.
LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "critical": ("critical", "blocker", "blocking", "severe", "catastroph", "showstopper", "kritisch",
                 "critique", "критич", "критичн", "crítico", "critico", "crítica", "p0", "最高", "紧急", "严重",
                 "치명", "긴급", "بحرانی"),
    "high": ("very high", "high", "major", "hoch", "élevé", "elevé", "высок", "висок", "alto", "alta",
             "elevated", "p1", "高", "높음", "높", "بالا", "زیاد"),
    "medium": ("medium", "moderate", "med", "mittel", "moyen", "moyenne", "средн", "середн", "médio", "medio",
               "média", "media", "p2", "中", "보통", "중간", "متوسط"),
    "low": ("low", "minor", "trivial", "niedrig", "gering", "faible", "низк", "низьк", "baixo", "baixa",
            "bajo", "baja", "p3", "p4", "低", "낮음", "낮", "پایین", "کم"),
}

# Compared case-folded on both sides ("Maßnahme" folds to "massnahme").
FIELD_WORDS = {name: tuple(word.casefold() for word in words) for name, words in FIELD_WORDS.items()}
SCOPE_WORDS = {name: tuple(word.casefold() for word in words) for name, words in SCOPE_WORDS.items()}
LEVEL_WORDS = {name: tuple(word.casefold() for word in words) for name, words in LEVEL_WORDS.items()}

_SPACELESS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _stands_anywhere(word: str) -> bool:
    """CJK words, non-ASCII phrases and signs ("/month") may stand anywhere in a text; the others at a word's
    start. A letter or digit (not "_") is what a word may not touch."""
    return bool(_SPACELESS.search(word)) or not word.isascii() and " " in word or not word[0].isalnum()


def _must_end(word: str, *, stems: bool) -> bool:
    """Whether a word must also end where a word ends: short ASCII ones ("med", "p1", "low"), or every ASCII
    one without `stems`; longer ones are stems ("probab")."""
    return word.isascii() and not (stems and len(word) > 3)


def _word_pattern(word: str, *, stems: bool) -> str:
    """A word as it must stand in a text (_stands_anywhere, _must_end), as a pattern."""
    escaped = re.escape(word)
    if _stands_anywhere(word):
        return escaped
    # The literal first, then a look back past it: the search skips to where a word's first letter stands.
    start = rf"{escaped}(?<![^\W_].{{{len(word)}}})"
    return start + r"(?![^\W_])" if _must_end(word, stems=stems) else start


def _any_word(words: tuple[str, ...], *, stems: bool) -> re.Pattern[str]:
    """One pattern that finds any of the words as _word_pattern says they must stand (texts case-folded)."""
    return re.compile("|".join(_word_pattern(word, stems=stems) for word in words))


# Compiled once: a short text is matched against every level's words.
_LEVEL_PATTERNS = [(level, _any_word(words, stems=False)) for level, words in LEVEL_WORDS.items()]
# A label names a field by its first words, or by a CJK word anywhere in it.
_FIELD_TESTS = [(name, words, tuple(word for word in words if _SPACELESS.search(word)))
                for name, words in FIELD_WORDS.items()]


# The same tests for a label without CJK, by its first character: a label starts with a word only where their
# first characters agree, so only the fields with such a word are asked, in the same order.
def _field_starts() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    starts: dict[str, dict[str, list[str]]] = {}
    for name, words, _anywhere in _FIELD_TESTS:
        for word in words:
            starts.setdefault(word[0], {}).setdefault(name, []).append(word)
    return {first: tuple((name, tuple(words)) for name, words in fields.items()) for first, fields in starts.items()}


_FIELD_STARTS = _field_starts()


@memo(8192)
def field_of(label: str) -> str | None:
    """The field a label names ("**Probabilité**" -> "probability"), or None when it names none.

    Only short labels count: a sentence that happens to contain "risk" names no field.
    """
    text = " ".join(label.casefold().replace("*", " ").replace("_", " ").split()).strip(" :：-–—")
    if not text or len(text) > 40 or len(text.split()) > 5:
        return None
    if _SPACELESS.search(text) is None:  # a CJK word can only stand in a text with CJK in it
        return next((name for name, words in _FIELD_STARTS.get(text[0], ()) if text.startswith(words)), None)
    for name, words, anywhere in _FIELD_TESTS:
        if text.startswith(words) or any(word in text for word in anywhere):
            return name
    return None


_Starts = dict[str, list[tuple[str, str, bool]]]  # first two characters -> (word, cue, whether it must end)
_Anywhere = list[tuple[str, str]]  # (word, cue)


def _scope_index() -> tuple[_Starts, _Anywhere, dict[str, _Anywhere]]:
    """The scope words arranged for one pass over a heading, by the rules of _word_pattern(stems=True):
    the words that stand at a word's start, by their first two characters; then the words that may stand
    anywhere, those in ASCII in a list and the others by their first character."""
    starts: _Starts = {}
    ascii_anywhere: _Anywhere = []
    other_anywhere: dict[str, _Anywhere] = {}
    for cue, words in SCOPE_WORDS.items():
        for word in words:
            if not _stands_anywhere(word):
                assert len(word) >= 2, word  # looked up by two characters
                starts.setdefault(word[:2], []).append((word, cue, _must_end(word, stems=True)))
            elif word.isascii():
                ascii_anywhere.append((word, cue))
            else:
                other_anywhere.setdefault(word[0], []).append((word, cue))
    return starts, ascii_anywhere, other_anywhere


_SCOPE_STARTS, _SCOPE_ASCII_ANYWHERE, _SCOPE_OTHER_ANYWHERE = _scope_index()
# Where a word may start: a letter or digit after none ("_" and marks end a word here, as in _word_pattern).
# A run of them is found whole, each run's start being one: no look back tried at every character.
_WORD_START = re.compile(r"[^\W_]+")


@memo(8192)
def scope_of(heading: str) -> frozenset[str]:
    """What a heading says about what stands under it: kinds of fact and reading cues.

    One pass over the heading's words, each looked up by its first letters, and a look for the words that
    may stand anywhere only where their first character occurs: the same answer as one search per cue
    (tests/test_markdown_records.py), two to five times faster on the short strings headings are."""
    text = " ".join(heading.casefold().split())
    cues: set[str] = set()
    for match in _WORD_START.finditer(text):
        start = match.start()
        for word, cue, must_end in _SCOPE_STARTS.get(text[start:start + 2], ()):
            if cue not in cues and text.startswith(word, start):
                end = start + len(word)
                if not must_end or end == len(text) or not text[end].isalnum():
                    cues.add(cue)
    cues.update(cue for word, cue in _SCOPE_ASCII_ANYWHERE if word in text)
    if not text.isascii():
        for char in _SCOPE_OTHER_ANYWHERE.keys() & set(text):
            cues.update(cue for word, cue in _SCOPE_OTHER_ANYWHERE[char] if word in text)
    return frozenset(cues)


def level_alone(text: str) -> str | None:
    """The level one word is, written alone ("Hoch", "Критический", "高", "بحرانی"), else None: the word
    itself, or a level stem of four letters or more (six in ASCII) with an ending of at most five ("Низкий",
    "catastrophic"; not "highway" nor "высокоскоростной", high-speed). "High availability", "高可用" (high
    availability) and "کمبود" (shortage) are no level."""
    word = text.casefold().strip(" :：-–—()[]（）")
    if not word or len(word.split()) != 1:
        return None
    shortest = 6 if word.isascii() else 4
    for level, words in LEVEL_WORDS.items():
        if word in words or any(len(stem) >= shortest and word.startswith(stem) and len(word) - len(stem) <= 5
                                for stem in words):
            return level
    return None


@memo(8192)
def level_word(text: str) -> str | None:
    """critical / high / medium / low when a short text is only a level ("Hoch", "Высокий риск"), else None."""
    words = text.casefold().strip(" :：-–—()").split()
    if not words or len(words) > 3:
        return None
    text = " ".join(words)
    return next((level for level, pattern in _LEVEL_PATTERNS if pattern.search(text)), None)
