"""Plain-text report of an Analysis: the answer with STAR parts and flagged spans marked.

The CLI prints it as is (or styles it); it uses no terminal codes and never prints.
"""

from __future__ import annotations

from loopprep.feedback.analysis import DIMENSIONS, SCALE_MAX, Analysis, Flag

__all__ = ["report_text"]

_TAG = {"situation": "S", "task": "T", "action": "A", "result": "R", "other": "-"}


def _mark(text: str, offset: int, flags: list[tuple[int, Flag]]) -> str:
    """``text`` (starting at ``offset`` in the answer) with ⟦span⟧ⁿ around flagged spans."""
    out, pos = [], 0
    for number, flag in flags:
        s, e = flag.start - offset, flag.end - offset
        if s < pos or e > len(text) or s >= e:
            continue  # nested or answer-wide flags are listed, not marked inline
        out.append(text[pos:s])
        out.append(f"⟦{text[s:e]}⟧{number}")
        pos = e
    out.append(text[pos:])
    return "".join(out)


def report_text(analysis: Analysis) -> str:
    """A readable report: scores, summary, fixes, the marked answer, then the notes."""
    lines = [
        f"Overall {analysis.overall:.1f} / {SCALE_MAX:.0f}",
        "  ".join(f"{d} {analysis.scores[d]:.1f}" for d in DIMENSIONS),
        "",
        analysis.summary,
    ]
    if analysis.top_fixes:
        lines += ["", "Top fixes:"]
        lines += [f"  {i}. {fix}" for i, fix in enumerate(analysis.top_fixes, 1)]
    numbered = list(enumerate(analysis.flags, 1))
    lines += ["", "Answer (S situation, T task, A action, R result, - other):"]
    for sent in analysis.sentences:
        inside = [
            (n, f)
            for n, f in numbered
            if sent.start <= f.start and f.end <= sent.end and f.end - f.start < len(sent.text)
        ]
        lines.append(f"  [{_TAG[sent.star]}] {_mark(sent.text, sent.start, inside)}")
    if numbered:
        lines += ["", "Notes:"]
        for n, f in numbered:
            quoted = analysis.answer[f.start : f.end]
            if len(quoted) > 60:
                quoted = quoted[:57] + "..."
            where = f' on "{quoted}"' if quoted else ""
            lines.append(f"  {n}. {f.code}{where}: {f.message}")
    return "\n".join(lines)
