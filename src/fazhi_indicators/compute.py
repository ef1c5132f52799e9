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
from fazhi_indicators.definitions import (
    Catalog,
    DeadlineIndicator,
    Expression,
    FieldDef,
    RateIndicator,
)
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
    most its set (and the set at least its subset), parts add up to at most their
    total, and a sum field equals the sum of its parts.  Every bound it finds is
    therefore certain.
    """

    def __init__(self, fields: Iterable[str], data: CountyYear) -> None:
        """Start each count of ``fields`` (ids) at what was reported, else at 0 or more."""
        self.low: dict[str, int] = dict.fromkeys(fields, 0)
        self.high: dict[str, int | None] = dict.fromkeys(self.low)
        #: The counts whose range narrowed since the last look, and all that ever did.
        self.changed: list[str] = []
        self.narrowed: set[str] = set()
        for name, reported in data.values.items():
            if name in self.low and isinstance(reported.value, int):
                self.low[name], self.high[name] = reported.range

    def tighten(self, name: str, low: int | None, high: int | None) -> None:
        """Narrow a range, never emptying it.

        Figures that contradict each other (a sum field printed as 3 whose listed
        parts add up to 2) would cross low and high; the range then keeps what was
        already known and the audit reports the mismatch.
        """
        current_low, current_high = self.low[name], self.high[name]
        new_low = current_low if low is None or low <= current_low else low
        new_high = current_high
        if high is not None and (current_high is None or high < current_high):
            new_high = high
        if new_high is not None and new_low > new_high:
            return
        if new_low != current_low or new_high != current_high:
            self.low[name], self.high[name] = new_low, new_high
            self.changed.append(name)

    def breakdown(self, field: FieldDef) -> None:
        low, high = self.low, self.high
        parts = field.parts
        parts_low = sum([low[p] for p in parts])
        sum_high = _sum_or_none([high[p] for p in parts])
        self.tighten(field.id, parts_low, sum_high if field.sum_of else None)
        total_high = high[field.id]
        for part in parts:
            if total_high is not None:
                self.tighten(part, None, total_high - (parts_low - low[part]))
            if field.sum_of:
                others_high = _sum_or_none([high[p] for p in parts if p != part])
                if others_high is not None:
                    self.tighten(part, low[field.id] - others_high, None)

    def subset(self, field: FieldDef, of: str) -> None:
        """A subset is at most its set, and the set at least its subset.

        Each narrowing is tried only when it can narrow: a set with no upper bound
        bounds nothing, and a subset's least is a floor only when above the set's.
        """
        ceiling = self.high[of]
        if ceiling is not None:
            self.tighten(field.id, None, ceiling)
        floor = self.low[field.id]
        if floor > self.low[of]:
            self.tighten(of, floor, None)

    def propagate(self, steps: list[_Step], readers: Mapping[str, list[int]]) -> None:
        """Apply every step (a subset or a breakdown) until a whole pass changes nothing.

        The steps are applied in catalogue order, pass after pass, as the ranges they
        narrow depend on it when figures contradict each other.  A step that changed
        nothing is not applied again until a range it reads (``readers``: the steps
        reading each count) narrows: it would again change nothing.
        """
        quiet = [False] * len(steps)
        changed, low, high = self.changed, self.low, self.high
        for _ in range(_MAX_PASSES):
            moved = False
            for index, (field, of) in enumerate(steps):
                if quiet[index]:
                    continue
                if of is None:
                    self.breakdown(field)
                # Most steps are subsets that narrow nothing: checked here, not in a call.
                elif high[of] is not None or low[field.id] > low[of]:
                    self.subset(field, of)
                if changed:
                    moved = True
                    self.narrowed.update(changed)
                    for name in changed:
                        for reader in readers[name]:
                            quiet[reader] = False
                    changed.clear()
                else:
                    quiet[index] = True
            if not moved:
                return


#: One step of propagating: a field with the set it is a subset of, or (``None``) its parts.
_Step = tuple[FieldDef, str | None]


#: A count nothing is known of: unreported, and bound by no breakdown or subset.
_UNKNOWN = FieldBounds(low=0, high=None, origin="unknown")


@frozen
class _Relations:
    """What of a catalogue's fields the bounds depend on, found once per catalogue.

    Only the fields with parts or a set take part in propagating (in catalogue order,
    as every field did), and only they and the fields they name can change; every
    other count keeps what was reported, or is unknown.
    """

    fields: Mapping[str, FieldDef]
    #: Each field's subset step, then its breakdown step, in catalogue order.
    steps: list[_Step]
    #: The steps that read each count, by index.
    readers: dict[str, list[int]]
    #: The ids of the fields of the steps and of every field they bound, in catalogue order.
    related: list[str]
    #: Every count unknown, in catalogue order: each result starts as a copy.
    unknown: dict[str, FieldBounds]


#: The relations of the last few catalogues' fields (a catalogue's fields never change).
_RELATIONS: list[_Relations] = []


def _relations(catalog: Catalog) -> _Relations:
    fields = catalog.fields
    for known in _RELATIONS:
        if known.fields is fields:
            return known
    counts = tuple(f for f in fields.values() if f.type == "count")
    steps: list[_Step] = []
    readers: dict[str, list[int]] = {}
    for field in counts:
        wanted: list[tuple[str | None, tuple[str, ...]]] = []
        if field.subset_of:
            wanted.append((field.subset_of, (field.id, field.subset_of)))
        if field.parts:
            wanted.append((None, (field.id, *field.parts)))
        for of, reads in wanted:
            for name in dict.fromkeys(reads):
                readers.setdefault(name, []).append(len(steps))
            steps.append((field, of))
    named = set(readers)
    found = _Relations(
        fields=fields,
        steps=steps,
        readers=readers,
        related=[f.id for f in counts if f.id in named],
        unknown=dict.fromkeys((f.id for f in counts), _UNKNOWN),
    )
    _RELATIONS[:] = [found, *_RELATIONS[:3]]
    return found


def resolve_fields(catalog: Catalog, data: CountyYear) -> dict[str, FieldBounds]:
    """Every count field's bounds after propagating breakdowns and subsets."""
    relations = _relations(catalog)
    bounds = _Bounds(relations.related, data)
    bounds.propagate(relations.steps, relations.readers)
    # Every count starts unknown; a reported one is set as reported, and an unreported
    # one whose range narrowed is derived, inferred or still unknown.
    result = dict(relations.unknown)
    values = data.values
    related = bounds.low
    for name, reported in values.items():
        if name not in result:
            continue
        if name in related:
            low, high = related[name], bounds.high[name]
        else:
            low, high = reported.range if isinstance(reported.value, int) else (0, None)
        result[name] = _field_bounds(low, high, "reported")
    for name in bounds.narrowed:
        if name in values:
            continue
        low, high = related[name], bounds.high[name]
        if high != low:
            result[name] = _field_bounds(low, high, "unknown")
        else:
            sums = relations.fields[name].sum_of
            result[name] = _field_bounds(low, high, "derived" if sums else "inferred")
    return result


_Origin = Literal["reported", "derived", "inferred", "unknown"]
#: Bounds already built, by value: they are immutable, and the same few recur.
_FIELD_BOUNDS: dict[tuple[int, int | None, _Origin], FieldBounds] = {}


def _field_bounds(low: int, high: int | None, origin: _Origin) -> FieldBounds:
    key = (low, high, origin)
    found = _FIELD_BOUNDS.get(key)
    if found is None:
        if len(_FIELD_BOUNDS) > 4096:
            _FIELD_BOUNDS.clear()
        found = _FIELD_BOUNDS[key] = FieldBounds(low=low, high=high, origin=origin)
    return found


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
    #: A hedged denominator may be 0: the rate may not exist at all (not
    #: applicable), or lies in ``interval`` if it does.
    may_not_apply: bool = False


def _evaluate(expression: Expression, bounds: Mapping[str, FieldBounds]) -> tuple[int, int] | None:
    """The least and most a signed sum of known fields can be; ``None`` if one is unknown."""
    low = high = 0
    for sign, name in expression.terms:
        b = bounds[name]
        if b.high is None or b.origin == "unknown":
            return None
        if sign == 1:
            low, high = low + b.low, high + b.high
        else:
            low, high = low - b.high, high - b.low
    return low, high


def _rate_from_counts(
    indicator: RateIndicator,
    numerator: tuple[int, int],
    denominator: tuple[int, int],
    stated: StatedRate | None,
) -> IndicatorValue | None:
    """The rate of known counts: exact, not applicable, or an interval for hedged counts."""
    (n_low, n_high), (d_low, d_high) = numerator, denominator
    if d_high <= 0:
        return IndicatorValue(
            indicator=indicator.id,
            status="not_applicable",
            numerator=n_low if n_low == n_high else None,
            denominator=0,
            source="computed",
            stated=stated,
        )
    if n_low == n_high and d_low == d_high:
        return IndicatorValue(
            indicator=indicator.id,
            status="available",
            value=Fraction(n_low, d_low),
            numerator=n_low,
            denominator=d_low,
            source="computed",
            stated=stated,
        )
    # A hedged denominator that may be 0: the rate may not exist; if it does, its
    # denominator is at least 1.
    may_not_apply = d_low <= 0
    interval = Interval(
        low=Fraction(max(n_low, 0), d_high),
        high=Fraction(max(n_high, 0), max(d_low, 1)),
        high_closed=True,
    )
    cap = Fraction(1) if indicator.kind == "share" else None
    return IndicatorValue(
        indicator=indicator.id,
        status="available",
        interval=interval.clip(Fraction(0), cap),
        source="computed",
        stated=stated,
        approximate="hedged counts (约/近/余/多)"
        + ("; the denominator may be 0 (not applicable)" if may_not_apply else ""),
        may_not_apply=may_not_apply,
    )


def _compute_rate(
    indicator: RateIndicator,
    bounds: Mapping[str, FieldBounds],
    stated: StatedRate | None,
) -> IndicatorValue:
    num = _evaluate(indicator.numerator, bounds)
    den = None if num is None else _evaluate(indicator.denominator, bounds)
    if num is not None and den is not None:
        value = _rate_from_counts(indicator, num, den, stated)
        # A printed rate says the rate exists, which hedged counts could not.
        if value is not None and not (value.may_not_apply and stated is not None):
            return value
    if stated is not None:
        cap = Fraction(1) if indicator.kind == "share" else None
        return IndicatorValue(
            indicator=indicator.id,
            status="available",
            interval=stated.interval().clip(Fraction(0), cap),
            source="stated",
            stated=stated,
            approximate=f"printed as {stated.text}" if stated.approx else None,
        )
    missing = tuple([f for f in _fields_of(indicator) if bounds[f].origin == "unknown"])
    return _missing(indicator.id, missing)


#: Values of missing rates, by indicator and missing fields: most rates of a county are
#: missing, and the value (immutable) is the same each time.
_MISSING: dict[tuple[str, tuple[str, ...]], IndicatorValue] = {}


def _missing(indicator: str, fields: tuple[str, ...]) -> IndicatorValue:
    key = (indicator, fields)
    found = _MISSING.get(key)
    if found is None:
        if len(_MISSING) > 4096:
            _MISSING.clear()
        found = IndicatorValue(indicator=indicator, status="missing", missing_fields=fields)
        _MISSING[key] = found
    return found


#: Each rate's fields (``RateIndicator.fields``, which builds them on every call) by the
#: identity of the definition, which is immutable; kept for the definitions last used.
_FIELDS: dict[int, tuple[RateIndicator, tuple[str, ...]]] = {}


def _fields_of(indicator: RateIndicator) -> tuple[str, ...]:
    found = _FIELDS.get(id(indicator))
    if found is not None and found[0] is indicator:
        return found[1]
    if len(_FIELDS) > 4096:
        _FIELDS.clear()
    fields = indicator.fields
    _FIELDS[id(indicator)] = (indicator, fields)
    return fields


def _compute_deadline(indicator: DeadlineIndicator, data: CountyYear) -> IndicatorValue:
    published = data.value(indicator.date_field)
    if not isinstance(published, dt.date):
        return IndicatorValue(
            indicator=indicator.id, status="missing", missing_fields=(indicator.date_field,)
        )
    month, day = indicator.deadline
    due = dt.date(data.year + indicator.year_offset, month, day)
    return IndicatorValue(
        indicator=indicator.id, status="available", value=published <= due, source="computed"
    )


def compute(
    catalog: Catalog,
    data: CountyYear,
    *,
    bounds: Mapping[str, FieldBounds] | None = None,
) -> dict[str, IndicatorValue]:
    """Every indicator of the catalogue for ``data``, in catalogue order.

    ``bounds`` are :func:`resolve_fields` of the same data, when the caller has
    them already (scoring resolves them once for computing and auditing).
    """
    if bounds is None:
        bounds = resolve_fields(catalog, data)
    values: dict[str, IndicatorValue] = {}
    for indicator in catalog.indicators.values():
        if isinstance(indicator, DeadlineIndicator):
            values[indicator.id] = _compute_deadline(indicator, data)
        else:
            values[indicator.id] = _compute_rate(indicator, bounds, data.stated.get(indicator.id))
    return values
