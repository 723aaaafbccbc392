"""STAR parts labelled by their letter and a dash ('S – regular customer …', 'R – ramp
fixed in 6 days'). A letter with a dash alone is prose or a list of codes ('A - …', 'R -
Arts, S - Services'), so it is a STAR label only in a run of sibling lines whose letters
come in STAR order; such a run is rewritten with colons ('S: …'), line for line.
"""

from __future__ import annotations

import re

_LETTER_DASH = re.compile(r"^(?P<lead>[ \t]*(?:[-*+][ \t]+)?)(?P<letter>[STAR])[ \t]+[–—-][ \t]+(?=\S)")
_ANY = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?[STAR][ \t]+[–—-][ \t]", re.MULTILINE)
_ORDER = "STAR"
_MIN_RUN = 3  # S, A and R at least: two letters in order happen by chance


def star_letters(lines: list[str]) -> None:
    """Rewrite every run of sibling 'S – …', 'T – …', 'A – …', 'R – …' lines in place."""
    if not _ANY.search("\n".join(lines)):
        return  # (most notes have none: told by one search of the text)
    index = 0
    while index < len(lines):
        first = _LETTER_DASH.match(lines[index])
        if first is None:
            index += 1
            continue
        run = [index]
        lead, last = first.group("lead"), _ORDER.index(first.group("letter"))
        while run[-1] + 1 < len(lines):
            following = _LETTER_DASH.match(lines[run[-1] + 1])
            if following is None or following.group("lead") != lead \
                    or _ORDER.index(following.group("letter")) <= last:
                break
            last = _ORDER.index(following.group("letter"))
            run.append(run[-1] + 1)
        if len(run) >= _MIN_RUN:
            for at in run:
                lines[at] = _LETTER_DASH.sub(r"\g<lead>\g<letter>: ", lines[at], count=1)
        index = run[-1] + 1
