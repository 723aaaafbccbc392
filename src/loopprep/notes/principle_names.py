"""Principles as notes name them outside headings: a legend that spells abbreviations out
(`CO = Customer Obsession`), a list of principles after a story's title (`OWN, BFA`), a
`#lp/dive-deep` tag and a story note's front matter (`lps: [dive-deep, "[[Ownership]]"]`).
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources

from loopprep.model import Framework, PrincipleSlug
from loopprep.notes.principles import match_principle, only_name_words

#: a principle line must match a name this closely to be read as one
STRONG = 0.9
_HEADING = re.compile(r"^\s*(#{1,6})\s")
_WIKILINK = re.compile(r"^\[\[(.+?)(?:\|.*)?\]\]$")
_LEGEND_ITEM = re.compile(r"(?P<abbr>[A-Z][A-Za-z&]{1,5})\s*(?:=|:|–|—|-)\s*"
                          r"(?P<name>[A-Z][A-Za-z',;& ]{2,60}?)\s*(?=,|;|$)")
#: the same, items apart by '·' (then a name may hold ',' or ';': 'Are Right, A Lot')
_DOT_LEGEND_ITEM = re.compile(r"(?P<abbr>[A-Z][A-Za-z&]{1,5})\s*(?:=|:|–|—|-)\s*"
                              r"(?P<name>[A-Z][A-Za-z',;& ]{2,60}?)\s*(?=·|$)")
#: where a legend item can start (`CO = C…`): a line with none is no legend
_LEGEND_ITEM_START = re.compile(r"[A-Z][A-Za-z&]{1,5}\s*(?:=|:|–|—|-)\s*[A-Z]")
_LEGEND_LEAD = re.compile(r"^\s*(?:>\s*)*(?:[-*•]\s+)?(?:\*\*)?(?:legend|key|abbreviations?)?(?:\*\*)?"
                          r"\s*:?\s*(?:\*\*)?", re.IGNORECASE)
_NOT_ABBREVIATIONS = {"LP", "LPS", "Q", "A", "S", "T", "R", "TODO", "NB", "PS"}


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

def named_principle(name: str, framework: Framework) -> PrincipleSlug | None:
    if len(name) > 80 or len(name.split()) > 8 or "?" in name \
            or not only_name_words(name, framework.principles):
        return None
    principle, score = match_principle(name, framework)
    return principle.slug if principle is not None and score >= STRONG else None

def read_legend(lines: list[str], framework: Framework) -> dict[int, dict[str, PrincipleSlug]]:
    """Lines that spell abbreviations out, by index: `CO = Customer Obsession, DD = …`."""
    found: dict[int, dict[str, PrincipleSlug]] = {}
    for index, line in enumerate(lines):
        if "=" not in line and ":" not in line and "-" not in line or \
                _LEGEND_ITEM_START.search(line) is None:
            continue
        body = _LEGEND_LEAD.sub("", line)
        items = list((_DOT_LEGEND_ITEM if "·" in body else _LEGEND_ITEM).finditer(body))
        if not items or _HEADING.match(line) or any(
                m.group("abbr").upper() in _NOT_ABBREVIATIONS or not m.group("abbr").isupper()
                for m in items):
            continue
        pairs = {m.group("abbr"): named_principle(m.group("name"), framework) for m in items}
        if all(pairs.values()) and sum(len(m.group(0)) for m in items) >= len(body.strip()) * 0.7:
            found[index] = {a: s for a, s in pairs.items() if s}
    text = "\n".join(lines)  # each kind of legend below needs a mark the text must hold
    return {**found, **(_legend_tables(lines, framework) if "|" in text else {}),
            **_numbered_list(lines, framework),
            **_numbered_line(lines, framework),
            **(_key_lines(lines, framework, found) if _names_a_key(text) else {}),
            **(_definitions(lines, framework) if "*[" in text else {})}


#: Markdown Extra's abbreviation definitions: '*[CO]: Customer Obsession'
_DEFINITION = re.compile(r"^\s*\*\[(?P<abbr>[^\]\s]{1,8})\]:\s*(?P<name>\S.*?)\s*$")


def _definitions(lines: list[str], framework: Framework) -> dict[int, dict[str, PrincipleSlug]]:
    out: dict[int, dict[str, PrincipleSlug]] = {}
    for index, line in enumerate(lines):
        m = _DEFINITION.match(line) if line.lstrip().startswith("*[") else None
        slug = named_principle(m.group("name"), framework) if m else None
        if m and slug:
            out[index] = {m.group("abbr"): slug}
    return out


#: 'Column key: CO Customer Obsession, Own Ownership, I&S Invent and Simplify, …'
_KEY_LEAD = re.compile(r"^\s*(?:[-*•]\s+)?(?:\*\*)?[\w ]{0,20}?\b(?:legend|key|abbreviations?)"
                       r"(?:\*\*)?\s*:\s*(?:\*\*)?", re.IGNORECASE)
#: 'Key (my shorthand, so I stop writing the full names):' -- its items on the next line
_KEY_INTRO = re.compile(r"\b(?:legend|key|abbreviations?)\b.*:\s*$", re.IGNORECASE)
_KEY_SEPARATOR = re.compile(r"\s*[,·;]\s*")
_KEY_NAME_SCORE = 0.8  # 'invent/simplify', 'hire/develop', 'highest standards (bar)'
_KEY_ITEM = re.compile(r"^(?P<abbr>[A-Za-z][A-Za-z&]{0,5})\s+(?P<name>[A-Za-z].*?)(?:\s*\(.*\))?$")


def _names_a_key(line: str) -> bool:
    """Whether a line holds a word `_KEY_LEAD` and `_KEY_INTRO` look for (a quick test)."""
    lowered = line.lower()
    return "key" in lowered or "legend" in lowered or "abbreviation" in lowered


def _key_lines(lines: list[str], framework: Framework, found: dict[int, dict[str, PrincipleSlug]]
               ) -> dict[int, dict[str, PrincipleSlug]]:
    """A key line that spells codes out with a space only ('Key: CO Customer Obsession, Own
    Ownership, …', or the items on the line after 'Key (my shorthand):'), separated by
    commas, '·' or ';': four or more items, at least three in four of them a short code
    spelled from its principle's name, then (a clear part of) that name."""
    out: dict[int, dict[str, PrincipleSlug]] = {}
    for index, line in enumerate(lines):
        if index in found or not any(sep in line for sep in ",·;"):
            continue
        lead = _KEY_LEAD.match(line) if _names_a_key(line) else None
        if lead is None and not (index and _names_a_key(lines[index - 1])
                                 and _KEY_INTRO.search(lines[index - 1])):
            continue
        items = [i.strip(" .") for i in _KEY_SEPARATOR.split(line[lead.end() if lead else 0:])]
        items = [i for i in items if i]
        pairs: dict[str, PrincipleSlug] = {}
        for item in items:
            m = _KEY_ITEM.match(item)
            if m is None:
                continue
            principle, score = match_principle(m.group("name"), framework)
            if principle is not None and score >= _KEY_NAME_SCORE and (
                    _spelled_from(m.group("abbr"), item[len(m.group("abbr")):])
                    or _spelled_from(m.group("abbr"), principle.name)):
                pairs[m.group("abbr")] = principle.slug
        if len(pairs) >= 4 and len(pairs) * 4 >= len(items) * 3:
            out[index] = pairs
    return out


_NUMBERED = re.compile(r"^\s*(?:[-*]\s+)?(?P<number>\d{1,2})\s*[.):]?\s+(?P<name>\S.*?)\s*$")



#: a number opening an item of a one-line list: '1 Customer Obsession · 2 Ownership · …'
_NUMBER_OPENING = re.compile(r"(?:^|(?<=[\s·,;|•]))(\d{1,2})[.):]?\s+(?=[A-Za-z])")
_ITEM_END = " \t·,;|•"


def _numbered_line(lines: list[str], framework: Framework) -> dict[int, dict[str, PrincipleSlug]]:
    """A line numbering five or more principles one after another ('1 Customer Obsession · 2
    Ownership · …', as a careers page lists them when pasted): the numbers the notes use
    for them (a grid's columns headed 1 to 16), by line index. Every item must be a
    principle (a name may hold a ';': 'Have Backbone; Disagree and Commit')."""
    found: dict[int, dict[str, PrincipleSlug]] = {}
    for index, line in enumerate(lines):
        if len(line) < 60 or line.count(" ") < 9 or not any(c.isdigit() for c in line[:6]):
            continue  # (most lines: told at a glance)
        starts = list(_NUMBER_OPENING.finditer(line))
        if len(starts) < 5 or line[: starts[0].start()].strip(" \t-*#>"):
            continue
        numbers: dict[str, PrincipleSlug] = {}
        for at, m in enumerate(starts):
            end = starts[at + 1].start() if at + 1 < len(starts) else len(line)
            slug = named_principle(line[m.end():end].strip(_ITEM_END), framework)
            if slug is None:
                break
            numbers[m.group(1)] = slug
        else:
            found[index] = numbers
    return found


def _numbered_list(lines: list[str], framework: Framework) -> dict[int, dict[str, PrincipleSlug]]:
    """Five or more lines in a row, each a number and a principle (` 1  Customer Obsession`):
    the numbers the notes use for them (`[LP 1, 12]`), by line index. Principles that head
    sections of stories are never in a row like this."""
    found: dict[int, dict[str, PrincipleSlug]] = {}
    start = 0
    while start < len(lines):
        end, numbers = start, {}
        while end < len(lines) and (m := _NUMBERED.match(lines[end])) and not _HEADING.match(
                lines[end]) and (slug := named_principle(m.group("name"), framework)):
            numbers[m.group("number")] = slug
            end += 1
        if end - start >= 5:
            found.update({i: {} for i in range(start, end)})
            found[start] = numbers
        start = max(end, start + 1)
    return found

def _spelled_from(abbr: str, name: str) -> bool:
    """Whether an abbreviation's letters come from its name in order (`CustOb`, `I&S`)."""
    rest = iter(re.sub(r"[^a-z]", "", name.lower()))
    letters = re.sub(r"[^a-z]", "", abbr.lower())
    initials = {w[0] for w in re.findall(r"[a-z]+", name.lower())}
    return bool(letters) and letters[0] in initials and all(c in rest for c in letters)

def _legend_tables(lines: list[str], framework: Framework) -> dict[int, dict[str, PrincipleSlug]]:
    """A two-column table of abbreviations and the principles they stand for, by its line
    indexes (`| CustOb | Customer Obsession |`): each short code spelled from its name."""
    found: dict[int, dict[str, PrincipleSlug]] = {}
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and lines[end].strip().startswith("|"):
            end += 1
        rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines[start:end]]
        if end - start < 4 or any(len(r) != 2 for r in rows) \
                or not re.fullmatch(r":?-+:?", rows[1][0]):
            start = end + 1
            continue
        pairs = {r[0]: named_principle(r[1], framework) for r in rows[2:]}
        if all(len(a) <= 10 and " " not in a and s and _spelled_from(a, r[1])
               for (a, s), r in zip(pairs.items(), rows[2:], strict=False)):
            found.update({i: {} for i in range(start, end)})
            found[start] = {a: s for a, s in pairs.items() if s}
        start = end + 1
    return found

_LIST_SEPARATOR = re.compile(r"[,+·]|\s&\s")
#: 'LP 4', 'LP #4', '#4' before a principle's number
_LP_NUMBER_LEAD = re.compile(r"^(?:LPs?\s*#?|#)(?=\s*\d)\s*")
#: '(LPs: CO, DD)': the label before a list of principles
_LIST_LABEL = re.compile(r"^\s*(?:lps?|leadership principles?|principles?)\s*[:=\-–—]\s*",
                         re.IGNORECASE)


#: id of an abbreviations table -> (the table, its keys in capitals): one import asks about
#: every story line with the same table
_UPPER: dict[int, tuple[dict[str, PrincipleSlug], int, dict[str, PrincipleSlug]]] = {}


def _upper_case(abbr: dict[str, PrincipleSlug]) -> dict[str, PrincipleSlug]:
    kept = _UPPER.get(id(abbr))
    if kept is None or kept[0] is not abbr or kept[1] != len(abbr):
        if len(_UPPER) > 16:
            _UPPER.clear()
        kept = _UPPER[id(abbr)] = (abbr, len(abbr), {a.upper(): s for a, s in abbr.items()})
    return kept[2]


def principle_list(text: str, framework: Framework, abbr: dict[str, PrincipleSlug]
                   ) -> list[PrincipleSlug] | None:
    """`CO, DD` or `ownership, deliver results` (after an 'LPs:' label, if any): the
    principles, when every item is one."""
    text = _LIST_LABEL.sub("", text)
    items = [_LP_NUMBER_LEAD.sub("", i.strip(" *_.")) for i in _LIST_SEPARATOR.split(text)]
    slugs: list[PrincipleSlug] = []
    for item in items:
        if not item:
            return None
        slug = abbr.get(item) or (
            _upper_case(abbr).get(item.upper()) if item != item.lower() else None)
        slug = slug or named_principle(item, framework)
        if slug is None:
            return None
        slugs.append(slug)
    return list(dict.fromkeys(slugs))

#: '#lp/dive-deep', '#principle/DiveDeep': a tag naming a principle
LP_TAG = re.compile(r"(?<![\w&/])#(?:[\w-]+/)*?(?:lps?|principles?)/(?P<slug>[\w-]+)", re.I)
#: a line of tags only, labelled or not (`#story #lp/ownership`, `tags: #lp/dive-deep`)
TAGS_ONLY = re.compile(r"^\s*(?:(?:\*\*)?tags?(?:\*\*)?\s*::?(?:\*\*)?\s*)?(?:#[\w/-]+[\s,]*)*$",
                       re.IGNORECASE)


def tag_line_principles(line: str, framework: Framework) -> list[PrincipleSlug]:
    """The principles a line of tags only names ('#story #lp/earn-trust'), else none."""
    if "#" not in line or not TAGS_ONLY.match(LP_TAG.sub("", line)):
        return []
    return [s for m in LP_TAG.finditer(line) if (s := lp_tag(m.group("slug"), framework))]


def lp_tag(slug: str, framework: Framework) -> PrincipleSlug | None:
    """`#lp/dive-deep`, `#lp/DiveDeep`, `#lp/dive_deep` -> dive-deep."""
    known = framework.get(slug.lower())
    if known is not None:
        return known.slug
    words = re.sub(r"(?<=[a-z])(?=[A-Z])|[-_]", " ", slug)
    return named_principle(words, framework)

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
        slug = lp_tag(name, framework) if re.fullmatch(r"[\w-]+", name) else named_principle(name, framework)
        if slug:
            found.append(slug)
    return list(dict.fromkeys(found))
