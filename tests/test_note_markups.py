"""Notes kept in Confluence wiki markup or reStructuredText are read by their published
syntax (`notes.confluence`, `notes.rst`, hooked in `notes.dialects`), each rewritten line
for line as Markdown; fictional people and stories, written for these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import CLI, import_text
from loopprep.frameworks import load_framework
from loopprep.notes.dialects import as_markdown

CONFLUENCE = """h1. Onsite prep

{note}Private page. Earn Trust and Frugality come up a lot at this company.{note}

h2. Stories

h3. Seed bank catalogue rebuild
*LPs:* Invent and Simplify, Dive Deep

||Situation|Volunteers logged seeds in three spreadsheets that disagreed.|
||Result|One catalogue; lookups went from ten minutes to one.|

h3. Borrowed cold room
*LPs:* Frugality

# asked the brewery next door for a shelf in their cold room
# saved the 4k a new fridge would have cost

h2. Questions

{expand:title=Asked last time}
||Question||Story||
|Tell me about a time you made something simpler.|[Seed bank catalogue rebuild|#Seedbankcataloguerebuild]|
|Tell me about a time you did more with less.|Borrowed cold room|

{expand}

{panel:title=Coach's notes|borderStyle=dashed}
Borrowed cold room story shows Earn Trust too, maybe.
{panel}
"""


def test_confluence_headings_tables_and_macros(cli: CLI, tmp_path: Path) -> None:
    """`h3.` titles are headings, `*LPs:*` a label line, `||Situation|…|` rows STAR
    lines, `#` a numbered list; a `||Question||Story||` table inside `{expand}` links each
    question; `{note}` and `{panel}` are asides whose principle names file nothing."""
    stories, questions = import_text(cli, tmp_path, CONFLUENCE, "prep.txt")
    assert stories == {"Seed bank catalogue rebuild": ["invent-and-simplify", "dive-deep"],
                       "Borrowed cold room": ["frugality"]}
    assert questions == [
        ("Tell me about a time you made something simpler.", ["Seed bank catalogue rebuild"]),
        ("Tell me about a time you did more with less.", ["Borrowed cold room"])]


def test_confluence_is_recognised_by_its_markers_and_keeps_its_lines() -> None:
    """Wiki markup is recognised without a suffix of its own, each line staying on its
    line (a header-over-rows table moves down into the blank line after it); Markdown
    that merely mentions `h2. ` in a sentence is left alone."""
    framework = load_framework("amazon")
    text = as_markdown(CONFLUENCE, Path("prep.txt"), framework)
    assert text.count("\n") == CONFLUENCE.count("\n")
    lines = text.split("\n")
    assert lines[6] == "### Seed bank catalogue rebuild"
    assert lines[9] == "- Situation: Volunteers logged seeds in three spreadsheets that disagreed."
    assert lines[2].startswith("> [!note] Private page.")
    at_end = "h1. Prep\nh2. Questions\n\n||Question||Story||\n|Tell me about a time.|Borrowed cold room|"
    assert as_markdown(at_end, Path("prep.txt"), framework).split("\n")[2:] == [
        "| Question | Story |", "|---|---|", "| Tell me about a time. | Borrowed cold room |"]
    plain = "# Notes\n\nConfluence pages start with h2. headings, I never use them.\n"
    assert as_markdown(plain, Path("notes.md"), framework) == plain


RST = """=================
Panel interview
=================

:Author: Wren
:Date: 2026-04-01

.. note::

   Ask about Frugality and Ownership examples; bring water.

Stories
=======

Moving the allotment waitlist online
------------------------------------

:Principles: Customer Obsession, Invent and Simplify

Situation
   The waitlist was a paper ledger and people waited two years without
   hearing anything.

Result
   Everyone on it got a status email; the wait dropped to eight months.

.. comment: the Frugality story still needs numbers

Questions
=========

Tell me about a time you improved something for customers.
   Use *Moving the allotment waitlist online*, the ledger detail first.

Log from the pilot::

   Situation: not a story, just a log line
"""


def test_restructuredtext_titles_fields_definitions_and_directives(
        cli: CLI, tmp_path: Path) -> None:
    """Underlined titles are headings, a field list is label lines (the docinfo under the
    document title is metadata), a label term over its definition is a STAR line and a
    question term's definition names the story; a `.. note::` is an aside, a comment and
    a literal block make nothing."""
    stories, questions = import_text(cli, tmp_path, RST, "prep.rst")
    assert stories == {"Moving the allotment waitlist online": ["customer-obsession",
                                                                "invent-and-simplify"]}
    assert questions == [("Tell me about a time you improved something for customers.",
                          ["Moving the allotment waitlist online"])]


def test_restructuredtext_is_recognised_by_its_markers_and_keeps_its_lines() -> None:
    """An `.rst` file, or one holding a directive and an underlined title, is read as
    reStructuredText line for line; Markdown with a setext heading is left alone."""
    framework = load_framework("amazon")
    for name in ("prep.rst", "prep.txt"):
        text = as_markdown(RST, Path(name), framework)
        assert text.count("\n") == RST.count("\n")
        lines = text.split("\n")
        assert lines[1] == "# Panel interview"
        assert lines[14] == "### Moving the allotment waitlist online"
        assert lines[17] == "Principles: Customer Obsession, Invent and Simplify"
        assert lines[19].startswith("- Situation: The waitlist was a paper ledger and people")
    plain = "Notes\n=====\n\n- one bullet\n\nMore\n----\n\ntext\n"
    assert as_markdown(plain, Path("notes.md"), framework) == plain


HASHTAGS = """# Interview stories #jobsearch

## Greenhouse Sensor Mesh

**Situation.** Sensors in the far rows dropped out every night.

**Result.** Dropouts fell from 30 a night to 2.

#CustomerObsession #dive_deep

## Tool Library Budget

Reused the old lockers instead of buying racks, and lent the spare ones out. #Frugality #hiring #todo

## Ownership

- Fixed the leaking irrigation timer nobody owned #BiasForAction
"""


def test_hashtags_spelling_a_principle_file_the_story_of_their_section(
        cli: CLI, tmp_path: Path) -> None:
    """CamelCase and snake_case tags (a tag holds no spaces) name principles; a line of
    them, or the run ending a paragraph, files the story its section is about; under a
    principle heading they file the item they end. A one-word tag that is only a common
    word (`#hiring`) and `#todo` name nothing, and `#todo` stays in the text."""
    stories, _ = import_text(cli, tmp_path, HASHTAGS, "stories.md")
    assert stories == {"Greenhouse Sensor Mesh": ["customer-obsession", "dive-deep"],
                       "Tool Library Budget": ["frugality"],
                       "Fixed the leaking irrigation timer nobody owned": ["ownership",
                                                                           "bias-for-action"]}
    text = as_markdown(HASHTAGS, Path("stories.md"), load_framework("amazon"))
    assert text.count("\\n") == HASHTAGS.count("\\n")
    assert "lent the spare ones out. #hiring #todo" in text


YARLE_NOTE = """# Seed swap logistics

---
Tag(s): interview, customer-obsession, earn_trust

---
- Situation: swap day queues ran round the block
- Result: a booking sheet cut the wait to ten minutes

    Created at: 2025-11-02T09:14:00+00:00
    Updated at: 2025-11-09T18:02:00+00:00
"""

BOLD_FIELDS_NOTE = """# Borrowed cold room

---

**Tags:** prep, Frugality, story
**Notebook:** Job search
**Created:** 2025-10-01 20:00
**Updated:** 2025-10-03 07:30

---

Asked the brewery next door for a shelf in their cold room instead of buying a fridge.
"""


def test_a_note_exports_metadata_block_gives_its_tags_as_principles(
        cli: CLI, tmp_path: Path) -> None:
    """Under an exported note's title, the `Tag(s):` or `**Tags:**` field names the
    note's principles (each tag that spells one); `Notebook`, `Created`, `Updated` and
    yarle's indented `Created at:` footer are metadata, never stories."""
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Seed swap logistics.md").write_text(YARLE_NOTE, encoding="utf-8")
    (folder / "Borrowed cold room.md").write_text(BOLD_FIELDS_NOTE, encoding="utf-8")
    cli.json("import", folder)
    stories: list[dict[str, Any]] = cli.json("stories")["stories"]  # type: ignore[index]
    assert {s["title"]: s["principles"] for s in stories} == {
        "Seed swap logistics": ["customer-obsession", "earn-trust"],
        "Borrowed cold room": ["frugality"]}
    text = as_markdown(BOLD_FIELDS_NOTE, Path("n.md"), load_framework("amazon"))
    assert text.split("\n")[:9] == ["# Borrowed cold room", "", "", "", "#lp/frugality",
                                    "", "", "", ""]


RST_NO_TITLE = """Pond liner recall
-----------------

:Principles: Ownership

Hedge survey app
----------------

:Principles: Dive Deep
"""


def test_restructuredtext_fields_under_a_first_section_are_not_docinfo(
        cli: CLI, tmp_path: Path) -> None:
    """Only a document title (its style used once) has docinfo over its body: fields
    under the first of several sections are that section's."""
    stories, _ = import_text(cli, tmp_path, RST_NO_TITLE, "stories.rst")
    assert stories == {"Pond liner recall": ["ownership"], "Hedge survey app": ["dive-deep"]}


RST_TABLES = """Prep
====

Stories
-------

Pond liner recall
~~~~~~~~~~~~~~~~~

:Principles: Ownership

Hedge survey app
~~~~~~~~~~~~~~~~

:Principles: Dive Deep

Questions
---------

+------------------------------------------+-------------------+
| Question                                 | Story             |
+==========================================+===================+
| Tell me about a time you took ownership  | Pond liner recall |
| of a problem that was not yours.         |                   |
+------------------------------------------+-------------------+

==============================================  =================
Question                                        Story
==============================================  =================
Tell me about a time you dug into the data.     Hedge survey app
==============================================  =================
"""


def test_restructuredtext_grid_and_simple_tables_of_questions_link_their_stories(
        cli: CLI, tmp_path: Path) -> None:
    """A grid table (a cell wrapped over two lines) and a simple table, each of
    `Question | Story` rows, ask each question and link the story its row names."""
    stories, questions = import_text(cli, tmp_path, RST_TABLES, "prep.rst")
    assert stories == {"Pond liner recall": ["ownership"], "Hedge survey app": ["dive-deep"]}
    assert questions == [
        ("Tell me about a time you took ownership of a problem that was not yours.",
         ["Pond liner recall"]),
        ("Tell me about a time you dug into the data.", ["Hedge survey app"])]


RST_LIST_TABLE = """Prep
====

Pond liner recall
-----------------

:Principles: Ownership

Questions
---------

.. list-table:: Likely questions
   :header-rows: 1
   :widths: 60 40

   * - Question
     - Story
   * - Tell me about a time you took ownership of a problem
       that was not yours.
     - Pond liner recall
"""


def test_a_restructuredtext_list_table_of_questions_links_their_stories(
        cli: CLI, tmp_path: Path) -> None:
    """A `.. list-table::` with `:header-rows: 1` is a table: its `* - Question` rows ask
    and link the story their second cell names (a cell wrapped over two lines joined)."""
    stories, questions = import_text(cli, tmp_path, RST_LIST_TABLE, "prep.rst")
    assert stories == {"Pond liner recall": ["ownership"]}
    assert questions == [
        ("Tell me about a time you took ownership of a problem that was not yours.",
         ["Pond liner recall"])]


TAG_ITEM = """# Stories

## Greenhouse Sensor Mesh

- Situation: sensors in the far rows dropped out every night.
- Result: dropouts fell from 30 a night to 2.
- #CustomerObsession #DiveDeep
"""


def test_a_list_item_of_principle_hashtags_files_its_sections_story(
        cli: CLI, tmp_path: Path) -> None:
    """A bullet holding only tags is a line of tags: it files the section's story and is
    no story of its own."""
    stories, _ = import_text(cli, tmp_path, TAG_ITEM, "stories.md")
    assert stories == {"Greenhouse Sensor Mesh": ["customer-obsession", "dive-deep"]}


TEXTILE = """h1. Interview prep

###. a comment: remember Frugality

h2. Stories

h3. Borrowed cold room

p. Asked the brewery next door for a shelf instead of buying a fridge.

* LPs: Frugality

h2. Questions

|_. Question |_. Story |
|Tell me about a time you did more with less.|Borrowed cold room|

See "the LP page":https://www.amazon.jobs/content/en/our-workplace/leadership-principles.
"""


def test_textile_marks_in_a_wiki_page_are_read(cli: CLI, tmp_path: Path) -> None:
    """Textile (Redmine's wiki) shares Confluence's headings and lists; its `|_. head |`
    cells make a header row, a `p. ` signature opens a paragraph, `###. ` is a comment and
    `"text":url` a link. A question table closed by a line of text still asks."""
    stories, questions = import_text(cli, tmp_path, TEXTILE, "prep.txt")
    assert stories == {"Borrowed cold room": ["frugality"]}
    assert questions == [("Tell me about a time you did more with less.", ["Borrowed cold room"])]
    text = as_markdown(TEXTILE, Path("prep.txt"), load_framework("amazon"))
    assert "See [the LP page](https://www.amazon.jobs/" in text
    assert "Asked the brewery" in text.split("\n")[8] and "comment" not in text


WIKITEXT = """= Interview prep =
<!-- private page -->
__TOC__

== Stories ==

=== Borrowed cold room ===
'''LPs:''' Frugality, Earn Trust

; Situation
: the seed store needed cold space and there was no budget.
; Result : the brewery lent us a shelf for free.

=== Hedge survey app ===
* LPs: Dive Deep
* rounded hedge lengths found in the volunteer app {{todo}}

== Questions ==

{| class="wikitable"
! Question !! Story
|-
| Tell me about a time you did more with less. || Borrowed cold room
|-
| Tell me about a time you dug into the data. || [[Hedge survey app]]
|}

See [https://www.amazon.jobs/content/en/our-workplace/leadership-principles the LPs].
"""


def test_mediawiki_sections_definitions_and_tables(cli: CLI, tmp_path: Path) -> None:
    """`== Title ==` sections are headings, `'''LPs:'''` a bold label line, `; Situation`
    with its `: text` a STAR line, `{| … |}` a table whose `!` row is its header (each row
    asks and links); a `<!-- -->` comment, `__TOC__` and `{{templates}}` say nothing."""
    stories, questions = import_text(cli, tmp_path, WIKITEXT, "prep.txt")
    assert stories == {"Borrowed cold room": ["frugality", "earn-trust"],
                       "Hedge survey app": ["dive-deep"]}
    assert questions == [
        ("Tell me about a time you did more with less.", ["Borrowed cold room"]),
        ("Tell me about a time you dug into the data.", ["Hedge survey app"])]
    text = as_markdown(WIKITEXT, Path("prep.txt"), load_framework("amazon"))
    assert text.count("\n") == WIKITEXT.count("\n")
    assert "private page" not in text and "{{todo}}" not in text
    fenced = "# Notes\n\n```python\ndef f():\n    '''A docstring.'''\n```\n\n{|\n| a cell\n|}\n"
    assert as_markdown(fenced, Path("notes.md"), load_framework("amazon")) == fenced


DOKUWIKI = """====== Interview prep ======
~~NOTOC~~

===== Stories =====

==== Borrowed cold room ====
**LPs:** Frugality, Earn Trust

  * Situation: the seed store needed cold space and there was no budget.
  * Result: the brewery lent us a shelf for free. /* check the date */

==== Hedge survey app ====
**LPs:** Dive Deep

  * Situation: the survey counts disagreed every spring.
  * Result: //rounding// in the volunteer app, found and fixed.

===== Questions =====

^ Question ^ Story ^
| Tell me about a time you did more with less. | Borrowed cold room |
| Tell me about a time you dug into the data. | [[Hedge survey app]] |

<code>
  * not a list
</code>
See [[https://www.amazon.jobs/content/en/our-workplace/leadership-principles|the LPs]].
"""


def test_dokuwiki_headings_lists_and_tables(cli: CLI, tmp_path: Path) -> None:
    """DokuWiki's headings run the other way (`======` the first level, `====` the
    third), its lists are indented two spaces, `^ head ^` rows head a table whose rows
    ask and link; `<code>` is code, `/* */` a comment, `~~NOTOC~~` a switch."""
    stories, questions = import_text(cli, tmp_path, DOKUWIKI, "prep.txt")
    assert stories == {"Borrowed cold room": ["frugality", "earn-trust"],
                       "Hedge survey app": ["dive-deep"]}
    assert questions == [
        ("Tell me about a time you did more with less.", ["Borrowed cold room"]),
        ("Tell me about a time you dug into the data.", ["Hedge survey app"])]
    lines = as_markdown(DOKUWIKI, Path("prep.txt"), load_framework("amazon")).split("\n")
    assert len(lines) == DOKUWIKI.count("\n") + 1
    assert (lines[0], lines[3], lines[5]) == ("# Interview prep", "## Stories",
                                              "### Borrowed cold room")
