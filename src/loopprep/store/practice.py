"""Practice rows: interviews, cards and reviews, sessions and attempts. Reads return the
dataclasses of `loopprep.model.practice`; writes run inside the caller's transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from loopprep.errors import NotFoundError
from loopprep.model.practice import (
    AttemptRecord,
    AttemptSummary,
    CardRecord,
    Followup,
    Interview,
    SessionRecord,
    Stage,
)
from loopprep.store.db import Store


def stamp(moment: datetime) -> str:
    """A UTC time as sortable text."""
    return moment.isoformat(timespec="seconds")


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


# -- interviews -----------------------------------------------------------------------------

def add_interview(conn: sqlite3.Connection, company: str, role: str, day: date,
                  stages: Iterable[Stage], now: datetime) -> int:
    stage_json = json.dumps([{"name": s.name, "date": s.date.isoformat()} for s in stages])
    cursor = conn.execute(
        "INSERT INTO interviews(company, role, date, stages, created_at) VALUES (?, ?, ?, ?, ?)",
        (company, role, day.isoformat(), stage_json, stamp(now)),
    )
    return int(cursor.lastrowid or 0)


def list_interviews(store: Store) -> list[Interview]:
    rows = store.conn.execute("SELECT * FROM interviews ORDER BY date, id").fetchall()
    return [_interview(row) for row in rows]


def get_interview(store: Store, interview_id: int) -> Interview:
    row = store.conn.execute("SELECT * FROM interviews WHERE id = ?", (interview_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no interview with id {interview_id}",
                            hint="`loopprep interview list` shows the ids.")
    return _interview(row)


def update_interview(conn: sqlite3.Connection, interview_id: int, company: str, role: str,
                     day: date, stages: Iterable[Stage]) -> None:
    stage_json = json.dumps([{"name": s.name, "date": s.date.isoformat()} for s in stages])
    conn.execute("UPDATE interviews SET company = ?, role = ?, date = ?, stages = ? WHERE id = ?",
                 (company, role, day.isoformat(), stage_json, interview_id))


def remove_interview(conn: sqlite3.Connection, interview_id: int) -> None:
    conn.execute("DELETE FROM interviews WHERE id = ?", (interview_id,))


def _interview(row: sqlite3.Row) -> Interview:
    stages = tuple(Stage(s["name"], date.fromisoformat(s["date"])) for s in json.loads(row["stages"]))
    return Interview(row["id"], row["company"], row["role"], date.fromisoformat(row["date"]), stages)


# -- cards and reviews ----------------------------------------------------------------------

def find_card(store: Store, kind: str, ref: str) -> CardRecord | None:
    row = store.conn.execute("SELECT * FROM cards WHERE kind = ? AND ref = ?", (kind, ref)).fetchone()
    return _card(row) if row else None


def get_card(store: Store, card_id: int) -> CardRecord:
    row = store.conn.execute("SELECT * FROM cards WHERE id = ?", (card_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no card with id {card_id}")
    return _card(row)


def insert_card(conn: sqlite3.Connection, kind: str, ref: str, principle: str | None,
                now: datetime) -> int:
    cursor = conn.execute(
        "INSERT INTO cards(kind, ref, principle, fsrs, due, created_at) VALUES (?, ?, ?, '{}', ?, ?)",
        (kind, ref, principle, stamp(now), stamp(now)),
    )
    return int(cursor.lastrowid or 0)


def update_card(conn: sqlite3.Connection, card_id: int, state: dict[str, Any], due: datetime,
                reviewed: datetime) -> None:
    conn.execute(
        "UPDATE cards SET fsrs = ?, due = ?, reps = reps + 1, last_review = ? WHERE id = ?",
        (json.dumps(state, sort_keys=True), stamp(due), stamp(reviewed), card_id),
    )


def move_card(conn: sqlite3.Connection, card_id: int, due: datetime, state: dict[str, Any]) -> None:
    """Change when a card is due without a review (the deadline brought it forward)."""
    conn.execute("UPDATE cards SET due = ?, fsrs = ? WHERE id = ?",
                 (stamp(due), json.dumps(state, sort_keys=True), card_id))


def cards(store: Store, *, due_before: datetime | None = None,
          principles: Iterable[str] | None = None, kinds: Iterable[str] | None = None,
          limit: int | None = None) -> list[CardRecord]:
    """Cards, most overdue first; filtered by due time, principles and kinds when given;
    the first `limit` only when given."""
    where: list[str] = ["1 = 1"]
    args: list[object] = []
    if due_before is not None:
        where.append("due < ?")
        args.append(stamp(due_before))
    for column, values in (("principle", principles), ("kind", kinds)):
        if values is not None:
            chosen = list(values)
            where.append(f"{column} IN ({','.join('?' * len(chosen))})")
            args.extend(chosen)
    rows = store.conn.execute(
        f"SELECT * FROM cards WHERE {' AND '.join(where)} ORDER BY due, id"
        + (" LIMIT ?" if limit is not None else ""), [*args, *([limit] if limit is not None else [])]
    ).fetchall()
    return [_card(row) for row in rows]


def count_cards(store: Store, *, due_before: datetime | None = None) -> int:
    if due_before is None:
        return int(store.conn.execute("SELECT COUNT(*) FROM cards").fetchone()[0])
    return int(store.conn.execute("SELECT COUNT(*) FROM cards WHERE due < ?",
                                  (stamp(due_before),)).fetchone()[0])


def next_due(store: Store, after: datetime) -> datetime | None:
    """The earliest due time at or after `after`, over every card."""
    row = store.conn.execute("SELECT MIN(due) FROM cards WHERE due >= ?", (stamp(after),)).fetchone()
    return datetime.fromisoformat(row[0]) if row and row[0] else None


def cards_created_since(store: Store, since: datetime) -> list[CardRecord]:
    rows = store.conn.execute("SELECT * FROM cards WHERE created_at >= ? ORDER BY id",
                              (stamp(since),)).fetchall()
    return [_card(row) for row in rows]


def add_review(conn: sqlite3.Connection, card_id: int, attempt_id: int | None, rating: int,
               at: datetime, elapsed_days: float | None, due_before: datetime | None,
               due_after: datetime, natural_due: datetime, deadline: date | None) -> None:
    conn.execute(
        "INSERT INTO reviews(card_id, attempt_id, rating, at, elapsed_days, due_before, due_after, "
        "natural_due, deadline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (card_id, attempt_id, rating, stamp(at), elapsed_days,
         stamp(due_before) if due_before else None, stamp(due_after), stamp(natural_due),
         deadline.isoformat() if deadline else None),
    )


def reviews(store: Store, card_id: int | None = None) -> list[sqlite3.Row]:
    if card_id is None:
        return store.conn.execute("SELECT * FROM reviews ORDER BY at, id").fetchall()
    return store.conn.execute("SELECT * FROM reviews WHERE card_id = ? ORDER BY at, id",
                              (card_id,)).fetchall()


def _card(row: sqlite3.Row) -> CardRecord:
    last = _time(row["last_review"])
    return CardRecord(row["id"], row["kind"], row["ref"], row["principle"], json.loads(row["fsrs"]),
                      datetime.fromisoformat(row["due"]), row["reps"], last)


# -- sessions -------------------------------------------------------------------------------

def add_session(conn: sqlite3.Connection, kind: str, settings: dict[str, Any], now: datetime) -> int:
    cursor = conn.execute("INSERT INTO sessions(kind, settings, started_at) VALUES (?, ?, ?)",
                          (kind, json.dumps(settings, sort_keys=True), stamp(now)))
    return int(cursor.lastrowid or 0)


def end_session(conn: sqlite3.Connection, session_id: int, report: dict[str, Any],
                now: datetime) -> None:
    conn.execute("UPDATE sessions SET ended_at = ?, report = ? WHERE id = ?",
                 (stamp(now), json.dumps(report, sort_keys=True), session_id))


def get_session(store: Store, session_id: int) -> SessionRecord:
    row = store.conn.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no practice session with id {session_id}")
    return SessionRecord(row["id"], row["kind"], json.loads(row["settings"]),
                         datetime.fromisoformat(row["started_at"]), _time(row["ended_at"]),
                         json.loads(row["report"]) if row["report"] else None)


# -- attempts -------------------------------------------------------------------------------

def add_attempt(conn: sqlite3.Connection, *, session_id: int | None, kind: str, ref: str,
                question_id: str | None, question: str, principle: str | None,
                interviewer: str | None, answer: str, status: str, started_at: datetime,
                ended_at: datetime | None, feedback: dict[str, Any] | None,
                overall: float | None, card_id: int | None = None) -> int:
    seconds = (ended_at - started_at).total_seconds() if ended_at else None
    cursor = conn.execute(
        "INSERT INTO attempts(session_id, card_id, kind, ref, question_id, question, principle, "
        "interviewer, answer, status, started_at, ended_at, answer_seconds, feedback, overall) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (session_id, card_id, kind, ref, question_id, question, principle, interviewer, answer, status,
         stamp(started_at), stamp(ended_at) if ended_at else None, seconds,
         json.dumps(feedback, ensure_ascii=False) if feedback is not None else None, overall),
    )
    return int(cursor.lastrowid or 0)


def set_followups(conn: sqlite3.Connection, attempt_id: int, followups: Iterable[Followup]) -> None:
    conn.execute("UPDATE attempts SET followups = ? WHERE id = ?",
                 (json.dumps([f.to_json() for f in followups], ensure_ascii=False), attempt_id))


def set_overall(conn: sqlite3.Connection, attempt_id: int, overall: float | None) -> None:
    conn.execute("UPDATE attempts SET overall = ? WHERE id = ?", (overall, attempt_id))


def set_status(conn: sqlite3.Connection, attempt_id: int, status: str) -> None:
    conn.execute("UPDATE attempts SET status = ? WHERE id = ?", (status, attempt_id))


def set_rating(conn: sqlite3.Connection, attempt_id: int, rating: int, card_id: int) -> None:
    conn.execute("UPDATE attempts SET rating = ?, card_id = ?, status = 'rated' WHERE id = ?",
                 (rating, card_id, attempt_id))


def get_attempt(store: Store, attempt_id: int) -> AttemptRecord:
    row = store.conn.execute("SELECT * FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no attempt with id {attempt_id}")
    return _attempt(row)


def attempts(store: Store, *, session_id: int | None = None, since: datetime | None = None,
             limit: int | None = None, newest_first: bool = False,
             offset: int = 0) -> list[AttemptRecord]:
    where: list[str] = ["1 = 1"]
    args: list[object] = []
    if session_id is not None:
        where.append("session_id = ?")
        args.append(session_id)
    if since is not None:
        where.append("started_at >= ?")
        args.append(stamp(since))
    order = "DESC" if newest_first else "ASC"
    sql = f"SELECT * FROM attempts WHERE {' AND '.join(where)} ORDER BY started_at {order}, id {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return [_attempt(row) for row in store.conn.execute(sql, args)]


def attempt_summaries(store: Store) -> list[AttemptSummary]:
    """Every attempt without its answer and feedback, oldest first."""
    return [AttemptSummary(*row) for row in store.conn.execute(
        "SELECT principle, kind, started_at, overall, rating, status FROM attempts "
        "ORDER BY started_at, id")]


def recent_by_principle(store: Store, per_principle: int) -> dict[str, list[tuple[float | None,
                                                                                int | None]]]:
    """The last `per_principle` (overall, rating) pairs of each principle, newest first."""
    # One indexed query per principle (attempts_by_principle) reads a few rows each; a window
    # over every attempt took 40 times longer with 10,000 attempts.
    out: dict[str, list[tuple[float | None, int | None]]] = {}
    principles = [row[0] for row in store.conn.execute(
        "SELECT DISTINCT principle FROM attempts WHERE principle IS NOT NULL")]
    for principle in principles:
        rows = store.conn.execute(
            "SELECT overall, rating FROM attempts WHERE principle = ? AND status != 'interrupted' "
            "ORDER BY started_at DESC, id DESC LIMIT ?", (principle, per_principle)).fetchall()
        if rows:
            out[principle] = [(row[0], row[1]) for row in rows]
    return out


def practised_question_ids(store: Store) -> set[str]:
    return {row[0] for row in store.conn.execute(
        "SELECT DISTINCT question_id FROM attempts WHERE question_id IS NOT NULL")}


def practised_principles_since(store: Store, since: datetime, until: datetime | None = None
                               ) -> set[str]:
    """Principles with an answered attempt in [since, until)."""
    end = stamp(until) if until else "9999"
    return {row[0] for row in store.conn.execute(
        "SELECT DISTINCT principle FROM attempts WHERE started_at >= ? AND started_at < ? "
        "AND principle IS NOT NULL AND status != 'interrupted'", (stamp(since), end))}


def practice_days(store: Store) -> list[str]:
    """The distinct UTC days (ISO dates) with at least one attempt, oldest first."""
    return [row[0] for row in store.conn.execute(
        "SELECT DISTINCT substr(started_at, 1, 10) AS day FROM attempts ORDER BY day")]


def items_since(store: Store, since: datetime, *, new_kinds: Iterable[str] | None = None
                ) -> tuple[int, int]:
    """(items practised, of which new) since `since`: an item is new when its card did not
    exist before `since` (or does not exist yet because the attempt is unrated); with
    `new_kinds`, only items of those kinds count as new."""
    kinds = list(new_kinds) if new_kinds is not None else None
    only = f" AND a.kind IN ({','.join('?' * len(kinds))})" if kinds is not None else ""
    row = store.conn.execute(
        "SELECT COUNT(DISTINCT a.kind || ':' || a.ref), "
        "COUNT(DISTINCT CASE WHEN (c.id IS NULL OR c.created_at >= ?)" + only
        + " THEN a.kind || ':' || a.ref END) "
        "FROM attempts AS a LEFT JOIN cards AS c ON c.kind = a.kind AND c.ref = a.ref "
        "WHERE a.started_at >= ?", (stamp(since), *(kinds or []), stamp(since)),
    ).fetchone()
    return int(row[0]), int(row[1] or 0)


def session_items(store: Store, session_id: int) -> list[tuple[str, str]]:
    """(kind, ref) of what a session has asked so far, in order."""
    return [(row[0], row[1]) for row in store.conn.execute(
        "SELECT kind, ref FROM attempts WHERE session_id = ? ORDER BY id", (session_id,))]


def last_question_text(store: Store, kind: str, ref: str) -> str | None:
    row = store.conn.execute("SELECT question FROM attempts WHERE kind = ? AND ref = ? "
                             "ORDER BY id DESC LIMIT 1", (kind, ref)).fetchone()
    return str(row[0]) if row else None


def scored_answers(store: Store, min_overall: float) -> list[tuple[int, float, str]]:
    """(id, overall, answer) of answers scored at least `min_overall`, best first."""
    return [(int(r[0]), float(r[1]), str(r[2])) for r in store.conn.execute(
        "SELECT id, overall, answer FROM attempts WHERE overall >= ? AND answer != '' "
        "ORDER BY overall DESC, id DESC", (min_overall,))]


def count_attempts(store: Store) -> int:
    return int(store.conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0])


def _attempt(row: sqlite3.Row) -> AttemptRecord:
    followups = tuple(Followup(f["probe"], f.get("why", ""), f.get("answer", ""), f.get("seconds"),
                               f.get("overall"))
                      for f in json.loads(row["followups"]))
    started = datetime.fromisoformat(row["started_at"])
    return AttemptRecord(
        row["id"], row["session_id"], row["card_id"], row["kind"], row["ref"], row["question_id"],
        row["question"], row["principle"], row["interviewer"], row["answer"], row["status"],
        started, _time(row["ended_at"]), row["answer_seconds"], followups,
        json.loads(row["feedback"]) if row["feedback"] else None, row["overall"], row["rating"],
    )
