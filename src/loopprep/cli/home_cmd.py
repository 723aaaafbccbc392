"""`loopprep home`, `loopprep principles` and `loopprep frameworks`: where data lives and
what the active framework asks for.
"""

from __future__ import annotations

import typer

from loopprep.cli.common import JsonOption, console, home_dir, open_bank, print_json, settings


def register(app: typer.Typer) -> None:
    app.command("home")(home)
    app.command("principles")(principles)
    app.command("frameworks")(frameworks)


def home(ctx: typer.Context) -> None:
    """Print the folder where loopprep keeps its database."""
    typer.echo(str(home_dir(ctx)))


def principles(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """List the principles of the active framework, with the text your notes give them."""
    with open_bank(ctx) as bank:
        texts = bank.principle_texts()
        framework = bank.framework
    rows = [
        {
            "slug": p.slug,
            "name": p.name,
            "summary": p.summary,
            "notes_text": texts.get(p.slug),
            "probes_for": list(p.probes_for),
        }
        for p in framework
    ]
    if as_json:
        print_json({"framework": framework.slug, "name": framework.name, "principles": rows})
        return
    from rich.markup import escape

    out = console()
    out.print(f"[bold]{escape(framework.name)}[/bold]")
    for row in rows:
        out.print(f"\n[bold]{escape(str(row['name']))}[/bold] [dim]({row['slug']})[/dim]")
        if row["notes_text"]:
            out.print(f"[dim]Your notes:[/dim] {escape(str(row['notes_text']))}")
        out.print(f"[dim]In short:[/dim] {escape(str(row['summary']))}")
        out.print("[dim]Interviewers probe for:[/dim] " + "; ".join(row["probes_for"]))  # type: ignore[arg-type]


def frameworks(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """List the competency frameworks loopprep knows (built-in and in your home)."""
    from loopprep.frameworks import available_frameworks, load_framework

    home_path = home_dir(ctx)
    found = available_frameworks(home_path)
    active = settings(ctx).framework
    rows = []
    for name, origin in found.items():
        framework = load_framework(name, home=home_path)
        rows.append({"name": name, "title": framework.name, "principles": len(framework),
                     "origin": origin})
    if as_json:
        print_json({"frameworks": rows, "selected": active})
        return
    out = console()
    for row in rows:
        out.print(f"{row['name']:<10} {row['title']} ({row['principles']} principles, "
                  f"{row['origin']})")
    out.print("\nUse one with `loopprep --framework NAME import ...`; add your own as "
              f"{home_path / 'frameworks'}/NAME.toml")
