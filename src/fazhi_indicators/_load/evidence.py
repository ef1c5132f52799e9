"""Private: read a county-year file's ``evidence:`` (documents behind yes/no figures).

An evaluator gives the points of a yes only on seeing the document that proves it
(a title, its number 文号, a date, a link).  The file lists them by field id; a
profile's ``boolean`` item shows a yes without one as such.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping as AbstractMapping

from fazhi_indicators._load.reader import Collector
from fazhi_indicators._load.reader import read_date as read_any_date
from fazhi_indicators._load.tree import Mapping, Node, Scalar, Sequence
from fazhi_indicators.county import Evidence
from fazhi_indicators.definitions import FieldDef

__all__ = ["read_date", "read_evidence"]

_KEYS = ("title", "number", "date", "url", "note")
#: An entry must say which document it is by at least one of these.
_NAMING = ("title", "number", "url")


def read_date(c: Collector, node: Node) -> dt.date | None:
    """A date such as ``2024-03-10`` (a YAML date or the same text quoted)."""
    return read_any_date(c, node, "2024-03-10")


def _read_entry(c: Collector, node: Node) -> Evidence | None:
    entry = c.mapping(node, what="a document: {title, number, date, url, note}")
    if entry is None or not c.keys(entry, allowed=_KEYS):
        return None
    items = entry.items
    if not any(key in items for key in _NAMING):
        c.add(
            entry,
            "evidence-unnamed",
            "evidence must name its document: give a title, a number (文号) or a url",
            "佐证材料须写明文件：请给出 title（标题）、number（文号）或 url（链接）之一",
        )
        return None
    texts = {key: c.text(items[key]) for key in ("title", "number", "url", "note") if key in items}
    date = read_date(c, items["date"]) if "date" in items else None
    if any(texts[key] is None for key in texts) or ("date" in items and date is None):
        return None
    return Evidence(
        title=texts.get("title"),
        number=texts.get("number"),
        date=date,
        url=texts.get("url"),
        note=texts.get("note"),
    )


def read_evidence(
    c: Collector, node: Node | None, fields: AbstractMapping[str, FieldDef]
) -> dict[str, tuple[Evidence, ...]]:
    """The documents behind each field, by field id; one entry or a list of them."""
    found: dict[str, tuple[Evidence, ...]] = {}
    for field_id, key, value in c.entries(node):
        if field_id not in fields:
            c.unknown(key, "field", "字段", field_id, fields, code="unknown-id")
            continue
        nodes = value.items if isinstance(value, Sequence) else (value,)
        if isinstance(value, Sequence) and not nodes:
            c.add(
                value,
                "evidence-unnamed",
                "an empty list gives no evidence; leave the field out instead",
                "空列表不构成佐证材料；无材料时请删去该字段",
            )
        entries = [_read_entry(c, n) for n in nodes if isinstance(n, (Mapping, Scalar, Sequence))]
        kept = tuple(e for e in entries if e is not None)
        if kept:
            found[field_id] = kept
    return found
