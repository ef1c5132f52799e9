"""MkDocs hook: fill generated sections from the catalogue, the code and the changelog.

A page asks for a generated section with an HTML comment such as
``<!-- generated: catalogue -->``; nothing generated is ever written by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fazhi_indicators import load_catalog
from fazhi_indicators._catalogue_page import catalogue_markdown, error_codes_markdown
from fazhi_indicators.cli import help_texts

ROOT = Path(__file__).resolve().parents[1]


def _cli_help() -> str:
    return "\n".join(f"## `{title}`\n\n```text\n{text}```\n" for title, text in help_texts())


def _generated(name: str) -> str:
    if name == "catalogue":
        return catalogue_markdown(load_catalog(ROOT / "indicators"))
    if name == "error-codes":
        return error_codes_markdown()
    if name == "cli":
        return _cli_help()
    if name == "changelog":
        text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
        return text.split("\n", 1)[1]
    raise ValueError(f"unknown generated section {name!r}")


def on_page_markdown(markdown: str, **_: Any) -> str:  # noqa: ANN401 - MkDocs passes more
    """Replace each ``<!-- generated: NAME -->`` with its generated Markdown."""
    for name in ("catalogue", "error-codes", "cli", "changelog"):
        marker = f"<!-- generated: {name} -->"
        if marker in markdown:
            markdown = markdown.replace(marker, _generated(name))
    return markdown
