"""The notes corpus of tests/note_corpus.py says what a careful reader expects of each file:
these tests check that every expectation can be checked at all (its file is there, each
story, question and answer phrase is in the file's text, each principle is one of the
framework's), and that every file of the `dev`, `heldout`, `fresh`, `blind`, `blind2`,
`blind3`, `blind4`, `blind5` and `blind6` groups is read without an error. How well the
importer reads them is measured by bench/bench_notes_corpus.py, not asserted here."""

from __future__ import annotations

from pathlib import Path

import pytest

from loopprep.frameworks import load_framework
from loopprep.importing import parse_files, read_files
from loopprep.notes.registry import StoryRegistry
from note_corpus import (
    BLIND,
    BLIND2,
    BLIND3,
    BLIND4,
    BLIND5,
    BLIND6,
    BLIND7,
    BLIND8,
    DEV,
    FRESH,
    HELDOUT,
    STYLES,
    Expected,
)

CORPUS = (DEV + HELDOUT + FRESH + BLIND + BLIND2 + BLIND3 + BLIND4 + BLIND5 + BLIND6 + BLIND7
          + BLIND8)


def _text(case: Expected) -> str:
    path = STYLES / case.file
    files = [path] if path.is_file() else sorted(path.rglob("*.md"))
    return "\n".join(f.read_text("utf-8-sig") for f in files).lower()


def test_each_file_is_in_the_corpus_once_with_its_group_folder() -> None:
    assert len({c.file for c in CORPUS}) == len(CORPUS)
    for case in CORPUS:
        assert case.file.split("/")[0] == case.group, case.file
        assert (STYLES / case.file).exists(), case.file


@pytest.mark.parametrize("case", CORPUS, ids=[Path(c.file).stem for c in CORPUS])
def test_every_expectation_names_what_the_file_says(case: Expected) -> None:
    text = _text(case)
    slugs = {p.slug for p in load_framework().principles}
    for phrase, principles in case.stories.items():
        assert phrase.lower() in text, phrase
        assert principles <= slugs, principles - slugs
    for asked, story in case.answers.items():
        assert asked.lower() in text, asked
        assert story in case.stories, story
    assert set(case.star) <= set(case.stories), set(case.star) - set(case.stories)
    assert len(case.answers) <= case.questions
    for asked in case.asked:
        assert asked.lower() in text, asked
    assert not case.asked or (len(case.asked) == case.questions
                              and set(case.answers) <= set(case.asked)), "asked: every question"


@pytest.mark.parametrize("case", CORPUS, ids=[Path(c.file).stem for c in CORPUS])
def test_every_file_is_read_without_an_error(case: Expected) -> None:
    framework = load_framework()
    docs, _ = parse_files(read_files([STYLES / case.file]), framework, StoryRegistry())
    assert docs and all(doc.path for doc in docs)


def test_the_published_figures_are_what_the_importer_does_now() -> None:
    """docs/importing.md shows the bench's per-group table; it must not drift from it
    (`python bench/bench_notes_corpus.py --markdown` prints the table to paste)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from bench_notes_corpus import markdown_table, run_all

    doc = (Path(__file__).resolve().parents[1] / "docs" / "importing.md").read_text("utf-8")
    start, end = "<!-- corpus table: bench/bench_notes_corpus.py --markdown -->", "<!-- end -->"
    published = doc.split(start, 1)[1].split(end, 1)[0].strip()
    assert published == markdown_table(run_all()).strip()
