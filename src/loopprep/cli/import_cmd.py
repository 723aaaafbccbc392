"""`loopprep import`: bring notes files or an Obsidian vault into the story bank."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from loopprep.cli.common import JsonOption, console, now, open_bank, print_json

if TYPE_CHECKING:
    from loopprep.model import ImportReport


def register(app: typer.Typer) -> None:
    app.command("import")(import_notes)


def import_notes(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(None, help=(
        "Notes files (.md, .txt, .org, .adoc, .rst, a .yaml or .json story bank) or vault "
        "folders.")),
    as_json: bool = JsonOption,
    skip_unreadable: bool = typer.Option(False, "--skip-unreadable",
                                         help="Import what can be read; report unreadable folders."),
    review: bool = typer.Option(False, "--review", help=(
        "List the lines the import was unsure of or left unplaced, and file each with one "
        "key: a story, a detail of a story, a question, or ignore.")),
    choose: list[str] = typer.Option([], "--choose", metavar="N=CHOICE[:TARGET]", help=(
        "File listed line N without asking: N=story[:PRINCIPLE], N=detail[:STORY], "
        "N=question or N=ignore (implies --review).")),
) -> None:
    """Import notes files or vault folders into the story bank (your files are only read)."""
    review = review or bool(choose)
    if not paths and not review:
        raise typer.BadParameter("give notes files or vault folders to import (or --review)",
                                 param_hint="PATHS")
    with open_bank(ctx) as bank:
        report = bank.import_notes(paths, now=now(), skip_unreadable=skip_unreadable) if (
            paths) else None
        if report is not None and not as_json:
            show_report(report, len(bank.stories()), review_next=not review)
        if review:
            from loopprep.cli.review_view import review as review_lines

            review_lines(bank, choose, as_json=as_json, report=report)
        elif as_json and report is not None:
            print_json(report.to_json())


def show_report(report: ImportReport, total: int, *, review_next: bool = True) -> None:
    from rich.markup import escape

    from loopprep.model import display_path

    def first_few(paths: list[str]) -> str:
        shown = ", ".join(display_path(f) for f in paths[:3])
        return shown + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")

    out = console()
    out.print(f"[bold]Imported[/bold] {escape(first_few(report.files))}")
    if report.files_gone:
        out.print("  gone from the folder since the last import: "
                  f"{escape(first_few(report.files_gone))}")
    parts = [
        f"{len(report.stories_added)} new",
        f"{len(report.stories_updated)} updated",
        f"{len(report.stories_unchanged)} unchanged",
    ]
    if report.stories_archived:
        parts.append(f"{len(report.stories_archived)} archived (gone from your notes)")
    out.print(f"  stories: {', '.join(parts)}; {total} in the bank")
    questions = len(report.questions_added) + len(report.questions_updated) + len(
        report.questions_unchanged)
    out.print(f"  questions from your notes: {questions} "
              f"({len(report.questions_added)} new, {len(report.questions_updated)} updated)")
    out.print(f"  principles with a heading: {len(report.principles_found)}")
    if report.technical_sections:
        tracked = len(report.technical_added) + len(report.technical_updated) + len(
            report.technical_unchanged)
        gone = f", {len(report.technical_archived)} gone from your notes" if (
            report.technical_archived) else ""
        out.print(f"  technical subtopics from your notes: {tracked} ({len(report.technical_added)} "
                  f"new, {len(report.technical_updated)} updated{gone}); see loopprep tech")
    for story_id, slug in report.links_added if report.stories_unchanged else []:
        out.print(f"  [green]+[/green] {story_id} now filed under {slug}")
    for story_id, slug in report.links_removed:
        out.print(f"  [red]-[/red] {story_id} no longer filed under {slug}")
    if not report.found_anything:
        out.print("  [yellow]no story or question was found in these notes[/yellow]: a story "
                  "is a bullet or heading under a principle (a heading, a line of its own or "
                  "a tag), or a line that names its principles; the lines below say what was "
                  "read instead")
    elif not report.changed:
        out.print("  nothing changed since the last import")
    if report.findings:
        out.print("\n[bold]What loopprep noticed in your notes[/bold]")
        for finding in report.findings:
            where = ""
            if finding.source:
                where = f"{display_path(finding.source.path)}:{finding.source.line}: "
            mark = "[yellow]![/yellow]" if finding.severity == "warning" else "[dim]i[/dim]"
            out.print(f" {mark} {escape(where + finding.message)}")
    from loopprep.notes.review import REVIEWED

    unfiled = sum(1 for f in report.findings if f.code in REVIEWED)
    if unfiled and review_next:
        out.print(f"\n{unfiled} line(s) were not filed: [bold]loopprep import --review[/bold] "
                  "files each with one key.")
    out.print("\nNext: [bold]loopprep coverage[/bold] to see principles against stories.")
