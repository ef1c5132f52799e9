"""Scorecard.to_rows() and to_dataframe(): one plain row per item, exact figures as text."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

import fazhi_indicators as fz
from fazhi_indicators.scoring import ROW_KEYS


@pytest.fixture(scope="module")
def card() -> fz.Scorecard:
    return fz.score(fz.load_county_year(fz.example_path("shenqiu-2023")))


def test_one_row_per_item_in_table_order(card: fz.Scorecard) -> None:
    rows = card.to_rows()
    assert [r["indicator"] for r in rows] == list(card.lines)
    assert all(tuple(r) == ROW_KEYS for r in rows)


def test_rows_hold_only_plain_values_and_survive_json(card: fz.Scorecard) -> None:
    rows = card.to_rows()
    for row in rows:
        assert all(v is None or isinstance(v, str | int | bool) for v in row.values())
    assert json.loads(json.dumps(rows, ensure_ascii=False)) == rows


def test_exact_figures_read_back_as_the_cards_fractions(card: fz.Scorecard) -> None:
    for row, line in zip(card.to_rows(), card.lines.values(), strict=True):
        assert Fraction(str(row["points"])) == line.points
        assert Fraction(str(row["points_high"])) == line.points_high
        assert Fraction(str(row["max_points"])) == line.max_points
        assert row["status"] == line.status.value
        value = line.value.value
        if isinstance(value, Fraction):
            assert Fraction(str(row["value"])) == value
        else:
            assert row["value"] == value
    total = sum(Fraction(str(r["points"])) for r in card.to_rows())
    assert total == card.total


def test_rows_name_item_and_area_in_both_languages(card: fz.Scorecard) -> None:
    rows = {r["indicator"]: r for r in card.to_rows()}
    row = rows["enforcement.exam_pass_rate"]
    assert row["value"] == "401/443"
    assert row["display"] == "90.5%"
    area = next(a for a in card.profile.areas if a.id == row["area"])
    assert (row["area_zh"], row["area_en"]) == (area.name.zh, area.name.en)
    assert row["name_zh"] == card.catalog.indicators["enforcement.exam_pass_rate"].name.zh
    assert row["name_en"] == card.catalog.indicators["enforcement.exam_pass_rate"].name.en


def test_dataframe_with_pandas(card: fz.Scorecard) -> None:
    import pandas as pd

    frame = card.to_dataframe()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(ROW_KEYS)
    rows = card.to_rows()
    assert len(frame) == len(rows)
    for key in ("indicator", "area_zh", "name_en", "status", "points", "max_points", "display"):
        assert frame[key].tolist() == [r[key] for r in rows]


def test_dataframe_with_polars(card: fz.Scorecard) -> None:
    pl = pytest.importorskip("polars")
    frame = card.to_dataframe("polars")
    assert isinstance(frame, pl.DataFrame)
    assert frame.columns == list(ROW_KEYS)
    assert frame.height == len(card.lines)


def test_missing_library_is_a_clear_error_in_both_languages(
    card: fz.Scorecard, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    def refuse(name: str) -> object:
        raise ImportError(f"No module named {name!r}")

    monkeypatch.setattr(importlib, "import_module", refuse)
    with pytest.raises(ImportError, match="needs pandas") as raised:
        card.to_dataframe()
    assert "需要安装 pandas" in str(raised.value)
    assert "to_rows()" in str(raised.value)


def test_unknown_library_is_refused(card: fz.Scorecard) -> None:
    with pytest.raises(ValueError, match="'pandas' or 'polars'"):
        card.to_dataframe("numpy")
