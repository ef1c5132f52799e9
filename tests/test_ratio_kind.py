"""Ratio indicators: one count per one of another, printed and read as ``1.04:1``."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import fazhi_indicators as fz
from fazhi_indicators import render
from fazhi_indicators.exact import format_ratio, parse_stated_ratio, round_percent

RATIO = "admin_review.review_litigation_ratio"


def _county(values: str = "", stated: str = "") -> str:
    text = "county: 测试县\nyear: 2023\n"
    if values:
        text += "values:\n" + values
    if stated:
        text += "stated:\n" + stated
    return text


def test_the_review_to_litigation_ratio_is_a_ratio(catalog: fz.Catalog) -> None:
    indicator = catalog.indicators[RATIO]
    assert "ratio" == indicator.kind
    assert isinstance(indicator, fz.RateIndicator)
    assert ("admin_review.accepted", "admin_litigation.first_instance_received") == (
        indicator.fields
    )


def test_a_ratio_may_exceed_one_and_prints_as_a_to_one(catalog: fz.Catalog) -> None:
    """52 review cases to 50 lawsuits is 26/25, shown 1.04:1 in both languages."""
    data = fz.parse_county_year(
        _county("  admin_review.accepted: 52\n  admin_litigation.first_instance_received: 50\n"),
        catalog,
    )
    value = fz.compute(catalog, data)[RATIO]
    assert Fraction(26, 25) == value.value
    assert "1.04:1" == render.display_value(catalog, value, "en")
    assert "1.04:1" == render.display_value(catalog, value, "zh")


def test_a_stated_ratio_is_read_as_printed(catalog: fz.Catalog) -> None:
    """'1.04:1' under stated: is the interval of ratios that print so, either rounding."""
    data = fz.parse_county_year(_county(stated=f"  {RATIO}: '1.04:1'\n"), catalog)
    stated = data.stated[RATIO]
    assert "1.04:1" == stated.text
    interval = stated.interval()
    assert (Fraction(1035, 1000), Fraction(105, 100)) == (interval.low, interval.high)
    value = fz.compute(catalog, data)[RATIO]
    assert "stated" == value.source
    assert value.interval == interval


def test_an_unquoted_one_to_one_is_not_base_sixty(catalog: fz.Catalog) -> None:
    """YAML reads a bare 1:1 as 61; the ratio is read from the text as written."""
    data = fz.parse_county_year(_county(stated=f"  {RATIO}: 1:1\n"), catalog)
    interval = data.stated[RATIO].interval()
    assert Fraction(1) in interval
    assert (Fraction(1, 2), Fraction(2)) == (interval.low, interval.high)


def test_a_stated_ratio_is_audited_against_the_counts(catalog: fz.Catalog) -> None:
    text = _county(
        "  admin_review.accepted: 52\n  admin_litigation.first_instance_received: 50\n",
        f"  {RATIO}: '1.04:1'\n",
    )
    for printed, status in (("1.04:1", "consistent"), ("1.10:1", "inconsistent")):
        data = fz.parse_county_year(text.replace("1.04:1", printed), catalog)
        entries = fz.audit(catalog, data, fz.compute(catalog, data))
        assert [status] == [e.status for e in entries if e.subject == RATIO]


@pytest.mark.parametrize("text", ["'1.04:2'", "'one to one'", "'1.04'"])
def test_a_ratio_in_another_form_is_a_located_problem(catalog: fz.Catalog, text: str) -> None:
    with pytest.raises(fz.InputError) as caught:
        fz.parse_county_year(_county(stated=f"  {RATIO}: {text}\n"), catalog)
    (problem,) = caught.value.problems
    assert ("bad-rate", 4) == (problem.code, problem.line)
    assert "1.04:1" in problem.message
    assert "1.04:1" in problem.message_zh


def test_a_share_is_not_written_as_a_ratio(catalog: fz.Catalog) -> None:
    with pytest.raises(fz.InputError) as caught:
        fz.parse_county_year(_county(stated="  admin_litigation.loss_rate: '1.04:1'\n"), catalog)
    assert ["bad-rate"] == [p.code for p in caught.value.problems]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("1.2:1", Fraction(115, 100), Fraction(13, 10)),
        ("0.96：1", Fraction(955, 1000), Fraction(97, 100)),
        ("约1.5:1", Fraction(135, 100), Fraction(17, 10)),
    ],
)
def test_stated_ratio_precision_follows_the_written_decimals(
    text: str, low: Fraction, high: Fraction
) -> None:
    """One decimal means a unit of 0.1: '1.2:1' is anything from 1.15 to under 1.3."""
    interval = parse_stated_ratio(text).interval()
    assert (low, high) == (interval.low, interval.high)


@given(
    st.fractions(min_value=0, max_value=20).filter(lambda f: f.denominator < 10**6),
    st.integers(min_value=0, max_value=4),
)
def test_a_printed_ratio_holds_the_value_it_was_printed_from(value: Fraction, places: int) -> None:
    printed = format_ratio(value, places)
    stated = parse_stated_ratio(printed)
    assert value in stated.interval("half_up")
    assert stated.matches(value, "half_up")
    assert Decimal(printed.split(":")[0]) == round_percent(value / 100, places)
