"""The remarks feedback makes, one small rule each, in the order they are checked.

A rule reads a `Reading` and returns the flags it raises, each resting on the words it is
about. `RULES` is the whole table; `analyze_answer` runs every rule on every answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from loopprep.feedback.analysis import Flag
from loopprep.feedback.reading import Reading, Span, sentences_span
from loopprep.feedback.structure import ACTION_SHARE_MIN, CONTEXT_SHARE_MAX

__all__ = ["MAX_REPEATED_FLAGS", "RULES", "Rule", "flags_for"]

Rule = Callable[[Reading], list[Flag]]
MAX_REPEATED_FLAGS = 8  # per code: a transcript with 60 "um"s needs no 60 flags


def _capped(flags: list[Flag], what: str) -> list[Flag]:
    """At most `MAX_REPEATED_FLAGS` of one kind; the last shown says how many there were."""
    if len(flags) <= MAX_REPEATED_FLAGS:
        return flags
    shown = flags[:MAX_REPEATED_FLAGS]
    last = shown[-1]
    note = f" ({len(flags)} {what} in all; the first {MAX_REPEATED_FLAGS} are marked)"
    shown[-1] = Flag(last.code, last.message + note, last.start, last.end, last.dimension,
                     last.severity, last.fix)
    return shown


def not_an_answer(r: Reading) -> list[Flag]:
    substance = r.m.substance
    if substance.value >= 0.3:
        return []
    return [Flag("NOT_AN_ANSWER", f"This is not an interview answer yet: {substance.reason}.",
                 *r.whole, None, "problem",
                 "Tell one real story from your work: the situation, what you did, the result.")]


def hypothetical(r: Reading) -> list[Flag]:
    if r.hypothetical_at is None:
        return []
    return [Flag("HYPOTHETICAL",
                 "This describes what you would do or usually do, not a time you did it; "
                 "behavioural questions need one real past example.",
                 *r.hypothetical_at, "relevance", "problem",
                 "Replace the general statement with one specific time, told in the past tense.")]


def missing_situation(r: Reading) -> list[Flag]:
    if r.m.structure.present("situation"):
        return []
    return [Flag("STAR_MISSING_SITUATION",
                 "No situation: the interviewer cannot tell where, when or why this happened.",
                 *r.first, "structure", "warning",
                 "Open with one or two sentences of context: where you were, when, and the "
                 "problem.")]


def missing_task(r: Reading) -> list[Flag]:
    if r.m.structure.present("task"):
        return []
    return [Flag("STAR_MISSING_TASK",
                 "No task: the answer never says what you were responsible for or aiming at.",
                 *r.first, "structure", "info",
                 "Say in one sentence what your goal or responsibility was.")]


def _context(r: Reading) -> Span:
    return sentences_span(r.sentences, {"situation", "task"}) or r.whole


def actions(r: Reading) -> list[Flag]:
    st = r.m.structure
    if not st.present("action"):
        return [Flag("STAR_MISSING_ACTION",
                     "No actions: the answer never says what you did, which is what is being "
                     "assessed.",
                     *r.whole, "structure", "problem",
                     "Spend most of the answer on the steps you took, one by one, with 'I'.")]
    if st.shares["action"] >= ACTION_SHARE_MIN:
        return []
    return [Flag("STAR_ACTION_SHORT",
                 f"Only {st.shares['action']:.0%} of the story is about your actions; most of "
                 f"the time should go to what you did (about half or more).",
                 *_context(r), "structure", "warning",
                 "Cut the set-up and spend the time on your actions and how you made decisions.")]


def long_context(r: Reading) -> list[Flag]:
    st = r.m.structure
    context = st.shares["situation"] + st.shares["task"]
    if context <= CONTEXT_SHARE_MAX or not st.present("action"):
        return []
    return [Flag("STAR_CONTEXT_LONG",
                 f"The situation and task take {context:.0%} of the story; keep the set-up short.",
                 *_context(r), "structure", "warning",
                 "Trim the context to two or three sentences.")]


def missing_result(r: Reading) -> list[Flag]:
    if r.m.structure.present("result"):
        return []
    return [Flag("STAR_MISSING_RESULT",
                 "No result: the answer never says how it ended or what changed because of you.",
                 *r.last, "structure", "problem",
                 "Finish with the outcome, measured, and what you learned.")]


def metrics(r: Reading) -> list[Flag]:
    if r.result_spans and r.m.result_quantities == 0:
        span = sentences_span(r.sentences, {"result"}) or r.whole
        return [Flag("RESULT_NO_METRIC",
                     "The result has no number: no percentage, money, time saved or count. "
                     "(A year on its own is a date, not a metric.)",
                     *span, "specificity", "warning",
                     "Quantify the result: by how much, how many, how much time or money.")]
    if not r.result_spans and not r.m.quantities and r.sentences:
        return [Flag("NO_METRIC",
                     "The answer has no numbers at all, so its impact cannot be judged.",
                     *r.whole, "specificity", "warning",
                     "Add at least one number for the scale of the problem and one for the "
                     "result.")]
    return []


def vague(r: Reading) -> list[Flag]:
    return _capped([Flag("VAGUE",
                         f"'{r.answer[s:e]}' is a claim with nothing concrete behind it in this "
                         f"sentence.",
                         s, e, "specificity", "info",
                         "Replace vague words ('a lot', 'significantly') with the figure or "
                         "example.")
                    for s, e in r.vague], "vague phrases")


def no_i(r: Reading) -> list[Flag]:
    own = r.m.ownership
    if own.i_count != 0 or own.we_count == 0:
        return []
    return [Flag("OWNERSHIP_NO_I",
                 "The whole story is told as 'we': the interviewer cannot tell what you did. "
                 "They are hiring you, not your team.",
                 *r.whole, "ownership", "problem",
                 "Retell the actions with 'I': what you decided, built and said.")]


def we_actions(r: Reading) -> list[Flag]:
    return _capped([Flag("OWNERSHIP_WE",
                         "'We' here hides your part: the interviewer needs to know what you "
                         "personally did, so use 'I' for your own actions and say what others "
                         "did separately.",
                         s, e, "ownership", "warning",
                         "Say 'I' for the actions you took yourself; keep 'we' for shared work.")
                    for s, e in r.m.ownership.we_actions], "actions told with 'we'")


def _words(n: int) -> str:
    return f"{n} word" if n == 1 else f"{n} words"


def _spoken_time(lo: float, hi: float) -> str:
    if hi * 60 < 10:
        return "a few seconds"
    if hi < 1.0:
        return f"{lo * 60:.0f}-{hi * 60:.0f} seconds"
    return f"{lo:.1f}-{hi:.1f} minutes"


def length(r: Reading) -> list[Flag]:
    d = r.m.delivery
    spoken = _spoken_time(*d.minutes_range)
    if d.words and d.minutes < 1.0:
        return [Flag("LENGTH_SHORT",
                     f"{_words(d.words)} is about {spoken} spoken (130-160 words a minute); "
                     f"aim for about 2 minutes.",
                     *r.whole, "delivery", "warning",
                     "Expand to about two minutes: more on your actions and the measured result.")]
    if d.minutes > 3.0:
        return [Flag("LENGTH_LONG",
                     f"{d.words} words is about {spoken} spoken; "
                     f"past 3 minutes the interviewer loses the thread. Aim for about 2.",
                     *r.whole, "delivery", "warning",
                     "Cut to about two minutes: shorten the set-up, keep the actions and the "
                     "result.")]
    return []


def fillers(r: Reading) -> list[Flag]:
    return _capped([Flag("FILLER", f"Filler: '{r.answer[s:e]}'.", s, e, "delivery", "info",
                         "Replace fillers ('um', 'like', 'you know') with a short pause.")
                    for s, e in r.m.delivery.fillers], "fillers")


def hedges(r: Reading) -> list[Flag]:
    return _capped([Flag("HEDGE",
                         f"Hedge: '{r.answer[s:e]}' makes you sound unsure of your own story.",
                         s, e, "delivery", "info",
                         "Drop hedges ('I think', 'maybe') when stating what you did and "
                         "achieved.")
                    for s, e in r.m.delivery.hedges], "hedges")


def recency(r: Reading) -> list[Flag]:
    rec = r.m.recency
    span = rec.evidence or r.first
    if rec.years_ago is not None and rec.years_ago > 5:
        return [Flag("RECENCY_STALE",
                     f"This happened about {rec.years_ago:.0f} years ago; interviewers prefer "
                     f"stories from the last two or three years.",
                     *span, "relevance", "warning",
                     "Use a more recent story if you have one, or say what you do the same way "
                     "today.")]
    if rec.years_ago is not None and rec.years_ago > 3:
        return [Flag("RECENCY_OLD",
                     f"This happened about {rec.years_ago:.0f} years ago; a more recent example "
                     f"would be stronger.",
                     *span, "relevance", "info", "Prefer a story from the last two or three years.")]
    if rec.years_ago is None and r.m.substance.value >= 0.3:
        return [Flag("RECENCY_UNDATED",
                     "No time reference: the interviewer cannot tell how recent this is.",
                     *span, "relevance", "info", "Say when it happened ('last year', 'in 2024').")]
    return []


def question_asks(r: Reading) -> list[Flag]:
    return [Flag(check.code, check.message, *r.whole, "relevance", "problem", check.fix)
            for check in r.m.relevance.asks if not check.met]


def principle(r: Reading) -> list[Flag]:
    slug = r.m.relevance.weak_principle
    if not slug:
        return []
    name = slug.replace("-", " ")
    return [Flag("RELEVANCE_PRINCIPLE",
                 f"The question probes {name}, but the answer shows little of it.",
                 *r.whole, "relevance", "warning",
                 f"Make the {name} behaviour explicit in your actions.")]


RULES: Sequence[Rule] = (
    not_an_answer, hypothetical,
    missing_situation, missing_task, actions, long_context, missing_result,
    metrics, vague, no_i, we_actions, length, fillers, hedges, recency,
    question_asks, principle,
)


def flags_for(r: Reading, rules: Sequence[Rule] = RULES) -> list[Flag]:
    """Every rule's flags, in the table's order."""
    return [flag for rule in rules for flag in rule(r)]
