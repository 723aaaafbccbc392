"""The notes corpus the importer is measured on (bench/bench_notes_corpus.py): the twelve
fixture styles of tests/test_note_styles.py plus fourteen more, all fictional, each written
in a style seen in public notes, templates and exports. `dev` files are the ones the reader's
rules were designed from; `heldout` files were written before those rules and are measured
apart. Each entry says what a careful reader expects, in the fixtures' format."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

STYLES = Path(__file__).parent / "data" / "note-styles"


@dataclass(frozen=True)
class Expected:
    """`stories`: a phrase of each story's title -> the principles it is filed under."""

    file: str
    stories: dict[str, set[str]]
    questions: int = 0
    #: question text (a phrase) -> the story (a phrase of its title) its answer names
    answers: dict[str, str] = field(default_factory=dict)
    #: stories whose Situation and Result the notes tell as STAR parts
    star: tuple[str, ...] = ()
    style: str = ""
    group: str = "fixture"


DEV = [
    Expected("dev/13-logseq-outline.md", {
        "Dispatch ETA rewrite": {"customer-obsession", "ownership"},
        "Night shift handover tool": {"ownership"},
        "Fuel card fraud spike": {"dive-deep"},
    }, questions=1, answers={"above and beyond": "Dispatch ETA rewrite"},
        style="logseq", group="dev"),
    Expected("dev/14-plain-text.txt", {
        "Pharmacy refill reminders": {"customer-obsession", "deliver-results"},
        "Label printer rollout": {"deliver-results"},
        "Reused old tablets": {"frugality"},
    }, style="plain text", group="dev"),
    Expected("dev/15-word-paste-crlf-bom.md", {
        "Braille menu pilot": {"customer-obsession", "earn-trust"},
        "Franchise pricing error": {"earn-trust", "bias-for-action"},
    }, star=("Braille menu pilot",), style="word paste", group="dev"),
    Expected("dev/16-abbreviations-legend.md", {
        "Search autocomplete cache": {"customer-obsession", "dive-deep"},
        "Build pipeline split": {"invent-and-simplify", "deliver-results"},
        "Pager storm": {"ownership", "bias-for-action"},
    }, star=("Search autocomplete cache", "Build pipeline split", "Pager storm"),
        style="abbreviations", group="dev"),
    Expected("dev/17-story-matrix.md", {
        "Lakehouse migration": {"ownership", "think-big"},
        "Late invoices root cause": {"customer-obsession", "dive-deep"},
        "Growing two juniors": {"hire-and-develop-the-best"},
    }, star=("Lakehouse migration", "Late invoices root cause"), style="matrix", group="dev"),
    Expected("dev/18-obsidian-vault", {
        "Checkout fraud rules": {"dive-deep", "customer-obsession"},
        "Warehouse robot pilot": {"think-big", "bias-for-action", "invent-and-simplify"},
    }, star=("Checkout fraud rules", "Warehouse robot pilot"), style="obsidian", group="dev"),
    Expected("dev/19-google-docs-export.md", {
        "Offline maps for field techs": {"customer-obsession", "have-backbone"},
        "Vendor SDK swap": {"have-backbone"},
        "Kotlin coroutines": {"learn-and-be-curious"},
    }, style="google docs", group="dev"),
    Expected("dev/20-notion-export.md", {
        "Seller payout delays": {"customer-obsession", "dive-deep"},
        "Intern program from scratch": {"hire-and-develop-the-best"},
    }, questions=2, answers={"dig into the data": "Seller payout delays",
                             "someone you developed": "Intern program from scratch"},
        star=("Seller payout delays", "Intern program from scratch"), style="notion", group="dev"),
]

HELDOUT = [
    Expected("heldout/21-notion-toggles.md", {
        "Legacy billing sunset": {"ownership", "earn-trust"},
        "Release train": {"ownership", "invent-and-simplify"},
    }, style="notion", group="heldout"),
    Expected("heldout/22-story-list-dash.md", {
        "Ticket triage bot": {"invent-and-simplify", "customer-obsession"},
        "Data center move": {"ownership", "deliver-results", "bias-for-action"},
        "Hiring loop redesign": {"hire-and-develop-the-best", "insist-on-the-highest-standards"},
        "Cost review of GPU cluster": {"frugality", "dive-deep"},
    }, style="story list", group="heldout"),
    Expected("heldout/23-logseq-journal.md", {
        "Memory leak in the image service": {"dive-deep", "deliver-results"},
        "Payments SDK upgrade": {"deliver-results"},
    }, style="logseq", group="heldout"),
    Expected("heldout/24-abbrev-colon-legend.md", {
        "Recommendation carousel test": {"customer-obsession", "dive-deep"},
        "Regional expansion plan": {"think-big", "ownership"},
        "Pushing back on the deadline": {"have-backbone"},
    }, questions=1, answers={"disagreed with your boss": "Pushing back on the deadline"},
        style="abbreviations", group="heldout"),
    Expected("heldout/25-onenote-paste.md", {
        "Kafka cluster upgrade": {"ownership", "dive-deep"},
        "Checkout latency regression": {"dive-deep"},
    }, questions=1, star=("Kafka cluster upgrade",), style="word paste", group="heldout"),
    Expected("heldout/26-gdocs-questions.md", {
        "Returns label in the app": {"customer-obsession", "bias-for-action"},
        "Warehouse Wi-Fi outage": {"bias-for-action"},
    }, questions=2, answers={"calculated risk": "Warehouse Wi-Fi outage",
                             "out of your way": "Returns label in the app"},
        style="google docs", group="heldout"),
]
