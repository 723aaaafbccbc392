"""Reading a question the way the classifier needs it: interviewer notes in brackets
dropped, words stemmed lightly, and the unigram + bigram terms the lexical model counts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

MAX_QUESTION_CHARS = 2_000  # a question is a sentence or three; the rest of a paste is noise

# "(Manager)", "(probe on ...)", "[Interviewer note: ...]": they say who is asked or what
# to dig into next, not which principle the question itself probes.
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_WORD = re.compile(r"[a-z][a-z'-]*")
_SUFFIXES = ("'s", "ing", "ed", "es", "s", "ly")

# Frame words every behavioral question shares ("tell me about a time when you ...") and
# function words: they carry no sign of the principle, so the lexical model ignores them.
STOP_WORDS = frozenset("""
a an the of to in on for and or but with you your yours yourself i me my we our us it its
this that these those was were is are be been being have has had do did does done what when
where which who whom why how time times tell about give example examples describe situation
walk through share can could would should will there their them they he she his her him as
at by from if into not no so than then too very just also any some all more most other such
own same up down out over again one two three first last recent recently specific
particular please
you've you're you'd you'll i've i'm i'd what's that's there's it's let's
""".split())


def clean_question(text: str) -> str:
    """The question without bracketed interviewer notes, curly quotes or runs of spaces."""
    text = unicodedata.normalize("NFKC", text[:MAX_QUESTION_CHARS])
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    stripped = _BRACKETS.sub(" ", text)
    # a question that is only a bracketed note keeps its words
    if _WORD.search(stripped.lower()):
        text = stripped
    return " ".join(text.split())


def stem(word: str) -> str:
    """A light suffix stripper: enough to meet 'decisions' with 'decision', 'hired' with 'hire'."""
    word = word.strip("'-")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    """Content words of `text`, lower-cased and stemmed, stop words left out."""
    found = _WORD.findall(clean_question(text).lower())
    return [stem(w) for w in found if w not in STOP_WORDS and len(w) > 1]


def terms(text: str) -> list[str]:
    """Words and adjacent word pairs ('custom', 'custom_feedback')."""
    ws = words(text)
    return ws + [f"{a}_{b}" for a, b in zip(ws, ws[1:], strict=False)]


def has_words(text: str) -> bool:
    """True when `text` holds at least one letter of any script."""
    return any(ch.isalpha() for ch in text)


def english_share(text: str, vocabulary: Container[str] = ()) -> float:
    """Share of the words of `text` that are common English words or known to the model:
    low for text in another language or script, or for gibberish."""
    found = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", clean_question(text).lower())
    if not found:
        return 0.0
    known = sum(1 for w in found if w in STOP_WORDS or stem(w) in vocabulary)
    return known / len(found)


# The ask of a question is what follows its stock opener ("Tell me about a time when you",
# "Give me an example of", "Describe a situation where"), and follow-up sentences such as
# "What was the outcome?" or "How did you handle it?" ask the same of every principle.
_OPENER = re.compile(
    r"^(?:(?:now|so|ok(?:ay)?|and|also|next)\b,?\s*)?(?:please\s+)?"
    r"(?:(?:can|could|would|will)\s+you\s+)?(?:please\s+)?"
    r"(?:"
    r"(?:tell|walk|talk|take)\s+(?:me|us)\s+(?:about|through|of)?"
    r"|(?:give|provide|share|describe|cite|recall|name|think\s+of|remember|show)(?:\s+(?:me|us))?"
    r"|i(?:'d|\s+would)\s+like\s+to\s+(?:hear|know)\s+(?:about|of)?"
    r"|(?:what(?:'s|\s+is|\s+was)|what\s+are)\s+(?:an?|some|one)\s+(?:examples?|instances?)\s+of"
    r"|(?:an?\s+)?examples?\s+(?:of|where|when)"
    r")\s*"
    r"(?:(?:an?|the|one|two|three|some|your)\s+)?"
    r"(?:(?:specific|recent|concrete|real|particular|good|real-life|real\s+world)\s+)?"
    r"(?:(?:time|situation|occasion|instance|moment|case|example|experience|scenario|story)s?\b"
    r"\s*(?:of\s+)?(?:(?:a|the)\s+(?:time|situation|case)\s+)?"
    r"(?:in\s+which|when|where|that|if)?)?\s*",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
# Words of follow-up sentences that every behavioral question can end with.
_GENERIC_TAIL_WORDS = frozenset("""
outcome outcomes result results happen happened happens handle handled handling learn learned
learnt learning lesson lessons differently different successful impact approach approached
action actions take took taken turn turned end ended respond responded react reacted
situation situations example examples specific real concrete give walk talk apply applied
experience looking back hindsight next personally step steps part play played go went work
worked way know knew think thought feel felt happening why anything else again would could
instead able end result detail details context explain tell story say said come came out
overall looking now know today""".split())


def _is_generic_tail(sentence: str) -> bool:
    found = [w for w in _WORD.findall(sentence.lower()) if w not in STOP_WORDS]
    return all(w.strip("'-") in _GENERIC_TAIL_WORDS for w in found)


def focus_question(text: str) -> str:
    """The ask of a question: bracketed notes, the stock opener and generic follow-up
    sentences removed ("Tell me about a time you missed a deadline. What happened?" ->
    "you missed a deadline."). Falls back to the cleaned question when little is left."""
    cleaned = clean_question(text)
    sentences = [s for s in _SENTENCE_END.split(cleaned) if s]
    if not sentences:
        return cleaned
    kept = [sentences[0]] + [s for s in sentences[1:] if not _is_generic_tail(s)]
    kept[0] = _OPENER.sub("", kept[0], count=1)
    if not _WORD.search(kept[0].lower()):
        kept = kept[1:]
    focused = " ".join(kept).strip()
    return focused if len(_WORD.findall(focused.lower())) >= 2 else cleaned


# Cue phrases: ways of saying one thing that the word model would otherwise see as unrelated
# words ("without all the data", "insufficient information", "70% of what you wanted to
# know"). Each is one extra term, "cue:<name>", whose weight the model learns from the bank.
# Written from the principles' own wording, not from any list of questions.
_DATA = r"(?:data|information|info|facts|details|analysis|numbers|benchmarks|evidence|knowledge)"
CUES: tuple[tuple[str, str], ...] = (
    ("missing-information",
     r"\b(?:incomplete|insufficient|partial|limited|imperfect|ambiguous|unclear|missing|no|little|"
     r"scarce|conflicting|without\s+(?:all\s+(?:the\s+)?|enough\s+|complete\s+|full\s+|clear\s+|"
     r"good\s+|much\s+|any\s+)?|not\s+(?:have\s+)?enough|lack\s+of|absence\s+of(?:\s+good)?)\s*"
     + _DATA + r"\b|\b(?:before|until)\s+(?:all|every)\s+(?:the\s+)?(?:data|facts|answers)"
     r"|\b\d+\s*(?:%|percent)\s+of\s+(?:the\s+)?(?:information|data|facts)"),
    ("speed",
     r"\b(?:quick(?:ly)?|fast(?:er|est)?|speed|rapid(?:ly)?|urgent(?:ly)?|immediate(?:ly)?|"
     r"right\s+away|in\s+(?:minutes|hours)|time\s+pressure|tight\s+(?:deadline|timeline|window)|"
     r"couldn't\s+wait|could\s+not\s+wait|on\s+the\s+spot|snap\s+decision|move\s+fast)\b"),
    ("no-permission",
     r"\b(?:without\s+(?:asking|approval|permission|sign-?off|consulting|checking\s+with|"
     r"waiting\s+for)|before\s+(?:getting\s+|you\s+had\s+)?(?:formal\s+)?(?:approval|sign-?off|"
     r"permission)|ask(?:ing)?\s+for\s+(?:permission|forgiveness)|permission)\b"),
    ("not-waiting",
     r"\b(?:rather\s+than|instead\s+of)\s+wait(?:ing)?|\bdidn't\s+wait|\bdid\s+not\s+wait|"
     r"\bwaiting\s+(?:for|on)\s+(?:someone|others|another|the\s+other)|\bunresponsive|"
     r"\b(?:not|wasn't|weren't)\s+(?:very\s+)?responsive|\btook\s+(?:the\s+)?initiative"),
    ("good-enough",
     r"\b(?:imperfect|good\s+enough|not\s+perfect|less\s+than\s+perfect|cut(?:ting)?\s+corners?|"
     r"compromis\w*|minimum\s+viable|mvp|first\s+version|rough\s+version|trade\s+quality)\b"),
    ("long-term",
     r"\b(?:long[-\s]term|longer[-\s]term|short[-\s]term|(?:years?|decade)\s+(?:out|from\s+now|"
     r"ahead)|future\s+(?:cost|value|users|teams?)|sustainab\w+)\b"),
    ("not-my-job",
     r"\b(?:outside\s+(?:of\s+)?(?:your|my|the|their)\s+(?:\w+\s+)?(?:area|role|scope|remit|job|"
     r"responsibilit\w+|team|lane)|(?:not|wasn't|isn't)\s+(?:your|my|their)\s+(?:job|problem|"
     r"responsibility|area)|unclear\s+(?:responsibilit\w+|ownership|owners?|roles?)|"
     r"(?:no|nobody|no\s+one)\s+(?:owned|owner|was\s+in\s+charge)|beyond\s+(?:your|my)\s+"
     r"(?:job|role|responsibilit\w+))"),
    ("handover",
     r"\b(?:hand(?:ed|ing)?[-\s]?(?:over|off)s?|transition(?:ed|ing)?\s+(?:a|the|your|my)|"
     r"took\s+over|inherit\w*|left\s+(?:the|a)\s+(?:project|team|role))\b"),
    ("trade-off",
     r"\b(?:trade[-\s]?offs?|conflicting\s+(?:goals|priorities|objectives)|competing\s+"
     r"(?:goals|priorities|objectives)|at\s+the\s+expense\s+of|sacrific\w+)\b"),
    ("mistake",
     r"\b(?:mistakes?|fail(?:ed|ure|ures|ing)?|wrong\s+(?:decision|call|choice)|bad\s+"
     r"(?:decision|call)|error\s+(?:in|of)\s+judge?ment|went\s+wrong|messed\s+up|screwed\s+up|"
     r"got\s+(?:it\s+)?wrong|setback)\b"),
    ("self-critical",
     r"\b(?:self[-\s]critical|criticism|criticized|critical\s+feedback|negative\s+feedback|"
     r"constructive\s+feedback|admit\w*|apologi\w+|own(?:ed)?\s+up|weakness(?:es)?|"
     r"blind\s+spots?|improve\s+(?:your|my)\s+(?:own\s+)?(?:effectiveness|performance))\b"),
    ("broken-commitment",
     r"\b(?:miss(?:ed)?|break|broke|couldn't\s+(?:meet|keep)|could\s+not\s+(?:meet|keep)|"
     r"unable\s+to\s+(?:meet|keep)|not\s+able\s+to\s+(?:meet|keep)|let\s+down)\b"
     r"[^.?!]{0,30}\b(?:commitments?|promises?|team\s?mates?|colleagues?|peers?)\b"),
    ("speak-up",
     r"\b(?:speak\s+up|spoke\s+up|speaking\s+up|uncomfortable|awkward|difficult\s+conversations?|"
     r"hard\s+conversations?|tough\s+conversations?)\b"),
    ("teammates",
     r"\b(?:collaborat\w+|team\s?mates?|co-?workers?|colleagues?|peers?|work(?:ing)?\s+together|"
     r"(?:another|other|partner|sister)\s+teams?|cross[-\s]team|misaligned|alignment)\b"),
    ("hard-change",
     r"\b(?:communicat\w+|announc\w+|explain\w*)\b[^.?!]{0,40}\b(?:change|news|decision|"
     r"reorg\w*|direction)\b|\bbad\s+news\b|\bresistance\b"),
    ("fell-short",
     r"\b(?:didn't|did\s+not|couldn't|could\s+not|failed\s+to|unable\s+to|not\s+able\s+to|"
     r"wish\s+you\s+had|fell|falling|fall)\b[^.?!]{0,30}\b(?:goals?|targets?|expectations?|"
     r"reach|meet|hit|short|better)\b"),
    ("raise-the-bar",
     r"\b(?:rais\w+\s+the\s+bar|high(?:er|est)?\s+(?:standards?|bar|quality)|continuous(?:ly)?\s+"
     r"improv\w*|kaizen|already\s+(?:good|working|successful|performing|getting\s+good)|"
     r"working\s+well|improve\s+(?:the\s+)?quality|better\s+than\s+(?:good|expected)|"
     r"quality\s+bar)\b"),
    ("under-performing",
     r"\b(?:under[-\s]?perform\w*|low\s+perform\w*|poor(?:ly)?\s+perform\w*|performance\s+"
     r"(?:issues?|problems?|concerns?)|not\s+(?:as\s+)?productive|less\s+productive|"
     r"not\s+pulling)\b"),
    ("targets",
     r"\b(?:set(?:ting)?\s+(?:specific\s+|clear\s+|stretch\s+|ambitious\s+)?(?:targets|goals|"
     r"metrics|kpis|objectives|expectations)|stretch\s+(?:targets?|goals?)|performance\s+"
     r"(?:targets?|goals?)|feedback\b[^.?!]{0,40}\bimprov\w+)\b"),
    ("risk-taking",
     r"\b(?:t[ao]ok|take[sn]?|taking)\s+(?:on\s+)?(?:(?:an?|the|some|big|bigger|biggest|calculated|"
     r"considered|huge|real|personal|professional|career)\s+)*risks?\b|\b(?:big|bigger|biggest|"
     r"calculated|considered|huge|bold|career|professional|personal)\s+risks?\b|\b(?:risky|"
     r"riskiest|bets?|betting|gambl\w+|leap\s+of\s+faith)\b"),
    ("bold",
     r"\b(?:bold\w*|radical\w*|audacious|ambitious|moonshot|revolution\w*|transformation\w*|"
     r"completely\s+(?:new|different)|from\s+scratch|ground\s+up|out[-\s]of[-\s]the[-\s]box|"
     r"big\s+picture|grand|vision\w*)\b"),
    ("beyond-scope",
     r"\b(?:(?:way|far|well)\s+beyond|beyond\s+(?:the\s+)?(?:scope|expected|what\s+was\s+"
     r"(?:asked|expected|required))|above\s+and\s+beyond|exceed\w*\s+(?:expectations|the\s+"
     r"(?:goal|target|scope))|more\s+than\s+(?:was\s+)?(?:required|asked|expected))\b"),
    ("proudest",
     r"\b(?:proudest|most\s+proud|proud\w*\s+of|most\s+significant|biggest\s+(?:achievement|"
     r"accomplishment|win|success)|greatest\s+(?:achievement|accomplishment)|career\s+highlight)"
     r"\b"),
    ("question-the-norm",
     r"\b(?:question\w*|challeng\w+|rethink\w*|re-?examin\w+)\b[^.?!]{0,50}\b(?:process|"
     r"status\s+quo|assumptions?|conventional|always\s+(?:been\s+)?done|norm|working\s+well|"
     r"the\s+way\s+things)\b"),
    ("details",
     r"\b(?:details?|detailed|granular\w*|in\s+the\s+weeds|close\s+to|connected\s+to|"
     r"hands[-\s]on|first[-\s]hand|ground\s+truth)\b"),
    ("root-cause",
     r"\b(?:root[-\s]caus\w*|post[-\s]?mortems?|investigat\w+|diagnos\w+|troubleshoot\w*|"
     r"debug\w*|underlying\s+(?:cause|problem|issue)s?|five\s+whys|get\s+to\s+the\s+bottom)\b"),
    ("gather-information",
     r"\b(?:gather\w*|collect\w*|dig\w*|drill\w*|fill\w*\s+(?:in\s+)?the\s+gaps?|"
     r"research\w*|analy[sz]\w+|audit\w*|metrics?|data)\b"),
)
_CUE_PATTERNS = tuple((f"cue:{name}", re.compile(pattern, re.IGNORECASE)) for name, pattern in CUES)


def cue_terms(text: str) -> list[str]:
    """The cue terms (`cue:<name>`) whose phrase occurs in the question."""
    cleaned = clean_question(text)
    return [name for name, pattern in _CUE_PATTERNS if pattern.search(cleaned)]
