"""Recognising a question in the notes: 'Tell me about a time…', 'Q3:' and emphasis
stripped, and a stem ('Describe a situation when:') left for the bullets under it to finish.
"""

from __future__ import annotations

import re
from functools import lru_cache

from loopprep.notes.question_stems import asks_in_german, may_ask_in_german

_QUESTION_START = re.compile(
    r"^\s*(?:q\d*\s*[:.)-]\s*)?(?:tell (?:me|us)|describe|give (?:me |us )?(?:an? )?(?:example|time|instance)"
    r"|walk (?:me|us) through|share (?:an?|a time)|talk (?:me |us )?(?:about|through)"
    r"|explain (?:a|how|when)|recall a time|think of a time|have you ever"
    r"|an? (?:time|situation|moment|example) (?:when |where )?you"
    r"|tmaa?t|tmw)\b",  # 'TMAT you failed': prep notes' shorthand for 'Tell me about a time'
    re.IGNORECASE,
)


_TO_YOU = re.compile(r"\b(?:you|your|yours|yourself)\b|\byou['’]", re.IGNORECASE)


#: English's small words (and a few a note to self uses: 'not sure yet', 'need a result'):
#: none is a word of the other languages notes are kept in
_ENGLISH = re.compile(r"\b(?:the|did|does|do|is|are|was|were|what|why|how|when|who|which|"
                      r"for|of|to|and|it|this|that|with|also|maybe|not|yet|need|needs|again|"
                      r"my|we|our|from|by|at|just|still|too|than|then|could|should|would|"
                      r"have|has|had|been)\b", re.IGNORECASE)
_ONE_MARK = re.compile(r"\w[\"”»)]? ?\?$")  # 'error?', 'fier ?' (French spacing), not '???'
_FOREIGN_WORDS = 3


_BOLD = re.compile(r"^(?:\*\*|__)(.*)(?:\*\*|__)$")
_ITALIC = re.compile(r"^(?:\*|_)(.*)(?:\*|_)$")
# 'Q:', 'Q3.', 'Question:', bold or not: '**Q:** Tell me…', '**Q1:** …'; a number alone
# needs no mark ('Q1  Tell me…', as plain text and e-mail notes number their questions);
# a question's number ('### 1. Tell me…', as a numbered list writes it) is not asked
_Q_PREFIX = re.compile(r"^(?:\*\*|__|\*|_)?\s*(?:(?:likely|possible|probable|expected)\s+)?"
                       r"(?:(?:q\d*|question\s*\d*)\s*[:.)-]|q\d{1,3}(?=\s)|\d{1,2}[.)](?=\s))"
                       r"\s*(?:\*\*|__|\*|_)?\s*", re.IGNORECASE)
#: the to-do marker of an outliner over a question (Logseq's, org-mode's 'TODO Tell me…',
#: 'LATER …', 'TODO: …'): not asked
_TODO = re.compile(r"^(?:TODO|LATER|NOW|DOING|DONE|WAITING):?\s+(?=\S)")
#: a question quoted as the interviewer would say it: '"Tell me about a time…" → F'
_QUOTED = re.compile(r'^["“](?P<asked>[^"“”]{8,})["”]\s*(?P<after>.*)$')
#: the writer's own label of a question: 'Q:', 'Q.', 'Question:' (not 'Q3:', a quarter too)
_LABELLED = re.compile(r"^\s*(?:\*\*|__)?(?:q|question)\s*[:.]\s", re.IGNORECASE)
_LABEL_STARTS = frozenset("qQ*_")
_TODO_STARTS = frozenset("TLNDW")
_FIRST_SENTENCE = re.compile(r"(?<=[?.!])\s")


#: a question's leading icon: emoji and symbols, with any space after them
_ICON = re.compile(r"^[\u2300-\u2bff\u2e00-\u2e7f\U0001f000-\U0001faff\ufe0f\u200d]+\s*")


@lru_cache(maxsize=65536)
def clean_question(text: str) -> str:
    """A question as plain text: no emphasis markers, no 'Q3:' prefix."""
    text = _ICON.sub("", text.strip())  # '❓ Tell me…', '💬 Q: …'
    text = _BOLD.sub(r"\1", text).strip()
    text = _ITALIC.sub(r"\1", text).strip()
    if text[:1] in _TODO_STARTS:
        text = _TODO.sub("", text)
    text = _Q_PREFIX.sub("", text).strip() or text
    if (label := _question_label(text)) is not None:
        text = text[label:]  # 'Ownership: Tell me…': the label is not asked
    quoted = _QUOTED.match(text)
    if quoted:
        text = f"{quoted.group('asked').strip()} {quoted.group('after')}".strip()
    return text


#: where a question written with its answer on one line ends: at the first arrow, or at a
#: dash right after the question's own end ('"Tell me…?" — #3', 'Tell me….  – use A'); never
#: at another dash, which a question may hold
_ANSWER_AT = re.compile(r"\s*(?:→|->|=>|⇒)\s*|(?<=[?.!\"”])\s+[-–—]\s+")


_ARROW = re.compile(r"→|->|=>|⇒")
#: ... or at the label an answer line opens with ('Use:', 'A:', 'Story:', 'Answer:'),
#: written after the question's end on its line: '… the business? Use: Forklift telemetry'
_ANSWER_LABEL_AT = re.compile(r"(?<=[.?!])\s+(?:\*\*)?(?:a|use|answer(?: with)?|story)(?:\*\*)?"
                              r"\s*:(?:\*\*)?\s+(?=\S)", re.IGNORECASE)


#: ... or at the wikilinks closing a question's line ('… of responsibility. [[JsonSubTypes]]',
#: '… way?  [[A]] | [[B]]'), as a vault's question list links its stories
_LINKS_AT_END = re.compile(r"(?<=\S)\s+(?=\[\[[^\[\]]+\]\](?:\s*[|,;/]?\s*\[\[[^\[\]]+\]\])*$)")


_LINK = re.compile(r"\[\[[^\[\]]+\]\]")


def answers_in(answer: str) -> list[str]:
    """An answer of several wikilinks ('[[A]] | [[B]]') is one answer per link; any other
    answer is one."""
    links = _LINK.findall(answer) if answer.startswith("[[") else []
    return links if len(links) > 1 and not _LINK.sub("", answer).strip(" |,;/") else [answer]


def answer_split(text: str) -> tuple[str, str, bool]:
    """'Tell me about a time you failed → Pager storm' -> (the question, 'Pager storm',
    False); True when a dash, not an arrow or an answer label ('… yourself. Use: Pager
    storm'), opened the answer; (text, '', False) when no answer follows."""
    m = _ANSWER_AT.search(text)
    labelled = m is None and ":" in text and (m := _ANSWER_LABEL_AT.search(text)) is not None
    if m is None and text.endswith("]]") and (m := _LINKS_AT_END.search(text)) is not None:
        labelled = True  # '… your area. [[Stories#Ferry refund|Ferry refund]]': a link answers
    if m is None or not text[m.end():].strip():
        return text, "", False
    dashed = not labelled and not _ARROW.search(m.group(0))
    answer = _ANSWER_LABEL.sub("", text[m.end():].strip())  # '-> A: conveyor jam'
    return text[: m.start()], answer, dashed


_ANSWER_LABEL = re.compile(r"^(?:\*\*|__)?A(?:nswer)?\s*:(?:\*\*|__)?\s*", re.IGNORECASE)


STEM_END = re.compile(r"(?:…|\.\.\.|:)\s*$")


def is_stem(text: str) -> bool:
    """'Tell me about a time…' or 'Describe a situation when:': a question left unfinished
    for the bullets under it to complete."""
    text = clean_question(text)
    return bool(_QUESTION_START.match(text)) and bool(STEM_END.search(text)) and len(text) < 80


#: a word `_QUESTION_START` opens with: a line with none of them and no '?' asks nothing
_ASKING_WORDS = ("tell", "describe", "give", "walk", "share", "talk", "explain", "recall",
                 "think", "have", "a time", "a situation", "a moment", "an example", "tma",
                 "tmw")
_ASKING_WORD = re.compile("|".join(_ASKING_WORDS), re.IGNORECASE)


#: how a question put to the candidate opens when it is not 'Tell me…': 'When did you…?',
#: 'How have you…?', "What's a time you…?", 'Why do you…?'
_ASKS_YOU = re.compile(r"^(?:what|what['’]s|when|how|why|which|who|where|have|has|did|do|can|"
                       r"could|would|are|were|is)\b[^?]*\byou", re.IGNORECASE)


#: a short label a question is written after: 'Ownership: Tell me…', 'Customer Obsession —
#: Describe…', '*Behavioral:* Tell me…', '[DD] Describe…' (the principle or kind it is
#: asked for, in words or in the bracketed abbreviations a story's title may carry), or a
#: few in a row: '**Interviewer:** Tell me…', '[10:35] Priya: Last one: tell me…'
_LABEL = re.compile(r"^(?:(?:[\[(][^\[\]()]{1,40}[\])]\s*(?::|\s[-–—])?|(?:\*\*|__|\*|_)?"
                    r"[^\W\d_][\w&'’/,; -]{1,40}?(?:\*\*|__|\*|_)?(?::|\s[-–—]))"
                    r"\s*(?:\*\*|__|\*|_)?\s*){1,3}")
_LABEL_WORDS = 5


def _question_label(text: str) -> int | None:
    """Where the question starts after a label of a few words ('Ownership: Tell me about
    a time…'); None when `text` opens no question after one."""
    if _QUESTION_START.match(text):
        return None
    m = _LABEL.match(text)
    rest = text[m.end():] if m is not None else ""
    if m is None or len(m.group(0).split()) > _LABEL_WORDS or not _QUESTION_START.match(rest) \
            or not _TO_YOU.search(rest):  # ('Task: Describe the plan to partners' asks none)
        return None
    return m.end()


def opens_a_question(text: str) -> bool:
    """'Tell me about a time…', 'Describe…', 'When did you…?': worded as an interviewer
    asks from its first word (not just holding a '?', as 'ask Joana: do you…?' does)."""
    cleaned = clean_question(text)
    return bool(_QUESTION_START.match(cleaned)) or (
        "?" in cleaned and bool(_ASKS_YOU.match(cleaned)) and is_question(text))


#: a word a question could hold without a '?' (`_ASKING_WORDS`, or a German stem), for ASCII
#: text in lower case, its alternatives grouped by their first letters (quicker to search):
#: a line holding none (most lines of notes) is told at once
_ANY_ASKING_WORD = re.compile(r"t(?:ell|alk|hink|m[aw])|describe|g(?:ive|eben|ib)|walk|"
                              r"s(?:hare|childer)|e(?:xplain|rzähl)|recall|have|"
                              r"an? (?:time|situation|moment|example)|b(?:eschreib|ericht)|nenn")


def is_question(text: str) -> bool:
    """Whether a line asks an interview question ('Tell me about…', 'Why did you…?')."""
    if "?" not in text and text.isascii() and _ANY_ASKING_WORD.search(text.lower()) is None:
        return text.lstrip()[:1] in _LABEL_STARTS and _LABELLED.match(text) is not None \
            and _is_question(text)
    if "?" not in text and not _may_start_question(text) and not (
            text.lstrip()[:1] in _LABEL_STARTS and _LABELLED.match(text)):
        # most lines: told at a glance
        return may_ask_in_german(text) and asks_in_german(clean_question(text))
    return _is_question(text)


def _may_start_question(text: str) -> bool:
    if text.isascii():  # (case-insensitive matching folds more than lower() outside ASCII)
        lowered = text.lower()
        return any(word in lowered for word in _ASKING_WORDS)
    return _ASKING_WORD.search(text) is not None


@lru_cache(maxsize=65536)
def _is_question(text: str) -> bool:
    original, text = text, clean_question(text)
    if not text or len(text) > 600 or text.startswith("|"):
        return False  # (a table's row is a record: a question table is read by its cells)
    if _QUESTION_START.match(text) or (_LABELLED.match(original) and _TO_YOU.search(text)):
        return True  # (a line its writer labelled 'Q:' that asks 'you' something asks it)
    first = _FIRST_SENTENCE.split(text, maxsplit=1)[0]
    asked = first if first.endswith("?") else text if text.endswith("?") else ""
    if asked.count("(") > asked.count(")"):
        return False  # 'Payments (or Insurance? not sure) team': an aside in brackets
    # an interview question asks the candidate: 'Why did the outage happen? ask Bruno' and
    # 'How is on-call shared?' (to ask them) are asides and questions for the interviewer
    # (an English rule: a question in another language is kept as it is)
    return bool(asked) and (bool(_TO_YOU.search(asked)) or _foreign_question(asked)
                            or bool(_WHY_US.match(text)))


#: the question every loop asks of the company itself, alone on its line: 'Why Amazon?',
#: 'Why Amazon Games? (prepare: scale…)', 'Why this role?' (not 'why TB?', an aside)
_WHY_US = re.compile(r"^[Ww]hy\s+(?:[A-Z][a-z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)?|this\s+"
                     r"(?:role|job|team|company|position))\s*\?(?:\s*\([^()]*\))?$")


def _foreign_question(asked: str) -> bool:
    """A question in another language (kept as it is): a sentence of a few words with
    none of English's small words, ending in a word and one '?'. A code asked alone ('DD?
    no — …'), a run of '???' (a note to self) and an English aside ('also works for TB?')
    ask nothing."""
    return len(asked.split()) >= _FOREIGN_WORDS and _ONE_MARK.search(asked) is not None \
        and not _ENGLISH.search(asked)
