"""`loopprep export`: the cheat sheet, the story vault, the Anki deck and the practice
calendar. Files are written atomically; one you changed since loopprep wrote it is only
replaced with --force, and a copy is kept in .loopprep-backup/ beside it.
"""

from __future__ import annotations

import sys
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from loopprep.cli.common import JsonOption, console, now, open_bank, print_json, today
from loopprep.cli.plan_cmd import (
    BarRaiserOption,
    InterviewerOption,
    LinkedOnlyOption,
    LoopFileOption,
    SemanticOption,
    make_plan,
)

if TYPE_CHECKING:
    from loopprep.export.files import WriteReport

export_app = typer.Typer(help="Export the plan and the bank: cheat sheet, vault, Anki deck, calendar.",
                         no_args_is_help=True, rich_markup_mode=None)
ForceOption = typer.Option(False, "--force",
                           help="Overwrite files you changed since loopprep wrote them (a backup is kept).")


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")


@export_app.command("cheatsheet")
def cheatsheet(
    ctx: typer.Context,
    fmt: str = typer.Option("html", "--format", "-f", help="html, md or pdf."),
    out: Path = typer.Option(None, "--out", "-o", metavar="FILE",
                             help="Where to write it (default: cheatsheet.FORMAT here; '-' for stdout)."),
    loop_file: Path = LoopFileOption,
    interviewer: list[str] = InterviewerOption,
    bar_raiser: str = BarRaiserOption,
    linked_only: bool = LinkedOnlyOption,
    semantic: bool = SemanticOption,
    force: bool = ForceOption,
    as_json: bool = JsonOption,
) -> None:
    """A one-page cheat sheet of the loop plan: per interviewer the principles, the story,
    its opening line, key metric and ready follow-up answers."""
    from loopprep.errors import LoopprepError
    from loopprep.export.outputs import SUFFIXES, render_cheatsheet

    fmt = fmt.lower()
    if fmt not in SUFFIXES:
        raise LoopprepError(f"unknown format {fmt!r}", hint="Use --format html, md or pdf.")
    with open_bank(ctx) as bank:
        plan = make_plan(bank, loop_file, interviewer, bar_raiser, linked_only, semantic)
        if out is not None and str(out) == "-":
            if fmt == "pdf":
                raise LoopprepError("a PDF cannot go to the terminal", hint="Give --out FILE.pdf.")
            sys.stdout.write(render_cheatsheet(plan, fmt, today=today()).decode("utf-8"))
            return
        path = out or Path(f"cheatsheet{SUFFIXES[fmt]}")
        result = bank.export_cheatsheet(plan, path, fmt, today=today(), now=now(), force=force)
    if as_json:
        print_json(result.to_json())
        return
    _said(result.files, f"Cheat sheet ({fmt}): {path}")
    if plan.lacking:
        console().print(f"[yellow]{len(plan.lacking)} principle(s) have no distinct story yet;"
                        " `loopprep plan` says which and what to develop.[/yellow]")


@export_app.command("vault")
def vault(
    ctx: typer.Context,
    folder: Path = typer.Argument(..., help="The folder (e.g. in your Obsidian vault) to write into."),
    force: bool = ForceOption,
    as_json: bool = JsonOption,
) -> None:
    """One note per story in the format `loopprep import` reads, plus an index by principle."""
    with open_bank(ctx) as bank:
        report = bank.export_vault(folder, now=now(), force=force)
    if as_json:
        print_json(report.to_json())
        return
    _said(report.files, f"{report.stories} story notes and the index in {folder}")
    if report.left_alone:
        console().print(f"[dim]{len(report.left_alone)} note(s) from an earlier export belong to "
                        "stories no longer in the bank; left as they are.[/dim]")


@export_app.command("anki")
def anki(
    ctx: typer.Context,
    out: Path = typer.Option(Path("loopprep.apkg"), "--out", "-o", metavar="FILE",
                             help="Where to write the deck."),
    loop_file: Path = LoopFileOption,
    interviewer: list[str] = InterviewerOption,
    bar_raiser: str = BarRaiserOption,
    linked_only: bool = LinkedOnlyOption,
    force: bool = ForceOption,
    as_json: bool = JsonOption,
) -> None:
    """Practice cards as an Anki deck: recall the story for each slot; answer questions."""
    with open_bank(ctx) as bank:
        plan = make_plan(bank, loop_file, interviewer, bar_raiser, linked_only, False)
        result = bank.export_anki(plan, out, now=now(), force=force)
    if as_json:
        print_json(result.to_json())
        return
    _said(result.files, f"Anki deck with {result.details['cards']} cards: {out} "
                        "(File > Import in Anki)")


@export_app.command("calendar")
def calendar(
    ctx: typer.Context,
    interview_date: str = typer.Option(None, "--interview-date", metavar="YYYY-MM-DD",
                                       help="The day of your loop (default: the loop file's date, else your "
                                            "next stage from `loopprep interview`)."),
    at: str = typer.Option("18:00", "--at", metavar="HH:MM", help="When each practice session starts."),
    minutes: int = typer.Option(30, "--minutes", help="How long each practice session is."),
    out: Path = typer.Option(Path("loopprep-practice.ics"), "--out", "-o", metavar="FILE",
                             help="Where to write the calendar."),
    loop_file: Path = LoopFileOption,
    interviewer: list[str] = InterviewerOption,
    bar_raiser: str = BarRaiserOption,
    force: bool = ForceOption,
    as_json: bool = JsonOption,
) -> None:
    """The practice plan as an .ics calendar: a daily session toward the interview day,
    following what the practice schedule has due."""
    from loopprep.errors import LoopprepError

    try:
        day = date.fromisoformat(interview_date) if interview_date else None
        start = time.fromisoformat(at)
    except ValueError:
        raise LoopprepError(f"cannot read --interview-date {interview_date!r} / --at {at!r}",
                            hint="Write them as 2026-12-01 and 18:30.") from None
    with open_bank(ctx) as bank:
        plan = make_plan(bank, loop_file, interviewer, bar_raiser, False, False)
        result = bank.export_calendar(plan, out, interview_date=day, today=today(), now=now(),
                                      at=start, minutes=minutes, force=force)
    if as_json:
        print_json(result.to_json())
        return
    _said(result.files, f"{result.details['events']} events up to {result.details['interview_date']}: "
                        f"{out}")


def _said(files: WriteReport, what: str) -> None:
    out = console()
    if files.written:
        out.print(f"Wrote {what}.")
    else:
        out.print(f"Nothing changed: {what}.")
    if files.backups:
        out.print(f"[dim]Replaced {len(files.backups)} file(s); the old versions are in "
                  f"{files.backups[0].parent}[/dim]")
