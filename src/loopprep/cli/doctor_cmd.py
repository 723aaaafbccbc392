"""`loopprep doctor`: is the database sound? If not, recover what it holds into a new file."""

from __future__ import annotations

import typer

from loopprep.cli.common import JsonOption, console, home_dir, now, print_json


def register(app: typer.Typer) -> None:
    app.command("doctor")(doctor)


def doctor(
    ctx: typer.Context,
    recover: bool = typer.Option(False, "--recover",
                                 help="Copy what a damaged database still holds into a new file "
                                      "beside it (the damaged file is left as it is)."),
    as_json: bool = JsonOption,
) -> None:
    """Check the database file (SQLite's integrity check); --recover saves what a damaged one holds."""
    from loopprep.home import database_path
    from loopprep.store.doctor import check
    from loopprep.store.doctor import recover as recover_into

    path = database_path(home_dir(ctx))
    checkup = check(path)
    recovered = None
    if recover and checkup.exists and not checkup.sound:
        recovered = recover_into(path, now())
    if as_json:
        print_json({"path": str(path), "exists": checkup.exists, "sound": checkup.sound,
                    "problems": list(checkup.problems),
                    "recovered": str(recovered[0]) if recovered else None})
    else:
        out = console()
        if not checkup.exists:
            out.print(f"No database yet at {path}: `loopprep import` makes one.")
        elif checkup.sound:
            out.print(f"{path}: sound (SQLite's integrity check found nothing wrong).")
        else:
            out.print(f"{path}: damaged. SQLite's integrity check says:", soft_wrap=True)
            for problem in checkup.problems:
                out.print(f"  {problem}", markup=False)
            if recovered:
                folder = recovered[0].parent
                out.print(f"Recovered what it holds into {recovered[0]} ({recovered[1]}). Look "
                          f"at it with `loopprep --home {folder} coverage`; when it is right, "
                          f"move it over the damaged file.", soft_wrap=True, markup=False)
            else:
                out.print("Run `loopprep doctor --recover` to copy what it holds into a new file.")
    if checkup.exists and not checkup.sound and not recovered:
        raise typer.Exit(1)
