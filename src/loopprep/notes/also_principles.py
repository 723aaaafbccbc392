"""A story's detail that files it under more principles: 'also for Earn Trust – I called him
back', 'also Dive Deep + Frugality', '… all day. Also Bias for Action', 'also OW — nobody
asked me', 'same story works for customer obsession, …'. The names (or the codes a legend
spells out) follow the word 'also'; what comes after a dash, the end of the sentence or
the last principle is a comment.
"""

from __future__ import annotations

import re

from loopprep.model import Framework, PrincipleSlug
from loopprep.notes.principle_names import principle_list

#: 'also', maybe 'for' / 'works for' / 'good for' / 'fits', then the list, then a dash, a
#: bracket, the sentence's end or the line's (never a '?': 'also TB? no, too small')
#: ('… is also a good Ownership one', 'this one is also great for Earn Trust: …': 'also' in
#: the sentence, the list maybe called a good one, ending at a colon too)
_ALSO = re.compile(r"(?:^|[.;!]\s+|(?<=\w)\s+)(?:\W{1,3}\s*)?(?:also|same story)\b"
                   r"(?:\s+(?:a\s+)?(?:(?:works|good|great|strong|counts|use)\s+)?for\b|\s+fits\b|"
                   r"\s+an?\s+(?:good|great|strong)\b)?\s*[:\-–—]?\s*(?P<list>[^.;!?()–—:]+?)"
                   r"(?:\s+(?:one|story|example))?\s*(?=$|\s[-–—]\s|[.;!(–—:])", re.IGNORECASE)


def also_principles(text: str, framework: Framework, abbr: dict[str, PrincipleSlug]
                    ) -> list[PrincipleSlug]:
    """The principles a line names after 'also' or 'same story works for': the items
    that open the list, up to the first that is none ('customer obsession, blind farmer
    … is the hook'), else []."""
    if "lso" not in text and "ame stor" not in text:
        return []
    for match in _ALSO.finditer(text):
        items = match.group("list").split(",")
        for count in range(len(items), 0, -1):
            listed = ",".join(items[:count])
            slugs = principle_list(listed, framework, abbr) or principle_list(
                re.sub(r"\s+and\s+", ", ", listed), framework, abbr)  # 'also DD and FR'
            if slugs:
                return slugs
    return []
