"""STAR blocks in free-form notes: `**Situation:** …` lines, `S:`/`T:`/`A:`/`R:` lines,
`- Situation - …` bullets, each run of them one story, titled by the line or bullet just
before it (`**Payment outage**`, `Story - Returns kiosk`) or by the heading it opens.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from loopprep.model import PrincipleSlug
from loopprep.notes.outline import Item

_EMPHASIS = r"(?:\*\*|__|\*|_)?"
#: a STAR label opening a line: 'Situation:', '**Task:**', '**Action**:', 'Result -', 'S:'
_LABEL = re.compile(
    r"^\s*(?P<open>\*\*|__|\*|_)?\s*(?P<label>(?P<joined>(?:situation|context|background)\s*"
    r"(?:/|&|\+|\bor\b|\band\b)\s*(?:task|goal|objective)|s\s*/\s*t)|"  # 'Situation/Task', 'S/T'
    r"situation|context|background|task|goal|objective|"
    r"actions?|what i did|what happened|results?|outcome|impact|lessons?(?: learned)?|learnings?|"
    rf"reflection|sit|tsk|act|res|(?P<letter>[star]))\s*{_EMPHASIS}\s*"
    rf"(?P<sep>:|\s[-–—]|[-–—]\s|\.(?=(?:\*\*|__)\s))\s*{_EMPHASIS}\s*"
    r"(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_PARTS = {
    "situation": "situation", "context": "situation", "background": "situation", "s": "situation",
    "task": "task", "goal": "task", "objective": "task", "t": "task",
    "action": "action", "actions": "action", "what i did": "action", "a": "action",
    "what happened": "situation",
    "result": "result", "results": "result", "outcome": "result", "impact": "result",
    "r": "result", "lesson": "lessons", "lessons": "lessons", "lessons learned": "lessons",
    "learning": "lessons", "learnings": "lessons", "reflection": "lessons",
    "sit": "situation", "tsk": "task", "act": "action", "res": "result",
}
_BOLD_ONLY = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_].*?)\1\s*[:.!]?\s*$")
#: 'Story - …', 'Story 3: …', 'STORY ONE - …', 'Example B: …': a title's lead, with its code
_STORY_LEAD = re.compile(r"^\s*(?:\*\*|__)?\s*(?:story|example)(?:\s*\d{1,3}|\s+[A-Z]|\s+(?:one|two|"
                         r"three|four|five|six|seven|eight|nine|ten|eleven|twelve))?\s*(?:\*\*|__)?"
                         r"\s*[:\-–—]", re.IGNORECASE)
#: a story's number before its title: '1. ', '2) ', '#3 '
NUMBERED_TITLE = re.compile(r"^(?:#\d{1,3}\b[.):]?|\d{1,3}(?:\.\d{1,3})*[.)]|"
                            r"\d{1,3}(?:\.\d{1,3})+)\s+(?=\S)")  # '1.', '#2', '1.3'
_SENTENCE_END = re.compile(r"[.!?]\s*$")
#: '**Store outage** = in-game store outage on launch day': a bold name, then what it stands for
_BOLD_LEAD = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_:]{2,60}?)\1\s*(?:=|:|[-–—])\s+\S")
#: a property line of a story (Notion, Logseq, front-matter-like): not its title
META_LINE = re.compile(r"^\s*(?:\*\*|__)?(?:date|when|year|period|owner|status|created|"
                       r"last edited|tags?|role|company|team)\s*(?:\*\*|__)?\s*:", re.IGNORECASE)
#: 'Braille menu pilot – blind diners could not order': a short title, then what it was
_TITLE_DASH = re.compile(r"^(?P<title>\S.{1,60}?)\s+[-–—]\s+(?P<about>\S.*)$")


_EMPHASIS_SPAN = re.compile(r"(\*\*|__)(.+?)\1")


def star_label(text: str) -> tuple[str, str] | None:
    """('result', 'saved $310k') for a line opening with a STAR label, else None. A single
    letter counts only with a colon ('S: …') or in bold ('**S** — …'), never with a bare
    dash ('A - …' is prose); a period ends a label only inside bold ('**Situation.**'); the
    short forms 'Sit:', 'Tsk:', 'Act:', 'Res:' only with a colon."""
    match = _LABEL.match(text)
    if match is None:
        return None
    sep, bold = match.group("sep").strip(), match.group("open") in ("**", "__")
    if (match.group("letter") and sep != ":" and not bold) or (
            len(match.group("label")) == 3 and sep != ":"):
        return None
    part = "situation" if match.group("joined") else _PARTS[match.group("label").lower()]
    return part, match.group("rest").strip().rstrip("*_ ").strip()


@dataclass
class Unit:
    """One line of a paragraph or one top-level list item, in file order."""

    text: str
    line: int
    item: Item | None = None

    @property
    def lines(self) -> list[int]:
        if self.item is None:
            return [self.line]
        return [line for sub in self.item.walk() for line in sub.lines]


@dataclass
class StarStory:
    """A story told as STAR parts; `title` is None when nothing before the run named it."""

    title: str | None
    line: int
    parts: dict[str, str]
    text: str
    lines: list[int]
    principles: list[PrincipleSlug] = field(default_factory=list)
    titled_by_heading: bool = False


def is_title(unit: Unit) -> bool:
    """Whether a line could name the STAR story that follows it: bold alone, 'Story - …',
    or a short line that is not a sentence or a question."""
    text = unit.text.strip()
    if not text or star_label(text) is not None or text.endswith("?") or META_LINE.match(text) \
            or text.startswith("|"):  # a table's row names no story
        return False
    if _BOLD_ONLY.match(text) or _STORY_LEAD.match(text):
        return len(text.split()) <= 15
    if _BOLD_LEAD.match(text):
        return len(text.split()) <= 25
    return len(text.split()) <= 8 and not _SENTENCE_END.search(text)


def without_lead(title: str) -> str:
    """A title without its lead or number ('STORY ONE - Kiosk pilot', '2.1 Kiosk pilot'
    -> 'Kiosk pilot')."""
    lead = _STORY_LEAD.match(title)
    bare = title[lead.end():].strip() or title if lead else title
    return NUMBERED_TITLE.sub("", bare) or bare


def title_text(text: str) -> str:
    """'**Payment outage**' -> 'Payment outage'; 'Story - Returns kiosk' -> 'Returns kiosk'."""
    text = text.strip()
    bold = _BOLD_ONLY.match(text) or _BOLD_LEAD.match(text)
    if bold:
        text = bold.group("text").strip()
    lead = _STORY_LEAD.match(text)
    if lead:
        text = text[lead.end():]
    text = _EMPHASIS_SPAN.sub(r"\2", text).strip(" :-–—*_")
    text = NUMBERED_TITLE.sub("", text)
    dash = _TITLE_DASH.match(text)
    if dash and len(dash.group("title").split()) <= 6 and len(dash.group("about").split()) >= 3:
        return dash.group("title").strip()
    return text


def _render_item(item: Item, depth: int = 0) -> list[str]:
    lines = [("  " * depth) + "- " + item.text]
    for child in item.children:
        lines.extend(_render_item(child, depth + 1))
    return lines


def _part_text(unit: Unit, rest: str) -> str:
    """A STAR part's text: the label's line and, for a bullet, its nested bullets."""
    if unit.item is None or not unit.item.children:
        return rest
    return "\n".join([rest, *(ln for child in unit.item.children for ln in _render_item(child))])


def find_runs(units: list[Unit]) -> list[tuple[int, int, StarStory]]:
    """STAR runs among `units`: (first unit index, end index, story); a run is two or more
    labelled units with at least two different parts, a repeated part starting a new one.
    The unit just before a run is its title when it reads as one."""
    out: list[tuple[int, int, StarStory]] = []
    index = 0
    while index < len(units):
        parts: dict[str, str] = {}
        end = index
        while end < len(units):
            label = star_label(units[end].text)
            if label is None or label[0] in parts:
                break
            parts[label[0]] = _part_text(units[end], label[1])
            end += 1
        if len(parts) >= 2 and any(parts.values()):  # labels with nothing after: a template
            start = index
            title: str | None = None
            if index > 0 and is_title(units[index - 1]) and (not out or out[-1][1] < index):
                start = index - 1
                title = title_text(units[start].text) or None
            chosen = units[start:end]
            text = "\n".join(_unit_text(u) for u in chosen)
            lines = [line for u in chosen for line in u.lines]
            out.append((start, end, StarStory(title, chosen[0].line, parts, text, lines)))
            index = end
        else:
            index += 1
    return out


def _unit_text(unit: Unit) -> str:
    if unit.item is None:
        return unit.text
    return "\n".join(_render_item(unit.item))


def item_run(item: Item, principles_of: Callable[[str], list[PrincipleSlug]] | None = None
             ) -> StarStory | None:
    """A bullet whose nested bullets are a STAR run is one story titled by the bullet; a
    nested line or a property naming principles (`LP: Ownership`, `lp:: [[Ownership]]`, by
    `principles_of`) files that story."""
    listed: list[PrincipleSlug] = []
    if principles_of is not None:
        for key, value in item.properties.items():
            listed.extend(p for p in principles_of(f"{key}: {value}") if p not in listed)
    units: list[Unit] = []
    for child in item.children:
        found = principles_of(child.text) if principles_of and not child.children else []
        listed.extend(p for p in found if p not in listed)
        if not found and not (principles_of and META_LINE.match(child.text) and not child.children):
            units.append(Unit(child.text, child.line, child))
    runs = find_runs(units)
    whole = len(runs) == 1 and runs[0][0] == 0 and runs[0][1] == len(units)
    if not whole and not listed:
        return None
    parts = runs[0][2].parts if whole else {}  # a bullet naming its principles is a story
    title = title_text(item.text) or None
    lines = [line for sub in item.walk() for line in sub.lines]
    return StarStory(title, item.line, parts, "\n".join(_render_item(item)), lines, listed)
