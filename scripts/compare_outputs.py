"""Run every `--json` command of loopprep on a set of notes files with two source trees and
say whether the outputs are byte-identical (for changes meant to keep behaviour).

    .venv/bin/python scripts/compare_outputs.py BEFORE_SRC [AFTER_SRC]

BEFORE_SRC and AFTER_SRC are `src` folders (AFTER_SRC defaults to this tree's), e.g. from
`git worktree add /tmp/before <commit>`. The notes: the bundled example, the example user's
notes in ../shared (when there), and every file in tests/data/note-styles/. Each notes file
is imported into a new home and then read back by each command. Exit 0 when all agree.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTION = "Tell me about a time you disagreed with your manager and what you did."
ANSWER = ("Our sign-up form lost a third of new users. I owned the fix: I read 200 support "
          "tickets, cut the form to four fields and tested it with five customers. Sign-ups "
          "rose 18 percent in a month, and I learned to ask users before building.")
READS = [["coverage"], ["stories"], ["questions", "--origin", "notes"], ["principles"],
         ["plan"], ["plan", "--explain"], ["match", QUESTION], ["tech"],
         ["classify", QUESTION], ["analyze", "-q", QUESTION, "ANSWER"]]


def notes_files() -> list[Path]:
    files = [ROOT / "src" / "loopprep" / "examples" / "jordan-notes.md"]
    shared = ROOT.parent / "shared" / "examples" / "interview-notes.md"
    if shared.exists():
        files.append(shared.resolve())
    return files + sorted((ROOT / "tests" / "data" / "note-styles").glob("*.md"))


def _mask_now(text: str) -> str:
    """Times stamped during this run (an import's "at") differ between any two runs."""
    today = datetime.now(UTC).date().isoformat()
    return re.sub(rf"{today}T[0-9:.]+(\+00:00|Z)?", "<now>", text)


def outputs(src: Path, notes: Path, answer: Path) -> dict[str, str]:
    """Each command's output (stdout, or the exit code and stderr when it failed), with the
    times stamped during the run masked."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    found: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as home:
        for args in [["import", str(notes)], *READS]:
            args = [str(answer) if a == "ANSWER" else a for a in args]
            done = subprocess.run([sys.executable, "-m", "loopprep", "--home", home, *args,
                                   "--json"], capture_output=True, text=True, env=env,
                                  timeout=300)
            found[" ".join(args)] = _mask_now(done.stdout if done.returncode == 0 else
                                              f"exit {done.returncode}\n{done.stderr}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path, nargs="?", default=ROOT / "src")
    args = parser.parse_args()
    different = same = 0
    with tempfile.TemporaryDirectory() as folder:
        answer = Path(folder) / "answer.txt"
        answer.write_text(ANSWER, "utf-8")
        for notes in notes_files():
            before = outputs(args.before.resolve(), notes, answer)
            after = outputs(args.after.resolve(), notes, answer)
            for command, old in before.items():
                new = after[command]
                if old == new:
                    same += 1
                    continue
                different += 1
                print(f"DIFFERENT: {notes.name}: loopprep {command} --json")
                diff = difflib.unified_diff(old.splitlines(), new.splitlines(), "before",
                                            "after", lineterm="", n=1)
                print("\n".join(list(diff)[:20]))
    print(f"{same} outputs identical, {different} different, over {len(notes_files())} notes "
          f"files and {len(READS) + 1} commands each")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
