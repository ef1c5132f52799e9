"""Scorecards and panels as one self-contained HTML page: charts a leader reads first.

Inline CSS and inline SVG only — no font, script, image or style sheet is fetched —
so the file opens offline (many county networks block foreign hosts) and prints on
A4.  Every text that can come from an input file (county, notes, sources, names in
a catalogue or profile, reasons quoting them) is escaped where it enters the markup.

Numbers shown are the text formatters' output (:mod:`~fazhi_indicators.render`,
:func:`~fazhi_indicators.exact.format_number`); exact fractions become floats only
as SVG pixel positions, at the last step of drawing.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import cast

from fazhi_indicators.compare import Comparison
from fazhi_indicators.exact import Interval, RateTarget, Verdict, format_number
from fazhi_indicators.ranking import RankGroup, rank
from fazhi_indicators.render import (
    AUDIT_LABELS,
    COMPARE_HEADERS,
    PANEL_HEADERS,
    STATUS_LABELS,
    _comparison_rows,
    _comparison_summary,
    _comparison_title,
    _gap_text,
    _group_heading,
    _monitored,
    _note_lines,
    _panel_rows,
    _points_text,
    _range_text,
    _verdict_label,
    display_value,
    figure_sections,
    subject_name,
    target_display,
)
from fazhi_indicators.rollup import level_rows, rollups
from fazhi_indicators.scoring import Line, Scorecard
from fazhi_indicators.tables import VERDICT_LABELS

__all__ = ["comparison_html", "panel_html", "scorecard_html"]

#: CSS class of each item status; the colours are in ``_CSS``.
STATUS_CLASSES = {
    Verdict.MET: "met",
    Verdict.NOT_MET: "notmet",
    Verdict.UNDETERMINED: "undetermined",
    Verdict.MISSING: "missing",
    Verdict.NOT_APPLICABLE: "na",
}
VERDICT_CLASSES = {
    "READY": "ready",
    "NOT_READY": "notready",
    "INSUFFICIENT_DATA": "insufficient",
    "UNDETERMINED": "open",
}
#: The columns of the items table, in the words of a county's 自评表.
ITEM_HEADERS = {
    "en": ("No.", "Indicator", "Value", "Target", "Status", "Points / max", "Scoring note"),
    "zh": ("序号", "指标", "数值", "目标", "状态", "自评分/分值", "评分说明"),
}
SOURCE_LABELS = {
    "title": ("Title", "标题"),
    "publisher": ("Publisher", "发布单位"),
    "date": ("Date", "日期"),
    "url": ("Link", "网址"),
}
AREA_NUMERALS = "一二三四五六七八九十"
#: Chart text size and line height, in SVG units (the CSS of ``svg .lbl`` and ``.num``).
FONT, LINE = 14, 17
#: Width of every chart in SVG units; CSS scales it to the page (and to A4 when printed).
WIDTH = 880

_CSS = """
:root {
  --ink: #1f2328; --muted: #5f6670; --line: #d8dce1; --track: #eceef1;
  --met: #2e7d32; --met-bg: #e6f4e7; --notmet: #c62828; --notmet-bg: #fdeaea;
  --undetermined: #a85d00; --undetermined-bg: #fff1dc; --missing: #6b7178;
  --missing-bg: #eef0f2; --na: #8d939a; --na-bg: #f4f5f6; --zone: #d7eed9;
  --accent: #1f4e99;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; background: #eef0f3; color: var(--ink);
  font: 14px/1.55 "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei",
    "PingFang SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif;
}
.page {
  max-width: 960px; margin: 24px auto; padding: 36px 44px 28px; background: #fff;
  box-shadow: 0 1px 4px rgba(0, 0, 0, .12);
}
header { border-bottom: 3px solid var(--accent); padding-bottom: 10px; margin-bottom: 18px; }
.kicker { margin: 0; color: var(--accent); font-weight: 700; letter-spacing: .08em; }
h1 { margin: 4px 0 2px; font-size: 26px; line-height: 1.25; }
.subtitle { margin: 0; color: var(--muted); font-size: 15px; }
h2 {
  margin: 26px 0 10px; font-size: 17px; padding-left: 9px;
  border-left: 4px solid var(--accent); line-height: 1.3;
}
h3 { margin: 18px 0 8px; font-size: 15px; }
.verdict { border: 1px solid var(--line); border-left: 8px solid; padding: 14px 18px; }
.verdict.ready { border-left-color: var(--met); background: var(--met-bg); }
.verdict.notready { border-left-color: var(--notmet); background: var(--notmet-bg); }
.verdict.insufficient {
  border-left-color: var(--undetermined); background: var(--undetermined-bg);
}
.verdict.open { border-left-color: var(--missing); background: var(--missing-bg); }
.verdict-line { margin: 0; font-size: 22px; font-weight: 700; }
.verdict.ready .verdict-line { color: var(--met); }
.verdict.notready .verdict-line { color: var(--notmet); }
.verdict.insufficient .verdict-line { color: var(--undetermined); }
.verdict-why { margin: 2px 0 10px; }
.figures { display: flex; flex-wrap: wrap; gap: 10px; margin: 10px 0 4px; }
.figure {
  flex: 1 1 150px; background: #fff; border: 1px solid var(--line); border-radius: 4px;
  padding: 6px 10px;
}
.figure .k { color: var(--muted); font-size: 12px; }
.figure .v { font-size: 22px; font-weight: 700; line-height: 1.3; }
.figure .v small { font-size: 14px; font-weight: 400; color: var(--muted); }
.figure .n { color: var(--muted); font-size: 12px; }
.gauge { margin-top: 8px; }
ul.plain { margin: 6px 0; padding-left: 1.3em; }
ul.plain li { margin: 2px 0; }
.reasons li.blocking::marker { color: var(--notmet); }
.tag {
  display: inline-block; font-size: 11px; line-height: 1.5; padding: 0 5px; margin-left: 6px;
  border-radius: 3px; border: 1px solid currentColor; white-space: nowrap; vertical-align: 1px;
}
.tag.blocking { color: var(--notmet); }
.tag.mandatory { color: var(--accent); }
.warnings { border: 1px solid #e7c27d; background: #fff8e8; padding: 8px 14px; margin-top: 12px; }
.warnings p { margin: 0; font-weight: 700; color: var(--undetermined); }
figure.chart { margin: 0; }
svg { display: block; max-width: 100%; height: auto; }
figcaption, .legend { color: var(--muted); font-size: 12px; margin-top: 4px; }
.legend span { margin-right: 14px; white-space: nowrap; }
.swatch {
  display: inline-block; width: 14px; height: 10px; margin-right: 4px; vertical-align: 0;
}
svg text { fill: var(--ink); }
svg .lbl { font-size: 14px; }
svg .num { font-size: 14px; }
svg .tick { font-size: 11px; fill: var(--muted); }
svg .track { fill: var(--track); }
svg .zone { fill: var(--zone); }
svg .grid { stroke: #ffffff; stroke-width: 1; }
svg .target { stroke: var(--ink); stroke-width: 2; stroke-dasharray: 4 3; }
svg .pass { stroke: var(--notmet); stroke-width: 2; stroke-dasharray: 5 3; }
svg .pass-text { font-size: 11px; fill: var(--notmet); }
svg .whisker { stroke: var(--ink); stroke-width: 1.5; }
svg .best { fill: none; stroke: var(--muted); stroke-width: 1; stroke-dasharray: 3 2; }
svg .fill-points { fill: var(--accent); }
svg .fill-possible { fill: #9db5dc; }
.f-met { fill: var(--met); } .f-notmet { fill: var(--notmet); }
.f-undetermined { fill: var(--undetermined); } .f-missing { fill: var(--missing); }
.f-na { fill: var(--na); }
.f-ready { fill: var(--met); } .f-notready { fill: var(--notmet); }
.f-insufficient { fill: var(--undetermined); } .f-open { fill: var(--missing); }
svg text.t-met { fill: var(--met); } svg text.t-notmet { fill: var(--notmet); }
svg text.t-undetermined { fill: var(--undetermined); }
svg text.t-missing, svg text.t-na { fill: var(--missing); }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th, td {
  border-bottom: 1px solid var(--line); padding: 5px 6px; text-align: left; vertical-align: top;
}
thead th {
  background: #f3f5f8; border-bottom: 2px solid #b9c0c8; font-weight: 700; white-space: nowrap;
}
tr.area th { background: #e9eef6; color: #17365f; font-weight: 700; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.value, td.target { white-space: nowrap; }
table.audit td:first-child { min-width: 9em; }
td.idx { color: var(--muted); text-align: right; width: 2.5em; }
.status {
  display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px;
  white-space: nowrap; font-weight: 700;
}
tr.met .status { color: var(--met); background: var(--met-bg); }
tr.notmet .status { color: var(--notmet); background: var(--notmet-bg); }
tr.undetermined .status { color: var(--undetermined); background: var(--undetermined-bg); }
tr.missing .status { color: var(--missing); background: var(--missing-bg); }
tr.na .status { color: var(--na); background: var(--na-bg); }
tr.ready .status { color: var(--met); background: var(--met-bg); }
tr.notready .status { color: var(--notmet); background: var(--notmet-bg); }
tr.insufficient .status { color: var(--undetermined); background: var(--undetermined-bg); }
tr.open .status { color: var(--missing); background: var(--missing-bg); }
tr.notmet td.note { color: var(--notmet); }
.id { color: var(--muted); font-size: 11px; font-family: "DejaVu Sans Mono", Consolas, monospace; }
.foot {
  color: var(--muted); font-size: 12px; margin-top: 24px; border-top: 1px solid var(--line);
  padding-top: 8px;
}
dl.source { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 6px 0; }
dl.source dt { color: var(--muted); }
dl.source dd { margin: 0; overflow-wrap: anywhere; }
.empty { color: var(--muted); }
@page { size: A4; margin: 12mm 11mm 14mm; }
@media print {
  body { background: #fff; font-size: 10pt; }
  .page { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  h1 { font-size: 19pt; }
  .figures { flex-wrap: nowrap; gap: 6px; }
  .figure { flex: 1 1 0; min-width: 0; padding: 4px 7px; }
  .figure .v { font-size: 16pt; }
  h2 { font-size: 12.5pt; break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr, li, .verdict, figure.chart, .figure, dl.source {
    break-inside: avoid; page-break-inside: avoid;
  }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(text: object) -> str:
    """Text as HTML, quotes included, so it is safe in an element and in an attribute."""
    return html.escape(str(text), quote=True)


def _t(lang: str, en: str, zh: str) -> str:
    return zh if lang == "zh" else en


def _px(value: Fraction | int) -> str:
    """An SVG coordinate.  Drawing only: the one place a Fraction becomes a float."""
    return f"{float(value):.1f}"


def _text_width(text: str, size: int) -> Fraction:
    """Roughly how wide ``text`` is drawn: a CJK character one em, others 0.55 em."""
    wide = sum(1 for char in text if unicodedata.east_asian_width(char) in {"W", "F"})
    return size * (wide + Fraction(55, 100) * (len(text) - wide))


def _wrap(text: str, size: int, limit: int) -> list[str]:
    """``text`` broken into lines no wider than ``limit``: at spaces, else anywhere."""
    if _text_width(text, size) <= limit:
        return [text]
    words, joiner = (text.split(" "), " ") if " " in text else (list(text), "")
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current}{joiner}{word}" if current else word
        if current and _text_width(candidate, size) > limit:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current]


def _label(lines: Sequence[str], x: int, middle: int, css: str = "lbl") -> str:
    """A (possibly wrapped) label, vertically centred on ``middle``."""
    step = LINE
    first = middle - (len(lines) - 1) * step // 2 + 5
    spans = "".join(
        f'<tspan x="{x}" y="{first + number * step}">{_e(line)}</tspan>'
        for number, line in enumerate(lines)
    )
    return f'<text class="{css}">{spans}</text>'


def _svg(width: int, height: int, title: str, body: Iterable[str], css: str) -> str:
    return (
        f'<svg class="{css}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f"<title>{_e(title)}</title>{''.join(body)}</svg>"
    )


# -- the score gauge: total against the pass line ---------------------------------------


def _gauge(card: Scorecard, lang: str) -> str:
    """The total on a bar of the applicable maximum, with the pass line (out of 100)."""
    left, right = 0, WIDTH - 10
    span = right - left
    top, height = 22, 22
    maximum = card.max_total or Fraction(1)

    def x(points: Fraction) -> Fraction:
        return left + span * min(points / maximum, Fraction(1))

    pass_x = left + span * min(card.profile.pass_line.value / 100, Fraction(1))
    pass_text = _t(
        lang,
        f"pass line {format_number(card.profile.pass_line.value)} of 100",
        f"合格线 {format_number(card.profile.pass_line.value)}（百分制）",
    )
    parts = [
        f'<rect class="track" x="{left}" y="{top}" width="{span}" height="{height}" rx="3"/>',
        f'<rect class="fill-possible" x="{left}" y="{top}" '
        f'width="{_px(x(card.total_high) - left)}" height="{height}" rx="3"/>',
        f'<rect class="fill-points" x="{left}" y="{top}" '
        f'width="{_px(x(card.total) - left)}" height="{height}" rx="3"/>',
    ]
    if card.total_if_missing_met != card.total_high:
        parts.append(
            f'<rect class="best" x="{left}" y="{top - 3}" '
            f'width="{_px(x(card.total_if_missing_met) - left)}" height="{height + 6}" rx="3"/>'
        )
    parts += [
        f'<line class="pass" x1="{_px(pass_x)}" x2="{_px(pass_x)}" y1="{top - 6}" '
        f'y2="{top + height + 6}"/>',
        f'<text class="pass-text" x="{_px(pass_x)}" y="{top - 9}" '
        f'text-anchor="middle">{_e(pass_text)}</text>',
        f'<text class="tick" x="{left}" y="{top + height + 16}">0</text>',
        f'<text class="tick" x="{right}" y="{top + height + 16}" text-anchor="end">'
        f"{_e(format_number(card.max_total))}</text>",
    ]
    title = _t(lang, "Total against the pass line", "总分与合格线")
    return _svg(WIDTH, top + height + 22, title, parts, "gauge")


# -- points by area ---------------------------------------------------------------------


def _area_chart(card: Scorecard, lang: str) -> str:
    """Each area's points on a track as long as its maximum, one scale for all areas."""
    size, limit = FONT, 290 if lang == "en" else 220
    names = {area.id: area.name.get(lang) for area in card.profile.areas}
    rows = [(result, _wrap(names.get(result.id, result.id), size, limit)) for result in card.areas]
    label_width = max((int(_text_width(line, size)) for _, ls in rows for line in ls), default=0)
    left = label_width + 16
    number_width = 96
    span = WIDTH - left - number_width
    largest = max((result.max_points for result in card.areas), default=Fraction(0))
    scale = span / largest if largest else Fraction(0)
    y = 8
    parts: list[str] = []
    for result, lines in rows:
        row_height = 14 + LINE * len(lines)
        middle = y + row_height // 2
        # The best the area's items could give (intervals): drawn, never printed.
        possible = sum(
            (line.points_high for line in card.lines.values() if line.area == result.id),
            Fraction(0),
        )
        bar_top = middle - 8
        parts += [
            _label(lines, 0, middle),
            f'<rect class="track" x="{left}" y="{bar_top}" '
            f'width="{_px(result.max_points * scale)}" height="16" rx="2"/>',
            f'<rect class="fill-possible" x="{left}" y="{bar_top}" '
            f'width="{_px(min(possible, result.max_points) * scale)}" height="16" rx="2"/>',
            f'<rect class="fill-points" x="{left}" y="{bar_top}" '
            f'width="{_px(result.points * scale)}" height="16" rx="2"/>',
            f'<text class="num" x="{_px(left + result.max_points * scale + 10)}" '
            f'y="{middle + 5}">{_e(format_number(result.points))} / '
            f"{_e(format_number(result.max_points))}</text>",
        ]
        y += row_height
    title = _t(lang, "Points by area against each area's maximum", "各领域得分与满分")
    return _svg(WIDTH, y + 6, title, parts, "chart-areas")


# -- each rate against its target -------------------------------------------------------


def _rate_lines(card: Scorecard) -> list[tuple[Line, RateTarget]]:
    """The items on a rate, each with its target (yes/no items are only in the table)."""
    return [
        (line, line.target) for line in card.lines.values() if isinstance(line.target, RateTarget)
    ]


def _zone(target: RateTarget, left: int, span: int, top: int) -> str:
    """The rates that meet the target, shaded: right of it for ≥, left of it for ≤."""
    at = left + span * min(target.value, Fraction(1))
    if target.op in {">=", ">"}:
        low, high = at, Fraction(left + span)
    elif target.op in {"<=", "<"}:
        low, high = Fraction(left), at
    else:
        return ""
    return f'<rect class="zone" x="{_px(low)}" y="{top}" width="{_px(high - low)}" height="16"/>'


def _value_marks(line: Line, left: int, span: int, top: int) -> list[str]:
    """The value as a bar; a value known only as an interval as a hatched bar and a whisker."""
    css = STATUS_CLASSES[line.status]

    def x(rate: Fraction) -> Fraction:
        return left + span * max(min(rate, Fraction(1)), Fraction(0))

    value = line.value
    if isinstance(value.value, Fraction):
        return [
            f'<rect class="f-{css}" x="{left}" y="{top + 2}" '
            f'width="{_px(x(value.value) - left)}" height="12"/>'
        ]
    interval: Interval | None = value.interval
    if interval is None:
        return []
    low, high = x(interval.low), x(interval.high)
    # A stated rate's interval is often a tenth of a percent: too thin to see, so the
    # whisker is drawn at least 6 px wide around it.
    if high - low < 6:
        centre = (low + high) / 2
        low, high = centre - 3, centre + 3
    middle = top + 8
    return [
        f'<rect class="f-{css}" x="{left}" y="{top + 2}" '
        f'width="{_px(x(interval.low) - left)}" height="12" fill-opacity="0.55"/>',
        f'<rect x="{left}" y="{top + 2}" width="{_px(x(interval.low) - left)}" height="12" '
        'fill="url(#hatch)"/>',
        f'<line class="whisker" x1="{_px(low)}" x2="{_px(high)}" y1="{middle}" y2="{middle}"/>',
        f'<line class="whisker" x1="{_px(low)}" x2="{_px(low)}" y1="{top}" y2="{top + 16}"/>',
        f'<line class="whisker" x1="{_px(high)}" x2="{_px(high)}" y1="{top}" y2="{top + 16}"/>',
    ]


def _rate_note(card: Scorecard, line: Line, lang: str) -> str:
    """The status and the value beside a bar: ``未达标 90.5%``, or ``缺数据`` alone."""
    status = STATUS_LABELS[line.status][lang == "zh"]
    if line.status == Verdict.MISSING:
        return status
    return f"{status} {display_value(card.catalog, line.value, lang)}"


def _rate_chart(card: Scorecard, lang: str) -> str:
    """Every rate item: its value (or interval) on 0–100%, the target dashed, its zone shaded."""
    lines = _rate_lines(card)
    catalog = card.catalog
    size, limit = FONT, 290 if lang == "en" else 220
    labels = [_wrap(line.name.get(lang), size, limit) for line, _ in lines]
    label_width = max((int(_text_width(t, size)) for ls in labels for t in ls), default=0)
    notes = [_rate_note(card, line, lang) for line, _ in lines]
    note_width = max((int(_text_width(n, size)) for n in notes), default=0)
    left = label_width + 16
    span = WIDTH - left - note_width - 16
    axis = 20
    parts = [
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="3" height="6" fill="#ffffff" '
        'fill-opacity="0.6"/></pattern></defs>'
    ]
    for percent in (0, 25, 50, 75, 100):
        tick = left + span * percent // 100
        parts.append(f'<text class="tick" x="{tick}" y="12" text-anchor="middle">{percent}%</text>')
    y = axis
    for (line, target), label, note in zip(lines, labels, notes, strict=True):
        row_height = 10 + LINE * len(label)
        middle = y + row_height // 2
        top = middle - 8
        at = left + span * min(target.value, Fraction(1))
        css = STATUS_CLASSES[line.status]
        parts += [
            f'<g class="rate-row" data-indicator="{_e(line.indicator)}">',
            f"<title>{_e(line.name.get(lang))}: {_e(note)}; "
            f"{_e(_t(lang, 'target', '目标'))} "
            f"{_e(target_display(catalog, line.indicator, target, lang))}</title>",
            _label(label, 0, middle),
            f'<rect class="track" x="{left}" y="{top}" width="{span}" height="16"/>',
            _zone(target, left, span, top),
            *(
                f'<line class="grid" x1="{left + span * p // 100}" '
                f'x2="{left + span * p // 100}" y1="{top}" y2="{top + 16}"/>'
                for p in (25, 50, 75)
            ),
            *_value_marks(line, left, span, top),
            f'<line class="target" x1="{_px(at)}" x2="{_px(at)}" y1="{top - 3}" y2="{top + 19}"/>',
            f'<text class="num t-{css}" x="{left + span + 12}" y="{middle + 5}">{_e(note)}</text>',
            "</g>",
        ]
        y += row_height
    title = _t(lang, "Each rate against its target", "各指标数值与目标")
    return _svg(WIDTH, y + 6, title, parts, "chart-rates")


def _rate_legend(lang: str) -> str:
    entries = [
        ("var(--met)", STATUS_LABELS[Verdict.MET][lang == "zh"]),
        ("var(--notmet)", STATUS_LABELS[Verdict.NOT_MET][lang == "zh"]),
        ("var(--undetermined)", STATUS_LABELS[Verdict.UNDETERMINED][lang == "zh"]),
        ("var(--zone)", _t(lang, "meets the target", "达标区间")),
    ]
    shown = "".join(
        f'<span><i class="swatch" style="background:{colour}"></i>{_e(text)}</span>'
        for colour, text in entries
    )
    explain = _t(
        lang,
        "Dashed line: the target. Pale hatched bar with a bracket: a rate stated without "
        "its counts, known only to lie in the bracket. No bar: no data.",
        "虚线为目标值；浅色斜纹条加括线为只报了比率、未报人数（件数）的报告值，"
        "真实值在括线范围内；无条为缺数据。",
    )
    return f'<div class="legend">{shown}<br>{_e(explain)}</div>'


# -- the page ---------------------------------------------------------------------------


def _document(title: str, lang: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<main class="page">\n{body}\n</main>\n</body>\n</html>\n'
    )


def _verdict_parts(verdict: str, lang: str) -> tuple[str, str]:
    """A verdict's short label and the explanation that follows it, if any."""
    short = _verdict_label(verdict, lang, short=True)
    rest = VERDICT_LABELS[verdict][lang == "zh"][len(short) :]
    return short, rest.strip(" —（）")


def _figure(key: str, value: str, note: str = "") -> str:
    shown_note = f'<div class="n">{note}</div>' if note else ""
    return (
        f'<div class="figure"><div class="k">{key}</div><div class="v">{value}</div>'
        f"{shown_note}</div>"
    )


def _gauge_legend(card: Scorecard, lang: str) -> str:
    entries = [
        (
            "swatch",
            "background:var(--accent)",
            _t(lang, "points assured ", "已得分 ") + format_number(card.total),
        )
    ]
    if card.total_high != card.total:
        entries.append(
            (
                "swatch",
                "background:#9db5dc",
                _t(lang, "at best ", "区间最有利可达 ") + format_number(card.total_high),
            )
        )
    if card.total_if_missing_met != card.total_high:
        entries.append(
            (
                "swatch",
                "border:1px dashed var(--muted)",
                _t(lang, "if every item with no data were met ", "若缺数据项均达标 ")
                + format_number(card.total_if_missing_met),
            )
        )
    entries.append(
        (
            "swatch",
            "border-left:2px dashed var(--notmet);width:2px",
            _t(lang, "pass line ", "合格线 ") + format_number(card.profile.pass_line.value),
        )
    )
    return (
        '<div class="legend">'
        + "".join(
            f'<span><i class="{css}" style="{style}"></i>{_e(text)}</span>'
            for css, style, text in entries
        )
        + "</div>"
    )


def _verdict_section(card: Scorecard, lang: str) -> str:
    verdict = card.verdict.value
    short, why = _verdict_parts(verdict, lang)
    maximum = _e(format_number(card.max_total))
    total = _e(_range_text(card.total, card.total_high))
    pass_line = _e(format_number(card.profile.pass_line.value))
    grade = card.grade.name.get(lang) if card.grade else _t(lang, "none", "无")
    figures = [
        _figure(
            _e(_t(lang, "Total", "总分")),
            f"{total}<small> / {maximum}</small>",
            _e(_t(lang, f"pass line {pass_line} of 100", f"合格线{pass_line}分（百分制）")),
        )
    ]
    if card.total_if_missing_met != card.total_high:
        figures.append(
            _figure(
                _e(_t(lang, "If every item with no data were met", "若缺数据项均达标")),
                _e(format_number(card.total_if_missing_met)),
                _e(
                    _t(
                        lang,
                        "at most; items with no data count 0 above",
                        "最高可达；总分中缺数据项按0分计",
                    )
                ),
            )
        )
    figures += [
        _figure(_e(_t(lang, "Grade", "等次")), _e(grade)),
        _figure(
            _e(_t(lang, "Data coverage", "数据覆盖")),
            _e(f"{format_number(card.coverage * 100)}%"),
            _e(
                _t(lang, "of applicable points rest on reported data", "适用分值中有数据支撑的比例")
            ),
        ),
        _figure(
            _e(_t(lang, "Thresholds resting on assumptions", "基于假设的阈值")),
            _e(_t(lang, str(card.assumptions), f"{card.assumptions}项")),
            _e(_t(lang, "not set by a published document", "无公开文件规定，为本项目假设")),
        ),
    ]
    why_html = f'<p class="verdict-why">{_e(why)}</p>' if why else ""
    return (
        f'<section class="verdict {VERDICT_CLASSES[verdict]}" data-verdict="{_e(verdict)}">'
        f'<p class="verdict-line">{_e(_t(lang, "Verdict: ", "结论："))}{_e(short)}</p>{why_html}'
        f'<div class="figures">{"".join(figures)}</div>'
        f'<div class="gauge">{_gauge(card, lang)}{_gauge_legend(card, lang)}</div>'
        "</section>"
    )


def _warnings_section(card: Scorecard, lang: str) -> str:
    if not card.warnings:
        return ""
    items = "".join(
        f"<li>{_e(w.message_zh if lang == 'zh' else w.message)}</li>" for w in card.warnings
    )
    return (
        f'<section class="warnings"><p>{_e(_t(lang, "Please check", "提示"))}</p>'
        f'<ul class="plain">{items}</ul></section>'
    )


def _reasons_section(card: Scorecard, lang: str) -> str:
    tag = _t(lang, "rules out READY", "决定不具备条件")
    items = (
        "".join(
            f'<li class="{"blocking" if r.blocking else "open"}">'
            f"{_e(r.text_zh if lang == 'zh' else r.text)}"
            + (f'<span class="tag blocking">{_e(tag)}</span>' if r.blocking else "")
            + "</li>"
            for r in card.reasons
        )
        or f'<li class="empty">{_e(_t(lang, "none", "无"))}</li>'
    )
    return (
        f'<section class="reasons"><h2>{_e(_t(lang, "Reasons", "理由"))}</h2>'
        f'<ul class="plain">{items}</ul></section>'
    )


def _charts_section(card: Scorecard, lang: str) -> str:
    area_caption = _t(
        lang,
        "Dark: points assured; pale: points an interval could still give. "
        "Each track is as long as the area's maximum.",
        "深色为已得分，浅色为区间值可能再得的分；灰色底条长度为该领域满分。",
    )
    return (
        f'<section class="charts"><h2>{_e(_t(lang, "Points by area", "各领域得分"))}</h2>'
        f'<figure class="chart" id="chart-areas">{_area_chart(card, lang)}'
        f"<figcaption>{_e(area_caption)}</figcaption></figure>"
        f"<h2>{_e(_t(lang, 'Each rate against its target', '各指标：数值与目标'))}</h2>"
        f'<figure class="chart" id="chart-rates">{_rate_chart(card, lang)}'
        f"<figcaption>{_rate_legend(lang)}</figcaption></figure></section>"
    )


def _scoring_note(card: Scorecard, line: Line, lang: str) -> str:
    """What a clerk writes under 评分说明: the gap in whole cases, or what to report."""
    gap = _gap_text(card.catalog, line, lang)
    if gap:
        return _t(lang, "Gap: ", "差距：") + gap
    if line.status == Verdict.MISSING and line.value.missing_fields:
        names = [subject_name(card.catalog, f, lang) for f in line.value.missing_fields]
        return _t(lang, "No data; report: ", "缺数据，请填报：") + _t(lang, ", ", "、").join(names)
    if line.status == Verdict.UNDETERMINED:
        return _t(
            lang,
            "The value is known only as a range across the target; points are a range",
            "数值只知区间且跨越目标，得分为区间",
        )
    return ""


def _items_section(card: Scorecard, lang: str) -> str:
    catalog = card.catalog
    headers = ITEM_HEADERS[lang]
    head = "".join(
        f'<th class="num">{_e(h)}</th>' if number in {0, 5} else f"<th>{_e(h)}</th>"
        for number, h in enumerate(headers)
    )
    body: list[str] = []
    number = 0
    names = {area.id: area.name.get(lang) for area in card.profile.areas}
    for position, result in enumerate(card.areas):
        prefix = (
            f"{AREA_NUMERALS[position]}、"
            if lang == "zh" and position < len(AREA_NUMERALS)
            else f"{position + 1}. "
        )
        points = f"{format_number(result.points)}/{format_number(result.max_points)}"
        area_points = _t(lang, f" ({points})", f"（{points}）")
        body.append(
            f'<tr class="area"><th colspan="{len(headers)}">'
            f"{_e(prefix + names.get(result.id, result.id) + area_points)}</th></tr>"
        )
        for line in card.lines.values():
            if line.area != result.id:
                continue
            number += 1
            status = STATUS_LABELS[line.status][lang == "zh"]
            target = (
                line.target_shown.get(lang)
                if line.target_shown
                else target_display(catalog, line.indicator, line.target, lang)
            )
            shown = line.shown.get(lang) if line.shown else display_value(catalog, line.value, lang)
            name = _e(line.name.get(lang))
            if line.mandatory:
                name += f'<span class="tag mandatory">{_e(_t(lang, "mandatory", "必达项"))}</span>'
            body.append(
                f'<tr class="item {STATUS_CLASSES[line.status]}" '
                f'data-indicator="{_e(line.indicator)}">'
                f'<td class="idx">{number}</td><td>{name}</td>'
                f'<td class="value">{_e(shown)}</td>'
                f'<td class="target">{_e(target)}</td>'
                f'<td><span class="status">{_e(status)}</span></td>'
                f'<td class="num">{_e(_points_text(line))}</td>'
                f'<td class="note">{_e(_scoring_note(card, line, lang))}</td></tr>'
            )
    monitored = _monitored(card, catalog, lang)
    monitored_html = (
        f"<h3>{_e(_t(lang, 'Monitored, not scored', '监测指标（不计分）'))}</h3>"
        f'<ul class="plain monitored">{"".join(f"<li>{_e(m)}</li>" for m in monitored)}</ul>'
        if monitored
        else ""
    )
    return (
        f'<section class="items"><h2>{_e(_t(lang, "Items", "评分项"))}</h2>'
        f'<table class="items"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody>'
        f"</table>{monitored_html}</section>"
    )


def _audit_section(card: Scorecard, lang: str) -> str:
    if not card.audit:
        return ""
    catalog = card.catalog
    rows = []
    for entry in card.audit:
        name = subject_name(catalog, entry.subject, lang)
        status = AUDIT_LABELS.get(entry.status, (entry.status, entry.status))[lang == "zh"]
        css = {"consistent": "met", "inconsistent": "notmet"}.get(entry.status, "undetermined")
        hint = _t(lang, f"; {entry.hint}", f"；{entry.hint_zh}") if entry.hint else ""
        rows.append(
            f'<tr class="{css}"><td>{_e(name)}</td>'
            f'<td><span class="status">{_e(status)}</span></td>'
            f"<td>{_e(_t(lang, entry.detail, entry.detail_zh) + hint)}</td></tr>"
        )
    headers = _t(lang, "Checked|Result|Detail", "核对项|结果|说明").split("|")
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    return (
        f'<section class="audit"><h2>{_e(_t(lang, "Audit of the report", "核对"))}</h2>'
        f'<table class="audit"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'
        "</table></section>"
    )


def _tree_section(card: Scorecard, lang: str) -> str:
    """Points by level of the official indicator tree, per edition the items name."""
    out = []
    headers = _t(lang, "Level|Node|Points", "层级|节点|得分").split("|")
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    for roll in rollups(card):
        rows = "".join(
            "<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in row) + "</tr>"
            for row in level_rows(roll, lang)
        )
        out.append(
            f'<section class="levels"><h2>{_e(_t(lang, "By level", "按指标体系层级"))}</h2>'
            f"<p>{_e(roll.coverage.text(lang))}</p>"
            f'<table class="levels"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody>'
            "</table></section>"
        )
    return "".join(out)


def _link(url: str) -> str:
    """A web address as a link only when it is one (``http``/``https``), else as text."""
    if url.lower().startswith(("http://", "https://")):
        return f'<a href="{_e(url)}" rel="noreferrer noopener">{_e(url)}</a>'
    return _e(url)


def _source_section(card: Scorecard, lang: str) -> str:
    notes = _note_lines(card, lang)
    if not card.source and not notes:
        return ""
    out = [f'<section class="source"><h2>{_e(_t(lang, "Source and notes", "数据来源与备注"))}</h2>']
    if card.source:
        rows = []
        for key, value in card.source.items():
            label = SOURCE_LABELS[key][lang == "zh"] if key in SOURCE_LABELS else key
            shown = _link(value) if key == "url" else _e(value)
            rows.append(f"<dt>{_e(label)}</dt><dd>{shown}</dd>")
        out.append(f'<dl class="source">{"".join(rows)}</dl>')
    if notes:
        out.append(f"<h3>{_e(_t(lang, 'Notes', '备注'))}</h3>")
        out.append(f'<ul class="plain notes">{"".join(f"<li>{_e(n)}</li>" for n in notes)}</ul>')
    out.append("</section>")
    return "".join(out)


def _figures_section(card: Scorecard, lang: str) -> str:
    """Breakdowns, figures with their own period or scope, and figures with no field."""
    sections = figure_sections(card.catalog, card.county_year, lang)
    if not sections:
        return ""
    out = ['<section class="figures">']
    for title, lines in sections:
        out.append(f"<h2>{_e(title)}</h2>")
        out.append(f'<ul class="plain">{"".join(f"<li>{_e(line)}</li>" for line in lines)}</ul>')
    out.append("</section>")
    return "".join(out)


def scorecard_html(card: Scorecard, lang: str = "zh") -> str:
    """The scorecard as one self-contained HTML page (inline CSS and SVG, printable on A4)."""
    profile = card.profile
    title = f"{card.county} {card.year} — {profile.title.get(lang)}"
    year = _t(lang, str(card.year), f"{card.year}年度")
    kicker = _t(lang, "Law-based government scorecard", "法治政府建设评分报告")
    header = (
        f'<header><p class="kicker">{_e(kicker)}</p>'
        f"<h1>{_e(card.county)} · {_e(year)}</h1>"
        f'<p class="subtitle">{_e(profile.title.get(lang))}</p></header>'
    )
    foot = _t(
        lang,
        f"Profile {profile.id} version {profile.version}. Every rate is computed as an exact "
        "fraction; a rate stated without its counts is kept as the interval it stands for.",
        f"评分标准 {profile.id}，版本 {profile.version}。各比率按精确分数计算；"
        "只报比率未报人数（件数）的，按其代表的区间计。",
    )
    body = "\n".join(
        [
            header,
            _verdict_section(card, lang),
            _warnings_section(card, lang),
            _reasons_section(card, lang),
            _charts_section(card, lang),
            _items_section(card, lang),
            _tree_section(card, lang),
            _audit_section(card, lang),
            _source_section(card, lang),
            _figures_section(card, lang),
            f'<p class="foot">{_e(foot)}</p>',
        ]
    )
    return _document(title, lang, body)


# -- panels -----------------------------------------------------------------------------


def _ranking_chart(group: RankGroup, lang: str) -> str:
    """Counties best first: points out of 100, the pass line dashed, colour by verdict."""
    size = FONT
    labels = [f"{entry.rank}. {entry.card.county}" for entry in group.entries]
    label_width = max((int(_text_width(label, size)) for label in labels), default=0)
    left = min(label_width, 260) + 16
    number_width = 110
    span = WIDTH - left - number_width
    parts = []
    for percent in (0, 20, 40, 60, 80, 100):
        tick = left + span * percent // 100
        parts.append(f'<text class="tick" x="{tick}" y="12" text-anchor="middle">{percent}</text>')
    y = 20
    for entry, label in zip(group.entries, labels, strict=True):
        lines = _wrap(label, size, 260)
        row_height = 10 + LINE * len(lines)
        middle = y + row_height // 2
        top = middle - 8
        css = VERDICT_CLASSES[entry.card.verdict.value]
        card = cast("Scorecard", entry.card)  # a page is drawn from scorecards
        pass_x = left + span * min(card.profile.pass_line.value / 100, Fraction(1))
        high = min(entry.score_high, Fraction(100))
        shown = _range_text(entry.score, entry.score_high)
        parts += [
            f'<g class="rank-row" data-county="{_e(entry.card.county)}">',
            f"<title>{_e(label)}: {_e(shown)}</title>",
            _label(lines, 0, middle),
            f'<rect class="track" x="{left}" y="{top}" width="{span}" height="16"/>',
            f'<rect class="f-{css}" x="{left}" y="{top}" width="{_px(span * high / 100)}" '
            'height="16" fill-opacity="0.35"/>',
            f'<rect class="f-{css}" x="{left}" y="{top}" '
            f'width="{_px(span * min(entry.score, Fraction(100)) / 100)}" height="16"/>',
            f'<line class="pass" x1="{_px(pass_x)}" x2="{_px(pass_x)}" y1="{top - 3}" '
            f'y2="{top + 19}"/>',
            f'<text class="num" x="{left + span + 10}" y="{middle + 5}">{_e(shown)}</text>',
            "</g>",
        ]
        y += row_height
    title = _t(lang, "Ranking, points out of 100", "排名（百分制得分）")
    return _svg(WIDTH, y + 6, title, parts, "chart-ranking")


#: The columns of ``render._panel_rows`` that hold numbers (right-aligned), and the verdict.
_PANEL_NUMBERS = {0, 2, 3, 6}


def _ranking_section(group: RankGroup, lang: str) -> str:
    headers = PANEL_HEADERS[lang]
    head = "".join(
        f'<th class="num">{_e(h)}</th>' if column in _PANEL_NUMBERS else f"<th>{_e(h)}</th>"
        for column, h in enumerate(headers)
    )
    rows = []
    for entry, row in zip(group.entries, _panel_rows(group, lang, short=True), strict=True):
        css = VERDICT_CLASSES[entry.card.verdict.value]
        cells = [
            f'<td class="status-cell"><span class="status">{_e(cell)}</span></td>'
            if column == 4
            else f'<td class="num">{_e(cell)}</td>'
            if column in _PANEL_NUMBERS
            else f"<td>{_e(cell)}</td>"
            for column, cell in enumerate(row)
        ]
        rows.append(
            f'<tr class="county {css}" data-county="{_e(entry.card.county)}">{"".join(cells)}</tr>'
        )
    return (
        f'<section class="group"><h2>{_e(_group_heading(group, lang))}</h2>'
        f'<figure class="chart">{_ranking_chart(group, lang)}</figure>'
        f'<table class="ranking"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'
        "</table></section>"
    )


def panel_html(cards: Sequence[Scorecard], lang: str = "zh") -> str:
    """A ranking as one self-contained HTML page: a chart and a table per year and province."""
    titles = list(dict.fromkeys(card.profile.title.get(lang) for card in cards))
    heading = _t(lang, "Law-based government ranking", "法治政府建设评分排名")
    subtitle = _t(lang, "; ", "；").join(titles)
    count = _t(lang, f"{len(cards)} county-years scored", f"共{len(cards)}份县（市、区）年度评分")
    groups = rank(cards)
    nothing = _t(lang, "No county could be scored.", "没有可评分的县（市、区）。")
    sections = [_ranking_section(group, lang) for group in groups] or [
        f'<p class="empty">{_e(nothing)}</p>'
    ]
    legend = _t(
        lang,
        "Bars: points out of 100 of what applies (pale: what undetermined items could add); "
        "red dashes: the pass line. Green: ready; red: not ready; amber: insufficient data; "
        "grey: undetermined.",
        "条长为按适用分值折算的百分制得分（浅色为待定项可能增加的分）；红色虚线为合格线。"
        "绿色：具备申报条件；红色：尚不具备；橙色：数据不足；灰色：无法判定。",
    )
    header = (
        f'<header><p class="kicker">{_e(subtitle)}</p><h1>{_e(heading)}</h1>'
        f'<p class="subtitle">{_e(count)}</p></header><p class="legend">{_e(legend)}</p>'
    )
    foot = _t(
        lang,
        "Counties are ranked by points out of 100 of what applies to them, within each year "
        "and province; equal scores share a rank.",
        "按各县适用分值折算的百分制得分排名，分年度、分省份排名；得分相同者名次相同。",
    )
    body = "\n".join([header, *sections, f'<p class="foot">{_e(foot)}</p>'])
    return _document(f"{heading} — {subtitle}", lang, body)


# -- two years ----------------------------------------------------------------------------

#: CSS class of each move, coloured as the statuses are.
CHANGE_CLASSES = {
    "IMPROVED": "met",
    "DECLINED": "notmet",
    "UNCHANGED": "na",
    "CHANGED": "undetermined",
    "UNDETERMINED": "undetermined",
    "NOT_COMPARABLE": "missing",
}


def comparison_html(comparison: Comparison, lang: str = "zh") -> str:
    """Two years of one county as one self-contained page: what moved, which way."""
    title = _comparison_title(comparison, lang)
    summary = "".join(f"<li>{_e(line)}</li>" for line in _comparison_summary(comparison, lang))
    head = "".join(f"<th>{_e(h)}</th>" for h in COMPARE_HEADERS[lang])
    rows = []
    for change, row in zip(comparison.changes, _comparison_rows(comparison, lang), strict=True):
        css = CHANGE_CLASSES[change.change.value]
        cells = [
            f'<td class="status-cell"><span class="status">{_e(cell)}</span></td>'
            if column == 3
            else f"<td>{_e(cell)}</td>"
            for column, cell in enumerate(row)
        ]
        rows.append(f'<tr class="item {css}">{"".join(cells)}</tr>')
    kicker = _t(lang, "Year over year", "年度对比")
    body = (
        f'<header><p class="kicker">{_e(kicker)}</p><h1>{_e(title)}</h1></header>'
        f"<section><ul>{summary}</ul></section>"
        f'<section><table class="items"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )
    return _document(title, lang, body)
