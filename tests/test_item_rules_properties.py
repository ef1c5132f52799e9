"""Properties of the rules of published points tables, checked end to end through ``score``.

Every rule is monotone in the right direction, never below 0, never above the item's
points; a hedged figure scores as a range holding the points of every value it may
stand for (a verdict is only as certain as its data).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_indicators as fz
from fazhi_indicators.county import approx_range
from fazhi_indicators.definitions import Check
from fazhi_indicators.exact import parse_target

CATALOG = fz.default_catalog()
HENAN = CATALOG.profile("henan-demonstration-county")
SOURCE = fz.Source(basis="assumption", note="generated for a property")
NAME = fz.Text(zh="测试项", en="test item")
TRUE = fz.FlagTarget(text="true", value=True)
COUNT = "admin_review.revoked"
PER = "admin_litigation.cases_heard"
HEADS = "admin_litigation.head_appeared"
QUICK = settings(max_examples=40, deadline=None)

points = st.fractions(min_value=0, max_value=20, max_denominator=10)
per = st.fractions(min_value=Fraction(1, 10), max_value=5, max_denominator=10)
caps = st.none() | st.fractions(min_value=Fraction(1, 10), max_value=20, max_denominator=10)
counts = st.integers(min_value=0, max_value=60)
hedges = st.sampled_from(["约", "近", "余", "多"])


def own_item(check: Check, value: Fraction, rule: fz.Rule) -> fz.Item:
    return fz.Item(
        id="test.item",
        indicator="test.item",
        name=NAME,
        target=TRUE,
        points=value,
        rule=rule,
        source=SOURCE,
        check=check,
    )


def line_of(item: fz.Item, values: dict[str, object], **extra: object) -> fz.Line:
    area = fz.Area(id="test", name=fz.Text(zh="测试", en="test"), items=(item,))
    data = fz.county_year("测试县", 2023, values=values)
    if extra:
        data = attrs.evolve(data, **extra)  # type: ignore[arg-type]
    return fz.score(data, attrs.evolve(HENAN, areas=(area,))).lines[item.id]


def within(line: fz.Line, item: fz.Item) -> None:
    assert 0 <= line.points <= line.points_high <= item.points


@st.composite
def event_items(draw: st.DrawFn) -> fz.Item:
    most = draw(st.integers(min_value=0, max_value=5))
    check = fz.CountCheck(
        kind="zero_count" if most == 0 else "max_count", field=COUNT, at_most=most
    )
    rule = draw(st.just(fz.AllOrNothing()) | st.builds(fz.PerEvent, per=per, cap=caps))
    return own_item(check, draw(points), rule)


@st.composite
def minimum_items(draw: st.DrawFn) -> fz.Item:
    if draw(st.booleans()):
        least: int | fz.CountSteps = draw(st.integers(min_value=0, max_value=12))
    else:
        ups = sorted(draw(st.sets(st.integers(min_value=0, max_value=30), min_size=1, max_size=3)))
        mins = sorted(draw(st.lists(counts, min_size=len(ups) + 1, max_size=len(ups) + 1)))
        steps = (*zip(ups, mins, strict=False), (None, mins[-1]))
        least = fz.CountSteps(per=PER, steps=tuple(steps))
    check = fz.CountCheck(kind="min_count", field=HEADS, at_least=least)
    rule = draw(st.just(fz.AllOrNothing()) | st.builds(fz.PerShortfall, per=per, cap=caps))
    return own_item(check, draw(points), rule)


@QUICK
@given(event_items(), counts, counts)
def test_events_monotone_floored_bounded(item: fz.Item, a: int, b: int) -> None:
    """More events never earn more; points stay between 0 and the item's."""
    low, high = sorted((a, b))
    fewer, more = line_of(item, {COUNT: low}), line_of(item, {COUNT: high})
    within(fewer, item)
    within(more, item)
    assert more.points <= fewer.points


@QUICK
@given(minimum_items(), counts, counts, st.integers(min_value=1, max_value=40))
def test_minimums_monotone_floored_bounded(item: fz.Item, a: int, b: int, heard: int) -> None:
    """More sessions (or heads in court) never earn less."""
    low, high = sorted((a, b))
    fewer = line_of(item, {HEADS: low, PER: max(heard, low)})
    more = line_of(item, {HEADS: high, PER: max(heard, high)})
    within(fewer, item)
    within(more, item)
    if max(heard, low) == max(heard, high):  # the same minimum applies to both
        assert more.points >= fewer.points


@QUICK
@given(event_items(), st.integers(min_value=1, max_value=60), hedges)
def test_hedged_events_hold_every_completion(item: fz.Item, value: int, hedge: str) -> None:
    """A hedged count scores as a range that holds the points of every count it stands for."""
    hedged = line_of(item, {COUNT: {"value": value, "approx": hedge}})
    within(hedged, item)
    low, high = approx_range(value, hedge)
    seen = set()
    for exact in range(low, high + 1):
        line = line_of(item, {COUNT: exact})
        assert hedged.points <= line.points <= line.points_high <= hedged.points_high
        seen.add(line.status)
    if hedged.status != fz.Verdict.UNDETERMINED:
        assert seen == {hedged.status}


@QUICK
@given(minimum_items(), counts, st.integers(min_value=6, max_value=40), hedges)
def test_hedged_cases_hold_every_completion(
    item: fz.Item, heads: int, heard: int, hedge: str
) -> None:
    """A minimum read from a hedged count of cases holds every completion's points."""
    low, high = approx_range(heard, hedge)
    heads = min(heads, low)  # heads in court are some of the cases heard
    hedged = line_of(item, {HEADS: heads, PER: {"value": heard, "approx": hedge}})
    statuses = set()
    for exact in range(max(low, heads), high + 1):
        line = line_of(item, {HEADS: heads, PER: exact})
        assert hedged.points <= line.points <= hedged.points_high
        statuses.add(line.status)
    if hedged.status != fz.Verdict.UNDETERMINED:
        assert statuses <= {hedged.status}


@st.composite
def step_items(draw: st.DrawFn) -> fz.Item:
    target = draw(st.integers(min_value=50, max_value=100))
    every = draw(st.sampled_from([Fraction(1, 100), Fraction(5, 100), Fraction(1, 10)]))
    rule = fz.PerStep(every=every, per=draw(per), cap=draw(caps), started=draw(st.booleans()))
    return fz.Item(
        indicator="admin_review.closure_rate",
        target=parse_target(f">= {target}%"),
        points=draw(points),
        rule=rule,
        source=SOURCE,
    )


def review(closed: int, accepted: int) -> dict[str, object]:
    return {"admin_review.accepted": accepted, "admin_review.closed": closed}


@QUICK
@given(
    step_items(), st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=200)
)
def test_steps_monotone_floored_bounded(item: fz.Item, a: int, b: int) -> None:
    """A higher closure rate never earns less under a step rule."""
    low, high = sorted((a, b))
    worse, better = line_of(item, review(low, 200)), line_of(item, review(high, 200))
    within(worse, item)
    within(better, item)
    assert better.points >= worse.points


@QUICK
@given(step_items(), st.integers(min_value=300, max_value=999))
def test_printed_rate_holds_every_rate_it_stands_for(item: fz.Item, tenths: int) -> None:
    """ "83.4%" printed stands for [83.35%, 83.5%): every rate there scores inside the range."""
    printed = f"{tenths // 10}.{tenths % 10}%"
    area = fz.Area(id="test", name=fz.Text(zh="测试", en="test"), items=(item,))
    profile = attrs.evolve(HENAN, areas=(area,))
    data = fz.county_year("测试县", 2023, stated={"admin_review.closure_rate": printed})
    stated = fz.score(data, profile).lines[item.id]
    within(stated, item)
    for closed in range(tenths * 10 - 5, tenths * 10 + 10):  # [x.x5 below, x.x9 above], of 10000
        exact = fz.score(fz.county_year("测试县", 2023, values=review(closed, 10000)), profile)
        assert stated.points <= exact.lines[item.id].points <= stated.points_high


@QUICK
@given(
    st.lists(
        st.tuples(st.booleans(), st.fractions(0, 5, max_denominator=10)), min_size=1, max_size=4
    ),
    points,
)
def test_partial_floored_and_bounded(shares: list[tuple[bool, Fraction]], total: Fraction) -> None:
    """Whatever the shares add up to, a partial item keeps between 0 and its points, and
    loses no more than the shares of its failed requirements."""
    fields = ["events.serious_violation_incident", "events.major_mass_incident"]
    requirements = tuple(
        attrs.evolve(
            own_item(fz.YesNo(field=fields[i % 2], want=False), share, fz.AllOrNothing()),
            id=f"r{i}",
        )
        for i, (_, share) in enumerate(shares)
    )
    item = attrs.evolve(
        own_item(fz.YesNo(field=fields[0]), total, fz.Partial(requirements=requirements)),
        check=None,
    )
    happened: dict[str, object] = {
        fields[0]: shares[0][0],
        fields[1]: len(shares) > 1 and shares[1][0],
    }
    line = line_of(item, happened)
    within(line, item)
    lost = sum(
        (s for i, (_, s) in enumerate(shares) if happened[fields[i % 2]] is True), Fraction(0)
    )
    assert line.points == max(total - lost, Fraction(0))


@QUICK
@given(st.integers(min_value=1, max_value=90), st.integers(min_value=0, max_value=120), hedges)
def test_trend_on_hedged_counts_holds_every_completion(now: int, before: int, hedge: str) -> None:
    check = fz.Trend(kind="trend_up", subject="legal_aid.cases_total")
    item = own_item(check, Fraction(2), fz.AllOrNothing())
    earlier = fz.EarlierYear(year=2022, values={"legal_aid.cases_total": fz.Reported(value=before)})
    hedged = line_of(
        item,
        {"legal_aid.cases_total": {"value": now, "approx": hedge}},
        previous={2022: earlier},
    )
    low, high = approx_range(now, hedge)
    statuses = set()
    for exact in range(low, high + 1):
        line = line_of(item, {"legal_aid.cases_total": exact}, previous={2022: earlier})
        assert line.status == (fz.Verdict.MET if exact > before else fz.Verdict.NOT_MET)
        assert hedged.points <= line.points <= hedged.points_high
        statuses.add(line.status)
    if hedged.status != fz.Verdict.UNDETERMINED:
        assert statuses == {hedged.status}
    else:
        assert statuses == {fz.Verdict.MET, fz.Verdict.NOT_MET}


def test_manual_open_range_holds_every_score() -> None:
    """An item a person has not scored spans 0 to its points: every score lands inside."""
    item = own_item(fz.Manual(), Fraction(5), fz.AllOrNothing())
    open_line = line_of(item, {})
    for given_points in (Fraction(0), Fraction(5, 2), Fraction(5)):
        entered = fz.ManualScore(points=given_points, by="张三", on=dt.date(2024, 3, 10))
        line = line_of(item, {}, manual={"test.item": entered})
        assert open_line.points <= line.points == given_points <= open_line.points_high
