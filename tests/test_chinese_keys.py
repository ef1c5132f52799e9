"""Keys may be the catalogue's Chinese names: in county files, in panel headers."""

from __future__ import annotations

from pathlib import Path

import pytest

import fazhi_indicators as fz

KEYS = Path(__file__).parent / "fixtures" / "chinese-keys"


def _problems(path: Path, catalog: fz.Catalog | None = None) -> list[fz.Problem]:
    load = fz.load_panel if path.suffix == ".csv" else fz.load_county_year
    with pytest.raises(fz.InputError) as caught:
        load(path, catalog)
    return list(caught.value.problems)


def test_chinese_names_load_as_the_ids(shenqiu: fz.CountyYear) -> None:
    """Shenqiu 2023 keyed by Chinese names under values, stated and notes is the same data."""
    data = fz.load_county_year(KEYS / "shenqiu-2023-zh.yaml")
    assert "执法资格考试通过人数" in (KEYS / "shenqiu-2023-zh.yaml").read_text(encoding="utf-8")
    assert shenqiu == data
    assert dict(shenqiu.notes) == dict(data.notes)
    assert 401 == data.value("enforcement.exam_passed")
    assert "64.1%" == data.stated["admin_litigation.closure_rate"].text


def test_chinese_names_score_as_the_ids(shenqiu: fz.CountyYear) -> None:
    data = fz.load_county_year(KEYS / "shenqiu-2023-zh.yaml")
    assert fz.score(shenqiu).to_json() == fz.score(data).to_json()


def test_chinese_names_in_code() -> None:
    """A county-year built in Python may use the Chinese names too."""
    data = fz.county_year(
        "测试县",
        2023,
        values={"执法资格考试参考人数": 443, "执法资格考试通过人数": 401},
        stated={"行政机关负责人出庭应诉率": "100%"},
    )
    assert 401 == data.value("enforcement.exam_passed")
    assert "100%" == data.stated["admin_litigation.head_appearance_rate"].text


def test_misspelt_chinese_name_suggests_chinese_names() -> None:
    problems = _problems(KEYS / "unknown-name.yaml")
    assert [
        ("unknown-id", 5, 3, "values.执法资格考试通过人"),
        ("unknown-id", 7, 3, "stated.执法资格考试通过"),
    ] == [(p.code, p.line, p.column, p.path) for p in problems]
    assert "'执法资格考试通过人数'" in problems[0].message
    assert "“执法资格考试通过人数”" in problems[0].message_zh
    assert "“执法资格考试通过率”" in problems[1].message_zh


def test_misspelt_id_is_answered_with_ids_only(catalog: fz.Catalog) -> None:
    """An English typo is not answered with Chinese names."""
    with pytest.raises(fz.InputError) as caught:
        fz.county_year("测试县", 2023, values={"enforcement.exam_pased": 1}, catalog=catalog)
    (problem,) = caught.value.problems
    assert "'enforcement.exam_passed'" in problem.message
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in problem.message)


def test_id_and_chinese_name_of_one_field_is_a_duplicate() -> None:
    (problem,) = _problems(KEYS / "id-and-name.yaml")
    assert ("duplicate-key", 6, 3) == (problem.code, problem.line, problem.column)
    assert "enforcement.exam_passed" in problem.message
    assert "第5行" in problem.message_zh


def test_indicator_name_under_values_says_where_rates_go() -> None:
    (problem,) = _problems(KEYS / "rate-name-in-values.yaml")
    assert "indicator-in-values" == problem.code
    assert "stated:" in problem.message
    assert "enforcement.exam_pass_rate: 90.5%" in problem.message


def test_a_name_two_entries_share_is_an_error_naming_both() -> None:
    """受理数 names two fields; 办结率 a field and an indicator (under notes: either)."""
    catalog = fz.load_catalog(KEYS / "twin-names")
    problems = _problems(KEYS / "twin-names.yaml", catalog)
    assert [("ambiguous-name", 5, 3), ("ambiguous-name", 8, 3)] == [
        (p.code, p.line, p.column) for p in problems
    ]
    assert "demo.received and demo.accepted" in problems[0].message
    assert "demo.received 和 demo.accepted" in problems[0].message_zh
    assert "demo.closed and demo.closure_rate" in problems[1].message


def test_under_values_a_field_name_wins_over_an_indicator_name() -> None:
    """办结率 is a field and an indicator; values: holds fields, so the field is meant."""
    catalog = fz.load_catalog(KEYS / "twin-names")
    data = fz.county_year("甲县", 2023, values={"办结率": 9}, catalog=catalog)
    assert 9 == data.value("demo.closed")


def test_panel_headers_may_be_chinese_names() -> None:
    """A field's name is its column; an indicator's name, bare or after stated:, its stated rate."""
    (row,) = fz.load_panel(KEYS / "panel-zh.csv").rows
    assert 443 == row.value("enforcement.exam_participants")
    assert 401 == row.value("enforcement.exam_passed")
    assert "90.5%" == row.stated["enforcement.exam_pass_rate"].text
    assert "100%" == row.stated["admin_litigation.head_appearance_rate"].text


def test_panel_header_problems_with_chinese_names() -> None:
    problems = _problems(KEYS / "panel-zh-bad.csv")
    assert [("duplicate-key", 1, 4), ("unknown-id", 1, 5)] == [
        (p.code, p.line, p.column) for p in problems
    ]
    assert "执法资格考试参考人数" in problems[0].message_zh
    assert "“执法资格考试通过人数”" in problems[1].message_zh


def test_a_bare_indicator_id_is_still_no_column(tmp_path: Path) -> None:
    """Only a Chinese name stands for its stated rate; an id column must say stated:."""
    path = tmp_path / "panel.csv"
    path.write_text("county,year,enforcement.exam_pass_rate\n甲县,2023,90%\n", encoding="utf-8")
    (problem,) = _problems(path)
    assert "unknown-id" == problem.code
    assert "stated:enforcement.exam_pass_rate" in problem.message
