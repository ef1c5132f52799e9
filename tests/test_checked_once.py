"""score() does not check again what the loaders checked: that must change nothing.

The facade remembers, by identity, each county-year its loaders returned (and each one
``score()`` checked), and scores it without checking it again.  That is sound only if
checking a loaded county-year finds no problem it did not carry and gives it back
unchanged; these tests hold every bundled and fixture county-year to that.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import attrs
import pytest

import fazhi_indicators as fz
from fazhi_indicators._load.python_input import check_county_year

ROOT = Path(__file__).resolve().parents[1]
render = importlib.import_module("fazhi_indicators.render")


def _loadable(paths: list[Path]) -> list[Path]:
    """The files the loader accepts (one fixture is refused on purpose: never scored)."""
    accepted = []
    for path in paths:
        try:
            fz.load_county_year(path)
        except fz.InputError:
            continue
        accepted.append(path)
    return accepted


FILES = _loadable(
    sorted(
        [
            *(ROOT / "examples").rglob("*.yaml"),
            *(ROOT / "tests" / "fixtures" / "county").glob("*.yaml"),
            *(ROOT / "tests" / "fixtures" / "verdicts").glob("*.yaml"),
        ]
    )
)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_loaded_county_year_passes_its_check_unchanged(path: Path) -> None:
    """Checking what a loader returned finds nothing new and changes nothing."""
    data = fz.load_county_year(path)
    checked, problems = check_county_year(data, fz.default_catalog())
    assert checked == data
    assert checked is not None
    assert checked.warnings == data.warnings
    assert [p for p in problems if p.severity == "error"] == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_scoring_without_the_second_check_gives_the_same_card(path: Path) -> None:
    """A loaded county-year scores as an equal copy that ``score()`` must check first."""
    data = fz.load_county_year(path)
    copy = attrs.evolve(data)  # an equal object the facade has not seen
    try:
        expected = render.scorecard_json(fz.score(copy))
    except fz.ProfileNotApplicableError:
        with pytest.raises(fz.ProfileNotApplicableError):
            fz.score(data)
        return
    assert render.scorecard_json(fz.score(data)) == expected


def test_the_files_include_warnings_and_refusals() -> None:
    """The files checked are many, and include ones loaded with warnings."""
    assert len(FILES) >= 20
    assert any(fz.load_county_year(path).warnings for path in FILES)


def test_a_county_year_built_with_a_mistake_is_still_refused() -> None:
    """An object never checked is checked by ``score()``, every time it is given."""
    data = fz.load_county_year(fz.example_path("shenqiu-2023"))
    wrong = attrs.evolve(data, year=1850)
    for _ in range(2):
        with pytest.raises(fz.InputError):
            fz.score(wrong)
