"""The question bank in the store (loaded once per version), listing and filtering it,
the user's own questions, notes questions with a guessed principle, and the cache of story
embeddings (recomputed only when a story's text changes)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import CLI
from loopprep.bank import Bank
from loopprep.classify.matching import story_match_text, story_vectors
from loopprep.errors import LoopprepError
from loopprep.frameworks import load_framework
from loopprep.questions import sync_question_bank
from loopprep.store import Store
from loopprep.store.db import _migrations
from loopprep.text.embeddings import get_embedder

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_bank_loads_once_and_is_idempotent(loopprep_home: Path) -> None:
    with Bank.open(loopprep_home) as bank:
        assert sync_question_bank(bank, now=NOW) >= 900
        assert sync_question_bank(bank, now=NOW) == 0
        listed = bank.questions(now=NOW, origin="bank")
    assert len(listed) >= 900
    per_principle: dict[str, int] = {}
    for q in listed:
        per_principle[q.question.principles[0]] = per_principle.get(q.question.principles[0], 0) + 1
    assert len(per_principle) == 16 and min(per_principle.values()) >= 20


def test_questions_list_filters(cli: CLI) -> None:
    data = cli.json("questions", "--principle", "Frugality")
    assert isinstance(data, dict)
    rows = data["questions"]
    assert len(rows) >= 20
    assert all("frugality" in q["principles"] for q in rows)
    assert set(rows[0]) >= {"id", "text", "origin", "principles", "labelled_by"}
    found = cli.json("questions", "list", "--search", "BUDGET", "--origin", "bank")
    assert isinstance(found, dict) and found["questions"]
    assert all("budget" in q["text"].lower() for q in found["questions"])
    assert cli("questions", "--principle", "no-such-thing") == 1 and "not a principle" in cli.err
    assert cli("questions", "--origin", "web") == 1 and "unknown origin" in cli.err


def test_add_question_with_and_without_principle(cli: CLI) -> None:
    assert cli("questions", "add", "Tell me about a time you trimmed a project's budget by a third.") == 0
    assert "best guess" in cli.out and "Frugality" in cli.out
    added = cli.json("questions", "add", "What is the boldest plan you have pitched?",
                     "--principle", "think-big", "-p", "Bias for Action")
    assert isinstance(added, dict)
    assert added["principles"] == ["think-big", "bias-for-action"]
    assert added["labelled_by"] == "author" and added["id"] == "user-002"
    mine = cli.json("questions", "--origin", "user")
    assert isinstance(mine, dict)
    assert [(q["id"], q["principles"][0], q["labelled_by"]) for q in mine["questions"]] == [
        ("user-001", "frugality", "classifier"), ("user-002", "think-big", "author")]
    assert cli("questions", "add", "What is the boldest plan you have pitched?") == 1
    assert "already in the bank as user-002" in cli.err


@pytest.mark.parametrize("text", ["", "  ?? ", "a" * 1_001])
def test_add_question_refuses_bad_text(cli: CLI, loopprep_home: Path, text: str) -> None:
    assert cli("questions", "add", text) == 1 and cli.err.startswith("error:")
    with Bank.open(loopprep_home) as bank:
        assert bank.questions(now=NOW, origin="user") == []


def test_notes_questions_show_a_guessed_principle(cli: CLI, example_notes: Path) -> None:
    assert cli("import", example_notes) == 0
    data = cli.json("questions", "--origin", "notes")
    assert isinstance(data, dict)
    rows = {q["text"]: q for q in data["questions"]}
    strategy = rows["How have you used data to develop a strategy?"]
    assert strategy["labelled_by"] == "classifier" and strategy["principles"] == ["dive-deep"]
    assert strategy["stories"] == ["analysis-of-price-forecasting-errors"]
    assert all(len(q["principles"]) == 1 for q in rows.values())


def test_story_embeddings_are_cached_until_the_story_changes(loopprep_home: Path,
                                                             example_notes: Path) -> None:
    embedder = get_embedder()
    with Bank.open(loopprep_home) as bank:
        bank.import_notes([example_notes], now=NOW)
        texts = {s.id: story_match_text(s) for s in bank.stories()}
        first, computed = story_vectors(bank, texts, embedder)
        assert sorted(computed) == sorted(texts)
        again, computed = story_vectors(bank, texts, embedder)
        assert computed == []
        assert all((again[k] == first[k]).all() for k in texts)
        bank.update_story("tennet", {"result": "Cut compute cost by 40%."}, now=NOW)
        texts = {s.id: story_match_text(s) for s in bank.stories()}
        _, computed = story_vectors(bank, texts, embedder)
        assert computed == ["tennet"]
    with Bank.open(loopprep_home) as bank:  # the cache lives in the database
        _, computed = story_vectors(bank, texts, embedder)
        assert computed == []


def test_match_uses_and_fills_the_cache(loopprep_home: Path, example_notes: Path) -> None:
    with Bank.open(loopprep_home) as bank:
        bank.import_notes([example_notes], now=NOW)
        first = bank.match("Tell me about a time you did more with less.")
        rows = bank.store.conn.execute("SELECT COUNT(*) FROM embeddings WHERE kind = 'story'")
        assert rows.fetchone()[0] == len(bank.stories())
        assert bank.match("Tell me about a time you did more with less.") == first
        with pytest.raises(LoopprepError):
            bank.match("   ")


def test_an_old_database_gains_the_question_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    first_name, first_sql = _migrations()[0]
    conn.executescript(first_sql)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    conn.execute("INSERT INTO migrations VALUES (?, '2026-01-01')", (first_name,))
    conn.execute("INSERT INTO questions(id, text, origin, created_at, updated_at) "
                 "VALUES ('n-1', 'Why this team?', 'notes', 'x', 'x')")
    conn.commit()
    conn.close()
    with Bank(Store.open(path), load_framework("amazon")) as bank:
        row = bank.store.conn.execute("SELECT labelled_by FROM questions WHERE id = 'n-1'")
        assert row.fetchone()[0] == "author"
        assert any(name.startswith("0002") for name in bank.store.applied_migrations())


def test_practice_asks_notes_questions_under_the_guessed_principle(loopprep_home: Path,
                                                                   example_notes: Path) -> None:
    from loopprep.classify import guesses
    from loopprep.practice.questions import practice_questions
    from loopprep.practice.selection import Selector

    with Bank.open(loopprep_home) as bank:
        bank.import_notes([example_notes], now=NOW)
        unlabelled = [q for q in bank.note_questions() if not q.principles]
        assert unlabelled, "the example has questions under no principle"
        asked = {q.id: q for q in practice_questions(bank, now=NOW)}
        strategy = next(q for q in unlabelled
                        if q.text == "How have you used data to develop a strategy?")
        assert asked[strategy.id].principles == ("dive-deep",) and asked[strategy.id].guessed
        selector = Selector(bank.store, bank.framework, bank.stories(),
                            questions=tuple(asked.values()))
        item = selector.question_item(asked[strategy.id], "new")
        assert item.principle == "dive-deep" and item.to_json()["principle_guessed"] is True
        bank_question = next(q for q in asked.values() if q.origin == "bank")
        assert selector.question_item(bank_question, "new").guessed is False
        assert all(q.id in asked for q in unlabelled)
        cached = bank.store.conn.execute(
            "SELECT COUNT(*) FROM embeddings WHERE kind = ?", (guesses.ASK_KIND,)).fetchone()[0]
        assert cached == len(unlabelled)

        calls: list[int] = []
        embedder = get_embedder()
        original = embedder.embed
        try:
            embedder.embed = lambda texts: calls.append(len(texts)) or original(texts)  # type: ignore[method-assign]
            assert {q.id: q for q in practice_questions(bank, now=NOW)} == asked
        finally:
            embedder.embed = original  # type: ignore[method-assign]
        assert calls == []  # the guesses came from the cached vectors
