"""The bank as the pages read it (live stories and the coverage map), computed once per
committed change and shared by requests until the next commit, whoever makes it: this app,
the CLI or another process. SQLite's data_version tells, in microseconds, that one happened.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from loopprep.coverage import Coverage, StoryHealth, story_health
from loopprep.model import Framework, Story, StoryId

if TYPE_CHECKING:
    from loopprep.bank import Bank
    from loopprep.store import Store

T = TypeVar("T")
#: Results kept per committed change (plans, matches): enough for a few loops and questions.
MEMO_SIZE = 64


@dataclass(frozen=True)
class Snapshot:
    """Live (not archived) stories by id, the coverage map, and each story's health."""

    stories: tuple[Story, ...]
    coverage: Coverage
    health: dict[StoryId, StoryHealth]
    today: date

    def health_of(self, story: Story) -> StoryHealth:
        found = self.health.get(story.id)
        return found if found is not None else story_health(story, self.today)


class Snapshots:
    """Keeps the latest snapshot of one home; safe to share between request threads."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self._lock = threading.Lock()
        self._building = threading.Lock()
        self._watch: Store | None = None
        self._key: tuple[int, Framework, date] | None = None
        self._latest: Snapshot | None = None
        self._memo_key: tuple[int, Framework, date] | None = None
        self._memo: dict[Hashable, Any] = {}
        self._pending: dict[Hashable, threading.Lock] = {}

    def get(self, bank: Bank, today: date) -> Snapshot:
        # The version is read before the data: a commit in between makes the next request
        # rebuild, so a snapshot is never kept under a newer version than its data.
        key = (self._version(), bank.framework, today)
        with self._lock:
            if key == self._key and self._latest is not None:
                return self._latest
        with self._building:  # a request during the server's warm-up waits for its build
            with self._lock:
                if key == self._key and self._latest is not None:
                    return self._latest
            return self._build(bank, today, key)

    def stories(self, bank: Bank, today: date) -> tuple[Story, ...]:
        """The live stories as of the latest commit, read once for every page that needs
        them (the coverage map, the plan, question fit)."""
        return self.memo(bank, today, "live stories", lambda: tuple(bank.stories()))

    def _build(self, bank: Bank, today: date, key: tuple[int, Framework, date]) -> Snapshot:
        stories = self.stories(bank, today)
        coverage = bank.coverage(today=today, stories=stories)
        snapshot = Snapshot(stories, coverage, {h.story_id: h for h in coverage.stories}, today)
        with self._lock:
            self._key, self._latest = key, snapshot
        return snapshot

    def memo(self, bank: Bank, today: date, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`, or its result kept from an earlier request when nothing has been
        committed since (planning a loop or matching stories reads the whole bank)."""
        version = (self._version(), bank.framework, today)
        with self._lock:
            if version != self._memo_key:
                self._memo_key, self._memo = version, {}
            if key in self._memo:
                return self._memo[key]  # type: ignore[no-any-return]
            building = self._pending.setdefault(key, threading.Lock())
        with building:  # the same value asked twice at once is computed once
            with self._lock:
                if self._memo_key == version and key in self._memo:
                    return self._memo[key]  # type: ignore[no-any-return]
            value = self._computed(version, key, compute)
        return value

    def _computed(self, version: tuple[int, Framework, date], key: Hashable,
                  compute: Callable[[], T]) -> T:
        value = compute()
        with self._lock:
            if self._memo_key == version:
                if len(self._memo) >= MEMO_SIZE:
                    self._memo.pop(next(iter(self._memo)))
                self._memo[key] = value
        return value

    def _version(self) -> int:
        from loopprep.home import database_path
        from loopprep.store import Store

        with self._lock:
            if self._watch is None:
                # A connection that only ever reads, so every commit is "another connection's".
                self._watch = Store.open(database_path(self.home))
            return self._watch.data_version()

    def close(self) -> None:
        with self._lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
