"""Compute every indicator of a county-year exactly.

First the reported counts are completed with what follows from them with
certainty (:func:`resolve_fields`): a sum field from all its parts, and the
parts a report left out when the parts it gave already add up to the total
(counts are never negative, so the rest must be 0).  Then each indicator is a
:class:`~fractions.Fraction` of whole numbers, or an :class:`Interval` when only
a printed rate or hedged counts are known.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Literal

from attrs import frozen

from fazhi_indicators.county import CountyYear
from fazhi_indicators.definitions import Catalog, Expression, IndicatorDef
from fazhi_indicators.exact import Interval, StatedRate

__all__ = ["FieldBounds", "IndicatorValue", "compute", "resolve_fields"]

Status = Literal["available", "missing", "not_applicable"]
_MAX_PASSES = 64


@frozen(kw_only=True)
class FieldBounds:
    """What is known of a count: the least and most it can be (``None``: unbounded)."""

    low: int
    high: int | None
    #: ``reported``, ``derived`` (a sum of known parts) or ``inferred`` (left out
    #: of a breakdown whose given parts already make the total, hence 0).
    origin: Literal["reported", "derived", "inferred", "unknown"]

    @property
    def exact(self) -> int | None:
        """The value when it is known to the unit."""
        return self.low if self.high == self.low else None

    @property
    def known(self) -> bool:
        """Whether the value is reported or follows with certainty."""
        return self.origin != "unknown"


def resolve_fields(catalog: Catalog, data: CountyYear) -> dict[str, FieldBounds]:
    """Every count field's bounds after propagating breakdowns and subsets."""
    low: dict[str, int] = {}
    high: dict[str, int | None] = {}
    origin: dict[str, Literal["reported", "derived", "inferred", "unknown"]] = {}
    counts = [f for f in catalog.fields.values() if f.type == "count"]
    for field in counts:
        reported = data.values.get(field.id)
        if reported is not None and isinstance(reported.value, int):
            low[field.id], high[field.id] = reported.range
            origin[field.id] = "reported"
        else:
            low[field.id], high[field.id], origin[field.id] = 0, None, "unknown"

    def tighten(name: str, lo: int | None, hi: int | None) -> bool:
        changed = False
        if lo is not None and lo > low[name]:
            low[name], changed = lo, True
        if hi is not None and (high[name] is None or hi < high[name]):  # type: ignore[operator]
            high[name], changed = hi, True
        return changed

    for _ in range(_MAX_PASSES):
        changed = False
        for field in counts:
            if field.subset_of:
                changed |= tighten(field.id, None, high[field.subset_of])
            if not field.parts:
                continue
            parts_low = sum(low[p] for p in field.parts)
            parts_high = _sum_or_none(high[p] for p in field.parts)
            if field.sum_of:
                changed |= tighten(field.id, parts_low, parts_high)
            else:
                changed |= tighten(field.id, parts_low, None)
            total_high = high[field.id]
            if total_high is not None:
                for part in field.parts:
                    changed |= tighten(part, None, total_high - (parts_low - low[part]))
            if field.sum_of:
                for part in field.parts:
                    others_high = _sum_or_none(high[p] for p in field.parts if p != part)
                    if others_high is not None:
                        changed |= tighten(part, low[field.id] - others_high, None)
        if not changed:
            break
    result: dict[str, FieldBounds] = {}
    for field in counts:
        kind = origin[field.id]
        if kind == "unknown" and high[field.id] == low[field.id]:
            kind = "derived" if field.sum_of else "inferred"
        result[field.id] = FieldBounds(low=low[field.id], high=high[field.id], origin=kind)
    return result


def _sum_or_none(values: Iterable[int | None]) -> int | None:
    total = 0
    for value in values:
        if value is None:
            return None
        total += value
    return total


@frozen(kw_only=True)
class IndicatorValue:
    """One indicator of one county-year, exact where the data allow."""

    indicator: str
    status: Status
    #: The exact rate, or True/False for a deadline; ``None`` if not a point.
    value: Fraction | bool | None = None
    #: The set the rate is known to lie in, when only that is known.
    interval: Interval | None = None
    numerator: int | None = None
    denominator: int | None = None
    #: ``computed`` from counts or ``stated`` from a printed rate.
    source: Literal["computed", "stated"] | None = None
    stated: StatedRate | None = None
    #: Fields whose absence left the indicator uncomputed.
    missing_fields: tuple[str, ...] = ()
    #: Why the value is approximate, when it is.
    approximate: str | None = None


def _evaluate(expression: Expression, bounds: Mapping[str, FieldBounds]) -> tuple[int, int] | None:
    low = high = 0
    for sign, name in expression.terms:
        b = bounds[name]
        if not b.known or b.high is None:
            return None
        low, high = (low + b.low, high + b.high) if sign > 0 else (low - b.high, high - b.low)
    return low, high


def _compute_rate(
    indicator: IndicatorDef, bounds: Mapping[str, FieldBounds], stated: StatedRate | None,
) -> IndicatorValue:
    assert indicator.numerator is not None  # noqa: S101 - rates always have both
    assert indicator.denominator is not None  # noqa: S101
    num = _evaluate(indicator.numerator, bounds)
    den = _evaluate(indicator.denominator, bounds)
    cap = Fraction(1) if indicator.kind == "share" else None
    if num is not None and den is not None:
        if den[1] <= 0:
            return IndicatorValue(indicator=indicator.id, status="not_applicable",
                                  numerator=num[0] if num[0] == num[1] else None,
                                  denominator=0, source="computed", stated=stated)
        if num[0] == num[1] and den[0] == den[1]:
            return IndicatorValue(indicator=indicator.id, status="available",
                                  value=Fraction(num[0], den[0]), numerator=num[0],
                                  denominator=den[0], source="computed", stated=stated)
        if den[0] > 0:
            interval = Interval(low=Fraction(max(num[0], 0), den[1]),
                                high=Fraction(num[1], den[0]), high_closed=True)
            return IndicatorValue(indicator=indicator.id, status="available",
                                  interval=interval.clip(Fraction(0), cap), source="computed",
                                  stated=stated, approximate="hedged counts (约/近/余/多)")
    if stated is not None:
        return IndicatorValue(
            indicator=indicator.id, status="available",
            interval=stated.interval().clip(Fraction(0), cap), source="stated", stated=stated,
            approximate=f"printed as {stated.text}" if stated.approx else None,
        )
    missing = tuple(f for f in indicator.fields if not bounds[f].known)
    return IndicatorValue(indicator=indicator.id, status="missing", missing_fields=missing)


def _compute_deadline(indicator: IndicatorDef, data: CountyYear) -> IndicatorValue:
    assert indicator.date_field is not None  # noqa: S101 - deadlines always have one
    assert indicator.deadline is not None  # noqa: S101
    published = data.value(indicator.date_field)
    if not isinstance(published, dt.date):
        return IndicatorValue(indicator=indicator.id, status="missing",
                              missing_fields=(indicator.date_field,))
    month, day = indicator.deadline
    due = dt.date(data.year + 1, month, day)
    return IndicatorValue(indicator=indicator.id, status="available", value=published <= due,
                          source="computed")


def compute(catalog: Catalog, data: CountyYear) -> dict[str, IndicatorValue]:
    """Every indicator of the catalogue for ``data``, in catalogue order."""
    bounds = resolve_fields(catalog, data)
    values: dict[str, IndicatorValue] = {}
    for indicator in catalog.indicators.values():
        if indicator.kind == "deadline":
            values[indicator.id] = _compute_deadline(indicator, data)
        else:
            values[indicator.id] = _compute_rate(indicator, bounds, data.stated.get(indicator.id))
    return values
