"""MediaWiki wikitext (a personal wiki's page source, as Wikipedia's markup writes it)
rewritten line for line into the Markdown the rest of `notes/` reads, following
MediaWiki's help pages: `== Heading ==` sections, `*`/`#` lists (mixed, `#*`), `;term`
and `:text` definition lines, `'''bold'''` and `''italic''`, `[[Page|text]]` and
`[https://… text]` links, `{| … |}` tables (`!` header cells, `|-` rows, `||` and `!!`
between cells), `<!-- -->` comments, `{{templates}}` and `__TOC__`-like switches.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"^(?P<marks>={1,6})[ \t]*(?P<title>[^=].*?)[ \t]*(?P=marks)[ \t]*$")
_LIST = re.compile(r"^(?P<marks>[*#:;]+)[ \t]*(?P<text>.*)$")
_TERM = re.compile(r"^(?P<term>[^:]+?)[ \t]+:[ \t]+(?P<text>.*)$")  # '; Situation : text'
_BOLD = re.compile(r"'''(?P<text>.+?)'''")
_ITALIC = re.compile(r"''(?P<text>.+?)''")
_EXTERNAL = re.compile(r"\[(?P<url>[a-z][\w+.-]*://[^\s\]]+)(?:[ \t]+(?P<text>[^\]]+))?\]")
_TEMPLATE = re.compile(r"\{\{[^{}\n]*\}\}")
_SWITCH = re.compile(r"__[A-Z]+__")
_COMMENT = re.compile(r"<!--.*?-->")
_TAG = re.compile(r"</?(?:u|s|del|ins|small|big|span|div|center|code|tt|nowiki|ref)\b[^>]*>")


def looks_like_mediawiki(text: str) -> bool:
    """Wikitext's own marks: two `== Title ==` section lines closed as they open (AsciiDoc's
    rarely are), or a `{|` ... `|}` table; never with a Markdown code fence (whose Python
    may hold triple quotes). Substring tests first."""
    if "==\n" not in text and "== \n" not in text and "\n{|" not in text:
        return False
    if "```" in text:
        return False
    if re.search(r"^\{\|", text, re.MULTILINE) and re.search(r"^\|\}", text, re.MULTILINE):
        return True
    closed = re.findall(r"^(=+)[ \t]*[^=\n].*?[ \t]*\1[ \t]*$", text, re.MULTILINE)
    return len(closed) >= 2


def mediawiki_to_markdown(text: str) -> str:
    """The wikitext as Markdown, one output line per input line."""
    lines = text.split("\n")
    out = list(lines)
    comment = False
    term: int | None = None  # the '; Term' line just read, waiting for its ': text'
    index = 0
    while index < len(lines):
        line = lines[index]
        if comment or "<!--" in line:
            line, comment = _uncomment(line, comment)
        if line.lstrip().startswith("{|"):
            index += _table(lines, out, index)
            term = None
            continue
        if term is not None and line.startswith(":") and not line.startswith("::"):
            out[term] = f"{out[term]}: {_inline(line[1:].strip())}"  # '; Situation' + ': …'
            out[index] = ""
        else:
            out[index] = _line(line)
        term = index if line.startswith(";") and " : " not in line else None
        index += 1
    return "\n".join(out)


def _uncomment(line: str, comment: bool) -> tuple[str, bool]:
    """The line without its `<!-- … -->` parts, and whether a comment is still open."""
    if comment:
        if "-->" not in line:
            return "", True
        line = line[line.index("-->") + 3:]
    line = _COMMENT.sub("", line)
    if "<!--" in line:
        return line[:line.index("<!--")], True
    return line, False


def _line(line: str) -> str:
    heading = _HEADING.match(line)
    if heading:
        return f"{'#' * len(heading.group('marks'))} {_inline(heading.group('title'))}"
    if re.match(r"^-{4,}[ \t]*$", line):
        return ""  # a rule
    listed = _LIST.match(line)
    if listed:
        return _list_line(listed.group("marks"), listed.group("text"))
    return _inline(line)


def _list_line(marks: str, text: str) -> str:
    """`* a`, `#* b`, `; Term : text`, `: more text` as Markdown list lines."""
    depth = chr(9) * (len(marks) - 1)
    if marks[-1] == ";":  # a definition's term, its text after ' : ' on the line or below
        term = _TERM.match(text)
        if term:
            return f"{depth}- {_inline(term.group('term'))}: {_inline(term.group('text'))}"
        return f"{depth}- {_inline(text)}"
    if marks[-1] == ":":  # an indented line (a definition, a reply): text under the item
        return f"{chr(9) * len(marks)}{_inline(text)}"
    return f"{depth}{'1.' if marks[-1] == '#' else '-'} {_inline(text)}"


def _inline(text: str) -> str:
    if "'''" in text or "''" in text:
        text = _ITALIC.sub(r"*\g<text>*", _BOLD.sub(r"**\g<text>**", text))
    if "{{" in text:
        text = _TEMPLATE.sub("", text)
    if "__" in text:
        text = _SWITCH.sub("", text)
    if "<" in text:
        text = _TAG.sub("", text)
    if "[" in text:
        text = _EXTERNAL.sub(lambda m: f"[{m.group('text') or m.group('url')}]({m.group('url')})",
                             text)
    return text.rstrip()


def _table(lines: list[str], out: list[str], start: int) -> int:
    """Rewrite the `{| … |}` table at `start` in `out` as a Markdown table; the lines it
    takes. Its rows go on its first lines (a Markdown table has no `|-` lines between
    rows), the rest blank; a header row is the first row of `!` cells."""
    rows: list[list[str]] = []
    header = False
    end = start + 1
    while end < len(lines) and not lines[end].lstrip().startswith("|}"):
        line = lines[end].strip()
        end += 1
        if not line or line.startswith(("|+", "|-")):
            if line.startswith("|-") and rows and rows[-1]:
                rows.append([])
            continue
        if line[0] in "!|":
            cells = re.split(r"!!|\|\|", line[1:]) if line[0] == "!" else line[1:].split("||")
            if line[0] == "!" and not [r for r in rows if r]:
                header = True
            if not rows:
                rows.append([])
            rows[-1].extend(_inline(_cell(cell)) for cell in cells)
        elif rows and rows[-1]:
            rows[-1][-1] = f"{rows[-1][-1]} {_inline(line)}".strip()
    span = min(end + 1, len(lines)) - start
    rows = [row for row in rows if row]
    width = max((len(row) for row in rows), default=0)
    if not width:
        out[start:start + span] = [""] * span
        return span
    head = rows.pop(0) if header else [""] * width
    table = [_row(head, width), "|" + "---|" * width, *(_row(row, width) for row in rows)]
    out[start:start + span] = (table + [""] * span)[:span]
    return span


def _cell(cell: str) -> str:
    """A cell's text without its attributes (`style="…" | text`)."""
    if "|" in cell and "=" in cell.split("|", 1)[0]:
        return cell.split("|", 1)[1].strip()
    return cell.strip()


def _row(cells: list[str], width: int) -> str:
    padded = [*cells, *[""] * (width - len(cells))]
    return "| " + " | ".join(cell or " " for cell in padded) + " |"
