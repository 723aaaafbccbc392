"""Showing an answer's feedback in the terminal: scores, the answer with each flagged span
underlined and numbered, then the numbered remarks. Used by `analyze` and `practice`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from loopprep.feedback.analysis import Analysis, Flag

_STAR_STYLE = {"situation": "cyan", "task": "magenta", "action": "green", "result": "yellow",
               "other": "dim"}
_TAG = {"situation": "S", "task": "T", "action": "A", "result": "R", "other": "·"}


def render_analysis(analysis: Analysis, out: Console) -> None:
    from rich.text import Text

    from loopprep.feedback.analysis import DIMENSIONS, SCALE_MAX

    out.print(Text.assemble(("Overall ", "bold"), (f"{analysis.overall:.1f}", "bold"),
                            f" / {SCALE_MAX:.0f}   ",
                            "  ".join(f"{d} {analysis.scores[d]:.1f}" for d in DIMENSIONS)))
    out.print(analysis.summary)
    if analysis.top_fixes:
        out.print(Text("Top fixes:", style="bold"))
        for number, fix in enumerate(analysis.top_fixes, 1):
            out.print(f"  {number}. {fix}", markup=False, highlight=False)
    numbered = list(enumerate(analysis.flags, 1))
    out.print(Text("\nYour answer (S situation, T task, A action, R result):", style="bold"))
    for sentence in analysis.sentences:
        line = Text(f"  {_TAG[sentence.star]} ", style=_STAR_STYLE[sentence.star])
        line.append_text(_marked(analysis.answer, sentence.start, sentence.end, numbered))
        out.print(line)
    if numbered:
        out.print(Text("\nRemarks:", style="bold"))
        for number, flag in numbered:
            quoted = analysis.answer[flag.start:flag.end].strip()
            if len(quoted) > 60:
                quoted = quoted[:57] + "…"
            where = f' on "{quoted}"' if quoted else ""
            text = Text(f"  [{number}] ", style="bold red" if flag.severity == "problem" else
                        "bold yellow")
            text.append(f"{flag.code}{where}: {flag.message}")
            if flag.fix:
                text.append(f" → {flag.fix}", style="dim")
            out.print(text)


def _marked(answer: str, start: int, end: int, numbered: list[tuple[int, Flag]]) -> Text:
    """The sentence answer[start:end] with flagged spans inside it underlined and numbered."""
    from rich.text import Text  # noqa: F811 (imported for typing above, at run time here)

    sentence = answer[start:end]
    text = Text(sentence)
    marks: list[tuple[int, str]] = []
    for number, flag in numbered:
        f_start, f_end = flag.start, flag.end
        if start <= f_start < f_end <= end and (f_end - f_start) < len(sentence):
            text.stylize("underline red", f_start - start, f_end - start)
            marks.append((f_end - start, f"[{number}]"))
    # insert the numbers from the right so earlier offsets stay valid
    for offset, label in sorted(marks, reverse=True):
        text = Text.assemble(text[:offset], (label, "bold red"), text[offset:])
    return text
