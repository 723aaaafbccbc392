"""Reading one terse story bullet the way its author meant it.

`- IRPWIND again, final judges said my group was the best` names a story (its anchor,
IRPWIND) seen before; `- True. But need to assess reversible` is a reflection, not a
story; `- QCELLS: ICAP peak (VPP best), QCELLS AUS (30% savings)` holds two stories.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loopprep.notes.principles import normalise

#: Words that introduce a story rather than name it: "Example: ...", "e.g. ...".
_LEAD_INS = re.compile(
    r"^\s*(?:(?:example|examples|e\.?\s?g\.?|eg|story|case|for example|for instance|"
    r"instance|ex)\s*\d*\s*[:\-–—,]|(?:(?:see(?: also)?|same as)\b|→|->)\s*[:\-–—]?)\s*",
    re.IGNORECASE,
)
_EMPHASIS = re.compile(r"(\*\*|__|\*(?=\S))(\S(?:.*?\S)?)\1")
_ANCHOR_COLON = re.compile(r"^\s*([^:()\[\]]{1,40}?)\s*:\s*(.*)$", re.DOTALL)
_NAME_TOKEN = re.compile(r"^([A-Za-z0-9][\w&.\-]*)\b")
_BACKREF = re.compile(
    r"\b(again|same (?:story|example|project|as above)|as above|see above|(?:example|story),?\s+again)\b",
    re.IGNORECASE,
)
_REFLECTION_START = re.compile(
    r"^\s*(?:true|agreed?|yes|no|important|key|always|never|remember|note|tip|lesson|"
    r"i think|i believe|i feel|in general|generally|need to|should|must|don'?t|avoid|"
    r"maybe|probably|todo|to do|tbd|nothing|none|n/a|ask(?=\s))\b",
    re.IGNORECASE,
)
#: a placeholder where a story will go: 'nothing yet', '(none yet — maybe…)', 'No story.'
_PLACEHOLDER = re.compile(r"^[\W_]+$|"  # '?', '???', '…': marks with no words
                          r"^[\W_]*(?:nothing|none|no stor(?:y|ies))(?:\s+yet)?(?:[\W_]*$|"
                          r"[*_]*\s*[)\]—–:,.!;(?]|\s+-\s)", re.IGNORECASE)
_ADVICE = re.compile(
    r"\b(?:need to|needs to|should|must|have to|it'?s important|important to|remember to)\b",
    re.IGNORECASE,
)
#: a past-tense word (a story tells what happened): a regular verb, or a common irregular
#: one; two patterns, as searching for either is quicker than for one alternation of all
#: 'migrated', 'copied' (a word of letters ending in 'ed' after a letter other than 'e':
#: not 'need' or 'red'); and the irregular past tenses notes use most
_IRREGULAR_PAST = frozenset(
    """was were had did made took went led built wrote ran got gave found saw told held won
    lost drove set began brought chose kept left met sold spent taught thought bought caught
    fought grew knew became came felt paid said sent stood""".split())  # noqa: SIM905
_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[a-z]{2,}")


def _tells_past(body: str) -> bool:
    """Whether a line holds a past-tense verb (a word of its own, in any case)."""
    lowered = body.lower()
    words = _WORD.findall(lowered)
    return not _IRREGULAR_PAST.isdisjoint(words) or "ed" in lowered and any(
        len(w) > 4 and w.endswith("ed") and w[-3] != "e" and _LETTERS.fullmatch(w, 0, len(w) - 3)
        for w in words)


_GENERIC_ANCHORS = {
    "me", "note", "notes", "idea", "result", "results", "response", "outcome", "lesson",
    "lessons", "todo", "tbd", "question", "answer", "why", "how", "what", "situation",
    "task", "action", "actions", "learned", "learning", "problem", "solution", "approach",
}


@dataclass(frozen=True, slots=True)
class Bullet:
    """A story bullet interpreted: its anchor (if any), the text after it, its key."""

    text: str
    anchor: str | None
    rest: str
    backref: bool
    #: the anchor normalised (worked out once: a bullet's key is asked for again and again)
    anchor_key: str | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "anchor_key", normalise(self.anchor) if self.anchor else None)


def unemphasise(text: str) -> str:
    """'**Payment outage**: …' -> 'Payment outage: …' (bold and italics markers dropped)."""
    if "*" not in text and "_" not in text:
        return text  # no marker to drop
    return _EMPHASIS.sub(r"\2", text)


#: tags closing a line ('#story', '#wip #amazon'): an outliner's marks on the line, no words
#: of a title (a principle's tag is read apart, `notes.normalise`)
_TRAILING_TAGS = re.compile(r"(?:\s+#[A-Za-z][\w/-]*)+\s*$")


def without_tags(text: str) -> str:
    """'**Cutting alarm fatigue** #story' -> '**Cutting alarm fatigue**'."""
    return _TRAILING_TAGS.sub("", text) if "#" in text else text


def strip_lead_in(text: str) -> tuple[str, bool]:
    """Drop 'Example:' style lead-ins; True when one was there."""
    match = _LEAD_INS.match(text)
    if match:
        return text[match.end():].strip(), True
    return text.strip(), False


def _is_name(token: str) -> bool:
    """A project or organisation name: IRPWIND, TenneT, QCELLS, iOS, AWS (not 'I')."""
    letters = [c for c in token if c.isalpha()]
    if len(letters) < 2:
        return False
    uppers = sum(1 for c in letters if c.isupper())
    return uppers >= 2 or (uppers >= 1 and not token[0].isupper())


def read_bullet(text: str) -> Bullet:
    """Find the anchor a bullet opens with: 'NAME: ...', 'NAME, ...', 'NAME again ...'."""
    body, _ = strip_lead_in(unemphasise(text))
    colon = _ANCHOR_COLON.match(body)
    if colon:
        head = colon.group(1).strip()
        words = head.split()
        if 1 <= len(words) <= 4 and normalise(head) not in _GENERIC_ANCHORS:
            name_like = len(words) <= 2 or any(_is_name(w) for w in words)
            if name_like and not _REFLECTION_START.match(head):
                return Bullet(text, head, colon.group(2).strip(), _backref(body))
    token = _NAME_TOKEN.match(body)
    if token and _is_name(token.group(1)):
        rest = body[token.end():].lstrip(" ,;:-–—")
        return Bullet(text, token.group(1), rest.strip(), _backref(body))
    return Bullet(text, None, body, _backref(body))


def _backref(body: str) -> bool:
    """Whether a bullet refers back to a story ('again', 'same story', 'see above')."""
    if body.isascii():
        lowered = body.lower()
        if "again" not in lowered and "same" not in lowered and "above" not in lowered:
            return False  # each way of referring back has one of these words
    return bool(_BACKREF.search(body))


def is_placeholder(text: str) -> bool:
    """'nothing yet', '_none_', '(no story — maybe the kiosk?)': where a story will go."""
    return bool(_PLACEHOLDER.match(text))


def reflection_reason(text: str) -> str | None:
    """Why a bullet reads as a reflection rather than a story, or None if it is a story."""
    body = text.strip()
    if not body:
        return "it is empty"
    if _PLACEHOLDER.match(body):  # '(nothing yet — the kiosk was fast but…)'
        return "it holds the place of a story not written yet"
    if _tells_past(body):
        return None
    start = _REFLECTION_START.match(body)
    if start:
        return (
            f"it opens with '{start.group(0).strip()}' and tells no event "
            "(no past action, no project or result)"
        )
    advice = _ADVICE.search(body)
    if advice:
        return f"it gives advice ('{advice.group(0)}') rather than telling something that happened"
    return None


def split_stories(bullet: Bullet) -> list[Bullet]:
    """One bullet naming its anchor twice ('QCELLS: A, QCELLS B') holds two stories."""
    if not bullet.anchor or bullet.anchor not in bullet.rest:
        return [bullet]
    pieces = _split_at_anchor(bullet.rest, bullet.anchor)
    if len(pieces) < 2:
        return [bullet]
    out = []
    for piece in pieces:
        piece = piece.strip(" ,;")
        if piece:
            out.append(Bullet(f"{bullet.anchor}: {piece}", bullet.anchor, piece, bullet.backref))
    return out if len(out) > 1 else [bullet]


def _split_at_anchor(text: str, anchor: str) -> list[str]:
    """Split where ', ANCHOR' or '; ANCHOR' starts a new part (whole word)."""
    pieces, start, at = [], 0, text.find(anchor)
    while at != -1:
        before = text[start:at].rstrip()
        after = text[at + len(anchor): at + len(anchor) + 1]
        if before.endswith((",", ";")) and not (after.isalnum() or after == "_"):
            pieces.append(before.rstrip(",;"))
            start = at + len(anchor)
        at = text.find(anchor, at + len(anchor))
    pieces.append(text[start:])
    return pieces


def first_words(text: str, count: int = 1) -> str:
    """The first significant words of a text, normalised (for telling sub-stories apart)."""
    words = [w for w in normalise(text).split() if len(w) > 1]
    return " ".join(words[:count])


#: a bullet that opens with a bold span, text after it: the span is what its author
#: titled it ('1. **Refund flow** Situation: …', '**Pager storm** — the night …')
_BOLD_LEAD = re.compile(r"^\s*(\*\*|__)(?P<title>[^*_\s](?:[^*_]*[^*_\s:])?)\1(?=\s+\S)")


_WIKILINK_TEXT = re.compile(r"\[\[([^\]|#]+)(?:[#|][^\]]*)?\]\]")  # '[[Title|alias]]'
_LINK_TEXT = re.compile(r"\[([^\]]+)\]\([^)]*\)")  # '[Title](page.md)'
#: where a bullet's first clause ends
_CLAUSE_END = re.compile(r":\s|(?<!\bvs)(?<!\betc)(?<!\bapprox)\.\s|\s\(|;\s|\s[—–-]\s")


def make_title(text: str, limit: int = 60) -> str:
    """A short title from a bullet: its first clause, capitalised, cut at a word boundary."""
    body, _ = strip_lead_in(without_tags(text))
    if "[" in body:
        body = _LINK_TEXT.sub(r"\1", _WIKILINK_TEXT.sub(r"\1", body))
    bold = _BOLD_LEAD.match(body)
    body = bold.group("title") if bold else unemphasise(body)
    clause = _CLAUSE_END.split(body, maxsplit=1)[0].strip(" .,:;-")
    if not clause:
        clause = body.strip() or "Untitled story"
    if len(clause) > limit:
        cut = clause[:limit].rsplit(" ", 1)[0]
        clause = (cut or clause[:limit]).rstrip(" ,") + "…"
    return clause[0].upper() + clause[1:]


_NOT_SLUG = re.compile(r"[^a-z0-9\-]")


def slugify(text: str, limit: int = 36) -> str:
    slug = "-".join(normalise(text).split())
    slug = _NOT_SLUG.sub("", slug.encode("ascii", "ignore").decode()) or "story"
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug.strip("-") or "story"


def mentions(text: str, anchor: str) -> bool:
    return re.search(r"(?<![\w])" + re.escape(anchor) + r"(?![\w])", text, re.IGNORECASE) is not None
