"""A story bank kept as records — a YAML or JSON file whose items are mappings — rewritten
line for line into the Markdown the rest of `notes/` reads: a story item (a title-like key
with principles or STAR keys) becomes a `## Title` heading with a `LPs:` line and its
fields as `Key: value` bullets; a question item (`q:`, `question:`) becomes a `Q:` line
whose nested line names the story its `story:` key refers to (by id or title). Each line
goes where the record's own lines were, so file:line still points at the user's text.
The YAML is read with front matter's safety bounds (`notes.frontmatter`).
"""

from __future__ import annotations

import yaml

from loopprep.model import Framework
from loopprep.notes.frontmatter import RefusedYAML, compose_notes_yaml
from loopprep.notes.principle_names import abbreviations, lp_tag, principle_list
from loopprep.notes.star import star_label

RECORD_SUFFIXES = (".yaml", ".yml", ".json")
#: larger files are read as text: a story bank is kilobytes, and the YAML reader is slow
MAX_RECORDS = 512 * 1024

_TITLE_KEYS = ("title", "name", "story", "headline")
_PRINCIPLE_KEYS = ("lps", "lp", "principles", "leadership_principles", "competencies", "tags",
                   "values")
_STAR_KEYS = ("situation", "task", "action", "actions", "result", "results", "star")
_QUESTION_KEYS = ("q", "question", "prompt")
_ANSWER_KEYS = ("story", "stories", "answer", "use", "story_id", "stories_ids")
_ID_KEYS = ("id", "key", "slug", "ref")


def records_to_markdown(text: str, framework: Framework | None = None) -> str | None:
    """The records as Markdown, or None when the text holds no story records (or is not
    YAML): then it is read as text. YAML the safety bounds refuse (an alias, deep nesting)
    raises `RefusedYAML`: read as text, its records would be lost without a word."""
    if len(text) > MAX_RECORDS:
        return None
    try:
        root = compose_notes_yaml(text)
    except RefusedYAML:
        raise
    except yaml.YAMLError:
        return None
    if root is None:
        return None
    is_story = _StoryTest(framework)
    stories = [m for m in _mappings(root) if is_story(m)]
    if not stories:
        return None
    lines = [""] * (text.count("\n") + 1)
    titles = {ref: _title(m) for m in stories for ref in _refs(m)}
    for key in _lists_of_records(root, is_story):
        lines[key.start_mark.line] = f"# {_spoken(key.value)}"
    for mapping in _mappings(root):
        if is_story(mapping):
            _place(lines, mapping, _story_lines(mapping))
        elif _field(mapping, _QUESTION_KEYS) is not None:
            _place(lines, mapping, _question_lines(mapping, titles))
    return "\n".join(lines)


def _mappings(node: yaml.Node) -> list[yaml.MappingNode]:
    """Every mapping in the tree, outermost first (nesting is bounded by the loader)."""
    found: list[yaml.MappingNode] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            found.append(current)
            stack.extend(value for _, value in reversed(current.value))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
    return found


def _lists_of_records(root: yaml.Node, is_story: _StoryTest) -> list[yaml.ScalarNode]:
    """`stories:` and `questions:` keys whose value is a list of records: their headings."""
    return [key for mapping in _mappings(root) for key, value in mapping.value
            if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.SequenceNode)
            and any(isinstance(item, yaml.MappingNode) and (
                is_story(item) or _field(item, _QUESTION_KEYS) is not None)
                for item in value.value)]


def _key(node: yaml.Node) -> str:
    return str(node.value).strip().lower().replace("-", "_").replace(" ", "_") \
        if isinstance(node, yaml.ScalarNode) else ""


def _field(mapping: yaml.MappingNode, keys: tuple[str, ...]) -> yaml.Node | None:
    return next((value for key, value in mapping.value if _key(key) in keys), None)


class _StoryTest:
    """Whether a record is a story: a title-like key with text, and STAR parts or a
    principles-like key naming at least one principle (`name:` and `values:` alone are
    any record's)."""

    def __init__(self, framework: Framework | None) -> None:
        self.framework = framework
        self.abbr = abbreviations(framework) if framework is not None else {}

    def __call__(self, mapping: yaml.MappingNode) -> bool:
        title = _field(mapping, _TITLE_KEYS)
        if not isinstance(title, yaml.ScalarNode) or not str(title.value).strip():
            return False
        if _field(mapping, _STAR_KEYS) is not None:
            return True
        named = _field(mapping, _PRINCIPLE_KEYS)
        return named is not None and (self.framework is None or any(
            self._names_principle(item) for item in _items(named)))

    def _names_principle(self, text: str) -> bool:
        assert self.framework is not None
        name = text.strip().strip("[]#").rsplit("/", 1)[-1]  # '[[Dive Deep]]', 'lp/dive-deep'
        return bool(name) and bool(principle_list(name, self.framework, self.abbr)
                                   or lp_tag(name, self.framework))


def _items(node: yaml.Node) -> list[str]:
    if isinstance(node, yaml.SequenceNode):
        return [t for item in node.value if (t := _text(item))]
    return [_text(node)]


def _title(mapping: yaml.MappingNode) -> str:
    return _text(_field(mapping, _TITLE_KEYS))


def _refs(mapping: yaml.MappingNode) -> list[str]:
    """The names a question may use for a story: its id and its title."""
    ids = [_text(value) for key, value in mapping.value if _key(key) in _ID_KEYS]
    return [ref.lower() for ref in (*ids, _title(mapping)) if ref]


def _text(node: yaml.Node | None) -> str:
    """A scalar's text on one line; a list's items joined."""
    if isinstance(node, yaml.ScalarNode):
        return " ".join(str(node.value).split())
    if isinstance(node, yaml.SequenceNode):
        return ", ".join(t for item in node.value if (t := _text(item)))
    return ""


def _spoken(key: str) -> str:
    words = str(key).replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def _block_items(node: yaml.Node) -> list[yaml.Node] | None:
    """A list written one item a line (its items' lines differ), else None."""
    if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
        return None
    return list(node.value)


#: an output line, and the line of the record it comes from
_Out = tuple[str, int]


def _story_lines(mapping: yaml.MappingNode) -> list[_Out]:
    """The heading, the principles, the STAR parts, then any other field (`when:`,
    `notes:`): a detail line the reader meets before the STAR parts is no STAR part."""
    principles: list[_Out] = []
    star: list[_Out] = []
    others: list[_Out] = []
    for key, value in mapping.value:
        name = _key(key)
        if name in _ID_KEYS or (name in _TITLE_KEYS and _text(value) == _title(mapping)):
            continue
        if name in _PRINCIPLE_KEYS:
            principles.extend(_field_lines("LPs", value, key.start_mark.line))
            continue
        label = _spoken(key.value)
        lines = _field_lines(label, value, key.start_mark.line)
        (star if star_label(f"{label}: …") else others).extend(lines)
    return [(f"## {_title(mapping)}", mapping.start_mark.line), *principles, *star, *others]


def _field_lines(label: str, value: yaml.Node, line: int, depth: int = 0) -> list[_Out]:
    """`Label: value` as a bullet; a list one item a line or a mapping as nested bullets."""
    indent = "\t" * depth
    items = _block_items(value)
    if items is not None and label != "LPs":
        return [(f"{indent}- {label}:", line)] + [
            (f"{indent}\t- {_text(item)}", item.start_mark.line) for item in items if _text(item)]
    if isinstance(value, yaml.MappingNode):
        out = [(f"{indent}- {label}:", line)]
        for key, inner in value.value:
            out.extend(_field_lines(_spoken(key.value), inner, key.start_mark.line, depth + 1))
        return out
    text = _text(value)
    return [(f"{indent}- {label}: {text}", line)] if text else []


def _question_lines(mapping: yaml.MappingNode, titles: dict[str, str]) -> list[_Out]:
    """`Q: …` and, nested, the story its answer key names (by id or title)."""
    out: list[_Out] = [(f"- Q: {_text(_field(mapping, _QUESTION_KEYS))}", mapping.start_mark.line)]
    for key, value in mapping.value:
        name = _key(key)
        if name in _QUESTION_KEYS:
            continue
        if name in _ANSWER_KEYS:
            named = value.value if isinstance(value, yaml.SequenceNode) else [value]
            out.extend((f"\t- {titles.get(_text(v).lower(), _text(v))}", v.start_mark.line)
                       for v in named if _text(v))
        else:
            out.extend(_field_lines(_spoken(key.value), value, key.start_mark.line, 1))
    return out


def _place(lines: list[str], mapping: yaml.MappingNode, out: list[_Out]) -> None:
    """Write `out` in order onto the record's own lines: the n-th output line goes on the
    n-th line one of the record's keys or items starts on (a record has at least as many
    such lines as output lines; the last one takes any overflow)."""
    slots = sorted({line for _, line in out} | {mapping.start_mark.line}
                   | {key.start_mark.line for key, _ in mapping.value})
    for index, (text, _) in enumerate(out):
        slot = slots[min(index, len(slots) - 1)]
        lines[slot] = f"{lines[slot]}; {text.strip(chr(9) + '- ')}" if index >= len(slots) \
            else text
