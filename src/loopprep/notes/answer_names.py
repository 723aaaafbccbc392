"""Which known story an answer outline names when it does not write out a title: by the
clause the answer opens with ('→ carrier contract story. Lead with the data'), a nickname
of a few of the title's words ('second shift', 'Ama'), or a numeronym ('the a11y audit'
for 'Accessibility audit'). An answer opening with '??' names none: it is a gap.
"""

from __future__ import annotations

import re

from loopprep.notes.bullets import strip_lead_in, unemphasise
from loopprep.notes.principles import normalise
from loopprep.notes.registry import KnownStory, StoryRegistry

#: where the clause that names a story ends: at a sentence's or an aside's start, at a
#: dash or an arrow between words ('courier overtime (no headcount!)', 'second shift.
#: make sure…', 'Payroll run failure – war room', 'dock door scheduling, the clipboard')
_CLAUSE_END = re.compile(r"\s*[([]|[.;,:!?](?=\s|$)|\s+(?:[-–—→/]|->|=>)\s+")
#: what an answer opens with before the story's name: an arrow, 'A:', 'use', 'see', 'the'
_OPENING = re.compile(r"^(?:\s*(?:→|->|=>|⇒|[-–—]|a\s*:|answer(?:\s+with)?\s*:?|use\s*:?|"
                      r"see\s*:?|as|same\s+as|maybe|probably|again|the|my|that|this|our)(?=\s|$))+\s*",
                      re.IGNORECASE)
#: words after a name that are not part of it: 'Oskar story', 'the flutter one'
_CLOSING = re.compile(r"(?:\s+(?:story|one|thing|example|project|again|case|bit|part))+$",
                      re.IGNORECASE)
#: a gap written in the answer's place: '??? need one', '?? maybe the replay job', 'TBD',
#: '#todo', 'TODO: find one'
_GAP = re.compile(r"^\W*(?:\?\?|(?-i:TBD|TBA|TODO|N/A)\b|(?:tbd|tba|todo|n/a)\W*$)",
                  re.IGNORECASE)
#: a numeronym: 'a11y', 'i18n', 'k8s' (first letter, the count of letters between, last)
_NUMERONYM = re.compile(r"^([a-z])(\d{1,2})([a-z])$")
_CLAUSE_WORDS = 6  # a clause longer than this is a sentence, not a story's name


#: an answer pointing back at a story told before: 'see above (Ferry refund)', 'as above'
_BACK = re.compile(r"^(?:above|below|earlier)\b[\s,:;.–—-]*(?:\((?P<named>[^()]{3,80})\))?",
                   re.IGNORECASE)


def refers_back(text: str) -> bool:
    """'see above (Ferry refund)', '→ as above': the answer points at a story told before
    (named in its brackets, if at all) and introduces none."""
    return _BACK.match(_opening_removed(text)) is not None


def _opening_removed(text: str) -> str:
    body, _ = strip_lead_in(unemphasise(text).replace("[[", "").replace("]]", ""))
    return _OPENING.sub("", body)


#: the label an answer written on its own line opens with: 'A:', 'Answer:', '*Story:*', 'Use -'
_ANSWER_LABEL = re.compile(r"^(?:\*\*|__|\*|_)?(?:a\d*|answer|story|use)(?:\*\*|__|\*|_)?\s*"
                           r"[:\-–—](?:\*\*|__|\*|_)?\s+(?=\S)", re.IGNORECASE)


def answer_below(text: str, registry: StoryRegistry) -> tuple[str, bool] | None:
    """The answer a paragraph gives the question just above it ('A: Ferry refund', or a
    known story named at its start, as a Google Docs export sets each line apart), with
    True when a label opened it (then it may introduce a story); None when it answers none."""
    first = text.split("\n", 1)[0].strip()
    label = _ANSWER_LABEL.match(first)
    if label is not None:
        return first[label.end():], True
    named = registry.by_title(first) or registry.by_reference(first) or named_story(first, registry)
    return (first, False) if named is not None else None


def is_gap(text: str) -> bool:
    """'??? need one', '→ ?? maybe the replay job', 'TBD': no story answers it yet."""
    return bool(_GAP.match(text))


def naming_clause(text: str) -> str:
    """The words an answer names its story by: 'carrier contract' for '→ carrier contract
    story. Lead with the data (88%)'; '' when the answer opens with no such words."""
    body = _opening_removed(text)
    back = _BACK.match(body)
    if back is not None:  # 'see above (Ferry refund)': the story its brackets name
        body = back.group("named") or ""
    clause = _CLOSING.sub("", _CLAUSE_END.split(body, maxsplit=1)[0].strip())
    words = clause.split()
    return clause if 0 < len(words) <= _CLAUSE_WORDS else ""


def named_story(text: str, registry: StoryRegistry) -> KnownStory | None:
    """The one known story an answer's opening clause names: its title, the start of its
    title, a run of its words, all of the clause's words, a name, or a numeronym."""
    clause = naming_clause(text)
    if not clause:
        return None
    found = _by_words(clause, registry) or registry.by_name(clause)
    if found is None and any(c.isdigit() for c in clause):
        spelt = _spelt_out(clause, registry)
        found = _by_words(spelt, registry) if spelt != clause else None
    return found


def _by_words(clause: str, registry: StoryRegistry) -> KnownStory | None:
    return (registry.by_title(clause) or registry.by_title_start(clause)
            or registry.by_title_words(clause) or registry.most_like(clause, strict=True))


def _spelt_out(clause: str, registry: StoryRegistry) -> str:
    """The clause with each numeronym written as the one title word it stands for."""
    words = normalise(clause).split()
    for index, word in enumerate(words):
        m = _NUMERONYM.match(word)
        if m is not None:
            first, count, last = m.group(1), int(m.group(2)), m.group(3)
            spelt = registry.words_shaped(first, count + 2, last)
            if len(spelt) == 1:
                words[index] = spelt[0]
    return " ".join(words)
