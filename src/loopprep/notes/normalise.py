"""Any notes text into the Markdown shapes the reader knows, line for line.

People write notes in Word, OneNote, Google Docs, Notion, Logseq or plain text; each has
its own bullet marks, escapes and ways to name a principle. This pass rewrites every line
into the Markdown the rest of `notes/` reads, and never adds or removes a line, so every
file:line a report gives still points at the user's own text:

- non-breaking and zero-width spaces, Word's Symbol-font bullets; Docs escapes (`\\-`);
- every bullet mark (`• o § ▸ ▪`, `1)`, `a.`, `ii.`) becomes `- `, nested by its kind;
- Logseq `- key:: value` blocks become `- key: value` (so `result:: …` is a STAR part);
  a property line under a block is left for the outline to read with its block;
- Notion `<details><summary>Title</summary>` toggles become a heading and its content;
- a principle named alone on a line (plain case, CAPITALS, a nested bullet, a wikilink)
  becomes a heading, its nested lines its content;
- a legend (`CO = Customer Obsession`) extends the framework's abbreviations (data in
  the framework file), and a story line ending in principles (`Pager storm (OWN, BFA)`,
  `Ticket bot - invent and simplify, customer obsession`) is cut to its title, the
  principles kept by line (`Normalised.principles`);
- a story x principle matrix (an `X` per principle column) becomes a `| Story | LPs |` table;
- `Q.`/`A.` and `TODO: Q:` lines become `Q:`/`A:` lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loopprep.model import Framework, PrincipleSlug
from loopprep.notes.also_principles import also_principles
from loopprep.notes.bold_titles import bold_titles
from loopprep.notes.csv_tables import MIN_FIELDS, csv_tables
from loopprep.notes.journal import journal_days
from loopprep.notes.matrix import MARKS, key_marks, story_matrix
from loopprep.notes.numbered_titles import numbered_titles
from loopprep.notes.outline_refs import numbered_stories, pointed_at
from loopprep.notes.plain_text import markdown_layout, plain_sections
from loopprep.notes.principle_names import (
    LP_TAG,
    TAGS_ONLY,
    abbreviations,
    lp_tag,
    principle_list,
    read_legend,
)
from loopprep.notes.principle_names import named_principle as _strong
from loopprep.notes.question_text import is_question
from loopprep.notes.star_letters import star_letters
from loopprep.notes.story_codes import (
    CODED_ANSWER,
    NUMBERED_STORY,
    answer_with_titles,
    coded_principle_line,
    opens_with_code,
    story_key,
    transposed_matrix,
)
from loopprep.notes.story_lines import LABEL_TITLE, story_list

_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u200b": "",
                         "\ufeff": "", "\uf0b7": "•", "\uf0a7": "§", "\uf0d8": "➢",
                         "\uf0fc": "✓", "\uf0e8": "➔", "\uf076": "❖", "\uf071": "❑"})  # Word's bullets
_ESCAPE = re.compile(r"\\([-#*_.>+!\[\]()`|~])")
_PROPERTY = re.compile(r"^(\s*(?:[-*]\s+)?)([A-Za-z][\w -]{0,30})::(\s|$)")
_BLOCK_PROPERTY = re.compile(r"^([ \t]+)[A-Za-z][\w-]{0,30}::(?:\s|$)")
#: a line that only links to a place in the page: a table of contents, not notes
_CONTENTS_LINE = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?\[[^\]\n]+\]\(#[^)\n]*\)[ \t]*$", re.MULTILINE)
#: '## Title {#title}': a heading's anchor
_ANCHOR = re.compile(r"[ \t]*\{#[^}\s]*\}[ \t]*$", re.MULTILINE)
#: a toggle's title, on its own line or on the `<details>` line (as GitHub notes write it)
_SUMMARY = re.compile(r"^\s*(?:<details[^>]*>\s*)?<summary>(?P<title>.*?)</summary>\s*$",
                      re.IGNORECASE)
_TAG_ONLY = re.compile(r"^\s*</?(?:details|summary|aside)[^>]*>\s*$", re.IGNORECASE)
_MARK = re.compile(
    r"^(?P<indent>[ \t]*)(?P<mark>[•·▸▹‣►◦▪▫§➢❖❑✓✔➔⇨](?![ \t]*=)|o(?=\t| {2})|\d{1,3}\)|[a-h][.)](?=[ \t])|"
    r"(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[.)](?=[ \t]))[ \t]+(?P<rest>\S.*)$")
_DEPTH = {"◦": 1, "o": 1, "▪": 2, "▫": 2, "§": 2}
_CODES_LABEL = re.compile(r"^([A-Za-z][\w ]{1,20}?)\s*(?::|→|->)\s*([A-Z][\w&]{0,5}"
                          r"(?:\s*(?:[,;·+/&|]|\band\b)\s*\S+)*)$")  # 'lps → DD · BA', 'LPs: CO, OWN'
#: a word pointing at another place, then a number: 'see 3.a', 'use 6' (`notes.outline_refs`)
_POINTS = re.compile(r"(?:see|use|same as|like)\s+\d", re.IGNORECASE)
#: a line that is an arrow and what it points at: under a story's title, its principles
_ARROWED = re.compile(r"^()(?:->|→|=>|⇒)\s*(\S.*)$")
_NUMBERED_ITEM = re.compile(r"^\d{1,3}[.)][ \t]")
_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>(?:[-*+]|\d{1,3}[.)])[ \t]+)?(?P<rest>.*)$")
_HEADING = re.compile(r"^\s*(#{1,6})\s")
_QA = re.compile(r"^(\s*(?:[-*]\s+)?)(?:\*\*)?(?:TODO:?\s+)?([QA])\.(?:\*\*)?\s+")
_TODO_Q = re.compile(r"^(\s*(?:[-*]\s+)?)TODO:?\s+(Q:\s)")
_LINK_ONLY = re.compile(r"(?<=\s)\[([^\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))*\)\s*$")
_ANSWER = re.compile(r"^(\s*(?:[-*+]\s+)?)(?:(?:\*\*)?A:(?:\*\*)?|use:?|answer(?: with)?:?|"
                     r"story:|>>)\s+", re.IGNORECASE)  # '>> (1) …' under its question
_Q_LINE = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*)?Q\b")
_LEAD = re.compile(r"^\s*(?:[-*+]|#+|\d{1,3}[.)])\s+")
_TOGGLE = re.compile(r"^(\s*[-*+]\s+)[▸►‣▹]\s+")
_LEADING_MARKS = re.compile(r"^[^\w*_\[]+(?=\w|\[\[)")
_WIKILINK = re.compile(r"^\[\[(.+?)(?:\|.*)?\]\]$")
_O_SPACE = re.compile(r"^[ \t]*o [A-Z]")
#: a heading over the principles that have no story yet ('Gaps', 'LPs with no story yet')
_GAPS = re.compile(r"^\W*(?:gaps?|(?:still\s+)?missing|(?:(?:lps?|principles?)\s+)?(?:with\s+)?"
                   r"(?:no|without(?:\s+a)?)\s+stor(?:y|ies)(?:\s+yet)?)\W*$", re.IGNORECASE)
_PAGE_TAG = re.compile(r"(?<![\w&])#\[\[(?P<name>[^\]]+)\]\]")
_TASK = re.compile(r"^(\s*[-*+]\s+)(?:(?:TODO|LATER|NOW|DOING)\b:?\s*|"
                   r"(?=(?:need|find|add|write|tbd)\b.*\bstor(?:y|ies)\b))", re.IGNORECASE)
_DONE = re.compile(r"^(\s*[-*+]\s+)DONE\b:?\s*")
_ANSWER_MARK = re.compile(r"→|->|=>|⇒|\s[-–—]\s")


@dataclass
class Normalised:
    text: str
    #: body line index (0-based) -> principles a story line names after its title
    principles: dict[int, list[PrincipleSlug]] = field(default_factory=dict)
    #: principles `#lp/…` tags on lines of their own name (for the file's story)
    tagged: list[PrincipleSlug] = field(default_factory=list)
    #: body line index -> principles a story's detail adds ('also for Earn Trust – …')
    also: dict[int, list[PrincipleSlug]] = field(default_factory=dict)
    #: body line indexes of the principles named alone that became headings
    headings: set[int] = field(default_factory=set)


_LETTERED = re.compile(r"[a-h][.)]")
_ROMAN = re.compile(r"[ivx]+[.)]")
_CODED_TITLE = re.compile(r"^([A-Z]{1,2}\d{0,3})\s+[-–—:]\s+(.+)$")  # 'A — Title', 'S1 — Title'


def _marks(line: str, previous_was_bullet: bool, outline: list[int]) -> str:
    """Any bullet mark -> `- `, nested by its kind (Word's • o §, numbering's 1) a. ii.).
    `outline` holds the depth of the last lettered or roman item of a flat paste (Word keeps
    the kinds, not the indents): its bullets nest under it."""
    if previous_was_bullet and _O_SPACE.match(line):
        line = line.replace("o ", "o\t", 1)
    m = _MARK.match(line)
    if m is None:
        if line.strip() and not _NUMBERED_ITEM.match(line):
            outline.clear()  # text, or a heading: the outline ended
        return line
    mark = m.group("mark")
    depth = _DEPTH.get(mark, 0)
    if _LETTERED.fullmatch(mark):
        depth = 1
    elif _ROMAN.fullmatch(mark):
        depth = 2
    if depth and mark[0] not in _DEPTH and mark[0] != "•" and not m.group("indent"):
        outline[:] = [depth]  # a lettered or roman item
    elif outline and not m.group("indent"):
        depth += outline[0] + 1  # a flat bullet under that item
    return f"{m.group('indent')}{chr(9) * depth}- {m.group('rest')}"


#: any of the shapes `_clean` rewrites may be on the line (most lines of notes: none): a
#: Logseq `::`, a toggle mark (never on an ASCII line), or one of these opening it
_TOGGLE_MARK = re.compile(r"[▸►‣▹]")
_MAYBE_START = re.compile(r"\s*(?:[-*+]\s+)?(?:\*\*)?(?:TODO|DONE|LATER|NOW|DOING|[QA]\.|"
                          r"need|find|add|write|tbd)", re.IGNORECASE)


def _clean(line: str) -> str:
    if not _MAYBE_START.match(line) and "::" not in line and (
            line.isascii() or not _TOGGLE_MARK.search(line)):
        return line
    if _BLOCK_PROPERTY.match(line):  # Logseq's '\t  lp:: …': its block's (`notes.outline`)
        return line
    if (prop := _PROPERTY.match(line)) is not None:  # Roam's 'LP:: [[A]] [[B]]': two values
        line = prop.expand(r"\1\2:\3") + line[prop.end():].replace("]] [[", "]], [[")
    line = _TODO_Q.sub(r"\1\2", line)
    line = _TOGGLE.sub(r"\1", line)
    line = _DONE.sub(r"\1[x] ", line)
    line = _TASK.sub(r"\1[ ] ", line)  # Logseq's TODO, and 'need a story here': to-dos
    return _QA.sub(r"\1\2: ", line)


#: a principle's number after its name: '(LP 1)', '[LP #3]', '(#12)'
_NUMBER_TAIL = re.compile(r"\s*[(\[](?:LPs?\s*)?#?\s*\d{1,2}[)\]]$", re.IGNORECASE)


def _alone(rest: str, framework: Framework) -> PrincipleSlug | None:
    """A line that is a principle's name and nothing else: `CUSTOMER OBSESSION`,
    `Dive Deep:`, `[[Ownership]]`, `▸ Earn Trust`."""
    name = rest.strip().rstrip(":").strip()
    if name.endswith((")", "]")):
        name = _NUMBER_TAIL.sub("", name)  # 'Customer Obsession (LP 1)': its number
    if name.startswith("[["):
        name = _WIKILINK.sub(r"\1", name)
    if not name or name.startswith(("**", "__", "[", "<", "#", ">", "|")):
        return None
    return _strong(name, framework)


def _tags(line: str, framework: Framework) -> tuple[str, list[PrincipleSlug]]:
    """The line without its `#lp/…` tags (also nested: `#jobs/lp/…`), and their principles."""
    if "#" not in line:
        return line, []
    slugs = [s for m in LP_TAG.finditer(line) if (s := lp_tag(m.group("slug"), framework))]
    if slugs and TAGS_ONLY.match(LP_TAG.sub("", line)):
        return "", slugs  # '#story #lp/earn-trust': a line of tags, the note's principles
    if "#[[" in line:  # Logseq's tag of a page: '#[[Frugality]]' when it names a principle
        named = [(m.group(0), s) for m in _PAGE_TAG.finditer(line)
                 if (s := _strong(m.group("name"), framework) or _strong(
                     m.group("name").rsplit("/", 1)[-1], framework))]  # '#[[LP/Frugality]]'
        slugs += [s for _, s in named]
        for tag, _ in named:
            line = line.replace(tag, "")
    return (LP_TAG.sub("", line).rstrip(), slugs) if slugs else (line, [])


def _asks(line: str) -> bool:
    """Whether a line asks a question ('Q: …', '- Tell me about a time…')."""
    return bool(_Q_LINE.match(line)) or is_question(_LEAD.sub("", line))


def normalise_notes(text: str, framework: Framework) -> Normalised:
    """The text rewritten line for line (see the module docstring)."""
    text = text.translate(_SPACES)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "](#" in text or "{#" in text:  # Docs/pandoc: a contents list, anchors on headings
        text = _ANCHOR.sub("", _CONTENTS_LINE.sub("", text))
    lines = [_clean(line) for line in text.split("\n")]
    if text.count(",") > 2 * MIN_FIELDS:
        csv_tables(lines)
    csv_tables(lines, "\t", text)  # cells copied from a spreadsheet: tab-separated
    plain = not any(_HEADING.match(line) or "**" in line or line.lstrip().startswith("|")
                    for line in lines)
    numbered_titles(lines, text)  # '(1) Title' over its paragraphs: a story, numbered for answers
    if not plain:  # 'Stories' over '-------', '    queues were …' under '- Kiosk pilot'
        markdown_layout(lines)
    journal_days(lines)  # '- [[Dec 28th, 2025]]' over its blocks: a day, holding stories
    legend = read_legend(lines, framework)
    abbr = {**abbreviations(framework), **{a: s for d in legend.values() for a, s in d.items()}}
    rewriter = _Rewriter(framework, abbr)
    rewriter.key = story_key(lines)
    rewriter.numbered = numbered_stories(lines)  # '3.a' -> its story, for 'see 3.a'
    rewriter.original = list(lines)  # (a matrix's key is read from them when one is met)
    index = 0
    while index < len(lines):
        if index in legend:
            rewriter.tags(lines[index], index)
            lines[index] = ""
            index += 1
        else:
            index += rewriter.rewrite(lines, index)
    star_letters(lines)  # 'S – …', 'T – …', 'R – …' under a story: its STAR parts
    bold_titles(lines, framework, text)  # '**Title**' over prose under a principle: a story
    if plain:
        plain_sections(lines, rewriter.out.headings)
    rewriter.out.text = "\n".join(lines)
    return rewriter.out


class _Rewriter:
    """`normalise_notes` line by line, with what it must remember from the lines above:
    the last heading's level, the level given to principles named alone, the indent a
    principle named as a bullet adds to its content, and the last line (a question?)."""

    def __init__(self, framework: Framework, abbr: dict[str, PrincipleSlug]) -> None:
        self.framework, self.abbr = framework, abbr
        self.outline: list[int] = []  # the depth of the last lettered item of a flat paste
        self.out = Normalised("")
        self.heading = 0  # level of the last real heading
        self.level = 0  # level given to principles named alone, once one is
        self.dedent: tuple[str, str] | None = None  # (parent indent, one level of indent)
        self.previous_bullet = False
        self.asked = ""
        self.gaps = False  # under a heading over the principles with no story yet
        self.key: dict[str, str] = {}  # 'A = Title': codes a matrix uses for its stories
        self.marks: frozenset[str] | None = None  # what a matrix's cells mark principles with
        self.original: list[str] = []  # the lines as they were before this pass
        self.numbered: dict[str, str] = {}  # '3.a' -> the title of the story numbered so
        self.section: int | None = None  # the `##`+ heading line with only blanks since

    def tags(self, line: str, index: int) -> str:
        """The line without its `#lp/…` tags, which are kept for the line (or the file)."""
        line, tagged = _tags(line, self.framework)
        if tagged:
            if line.strip():
                self.out.principles[index] = tagged
            elif self.section is not None:  # '### Title' over a line of tags (Bear)
                self.out.principles.setdefault(self.section, []).extend(tagged)
            else:
                self.out.tagged.extend(tagged)
        return line

    def rewrite(self, lines: list[str], index: int) -> int:
        """Rewrite `lines[index]` (a matrix: the lines it spans) in place; how many lines."""
        if not lines[index] or lines[index].isspace():
            self.previous_bullet = False  # a blank line: kept as it is, and ends a bullet
            return 1
        line = self.tags(lines[index], index)
        if "::" in line and _BLOCK_PROPERTY.match(line):
            return 1  # a property of the block above, read with it (`notes.outline`)
        if line.lstrip().startswith("|"):
            if self.marks is None:
                self.marks = MARKS | key_marks(self.original, self.key)
            return max(1, story_matrix(lines, index, self.framework, self.abbr, self.marks)
                       or transposed_matrix(lines, index, self.framework, self.key, self.marks))
        summary = _SUMMARY.match(line) if "<" in line else None  # (both need a tag)
        if summary:
            line = f"{'#' * min(self.heading + 1, 6)} {summary.group('title').strip()}"
        elif "<" in line and _TAG_ONLY.match(line):
            line = ""
        if (marked := _marks(line, self.previous_bullet, self.outline)) is not line:
            line = _clean(marked)  # a glyph made a bullet: its to-do or 'Q.' read as a bullet's
        m = _BULLET.match(line)
        assert m is not None
        indent, rest = m.group("indent"), m.group("rest")
        self.previous_bullet = bool(m.group("mark"))
        if self.dedent is not None and rest.strip():
            line = self._dedented(line, indent)
        hashes = _HEADING.match(line)
        block_heading = hashes is None and bool(m.group("mark")) and _HEADING.match(rest)
        if block_heading:  # Logseq's '- ## Stories': a heading, its nested blocks its content
            line, hashes = rest, _HEADING.match(rest)
        if hashes and summary:
            self.dedent = None
        elif hashes:
            line = self._heading(line.replace(" -- ", " – "), hashes, index)  # "--": a dash
            self.dedent = (indent, "") if block_heading else None
        elif rest.strip() and self.gaps and m.group("mark") and not rest.startswith("["):
            line = f"{line[: len(line) - len(rest)]}[ ] {rest}"  # a gap: a to-do, no story
        elif rest.strip():
            line = self._content(line, m, index)
        if self.key and ("→" in line or "=>" in line or "->" in line or "⇒" in line):
            line = CODED_ANSWER.sub(lambda a: a.group("arrow") + self.key.get(
                a.group("code"), a.group("code")), line)  # '→ #3', '→ F': the story so coded
        answers = bool(_ANSWER.match(line)) and _asks(self.asked)
        if answers:
            line = _ANSWER.sub(r"\1", line)  # 'A: Seller payout delays' under its question
        # '  - #2' under its question: an answer bullet opening with a story's code
        coded = bool(self.key) and not answers and opens_with_code(line) and _asks(self.asked)
        if self.key and (answers or coded or _ANSWER_MARK.search(line)):
            line = answer_with_titles(line, self.key, whole=answers or coded)  # '— #3', 'A: …'
        if line.strip():
            self.asked = line
            self.section = index if hashes and len(hashes.group(1)) > 1 else None
        lines[index] = line
        return 1

    def _dedented(self, line: str, indent: str) -> str:
        """Under a principle named as a bullet, its content one level out (as a heading's)."""
        assert self.dedent is not None
        parent, unit = self.dedent
        if len(indent.expandtabs(4)) <= len(parent.expandtabs(4)):
            self.dedent = None
        elif unit == "" and indent.startswith(parent):
            self.dedent = (parent, indent[len(parent):])
            line = parent + line[len(indent):]
        elif indent.startswith(parent + unit):
            line = parent + line[len(parent + unit):]
        return line

    def _heading(self, line: str, hashes: re.Match[str], index: int) -> str:
        """A real heading; one that ends in principles (`## Pager storm (OWN)`) is cut."""
        self.heading, self.level, self.dedent = len(hashes.group(1)), 0, None
        if "](" in line:  # Notion's '### [Title](Title%20a41f.md)': a sub-page's link
            line = _LINK_ONLY.sub(r"\1", line)
        coded = _CODED_TITLE.match(line[hashes.end():].strip())
        if coded and (told := self.key.get(coded.group(1), "")) and (
                told.startswith(coded.group(2)) or coded.group(2).startswith(told)):
            line = line[: hashes.end()] + coded.group(2)  # '## A — Title' of the key's 'A = Title'
        numbered = NUMBERED_STORY.match(line) if "#" in line[hashes.end():] else None
        if numbered and self.key.get(numbered.group("code")) == numbered.group("title").strip():
            line = line[: hashes.end()] + line[numbered.start("title"):]  # '### #3 Title': #3 a code
        self.gaps = bool(_GAPS.match(line[hashes.end():].replace("*", "").replace("_", "")))
        split = story_list(line[hashes.end():], self.framework, self.abbr)
        if split is None:
            return line
        self.out.principles[index] = split[1]
        return line[: hashes.end()] + split[0]

    def _content(self, line: str, m: re.Match[str], index: int) -> str:
        """A line of text or a bullet: a principle named alone becomes a heading; a line of
        principles after a label or an arrow an 'LPs:' line; a story line ending in
        principles is cut to its title."""
        indent, rest = m.group("indent"), m.group("rest")
        listed = _CODES_LABEL.match(rest) or (  # 'Use for → CO, Own', '  -> Dive Deep, …'
            _ARROWED.match(rest) if rest[:1] in "-=→⇒" and not _asks(self.asked) else None)
        if listed and (slugs := principle_list(listed.group(2), self.framework, self.abbr)):
            names = ", ".join(p.name for s in slugs if (p := self.framework.get(s)))
            return f"{line[: len(line) - len(rest)]}{listed.group(1) or 'LPs'}: {names}"
        if self.numbered and _POINTS.search(rest) and (pointed := pointed_at(rest, self.numbered)):
            return line[: len(line) - len(rest)] + pointed  # '– use 6 again here'
        colon = rest.find(":", 2, 8)  # 'ET: S1 again': a reverse index, by a legend's code
        if colon > 0 and rest[:colon].rstrip() in self.abbr and (
                coded := coded_principle_line(rest, self.framework, self.abbr, self.key)):
            return line[: len(line) - len(rest)] + coded
        slug = _alone(_LEADING_MARKS.sub("", rest) if not m.group("mark") else rest,
                      self.framework)
        nested_label = bool(indent and m.group("mark") and LABEL_TITLE.match(rest))
        if slug is not None and (m.group("mark") or not indent) and not nested_label:
            self.level = self.level or min(self.heading + 1, 6)
            self.out.headings.add(index)
            self.dedent = (indent, "") if m.group("mark") else None
            return f"{'#' * self.level} {rest.strip().strip('[]').rstrip(':')}"
        split = story_list(rest, self.framework, self.abbr)
        if split is None or is_question(rest):  # '"Tell me…" – nothing yet (Frugality)'
            if split is None and (also := also_principles(rest, self.framework, self.abbr)):
                self.out.also[index] = also
            return line
        self.out.principles[index] = [*self.out.principles.get(index, []), *split[1]]
        return line[: len(line) - len(rest)] + split[0]
