"""Properties of the whole pipeline on generated county-years."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fazhi_indicators as fz
from fazhi_indicators.exact import parse_stated_rate, round_percent
from fazhi_indicators.strategies import county_years, share_inputs

SLOW = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _fraction(text: str) -> Fraction:
    return Fraction(text)


@SLOW
@given(county_years(year=2023))
def test_json_round_trip_keeps_exact_values(data: fz.CountyYear) -> None:
    """Every exact number in the JSON parses back to the scorecard's own value."""
    card = fz.score(data)
    document = json.loads(card.to_json())
    assert card.total == _fraction(document["total"])
    assert card.total_high == _fraction(document["total_high"])
    assert card.max_total == _fraction(document["max_total"])
    assert card.verdict.value == document["verdict"]
    for item in document["items"]:
        line = card.lines[item["indicator"]]
        assert line.status.value == item["status"]
        assert line.points == _fraction(item["points"])
        if isinstance(line.value.value, Fraction):
            assert line.value.value == _fraction(item["value"])
        if line.value.interval is not None:
            low, high = item["interval"]
            assert (line.value.interval.low, line.value.interval.high) == (
                _fraction(low),
                _fraction(high),
            )
        if line.gap is not None:
            assert {"field": line.gap.field, "change": line.gap.change} == item["gap"]


@SLOW
@given(county_years(year=2023))
def test_audit_accepts_rates_printed_from_true_counts(data: fz.CountyYear) -> None:
    """A rate printed by correct rounding of the true counts is never called inconsistent."""
    catalog = fz.default_catalog()
    entries = fz.audit(catalog, data, fz.compute(catalog, data))
    assert [] == [e for e in entries if e.status == "inconsistent"]


@given(
    share_inputs(max_denominator=5000),
    st.integers(0, 2),
    st.integers(1, 30),
    st.sampled_from([1, -1]),
)
def test_audit_rejects_rates_off_by_more_than_half_a_unit(
    pair: tuple[int, int], places: int, units: int, sign: int
) -> None:
    """Moving the printed rate one or more units away from the truth is caught."""
    passed, candidates = pair
    truth = Fraction(passed, candidates)
    printed = round_percent(truth, places) + sign * Decimal(units).scaleb(-places)
    if printed < 0:
        printed = round_percent(truth, places) + Decimal(units).scaleb(-places)
    data = fz.CountyYear(
        county="测试县",
        year=2023,
        values={
            "enforcement.exam_participants": fz.Reported(value=candidates),
            "enforcement.exam_passed": fz.Reported(value=passed),
        },
        stated={"enforcement.exam_pass_rate": parse_stated_rate(f"{printed:f}%")},
    )
    catalog = fz.default_catalog()
    (entry,) = [
        e
        for e in fz.audit(catalog, data, fz.compute(catalog, data))
        if e.subject == "enforcement.exam_pass_rate"
    ]
    if truth in parse_stated_rate(f"{printed:f}%").interval("truncate"):
        assert "consistent" == entry.status  # truncation explains it
    else:
        assert "inconsistent" == entry.status


@SLOW
@given(county_years(year=2023, missing=False, stated=False), st.integers(1, 50))
def test_more_passes_never_lower_the_score(data: fz.CountyYear, extra: int) -> None:
    """Raising a higher-is-better numerator (within its total) never lowers the total."""
    participants = data.values["enforcement.exam_participants"].value
    passed = data.values["enforcement.exam_passed"].value
    assert isinstance(participants, int)
    assert isinstance(passed, int)
    better = min(passed + extra, participants)
    values = dict(data.values)
    values["enforcement.exam_passed"] = fz.Reported(value=better)
    improved = attrs.evolve(data, values=values)
    assert fz.score(data).total <= fz.score(improved).total


@SLOW
@given(county_years(year=2023, missing=False, stated=False), st.integers(1, 50))
def test_fewer_losses_never_lower_the_score(data: fz.CountyYear, fewer: int) -> None:
    """Lowering a lower-is-better numerator never lowers the total."""
    lost = data.values["admin_litigation.cases_lost"].value
    assert isinstance(lost, int)
    values = dict(data.values)
    values["admin_litigation.cases_lost"] = fz.Reported(value=max(lost - fewer, 0))
    improved = attrs.evolve(data, values=values)
    assert fz.score(data).total <= fz.score(improved).total
