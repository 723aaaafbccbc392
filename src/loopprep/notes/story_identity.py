"""Which story a bullet, a title or a `[[link]]` names: one this import or the bank
already knows (defined here when the bank's copy may be redefined), else a new story
defined here with the key and title the bullet gives it.
"""

from __future__ import annotations

import re

from loopprep.model import SourceRef
from loopprep.notes.bullets import (
    Bullet,
    first_words,
    make_title,
    read_bullet,
    unemphasise,
    without_tags,
)
from loopprep.notes.drafts import ParsedNotes, StoryDraft
from loopprep.notes.principles import normalise
from loopprep.notes.registry import KnownStory, StoryRegistry


def define_titled(doc: ParsedNotes, title: str, line: int, registry: StoryRegistry) -> str:
    """The story a title names ('Payment outage', 'See: Payment outage story'), defined
    here when no story of the import or the bank has that title."""
    title = unemphasise(without_tags(title)).strip() or title
    known = registry.stories.get(normalise(title)) or registry.by_title(title) or (
        registry.by_reference(title))
    if known is not None:
        if registry.may_redefine(known):
            known.defined = True
            doc.stories.append(StoryDraft(known.key, known.title, known.anchor,
                                          SourceRef(doc.path, line)))
        return known.key
    key = normalise(title) or f"story at {doc.path}:{line}"
    anchor = read_bullet(title).anchor_key
    registry.add(KnownStory(key, title, anchor))
    doc.stories.append(StoryDraft(key, title, anchor, SourceRef(doc.path, line)))
    return key


def resolve_or_define(
    doc: ParsedNotes, bullet: Bullet, line: int, registry: StoryRegistry, *, split: bool
) -> str:
    key, title = _identity(doc, bullet, line, registry, split=split)
    known = registry.resolve(bullet, split=split) or registry.stories.get(key) or (
        registry.by_reference(bullet.text) if bullet.anchor is None and not split else None
    ) or (_named_in_bold(bullet.text, registry) if "**" in bullet.text and not split else None)
    if known is not None:
        if registry.may_redefine(known):
            known.defined = True
            if key == known.key:
                registry.retitle(known, title)
            doc.stories.append(StoryDraft(known.key, known.title, known.anchor,
                                          SourceRef(doc.path, line)))
        return known.key
    registry.add(KnownStory(key, title, bullet.anchor_key))
    doc.stories.append(StoryDraft(key, title, bullet.anchor_key, SourceRef(doc.path, line)))
    return key


#: a bold span in a bullet's text: 'Use **Duplicate settlement files** here as well'
_BOLD_SPAN = re.compile(r"\*\*(?P<title>[^*\n]{3,80}?)\*\*")


def _named_in_bold(text: str, registry: StoryRegistry) -> KnownStory | None:
    """A story the notes titled before, named in bold inside the bullet: the bullet is a
    mention of it ('Use **Pager storm** here as well'), not a story of its own."""
    for m in _BOLD_SPAN.finditer(text):
        known = registry.by_title(m.group("title").strip())
        if known is not None:
            return known
    return None


def _identity(
    doc: ParsedNotes, bullet: Bullet, line: int, registry: StoryRegistry, *, split: bool
) -> tuple[str, str]:
    """The key and title a bullet would give a new story."""
    if bullet.anchor and bullet.anchor_key:
        if split or registry.by_anchor(bullet.anchor_key):
            key = f"{bullet.anchor_key} {first_words(bullet.rest, 1)}".strip()
            if not bullet.rest:
                return key, bullet.anchor
            if split and len(bullet.rest.split()) <= 3:
                return key, f"{bullet.anchor} {make_title(bullet.rest)}"
            return key, f"{bullet.anchor}: {make_title(bullet.rest)}"
        return bullet.anchor_key, bullet.anchor[0].upper() + bullet.anchor[1:]
    title = make_title(bullet.text)
    return normalise(title) or f"story at {doc.path}:{line}", title


def story_for_link(doc: ParsedNotes, target: str, line: int, registry: StoryRegistry) -> str:
    known = registry.by_title(target)
    if known is not None:
        return known.key
    key = normalise(target) or target
    if key not in registry.stories:
        registry.add(KnownStory(key, target, None))
        doc.stories.append(StoryDraft(key, target, None, SourceRef(doc.path, line)))
        doc.note(
            "unresolved-link",
            f"[[{target}]] names no story note in this import; a story '{target}' was created",
            line,
            "info",
        )
    return key
