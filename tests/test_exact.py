"""Exact arithmetic: parsing, rounding, intervals and targets, property-tested."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from fazhi_indicators.exact import (
    Interval,
    RateTarget,
    Rounding,
    Verdict,
    format_percent,
    parse_rate_target,
    parse_ratio,
    parse_stated_rate,
    round_percent,
)

counts = st.integers(min_value=0, max_value=10**6)
places = st.integers(min_value=0, max_value=3)
rates = st.builds(Fraction, counts, st.integers(min_value=1, max_value=10**6))
targets = st.builds(
    lambda n, op: parse_rate_target(f"{op} {n / 10}%"),
    st.integers(min_value=0, max_value=1000),
    st.sampled_from([">=", ">", "<=", "<", "=="]),
)


def _round_by_integers(value: Fraction, digits: int, *, half_up: bool) -> int:
    """Reference rounding of value*100*10^digits with only integer arithmetic."""
    scaled = value * 100 * 10**digits
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    return int(whole) + (1 if half_up and 2 * rest >= scaled.denominator else 0)


@given(rates, places)
def test_round_percent_matches_integer_reference(value: Fraction, digits: int) -> None:
    """Half-up and truncation agree with integer arithmetic for every rate."""
    modes: tuple[tuple[Rounding, bool], ...] = (("half_up", True), ("truncate", False))
    for mode, half_up in modes:
        expected = Decimal(_round_by_integers(value, digits, half_up=half_up)).scaleb(-digits)
        assert expected == round_percent(value, digits, mode)


def test_round_half_up_not_bankers() -> None:
    """0.125% at two places rounds up, as Chinese statistics do (not to even)."""
    assert "0.13%" == format_percent(Fraction(125, 100000), 2)
    assert "90.5%" == format_percent(Fraction(401, 443), 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("90%", Fraction(9, 10)),
        ("90.5%", Fraction(181, 200)),
        ("0.9", Fraction(9, 10)),
        ("9/10", Fraction(9, 10)),
        ("1", Fraction(1)),
        ("１００％", Fraction(1)),
    ],
)
def test_parse_ratio(text: str, expected: Fraction) -> None:
    """Thresholds in every written form parse to the same exact fraction."""
    assert expected == parse_ratio(text)


@pytest.mark.parametrize("text", ["abc", "90%%", "1/0", "", "-5%", "9/10%"])
def test_parse_ratio_rejects(text: str) -> None:
    """Malformed thresholds raise ValueError."""
    with pytest.raises(ValueError, match=r"is not|divides"):
        parse_ratio(text)


def test_target_at_boundary_cross_multiplied() -> None:
    """401/443 against 90.5% is decided exactly: 401*1000 > 905*443, so it is met."""
    assert 401 * 1000 > 905 * 443
    assert parse_rate_target(">= 90.5%").met_by(Fraction(401, 443))
    assert not parse_rate_target(">= 90.52%").met_by(Fraction(401, 443))
    assert parse_rate_target(">= 90.5%").met_by(Fraction(905, 1000))
    assert not parse_rate_target("> 90.5%").met_by(Fraction(905, 1000))


@given(st.integers(min_value=0, max_value=1000))
def test_rate_exactly_at_target(per_mille: int) -> None:
    """A rate exactly at the target is MET for >= and <=, NOT met for > and <."""
    t = Fraction(per_mille, 1000)
    value = t
    assert parse_rate_target(f">= {Decimal(per_mille) / 10}%").met_by(value)
    assert parse_rate_target(f"<= {Decimal(per_mille) / 10}%").met_by(value)
    assert not parse_rate_target(f"> {Decimal(per_mille) / 10}%").met_by(value)
    assert not parse_rate_target(f"< {Decimal(per_mille) / 10}%").met_by(value)


@given(rates, places)
def test_stated_interval_holds_exactly_what_prints_that_way(value: Fraction, digits: int) -> None:
    """The half-up interval of a printed rate contains a value iff it prints so."""
    printed = f"{round_percent(value, digits):f}%"
    stated = parse_stated_rate(printed)
    assert value in stated.interval("half_up")
    assert stated.matches(value, "half_up")
    truncated = parse_stated_rate(f"{round_percent(value, digits, 'truncate'):f}%")
    assert value in truncated.interval("truncate")
    assert value in truncated.interval()


@given(
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=0, max_value=6),
    st.sampled_from(["", "约", "近"]),
)
def test_unknown_rounding_is_the_hull_of_both(digits_written: int, shown: int, hedge: str) -> None:
    """A printed rate of unknown rounding: the hull of its half-up and truncated readings."""
    text = f"{Decimal(digits_written).scaleb(-shown):f}%"
    stated = parse_stated_rate(hedge + text)
    both = stated.interval("half_up").hull(stated.interval("truncate"))
    assert both == stated.interval()


@given(
    st.integers(min_value=0, max_value=10**12),
    st.integers(min_value=0, max_value=8),
    st.booleans(),
)
def test_a_printed_rate_is_its_decimal_over_100(
    digits_written: int, shown: int, wide: bool
) -> None:
    """The value and places read from the text are the written decimal's, exactly."""
    number = f"{Decimal(digits_written).scaleb(-shown):f}"
    text = number + "%"
    if wide:  # full-width digits and sign, as a Chinese report may print them
        text = text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789.%"})
    stated = parse_stated_rate(text)
    assert Fraction(Decimal(number)) / 100 == stated.value
    assert (len(number.partition(".")[2])) == stated.places


@given(rates, places, st.integers(min_value=1, max_value=50))
def test_audit_rejects_values_off_by_more_than_half_a_unit(
    value: Fraction, digits: int, units: int
) -> None:
    """A printed rate more than half a unit away is inconsistent under half-up."""
    printed = round_percent(value, digits)
    wrong = parse_stated_rate(f"{printed + Decimal(units).scaleb(-digits):f}%")
    assert not wrong.matches(value, "half_up")


def test_written_precision_is_kept() -> None:
    """64.10% has two decimals, so its interval is ten times narrower than 64.1%'s."""
    assert 2 == parse_stated_rate("64.10%").places
    wide = parse_stated_rate("64.1%").interval("half_up")
    narrow = parse_stated_rate("64.10%").interval("half_up")
    assert (wide.high - wide.low) == 10 * (narrow.high - narrow.low)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("约95%", Fraction(935, 1000), Fraction(97, 100)),
        ("近25%", Fraction(235, 1000), Fraction(26, 100)),
        ("90%多", Fraction(895, 1000), Fraction(92, 100)),
    ],
)
def test_qualifiers_widen(text: str, low: Fraction, high: Fraction) -> None:
    """约, 近 and 多 widen the printed interval by one unit in the hedged direction."""
    interval = parse_stated_rate(text).interval()
    assert (low, high) == (interval.low, interval.high)
    assert parse_stated_rate(text).approx is not None


@given(targets, rates, rates)
def test_interval_verdict_agrees_with_every_point(
    target: RateTarget, a: Fraction, b: Fraction
) -> None:
    """MET/NOT_MET on an interval means every point in it agrees; both ends checked."""
    low, high = min(a, b), max(a, b)
    assume(low < high)
    interval = Interval(low=low, high=high, low_closed=True, high_closed=True)
    verdict = target.judge(interval)
    middle = (low + high) / 2
    points = [low, high, middle]
    t = target.value
    if low <= t <= high:
        points.append(t)
    outcomes = {target.met_by(p) for p in points}
    if verdict == Verdict.MET:
        assert {True} == outcomes
    elif verdict == Verdict.NOT_MET:
        assert {False} == outcomes
    else:
        assert {True, False} == outcomes


def test_open_end_decides() -> None:
    """[94.5%, 95%) is entirely below 95%: NOT_MET, though its closure touches it."""
    interval = Interval(low=Fraction(945, 1000), high=Fraction(95, 100))
    assert Verdict.NOT_MET == parse_rate_target(">= 95%").judge(interval)
    assert Verdict.MET == parse_rate_target("< 95%").judge(interval)


def test_empty_interval_is_refused() -> None:
    """An interval whose ends cross cannot be built."""
    with pytest.raises(ValueError, match="empty"):
        Interval(low=Fraction(1), high=Fraction(0))
