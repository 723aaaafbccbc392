"""A note's first lines as page properties ('lp:: [[Earn Trust]]', Logseq's page properties
and Dataview's fields) and a labelled line of tags ('tags: #lp/dive-deep'): the note's
own principles, no story of their own (fictional notes, written for these tests)."""

from __future__ import annotations

from pathlib import Path

from conftest import CLI
from loopprep.notes.frontmatter import FrontMatter, page_properties


def test_a_note_s_first_property_lines_are_its_front_matter() -> None:
    fm = page_properties(FrontMatter({}, "lp:: [[Earn Trust]]\ntype:: story\n\nMy release broke"
                                     " carts.\nowner:: me", 1))
    assert fm.data == {"lp": "[[Earn Trust]]", "type": "story"}
    assert fm.body.split("\n") == ["", "", "", "My release broke carts.", "owner:: me"]
    kept = FrontMatter({"title": "T"}, "lp:: [[Earn Trust]]", 4)
    assert page_properties(kept) is kept  # YAML front matter: the lines stay the body's


def test_vault_notes_with_page_properties_or_a_tags_line_file_their_stories(
        cli: CLI, tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "Apologising for the broken release.md").write_text(
        "lp:: [[Earn Trust]]\n\nMy release broke saved carts. I posted the postmortem first.\n",
        encoding="utf-8")
    (vault / "Slow product page.md").write_text(
        "tags: #lp/dive-deep\n\nProfiling showed a 900 KB carousel script.\n", encoding="utf-8")
    cli.json("import", vault)
    stories = {s["title"]: s["principles"] for s in cli.json("stories")["stories"]}  # type: ignore[index]
    assert stories == {"Apologising for the broken release": ["earn-trust"],
                       "Slow product page": ["dive-deep"]}
