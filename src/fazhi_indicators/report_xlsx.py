"""Scorecards and panels as Excel workbooks, the form county staff work in.

A scorecard becomes four sheets — 汇总 (summary), 评分项 (one row per scored
item, headed with the words of the score sheets clerks fill in: 一级指标, 分值,
自评分, 评分说明), 核对 (the audit) and 来源与备注 (source and notes); a panel
becomes a ranking sheet and the same sheets with a county column.  Numbers that
people compute with are stored as numbers (points; rates as percent-formatted
numbers) with the exact fraction beside them as text (``401/443``), since a
cell holds only a binary float.  Labels and displayed values come from
:mod:`~fazhi_indicators.render`, so the workbook says what the other reports say.

Text from input files (a county's name, notes, sources) can start like a
formula (``=HYPERLINK(...)``); every text cell is written as text, and one that
starts like a formula is also quote-prefixed, so Excel, WPS and LibreOffice
show it and never evaluate it, even after the cell is edited.

Needs the ``excel`` extra (openpyxl); importing this module does not.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import TYPE_CHECKING

from attrs import frozen

from fazhi_indicators.definitions import DeadlineIndicator, IndicatorDef, Text
from fazhi_indicators.errors import FazhiError, Problem
from fazhi_indicators.exact import Verdict, format_number
from fazhi_indicators.ranking import out_of_100, rank
from fazhi_indicators.render import (
    AUDIT_LABELS,
    BASIS_LABELS,
    CHANGE_LABELS,
    STATUS_LABELS,
    _comparison_rows,
    _comparison_summary,
    _comparison_title,
    _gap_text,
    _names_zh,
    display_value,
    exact_text,
    figure_sections,
    subject_name,
    target_display,
)
from fazhi_indicators.tables import RANKING_HEADERS, VERDICT_LABELS, formula_like, safe_cell_text

try:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties
except ImportError:  # the `excel` extra is not installed; asking for a workbook says so
    HAVE_OPENPYXL = False
else:
    HAVE_OPENPYXL = True

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from fazhi_indicators.audit import AuditEntry
    from fazhi_indicators.compare import Comparison
    from fazhi_indicators.compute import IndicatorValue
    from fazhi_indicators.scoring import Line, Scorecard

__all__ = [
    "SHEET_NAMES",
    "ExcelNotInstalledError",
    "comparison_xlsx",
    "formula_like",
    "panel_xlsx",
    "safe_cell_text",
    "scorecard_xlsx",
]

#: The most characters an Excel cell holds; longer text makes Excel "repair" the file.
_CELL_LIMIT = 32767


class ExcelNotInstalledError(FazhiError):
    """A workbook was asked for, but openpyxl (the ``excel`` extra) is not installed."""

    english = "--format xlsx needs openpyxl: install fazhi-indicators[excel] (or openpyxl)"
    chinese = (
        "输出 Excel（--format xlsx）需要 openpyxl：请安装 fazhi-indicators[excel]（或 openpyxl）"
    )

    def __str__(self) -> str:
        """English then Chinese, as the library's other errors."""
        return f"{self.english} / {self.chinese}"

    def text(self, lang: str = "en") -> str:
        """The message in one language."""
        return self.chinese if lang == "zh" else self.english


def _t(lang: str, en: str, zh: str) -> str:
    return zh if lang == "zh" else en


# --- cells -------------------------------------------------------------------------

#: Fill and font colours by status, as Excel's own Good / Bad / Neutral styles.
_COLOURS = {
    "good": ("C6EFCE", "006100"),
    "bad": ("FFC7CE", "9C0006"),
    "neutral": ("FFEB9C", "9C5700"),
    "none": ("E7E6E6", "3A3838"),
    "aside": ("DDEBF7", "1F4E78"),
}
_STATUS_COLOUR = {
    Verdict.MET: "good",
    Verdict.NOT_MET: "bad",
    Verdict.UNDETERMINED: "neutral",
    Verdict.MISSING: "none",
    Verdict.NOT_APPLICABLE: "aside",
}
_VERDICT_COLOUR = {
    "READY": "good",
    "NOT_READY": "bad",
    "INSUFFICIENT_DATA": "neutral",
    "UNDETERMINED": "neutral",
}
_AUDIT_COLOUR = {"consistent": "good", "inconsistent": "bad", "warning": "neutral"}
_POINTS = "0.00"


@frozen
class _Cell:
    """One cell to write: text, a whole number or an exact number, and how it looks."""

    value: str | int | Fraction | None
    number_format: str = "General"
    #: A key of ``_COLOURS``: the cell is filled in that status colour.
    colour: str | None = None
    #: Long text wraps instead of widening its column past the cap.
    wrap: bool = False


_Row = Sequence["_Cell | str | int | None"]


def _percent_format(places: int) -> str:
    return "0." + "0" * places + "%" if places else "0%"


def _number(value: Fraction) -> int | Decimal:
    """An exact number as a cell holds it: whole, or to the 15 digits Excel keeps."""
    if value.denominator == 1:
        return value.numerator
    with localcontext() as context:
        context.prec = 15
        context.rounding = ROUND_HALF_UP
        return Decimal(value.numerator) / Decimal(value.denominator)


def _clean(text: str) -> str:
    """Text a cell can hold: control characters shown escaped, at most 32767 characters."""
    text = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return text if len(text) <= _CELL_LIMIT else text[: _CELL_LIMIT - 1] + "…"


def _width(text: str) -> int:
    """Columns a text takes: a CJK (wide or full-width) character takes two."""
    longest = 0
    for line in text.splitlines() or [""]:
        longest = max(
            longest, sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
        )
    return longest


def _shown_width(cell: _Cell) -> int:
    value = cell.value
    if value is None:
        return 0
    if isinstance(value, str):
        return _width(value)
    if isinstance(value, Fraction):
        return len(format_number(value)) + 2
    return len(str(value)) + 1


def _put(sheet: Worksheet, row: int, column: int, cell: _Cell) -> None:
    target = sheet.cell(row=row, column=column)
    value = cell.value
    if isinstance(value, str):
        text = _clean(value)
        target.value = text
        # openpyxl takes text starting with "=" for a formula; it is text, and
        # quote-prefixed text stays text when someone edits the cell.
        target.data_type = "s"
        if formula_like(text):
            target.quotePrefix = True
    elif isinstance(value, Fraction):
        target.value = _number(value)
    else:
        target.value = value
    target.number_format = cell.number_format
    target.alignment = Alignment(vertical="top", wrap_text=cell.wrap)
    target.border = _border()
    if cell.colour is not None:
        fill, font = _COLOURS[cell.colour]
        target.fill = PatternFill(fill_type="solid", start_color=fill, end_color=fill)
        target.font = Font(color=font)


def _as_cell(value: _Cell | str | int | None) -> _Cell:
    return value if isinstance(value, _Cell) else _Cell(value)


def _border() -> Border:
    thin = Side(style="thin", color="BFBFBF")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def _table(
    sheet: Worksheet,
    headers: Sequence[str],
    rows: Sequence[_Row],
    *,
    widest: int = 50,
) -> None:
    """A sheet as a table a clerk can filter and print: styled, frozen header row."""
    header_fill = PatternFill(fill_type="solid", start_color="D9E1F2", end_color="D9E1F2")
    for column, header in enumerate(headers, start=1):
        heading = sheet.cell(row=1, column=column, value=header)
        heading.font = Font(bold=True)
        heading.fill = header_fill
        heading.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        heading.border = _border()
    widths = [_width(header) for header in headers]
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = _as_cell(value)
            shown = _shown_width(cell)
            if shown > widest:
                cell = _Cell(cell.value, cell.number_format, cell.colour, wrap=True)
            _put(sheet, number, column, cell)
            widths[column - 1] = max(widths[column - 1], shown)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width, 6), widest) + 2
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


# --- what the sheets say -------------------------------------------------------------


def _summary_rows(card: Scorecard, lang: str) -> list[_Row]:
    """Label, value (a number where one computes with it), exact value, and a note."""
    verdict = card.verdict.value
    grade = card.grade.name.get(lang) if card.grade else _t(lang, "none", "无")

    def points(label: Text, value: Fraction, note: str = "") -> _Row:
        return [label.get(lang), _Cell(value, _POINTS), exact_text(value), note]

    def share(label: Text, value: Fraction) -> _Row:
        return [label.get(lang), _Cell(value, _percent_format(1)), exact_text(value), ""]

    rows: list[_Row] = [
        [_t(lang, "County", "县（市、区）"), card.county, "", ""],
        [_t(lang, "Province", "省份"), card.province or "—", "", ""],
        [_t(lang, "Year", "年度"), card.year, "", ""],
        [
            _t(lang, "Profile", "评分标准"),
            card.profile.title.get(lang),
            card.profile.id,
            _t(lang, "version ", "版本 ") + card.profile.version,
        ],
        [
            _t(lang, "Verdict", "结论"),
            _Cell(VERDICT_LABELS[verdict][lang == "zh"], colour=_VERDICT_COLOUR[verdict]),
            "",
            "",
        ],
        points(
            Text(en="Total (assured)", zh="总分（确定）"),
            card.total,
            _t(lang, "of ", "满分 ") + format_number(card.max_total),
        ),
        points(
            Text(en="Total, best case", zh="总分（待定项按最有利计）"),
            card.total_high,
            _t(lang, "items with no data count 0", "缺数据项按0分计"),
        ),
        points(
            Text(en="Total if items with no data were met", zh="若缺数据项均达标，总分最高可达"),
            card.total_if_missing_met,
        ),
        points(Text(en="Maximum (applicable points)", zh="满分（适用分值）"), card.max_total),
        points(
            Text(en="Score out of 100", zh="得分（百分制）"),
            out_of_100(card.total, card.max_total),
        ),
        points(Text(en="Pass line (of 100)", zh="合格线（百分制）"), card.profile.pass_line.value),
        [_t(lang, "Grade", "等次"), grade, "", ""],
        share(
            Text(en="Data coverage (of applicable points)", zh="数据覆盖（适用分值）"),
            card.coverage,
        ),
        share(Text(en="Applicable share of the profile", zh="适用分值占比"), card.applicable),
        [
            _t(lang, "Thresholds resting on assumptions", "基于假设的阈值"),
            card.assumptions,
            "",
            _t(lang, "items", "项"),
        ],
    ]
    for result in card.areas:
        area = next(a for a in card.profile.areas if a.id == result.id)
        rows.append(
            points(
                Text(en=f"Area: {area.name.en}", zh=f"分项：{area.name.zh}"),
                result.points,
                _t(lang, "of ", "满分 ") + format_number(result.max_points),
            )
        )
    rows += [
        [
            _t(lang, f"Reason {n}", f"理由{n}"),
            _Cell(r.text_zh if lang == "zh" else r.text, wrap=True),
        ]
        for n, r in enumerate(card.reasons, start=1)
    ]
    rows += [
        [_t(lang, "Warning", "提示"), _Cell(w.message_zh if lang == "zh" else w.message, wrap=True)]
        for w in card.warnings
    ]
    for ids in card.monitored.values():
        for indicator in ids:
            value = card.values[indicator]
            name = card.catalog.indicators[indicator].name.get(lang)
            rows.append(
                [
                    _t(lang, f"Monitored, not scored: {name}", f"监测指标（不计分）：{name}"),
                    *_value_cells(card, value, lang),
                ]
            )
    return rows


def _value_cells(card: Scorecard, value: IndicatorValue, lang: str) -> list[_Cell | str]:
    """The value as a number Excel computes with, its exact text, and how it reads."""
    shown = display_value(card.catalog, value, lang)
    indicator = card.catalog.indicators.get(value.indicator)
    if isinstance(value.value, bool):
        return [shown, "", shown]
    if isinstance(indicator, DeadlineIndicator):
        return ["", "", shown]
    if isinstance(value.value, Fraction):
        if value.numerator is not None and value.denominator is not None:
            exact = f"{value.numerator}/{value.denominator}"
        else:
            exact = f"{value.value.numerator}/{value.value.denominator}"
        places = indicator.precision if indicator is not None else 1
        return [_Cell(value.value, _percent_format(places)), exact, shown]
    interval = "" if value.interval is None else str(value.interval)
    if value.stated is not None and value.source == "stated":
        return [_Cell(value.stated.value, _percent_format(value.stated.places)), interval, shown]
    return ["", interval, shown]


ITEM_HEADERS = {
    "zh": (
        "序号",
        "一级指标",
        "指标",
        "指标编号",
        "数值",
        "精确值",
        "显示值",
        "目标",
        "状态",
        "自评分",
        "自评分上限",
        "分值",
        "得分精确值",
        "差距（按整件计）",
        "必达项",
        "阈值依据",
        "评分说明",
        "备注",
    ),
    "en": (
        "No.",
        "Area",
        "Indicator",
        "Indicator id",
        "Value",
        "Exact value",
        "As shown",
        "Target",
        "Status",
        "Points",
        "Points, best case",
        "Max points",
        "Exact points",
        "Gap (whole cases)",
        "Mandatory",
        "Basis of the threshold",
        "Scoring note",
        "Notes",
    ),
}


def _fields_of(indicator: IndicatorDef) -> tuple[str, ...]:
    if isinstance(indicator, DeadlineIndicator):
        return (indicator.date_field,)
    terms = (*indicator.numerator.terms, *indicator.denominator.terms)
    return tuple(dict.fromkeys(field for _, field in terms))


def _item_notes(card: Scorecard, line: Line, lang: str) -> str:
    """The county file's notes on the item or the figures it is computed from."""
    catalog = card.catalog
    notes = []
    if line.indicator in card.notes:
        notes.append(card.notes[line.indicator])
    indicator = catalog.indicators.get(line.indicator)
    for field in _fields_of(indicator) if indicator is not None else ():
        if field in card.notes:
            name = catalog.fields[field].name.get(lang)
            notes.append(f"{name}{_t(lang, ': ', '：')}{card.notes[field]}")
    return _t(lang, "; ", "；").join(notes)


def _scoring_note(card: Scorecard, line: Line, lang: str) -> str:
    """Why the item has the points it has, where the other columns do not say."""
    if line.status == Verdict.MISSING:
        missing = line.value.missing_fields
        if lang == "zh":
            return "缺少数据；请填报" + _names_zh(card.catalog, missing)
        return "no data; report " + ", ".join(card.catalog.fields[f].name.en for f in missing)
    if line.status == Verdict.UNDETERMINED:
        low, high = format_number(line.points), format_number(line.points_high)
        return _t(
            lang,
            f"cannot be decided from what is reported: between {low} and {high} points",
            f"按现有数据无法判定：得分介于{low}与{high}分之间",
        )
    if line.status == Verdict.NOT_APPLICABLE:
        if line.max_points:
            return _t(lang, "denominator 0: full points given", "分母为0：按满分计")
        return _t(lang, "denominator 0: left out of the maximum", "分母为0：不计入满分")
    return ""


def _item_rows(card: Scorecard, lang: str) -> list[_Row]:
    catalog = card.catalog
    area_names = {area.id: area.name.get(lang) for area in card.profile.areas}
    items = {item.id: item for area in card.profile.areas for item in area.items}
    rows: list[_Row] = []
    for number, line in enumerate(card.lines.values(), start=1):
        colour = _STATUS_COLOUR[line.status]
        points = exact_text(line.points)
        if line.points_high != line.points:
            points += f"–{exact_text(line.points_high)}"
        source = items[line.indicator].source
        basis = BASIS_LABELS[source.basis][lang == "zh"]
        if source.title:
            basis += _t(lang, f" ({source.title})", f"（{source.title}）")
        rows.append(
            [
                number,
                area_names[line.area],
                line.name.get(lang),
                line.indicator,
                *_value_cells(card, line.value, lang),
                target_display(catalog, line.indicator, line.target, lang),
                _Cell(STATUS_LABELS[line.status][lang == "zh"], colour=colour),
                _Cell(line.points, _POINTS, colour),
                _Cell(line.points_high, _POINTS),
                _Cell(line.max_points, _POINTS),
                points,
                _gap_text(catalog, line, lang),
                _t(lang, "yes", "是") if line.mandatory else _t(lang, "no", "否"),
                basis,
                _scoring_note(card, line, lang),
                _item_notes(card, line, lang),
            ]
        )
    return rows


AUDIT_HEADERS = {
    "zh": ("序号", "核对对象", "编号", "结果", "说明"),
    "en": ("No.", "Checked", "Id", "Result", "Detail"),
}


def _hint(entry: AuditEntry, lang: str) -> str:
    """What would fit a disagreeing rate, after its detail; nothing when there is none."""
    if not entry.hint:
        return ""
    return _t(lang, f"; {entry.hint}", f"；{entry.hint_zh}")


def _audit_rows(card: Scorecard, entries: Sequence[AuditEntry], lang: str) -> list[_Row]:
    rows: list[_Row] = []
    for number, entry in enumerate(entries, start=1):
        label = AUDIT_LABELS[entry.status][lang == "zh"]
        rows.append(
            [
                number,
                subject_name(card.catalog, entry.subject, lang),
                entry.subject,
                _Cell(label, colour=_AUDIT_COLOUR[entry.status]),
                _Cell(_t(lang, entry.detail, entry.detail_zh) + _hint(entry, lang), wrap=True),
            ]
        )
    return rows


SOURCE_HEADERS = {
    "zh": ("类别", "项目", "编号", "内容"),
    "en": ("Kind", "About", "Key", "Text"),
}
_SOURCE_KEYS = {
    "title": ("Title", "标题"),
    "publisher": ("Publisher", "发布单位"),
    "date": ("Date", "日期"),
    "url": ("Web address", "网址"),
}


def _source_rows(card: Scorecard, lang: str) -> list[_Row]:
    kind = _t(lang, "Source", "数据来源")
    rows: list[_Row] = [
        [kind, _SOURCE_KEYS[key][lang == "zh"] if key in _SOURCE_KEYS else key, key, text]
        for key, text in card.source.items()
    ]
    note = _t(lang, "Note", "备注")
    rows += [
        [note, subject_name(card.catalog, about, lang), about, _Cell(text, wrap=True)]
        for about, text in card.notes.items()
    ]
    rows += [
        [title, "", "", _Cell(line, wrap=True)]
        for title, lines in figure_sections(card.catalog, card.county_year, lang)
        for line in lines
    ]
    rows.append(
        [
            _t(lang, "Profile", "评分标准"),
            card.profile.title.get(lang),
            card.profile.id,
            _t(lang, "version ", "版本 ") + card.profile.version,
        ]
    )
    return rows


SUMMARY_HEADERS = {
    "zh": ("项目", "内容", "精确值", "说明"),
    "en": ("Item", "Value", "Exact value", "Note"),
}
SHEET_NAMES = {
    "zh": {
        "summary": "汇总",
        "items": "评分项",
        "audit": "核对",
        "sources": "来源与备注",
        "ranking": "排名",
        "problems": "问题",
    },
    "en": {
        "summary": "Summary",
        "items": "Items",
        "audit": "Audit",
        "sources": "Sources and notes",
        "ranking": "Ranking",
        "problems": "Problems",
    },
}


# --- workbooks -----------------------------------------------------------------------


def _workbook(title: str) -> Workbook:
    if not HAVE_OPENPYXL:
        raise ExcelNotInstalledError
    book = Workbook()
    book.properties.title = _clean(title)
    book.properties.creator = "fazhi-indicators"
    for empty in book.worksheets:
        book.remove(empty)
    return book


def _bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _language(lang: str) -> str:
    return "zh" if lang == "zh" else "en"


def scorecard_xlsx(card: Scorecard, lang: str = "zh") -> bytes:
    """The scorecard as an ``.xlsx`` workbook: summary, items, audit, sources and notes.

    Raises:
        ExcelNotInstalledError: openpyxl (the ``excel`` extra) is not installed.
    """
    lang = _language(lang)
    names = SHEET_NAMES[lang]
    book = _workbook(f"{card.county} {card.year} — {card.profile.title.get(lang)}")
    _table(
        book.create_sheet(names["summary"]),
        SUMMARY_HEADERS[lang],
        _summary_rows(card, lang),
        widest=80,
    )
    _table(book.create_sheet(names["items"]), ITEM_HEADERS[lang], _item_rows(card, lang))
    _table(
        book.create_sheet(names["audit"]),
        AUDIT_HEADERS[lang],
        _audit_rows(card, card.audit, lang),
        widest=80,
    )
    _table(
        book.create_sheet(names["sources"]),
        SOURCE_HEADERS[lang],
        _source_rows(card, lang),
        widest=80,
    )
    return _bytes(book)


def _ranking_rows(cards: Sequence[Scorecard], lang: str) -> list[_Row]:
    rows: list[_Row] = []
    for group in rank(cards):
        for entry in group.entries:
            card = entry.card
            verdict = card.verdict.value
            rows.append(
                [
                    group.year,
                    group.province or _t(lang, "(not given)", "（未填）"),
                    entry.rank,
                    card.county,
                    _Cell(entry.score, _POINTS),
                    _Cell(entry.score_high, _POINTS),
                    exact_text(entry.score),
                    _Cell(card.total, _POINTS),
                    _Cell(card.max_total, _POINTS),
                    _Cell(VERDICT_LABELS[verdict][lang == "zh"], colour=_VERDICT_COLOUR[verdict]),
                    card.grade.name.get(lang) if card.grade else "—",
                    _Cell(card.coverage, _percent_format(1)),
                ]
            )
    return rows


PROBLEM_HEADERS = {
    "zh": ("文件", "行", "列", "位置", "代码", "类别", "说明"),
    "en": ("File", "Line", "Column", "Where", "Code", "Severity", "Message"),
}


def _problem_rows(problems: Sequence[Problem], lang: str) -> list[_Row]:
    severity = {"error": _t(lang, "error", "错误"), "warning": _t(lang, "warning", "提示")}
    return [
        [
            p.file or "",
            p.line,
            p.column,
            p.path or "",
            p.code,
            severity[p.severity],
            _Cell(p.message_zh if lang == "zh" else p.message, wrap=True),
        ]
        for p in problems
    ]


def _county_columns(lang: str) -> tuple[str, ...]:
    return (
        _t(lang, "County", "县（市、区）"),
        _t(lang, "Year", "年度"),
        _t(lang, "Province", "省份"),
    )


def _per_county(
    cards: Sequence[Scorecard], rows_of: Callable[[Scorecard, str], list[_Row]], lang: str
) -> list[_Row]:
    """Each card's rows of one sheet, after the county, year and province they are of."""
    return [
        [card.county, card.year, card.province or "", *row]
        for card in cards
        for row in rows_of(card, lang)
    ]


def _card_audit_rows(card: Scorecard, lang: str) -> list[_Row]:
    return _audit_rows(card, card.audit, lang)


def panel_xlsx(
    cards: Sequence[Scorecard],
    lang: str = "zh",
    *,
    problems: Sequence[Problem] = (),
) -> bytes:
    """Many scorecards as one workbook: the ranking, then every item, audit and note.

    The ranking sheet ranks by points out of 100 within each year and province
    (:func:`~fazhi_indicators.ranking.rank`); the other sheets have one row per
    county and item (or audit entry, or note), in input order.  ``problems``
    (rows that could not be scored) get a sheet of their own.

    Raises:
        ExcelNotInstalledError: openpyxl (the ``excel`` extra) is not installed.
    """
    lang = _language(lang)
    names = SHEET_NAMES[lang]
    book = _workbook(_t(lang, "Ranking", "排名"))
    _table(book.create_sheet(names["ranking"]), RANKING_HEADERS[lang], _ranking_rows(cards, lang))
    county = _county_columns(lang)
    _table(
        book.create_sheet(names["items"]),
        (*county, *ITEM_HEADERS[lang]),
        _per_county(cards, _item_rows, lang),
    )
    _table(
        book.create_sheet(names["audit"]),
        (*county, *AUDIT_HEADERS[lang]),
        _per_county(cards, _card_audit_rows, lang),
        widest=80,
    )
    _table(
        book.create_sheet(names["sources"]),
        (*county, *SOURCE_HEADERS[lang]),
        _per_county(cards, _source_rows, lang),
        widest=80,
    )
    if problems:
        _table(
            book.create_sheet(names["problems"]),
            PROBLEM_HEADERS[lang],
            _problem_rows(problems, lang),
            widest=80,
        )
    return _bytes(book)


# --- two years ---------------------------------------------------------------------

COMPARISON_HEADERS = {
    "zh": ("指标", "指标编号", "上期", "本期", "变化", "差值", "上期得分", "本期得分"),
    "en": (
        "Indicator",
        "Indicator id",
        "Before",
        "After",
        "Change",
        "Difference",
        "Points before",
        "Points after",
    ),
}
_CHANGE_COLOUR = {
    "IMPROVED": "good",
    "DECLINED": "bad",
    "UNCHANGED": "aside",
    "CHANGED": "neutral",
    "UNDETERMINED": "neutral",
    "NOT_COMPARABLE": "none",
}


def _comparison_sheet_rows(comparison: Comparison, lang: str) -> list[_Row]:
    rows: list[_Row] = []
    shown = _comparison_rows(comparison, lang)
    for change, row in zip(comparison.changes, shown, strict=True):
        move = change.change.value
        rows.append(
            [
                row[0],
                change.indicator,
                row[1],
                row[2],
                _Cell(CHANGE_LABELS[move][lang == "zh"], colour=_CHANGE_COLOUR[move]),
                "" if change.delta is None else _Cell(change.delta, _percent_format(2)),
                "" if change.points_before is None else _Cell(change.points_before, _POINTS),
                "" if change.points_after is None else _Cell(change.points_after, _POINTS),
            ]
        )
    return rows


def comparison_xlsx(comparison: Comparison, lang: str = "zh") -> bytes:
    """Two years side by side as a workbook: a summary and one row per indicator.

    Raises:
        ExcelNotInstalledError: openpyxl (the ``excel`` extra) is not installed.
    """
    lang = _language(lang)
    book = _workbook(_comparison_title(comparison, lang))
    summary = [[line] for line in [_comparison_title(comparison, lang)]]
    summary += [[line] for line in _comparison_summary(comparison, lang)]
    _table(
        book.create_sheet(_t(lang, "Summary", "汇总")),
        [_t(lang, "Year over year", "年度对比")],
        summary,
        widest=100,
    )
    _table(
        book.create_sheet(_t(lang, "Indicators", "逐项对比")),
        COMPARISON_HEADERS[lang],
        _comparison_sheet_rows(comparison, lang),
    )
    return _bytes(book)
