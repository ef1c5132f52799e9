"""Turn scorecards and checks into text, Markdown and JSON — never recomputing.

JSON is the machine interface other tools consume: exact numbers travel as
strings (``"401/443"``, ``"72.5"``) and the schema names carry a version.

A scorecard renders itself (``card.to_markdown()``), so :mod:`~fazhi_indicators.scoring`
calls this module; this module reads the card's shape only as a type
(``TYPE_CHECKING``), the way pint's formatters read its quantities, and never
imports scoring when it runs.  Everything it needs — the catalogue's names
included — travels on the card.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from fazhi_indicators.audit import AuditEntry, Fit
from fazhi_indicators.compute import IndicatorValue
from fazhi_indicators.county import (
    Breakdown,
    Category,
    CountyYear,
    EarlierYear,
    Evidence,
    OtherFigure,
    Period,
    Reported,
    StatedChange,
)
from fazhi_indicators.definitions import (
    Catalog,
    DeadlineIndicator,
    Expression,
    RateIndicator,
    Source,
    Text,
)
from fazhi_indicators.errors import Problem
from fazhi_indicators.exact import (
    StatedRate,
    Target,
    Verdict,
    format_number,
    format_percent,
    format_ratio,
    target_text,
)
from fazhi_indicators.ranking import RankGroup, Standing, rank
from fazhi_indicators.rollup import Points, RollUp, level_rows, rollups
from fazhi_indicators.tables import VERDICT_LABELS

if TYPE_CHECKING:
    from fazhi_indicators.compare import Comparison
    from fazhi_indicators.scoring import AreaResult, Line, Scorecard

__all__ = [
    "AUDIT_LABELS",
    "BASIS_LABELS",
    "STATUS_LABELS",
    "catalog_entry_zh",
    "change_subject",
    "check_json",
    "check_text",
    "comparison_json",
    "comparison_markdown",
    "comparison_text",
    "display_value",
    "earlier_json",
    "earlier_lines",
    "exact_text",
    "figure_text",
    "item_detail_lines",
    "panel_json",
    "panel_markdown",
    "panel_text",
    "row_name",
    "scorecard_json",
    "scorecard_markdown",
    "scorecard_text",
    "subject_name",
    "target_display",
]

STATUS_LABELS = {
    Verdict.MET: ("met", "达标"),
    Verdict.NOT_MET: ("not met", "未达标"),
    Verdict.UNDETERMINED: ("undetermined", "待定"),
    Verdict.MISSING: ("missing", "缺数据"),
    Verdict.NOT_APPLICABLE: ("n/a", "不适用"),
}
#: An audit entry's status as a person reads it (JSON keeps the code).
AUDIT_LABELS = {
    "consistent": ("consistent", "一致"),
    "inconsistent": ("inconsistent", "不一致"),
    "warning": ("check", "需核对"),
}
HEADERS = {
    "en": ("Indicator", "Value", "Target", "Status", "Points", "Gap"),
    "zh": ("指标", "数值", "目标", "状态", "得分", "差距"),
}


def _t(lang: str, en: str, zh: str) -> str:
    return zh if lang == "zh" else en


def subject_name(catalog: Catalog, subject: str, lang: str = "en") -> str:
    """A field's or an indicator's name in ``lang``; an id the catalogue does not know, as is."""
    known = catalog.fields.get(subject) or catalog.indicators.get(subject)
    return subject if known is None else known.name.get(lang)


def target_display(catalog: Catalog, indicator: str, target: Target, lang: str = "en") -> str:
    """A target as a reader of ``lang`` writes it: ``≥95%``, ``是``, ``按时`` in Chinese."""
    deadline = isinstance(catalog.indicators.get(indicator), DeadlineIndicator)
    return target_text(target, lang, deadline=deadline)


def _audit_label(status: str, lang: str) -> str:
    return AUDIT_LABELS.get(status, (status, status))[lang == "zh"]


#: The catalogue's words, as ``fazhi catalog ID`` shows them in Chinese.
_KIND_ZH = {"share": "占比", "clearance": "结案类比率", "ratio": "比值", "deadline": "按期完成"}
_TYPE_ZH = {"count": "计数", "boolean": "是否", "date": "日期"}
_DIRECTION_ZH = {"higher": "越高越好", "lower": "越低越好", "neutral": "不计方向（仅监测）"}
BASIS_LABELS = {
    "law": ("law", "法律法规"),
    "official": ("official document", "官方文件"),
    "practice": ("practice", "实践通行做法"),
    "assumption": ("assumption of this project", "本项目假设"),
}


def _names_zh(catalog: Catalog, ids: Sequence[str]) -> str:
    """Names each in quotation marks, as a name may itself hold a 、 (调解、和解结案)."""
    return "".join(f"“{subject_name(catalog, i, 'zh')}”" for i in ids)


def _expression_zh(catalog: Catalog, expression: Expression) -> str:
    """``a + b - c`` with each field's Chinese name."""
    text = ""
    for sign, field in expression.terms:
        if text:
            text += " + " if sign > 0 else " - "
        elif sign < 0:
            text = "-"
        text += subject_name(catalog, field, "zh")
    return text


def _source_zh(source: Source | None) -> list[tuple[str, str]]:
    """A source's basis, title and address (its notes are written in English only)."""
    if source is None:
        return []
    rows = [("依据", BASIS_LABELS[source.basis][1])]
    if source.title:
        rows.append(("出处", source.title))
    if source.url:
        rows.append(("网址", source.url))
    return rows


def catalog_entry_zh(catalog: Catalog, wanted: str) -> str:
    """``fazhi catalog ID`` in Chinese: a field, indicator or profile by its Chinese names.

    Raises:
        KeyError: ``wanted`` names nothing in the catalogue.
    """
    rows: list[tuple[str, str]]
    if wanted in catalog.fields:
        f = catalog.fields[wanted]
        rows = [("编号", f.id), ("类别", "字段"), ("名称", f.name.zh), ("类型", _TYPE_ZH[f.type])]
        if f.unit is not None:
            rows.append(("单位", f.unit.zh))
        if f.parts:
            rows.append(("分项", _names_zh(catalog, f.parts)))
        if f.subset_of:
            rows.append(("属于", subject_name(catalog, f.subset_of, "zh")))
        if f.description is not None:
            rows.append(("口径", f.description.zh))
        rows += _source_zh(f.source)
    elif wanted in catalog.indicators:
        i = catalog.indicators[wanted]
        if isinstance(i, DeadlineIndicator):
            month, day = i.deadline
            formula = f"{subject_name(catalog, i.date_field, 'zh')}不晚于次年{month}月{day}日"
            needed = [i.date_field]
        else:
            numerator = _expression_zh(catalog, i.numerator)
            formula = f"（{numerator}）÷（{_expression_zh(catalog, i.denominator)}）"
            needed = list(i.fields)
        rows = [
            ("编号", i.id),
            ("类别", f"指标（{_KIND_ZH[i.kind]}）"),
            ("名称", i.name.zh),
            ("公式", formula),
            ("所需字段", "、".join(f"{subject_name(catalog, f, 'zh')}（{f}）" for f in needed)),
            ("方向", _DIRECTION_ZH[i.direction]),
            *([("口径", i.description.zh)] if i.description is not None else []),
            *_source_zh(i.source),
        ]
        rows += [
            (
                "评分标准",
                f"{p.id}：目标{target_display(catalog, i.id, item.target, 'zh')}，"
                f"{format_number(item.points)}分，{BASIS_LABELS[item.source.basis][1]}",
            )
            for p in catalog.profiles.values()
            for item in p.items
            if item.indicator == i.id
        ]
    else:
        profile = catalog.profiles[wanted]
        rows = [
            ("编号", profile.id),
            ("类别", "评分标准"),
            ("版本", profile.version),
            ("名称", profile.title.zh),
            ("适用年度", f"{profile.effective_from}—{profile.effective_to or ''}"),
            ("评分项", f"{len(profile.items)}项"),
            ("满分", format_number(profile.max_total)),
            ("基于假设的阈值", f"{profile.assumption_count()}项"),
        ]
    return "".join(f"{label}：{value}\n" for label, value in rows)


def exact_text(value: Fraction) -> str:
    """A fraction as JSON text: a terminating decimal as ``"72.5"``, else ``"401/443"``."""
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        return f"{value.numerator}/{value.denominator}"
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    return format_number(value, places)


def display_value(catalog: Catalog, value: IndicatorValue, lang: str = "en") -> str:
    """How a person reads a value: ``90.5%``, ``≈64.1% (stated)``, ``—``."""
    indicator = catalog.indicators.get(value.indicator)
    if value.status == "missing":
        return "—"
    if value.status == "not_applicable":
        return _t(lang, "n/a (denominator 0)", "不适用（分母为0）")
    if isinstance(value.value, bool):
        return _t(lang, "yes" if value.value else "no", "是" if value.value else "否")
    if value.value is not None:
        places = indicator.precision if isinstance(indicator, RateIndicator) else 1
        ratio = indicator is not None and indicator.kind == "ratio"
        shown = format_ratio if ratio else format_percent
        return shown(value.value, places)
    if value.stated is not None and value.source == "stated":
        return f"{value.stated.text}" + _t(lang, " (stated)", "（报告值）")
    return str(value.interval) if value.interval is not None else "—"


def _gap_text(catalog: Catalog, line: Line, lang: str) -> str:
    if line.gap is None:
        return ""
    field = catalog.fields[line.gap.field]
    unit = field.unit.get(lang) if field.unit else ""
    amount = abs(line.gap.change)
    if lang == "zh":
        more = "增加" if line.gap.change > 0 else "减少"
        return f"{field.name.zh}{more}{amount}{unit}"
    more = "more" if line.gap.change > 0 else "fewer"
    return f"{amount} {more} {field.name.en.lower()}"


def _points_text(line: Line) -> str:
    shown = format_number(line.points)
    if line.points_high != line.points:
        shown += f"–{format_number(line.points_high)}"
    return f"{shown}/{format_number(line.max_points)}"


def _item_json(catalog: Catalog, line: Line) -> dict[str, Any]:
    return {
        "indicator": line.indicator,
        "area": line.area,
        "status": line.status.value,
        **_value_json(catalog, line.value),
        "target": line.target.text,
        "target_zh": target_display(catalog, line.indicator, line.target, "zh"),
        "points": exact_text(line.points),
        "points_display": format_number(line.points),
        "points_high": exact_text(line.points_high),
        "max_points": exact_text(line.max_points),
        "mandatory": line.mandatory,
        "gap": None if line.gap is None else {"field": line.gap.field, "change": line.gap.change},
        **_kind_json(line),
    }


def _text_json(text: Text | None, key: str) -> dict[str, str | None]:
    return {key: None if text is None else text.en, f"{key}_zh": None if text is None else text.zh}


def _evidence_json(entry: Evidence) -> dict[str, str | None]:
    return {
        "title": entry.title,
        "number": entry.number,
        "date": None if entry.date is None else entry.date.isoformat(),
        "url": entry.url,
        "note": entry.note,
    }


def _kind_json(line: Line) -> dict[str, Any]:
    """What items of every kind add: id, kind, name, the value and target as read, why."""
    manual = line.manual
    return {
        "id": line.indicator,
        "kind": line.kind,
        **_text_json(line.name, "name"),
        **_text_json(line.shown, "shown"),
        **_text_json(line.target_shown, "target_shown"),
        **_text_json(line.note, "note"),
        "evidence": [_evidence_json(e) for e in line.evidence],
        "manual": None
        if manual is None
        else {
            "points": exact_text(manual.points),
            "by": manual.by,
            "on": manual.on.isoformat(),
            "note": manual.note,
        },
        "requirements": [
            {
                "id": r.id,
                "kind": r.kind,
                **_text_json(r.name, "name"),
                "status": r.status.value,
                "points": exact_text(r.points),
                "points_high": exact_text(r.points_high),
                "max_points": exact_text(r.max_points),
                **_text_json(r.shown, "shown"),
                **_text_json(r.note, "note"),
            }
            for r in line.requirements
        ],
    }


def _evidence_text(entry: Evidence) -> str:
    parts = [entry.title, entry.number, None if entry.date is None else entry.date.isoformat()]
    parts += [entry.url, entry.note]
    return "，".join(p for p in parts if p)


def item_detail_lines(card: Scorecard, lang: str) -> list[str]:
    """Each item's why, its documents, a person's score and its sub-requirements, as lines."""
    out = []
    for line in card.lines.values():
        name = line.name.get(lang) or subject_name(card.catalog, line.indicator, lang)
        colon = _t(lang, ": ", "：")
        if line.note is not None:
            out.append(f"{name}{colon}{line.note.get(lang)}")
        out += [
            f"{name}{colon}{_t(lang, 'evidence', '佐证材料')} {_evidence_text(e)}"
            for e in line.evidence
        ]
        for r in line.requirements:
            points = format_number(r.points)
            if r.points_high != r.points:
                points += f"–{format_number(r.points_high)}"
            shown = f" {r.shown.get(lang)}" if r.shown is not None else ""
            why = f"（{r.note.zh}）" if lang == "zh" and r.note else ""
            why = why or (f" ({r.note.en})" if lang != "zh" and r.note else "")
            out.append(
                f"{name} — {r.name.get(lang)}{shown}{colon}"
                f"{STATUS_LABELS[r.status][lang == 'zh']} {points}/{format_number(r.max_points)}"
                f"{why}"
            )
    return out


def _value_json(catalog: Catalog, value: IndicatorValue) -> dict[str, Any]:
    shown: str | bool | None
    if isinstance(value.value, bool):
        shown = value.value
    else:
        shown = (
            None if value.value is None else f"{value.value.numerator}/{value.value.denominator}"
        )
    interval = value.interval
    return {
        "source": value.source,
        "value": shown,
        "interval": None
        if interval is None
        else [exact_text(interval.low), exact_text(interval.high)],
        "interval_text": None if interval is None else str(interval),
        "display": display_value(catalog, value),
        "missing_fields": list(value.missing_fields),
        "approximate": value.approximate,
    }


def _audit_json(entries: Sequence[AuditEntry]) -> list[dict[str, Any]]:
    """Each entry; ``dimension``, ``category``, ``fits`` and ``hint`` only where they apply."""
    out: list[dict[str, Any]] = []
    for e in entries:
        entry: dict[str, Any] = {
            "subject": e.subject,
            "status": e.status,
            "detail": e.detail,
            "detail_zh": e.detail_zh,
        }
        if e.dimension is not None:
            entry["dimension"] = e.dimension
        if e.category is not None:
            entry["category"] = e.category
        if e.fits:
            entry["fits"] = [_fit_json(f) for f in e.fits]
            entry["hint"] = e.hint
            entry["hint_zh"] = e.hint_zh
        out.append(entry)
    return out


def _fit_json(fit: Fit) -> dict[str, Any]:
    return {
        "role": fit.role,
        "rounding": fit.rounding,
        "low": fit.low,
        "high": fit.high,
        "fields": list(fit.fields),
    }


def scorecard_json(card: Scorecard) -> str:
    """The scorecard as JSON (schema ``fazhi.scorecard/2``)."""
    return json.dumps(_scorecard_document(card), ensure_ascii=False, indent=2)


def _scorecard_document(card: Scorecard) -> dict[str, Any]:
    catalog = card.catalog
    area_names = {area.id: area.name for area in card.profile.areas}
    return {
        "schema": "fazhi.scorecard/2",
        "county": card.county,
        "year": card.year,
        "province": card.province,
        "source": dict(card.source),
        "profile": {"id": card.profile.id, "version": card.profile.version},
        "verdict": card.verdict.value,
        "reasons": [r.text for r in card.reasons],
        "reasons_zh": [r.text_zh for r in card.reasons],
        "total": exact_text(card.total),
        "total_display": format_number(card.total),
        "total_high": exact_text(card.total_high),
        "total_if_missing_met": exact_text(card.total_if_missing_met),
        "max_total": exact_text(card.max_total),
        "grade": card.grade.name.zh if card.grade else None,
        "coverage": exact_text(card.coverage),
        "applicable": exact_text(card.applicable),
        "assumptions": card.assumptions,
        "areas": [
            {
                "id": a.id,
                **_text_json(area_names.get(a.id), "name"),
                "points": exact_text(a.points),
                "max_points": exact_text(a.max_points),
            }
            for a in card.areas
        ],
        "items": [_item_json(catalog, line) for line in card.lines.values()],
        "monitored": [
            {
                "indicator": i,
                "area": area,
                "name": subject_name(catalog, i, "en"),
                "name_zh": subject_name(catalog, i, "zh"),
                **_value_json(catalog, card.values[i]),
            }
            for area, ids in card.monitored.items()
            for i in ids
        ],
        "audit": _audit_json(card.audit),
        "notes": dict(card.notes),
        "warnings": _problems_json(card.warnings),
        **earlier_json(card.previous, card.changes),
        "tree": [_tree_json(roll) for roll in rollups(card)],
        **figures_json(card.county_year),
    }


def _tree_json(roll: RollUp) -> dict[str, Any]:
    """One edition's roll-up: coverage, and points per node per level (null: unplaced)."""

    def points(p: Points) -> dict[str, Any]:
        low, high, most = (exact_text(x) for x in (p.low, p.high, p.max))
        return {"points": low, "points_high": high, "max_points": most, "items": list(p.items)}

    c = roll.coverage
    return {
        "edition": roll.edition.id,
        "coverage": {
            "level": 3,
            "count": c.count,
            "scored": c.scored,
            "not_scored": c.not_scored,
            "untranscribed_not_scored": c.untranscribed_not_scored,
        },
        "levels": {
            str(level): [
                {"node": e.node.id if e.node else None, **points(e.points)}
                for e in roll.levels[level]
            ]
            for level in (1, 2, 3)
        },
        "attached": points(roll.attached),
        "others": points(roll.others),
    }


def _tree_sections(card: Scorecard, lang: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Per edition the profile attaches to: its coverage, and its rows."""
    return [(roll.coverage.text(lang), level_rows(roll, lang)) for roll in rollups(card)]


def _problems_json(problems: Sequence[Problem]) -> list[dict[str, Any]]:
    return [
        {
            "file": p.file,
            "line": p.line,
            "column": p.column,
            "path": p.path,
            "code": p.code,
            "severity": p.severity,
            "message": p.message,
            "message_zh": p.message_zh,
        }
        for p in problems
    ]


def figure_text(item: Reported | StatedRate, lang: str = "en") -> str:
    """A figure as the report wrote it: ``558``, ``1200余``, ``约50``, ``90.5%``, ``2024-03-28``."""
    if isinstance(item, StatedRate):
        return item.text
    value = item.value
    if isinstance(value, bool):
        return _t(lang, "yes" if value else "no", "是" if value else "否")
    if isinstance(value, int):
        return (
            f"{item.approx}{value}"
            if item.approx in {"约", "近"}
            else f"{value}{item.approx or ''}"
        )
    return value.isoformat()


def earlier_json(
    previous: Mapping[int, EarlierYear], changes: Sequence[StatedChange]
) -> dict[str, Any]:
    """``previous`` (earlier years' figures by year) and ``changes`` (as printed) for JSON."""
    return {
        "previous": {
            str(year): {
                "values": {k: figure_text(v) for k, v in e.values.items()},
                "stated": {k: r.text for k, r in e.stated.items()},
                "breakdowns": [_breakdown_json(b) for b in e.breakdowns],
                "source": dict(e.source),
            }
            for year, e in sorted(previous.items())
        },
        "changes": [
            {
                "subject": c.subject,
                "text": c.text,
                "kind": c.kind,
                "from": c.from_year,
                "by": c.by,
                "category": c.category,
                "quote": c.quote,
            }
            for c in changes
        ],
    }


def change_subject(catalog: Catalog, change: StatedChange, lang: str = "en") -> str:
    """What a printed change is about: a field or an indicator, or one row of its breakdown."""
    return row_name(catalog, change.subject, (change.by, change.category), lang)


def row_name(
    catalog: Catalog, subject: str, row: tuple[str | None, str | None], lang: str = "en"
) -> str:
    """A field's name, and the ``(dimension, category)`` of one row of its breakdown if given."""
    name = subject_name(catalog, subject, lang)
    by, category = row
    if by is None or category is None:
        return name
    return name + _row_text(catalog, by, category, lang)


def _row_text(catalog: Catalog, by: str, category: str, lang: str) -> str:
    """`` (respondent: 区政府)``, ``（被申请人类型：区政府）``: a row of a breakdown."""
    dimension = catalog.dimensions.get(by)
    shown = by if dimension is None else dimension.name.get(lang)
    return _t(lang, f" ({shown}: {category})", f"（{shown}：{category}）")


def _earlier_rows(catalog: Catalog, tables: Sequence[Breakdown], lang: str) -> list[str]:
    """Each row of an earlier year's breakdowns with its count, nested rows too."""
    out: list[str] = []

    def walk(table: Breakdown, of: str) -> None:
        for row in table.categories:
            shown = figure_text(Reported(value=row.count, approx=row.approx), lang)
            out.append(
                subject_name(catalog, of, lang)
                + _row_text(catalog, table.by, row.name, lang)
                + f" {shown}"
            )
            for inner in row.breakdowns:
                walk(inner, of)

    for table in tables:
        if table.of is not None:
            walk(table, table.of)
    return out


def earlier_lines(
    catalog: Catalog,
    previous: Mapping[int, EarlierYear],
    changes: Sequence[StatedChange],
    lang: str = "zh",
) -> list[str]:
    """One line per earlier year's figures, then one per printed change."""
    out = []
    for year, earlier in sorted(previous.items()):
        given: list[tuple[str, Reported | StatedRate]] = [
            *earlier.values.items(),
            *earlier.stated.items(),
        ]
        figures = [f"{subject_name(catalog, k, lang)} {figure_text(v, lang)}" for k, v in given]
        figures += _earlier_rows(catalog, earlier.breakdowns, lang)
        title = earlier.source.get("title")
        source = _t(lang, f" (source: {title})", f"（来源：{title}）") if title else ""
        out.append(
            _t(lang, f"{year}: ", f"{year}年：") + _t(lang, "; ", "；").join(figures) + source
        )
    out += [
        f"{change_subject(catalog, c, lang)}"
        + _t(lang, f": {c.text} (from {c.from_year})", f"：{c.text}（较{c.from_year}年）")
        for c in changes
    ]
    return out


def _period_json(period: Period | None) -> dict[str, Any] | None:
    if period is None:
        return None
    return {
        "from": None if period.start is None else period.start.isoformat(),
        "to": None if period.end is None else period.end.isoformat(),
        "as_of": period.as_of,
    }


def _category_json(category: Category) -> dict[str, Any]:
    return {
        "name": category.name,
        "name_en": category.name_en,
        "code": category.code,
        "count": category.count,
        "approx": category.approx,
        "share": None if category.share is None else category.share.text,
        "breakdowns": [_breakdown_json(b) for b in category.breakdowns],
    }


def _breakdown_json(table: Breakdown) -> dict[str, Any]:
    return {
        "of": table.of,
        "by": table.by,
        "by_name": {"zh": table.by_name.zh, "en": table.by_name.en},
        "complete": table.complete,
        "period": _period_json(table.period),
        "scope": table.scope,
        "quote": table.quote,
        "note": table.note,
        "categories": [_category_json(c) for c in table.categories],
    }


def _other_json(figure: OtherFigure) -> dict[str, Any]:
    value: int | str = figure.value if isinstance(figure.value, int) else ""
    if isinstance(figure.value, StatedRate):
        value = figure.value.text
    elif not isinstance(figure.value, int):
        value = f"{figure.value:f}"
    return {
        "label": figure.label,
        "label_en": figure.label_en,
        "kind": figure.kind,
        "value": value,
        "approx": figure.approx,
        "unit": figure.unit,
        "display": figure.display(),
        "about": figure.about,
        "period": _period_json(figure.period),
        "scope": figure.scope,
        "quote": figure.quote,
    }


def figures_json(data: CountyYear | None) -> dict[str, Any]:
    """Format 2's parts for JSON: breakdowns, figures with no field, figures' periods and scopes."""
    if data is None:
        return {"format": 1, "breakdowns": [], "other": [], "figures": {}}
    return {
        "format": data.format,
        "breakdowns": [_breakdown_json(b) for b in data.breakdowns],
        "other": [_other_json(f) for f in data.other],
        "figures": {
            k: {
                "value": v.value,
                "approx": v.approx,
                "period": _period_json(v.period),
                "scope": v.scope,
            }
            for k, v in data.values.items()
            if v.period is not None or v.scope is not None
        },
    }


def _count_text(count: int, approx: str | None) -> str:
    if approx in {"约", "近"}:
        return f"{approx}{count}"
    return f"{count}{approx or ''}"


def _table_line(catalog: Catalog, table: Breakdown, head: str, lang: str) -> list[str]:
    """A table in one line (行政处罚类 349（31%）、…), then each table nested in a category."""
    cells = []
    for c in table.categories:
        share = _t(lang, f" ({c.share.text})", f"（{c.share.text}）") if c.share else ""
        cells.append(f"{c.label(lang)} {_count_text(c.count, c.approx)}{share}")
    where = _where(table.period, table.scope, lang)
    title = f"{head}{_t(lang, ', by ', '，按')}{table.by_name.get(lang)}{where}"
    lines = [title + _t(lang, ": ", "：") + _t(lang, "; ", "；").join(cells)]
    for c in table.categories:
        for inner in c.breakdowns:
            lines += _table_line(catalog, inner, f"{head} → {c.label(lang)}", lang)
    return lines


def _where(period: Period | None, scope: str | None, lang: str) -> str:
    """``（截至2023-10-31；口径：区政府作为被申请人）``, or nothing."""
    parts = [period.text(lang)] if period is not None else []
    if scope is not None:
        parts.append(_t(lang, f"scope: {scope}", f"口径：{scope}"))
    if not parts:
        return ""
    return _t(lang, f" ({'; '.join(parts)})", f"（{'；'.join(parts)}）")


def _other_line(catalog: Catalog, figure: OtherFigure, lang: str) -> str:
    label = figure.label_en if lang != "zh" and figure.label_en else figure.label
    extra = []
    if figure.about is not None:
        about = subject_name(catalog, figure.about, lang)
        extra.append(_t(lang, f"about {about}", f"涉及：{about}"))
    if figure.period is not None:
        extra.append(figure.period.text(lang))
    if figure.scope is not None:
        extra.append(_t(lang, f"scope: {figure.scope}", f"口径：{figure.scope}"))
    if figure.quote is not None:
        extra.append(_t(lang, f"as printed: “{figure.quote}”", f"原文：“{figure.quote}”"))
    tail = _t(lang, f" ({'; '.join(extra)})", f"（{'；'.join(extra)}）") if extra else ""
    return f"{label}{_t(lang, ': ', '：')}{figure.display()}{tail}"


def figure_sections(
    catalog: Catalog, data: CountyYear | None, lang: str = "zh", *, with_notes: bool = False
) -> list[tuple[str, list[str]]]:
    """Titled lists of what a card does not score: tables, other figures, periods and scopes.

    ``with_notes`` adds the source and the notes, for outputs that do not show them
    elsewhere (``fazhi check``).
    """
    if data is None:
        return []
    sections: list[tuple[str, list[str]]] = []
    if with_notes and data.source:
        named = ("title", "publisher", "date", "url")
        shown = [data.source[k] for k in named if data.source.get(k)]
        shown += [f"{k}: {v}" for k, v in data.source.items() if k not in named]
        sections.append((_t(lang, "Source", "数据来源"), shown))
    if with_notes and data.notes:
        sections.append(
            (
                _t(lang, "Notes", "备注"),
                [
                    f"{subject_name(catalog, k, lang)}{_t(lang, ': ', '：')}{v}"
                    for k, v in data.notes.items()
                ],
            )
        )
    tables = [
        line
        for table in data.breakdowns
        for line in _table_line(catalog, table, subject_name(catalog, table.of or "", lang), lang)
    ]
    if tables:
        sections.append((_t(lang, "Breakdowns", "分类数据"), tables))
    partial = [
        f"{subject_name(catalog, k, lang)} {figure_text(v, lang)}{_where(v.period, v.scope, lang)}"
        for k, v in data.values.items()
        if v.period is not None or v.scope is not None
    ]
    if partial:
        sections.append(
            (
                _t(lang, "Figures with their own period or scope", "另有统计期间或口径的数据"),
                partial,
            )
        )
    if data.other:
        sections.append(
            (
                _t(lang, "Other figures (not scored)", "其他数据（不计分）"),
                [_other_line(catalog, f, lang) for f in data.other],
            )
        )
    return sections


def check_json(
    problems: Sequence[Problem],
    entries: Sequence[AuditEntry],
    values: Mapping[str, IndicatorValue] | None,
    data: CountyYear | None = None,
) -> str:
    """The result of ``fazhi check`` as JSON (schema ``fazhi.check/1``).

    With ``data``, its earlier years' figures and printed changes are added.
    """
    document = {
        "schema": "fazhi.check/1",
        "problems": _problems_json(problems),
        "audit": _audit_json(entries),
        "values": None
        if values is None
        else {
            k: (
                v.value
                if isinstance(v.value, bool)
                else None
                if v.value is None
                else f"{v.value.numerator}/{v.value.denominator}"
            )
            for k, v in values.items()
        },
    }
    if data is not None:
        document.update(earlier_json(data.previous, data.changes))
        document.update(figures_json(data))
        document.update({"source": dict(data.source), "notes": dict(data.notes)})
    return json.dumps(document, ensure_ascii=False, indent=2)


def _summary_lines(card: Scorecard, lang: str) -> list[str]:
    verdict = VERDICT_LABELS[card.verdict.value]
    grade = card.grade.name.get(lang) if card.grade else _t(lang, "none", "无")
    total = format_number(card.total)
    if card.total_high != card.total:
        total += f"–{format_number(card.total_high)}"
    lines = [
        _t(lang, f"Verdict: {verdict[0]}", f"结论：{verdict[1]}"),
        _t(
            lang,
            f"Total: {total} of {format_number(card.max_total)}"
            f" (grade: {grade}; pass line {format_number(card.profile.pass_line.value)}"
            " of 100)",
            f"总分：{total} / {format_number(card.max_total)}（等次：{grade}；合格线"
            f"{format_number(card.profile.pass_line.value)}分，百分制）",
        ),
    ]
    if card.total_if_missing_met != card.total_high:
        best = format_number(card.total_if_missing_met)
        lines.append(
            _t(
                lang,
                f"Items with no data count 0 above; counted as met, the total could reach {best}",
                f"以上缺数据项按0分计；若缺数据项均达标，总分最高可达{best}",
            )
        )
    return [
        *lines,
        _t(
            lang,
            f"Data coverage: {format_number(card.coverage * 100)}% of applicable points",
            f"数据覆盖：适用分值的{format_number(card.coverage * 100)}%",
        ),
        _t(
            lang,
            f"Thresholds resting on assumptions: {card.assumptions}",
            f"基于假设的阈值：{card.assumptions}项",
        ),
        *_provenance_lines(card, lang),
        *(
            _t(lang, "Warning: ", "提示：") + (w.message_zh if lang == "zh" else w.message)
            for w in card.warnings
        ),
    ]


def _provenance_lines(card: Scorecard, lang: str) -> list[str]:
    """Where the figures come from, as the county file says: a report names its source."""
    source = card.source
    if not source:
        return []
    named = [source[k] for k in ("title", "publisher", "date", "url") if source.get(k)]
    named += [
        f"{k}: {v}" for k, v in source.items() if k not in {"title", "publisher", "date", "url"}
    ]
    return [_t(lang, "Source: ", "数据来源：") + _t(lang, "; ", "；").join(named)]


def _note_lines(card: Scorecard, lang: str) -> list[str]:
    """The county file's notes, each under the name of what it is about."""
    catalog = card.catalog
    out = []
    for about, note in card.notes.items():
        known = catalog.fields.get(about) or catalog.indicators.get(about)
        name = known.name.get(lang) if known is not None else about
        out.append(f"{name}{_t(lang, ': ', '：')}{note}")
    return out


def _rows(card: Scorecard, catalog: Catalog, lang: str, area: str) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for line in card.lines.values():
        if line.area != area:
            continue
        name = line.name.get(lang) or subject_name(catalog, line.indicator, lang)
        if line.mandatory:
            name += " *"
        rows.append(
            (
                name,
                line.shown.get(lang) if line.shown else display_value(catalog, line.value, lang),
                line.target_shown.get(lang)
                if line.target_shown
                else target_display(catalog, line.indicator, line.target, lang),
                STATUS_LABELS[line.status][lang == "zh"],
                _points_text(line),
                _gap_text(catalog, line, lang),
            )
        )
    return rows


def _monitored(card: Scorecard, catalog: Catalog, lang: str) -> list[str]:
    """Indicators shown for information: no agreed better direction, so not scored."""
    return [
        f"{catalog.indicators[i].name.get(lang)}{_t(lang, ': ', '：')}"
        f"{display_value(catalog, card.values[i], lang)}"
        for ids in card.monitored.values()
        for i in ids
    ]


def _area_title(card: Scorecard, result: AreaResult, lang: str) -> str:
    area = next(a for a in card.profile.areas if a.id == result.id)
    points = f"{format_number(result.points)}/{format_number(result.max_points)}"
    return f"{area.name.get(lang)} ({points})" if lang == "en" else f"{area.name.zh}（{points}）"


def scorecard_markdown(card: Scorecard, lang: str = "zh") -> str:
    """A Markdown report of the scorecard."""
    catalog = card.catalog
    title = card.profile.title.get(lang)
    out = [f"# {card.county} {card.year} — {title}", ""]
    out += [f"- {s}" for s in _summary_lines(card, lang)]
    out += ["", f"## {_t(lang, 'Reasons', '理由')}", ""]
    out += [f"- {r.text_zh if lang == 'zh' else r.text}" for r in card.reasons] or [
        _t(lang, "- none", "- 无")
    ]
    out += ["", f"## {_t(lang, 'Items', '评分项')}"]
    for result in card.areas:
        out += [
            "",
            f"### {_area_title(card, result, lang)}",
            "",
            "| " + " | ".join(HEADERS[lang]) + " |",
            "|" + "---|" * len(HEADERS[lang]),
        ]
        out += [
            "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
            for row in _rows(card, catalog, lang, result.id)
        ]
    out += ["", _t(lang, "\\* mandatory item", "\\* 为必达项"), ""]
    details = item_detail_lines(card, lang)
    if details:
        out += [f"## {_t(lang, 'Item details', '评分项说明')}", ""]
        out += [f"- {entry}" for entry in details]
        out.append("")
    for coverage, rows in _tree_sections(card, lang):
        title = _t(lang, "By level of the indicator tree", "按指标体系层级")
        header = _t(lang, "| Level | Node | Points |", "| 层级 | 节点 | 得分 |")
        sentence = coverage[0].upper() + coverage[1:] + _t(lang, ".", "。")
        out += [f"## {title}", "", sentence, "", header, "|---|---|---|"]
        out += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
        out.append("")
    monitored = _monitored(card, catalog, lang)
    if monitored:
        out += [f"## {_t(lang, 'Monitored, not scored', '监测指标（不计分）')}", ""]
        out += [f"- {entry}" for entry in monitored]
        out.append("")
    notes = _note_lines(card, lang)
    if notes:
        out += [f"## {_t(lang, 'Notes', '备注')}", ""]
        out += [f"- {note}" for note in notes]
        out.append("")
    earlier = earlier_lines(catalog, card.previous, card.changes, lang)
    if earlier:
        out += [f"## {_t(lang, 'Earlier years and printed changes', '往年数据与报告所列变化')}", ""]
        out += [f"- {line}" for line in earlier]
        out.append("")
    for title, lines in figure_sections(catalog, card.county_year, lang):
        out += [f"## {title}", ""]
        out += [f"- {line}" for line in lines]
        out.append("")
    if card.audit:
        out += [f"## {_t(lang, 'Audit', '核对')}", ""]
        out += [f"- {_audit_markdown(catalog, e, lang)}" for e in card.audit]
        out.append("")
    out.append(
        _t(
            lang,
            f"Profile {card.profile.id} version {card.profile.version}.",
            f"评分标准 {card.profile.id}，版本 {card.profile.version}。",
        )
    )
    return "\n".join(out) + "\n"


def _plain_console(buffer: io.StringIO, width: int) -> Console:
    """A console that writes plain text: no colour, markup or emoji to surprise a pipe."""
    return Console(
        file=buffer,
        width=width,
        color_system=None,
        force_terminal=False,
        highlight=False,
        emoji=False,
        markup=False,
    )


def _without_trailing_blanks(text: str) -> str:
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def _print_titled(console: Console, title: str, lines: list[str]) -> None:
    """A titled list, or nothing when the list is empty."""
    if lines:
        console.print(title)
        _print_list(console, lines)


def scorecard_text(card: Scorecard, lang: str = "zh", width: int = 120) -> str:
    """A terminal report; rich measures CJK characters as two columns wide."""
    catalog = card.catalog
    buffer = io.StringIO()
    console = _plain_console(buffer, width)
    console.print(f"{card.county} {card.year} — {card.profile.title.get(lang)}")
    for summary in _summary_lines(card, lang):
        console.print(summary)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for header in HEADERS[lang]:
        table.add_column(header, overflow="fold")
    for result in card.areas:
        table.add_row(_area_title(card, result, lang), style="bold")
        for row in _rows(card, catalog, lang, result.id):
            table.add_row(*row)
        table.add_section()
    console.print(table)
    console.print(_t(lang, "* mandatory item", "* 为必达项"))
    _print_titled(console, _t(lang, "Item details:", "评分项说明："), item_detail_lines(card, lang))
    for coverage, rows in _tree_sections(card, lang):
        console.print(_t(lang, "By level of the indicator tree: ", "按指标体系层级：") + coverage)
        levels = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for header in _t(lang, "Level|Node|Points", "层级|节点|得分").split("|"):
            levels.add_column(header, overflow="fold")
        for row in rows:
            levels.add_row(*row)
        console.print(levels)
    monitored = _monitored(card, catalog, lang)
    if monitored:
        console.print(_t(lang, "Monitored, not scored:", "监测指标（不计分）："))
        _print_list(console, monitored)
    console.print(_t(lang, "Reasons:", "理由："))
    _print_list(console, [r.text_zh if lang == "zh" else r.text for r in card.reasons])
    notes = _note_lines(card, lang)
    if notes:
        console.print(_t(lang, "Notes:", "备注："))
        _print_list(console, notes)
    earlier = earlier_lines(catalog, card.previous, card.changes, lang)
    if earlier:
        console.print(_t(lang, "Earlier years and printed changes:", "往年数据与报告所列变化："))
        _print_list(console, earlier)
    _print_sections(console, figure_sections(catalog, card.county_year, lang), lang)
    if card.audit:
        console.print(_t(lang, "Audit:", "核对："))
        _print_list(console, [_audit_line(catalog, entry, lang) for entry in card.audit])
    return _without_trailing_blanks(buffer.getvalue())


#: Pieces a line is never broken inside: an ASCII run (an id, a number) or one other
#: character, with the Chinese punctuation that may not start or end a line kept on it.
_PIECE = re.compile(r"[（“「《]*(?:[\x21-\x7e]+|\S)[）”」》，。、；：！？]*|\s")


def _wrapped(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, Chinese broken between characters."""
    lines: list[str] = []
    line = ""
    for whole in _PIECE.findall(text):
        # A piece wider than a line (a long id on a narrow terminal) is cut.
        for piece in _cut(whole, width):
            if line.strip() and cell_len(line + piece) > width:
                lines.append(line.rstrip())
                line = piece.lstrip()
            else:
                line += piece
    return [*lines, line.rstrip()]


def _cut(piece: str, width: int) -> list[str]:
    parts = [""]
    for character in piece:
        if parts[-1] and cell_len(parts[-1] + character) > width:
            parts.append("")
        parts[-1] += character
    return parts


def _print_sections(
    console: Console, sections: Sequence[tuple[str, Sequence[str]]], lang: str
) -> None:
    """Each titled list, its title then its items."""
    for title, lines in sections:
        console.print(title + _t(lang, ":", "："))
        _print_list(console, lines)


def _print_list(console: Console, items: Sequence[str]) -> None:
    """``  - item``; a long item goes on under its first character, an id never split."""
    for item in items:
        first, *rest = _wrapped(item, max(console.width - 4, 8))
        console.print(f"  - {first}")
        for line in rest:
            console.print(f"    {line}")


def _audit_line(catalog: Catalog, entry: AuditEntry, lang: str) -> str:
    """``执法资格考试通过率 [一致] …`` in Chinese; ``subject [consistent] …`` in English."""
    if lang == "zh":
        name = subject_name(catalog, entry.subject, lang)
        hint = f"；{entry.hint_zh}" if entry.hint_zh else ""
        return f"{name} [{_audit_label(entry.status, lang)}] {entry.detail_zh}{hint}"
    hint = f"; {entry.hint}" if entry.hint else ""
    return f"{entry.subject} [{entry.status}] {entry.detail}{hint}"


def _audit_markdown(catalog: Catalog, entry: AuditEntry, lang: str) -> str:
    if lang == "zh":
        name = subject_name(catalog, entry.subject, lang)
        hint = f"；{entry.hint_zh}" if entry.hint_zh else ""
        return f"**{name}**（{_audit_label(entry.status, lang)}）：{entry.detail_zh}{hint}"
    hint = f"; {entry.hint}" if entry.hint else ""
    return f"**{entry.subject}** ({entry.status}): {entry.detail}{hint}"


def check_text(
    catalog: Catalog,
    data: CountyYear,
    entries: Sequence[AuditEntry],
    values: Mapping[str, IndicatorValue],
    lang: str = "zh",
) -> str:
    """What ``fazhi check`` prints for a valid file: the audit, then every indicator's value.

    Chinese names each field and indicator by its Chinese name; English by its id.
    """
    if lang == "zh":
        head = [f"{data.county} {data.year}年：文件有效", "核对："]
    else:
        head = [f"{data.county} {data.year}: the file is valid", "Audit:"]
    out = head + [f"  - {_audit_line(catalog, e, lang)}" for e in entries]
    earlier = earlier_lines(catalog, data.previous, data.changes, lang)
    if earlier:
        out.append(_t(lang, "Earlier years and printed changes:", "往年数据与报告所列变化："))
        out += [f"  - {line}" for line in earlier]
    for title, lines in figure_sections(catalog, data, lang, with_notes=True):
        out.append(title + _t(lang, ":", "："))
        out += [f"  - {line}" for line in lines]
    out.append(_t(lang, "Indicators:", "指标："))
    for indicator, value in values.items():
        label = subject_name(catalog, indicator, lang) + "：" if lang == "zh" else f"{indicator}: "
        out.append(f"  - {label}{display_value(catalog, value, lang)}")
    return "\n".join(out) + "\n"


def _range_text(low: Fraction, high: Fraction) -> str:
    shown = format_number(low)
    return shown if high == low else f"{shown}–{format_number(high)}"


def _panel_rows(group: RankGroup, lang: str, *, short: bool) -> list[tuple[str, ...]]:
    """A group's rows; ``short`` verdicts (``READY``) keep a terminal table narrow."""
    return [
        (
            str(entry.rank),
            entry.card.county,
            _range_text(entry.score, entry.score_high),
            f"{_range_text(entry.card.total, entry.card.total_high)}"
            f"/{format_number(entry.card.max_total)}",
            _verdict_label(entry.card.verdict.value, lang, short=short),
            entry.card.grade.name.get(lang) if entry.card.grade else "—",
            f"{format_number(entry.card.coverage * 100)}%",
        )
        for entry in group.entries
    ]


def _verdict_label(verdict: str, lang: str, *, short: bool) -> str:
    """A verdict's label; ``short`` drops its explanation (``READY``, ``无法判定``)."""
    label = VERDICT_LABELS[verdict][lang == "zh"]
    if not short:
        return label
    return label.split(" — ", maxsplit=1)[0].split("（", maxsplit=1)[0]


def _group_heading(group: RankGroup, lang: str) -> str:
    """``2023年 河南``: the year and province a group's counties are ranked within."""
    year = _t(lang, str(group.year), f"{group.year}年")
    if group.province is None:
        return year + _t(lang, " (province not given)", "（未填省份）")
    return f"{year} {group.province}"


PANEL_HEADERS = {
    "en": ("Rank", "County", "Score (of 100)", "Points", "Verdict", "Grade", "Coverage"),
    "zh": ("排名", "县（市、区）", "得分（百分制）", "原始得分", "结论", "等次", "数据覆盖"),
}


def panel_text(
    cards: Sequence[Standing],
    lang: str = "zh",
    width: int = 120,
) -> str:
    """A ranking for a terminal: one table per year and province, best first.

    Counties are ranked by points out of 100 (see :mod:`~fazhi_indicators.ranking`),
    each year and province apart.
    """
    buffer = io.StringIO()
    console = _plain_console(buffer, width)
    for number, group in enumerate(rank(cards)):
        if number:
            console.print()
        console.print(_group_heading(group, lang))
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for header in PANEL_HEADERS[lang]:
            table.add_column(header, overflow="fold")
        for row in _panel_rows(group, lang, short=True):
            table.add_row(*row)
        console.print(table)
    return _without_trailing_blanks(buffer.getvalue())


def panel_markdown(
    cards: Sequence[Standing],
    lang: str = "zh",
) -> str:
    """A ranking as Markdown: a heading and a table per year and province, best first."""
    headers = PANEL_HEADERS[lang]
    out: list[str] = []
    for group in rank(cards):
        out += [f"## {_group_heading(group, lang)}", ""]
        out += ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        out += ["| " + " | ".join(row) + " |" for row in _panel_rows(group, lang, short=False)]
        out.append("")
    return "\n".join(out)


def panel_json(
    cards: Sequence[Scorecard],
    *,
    problems: Sequence[Problem] = (),
) -> str:
    """Many scorecards as JSON (schema ``fazhi.panel/1``), in input order.

    ``rankings`` ranks them within each year and province (``scorecard`` is an
    index into ``scorecards``); ``problems`` lists rows that could not be scored.
    """
    document = {
        "schema": "fazhi.panel/1",
        "scorecards": [_scorecard_document(card) for card in cards],
        "rankings": [
            {
                "year": group.year,
                "province": group.province,
                "entries": [
                    {
                        "rank": entry.rank,
                        "scorecard": entry.index,
                        "county": entry.card.county,
                        "score": exact_text(entry.score),
                        "score_high": exact_text(entry.score_high),
                        "score_display": format_number(entry.score),
                        "total": exact_text(entry.card.total),
                        "max_total": exact_text(entry.card.max_total),
                    }
                    for entry in group.entries
                ],
            }
            for group in rank(cards)
        ],
        "problems": _problems_json(problems),
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


CHANGE_LABELS = {
    "IMPROVED": ("improved", "改善"),
    "DECLINED": ("declined", "下降"),
    "UNCHANGED": ("unchanged", "持平"),
    "CHANGED": ("changed", "有变化"),
    "UNDETERMINED": ("undetermined", "无法判定"),
    "NOT_COMPARABLE": ("not comparable", "无法比较"),
}
COMPARE_HEADERS = {
    "en": ("Indicator", "Before", "After", "Change", "Points"),
    "zh": ("指标", "上期", "本期", "变化", "得分"),
}


def _signed(value: Fraction) -> str:
    return ("+" if value > 0 else "") + format_number(value)


def _comparison_rows(comparison: Comparison, lang: str) -> list[tuple[str, ...]]:
    catalog = comparison.after.catalog
    rows: list[tuple[str, ...]] = []
    for change in comparison.changes:
        points = ""
        if change.points_before is not None and change.points_after is not None:
            points = f"{format_number(change.points_before)} → {format_number(change.points_after)}"
        rows.append(
            (
                catalog.indicators[change.indicator].name.get(lang),
                display_value(catalog, change.before, lang),
                display_value(catalog, change.after, lang),
                CHANGE_LABELS[change.change.value][lang == "zh"],
                points,
            )
        )
    return rows


def _comparison_summary(comparison: Comparison, lang: str) -> list[str]:
    before, after = comparison.before, comparison.after
    verdicts = (VERDICT_LABELS[before.verdict.value], VERDICT_LABELS[after.verdict.value])
    scores = [
        format_number(card.total * 100 / card.max_total if card.max_total else Fraction(0))
        for card in (before, after)
    ]
    counts = Counter(c.change.value for c in comparison.changes)
    return [
        _t(
            lang,
            f"Verdict: {verdicts[0][0]} → {verdicts[1][0]}",
            f"结论：{verdicts[0][1]} → {verdicts[1][1]}",
        ),
        _t(
            lang,
            f"Points out of 100: {scores[0]} → {scores[1]} ({_signed(comparison.total_change)})",
            f"百分制得分：{scores[0]} → {scores[1]}（{_signed(comparison.total_change)}）",
        ),
        _t(
            lang,
            f"Indicators improved {counts['IMPROVED']}, declined {counts['DECLINED']},"
            f" unchanged {counts['UNCHANGED']}",
            f"改善{counts['IMPROVED']}项，下降{counts['DECLINED']}项，持平{counts['UNCHANGED']}项",
        ),
    ]


def _comparison_title(comparison: Comparison, lang: str) -> str:
    before, after = comparison.before, comparison.after
    county = after.county if after.county == before.county else f"{before.county} / {after.county}"
    return f"{county} {before.year} → {after.year} — {after.profile.title.get(lang)}"


def comparison_text(comparison: Comparison, lang: str = "zh", width: int = 120) -> str:
    """Two years side by side for a terminal: verdicts, points, each indicator's move."""
    buffer = io.StringIO()
    console = _plain_console(buffer, width)
    console.print(_comparison_title(comparison, lang))
    for line in _comparison_summary(comparison, lang):
        console.print(line)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for header in COMPARE_HEADERS[lang]:
        table.add_column(header, overflow="fold")
    for row in _comparison_rows(comparison, lang):
        table.add_row(*row)
    console.print(table)
    return _without_trailing_blanks(buffer.getvalue())


def comparison_markdown(comparison: Comparison, lang: str = "zh") -> str:
    """Two years side by side as Markdown."""
    headers = COMPARE_HEADERS[lang]
    out = [f"# {_comparison_title(comparison, lang)}", ""]
    out += [f"- {line}" for line in _comparison_summary(comparison, lang)]
    out += ["", "| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += [
        "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
        for row in _comparison_rows(comparison, lang)
    ]
    return "\n".join(out) + "\n"


def comparison_json(comparison: Comparison) -> str:
    """Two years side by side as JSON (schema ``fazhi.comparison/1``)."""
    catalog = comparison.after.catalog

    def card(card: Scorecard) -> dict[str, Any]:
        return {
            "county": card.county,
            "year": card.year,
            "verdict": card.verdict.value,
            "total": exact_text(card.total),
            "max_total": exact_text(card.max_total),
            "grade": card.grade.name.zh if card.grade else None,
        }

    document = {
        "schema": "fazhi.comparison/1",
        "profile": {
            "id": comparison.after.profile.id,
            "version": comparison.after.profile.version,
        },
        "before": card(comparison.before),
        "after": card(comparison.after),
        "total_change": exact_text(comparison.total_change),
        "changes": [
            {
                "indicator": c.indicator,
                "change": c.change.value,
                "before": _value_json(catalog, c.before),
                "after": _value_json(catalog, c.after),
                "delta": None if c.delta is None else exact_text(c.delta),
                "points_before": None if c.points_before is None else exact_text(c.points_before),
                "points_after": None if c.points_after is None else exact_text(c.points_after),
            }
            for c in comparison.changes
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
