"""Ranking a framework's principles for questions: the fitted model where the framework
has one, a description-similarity model where it does not, and care for odd input.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from loopprep.classify.model import QuestionModel, embedding_text, softmax
from loopprep.classify.text import MAX_QUESTION_CHARS, english_share, has_words, words
from loopprep.model import Framework, PrincipleSlug

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from loopprep.text.embeddings import Embedder

    Floats = npt.NDArray[np.float32]

NO_WORDS = "no words to classify; every principle is equally likely"
NOT_ENGLISH = "this does not look like an English question; the ranking is a guess"
TOO_LONG = f"only the first {MAX_QUESTION_CHARS:,} characters were read"
# Below this share of recognised words a text is not treated as an English question.
ENGLISH_SHARE = 0.35
# Similarity of a question to a principle description is small and bunched (0.1-0.5);
# dividing by this turns it into calibrated probabilities. Fitted (least held-out NLL) by
# scoring the Amazon bank as if Amazon had no bank: top-1 0.42 there, mean top score 0.42.
DESCRIPTION_TEMPERATURE = 0.064
KEYWORD_BONUS = 0.04
RECENT_RANKINGS = 256


@dataclass(frozen=True)
class Ranking:
    """Every principle for one question, best first; scores sum to 1."""

    question: str
    principles: tuple[tuple[PrincipleSlug, float], ...]
    warning: str | None = None

    @property
    def top(self) -> PrincipleSlug:
        return self.principles[0][0]

    @property
    def top_score(self) -> float:
        return self.principles[0][1]

    def score(self, slug: str) -> float:
        return next((s for p, s in self.principles if p == slug), 0.0)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "question": self.question,
            "principles": [{"slug": slug, "score": round(score, 4)}
                           for slug, score in self.principles],
        }
        if self.warning:
            out["warning"] = self.warning
        return out


class QuestionClassifier:
    """The classifier for one framework; build it with `get_classifier`."""

    def __init__(self, framework: Framework, model: QuestionModel | None,
                 embedder: Embedder) -> None:
        self.framework = framework
        self.model = model
        self.embedder = embedder
        self._descriptions: Floats | None = None
        # one question is often ranked twice in a row (its principles, then the stories
        # that fit it): the last few single rankings are kept
        self._rank_one = functools.lru_cache(maxsize=RECENT_RANKINGS)(
            lambda question: self._rank([question], None)[0])

    @property
    def method(self) -> str:
        return "bank" if self.model is not None else "descriptions"

    def probabilities(self, questions: Sequence[str]) -> Floats:
        """(questions, principles) probabilities in the framework's principle order."""
        vectors = self.embedder.embed([self.embedding_text(q) for q in questions])
        return self.probabilities_of(vectors, questions)

    def probabilities_of(self, vectors: Floats, texts: Sequence[str]) -> Floats:
        """Like `probabilities`, for texts already embedded (e.g. cached story vectors)."""
        if self.model is not None:
            return self.model.probabilities(vectors, list(texts))
        return self._by_description(vectors, texts)

    def embedding_text(self, question: str) -> str:
        """What the embedder sees of a question (the key for cached question vectors)."""
        return self.model.embedding_text(question) if self.model is not None else (
            embedding_text(question))

    def rank(self, questions: Sequence[str], vectors: Floats | None = None) -> list[Ranking]:
        """Rankings for `questions`; `vectors` (one row per question with words, embedded
        from `embedding_text`) saves embedding them again, e.g. when they were cached."""
        if vectors is None and len(questions) == 1:
            return [self._rank_one(questions[0])]
        return self._rank(questions, vectors)

    def _rank(self, questions: Sequence[str], vectors: Floats | None) -> list[Ranking]:
        import numpy as np

        slugs = self.framework.slugs
        even = 1.0 / len(slugs)
        usable = [i for i, q in enumerate(questions) if has_words(q)]
        texts = [questions[i] for i in usable]
        probs = None
        if usable:
            probs = (self.probabilities(texts) if vectors is None
                     else self.probabilities_of(vectors, texts))
        out: list[Ranking] = []
        row = 0
        for question in questions:
            if not has_words(question):
                out.append(Ranking(question, tuple((s, even) for s in slugs), NO_WORDS))
                continue
            assert probs is not None
            p = probs[row].astype(np.float64)
            row += 1
            p = p / p.sum()
            order = sorted(range(len(slugs)), key=lambda j: (-p[j], j))
            warning = self._warning(question)
            out.append(Ranking(question, tuple((slugs[j], float(p[j])) for j in order), warning))
        return out

    def _warning(self, question: str) -> str | None:
        known: set[str] | dict[str, int] = (
            self.model.index.vocabulary if self.model is not None
            else {w for p in self.framework for k in (*p.keywords, p.name) for w in words(k)})
        if english_share(question, known) < ENGLISH_SHARE:
            return NOT_ENGLISH
        if len(question) > MAX_QUESTION_CHARS:
            return TOO_LONG
        return None

    def _by_description(self, vectors: Floats, questions: Sequence[str]) -> Floats:
        import numpy as np

        if self._descriptions is None:
            self._descriptions = self.embedder.embed([
                " ".join([p.name + ".", p.summary, *p.probes_for]) for p in self.framework
            ])
        scores = vectors @ self._descriptions.T
        keywords = [{w for k in p.keywords for w in words(k)} for p in self.framework]
        for row, question in enumerate(questions):
            found = set(words(question))
            for col, wanted in enumerate(keywords):
                scores[row, col] += KEYWORD_BONUS * math.sqrt(len(found & wanted))
        return softmax((scores / DESCRIPTION_TEMPERATURE).astype(np.float32))


def model_for(framework: Framework) -> QuestionModel | None:
    """The shipped fitted model for `framework`, when there is one for exactly its principles."""
    source = resources.files("loopprep").joinpath("data", f"classifier-{framework.slug}.npz")
    if not source.is_file():
        return None
    model = QuestionModel.from_bytes(source.read_bytes())
    if tuple(model.slugs) != tuple(framework.slugs):
        return None  # a user's framework that reuses the name but not the principles
    return model


@functools.lru_cache(maxsize=8)
def get_classifier(framework: Framework) -> QuestionClassifier:
    """The cached classifier for `framework` (one per process and framework)."""
    from loopprep.text.embeddings import get_embedder

    return QuestionClassifier(framework, model_for(framework), get_embedder())


def classify(questions: Sequence[str], framework: Framework) -> list[Ranking]:
    """Rank `framework`'s principles for each question (see the package docstring)."""
    if isinstance(questions, str):
        raise TypeError("classify() takes a sequence of questions; wrap one in a list")
    return get_classifier(framework).rank(list(questions))
