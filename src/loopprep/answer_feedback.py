"""Feedback on one answer to one question, the same for `loopprep analyze`, the web app's
answer page and practice: the principles the question probes (the ones the caller knows,
or the classifier's reading of the question), then `loopprep.feedback.analyze_answer`.

The question and every sentence of the answer are embedded in one model call: the STAR
labeller then finds its sentence vectors kept by the embedder, and the classifier reads
the answer from the mean of those vectors rather than embedding the answer again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from loopprep.classify.classifier import QuestionClassifier, Ranking
    from loopprep.feedback import Analysis
    from loopprep.model import Framework

__all__ = ["Analyzer", "answer_principles", "feedback_on", "question_principles"]

#: How much of an answer the classifier's word model reads (what it reads of a question).
MAX_ANSWER_READ = 2_000

#: Something that analyses an answer like `analyze_answer` (tests may pass their own).
Analyzer = Callable[..., "Analysis"]


def _scores(ranking: Ranking) -> dict[str, float] | None:
    if ranking.warning is not None:
        return None
    return {str(slug): score for slug, score in ranking.principles}


def _classifier(framework: Framework) -> QuestionClassifier:
    from loopprep.classify.classifier import get_classifier

    return get_classifier(framework)


def question_principles(question: str | None, framework: Framework) -> dict[str, float] | None:
    """Slug -> score of every principle the classifier reads in ``question``, or None when
    there is no question or the classifier cannot read it (relevance then rests on wording)."""
    if not question or not question.strip():
        return None
    return _scores(_classifier(framework).rank([question])[0])


def said_sentences(answer: str) -> list[str]:
    """The sentences of ``answer`` as the STAR labeller reads (and embeds) them."""
    from loopprep.feedback.bounds import MAX_CHARS
    from loopprep.text.sentences import split_sentences

    return [span.text for span in split_sentences(answer[:MAX_CHARS])]


def answer_principles(
    answer: str, framework: Framework, sentence_vectors: npt.NDArray[np.float32] | None = None
) -> dict[str, float] | None:
    """Slug -> score of the principles the classifier reads in the answer's own text: its
    words (the first `MAX_ANSWER_READ` characters) and the mean of its sentences' vectors
    (``sentence_vectors``, one row per `said_sentences`, embedded here when not given)."""
    import numpy as np

    text = answer[:MAX_ANSWER_READ]
    if not text.strip():
        return None
    if sentence_vectors is None:
        _, sentence_vectors = _sentence_vectors(answer, [], framework)
    mean = np.asarray(sentence_vectors, dtype=np.float32).mean(axis=0, keepdims=True)
    mean /= max(float(np.linalg.norm(mean)), 1e-12)
    return _scores(_classifier(framework).rank([text], vectors=mean)[0])


def _ranked(principles: Sequence[str]) -> dict[str, float] | None:
    """Known principles, primary first, as scores the way the classifier would give them."""
    return {slug: round(1.0 - 0.3 * rank, 2) for rank, slug in enumerate(principles)} or None


def _sentence_vectors(
    answer: str, asked: list[str], framework: Framework
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """The vectors of ``asked`` and of the answer's sentences, from one model call; a pasted
    document (which the labeller reads without embeddings) is read from its first part."""
    from loopprep.feedback.star import MAX_EMBEDDED_SENTENCES

    classifier = _classifier(framework)
    said = said_sentences(answer)
    if not said or len(said) > MAX_EMBEDDED_SENTENCES:
        said = [classifier.embedding_text(answer[:MAX_ANSWER_READ])]
    vectors = classifier.embedder.embed(asked + said)
    return vectors[: len(asked)], vectors[len(asked) :]


def feedback_on(
    answer: str,
    *,
    question: str | None,
    framework: Framework,
    today: date,
    principles: Sequence[str] | None = None,
    analyzer: Analyzer | None = None,
) -> Analysis:
    """Analyse ``answer`` to ``question``. ``principles`` (primary first) are the question's
    own when the caller knows them, as practice does; otherwise the classifier reads them."""
    if analyzer is None:
        from loopprep.feedback import analyze_answer

        analyzer = analyze_answer
    if principles is not None:
        scores = _ranked(principles)
        asked_vectors, said_vectors = _sentence_vectors(answer, [], framework)
    elif question and question.strip():
        classifier = _classifier(framework)
        asked_vectors, said_vectors = _sentence_vectors(
            answer, [classifier.embedding_text(question)], framework
        )
        scores = _scores(classifier.rank([question], vectors=asked_vectors)[0])
    else:
        scores = None
    if not scores:
        return analyzer(answer, question=question, principle_scores=scores, today=today)
    # The classifier's reading of the answer itself: what the story shows, set against
    # what the question asks (loopprep.feedback.relevance).
    told = answer_principles(answer, framework, said_vectors)
    return analyzer(answer, question=question, principle_scores=scores, answer_principles=told, today=today)
