"""Which principle a behavioral question probes, and which of the user's stories fits it.

Public API (stable; other features call it):

- `classify(questions, framework) -> list[Ranking]`: every principle of `framework` for
  each question, best first, with `score`s that are calibrated probabilities summing to 1.
  `Ranking.top` is the best slug; `Ranking.warning` says when the text gave little to go
  on (no words, not English). Never raises for odd text: empty text gets even scores.
- `get_classifier(framework) -> QuestionClassifier`: the cached model behind `classify`
  (loads the embedder once per process; `.rank(questions)` does the work).
- `match_stories(bank, question, *, limit) -> list[StoryMatch]`: the bank's stories for a
  question, best first, each with the principle it fits and a reason in plain words.

For the Amazon framework the model is fitted on the project's question bank (see
`loopprep.classify.training`, shipped as `data/classifier-amazon.npz`); for a framework
without a bank it compares the question with each principle's description and keywords.
"""

from __future__ import annotations

from loopprep.classify.classifier import (
    QuestionClassifier,
    Ranking,
    classify,
    get_classifier,
)
from loopprep.classify.matching import StoryMatch, match_stories

__all__ = [
    "QuestionClassifier",
    "Ranking",
    "StoryMatch",
    "classify",
    "get_classifier",
    "match_stories",
]
