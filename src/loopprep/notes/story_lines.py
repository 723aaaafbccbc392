"""A story line that ends in the principles it is filed under: `Pager storm (OWN, BFA)`,
`Label fiasco  [DD] [OW]`, `Conveyor jam [[Bias for Action]] [[Ownership]]`, `Ticket bot -
invent and simplify, customer obsession`, `**Returns desk** *(also Earn Trust)*`, `Dock
doors // dive deep, deliver results`, `Kiosk pilot → CO, OWN`. The
title is cut from the list, whose every item must be a principle or a legend's code.
"""

from __future__ import annotations

import re

from loopprep.model import Framework, PrincipleSlug
from loopprep.notes.bullets import is_placeholder
from loopprep.notes.principle_names import named_principle, principle_list

#: a story's principles after its title: one bracketed list, or a run of bracketed codes
_TRAILING_LIST = (re.compile(r"^(?P<title>.+?)\s*(?P<list>(?:[\[(][^\[\]()]+[\])]\s*){2,})$"),
                  re.compile(r"^(?P<title>.+?)\s*(?P<list>(?:\[\[[^\[\]|]+\]\]\s*)+)$"),  # [[LP]]
                  re.compile(r"^(?P<title>.+?)\s*\((?P<list>[^()]+)\)\s*$"),
                  re.compile(r"^(?P<title>.+?)\s*\[(?P<list>[^\[\]]+)\]\s*$"),
                  re.compile(r"^(?P<title>.+?)\s*\{(?P<list>[^{}]+)\}\s*$"),
                  re.compile(r"^(?P<title>.+?)\s+[-–—]\s+(?P<list>[^-–—]+)$"),
                  # any other mark people set between a title and its list: 'Title // a, b',
                  # 'Title → a, b', 'Title | a, b', 'Title » a, b'
                  re.compile(r"^(?P<title>.+?)\s*(?://|→|->|=>|⇒|»|\s\|\s)\s*(?P<list>[^/|→>»⇒]+)$"))
#: the marks the last pattern splits at, looked for before it is tried
_OTHER_MARK = re.compile(r"//|→|->|=>|⇒|»| \| ")
_WORD = re.compile(r"[^\W_]")  # a title holds a letter or a digit
_BRACKETS_BETWEEN = re.compile(r"\s*[\])]+\s*[\[(]+\s*")  # '[DD] [OW]', '[[A]] [[B]]'
#: a bracket in emphasis at the end: '*(also Earn Trust)*'
_EMPHASISED_BRACKET = re.compile(r"\s*[*_]{1,2}(\([^()]*\)|\[[^\[\]]*\])[*_]{1,2}\s*$")
#: 'also' before the list: '(also Earn Trust)', '(see also DD)'
_ALSO_LEAD = re.compile(r"^(?:see\s+)?also(?:\s+for)?\s*[:\-–—]?\s*", re.IGNORECASE)
#: a title that is a label of the principles, not a story: 'LPs (CO, DD)'
LABEL_TITLE = re.compile(r"^\W*(?:lps?|leadership principles?|principles?|competenc\w*)\b",
                         re.IGNORECASE)


def story_list(rest: str, framework: Framework, abbr: dict[str, PrincipleSlug]
               ) -> tuple[str, list[PrincipleSlug]] | None:
    """`Pager storm (OWN, BFA)` -> ('Pager storm', [ownership, bias-for-action])."""
    if rest.rstrip().endswith(("*", "_")) and (")" in rest or "]" in rest):
        rest = _EMPHASISED_BRACKET.sub(r" \1", rest)
    if not (rest.rstrip().endswith((")", "]", "}")) or " - " in rest or " – " in rest or " — " in rest
            or _OTHER_MARK.search(rest)):
        return None
    for pattern in _TRAILING_LIST[0 if rest.count(")") + rest.count("]") > 1 else 2:]:  # (runs)
        m = pattern.match(rest)
        if m is None:
            continue
        title = m.group("title").strip()
        bare = title.strip("*_ ")
        if not _WORD.search(bare) or LABEL_TITLE.match(bare) or len(bare.split()) > 12 or named_principle(
                bare, framework) or is_placeholder(bare) or bare.startswith(("[ ]", "[x]")):
            continue  # '→ ??? nothing yet (Frugality)'; a to-do ('find a story for [[Think Big]]')
        listed = m.group("list")
        if "]" in listed or ")" in listed:  # '[DD] [OW]': the codes of a run
            listed = _BRACKETS_BETWEEN.sub(", ", listed).strip("[]() ")
        if "lso" in listed:
            listed = _ALSO_LEAD.sub("", listed)
        slugs = principle_list(listed, framework, abbr)
        if slugs:
            return title, slugs
    return None
