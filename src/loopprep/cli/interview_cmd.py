"""`loopprep interview`: the interviews you are preparing for (company, role, date, stages);
the schedule converges on the next stage's date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from loopprep.cli.common import JsonOption, console, now, open_bank, print_json

if TYPE_CHECKING:
    from loopprep.practice import Interview

interview_app = typer.Typer(help="Add, list and remove the interviews you prepare for.",
                            no_args_is_help=False, rich_markup_mode=None)


def register(app: typer.Typer) -> None:
    app.add_typer(interview_app, name="interview")


@interview_app.callback(invoke_without_command=True)
def interview_default(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """List your interviews (same as `loopprep interview list`)."""
    if ctx.invoked_subcommand is None:
        list_interviews(ctx, as_json=as_json)


@interview_app.command("add")
def add_interview(
    ctx: typer.Context,
    company: str = typer.Argument(..., help="The company, e.g. Amazon."),
    date: str = typer.Option(..., "--date", help="The day of the last stage (the loop): YYYY-MM-DD."),
    role: str = typer.Option("", "--role", help="The role, e.g. 'Applied Scientist'."),
    stage: list[str] = typer.Option(
        [], "--stage", help="A stage as NAME or NAME=YYYY-MM-DD (repeatable), e.g. "
        "--stage 'phone screen=2025-03-20' --stage loop. Default: one stage, 'loop'."),
    as_json: bool = JsonOption,
) -> None:
    """Add an interview; practice is scheduled to be ready by each stage."""
    with open_bank(ctx) as bank:
        interview = bank.add_interview(company, role=role, day=date, stages=stage, now=now())
    if as_json:
        print_json(interview.to_json())
        return
    console().print(f"Added interview {interview.id}: {_describe(interview)}")


@interview_app.command("list")
def list_interviews(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """List your interviews and their stages."""
    with open_bank(ctx) as bank:
        interviews = bank.interviews()
    if as_json:
        print_json({"interviews": [i.to_json() for i in interviews]})
        return
    out = console()
    if not interviews:
        out.print("No interviews yet. Add one: loopprep interview add Amazon --date 2025-04-10")
    for interview in interviews:
        out.print(f"{interview.id}  {_describe(interview)}")


@interview_app.command("remove")
def remove_interview(
    ctx: typer.Context,
    interview_id: int = typer.Argument(..., help="The interview's id (see `loopprep interview list`)."),
    as_json: bool = JsonOption,
) -> None:
    """Remove an interview (practice history is kept)."""
    with open_bank(ctx) as bank:
        interview = bank.remove_interview(interview_id)
    if as_json:
        print_json({"removed": interview.to_json()})
    else:
        console().print(f"Removed interview {interview.id}: {_describe(interview)}")


def _describe(interview: Interview) -> str:
    from rich.markup import escape

    role = f", {interview.role}" if interview.role else ""
    stages = "; ".join(f"{s.name} {s.date.isoformat()}" for s in interview.stages)
    return escape(f"{interview.company}{role} — {stages}")
