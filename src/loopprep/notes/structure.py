"""Shapes of notes that are not headings and bullets, turned into blocks the reader knows:
a principle named on a line of its own (`**Dive Deep**`, `Customer Obsession: story…`,
`- Ownership` with nested stories) becomes a heading; a run of STAR lines becomes one
story (`notes.star`); a `| LP | Story |` table becomes principle links; a `LPs: Ownership,
Dive Deep` line files the story of its section.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from loopprep.model import Framework, PrincipleSlug
from loopprep.notes.journal import is_date
from loopprep.notes.outline import Block, Heading, Item, ListBlock, Paragraph
from loopprep.notes.principle_lines import (
    LABEL_LINE,
    MIN_SCORE,
    aside_line,
    contained_stories,
    label_stories,
    labelled_principles,
    listed_principles,
    own_principles,
    principles_in,
    property_line,
    without_icon,
)
from loopprep.notes.principles import match_principle, normalise
from loopprep.notes.question_text import is_question
from loopprep.notes.star import (
    META_LINE,
    NUMBERED_TITLE,
    StarStory,
    Unit,
    find_runs,
    is_title,
    item_run,
    title_text,
)

#: a principle named on a line or bullet of its own sits below any real heading
PSEUDO_LEVEL = 7
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<name>[^*_]+?)\s*[:.!]?\s*\1\s*[:.!]?\s*$")
_STORY_LINE = re.compile(
    r"^\s*(?:(\*\*|__)[^*_]+?\1\s*[:\-–—]\s*\S|(?:see(?: also)?|same as|story|example|→|->)"
    r"(?:\s*[:\-–—]\s*|\s+)\S|\(same as above\))",
    re.IGNORECASE,
)
_DESCRIPTION = re.compile(r"^\s*(?:leaders?|we|they|you)\b", re.IGNORECASE)
_STORY_NUMBER = re.compile(r"^\s*(?:story|example)\s*\d*\s*[:.\-–—]\s*", re.IGNORECASE)
_TABLE_RULE = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$")
_PRINCIPLE_COLUMN = re.compile(r"\b(?:lps?|principles?|competenc\w*)\b", re.IGNORECASE)
#: a story table's title column: 'Story', 'Example', or a database's title column 'Name'/'Title'
_STORY_COLUMN = re.compile(r"\b(?:stor(?:y|ies)|examples?)\b|^\W*(?:name|title)\W*$", re.IGNORECASE)
_CELL_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_STORY_CALLOUTS = {"example", "story", "stories", "answer", "quote"}
_GENERIC_TITLES = re.compile(r"^(?:me|mine|my stories|stories|story|examples?|notes?|"
                             r"answers?|star|star stories)$", re.IGNORECASE)



@dataclass
class TableRow:
    principles: list[PrincipleSlug]
    titles: list[str]
    line: int


@dataclass
class PrincipleTable:
    """A Markdown table with a principle column and a story column."""

    rows: list[TableRow]
    line: int


@dataclass
class Chunk:
    """What lies between two headings; `heading` is None before the first."""

    heading: Heading | None
    blocks: list[Block] = field(default_factory=list)


Piece = Block | StarStory | PrincipleTable


_EMPHASISED = re.compile(r"^(\*\*|__)(.+)\1$")  # a whole heading in bold
#: what may come before a principle's name: 'LP 3:', 'Principle -', '4.'
_NAME_PREFIX = re.compile(r"^\s*(?:lp|principle)\s*\d*\s*[:.\-]\s*|^\s*\d+[.)]\s*", re.IGNORECASE)


def principle_line(text: str, framework: Framework) -> tuple[str, str] | None:
    """(principle name as written, the rest of the line) for a line that names a principle
    on its own: '**Dive Deep**', 'Customer Obsession: Clinic intake…', 'Frugality → [[Spot
    instances]]' (an LP map), 'LP: Ownership'."""
    bold = _BOLD_LINE.match(text)
    if bold:
        name = bold.group("name")
        return (name, "") if _strong(name, framework) else None
    label = LABEL_LINE.match(text) if ":" in text or "→" in text or "->" in text else None
    if label and len(label.group("name").split()) <= 8:  # 'Dive Deep: …', 'Dive Deep → …'
        name, rest = label.group("name"), label.group("rest").strip()
        if _strong(name, framework) and not rest.endswith("?"):
            return name, rest
        if len(name) < 20 and normalise(name) in ("lp", "principle") and _strong(rest, framework):
            return rest, ""
    return None


def _strong(name: str, framework: Framework) -> bool:
    """A sure match: one word must be the principle's whole name ('Ownership', never the
    alias 'Owner' or 'Learn', which open ordinary lines like 'Owner: Sam')."""
    principle, score = match_principle(name, framework)
    if principle is None or score < MIN_SCORE:
        return False
    words = normalise(_NAME_PREFIX.sub("", name)).split()
    return len(words) > 1 or words == normalise(principle.name).split()


def promote_principle_lines(blocks: list[Block], framework: Framework) -> list[Block]:
    """Paragraph lines and top-level bullets that name a principle become headings."""
    out: list[Block] = []
    for index, block in enumerate(blocks):
        if isinstance(block, Paragraph) and not block.code and block.quote is None:
            out.extend(_promote_paragraph(block, framework))
        elif isinstance(block, ListBlock) and block.quote is None:
            out.extend(_promote_list(block, framework, details=index > 0 and _story_title(
                blocks[index - 1], framework)))
        else:
            out.append(block)
    return out


def _story_title(block: Block, framework: Framework) -> bool:
    """A bold line alone that names no principle: a story's title, over its details."""
    return isinstance(block, Paragraph) and "\n" not in block.text and bool(
        _BOLD_LINE.match(block.text)) and principle_line(block.text, framework) is None


def _promote_paragraph(block: Paragraph, framework: Framework) -> list[Block]:
    out: list[Block] = []
    kept: list[tuple[int, str]] = []

    def flush() -> None:
        if kept:
            out.append(Paragraph("\n".join(t for _, t in kept), kept[0][0], kept[-1][0],
                                 quote=block.quote))
            kept.clear()

    for offset, text in enumerate(block.text.split("\n")):
        line = block.line + offset
        found = principle_line(text, framework)
        if found is None:
            kept.append((line, text))
            continue
        flush()
        name, rest = found
        out.append(Heading(PSEUDO_LEVEL, name.strip(), line))
        if rest and _DESCRIPTION.match(rest):
            out.append(Paragraph(rest, line, line))
        elif rest:
            out.append(ListBlock([Item(rest, line, 0, False)], line))
    flush()
    return out


def _promote_list(block: ListBlock, framework: Framework, *, details: bool) -> list[Block]:
    """A list's bullets that name a principle become headings; under a story's title
    (`details`), one after the story's first detail is a detail of it ('- bias for action:
    didn't wait for the budget appeal', as a prep guide lists one story's angles)."""
    out: list[Block] = []
    kept: list[Item] = []

    def flush() -> None:
        if kept:
            out.append(ListBlock(list(kept), kept[0].line))
            kept.clear()

    for item in block.items:
        found = principle_line(item.text, framework)
        plain = found is None and item.children and _strong(item.text, framework)
        if found is None and not plain or details and kept and found and found[1]:
            kept.append(item)
            continue
        flush()
        name, rest = found if found is not None else (item.text, "")
        out.append(Heading(PSEUDO_LEVEL, name.strip(), item.line))
        if rest:
            out.append(ListBlock([Item(rest, item.line, item.indent, False,
                                       children=item.children)], item.line))
        elif item.children:
            out.append(ListBlock(list(item.children), item.children[0].line))
    flush()
    return out


def chunks(blocks: list[Block]) -> list[Chunk]:
    out = [Chunk(None)]
    for block in blocks:
        if isinstance(block, Heading):
            out.append(Chunk(block))
        else:
            out[-1].blocks.append(block)
    return out


def restructure(blocks: list[Block], framework: Framework,
                is_principle: Callable[[str], bool]) -> list[Piece]:
    """The blocks with STAR runs, LP tables and LP lines read (see the module doc)."""
    out: list[Piece] = []
    for chunk in chunks(promote_principle_lines(blocks, framework)):
        if chunk.heading is not None:
            out.append(chunk.heading)
        heading = chunk.heading.text if chunk.heading is not None else ""
        generic = bool(_GENERIC_TITLES.match(heading.strip())) or is_date(heading)  # a day
        principle = bool(heading) and is_principle(heading)
        story_heading = bool(heading) and not principle and not generic
        given = [p for key, value in (chunk.heading.properties.items() if chunk.heading else ())
                 for p in listed_principles(f"{key}: {value}", framework)]  # '  lp:: …'
        out.extend(_read_chunk(chunk.blocks, framework, heading if story_heading else None,
                               stories_here=principle or generic, given=given))
    return out


def _read_chunk(blocks: list[Block], framework: Framework, heading: str | None, *,
                stories_here: bool, given: list[PrincipleSlug]) -> list[Piece]:
    """One chunk read: `heading` is the story title a heading may give, `given` the
    principles its properties name; with `stories_here` (under a principle), lines like
    '**Title**: …' or 'See: …' are stories."""
    units: list[tuple[Unit, Piece]] = []
    for block in blocks:
        if isinstance(block, Paragraph) and not block.code:
            table = read_table(block, framework)
            if table is not None:
                units.append((Unit("", block.line), table))
                continue
            for offset, text in enumerate(block.text.split("\n")):
                units.append((Unit(text, block.line + offset), block))
        elif isinstance(block, ListBlock):
            for item in block.items:
                units.append((Unit(item.text, item.line, item), block))
        else:
            units.append((Unit("", block.line), block))
    principles: list[PrincipleSlug] = list(dict.fromkeys(given))
    lp_units: set[int] = set()
    listed_at: dict[int, list[PrincipleSlug]] = {}
    labelled: dict[int, list[PrincipleSlug]] = {}  # 'Good for: …' lines under a title
    for index, (unit, piece) in enumerate(units):
        listed = listed_principles(property_line(unit.text), framework)
        if not listed and unit.item is None and (index and units[index - 1][1] is piece and units[
                index - 1][0].text.strip() or heading is not None):  # a title above, or a heading
            listed = labelled_principles(unit.text, framework)
            if listed:
                labelled[index] = listed
        elif listed and unit.item is None and index and units[index - 1][0].item is None \
                and is_title(units[index - 1][0]):
            labelled[index] = listed  # '**Title**' then '*Principles:* …' and bullets
        if unit.item is None and META_LINE.match(unit.text):
            lp_units.add(index)  # 'Date: 2024' in a story's section: not its title
        elif listed:
            lp_units.add(index)
            listed_at[index] = listed
    plain = [u for i, (u, _) in enumerate(units) if i not in lp_units]
    index_of = [i for i in range(len(units)) if i not in lp_units]
    runs = find_runs(plain)
    consumed: set[int] = set(lp_units)
    stories = label_stories(units, labelled, runs, index_of, consumed)
    listed_at = {i: p for i, p in listed_at.items() if i - 1 not in stories}  # not theirs
    for listed in listed_at.values():
        principles.extend(p for p in listed if p not in principles)
    own = own_principles(runs, index_of, listed_at) if len(runs) > 1 else None
    for number, (start, end, story) in enumerate(runs):
        if story.title is not None and heading is not None and number == 0 and aside_line(
                plain[start].text):
            story.title = None  # 'Stripe: "seek the truth"' over the run: an aside, no title
        if story.title is None and heading is not None and (start == 0 or number == 0 and all(
                u.text.lstrip().startswith("|") or is_question(u.text) or aside_line(u.text)
                for u in plain[:start])):
            # (above the run: nothing, a property table or line, or the question it answers)
            story.title, story.titled_by_heading = _heading_title(heading), True
        story.principles = list(principles) if own is None else own[number]
        stories[index_of[start]] = story
        consumed.update(index_of[i] for i in range(start, end))
    more: dict[int, list[StarStory]] = {}
    for index, (unit, _) in enumerate(units):
        if index in consumed or unit.item is None or not unit.item.children:
            continue
        nested = item_run(unit.item, lambda text: listed_principles(text, framework))
        if nested is not None:
            nested.principles = list(dict.fromkeys([*nested.principles, *principles]))
            stories[index] = nested
            consumed.add(index)
        elif (inside := contained_stories(unit.item, lambda text: listed_principles(
                property_line(text), framework))):
            more[index] = inside  # 'Examples' with a story in each of its bullets
            consumed.add(index)
    if principles and not stories and heading is not None:
        rest = [u for i, (u, _) in enumerate(units) if i not in consumed]
        text = "\n".join(u.text for u in rest if u.text)
        first = units[0][0].line if units else 0
        return [StarStory(_heading_title(heading), first, {}, text,
                          [line for u, _ in units for line in u.lines], list(principles),
                          titled_by_heading=True)]
    return _rebuild(units, consumed, stories, stories_here, more)


def _heading_title(heading: str) -> str:
    """A story heading's title without its markup or number: '**1. Clinic no-shows**',
    '#2 Chargebacks', 'Story 3: Kiosk' -> the title."""
    bare = _EMPHASISED.sub(r"\2", heading.strip()).strip()
    return NUMBERED_TITLE.sub("", _STORY_NUMBER.sub("", without_icon(bare)))


def _rebuild(units: list[tuple[Unit, Piece]], consumed: set[int],
             stories: dict[int, StarStory], stories_here: bool,
             more: dict[int, list[StarStory]]) -> list[Piece]:
    """The chunk again, STAR runs replaced by their story, other lines and bullets
    regrouped into the paragraphs and lists they came from."""
    out: list[Piece] = []
    last: Piece | None = None
    for index, (unit, block) in enumerate(units):
        if index in stories or index in more:
            out.extend([stories[index]] if index in stories else more[index])
            last = None
            continue
        if index in consumed:
            last = None
            continue
        if isinstance(block, Paragraph) and not block.code:
            story_callout = block.quote is not None and _story_callout(block.quote)
            if story_callout and last is block and isinstance(out[-1], ListBlock):
                item = out[-1].items[-1]  # one callout paragraph is one story
                item.text += " " + unit.text.strip()
                item.continuation.append(unit.line)
            elif story_callout or (stories_here and _STORY_LINE.match(unit.text)):
                out.append(ListBlock([Item(unit.text.strip(), unit.line, 0, False)], unit.line,
                                     block.quote))
            elif last is block and isinstance(out[-1], Paragraph):
                out[-1].text += "\n" + unit.text
                out[-1].end_line = unit.line
            else:
                out.append(Paragraph(unit.text, unit.line, unit.line, quote=block.quote))
            last = block
        elif isinstance(block, ListBlock) and unit.item is not None:
            if last is block and isinstance(out[-1], ListBlock):
                out[-1].items.append(unit.item)
            else:
                out.append(ListBlock([unit.item], unit.item.line, block.quote))
            last = block
        else:
            out.append(block)
            last = None
    return out


def _story_callout(quote: str) -> bool:
    kind, _, title = quote.partition(": ")
    return kind in _STORY_CALLOUTS or bool(_GENERIC_TITLES.match(title.strip()))


def read_table(block: Paragraph, framework: Framework) -> PrincipleTable | None:
    """A `| LP | Story |` table (any column order, extra columns ignored), or None."""
    lines = block.text.split("\n")
    if len(lines) < 3 or not all(line.strip().startswith("|") for line in lines):
        return None
    if not _TABLE_RULE.match(lines[1].strip()):
        return None
    header = _cells(lines[0])
    p_col = next((i for i, c in enumerate(header) if _PRINCIPLE_COLUMN.search(c)), None)
    s_col = next((i for i, c in enumerate(header) if _STORY_COLUMN.search(c) and i != p_col),
                 None)
    if p_col is None or s_col is None:
        return None
    rows = []
    for offset, line in enumerate(lines[2:], start=2):
        cells = _cells(line)
        if max(p_col, s_col) >= len(cells):
            continue
        principles = principles_in(cells[p_col], framework)
        titles = [title_text(t) for t in re.split(r"\s*(?:;|<br\s*/?>)\s*",
                                                   _CELL_LINK.sub(r"\1", cells[s_col]))]
        titles = [t for t in titles if t and t not in ("-", "—", "?", "tbd", "TBD")
                  and not is_question(t)]  # (a question database's 'Name' is no story)
        if principles and titles:
            rows.append(TableRow(principles, titles, block.line + offset))
    return PrincipleTable(rows, block.line) if rows else None


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)]
