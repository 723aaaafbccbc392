"""reStructuredText notes rewritten line for line into the Markdown the rest of `notes/`
reads, following the reStructuredText specification (docutils): section titles underlined
(and overlined) with punctuation, their levels in the order the styles first appear; the
docinfo field list under the document title; field lists; definition lists; explicit
markup (directives, comments, hyperlink targets), admonitions as asides; literal blocks;
line blocks and the inline markup of roles, literals and references.
"""

from __future__ import annotations

import re

from loopprep.notes.rst_tables import list_table, rst_table

RST_SUFFIXES = (".rst", ".rest")

#: an underline or overline: one punctuation character repeated (docutils allows any
#: non-alphanumeric printable ASCII character)
_ADORNMENT = re.compile(r"^(?P<char>[!-/:-@\[-`{-~])(?P=char){2,}[ \t]*$")
_EXPLICIT = re.compile(r"^(?P<indent>[ \t]*)\.\.(?:[ \t]+(?P<rest>.*))?$")
_DIRECTIVE = re.compile(r"^(?P<name>[\w][\w:+.-]*)::(?:[ \t]+(?P<args>.*))?$")
_FIELD = re.compile(r"^(?P<indent>[ \t]*):(?P<name>[^:\s`][^:`]*?):(?:[ \t]+(?P<body>.*))?$")
_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>[-*+\u2022\u2023\u2043]|#\.|\(?[0-9a-zA-Z]{1,3}[.)])"
                     r"[ \t]+(?P<text>\S.*)$")
_LINE_BLOCK = re.compile(r"^(?P<indent>[ \t]*)\|(?:[ \t]+(?P<text>.*))?$")
#: directives whose body is an aside beside the text
_ASIDES = frozenset(("attention", "caution", "danger", "error", "hint", "important", "note",
                     "tip", "warning", "admonition", "seealso", "todo", "topic", "sidebar",
                     "epigraph", "highlights", "pull-quote"))
#: directives whose body is ordinary text, read as such
_CONTAINERS = frozenset(("container", "compound", "class", "rst-class", "only"))
_CLASSIFIER = re.compile(r"[ \t]+:[ \t]+.*$")
_ROLE = re.compile(r":[\w:+.-]+:`(?P<text>[^`<]*?)(?:[ \t]*<[^`>]*>)?`")
_NAMED_LINK = re.compile(r"`(?P<text>[^`<]+?)[ \t]*<(?P<url>[^`>]+)>`__?")
_REFERENCE = re.compile(r"`(?P<text>[^`]+)`__?(?!\w)")
_LITERAL = re.compile(r"``(?P<text>.+?)``")


def looks_like_rst(text: str) -> bool:
    """reStructuredText's own markers: a `.. name::` directive or `.. _target:` line, and
    a section title underlined with punctuation. (Substring tests first.)"""
    if "\n.. " not in text and not text.startswith(".. "):
        return False
    if not re.search(r"^\.\. (?:[\w][\w:+.-]*::|_[^:\n]+:)", text, re.MULTILINE):
        return False
    return bool(re.search(r"^\S[^\n]*\n([=\-~^\"'`#*+])\1{2,}[ \t]*$", text, re.MULTILINE))


def rst_to_markdown(text: str) -> str:
    """The reStructuredText as Markdown, one output line per input line."""
    lines = text.split("\n")
    reader = _Reader(lines)
    reader.read()
    return "\n".join(reader.out)


class _Reader:
    """One pass over the lines, each construct rewriting the lines it spans."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.out = list(lines)
        self.styles: list[tuple[str, bool]] = []  # title styles, outermost first
        self.titles: list[tuple[str, bool]] = []  # the style of each title, in order
        self.body_seen = False  # any body element since the document's first title
        self.docinfo: dict[int, str] = {}  # the field lines under the first title
        self.literal = False  # the paragraph just read ends with '::'

    def read(self) -> None:
        index = 0
        while index < len(self.lines):
            line = self.lines[index]
            if not line.strip():
                index += 1
                continue
            if self.literal and _indent(line) > 0:
                index += self._literal(index)
                continue
            self.literal = False
            used = (self._table(index) or self._section(index) or self._explicit(index)
                    or self._field(index) or self._definition(index))
            if used:
                index += used
                continue
            self.body_seen = True
            self.out[index] = self._text(line)
            index += 1
        if self.titles and self.titles.count(self.titles[0]) > 1:
            for at, text in self.docinfo.items():  # the first title is a section's, not
                self.out[at] = text  # the document's: its fields are ordinary fields

    def _table(self, index: int) -> int:
        """A grid or simple table (`notes.rst_tables`), its rows on its first lines."""
        found = rst_table(self.lines, index) if self.lines[index].lstrip()[:1] in "+=" else None
        if found is None:
            return 0
        table, span = found
        self.body_seen = True
        self.out[index:index + span] = [_inline(row) for row in table] + [""] * (span - len(table))
        return span

    def _section(self, index: int) -> int:
        """A title with an underline, or an overline, title and underline."""
        lines = self.lines
        over = _ADORNMENT.match(lines[index])
        if over and index + 2 < len(lines) and lines[index + 1].strip() \
                and lines[index + 2].strip() == lines[index].strip():
            self._title(index + 1, (over.group("char"), True))
            self.out[index] = self.out[index + 2] = ""
            return 3
        under = _ADORNMENT.match(lines[index + 1]) if index + 1 < len(lines) else None
        title = lines[index].rstrip()
        if under is None or _indent(title) or _ADORNMENT.match(title) or (
                index and lines[index - 1].strip()):
            if over:  # a transition ('----' alone): no text
                self.out[index] = ""
                return 1
            return 0
        if len(lines[index + 1].strip()) < min(len(title), 4):
            return 0
        self._title(index, (under.group("char"), False))
        self.out[index + 1] = ""
        return 2

    def _title(self, index: int, style: tuple[str, bool]) -> None:
        if style not in self.styles:
            self.styles.append(style)
        level = min(self.styles.index(style) + 1, 6)
        self.out[index] = f"{'#' * level} {_inline(self.lines[index].strip())}"
        self.titles.append(style)
        if len(self.titles) > 1:
            self.body_seen = True

    def _explicit(self, index: int) -> int:
        """`.. name:: args` directives, `.. _target:` links, `.. [1]` notes and comments,
        each with its indented body. Admonitions are asides; a container's body is text; a
        list table is a table; the rest (code, contents, images, comments) say nothing
        about the notes."""
        m = _EXPLICIT.match(self.lines[index])
        if m is None:
            return 0
        end = _body_end(self.lines, index, len(m.group("indent")))
        directive = _DIRECTIVE.match(m.group("rest") or "")
        name = directive.group("name").lower() if directive else ""
        for at in range(index, end):
            self.out[at] = ""
        if name in _CONTAINERS:
            return 1
        table = list_table(self.lines[index + 1:end]) if name == "list-table" else None
        if table is not None and len(table) <= end - index:  # its rows on its first lines
            self.out[index:index + len(table)] = [_inline(row) for row in table]
            self.body_seen = True
        if name in _ASIDES:
            args = _inline((directive.group("args") if directive else "") or "")
            self.out[index] = f"> [!{name}] {args}".rstrip()
            options = True  # the directive's options (`:class: x`) come first
            for at in range(index + 1, end):
                body = self.lines[at].strip()
                options = options and bool(_FIELD.match(body))
                if not options:
                    self.out[at] = f"> {_inline(body)}".rstrip()
        return end - index

    def _field(self, index: int) -> int:
        """`:Principles: Dive Deep` -> `Principles: Dive Deep` (its indented lines joined on),
        except the docinfo under the document title (author, date, status): metadata."""
        m = _FIELD.match(self.lines[index])
        if m is None:
            return 0
        end = _body_end(self.lines, index, len(m.group("indent")))
        body = " ".join(part for part in [m.group("body") or "", *(
            self.lines[at].strip() for at in range(index + 1, end))] if part)
        text = f"{m.group('indent')}{m.group('name')}: {_inline(body)}"
        self.out[index] = text
        if len(self.titles) == 1 and not self.body_seen:
            # under the document's title (its style used once: docutils' DocTitle), the
            # docinfo: who wrote it and when, not notes (undone in `read` otherwise)
            self.out[index], self.docinfo[index] = "", text
        for at in range(index + 1, end):
            self.out[at] = ""
        return end - index

    def _definition(self, index: int) -> int:
        """A term line over its indented definition. A label term (`Situation`) is a
        `Term: text` line; a sentence (a question) is an item whose definition is nested."""
        lines = self.lines
        term = lines[index]
        if index + 1 >= len(lines) or not lines[index + 1].strip() or _BULLET.match(term) \
                or _indent(lines[index + 1]) <= _indent(term) or term.rstrip().endswith("::") \
                or (index and lines[index - 1].strip() and _indent(lines[index - 1]) >= _indent(term)):
            return 0
        self.body_seen = True
        end = _body_end(lines, index, _indent(term))
        parts = _paragraphs(lines, index + 1, end)
        for at in range(index + 1, end):
            self.out[at] = ""
        name = _CLASSIFIER.sub("", term.strip())
        tab = "\t" if _indent(term) else ""
        if name.endswith((".", "?", "!", ":")):
            self.out[index] = f"{tab}- {_inline(name)}"
        else:
            first = parts.pop(0) if parts else (index, "")
            self.out[index] = f"{tab}- {_inline(name)}: {_inline(first[1])}".rstrip()
        for at, text in parts:
            self.out[at] = f"{tab}\t- {_inline(text)}"
        return end - index

    def _literal(self, index: int) -> int:
        """The indented block after a `::` paragraph is literal text (code, a log): not notes."""
        end = _body_end(self.lines, index - 1, 0)
        for at in range(index, end):
            self.out[at] = ""
        self.literal = False
        return max(end - index, 1)

    def _text(self, line: str) -> str:
        stripped = line.rstrip()
        if stripped.endswith("::"):
            self.literal = True
            stripped = stripped[:-2].rstrip() + (":" if not stripped[:-2].endswith(" ") else "")
            stripped = stripped.rstrip()
        block = _LINE_BLOCK.match(stripped)
        if block:
            return f"{block.group('indent')}{_inline(block.group('text') or '')}"
        bullet = _BULLET.match(stripped)
        if bullet and bullet.group("mark") == "#.":
            return f"{bullet.group('indent')}1. {_inline(bullet.group('text'))}"
        if bullet and bullet.group("mark").startswith("("):
            return f"{bullet.group('indent')}{bullet.group('mark')[1:-1]}. {_inline(bullet.group('text'))}"
        return _inline(stripped)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _body_end(lines: list[str], start: int, indent: int) -> int:
    """The line after the body that follows `start`: its lines blank or indented more than
    `indent`, trailing blank lines not included."""
    end = last = start + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > indent):
        if lines[end].strip():
            last = end + 1
        end += 1
    return last


def _paragraphs(lines: list[str], start: int, end: int) -> list[tuple[int, str]]:
    """The paragraphs (and list items) of a definition, each joined onto its first line."""
    found: list[tuple[int, str]] = []
    joining = False
    for at in range(start, end):
        text = lines[at].strip()
        if not text:
            joining = False
            continue
        bullet = _BULLET.match(text)
        if bullet is not None:
            found.append((at, bullet.group("text")))
        elif joining and found:
            found[-1] = (found[-1][0], f"{found[-1][1]} {text}")
        else:
            found.append((at, text))
        joining = True
    return found


def _inline(text: str) -> str:
    if "`" in text:
        text = _LITERAL.sub(r"`\g<text>`", text)
        text = _NAMED_LINK.sub(r"[\g<text>](\g<url>)", text)
        text = _ROLE.sub(r"\g<text>", text)
        text = _REFERENCE.sub(r"\g<text>", text)
    return text
