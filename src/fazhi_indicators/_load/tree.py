"""Private: the located YAML tree, in which every value remembers where it was written.

Loaders read these nodes rather than plain Python values so that each problem can
name where it is, and so that a scalar keeps its source text (``64.10%`` keeps its
two decimals).  A node also remembers its file: a profile that ``extends`` another
merges its parent's nodes into its own tree, and a problem in an inherited setting
must name the parent's file, not the child's.
"""

from __future__ import annotations

from typing import Any

from attrs import field, frozen

__all__ = ["Mapping", "Node", "Scalar", "Sequence", "key_scalar"]


@frozen(kw_only=True)
class _Located:
    line: int
    column: int
    path: str
    #: The file the node was read from; ``None`` when it was not read from a file.
    file: str | None = None


@frozen(kw_only=True)
class Scalar(_Located):
    """A scalar with its resolved Python value and the text as written."""

    value: Any
    text: str
    quoted: bool


@frozen(kw_only=True)
class Mapping(_Located):
    """A mapping with string keys, in file order; ``keys`` locate each key."""

    items: dict[str, Node]
    keys: dict[str, Scalar] = field(factory=dict)


@frozen(kw_only=True)
class Sequence(_Located):
    """A list of nodes."""

    items: tuple[Node, ...]


Node = Scalar | Mapping | Sequence


def key_scalar(name: str, line: int, column: int, path: str, file: str | None = None) -> Scalar:
    """A located key, for mappings built from something other than YAML (panel rows)."""
    return Scalar(
        value=name, text=name, quoted=False, line=line, column=column, path=path, file=file
    )
