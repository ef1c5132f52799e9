"""Profiles with items of every kind load; each mistake is a located problem in both languages."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import get_args

import pytest

import fazhi_indicators as fz
from fazhi_indicators.definitions import ItemKind

FIXTURES = Path(__file__).parent / "fixtures" / "profiles-kinds"
BAD = FIXTURES / "bad"

#: Each bad profile and the one problem it must give: code, line, column, path.
EXPECTED = {
    "bad-item-id": ("bad-id", 9, 13, "areas[0].items[0].id"),
    "due-impossible": ("bad-number", 13, 14, "areas[0].items[0].due"),
    "duplicate-own-id": ("duplicate-item", 15, 13, "areas[0].items[1].id"),
    "field-of-wrong-type": ("wrong-type", 12, 16, "areas[0].items[0].field"),
    "key-of-another-kind": ("unknown-key", 13, 9, "areas[0].items[0].floor"),
    "kind-unknown": ("bad-choice", 11, 15, "areas[0].items[0].kind"),
    "manual-requirement": ("bad-choice", 16, 19, "areas[0].items[0].requirements[0].kind"),
    "manual-with-rule": ("rule-not-for-kind", 13, 15, "areas[0].items[0].rule"),
    "own-id-is-an-indicator": ("duplicate-id", 9, 13, "areas[0].items[0].id"),
    "own-item-without-name": ("missing-key", 9, 9, "areas[0].items[0].name"),
    "partial-with-kind": ("rule-not-for-kind", 14, 15, "areas[0].items[0].rule"),
    "partial-without-requirements": ("missing-key", 13, 23, "areas[0].items[0].requirements"),
    "per-event-zero": ("out-of-range", 15, 14, "areas[0].items[0].per"),
    "ratio-yes-no-target": ("bad-target", 14, 17, "areas[0].items[0].target"),
    "rule-not-for-kind": ("rule-not-for-kind", 15, 15, "areas[0].items[0].rule"),
    "step-without-every": ("missing-key", 12, 15, "areas[0].items[0].rule"),
    "steps-last-bounded": ("bad-steps", 15, 39, "areas[0].items[0].min.steps[1]"),
    "steps-out-of-order": ("bad-steps", 15, 40, "areas[0].items[0].min.steps[1]"),
    "trend-field-and-indicator": ("conflict", 12, 16, "areas[0].items[0].field"),
}


def test_every_bad_fixture_has_an_expectation() -> None:
    found = {p.stem for p in BAD.glob("*.yaml")} - {"ratio-bad-formula"}
    assert found == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_item_is_one_located_problem(name: str) -> None:
    with pytest.raises(fz.InputError) as raised:
        fz.load_profile(BAD / f"{name}.yaml")
    problems = raised.value.problems
    assert [(p.code, p.line, p.column, p.path) for p in problems] == [EXPECTED[name]]
    (problem,) = problems
    assert problem.file is not None
    assert problem.file.endswith(f"{name}.yaml")
    assert problem.code in fz.errors.ERROR_CODES
    assert problem.message
    assert problem.message_zh
    assert problem.message != problem.message_zh


def test_a_bad_formula_names_both_mistakes() -> None:
    with pytest.raises(fz.InputError) as raised:
        fz.load_profile(BAD / "ratio-bad-formula.yaml")
    found = [(p.code, p.path) for p in raised.value.problems]
    assert found == [
        ("bad-formula", "areas[0].items[0].numerator"),
        ("unknown-id", "areas[0].items[0].denominator"),
    ]
    assert "gov_services.items_total" in raised.value.problems[1].message


def test_the_test_profile_builds_every_kind() -> None:
    profile = fz.load_profile(FIXTURES / "shenqiu-kinds.yaml")
    kinds = {item.id: item.kind for item in profile.items}
    assert set(kinds.values()) == set(get_args(ItemKind))
    study = profile.item("leadership.study")
    assert isinstance(study.rule, fz.Partial)
    sessions = study.rule.requirements[1]
    assert sessions.check == fz.CountCheck(
        kind="min_count", field="leadership.law_lectures", at_least=6
    )
    assert sessions.rule == fz.PerShortfall(per=Fraction(3, 10), cap=Fraction(6, 5))
    step = profile.item("admin_review.closure_rate").rule
    assert step == fz.PerStep(every=Fraction(1, 10), per=Fraction(1))
    share = profile.item("gov_services.instant_share")
    assert share.rule == fz.AllOrNothing()  # written `binary`
    assert isinstance(share.check, fz.OwnIndicator)
    assert share.check.definition.formula() == (
        "(gov_services.items_instant) / (gov_services.items_total)"
    )
    # Inherited from the Henan profile it extends.
    assert profile.pass_line.value == 80
    assert len(profile.vetoes) == 2


def test_a_child_changes_an_item_by_its_own_id(tmp_path: Path) -> None:
    child = tmp_path / "child.yaml"
    child.write_text(
        """id: child
version: "1"
title: {zh: 子标准, en: Child}
extends: shenqiu-kinds
items:
  leadership.annual_plan_quality: {points: 8}
remove: [legal_aid.cases_rising]
""",
        encoding="utf-8",
    )
    parent = (FIXTURES / "shenqiu-kinds.yaml").read_text(encoding="utf-8")
    (tmp_path / "shenqiu-kinds.yaml").write_text(parent, encoding="utf-8")
    henan = fz.catalog_root() / "profiles" / "henan-demonstration-county.yaml"
    (tmp_path / "henan-demonstration-county.yaml").write_text(
        henan.read_text(encoding="utf-8"), encoding="utf-8"
    )
    catalog = fz.default_catalog()
    profile = fz._load.load_profile(child, catalog, tmp_path)
    assert profile.item("leadership.annual_plan_quality").points == 8
    assert "legal_aid.cases_rising" not in {item.id for item in profile.items}


def test_shipped_profiles_still_load_as_rate_items() -> None:
    henan = fz.default_catalog().profile("henan-demonstration-county")
    assert {item.kind for item in henan.items} <= {"rate"}
    assert all(item.id == item.indicator for item in henan.items)


@pytest.mark.parametrize(
    ("name", "code", "path"),
    [
        ("evidence-unnamed", "evidence-unnamed", "evidence.events.major_mass_incident[0]"),
        ("evidence-unknown-field", "unknown-id", "evidence.events.mass_incident"),
        ("manual-missing-by", "missing-key", "manual.leadership.plan.by"),
        ("manual-bad-date", "wrong-type", "manual.leadership.plan.on"),
        ("manual-bad-id", "bad-id", "manual.Leadership Plan"),
    ],
)
def test_bad_evidence_and_manual_scores_are_located(name: str, code: str, path: str) -> None:
    with pytest.raises(fz.InputError) as raised:
        fz.load_county_year(FIXTURES / "bad-county" / f"{name}.yaml")
    assert [(p.code, p.path) for p in raised.value.problems] == [(code, path)]
    (problem,) = raised.value.problems
    assert problem.line is not None
    assert problem.message_zh


def test_the_documented_example_loads_and_scores(tmp_path: Path) -> None:
    """The profile in the format reference, section "Profile items: kinds and rules"."""
    page = (Path(__file__).parents[1] / "docs" / "reference" / "formats.md").read_text(
        encoding="utf-8"
    )
    section = page[page.index("## Profile items: kinds and rules") :]
    start = section.index("```yaml\nid: ") + len("```yaml\n")
    example = tmp_path / "example.yaml"
    example.write_text(section[start : section.index("```", start)], encoding="utf-8")
    profile = fz.load_profile(example)
    kinds = [item.kind for item in profile.items]
    assert kinds == [
        "partial",
        "zero_count",
        "min_count",
        "trend_up",
        "rate",
        "boolean",
        "ratio",
        "manual",
    ]
    card = fz.score(fz.load_county_year(fz.example_path("shenqiu-2023")), profile)
    assert card.lines["leadership.annual_plan_quality"].status == fz.Verdict.UNDETERMINED
    assert card.lines["admin_review.closure_rate_trend"].status == fz.Verdict.MISSING
