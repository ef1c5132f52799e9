"""Private: read the catalogue's dimensions (``dimensions.yaml``), checking them.

A dimension is a way reports break a figure down (申请事项, 行政管理类别); its
known categories give a report's free-text rows a code, so that two counties'
tables can be lined up.  The file is optional: a catalogue folder without it
simply knows no dimensions.
"""

from __future__ import annotations

from pathlib import Path

from fazhi_indicators._load.compose import read_yaml_checked
from fazhi_indicators._load.labels import read_source, read_text_pair
from fazhi_indicators._load.reader import Collector
from fazhi_indicators._load.tree import Node
from fazhi_indicators.definitions import Dimension, DimensionCategory, Text
from fazhi_indicators.errors import Problem

__all__ = ["read_dimensions"]

_KEYS = ("name", "categories", "source", "description")


def read_dimensions(path: Path) -> tuple[dict[str, Dimension], list[Problem]]:
    """The dimensions of ``path`` by id, and the problems found (none when it is absent)."""
    if not path.exists():
        return {}, []
    c, tree = read_yaml_checked(path)
    dimensions: dict[str, Dimension] = {}
    root = c.mapping(tree) if tree is not None else None
    if root is None or not c.keys(root, required=("dimensions",), allowed=("dimensions",)):
        return dimensions, c.problems
    for key, key_node, node in c.entries(root.items["dimensions"]):
        if c.identifier(key_node) is None:
            continue
        dimension = _dimension(c, key, node)
        if dimension is not None:
            dimensions[key] = dimension
    return dimensions, c.problems


def _dimension(c: Collector, key: str, node: Node) -> Dimension | None:
    mapping = c.mapping(node)
    if mapping is None or not c.keys(mapping, required=("name", "source"), allowed=_KEYS):
        return None
    name = read_text_pair(c, mapping.items["name"])
    source = read_source(c, mapping.items["source"])
    categories: list[DimensionCategory] = []
    for code, code_node, label_node in c.entries(mapping.items.get("categories")):
        category = _category(c, code, label_node)
        if c.identifier(code_node) is not None and category is not None:
            categories.append(category)
    if "description" in mapping.items:
        c.text(mapping.items["description"])
    if name is None or source is None:
        return None
    return Dimension(id=key, name=name, categories=tuple(categories), source=source)


def _category(c: Collector, code: str, node: Node) -> DimensionCategory | None:
    """``{zh, en, also: [...]}``: a category's names, and other names reports print for it."""
    mapping = c.mapping(node, what="a {zh, en} label")
    if mapping is None or not c.keys(mapping, required=("zh", "en"), allowed=("zh", "en", "also")):
        return None
    zh, en = c.text(mapping.items["zh"]), c.text(mapping.items["en"])
    also = [c.text(n) for n in c.sequence(mapping.items.get("also")) or ()]
    if zh is None or en is None or None in also:
        return None
    return DimensionCategory(
        code=code, name=Text(zh=zh, en=en), also=tuple(a for a in also if a is not None)
    )
