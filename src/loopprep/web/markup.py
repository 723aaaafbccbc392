"""Turning user text into HTML safely: Markdown with raw HTML disabled and the result
cleaned by nh3, and plain text with spans highlighted (metrics now, feedback flags later)
where every piece of the text is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from loopprep.feedback import Analysis

_TAGS = {"p", "br", "em", "strong", "code", "pre", "ul", "ol", "li", "a", "blockquote", "h3", "h4",
         "h5", "h6", "hr", "del", "s"}
_ATTRIBUTES = {"a": {"href", "title"}}
_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # "js-default": CommonMark without raw HTML; links that pass validation still go to nh3.
    return MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})


@lru_cache(maxsize=4096)
def markdown(text: str) -> Markup:
    """User Markdown as sanitised HTML: no raw HTML, no script URLs, links open safely."""
    import nh3

    html = _parser().render(text or "")
    # Headings in notes are rendered small: they sit inside a page that has its own.
    html = html.replace("<h1>", "<h4>").replace("</h1>", "</h4>")
    html = html.replace("<h2>", "<h4>").replace("</h2>", "</h4>")
    clean = nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES,
                      link_rel="noopener noreferrer nofollow")
    return Markup(clean)  # cleaned by nh3 just above


@dataclass(frozen=True)
class Span:
    """A stretch of text to mark: `text[start:end]`, a CSS class and a tooltip."""

    start: int
    end: int
    kind: str
    title: str = ""


def highlight(text: str, spans: Iterable[Span]) -> Markup:
    """`text` as HTML with each span wrapped in <mark>; overlapping spans nest as separate
    marks on the pieces they share. Offsets are character offsets into `text`."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = str(escape(text[start:end]))
        covering = [s for s in spans if s.start <= start and end <= s.end]
        for span in reversed(covering):
            title = f' title="{escape(span.title)}"' if span.title else ""
            piece = f'<mark class="{escape(span.kind)}"{title}>{piece}</mark>'
        out.append(piece)
    return Markup("".join(out))  # every piece of user text is escaped above


def feedback_spans(analysis: Analysis | Mapping[str, Any]) -> list[Span]:
    """What to mark in an analysed answer: each sentence by its STAR part, and inside it
    every flag that rests on part of the answer (flags on the whole answer are listed, not
    marked). Hover text says what the mark means. Takes an `Analysis`, or its stored JSON
    with the answer added."""
    answer = str(_field(analysis, "answer"))
    spans = []
    for sentence in _field(analysis, "sentences"):
        star = str(_field(sentence, "star"))
        spans.append(Span(int(_field(sentence, "start")), int(_field(sentence, "end")),
                          f"star {star}", star))
    for flag in _field(analysis, "flags"):
        start, end = int(_field(flag, "start")), int(_field(flag, "end"))
        if (start, end) != (0, len(answer)) and end > start:
            spans.append(Span(start, end, f"flag {_field(flag, 'severity')}",
                              str(_field(flag, "message"))))
    return spans


def _field(item: Any, name: str) -> Any:
    return item[name] if isinstance(item, Mapping) else getattr(item, name)
