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
from collections.abc import Iterable, Sequence
from fractions import Fraction

import attrs
from attrs import field, frozen

from fazhi_indicators._load.panel import PanelColumns, columns_of_rows
from fazhi_indicators.compute import resolve_fields
from fazhi_indicators.county import CountyYear, Reported
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


def _may_be_pinned(catalog: Catalog, field_id: str) -> bool:
    """Whether bounds may give a missing count a value: it has an upper bound to meet."""
    field: FieldDef = catalog.fields[field_id]
    part_of = any(field_id in f.parts for f in catalog.fields.values())
    return bool(field.subset_of or field.sum_of or part_of)


@frozen(kw_only=True)
class RowSummary:
    """One county-year's result: what a ranking and a distribution need."""

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
    #: Whether the row was scored by the columns (``False``: by ``score()``).
    columnar: bool = field(default=True, eq=False)


@frozen(kw_only=True)
class ItemResults:
    """One item over every row: status, points (assured and best case) and maximum."""

    id: str
    area: str
    status: list[Verdict]
    points: list[Fraction]
    points_high: list[Fraction]
    max_points: list[Fraction]


@frozen(kw_only=True)
class PanelResult:
    """Every row scored: summaries in row order, each item's results, rows not scored."""

    rows: tuple[RowSummary, ...]
    #: Each row's index in the columns it was scored from.
    index: tuple[int, ...]
    items: tuple[ItemResults, ...]
    #: Rows whose year the profile does not cover, by index into the columns.
    outside: tuple[int, ...] = ()


def summary_of(card: Scorecard, *, columnar: bool = False) -> RowSummary:
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
        columnar=columnar,
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
            if any(
                reported.approx is not None and isinstance(reported.value, int)
                for name, reported in data.values.items()
                if name in compiled.fields
            ):
                per_county[index] = True
    counts = {f: list(columns.counts.get(f, [None] * n)) for f in compiled.fields}
    _resolve(columns, compiled, counts, inside, per_county)
    exact = [inside[i] and not per_county[i] for i in range(n)]
    acc = [_Row() if exact[i] else None for i in range(n)]
    results: list[ItemResults] = []
    for plan in compiled.plans:
        status: list[Verdict] = [Verdict.MISSING] * n
        low: list[Fraction] = [_ZERO] * n
        high: list[Fraction] = [_ZERO] * n
        most: list[Fraction] = [plan.item.points] * n
        if isinstance(plan.definition, RateIndicator):
            _rate_item(plan, columns, counts, exact, status, low, high)
        else:
            _deadline_item(plan, columns, exact, status, low, high)
        item, points = plan.item, plan.item.points
        award = profile.not_applicable == "award"
        for i in range(n):
            row = acc[i]
            if row is None:
                continue
            verdict = status[i]
            if verdict is Verdict.NOT_APPLICABLE:
                if award:
                    low[i] = high[i] = points
                    row.low_k += plan.points_l
                    row.high_k += plan.points_l
                    row.max_k += plan.points_l
                    row.assessed += plan.points_l
                else:
                    most[i] = _ZERO
                continue
            row.max_k += plan.points_l
            row.applying += plan.points_l
            if verdict is Verdict.MISSING:
                row.missing_k += plan.points_l
                if item.mandatory:
                    row.open = True
                continue
            row.assessed += plan.points_l
            if verdict is Verdict.MET:
                row.low_k += plan.points_l
                row.high_k += plan.points_l
                continue
            if item.mandatory:
                if verdict is Verdict.NOT_MET:
                    row.block = True
                else:
                    row.open = True
            a, b = low[i].numerator, low[i].denominator
            if a:
                row.low_v = _add(row.low_v, a, b)
            a, b = high[i].numerator, high[i].denominator
            if a:
                row.high_v = _add(row.high_v, a, b)
        results.append(
            ItemResults(
                id=item.id,
                area=plan.area,
                status=status,
                points=low,
                points_high=high,
                max_points=most,
            )
        )
    summaries: list[RowSummary] = []
    order: list[int] = []
    cards = _per_county_cards(columns, compiled, [inside[i] and per_county[i] for i in range(n)])
    for index, scored in enumerate(cards):
        if scored is not None:
            _card_items(scored, results, index)
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
    )


def _resolve(
    columns: PanelColumns,
    compiled: CompiledProfile,
    counts: dict[str, list[int | None]],
    inside: list[bool],
    per_county: list[bool],
) -> None:
    """Give a missing count the value its subsets and breakdowns pin, as ``score()`` does."""
    bounded = sorted(compiled.bounded)
    if not bounded:
        return
    related = compiled.related
    related_ids = [f for f in related.fields if related.fields[f].type == "count"]
    for i in range(len(columns)):
        if not inside[i] or per_county[i] or all(counts[f][i] is not None for f in bounded):
            continue
        data = columns.checked.get(i)
        if data is None:
            values = {}
            for name in related_ids:
                column = columns.counts.get(name)
                value = None if column is None else column[i]
                if value is not None:
                    values[name] = Reported(value=value)
            data = CountyYear(county=columns.county[i], year=columns.year[i], values=values)
        bounds = resolve_fields(related, data)
        for name in compiled.fields:
            if counts[name][i] is None:
                counts[name][i] = bounds[name].exact if bounds[name].known else None


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


def _rate_item(  # noqa: PLR0912, PLR0913, PLR0917 - the cases of a rate, in score()'s order
    plan: _Plan,
    columns: PanelColumns,
    counts: dict[str, list[int | None]],
    exact: list[bool],
    status: list[Verdict],
    low: list[Fraction],
    high: list[Fraction],
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
    points = item.points
    rule = item.rule
    cap = Fraction(1) if definition.kind == "share" else None
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
                low[i] = high[i] = points
                continue
            status[i] = Verdict.NOT_MET
            low[i] = high[i] = _missed(item, rule, target, num, den)
            continue
        rate = None if stated is None else stated[i]
        if rate is None:
            continue
        interval: Interval = rate.interval().clip(_ZERO, cap)
        verdict = target.judge(interval)
        status[i] = verdict
        if verdict is Verdict.MET:
            low[i] = high[i] = points
        else:
            low[i], high[i] = points_range(item, verdict, interval)


def _missed(item: Item, rule: object, target: RateTarget, num: int, den: int) -> Fraction:
    """The points of an exact rate ``num/den`` that misses its target, as integers."""
    if isinstance(rule, AllOrNothing):
        return _ZERO
    t = target.value
    a, b = t.numerator, t.denominator
    p, q = item.points.numerator, item.points.denominator
    if isinstance(rule, Linear) and rule.floor != t:
        width = abs(rule.floor - t)
        c, e = width.numerator, width.denominator
        kept = den * b * c - abs(num * b - a * den) * e
        return Fraction(p * kept, q * den * b * c) if kept > 0 else _ZERO
    if isinstance(rule, Deduct):
        r, s = rule.per_point.numerator, rule.per_point.denominator
        kept = p * s * b * den - q * r * 100 * abs(a * den - num * b)
        return Fraction(kept, q * s * b * den) if kept > 0 else _ZERO
    if isinstance(rule, Linear):
        return _ZERO
    return points_for(item, Fraction(num, den))


def _deadline_item(  # noqa: PLR0913, PLR0917 - the columns it reads and writes
    plan: _Plan,
    columns: PanelColumns,
    exact: list[bool],
    status: list[Verdict],
    low: list[Fraction],
    high: list[Fraction],
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
    for i, published in enumerate(days):
        if not exact[i] or published is None:
            continue
        kept = published <= dt.date(columns.year[i] + 1, month, day)
        if target.met_by(kept):
            status[i] = Verdict.MET
            low[i] = high[i] = plan.item.points
        else:
            status[i] = Verdict.NOT_MET


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


def _card_items(card: Scorecard, results: list[ItemResults], index: int) -> None:
    """Put a per-county card's item results into the columns."""
    for result in results:
        line = card.lines[result.id]
        result.status[index] = line.status
        result.points[index] = line.points
        result.points_high[index] = line.points_high
        result.max_points[index] = line.max_points


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
