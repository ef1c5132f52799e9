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
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import NamedTuple

import attrs
from attrs import frozen

from fazhi_indicators._load.panel import PanelColumns, columns_of_rows
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
from fazhi_indicators.exact import FlagTarget, Interval, RateTarget, Verdict
from fazhi_indicators.scoring import Readiness, Scorecard, points_for, score
from fazhi_indicators.scoring import _points_range as points_range

__all__ = [
    "CompiledProfile",
    "ItemResults",
    "PanelResult",
    "RowSummary",
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
    #: The fields of ``related`` that can change a bound: a column, a total, a part, a
    #: field with subsets kept; a subset of nothing else that no row gives is left out.
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


class RowSummary(NamedTuple):
    """One county-year's result: what a ranking and a distribution need.

    A named tuple, cheap to make for each of a country's rows.
    """

    county: str
    year: int
    province: str | None
    verdict: Readiness
    total: Fraction
    total_high: Fraction
    total_if_missing_met: Fraction
    max_total: Fraction
    grade: Grade | None
    coverage: Fraction
    applicable: Fraction


@frozen(kw_only=True)
class ItemResults:
    """One item over every row: status, and points (assured, best case, maximum) as integers.

    Points are kept as unreduced pairs (numerator, denominator), so a country's rows
    need no fraction arithmetic; :meth:`points`, :meth:`points_high` and
    :meth:`max_points` give one row's as fractions.
    """

    id: str
    area: str
    status: list[Verdict]
    low_num: list[int]
    low_den: list[int]
    high_num: list[int]
    high_den: list[int]
    #: The item's maximum in each row, over ``unit``.
    max_num: list[int]
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

    rows: tuple[RowSummary, ...]
    #: Each row's index in the columns it was scored from.
    index: tuple[int, ...]
    items: tuple[ItemResults, ...]
    #: Rows whose year the profile does not cover, by index into the columns.
    outside: tuple[int, ...] = ()
    #: Rows scored by ``score()`` itself, by index into the columns.
    per_county: tuple[int, ...] = ()


def summary_of(card: Scorecard) -> RowSummary:
    """A scorecard's summary, as the columns give it."""
    return RowSummary(
        county=card.county,
        year=card.year,
        province=card.province,
        verdict=card.verdict,
        total=card.total,
        total_high=card.total_high,
        total_if_missing_met=card.total_if_missing_met,
        max_total=card.max_total,
        grade=card.grade,
        coverage=card.coverage,
        applicable=card.applicable,
    )


def score_rows(rows: Sequence[CountyYear], profile: Profile, catalog: Catalog) -> PanelResult:
    """Score county-years built in Python or read from a workbook, as columns."""
    return score_columns(columns_of_rows(rows, catalog), compile_profile(profile, catalog))


class _Row:
    """What one row accumulates while the items are judged: integers over a denominator."""

    __slots__ = (
        "applying",
        "assessed",
        "block",
        "high_k",
        "high_v",
        "low_k",
        "low_v",
        "max_k",
        "missing_k",
        "open",
    )

    def __init__(self) -> None:
        self.low_k = self.high_k = self.max_k = self.missing_k = 0
        self.assessed = self.applying = 0
        #: Variable points as an unreduced pair (numerator, denominator).
        self.low_v = (0, 1)
        self.high_v = (0, 1)
        #: A mandatory item not met; a mandatory item open (missing or undetermined).
        self.block = False
        self.open = False


def _add(pair: tuple[int, int], num: int, den: int) -> tuple[int, int]:
    a, b = pair
    return a * den + num * b, b * den


def score_columns(columns: PanelColumns, compiled: CompiledProfile) -> PanelResult:  # noqa: C901, PLR0912, PLR0915 - one pass per item
    """Score every row of ``columns`` against the compiled profile.

    Rows outside the profile's years are listed in ``outside`` and not scored.
    """
    profile = compiled.profile
    n = len(columns)
    first, last = profile.effective_from, profile.effective_to
    inside = [first <= y and (last is None or y <= last) for y in columns.year]
    per_county = [False] * n
    if not compiled.columnar:
        per_county = list(inside)
    else:
        for index, data in columns.checked.items():
            # A hedged count widens the bounds the columns take as exact: score() takes it.
            if any(reported.approx is not None for reported in data.values.values()):
                per_county[index] = True
    counts = {f: list(columns.counts.get(f, [None] * n)) for f in compiled.fields}
    exact = [inside[i] and not per_county[i] for i in range(n)]
    resolve_columns(columns, compiled, counts, exact)
    acc = [_Row() if exact[i] else None for i in range(n)]
    award = profile.not_applicable == "award"
    met, na, missing = Verdict.MET, Verdict.NOT_APPLICABLE, Verdict.MISSING
    not_met = Verdict.NOT_MET
    results: list[ItemResults] = []
    for plan in compiled.plans:
        item = plan.item
        result = ItemResults(
            id=item.id,
            area=plan.area,
            status=[missing] * n,
            low_num=[0] * n,
            low_den=[1] * n,
            high_num=[0] * n,
            high_den=[1] * n,
            max_num=[plan.points_l] * n,
            unit=compiled.unit,
        )
        if isinstance(plan.definition, RateIndicator):
            _rate_item(plan, columns, counts, exact, result)
        else:
            _deadline_item(plan, columns, exact, result)
        points_l = plan.points_l
        mandatory = item.mandatory
        status, max_num = result.status, result.max_num
        low_num, low_den = result.low_num, result.low_den
        high_num, high_den = result.high_num, result.high_den
        p, q = item.points.numerator, item.points.denominator
        for i, row in enumerate(acc):
            if row is None:
                continue
            verdict = status[i]
            if verdict is met:
                row.low_k += points_l
                row.high_k += points_l
                row.max_k += points_l
                row.applying += points_l
                row.assessed += points_l
            elif verdict is missing:
                row.max_k += points_l
                row.applying += points_l
                row.missing_k += points_l
                if mandatory:
                    row.open = True
            elif verdict is na:
                if award:
                    low_num[i] = high_num[i] = p
                    low_den[i] = high_den[i] = q
                    row.low_k += points_l
                    row.high_k += points_l
                    row.max_k += points_l
                    row.assessed += points_l
                else:
                    max_num[i] = 0
            else:
                row.max_k += points_l
                row.applying += points_l
                row.assessed += points_l
                if mandatory:
                    if verdict is not_met:
                        row.block = True
                    else:
                        row.open = True
                a = low_num[i]
                if a:
                    b = low_den[i]
                    vn, vd = row.low_v
                    row.low_v = (vn * b + a * vd, vd * b)
                a = high_num[i]
                if a:
                    b = high_den[i]
                    vn, vd = row.high_v
                    row.high_v = (vn * b + a * vd, vd * b)
        results.append(result)
    if not compiled.columnar:
        # Every row is score()'s: every item of the profile gets its column from the cards.
        results = [
            ItemResults(
                id=item.id,
                area=area.id,
                status=[missing] * n,
                low_num=[0] * n,
                low_den=[1] * n,
                high_num=[0] * n,
                high_den=[1] * n,
                max_num=[int(item.points * compiled.unit)] * n,
                unit=compiled.unit,
            )
            for area in profile.areas
            for item in area.items
        ]
    summaries: list[RowSummary] = []
    order: list[int] = []
    cards = _per_county_cards(columns, compiled, [inside[i] and per_county[i] for i in range(n)])
    for index, scored in enumerate(cards):
        if scored is not None:
            _card_items(scored, results, index, compiled.unit)
    fractions: dict[tuple[int, int], Fraction] = {}
    for i in range(n):
        if not inside[i]:
            continue
        order.append(i)
        card = cards[i]
        if card is not None:
            summaries.append(summary_of(card))
            continue
        row = acc[i]
        assert row is not None  # noqa: S101 - every row inside is one or the other
        summaries.append(_summary(columns, compiled, i, row, fractions))
    return PanelResult(
        rows=tuple(summaries),
        index=tuple(order),
        items=tuple(results),
        outside=tuple(i for i in range(n) if not inside[i]),
        per_county=tuple(i for i in range(n) if cards[i] is not None),
    )


def resolve_columns(
    columns: PanelColumns,
    compiled: CompiledProfile,
    counts: dict[str, list[int | None]],
    rows: list[bool],
) -> None:
    """Give a missing count the value its subsets and breakdowns pin, as ``score()`` does.

    :func:`~fazhi_indicators.compute.resolve_fields`, column by column: the same
    rules in the same order, pass after pass until none changes a row, on the rows
    where a count the items read is missing and could be pinned.
    """
    bounded = sorted(compiled.bounded)
    wanted = [
        i for i, want in enumerate(rows) if want and any(counts[f][i] is None for f in bounded)
    ]
    if not wanted:
        return
    fields = [
        f for f in compiled.related.fields.values() if f.type == "count" and f.id in compiled.kept
    ]
    low: dict[str, list[int]] = {}
    high: dict[str, list[int | None]] = {}
    for f in fields:
        column = columns.counts.get(f.id)
        given: list[int | None] = (
            [None] * len(wanted) if column is None else [column[i] for i in wanted]
        )
        low[f.id] = [0 if v is None else v for v in given]
        high[f.id] = given
    bounds = _Columns(low, high, len(wanted))
    for _ in range(64):
        bounds.changed = False
        for f in fields:
            if f.subset_of:
                bounds.tighten(f.id, None, high[f.subset_of])
                bounds.tighten(f.subset_of, low[f.id], None)
            if f.parts:
                bounds.breakdown(f)
        if not bounds.changed:
            break
    for name in compiled.fields:
        if name not in low:
            continue
        column = counts[name]
        lows, highs = low[name], high[name]
        for k, i in enumerate(wanted):
            if column[i] is None and highs[k] == lows[k]:
                column[i] = lows[k]


class _Columns:
    """Least and most of each count, for many rows at once: ``compute._Bounds`` by columns."""

    def __init__(
        self, low: dict[str, list[int]], high: dict[str, list[int | None]], n: int
    ) -> None:
        self.low, self.high, self.n = low, high, n
        self.changed = False

    def tighten(
        self, name: str, low: Sequence[int | None] | None, high: Sequence[int | None] | None
    ) -> None:
        """Narrow each row's range, never emptying it (figures that disagree keep theirs)."""
        lows, highs = self.low[name], self.high[name]
        for k in range(self.n):
            current_low, current_high = lows[k], highs[k]
            new_low = current_low
            if low is not None:
                given = low[k]
                if given is not None and given > current_low:
                    new_low = given
            new_high = current_high
            if high is not None:
                cap = high[k]
                if cap is not None and (current_high is None or cap < current_high):
                    new_high = cap
            if new_high is not None and new_low > new_high:
                continue
            if new_low != current_low or new_high != current_high:
                lows[k], highs[k] = new_low, new_high
                self.changed = True

    def breakdown(self, field: FieldDef) -> None:
        """A total and its parts, as ``compute._Bounds.breakdown`` takes them."""
        parts = field.parts
        low, high, n = self.low, self.high, self.n
        parts_low = [sum(row) for row in zip(*(low[p] for p in parts), strict=True)]
        sum_high = [
            None if any(v is None for v in row) else sum(v for v in row if v is not None)
            for row in zip(*(high[p] for p in parts), strict=True)
        ]
        self.tighten(field.id, parts_low, sum_high if field.sum_of else None)
        total_high = list(high[field.id])
        total_low = low[field.id]
        for part in parts:
            part_low = low[part]
            self.tighten(
                part,
                None,
                [
                    None if total_high[k] is None else total_high[k] - (parts_low[k] - part_low[k])
                    for k in range(n)
                ],
            )
            if field.sum_of:
                others = [high[p] for p in parts if p != part]
                others_high: list[int | None] = (
                    [
                        None
                        if any(v is None for v in row)
                        else sum(v for v in row if v is not None)
                        for row in zip(*others, strict=True)
                    ]
                    if others
                    else [0] * n
                )
                self.tighten(
                    part,
                    [
                        None if (other := others_high[k]) is None else total_low[k] - other
                        for k in range(n)
                    ],
                    None,
                )


def _column(
    terms: Sequence[tuple[int, str]], counts: dict[str, list[int | None]], n: int
) -> list[int | None]:
    """A signed sum of count columns; ``None`` where a term is missing."""
    if len(terms) == 1 and terms[0][0] == 1:
        return counts[terms[0][1]]
    out: list[int | None] = [0] * n
    for sign, name in terms:
        out = [
            None if a is None or b is None else a + sign * b
            for a, b in zip(out, counts[name], strict=True)
        ]
    return out


def _rate_item(  # noqa: PLR0912, PLR0915 - the cases of a rate, in score()'s order
    plan: _Plan,
    columns: PanelColumns,
    counts: dict[str, list[int | None]],
    exact: list[bool],
    result: ItemResults,
) -> None:
    """Judge a rate item on every row: exact counts by integers, a printed rate by its interval."""
    definition = plan.definition
    assert isinstance(definition, RateIndicator)  # noqa: S101 - planned so
    item = plan.item
    target = item.target
    assert isinstance(target, RateTarget)  # noqa: S101 - planned so
    n = len(exact)
    nums = _column(definition.numerator.terms, counts, n)
    dens = _column(definition.denominator.terms, counts, n)
    stated = columns.stated.get(definition.id)
    a, b = target.value.numerator, target.value.denominator
    op = target.op
    p, q = item.points.numerator, item.points.denominator
    missed = _missed_rule(item, target)
    cap = Fraction(1) if definition.kind == "share" else None
    status = result.status
    low_num, low_den = result.low_num, result.low_den
    high_num, high_den = result.high_num, result.high_den
    for i in range(n):
        if not exact[i]:
            continue
        num, den = nums[i], dens[i]
        if num is not None and den is not None:
            if den <= 0:
                status[i] = Verdict.NOT_APPLICABLE
                continue
            left, right = num * b, a * den
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
            if met:
                status[i] = Verdict.MET
                low_num[i] = high_num[i] = p
                low_den[i] = high_den[i] = q
                continue
            status[i] = Verdict.NOT_MET
            low_num[i], low_den[i] = high_num[i], high_den[i] = missed(num, den)
            continue
        rate = None if stated is None else stated[i]
        if rate is None:
            continue
        interval: Interval = rate.interval().clip(_ZERO, cap)
        verdict = target.judge(interval)
        status[i] = verdict
        if verdict is Verdict.MET:
            low_num[i] = high_num[i] = p
            low_den[i] = high_den[i] = q
        else:
            worst, best = points_range(item, verdict, interval)
            low_num[i], low_den[i] = worst.numerator, worst.denominator
            high_num[i], high_den[i] = best.numerator, best.denominator


def _missed_rule(item: Item, target: RateTarget) -> Callable[[int, int], tuple[int, int]]:
    """The points of an exact rate ``num/den`` that misses its target, as an integer pair."""
    rule = item.rule
    t = target.value
    a, b = t.numerator, t.denominator
    p, q = item.points.numerator, item.points.denominator
    if isinstance(rule, Linear) and rule.floor != t:
        width = abs(rule.floor - t)
        c, e = width.numerator, width.denominator

        def linear(num: int, den: int) -> tuple[int, int]:
            # 1 - |num/den - a/b| / (c/e), floored at 0, times the points.
            kept = den * b * c - abs(num * b - a * den) * e
            return (p * kept, q * den * b * c) if kept > 0 else (0, 1)

        return linear
    if isinstance(rule, Deduct):
        r, s = rule.per_point.numerator, rule.per_point.denominator

        def deduct(num: int, den: int) -> tuple[int, int]:
            # The points less r/s per percentage point short, floored at 0.
            kept = p * s * b * den - q * r * 100 * abs(a * den - num * b)
            return (kept, q * s * b * den) if kept > 0 else (0, 1)

        return deduct
    if isinstance(rule, Bands | PerStep):

        def other(num: int, den: int) -> tuple[int, int]:
            found = points_for(item, Fraction(num, den))
            return found.numerator, found.denominator

        return other

    def nothing(num: int, den: int) -> tuple[int, int]:
        del num, den  # all or nothing; a line whose floor is its target
        return 0, 1

    return nothing


def _deadline_item(
    plan: _Plan, columns: PanelColumns, exact: list[bool], result: ItemResults
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
    p, q = plan.item.points.numerator, plan.item.points.denominator
    for i, published in enumerate(days):
        if not exact[i] or published is None:
            continue
        kept = published <= dt.date(columns.year[i] + 1, month, day)
        if target.met_by(kept):
            result.status[i] = Verdict.MET
            result.low_num[i] = result.high_num[i] = p
            result.low_den[i] = result.high_den[i] = q
        else:
            result.status[i] = Verdict.NOT_MET


def _per_county_cards(
    columns: PanelColumns, compiled: CompiledProfile, wanted: list[bool]
) -> list[Scorecard | None]:
    """``score()`` of each row that needs it."""
    out: list[Scorecard | None] = [None] * len(wanted)
    for i, want in enumerate(wanted):
        if want:
            data = columns.county_year(i, compiled.catalog)
            out[i] = score(data, compiled.profile, compiled.catalog)
    return out


def _card_items(card: Scorecard, results: list[ItemResults], index: int, unit: int) -> None:
    """Put a per-county card's item results into the columns."""
    for result in results:
        line = card.lines[result.id]
        result.status[index] = line.status
        result.low_num[index], result.low_den[index] = (
            line.points.numerator,
            line.points.denominator,
        )
        result.high_num[index] = line.points_high.numerator
        result.high_den[index] = line.points_high.denominator
        result.max_num[index] = int(line.max_points * unit)


def _fraction(cache: dict[tuple[int, int], Fraction], num: int, den: int) -> Fraction:
    key = (num, den)
    found = cache.get(key)
    if found is None:
        found = cache[key] = Fraction(num, den)
    return found


def _summary(  # noqa: C901, PLR0912, PLR0915 - score()'s reasons, as integers
    columns: PanelColumns,
    compiled: CompiledProfile,
    i: int,
    row: _Row,
    cache: dict[tuple[int, int], Fraction],
) -> RowSummary:
    """The verdict, totals and grade of a row judged by the columns, as ``score()`` finds them."""
    profile = compiled.profile
    unit = compiled.unit
    # total = low_k/unit + low_v: over unit * vd.
    vn, vd = row.low_v
    t_num, t_den = row.low_k * vd + vn * unit, unit * vd
    hn, hd = row.high_v
    h_num, h_den = row.high_k * hd + hn * unit, unit * hd
    most = row.max_k  # over unit
    blocking: set[str] = set()
    reasons = 0
    if row.block:
        blocking.add("mandatory-not-met")
    if row.open:
        reasons += 1
    for veto in profile.vetoes:
        flags = columns.flags.get(veto.field)
        value = None if flags is None else flags[i]
        if value is None:
            reasons += 1
        elif value == veto.when:
            blocking.add("veto")
    need = profile.min_applicable.value
    full = compiled.full_l
    # applicable = applying / full (0 when the profile has no points).
    if (row.applying * need.denominator < need.numerator * full) if full else need > 0:
        blocking.add("too-little-applies")
    passing = profile.pass_line.value
    pn, pd = passing.numerator, passing.denominator

    def below(num: int, den: int) -> bool:
        """Whether num/den points, out of 100 of the maximum, are below the pass line."""
        if not most:
            return pn > 0
        return num * 100 * unit * pd < pn * most * den

    if below(h_num, h_den):
        blocking.add("below-pass-line")
    elif below(t_num, t_den):
        reasons += 1
    cover = profile.min_coverage.value
    if (row.assessed * cover.denominator < cover.numerator * most) if most else cover > 0:
        reasons += 1
    if blocking:
        verdict = Readiness.NOT_READY
        if blocking == {"below-pass-line"}:
            # Items with no data counted as met: would the best case reach the pass line?
            m_num, m_den = h_num + row.missing_k * hd, h_den
            if not below(m_num, m_den):
                verdict = Readiness.INSUFFICIENT_DATA
    else:
        verdict = Readiness.UNDETERMINED if reasons else Readiness.READY
    grade = None
    if (full and row.applying * need.denominator >= need.numerator * full) or (
        not full and need <= 0
    ):
        for g in profile.grades:
            gn, gd = g.min_total.numerator, g.min_total.denominator
            reached = (t_num * 100 * unit * gd >= gn * most * t_den) if most else gn <= 0
            if reached:
                grade = g
                break
    missing_num = h_num + row.missing_k * hd
    return RowSummary(
        county=columns.county[i],
        year=columns.year[i],
        province=columns.province[i],
        verdict=verdict,
        total=_fraction(cache, t_num, t_den),
        total_high=_fraction(cache, h_num, h_den),
        total_if_missing_met=_fraction(cache, missing_num, h_den),
        max_total=_fraction(cache, most, unit),
        grade=grade,
        coverage=_fraction(cache, row.assessed, most) if most else _ZERO,
        applicable=_fraction(cache, row.applying, full) if full else _ZERO,
    )
