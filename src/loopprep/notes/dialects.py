"""Notes kept in another markup than Markdown (org-mode, AsciiDoc, reStructuredText,
Confluence wiki markup or Textile, MediaWiki or DokuWiki) or as records (a YAML or JSON
story bank), recognised by their own markers or by the file's suffix, and rewritten line
for line into the Markdown the rest of `notes/` reads, so every file:line a report gives
still points at the user's own text. Markdown notes pass through untouched.
"""

from __future__ import annotations

from pathlib import Path

from loopprep.errors import NotesError
from loopprep.model import Framework
from loopprep.notes.asciidoc import ASCIIDOC_SUFFIXES, asciidoc_to_markdown, looks_like_asciidoc
from loopprep.notes.confluence import confluence_to_markdown, looks_like_confluence
from loopprep.notes.dokuwiki import dokuwiki_to_markdown, looks_like_dokuwiki
from loopprep.notes.export_header import export_header
from loopprep.notes.frontmatter import RefusedYAML
from loopprep.notes.hashtags import principle_hashtags
from loopprep.notes.html_markup import html_markup
from loopprep.notes.mediawiki import looks_like_mediawiki, mediawiki_to_markdown
from loopprep.notes.org import ORG_SUFFIXES, TagFilter, looks_like_org, org_to_markdown
from loopprep.notes.principle_names import abbreviations, principle_list
from loopprep.notes.records import RECORD_SUFFIXES, records_to_markdown
from loopprep.notes.rst import RST_SUFFIXES, looks_like_rst, rst_to_markdown


def as_markdown(text: str, path: Path, framework: Framework | None = None) -> str:
    """`text` as Markdown: org-mode, AsciiDoc, reStructuredText, Confluence markup and
    YAML/JSON records rewritten (see the module docstring), anything else as it is; HTML
    and attribute markup read as Markdown (`notes.html_markup`); then a note export's
    metadata block (`notes.export_header`) and hashtags that spell a principle
    (`#BiasForAction`, `notes.hashtags`) as the `#lp/…` tags read later."""
    markdown = html_markup(_as_markdown(text, path, framework))
    if framework is None:
        return markdown
    return principle_hashtags(export_header(markdown, framework), framework)


def _as_markdown(text: str, path: Path, framework: Framework | None) -> str:
    suffix = path.suffix.lower()
    if suffix in RECORD_SUFFIXES:
        # JSON's tabs are whitespace only (a string holds none unescaped, RFC 8259), but
        # YAML, whose reader reads the JSON here, refuses them
        data = text.replace("\t", " ") if suffix == ".json" else text
        try:
            return records_to_markdown(data, framework) or text
        except RefusedYAML as refused:
            mark = refused.problem_mark
            raise NotesError(
                path, f"this story bank cannot be read: {refused.problem}",
                line=mark.line + 1 if mark is not None else 1,
                hint="Write each value out in full (no '&name' anchors or '*name' aliases), "
                     "with lists and maps only a few levels deep.",
            ) from None
    if suffix in RST_SUFFIXES:
        return rst_to_markdown(text)
    if suffix in ORG_SUFFIXES or (suffix not in ASCIIDOC_SUFFIXES and looks_like_org(text)):
        return org_to_markdown(text, _principle_tags(framework))
    if suffix not in ASCIIDOC_SUFFIXES and looks_like_dokuwiki(text):  # ('== T ==' both)
        return dokuwiki_to_markdown(text)
    if suffix not in ASCIIDOC_SUFFIXES and looks_like_mediawiki(text):
        return mediawiki_to_markdown(text)
    if suffix in ASCIIDOC_SUFFIXES or looks_like_asciidoc(text):
        return asciidoc_to_markdown(text)
    if looks_like_confluence(text):
        return confluence_to_markdown(text)
    if looks_like_rst(text):
        return rst_to_markdown(text)
    return text


def _principle_tags(framework: Framework | None) -> TagFilter | None:
    """Org headline tags are any labels (`:work:urgent:`); only those that name a
    principle, by name or abbreviation, are kept in the Markdown."""
    if framework is None:
        return None
    abbr = abbreviations(framework)

    def naming(tags: list[str]) -> list[str]:
        spelled = [tag.replace("_", " ") for tag in tags]  # ':dive_deep:'
        return [tag for tag in spelled if principle_list(tag, framework, abbr)]

    return naming
