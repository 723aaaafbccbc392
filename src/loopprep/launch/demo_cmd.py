"""`loopprep demo`: import the bundled example notes into a separate demo bank, show the
coverage map, and open it in the local web app."""

from __future__ import annotations

import typer

from loopprep.cli.common import console, home_dir, now, program, settings, today
from loopprep.launch.serve_cmd import HostOption, OpenOption, PortOption


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(
    ctx: typer.Context,
    serve: bool = typer.Option(True, "--serve/--no-serve",
                               help="Open the demo bank in the web app afterwards."),
    host: str = HostOption,
    port: int = PortOption,
    open_browser: bool = OpenOption,
) -> None:
    """Try loopprep on the bundled example notes (kept in HOME/demo, apart from your bank)."""
    from loopprep.bank import Bank
    from loopprep.cli.coverage_cmd import show_coverage
    from loopprep.cli.import_cmd import show_report
    from loopprep.examples import example_notes_path

    demo_home = home_dir(ctx) / "demo"
    with Bank.open(demo_home, framework=settings(ctx).framework) as bank:
        report = bank.import_notes([example_notes_path()], now=now())
        show_report(report, len(bank.stories()))
        console().print()
        show_coverage(bank.coverage(today=today()))
    console().print(f"\nThe demo bank lives in {demo_home}; your own bank is untouched.\n"
                    f"Explore it with: {program()} --home {demo_home} stories", soft_wrap=True)
    if serve:
        from loopprep.web.server import serve as serve_app

        console().print()
        serve_app(demo_home, framework=settings(ctx).framework, host=host, port=port,
                  open_browser=open_browser,
                  say=lambda line: typer.echo(line, err=line.startswith("warning")))
