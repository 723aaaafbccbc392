"""Notes built to hurt: a YAML bomb in the front matter, front matter nested or sized past
reason, bullets nested a thousand deep. Each gets one clear error naming the file and line,
fast, with the database unchanged; and no front matter or nesting, however random, gets
anything but a clean import or that kind of error."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CLI
from loopprep.errors import NotesError
from loopprep.notes.document import read_document
from loopprep.notes.frontmatter import MAX_FRONT_MATTER, split_front_matter
from loopprep.notes.outline import MAX_NESTING

STORY = "## Ownership\n- Billing rewrite: I owned the migration, errors fell 40 percent\n"


def _bomb(levels: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "---\n" + "\n".join(lines) + f"\ntitle: *a{levels - 1}\n---\n" + STORY


def _database(home: Path) -> str:
    found = sorted(home.glob("*.db*"))
    return "".join(hashlib.sha256(p.read_bytes()).hexdigest() for p in found)


def test_a_yaml_bomb_is_refused_at_its_first_alias(cli: CLI, write: Callable[[str, str], Path],
                                                   loopprep_home: Path) -> None:
    assert cli("import", write("good.md", STORY)) == 0
    before = _database(loopprep_home)
    bomb = write("bomb.md", _bomb(6))  # 9**6 strings once expanded (the reported one had 9 levels)
    assert cli("import", bomb) == 1
    assert f"{bomb}:3: front matter cannot be read: aliases (*name) are not allowed" in cli.err
    assert "Traceback" not in cli.err
    assert _database(loopprep_home) == before


def test_a_story_bank_with_aliases_is_refused_not_read_as_text(
        cli: CLI, write: Callable[[str, str], Path], loopprep_home: Path) -> None:
    """A YAML story bank the safety bounds refuse is an error naming the line, never a
    few odd lines of text imported in its place."""
    assert cli("import", write("good.md", STORY)) == 0
    before = _database(loopprep_home)
    bank = write("bank.yaml", "defaults: &base\n  principles: [Ownership]\nstories:\n"
                 "  - title: Pager storm\n    <<: *base\n    situation: Pages every night.\n")
    assert cli("import", bank) == 1
    assert f"{bank}:5: this story bank cannot be read: aliases (*name) are not allowed" in cli.err
    assert "Traceback" not in cli.err
    assert _database(loopprep_home) == before


def test_front_matter_nested_too_deep_is_refused(write: Callable[[str, str], Path]) -> None:
    deep = write("deep.md", "---\nx: " + "[" * 500 + "]" * 500 + "\n---\n" + STORY)
    try:
        split_front_matter(deep.read_text("utf-8"), deep)
    except NotesError as error:
        assert "nested more than" in error.message and error.line == 2
    else:
        raise AssertionError("500 levels of front matter were read")


def test_front_matter_too_long_is_refused(write: Callable[[str, str], Path]) -> None:
    long = write("long.md", "---\nsummary: " + "x" * MAX_FRONT_MATTER + "\n---\n" + STORY)
    try:
        split_front_matter(long.read_text("utf-8"), long)
    except NotesError as error:
        assert "front matter is" in error.message and "characters long" in error.message
    else:
        raise AssertionError("an oversized front matter was read")


def test_plain_anchors_and_ordinary_front_matter_still_read(write: Callable[[str, str], Path]
                                                           ) -> None:
    text = "---\ntitle: Billing\nlps: [ownership, dive-deep]\nmeta: {org: Acme, year: 2023}\n---\n"
    found = split_front_matter(text + STORY, write("ok.md", text))
    assert found.data == {"title": "Billing", "lps": ["ownership", "dive-deep"],
                          "meta": {"org": "Acme", "year": 2023}}


def _nested(levels: int) -> str:
    return "".join("  " * i + f"- level {i}\n" for i in range(levels))


def test_bullets_nested_a_thousand_deep_get_one_clear_error(
        cli: CLI, write: Callable[[str, str], Path]) -> None:
    deep = write("deep.md", _nested(1000))
    assert cli("import", deep) == 1
    assert f"{deep}:{MAX_NESTING + 1}: bullets nested more than {MAX_NESTING} levels" in cli.err
    assert "Traceback" not in cli.err


def test_bullets_nested_up_to_the_limit_import(cli: CLI, write: Callable[[str, str], Path]) -> None:
    assert cli("import", write("ok.md", "## Ownership\n" + _nested(MAX_NESTING))) == 0, cli.err


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=30,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.text(max_size=10), _VALUES, max_size=5),
       raw=st.text(max_size=200), depth=st.integers(0, 80))
def test_random_front_matter_and_nesting_read_or_fail_cleanly(
        tmp_path: Path, data: dict[str, object], raw: str, depth: int) -> None:
    path = tmp_path / "random.md"
    for front in (yaml.safe_dump(data, allow_unicode=True), raw):
        text = f"---\n{front}\n---\n" + _nested(depth)
        try:
            read_document(path, text, "random.md")
        except NotesError as error:
            assert error.path == path and error.line is not None


def test_story_ids_from_front_matter_become_slugs(cli: CLI, write: Callable[[str, str], Path]
                                                  ) -> None:
    """An id that is a path, an address or a query would break every link built from it."""
    for name, story_id in (("a", "../settings/framework"), ("b", "//evil.example/x"),
                        ("c", "q?x=1#frag"), ("d", "plain-id-2")):
        write(f"{name}.md", f'---\nid: "{story_id}"\ntitle: Story {name}\nprinciples: [ownership]\n'
              "---\n## Situation\nThe nightly job failed.\n## Result\nIt ran 20 percent faster.\n")
    report = cli.json("import", write("e.md", "").parent)
    assert sorted(report["stories"]["added"]) == ["evil-example-x", "plain-id-2", "q-x-1-frag",
                                                  "settings-framework"]
    told = [f["message"] for f in report["findings"] if f["code"] == "story-id-slugified"]
    assert len(told) == 3 and any("'../settings/framework'" in m for m in told)
    assert cli("stories", "show", "settings-framework") == 0
    again = cli.json("import", write("e.md", "").parent)
    assert not again["changed"]


def _lock_folder(monkeypatch: Any, locked: Path) -> None:
    """Make `locked` unlistable, as chmod 000 would for anyone but root (tests run as root)."""
    import os

    real = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path).resolve() == locked.resolve():
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_subfolder_is_reported(cli: CLI, tmp_path: Path, monkeypatch: Any,
                                             loopprep_home: Path) -> None:
    vault = tmp_path / "vault"
    (vault / "private").mkdir(parents=True)
    notes = "# Leadership Principles\n## Ownership\n### Me\n- Orbital: I owned the fix\n"
    (vault / "main.md").write_text(notes, "utf-8")
    (vault / "private" / "more.md").write_text(notes.replace("Orbital", "Keystone"), "utf-8")
    _lock_folder(monkeypatch, vault / "private")
    assert cli("import", vault) == 1
    assert "private" in cli.err and "--skip-unreadable" in cli.err and "Traceback" not in cli.err
    assert not (loopprep_home / "loopprep.db").exists() or cli("stories") == 0 and "Orbital" not in cli.out
    assert cli("import", vault, "--skip-unreadable") == 0, cli.err
    said = (cli.out + cli.err).replace("\n", "")  # long paths wrap in the terminal report
    assert "private" in said and "could not be read" in said
