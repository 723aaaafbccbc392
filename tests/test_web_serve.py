"""`loopprep serve` and `loopprep demo` as a user runs them: a real process that prints its
address, answers on 127.0.0.1 only by default, and explains a busy port."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2
import pytest

from loopprep.web.server import allowed_hosts_for, exposure_warning


@contextmanager
def running(*args: str, program: tuple[str, ...] = (sys.executable, "-m", "loopprep"),
            cwd: Path | None = None) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """Run `program ARGS` (default `python -m loopprep`), wait for the address it prints,
    stop it afterwards."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"DISPLAY": ""}
    process = subprocess.Popen([*program, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=env, cwd=cwd)
    try:
        deadline = time.monotonic() + 30
        assert process.stdout is not None
        for line in process.stdout:
            found = re.search(r"is serving .* at (http://\S+)", line)
            if found:
                yield found.group(1), process
                return
            assert time.monotonic() < deadline, "no address printed"
        raise AssertionError(f"the server stopped: {process.stderr.read() if process.stderr else ''}")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_serve_prints_a_local_address_and_answers(tmp_path: Path) -> None:
    with running("--home", str(tmp_path), "serve", "--port", "0", "--no-open") as (url, process):
        assert url.startswith("http://127.0.0.1:")
        assert "token" not in url
        assert httpx2.get(url + "health").json() == {"ok": True}
        page = httpx2.get(url)
        assert page.status_code == 200 and "Your story bank is empty" in page.text
        assert str(tmp_path) in httpx2.get(url + "settings").text
    assert process.returncode == 0


def test_a_busy_port_is_explained(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "loopprep", "--home", str(tmp_path), "serve",
                                 "--port", str(port), "--no-open"], capture_output=True, text=True,
                                timeout=60)
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port 0" in result.stderr
    assert "Traceback" not in result.stderr


def test_demo_serves_the_bundled_example(tmp_path: Path) -> None:
    with running("--home", str(tmp_path), "demo", "--port", "0", "--no-open") as (url, _):
        assert "PARCELIO" in httpx2.get(url + "stories").text
        assert "Frugality" in httpx2.get(url).text
    assert (tmp_path / "demo" / "loopprep.db").exists()


@pytest.mark.parametrize(("host", "exposed"), [
    ("127.0.0.1", False), ("localhost", False), ("::1", False), ("127.0.0.2", False),
    ("0.0.0.0", True), ("192.168.1.20", True), ("::", True),
])
def test_binding_beyond_this_computer_warns(host: str, exposed: bool) -> None:
    warning = exposure_warning(host)
    assert (warning is not None) == exposed
    hosts = allowed_hosts_for(host)
    assert {"127.0.0.1", "localhost", "::1"} <= set(hosts)
    assert "*" not in hosts  # never every name: that is what DNS rebinding needs


def test_the_command_line_does_not_load_the_web_stack() -> None:
    code = ("import sys; from loopprep.launch import app; "
            "print(','.join(m for m in ('starlette', 'jinja2', 'uvicorn', 'nh3', 'markdown_it', "
            "'multipart', 'loopprep.web') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
