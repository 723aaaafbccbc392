"""Property-based tests: the importer never crashes on arbitrary Markdown and never
silently drops a bullet (each ends in a story, a question outline, a technical subtopic or
note, or a reported note)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loopprep.frameworks import load_framework
from loopprep.importing import NotesFile, parse_files
from loopprep.notes.outline import ListBlock, parse_outline
from loopprep.notes.registry import StoryRegistry

FRAMEWORK = load_framework("amazon")

words = st.sampled_from(
    ["IRPWIND", "TenneT", "again", "example", "Example:", "True.", "need to", "saved 30%",
     "Tell me about a time", "?", "Customer", "Obsession", "Dive", "Deep", "[[Note]]", ":",
     ",", "we", "I", "led", "the", "team", "2019", "Q:", "#tag", "**bold**", "`code`", "é", "—"]
)
phrase = st.lists(st.one_of(words, st.text(min_size=1, max_size=8)), min_size=0,
                  max_size=8).map(" ".join)
heading = st.tuples(st.integers(1, 4), st.one_of(
    st.sampled_from(["Customer Obsession", "Me", "Dive Deep", "Are Right, A Lot",
                     "Have Backbone; Disagree and Commit", "Questions", "Technical",
                     "Strive to be Earth’s Best Employer", "Notes", "Technical Interview",
                     "Coding", "Data structures", "Graphs", "System design"]),
    phrase,
)).map(lambda t: "#" * t[0] + " " + t[1])
indent = st.sampled_from(["", "  ", "   ", "\t", "    ", "\t\t", " "])
marker = st.sampled_from(["- ", "* ", "+ ", "1. ", "2) ", "10. ", "- [ ] ", "- [x] "])
bullet = st.tuples(indent, marker, phrase).map(lambda t: "".join(t))
line = st.one_of(heading, bullet, bullet, bullet, phrase, st.just(""), st.just("```"),
                 st.just("---"), st.text(max_size=30))
front = st.one_of(st.just(""), st.just("---\ntitle: A story\nprinciples: [ownership]\n---\n"),
                 st.just("---\ntype: technical\n---\n"),
                 st.just("---\ncreated: 2025-01-01\n---\n"))
document = st.tuples(front, st.lists(line, max_size=40)).map(
    lambda t: t[0] + "\n".join(t[1]))


def _parse(text: str) -> list:  # type: ignore[type-arg]
    files = [NotesFile(Path("/notes/n.md"), text, "x")]
    docs, _ = parse_files(files, FRAMEWORK, StoryRegistry())
    return docs


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_importer_never_crashes_and_places_every_bullet(text: str) -> None:
    from loopprep.errors import NotesError

    try:
        docs = _parse(text)
    except NotesError:
        return  # broken front matter is a clear user error, not a crash
    doc = docs[0]
    items = [item for block in doc.blocks if isinstance(block, ListBlock)
             for item in block.walk()]
    for item in items:
        assert item.line in doc.placed, f"bullet at line {item.line} ({item.text!r}) was dropped"
    for where in doc.placed.values():
        kind, _, value = where.partition(":")
        assert kind in {"story", "question", "finding", "story-note", "technical"}
        if kind == "story":
            assert value in {key for key, _ in doc.fragments}
        if kind == "technical":
            assert value in ({d.subtopic.id for d in doc.technical}
                             | {n.subject for n in doc.technical_notes})
        if kind == "finding":
            assert any(f.code == value for f in doc.findings)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_outline_parser_accepts_any_text(text: str) -> None:
    blocks = parse_outline(text)
    lines = text.split("\n")
    for block in blocks:
        if isinstance(block, ListBlock):
            for item in block.walk():
                assert 1 <= item.line <= len(lines)
