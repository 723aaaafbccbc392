"""Property-based tests of the markup dialects (notes/dialects.py): whatever the text, a
dialect's rewrite never raises and keeps one line for each line of the file, so every
file:line the import report gives still points at the user's own text; and the import of
such a file never crashes."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loopprep.frameworks import load_framework
from loopprep.importing import NotesFile, parse_files
from loopprep.notes.dialects import as_markdown
from loopprep.notes.registry import StoryRegistry

FRAMEWORK = load_framework("amazon")
#: the marks each dialect's reader acts on, and words that name principles or stories
MARKS = st.sampled_from([
    "* ", "** ", "*** TODO ", ":PROPERTIES:", ":END:", ":LOGBOOK:", "#+TITLE: ", "#+TODO: A | B",
    ":CO:BFA:", " :: ", "[[*Headline]]", "[[https://x.example][link]]", "= ", "== ", "=== ",
    "|===", "[cols=\"1,2\"]", "[horizontal]", "Term:: ", "NOTE: ", "----", "....", "[qanda]",
    "// ", "////", "Ownership", "Dive Deep", "Situation:", "Tell me about a time", "- ",
    "  - ", "\t", "?", "é", "—", ":", "title: ", "lps: [", "]", "{", "}", "\"", "- id: ", "q: ",
    "h2. ", "||", "|", "{expand}", "=====", "~~~~~", ".. ", ":Principles: ", "#CustomerObsession",
])
LINE = st.lists(st.one_of(MARKS, st.text(max_size=6)), max_size=8).map("".join)
TEXT = st.lists(LINE, max_size=25).map("\n".join)
SUFFIXES = st.sampled_from([".org", ".adoc", ".rst", ".txt", ".md", ".yaml", ".json"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, SUFFIXES)
def test_a_dialect_keeps_a_line_for_each_line(text: str, suffix: str) -> None:
    out = as_markdown(text, Path(f"notes{suffix}"), FRAMEWORK)
    assert out.count("\n") == text.count("\n")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, SUFFIXES)
def test_a_file_in_any_dialect_imports_without_a_crash(text: str, suffix: str) -> None:
    docs, _ = parse_files([NotesFile(Path(f"notes{suffix}"), text, "x")], FRAMEWORK,
                          StoryRegistry())
    assert len(docs) == 1
