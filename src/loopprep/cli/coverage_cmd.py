"""`loopprep coverage`: the principles against the stories, gaps and over-used stories."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from loopprep.cli.common import JsonOption, console, open_bank, print_json, today

if TYPE_CHECKING:
    from loopprep.coverage import Coverage


def register(app: typer.Typer) -> None:
    app.command("coverage")(coverage)


def coverage(
    ctx: typer.Context,
    as_json: bool = JsonOption,
    max_per_story: int = typer.Option(
        2, "--max-per-story", min=1,
        help="A story filed under more principles than this is reported as over-used.",
    ),
    matrix: bool = typer.Option(False, "--matrix", help="Show the principles x stories grid."),
) -> None:
    """Show which principles have stories, the gaps, and over-used or thin stories."""
    with open_bank(ctx) as bank:
        result = bank.coverage(today=today(), max_per_story=max_per_story)
    if as_json:
        print_json(result.to_json())
    elif matrix:
        show_matrix(result)
    else:
        show_coverage(result)


def show_matrix(result: Coverage) -> None:
    """A grid with one column per story (numbered, with a legend) and one row per principle."""
    from rich.markup import escape
    from rich.table import Table

    stories = [s for s in result.stories if s.principles] + [s for s in result.stories
                                                             if not s.principles]
    table = Table(title=f"{result.framework.name}: principles x stories", title_justify="left")
    table.add_column("Principle", no_wrap=True)
    for number, _ in enumerate(stories, start=1):
        table.add_column(str(number), justify="center", no_wrap=True)
    table.add_column("#", justify="right")
    for principle in result.principles:
        cells = ["[green]●[/green]" if s.story_id in principle.story_ids else "[dim]·[/dim]"
                 for s in stories]
        count = len(principle.story_ids)
        table.add_row(escape(principle.name), *cells,
                      "[red]0[/red]" if not count else str(count))
    table.add_row("[dim]principles per story[/dim]",
                  *[(f"[yellow]{len(s.principles)}[/yellow]" if s.overused else
                     str(len(s.principles))) for s in stories], "")
    out = console()
    out.print(table)
    for number, story in enumerate(stories, start=1):
        mark = " [yellow](over-used)[/yellow]" if story.overused else ""
        out.print(f"{number:>3}. {escape(story.title)} [dim]({story.story_id})[/dim]{mark}")


def show_coverage(result: Coverage) -> None:
    from rich.markup import escape
    from rich.table import Table

    from loopprep.model import display_path

    out = console()
    titles = {s.story_id: s.title for s in result.stories}
    overused = set(result.overused)
    table = Table(title=f"{result.framework.name}: coverage", title_justify="left")
    table.add_column("Principle", style="bold", no_wrap=True)
    table.add_column("Stories")
    table.add_column("", no_wrap=True)
    for principle in result.principles:
        names = [
            escape(titles[s]) + (" [yellow](over-used)[/yellow]" if s in overused else "")
            for s in principle.story_ids
        ]
        status = "[red]gap[/red]" if not names else ("[yellow]one[/yellow]" if len(names) == 1 else
                                                     f"[green]{len(names)}[/green]")
        table.add_row(escape(principle.name), "\n".join(names) or "[dim]no story yet[/dim]",
                      status)
    out.print(table)
    covered = len(result.principles) - len(result.gaps)
    out.print(f"{covered} of {len(result.principles)} principles have a story; "
              f"{len(result.stories)} stories in the bank.")
    if result.gaps:
        gap_names = ", ".join(p.name for p in result.principles if not p.story_ids)
        out.print(f"\n[bold red]Gaps[/bold red] (no story yet): {escape(gap_names)}")
    if overused:
        out.print(f"\n[bold yellow]Over-used[/bold yellow] (filed under more than "
                  f"{result.max_per_story} principles; the panel compares notes):")
        for story in result.stories:
            if story.story_id in overused:
                out.print(f"  {escape(story.title)} [dim]({story.story_id})[/dim]: "
                          f"{len(story.principles)} principles — {', '.join(story.principles)}")
    thin = result.thin
    if thin:
        out.print("\n[bold]Thin stories[/bold] (develop them with `loopprep stories show ID`):")
        for story in thin:
            out.print(f"  {escape(story.title)} [dim]({story.story_id})[/dim]: "
                      f"no {', no '.join(story.missing)}")
    if result.stale:
        out.print(f"\n[bold]Stale[/bold] (older than 5 years): {', '.join(result.stale)}")
    if result.unlinked:
        out.print(f"\n[bold]Not filed under any principle[/bold]: {', '.join(result.unlinked)}")
    warnings = [f for f in result.findings if f.severity == "warning"]
    if result.findings:
        out.print(f"\n[bold]What loopprep noticed in your notes[/bold] "
                  f"({len(warnings)} warnings, {len(result.findings) - len(warnings)} notes)")
        for finding in result.findings:
            where = (f"{display_path(finding.source.path)}:{finding.source.line}: "
                     if finding.source else "")
            mark = "[yellow]![/yellow]" if finding.severity == "warning" else "[dim]i[/dim]"
            out.print(f" {mark} {escape(where + finding.message)}")
