"""An exported vault imported together with the notes it came from (both in one Obsidian
vault, or `loopprep import notes.md vault/`): each piece of text once per story, the same
stories and ids as the notes alone, and nothing lost when one of the copies goes away."""

from __future__ import annotations

from loopprep.model import Fragment, PrincipleSlug, SourceRef, fragment_text_key
from loopprep.store.stories import distinct_fragments


def test_same_text_is_compared_without_spacing_case_punctuation_or_markers() -> None:
    def frag(text: str, path: str, line: int, principle: str | None = None) -> Fragment:
        return Fragment(text, SourceRef(path, line), PrincipleSlug(principle) if principle else None)

    assert fragment_text_key("- PARCELIO:  late  deliveries.\n\t- no data on rural routes;") == (
        fragment_text_key("parcelio: Late deliveries\n  * No data on rural routes"))
    assert fragment_text_key("1. Shipped it!") == fragment_text_key("shipped it")
    assert fragment_text_key("shipped it") != fragment_text_key("shipped it late")
    kept = distinct_fragments([
        frag("TenneT again", "a.md", 3, "frugality"),
        frag("TenneT again", "a.md", 9, "think-big"),  # one note filing it twice: both stay
        frag("Cut compute cost 40%", "a.md", 12),
        frag("- tennet again.", "b.md", 1, "frugality"),  # the other note's copies: left out
        frag("tennet AGAIN", "b.md", 2, "think-big"),
        frag("cut compute cost 40% ", "b.md", 5),
        frag("A bullet only b.md has", "b.md", 7),
    ])
    assert [(f.source.path, f.source.line) for f in kept] == [
        ("a.md", 3), ("a.md", 9), ("a.md", 12), ("b.md", 7)]
