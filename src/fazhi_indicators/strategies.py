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
import math
import string
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import get_args

import attrs
from attrs import frozen
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from fazhi_indicators import default_catalog
from fazhi_indicators.compute import compute, resolve_fields
from fazhi_indicators.county import Breakdown, Category, CountyYear, Reported, approx_range
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
    APPROX_QUALIFIERS,
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
    "breakdowns",
    "catalogs",
    "clearance_inputs",
    "counts",
    "county_years",
    "county_years_and_truth",
    "field_defs",
    "indicator_defs",
    "intervals",
    "profiles",
    "share_inputs",
    "stated_rates",
    "targets",
]

_DEFAULT_MAX_COUNT = 100_000
#: How many cases either side of a target ``near`` draws from.
_NEAR = 3
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


def breakdowns(  # noqa: PLR0913 - each option is one part of a table
    *,
    of: str = "admin_review.applications_received",
    by: str = "matter",
    max_categories: int = 8,
    max_count: int = 10_000,
    places: int | None = None,
    rounding: Rounding | None = None,
) -> st.SearchStrategy[Breakdown]:
    """A whole table as a report prints it: categories, each with its count and share.

    The shares are of the categories' sum, printed with ``places`` decimals (default
    0-2) by ``rounding`` (default either, one for the whole table), so the table
    is consistent when ``of`` is reported as that sum.  Shrinks towards one
    category of 1 printed ``100%``.
    """
    if not isinstance(max_categories, int) or max_categories < 1:
        raise InvalidArgument(f"breakdowns: max_categories must be >= 1, got {max_categories!r}")
    _check_bounds("breakdowns", 1, max_count)
    if places is not None and (not isinstance(places, int) or not 0 <= places <= 6):
        raise InvalidArgument(f"breakdowns: places must be 0-6, got {places!r}")
    if rounding is not None and rounding not in ROUNDINGS:
        raise InvalidArgument(f"breakdowns: rounding must be one of {ROUNDINGS}, got {rounding!r}")

    @st.composite
    def build(draw: st.DrawFn) -> Breakdown:
        first = draw(st.integers(min_value=1, max_value=max_count))
        rest = draw(st.lists(st.integers(0, max_count), max_size=max_categories - 1))
        amounts = [first, *rest]
        total = sum(amounts)
        digits = places if places is not None else draw(st.integers(0, 2))
        mode = rounding if rounding is not None else draw(st.sampled_from(ROUNDINGS))
        categories = tuple(
            Category(
                name=f"类别{number}",
                count=count,
                share=_printed(Fraction(count, total), digits, mode),
            )
            for number, count in enumerate(amounts, start=1)
        )
        return Breakdown(of=of, by=by, by_name=Text(zh=by, en=by), categories=categories)

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


#: The operators that agree with each direction: ``==`` aims at a point from either side.
_AGREEING: dict[str, tuple[Operator, ...]] = {
    "higher": (">=", ">", "=="),
    "lower": ("<=", "<", "=="),
}


def _per_mille(target: RateTarget) -> int:
    return int(target.value * 1000)


@st.composite
def _items(
    draw: st.DrawFn, indicator: IndicatorDef, operators: tuple[Operator, ...] | None = None
) -> Item:
    if isinstance(indicator, DeadlineIndicator):
        return Item(
            indicator=indicator.id,
            target=FlagTarget(text="true", value=True),
            points=Fraction(draw(st.integers(0, 10))),
            source=Source(basis="assumption"),
        )
    higher = indicator.direction != "lower"
    default: Operator = ">=" if higher else "<="
    allowed = [op for op in _AGREEING["higher" if higher else "lower"] if op in (operators or ())]
    op: Operator = draw(st.sampled_from(allowed)) if operators is not None else default
    target = draw(targets(operators=(op,)))
    points = Fraction(draw(st.integers(0, 20)))
    kind = draw(st.sampled_from([rule.kind for rule in get_args(Rule)]))
    rule: Rule = AllOrNothing()
    at = _per_mille(target)
    if kind == "linear":
        # The floor lies on the worse side of the target, so the line has a slope.
        if higher:
            floor = Fraction(draw(st.integers(0, max(at - 1, 0))), 1000)
        else:
            floor = Fraction(draw(st.integers(at + 1, 2000)), 1000)
        if floor != target.value:
            rule = Linear(floor=floor)
    elif kind == "deduct":
        rule = Deduct(per_point=Fraction(draw(st.integers(1, 5)), 2))
    elif kind == "bands":
        # A looser band on the worse side of the target earns half the points.
        loose = draw(st.integers(0, at)) if higher else draw(st.integers(at, 1000))
        band_op: Operator = ">=" if higher else "<="
        band = RateTarget(
            text=f"{band_op} {Decimal(loose) / 10}%", op=band_op, value=Fraction(loose, 1000)
        )
        rule = Bands(bands=((target, points), (band, points / 2)))
    return Item(
        indicator=indicator.id,
        target=target,
        points=points,
        rule=rule,
        mandatory=draw(st.booleans()),
        source=Source(basis=draw(st.sampled_from(get_args(ProfileBasis)))),
    )


def profiles(
    *, catalog: Catalog | None = None, operators: tuple[Operator, ...] | None = None
) -> st.SearchStrategy[Profile]:
    """Profiles over ``catalog``'s indicators (the shipped catalogue by default).

    Targets point the way each indicator's direction says: ``>=`` when higher is
    better, ``<=`` when lower is; with ``operators``, each item's target uses one
    of those that agrees with its direction (``>``, ``>=``, ``==`` for higher;
    ``<``, ``<=``, ``==`` for lower), and indicators that none agrees with are
    left out.  Linear floors and looser bands lie on the worse side of the
    target; the pass line and the grades (one to three) are at most 100.
    Shrinks towards one all-or-nothing item worth 0 points.
    """
    catalog = catalog if catalog is not None else default_catalog()
    if operators is not None:
        known = {">=", "<=", ">", "<", "=="}
        if not operators or not set(operators) <= known:
            raise InvalidArgument(f"profiles: operators must be a non-empty subset of {known}")
    scorable = [
        i
        for i in catalog.indicators.values()
        if i.direction != "neutral"
        and (
            operators is None
            or isinstance(i, DeadlineIndicator)
            or set(_AGREEING[i.direction]) & set(operators)
        )
    ]
    if not scorable:
        raise InvalidArgument(
            "profiles: the catalogue has no indicator with a direction that the operators suit"
        )

    @st.composite
    def build(draw: st.DrawFn) -> Profile:
        chosen = draw(st.lists(st.sampled_from(scorable), min_size=1, unique_by=lambda i: i.id))
        items = tuple(draw(_items(indicator, operators)) for indicator in chosen)
        first = draw(st.integers(2000, 2030))
        floors = draw(st.lists(st.integers(0, 100), min_size=1, max_size=3, unique=True))
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
            grades=tuple(
                Grade(name=Text(zh=f"{n}档", en=f"Band {n}"), min_total=Fraction(floor))
                for n, floor in enumerate(sorted(floors, reverse=True), start=1)
            ),
            grades_source=Source(basis="assumption"),
        )

    return build()


def _order(fields: Mapping[str, FieldDef], first: frozenset[str] = frozenset()) -> list[FieldDef]:
    """Fields with every total and superset before the fields bounded by it.

    Among fields whose bounds are drawn, those in ``first`` come first, so a rate's
    numerator drawn near its target is not left without budget by its sibling parts.
    """
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
        ready = sorted(
            (f for f in fields if f not in placed and parents[f] <= placed),
            key=lambda f: f not in first,
        )
        if not ready:
            raise InvalidArgument("county_years: the catalogue's breakdowns form a cycle")
        for name in ready:
            ordered.append(fields[name])
            placed.add(name)
    return ordered


def _near_pairs(catalog: Catalog, profile: Profile | None) -> list[tuple[str, str, Fraction]]:
    """``(numerator, denominator, target)`` of each rate ``profile`` scores over two fields."""
    if profile is None:
        return []
    pairs = []
    for item in profile.items:
        indicator = catalog.indicators.get(item.indicator)
        if isinstance(indicator, RateIndicator) and isinstance(item.target, RateTarget):
            num, den = indicator.numerator.single_field, indicator.denominator.single_field
            if num is not None and den is not None and num != den:
                pairs.append((num, den, item.target.value))
    # A share of a field over its own set first: when two rates share a field, that one wins.
    pairs.sort(key=lambda pair: catalog.fields[pair[0]].subset_of != pair[1])
    return pairs


def _near_range(
    name: str, bound: int, values: Mapping[str, int], pairs: list[tuple[str, str, Fraction]]
) -> tuple[int, int]:
    """Where to draw ``name`` from: a few cases either side of a target, when one applies."""
    for num, den, target in pairs:
        if name == num and values.get(den, 0) > 0:
            centre = target * values[den]
            low, high = max(math.floor(centre) - _NEAR, 0), min(math.ceil(centre) + _NEAR, bound)
        elif name == den and num in values and target > 0:
            centre = values[num] / target
            low, high = max(math.floor(centre) - _NEAR, 1), min(math.ceil(centre) + _NEAR, bound)
        else:
            continue
        if low <= high:
            return low, high
    return 0, bound


@st.composite
def _true_counts(
    draw: st.DrawFn, catalog: Catalog, max_count: int, near: Profile | None = None
) -> dict[str, int]:
    """A consistent world: parts within totals, subsets within sets, sums exact."""
    count_fields = {k: f for k, f in catalog.fields.items() if f.type == "count"}
    pairs = _near_pairs(catalog, near)
    values: dict[str, int] = {}
    remaining: dict[str, int] = {}
    for field in _order(count_fields, frozenset(num for num, _, _ in pairs)):
        bound = max_count
        if field.subset_of is not None and field.subset_of in values:
            bound = min(bound, values[field.subset_of])
        for total in (t for t in count_fields.values() if field.id in t.parts):
            bound = min(bound, remaining[total.id])
        low, high = _near_range(field.id, bound, values, pairs) if pairs else (0, bound)
        value = draw(st.integers(low, high))
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


def _hedges(value: int) -> list[tuple[int, str]]:
    """Ways a report may hedge ``value`` (``1200余``, ``约1000``) whose range still holds it.

    The value itself with 约 or 近 (``约5``), or rounded to tens, hundreds and
    thousands: down for 余/多, to the nearest for 约 and 近, up for 近.  A hedge
    never prints 0; a count below 5, 0 included, may be printed 约5 (0 to 10).
    """
    found: list[tuple[int, str]] = [(value, "约"), (value, "近")] if value else []
    if value < 5:
        found.append((5, "约"))  # 0-10: a count this small may even be 0
    for unit in (10, 100, 1000):
        down = value - value % unit
        nearest = (value + unit // 2) // unit * unit
        up = down if down == value else down + unit
        for printed, approx in (
            (down, "余"),
            (down, "多"),
            (nearest, "约"),
            (nearest, "近"),
            (up, "近"),
        ):
            low, high = approx_range(printed, approx)
            if printed and low <= value <= high and (printed, approx) not in found:
                found.append((printed, approx))
    return found


def _printed(rate: Fraction, digits: int, mode: Rounding, approx: str | None = None) -> StatedRate:
    """``rate`` as a report prints it; a qualifier only widens the interval, so it holds."""
    number = f"{round_percent(rate, digits, mode):f}"
    if approx in {"约", "近"}:
        return parse_stated_rate(f"{approx}{number}%")
    if approx is not None:
        return parse_stated_rate(f"{number}%{approx}")
    return parse_stated_rate(f"{number}%")


@st.composite
def _print_rate(draw: st.DrawFn, rate: Fraction, *, hedged: bool) -> StatedRate:
    digits = draw(st.integers(0, 2))
    mode = draw(st.sampled_from(ROUNDINGS))
    approx = draw(st.none() | st.sampled_from(APPROX_QUALIFIERS)) if hedged else None
    return _printed(rate, digits, mode, approx)


@frozen
class _Draft:
    """A county as printed, and what it printed from."""

    data: CountyYear
    #: The consistent world every count comes from.
    world: Mapping[str, int]
    hedged: bool


@st.composite
def _reported(
    draw: st.DrawFn, catalog: Catalog, world: Mapping[str, int], year: int, *, missing: bool
) -> dict[str, Reported]:
    """Every field as reported exactly, some left out when ``missing``."""
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
                value=draw(st.dates(dt.date(year, 1, 1), dt.date(year + 2, 12, 31)))
            )
    return values


@st.composite
def _drafts(  # noqa: PLR0913 - the options of county_years
    draw: st.DrawFn,
    catalog: Catalog,
    year: int | None,
    max_count: int,
    *,
    missing: bool,
    stated: bool,
    hedged: bool = False,
    stated_only: bool = False,
    near: Profile | None = None,
) -> _Draft:
    world = draw(_true_counts(catalog, max_count, near))
    the_year = year if year is not None else draw(st.integers(2000, 2035))
    values = draw(_reported(catalog, world, the_year, missing=missing))
    printed = {}
    if stated:
        for indicator in catalog.indicators.values():
            rate = _true_rate(indicator, world)
            if rate is None or not draw(st.booleans()):
                continue
            printed[indicator.id] = draw(_print_rate(rate, hedged=hedged))
            if stated_only and isinstance(indicator, RateIndicator) and draw(st.booleans()):
                for name in indicator.fields:
                    values.pop(name, None)
    if hedged:
        # One choice per count field, reported or not, so that leaving a field out
        # never makes a county simpler to Hypothesis than reporting it unhedged.
        for field_id in world:
            hedge = draw(st.booleans())
            hedges = _hedges(world[field_id])
            if hedge and hedges and field_id in values:
                value, approx = draw(st.sampled_from(hedges))
                values[field_id] = Reported(value=value, approx=approx)
    data = CountyYear(
        county=draw(st.sampled_from(("沈丘县", "通州区", "测试县"))),
        year=the_year,
        values=values,
        stated=printed,
    )
    return _Draft(data=data, world=world, hedged=hedged)


def _check_options(catalog: Catalog, max_count: int, near: Profile | None) -> None:
    _check_bounds("county_years", 0, max_count)
    if near is not None:
        unknown = [i.indicator for i in near.items if i.indicator not in catalog.indicators]
        if unknown:
            raise InvalidArgument(
                f"county_years: near scores indicators not in the catalogue: {unknown}"
            )


def county_years(  # noqa: PLR0913 - each option is one kind of report
    *,
    catalog: Catalog | None = None,
    year: int | None = None,
    max_count: int = 10_000,
    missing: bool = True,
    stated: bool = True,
    hedged: bool = False,
    stated_only: bool = False,
    slips: bool = False,
    near: Profile | None = None,
) -> st.SearchStrategy[CountyYear]:
    """County-years that respect ``catalog``'s invariants (the shipped catalogue by default).

    Counts come from one consistent world (parts within totals, subsets within
    their sets, sums exact), so every generated file loads.  With ``missing``,
    fields may be left out; zero denominators occur naturally; with ``stated``,
    some rates are also printed, rounded half-up or truncated from the true value —
    sometimes without their counts (stated-only rates).

    Off by default, each of these makes the county harder to read:

    - ``hedged``: some counts are written with 约/近/余/多 (``{value: 1200,
      approx: 余}``) and some printed rates too (``约95%``); the true value always
      lies in the range the hedge stands for.
    - ``stated_only``: some printed rates have their counts left out, even
      with ``missing=False``.
    - ``slips``: one or two arithmetic slips of the kind real reports make —
      parts of a breakdown or of a sum field that do not add up to the total, a
      subset above its set (passes above candidates), a numerator above its
      denominator, a rate misprinted against its counts, a share printed above
      100%.  Such a county may be refused by the loader (with located problems)
      or load with audit warnings; it is no longer guaranteed to load.
    - ``near``: a profile; the rates it scores are drawn within a few cases of
      their targets, where scoring changes.

    Shrinks towards a county that reports every count as 0 and prints nothing.
    """
    catalog = catalog if catalog is not None else default_catalog()
    _check_options(catalog, max_count, near)

    @st.composite
    def build(draw: st.DrawFn) -> CountyYear:
        draft = draw(
            _drafts(
                catalog,
                year,
                max_count,
                missing=missing,
                stated=stated,
                hedged=hedged,
                stated_only=stated_only,
                near=near,
            )
        )
        if slips:
            return draw(_slipped(catalog, draft.data))
        return draft.data

    return build()


def county_years_and_truth(
    *,
    catalog: Catalog | None = None,
    year: int | None = None,
    max_count: int = 10_000,
    missing: bool = True,
    near: Profile | None = None,
) -> st.SearchStrategy[tuple[CountyYear, CountyYear]]:
    """``(as printed, as it was)``: a county that hedges and prints rates alone, and the truth.

    The first county is drawn as ``county_years(hedged=True, stated_only=True)``
    draws it.  The second is the same county with what the report left
    uncertain resolved from the same consistent world: every hedged count exact,
    and the counts behind every rate known only as printed filled in.  Nothing
    else is revealed: an item with no data in the first has no data in the
    second (where revealing a count would let an unprinted rate be computed,
    that rate is printed too, or — when its denominator is 0 — its counts are
    reported in both).  So every item of the truth is a value the printed
    county allows, and a sound scorecard of the first bounds the second's.
    Both load.  Shrinks towards an exact county that prints nothing.
    """
    catalog = catalog if catalog is not None else default_catalog()
    _check_options(catalog, max_count, near)

    @st.composite
    def build(draw: st.DrawFn) -> tuple[CountyYear, CountyYear]:
        draft = draw(
            _drafts(
                catalog,
                year,
                max_count,
                missing=missing,
                stated=True,
                hedged=True,
                stated_only=True,
                near=near,
            )
        )
        return draw(_revealed(catalog, draft))

    return build()


@st.composite
def _revealed(draw: st.DrawFn, catalog: Catalog, draft: _Draft) -> tuple[CountyYear, CountyYear]:
    """The printed county, adjusted so that revealing adds no data, and its truth."""
    world = draft.world
    printed = dict(draft.data.stated)
    shown = dict(draft.data.values)
    for _ in range(len(catalog.fields) + len(catalog.indicators) + 1):
        data = attrs.evolve(draft.data, values=shown, stated=printed)
        truth = _truth(catalog, data, world)
        before, after = compute(catalog, data), compute(catalog, truth)
        # Items that had no data for want of a count, and would have some once revealed.
        gained = [
            i
            for i, value in before.items()
            if value.status == "missing" and value.missing_fields and after[i].status != "missing"
        ]
        if not gained:
            return data, truth
        for indicator_id in gained:
            rate = _true_rate(catalog.indicators[indicator_id], world)
            if rate is not None:
                printed[indicator_id] = draw(_print_rate(rate, hedged=draft.hedged))
            else:
                for name in before[indicator_id].missing_fields:
                    shown[name] = Reported(value=world[name])
    raise AssertionError("revealing the counts of printed rates did not settle")  # pragma: no cover


def _truth(catalog: Catalog, data: CountyYear, world: Mapping[str, int]) -> CountyYear:
    """``data`` with hedged counts exact and the unknown counts of printed-only rates filled in."""
    values = {
        k: Reported(value=world[k]) if v.approx is not None else v for k, v in data.values.items()
    }
    bounds = resolve_fields(catalog, data)
    for value in compute(catalog, data, bounds=bounds).values():
        indicator = catalog.indicators[value.indicator]
        if value.source == "stated" and isinstance(indicator, RateIndicator):
            for name in indicator.fields:
                if not bounds[name].known:
                    values[name] = Reported(value=world[name])
    return attrs.evolve(data, values=values)


def _true_rate(indicator: IndicatorDef, world: Mapping[str, int]) -> Fraction | None:
    if not isinstance(indicator, RateIndicator):
        return None
    numerator = sum(sign * world[name] for sign, name in indicator.numerator.terms)
    denominator = sum(sign * world[name] for sign, name in indicator.denominator.terms)
    return Fraction(numerator, denominator) if denominator > 0 else None


def _exact_count(data: CountyYear, name: str) -> int | None:
    reported = data.values.get(name)
    if reported is None or reported.approx is not None or isinstance(reported.value, bool):
        return None
    return reported.value if isinstance(reported.value, int) else None


#: Slips the loader accepts (the audit warns of them) and slips it refuses.
_SLIPS_ACCEPTED = ("total-above-parts", "misprinted")
_SLIPS_REFUSED = ("parts-over", "total-below-parts", "subset-over", "share-over", "share-above-100")


def _slip_kinds(catalog: Catalog, data: CountyYear) -> list[tuple[str, str]]:
    """Every ``(kind, id)`` slip this county's figures allow."""
    kinds: list[tuple[str, str]] = []
    for field in catalog.fields.values():
        if _exact_count(data, field.id) is None:
            continue
        if any(_exact_count(data, p) is not None for p in field.parts):
            kinds += [
                ("parts-over", field.id),
                ("total-above-parts", field.id),
                ("total-below-parts", field.id),
            ]
        if field.subset_of is not None and _exact_count(data, field.subset_of) is not None:
            kinds.append(("subset-over", field.id))
    for indicator in catalog.indicators.values():
        if not isinstance(indicator, RateIndicator):
            continue
        num, den = indicator.numerator.single_field, indicator.denominator.single_field
        if indicator.kind == "share" and num is not None and den is not None and num != den:
            if _exact_count(data, num) is not None and _exact_count(data, den):
                kinds.append(("share-over", indicator.id))
            kinds.append(("share-above-100", indicator.id))
        if indicator.id in data.stated and all(
            _exact_count(data, name) is not None for name in indicator.fields
        ):
            kinds.append(("misprinted", indicator.id))
    return kinds


@st.composite
def _slipped(draw: st.DrawFn, catalog: Catalog, data: CountyYear) -> CountyYear:
    """``data`` with one or two arithmetic slips, as often one the loader accepts as not."""
    possible = _slip_kinds(catalog, data)
    accepted = [k for k in possible if k[0] in _SLIPS_ACCEPTED]
    refused = [k for k in possible if k[0] in _SLIPS_REFUSED]
    if not possible:
        return data
    kinds = draw(st.sampled_from([group for group in (accepted, refused) if group]))
    values, stated = dict(data.values), dict(data.stated)
    for kind, name in draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=2, unique=True)):
        by = draw(st.integers(1, 20))
        exact = {k: v for k in data.values if (v := _exact_count(data, k)) is not None}
        field = catalog.fields.get(name)
        given = [p for p in field.parts if p in exact] if field is not None else []
        if kind == "parts-over":
            # One part grows until the parts add up to more than the total.
            part = draw(st.sampled_from(given))
            values[part] = Reported(
                value=exact[part] + exact[name] - sum(exact[p] for p in given) + by
            )
        elif kind == "total-above-parts":
            # A total printed above its parts: an omitted category or a misprint (a warning).
            values[name] = Reported(value=max(exact[name], sum(exact[p] for p in given)) + by)
        elif kind == "total-below-parts":
            values[name] = Reported(value=max(sum(exact[p] for p in given) - by, 0))
        elif kind == "subset-over":
            values[name] = Reported(value=exact[catalog.fields[name].subset_of or ""] + by)
        elif kind == "share-over":
            indicator = catalog.indicators[name]
            assert isinstance(indicator, RateIndicator)  # noqa: S101 - chosen as a rate above
            num, den = indicator.numerator.fields[0], indicator.denominator.fields[0]
            values[num] = Reported(value=exact[den] + by)
        elif kind == "share-above-100":
            stated[name] = parse_stated_rate(f"{100 + by}.{draw(st.integers(0, 9))}%")
        else:
            # Off by more than a unit of the last printed place, whichever the rounding.
            printed = stated[name]
            shift = Fraction(draw(st.sampled_from((by + 1, -by - 1))), 10 ** (printed.places + 2))
            if printed.value + shift < 0:
                shift = -shift
            stated[name] = _printed(printed.value + shift, printed.places, "half_up")
    return attrs.evolve(data, values=values, stated=stated)
