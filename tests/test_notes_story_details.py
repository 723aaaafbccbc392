"""A story's details under its bold title may name a principle the story shows ('- bias
for action: didn't wait for the budget appeal'), as prep guides list one story's angles:
such a line is a detail of that story, not a principle's section holding the rest of the
notes (fictional people and stories)."""

from __future__ import annotations

from pathlib import Path

from conftest import CLI, import_text

NOTES = """# Prep

| Story | LPs |
|---|---|
| Ferry ticket budget cut | Frugality |
| Harbour crane outage | Dive Deep |

## Details

**Ferry ticket budget cut**
- budget went to zero in Q3
- ran tests with volunteers instead
- bias for action: did not wait for the appeal

**Harbour crane outage**
- the crane controller failed at 2am
- back up in 40 minutes
"""

LP_MAP = """# Prep

**LP map**
- Ownership: Harbour crane outage
- Frugality: Ferry ticket budget cut
"""


def test_a_principle_named_among_details_opens_no_section(cli: CLI, tmp_path: Path) -> None:
    stories, _ = import_text(cli, tmp_path, NOTES, "prep.md")
    assert stories == {"Ferry ticket budget cut": ["frugality"],
                       "Harbour crane outage": ["dive-deep"]}


def test_a_list_of_principle_lines_under_a_title_is_still_a_map(cli: CLI, tmp_path: Path) -> None:
    stories, _ = import_text(cli, tmp_path, LP_MAP, "map.md")
    assert stories == {"Harbour crane outage": ["ownership"],
                       "Ferry ticket budget cut": ["frugality"]}
