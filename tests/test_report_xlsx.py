"""Excel workbooks of a scorecard and a panel, read back as a clerk's spreadsheet would be."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.worksheet.worksheet import Worksheet

import fazhi_indicators as fz
from fazhi_indicators.cli import main
from fazhi_indicators.render import panel_json
from fazhi_indicators.report_xlsx import (
    formula_like,
    panel_xlsx,
    safe_cell_text,
    scorecard_xlsx,
)

FIXTURES = Path(__file__).parent / "fixtures"
PANEL = FIXTURES / "panel" / "henan-2023.csv"
INJECTION = '=HYPERLINK("http://x","y")'
AnyCell = Cell | MergedCell

#: The words a clerk's score sheet uses, as the workbook must show them.
SHEETS = {
    "zh": ["汇总", "评分项", "核对", "来源与备注"],
    "en": ["Summary", "Items", "Audit", "Sources and notes"],
}
ITEM_COLUMNS = {
    "zh": {
        "area": "一级指标",
        "name": "指标",
        "id": "指标编号",
        "value": "数值",
        "exact": "精确值",
        "display": "显示值",
        "target": "目标",
        "status": "状态",
        "points": "自评分",
        "points_high": "自评分上限",
        "max_points": "分值",
        "exact_points": "得分精确值",
        "gap": "差距（按整件计）",
        "mandatory": "必达项",
        "basis": "阈值依据",
        "note": "评分说明",
    },
    "en": {
        "area": "Area",
        "name": "Indicator",
        "id": "Indicator id",
        "value": "Value",
        "exact": "Exact value",
        "display": "As shown",
        "target": "Target",
        "status": "Status",
        "points": "Points",
        "points_high": "Points, best case",
        "max_points": "Max points",
        "exact_points": "Exact points",
        "gap": "Gap (whole cases)",
        "mandatory": "Mandatory",
        "basis": "Basis of the threshold",
        "note": "Scoring note",
    },
}
STATUS_WORDS = {
    "zh": {"MET": "达标", "NOT_MET": "未达标", "MISSING": "缺数据", "UNDETERMINED": "待定"},
    "en": {
        "MET": "met",
        "NOT_MET": "not met",
        "MISSING": "missing",
        "UNDETERMINED": "undetermined",
    },
}


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _records(sheet: Worksheet) -> list[dict[str, AnyCell]]:
    """The rows under the header, each by its header's words."""
    rows = list(sheet.iter_rows())
    headers = [str(cell.value) for cell in rows[0]]
    return [dict(zip(headers, row, strict=True)) for row in rows[1:]]


def _headers(sheet: Worksheet) -> list[str]:
    return [str(cell.value) for cell in next(sheet.iter_rows(max_row=1))]


def _fraction(cell: AnyCell) -> Fraction:
    """A numeric cell's value, which a workbook holds to about 15 digits."""
    assert "n" == cell.data_type, cell.coordinate
    assert isinstance(cell.value, int | float)
    return Fraction(str(cell.value))


def _close(expected: Fraction, cell: AnyCell) -> bool:
    return abs(_fraction(cell) - expected) < Fraction(1, 10**12)


def _fill(cell: AnyCell) -> str:
    return str(cell.fill.fgColor.rgb)


@pytest.fixture(name="shenqiu_files", scope="module")
def _shenqiu_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """`fazhi score --format xlsx --out x.xlsx` in each language."""
    folder = tmp_path_factory.mktemp("xlsx")
    files = {}
    for lang in ("zh", "en"):
        out = folder / f"shenqiu-{lang}.xlsx"
        assert 0 == main(["score", "--format", "xlsx", "--lang", lang, "--out", str(out)])
        files[lang] = out.read_bytes()
    return files


@pytest.fixture(name="shenqiu_json", scope="module")
def _shenqiu_json() -> dict[str, Any]:
    data = fz.load_county_year(fz.example_path("shenqiu-2023"))
    document: dict[str, Any] = json.loads(fz.score(data).to_json())
    return document


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_four_sheets_with_their_headers(shenqiu_files: dict[str, bytes], lang: str) -> None:
    book = _book(shenqiu_files[lang])
    assert SHEETS[lang] == book.sheetnames
    summary, items, audit, sources = (book[name] for name in SHEETS[lang])
    assert {
        "zh": ["项目", "内容", "精确值", "说明"],
        "en": ["Item", "Value", "Exact value", "Note"],
    }[lang] == _headers(summary)
    assert set(ITEM_COLUMNS[lang].values()) <= set(_headers(items))
    assert {
        "zh": ["序号", "核对对象", "编号", "结果", "说明"],
        "en": ["No.", "Checked", "Id", "Result", "Detail"],
    }[lang] == _headers(audit)
    assert {
        "zh": ["类别", "项目", "编号", "内容"],
        "en": ["Kind", "About", "Key", "Text"],
    }[lang] == _headers(sources)
    for sheet in (summary, items, audit, sources):
        assert "A2" == sheet.freeze_panes, sheet.title
        assert all(cell.font.bold for cell in next(sheet.iter_rows(max_row=1)))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_item_as_in_the_json(
    shenqiu_files: dict[str, bytes], shenqiu_json: dict[str, Any], lang: str
) -> None:
    column = ITEM_COLUMNS[lang]
    rows = _records(_book(shenqiu_files[lang])[SHEETS[lang][1]])
    items = shenqiu_json["items"]
    assert [item["indicator"] for item in items] == [row[column["id"]].value for row in rows]
    for item, row in zip(items, rows, strict=True):
        assert STATUS_WORDS[lang][item["status"]] == row[column["status"]].value
        assert _close(Fraction(item["points"]), row[column["points"]])
        assert _close(Fraction(item["points_high"]), row[column["points_high"]])
        assert _close(Fraction(item["max_points"]), row[column["max_points"]])
        exact_points = item["points"]
        if item["points_high"] != item["points"]:
            exact_points += "–" + item["points_high"]
        assert exact_points == row[column["exact_points"]].value
        assert item["target_zh" if lang == "zh" else "target"] == row[column["target"]].value
        assert (item["mandatory"], True) == (
            row[column["mandatory"]].value == {"zh": "是", "en": "yes"}[lang],
            row[column["mandatory"]].value in {"是", "否", "yes", "no"},
        )


def test_rates_are_percent_numbers_beside_their_exact_fraction(
    shenqiu_files: dict[str, bytes], shenqiu_json: dict[str, Any]
) -> None:
    column = ITEM_COLUMNS["zh"]
    rows = {r[column["id"]].value: r for r in _records(_book(shenqiu_files["zh"])["评分项"])}
    computed = [item for item in shenqiu_json["items"] if item["source"] == "computed"]
    assert computed
    for item in computed:
        row = rows[item["indicator"]]
        value, exact = row[column["value"]], row[column["exact"]]
        assert "%" in value.number_format
        assert _close(Fraction(item["value"]), value)
        assert Fraction(item["value"]) == Fraction(str(exact.value))
        assert "s" == exact.data_type
        assert item["display"] == row[column["display"]].value
    # Counts as the report gives them: 401 passes of 443 sat, not a reduced fraction.
    assert "401/443" == rows["enforcement.exam_pass_rate"][column["exact"]].value
    stated = [item for item in shenqiu_json["items"] if item["source"] == "stated"]
    assert stated
    for item in stated:
        row = rows[item["indicator"]]
        assert item["interval_text"] == row[column["exact"]].value
        assert "%" in row[column["value"]].number_format
        assert "报告值" in str(row[column["display"]].value)


def test_gap_in_whole_cases_and_scoring_notes(shenqiu_files: dict[str, bytes]) -> None:
    column = ITEM_COLUMNS["zh"]
    rows = {r[column["id"]].value: r for r in _records(_book(shenqiu_files["zh"])["评分项"])}
    exam = rows["enforcement.exam_pass_rate"]
    # ⌈95% × 443⌉ − 401 = 20 more passes.
    assert "执法资格考试通过人数增加20人" == exam[column["gap"]].value
    certification = rows["enforcement.certification_rate"]
    assert "缺少数据；请填报“持证在岗执法人员数”“在岗执法人员数”" == (
        certification[column["note"]].value
    )
    assert str(certification[column["basis"]].value).startswith("法律法规（")
    assert "本项目假设" == exam[column["basis"]].value


def test_an_undetermined_item_scores_a_range(tmp_path: Path) -> None:
    """60.0% printed against >= 60% may be 59.95%: 0 to 4 points, said in every column."""
    out = tmp_path / "range.xlsx"
    fixture = FIXTURES / "xlsx" / "undetermined.yaml"
    assert 0 == main(["score", str(fixture), "--format", "xlsx", "--out", str(out)])
    column = ITEM_COLUMNS["zh"]
    rows = {r[column["id"]].value: r for r in _records(_book(out.read_bytes())["评分项"])}
    row = rows["admin_litigation.closure_rate"]
    assert "待定" == row[column["status"]].value
    assert 0 == row[column["points"]].value
    assert 4 == row[column["points_high"]].value
    assert "0–4" == row[column["exact_points"]].value
    assert "按现有数据无法判定：得分介于0与4分之间" == row[column["note"]].value
    assert "[59.95%, 60.1%)" == row[column["exact"]].value
    colours = {_fill(r[column["status"]]) for r in rows.values()}
    assert _fill(row[column["status"]]) in colours
    met = rows["enforcement.exam_pass_rate"]
    assert _fill(met[column["status"]]) != _fill(row[column["status"]])
    # Counts as given (370 of 380), not reduced to 37/38.
    assert "370/380" == met[column["exact"]].value


def test_status_colours_differ_by_status(shenqiu_files: dict[str, bytes]) -> None:
    column = ITEM_COLUMNS["zh"]
    colours: dict[str, set[str]] = {}
    for row in _records(_book(shenqiu_files["zh"])["评分项"]):
        status = row[column["status"]]
        colours.setdefault(str(status.value), set()).add(_fill(status))
        assert _fill(status) == _fill(row[column["points"]])
    assert {"达标", "未达标", "缺数据"} <= set(colours)
    assert all(1 == len(found) for found in colours.values()), colours
    assert len(colours) == len({next(iter(found)) for found in colours.values()})
    assert "00000000" not in {next(iter(found)) for found in colours.values()}


def _summary(data: bytes, lang: str) -> dict[str, list[AnyCell]]:
    sheet = _book(data)[SHEETS[lang][0]]
    return {str(row[0].value): list(row[1:]) for row in sheet.iter_rows(min_row=2)}


def test_summary_says_verdict_totals_and_why(
    shenqiu_files: dict[str, bytes], shenqiu_json: dict[str, Any]
) -> None:
    summary = _summary(shenqiu_files["zh"], "zh")
    assert "沈丘县" == summary["县（市、区）"][0].value
    assert 2023 == summary["年度"][0].value
    assert summary["结论"][0].value == "数据不足（按现有数据尚不具备条件，缺数据项可改变结论）"
    for label, key in [
        ("总分（确定）", "total"),
        ("总分（待定项按最有利计）", "total_high"),
        ("若缺数据项均达标，总分最高可达", "total_if_missing_met"),
        ("满分（适用分值）", "max_total"),
        ("数据覆盖（适用分值）", "coverage"),
        ("适用分值占比", "applicable"),
    ]:
        value, exact = summary[label][0], summary[label][1]
        assert _close(Fraction(shenqiu_json[key]), value), label
        assert shenqiu_json[key] == exact.value, label
    assert "%" in summary["数据覆盖（适用分值）"][0].number_format
    assert shenqiu_json["assumptions"] == summary["基于假设的阈值"][0].value
    assert "无" == summary["等次"][0].value
    reasons = [cells[0].value for label, cells in summary.items() if label.startswith("理由")]
    assert shenqiu_json["reasons_zh"] == reasons
    areas = [label for label in summary if label.startswith("分项：")]
    assert len(shenqiu_json["areas"]) == len(areas)
    assert "2/35" == summary["监测指标（不计分）：复议纠错率"][1].value


def test_audit_and_sources_and_notes(
    shenqiu_files: dict[str, bytes], shenqiu_json: dict[str, Any]
) -> None:
    book = _book(shenqiu_files["zh"])
    audit = _records(book["核对"])
    assert [e["subject"] for e in shenqiu_json["audit"]] == [r["编号"].value for r in audit]
    assert [e["detail_zh"] for e in shenqiu_json["audit"]] == [r["说明"].value for r in audit]
    results = {r["编号"].value: r["结果"].value for r in audit}
    assert "需核对" == results["legal_aid.cases_total"]
    assert "一致" == results["enforcement.exam_pass_rate"]
    sources = _records(book["来源与备注"])
    said = {(r["类别"].value, r["编号"].value): r["内容"].value for r in sources}
    for key, text in shenqiu_json["source"].items():
        assert text == said["数据来源", key]
    for about, note in shenqiu_json["notes"].items():
        assert note == said["备注", about]
    en = _records(_book(shenqiu_files["en"])["Sources and notes"])
    assert {"Source", "Note", "Profile"} == {r["Kind"].value for r in en}


def test_no_formula_anywhere(shenqiu_files: dict[str, bytes]) -> None:
    """Nothing in the workbook is a formula: a report states figures, it does not compute."""
    for data in shenqiu_files.values():
        for sheet in _book(data):
            assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_columns_fit_chinese_text(shenqiu_files: dict[str, bytes]) -> None:
    """A column is as wide as its longest text, a Chinese character counting two."""
    items = _book(shenqiu_files["zh"])["评分项"]
    name_column = _headers(items).index("指标") + 1
    cells = next(items.iter_cols(min_col=name_column, max_col=name_column))
    longest = max(len(str(cell.value)) for cell in cells)
    width = items.column_dimensions[openpyxl.utils.get_column_letter(name_column)].width
    assert 2 * longest <= width <= 2 * longest + 4


# --- panels --------------------------------------------------------------------------


@pytest.fixture(name="panel_files", scope="module")
def _panel_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("panel-xlsx")
    files = {}
    for lang in ("zh", "en"):
        out = folder / f"panel-{lang}.xlsx"
        assert 0 == main(
            ["panel", str(PANEL), "--format", "xlsx", "--lang", lang, "--out", str(out)]
        )
        files[lang] = out.read_bytes()
    return files


@pytest.fixture(name="panel_json", scope="module")
def _panel_json() -> dict[str, Any]:
    cards = [fz.score(row) for row in fz.load_panel(PANEL).rows]
    document: dict[str, Any] = json.loads(panel_json(cards))
    return document


def test_panel_ranking_as_the_ranking_module(
    panel_files: dict[str, bytes], panel_json: dict[str, Any]
) -> None:
    book = _book(panel_files["zh"])
    assert ["排名", "评分项", "核对", "来源与备注"] == book.sheetnames
    rows = _records(book["排名"])
    expected = [
        (group["year"], group["province"], entry)
        for group in panel_json["rankings"]
        for entry in group["entries"]
    ]
    assert len(expected) == len(rows)
    for (year, province, entry), row in zip(expected, rows, strict=True):
        assert year == row["年度"].value
        assert province == row["省份"].value
        assert entry["rank"] == row["排名"].value
        assert entry["county"] == row["县（市、区）"].value
        assert _close(Fraction(entry["score"]), row["得分（百分制）"])
        assert entry["score"] == row["得分精确值"].value
        card = panel_json["scorecards"][entry["scorecard"]]
        assert _close(Fraction(card["coverage"]), row["数据覆盖"])
    ranks = [row["排名"].value for row in rows]
    assert [1, 2, 2] == ranks  # 郸城县 and 项城市 tie, and share a rank


def test_panel_items_one_row_per_county_and_item(
    panel_files: dict[str, bytes], panel_json: dict[str, Any]
) -> None:
    rows = _records(_book(panel_files["en"])["Items"])
    expected = [
        (card["county"], item["indicator"], item["status"], item["points"])
        for card in panel_json["scorecards"]
        for item in card["items"]
    ]
    assert len(expected) == len(rows)
    for (county, indicator, status, points), row in zip(expected, rows, strict=True):
        assert (county, indicator) == (row["County"].value, row["Indicator id"].value)
        assert STATUS_WORDS["en"][status] == row["Status"].value
        assert _close(Fraction(points), row["Points"])


def test_panel_problems_get_a_sheet(tmp_path: Path) -> None:
    out = tmp_path / "panel.xlsx"
    fixture = FIXTURES / "panel" / "year-outside-profile.csv"
    assert 2 == main(["panel", str(fixture), "--format", "xlsx", "--out", str(out)])
    problems = _records(_book(out.read_bytes())["问题"])
    assert problems
    assert all(row["代码"].value for row in problems)
    assert all(row["行"].data_type == "n" for row in problems)


# --- text that looks like a formula --------------------------------------------------


def _text_cells(book: openpyxl.Workbook) -> Iterator[AnyCell]:
    for sheet in book:
        for row in sheet.iter_rows():
            yield from (cell for cell in row if isinstance(cell.value, str))


def _assert_inert(data: bytes, texts: set[str]) -> None:
    """Each text is in the workbook as written, as text, quote-prefixed: never evaluated."""
    found = {cell.value: cell for cell in _text_cells(_book(data)) if cell.value in texts}
    assert texts == set(found)
    for cell in found.values():
        assert "s" == cell.data_type, cell.coordinate
        assert cell.quotePrefix, cell.coordinate
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<f[ >]", archive.read(name)), name


def test_a_county_named_like_a_formula_stays_text(tmp_path: Path) -> None:
    out = tmp_path / "inert.xlsx"
    fixture = FIXTURES / "xlsx" / "formula-text.yaml"
    assert 0 == main(["score", str(fixture), "--format", "xlsx", "--out", str(out)])
    data = out.read_bytes()
    _assert_inert(
        data,
        {
            INJECTION,
            "+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "-2+3",
            "=1+1",
            "\t=2+2",
        },
    )
    county = _summary(data, "zh")["县（市、区）"][0]
    assert INJECTION == county.value
    # Text a spreadsheet would not evaluate is not marked.
    assert not _summary(data, "zh")["省份"][0].quotePrefix


def test_a_panel_county_named_like_a_formula_stays_text(tmp_path: Path) -> None:
    out = tmp_path / "inert-panel.xlsx"
    fixture = FIXTURES / "xlsx" / "formula-county.csv"
    assert 0 == main(["panel", str(fixture), "--format", "xlsx", "--out", str(out)])
    _assert_inert(out.read_bytes(), {INJECTION, "-1+2", "@河南"})


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_safe_cell_text_prefixes_a_formula_start(start: str) -> None:
    text = f"{start}1+1"
    assert formula_like(text)
    assert "'" + text == safe_cell_text(text)


@pytest.mark.parametrize("text", ["沈丘县", "1+1", "a=b", "", "'=1", " =1", "—", "－1"])
def test_safe_cell_text_leaves_other_text(text: str) -> None:
    assert not formula_like(text)
    assert text == safe_cell_text(text)


def test_control_characters_and_overlong_notes_do_not_break_the_workbook() -> None:
    data = fz.load_county_year(fz.example_path("shenqiu-2023"))
    card = attrs.evolve(
        fz.score(data),
        notes={"enforcement.exam_passed": "bell\x07here", "legal_aid.cases_total": "长" * 40000},
    )
    book = _book(scorecard_xlsx(card))
    notes = {r["编号"].value: r["内容"].value for r in _records(book["来源与备注"])}
    assert "bell\\x07here" == notes["enforcement.exam_passed"]
    long_note = str(notes["legal_aid.cases_total"])
    assert 32767 == len(long_note)
    assert long_note.endswith("…")


def test_the_functions_return_workbooks_in_either_language() -> None:
    cards = [fz.score(row) for row in fz.load_panel(PANEL).rows]
    assert ["Ranking", "Items", "Audit", "Sources and notes"] == _book(
        panel_xlsx(cards, "en")
    ).sheetnames
    assert SHEETS["zh"] == _book(scorecard_xlsx(cards[0])).sheetnames


# --- the command line ------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_xlsx_is_not_written_to_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert 2 == main(["score", "--format", "xlsx"])
    assert "" == terminal.getvalue()
    error = capsys.readouterr().err
    assert "--out" in error
    assert "xlsx" in error


def test_xlsx_needs_an_xlsx_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.txt"
    assert 2 == main(["score", "--format", "xlsx", "--out", str(out)])
    assert not out.exists()
    assert ".xlsx" in capsys.readouterr().err


def test_xlsx_never_clobbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.xlsx"
    out.write_bytes(b"kept")
    assert 2 == main(["score", "--format", "xlsx", "--out", str(out)])
    assert b"kept" == out.read_bytes()
    assert "--force" in capsys.readouterr().err
    assert 0 == main(["score", "--format", "xlsx", "--out", str(out), "--force"])
    assert ["汇总", "评分项", "核对", "来源与备注"] == _book(out.read_bytes()).sheetnames
    assert [out.name] == [p.name for p in tmp_path.iterdir()]  # no temporary file left


@pytest.mark.subprocess
def test_xlsx_to_a_pipe() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "fazhi_indicators.cli", "score", "--format", "xlsx"],
        capture_output=True,
        check=False,
    )
    assert 0 == result.returncode, result.stderr
    assert SHEETS["zh"] == _book(result.stdout).sheetnames


@pytest.mark.subprocess
def test_without_openpyxl_xlsx_says_what_to_install(tmp_path: Path) -> None:
    """The library imports without openpyxl; asking for xlsx says to install the extra."""
    out = tmp_path / "x.xlsx"
    code = (
        "import sys; sys.modules['openpyxl'] = None\n"
        "import fazhi_indicators, fazhi_indicators.report_xlsx\n"
        "from fazhi_indicators.cli import main\n"
        f"sys.exit(main(['score', '--format', 'xlsx', '--out', {str(out)!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert 2 == result.returncode
    assert "fazhi-indicators[excel]" in result.stderr
    assert "openpyxl" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
