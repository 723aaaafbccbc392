"""A story's detail that files it under more principles: 'also for Earn Trust – I called him
back', 'also Dive Deep + Frugality', '… all day. Also Bias for Action', 'also OW — nobody
asked me'. The names (or the codes a legend spells out) follow the word 'also'; what comes
after a dash or the end of the sentence is a comment.
"""

from __future__ import annotations

import re

from loopprep.model import Framework, PrincipleSlug
from loopprep.notes.principle_names import principle_list

#: 'also', maybe 'for' / 'works for' / 'good for' / 'fits', then the list, then a dash, a
#: bracket, the sentence's end or the line's (never a '?': 'also TB? no, too small')
_ALSO = re.compile(r"(?:^|[.;!]\s+)(?:\W\s*)?also\b(?:\s+(?:(?:works|good|counts|use)\s+)?for\b|"
                   r"\s+fits\b)?\s*[:\-–—]?\s*(?P<list>[^.;!?()–—:]+?)\s*(?=$|\s[-–—]\s|[.;!(–—])",
                   re.IGNORECASE)


def also_principles(text: str, framework: Framework, abbr: dict[str, PrincipleSlug]
                    ) -> list[PrincipleSlug]:
    """The principles a line names after 'also' (every item one of them), else []."""
    if "lso" not in text:
        return []
    for match in _ALSO.finditer(text):
        listed = match.group("list")
        slugs = principle_list(listed, framework, abbr) or principle_list(
            re.sub(r"\s+and\s+", ", ", listed), framework, abbr)  # 'also DD and FR'
        if slugs:
            return slugs
    return []
