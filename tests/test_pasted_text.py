"""The principle texts an import keeps, and the lines it reports as pasted under the wrong
principle, are those of the plain all-pairs comparison (kept here as the reference): the
import finds them through an index of words, so its time grows with the file, not with
its square."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loopprep.frameworks import load_framework
from loopprep.model import Framework, PrincipleSlug, SourceRef
from loopprep.notes.drafts import ParsedNotes, PrincipleText
from loopprep.notes.outline import Paragraph
from loopprep.notes.principle_sections import _word_set, keyword_fit, principle_texts

FRAMEWORK = load_framework("amazon")
SLUGS = [p.slug for p in FRAMEWORK.principles][:5]
# few words, some of them the principles' keywords, so lines repeat one another often
WORDS = ["customer", "obsession", "trust", "data", "deep", "own", "long", "term", "team",
         "results", "bar", "high", "candid", "listen", "frugal", "cost"]


def reference(doc: ParsedNotes, texts: dict[PrincipleSlug, list[Paragraph]],
              framework: Framework) -> None:
    """Every line against every line of the other principles, in order."""
    lines = []
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
            own_fit = keyword_fit(text, framework, slug)
            other_fit = keyword_fit(text, framework, other)
            if other_fit > own_fit or (other_fit == own_fit and index > other_index):
                stray.add((slug, line_no))
                doc.note("pasted-text", f"{slug} {other} {other_line}", line_no)
                break
    for slug in texts:
        kept = [(n, t) for s_, _, n, t in lines if s_ == slug and (slug, n) not in stray]
        if kept:
            doc.principle_texts.append(
                PrincipleText(slug, "\n".join(t for _, t in kept), SourceRef(doc.path, kept[0][0])))


line_text = st.lists(st.sampled_from(WORDS), min_size=6, max_size=11, unique=True).map(" ".join)


@st.composite
def sections(draw: st.DrawFn) -> list[tuple[PrincipleSlug, list[str]]]:
    """Sections whose lines are mostly copies of a few lines, some with a word more or less."""
    pool = draw(st.lists(line_text, min_size=1, max_size=4))
    def one_line() -> str:
        words = draw(st.sampled_from(pool)).split()
        change = draw(st.sampled_from(["same", "same", "drop", "add"]))
        if change == "drop" and len(words) > 1:
            words.pop(draw(st.integers(0, len(words) - 1)))
        elif change == "add":
            words.append(draw(st.sampled_from(WORDS)))
        return " ".join(words)
    return [(draw(st.sampled_from(SLUGS)), [one_line() for _ in range(draw(st.integers(1, 4)))])
            for _ in range(draw(st.integers(2, 12)))]


@settings(max_examples=300, deadline=None)
@given(sections())
def test_the_same_lines_are_found_pasted_as_by_comparing_every_pair(
        found: list[tuple[PrincipleSlug, list[str]]]) -> None:
    texts: dict[PrincipleSlug, list[Paragraph]] = {}
    line = 1
    for slug, paragraph in found:
        texts.setdefault(slug, []).append(Paragraph("\n".join(paragraph), line, line + len(paragraph)))
        line += len(paragraph) + 1
    fast, slow = ParsedNotes("notes.md", {}, []), ParsedNotes("notes.md", {}, [])
    principle_texts(fast, texts, FRAMEWORK)
    reference(slow, texts, FRAMEWORK)
    assert fast.principle_texts == slow.principle_texts
    # the same lines, each naming the same earlier line it repeats
    assert [(f.source, f.message.split("(line ")[1].split(")")[0]) for f in fast.findings] == [
        (f.source, f.message.split()[-1]) for f in slow.findings]
    assert [f.source for f in fast.findings] == [f.source for f in slow.findings]


def test_a_line_pasted_under_a_second_principle_is_reported_there() -> None:
    text = "Leaders are right a lot and have strong judgment and good instincts always"
    texts = {PrincipleSlug("are-right-a-lot"): [Paragraph(text, 3, 3)],
             PrincipleSlug("frugality"): [Paragraph("Accomplish more with less.\n" + text, 8, 9)]}
    doc = ParsedNotes("notes.md", {}, [])
    principle_texts(doc, texts, FRAMEWORK)
    assert [(f.code, f.source.line if f.source else None) for f in doc.findings] == [("pasted-text", 9)]
    assert [t.text for t in doc.principle_texts] == [text, "Accomplish more with less."]
