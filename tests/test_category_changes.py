"""A printed change, and an earlier year's figure, of one row of a breakdown.

Reports print "以区政府为被申请人的案件45件，同比增长12.5%" or "较上一年该类案件量85件增长了
2.5倍": the change is of one category, checked against that row's count in both years
with the semantics of every printed change.  The row is named as the file's tables name
it, along a dimension the file breaks the field down by.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

import fazhi_indicators as fz
from fazhi_indicators.history import check_changes
from fazhi_indicators.history_report import history_json, history_markdown, history_text
from fazhi_indicators.render import earlier_json, earlier_lines

FIXTURES = Path(__file__).parent / "fixtures" / "category-changes"
BAD = FIXTURES / "bad"
PUBLISHED = Path(__file__).resolve().parents[1] / "examples" / "published"
APPLICATIONS = "admin_review.applications_received"


def _checks(data: fz.CountyYear) -> list[tuple[str | None, str, str]]:
    """``(category, printed text, status)`` of each change checked, in file order."""
    return [
        (check.category, check.change.text, check.status)
        for check in check_changes(fz.default_catalog(), data)
    ]


@pytest.fixture(name="county", scope="module")
def _county() -> fz.CountyYear:
    return fz.load_county_year(FIXTURES / "county-2023.yaml")


def test_a_change_names_its_row(county: fz.CountyYear) -> None:
    change = county.changes[1]
    assert (APPLICATIONS, "respondent", "区政府") == (change.subject, change.by, change.category)
    assert "以区政府为被申请人的案件45件，同比增长12.5%" == change.quote
    # The dimension written by its Chinese name is its id.
    assert ("respondent", "街道乡镇") == (county.changes[2].by, county.changes[2].category)
    assert (None, None, None) == (county.changes[0].by, county.changes[0].category, None)


def test_the_earlier_year_holds_its_rows(county: fz.CountyYear) -> None:
    (table,) = county.previous[2022].breakdowns
    assert (APPLICATIONS, "respondent", False) == (table.of, table.by, table.complete)
    assert [("区政府", 40), ("街道乡镇", 100), ("市场监管局", 20)] == [
        (row.name, row.count) for row in table.categories
    ]
    assert (20, 29) == table.categories[2].range


def test_row_changes_are_checked_against_the_rows(county: fz.CountyYear) -> None:
    assert [
        (None, "同比增长50%", "consistent"),
        ("区政府", "同比增长12.5%", "consistent"),
        ("街道乡镇", "增加50件", "consistent"),
        ("街道", "同比增长50%", "consistent"),  # a nested row
        ("区政府", "同比增长20%", "inconsistent"),  # 45/40 is 12.5% more
        ("街道乡镇", "增长了3倍", "inconsistent"),  # 150/100: a rise of half
        ("市场监管局", "同比增长40%", "warning"),  # 30 against 20余
        ("公安分局", "同比增长10%", "warning"),  # no 2022 row
    ] == _checks(county)


def test_a_row_change_is_exact_and_says_which_row(county: fz.CountyYear) -> None:
    checks = check_changes(fz.default_catalog(), county)
    right, wrong = checks[1], checks[4]
    assert right.actual is not None
    assert Fraction(1, 8) == right.actual.low == right.actual.high
    assert ("half_up", "truncate") == right.roundings
    assert "of 区政府 (by respondent, from 2022): (45 − 40)/40 = +12.50%" in right.detail
    assert "报告所列区政府“同比增长20%”（较2022年）：（45 − 40）/40 = +12.5%，与报告所列不符" == (
        wrong.detail_zh
    )
    hedged = checks[6]
    assert hedged.actual is not None
    assert (Fraction(1, 29), Fraction(1, 2)) == (hedged.actual.low, hedged.actual.high)
    assert "未提供2022年的数字" in checks[7].detail_zh


def test_the_audit_of_a_score_holds_row_changes(county: fz.CountyYear) -> None:
    entries = [e for e in fz.score(county).audit if "of 区政府" in e.detail]
    assert ["consistent", "inconsistent"] == [e.status for e in entries]


def test_reports_show_the_rows(county: fz.CountyYear) -> None:
    catalog = fz.default_catalog()
    lines = earlier_lines(catalog, county.previous, county.changes, "zh")
    assert "收到复议申请数（被申请人类型：市场监管局） 20余" in lines[0]
    assert "收到复议申请数（被申请人类型：街道） 60" in lines[0]
    assert "收到复议申请数（被申请人类型：区政府）：同比增长12.5%（较2022年）" in lines
    english = earlier_lines(catalog, county.previous, county.changes, "en")
    assert "Review applications received (Respondent: 区政府): 同比增长12.5% (from 2022)" in english
    document = earlier_json(county.previous, county.changes)
    rows = document["previous"]["2022"]["breakdowns"][0]["categories"]
    assert [40, 100, 20] == [row["count"] for row in rows]
    change = document["changes"][1]
    assert ("respondent", "区政府") == (change["by"], change["category"])
    assert change["quote"].startswith("以区政府为被申请人")
    markdown = fz.score(county).to_markdown(lang="zh")
    assert "收到复议申请数（被申请人类型：街道乡镇）：增加50件（较2022年）" in markdown


def test_history_checks_a_row_change_with_the_earlier_file() -> None:
    """The 2023 report prints no 2022 row for 县政府: the 2022 file gives it."""
    alone = fz.load_county_year(FIXTURES / "history" / "2023.yaml")
    assert [("县政府", "同比增长25%", "warning"), ("交通运输局", "增加6件", "consistent")] == (
        _checks(alone)
    )
    history = fz.load_history(FIXTURES / "history")
    assert [("县政府", "同比增长25%", "consistent"), ("交通运输局", "增加6件", "consistent")] == (
        _checks(history.county_year(2023))
    )
    report = fz.history(history)
    assert ["consistent", "consistent"] == [c.status for c in report.changes]
    document = json.loads(history_json(report))
    assert [("respondent", "县政府"), ("respondent", "交通运输局")] == [
        (c["by"], c["category"]) for c in document["changes"]
    ]
    markdown = history_markdown(report)
    assert "2023年 收到复议申请数（被申请人类型：县政府） [一致]" in markdown
    text = history_text(report, lang="en")
    assert "admin_review.applications_received (respondent: 县政府) [consistent]" in text


def test_a_row_restated_by_a_later_report_is_kept_and_reported() -> None:
    """交通运输局: 40 in the 2022 file, 44 in the 2023 report's previous:."""
    history = fz.load_history(FIXTURES / "history")
    (restated,) = history.restatements
    assert (2022, "respondent", "交通运输局", "40", "44") == (
        restated.year,
        restated.by,
        restated.category,
        restated.first_text,
        restated.second_text,
    )
    (warning,) = [w for w in history.county_year(2023).warnings if w.code == "restated"]
    assert (20, "previous.2022.breakdowns") == (warning.line, warning.path)
    assert "(respondent: 交通运输局) for 2022: 40 in" in warning.message
    assert "两者均予保留" in warning.message_zh
    document = json.loads(history_json(fz.history(history)))
    assert [("respondent", "交通运输局")] == [
        (r["by"], r["category"]) for r in document["restatements"]
    ]


def test_tongzhou_rows_of_the_year_before() -> None:
    """2021: 85/42 is a rise of 1.02倍 (增长了一倍); 2022: 213/85 is 2.51 times as many."""
    y2021 = fz.load_county_year(PUBLISHED / "tongzhou-2021.yaml")
    assert [("公安和交通支队（行政处罚类）", "增长了一倍", "consistent")] == [
        c for c in _checks(y2021) if c[0] is not None
    ]
    assert [] == list(y2021.other)
    y2022 = fz.load_county_year(PUBLISHED / "tongzhou-2022.yaml")
    (loose,) = [c for c in check_changes(fz.default_catalog(), y2022) if c.category]
    # 增长了2.5倍 strictly means 3.5 times as many; it fits only read as 2.5 times as many.
    assert ("warning", "loose") == (loose.status, loose.reading)
    assert [] == list(y2022.other)


#: fixture → (code, line, path) of the one problem it gives.
BAD_CASES = {
    "unknown-dimension.yaml": ("unknown-id", 11, "changes.admin_review.applications_received.by"),
    "unknown-category.yaml": (
        "unknown-id",
        11,
        "changes.admin_review.applications_received.category",
    ),
    "no-breakdown.yaml": ("unknown-id", 12, "changes.admin_review.applications_received.by"),
    "category-without-by.yaml": ("missing-key", 11, "changes.admin_review.applications_received"),
    "category-of-a-rate.yaml": ("wrong-type", 11, "changes.admin_review.correction_rate.by"),
    "points-of-a-category.yaml": (
        "change-unit",
        11,
        "changes.admin_review.applications_received.text",
    ),
    "earlier-category-above-total.yaml": (
        "category-above-total",
        13,
        "previous.2022.breakdowns[0].categories[0].count",
    ),
    "earlier-breakdowns-misspelt.yaml": ("unknown-key", 9, "previous.2022.breakdown"),
}


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_a_bad_row_change_is_a_located_problem(name: str) -> None:
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(BAD / name)
    (found,) = caught.value.problems
    assert BAD_CASES[name] == (found.code, found.line, found.path)
    assert found.column is not None
    assert str(BAD / name) == found.file
    assert found.message
    assert found.message_zh
    assert found.message != found.message_zh


@pytest.mark.parametrize(
    ("name", "suggested"),
    [("unknown-dimension.yaml", "respondent"), ("unknown-category.yaml", "市场监管局")],
)
def test_a_misspelt_row_gets_a_suggestion(name: str, suggested: str) -> None:
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(BAD / name)
    (found,) = caught.value.problems
    assert f"did you mean '{suggested}'?" in found.message
    assert f"是否想输入“{suggested}”？" in found.message_zh


def test_every_bad_fixture_is_tested() -> None:
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(BAD_CASES)
