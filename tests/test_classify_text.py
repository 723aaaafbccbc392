"""How the classifier reads a question: the ask without its stock opener and generic
follow-ups, the cue phrases, and the model file keeping those choices."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loopprep.classify.classifier import get_classifier
from loopprep.classify.model import QuestionModel, embedding_text
from loopprep.classify.text import CUES, clean_question, cue_terms, focus_question
from loopprep.frameworks import load_framework


@pytest.mark.parametrize(("question", "ask"), [
    ("Tell me about a time you missed a deadline. What happened?", "you missed a deadline."),
    ("Tell me about a time when you took a big risk. What was the outcome?",
     "you took a big risk."),
    ("Give me an example of a decision you made quickly. How did you handle it?",
     "a decision you made quickly."),
    ("Describe a situation where you disagreed with your manager. What did you learn?",
     "you disagreed with your manager."),
    ("Can you tell me about a time you cut costs? (Manager)", "you cut costs?"),
    ("Walk me through a launch you owned. What assumptions did you test first?",
     "launch you owned. What assumptions did you test first?"),
    ("Have you ever fixed another team's bug? What did you do?",
     "Have you ever fixed another team's bug?"),
    ("Biggest risk of your career?", "Biggest risk of your career?"),
])
def test_focus_keeps_the_ask(question: str, ask: str) -> None:
    assert focus_question(question) == ask


def test_focus_falls_back_when_nothing_is_asked() -> None:
    assert focus_question("Tell me about a time.") == "Tell me about a time."
    assert focus_question("(Manager) Give an example.") == "Give an example."
    assert focus_question("") == ""


@given(st.text(max_size=200))
def test_focus_never_fails_and_never_grows(text: str) -> None:
    focused = focus_question(text)
    assert isinstance(focused, str)
    assert len(focused) <= len(clean_question(text))


@pytest.mark.parametrize(("text", "cue"), [
    ("Tell me about a decision you made without all the data you wanted.",
     "cue:missing-information"),
    ("a call with insufficient information", "cue:missing-information"),
    ("you went ahead without approval", "cue:no-permission"),
    ("you gave up a short-term win", "cue:long-term"),
    ("work outside your area of responsibility", "cue:not-my-job"),
    ("you took a calculated risk", "cue:risk-taking"),
    ("the root cause of an outage", "cue:root-cause"),
    ("an under-performing member of your team", "cue:under-performing"),
])
def test_cue_phrases_are_found(text: str, cue: str) -> None:
    assert cue in cue_terms(text)


def test_a_risk_mentioned_is_not_a_risk_taken() -> None:
    assert "cue:risk-taking" not in cue_terms("How did you identify the risk and tell people?")


def test_cue_names_are_unique() -> None:
    names = [name for name, _ in CUES]
    assert len(names) == len(set(names))


def test_the_shipped_model_reads_the_ask_and_keeps_its_choices() -> None:
    model = get_classifier(load_framework("amazon")).model
    assert model is not None
    assert model.focus and model.index.focus and model.index.cue_weight > 0
    question = "Tell me about a time you missed a deadline. What happened?"
    assert model.embedding_text(question) == embedding_text(question, focus=True)
    again = QuestionModel.from_bytes(model.to_bytes())
    assert (again.focus, again.index.focus, again.index.cue_weight) == (
        model.focus, model.index.focus, model.index.cue_weight)
    assert any(term.startswith("cue:") for term in again.index.vocabulary)
