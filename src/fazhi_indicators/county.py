"""A county's figures for one year, as reported — nothing computed yet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from attrs import field, frozen

from fazhi_indicators.definitions import Text
from fazhi_indicators.errors import Problem
from fazhi_indicators.exact import StatedRate

__all__ = [
    "Breakdown",
    "Category",
    "ChangeKind",
    "CountyYear",
    "EarlierYear",
    "Evidence",
    "ManualScore",
    "OtherFigure",
    "Period",
    "Reported",
    "StatedChange",
    "approx_range",
    "find_categories",
]


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
class Period:
    """The days a figure counts, when the report says it is not simply the year.

    "截至10月底" is ``end`` only (an as-of date); "自2019年以来累计" is ``start``
    only; both ends give a span.  A figure that does not count exactly its
    reporting year is not that year's figure, and rates built on it say so.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    #: Whether the report gave the end as an as-of date (``as_of:``).
    as_of: bool = False

    def whole_year(self, year: int) -> bool:
        """Whether the figure counts ``year``: from 1 January, to 31 December.

        An end alone on 31 December ("截至年底") or a start alone on 1 January is
        the year; any other day, at either end, is not.
        """
        starts = self.start is None or self.start == dt.date(year, 1, 1)
        return starts and (self.end is None or self.end == dt.date(year, 12, 31))

    def text(self, lang: str = "en") -> str:
        """``to 2023-10-31``, ``since 2019-01-01``, ``2023-01-01 to 2023-10-31``."""
        start, end = self.start, self.end
        if lang == "zh":
            if start is None:
                return f"截至{end}"
            if end is None:
                return f"自{start}起累计"
            return f"{start}至{end}"
        if start is None:
            return f"as of {end}"
        if end is None:
            return f"cumulative since {start}"
        return f"{start} to {end}"


@frozen(kw_only=True)
class Reported:
    """One value as the county wrote it, and where it was written."""

    value: int | bool | dt.date
    #: 约/近/余/多 when the figure was hedged ("1000余").
    approx: str | None = None
    #: The days it counts, when the report says they are not the reporting year.
    period: Period | None = None
    #: A narrower scope than the county's own, as printed ("区政府作为被申请人",
    #: "法院统计口径").
    scope: str | None = None
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
class Category:
    """One row of a breakdown: a category as the report names it, its count, its printed share."""

    #: The category as printed (政府信息公开类).
    name: str
    count: int
    #: 约/近/余/多 when the count was hedged.
    approx: str | None = None
    #: The dimension's code for it, when it is one the catalogue knows.
    code: str | None = None
    #: The catalogue's English name of ``code``, for English reports.
    name_en: str | None = None
    #: The share as printed ("5.4%"), of the breakdown's total.
    share: StatedRate | None = None
    #: This category broken down again (the corrections among 行政强制 cases, by outcome).
    breakdowns: tuple[Breakdown, ...] = ()
    line: int | None = field(default=None, eq=False)
    column: int | None = field(default=None, eq=False)

    @property
    def range(self) -> tuple[int, int]:
        """The whole numbers the count may stand for."""
        return approx_range(self.count, self.approx)

    def label(self, lang: str = "en") -> str:
        """The category's name in ``lang``; as printed when no English name is known."""
        return self.name_en if lang != "zh" and self.name_en else self.name


@frozen(kw_only=True)
class Breakdown:
    """A figure broken down along one dimension (申请事项, 行政管理类别…) into categories.

    The total is the field ``of`` (under ``values:``), or, for a breakdown
    nested in a category, that category's count.
    """

    #: The field broken down; ``None`` when nested in a category.
    of: str | None
    #: The dimension's id, or its name as printed when the catalogue does not know it.
    by: str
    by_name: Text
    categories: tuple[Category, ...]
    #: Whether the categories should add up to the total (a table printed whole).
    complete: bool = True
    period: Period | None = None
    scope: str | None = None
    #: The report's words, for a reader to check.
    quote: str | None = None
    note: str | None = None
    line: int | None = field(default=None, eq=False)
    column: int | None = field(default=None, eq=False)


def find_categories(
    breakdowns: tuple[Breakdown, ...], of: str, by: str, category: str
) -> list[Category]:
    """The rows of ``of``'s tables along ``by`` (nested ones too) named or coded ``category``."""
    found: list[Category] = []

    def walk(table: Breakdown) -> None:
        for row in table.categories:
            if table.by == by and category in {row.name, row.code}:
                found.append(row)
            for inner in row.breakdowns:
                walk(inner)

    for table in breakdowns:
        if table.of == of:
            walk(table)
    return found


@frozen(kw_only=True)
class OtherFigure:
    """A figure the catalogue has no field for: kept and shown as printed, never scored."""

    label: str
    label_en: str | None = None
    #: A count, a printed rate, or an amount (1.98 with unit 亿美元), exactly as written.
    value: int | StatedRate | Decimal
    #: 约/近/余/多 for a count or an amount (a rate carries its own).
    approx: str | None = None
    unit: str | None = None
    quote: str | None = None
    #: The field or indicator it is about, if any.
    about: str | None = None
    period: Period | None = None
    scope: str | None = None
    line: int | None = field(default=None, eq=False)
    column: int | None = field(default=None, eq=False)

    @property
    def kind(self) -> str:
        """``count``, ``rate`` or ``amount``."""
        if isinstance(self.value, StatedRate):
            return "rate"
        return "amount" if isinstance(self.value, Decimal) else "count"

    def display(self) -> str:
        """The value as printed: ``1200余件``, ``约24%``, ``1.98亿美元``."""
        if isinstance(self.value, StatedRate):
            shown = self.value.text
        else:
            number = f"{self.value:f}" if isinstance(self.value, Decimal) else str(self.value)
            if self.approx in {"约", "近"}:
                shown = f"{self.approx}{number}"
            else:
                shown = f"{number}{self.approx or ''}"
        return shown + (self.unit or "")


@frozen(kw_only=True)
class EarlierYear:
    """Figures a report prints for an earlier year ("上年同期…"), kept beside this year's."""

    year: int
    values: Mapping[str, Reported] = field(factory=dict)
    stated: Mapping[str, StatedRate] = field(factory=dict)
    #: Where the earlier figures come from, when not the same report.
    source: Mapping[str, str] = field(factory=dict)
    #: That year's figures broken down, as far as the report prints them ("上年同期该类42件").
    breakdowns: tuple[Breakdown, ...] = ()

    def value(self, field_id: str) -> int | bool | dt.date | None:
        """The reported value of a field that year, or ``None`` when it is missing."""
        reported = self.values.get(field_id)
        return None if reported is None else reported.value


#: What a printed change measures: ``percent`` a relative change (同比增长12.5%),
#: ``points`` a difference of two rates (下降3.2个百分点), ``count`` a difference of
#: counts (增加555件), ``times`` a rise by a multiple (增长3倍), ``multiple`` the new
#: figure as a multiple of the old (是2021年的二倍), ``flat`` no change (持平).
ChangeKind = Literal["percent", "points", "count", "times", "multiple", "flat"]


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
    #: The dimension of the breakdown row the change is about (``None``: the whole figure).
    by: str | None = None
    #: The row's name or code, when the change is about one category of a breakdown
    #: ("以公安和交通支队为被申请人的案件…增长了一倍").
    category: str | None = None
    #: The report's words, for a reader to check.
    quote: str | None = None
    #: Where the change was written; not part of the value (equality ignores it).
    line: int | None = field(default=None, eq=False)
    column: int | None = field(default=None, eq=False)


@frozen(kw_only=True)
class Evidence:
    """A document behind a yes: what an evaluator asks to see before giving the points."""

    title: str | None = None
    #: The document number (文号), e.g. 沈政办〔2023〕12号.
    number: str | None = None
    date: dt.date | None = None
    url: str | None = None
    note: str | None = None


@frozen(kw_only=True)
class ManualScore:
    """Points a person gave an item the figures cannot decide (evidence reviewed)."""

    points: Fraction
    by: str
    on: dt.date
    note: str | None = None


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
    #: Figures broken down along a dimension (by matter, by sector…).
    breakdowns: tuple[Breakdown, ...] = ()
    #: Figures the catalogue has no field for, kept as printed and never scored.
    other: tuple[OtherFigure, ...] = ()
    #: The county-year format the file declared (1 when it declared none).
    format: int = 1
    #: Changes from earlier years as printed ("同比增长99.5%"), in file order.
    changes: tuple[StatedChange, ...] = ()
    #: Documents behind yes/no figures, by field id.
    evidence: Mapping[str, tuple[Evidence, ...]] = field(factory=dict)
    #: Scores a person gave to a profile's manual items, by item id.
    manual: Mapping[str, ManualScore] = field(factory=dict)
    #: The file the figures came from, when they came from a file (equality ignores it).
    file: str | None = field(default=None, eq=False)
    #: What the checks found worth a second look but not wrong (a date inside the
    #: reporting year, a file read as GB18030...); reports show them.
    warnings: tuple[Problem, ...] = field(default=(), eq=False)

    def value(self, field_id: str) -> int | bool | dt.date | None:
        """The reported value of a field, or ``None`` when it is missing."""
        reported = self.values.get(field_id)
        return None if reported is None else reported.value
