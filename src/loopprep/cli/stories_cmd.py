"""`loopprep stories`: list the story bank, or show one story in full."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from loopprep.cli.common import JsonOption, console, now, open_bank, print_json, today

if TYPE_CHECKING:
    pass

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
            s.to_json() | {"missing": list(story_health(s, day).missing)} for s in stories
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
        from loopprep.develop import star_prompts

        with open_bank(ctx) as bank:
            prompts = star_prompts(story, bank.framework)
        print_json(story.to_json() | {
            "missing": list(health.missing), "stale": health.stale,
            "prompts": [{"part": p.part, "question": p.question, "why": p.why} for p in prompts],
        })
        return
    from rich.markup import escape

    from loopprep.model import display_path

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
            where = f"line {fragment.source.line}" if story.source and (
                fragment.source.path == story.source.path) else (
                f"{display_path(fragment.source.path)}:{fragment.source.line}")
            out.print(f"  {escape(where)}{under}: {escape(fragment.text)}")
    for part in ("situation", "task", "action", "result", "lessons"):
        value = getattr(story, part)
        if value:
            out.print(f"\n[bold]{part.title()}[/bold]\n{escape(value)}")
    if health.missing:
        out.print(f"\n[yellow]Missing:[/yellow] {', '.join(health.missing)}")
    from loopprep.develop import star_prompts

    with open_bank(ctx) as bank:
        prompts = star_prompts(story, bank.framework)
    if prompts:
        out.print(f"\n[bold]To develop[/bold] (`loopprep stories develop {story.id}`):")
        for prompt in prompts:
            out.print(f"  {prompt.part}: {escape(prompt.question)}")


@stories_app.command("add")
def add_story(
    ctx: typer.Context,
    title: str = typer.Argument(..., help="A short title, e.g. 'Warehouse robots rollout'."),
    principle: list[str] = typer.Option([], "--principle", "-p",
                                        help="A principle to file it under (repeatable)."),
    as_json: bool = JsonOption,
) -> None:
    """Add a story by hand (for stories that are not in your notes)."""
    with open_bank(ctx) as bank:
        story = bank.add_story(title, now=now(), principles=principle)
    if as_json:
        print_json(story.to_json())
    else:
        console().print(f"Added {story.id}. Develop it with: loopprep stories develop {story.id}")


@stories_app.command("edit")
def edit_story(
    ctx: typer.Context,
    story_id: str = typer.Argument(..., help="The story's id."),
    title: str = typer.Option(None, help="New title."),
    situation: str = typer.Option(None, help="Where and when, what was at stake."),
    task: str = typer.Option(None, help="What you were responsible for."),
    action: str = typer.Option(None, help="What you did, in the first person."),
    result: str = typer.Option(None, help="What changed, with numbers."),
    lessons: str = typer.Option(None, help="What you learned."),
    org: str = typer.Option(None, help="Company or organisation."),
    date: str = typer.Option(None, help="When: 2023, 2023-04 or 2023-04-17."),
    metric: list[str] = typer.Option(None, "--metric", help="A key metric (repeatable; replaces)."),
    principle: list[str] = typer.Option(
        None, "--principle", "-p", help="File under exactly these principles (repeatable)."),
    as_json: bool = JsonOption,
) -> None:
    """Change a story's STAR parts, title, date, metrics or principles."""
    given = {"title": title, "situation": situation, "task": task, "action": action,
             "result": result, "lessons": lessons, "org": org, "date": date}
    fields: dict[str, object] = {k: v for k, v in given.items() if v is not None}
    if metric:
        fields["metrics"] = metric
    with open_bank(ctx) as bank:
        story = bank.update_story(story_id, fields, now=now()) if fields else bank.story(story_id)
        if principle:
            story = bank.tag_story(story_id, principle)
    if as_json:
        print_json(story.to_json())
    else:
        console().print(f"Updated {story.id}.")


@stories_app.command("develop")
def develop_story(
    ctx: typer.Context,
    story_id: str = typer.Argument(..., help="The story's id."),
) -> None:
    """Answer prompts for what the story is missing (Enter skips a prompt)."""
    from rich.markup import escape

    from loopprep.develop import star_prompts

    out = console()
    with open_bank(ctx) as bank:
        story = bank.story(story_id)
        prompts = star_prompts(story, bank.framework)
        if not prompts:
            out.print(f"{escape(story.title)} has every STAR part, a metric and a date.")
            return
        out.print(f"[bold]{escape(story.title)}[/bold] — {len(prompts)} things would make "
                  "it stronger. Press Enter to skip one.")
        for fragment in story.fragments[:3]:
            out.print(f"[dim]notes: {escape(fragment.text.splitlines()[0])}[/dim]")
        for prompt in prompts:
            out.print(f"\n[bold]{prompt.part.title()}[/bold]: {escape(prompt.question)}\n"
                      f"[dim]{escape(prompt.why)}[/dim]")
            answer = typer.prompt(">", default="", show_default=False).strip()
            if not answer:
                continue
            value: object = [answer] if prompt.part == "metrics" else answer
            story = bank.update_story(story_id, {prompt.part: value}, now=now())
        left = star_prompts(story, bank.framework)
    out.print(f"\nSaved. Still missing: {', '.join(p.part for p in left) or 'nothing'}.")
