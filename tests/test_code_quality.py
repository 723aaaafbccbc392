"""The project's own checks run inside the test suite, so one command runs everything:
ruff (lint and import order), mypy --strict on the library, the layer contracts
(import-linter), no import cycle, small modules and functions, and README/CI agreement."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is not installed: pip install -e '.[dev]'"
    return found


def test_ruff() -> None:
    result = subprocess.run([_tool("ruff"), "check", "src", "tests", "bench"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = subprocess.run([_tool("mypy")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_quick_start_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "./scripts/demo" in readme and "./scripts/test" in readme
    assert "./scripts/test" in ci.split("exec", 1)[1]


def test_the_layer_contracts_hold() -> None:
    """.importlinter: data flows one way (edges, bank, features, store, model) and the CLI and
    the web app never import each other. Checked on the sources in src/."""
    result = subprocess.run([_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr


MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80
def _sources() -> list[Path]:
    return sorted((ROOT / "src" / "loopprep").rglob("*.py"))


def test_modules_and_functions_are_small() -> None:
    """One idea per module (at most 400 lines) and per function (at most 80)."""
    long_modules, long_functions = [], []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(ROOT / "src").as_posix()
        if text.count("\n") > MAX_MODULE_LINES:
            long_modules.append(f"{name}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long_functions.append(f"{name}:{node.name} ({length} lines)")
    assert not long_modules, long_modules
    assert not long_functions, long_functions


def test_no_module_imports_itself_round_a_cycle() -> None:
    """Every import among loopprep's modules (lazy and type-checking ones too) runs one way:
    the module graph has no strongly connected component bigger than one module."""
    import grimp

    graph = grimp.build_graph("loopprep", exclude_type_checking_imports=False)
    imports = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    cycles = [c for c in _components(imports) if len(c) > 1]
    assert not cycles, cycles


def test_the_cycle_finder_finds_cycles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert [c for c in _components(graph) if len(c) > 1] == [["a", "b", "c"]]


def _components(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively (no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(sorted(component))
    return found


def _top_level() -> set[str]:
    """loopprep's packages and modules (data folders without code are not layers)."""
    package = ROOT / "src" / "loopprep"
    names = {p.stem for p in package.glob("*.py") if not p.name.startswith("__")}
    names |= {p.name for p in package.iterdir()
              if (p / "__init__.py").is_file() and set(p.glob("*.py")) - {p / "__init__.py"}}
    return names


def test_every_part_of_loopprep_has_a_layer_and_a_line_in_the_readme() -> None:
    """A new package or module joins the layer contract and the README's map of the code."""
    contracts = (ROOT / ".importlinter").read_text(encoding="utf-8")
    layers = contracts.split("layers =", 1)[1].split("[importlinter:", 1)[0]
    in_layers = {name.split(".", 1)[1] for name in re.findall(r"loopprep\.[a-z_]+", layers)}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tree = readme.split("```\nsrc/loopprep/", 1)[1].split("```", 1)[0]
    in_tree = set(re.findall(r"([a-z_]+)(?:\.py|/)", tree))
    assert _top_level() - in_layers - {"__main__"} == set()
    assert _top_level() - in_tree - {"__main__"} == set()
