"""fazhi_indicators.converter: every public attrs type to plain JSON data and back, equal."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fazhi_indicators as fz
from fazhi_indicators._load.panel import read_panel_columns
from fazhi_indicators.converter import TAG, converter, make_converter
from fazhi_indicators.panel_engine import PanelResult, compile_profile, score_columns, score_rows
from fazhi_indicators.strategies import catalogs, county_years, profiles, stated_rates

PANELS = Path(__file__).parent / "fixtures" / "panel"
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _through_json(value: object, kind: Any) -> object:
    """Unstructure, write as JSON text, read it back and structure it again."""
    text = json.dumps(converter.unstructure(value), ensure_ascii=False)
    return converter.structure(json.loads(text), kind)


def _no_floats(plain: object) -> bool:
    if isinstance(plain, float):
        return False
    if isinstance(plain, dict):
        return all(_no_floats(v) for v in plain.values())
    if isinstance(plain, list):
        return all(_no_floats(v) for v in plain)
    return True


@SLOW
@given(county_years(stated=False))
def test_county_years_round_trip(data: fz.CountyYear) -> None:
    assert _through_json(data, fz.CountyYear) == data
    assert _no_floats(converter.unstructure(data))


@SLOW
@given(profiles())
def test_profiles_round_trip(profile: fz.Profile) -> None:
    assert _through_json(profile, fz.Profile) == profile
    assert _no_floats(converter.unstructure(profile))


@SLOW
@given(catalogs())
def test_catalogs_round_trip(catalog: fz.Catalog) -> None:
    assert _through_json(catalog, fz.Catalog) == catalog


@given(stated_rates())
def test_stated_rates_round_trip(drawn: tuple[Fraction, fz.StatedRate]) -> None:
    rate = drawn[1]
    assert _through_json(rate, fz.StatedRate) == rate


@pytest.mark.parametrize("name", ["shenqiu-2023", "tongzhou-2023"])
def test_bundled_examples_and_their_scorecards_round_trip(name: str) -> None:
    data = fz.load_county_year(fz.example_path(name))
    assert _through_json(data, fz.CountyYear) == data
    card = fz.score(data)
    back = _through_json(card, fz.Scorecard)
    assert back == card
    assert isinstance(back, fz.Scorecard)
    assert back.to_json() == card.to_json()


def test_every_shipped_profile_and_the_catalogue_round_trip() -> None:
    catalog = fz.default_catalog()
    assert _through_json(catalog, fz.Catalog) == catalog
    for profile in catalog.profiles.values():
        assert _through_json(profile, fz.Profile) == profile


def test_exact_values_are_text() -> None:
    plain = converter.unstructure(
        {"rate": Fraction(401, 443), "day": dt.date(2023, 10, 31), "amount": Decimal("12.50")}
    )
    assert plain == {"rate": "401/443", "day": "2023-10-31", "amount": "12.50"}
    assert converter.structure("401/443", Fraction) == Fraction(401, 443)
    assert converter.structure("12.50", Decimal) == Decimal("12.50")


def test_a_union_of_attrs_classes_is_tagged_by_class() -> None:
    profile = fz.default_catalog().profile(fz.DEFAULT_PROFILE)
    plain = converter.unstructure(profile)
    item = plain["areas"][0]["items"][0]
    assert item["target"][TAG] in {"RateTarget", "FlagTarget"}


def test_a_reported_value_keeps_its_plain_type() -> None:
    for value in (True, 0, 12, dt.date(2023, 5, 1)):
        reported = fz.Reported(value=value)
        back = _through_json(reported, fz.Reported)
        assert isinstance(back, fz.Reported)
        assert back == reported
        assert type(back.value) is type(value)


@pytest.mark.parametrize(
    ("plain", "kind"),
    [
        (0.5, Fraction),
        (True, Fraction),
        (20231031, dt.date),
        (1.5, Decimal),
        ({"value": 1.5}, fz.Reported),
    ],
)
def test_floats_and_wrong_types_are_refused(plain: object, kind: Any) -> None:
    with pytest.raises((TypeError, ValueError, cattrs.BaseValidationError)):
        make_converter().structure(plain, kind)


def test_an_unknown_tag_is_refused() -> None:
    profile = fz.default_catalog().profile(fz.DEFAULT_PROFILE)
    plain = converter.unstructure(profile)
    plain["areas"][0]["items"][0]["target"][TAG] = "NoSuchTarget"
    with pytest.raises(cattrs.BaseValidationError) as raised:
        converter.structure(plain, fz.Profile)
    assert any(
        line.endswith("@ $.areas[0].items[0].target")
        for line in cattrs.transform_error(raised.value)
    )


@given(st.fractions())
def test_any_fraction_round_trips(value: Fraction) -> None:
    assert converter.structure(converter.unstructure(value), Fraction) == value


@SLOW
@given(
    st.lists(county_years(year=2023, stated=False), min_size=1, max_size=4, unique_by=id),
)
def test_scored_panels_round_trip(rows: list[fz.CountyYear]) -> None:
    """A panel scored column by column, its rows' figures as fractions, read back equal."""
    catalog = fz.default_catalog()
    named = [attrs.evolve(row, county=f"县{number}") for number, row in enumerate(rows)]
    result = score_rows(named, catalog.profile(fz.DEFAULT_PROFILE), catalog)
    plain = converter.unstructure(result)
    assert _no_floats(plain)
    assert _through_json(result, PanelResult) == result


def test_a_panel_file_round_trips_with_its_figures_as_text() -> None:
    """The fixture panel: every row's figures are ``"p/q"`` text in the plain data."""
    catalog = fz.default_catalog()
    columns = read_panel_columns(PANELS / "ranking.csv", catalog)
    result = score_columns(columns, compile_profile(catalog.profile(fz.DEFAULT_PROFILE), catalog))
    plain = converter.unstructure(result)
    first = plain["rows"][0]
    assert isinstance(first["total"], str)
    assert Fraction(first["total"]) == result.rows[0].total
    assert first["verdict"] == result.rows[0].verdict.value
    assert _through_json(result, PanelResult) == result
