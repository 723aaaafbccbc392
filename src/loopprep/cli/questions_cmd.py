"""`loopprep questions`: the question bank, the questions from your notes and your own."""

from __future__ import annotations

import typer

from loopprep.cli.common import JsonOption, console, now, open_bank, print_json

questions_app = typer.Typer(help="List, filter and add interview questions.",
                            no_args_is_help=False, rich_markup_mode=None)

PrincipleOption = typer.Option(None, "--principle", "-p",
                               help="Only questions that probe this principle (slug or name).")
OriginOption = typer.Option(None, "--origin", help="Only questions from: bank, notes or user.")
SearchOption = typer.Option(None, "--search", "-s", help="Only questions containing this text.")


def register(app: typer.Typer) -> None:
    app.add_typer(questions_app, name="questions")


@questions_app.callback(invoke_without_command=True)
def questions_default(
    ctx: typer.Context,
    principle: str = PrincipleOption,
    origin: str = OriginOption,
    search: str = SearchOption,
    as_json: bool = JsonOption,
) -> None:
    """List interview questions (same as `loopprep questions list`)."""
    if ctx.invoked_subcommand is None:
        list_questions(ctx, principle=principle, origin=origin, search=search, as_json=as_json)


@questions_app.command("list")
def list_questions(
    ctx: typer.Context,
    principle: str = PrincipleOption,
    origin: str = OriginOption,
    search: str = SearchOption,
    as_json: bool = JsonOption,
) -> None:
    """List interview questions: the built-in bank, your notes' and your own."""
    with open_bank(ctx) as bank:
        found = bank.questions(now=now(), principle=principle, origin=origin, search=search)
        names = {p.slug: p.name for p in bank.framework}
    if as_json:
        print_json({"questions": [q.to_json() for q in found]})
        return
    from rich.markup import escape

    out = console()
    for listed in found:
        q = listed.question
        labels = ", ".join(names.get(p, p) for p in q.principles) or "no principle"
        guess = " (guessed)" if listed.labelled_by == "classifier" else ""
        out.print(f"[dim]{q.id}[/dim] {escape(q.text)}\n    [dim]{escape(labels)}{guess}"
                  f" · {q.origin}[/dim]")
    out.print(f"{len(found)} questions")


@questions_app.command("add")
def add_question(
    ctx: typer.Context,
    text: str = typer.Argument(..., help="The question, in quotes."),
    principle: list[str] = typer.Option([], "--principle", "-p",
                                        help="A principle it probes (repeatable; first = main). "
                                        "Without it, loopprep files it by its best guess."),
    as_json: bool = JsonOption,
) -> None:
    """Add your own question to the bank."""
    with open_bank(ctx) as bank:
        listed, ranking = bank.add_question(text, now=now(), principles=principle)
        names = {p.slug: p.name for p in bank.framework}
    if as_json:
        print_json(listed.to_json() | ({"ranking": ranking.to_json()["principles"]} if ranking else {}))
        return
    q = listed.question
    if ranking is not None:
        console().print(f"Added {q.id}, filed under {names.get(ranking.top, ranking.top)} "
                        f"(loopprep's best guess, {ranking.top_score:.2f}).")
    else:
        console().print(f"Added {q.id} under {', '.join(names.get(p, p) for p in q.principles)}.")
