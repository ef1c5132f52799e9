"""Several years of one county: earlier figures, printed changes, deltas, restated figures."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import fazhi_indicators as fz
from fazhi_indicators.cli import main
from fazhi_indicators.history import Movement, check_changes
from fazhi_indicators.render import exact_text

FIXTURES = Path(__file__).parent / "fixtures" / "history"
BAD = FIXTURES / "bad"
APPLICATIONS = "admin_review.applications_received"


def _checks(data: fz.CountyYear) -> dict[str, list[tuple[str, str]]]:
    """``subject: [(status, printed text), ...]`` of every printed change checked."""
    found: dict[str, list[tuple[str, str]]] = {}
    for check in check_changes(fz.default_catalog(), data):
        found.setdefault(check.subject, []).append((check.status, check.change.text))
    return found


# ------------------------------------------------------------ a real report


def test_tongzhou_changes_agree_with_its_figures() -> None:
    """较2022年558件增加了555件，同比增长99.5%: (1113 − 558)/558 = 99.46% prints as 99.5%."""
    data = fz.load_county_year(fz.example_path("tongzhou-2023"))
    assert 558 == data.previous[2022].value(APPLICATIONS)
    assert 1113 == data.value(APPLICATIONS)
    checks = check_changes(fz.default_catalog(), data)
    assert [("consistent", "增加555件"), ("consistent", "同比增长99.5%")] == [
        (c.status, c.change.text) for c in checks
    ]
    assert ("half_up",) == checks[1].roundings  # truncation would print 99.4%
    actual = checks[1].actual
    assert actual is not None
    assert Fraction(555, 558) == actual.low == actual.high
    printed = ("stated 增加555件 (from 2022)", "stated 同比增长99.5% (from 2022)")
    entries = [e for e in fz.score(data).audit if e.detail.startswith(printed)]
    assert ["consistent", "consistent"] == [e.status for e in entries]
    assert "（1113 − 558）/558 = +99.46%，相符（四舍五入）" in entries[1].detail_zh


def test_tongzhou_changes_miscopied_are_inconsistent() -> None:
    data = fz.load_county_year(FIXTURES / "tongzhou-2023-wrong-changes.yaml")
    checks = check_changes(fz.default_catalog(), data)
    assert ["inconsistent", "inconsistent"] == [c.status for c in checks]
    assert "1113 − 558 = +555" in checks[0].detail
    assert "+99.46%" in checks[1].detail
    assert "与报告所列不符" in checks[1].detail_zh


# ------------------------------------------------------------ every kind of change


def test_every_kind_of_change() -> None:
    """Percentage points of rates, 倍 both ways, 持平, hedged and missing figures."""
    data = fz.load_county_year(FIXTURES / "rates-2023.yaml")
    assert {
        "enforcement.exam_pass_rate": [("consistent", "下降3.5个百分点")],
        "legal_aid.consultations": [("consistent", "增长近3倍")],
        # 300 against 100 is 增长2倍 strictly; 增长3倍 fits only the loose reading.
        "mediation.disputes_received": [("warning", "增长3倍")],
        "legal_aid.cases_total": [("consistent", "持平")],
        # 2022 printed as 约50 (45-55): 60 − 50 may or may not be 10.
        APPLICATIONS: [("warning", "增加10件")],
        "admin_review.accepted": [("warning", "同比增长5%")],
        # 100% and 95.2% printed: the change lies in [4.2, 4.85] points.
        "admin_litigation.head_appearance_rate": [("warning", "提高4.8个百分点")],
    } == _checks(data)


def test_a_rate_change_is_the_difference_of_the_two_rates() -> None:
    data = fz.load_county_year(FIXTURES / "rates-2023.yaml")
    checks = check_changes(fz.default_catalog(), data)
    (check,) = [c for c in checks if c.subject == "enforcement.exam_pass_rate"]
    assert check.actual is not None
    assert Fraction(401, 443) - Fraction(376, 400) == check.actual.low == check.actual.high
    assert "-3.48 percentage points" in check.detail


@pytest.mark.parametrize(
    ("before", "after", "printed", "status", "reading"),
    [
        (100, 400, "增长3倍", "consistent", "strict"),  # the rise is 3 times the base
        (100, 300, "增长3倍", "warning", "loose"),  # three times as many
        (100, 500, "增长3倍", "inconsistent", None),  # neither reading fits
        (100, 200, "增长一倍", "consistent", "strict"),
    ],
)
def test_times_is_read_strictly_then_loosely(
    before: int, after: int, printed: str, status: str, reading: str | None
) -> None:
    data = fz.county_year(
        "某县",
        2023,
        values={APPLICATIONS: after},
        previous={2022: {"values": {APPLICATIONS: before}}},
        changes={APPLICATIONS: printed},
    )
    (check,) = check_changes(fz.default_catalog(), data)
    assert (status, reading) == (check.status, check.reading)


def test_a_change_from_another_year() -> None:
    data = fz.county_year(
        "某县",
        2023,
        values={APPLICATIONS: 120},
        previous={2021: {"values": {APPLICATIONS: 100}}, 2022: {"values": {APPLICATIONS: 60}}},
        changes={APPLICATIONS: [{"text": "增长20%", "from": 2021}, "增长100%"]},
    )
    assert [2021, 2022] == [c.from_year for c in data.changes]
    assert {APPLICATIONS: [("consistent", "增长20%"), ("consistent", "增长100%")]} == _checks(data)


def test_flat_against_a_change_is_inconsistent() -> None:
    data = fz.county_year(
        "某县",
        2023,
        values={APPLICATIONS: 101},
        previous={2022: {"values": {APPLICATIONS: 100}}},
        changes={APPLICATIONS: "与上年持平"},
    )
    assert {APPLICATIONS: [("inconsistent", "与上年持平")]} == _checks(data)


def test_a_relative_change_from_zero_is_not_defined() -> None:
    data = fz.county_year(
        "某县",
        2023,
        values={APPLICATIONS: 10},
        previous={2022: {"values": {APPLICATIONS: 0}}},
        changes={APPLICATIONS: "同比增长100%"},
    )
    (check,) = check_changes(fz.default_catalog(), data)
    assert "warning" == check.status
    assert "无法计算相对变化" in check.detail_zh


# ------------------------------------------------------------ properties


def _printed(magnitude: Fraction, places: int, *, half_up: bool) -> str:
    """``magnitude`` (a fraction of 1) as a percentage with ``places`` decimals."""
    scaled = magnitude * 100 * 10**places
    whole = math.floor(scaled + Fraction(1, 2)) if half_up else math.floor(scaled)
    return str(Decimal(whole).scaleb(-places))


def _outside(text_amount: str, places: int, sign: int, old: int, new: int) -> bool:
    """Whether (new − old)/old lies outside what the text prints, under either rounding."""
    value = Fraction(Decimal(text_amount))
    unit = Fraction(1, 10**places)
    low, high = value - unit / 2, value + unit  # half-up's low end, truncation's high end
    actual = Fraction(new - old, old) * 100
    if actual * sign <= 0:
        return True
    return not low <= abs(actual) < high


def _relative(old: int, new: int, places: int, *, half_up: bool) -> tuple[str, str, int]:
    change = Fraction(new - old, old)
    amount = _printed(abs(change), places, half_up=half_up)
    sign = 1 if change > 0 else -1
    return f"同比{'增长' if sign > 0 else '下降'}{amount}%", amount, sign


def _check_one(old: int, new: int, printed: str) -> str:
    data = fz.county_year(
        "某县",
        2023,
        values={APPLICATIONS: new},
        previous={2022: {"values": {APPLICATIONS: old}}},
        changes={APPLICATIONS: printed},
    )
    (check,) = check_changes(fz.default_catalog(), data)
    return check.status


COUNTS = st.integers(min_value=1, max_value=100_000)


@given(old=COUNTS, new=st.integers(0, 100_000), places=st.integers(0, 2), half_up=st.booleans())
def test_a_printed_relative_change_of_any_two_counts_passes(
    old: int, new: int, places: int, half_up: bool
) -> None:
    printed, amount, _ = _relative(old, new, places, half_up=half_up)
    assume(Fraction(Decimal(amount)) != 0)
    assert "consistent" == _check_one(old, new, printed)


@given(old=st.integers(0, 100_000), new=st.integers(0, 100_000))
def test_a_printed_difference_of_any_two_counts_passes(old: int, new: int) -> None:
    printed = "持平" if new == old else f"{'增加' if new > old else '减少'}{abs(new - old)}件"
    assert "consistent" == _check_one(old, new, printed)


@given(
    old=COUNTS,
    new=st.integers(0, 100_000),
    places=st.integers(0, 2),
    half_up=st.booleans(),
    extra=st.integers(1, 1000),
    up=st.booleans(),
)
def test_moving_this_year_out_of_the_printed_interval_is_flagged(  # noqa: PLR0913, PLR0917 - drawn
    old: int, new: int, places: int, half_up: bool, extra: int, up: bool
) -> None:
    printed, amount, sign = _relative(old, new, places, half_up=half_up)
    assume(Fraction(Decimal(amount)) != 0)
    # The printed interval is 1.5 units wide: move the rate by more than that.
    step = math.ceil(Fraction(3, 2) * old / 10 ** (places + 2)) + extra
    moved = new + step if up or new < step else new - step
    assert _outside(amount, places, sign, old, moved)
    assert "inconsistent" == _check_one(old, moved, printed)


@given(
    old=COUNTS,
    new=st.integers(0, 100_000),
    places=st.integers(0, 2),
    half_up=st.booleans(),
    moved=COUNTS,
)
def test_moving_last_year_out_of_the_printed_interval_is_flagged(
    old: int, new: int, places: int, half_up: bool, moved: int
) -> None:
    printed, amount, sign = _relative(old, new, places, half_up=half_up)
    assume(Fraction(Decimal(amount)) != 0)
    assume(_outside(amount, places, sign, moved, new))
    assert "inconsistent" == _check_one(moved, new, printed)


@given(old=st.integers(0, 100_000), new=st.integers(0, 100_000), moved=st.integers(0, 100_000))
def test_a_difference_of_other_counts_is_flagged(old: int, new: int, moved: int) -> None:
    assume(moved != new)
    printed = "持平" if new == old else f"{'增加' if new > old else '减少'}{abs(new - old)}件"
    assert "inconsistent" == _check_one(old, moved, printed)


#: ``(passed, sat)`` of an exam: any count, and any number of passes up to it.
EXAMS = COUNTS.flatmap(lambda sat: st.tuples(st.integers(0, sat), st.just(sat)))


@given(before=EXAMS, after=EXAMS, places=st.integers(0, 2), half_up=st.booleans())
def test_a_printed_change_of_two_rates_in_points_passes(
    before: tuple[int, int], after: tuple[int, int], places: int, half_up: bool
) -> None:
    """Two exam pass rates from any counts; their difference printed in percentage points."""
    (passed_before, sat_before), (passed_after, sat_after) = before, after
    change = Fraction(passed_after, sat_after) - Fraction(passed_before, sat_before)
    amount = _printed(abs(change), places, half_up=half_up)
    assume(Fraction(Decimal(amount)) != 0)
    printed = f"{'提高' if change > 0 else '下降'}{amount}个百分点"
    data = fz.county_year(
        "某县",
        2023,
        values={
            "enforcement.exam_participants": sat_after,
            "enforcement.exam_passed": passed_after,
        },
        previous={
            2022: {
                "values": {
                    "enforcement.exam_participants": sat_before,
                    "enforcement.exam_passed": passed_before,
                }
            }
        },
        changes={"enforcement.exam_pass_rate": printed},
    )
    (check,) = check_changes(fz.default_catalog(), data)
    assert "consistent" == check.status
    assert ("half_up" if half_up else "truncate") in check.roundings


# ------------------------------------------------------------ several files


def test_a_folder_is_a_county_history() -> None:
    history = fz.load_history(FIXTURES / "county-a")
    assert (2022, 2023) == history.years
    assert [2022, 2023] == [f.year for f in history.files]
    latest = history.county_year()
    assert 2023 == latest.year
    earlier = latest.previous[2022]
    # The 2023 report's own figure for 2022 is kept; the 2022 file fills in the rest.
    assert 560 == earlier.value(APPLICATIONS)
    assert 500 == earlier.value("admin_review.accepted")
    assert {"title": "乙县2022年度法治政府建设情况报告"} == dict(history.files[0].source)
    (warning,) = [w for w in latest.warnings if w.code == "restated"]
    assert (15, "previous.2022.values.admin_review.applications_received") == (
        warning.line,
        warning.path,
    )
    assert "558" in warning.message
    assert "560" in warning.message


def test_trend_items_see_last_year_through_previous() -> None:
    """``data.previous.get(data.year - 1)`` is the earlier file's figures once attached."""
    alone = fz.load_county_year(FIXTURES / "county-a" / "2023.yaml")
    assert alone.previous[2022].value("enforcement.exam_passed") is None
    data = fz.load_history(FIXTURES / "county-a").county_year(2023)
    last = data.previous.get(data.year - 1)
    assert last is not None
    assert 376 == last.value("enforcement.exam_passed")
    card = fz.score(data)
    assert 376 == card.previous[2022].value("enforcement.exam_passed")


def test_deltas_are_exact_and_directed() -> None:
    report = fz.history(FIXTURES / "county-a")
    (step,) = report.steps
    deltas = {d.subject: d for d in step.deltas}
    accepted = deltas["admin_review.accepted"]
    assert (Fraction(533), Fraction(533, 500), Movement.UP) == (
        accepted.change,
        accepted.relative,
        accepted.movement,
    )
    exam = deltas["enforcement.exam_pass_rate"]
    assert Fraction(401, 443) - Fraction(376, 400) == exam.change
    assert Movement.WORSE == exam.movement  # a pass rate is better higher
    assert Movement.UP == deltas["admin_review.acceptance_rate"].movement  # neutral
    # The history's own figure for 2022 is the 2022 report's, 558.
    assert Fraction(1113 - 558) == deltas[APPLICATIONS].change
    assert {(c.subject, c.status) for c in report.changes} == {
        (APPLICATIONS, "consistent"),
        ("admin_review.accepted", "consistent"),
    }


def test_a_lower_is_better_rate_that_falls_is_better() -> None:
    loss = {"admin_litigation.cases_concluded": 50}
    report = fz.history(
        [
            fz.county_year("某县", 2022, values={**loss, "admin_litigation.cases_lost": 10}),
            fz.county_year("某县", 2023, values={**loss, "admin_litigation.cases_lost": 5}),
        ]
    )
    deltas = {d.subject: d for d in report.steps[0].deltas}
    assert Movement.BETTER == deltas["admin_litigation.loss_rate"].movement
    assert Fraction(-1, 10) == deltas["admin_litigation.loss_rate"].change
    assert Movement.DOWN == deltas["admin_litigation.cases_lost"].movement


def test_hedged_figures_leave_the_movement_open() -> None:
    report = fz.history(
        [
            fz.county_year("某县", 2022, values={APPLICATIONS: {"value": 50, "approx": "约"}}),
            fz.county_year("某县", 2023, values={APPLICATIONS: 52}),
        ]
    )
    (delta,) = [d for d in report.steps[0].deltas if d.subject == APPLICATIONS]
    assert (Movement.UNDETERMINED, None) == (delta.movement, delta.change)
    assert delta.change_range is not None
    assert (Fraction(-3), Fraction(7)) == (delta.change_range.low, delta.change_range.high)


def test_two_reports_of_one_year_are_both_kept() -> None:
    history = fz.load_history(FIXTURES / "same-year")
    assert [401, 402] == [f.value("enforcement.exam_passed") for f in history.files]
    (restated,) = history.restatements
    assert (2023, "enforcement.exam_passed", "401", "402") == (
        restated.year,
        restated.subject,
        restated.first_text,
        restated.second_text,
    )
    assert restated.first.source["title"] != restated.second.source["title"]
    data = history.county_year(2023)
    assert 401 == data.value("enforcement.exam_passed")
    assert ["restated"] == [w.code for w in data.warnings]
    report = fz.history(history)
    assert 1 == len(report.restatements)
    assert 2 == len(report.sources[2023])


def test_files_of_two_counties_are_refused() -> None:
    with pytest.raises(fz.InputError) as caught:
        fz.load_history(FIXTURES / "mixed")
    assert ["mixed-counties"] == [p.code for p in caught.value.problems]


def test_an_empty_folder_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(fz.InputError) as caught:
        fz.load_history(tmp_path)
    assert ["no-county-years"] == [p.code for p in caught.value.problems]


# ------------------------------------------------------------ bad input


BAD_CASES = [
    ("previous-same-year.yaml", "previous-year", "previous.2023", 6),
    ("previous-later-year.yaml", "previous-year", "previous.2024", 6),
    ("previous-not-a-year.yaml", "wrong-type", "previous.上年", 6),
    ("previous-block-scalar.yaml", "wrong-type", "previous.2022", 6),
    ("previous-unknown-key.yaml", "unknown-key", "previous.2022.value", 7),
    (
        "previous-unknown-id.yaml",
        "unknown-id",
        "previous.2022.values.admin_review.applications_recieved",
        8,
    ),
    (
        "previous-count-as-text.yaml",
        "wrong-type",
        "previous.2022.values.admin_review.applications_received",
        8,
    ),
    (
        "previous-passes-above-participants.yaml",
        "exceeds-total",
        "previous.2022.values.enforcement.exam_passed",
        9,
    ),
    (
        "previous-share-above-100.yaml",
        "share-above-100",
        "previous.2022.stated.enforcement.exam_pass_rate",
        8,
    ),
    ("changes-unreadable.yaml", "bad-change", "changes.admin_review.applications_received", 6),
    ("changes-times-down.yaml", "bad-change", "changes.admin_review.applications_received", 6),
    ("changes-decimal-cases.yaml", "bad-change", "changes.admin_review.applications_received", 6),
    ("changes-zero.yaml", "bad-change", "changes.admin_review.applications_received", 6),
    (
        "changes-points-on-count.yaml",
        "change-unit",
        "changes.admin_review.applications_received",
        6,
    ),
    ("changes-cases-on-rate.yaml", "change-unit", "changes.admin_review.acceptance_rate", 6),
    ("changes-on-yes-no.yaml", "change-unit", "changes.events.serious_violation_incident", 6),
    (
        "changes-from-not-before.yaml",
        "previous-year",
        "changes.admin_review.applications_received.from",
        6,
    ),
    ("changes-unknown-id.yaml", "unknown-id", "changes.admin_review.applications", 6),
    ("changes-number.yaml", "wrong-type", "changes.admin_review.applications_received[0]", 6),
    (
        "changes-unknown-key.yaml",
        "unknown-key",
        "changes.admin_review.applications_received.year",
        6,
    ),
]


@pytest.mark.parametrize(("name", "code", "path", "line"), BAD_CASES)
def test_each_malformed_entry_is_a_located_problem(
    name: str, code: str, path: str, line: int
) -> None:
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(BAD / name)
    (found,) = caught.value.problems
    assert (code, path, line) == (found.code, found.path, found.line)
    assert found.column is not None
    assert found.message
    assert found.message_zh
    assert found.file == str(BAD / name)


def test_every_bad_fixture_is_tested() -> None:
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(name for name, *_ in BAD_CASES)


@pytest.mark.parametrize(("name", "code"), [(name, code) for name, code, *_ in BAD_CASES])
def test_bad_input_from_the_command_line(
    name: str, code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 2 == main(["check", str(BAD / name)])
    err = capsys.readouterr().err
    assert f"错误 {code}：" in err
    assert "Traceback" not in err


# ------------------------------------------------------------ outputs


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_history_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["history", str(FIXTURES / "county-a"), "--format", "json"], capsys)
    assert 0 == code
    document = json.loads(out)
    assert "fazhi.history/1" == document["schema"]
    assert [2022, 2023] == document["years"]
    (step,) = document["steps"]
    deltas = {d["subject"]: d for d in step["deltas"]}
    assert ("533", "1.066", "UP") == (
        deltas["admin_review.accepted"]["change"],
        deltas["admin_review.accepted"]["relative"],
        deltas["admin_review.accepted"]["movement"],
    )
    exam = deltas["enforcement.exam_pass_rate"]
    assert exact_text(100 * (Fraction(401, 443) - Fraction(376, 400))) == exam["change_points"]
    assert ("0.94", "401/443", "WORSE") == (exam["before"], exam["after"], exam["movement"])
    (restated,) = document["restatements"]
    assert ("558", "560", 2023) == (
        restated["first"]["figure"],
        restated["second"]["figure"],
        restated["second"]["reported_in"],
    )
    assert {"consistent"} == {c["status"] for c in document["changes"]}


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_history_reads_in_chinese_and_english(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, zh, _ = _run(["history", str(FIXTURES / "county-a"), "--format", fmt], capsys)
    for said in ("乙县 2022–2023 — 历年变化", "复议受理案件数", "+533 (+106.60%)", "变差"):
        assert said in zh
    assert "前后报告数字不一致" in zh
    assert "收到复议申请数：乙县2022年度法治政府建设情况报告为 558" in zh
    _, en, _ = _run(
        ["history", str(FIXTURES / "county-a"), "--format", fmt, "--lang", "en"], capsys
    )
    for said in ("year over year", "Review applications accepted", "worse", "Restated figures"):
        assert said in en


def test_score_sees_earlier_files(capsys: pytest.CaptureFixture[str]) -> None:
    later = FIXTURES / "county-a" / "2023.yaml"
    argv = ["score", str(later), "--format", "json", "--previous", str(FIXTURES / "county-a")]
    code, out, err = _run(argv, capsys)
    assert 0 == code
    document = json.loads(out)
    assert "376" == document["previous"]["2022"]["values"]["enforcement.exam_passed"]
    assert "560" == document["previous"]["2022"]["values"][APPLICATIONS]
    assert "restated" in err
    (accepted,) = [a for a in document["audit"] if a["subject"] == "admin_review.accepted"]
    assert "consistent" == accepted["status"]
    code, out, _ = _run(["score", str(later), "--format", "json"], capsys)
    (accepted,) = [a for a in json.loads(out)["audit"] if a["subject"] == "admin_review.accepted"]
    assert "warning" == accepted["status"]  # no 2022 figure without the earlier file


def test_check_shows_earlier_figures_and_changes(capsys: pytest.CaptureFixture[str]) -> None:
    tongzhou = str(fz.example_path("tongzhou-2023"))
    _, out, _ = _run(["check", tongzhou], capsys)
    assert "往年数据与报告所列变化：" in out
    assert "2022年：收到复议申请数 558" in out
    assert "收到复议申请数：同比增长99.5%（较2022年）" in out
    _, out, _ = _run(["check", tongzhou, "--format", "json"], capsys)
    document = json.loads(out)
    assert {
        "2022": {"values": {APPLICATIONS: "558"}, "stated": {}, "breakdowns": [], "source": {}}
    } == document["previous"]
    assert [("增加555件", "count", 2022), ("同比增长99.5%", "percent", 2022)] == [
        (c["text"], c["kind"], c["from"]) for c in document["changes"]
    ]
    _, out, _ = _run(["score", tongzhou, "--format", "md", "--lang", "en"], capsys)
    assert "## Earlier years and printed changes" in out
    assert "- Review applications received: 同比增长99.5% (from 2022)" in out


def test_check_warns_of_a_restated_figure(capsys: pytest.CaptureFixture[str]) -> None:
    folder = FIXTURES / "county-a"
    argv = ["check", str(folder / "2023.yaml"), "--previous", str(folder / "2022.yaml")]
    code, _, err = _run(argv, capsys)
    assert 0 == code
    assert "提示 restated：" in err
    assert "第15行第43列" in err


def test_two_counties_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["history", str(FIXTURES / "mixed")], capsys)
    assert 2 == code
    assert "mixed-counties" in err


def test_earlier_years_and_changes_are_written_back() -> None:
    data = fz.load_county_year(FIXTURES / "rates-2023.yaml")
    again = fz.parse_county_year(fz.dump_county_year(data))
    assert data.previous == again.previous
    assert data.changes == again.changes


def test_one_figure_printed_two_ways_is_not_restated() -> None:
    """``94%`` and ``94.0%``, ``50`` and ``约50``: the same number, not a restatement."""
    rate = "enforcement.exam_pass_rate"
    history = fz.History.of(
        [
            fz.county_year("某县", 2022, values={APPLICATIONS: 50}, stated={rate: "94%"}),
            fz.county_year(
                "某县",
                2023,
                previous={
                    2022: {
                        "values": {APPLICATIONS: {"value": 50, "approx": "约"}},
                        "stated": {rate: "94.0%"},
                    }
                },
            ),
        ]
    )
    assert () == history.restatements
    restating = fz.county_year("某县", 2023, previous={2022: {"values": {APPLICATIONS: 51}}})
    (restated,) = fz.History.of([history.files[0], restating]).restatements
    assert ("50", "51") == (restated.first_text, restated.second_text)
