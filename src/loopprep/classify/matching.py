"""Which of the user's stories fits a question: the principles the question probes against
the principles the story is filed under, closeness in meaning (story embeddings cached in
the store) and the words they share; every match carries its reason in plain words.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from loopprep.classify.text import words
from loopprep.errors import LoopprepError
from loopprep.model import PrincipleSlug, Question, Story, StoryId

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from loopprep.bank import Bank
    from loopprep.classify.classifier import QuestionClassifier, Ranking
    from loopprep.text.embeddings import Embedder

    Floats = npt.NDArray[np.float32]

# How much each kind of evidence counts; principle fit leads because the user filed the
# story there on purpose, meaning and words break ties and find unfiled stories.
PRINCIPLE_WEIGHT = 0.5
MEANING_WEIGHT = 0.3
WORDS_WEIGHT = 0.2
# Cosine similarity of a question and a story note rarely leaves 0.1-0.6.
MEANING_FLOOR, MEANING_SPAN = 0.1, 0.5
STORY_KIND = "story"


@dataclass(frozen=True)
class StoryMatch:
    """One story for a question, with the evidence behind its score (all in 0..1)."""

    story_id: StoryId
    title: str
    score: float
    principle: PrincipleSlug | None
    reason: str
    principle_fit: float
    meaning: float
    shared_words: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"story_id": self.story_id, "title": self.title, "score": round(self.score, 4),
                "principle": self.principle, "reason": self.reason,
                "principle_fit": round(self.principle_fit, 4), "meaning": round(self.meaning, 4),
                "shared_words": list(self.shared_words)}


def story_match_text(story: Story, questions: Sequence[Question] = ()) -> str:
    """What a story is matched on: everything known about it, plus the questions from the
    notes that it answers (with their outlines)."""
    parts = [story.text]
    for question in questions:
        parts += [question.text, question.outline]
    return "\n".join(p for p in parts if p.strip())


def story_vectors(bank: Bank, texts: dict[StoryId, str], embedder: Embedder
                  ) -> tuple[dict[StoryId, Floats], list[StoryId]]:
    """Embeddings of the stories' match texts, from the store's cache where the text is
    unchanged; returns them and the ids that had to be (re)computed."""
    import numpy as np

    from loopprep.store import embeddings as cache

    hashes: dict[str, str] = {sid: hashlib.sha256(text.encode("utf-8")).hexdigest()
                              for sid, text in texts.items()}
    model = embedder.fingerprint
    found = cache.cached(bank.store, STORY_KIND, hashes, model)
    out: dict[StoryId, Floats] = {StoryId(k): np.frombuffer(v, dtype="<f4") for k, v in found.items()}
    missing = [sid for sid in texts if sid not in out]
    if missing:
        vectors = embedder.embed([texts[sid] for sid in missing])
        for sid, vector in zip(missing, vectors, strict=True):
            out[sid] = vector
        cache.save(bank.store, STORY_KIND,
                   [(sid, hashes[sid], vectors[i].astype("<f4").tobytes())
                    for i, sid in enumerate(missing)], model)
    return out, missing


def match_stories(bank: Bank, question: str, *, limit: int = 5) -> list[StoryMatch]:
    """The bank's active stories ranked for `question`, best first, at most `limit`."""
    from loopprep.classify.classifier import get_classifier

    if not any(ch.isalpha() for ch in question):
        raise LoopprepError("the question has no words", hint="Type the question in quotes.")
    if limit < 1:
        raise LoopprepError("--limit must be at least 1")
    stories = bank.stories()
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
    from loopprep.classify.model import embedding_text

    q_vector = classifier.embedder.embed([embedding_text(question)])[0]
    weights = _word_weights(classifier)
    q_words = _content_words(question)
    names = {p.slug: p.name for p in bank.framework}
    matches = [
        _score(story, texts[story.id], float(vectors[story.id] @ q_vector), ranking, q_words,
               weights, names)
        for story in stories
    ]
    matches.sort(key=lambda m: (-m.score, m.story_id))
    return matches[:limit]


def _content_words(text: str) -> dict[str, str]:
    """Stemmed content word -> the word as written (first seen)."""
    import re

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


def _score(story: Story, text: str, cosine: float, ranking: Ranking, q_words: dict[str, str],
           weights: dict[str, float], names: dict[PrincipleSlug, str]) -> StoryMatch:
    best_filed = max(story.principles, key=ranking.score, default=None)
    top = ranking.top_score or 1.0
    fit = ranking.score(best_filed) / top if best_filed else 0.0
    meaning = min(max((cosine - MEANING_FLOOR) / MEANING_SPAN, 0.0), 1.0)
    s_words = set(_content_words(text))
    shared = [q_words[w] for w in q_words if w in s_words]
    default = max(weights.values(), default=1.0)
    total = sum(weights.get(w, default) for w in q_words) or 1.0
    overlap = sum(weights.get(w, default) for w in q_words if w in s_words) / total
    score = PRINCIPLE_WEIGHT * fit + MEANING_WEIGHT * meaning + WORDS_WEIGHT * overlap
    reasons = []
    if best_filed:
        share = ranking.score(best_filed)
        if best_filed == ranking.top:
            reasons.append(f"filed under {names.get(best_filed, best_filed)}, which this question "
                           f"probes ({share:.2f})")
        else:
            reasons.append(f"filed under {names.get(best_filed, best_filed)} ({share:.2f} for this "
                           f"question; it probes {names.get(ranking.top, ranking.top)} most)")
    else:
        reasons.append("not filed under any principle")
    if meaning >= 0.5:
        reasons.append(f"close in meaning ({cosine:.2f})")
    if shared:
        reasons.append("mentions " + ", ".join(f"'{w}'" for w in shared[:4]))
    return StoryMatch(story.id, story.title, score, best_filed, "; ".join(reasons), fit, cosine,
                      tuple(shared))
