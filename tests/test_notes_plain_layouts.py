"""Layouts of notes kept in plain text, Word or OneNote pastes and journals (issue #14), each
rule resting on a documented syntax or a habit seen in more than one public source;
fictional people and stories."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from loopprep.bank import Bank


def _read(tmp_path: Path, text: str, name: str = "notes.txt") -> tuple[dict[str, list[str]],
                                                                       dict[str, list[str]]]:
    """Import `text` as one notes file: each story's title -> its principles, and each
    question -> the titles of the stories it is linked to."""
    notes = tmp_path / name
    notes.write_text(text, encoding="utf-8")
    with Bank.open(tmp_path / "home") as bank:
        bank.import_notes([notes], now=datetime(2026, 1, 1, tzinfo=UTC))
        titles = {s.id: s.title for s in bank.stories()}
        stories = {s.title: list(s.principles) for s in bank.stories()}
        asked = {q.text: [titles[i] for i in q.story_ids] for q in bank.note_questions()}
    return stories, asked


def test_plain_text_underlined_sections_and_indented_wrapped_details(tmp_path: Path) -> None:
    """Section names underlined with dashes are headings (setext); the lines indented under
    a story's line, hard-wrapped, are its details, never stories of their own."""
    text = (
        "interview prep - warehouse lead\n\n\n"
        "FRUGALITY\n---------\n"
        "- Pallet wrap reuse\n"
        "    the night shift threw away about forty rolls of stretch wrap a week and\n"
        "    nobody had counted what that cost us\n"
        "    I weighed the bins for a month\n"
        "    result: wrap spend down 30%, same damage rate\n\n"
        "EARN TRUST\n==========\n"
        "- Owning the missed truck\n"
        "    told the store manager myself before she heard it from drivers\n\n"
        "QUESTIONS\n---------\n"
        "Q: tell me about a time you saved money\n"
        "    A: Pallet wrap reuse\n"
    )
    stories, asked = _read(tmp_path, text)
    assert stories == {"Pallet wrap reuse": ["frugality"], "Owning the missed truck": ["earn-trust"]}
    assert asked == {"tell me about a time you saved money": ["Pallet wrap reuse"]}


def test_a_line_labelled_q_that_asks_you_is_a_question(tmp_path: Path) -> None:
    """'Q: how did you …' with no question mark and no 'tell me': its label says it asks."""
    text = (
        "## Hire and Develop the Best\n\n- Coaching the new picker\n\n"
        "## Questions\n\n- Q: how did you grow someone on your team\n"
        "  - Coaching the new picker\n"
    )
    stories, asked = _read(tmp_path, text, "notes.md")
    assert stories == {"Coaching the new picker": ["hire-and-develop-the-best"]}
    assert asked == {"how did you grow someone on your team": ["Coaching the new picker"]}


def test_a_run_of_bracketed_codes_after_a_title_are_all_its_principles(tmp_path: Path) -> None:
    """'Kiosk pilot  [CO] [FR]', the codes spelt out by a key at the end of the notes."""
    text = (
        "## stories\n\n### Kiosk pilot  [CO] [FR]\nS: queues of 40 minutes\nR: 6 minutes\n\n"
        "## key\n\nCO = Customer Obsession\nFR = Frugality\nDD = Dive Deep\n"
    )
    stories, _ = _read(tmp_path, text, "notes.md")
    assert stories == {"Kiosk pilot": ["customer-obsession", "frugality"]}


def test_a_story_heading_numbered_hash_n_is_one_story_its_number_a_code(tmp_path: Path) -> None:
    """'### #2 Kiosk pilot': '#2' is the number answers use ('-> #2'), not part of the title."""
    text = (
        "## stories\n\n### #1 Ledger rewrite  [DD]\nS: books off by 2%\nR: fixed in a week\n\n"
        "### #2 Kiosk pilot  [CO]\nS: queues of 40 minutes\nR: 6 minutes\n\n"
        "## questions\n\n1. tell me about a time you delighted a customer -> #2\n\n"
        "## key\n\nCO = Customer Obsession\nDD = Dive Deep\n"
    )
    stories, asked = _read(tmp_path, text, "notes.md")
    assert stories == {"Ledger rewrite": ["dive-deep"], "Kiosk pilot": ["customer-obsession"]}
    assert asked == {"tell me about a time you delighted a customer": ["Kiosk pilot"]}


def test_word_and_onenote_o_bullets_followed_by_spaces_are_bullets(tmp_path: Path) -> None:
    """A Word or OneNote list pasted as text: '·' then 'o' then '§', each mark followed by
    spaces (not a tab) and the lines ending in CRLF after a BOM."""
    text = (
        "\ufeffOwnership\r\n·         Pallet recount\r\no    S – counts off by 4% before the audit\r\n"
        "o    R – recount done in a day\r\n"
    )
    stories, _ = _read(tmp_path, text, "notes.md")
    assert stories == {"Pallet recount": ["ownership"]}


def test_a_short_line_standing_where_the_principles_stand_is_a_section(tmp_path: Path) -> None:
    """A pasted document's headings lose their style: 'Questions I practiced' stands, as the
    principle names do, after a blank line and right over its bullets."""
    text = (
        "Ownership\n·         Pallet recount\no    R – recount done in a day\n\n"
        "Frugality\n·         Second-hand racking\n\n"
        "Questions I practiced\n·         Tell me about a time you fixed a mess -> Pallet recount\n"
    )
    stories, asked = _read(tmp_path, text, "notes.md")
    assert stories == {"Pallet recount": ["ownership"], "Second-hand racking": ["frugality"]}
    assert asked == {"Tell me about a time you fixed a mess": ["Pallet recount"]}


def test_a_detail_saying_also_and_principles_files_its_story_under_them(tmp_path: Path) -> None:
    """'also for Earn Trust – …' under a bullet, '… Also Frugality' ending a STAR line and
    'also OW — …' in a story's paragraph add principles; 'also TB? no' asks, adds none."""
    text = (
        "## Customer Obsession\n\n- Pallet recount\n  - S: counts off by 4%\n"
        "  - also for Earn Trust – I told the store first\n"
        "  - R: fixed in a day. Also Frugality\n\n"
        "## Stories\n\n### Second-hand racking\nS: racking quote was $40k\n"
        "R: bought used for $9k\nalso OW — nobody asked me\nalso works for TB? no, too small\n\n"
        "## key\n\nOW = Ownership\nTB = Think Big\n"
    )
    stories, _ = _read(tmp_path, text, "notes.md")
    assert stories == {"Pallet recount": ["customer-obsession", "earn-trust", "frugality"],
                       "Second-hand racking": ["ownership"]}


def test_same_story_works_for_a_principle_then_a_comment_adds_it(tmp_path: Path) -> None:
    """'-> same story works for customer obsession, the blind farmer is the hook': the
    principles that open the list count, the comment after them does not."""
    text = (
        "## Insist on the Highest Standards\n\n- Accessibility audit\n"
        "  - ran the screen reader on every screen myself\n"
        "  - -> same story works for customer obsession, the blind farmer is the hook\n"
    )
    stories, _ = _read(tmp_path, text, "notes.md")
    assert stories == {"Accessibility audit": ["insist-on-the-highest-standards",
                                               "customer-obsession"]}


def test_asides_with_question_marks_are_not_questions(tmp_path: Path) -> None:
    """'Kiosk pilot – ??? (only the start)', 'CO? no — …' and 'also works for TB? no' are
    notes to self; a question in another language is still one."""
    text = (
        "## Customer Obsession\n\n- Kiosk pilot – ??? (only have the start)\n\n"
        "## Stories\n\n### Second-hand racking\nS: racking quote was $40k\n"
        "CO? no — the kiosk one is better for CO\nalso works for TB? no, too small\n\n"
        "## Preguntas\n\n- ¿Cuál fue tu mayor error en un proyecto?\n"
    )
    _, asked = _read(tmp_path, text, "notes.md")
    assert list(asked) == ["¿Cuál fue tu mayor error en un proyecto?"]


def test_page_refs_of_principles_after_a_title_are_its_principles(tmp_path: Path) -> None:
    """Logseq and Roam blocks: 'Title [[Bias for Action]] [[Ownership]]'; a to-do that
    names a principle ('TODO find a story for [[Think Big]]') is no story."""
    text = (
        "- brain dump of stories\n\t- Conveyor jam [[Bias for Action]] [[Ownership]]\n"
        "\t  id:: 6770a1c2-4b1e-4f3a-9d21-0c5e8b7a3f10\n\t\t- S: sorter jammed at 6:40\n"
        "\t\t- R: 96% made the trucks\n- Pallet wrap switch [[Frugality]]\n"
        "- TODO find a story for [[Think Big]]\n"
    )
    stories, _ = _read(tmp_path, text, "notes.md")
    assert stories == {"Conveyor jam": ["bias-for-action", "ownership"],
                       "Pallet wrap switch": ["frugality"]}


def test_a_journal_day_holding_questions_is_read_as_what_it_holds(tmp_path: Path) -> None:
    """A journal's day ('- [[Jan 9th, 2026]]') and a bullet over questions hold what is
    under them: the questions are read as if they stood in their place."""
    text = (
        "- [[Jan 2nd, 2026]]\n\t- Conveyor jam [[Bias for Action]]\n\t\t- R: 96% made the trucks\n"
        "- [[Jan 9th, 2026]]\n\t- questions from the prep email\n"
        "\t\t- Q: Tell me about a time you acted without your manager -> Conveyor jam\n"
    )
    _, asked = _read(tmp_path, text, "notes.md")
    assert asked == {"Tell me about a time you acted without your manager": ["Conveyor jam"]}


def test_an_answer_after_an_arrow_may_keep_its_a_label(tmp_path: Path) -> None:
    """'Q: … -> A: conveyor jam': the answer is the story its words start, no new story."""
    text = (
        "- Conveyor jam at the Reno site [[Bias for Action]]\n"
        "- Q: Tell me about a time you acted without your manager -> A: conveyor jam\n"
    )
    stories, asked = _read(tmp_path, text, "notes.md")
    assert list(stories) == ["Conveyor jam at the Reno site"]
    assert asked == {"Tell me about a time you acted without your manager":
                     ["Conveyor jam at the Reno site"]}


def test_a_tick_grid_with_a_story_per_column_files_each_story(tmp_path: Path) -> None:
    """Principles down the first column ('LP'), a story's short name atop each other column,
    a tick where it fits; a two-column '| LP | Story |' map is no grid."""
    text = (
        "| LP | Store outage | Crash tool |\n|---|:-:|:-:|\n"
        "| Customer Obsession | ✓ | ✗ |\n| Dive Deep | ✗ | ✓ |\n| Frugality | | ✗ |\n"
    )
    stories, _ = _read(tmp_path, text, "notes.md")
    assert stories == {"Store outage": ["customer-obsession"], "Crash tool": ["dive-deep"]}


def test_a_bold_name_then_what_it_stands_for_titles_the_star_lines_under_it(tmp_path: Path) -> None:
    """'**Store outage** = in-game store outage on launch day (Oct 2024)' over its STAR
    bullets: one story, titled by its bold name, never by its Situation."""
    text = (
        "## Ownership\n\n- Store outage\n\n## the stories\n\n"
        "**Store outage** = in-game store outage on launch day of our mobile game (Oct 2024)\n"
        "- S: store down 35 min at peak\n- R: back in 12 min after the rollback\n"
    )
    stories, _ = _read(tmp_path, text, "notes.md")
    assert stories == {"Store outage": ["ownership"]}


def test_prose_right_under_a_story_heading_tells_that_story(tmp_path: Path) -> None:
    """A Docs export: '## 6.1 Learning SQL for the report' over a paragraph with no STAR
    labels is that story, titled by its heading; a mention heading joins the story."""
    text = (
        "# 1. Customer Obsession\n\n## 1.2 Ledger rewrite (short version)\n\n"
        "lead with what the customers lost when asked about customers\n\n"
        "# 2. Learn and Be Curious\n\n## 2.1 Learning SQL for the report\n\n"
        "Analytics had a 6 week backlog. I took a course on nights and wrote the query myself.\n\n"
        "## 2.2 Ledger rewrite\n\n**Situation:** books off by 2%\n\n**Result:** fixed in a week\n"
    )
    stories, _ = _read(tmp_path, text, "notes.md")
    assert stories == {"Learning SQL for the report": ["learn-and-be-curious"],
                       "Ledger rewrite": ["customer-obsession", "learn-and-be-curious"]}


def test_feedback_and_bracketed_asides_in_a_story_are_not_stories(tmp_path: Path) -> None:
    """'**Mock feedback (Ana, 1/3):** …' and '*(half done – need the Task)*' under a story's
    STAR paragraphs are notes about it, not stories of their own."""
    text = (
        "# Customer Obsession\n\n## Kiosk pilot\n\n**Situation:** queues of 40 minutes\n\n"
        "**Result:** 6 minutes\n\n**Mock feedback (Ana, 1/3):** strong, say the number first\n\n"
        "*(half done – need the Task and what I'd do differently)*\n"
    )
    stories, _ = _read(tmp_path, text, "notes.md")
    assert stories == {"Kiosk pilot": ["customer-obsession"]}


def test_a_heading_that_links_to_its_page_is_titled_by_the_link_text(tmp_path: Path) -> None:
    """Notion exports a sub-page's heading as a link to its file, parentheses in the path."""
    text = (
        "## Stories\n\n### [Kiosk pilot](Prep%20(L5,%20ops)%20a41f/Kiosk%20pilot%203c7e.md)\n\n"
        "LPs: Customer Obsession\n\nSituation: queues of 40 minutes\n\nResult: 6 minutes\n\n"
        "## Questions\n\n- Tell me about a time you delighted a customer → Kiosk pilot\n"
    )
    stories, asked = _read(tmp_path, text, "notes.md")
    assert stories == {"Kiosk pilot": ["customer-obsession"]}
    assert asked == {"Tell me about a time you delighted a customer": ["Kiosk pilot"]}


def test_an_answer_naming_a_few_words_of_one_title_names_that_story(tmp_path: Path) -> None:
    """'-> wheelchair ramp', '-> Dana': words in a row of exactly one story's title."""
    text = (
        "## Customer Obsession\n\n- Customer with the broken wheelchair ramp\n"
        "- Promoting Dana to key holder\n- Broken freezer on a Sunday\n\n## Questions\n\n"
        "- Tell me about a time you put a customer first -> wheelchair ramp\n"
        "- Tell me about a time you grew someone -> Dana\n"
        "- Tell me about a time you fixed something -> broken\n"
    )
    _, asked = _read(tmp_path, text, "notes.md")
    assert asked == {
        "Tell me about a time you put a customer first": ["Customer with the broken wheelchair ramp"],
        "Tell me about a time you grew someone": ["Promoting Dana to key holder"],
        "Tell me about a time you fixed something": [],
    }


def test_a_bullet_of_marks_alone_holds_a_place(tmp_path: Path) -> None:
    """'- ?' under a principle of an LP map: where a story will go, not a story."""
    text = "## Deliver Results\n- ? \n\n## Dive Deep\n- [[Playlist cold start fix]]\n"
    stories, asked = _read(tmp_path, text, "notes.md")
    assert stories == {"Playlist cold start fix": ["dive-deep"]} and asked == {}


def test_star_letters_with_dashes_in_star_order_are_star_parts(tmp_path: Path) -> None:
    """'S – …', 'A – …', 'R – …' under a story (Word/OneNote): its Situation and Result;
    letters with dashes out of STAR order stay text."""
    text = (
        "## Customer Obsession\n\n- Wheelchair ramp\n  - S – the side ramp was cracked\n"
        "  - A – called him myself, paid a contractor\n  - R – ramp fixed in 6 days\n"
    )
    notes = tmp_path / "notes.md"
    notes.write_text(text, encoding="utf-8")
    with Bank.open(tmp_path / "home") as bank:
        bank.import_notes([notes], now=datetime(2026, 1, 1, tzinfo=UTC))
        (story,) = bank.stories()
    assert (story.situation, story.result) == ("the side ramp was cracked", "ramp fixed in 6 days")


def test_letters_with_dashes_out_of_star_order_stay_text() -> None:
    """'R - Arts', 'S - Services', 'T - Households': a list of codes, not STAR parts."""
    from loopprep.notes.star_letters import star_letters

    lines = ["- R - Arts and leisure", "- S - Other services", "- T - Households",
             "- S – cracked ramp", "- A – called him", "- R – fixed"]
    star_letters(lines)
    assert lines == ["- R - Arts and leisure", "- S - Other services", "- T - Households",
                     "- S: cracked ramp", "- A: called him", "- R: fixed"]


def test_a_story_its_line_files_keeps_the_star_parts_nested_under_it(tmp_path: Path) -> None:
    """A Logseq block 'Conveyor jam [[Bias for Action]]' outside any principle heading:
    the S:/R: blocks under it are its Situation and Result."""
    text = (
        "- [[Dec 28th, 2025]]\n\t- Conveyor jam [[Bias for Action]]\n"
        "\t\t- S: sorter jammed at 6:40, trucks at 9\n\t\t- R: 96% made the trucks\n"
    )
    notes = tmp_path / "notes.md"
    notes.write_text(text, encoding="utf-8")
    with Bank.open(tmp_path / "home") as bank:
        bank.import_notes([notes], now=datetime(2026, 1, 1, tzinfo=UTC))
        (story,) = bank.stories()
    assert (story.title, story.situation, story.result) == (
        "Conveyor jam", "sorter jammed at 6:40, trucks at 9", "96% made the trucks")


def test_markdown_setext_headings_are_headings(tmp_path: Path) -> None:
    """'Pallet recount' over '--------------' (pandoc's default before 2020) is a heading,
    so the prose under it is that story; an underline in a code fence is code."""
    text = (
        "Ownership\n=========\n\nPallet recount\n--------------\n\n"
        "I counted the pallets myself every night for a week, found the scanner skipped "
        "**wrapped** ones.\n\n```\nnot a title\n-----------\n```\n\nQuestions\n---------\n\n"
        "- Tell me about a time you owned a mess -> Pallet recount\n"
    )
    stories, asked = _read(tmp_path, text, "notes.md")
    assert stories == {"Pallet recount": ["ownership"]}
    assert asked == {"Tell me about a time you owned a mess": ["Pallet recount"]}


def test_word_symbol_font_bullets_are_bullets(tmp_path: Path) -> None:
    """Word's default list marks pasted as text keep the Symbol and Wingdings fonts' code
    points: U+F0B7 (a bullet), 'o', U+F0A7 (a square)."""
    text = (
        "Ownership\n\uf0b7\tPallet recount\no\tS: counts off by 4% before the audit\n"
        "o\tR: recount done in a day\n\uf0a7\tthe audit passed\n\uf0b7\tSecond-hand racking\n"
    )
    stories, _ = _read(tmp_path, text, "notes.md")
    assert stories == {"Pallet recount": ["ownership"], "Second-hand racking": ["ownership"]}


def test_a_page_link_to_a_principle_is_no_story(tmp_path: Path) -> None:
    """'[[Bias for Action]] again → Conveyor jam …' files the story the arrow names under
    both principles; 'see [[Customer Obsession]] …' points at a section, tells no story."""
    text = (
        "## Ownership\n\n- Conveyor jam at the Reno site\n"
        "- [[Bias for Action]] again → Conveyor jam at the Reno site, runbook angle\n"
        "- see [[Customer Obsession]] for the kiosk one\n"
    )
    stories, _ = _read(tmp_path, text, "notes.md")
    assert stories == {"Conveyor jam at the Reno site": ["ownership", "bias-for-action"]}


def test_plain_text_stories_indented_alike_under_a_principle_are_siblings(tmp_path: Path) -> None:
    """Every story indented the same under 'Customer Obsession:' is a story of its own; only
    a line indented further than a story's line is its detail."""
    text = (
        "Customer Obsession:\n  Kiosk pilot - queues were 40 minutes, cut to 6\n"
        "  Returns desk rewrite - refunds took 9 days, now 2\n      result: NPS +12\n\n"
        "Dive Deep:\n  Ledger mismatch - books off by 2%, traced a rounding bug\n"
    )
    stories, _ = _read(tmp_path, text)
    assert stories == {"Kiosk pilot": ["customer-obsession"],
                       "Returns desk rewrite": ["customer-obsession"],
                       "Ledger mismatch": ["dive-deep"]}


def test_markdown_details_indented_under_a_bullet_are_not_its_title(tmp_path: Path) -> None:
    """'* Kiosk pilot' over '    queues were 40 minutes' (typed, not wrapped) in Markdown:
    details; a bullet's sentence wrapped at the width goes on in its title."""
    text = (
        "## Customer Obsession\n\n* Kiosk pilot at the Leeds store\n"
        "    queues were 40 minutes at lunch\n    result: 6 minutes, NPS +12\n"
        "* Returns desk rewrite, refunds took nine days and customers called us every\n"
        "  single day about it\n\n"
        "**Note:** the loop is on the 27th, and this line is long enough to set the width\n"
    )
    notes = tmp_path / "notes.md"
    notes.write_text(text, encoding="utf-8")
    with Bank.open(tmp_path / "home") as bank:
        bank.import_notes([notes], now=datetime(2026, 1, 1, tzinfo=UTC))
        told = {s.title: "\n".join(f.text for f in s.fragments) for s in bank.stories()}
    kiosk, returns = told["Kiosk pilot at the Leeds store"], told[
        "Returns desk rewrite, refunds took nine days and customers…"]
    assert "- queues were 40 minutes at lunch" in kiosk and "every single day" in returns


def test_a_line_alone_naming_the_questions_ends_the_principle_above(tmp_path: Path) -> None:
    """'QUESTIONS' alone over 'Q: … / A: …' lines after '## Dive Deep': its own section."""
    text = (
        "## Dive Deep\n\n- Ledger mismatch\n  - R: fixed, audit passed\n\n"
        "QUESTIONS\nQ: tell me about a time you went deep\nA: Ledger mismatch\n"
    )
    stories, asked = _read(tmp_path, text, "notes.md")
    assert stories == {"Ledger mismatch": ["dive-deep"]}
    assert asked == {"tell me about a time you went deep": ["Ledger mismatch"]}


def test_a_tick_grid_with_an_empty_corner_cell_is_read(tmp_path: Path) -> None:
    """'| | Warehouse move | Missed truck |': the corner cell over the principles left empty."""
    text = (
        "| | Warehouse move | Missed truck |\n|---|---|---|\n"
        "| Deliver Results | ✓ | |\n| Earn Trust | | ✓ |\n| Frugality | | |\n"
    )
    stories, _ = _read(tmp_path, text, "notes.md")
    assert stories == {"Warehouse move": ["deliver-results"], "Missed truck": ["earn-trust"]}


def test_a_title_ending_in_an_emphasised_also_list_is_filed_under_it(tmp_path: Path) -> None:
    """'### **1.2 Returns desk** *(also Earn Trust)*' (a Docs export) is the story
    'Returns desk', filed under its section's principle and Earn Trust."""
    text = (
        "## **Customer Obsession**\n\n### **1.2 Returns desk** *(also Earn Trust)*\n\n"
        "**S:** refunds took 9 days\n\n**R:** 2 days\n"
    )
    stories, _ = _read(tmp_path, text, "notes.md")
    assert stories == {"Returns desk": ["earn-trust", "customer-obsession"]}


def test_a_bullet_pointing_at_another_principles_story_files_that_story(tmp_path: Path) -> None:
    """'the a11y audit (see Insist on the Highest Standards)' under Customer Obsession:
    the 'Accessibility audit' told there is filed under Customer Obsession too; a pointer
    that matches no story there stays a story of its own."""
    text = (
        "## Customer Obsession\n\n- the a11y audit (see Insist on the Highest Standards)\n"
        "- the kiosk pilot (see Frugality)\n\n"
        "## Insist on the Highest Standards\n\n- Accessibility audit\n  - R: 37 issues fixed\n"
    )
    stories, _ = _read(tmp_path, text, "notes.md")
    assert stories == {"Accessibility audit": ["customer-obsession",
                                               "insist-on-the-highest-standards"],
                       "The kiosk pilot": ["customer-obsession"]}


def test_a_logseq_property_under_a_block_stays_its_property_under_a_heading(tmp_path: Path) -> None:
    """'  lp:: [[Hire and Develop the Best]]' under its block, below a heading: the block's
    principles (the Markdown detail rule leaves a property alone)."""
    text = (
        "## Stories\n- Hiring three shift leads\n  lp:: [[Hire and Develop the Best]]\n"
        "\t- promoted Marcus, all 3 still there a year later\n"
    )
    stories, _ = _read(tmp_path, text, "notes.md")
    assert stories == {"Hiring three shift leads": ["hire-and-develop-the-best"]}


def test_a_journal_day_holds_stories_and_is_none(tmp_path: Path) -> None:
    """'- [[Jan 2nd, 2026]]' over a block told by its 'lp::' property: that block is the
    story; a date heading ('## 2026-01-05') never titles the STAR lines under it."""
    text = (
        "- [[Jan 2nd, 2026]]\n\t- Hiring three shift leads\n\t  lp:: [[Hire and Develop the Best]]\n"
        "\t\t- promoted Marcus, all 3 still there a year later\n"
    )
    stories, _ = _read(tmp_path, text, "notes.md")
    assert stories == {"Hiring three shift leads": ["hire-and-develop-the-best"]}
    headed = "## 2026-01-05\n\n**Situation:** stretch wrap cost $31k a year\n\n**Result:** $12k saved\n"
    (tmp_path / "2").mkdir()
    stories, _ = _read(tmp_path / "2", headed, "notes.md")
    assert "2026-01-05" not in stories
