"""Sentence splitting that keeps character offsets into the original text.

Typed answers split on punctuation (minding abbreviations, decimals, bullets and newlines);
long unpunctuated transcript runs split on discourse markers and filler pauses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Span", "split_sentences"]


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence: ``text == source[start:end]``, never rewritten."""

    start: int
    end: int
    text: str


# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt vs approx appt apt dept est fig inc ltd co corp no nos
    vol ca cf al gen col lt sgt capt rev hon jan feb mar apr jun jul aug sep sept oct
    nov dec mon tue wed thu fri sat sun min max avg etc""".split()  # noqa: SIM905
)
# "etc." often ends a sentence: it only glues to a following lower-case word.
_WEAK_ABBREVIATIONS = frozenset({"etc", "no", "min", "max", "avg", "est", "approx"})

_BULLET = re.compile(r"[ \t]*(?:[-*+•‣◦▪●–—]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])[ \t]+")
_TERMINATOR = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)|[。！？]+[」』”’）]*")
_WORD = re.compile(r"\S+")
_INITIALISM = re.compile(r"(?:^|\s)(?:[A-Za-z]\.){2,}$")
_SINGLE_INITIAL = re.compile(r"(?:^|\s)[A-Z]\.$")

# Discourse markers that open a new clause in spoken answers; value = strength.
_MARKERS: dict[tuple[str, ...], int] = {
    ("and", "then"): 3,
    ("and", "so"): 3,
    ("so",): 2,
    ("then",): 2,
    ("after", "that"): 3,
    ("afterwards",): 3,
    ("in", "the", "end"): 3,
    ("at", "the", "end"): 3,
    ("eventually",): 3,
    ("finally",): 3,
    ("as", "a", "result"): 3,
    ("because", "of", "that"): 3,
    ("which", "meant"): 2,
    ("the", "result"): 3,
    ("the", "outcome"): 3,
    ("what", "i", "did"): 3,
    ("what", "we", "did"): 3,
    ("what", "i", "learned"): 3,
    ("i", "learned"): 2,
    ("the", "lesson"): 3,
    ("since", "then"): 3,
    ("anyway",): 2,
    ("basically",): 1,
    ("okay", "so"): 3,
    ("ok", "so"): 3,
    ("yeah", "so"): 3,
    ("um",): 2,
    ("uh",): 2,
    ("erm",): 2,
    ("and", "um"): 2,
    ("and", "uh"): 2,
    ("but",): 2,
    ("and", "i"): 1,
    ("and", "we"): 1,
    ("and", "after"): 2,
    ("and", "now"): 2,
    ("and", "that"): 1,
    ("and", "the"): 1,
    ("and", "my"): 1,
    ("and", "our"): 1,
    ("and", "they"): 1,
    ("and", "he"): 1,
    ("and", "she"): 1,
    ("and",): 1,
    ("because",): 1,
    ("which",): 1,
    ("one", "day"): 2,
    ("ok",): 2,
    ("okay",): 2,
}
# Where to hard-cut a run that has no marker at all: before a clause-opening word.
_CLAUSE_OPENERS = frozenset({"i", "we", "they", "he", "she", "it", "my", "our", "the", "then"})
_MAX_MARKER = max(len(k) for k in _MARKERS)
_LEAD_INS = frozenset({"and", "but", "so", "um", "uh", "er", "erm", "then", "okay", "ok", "yeah"})


def split_sentences(text: str, *, max_words: int = 40) -> list[Span]:
    """Split ``text`` into sentence spans whose offsets index the original string.

    Runs longer than ``max_words`` words (typically spoken transcripts without
    punctuation) are cut at discourse markers such as "and then", "so", "in the end"
    or filler pauses, and hard-cut if no marker is found.
    """
    spans: list[Span] = []
    for block_start, block_end in _blocks(text):
        for start, end in _punctuated(text, block_start, block_end):
            for s, e in _split_long(text, start, end, max_words):
                spans.append(Span(s, e, text[s:e]))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _lines(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for line in text.splitlines(keepends=True):
        yield pos, pos + len(line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"))
        pos += len(line)


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Paragraphs and list items; a soft-wrapped line joins the one before it."""
    cur: tuple[int, int] | None = None
    for line_start, line_end in _lines(text):
        s, e = _trim(text, line_start, line_end)
        if s == e:
            if cur is not None:
                yield cur
                cur = None
            continue
        bullet = _BULLET.match(text, s, e)
        if bullet and bullet.end() < e:
            s = bullet.end()
        continues = (
            cur is not None
            and bullet is None
            and text[s].islower()
            and text[cur[1] - 1] not in ".!?…:;"
        )
        if continues and cur is not None:
            cur = (cur[0], e)
        else:
            if cur is not None:
                yield cur
            cur = (s, e)
    if cur is not None:
        yield cur


def _ends_sentence(text: str, block_start: int, end: int, block_end: int) -> bool:
    """Whether the terminator ending at ``end`` closes a sentence."""
    mark = text[end - 1]
    nxt = end
    while nxt < block_end and text[nxt].isspace():
        nxt += 1
    if nxt >= block_end:
        return True
    if "." not in text[max(block_start, end - 4) : end] or mark in "!?…":
        return True
    # Only the last few words matter; a bounded window keeps long blocks linear.
    window_start = max(block_start, end - 40)
    if window_start > block_start:
        space = text.find(" ", window_start, end)
        window_start = space + 1 if space != -1 else window_start
    before = text[window_start:end].rstrip("\"'”’»)]")
    if not before.endswith("."):
        return True
    token = before[:-1].rsplit(None, 1)[-1] if before[:-1].strip() else ""
    word = token.lower().strip("(\"'“‘")
    following = text[nxt]
    lower_next = following.islower() or following.isdigit()
    if word in _ABBREVIATIONS and (word not in _WEAK_ABBREVIATIONS or lower_next):
        return False
    if _INITIALISM.search(before) or _SINGLE_INITIAL.search(before):
        return not lower_next and len(token) > 2 and not _SINGLE_INITIAL.search(before)
    return True


def _punctuated(text: str, block_start: int, block_end: int) -> Iterator[tuple[int, int]]:
    start = block_start
    for m in _TERMINATOR.finditer(text, block_start, block_end):
        if _ends_sentence(text, block_start, m.end(), block_end):
            s, e = _trim(text, start, m.end())
            if s < e:
                yield s, e
            start = m.end()
    s, e = _trim(text, start, block_end)
    if s < e:
        yield s, e


def _norm(word: str) -> str:
    return word.strip(".,;:!?\"'“”‘’()[]-–—…").lower()


def _split_long(text: str, start: int, end: int, max_words: int) -> list[tuple[int, int]]:
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    if len(words) <= max_words:
        return [(start, end)]
    norm = [_norm(text[s:e]) for s, e in words]
    strength = [0] * len(words)
    for i in range(1, len(words)):
        for n in range(min(_MAX_MARKER, len(words) - i), 0, -1):
            score = _MARKERS.get(tuple(norm[i : i + n]))
            if score:
                strength[i] = score
                break
        if text[words[i - 1][1] - 1] in ",;:–—" and strength[i] == 0:
            strength[i] = 1
    # "and" / "so" / "um" just before a marker opens the same clause: "so what i did".
    for i in range(len(words) - 2, 0, -1):
        if strength[i + 1] > strength[i] and norm[i] in _LEAD_INS:
            strength[i], strength[i + 1] = strength[i + 1], 0
    min_words, soft_words = 5, 14
    cuts: list[int] = []
    last = 0
    for i in range(1, len(words)):
        length = i - last
        if length < min_words or len(words) - i < min_words:
            continue
        s = strength[i]
        if s >= 3 or (s == 2 and length >= 6) or (s == 1 and length >= soft_words):
            cuts.append(i)
            last = i
        elif length >= max_words:
            best = max(
                range(last + min_words, i + 1),
                key=lambda j: (strength[j], norm[j] in _CLAUSE_OPENERS, j),
            )
            cut = best if strength[best] > 0 or norm[best] in _CLAUSE_OPENERS else i
            cuts.append(cut)
            last = cut
    bounds = [0, *cuts, len(words)]
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        out.append((words[a][0], words[b - 1][1]))
    return out
