"""The loop planner: which story to tell which interviewer, exactly optimised, explained,
and what to develop next when the bank cannot cover the loop.
"""

from loopprep.plan.fit import (
    ClassifierSimilarity,
    EmbeddingSimilarity,
    Evidence,
    Fit,
    KeywordSimilarity,
    SimilaritySource,
    Strength,
    fit_matrix,
    story_strength,
)
from loopprep.plan.loops import (
    Interviewer,
    Loop,
    LoopError,
    choose_loop,
    default_loop,
    load_loop,
    loop_from_specs,
    parse_loop,
)
from loopprep.plan.planner import LoopPlan, PlanOptions, SlotPlan, StoryUse, Suggestion, Unfilled, plan_loop

__all__ = [
    "ClassifierSimilarity", "EmbeddingSimilarity", "Evidence", "Fit", "Interviewer", "KeywordSimilarity",
    "Loop", "LoopError", "LoopPlan", "PlanOptions", "SimilaritySource", "SlotPlan", "StoryUse", "Strength",
    "Suggestion", "Unfilled", "choose_loop", "default_loop", "fit_matrix", "load_loop", "loop_from_specs",
    "parse_loop", "plan_loop", "story_strength",
]
