"""``analyze_answer``: label an answer's sentences, run every check, score it.

The single entry point the CLI and the web app call; it never prints and never raises
on odd input (empty, huge, punctuation only, another language).
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Mapping, Sequence
from datetime import date

from loopprep.feedback.analysis import Analysis, Flag, LabelledSentence
from loopprep.feedback.bounds import bounded
from loopprep.feedback.delivery import measure_delivery
from loopprep.feedback.ownership import PAST_VERB, measure_ownership
from loopprep.feedback.recency import measure_recency
from loopprep.feedback.relevance import measure_relevance
from loopprep.feedback.score import (
    Measurements,
    measure_substance,
    score,
    summarize,
    top_fixes,
)
from loopprep.feedback.star import LABELS, StarLabeller, default_labeller
from loopprep.feedback.structure import (
    ACTION_SHARE_MIN,
    CONTEXT_SHARE_MAX,
    Structure,
    measure_structure,
)
from loopprep.feedback.vagueness import concrete_terms, find_vague
from loopprep.text.quantities import find_quantities
from loopprep.text.sentences import split_sentences

__all__ = ["analyze_answer"]

MAX_REPEATED_FLAGS = 8  # per code: a transcript with 60 "um"s needs no 60 flags
_HYPOTHETICAL = re.compile(
    r"\b(?:i would|i'd|i will|i'll|i usually|i always|i normally|i tend to|i try to)\b", re.I
)


# Outcomes that can be checked even without a number.
_OUTCOME = re.compile(
    r"\b(?:launched|shipped|went live|signed|renewed|won|promoted|adopted|approved|"
    r"accepted|passed|funded|hired|closed|resolved|fixed|stopped|zero|no longer|"
    r"never (?:again|came back|failed)|rolled out|on time|ahead of schedule|under budget|"
    r"within budget|increased|decreased|reduced|doubled|halved|dropped|fell|rose|grew|"
    r"cut|saved)\b",
    re.I,
)


def _span(sentences: Sequence[LabelledSentence], labels: set[str]) -> tuple[int, int] | None:
    chosen = [s for s in sentences if s.star in labels]
    if not chosen:
        return None
    return chosen[0].start, chosen[-1].end


def _inside(spans: Sequence[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` falls in one of the sorted, non-overlapping ``spans``."""
    i = bisect.bisect_right(spans, (pos, sys.maxsize)) - 1 if spans else -1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _whole(answer: str, sentences: Sequence[LabelledSentence]) -> tuple[int, int]:
    if sentences:
        return sentences[0].start, sentences[-1].end
    return 0, len(answer)


def _structure_flags(
    answer: str, sentences: Sequence[LabelledSentence], st: Structure
) -> list[Flag]:
    flags: list[Flag] = []
    whole = _whole(answer, sentences)
    first = (sentences[0].start, sentences[0].end) if sentences else whole
    last = (sentences[-1].start, sentences[-1].end) if sentences else whole
    if not st.present("situation"):
        flags.append(
            Flag(
                "STAR_MISSING_SITUATION",
                "No situation: the interviewer cannot tell where, when or why this happened.",
                *first,
                "structure",
                "warning",
                "Open with one or two sentences of context: where you were, when, and the problem.",
            )
        )
    if not st.present("task"):
        flags.append(
            Flag(
                "STAR_MISSING_TASK",
                "No task: the answer never says what you were responsible for or aiming at.",
                *first,
                "structure",
                "info",
                "Say in one sentence what your goal or responsibility was.",
            )
        )
    if not st.present("action"):
        flags.append(
            Flag(
                "STAR_MISSING_ACTION",
                "No actions: the answer never says what you did, which is what is being assessed.",
                *whole,
                "structure",
                "problem",
                "Spend most of the answer on the steps you took, one by one, with 'I'.",
            )
        )
    elif st.shares["action"] < ACTION_SHARE_MIN:
        span = _span(sentences, {"situation", "task"}) or whole
        flags.append(
            Flag(
                "STAR_ACTION_SHORT",
                f"Only {st.shares['action']:.0%} of the story is about your actions; most of the "
                f"time should go to what you did (about half or more).",
                *span,
                "structure",
                "warning",
                "Cut the set-up and spend the time on your actions and how you made decisions.",
            )
        )
    context = st.shares["situation"] + st.shares["task"]
    if context > CONTEXT_SHARE_MAX and st.present("action"):
        span = _span(sentences, {"situation", "task"}) or whole
        flags.append(
            Flag(
                "STAR_CONTEXT_LONG",
                f"The situation and task take {context:.0%} of the story; keep the set-up short.",
                *span,
                "structure",
                "warning",
                "Trim the context to two or three sentences.",
            )
        )
    if not st.present("result"):
        flags.append(
            Flag(
                "STAR_MISSING_RESULT",
                "No result: the answer never says how it ended or what changed because of you.",
                *last,
                "structure",
                "problem",
                "Finish with the outcome, measured, and what you learned.",
            )
        )
    return flags


def _words(n: int) -> str:
    return f"{n} word" if n == 1 else f"{n} words"


def _spoken_time(lo: float, hi: float) -> str:
    if hi * 60 < 10:
        return "a few seconds"
    if hi < 1.0:
        return f"{lo * 60:.0f}-{hi * 60:.0f} seconds"
    return f"{lo:.1f}-{hi:.1f} minutes"


def _capped(flags: list[Flag], code: str, what: str) -> list[Flag]:
    if len(flags) <= MAX_REPEATED_FLAGS:
        return flags
    shown = flags[:MAX_REPEATED_FLAGS]
    last = shown[-1]
    note = f" ({len(flags)} {what} in all; the first {MAX_REPEATED_FLAGS} are marked)"
    shown[-1] = Flag(
        code, last.message + note, last.start, last.end, last.dimension, last.severity, last.fix
    )
    return shown


def _analyze_once(
    answer: str,
    *,
    question: str | None = None,
    principle_scores: Mapping[str, float] | None = None,
    story_date: date | None = None,
    today: date,
    labeller: StarLabeller | None = None,
) -> Analysis:
    """`analyze_answer` without its bounds: the answer read once, as it is."""
    lab = labeller or default_labeller()
    spans = split_sentences(answer)
    stars, post = lab.label_with_posteriors([s.text for s in spans])
    k_result = LABELS.index("result")
    sentences = [
        LabelledSentence(
            s.start,
            s.end,
            s.text,
            star,
            float(post[i, LABELS.index(star)]),
            float(post[i, k_result]),
        )
        for i, (s, star) in enumerate(zip(spans, stars, strict=True))
    ]
    triples = [(s.start, s.end, s.star) for s in sentences]
    flags: list[Flag] = []
    whole = _whole(answer, sentences)

    delivery = measure_delivery(answer)
    substance = measure_substance(answer, sentences, delivery)
    if substance.value < 0.3:
        flags.append(
            Flag(
                "NOT_AN_ANSWER",
                f"This is not an interview answer yet: {substance.reason}.",
                *whole,
                None,
                "problem",
                "Tell one real story from your work: the situation, what you did, the result.",
            )
        )

    hypo = [m for m in _HYPOTHETICAL.finditer(answer)]
    hypothetical = len(hypo) >= 1 and not any(
        re.search(rf"\b(?:i|we) {PAST_VERB}\b", s.text, re.I)
        for s in sentences
        if s.star == "action"
    )
    if hypothetical and hypo:
        flags.append(
            Flag(
                "HYPOTHETICAL",
                "This describes what you would do or usually do, not a time you did it; "
                "behavioural questions need one real past example.",
                hypo[0].start(),
                hypo[0].end(),
                "relevance",
                "problem",
                "Replace the general statement with one specific time, told in the past tense.",
            )
        )

    quantities = find_quantities(answer)
    result_spans = [(s.start, s.end) for s in sentences if s.star == "result"]
    result_q = sum(1 for q in quantities if _inside(result_spans, q.start))
    concrete_result = result_q > 0 or any(
        _OUTCOME.search(s.text) for s in sentences if s.star == "result"
    )
    structure = measure_structure(sentences, concrete_result=concrete_result)
    flags.extend(_structure_flags(answer, sentences, structure))
    if result_spans and result_q == 0:
        span = _span(sentences, {"result"}) or whole
        flags.append(
            Flag(
                "RESULT_NO_METRIC",
                "The result has no number: no percentage, money, time saved or count. "
                "(A year on its own is a date, not a metric.)",
                *span,
                "specificity",
                "warning",
                "Quantify the result: by how much, how many, how much time or money.",
            )
        )
    elif not result_spans and not quantities and sentences:
        flags.append(
            Flag(
                "NO_METRIC",
                "The answer has no numbers at all, so its impact cannot be judged.",
                *whole,
                "specificity",
                "warning",
                "Add at least one number for the scale of the problem and one for the result.",
            )
        )
    vague = find_vague(answer, [(s.start, s.end) for s in sentences], quantities)
    flags.extend(
        _capped(
            [
                Flag(
                    "VAGUE",
                    f"'{answer[s:e]}' is a claim with nothing concrete behind it in this sentence.",
                    s,
                    e,
                    "specificity",
                    "info",
                    "Replace vague words ('a lot', 'significantly') with the figure or example.",
                )
                for s, e in vague
            ],
            "VAGUE",
            "vague phrases",
        )
    )

    ownership = measure_ownership(answer, triples)
    if ownership.i_count == 0 and ownership.we_count > 0:
        flags.append(
            Flag(
                "OWNERSHIP_NO_I",
                "The whole story is told as 'we': the interviewer cannot tell what you did. "
                "They are hiring you, not your team.",
                *whole,
                "ownership",
                "problem",
                "Retell the actions with 'I': what you decided, built and said.",
            )
        )
    flags.extend(
        _capped(
            [
                Flag(
                    "OWNERSHIP_WE",
                    "'We' here hides your part: the interviewer needs to know what you personally "
                    "did, so use 'I' for your own actions and say what others did separately.",
                    s,
                    e,
                    "ownership",
                    "warning",
                    "Say 'I' for the actions you took yourself; keep 'we' for shared work.",
                )
                for s, e in ownership.we_actions
            ],
            "OWNERSHIP_WE",
            "actions told with 'we'",
        )
    )

    spoken = _spoken_time(*delivery.minutes_range)
    if delivery.words and delivery.minutes < 1.0:
        flags.append(
            Flag(
                "LENGTH_SHORT",
                f"{_words(delivery.words)} is about {spoken} spoken (130-160 words a minute); "
                f"aim for about 2 minutes.",
                *whole,
                "delivery",
                "warning",
                "Expand to about two minutes: more on your actions and the measured result.",
            )
        )
    elif delivery.minutes > 3.0:
        flags.append(
            Flag(
                "LENGTH_LONG",
                f"{delivery.words} words is about {spoken} spoken; "
                f"past 3 minutes the interviewer loses the thread. Aim for about 2.",
                *whole,
                "delivery",
                "warning",
                "Cut to about two minutes: shorten the set-up, keep the actions and the result.",
            )
        )
    flags.extend(
        _capped(
            [
                Flag(
                    "FILLER",
                    f"Filler: '{answer[s:e]}'.",
                    s,
                    e,
                    "delivery",
                    "info",
                    "Replace fillers ('um', 'like', 'you know') with a short pause.",
                )
                for s, e in delivery.fillers
            ],
            "FILLER",
            "fillers",
        )
    )
    flags.extend(
        _capped(
            [
                Flag(
                    "HEDGE",
                    f"Hedge: '{answer[s:e]}' makes you sound unsure of your own story.",
                    s,
                    e,
                    "delivery",
                    "info",
                    "Drop hedges ('I think', 'maybe') when stating what you did and achieved.",
                )
                for s, e in delivery.hedges
            ],
            "HEDGE",
            "hedges",
        )
    )

    recency = measure_recency(answer, today=today, story_date=story_date)
    rspan = recency.evidence or ((sentences[0].start, sentences[0].end) if sentences else whole)
    if recency.years_ago is not None and recency.years_ago > 5:
        flags.append(
            Flag(
                "RECENCY_STALE",
                f"This happened about {recency.years_ago:.0f} years ago; interviewers prefer "
                f"stories from the last two or three years.",
                *rspan,
                "relevance",
                "warning",
                "Use a more recent story if you have one, or say what you do the same way today.",
            )
        )
    elif recency.years_ago is not None and recency.years_ago > 3:
        flags.append(
            Flag(
                "RECENCY_OLD",
                f"This happened about {recency.years_ago:.0f} years ago; a more recent example "
                f"would be stronger.",
                *rspan,
                "relevance",
                "info",
                "Prefer a story from the last two or three years.",
            )
        )
    elif recency.years_ago is None and substance.value >= 0.3:
        flags.append(
            Flag(
                "RECENCY_UNDATED",
                "No time reference: the interviewer cannot tell how recent this is.",
                *rspan,
                "relevance",
                "info",
                "Say when it happened ('last year', 'in 2024').",
            )
        )

    relevance = measure_relevance(answer, question=question, principle_scores=principle_scores)
    for check in relevance.asks:
        if not check.met:
            flags.append(Flag(check.code, check.message, *whole, "relevance", "problem", check.fix))
    if relevance.weak_principle:
        slug = relevance.weak_principle
        flags.append(
            Flag(
                "RELEVANCE_PRINCIPLE",
                f"The question probes {slug.replace('-', ' ')}, but the answer shows little of it.",
                *whole,
                "relevance",
                "warning",
                f"Make the {slug.replace('-', ' ')} behaviour explicit in your actions.",
            )
        )

    m = Measurements(
        sentences=sentences,
        structure=structure,
        ownership=ownership,
        delivery=delivery,
        quantities=quantities,
        result_quantities=result_q,
        concrete=concrete_terms(answer),
        vague=len(vague),
        relevance=relevance,
        recency=recency,
        hypothetical=hypothetical,
        substance=substance,
    )
    scores, overall = score(m)
    if substance.value < 0.15:
        # Detailed remarks on a non-answer are noise: say what is missing, once.
        flags = [f for f in flags if f.code in ("NOT_AN_ANSWER", "LENGTH_SHORT", "HYPOTHETICAL")]
    flags.sort(key=lambda f: (f.start, f.end, f.code))
    return Analysis(
        answer=answer,
        question=question,
        sentences=sentences,
        flags=flags,
        scores=scores,
        overall=overall,
        summary=summarize(scores, overall, m),
        top_fixes=top_fixes(flags, scores),
        stats={
            "words": delivery.words,
            "minutes": round(delivery.minutes, 2),
            "minutes_range": [round(x, 2) for x in delivery.minutes_range],
            "star_shares": {k: round(v, 3) for k, v in structure.shares.items()},
            "quantities": [q.text for q in quantities],
            "i_share": round(ownership.share, 3),
            "years_ago": recency.years_ago,
            "relevance_basis": relevance.basis,
            "substance": round(substance.value, 3),
        },
    )


def analyze_answer(
    answer: str,
    *,
    question: str | None = None,
    principle_scores: Mapping[str, float] | None = None,
    story_date: date | None = None,
    today: date,
    labeller: StarLabeller | None = None,
) -> Analysis:
    """Analyse one answer (typed or transcribed) to one behavioural question.

    ``principle_scores`` is the classifier's output for the question (slug -> score);
    without it, relevance rests on the question's wording. ``story_date`` (when the story
    happened) overrides years found in the text. Scores are 0-10. Repeated passages earn
    nothing, answers past about five spoken minutes lose points, and a pasted document is
    analysed on its first part only (see loopprep.feedback.bounds).
    """
    return bounded(_analyze_once, answer, question=question, principle_scores=principle_scores,
                   story_date=story_date, today=today, labeller=labeller)
