"""The one-page cheat sheet of a loop plan: per interviewer the principles, the story to tell,
its opening line and key metric, the backup, and ready answers to the likely follow-ups.
Built once as data (`CheatSheet`), then rendered as HTML, Markdown or PDF (see pdf.py).
"""

from __future__ import annotations

import html
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from loopprep.export.best_answers import BestAnswer, is_raw, strip_pointer
from loopprep.model import PrincipleSlug, Story
from loopprep.plan.fit import Fit
from loopprep.plan.planner import LoopPlan
from loopprep.text.facts import metric_spans

#: Longest opening line / answer kept on the sheet; the rest is for your notes, not a glance.
MAX_LINE = 160
FORMATS = ("html", "md", "pdf")
#: What the sheet says for a follow-up the story cannot answer yet.
NOT_YET = "(not written yet)"


@dataclass(frozen=True)
class FollowUp:
    question: str
    answer: str  # from the story; empty when the story does not say yet


@dataclass(frozen=True)
class SheetStory:
    story_id: str
    title: str
    opening: str
    metric: str  # empty when the story has none yet
    filed: bool  # filed under this principle (else used for it by its words)


@dataclass(frozen=True)
class SheetSlot:
    principle: PrincipleSlug
    principle_name: str
    primary: SheetStory | None
    backup: SheetStory | None
    follow_ups: tuple[FollowUp, ...]


@dataclass(frozen=True)
class SheetInterviewer:
    name: str
    bar_raiser: bool
    slots: tuple[SheetSlot, ...]


@dataclass(frozen=True)
class CheatSheet:
    title: str
    interview_date: str | None
    made: date
    interviewers: tuple[SheetInterviewer, ...]
    lacking: tuple[str, ...]  # principle names with no distinct story
    develop_next: str


def build_cheatsheet(plan: LoopPlan, *, today: date, follow_ups: bool = True,
                     answers: Mapping[str, BestAnswer] | None = None) -> CheatSheet:
    """The sheet's data; `answers` (`best_answers`) lets the sheet use the best practice
    answer given for a story where the story's own fields are empty."""
    answers = answers or {}
    people = []
    for person in plan.loop.interviewers:
        slots = []
        for slot in (s for s in plan.slots if s.interviewer == person.name):
            primary = _sheet_story(plan, slot.primary, answers)
            backup = _sheet_story(plan, slot.backup, answers)
            asks: tuple[FollowUp, ...] = ()
            if follow_ups and slot.primary is not None and primary is not None:
                asks = _follow_ups(plan.story_by_id[slot.primary.story_id], slot.principle,
                                   primary.opening, answers.get(slot.primary.story_id))
            slots.append(SheetSlot(slot.principle, slot.principle_name, primary, backup, asks))
        people.append(SheetInterviewer(person.name, person.bar_raiser, tuple(slots)))
    names = {s.principle: s.principle_name for s in plan.slots}
    return CheatSheet(plan.loop.name, plan.loop.date, today, tuple(people),
                      tuple(names[p] for p in plan.lacking),
                      plan.develop_next[0].message if plan.develop_next else "")


def _sheet_story(plan: LoopPlan, fit: Fit | None, answers: Mapping[str, BestAnswer]
                 ) -> SheetStory | None:
    if fit is None:
        return None
    story = plan.story_by_id[fit.story_id]
    return SheetStory(story.id, story.title,
                      _short(opening_line(story, fit.principle, answers.get(story.id))),
                      key_metric(story), fit.linked)


def _notes(story: Story, principle: PrincipleSlug) -> list[str]:
    """The story's note fragments (this principle's first) that say more than its name."""
    ordered = sorted(story.fragments, key=lambda f: f.principle != principle)
    texts = [strip_pointer(" ".join(f.text.split()), story) for f in ordered]
    return [t for t in texts if t and not is_raw(t, story)]


def opening_line(story: Story, principle: PrincipleSlug, best: BestAnswer | None = None) -> str:
    """The developed situation; else the best practice answer's situation; else what the
    notes say under this principle (never a bare 'X, again'); else the story's first note."""
    if story.situation.strip():
        return story.situation.strip().split("\n")[0]
    if best and best.parts.get("situation"):
        return best.parts["situation"]
    notes = _notes(story, principle)
    if notes:
        return notes[0]
    return story.opening_line


def key_metric(story: Story) -> str:
    """The story's first recorded metric, else the first quantity its text states."""
    if story.metrics:
        return _short(story.metrics[0])
    for text in (story.result, story.text):
        spans = metric_spans(text)
        if spans:
            start, end = spans[0]
            return _short(_clause(text, start, end))
    return ""


def _clause(text: str, start: int, end: int) -> str:
    """The few words around a quantity: '30% savings' rather than just '30%'."""
    left = max(text.rfind(c, 0, start) for c in "\n,;(.:") + 1
    rights = [i for i in (text.find(c, end) for c in "\n,;)") if i != -1]
    right = min(rights) if rights else len(text)
    return text[left:right].strip(" -")


@lru_cache(maxsize=1)
def _probes() -> dict[str, list[str]]:
    source = resources.files("loopprep").joinpath("data", "probes.toml")
    data = tomllib.loads(source.read_text("utf-8"))
    return {slug: list(table.get("probes", [])) for slug, table in data.get("principle", {}).items()}


def _follow_ups(story: Story, principle: PrincipleSlug, opening: str,
                best: BestAnswer | None = None) -> tuple[FollowUp, ...]:
    """The interviewer's first probe for the principle and 'what did you learn?', each with
    what the story (or the best answer given for it) already says to answer it: the reply
    given to that probe in practice, the STAR fields, the answer's action, then the notes —
    never the opening line again, never a bare back-reference."""
    out = []
    probes = _probes().get(principle, [])
    learn = "What did you learn, or do differently since?"
    parts = best.parts if best else {}
    replies = best.replies if best else {}
    if probes:
        material = [replies.get(probes[0], ""), story.action, parts.get("action", ""), story.task,
                    parts.get("task", ""), story.result, parts.get("result", ""),
                    *_notes(story, principle)]
        answer = next((_short(text) for text in material
                       if text.strip() and _short(text) != opening), "")
        out.append(FollowUp(probes[0], answer))
    lessons = story.lessons or replies.get(learn, "") or next(
        (text for probe, text in replies.items() if "learn" in probe.lower()), "")
    out.append(FollowUp(learn, _short(lessons)))
    return tuple(out)


def _short(text: str, limit: int = MAX_LINE) -> str:
    """At most `limit` characters, cut after a whole sentence where one fits."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentences = re.split(r"(?<=[.!?])\s+", text)
    kept = ""
    for sentence in sentences:
        if len(kept) + len(sentence) + 1 > limit:
            break
        kept = f"{kept} {sentence}".strip()
    if kept:
        return kept
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


# --- Markdown ----------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_markdown(sheet: CheatSheet) -> str:
    lines = [f"# Cheat sheet: {_md(sheet.title)}", ""]
    when = f"Interview {sheet.interview_date} · " if sheet.interview_date else ""
    lines += [f"{when}made {sheet.made.isoformat()} by loopprep · no story twice to the panel", ""]
    for person in sheet.interviewers:
        lines += [f"## {_md(person.name)}" + (" (bar raiser)" if person.bar_raiser
                                               and "raiser" not in person.name.casefold() else ""), ""]
        for slot in person.slots:
            if slot.primary is None:
                lines += [f"- **{_md(slot.principle_name)}**: no distinct story yet", ""]
                continue
            story = slot.primary
            unfiled = "" if story.filed else " (not filed under it)"
            lines.append(f"- **{_md(slot.principle_name)}**: {_md(story.title)}{unfiled}")
            lines.append(f"  - Open: {_md(story.opening)}")
            lines.append(f"  - Metric: {_md(story.metric) if story.metric else '*add one*'}")
            if slot.backup is not None:
                lines.append(f"  - Backup: {_md(slot.backup.title)}")
            for ask in slot.follow_ups:
                lines.append(f"  - *{_md(ask.question)}* {_md(ask.answer) if ask.answer else NOT_YET}")
            lines.append("")
    if sheet.lacking:
        lines += ["## Not covered yet", "", _md(", ".join(sheet.lacking)), ""]
        if sheet.develop_next:
            lines += [f"Next: {_md(sheet.develop_next)}", ""]
    return "\n".join(lines).rstrip() + "\n"


# --- HTML --------------------------------------------------------------------------------

_CSS = """
*{box-sizing:border-box}
body{font:15px/1.35 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
 margin:0;padding:12px;color:#1d1d1f;background:#fff}
h1{font-size:1.25em;margin:0 0 2px}
.meta{color:#666;font-size:.85em;margin:0 0 10px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(290px,1fr));gap:10px}
section{border:1px solid #ddd;border-radius:8px;padding:8px 10px;break-inside:avoid}
section.bar{border-color:#c77700;background:#fffaf2}
h2{font-size:1.05em;margin:0 0 4px}
h2 .tag{font-size:.75em;color:#c77700;font-weight:600;margin-left:6px}
.slot{margin:6px 0 0;padding-top:6px;border-top:1px dotted #ddd}
.slot:first-of-type{border-top:0;padding-top:0}
.lp{font-weight:700;font-size:.8em;text-transform:uppercase;letter-spacing:.03em;color:#555}
.story{font-weight:600}
.warn{color:#b00020;font-weight:600}
.open{font-style:italic;margin:1px 0}
.metric{color:#0b6e4f}
.backup,.fu{color:#555;font-size:.88em;margin:1px 0}
.fu b{font-weight:600;color:#333}
.gaps{margin-top:10px;padding:8px 10px;background:#fdecee;border-radius:8px}
@media print{body{font-size:9pt;padding:0}.grid{grid-template-columns:repeat(3,1fr);gap:6px}
 section{padding:4px 6px}@page{margin:10mm}}
"""


def render_html(sheet: CheatSheet) -> str:
    e = html.escape
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width,initial-scale=1">',
             f"<title>Cheat sheet: {e(sheet.title)}</title>", f"<style>{_CSS}</style></head><body>",
             f"<h1>{e(sheet.title)}</h1>"]
    when = f"Interview {e(sheet.interview_date)} · " if sheet.interview_date else ""
    parts.append(f'<p class="meta">{when}made {sheet.made.isoformat()} by loopprep · '
                 "no story twice to the panel</p>")
    parts.append('<div class="grid">')
    for person in sheet.interviewers:
        tag = '<span class="tag">bar raiser</span>' if person.bar_raiser else ""
        parts.append(f'<section class="{"bar" if person.bar_raiser else ""}"><h2>{e(person.name)}{tag}</h2>')
        for slot in person.slots:
            parts.append(f'<div class="slot"><div class="lp">{e(slot.principle_name)}</div>')
            story = slot.primary
            if story is None:
                parts.append('<div class="warn">No distinct story yet</div></div>')
                continue
            unfiled = "" if story.filed else ' <span class="warn">(not filed under it)</span>'
            parts.append(f'<div class="story">{e(story.title)}{unfiled}</div>')
            parts.append(f'<div class="open">“{e(story.opening)}”</div>')
            metric = e(story.metric) if story.metric else '<span class="warn">add a metric</span>'
            parts.append(f'<div class="metric">{metric}</div>')
            if slot.backup is not None:
                parts.append(f'<div class="backup">Backup: {e(slot.backup.title)}</div>')
            for ask in slot.follow_ups:
                answer = e(ask.answer) if ask.answer else NOT_YET
                parts.append(f'<div class="fu"><b>{e(ask.question)}</b> {answer}</div>')
            parts.append("</div>")
        parts.append("</section>")
    parts.append("</div>")
    if sheet.lacking:
        parts.append(f'<div class="gaps"><b>Not covered yet:</b> {e(", ".join(sheet.lacking))}')
        if sheet.develop_next:
            parts.append(f"<br>Next: {e(sheet.develop_next)}")
        parts.append("</div>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
