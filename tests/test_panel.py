"""Panels: many county-years from CSV (UTF-8, BOM, GB18030) or Excel, checked per cell."""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
from fractions import Fraction
from pathlib import Path

import attrs
import openpyxl
import pytest

import fazhi_indicators as fz
from fazhi_indicators.cli import main
from fazhi_indicators.ranking import rank

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
    markdown = capsys.readouterr().out
    assert markdown.startswith("## 2023年 河南\n")
    assert "| 1 | 沈丘县 |" in markdown


def test_panel_command_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    """A bad panel exits 2 with located problems on stderr and nothing on stdout."""
    assert 2 == main(["panel", str(PANELS / "bad-cells.csv")])
    captured = capsys.readouterr()
    assert "" == captured.out
    assert "bad-cells.csv 第3行第3列" in captured.err


RANKING = PANELS / "ranking.csv"
THREE_ITEMS = PANELS / "three-items.yaml"


def _card(county: str, total: Fraction, max_total: Fraction) -> fz.Scorecard:
    card = fz.score(fz.load_county_year(fz.example_path("shenqiu-2023")))
    return attrs.evolve(card, county=county, total=total, total_high=total, max_total=max_total)


def test_rank_by_points_out_of_100() -> None:
    """86.67 of 90 (96.3 out of 100) ranks above 90 of 100, and the score shown is out of 100."""
    cards = [
        _card("甲县", Fraction(90), Fraction(100)),
        _card("乙县", Fraction(8667, 100), Fraction(90)),
    ]
    (group,) = rank(cards)
    assert [("乙县", 1, Fraction(8667, 90)), ("甲县", 2, Fraction(90))] == [
        (e.card.county, e.rank, e.score) for e in group.entries
    ]
    assert [1, 0] == [e.index for e in group.entries]


def test_equal_scores_share_a_rank() -> None:
    """Equal points out of 100 share a rank (1, 1, 3), shown by county name."""
    cards = [
        _card("丙县", Fraction(20), Fraction(25)),
        _card("乙县", Fraction(12), Fraction(15)),
        _card("甲县", Fraction(16), Fraction(20)),
        _card("丁县", Fraction(10), Fraction(20)),
    ]
    (group,) = rank(cards)
    assert [("丙县", 1), ("乙县", 1), ("甲县", 1), ("丁县", 4)] == [
        (e.card.county, e.rank) for e in group.entries
    ]


def test_ranking_is_within_each_year_and_province() -> None:
    """Rows of other years or provinces are ranked apart; groups come by year, then province."""
    cards = [
        attrs.evolve(_card("甲县", Fraction(50), Fraction(100)), year=2023, province="河南"),
        attrs.evolve(_card("乙县", Fraction(90), Fraction(100)), year=2022, province="河南"),
        attrs.evolve(_card("丙县", Fraction(70), Fraction(100)), year=2023, province="河南"),
        attrs.evolve(_card("丁县", Fraction(99), Fraction(100)), year=2023, province="湖北"),
    ]
    groups = rank(cards)
    assert [
        (2022, "河南", [("乙县", 1)]),
        (2023, "河南", [("丙县", 1), ("甲县", 2)]),
        (2023, "湖北", [("丁县", 1)]),
    ] == [(g.year, g.province, [(e.card.county, e.rank) for e in g.entries]) for g in groups]


#: The ranking of ranking.csv under three-items.yaml, worked out by hand: 甲县 2023 earns
#: 20 of 25 (80), 乙县 2023 15 of 15 (no case heard: 100), 丙县 as 甲县, 丁县 10 of 15,
#: 戊县 25 of 25; 2022: 乙县 25 of 25, 甲县 15 of 25; 湖北: 己县 10 of 25.
EXPECTED_GROUPS = [
    (2022, "河南", [(1, "乙县", "100"), (2, "甲县", "60")]),
    (
        2023,
        "河南",
        [
            (1, "乙县", "100"),
            (1, "戊县", "100"),
            (3, "丙县", "80"),
            (3, "甲县", "80"),
            (5, "丁县", "200/3"),
        ],
    ),
    (2023, "湖北", [(1, "己县", "40")]),
]


def test_panel_json_ranks_per_group(capsys: pytest.CaptureFixture[str]) -> None:
    """JSON keeps scorecards in input order and adds each group's ranking out of 100."""
    args = ["panel", str(RANKING), "--profile", str(THREE_ITEMS), "--format", "json"]
    assert 0 == main(args)
    document = json.loads(capsys.readouterr().out)
    cards = document["scorecards"]
    assert ["甲县", "乙县", "甲县", "丙县", "己县", "丁县", "乙县", "戊县"] == [
        c["county"] for c in cards
    ]
    found = [
        (
            group["year"],
            group["province"],
            [(e["rank"], cards[e["scorecard"]]["county"], e["score"]) for e in group["entries"]],
        )
        for group in document["rankings"]
    ]
    assert EXPECTED_GROUPS == found
    first = document["rankings"][1]["entries"][4]
    assert ("66.67", "10", "15") == (first["score_display"], first["total"], first["max_total"])
    assert [] == document["problems"]


def _table_rows(text: str) -> list[list[str]]:
    """Each line of a text ranking split on runs of blanks."""
    return [line.split() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("lang", "headings"),
    [
        ("zh", ["2022年 河南", "2023年 河南", "2023年 湖北"]),
        ("en", ["2022 河南", "2023 河南", "2023 湖北"]),
    ],
)
def test_panel_text_ranks_per_group(
    lang: str, headings: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """The text ranking has one table per year and province, ranks restarting in each."""
    assert 0 == main(["panel", str(RANKING), "--profile", str(THREE_ITEMS), "--lang", lang])
    text = capsys.readouterr().out
    found: list[tuple[str, list[tuple[int, str, str]]]] = []
    for cells in _table_rows(text):
        if " ".join(cells) in headings:
            found.append((" ".join(cells), []))
        elif cells[0].isdigit():
            found[-1][1].append((int(cells[0]), cells[1], cells[2]))
    shown = {"100": "100", "60": "60", "80": "80", "200/3": "66.67", "40": "40"}
    assert [
        (heading, [(r, county, shown[score]) for r, county, score in rows])
        for heading, (_, _, rows) in zip(headings, EXPECTED_GROUPS, strict=True)
    ] == found


def test_panel_markdown_ranks_per_group(capsys: pytest.CaptureFixture[str]) -> None:
    """Markdown has a heading and a table per group; ties share a rank."""
    args = ["panel", str(RANKING), "--profile", str(THREE_ITEMS), "--format", "md"]
    assert 0 == main(args)
    text = capsys.readouterr().out
    assert (
        text.index("## 2022年 河南") < text.index("## 2023年 河南") < text.index("## 2023年 湖北")
    )
    group = text[text.index("## 2023年 河南") : text.index("## 2023年 湖北")]
    assert "| 1 | 乙县 |" in group
    assert "| 1 | 戊县 |" in group
    assert "| 3 | 丙县 |" in group
    assert "| 5 | 丁县 | 66.67 | 10/15 |" in group


def test_row_outside_the_profile_years(capsys: pytest.CaptureFixture[str]) -> None:
    """A row whose year the profile does not cover is a located problem; the others are scored."""
    path = PANELS / "year-outside-profile.csv"
    assert 2 == main(["panel", str(path), "--lang", "en"])
    captured = capsys.readouterr()
    assert "沈丘县" in captured.out
    assert "项城市" in captured.out
    assert "郸城县" not in captured.out
    (line,) = captured.err.splitlines()
    assert line.startswith(f"{path}:3:2 [year] error out-of-range: ")
    assert "expected a year from 2021 to 2025" in line
    assert "found 2019" in line
    assert 2 == main(["panel", str(path), "--format", "json"])
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert ["沈丘县", "项城市"] == [c["county"] for c in document["scorecards"]]
    (problem,) = document["problems"]
    assert (str(path), 3, 2, "year", "out-of-range") == (
        problem["file"],
        problem["line"],
        problem["column"],
        problem["path"],
        problem["code"],
    )
    assert "应为2021年至2025年之间的年度" in problem["message_zh"]
    assert "实际为2019年" in problem["message_zh"]
    assert "应为2021年至2025年之间的年度" in captured.err


def _excel_panel(tmp_path: Path, value: object, number_format: str) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["county", "year", "stated:enforcement.exam_pass_rate"])
    sheet.append(["沈丘县", 2023, value])
    sheet["C2"].number_format = number_format
    path = tmp_path / "panel.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (0.9125, "0.0%", "91.3%"),
        (0.0125, "0.0%", "1.3%"),
        (0.91245, "0.00%", "91.25%"),
        (0.905, "0%", "91%"),
        (0.9, "0.0%", "90.0%"),
        (1, "0%", "100%"),
        (0.9125, "#,##0.0%", "91.3%"),
        (0.9125, "0.0%;[Red]-0.0%", "91.3%"),
        (0.9125, '[$-804]0.0%;"负"0.0%', "91.3%"),
        (91.25, '0.0"%"', "91.3%"),
        (math.nextafter(0.9125, 0), "0.0%", "91.3%"),
    ],
)
def test_excel_percent_cells_read_as_excel_shows_them(
    tmp_path: Path, value: float, number_format: str, shown: str
) -> None:
    """Excel shows a value to 15 significant digits and rounds half away from zero."""
    (row,) = fz.load_panel(_excel_panel(tmp_path, value, number_format)).rows
    assert shown == row.stated["enforcement.exam_pass_rate"].text


@pytest.mark.parametrize("number_format", ["General", "0.000"])
def test_excel_proportion_in_a_rate_column(tmp_path: Path, number_format: str) -> None:
    """0.965 in a rate cell not formatted as a percentage is a proportion: write 96.5%."""
    with pytest.raises(fz.InputError) as caught:
        fz.load_panel(_excel_panel(tmp_path, 0.965, number_format))
    (problem,) = caught.value.problems
    assert ("bad-rate", 2, 3) == (problem.code, problem.line, problem.column)
    assert "0.965%" not in problem.message + problem.message_zh
    assert "looks like a proportion" in problem.message
    assert "96.5%" in problem.message
    assert "format the cell as a percentage" in problem.message
    assert "比例" in problem.message_zh
    assert "96.5%" in problem.message_zh
    assert "百分比格式" in problem.message_zh


def test_csv_proportion_in_a_rate_column() -> None:
    """A CSV rate written 0.905 is a proportion too; the advice is to write 90.5%."""
    with pytest.raises(fz.InputError) as caught:
        fz.load_panel(PANELS / "proportion.csv")
    (problem,) = caught.value.problems
    assert ("bad-rate", 2, 4) == (problem.code, problem.line, problem.column)
    assert "write 90.5%" in problem.message
    assert "请写作 90.5%" in problem.message_zh
    assert "0.905%" not in problem.message + problem.message_zh
    assert "cell" not in problem.message


def test_nul_byte_is_a_located_problem() -> None:
    """A NUL byte is reported at its row and column, on every Python version."""
    with pytest.raises(fz.InputError) as caught:
        fz.load_panel(PANELS / "nul-byte.csv")
    (problem,) = caught.value.problems
    assert ("bad-scalar", 3, 3, "enforcement.exam_participants") == (
        problem.code,
        problem.line,
        problem.column,
        problem.path,
    )
    assert "NUL" in problem.message
    assert "NUL" in problem.message_zh


def test_nul_byte_from_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    """The command exits 2 with the NUL byte's place, never an internal error."""
    assert 2 == main(["panel", str(PANELS / "nul-byte.csv")])
    assert (
        "nul-byte.csv 第3行第3列 [enforcement.exam_participants] 错误 bad-scalar："
        in capsys.readouterr().err
    )


def test_csv_reader_error_is_located(tmp_path: Path) -> None:
    """A cell longer than the CSV reader accepts is a problem on its line, not a csv.Error."""
    path = tmp_path / "long.csv"
    path.write_text(
        "county,year\n沈丘县,2023\n郸城县," + "9" * (csv.field_size_limit() + 1) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(fz.InputError) as caught:
        fz.load_panel(path)
    (problem,) = caught.value.problems
    assert ("bad-scalar", 3) == (problem.code, problem.line)
    assert "field larger than field limit" in problem.message
