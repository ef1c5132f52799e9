"""A county's figures for one year, as reported — nothing computed yet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction
from typing import Literal

from attrs import field, frozen

from fazhi_indicators.errors import Problem
from fazhi_indicators.exact import StatedRate

__all__ = ["ChangeKind", "CountyYear", "EarlierYear", "Reported", "StatedChange", "approx_range"]


def approx_range(value: int, approx: str | None) -> tuple[int, int]:
    """The whole numbers a hedged count may stand for.

    The unit is the place of the last non-zero digit (``1200余`` → 1200-1299,
    ``50余`` → 50-59): 余/多 means at least the value and under one more unit,
    近 up to half a unit below, 约 half a unit either way.  These readings are
    this project's convention, not an official rule.
    """
    if approx is None:
        return value, value
    unit = 1
    while value and value % (unit * 10) == 0:
        unit *= 10
    unit = max(unit, 10)
    half = unit // 2
    if approx in {"余", "多"}:
        return value, value + unit - 1
    if approx == "近":
        return max(value - half, 0), value
    return max(value - half, 0), value + half


@frozen(kw_only=True)
class Reported:
    """One value as the county wrote it, and where it was written."""

    value: int | bool | dt.date
    #: 约/近/余/多 when the figure was hedged ("1000余").
    approx: str | None = None
    #: Where the value was written; not part of the value (equality ignores it).
    line: int | None = field(default=None, eq=False)
    column: int | None = field(default=None, eq=False)

    @property
    def range(self) -> tuple[int, int]:
        """The whole numbers this count may stand for (one number when exact)."""
        if not isinstance(self.value, int) or isinstance(self.value, bool):
            raise TypeError("only counts have a range")
        return approx_range(self.value, self.approx)


@frozen(kw_only=True)
class EarlierYear:
    """Figures a report prints for an earlier year ("上年同期…"), kept beside this year's."""

    year: int
    values: Mapping[str, Reported] = field(factory=dict)
    stated: Mapping[str, StatedRate] = field(factory=dict)
    #: Where the earlier figures come from, when not the same report.
    source: Mapping[str, str] = field(factory=dict)

    def value(self, field_id: str) -> int | bool | dt.date | None:
        """The reported value of a field that year, or ``None`` when it is missing."""
        reported = self.values.get(field_id)
        return None if reported is None else reported.value


#: What a printed change measures: ``percent`` a relative change (同比增长12.5%),
#: ``points`` a difference of two rates (下降3.2个百分点), ``count`` a difference of
#: counts (增加555件), ``times`` a multiple (增长3倍), ``flat`` no change (持平).
ChangeKind = Literal["percent", "points", "count", "times", "flat"]


@frozen(kw_only=True)
class StatedChange:
    """A change from an earlier year as a report prints it ("同比增长99.5%"), kept as text.

    The figures of both years decide whether it is right; nothing is computed here.
    """

    #: The field or indicator id the change is about.
    subject: str
    #: The text as printed, e.g. ``"同比增长99.5%"``.
    text: str
    kind: ChangeKind
    #: +1 for a rise (增长, 增加, 上升...), -1 for a fall (下降, 减少...), 0 for 持平.
    sign: int
    #: The printed number, exactly (99.5 for "99.5%", 555 for "555件"; 0 for 持平).
    amount: Fraction
    #: Decimal places of the number as written ("99.50%" → 2).
    places: int = 0
    #: 约, 近, 余 or 多 when the number was hedged ("增长近3倍").
    approx: str | None = None
    #: The earlier year it is measured from (the year before, unless the file says).
    from_year: int
    #: Where the change was written; not part of the value (equality ignores it).
    line: int | None = field(default=None, eq=False)
    column: int | None = field(default=None, eq=False)


@frozen(kw_only=True)
class CountyYear:
    """A county's reported figures for one year, with their provenance."""

    county: str
    year: int
    province: str | None = None
    prefecture: str | None = None
    division_code: str | None = None
    #: Provenance of the figures (title, publisher, url…).
    source: Mapping[str, str] = field(factory=dict)
    #: Raw facts by field id.
    values: Mapping[str, Reported] = field(factory=dict)
    #: Rates as printed, by indicator id.
    stated: Mapping[str, StatedRate] = field(factory=dict)
    notes: Mapping[str, str] = field(factory=dict)
    #: Figures for earlier years, by year (a report's "上年同期", or an earlier file).
    previous: Mapping[int, EarlierYear] = field(factory=dict)
    #: Changes from earlier years as printed ("同比增长99.5%"), in file order.
    changes: tuple[StatedChange, ...] = ()
    #: The file the figures came from, when they came from a file (equality ignores it).
    file: str | None = field(default=None, eq=False)
    #: What the checks found worth a second look but not wrong (a date inside the
    #: reporting year, a file read as GB18030...); reports show them.
    warnings: tuple[Problem, ...] = field(default=(), eq=False)

    def value(self, field_id: str) -> int | bool | dt.date | None:
        """The reported value of a field, or ``None`` when it is missing."""
        reported = self.values.get(field_id)
        return None if reported is None else reported.value
