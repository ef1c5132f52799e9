"""Panels: many county-years from CSV (UTF-8, BOM, GB18030) or Excel, checked per cell."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest

import fazhi_indicators as fz
from fazhi_indicators.cli import main

PANELS = Path(__file__).parent / "fixtures" / "panel"


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("henan-2023", "utf-8"), ("henan-2023-bom", "utf-8"), ("henan-2023-gb18030", "gb18030")],
)
def test_csv_panels_load_in_every_encoding(name: str, encoding: str) -> None:
    """UTF-8, UTF-8 with a byte-order mark and GB18030 give the same Chinese names and counts."""
    panel = fz.load_panel(PANELS / f"{name}.csv")
    assert encoding == panel.encoding
    assert ["沈丘县", "郸城县", "项城市"] == [row.county for row in panel.rows]
    shenqiu = panel.rows[0]
    assert "河南" == shenqiu.province
    assert 401 == shenqiu.value("enforcement.exam_passed")
    assert "100%" == shenqiu.stated["admin_litigation.head_appearance_rate"].text
    assert "enforcement.exam_passed" not in panel.rows[2].values  # empty cell: missing


def test_bad_cells_are_located_by_row_and_column() -> None:
    """Every bad cell of every row is reported, with its row as line and its column."""
    with pytest.raises(fz.InputError) as caught:
        fz.load_panel(PANELS / "bad-cells.csv")
    found = [(p.code, p.line, p.column, p.path) for p in caught.value.problems]
    assert [
        ("exceeds-total", 2, 4, "enforcement.exam_passed"),
        ("wrong-type", 3, 2, "year"),
        ("wrong-type", 3, 3, "enforcement.exam_participants"),
        ("out-of-range", 3, 4, "enforcement.exam_passed"),
        ("bad-rate", 3, 5, "stated:enforcement.exam_pass_rate"),
        ("duplicate-row", 4, 1, ""),
    ] == found


def test_bad_header() -> None:
    """Missing required columns, misspelt and repeated columns are all reported."""
    with pytest.raises(fz.InputError) as caught:
        fz.load_panel(PANELS / "bad-header.csv")
    found = [(p.code, p.line, p.column) for p in caught.value.problems]
    assert [("missing-key", 1, 1), ("unknown-id", 1, 2), ("duplicate-key", 1, 4)] == found
    assert "enforcement.exam_passed" in caught.value.problems[1].message


def test_excel_panel_with_percentage_cells(tmp_path: Path) -> None:
    """An .xlsx panel loads; a 0.905 cell formatted 0.0% is read as the printed 90.5%."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        [
            "county",
            "year",
            "enforcement.exam_participants",
            "enforcement.exam_passed",
            "stated:enforcement.exam_pass_rate",
            "leadership.annual_report_published_on",
        ]
    )
    sheet.append(["沈丘县", 2023, 443, 401.0, 0.905, dt.datetime(2024, 3, 28)])  # noqa: DTZ001 - Excel dates are naive
    sheet["E2"].number_format = "0.0%"
    path = tmp_path / "panel.xlsx"
    book.save(path)
    (row,) = fz.load_panel(path).rows
    assert 401 == row.value("enforcement.exam_passed")
    stated = row.stated["enforcement.exam_pass_rate"]
    assert ("90.5%", 1) == (stated.text, stated.places)
    assert dt.date(2024, 3, 28) == row.value("leadership.annual_report_published_on")
    card = fz.score(row)
    assert Fraction(401, 443) == card.lines["enforcement.exam_pass_rate"].value.value


def test_not_an_excel_file(tmp_path: Path) -> None:
    """A .xlsx that is not a workbook is a located error, not a traceback."""
    path = tmp_path / "fake.xlsx"
    path.write_text("county,year\n", encoding="utf-8")
    with pytest.raises(fz.InputError) as caught:
        fz.load_panel(path)
    assert "unreadable" == caught.value.problems[0].code


def test_a_folder_is_not_a_panel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder given as a panel is a located problem, from the API and the CLI alike."""
    with pytest.raises(fz.InputError) as caught:
        fz.load_panel(tmp_path)
    (problem,) = caught.value.problems
    assert ("unreadable", str(tmp_path)) == (problem.code, problem.file)
    assert "expected a file, found a folder" == problem.message
    assert 2 == main(["panel", str(tmp_path)])
    assert "应为文件，实际为文件夹" in capsys.readouterr().err


def test_empty_panel(tmp_path: Path) -> None:
    """An empty CSV says so."""
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(fz.InputError) as caught:
        fz.load_panel(path)
    assert "empty-file" == caught.value.problems[0].code


def test_panel_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`fazhi panel` ranks the counties; JSON carries one scorecard per row in input order."""
    assert 0 == main(["panel", str(PANELS / "henan-2023-gb18030.csv"), "--lang", "en"])
    ranking = capsys.readouterr().out
    assert ranking.index("沈丘县") < ranking.index("郸城县")
    assert 0 == main(["panel", str(PANELS / "henan-2023.csv"), "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert "fazhi.panel/1" == document["schema"]
    assert ["沈丘县", "郸城县", "项城市"] == [c["county"] for c in document["scorecards"]]
    assert 0 == main(["panel", str(PANELS / "henan-2023.csv"), "--format", "md"])
    assert "| 1 | 沈丘县 | 2023 |" in capsys.readouterr().out


def test_panel_command_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    """A bad panel exits 2 with located problems on stderr and nothing on stdout."""
    assert 2 == main(["panel", str(PANELS / "bad-cells.csv")])
    captured = capsys.readouterr()
    assert "" == captured.out
    assert "bad-cells.csv:3:3" in captured.err
