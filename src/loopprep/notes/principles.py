"""Matching a heading in the user's notes to a principle of the framework, tolerantly:
case, punctuation, curly apostrophes, '&' for 'and', partial names and aliases. The same
matching finds technical topics and subtopics (`match_named`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import NamedTuple, Protocol, TypeVar

from loopprep.model import Framework, Principle

_STOP = {"the", "a", "an", "to", "be", "and", "on", "of", "for", "my", "are", "is", "in"}


_PUNCTUATION = re.compile(r"[^\w\s]|_")


#: ASCII punctuation (and `_`) -> a space, for `_PUNCTUATION` on ASCII text ('&', quotes
#: and backticks are replaced before)
_ASCII_PUNCTUATION = str.maketrans({chr(c): " " for c in range(128)
                                    if _PUNCTUATION.match(chr(c)) and chr(c) not in "&'`"})
#: text -> its `normalise`d words: an import of a large file asks for the same half a
#: million texts again and again, each pass over the file in turn (an LRU cache smaller
#: than that thrashes); the dict forgets all at its size limit, and after each import
_NORMALISED: dict[str, str] = {}
_NORMALISED_MAX = 600_000


def forget_normalised() -> None:
    """Let go of the texts `normalise` keeps (an import's are of no use after it)."""
    _NORMALISED.clear()


def normalise(text: str) -> str:
    """Lower-case words only: 'Earth’s Best' -> 'earths best', 'A & B' -> 'a and b'."""
    found = _NORMALISED.get(text)
    if found is None:
        if len(_NORMALISED) >= _NORMALISED_MAX:
            _NORMALISED.clear()
        if text.isascii():
            found = _ascii_words(text)
            _NORMALISED[found] = found  # ASCII words normalise to themselves (keys, ids)
        else:
            found = _words(text)
        _NORMALISED[text] = found
    return found


def normalise_word(token: str) -> str:
    """`normalise` of one word of a line: a plain ASCII word (ending in ':' or ',' or not)
    is itself in lower case, without the cache; any other goes through `normalise`."""
    bare = token.rstrip(":,;.")
    if bare.isascii() and bare.isalnum():
        return bare.lower()
    return normalise(token)


def _ascii_words(text: str) -> str:
    """`_words` for ASCII text (which NFKC leaves as it is), with one translation."""
    if "&" in text:
        text = text.replace("&", " and ")
    if "'" in text or "`" in text:
        text = text.replace("'", "").replace("`", "")
    return " ".join(text.translate(_ASCII_PUNCTUATION).lower().split())


def _words(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("&", " and ").replace("’", "").replace("‘", "").replace("'", "")
    text = text.replace("`", "")
    text = _PUNCTUATION.sub(" ", text.lower())
    return " ".join(text.split())


def _content(words: str) -> set[str]:
    return {w for w in words.split() if w not in _STOP}


class Named(Protocol):
    """Anything with a slug, a name and aliases: a principle, a technical topic or subtopic."""

    @property
    def slug(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...
    def __hash__(self) -> int: ...


N = TypeVar("N", bound=Named)
Fold = Callable[[str], str]


@lru_cache(maxsize=1024)
def _names(item: Named, fold: Fold | None = None) -> tuple[tuple[str, frozenset[str]], ...]:
    names = [normalise(item.name), normalise(item.slug.replace("-", " ")),
             *(normalise(a) for a in item.aliases)]
    if fold is not None:
        names = [fold(name) for name in names]
    return tuple((name, frozenset(_content(name))) for name in names)


#: (id of the framework, line) -> (the framework, the answer): a long file asks about most
#: lines more than once; keyed by identity, as hashing a whole framework costs more than
#: the match itself
_MATCHES: dict[tuple[int, str], tuple[Framework, tuple[Principle | None, float]]] = {}
_MATCHES_MAX = 100_000


def match_principle(heading: str, framework: Framework) -> tuple[Principle | None, float]:
    """The principle a heading names, with a confidence in 0..1 (None when nothing fits)."""
    if _no_name_word(heading, framework.principles):
        return None, 0.0
    key = (id(framework), heading)
    hit = _MATCHES.get(key)
    if hit is not None and hit[0] is framework:
        return hit[1]
    answer = _match_named(heading, framework.principles, None)
    if len(_MATCHES) >= _MATCHES_MAX:
        _MATCHES.clear()
    _MATCHES[key] = (framework, answer)
    return answer


_LP_PREFIX = re.compile(r"^\s*(lp|principle)\s*\d*\s*[:.\-]\s*", re.I)
_NUMBER_PREFIX = re.compile(r"^\d+\s+")
_PREFIX_WORDS = frozenset({"lp", "principle"})  # words `_LP_PREFIX` may take away


#: (line, id of the candidates, id of the fold) -> (candidates, fold, the answer), for
#: candidates given as a tuple (a topic list's: the same tuple for its life)
_NAMED: dict[tuple[str, int, int], tuple[object, object, tuple[object, float]]] = {}


def match_named(heading: str, candidates: Iterable[N], *, fold: Fold | None = None
                ) -> tuple[N | None, float]:
    """The candidate a heading names, with a confidence in 0..1 (None when nothing fits);
    `fold` maps normalised words on both sides (e.g. plurals to singulars)."""
    if not isinstance(candidates, tuple):
        return _match_named(heading, candidates, fold)
    key = (heading, id(candidates), id(fold))
    hit = _NAMED.get(key)
    if hit is not None and hit[0] is candidates and hit[1] is fold:
        return hit[2]  # type: ignore[return-value]
    answer = _match_named(heading, candidates, fold)
    if len(_NAMED) >= _MATCHES_MAX:
        _NAMED.clear()
    _NAMED[key] = (candidates, fold, answer)
    return answer


def only_name_words(heading: str, candidates: tuple[Named, ...]) -> bool:
    """Whether the heading could score 0.9 or more against a candidate: `_score` asks for
    a name's words and no others, or an overlap of 0.9, which one word foreign to every
    name rules out unless a name has nine words. Most lines of notes fail at a glance."""
    table = _table(candidates, None)
    foreign = 0
    for token in heading.split():  # a plain word normalises to itself in lower case
        if token.isalpha() and token.isascii() and (word := token.lower()) not in \
                table.holding and word not in _STOP and word not in _PREFIX_WORDS:
            foreign += 1
            if 9 * foreign > table.longest:
                return False
    norm = _NUMBER_PREFIX.sub("", normalise(_LP_PREFIX.sub("", heading)))
    words = _content(norm)
    return bool(words) and 9 * len(words - table.holding.keys()) <= table.longest


def _no_name_word(heading: str, candidates: tuple[Named, ...]) -> bool:
    """Whether an ASCII heading shares no word with any candidate's names, so none can
    score (most lines of notes): the words `_match_named` scores are some of its words."""
    if not heading.isascii():
        return False
    holding = _table(candidates, None).holding
    if heading.isalnum():  # one word ('PROJ123'), which normalises to itself in lower case
        return heading.lower() not in holding
    return holding.keys().isdisjoint(normalise(heading).split())


def _match_named(heading: str, candidates: Iterable[N], fold: Fold | None
                 ) -> tuple[N | None, float]:
    if fold is None and isinstance(candidates, tuple) and _no_name_word(heading, candidates):
        return None, 0.0
    norm = normalise(_LP_PREFIX.sub("", heading))
    norm = _NUMBER_PREFIX.sub("", norm)  # "3. Dive Deep" -> "dive deep"
    if fold is not None:
        norm = fold(norm)
    if not norm:
        return None, 0.0
    words = _content(norm)
    if not words:
        return None, 0.0
    if isinstance(candidates, tuple):
        # only a candidate with a name sharing a content word can score (no word of any
        # name: most lines of notes)
        table = _table(candidates, fold)
        places = sorted({p for w in words for p in table.holding.get(w, ())})
        named = [(candidates[p], table.names[p]) for p in places]
    else:
        named = [(item, _names(item, fold)) for item in candidates]
    best: N | None = None
    best_score = 0.0
    for item, names in named:
        for index, (name, name_words) in enumerate(names):
            score = _score(norm, words, name, name_words, alias=index >= 2)
            if score > best_score:
                best, best_score = item, score
    if best_score < 0.5:
        return None, 0.0
    return best, best_score


class _Table(NamedTuple):
    names: list[tuple[tuple[str, frozenset[str]], ...]]  # each candidate's `_names`
    holding: dict[str, set[int]]  # content word -> the candidates with a name holding it
    longest: int  # the most content words of any one name


_TABLES: dict[tuple[int, int], tuple[object, _Table]] = {}


def _table(candidates: tuple[Named, ...], fold: Fold | None) -> _Table:
    """The candidates' names and an index of their words, kept per candidates tuple (by
    identity: a framework's principles are one tuple for its life, and the entry holds it
    alive)."""
    key = (id(candidates), id(fold))
    kept = _TABLES.get(key)
    if kept is not None and kept[0] is candidates:
        return kept[1]
    every = [_names(item, fold) for item in candidates]
    table = _Table(every, {}, max((len(w) for n in every for _, w in n), default=0))
    for place, names in enumerate(table.names):
        for _, name_words in names:
            for word in name_words:
                table.holding.setdefault(word, set()).add(place)
    if len(_TABLES) > 64:
        _TABLES.clear()
    _TABLES[key] = (candidates, table)
    return table


def _score(norm: str, words: set[str], name: str, name_words: frozenset[str], *,
           alias: bool) -> float:
    if norm == name:
        return 1.0 if not alias else 0.95
    if not name_words:
        return 0.0
    if name_words <= words:
        # the heading contains the whole name, e.g. "Customer Obsession (stories)"
        extra = len(words - name_words)
        if alias and extra > 2:
            return 0.0  # 'Hiring the first QA engineer' is a story, not a principle
        return max(0.6, 0.9 - 0.1 * extra)
    if words <= name_words:
        # a partial name, e.g. "Backbone" or "Earth's Best Employer"
        share = len(words) / len(name_words)
        return 0.55 + 0.3 * share if share >= 0.5 or alias else 0.0
    overlap = len(words & name_words) / len(words | name_words)
    return overlap if overlap >= 0.6 else 0.0
