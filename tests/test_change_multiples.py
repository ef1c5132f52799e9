"""Multiples of an earlier figure as printed: 是2021年的二倍, 达改革前的十倍, 为上年的1.5倍.

The new figure is N times the old (not N+1 times, as 增长N倍 strictly means); the
year is the one the text names, the year before for 上年, and ``from:`` for a base the
text does not date.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

import fazhi_indicators as fz
from fazhi_indicators._load.earlier import parse_change
from fazhi_indicators.cli import main
from fazhi_indicators.history import check_changes

FIXTURES = Path(__file__).parent / "fixtures" / "multiples"
BAD = FIXTURES / "bad"
PUBLISHED = Path(__file__).resolve().parents[1] / "examples" / "published"
APPLICATIONS = "admin_review.applications_received"


def _checks(data: fz.CountyYear) -> list[tuple[str, str, int]]:
    """``(status, printed text, year it is from)`` of each multiple checked."""
    return [
        (check.status, check.change.text, check.change.from_year)
        for check in check_changes(fz.default_catalog(), data)
        if check.change.kind == "multiple"
    ]


@pytest.mark.parametrize(
    ("text", "amount", "places", "approx", "base_year"),
    [
        ("是2021年的二倍", Fraction(2), 0, None, 2021),
        ("是2021年全年案件量的二倍", Fraction(2), 0, None, 2021),
        ("是2020年案件总量的约3倍", Fraction(3), 0, "约", 2020),
        ("达改革前的十倍", Fraction(10), 0, None, None),
        ("已达复议体制改革前的十倍", Fraction(10), 0, None, None),
        ("为上年的1.5倍", Fraction(3, 2), 1, None, None),
        ("是上年的两倍", Fraction(2), 0, None, None),
        ("相当于去年的３倍多", Fraction(3), 0, "多", None),
    ],
)
def test_a_multiple_is_read_as_printed(
    text: str, amount: Fraction, places: int, approx: str | None, base_year: int | None
) -> None:
    parsed = parse_change(text)
    assert ("multiple", 1) == (parsed.kind, parsed.sign)
    assert (amount, places, approx, base_year) == (
        parsed.amount,
        parsed.places,
        parsed.approx,
        parsed.base_year,
    )
    assert parsed.base_named == ("改革前" in text)


def test_a_rise_by_a_multiple_stays_a_rise() -> None:
    """增长了2.5倍 is still read as a rise, which is the new figure 3.5 times the old."""
    assert "times" == parse_change("增长了2.5倍").kind
    assert "times" == parse_change("增长近一倍").kind


@pytest.mark.parametrize("text", ["是上年的0倍", "是上年的倍", "上年的二倍"])
def test_what_is_not_a_multiple(text: str) -> None:
    with pytest.raises(ValueError, match="not a change"):
        parse_change(text)


def test_tongzhou_2022_multiples_agree_with_its_figures() -> None:
    """今年案件量是2021年全年案件量的二倍: 558/281 = 1.986 prints as 二 when rounded."""
    data = fz.load_county_year(PUBLISHED / "tongzhou-2022.yaml")
    assert (558, 281) == (data.value(APPLICATIONS), data.previous[2021].value(APPLICATIONS))
    checks = [c for c in check_changes(fz.default_catalog(), data) if c.change.kind == "multiple"]
    assert [
        ("consistent", "是2021年全年案件量的二倍", 2021),
        # The 2022 report does not print 2020's count: its own file cannot check it.
        ("warning", "是2020年案件总量的约3倍", 2020),
    ] == _checks(data)
    assert ("half_up",) == checks[0].roundings  # cut to a whole number, 1.986 prints as 一
    assert checks[0].actual is not None
    assert Fraction(558, 281) == checks[0].actual.low == checks[0].actual.high
    assert "558/281 = 1.99倍" in checks[0].detail_zh


def test_tongzhou_2020_figure_from_the_2021_report_checks_the_multiple() -> None:
    """是2020年案件总量的约3倍: the 2021 report prints 2020's 172, and 558/172 = 3.24."""
    history = fz.History.of(
        fz.load_county_year(PUBLISHED / f"tongzhou-{year}.yaml") for year in (2021, 2022)
    )
    data = history.county_year(2022)
    assert 172 == data.previous[2020].value(APPLICATIONS)
    assert [
        ("consistent", "是2021年全年案件量的二倍", 2021),
        ("consistent", "是2020年案件总量的约3倍", 2020),
    ] == _checks(data)


def test_tongzhou_multiples_miscopied_are_inconsistent() -> None:
    data = fz.load_county_year(FIXTURES / "tongzhou-2022-wrong-multiples.yaml")
    assert [
        ("inconsistent", "是2021年全年案件量的三倍", 2021),
        ("inconsistent", "为上年的1.5倍", 2021),
        ("inconsistent", "是2020年案件总量的约5倍", 2020),
    ] == _checks(data)
    checks = check_changes(fz.default_catalog(), data)
    assert "558/172 = 3.24 times" in checks[2].detail
    assert "与报告所列不符" in checks[0].detail_zh


def test_multiples_of_the_year_before_of_a_named_year_and_of_an_undated_base() -> None:
    data = fz.load_county_year(FIXTURES / "multiples-2023.yaml")
    assert [
        ("consistent", "是上年的两倍", 2022),
        ("consistent", "为上年的1.5倍", 2022),
        # 1200/110 = 10.91: 十 when cut to a whole number, not when rounded.
        ("consistent", "达2019年的十倍", 2019),
        ("warning", "达改革前的十倍", 2018),
    ] == _checks(data)
    checks = check_changes(fz.default_catalog(), data)
    assert ("truncate",) == checks[2].roundings


def test_the_score_audits_a_multiple() -> None:
    data = fz.load_county_year(FIXTURES / "tongzhou-2022-wrong-multiples.yaml")
    entries = [e for e in fz.score(data).audit if "是2021年全年案件量的三倍" in e.detail]
    assert ["inconsistent"] == [e.status for e in entries]


AT = "changes.admin_review.applications_received"
BAD_CASES = [
    ("multiple-undated-base.yaml", "missing-key", "changes.admin_review.applications_received"),
    ("multiple-two-years.yaml", "conflict", "changes.admin_review.applications_received.from"),
    (
        "multiple-of-its-own-year.yaml",
        "previous-year",
        "changes.admin_review.applications_received",
    ),
    ("multiple-of-zero.yaml", "bad-change", "changes.admin_review.applications_received"),
]


@pytest.mark.parametrize(("name", "code", "path"), BAD_CASES)
def test_a_malformed_multiple_is_a_located_problem(
    name: str, code: str, path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(BAD / name)
    (found,) = caught.value.problems
    assert (code, path, 6) == (found.code, found.path, found.line)
    assert found.column is not None
    assert found.message
    assert found.message_zh
    assert 2 == main(["check", str(BAD / name)])
    err = capsys.readouterr().err
    assert f"错误 {code}：" in err
    assert "Traceback" not in err


def test_every_bad_fixture_is_tested() -> None:
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(name for name, *_ in BAD_CASES)
