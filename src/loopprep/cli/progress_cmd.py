"""`loopprep status` (the home screen), `loopprep due`, `loopprep progress` and
`loopprep history`: countdown, what is due, trends and streaks, and every attempt.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from loopprep.cli.common import JsonOption, console, now, open_bank, print_json

if TYPE_CHECKING:
    from rich.console import Console

    from loopprep.model.practice import AttemptRecord


def register(app: typer.Typer) -> None:
    app.command("status")(status)
    app.command("due")(due)
    app.command("progress")(progress)
    app.command("history")(history)


def status(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """The home screen: countdown to each interview stage, what is due, weakest principles."""
    with open_bank(ctx) as bank:
        result = bank.practice_status(now=now())
    if as_json:
        print_json(result)
        return
    from rich.markup import escape

    out = console()
    if not result["countdown"]:
        out.print("[dim]No interview dates. Add one: loopprep interview add COMPANY --date "
                  "YYYY-MM-DD[/dim]")
    for stage in result["countdown"]:
        days = stage["days_left"]
        when = "[bold red]today[/bold red]" if days == 0 else f"in [bold]{days}[/bold] day{'s' * (days != 1)}"
        out.print(f"{escape(stage['company'])} {escape(stage['stage'])} {when} ({stage['date']})")
    if result["final_stretch"]:
        out.print("[yellow]Final stretch:[/yellow] practice goes over every principle once.")
    due_counts = result["due"]
    streak = result["streak"]
    out.print(f"\nDue today: [bold]{due_counts['today']}[/bold] ({due_counts['overdue']} overdue); "
              f"{due_counts['next_7_days']} in the next 7 days; {due_counts['cards']} cards.")
    out.print(f"New questions left today: {result['new_today']}. Streak: {streak['current']} "
              f"day{'s' * (streak['current'] != 1)} (best {streak['best']}).")
    if result["weakest"]:
        out.print("Weakest: " + "; ".join(
            f"{escape(w['name'])} ({escape(', '.join(w['reasons']) or 'lower scores')})"
            for w in result["weakest"]))
    out.print(f"\n{escape(result['advice'])}")


def due(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """What is due now, most overdue first."""
    with open_bank(ctx) as bank:
        moment = now()
        items = bank.due(now=moment)
        home = bank.practice_status(now=moment)
    if as_json:
        print_json({"due": items, "next_7_days": home["due"]["next_7_days"],
                    "next_due": home["next_due"], "new_today": home["new_today"]})
        return
    from rich.markup import escape

    out = console()
    if not items:
        out.print(escape(home["advice"]))
        if home["next_due"]:
            out.print(f"[dim]The next review comes due on {_day(home['next_due'])}.[/dim]")
    for item in items:
        late = f"[red]{item['days_overdue']}d overdue[/red]" if item["overdue"] else "today"
        out.print(f"{late:>8}  [dim]{escape(item['principle_name'])}[/dim]  {escape(item['prompt'])}")


def progress(
    ctx: typer.Context,
    as_json: bool = JsonOption,
    chart: Path = typer.Option(None, "--chart", metavar="FILE",
                               help="Also draw the progress chart into FILE (.png or .svg)."),
) -> None:
    """Per-principle score trends, streaks, due counts and attempts; --chart draws them."""
    with open_bank(ctx) as bank:
        result = bank.progress(now=now())
    if chart is not None:
        from loopprep.practice.chart import write_chart

        write_chart(result, chart)
        result["chart"] = str(chart)
    if as_json:
        print_json(result)
        return
    _show_progress(result)


def _show_progress(result: dict[str, Any]) -> None:
    from rich.markup import escape
    from rich.table import Table

    out = console()
    streak = result["streak"]
    out.print(f"{result['attempts']} attempts on {result['days_practised']} days; streak "
              f"{streak['current']} (best {streak['best']}); {result['due']['today']} due today, "
              f"{result['due']['overdue']} overdue.")
    table = Table(title="By principle", title_justify="left")
    for column in ("Principle", "Attempts", "Recent", "Mean", "Trend", "Rating", "Last"):
        table.add_column(column)
    for row in result["principles"]:
        trend = row["trend"]
        arrow = "" if trend is None else ("[green]↑[/green]" if trend > 0.05 else
                                          "[red]↓[/red]" if trend < -0.05 else "→")
        table.add_row(escape(row["name"]), str(row["attempts"]), _num(row["recent_score"]),
                      _num(row["mean_score"]), f"{arrow} {_num(trend)}" if trend is not None else "",
                      _num(row["mean_rating"]), (row["last_practised"] or "")[:10])
    out.print(table)
    if "chart" in result:
        out.print(f"Chart written to {escape(result['chart'])}")


def history(
    ctx: typer.Context,
    limit: int = typer.Option(20, "--limit", min=1, help="How many attempts, newest first."),
    as_json: bool = JsonOption,
) -> None:
    """Your stored attempts, newest first: question, answer, follow-ups, score and rating."""
    with open_bank(ctx) as bank:
        attempts = bank.attempts(limit=limit)
    if as_json:
        print_json({"attempts": [a.to_json() for a in attempts]})
        return
    out = console()
    if not attempts:
        out.print("No attempts yet: loopprep practice")
    for attempt in attempts:
        _print_attempt(out, attempt)


def _print_attempt(out: Console, attempt: AttemptRecord) -> None:
    """One attempt as `history` shows it: the question, the answer, feedback and follow-ups."""
    from rich.markup import escape

    from loopprep.model.practice import RATINGS

    score = f"score {attempt.overall:.1f}/10" if attempt.overall is not None else "no score"
    rating = RATINGS.get(attempt.rating or 0, "not rated").capitalize()
    out.print(f"[dim]#{attempt.id} {attempt.started_at:%Y-%m-%d %H:%M}[/dim] "
              f"{escape(attempt.principle or '')} "
              f"[bold]{escape(attempt.question)}[/bold] {score} · {rating} "
              f"[dim]{attempt.status}[/dim]")
    if attempt.answer:
        out.print(f"  Answer: {escape(attempt.answer)}")
    summary = (attempt.feedback or {}).get("summary")
    if summary:
        out.print(f"  Feedback: {escape(str(summary))}")
    for followup in attempt.followups:
        reply = escape(followup.answer) if followup.answer else "[dim](not answered)[/dim]"
        out.print(f"  Follow-up: {escape(followup.probe)} — {reply}")
    if attempt.answer and attempt.kind != "technical":
        out.print(f"  [dim]Keep it as a story: loopprep save-story {attempt.id}[/dim]")
    out.print()


def _day(iso: str) -> str:
    from datetime import date

    return f"{date.fromisoformat(iso):%a %d %b}"


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"
