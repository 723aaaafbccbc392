"""`loopprep tech`: technical readiness on the SDE topics — topics and subtopics with your
ratings, practice and due dates; rate a subtopic, log practice on it, keep notes, show one.
"""

from __future__ import annotations

from typing import Any

import typer

from loopprep.cli.common import JsonOption, console, now, open_bank, print_json

tech_app = typer.Typer(help="Technical readiness: SDE topics, self-ratings 1-5, a practice log.",
                       no_args_is_help=False, rich_markup_mode=None)

OUTCOME_STYLE = {"solved": "green", "partial": "yellow", "failed": "red"}


def register(app: typer.Typer) -> None:
    app.add_typer(tech_app, name="tech")


@tech_app.callback(invoke_without_command=True)
def tech_default(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """The topics you track (same as `loopprep tech topics`)."""
    if ctx.invoked_subcommand is None:
        topics(ctx, topic=None, show_all=False, as_json=as_json)


@tech_app.command("topics")
def topics(
    ctx: typer.Context,
    topic: str | None = typer.Argument(None, help="Only this topic (slug or name), every subtopic."),
    show_all: bool = typer.Option(False, "--all", help="Also the subtopics you do not track yet."),
    as_json: bool = JsonOption,
) -> None:
    """Topics and subtopics: done in your notes, rating, practice, last outcome, next review."""
    moment = now()
    with open_bank(ctx) as bank:
        view = bank.tech_topics(now=moment, topic=topic)
    if as_json:
        print_json(view)
        return
    _show_topics(view, show_all or topic is not None, moment.date().isoformat())


@tech_app.command("rate")
def rate(
    ctx: typer.Context,
    subtopic: str = typer.Argument(..., help="The subtopic: its id, slug or name, e.g. graphs."),
    rating: int = typer.Argument(..., help="1 lost, 2 shaky, 3 can do it, 4 solid, 5 could teach it."),
    as_json: bool = JsonOption,
) -> None:
    """Rate yourself on a subtopic, 1 to 5; earlier ratings are kept as history."""
    moment = now()
    with open_bank(ctx) as bank:
        state = bank.rate_subtopic(subtopic, rating, now=moment)
    if as_json:
        print_json(state.to_json(moment))
        return
    from rich.markup import escape

    console().print(f"Rated {escape(state.label)}: [bold]{rating}/5[/bold].")


@tech_app.command("log")
def log(
    ctx: typer.Context,
    subtopic: str = typer.Argument(..., help="The subtopic: its id, slug or name."),
    problem: str = typer.Option(..., "--problem", help="What you worked on, e.g. 'coin change'."),
    outcome: str = typer.Option(..., "--outcome", help="solved, partial or failed."),
    link: str = typer.Option(None, "--link", help="Where the problem is (an http or https address)."),
    minutes: float = typer.Option(None, "--minutes", help="How long it took."),
    notes: str = typer.Option("", "--notes", help="What you learned or got stuck on."),
    rating: int = typer.Option(None, "--rate", help="Also rate yourself on the subtopic, 1-5."),
    as_json: bool = JsonOption,
) -> None:
    """Log practice on a subtopic; it counts as a review on the practice schedule."""
    moment = now()
    with open_bank(ctx) as bank:
        logged = bank.log_technical(subtopic, problem=problem, outcome=outcome, now=moment,
                                    link=link, minutes=minutes, notes=notes, rating=rating)
    if as_json:
        print_json(logged.to_json(moment))
        return
    from rich.markup import escape

    entry = logged.entry
    style = OUTCOME_STYLE[entry.outcome]
    console().print(f"Logged {escape(logged.state.label)}: {escape(entry.problem)} "
                    f"[{style}]{entry.outcome}[/{style}]. Next review: "
                    f"{logged.review.due.date().isoformat()}.")


@tech_app.command("note")
def note(
    ctx: typer.Context,
    subtopic: str = typer.Argument(..., help="The subtopic: its id, slug or name."),
    text: str = typer.Argument(..., help="The note."),
    as_json: bool = JsonOption,
) -> None:
    """Keep a note on a subtopic (your notes files are not changed)."""
    moment = now()
    with open_bank(ctx) as bank:
        state = bank.note_subtopic(subtopic, text, now=moment)
        shown = bank.tech_subtopic(state.subtopic.id, now=moment)
    if as_json:
        print_json(shown)
        return
    from rich.markup import escape

    console().print(f"Noted on {escape(state.label)} ({len(shown['notes'])} notes).")


@tech_app.command("show")
def show(
    ctx: typer.Context,
    subtopic: str = typer.Argument(..., help="The subtopic: its id, slug or name."),
    as_json: bool = JsonOption,
) -> None:
    """One subtopic in full: summary, prompts, rating history, practice log, notes, schedule."""
    with open_bank(ctx) as bank:
        shown = bank.tech_subtopic(subtopic, now=now())
    if as_json:
        print_json(shown)
        return
    _show_subtopic(shown)


def _show_topics(view: dict[str, Any], show_all: bool, today: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    out = console()
    table = Table(title="Technical topics", title_justify="left", show_edge=False)
    for column in ("Subtopic", "Done", "Rating", "Practised", "Last", "Next review"):
        table.add_column(column)
    untracked: list[str] = []
    for topic in view["topics"]:
        subs = [s for s in topic["subtopics"] if s["tracked"] or show_all]
        if not subs:
            untracked.append(topic["name"])
            continue
        table.add_row(f"[bold]{escape(topic['name'])}[/bold] [dim]{topic['score']:.0%}[/dim]",
                      "", "", "", "", "")
        for sub in subs:
            done = {True: "[green]✓[/green]", False: "☐", None: ""}[sub["checked"]]
            last = sub["outcomes"][0] if sub["outcomes"] else ""
            style = OUTCOME_STYLE.get(last, "")
            due = sub["due"][:10] if sub["due"] else ""
            if sub["overdue"]:
                due = f"[red]{due} overdue[/red]"
            elif due and due <= today:
                due = f"[bold]{due}[/bold]"
            name = escape(sub["name"]) if sub["tracked"] else f"[dim]{escape(sub['name'])}[/dim]"
            table.add_row(f"  {name}", done,
                          str(sub["rating"]) if sub["rating"] else "",
                          str(sub["practised"] or ""), f"[{style}]{last}[/{style}]" if last else "",
                          due)
    if table.rows:
        out.print(table)
    else:
        out.print("You track no technical subtopics yet.")
    if untracked:
        out.print(f"\n[dim]Not started: {escape(', '.join(untracked))}.[/dim]")
    out.print("\n[dim]loopprep tech topics --all lists every subtopic; loopprep tech rate SUBTOPIC "
              "1-5; loopprep tech log SUBTOPIC --problem ... --outcome solved|partial|failed[/dim]")


def _show_subtopic(shown: dict[str, Any]) -> None:
    from rich.markup import escape

    out = console()
    out.print(f"[bold]{escape(shown['topic_name'])} › {escape(shown['name'])}[/bold] "
              f"[dim]({shown['id']})[/dim]")
    if shown["summary"]:
        out.print(escape(shown["summary"]))
    state = {True: "ticked off in your notes", False: "open in your notes", None: ""}[shown["checked"]]
    if shown["source"]:
        from loopprep.model import display_path

        out.print(f"[dim]From {escape(display_path(shown['source']['path']))}:{shown['source']['line']}"
                  f"{'; ' + state if state else ''}[/dim]")
    history = " → ".join(str(r["rating"]) for r in shown["ratings"])
    out.print(f"Rating: {history or 'not rated yet'}   Score: {shown['score']:.0%}")
    card = shown["card"]
    if card:
        late = " [red](overdue)[/red]" if shown["overdue"] else ""
        out.print(f"Next review: {card['due'][:10]}{late} (reviewed {card['reps']}×)")
    if shown["prompts"]:
        out.print("\n[bold]Practise[/bold]")
        for prompt in shown["prompts"]:
            out.print(f"  - {escape(prompt)}")
    if shown["log"]:
        out.print("\n[bold]Practice log[/bold]")
        for entry in shown["log"]:
            style = OUTCOME_STYLE[entry["outcome"]]
            minutes = f" {entry['minutes']:g} min" if entry["minutes"] else ""
            link = f" [dim]{escape(entry['link'])}[/dim]" if entry["link"] else ""
            out.print(f"  {entry['at'][:10]} [{style}]{entry['outcome']:<7}[/{style}] "
                      f"{escape(entry['problem'])}{minutes}{link}")
            if entry["notes"]:
                out.print(f"             [dim]{escape(entry['notes'])}[/dim]")
    if shown["notes"]:
        out.print("\n[bold]Notes[/bold]")
        for item in shown["notes"]:
            box = {True: "[x] ", False: "[ ] ", None: ""}[item["checked"]]
            out.print(f"  - {escape(box + item['text'])}")
