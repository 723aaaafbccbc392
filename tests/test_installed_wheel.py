"""loopprep as users get it: build the wheel from these sources, install it (not editable)
into a new virtual environment, and walk the journey with that install's own `loopprep`,
run from a folder that holds no source. A data file missing from the wheel fails here.

The new environment gets its third-party dependencies by a `.pth` line pointing at the test
environment's site-packages (which already holds them), so the test needs no download; its
own site-packages comes first on sys.path, so `loopprep` itself is the freshly installed one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import httpx2
import pytest

from test_web_serve import running

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "loopprep"
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "NOTICE", "src")


def _run(args: list[str | Path], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=300,
                          **kwargs)  # type: ignore[call-overload,no-any-return]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the sources (the work tree is left untouched)."""
    tree = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, tree / name)
    out = tmp_path_factory.mktemp("wheel")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                  "--disable-pip-version-check", "--quiet", "--wheel-dir", out, tree])
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = out.glob("loopprep-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with the wheel installed; returns its `bin` folder."""
    venv = tmp_path_factory.mktemp("venv")
    made = _run([sys.executable, "-m", "venv", "--without-pip", venv])
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    done = _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps",
                 "--disable-pip-version-check", "--quiet", wheel])
    assert done.returncode == 0, done.stdout + done.stderr
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
                     ).stdout.strip())
    (site / "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    return venv / "bin"


def test_the_wheel_holds_every_file_of_the_package(wheel: Path) -> None:
    inside = set(zipfile.ZipFile(wheel).namelist())
    wanted = {"loopprep/" + p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*")
              if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}
    assert not wanted - inside, f"missing from the wheel: {sorted(wanted - inside)}"


def test_the_installed_package_is_the_wheel_not_the_sources(installed: Path, tmp_path: Path
                                                            ) -> None:
    where = _run([installed / "python", "-c", "import loopprep; print(loopprep.__file__)"],
                 cwd=tmp_path)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(installed.parent), where.stdout
    version = _run([installed / "loopprep", "--version"], cwd=tmp_path)
    assert re.fullmatch(r"loopprep \d+\.\d+\.\d+\S*\n", version.stdout), version.stdout


def test_the_journey_runs_from_the_installed_wheel(installed: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LOOPPREP_HOME")}
    env |= {"LOOPPREP_HOME": str(tmp_path / "home"), "DISPLAY": ""}
    answer = tmp_path / "answer.txt"
    answer.write_text("Our sign-up form lost a third of new users. I owned the fix: I read 200 "
                      "support tickets, cut the form to four fields and tested it. Sign-ups "
                      "rose 18 percent in a month.", "utf-8")
    example = _run([installed / "python", "-c",
                    "from loopprep.examples import example_notes_path; print(example_notes_path())"],
                   cwd=tmp_path, env=env).stdout.strip()
    steps: list[list[str | Path]] = [
        ["import", example, "--json"], ["coverage", "--json"], ["stories", "--json"],
        ["classify", "Tell me about a time you disagreed with your manager.", "--json"],
        ["analyze", answer, "--json"], ["plan", "--json"], ["progress", "--json"],
        ["readiness", "--json"], ["export", "cheatsheet", "--out", tmp_path / "sheet.html"],
        ["demo", "--no-serve"],
    ]
    for step in steps:
        done = _run([installed / "loopprep", *step], cwd=tmp_path, env=env)
        assert done.returncode == 0 and "Traceback" not in done.stderr, (step, done.stderr)
        if "--json" in step:
            json.loads(done.stdout)
    assert "<html" in (tmp_path / "sheet.html").read_text("utf-8").lower()
    coverage = json.loads(_run([installed / "loopprep", "coverage", "--json"], cwd=tmp_path,
                               env=env).stdout)
    assert coverage["stories"], "the bundled example gave no story"


def test_the_installed_server_answers(installed: Path, tmp_path: Path) -> None:
    with running("--home", str(tmp_path), "serve", "--port", "0", "--no-open",
                 program=(str(installed / "loopprep"),), cwd=tmp_path) as (url, server):
        assert httpx2.get(url + "health").json() == {"ok": True}
        assert httpx2.get(url).status_code == 200
    assert server.returncode == 0
    assert "Traceback" not in (server.stderr.read() if server.stderr else "")
