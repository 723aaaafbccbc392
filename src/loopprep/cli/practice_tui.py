"""The practice screen in the terminal: a multi-line answer box with a ticking timer
(prompt_toolkit), feedback with the flagged spans marked and numbered, and the rating (Rich).
Only terminal I/O lives here; `loopprep.practice` decides and stores everything.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prompt_toolkit.formatted_text import StyleAndTextTuples
    from rich.console import Console

    from loopprep.practice import AnswerResult, PracticeItem, RatingResult

#: Set to 0 to draw the timer only when the screen changes (for slow or scripted terminals).
LIVE_TIMER_ENV = "LOOPPREP_LIVE_TIMER"


@dataclass(frozen=True)
class Typed:
    """What the candidate typed in an answer box and whether they pressed Ctrl-C."""

    text: str
    interrupted: bool
    seconds: float


class _SaveAndQuit(Exception):
    def __init__(self, text: str) -> None:
        super().__init__("interrupted")
        self.text = text


def clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def read_answer(target_seconds: int, *, label: str = "Your answer", default: str = "") -> Typed:
    """A multi-line answer box; Esc-Enter or Ctrl-D finishes, Ctrl-C keeps the text and quits.
    The bottom toolbar shows the time against the target, yellow past it, red at 1.5x."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.styles import Style

    bindings = KeyBindings()

    @bindings.add("c-d")
    def _finish(event: Any) -> None:
        event.current_buffer.validate_and_handle()

    @bindings.add("c-c")
    def _save_and_quit(event: Any) -> None:
        event.app.exit(exception=_SaveAndQuit(event.current_buffer.text))

    started = time.monotonic()

    def toolbar() -> StyleAndTextTuples:
        spent = time.monotonic() - started
        style = ("class:late" if spent >= target_seconds * 1.5 else
                 "class:over" if spent >= target_seconds else "class:timer")
        return [(style, f" {clock(spent)} / {clock(target_seconds)} "),
                ("class:help", "  Esc-Enter or Ctrl-D: done   Ctrl-C: save and quit ")]

    live = os.environ.get(LIVE_TIMER_ENV, "1") not in ("0", "off", "no")
    style = Style.from_dict({
        "bottom-toolbar": "noreverse bg:#303030 #d0d0d0",
        "timer": "bg:#005f00 #ffffff bold", "over": "bg:#af8700 #000000 bold",
        "late": "bg:#af0000 #ffffff bold", "help": "bg:#303030 #d0d0d0",
    })
    session: PromptSession[str] = PromptSession(
        multiline=True, key_bindings=bindings, bottom_toolbar=toolbar, style=style,
        refresh_interval=0.5 if live else 0, prompt_continuation="  ",
    )
    try:
        text = session.prompt(f"{label}:\n> ", default=default)
    except _SaveAndQuit as stop:
        return Typed(stop.text, True, time.monotonic() - started)
    except EOFError:
        return Typed("", False, time.monotonic() - started)
    return Typed(text, False, time.monotonic() - started)


def ask_rating(out: Console, suggested: int | None) -> int | None:
    """1 again .. 4 easy; Enter takes the suggestion; None when the candidate quits."""
    from rich.prompt import Prompt

    hint = f" [{suggested}]" if suggested else ""
    while True:
        try:
            answer = Prompt.ask(f"Rate yourself: 1 again, 2 hard, 3 good, 4 easy{hint}",
                                console=out, default=str(suggested) if suggested else None,
                                show_default=False)
        except (KeyboardInterrupt, EOFError):
            return None
        answer = (answer or "").strip().lower()
        names = {"again": 1, "hard": 2, "good": 3, "easy": 4, "a": 1, "h": 2, "g": 3, "e": 4}
        if answer in ("1", "2", "3", "4"):
            return int(answer)
        if answer in names:
            return names[answer]
        if answer in ("q", "quit"):
            return None
        out.print("Type 1, 2, 3 or 4 (or q to quit).")


def ask_continue(out: Console) -> bool:
    from rich.prompt import Prompt

    try:
        answer = Prompt.ask("Enter for the next question, q to quit", console=out, default="",
                            show_default=False)
    except (KeyboardInterrupt, EOFError):
        return False
    return answer.strip().lower() not in ("q", "quit", "exit")


def show_item(out: Console, item: PracticeItem, number: int) -> None:
    from rich.markup import escape

    who = f" · {escape(item.interviewer)}" if item.interviewer else ""
    if item.bar_raiser:
        who += " (bar raiser)"
    guessed = " [dim](guessed)[/dim]" if item.guessed else ""
    out.rule(f"[bold]{number}. {escape(item.principle_name)}[/bold]{guessed}{who} "
             f"[dim]({escape(item.reason)})[/dim]", align="left")
    out.print(f"[bold cyan]{escape(item.prompt)}[/bold cyan]")
    target = clock(item.target_seconds)
    out.print(f"[dim]Aim for about {target}. Enter adds a line; Esc-Enter or Ctrl-D when done; "
              "Ctrl-C saves what you typed and quits.[/dim]")


def show_feedback(out: Console, result: AnswerResult) -> None:
    """The feedback as `loopprep analyze` shows it: scores, the answer with each flagged
    span underlined and numbered, then the numbered remarks."""
    from loopprep.cli.feedback_view import render_analysis

    if result.analysis is None:
        return
    out.rule("[bold]Feedback[/bold]", align="left")
    render_analysis(result.analysis, out)


def show_stories(out: Console, result: AnswerResult) -> None:
    from rich.markup import escape

    item = result.item
    out.rule("[bold]Your stories for this principle[/bold]", align="left")
    for cue in item.stories:
        named = " [green](you named it)[/green]" if cue.id in result.named_stories else ""
        out.print(f"[bold]{escape(cue.title)}[/bold]{named}")
        out.print(f"  opening line: {escape(cue.opening_line)}")
        out.print(f"  key metric:   {escape(cue.metric) if cue.metric else '[yellow]none yet[/yellow]'}")


def show_schedule(out: Console, rated: RatingResult) -> None:
    from loopprep.model.practice import RATINGS

    due = rated.due
    line = f"Rated {RATINGS[rated.rating]}. Next time: {due.date().isoformat()}"
    if rated.brought_forward and rated.deadline:
        line += f" (brought forward from {rated.natural_due.date().isoformat()} for {rated.deadline})"
    out.print(f"[dim]{line}[/dim]")


def show_report(out: Console, report: dict[str, Any]) -> None:
    from rich.markup import escape
    from rich.table import Table

    out.rule("[bold]Session report[/bold]", align="left")
    score = report.get("mean_score")
    out.print(f"{report['answered']} answered, {report['interrupted']} interrupted in "
              f"{report['minutes']} min; mean score "
              f"{f'{score:.1f}/10' if score is not None else '-'}; {report['due_left']} still due today.")
    people = report.get("interviewers")
    if people:
        table = Table(title="Mock loop", title_justify="left")
        for column in ("Interviewer", "Principle", "Score", "What to fix"):
            table.add_column(column)
        for person in people:
            name = person["name"] + (" (bar raiser)" if person["bar_raiser"] else "")
            for row in person["principles"]:
                value = row["score"]
                table.add_row(escape(name), escape(row["name"]),
                              f"{value:.1f}" if value is not None else row["status"],
                              escape(row["fix"] or ""))
                name = ""
        out.print(table)
    if report.get("fixes"):
        out.print("[bold]Work on:[/bold] " + "; ".join(escape(f) for f in report["fixes"]))
    for entry in report.get("technical", []):
        out.print(f"Technical: {escape(entry['subtopic'])} — {escape(entry['problem'] or '')} "
                  f"({entry['outcome'] or 'not logged'})")
