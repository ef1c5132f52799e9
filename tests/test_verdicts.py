"""Verdicts the data support: enough must apply, dates fit the year, missing data is named.

Also the checked path for county-years built in Python, and what a report keeps of
the county file (its source, notes and warnings).
"""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from pathlib import Path

import attrs
import pytest

import fazhi_indicators as fz
from fazhi_indicators.cli import main

VERDICTS = Path(__file__).parent / "fixtures" / "verdicts"
HENAN = "henan-demonstration-county"


def _profile(min_applicable: Fraction) -> fz.Profile:
    setting = fz.Setting(value=min_applicable, source=fz.Source(basis="assumption"))
    return attrs.evolve(fz.default_catalog().profile(HENAN), min_applicable=setting)


# --- a county with nothing to show -------------------------------------------------


def test_a_county_with_nothing_to_show_is_not_ready() -> None:
    """Every denominator 0 and the report on time: 3 of 3 points, but only 3% applies.

    It used to be READY with grade 优秀.
    """
    card = fz.score(fz.load_county_year(VERDICTS / "nothing-to-show.yaml"))
    assert (Fraction(3), Fraction(3)) == (card.total, card.max_total)
    assert Fraction(3, 100) == card.applicable
    assert fz.Readiness.NOT_READY == card.verdict
    assert card.grade is None
    (reason,) = [r for r in card.reasons if r.code == "too-little-applies"]
    assert reason.blocking
    assert "only 3% of the profile's points apply" in reason.text
    assert "at least 50% must apply" in reason.text
    assert "仅有3%的分值适用" in reason.text_zh


def test_min_applicable_is_the_profile_s_choice() -> None:
    """A profile that asks for less than 3% to apply lets the same county through."""
    data = fz.load_county_year(VERDICTS / "nothing-to-show.yaml")
    loose = _profile(Fraction(3, 100))
    assert fz.Readiness.READY == fz.score(data, loose).verdict
    strict = _profile(Fraction(31, 1000))
    assert fz.Readiness.NOT_READY == fz.score(data, strict).verdict


def test_min_applicable_is_read_from_a_profile_file(tmp_path: Path) -> None:
    """Set in a profile that extends the shipped one; out of range is a located error."""
    good = tmp_path / "loose.yaml"
    good.write_text(
        f"extends: {HENAN}\nid: loose\nmin_applicable: {{value: '10%', basis: assumption}}\n",
        encoding="utf-8",
    )
    assert Fraction(1, 10) == fz.load_profile(good).min_applicable.value
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        f"extends: {HENAN}\nid: bad\nmin_applicable: {{value: '150%', basis: assumption}}\n",
        encoding="utf-8",
    )
    with pytest.raises(fz.InputError) as caught:
        fz.load_profile(bad)
    (problem,) = caught.value.problems
    assert ("out-of-range", 3) == (problem.code, problem.line)
    assert "min_applicable must lie between 0% and 100%, found 150%" == problem.message


def test_the_shipped_min_applicable_is_an_assumption() -> None:
    """No document sets it, so it is counted among the assumptions."""
    profile = fz.default_catalog().profile(HENAN)
    assert (Fraction(1, 2), "assumption") == (
        profile.min_applicable.value,
        profile.min_applicable.source.basis,
    )


# --- dates against the reporting year ------------------------------------------------


def test_a_report_dated_before_its_year_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    """2000-01-01 for a report on 2023: located at the date, exit 2."""
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(VERDICTS / "report-before-year.yaml")
    (problem,) = caught.value.problems
    assert ("date-before-year", 31, "values.leadership.annual_report_published_on") == (
        problem.code,
        problem.line,
        problem.path,
    )
    assert "before the reporting year 2023 begins" in problem.message
    assert 2 == main(["score", str(VERDICTS / "report-before-year.yaml")])
    assert "date-before-year" in capsys.readouterr().err


def test_a_report_dated_inside_its_year_is_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    """2023-12-28 for a report on 2023 scores, with the warning in every output."""
    path = VERDICTS / "report-inside-year.yaml"
    data = fz.load_county_year(path)
    (warning,) = data.warnings
    assert ("date-in-year", "warning", 31) == (warning.code, warning.severity, warning.line)
    card = fz.score(data)
    assert card.lines["leadership.annual_report_on_time"].status == fz.Verdict.MET
    assert 0 == main(["score", str(path)])
    assert "提示：年度报告公开日期为2023年12月28日，在报告年度2023年之内" in (
        capsys.readouterr().out
    )
    assert 0 == main(["score", str(path), "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert [("date-in-year", 31)] == [(w["code"], w["line"]) for w in document["warnings"]]


def test_a_report_after_the_deadline_is_not_met() -> None:
    """Published 2024-04-02 against the deadline 04-01 of the next year."""
    data = fz.county_year(
        "测试县", 2023, values={"leadership.annual_report_published_on": dt.date(2024, 4, 2)}
    )
    card = fz.score(data)
    assert fz.Verdict.NOT_MET == card.lines["leadership.annual_report_on_time"].status
    assert () == data.warnings


# --- not ready, or too little data to judge ----------------------------------------------


def test_missing_items_that_could_reach_the_line_give_insufficient_data() -> None:
    """Shenqiu: 33.95 with missing items as 0, 89.95 with them met; the line is 80."""
    card = fz.score(fz.load_county_year(fz.example_path("shenqiu-2023")))
    assert fz.Readiness.INSUFFICIENT_DATA == card.verdict
    assert Fraction(3395, 100) == round(card.total_high, 2)
    assert Fraction(8995, 100) == round(card.total_if_missing_met, 2)
    assert "missing-data-decides" in {r.code for r in card.reasons}


def _all_reported(**values: int) -> dict[str, int]:
    """Every count of the profile's items: denominators 10, numerators 10, then overrides."""
    catalog = fz.default_catalog()
    counts: dict[str, int] = {}
    for item in catalog.profile(HENAN).items:
        indicator = catalog.indicators[item.indicator]
        if isinstance(indicator, fz.RateIndicator):
            for name in indicator.fields:
                counts[name] = 10
    counts["admin_litigation.cases_lost"] = 0
    counts.update(values)
    return counts


def test_a_county_below_the_line_even_with_missing_items_met_is_not_ready() -> None:
    """Missing data cannot save a county whose reported items already lose too much."""
    values = _all_reported(
        **{
            "enforcement.exam_passed": 0,
            "admin_litigation.head_appeared": 0,
            "admin_review.closed": 0,
            "mediation.disputes_resolved": 0,
        }
    )
    del values["gov_services.items_instant"]
    card = fz.score(fz.county_year("测试县", 2023, values=values))
    assert fz.Verdict.MISSING == card.lines["gov_services.instant_rate"].status
    assert card.total_if_missing_met * 100 / card.max_total < 80
    assert fz.Readiness.NOT_READY == card.verdict
    assert "missing-data-decides" not in {r.code for r in card.reasons}


def test_a_triggered_veto_is_not_ready_whatever_is_missing() -> None:
    """Missing items never turn a veto into 'insufficient data'."""
    values = _all_reported()
    del values["gov_services.items_instant"]
    data = fz.county_year(
        "测试县",
        2023,
        values={**values, "events.serious_violation_incident": True},
    )
    assert fz.Readiness.NOT_READY == fz.score(data).verdict


def test_the_report_shows_both_bounds() -> None:
    """Text, Markdown and JSON give the total with missing items as 0 and as met."""
    card = fz.score(fz.load_county_year(fz.example_path("shenqiu-2023")))
    assert "若缺数据项均达标，总分最高可达89.95" in card.to_text("zh")
    assert "counted as met, the total could reach 89.95" in card.to_markdown("en")
    document = json.loads(card.to_json())
    assert "INSUFFICIENT_DATA" == document["verdict"]
    assert Fraction(document["total_if_missing_met"]) == card.total_if_missing_met
    assert Fraction(document["applicable"]) == card.applicable


# --- what a report keeps of the county file ---------------------------------------


def test_source_and_notes_reach_every_output() -> None:
    """The report says where its figures come from and keeps the clerk's notes."""
    card = fz.score(fz.load_county_year(fz.example_path("shenqiu-2023")))
    text, markdown = card.to_text("zh"), card.to_markdown("en")
    assert "数据来源：沈丘县司法局关于2023年度法治政府建设情况的报告；沈丘县司法局" in text
    assert "法律援助案件总数：分项 139+239+345 = 723，与总数763不符" in text
    assert "## Notes" in markdown
    document = json.loads(card.to_json())
    assert "沈丘县司法局" == document["source"]["publisher"]
    assert document["notes"]["legal_aid.cases_total"].startswith("分项 139+239+345")


@pytest.mark.parametrize(
    ("province", "warned"), [("河北", True), ("河南省", False), ("河南", False)]
)
def test_a_county_of_another_province_is_warned(province: str, warned: bool) -> None:
    """Scoring 河北 against Henan's profile works, and says the criteria may not apply."""
    data = fz.county_year("测试县", 2023, province=province, values=_all_reported())
    card = fz.score(data)
    codes = [w.code for w in card.warnings]
    assert (["other-jurisdiction"] if warned else []) == codes
    if warned:
        assert "提示：该县属于河北，而评分标准 henan-demonstration-county 适用于河南" in (
            card.to_text("zh")
        )


# --- county-years built in Python ------------------------------------------------------


def test_county_year_from_python_matches_the_file() -> None:
    """Plain ints, a hedged count and a printed rate give the same data as the YAML file."""
    from_file = fz.parse_county_year(
        "county: 测试县\nyear: 2023\nvalues:\n"
        "  enforcement.exam_participants: 443\n  enforcement.exam_passed: 401\n"
        "  legal_aid.cases_total: {value: 70, approx: 余}\n"
        "stated:\n  admin_litigation.head_appearance_rate: 100%\n"
    )
    in_code = fz.county_year(
        "测试县",
        2023,
        values={
            "enforcement.exam_participants": 443,
            "enforcement.exam_passed": 401,
            "legal_aid.cases_total": {"value": 70, "approx": "余"},
        },
        stated={"admin_litigation.head_appearance_rate": "100%"},
    )
    assert from_file == in_code
    assert fz.score(from_file) == fz.score(in_code)


def test_county_year_from_python_reports_every_mistake() -> None:
    """Unknown ids with suggestions, text counts, passes above participants: all at once."""
    with pytest.raises(fz.InputError) as caught:
        fz.county_year(
            "测试县",
            2023,
            values={
                "enforcement.exam_participants": 443,
                "enforcement.exam_passed": 501,
                "enforcement.exam_pased": 3,
                "admin_review.closed": "12",
            },
            stated={"enforcement.exam_pass_rat": "90%"},
        )
    found = {(p.code, p.path, p.line) for p in caught.value.problems}
    assert {
        ("unknown-id", "values.enforcement.exam_pased", None),
        ("wrong-type", "values.admin_review.closed", None),
        ("unknown-id", "stated.enforcement.exam_pass_rat", None),
        ("exceeds-total", "values.enforcement.exam_passed", None),
    } == found
    unknown = next(p for p in caught.value.problems if p.path == "values.enforcement.exam_pased")
    assert "did you mean 'enforcement.exam_passed'" in unknown.message


def test_check_finds_the_mistakes_of_a_hand_built_county_year() -> None:
    """A CountyYear built directly is checked by the same rules; score refuses it."""
    raw = fz.CountyYear(
        county="测试县",
        year=2023,
        values={
            "enforcement.exam_participants": fz.Reported(value=3),
            "enforcement.exam_passed": fz.Reported(value=5),
            "bogus": fz.Reported(value=1),
        },
    )
    assert [
        ("unknown-id", "values.bogus"),
        ("exceeds-total", "values.enforcement.exam_passed"),
    ] == [(p.code, p.path) for p in fz.check(raw)]
    with pytest.raises(fz.InputError) as caught:
        fz.score(raw)
    assert {"unknown-id", "exceeds-total"} == {p.code for p in caught.value.problems}


def test_plain_values_in_a_hand_built_county_year_are_scored() -> None:
    """``values={"x": 5}`` used to raise AttributeError; checked, it scores."""
    raw = fz.CountyYear(
        county="测试县",
        year=2023,
        values={"enforcement.exam_participants": 3, "enforcement.exam_passed": 2},  # type: ignore[dict-item]
    )
    assert () == fz.check(raw)
    assert Fraction(2, 3) == fz.score(raw).lines["enforcement.exam_pass_rate"].value.value


def test_a_checked_file_passes_check_with_its_warnings() -> None:
    """Loading then checking again finds nothing new and keeps the file's warnings."""
    data = fz.load_county_year(VERDICTS / "report-inside-year.yaml")
    assert ["date-in-year"] == [p.code for p in fz.check(data)]
    shenqiu = fz.load_county_year(fz.example_path("shenqiu-2023"))
    assert () == fz.check(shenqiu)


def test_parts_short_of_their_total_built_in_python_score_with_a_warning() -> None:
    """The short-parts county of the file corpus, built in code: a warning, not a crash."""
    data = fz.county_year(
        "测试县",
        2023,
        values={
            "admin_review.accepted": 12,
            "admin_review.closed": 10,
            "admin_review.corrected": 3,
            "admin_review.revoked": 1,
            "admin_review.altered": 1,
            "admin_review.confirmed_illegal": 0,
            "admin_review.confirmed_void": 0,
            "admin_review.ordered_to_perform": 0,
        },
    )
    card = fz.score(data)
    assert ["warning"] == [e.status for e in card.audit if e.subject == "admin_review.corrected"]
