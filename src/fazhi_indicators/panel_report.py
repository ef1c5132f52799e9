"""A scored panel as a ranking file: CSV for a spreadsheet, JSON for a program, a distribution.

These read the summaries :mod:`~fazhi_indicators.panel_engine` gives, never whole
scorecards, so that a country's county-years are written in one pass.  Every score
is exact (``p/q``) beside its two-decimal display.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from fazhi_indicators.definitions import Profile
from fazhi_indicators.errors import Problem
from fazhi_indicators.panel_engine import PanelResult, magnitude
from fazhi_indicators.panel_ranking import ColumnRanking, rank_columns
from fazhi_indicators.ranking import rank
from fazhi_indicators.tables import (
    FORMULA_STARTS,
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
    The rows are ranked and written a column at a time.
    """
    columns = result.summary_columns()
    ranking = rank_columns(columns)
    order = ranking.order
    positions = order.tolist()
    not_given = _t(lang, "(not given)", "（未填）")
    provinces = {p: _csv_cell(safe_cell_text(p) if p else not_given) for p in set(columns.province)}
    counties = _safe_cells(columns.county)
    years = {y: str(y) for y in set(columns.year)}
    labels = [_csv_cell(VERDICT_LABELS[v.value][lang == "zh"]) for v in columns.READINESS]
    grades = [_csv_cell(g.name.get(lang)) for g in columns.grades] + ["—"]
    _, _, _, (mn, md), (cn, cd), _ = columns.pairs
    scores = _two_places(ranking.score_num, ranking.score_den)
    table = (
        [years[columns.year[k]] for k in positions],
        [provinces[columns.province[k]] for k in positions],
        ranking.rank.astype(str).tolist(),
        [counties[k] for k in positions],
        scores,
        _high_texts(ranking, scores),
        _fraction_texts(ranking.score_num, ranking.score_den),
        _fraction_texts(ranking.total_num, ranking.total_den),
        _repeated(pair_text, mn[order], md[order]),
        [labels[v] for v in columns.verdict[order].tolist()],
        [grades[g] for g in columns.grade[order].tolist()],
        _repeated(_percent, cn[order], cd[order]),
    )
    lines = [_BOM + ",".join(_csv_cell(h) for h in RANKING_HEADERS[lang])]
    lines += map(",".join, zip(*table, strict=True))
    lines.append("")
    return "\r\n".join(lines).encode("utf-8")


def _high_texts(ranking: ColumnRanking, scores: list[str]) -> list[str]:
    """The best-case scores' texts: the scores' own, but where the best case differs."""
    differ = np.flatnonzero(
        np.asarray(ranking.high_num != ranking.score_num, dtype=bool)
        | np.asarray(ranking.high_den != ranking.score_den, dtype=bool)
    )
    texts = list(scores)
    found = _two_places(ranking.high_num[differ], ranking.high_den[differ])
    for k, text in zip(differ.tolist(), found, strict=True):
        texts[k] = text
    return texts


def _csv_cell(text: str) -> str:
    """``text`` as Python's ``csv`` module writes a cell: quoted when it must be."""
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _safe_cells(texts: list[str]) -> list[str]:
    """Each text as a CSV cell (:func:`_csv_cell` of :func:`safe_cell_text`).

    The texts themselves when none needs quoting or a quote prefix (a country's
    county names, as a rule), which one search of them all tells.
    """
    joined = "\x00".join(texts)
    special = any(c in joined for c in ',"\r\n') or any(
        "\x00" + start in joined or joined.startswith(start) for start in FORMULA_STARTS
    )
    return [_csv_cell(safe_cell_text(t)) for t in texts] if special else texts


def _fraction_texts(num: np.ndarray, den: np.ndarray) -> list[str]:
    """:func:`~fazhi_indicators.tables.pair_text` of reduced pairs, a column at a time.

    A fraction whose denominator has no prime factor but 2 and 5 ends as a decimal
    (written by ``pair_text``); every other is written ``p/q`` at once.
    """
    return [
        pair_text(a, b) if decimal else f"{a}/{b}"
        for a, b, decimal in zip(num.tolist(), den.tolist(), _ends(den).tolist(), strict=True)
    ]


def _ends(den: np.ndarray) -> np.ndarray:
    """Whether each denominator (> 0) has no prime factor but 2 and 5."""
    if den.dtype == object:
        # Below 2**64, a denominator that divides 10**64 has no other factor.
        small = np.asarray(den < 2**64, dtype=bool)
        divides = np.asarray(np.remainder(10**64, np.where(small, den, 1)) == 0, dtype=bool)
        ends: np.ndarray = ~small | divides
        return ends
    rest = den // (den & -den)  # the twos taken out at once
    fives = rest % 5 == 0
    while fives.any():
        rest = np.where(fives, rest // 5, rest)
        fives = rest % 5 == 0
    return np.asarray(rest == 1, dtype=bool)


def _two_places(num: np.ndarray, den: np.ndarray) -> list[str]:
    """:func:`~fazhi_indicators.tables.plain_number` of pairs (denominators > 0), by columns."""
    if len(num) and np.any(num < 0):
        return [plain_number(a, b) for a, b in zip(num.tolist(), den.tolist(), strict=True)]
    small = magnitude(num) * 200 < _ROOM and magnitude(den) * 2 < _ROOM
    num, den = num.astype(np.int64 if small else object), den.astype(np.int64 if small else object)
    # Hundredths, rounded half up: floor(num * 100 / den + 1/2).
    rounded = (num * 200 + den) // (den * 2)
    whole, hundredths = rounded // 100, rounded % 100
    return [
        f"{w}{_HUNDREDTHS[h]}" for w, h in zip(whole.tolist(), hundredths.tolist(), strict=True)
    ]


#: The decimals of a number of hundredths, trailing zeros dropped: "", ".01", …, ".1", ….
_HUNDREDTHS = tuple(f".{h:02d}".rstrip("0").rstrip(".") for h in range(100))
#: 64-bit integers are used where every value stays below this.
_ROOM = 2**62


def _percent(num: int, den: int) -> str:
    return plain_number(num * 100, den) + "%"


def _repeated(text: Callable[[int, int], str], num: np.ndarray, den: np.ndarray) -> list[str]:
    """``text`` of each pair, worked out once per distinct pair (maxima, coverages: few)."""
    found: dict[tuple[int, int], str] = {}
    out = []
    for pair in zip(num.tolist(), den.tolist(), strict=True):
        shown = found.get(pair)
        if shown is None:
            shown = found[pair] = text(*pair)
        out.append(shown)
    return out


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
