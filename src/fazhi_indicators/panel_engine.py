"""Score a whole panel column by column, exactly, with the results ``score()`` gives row by row.

The profile is compiled once.  Each rate item is then judged for every row at once:
its numerator and denominator are integer columns, a target is met when the
cross-multiplied integers say so (``n * b >= a * d`` for ``>= a/b``), and the
points of a rule are integer pairs (Python integers, which cannot overflow).  A row
takes the per-county path — :func:`~fazhi_indicators.scoring.score` itself — when
something in it is not a plain count: a hedged figure the profile reads (约/近/余/多),
or a profile with an item of another kind (yes/no, counts, trends, manual, partial).
A printed rate without its counts is judged as ``score()`` judges it, from the
rate's interval, by the same functions.  Either way the row's verdict, points and
item statuses are those of ``score()``; the property tests hold the two to that.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, TypeVar, overload

import attrs
import numpy as np
from attrs import frozen

from fazhi_indicators._load.count_column import CountColumn, sorted_distinct
from fazhi_indicators._load.panel import PanelColumns, columns_of_rows
from fazhi_indicators._load.reader import collector_paused
from fazhi_indicators.county import CountyYear
from fazhi_indicators.definitions import (
    AllOrNothing,
    Bands,
    Catalog,
    DeadlineIndicator,
    Deduct,
    FieldDef,
    Grade,
    IndicatorDef,
    Item,
    Linear,
    OwnIndicator,
    Partial,
    PerStep,
    Profile,
    RateIndicator,
)
from fazhi_indicators.exact import FlagTarget, Interval, RateTarget, Readiness, StatedRate, Verdict
from fazhi_indicators.points import points_for, points_range
from fazhi_indicators.tables import data_frame, pair_text, plain_number

if TYPE_CHECKING:
    from fazhi_indicators.scoring import Line, Scorecard

_T = TypeVar("_T")
#: Integer pairs (numerators, denominators) as two arrays.
_Pairs = tuple[np.ndarray, np.ndarray]

__all__ = [
    "PANEL_ROW_KEYS",
    "ROW_FIGURES",
    "CompiledProfile",
    "ItemResults",
    "PanelResult",
    "ResultColumn",
    "RowSummary",
    "SummaryColumns",
    "SummaryRows",
    "compile_profile",
    "score_columns",
    "score_rows",
    "summary_of",
]

_ZERO = Fraction(0)
_RULES = (AllOrNothing, Linear, Deduct, Bands, PerStep)


@frozen(kw_only=True)
class _Plan:
    """One item as the columns judge it."""

    area: str
    item: Item
    definition: IndicatorDef
    #: The item's points over the profile's common denominator.
    points_l: int


@frozen(kw_only=True)
class CompiledProfile:
    """A profile made ready for columns: its items' plans and its settings as integers."""

    profile: Profile
    #: The catalogue, with the rates and deadlines the profile's items define.
    catalog: Catalog
    plans: tuple[_Plan, ...]
    #: Whether every item is a rate or a deadline the columns can judge; if not,
    #: every row takes the per-county path.
    columnar: bool
    #: The count fields the items read.
    fields: frozenset[str]
    #: Those of them that a missing cell does not settle: a subset, a part, a sum,
    #: whose bounds may pin the value (a part of a total of 0 is 0).
    bounded: frozenset[str]
    #: The catalogue's fields related to ``fields``, to resolve a row with a missing one.
    related: Catalog
    #: The fields of ``related`` that can change a bound whatever the rows give: a
    #: column, a total, a part, a field with subsets kept.  A field outside it changes
    #: a bound only when a row gives it, so it is added for the panels that have it.
    kept: frozenset[str]
    #: The common denominator of every item's points.
    unit: int
    #: The profile's full points over ``unit``.
    full_l: int


def compile_profile(profile: Profile, catalog: Catalog) -> CompiledProfile:
    """Plan every item once for a whole panel."""
    own = {
        item.check.definition.id: item.check.definition
        for item in profile.items
        if isinstance(item.check, OwnIndicator)
        and item.check.definition.id not in catalog.indicators
    }
    if own:
        catalog = attrs.evolve(catalog, indicators={**catalog.indicators, **own})
    unit = math.lcm(*(item.points.denominator for item in profile.items), 1)
    plans: list[_Plan] = []
    columnar = True
    for area in profile.areas:
        for item in area.items:
            definition = _definition(catalog, item)
            if definition is None:
                columnar = False
                continue
            plans.append(
                _Plan(
                    area=area.id,
                    item=item,
                    definition=definition,
                    points_l=int(item.points * unit),
                )
            )
    fields = frozenset(
        name
        for plan in plans
        if isinstance(plan.definition, RateIndicator)
        for name in plan.definition.fields
    )
    # A veto reads a yes/no field; one on any other field is left to score().
    columnar = columnar and all(
        catalog.fields[v.field].type == "boolean" if v.field in catalog.fields else False
        for v in profile.vetoes
    )
    related = _related(catalog, fields)
    bounded = frozenset(f for f in fields if _may_be_pinned(catalog, f))
    return CompiledProfile(
        profile=profile,
        catalog=catalog,
        plans=tuple(plans),
        columnar=columnar,
        fields=fields,
        bounded=bounded,
        related=attrs.evolve(
            catalog, fields={k: v for k, v in catalog.fields.items() if k in related}
        ),
        kept=frozenset(_kept(catalog, related, fields)),
        unit=unit,
        full_l=int(profile.max_total * unit),
    )


def _definition(catalog: Catalog, item: Item) -> IndicatorDef | None:
    """The indicator a plain rate or deadline item judges; ``None`` for any other item."""
    if isinstance(item.rule, Partial):
        return None
    if item.check is None:
        definition = catalog.indicators.get(item.indicator)
    elif isinstance(item.check, OwnIndicator):
        definition = item.check.definition
    else:
        return None
    if isinstance(definition, RateIndicator):
        if isinstance(item.target, RateTarget) and isinstance(item.rule, _RULES):
            return definition
        return None
    if isinstance(definition, DeadlineIndicator) and isinstance(item.target, FlagTarget):
        return definition
    return None


def _related(catalog: Catalog, start: Iterable[str]) -> set[str]:
    """Every field linked to ``start`` by a subset, a breakdown or a sum, transitively."""
    links: dict[str, set[str]] = {}
    for f in catalog.fields.values():
        for other in (*f.parts, *f.sum_of, *((f.subset_of,) if f.subset_of else ())):
            links.setdefault(f.id, set()).add(other)
            links.setdefault(other, set()).add(f.id)
    found: set[str] = set()
    pending = list(start)
    while pending:
        name = pending.pop()
        if name in found:
            continue
        found.add(name)
        pending.extend(links.get(name, ()))
    return found


def _kept(catalog: Catalog, related: set[str], fields: frozenset[str]) -> set[str]:
    """The related fields whose bounds can move another's.

    A field no row reports, with no parts, in no breakdown and with no kept subset,
    keeps its least value 0: tightening its set with it changes nothing, so leaving
    it out changes no other bound.  Every count the items read is kept.
    """
    kept = set(related)
    in_breakdown = {p for f in catalog.fields.values() if f.id in related for p in f.parts}
    while True:
        drop = {
            name
            for name in kept
            if name not in fields
            and not catalog.fields[name].parts
            and name not in in_breakdown
            and not any(catalog.fields[o].subset_of == name for o in kept)
        }
        if not drop:
            return kept
        kept -= drop


def _may_be_pinned(catalog: Catalog, field_id: str) -> bool:
    """Whether bounds may give a missing count a value: it has an upper bound to meet."""
    field: FieldDef = catalog.fields[field_id]
    part_of = any(field_id in f.parts for f in catalog.fields.values())
    return bool(field.subset_of or field.sum_of or part_of)


class RowSummary:
    """One county-year's result: what a ranking and a distribution need.

    Cheap to make for each of a country's rows: the six exact figures are kept as
    unreduced integer pairs and made fractions only when read.  Two summaries are
    equal when every figure is, however its pair was written.
    """

    __slots__ = ("_pairs", "county", "grade", "province", "verdict", "year")

    def __init__(  # noqa: PLR0913 - a row's figures
        self,
        *,
        county: str,
        year: int,
        province: str | None,
        verdict: Readiness,
        grade: Grade | None,
        pairs: tuple[tuple[int, int], ...],
    ) -> None:
        """A row's names, verdict, grade and figures (in ``_PAIRS`` order)."""
        self.county, self.year, self.province = county, year, province
        self.verdict, self.grade = verdict, grade
        #: total, total_high, total_if_missing_met, max_total, coverage, applicable.
        self._pairs = pairs

    @property
    def total(self) -> Fraction:
        """Points assured."""
        return Fraction(*self._pairs[0])

    @property
    def total_high(self) -> Fraction:
        """Points in the best case."""
        return Fraction(*self._pairs[1])

    @property
    def total_if_missing_met(self) -> Fraction:
        """Best-case points with every item that has no data counted as met."""
        return Fraction(*self._pairs[2])

    @property
    def max_total(self) -> Fraction:
        """The most points the items that apply can give."""
        return Fraction(*self._pairs[3])

    @property
    def coverage(self) -> Fraction:
        """The share of the maximum assessed on data."""
        return Fraction(*self._pairs[4])

    @property
    def applicable(self) -> Fraction:
        """The share of the profile's points that applies."""
        return Fraction(*self._pairs[5])

    def pair(self, name: str) -> tuple[int, int]:
        """A figure as an unreduced ``(numerator, denominator)``, denominator > 0."""
        return self._pairs[_PAIR_INDEX[name]]

    def _key(self) -> tuple[object, ...]:
        return (
            self.county,
            self.year,
            self.province,
            self.verdict,
            self.grade,
            *(Fraction(*pair) for pair in self._pairs),
        )

    def __eq__(self, other: object) -> bool:
        """Equal figures, by value."""
        if not isinstance(other, RowSummary):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        """By value, as equality."""
        return hash(self._key())

    def __repr__(self) -> str:
        """Every figure by name."""
        pairs = zip(_PAIRS, self._pairs, strict=True)
        figures = ", ".join(f"{name}={Fraction(*pair)}" for name, pair in pairs)
        grade = self.grade.name.zh if self.grade else None
        return (
            f"RowSummary(county={self.county!r}, year={self.year}, province={self.province!r},"
            f" verdict={self.verdict.value}, grade={grade!r}, {figures})"
        )


#: A row summary's exact figures, in order.
ROW_FIGURES = _PAIRS = (
    "total",
    "total_high",
    "total_if_missing_met",
    "max_total",
    "coverage",
    "applicable",
)
_PAIR_INDEX = {name: index for index, name in enumerate(_PAIRS)}

#: Verdicts by the small codes the columns judge them in.
_READINESS = (
    Readiness.READY,
    Readiness.UNDETERMINED,
    Readiness.NOT_READY,
    Readiness.INSUFFICIENT_DATA,
)
_READINESS_CODE = {verdict: code for code, verdict in enumerate(_READINESS)}


class SummaryColumns:
    """Every scored row's summary as columns: a country is ranked and written without row objects.

    ``verdict`` holds codes into ``READINESS``, ``grade`` indices into ``grades``
    (-1: none), and ``pairs`` each figure of :data:`ROW_FIGURES` as two arrays of
    integers (numerator, denominator > 0), not always reduced: 64-bit when every
    value fits, else Python integers.
    """

    __slots__ = ("county", "grade", "grades", "pairs", "province", "verdict", "year")

    READINESS = _READINESS

    def __init__(  # noqa: PLR0913 - a summary's columns
        self,
        *,
        county: list[str],
        year: list[int],
        province: list[str | None],
        verdict: np.ndarray,
        grade: np.ndarray,
        grades: tuple[Grade, ...],
        pairs: tuple[tuple[np.ndarray, np.ndarray], ...],
    ) -> None:
        """The columns, each in row order."""
        self.county, self.year, self.province = county, year, province
        self.verdict, self.grade, self.grades, self.pairs = verdict, grade, grades, pairs

    def __len__(self) -> int:
        """How many rows."""
        return len(self.county)

    def row(self, k: int) -> RowSummary:
        """Row ``k`` as a summary."""
        grade = int(self.grade[k])
        return RowSummary(
            county=self.county[k],
            year=self.year[k],
            province=self.province[k],
            verdict=_READINESS[int(self.verdict[k])],
            grade=self.grades[grade] if grade >= 0 else None,
            pairs=tuple((int(num[k]), int(den[k])) for num, den in self.pairs),
        )

    @classmethod
    def of_rows(cls, rows: Sequence[RowSummary]) -> SummaryColumns:
        """Summaries made one by one (read back from JSON, say) as columns."""
        grades: list[Grade] = []
        codes: list[int] = []
        for row in rows:
            if row.grade is None:
                codes.append(-1)
                continue
            if row.grade not in grades:
                grades.append(row.grade)
            codes.append(grades.index(row.grade))
        pairs = tuple(
            (
                np.array([row.pair(name)[0] for row in rows] or [], dtype=object),
                np.array([row.pair(name)[1] for row in rows] or [], dtype=object),
            )
            for name in _PAIRS
        )
        return cls(
            county=[row.county for row in rows],
            year=[row.year for row in rows],
            province=[row.province for row in rows],
            verdict=np.array([_READINESS_CODE[row.verdict] for row in rows], dtype=np.int8),
            grade=np.array(codes, dtype=np.int16),
            grades=tuple(grades),
            pairs=pairs,
        )


class SummaryRows(Sequence[RowSummary]):
    """A panel's row summaries, each made from the columns when it is read.

    Equal to any sequence of equal summaries (a tuple read back from JSON, say).
    """

    __slots__ = ("columns",)

    def __init__(self, columns: SummaryColumns) -> None:
        """Rows over ``columns``."""
        self.columns = columns

    def __len__(self) -> int:
        """How many rows."""
        return len(self.columns)

    @overload
    def __getitem__(self, index: int) -> RowSummary: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[RowSummary, ...]: ...
    def __getitem__(self, index: int | slice) -> RowSummary | tuple[RowSummary, ...]:
        """A row, or a tuple of rows for a slice."""
        if isinstance(index, slice):
            return tuple(self.columns.row(k) for k in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.columns.row(index)

    def __iter__(self) -> Iterator[RowSummary]:
        """Every row, in order."""
        return (self.columns.row(k) for k in range(len(self)))

    def __eq__(self, other: object) -> bool:
        """The same summaries in the same order."""
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        """As the tuple of its rows."""
        return hash(tuple(self))

    def __repr__(self) -> str:
        """How many rows."""
        return f"SummaryRows({len(self)} rows)"


def _row_sequence(rows: Iterable[RowSummary]) -> Sequence[RowSummary]:
    """Rows kept as columns when they are, else as a tuple."""
    return rows if isinstance(rows, SummaryRows) else tuple(rows)


class ResultColumn(Sequence[_T]):
    """One of an item's results over every row: an array, read as the list it stands for.

    The list is made the first time a value is read: a country's panel has a hundred
    such columns, and a ranking reads none of them.  Equal to any sequence of equal
    values (a list read back from JSON, say).
    """

    __slots__ = ("_codes", "_made", "_values")

    def __init__(self, values: np.ndarray, codes: tuple[_T, ...] | None = None) -> None:
        """Over ``values``; with ``codes``, each value is an index into them."""
        self._values, self._codes = values, codes
        self._made: list[_T] | None = None

    def _list(self) -> list[_T]:
        if self._made is None:
            found = self._values.tolist()
            codes = self._codes
            self._made = found if codes is None else [codes[k] for k in found]
        return self._made

    def __len__(self) -> int:
        """How many rows."""
        return len(self._values)

    @overload
    def __getitem__(self, index: int) -> _T: ...
    @overload
    def __getitem__(self, index: slice) -> list[_T]: ...
    def __getitem__(self, index: int | slice) -> _T | list[_T]:
        """A row's value, or a list of them for a slice."""
        return self._list()[index]

    def __iter__(self) -> Iterator[_T]:
        """Every row's value, in order."""
        return iter(self._list())

    def __eq__(self, other: object) -> bool:
        """The same values in the same order."""
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return self._list() == list(other)

    __hash__ = None  # type: ignore[assignment] # a column, like a list, is not hashed

    def __repr__(self) -> str:
        """As the list it stands for."""
        return repr(self._list())


@frozen(kw_only=True)
class ItemResults:
    """One item over every row: status, and points (assured, best case, maximum) as integers.

    Points are kept as unreduced pairs (numerator, denominator), so a country's rows
    need no fraction arithmetic; :meth:`points`, :meth:`points_high` and
    :meth:`max_points` give one row's as fractions.  A panel's columns are
    ResultColumn objects; any sequence will do.
    """

    id: str
    area: str
    status: Sequence[Verdict]
    low_num: Sequence[int]
    low_den: Sequence[int]
    high_num: Sequence[int]
    high_den: Sequence[int]
    #: The item's maximum in each row, over ``unit``.
    max_num: Sequence[int]
    unit: int

    def points(self, row: int) -> Fraction:
        """Row ``row``'s assured points."""
        return Fraction(self.low_num[row], self.low_den[row])

    def points_high(self, row: int) -> Fraction:
        """Row ``row``'s best-case points."""
        return Fraction(self.high_num[row], self.high_den[row])

    def max_points(self, row: int) -> Fraction:
        """Row ``row``'s maximum: the item's points, or 0 when it does not apply."""
        return Fraction(self.max_num[row], self.unit)


@frozen(kw_only=True)
class PanelResult:
    """Every row scored: summaries in row order, each item's results, rows not scored."""

    rows: Sequence[RowSummary] = attrs.field(converter=_row_sequence)
    #: Each row's index in the columns it was scored from.
    index: tuple[int, ...]
    items: tuple[ItemResults, ...]
    #: Rows whose year the profile does not cover, by index into the columns.
    outside: tuple[int, ...] = ()
    #: Rows scored by ``score()`` itself, by index into the columns.
    per_county: tuple[int, ...] = ()

    def summary_columns(self) -> SummaryColumns:
        """The rows' summaries as columns: a ranking of a country reads these."""
        if isinstance(self.rows, SummaryRows):
            return self.rows.columns
        return SummaryColumns.of_rows(self.rows)

    def to_rows(self) -> list[dict[str, object]]:
        """One plain dict per scored row, in row order, for tools that want a table.

        Exact figures are text (``"1882/23"``, ``"72.5"``), as in the JSON; ``score`` is
        points out of 100 of the row's applicable maximum and ``score_display`` its
        two-decimal reading.  Each item adds ``<item>:status`` and ``<item>:points``.
        Keys: :data:`PANEL_ROW_KEYS`, then the items'.
        """
        out: list[dict[str, object]] = []
        for position, row in enumerate(self.rows):
            index = self.index[position]
            (tn, td), (mn, md) = row.pair("total"), row.pair("max_total")
            score = (tn * 100 * md, td * mn) if mn else (0, 1)
            found: dict[str, object] = {
                "county": row.county,
                "year": row.year,
                "province": row.province,
                "verdict": row.verdict.value,
                "grade": row.grade.name.zh if row.grade else None,
                "grade_en": row.grade.name.en if row.grade else None,
                "score": pair_text(*score),
                "score_display": plain_number(*score),
                **{name: pair_text(*row.pair(name)) for name in _PAIRS},
            }
            for item in self.items:
                found[f"{item.id}:status"] = item.status[index].value
                found[f"{item.id}:points"] = pair_text(item.low_num[index], item.low_den[index])
            out.append(found)
        return out

    def to_dataframe(self, library: str = "pandas") -> object:
        """:meth:`to_rows` as a ``pandas`` (or ``polars``) DataFrame, one row per county-year.

        Raises:
            ImportError: the library is not installed (message in English and Chinese).
            ValueError: ``library`` is neither ``"pandas"`` nor ``"polars"``.
        """
        return data_frame(self.to_rows(), library)


#: The keys every dict of :meth:`PanelResult.to_rows` starts with, in order.
PANEL_ROW_KEYS = (
    "county",
    "year",
    "province",
    "verdict",
    "grade",
    "grade_en",
    "score",
    "score_display",
    "total",
    "total_high",
    "total_if_missing_met",
    "max_total",
    "coverage",
    "applicable",
)


def summary_of(card: Scorecard) -> RowSummary:
    """A scorecard's summary, as the columns give it."""
    figures = (
        card.total,
        card.total_high,
        card.total_if_missing_met,
        card.max_total,
        card.coverage,
        card.applicable,
    )
    return RowSummary(
        county=card.county,
        year=card.year,
        province=card.province,
        verdict=card.verdict,
        grade=card.grade,
        pairs=tuple((f.numerator, f.denominator) for f in figures),
    )


def score_rows(rows: Sequence[CountyYear], profile: Profile, catalog: Catalog) -> PanelResult:
    """Score county-years built in Python or read from a workbook, as columns."""
    return score_columns(columns_of_rows(rows, catalog), compile_profile(profile, catalog))


#: Item statuses as small integers, a column at a time.
_MISSING, _MET, _NOT_MET, _NA, _UNDETERMINED = range(5)
_STATUSES = (
    Verdict.MISSING,
    Verdict.MET,
    Verdict.NOT_MET,
    Verdict.NOT_APPLICABLE,
    Verdict.UNDETERMINED,
)
_CODE = {verdict: code for code, verdict in enumerate(_STATUSES)}
#: Integers at or past this bound are kept as Python integers, never as 64-bit ones.
_WIDE = 2**62


class _Counts:
    """The count columns the items read, as arrays: each value (0 when absent) and presence.

    A column with a value too large for 64-bit products is kept as Python integers
    (an object array), so no product can overflow; every other is ``int64``.
    """

    def __init__(self, columns: PanelColumns, fields: Iterable[str], n: int) -> None:
        self.n = n
        self.values: dict[str, np.ndarray] = {}
        self.present: dict[str, np.ndarray] = {}
        for name in fields:
            column = columns.counts.get(name)
            if column is None:
                self.values[name] = np.zeros(n, dtype=np.int64)
                self.present[name] = np.zeros(n, dtype=bool)
                continue
            self.values[name], self.present[name] = CountColumn.of(column).arrays()

    def pin(self, name: str, rows: np.ndarray, values: np.ndarray) -> None:
        """Give ``rows`` of a column the ``values`` their bounds pin."""
        column = self.values[name]
        if column.dtype != object and len(values) and magnitude(values) >= _WIDE:
            column = self.values[name] = column.astype(object)
        column[rows] = values
        self.present[name][rows] = True

    def expression(self, terms: Sequence[tuple[int, str]]) -> tuple[np.ndarray, np.ndarray]:
        """A signed sum of columns and where every term is present."""
        wide = any(self.values[name].dtype == object for _, name in terms) or (
            sum(magnitude(self.values[name]) for _, name in terms) >= _WIDE
        )
        out = np.zeros(self.n, dtype=object if wide else np.int64)
        present = np.ones(self.n, dtype=bool)
        for sign, name in terms:
            values = self.values[name]
            out = out + values if sign > 0 else out - values
            present &= self.present[name]
        return out, present


def span(value: np.ndarray | int) -> int:
    """The largest magnitude of a column or of one integer, at least 1.

    A bound of a product is the product of its factors' spans: a column of zeros
    times a constant is bounded by the constant, which may not fit 64 bits.
    """
    found = magnitude(value) if isinstance(value, np.ndarray) else abs(value)
    return max(found, 1)


def magnitude(values: np.ndarray) -> int:
    """The largest magnitude in an array of integers, as a Python integer (0 for none)."""
    if not len(values):
        return 0
    return max(abs(int(values.max())), abs(int(values.min())))


def _widen(values: np.ndarray, factor: int) -> np.ndarray:
    """``values`` as Python integers when ``values * factor`` might not fit 64 bits."""
    if values.dtype != object and span(values) * factor >= _WIDE:
        return values.astype(object)
    return values


class _Item:
    """One item over every row: status codes, and points as integer pairs.

    The pairs are 64-bit while every value put in fits, Python integers after.
    """

    def __init__(self, n: int, points: Fraction, unit: int) -> None:
        self.status = np.zeros(n, dtype=np.int8)
        kind = np.int64 if max(points.numerator, points.denominator) < _WIDE else object
        self.low_num = np.zeros(n, dtype=kind)
        self.low_den = np.ones(n, dtype=kind)
        self.high_num = np.zeros(n, dtype=kind)
        self.high_den = np.ones(n, dtype=kind)
        #: The item's maximum in each row, over the profile's unit: its full points
        #: until the totals say.
        most = int(points * unit)
        self.max_num: np.ndarray = np.full(n, most, dtype=np.int64 if most < _WIDE else object)

    def put_line(self, index: int, line: Line, unit: int) -> None:
        """Row ``index`` as ``score()`` found it."""
        low, high = line.points, line.points_high
        pairs = tuple(np.array([v], dtype=object) for v in (low.numerator, low.denominator))
        best = tuple(np.array([v], dtype=object) for v in (high.numerator, high.denominator))
        self.put(np.array([index]), (pairs[0], pairs[1]), (best[0], best[1]))
        self.status[index] = _CODE[line.status]
        most = int(line.max_points * unit)
        if self.max_num.dtype != object and abs(most) >= _WIDE:
            self.max_num = self.max_num.astype(object)
        self.max_num[index] = most

    def results(self, item_id: str, area: str, unit: int) -> ItemResults:
        """The columns as the panel's result gives them."""
        return ItemResults(
            id=item_id,
            area=area,
            status=ResultColumn(self.status, _STATUSES),
            low_num=ResultColumn(self.low_num),
            low_den=ResultColumn(self.low_den),
            high_num=ResultColumn(self.high_num),
            high_den=ResultColumn(self.high_den),
            max_num=ResultColumn(self.max_num),
            unit=unit,
        )

    def award(self, rows: np.ndarray, p: int, q: int) -> None:
        """The full points, ``p/q``, on ``rows``."""
        self.low_num[rows] = self.high_num[rows] = p
        self.low_den[rows] = self.high_den[rows] = q

    def put(self, rows: np.ndarray, low: _Pairs, high: _Pairs) -> None:
        """The assured (``low``) and best-case (``high``) points on ``rows``."""
        low, high = _narrowed(*low), _narrowed(*high)
        if self.low_num.dtype != object and any(v.dtype == object for v in (*low, *high)):
            self.low_num, self.low_den = self.low_num.astype(object), self.low_den.astype(object)
            self.high_num = self.high_num.astype(object)
            self.high_den = self.high_den.astype(object)
        self.low_num[rows], self.low_den[rows] = low
        self.high_num[rows], self.high_den[rows] = high


def score_columns(columns: PanelColumns, compiled: CompiledProfile) -> PanelResult:
    """Score every row of ``columns`` against the compiled profile.

    Rows outside the profile's years are listed in ``outside`` and not scored.
    """
    with collector_paused():
        return _score_columns(columns, compiled)


def _score_columns(columns: PanelColumns, compiled: CompiledProfile) -> PanelResult:
    profile = compiled.profile
    n = len(columns)
    first, last = profile.effective_from, profile.effective_to
    years = np.fromiter(columns.year, np.int64, n)
    inside = years >= first
    if last is not None:
        inside &= years <= last
    per_county = np.zeros(n, dtype=bool)
    if not compiled.columnar:
        per_county = inside.copy()
    else:
        for index, data in columns.checked.items():
            # A hedged count widens the bounds the columns take as exact: score() takes it.
            if any(reported.approx is not None for reported in data.values.values()):
                per_county[index] = True
    exact = inside & ~per_county
    arrays = _Counts(columns, compiled.fields, n)
    resolve_columns(columns, compiled, arrays, exact)
    award = profile.not_applicable == "award"
    totals = _Totals(n, compiled.full_l)
    judged: list[tuple[Item, str, _Item]] = []
    for plan in compiled.plans:
        item = _Item(n, plan.item.points, compiled.unit)
        if isinstance(plan.definition, RateIndicator):
            _rate_item(plan, columns, arrays, exact, item)
        else:
            _deadline_item(plan, columns, years, exact, item)
        item.max_num = totals.add(plan, item, exact, award=award)
        judged.append((plan.item, plan.area, item))
    if not compiled.columnar:
        # Every row is score()'s: every item of the profile gets its column from the cards.
        judged = [
            (item, area.id, _Item(n, item.points, compiled.unit))
            for area in profile.areas
            for item in area.items
        ]
    cards = _per_county_cards(columns, compiled, (inside & per_county).tolist())
    summaries = _summaries(columns, compiled, totals, exact)
    for index, scored in enumerate(cards):
        if scored is not None:
            for defined, _, item in judged:
                item.put_line(index, scored.lines[defined.id], compiled.unit)
            summaries.put(index, summary_of(scored), compiled.profile.grades)
    order = np.flatnonzero(inside)
    return PanelResult(
        rows=SummaryRows(summaries.take(columns, order, compiled.profile.grades)),
        index=tuple(order.tolist()),
        items=tuple(
            item.results(defined.id, area, compiled.unit) for defined, area, item in judged
        ),
        outside=tuple(np.flatnonzero(~inside).tolist()),
        per_county=tuple(np.flatnonzero(inside & per_county).tolist()),
    )


def resolve_columns(
    columns: PanelColumns, compiled: CompiledProfile, counts: _Counts, rows: np.ndarray
) -> None:
    """Give a missing count the value its subsets and breakdowns pin, as ``score()`` does.

    :func:`~fazhi_indicators.compute.resolve_fields`, column by column: the same
    rules in the same order, pass after pass until none changes a row, on the rows
    where a count the items read is missing and could be pinned.
    """
    open_rows = np.zeros(counts.n, dtype=bool)
    for name in compiled.bounded:
        open_rows |= ~counts.present[name]
    wanted = np.flatnonzero(open_rows & rows)
    if not len(wanted):
        return
    names = _bounding(compiled, columns)
    fields = [f for f in compiled.related.fields.values() if f.type == "count" and f.id in names]
    given: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for f in fields:
        if f.id in counts.values:
            given[f.id] = counts.values[f.id][wanted], counts.present[f.id][wanted]
        elif (column := columns.counts.get(f.id)) is not None:
            values, present = CountColumn.of(column).arrays()
            given[f.id] = values[wanted], present[wanted]
    largest = sum(magnitude(values) for values, _ in given.values())
    small = largest * 4 * (len(fields) + 1) < _WIDE
    bounds = _Bounds(n=len(wanted), dtype=np.int64 if small else object)
    nothing = np.zeros(len(wanted), dtype=np.int64), bounds.nowhere
    for f in fields:
        bounds.start(f.id, *given.get(f.id, nothing))
    bounds.settle(fields)
    for name in compiled.fields:
        if name not in bounds.low:
            continue
        pinned = (
            bounds.has_high[name]
            & _equal(bounds.high[name], bounds.low[name])
            & ~counts.present[name][wanted]
        )
        if pinned.any():
            counts.pin(name, wanted[pinned], bounds.low[name][pinned])


def _bounding(compiled: CompiledProfile, columns: PanelColumns) -> set[str]:
    """The related counts whose bounds are worked out: those kept, and those the columns give.

    A related count the columns give bounds its whole even where the profile could
    leave it out (a subset of nothing the items read, say): its least is its figure.
    With it come the fields it is tied to, so that every rule finds both its sides.
    """
    related = compiled.related.fields
    names = set(compiled.kept)
    pending = [name for name in columns.counts if name in related and name not in names]
    while pending:
        name = pending.pop()
        if name in names:
            continue
        names.add(name)
        f = related[name]
        pending.extend(
            other
            for other in (*f.parts, *f.sum_of, *((f.subset_of,) if f.subset_of else ()))
            if other in related
        )
    return names


def _greater(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray(np.greater(a, b), dtype=bool)


def _equal(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray(np.equal(a, b), dtype=bool)


_Bound = tuple[np.ndarray, np.ndarray]


class _Bounds:
    """Least and most of each count, for many rows at once: ``compute._Bounds`` by columns.

    Every bound is a sum or difference of given counts, so it is at most their sum in
    size: ``int64`` when that sum, with room for the sums of parts, fits 64 bits;
    Python integers (object arrays) otherwise.  A most that is not known is marked
    in ``has_high`` (its value is then 0 and never read).
    """

    def __init__(self, n: int, dtype: type = object) -> None:
        self.n = n
        self.dtype = dtype
        self.low: dict[str, np.ndarray] = {}
        self.high: dict[str, np.ndarray] = {}
        self.has_high: dict[str, np.ndarray] = {}
        self.everywhere = np.ones(n, dtype=bool)
        self.nowhere = np.zeros(n, dtype=bool)
        self.changed = False

    def start(self, name: str, values: np.ndarray, present: np.ndarray) -> None:
        """A count's figures (0 where none is given): least the figure, most it where given."""
        values = values.astype(self.dtype)
        self.low[name] = values
        self.high[name] = values
        self.has_high[name] = present

    def tighten(self, name: str, low: _Bound | None = None, high: _Bound | None = None) -> None:
        """Narrow each row's range, never emptying it (figures that disagree keep theirs)."""
        current_low, current_high = self.low[name], self.high[name]
        current_has = self.has_high[name]
        new_low, new_high, new_has = current_low, current_high, current_has
        if low is not None:
            values, given = low
            new_low = np.where(given & _greater(values, current_low), values, current_low)
        if high is not None:
            cap, given = high
            take = given & (~current_has | _greater(current_high, cap))
            new_high = np.where(take, cap, current_high)
            new_has = current_has | given
        kept = ~(new_has & _greater(new_low, new_high))
        moved = kept & (
            ~_equal(new_low, current_low)
            | (new_has != current_has)
            | (new_has & ~_equal(new_high, current_high))
        )
        if moved.any():
            self.low[name] = np.where(kept, new_low, current_low)
            self.high[name] = np.where(kept, new_high, current_high)
            self.has_high[name] = np.where(kept, new_has, current_has)
            self.changed = True

    def settle(self, fields: Sequence[FieldDef]) -> None:
        """Apply every subset and breakdown, pass after pass, until none narrows a row."""
        for _ in range(64):
            self.changed = False
            for f in fields:
                if f.subset_of:
                    whole = f.subset_of
                    self.tighten(f.id, high=(self.high[whole], self.has_high[whole]))
                    self.tighten(whole, low=(self.low[f.id], self.everywhere))
                if f.parts:
                    self.breakdown(f)
            if not self.changed:
                return

    def _sum(self, names: Sequence[str]) -> _Bound:
        """The sum of counts' mosts, known where every one is."""
        total: np.ndarray = np.zeros(self.n, dtype=self.dtype)
        known = self.everywhere.copy()
        for name in names:
            total = total + self.high[name]
            known &= self.has_high[name]
        return total, known

    def breakdown(self, field: FieldDef) -> None:
        """A total and its parts, as ``compute._Bounds.breakdown`` takes them."""
        parts = field.parts
        parts_low: np.ndarray = np.zeros(self.n, dtype=self.dtype)
        for part in parts:
            parts_low = parts_low + self.low[part]
        self.tighten(
            field.id,
            low=(parts_low, self.everywhere),
            high=self._sum(parts) if field.sum_of else None,
        )
        total_high, total_known = self.high[field.id], self.has_high[field.id]
        total_low = self.low[field.id]
        for part in parts:
            self.tighten(part, high=(total_high - (parts_low - self.low[part]), total_known))
            if field.sum_of:
                others_high, others_known = self._sum([p for p in parts if p != part])
                self.tighten(part, low=(total_low - others_high, others_known))


class _Totals:
    """What each row accumulates while the items are judged: integers over a denominator.

    Fixed points are counted over the profile's common denominator (``unit``), in 64
    bits when the profile's full points over it (a bound of every such sum) fit, as
    Python integers otherwise; points a rule gives in part are summed as pairs in
    lowest terms, in 64 bits while a bound of every product fits (:func:`add_pairs`).
    """

    def __init__(self, n: int, full_l: int) -> None:
        self.dtype: type = np.int64 if full_l < _WIDE else object
        self.low_k = np.zeros(n, dtype=self.dtype)
        self.high_k = np.zeros(n, dtype=self.dtype)
        self.max_k = np.zeros(n, dtype=self.dtype)
        self.missing_k = np.zeros(n, dtype=self.dtype)
        self.assessed = np.zeros(n, dtype=self.dtype)
        self.applying = np.zeros(n, dtype=self.dtype)
        self.low_v = (np.zeros(n, dtype=np.int64), np.ones(n, dtype=np.int64))
        self.high_v = (np.zeros(n, dtype=np.int64), np.ones(n, dtype=np.int64))
        #: A mandatory item not met; a mandatory item open (missing or undetermined).
        self.block = np.zeros(n, dtype=bool)
        self.open = np.zeros(n, dtype=bool)

    def add(self, plan: _Plan, item: _Item, exact: np.ndarray, *, award: bool) -> np.ndarray:
        """Count one item into its rows; its maximum in each row, over ``unit``."""
        status = item.status
        met = (status == _MET) & exact
        missing = (status == _MISSING) & exact
        na = (status == _NA) & exact
        judged = ((status == _NOT_MET) | (status == _UNDETERMINED)) & exact
        points = plan.points_l

        def times(rows: np.ndarray) -> np.ndarray:
            """``points`` on ``rows``, 0 elsewhere, of the sums' kind."""
            if self.dtype is not object:
                by_rows: np.ndarray = rows * points  # points fit: they are part of full_l
                return by_rows
            found: np.ndarray = np.zeros(len(rows), dtype=object)
            found[rows] = points  # points may pass 64 bits
            return found

        # The four kinds of row are apart, so each sum is a sum of their points.
        on_met, on_missing, on_judged = times(met), times(missing), times(judged)
        gained = on_met
        if award:
            p, q = plan.item.points.numerator, plan.item.points.denominator
            item.award(na, p, q)
            gained = on_met + times(na)
        self.low_k += gained
        self.high_k += gained
        applying = on_met + on_missing + on_judged
        self.max_k += applying + (gained - on_met)
        self.applying += applying
        self.assessed += gained + on_judged
        self.missing_k += on_missing
        if plan.item.mandatory:
            self.block |= judged & (status == _NOT_MET)
            self.open |= missing | (judged & (status == _UNDETERMINED))
        judged_rows = np.flatnonzero(judged)
        self.low_v = _plus(self.low_v, judged_rows, item.low_num, item.low_den)
        self.high_v = _plus(self.high_v, judged_rows, item.high_num, item.high_den)
        max_num: np.ndarray = np.full(len(status), points, dtype=self.dtype)
        if not award:
            max_num[na] = 0
        return max_num


def lowest_terms(num: np.ndarray, den: np.ndarray) -> _Pairs:
    """Pairs (denominators > 0) in lowest terms: 64-bit integers when they fit."""
    narrow = _narrowed(num, den)
    common = np.gcd(*narrow)
    return _narrowed(narrow[0] // common, narrow[1] // common)


def _narrowed(num: np.ndarray, den: np.ndarray) -> _Pairs:
    """A pair of the same kind: 64-bit integers when every value fits, else Python ones."""
    if num.dtype != object and den.dtype != object:  # noqa: PLR1714 - dtypes
        return num, den
    if magnitude(num) < _WIDE and magnitude(den) < _WIDE:
        return num.astype(np.int64), den.astype(np.int64)
    return num.astype(object), den.astype(object)


def add_pairs(num: np.ndarray, den: np.ndarray, a: np.ndarray | int, b: np.ndarray | int) -> _Pairs:
    """``num/den + a/b`` for each row, in lowest terms (denominators > 0).

    In 64 bits when the largest terms bound every product below 2**62 (each sum is
    reduced, which keeps the next one small); in Python integers otherwise.
    """
    big_num, big_den, big_a, big_b = (span(v) for v in (num, den, a, b))
    small = big_num * big_b + big_a * big_den < _WIDE and big_den * big_b < _WIDE
    kind = np.int64 if small else object
    num, den = num.astype(kind, copy=False), den.astype(kind, copy=False)
    if isinstance(a, np.ndarray):
        a = a.astype(kind, copy=False)
    if isinstance(b, np.ndarray):
        b = b.astype(kind, copy=False)
    return lowest_terms(num * b + a * den, den * b)


def _plus(total: _Pairs, rows: np.ndarray, num: np.ndarray, den: np.ndarray) -> _Pairs:
    """``total`` with ``num/den`` added on ``rows`` where it is not 0."""
    rows = rows[np.asarray(num[rows] != 0, dtype=bool)]
    if not len(rows):
        return total
    t_num, t_den = total
    a, b = lowest_terms(num[rows], den[rows])
    top, bottom = add_pairs(t_num[rows], t_den[rows], a, b)
    if top.dtype == object and t_num.dtype != object:
        t_num, t_den = t_num.astype(object), t_den.astype(object)
    t_num[rows], t_den[rows] = top, bottom
    return t_num, t_den


def _rate_item(
    plan: _Plan, columns: PanelColumns, arrays: _Counts, exact: np.ndarray, item: _Item
) -> None:
    """Judge a rate item on every row: exact counts by integers, a printed rate by its interval."""
    definition = plan.definition
    assert isinstance(definition, RateIndicator)  # noqa: S101 - planned so
    target = plan.item.target
    assert isinstance(target, RateTarget)  # noqa: S101 - planned so
    num, num_present = arrays.expression(definition.numerator.terms)
    den, den_present = arrays.expression(definition.denominator.terms)
    a, b = target.value.numerator, target.value.denominator
    factor = max(a, b, 1)
    num, den = _widen(num, factor), _widen(den, factor)
    counted = exact & num_present & den_present
    status = item.status
    na = counted & (den <= 0)
    status[na] = _NA
    judged = counted & ~na
    left, right = num * b, den * a
    op = target.op
    if op == ">=":
        met = left >= right
    elif op == ">":
        met = left > right
    elif op == "<=":
        met = left <= right
    elif op == "<":
        met = left < right
    else:
        met = left == right
    met = np.asarray(met, dtype=bool) & judged
    missed = judged & ~met
    status[met] = _MET
    status[missed] = _NOT_MET
    p, q = plan.item.points.numerator, plan.item.points.denominator
    item.award(met, p, q)
    rows = np.flatnonzero(missed)
    if len(rows):
        low, high = _missed_points(plan.item, target, num[rows], den[rows])
        item.put(rows, low, high)
    _printed_rates(plan, columns.stated.get(definition.id), exact & ~counted, item)


def _printed_rates(
    plan: _Plan, stated: list[StatedRate | None] | None, rows: np.ndarray, item: _Item
) -> None:
    """Judge a printed rate, on rows without both counts, by its interval, as ``score()`` does.

    Each distinct printed rate is judged once: the reading shares one object per
    spelling, and the column keeps each alive, so its identity is a key.
    """
    if stated is None:
        return
    definition = plan.definition
    assert isinstance(definition, RateIndicator)  # noqa: S101 - planned so
    target = plan.item.target
    assert isinstance(target, RateTarget)  # noqa: S101 - planned so
    cap = Fraction(1) if definition.kind == "share" else None
    place: dict[int, int] = {}
    distinct: list[StatedRate] = []
    positions: list[int] = []
    which: list[int] = []
    for i in np.flatnonzero(rows).tolist():
        rate = stated[i]
        if rate is None:
            continue
        k = place.get(id(rate))
        if k is None:
            k = place[id(rate)] = len(distinct)
            distinct.append(rate)
        positions.append(i)
        which.append(k)
    if not distinct:
        return
    if isinstance(plan.item.rule, Bands | PerStep):
        intervals = [rate.interval().clip(_ZERO, cap) for rate in distinct]
        codes, (wn, wd), (bn, bd) = _intervals_one_by_one(plan.item, target, intervals)
    else:
        ends = _printed_ends(distinct, cap)
        codes, (wn, wd), (bn, bd) = _intervals_by_columns(plan.item, target, ends)
    at, of = np.array(positions), np.array(which)
    item.status[at] = codes[of]
    item.put(at, (wn[of], wd[of]), (bn[of], bd[of]))


def _intervals_one_by_one(
    item: Item, target: RateTarget, intervals: Sequence[Interval]
) -> tuple[np.ndarray, _Pairs, _Pairs]:
    """Status codes and the assured and best points of each interval, by ``points_range``."""
    codes, worst, best = [], [], []
    for interval in intervals:
        verdict = target.judge(interval)
        low, high = (
            (item.points, item.points)
            if verdict is Verdict.MET
            else points_range(item, verdict, interval)
        )
        codes.append(_CODE[verdict])
        worst.append(low)
        best.append(high)
    return (
        np.array(codes, dtype=np.int8),
        _fraction_arrays(worst),
        _fraction_arrays(best),
    )


def _fraction_arrays(values: Sequence[Fraction]) -> _Pairs:
    return (
        np.array([v.numerator for v in values], dtype=object),
        np.array([v.denominator for v in values], dtype=object),
    )


#: Intervals as columns: low ends, high ends (integer pairs), whether each end is closed.
_Ends = tuple[_Pairs, _Pairs, np.ndarray, np.ndarray]


def interval_ends(intervals: Sequence[Interval]) -> _Ends:
    """Intervals as columns of their ends."""
    return (
        _fraction_arrays([i.low for i in intervals]),
        _fraction_arrays([i.high for i in intervals]),
        np.array([i.low_closed for i in intervals], dtype=bool),
        np.array([i.high_closed for i in intervals], dtype=bool),
    )


def _printed_ends(rates: Sequence[StatedRate], cap: Fraction | None) -> _Ends:
    """Each printed rate's interval clipped to ``[0, cap]``, as columns: ``Interval.clip``'s.

    A rate printed without a qualifier gives its ends as integers
    (:meth:`~fazhi_indicators.exact.StatedRate.plain_ends`); only another makes fractions.
    """
    found: list[tuple[int, int, int, int, bool, bool]] = []
    for rate in rates:
        plain = rate.plain_ends()
        if plain is None:
            i = rate.interval()
            low, high = i.low, i.high
            closed = (i.low_closed, i.high_closed)
            found.append(
                (low.numerator, low.denominator, high.numerator, high.denominator, *closed)
            )
        else:
            found.append((*plain, True, False))
    ln, ld, hn, hd = (np.array([f[k] for f in found], dtype=object) for k in range(4))
    low_closed = np.array([f[4] for f in found], dtype=bool)
    high_closed = np.array([f[5] for f in found], dtype=bool)
    under = np.asarray(ln < 0, dtype=bool)  # denominators are positive
    ln[under], ld[under], low_closed[under] = 0, 1, True
    if cap is not None:
        over = np.asarray(hn * cap.denominator > cap.numerator * hd, dtype=bool)
        hn[over], hd[over], high_closed[over] = cap.numerator, cap.denominator, True
    return (ln, ld), (hn, hd), low_closed, high_closed


def _intervals_by_columns(
    item: Item, target: RateTarget, intervals: _Ends
) -> tuple[np.ndarray, _Pairs, _Pairs]:
    """:func:`_intervals_one_by_one` for an all-or-nothing, line or deduction rule, as arrays.

    ``RateTarget.judge`` and ``points_range`` in integers: each end of an interval
    is compared with the target by cross-multiplication; an end the data allow
    scores as itself, an open end as the rates inside approach it (these rules are
    continuous, so as the end itself unless the end meets the target).
    """
    (low, high), (top, bottom), low_closed, high_closed = intervals
    a, b = target.value.numerator, target.value.denominator
    # Above 0 where the end is above the target, 0 at it, below 0 under it.
    from_low = np.asarray(low * b - high * a)
    from_high = np.asarray(top * b - bottom * a)
    at_low, at_high = from_low == 0, from_high == 0
    op = target.op
    if op == ">=":
        all_meet = from_low >= 0
        none_meet = (from_high < 0) | (at_high & ~high_closed)
    elif op == ">":
        all_meet = (from_low > 0) | (at_low & ~low_closed)
        none_meet = from_high <= 0
    elif op == "<=":
        all_meet = from_high <= 0
        none_meet = (from_low > 0) | (at_low & ~low_closed)
    elif op == "<":
        all_meet = (from_high < 0) | (at_high & ~high_closed)
        none_meet = from_low >= 0
    else:
        all_meet = at_low & at_high
        inside = ((from_low < 0) | (at_low & low_closed)) & (
            (from_high > 0) | (at_high & high_closed)
        )
        none_meet = ~inside
    all_meet, none_meet = np.asarray(all_meet, dtype=bool), np.asarray(none_meet, dtype=bool)
    codes = np.where(all_meet, _MET, np.where(none_meet, _NOT_MET, _UNDETERMINED)).astype(np.int8)
    p, q = item.points.numerator, item.points.denominator
    ends = []
    for (num, den), differs, closed, below in (
        ((low, high), from_low, low_closed, False),
        ((top, bottom), from_high, high_closed, True),
    ):
        met = np.where(closed, _met_by(op, differs), _met_near(op, differs, below=below))
        (part_num, part_den), _ = _missed_points(item, target, num, den)
        # The full points beside the part: Python integers if they may not be 64-bit.
        if max(p, q) >= _WIDE:
            part_num, part_den = part_num.astype(object), part_den.astype(object)
        ends.append((np.where(met, p, part_num), np.where(met, q, part_den)))
    (ln, ld), (hn, hd) = ends
    # The full points are put beside these below: they bound the columns too.
    wide = max(span(ln) * span(hd), span(hn) * span(ld), p, q)
    ln, ld, hn, hd = (_bounded(wide, v) for v in (ln, ld, hn, hd))
    low_smaller = np.asarray(ln * hd <= hn * ld, dtype=bool)
    worst = (np.where(low_smaller, ln, hn), np.where(low_smaller, ld, hd))
    most = (np.where(low_smaller, hn, ln), np.where(low_smaller, hd, ld))
    undetermined = codes == _UNDETERMINED
    best = (np.where(undetermined, p, most[0]), np.where(undetermined, q, most[1]))
    met_rows = codes == _MET
    worst = (np.where(met_rows, p, worst[0]), np.where(met_rows, q, worst[1]))
    best = (np.where(met_rows, p, best[0]), np.where(met_rows, q, best[1]))
    return codes, worst, best


def _met_by(op: str, differs: np.ndarray) -> np.ndarray:
    """``RateTarget.met_by`` of values ``differs`` above (> 0) or below the target."""
    found = {
        ">=": differs >= 0,
        ">": differs > 0,
        "<=": differs <= 0,
        "<": differs < 0,
    }.get(op, differs == 0)
    return np.asarray(found, dtype=bool)


def _met_near(op: str, differs: np.ndarray, *, below: bool) -> np.ndarray:
    """``RateTarget.met_near``: whether the rates just below (or above) an end meet."""
    if op in (">=", ">"):
        found = differs > 0 if below else differs >= 0
    elif op in ("<=", "<"):
        found = differs <= 0 if below else differs < 0
    else:
        return np.zeros(len(differs), dtype=bool)
    return np.asarray(found, dtype=bool)


def _missed_points(
    item: Item, target: RateTarget, num: np.ndarray, den: np.ndarray
) -> tuple[_Pairs, _Pairs]:
    """The points of exact rates ``num/den`` that miss their target.

    As integer pairs ``(numerator, denominator)``, the same for the assured and the
    best case (an exact rate leaves no doubt).  A line's or a
    deduction's formula is worked in 64 bits when ``num`` and ``den`` are, and their
    largest times the formula's constants (a bound of every term) leaves room;
    otherwise in Python integers.
    """
    rule = item.rule
    t = target.value
    a, b = t.numerator, t.denominator
    p, q = item.points.numerator, item.points.denominator
    zeros = np.zeros(len(num), dtype=np.int64)
    ones = np.ones(len(num), dtype=np.int64)
    if isinstance(rule, Linear) and rule.floor != t:
        width = abs(rule.floor - t)
        c, e = width.numerator, width.denominator
        num, den = _narrow(num, den, (b * c + (a + b) * e) * max(p, 1) + q * b * c)
        # 1 - |num/den - a/b| / (c/e), floored at 0, times the points.
        kept = den * (b * c) - np.abs(num * b - den * a) * e
        some = kept > 0
        pair = (np.where(some, kept * p, 0), np.where(some, den * (q * b * c), 1))
        return pair, pair
    if isinstance(rule, Deduct):
        r, s = rule.per_point.numerator, rule.per_point.denominator
        num, den = _narrow(num, den, p * s * b + (a + b) * (q * r * 100 + 1) + q * s * b)
        # The points less r/s per percentage point short, floored at 0.
        kept = den * (p * s * b) - np.abs(den * a - num * b) * (q * r * 100)
        some = kept > 0
        pair = (np.where(some, kept, 0), np.where(some, den * (q * s * b), 1))
        return pair, pair
    if isinstance(rule, Bands | PerStep):
        found = [
            points_for(item, Fraction(x, y))
            for x, y in zip(num.tolist(), den.tolist(), strict=True)
        ]
        pair = (
            np.array([f.numerator for f in found] or [], dtype=object),
            np.array([f.denominator for f in found] or [], dtype=object),
        )
        return pair, pair
    # All or nothing; a line whose floor is its target.
    return (zeros, ones), (zeros, ones)


def _narrow(num: np.ndarray, den: np.ndarray, factor: int) -> _Pairs:
    """``num`` and ``den`` in 64 bits when ``factor`` times their largest fits.

    Otherwise as Python integers, which no product overflows.
    """
    small = num.dtype != object and den.dtype != object  # noqa: PLR1714 - dtypes
    if small and max(span(num), span(den)) * factor < _WIDE:
        return num, den
    return num.astype(object), den.astype(object)


def _deadline_item(
    plan: _Plan, columns: PanelColumns, years: np.ndarray, exact: np.ndarray, item: _Item
) -> None:
    """A date on or before the day after the reporting year: met when the target wants so."""
    definition = plan.definition
    assert isinstance(definition, DeadlineIndicator)  # noqa: S101 - planned so
    target = plan.item.target
    assert isinstance(target, FlagTarget)  # noqa: S101 - planned so
    days = columns.dates.get(definition.date_field)
    if days is None:
        return
    month, day = definition.deadline
    # Days as ordinals, each distinct date worked out once (a country's rows repeat them).
    ordinals = {d: -1 if d is None else d.toordinal() for d in set(days)}
    published = np.fromiter(map(ordinals.__getitem__, days), dtype=np.int64, count=len(days))
    deadline = np.zeros(len(days), dtype=np.int64)
    # Only the years judged: a row outside the profile's years may name any year.
    for year in sorted_distinct(years[exact]).tolist():
        deadline[exact & (years == year)] = dt.date(year + 1, month, day).toordinal()
    given = exact & (published >= 0)
    on_time = published <= deadline
    met = given & (on_time if target.value else ~on_time)
    item.status[given] = _NOT_MET
    item.status[met] = _MET
    item.award(met, plan.item.points.numerator, plan.item.points.denominator)


def _per_county_cards(
    columns: PanelColumns, compiled: CompiledProfile, wanted: list[bool]
) -> list[Scorecard | None]:
    """``score()`` of each row that needs it.

    Scoring is imported only here, for such rows: a panel of plain counts never loads
    the audit, history or renderer a whole scorecard needs.
    """
    out: list[Scorecard | None] = [None] * len(wanted)
    if not any(wanted):
        return out
    from fazhi_indicators.scoring import score  # noqa: PLC0415

    for i, want in enumerate(wanted):
        if want:
            data = columns.county_year(i, compiled.catalog)
            out[i] = score(data, compiled.profile, compiled.catalog)
    return out


def _bounded(bound: int, values: np.ndarray) -> np.ndarray:
    """``values`` in 64 bits when ``bound`` (of every product to be made of them) fits.

    And the values themselves: a product by 0 (a grade from 0, say) bounds nothing.
    """
    small = bound < _WIDE and (values.dtype != object or magnitude(values) < _WIDE)
    return values.astype(np.int64 if small else object, copy=False)


def _out_of(num: np.ndarray, den: np.ndarray, most: np.ndarray, unit: int) -> _Pairs:
    """``num/den`` points out of 100 of ``most/unit`` (not reduced; ``den * most`` may be 0)."""
    wide = max(span(num) * 100 * unit, span(den) * span(most))
    num, den, most = (_bounded(wide, v) for v in (num, den, most))
    return num * (100 * unit), den * most


def _grades(profile: Profile, score: _Pairs, graded: np.ndarray, nothing: np.ndarray) -> np.ndarray:
    """The first grade each row's score (a pair, out of 100) reaches, by index (-1: none)."""
    num, den = score
    grades = np.full(len(graded), -1, dtype=np.int16)
    open_rows = graded.copy()
    for k, g in enumerate(profile.grades):
        gn, gd = g.min_total.numerator, g.min_total.denominator
        wide = max(span(num) * gd, span(den) * gn)
        num, den = _bounded(wide, num), _bounded(wide, den)
        reached = np.where(nothing, gn <= 0, np.asarray(num * gd >= den * gn, dtype=bool))
        grades[open_rows & reached] = k
        open_rows &= ~reached
    return grades


def _vetoes(
    profile: Profile, columns: PanelColumns, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Rows a veto rules out, and rows where a veto's yes/no is not given."""
    vetoed = np.zeros(len(rows), dtype=bool)
    unknown = np.zeros(len(rows), dtype=bool)
    for veto in profile.vetoes:
        flags = columns.flags.get(veto.field)
        if flags is None:
            unknown[:] = True
            continue
        values = np.array(flags, dtype=object)[rows]
        unknown |= np.asarray(values == None, dtype=bool)  # noqa: E711 - elementwise
        vetoed |= np.asarray(values == veto.when, dtype=bool)
    return vetoed, unknown


class _Summaries:
    """Every row's summary figures while they are found, by index into the columns."""

    def __init__(self, n: int) -> None:
        self.verdict = np.zeros(n, dtype=np.int8)
        self.grade = np.full(n, -1, dtype=np.int16)
        #: Each figure's pair: 64-bit while every value put in fits, Python integers after.
        self.pairs = [
            (np.zeros(n, dtype=np.int64), np.ones(n, dtype=np.int64)) for _ in ROW_FIGURES
        ]

    def put(self, index: int, row: RowSummary, grades: tuple[Grade, ...]) -> None:
        """One row's summary, found by ``score()``."""
        self.verdict[index] = _READINESS_CODE[row.verdict]
        self.grade[index] = -1 if row.grade is None else grades.index(row.grade)
        for k, name in enumerate(ROW_FIGURES):
            num, den = row.pair(name)
            self.set(
                k, np.array([index]), np.array([num], dtype=object), np.array([den], dtype=object)
            )

    def set(
        self, figure: int, rows: np.ndarray, num: np.ndarray | int, den: np.ndarray | int
    ) -> None:
        """Figure number ``figure`` of ``rows``."""
        values, under = _narrowed(*(_filled(v, rows.shape) for v in (num, den)))
        old_num, old_den = self.pairs[figure]
        if old_num.dtype != object and any(v.dtype == object for v in (values, under)):
            old_num, old_den = old_num.astype(object), old_den.astype(object)
            self.pairs[figure] = old_num, old_den
        old_num[rows], old_den[rows] = values, under

    def take(
        self, columns: PanelColumns, order: np.ndarray, grades: tuple[Grade, ...]
    ) -> SummaryColumns:
        """The rows ``order`` names, as columns in that order."""
        positions = order.tolist()
        return SummaryColumns(
            county=[columns.county[i] for i in positions],
            year=[columns.year[i] for i in positions],
            province=[columns.province[i] for i in positions],
            verdict=self.verdict[order],
            grade=self.grade[order],
            grades=grades,
            pairs=tuple((num[order], den[order]) for num, den in self.pairs),
        )


def _filled(value: np.ndarray | int, shape: tuple[int, ...]) -> np.ndarray:
    """An array of integers, or one integer as an array of ``shape``: 64-bit when it fits."""
    if isinstance(value, np.ndarray):
        return value
    return np.full(shape, value, dtype=np.int64 if abs(value) < _WIDE else object)


def _summaries(
    columns: PanelColumns, compiled: CompiledProfile, totals: _Totals, exact: np.ndarray
) -> _Summaries:
    """The verdict, totals and grade of each row the columns judged, as ``score()`` finds them."""
    profile = compiled.profile
    unit = compiled.unit
    rows = np.flatnonzero(exact)
    out = _Summaries(len(exact))
    if not len(rows):
        return out
    # Fixed points, over unit: each at most the profile's full points over it.
    low_k, high_k, most, missing_k, applying, assessed = (
        _bounded(compiled.full_l, values[rows])
        for values in (
            totals.low_k,
            totals.high_k,
            totals.max_k,
            totals.missing_k,
            totals.applying,
            totals.assessed,
        )
    )
    vn, vd = totals.low_v[0][rows], totals.low_v[1][rows]
    hn, hd = totals.high_v[0][rows], totals.high_v[1][rows]
    t_num, t_den = add_pairs(vn, vd, low_k, unit)
    h_num, h_den = add_pairs(hn, hd, high_k, unit)
    m_num, m_den = add_pairs(h_num, h_den, missing_k, unit)
    vetoed, unknown = _vetoes(profile, columns, rows)
    blocked = totals.block[rows] | vetoed
    reasons = totals.open[rows] | unknown
    need = profile.min_applicable.value
    full = compiled.full_l
    if full:
        applying = _bounded(span(full) * max(need.numerator, need.denominator), applying)
        too_little = applying * need.denominator < need.numerator * full
    else:
        too_little = np.full(len(rows), need > 0)
    too_little = np.asarray(too_little, dtype=bool)
    blocked |= too_little
    passing = profile.pass_line.value
    pn, pd = passing.numerator, passing.denominator
    nothing = most == 0

    def below(num: np.ndarray, den: np.ndarray) -> np.ndarray:
        """Whether num/den points, out of 100 of the maximum, are below the pass line."""
        scale = 100 * unit * pd
        wide = max(span(num) * scale, span(full) * span(den) * pn)
        num, den, top = (_bounded(wide, v) for v in (num, den, most))
        found = np.asarray(num * scale < top * den * pn, dtype=bool)
        return np.where(nothing, pn > 0, found)

    below_high = below(h_num, h_den)
    reasons |= ~below_high & below(t_num, t_den)
    cover = profile.min_coverage.value
    assessed, top = (
        _bounded(span(full) * max(cover.numerator, cover.denominator), v) for v in (assessed, most)
    )
    reasons |= np.where(
        nothing,
        cover > 0,
        np.asarray(assessed * cover.denominator < top * cover.numerator, dtype=bool),
    )
    # Codes into _READINESS: 0 READY, 1 UNDETERMINED, 2 NOT_READY, 3 INSUFFICIENT_DATA.
    codes = np.where(reasons, 1, 0)
    codes = np.where(blocked | below_high, 2, codes)
    codes = np.where(~blocked & below_high & ~below(m_num, m_den), 3, codes)
    out.verdict[rows] = codes
    graded = ~too_little if full else np.full(len(rows), need <= 0)
    out.grade[rows] = _grades(profile, _out_of(t_num, t_den, most, unit), graded, nothing)
    figures: tuple[tuple[np.ndarray | int, np.ndarray | int], ...] = (
        (t_num, t_den),
        (h_num, h_den),
        (m_num, m_den),
        (most, unit),
        (np.where(nothing, 0, assessed), np.where(nothing, 1, most)),
        (applying if full else 0, full or 1),
    )
    for k, (num, den) in enumerate(figures):
        out.set(k, rows, num, den)
    return out
