"""Logseq's block properties (`key:: value` lines under a block) and block references read
as the outline they belong to (issue #14); fictional people and stories."""

from __future__ import annotations

from pathlib import Path

from conftest import CLI, import_text
from loopprep.notes.outline import Heading, ListBlock, parse_outline


def _import(cli: CLI, tmp_path: Path, text: str) -> tuple[dict[str, list[str]], list[tuple[str, list[str]]]]:
    """Import `text`; each story's title -> its principles, and each question with the titles
    of the stories it is linked to."""
    return import_text(cli, tmp_path, text, "prep.md")


def test_a_property_line_continues_its_block_and_is_never_its_text() -> None:
    blocks = parse_outline("## Trips\n  collapsed:: true\n- Ferry refund\n  id:: 00aa11bb-cc\n"
                           "  lp:: [[Earn Trust]]\n\t- paid back in a day\n")
    heading, listing = blocks[0], blocks[1]
    assert isinstance(heading, Heading) and heading.properties == {"collapsed": "true"}
    assert isinstance(listing, ListBlock)
    item = listing.items[0]
    assert (item.text, item.properties) == ("Ferry refund", {"id": "00aa11bb-cc",
                                                             "lp": "[[Earn Trust]]"})
    assert item.continuation == [4, 5] and [c.text for c in item.children] == ["paid back in a day"]


def test_logseq_heading_blocks_with_properties_are_stories(cli: CLI, tmp_path: Path) -> None:
    """`- ### Title` then `lp::` and `collapsed::`: a story under the principles it names,
    told in STAR bullets or in plain ones; the editor's `collapsed::` names nothing."""
    text = (
        "- ## Stories\n\t- ### Ferry refund\n\t  lp:: [[Earn Trust]]\n\t  collapsed:: true\n"
        "\t\t- S: 90 travellers stranded\n\t\t- R: refunds paid in a day\n"
        "\t- ### Night class for the drivers\n\t  lp:: [[Hire and Develop the Best]]\n"
        "\t\t- two evenings a week, four drivers passed\n\t\t- no STAR yet\n"
    )
    stories, _ = _import(cli, tmp_path, text)
    assert stories == {"Ferry refund": ["earn-trust"],
                       "Night class for the drivers": ["hire-and-develop-the-best"]}


def test_block_references_and_answer_properties_link_questions(cli: CLI, tmp_path: Path) -> None:
    """A question answered by `((id))`, by `[label](((id)))` or by an `answer::` property
    is linked to that story; a reference to an unknown id links nothing."""
    text = (
        "- ## Stories\n\t- Ferry refund #[[Earn Trust]]\n\t  id:: 5f00aa01-0000-4000-8000-00000000c0de\n"
        "\t\t- S: 90 travellers stranded\n\t\t- R: refunds paid in a day\n"
        "\t- Depot key audit #[[Dive Deep]]\n\t  id:: 5f00aa01-0000-4000-8000-00000000beef\n"
        "\t\t- S: keys went missing\n\t\t- R: the gap was the night shift\n"
        "- ## Questions\n\t- Tell me about a time you won back a customer\n"
        "\t\t- ((5f00aa01-0000-4000-8000-00000000c0de))\n"
        "\t- Tell me about a time you found a root cause\n"
        "\t\t- [the key audit](((5f00aa01-0000-4000-8000-00000000beef)))\n"
        "\t- Tell me about a time you said sorry\n\t  answer:: [[Ferry refund]]\n"
        "\t- Tell me about a time you owned a mistake\n"
        "\t  story:: ((5f00aa01-0000-4000-8000-00000000c0de))\n"
        "\t- Tell me about a time you were wrong\n\t\t- ((5f00aa01-0000-4000-8000-000000000000))\n"
    )
    stories, questions = _import(cli, tmp_path, text)
    assert stories == {"Depot key audit": ["dive-deep"], "Ferry refund": ["earn-trust"]}
    assert questions == [
        ("Tell me about a time you won back a customer", ["Ferry refund"]),
        ("Tell me about a time you found a root cause", ["Depot key audit"]),
        ("Tell me about a time you said sorry", ["Ferry refund"]),
        ("Tell me about a time you owned a mistake", ["Ferry refund"]),
        ("Tell me about a time you were wrong", []),
    ]


def test_property_values_list_principles_as_logseq_writes_them(cli: CLI, tmp_path: Path) -> None:
    """'[[A]] [[B]]' with no comma, '#a #b' tags, a 'tags::' list holding 'lp/…' namespaced
    tags among others, and a 'leadership-principles::' key."""
    text = (
        "- ## Stories\n\t- Ferry refund\n\t  lps:: [[Earn Trust]] [[Customer Obsession]]\n"
        "\t\t- S: 90 travellers stranded\n\t\t- R: refunds in a day\n"
        "\t- Depot key audit\n\t  tags:: story, [[LP/Dive Deep]], lp/ownership\n"
        "\t\t- S: keys went missing\n\t\t- R: night shift gap\n"
        "\t- Night class for drivers\n\t  leadership-principles:: #hire-and-develop-the-best #frugality\n"
        "\t\t- S: no trainer budget\n\t\t- R: four drivers passed\n"
    )
    stories, _ = _import(cli, tmp_path, text)
    assert stories == {"Ferry refund": ["earn-trust", "customer-obsession"],
                       "Depot key audit": ["dive-deep", "ownership"],
                       "Night class for drivers": ["hire-and-develop-the-best", "frugality"]}
