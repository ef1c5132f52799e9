"""A synthetic national panel: every county-level division over ten years, the same every run.

Run: python benchmarks/generate_panel.py OUT.csv [--divisions 2844] [--years 10] [--seed 2024]

The figures are invented but shaped like real ones: counts drawn around the sizes
county reports print (a few hundred enforcement officers, tens of lawsuits),
rates mostly near their targets so that both sides of each target are common, a
share of counts exactly at a target, some cells left empty, some rates given only
as printed (``stated:``) with their counts left out, some zero denominators (no
lawsuit heard), and years from 2018 to 2027 so that rows before and after the
Henan profile's 2021–2025 are in the file.  No figure is real.

Uses only the standard library, so that the file can be made where pandas or the
package are not installed.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

#: Divisions at county level in mainland China (2,844 at the end of 2022).
DIVISIONS = 2844
YEARS = 10
FIRST_YEAR = 2018
SEED = 2024

PROVINCES = (
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆",
    "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
)  # fmt: skip

#: (numerator, denominator, typical denominator, share of rows at or above the usual level)
#: for every rate the Henan profile scores: the denominator is drawn around its typical
#: size, the numerator as a share of it.
RATES = (
    ("major_decisions.legality_reviewed", "major_decisions.made", 12, 0.85),
    ("normative_documents.legality_reviewed", "normative_documents.issued", 15, 0.85),
    ("normative_documents.filed", "normative_documents.issued", 15, 0.8),
    ("enforcement.officers_certified", "enforcement.officers_on_duty", 600, 0.8),
    ("enforcement.exam_passed", "enforcement.exam_participants", 400, 0.6),
    ("admin_litigation.head_appeared", "admin_litigation.cases_heard", 40, 0.6),
    ("admin_litigation.cases_lost", "admin_litigation.cases_concluded", 60, 0.75),
    ("admin_review.closed", "admin_review.accepted", 80, 0.7),
    ("mediation.disputes_resolved", "mediation.disputes_received", 3000, 0.6),
    ("legal_aid.decided_within_limit", "legal_aid.applications_decided", 500, 0.85),
    ("gov_services.items_instant", "gov_services.items_total", 1200, 0.6),
    ("legal_advisers.units_with_adviser", "legal_advisers.units_total", 60, 0.8),
)
#: Targets the numerator is drawn around, as a share of the denominator.
LEVELS = {
    "major_decisions.legality_reviewed": (1.0, 0.9),
    "normative_documents.legality_reviewed": (1.0, 0.9),
    "normative_documents.filed": (1.0, 0.9),
    "enforcement.officers_certified": (1.0, 0.95),
    "enforcement.exam_passed": (0.95, 0.8),
    "admin_litigation.head_appeared": (0.95, 0.7),
    "admin_litigation.cases_lost": (0.15, 0.3),
    "admin_review.closed": (0.9, 0.6),
    "mediation.disputes_resolved": (0.95, 0.85),
    "legal_aid.decided_within_limit": (1.0, 0.95),
    "gov_services.items_instant": (0.8, 0.5),
    "legal_advisers.units_with_adviser": (1.0, 0.9),
}
STATED = (
    ("enforcement.exam_pass_rate", "enforcement.exam_passed", "enforcement.exam_participants"),
    (
        "admin_litigation.head_appearance_rate",
        "admin_litigation.head_appeared",
        "admin_litigation.cases_heard",
    ),
    ("mediation.success_rate", "mediation.disputes_resolved", "mediation.disputes_received"),
)
VETOES = ("events.serious_violation_incident", "events.major_mass_incident")
EXTRA = (
    "normative_documents.filed_on_time",
    "admin_litigation.cases_received",
)
DATE = "leadership.annual_report_published_on"
HEADER = (
    "county",
    "year",
    "division_code",
    "province",
    "prefecture",
    *dict.fromkeys(name for pair in RATES for name in pair[:2]),
    *EXTRA,
    DATE,
    *VETOES,
    *(f"stated:{indicator}" for indicator, _, _ in STATED),
)

#: How often a cell is left empty, a rate is given only as printed, a case count is 0.
MISSING = 0.01
STATED_ONLY = 0.03
ZERO = 0.04


def _size(rng: random.Random, typical: int) -> int:
    """A count around ``typical``, skewed as county sizes are (a few large, many small)."""
    return max(0, round(rng.lognormvariate(0, 0.6) * typical))


def _share(rng: random.Random, name: str, denominator: int, usual: float) -> int:
    """A numerator: often exactly at the usual level, otherwise spread around it."""
    level, low = LEVELS[name]
    if denominator == 0:
        return 0
    if rng.random() < usual:
        share = level if rng.random() < 0.5 else rng.uniform(min(level, low), 1.0)
    else:
        share = rng.uniform(low * 0.8, level)
    if name == "admin_litigation.cases_lost":
        share = rng.uniform(0, 0.3)
    return min(denominator, round(share * denominator))


def _percent(numerator: int, denominator: int, places: int) -> str:
    """A rate printed as a report prints it: half-up to ``places`` decimals."""
    scaled = numerator * 100 * 10**places
    whole, rest = divmod(scaled, denominator)
    if 2 * rest >= denominator:
        whole += 1
    text = str(whole).rjust(places + 1, "0")
    return (text[:-places] + "." + text[-places:] if places else text) + "%"


def rows(divisions: int = DIVISIONS, years: int = YEARS, seed: int = SEED) -> list[list[str]]:
    """The panel's rows, header first; the same for the same arguments."""
    rng = random.Random(seed)  # noqa: S311 - invented figures, not secrets
    out: list[list[str]] = [list(HEADER)]
    for division in range(divisions):
        province = PROVINCES[division % len(PROVINCES)]
        county = f"{province}第{division // len(PROVINCES) + 1:03d}县"
        code = f"{11 + division % len(PROVINCES):02d}{division // len(PROVINCES) + 1:04d}"
        size = rng.lognormvariate(0, 0.5)
        for offset in range(years):
            year = FIRST_YEAR + offset
            values: dict[str, int] = {}
            for numerator, denominator, typical, usual in RATES:
                if denominator not in values:
                    zero = rng.random() < ZERO and denominator.startswith("admin_")
                    values[denominator] = 0 if zero else _size(rng, round(typical * size) + 1)
                values[numerator] = _share(rng, numerator, values[denominator], usual)
            values["normative_documents.filed_on_time"] = values["normative_documents.filed"] - (
                1 if values["normative_documents.filed"] and rng.random() < 0.2 else 0
            )
            received = values["admin_litigation.cases_concluded"] + _size(rng, 5)
            values["admin_litigation.cases_received"] = received
            cells = {name: str(value) for name, value in values.items()}
            for indicator, numerator, denominator in STATED:
                n, d = values[numerator], values[denominator]
                if d and rng.random() < STATED_ONLY:
                    cells[f"stated:{indicator}"] = _percent(n, d, rng.choice((0, 1, 2)))
                    cells[numerator] = cells[denominator] = ""
            for name in list(cells):
                if not name.startswith("stated:") and rng.random() < MISSING:
                    cells[name] = ""
            month, day = (3, rng.randint(1, 31)) if rng.random() < 0.8 else (4, rng.randint(2, 30))
            cells[DATE] = f"{year + 1}-{month:02d}-{day:02d}" if rng.random() > MISSING else ""
            for veto in VETOES:
                cells[veto] = "true" if rng.random() < 0.005 else "false"
            head = {
                "county": county,
                "year": str(year),
                "division_code": code,
                "province": province,
                "prefecture": f"{province}第{division // 40 + 1}市",
            }
            out.append([head.get(name, cells.get(name, "")) for name in HEADER])
    return out


def write(path: Path, divisions: int = DIVISIONS, years: int = YEARS, seed: int = SEED) -> None:
    """Write the panel as UTF-8 CSV."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows(divisions, years, seed))


def main() -> None:
    """Write the panel named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--divisions", type=int, default=DIVISIONS)
    parser.add_argument("--years", type=int, default=YEARS)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    write(args.out, args.divisions, args.years, args.seed)


if __name__ == "__main__":
    main()
