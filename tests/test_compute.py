"""Computing indicator values: every path, with its status, source and provenance."""

from __future__ import annotations

from fractions import Fraction

import fazhi_indicators as fz


def _compute(catalog: fz.Catalog, values: str, stated: str = "") -> dict[str, fz.IndicatorValue]:
    text = f"county: 测试县\nyear: 2023\nvalues:\n{values}"
    if stated:
        text += f"stated:\n{stated}"
    return fz.compute(catalog, fz.parse_county_year(text, catalog))


def _bounds(catalog: fz.Catalog, values: str) -> dict[str, fz.FieldBounds]:
    text = f"county: 测试县\nyear: 2023\nvalues:\n{values}"
    return fz.resolve_fields(catalog, fz.parse_county_year(text, catalog))


def test_exact_rate(catalog: fz.Catalog) -> None:
    """Known counts give an exact computed value, with the printed rate kept alongside."""
    value = _compute(
        catalog,
        "  enforcement.exam_participants: 443\n  enforcement.exam_passed: 401\n",
        "  enforcement.exam_pass_rate: 90.5%\n",
    )["enforcement.exam_pass_rate"]
    assert ("available", "computed", Fraction(401, 443), 401, 443) == (
        value.status,
        value.source,
        value.value,
        value.numerator,
        value.denominator,
    )
    assert value.stated is not None
    assert "90.5%" == value.stated.text
    assert (None, None, ()) == (value.interval, value.approximate, value.missing_fields)


def test_zero_denominator_keeps_the_numerator(catalog: fz.Catalog) -> None:
    """0 of 0 heard is not applicable; the counts and any printed rate are kept."""
    value = _compute(
        catalog,
        "  admin_litigation.cases_heard: 0\n  admin_litigation.head_appeared: 0\n",
        "  admin_litigation.head_appearance_rate: 100%\n",
    )["admin_litigation.head_appearance_rate"]
    assert ("not_applicable", "computed", None, 0, 0) == (
        value.status,
        value.source,
        value.value,
        value.numerator,
        value.denominator,
    )
    assert value.stated is not None


def test_hedged_counts_give_a_closed_interval(catalog: fz.Catalog) -> None:
    """'约100' closed of 100 accepted: a clearance rate anywhere in [50%, 150%]."""
    value = _compute(
        catalog,
        "  admin_review.accepted: 100\n  admin_review.closed: {value: 100, approx: 约}\n",
    )["admin_review.closure_rate"]
    assert ("available", "computed", None) == (value.status, value.source, value.value)
    assert value.interval is not None
    assert (Fraction(1, 2), Fraction(3, 2)) == (value.interval.low, value.interval.high)
    assert value.interval.low_closed
    assert value.interval.high_closed
    assert "hedged counts (约/近/余/多)" == value.approximate


def test_hedged_share_is_capped_at_100_percent(catalog: fz.Catalog) -> None:
    """'约100' resolved of 100 received is a share: at most 100%, however the hedge reads."""
    value = _compute(
        catalog,
        "  mediation.disputes_received: 100\n"
        "  mediation.disputes_resolved: {value: 100, approx: 约}\n",
    )["mediation.success_rate"]
    assert value.interval is not None
    assert (Fraction(1, 2), Fraction(1)) == (value.interval.low, value.interval.high)
    assert value.interval.high_closed


def test_hedged_numerator_may_be_zero(catalog: fz.Catalog) -> None:
    """'约5' of 100 may be as low as 0%."""
    value = _compute(
        catalog,
        "  mediation.disputes_received: 100\n"
        "  mediation.disputes_resolved: {value: 5, approx: 约}\n",
    )["mediation.success_rate"]
    assert value.interval is not None
    assert (Fraction(0), Fraction(1, 10)) == (value.interval.low, value.interval.high)


def test_hedged_denominator_that_may_be_zero(catalog: fz.Catalog) -> None:
    """'约5' received may be 0 cases: the rate may not exist; the printed one settles it."""
    values = (
        "  mediation.disputes_received: {value: 5, approx: 约}\n  mediation.disputes_resolved: 0\n"
    )
    value = _compute(catalog, values)["mediation.success_rate"]
    assert ("available", True) == (value.status, value.may_not_apply)
    assert value.interval is not None
    assert (Fraction(0), Fraction(0)) == (value.interval.low, value.interval.high)
    printed = _compute(catalog, values, "  mediation.success_rate: 0%\n")["mediation.success_rate"]
    assert ("available", "stated") == (printed.status, printed.source)


def test_stated_only_and_hedged_stated(catalog: fz.Catalog) -> None:
    """A printed rate without counts is an interval; a hedged one says how it was printed."""
    values = _compute(
        catalog,
        "  leadership.law_lectures: 1\n",
        "  mediation.success_rate: 98%\n  admin_review.closure_rate: 约95%\n",
    )
    plain = values["mediation.success_rate"]
    assert ("available", "stated", None, None) == (
        plain.status,
        plain.source,
        plain.value,
        plain.approximate,
    )
    assert plain.stated is not None
    hedged = values["admin_review.closure_rate"]
    assert "printed as 约95%" == hedged.approximate
    assert hedged.interval is not None
    assert Fraction(97, 100) == hedged.interval.high


def test_missing_lists_the_missing_fields(catalog: fz.Catalog) -> None:
    """A rate with a missing count names exactly the fields that are missing."""
    value = _compute(catalog, "  enforcement.exam_participants: 443\n")[
        "enforcement.exam_pass_rate"
    ]
    assert ("missing", ("enforcement.exam_passed",)) == (value.status, value.missing_fields)
    assert value.source is None


def test_sum_field_from_complete_parts_alone(catalog: fz.Catalog) -> None:
    """With every corrective outcome reported, corrected is their exact sum."""
    bounds = _bounds(
        catalog,
        "  admin_review.revoked: 1\n  admin_review.altered: 1\n"
        "  admin_review.confirmed_illegal: 0\n  admin_review.confirmed_void: 0\n"
        "  admin_review.ordered_to_perform: 0\n",
    )
    corrected = bounds["admin_review.corrected"]
    assert (2, 2, "derived") == (corrected.low, corrected.high, corrected.origin)


def test_sum_field_bounds_its_parts(catalog: fz.Catalog) -> None:
    """corrected = 3 with four parts reported as 1, 1, 0, 0 leaves ordered_to_perform = 1."""
    bounds = _bounds(
        catalog,
        "  admin_review.corrected: 3\n"
        "  admin_review.revoked: 1\n  admin_review.altered: 1\n"
        "  admin_review.confirmed_illegal: 0\n  admin_review.confirmed_void: 0\n",
    )
    part = bounds["admin_review.ordered_to_perform"]
    assert (1, 1, "inferred") == (part.low, part.high, part.origin)


def test_subset_bounds_propagate(catalog: fz.Catalog) -> None:
    """With 0 documents issued, none can have been filed or filed on time."""
    bounds = _bounds(catalog, "  normative_documents.issued: 0\n")
    for field in (
        "normative_documents.filed",
        "normative_documents.filed_on_time",
        "normative_documents.legality_reviewed",
    ):
        assert (0, 0, "inferred") == (bounds[field].low, bounds[field].high, bounds[field].origin)
    assert not bounds["normative_documents.reviewed"].known


def test_unknown_fields_stay_unknown(catalog: fz.Catalog) -> None:
    """A part of a total that is not yet used up stays unknown, with an upper bound."""
    bounds = _bounds(catalog, "  legal_aid.cases_total: 10\n  legal_aid.civil: 4\n")
    criminal = bounds["legal_aid.criminal"]
    assert (0, 6, "unknown", False, None) == (
        criminal.low,
        criminal.high,
        criminal.origin,
        criminal.known,
        criminal.exact,
    )


def test_deadline_values(catalog: fz.Catalog) -> None:
    """A publication date gives a computed yes/no; no date is missing, naming the field."""
    on_time = _compute(catalog, "  leadership.annual_report_published_on: 2024-03-28\n")[
        "leadership.annual_report_on_time"
    ]
    assert ("available", "computed", True) == (on_time.status, on_time.source, on_time.value)
    missing = _compute(catalog, "  leadership.law_lectures: 3\n")[
        "leadership.annual_report_on_time"
    ]
    assert ("missing", ("leadership.annual_report_published_on",), None) == (
        missing.status,
        missing.missing_fields,
        missing.source,
    )
