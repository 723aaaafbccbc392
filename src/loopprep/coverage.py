"""The coverage map: principles against stories, gaps, over-used stories, thin and stale
stories. A pure function of the bank and the framework, so the CLI and the web app agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from loopprep.model import Finding, Framework, PrincipleSlug, Story, StoryId
from loopprep.text.facts import has_date, has_metric, has_result, years_mentioned

#: A story told for more than this many principles is over-used: in a loop each interviewer
#: covers two or three principles and the panel compares notes afterwards.
MAX_PRINCIPLES_PER_STORY = 2
#: Interviewers want recent examples; older stories are flagged as stale.
STALE_AFTER_YEARS = 5


@dataclass(frozen=True)
class PrincipleCoverage:
    slug: PrincipleSlug
    name: str
    story_ids: tuple[StoryId, ...]
    description: str
    description_source: str  # "notes" when the user's notes carry the principle's text


@dataclass(frozen=True)
class StoryHealth:
    story_id: StoryId
    title: str
    principles: tuple[PrincipleSlug, ...]
    missing: tuple[str, ...]  # of "result", "metric", "date"
    year: int | None
    stale: bool
    overused: bool


@dataclass(frozen=True)
class Coverage:
    framework: Framework
    principles: tuple[PrincipleCoverage, ...]
    stories: tuple[StoryHealth, ...]
    findings: tuple[Finding, ...] = ()
    max_per_story: int = MAX_PRINCIPLES_PER_STORY

    @property
    def gaps(self) -> list[PrincipleSlug]:
        return [p.slug for p in self.principles if not p.story_ids]

    @property
    def overused(self) -> list[StoryId]:
        return [s.story_id for s in self.stories if s.overused]

    @property
    def thin(self) -> list[StoryHealth]:
        return [s for s in self.stories if s.missing]

    @property
    def stale(self) -> list[StoryId]:
        return [s.story_id for s in self.stories if s.stale]

    @property
    def unlinked(self) -> list[StoryId]:
        return [s.story_id for s in self.stories if not s.principles]

    def to_json(self) -> dict[str, Any]:
        """The shape documented in DESIGN.md (stable), plus extra fields."""
        return {
            "framework": self.framework.slug,
            "principles": [
                {
                    "slug": p.slug,
                    "name": p.name,
                    "stories": list(p.story_ids),
                    "description": p.description,
                    "description_source": p.description_source,
                }
                for p in self.principles
            ],
            "stories": [
                {
                    "id": s.story_id,
                    "title": s.title,
                    "principles": list(s.principles),
                    "missing": list(s.missing),
                    "year": s.year,
                    "stale": s.stale,
                }
                for s in self.stories
            ],
            "gaps": self.gaps,
            "overused": self.overused,
            "thin": [s.story_id for s in self.thin],
            "stale": self.stale,
            "unlinked": self.unlinked,
            "max_principles_per_story": self.max_per_story,
            "findings": [
                {
                    "code": f.code,
                    "severity": f.severity,
                    "message": f.message,
                    "path": f.source.path if f.source else None,
                    "line": f.source.line if f.source else None,
                }
                for f in self.findings
            ],
        }


def story_health(story: Story, today: date, *, stale_after_years: int = STALE_AFTER_YEARS,
                 max_per_story: int = MAX_PRINCIPLES_PER_STORY,
                 framework: Framework | None = None) -> StoryHealth:
    """What a story lacks; with `framework`, only its principles count (a story filed under
    another framework's principles is not over-used in this one). Kept with the story: the
    web app reads the bank again after every change, and most stories come back as they were."""
    return story.remembered(
        ("health", today, stale_after_years, max_per_story, framework),
        lambda: _health(story, today, stale_after_years, max_per_story, framework))


def _health(story: Story, today: date, stale_after_years: int, max_per_story: int,
            framework: Framework | None) -> StoryHealth:
    text = story.text
    missing = []
    if not (story.result.strip() or has_result(text)):
        missing.append("result")
    if not (story.metrics or has_metric(text)):
        missing.append("metric")
    if not (story.date or has_date(text)):
        missing.append("date")
    year = _story_year(story)
    stale = year is not None and today.year - year > stale_after_years
    linked = story.principles if framework is None else tuple(
        p for p in story.principles if framework.get(p) is not None)
    return StoryHealth(story.id, story.title, linked, tuple(missing), year, stale,
                       len(linked) > max_per_story)


def _story_year(story: Story) -> int | None:
    if story.date:
        years = years_mentioned(story.date)
        if years:
            return years[0]
    years = years_mentioned(story.text)
    return max(years) if years else None


def compute_coverage(
    stories: list[Story],
    framework: Framework,
    *,
    today: date,
    notes_texts: dict[PrincipleSlug, str] | None = None,
    findings: list[Finding] | None = None,
    max_per_story: int = MAX_PRINCIPLES_PER_STORY,
    stale_after_years: int = STALE_AFTER_YEARS,
) -> Coverage:
    notes_texts = notes_texts or {}
    live = sorted((s for s in stories if not s.archived), key=lambda s: s.id)
    principles = []
    for principle in framework.principles:
        ids = tuple(s.id for s in live if principle.slug in s.principles)
        own = notes_texts.get(principle.slug)
        principles.append(
            PrincipleCoverage(principle.slug, principle.name, ids,
                              own or principle.summary, "notes" if own else "loopprep")
        )
    health = tuple(
        story_health(s, today, stale_after_years=stale_after_years, max_per_story=max_per_story,
                     framework=framework)
        for s in live
    )
    return Coverage(framework, tuple(principles), health,
                    tuple(f for f in findings or () if _about(f, framework)), max_per_story)


#: Findings that name a principle of the framework the notes were imported under.
_PRINCIPLE_FINDINGS = ("missing-principle", "no-story", "pasted-text")


def _about(finding: Finding, framework: Framework) -> bool:
    """False for a finding about another framework's principle (after switching frameworks)."""
    if finding.code not in _PRINCIPLE_FINDINGS:
        return True
    if finding.code == "pasted-text":
        return any(f"under {p.name} " in finding.message for p in framework)
    return any(finding.message.startswith(p.name + " ") for p in framework)
