"""`loopprep classify` and `loopprep match`: which principle a question probes, and which
of your stories to tell for it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from loopprep.cli.common import JsonOption, console, open_bank, print_json, print_jsonl

if TYPE_CHECKING:
    from loopprep.classify import Ranking

MAX_STDIN_LINE = 100_000  # longer lines are cut; the classifier reads the first 2,000 characters


def register(app: typer.Typer) -> None:
    app.command("classify")(classify)
    app.command("match")(match)


def classify(
    ctx: typer.Context,
    question: str = typer.Argument(..., help="The question, in quotes; '-' reads one per line "
                                   "from standard input and prints JSON Lines."),
    as_json: bool = JsonOption,
    top: int = typer.Option(3, "--top", min=1, help="How many principles to show (text output)."),
) -> None:
    """Rank the principles a behavioral question probes, with calibrated scores."""
    from loopprep.errors import LoopprepError

    with open_bank(ctx) as bank:
        if question == "-":
            for batch in _stdin_batches():
                for ranking in bank.classify(batch):
                    print_jsonl(ranking.to_json())
            return
        if not any(ch.isalpha() for ch in question):
            raise LoopprepError("the question has no words to classify",
                                hint='Put the question in quotes: loopprep classify "Tell me about…"')
        ranking = bank.classify([question])[0]
        names: dict[str, str] = {p.slug: p.name for p in bank.framework}
    if as_json:
        print_json(ranking.to_json())
    else:
        show_ranking(ranking, names, top)


def _stdin_batches(size: int = 256) -> list[list[str]]:
    """Non-blank lines of standard input in batches (blank lines are skipped)."""
    lines = [line.rstrip("\r\n")[:MAX_STDIN_LINE] for line in sys.stdin]
    kept = [line for line in lines if line.strip()]
    return [kept[i:i + size] for i in range(0, len(kept), size)]


def show_ranking(ranking: Ranking, names: dict[str, str], top: int) -> None:
    from rich.markup import escape

    out = console()
    for slug, score in ranking.principles[:top]:
        bar = "█" * max(1, round(score * 20))
        out.print(f"{score:5.2f} {bar:<20} {escape(names.get(slug, slug))}")
    if ranking.warning:
        out.print(f"[yellow]{escape(ranking.warning)}[/yellow]")


def match(
    ctx: typer.Context,
    question: str = typer.Argument(..., help="The question, in quotes."),
    limit: int = typer.Option(5, "--limit", "-n", min=1, help="How many stories to show."),
    as_json: bool = JsonOption,
) -> None:
    """Rank your stories for a question, each with the reason it fits."""
    with open_bank(ctx) as bank:
        ranking = bank.classify([question])[0] if any(ch.isalpha() for ch in question) else None
        matches = bank.match(question, limit=limit)
        names = {p.slug: p.name for p in bank.framework}
    assert ranking is not None  # match() refuses a question without words
    if as_json:
        print_json({"question": question, "principles": ranking.to_json()["principles"],
                    "stories": [m.to_json() for m in matches]})
        return
    from rich.markup import escape

    out = console()
    probes = ", ".join(f"{names.get(s, s)} {p:.2f}" for s, p in ranking.principles[:2])
    out.print(f"[dim]This question probes {escape(probes)}[/dim]")
    for rank, m in enumerate(matches, start=1):
        out.print(f"{rank}. [bold]{escape(m.title)}[/bold] [dim]({m.story_id}, {m.score:.2f})[/dim]\n"
                  f"   {escape(m.reason)}")
