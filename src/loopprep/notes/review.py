"""What the import was unsure of or left unplaced, and the user's corrections to it.

The nodes to review are the lines the import reported instead of filing: a bullet outside
any principle or question, a reflection, a to-do or note to self. Each comes with a
suggestion for each choice: the principle of the section it sits in (or the one its
words name), and the story told just above it.

A correction names the node by its file and its text (not its line, which moves as the
notes are edited), and is applied to the parsed notes at every import of that file, so a
re-import gives the same bank: a story filed under a principle, a detail of a story, a
question, or nothing at all.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from loopprep.model import Finding, Fragment, Framework, PrincipleSlug, SourceRef, fragment_text_key
from loopprep.notes.bullets import make_title
from loopprep.notes.drafts import LinkDraft, ParsedNotes
from loopprep.notes.principles import normalise
from loopprep.notes.registry import StoryRegistry
from loopprep.notes.story_identity import define_titled
from loopprep.store.review import Correction, ReviewNode

#: the findings that leave a line of the notes unfiled
REVIEWED = ("unplaced-bullet", "reflection", "not-a-story")
_MARK = re.compile(r"^\s*(?:#+|[-*+•]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")


class Pending(NamedTuple):
    """A node to review, with the key of the story suggested for it (ids come later)."""

    node: ReviewNode
    story_key: str | None


def node_text(doc: ParsedNotes, line: int) -> str:
    """The line as written, without its bullet mark or checkbox."""
    index = line - doc.body_start_line
    text = doc.body_lines[index] if 0 <= index < len(doc.body_lines) else ""
    return _MARK.sub("", text).strip()


def _reviewed(doc: ParsedNotes) -> list[tuple[Finding, str, str]]:
    """(finding, text, text key) for each finding that leaves a line unfiled."""
    out = []
    for finding in doc.findings:
        if finding.code in REVIEWED and finding.source is not None:
            text = node_text(doc, finding.source.line)
            if text:
                out.append((finding, text, fragment_text_key(text)))
    return out


def apply_corrections(doc: ParsedNotes, corrections: list[Correction], framework: Framework,
                      registry: StoryRegistry) -> None:
    """File each node of `doc` the user corrected as they chose; its finding goes. A
    correction naming a story or principle that no longer exists is left for review."""
    chosen = {c.text_key: c for c in corrections if c.source_path == doc.path}
    if not chosen:
        return
    done: set[int] = set()
    for finding, text, key in _reviewed(doc):
        correction = chosen.get(key)
        assert finding.source is not None
        if correction is not None and _apply(doc, correction, text, finding.source.line,
                                             framework, registry):
            done.add(id(finding))
    doc.findings = [f for f in doc.findings if id(f) not in done]


def _apply(doc: ParsedNotes, correction: Correction, text: str, line: int,
           framework: Framework, registry: StoryRegistry) -> bool:
    source = SourceRef(doc.path, line)
    if correction.choice == "story":
        principle = framework.get(correction.target)
        if principle is None:
            return False
        key = define_titled(doc, make_title(text), line, registry)
        doc.fragments.append((key, Fragment(text, source, principle.slug)))
        doc.links.append(LinkDraft(key, principle.slug, source, text.split("\n")[0]))
        doc.placed[line] = f"story:{key}"
        gone = f"{principle.name} has no story"  # its section has one now
        doc.findings = [f for f in doc.findings
                        if not (f.code == "no-story" and f.message.startswith(gone))]
    elif correction.choice == "detail":
        known = registry.by_id(correction.target)
        if known is None:
            return False
        doc.fragments.append((known.key, Fragment(text, source, None)))
        doc.placed[line] = f"story:{known.key}"
    elif correction.choice == "question":
        doc.ask(text, line)
        doc.placed[line] = f"question:{len(doc.questions) - 1}"
    else:
        doc.placed[line] = "ignored"
    return True


def review_nodes(doc: ParsedNotes, framework: Framework) -> list[Pending]:
    """The nodes of `doc` left to review, each with its suggestions."""
    reviewed = _reviewed(doc)
    if not reviewed:
        return []
    story_lines = sorted((line, where[len("story:"):]) for line, where in doc.placed.items()
                         if where.startswith("story:"))
    link_lines = sorted((link.source.line, link.principle) for link in doc.links)
    out = []
    for finding, text, key in reviewed:
        assert finding.source is not None
        line = finding.source.line
        above = bisect.bisect_left(story_lines, (line, ""))
        story_key = story_lines[above - 1][1] if above else None
        out.append(Pending(ReviewNode(finding.source, finding.code, text, key, finding.message,
                                      _principle_for(finding.code, text, line, link_lines,
                                                     framework)), story_key))
    return out


def _principle_for(code: str, text: str, line: int, link_lines: list[tuple[int, PrincipleSlug]],
                   framework: Framework) -> str | None:
    """The principle to suggest: for a line under a principle (a reflection, a to-do), the
    one its section files stories under; for a line outside any, the one whose keywords it
    names most; else the other way round."""
    above = bisect.bisect_left(link_lines, (line, ""))
    section = link_lines[above - 1][1] if above else None
    if code == "unplaced-bullet":
        return _named_by_keywords(text, framework) or section
    return section or _named_by_keywords(text, framework)


#: id of a framework -> (the framework, its principles in order, each keyword phrase
#: padded with spaces by its first word, with the principles whose keyword it is)
_KEYWORDS: dict[int, tuple[Framework, list[PrincipleSlug],
                           dict[str, list[tuple[str, list[int]]]]]] = {}


def _keyword_index(framework: Framework) -> tuple[Framework, list[PrincipleSlug],
                                                  dict[str, list[tuple[str, list[int]]]]]:
    kept = _KEYWORDS.get(id(framework))
    if kept is None or kept[0] is not framework:
        by_phrase: dict[str, list[int]] = {}
        for place, principle in enumerate(framework.principles):
            for keyword in (f" {normalise(k)} " for k in principle.keywords):
                by_phrase.setdefault(keyword, []).append(place)
        by_first: dict[str, list[tuple[str, list[int]]]] = {}
        for phrase, places in by_phrase.items():
            by_first.setdefault(phrase.split(" ", 2)[1], []).append((phrase, places))
        kept = _KEYWORDS[id(framework)] = (
            framework, [p.slug for p in framework.principles], by_first)
    return kept


def _named_by_keywords(text: str, framework: Framework) -> PrincipleSlug | None:
    """The first principle naming the most of its keywords in `text` (none: None)."""
    _, slugs, by_first = _keyword_index(framework)
    words = normalise(text)
    padded = f" {words} "
    fit = [0] * len(slugs)
    for word in set(words.split()):  # a phrase is found only where its first word is
        for phrase, places in by_first.get(word, ()):
            if phrase in padded:
                for place in places:
                    fit[place] += 1
    best = max(range(len(slugs)), key=fit.__getitem__, default=None)
    return slugs[best] if best is not None and fit[best] else None
