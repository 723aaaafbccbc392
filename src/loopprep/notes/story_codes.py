"""Codes notes give their stories: a matrix's key (`A = Mobile money reversals`), a story
numbered on its title line (`**#3 Killing the wallet**`, `### 3. Killing the wallet`) or
named by its number or letter (`STORY ONE - Kiosk pilot`, `Example B: Ledger rewrite`);
answers use them (`→ #3`, `→ F`, `-> story one`, `— use Example B`), and a principle x
story matrix names its stories by them.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from loopprep.model import Framework, PrincipleSlug
from loopprep.notes.principle_names import named_principle
from loopprep.notes.question_text import answer_split, is_question

_KEY_LINE = re.compile(r"^\s*(?:[-*]\s+)?(?P<code>[A-Z]\d?)\s*[=:]\s*(?P<title>\S.{2,80})$")
#: '**#3 Killing the wallet**', '### #3 Killing the wallet  [DD] [OW]': a numbered story
NUMBERED_STORY = re.compile(r"^\s*(?:[-*]\s+|#{1,6}\s+)?(?:\*\*|__)?(?P<code>#\d{1,3})\s+"
                            r"(?P<title>[^*_#—–|\[]{3,80}?)\s*(?:\*\*|__|\s[—–-]\s|\[|$)")
_PRINCIPLES_COLUMN = re.compile(r"^\W*(?:lps?|leadership principles?|principles?|competenc\w*)\W*$",
                                re.IGNORECASE)
_MARK_WIDTH = 3  # a grid's cell holds a tick or a cross ('✓', 'x', 'yes'), never text
CODED_ANSWER = re.compile(r"(?P<arrow>(?:→|->|=>|⇒)\s*)(?P<code>#\d{1,3}|[A-Z]\d{0,2})(?![\w'’])")
_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve")
_NUMBER = r"\d{1,2}|" + "|".join(_NUMBER_WORDS)
_LEAD = r"^[ \t]*(?:(?:[-*+•◦▪§o]|#{1,6})[ \t]+)?(?:\*\*|__)?"
_TITLE = r"(?:\*\*|__)?\s*(?P<title>[^*_\[\]]{3,80}?)\s*(?:\*\*|__)?\s*(?:\[[^\]]*\])?\s*$"
#: '### 3. Title': a numbered story heading (a numbered list item is a list, not a code)
_NUMBERED_HEADING = re.compile(r"^[ \t]*(?:-[ \t]+)?#{1,6}[ \t]+(?:\*\*|__)?(?P<code>\d{1,2})[.)][ \t]+"
                               + _TITLE)
#: 'STORY ONE - Title', 'Example B: Title', 'Story 2 — Title'
_NAMED_CODE = re.compile(_LEAD + rf"(?:story|example)\s+(?P<code>[A-Z]|{_NUMBER})(?:\*\*|__)?"
                         r"\s*(?:--|[:.\-–—])\s+" + _TITLE, re.IGNORECASE)
#: '### S1 — Title (OWN, DD)': a story heading opening with its id, a letter and a
#: number, as abbreviation-heavy notes give ids ('→ S1, the flag flip')
_LETTER_CODE_HEADING = re.compile(r"^#{1,6}[ \t]+(?:\*\*|__)?"
                                  r"(?P<code>[A-Z]\d{1,2})(?:\*\*|__)?[ \t]*[:\-–—][ \t]+"
                                  + _TITLE)
_TRAILING_BRACKETS = re.compile(r"\s*\([^()]*\)$")
#: a story named by its code in an answer: '#3', 'story four', 'Example B'
_CODE_REFERENCE = re.compile(rf"#(?P<hash>\d{{1,3}})\b|\b(?:story|example)\s+"
                             rf"(?P<named>[A-Z](?![\w'’])|(?:{_NUMBER})\b)", re.IGNORECASE)


_LIST_MARK = re.compile(r"^[\s\-*+>→•]*(?:\d{1,3}[.)]\s+)?")


def _code(code: str) -> str:
    """'4', 'four' -> '#4'; 'b' -> 'B'."""
    lower = code.lower()
    if lower in _NUMBER_WORDS:
        return f"#{_NUMBER_WORDS.index(lower) + 1}"
    return f"#{int(code)}" if code.isdigit() else code.upper()


def titled_codes(lines: list[str]) -> dict[str, str]:
    """The codes stories' title lines give them: the first line with a code defines it (a
    later 'Example A: good, 2:10 long' in mock notes is about that story)."""
    found: dict[str, str] = {}
    for line in lines:
        lower = line.lower()  # (most lines name no code: told by a word or a '#')
        if "#" not in line and "story" not in lower and "example" not in lower:
            continue
        m = (_NUMBERED_HEADING.match(line) if "#" in line else None) or _NAMED_CODE.match(line)
        if m is not None and not is_question(m.group("title")):
            found.setdefault(_code(m.group("code")), m.group("title").strip())
        elif m is None and line[:1] == "#" and (m := _LETTER_CODE_HEADING.match(line)) is not None:
            title = _TRAILING_BRACKETS.sub("", m.group("title").strip())
            if len(title) >= 3 and not is_question(title):
                found.setdefault(m.group("code"), title)
    return found


def answer_with_titles(line: str, key: dict[str, str], *, whole: bool = False) -> str:
    """A line answering a question with story codes ('Q… — #3', '-> story four (…)',
    '"Tell me…" – use Example B', or all of it when `whole`: 'A: see story 1'), each code
    written as its story's title."""
    asked, answer, _ = ("", line, False) if whole else answer_split(line)
    opened = _LIST_MARK.sub("", asked).strip()
    if not answer or opened and not is_question(opened):
        return line  # ('Fixed it. - ticket #3 closed' answers nothing)
    start = line.rindex(answer) if opened else 0
    def title(m: re.Match[str]) -> str:
        code = _code(m.group("hash") or m.group("named"))
        return key.get(code, m.group(0))
    return line[:start] + _CODE_REFERENCE.sub(title, line[start:])


#: an answer bullet opening with a story's code, under its question: '  - #2', '1. Story 5 –
#: fraud score', 'a. Example B (the signs)'
_CODE_OPENING = re.compile(r"^\s*(?:[-*+•◦▪§]\s+|\d{1,2}[.)]\s+|[a-z][.)]\s+)?"
                           r"(?:#\d{1,3}\b|(?:story|example)\s+\w)", re.IGNORECASE)


def opens_with_code(line: str) -> bool:
    """Whether `line` opens with a story's code ('- #2', '1. Story 5 – fraud score')."""
    if "#" not in line and "tory" not in line and "xample" not in line and \
            "TORY" not in line and "XAMPLE" not in line:
        return False  # (most lines: told at a glance)
    return bool(_CODE_OPENING.match(line))


#: '### S1 — Double-charge incident (OWN, DD)', '## A — Mobile money reversals': a story
#: heading opening with its code and a dash (the principles after its title left out)
_CODED_HEADING = re.compile(r"^#{1,6}[ \t]+(?:\*\*|__)?(?P<code>[A-Z]{1,2}\d{0,3})[ \t]+[—–-][ \t]+"
                            r"(?P<title>[^*_\[\]()]{3,80}?)\s*(?:\*\*|__)?\s*(?:[(\[][^()\[\]]*[)\]])?\s*$")


def _dash_near_start(head: str) -> bool:
    return " — " in head or " – " in head or " - " in head


def story_key(lines: list[str]) -> dict[str, str]:
    """`A = Mobile money reversals` lines: the codes a matrix uses for stories; the codes
    two or more story headings open with (`### S1 — Double-charge incident`), which a
    reverse index uses; and the numbers stories are given (`**#3 Killing the wallet**`)
    that answers use (`→ #3`)."""
    headed = {m.group("code"): m.group("title").strip() for line in lines
              if line[:1] == "#" and _dash_near_start(line[:16])
              if (m := _CODED_HEADING.match(line))}
    titles: dict[str, set[str]] = {}
    for line in lines:
        if ("=" in line or ":" in line) and (m := _KEY_LINE.match(line)):
            titles.setdefault(m.group("code"), set()).add(m.group("title").strip())
    # a code given many titles ('S: …' over each story's situation) keys no story
    key = {code: told.pop() for code, told in titles.items() if len(told) == 1}
    if len(headed) > 1:
        key = {**headed, **key}
    numbered = [m for line in lines if "#" in line if (m := NUMBERED_STORY.match(line))]
    if len({m.group("code") for m in numbered}) == len(numbered):
        key.update((m.group("code"), m.group("title").strip()) for m in numbered)
    return {**titled_codes(lines), **key}


def transposed_matrix(lines: list[str], start: int, framework: Framework, key: dict[str, str],
                      marks: AbstractSet[str]) -> int:
    """A principle x story matrix (principles down the first column, a story per column,
    `A = Title` in its key) rewritten in place as a `| Story | LPs |` table; the lines used."""
    cells = [c.strip() for c in lines[start].strip().strip("|").split("|")]
    end = start + 2
    while end < len(lines) and lines[end].strip().startswith("|"):
        end += 1
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines[start + 2:end]]
    slugs = [named_principle(re.sub(r"^\d{1,2}[.)]?\s+", "", r[0]), framework) for r in rows]
    stories = cells[1:]
    # each column a story: by the code its key spells out ('A'), or by its own name over
    # a first column headed as the principles' or not at all ('| LP | Store outage | … |')
    titles = [key[c] for c in stories] if all(c in key for c in stories) else (
        stories if (not cells[0] or _PRINCIPLES_COLUMN.match(cells[0])) and all(stories)
        and len(stories) > 1
        and all(len(c) <= _MARK_WIDTH for r in rows for c in r[1:]) else [])  # ticks only
    if len([s for s in slugs if s]) < 2 or len(stories) > len(rows) or not titles \
            or not re.match(r"^\|?\s*:?-+", lines[start + 1].strip()):
        return 0
    names = {p.slug: p.name for p in framework.principles}
    lines[start], lines[start + 1] = "| Story | LPs |", "|---|---|"
    for offset, title in enumerate(titles):
        marked = [names[s] for s, r in zip(slugs, rows, strict=False)
                  if s and offset + 1 < len(r) and r[offset + 1].lower() in marks]
        lines[start + 2 + offset] = f"| {title} | {', '.join(marked) or '—'} |"
    for index in range(start + 2 + len(stories), end):
        lines[index] = ""
    return end - start


#: '- ET: S1 again — …', '- CO: S4, and S1 (…)': a legend's code for a principle, a colon,
#: then what the notes file under it
_CODE_LABEL = re.compile(r"^(?P<code>[A-Z][A-Za-z&]{1,5})\s*:\s+(?P<rest>\S.*)$")
#: a story's code in such a line: 'S1', 'B2' (a letter alone only as a whole item: 'A, E')
_STORY_CODE = re.compile(r"(?<![\w&])(?:[A-Z]{1,2}\d{1,3}|[A-Z](?=\s*(?:,|;|$)))(?![\w&])")


def coded_principle_line(rest: str, framework: Framework, abbr: dict[str, PrincipleSlug],
                         key: dict[str, str]) -> str | None:
    """A principle's line that names it by a legend's code and its stories by theirs (a
    reverse index: 'ET: S1 again — the emails'), written with the names and titles
    ('Earn Trust: Double-charge incident again — the emails'); None for any other line."""
    label = _CODE_LABEL.match(rest)
    slug = abbr.get(label.group("code")) if label is not None else None
    principle = framework.get(slug) if slug is not None else None
    if label is None or principle is None:
        return None
    told = _STORY_CODE.sub(lambda m: key.get(m.group(0), m.group(0)), label.group("rest"))
    return f"{principle.name}: {told}"
