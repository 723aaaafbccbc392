"""AsciiDoc notes rewritten line for line into the Markdown the rest of `notes/` reads,
following the AsciiDoc language's syntax (docs.asciidoctor.org): `=` section titles, the
document header, attribute entries and block attribute lines, `//` comments, delimited
blocks, `*`/`.` lists, `Term:: text` description lists, admonition paragraphs and `|===`
tables (each row rewritten as a Markdown table row).
"""

from __future__ import annotations

import re

ASCIIDOC_SUFFIXES = (".adoc", ".asciidoc", ".asc")

_SECTION = re.compile(r"^(?P<marks>={1,6})[ \t]+(?P<title>\S.*?)(?:[ \t]+=+)?[ \t]*$")
_ATTRIBUTE_ENTRY = re.compile(r"^:!?[\w][\w-]*!?:(?:[ \t].*)?$")
_BLOCK_ATTRIBUTES = re.compile(r"^\[[^\]]*\](?:\])?[ \t]*$")
_BLOCK_TITLE = re.compile(r"^\.[^\s.]")
_COMMENT = re.compile(r"^//(?!/)")
_FENCES = {"----": "```", "....": "```"}
_DELIMITERS = re.compile(r"^(?:={4,}|\*{4,}|_{4,}|\+{4,}|--)[ \t]*$")
_LIST = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>\*{1,5}|\.{1,5}|-)[ \t]+(?P<text>\S.*)$")
_DLIST = re.compile(r"^(?P<indent>[ \t]*)(?P<term>[^\s:/|=.*\[-][^:]*?)(?P<delim>:{2,4}|;;)"
                    r"(?:[ \t]+(?P<text>.*))?$")
_ADMONITION = re.compile(r"^(?P<label>NOTE|TIP|IMPORTANT|WARNING|CAUTION):[ \t]+(?P<text>.*)$")
_TABLE = re.compile(r"^\|===[ \t]*$")
_CELL_SPEC = re.compile(r"^[ \t]*(?:\d+(?:\.\d+)?[+*])?[<^>]?(?:\.[<^>])?[adehlmsv]?$")
_BOLD = re.compile(r"(?<![\w*])\*(?P<text>[^\s*](?:[^*\n]*?[^\s*])?)\*(?![\w*])")
_XREF = re.compile(r"<<[^,>]+,[ \t]*(?P<text>[^>]+)>>|<<(?P<id>[^,>]+)>>")


def looks_like_asciidoc(text: str) -> bool:
    """AsciiDoc's own markers: a `|===` table, or two `== Title` section lines (one such
    line may be anything; substring tests first, so Markdown notes are passed over)."""
    if "|===" not in text and "\n=" not in text and not text.startswith("="):
        return False
    if re.search(r"^\|===[ \t]*$", text, re.MULTILINE):
        return True
    sections = re.finditer(r"^={1,6} \S", text, re.MULTILINE)
    return next(sections, None) is not None and next(sections, None) is not None


def asciidoc_to_markdown(text: str) -> str:
    """The AsciiDoc text as Markdown, one output line per input line."""
    lines = text.split("\n")
    out = list(lines)
    _header(out)
    attributes = ""  # the block attribute line above the current block, e.g. '[%header]'
    delimiters: list[str] = []  # the dlist delimiters in the order they appeared
    answers = _Answers()
    fence: str | None = None
    comment = False
    index = 0
    while index < len(out):
        line = out[index]
        stripped = line.strip()
        if comment or stripped == "////":
            comment = comment != (stripped == "////")
            out[index] = ""
        elif fence is not None:
            if stripped == fence:
                out[index], fence = "```", None
        elif stripped in _FENCES:
            out[index], fence = "```", stripped
        elif _TABLE.match(line):
            index += _table(out, index, attributes)
            attributes = ""
            continue
        elif _BLOCK_ATTRIBUTES.match(stripped):
            out[index], attributes = "", stripped
            answers.on = stripped.lower() == "[qanda]"
        else:
            answered = answers.read(line)
            out[index] = _line(line, delimiters) if answered is None else answered
        index += 1
    return "\n".join(out)


class _Answers:
    """A `[qanda]` list: each term is a question (`- Q: …`) and the lines of its
    description its answer outline, nested under it, so the story it names is linked."""

    def __init__(self) -> None:
        self.on = False
        self.answering = False  # the lines since the last question hold no blank one

    def read(self, line: str) -> str | None:
        """The line as part of the list, or None when it is not (the list ended)."""
        if not self.on:
            return None
        if not line.strip():
            self.answering = False
            return line
        question = _DLIST.match(line)
        if question is not None and not _SECTION.match(line):
            self.answering = True
            answer = question.group("text")
            return f"- Q: {question.group('term').strip()}" + (
                f" → {_inline(answer)}" if answer else "")
        if self.answering and not _SECTION.match(line):
            return f"\t- {_inline(line.strip())}"
        self.on = self.answering = False
        return None


def _header(lines: list[str]) -> None:
    """The document header: `= Title`, then the author and revision lines and attribute
    entries up to the first blank line; the title becomes `# Title`, the rest is metadata."""
    start = next((i for i, line in enumerate(lines) if line.strip()
                  and not _COMMENT.match(line)), None)
    if start is None:
        return
    m = _SECTION.match(lines[start])
    if m is None or len(m.group("marks")) != 1:
        return
    lines[start] = f"# {m.group('title')}"
    index, implicit = start + 1, 0  # the author and revision lines come first, if at all
    while index < len(lines) and lines[index].strip():
        line = lines[index]
        if not (_ATTRIBUTE_ENTRY.match(line) or _COMMENT.match(line)):
            if implicit == 2 or _SECTION.match(line) or _LIST.match(line) or _DLIST.match(line):
                return  # no header line: the body starts right under the title
            implicit += 1
        lines[index] = ""
        index += 1


def _line(line: str, delimiters: list[str]) -> str:
    stripped = line.strip()
    if not stripped:
        return line
    if _COMMENT.match(line) or _ATTRIBUTE_ENTRY.match(line) or _BLOCK_TITLE.match(line) \
            or _DELIMITERS.match(stripped) or stripped == "+":
        return ""
    section = _SECTION.match(line)
    if section:
        return f"{'#' * len(section.group('marks'))} {_inline(section.group('title'))}"
    admonition = _ADMONITION.match(line)
    if admonition:  # 'NOTE: …' is an aside: a quoted line, as Markdown writes one
        return f"> [!{admonition.group('label').lower()}] {_inline(admonition.group('text'))}"
    listed = _LIST.match(line)
    if listed:
        mark = listed.group("mark")
        bullet = "-" if mark[0] in "*-" else "1."
        return f"{chr(9) * (len(mark) - 1)}{bullet} {_inline(listed.group('text'))}"
    described = _DLIST.match(line)
    if described:
        delim = described.group("delim")
        if delim not in delimiters:
            delimiters.append(delim)
        depth = delimiters.index(delim)
        text = described.group("text") or ""
        return f"{chr(9) * depth}- {described.group('term').strip()}: {_inline(text)}".rstrip()
    return _inline(line.removesuffix(" +"))


def _inline(text: str) -> str:
    if "*" in text:
        text = _BOLD.sub(r"**\g<text>**", text)
    if "<<" in text:
        text = _XREF.sub(lambda m: m.group("text") or m.group("id"), text)
    return text


def _table(lines: list[str], start: int, attributes: str) -> int:
    """Rewrite the `|===` table at `start` in place as a Markdown table; the lines used.
    Its rows go on its first lines (a Markdown table has no blank lines), the rest blank."""
    end = next((i for i in range(start + 1, len(lines)) if _TABLE.match(lines[i])), None)
    if end is None:
        lines[start] = ""
        return 1
    body = lines[start + 1:end]
    cells = _cells(body)
    first = next((i for i, line in enumerate(body) if line.strip()), None)
    columns = _columns(attributes) or (len(_cells([body[first]])) if first is not None else 0)
    if not cells or columns < 1:
        lines[start:end + 1] = [""] * (end + 1 - start)
        return end + 1 - start
    rows = [cells[i:i + columns] for i in range(0, len(cells), columns)]
    table = [_row(rows[0], columns), "|" + "---|" * columns] + [_row(r, columns) for r in rows[1:]]
    span = end + 1 - start
    lines[start:end + 1] = (table + [""] * span)[:span]
    return span


def _cells(body: list[str]) -> list[str]:
    """The table's cells in order: `|a |b` on one line or one cell a line; a line that
    starts without `|` continues the cell above."""
    cells: list[str] = []
    for line in body:
        if not line.strip():
            continue
        parts = re.split(r"(?<!\\)\|", line)
        if len(parts) == 1 or not _CELL_SPEC.match(parts[0]):
            if cells:
                cells[-1] = f"{cells[-1]} {line.strip()}".strip()
            continue
        cells.extend(_inline(part.strip().replace("\\|", "/")) for part in parts[1:])
    return cells


def _columns(attributes: str) -> int:
    """The columns a `[cols="2,1"]` (or `cols=3*`) attribute list gives, 0 when none."""
    m = re.search(r"cols=(?:\"(?P<quoted>[^\"]*)\"|(?P<bare>[^,\]]*))", attributes)
    if m is None:
        return 0
    count = 0
    for item in (m.group("quoted") or m.group("bare") or "").split(","):
        repeat = re.match(r"^\s*(\d+)\*", item)
        count += int(repeat.group(1)) if repeat else 1
    return count


def _row(cells: list[str], columns: int) -> str:
    padded = [*cells, *[""] * (columns - len(cells))]
    return "| " + " | ".join(c or " " for c in padded) + " |"
