"""`loopprep practice`: a mock interview in the terminal — question, timed answer, follow-up
probes, feedback with its spans marked, self-rating — until the session is done or you quit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from loopprep.cli.common import console, now, open_bank

if TYPE_CHECKING:
    from rich.console import Console

    from loopprep.bank import Bank
    from loopprep.practice import AnswerResult, PracticeItem, PracticeSession


def register(app: typer.Typer) -> None:
    app.command("practice")(practice)


def practice(
    ctx: typer.Context,
    minutes: float = typer.Option(None, "--minutes", min=1,
                                  help="Stop asking new questions after this many minutes."),
    count: int = typer.Option(None, "--count", min=1, help="Ask at most this many questions."),
    principle: list[str] = typer.Option([], "--principle", "-p",
                                        help="Practise only this principle (repeatable)."),
    mock_loop: bool = typer.Option(False, "--mock-loop",
                                   help="A full mock loop: several interviewers, bar raiser last."),
    loop_file: Path = typer.Option(None, "--loop", metavar="FILE",
                                   help="The loop to play with --mock-loop (a loop .toml file)."),
    seed: str = typer.Option(None, "--seed", help="Fix the choice of questions and probes."),
    technical: bool = typer.Option(False, "--technical",
                                   help="Only technical subtopics (see loopprep tech)."),
    behavioral_only: bool = typer.Option(False, "--behavioral-only",
                                         help="No technical items (by default one in three is "
                                         "technical when you track technical subtopics)."),
    speak: bool = typer.Option(False, "--speak",
                               help="Answer out loud: record from the microphone, Enter stops; "
                               "transcribed on this computer (the speech extra)."),
    speak_from: Path = typer.Option(None, "--speak-from", metavar="WAV", hidden=True,
                                    help="Answer with this wav file in place of the microphone."),
) -> None:
    """Practise answering: due cards first, weak principles next, with follow-ups and feedback;
    technical subtopics you track are mixed in."""
    from loopprep.cli import practice_tui as tui
    from loopprep.practice import PracticeError, SessionOptions

    out = console()
    if technical and behavioral_only:
        raise PracticeError("--technical and --behavioral-only exclude each other",
                            hint="Leave both out to mix them (one technical item in three).")
    options = SessionOptions(minutes=minutes, count=count, principles=tuple(principle),
                             mock_loop=mock_loop or loop_file is not None, loop_file=loop_file,
                             seed=seed,
                             technical="only" if technical else "none" if behavioral_only else "mix")
    speaker = _speaker(ctx, speak_from) if speak or speak_from else None
    with open_bank(ctx) as bank:
        session = bank.start_practice(options, now=now())
        _greet(out, bank.practice_status(now=now()))
        number = 0
        item = session.next_item(now())
        while item is not None:
            number += 1
            if item.kind == "technical":
                go_on = _technical(out, bank, session, item, number)
            else:
                go_on = _answer_item(out, session, item, number, speaker)
            if not go_on:
                break
            item = session.next_item(now())
            if item is not None and not tui.ask_continue(out):
                break
        if number == 0:
            out.print("Nothing due and no room for new questions today. Practise anyway "
                      "with --count 3, --minutes 20 or --principle SLUG.")
        report = session.finish(now())
        if number:
            tui.show_report(out, report)


def _answer_item(out: Console, session: PracticeSession, item: PracticeItem, number: int,
                 speaker: Any) -> bool:
    """Ask one question (or story recall), typed or spoken, then its follow-ups, feedback
    and the self-rating; False when the candidate stopped."""
    from loopprep.cli import practice_tui as tui

    tui.show_item(out, item, number)
    started = now()
    if speaker is not None:
        result, interrupted = _spoken_answer(out, speaker, session, item)
    else:
        typed = tui.read_answer(item.target_seconds)
        result = session.answer(item, typed.text, started_at=started, ended_at=now(),
                                interrupted=typed.interrupted)
        interrupted = typed.interrupted
    if result is None:
        out.print("[yellow]Recording stopped; nothing was saved.[/yellow]")
        return False
    if interrupted:
        out.print("[yellow]Saved what you typed (interrupted).[/yellow]")
        return False
    followed = _followups(out, session, result)
    if followed is None:
        return False
    result = followed
    if item.kind == "question":
        tui.show_feedback(out, result)
    else:
        tui.show_stories(out, result)
    rating = tui.ask_rating(out, result.suggested_rating)
    if rating is None:
        out.print("[yellow]Saved your answer; not rated.[/yellow]")
        return False
    tui.show_schedule(out, session.rate(result.attempt_id, rating, now=now()))
    return True


def _speaker(ctx: typer.Context, source: Path | None) -> Any:
    """Checked before the session starts: without the extra or a microphone, one line."""
    from loopprep.cli.common import home_dir
    from loopprep.cli.speak_tui import Speaker

    return Speaker(home_dir(ctx), source)


def _spoken_answer(out: Console, speaker: Any, session: PracticeSession,
                   item: PracticeItem) -> tuple[AnswerResult | None, bool]:
    """Record, hear and correct the answer, then store it with what was heard and keep the
    recording with the attempt; (None, True) when the recording was stopped with Ctrl-C."""
    from loopprep.cli.speak_tui import record_answer
    from loopprep.speech.recordings import keep

    started = now()
    spoken = record_answer(out, speaker, item.target_seconds)
    if spoken.heard is None and not spoken.typed:
        return None, True
    result = session.answer(item, spoken.text, started_at=started, ended_at=now(),
                            interrupted=spoken.interrupted,
                            spoken=spoken.heard.spoken() if spoken.heard else None)
    if spoken.heard is not None:
        keep(speaker.home, spoken.heard, result.attempt_id)
    return result, spoken.interrupted


def _technical(out: Console, bank: Bank, session: PracticeSession, item: PracticeItem,
               number: int) -> bool:
    """Show a technical item and log what the candidate did; False when they quit."""
    from loopprep.cli import tech_tui

    tech_tui.show_item(out, item, number)
    current = bank.tech_subtopic(item.ref, now=now())["rating"]
    log = tech_tui.ask_log(out, item, current)
    if log is None:
        out.print("[yellow]Not logged.[/yellow]")
        return False
    logged = session.log_technical(item, problem=log.problem, outcome=log.outcome, now=now(),
                                   link=log.link, minutes=log.minutes, rating=log.rating)
    tech_tui.show_logged(out, logged)
    return True


def _followups(out: Console, session: PracticeSession,
               result: AnswerResult) -> AnswerResult | None:
    """Ask each follow-up probe and mark the reply; the result with the rating suggested by
    the attempt's mark (follow-ups included), or None when the candidate pressed Ctrl-C
    (answer kept)."""
    import dataclasses

    from rich.markup import escape

    from loopprep.cli import practice_tui as tui
    from loopprep.practice.session import suggested_rating

    for index, followup in enumerate(result.followups):
        out.print(f"\n[bold magenta]Follow-up:[/bold magenta] [bold]{escape(followup.probe)}"
                  f"[/bold] [dim]({escape(followup.why)})[/dim]")
        typed = tui.read_answer(60, label="Your follow-up answer")
        attempt = session.answer_followup(result.attempt_id, index, typed.text,
                                          round(typed.seconds, 1), interrupted=typed.interrupted)
        if typed.interrupted:
            out.print("[yellow]Saved what you typed (interrupted).[/yellow]")
            return None
        mark = attempt.followups[index].overall
        said = "left blank: not marked" if mark is None else f"{mark:.1f}/10"
        out.print(f"[dim]Follow-up {said}; this answer's mark is now "
                  f"{attempt.overall or 0:.1f}/10.[/dim]")
        if result.item.kind == "question":
            result = dataclasses.replace(result, suggested_rating=suggested_rating(attempt.overall))
    return result


def _greet(out: Console, status: dict[str, Any]) -> None:
    from rich.markup import escape

    for stage in status["countdown"][:2]:
        days = stage["days_left"]
        when = "today" if days == 0 else f"in {days} day{'s' * (days != 1)}"
        out.print(f"[bold]{escape(stage['company'])}[/bold] {escape(stage['stage'])} {when} "
                  f"({stage['date']})")
    due = status["due"]
    out.print(f"[dim]{due['today']} due today, {due['overdue']} overdue; "
              f"{status['new_today']} new today.[/dim]")
