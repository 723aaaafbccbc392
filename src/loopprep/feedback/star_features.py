"""Sentence features for the STAR labeller: words, cue phrases, tense, pronouns, position.

Each sentence becomes a set of named binary features; neighbouring sentences contribute
their cue features too, so the labeller sees context and not only the sentence itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["CUES", "sentence_cues", "sentence_features", "tokens"]

_TOKEN = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d+(?:[.,]\d+)*|[%$€£]")
_YEAR = re.compile(r"^(?:19[5-9]\d|20[0-4]\d)$")

# Cue groups: each regex fires a feature "cue:NAME" (searched on the lower-cased text).
CUES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern)
    for name, pattern in {
        "ctx_when": r"\b(?:when|while|whilst) (?:i|we) (?:was|were|worked|joined|started)\b",
        "ctx_role": r"\b(?:i (?:was|am|used to be|worked as|work as|work at|work in)|"
        r"i'm) (?:a|an|the|on|in|at|part|working|responsible|leading)\b",
        "ctx_place": r"\b(?:at|in) (?:my|our|a|the) (?:last|previous|former|current|first|old)?"
        r" ?(?:job|role|company|team|position|startup|firm|employer)\b",
        "ctx_time": r"\b(?:last (?:year|spring|summer|autumn|fall|winter|month)|"
        r"(?:a few|two|three|\d+) (?:years|months) ago|at the time|back then|in (?:19|20)\d\d)\b",
        "ctx_exist": r"\b(?:there (?:was|were|had been)|we had|our \w+ (?:was|were|had))\b",
        "ctx_problem": r"\b(?:problem|issue|complain\w*|struggl\w*|behind|delay\w*|failing|"
        r"kept|missing|broken|declin\w*|low|high|slow|risk|pressure|crash\w*)\b",
        "task_mine": r"\b(?:my (?:job|task|goal|role|responsibility|aim|objective|mission|"
        r"challenge)|the (?:goal|task|challenge|objective) was)\b",
        "task_need": r"\b(?:i|we) (?:had to|needed to|need to|have to|was asked to|were asked to|"
        r"was tasked|was responsible|wanted to|was expected|was supposed|decided to own|"
        r"was given)\b",
        "task_asked": r"\b(?:asked me|tasked me|wanted me|needed me|told me to|assigned me)\b",
        "task_it_was": r"\b(?:it was (?:my|on me|up to me)|so i said|i volunteered)\b",
        "act_i_verb": r"\b(?:i|we) (?:\w+ly )?(?:\w+ed|built|wrote|made|set|took|ran|met|"
        r"sat|began|led|sent|got|put|spoke|told|brought|chose|went|gave|found|drove|"
        r"bought|held|kept|did|dug|caught|spent|cut|rewrote|redrew|rebuilt|shut|thought)\b",
        "act_seq": r"^(?:\W*(?:and |so )?(?:then|first|next|after that|afterwards|"
        r"second|third|also|meanwhile|at the same time|in the meantime|finally i)\b)",
        "act_what_did": r"\bwhat (?:i|we) did\b",
        "act_decide": r"\b(?:i|we) (?:decided|proposed|suggested|convinced|negotiated|"
        r"persuaded|organised|organized|arranged|agreed|offered|insisted|pushed|escalated)\b",
        "res_outcome": r"\b(?:as a result|result(?:ed)?|outcome|in the end|eventually|"
        r"ultimately|by the end|at the end|which meant|that meant|overall|impact)\b",
        "res_change": r"\b(?:increas\w*|decreas\w*|reduc\w*|improv\w*|dropp\w*|fell|rose|grew|"
        r"saved|saving|cut|doubled|tripled|halved|went (?:up|down|from)|down to|up to|"
        r"went live|launched|shipped|finished|delivered|won|hit|exceeded|achieved)\b",
        "res_praise": r"\b(?:thank\w*|praised|award\w*|promoted|recogni[sz]\w*|"
        r"feedback was|happy|pleased|adopted|renewed|signed|kept|still)\b",
        "res_learn": r"\b(?:learn\w*|lesson|taught me|realis\w*|realiz\w*|takeaway|"
        r"looking back|in hindsight|since then|now i|i now|next time|would do|"
        r"if i did it again|stuck with me)\b",
        "other_meta": r"\b(?:great question|good question|let me think|that's (?:it|the story|"
        r"all)|so yeah|does that answer|happy to|thanks for|thank you for|hi\b|hello|"
        r"stop me|long version|one i'd pick|still hurts|i'm proud|really proud|"
        r"this one|sure,|okay,|ok,|right,)",
        "other_self": r"\b(?:i (?:always|usually|tend to|like to|love|enjoy|believe|think i)|"
        r"i'm (?:a|very|good|naturally)|my strength)\b",
        "ctx_negative": r"\b(?:not|no|never|lack\w*|insufficient|unclear|poor\w*|low|"
        r"unhappy|dissatisf\w*|frustrat\w*|unfavou?rable|fluctuat\w*|uncertain\w*|"
        r"difficult\w*|challeng\w*|resist\w*|inefficient|outdated|inconsistent|unreliable|"
        r"overdue|over budget|behind schedule|approaching|tight|conflict\w*|disagree\w*|"
        r"problem\w*|issues?|concern\w*|shortage|turnover|confus\w*|saturat\w*|threat\w*|"
        r"urgent|crisis|unexpected|critical|complex|manual|slow|stuck|overwhelm\w*|"
        r"demanding|angry|upset|unstable|vague|limited)\b",
        "progressive": r"\b(?:was|were) (?:\w+ing|not|lacking|becoming|being|still)\b",
        "res_positive": r"\b(?:success\w*|positive\w*|satisf(?:ied|action)|on time|ahead of|"
        r"under budget|within budget|stabili[sz]\w*|smooth\w*|better|best|record|resolved|"
        r"fixed|solved|secured|approved|accepted|met (?:all|the|our|every)|no longer|zero)\b",
        "hypothetical": r"\b(?:i would|i'd|i will|i'll|you should|we should)\b",
        "percent": r"\d\s*(?:%|percent|per cent|pct)\b",
        "money": r"(?:[$€£]\s*\d|\d\s*(?:dollars|euros|pounds|k\b|m\b|million|thousand))",
        "number": r"\d",
        "number_word": r"\b(?:two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|"
        r"forty|fifty|hundred|thousand|million|half|quarter|third|double)\b",
        "duration": r"\b(?:\d+|one|two|three|four|five|six|ten|a few|several) (?:minutes|hours|"
        r"days|weeks|months|years)\b",
        "past_be": r"\b(?:was|were|had)\b",
        "present": r"\b(?:is|are|am|i'm|we're|it's|do|does|have)\b",
        "they": r"\b(?:they|he|she|them|their|his|her|the team|the client|the customer|"
        r"the company|the manager)\b",
    }.items()
}

_PRONOUNS = {
    "i": "pro:i",
    "me": "pro:i",
    "my": "pro:my",
    "we": "pro:we",
    "our": "pro:we",
    "us": "pro:we",
    "they": "pro:they",
    "he": "pro:they",
    "she": "pro:they",
    "you": "pro:you",
}


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens with numbers mapped to <year> / <num>."""
    out = []
    for tok in _TOKEN.findall(text.lower().replace("’", "'")):
        if tok[0].isdigit():
            out.append("<year>" if _YEAR.match(tok) else "<num>")
        elif tok in "%$€£":
            out.append("<pct>" if tok == "%" else "<cur>")
        else:
            out.append(tok)
    return out


def sentence_cues(text: str) -> list[str]:
    """The cue groups and pronoun classes present in one sentence."""
    low = text.lower().replace("’", "'")
    cues = [f"cue:{name}" for name, rx in CUES.items() if rx.search(low)]
    toks = tokens(text)
    cues.extend(sorted({_PRONOUNS[t] for t in toks if t in _PRONOUNS}))
    if toks and toks[0] in _PRONOUNS:
        cues.append(f"first:{_PRONOUNS[toks[0]]}")
    n = len(toks)
    cues.append("len:short" if n < 8 else "len:long" if n > 25 else "len:mid")
    return cues


def _position(i: int, n: int) -> list[str]:
    if n <= 1:
        return ["pos:single"]
    rel = i / (n - 1)
    feats = [f"pos:b{min(4, int(rel * 5))}"]
    if i == 0:
        feats.append("pos:first")
    if i == n - 1:
        feats.append("pos:last")
    if n <= 3:
        feats.append("pos:tiny")
    return feats


def sentence_features(texts: Sequence[str], *, context: bool = True) -> list[list[str]]:
    """Named binary features for each sentence of one answer, in order.

    With ``context=False`` each sentence is described on its own (no position or
    neighbours), as when labelling isolated sentences.
    """
    cues = [sentence_cues(t) for t in texts]
    n = len(texts)
    out: list[list[str]] = []
    for i, text in enumerate(texts):
        toks = tokens(text)
        feats = ["bias"]
        feats.extend(f"w:{t}" for t in set(toks))
        feats.extend(f"b:{a}_{b}" for a, b in set(zip(toks, toks[1:], strict=False)))
        if toks:
            feats.append(f"start:{toks[0]}")
            if len(toks) > 1:
                feats.append(f"start2:{toks[0]}_{toks[1]}")
        feats.extend(cues[i])
        if context and n > 1:
            feats.extend(_position(i, n))
            prev = cues[i - 1] if i > 0 else ["none"]
            nxt = cues[i + 1] if i + 1 < n else ["none"]
            feats.extend(f"p:{c}" for c in prev)
            feats.extend(f"n:{c}" for c in nxt)
        else:
            feats.append("pos:single")
        out.append(feats)
    return out
