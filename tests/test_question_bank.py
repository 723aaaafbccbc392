"""Data-quality tests for the question bank and the follow-up probes.

These check the shipped data files themselves: they parse, ids are well formed and
stable-looking, labels use the real principle slugs, every principle is well covered,
and no two questions are trivial rewordings of each other.
"""

from __future__ import annotations

import itertools
import json
import re
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parents[1] / "src" / "loopprep" / "data"
# Public questions kept for measuring the classifier only: nothing in the bank may copy them.
DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "lp_questions_dev.jsonl"
DEV_NEAR_DUPLICATE_JACCARD = 0.6

SLUGS = (
    "customer-obsession",
    "ownership",
    "invent-and-simplify",
    "are-right-a-lot",
    "learn-and-be-curious",
    "hire-and-develop-the-best",
    "insist-on-the-highest-standards",
    "think-big",
    "bias-for-action",
    "frugality",
    "earn-trust",
    "dive-deep",
    "have-backbone",
    "deliver-results",
    "earths-best-employer",
    "success-and-scale",
)
GAP_CODES = (
    "no-result",
    "no-metric",
    "we-not-i",
    "no-situation",
    "no-action",
    "no-task",
    "vague",
    "no-reflection",
    "no-failure",
    "no-disagreement",
    "too-long",
    "old-story",
)
MIN_PER_PRINCIPLE = 50
MIN_TOTAL = 800
NEAR_DUPLICATE_JACCARD = 0.8
QUESTION_KEYS = {"id", "text", "principles", "generic"}
ID_RE = re.compile(r"^(?P<slug>[a-z]+(?:-[a-z]+)*)-(?P<num>\d{3})$")


def _load(name: str) -> dict[str, Any]:
    with (DATA / name).open("rb") as f:
        return tomllib.load(f)


@pytest.fixture(scope="module")
def questions() -> list[dict[str, Any]]:
    data = _load("questions.toml")
    assert set(data) <= {"question", "retired"}, f"unexpected top-level keys: {sorted(data)}"
    return data["question"]


@pytest.fixture(scope="module")
def retired() -> list[str]:
    return list(_load("questions.toml").get("retired", []))


@pytest.fixture(scope="module")
def probes() -> dict[str, Any]:
    return _load("probes.toml")


# Words that every interview question shares ("Tell me about a time you ...", "Give me
# an example of ...") are dropped, so two questions compare on what they ask about.
BOILERPLATE = frozenset(
    """a an the and or but of to in on at for with from by as into about than then that this
    these those it its is are was were be been being do did does done have has had having
    i me my we our you your yours youve youre youd there their they them he she his her
    who what when where which why how can could would should will may might
    tell describe give example walk through share talk think recall like hear situation
    time times ever one some any just so if else also again once please""".split()
)


def _fold(word: str) -> str:
    # Crude plural folding so "savings"/"saving" or "companies"/"company" compare equal.
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def normalise_tokens(text: str) -> frozenset[str]:
    """Content words of a question: lower-cased, apostrophes dropped, boilerplate removed."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'", "").replace("\u2019", ""))
    return frozenset(_fold(w) for w in words if w not in BOILERPLATE)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def test_entries_have_the_right_fields_and_types(questions: list[dict[str, Any]]) -> None:
    bad = []
    for q in questions:
        keys = set(q)
        if not {"id", "text", "principles"} <= keys or not keys <= QUESTION_KEYS:
            bad.append((q.get("id"), sorted(keys)))
        elif not (
            isinstance(q["id"], str)
            and isinstance(q["text"], str)
            and isinstance(q["principles"], list)
            and all(isinstance(p, str) for p in q["principles"])
            and isinstance(q.get("generic", False), bool)
        ):
            bad.append((q["id"], "wrong types"))
    assert not bad, bad


def test_ids_are_well_formed_and_match_primary(questions: list[dict[str, Any]]) -> None:
    bad = []
    for q in questions:
        m = ID_RE.match(q["id"])
        if not m or q["principles"][:1] != [m["slug"]] or m["num"] == "000":
            bad.append(q["id"])
    assert not bad, f"ids must be <primary-slug>-<001..999>: {bad}"


def test_ids_are_unique(questions: list[dict[str, Any]]) -> None:
    dupes = [i for i, n in Counter(q["id"] for q in questions).items() if n > 1]
    assert not dupes, dupes


def test_retired_ids_are_never_reused(questions: list[dict[str, Any]], retired: list[str]) -> None:
    """A question withdrawn, or moved to another primary principle (which changes its id),
    leaves its id in `retired`; practice history may still point at it."""
    assert all(isinstance(i, str) and ID_RE.match(i) for i in retired), retired
    assert len(set(retired)) == len(retired), "an id is retired twice"
    reused = sorted(set(retired) & {q["id"] for q in questions})
    assert not reused, f"retired ids in use again: {reused}"
    assert retired == sorted(retired)


def test_principles_are_valid_slugs(questions: list[dict[str, Any]]) -> None:
    bad = []
    for q in questions:
        ps = q["principles"]
        if not ps or len(set(ps)) != len(ps) or any(p not in SLUGS for p in ps):
            bad.append((q["id"], ps))
    assert not bad, bad


def test_secondaries_are_few(questions: list[dict[str, Any]]) -> None:
    # A secondary is only for a principle the question genuinely probes too.
    bad = [q["id"] for q in questions if len(q["principles"]) > 3]
    assert not bad, bad


def test_texts_are_clean_questions(questions: list[dict[str, Any]]) -> None:
    bad = []
    for q in questions:
        t = q["text"]
        words = len(t.split())
        if t != t.strip() or "  " in t or not 4 <= words <= 70 or t[-1] not in '.?)"':
            bad.append((q["id"], t))
    assert not bad, bad


def test_every_principle_has_enough_primary_questions(questions: list[dict[str, Any]]) -> None:
    counts = Counter(q["principles"][0] for q in questions)
    short = {s: counts[s] for s in SLUGS if counts[s] < MIN_PER_PRINCIPLE}
    assert not short, f"fewer than {MIN_PER_PRINCIPLE} primary questions: {short}"
    assert len(questions) >= MIN_TOTAL


def test_generic_questions_are_present(questions: list[dict[str, Any]]) -> None:
    assert sum(1 for q in questions if q.get("generic")) >= 25


def test_no_duplicate_or_near_duplicate_texts(questions: list[dict[str, Any]]) -> None:
    tokens = [(q["id"], normalise_tokens(q["text"])) for q in questions]
    close = [
        (a, b, round(j, 2))
        for (a, ta), (b, tb) in itertools.combinations(tokens, 2)
        if (j := jaccard(ta, tb)) >= NEAR_DUPLICATE_JACCARD
    ]
    assert not close, f"near-duplicate questions (token Jaccard >= 0.8): {close}"


def test_near_duplicate_check_catches_rewordings() -> None:
    pairs = [
        ("Tell me about a time you took a risk.", "Give me an example of when you took a risk!"),
        (
            "Describe a time you saved your company money. How did you find the saving?",
            "Tell me about a time you saved the company money. How did you find those savings?",
        ),
    ]
    for a, b in pairs:
        assert jaccard(normalise_tokens(a), normalise_tokens(b)) >= NEAR_DUPLICATE_JACCARD
    assert jaccard(
        normalise_tokens("Tell me about a time you took a risk."),
        normalise_tokens("Tell me about a time you improved a process."),
    ) < NEAR_DUPLICATE_JACCARD


# "Tell me about a time when", "Give me an example of", "Describe a situation where" ...:
# dropped before comparing with the development set, so that two questions compare on
# what they ask.
STOCK_OPENER = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:(?:can|could) you\s+)?"
    r"(?:(?:tell|walk|talk) (?:me|us) (?:about|through|of)|give (?:me |us )?|share |describe |"
    r"provide |i'?d like to hear about|what'?s an example of)\s*"
    r"(?:an? |the |one )?(?:specific |recent )?(?:time|situation|example|instance|occasion)?\s*"
    r"(?:of )?(?:a time )?(?:when|where|in which)?\s*",
    re.IGNORECASE,
)


def ask_tokens(text: str) -> frozenset[str]:
    """Content words of a question after its stock opener."""
    return normalise_tokens(STOCK_OPENER.sub("", text.replace("\u2019", "'"), count=1))


def _dev_questions() -> list[dict[str, Any]]:
    if not DEV.exists():
        pytest.skip(f"no development set at {DEV}")
    return [json.loads(line) for line in DEV.read_text("utf-8").splitlines() if line.strip()]


def test_no_bank_question_or_probe_copies_a_development_question(
    questions: list[dict[str, Any]], probes: dict[str, Any]
) -> None:
    """The development set measures the classifier; a bank question (or probe) that is a
    near-duplicate of one of its questions would leak it into training."""
    dev = [(d["id"], ask_tokens(d["text"])) for d in _dev_questions()]
    ours = [(q["id"], ask_tokens(q["text"])) for q in questions]
    ours += [(f"probe:{text}", ask_tokens(text))
             for sect in probes.values() for v in sect.values() for text in v["probes"]]
    close = [
        (ours_id, dev_id, round(j, 2))
        for ours_id, tokens in ours
        for dev_id, dev_tokens in dev
        if (j := jaccard(tokens, dev_tokens)) >= DEV_NEAR_DUPLICATE_JACCARD
    ]
    assert not close, f"near-duplicates of development questions (token Jaccard >= 0.6): {close}"


def test_development_check_catches_rewordings() -> None:
    pairs = [
        ("Tell me about a time when you had to make a decision with incomplete data.",
         "Give me an example of a decision you had to make with incomplete data."),
        ("Describe a situation where you missed a deadline. What happened?",
         "Tell me about a time you missed a deadline and what happened."),
    ]
    for a, b in pairs:
        assert jaccard(ask_tokens(a), ask_tokens(b)) >= DEV_NEAR_DUPLICATE_JACCARD, (a, b)
    assert jaccard(
        ask_tokens("Tell me about a time you missed a deadline."),
        ask_tokens("Tell me about a time you cut costs without hurting quality."),
    ) < DEV_NEAR_DUPLICATE_JACCARD


def test_probes_cover_every_principle(probes: dict[str, Any]) -> None:
    section = probes.get("principle", {})
    assert set(section) == set(SLUGS), sorted(set(section) ^ set(SLUGS))
    bad = {s: len(v.get("probes", [])) for s, v in section.items()
           if not 10 <= len(v.get("probes", [])) <= 15}
    assert not bad, f"need 10-15 probes per principle: {bad}"


def test_probes_cover_every_gap_code(probes: dict[str, Any]) -> None:
    section = probes.get("gap", {})
    missing = set(GAP_CODES) - set(section)
    assert not missing, sorted(missing)
    bad = {c: len(v.get("probes", [])) for c, v in section.items()
           if not 4 <= len(v.get("probes", [])) <= 8}
    assert not bad, f"need 4-8 probes per gap code: {bad}"


def test_probes_are_unique_clean_strings(probes: dict[str, Any]) -> None:
    assert set(probes) == {"principle", "gap", "said"}  # said: probes on the answer's words
    texts = [p for sect in probes.values() for v in sect.values() for p in v["probes"]]
    assert all(isinstance(p, str) and p == p.strip() and p[-1] in ".?" for p in texts)
    dupes = [p for p, n in Counter(texts).items() if n > 1]
    assert not dupes, dupes


def test_readme_states_the_bank_size(questions: list[dict[str, Any]]) -> None:
    readme = (DATA.parents[2] / "README.md").read_text("utf-8")
    assert f"question bank ({len(questions):,} questions)" in readme
