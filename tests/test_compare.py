"""Year over year: each indicator's move in the direction better for it, worked by hand."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_indicators as fz
from fazhi_indicators import render, report_html
from fazhi_indicators.cli import main
from fazhi_indicators.compare import compare as compare_cards
from fazhi_indicators.strategies import county_years

LAST = {
    "enforcement.exam_participants": 400,
    "enforcement.exam_passed": 360,  # 90%
    "admin_litigation.cases_received": 40,
    "admin_litigation.cases_concluded": 20,
    "admin_litigation.cases_lost": 2,  # 10%
    "admin_litigation.cases_withdrawn_settled": 4,  # 20%, no better direction
    "mediation.disputes_received": 100,
    "mediation.disputes_resolved": 97,
    "leadership.annual_report_published_on": dt.date(2023, 4, 20),  # late
}
THIS = {
    "enforcement.exam_participants": 443,
    "enforcement.exam_passed": 401,  # 90.52%: better
    "admin_litigation.cases_received": 40,
    "admin_litigation.cases_concluded": 20,
    "admin_litigation.cases_lost": 3,  # 15%: worse, lower is better
    "admin_litigation.cases_withdrawn_settled": 5,  # 25%: moved, neither better nor worse
    "mediation.disputes_received": 200,
    "mediation.disputes_resolved": 194,  # 97% again
    "leadership.annual_report_published_on": dt.date(2024, 3, 28),  # on time
}


def _moves(comparison: fz.Comparison) -> dict[str, fz.Change]:
    return {c.indicator: c.change for c in comparison.changes}


@pytest.fixture(name="comparison")
def _comparison() -> fz.Comparison:
    last = fz.county_year("某县", 2022, values=LAST)
    this = fz.county_year("某县", 2023, values=THIS, stated={"admin_review.closure_rate": "90%"})
    return fz.compare(this, last)


def test_each_indicator_moves_in_its_own_better_direction(comparison: fz.Comparison) -> None:
    """Higher pass rate improves, higher loss rate declines, a neutral rate only changes."""
    moves = _moves(comparison)
    assert fz.Change.IMPROVED == moves["enforcement.exam_pass_rate"]
    assert fz.Change.DECLINED == moves["admin_litigation.loss_rate"]
    assert fz.Change.CHANGED == moves["admin_litigation.settlement_withdrawal_rate"]
    assert fz.Change.UNCHANGED == moves["mediation.success_rate"]
    assert fz.Change.IMPROVED == moves["leadership.annual_report_on_time"]
    # Reported in 2023 only: nothing to compare with.
    assert fz.Change.NOT_COMPARABLE == moves["admin_review.closure_rate"]


def test_the_earlier_year_is_before_and_the_change_is_exact(comparison: fz.Comparison) -> None:
    """401/443 - 360/400 = 41/4430; points 7.01 of 10 against 6.67 (linear from 80% to 95%)."""
    assert (2022, 2023) == (comparison.before.year, comparison.after.year)
    change = next(c for c in comparison.changes if c.indicator == "enforcement.exam_pass_rate")
    assert Fraction(401, 443) - Fraction(9, 10) == change.delta
    assert Fraction(20, 3) == change.points_before  # (90 - 80) / 15 of 10
    assert Fraction(10) * (Fraction(401, 443) - Fraction(4, 5)) / Fraction(3, 20) == (
        change.points_after
    )
    before = comparison.before.total * 100 / comparison.before.max_total
    after = comparison.after.total * 100 / comparison.after.max_total
    assert after - before == comparison.total_change


def test_overlapping_printed_rates_are_undetermined() -> None:
    """90.5% and 90.6% printed without counts may be the same rate: no claim either way."""
    last = fz.county_year("某县", 2022, stated={"enforcement.exam_pass_rate": "90.5%"})
    this = fz.county_year("某县", 2023, stated={"enforcement.exam_pass_rate": "90.5%"})
    assert fz.Change.UNDETERMINED == _moves(fz.compare(last, this))["enforcement.exam_pass_rate"]
    higher = fz.county_year("某县", 2023, stated={"enforcement.exam_pass_rate": "92%"})
    assert fz.Change.IMPROVED == _moves(fz.compare(last, higher))["enforcement.exam_pass_rate"]


def test_cards_of_different_profiles_are_not_compared() -> None:
    """Points of two profiles mean different things."""
    data = fz.county_year("某县", 2023, values=THIS)
    card = fz.score(data)
    other = attrs.evolve(card.profile, id="other")
    with pytest.raises(ValueError, match="different profiles"):
        compare_cards(card, fz.score(data, other))


def _write(path: Path, year: int, values: dict[str, object]) -> Path:
    data = fz.county_year("某县", year, values=values)
    path.write_text(fz.dump_county_year(data), encoding="utf-8")
    return path


def test_the_command_compares_two_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Text in Chinese and English, Markdown and JSON; the files may come in either order."""
    last = _write(tmp_path / "2022.yaml", 2022, LAST)
    this = _write(tmp_path / "2023.yaml", 2023, THIS)
    assert 0 == main(["compare", str(this), str(last)])
    zh = capsys.readouterr().out
    assert "某县 2022 → 2023" in zh
    assert "执法资格考试通过率" in zh
    assert "改善" in zh
    assert "下降" in zh
    assert 0 == main(["compare", str(last), str(this), "--lang", "en", "--format", "md"])
    en = capsys.readouterr().out
    assert "| Qualification exam pass rate | 90.0% | 90.5% | improved |" in en
    assert 0 == main(["compare", str(last), str(this), "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert "fazhi.comparison/1" == document["schema"]
    assert (2022, 2023) == (document["before"]["year"], document["after"]["year"])
    moves = {c["indicator"]: c["change"] for c in document["changes"]}
    assert "DECLINED" == moves["admin_litigation.loss_rate"]


@settings(max_examples=40, deadline=None)
@given(county_years(year=2023), county_years(year=2023), st.sampled_from(["zh", "en"]))
def test_swapping_the_years_swaps_improved_and_declined(
    first: fz.CountyYear, second: fz.CountyYear, lang: str
) -> None:
    """Comparing b with a mirrors comparing a with b, and renders in every format."""
    a, b = fz.score(first), fz.score(second)
    forward, backward = compare_cards(a, b), compare_cards(b, a)
    mirror = {
        fz.Change.IMPROVED: fz.Change.DECLINED,
        fz.Change.DECLINED: fz.Change.IMPROVED,
    }
    back = _moves(backward)
    for indicator, change in _moves(forward).items():
        assert mirror.get(change, change) == back[indicator]
    assert forward.total_change == -backward.total_change
    for write in (render.comparison_text, render.comparison_markdown):
        assert write(forward, lang)
    json.loads(render.comparison_json(forward))


def test_the_comparison_as_a_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One self-contained page: a row per indicator coloured by its move, names escaped."""
    last = _write(tmp_path / "2022.yaml", 2022, LAST)
    this = _write(tmp_path / "2023.yaml", 2023, THIS)
    assert 0 == main(["compare", str(last), str(this), "--format", "html"])
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>")
    assert '<tr class="item met"><td>执法资格考试通过率</td>' in page
    assert '<tr class="item notmet"><td>行政诉讼败诉率</td>' in page
    assert "http" not in page.split("<body>", 1)[1]
    hostile = fz.county_year("<b>某县</b>", 2023, values=THIS)
    other = fz.county_year("<b>某县</b>", 2022, values=LAST)
    shown = report_html.comparison_html(fz.compare(hostile, other), "en")
    assert "&lt;b&gt;某县&lt;/b&gt;" in shown
    assert "<b>某县" not in shown


def test_the_comparison_as_a_workbook(tmp_path: Path) -> None:
    """Two sheets; each indicator's move as a coloured word, the exact difference a number."""
    openpyxl = pytest.importorskip("openpyxl")
    last = _write(tmp_path / "2022.yaml", 2022, LAST)
    this = _write(tmp_path / "2023.yaml", 2023, THIS)
    out = tmp_path / "对比.xlsx"
    assert 0 == main(["compare", str(last), str(this), "--format", "xlsx", "--out", str(out)])
    book = openpyxl.load_workbook(out)
    assert ["汇总", "逐项对比"] == book.sheetnames
    rows = {row[1]: row for row in book["逐项对比"].iter_rows(min_row=2, values_only=True)}
    name, _, before, after, change, delta, *_ = rows["enforcement.exam_pass_rate"]
    assert ("执法资格考试通过率", "90.0%", "90.5%", "改善") == (name, before, after, change)
    # Excel holds a double: compare what it displays (401/443 - 90% = 0.5192 points).
    assert "0.5192%" == f"{delta:.4%}"
    assert "下降" == rows["admin_litigation.loss_rate"][4]
