"""Private: the parts of a figure that format 2 adds — its period and scope — and ``format:``.

A figure written as a mapping (``{value: 1113, as_of: 2023-10-31}``) may say
which days it counts and what narrower scope it has; a value, a breakdown and
an ``other:`` figure read those keys here, alike.  ``format: 1`` declares that
none of format 2 is used, so a key of format 2 in such a file is an error.
"""

from __future__ import annotations

import datetime as dt

from fazhi_indicators._load.reader import Collector, describe, describe_zh, read_date
from fazhi_indicators._load.tree import Mapping, Node, Scalar
from fazhi_indicators.county import Period
from fazhi_indicators.exact import APPROX_QUALIFIERS

__all__ = [
    "FIGURE_KEYS",
    "V1_TOP_KEYS",
    "read_approx",
    "read_count",
    "read_format",
    "read_period",
]

#: Keys a figure written as a mapping may carry beside its value.
FIGURE_KEYS = ("period", "as_of", "scope")
#: The top-level keys of format 1; every other key belongs to format 2.
V1_TOP_KEYS = (
    "county",
    "year",
    "province",
    "prefecture",
    "division_code",
    "source",
    "values",
    "stated",
    "notes",
)
_FORMATS = (1, 2)


def _date(c: Collector, node: Node) -> dt.date | None:
    return read_date(c, node, "2023-10-31")


def read_period(c: Collector, node: Mapping) -> tuple[Period | None, str | None]:
    """The ``period:``/``as_of:`` and ``scope:`` of a figure written as a mapping."""
    scope = c.text(node.items["scope"]) if "scope" in node.items else None
    as_of_node = node.items.get("as_of")
    end = _date(c, as_of_node) if as_of_node is not None else None
    start = None
    period_node = node.items.get("period")
    period = c.mapping(period_node, what="a period {from, to}") if period_node else None
    if period is not None and c.keys(period, allowed=("from", "to")):
        if not period.items:
            c.add(
                period,
                "missing-key",
                "a period needs from:, to: or both (dates)",
                "期间应至少填写 from: 或 to:（日期）",
            )
        if "from" in period.items:
            start = _date(c, period.items["from"])
        if "to" in period.items and as_of_node is not None:
            c.add(
                as_of_node,
                "conflict",
                "as_of: and period: to: both give the last day counted; keep one",
                "as_of 与 period 的 to 都指统计截止日期；请只保留一个",
            )
            return None, scope
        if "to" in period.items:
            end = _date(c, period.items["to"])
    if start is not None and end is not None and start > end:
        c.add(
            period_node,
            "bad-period",
            f"the period ends ({end}) before it starts ({start})",
            f"期间的截止日期（{end}）早于起始日期（{start}）",
        )
        return None, scope
    if start is None and end is None:
        return None, scope
    return Period(start=start, end=end, as_of=as_of_node is not None), scope


def read_approx(c: Collector, node: Node | None) -> tuple[bool, str | None]:
    """``(readable, qualifier)`` of an ``approx:`` key: 约, 近, 余 or 多."""
    if node is None:
        return True, None
    approx = c.text(node)
    if approx is None:
        return False, None
    if approx not in APPROX_QUALIFIERS:
        c.add(
            node,
            "bad-choice",
            f"approx must be one of {', '.join(APPROX_QUALIFIERS)}, found {approx!r}",
            f"approx 应为 {'、'.join(APPROX_QUALIFIERS)} 之一，实际为“{approx}”",
        )
        return False, None
    return True, approx


def read_count(c: Collector, node: Node | None) -> tuple[int, str | None] | None:
    """A count ≥ 0, written ``349`` or ``{value: 1200, approx: 余}``."""
    if node is None:
        return None
    approx = None
    if isinstance(node, Mapping):
        if not c.keys(node, required=("value",), allowed=("value", "approx")):
            return None
        readable, approx = read_approx(c, node.items.get("approx"))
        if not readable:
            return None
        node = node.items["value"]
    count = c.integer(node, minimum=0, hedged=True)
    return None if count is None else (count, approx)


def read_format(c: Collector, root: Mapping) -> int:
    """The declared format (1 when none); under ``format: 1`` every key of format 2 is an error."""
    node = root.items.get("format")
    if node is None:
        return 1
    value = node.value if isinstance(node, Scalar) else None
    if isinstance(value, bool) or value not in _FORMATS:
        c.add(
            node,
            "bad-choice",
            f"format must be 1 or 2, found {describe(node)}",
            f"format 应为 1 或 2，实际为{describe_zh(node)}",
        )
        return 1
    if value == 1:
        _v2_keys_in_v1(c, root)
    return int(value)


def _v2_keys_in_v1(c: Collector, root: Mapping) -> None:
    for key, key_node in root.keys.items():
        if key not in (*V1_TOP_KEYS, "format"):
            _format_2_key(c, key_node, key)
    values = root.items.get("values")
    if not isinstance(values, Mapping):
        return
    for value in values.items.values():
        if isinstance(value, Mapping):
            for key, key_node in value.keys.items():
                if key in FIGURE_KEYS:
                    _format_2_key(c, key_node, key)


def _format_2_key(c: Collector, node: Node, key: str) -> None:
    c.add(
        node,
        "format-2-key",
        f"{key}: belongs to county-year format 2, but the file declares format: 1;"
        " write format: 2 (or remove the key)",
        f"{key} 属于县年度数据格式2，但文件声明为 format: 1；请改为 format: 2（或删去该项）",
    )
