"""Which story a bullet means: the bank's stories by key, anchor and title, so that
'IRPWIND again' in one section or file finds the IRPWIND story from another.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from loopprep.notes.bullets import Bullet, first_words
from loopprep.notes.principles import normalise


@dataclass
class KnownStory:
    key: str
    title: str
    anchor: str | None = None  # normalised anchor key
    story_id: str | None = None
    stored_source: str | None = None  # where the store says the story is defined
    archived: bool = False
    defined: bool = True  # defined by a file of this import (False: known from the store)


@dataclass
class StoryRegistry:
    stories: dict[str, KnownStory] = field(default_factory=dict)
    import_paths: set[str] = field(default_factory=set)

    def may_redefine(self, story: KnownStory) -> bool:
        """Whether a file of this import may (re)define a story the store already has: only
        when the story's defining file is part of this import, or it is archived."""
        if story.defined:
            return False
        return story.archived or story.stored_source is None or (
            story.stored_source in self.import_paths
        )

    def add(self, story: KnownStory) -> None:
        self.stories[story.key] = story

    def by_anchor(self, anchor_key: str) -> list[KnownStory]:
        return [s for s in self.stories.values() if s.anchor == anchor_key]

    def by_id(self, story_id: str) -> KnownStory | None:
        for story in self.stories.values():
            if story.story_id == story_id:
                return story
        return None

    def by_title(self, title: str) -> KnownStory | None:
        """A story whose title (or id) is `title`, as a wikilink names it."""
        wanted = normalise(title)
        for story in self.stories.values():
            if normalise(story.title) == wanted or (story.story_id and story.story_id == title):
                return story
        return None

    def resolve(self, bullet: Bullet, *, split: bool = False) -> KnownStory | None:
        """The known story a bullet refers to, or None if it starts a new one."""
        if bullet.anchor_key is None:
            return None
        candidates = self.by_anchor(bullet.anchor_key)
        if not candidates:
            return None
        if len(candidates) == 1 and (not split or candidates[0].key == bullet.anchor_key):
            return candidates[0]
        lead = set(first_words(bullet.rest, 3).split())
        for story in candidates:
            title_words = set(normalise(story.title).split()) - {bullet.anchor_key}
            if lead & title_words:
                return story
        if bullet.backref:
            return candidates[0]
        return None

    def mentioned_in(self, text: str) -> list[KnownStory]:
        """Stories whose anchor is named anywhere in `text` (whole words)."""
        from loopprep.notes.bullets import mentions

        seen: dict[str, KnownStory] = {}
        for story in self.stories.values():
            if story.anchor and mentions(text, story.anchor) and story.anchor not in seen:
                group = self.by_anchor(story.anchor)
                if len(group) == 1:
                    seen[story.anchor] = story
        return list(seen.values())
