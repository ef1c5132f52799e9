"""Hypothesis strategies for property-testing code that computes or consumes our indicators.

Needs the ``hypothesis`` extra (``pip install 'fazhi-indicators[hypothesis]'``);
the core library never imports this module.  Every strategy is built
constructively — invariants hold by construction, nothing is filtered away — and
each docstring says what it shrinks to.  Options are keyword-only; bad options
raise :class:`hypothesis.errors.InvalidArgument`.

Example:
    >>> from hypothesis import given
    >>> from fazhi_indicators.strategies import share_inputs
    >>> @given(share_inputs())
    ... def test_my_rate(pair):
    ...     numerator, denominator = pair
    ...     assert numerator <= denominator
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import get_args

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from fazhi_indicators import default_catalog
from fazhi_indicators.county import CountyYear, Reported
from fazhi_indicators.definitions import (
    AllOrNothing,
    Area,
    Bands,
    Catalog,
    DeadlineIndicator,
    Deduct,
    Expression,
    FieldDef,
    Grade,
    IndicatorDef,
    Item,
    Linear,
    Profile,
    ProfileBasis,
    RateIndicator,
    Rule,
    Setting,
    Source,
    Text,
)
from fazhi_indicators.exact import (
    ROUNDINGS,
    FlagTarget,
    Interval,
    Operator,
    RateTarget,
    Rounding,
    StatedRate,
    parse_stated_rate,
    round_percent,
)

__all__ = [
    "catalogs",
    "clearance_inputs",
    "counts",
    "county_years",
    "field_defs",
    "indicator_defs",
    "intervals",
    "profiles",
    "share_inputs",
    "stated_rates",
    "targets",
]

_DEFAULT_MAX_COUNT = 100_000
_LETTERS = string.ascii_lowercase


def _check_bounds(name: str, low: int, high: int | None) -> None:
    if not isinstance(low, int) or isinstance(low, bool) or low < 0:
        raise InvalidArgument(f"{name}: min_value must be a whole number >= 0, got {low!r}")
    if high is not None and (not isinstance(high, int) or isinstance(high, bool) or high < low):
        raise InvalidArgument(
            f"{name}: max_value must be a whole number >= min_value={low}, got {high!r}"
        )


def counts(*, min_value: int = 0, max_value: int | None = None) -> st.SearchStrategy[int]:
    """Whole counts as a county reports them (never negative).

    Shrinks towards ``min_value``.
    """
    _check_bounds("counts", min_value, max_value)
    return st.integers(min_value=min_value, max_value=max_value)


def share_inputs(
    *, max_denominator: int = _DEFAULT_MAX_COUNT, allow_zero_denominator: bool = False
) -> st.SearchStrategy[tuple[int, int]]:
    """``(numerator, denominator)`` of a share, ``numerator <= denominator``.

    Built by drawing the denominator, then the numerator below it.
    Shrinks towards ``(0, 1)`` (``(0, 0)`` with ``allow_zero_denominator``).
    """
    _check_bounds("share_inputs", 0, max_denominator)
    low = 0 if allow_zero_denominator else 1
    if max_denominator < low:
        raise InvalidArgument("share_inputs: max_denominator must be >= 1")
    return st.integers(min_value=low, max_value=max_denominator).flatmap(
        lambda d: st.tuples(st.integers(min_value=0, max_value=d), st.just(d))
    )


def clearance_inputs(
    *, max_value: int = _DEFAULT_MAX_COUNT, max_ratio: int = 3
) -> st.SearchStrategy[tuple[int, int]]:
    """``(closed, received)`` of a clearance rate: closed may exceed received (carry-over).

    The numerator is at most ``max_ratio`` times the denominator.
    Shrinks towards ``(0, 1)``.
    """
    _check_bounds("clearance_inputs", 1, max_value)
    if not isinstance(max_ratio, int) or max_ratio < 1:
        raise InvalidArgument(f"clearance_inputs: max_ratio must be >= 1, got {max_ratio!r}")
    return st.integers(min_value=1, max_value=max_value).flatmap(
        lambda d: st.tuples(st.integers(min_value=0, max_value=d * max_ratio), st.just(d))
    )


def stated_rates(
    *,
    places: int | None = None,
    rounding: Rounding | None = None,
    max_rate: Fraction = Fraction(1),
) -> st.SearchStrategy[tuple[Fraction, StatedRate]]:
    """``(true rate, printed rate)``: a rate and how a report would print it.

    ``places`` fixes the decimals printed (default 0-3); ``rounding`` fixes
    ``half_up`` or ``truncate`` (default either).  The printed rate's interval under
    that rounding always holds the true rate.  Shrinks towards ``(0, "0%")``.
    """
    if places is not None and (not isinstance(places, int) or not 0 <= places <= 6):
        raise InvalidArgument(f"stated_rates: places must be 0-6, got {places!r}")
    if rounding is not None and rounding not in ROUNDINGS:
        raise InvalidArgument(
            f"stated_rates: rounding must be one of {ROUNDINGS}, got {rounding!r}"
        )
    if not isinstance(max_rate, Fraction) or max_rate <= 0:
        raise InvalidArgument(
            f"stated_rates: max_rate must be a positive Fraction, got {max_rate!r}"
        )

    @st.composite
    def build(draw: st.DrawFn) -> tuple[Fraction, StatedRate]:
        digits = places if places is not None else draw(st.integers(0, 3))
        mode = rounding if rounding is not None else draw(st.sampled_from(ROUNDINGS))
        denominator = draw(st.integers(min_value=1, max_value=10_000))
        numerator = draw(st.integers(min_value=0, max_value=int(max_rate * denominator)))
        value = Fraction(numerator, denominator)
        printed = round_percent(value, digits, mode)
        return value, parse_stated_rate(f"{printed:f}%")

    return build()


def intervals(*, max_value: Fraction = Fraction(1)) -> st.SearchStrategy[Interval]:
    """Non-empty intervals of rates within ``[0, max_value]``, ends open or closed.

    Shrinks towards the closed point ``[0, 0]``.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Interval:
        scale = 1000
        low = draw(st.integers(0, int(max_value * scale)))
        high = draw(st.integers(low, int(max_value * scale)))
        if low == high:
            return Interval(low=Fraction(low, scale), high=Fraction(high, scale), high_closed=True)
        return Interval(
            low=Fraction(low, scale),
            high=Fraction(high, scale),
            low_closed=draw(st.booleans()),
            high_closed=draw(st.booleans()),
        )

    return build()


def targets(
    *, operators: tuple[Operator, ...] = (">=", "<=", ">", "<", "==")
) -> st.SearchStrategy[RateTarget]:
    """Rate targets such as ``>= 95%`` with 0-1 decimals, reachable by a share.

    Shrinks towards ``>= 0%``.
    """
    allowed = {">=", "<=", ">", "<", "=="}
    if not operators or not set(operators) <= allowed:
        raise InvalidArgument(f"targets: operators must be a non-empty subset of {allowed}")

    @st.composite
    def build(draw: st.DrawFn) -> RateTarget:
        op = draw(st.sampled_from(operators))
        low = 1 if op == "<" else 0
        high = 999 if op == ">" else 1000
        tenths = draw(st.integers(low, high))
        return RateTarget(text=f"{op} {Decimal(tenths) / 10}%", op=op, value=Fraction(tenths, 1000))

    return build()


def _texts(zh: str, en: str) -> st.SearchStrategy[Text]:
    return st.integers(0, 99).map(lambda n: Text(zh=f"{zh}{n}号", en=f"{en} {n}"))


def field_defs(*, domain: str = "demo") -> st.SearchStrategy[FieldDef]:
    """A single count field of ``domain`` with no breakdown.

    Shrinks towards ``demo.a``.
    """
    _check_domain(domain)
    names = st.text(_LETTERS, min_size=1, max_size=8)
    return st.builds(
        lambda name, label: FieldDef(id=f"{domain}.{name}", name=label),
        names,
        _texts("字段", "field"),
    )


def _check_domain(domain: str) -> None:
    if not isinstance(domain, str) or not domain or not set(domain) <= set(_LETTERS + "_"):
        raise InvalidArgument(f"domain must be a snake_case name, got {domain!r}")


def indicator_defs(fields: Mapping[str, FieldDef]) -> st.SearchStrategy[IndicatorDef]:
    """A rate indicator over two count fields of ``fields``.

    A share when one field is declared a subset (or part) of the other, a
    clearance rate otherwise.  Shrinks towards a rate over the first pair.
    """
    pairs = _share_pairs(fields)
    count_ids = [f.id for f in fields.values() if f.type == "count"]
    if not count_ids:
        raise InvalidArgument("indicator_defs: fields must include a count field")

    @st.composite
    def build(draw: st.DrawFn) -> IndicatorDef:
        share = bool(pairs) and draw(st.booleans())
        if share:
            numerator, denominator = draw(st.sampled_from(pairs))
        else:
            numerator = draw(st.sampled_from(count_ids))
            denominator = draw(st.sampled_from(count_ids))
        name = draw(st.text(_LETTERS, min_size=1, max_size=8))
        domain = denominator.split(".")[0]
        return RateIndicator(
            id=f"{domain}.{name}_rate",
            name=draw(_texts("指标", "indicator")),
            kind="share" if share else "clearance",
            direction=draw(st.sampled_from(("higher", "lower"))),
            numerator=Expression(terms=((1, numerator),)),
            denominator=Expression(terms=((1, denominator),)),
            precision=draw(st.integers(0, 2)),
            source=Source(basis="assumption"),
        )

    return build()


def _share_pairs(fields: Mapping[str, FieldDef]) -> list[tuple[str, str]]:
    pairs = [(f.id, f.subset_of) for f in fields.values() if f.subset_of]
    pairs += [(part, f.id) for f in fields.values() for part in f.parts]
    return pairs


@st.composite
def _field_family(draw: st.DrawFn, domain: str, index: int) -> list[FieldDef]:
    """A total, maybe with parts (complete or not) and a subset of the total."""
    total = f"{domain}.total_{index}"
    label = draw(_texts("总数", "total"))
    part_count = draw(st.integers(0, 3))
    parts = tuple(f"{domain}.part_{index}_{n}" for n in range(part_count))
    family = [
        FieldDef(
            id=total,
            name=label,
            unit=Text(zh="件", en="cases"),
            parts=parts,
            complete=bool(parts) and draw(st.booleans()),
        )
    ]
    family += [FieldDef(id=p, name=Text(zh=f"分项{p}", en=f"part {p}")) for p in parts]
    if draw(st.booleans()):
        family.append(
            FieldDef(
                id=f"{domain}.subset_{index}",
                name=Text(zh=f"子项{index}", en=f"subset {index}"),
                subset_of=total,
            )
        )
    return family


def catalogs(*, min_fields: int = 1, max_families: int = 4) -> st.SearchStrategy[Catalog]:
    """Small valid catalogues: totals with parts and subsets, rates over them, one profile.

    ``max_families`` bounds how many totals (each with its parts and subset) are drawn.
    Shrinks towards one total field, one clearance rate of it over itself, and a
    profile with that single item.
    """
    if not isinstance(max_families, int) or max_families < 1:
        raise InvalidArgument(f"catalogs: max_families must be >= 1, got {max_families!r}")
    if not isinstance(min_fields, int) or min_fields < 1:
        raise InvalidArgument(f"catalogs: min_fields must be >= 1, got {min_fields!r}")

    @st.composite
    def build(draw: st.DrawFn) -> Catalog:
        families = draw(st.integers(1, max_families))
        fields: dict[str, FieldDef] = {}
        for index in range(families):
            for field in draw(_field_family("demo", index)):
                fields[field.id] = field
        while len(fields) < min_fields:
            extra = FieldDef(id=f"demo.extra_{len(fields)}", name=Text(zh="附加", en="extra"))
            fields[extra.id] = extra
        indicators: dict[str, IndicatorDef] = {}
        for indicator in draw(st.lists(indicator_defs(fields), min_size=1, max_size=5)):
            indicators.setdefault(indicator.id, indicator)
        catalog = Catalog(
            domains={"demo": Text(zh="演示", en="Demo")},
            fields=fields,
            indicators=indicators,
            profiles={},
        )
        profile = draw(profiles(catalog=catalog))
        return Catalog(
            domains=catalog.domains,
            fields=fields,
            indicators=indicators,
            profiles={profile.id: profile},
        )

    return build()


@st.composite
def _items(draw: st.DrawFn, indicator: IndicatorDef) -> Item:
    if isinstance(indicator, DeadlineIndicator):
        return Item(
            indicator=indicator.id,
            target=FlagTarget(text="true", value=True),
            points=Fraction(draw(st.integers(0, 10))),
            source=Source(basis="assumption"),
        )
    op: Operator = ">=" if indicator.direction != "lower" else "<="
    target = draw(targets(operators=(op,)))
    points = Fraction(draw(st.integers(0, 20)))
    kind = draw(st.sampled_from([rule.kind for rule in get_args(Rule)]))
    rule: Rule = AllOrNothing()
    if kind == "linear":
        # The floor lies on the worse side of the target, so the line has a slope.
        if op == ">=":
            floor = Fraction(draw(st.integers(0, max(int(target.value * 1000) - 1, 0))), 1000)
        else:
            floor = Fraction(draw(st.integers(int(target.value * 1000) + 1, 2000)), 1000)
        if floor != target.value:
            rule = Linear(floor=floor)
    elif kind == "deduct":
        rule = Deduct(per_point=Fraction(draw(st.integers(1, 5)), 2))
    elif kind == "bands":
        anything = RateTarget(text=f"{op} 0%", op=op, value=Fraction(0))
        rule = Bands(bands=((target, points), (anything, points / 2)))
    return Item(
        indicator=indicator.id,
        target=target,
        points=points,
        rule=rule,
        mandatory=draw(st.booleans()),
        source=Source(basis=draw(st.sampled_from(get_args(ProfileBasis)))),
    )


def profiles(*, catalog: Catalog | None = None) -> st.SearchStrategy[Profile]:
    """Profiles over ``catalog``'s indicators (the shipped catalogue by default).

    Targets point the way each indicator's direction says; linear floors lie on
    the worse side of the target; the pass line is at most 100.
    Shrinks towards one all-or-nothing item worth 0 points.
    """
    catalog = catalog if catalog is not None else default_catalog()
    scorable = [i for i in catalog.indicators.values() if i.direction != "neutral"]
    if not scorable:
        raise InvalidArgument("profiles: the catalogue has no indicator with a direction")

    @st.composite
    def build(draw: st.DrawFn) -> Profile:
        chosen = draw(st.lists(st.sampled_from(scorable), min_size=1, unique_by=lambda i: i.id))
        items = tuple(draw(_items(indicator)) for indicator in chosen)
        first = draw(st.integers(2000, 2030))
        grade_floor = draw(st.integers(0, 100))
        return Profile(
            id="generated",
            version="1",
            title=Text(zh="生成的评分标准", en="Generated profile"),
            jurisdiction="测试",
            effective_from=first,
            effective_to=draw(st.none() | st.integers(first, 2035)),
            areas=(Area(id="only", name=Text(zh="唯一", en="Only"), items=items),),
            pass_line=Setting(
                value=Fraction(draw(st.integers(0, 100))), source=Source(basis="assumption")
            ),
            min_coverage=Setting(
                value=Fraction(draw(st.integers(0, 100)), 100), source=Source(basis="assumption")
            ),
            grades=(Grade(name=Text(zh="合格", en="Pass"), min_total=Fraction(grade_floor)),),
            grades_source=Source(basis="assumption"),
        )

    return build()


def _order(fields: Mapping[str, FieldDef]) -> list[FieldDef]:
    """Fields with every total and superset before the fields bounded by it."""
    parents: dict[str, set[str]] = {f: set() for f in fields}
    for field in fields.values():
        if field.subset_of is not None and field.subset_of in fields:
            parents[field.id].add(field.subset_of)
        for part in field.parts:
            if part in fields:
                parents[part].add(field.id)
    ordered: list[FieldDef] = []
    placed: set[str] = set()
    while len(ordered) < len(fields):
        ready = [f for f in fields if f not in placed and parents[f] <= placed]
        if not ready:
            raise InvalidArgument("county_years: the catalogue's breakdowns form a cycle")
        for name in ready:
            ordered.append(fields[name])
            placed.add(name)
    return ordered


@st.composite
def _true_counts(draw: st.DrawFn, catalog: Catalog, max_count: int) -> dict[str, int]:
    """A consistent world: parts within totals, subsets within sets, sums exact."""
    count_fields = {k: f for k, f in catalog.fields.items() if f.type == "count"}
    values: dict[str, int] = {}
    remaining: dict[str, int] = {}
    for field in _order(count_fields):
        bound = max_count
        if field.subset_of is not None and field.subset_of in values:
            bound = min(bound, values[field.subset_of])
        for total in (t for t in count_fields.values() if field.id in t.parts):
            bound = min(bound, remaining[total.id])
        value = draw(st.integers(0, bound))
        values[field.id] = value
        remaining[field.id] = value
        for total in (t for t in count_fields.values() if field.id in t.parts):
            remaining[total.id] -= value
    # A sum field is the sum of its parts, which were drawn within its budget.
    ordered = _order(count_fields)
    for field in reversed(ordered):
        if field.sum_of:
            values[field.id] = sum(values[p] for p in field.sum_of)
    for field in ordered:
        if field.subset_of is not None and field.subset_of in values:
            values[field.id] = min(values[field.id], values[field.subset_of])
    return values


def county_years(
    *,
    catalog: Catalog | None = None,
    year: int | None = None,
    max_count: int = 10_000,
    missing: bool = True,
    stated: bool = True,
) -> st.SearchStrategy[CountyYear]:
    """County-years that respect ``catalog``'s invariants (the shipped catalogue by default).

    Counts come from one consistent world (parts within totals, subsets within
    their sets, sums exact), so every generated file loads.  With ``missing``,
    fields may be left out; zero denominators occur naturally; with ``stated``,
    some rates are also printed, rounded half-up or truncated from the true value —
    sometimes without their counts (stated-only rates).
    Shrinks towards a county that reports every count as 0 and prints nothing.
    """
    catalog = catalog if catalog is not None else default_catalog()
    _check_bounds("county_years", 0, max_count)

    @st.composite
    def build(draw: st.DrawFn) -> CountyYear:
        world = draw(_true_counts(catalog, max_count))
        the_year = year if year is not None else draw(st.integers(2000, 2035))
        values: dict[str, Reported] = {}
        for field_id, field in catalog.fields.items():
            if missing and draw(st.booleans()):
                continue
            if field.type == "count":
                values[field_id] = Reported(value=world[field_id])
            elif field.type == "boolean":
                values[field_id] = Reported(value=draw(st.booleans()))
            else:
                # A date before the reporting year is refused by the loader.
                values[field_id] = Reported(
                    value=draw(st.dates(dt.date(the_year, 1, 1), dt.date(the_year + 2, 12, 31)))
                )
        printed = {}
        if stated:
            for indicator in catalog.indicators.values():
                rate = _true_rate(indicator, world)
                if rate is None or not draw(st.booleans()):
                    continue
                digits = draw(st.integers(0, 2))
                mode = draw(st.sampled_from(ROUNDINGS))
                printed[indicator.id] = parse_stated_rate(f"{round_percent(rate, digits, mode):f}%")
        return CountyYear(
            county=draw(st.sampled_from(("沈丘县", "通州区", "测试县"))),
            year=the_year,
            values=values,
            stated=printed,
        )

    return build()


def _true_rate(indicator: IndicatorDef, world: Mapping[str, int]) -> Fraction | None:
    if not isinstance(indicator, RateIndicator):
        return None
    numerator = sum(sign * world[name] for sign, name in indicator.numerator.terms)
    denominator = sum(sign * world[name] for sign, name in indicator.denominator.terms)
    return Fraction(numerator, denominator) if denominator > 0 else None
