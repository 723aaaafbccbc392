"""Which story a bullet means: the bank's stories by key, anchor and title, so that
'IRPWIND again' in one section or file finds the IRPWIND story from another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import accumulate

from loopprep.model import fragment_text_key
from loopprep.notes.bullets import Bullet, first_words, read_bullet, strip_lead_in, unemphasise
from loopprep.notes.principles import normalise, normalise_word

#: words that may follow a story's title in a bullet that refers back to it
_FOLLOWS_TITLE = re.compile(r"^(?:again|story|example|project|same|see above|as above|too|"
                            r"also)\b")


@dataclass(slots=True)
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
    _anchors: dict[str, list[KnownStory]] = field(default_factory=dict)
    _titles: dict[str, KnownStory] = field(default_factory=dict)
    #: bullets a story note keeps under '## Notes' (by `fragment_text_key`) -> its story key;
    #: None when two story notes keep the same bullet
    _claims: dict[str, str | None] = field(default_factory=dict)

    def may_redefine(self, story: KnownStory) -> bool:
        """Whether a file of this import may (re)define a story the store already has: only
        when the story's defining file is part of this import, or it is archived."""
        if story.defined:
            return False
        return story.archived or story.stored_source is None or (
            story.stored_source in self.import_paths
        )

    #: story id -> the keys whose story has that id; key -> its place in `stories`
    _id_keys: dict[str, set[str]] = field(default_factory=dict)
    _places: dict[str, int] = field(default_factory=dict)
    #: the first word of every anchor and title key: a bullet opening with none of them
    #: names no story by either
    _anchor_heads: set[str] = field(default_factory=set)
    _title_heads: set[str] = field(default_factory=set)
    #: a word of a title (not a filler) -> the stories with that word in a title; a story's
    #: key -> the words of its title; a title key's first word -> the title keys
    _by_word: dict[str, dict[str, KnownStory]] = field(default_factory=dict)
    _title_words: dict[str, set[str]] = field(default_factory=dict)
    _unindexed: list[tuple[KnownStory, str]] = field(default_factory=list)
    _heads: dict[str, list[str]] = field(default_factory=dict)
    _rank: dict[str, int] = field(default_factory=dict)  # title key -> its place in _titles
    _longest_title: int = 0  # words in the longest title key

    def add(self, story: KnownStory) -> None:
        was = self.stories.get(story.key)
        if was is not None and was.story_id is not None:
            self._id_keys[was.story_id].discard(story.key)
        self.stories[story.key] = story
        self._places.setdefault(story.key, len(self._places))
        if story.story_id is not None:
            self._id_keys.setdefault(story.story_id, set()).add(story.key)
        if story.anchor:
            self._anchors.setdefault(story.anchor, []).append(story)
            self._anchor_heads.add(story.anchor.split(" ", 1)[0])
        self._add_title(story, story.title)

    def retitle(self, story: KnownStory, title: str) -> None:
        story.title = title
        self._add_title(story, title)

    def _add_title(self, story: KnownStory, title: str) -> None:
        self._unindexed.append((story, title))  # (indexed by word when an answer needs it)
        for key in _title_keys(title):
            if key not in self._titles:
                self._rank[key] = len(self._titles)
                self._titles[key] = story
                head = key.split(" ", 1)[0]
                self._heads.setdefault(head, []).append(key)
                self._longest_title = max(self._longest_title, key.count(" ") + 1)
            self._title_heads.add(key.split(" ", 1)[0])

    def claim(self, text: str, key: str) -> None:
        """A story note keeps this bullet: the same bullet in free-form notes of the import
        (the notes the vault was exported from) is that story's, whatever its anchor says."""
        same = fragment_text_key(text)
        self._claims[same] = key if self._claims.get(same, key) == key else None

    def claimed(self, text: str) -> KnownStory | None:
        if not self._claims:
            return None  # no story note of this import keeps a bullet
        key = self._claims.get(fragment_text_key(text))
        return self.stories.get(key) if key is not None else None

    def by_anchor(self, anchor_key: str) -> list[KnownStory]:
        return list(self._anchors.get(anchor_key, ()))

    def by_id(self, story_id: str) -> KnownStory | None:
        """The first story (in the order they were added) with this id."""
        keys = self._id_keys.get(story_id)
        if not keys:
            return None
        return self.stories[min(keys, key=self._places.__getitem__)]

    def by_title(self, title: str) -> KnownStory | None:
        """A story whose title (or id) is `title`, as a wikilink names it."""
        found = self._titles.get(normalise(title))
        if found is not None and normalise(found.title) == normalise(title):
            return found
        return self.by_id(title.strip())

    def by_reference(self, text: str) -> KnownStory | None:
        """The titled story a bullet opens with: 'See: Payment outage story', 'Supplier
        scorecard again, …', 'Flaky test purge — release cadence…'. The title must be
        followed by the end, punctuation, a dash, a bracket or a word like 'again'."""
        body, _ = strip_lead_in(unemphasise(text))
        tokens = body.split()[:12]
        first = next((words for words in map(normalise, tokens) if words), "")
        if first.split(" ", 1)[0] not in self._title_heads:
            return None  # no title opens with the bullet's first word
        # normalising is word by word, so each head's key is a join of its tokens' words
        token_words = [normalise(token) for token in tokens]
        # (a head of more words than the longest title names no story: not looked up)
        words_in = list(accumulate(w.count(" ") + 1 if w else 0 for w in token_words))
        for count in range(len(tokens), 0, -1):
            if words_in[count - 1] > self._longest_title:
                continue
            key = " ".join(w for w in token_words[:count] if w)
            story = self._titles.get(key)
            if story is None or len(key.split()) < 2 and count < len(tokens):
                continue
            head = " ".join(tokens[:count])
            rest = body[len(head):].strip() if body.startswith(head) else ""
            rest_key = normalise(rest)
            if (not rest_key or head[-1] in ",;:" or rest[:1] in ",;:([—–"
                    or rest.startswith("- ") or _FOLLOWS_TITLE.match(rest_key)):
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

    def read(self, text: str) -> Bullet:
        """Read a bullet, preferring the longest known anchor it opens with: 'St Brigid's
        again' and 'PARCELIO on-call, ...' name stories the notes named before."""
        bullet = read_bullet(text)
        body, _ = strip_lead_in(text)
        # normalising is word by word: the first word that normalises to any is the head
        head = next((w for token in body.split() if (w := normalise_word(token))), "")
        if head.split(" ", 1)[0] not in self._anchor_heads:
            return bullet
        words = normalise(body).split()
        prefixes = (" ".join(words[:n]) for n in range(min(len(words), 6), 0, -1))
        for anchor in prefixes:
            if anchor in self._anchors:
                if bullet.anchor_key == anchor:
                    return bullet
                if bullet.anchor_key and len(bullet.anchor_key) > len(anchor) and (
                    not self.by_anchor(bullet.anchor_key)
                ) and len(bullet.anchor_key.split()) > 1 and ":" in body:
                    return bullet  # 'PARCELIO hiring: ...' names a new story
                head, rest = _split_prefix(body, anchor)
                return Bullet(text, head, rest, bullet.backref)
        return bullet

    def mentioned_in(self, text: str) -> list[KnownStory]:
        """Stories whose anchor is named anywhere in `text` (whole words), when the anchor
        names exactly one story."""
        words = normalise(text).split()
        found: dict[str, KnownStory] = {}
        for start in range(len(words)):
            for n in range(1, min(6, len(words) - start) + 1):
                anchor = " ".join(words[start:start + n])
                group = self._anchors.get(anchor)
                if group and len(group) == 1:
                    found.setdefault(anchor, group[0])
        return list(found.values())

    def by_title_start(self, text: str) -> KnownStory | None:
        """The one story whose title starts with `text` (two words or more): an answer
        'depot spreadsheet' names 'Depot spreadsheet to a real app'."""
        key = normalise(text)
        if len(key.split()) < 2:
            return None
        found = {self._titles[k].key: self._titles[k] for k in self._heads.get(
            key.split(" ", 1)[0], ()) if f"{k} ".startswith(f"{key} ")}
        return next(iter(found.values())) if len(found) == 1 else None

    def by_title_words(self, text: str) -> KnownStory | None:
        """The one story whose title holds `text`'s words in a row: an answer's nickname
        ('wheelchair ramp', 'shrink', 'Dana') for 'Customer with the broken wheelchair
        ramp'. A few words only, and a word alone must be a name-like one (4 letters+)."""
        key = normalise(text)
        words = key.split()
        if not words or len(words) > _NICKNAME_WORDS or (len(words) == 1 and len(key) < 4):
            return None
        self._index_words()
        told = [self._by_word.get(word, {}) for word in _significant(text)]
        if not told:
            return None
        fewest = min(told, key=len)  # the stories holding its rarest word hold it all
        found = {s.key: s for s in fewest.values() if f" {key} " in f" {normalise(s.title)} "}
        return next(iter(found.values())) if len(found) == 1 else None

    def by_name(self, text: str) -> KnownStory | None:
        """The one story whose title holds `text`, a capitalised word of three letters or
        more, capitalised: a person's name an answer gives alone ('Ama' for 'Growing Ama
        from Tier 1 to team lead')."""
        word = text.strip()
        if len(word) < 3 or not word.isalpha() or not word[0].isupper() or not word[1:].islower():
            return None
        self._index_words()
        told = self._by_word.get(word.lower(), {})
        found = [s for s in told.values() if word in s.title.split()]
        return found[0] if len(found) == 1 else None

    def words_shaped(self, first: str, length: int, last: str) -> list[str]:
        """The title words of `length` letters from `first` to `last`: what a numeronym
        ('a11y', 'i18n') stands for."""
        self._index_words()
        return sorted(w for w in self._by_word if len(w) == length and w[0] == first
                      and w[-1] == last)

    def most_like(self, text: str, *, strict: bool = False) -> KnownStory | None:
        """The one story an answer names in its own words ('depot audit', 'the bricked
        units' for 'Firmware update that bricked 200 units'): the story whose title holds
        the most of the answer's words, at least two, when those are every word of the
        answer or (unless `strict`) most of the title's; None when two stories tie."""
        words = _significant(text)
        if len(words) < 2:
            return None
        self._index_words()
        # the stories sharing a word few titles hold (a word in many tells none apart)
        candidates = {key for word in words if 0 < len(self._by_word.get(word, ())) <= _TELLING
                      for key in self._by_word[word]}
        best: list[tuple[int, KnownStory]] = []
        for key in candidates:
            title = self._title_words[key]
            shared = len(words & title)
            if shared >= 2 and (shared == len(words) or not strict and 2 * shared > len(title)):
                best.append((shared, self.stories[key]))
        best.sort(key=lambda found: -found[0])
        if not best or len(best) > 1 and best[1][0] == best[0][0]:
            return None
        return best[0][1]

    def _index_words(self) -> None:
        """Index the titles added since the last look by their significant words."""
        for story, told in self._unindexed:
            self._title_words[story.key] = title_words = _significant(told)
            for word in title_words:
                self._by_word.setdefault(word, {})[story.key] = story
        self._unindexed.clear()

    def titled_in(self, text: str) -> list[KnownStory]:
        """Stories whose title (two words or more) is named anywhere in `text`, longest
        title first: 'I argued to wait; Vendor contract renewal is the story'."""
        words = normalise(text).split()
        named = {key for start in range(len(words)) if words[start] in self._heads
                 for n in range(2, min(self._longest_title, len(words) - start) + 1)
                 if (key := " ".join(words[start:start + n])) in self._titles}
        found: dict[str, KnownStory] = {}
        for key in sorted(named, key=lambda k: (-len(k), self._rank[k])):
            found.setdefault(self._titles[key].key, self._titles[key])
        return list(found.values())


_NICKNAME_WORDS = 4
#: a word in more titles than this tells no story apart when an answer is matched
_TELLING = 64

#: words an answer names a story around, that tell which story it is not
_FILLER = frozenset("a an and the of for to in on at with my our this that one story example "
                    "use see about it its is was from by".split())


def _significant(text: str) -> set[str]:
    return {w for w in normalise(text).split() if w not in _FILLER}


_ASIDE_ENDS = frozenset(")]0123456789")  # the last characters `_TRAILING_ASIDE` can end on
_TRAILING_ASIDE = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\]|[-–—,]\s*(?:19|20)\d\d)\s*$")


def _title_keys(title: str) -> list[str]:
    """The keys a title is found by: itself, and without a trailing aside such as a year in
    brackets, so 'Checkout redesign (see above)' finds 'Checkout redesign (2023)'."""
    keys = [normalise(title)]
    if title.rstrip()[-1:] not in _ASIDE_ENDS:
        return [k for k in keys if k]  # (no bracket and no year at its end: no aside)
    bare = _TRAILING_ASIDE.sub("", title)
    if bare != title and len(normalise(bare).split()) >= 2:
        keys.append(normalise(bare))
    return [k for k in keys if k]


def _split_prefix(body: str, anchor: str) -> tuple[str, str]:
    """Split `body` after the words that normalise to `anchor`."""
    tokens = body.split()
    for count in range(1, len(tokens) + 1):
        head = " ".join(tokens[:count])
        if normalise(head) == anchor:
            return head.rstrip(",;:-"), " ".join(tokens[count:]).lstrip(" ,;:-–—")
    return body, ""
