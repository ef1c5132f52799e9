"""Private: read ``other:`` of a county-year file (format 2): figures with no field.

Reports print more than the catalogue holds (以区政府为被申请人的复议案件17件,
综合化解率42%, 实际利用外资1.98亿美元).  Each is kept as printed — a count, a
rate or an amount, hedged or not, with its unit and the report's words — so that
nothing read from a report is lost; it is shown in every output and never scored.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from fazhi_indicators._load.figures import FIGURE_KEYS, read_approx, read_period
from fazhi_indicators._load.names import Names
from fazhi_indicators._load.reader import Collector, describe, describe_zh
from fazhi_indicators._load.tree import Node, Scalar
from fazhi_indicators.county import OtherFigure
from fazhi_indicators.definitions import Catalog
from fazhi_indicators.exact import StatedRate, parse_stated_rate

__all__ = ["read_other"]

_KEYS = ("label", "label_en", "value", "approx", "unit", "quote", "about", *FIGURE_KEYS)
#: A figure printed with its hedge and unit in one piece: 1200余件, 约50人.
_PRINTED = re.compile(
    r"^(?P<pre>[约近])?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<post>[余多])?\s*(?P<unit>\S*)$"
)


def read_other(
    c: Collector, catalog: Catalog, node: Node | None, names: Names
) -> tuple[OtherFigure, ...]:
    """Every figure of ``other:``, each checked for form."""
    found: list[OtherFigure] = []
    for item in c.sequence(node) or ():
        mapping = c.mapping(item, what="a figure {label, value, unit, quote}")
        if mapping is None or not c.keys(mapping, required=("label", "value"), allowed=_KEYS):
            continue
        items = mapping.items
        label = c.text(items["label"])
        label_en = c.text(items["label_en"]) if "label_en" in items else None
        value = _value(c, items["value"])
        readable, approx = read_approx(c, items.get("approx"))
        if isinstance(value, StatedRate) and approx is not None:
            c.add(
                items["approx"],
                "conflict",
                f"a printed rate carries its own hedge: write value: {approx}{value.text}"
                " without approx:",
                f"报告所列比率自带约数词：请写作 value: {approx}{value.text}，并删去 approx",
            )
            readable = False
        unit = c.text(items["unit"]) if "unit" in items else None
        quote = c.text(items["quote"]) if "quote" in items else None
        about = _about(c, catalog, items.get("about"), names)
        period, scope = read_period(c, mapping)
        if label is None or value is None or not readable or not about[0]:
            continue
        found.append(
            OtherFigure(
                label=label,
                label_en=label_en,
                value=value,
                approx=approx,
                unit=unit,
                quote=quote,
                about=about[1],
                period=period,
                scope=scope,
                line=mapping.line,
                column=mapping.column,
            )
        )
    return tuple(found)


def _value(c: Collector, node: Node) -> int | StatedRate | Decimal | None:
    """A count (``17``), a printed rate (``"约24%"``) or an amount (``1.98``), as written."""
    if isinstance(node, Scalar) and not isinstance(node.value, bool):
        if isinstance(node.value, int):
            if node.value >= 0:
                return node.value
            c.add(
                node,
                "out-of-range",
                f"expected a count of at least 0, found {node.value}",
                f"应为不小于0的计数，实际为{node.value}",
            )
            return None
        if isinstance(node.value, float | Decimal):
            try:
                amount = Decimal(node.text.replace("_", ""))
            except InvalidOperation:
                amount = None
            if amount is not None and amount.is_finite():
                return amount
        if isinstance(node.value, str):
            try:
                return parse_stated_rate(node.value)
            except ValueError:
                pass
    hint, hint_zh = _hint(node)
    c.add(
        node,
        "bad-figure",
        "expected a count (17), a rate as printed (24%, 约24%) or an amount (1.98),"
        f" found {describe(node)}{hint}",
        f"应为计数（17）、报告所列比率（24%、约24%）或数额（1.98），实际为{describe_zh(node)}{hint_zh}",
    )
    return None


def _hint(node: Node) -> tuple[str, str]:
    """How to write a figure printed with its hedge or unit (``1200余件``)."""
    text = node.value if isinstance(node, Scalar) and isinstance(node.value, str) else ""
    match = _PRINTED.match(unicodedata.normalize("NFKC", text.strip())) if text else None
    if match is None:
        return "", ""
    parts = [f"value: {match['num']}"]
    if match["pre"] or match["post"]:
        parts.append(f"approx: {match['pre'] or match['post']}")
    if match["unit"]:
        parts.append(f"unit: {match['unit']}")
    written = ", ".join(parts)
    return f"; write {written}", f"；请写作 {written}"


def _about(
    c: Collector, catalog: Catalog, node: Node | None, names: Names
) -> tuple[bool, str | None]:
    """``(readable, id)``: the field or indicator a figure is about, by id or Chinese name."""
    if node is None:
        return True, None
    text = c.text(node)
    found = names.resolve_any(c, text, node) if text is not None else None
    if found is None:
        return False, None
    ids = {*catalog.fields, *catalog.indicators}
    if found not in ids:
        known = names.known(found, ids, ("field", "indicator"))
        c.unknown(node, "id", "编号", found, known, code="unknown-id")
        return False, None
    return True, found
