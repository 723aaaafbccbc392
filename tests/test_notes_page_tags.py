"""Logseq's tags on a story's block: a tag of one word written bare (`#Frugality`) beside
tags of several words in brackets (`#[[Dive Deep]]`), as Logseq's docs write them; each
names a principle of the story (fictional people and stories)."""

from __future__ import annotations

from pathlib import Path

from conftest import CLI, import_text
from loopprep.frameworks import load_framework
from loopprep.notes.hashtags import principle_hashtags

AMAZON = load_framework("amazon")


def test_a_bare_tag_before_a_bracketed_one_is_read_and_both_kept() -> None:
    line = "\t- Ferry CDN bill #story #Frugality #[[Dive Deep]]"
    assert principle_hashtags(line, AMAZON) == \
        "\t- Ferry CDN bill #story #[[Dive Deep]] #lp/frugality"


def test_a_block_tagged_bare_and_bracketed_files_its_story_under_both(
        cli: CLI, tmp_path: Path) -> None:
    text = ("- ## Stories\n"
            "\t- Ferry CDN bill #Frugality #[[Dive Deep]]\n"
            "\t\t- found we served 4000px originals to phones\n"
            "\t\t- egress down 38%\n"
            "\t- Harbour crane outage #[[Bias for Action]] #Ownership\n"
            "\t\t- rolled back the controller update at 2am\n")
    stories, _ = import_text(cli, tmp_path, text, "stories.md")
    assert {t: sorted(p) for t, p in stories.items()} == {
        "Ferry CDN bill": ["dive-deep", "frugality"],
        "Harbour crane outage": ["bias-for-action", "ownership"]}
