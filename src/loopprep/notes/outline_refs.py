"""A story named by its place in the notes' numbering: Word's multilevel list ('3.' a
principle, 'a.' a story under it) or numbered headings ('## 2.1 Lab results delay'), and
a line elsewhere that points at it by that number ('Also: the help-centre search thing
(see 3.a)', '– use 6 again here', 'see 2.1 – lead with the patient impact'). Such a line
is that story's again: it is rewritten to open with the story's title and a dash, the
way the reader knows a story named with what it is for ('Kiosk pilot – blind diners…'),
so it is that story whether it was told above or is told below.
"""

from __future__ import annotations

import re

#: '3.\tInvent and Simplify', '3) …': a top-level number of a pasted list
_NUMBER = re.compile(r"^(?P<number>\d{1,2})[.)][ \t]+\S")
#: 'a.\tStory: Rewriting the help-centre search': a lettered item under it
_LETTER = re.compile(r"^[ \t]*(?P<letter>[a-h])[.)][ \t]+(?P<title>\S.*)$")
#: '## 2.1 Lab results delay', '## **1.1 Mobile check-in kiosks**': a numbered heading
_NUMBERED_HEADING = re.compile(r"^#{1,6}[ \t]+(?:\*\*|__)?(?P<code>\d{1,2}\.\d{1,2})\.?[ \t]+"
                               r"(?P<title>[^*_{}]{3,80}?)\s*(?:\*\*|__)?\s*(?:\{[^}]*\})?\s*$")
#: a story's lead and its trailing aside: 'Story: …', '… (short version)'
_STORY_LEAD = re.compile(r"^(?:story|example)\s*[:\-–—]\s*", re.IGNORECASE)
_ASIDE = re.compile(r"\s*\([^()]*\)\s*$")
#: 'see 3.a', 'use 6', 'same as 2.1': a pointer to a number (never '6 weeks', '2.5 min')
REFERENCE = re.compile(r"\b(?:see|use|same as|like)\s+(?P<code>\d{1,2}(?:\.(?:[a-h]|\d{1,2}))?)"
                       r"(?![\w.%]|\.\d|\s*(?:%|min|h\b|hours?|days?|weeks?|months?|years?))",
                       re.IGNORECASE)


def numbered_stories(lines: list[str]) -> dict[str, str]:
    """Each numbered place -> the title of the story there: '3.a' for the lettered item
    'a.' under '3.', '3' for the first lettered item under '3.' (the story of that
    principle), '2.1' for a numbered heading."""
    found: dict[str, str] = {}
    number: str | None = None
    for line in lines:
        first = line[:1]
        if first.isdigit():
            top = _NUMBER.match(line)
            number = top.group("number") if top is not None else number
        elif first == "#":
            if (heading := _NUMBERED_HEADING.match(line)) is not None:
                found.setdefault(heading.group("code"), _ASIDE.sub("", heading.group("title")))
        elif number is not None and first and first in "abcdefgh \t" and (
                item := _LETTER.match(line)) is not None:
            title = _ASIDE.sub("", _STORY_LEAD.sub("", item.group("title").strip()))
            found.setdefault(f"{number}.{item.group('letter')}", title)
            found.setdefault(number, title)
    return found


def pointed_at(rest: str, numbered: dict[str, str]) -> str | None:
    """A line's text pointing at a numbered story ('– use 6 again here (…)') rewritten to
    open with that story's title ('Pushing back on the plan — – use 6 again here (…)');
    None when it points at none."""
    reference = REFERENCE.search(rest)
    if reference is None:
        return None
    title = numbered.get(reference.group("code").lower())
    if title is None or rest.lstrip(" -–—").startswith(title):
        return None
    return f"{title} — {rest}"
