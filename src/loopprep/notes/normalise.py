"""Any notes text into the Markdown shapes the reader knows, line for line.

People write notes in Word, OneNote, Google Docs, Notion, Logseq or plain text; each has
its own bullet marks, escapes and ways to name a principle. This pass rewrites every line
into the Markdown the rest of `notes/` reads, and never adds or removes a line, so every
file:line a report gives still points at the user's own text:

- non-breaking and zero-width spaces; Google Docs escapes (`\\-`, `\\#`);
- every bullet mark (`• o § ▸ ▪`, `1)`, `a.`, `ii.`) becomes `- `, nested by its kind;
- Logseq `key:: value` properties become `key: value` (so `result:: …` is a STAR part);
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
import tomllib
from dataclasses import dataclass, field
from importlib import resources

from loopprep.model import Framework, PrincipleSlug
from loopprep.notes.principles import match_principle
from loopprep.notes.question_text import is_question
from loopprep.notes.star import star_label

#: a principle line must match a name this closely to be read as one
STRONG = 0.9
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u200b": "",
                         "\ufeff": ""})
_ESCAPE = re.compile(r"\\([-#*_.>+!\[\]()`|~])")
_PROPERTY = re.compile(r"^(\s*(?:[-*]\s+)?)([A-Za-z][\w -]{0,30})::(\s|$)")
_SUMMARY = re.compile(r"^\s*<summary>(?P<title>.*?)</summary>\s*$", re.IGNORECASE)
_TAG_ONLY = re.compile(r"^\s*</?(?:details|summary|aside)[^>]*>\s*$", re.IGNORECASE)
_MARK = re.compile(
    r"^(?P<indent>[ \t]*)(?P<mark>[•·▸▹‣►◦▪▫§]|o(?=\t)|\d{1,3}\)|[a-h][.)](?=[ \t])|"
    r"(?:ii|iii|iv|vi|vii|viii|ix)[.)](?=[ \t]))[ \t]+(?P<rest>\S.*)$")
_DEPTH = {"◦": 1, "o": 1, "▪": 2, "▫": 2, "§": 2}
_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>(?:[-*+]|\d{1,3}[.)])[ \t]+)?(?P<rest>.*)$")
_HEADING = re.compile(r"^\s*(#{1,6})\s")
_LEGEND_ITEM = re.compile(r"(?P<abbr>[A-Z][A-Za-z&]{1,5})\s*(?:=|:|–|—|-)\s*"
                          r"(?P<name>[A-Z][A-Za-z',;& ]{2,60}?)\s*(?=,|;|$)")
_QA = re.compile(r"^(\s*(?:[-*]\s+)?)(?:\*\*)?(?:TODO:?\s+)?([QA])\.(?:\*\*)?\s+")
_TODO_Q = re.compile(r"^(\s*(?:[-*]\s+)?)TODO:?\s+(Q:\s)")
_TRAILING_LIST = (re.compile(r"^(?P<title>.+?)\s*\((?P<list>[^()]+)\)\s*$"),
                  re.compile(r"^(?P<title>.+?)\s+[-–—]\s+(?P<list>[^-–—]+)$"))
_ANSWER = re.compile(r"^(\s*(?:[-*+]\s+)?)(?:(?:\*\*)?A:(?:\*\*)?|use|answer(?: with)?:?|"
                     r"story:)\s+", re.IGNORECASE)
_Q_LINE = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*)?Q\b")
_LEAD = re.compile(r"^\s*(?:[-*+]|#+)\s+")
_TOGGLE = re.compile(r"^(\s*[-*+]\s+)[▸►‣▹]\s+")
_LEADING_MARKS = re.compile(r"^[^\w*_\[]+(?=\w|\[\[)")
_WIKILINK = re.compile(r"^\[\[(.+?)(?:\|.*)?\]\]$")
_LEGEND_LEAD = re.compile(r"^\s*(?:[-*•]\s+)?(?:\*\*)?(?:legend|key|abbreviations?)?(?:\*\*)?"
                          r"\s*:?\s*(?:\*\*)?", re.IGNORECASE)
_O_SPACE = re.compile(r"^[ \t]*o [A-Z]")
_LP_TAG = re.compile(r"(?<![\w&])#(?:lps?|principles?)/(?P<slug>[\w-]+)", re.IGNORECASE)
_TASK = re.compile(r"^(\s*[-*+]\s+)(?:(?:TODO|LATER|NOW|DOING)\b:?\s*|"
                   r"(?=(?:need|find|add|write|tbd)\b.*\bstor(?:y|ies)\b))", re.IGNORECASE)
_DONE = re.compile(r"^(\s*[-*+]\s+)DONE\b:?\s*")
_NOT_ABBREVIATIONS = {"LP", "LPS", "Q", "A", "S", "T", "R", "TODO", "NB", "PS"}
_LABEL_TITLE = re.compile(r"^\W*(?:lps?|leadership principles?|principles?|competenc\w*)\b",
                          re.IGNORECASE)
_MATRIX_MARK = {"x", "✓", "✔", "✅", "yes", "y", "●", "•", "*", "+"}


@dataclass
class Normalised:
    text: str
    #: body line index (0-based) -> principles a story line names after its title
    principles: dict[int, list[PrincipleSlug]] = field(default_factory=dict)
    #: principles `#lp/…` tags on lines of their own name (for the file's story)
    tagged: list[PrincipleSlug] = field(default_factory=list)
    #: body line indexes of the principles named alone that became headings
    headings: set[int] = field(default_factory=set)


def abbreviations(framework: Framework) -> dict[str, PrincipleSlug]:
    """The framework file's `abbreviations` (`CO` -> customer-obsession), if it has any."""
    try:
        data = tomllib.loads(resources.files("loopprep.frameworks")
                             .joinpath(f"{framework.slug}.toml").read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    known = {p.slug for p in framework.principles}
    return {str(a): PrincipleSlug(row["slug"]) for row in data.get("principle", [])
            if row.get("slug") in known for a in row.get("abbreviations", [])}


def _strong(name: str, framework: Framework) -> PrincipleSlug | None:
    if len(name) > 80 or len(name.split()) > 8 or "?" in name:
        return None
    principle, score = match_principle(name, framework)
    return principle.slug if principle is not None and score >= STRONG else None


def read_legend(lines: list[str], framework: Framework) -> dict[int, dict[str, PrincipleSlug]]:
    """Lines that spell abbreviations out, by index: `CO = Customer Obsession, DD = …`."""
    found: dict[int, dict[str, PrincipleSlug]] = {}
    for index, line in enumerate(lines):
        if "=" not in line and ":" not in line and "-" not in line:
            continue
        body = _LEGEND_LEAD.sub("", line)
        items = list(_LEGEND_ITEM.finditer(body))
        if not items or _HEADING.match(line) or any(
                m.group("abbr").upper() in _NOT_ABBREVIATIONS or not m.group("abbr").isupper()
                for m in items):
            continue
        pairs = {m.group("abbr"): _strong(m.group("name"), framework) for m in items}
        if all(pairs.values()) and sum(len(m.group(0)) for m in items) >= len(body.strip()) * 0.7:
            found[index] = {a: s for a, s in pairs.items() if s}
    return found


def principle_list(text: str, framework: Framework, abbr: dict[str, PrincipleSlug]
                   ) -> list[PrincipleSlug] | None:
    """`CO, DD` or `ownership, deliver results`: the principles, when every item is one."""
    items = [i.strip(" *_.") for i in re.split(r"[,+]|\s&\s", text)]
    slugs: list[PrincipleSlug] = []
    for item in items:
        if not item:
            return None
        slug = abbr.get(item) or abbr.get(item.upper()) if item.isupper() else None
        slug = slug or _strong(item, framework)
        if slug is None:
            return None
        slugs.append(slug)
    return list(dict.fromkeys(slugs))


def _marks(line: str, previous_was_bullet: bool) -> str:
    """Any bullet mark -> `- `, nested by its kind (Word's • o §, numbering's 1) a. ii.)."""
    if previous_was_bullet and _O_SPACE.match(line):
        line = line.replace("o ", "o\t", 1)
    m = _MARK.match(line)
    if m is None:
        return line
    mark = m.group("mark")
    depth = _DEPTH.get(mark, 0)
    if re.fullmatch(r"[a-h][.)]", mark):
        depth = 1
    elif re.fullmatch(r"[ivx]+[.)]", mark):
        depth = 2
    return f"{m.group('indent')}{chr(9) * depth}- {m.group('rest')}"


#: any of the shapes `_clean` rewrites may be on the line (most lines of notes: none)
_MAYBE = re.compile(r"::|[▸►‣▹]|^\s*(?:[-*+]\s+)?(?:\*\*)?(?:TODO|DONE|LATER|NOW|DOING|[QA]\.|"
                    r"need|find|add|write|tbd)", re.IGNORECASE)


def _clean(line: str) -> str:
    if not _MAYBE.search(line):
        return line
    line = _PROPERTY.sub(r"\1\2:\3", line)
    line = _TODO_Q.sub(r"\1\2", line)
    line = _TOGGLE.sub(r"\1", line)
    line = _DONE.sub(r"\1[x] ", line)
    line = _TASK.sub(r"\1[ ] ", line)  # Logseq's TODO, and 'need a story here': to-dos
    return _QA.sub(r"\1\2: ", line)


def _alone(rest: str, framework: Framework) -> PrincipleSlug | None:
    """A line that is a principle's name and nothing else: `CUSTOMER OBSESSION`,
    `Dive Deep:`, `[[Ownership]]`, `▸ Earn Trust`."""
    name = _WIKILINK.sub(r"\1", rest.strip().rstrip(":").strip())
    if not name or name.startswith(("**", "__", "[", "<", "#", ">", "|")):
        return None
    return _strong(name, framework)


def _matrix(lines: list[str], start: int, framework: Framework) -> int:
    """Rewrite a story x principle matrix starting at `start` in place; the lines used."""
    cells = [c.strip() for c in lines[start].strip().strip("|").split("|")]
    slugs = [_strong(c, framework) for c in cells[1:]]
    if len([s for s in slugs if s]) < 2 or start + 1 >= len(lines) \
            or not re.match(r"^\|?\s*:?-+", lines[start + 1].strip()):
        return 0
    names = {p.slug: p.name for p in framework.principles}
    lines[start], lines[start + 1] = f"| {cells[0] or 'Story'} | LPs |", "|---|---|"
    end = start + 2
    while end < len(lines) and lines[end].strip().startswith("|"):
        row = [c.strip() for c in lines[end].strip().strip("|").split("|")]
        marked = [names[s] for s, c in zip(slugs, row[1:], strict=False)
                  if s and c.lower() in _MATRIX_MARK]
        lines[end] = f"| {row[0]} | {', '.join(marked) or '—'} |"
        end += 1
    return end - start


def _story_list(rest: str, framework: Framework, abbr: dict[str, PrincipleSlug]
                ) -> tuple[str, list[PrincipleSlug]] | None:
    """`Pager storm (OWN, BFA)` -> ('Pager storm', [ownership, bias-for-action])."""
    if not (rest.rstrip().endswith(")") or " - " in rest or " – " in rest or " — " in rest):
        return None
    for pattern in _TRAILING_LIST:
        m = pattern.match(rest)
        if m is None:
            continue
        title = m.group("title").strip()
        bare = title.strip("*_ ")
        if not bare or _LABEL_TITLE.match(bare) or len(bare.split()) > 12 or _strong(bare, framework):
            continue
        slugs = principle_list(m.group("list"), framework, abbr)
        if slugs:
            return title, slugs
    return None


def lp_tag(slug: str, framework: Framework) -> PrincipleSlug | None:
    """`#lp/dive-deep`, `#lp/DiveDeep`, `#lp/dive_deep` -> dive-deep."""
    known = framework.get(slug.lower())
    if known is not None:
        return known.slug
    words = re.sub(r"(?<=[a-z])(?=[A-Z])|[-_]", " ", slug)
    return _strong(words, framework)


def _tags(line: str, framework: Framework) -> tuple[str, list[PrincipleSlug]]:
    """The line without its `#lp/…` tags, and the principles they name."""
    if "#" not in line:
        return line, []
    slugs = [s for m in _LP_TAG.finditer(line) if (s := lp_tag(m.group("slug"), framework))]
    return (_LP_TAG.sub("", line).rstrip(), slugs) if slugs else (line, [])


def _asks(line: str) -> bool:
    """Whether a line asks a question ('Q: …', '- Tell me about a time…')."""
    return bool(_Q_LINE.match(line)) or is_question(_LEAD.sub("", line))


def normalise_notes(text: str, framework: Framework) -> Normalised:
    """The text rewritten line for line (see the module docstring)."""
    text = text.translate(_SPACES)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    lines = [_clean(line) for line in text.split("\n")]
    plain = not any(_HEADING.match(line) or "**" in line or line.lstrip().startswith("|")
                    for line in lines)
    legend = read_legend(lines, framework)
    abbr = {**abbreviations(framework), **{a: s for d in legend.values() for a, s in d.items()}}
    out = Normalised("")
    heading = 0  # level of the last real heading
    level = 0  # level given to principles named alone, once one is
    dedent: tuple[str, str] | None = None  # (parent indent, one level of indent)
    previous_bullet, asked = False, ""
    index = 0
    while index < len(lines):
        line, tagged = _tags(lines[index], framework)
        if tagged:
            if line.strip():
                out.principles[index] = tagged
            else:
                out.tagged.extend(tagged)
        if index in legend:
            lines[index] = ""
            index += 1
            continue
        if line.lstrip().startswith("|"):
            index += max(1, _matrix(lines, index, framework))
            continue
        summary = _SUMMARY.match(line)
        if summary:
            line = f"{'#' * min(heading + 1, 6)} {summary.group('title').strip()}"
        elif _TAG_ONLY.match(line):
            line = ""
        line = _marks(line, previous_bullet)
        m = _BULLET.match(line)
        assert m is not None
        indent, rest = m.group("indent"), m.group("rest")
        previous_bullet = bool(m.group("mark"))
        if dedent is not None and rest.strip():
            parent, unit = dedent
            if len(indent.expandtabs(4)) <= len(parent.expandtabs(4)):
                dedent = None
            elif unit == "" and indent.startswith(parent):
                dedent = (parent, indent[len(parent):])
                line = parent + line[len(indent):]
            elif indent.startswith(parent + unit):
                line = parent + line[len(parent + unit):]
        hashes = _HEADING.match(line)
        if hashes and summary:
            dedent = None
        elif hashes:
            heading, level, dedent = len(hashes.group(1)), 0, None
            split = _story_list(line[hashes.end():], framework, abbr)
            if split is not None:
                line = line[: hashes.end()] + split[0]
                out.principles[index] = split[1]
        elif rest.strip():
            slug = _alone(_LEADING_MARKS.sub("", rest) if not m.group("mark")
                          else rest, framework)
            if slug is not None and (m.group("mark") or not indent):
                level = level or min(heading + 1, 6)
                line = f"{'#' * level} {rest.strip().strip('[]').rstrip(':')}"
                out.headings.add(index)
                dedent = (indent, "") if m.group("mark") else None
            else:
                split = _story_list(rest, framework, abbr)
                if split is not None:
                    line = line[: len(line) - len(rest)] + split[0]
                    out.principles[index] = [*out.principles.get(index, []), *split[1]]
        if _ANSWER.match(line) and _asks(asked):
            line = _ANSWER.sub(r"\1", line)  # 'A: Seller payout delays' under its question
        if line.strip():
            asked = line
        lines[index] = line
        index += 1
    if plain:
        _plain_sections(lines, out.headings)
    out.text = "\n".join(lines)
    return out


def _plain_sections(lines: list[str], headings: set[int]) -> None:
    """Plain text (no Markdown at all): under each principle named alone, every line is a
    bullet, and the STAR lines after a story's title line are that bullet's details."""
    titled = False
    first = min(headings, default=len(lines))
    hashes = lines[first].split(" ")[0] if first < len(lines) else "#"
    following_at = _next_non_blank(lines)
    for index in range(first, len(lines)):
        line = lines[index]
        following = lines[following_at[index]] if following_at[index] < len(lines) else ""
        if line.rstrip().endswith(":") and _LEAD.match(following):
            lines[index] = f"{hashes} {line.strip().rstrip(':')}"  # 'Questions to ask:'
            titled = False
            continue
        if index in headings or not line.strip():
            titled = index not in headings and titled
            continue
        if _BULLET.match(line) and re.match(r"^\s*(?:[-*+]|\d+[.)])\s", line):
            titled = False
            continue
        if star_label(line) is not None and titled:
            lines[index] = "\t- " + line.strip()
        else:
            lines[index] = "- " + line.strip()
            titled = True


def _next_non_blank(lines: list[str]) -> list[int]:
    """For each line, the index of the next line that is not blank (len(lines) if none)."""
    out = [len(lines)] * len(lines)
    following = len(lines)
    for index in range(len(lines) - 1, -1, -1):
        out[index] = following
        if lines[index].strip():
            following = index
    return out


#: front-matter keys that name a story note's principles (`principles` is the story-note
#: format's own key, read by `notes.story_note`)
_FRONT_KEYS = ("lps", "lp", "leadership_principles", "leadership-principles", "competencies",
               "principles")


def front_matter_principles(front: dict[str, object], framework: Framework) -> list[PrincipleSlug]:
    """`lps: [dive-deep, Think Big, "[[Bias for Action]]"]` and `tags: [lp/ownership]`."""
    values: list[str] = []
    for key in _FRONT_KEYS:
        value = front.get(key)
        values += [str(v) for v in value] if isinstance(value, list) else \
            str(value).split(",") if isinstance(value, str) else []
    tags = front.get("tags")
    tag_list = [str(t) for t in tags] if isinstance(tags, list) else \
        str(tags).split(",") if isinstance(tags, str) else []
    found: list[PrincipleSlug] = []
    for tag in tag_list:
        m = re.match(r"^#?(?:lps?|principles?)/(?P<slug>[\w-]+)$", tag.strip(), re.IGNORECASE)
        if m and (slug := lp_tag(m.group("slug"), framework)):
            found.append(slug)
    for value in values:
        name = _WIKILINK.sub(r"\1", value.strip().strip("'\""))
        slug = lp_tag(name, framework) if re.fullmatch(r"[\w-]+", name) else _strong(name, framework)
        if slug:
            found.append(slug)
    return list(dict.fromkeys(found))
