"""Reading a question the way the classifier needs it: interviewer notes in brackets
dropped, words stemmed lightly, and the unigram + bigram terms the lexical model counts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

MAX_QUESTION_CHARS = 2_000  # a question is a sentence or three; the rest of a paste is noise

# "(Manager)", "(probe on ...)", "[Interviewer note: ...]": they say who is asked or what
# to dig into next, not which principle the question itself probes.
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_WORD = re.compile(r"[a-z][a-z'-]*")
_SUFFIXES = ("'s", "ing", "ed", "es", "s", "ly")

# Frame words every behavioral question shares ("tell me about a time when you ...") and
# function words: they carry no sign of the principle, so the lexical model ignores them.
STOP_WORDS = frozenset("""
a an the of to in on for and or but with you your yours yourself i me my we our us it its
this that these those was were is are be been being have has had do did does done what when
where which who whom why how time times tell about give example examples describe situation
walk through share can could would should will there their them they he she his her him as
at by from if into not no so than then too very just also any some all more most other such
own same up down out over again one two three first last recent recently specific
particular please
""".split())


def clean_question(text: str) -> str:
    """The question without bracketed interviewer notes, curly quotes or runs of spaces."""
    text = unicodedata.normalize("NFKC", text[:MAX_QUESTION_CHARS])
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    stripped = _BRACKETS.sub(" ", text)
    # a question that is only a bracketed note keeps its words
    if _WORD.search(stripped.lower()):
        text = stripped
    return " ".join(text.split())


def stem(word: str) -> str:
    """A light suffix stripper: enough to meet 'decisions' with 'decision', 'hired' with 'hire'."""
    word = word.strip("'-")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    """Content words of `text`, lower-cased and stemmed, stop words left out."""
    found = _WORD.findall(clean_question(text).lower())
    return [stem(w) for w in found if w not in STOP_WORDS and len(w) > 1]


def terms(text: str) -> list[str]:
    """Words and adjacent word pairs ('custom', 'custom_feedback')."""
    ws = words(text)
    return ws + [f"{a}_{b}" for a, b in zip(ws, ws[1:], strict=False)]


def has_words(text: str) -> bool:
    """True when `text` holds at least one letter of any script."""
    return any(ch.isalpha() for ch in text)


def english_share(text: str, vocabulary: Container[str] = ()) -> float:
    """Share of the words of `text` that are common English words or known to the model:
    low for text in another language or script, or for gibberish."""
    found = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", clean_question(text).lower())
    if not found:
        return 0.0
    known = sum(1 for w in found if w in STOP_WORDS or stem(w) in vocabulary)
    return known / len(found)
