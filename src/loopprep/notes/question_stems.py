"""Interview questions opened the way they are asked in German, the language of prep
notes the corpus holds beside English: 'Erzählen Sie (mir) von …', 'Beschreiben Sie eine
Situation, in der …', 'Nennen Sie ein Beispiel …' (behavioural-interview guides write
them so). A question that ends in '?' needs none of this: any language's is kept.
"""

from __future__ import annotations

import re

#: the imperative openings, formal and informal ('Erzähl mir von …')
_GERMAN = re.compile(
    r"^\s*(?:erzählen sie|erzähl(?:e)?|beschreiben sie|beschreib(?:e)?|schildern sie|"
    r"schilder(?:e)?|berichten sie|nennen sie|nenn(?:e)?|geben sie|gib)\b"
    r"(?:\s+(?:mir|uns))?[\s,]+(?:von|über|eine?[nmr]?|ein|wann|wie)\b",
    re.IGNORECASE,
)
#: the letters the openings start with: a line opening with none of them is passed over
_FIRST = frozenset("ebsngEBSNG")


#: a word each opening holds: a line holding none is passed over before it is cleaned
_STEMS = ("erzähl", "beschreib", "schilder", "bericht", "nenn", "geben", "gib")


def may_ask_in_german(text: str) -> bool:
    """A quick test: whether `text` holds a word `asks_in_german` could start with."""
    lowered = text.lower()
    return any(stem in lowered for stem in _STEMS)


def asks_in_german(text: str) -> bool:
    """Whether `text` opens as a German interviewer asks ('Erzählen Sie von einem …')."""
    stripped = text.lstrip(" \t-*+0123456789.)")
    return bool(stripped) and stripped[0] in _FIRST and bool(_GERMAN.match(stripped))
