"""What every feature works on: an open store, the framework in use and the home folder.

Features take a `Workspace` (or just its store and framework), never the `Bank`: the Bank is
the edges' door, a Workspace with one method per operation, and nothing below the edges
imports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from loopprep.model import Framework, Question, Story
from loopprep.store import Store
from loopprep.store import notes as note_rows
from loopprep.store import stories as story_rows

if TYPE_CHECKING:
    from loopprep.frameworks.topics import TopicList

FRAMEWORK_SETTING = "framework"


@dataclass
class Workspace:
    """An open loopprep home: its database, its framework, and its folder (None in memory)."""

    store: Store
    framework: Framework
    home: Path | None = None

    def stories(self, *, include_archived: bool = False) -> list[Story]:
        return story_rows.list_stories(self.store, include_archived=include_archived)

    def story(self, story_id: str) -> Story:
        return story_rows.get_story(self.store, story_id)

    def note_questions(self) -> list[Question]:
        return note_rows.list_note_questions(self.store)

    def technical_topics(self) -> TopicList:
        """The SDE topic list: built in, with the home's technical framework files."""
        from loopprep.frameworks.topics import load_topics

        return load_topics(self.home)

    def remember_framework(self) -> None:
        self.store.set_setting(FRAMEWORK_SETTING, self.framework.slug)
