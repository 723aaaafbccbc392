"""A story's principles on a line under its title with any short label ('Good for:', 'Use
for:', 'Fits:'), as plain-text and pasted notes write them; never a list of gaps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import CLI, import_text


def _import(cli: CLI, tmp_path: Path, text: str) -> dict[str, list[str]]:
    name = "notes.md" if text.startswith(("- ", "#")) else "notes.txt"
    return import_text(cli, tmp_path, text, name)[0]


def _vault(tmp_path: Path, notes: dict[str, str]) -> Path:
    """A vault folder holding `notes` (path inside the vault -> text)."""
    vault = tmp_path / "vault"
    for name, text in notes.items():
        (vault / name).parent.mkdir(parents=True, exist_ok=True)
        (vault / name).write_text(text, encoding="utf-8")
    return vault


def test_any_short_label_under_a_title_files_each_story_apart(cli: CLI, tmp_path: Path) -> None:
    text = ("Interview notes\n\n"
            "Ferry timetable app\nGood for: customer obsession, bias for action\n"
            "S: commuters missed the last ferry twice a week\nT: I owned the app\n"
            "A: I added live delays from the harbour feed in two weeks\n"
            "R: missed sailings fell by 70%\n\n"
            "Warehouse label audit\nUse for: dive deep\n"
            "S: one parcel in 40 went to the wrong depot\nT: find out why\n"
            "A: I read a month of scan logs line by line\n"
            "R: a printer font swapped two digits; mislabels stopped\n"
            "Gaps: think big, frugality\n\n"
            "Not covered yet: earn trust, ownership\n")
    assert _import(cli, tmp_path, text) == {
        "Ferry timetable app": ["customer-obsession", "bias-for-action"],
        "Warehouse label audit": ["dive-deep"],
    }


def test_a_namespaced_logseq_page_tag_names_its_principle(cli: CLI, tmp_path: Path) -> None:
    """Logseq pages in a namespace: '#[[LP/Dive Deep]]' is the tag of the page Dive Deep."""
    text = ("- ## Stories\n"
            "\t- Pallet scan gaps #[[LP/Dive Deep]] #[[LP/Ownership]]\n"
            "\t\t- S: one pallet in 30 had no scan at the dock\n"
            "\t\t- A: I matched a week of scans against the gate camera myself\n"
            "\t\t- R: a loose reader cable; gaps fell to one in 2,000\n")
    assert _import(cli, tmp_path, text) == {"Pallet scan gaps": ["dive-deep", "ownership"]}


def test_a_matrix_headed_by_codes_with_a_key_line_and_dot_marks(cli: CLI, tmp_path: Path) -> None:
    """Columns headed by short codes that a 'Column key:' line spells out with a space only,
    '●' for the lead story and '○' for a backup (both file the story)."""
    text = ("# Story grid\n\n| Story | CO | Own | DD | Fru |\n|---|---|---|---|---|\n"
            "| Harbour crane sensors | ● |  | ○ |  |\n| Spare-parts reuse |  | ○ |  | ● |\n\n"
            "Column key: CO Customer Obsession, Own Ownership, DD Dive Deep, Fru Frugality.\n")
    assert _import(cli, tmp_path, text.replace("# Story grid", "# Story grid\n")) == {
        "Harbour crane sensors": ["customer-obsession", "dive-deep"],
        "Spare-parts reuse": ["ownership", "frugality"],
    }


def test_a_toggle_with_a_property_table_is_a_story_titled_by_its_summary(
        cli: CLI, tmp_path: Path) -> None:
    """A Notion toggle: the summary (with its page icon) titles the story, the property
    table's 'LPs' row files it, and the table's rows are no story titles."""
    text = ("# Prep\n\n## Story bank\n\n<details>\n<summary>📗 Ferry ticket refunds</summary>\n\n"
            "| Property | Value |\n| --- | --- |\n| LPs | Customer Obsession, Earn Trust |\n"
            "| Ready? | ✅ |\n\n**Situation** — refunds took 40 days\n\n"
            "**Action** — I moved refunds to the same day for fares under €50\n\n"
            "**Result** — complaints fell by half in a month\n\n</details>\n")
    assert _import(cli, tmp_path, text) == {
        "Ferry ticket refunds": ["customer-obsession", "earn-trust"]}


def test_a_docs_export_contents_list_and_heading_anchors_are_no_stories(
        cli: CLI, tmp_path: Path) -> None:
    """Google Docs' Markdown: a contents list of in-page links and '{#anchor}' after each
    heading; the stories are the headings, titled without their anchor, bold or number."""
    text = ("# **Story doc**\n\n[1\\. Ferry refunds](#1.-ferry-refunds)\n\n"
            "[Questions](#questions)\n\n## **1\\. Ferry refunds** {#1.-ferry-refunds}\n\n"
            "**LPs:** Customer Obsession\n\n* **Situation:** refunds took 40 days\n"
            "* **Result:** same-day refunds; complaints halved\n\n## **Questions** {#questions}\n")
    assert _import(cli, tmp_path, text) == {"Ferry refunds": ["customer-obsession"]}


def test_a_flat_word_outline_nests_bullets_under_their_lettered_story(
        cli: CLI, tmp_path: Path) -> None:
    """Word pasted flat: '1.' a principle, 'a.' a story, 'i.' its STAR lines, and '•' its
    plain details, every line at the margin; the bullets are the story's, not stories."""
    text = ("Loop prep\r\n\r\n1.\tOwnership\r\na.\tDepot cutover (2024)\r\n"
            "i.\tS: 900 drivers moved to a new depot in one night\r\n"
            "ii.\tR: zero missed rounds\r\n2.\tEarn Trust\r\na.\tTelling the drivers first\r\n"
            "•\tthe move slipped a week because of my plan\r\n"
            "•\tI told every shift myself before the memo went out\r\n")
    assert _import(cli, tmp_path, text) == {"Depot cutover (2024)": ["ownership"],
                                            "Telling the drivers first": ["earn-trust"]}


def test_codes_in_braces_after_a_title_with_a_key_on_the_line_below_its_intro(
        cli: CLI, tmp_path: Path) -> None:
    """'Key (my shorthand):' then 'CO cust obsession · OWN ownership · …' on the next line;
    a story heading ends in its codes in braces."""
    text = ("# Prep diary\n\nKey (my shorthand):\n"
            "OWN ownership · HDB hire/develop · HSB highest standards (bar) · FRU frugality\n\n"
            "### Depot rota rebuild {OWN, HSB}\n- S: rota errors every week\n"
            "- R: errors fell to one a month\n\n### Coaching the night leads {HDB}\n"
            "- S: two new leads, no training\n- R: both run the shift alone now\n")
    assert _import(cli, tmp_path, text) == {
        "Depot rota rebuild": ["ownership", "insist-on-the-highest-standards"],
        "Coaching the night leads": ["hire-and-develop-the-best"]}


def test_a_title_a_label_line_and_plain_bullets_make_a_story(cli: CLI, tmp_path: Path) -> None:
    """No STAR labels: a title line, 'Good for: …' under it and its bullets are one story,
    and its principles are not lent to the next story."""
    text = ("Story notes\n\nTyre supplier deal\nGood for: frugality, have backbone\n"
            "- supplier wanted 10% more\n- I went back with usage data\n- 5% cheaper in the end\n\n"
            "Scanner outage\nGood for: bias for action\nS: scanners down at 6am\n"
            "A: I switched the depot to paper manifests in 20 minutes\nR: every van left on time\n")
    assert _import(cli, tmp_path, text) == {
        "Tyre supplier deal": ["frugality", "have-backbone"],
        "Scanner outage": ["bias-for-action"]}


def test_an_italic_label_and_a_dotted_number_before_a_bold_title(cli: CLI, tmp_path: Path) -> None:
    """'*Principles:* …' in italics, '**1.2 Title**' numbered in two levels."""
    text = ("# **1. Story notes**\n\n**1.2 Ledger rounding bug**\n\n*Principles:* Dive Deep\n\n"
            "* Situation: totals drifted 0.3% a month\n* Result: drift zero in three weeks\n")
    assert _import(cli, tmp_path, text) == {"Ledger rounding bug": ["dive-deep"]}


def test_a_users_type_story_note_is_filed_by_its_lps(cli: CLI, tmp_path: Path) -> None:
    """A vault note with 'type: story' (as Dataview users write) and 'lps:' but none of
    loopprep's own 'principles:': its principles come from 'lps:'."""
    cli.json("import", _vault(tmp_path, {"Stories/Depot cutover.md": (
        "---\ntype: story\nlps: [Ownership, \"[[Deliver Results]]\"]\n---\n# Depot cutover\n\n"
        "## Situation\n900 drivers moved in one night.\n\n## Result\nZero missed rounds.\n")}))
    stories: list[dict[str, Any]] = cli.json("stories")["stories"]  # type: ignore[index]
    assert {s["title"]: s["principles"] for s in stories} == {
        "Depot cutover": ["ownership", "deliver-results"]}


def test_a_bullet_holding_only_stories_and_an_lps_line_with_a_dash(
        cli: CLI, tmp_path: Path) -> None:
    """A OneNote paste: '• Examples' over 'o Example A: …' bullets, each with its STAR
    lines and an 'LPs – A; B' line (a dash, not a colon)."""
    text = ("My examples\n\n•\tCompetency examples\n\to\tExample A: Depot cutover\n"
            "\t\t§\tSituation: 900 drivers moved in one night\n\t\t§\tResult: zero missed rounds\n"
            "\t\t§\tLPs – Ownership; Deliver Results\n\to\tExample B: Scan gaps\n"
            "\t\t§\tSituation: one pallet in 30 unscanned\n\t\t§\tResult: one in 2,000\n"
            "\t\t§\tLPs – Dive Deep\n")
    found = _import(cli, tmp_path, text)
    assert sorted(found.values()) == [["dive-deep"], ["ownership", "deliver-results"]]
    assert any("Depot cutover" in title for title in found)


def test_a_spreadsheet_pasted_as_csv_is_read_as_its_table(cli: CLI, tmp_path: Path) -> None:
    """A Sheets tab pasted as CSV under a line of text: principle columns ticked TRUE."""
    text = ("Tracker pasted from Sheets\ntab 1: stories\n\n"
            "Story,Year,Ownership,Dive Deep,Frugality\n"
            "Depot cutover,2025,TRUE,FALSE,FALSE\n"
            "\"Scan gaps, dock 4\",2026,FALSE,TRUE,TRUE\n"
            "TOTAL,,1,1,1\n")
    assert _import(cli, tmp_path, text) == {"Depot cutover": ["ownership"],
                                            "Scan gaps, dock 4": ["dive-deep", "frugality"]}


def test_a_use_for_arrow_line_with_codes_a_definition_list_spells_out(
        cli: CLI, tmp_path: Path) -> None:
    """'Use for → CO, Frug' ends each story section; the codes are Markdown Extra
    abbreviation definitions at the end ('*[Frug]: Frugality')."""
    text = ("## Stories\n\n### Depot cutover\n\n**Situation:** 900 drivers moved in a night\n"
            "**Result:** zero missed rounds\n\nUse for → Own, DR\n\n### Tyre deal\n\nOnly bullets:\n"
            "- supplier wanted 10% more\n- 5% cheaper in the end\n\nUse for → Frug\n\n"
            "*[Own]: Ownership\n*[DR]: Deliver Results\n*[Frug]: Frugality\n")
    assert _import(cli, tmp_path, text) == {"Depot cutover": ["ownership", "deliver-results"],
                                            "Tyre deal": ["frugality"]}


def test_an_answer_naming_a_story_note_in_another_file_links_to_it(
        cli: CLI, tmp_path: Path) -> None:
    """A vault: 'answer with [[Depot cutover]]' in a questions note names the story note."""
    cli.json("import", _vault(tmp_path, {
        "Stories/Depot cutover.md": "---\ntype: story\nlps: [ownership]\n---\n# Depot cutover\n\n"
                                    "900 drivers moved in one night.\n",
        "Loop/Questions.md": "# Questions to drill\n\n1. Tell me about a time you took ownership\n"
                             "   - answer with [[Depot cutover]]\n"}))
    asked: list[dict[str, Any]] = cli.json("questions", "--origin", "notes")["questions"]  # type: ignore[index]
    assert [q["stories"] for q in asked] == [["depot-cutover"]]


def test_a_csv_paste_with_a_field_past_the_csv_limit_still_imports(
        cli: CLI, tmp_path: Path) -> None:
    """Python's csv refuses a field over 128 KB: such rows are left as text, not a crash."""
    huge = "x" * 140_000
    text = ("Tracker\n\nStory,Ownership,Dive Deep\nDepot cutover,TRUE,FALSE\n"
            f"Scan gaps,\"{huge}\",TRUE\nTOTAL,1,1\n")
    stories = _import(cli, tmp_path, text)
    assert "Scan gaps" not in stories and all(len(t) < 1_000 for t in stories)


def test_an_lp_line_under_a_title_with_plain_bullets_files_that_story(cli: CLI, tmp_path: Path) -> None:
    """'**Title**', a '*Principles:*' line, then a note and bullets (no STAR labels), between
    STAR stories: a story of its own under those principles, not the next story's."""
    text = ("# Stories\n\n**Ferry refund**\n\n*Principles:* Earn Trust\n\n"
            "- Situation: 90 travellers stranded\n- Result: refunds paid in a day\n\n"
            "**Night class for the drivers**\n\n*Principles:* Hire and Develop the Best\n\n"
            "Only notes so far!\n- two evenings a week\n- four drivers passed\n\n"
            "**Spare parts swap**\n\n*Principles:* Frugality\n\n"
            "- Situation: two buses off the road\n- Result: back in a week\n")
    assert _import(cli, tmp_path, text) == {
        "Ferry refund": ["earn-trust"],
        "Night class for the drivers": ["hire-and-develop-the-best"],
        "Spare parts swap": ["frugality"],
    }


def test_principles_as_code_spans_one_after_another(cli: CLI, tmp_path: Path) -> None:
    """A page's property table holding a multi-select as code spans: each span one item."""
    text = ("## Ferry refund\n\n| Property | Value |\n| --- | --- |\n"
            "| Leadership Principles | `Earn Trust` `Customer Obsession` |\n\n"
            "**Situation** — 90 travellers stranded\n**Result** — refunds paid in a day\n")
    assert _import(cli, tmp_path, text) == {"Ferry refund": ["earn-trust", "customer-obsession"]}


def test_plain_text_sections_after_the_stories_hold_no_stories(cli: CLI, tmp_path: Path) -> None:
    """Plain text: after the last principle, a line over questions and a 'Feedback' line
    over mock notes open sections of their own; nothing in them is that principle's story."""
    text = ("EARN TRUST\n- Ferry refund\n\t- S: 90 travellers stranded\n\t- R: refunds in a day\n\n"
            "What the recruiter said they ask\n- Tell me about a time you won back a customer\n"
            "\t- Ferry refund\n\n"
            "Feedback\n- Session with Priya 3/12 - ferry story runs long\n")
    notes = tmp_path / "notes.txt"
    notes.write_text(text, encoding="utf-8")
    cli.json("import", notes)
    stories: list[dict[str, Any]] = cli.json("stories")["stories"]  # type: ignore[index]
    questions = cli.json("questions", "--origin", "notes")["questions"]  # type: ignore[index]
    assert {s["title"]: s["principles"] for s in stories} == {"Ferry refund": ["earn-trust"]}
    assert [(q["text"], q["stories"]) for q in questions] == [
        ("Tell me about a time you won back a customer", [stories[0]["id"]])]


def test_an_lp_map_of_arrows_files_stories_and_skips_placeholders(cli: CLI, tmp_path: Path) -> None:
    """An LP map note: 'Principle → [[Story]]' per line; '_none_', '*nothing yet*' and
    '(nothing yet — the refund was quick but…)' hold a place, they are no stories."""
    text = ("# LP map\n\n- Earn Trust → [[Ferry refund]]\n- Dive Deep → [[Depot key audit]]\n"
            "- Frugality → _none_\n- Think Big → *nothing yet* (ask Jo?)\n\n"
            "## Bias for Action\n- (nothing yet — the refund was quick but it is a trust story)\n")
    assert _import(cli, tmp_path, text) == {"Depot key audit": ["dive-deep"],
                                            "Ferry refund": ["earn-trust"]}


def test_a_users_story_note_adds_its_tag_line_to_its_lps(cli: CLI, tmp_path: Path) -> None:
    """'lps:' in front matter and a '#lp/…' line in the body: both name its principles."""
    cli.json("import", _vault(tmp_path, {"Stories/Depot cutover.md": (
        "---\ntype: story\nlps: [ownership]\n---\n# Depot cutover\n\n#story #lp/deliver-results\n\n"
        "## Situation\n900 drivers moved in one night.\n\n## Result\nZero missed rounds.\n")}))
    stories: list[dict[str, Any]] = cli.json("stories")["stories"]  # type: ignore[index]
    assert {s["title"]: s["principles"] for s in stories} == {
        "Depot cutover": ["ownership", "deliver-results"]}


def test_a_labelled_list_of_principles_after_a_title(cli: CLI, tmp_path: Path) -> None:
    """'Title (LPs: A, B)': the label inside the brackets does not hide the list."""
    text = ("Ferry refund (LPs: Earn Trust, Customer Obsession)\nSituation - 90 travellers stranded\n"
            "Result - refunds in a day\n\nDepot key audit [Principles: Dive Deep]\n"
            "Situation - keys went missing\nResult - night shift gap\n")
    assert _import(cli, tmp_path, text) == {"Ferry refund": ["earn-trust", "customer-obsession"],
                                            "Depot key audit": ["dive-deep"]}
