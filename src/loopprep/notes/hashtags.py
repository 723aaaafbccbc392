"""Bare hashtags that spell a principle's name the way tag syntax forces it (a tag holds no
spaces, so `#BiasForAction`, `#dive_deep`, `#hire-and-develop`) rewritten as the
`#lp/bias-for-action` tags the rest of `notes/` reads. Tags ending a story's paragraph or
standing on a line (or a list item) of their own in a story's section tag that section's
story: they move to its heading line (each line stays where it is). Other tags (`#todo`)
are left alone.
"""

from __future__ import annotations

import re

from loopprep.model import Framework, PrincipleSlug
from loopprep.notes.principle_names import lp_tag, named_principle

#: a bare tag, not nested (`#lp/…` is read already) and not inside a word or a link
_TAG = re.compile(r"(?<![\w&/#\[(])#(?P<tag>[A-Za-z][A-Za-z0-9_-]*[A-Za-z0-9])(?![\w/#-])")
#: the run of tags that ends a line, Logseq's tags of pages among them ('#story #Frugality
#[[Dive Deep]]': its docs write a tag of one word bare, of several in brackets)
_TRAILING = re.compile(r"(?:[ \t]*#(?:[A-Za-z][\w-]*|\[\[[^\]\n]+\]\]))+[ \t]*$")
_ANY_TAG = re.compile(r"#(?:[A-Za-z][\w-]*|\[\[[^\]\n]+\]\])")
_WORDS = re.compile(r"(?<=[a-z])(?=[A-Z])|[-_]")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+\S")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]")
_FENCE = re.compile(r"^[ \t]*(?:```|~~~)")


def principle_hashtags(text: str, framework: Framework) -> str:
    """`text` with each line's trailing principle hashtags rewritten (see the module
    docstring); the same text when it holds none."""
    if not re.search(r"#[A-Za-z]+(?:[a-z][A-Z]|[_-][A-Za-z])", text) and not re.search(
            r"#[A-Z][a-z]", text):  # (patterns opening with '#': searched fast)
        return text  # no compound tag and no capitalised one: nothing to read
    lines = text.split("\n")
    heading: int | None = None  # the `##`+ heading of the section being read
    fenced = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        found = _HEADING.match(line)
        if found:  # a story's heading; not a principle's, whose stories are its items
            story = len(found.group("hashes")) > 1 and not named_principle(
                _TRAILING.sub("", line).lstrip("# ").strip(), framework)
            heading = index if story else None
            continue
        trailing = _TRAILING.search(line) if "#" in line else None
        if trailing is None:
            continue
        slugs = _principles(trailing.group(0), framework)
        if not slugs:
            continue
        kept = [tag for tag in _ANY_TAG.findall(trailing.group(0))  # '#todo' stays where it was
                if tag.startswith("#[[") or not tag_principle(tag[1:], framework)]
        before = line[:trailing.start()].rstrip()
        if not _LIST_ITEM.sub("", before + " ").strip():
            before = ""  # '- #Frugality #DiveDeep': an item of tags only is a line of tags
        tags = [f"#lp/{slug}" for slug in slugs]
        if heading is not None and not (before and _LIST_ITEM.match(line)):
            lines[heading] = " ".join([lines[heading].rstrip(), *tags])
            lines[index] = " ".join(part for part in [before, *kept] if part)
        else:
            lines[index] = " ".join(part for part in [before, *kept, *tags] if part)
    return "\n".join(lines)


def _principles(run: str, framework: Framework) -> list[PrincipleSlug]:
    found = [tag_principle(m.group("tag"), framework) for m in _TAG.finditer(run)]
    return list(dict.fromkeys(slug for slug in found if slug))


def tag_principle(tag: str, framework: Framework) -> PrincipleSlug | None:
    """The principle a tag spells: a compound tag naming it (`#HireAndDevelop`), or a
    one-word tag that is its name (`#Ownership`) — a common word alone (`#hiring`,
    `#standards`) is any tag."""
    if len(_WORDS.sub(" ", tag).split()) < 2:
        known = framework.get(tag.lower())
        return known.slug if known is not None else None
    return lp_tag(tag, framework)
