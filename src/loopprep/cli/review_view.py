"""`loopprep import --review`: the lines of the imported notes the import was unsure of or
left unplaced, each filed with one key (or with `--choose N=...` when nothing can be asked)."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from loopprep.cli.common import console, now, print_json
from loopprep.errors import LoopprepError

if TYPE_CHECKING:
    from loopprep.bank import Bank
    from loopprep.model import ImportReport
    from loopprep.store.review import ReviewNode

#: what a key or a `--choose` word means
CHOICE_WORDS = {"s": "story", "story": "story", "d": "detail", "detail": "detail",
                "q": "question", "question": "question", "i": "ignore", "ignore": "ignore"}
READS_AS = {"unplaced-bullet": "outside any principle or question",
            "reflection": "read as a reflection", "not-a-story": "read as a note, not a story"}


def review(bank: Bank, choose: list[str], *, as_json: bool,
           report: ImportReport | None) -> None:
    nodes = bank.review()
    if choose:
        picks = [_parse_choice(text, nodes) for text in choose]
        bank.correct(picks, now=now())  # all checked before any is filed
        for node, choice, target in picks if not as_json else []:
            console().print(f"  {_where(node)} filed: {_said(bank, choice, target)}", soft_wrap=True)
        nodes = bank.review()
    if as_json:
        print_json({**({"import": report.to_json()} if report is not None else {}),
                    "review": [_node_json(i, n) for i, n in enumerate(nodes, 1)]})
        return
    out = console()
    if not nodes:
        out.print("Nothing to review: every line of your notes was filed.")
        return
    out.print(f"\n[bold]To review[/bold]: {len(nodes)} line(s) of your notes were not filed")
    if choose or not sys.stdin.isatty():
        for number, node in enumerate(nodes, 1):
            out.print(_listing(bank, number, node), highlight=False, soft_wrap=True)
        if not choose:
            out.print("stdin is not a terminal, so nothing is asked: file a line with "
                      "--choose N=story[:PRINCIPLE]|detail[:STORY]|question|ignore")
        return
    _ask(bank, nodes)


def _ask(bank: Bank, nodes: list[ReviewNode]) -> None:
    """One key per line: s, d, q, i files it; Enter leaves it for later; x stops."""
    from rich.prompt import Prompt

    out = console()
    for number, node in enumerate(nodes, 1):
        out.print(_listing(bank, number, node), highlight=False, soft_wrap=True)
        out.print(f"  [bold]s[/bold] a story for {_principle_name(bank, node.principle)} · "
                  f"[bold]d[/bold] a detail of {_story_title(bank, node.story_id)} · "
                  "[bold]q[/bold] a question · [bold]i[/bold] ignore · Enter later · "
                  "[bold]x[/bold] stop")
        try:
            key = _read_key().lower()
        except (KeyboardInterrupt, EOFError):
            key = "x"
        if key == "x":
            break
        choice = CHOICE_WORDS.get(key)
        if choice is None:
            continue
        target = node.principle if choice == "story" else node.story_id if choice == "detail" else ""
        if choice in ("story", "detail") and not target:
            asked = "principle (name or slug)" if choice == "story" else "story id"
            target = Prompt.ask(f"  Which {asked}?", console=out, default="").strip()
            if not target:
                continue
        try:
            bank.correct([(node, choice, target or "")], now=now())
        except LoopprepError as error:
            out.print(f"  [red]not filed[/red]: {error.message}")
            continue
        out.print(f"  filed: {_said(bank, choice, target or '')}")


def _read_key() -> str:
    """One key from the terminal, without Enter. The terminal is switched without dropping
    what was typed ahead (a key pressed while the line was printing still counts)."""
    try:
        import termios
        import tty
    except ImportError:  # Windows
        import click

        return click.getchar()
    fd = sys.stdin.fileno()
    before = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd, termios.TCSANOW)
        key = os.read(fd, 4).decode("utf-8", errors="replace")
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, before)
    if not key:
        raise EOFError
    return key[0]


def _parse_choice(text: str, nodes: list[ReviewNode]) -> tuple[ReviewNode, str, str]:
    """`3=story`, `3=story:dive-deep`, `2=detail:parcelio`, `1=q`, `4=ignore`."""
    number, sep, rest = text.partition("=")
    word, _, target = rest.partition(":")
    choice = CHOICE_WORDS.get(word.strip().lower())
    if not sep or not number.strip().isdigit() or choice is None:
        raise LoopprepError(f"--choose {text!r} is not N=story|detail|question|ignore",
                            hint="e.g. --choose 3=story:dive-deep or --choose 1=ignore")
    index = int(number) - 1
    if not 0 <= index < len(nodes):
        raise LoopprepError(f"there is no line {number} to review ({len(nodes)} listed)",
                            hint="`loopprep import --review` lists them, numbered.")
    node = nodes[index]
    target = target.strip() or (node.principle if choice == "story" else
                                node.story_id if choice == "detail" else "") or ""
    if choice in ("story", "detail") and not target:
        kind = "principle" if choice == "story" else "story"
        raise LoopprepError(f"line {number} has no suggested {kind}",
                            hint=f"Name one: --choose {number}={choice}:{kind.upper()}")
    return node, choice, target


def _listing(bank: Bank, number: int, node: ReviewNode) -> str:
    from rich.markup import escape

    return (f"{number:>3}. {escape(_where(node))}  {READS_AS.get(node.code, node.code)}\n"
            f"     {escape(node.text)}\n"
            f"     suggested: a story for {_principle_name(bank, node.principle)}, "
            f"or a detail of {escape(_story_title(bank, node.story_id))}")


def _where(node: ReviewNode) -> str:
    from loopprep.model import display_path

    return f"{display_path(node.source.path)}:{node.source.line}"


def _principle_name(bank: Bank, slug: str | None) -> str:
    principle = bank.framework.get(slug) if slug else None
    return principle.name if principle else "(a principle you name)"


def _story_title(bank: Bank, story_id: str | None) -> str:
    if not story_id:
        return "(a story you name)"
    titles = {str(s.id): s.title for s in bank.stories()}
    return f"{titles.get(story_id, story_id)} ({story_id})"


def _said(bank: Bank, choice: str, target: str) -> str:
    if choice == "story":
        return f"a story for {_principle_name(bank, target)}"
    if choice == "detail":
        return f"a detail of {_story_title(bank, target)}"
    return "a question" if choice == "question" else "ignored"


def _node_json(number: int, node: ReviewNode) -> dict[str, Any]:
    return {"number": number, "path": node.source.path, "line": node.source.line,
            "code": node.code, "text": node.text, "message": node.message,
            "principle": node.principle, "story_id": node.story_id}
