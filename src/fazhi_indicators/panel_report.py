"""A scored panel as a ranking file: CSV for a spreadsheet, JSON for a program, a distribution.

These read the summaries :mod:`~fazhi_indicators.panel_engine` gives, never whole
scorecards, so that a country's county-years are written in one pass.  Every score
is exact (``p/q``) beside its two-decimal display.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from fazhi_indicators.definitions import Profile
from fazhi_indicators.errors import Problem
from fazhi_indicators.panel_engine import PanelResult, RowSummary
from fazhi_indicators.ranking import rank
from fazhi_indicators.tables import (
    RANKING_HEADERS,
    VERDICT_LABELS,
    fraction_text,
    number_text,
    pair_text,
    plain_number,
    safe_cell_text,
)

__all__ = [
    "distributions",
    "fraction_text",
    "number_text",
    "panel_csv",
    "panel_distribution_markdown",
    "panel_summary_json",
]

_BOM = "\ufeff"


def _t(lang: str, en: str, zh: str) -> str:
    return zh if lang == "zh" else en


def panel_csv(result: PanelResult, lang: str = "zh") -> bytes:
    """The ranking as CSV: UTF-8 with a byte-order mark, so Excel and WPS read the Chinese.

    One row per county-year, by year, province and rank, with the workbook's ranking
    columns; a cell that a spreadsheet would take for a formula is quote-prefixed.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(RANKING_HEADERS[lang])
    not_given = _t(lang, "(not given)", "（未填）")
    labels = {verdict: pair[lang == "zh"] for verdict, pair in VERDICT_LABELS.items()}
    grades: dict[object, str] = {}
    # A country's rows repeat their maxima and coverages: each is written once.
    maxima: dict[tuple[int, int], str] = {}
    coverages: dict[tuple[int, int], str] = {}
    for group in rank(result.rows):
        province = safe_cell_text(group.province) if group.province else not_given
        for entry in group.entries:
            card = entry.card
            assert isinstance(card, RowSummary)  # noqa: S101 - a panel ranks its rows
            grade = card.grade
            if grade not in grades:
                grades[grade] = grade.name.get(lang) if grade else "—"
            most, covered = card.pair("max_total"), card.pair("coverage")
            if most not in maxima:
                maxima[most] = pair_text(*most)
            if covered not in coverages:
                coverages[covered] = plain_number(covered[0] * 100, covered[1]) + "%"
            score, high = entry.score_pair, entry.score_high_pair
            shown = plain_number(*score)
            writer.writerow(
                (
                    group.year,
                    province,
                    entry.rank,
                    safe_cell_text(card.county),
                    shown,
                    shown if high == score else plain_number(*high),
                    pair_text(*score),
                    pair_text(*card.pair("total")),
                    maxima[most],
                    labels[card.verdict.value],
                    grades[grade],
                    coverages[covered],
                )
            )
    return (_BOM + buffer.getvalue()).encode("utf-8")


def distributions(result: PanelResult) -> list[dict[str, Any]]:
    """Per year: rows scored, each verdict's and grade's count, and each area's mean points.

    Means are exact (``p/q``) over the rows of the year; an item that does not apply
    counts 0 points in its area.
    """
    years: dict[int, list[int]] = {}
    for position, row in enumerate(result.rows):
        years.setdefault(row.year, []).append(position)
    out: list[dict[str, Any]] = []
    for year in sorted(years):
        positions = years[year]
        rows = [result.rows[p] for p in positions]
        verdicts = Counter(r.verdict.value for r in rows)
        grades = Counter(r.grade for r in rows)
        areas: dict[str, Fraction] = {}
        for item in result.items:
            pairs = Counter(
                (item.low_num[i], item.low_den[i]) for i in (result.index[p] for p in positions)
            )
            total = sum((Fraction(a, b) * times for (a, b), times in pairs.items()), Fraction(0))
            areas[item.area] = areas.get(item.area, Fraction(0)) + total
        out.append(
            {
                "year": year,
                "rows": len(rows),
                "verdicts": {v: verdicts.get(v, 0) for v in VERDICT_LABELS},
                "grades": [
                    {
                        "grade": None if grade is None else grade.name.zh,
                        "grade_en": None if grade is None else grade.name.en,
                        "count": count,
                    }
                    for grade, count in grades.items()
                ],
                "area_means": {
                    area: fraction_text(total / len(rows)) for area, total in areas.items()
                },
            }
        )
    return out


def panel_summary_json(result: PanelResult, *, problems: Sequence[Problem] = ()) -> str:
    """The panel as JSON without whole scorecards (schema ``fazhi.panel-summary/1``).

    ``rows`` has one summary per scored row in input order; ``rankings`` ranks them
    per year and province (``row`` indexes ``rows``); ``distributions`` counts
    verdicts and grades and averages each area per year; ``problems`` lists rows not
    scored.
    """
    from fazhi_indicators.render import _problems_json as problems_json  # noqa: PLC0415 - JSON only

    document = {
        "schema": "fazhi.panel-summary/1",
        "rows": [
            {
                "county": row.county,
                "year": row.year,
                "province": row.province,
                "verdict": row.verdict.value,
                "total": fraction_text(row.total),
                "total_high": fraction_text(row.total_high),
                "max_total": fraction_text(row.max_total),
                "grade": row.grade.name.zh if row.grade else None,
                "grade_en": row.grade.name.en if row.grade else None,
                "coverage": fraction_text(row.coverage),
                "applicable": fraction_text(row.applicable),
            }
            for row in result.rows
        ],
        "rankings": [
            {
                "year": group.year,
                "province": group.province,
                "entries": [
                    {
                        "rank": entry.rank,
                        "row": entry.index,
                        "county": entry.card.county,
                        "score": pair_text(*entry.score_pair),
                        "score_high": pair_text(*entry.score_high_pair),
                        "score_display": plain_number(*entry.score_pair),
                    }
                    for entry in group.entries
                ],
            }
            for group in rank(result.rows)
        ],
        "distributions": distributions(result),
        "problems": problems_json(problems),
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def panel_distribution_markdown(result: PanelResult, profile: Profile, lang: str = "zh") -> str:
    """Per year: how many rows, how many of each verdict and grade, each area's mean points.

    Areas are named as ``profile`` names them, in ``lang``.
    """
    names = {area.id: area.name.get(lang) for area in profile.areas}
    out = [f"## {_t(lang, 'Distribution by year', '分年度分布')}", ""]
    for found in distributions(result):
        year = found["year"]
        out += [f"### {_t(lang, str(year), f'{year}年')}", ""]
        out.append(_t(lang, f"{found['rows']} county-years scored", f"共{found['rows']}个县年度"))
        out.append("")
        out += [f"| {_t(lang, 'Verdict', '结论')} | {_t(lang, 'Count', '数量')} |", "|---|---|"]
        out += [
            f"| {VERDICT_LABELS[v][lang == 'zh']} | {count} |"
            for v, count in found["verdicts"].items()
        ]
        out += ["", f"| {_t(lang, 'Grade', '等次')} | {_t(lang, 'Count', '数量')} |", "|---|---|"]
        key = "grade" if lang == "zh" else "grade_en"
        out += [f"| {g[key] or '—'} | {g['count']} |" for g in found["grades"]]
        out += ["", f"| {_t(lang, 'Area', '领域')} | {_t(lang, 'Mean points', '平均得分')} |"]
        out.append("|---|---|")
        out += [
            f"| {names.get(area, area)} | {number_text(Fraction(mean))} |"
            for area, mean in found["area_means"].items()
        ]
        out.append("")
    return "\n".join(out)
