"""MkDocs hook: fill generated sections, and give Chinese pages their language.

A page asks for a generated section with an HTML comment such as
``<!-- generated: catalogue -->``; nothing generated is ever written by hand.
A page whose front matter says ``lang: zh`` is served as ``<html lang="zh">``, so that
browsers and screen readers pick Chinese glyphs and voices.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path
from typing import Any

import grimp
from mkdocs.exceptions import PluginError

from fazhi_indicators import load_catalog
from fazhi_indicators._catalogue_page import catalogue_markdown, error_codes_markdown
from fazhi_indicators.cli import help_texts

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "fazhi_indicators"

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 builds the docs with tomli
    import tomli as tomllib


def _short(module: str) -> str:
    return module.removeprefix(f"{PACKAGE}.") if module != PACKAGE else "(facade)"


def _summary(module: str) -> str:
    doc = importlib.import_module(module).__doc__ or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def _import_graph() -> str:
    """Every module of the package, layer by layer, with what it imports (run-time imports)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["type"] == "layers")["layers"]
    graph = grimp.build_graph(PACKAGE, exclude_type_checking_imports=True)
    rows = ["| layer | module | what it is | imports |", "|---|---|---|---|"]
    ordered = [(0, PACKAGE)]
    for number, layer in enumerate(layers, start=1):
        for name in (part.strip() for part in re.split(r"[|:]", layer)):
            ordered += [
                (number, m)
                for m in sorted(graph.modules)
                if m == f"{PACKAGE}.{name}" or m.startswith(f"{PACKAGE}.{name}.")
            ]
    for number, module in ordered:
        imported = sorted(_short(m) for m in graph.find_modules_directly_imported_by(module))
        uses = ", ".join(f"`{m}`" for m in imported) or "—"
        summary = _summary(module).replace("|", "\\|")
        rows.append(f"| {number or 'top'} | `{_short(module)}` | {summary} | {uses} |")
    return "\n".join(rows) + "\n"


def _cli_help() -> str:
    """Each command's help in English, then as a Chinese reader sees it (the default)."""
    english = [f"## `{title}`\n\n```text\n{text}```\n" for title, text in help_texts("en")]
    chinese = [f"### `{title}`\n\n```text\n{text}```\n" for title, text in help_texts("zh")]
    return "\n".join([*english, "## 中文帮助\n", *chinese])


def _generated(name: str) -> str:
    if name == "catalogue":
        return catalogue_markdown(load_catalog(ROOT / "indicators"))
    if name == "error-codes":
        return error_codes_markdown()
    if name == "cli":
        return _cli_help()
    if name == "import-graph":
        return _import_graph()
    if name == "changelog":
        text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
        return text.split("\n", 1)[1]
    raise ValueError(f"unknown generated section {name!r}")


def on_page_markdown(markdown: str, **_: Any) -> str:  # noqa: ANN401 - MkDocs passes more
    """Replace each ``<!-- generated: NAME -->`` with its generated Markdown."""
    for name in ("catalogue", "error-codes", "cli", "changelog", "import-graph"):
        marker = f"<!-- generated: {name} -->"
        if marker in markdown:
            markdown = markdown.replace(marker, _generated(name))
    return markdown


# The theme writes one language, the site's, on every page.
SITE_LANG = '<html lang="en" '


def on_post_page(output: str, *, page: Any, **_: Any) -> str:  # noqa: ANN401 - MkDocs objects
    """Declare the page's own language (front matter ``lang:``) on its ``<html>`` element."""
    lang = page.meta.get("lang")
    if lang is None:
        return output
    if not isinstance(lang, str) or not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", lang):
        raise PluginError(
            f"{page.file.src_path}: front matter lang: {lang!r} is not a language tag"
        )
    if output.count(SITE_LANG) != 1:
        raise PluginError(f"{page.file.src_path}: the theme no longer writes {SITE_LANG!r}")
    return output.replace(SITE_LANG, f'<html lang="{lang}" ', 1)
