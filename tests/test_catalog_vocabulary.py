"""The catalogue's wider vocabulary: what county reports print, family by family."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from fractions import Fraction
from pathlib import Path
from unicodedata import east_asian_width

import pytest

import fazhi_indicators as fz
from fazhi_indicators.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "vocabulary"

#: Ids that transcribers of real reports rely on, by family.
FAMILIES: dict[str, tuple[str, ...]] = {
    "leadership and study": (
        "leadership.exec_meeting_law_sessions",
        "leadership.exec_meeting_laws_studied",
        "leadership.party_group_law_sessions",
        "leadership.law_training_classes",
        "leadership.law_training_attendance",
        "leadership.law_training_hours",
        "leadership.pre_appointment_exam_takers",
        "leadership.pre_appointment_exam_passed",
        "leadership.pre_appointment_exam_pass_rate",
        "leadership.law_reporting_officials",
        "leadership.law_reporting_on_site",
        "leadership.law_topic_meetings",
        "leadership.party_committee_law_topics",
        "leadership.government_law_topics",
        "leadership.law_issues_resolved",
        "leadership.rule_of_law_committee_meetings",
        "leadership.inspections",
        "leadership.inspected_units",
        "leadership.issues_found",
        "leadership.issues_rectified",
        "leadership.rectification_rate",
        "leadership.supervision_orders",
        "leadership.circulars",
    ),
    "government services": (
        "gov_services.items_on_application",
        "gov_services.items_in_centre",
        "gov_services.centre_entry_rate",
        "gov_services.single_window_items",
        "gov_services.single_window_rate",
        "gov_services.online_items",
        "gov_services.fully_online_items",
        "gov_services.online_rate",
        "gov_services.one_visit_items",
        "gov_services.province_wide_items",
        "gov_services.cross_province_items",
        "gov_services.cases_handled",
        "gov_services.cases_instant",
        "gov_services.instant_case_share",
        "gov_services.statutory_days_total",
        "gov_services.promised_days_total",
        "gov_services.time_compression_rate",
        "gov_services.items_time_compressed",
        "gov_services.proof_items_cancelled",
        "gov_services.proof_items_retained",
        "gov_services.proof_items_by_promise",
    ),
    "administrative review": (
        "admin_review.not_accepted",
        "admin_review.resolved_before_acceptance",
        "admin_review.pre_acceptance_resolution_share",
        "admin_review.mediated",
        "admin_review.mediation_rate",
        "admin_review.revoked_redo",
        "admin_review.hearings",
        "admin_review.opinion_letters",
        "admin_review.decisions_to_perform",
        "admin_review.decisions_performed",
        "admin_review.performance_rate",
        "admin_review.resolved_substantively",
        "admin_review.substantive_resolution_rate",
        "admin_review.litigated_after_review",
        "admin_review.litigation_after_review_rate",
        "admin_review.finality_rate",
        "admin_review.lost_after_review",
        "admin_review.review_litigation_ratio",
    ),
    "administrative litigation": (
        "admin_litigation.first_instance_received",
        "admin_litigation.cases_won",
        "admin_litigation.win_rate",
        "admin_litigation.head_appeared_principal",
        "admin_litigation.principal_appearance_share",
        "admin_litigation.losses_held_accountable",
        "admin_litigation.officials_held_accountable",
        "admin_litigation.judicial_suggestions",
        "admin_litigation.judicial_suggestions_answered",
        "admin_litigation.judicial_suggestion_reply_rate",
        "admin_litigation.procuratorial_suggestions",
        "admin_litigation.procuratorial_suggestions_answered",
        "admin_litigation.procuratorial_suggestion_reply_rate",
    ),
    "legal advisers and public lawyers": (
        "legal_advisers.advisers_total",
        "legal_advisers.public_lawyer_units_required",
        "legal_advisers.public_lawyer_units",
        "legal_advisers.public_lawyer_coverage",
        "legal_advisers.public_lawyers",
        "legal_advisers.opinions_given",
        "legal_advisers.contracts_reviewed",
        "legal_advisers.disputes_handled",
        "legal_advisers.villages_total",
        "legal_advisers.villages_with_adviser",
        "legal_advisers.village_adviser_coverage",
    ),
    "deputies' suggestions and CPPCC proposals": (
        "suggestions.npc_received",
        "suggestions.npc_answered",
        "suggestions.npc_satisfied",
        "suggestions.npc_answer_rate",
        "suggestions.npc_satisfaction_rate",
        "suggestions.cppcc_received",
        "suggestions.cppcc_answered",
        "suggestions.cppcc_satisfied",
        "suggestions.cppcc_answer_rate",
        "suggestions.cppcc_satisfaction_rate",
    ),
    "enforcement supervision, certificates, training": (
        "enforcement.case_files_passed",
        "enforcement.case_files_excellent",
        "enforcement.case_file_pass_rate",
        "enforcement.supervision_inspections",
        "enforcement.supervision_units_inspected",
        "enforcement.supervision_issues_found",
        "enforcement.supervision_issues_rectified",
        "enforcement.supervision_rectification_rate",
        "enforcement.supervision_notices",
        "enforcement.penalty_decisions",
        "enforcement.major_decisions_due_review",
        "enforcement.major_decisions_reviewed",
        "enforcement.legal_review_rate",
        "enforcement.publicity_entries",
        "enforcement.units_three_systems",
        "enforcement.three_systems_coverage",
        "enforcement.certificates_issued",
        "enforcement.certificates_cancelled",
        "enforcement.certificates_renewed",
        "enforcement.training_sessions",
        "enforcement.training_attendance",
        "enforcement.training_hours",
        "enforcement.officers_meeting_training_hours",
        "enforcement.training_hours_rate",
    ),
    "the demonstration process": (
        "demonstration.task_items",
        "demonstration.task_items_completed",
        "demonstration.task_completion_rate",
        "demonstration.benchmark_items",
        "demonstration.benchmark_items_met",
        "demonstration.benchmark_met_rate",
        "demonstration.evidence_files",
        "demonstration.participating_units",
        "demonstration.meetings",
        "demonstration.self_check_issues",
        "demonstration.self_check_rectified",
        "demonstration.self_check_rectification_rate",
        "demonstration.units_named",
    ),
    "what transcribed reports had no id for": (
        "admin_review.carried_over",
        "admin_review.comprehensive_resolution_rate",
        "normative_documents.filings_received",
        "normative_documents.cleanup_screened",
        "normative_documents.cleanup_to_amend",
        "legality_review.matters_reviewed",
        "legality_review.other_matters_reviewed",
        "legality_review.opinions_given",
        "legality_review.consultations_attended",
        "leadership.units_assessed",
        "enforcement.random_inspection_items",
        "enforcement.random_inspections",
        "gov_services.power_list_items",
        "gov_services.information_published",
        "gov_services.information_requests",
        "gov_services.information_requests_answered_on_time",
        "gov_services.information_request_timely_rate",
        "leadership.annual_law_exam_takers",
        "leadership.annual_law_exam_passed",
        "leadership.annual_law_exam_pass_rate",
        "mediation.committees",
        "mediation.committees_new",
        "mediation.mediators",
        "legality_review.contracts_reviewed",
        "legality_review.documents_reviewed",
        "admin_review.cases_handled",
        "admin_litigation.cases_handled",
        "normative_documents.in_force",
        "leadership.reminder_letters",
        "enforcement.ability_tests",
    ),
}
ALL_IDS = [i for ids in FAMILIES.values() for i in ids]


def _definition(catalog: fz.Catalog, item_id: str) -> fz.FieldDef | fz.IndicatorDef:
    return catalog.fields[item_id] if item_id in catalog.fields else catalog.indicator(item_id)


@pytest.mark.parametrize("family", FAMILIES)
def test_every_family_is_in_the_catalogue(catalog: fz.Catalog, family: str) -> None:
    missing = [i for i in FAMILIES[family] if i not in (*catalog.fields, *catalog.indicators)]
    assert [] == missing


SHIPPED = fz.default_catalog()


@pytest.mark.parametrize("item_id", [*SHIPPED.fields, *SHIPPED.indicators])
def test_each_entry_says_what_it_counts_and_where_that_comes_from(
    catalog: fz.Catalog, item_id: str
) -> None:
    """A one-line description, a unit for a count, a source with a title or a reason."""
    definition = _definition(catalog, item_id)
    what = definition.description
    assert what is not None, item_id
    assert "\n" not in what.zh.strip() + what.en.strip()
    assert not re.search("[A-Za-z]", what.zh), "a Chinese template stays Chinese"
    assert re.search("[\u4e00-\u9fff]", what.zh)
    assert re.search("[A-Za-z]{3}", what.en)
    assert definition.source is not None
    if definition.source.basis == "assumption":
        assert definition.source.note, "an assumption says why"
    else:
        assert definition.source.title, "a law, document or practice is named"
    if isinstance(definition, fz.FieldDef) and definition.type == "count":
        assert definition.unit is not None


def test_a_description_in_one_language_is_a_located_problem(tmp_path: Path) -> None:
    """A description is a {zh, en} pair: a Chinese form must not show English."""
    shutil.copytree(fz.catalog_root(), tmp_path / "c")
    path = tmp_path / "c" / "fields" / "mediation.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    description:\n", text.index("disputes_resolved:"))
    end = text.index("    source:", start)
    path.write_text(text[:start] + "    description: Disputes resolved.\n" + text[end:], "utf-8")
    with pytest.raises(fz.InputError) as caught:
        fz.load_catalog(tmp_path / "c")
    (problem,) = caught.value.problems
    assert ("wrong-type", "fields.disputes_resolved.description") == (problem.code, problem.path)
    assert "{zh, en}" in problem.message


def test_names_are_unique_in_each_language(catalog: fz.Catalog) -> None:
    """A Chinese name used as a key in a county file names one entry only."""
    names = [d.name for d in (*catalog.fields.values(), *catalog.indicators.values())]
    for lang in ("zh", "en"):
        counts = Counter(n.get(lang).strip() for n in names)
        assert [] == [name for name, count in counts.items() if count > 1], lang


def test_hours_attendance_and_days_have_units(catalog: fz.Catalog) -> None:
    units = {
        "leadership.law_training_hours": "学时",
        "enforcement.training_hours": "学时",
        "leadership.law_training_attendance": "人次",
        "gov_services.statutory_days_total": "个工作日",
    }
    for field_id, unit in units.items():
        found = catalog.fields[field_id].unit
        assert found is not None
        assert unit == found.zh


def test_a_report_in_the_new_vocabulary_computes_exactly(catalog: fz.Catalog) -> None:
    """Ids and Chinese names mix; each rate is the exact fraction of the figures given."""
    data = fz.load_county_year(FIXTURES / "county-new-families.yaml", catalog)
    values = fz.compute(catalog, data)
    given = data.value

    def rate(numerator: str, denominator: str) -> Fraction:
        n, d = given(numerator), given(denominator)
        assert isinstance(n, int)
        assert isinstance(d, int)
        return Fraction(n, d)

    expected = {
        "leadership.pre_appointment_exam_pass_rate": rate(
            "leadership.pre_appointment_exam_passed", "leadership.pre_appointment_exam_takers"
        ),
        "leadership.rectification_rate": rate(
            "leadership.issues_rectified", "leadership.issues_found"
        ),
        "gov_services.centre_entry_rate": rate(
            "gov_services.items_in_centre", "gov_services.items_on_application"
        ),
        "gov_services.time_compression_rate": 1
        - rate("gov_services.promised_days_total", "gov_services.statutory_days_total"),
        "admin_review.review_litigation_ratio": rate(
            "admin_review.accepted", "admin_litigation.first_instance_received"
        ),
        "admin_review.mediation_rate": rate("admin_review.mediated_settled", "admin_review.closed"),
        "admin_review.finality_rate": 1
        - rate("admin_review.litigated_after_review", "admin_review.closed"),
        "admin_litigation.win_rate": rate(
            "admin_litigation.cases_won", "admin_litigation.cases_concluded"
        ),
        "suggestions.npc_satisfaction_rate": rate(
            "suggestions.npc_satisfied", "suggestions.npc_answered"
        ),
        "enforcement.case_file_pass_rate": rate(
            "enforcement.case_files_passed", "enforcement.case_files_reviewed"
        ),
        "demonstration.task_completion_rate": rate(
            "demonstration.task_items_completed", "demonstration.task_items"
        ),
    }
    assert expected == {i: values[i].value for i in expected}
    audited = {e.subject: e.status for e in fz.audit(catalog, data, values)}
    assert "consistent" == audited["admin_review.review_litigation_ratio"]
    assert "consistent" == audited["admin_review.litigation_after_review_rate"]


def test_a_subset_above_its_set_is_refused(catalog: fz.Catalog) -> None:
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(FIXTURES / "subset-exceeds.yaml", catalog)
    assert [("exceeds-total", 5)] == [(p.code, p.line) for p in caught.value.problems]


def test_litigation_outcomes_cannot_exceed_the_cases_concluded(catalog: fz.Catalog) -> None:
    """Won, lost and withdrawn-or-settled cases exclude each other: 40 + 6 + 5 > 48."""
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(FIXTURES / "outcomes-exceed-concluded.yaml", catalog)
    (problem,) = caught.value.problems
    assert ("parts-exceed-total", 4) == (problem.code, problem.line)
    assert "40 + 6 + 5 = 51" in problem.message


def test_a_ratio_in_words_is_refused_with_the_form_to_use(catalog: fz.Catalog) -> None:
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(FIXTURES / "ratio-in-words.yaml", catalog)
    (problem,) = caught.value.problems
    assert ("bad-rate", 4, "stated.admin_review.review_litigation_ratio") == (
        problem.code,
        problem.line,
        problem.path,
    )
    assert "1.04:1" in problem.message_zh


# fazhi catalog: by Chinese or English name, and readable listings -----------------


def test_catalog_finds_an_indicator_by_part_of_its_chinese_name(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert 0 == main(["catalog", "败诉率"])
    out = capsys.readouterr().out
    assert "编号：admin_litigation.loss_rate" in out
    assert "公式：（败诉案件数）÷（审结案件数）" in out


def test_catalog_finds_a_field_by_its_whole_chinese_name(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A whole name wins over the longer names that contain it."""
    assert 0 == main(["catalog", "败诉案件数", "--format", "json"])
    assert "admin_litigation.cases_lost" in capsys.readouterr().out


def test_catalog_lists_every_entry_a_name_part_matches(
    capsys: pytest.CaptureFixture[str], catalog: fz.Catalog
) -> None:
    assert 0 == main(["catalog", "出庭"])
    out = capsys.readouterr().out
    matching = [
        d.id
        for d in (*catalog.fields.values(), *catalog.indicators.values())
        if "出庭" in d.name.zh
    ]
    assert len(matching) > 1
    assert sorted(matching) == sorted(w for w in out.split() if w in matching)
    assert "admin_litigation.cases_lost" not in out


def test_catalog_search_in_english_is_case_blind(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["catalog", "PUBLIC LAWYERS", "--lang", "en", "--format", "json"])
    assert "legal_advisers.public_lawyers" in capsys.readouterr().out


def test_catalog_unknown_name_still_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert 2 == main(["catalog", "没有这样的指标"])
    assert "未知的编号" in capsys.readouterr().err


def _width(text: str) -> int:
    return sum(2 if east_asian_width(c) in "WF" else 1 for c in text)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_catalog_listing_aligns_chinese_and_english_columns(
    capsys: pytest.CaptureFixture[str], catalog: fz.Catalog, lang: str
) -> None:
    """Every row's name and its kind start in the same terminal column, CJK counted double."""
    assert 0 == main(["catalog", "--lang", lang])
    lines = capsys.readouterr().out.splitlines()
    definitions = [*catalog.fields.values(), *catalog.indicators.values()]
    name_columns, kind_columns = set(), set()
    for definition in definitions:
        (line,) = [x for x in lines if x.split()[:1] == [definition.id]]
        name = definition.name.get(lang)
        start = line.index(name, len(definition.id))
        rest = line[start + len(name) :]
        name_columns.add(_width(line[:start]))
        kind_columns.add(_width(line[: start + len(name) + len(rest) - len(rest.lstrip())]))
    assert 1 == len(name_columns)
    assert 1 == len(kind_columns)
    headings = [x for x in lines if x and not x.startswith(" ")]
    labels = [label.get(lang) for label in catalog.domains.values()]
    assert all(any(label in h for h in headings) for label in labels)
