"""Private: write county-year data back to the county-year file format.

Loading what this writes gives back equal data: counts stay whole numbers, stated
rates keep their text (and so their precision), dates stay dates.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml

from fazhi_indicators.county import Breakdown, Category, CountyYear, OtherFigure, Period, Reported

__all__ = ["dump_county_year"]


class _Dumper(yaml.SafeDumper):
    """The safe dumper, writing an amount (a :class:`~decimal.Decimal`) digit for digit."""


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:float", f"{value:f}")


_Dumper.add_representer(Decimal, _decimal)


def _value(reported: Reported) -> Any:  # noqa: ANN401 - YAML data
    written = {"value": reported.value, "approx": reported.approx, **_when(reported.period)}
    written["scope"] = reported.scope
    given = {k: v for k, v in written.items() if v is not None}
    return reported.value if len(given) == 1 else given


def _when(period: Period | None) -> dict[str, Any]:
    """A period as a file writes it: ``as_of:``, or ``period: {from, to}``."""
    if period is None:
        return {}
    if period.as_of:
        start = {"period": {"from": period.start}} if period.start is not None else {}
        return {"as_of": period.end, **start}
    span = {"from": period.start, "to": period.end}
    return {"period": {k: v for k, v in span.items() if v is not None}}


def _category(category: Category) -> dict[str, Any]:
    count: Any = category.count
    if category.approx is not None:
        count = {"value": category.count, "approx": category.approx}
    written = {"name": category.name, "code": category.code, "count": count}
    written["share"] = None if category.share is None else category.share.text
    written["breakdowns"] = [_table(b) for b in category.breakdowns] or None
    return {k: v for k, v in written.items() if v is not None}


def _table(table: Breakdown) -> dict[str, Any]:
    written: dict[str, Any] = {"of": table.of, "by": table.by}
    written |= {"complete": None if table.complete else False, "quote": table.quote}
    written |= {"note": table.note, "scope": table.scope, **_when(table.period)}
    written["categories"] = [_category(c) for c in table.categories]
    return {k: v for k, v in written.items() if v is not None}


def _other(figure: OtherFigure) -> dict[str, Any]:
    value = figure.value if isinstance(figure.value, int | Decimal) else figure.value.text
    written = {"label": figure.label, "label_en": figure.label_en, "value": value}
    written |= {"approx": figure.approx, "unit": figure.unit, "quote": figure.quote}
    written |= {"about": figure.about, "scope": figure.scope, **_when(figure.period)}
    return {k: v for k, v in written.items() if v is not None}


def dump_county_year(data: CountyYear) -> str:
    """``data`` as county-year YAML (UTF-8 text, Chinese kept readable)."""
    document: dict[str, Any] = {"format": 2} if data.format == 2 else {}
    document |= {"county": data.county, "year": data.year}
    for key in ("province", "prefecture", "division_code"):
        value = getattr(data, key)
        if value is not None:
            document[key] = value
    if data.source:
        document["source"] = dict(data.source)
    if data.values:
        document["values"] = {k: _value(v) for k, v in data.values.items()}
    if data.stated:
        document["stated"] = {k: v.text for k, v in data.stated.items()}
    if data.notes:
        document["notes"] = dict(data.notes)
    if data.previous:
        document["previous"] = {
            year: {
                key: part
                for key, part in (
                    ("values", {k: _value(v) for k, v in earlier.values.items()}),
                    ("stated", {k: v.text for k, v in earlier.stated.items()}),
                    ("source", dict(earlier.source)),
                )
                if part
            }
            for year, earlier in sorted(data.previous.items())
        }
    if data.changes:
        changes: dict[str, list[dict[str, Any]]] = {}
        for change in data.changes:
            changes.setdefault(change.subject, []).append(
                {"text": change.text, "from": change.from_year}
            )
        document["changes"] = changes
    if data.breakdowns:
        document["breakdowns"] = [_table(b) for b in data.breakdowns]
    if data.other:
        document["other"] = [_other(f) for f in data.other]
    return yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
