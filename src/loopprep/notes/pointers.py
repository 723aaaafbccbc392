"""A bullet under one principle that points at a story told under another: 'the a11y
audit (see INSIST ON STANDARDS)'. It tells no story of its own: once every section is
read, the story of that other principle it names (a word of its title in common) is filed
under this principle too; when none or several match, the bullet is a story as before.
"""

from __future__ import annotations

import re

from loopprep.model import Framework, PrincipleSlug, SourceRef
from loopprep.notes.bullets import make_title
from loopprep.notes.drafts import LinkDraft, ParsedNotes
from loopprep.notes.principles import match_principle, normalise
from loopprep.notes.registry import StoryRegistry
from loopprep.notes.story_identity import define_titled

_POINTER = re.compile(r"^(?P<title>.+?)\s*\((?:see(?:\s+also)?|cf\.?|→|->)\s*:?\s*(?P<target>[^()]{3,60})\)"
                      r"\s*$", re.IGNORECASE)
#: words that name no story apart
_FILLER = frozenset("a an and the of for to in on at with my our this that one story see "
                    "it its is was from by".split())


def pointer(text: str, framework: Framework) -> tuple[str, PrincipleSlug] | None:
    """('the a11y audit', insist-on-the-highest-standards) for 'the a11y audit (see INSIST
    ON STANDARDS)'; None when the brackets name no principle."""
    if "(" not in text:
        return None
    found = _POINTER.match(text.strip())
    if found is None:
        return None
    principle, _ = match_principle(found.group("target"), framework)
    return (found.group("title").strip(), principle.slug) if principle is not None else None


def resolve_pointers(doc: ParsedNotes, registry: StoryRegistry) -> None:
    """File each pointed-at story under the principle its pointer stands under."""
    titles = {story.key: story.title for story in doc.stories}
    for line, title, here, there in doc.pointers:
        words = _words(title)
        told = {link.story_key for link in doc.links if link.principle == there}
        named = [key for key in told if words & _words(titles.get(key, ""))]
        key = named[0] if len(named) == 1 else define_titled(doc, make_title(title), line,
                                                             registry)
        doc.links.append(LinkDraft(key, here, SourceRef(doc.path, line), title))
        doc.placed[line] = f"story:{key}"


def _words(title: str) -> set[str]:
    return {word for word in normalise(title).split() if word not in _FILLER}
