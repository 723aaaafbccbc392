"""Matching a heading in the user's notes to a principle of the framework, tolerantly:
case, punctuation, curly apostrophes, '&' for 'and', partial names and aliases.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from loopprep.model import Framework, Principle

_STOP = {"the", "a", "an", "to", "be", "and", "on", "of", "for", "my", "are", "is", "in"}


def normalise(text: str) -> str:
    """Lower-case words only: 'Earth’s Best' -> 'earths best', 'A & B' -> 'a and b'."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("&", " and ").replace("’", "").replace("‘", "").replace("'", "")
    text = text.replace("`", "")
    text = re.sub(r"[^\w\s]|_", " ", text.lower())
    return " ".join(text.split())


def _content(words: str) -> set[str]:
    return {w for w in words.split() if w not in _STOP}


@lru_cache(maxsize=256)
def _names(principle: Principle) -> tuple[tuple[str, frozenset[str]], ...]:
    names = [normalise(principle.name), normalise(principle.slug.replace("-", " ")),
             *(normalise(a) for a in principle.aliases)]
    return tuple((name, frozenset(_content(name))) for name in names)


def match_principle(heading: str, framework: Framework) -> tuple[Principle | None, float]:
    """The principle a heading names, with a confidence in 0..1 (None when nothing fits)."""
    norm = normalise(re.sub(r"^\s*(lp|principle)\s*\d*\s*[:.\-]\s*", "", heading, flags=re.I))
    norm = re.sub(r"^\d+\s+", "", norm)  # "3. Dive Deep" -> "dive deep"
    if not norm:
        return None, 0.0
    words = _content(norm)
    if not words:
        return None, 0.0
    best: Principle | None = None
    best_score = 0.0
    for principle in framework.principles:
        for index, (name, name_words) in enumerate(_names(principle)):
            score = _score(norm, words, name, name_words, alias=index >= 2)
            if score > best_score:
                best, best_score = principle, score
    if best_score < 0.5:
        return None, 0.0
    return best, best_score


def _score(norm: str, words: set[str], name: str, name_words: frozenset[str], *,
           alias: bool) -> float:
    if norm == name:
        return 1.0 if not alias else 0.95
    if not name_words:
        return 0.0
    if name_words <= words:
        # the heading contains the whole name, e.g. "Customer Obsession (stories)"
        extra = len(words - name_words)
        return max(0.6, 0.9 - 0.1 * extra)
    if words <= name_words:
        # a partial name, e.g. "Backbone" or "Earth's Best Employer"
        share = len(words) / len(name_words)
        return 0.55 + 0.3 * share if share >= 0.5 or alias else 0.0
    overlap = len(words & name_words) / len(words | name_words)
    return overlap if overlap >= 0.6 else 0.0
