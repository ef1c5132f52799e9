"""The how-to 从 Excel 填报到得到报告 tells the truth.

Its commands run as written, in order, in an empty folder; between the template and the
check the workbook is filled in with the Shenqiu 2023 figures as a clerk would in Excel.
What the page quotes (messages, sheet and column names, a located problem) is what the
commands print and write.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import openpyxl
import pytest
from template_filling import VALUE, fill, put

import fazhi_indicators as fz
from fazhi_indicators.render import AUDIT_LABELS

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "how-to" / "excel-to-report.md"
TEXT = PAGE.read_text(encoding="utf-8")

pytestmark = pytest.mark.subprocess


def _commands() -> list[list[str]]:
    """The page's `fazhi` commands, in order (its shell blocks)."""
    blocks = re.findall(r"^```shell\n(.*?)\n```", TEXT, re.DOTALL | re.MULTILINE)
    return [
        shlex.split(line)[1:]
        for block in blocks
        for line in block.splitlines()
        if line.startswith("fazhi ")
    ]


def _fazhi(args: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fazhi_indicators.cli", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def _quoted(after: str) -> list[str]:
    """The names quoted “like this” in the page's sentence that starts with ``after``."""
    sentence = re.search(re.escape(after) + r"[^。；]*", TEXT)
    assert sentence, f"the page no longer says {after!r}"
    return re.findall(r"“([^”]+)”", sentence[0])


def _option(args: list[str], name: str) -> str:
    return args[args.index(name) + 1]


def test_the_page_uses_no_python() -> None:
    """Template, check, an HTML and an Excel report: four commands, no code."""
    commands = _commands()
    assert ["template", "check", "score", "score"] == [args[0] for args in commands]
    assert ["html", "xlsx"] == [_option(args, "--format") for args in commands[2:]]
    assert "```python" not in TEXT


class Walk(NamedTuple):
    """The folder the commands ran in, and each one's result by step."""

    folder: Path
    results: dict[str, subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> Walk:
    """Each command run in order, the template filled in before the check."""
    folder = tmp_path_factory.mktemp("clerk")
    template, check, html, xlsx = _commands()
    results = {"template": _fazhi(template, folder)}
    book = openpyxl.load_workbook(folder / _option(template, "--out"))
    fill(book, fz.load_county_year(fz.example_path("shenqiu-2023")))
    book.save(folder / check[1])
    for name, args in (("check", check), ("html", html), ("xlsx", xlsx), ("again", xlsx)):
        results[name] = _fazhi(args, folder)
    return Walk(folder, results)


def test_template_is_as_described(walk: Walk) -> None:
    """The message, the sheets and the columns the page names are the template's."""
    result = walk.results["template"]
    assert 0 == result.returncode, result.stderr
    (said,) = re.findall(r"屏幕上显示“([^”]+)”", TEXT)
    assert said == result.stdout.strip()
    book = openpyxl.load_workbook(walk.folder / _option(_commands()[0], "--out"))
    step = TEXT.split("## 1.", 1)[1].split("## 2.", 1)[0]
    (domains,) = re.findall(r"每个领域一张工作表，如((?:“[^”]+”)+)", step)
    sheets = re.findall(r"“([^”]+)”表", step) + re.findall(r"“([^”]+)”", domains)
    assert len(sheets) >= 8
    assert [] == [name for name in sheets if name not in book.sheetnames]
    columns = _quoted("后面是要填写的")
    assert len(columns) == 4
    for name in re.findall(r"“([^”]+)”", domains):
        header = next(row for row in book[name].values if row[0] == "#header")
        assert [] == [column for column in columns if column not in header], name


def test_check_finds_the_filled_workbook_valid(walk: Walk) -> None:
    """The first line is the verdict on the file that the page quotes, and the audit's
    results are named as the check names them."""
    result = walk.results["check"]
    assert 0 == result.returncode, result.stderr
    (first,) = re.findall(r"第一行是“([^”]+)”", TEXT)
    assert first == result.stdout.splitlines()[0]
    statuses = _quoted("（结果为")
    assert sorted(zh for _, zh in AUDIT_LABELS.values()) == sorted(statuses)
    assert [] == [status for status in ("一致", "需核对") if f"[{status}]" not in result.stdout]


def test_reports_are_written(walk: Walk) -> None:
    """The HTML report is one page with its charts; the workbook has the sheets named."""
    _, _, html, xlsx = _commands()
    result = walk.results["html"]
    assert 0 == result.returncode, result.stderr
    page = (walk.folder / _option(html, "--out")).read_text(encoding="utf-8")
    assert page.lower().startswith("<!doctype html>")
    assert "沈丘县" in page
    assert page.count("<svg") >= 2
    result = walk.results["xlsx"]
    assert 0 == result.returncode, result.stderr
    book = openpyxl.load_workbook(walk.folder / _option(xlsx, "--out"))
    assert _quoted("有四张工作表") == book.sheetnames


def test_an_existing_report_is_not_overwritten(walk: Walk) -> None:
    """Run twice, the command refuses, saying what the page quotes."""
    result = walk.results["again"]
    assert 2 == result.returncode
    (refusal,) = re.findall(r"提示“([^”]+)”", TEXT)
    assert refusal in result.stderr


def test_the_located_problem_is_what_check_prints(tmp_path: Path) -> None:
    """The page's example problem (约300 typed as the legal-aid total) is printed as shown."""
    (example,) = re.findall(r"^```text\n(.*?)\n```", TEXT, re.DOTALL | re.MULTILINE)
    template, check, _, _ = _commands()
    assert 0 == _fazhi(template, tmp_path).returncode
    book = openpyxl.load_workbook(tmp_path / _option(template, "--out"))
    fill(book, fz.load_county_year(fz.example_path("shenqiu-2023")))
    assert "法律援助案件总数填成了“约300”" in TEXT
    put(book, "legal_aid.cases_total", VALUE, "约300")
    book.save(tmp_path / check[1])
    result = _fazhi(check, tmp_path)
    assert 2 == result.returncode
    assert example in result.stderr.splitlines()
