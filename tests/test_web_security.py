"""The web app's locks: the token and Origin on every write, host names, security headers,
no user text ever becoming markup, upload limits, unsafe zips and path traversal."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape
from starlette.testclient import TestClient

from loopprep.bank import Bank
from loopprep.uploads import MAX_NOTES_BYTES, MAX_UPLOAD_BYTES
from loopprep.web.markup import Span, highlight, markdown
from loopprep.web.pages import HTMX
from webtools import BASE, NOW, PAYLOADS, TOKEN, client, form, zip_bytes


@pytest.fixture
def web(loopprep_home: Path) -> TestClient:
    return client(loopprep_home)


def story_count(home: Path) -> int:
    with Bank.open(home) as bank:
        return len(bank.stories())


class Inventory(HTMLParser):
    """Every element and attribute of a page, to find markup that could run script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "script" and not values.get("src", "").startswith("/static/"):
            self.problems.append(f"inline or foreign <script> {attrs}")
        if tag in ("iframe", "svg", "img", "object", "embed", "base", "style", "math"):
            self.problems.append(f"<{tag}> {attrs}")
        for name, value in values.items():
            if name.startswith("on") or name.startswith("hx-on") or name == "style":
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction", "hx-get", "hx-post"):
                target = value.strip().lower()
                if target.startswith(("javascript:", "vbscript:")) or (
                        target.startswith("data:") and not (tag == "link" and value == "data:,")):
                    self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "hx-trigger" and "load" in value:
                self.problems.append(f"<{tag} hx-trigger={value!r}>")


def markup_problems(html: str) -> list[str]:
    inventory = Inventory()
    inventory.feed(html)
    return inventory.problems


# --- writes need the token and the same origin ------------------------------------------


def test_writes_need_the_token(web: TestClient, loopprep_home: Path) -> None:
    before = story_count(loopprep_home)
    missing = web.post("/stories", data={"title": "Forged"})
    assert missing.status_code == 403 and "Reload the page" in missing.text
    wrong = web.post("/stories", data={"title": "Forged", "csrf_token": "guess"})
    assert wrong.status_code == 403
    not_ascii = web.post("/stories", data={"title": "Forged", "csrf_token": "ünïcode"})
    assert not_ascii.status_code == 403
    assert story_count(loopprep_home) == before
    by_header = web.post("/stories", data={"title": "From htmx"}, headers={"x-csrf-token": TOKEN},
                         follow_redirects=False)
    assert by_header.status_code == 303
    assert story_count(loopprep_home) == before + 1


def test_cross_origin_writes_are_refused(web: TestClient, loopprep_home: Path) -> None:
    for headers in ({"origin": "http://evil.example"}, {"origin": "null"},
                    {"origin": "http://127.0.0.1:9999"},
                    {"origin": "", "referer": "http://evil.example/page"}):
        sent = dict(headers)
        if sent.get("origin") == "":
            del sent["origin"]
            refused = TestClient(web.app, base_url=BASE).post(
                "/stories", data=form({"title": "Forged"}), headers=sent)
        else:
            refused = web.post("/stories", data=form({"title": "Forged"}), headers=sent)
        assert refused.status_code == 403, headers
        assert "another site" in refused.text
    assert story_count(loopprep_home) == 0
    no_origin = TestClient(web.app, base_url=BASE).post(
        "/stories", data=form({"title": "A script with the token"}), follow_redirects=False)
    assert no_origin.status_code == 303  # no Origin at all (curl): the token alone decides


def test_only_local_host_names_are_served(web: TestClient) -> None:
    rebinding = web.get("/", headers={"host": "attacker.example:8765"})
    assert rebinding.status_code == 400 and "host name" in rebinding.text
    assert web.get("/", headers={"host": "localhost:8765"}).status_code == 200
    assert web.get("/", headers={"host": "[::1]:8765"}).status_code == 200


def test_security_headers_on_every_response(web: TestClient) -> None:
    for response in (web.get("/"), web.get(f"/static/{HTMX}"), web.get("/static/loopprep.css"),
                     web.get("/no/such/page"), web.get("/coverage.json"),
                     web.post("/stories", data={"title": "x"})):
        headers = response.headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
    assert "no-store" in web.get("/").headers["cache-control"]


def test_htmx_is_vendored_and_configured_for_the_csp(web: TestClient) -> None:
    script = web.get(f"/static/{HTMX}")
    assert script.status_code == 200 and "htmx" in script.text[:200]
    assert "javascript" in script.headers["content-type"]
    assert "Zero-Clause BSD" in web.get("/static/htmx-2.0.11.LICENSE.txt").text
    page = web.get("/").text
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'>', page)
    assert config and '"allowEval": false' in config.group(1)
    assert '"includeIndicatorStyles": false' in config.group(1)
    assert '"allowScriptTags": false' in config.group(1)
    assert not re.search(r"https?://", re.sub(r'href="[^"]*"', "", page.split("<body", 1)[0]))


# --- user text never becomes markup ------------------------------------------------------


def hostile_notes() -> str:
    lines = ["---", "title: notes", "---", "# LPs"]
    for n, payload in enumerate(PAYLOADS):
        lines += [
            "## Dive Deep" if n % 2 else "## Frugality",
            f"Leaders dig in. {payload}",
            "### Me",
            f"- ACME{n}: {payload} saved 30%",
            f"\t- detail {payload}",
        ]
    lines += ["# Questions", f"1. Tell me about a time {PAYLOADS[0]} you failed.",
              f"   - ACME0 {PAYLOADS[1]}"]
    return "\n".join(lines) + "\n"


def test_payloads_in_titles_notes_and_answers_never_become_markup(
        web: TestClient, loopprep_home: Path, tmp_path: Path) -> None:
    notes = tmp_path / "hostile.md"
    notes.write_text(hostile_notes(), encoding="utf-8")
    assert web.post("/import/path", data=form({"path": str(notes)})).status_code == 200
    with Bank.open(loopprep_home) as bank:
        for n, payload in enumerate(PAYLOADS):
            story = bank.add_story(f"{payload} title {n}", now=NOW, principles=["ownership"])
            bank.update_story(story.id, {"situation": payload, "action": f"I did {payload}",
                                         "result": f"{payload} grew 40%", "lessons": payload,
                                         "org": payload, "metrics": [payload], "tags": [payload]},
                              now=NOW)
        ids = [s.id for s in bank.stories()]
    pages = ["/", "/stories", "/import", "/settings", "/?show=thin", "/stories?archived=1",
             "/plan", "/practice", "/questions?origin=notes"]
    pages += [f"/stories/{story_id}" for story_id in ids]
    pages += [f"/?q={p}" for p in PAYLOADS] + [f"/stories?q={p}" for p in PAYLOADS]
    for url in pages:
        page = web.get(url)
        assert page.status_code == 200, url
        assert markup_problems(page.text) == [], url
    listing = web.get("/stories").text
    for payload in PAYLOADS[:3]:
        assert f"{escape(payload)} title" in listing  # shown, as text
    for story_id in ids:
        review = web.post(f"/stories/{story_id}/check",
                          data=form({"result": f"{PAYLOADS[1]} up 25%", "action": PAYLOADS[0]}))
        assert markup_problems(review.text) == []
        assert "&lt;img src=x onerror=" in review.text
    for payload in PAYLOADS:
        for response in (
            web.post("/answer", data=form({"question": payload, "answer": f"I did {payload}."}),
                     headers={"hx-request": "true"}),
            web.post("/answer", data=form({"question": payload, "answer": payload * 3})),
            web.get("/questions", params={"q": payload}),
            web.get("/questions/fit", params={"question": payload}),
        ):
            assert response.status_code == 200
            assert markup_problems(response.text) == []
    web.post("/questions", data=form({"text": f"Tell me about {PAYLOADS[1]}"}))
    assert markup_problems(web.get("/questions?origin=user").text) == []
    reflected = [
        web.post("/import/path", data=form({"path": PAYLOADS[1]})),
        web.post("/stories", data=form({"title": PAYLOADS[0] * 1000})),
        web.post("/import/upload", data=form(), files={"notes": (PAYLOADS[1] + ".exe", b"x")}),
        web.post("/stories/tennet", data=form({"date": PAYLOADS[2]})),
    ]
    for response in reflected:
        assert response.status_code in (400, 404, 409), response.text[:300]
        assert markup_problems(response.text) == []


def test_markdown_is_sanitised() -> None:
    html = str(markdown("[x](javascript:alert(1)) <script>alert(2)</script> "
                        "<img src=x onerror=alert(3)> [ok](https://example.com) **bold**"))
    assert 'href="javascript:' not in html and "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "<strong>bold</strong>" in html
    assert 'href="https://example.com"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert markup_problems(html) == []
    tricky = str(markdown("[a](JaVaScRiPt:alert(1)) [b](data:text/html,<script>x</script>) "
                          "[c](vbscript:msgbox)"))
    assert markup_problems(tricky) == [] and "<a" not in tricky


def test_highlight_escapes_every_piece() -> None:
    text = "<b>x</b> cut costs 30% & more"
    marked = str(highlight(text, [Span(13, 20, "metric", '"><script>'), Span(0, 3, "flag")]))
    assert marked.startswith('<mark class="flag">&lt;b&gt;</mark>')
    assert '<mark class="metric" title="&#34;&gt;&lt;script&gt;">costs 3</mark>' in marked
    assert marked.endswith("0% &amp; more")
    nested = str(highlight("abcdef", [Span(0, 4, "a"), Span(2, 6, "b")]))
    assert nested == ('<mark class="a">ab</mark><mark class="a"><mark class="b">cd</mark></mark>'
                      '<mark class="b">ef</mark>')
    assert str(highlight("abc", [Span(2, 9, "out"), Span(1, 1, "empty")])) == "abc"


def test_pages_carry_no_inline_script_or_style(web: TestClient, example_notes: Path) -> None:
    web.post("/import/path", data=form({"path": str(example_notes)}))
    for url in ("/", "/stories", "/stories/irpwind", "/questions", "/answer", "/practice",
                "/plan", "/import", "/settings", "/nope"):
        page = web.get(url).text
        assert markup_problems(page) == [], url
        assert f'<script src="/static/{HTMX}" defer></script>' in page


# --- uploads: sizes, kinds, unsafe zips, traversal ---------------------------------------


def upload(web: TestClient, *files: tuple[str, bytes]) -> object:
    return web.post("/import/upload", data=form(),
                    files=[("notes", (name, data, "application/octet-stream")) for name, data in files])


def test_upload_limits_are_explained(web: TestClient, loopprep_home: Path) -> None:
    big = b"- ACME: did things\n" * (MAX_NOTES_BYTES // 19 + 10)
    too_big = web.post("/import/upload", data=form(), files={"notes": ("big.md", big)})
    assert too_big.status_code == 400 and "a notes file may be at most 5.0 MB" in too_big.text
    wrong_kind = web.post("/import/upload", data=form(), files={"notes": ("notes.pdf", b"%PDF")})
    assert wrong_kind.status_code == 400 and "Markdown notes (.md)" in wrong_kind.text
    nothing = web.post("/import/upload", data=form(), files={"notes": ("", b"")})
    assert nothing.status_code == 400 and "No file was uploaded" in nothing.text
    assert not (loopprep_home / "uploads").exists() or not any((loopprep_home / "uploads").iterdir())


def test_oversized_requests_are_cut_off(web: TestClient, loopprep_home: Path) -> None:
    huge = b"x" * (MAX_UPLOAD_BYTES + 512 * 1024)
    declared = web.post("/import/upload", data=form(), files={"notes": ("vault.zip", huge)})
    assert declared.status_code == 413 and "accepts at most 20 MB" in declared.text

    def chunks() -> Iterator[bytes]:
        boundary = b"--b\r\nContent-Disposition: form-data; name=\"notes\"; filename=\"a.md\"\r\n\r\n"
        yield boundary
        for _ in range(22):
            yield b"y" * (1024 * 1024)
        yield b"\r\n--b--\r\n"

    streamed = web.post("/import/upload", content=chunks(),
                        headers={"content-type": "multipart/form-data; boundary=b",
                                 "x-csrf-token": TOKEN})
    assert streamed.status_code == 413 and "larger than 20 MB" in streamed.text
    form_flood = web.post("/stories", data=form({"title": "t" * (3 * 1024 * 1024)}))
    assert form_flood.status_code == 413
    assert story_count(loopprep_home) == 0


@pytest.mark.parametrize("member", ["../evil.md", "notes/../../evil.md", "/tmp/evil.md",
                                    "C:/evil.md", "notes//evil.md", "..\\evil.md"])
def test_zip_slip_is_refused(web: TestClient, loopprep_home: Path, member: str) -> None:
    archive = zip_bytes({"vault/ok.md": "## Ownership\n### Me\n- ACME: fine\n", member: "- pwned\n"})
    refused = upload(web, ("vault.zip", archive))
    assert refused.status_code == 400, member  # type: ignore[attr-defined]
    assert "outside the upload" in refused.text  # type: ignore[attr-defined]
    assert not (loopprep_home / "evil.md").exists() and not (loopprep_home.parent / "evil.md").exists()
    assert not (loopprep_home / "uploads" / "vault").exists()
    assert story_count(loopprep_home) == 0


def test_zip_links_bombs_and_junk_are_refused(web: TestClient, loopprep_home: Path) -> None:
    link = zip_bytes({"vault/a.md": "- x\n", "vault/secret.md": "/etc/passwd"},
                     symlinks=("vault/secret.md",))
    assert "symbolic link" in upload(web, ("v.zip", link)).text  # type: ignore[attr-defined]
    bomb = zip_bytes({"vault/bomb.md": b"a" * (4 * 1024 * 1024)})
    assert len(bomb) < 20_000
    refused = upload(web, ("bomb.zip", bomb))
    assert refused.status_code == 400 and "zip bombs" in refused.text  # type: ignore[attr-defined]
    large = zip_bytes({"vault/large.md": b"a" * (MAX_NOTES_BYTES + 1)})
    assert "larger than 5.0 MB" in upload(web, ("large.zip", large)).text  # type: ignore[attr-defined]
    many = zip_bytes({f"vault/{n}.md": "x" for n in range(5001)})
    assert "the limit is 5,000" in upload(web, ("many.zip", many)).text  # type: ignore[attr-defined]
    junk = upload(web, ("junk.zip", b"PK\x03\x04 this is not a zip"))
    assert "is not a valid zip file" in junk.text  # type: ignore[attr-defined]
    assert story_count(loopprep_home) == 0


def test_a_zipped_vault_imports_and_skips_what_is_not_notes(web: TestClient,
                                                           loopprep_home: Path,
                                                           example_notes: Path) -> None:
    archive = zip_bytes({
        "Interviews/Amazon.md": example_notes.read_bytes(),
        "Interviews/attachments/diagram.png": b"\x89PNG....",
        "Interviews/.obsidian/workspace.md": "- not notes\n",
        "Interviews/sub/": b"",
    })
    done = upload(web, ("Interviews.zip", archive))
    assert done.status_code == 200  # type: ignore[attr-defined]
    assert "13 new" in done.text and "were not notes and were skipped" in done.text  # type: ignore[attr-defined]
    kept = loopprep_home / "uploads" / "Interviews" / "Interviews" / "Amazon.md"
    assert kept.read_bytes() == example_notes.read_bytes()
    assert not (loopprep_home / "uploads" / "Interviews" / "Interviews" / ".obsidian").exists()
    assert [p.name for p in (loopprep_home / "uploads").iterdir()] == ["Interviews"]
    again = upload(web, ("Interviews.zip", archive))
    assert "Nothing changed since the last import" in again.text  # type: ignore[attr-defined]


def test_upload_names_cannot_climb_out(web: TestClient, loopprep_home: Path) -> None:
    done = upload(web, ("../../../evil.md", b"## Ownership\n### Me\n- ACME: led the rollout\n"))
    assert done.status_code == 200  # type: ignore[attr-defined]
    assert (loopprep_home / "uploads" / "evil.md").is_file()
    assert not (loopprep_home.parent / "evil.md").exists()
    dotted = upload(web, ("..", b"x"))
    assert dotted.status_code == 400  # type: ignore[attr-defined]


def test_static_files_cannot_reach_the_database(web: TestClient, loopprep_home: Path) -> None:
    web.get("/")  # creates the database
    assert (loopprep_home / "loopprep.db").exists()
    for url in ("/static/../loopprep.db", "/static/%2e%2e/%2e%2e/loopprep.db",
                "/static/..%2f..%2floopprep.db", f"/static/{loopprep_home}/loopprep.db",
                "/static/../../../../etc/passwd"):
        response = web.get(url)
        assert response.status_code == 404, url
        assert b"SQLite format" not in response.content
