"""Plain text (no Markdown at all) into the outline the reader knows, line for line.

Under each principle named alone every line is a bullet; a line underlined with dashes or
equals signs is a heading (Markdown's setext headings, the habit of plain-text documents),
and so is a short line standing where the principles named alone stand (over bullets);
a line over bullets that ends in ':' ('Questions to ask:'), names a part of the notes that
holds no stories ('Feedback', 'Mock notes') or stands over questions is a heading too;
lines indented under a story's line are its details, and a line that only carries on the
sentence a hard-wrapped line above broke off is part of that line, not a detail of its own.
Markdown notes typed as text get the same two readings (`markdown_layout`): underlined
headings and details indented under a bullet.
"""

from __future__ import annotations

import re

from loopprep.notes.question_text import is_question
from loopprep.notes.star import star_label

_LEAD = re.compile(r"^\s*(?:[-*+]|#+)\s+")
_MARKED = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_UNDERLINE = re.compile(r"^[ \t]{0,3}(?:-{3,}|={3,})[ \t]*$")
#: a wrapped line breaks where the next word would not fit: it fills most of the width
_FILLED = 0.85
_SENTENCE_END = (".", "!", "?", ":", ";")
_TOP_BULLET = re.compile(r"^[-*+][ \t]")
_TITLE_WORDS = 8  # a section's title is short
#: a line alone naming a part of the notes that holds no stories
_META_SECTION = re.compile(r"^\W*(?:(?:mock(?:\s+interviews?)?|practice)(?:\s+(?:notes|feedback|log))?|"
                           r"feedback(?:\s+log)?|to\s?do|notes to self)\W*$", re.IGNORECASE)


def plain_sections(lines: list[str], headings: set[int]) -> None:
    """Rewrite plain text in place (see the module docstring); `headings` are the lines
    that name a principle alone, already rewritten as headings."""
    first = min(headings, default=len(lines))
    hashes = lines[first].split(" ")[0] if first < len(lines) else "#"
    headings |= _like_the_principles(lines, headings, hashes) | _underlined(lines, hashes)
    width = max((len(line.expandtabs(4).rstrip()) for line in lines), default=0)
    titled = bulleted = False  # under a story's line made a bullet here / written as one
    previous = ""  # the last line of text read under the story's line (or that line)
    story_indent = 0  # how far the story's line is indented: its details are further in
    following_at = _next_non_blank(lines)
    for index in range(first, len(lines)):
        line = lines[index]
        following = lines[following_at[index]] if following_at[index] < len(lines) else ""
        if _titles_a_section(line, index in headings, following):
            # 'Questions to ask:', 'Feedback', 'Questions from the call' over its questions
            # (never an indented line: that is a detail of the story's line above)
            lines[index] = f"{hashes} {line.strip().rstrip(':')}"
            titled = False
            continue
        if index in headings or not line.strip():
            titled = index not in headings and titled
            bulleted = index not in headings and bulleted
            continue
        if _MARKED.match(line):
            titled, bulleted, previous, story_indent = False, not line[:1].isspace(), line, 0
            continue
        if (titled or bulleted) and _indent(line) > story_indent:  # under the story's line
            joined = _carries_on(previous, line, width)
            lines[index] = ("\t  " if joined else "\t- ") + line.strip()
            previous = line
        elif star_label(line) is not None and titled:
            lines[index] = "\t- " + line.strip()
            previous = line
        else:
            lines[index] = "- " + line.strip()
            titled, bulleted, previous, story_indent = True, False, line, _indent(line)


def markdown_details(lines: list[str]) -> None:
    """Markdown notes: an unmarked line right under a bullet, indented further, that does
    not carry on the bullet's hard-wrapped sentence is a detail of it ('- Kiosk pilot' over
    '    queues were 40 minutes'), made a nested bullet; a wrapped line stays the bullet's."""
    width = 0  # the width the text is wrapped at, measured when first needed
    owner: str | None = None  # the bullet whose lines these are
    previous = ""
    fenced = False
    for index, line in enumerate(lines):
        if ("`" in line or "~" in line) and _FENCE.match(line):
            fenced = not fenced
        if fenced or not line.strip():
            owner = None
            continue
        if _MARKED.match(line):
            owner = previous = line
            continue
        if owner is None or not line[:1].isspace() or _indent(line) <= _indent(owner) \
                or _NOT_TEXT.match(line.lstrip()):
            owner = None
            continue
        if _PROPERTY.match(line):
            continue  # Logseq's '  lp:: …' under its block: the block's, read with it
        width = width or max(len(text.expandtabs(4).rstrip()) for text in lines)
        if not _carries_on(previous, line, width, bullet=True):
            indent = line[: len(line) - len(line.lstrip())]
            lines[index] = f"{indent}- {line.strip()}"
        previous = line


def _titles_a_section(line: str, a_principle: bool, following: str) -> bool:
    """Whether a line of its own (not indented, not a bullet, not a principle's) over
    bullets ends in ':', names a part of the notes with no stories, or stands over
    questions."""
    if a_principle or not line.strip() or line[:1].isspace() or _MARKED.match(line) \
            or is_question(line):
        return False
    return bool(_LEAD.match(following) and (line.rstrip().endswith(":") or _META_SECTION.match(
        line))) or is_question(_LEAD.sub("", following))


def _like_the_principles(lines: list[str], headings: set[int], hashes: str) -> set[int]:
    """Lines that stand where every principle named alone stands, after a blank line and
    right over a bullet, are section titles too ('Questions I practiced' over its bullets):
    a pasted document's headings lose their style, not their place."""
    def over_a_bullet(index: int) -> bool:
        return index + 1 < len(lines) and _TOP_BULLET.match(lines[index + 1]) is not None

    if not headings or not all(over_a_bullet(index) for index in headings):
        return set()
    found: set[int] = set()
    for index in range(min(headings) + 1, len(lines)):
        line = lines[index].strip()
        if index in headings or not line or lines[index][:1].isspace() or _MARKED.match(line) \
                or line.startswith("#") or lines[index - 1].strip() or not over_a_bullet(index):
            continue
        if len(line.split()) <= _TITLE_WORDS and not line.endswith((".", "!", "?")):
            lines[index] = f"{hashes} {line.rstrip(':')}"
            found.add(index)
    return found


def _underlined(lines: list[str], hashes: str) -> set[int]:
    """Lines of text with a line of dashes or equals signs right under them: each becomes
    a heading (at the level of the principles named alone) and its underline a blank."""
    found: set[int] = set()
    for index in range(1, len(lines)):
        title = lines[index - 1]
        if not _UNDERLINE.match(lines[index]) or not title.strip() or title[:1].isspace():
            continue
        if not title.startswith("#"):
            lines[index - 1] = f"{hashes} {title.strip()}"
        lines[index] = ""
        found.add(index - 1)
    return found


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _carries_on(previous: str, line: str, width: int, *, bullet: bool = False) -> bool:
    """Whether `line` carries on the sentence `previous` broke off: it hangs deeper than
    `previous`, or `previous` did not end its sentence, filled the width the text is
    wrapped at, and `line` goes on in lower case. Plain text's story line never goes on
    (its details start under it); a Markdown bullet's may (`bullet`)."""
    if not previous.strip() or (not previous[:1].isspace() and not bullet):
        return False
    if _indent(line) > _indent(previous) and not _MARKED.match(previous):
        return True  # a hanging indent (under a bullet's line, any continuation is deeper)
    text, before = line.strip(), previous.rstrip()
    if before.endswith(_SENTENCE_END) or not text[:1].islower() or star_label(text):
        return False
    first_word = text.split(" ", 1)[0]
    return len(before.expandtabs(4)) + 1 + len(first_word) > _FILLED * width


#: Markdown's setext underline ('=' level 1, '-' level 2), as pandoc wrote it by default
#: until 2020 and Prettier or Aspose still can
_SETEXT = re.compile(r"^ {0,3}(?P<mark>={3,}|-{3,})[ \t]*$")
#: what a heading's text cannot be: a heading, a quote, a table row, a list item, a fence
_NOT_TEXT = re.compile(r"^(?: {4,}|\t|\s*(?:#|>|\||[-*+][ \t]|\d{1,9}[.)][ \t]|```|~~~))")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_PROPERTY = re.compile(r"^[ \t]+[A-Za-z][\w-]{0,30}::(?:\s|$)")


def markdown_layout(lines: list[str]) -> None:
    """Markdown notes laid out as text is: setext headings, then details indented under a
    bullet (see the two functions)."""
    text = "\n".join(lines)  # each reading looks for its shape in the text first (speed)
    if _ANY_UNDERLINE.search(text):
        setext_headings(lines)
    if _ANY_DETAIL.search(text):
        markdown_details(lines)
    if _ANY_CAPITALS.search(text):
        part_headings(lines)


def part_headings(lines: list[str]) -> None:
    """A line alone in capitals naming a part of the notes that holds no stories
    ('QUESTIONS', 'TODO', 'MOCK FEEDBACK'), right over its content, is a heading at the level
    of the heading above it: it ends that section (a principle's), as its writer's eye sees
    it. In sentence case ('Questions this answers:') it stays the section's own line."""
    level = 0
    for index, line in enumerate(lines):
        hashes = _ATX.match(line) if "#" in line[:4] else None
        if hashes is not None:
            level = len(hashes.group(1))
            continue
        if not line.isupper():
            continue
        if not level or not line.strip() or line[:1].isspace() or index + 1 >= len(lines) \
                or not lines[index + 1].strip() or (index and lines[index - 1].strip()):
            continue
        if _META_SECTION.match(line) or _QUESTIONS_PART.match(line):
            lines[index] = f"{'#' * level} {line.strip().rstrip(':')}"


_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]")
_ANY_UNDERLINE = re.compile(r"^ {0,3}(?:={3,}|-{3,})[ \t]*$", re.MULTILINE)
_ANY_DETAIL = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t].*\n[ \t]+(?![-*+][ \t]|\d{1,9}[.)][ \t])\S",
                         re.MULTILINE)
_ANY_CAPITALS = re.compile(r"^[^a-z\n]*[A-Z]{2}[^a-z\n]*$", re.MULTILINE)
#: a part of the notes that holds questions: 'QUESTIONS', 'Likely questions:', 'Questions
#: from glassdoor'
_QUESTIONS_PART = re.compile(r"^\W*(?:(?:likely|possible|practice|expected|my)\s+)?questions?"
                             r"(?:\s+[\w'’]+){0,3}\s*:?\s*$", re.IGNORECASE)


def setext_headings(lines: list[str]) -> None:
    """Markdown notes: each one-line paragraph with an underline right under it becomes a
    '#' heading, the only kind the outline reader knows, and its underline a blank."""
    fenced = False
    for index, line in enumerate(lines):
        if ("`" in line or "~" in line) and _FENCE.match(line):
            fenced = not fenced
        if fenced or index == 0 or line.lstrip(" ")[:1] not in ("-", "=") or not (
                underline := _SETEXT.match(line)):
            continue
        title = lines[index - 1]
        if not title.strip() or _NOT_TEXT.match(title) or (index > 1 and lines[index - 2].strip()):
            continue
        level = "#" if underline.group("mark")[0] == "=" else "##"
        lines[index - 1], lines[index] = f"{level} {title.strip()}", ""


def _next_non_blank(lines: list[str]) -> list[int]:
    """For each line, the index of the next line that is not blank (len(lines) if none)."""
    out = [len(lines)] * len(lines)
    following = len(lines)
    for index in range(len(lines) - 1, -1, -1):
        out[index] = following
        if lines[index].strip():
            following = index
    return out
