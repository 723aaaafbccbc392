"""The cheat sheet as a one-page PDF, typeset by ReportLab (pure Python, nothing else to
install). The type shrinks until the sheet fits one page; if it still does not, the
follow-up answers go, then lines are shortened.
"""

from __future__ import annotations

import io
import os
from dataclasses import replace
from xml.sax.saxutils import escape

from loopprep.export.cheatsheet import NOT_YET, CheatSheet, SheetSlot, _short

_SIZES = (9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5)
_FONT = "LoopprepSans"


def render_pdf(sheet: CheatSheet) -> bytes:
    """The sheet as PDF bytes, always exactly one page."""
    attempts = [sheet, _without_follow_ups(sheet), _shortened(_without_follow_ups(sheet), 70)]
    for candidate in attempts:
        for size in _SIZES:
            data, pages = _build(candidate, size)
            if pages == 1:
                return data
    return _build(_shortened(_without_follow_ups(sheet), 40), _SIZES[-1])[0]


def _without_follow_ups(sheet: CheatSheet) -> CheatSheet:
    people = tuple(replace(p, slots=tuple(replace(s, follow_ups=()) for s in p.slots))
                   for p in sheet.interviewers)
    return replace(sheet, interviewers=people)


def _shortened(sheet: CheatSheet, limit: int) -> CheatSheet:
    def cut(slot: SheetSlot) -> SheetSlot:
        primary = slot.primary and replace(slot.primary, opening=_short(slot.primary.opening, limit))
        return replace(slot, primary=primary)

    people = tuple(replace(p, slots=tuple(cut(s) for s in p.slots)) for p in sheet.interviewers)
    return replace(sheet, interviewers=people, develop_next=_short(sheet.develop_next, limit * 2))


def _fonts() -> tuple[str, str, str]:
    """Bitstream Vera, shipped inside ReportLab: embedded, so any PDF viewer shows it."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if _FONT not in pdfmetrics.getRegisteredFontNames():
        folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
        pdfmetrics.registerFont(TTFont(_FONT, os.path.join(folder, "Vera.ttf")))
        pdfmetrics.registerFont(TTFont(_FONT + "-Bold", os.path.join(folder, "VeraBd.ttf")))
        pdfmetrics.registerFont(TTFont(_FONT + "-Italic", os.path.join(folder, "VeraIt.ttf")))
        pdfmetrics.registerFont(TTFont(_FONT + "-BoldItalic", os.path.join(folder, "VeraBI.ttf")))
        from reportlab.lib.fonts import addMapping

        addMapping(_FONT, 0, 0, _FONT)
        addMapping(_FONT, 1, 0, _FONT + "-Bold")
        addMapping(_FONT, 0, 1, _FONT + "-Italic")
        addMapping(_FONT, 1, 1, _FONT + "-BoldItalic")
    return _FONT, _FONT + "-Bold", _FONT + "-Italic"


def _build(sheet: CheatSheet, size: float) -> tuple[bytes, int]:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate, Paragraph, Spacer

    regular, bold, italic = _fonts()
    width, height = A4
    margin = 10 * mm
    gap = 6 * mm
    column = (width - 2 * margin - gap) / 2
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin, title=f"Cheat sheet: {sheet.title}", author="loopprep",
                          creator="loopprep", invariant=1)
    frames = [Frame(margin + i * (column + gap), margin, column, height - 2 * margin, id=f"c{i}",
                    leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0) for i in (0, 1)]
    doc.addPageTemplates([PageTemplate(id="sheet", frames=frames)])

    lead = size * 1.22
    styles = {
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=size * 1.5, leading=size * 1.8),
        "meta": ParagraphStyle("meta", fontName=regular, fontSize=size * 0.85, leading=lead,
                               textColor=colors.HexColor("#666666"), spaceAfter=size * 0.6),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=size * 1.15, leading=size * 1.4,
                             spaceBefore=size * 0.7, spaceAfter=size * 0.2),
        "lp": ParagraphStyle("lp", fontName=bold, fontSize=size * 0.85, leading=lead,
                             textColor=colors.HexColor("#555555"), spaceBefore=size * 0.35),
        "story": ParagraphStyle("story", fontName=bold, fontSize=size, leading=lead),
        "line": ParagraphStyle("line", fontName=regular, fontSize=size, leading=lead, leftIndent=size),
        "small": ParagraphStyle("small", fontName=regular, fontSize=size * 0.88, leading=lead * 0.95,
                                leftIndent=size, textColor=colors.HexColor("#444444")),
    }

    def para(text: str, style: str) -> Paragraph:
        return Paragraph(text, styles[style])

    def e(text: str) -> str:
        return escape(text)

    flow: list[object] = [para(e(sheet.title), "h1")]
    when = f"Interview {e(sheet.interview_date)} · " if sheet.interview_date else ""
    flow.append(para(f"{when}made {sheet.made.isoformat()} by loopprep · no story twice to the panel",
                     "meta"))
    for person in sheet.interviewers:
        block: list[object] = []
        tag = ' <font color="#c77700">(bar raiser)</font>' if person.bar_raiser and (
            "raiser" not in person.name.casefold()) else ""
        block.append(para(e(person.name) + tag, "h2"))
        for slot in person.slots:
            block.append(para(e(slot.principle_name.upper()), "lp"))
            story = slot.primary
            if story is None:
                block.append(para('<font color="#b00020">No distinct story yet</font>', "story"))
                continue
            unfiled = "" if story.filed else ' <font color="#b00020">(not filed under it)</font>'
            block.append(para(e(story.title) + unfiled, "story"))
            block.append(para(f"<i>“{e(story.opening)}”</i>", "line"))
            metric = e(story.metric) if story.metric else '<font color="#b00020">add a metric</font>'
            block.append(para(f'<font color="#0b6e4f">{metric}</font>', "line"))
            if slot.backup is not None:
                block.append(para(f"Backup: {e(slot.backup.title)}", "small"))
            for ask in slot.follow_ups:
                block.append(para(f"<b>{e(ask.question)}</b> {e(ask.answer) if ask.answer else e(NOT_YET)}",
                                  "small"))
        flow.append(KeepTogether(block))
    if sheet.lacking:
        flow.append(Spacer(1, size))
        gaps = e(", ".join(sheet.lacking))
        flow.append(para(f'<font color="#b00020"><b>Not covered yet:</b></font> {gaps}', "line"))
        if sheet.develop_next:
            flow.append(para(f"Next: {e(sheet.develop_next)}", "small"))
    doc.build(flow)
    return buffer.getvalue(), doc.page
