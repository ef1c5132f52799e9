"""A county's figures for one year, as reported — nothing computed yet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from attrs import field, frozen

from fazhi_indicators.errors import Problem
from fazhi_indicators.exact import StatedRate

__all__ = ["CountyYear", "EarlierYear", "Reported", "approx_range"]


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
    #: The file the figures came from, when they came from a file (equality ignores it).
    file: str | None = field(default=None, eq=False)
    #: What the checks found worth a second look but not wrong (a date inside the
    #: reporting year, a file read as GB18030...); reports show them.
    warnings: tuple[Problem, ...] = field(default=(), eq=False)

    def value(self, field_id: str) -> int | bool | dt.date | None:
        """The reported value of a field, or ``None`` when it is missing."""
        reported = self.values.get(field_id)
        return None if reported is None else reported.value
