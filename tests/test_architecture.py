"""The package keeps its layers: every module has one, and the core imports at the top."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "fazhi_indicators"
#: The pure core: no module here reads a file, and none imports inside a function.
CORE = (
    "errors",
    "exact",
    "definitions",
    "tree",
    "county",
    "compute",
    "points",
    "history",
    "audit",
    "ranking",
    "tables",
    "compare",
    "profile_summary",
    "rollup",
    "tree_listing",
    "scoring",
    "render",
)


def _layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layered = next(c for c in contracts if c["type"] == "layers")
    return [name.strip() for layer in layered["layers"] for name in re.split(r"[|:]", layer)]


def test_every_module_has_a_layer() -> None:
    """A new module must be placed in the import-linter layers, or the contract misses it."""
    modules = {
        path.stem if path.is_file() else path.name
        for path in PACKAGE.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__")
        or (path.is_dir() and (path / "__init__.py").exists())
    }
    assert modules == set(_layers())


def test_nothing_sits_below_the_core() -> None:
    """The core modules are the bottom layers: loading, the CLI and strategies sit above."""
    layers = _layers()
    assert set(CORE) == set(layers[-len(CORE) :])


@pytest.mark.parametrize("module", CORE)
def test_no_import_inside_a_function_of_the_core(module: str) -> None:
    """Imports hidden in function bodies hide dependencies (and once hid two cycles)."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    hidden = [
        f"{module}.py:{node.lineno}"
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
        if isinstance(node, ast.Import | ast.ImportFrom)
    ]
    assert [] == hidden


def test_private_modules_say_why_they_are_private() -> None:
    """Each private module's docstring starts by saying it is private, and why."""
    private = [p for p in PACKAGE.rglob("_*.py") if p.name != "__init__.py"]
    private += [
        p / "__init__.py"
        for p in PACKAGE.iterdir()
        if p.is_dir() and p.name.startswith("_") and p.name != "__pycache__"
    ]
    private += [p for p in (PACKAGE / "_load").glob("*.py") if p.name != "__init__.py"]
    for path in private:
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        assert docstring.startswith("Private: "), path
