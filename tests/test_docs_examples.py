"""Every Python example in docs/ runs as written; test functions in it pass."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if "```python" in p.read_text(encoding="utf-8"))


def _blocks(page: Path) -> list[str]:
    return re.findall(r"```python\n(.+?)\n```", page.read_text(encoding="utf-8"), re.DOTALL)


def test_docs_have_examples() -> None:
    """The how-to pages carry runnable examples."""
    assert PAGES


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_page_examples_run(page: Path) -> None:
    """Each block runs in one namespace per page; every test_* function it defines passes."""
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for block in _blocks(page):
        exec(compile(block, str(page), "exec"), namespace)  # noqa: S102 - our own docs
    tests = [v for k, v in namespace.items() if k.startswith("test_") and callable(v)]
    for test in tests:
        test()
