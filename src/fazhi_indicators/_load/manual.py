"""Private: read a county-year file's ``manual:`` (scores a person gave to manual items).

Some items of a published table are scored by a person who reviews the evidence
(「酌情扣分」).  The file records each such score with who gave it and when; until
one is entered, the item's whole points range stays open.  Which item ids exist
is the profile's to say: scoring checks them, as the file is read without one.
"""

from __future__ import annotations

import re

from fazhi_indicators._load.evidence import read_date
from fazhi_indicators._load.reader import Collector
from fazhi_indicators._load.tree import Node
from fazhi_indicators.county import ManualScore

__all__ = ["read_manual"]

_KEYS = ("points", "by", "on", "note")
_ITEM_ID = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*$")


def read_manual(c: Collector, node: Node | None) -> dict[str, ManualScore]:
    """Each manual item's score, by item id."""
    found: dict[str, ManualScore] = {}
    for item_id, key, value in c.entries(node):
        if not _ITEM_ID.match(item_id):
            c.add(
                key,
                "bad-id",
                f"expected an item id such as leadership.annual_plan, found {item_id!r}",
                f"应为评分项编号（如 leadership.annual_plan），实际为“{item_id}”",
            )
            continue
        entry = c.mapping(value, what="a score: {points, by, on, note}")
        if entry is None or not c.keys(entry, required=("points", "by", "on"), allowed=_KEYS):
            continue
        items = entry.items
        points = c.number(items["points"])  # never negative: the reader refuses a sign
        by = c.text(items["by"])
        on = read_date(c, items["on"])
        note = c.text(items["note"]) if "note" in items else None
        if points is None or by is None or on is None or ("note" in items and note is None):
            continue
        found[item_id] = ManualScore(points=points, by=by, on=on, note=note)
    return found
