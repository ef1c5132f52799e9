"""Several years of one county: year-over-year deltas, printed changes, restated figures.

A report prints changes ("同比增长99.5%", "增加555件", "下降3.2个百分点") beside
last year's figures, and a later report may restate last year's.  Each printed
change is checked against the two years' figures with the semantics of printed
rates: its written precision makes an interval, under half-up rounding or
truncation, and 约/近/余/多 widen it by one unit.  Deltas are exact (counts as
whole numbers, rates as fractions, rate changes in percentage points), judged
better or worse by each indicator's direction.  Two reports that give one
county-year different figures are both kept, with their sources, and the
difference is reported, never resolved silently.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from enum import Enum
from fractions import Fraction
from typing import Literal

import attrs
from attrs import field, frozen

from fazhi_indicators.compute import FieldBounds, IndicatorValue, compute, resolve_fields
from fazhi_indicators.county import (
    Breakdown,
    Category,
    CountyYear,
    EarlierYear,
    Reported,
    StatedChange,
    approx_range,
    find_categories,
)
from fazhi_indicators.definitions import Catalog, RateIndicator
from fazhi_indicators.errors import InputError, Problem
from fazhi_indicators.exact import ROUNDINGS, Interval, Rounding, StatedRate, round_percent

__all__ = [
    "ChangeCheck",
    "Delta",
    "History",
    "HistoryReport",
    "Movement",
    "Restatement",
    "Step",
    "YearFigures",
    "change_interval",
    "check_changes",
    "history_report",
]

CheckStatus = Literal["consistent", "inconsistent", "warning"]

#: 增长N倍 read as the usage notes prescribe (the rise is N times the base, so the
#: new figure is N+1 times it), and as it is also written (the new figure is N times).
Reading = Literal["strict", "loose"]


# ---------------------------------------------------------------- intervals


def _point(value: Fraction) -> Interval:
    return Interval(low=value, high=value, high_closed=True)


def _counts(low: int, high: int) -> Interval:
    return Interval(low=Fraction(low), high=Fraction(high), high_closed=True)


def _minus(a: Interval, b: Interval) -> Interval:
    """Every ``x - y`` for ``x`` in ``a`` and ``y`` in ``b``."""
    return Interval(
        low=a.low - b.high,
        high=a.high - b.low,
        low_closed=a.low_closed and b.high_closed,
        high_closed=a.high_closed and b.low_closed,
    )


def _ratio(a: Interval, b: Interval) -> Interval:
    """Every ``x / y`` for ``x >= 0`` in ``a`` and ``y > 0`` in ``b`` (``b.low > 0``)."""
    return Interval(
        low=a.low / b.high,
        high=a.high / b.low,
        low_closed=a.low_closed and b.high_closed,
        high_closed=a.high_closed and b.low_closed,
    )


def _shift(a: Interval, by: Fraction) -> Interval:
    return attrs.evolve(a, low=a.low + by, high=a.high + by)


def _scale(a: Interval, by: Fraction) -> Interval:
    return attrs.evolve(a, low=a.low * by, high=a.high * by)


def _negate(a: Interval) -> Interval:
    return Interval(low=-a.high, high=-a.low, low_closed=a.high_closed, high_closed=a.low_closed)


def _within(inner: Interval, outer: Interval) -> bool:
    low_ok = inner.low > outer.low or (
        inner.low == outer.low and (outer.low_closed or not inner.low_closed)
    )
    high_ok = inner.high < outer.high or (
        inner.high == outer.high and (outer.high_closed or not inner.high_closed)
    )
    return low_ok and high_ok


def _apart(a: Interval, b: Interval) -> bool:
    """Whether no number lies in both."""
    return (
        a.high < b.low
        or (a.high == b.low and not (a.high_closed and b.low_closed))
        or b.high < a.low
        or (b.high == a.low and not (b.high_closed and a.low_closed))
    )


def _exact(a: Interval) -> Fraction | None:
    return a.low if a.low == a.high else None


# ---------------------------------------------------------------- printed changes


def change_interval(change: StatedChange, rounding: Rounding | None = None) -> Interval:
    """The true changes that print as ``change``, signed, in the change's own terms.

    ``percent`` and ``points`` are fractions of 1 (99.5% → about 0.995), ``count``
    whole numbers, ``times`` and ``multiple`` the printed multiple.  A count is exact unless hedged
    (``约50件`` reads as counts do, 45-55); any other number is an interval made by
    its written precision, under ``rounding`` (both when ``None``), widened by one
    unit in the direction 约/近/余/多 hedge.
    """
    if change.kind == "flat":
        return _point(Fraction(0))
    if change.kind == "count":
        low, high = approx_range(int(change.amount), change.approx)
        magnitude = _counts(low, high)
    else:
        # A printed rate has exactly these semantics; the number is its "percentage".
        printed = StatedRate(
            text=change.text, value=change.amount / 100, places=change.places, approx=change.approx
        )
        magnitude = printed.interval(rounding)
        if change.kind in {"times", "multiple"}:
            magnitude = _scale(magnitude, Fraction(100))
    return magnitude if change.sign > 0 else _negate(magnitude)


def _row(
    breakdowns: tuple[Breakdown, ...], change: StatedChange, code: str | None = None
) -> Category | None:
    """The breakdown row a change is about, by its name, else by ``code``; the first wins.

    A year's rows come first from its own report, then from later ones' ``previous:``.
    """
    if change.by is None or change.category is None:
        return None
    for wanted in (change.category, code):
        if wanted is not None:
            found = find_categories(breakdowns, change.subject, change.by, wanted)
            if found:
                return found[0]
    return None


def _row_interval(row: Category | None) -> tuple[Interval | None, str | None]:
    if row is None:
        return None, None
    low, high = row.range
    shown = str(row.count) if low == high else f"({low}–{high})"
    return _counts(low, high), shown


def _figure_interval(
    catalog: Catalog, data: CountyYear, subject: str
) -> tuple[Interval | None, str | None]:
    """A field's count or an indicator's rate in one year, and how it is written."""
    if subject in catalog.fields:
        bounds = resolve_fields(catalog, data).get(subject)
        if bounds is None or not bounds.known or bounds.high is None:
            return None, None
        shown = str(bounds.low) if bounds.exact is not None else f"({bounds.low}–{bounds.high})"
        return _counts(bounds.low, bounds.high), shown
    value = compute(catalog, data)[subject]
    return _value_interval(value), _value_text(catalog, value)


def _value_interval(value: IndicatorValue) -> Interval | None:
    if value.status != "available" or isinstance(value.value, bool):
        return None
    if isinstance(value.value, Fraction):
        return _point(value.value)
    return value.interval


def _value_text(catalog: Catalog, value: IndicatorValue) -> str | None:
    indicator = catalog.indicators[value.indicator]
    places = indicator.precision if isinstance(indicator, RateIndicator) else 1
    if isinstance(value.value, Fraction):
        return f"{round_percent(value.value, places + 1)}%"
    if value.stated is not None and value.source == "stated":
        return value.stated.text
    return None if value.interval is None else str(value.interval)


@frozen(kw_only=True)
class ChangeCheck:
    """One printed change checked against the figures of its two years."""

    change: StatedChange
    #: The year of the report that prints the change.
    year: int
    status: CheckStatus
    detail: str
    detail_zh: str
    #: The true change the figures allow, in the change's terms; ``None`` when a
    #: year's figure is missing.
    actual: Interval | None = None
    #: The roundings under which the printed change matches exact figures.
    roundings: tuple[Rounding, ...] = ()
    #: Which reading of 增长N倍 matched, for a ``times`` change.
    reading: Reading | None = None

    @property
    def subject(self) -> str:
        """The field or indicator the change is about."""
        return self.change.subject

    @property
    def category(self) -> str | None:
        """The breakdown row the change is about, when it is about one."""
        return self.change.category


def _earlier_data(data: CountyYear, earlier: EarlierYear) -> CountyYear:
    return CountyYear(
        county=data.county,
        year=earlier.year,
        province=data.province,
        values=earlier.values,
        stated=earlier.stated,
        source=earlier.source,
        breakdowns=earlier.breakdowns,
    )


def _both_years(
    catalog: Catalog, data: CountyYear, change: StatedChange
) -> tuple[tuple[Interval | None, str | None], tuple[Interval | None, str | None]]:
    """The figure a change is about in its year and in the year it is from, as written."""
    earlier = data.previous.get(change.from_year)
    if change.category is not None:
        row = _row(data.breakdowns, change)
        before_row = None
        if earlier is not None:
            before_row = _row(earlier.breakdowns, change, row.code if row else None)
        return _row_interval(row), _row_interval(before_row)
    after = _figure_interval(catalog, data, change.subject)
    if earlier is None:
        return after, (None, None)
    return after, _figure_interval(catalog, _earlier_data(data, earlier), change.subject)


def _actual(
    change: StatedChange, before: Interval, after: Interval, reading: Reading = "strict"
) -> Interval | None:
    """What the figures say of the quantity the change prints; ``None``: relative to 0."""
    if change.kind in {"count", "points", "flat"}:
        return _minus(after, before)
    if before.low <= 0:
        return None
    ratio = _ratio(after, before)
    if change.kind == "multiple" or (change.kind == "times" and reading == "loose"):
        return ratio
    return _shift(ratio, Fraction(-1))


_KIND_TEXT = {
    "count": ("{a} − {b}", "{a} − {b}"),
    "points": ("{a} − {b}", "{a} − {b}"),
    "flat": ("{a} − {b}", "{a} − {b}"),
    "percent": ("({a} − {b})/{b}", "（{a} − {b}）/{b}"),
    "times": ("{a}/{b} − 1", "{a}/{b} − 1"),
    "multiple": ("{a}/{b}", "{a}/{b}"),
}


def _amount_text(change: StatedChange, value: Fraction) -> tuple[str, str]:
    """A value of the change's quantity as a person reads it, in English and Chinese."""
    if change.kind in {"count", "flat"} and value.denominator == 1:
        whole = f"{int(value):+d}" if value else "0"
        return whole, whole
    if change.kind in {"times", "multiple"}:
        times = round_percent(value / 100, change.places + 2)
        if change.kind == "multiple":
            return f"{times:f} times", f"{times:f}倍"
        return f"{times:+f} times", f"{times:+f}倍"
    shown = round_percent(value, change.places + 1 if change.kind != "flat" else 2)
    if change.kind == "points":
        return f"{shown:+f} percentage points", f"{shown:+f}个百分点"
    return f"{shown:+f}%", f"{shown:+f}%"


def _interval_text(change: StatedChange, interval: Interval) -> tuple[str, str]:
    exact = _exact(interval)
    if exact is not None:
        return _amount_text(change, exact)
    low, high = _amount_text(change, interval.low), _amount_text(change, interval.high)
    return f"between {low[0]} and {high[0]}", f"介于 {low[1]} 与 {high[1]} 之间"


_ROUNDING_NAMES = {"half_up": ("half-up rounding", "四舍五入"), "truncate": ("truncation", "截尾")}


def _judge(change: StatedChange, actual: Interval) -> tuple[CheckStatus, tuple[Rounding, ...]]:
    if _within(actual, change_interval(change)):
        exact = _exact(actual)
        modes: tuple[Rounding, ...] = ()
        if exact is not None and change.kind not in {"count", "flat"}:
            modes = tuple(m for m in ROUNDINGS if _within(actual, change_interval(change, m)))
        return "consistent", modes
    if _apart(actual, change_interval(change)):
        return "inconsistent", ()
    return "warning", ()


def _check_one(catalog: Catalog, data: CountyYear, change: StatedChange) -> ChangeCheck:
    (after, after_text), (before, before_text) = _both_years(catalog, data, change)
    head = f"stated {change.text} (from {change.from_year})"
    head_zh = f"报告所列“{change.text}”（较{change.from_year}年）"
    if change.category is not None:
        head = (
            f"stated {change.text} of {change.category} (by {change.by}, from {change.from_year})"
        )
        head_zh = f"报告所列{change.category}“{change.text}”（较{change.from_year}年）"
    if after is None or before is None:
        missing = change.from_year if before is None else data.year
        return ChangeCheck(
            change=change,
            year=data.year,
            status="warning",
            detail=f"{head}: the {missing} figure is not given, so it cannot be checked",
            detail_zh=f"{head_zh}：未提供{missing}年的数字，无法核对",
        )
    readings: tuple[Reading, ...] = ("strict", "loose") if change.kind == "times" else ("strict",)
    tried: list[tuple[Reading, Interval, CheckStatus, tuple[Rounding, ...]]] = []
    for reading in readings:
        actual = _actual(change, before, after, reading)
        if actual is None:
            return ChangeCheck(
                change=change,
                year=data.year,
                status="warning",
                detail=f"{head}: the {change.from_year} figure may be 0,"
                " from which no relative change is defined",
                detail_zh=f"{head_zh}：{change.from_year}年的数字可能为0，无法计算相对变化",
            )
        tried.append((reading, actual, *_judge(change, actual)))
    # The strict reading first; the loose one of 增长N倍 only when it alone fits.
    reading, actual, status, modes = next(
        (t for wanted in ("consistent", "warning") for t in tried if t[2] == wanted), tried[0]
    )
    how = _KIND_TEXT[change.kind]
    formula = how[0].format(a=after_text, b=before_text)
    formula_zh = how[1].format(a=after_text, b=before_text)
    shown, shown_zh = _interval_text(change, actual)
    if change.kind == "times" and reading == "loose":
        formula, formula_zh = f"{after_text}/{before_text}", f"{after_text}/{before_text}"
        shown, shown_zh = shown.replace("+", "", 1), shown_zh.replace("+", "", 1)
    said = f"{head}: {formula} = {shown}"
    said_zh = f"{head_zh}：{formula_zh} = {shown_zh}"
    if status == "consistent":
        how_en = " and ".join(_ROUNDING_NAMES[m][0] for m in modes)
        how_zh = "和".join(_ROUNDING_NAMES[m][1] for m in modes)
        tail, tail_zh = ", consistent", "，相符"
        if modes:
            tail, tail_zh = f"{tail} under {how_en}", f"{tail_zh}（{how_zh}）"
        if change.kind == "times" and reading == "loose":
            status = "warning"
            tail = (
                f", consistent only if {change.text} means the new figure is"
                f" {change.amount} times the old; strictly it means {change.amount + 1} times"
            )
            tail_zh = (
                f"，仅当“{change.text}”指增长到原来的{change.amount}倍时相符；"
                f"按规范用法应为增长到原来的{change.amount + 1}倍"
            )
        return ChangeCheck(
            change=change,
            year=data.year,
            status=status,
            detail=said + tail,
            detail_zh=said_zh + tail_zh,
            actual=actual,
            roundings=modes,
            reading=reading if change.kind == "times" else None,
        )
    if status == "warning":
        return ChangeCheck(
            change=change,
            year=data.year,
            status="warning",
            detail=f"{said}; the hedged figures neither confirm nor refute it",
            detail_zh=f"{said_zh}；数字为约数，无法确认或否定",
            actual=actual,
        )
    return ChangeCheck(
        change=change,
        year=data.year,
        status="inconsistent",
        detail=f"{said}, which does not print as {change.text}",
        detail_zh=f"{said_zh}，与报告所列不符",
        actual=actual,
    )


def check_changes(catalog: Catalog, data: CountyYear) -> list[ChangeCheck]:
    """Every printed change of ``data`` against its own year and the year it is from.

    The earlier year's figures are ``data.previous`` (the report's own, or an
    earlier file's attached by :meth:`History.county_year`).
    """
    return [_check_one(catalog, data, change) for change in data.changes]


# ---------------------------------------------------------------- several reports


@frozen(kw_only=True)
class YearFigures:
    """One report's figures for one county-year: its own year's, or an earlier one's."""

    year: int
    values: Mapping[str, Reported] = field(factory=dict)
    stated: Mapping[str, StatedRate] = field(factory=dict)
    source: Mapping[str, str] = field(factory=dict)
    #: The figures broken down, as far as the report prints them for the year.
    breakdowns: tuple[Breakdown, ...] = ()
    #: The file the figures were read from.
    file: str | None = None
    #: The year of the report that printed them (later than ``year`` for ``previous:``).
    reported_in: int

    @property
    def restating(self) -> bool:
        """Whether a later report printed these figures (under ``previous:``)."""
        return self.reported_in != self.year


@frozen(kw_only=True)
class Restatement:
    """Two reports that give one county-year's field or rate different figures."""

    year: int
    subject: str
    first: YearFigures
    second: YearFigures
    first_text: str
    second_text: str
    #: The dimension and the row, when the figure is one row of a breakdown of ``subject``.
    by: str | None = None
    category: str | None = None
    #: Where the second report writes the row (a breakdown row has no id to find it by).
    line: int | None = field(default=None, eq=False)
    column: int | None = field(default=None, eq=False)


def _shown(item: Reported | StatedRate) -> str:
    if isinstance(item, StatedRate):
        return item.text
    value = item.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if item.approx in {"约", "近"}:
        return f"{item.approx}{value}"
    return f"{value}{item.approx or ''}"


def _same(a: Reported | StatedRate, b: Reported | StatedRate) -> bool:
    """One figure printed twice: ``94%`` and ``94.0%``, or ``50`` and ``约50``, are the same."""
    return a.value == b.value


def _same_county(a: CountyYear, b: CountyYear) -> bool:
    codes = (a.division_code, b.division_code)
    if None not in codes and codes[0] != codes[1]:
        return False
    return a.county.strip() == b.county.strip()


@frozen(kw_only=True)
class History:
    """One county's county-years, from several files or one file's ``previous:``.

    ``files`` are kept as given, sorted by year (files of one year in the order
    given: the first is that year's own figures when two files disagree).
    """

    files: tuple[CountyYear, ...]

    def __attrs_post_init__(self) -> None:
        """Refuse an empty history and files of different counties."""
        if not self.files:
            raise ValueError("a history needs at least one county-year")
        first = self.files[0]
        others = [f for f in self.files if not _same_county(first, f)]
        if others:
            raise InputError([_mixed(first, other) for other in others])

    @classmethod
    def of(cls, files: Iterable[CountyYear]) -> History:
        """A history of ``files`` in year order (stable within a year)."""
        return cls(files=tuple(sorted(files, key=lambda f: f.year)))

    @property
    def county(self) -> str:
        """The county's name, as its latest file writes it."""
        return self.files[-1].county

    @property
    def years(self) -> tuple[int, ...]:
        """Every year with figures: a file's own, or one printed under ``previous:``."""
        found = {f.year for f in self.files}
        found |= {y for f in self.files for y in f.previous}
        return tuple(sorted(found))

    def figures(self, year: int) -> tuple[YearFigures, ...]:
        """Every report's figures for ``year``: the year's own files first, then later ones'."""
        own = [
            YearFigures(
                year=year,
                values=f.values,
                stated=f.stated,
                source=f.source,
                breakdowns=f.breakdowns,
                file=f.file,
                reported_in=f.year,
            )
            for f in self.files
            if f.year == year
        ]
        restated = [
            YearFigures(
                year=year,
                values=e.values,
                stated=e.stated,
                source=e.source or f.source,
                breakdowns=e.breakdowns,
                file=f.file,
                reported_in=f.year,
            )
            for f in self.files
            if (e := f.previous.get(year)) is not None
        ]
        return (*own, *restated)

    def merged(self, year: int) -> EarlierYear:
        """One figure per field and rate for ``year``: the first report that gives it wins.

        Every report's breakdowns are kept, the first report's first, so that a row is
        looked up where it is first printed.
        """
        values: dict[str, Reported] = {}
        stated: dict[str, StatedRate] = {}
        reports = self.figures(year)
        for report in reports:
            for key, item in report.values.items():
                values.setdefault(key, item)
            for key, rate in report.stated.items():
                stated.setdefault(key, rate)
        source = dict(reports[0].source) if reports else {}
        tables = tuple(t for r in reports for t in r.breakdowns)
        return EarlierYear(
            year=year, values=values, stated=stated, source=source, breakdowns=tables
        )

    def data(self, year: int) -> CountyYear:
        """The figures of ``year`` as a county-year (merged; ``previous`` left empty)."""
        own = next((f for f in self.files if f.year == year), None)
        merged = self.merged(year)
        if own is None:
            latest = self.files[-1]
            return CountyYear(
                county=latest.county,
                year=year,
                province=latest.province,
                prefecture=latest.prefecture,
                division_code=latest.division_code,
                source=merged.source,
                values=merged.values,
                stated=merged.stated,
            )
        return attrs.evolve(
            own, values=merged.values, stated=merged.stated, previous={}, changes=()
        )

    @property
    def restatements(self) -> tuple[Restatement, ...]:
        """Every figure two reports of one county-year give differently."""
        found: list[Restatement] = []
        for year in self.years:
            reports = self.figures(year)
            for index, later in enumerate(reports[1:], start=1):
                for kind in ("values", "stated"):
                    for subject, item in getattr(later, kind).items():
                        first = next(
                            (r for r in reports[:index] if subject in getattr(r, kind)), None
                        )
                        if first is None:
                            continue
                        held: Reported | StatedRate = getattr(first, kind)[subject]
                        if not _same(held, item):
                            found.append(
                                Restatement(
                                    year=year,
                                    subject=subject,
                                    first=first,
                                    second=later,
                                    first_text=_shown(held),
                                    second_text=_shown(item),
                                )
                            )
                found += _row_restatements(year, reports[:index], later)
        return tuple(found)

    def county_year(self, year: int | None = None) -> CountyYear:
        """The file of ``year`` (the latest when ``None``), every earlier year attached.

        ``previous`` holds, for each earlier year, the report's own ``previous:``
        figures where it gives them, completed with the other reports' for what it
        does not; each figure two reports give differently is a ``restated`` warning.

        Raises:
            KeyError: no file is of ``year``.
        """
        wanted = self.files[-1].year if year is None else year
        own = next((f for f in self.files if f.year == wanted), None)
        if own is None:
            raise KeyError(wanted)
        return self.attach(own)

    def attach(self, own: CountyYear) -> CountyYear:
        """``own`` (one of the files) with every earlier year of the history attached."""
        wanted = own.year
        previous = dict(own.previous)
        for earlier in self.years:
            if earlier >= wanted:
                continue
            merged = self.merged(earlier)
            given = previous.get(earlier)
            if given is None:
                previous[earlier] = merged
                continue
            previous[earlier] = attrs.evolve(
                given,
                values={**merged.values, **given.values},
                stated={**merged.stated, **given.stated},
                source=given.source or merged.source,
                breakdowns=(*given.breakdowns, *merged.breakdowns),
            )
        warnings = [
            restatement_problem(r)
            for r in self.restatements
            if r.year <= wanted and any(_from(own, report) for report in (r.first, r.second))
        ]
        kept = [w for w in warnings if w not in own.warnings]
        return attrs.evolve(
            own,
            previous=dict(sorted(previous.items())),
            warnings=(*own.warnings, *kept),
        )


def _rows(tables: tuple[Breakdown, ...]) -> list[tuple[str, str, Category]]:
    """``(field, dimension, row)`` of every row of ``tables``, nested rows too."""
    found: list[tuple[str, str, Category]] = []

    def walk(table: Breakdown, of: str) -> None:
        for row in table.categories:
            found.append((of, table.by, row))
            for inner in row.breakdowns:
                walk(inner, of)

    for table in tables:
        if table.of is not None:
            walk(table, table.of)
    return found


def _row_text(row: Category) -> str:
    return (
        f"{row.approx}{row.count}"
        if row.approx in {"约", "近"}
        else f"{row.count}{row.approx or ''}"
    )


def _row_restatements(
    year: int, earlier: tuple[YearFigures, ...], later: YearFigures
) -> list[Restatement]:
    """Each row of ``later``'s breakdowns that an earlier report gives another count."""
    found: list[Restatement] = []
    for of, by, row in _rows(later.breakdowns):
        for first in earlier:
            held = next(
                (r for o, b, r in _rows(first.breakdowns) if (o, b, r.name) == (of, by, row.name)),
                None,
            )
            if held is None:
                continue
            if held.count != row.count:
                found.append(
                    Restatement(
                        year=year,
                        subject=of,
                        first=first,
                        second=later,
                        first_text=_row_text(held),
                        second_text=_row_text(row),
                        by=by,
                        category=row.name,
                        line=row.line,
                        column=row.column,
                    )
                )
            break
    return found


def _from(data: CountyYear, report: YearFigures) -> bool:
    return report.reported_in == data.year and report.file == data.file


def _mixed(first: CountyYear, other: CountyYear) -> Problem:
    return Problem(
        code="mixed-counties",
        message=f"expected county-years of {first.county} ({first.file or 'given first'}),"
        f" found {other.county} {other.year}",
        message_zh=f"应为{first.county}的年度数据（{first.file or '首个'}），"
        f"实际为{other.county} {other.year}年",
        file=other.file,
        path="county",
    )


def _where(report: YearFigures) -> tuple[str, str]:
    source = report.source.get("title") or report.file or "?"
    if report.restating:
        return (
            f"{source} (the {report.reported_in} report's previous:)",
            f"{source}（{report.reported_in}年报告所列上年数）",
        )
    return source, source


def restatement_problem(restatement: Restatement) -> Problem:
    """A ``restated`` warning, placed at the second report's figure."""
    r = restatement
    item = r.second.values.get(r.subject) or r.second.stated.get(r.subject)
    line = item.line if isinstance(item, Reported) else None
    column = item.column if isinstance(item, Reported) else None
    kind = "values" if r.subject in r.second.values else "stated"
    path = f"previous.{r.year}.{kind}.{r.subject}" if r.second.restating else f"{kind}.{r.subject}"
    subject = subject_zh = r.subject
    if r.category is not None:
        line, column = r.line, r.column
        path = f"previous.{r.year}.breakdowns" if r.second.restating else "breakdowns"
        subject = f"{r.subject} ({r.by}: {r.category})"
        subject_zh = f"{r.subject}（{r.by}：{r.category}）"
    first, first_zh = _where(r.first)
    second, second_zh = _where(r.second)
    return Problem(
        code="restated",
        message=f"{subject} for {r.year}: {r.first_text} in {first},"
        f" {r.second_text} in {second}; both are kept",
        message_zh=f"{r.year}年 {subject_zh}：{first_zh}为 {r.first_text}，"
        f"{second_zh}为 {r.second_text}；两者均予保留",
        file=r.second.file,
        line=line,
        column=column,
        path=path,
        severity="warning",
    )


# ---------------------------------------------------------------- deltas


class Movement(str, Enum):
    """How a field or an indicator moved from one year to the next."""

    #: Moved the way the indicator's direction calls better.
    BETTER = "BETTER"
    WORSE = "WORSE"
    #: Rose or fell: a field, or an indicator with no better direction.
    UP = "UP"
    DOWN = "DOWN"
    UNCHANGED = "UNCHANGED"
    #: The figures are ranges that overlap: which way it moved is not known.
    UNDETERMINED = "UNDETERMINED"
    #: A year has no figure (missing, or a rate with no cases).
    NOT_COMPARABLE = "NOT_COMPARABLE"


@frozen(kw_only=True)
class Delta:
    """One field or indicator in two years."""

    subject: str
    kind: Literal["field", "indicator"]
    before: Interval | bool | None
    after: Interval | bool | None
    movement: Movement
    #: After minus before, exactly, when both are known exactly: whole cases for a
    #: field, a fraction of 1 for a rate (x 100 for percentage points).
    change: Fraction | None = None
    #: The change over the earlier figure, for a field with exact counts (not from 0).
    relative: Fraction | None = None
    #: Every change the figures allow, when one of them is a range.
    change_range: Interval | None = None


def _field_interval(bounds: FieldBounds | None) -> Interval | None:
    if bounds is None or not bounds.known or bounds.high is None:
        return None
    return _counts(bounds.low, bounds.high)


def _moved(before: Interval, after: Interval) -> int | None:
    difference = _minus(after, before)
    if difference.low == difference.high == 0:
        return 0
    if difference.low > 0 or (difference.low == 0 and not difference.low_closed):
        return 1
    if difference.high < 0 or (difference.high == 0 and not difference.high_closed):
        return -1
    return None


def _movement(direction: str, moved: int | None) -> Movement:
    if moved is None:
        return Movement.UNDETERMINED
    if moved == 0:
        return Movement.UNCHANGED
    if direction == "higher":
        return Movement.BETTER if moved > 0 else Movement.WORSE
    if direction == "lower":
        return Movement.BETTER if moved < 0 else Movement.WORSE
    return Movement.UP if moved > 0 else Movement.DOWN


def _delta(
    subject: str,
    kind: Literal["field", "indicator"],
    direction: str,
    before: Interval | None,
    after: Interval | None,
) -> Delta:
    if before is None or after is None:
        return Delta(
            subject=subject,
            kind=kind,
            before=before,
            after=after,
            movement=Movement.NOT_COMPARABLE,
        )
    difference = _minus(after, before)
    change = _exact(difference)
    old = _exact(before)
    relative = None
    if kind == "field" and change is not None and old:
        relative = change / old
    return Delta(
        subject=subject,
        kind=kind,
        before=before,
        after=after,
        movement=_movement(direction, _moved(before, after)),
        change=change,
        relative=relative,
        change_range=None if change is not None else difference,
    )


def _flag_delta(subject: str, *, before: bool | None, after: bool | None) -> Delta:
    """A yes/no indicator (a deadline kept): yes is better."""
    if before is None or after is None:
        movement = Movement.NOT_COMPARABLE
    elif before == after:
        movement = Movement.UNCHANGED
    else:
        movement = Movement.BETTER if after else Movement.WORSE
    return Delta(subject=subject, kind="indicator", before=before, after=after, movement=movement)


def _flag(value: IndicatorValue) -> bool | None:
    return value.value if value.status == "available" and isinstance(value.value, bool) else None


def deltas(catalog: Catalog, before: CountyYear, after: CountyYear) -> tuple[Delta, ...]:
    """Fields either year reports, then indicators either year has a value for."""
    bounds = (resolve_fields(catalog, before), resolve_fields(catalog, after))
    found: list[Delta] = []
    for field_id, definition in catalog.fields.items():
        if definition.type != "count":
            continue
        if field_id not in before.values and field_id not in after.values:
            continue
        found.append(
            _delta(
                field_id,
                "field",
                "neutral",
                _field_interval(bounds[0].get(field_id)),
                _field_interval(bounds[1].get(field_id)),
            )
        )
    values = (
        compute(catalog, before, bounds=bounds[0]),
        compute(catalog, after, bounds=bounds[1]),
    )
    for indicator_id, indicator in catalog.indicators.items():
        old, new = values[0][indicator_id], values[1][indicator_id]
        if "available" not in (old.status, new.status):
            continue
        if _flag(old) is not None or _flag(new) is not None:
            found.append(_flag_delta(indicator_id, before=_flag(old), after=_flag(new)))
            continue
        found.append(
            _delta(
                indicator_id,
                "indicator",
                indicator.direction,
                _value_interval(old),
                _value_interval(new),
            )
        )
    return tuple(found)


@frozen(kw_only=True)
class Step:
    """One year to the next: what moved."""

    before: int
    after: int
    deltas: tuple[Delta, ...]


@frozen(kw_only=True)
class HistoryReport:
    """A county over several years: deltas year by year, printed changes, restatements."""

    county: str
    years: tuple[int, ...]
    steps: tuple[Step, ...]
    #: Every file's printed changes, checked (earlier files' figures attached).
    changes: tuple[ChangeCheck, ...]
    restatements: tuple[Restatement, ...]
    #: Where each year's figures come from, first report first.
    sources: Mapping[int, tuple[YearFigures, ...]]
    #: The catalogue the report was made with: its names label every rendering.
    catalog: Catalog = field(eq=False, repr=False)


def history_report(catalog: Catalog, history: History) -> HistoryReport:
    """Deltas between consecutive years, every printed change checked, every restatement."""
    years = history.years
    steps = tuple(
        Step(
            before=a,
            after=b,
            deltas=deltas(catalog, history.data(a), history.data(b)),
        )
        for a, b in itertools.pairwise(years)
    )
    checked: list[ChangeCheck] = []
    for data in history.files:
        checked += check_changes(catalog, history.attach(data))
    return HistoryReport(
        county=history.county,
        years=years,
        steps=steps,
        changes=tuple(checked),
        restatements=history.restatements,
        sources={year: history.figures(year) for year in years},
        catalog=catalog,
    )
