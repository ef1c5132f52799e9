"""Profiles: the shipped one's provenance, extends with overrides, and bad profiles."""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

import pytest

import fazhi_indicators as fz
from fazhi_indicators import _load

PROFILES = Path(__file__).parent / "fixtures" / "profiles"


def test_shipped_profile_sums_to_100(catalog: fz.Catalog) -> None:
    """The Henan reference profile's points add up to 100 and every item has a basis."""
    profile = catalog.profile("henan-demonstration-county")
    assert Fraction(100) == profile.max_total
    assert all(item.source.basis in {"law", "official", "assumption"} for item in profile.items)
    assert profile.assumption_count() > 0


@pytest.mark.parametrize("example", ["shenqiu-2023", "tongzhou-2023"])
def test_shipped_profile_shows_every_indicator_of_the_examples(
    catalog: fz.Catalog, example: str
) -> None:
    """Every indicator a bundled report gives a figure for is scored or monitored in the
    reference profile, so no figure is dropped from its scorecard. (The catalogue also
    holds indicators of other tables that the reference profile does not use.)"""
    profile = catalog.profile("henan-demonstration-county")
    used = {i.indicator for i in profile.items} | {m for a in profile.areas for m in a.monitor}
    assert used <= set(catalog.indicators)
    values = fz.compute(catalog, fz.load_county_year(fz.example_path(example), catalog))
    given = {k for k, v in values.items() if v.value is not None or v.stated is not None}
    assert given
    assert set() == given - used


def test_mandatory_items_rest_on_law(catalog: fz.Catalog) -> None:
    """Legality reviews and certification are mandatory, each backed by a statute."""
    profile = catalog.profile("henan-demonstration-county")
    mandatory = {i.indicator for i in profile.items if i.mandatory}
    assert {
        "major_decisions.legality_review_rate",
        "normative_documents.legality_review_rate",
        "enforcement.certification_rate",
    } <= mandatory
    assert all(i.source.basis == "law" for i in profile.items if i.mandatory)


def test_extends_overrides(shenqiu: fz.CountyYear) -> None:
    """A profile that extends the reference changes a target, the pass line, and drops an item."""
    profile = fz.load_profile(PROFILES / "stricter.yaml")
    assert "stricter-county" == profile.id
    assert "henan-demonstration-county" == profile.extends
    assert Fraction(85) == profile.pass_line.value
    assert "official" == profile.item("enforcement.exam_pass_rate").source.basis
    assert ">= 98%" == profile.item("enforcement.exam_pass_rate").target.text
    with pytest.raises(fz.UnknownIdError):
        profile.item("legal_advisers.coverage_rate")
    card = fz.score(shenqiu, profile)
    assert Fraction(97) == card.max_total
    assert "stricter-county" == card.profile.id


def test_misspelt_inherited_items_are_errors() -> None:
    """``items:`` and ``remove:`` naming no inherited item fail, located, with the right id.

    Both used to be ignored: the profile loaded and the item stayed.
    """
    with pytest.raises(fz.InputError) as caught:
        fz.load_profile(PROFILES / "misspelt-override.yaml")
    found = [(p.code, p.line, p.column) for p in caught.value.problems]
    assert [("unknown-id", 7, 3), ("unknown-id", 9, 10)] == found
    assert "did you mean 'enforcement.exam_pass_rate'" in caught.value.problems[0].message
    assert "did you mean 'legal_advisers.coverage_rate'" in caught.value.problems[1].message


def test_unknown_indicator_in_profile() -> None:
    """An item naming a misspelt indicator is located and answered with the right id."""
    with pytest.raises(fz.InputError) as caught:
        fz.load_profile(PROFILES / "unknown-indicator.yaml")
    (problem,) = caught.value.problems
    assert ("unknown-id", 9, 20) == (problem.code, problem.line, problem.column)
    assert "enforcement.exam_pass_rate" in problem.message


def test_extends_cycle(tmp_path: Path) -> None:
    """Profiles of a catalogue that extend each other are refused, naming the cycle."""
    root = tmp_path / "catalog"
    shutil.copytree(fz.catalog_root(), root)
    for name in ("cycle-a", "cycle-b"):
        shutil.copy(PROFILES / f"{name}.yaml", root / "profiles")
    with pytest.raises(fz.InputError) as caught:
        fz.load_catalog(root)
    cycles = [p for p in caught.value.problems if p.code == "extends-cycle"]
    assert cycles
    assert "cycle-a -> cycle-b -> cycle-a" in cycles[0].message or (
        "cycle-b -> cycle-a -> cycle-b" in cycles[0].message
    )


def test_profile_extending_an_unknown_profile() -> None:
    """A profile file extending a profile that does not exist is located."""
    with pytest.raises(fz.InputError) as caught:
        fz.load_profile(PROFILES / "cycle-a.yaml")
    assert [("unknown-id", 3)] == [(p.code, p.line) for p in caught.value.problems]


def test_bad_thresholds_all_reported() -> None:
    """Every bad threshold of one file is reported in one pass."""
    with pytest.raises(fz.InputError) as caught:
        fz.load_profile(PROFILES / "bad-thresholds.yaml")
    found = [(p.code, p.line) for p in caught.value.problems]
    assert [
        ("bad-basis", 6),
        ("out-of-range", 7),
        ("unreachable-target", 13),
        ("bad-target", 17),
        ("bad-number", 18),
        ("missing-key", 19),
        ("bad-target", 22),
    ] == found


def test_linear_floor_on_the_wrong_side() -> None:
    """A linear floor above a >= target, or equal to it, is refused where it is written."""
    with pytest.raises(fz.InputError) as caught:
        fz.load_profile(PROFILES / "bad-floor.yaml")
    found = [(p.code, p.line, p.message) for p in caught.value.problems]
    assert [
        ("bad-rule", 7, "the floor 99% must lie on the worse side of the target >= 95%"),
        ("bad-rule", 9, "the floor 90% must lie on the worse side of the target >= 90%"),
    ] == found


def test_inherited_problem_names_the_parent_file(catalog: fz.Catalog) -> None:
    """A mistake in an item the child inherits is reported in the parent's file, at its line."""
    parents = PROFILES / "parents"
    parent = parents / "bad-parent.yaml"
    child = PROFILES / "extends-bad-parent.yaml"
    with pytest.raises(fz.InputError) as caught:
        _load.load_profile(child, catalog, parents)
    (problem,) = caught.value.problems
    line = _line_of(parent, "points: ten")
    assert ("bad-number", str(parent), line, "areas[0].items[0].points") == (
        problem.code,
        problem.file,
        problem.line,
        problem.path,
    )


def test_inherited_setting_made_wrong_by_an_override_names_the_parent() -> None:
    """A lowered target puts the inherited floor on the wrong side: the floor's file is named."""
    parent = fz.catalog_root() / "profiles" / "henan-demonstration-county.yaml"
    with pytest.raises(fz.InputError) as caught:
        fz.load_profile(PROFILES / "lowered-target.yaml")
    (problem,) = caught.value.problems
    line = _line_of(parent, 'floor: "80%"')
    assert ("bad-rule", str(parent), line) == (problem.code, problem.file, problem.line)
    assert ">= 75%" in problem.message


def _line_of(path: Path, text: str) -> int:
    """The 1-based line of the only line of ``path`` that holds ``text``."""
    (line,) = [
        n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in row
    ]
    return line
