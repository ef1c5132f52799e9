"""Scoring rules, gaps and readiness, property-tested on exact values."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import fazhi_indicators as fz
from fazhi_indicators.compute import IndicatorValue
from fazhi_indicators.exact import parse_rate_target, parse_target
from fazhi_indicators.points import points_for
from fazhi_indicators.scoring import minimal_gap

per_mille = st.integers(min_value=1, max_value=999)


def _item(target: str, rule: fz.Rule | None = None, points: int = 10) -> fz.Item:
    return fz.Item(
        indicator="enforcement.exam_pass_rate",
        target=parse_rate_target(target),
        points=Fraction(points),
        rule=rule or fz.AllOrNothing(),
        source=fz.Source(basis="assumption"),
    )


RULES: list[fz.Rule] = [
    fz.AllOrNothing(),
    fz.Linear(floor=Fraction(1, 2)),
    fz.Deduct(per_point=Fraction(1)),
    fz.Bands(
        bands=(
            (parse_rate_target(">= 90%"), Fraction(5)),
            (parse_rate_target(">= 80%"), Fraction(2)),
        ),
    ),
]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.kind)
@given(
    st.builds(Fraction, st.integers(0, 1000), st.just(1000)),
    st.builds(Fraction, st.integers(0, 1000), st.just(1000)),
)
def test_points_monotone_in_better_direction(rule: fz.Rule, a: Fraction, b: Fraction) -> None:
    """A higher rate never earns fewer points against a >= target."""
    item = _item(">= 95%", rule)
    low, high = min(a, b), max(a, b)
    assert points_for(item, low) <= points_for(item, high)
    assert Fraction(0) <= points_for(item, low) <= item.points


@given(st.builds(Fraction, st.integers(0, 1000), st.just(1000)))
def test_points_monotone_for_lower_is_better(value: Fraction) -> None:
    """Against a <= target, a lower rate never earns fewer points."""
    item = _item("<= 15%", fz.Deduct(per_point=Fraction(1)))
    assert points_for(item, value) <= points_for(item, value * Fraction(9, 10))


def test_linear_and_deduct_values() -> None:
    """Linear 80%→95% gives 2/3 of the points at 90%; deduct takes 1 per point short."""
    linear = _item(">= 95%", fz.Linear(floor=Fraction(8, 10)))
    assert Fraction(20, 3) == points_for(linear, Fraction(9, 10))
    assert Fraction(0) == points_for(linear, Fraction(7, 10))
    deduct = _item("<= 15%", fz.Deduct(per_point=Fraction(1)), points=8)
    assert Fraction(11, 2) == points_for(deduct, Fraction(175, 1000))
    assert Fraction(0) == points_for(deduct, Fraction(1, 2))


@given(
    st.integers(min_value=1, max_value=5000),
    st.data(),
    per_mille,
    st.sampled_from([">=", ">", "<=", "<"]),
)
def test_gap_is_minimal_and_sufficient(d: int, data: st.DataObject, t: int, op: str) -> None:
    """The gap meets the target with the denominator fixed; one case less would not."""
    n = data.draw(st.integers(min_value=0, max_value=d))
    target = parse_rate_target(f"{op} {Decimal(t) / 10}%")
    value = IndicatorValue(
        indicator="enforcement.exam_pass_rate",
        status="available",
        value=Fraction(n, d),
        numerator=n,
        denominator=d,
    )
    indicator = fz.default_catalog().indicators["enforcement.exam_pass_rate"]
    gap = minimal_gap(indicator, value, target)
    if target.met_by(Fraction(n, d)):
        assert gap is None
        return
    if gap is None:
        # Unreachable within a share: even 0 or all cases do not meet it.
        best = Fraction(d if target.higher_is_better else 0, d)
        assert not target.met_by(best)
        return
    assert "enforcement.exam_passed" == gap.field
    assert target.met_by(Fraction(n + gap.change, d))
    step = 1 if gap.change > 0 else -1
    assert not target.met_by(Fraction(n + gap.change - step, d))
    assert 0 <= n + gap.change <= d


def test_interval_scores_as_range(shenqiu: fz.CountyYear) -> None:
    """A stated-only rate against == 100% is UNDETERMINED and scores 0 to full."""
    profile = fz.default_catalog().profile("henan-demonstration-county")
    area = profile.areas[2]
    changed = attrs.evolve(
        area.items[0], target=parse_rate_target("== 100%"), rule=fz.AllOrNothing()
    )
    strict = attrs.evolve(
        profile,
        areas=(
            *profile.areas[:2],
            attrs.evolve(area, items=(changed, *area.items[1:])),
            *profile.areas[3:],
        ),
    )
    card = fz.score(shenqiu, strict)
    line = card.lines["admin_litigation.head_appearance_rate"]
    assert fz.Verdict.UNDETERMINED == line.status
    assert (Fraction(0), Fraction(10)) == (line.points, line.points_high)
    assert card.total_high - card.total == Fraction(10)


def _complete_county(**overrides: int) -> fz.CountyYear:
    values = {
        "major_decisions.made": 10,
        "major_decisions.legality_reviewed": 10,
        "normative_documents.issued": 5,
        "normative_documents.legality_reviewed": 5,
        "normative_documents.filed": 5,
        "normative_documents.filed_on_time": 5,
        "enforcement.officers_on_duty": 100,
        "enforcement.officers_certified": 100,
        "enforcement.exam_participants": 100,
        "enforcement.exam_passed": 96,
        "admin_litigation.cases_heard": 20,
        "admin_litigation.head_appeared": 20,
        "admin_litigation.cases_concluded": 20,
        "admin_litigation.cases_lost": 2,
        "admin_litigation.cases_received": 25,
        "admin_review.accepted": 30,
        "admin_review.closed": 29,
        "mediation.disputes_received": 100,
        "mediation.disputes_resolved": 97,
        "legal_aid.applications_decided": 40,
        "legal_aid.decided_within_limit": 40,
        "gov_services.items_total": 100,
        "gov_services.items_instant": 85,
        "legal_advisers.units_total": 30,
        "legal_advisers.units_with_adviser": 30,
    } | overrides
    reported: dict[str, fz.Reported] = {k: fz.Reported(value=v) for k, v in values.items()}
    reported["leadership.annual_report_published_on"] = fz.Reported(value=dt.date(2024, 3, 28))
    reported["events.serious_violation_incident"] = fz.Reported(value=False)
    reported["events.major_mass_incident"] = fz.Reported(value=False)
    return fz.CountyYear(county="模范县", year=2023, values=reported)


def test_complete_good_county_is_ready() -> None:
    """A county meeting every target, with every event reported, is READY and 优秀."""
    card = fz.score(_complete_county())
    assert [] == [r.code for r in card.reasons]
    assert fz.Readiness.READY == card.verdict
    assert card.max_total == card.total
    assert card.grade is not None
    assert "优秀" == card.grade.name.zh


def test_mandatory_failure_blocks() -> None:
    """One unreviewed major decision makes the county NOT_READY whatever its total."""
    card = fz.score(_complete_county(**{"major_decisions.legality_reviewed": 9}))
    assert fz.Readiness.NOT_READY == card.verdict
    assert ["mandatory-not-met"] == [r.code for r in card.reasons]
    gap = card.lines["major_decisions.legality_review_rate"].gap
    assert gap == fz.Gap(field="major_decisions.legality_reviewed", change=1)


def test_veto_blocks() -> None:
    """A triggered veto makes the county NOT_READY."""
    data = _complete_county()
    values = dict(data.values)
    values["events.major_mass_incident"] = fz.Reported(value=True)
    card = fz.score(attrs.evolve(data, values=values))
    assert fz.Readiness.NOT_READY == card.verdict
    assert ["veto"] == [r.code for r in card.reasons]


def test_zero_denominator_is_not_applicable() -> None:
    """No cases heard: the appearance rate is N/A, left out of the maximum, not 0 or 100%."""
    card = fz.score(
        _complete_county(**{"admin_litigation.cases_heard": 0, "admin_litigation.head_appeared": 0})
    )
    line = card.lines["admin_litigation.head_appearance_rate"]
    assert fz.Verdict.NOT_APPLICABLE == line.status
    assert line.value.value is None
    assert Fraction(0) == line.max_points
    assert Fraction(90) == card.max_total
    assert fz.Readiness.READY == card.verdict


def test_zero_count_is_real_zero() -> None:
    """0 losses out of 20 is a real 0%, which meets <= 15%."""
    card = fz.score(_complete_county(**{"admin_litigation.cases_lost": 0}))
    line = card.lines["admin_litigation.loss_rate"]
    assert Fraction(0) == line.value.value
    assert fz.Verdict.MET == line.status


def test_profile_outside_effective_years(shenqiu: fz.CountyYear) -> None:
    """Scoring 2030 data with a 2021-2025 profile is refused with a clear error."""
    with pytest.raises(fz.ProfileNotApplicableError, match="2021-2025"):
        fz.score(attrs.evolve(shenqiu, year=2030))


def test_unknown_profile_suggests(shenqiu: fz.CountyYear) -> None:
    """A misspelt profile id is answered with the right one."""
    with pytest.raises(fz.UnknownIdError, match="henan-demonstration-county"):
        fz.score(shenqiu, "henan-demonstration")


def _value(n: int | None, d: int | None) -> IndicatorValue:
    exact = Fraction(n, d) if n is not None and d else None
    return IndicatorValue(
        indicator="x", status="available", value=exact, numerator=n, denominator=d
    )


def _indicator(numerator: str, kind: fz.definitions.RateKind = "share") -> fz.RateIndicator:
    from fazhi_indicators._load.catalog import parse_expression

    expression = parse_expression(numerator, "demo")
    denominator = parse_expression("total", "demo")
    assert expression is not None
    assert denominator is not None
    return fz.RateIndicator(
        id="demo.rate",
        name=fz.Text(zh="率", en="rate"),
        kind=kind,
        direction="higher",
        numerator=expression,
        denominator=denominator,
    )


def test_gap_needs_exact_counts() -> None:
    """No gap without exact counts, without a denominator, or for a yes/no target."""
    indicator = _indicator("part")
    target = parse_rate_target(">= 90%")
    assert minimal_gap(indicator, _value(None, 10), target) is None
    assert minimal_gap(indicator, _value(1, 0), target) is None
    assert minimal_gap(indicator, _value(1, 10), parse_target("true")) is None
    assert fz.Gap(field="demo.part", change=8) == minimal_gap(indicator, _value(1, 10), target)


def test_gap_on_subtracted_field_goes_the_other_way() -> None:
    """For (all - refused) / total, meeting >= 90% means fewer refusals."""
    indicator = _indicator("all - refused")
    assert fz.Gap(field="demo.all", change=8) == minimal_gap(
        indicator, _value(1, 10), parse_rate_target(">= 90%")
    )
    reversed_terms = _indicator("- refused + all")
    assert fz.Gap(field="demo.refused", change=-8) == minimal_gap(
        reversed_terms, _value(1, 10), parse_rate_target(">= 90%")
    )


def test_gap_beyond_the_denominator_only_for_clearance() -> None:
    """Closing 120% of 50 cases needs 60 closed: possible for a clearance rate, not a share."""
    target = parse_rate_target(">= 120%")
    assert fz.Gap(field="demo.part", change=10) == minimal_gap(
        _indicator("part", kind="clearance"), _value(50, 50), target
    )
    assert minimal_gap(_indicator("part"), _value(50, 50), target) is None


def test_unreachable_targets_have_no_gap() -> None:
    """Below 0% or exactly a rate the denominator cannot express: no gap."""
    indicator = _indicator("part")
    assert minimal_gap(indicator, _value(3, 10), parse_rate_target("< 0%")) is None
    assert minimal_gap(indicator, _value(3, 7), parse_rate_target("== 50%")) is None
    assert fz.Gap(field="demo.part", change=2) == minimal_gap(
        indicator, _value(3, 10), parse_rate_target("== 50%")
    )
    assert fz.Gap(field="demo.part", change=-2) == minimal_gap(
        indicator, _value(3, 10), parse_rate_target("< 15%")
    )
    assert fz.Gap(field="demo.part", change=1) == minimal_gap(
        indicator, _value(3, 10), parse_rate_target("> 30%")
    )


def _one_item_profile(item: fz.Item, **changes: Any) -> fz.Profile:
    base = fz.default_catalog().profile("henan-demonstration-county")
    area = fz.Area(id="only", name=fz.Text(zh="唯一", en="Only"), items=(item,))
    return attrs.evolve(base, areas=(area,), vetoes=(), **changes)


def test_not_applicable_can_be_awarded() -> None:
    """With not_applicable: award, a zero denominator earns the item's points."""
    data = _complete_county(
        **{"admin_litigation.cases_heard": 0, "admin_litigation.head_appeared": 0}
    )
    item = fz.Item(
        indicator="admin_litigation.head_appearance_rate",
        target=parse_rate_target(">= 95%"),
        points=Fraction(10),
        source=fz.Source(basis="assumption"),
    )
    awarded = fz.score(data, _one_item_profile(item, not_applicable="award"))
    line = awarded.lines["admin_litigation.head_appearance_rate"]
    assert (Fraction(10), Fraction(10)) == (line.points, line.max_points)
    excluded = fz.score(data, _one_item_profile(item))
    line = excluded.lines["admin_litigation.head_appearance_rate"]
    assert (Fraction(0), Fraction(0)) == (line.points, line.max_points)


def test_equality_target_inside_an_interval_can_score_full() -> None:
    """'About 100' closed of 100 accepted may be exactly 100%: 0 to full points."""
    values = dict(_complete_county().values)
    values["admin_review.closed"] = fz.Reported(value=100, approx="约")
    values["admin_review.accepted"] = fz.Reported(value=100)
    data = attrs.evolve(_complete_county(), values=values)
    item = fz.Item(
        indicator="admin_review.closure_rate",
        target=parse_rate_target("== 100%"),
        points=Fraction(8),
        source=fz.Source(basis="assumption"),
    )
    line = fz.score(data, _one_item_profile(item)).lines["admin_review.closure_rate"]
    assert fz.Verdict.UNDETERMINED == line.status
    assert (Fraction(0), Fraction(8)) == (line.points, line.points_high)


def test_linear_equality_target_scores_by_distance() -> None:
    """Against == 100% with floor 80%, both 90% and 110% are halfway."""
    item = _item("== 100%", fz.Linear(floor=Fraction(8, 10)))
    assert Fraction(5) == points_for(item, Fraction(9, 10))
    assert Fraction(5) == points_for(item, Fraction(11, 10))
    assert Fraction(10) == points_for(item, Fraction(1))


def test_triggered_veto_reason() -> None:
    """A triggered veto names itself in both languages and blocks."""
    data = _complete_county()
    values = dict(data.values)
    values["events.serious_violation_incident"] = fz.Reported(value=True)
    (reason,) = fz.score(attrs.evolve(data, values=values)).reasons
    assert ("veto", True) == (reason.code, reason.blocking)
    assert "veto triggered: Serious illegal act with grave impact" == reason.text
    assert "触发一票否决：严重违法行政行为造成恶劣影响" == reason.text_zh


def test_total_between_worst_and_best_is_undetermined(shenqiu: fz.CountyYear) -> None:
    """A pass line between the assured and the possible total leaves the verdict open."""
    item = fz.Item(
        indicator="admin_litigation.head_appearance_rate",
        target=parse_rate_target("== 100%"),
        points=Fraction(10),
        source=fz.Source(basis="assumption"),
    )
    profile = _one_item_profile(
        item, pass_line=fz.Setting(value=Fraction(50), source=fz.Source(basis="assumption"))
    )
    card = fz.score(shenqiu, profile)
    assert fz.Readiness.UNDETERMINED == card.verdict
    (reason,) = card.reasons
    assert "pass-line-undetermined" == reason.code
    assert not reason.blocking
    assert (
        "the score lies between 0 and 100 of 100; the pass line 50 may or may not be"
        " reached" == reason.text
    )
    assert "得分介于0与100分之间，是否达到合格线50分尚无法判定" == reason.text_zh


def test_mandatory_undetermined_reason(shenqiu: fz.CountyYear) -> None:
    """A mandatory item known only from a printed rate that straddles its target."""
    item = fz.Item(
        indicator="admin_litigation.head_appearance_rate",
        target=parse_rate_target("== 100%"),
        points=Fraction(10),
        mandatory=True,
        source=fz.Source(basis="law"),
    )
    card = fz.score(
        shenqiu,
        _one_item_profile(
            item, pass_line=fz.Setting(value=Fraction(0), source=fz.Source(basis="assumption"))
        ),
    )
    (reason,) = card.reasons
    assert ("mandatory-undetermined", False) == (reason.code, reason.blocking)
    assert (
        "mandatory item Agency-head court appearance rate"
        " (admin_litigation.head_appearance_rate) cannot be decided from the printed rate"
        " alone; report its counts" == reason.text
    )
    assert (
        "必达项“行政机关负责人出庭应诉率”仅凭报告所列比率无法判定；请填报其计数" == reason.text_zh
    )
    assert fz.Readiness.UNDETERMINED == card.verdict


def test_grades_follow_the_scaled_total() -> None:
    """Grades are read off the total out of 100 of the applicable maximum."""
    good = fz.score(_complete_county(**{"enforcement.exam_passed": 90}))
    assert good.grade is not None
    assert Fraction(100) > good.total * 100 / good.max_total >= Fraction(90)
    assert "优秀" == good.grade.name.zh


def test_rule_parameters_only_exist_on_their_rule() -> None:
    """A floor on an all-or-nothing rule, or bands without a band, cannot be built."""
    with pytest.raises(TypeError):
        fz.AllOrNothing(floor=Fraction(8, 10))  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        fz.Linear(per_point=Fraction(1))  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="bands"):
        fz.Bands(bands=())


def test_bands_give_the_first_band_met() -> None:
    """Bands: 5 points at >= 90%, 2 at >= 80%, else 0; never above the item's points."""
    bands = fz.Bands(
        bands=(
            (parse_rate_target(">= 90%"), Fraction(5)),
            (parse_rate_target(">= 80%"), Fraction(2)),
        ),
    )
    item = _item(">= 95%", bands)
    assert (Fraction(5), Fraction(2), Fraction(0)) == tuple(
        points_for(item, Fraction(v, 100)) for v in (92, 85, 70)
    )
    greedy = _item(
        ">= 95%", fz.Bands(bands=((parse_rate_target(">= 0%"), Fraction(50)),)), points=10
    )
    assert Fraction(10) == points_for(greedy, Fraction(1, 2))


def test_late_report_scores_zero() -> None:
    """A yes/no item that is not met earns nothing, whatever its rule."""
    item = fz.Item(
        indicator="leadership.annual_report_on_time",
        target=parse_target("true"),
        points=Fraction(3),
        rule=fz.Linear(floor=Fraction(0)),
        source=fz.Source(basis="official"),
    )
    assert Fraction(0) == points_for(item, value=False)
    assert Fraction(3) == points_for(item, value=True)


def test_gap_down_to_zero() -> None:
    """Against <= 5% of 10 cases, every loss must go: the gap is -n."""
    indicator = _indicator("part")
    assert fz.Gap(field="demo.part", change=-3) == minimal_gap(
        indicator, _value(3, 10), parse_rate_target("<= 5%")
    )


def test_mandatory_not_met_reason_text() -> None:
    """The blocking reason for a mandatory item names it, its id and its target."""
    card = fz.score(_complete_county(**{"enforcement.officers_certified": 99}))
    (reason,) = card.reasons
    assert ("mandatory-not-met", True) == (reason.code, reason.blocking)
    assert (
        "mandatory item Certified-officer rate (enforcement.certification_rate) is not met"
        " (target == 100%)" == reason.text
    )
    assert "必达项“持证上岗率”未达标（目标 100%）" == reason.text_zh


def test_pass_line_and_coverage_are_inclusive() -> None:
    """A total exactly at the pass line passes; coverage exactly at the minimum suffices."""
    data = _complete_county()
    item = fz.Item(
        indicator="mediation.success_rate",
        target=parse_rate_target(">= 95%"),
        points=Fraction(10),
        source=fz.Source(basis="assumption"),
    )
    missing = fz.Item(
        indicator="legal_aid.timely_decision_rate",
        target=parse_rate_target("== 100%"),
        points=Fraction(10),
        source=fz.Source(basis="assumption"),
    )
    values = {k: v for k, v in data.values.items() if not k.startswith("legal_aid")}
    profile = _one_item_profile(item)
    profile = attrs.evolve(
        profile,
        areas=(attrs.evolve(profile.areas[0], items=(item, missing)),),
        pass_line=fz.Setting(value=Fraction(50), source=fz.Source(basis="assumption")),
        min_coverage=fz.Setting(value=Fraction(1, 2), source=fz.Source(basis="assumption")),
    )
    card = fz.score(attrs.evolve(data, values=values), profile)
    assert (Fraction(10), Fraction(20), Fraction(1, 2)) == (
        card.total,
        card.max_total,
        card.coverage,
    )
    assert [] == list(card.reasons)
    assert fz.Readiness.READY == card.verdict


def test_last_effective_year_is_included(shenqiu: fz.CountyYear) -> None:
    """A 2021-2025 profile scores 2025 and refuses 2026, saying which years it covers."""
    assert 2025 == fz.score(attrs.evolve(shenqiu, year=2025)).year
    with pytest.raises(fz.ProfileNotApplicableError) as caught:
        fz.score(attrs.evolve(shenqiu, year=2026))
    error = caught.value
    assert ("henan-demonstration-county", 2026, 2021, 2025) == (
        error.profile_id,
        error.year,
        error.first,
        error.last,
    )


def test_empty_area_scores_zero(shenqiu: fz.CountyYear) -> None:
    """An area with no items has exact zero subtotals, in the JSON too."""
    base = fz.default_catalog().profile("henan-demonstration-county")
    empty = fz.Area(id="empty", name=fz.Text(zh="空", en="Empty"), items=())
    card = fz.score(shenqiu, attrs.evolve(base, areas=(*base.areas, empty)))
    (area,) = [a for a in card.areas if a.id == "empty"]
    assert (Fraction(0), Fraction(0)) == (area.points, area.max_points)
    assert {
        "id": "empty",
        "name": "Empty",
        "name_zh": "空",
        "points": "0",
        "max_points": "0",
    } in json.loads(card.to_json())["areas"]


def test_report_methods_pass_their_options(shenqiu: fz.CountyYear) -> None:
    """to_markdown and to_text honour the language and width asked for."""
    card = fz.score(shenqiu)
    assert "## Reasons" in card.to_markdown("en")
    assert "## 理由" in card.to_markdown("zh")
    narrow = card.to_text("en", width=60)
    assert max(len(line) for line in narrow.splitlines()) <= 60
    assert "Verdict: INSUFFICIENT DATA" in narrow
