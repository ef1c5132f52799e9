"""Profile items beyond rates, and the rules of published points tables.

Each rule is checked on a hand-worked example from a table quoted in the project's
reference notes on published rubrics (§4: the 开江, 2018 county, 行政执法责任制 and
黄岛 tables), then on the Shenqiu 2023 report scored with a test profile of every kind.
"""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from test_chinese_output import english_words

import fazhi_indicators as fz
from fazhi_indicators.definitions import Check
from fazhi_indicators.exact import parse_ratio, parse_target

FIXTURES = Path(__file__).parent / "fixtures" / "profiles-kinds"
CATALOG = fz.default_catalog()
HENAN = CATALOG.profile("henan-demonstration-county")
SOURCE = fz.Source(basis="official", title="a published table quoted in the reference notes")
TRUE = fz.FlagTarget(text="true", value=True)
NAME = fz.Text(zh="测试项", en="test item")


def own_item(
    item_id: str, check: Check | None, points: str, rule: fz.Rule | None = None, **keys: object
) -> fz.Item:
    """An item of its own (no catalogue indicator), as the loader builds it."""
    return fz.Item(
        id=item_id,
        indicator=item_id,
        name=NAME,
        target=keys.pop("target", TRUE),  # type: ignore[arg-type]
        points=Fraction(points),
        rule=rule or fz.AllOrNothing(),
        source=SOURCE,
        check=check,
        **keys,  # type: ignore[arg-type]
    )


def profile_of(*items: fz.Item) -> fz.Profile:
    """The Henan profile with one area holding just ``items``."""
    area = fz.Area(id="test", name=fz.Text(zh="测试", en="test"), items=items)
    return attrs.evolve(HENAN, areas=(area,))


def county(**values: object) -> fz.CountyYear:
    return fz.county_year("测试县", 2023, values=values)


def line_of(item: fz.Item, data: fz.CountyYear) -> fz.Line:
    return fz.score(data, profile_of(item)).lines[item.id]


#: The events counted.  The 2018 table counts documents not filed as required; any
#: count field does for the rule, and this one is stable in the shipped catalogue.
EVENTS = "admin_review.revoked"


def per_event_item(per: str, cap: str | None, points: str) -> fz.Item:
    check = fz.CountCheck(kind="zero_count", field=EVENTS, at_most=0)
    rule = fz.PerEvent(per=Fraction(per), cap=None if cap is None else Fraction(cap))
    return own_item("normative_documents.filed_on_time_each", check, points, rule)


# ---------------------------------------------------------------- per_event


@pytest.mark.parametrize(("late", "expected"), [(0, 4), (1, 3), (3, 1), (4, 0), (5, 0)])
def test_per_event_four_points_each_late_filing_one_off(late: int, expected: int) -> None:
    """§4.2 (2018 county table): 规范性文件及时报备 4 分，「未按要求办理每件扣1分，以4分为限」."""
    line = line_of(per_event_item("1", "4", "4"), county(**{EVENTS: late}))
    assert line.points == line.points_high == expected
    assert line.status == (fz.Verdict.MET if late == 0 else fz.Verdict.NOT_MET)


def test_per_event_cap_bounds_the_deduction_not_only_the_floor() -> None:
    """With a cap below the points, five late filings take off 4 (the cap), not 5."""
    data = county(**{EVENTS: 5})
    assert line_of(per_event_item("1", "4", "6"), data).points == 2
    assert line_of(per_event_item("1", None, "6"), data).points == 1


def test_per_event_on_shenqiu_revocations() -> None:
    """§4.5: 被复议撤销「发生1起扣2分」; Shenqiu 2023 reports 撤销2件: 6 − 2 × 2 = 2."""
    card = fz.score(fz.load_county_year(fz.example_path("shenqiu-2023")), kinds_profile())
    line = card.lines["admin_review.no_revocations"]
    assert (line.status, line.points, line.points_high) == (
        fz.Verdict.NOT_MET,
        Fraction(2),
        Fraction(2),
    )
    assert line.shown == fz.Text(zh="2件", en="2 cases")


def test_hedged_event_count_keeps_its_range() -> None:
    """约5 stands for 0–10 late filings: 0 to 4 points, UNDETERMINED; the verdict waits."""
    data = county(**{EVENTS: {"value": 5, "approx": "约"}})
    line = line_of(per_event_item("1", "4", "4"), data)
    assert (line.status, line.points, line.points_high) == (
        fz.Verdict.UNDETERMINED,
        Fraction(0),
        Fraction(4),
    )


# ---------------------------------------------------------------- per_shortfall


def sessions_item(least: int | fz.CountSteps, rule: fz.Rule, points: str) -> fz.Item:
    check = fz.CountCheck(kind="min_count", field="leadership.law_lectures", at_least=least)
    return own_item("leadership.study_sessions", check, points, rule)


@pytest.mark.parametrize(
    ("sessions", "expected"),
    [(6, "1.2"), (7, "1.2"), (5, "0.9"), (3, "0.3"), (2, "0"), (0, "0")],
)
def test_per_shortfall_each_missing_session_three_tenths(sessions: int, expected: str) -> None:
    """§4.1 (开江 4.1): 专题学法≥6次，「每少一次−0.3，累计扣分≤1.2」, worth 1.2 here."""
    rule = fz.PerShortfall(per=Fraction(3, 10), cap=Fraction(12, 10))
    line = line_of(
        sessions_item(6, rule, "1.2"),
        county(**{"leadership.law_lectures": sessions}),
    )
    assert line.points == Fraction(expected)


def test_per_shortfall_cap_below_the_points() -> None:
    """开江 4.1 as printed: 1.5 points, at most 1.2 off, so no sessions still keeps 0.3."""
    rule = fz.PerShortfall(per=Fraction(3, 10), cap=Fraction(12, 10))
    line = line_of(sessions_item(6, rule, "1.5"), county(**{"leadership.law_lectures": 0}))
    assert line.points == Fraction(3, 10)


# ---------------------------------------------------------------- min_count with steps

HUANGDAO = fz.CountSteps(per="admin_litigation.cases_heard", steps=((5, 1), (10, 2), (None, 3)))


def heads_item() -> fz.Item:
    check = fz.CountCheck(
        kind="min_count", field="admin_litigation.head_appeared", at_least=HUANGDAO
    )
    return own_item("admin_litigation.heads_in_court", check, "3")


@pytest.mark.parametrize(
    ("heard", "heads", "status"),
    [
        (4, 1, fz.Verdict.MET),  # ≤ 5 cases: at least 1
        (5, 0, fz.Verdict.NOT_MET),
        (7, 1, fz.Verdict.NOT_MET),  # 5–10 cases: at least 2
        (10, 2, fz.Verdict.MET),
        (11, 2, fz.Verdict.NOT_MET),  # more than 10: at least 3
        (12, 3, fz.Verdict.MET),
    ],
)
def test_minimum_that_depends_on_the_cases(heard: int, heads: int, status: fz.Verdict) -> None:
    """§4.7 (黄岛 2015): heads in court ≤5 cases → ≥1, 5–10 → ≥2, >10 → ≥3."""
    data = county(
        **{"admin_litigation.cases_heard": heard, "admin_litigation.head_appeared": heads}
    )
    line = line_of(heads_item(), data)
    assert line.status == status
    assert line.points == (3 if status == fz.Verdict.MET else 0)


def test_minimum_with_no_cases_does_not_apply() -> None:
    data = county(**{"admin_litigation.cases_heard": 0, "admin_litigation.head_appeared": 0})
    line = line_of(heads_item(), data)
    assert line.status == fz.Verdict.NOT_APPLICABLE
    assert line.max_points == 0


def test_hedged_cases_leave_the_minimum_open() -> None:
    """约10 cases is 5–15: the minimum is 1, 2 or 3, so 2 heads in court may or may not do."""
    data = county(
        **{
            "admin_litigation.cases_heard": {"value": 10, "approx": "约"},
            "admin_litigation.head_appeared": 2,
        }
    )
    line = line_of(heads_item(), data)
    assert (line.status, line.points, line.points_high) == (
        fz.Verdict.UNDETERMINED,
        Fraction(0),
        Fraction(3),
    )


def test_steps_give_the_minimum_of_each_range() -> None:
    assert [HUANGDAO.minimum(n) for n in (0, 5, 6, 10, 11, 500)] == [1, 1, 2, 2, 3, 3]
    assert HUANGDAO.minimum_range(3, 7) == (1, 2)
    assert HUANGDAO.minimum_range(11, 40) == (3, 3)
    assert HUANGDAO.minimum_range(5, 11) == (1, 3)


# ---------------------------------------------------------------- step


def step_item(every: str, per: str, *, started: bool = False, cap: str | None = None) -> fz.Item:
    rule = fz.PerStep(
        every=parse_ratio(every),
        per=Fraction(per),
        started=started,
        cap=None if cap is None else Fraction(cap),
    )
    return fz.Item(
        indicator="admin_review.closure_rate",
        target=parse_target(">= 90%"),
        points=Fraction(3),
        rule=rule,
        source=SOURCE,
    )


def review(closed: int, accepted: int = 100) -> fz.CountyYear:
    return county(**{"admin_review.accepted": accepted, "admin_review.closed": closed})


@pytest.mark.parametrize(
    ("closed", "whole", "begun"),
    [(95, 3, 3), (90, 3, 3), (85, 3, 2), (80, 2, 2), (75, 2, 1), (61, 1, 0), (50, 0, 0)],
)
def test_step_one_point_per_ten_points_below_ninety(closed: int, whole: int, begun: int) -> None:
    """§4.5 (行政执法责任制 第九条): 结案率「达到90%，低于此每10个百分点扣1分」, 3 points.

    85% is 5 points short: no whole step, 3 points; a step begun counts: 2.  75% is
    15 short: one whole step (2), two begun (1).
    """
    assert line_of(step_item("10%", "1"), review(closed)).points == whole
    assert line_of(step_item("10%", "1", started=True), review(closed)).points == begun


def test_step_on_shenqiu_review_closure() -> None:
    """35 of 64 closed is 54.69%, 35.31 points short: three whole steps, 3 − 3 = 0."""
    card = fz.score(fz.load_county_year(fz.example_path("shenqiu-2023")), kinds_profile())
    line = card.lines["admin_review.closure_rate"]
    assert line.value.value == Fraction(35, 64)
    assert (line.points, line.status) == (Fraction(0), fz.Verdict.NOT_MET)
    assert line.gap == fz.Gap(field="admin_review.closed", change=23)


def test_step_on_a_printed_rate_keeps_the_interval() -> None:
    """结案率 "85%" printed is [84.5%, 86%): whole steps 0 or 1, so 2 to 3 points."""
    data = fz.county_year("测试县", 2023, stated={"admin_review.closure_rate": "85%"})
    line = line_of(step_item("10%", "1"), data)
    assert (line.points, line.points_high) == (Fraction(3), Fraction(3))
    data = fz.county_year("测试县", 2023, stated={"admin_review.closure_rate": "80%"})
    line = line_of(step_item("10%", "1"), data)
    # [79.5%, 81%): 10.5 short costs a step, 9 short does not.
    assert (line.status, line.points, line.points_high) == (
        fz.Verdict.NOT_MET,
        Fraction(2),
        Fraction(3),
    )


# ---------------------------------------------------------------- binary and partial


@pytest.mark.parametrize(("instant", "expected"), [(70, 2), (69, 0), (100, 2)])
def test_binary_share_at_least_seventy_percent(instant: int, expected: int) -> None:
    """§4.2: 事项进驻综合性实体大厅比例「不低于70%得2分」 — 0 or full."""
    definition = fz.RateIndicator(
        id="gov_services.hall_share",
        name=NAME,
        direction="higher",
        kind="share",
        numerator=fz.Expression(terms=((1, "gov_services.items_instant"),)),
        denominator=fz.Expression(terms=((1, "gov_services.items_total"),)),
    )
    item = own_item(
        "gov_services.hall_share",
        fz.OwnIndicator(kind="ratio", definition=definition),
        "2",
        target=parse_target(">= 70%"),
    )
    data = county(**{"gov_services.items_instant": instant, "gov_services.items_total": 100})
    assert line_of(item, data).points == expected


def yes_no(field: str, points: str, *, want: bool = False) -> fz.Item:
    return own_item(field.replace("events.", "no_"), fz.YesNo(field=field, want=want), points)


def publicity_item() -> fz.Item:
    """§4.4: 执法公示制度+回访制度 6 分，「缺一−3；未建不得分」 — two shares of 3."""
    shares = (
        yes_no("events.serious_violation_incident", "3"),
        yes_no("events.major_mass_incident", "3"),
    )
    return own_item(
        "enforcement.publicity_and_return_visits", None, "6", fz.Partial(requirements=shares)
    )


@pytest.mark.parametrize(
    ("first", "second", "expected", "status"),
    [
        (False, False, 6, fz.Verdict.MET),
        (True, False, 3, fz.Verdict.NOT_MET),
        (False, True, 3, fz.Verdict.NOT_MET),
        (True, True, 0, fz.Verdict.NOT_MET),
    ],
)
def test_partial_one_missing_takes_half(
    first: bool,
    second: bool,
    expected: int,
    status: fz.Verdict,
) -> None:
    data = county(
        **{"events.serious_violation_incident": first, "events.major_mass_incident": second}
    )
    line = line_of(publicity_item(), data)
    assert (line.points, line.status) == (Fraction(expected), status)
    assert [r.points for r in line.requirements] == [0 if first else 3, 0 if second else 3]


def test_partial_requirements_with_their_own_deductions_floor_at_zero() -> None:
    """开江 1.1 shape: shares add up to more than the points; the item never goes below 0."""
    sessions = sessions_item(3, fz.PerShortfall(per=Fraction(1)), "3")
    shares = (yes_no("events.serious_violation_incident", "2"), sessions)
    item = own_item("leadership.first_responsible", None, "2", fz.Partial(requirements=shares))
    data = county(**{"events.serious_violation_incident": True, "leadership.law_lectures": 0})
    line = line_of(item, data)
    assert line.points == 0  # 2 − 2 − 3, floored
    data = county(**{"events.serious_violation_incident": False, "leadership.law_lectures": 2})
    assert line_of(item, data).points == 1  # 2 − 0 − 1


def test_partial_with_every_requirement_missing_is_missing() -> None:
    line = line_of(publicity_item(), county())
    assert (line.status, line.points, line.points_high) == (
        fz.Verdict.MISSING,
        Fraction(0),
        Fraction(0),
    )
    assert set(line.value.missing_fields) == {
        "events.serious_violation_incident",
        "events.major_mass_incident",
    }


# ---------------------------------------------------------------- boolean and evidence

STUDY_FIELD = fz.FieldDef(
    id="leadership.law_study_system",
    name=fz.Text(zh="建立领导干部学法制度", en="A law-study system for officials"),
    type="boolean",
)


def catalog_with_study_field() -> fz.Catalog:
    """The shipped catalogue and one yes/no field a published table scores (§4.1 开江 4.1)."""
    return attrs.evolve(CATALOG, fields={**CATALOG.fields, STUDY_FIELD.id: STUDY_FIELD})


def study_item(*, required: bool) -> fz.Item:
    check = fz.YesNo(field=STUDY_FIELD.id, want=True, evidence_required=required)
    return own_item("leadership.study_system", check, "1")


def study_card(item: fz.Item, data: fz.CountyYear) -> fz.Line:
    card = fz.score(data, profile_of(item), catalog_with_study_field())
    return card.lines[item.id]


def test_yes_without_evidence_is_reported_as_such() -> None:
    data = county()
    data = attrs.evolve(data, values={STUDY_FIELD.id: fz.Reported(value=True)})
    line = study_card(study_item(required=False), data)
    assert (line.status, line.points) == (fz.Verdict.MET, Fraction(1))
    assert line.note == fz.Text(
        zh="报告为“是”，未提供佐证材料", en="reported yes; no evidence given"
    )
    strict = study_card(study_item(required=True), data)
    assert (strict.status, strict.points, strict.points_high) == (
        fz.Verdict.UNDETERMINED,
        Fraction(0),
        Fraction(1),
    )


def test_yes_with_evidence_read_from_the_county_file() -> None:
    data = fz.load_county_year(FIXTURES / "county-evidence.yaml", catalog_with_study_field())
    assert data.evidence[STUDY_FIELD.id] == (
        fz.Evidence(
            title="关于建立县政府常务会议学法制度的通知",
            number="沈政办〔2023〕12号",
            date=dt.date(2023, 3, 1),
            url="https://www.example.gov.cn/xxgk/12.html",
        ),
    )
    line = study_card(study_item(required=True), data)
    assert (line.status, line.points, line.note) == (fz.Verdict.MET, Fraction(1), None)
    assert line.evidence == data.evidence[STUDY_FIELD.id]


def test_a_no_is_not_met_and_absence_is_missing() -> None:
    data = attrs.evolve(county(), values={STUDY_FIELD.id: fz.Reported(value=False)})
    assert study_card(study_item(required=False), data).status == fz.Verdict.NOT_MET
    missing = study_card(study_item(required=False), county())
    assert (missing.status, missing.value.missing_fields) == (fz.Verdict.MISSING, (STUDY_FIELD.id,))


# ---------------------------------------------------------------- Shenqiu with every kind


def kinds_profile() -> fz.Profile:
    return fz.load_profile(FIXTURES / "shenqiu-kinds.yaml")


def shenqiu() -> fz.CountyYear:
    return fz.load_county_year(fz.example_path("shenqiu-2023"))


def test_shenqiu_kinds_without_2022_leave_trends_missing_with_the_reason() -> None:
    card = fz.score(shenqiu(), kinds_profile())
    for item_id in ("legal_aid.cases_rising", "mediation.success_rising"):
        line = card.lines[item_id]
        assert (line.status, line.points, line.points_high) == (
            fz.Verdict.MISSING,
            Fraction(0),
            Fraction(0),
        )
        assert line.note is not None
        assert "2022" in line.note.zh
        assert "2022" in line.note.en
    assert card.lines["legal_aid.cases_rising"].value.missing_fields == ("legal_aid.cases_total",)


def with_2022(cases: int, received: int, resolved: int) -> fz.CountyYear:
    """Shenqiu 2023 with 2022 figures the report does not print (made up for the check)."""
    earlier = fz.EarlierYear(
        year=2022,
        values={
            "legal_aid.cases_total": fz.Reported(value=cases),
            "mediation.disputes_received": fz.Reported(value=received),
            "mediation.disputes_resolved": fz.Reported(value=resolved),
        },
    )
    return attrs.evolve(shenqiu(), previous={2022: earlier})


def test_shenqiu_kinds_with_2022_score_the_trends() -> None:
    card = fz.score(with_2022(700, 2000, 1900), kinds_profile())
    cases, success = card.lines["legal_aid.cases_rising"], card.lines["mediation.success_rising"]
    assert (cases.status, cases.points) == (fz.Verdict.MET, Fraction(2))  # 763 > 700
    assert (success.status, success.points) == (fz.Verdict.MET, Fraction(2))  # 2762/2789 > 95%
    assert cases.shown == fz.Text(zh="2023年763；2022年700", en="2023: 763; 2022: 700")
    card = fz.score(with_2022(763, 2789, 2762), kinds_profile())
    assert card.lines["legal_aid.cases_rising"].status == fz.Verdict.NOT_MET  # equal is not up
    assert card.lines["mediation.success_rising"].status == fz.Verdict.MET  # allow_equal


def test_a_hedged_earlier_count_leaves_the_trend_open() -> None:
    """2022 "约760" cases is 755–765: 763 may be above it or not."""
    data = with_2022(760, 2000, 1900)
    hedged = attrs.evolve(
        data.previous[2022],
        values={
            **data.previous[2022].values,
            "legal_aid.cases_total": fz.Reported(value=760, approx="约"),
        },
    )
    card = fz.score(attrs.evolve(data, previous={2022: hedged}), kinds_profile())
    line = card.lines["legal_aid.cases_rising"]
    assert (line.status, line.points, line.points_high) == (
        fz.Verdict.UNDETERMINED,
        Fraction(0),
        Fraction(2),
    )


def test_shenqiu_manual_item_open_until_scored() -> None:
    card = fz.score(shenqiu(), kinds_profile())
    line = card.lines["leadership.annual_plan_quality"]
    assert (line.status, line.points, line.points_high) == (
        fz.Verdict.UNDETERMINED,
        Fraction(0),
        Fraction(5),
    )
    assert card.total_high - card.total >= 5
    score = fz.ManualScore(points=Fraction(4), by="县司法局 张三", on=dt.date(2024, 3, 10))
    scored = fz.score(
        attrs.evolve(shenqiu(), manual={"leadership.annual_plan_quality": score}), kinds_profile()
    )
    line = scored.lines["leadership.annual_plan_quality"]
    assert (line.status, line.points, line.points_high, line.manual) == (
        fz.Verdict.NOT_MET,
        Fraction(4),
        Fraction(4),
        score,
    )
    assert scored.total == card.total + 4
    assert scored.coverage > card.coverage  # a score given rests on a person's review


def test_manual_scores_above_the_points_or_for_no_item_are_warnings() -> None:
    scores = {
        "leadership.annual_plan_quality": fz.ManualScore(
            points=Fraction(7), by="张三", on=dt.date(2024, 3, 10)
        ),
        "leadership.no_such_item": fz.ManualScore(
            points=Fraction(1), by="张三", on=dt.date(2024, 3, 10)
        ),
    }
    card = fz.score(attrs.evolve(shenqiu(), manual=scores), kinds_profile())
    assert card.lines["leadership.annual_plan_quality"].points == 5
    codes = {w.code: w.path for w in card.warnings}
    assert codes["manual-over-max"] == "manual.leadership.annual_plan_quality"
    assert codes["manual-unknown-item"] == "manual.leadership.no_such_item"


def test_manual_scores_read_from_the_county_file() -> None:
    data = fz.load_county_year(FIXTURES / "county-manual.yaml")
    assert data.manual == {
        "leadership.annual_plan_quality": fz.ManualScore(
            points=Fraction(3, 2),
            by="县司法局 张三",
            on=dt.date(2024, 3, 10),
            note="核查会议纪要3份",
        )
    }
    card = fz.score(data, kinds_profile())
    assert card.lines["leadership.annual_plan_quality"].points == Fraction(3, 2)


def test_shenqiu_every_kind_as_worked_by_hand() -> None:
    card = fz.score(shenqiu(), kinds_profile())
    expected = {
        "admin_review.closure_rate": ("rate", fz.Verdict.NOT_MET, 0),
        "admin_review.no_revocations": ("zero_count", fz.Verdict.NOT_MET, 2),
        "events.no_serious_violation": ("boolean", fz.Verdict.MISSING, 0),
        "gov_services.instant_share": ("ratio", fz.Verdict.MET, 2),  # 2034/2221 ≥ 70%
        "gov_services.instant_everywhere": ("coverage", fz.Verdict.NOT_MET, 0),
        "legal_aid.cases_rising": ("trend_up", fz.Verdict.MISSING, 0),
        "mediation.success_rising": ("trend_up", fz.Verdict.MISSING, 0),
        # 12 lectures ≥ 6 keep 1.2; the mass-incident share has no data: 1.5 − 0.3.
        "leadership.study": ("partial", fz.Verdict.NOT_MET, Fraction(6, 5)),
        "leadership.annual_plan_quality": ("manual", fz.Verdict.UNDETERMINED, 0),
        "leadership.report_on_time": ("deadline", fz.Verdict.MISSING, 0),
        # No 变更 is listed and the listed outcomes make the 35 closed: 0 altered, inferred.
        "admin_review.few_alterations": ("max_count", fz.Verdict.MET, 2),
        "admin_litigation.heads_in_court": ("min_count", fz.Verdict.MISSING, 0),
        "legal_advisers.full_coverage": ("coverage", fz.Verdict.MISSING, 0),
        "admin_review.cases_falling": ("trend_down", fz.Verdict.MISSING, 0),
    }
    found = {k: (line.kind, line.status, line.points) for k, line in card.lines.items()}
    assert found == expected
    assert card.lines["gov_services.instant_everywhere"].gap == fz.Gap(
        field="gov_services.items_instant", change=187
    )


def test_reports_show_the_kinds_in_both_languages() -> None:
    card = fz.score(shenqiu(), kinds_profile())
    zh, en = card.to_text("zh"), card.to_markdown("en")
    assert "复议被撤销案件" in zh
    assert "待人工评分" in zh
    assert "缺少2022年数据" in zh
    assert "Review cases revoked" in en
    assert "awaits a person's score" in en
    assert "no figures for 2022" in en
    items = {item["id"]: item for item in json.loads(card.to_json())["items"]}
    manual = items["leadership.annual_plan_quality"]
    assert (manual["kind"], manual["status"], manual["points_high"]) == (
        "manual",
        "UNDETERMINED",
        "5",
    )
    assert manual["name_zh"] == "年度工作要点质量"
    study = items["leadership.study"]
    assert [r["id"] for r in study["requirements"]] == ["no_mass_incident", "sessions"]
    assert study["requirements"][1]["points"] == "1.2"
    assert items["admin_review.no_revocations"]["shown_zh"] == "2件"


@pytest.mark.parametrize(
    ("published", "status"),
    [
        (dt.date(2024, 3, 28), fz.Verdict.MET),
        (dt.date(2024, 4, 1), fz.Verdict.MET),
        (dt.date(2024, 4, 2), fz.Verdict.NOT_MET),
    ],
)
def test_deadline_item_of_a_date_field(published: dt.date, status: fz.Verdict) -> None:
    """「每年4月1日之前向社会公开」: due 04-01 of the year after the reporting year."""
    data = attrs.evolve(
        shenqiu(),
        values={
            **shenqiu().values,
            "leadership.annual_report_published_on": fz.Reported(value=published),
        },
    )
    line = fz.score(data, kinds_profile()).lines["leadership.report_on_time"]
    assert line.status == status
    assert line.points == (2 if status == fz.Verdict.MET else 0)


def test_falling_trend_against_the_previous_year() -> None:
    """「不断压缩」: 64 review cases accepted in 2023 against 70 (made up) in 2022 is MET."""
    earlier = fz.EarlierYear(year=2022, values={"admin_review.accepted": fz.Reported(value=70)})
    card = fz.score(attrs.evolve(shenqiu(), previous={2022: earlier}), kinds_profile())
    line = card.lines["admin_review.cases_falling"]
    assert (line.status, line.points) == (fz.Verdict.MET, Fraction(1))
    earlier = fz.EarlierYear(year=2022, values={"admin_review.accepted": fz.Reported(value=60)})
    card = fz.score(attrs.evolve(shenqiu(), previous={2022: earlier}), kinds_profile())
    assert card.lines["admin_review.cases_falling"].status == fz.Verdict.NOT_MET
    # Without the field in 2022 the trend is missing, with the year named.
    other = fz.EarlierYear(year=2022, values={"legal_aid.cases_total": fz.Reported(value=1)})
    card = fz.score(attrs.evolve(shenqiu(), previous={2022: other}), kinds_profile())
    line = card.lines["admin_review.cases_falling"]
    assert line.status == fz.Verdict.MISSING
    assert line.note is not None
    assert line.note.en.startswith("2022 has no figure for")


def test_mandatory_trend_without_the_year_says_why() -> None:
    profile = kinds_profile()
    items = tuple(
        attrs.evolve(i, mandatory=True) if i.id == "legal_aid.cases_rising" else i
        for i in profile.areas[2].items
    )
    areas = (*profile.areas[:2], attrs.evolve(profile.areas[2], items=items), *profile.areas[3:])
    card = fz.score(shenqiu(), attrs.evolve(profile, areas=areas))
    reason = next(r for r in card.reasons if r.code == "mandatory-missing")
    assert "2022" in reason.text_zh
    assert "previous: 2022" in reason.text


def test_deadline_in_the_reporting_year_itself(tmp_path: Path) -> None:
    """开江 (一)3: 「每年12月向县政府报告」 — due by 31 December of the year assessed."""
    profile_file = tmp_path / "december.yaml"
    profile_file.write_text(
        """id: december
version: "1"
title: {zh: 年内报告, en: A report within the year}
extends: henan-demonstration-county
areas:
  - id: a
    name: {zh: 组织领导, en: Leadership}
    items:
      - id: leadership.december_report
        name: {zh: 12月报告, en: December report}
        kind: deadline
        field: leadership.annual_report_published_on
        due: "12-31"
        due_year: same
        points: 0.5
        source: {basis: official, title: 开江县法治政府建设考核 一(一)3}
""",
        encoding="utf-8",
    )
    profile = fz.load_profile(profile_file)
    item = profile.item("leadership.december_report")
    assert isinstance(item.check, fz.OwnIndicator)
    assert item.check.definition.formula() == (
        "leadership.annual_report_published_on <= 12-31 of the same year"
    )
    for published, status in (
        (dt.date(2023, 12, 20), fz.Verdict.MET),
        (dt.date(2024, 1, 5), fz.Verdict.NOT_MET),
    ):
        data = county(**{"leadership.annual_report_published_on": published})
        assert fz.score(data, profile).lines[item.id].status == status


def test_chinese_reports_of_every_kind_have_no_english_left() -> None:
    """Names, values, targets and notes of every kind read in Chinese (ids aside)."""
    card = fz.score(shenqiu(), kinds_profile())
    for text in (card.to_text("zh"), card.to_markdown("zh")):
        assert english_words(text.replace(card.profile.id, "")) == []


def test_html_excel_and_comparison_take_every_kind() -> None:
    from fazhi_indicators import report_html, report_xlsx

    card = fz.score(shenqiu(), kinds_profile())
    html = report_html.scorecard_html(card, "zh")
    assert "复议被撤销案件" in html
    assert "≤2件" in html
    assert report_xlsx.scorecard_xlsx(card, "en")
    later = fz.score(attrs.evolve(shenqiu(), year=2024), kinds_profile())
    compared = {c.indicator for c in fz.compare(card, later).changes}
    assert "admin_review.closure_rate" in compared
    assert "gov_services.instant_share" in compared  # a ratio of the item's own
    assert "leadership.annual_plan_quality" not in compared  # no indicator to compare


def test_a_step_begun_at_an_open_end_counts() -> None:
    """ "79.9%" printed is [79.85%, 80%): every rate there is more than 10 points short of
    90%, so with a step begun counting as whole, two steps are lost: 1 point, no more."""
    data = fz.county_year("测试县", 2023, stated={"admin_review.closure_rate": "79.9%"})
    line = line_of(step_item("10%", "1", started=True), data)
    assert (line.status, line.points, line.points_high) == (
        fz.Verdict.NOT_MET,
        Fraction(1),
        Fraction(1),
    )
    line = line_of(step_item("10%", "1"), data)  # whole steps: one, at every such rate
    assert (line.points, line.points_high) == (Fraction(2), Fraction(2))
