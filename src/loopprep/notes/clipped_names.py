"""A principle's name clipped to fit a narrow column: `Cust Obs`, `Scale/Resp`, `Hire/Dev`,
`Bias Act`. A spreadsheet's or a grid's column headers are cut so, word by word; each word
left is the start of a word of one principle's name, in order. Only for a table's header
cells, where the other columns name principles too."""

from __future__ import annotations

import re

from loopprep.model import Framework, PrincipleSlug

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SMALL = frozenset({"a", "an", "and", "be", "for", "of", "on", "the", "to"})
#: a clipped word keeps this many letters at least ('Obs', 'Own')
_MIN_LETTERS = 3


def clipped_principle(cell: str, framework: Framework) -> PrincipleSlug | None:
    """The one principle whose name `cell` is a clipping of, else None."""
    words = [w for w in _WORD.findall(cell.lower()) if w not in _SMALL]
    if not words or len(cell) > 40 or any(len(w) < _MIN_LETTERS for w in words):
        return None
    found = [slug for slug, name_words in _name_words(framework) if _clips(words, name_words)]
    return found[0] if len(found) == 1 else None


def _name_words(framework: Framework) -> tuple[tuple[PrincipleSlug, tuple[str, ...]], ...]:
    return tuple((p.slug, tuple(w for w in _WORD.findall(p.name.lower()) if w not in _SMALL))
                 for p in framework.principles)


def _clips(words: list[str], name_words: tuple[str, ...]) -> bool:
    """Whether each of `words` starts a word of `name_words`, in order."""
    at = 0
    for word in words:
        while at < len(name_words) and not name_words[at].startswith(word):
            at += 1
        if at == len(name_words):
            return False
        at += 1
    return True
