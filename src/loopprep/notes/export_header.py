"""The metadata block a note-app export writes under a note's title (Evernote through yarle
or evernote2md, Bear, Joplin): `Tags:`, `Notebook:`, `Created:`, `Updated:` lines, often
bold and between `---` rules, and yarle's indented `Created at:` footer. Its lines say
nothing about the stories, so they are blanked — except the tags, which name the note's
principles when a tag spells one (`customer-obsession`, `#HireAndDevelop`): they become the
`#lp/…` tags the rest of `notes/` reads. Each line stays where it is.
"""

from __future__ import annotations

import re

from loopprep.model import Framework
from loopprep.notes.hashtags import tag_principle

#: the keys note exports write, lower-case, without their bold or colon
_TAG_KEYS = ("tags", "tag(s)", "tag", "labels", "keywords")
_KEYS = (*_TAG_KEYS, "notebook", "stack", "created", "created at", "date created", "updated",
         "updated at", "modified", "last modified", "date modified", "source", "source url",
         "author", "where", "location", "reminder")
_FIELD = re.compile(r"^[ \t]*(?:\*\*|__)?(?P<key>[A-Za-z][A-Za-z ()]{1,20}?)[ \t]*:(?:\*\*|__)?"
                    r"(?:[ \t]*(?:\*\*|__))?[ \t]*(?P<value>.*?)[ \t]*$")
_RULE = re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$")
_TITLE = re.compile(r"^#[ \t]+\S")
#: yarle's footer, indented under the note's text
_FOOTER_KEYS = ("created at", "updated at", "source url", "where")
#: the block starts right under the title: blank lines and rules may come first, this many
_LEAD_LINES = 8


def export_header(text: str, framework: Framework) -> str:
    """`text` with the metadata block under its title rewritten (see the module
    docstring); the same text when it has none."""
    head = text[:4000]
    if ":" not in head or _block(head.split("\n")[:-1]) is None:
        return text  # (the head alone is split: the block is right under the title)
    lines = text.split("\n")
    block = _block(lines)
    assert block is not None
    for index in block:
        lines[index] = _tags(lines[index], framework)
    for index in range(block[-1] + 1, len(lines)):  # yarle's footer: '    Created at: …'
        field = _FIELD.match(lines[index])
        if field and lines[index].startswith((" ", "\t")) and _key(field) in _FOOTER_KEYS:
            lines[index] = ""
    return "\n".join(lines)


def _block(lines: list[str]) -> list[int] | None:
    """The lines of the metadata block (its fields and the rules around them), or None:
    a block is two fields or more, or the tags alone between two rules."""
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or not _TITLE.match(lines[start]):
        return None
    block: list[int] = []
    fields = rules = 0
    for index in range(start + 1, len(lines)):
        line = lines[index]
        field = _FIELD.match(line)
        if not line.strip():
            if not block and index - start > _LEAD_LINES:
                return None
            continue
        if _RULE.match(line):
            block.append(index)
            rules += 1
            if fields:
                break  # the rule that closes the block
        elif field is not None and _key(field) in _KEYS:
            block.append(index)
            fields += 1
        else:
            break
    tags_alone = fields == 1 and rules >= 2 and any(_is_tags(lines[i]) for i in block)
    return block if fields >= 2 or tags_alone else None


def _tags(line: str, framework: Framework) -> str:
    """A field or rule of the block as its Markdown: a tags field -> the `#lp/…` tags of
    the principles it names, everything else blank."""
    if not _is_tags(line):
        return ""
    field = _FIELD.match(line)
    assert field is not None
    value = field.group("value")
    items = value.split(",") if "," in value else value.split()
    slugs = dict.fromkeys(slug for item in items
                          if (slug := tag_principle(item.strip().lstrip("#"), framework)))
    return " ".join(f"#lp/{slug}" for slug in slugs)


def _is_tags(line: str) -> bool:
    field = _FIELD.match(line)
    return field is not None and _key(field) in _TAG_KEYS


def _key(field: re.Match[str]) -> str:
    return " ".join(field.group("key").lower().split())
