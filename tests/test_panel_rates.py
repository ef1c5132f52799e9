"""Printed rates judged by columns: the verdict and points ``score()``'s own functions give."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_indicators as fz
from fazhi_indicators.definitions import AllOrNothing, Deduct, Linear
from fazhi_indicators.exact import Interval, RateTarget
from fazhi_indicators.panel_engine import (
    _intervals_by_columns,
    _intervals_one_by_one,
    interval_ends,
)
from fazhi_indicators.strategies import intervals, targets

SOURCE = fz.Source(basis="assumption", note="generated for a property")
#: Floors and deductions on the thousandths the intervals and targets are drawn on,
#: so that an end, a target and a floor often meet.
rules = st.one_of(
    st.just(AllOrNothing()),
    st.integers(0, 1000).map(lambda k: Linear(floor=Fraction(k, 1000))),
    st.fractions(min_value=Fraction(1, 10), max_value=5, max_denominator=10).map(
        lambda r: Deduct(per_point=r)
    ),
)
#: Points on a tenth, or with a numerator or denominator near or past 64 bits
#: (products of the pairs, or the points themselves, then need Python integers).
BIG = (3, 2**31 - 1, 2**62 - 1, 2**63 + 7, 2**64 + 3, 2**70 + 1)
points = st.one_of(
    st.fractions(min_value=0, max_value=20, max_denominator=10),
    st.integers(2**31, 2**66).flatmap(
        lambda d: st.integers(0, 20 * d).map(lambda n: Fraction(n, d))
    ),
    st.builds(Fraction, st.sampled_from((0, 1, *BIG)), st.sampled_from(BIG)).filter(
        lambda f: f <= 20
    ),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(intervals(), min_size=1, max_size=8), targets(), rules, points)
def test_columns_judge_intervals_as_points_range_does(
    found: list[Interval], target: RateTarget, rule: Linear | Deduct | AllOrNothing, most: Fraction
) -> None:
    """Status, assured and best points of every interval: integers agree with fractions."""
    item = fz.Item(indicator="test.rate", target=target, points=most, rule=rule, source=SOURCE)
    by_columns = _intervals_by_columns(item, target, interval_ends(found))
    one_by_one = _intervals_one_by_one(item, target, found)
    assert by_columns[0].tolist() == one_by_one[0].tolist()
    for (num, den), (num_1, den_1) in zip(by_columns[1:], one_by_one[1:], strict=True):
        assert [Fraction(a, b) for a, b in zip(num, den, strict=True)] == [
            Fraction(a, b) for a, b in zip(num_1, den_1, strict=True)
        ]


@given(rules, st.sampled_from((Fraction(2**70 + 1, 7), Fraction(5, 2**64 + 3))))
def test_points_past_64_bits_beside_intervals_that_miss(
    rule: Linear | Deduct | AllOrNothing, most: Fraction
) -> None:
    """No end of any interval meets: the points past 64 bits still stand beside the parts."""
    target = RateTarget(op=">=", value=Fraction(95, 100), text=">= 95%")
    found = [Interval(low=Fraction(90, 100), high=Fraction(91, 100))]
    item = fz.Item(indicator="test.rate", target=target, points=most, rule=rule, source=SOURCE)
    by_columns = _intervals_by_columns(item, target, interval_ends(found))
    one_by_one = _intervals_one_by_one(item, target, found)
    assert by_columns[0].tolist() == one_by_one[0].tolist()
    for (num, den), (num_1, den_1) in zip(by_columns[1:], one_by_one[1:], strict=True):
        assert [Fraction(int(a), int(b)) for a, b in zip(num, den, strict=True)] == [
            Fraction(int(a), int(b)) for a, b in zip(num_1, den_1, strict=True)
        ]
