"""How stories say their principles and titles beyond 'LPs:' lines and plain headings: any
short label under a title ('Good for: customer obsession'), a page's property table, which
story each such line belongs to when one chunk holds several, a title with its bullets and
no STAR labels, a bullet that only holds stories, and a title's page icon."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from loopprep.model import Framework, PrincipleSlug
from loopprep.notes.outline import Item
from loopprep.notes.principle_names import lp_tag
from loopprep.notes.principles import match_principle
from loopprep.notes.star import StarStory, Unit, is_title, item_run, star_label, title_text

#: 'LPs: Ownership, Earn Trust', 'Dive Deep: …', 'Use for → CO' and the like: a label, its
#: separator, then what it says
LABEL_LINE = re.compile(r"^\s*(?:\*\*|__)?(?P<name>[^:*_→]{2,60}?)\s*(?:\*\*|__)?\s*"
                        r"(?P<sep>:|→|->)\s*(?:\*\*|__)?\s*(?P<rest>.*)$", re.DOTALL)
_LP_LINE = re.compile(  # the label bold or in italics: '**LPs:**', '*Principles:*'
    r"^\s*(?:\*\*|__|\*|_)?\s*(?:lps?|leadership[ _-]principles?|principles?|competenc(?:y|ies)|"
    r"(?P<tags>tags?))\s*(?:\*\*|__|\*|_)?\s*(?::|\s[–—-])\s*(?:\*\*|__|\*|_)?\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
#: the same with a word saying which: '**Amazon LPs:**' among other companies', 'Primary LP:'
_WHICH_LP_LINE = re.compile(
    r"^\s*(?:\*\*|__|\*|_)?\s*(?P<which>[^\W\d_]+)\s+(?:lps?|leadership[ _-]principles?|principles?|"
    r"competenc(?:y|ies))\s*(?:\*\*|__|\*|_)?\s*(?::|\s[–—-])\s*(?:\*\*|__|\*|_)?\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
#: a word before 'LPs:' saying the list is not the story's: 'Missing LPs:', 'Other LPs:'
_NOT_THESE = re.compile(r"^(?:not|no|missing|gaps?|need\w*|todo|lack\w*|without|still|other|"
                        r"weak\w*|uncovered|remaining|open|which|what|all|more|any)$",
                        re.IGNORECASE)
#: the most words a principle's name takes in a list, with a word or two around it
_NAME_WORDS = 8
#: how sure a match of a name to a principle must be to count
MIN_SCORE = 0.85
#: a label of one to three words ('Good for', 'Use for'), no digits
_SHORT_LABEL = re.compile(r"^[^\W\d_]+(?:[ '-][^\W\d_]+){0,2}$")
#: labels of what is missing: 'Not covered yet:', 'Gaps:', 'Still need:'
_MISSING_LABEL = re.compile(r"\b(?:not|no|missing|gaps?|need(?:ed|s)?|todo|to do|lack\w*|"
                            r"without|still)\b", re.IGNORECASE)


def labelled_principles(text: str, framework: Framework) -> list[PrincipleSlug]:
    """The principles of a line with another short label whose every item is a principle:
    people write 'Good for:', 'Use for:', 'Fits:' as often as 'LPs:'. Only for a line
    right under a story's title; never a list of what is missing ('Not covered yet: …')."""
    label = LABEL_LINE.match(text)
    if label is None or "\n" in text or star_label(text) is not None:
        return []
    name = label.group("name").strip()
    if not _SHORT_LABEL.match(name) or _MISSING_LABEL.search(name) or \
            match_principle(name, framework)[0] is not None:
        return []  # 'Dive Deep: …' is a principle's own line, not a list of them
    return principles_in(label.group("rest"), framework)


def listed_principles(text: str, framework: Framework) -> list[PrincipleSlug]:
    """The principles of an 'LPs: Ownership, Earn Trust' line (all names must match)."""
    match = _LP_LINE.match(text)
    if match is None and (":" in text or " - " in text or "–" in text or "—" in text) \
            and _may_name_lps(text[:40]):
        match = _WHICH_LP_LINE.match(text)
        if match is not None and _NOT_THESE.match(match.group("which")):
            return []
    if match is None:
        return []
    if match.re is _LP_LINE and match.group("tags"):
        # 'tags:: story, [[LP/Ownership]]': the tags in an LP namespace
        tags = re.sub(r"\s+#(?=\w)", ", #", match.group("rest")).split(",")
        found = [slug for tag in tags if (slug := _namespaced(tag.strip(), framework))]
        if found:
            return list(dict.fromkeys(found))
    return principles_in(match.group("rest"), framework)


def _may_name_lps(start: str) -> bool:
    """Whether a line's start may hold 'LPs' after a word (most lines: not at all)."""
    return "LP" in start or "lp" in start or "Lp" in start or "rincip" in start or \
        "RINCIP" in start or "ompetenc" in start


def _namespaced(tag: str, framework: Framework) -> PrincipleSlug | None:
    """The principle a tag in an LP namespace names ('lp/ownership', '[[LP/Dive Deep]]')."""
    bare = tag.strip("[]#` ")
    name = _NAMESPACE.sub("", bare)
    return lp_tag(name.replace(" ", "-"), framework) if name != bare else None


#: what separates the items of a list of principles
_ITEM_SEPARATOR = re.compile(r"\s*(?:[,;/|]|<br\s*/?>|\s\+\s)\s*")
#: an item's namespace: '#lp/…', '[[LP/…]]'
_NAMESPACE = re.compile(r"^(\[\[|#)?\s*(?:lps?|principles?|leadership[ _-]principles?)/",
                        re.IGNORECASE)


def _one_per_item(text: str) -> str:
    """Items written one after another without a comma made a list: code spans, wikilinks
    or tags ('`A` `B`', '[[A]] [[B]]', '#a #b'), each item without its 'lp/' namespace."""
    if "`" in text or "]]" in text:
        text = _ADJACENT.sub(lambda m: m.group(0)[0] + ", " + m.group(0)[-1], text)
    if "#" in text:
        text = _ADJACENT_TAG.sub(", #", text)
    if "/" not in text:
        return text  # (no namespace to drop)
    return ", ".join(_NAMESPACE.sub(r"\1", item) for item in text.split(", "))


_ADJACENT = re.compile(r"`\s+`|\]\]\s+\[\[")
_ADJACENT_TAG = re.compile(r"(?<=\S)\s+#(?=\w)")


_MARKUP = re.compile(r"(\*\*|__|`)")
#: an aside after a name ('customer obsession (patients)', '… (they asked for it)'), or
#: the start of one a hard-wrapped line breaks off ('… (they asked for it to')
_ITEM_ASIDE = re.compile(r"\s*\([^()]*(?:\)|$)")


def principles_in(text: str, framework: Framework) -> list[PrincipleSlug]:
    """The principles a list names ('Ownership, Earn Trust'; code spans one after another,
    '`Ownership` `Earn Trust`', are items too); none unless every name matches."""
    text = _MARKUP.sub("", _one_per_item(text)).strip(" .")
    if "(" in text:
        text = _ITEM_ASIDE.sub("", text).strip(" .")
    if not text:
        return []
    whole, score = match_principle(text, framework)
    if whole is not None and score >= MIN_SCORE:
        return [whole.slug]
    out: list[PrincipleSlug] = []
    for name in _ITEM_SEPARATOR.split(text):
        if not name.strip():
            continue
        principle, score = match_principle(name, framework)
        if principle is None or score < 0.6 or len(name.split()) > _NAME_WORDS:
            return []  # (a sentence holding a principle's name is no list of them)
        if principle.slug not in out:
            out.append(principle.slug)
    return out


def own_principles(runs: list[tuple[int, int, StarStory]], index_of: list[int],
                   listed_at: dict[int, list[PrincipleSlug]]) -> list[list[PrincipleSlug]]:
    """With several stories in one chunk (notes with no headings between stories), each
    principle line is the story's it sits in ('Title / Good for: … / S: …') or, between
    stories, the next one's; after the last story it is the last one's."""
    own: list[list[PrincipleSlug]] = [[] for _ in runs]
    spans = [(index_of[start], index_of[end - 1]) for start, end, _ in runs]
    for index, listed in listed_at.items():
        number = next((n for n, (_, last) in enumerate(spans) if index <= last),
                      len(spans) - 1)
        own[number].extend(p for p in listed if p not in own[number])
    return own


#: '| LPs | Ownership, Bias for Action |': a row of a two-column property table
_PROPERTY_ROW = re.compile(r"^\s*\|\s*(?P<name>[^|]{2,40}?)\s*\|\s*(?P<value>[^|]+?)\s*\|?\s*$")


def property_line(text: str) -> str:
    """A row of a page's property table (Notion, Confluence, Google Docs) read as the label
    line it stands for ('LPs: Ownership, Bias for Action'); other text as it is."""
    if not text.startswith("|"):
        return text
    row = _PROPERTY_ROW.match(text)
    return f"{row.group('name')}: {row.group('value')}" if row else text


def label_stories(units: list[tuple[Unit, Any]], labelled: dict[int, list[PrincipleSlug]],
                  runs: list[tuple[int, int, StarStory]], index_of: list[int],
                  consumed: set[int]) -> dict[int, StarStory]:
    """Stories told as a title, a 'Good for: …' line under it and plain bullets after
    (no STAR labels), by the index of their title; what they use is added to `consumed`."""
    covered = {index_of[i] for start, end, _ in runs for i in range(start, end)}
    out: dict[int, StarStory] = {}
    for index, principles in sorted(labelled.items()):
        title = index - 1
        if title < 0 or title in covered or title in consumed or units[title][0].item is not None \
                or not is_title(units[title][0]):
            continue
        details = []
        after = index + 1
        while after < len(units) and after not in covered and after not in consumed and (
                units[after][0].item is not None or units[after][0].text.strip()
                and not is_title(units[after][0])):
            details.append(after)  # its bullets, and lines of text ('Only notes so far!')
            after += 1
        unit = units[title][0]
        lines = [line for i in (title, index, *details) for line in units[i][0].lines]
        out[title] = StarStory(title_text(unit.text), unit.line, {},
                               "\n".join(units[i][0].text for i in details), lines,
                               list(principles))
        consumed.update((title, index, *details))
    return out


def contained_stories(item: Item, principle_list: Callable[[str], list[PrincipleSlug]]
                      ) -> list[StarStory]:
    """The stories of a bullet that only holds stories ('Competency examples' over 'Example
    A: …' bullets, each with its STAR lines): every child a story, or none is taken."""
    found = [item_run(child, principle_list) for child in item.children]
    if len(found) < 2 or any(story is None for story in found):
        return []
    return [story for story in found if story is not None]


def without_icon(text: str) -> str:
    """A title without a page icon before it ('📗 Label audit'); a '$' or '#' stays."""
    start = 0
    while start < len(text) and (unicodedata.category(text[start]) in ("So", "Sk", "Mn", "Cf")
                                 or text[start] == " "):
        start += 1
    return text[start:] if start < len(text) else text


#: 'Story 2:', 'Example –': a story's lead, never a property
_STORY_LEAD = re.compile(r"^\s*(?:story|example)\s*\d*\s*[:.\-–—]\s*", re.IGNORECASE)


def aside_line(text: str) -> bool:
    """A line of the story's properties, not its title: 'Stripe: "users first"', 'Team:
    payments' (a short plain label and a colon; never bold, never 'Story: …')."""
    label = LABEL_LINE.match(text) if ":" in text else None
    return label is not None and label.group("sep") == ":" and not text.lstrip().startswith(
        ("**", "__")) and len(label.group("name").split()) <= 3 and not _STORY_LEAD.match(text)
