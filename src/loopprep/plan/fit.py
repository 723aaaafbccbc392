"""How well a story answers a principle: the score the loop planner maximises, with the
reasons behind it. Links you made (in your notes or by hand) count most; then how strong
the story is (STAR parts, a result, a metric, how recent); then what its words say.

Word similarity comes from pluggable sources (`SimilaritySource`): framework keywords by
default, sentence embeddings on request, and the question classifier's principle
distribution once it lands — each is one small class with a `match` method.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from typing import Protocol

from loopprep.coverage import STALE_AFTER_YEARS, story_health
from loopprep.model import Framework, Principle, PrincipleSlug, Story, StoryId

#: A story filed under the principle scores at least this; one that is not, at most
#: LINKED_FLOOR - 0.05: a link you made always beats a guess from the story's words.
LINKED_FLOOR = 0.6
#: An unlinked story is considered for a principle only when its words fit this well.
MIN_SIMILARITY = 0.5
_STAR = ("situation", "task", "action", "result")


@dataclass(frozen=True)
class Evidence:
    """How well a story's text matches a principle (0..1) and what shows it."""

    score: float
    why: str = ""


class SimilaritySource(Protocol):
    """A way to tell how close a story's text is to a principle.

    To add the question classifier, wrap it in a class whose `match` runs the classifier on
    each story's text and returns its probability for each principle as `Evidence(p, ...)`.
    """

    label: str

    def match(self, stories: Sequence[Story], principles: Sequence[Principle]) -> list[list[Evidence]]:
        """One row per story, one `Evidence` per principle, scores in 0..1."""
        ...


@dataclass(frozen=True)
class Strength:
    """How ready a story is to be told, whatever the question (0..1)."""

    score: float
    star_parts: int  # of situation, task, action, result
    has_result: bool
    has_metric: bool
    year: int | None

    def describe(self) -> str:
        bits = [f"{self.star_parts}/4 STAR parts"]
        bits.append("a result" if self.has_result else "no result yet")
        bits.append("a metric" if self.has_metric else "no metric yet")
        bits.append(str(self.year) if self.year else "no date")
        return ", ".join(bits)


@dataclass(frozen=True)
class Fit:
    """A story's fit for one principle, with the parts that make it up."""

    story_id: StoryId
    principle: PrincipleSlug
    score: float  # 0..1, rounded to 0.01 so the optimiser's ties are real ties
    linked: bool
    similarity: Evidence
    strength: Strength

    @cached_property  # asked tens of thousands of times per plan; a Fit never changes
    def eligible(self) -> bool:
        return self.linked or self.similarity.score >= MIN_SIMILARITY


class KeywordSimilarity:
    """The framework's keywords for each principle found in the story's text (fast, exact)."""

    label = "keywords"

    def match(self, stories: Sequence[Story], principles: Sequence[Principle]) -> list[list[Evidence]]:
        table = _keyword_table(tuple(principles))
        return [list(table.row(story.text)) for story in stories]


class _KeywordTable:
    """The keyword evidence of story texts for one set of principles, kept per text: a
    plan made again after one story changed reads only that story's words again."""

    def __init__(self, principles: tuple[Principle, ...]) -> None:
        self.patterns = [_keyword_pattern(p) for p in principles]
        self.row = lru_cache(maxsize=20_000)(self._row)

    def _row(self, text: str) -> tuple[Evidence, ...]:
        lowered = text.lower()
        out = []
        for order, regex in self.patterns:
            found = set(regex.findall(lowered))
            words = [w for w in order if w in found]
            score = 1 - 0.6 ** len(words)  # 1 word 0.4, 2 words 0.64, 3 words 0.78
            out.append(Evidence(round(score, 4), "its words: " + ", ".join(words) if words else ""))
        return tuple(out)


@lru_cache(maxsize=8)
def _keyword_table(principles: tuple[Principle, ...]) -> _KeywordTable:
    return _KeywordTable(principles)


@lru_cache(maxsize=64)
def _keyword_pattern(principle: Principle) -> tuple[tuple[str, ...], re.Pattern[str]]:
    """The principle's keywords (in order) and one regex that finds any of them."""
    from loopprep.notes.principles import normalise

    # keywords only: name words such as 'best', 'right' or 'think' match nearly any story
    words = tuple(dict.fromkeys(w.lower() for w in principle.keywords if normalise(w)))
    longest_first = sorted(words, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in longest_first) or r"(?!x)x"
    return words, re.compile(r"\b(" + alternatives + r")(?:s|es|ed|d|ing)?\b")


class EmbeddingSimilarity:
    """Meaning, not words: the story's text against the principle's summary and probes,
    by sentence embeddings (loads the bundled model, about a second)."""

    label = "meaning"

    def __init__(self, low: float = 0.2, high: float = 0.55) -> None:
        # cosine below `low` means unrelated, above `high` as close as stories get
        self.low = low
        self.high = high

    def match(self, stories: Sequence[Story], principles: Sequence[Principle]) -> list[list[Evidence]]:
        from loopprep.text.embeddings import get_embedder

        if not stories or not principles:
            return [[] for _ in stories]
        embedder = get_embedder()
        story_vectors = embedder.embed([s.text for s in stories])
        principle_vectors = embedder.embed(
            [f"{p.name}. {p.summary} " + " ".join(p.probes_for) for p in principles])
        cosine = story_vectors @ principle_vectors.T
        rows = []
        for i in range(len(stories)):
            row = []
            for j in range(len(principles)):
                value = float(cosine[i, j])
                score = min(1.0, max(0.0, (value - self.low) / (self.high - self.low)))
                row.append(Evidence(round(score, 4), f"its meaning is close (cosine {value:.2f})"))
            rows.append(row)
        return rows


class ClassifierSimilarity:
    """The question classifier (`loopprep.classify`) read on the story's own text: its
    probability for each principle, doubled and capped at 1, so a story the classifier
    gives a quarter or more of its belief counts as fitting (embedding model, ~1 s)."""

    label = "classifier"

    def __init__(self, framework: Framework) -> None:
        self.framework = framework

    def match(self, stories: Sequence[Story], principles: Sequence[Principle]) -> list[list[Evidence]]:
        from loopprep.classify import classify
        from loopprep.classify.classifier import NO_WORDS

        rankings = classify([s.text for s in stories], self.framework) if stories else []
        rows = []
        for ranking in rankings:
            row = []
            for principle in principles:
                p = 0.0 if ranking.warning == NO_WORDS else ranking.score(principle.slug)
                row.append(Evidence(round(min(1.0, 2 * p), 4), f"the classifier reads it as {p:.0%} "
                                                               f"{principle.name}"))
            rows.append(row)
        return rows


def story_strength(story: Story, today: date) -> Strength:
    """STAR completeness 0.35, a result 0.15, a metric 0.25, recency 0.25."""
    return _strength(story, today)


@lru_cache(maxsize=20_000)  # a Story is a frozen value: an edited story is another key
def _strength(story: Story, today: date) -> Strength:
    health = story_health(story, today)
    parts = sum(1 for part in _STAR if getattr(story, part).strip())
    has_result = "result" not in health.missing
    has_metric = "metric" not in health.missing
    if health.year is None:
        recency = 0.3  # unknown: neither rewarded nor treated as stale
    else:
        age = max(0, today.year - health.year)
        recency = 1.0 if age <= 2 else max(0.0, 1 - (age - 2) / (STALE_AFTER_YEARS + 1))
    score = 0.35 * parts / len(_STAR) + 0.15 * has_result + 0.25 * has_metric + 0.25 * recency
    return Strength(round(score, 4), parts, has_result, has_metric, health.year)


def fit_matrix(
    stories: Sequence[Story],
    principles: Sequence[Principle],
    *,
    today: date,
    sources: Sequence[SimilaritySource] = (),
) -> list[list[Fit]]:
    """Fit of every story (rows) for every principle (columns).

    linked:   0.60 + 0.25 * strength + 0.15 * similarity   (0.60 .. 1.00)
    unlinked: 0.25 * strength + 0.30 * similarity           (0.00 .. 0.55)
    Similarity is the best of the sources (keywords when none are given). With the default
    source a story's row depends only on the story, so rows are kept between calls: after
    one story changes, planning again recomputes that row alone.
    """
    if not sources:
        rows = _default_rows(tuple(principles), today)
        return [list(rows.row(story)) for story in stories]
    tables = [source.match(stories, principles) for source in sources]
    return [_fit_row(story, principles, today, [(source.label, table[i])
                                                for source, table in zip(sources, tables, strict=True)])
            for i, story in enumerate(stories)]


def _fit_row(story: Story, principles: Sequence[Principle], today: date,
             evidence: Sequence[tuple[str, Sequence[Evidence]]]) -> list[Fit]:
    strength = story_strength(story, today)
    row = []
    for j, principle in enumerate(principles):
        best = Evidence(0.0)
        for label, found_row in evidence:
            found = found_row[j]
            if found.score > best.score:
                best = Evidence(found.score, found.why or label)
        linked = principle.slug in story.principles
        if linked:
            raw = LINKED_FLOOR + 0.25 * strength.score + 0.15 * best.score
        else:
            raw = 0.25 * strength.score + 0.30 * best.score
        score = math.floor(raw * 100 + 1e-9) / 100
        row.append(Fit(story.id, principle.slug, score, linked, best, strength))
    return row


class _DefaultRows:
    """Fit rows by the default (keyword) source for one set of principles and one day."""

    def __init__(self, principles: tuple[Principle, ...], today: date) -> None:
        self.principles = principles
        self.today = today
        self.keywords = _keyword_table(principles)
        self.row = lru_cache(maxsize=20_000)(self._row)  # a Story is a frozen value

    def _row(self, story: Story) -> tuple[Fit, ...]:
        evidence = [(KeywordSimilarity.label, self.keywords.row(story.text))]
        return tuple(_fit_row(story, self.principles, self.today, evidence))


@lru_cache(maxsize=8)
def _default_rows(principles: tuple[Principle, ...], today: date) -> _DefaultRows:
    return _DefaultRows(principles, today)
