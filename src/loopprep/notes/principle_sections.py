"""What pass 1 keeps and reports for each principle section of a file: the principle's
own text (leaving out lines pasted from another principle's), and a finding for a
section with no story.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import NamedTuple

from loopprep.model import Framework, PrincipleSlug, SourceRef
from loopprep.notes.drafts import ParsedNotes, PrincipleText
from loopprep.notes.outline import Paragraph
from loopprep.notes.principles import normalise


def principle_texts(
    doc: ParsedNotes, texts: dict[PrincipleSlug, list[Paragraph]], framework: Framework
) -> None:
    """Keep each principle's own text from the notes; report lines pasted from another."""
    lines = _section_lines(texts)
    stray = _pasted_lines(doc, lines, list(texts), framework)
    for slug in texts:
        kept = [(line.line_no, line.text) for line in lines
                if line.slug == slug and (slug, line.line_no) not in stray]
        if kept:
            doc.principle_texts.append(
                PrincipleText(slug, "\n".join(t for _, t in kept), SourceRef(doc.path, kept[0][0]))
            )


class _Line(NamedTuple):
    slug: PrincipleSlug
    place: int  # the line's place within its principle's section
    line_no: int
    text: str
    words: frozenset[str]


def _section_lines(texts: dict[PrincipleSlug, list[Paragraph]]) -> list[_Line]:
    """Every non-blank line of every principle's text, section by section."""
    lines: list[_Line] = []
    for slug, paras in texts.items():
        index = 0
        for para in paras:
            for offset, text in enumerate(para.text.split("\n")):
                if text.strip():
                    lines.append(_Line(slug, index, para.line + offset, text, _word_set(text)))
                    index += 1
    return lines


class _Copies:
    """The lines of one principle's section that have one same set of words, in order, and
    which of them are not yet found pasted (a skip list over the found ones)."""

    def __init__(self) -> None:
        self.lines: list[_Line] = []
        self._next: list[int] = []

    def add(self, line: _Line) -> int:
        self.lines.append(line)
        self._next.append(len(self._next))
        return len(self.lines) - 1

    def first_kept(self) -> _Line | None:
        i = self._find(0)
        return self.lines[i] if i < len(self.lines) else None

    def drop(self, position: int) -> None:
        self._next[position] = position + 1

    def _find(self, i: int) -> int:
        root = i
        while root < len(self._next) and self._next[root] != root:
            root = self._next[root]
        while i < len(self._next) and self._next[i] != i:
            self._next[i], i = root, self._next[i]
        return root


def _pasted_lines(doc: ParsedNotes, lines: list[_Line], order: list[PrincipleSlug],
                  framework: Framework) -> set[tuple[PrincipleSlug, int]]:
    """The (principle, line) of each line that repeats (by 80% of its words) a line of another
    principle it fits less, or as well but later in its section; each is noted. Each line is
    compared only with the lines that can reach that overlap: those sharing one of its
    rarest words."""
    copies: dict[tuple[PrincipleSlug, frozenset[str]], _Copies] = {}
    where: dict[tuple[PrincipleSlug, int], list[tuple[_Copies, int]]] = defaultdict(list)
    for line in lines:
        group = copies.setdefault((line.slug, line.words), _Copies())
        where[(line.slug, line.line_no)].append((group, group.add(line)))
    slugs_with: dict[frozenset[str], set[PrincipleSlug]] = defaultdict(set)
    for slug, words in copies:
        slugs_with[words].add(slug)
    similar = _SimilarWords(list(slugs_with))
    fit = _Fits(framework)
    stray: set[tuple[PrincipleSlug, int]] = set()
    for line in lines:
        if len(line.words) < 8:
            continue
        near = similar.near(line.words)
        own_fit = fit(line.text, line.slug)
        for other in order:
            if other == line.slug:
                continue
            other_fit = fit(line.text, other)
            if other_fit < own_fit:
                continue
            before = None if other_fit > own_fit else line.place
            first = _first_copy(copies, near, other, slugs_with, before)
            if first is None:
                continue
            stray.add((line.slug, line.line_no))
            for group, position in where[(line.slug, line.line_no)]:
                group.drop(position)
            here, there = framework.get(line.slug), framework.get(other)
            doc.note(
                "pasted-text",
                f"the text under {here.name if here else line.slug} repeats the text of "
                f"{there.name if there else other} (line {first.line_no}); it looks pasted "
                "here by mistake and is not used as this principle's description",
                line.line_no,
            )
            break
    return stray


def _first_copy(copies: dict[tuple[PrincipleSlug, frozenset[str]], _Copies],
                near: list[frozenset[str]], other: PrincipleSlug,
                slugs_with: dict[frozenset[str], set[PrincipleSlug]],
                before: int | None) -> _Line | None:
    """The first line of `other`'s section, not found pasted, whose words are `near`, and
    (unless `before` is None) whose place in its section is below `before`."""
    best: _Line | None = None
    for words in near:
        if other not in slugs_with[words]:
            continue
        found = copies[(other, words)].first_kept()
        if found is not None and (before is None or found.place < before) and (
                best is None or found.place < best.place):
            best = found
    return best


class _SimilarWords:
    """Word sets, found by the sets that overlap a given one by 80% (Jaccard)."""

    def __init__(self, sets: list[frozenset[str]]) -> None:
        self.frequency: Counter[str] = Counter(w for words in sets for w in words)
        self.holding: dict[str, list[frozenset[str]]] = defaultdict(list)
        for words in sets:
            for word in words:
                self.holding[word].append(words)
        self._cache: dict[frozenset[str], list[frozenset[str]]] = {}

    def near(self, words: frozenset[str]) -> list[frozenset[str]]:
        if words not in self._cache:
            # a set overlapping by 80% shares at least ceil(0.8 * n) of the n words, so one
            # of any n - ceil(0.8 * n) + 1 of them
            rarest = sorted(words, key=lambda w: (self.frequency[w], w))
            prefix = rarest[:len(words) - (4 * len(words) + 4) // 5 + 1]
            seen = {other for word in prefix for other in self.holding[word]}
            self._cache[words] = [o for o in seen if len(words & o) / max(1, len(words | o)) >= 0.8]
        return self._cache[words]


class _Fits:
    """How many of a principle's keywords a line names, remembered per line and principle."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self._cache: dict[tuple[str, PrincipleSlug], int] = {}

    def __call__(self, text: str, slug: PrincipleSlug) -> int:
        key = (text, slug)
        if key not in self._cache:
            self._cache[key] = keyword_fit(text, self.framework, slug)
        return self._cache[key]


def _word_set(text: str) -> frozenset[str]:
    return frozenset(normalise(text).split())


def keyword_fit(text: str, framework: Framework, slug: PrincipleSlug) -> int:
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
