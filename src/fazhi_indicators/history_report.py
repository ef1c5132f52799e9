"""A county over several years as text, Markdown and JSON (schema ``fazhi.history/1``).

Like :mod:`~fazhi_indicators.render`, this never recomputes: it shows what
:func:`~fazhi_indicators.history.history_report` found — each year's sources,
year-over-year deltas judged by each indicator's direction, every printed change
checked, and every figure two reports give differently.
"""

from __future__ import annotations

import io
import json
from fractions import Fraction
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from fazhi_indicators.definitions import Catalog, RateIndicator
from fazhi_indicators.exact import Interval, format_percent, format_ratio, round_percent
from fazhi_indicators.history import (
    ChangeCheck,
    Delta,
    HistoryReport,
    Restatement,
    YearFigures,
    restatement_problem,
)
from fazhi_indicators.render import (
    AUDIT_LABELS,
    change_subject,
    exact_text,
    row_name,
    subject_name,
)

__all__ = ["MOVEMENT_LABELS", "history_json", "history_markdown", "history_text"]

MOVEMENT_LABELS = {
    "BETTER": ("better", "改善"),
    "WORSE": ("worse", "变差"),
    "UP": ("up", "上升"),
    "DOWN": ("down", "下降"),
    "UNCHANGED": ("unchanged", "持平"),
    "UNDETERMINED": ("undetermined", "无法判定"),
    "NOT_COMPARABLE": ("not comparable", "无法比较"),
}
HEADERS = {
    "en": ("Item", "Before", "After", "Change", "Movement"),
    "zh": ("项目", "上期", "本期", "变化", "判断"),
}


def _t(lang: str, en: str, zh: str) -> str:
    return zh if lang == "zh" else en


def _rate_text(catalog: Catalog, subject: str, value: Fraction) -> str:
    indicator = catalog.indicators.get(subject)
    if isinstance(indicator, RateIndicator):
        if indicator.kind == "ratio":
            return format_ratio(value, indicator.precision)
        return format_percent(value, indicator.precision)
    return format_percent(value, 1)


def _value_text(catalog: Catalog, delta: Delta, *, value: Interval | bool | None, lang: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _t(lang, "yes" if value else "no", "是" if value else "否")
    if delta.kind == "field":
        low, high = int(value.low), int(value.high)
        return str(low) if low == high else f"{low}–{high}"
    if value.low == value.high:
        return _rate_text(catalog, delta.subject, value.low)
    return str(value)


def _points(value: Fraction, lang: str) -> str:
    shown = f"{round_percent(value, 2):+f}"
    return _t(lang, f"{shown} percentage points", f"{shown}个百分点")


def _change_text(catalog: Catalog, delta: Delta, lang: str) -> str:
    if delta.change is not None:
        if delta.kind == "field":
            shown = f"{int(delta.change):+d}"
            if delta.relative is not None:
                shown += f" ({round_percent(delta.relative, 2):+f}%)"
            return shown
        indicator = catalog.indicators.get(delta.subject)
        if isinstance(indicator, RateIndicator) and indicator.kind == "ratio":
            return f"{round_percent(delta.change / 100, 2):+f}"
        return _points(delta.change, lang)
    span = delta.change_range
    if span is None:
        return ""
    if delta.kind == "field":
        return f"{int(span.low):+d} … {int(span.high):+d}"
    return f"{_points(span.low, lang)} … {_points(span.high, lang)}"


def _rows(report: HistoryReport, deltas: tuple[Delta, ...], lang: str) -> list[tuple[str, ...]]:
    catalog = report.catalog
    return [
        (
            subject_name(catalog, d.subject, lang),
            _value_text(catalog, d, value=d.before, lang=lang),
            _value_text(catalog, d, value=d.after, lang=lang),
            _change_text(catalog, d, lang),
            MOVEMENT_LABELS[d.movement.value][lang == "zh"],
        )
        for d in deltas
    ]


def _source_text(report: YearFigures, lang: str) -> str:
    named = report.source.get("title") or report.file or _t(lang, "(no source)", "（未注明来源）")
    if report.restating:
        return named + _t(
            lang,
            f" (as the {report.reported_in} report restates it)",
            f"（{report.reported_in}年报告所列上年数）",
        )
    return named


def _source_lines(report: HistoryReport, lang: str) -> list[str]:
    return [
        _t(lang, f"{year}: ", f"{year}年：")
        + _t(lang, "; ", "；").join(_source_text(r, lang) for r in reports)
        for year, reports in report.sources.items()
    ]


def _change_line(catalog: Catalog, check: ChangeCheck, lang: str) -> str:
    name = change_subject(catalog, check.change, lang) if lang == "zh" else check.subject
    if lang != "zh" and check.category is not None:
        name += f" ({check.change.by}: {check.category})"
    label = AUDIT_LABELS[check.status][lang == "zh"]
    detail = check.detail_zh if lang == "zh" else check.detail
    return f"{check.year}{_t(lang, '', '年')} {name} [{label}] {detail}"


def _restatement_line(catalog: Catalog, restatement: Restatement, lang: str) -> str:
    r = restatement
    first, second = _source_text(r.first, lang), _source_text(r.second, lang)
    if lang == "zh":
        name = row_name(catalog, r.subject, (r.by, r.category), lang)
        return (
            f"{r.year}年 {name}：{first}为 {r.first_text}，{second}为 {r.second_text}；两者均予保留"
        )
    row = f" ({r.by}: {r.category})" if r.category is not None else ""
    return (
        f"{r.subject}{row} for {r.year}: {r.first_text} in {first}, {r.second_text} in"
        f" {second}; both are kept"
    )


def _title(report: HistoryReport, lang: str) -> str:
    years = report.years
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    return f"{report.county} {span}" + _t(lang, " — year over year", " — 历年变化")


def history_markdown(report: HistoryReport, lang: str = "zh") -> str:
    """Several years of one county as Markdown."""
    out = [f"# {_title(report, lang)}", "", f"## {_t(lang, 'Sources', '数据来源')}", ""]
    out += [f"- {line}" for line in _source_lines(report, lang)]
    for step in report.steps:
        out += ["", f"## {step.before} → {step.after}", ""]
        rows = _rows(report, step.deltas, lang)
        if not rows:
            out.append(_t(lang, "No figure in common.", "两年没有可比较的数字。"))
            continue
        out += ["| " + " | ".join(HEADERS[lang]) + " |", "|" + "---|" * len(HEADERS[lang])]
        out += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
    if report.changes:
        out += ["", f"## {_t(lang, 'Printed changes, checked', '报告所列变化的核对')}", ""]
        out += [f"- {_change_line(report.catalog, c, lang)}" for c in report.changes]
    if report.restatements:
        out += ["", f"## {_t(lang, 'Restated figures', '前后报告数字不一致')}", ""]
        out += [f"- {_restatement_line(report.catalog, r, lang)}" for r in report.restatements]
    return "\n".join(out) + "\n"


def history_text(report: HistoryReport, lang: str = "zh", width: int = 120) -> str:
    """Several years of one county for a terminal: a table per year to the next."""
    buffer = io.StringIO()
    console = _console(buffer, width)
    console.print(_title(report, lang))
    console.print(_t(lang, "Sources:", "数据来源："))
    for line in _source_lines(report, lang):
        console.print(f"  - {line}")
    for step in report.steps:
        console.print()
        console.print(f"{step.before} → {step.after}")
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for header in HEADERS[lang]:
            table.add_column(header, overflow="fold")
        for row in _rows(report, step.deltas, lang):
            table.add_row(*row)
        console.print(table)
    # Lists are written as they are, one item a line: a terminal wraps them better than
    # a fixed width that cuts Chinese text at any character.
    lines = buffer.getvalue().splitlines()
    if report.changes:
        lines.append(_t(lang, "Printed changes, checked:", "报告所列变化的核对："))
        lines += [f"  - {_change_line(report.catalog, c, lang)}" for c in report.changes]
    if report.restatements:
        lines.append(_t(lang, "Restated figures:", "前后报告数字不一致："))
        lines += [f"  - {_restatement_line(report.catalog, r, lang)}" for r in report.restatements]
    return "".join(line.rstrip() + "\n" for line in lines)


def _console(buffer: io.StringIO, width: int) -> Console:
    """Plain text, as the other reports print it: no colour or markup to surprise a pipe."""
    return Console(
        file=buffer,
        width=width,
        color_system=None,
        force_terminal=False,
        highlight=False,
        emoji=False,
        markup=False,
    )


def _interval_json(value: Interval | bool | None) -> dict[str, Any]:  # noqa: FBT001 - a value
    if value is None or isinstance(value, bool):
        return {"value": value, "interval": None}
    if value.low == value.high:
        return {"value": exact_text(value.low), "interval": None}
    return {"value": None, "interval": [exact_text(value.low), exact_text(value.high)]}


def _delta_json(delta: Delta) -> dict[str, Any]:
    before, after = _interval_json(delta.before), _interval_json(delta.after)
    span = delta.change_range
    return {
        "subject": delta.subject,
        "kind": delta.kind,
        "before": before["value"],
        "before_interval": before["interval"],
        "after": after["value"],
        "after_interval": after["interval"],
        "movement": delta.movement.value,
        "change": None if delta.change is None else exact_text(delta.change),
        "change_points": None
        if delta.change is None or delta.kind == "field"
        else exact_text(delta.change * 100),
        "relative": None if delta.relative is None else exact_text(delta.relative),
        "change_interval": None if span is None else [exact_text(span.low), exact_text(span.high)],
    }


def _figures_json(report: YearFigures) -> dict[str, Any]:
    return {"file": report.file, "reported_in": report.reported_in, "source": dict(report.source)}


def history_json(report: HistoryReport) -> str:
    """Several years of one county as JSON (schema ``fazhi.history/1``)."""
    document = {
        "schema": "fazhi.history/1",
        "county": report.county,
        "years": list(report.years),
        "sources": {
            str(year): [_figures_json(r) for r in reports]
            for year, reports in report.sources.items()
        },
        "steps": [
            {
                "before": step.before,
                "after": step.after,
                "deltas": [_delta_json(d) for d in step.deltas],
            }
            for step in report.steps
        ],
        "changes": [
            {
                "year": c.year,
                "subject": c.subject,
                "text": c.change.text,
                "kind": c.change.kind,
                "from": c.change.from_year,
                "by": c.change.by,
                "category": c.category,
                "quote": c.change.quote,
                "status": c.status,
                "detail": c.detail,
                "detail_zh": c.detail_zh,
                "roundings": list(c.roundings),
                "reading": c.reading,
            }
            for c in report.changes
        ],
        "restatements": [
            {
                "year": r.year,
                "subject": r.subject,
                "by": r.by,
                "category": r.category,
                "first": {"figure": r.first_text, **_figures_json(r.first)},
                "second": {"figure": r.second_text, **_figures_json(r.second)},
                "message": restatement_problem(r).message,
                "message_zh": restatement_problem(r).message_zh,
            }
            for r in report.restatements
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
