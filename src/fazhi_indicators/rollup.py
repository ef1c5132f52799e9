"""Roll a scorecard's points up the official indicator tree, level by level.

Profile items that name a 三级 item (``node: 2021/item-3``) add their points to
it, to its 二级 parent and to its 一级 grandparent.  Most parents are not yet
transcribed, so the points of an item whose parent is unknown are kept apart as
*unplaced* at that level rather than guessed into a node: every level then sums
to the same total, the sum of the items attached to the edition.  The coverage
says how much of the official table the profile scores, and how much of the
rest nobody can score yet because its text is unknown.

The scorecard's type is read only for annotations, so that rendering can call
this module without a cycle (``scoring`` calls ``render``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING

from attrs import frozen

from fazhi_indicators.definitions import Item
from fazhi_indicators.exact import format_number
from fazhi_indicators.tree import LEVEL_NAMES, Edition, Level, Node, split_reference

if TYPE_CHECKING:
    from fazhi_indicators.scoring import Scorecard

__all__ = [
    "NodePoints",
    "Points",
    "RollUp",
    "TreeCoverage",
    "editions_used",
    "level_rows",
    "rollup",
    "rollups",
]

#: The levels from the items up.
_UPWARDS: tuple[Level, ...] = (3, 2, 1)


@frozen(kw_only=True)
class Points:
    """Assured points, best-case points and the most possible, of some items."""

    low: Fraction = Fraction(0)
    high: Fraction = Fraction(0)
    max: Fraction = Fraction(0)
    #: The profile items summed, by item id, in profile order.
    items: tuple[str, ...] = ()

    def __add__(self, other: Points) -> Points:
        """The points of both sets of items."""
        return Points(
            low=self.low + other.low,
            high=self.high + other.high,
            max=self.max + other.max,
            items=self.items + other.items,
        )


@frozen(kw_only=True)
class NodePoints:
    """The points under one node of one level; ``node`` is ``None`` for the unplaced."""

    level: Level
    #: ``None``: items whose node at this level is not known (its parent is untranscribed).
    node: Node | None
    points: Points


@frozen(kw_only=True)
class TreeCoverage:
    """How much of an edition's 三级 items a profile scores."""

    edition: str
    #: 三级 items in the official table.
    count: int
    #: 三级 items at least one profile item names.
    scored: int
    #: Of the items not scored, how many have no text yet (untranscribed).
    untranscribed_not_scored: int

    @property
    def not_scored(self) -> int:
        """三级 items no profile item names."""
        return self.count - self.scored

    def text(self, lang: str = "zh") -> str:
        """One sentence: covers 3 of 100 三级 items; 97 not scored, of which 97 untranscribed."""
        if lang == "zh":
            return (
                f"覆盖{self.edition}版三级指标{self.count}项中的{self.scored}项；"
                f"{self.not_scored}项未计分，其中{self.untranscribed_not_scored}项尚未录入"
            )
        return (
            f"covers {self.scored} of {self.count} level-3 items of the {self.edition} edition;"
            f" {self.not_scored} not scored, of which {self.untranscribed_not_scored}"
            " untranscribed"
        )


@frozen(kw_only=True)
class RollUp:
    """A scorecard's points by node of one edition, for each level, and its coverage."""

    edition: Edition
    #: For levels 3, 2 and 1: the nodes that hold points in table order, then the
    #: unplaced (``node`` is ``None``) when any item's node at that level is unknown.
    levels: Mapping[int, tuple[NodePoints, ...]]
    #: Every item attached to the edition: each level sums to this.
    attached: Points
    #: Items of the profile not attached to this edition.
    others: Points
    coverage: TreeCoverage


def editions_used(items: tuple[Item, ...]) -> tuple[str, ...]:
    """The editions a profile's items name, in order of first use."""
    found = (split_reference(item.node) for item in items if item.node is not None)
    return tuple(dict.fromkeys(parts[0] for parts in found if parts is not None))


def _chain(edition: Edition, item: Node) -> Iterator[tuple[Level, Node | None]]:
    """The item's node at levels 3, 2 and 1 (``None`` from the first unknown parent up)."""
    node: Node | None = item
    for level in _UPWARDS:
        yield level, node
        parent = node.parent if node is not None else None
        node = edition.nodes.get(parent) if parent is not None else None


def rollup(card: Scorecard, edition: Edition) -> RollUp:
    """The card's points summed up ``edition``'s tree, level by level, exactly.

    An item counts under the node it names when that node belongs to ``edition``;
    its ``points``, ``points_high`` and ``max_points`` (0 when it does not apply
    and the profile excludes such items) are added unchanged.
    """
    sums: dict[int, dict[str | None, Points]] = {3: {}, 2: {}, 1: {}}
    attached, others = Points(), Points()
    for item in card.profile.items:
        line = card.lines[item.id]
        own = Points(low=line.points, high=line.points_high, max=line.max_points, items=(item.id,))
        parts = split_reference(item.node) if item.node is not None else None
        node = edition.nodes.get(parts[1]) if parts is not None and parts[0] == edition.id else None
        if node is None:
            others += own
            continue
        attached += own
        for level, at in _chain(edition, node):
            key = at.id if at is not None else None
            sums[level][key] = sums[level].get(key, Points()) + own
    levels: dict[int, tuple[NodePoints, ...]] = {
        level: (
            *(
                NodePoints(level=level, node=n, points=sums[level][n.id])
                for n in edition.level(level)
                if n.id in sums[level]
            ),
            *(
                (NodePoints(level=level, node=None, points=sums[level][None]),)
                if None in sums[level]
                else ()
            ),
        )
        for level in _UPWARDS
    }
    coverage = TreeCoverage(
        edition=edition.id,
        count=edition.count(3),
        scored=sum(1 for key in sums[3] if key is not None),
        untranscribed_not_scored=sum(
            1 for n in edition.level(3) if not n.transcribed and n.id not in sums[3]
        ),
    )
    return RollUp(
        edition=edition, levels=levels, attached=attached, others=others, coverage=coverage
    )


def rollups(card: Scorecard) -> tuple[RollUp, ...]:
    """The roll-up of every edition the card's profile names that its catalogue holds."""
    trees = card.catalog.trees
    used = editions_used(card.profile.items)
    return tuple(rollup(card, trees[edition]) for edition in used if edition in trees)


def points_text(points: Points) -> str:
    """``7.01/20``, or ``4–6/10`` when the best case is above the assured points."""
    shown = format_number(points.low)
    if points.high != points.low:
        shown += f"–{format_number(points.high)}"
    return f"{shown}/{format_number(points.max)}"


#: How long a 三级 item's paraphrase may be in a report's table, in characters.
_SHORT = 24


def _node_text(entry: NodePoints, lang: str) -> str:
    if entry.node is None:
        return "上级未录入" if lang == "zh" else "parent not transcribed"
    title = entry.node.title(lang)
    limit = _SHORT if lang == "zh" else _SHORT * 2
    return title if len(title) <= limit else title[: limit - 1] + "…"


def level_rows(roll: RollUp, lang: str = "zh") -> list[tuple[str, str, str]]:
    """Rows of a report's "by level" section: level, node, points; 一级 first.

    The last row holds the profile's items attached to no node of this edition,
    when there are any, so that the rows of each level and it add up to the total.
    """
    rows = [
        (
            LEVEL_NAMES[level][0 if lang == "zh" else 1],
            _node_text(entry, lang),
            points_text(entry.points),
        )
        for level in (1, 2, 3)
        for entry in roll.levels[level]
    ]
    if roll.others.items:
        count = len(roll.others.items)
        label = (
            f"未挂接本版的评分项（{count}项）"
            if lang == "zh"
            else f"items not attached to this edition ({count})"
        )
        rows.append(("—", label, points_text(roll.others)))
    return rows
