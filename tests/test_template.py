"""The fill-in workbook: written from the catalogue, filled like a clerk, read back as data."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from template_filling import (
    CHANGES,
    EVIDENCE,
    HEDGE,
    INFO,
    NOTES,
    PREVIOUS,
    VALUE,
    fill,
    put,
    rows_by_id,
)

import fazhi_indicators as fz
from fazhi_indicators import _load
from fazhi_indicators._load.workbook import INFO_KEYS
from fazhi_indicators.cli import main
from fazhi_indicators.definitions import RateIndicator
from fazhi_indicators.history import check_changes

FILLED = Path(__file__).parent / "fixtures" / "template"
#: The row of a domain sheet's column headers.
FIRST_HEADER = 3
PROFILE = "henan-demonstration-county"


def _template(tmp_path: Path, *args: str) -> Path:
    """Write the template with the command line, as a clerk's colleague would."""
    out = tmp_path / "template.xlsx"
    assert 0 == main(["template", "--out", str(out), *args])
    return out


def _score_json(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert 0 == main(["score", str(path), "--format", "json"])
    document: dict[str, object] = json.loads(capsys.readouterr().out)
    return document


def _problems(path: Path) -> list[tuple[str, int | None, int | None, str]]:
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(path)
    for problem in caught.value.problems:
        assert str(path) == problem.file
        assert problem.message != problem.message_zh
    return [(p.code, p.line, p.column, p.path) for p in caught.value.problems]


# --- the round trip ---------------------------------------------------------------------


def test_filled_template_scores_as_the_yaml_file(
    tmp_path: Path, shenqiu: fz.CountyYear, capsys: pytest.CaptureFixture[str]
) -> None:
    """Generate, fill with Shenqiu 2023 by script, score: the same scorecard JSON as the YAML."""
    book = openpyxl.load_workbook(_template(tmp_path))
    capsys.readouterr()
    fill(book, shenqiu)
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    from_yaml = _score_json(fz.example_path("shenqiu-2023"), capsys)
    from_workbook = _score_json(filled, capsys)
    # Nothing names the input file in a scorecard, so nothing may differ.
    assert from_yaml == from_workbook
    assert from_yaml["items"], "the comparison covers the scored items"
    assert from_yaml["audit"], "and the audit"
    assert {"items", "total", "verdict", "audit", "reasons"} <= set(from_yaml)


def test_filled_template_loads_as_the_same_county_year(
    tmp_path: Path, shenqiu: fz.CountyYear
) -> None:
    book = openpyxl.load_workbook(_template(tmp_path))
    fill(book, shenqiu)
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    data = fz.load_county_year(filled)
    assert shenqiu == data
    assert dict(shenqiu.notes) == dict(data.notes)
    assert dict(shenqiu.source) == dict(data.source)
    assert str(filled) == data.file


def test_committed_filled_workbook_still_loads(shenqiu: fz.CountyYear) -> None:
    """A workbook filled with the template as it was when the fixture was made keeps loading."""
    assert shenqiu == fz.load_county_year(FILLED / "shenqiu-2023.xlsx")


def test_hedges_and_rates_written_every_way(tmp_path: Path) -> None:
    """1200余 as 1200 + 余; 约95% as 95% + 约; a percent cell and a rate with two decimals."""
    book = openpyxl.load_workbook(_template(tmp_path))
    put(book, "county", INFO, "测试县")
    put(book, "year", INFO, "2023")  # a year typed into a text cell
    put(book, "legal_aid.consultations", VALUE, 1200)
    put(book, "legal_aid.consultations", HEDGE, "余")
    put(book, "mediation.success_rate", VALUE, "95%")
    put(book, "mediation.success_rate", HEDGE, "约")
    put(book, "admin_litigation.closure_rate", VALUE, "64.10%")
    sheet, row = rows_by_id(book)["enforcement.exam_pass_rate"]
    sheet.cell(row=row, column=VALUE).value = 0.905  # typed 90.5% into a General cell
    sheet.cell(row=row, column=VALUE).number_format = "0.0%"
    put(book, "enforcement.exam_participants", VALUE, "443")  # digits in a text cell
    put(book, "enforcement.exam_passed", VALUE, 401.0)  # Excel's numbers are floats
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    expected = fz.county_year(
        "测试县",
        2023,
        values={
            "legal_aid.consultations": {"value": 1200, "approx": "余"},
            "enforcement.exam_participants": 443,
            "enforcement.exam_passed": 401,
        },
        stated={
            "mediation.success_rate": "约95%",
            "admin_litigation.closure_rate": "64.10%",
            "enforcement.exam_pass_rate": "90.5%",
        },
    )
    data = fz.load_county_year(filled)
    assert expected == data
    assert 2 == data.stated["admin_litigation.closure_rate"].places
    assert "约" == data.stated["mediation.success_rate"].approx


def test_english_template_with_yes_no_and_a_date(tmp_path: Path) -> None:
    """The English template takes yes/no; a date cell holds a date; 2024年3月28日 is read too."""
    book = openpyxl.load_workbook(_template(tmp_path, "--lang", "en"))
    assert "Instructions" == book.worksheets[0].title
    put(book, "county", INFO, "Test county")
    put(book, "year", INFO, 2023)
    put(book, "events.major_mass_incident", VALUE, "no")
    put(book, "events.serious_violation_incident", VALUE, False)  # noqa: FBT003 - Excel's FALSE
    put(book, "leadership.annual_report_published_on", VALUE, dt.datetime(2024, 3, 28))  # noqa: DTZ001
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    data = fz.load_county_year(filled)
    assert data.value("events.major_mass_incident") is False
    assert data.value("events.serious_violation_incident") is False
    assert dt.date(2024, 3, 28) == data.value("leadership.annual_report_published_on")
    put(book, "leadership.annual_report_published_on", VALUE, "2024年3月28日")
    book.save(filled)
    assert dt.date(2024, 3, 28) == fz.load_county_year(filled).value(
        "leadership.annual_report_published_on"
    )


# --- evidence and other figures -----------------------------------------------------------


def test_evidence_and_notes_are_kept_in_the_notes() -> None:
    """Evidence goes into the item's notes after 佐证：, beside any note the clerk wrote."""
    notes = fz.load_county_year(FILLED / "evidence.xlsx").notes
    assert (
        "另有12人缺考；佐证：沈丘县行政执法人员资格考试成绩通报（沈司〔2023〕15号）"
        == notes["enforcement.exam_passed"]
    )
    assert notes["legal_aid.cases_total"].endswith("；佐证：https://www.shenqiu.gov.cn/")
    assert "佐证：沈丘县人民法院行政审判白皮书" == notes["admin_litigation.head_appearance_rate"]


def test_evidence_reaches_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["score", str(FILLED / "evidence.xlsx")])
    assert "佐证：沈丘县人民法院行政审判白皮书" in capsys.readouterr().out


def test_other_figures_are_read_as_other_figures() -> None:
    """Each row is a figure of ``other:``: its value as printed, its hedge and unit, its quote."""
    data = fz.load_county_year(FILLED / "other-figures.xlsx")
    assert [
        ("办事提供材料减少", "约24%", "rate", "gov_services.items_total"),
        ("行政执法大比武参加人数", "260人", "count", "enforcement.case_files_reviewed"),
        ("法律咨询", "1200余件", "count", None),
        ("实际利用外资", "1.98亿美元", "amount", None),
    ] == [(f.label, f.display(), f.kind, f.about) for f in data.other]
    consultations, investment = data.other[2], data.other[3]
    assert (1200, "余", "件") == (consultations.value, consultations.approx, consultations.unit)
    assert "解答法律咨询1200余件" == consultations.quote
    assert Decimal("1.98") == investment.value
    # A row is placed at its label's cell.
    assert [(4, 4), (5, 4), (6, 4), (7, 4)] == [(f.line, f.column) for f in data.other]


def test_evidence_and_notes_of_an_other_figure_go_to_its_item() -> None:
    notes = fz.load_county_year(FILLED / "other-figures.xlsx").notes
    # After the note the clerk wrote on the field's own row.
    assert notes["enforcement.case_files_reviewed"].endswith(
        "执法单位260名执法人员参加行政执法大比武，9家单位获市县奖励；"
        "其他数据“行政执法大比武参加人数”：佐证：沈司〔2023〕20号；分两轮"
    )
    # A quote stays with its figure: the field's note is Shenqiu's own.
    assert "企业和群众到中心窗口办事提供的材料同比减少70%以上" == notes["gov_services.items_total"]


def test_other_figures_reach_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    document = _score_json(FILLED / "other-figures.xlsx", capsys)
    other = document["other"]
    assert isinstance(other, list)
    assert ["约24%", "260人", "1200余件", "1.98亿美元"] == [f["display"] for f in other]


def test_other_figures_written_by_a_clerk(tmp_path: Path) -> None:
    """Typed in a fresh template: a percentage cell, an id, a unit written apart."""
    book = openpyxl.load_workbook(_template(tmp_path))
    put(book, "county", INFO, "测试县")
    put(book, "year", INFO, 2023)
    other = book["其他数据"]
    other["C4"] = "enforcement.case_files_reviewed"
    other["D4"] = "案卷评查优秀率"
    other["E4"] = 0.925
    other["E4"].number_format = "0.0%"
    other["D5"] = "法律咨询"
    other["E5"] = "近50"
    other["F5"] = "人次"
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    rate, hedged = fz.load_county_year(filled).other
    assert ("92.5%", "enforcement.case_files_reviewed") == (rate.display(), rate.about)
    assert ("近50人次", "近") == (hedged.display(), hedged.approx)


# --- last year's figures -------------------------------------------------------------------


def test_last_years_figures_are_read_into_previous(tmp_path: Path) -> None:
    """Tongzhou 2023 prints 2022's 558 applications: the 上年 column carries them to previous:."""
    tongzhou = fz.load_county_year(fz.example_path("tongzhou-2023"))
    book = openpyxl.load_workbook(_template(tmp_path))
    fill(book, tongzhou)
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    data = fz.load_county_year(filled)
    assert {2022} == set(data.previous)
    assert tongzhou.previous[2022].values == data.previous[2022].values
    # The printed changes, in the changes column, are checked as in the YAML file.
    assert tongzhou.changes == data.changes
    assert ["consistent", "consistent"] == [
        c.status for c in check_changes(fz.default_catalog(), data)
    ]


def test_changes_are_read_at_their_cell(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_template(tmp_path))
    put(book, "county", INFO, "测试县")
    put(book, "year", INFO, 2023)
    put(book, "admin_review.applications_received", VALUE, 1113)
    put(book, "admin_review.applications_received", PREVIOUS, 558)
    where = put(book, "admin_review.applications_received", CHANGES, "增加555件；同比增长95%")
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    data = fz.load_county_year(filled)
    assert ["增加555件", "同比增长95%"] == [c.text for c in data.changes]
    checks = check_changes(fz.default_catalog(), data)
    assert ["consistent", "inconsistent"] == [c.status for c in checks]
    put(book, "admin_review.applications_received", CHANGES, "增加555件；翻了一番")
    book.save(filled)
    (problem,) = _problems(filled)
    assert ("bad-change", where) == (problem[0], problem[3])


def test_last_years_figures_hedged_and_as_percentages(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_template(tmp_path))
    put(book, "county", INFO, "测试县")
    put(book, "year", INFO, 2023)
    put(book, "enforcement.exam_participants", PREVIOUS, "400余")
    put(book, "enforcement.exam_pass_rate", PREVIOUS, "94.0%")
    sheet, row = rows_by_id(book)["mediation.success_rate"]
    sheet.cell(row=row, column=PREVIOUS).value = 0.925
    sheet.cell(row=row, column=PREVIOUS).number_format = "0.0%"
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    earlier = fz.load_county_year(filled).previous[2022]
    participants = earlier.values["enforcement.exam_participants"]
    assert (400, "余") == (participants.value, participants.approx)
    assert {"enforcement.exam_pass_rate": "94.0%", "mediation.success_rate": "92.5%"} == {
        k: r.text for k, r in earlier.stated.items()
    }


# --- what the template looks like ------------------------------------------------------------


@pytest.fixture(name="book", scope="module")
def _book() -> openpyxl.Workbook:
    catalog = fz.default_catalog()
    data = _load.template_workbook(catalog, catalog.profile(PROFILE))
    return openpyxl.load_workbook(io.BytesIO(data))


def test_sheets_instructions_first_one_per_domain(book: openpyxl.Workbook) -> None:
    catalog = fz.default_catalog()
    names = book.sheetnames
    assert ["填报说明", "基本信息"] == names[:2]
    assert {d.zh for d in catalog.domains.values()} == set(names[2:-2])
    assert ["其他数据", "名称列表"] == names[-2:]
    assert "hidden" == book["名称列表"].sheet_state
    # The profile's first area is about decisions and normative documents: those come first.
    assert ["重大行政决策", "规范性文件", "行政执法"] == names[2:5]
    readme = "\n".join(
        str(c.value) for row in book["填报说明"].iter_rows() for c in row if c.value is not None
    )
    for words in ("基本信息", "约/近/余/多", "佐证材料", "其他数据", "评分", "留空"):
        assert words in readme


def _rows(sheet: Worksheet) -> list[tuple[object, ...]]:
    return [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=4)]


def test_every_field_and_rate_has_one_row(book: openpyxl.Workbook) -> None:
    catalog = fz.default_catalog()
    rows = rows_by_id(book)
    rates = {i for i, d in catalog.indicators.items() if isinstance(d, RateIndicator)}
    assert {*catalog.fields, *rates} == {k for k in rows if k not in INFO_KEYS}
    sheet, row = rows["enforcement.exam_passed"]
    assert "行政执法" == sheet.title
    name, unit = sheet.cell(row=row, column=4).value, sheet.cell(row=row, column=5).value
    assert ("执法资格考试通过人数", "人") == (name, unit)
    definition = str(sheet.cell(row=row, column=6).value)
    assert "执法资格考试参考人数" in definition
    assert "执法资格考试通过率" in definition


def test_scored_fields_come_first_and_are_marked(book: openpyxl.Workbook) -> None:
    catalog = fz.default_catalog()
    profile = catalog.profile(PROFILE)
    scored = {f for item in profile.items for f in catalog.indicators[item.indicator].fields}
    vetoes = {veto.field for veto in profile.vetoes}
    for sheet in book.worksheets[2:-2]:
        marks = []
        for row in _rows(sheet):
            if row[0] == "#rates":
                break
            if isinstance(row[0], str) and not row[0].startswith("#"):
                expected = "否决" if row[0] in vetoes else "计分" if row[0] in scored else None
                assert expected == row[2], row[0]
                marks.append(row[2] is not None)
        assert marks == sorted(marks, reverse=True), sheet.title


def test_rate_rows_show_formula_and_target(book: openpyxl.Workbook) -> None:
    sheet, row = rows_by_id(book)["enforcement.exam_pass_rate"]
    assert "计分" == sheet.cell(row=row, column=3).value
    assert "%" == sheet.cell(row=row, column=5).value
    assert "执法资格考试通过人数 ÷ 执法资格考试参考人数；评分目标 ≥95%（10分）" == (
        sheet.cell(row=row, column=6).value
    )
    assert "@" == sheet.cell(row=row, column=VALUE).number_format  # 90.5% stays as typed


def _validation(sheet: Worksheet, cell: str) -> tuple[str | None, str | None, str | None]:
    for rule in sheet.data_validations.dataValidation:
        if cell in rule.sqref:
            return rule.type, rule.operator, rule.formula1
    return None, None, None


def test_inputs_are_validated(book: openpyxl.Workbook) -> None:
    rows = rows_by_id(book)

    def rule(key: str, column: int = VALUE) -> tuple[str | None, str | None, str | None]:
        sheet, row = rows[key]
        return _validation(sheet, f"{openpyxl.utils.get_column_letter(column)}{row}")

    assert ("whole", "greaterThanOrEqual", "0") == rule("enforcement.exam_passed")
    assert (None, None, None) == rule("enforcement.exam_passed", PREVIOUS)  # 400余 is allowed
    assert "textLength" == rule("enforcement.exam_pass_rate", PREVIOUS)[0]
    assert (None, None, None) == rule("events.major_mass_incident", PREVIOUS)
    assert ("list", None, '"约,近,余,多"') == rule("enforcement.exam_passed", HEDGE)
    assert ("list", None, '"是,否"') == rule("events.major_mass_incident")
    assert "date" == rule("leadership.annual_report_published_on")[0]
    assert ("whole", "between", "1949") == rule("year", INFO)
    assert (None, None, None) == rule("events.major_mass_incident", HEDGE)


def test_only_inputs_are_unlocked(book: openpyxl.Workbook) -> None:
    sheet, row = rows_by_id(book)["enforcement.exam_passed"]
    assert sheet.protection.sheet
    assert sheet.column_dimensions["A"].hidden
    for column in (VALUE, HEDGE, EVIDENCE, NOTES, PREVIOUS):
        assert not sheet.cell(row=row, column=column).protection.locked
    assert "上年数值（报告所列）" == sheet.cell(row=FIRST_HEADER, column=PREVIOUS).value
    event, event_row = rows_by_id(book)["events.major_mass_incident"]
    assert event.cell(row=event_row, column=PREVIOUS).protection.locked
    for column in (1, 2, 3, 4, 5, 6):
        assert sheet.cell(row=row, column=column).protection.locked


def test_another_profile_orders_by_its_own_items(tmp_path: Path) -> None:
    profile = Path(__file__).parent / "fixtures" / "panel" / "three-items.yaml"
    book = openpyxl.load_workbook(_template(tmp_path, "--profile", str(profile)))
    assert ["行政应诉", "行政执法", "人民调解"] == book.sheetnames[2:5]
    sheet, row = rows_by_id(book)["normative_documents.issued"]
    assert sheet.cell(row=row, column=3).value is None  # not scored by this profile


# --- problems ------------------------------------------------------------------------------

#: fixture → the problems it must give: (code, row, column, sheet!cell).
EXPECTED: dict[str, list[tuple[str, int | None, int | None, str]]] = {
    "count-text": [("wrong-type", 5, 7, "行政执法!G5")],
    "exceeds-total": [("exceeds-total", 5, 7, "行政执法!G5")],
    "no-county": [("wrong-type", 4, 3, "基本信息!C4")],
    "previous-problems": [
        ("exceeds-total", 5, 11, "行政执法!K5"),  # 420 passed of 400
        ("wrong-type", 6, 11, "法律援助!K6"),  # 七百
        ("bad-rate", 42, 11, "行政执法!K42"),  # 94.0 without %
    ],
    "other-problems": [
        ("missing-key", 4, 4, "其他数据!D4"),  # no label
        ("missing-key", 5, 5, "其他数据!E5"),  # no value
        ("bad-figure", 6, 5, "其他数据!E6"),  # 七十件
        ("out-of-range", 7, 5, "其他数据!E7"),  # -5
        ("conflict", 8, 6, "其他数据!F8"),  # 1200余件 and 人
        ("unknown-id", 9, 3, "其他数据!C9"),  # 政务服务事项树
        ("missing-key", 10, 3, "其他数据!C10"),  # evidence, and nothing it is about
    ],
    "not-a-template": [("unreadable", None, None, "")],
    "not-a-workbook": [("unreadable", None, None, "")],
    "damaged": [("unreadable", None, None, "")],
    "many-problems": [
        ("wrong-type", 4, 7, "行政执法!G4"),
        ("out-of-range", 4, 7, "人民调解!G4"),
        ("wrong-type", 4, 7, "组织领导!G4"),
        ("bad-choice", 4, 8, "否决事项!H4"),
        ("wrong-type", 5, 3, "基本信息!C5"),
        ("indicator-in-values", 5, 7, "行政执法!G5"),
        ("wrong-type", 5, 7, "否决事项!G5"),
        ("bad-choice", 5, 8, "人民调解!H5"),
        ("unknown-id", 9, 4, "规范性文件!D9"),
        ("duplicate-key", 11, 4, "规范性文件!D11"),
        ("missing-key", 11, 8, "法律援助!H11"),
        ("bad-rate", 14, 7, "行政应诉!G14"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_workbook_gives_located_problems(name: str) -> None:
    assert EXPECTED[name] == _problems(FILLED / f"{name}.xlsx")


def test_text_in_a_count_cell_says_what_was_found() -> None:
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(FILLED / "count-text.xlsx")
    (problem,) = caught.value.problems
    assert "应为整数，实际为文本“四百零一”" == problem.message_zh
    assert "[行政执法!G5]" in problem.format("zh")


def test_workbook_problems_speak_to_a_clerk() -> None:
    """Advice names the template's columns, never YAML's keys."""
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(FILLED / "many-problems.xlsx")
    by_cell = {p.path: p for p in caught.value.problems}
    assert "此处请填 443，并在“约/近/余/多”列选择“余”" in by_cell["行政执法!G4"].message_zh
    assert "“执法资格考试通过率”一行" in by_cell["行政执法!G5"].message_zh
    assert "应为“是”或“否”，实际为“有”" == by_cell["否决事项!G5"].message_zh
    assert "法律援助!G11" in by_cell["法律援助!H11"].message_zh
    assert "规范性文件!D8" in by_cell["规范性文件!D11"].message_zh
    assert "normative_documents.backfilled" in by_cell["规范性文件!D9"].message
    for problem in caught.value.problems:
        assert "stated:" not in problem.message_zh
        assert "{value" not in problem.message_zh


@pytest.mark.parametrize("command", ["score", "check"])
def test_command_exits_2_naming_sheet_and_cell(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 2 == main([command, str(FILLED / "count-text.xlsx")])
    captured = capsys.readouterr()
    assert "行政执法!G5" in captured.err
    assert "四百零一" in captured.err


def test_check_lists_the_filled_workbook(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["check", str(FILLED / "shenqiu-2023.xlsx")])
    assert "沈丘县 2023" in capsys.readouterr().out


def test_year_outside_the_profile_is_located_at_its_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.load_workbook(_template(tmp_path))
    put(book, "county", INFO, "测试县")
    cell = put(book, "year", INFO, 2019)
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    capsys.readouterr()
    assert 2 == main(["score", str(filled)])
    assert f"[{cell}]" in capsys.readouterr().err


# --- the command --------------------------------------------------------------------------


def test_template_refuses_to_overwrite_and_needs_xlsx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _template(tmp_path)
    before = out.read_bytes()
    assert 2 == main(["template", "--out", str(out)])
    assert "--force" in capsys.readouterr().err
    assert before == out.read_bytes()
    assert 0 == main(["template", "--out", str(out), "--force"])
    assert 2 == main(["template", "--out", str(tmp_path / "template.csv")])
    assert ".xlsx" in capsys.readouterr().err
    assert not (tmp_path / "template.csv").exists()


def test_template_needs_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the excel extra the template says what to install; reading says so too."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    catalog = fz.default_catalog()
    with pytest.raises(_load.ExcelMissingError) as caught:
        _load.template_workbook(catalog, catalog.profile(PROFILE))
    assert "fazhi-indicators[excel]" in caught.value.text("zh")
    assert [("unreadable", None, None, "")] == _problems(FILLED / "shenqiu-2023.xlsx")


@pytest.mark.subprocess
def test_importing_the_library_does_not_need_openpyxl() -> None:
    code = (
        "import sys; sys.modules['openpyxl'] = None\n"
        "import fazhi_indicators as fz\n"
        "print(fz.score(fz.load_county_year(fz.example_path('shenqiu-2023'))).county)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert 0 == done.returncode, done.stderr
    assert "沈丘县" == done.stdout.strip()


def test_damaged_workbook_says_so() -> None:
    """A sheet openpyxl cannot parse is a problem about the file, not an internal error."""
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(FILLED / "damaged.xlsx")
    (problem,) = caught.value.problems
    assert "已损坏" in problem.message_zh
    assert problem.message.startswith("a sheet of the workbook cannot be read (")
