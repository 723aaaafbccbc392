"""`loopprep save-story ATTEMPT`: a practice answer into the story bank. It prints the STAR
fields the answer gives and the story they would fill, and writes only after you confirm
(`--yes` confirms ahead). `loopprep history` shows each attempt's number.
"""

from __future__ import annotations

import typer

from loopprep.cli.common import JsonOption, console, now, open_bank, print_json


def register(app: typer.Typer) -> None:
    app.command("save-story")(save_story)


def save_story(
    ctx: typer.Context,
    attempt: int = typer.Argument(..., metavar="ATTEMPT", help="The attempt's number (loopprep history)."),
    story: str = typer.Option(None, "--story", metavar="ID",
                              help="Fill this story (default: the one the answer names, else a new one)."),
    new: bool = typer.Option(False, "--new", help="Make a new story even when the answer names one."),
    title: str = typer.Option(None, "--title", help="The new story's title."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Save without asking."),
    as_json: bool = JsonOption,
) -> None:
    """Save a practice answer as a story: its sentences fill situation, task, action and result."""
    from rich.markup import escape

    with open_bank(ctx) as bank:
        draft = bank.answer_as_story(attempt)
        target = None if new else (story or draft.suggested)
        if target:
            bank.story(target)  # a clear error for an unknown id, before asking
        out = console()
        if not as_json:
            where = (f"story [bold]{escape(bank.story(target).title)}[/bold] ({target})" if target
                     else f"a new story [bold]{escape(title or draft.title)}[/bold]")
            out.print(f"Answer to: {escape(draft.attempt.question)}\nInto {where}:")
            for part, text in draft.fields.items():
                out.print(f"  [bold]{part.capitalize()}[/bold]: {escape(text) or '[dim](none)[/dim]'}")
            if draft.metrics:
                out.print("  [bold]Metrics[/bold]: " + escape("; ".join(draft.metrics)))
        if not yes and not typer.confirm("Save these into the story?", default=False):
            out.print("Nothing saved.")
            return
        fields: dict[str, object] = {k: v for k, v in draft.fields.items() if v}
        if draft.metrics:
            fields["metrics"] = list(draft.metrics)
        saved = bank.save_answer_as_story(attempt, fields, now=now(), story_id=target, title=title)
    if as_json:
        print_json({"story": saved.id, "title": saved.title, "fields": fields})
        return
    out.print(f"Saved into {escape(saved.title)} ({saved.id}): loopprep stories show {saved.id}")
