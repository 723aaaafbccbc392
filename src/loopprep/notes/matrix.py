"""A story x principle matrix (a story per row, a principle per column, a mark in the cells
of the principles each story is told for) rewritten as the `| Story | LPs |` table the
rest of `notes/` reads. Its columns may be headed by a legend's codes or by names
shortened word by word ('Cust Obs', 'Inv & Simp', 'Bias Act'), and its marks may be any
the notes' key spells out ('P = primary, s = secondary, blank = no'; '● = lead story ·
○ = backup · empty = no'), beside the ticks and crosses everyone reads.
"""

from __future__ import annotations

import re

from loopprep.model import Framework, PrincipleSlug
from loopprep.notes.principle_names import named_principle
from loopprep.notes.principles import normalise

#: the marks any matrix may use for 'told for this principle'
MARKS = frozenset({"x", "✓", "✔", "✅", "yes", "y", "true", "●", "○", "◐", "•", "*", "+"})
#: one item of a key of marks: a symbol (or a single letter or digit), '=', what it means
_KEY_ITEM = re.compile(r"(?:^|(?<=[\s·,;:(]))(?:\*\*|__)?(?P<mark>[^\w\s*_|=]{1,3}|[A-Za-z0-9])"
                       r"(?:\*\*|__)?\s*=\s*(?P<meaning>[^=·,;|]*)")
#: what a key says a 'no' looks like: '✗ = no', '- = not for this one'
_NO = re.compile(r"^\W*(?:no|not|none|never|n/a|nothing)\b", re.IGNORECASE)
#: words a shortened name leaves out, as the full names' words are matched
_STOP = frozenset({"the", "a", "an", "to", "be", "and", "on", "of", "for", "are", "is", "in"})
#: a row of sums under the stories ('TOTAL', '**count**'): no story
_TOTAL_ROW = re.compile(r"^\W*(?:totals?|sums?|counts?)\W*$", re.IGNORECASE)
#: the shortest piece of a word a shortened name keeps ('Own', 'Obs', 'Dev')
_MIN_PIECE = 3


def key_marks(lines: list[str], story_codes: dict[str, str]) -> frozenset[str]:
    """The marks a key line spells out, in lower case: a line of two or more `… = meaning`
    items ('**P** = primary story for that LP, **s** = secondary / backup, blank = no'),
    each mark a symbol or a single letter; an item saying 'no' is not a mark, and neither
    is a code of the notes' story key ('A = Mobile money reversals')."""
    found: set[str] = set()
    for line in lines:
        if line.count("=") < 2 or line.lstrip().startswith("|"):
            continue  # (one 'x = y' is a note, not a key)
        items = list(_KEY_ITEM.finditer(line))
        found.update(m.group("mark").lower() for m in items
                     if not _NO.match(m.group("meaning")) and m.group("mark") not in story_codes)
    return frozenset(found)


def shortened_principle(name: str, framework: Framework) -> PrincipleSlug | None:
    """The one principle a name shortened word by word stands for: each word the start
    (three letters or more) of a word of the principle's name or alias, in order, small
    words left out ('Cust Obs', 'Inv & Simp', 'Hire & Dev', 'Bias Act', 'Own')."""
    words = [w for w in normalise(name).split() if w not in _STOP]
    if not words or len(words) > 4 or any(len(w) < _MIN_PIECE or not w.isalpha() for w in words):
        return None
    hits: set[PrincipleSlug] = set()
    for principle in framework.principles:
        for full in (principle.name, *principle.aliases):
            if _starts_in_order(words, [w for w in normalise(full).split() if w not in _STOP]):
                hits.add(principle.slug)
                break
    return next(iter(hits)) if len(hits) == 1 else None


def _starts_in_order(words: list[str], full: list[str]) -> bool:
    rest = iter(full)
    return all(any(target.startswith(word) for target in rest) for word in words)


def story_matrix(lines: list[str], start: int, framework: Framework,
                 abbr: dict[str, PrincipleSlug], marks: frozenset[str]) -> int:
    """Rewrite a story x principle matrix starting at `start` in place; the lines used."""
    cells = [c.strip() for c in lines[start].strip().strip("|").split("|")]
    named = [named_principle(c, framework) or abbr.get(c) for c in cells[1:]]
    if len([s for s in named if s]) < 2 or start + 1 >= len(lines) \
            or not re.match(r"^\|?\s*:?-+", lines[start + 1].strip()):
        return 0
    slugs = [s or shortened_principle(c, framework) for s, c in zip(named, cells[1:], strict=True)]
    names = {p.slug: p.name for p in framework.principles}
    lines[start], lines[start + 1] = f"| {cells[0] or 'Story'} | LPs |", "|---|---|"
    end = start + 2
    while end < len(lines) and lines[end].strip().startswith("|"):
        row = [c.strip() for c in lines[end].strip().strip("|").split("|")]
        marked = [names[s] for s, c in zip(slugs, row[1:], strict=False)
                  if s and (c.lower() in marks or c.strip("*_ ").lower() in marks)
                  and not _TOTAL_ROW.match(row[0])]
        lines[end] = f"| {row[0]} | {', '.join(marked) or '—'} |"
        end += 1
    return end - start
