"""Stories given ids on their headings ('### S1 — Double-charge incident (OWN, DD)', as a
key's codes head them in '## A — Mobile money reversals'), and a reverse index that names
each principle by a legend's code and its stories by their ids ('- ET: S1 again — …')
(fictional people and stories)."""

from __future__ import annotations

from pathlib import Path

from conftest import CLI, import_text
from loopprep.frameworks import load_framework
from loopprep.notes.story_codes import coded_principle_line, story_key

AMAZON = load_framework("amazon")

NOTES = """# Prep

CO = Customer Obsession, OWN = Ownership, DD = Dive Deep, ET = Earn Trust

## Stories

### S1 — Ferry refund double charge (OWN, DD)
- Situation: riders were charged twice after a timeout
- Result: all refunded in a day

### S2 — Harbour crane outage (DD)
- Situation: the crane controller failed at 2am
- Result: back up in 40 minutes

## Reverse index

- CO: S1
- ET: S1 again — I emailed every rider myself
"""


def test_headings_opening_with_ids_give_the_key() -> None:
    lines = NOTES.split("\n")
    assert {c: story_key(lines)[c] for c in ("S1", "S2")} == {
        "S1": "Ferry refund double charge", "S2": "Harbour crane outage"}
    # (one heading with an id gives its code too: answers name it, `titled_codes`)
    assert story_key(lines[:8])["S1"] == "Ferry refund double charge"


def test_a_reverse_index_line_is_written_with_names_and_titles() -> None:
    key = {"S1": "Ferry refund double charge", "A": "Mobile money reversals"}
    abbr = {"ET": "earn-trust", "CO": "customer-obsession"}
    assert coded_principle_line("ET: S1 again — I emailed them", AMAZON, abbr, key) == \
        "Earn Trust: Ferry refund double charge again — I emailed them"
    assert coded_principle_line("CO: A, S1", AMAZON, abbr, key) == \
        "Customer Obsession: Mobile money reversals, Ferry refund double charge"
    assert coded_principle_line("Owner: Sam", AMAZON, abbr, key) is None


def test_story_ids_and_a_reverse_index_file_each_story(cli: CLI, tmp_path: Path) -> None:
    stories, _ = import_text(cli, tmp_path, NOTES, "prep.md")
    assert {t: sorted(p) for t, p in stories.items()} == {
        "Ferry refund double charge": ["customer-obsession", "dive-deep", "earn-trust",
                                       "ownership"],
        "Harbour crane outage": ["dive-deep"]}
