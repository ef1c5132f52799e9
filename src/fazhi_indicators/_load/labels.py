"""Private: read the labels and sources that catalogue and profile files share."""

from __future__ import annotations

from collections.abc import Collection
from typing import cast, get_args

from fazhi_indicators._load.reader import Collector
from fazhi_indicators._load.tree import Node
from fazhi_indicators.definitions import Basis, Source, Text

__all__ = ["read_source", "read_text_pair"]


def read_text_pair(c: Collector, node: Node | None) -> Text | None:
    """A ``{zh: ..., en: ...}`` label."""
    mapping = c.mapping(node, what="a {zh, en} label") if node is not None else None
    if mapping is None:
        return None
    if not c.keys(mapping, required=("zh", "en"), allowed=("zh", "en")):
        return None
    zh, en = c.text(mapping.items["zh"]), c.text(mapping.items["en"])
    return Text(zh=zh, en=en) if zh and en else None


def read_source(
    c: Collector, node: Node | None, *, bases: Collection[str] = get_args(Basis)
) -> Source | None:
    """A ``{basis, title, url, note}`` source whose basis is one of ``bases``."""
    mapping = c.mapping(node) if node is not None else None
    if mapping is None:
        return None
    if not c.keys(mapping, required=("basis",), allowed=("basis", "title", "url", "note")):
        return None
    basis_node = mapping.items["basis"]
    basis = c.text(basis_node)
    allowed = tuple(bases)
    if basis is not None and basis not in allowed:
        c.add(
            basis_node,
            "bad-basis",
            f"basis must be one of {', '.join(allowed)}; found {basis!r}",
            f"basis 应为 {'、'.join(allowed)} 之一，实际为“{basis}”",
        )
        return None
    if basis is None:
        return None
    title = c.text(mapping.items["title"]) if "title" in mapping.items else ""
    url = c.text(mapping.items["url"]) if "url" in mapping.items else None
    note = c.text(mapping.items["note"]) if "note" in mapping.items else None
    return Source(basis=cast("Basis", basis), title=title or "", url=url, note=note)
