"""Private: write the fill-in workbook (``fazhi template``) a clerk fills and the loader reads.

The workbook mirrors the forms county staff fill today: a block of basic
information, then one sheet per domain with a row per field (its Chinese name,
unit and what it means), yellow cells to fill with data validation, a column
for 约/近/余/多, one for evidence (document title, 文号 or URL) and one for
notes; below the fields, the rates a report prints.  The fields the chosen
profile scores come first and are marked 计分.  Every row carries its id in a
hidden column, so that :mod:`~fazhi_indicators._load.workbook` reads it back
whatever the sheet shows; labels are locked (no password), inputs are not.

openpyxl (the ``excel`` extra) is imported only when a workbook is written.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal, cast

from attrs import frozen

from fazhi_indicators._load.workbook import (
    COL_CHANGES,
    COL_EVIDENCE,
    COL_HEDGE,
    COL_ID,
    COL_NAME,
    COL_NOTES,
    COL_PREVIOUS,
    COL_VALUE,
    FIRST_ROW,
    INFO_KEYS,
    INFO_VALUE,
    MARK,
    OTHER_COLUMNS,
    column_letter,
)
from fazhi_indicators.definitions import (
    Catalog,
    DeadlineIndicator,
    Expression,
    FieldDef,
    Item,
    Profile,
    RateIndicator,
)
from fazhi_indicators.errors import FazhiError
from fazhi_indicators.exact import APPROX_QUALIFIERS, format_number

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["ExcelMissingError", "template_workbook"]

#: The kinds of data validation the template uses, and their comparisons.
_Check = Literal["whole", "list", "date", "textLength"]
_Operator = Literal["between", "greaterThanOrEqual", "lessThanOrEqual"]

#: Rows the other-figures sheet offers before the clerk inserts more.
_OTHER_ROWS = 40
#: Excel counts days from 1899-12-30; dates between these are accepted in a date cell.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_FIRST_DATE, _LAST_DATE = dt.date(2000, 1, 1), dt.date(2100, 12, 31)

_INPUT_FILL, _LABEL_FILL, _HEAD_FILL, _SECTION_FILL = "FFF2CC", "F2F2F2", "D9E1F2", "E2EFDA"


class ExcelMissingError(FazhiError):
    """The template was asked for, but openpyxl (the ``excel`` extra) is not installed."""

    english = "writing the template needs openpyxl: install fazhi-indicators[excel]"
    chinese = "生成填报模板需要 openpyxl：请安装 fazhi-indicators[excel]"

    def __str__(self) -> str:
        """English then Chinese, as the library's other errors."""
        return f"{self.english} / {self.chinese}"

    def text(self, lang: str = "en") -> str:
        """The message in one language."""
        return self.chinese if lang == "zh" else self.english


@frozen(kw_only=True)
class _Words:
    """Every label of the workbook in one language."""

    readme: str
    info: str
    other: str
    lists: str
    title: str
    headers: tuple[str, ...]
    rate_headers: tuple[str, ...]
    info_headers: tuple[str, ...]
    other_headers: tuple[str, ...]
    info_rows: dict[str, tuple[str, str]]
    scored: str
    veto: str
    monitored: str
    yes_no: tuple[str, str]
    sep: str


_ZH = _Words(
    readme="填报说明",
    info="基本信息",
    other="其他数据",
    lists="名称列表",
    title="法治政府建设年度数据填报表",
    headers=(
        "编号",
        "序号",
        "计分",
        "数据项",
        "单位",
        "说明",
        "填报值",
        "约/近/余/多",
        "佐证材料（文件标题、文号或网址）",
        "备注",
        "上年数值（报告所列）",
        "报告所列变化（如 同比增长12.5%）",
    ),
    rate_headers=(
        "编号",
        "序号",
        "计分",
        "指标",
        "单位",
        "计算方法与评分目标",
        "报告所列比率",
        "约/近/余/多",
        "佐证材料（文件标题、文号或网址）",
        "备注",
        "上年比率（报告所列）",
        "报告所列变化（如 下降3.2个百分点）",
    ),
    info_headers=("编号", "项目", "填报内容", "说明"),
    other_headers=(
        "编号",
        "序号",
        "涉及的数据项",
        "名称",
        "数值",
        "单位",
        "原文摘录",
        "佐证材料（文件标题、文号或网址）",
        "备注",
    ),
    info_rows={
        "county": ("县（市、区）*", "必填，如：沈丘县"),
        "year": ("年度 *", "必填，数据所属年度，如：2023"),
        "division_code": ("行政区划代码", "6位代码（GB/T 2260），如：411624"),
        "province": ("省（自治区、直辖市）", "如：河南"),
        "prefecture": ("市（州、盟）", "如：周口市"),
        "source.title": (
            "数据来源：报告或材料标题",
            "如：沈丘县司法局关于2023年度法治政府建设情况的报告",
        ),
        "source.publisher": ("发布单位", "如：沈丘县司法局"),
        "source.date": ("发布日期", "如：2024-03-28"),
        "source.url": ("网址", "报告公开的网址"),
    },
    scored="计分",
    veto="否决",
    monitored="监测",
    yes_no=("是", "否"),
    sep="；",
)

_EN = _Words(
    readme="Instructions",
    info="Basic information",
    other="Other figures",
    lists="Names",
    title="Law-based government: yearly figures",
    headers=(
        "Id",
        "No.",
        "Scored",
        "Field",
        "Unit",
        "Definition",
        "Value",
        "约/近/余/多",
        "Evidence (document title, number or URL)",
        "Notes",
        "Last year (as the report prints it)",
        "Changes as printed (同比增长12.5%)",
    ),
    rate_headers=(
        "Id",
        "No.",
        "Scored",
        "Indicator",
        "Unit",
        "Formula and target",
        "Rate as printed",
        "约/近/余/多",
        "Evidence (document title, number or URL)",
        "Notes",
        "Last year's rate (as printed)",
        "Changes as printed (下降3.2个百分点)",
    ),
    info_headers=("Id", "Item", "Value", "Notes"),
    other_headers=(
        "Id",
        "No.",
        "About (field or indicator)",
        "Label",
        "Value",
        "Unit",
        "Quote from the report",
        "Evidence (document title, number or URL)",
        "Notes",
    ),
    info_rows={
        "county": ("County *", "required, e.g. 沈丘县"),
        "year": ("Year *", "required: the year the figures are about, e.g. 2023"),
        "division_code": ("Division code", "6 digits (GB/T 2260), e.g. 411624"),
        "province": ("Province", "e.g. 河南"),
        "prefecture": ("Prefecture", "e.g. 周口市"),
        "source.title": ("Source: report title", "the report or document the figures come from"),
        "source.publisher": ("Publisher", "e.g. 沈丘县司法局"),
        "source.date": ("Published on", "e.g. 2024-03-28"),
        "source.url": ("URL", "where the report is published"),
    },
    scored="scored",
    veto="veto",
    monitored="shown",
    yes_no=("yes", "no"),
    sep="; ",
)


def _instructions(lang: str, profile: Profile, sheet: str) -> list[str]:
    """What to fill and how, numbered; ``sheet`` is a domain sheet to give as an example."""
    title = profile.title.get(lang)
    if lang == "zh":
        return [
            f"评分标准：{title}（{profile.id}，版本 {profile.version}）",
            "",
            "1. 先在“基本信息”表填写县（市、区）名称和年度（必填），"
            "以及行政区划代码、省、市和数据来源。",
            f"2. 每个领域一张工作表（如“{sheet}”）。只在黄色单元格中填写；其余是说明，已锁定"
            "（如确需修改：审阅 → 撤销工作表保护）。请勿插入或删除列。",
            "3. 填报值：人数、件数等填整数。确实为零的填 0；"
            "不知道的留空——留空表示缺数据，不会按 0 计算。"
            "是否类填“是”或“否”；日期填 2024-03-28 这样的格式。",
            "4. 报告写的是约数（如“1000余件”“近70人”）：填报值填 1000，在“约/近/余/多”列选“余”。",
            "5. 报告直接写出比率（如“通过率为90.5%”）：填在该表下方“报告所列比率”部分对应指标一行，"
            "照原文写（如 90.5%，保留原文的小数位数）。没有写出的不填，比率由上面的数据计算；"
            "两者都有时会相互核对。",
            "6. “计分”列标“计分”的是所选评分标准要用到的数据，请优先填写；"
            "标“否决”的是一票否决事项；标“监测”的比率只展示、不计分。",
            "7. 佐证材料：填写文件标题、文号（如 沈政办〔2023〕12号）或网址；备注：需要说明的情况。"
            "两者都原样保存在该项的备注中（佐证材料以“佐证：”开头）。",
            "8. 报告写出上年同期数的（如“较上年558件增加555件”），把上年数填在“上年数值”列，"
            "约数照原文写（如 400余），比率照原文写（如 94.0%）；报告写出的变化照原文填在"
            "“报告所列变化”列（如 增加555件；同比增长99.5%，多条用“；”隔开），将与两年数字核对。",
            "9. 报告中没有对应数据项的数字（如“法律咨询1200余件”），填在“其他数据”表：名称和数值"
            "必填，数值照原文写（如 1200余件、约24%、1.98），可注明涉及的数据项。",
            "10. 填好后保存为 .xlsx 文件，交给评分程序检查和评分。"
            f"发现错误时会指出所在的工作表和单元格（如“{sheet}”表第12行第7列），"
            "改正后重新检查即可。",
        ]
    return [
        f"Profile: {title} ({profile.id}, version {profile.version})",
        "",
        "1. On the Basic information sheet, fill in the county and the year (required),"
        " and the division code, province, prefecture and source.",
        f"2. Each domain has its own sheet (e.g. {sheet}). Fill in the yellow cells only;"
        " the rest are labels and locked (Review → Unprotect Sheet if you must change them)."
        " Do not insert or delete columns.",
        "3. Value: counts are whole numbers. Write 0 for a real zero; leave a cell empty when"
        " the figure is not known — empty means missing, never 0. Yes/no items take yes or no;"
        " dates are written 2024-03-28.",
        "4. A figure the report hedges (1000余件, 近70人): write 1000 as the value and choose"
        " 余 in the 约/近/余/多 column.",
        "5. A rate the report prints (通过率为90.5%): write it as printed, e.g. 90.5%, in the"
        " indicator's row under the rates as printed, below the fields. Leave it empty when"
        " the report prints none: rates are computed from the figures, and checked against"
        " the printed rate when both are given.",
        "6. Rows marked scored are what the chosen profile scores: fill them first; veto marks"
        " a disqualifying event; shown marks a rate shown but not scored.",
        "7. Evidence: the document's title, number (文号, e.g. 沈政办〔2023〕12号) or URL; Notes:"
        " anything that needs saying. Both are kept in the item's notes (evidence after 佐证：).",
        "8. Last year's figure, when the report prints it (较上年558件增加555件): write it in"
        " the last-year column, hedged as printed (400余), a rate as printed (94.0%); the"
        " changes it prints go in the changes column as printed (增加555件；同比增长99.5%,"
        " separated by ；), to be checked against both years' figures.",
        "9. Figures the report gives that no field holds go on the Other figures sheet:"
        " a label and the value as printed (1200余件, 约24%, 1.98) are required, and the"
        " field or indicator it is about may be chosen.",
        "10. Save as .xlsx; check it with fazhi check FILE.xlsx and score it with"
        f" fazhi score FILE.xlsx. A problem names its sheet and cell (e.g. {sheet}!G12).",
    ]


def _target_text(item: Item, lang: str) -> str:
    """A target as a clerk writes it: ≥95%, ≤15%, 100%."""
    text = str(item.target).strip()
    for written, shown in ((">=", "≥"), ("<=", "≤"), ("==", ""), (">", ">"), ("<", "<")):
        if text.startswith(written):
            text = shown + text.removeprefix(written).strip()
            break
    points = format_number(item.points)
    return f"评分目标 {text}（{points}分）" if lang == "zh" else f"target {text} ({points} points)"


def _label(catalog: Catalog, some_id: str, lang: str) -> str:
    known = catalog.fields.get(some_id) or catalog.indicators.get(some_id)
    if known is None:
        return some_id
    return known.name.get(lang)


def _expression(catalog: Catalog, expression: Expression, lang: str) -> str:
    text = ""
    for sign, name in expression.terms:
        if text:
            text += " + " if sign > 0 else " − "
        elif sign < 0:
            text = "−"
        text += _label(catalog, name, lang)
    return f"({text})" if len(expression.terms) > 1 else text


@frozen(kw_only=True)
class _Row:
    """One item's row: what it is, how it is marked, what it means, how it is filled."""

    id: str
    mark: str
    name: str
    unit: str
    definition: str
    #: ``count``, ``boolean``, ``date`` or ``rate``.
    kind: str


class _Plan:
    """What the workbook holds for a catalogue and profile, before anything is drawn."""

    def __init__(self, catalog: Catalog, profile: Profile, lang: str) -> None:
        self.catalog, self.profile, self.lang = catalog, profile, lang
        self.words = _ZH if lang == "zh" else _EN
        self.items = {item.indicator: item for item in profile.items}
        monitored = [i for area in profile.areas for i in area.monitor]
        self.monitored = set(monitored)
        scored: dict[str, None] = {}
        for item in profile.items:
            indicator = catalog.indicators.get(item.indicator)
            if indicator is not None:
                scored.update(dict.fromkeys(indicator.fields))
        self.scored_fields = list(scored)
        self.veto_fields = [veto.field for veto in profile.vetoes]
        order = [i.split(".", 1)[0] for i in [*self.items, *self.veto_fields, *monitored]]
        self.domains = list(dict.fromkeys([*order, *catalog.domains]))

    def name(self, zh: str, en: str) -> str:
        """A name in the template's language; English keeps the Chinese beside it."""
        return zh if self.lang == "zh" else f"{en} ({zh})"

    def field_rows(self, domain: str) -> list[_Row]:
        fields = [f for f in self.catalog.fields.values() if f.domain == domain]
        wanted = {*self.scored_fields, *self.veto_fields}
        ordered = [f for f in fields if f.id in wanted] + [f for f in fields if f.id not in wanted]
        return [self._field_row(field) for field in ordered]

    def _field_row(self, field: FieldDef) -> _Row:
        words, lang = self.words, self.lang
        mark = ""
        if field.id in self.veto_fields:
            mark = words.veto
        elif field.id in self.scored_fields:
            mark = words.scored
        if field.type == "count":
            unit = field.unit.get(lang) if field.unit is not None else ""
        elif field.type == "boolean":
            unit = "/".join(words.yes_no)
        else:
            unit = "日期" if lang == "zh" else "date"
        return _Row(
            id=field.id,
            mark=mark,
            name=self.name(field.name.zh, field.name.en),
            unit=unit,
            definition=words.sep.join(self._field_notes(field)),
            kind=field.type,
        )

    def _field_notes(self, field: FieldDef) -> Iterable[str]:
        """What a clerk needs to know to fill a field, in a line."""
        zh, catalog = self.lang == "zh", self.catalog
        if field.description:
            yield field.description.get(self.lang)
        if field.parts:
            parts = ("、" if zh else ", ").join(_label(catalog, p, self.lang) for p in field.parts)
            whole = "（分项之和应等于本项）" if field.complete else ""
            yield f"分项：{parts}{whole}" if zh else f"parts: {parts}"
        if field.subset_of:
            whole = _label(catalog, field.subset_of, self.lang)
            yield f"是“{whole}”中的一部分" if zh else f"a part of {whole}"
        if field.type == "boolean":
            yield (
                "本年度是否发生，填“是”或“否”"
                if zh
                else "whether it happened in the year: yes or no"
            )
        for indicator in catalog.indicators.values():
            if isinstance(indicator, DeadlineIndicator) and indicator.date_field == field.id:
                month, day = indicator.deadline
                yield (
                    f"次年{month}月{day}日前（含）公开为按时"
                    if zh
                    else f"on time if on or before {month:02d}-{day:02d} of the next year"
                )
        used = [
            _label(catalog, i.id, self.lang)
            for i in catalog.indicators.values()
            if isinstance(i, RateIndicator) and field.id in i.fields
        ]
        if used:
            yield ("用于计算：" + "、".join(used)) if zh else "used in: " + ", ".join(used)

    def rate_rows(self, domain: str) -> list[_Row]:
        rates = [
            i
            for i in self.catalog.indicators.values()
            if isinstance(i, RateIndicator) and i.domain == domain
        ]
        rates.sort(key=lambda i: (i.id not in self.items, i.id not in self.monitored))
        rows = []
        for indicator in rates:
            words = self.words
            mark = ""
            if indicator.id in self.items:
                mark = words.scored
            elif indicator.id in self.monitored:
                mark = words.monitored
            formula = (
                f"{_expression(self.catalog, indicator.numerator, self.lang)} ÷ "
                f"{_expression(self.catalog, indicator.denominator, self.lang)}"
            )
            notes = [formula]
            if indicator.kind == "clearance":
                notes.append("可超过100%" if self.lang == "zh" else "may exceed 100%")
            if indicator.kind == "ratio":
                notes.append("按“1.04:1”填写" if self.lang == "zh" else "written as 1.04:1")
            if indicator.id in self.items:
                notes.append(_target_text(self.items[indicator.id], self.lang))
            rows.append(
                _Row(
                    id=indicator.id,
                    mark=mark,
                    name=self.name(indicator.name.zh, indicator.name.en),
                    unit=":1" if indicator.kind == "ratio" else "%",
                    definition=words.sep.join(notes),
                    kind="rate",
                )
            )
        return rows


def _sheet_name(wanted: str, taken: set[str]) -> str:
    """A name Excel accepts (none of ``[]:*?/`` or backslash, 31 characters), unique in the book."""
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in wanted).strip("'") or "Sheet"
    name, n = clean[:31], 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        name, n = clean[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


class _Writer:
    """Draws the plan with openpyxl: styles, validation, protection."""

    def __init__(self, plan: _Plan) -> None:
        try:
            from openpyxl import Workbook  # noqa: PLC0415 - optional dependency
            from openpyxl.styles import (  # noqa: PLC0415
                Alignment,
                Border,
                Font,
                PatternFill,
                Protection,
                Side,
            )
            from openpyxl.worksheet.datavalidation import (  # noqa: PLC0415
                DataValidation,
            )
        except ImportError:
            raise ExcelMissingError from None
        self.plan = plan
        self.words = plan.words
        self.book: Workbook = Workbook()
        for empty in self.book.worksheets:
            self.book.remove(empty)
        self.taken: set[str] = set()
        self.validation = DataValidation
        thin = Side(style="thin", color="BFBFBF")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.fill = {
            name: PatternFill("solid", fgColor=colour)
            for name, colour in (
                ("input", _INPUT_FILL),
                ("label", _LABEL_FILL),
                ("head", _HEAD_FILL),
                ("section", _SECTION_FILL),
            )
        }
        self.bold, self.title_font = Font(bold=True), Font(bold=True, size=14)
        self.grey = Font(color="808080")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.centre = Alignment(horizontal="center", vertical="top", wrap_text=True)
        self.unlocked = Protection(locked=False)

    # --- cells ----------------------------------------------------------------------

    def put(self, sheet: Worksheet, row: int, column: int, value: str | int) -> Cell:
        """Write a value; text that looks like a formula stays text."""
        cell = cast("Cell", sheet.cell(row=row, column=column))
        cell.value = value
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"
        cell.alignment = self.wrap
        return cell

    def label(self, sheet: Worksheet, row: int, column: int, value: str | int) -> Cell:
        cell = self.put(sheet, row, column, value)
        cell.fill = self.fill["label"]
        cell.border = self.border
        return cell

    def input(self, sheet: Worksheet, row: int, column: int, number_format: str) -> Cell:
        cell = cast("Cell", sheet.cell(row=row, column=column))
        cell.fill = self.fill["input"]
        cell.border = self.border
        cell.protection = self.unlocked
        cell.number_format = number_format
        cell.alignment = self.wrap
        return cell

    def header(self, sheet: Worksheet, row: int, texts: Sequence[str], *, marker: str) -> None:
        for column, text in enumerate(texts, start=1):
            cell = self.put(sheet, row, column, text)
            cell.font, cell.fill, cell.border = self.bold, self.fill["head"], self.border
            cell.alignment = self.centre
        sheet.cell(row=row, column=COL_ID).value = marker

    def sheet(self, title: str, kind: str, widths: Sequence[float]) -> Worksheet:
        sheet = cast("Worksheet", self.book.create_sheet(_sheet_name(title, self.taken)))
        sheet.cell(row=1, column=COL_ID).value = f"{MARK}:{kind}"
        sheet.column_dimensions["A"].hidden = True
        for column, width in enumerate(widths, start=1):
            sheet.column_dimensions[column_letter(column)].width = width
        sheet.sheet_view.zoomScale = 110
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        setup = sheet.sheet_properties.pageSetUpPr
        if setup is not None:
            setup.fitToPage = True
        return sheet

    def title(self, sheet: Worksheet, text: str, hint: str, last_column: int) -> None:
        cell = self.put(sheet, 1, 2, text)
        cell.font = self.title_font
        sheet.merge_cells(start_row=1, start_column=2, end_row=1, end_column=last_column)
        sheet.row_dimensions[1].height = 24
        hint_cell = self.put(sheet, 2, 2, hint)
        hint_cell.font = self.grey
        sheet.merge_cells(start_row=2, start_column=2, end_row=2, end_column=last_column)
        sheet.row_dimensions[2].height = 32

    def validate(  # noqa: PLR0913 - the parts of one validation rule
        self,
        sheet: Worksheet,
        cells: Sequence[str],
        kind: _Check,
        prompt: str,
        error: str = "",
        *,
        operator: _Operator | None = None,
        formula1: str | None = None,
        formula2: str | None = None,
    ) -> None:
        if not cells:
            return
        zh = self.plan.lang == "zh"
        check = self.validation(
            type=kind,
            allow_blank=True,
            showInputMessage=True,
            promptTitle="填写提示" if zh else "How to fill",
            prompt=prompt,
            showErrorMessage=bool(error),
            errorTitle="填写有误" if zh else "Not accepted",
            error=error or None,
            operator=operator,
            formula1=formula1,
            formula2=formula2,
        )
        sheet.add_data_validation(check)
        for ref in cells:
            check.add(ref)

    def protect(self, sheet: Worksheet, *, insert_rows: bool = False) -> None:
        protection = sheet.protection
        protection.sheet = True
        protection.formatColumns = False
        protection.formatRows = False
        protection.insertRows = not insert_rows
        protection.deleteRows = not insert_rows

    # --- sheets ----------------------------------------------------------------------

    def readme(self, sheet: Worksheet, domains: list[tuple[str, int, int]]) -> None:
        """The instructions, and each domain sheet with how many of its fields are scored."""
        plan, words = self.plan, self.words
        cell = self.put(sheet, 1, 2, words.title)
        cell.font = self.title_font
        row = 2
        example = domains[0][0] if domains else words.info
        for line in _instructions(plan.lang, plan.profile, example):
            self.put(sheet, row, 2, line)
            row += 1
        row += 1
        zh = plan.lang == "zh"
        heads = ("工作表", "数据项", "计分项") if zh else ("Sheet", "Fields", "Scored")
        for column, text in enumerate(heads, start=2):
            head = self.put(sheet, row, column, text)
            head.font, head.fill, head.border = self.bold, self.fill["head"], self.border
        for name, fields, scored in domains:
            row += 1
            self.label(sheet, row, 2, name)
            self.label(sheet, row, 3, fields)
            self.label(sheet, row, 4, scored)
        self.protect(sheet)

    def info(self) -> None:
        words, zh = self.words, self.plan.lang == "zh"
        sheet = self.sheet(words.info, "info", (2, 28, 48, 56))
        hint = (
            "带 * 的为必填项；只在黄色单元格中填写。"
            if zh
            else "Items marked * are required; fill in the yellow cells only."
        )
        self.title(sheet, words.title, hint, 4)
        self.header(sheet, FIRST_ROW - 1, words.info_headers, marker="#header")
        for offset, key in enumerate(INFO_KEYS):
            row = FIRST_ROW + offset
            sheet.cell(row=row, column=COL_ID).value = key
            label, explanation = words.info_rows[key]
            self.label(sheet, row, 2, label).font = self.bold
            self.input(sheet, row, INFO_VALUE, "0" if key == "year" else "@")
            self.label(sheet, row, 4, explanation).font = self.grey
        rows = {key: f"C{FIRST_ROW + n}" for n, key in enumerate(INFO_KEYS)}
        self.validate(
            sheet,
            [rows["year"]],
            "whole",
            "数据所属年度，如 2023" if zh else "The year of the figures, e.g. 2023",
            "年度应为整数，如 2023" if zh else "A year is a whole number such as 2023",
            operator="between",
            formula1="1949",
            formula2="2100",
        )
        self.validate(
            sheet,
            [rows["division_code"]],
            "textLength",
            "6位行政区划代码，如 411624" if zh else "The 6-digit division code, e.g. 411624",
            "行政区划代码为6至12位数字" if zh else "A division code has 6 to 12 digits",
            operator="between",
            formula1="6",
            formula2="12",
        )
        sheet.freeze_panes = f"B{FIRST_ROW}"
        self.protect(sheet)

    def domain(self, domain: str) -> tuple[str, int, int]:
        plan, words = self.plan, self.words
        label = plan.catalog.domains.get(domain)
        title = label.get(plan.lang) if label is not None else domain
        sheet = self.sheet(title, "data", (2, 5, 7, 30, 7, 46, 14, 9, 34, 28, 16, 24))
        fields, rates = plan.field_rows(domain), plan.rate_rows(domain)
        scored = sum(1 for r in fields if r.mark)
        zh = plan.lang == "zh"
        profile = plan.profile.title.get(plan.lang)
        hint = (
            f"只在黄色单元格中填写。标“计分”的数据为《{profile}》评分所用，请优先填写；"
            "不知道的留空（留空表示缺数据，不按0计）。"
            if zh
            else f"Fill in the yellow cells only. Rows marked scored are what {profile} scores;"
            " leave a cell empty when the figure is not known (empty is missing, not 0)."
        )
        self.title(sheet, title, hint, COL_CHANGES)
        self.header(sheet, FIRST_ROW - 1, words.headers, marker="#header")
        row = FIRST_ROW
        cells: dict[str, list[str]] = {}
        for number, item in enumerate(fields, start=1):
            self.row(sheet, row, number, item, cells)
            row += 1
        if rates:
            section = (
                "报告所列比率：报告中直接写出的百分比（如“通过率为90.5%”），照原文填写；"
                "没有写出的不填，比率由上面的数据计算"
                if zh
                else "Rates as printed: a percentage the report prints (通过率为90.5%), written"
                " as printed; leave it empty when there is none: rates are computed from the"
                " figures above"
            )
            cell = self.put(sheet, row, 2, section)
            cell.font, cell.fill = self.bold, self.fill["section"]
            sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=COL_CHANGES)
            sheet.row_dimensions[row].height = 32
            sheet.cell(row=row, column=COL_ID).value = "#rates"
            self.header(sheet, row + 1, words.rate_headers, marker="#header")
            row += 2
            for number, item in enumerate(rates, start=1):
                self.row(sheet, row, number, item, cells)
                row += 1
        self.validations(sheet, cells)
        sheet.freeze_panes = f"E{FIRST_ROW}"
        sheet.print_title_rows = f"{FIRST_ROW - 1}:{FIRST_ROW - 1}"
        self.protect(sheet)
        return sheet.title, len(fields), scored

    def row(
        self, sheet: Worksheet, row: int, number: int, item: _Row, cells: dict[str, list[str]]
    ) -> None:
        sheet.cell(row=row, column=COL_ID).value = item.id
        self.label(sheet, row, 2, number).alignment = self.centre
        mark = self.label(sheet, row, 3, item.mark)
        mark.alignment = self.centre
        if item.mark:
            mark.font = self.bold
        name = self.label(sheet, row, COL_NAME, item.name)
        if item.mark:
            name.font = self.bold
        self.label(sheet, row, 5, item.unit).alignment = self.centre
        self.label(sheet, row, 6, item.definition)
        formats = {"count": "0", "date": "yyyy-mm-dd", "rate": "@", "boolean": "General"}
        self.input(sheet, row, COL_VALUE, formats[item.kind])
        cells.setdefault(item.kind, []).append(f"{column_letter(COL_VALUE)}{row}")
        if item.kind in ("count", "rate"):
            self.input(sheet, row, COL_HEDGE, "@").alignment = self.centre
            cells.setdefault("hedge", []).append(f"{column_letter(COL_HEDGE)}{row}")
        else:
            self.label(sheet, row, COL_HEDGE, "")
        self.input(sheet, row, COL_EVIDENCE, "@")
        self.input(sheet, row, COL_NOTES, "@")
        if item.kind in ("count", "rate"):
            # Last year's figure as the report prints it (上年同期…, 400余): read into
            # previous:. A count may carry its hedge here, so only a rate is validated.
            self.input(sheet, row, COL_PREVIOUS, "General" if item.kind == "count" else "@")
            if item.kind == "rate":
                cells["rate"].append(f"{column_letter(COL_PREVIOUS)}{row}")
            # The changes it prints, from the year before, as printed: read into changes:.
            self.input(sheet, row, COL_CHANGES, "@")
        else:
            self.label(sheet, row, COL_PREVIOUS, "")
            self.label(sheet, row, COL_CHANGES, "")

    def validations(self, sheet: Worksheet, cells: dict[str, list[str]]) -> None:
        zh = self.plan.lang == "zh"
        yes, no = self.words.yes_no
        self.validate(
            sheet,
            cells.get("count", []),
            "whole",
            "填整数，如 443；确实为零填 0，不知道留空"
            if zh
            else "A whole number such as 443; 0 for a real zero, empty when not known",
            "应填不小于0的整数" if zh else "A whole number of at least 0",
            operator="greaterThanOrEqual",
            formula1="0",
        )
        self.validate(
            sheet,
            cells.get("boolean", []),
            "list",
            f"填“{yes}”或“{no}”" if zh else f"{yes} or {no}",
            f"请选择“{yes}”或“{no}”" if zh else f"Choose {yes} or {no}",
            formula1=f'"{yes},{no}"',
        )
        first, last = ((d - _EXCEL_EPOCH).days for d in (_FIRST_DATE, _LAST_DATE))
        self.validate(
            sheet,
            cells.get("date", []),
            "date",
            "填日期，如 2024-03-28" if zh else "A date such as 2024-03-28",
            "应填日期，如 2024-03-28" if zh else "A date such as 2024-03-28",
            operator="between",
            formula1=str(first),
            formula2=str(last),
        )
        self.validate(
            sheet,
            cells.get("rate", []),
            "textLength",
            "照报告原文填写，如 90.5%；没有写出的不填"
            if zh
            else "As the report prints it, e.g. 90.5%; empty when it prints none",
            "应为报告原文的百分比，如 90.5%" if zh else "A percentage as printed, e.g. 90.5%",
            operator="lessThanOrEqual",
            formula1="20",
        )
        self.validate(
            sheet,
            cells.get("hedge", []),
            "list",
            "报告写的是约数时选择：约、近、余、多" if zh else "When the report hedges the figure",
            "请选择 约、近、余、多 之一" if zh else "Choose one of 约, 近, 余, 多",
            formula1='"' + ",".join(APPROX_QUALIFIERS) + '"',
        )

    def other(self) -> None:
        words, zh = self.words, self.plan.lang == "zh"
        sheet = self.sheet(words.other, "other", (2, 5, 30, 24, 12, 8, 40, 34, 28))
        hint = (
            "报告中没有对应数据项的数字（如“法律咨询1200余件”），每行一条：名称和数值必填，"
            "数值照原文写（1200余件、约24%、1.98），单位可写在数值中或“单位”列；“涉及的数据项”"
            "可从列表选择。佐证材料和备注写入所涉数据项的备注。行不够可插入。"
            if zh
            else "Figures no field holds, one a row: a label and the value as printed (1200余件,"
            " 约24%, 1.98) are required, the unit written with the value or in its column; the"
            " field or indicator it is about may be chosen. Evidence and notes go into that"
            " item's notes. Insert rows as needed."
        )
        last = max(OTHER_COLUMNS.values())
        self.title(sheet, words.other, hint, last)
        self.header(sheet, FIRST_ROW - 1, words.other_headers, marker="#header")
        names = self.lists()
        for offset in range(_OTHER_ROWS):
            row = FIRST_ROW + offset
            self.label(sheet, row, 2, offset + 1).alignment = self.centre
            for part, column in OTHER_COLUMNS.items():
                self.input(sheet, row, column, "General" if part == "value" else "@")
        about = column_letter(OTHER_COLUMNS["about"])
        self.validate(
            sheet,
            [f"{about}{FIRST_ROW}:{about}{FIRST_ROW + _OTHER_ROWS - 1}"],
            "list",
            "从列表选择此数据说明的数据项或指标，也可直接输入其名称"
            if zh
            else "Choose the field or indicator this figure is about, or type its name",
            formula1=names,
        )
        sheet.freeze_panes = f"C{FIRST_ROW}"
        self.protect(sheet, insert_rows=True)

    def lists(self) -> str:
        """A hidden sheet of every field's and indicator's name, for the other figures' list."""
        plan = self.plan
        sheet = self.sheet(self.words.lists, "lists", (40,))
        sheet.sheet_state = "hidden"
        names = [
            *(f.name.zh for f in plan.catalog.fields.values()),
            *(i.name.zh for i in plan.catalog.indicators.values()),
        ]
        for row, name in enumerate(names, start=2):
            self.put(sheet, row, 2, name)
        self.protect(sheet)
        title = sheet.title.replace("'", "''")
        return f"'{title}'!$B$2:$B${len(names) + 1}"

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.book.properties.title = self.words.title
        self.book.properties.creator = "fazhi-indicators"
        self.book.active = 1  # open on the basic information
        self.book.save(buffer)
        return buffer.getvalue()


def template_workbook(catalog: Catalog, profile: Profile, lang: str = "zh") -> bytes:
    """The fill-in workbook for ``profile``'s fields, as ``.xlsx`` bytes.

    Raises:
        ExcelMissingError: openpyxl (the ``excel`` extra) is not installed.
    """
    plan = _Plan(catalog, profile, "zh" if lang == "zh" else "en")
    writer = _Writer(plan)
    readme = writer.sheet(plan.words.readme, "readme", (2, 100, 12, 12))
    writer.info()
    domains = [writer.domain(domain) for domain in plan.domains]
    writer.other()
    writer.readme(readme, domains)
    return writer.save()
