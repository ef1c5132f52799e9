"""Whatever the loader accepts scores without an internal error, and says what it found."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import fazhi_indicators as fz
from fazhi_indicators.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
COUNTS = [f.id for f in fz.default_catalog().fields.values() if f.type == "count"]


@pytest.mark.parametrize("command", ["check", "score"])
def test_parts_short_of_a_sum_field_are_a_warning(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """纠错 printed as 3 with outcomes adding to 2: exit 0 and a warning naming the shortfall.

    The bounds of the two figures used to cross and end in an internal error (exit 3).
    """
    assert 0 == main([command, str(FIXTURES / "corrections-short.yaml"), "--lang", "en"])
    out = capsys.readouterr().out
    assert "admin_review.corrected [warning] parts 1 + 1 + 0 + 0 + 0 = 2 ≠ 3 (short by 1)" in out


def test_reported_figures_are_kept_when_they_contradict() -> None:
    """The rate uses the figure as printed; the audit, not the arithmetic, flags the slip."""
    data = fz.load_county_year(FIXTURES / "corrections-short.yaml")
    card = fz.score(data)
    assert 3 == card.values["admin_review.correction_rate"].numerator
    assert ["warning"] == [e.status for e in card.audit if e.subject == "admin_review.corrected"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(COUNTS), st.integers(0, 12), min_size=1))
def test_anything_the_loader_accepts_scores_and_renders(values: dict[str, int]) -> None:
    """Counts drawn independently (parts need not add up) load or fail located; never crash."""
    text = yaml.safe_dump({"county": "测试县", "year": 2023, "values": values}, allow_unicode=True)
    try:
        data = fz.parse_county_year(text)
    except fz.InputError as exc:
        unlocated = [p for p in exc.problems if p.line is None]
        assert [] == unlocated
        return
    card = fz.score(data)
    assert card.total <= card.total_high <= card.max_total
    assert json.loads(card.to_json())["county"] == "测试县"
    assert card.to_text("zh")


def test_a_stated_rate_certainly_short_of_its_target_earns_nothing() -> None:
    """A printed 99% against ``== 100%`` is NOT_MET, and its points are 0–0, not 0–10.

    The open upper end of 99%'s interval (100%) used to be scored as if reached.
    """
    catalog = fz.default_catalog()
    text = "county: 测试县\nyear: 2023\nstated:\n  enforcement.certification_rate: 99%\n"
    card = fz.score(fz.parse_county_year(text, catalog))
    line = card.lines["enforcement.certification_rate"]
    assert "== 100%" == line.target.text
    assert (fz.Verdict.NOT_MET, Fraction(0), Fraction(0)) == (
        line.status,
        line.points,
        line.points_high,
    )


@settings(max_examples=200, deadline=None)
@example(949, 1, ">= 95%", "all_or_nothing")  # [94.85%, 95%): the open end is the target
@example(99, 0, "== 100%", "all_or_nothing")
@given(
    st.integers(0, 1000),
    st.integers(0, 1),
    st.sampled_from([">= 95%", "== 100%", "<= 15%", "> 90%", "< 5%"]),
    st.sampled_from(["all_or_nothing", "linear", "deduct"]),
)
def test_points_of_a_stated_rate_bound_every_rate_it_may_stand_for(
    per_mille: int, places: int, target_text: str, rule_kind: str
) -> None:
    """For every rate a printed figure may stand for, its points lie in the card's range."""
    from decimal import Decimal

    from fazhi_indicators.exact import parse_rate_target, parse_stated_rate
    from fazhi_indicators.points import points_for, points_range
    from fazhi_indicators.scoring import _judge

    target = parse_rate_target(target_text)
    rule: fz.Rule = fz.AllOrNothing()
    if rule_kind == "linear":
        floor = Fraction(1, 2) if target.higher_is_better else Fraction(1)
        rule = fz.Linear(floor=floor if floor != target.value else Fraction(0))
    elif rule_kind == "deduct":
        rule = fz.Deduct(per_point=Fraction(1))
    item = fz.Item(
        indicator="enforcement.exam_pass_rate",
        target=target,
        points=Fraction(10),
        rule=rule,
        source=fz.Source(basis="assumption"),
    )
    stated = parse_stated_rate(f"{Decimal(per_mille).scaleb(-places):f}%")
    interval = stated.interval()
    value = fz.IndicatorValue(
        indicator=item.indicator, status="available", interval=interval, source="stated"
    )
    status = _judge(item, value)
    low, high = points_range(item, status, interval)
    probes = [interval.low, interval.high, (interval.low + interval.high) / 2]
    for probe in probes:
        if probe in interval:
            assert low <= points_for(item, probe) <= high
    if status == fz.Verdict.NOT_MET and rule_kind == "all_or_nothing":
        assert (Fraction(0), Fraction(0)) == (
            low,
            high,
        )  # tight: no rate the figure may stand for earns a point
