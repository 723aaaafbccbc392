"""`loopprep stories`: list the story bank, or show one story in full."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from loopprep.cli.common import JsonOption, console, open_bank, print_json, today

if TYPE_CHECKING:
    from loopprep.model import Story

stories_app = typer.Typer(help="List and show the stories in your bank.", no_args_is_help=False,
                          rich_markup_mode=None)


def register(app: typer.Typer) -> None:
    app.add_typer(stories_app, name="stories")


@stories_app.callback(invoke_without_command=True)
def stories_default(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """List the stories in your bank (same as `loopprep stories list`)."""
    if ctx.invoked_subcommand is None:
        list_stories(ctx, as_json=as_json, include_archived=False)


@stories_app.command("list")
def list_stories(
    ctx: typer.Context,
    as_json: bool = JsonOption,
    include_archived: bool = typer.Option(False, "--archived",
                                          help="Include stories gone from your notes."),
) -> None:
    """List the stories in your bank with their principles."""
    from loopprep.coverage import story_health

    with open_bank(ctx) as bank:
        stories = bank.stories(include_archived=include_archived)
    day = today()
    if as_json:
        print_json({"stories": [
            story_json(s) | {"missing": list(story_health(s, day).missing)} for s in stories
        ]})
        return
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"{len(stories)} stories", title_justify="left")
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("Story", style="bold")
    table.add_column("Principles")
    table.add_column("Missing")
    for story in stories:
        health = story_health(story, day)
        title = escape(story.title) + (" [dim](archived)[/dim]" if story.archived else "")
        table.add_row(story.id, title, ", ".join(story.principles) or "[dim]none[/dim]",
                      ", ".join(health.missing) or "[green]-[/green]")
    console().print(table)


@stories_app.command("show")
def show_story(
    ctx: typer.Context,
    story_id: str = typer.Argument(..., help="The story's id (see `loopprep stories`)."),
    as_json: bool = JsonOption,
) -> None:
    """Show one story: what the notes say, its STAR parts, and what is missing."""
    from loopprep.coverage import story_health

    with open_bank(ctx) as bank:
        story = bank.story(story_id)
        names = {p.slug: p.name for p in bank.framework}
    health = story_health(story, today())
    if as_json:
        print_json(story_json(story) | {"missing": list(health.missing), "stale": health.stale})
        return
    from rich.markup import escape

    from loopprep.importing import display_path

    out = console()
    out.print(f"[bold]{escape(story.title)}[/bold] [dim]({story.id})[/dim]")
    if story.principles:
        out.print("Filed under: " + ", ".join(names.get(p, p) for p in story.principles))
    if story.source:
        out.print(f"[dim]From {display_path(story.source.path)}:{story.source.line}[/dim]")
    if story.fragments:
        out.print("\n[bold]In your notes[/bold]")
        for fragment in story.fragments:
            under = f" [dim]({names.get(fragment.principle, fragment.principle)})[/dim]" if (
                fragment.principle) else ""
            out.print(f"  line {fragment.source.line}{under}: {escape(fragment.text)}")
    for part in ("situation", "task", "action", "result", "lessons"):
        value = getattr(story, part)
        if value:
            out.print(f"\n[bold]{part.title()}[/bold]\n{escape(value)}")
    if health.missing:
        out.print(f"\n[yellow]Missing:[/yellow] {', '.join(health.missing)}")


def story_json(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "principles": list(story.principles),
        "org": story.org,
        "date": story.date,
        "situation": story.situation,
        "task": story.task,
        "action": story.action,
        "result": story.result,
        "lessons": story.lessons,
        "metrics": list(story.metrics),
        "tags": list(story.tags),
        "archived": story.archived,
        "source": {"path": story.source.path, "line": story.source.line} if story.source else None,
        "notes": [
            {"text": f.text, "principle": f.principle, "line": f.source.line}
            for f in story.fragments
        ],
    }
