"""County-year and profile loaders, word for word, where the other tests only check the code.

Each problem is compared whole (code, line, column, path and both messages), so that a
changed word, bound or branch in the loader fails a test.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

import fazhi_indicators as fz
from fazhi_indicators._load.compose import parse_yaml
from fazhi_indicators._load.county_year import county_year_from_node
from fazhi_indicators._load.reader import Collector
from fazhi_indicators._load.tree import Mapping
from fazhi_indicators.definitions import Bands, Text
from fazhi_indicators.errors import Problem
from fazhi_indicators.exact import parse_target

HEAD = "county: 甲县\nyear: 2023\n"
FIXTURES = Path(__file__).parent / "fixtures"


def _refused(text: str) -> list[Problem]:
    """Every problem of a county-year text, which must be refused."""
    with pytest.raises(fz.InputError) as caught:
        fz.parse_county_year(text, file="c.yaml")
    return list(caught.value.problems)


def _problems(text: str) -> list[tuple[object, ...]]:
    """Every problem of a refused county-year text, whole."""
    return [
        (p.code, p.file, p.line, p.column, p.path, p.message, p.message_zh) for p in _refused(text)
    ]


def _stated(written: str) -> tuple[str, str]:
    """The one problem of a printed rate written as ``written``: its code and English."""
    (found,) = _refused(f"{HEAD}stated:\n  enforcement.exam_pass_rate: {written}\n")
    return found.code, found.message


@pytest.mark.parametrize(
    ("written", "code", "message"),
    [
        ("-5", "out-of-range", "found -5; a rate cannot be negative"),
        ("0", "bad-rate", "found number 0; write 0%"),
        ("1", "bad-rate", "found number 1; write 1%"),
        ("1.5", "bad-rate", "found number 1.5; write 1.5%"),
        ("0.5", "bad-rate", "found number 0.5, which looks like a proportion: write 50%"),
        ("0.9_65", "bad-rate", "found number 0.965, which looks like a proportion: write 96.5%"),
        ('"0.5"', "bad-rate", 'found text "0.5"'),
    ],
)
def test_a_bare_number_as_a_printed_rate(written: str, code: str, message: str) -> None:
    """Below 0 is negative; 0 and 1 and above want a % sign; only 0 < x < 1 is a proportion.

    Quoted text is never read as a number.
    """
    found_code, found = _stated(written)
    assert code == found_code
    assert found.endswith(message)


def test_a_yes_no_indicator_under_values() -> None:
    """A deadline indicator's id names the date field it is computed from."""
    assert [
        (
            "indicator-in-values",
            "c.yaml",
            4,
            3,
            "values.leadership.annual_report_on_time",
            "leadership.annual_report_on_time is an indicator, not a field: it is computed"
            " from leadership.annual_report_published_on; give that date under values:",
            "leadership.annual_report_on_time 是指标而不是字段，由"
            " leadership.annual_report_published_on 计算得出；请在 values 下填写该日期",
        )
    ] == _problems(f"{HEAD}values:\n  leadership.annual_report_on_time: true\n")


def test_a_rate_indicator_under_values_without_a_rate() -> None:
    """With a count, not a rate, under a rate's id, no example rate is offered."""
    (found,) = _refused(f"{HEAD}values:\n  enforcement.exam_pass_rate: 95\n")
    assert found.message.endswith("write the rate as printed under stated:")
    assert found.message_zh.endswith("报告所列比率请写在 stated: 下")


def test_an_unknown_id_with_a_rate_and_nothing_close() -> None:
    """An unknown id holding a rate, with no indicator id close to it, gets no suggestion."""
    (found,) = _refused(f"{HEAD}values:\n  zzzz: 95%\n")
    assert found.message.endswith("write a printed rate under stated:, by indicator id")
    assert found.message_zh.endswith("报告所列比率请按指标编号写在 stated: 下")


def test_a_rate_for_a_count_of_two_rates_or_of_none() -> None:
    """A count that is the numerator of several rates names each; of none, says to use an id."""
    assert [
        (
            "indicator-in-values",
            "c.yaml",
            4,
            27,
            "values.admin_review.corrected",
            "admin_review.corrected is a count, found the rate 5%: write the count here,"
            " and a printed rate under stated: (admin_review.correction_rate: 5%"
            " or admin_review.correction_rate_decided: 5%"
            " or admin_review.comprehensive_resolution_rate: 5%)",
            "admin_review.corrected 为计数，实际为比率 5%：此处请填写计数，报告所列比率请写在"
            " stated: 下（admin_review.correction_rate: 5%或admin_review.correction_rate_decided:"
            " 5%或admin_review.comprehensive_resolution_rate: 5%）",
        ),
        (
            "indicator-in-values",
            "c.yaml",
            5,
            24,
            "values.admin_review.upheld",
            "admin_review.upheld is a count, found the rate 5%: write the count here,"
            " and a printed rate under stated:, by indicator id",
            "admin_review.upheld 为计数，实际为比率 5%：此处请填写计数，报告所列比率请写在"
            " stated: 下（按指标编号）",
        ),
    ] == _problems(f"{HEAD}values:\n  admin_review.corrected: 5%\n  admin_review.upheld: 5%\n")


def test_a_share_above_a_hedged_difference() -> None:
    """A share's numerator against a denominator that subtracts hedged counts.

    约20 is 15-25, 约10 is 5-15 and 18余 is 18-27, so closed - settled - withdrawn -
    terminated is at most 25 - 5 - 2 - 1 = 17, and at least 18 corrections exceed it;
    the parts of closed add up to at least 18 + 5 + 2 + 1 = 26, more than 25.
    """
    text = (
        f"{HEAD}values:\n"
        "  admin_review.closed: {value: 20, approx: 约}\n"
        "  admin_review.mediated_settled: {value: 10, approx: 约}\n"
        "  admin_review.withdrawn: 2\n"
        "  admin_review.terminated: 1\n"
        "  admin_review.corrected: {value: 18, approx: 余}\n"
    )
    parts = "admin_review.corrected, admin_review.mediated_settled, admin_review.withdrawn, "
    parts_zh = "admin_review.corrected、admin_review.mediated_settled、admin_review.withdrawn、"
    numerator = "admin_review.corrected"
    denominator = (
        "admin_review.closed - admin_review.mediated_settled - admin_review.withdrawn"
        " - admin_review.terminated"
    )
    assert [
        (
            "parts-exceed-total",
            "c.yaml",
            4,
            24,
            "values.admin_review.closed",
            f"the parts of admin_review.closed ({parts}admin_review.terminated) add up to"
            " 18 + 5 + 2 + 1 = 26, more than the total 25",
            f"admin_review.closed 的分项（{parts_zh}admin_review.terminated）合计"
            " 18 + 5 + 2 + 1 = 26，超过总数 25",
        ),
        (
            "share-above-total",
            "c.yaml",
            8,
            27,
            "values.admin_review.corrected",
            "admin_review.correction_rate_decided is a share, but its numerator"
            f" {numerator} = 18 exceeds its denominator {denominator} = 17",
            f"admin_review.correction_rate_decided 为占比，但分子 {numerator}（18）"
            f"大于分母 {denominator}（17）",
        ),
    ] == _problems(text)


def test_a_share_within_a_hedged_difference() -> None:
    """17 corrections fit under at most 17 decided reviews: no problem."""
    data = fz.parse_county_year(
        f"{HEAD}values:\n"
        "  admin_review.closed: {value: 20, approx: 约}\n"
        "  admin_review.mediated_settled: {value: 10, approx: 约}\n"
        "  admin_review.withdrawn: 2\n"
        "  admin_review.terminated: 1\n"
        "  admin_review.corrected: 17\n"
    )
    assert 17 == data.values["admin_review.corrected"].value


def test_a_value_that_cannot_be_read_is_left_out() -> None:
    """A wrong yes/no or count is a problem and is not kept among the values."""
    root = parse_yaml(
        f"{HEAD}values:\n"
        "  events.major_mass_incident: maybe\n"
        "  mediation.disputes_received: many\n"
        "  mediation.disputes_resolved: 3\n",
        "c.yaml",
    )
    assert isinstance(root, Mapping)
    c = Collector("c.yaml")
    data = county_year_from_node(c, root, fz.default_catalog())
    assert data is not None
    assert ["mediation.disputes_resolved"] == list(data.values)
    assert [
        ("wrong-type", 4, "values.events.major_mass_incident"),
        ("wrong-type", 5, "values.mediation.disputes_received"),
    ] == [(p.code, p.line, p.path) for p in c.problems]


def test_parsed_text_keeps_its_file_name() -> None:
    """The file name given with the text is the data's file."""
    data = fz.parse_county_year(HEAD, file="甲县.yaml")
    assert "甲县.yaml" == data.file


def test_bands_are_read_in_order() -> None:
    """Each band keeps its target and its points, in the order written."""
    profile = fz.load_profile(FIXTURES / "soundness" / "bands-exam-pass.yaml")
    rule = profile.item("enforcement.exam_pass_rate").rule
    assert isinstance(rule, Bands)
    assert (
        (parse_target(">= 95%"), Fraction(10)),
        (parse_target(">= 90%"), Fraction(5)),
    ) == rule.bands


def test_bands_without_a_list_are_placed_at_the_rule(tmp_path: Path) -> None:
    """A bands rule with no bands is a missing key at its ``rule:`` value."""
    text = (FIXTURES / "soundness" / "bands-exam-pass.yaml").read_text(encoding="utf-8")
    path = tmp_path / "no-bands.yaml"
    path.write_text(text.split("    bands:\n")[0], encoding="utf-8")
    with pytest.raises(fz.InputError) as caught:
        fz.load_profile(path)
    assert [
        (
            "missing-key",
            11,
            11,
            "rule bands needs a non-empty 'bands' list",
            "计分规则 bands 需要非空的 bands 列表",
        )
    ] == [(p.code, p.line, p.column, p.message, p.message_zh) for p in caught.value.problems]


def test_vetoes_are_read_as_written(catalog: fz.Catalog) -> None:
    """The shipped profile's first veto: its id, both names, field, condition and basis."""
    veto = catalog.profile("henan-demonstration-county").vetoes[0]
    assert (
        "serious_violation",
        Text(zh="严重违法行政行为造成恶劣影响", en="Serious illegal act with grave impact"),
        "events.serious_violation_incident",
        True,
        "assumption",
    ) == (veto.id, veto.name, veto.field, veto.when, veto.source.basis)


def test_floors_on_the_wrong_side_of_each_kind_of_target(tmp_path: Path) -> None:
    """Above a > target, below a <= or a < target: each floor is refused, in both languages."""
    path = tmp_path / "floors.yaml"
    path.write_text(
        'id: floors\nversion: "1"\ntitle: {zh: 下限, en: Floors}\n'
        "extends: henan-demonstration-county\nitems:\n"
        '  enforcement.exam_pass_rate: {target: "> 95%", floor: "99%"}\n'
        '  admin_litigation.loss_rate: {target: "<= 15%", rule: linear, floor: "10%"}\n'
        '  mediation.success_rate: {target: "< 15%", rule: linear, floor: "5%"}\n',
        encoding="utf-8",
    )
    with pytest.raises(fz.InputError) as caught:
        fz.load_profile(path)
    assert [
        (
            6,
            "the floor 99% must lie on the worse side of the target > 95%",
            "下限 99% 应位于目标 > 95% 的不利一侧",
        ),
        (
            7,
            "the floor 10% must lie on the worse side of the target <= 15%",
            "下限 10% 应位于目标 <= 15% 的不利一侧",
        ),
        (
            8,
            "the floor 5% must lie on the worse side of the target < 15%",
            "下限 5% 应位于目标 < 15% 的不利一侧",
        ),
    ] == [(p.line, p.message, p.message_zh) for p in caught.value.problems]


def test_a_share_of_exactly_100_percent_is_allowed() -> None:
    """Only a printed share above 100% is refused."""
    data = fz.parse_county_year(f"{HEAD}stated:\n  enforcement.exam_pass_rate: 100%\n")
    assert "100%" == data.stated["enforcement.exam_pass_rate"].text


def test_misspelt_chinese_note_keys_are_offered_field_and_indicator_names() -> None:
    """A Chinese note key close to a field's name or to an indicator's name is offered it."""
    found = _problems(f"{HEAD}notes:\n  行政诉讼收案树: a\n  行政诉讼败诉律: b\n")
    assert [
        ("notes.行政诉讼收案树", "unknown id '行政诉讼收案树'; did you mean '行政诉讼收案数'"),
        ("notes.行政诉讼败诉律", "unknown id '行政诉讼败诉律'; did you mean '行政诉讼败诉率'"),
    ] == [(path, str(message).split(" or ")[0]) for _, _, _, _, path, message, _ in found]


def test_a_node_keeps_only_its_own_warnings() -> None:
    """Warnings recorded before the node are not its own; its date inside the year is."""
    root = parse_yaml(
        f"{HEAD}values:\n  leadership.annual_report_published_on: 2023-06-01\n", "c.yaml"
    )
    assert isinstance(root, Mapping)
    c = Collector("c.yaml")
    c.add(None, "encoding-gb18030", "read as GB18030", "按 GB18030 读取", severity="warning")
    data = county_year_from_node(c, root, fz.default_catalog())
    assert data is not None
    assert [("date-in-year", 4, "warning")] == [(w.code, w.line, w.severity) for w in data.warnings]


def test_a_node_without_a_county_gives_no_data() -> None:
    """With the year but no county, the problem is recorded and nothing is built."""
    root = parse_yaml("year: 2023\n", "c.yaml")
    assert isinstance(root, Mapping)
    c = Collector("c.yaml")
    assert county_year_from_node(c, root, fz.default_catalog()) is None
    assert ["missing-key"] == [p.code for p in c.problems]


def test_settings_and_vetoes_missing_keys(tmp_path: Path) -> None:
    """A pass line without a value and a veto with only an id: each missing key, located."""
    path = tmp_path / "broken-settings.yaml"
    path.write_text(
        'id: broken-settings\nversion: "1"\ntitle: {zh: 设置错误, en: Broken settings}\n'
        "extends: henan-demonstration-county\npass_line: {basis: assumption}\n"
        "vetoes:\n  - {id: x}\n",
        encoding="utf-8",
    )
    with pytest.raises(fz.InputError) as caught:
        fz.load_profile(path)
    assert [
        ("missing-key", 5, 12, "pass_line.value"),
        ("missing-key", 7, 5, "vetoes[0].name"),
        ("missing-key", 7, 5, "vetoes[0].field"),
        ("missing-key", 7, 5, "vetoes[0].when"),
        ("missing-key", 7, 5, "vetoes[0].source"),
    ] == [(p.code, p.line, p.column, p.path) for p in caught.value.problems]
