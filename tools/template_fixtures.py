"""Rebuild the filled template workbooks under tests/fixtures/template/.

Each is the template `fazhi template` writes today, filled with Shenqiu 2023 (as a
clerk would, cell by cell) and then, for the failing ones, spoilt in the cells
named below.  Committed files also prove that a workbook filled with an earlier
template keeps loading.  Run after changing the template's layout, then check
that tests/test_template.py still expects the right cells.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from template_filling import EVIDENCE, HEDGE, INFO, NOTES, PREVIOUS, VALUE, fill, put  # noqa: E402

import fazhi_indicators as fz  # noqa: E402
from fazhi_indicators import _load  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "template"

#: fixture → the cells to write after filling: (id, column, value).
SPOILT: dict[str, list[tuple[str, int, Any]]] = {
    "shenqiu-2023": [],
    "evidence": [
        (
            "enforcement.exam_passed",
            EVIDENCE,
            "沈丘县行政执法人员资格考试成绩通报（沈司〔2023〕15号）",
        ),
        ("legal_aid.cases_total", EVIDENCE, "https://www.shenqiu.gov.cn/"),
        ("admin_litigation.head_appearance_rate", EVIDENCE, "沈丘县人民法院行政审判白皮书"),
    ],
    "count-text": [("enforcement.exam_passed", VALUE, "四百零一")],
    "many-problems": [
        ("year", INFO, "二〇二三"),
        ("enforcement.exam_participants", VALUE, "443余"),
        ("enforcement.exam_passed", VALUE, "90.5%"),
        ("mediation.disputes_received", VALUE, -1),
        ("mediation.disputes_resolved", HEDGE, "左右"),
        ("legal_aid.consultations", VALUE, None),
        ("legal_aid.consultations", HEDGE, "余"),
        ("events.major_mass_incident", VALUE, "有"),
        ("events.serious_violation_incident", VALUE, "否"),
        ("events.serious_violation_incident", HEDGE, "约"),
        ("admin_litigation.closure_rate", VALUE, "64.1"),
        ("leadership.annual_report_published_on", VALUE, "2024年2月30日"),
        # Column A is hidden; a clerk who unhides it can still spoil it.
        ("normative_documents.repealed", 1, "normative_documents.reviewed"),
        ("normative_documents.backfilled", 1, "normative_documents.backfiled"),
    ],
    "exceeds-total": [("enforcement.exam_passed", VALUE, 450)],
    "previous-problems": [
        ("enforcement.exam_participants", PREVIOUS, 400),
        ("enforcement.exam_passed", PREVIOUS, 420),  # more than took the exam
        ("legal_aid.cases_total", PREVIOUS, "七百"),
        ("enforcement.exam_pass_rate", PREVIOUS, "94.0"),  # no %
    ],
    "no-county": [("county", INFO, None)],
}


#: Rows of the other-figures sheet (about, label, value, unit, quote, evidence, notes),
#: from row 4: figures as a report prints them, and each way a row can be wrong.
OTHER_ROWS: dict[str, list[tuple[Any, ...]]] = {
    "other-figures": [
        ("政务服务事项数", "办事提供材料减少", "约24%", None, "办事提供材料减少约24%", None, None),
        (
            "enforcement.case_files_reviewed",
            "行政执法大比武参加人数",
            260,
            "人",
            None,
            "沈司〔2023〕20号",
            "分两轮",
        ),
        (None, "法律咨询", "1200余件", None, "解答法律咨询1200余件", None, None),
        (None, "实际利用外资", 1.98, "亿美元", None, None, None),
    ],
    "other-problems": [
        (None, None, 17, "件", None, None, None),  # no label
        (None, "法律咨询", None, "件", None, None, None),  # no value
        (None, "法律咨询", "七十件", None, None, None, None),  # not a figure
        (None, "法律咨询", -5, "件", None, None, None),  # below 0
        (None, "法律咨询", "1200余件", "人", None, None, None),  # two units
        ("政务服务事项树", "办事提供材料减少", "约24%", None, None, None, None),  # misspelt
        (None, "大比武参加人数", 260, "人", None, "沈司〔2023〕20号", None),  # evidence alone
    ],
}


def other_rows(book: openpyxl.Workbook, rows: list[tuple[Any, ...]]) -> None:
    """Write ``rows`` on the other-figures sheet from its first row of data."""
    sheet = book["其他数据"]
    for offset, row in enumerate(rows):
        for letter, value in zip("CDEFGHI", row, strict=True):
            if value is not None:
                sheet[f"{letter}{4 + offset}"] = value


def _other_figures(book: openpyxl.Workbook) -> None:
    """Two other figures: one whose value is no figure as written (70%以上), one about nothing."""
    sheet = book["其他数据"]
    sheet["C4"] = "政务服务事项数"
    sheet["D4"] = "办事提供材料同比减少"
    sheet["E4"] = "70%以上"
    sheet["G4"] = "企业和群众到中心窗口办事提供的材料同比减少70%以上"
    sheet["D5"] = "行政执法大比武参加人数"
    sheet["E5"] = 260
    sheet["F5"] = "人"


def write_other(
    template: bytes, shenqiu: fz.CountyYear, name: str, rows: list[tuple[Any, ...]]
) -> None:
    """The template filled with Shenqiu 2023 and ``rows`` of other figures."""
    book = openpyxl.load_workbook(io.BytesIO(template))
    fill(book, shenqiu)
    other_rows(book, rows)
    book.save(OUT / f"{name}.xlsx")
    print(f"wrote {OUT / f'{name}.xlsx'}")


def _damaged(good: Path, out: Path) -> None:
    """A copy whose law-enforcement sheet is cut off halfway: opens, then fails to parse."""
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet5.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    print(f"wrote {out}")


def main() -> None:
    """Write every fixture."""
    catalog = fz.default_catalog()
    template = _load.template_workbook(catalog, catalog.profile(fz.DEFAULT_PROFILE))
    shenqiu = fz.load_county_year(fz.example_path("shenqiu-2023"), catalog)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, cells in SPOILT.items():
        book = openpyxl.load_workbook(io.BytesIO(template))
        fill(book, shenqiu)
        for key, column, value in cells:
            put(book, key, column, value)
        if name == "evidence":
            put(book, "enforcement.exam_passed", NOTES, "另有12人缺考")
        if name == "many-problems":
            _other_figures(book)
        book.save(OUT / f"{name}.xlsx")
        print(f"wrote {OUT / f'{name}.xlsx'}")
    for name, rows in OTHER_ROWS.items():
        write_other(template, shenqiu, name, rows)
    _damaged(OUT / "shenqiu-2023.xlsx", OUT / "damaged.xlsx")
    (OUT / "not-a-workbook.xlsx").write_text("county: 沈丘县\nyear: 2023\n", encoding="utf-8")
    panel = openpyxl.Workbook()
    sheet = panel.create_sheet("panel", 0)
    sheet.append(["county", "year", "enforcement.exam_passed"])
    sheet.append(["沈丘县", 2023, 401])
    panel.save(OUT / "not-a-template.xlsx")
    print(f"wrote {OUT / 'not-a-template.xlsx'}")


if __name__ == "__main__":
    main()
