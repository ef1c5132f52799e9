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
from fazhi_indicators.definitions import Catalog, Expression, FieldDef, IndicatorDef
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


class _Bounds:
    """Least and most of every count, tightened until nothing changes.

    Only definitional facts are used: counts are never negative, a subset is at
    most its set, parts add up to at most their total, and a sum field equals
    the sum of its parts.  Every bound it finds is therefore certain.
    """

    def __init__(self, fields: list[FieldDef], data: CountyYear) -> None:
        self.fields = fields
        self.low: dict[str, int] = {}
        self.high: dict[str, int | None] = {}
        for field in fields:
            reported = data.values.get(field.id)
            if reported is not None and isinstance(reported.value, int):
                self.low[field.id], self.high[field.id] = reported.range
            else:
                self.low[field.id], self.high[field.id] = 0, None

    def tighten(self, name: str, low: int | None, high: int | None) -> bool:
        changed = False
        if low is not None and low > self.low[name]:
            self.low[name], changed = low, True
        current = self.high[name]
        if high is not None and (current is None or high < current):
            self.high[name], changed = high, True
        return changed

    def breakdown(self, field: FieldDef) -> bool:
        parts = field.parts
        parts_low = sum(self.low[p] for p in parts)
        changed = self.tighten(
            field.id, parts_low, _sum_or_none(self.high[p] for p in parts) if field.sum_of else None
        )
        total_high = self.high[field.id]
        for part in parts:
            if total_high is not None:
                changed |= self.tighten(part, None, total_high - (parts_low - self.low[part]))
            others_high = _sum_or_none(self.high[p] for p in parts if p != part)
            if field.sum_of and others_high is not None:
                changed |= self.tighten(part, self.low[field.id] - others_high, None)
        return changed

    def propagate(self) -> None:
        for _ in range(_MAX_PASSES):
            changed = False
            for field in self.fields:
                if field.subset_of:
                    changed |= self.tighten(field.id, None, self.high[field.subset_of])
                if field.parts:
                    changed |= self.breakdown(field)
            if not changed:
                return


def resolve_fields(catalog: Catalog, data: CountyYear) -> dict[str, FieldBounds]:
    """Every count field's bounds after propagating breakdowns and subsets."""
    counts = [f for f in catalog.fields.values() if f.type == "count"]
    bounds = _Bounds(counts, data)
    bounds.propagate()
    result: dict[str, FieldBounds] = {}
    for field in counts:
        low, high = bounds.low[field.id], bounds.high[field.id]
        origin: Literal["reported", "derived", "inferred", "unknown"] = "reported"
        if field.id not in data.values:
            origin = "unknown" if high != low else "derived" if field.sum_of else "inferred"
        result[field.id] = FieldBounds(low=low, high=high, origin=origin)
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
    indicator: IndicatorDef,
    bounds: Mapping[str, FieldBounds],
    stated: StatedRate | None,
) -> IndicatorValue:
    assert indicator.numerator is not None  # noqa: S101 - rates always have both
    assert indicator.denominator is not None  # noqa: S101
    num = _evaluate(indicator.numerator, bounds)
    den = _evaluate(indicator.denominator, bounds)
    cap = Fraction(1) if indicator.kind == "share" else None
    if num is not None and den is not None:
        if den[1] <= 0:
            return IndicatorValue(
                indicator=indicator.id,
                status="not_applicable",
                numerator=num[0] if num[0] == num[1] else None,
                denominator=0,
                source="computed",
                stated=stated,
            )
        if num[0] == num[1] and den[0] == den[1]:
            return IndicatorValue(
                indicator=indicator.id,
                status="available",
                value=Fraction(num[0], den[0]),
                numerator=num[0],
                denominator=den[0],
                source="computed",
                stated=stated,
            )
        if den[0] > 0:
            interval = Interval(
                low=Fraction(max(num[0], 0), den[1]),
                high=Fraction(num[1], den[0]),
                high_closed=True,
            )
            return IndicatorValue(
                indicator=indicator.id,
                status="available",
                interval=interval.clip(Fraction(0), cap),
                source="computed",
                stated=stated,
                approximate="hedged counts (约/近/余/多)",
            )
    if stated is not None:
        return IndicatorValue(
            indicator=indicator.id,
            status="available",
            interval=stated.interval().clip(Fraction(0), cap),
            source="stated",
            stated=stated,
            approximate=f"printed as {stated.text}" if stated.approx else None,
        )
    missing = tuple(f for f in indicator.fields if not bounds[f].known)
    return IndicatorValue(indicator=indicator.id, status="missing", missing_fields=missing)


def _compute_deadline(indicator: IndicatorDef, data: CountyYear) -> IndicatorValue:
    assert indicator.date_field is not None  # noqa: S101 - deadlines always have one
    assert indicator.deadline is not None  # noqa: S101
    published = data.value(indicator.date_field)
    if not isinstance(published, dt.date):
        return IndicatorValue(
            indicator=indicator.id, status="missing", missing_fields=(indicator.date_field,)
        )
    month, day = indicator.deadline
    due = dt.date(data.year + 1, month, day)
    return IndicatorValue(
        indicator=indicator.id, status="available", value=published <= due, source="computed"
    )


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
