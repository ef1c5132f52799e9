"""The official indicator tree (一级 / 二级 / 三级) of one edition, as far as it is known.

The national demonstration indicator system comes in editions (2019, 2021, the
application guide) whose tables are only partly public.  An :class:`Edition` holds
the counts of each level as data, the nodes whose text has been seen, and every
other position as an *untranscribed* node, so that nothing is filled in by guess
and a scorecard can say how much of the official table it covers.

A node's id is its level's word and its position in the whole table of that level:
``area-1`` (一级), ``group-1`` (二级), ``item-27`` (三级, numbered 1…100 across the
2021 table).  With the edition it is written ``2021/item-27``.  Ids never depend on
parents, which are unknown for most nodes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from attrs import field, frozen

from fazhi_indicators.errors import UnknownIdError

__all__ = [
    "LEVEL_NAMES",
    "LEVEL_WORDS",
    "Additional",
    "Confidence",
    "Edition",
    "Label",
    "Level",
    "LevelInfo",
    "Node",
    "TreeSource",
    "node_id",
    "split_reference",
]

Level = Literal[1, 2, 3]
#: How sure the sources make a count or a node: high, medium or low, as the
#: reference notes grade them.
Confidence = Literal["high", "medium", "low"]
#: The word that starts a node id at each level.
LEVEL_WORDS: Mapping[int, str] = {1: "area", 2: "group", 3: "item"}
#: Each level's name in Chinese and English.
LEVEL_NAMES: Mapping[int, tuple[str, str]] = {
    1: ("一级指标", "level-1 indicator"),
    2: ("二级指标", "level-2 indicator"),
    3: ("三级指标", "level-3 item"),
}


def node_id(level: int, position: int) -> str:
    """The id of the node at ``position`` (1-based) of ``level``: ``item-27``."""
    return f"{LEVEL_WORDS[level]}-{position}"


def split_reference(reference: str) -> tuple[str, str] | None:
    """``"2021/item-3"`` as ``("2021", "item-3")``; ``None`` without exactly one slash."""
    edition, slash, node = reference.partition("/")
    if not slash or not edition or not node or "/" in node:
        return None
    return edition, node


@frozen(kw_only=True)
class Label:
    """A name in Chinese and English (this module sits below the catalogue's ``Text``)."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        """The name in ``lang`` (``zh`` or ``en``)."""
        return self.zh if lang == "zh" else self.en


@frozen(kw_only=True)
class TreeSource:
    """Where a count or a node was read: a document, its address, what it showed."""

    title: str = ""
    url: str | None = None
    note: str | None = None


@frozen(kw_only=True)
class Node:
    """One position of one level of the table, transcribed or not."""

    id: str
    level: Level
    #: 1-based place in the whole table of its level.
    position: int
    #: The parent node's id, when known (never for level 1).
    parent: str | None = None
    #: The heading as printed, with its number (``一、政府职能依法全面履行``).
    printed: str | None = None
    #: The node's name (一级/二级) or a short paraphrase of the item (三级).
    name: Label | None = None
    #: Whether ``name`` paraphrases the official text rather than quoting it.
    paraphrased: bool = False
    #: Short phrases quoted verbatim from the item (thresholds such as 「全部取消」).
    quotes: tuple[str, ...] = ()
    #: Whether its text has been seen; an untranscribed node is a position only.
    transcribed: bool = True
    confidence: Confidence = "high"
    source: TreeSource | None = None

    def title(self, lang: str = "zh") -> str:
        """How a report names the node: its printed heading, name, or position."""
        if lang == "zh" and self.printed and self.name and self.level < 3:
            return self.printed
        if self.name is not None:
            if self.level < 3:
                return self.name.get(lang)
            separator = "." if lang == "zh" else ". "
            return f"{self.position}{separator}{self.name.get(lang)}"
        zh, en = LEVEL_NAMES[self.level]
        if lang == "zh":
            return f"{zh}第{self.position}项（未录入）"
        return f"{en} {self.position} (not transcribed)"


@frozen(kw_only=True)
class LevelInfo:
    """What is known of one level: how many nodes it has and how sure that is."""

    level: Level
    count: int
    confidence: Confidence
    source: TreeSource | None = None
    #: Names reported for this level whose place in the table is not known.
    names_seen: tuple[Label, ...] = ()


@frozen(kw_only=True)
class Additional:
    """Items outside the three levels (the 2019 edition's 附加项): a count only."""

    count: int
    name: Label


@frozen(kw_only=True)
class Edition:
    """One edition of the official table: its levels, counts and nodes."""

    id: str
    name: Label
    issuer: Label | None
    confidence: Confidence
    source: TreeSource
    levels: tuple[LevelInfo, ...]
    #: Every node, transcribed or not, by id, level by level in table order.
    nodes: Mapping[str, Node] = field(factory=dict)
    additional: Additional | None = None
    #: The file it was read from, for messages.
    file: str | None = None

    def node(self, node_id: str) -> Node:
        """The node with this id, or :class:`UnknownIdError` with suggestions."""
        try:
            return self.nodes[node_id]
        except KeyError:
            raise UnknownIdError("tree node", node_id, self.nodes) from None

    def level(self, level: int) -> tuple[Node, ...]:
        """The nodes of one level, in table order."""
        return tuple(n for n in self.nodes.values() if n.level == level)

    def count(self, level: int) -> int:
        """How many nodes the level has in the official table."""
        return next(info.count for info in self.levels if info.level == level)

    def children(self, node_id: str) -> tuple[Node, ...]:
        """The nodes known to sit directly under ``node_id``."""
        return tuple(n for n in self.nodes.values() if n.parent == node_id)

    def transcribed(self, level: int) -> int:
        """How many nodes of the level have been transcribed."""
        return sum(1 for n in self.level(level) if n.transcribed)
