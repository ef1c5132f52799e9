"""The Henan demonstration-county scoring as a pandas user would write it: vectorised, in floats.

Run: python benchmarks/baseline_pandas.py PANEL.csv RANKING.csv

The same indicators, targets, points, rules, vetoes, pass line, coverage, grades and
per-(year, province) ranking as ``fazhi panel --format csv`` with the shipped profile,
written the idiomatic way: ``read_csv``, column arithmetic in float64, ``np.select``,
``groupby().rank(method="min")``, ``to_csv``.  No loop over rows.  A printed rate
stands for its own value (90.5% is 0.905), as it would in a spreadsheet; the exact
scorer takes it as the interval of rates that print so.  This is the comparison
point of ``benchmarks/run.py``, not a part of the package: it needs pandas (the
``bench`` extra).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

#: The profile's items: id, numerator, denominator, operator, target, points, rule,
#: rule parameter, mandatory, area.  Copied from indicators/profiles/henan-demonstration-county.yaml.  # noqa: E501 - one item a line
ITEMS = (
    ("major_decisions.legality_review_rate", "major_decisions.legality_reviewed", "major_decisions.made", "==", 1.0, 10, "all", None, True, "decisions"),  # noqa: E501 - one item a line
    ("normative_documents.legality_review_rate", "normative_documents.legality_reviewed", "normative_documents.issued", "==", 1.0, 7, "all", None, True, "decisions"),  # noqa: E501 - one item a line
    ("normative_documents.filing_rate", "normative_documents.filed", "normative_documents.issued", "==", 1.0, 4, "all", None, False, "decisions"),  # noqa: E501 - one item a line
    ("normative_documents.timely_filing_rate", "normative_documents.filed_on_time", "normative_documents.filed", "==", 1.0, 4, "all", None, False, "decisions"),  # noqa: E501 - one item a line
    ("enforcement.certification_rate", "enforcement.officers_certified", "enforcement.officers_on_duty", "==", 1.0, 10, "all", None, True, "enforcement"),  # noqa: E501 - one item a line
    ("enforcement.exam_pass_rate", "enforcement.exam_passed", "enforcement.exam_participants", ">=", 0.95, 10, "linear", 0.8, False, "enforcement"),  # noqa: E501 - one item a line
    ("admin_litigation.head_appearance_rate", "admin_litigation.head_appeared", "admin_litigation.cases_heard", ">=", 0.95, 10, "deduct", 1.0, False, "disputes_and_supervision"),  # noqa: E501 - one item a line
    ("admin_litigation.loss_rate", "admin_litigation.cases_lost", "admin_litigation.cases_concluded", "<=", 0.15, 8, "deduct", 1.0, False, "disputes_and_supervision"),  # noqa: E501 - one item a line
    ("admin_litigation.closure_rate", "admin_litigation.cases_concluded", "admin_litigation.cases_received", ">=", 0.6, 4, "all", None, False, "disputes_and_supervision"),  # noqa: E501 - one item a line
    ("admin_review.closure_rate", "admin_review.closed", "admin_review.accepted", ">=", 0.9, 8, "linear", 0.5, False, "disputes_and_supervision"),  # noqa: E501 - one item a line
    ("mediation.success_rate", "mediation.disputes_resolved", "mediation.disputes_received", ">=", 0.95, 8, "linear", 0.85, False, "dispute_resolution"),  # noqa: E501 - one item a line
    ("legal_aid.timely_decision_rate", "legal_aid.decided_within_limit", "legal_aid.applications_decided", "==", 1.0, 7, "all", None, True, "dispute_resolution"),  # noqa: E501 - one item a line
    ("gov_services.instant_rate", "gov_services.items_instant", "gov_services.items_total", ">=", 0.8, 4, "linear", 0.5, False, "functions_and_leadership"),  # noqa: E501 - one item a line
    ("legal_advisers.coverage_rate", "legal_advisers.units_with_adviser", "legal_advisers.units_total", "==", 1.0, 3, "all", None, False, "functions_and_leadership"),  # noqa: E501 - one item a line
)  # fmt: skip
DEADLINE = ("leadership.annual_report_on_time", "leadership.annual_report_published_on", (4, 1), 3)
VETOES = ("events.serious_violation_incident", "events.major_mass_incident")
YEARS = (2021, 2025)
PASS_LINE, MIN_COVERAGE, MIN_APPLICABLE = 80.0, 0.8, 0.5
GRADES = (("优秀", 90.0), ("良好", 80.0), ("一般", 70.0))
#: As ``fazhi panel --format csv`` writes them (in Chinese, its default language).
VERDICT_LABELS = {
    "READY": "具备申报条件",
    "NOT_READY": "尚不具备申报条件",
    "INSUFFICIENT_DATA": "数据不足（按现有数据尚不具备条件，缺数据项可改变结论）",
    "UNDETERMINED": "无法判定（需补充数据）",
}


def _met(value: pd.Series, op: str, target: float) -> pd.Series:
    if op == ">=":
        return value >= target
    if op == "<=":
        return value <= target
    return value == target


def score(df: pd.DataFrame) -> pd.DataFrame:  # noqa: PLR0915 - one column per item
    """Every item's status and points, the totals, verdict and grade of every row."""
    df = df[(df["year"] >= YEARS[0]) & (df["year"] <= YEARS[1])].copy()
    out = df[["county", "year", "province"]].copy()
    total = pd.Series(0.0, index=df.index)
    most = pd.Series(0.0, index=df.index)
    assessed = pd.Series(0.0, index=df.index)
    missing_points = pd.Series(0.0, index=df.index)
    blocking = pd.Series(False, index=df.index)  # noqa: FBT003 - a column of False
    open_items = pd.Series(False, index=df.index)  # noqa: FBT003
    for item, num, den, op, target, points, rule, param, mandatory, _ in ITEMS:
        rate = df[num] / df[den]
        counted = df[num].notna() & df[den].notna()
        stated_column = f"stated:{item}"
        if stated_column in df:
            printed = df[stated_column].astype("string").str.rstrip("%").astype(float) / 100
            rate = rate.where(counted, printed)
        not_applicable = counted & (df[den] == 0)
        missing = rate.isna() & ~not_applicable
        met = _met(rate, op, target)
        if rule == "linear":
            partial = points * (1 - (rate - target).abs() / abs(param - target)).clip(lower=0)
        elif rule == "deduct":
            partial = (points - param * (rate - target).abs() * 100).clip(lower=0)
        else:
            partial = pd.Series(0.0, index=df.index)
        earned = np.select([not_applicable | missing, met], [0.0, points], partial)
        out[item] = np.select(
            [not_applicable, missing, met], ["NOT_APPLICABLE", "MISSING", "MET"], "NOT_MET"
        )
        total += earned
        most += np.where(not_applicable, 0, points)
        assessed += np.where(not_applicable | missing, 0, points)
        missing_points += np.where(missing, points, 0)
        if mandatory:
            blocking |= ~not_applicable & ~missing & ~met
            open_items |= missing
    item, column, (month, day), points = DEADLINE
    published = pd.to_datetime(df[column], errors="coerce")
    due = pd.to_datetime(
        (df["year"] + 1).astype(str) + f"-{month:02d}-{day:02d}", format="%Y-%m-%d"
    )
    on_time = published <= due
    out[item] = np.where(published.isna(), "MISSING", np.where(on_time, "MET", "NOT_MET"))
    total += np.where(on_time, points, 0)
    most += points
    assessed += np.where(published.isna(), 0, points)
    missing_points += np.where(published.isna(), points, 0)
    full = sum(i[5] for i in ITEMS) + points
    score_100 = (total / most * 100).where(most > 0, 0.0)
    applicable = most / full
    vetoed = pd.Series(False, index=df.index)  # noqa: FBT003
    veto_open = pd.Series(False, index=df.index)  # noqa: FBT003
    for veto in VETOES:
        flag = df[veto].astype("string").str.lower()
        vetoed |= flag.eq("true").fillna(False)  # noqa: FBT003
        veto_open |= flag.isna()
    below = score_100 < PASS_LINE
    too_little = applicable < MIN_APPLICABLE
    low_coverage = (assessed / most).where(most > 0, 0.0) < MIN_COVERAGE
    blocked = blocking | vetoed | too_little | below
    only_below = below & ~(blocking | vetoed | too_little)
    if_met = ((total + missing_points) / most * 100).where(most > 0, 0.0)
    out["verdict"] = np.select(
        [only_below & (if_met >= PASS_LINE), blocked, open_items | veto_open | low_coverage],
        ["INSUFFICIENT_DATA", "NOT_READY", "UNDETERMINED"],
        "READY",
    )
    out["score"] = score_100
    out["total"] = total
    out["max_total"] = most
    out["grade"] = np.select(
        [~too_little & (score_100 >= floor) for _, floor in GRADES],
        [name for name, _ in GRADES],
        "—",
    )
    out["coverage"] = (assessed / most).where(most > 0, 0.0)
    return out


def rank(scored: pd.DataFrame) -> pd.DataFrame:
    """Rank within each year and province, ties sharing a rank, best first."""
    scored = scored.copy()
    scored["rank"] = (
        scored.groupby(["year", "province"], dropna=False)["score"]
        .rank(method="min", ascending=False)
        .astype(int)
    )
    return scored.sort_values(["year", "province", "rank", "county"])


def run(source: Path, target: Path) -> pd.DataFrame:
    """Read the panel, score and rank it, write the ranking; the scored frame for checking."""
    df = pd.read_csv(source)
    ranked = rank(score(df))
    table = ranked[["year", "province", "rank", "county"]].copy()
    table["score"] = ranked["score"].round(2)
    table["points"] = ranked["total"].round(2)
    table["max_points"] = ranked["max_total"]
    table["verdict"] = ranked["verdict"].map(VERDICT_LABELS)
    table["grade"] = ranked["grade"]
    table["coverage"] = (ranked["coverage"] * 100).round(2).astype(str) + "%"
    table.to_csv(target, index=False, encoding="utf-8-sig")
    return ranked


if __name__ == "__main__":
    run(Path(sys.argv[1]), Path(sys.argv[2]))
