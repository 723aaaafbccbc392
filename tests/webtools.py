"""Helpers for the web tests: the app in-process with a fixed clock and token, a real
uvicorn server on a free localhost port, and the script payloads the pages must defuse."""

from __future__ import annotations

import io
import re
import threading
import time
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from html import unescape
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from loopprep.web.app import create_app

TOKEN = "test-token-0123456789"
NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
BASE = "http://127.0.0.1:8765"

#: Each sets window.__pwned (or opens a dialog) if it ever runs.
PAYLOADS = (
    "<script>window.__pwned = 1</script>",
    "<img src=x onerror=\"window.__pwned=2\">",
    "\"><svg onload=window.__pwned=3>",
    "[click me](javascript:window.__pwned=4)",
    "<a href=\"javascript:alert(5)\">link</a>",
    "'><iframe srcdoc=\"<script>parent.__pwned=6</script>\"></iframe>",
    "<div hx-get=\"/settings\" hx-trigger=\"load\" hx-on:htmx:after-request=\"window.__pwned=7\">x</div>",
)


def client(home: Path, **options: Any) -> TestClient:
    """The app for `home` in-process; requests look like they come from its own pages."""
    app = create_app(home, token=TOKEN, clock=lambda: NOW, **options)
    return TestClient(app, base_url=BASE, headers={"origin": BASE})


def form(data: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Form data with the page's token, as the app's forms send it."""
    return {"csrf_token": TOKEN, **(data or {})}


def editor_form(html: str, **changes: str) -> dict[str, str]:
    """What the browser sends from a story page's editor: every field as shown (with the
    fingerprints it was loaded with), with `changes` typed in."""
    data = {"csrf_token": TOKEN}
    for name in ("title", "org", "date", "tags"):
        data[name] = _found(rf'name="{name}" value="([^"]*)"', html)
    for name in ("situation", "task", "action", "result", "lessons", "metrics"):
        data[name] = _found(rf'name="{name}"[^>]*>([^<]*)</textarea>', html)
    data.update({f"base_{k}": v for k, v in re.findall(r'name="base_(\w+)" value="([0-9a-f]+)"', html)})
    data.update(changes)
    return data


def _found(pattern: str, html: str) -> str:
    match = re.search(pattern, html)
    assert match, pattern
    return unescape(match.group(1))


def zip_bytes(members: Mapping[str, bytes | str], *, symlinks: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in symlinks:
                info.external_attr = (0o120777 << 16)
            archive.writestr(info, content)
    return buffer.getvalue()


class LiveServer:
    """The real app under uvicorn in a thread, on a free port of 127.0.0.1."""

    def __init__(self, home: Path, **options: Any) -> None:
        import uvicorn

        from loopprep.web.server import address_of, bind

        self.app = create_app(home, **options)
        self.sock = bind("127.0.0.1", 0)
        self.url = address_of(self.sock).rstrip("/")
        self.app.state.loopprep.address = self.url
        config = uvicorn.Config(self.app, log_level="warning", access_log=False, lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True)

    @property
    def token(self) -> str:
        token: str = self.app.state.loopprep.token
        return token

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the web app did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()
