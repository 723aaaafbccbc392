"""`loopprep readiness`: behavioral and technical readiness side by side against the days
left to the next interview, each with a score out of 100 in plain words.
"""

from __future__ import annotations

from typing import Any

import typer

from loopprep.cli.common import JsonOption, console, now, open_bank, print_json


def register(app: typer.Typer) -> None:
    app.command("readiness")(readiness)


def readiness(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """How ready you are: story coverage and practice, technical ratings and due work."""
    with open_bank(ctx) as bank:
        view = bank.readiness(now=now())
    if as_json:
        print_json(view)
        return
    _show(view)


def bar(score: float | None, width: int = 20) -> str:
    if score is None:
        return "·" * width
    filled = round(width * max(0.0, min(100.0, score)) / 100)
    return "█" * filled + "░" * (width - filled)


def _show(view: dict[str, Any]) -> None:
    from rich.markup import escape

    out = console()
    interview = view["interview"]
    if interview:
        days = interview["days_left"]
        when = "today" if days == 0 else f"in {days} day{'s' * (days != 1)}"
        out.print(f"[bold]Readiness[/bold] — {escape(interview['company'])} "
                  f"{escape(interview['stage'])} {when} ({interview['date']})")
    else:
        out.print("[bold]Readiness[/bold] — no interview date (loopprep interview add)")
    for title, side in (("Behavioral", view["behavioral"]), ("Technical", view["technical"])):
        score = side["score"]
        shown = f"{score:>3}/100" if score is not None else "    —  "
        out.print(f"\n[bold]{title:<11}[/bold] {bar(score)} {shown}  [bold]{side['level']}[/bold]")
        out.print(f"  {escape(side['explanation'])}")
        if title == "Behavioral":
            weakest = "; ".join(f"{escape(w['name'])} ({escape(', '.join(w['why']))})"
                                for w in side["weakest"])
        else:
            weakest = "; ".join(f"{escape(w['label'])} ({escape(', '.join(w['why']))})"
                                for w in side["weakest"])
            if side["not_started"]:
                names = {t["slug"]: t["name"] for t in side["topics"]}
                out.print("  Not started: " + escape(", ".join(names[s] for s in side["not_started"])))
        if weakest:
            out.print(f"  Weakest: {weakest}")
        due = side["due"]
        if due["cards"]:
            out.print(f"  Due today: {due['today']} ({due['overdue']} overdue) of {due['cards']} cards")
        if "pace" in side:
            style = "green" if side["on_track"] else "yellow" if side["on_track"] is False else "dim"
            out.print(f"  [{style}]{escape(side['pace'])}[/{style}]")
    if view["advice"]:
        out.print("\n[bold]Next[/bold]")
        for line in view["advice"]:
            out.print(f"  - {escape(line)}")
