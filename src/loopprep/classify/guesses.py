"""The classifier's guess for questions that came without a principle (a question in the
notes under no principle heading, say), from question vectors cached in the store: practice
and listings ask for it on every view, and only a new or edited question is embedded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from loopprep.classify.text import has_words
from loopprep.model import Question

if TYPE_CHECKING:
    from loopprep.classify.classifier import Ranking
    from loopprep.workspace import Workspace

# Cached vectors of what the classifier reads of a question (its ask), apart from the
# whole-question vectors that matching caches under "question".
ASK_KIND = "question-ask"


def guess_principles(bank: Workspace, questions: Sequence[Question]) -> dict[str, Ranking]:
    """The ranking of the active framework's principles for each question, by id. A question
    with no words gets no entry; a ranking with a warning is a poor guess (not English)."""
    import numpy as np

    from loopprep.classify.classifier import get_classifier
    from loopprep.classify.matching import cached_vectors

    usable = [q for q in questions if has_words(q.text)]
    if not usable:
        return {}
    classifier = get_classifier(bank.framework)
    texts = {str(q.id): classifier.embedding_text(q.text) for q in usable}
    vectors, _ = cached_vectors(bank, ASK_KIND, texts, classifier.embedder)
    matrix = np.stack([vectors[q.id] for q in usable])
    rankings = classifier.rank([q.text for q in usable], matrix)
    return {q.id: ranking for q, ranking in zip(usable, rankings, strict=True)}


def with_guesses(bank: Workspace, questions: Sequence[Question]) -> list[Question]:
    """`questions`, with each one of the user's that names no principle of the framework
    filed under the classifier's top guess and marked `guessed`; one whose text gives the
    classifier nothing to go on (no words, not English) is left as it was."""
    known = set(bank.framework.slugs)
    unlabelled = [q for q in questions
                  if q.origin != "bank" and not any(p in known for p in q.principles)]
    rankings = guess_principles(bank, unlabelled) if unlabelled else {}
    out = []
    for question in questions:
        ranking = rankings.get(question.id)
        if ranking is not None and ranking.warning is None:
            question = replace(question, principles=(ranking.top,), guessed=True)
        out.append(question)
    return out
