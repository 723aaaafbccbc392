"""A technical item in the practice screen: the prompt, then a short log of what you did
(problem, link, minutes, outcome) and a self-rating 1-5. Bad input is asked again; Ctrl-C
or Ctrl-D logs nothing and ends the session.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from rich.console import Console

    from loopprep.practice import PracticeItem
    from loopprep.technical.tracker import LoggedPractice

T = TypeVar("T")


@dataclass(frozen=True)
class TechnicalLog:
    """What the candidate says they did for a technical item."""

    problem: str
    link: str | None
    minutes: float | None
    outcome: str
    rating: int | None


class _Quit(Exception):
    pass


def show_item(out: Console, item: PracticeItem, number: int) -> None:
    from rich.markup import escape

    out.rule(f"[bold]{number}. {escape(item.principle_name)}[/bold] [dim](technical · "
             f"{escape(item.reason)})[/dim]", align="left")
    out.print(f"[bold cyan]{escape(item.prompt)}[/bold cyan]")
    out.print("[dim]Do it now — solve it in your editor or on paper, or explain it out loud — "
              "then press Enter to log what you did.[/dim]")


def ask_log(out: Console, item: PracticeItem, current_rating: int | None) -> TechnicalLog | None:
    """The log of a technical item, or None when the candidate quits. The minutes offered are
    the time from the prompt to 'Ready to log'."""
    import time

    from loopprep.technical.tracker import check_link, check_minutes, check_outcome, check_rating

    started = time.monotonic()
    try:
        _ask(out, "Ready to log? (Enter; q to quit)", "", str)
        minutes_spent = (time.monotonic() - started) / 60
        problem = _ask(out, "What did you work on? (Enter: the prompt)", "", str)
        link = _ask(out, "Link (Enter for none)", "", check_link)
        spent = max(1, round(minutes_spent))
        minutes = _ask(out, f"Minutes [{spent}]", str(spent), lambda t: check_minutes(float(t)))
        outcome = _ask(out, "Outcome: s solved, p partial, f failed", None, check_outcome)
        hint = f" [{current_rating}]" if current_rating else " (Enter to skip)"
        rating = _ask(out, f"How well do you know it now? 1 lost .. 5 could teach it{hint}",
                      str(current_rating) if current_rating else "",
                      lambda t: check_rating(int(t)) if t.strip() else None)
    except _Quit:
        return None
    return TechnicalLog(problem.strip() or item.prompt, link, minutes, outcome, rating)


def _ask(out: Console, question: str, default: str | None, parse: Callable[[str], T]) -> T:
    """Ask until `parse` accepts the answer (its error is shown); Enter takes `default`
    (None: an answer is needed); q, Ctrl-C or Ctrl-D quits. prompt_toolkit reads the keys
    itself, so Ctrl-C is never lost between drawing the question and reading the line."""
    from prompt_toolkit import PromptSession
    from rich.markup import escape

    from loopprep.errors import LoopprepError

    session: PromptSession[str] = PromptSession()
    while True:
        out.file.flush()
        try:
            answer = session.prompt(f"{question}: ").strip()
        except (KeyboardInterrupt, EOFError):
            raise _Quit() from None
        if not answer and default is not None:
            answer = default
        if answer.lower() in ("q", "quit"):
            raise _Quit()
        try:
            return parse(answer)
        except (LoopprepError, ValueError) as error:
            message = error.message if isinstance(error, LoopprepError) else f"{answer!r} is not a number"
            out.print(f"[yellow]{escape(message)}[/yellow]")


def show_logged(out: Console, logged: LoggedPractice) -> None:
    from loopprep.model.practice import RATINGS

    review = logged.review
    rated = f"; you rate yourself {logged.rating}/5" if logged.rating else ""
    line = (f"Logged {logged.entry.outcome}{rated}. Scheduled as {RATINGS[review.rating]}; "
            f"next time: {review.due.date().isoformat()}")
    if review.brought_forward and review.deadline:
        line += f" (brought forward for {review.deadline})"
    out.print(f"[dim]{line}[/dim]")
