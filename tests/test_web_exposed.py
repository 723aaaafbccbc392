"""A server bound beyond loopback stays locked: it answers only to its own names (no DNS
rebinding), never reads a path on this computer for a page, and says plainly what it
exposes."""

from __future__ import annotations

import socket
from pathlib import Path

import httpx2
import pytest
from starlette.routing import Route
from starlette.testclient import TestClient

from loopprep.web.app import create_app
from loopprep.web.server import allowed_hosts_for, exposure_warning
from test_web_serve import running
from webtools import NOW, TOKEN, form

FOREIGN = "rebound.attacker.example"


def _client(home: Path, host_header: str) -> TestClient:
    app = create_app(home, token=TOKEN, clock=lambda: NOW, allowed_hosts=allowed_hosts_for("0.0.0.0"))
    base = f"http://{host_header}:8765"
    return TestClient(app, base_url=base, headers={"origin": base})


def _paths(client: TestClient) -> list[str]:
    return sorted({r.path for r in client.app.routes  # type: ignore[attr-defined]
                   if isinstance(r, Route) and "{" not in r.path} | {"/static/loopprep.css"})


def test_a_foreign_host_name_gets_400_on_every_route(loopprep_home: Path) -> None:
    client = _client(loopprep_home, FOREIGN)
    paths = _paths(client)
    assert len(paths) > 10
    for path in paths:
        for method in ("GET", "POST"):
            answer = client.request(method, path, data=form() if method == "POST" else None)
            assert answer.status_code == 400, (method, path, answer.status_code)
            assert TOKEN not in answer.text


def test_the_machines_own_names_are_answered(loopprep_home: Path) -> None:
    for name in ("127.0.0.1", socket.gethostname()):
        assert _client(loopprep_home, name).get("/").status_code == 200
    assert "*" not in allowed_hosts_for("0.0.0.0")
    assert FOREIGN in allowed_hosts_for("0.0.0.0", [FOREIGN.upper()])


def test_importing_a_path_is_off_when_exposed(loopprep_home: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("## Ownership\n- Project Nightjar: the secret one\n", "utf-8")
    client = _client(loopprep_home, "127.0.0.1")
    assert "Turned off" in client.get("/import").text
    answer = client.post("/import/path", data=form({"path": str(secret)}))
    assert answer.status_code == 403 and "turned off" in answer.text
    assert "Nightjar" not in client.get("/stories").text


def test_the_warning_says_what_is_exposed() -> None:
    warning = exposure_warning("0.0.0.0") or ""
    for words in ("read your whole story bank", "change them", "Importing a path"):
        assert words in warning


@pytest.mark.parametrize("host_header, status", [(FOREIGN, 400), ("127.0.0.1", 200)])
def test_the_real_server_on_all_interfaces_refuses_foreign_names(
        tmp_path: Path, host_header: str, status: int) -> None:
    with running("--home", str(tmp_path), "serve", "--host", "0.0.0.0", "--port", "0",
                 "--no-open") as (url, _):
        port = url.rsplit(":", 1)[1].strip("/")
        answer = httpx2.get(f"http://127.0.0.1:{port}/", headers={"host": f"{host_header}:{port}"})
        assert answer.status_code == status


@pytest.mark.parametrize("kind", ["fields", "files"])
def test_too_many_fields_or_files_is_a_clear_400_not_a_500(loopprep_home: Path, kind: str) -> None:
    from loopprep.web.security import MAX_FORM_FIELDS, MAX_FORM_FILES
    from webtools import client

    web = client(loopprep_home)
    if kind == "fields":
        answer = web.post("/stories", data=form({f"f{i}": "x" for i in range(MAX_FORM_FIELDS + 5)}))
    else:
        files = [("notes", (f"n{i}.md", b"- x\n", "text/markdown")) for i in range(MAX_FORM_FILES + 5)]
        answer = web.post("/import/upload", data=form(), files=files)
    assert answer.status_code in (400, 413), answer.status_code
    assert "form could not be read" in answer.text and f"at most {MAX_FORM_FIELDS} fields" in answer.text
