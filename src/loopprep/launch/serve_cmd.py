"""`loopprep serve`: the local web app on 127.0.0.1, for the whole journey in a browser."""

from __future__ import annotations

import typer

from loopprep.cli.common import home_dir, settings

HostOption = typer.Option("127.0.0.1", "--host",
                          help="Address to listen on. Anything but 127.0.0.1 / localhost exposes "
                               "your bank to your network (a warning is printed).")
PortOption = typer.Option(8765, "--port", min=0, max=65535, help="Port (0 picks a free one).")
AllowHostOption = typer.Option([], "--allow-host", metavar="NAME",
                               help="Also answer to this host name (repeatable), e.g. the name "
                                    "other machines reach this one by. Only with --host.")
OpenOption = typer.Option(True, "--open/--no-open",
                          help="Open the address in your web browser (when there is a desktop).")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(ctx: typer.Context, host: str = HostOption, port: int = PortOption,
          open_browser: bool = OpenOption, allow_host: list[str] = AllowHostOption) -> None:
    """Start the local web app and print its address (Ctrl+C stops it)."""
    from loopprep.web.server import serve as serve_app

    serve_app(home_dir(ctx), framework=settings(ctx).framework, host=host, port=port,
              open_browser=open_browser, allow_hosts=allow_host,
              say=lambda line: typer.echo(line, err=line.startswith("warning")))
