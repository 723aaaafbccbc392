"""Notes kept in org-mode, AsciiDoc or as YAML/JSON records are read by their published
syntax (`notes.dialects`), each rewritten line for line as Markdown; fictional people and
stories, written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CLI, import_text
from loopprep.errors import NotesError
from loopprep.frameworks import load_framework
from loopprep.notes.dialects import as_markdown

ORG = """#+TITLE: Loop prep
#+TODO: TODO WIP | SOLID
# a comment line: CO = my shorthand, never a heading

* Stories
** SOLID [#A] Greenhouse sensor mesh                              :CO:gardening:
   :PROPERTIES:
   :EMPLOYER: Verdant Labs
   :END:
   - Situation :: sensors in the far rows dropped out every night
   - Result :: dropouts fell from 30 a night to 2
** WIP Tool library budget [1/2]                                  :FRU:
   SCHEDULED: <2026-03-02 Mon>
   - Action :: reused the old lockers instead of buying racks
* Questions
** Tell me about a time you obsessed over a customer's problem
   - [[*Greenhouse sensor mesh]]
"""


def test_org_mode_headlines_tags_drawers_and_description_lists(cli: CLI, tmp_path: Path) -> None:
    """Headlines lose their TODO keyword (declared by `#+TODO:`), priority and progress
    cookie; tags that name principles file the story; a drawer, a `# ` comment and a
    planning line make nothing; `[[*Headline]]` names the story."""
    stories, questions = import_text(cli, tmp_path, ORG, "prep.org")
    assert stories == {"Greenhouse sensor mesh": ["customer-obsession"],
                       "Tool library budget": ["frugality"]}
    assert questions == [("Tell me about a time you obsessed over a customer's problem",
                          ["Greenhouse sensor mesh"])]


def test_org_mode_is_recognised_by_its_markers_without_the_suffix() -> None:
    """A `.txt` file with `#+TITLE:` and `*`/`**` headlines is read as org-mode; Markdown
    with `*` bullets is left alone."""
    framework = load_framework("amazon")
    text = as_markdown(ORG, Path("prep.txt"), framework)
    assert text.count("\n") == ORG.count("\n")
    assert "### Greenhouse sensor mesh (CO)" in text.split("\n")
    plain = "# Notes\n\n* one bullet\n* another bullet\n"
    assert as_markdown(plain, Path("notes.md"), framework) == plain


ADOC = """= Prep handbook
Ines Okafor <ines@example.org>
:toc: left

NOTE: the loop is on a Tuesday; expect Earn Trust twice.

== Stories

=== Greenhouse sensor mesh

[horizontal]
LPs:: Customer Obsession, Dive Deep
Situation:: sensors in the far rows dropped out every night
Result:: dropouts fell from 30 a night to 2

// TODO: a Frugality story

== Questions

[cols="3,1"]
|===
|Question |Story

|Tell me about a time you dug into a problem nobody else would.
|Greenhouse sensor mesh
|===
"""


def test_asciidoc_sections_description_lists_admonitions_and_tables(
        cli: CLI, tmp_path: Path) -> None:
    """`===` titles are headings, `Term:: text` items are label lines, a `NOTE:` paragraph
    is an aside (its principle names file nothing), and a `|===` table of questions and
    stories links each question (its cells one a line, its column count from `cols`)."""
    stories, questions = import_text(cli, tmp_path, ADOC, "prep.adoc")
    assert stories == {"Greenhouse sensor mesh": ["customer-obsession", "dive-deep"]}
    assert questions == [("Tell me about a time you dug into a problem nobody else would.",
                          ["Greenhouse sensor mesh"])]


YAML = """# my story bank
owner: Ines Okafor
stories:
  - id: mesh
    lps: [Customer Obsession, Dive Deep]
    title: Greenhouse sensor mesh
    when: 2025-06
    situation: >
      sensors in the far rows
      dropped out every night
    action:
      - moved the gateways
      - added a relay node
    result: dropouts fell from 30 a night to 2
  - id: lockers
    name: Tool library budget
    principles:
      - Frugality
questions:
  - q: Tell me about a time you went deep on a technical problem.
    story: mesh
  - question: Tell me about doing more with less.
    answer: Tool library budget
"""


def test_a_yaml_story_bank_gives_stories_and_linked_questions(cli: CLI, tmp_path: Path) -> None:
    """Records with a title-like key and a principles-like key are stories, whatever the
    order of their keys; `q:` records link the story their `story:` key names by id or by
    title."""
    stories, questions = import_text(cli, tmp_path, YAML, "bank.yaml")
    assert stories == {"Greenhouse sensor mesh": ["customer-obsession", "dive-deep"],
                       "Tool library budget": ["frugality"]}
    assert questions == [
        ("Tell me about a time you went deep on a technical problem.", ["Greenhouse sensor mesh"]),
        ("Tell me about doing more with less.", ["Tool library budget"]),
    ]


def test_a_json_story_bank_is_read_like_yaml(cli: CLI, tmp_path: Path) -> None:
    text = ('{"stories": [\n  {"title": "Greenhouse sensor mesh",\n'
            '   "lps": ["Customer Obsession"],\n   "result": "dropouts fell to 2"}\n]}\n')
    stories, _ = import_text(cli, tmp_path, text, "bank.json")
    assert stories == {"Greenhouse sensor mesh": ["customer-obsession"]}


def test_yaml_records_keep_the_front_matter_safety_bounds() -> None:
    """An alias (`*name`) is refused as in front matter, never expanded: an error at its
    line (read as text, the bank's records would be lost without a word); YAML that is not
    a story bank is read as text."""
    framework = load_framework("amazon")
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nstories:\n  - title: T\n    result: *b\n"
    with pytest.raises(NotesError, match=r"bank\.yaml:2: this story bank cannot be read: "
                                         r"aliases \(\*name\) are not allowed"):
        as_markdown(bomb, Path("bank.yaml"), framework)
    other = "name: my config\nvalues: [1, 2]\n"
    assert as_markdown(other, Path("config.yml"), framework) == other


def test_nested_principle_tags_on_a_line_under_a_heading_file_its_story(
        cli: CLI, tmp_path: Path) -> None:
    """Bear and Obsidian nest tags with `/` (`#jobs/lp/dive-deep`); a line of such tags
    right under a `##`+ heading files that heading's story, whose icon is no part of its
    title. Under the note's `#` title the tags stay the note's, as before."""
    text = ("# Prep 🎯\n#jobs/2026\n\n## 📚 Stories\n\n### 🔧 Greenhouse sensor mesh\n"
            "#jobs/lp/customer-obsession #jobs/lp/dive-deep\n- dropouts fell to 2 a night\n\n"
            "### 🧰 Tool library budget\n#jobs/lp/frugality\n- reused the old lockers\n")
    stories, _ = import_text(cli, tmp_path, text, "bear.md")
    assert stories == {"Greenhouse sensor mesh": ["customer-obsession", "dive-deep"],
                       "Tool library budget": ["frugality"]}


def test_a_task_box_is_no_part_of_a_card_title(cli: CLI, tmp_path: Path) -> None:
    """Kanban boards kept as Markdown (Obsidian's Kanban plugin) write each card as a task
    item, `- [ ] **Title** #lp/…`: the title loses the box and the bold."""
    text = ("## Doing\n\n- [ ] **Greenhouse sensor mesh** #lp/dive-deep\n\n## Done\n\n"
            "- [x] **Tool library budget** #lp/frugality\n")
    stories, _ = import_text(cli, tmp_path, text, "board.md")
    assert stories == {"Greenhouse sensor mesh": ["dive-deep"], "Tool library budget": ["frugality"]}


def test_a_roam_attribute_with_several_page_links_names_each(cli: CLI, tmp_path: Path) -> None:
    """Roam writes an attribute's values as page links side by side, `LP:: [[A]] [[B]]`
    (Logseq with commas): each one is a value."""
    text = ("- Stories #[[story bank]]\n    - [[Greenhouse sensor mesh]]\n"
            "        - LP:: [[Customer Obsession]] [[Dive Deep]]\n"
            "        - Situation:: sensors in the far rows dropped out\n"
            "        - Result:: dropouts fell to 2 a night\n    - [[Tool library budget]]\n"
            "        - LP:: [[Frugality]]\n        - Action:: reused the old lockers\n")
    stories, _ = import_text(cli, tmp_path, text, "roam.md")
    assert {t.strip("[]"): p for t, p in stories.items()} == {
        "Greenhouse sensor mesh": ["customer-obsession", "dive-deep"],
        "Tool library budget": ["frugality"]}


def test_a_double_hyphen_in_a_heading_is_a_dash(cli: CLI, tmp_path: Path) -> None:
    """`--` is how plain text types a dash (pandoc's smart punctuation reads it as one):
    `## Story 1 -- Title` is titled like `## Story 1 – Title`."""
    text = ("## Story 1 -- Greenhouse sensor mesh\n- **LPs:** Dive Deep\n"
            "- Situation: sensors dropped out\n- Result: dropouts fell to 2\n\n"
            "## Story 2 -- Tool library budget\n- **LPs:** Frugality\n"
            "- Action: reused the old lockers\n- Result: no new racks bought\n")
    stories, _ = import_text(cli, tmp_path, text, "prep.md")
    assert stories == {"Greenhouse sensor mesh": ["dive-deep"], "Tool library budget": ["frugality"]}


def test_asciidoc_is_recognised_by_its_markers_without_the_suffix() -> None:
    """Two `==` section lines or a `|===` table make a text AsciiDoc; one `= ` line in
    Markdown notes (a sum, say) does not, and its `----` rule stays a rule."""
    framework = load_framework("amazon")
    assert as_markdown(ADOC, Path("prep.txt"), framework).startswith("# Prep handbook\n")
    markdown = "## Stories\n\n= 3 pilots in all\n\n----\n\n[[Ownership]]\n"
    assert as_markdown(markdown, Path("notes.md"), framework) == markdown


QANDA = """= Prep
== Stories
=== Greenhouse sensor mesh
LPs:: Dive Deep
Situation:: sensors dropped out
Result:: dropouts fell to 2

=== Tool library budget
LPs:: Frugality
Action:: reused the old lockers

== Questions

[qanda]
Tell me about a time you went deep on a technical problem.::
Greenhouse sensor mesh

Tell me about doing more with less.:: Tool library budget
"""


def test_an_asciidoc_qanda_list_asks_and_links(cli: CLI, tmp_path: Path) -> None:
    """A `[qanda]` list's terms are questions and their descriptions the answers, which
    name the story; a section right under the title is no header line."""
    stories, questions = import_text(cli, tmp_path, QANDA, "qa.adoc")
    assert stories == {"Greenhouse sensor mesh": ["dive-deep"], "Tool library budget": ["frugality"]}
    assert questions == [
        ("Tell me about a time you went deep on a technical problem.", ["Greenhouse sensor mesh"]),
        ("Tell me about doing more with less.", ["Tool library budget"]),
    ]


def test_a_json_story_bank_indented_with_tabs_is_read() -> None:
    text = '{\n\t"stories": [\n\t\t{\n\t\t\t"title": "Mesh",\n\t\t\t"lps": ["Dive Deep"]\n\t\t}\n\t]\n}\n'
    markdown = as_markdown(text, Path("bank.json"), load_framework("amazon"))
    assert "## Mesh" in markdown.split("\n") and markdown.count("\n") == text.count("\n")
