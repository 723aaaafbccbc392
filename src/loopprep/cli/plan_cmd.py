"""`loopprep plan`: which story to tell which interviewer in the loop, and why."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from loopprep.cli.common import JsonOption, console, open_bank, print_json, today

if TYPE_CHECKING:
    from loopprep.bank import Bank
    from loopprep.plan.planner import LoopPlan

# The loop options, shared by `plan` and the exports that are made from a plan.
LoopFileOption = typer.Option(None, "--loop", metavar="FILE",
                              help="A loop file (TOML): interviewers and their principles.")
InterviewerOption = typer.Option(
    None, "--interviewer", "-i", metavar="'NAME: P1, P2'",
    help="An interviewer and their principles (repeatable), instead of a loop file.")
BarRaiserOption = typer.Option(None, "--bar-raiser", metavar="NAME",
                               help="Which interviewer is the bar raiser (default: one named so).")
LinkedOnlyOption = typer.Option(False, "--linked-only",
                                help="Only use a story for principles it is filed under.")
SemanticOption = typer.Option(False, "--semantic",
                              help="Also match stories to principles by meaning, with the question "
                                   "classifier (loads the embedding model, about a second).")


def register(app: typer.Typer) -> None:
    app.command("plan")(plan)


def make_plan(bank: Bank, loop_file: Path | None, interviewer: list[str] | None,
              bar_raiser: str | None, linked_only: bool, semantic: bool) -> LoopPlan:
    from loopprep.plan.fit import ClassifierSimilarity, KeywordSimilarity
    from loopprep.plan.planner import PlanOptions

    loop = bank.loop(loop_file=loop_file, interviewers=interviewer or (), bar_raiser=bar_raiser)
    sources = (KeywordSimilarity(), ClassifierSimilarity(bank.framework)) if semantic else ()
    return bank.plan_loop(loop, today=today(),
                          options=PlanOptions(linked_only=linked_only, sources=sources))


def plan(
    ctx: typer.Context,
    loop_file: Path = LoopFileOption,
    interviewer: list[str] = InterviewerOption,
    bar_raiser: str = BarRaiserOption,
    linked_only: bool = LinkedOnlyOption,
    semantic: bool = SemanticOption,
    explain: bool = typer.Option(False, "--explain",
                                 help="Say why each story goes where it goes, and where each story goes."),
    print_loop: bool = typer.Option(False, "--print-loop",
                                    help="Print the loop as a TOML file to edit, and stop."),
    as_json: bool = JsonOption,
) -> None:
    """Plan the loop: a primary and a backup story per interviewer and principle, no story
    told twice, the strongest for the bar raiser; says what cannot be filled."""
    with open_bank(ctx) as bank:
        if print_loop:
            loop = bank.loop(loop_file=loop_file, interviewers=interviewer or (), bar_raiser=bar_raiser)
            typer.echo(loop.to_toml(), nl=False)
            return
        result = make_plan(bank, loop_file, interviewer, bar_raiser, linked_only, semantic)
    if as_json:
        print_json(result.to_json())
    else:
        show_plan(result, explain=explain)


def show_plan(result: LoopPlan, *, explain: bool) -> None:
    from rich.markup import escape
    from rich.table import Table

    from loopprep.plan.words import slot_sentence

    out = console()
    titles: dict[str, str] = {sid: story.title for sid, story in result.story_by_id.items()}
    out.print(f"[bold]{escape(result.loop.name)}[/bold] — {len(result.loop.interviewers)} interviewers, "
              f"{len(result.slots)} principles, {len(result.story_by_id)} stories in the bank")
    for person in result.loop.interviewers:
        label = " [yellow](bar raiser)[/yellow]" if person.bar_raiser and (
            "raiser" not in person.name.casefold()) else ""
        table = Table(title=escape(person.name) + label, title_justify="left", expand=False)
        table.add_column("Principle", style="bold")
        table.add_column("Tell")
        table.add_column("Backup", style="dim")
        for slot in (s for s in result.slots if s.interviewer == person.name):
            table.add_row(escape(slot.principle_name), _cell(slot.primary, titles),
                          _cell(slot.backup, titles))
            if explain:
                table.add_row("", f"[dim]{escape(slot_sentence(result, slot))}[/dim]", "")
        out.print(table)
    lacking = result.lacking
    if lacking:
        names = {s.principle: s.principle_name for s in result.slots}
        out.print(f"\n[bold red]No distinct story[/bold red] for {len(lacking)} principle(s): "
                  + escape(", ".join(names[p] for p in lacking)))
        for gap in result.unfilled:
            if gap.role == "primary":
                out.print(f"  {escape(gap.interviewer)} — {escape(gap.principle_name)}: {escape(gap.reason)}")
    else:
        out.print("\n[green]Every principle has its own story.[/green]")
    backups = [u for u in result.unfilled if u.role == "backup"]
    if backups:
        out.print(f"[dim]{len(backups)} slot(s) have no backup story.[/dim]")
    if result.develop_next:
        out.print(f"\n[bold]Develop next[/bold]: {escape(result.develop_next[0].message)}")
        for other in result.develop_next[1:3]:
            out.print(f"  [dim]or: {escape(other.message)}[/dim]")
    if explain:
        out.print("\n[bold]Where each story goes[/bold]")
        for use in result.stories:
            out.print(f"  {escape(use.title)} [dim]({use.story_id})[/dim]: {escape(use.why)}")
    else:
        out.print("\n[dim]`loopprep plan --explain` says why; `loopprep export cheatsheet` makes a "
                  "one-page sheet.[/dim]")


def _cell(fit: object, titles: dict[str, str]) -> str:
    from rich.markup import escape

    from loopprep.plan.fit import Fit

    if not isinstance(fit, Fit):
        return "[red]—[/red]"
    mark = "" if fit.linked else " [yellow](not filed under it)[/yellow]"
    return escape(titles.get(fit.story_id, fit.story_id)) + mark
