"""The two bundled reports give the figures their texts print."""

from __future__ import annotations

import json
from fractions import Fraction

import fazhi_indicators as fz


def _items(card: fz.Scorecard) -> dict[str, dict[str, object]]:
    return {item["indicator"]: item for item in json.loads(card.to_json())["items"]}


def test_shenqiu_exact_values(shenqiu: fz.CountyYear, catalog: fz.Catalog) -> None:
    """Rates computed from Shenqiu's counts are the exact fractions of those counts."""
    values = fz.compute(catalog, shenqiu)
    assert Fraction(401, 443) == values["enforcement.exam_pass_rate"].value
    assert Fraction(2762, 2789) == values["mediation.success_rate"].value
    assert Fraction(2034, 2221) == values["gov_services.instant_rate"].value
    assert Fraction(35, 64) == values["admin_review.closure_rate"].value


def test_shenqiu_json_items(shenqiu: fz.CountyYear) -> None:
    """The JSON carries exact values as strings, and displays half-up."""
    items = _items(fz.score(shenqiu))
    exam = items["enforcement.exam_pass_rate"]
    assert "401/443" == exam["value"]
    assert "90.5%" == exam["display"]
    assert "computed" == exam["source"]
    assert {"field": "enforcement.exam_passed", "change": 20} == exam["gap"]
    assert "35/64" == items["admin_review.closure_rate"]["value"]
    assert "2762/2789" == items["mediation.success_rate"]["value"]
    assert "2034/2221" == items["gov_services.instant_rate"]["value"]


def test_shenqiu_stated_only_rates_are_intervals(shenqiu: fz.CountyYear) -> None:
    """64.1% and 100% printed without counts become intervals, never points."""
    items = _items(fz.score(shenqiu))
    closure = items["admin_litigation.closure_rate"]
    assert closure["value"] is None
    assert "stated" == closure["source"]
    assert ["0.6405", "0.642"] == closure["interval"]
    head = items["admin_litigation.head_appearance_rate"]
    assert head["value"] is None
    assert ["0.995", "1"] == head["interval"]
    assert "MET" == head["status"]


def test_shenqiu_audit(shenqiu: fz.CountyYear, catalog: fz.Catalog) -> None:
    """The stated 90.5% is consistent; legal aid 139+239+345 = 723 ≠ 763 is flagged."""
    card = fz.score(shenqiu, catalog=catalog)
    entries = {e.subject: e for e in card.audit}
    assert "consistent" == entries["enforcement.exam_pass_rate"].status
    legal_aid = entries["legal_aid.cases_total"]
    assert "warning" == legal_aid.status
    assert "139 + 239 + 345 = 723 ≠ 763" in legal_aid.detail


def test_shenqiu_review_outcomes_are_completed(shenqiu: fz.CountyYear, catalog: fz.Catalog) -> None:
    """29 upheld + 2 revoked + 4 withdrawn = 35 closed, so the rest are 0 and corrected is 2."""
    bounds = fz.resolve_fields(catalog, shenqiu)
    assert 2 == bounds["admin_review.corrected"].exact
    assert "derived" == bounds["admin_review.corrected"].origin
    assert 0 == bounds["admin_review.mediated_settled"].exact
    assert "inferred" == bounds["admin_review.mediated_settled"].origin
    values = fz.compute(catalog, shenqiu)
    assert Fraction(2, 31) == values["admin_review.correction_rate_decided"].value


def test_shenqiu_verdict_and_reasons(shenqiu: fz.CountyYear) -> None:
    """Shenqiu is not ready on its figures, but its missing items decide: 33.95 vs 89.95."""
    card = fz.score(shenqiu)
    assert fz.Readiness.INSUFFICIENT_DATA == card.verdict
    codes = {r.code for r in card.reasons}
    assert {"mandatory-missing", "below-pass-line", "low-coverage", "missing-data-decides"} <= codes
    # Items with no data count 0 in the best case, and full points when counted met.
    missing = sum(
        (line.max_points for line in card.lines.values() if line.status == fz.Verdict.MISSING),
        Fraction(0),
    )
    assert Fraction(56) == missing
    assert card.total_high + missing == card.total_if_missing_met
    assert all(r.text and r.text_zh for r in card.reasons)


def test_shenqiu_gaps_are_whole_and_minimal(shenqiu: fz.CountyYear, catalog: fz.Catalog) -> None:
    """Each gap meets the target, and one case less would not."""
    card = fz.score(shenqiu, catalog=catalog)
    gaps = [line for line in card.lines.values() if line.gap is not None]
    assert gaps
    for line in gaps:
        assert line.gap is not None
        n, d = line.value.numerator, line.value.denominator
        assert n is not None
        assert d is not None
        step = 1 if line.gap.change > 0 else -1
        assert isinstance(line.target, fz.RateTarget)
        assert line.target.met_by(Fraction(n + line.gap.change, d))
        assert not line.target.met_by(Fraction(n + line.gap.change - step, d))


def test_tongzhou_correction_rate(tongzhou: fz.CountyYear, catalog: fz.Catalog) -> None:
    """236/977 is consistent with the printed 24.2%, and the outcomes add up to 977."""
    values = fz.compute(catalog, tongzhou)
    assert Fraction(236, 977) == values["admin_review.correction_rate"].value
    entries = {e.subject: e for e in fz.audit(catalog, tongzhou, values)}
    correction = entries["admin_review.correction_rate"]
    assert "consistent" == correction.status
    assert "half-up" in correction.detail
    closed = entries["admin_review.closed"]
    assert "consistent" == closed.status
    assert "435 + 136 + 236 + 170 = 977" in closed.detail
