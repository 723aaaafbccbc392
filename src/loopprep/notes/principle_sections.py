"""What pass 1 keeps and reports for each principle section of a file: the principle's
own text (leaving out lines pasted from another principle's), and a finding for a
section with no story.
"""

from __future__ import annotations

from loopprep.model import Framework, PrincipleSlug, SourceRef
from loopprep.notes.drafts import ParsedNotes, PrincipleText
from loopprep.notes.outline import Paragraph
from loopprep.notes.principles import normalise


def principle_texts(
    doc: ParsedNotes, texts: dict[PrincipleSlug, list[Paragraph]], framework: Framework
) -> None:
    """Keep each principle's own text from the notes; report lines pasted from another."""
    # (principle, index of the line within its section, file line, text)
    lines: list[tuple[PrincipleSlug, int, int, str]] = []
    for slug, paras in texts.items():
        index = 0
        for para in paras:
            for offset, text in enumerate(para.text.split("\n")):
                if text.strip():
                    lines.append((slug, index, para.line + offset, text))
                    index += 1
    stray: set[tuple[PrincipleSlug, int]] = set()
    for slug, index, line_no, text in lines:
        words = _word_set(text)
        if len(words) < 8:
            continue
        for other, other_index, other_line, other_text in lines:
            if other == slug or (other, other_line) in stray:
                continue
            other_words = _word_set(other_text)
            if len(words & other_words) / max(1, len(words | other_words)) < 0.8:
                continue
            own_fit = _keyword_fit(text, framework, slug)
            other_fit = _keyword_fit(text, framework, other)
            if other_fit > own_fit or (other_fit == own_fit and index > other_index):
                stray.add((slug, line_no))
                here, there = framework.get(slug), framework.get(other)
                doc.note(
                    "pasted-text",
                    f"the text under {here.name if here else slug} repeats the text of "
                    f"{there.name if there else other} (line {other_line}); it looks pasted "
                    "here by mistake and is not used as this principle's description",
                    line_no,
                )
                break
    for slug in texts:
        kept = [(n, t) for s_, _, n, t in lines if s_ == slug and (slug, n) not in stray]
        if kept:
            doc.principle_texts.append(
                PrincipleText(slug, "\n".join(t for _, t in kept), SourceRef(doc.path, kept[0][0]))
            )


def _word_set(text: str) -> set[str]:
    return set(normalise(text).split())


def _keyword_fit(text: str, framework: Framework, slug: PrincipleSlug) -> int:
    principle = framework.get(slug)
    if principle is None:
        return 0
    norm = f" {normalise(text)} "
    return sum(1 for k in principle.keywords if f" {normalise(k)} " in norm)


def empty_sections(doc: ParsedNotes, framework: Framework, seen: dict[PrincipleSlug, int]) -> None:
    linked = {link.principle for link in doc.links}
    reflections = {f.source.line for f in doc.findings if f.code == "reflection" and f.source}
    for slug, line in seen.items():
        if slug in linked:
            continue
        principle = framework.get(slug)
        name = principle.name if principle else slug
        if any(_section_owner(doc, r, seen) == slug for r in reflections):
            doc.note("no-story", f"{name} has no story, only a reflection", line)
        else:
            doc.note("no-story", f"{name} has no story yet", line)


def _section_owner(doc: ParsedNotes, line: int, seen: dict[PrincipleSlug, int]) -> PrincipleSlug | None:
    owner = None
    for slug, start in sorted(seen.items(), key=lambda kv: kv[1]):
        if start <= line:
            owner = slug
    return owner
