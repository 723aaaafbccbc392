"""The question bank as the user sees it: the shipped bank loaded into the store once per
version, questions from the notes, and the user's own; listing, filtering and adding them.
Questions that came without a principle are shown with the classifier's guess, marked so.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from loopprep.errors import LoopprepError
from loopprep.model import PrincipleSlug, Question, QuestionId
from loopprep.store import questions as question_rows

if TYPE_CHECKING:
    from loopprep.classify import Ranking
    from loopprep.workspace import Workspace

ORIGINS = ("bank", "notes", "user")
MAX_QUESTION_CHARS = 1_000


@dataclass(frozen=True)
class ListedQuestion:
    """A question with who chose its principles: 'author' or 'classifier' (a guess)."""

    question: Question

    @property
    def labelled_by(self) -> str:
        return "classifier" if self.question.guessed else "author"

    def to_json(self) -> dict[str, object]:
        q = self.question
        return {
            "id": q.id,
            "text": q.text,
            "origin": q.origin,
            "principles": list(q.principles),
            "labelled_by": self.labelled_by,
            "stories": list(q.story_ids),
            "source": {"path": q.source.path, "line": q.source.line} if q.source else None,
        }


def bank_file_text() -> str:
    from importlib import resources

    return resources.files("loopprep").joinpath("data", "questions.toml").read_text("utf-8")


def sync_question_bank(bank: Workspace, *, now: datetime) -> int:
    """Load the shipped question bank into the store if this version is not there yet;
    returns how many rows changed (0 when it was already loaded)."""
    text = bank_file_text()
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if question_rows.bank_version(bank.store) == sha:
        return 0
    rows = [question_rows.BankQuestion(r["id"], r["text"], tuple(r["principles"]))
            for r in tomllib.loads(text).get("question", [])]
    return question_rows.load_bank(bank.store, rows, sha, now.isoformat(timespec="seconds"))


def list_questions(bank: Workspace, *, now: datetime, principle: str | None = None,
                   origin: str | None = None, search: str | None = None) -> list[ListedQuestion]:
    """Questions of the active framework, filtered; unlabelled ones get the classifier's guess."""
    from loopprep.classify.guesses import with_guesses
    from loopprep.stories import check_principles

    if origin is not None and origin not in ORIGINS:
        raise LoopprepError(f"unknown origin {origin!r}", hint=f"Use one of: {', '.join(ORIGINS)}.")
    slug = check_principles(bank, [principle])[0] if principle else None
    sync_question_bank(bank, now=now)
    found = question_rows.list_questions(bank.store, origins=[origin] if origin else [],
                                         search=search or None)
    known = set(bank.framework.slugs)
    # bank questions belong to the framework they were written for
    found = [q for q in found if q.origin != "bank" or (q.principles and q.principles[0] in known)]
    listed = [ListedQuestion(q) for q in with_guesses(bank, found)]
    if slug:
        listed = [q for q in listed if slug in q.question.principles]
    return listed


def add_question(bank: Workspace, text: str, *, now: datetime, principles: Sequence[str] = ()
                 ) -> tuple[ListedQuestion, Ranking | None]:
    """Add the user's own question. Without principles it is filed under the classifier's
    top principle (returned as the ranking, so the edge can say so)."""
    from loopprep.stories import check_principles

    text = " ".join(text.split())
    if not any(ch.isalpha() for ch in text):
        raise LoopprepError("the question has no words", hint="Type the question in quotes.")
    if len(text) > MAX_QUESTION_CHARS:
        raise LoopprepError(f"the question is {len(text):,} characters; the limit is "
                            f"{MAX_QUESTION_CHARS:,}", hint="Keep to the question itself.")
    slugs = check_principles(bank, principles)
    sync_question_bank(bank, now=now)
    existing = question_rows.find_by_text(bank.store, text)
    if existing:
        raise LoopprepError(f"that question is already in the bank as {existing}",
                            hint="`loopprep questions --search` finds it.")
    ranking = None
    if not slugs:
        from loopprep.classify import classify

        ranking = classify([text], bank.framework)[0]
        slugs = [ranking.top]
    question_id = question_rows.next_user_id(bank.store)
    question_rows.add_user_question(bank.store, question_id, text, slugs, guessed=ranking is not None,
                                    now=now.isoformat(timespec="seconds"))
    question = Question(QuestionId(question_id), text, tuple(PrincipleSlug(s) for s in slugs),
                        origin="user", guessed=ranking is not None)
    return ListedQuestion(question), ranking
