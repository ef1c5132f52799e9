"""Every example in docs/ runs as written: Python blocks, and `fazhi` commands."""

from __future__ import annotations

import inspect
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from types import FunctionType

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))


def _blocks(page: Path, language: str) -> list[str]:
    """A page's code blocks, dedented and preceded by blank lines up to where they start.

    The padding keeps each line at its line number in the page, so tracebacks point into
    the page and `inspect.getsource` (which Hypothesis calls) reads the right lines.
    """
    pattern = rf"^( *)```{language}\n(.+?)\n\1```"
    text = page.read_text(encoding="utf-8")
    return [
        "\n" * text.count("\n", 0, match.start(2))
        + "\n".join(line[len(match[1]) :] for line in match[2].splitlines())
        for match in re.finditer(pattern, text, re.DOTALL | re.MULTILINE)
    ]


def _ids(page: Path) -> str:
    return str(page.relative_to(DOCS))


PYTHON_PAGES = [p for p in PAGES if _blocks(p, "python")]
COMMANDS = [
    (page, line)
    for page in PAGES
    for block in _blocks(page, "sh")
    for line in block.splitlines()
    if line.startswith("fazhi ")
]


def test_docs_have_examples() -> None:
    """The tutorial and how-to pages carry runnable examples of both kinds."""
    assert len(PYTHON_PAGES) >= 8
    assert len(COMMANDS) >= 6


def run_python_examples(page: Path) -> dict[str, object]:
    """Run a page's blocks in one namespace, then every test_* function they define."""
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for block in _blocks(page, "python"):
        exec(compile(block, str(page), "exec"), namespace)  # noqa: S102 - our own docs
    for name, value in list(namespace.items()):
        if name.startswith("test_") and callable(value):
            value()
    return namespace


@pytest.mark.parametrize("page", PYTHON_PAGES, ids=_ids)
def test_page_examples_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each page's examples run from the project folder."""
    monkeypatch.chdir(ROOT)
    run_python_examples(page)


def test_a_broken_example_fails(tmp_path: Path) -> None:
    """An example broken on purpose makes the harness fail, so docs cannot rot silently."""
    page = tmp_path / "broken.md"
    page.write_text(
        "```python\nimport fazhi_indicators as fz\n"
        "assert fz.example_path('shenqiu-2023').name == 'wrong.yaml'\n```\n",
        encoding="utf-8",
    )
    with pytest.raises(AssertionError):
        run_python_examples(page)


def test_example_source_is_read_from_its_own_lines() -> None:
    """A function defined in a page reads back its own source, not the prose above it.

    Hypothesis reads a test's source with `inspect.getsource`; from the wrong lines that
    is the page's prose, which Python 3.12's tokenizer refuses.
    """
    page = ROOT / "tests" / "fixtures" / "docs" / "example-after-prose.md"
    namespace = run_python_examples(page)
    lines = page.read_text(encoding="utf-8").splitlines()
    test, double = namespace["test_counts_are_not_negative"], namespace["double"]
    assert isinstance(test, FunctionType)
    assert isinstance(double, FunctionType)
    assert "\n".join(lines[8:12]) + "\n" == inspect.getsource(test)
    assert "\n".join(lines[17:19]) + "\n" == inspect.getsource(double)


@pytest.mark.parametrize(
    ("page", "command"), COMMANDS, ids=[f"{_ids(p)}: {c}" for p, c in COMMANDS]
)
def test_page_commands_run(page: Path, command: str) -> None:
    """Each `fazhi` command in the docs runs from the project folder without error."""
    args = shlex.split(command)[1:]
    result = subprocess.run(
        [sys.executable, "-m", "fazhi_indicators.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env={**os.environ, "FAZHI_DEBUG": "1"},
    )
    assert result.returncode in (0, 1), f"{page}: {command}\n{result.stderr}"
    assert result.stdout
