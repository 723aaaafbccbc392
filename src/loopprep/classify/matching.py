"""Which of the user's stories fits a question: the principles the question probes against
the principles the story is filed under (or, unfiled, seems to be about), closeness in
meaning (story embeddings cached in the store), the words they share, and whether the
user's notes already answer a question like it with the story. Each match says why.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from loopprep.classify.text import words
from loopprep.errors import LoopprepError
from loopprep.model import PrincipleSlug, Question, Story, StoryId

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from loopprep.classify.classifier import QuestionClassifier, Ranking
    from loopprep.text.embeddings import Embedder
    from loopprep.workspace import Workspace

    Floats = npt.NDArray[np.float32]

# How much each kind of evidence counts. Principle fit leads because the user filed the
# story there on purpose; a question the notes already answer with the story is the next
# best sign; meaning and shared words break ties and find stories nobody filed.
PRINCIPLE_WEIGHT = 0.45
ANSWERED_WEIGHT = 0.2
MEANING_WEIGHT = 0.2
WORDS_WEIGHT = 0.15
# A story's principle guessed from its words counts for less than one the user chose.
GUESSED_PRINCIPLE = 0.7
# Cosine similarity of a question and a story note rarely leaves 0.1-0.6; two wordings
# of the same question sit above 0.6.
MEANING_FLOOR, MEANING_SPAN = 0.1, 0.5
SAME_QUESTION_FLOOR, SAME_QUESTION_SPAN = 0.5, 0.4
STORY_KIND = "story"
QUESTION_KIND = "question"


@dataclass(frozen=True)
class StoryMatch:
    """One story for a question, with the evidence behind its score (fits in 0..1)."""

    story_id: StoryId
    title: str
    score: float
    principle: PrincipleSlug | None
    reason: str
    principle_fit: float
    filed: bool
    meaning: float
    shared_words: tuple[str, ...]
    answers: str | None = None  # a question from the notes that this story answers

    def to_json(self) -> dict[str, object]:
        return {"story_id": self.story_id, "title": self.title, "score": round(self.score, 4),
                "principle": self.principle, "filed": self.filed, "reason": self.reason,
                "principle_fit": round(self.principle_fit, 4), "meaning": round(self.meaning, 4),
                "shared_words": list(self.shared_words), "answers": self.answers}


@dataclass(frozen=True)
class _Evidence:
    story: Story
    text: str
    cosine: float
    guessed: PrincipleSlug
    answered: tuple[str, float] | None


def story_match_text(story: Story, questions: Sequence[Question] = ()) -> str:
    """What a story is matched on: everything known about it, plus the questions from the
    notes that it answers (with their outlines)."""
    parts = [story.text]
    for question in questions:
        parts += [question.text, question.outline]
    return "\n".join(p for p in parts if p.strip())


#: One computation of missing vectors at a time per process: concurrent web requests wait
#: for it and then read its results from the store instead of embedding the same stories.
_EMBEDDING = threading.Lock()
#: Texts embedded per batch: bounds the memory of one computation and saves as it goes.
EMBED_BATCH = 64


#: Vectors this process has read from a database file or stored in it, by that file, the
#: model and the hash of the text embedded: the web app matches a question against every
#: story after each change, and the rows it has read need not be read again.
_VECTORS: dict[tuple[str, str, str], Floats] = {}
_VECTORS_MAX = 50_000


def _remember(where: str | None, vectors: dict[str, Floats], model: str) -> None:
    if where is None:  # a database in memory: nothing to tell it from another
        return
    if len(_VECTORS) + len(vectors) > _VECTORS_MAX:
        _VECTORS.clear()
    for sha, vector in vectors.items():
        _VECTORS[(where, model, sha)] = vector


def cached_vectors(bank: Workspace, kind: str, texts: dict[str, str], embedder: Embedder
                   ) -> tuple[dict[str, Floats], list[str]]:
    """Embeddings of `texts` (id -> text), from the store's cache where the text and the
    model are unchanged; returns them and the ids that had to be (re)computed."""
    import numpy as np

    from loopprep.store import embeddings as cache

    hashes = {key: hashlib.sha256(text.encode("utf-8")).hexdigest() for key, text in texts.items()}
    model = embedder.fingerprint
    where = str(bank.store.path) if bank.store.path is not None else None
    out: dict[str, Floats] = {}
    for key, sha in hashes.items():
        known = _VECTORS.get((where, model, sha)) if where is not None else None
        if known is not None:
            out[key] = known
    if len(out) == len(texts):
        return out, []
    found = cache.cached(bank.store, kind, hashes, model)
    out.update({k: np.frombuffer(v, dtype="<f4") for k, v in found.items()})
    _remember(where, {hashes[k]: out[k] for k in found}, model)
    if len(out) == len(texts):
        return out, []
    computed: list[str] = []
    with _EMBEDDING:
        # another request may have computed them while this one waited
        found = cache.cached(bank.store, kind, hashes, model)
        out.update({k: np.frombuffer(v, dtype="<f4") for k, v in found.items()})
        missing = [key for key in texts if key not in out]
        for start in range(0, len(missing), EMBED_BATCH):
            batch = missing[start:start + EMBED_BATCH]
            vectors = embedder.embed([texts[key] for key in batch])
            for i, key in enumerate(batch):
                out[key] = vectors[i]
            _remember(where, {hashes[key]: vectors[i] for i, key in enumerate(batch)}, model)
            cache.save(bank.store, kind, [(key, hashes[key], vectors[i].astype("<f4").tobytes())
                                          for i, key in enumerate(batch)], model)
            computed += batch
    return out, computed


def story_vectors(bank: Workspace, texts: dict[StoryId, str], embedder: Embedder
                  ) -> tuple[dict[str, Floats], list[str]]:
    """Cached embeddings of the stories' match texts (see `cached_vectors`)."""
    return cached_vectors(bank, STORY_KIND, {str(k): v for k, v in texts.items()}, embedder)


def match_stories(bank: Workspace, question: str, *, limit: int = 5,
                  stories: Sequence[Story] | None = None) -> list[StoryMatch]:
    """The bank's active stories (or ``stories``, when the caller has read them) ranked for
    `question`, best first, at most `limit`."""
    import numpy as np

    from loopprep.classify.classifier import get_classifier
    from loopprep.classify.model import embedding_text

    if not any(ch.isalpha() for ch in question):
        raise LoopprepError("the question has no words", hint="Type the question in quotes.")
    if limit < 1:
        raise LoopprepError("--limit must be at least 1")
    stories = list(stories) if stories is not None else bank.stories()
    if not stories:
        raise LoopprepError("there are no stories to match yet",
                            hint="Import your notes first: loopprep import NOTES.md")
    classifier = get_classifier(bank.framework)
    ranking = classifier.rank([question])[0]
    linked: dict[str, list[Question]] = defaultdict(list)
    for q in bank.note_questions():
        for sid in q.story_ids:
            linked[sid].append(q)
    texts = {s.id: story_match_text(s, linked.get(s.id, [])) for s in stories}
    vectors, _ = story_vectors(bank, texts, classifier.embedder)
    asked: dict[str, str] = {q.id: embedding_text(q.text) for qs in linked.values() for q in qs}
    asked_vectors, _ = cached_vectors(bank, QUESTION_KIND, asked, classifier.embedder)
    q_vector = classifier.embedder.embed([embedding_text(question)])[0]
    story_matrix = np.stack([vectors[s.id] for s in stories])
    guessed = _guessed_principles(classifier, bank.framework.slugs, story_matrix,
                                  [texts[s.id] for s in stories])
    cosines = story_matrix @ q_vector
    evidence = []
    for row, story in enumerate(stories):
        answered = max(((q.text, float(asked_vectors[q.id] @ q_vector))
                        for q in linked.get(story.id, [])), key=lambda pair: pair[1], default=None)
        evidence.append(_Evidence(story, texts[story.id], float(cosines[row]), guessed[row],
                                  answered))
    weights = _word_weights(classifier)
    q_words = _content_words(question)
    # a word the model never saw weighs as much as its rarest word
    default = max(weights.values(), default=1.0)
    q_weights = {w: weights.get(w, default) for w in q_words}
    names = {p.slug: p.name for p in bank.framework}
    # every story is scored; only the few shown are given their reasons in words
    shares = dict(ranking.principles)
    scored = sorted(((_fit(e, shares, ranking.top_score or 1.0, q_words, q_weights), e)
                     for e in evidence),
                    key=lambda pair: (-pair[0].score, pair[1].story.id))
    return [_match(e, fit, ranking, q_words, names) for fit, e in scored[:limit]]


# A story's guessed principle depends only on its text and the model: kept between calls so
# a long-running process (the web app) does not re-read every story for every question.
_GUESSES: dict[tuple[int, str], PrincipleSlug] = {}
_GUESSES_MAX = 20_000


def _guessed_principles(classifier: QuestionClassifier, slugs: Sequence[PrincipleSlug],
                        matrix: Floats, texts: list[str]) -> list[PrincipleSlug]:
    """The principle each story's text reads most like (for stories filed under none)."""
    model = id(classifier)
    missing = [i for i, text in enumerate(texts) if (model, text) not in _GUESSES]
    if missing:
        if len(_GUESSES) + len(missing) > _GUESSES_MAX:
            _GUESSES.clear()
        probabilities = classifier.probabilities_of(matrix[missing], [texts[i] for i in missing])
        for row, i in enumerate(missing):
            _GUESSES[(model, texts[i])] = slugs[int(probabilities[row].argmax())]
    return [_GUESSES[(model, text)] for text in texts]


@lru_cache(maxsize=20_000)
def _content_words(text: str) -> dict[str, str]:
    """Stemmed content word -> the word as written (first seen). Cached: callers only read."""
    out: dict[str, str] = {}
    for raw in re.findall(r"[A-Za-z][A-Za-z'-]*", text):
        stemmed = words(raw)
        if stemmed and stemmed[0] not in out:
            out[stemmed[0]] = raw.lower()
    return out


def _word_weights(classifier: QuestionClassifier) -> dict[str, float]:
    """Rarer words count more: idf from the fitted model's vocabulary where there is one."""
    model = classifier.model
    if model is None:
        return {}
    return {term: float(model.index.idf[col]) for term, col in model.index.vocabulary.items()
            if "_" not in term}


@dataclass(frozen=True)
class _Fit:
    """A story's score for a question and the parts it is made of."""

    score: float
    principle: PrincipleSlug
    filed: bool
    fit: float
    meaning: float
    answered: float


def _fit(e: _Evidence, shares: dict[PrincipleSlug, float], top: float, q_words: dict[str, str],
         q_weights: dict[str, float]) -> _Fit:
    """`shares`: the question's score for each principle; `top`: the highest of them."""
    filed = max(e.story.principles, key=lambda p: shares.get(p, 0.0), default=None)
    principle = filed or e.guessed
    fit = shares.get(principle, 0.0) / top * (1.0 if filed else GUESSED_PRINCIPLE)
    meaning = min(max((e.cosine - MEANING_FLOOR) / MEANING_SPAN, 0.0), 1.0)
    answered = 0.0
    if e.answered:
        answered = min(max((e.answered[1] - SAME_QUESTION_FLOOR) / SAME_QUESTION_SPAN, 0.0), 1.0)
    s_words = _content_words(e.text)
    total = sum(q_weights.values()) or 1.0
    overlap = sum(q_weights[w] for w in q_words if w in s_words) / total
    score = (PRINCIPLE_WEIGHT * fit + ANSWERED_WEIGHT * answered + MEANING_WEIGHT * meaning
             + WORDS_WEIGHT * overlap)
    return _Fit(score, principle, filed is not None, fit, meaning, answered)


def _match(e: _Evidence, fit: _Fit, ranking: Ranking, q_words: dict[str, str],
           names: dict[PrincipleSlug, str]) -> StoryMatch:
    """A scored story with the reasons for its score, in words."""
    story, principle = e.story, fit.principle
    shared = [q_words[w] for w in q_words if w in _content_words(e.text)]
    name = names.get(principle, principle)
    share = ranking.score(principle)
    if principle == ranking.top:
        fits = f"{name}, which this question probes ({share:.2f})"
    else:
        fits = f"{name} ({share:.2f} for this question, which probes " \
               f"{names.get(ranking.top, ranking.top)} most)"
    reasons = [f"filed under {fits}" if fit.filed
               else f"not filed under a principle; reads like {fits}"]
    if fit.answered > 0 and e.answered:
        reasons.append(f"your notes tell it for '{_short(e.answered[0])}'")
    if fit.meaning >= 0.5:
        reasons.append(f"close in meaning ({e.cosine:.2f})")
    if shared:
        reasons.append("mentions " + ", ".join(f"'{w}'" for w in shared[:4]))
    return StoryMatch(story.id, story.title, fit.score, principle, "; ".join(reasons), fit.fit,
                      fit.filed, e.cosine, tuple(shared),
                      e.answered[0] if e.answered and fit.answered > 0 else None)


def _short(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"
