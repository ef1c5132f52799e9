"""The shipped catalogue: the fixed vocabulary, bilingual names, provenance."""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

import pytest

import fazhi_indicators as fz

#: Ids fixed by the design: files depend on them.
FIXED_FIELDS = {
    "admin_litigation": "cases_received cases_heard head_appeared cases_concluded cases_lost"
    " cases_withdrawn_settled",
    "admin_review": "applications_received accepted closed upheld rejected revoked altered"
    " confirmed_illegal confirmed_void ordered_to_perform mediated_settled withdrawn"
    " terminated corrected",
    "enforcement": "entities exam_participants exam_passed officers_on_duty officers_certified"
    " certificates_total enforcement_certificates supervision_certificates case_files_reviewed"
    " penalty_powers_devolved minor_exempt_items lighter_penalty_items mitigated_penalty_items"
    " no_coercion_items",
    "mediation": "disputes_received disputes_resolved",
    "legal_aid": "cases_total civil criminal legal_help migrant_worker consultations"
    " applications_decided decided_within_limit",
    "normative_documents": "issued legality_reviewed filed filed_on_time reviewed backfilled"
    " preliminary_reviewed repealed",
    "major_decisions": "made legality_reviewed",
    "legal_advisers": "units_total units_with_adviser government_counsel",
    "gov_services": "items_total items_instant entry_units",
    "leadership": "law_lectures annual_report_published_on",
    "events": "serious_violation_incident",
}
FIXED_INDICATORS = [
    "admin_litigation.head_appearance_rate",
    "admin_litigation.loss_rate",
    "admin_litigation.closure_rate",
    "admin_litigation.settlement_withdrawal_rate",
    "admin_review.acceptance_rate",
    "admin_review.closure_rate",
    "admin_review.correction_rate",
    "admin_review.correction_rate_decided",
    "admin_review.settlement_withdrawal_rate",
    "enforcement.exam_pass_rate",
    "enforcement.certification_rate",
    "mediation.success_rate",
    "legal_aid.timely_decision_rate",
    "normative_documents.legality_review_rate",
    "normative_documents.filing_rate",
    "normative_documents.timely_filing_rate",
    "major_decisions.legality_review_rate",
    "legal_advisers.coverage_rate",
    "gov_services.instant_rate",
    "leadership.annual_report_on_time",
]


def test_fixed_field_ids_exist(catalog: fz.Catalog) -> None:
    """Every field id of the design's vocabulary is in the catalogue."""
    wanted = {f"{d}.{n}" for d, names in FIXED_FIELDS.items() for n in names.split()}
    assert set() == wanted - set(catalog.fields)


def test_fixed_indicator_ids_exist(catalog: fz.Catalog) -> None:
    """Every indicator id of the design's vocabulary is in the catalogue."""
    assert set() == set(FIXED_INDICATORS) - set(catalog.indicators)


def test_names_in_both_languages(catalog: fz.Catalog) -> None:
    """Every field and indicator has a Chinese and an English name that differ."""
    names = [(f.id, f.name) for f in catalog.fields.values()]
    names += [(i.id, i.name) for i in catalog.indicators.values()]
    for item_id, name in names:
        assert name.zh != name.en
        assert any("\u4e00" <= ch <= "\u9fff" for ch in name.zh), item_id


def test_every_indicator_names_its_source(catalog: fz.Catalog) -> None:
    """Every indicator says where its definition comes from, with a basis."""
    for indicator in catalog.indicators.values():
        assert indicator.source is not None, indicator.id
        assert indicator.source.title or indicator.source.note, indicator.id


@pytest.mark.parametrize(
    ("indicator_id", "kind", "direction"),
    [
        ("admin_litigation.head_appearance_rate", "share", "higher"),
        ("admin_litigation.loss_rate", "share", "lower"),
        ("admin_litigation.closure_rate", "clearance", "higher"),
        ("admin_review.closure_rate", "clearance", "higher"),
    ],
)
def test_kinds_and_directions(
    catalog: fz.Catalog, indicator_id: str, kind: str, direction: str
) -> None:
    """Shares and clearance rates are declared as the design says."""
    indicator = catalog.indicators[indicator_id]
    assert (kind, direction) == (indicator.kind, indicator.direction)


def test_breakdowns(catalog: fz.Catalog) -> None:
    """Legal-aid parts, review outcomes and certificates are declared breakdowns."""
    assert ("legal_aid.civil", "legal_aid.criminal", "legal_aid.legal_help") == (
        catalog.fields["legal_aid.cases_total"].parts
    )
    assert "legal_aid.cases_total" == catalog.fields["legal_aid.migrant_worker"].subset_of
    assert "admin_review.corrected" in catalog.fields["admin_review.closed"].parts
    assert 5 == len(catalog.fields["admin_review.corrected"].sum_of)
    assert catalog.fields["enforcement.certificates_total"].complete


def test_clearance_may_exceed_100(catalog: fz.Catalog) -> None:
    """Closing more review cases than accepted (carry-over) loads and gives > 100%."""
    data = fz.parse_county_year(
        "county: 测试县\nyear: 2023\nvalues:\n  admin_review.accepted: 40\n"
        "  admin_review.closed: 50\n",
        catalog,
    )
    assert Fraction(5, 4) == fz.compute(catalog, data)["admin_review.closure_rate"].value


def test_broken_catalogue_reports_every_problem() -> None:
    """A broken catalogue names each file, line and what is wrong, all at once."""
    from pathlib import Path

    root = Path(__file__).parent / "corpus" / "catalog" / "broken"
    with pytest.raises(fz.InputError) as caught:
        fz.load_catalog(root)
    found = [(Path(p.file or "").name, p.line, p.code) for p in caught.value.problems]
    assert [
        ("demo.yaml", 5, "unknown-id"),
        ("demo.yaml", 9, "bad-choice"),
        ("demo.yaml", 10, "bad-id"),
        ("demo.yaml", 6, "bad-choice"),
        ("demo.yaml", 8, "bad-formula"),
        ("demo.yaml", 10, "unknown-id"),
    ] == found


def test_approximate_counts_give_intervals(catalog: fz.Catalog) -> None:
    """'2700余' disputes received, 2650 resolved: the rate is an interval, flagged approximate."""
    data = fz.parse_county_year(
        "county: 测试县\nyear: 2023\nvalues:\n"
        "  mediation.disputes_received: {value: 2700, approx: 余}\n"
        "  mediation.disputes_resolved: 2650\n",
        catalog,
    )
    value = fz.compute(catalog, data)["mediation.success_rate"]
    assert value.value is None
    assert value.interval is not None
    assert (Fraction(2650, 2799), Fraction(2650, 2700)) == (value.interval.low, value.interval.high)
    assert value.approximate is not None


@pytest.mark.parametrize(
    ("published", "on_time"),
    [
        ("2024-03-31", True),
        ("2024-04-01", True),
        ("2024-04-02", False),
    ],
)
def test_annual_report_deadline(catalog: fz.Catalog, published: str, on_time: bool) -> None:
    """The 2023 report is on time when published by 1 April 2024."""
    data = fz.parse_county_year(
        "county: 测试县\nyear: 2023\nvalues:\n"
        f"  leadership.annual_report_published_on: {published}\n",
        catalog,
    )
    assert on_time is fz.compute(catalog, data)["leadership.annual_report_on_time"].value


def test_an_empty_file_in_a_catalogue_is_a_problem(tmp_path: Path) -> None:
    """An empty fields file is reported, not skipped (every file of a folder is read one way)."""
    shutil.copytree(fz.catalog_root(), tmp_path / "c")
    (tmp_path / "c" / "fields" / "zz.yaml").write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(fz.InputError) as caught:
        fz.load_catalog(tmp_path / "c")
    assert ["empty-file"] == [p.code for p in caught.value.problems]


def test_a_bad_formula_is_one_problem(tmp_path: Path) -> None:
    """A malformed formula is reported once; profiles using the indicator do not call it unknown."""
    shutil.copytree(fz.catalog_root(), tmp_path / "c")
    path = tmp_path / "c" / "indicators" / "enforcement.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("numerator: exam_passed", "numerator: exam_passed +", 1), "utf-8")
    with pytest.raises(fz.InputError) as caught:
        fz.load_catalog(tmp_path / "c")
    assert ["bad-formula"] == [p.code for p in caught.value.problems]
