"""HTML and attribute markup inside Markdown notes (Notion's enhanced Markdown, gd2md-html,
pandoc, pasted HTML) read as the Markdown it stands for; fictional people and stories."""

from __future__ import annotations

from pathlib import Path

from conftest import CLI, import_text
from loopprep.notes.html_markup import html_markup


def _import(cli: CLI, tmp_path: Path, text: str) -> dict[str, list[str]]:
    return import_text(cli, tmp_path, text, "n.md")[0]


def test_an_html_table_becomes_a_markdown_table_on_the_same_lines() -> None:
    text = ("<table>\n<tr><th>Story</th><th>LPs</th></tr>\n"
            "<tr>\n<td>Kiosk <b>pilot</b></td>\n<td>Frugality &amp; more</td>\n</tr>\n</table>\nafter")
    out = html_markup(text).split("\n")
    assert len(out) == len(text.split("\n"))
    assert out[:3] == ["| Story | LPs |", "|---|---|", "| Kiosk pilot | Frugality & more |"]
    assert out[-1] == "after" and not any(line.strip() for line in out[3:-1])


def test_links_and_mentions_become_their_text() -> None:
    line = ('- → <mention-page url="https://www.notion.so/Kiosk-pilot-3f9a">Kiosk pilot</mention-page>'
            ' and <a href="https://x.example/y">Ledger rewrite</a><mention-user url="u"/>')
    assert html_markup(line) == "- → Kiosk pilot and Ledger rewrite"


def test_attribute_lists_and_fenced_divs_go() -> None:
    text = ('## Kiosk pilot {toggle="true"}\n::: callout {icon="💡" color="gray_bg"}\n'
            "Ask Theo.\n:::\n- a bullet {color=\"blue\"}\n# Title {#title .unnumbered}")
    assert html_markup(text).split("\n") == [
        "## Kiosk pilot", "", "Ask Theo.", "", "- a bullet", "# Title"]


def test_a_toggle_headings_children_are_its_content_and_star_toggles_labels() -> None:
    text = ("## Kiosk pilot {toggle=\"true\"}\n\t- LPs: Frugality\n\t<details>\n"
            "\t<summary>Result</summary>\n\t\t- queue time halved\n\t\t\t- nested\n\t</details>\n"
            "after")
    assert html_markup(text).split("\n") == [
        "## Kiosk pilot", "- LPs: Frugality", "<details>", "**Result:**", "- queue time halved",
        "\t- nested", "</details>", "after"]


def test_a_notion_page_with_property_tables_and_star_toggles_imports(
        cli: CLI, tmp_path: Path) -> None:
    text = (
        "## Kiosk pilot {toggle=\"true\"}\n\t<table header-row=\"true\">\n\t\t<tr>\n"
        "\t\t\t<td>Property</td>\n\t\t\t<td>Value</td>\n\t\t</tr>\n\t\t<tr>\n"
        "\t\t\t<td>LPs</td>\n\t\t\t<td>Frugality, Customer Obsession</td>\n\t\t</tr>\n"
        "\t</table>\n\t<details>\n\t<summary>Action</summary>\n"
        "\t\t- cut the queue with a second till\n\t\t- moved the menu board\n\t</details>\n"
        "\t<details>\n\t<summary>Result</summary>\n\t\tqueues of 6 minutes\n\t</details>\n"
    )
    assert _import(cli, tmp_path, text) == {"Kiosk pilot": ["frugality", "customer-obsession"]}
