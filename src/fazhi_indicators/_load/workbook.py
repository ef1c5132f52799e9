"""Private: read a filled-in template workbook (``fazhi template``) as a county-year.

The workbook is turned into the same located tree a county-year YAML file gives
(``county``, ``year``, ``values``, ``stated``, ``notes``...), each node placed
at its cell, so that the county-year checks apply with the same codes and
messages; a problem's line and column are the cell's row and column, and its
path is the cell as Excel names it (``行政执法!G12``).

Which row is which item does not depend on what the sheet shows: column A of
every sheet the template writes is hidden and holds, in A1, the template's mark
and the sheet's kind, and on each row the id of the item (a field, an indicator,
or a key of the basic information).  Only the layout constants below are shared
with the writer (:mod:`~fazhi_indicators._load.template`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

from attrs import frozen

from fazhi_indicators._load.excel import excel_decimal, open_workbook, percent_text
from fazhi_indicators._load.names import Names
from fazhi_indicators._load.reader import Collector, file_error, read_bytes
from fazhi_indicators._load.tree import Mapping, Node, Scalar, Sequence, key_scalar
from fazhi_indicators.definitions import Catalog
from fazhi_indicators.exact import APPROX_QUALIFIERS

__all__ = [
    "BOOLEAN_WORDS",
    "COL_CHANGES",
    "COL_EVIDENCE",
    "COL_HEDGE",
    "COL_ID",
    "COL_NAME",
    "COL_NOTES",
    "COL_PREVIOUS",
    "COL_VALUE",
    "EVIDENCE_PREFIX",
    "FIRST_ROW",
    "INFO_KEYS",
    "INFO_VALUE",
    "MARK",
    "MAX_WORKBOOK_BYTES",
    "OTHER_COLUMNS",
    "WORKBOOK_SUFFIXES",
    "column_letter",
    "workbook_tree",
]

#: What A1 of a template sheet starts with, then ``:`` and the sheet's kind.
MARK = "fazhi-template/1"
#: Files read as a workbook rather than as YAML.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
#: A filled template is tens of kilobytes; pasted pictures of documents make it more.
MAX_WORKBOOK_BYTES = 20_000_000
#: More rows than any template sheet holds: past this a sheet is not read.
_MAX_ROWS = 5000
#: The columns the template uses; any further right are not read.
_MAX_COLUMNS = 12

# Columns of a domain sheet (1-based): the hidden id, then what the clerk sees.
COL_ID, COL_NAME, COL_VALUE, COL_HEDGE, COL_EVIDENCE, COL_NOTES = 1, 4, 7, 8, 9, 10
#: Last year's figure as the report prints it, beside this year's (counts and rates only).
COL_PREVIOUS = 11
#: The changes the report prints (同比增长12.5%；增加555件), from the year before.
COL_CHANGES = 12
#: Basic information: the key in column A, the input in this column.
INFO_VALUE = 3
#: The basic information the template asks for, by the key a county-year file uses.
INFO_KEYS = (
    "county",
    "year",
    "division_code",
    "province",
    "prefecture",
    "source.title",
    "source.publisher",
    "source.date",
    "source.url",
)
#: Columns of the other-figures sheet: what the figure is about, then its parts.
OTHER_COLUMNS = {
    "about": 3,
    "label": 4,
    "value": 5,
    "unit": 6,
    "quote": 7,
    "evidence": 8,
    "notes": 9,
}
#: The first row of data on every sheet (rows above are the title, a hint and headers).
FIRST_ROW = 4
#: How evidence is kept in a note: the county-year format has no place of its own for it.
EVIDENCE_PREFIX = "佐证："
#: Yes/no as a clerk writes it, in either language of the template.
BOOLEAN_WORDS = {"是": True, "否": False, "yes": True, "no": False, "true": True, "false": False}

#: What the other-figures sheet calls each part a row needs.
_OTHER_PARTS = {"label": ("label", "名称"), "value": ("value", "数值")}
#: A figure as printed in one cell, hedge and unit included: 1200余件, 约50人, 1.98亿美元.
_OTHER_PRINTED = re.compile(
    r"^(?P<pre>[约近])?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<post>[余多])?\s*(?P<unit>\D*)$"
)
_HEDGED_COUNT = re.compile(r"^(?P<pre>[约近])?\s*(?P<num>\d+)\s*(?P<post>[余多])?\s*\D?$")
_PERCENT = re.compile(r"^[约近]?\s*\d+(?:\.\d+)?\s*[余多]?\s*%")
_DATE = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$")


@frozen(kw_only=True)
class _Cell:
    """One cell's value, where it is and how it is shown."""

    sheet: str
    row: int
    column: int
    value: Any
    number_format: str = "General"

    @property
    def address(self) -> str:
        """``行政执法!G12``, as Excel names a cell."""
        return f"{self.sheet}!{column_letter(self.column)}{self.row}"

    @property
    def blank(self) -> bool:
        """Nothing written (``None``, or only spaces)."""
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())

    def scalar(self, value: Any, text: str) -> Scalar:  # noqa: ANN401 - any scalar type
        """A located scalar at this cell."""
        return Scalar(
            value=value,
            text=text,
            quoted=False,
            line=self.row,
            column=self.column,
            path=self.address,
        )

    def key(self, name: str) -> Scalar:
        """A located key at this cell (a row's name cell keys its value)."""
        return key_scalar(name, self.row, self.column, self.address)


def column_letter(column: int) -> str:
    """Excel's letters for a 1-based column: 1 → A, 27 → AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _sheets(data: io.BytesIO, file: str) -> list[tuple[str, str, list[list[_Cell]]]]:
    """``(kind, sheet name, rows)`` of every sheet that carries the template's mark.

    Only the template's columns are read, and at most ``_MAX_ROWS`` rows, so a stray
    entry in column XFD costs nothing; a sheet openpyxl cannot parse is a problem.
    """
    book = open_workbook(data, file)
    found = []
    try:
        for sheet in book.worksheets:
            rows = [
                [
                    _Cell(
                        sheet=sheet.title,
                        row=number,
                        column=column,
                        value=cell.value,
                        number_format=getattr(cell, "number_format", None) or "General",
                    )
                    for column, cell in enumerate(row, start=1)
                ]
                for number, row in enumerate(
                    sheet.iter_rows(max_row=_MAX_ROWS, max_col=_MAX_COLUMNS), start=1
                )
            ]
            mark = rows[0][0].value if rows and rows[0] else None
            if isinstance(mark, str) and mark.startswith(f"{MARK}:"):
                found.append((mark.removeprefix(f"{MARK}:"), sheet.title, rows))
    except Exception as exc:  # noqa: BLE001 - openpyxl parses sheets lazily, raising many kinds
        raise file_error(
            file,
            "unreadable",
            f"a sheet of the workbook cannot be read ({type(exc).__name__})",
            "工作簿中有工作表无法读取：文件可能已损坏；请用 Excel 或 WPS 打开后另存为 .xlsx",
        ) from None
    finally:
        book.close()
    return found


def _at(row: list[_Cell], column: int) -> _Cell:
    if column <= len(row):
        return row[column - 1]
    sheet, number = (row[0].sheet, row[0].row) if row else ("", 0)
    return _Cell(sheet=sheet, row=number, column=column, value=None)


def _text(value: Any) -> str:  # noqa: ANN401 - a cell's value
    """A cell as text: numbers as written, dates as 2024-03-28."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(cell: _Cell, suffix: str = "") -> Scalar:
    """Digits typed into a text cell are the number they show (全角 digits too)."""
    if isinstance(cell.value, str):
        text = unicodedata.normalize("NFKC", cell.value).strip()
        digits = text.removesuffix(suffix) if suffix else text
        if digits.isascii() and digits.isdigit():
            return cell.scalar(int(digits), text)
    return _plain(cell)


def _plain(cell: _Cell) -> Scalar:
    """A cell as a scalar of its own type (a whole float is the integer Excel shows)."""
    value = cell.value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        value = value.strip()
    return cell.scalar(value, _text(value))


class _Reader:
    """Builds the located tree of one workbook, reporting what only a workbook can get wrong."""

    def __init__(self, c: Collector, catalog: Catalog) -> None:
        self.c = c
        self.catalog = catalog
        self.names = Names(catalog)
        self.top: dict[str, Node] = {}
        self.top_keys: dict[str, Scalar] = {}
        self.source: dict[str, Node] = {}
        self.values: dict[str, Node] = {}
        self.stated: dict[str, Node] = {}
        self.keys: dict[str, dict[str, Scalar]] = {"values": {}, "stated": {}, "notes": {}}
        self.notes: dict[str, list[tuple[_Cell, str]]] = {}
        self.first: dict[str, _Cell] = {}
        self.others: list[Mapping] = []
        #: Last year's figures (the 上年 column), by ``values`` and ``stated``.
        self.earlier: dict[str, dict[str, Node]] = {"values": {}, "stated": {}}
        self.earlier_keys: dict[str, Scalar] = {}
        #: The changes column, by item.
        self.changes: dict[str, Node] = {}
        self.change_keys: dict[str, Scalar] = {}

    # --- basic information ------------------------------------------------------

    def info(self, rows: list[list[_Cell]]) -> None:
        for row in rows[FIRST_ROW - 1 :]:
            key = _at(row, 1).value
            if not isinstance(key, str) or key not in INFO_KEYS:
                continue
            cell = _at(row, INFO_VALUE)
            if key.startswith("source."):
                if not cell.blank:
                    name = key.removeprefix("source.")
                    self.source[name] = cell.scalar(_text(cell.value), _text(cell.value))
                continue
            if cell.blank and key in ("county", "year"):
                # Required: an empty cell is reported where it is, as a value of nothing.
                self.top[key] = cell.scalar(None, "")
            elif key == "year":
                self.top[key] = _number(cell, suffix="年")
            elif not cell.blank:
                self.top[key] = _plain(cell)
            self.top_keys[key] = _at(row, 2).key(key)

    # --- domain sheets ----------------------------------------------------------

    def data(self, rows: list[list[_Cell]]) -> None:
        for row in rows[FIRST_ROW - 1 :]:
            key = _at(row, COL_ID).value
            if not isinstance(key, str) or not key.strip() or key.startswith("#"):
                continue
            item = key.strip()
            name = _at(row, COL_NAME)
            if item in self.first:
                earlier = self.first[item]
                self.c.add(
                    name.key(item),
                    "duplicate-key",
                    f"{item} appears twice (also {earlier.address}); keep one row",
                    f"{item} 出现两次（另见 {earlier.address}）；请只保留一行",
                )
                continue
            self.first[item] = name
            self._notes(item, row)
            if item in self.catalog.indicators:
                self._rate(item, row, name)
            else:
                self._value(item, row, name)
            self._previous(item, _at(row, COL_PREVIOUS), name)
            self._changes(item, _at(row, COL_CHANGES), name)

    def _changes(self, item: str, cell: _Cell, name: _Cell) -> None:
        """The changes printed for the item, one or more separated by ；, each at the cell."""
        if cell.blank:
            return
        texts = [t.strip() for t in re.split(r"[；;\n]", _text(cell.value)) if t.strip()]
        self.changes[item] = Sequence(
            items=tuple(cell.scalar(t, t) for t in texts),
            line=cell.row,
            column=cell.column,
            path=cell.address,
        )
        self.change_keys[item] = name.key(item)

    def _previous(self, item: str, cell: _Cell, name: _Cell) -> None:
        """Last year's count or rate as the report prints it, for ``previous:``."""
        if cell.blank:
            return
        field = self.catalog.fields.get(item)
        if item in self.catalog.indicators:
            value = cell.value
            shown = None
            if isinstance(value, int | float) and not isinstance(value, bool):
                shown = percent_text(value, cell.number_format)
            node: Node = cell.scalar(shown, shown) if shown is not None else _plain(cell)
            self.earlier["stated"][item] = node
        elif field is not None and field.type != "count":
            self.c.add(
                _plain(cell),
                "wrong-type",
                f"last year's figure is read for counts and rates only, not for a {field.type};"
                " clear this cell",
                "上年数值只适用于计数和比率；请清空此单元格",
            )
            return
        else:
            node = _number(cell)
            text = unicodedata.normalize("NFKC", node.value) if isinstance(node.value, str) else ""
            hedged = _HEDGED_COUNT.match(text) if text else None
            if hedged is not None and (hedged["pre"] or hedged["post"]):
                word = hedged["pre"] or hedged["post"]
                node = Mapping(
                    items={
                        "value": cell.scalar(int(hedged["num"]), hedged["num"]),
                        "approx": cell.scalar(word, word),
                    },
                    keys={"value": cell.key("value"), "approx": cell.key("approx")},
                    line=cell.row,
                    column=cell.column,
                    path=cell.address,
                )
            self.earlier["values"][item] = node
        self.earlier_keys[item] = name.key(item)

    def _notes(self, item: str, row: list[_Cell]) -> None:
        notes, evidence = _at(row, COL_NOTES), _at(row, COL_EVIDENCE)
        if not notes.blank:
            self.notes.setdefault(item, []).append((notes, _text(notes.value)))
        if not evidence.blank:
            self.notes.setdefault(item, []).append(
                (evidence, EVIDENCE_PREFIX + _text(evidence.value))
            )

    def _value(self, item: str, row: list[_Cell], name: _Cell) -> None:
        cell, hedge = _at(row, COL_VALUE), _at(row, COL_HEDGE)
        field = self.catalog.fields.get(item)
        kind = field.type if field is not None else "count"
        if cell.blank:
            if not hedge.blank:
                self._hedge_alone(hedge, cell)
            return
        if kind == "boolean":
            node = self._boolean(cell)
        elif kind == "date":
            node = self._date(cell)
        else:
            node = self._count(item, cell)
        if node is None:
            return
        if not hedge.blank:
            word = self._hedge_word(hedge, allowed=kind == "count")
            if word is None:
                return
            node = Mapping(
                items={"value": node, "approx": hedge.scalar(word, word)},
                keys={"value": cell.key("value"), "approx": hedge.key("approx")},
                line=cell.row,
                column=cell.column,
                path=cell.address,
            )
        self.values[item] = node
        self.keys["values"][item] = name.key(item)

    def _count(self, item: str, cell: _Cell) -> Node | None:
        """A count; text that a report prints (``70余``, ``90.5%``) is told where its parts go."""
        node = _number(cell)
        if not isinstance(node.value, str):
            return node
        text = unicodedata.normalize("NFKC", node.value)
        hedged = _HEDGED_COUNT.match(text)
        if hedged and (hedged["pre"] or hedged["post"]):
            number, word = int(hedged["num"]), hedged["pre"] or hedged["post"]
            self.c.add(
                cell.scalar(text, text),
                "wrong-type",
                f"expected a whole number, found text {text!r}: write {number} here and"
                f" choose {word} in the 约/近/余/多 column",
                f"应为整数，实际为文本“{text}”：此处请填 {number}，并在“约/近/余/多”列选择“{word}”",
            )
            return None
        if _PERCENT.match(text):
            self._percent_in_count(item, cell, text)
            return None
        return cell.scalar(text, text)

    def _percent_in_count(self, item: str, cell: _Cell, text: str) -> None:
        rates = [
            self.catalog.indicators[i].name
            for i in self.catalog.indicators
            if item in self.catalog.indicators[i].fields
        ]
        where = "、".join(f"“{r.zh}”" for r in rates) or "本表下方"
        where_en = ", ".join(repr(r.en) for r in rates) or "the rates below"
        self.c.add(
            cell.scalar(text, text),
            "indicator-in-values",
            f"expected a count, found the rate {text}: write the count here, and the rate"
            f" as printed in the row of {where_en} under the report's stated rates",
            f"应为计数，实际为比率 {text}：此处请填写计数，报告所列比率请填在本表"
            f"“报告所列比率”部分的{where}一行",
        )

    def _boolean(self, cell: _Cell) -> Node | None:
        if isinstance(cell.value, bool):
            return cell.scalar(cell.value, "是" if cell.value else "否")
        text = _text(cell.value)
        flag = BOOLEAN_WORDS.get(text.lower())
        if flag is not None:
            return cell.scalar(flag, text)
        self.c.add(
            cell.scalar(text, text),
            "wrong-type",
            f"expected 是 (yes) or 否 (no), found {text!r}",
            f"应为“是”或“否”，实际为“{text}”",
        )
        return None

    def _date(self, cell: _Cell) -> Node:
        """A date cell, or text such as 2024年3月28日 read as that date."""
        value = cell.value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, str):
            text = unicodedata.normalize("NFKC", value).strip()
            found = _DATE.match(text)
            if found:
                try:
                    day = dt.date(*(int(part) for part in found.groups()))
                except ValueError:
                    return cell.scalar(text, text)
                return cell.scalar(day, text)
        return cell.scalar(value, _text(value))

    def _rate(self, item: str, row: list[_Cell], name: _Cell) -> None:
        cell, hedge = _at(row, COL_VALUE), _at(row, COL_HEDGE)
        if cell.blank:
            if not hedge.blank:
                self._hedge_alone(hedge, cell)
            return
        value = cell.value
        if isinstance(value, int | float) and not isinstance(value, bool):
            shown = percent_text(value, cell.number_format)
            node = cell.scalar(shown, shown) if shown is not None else _plain(cell)
        else:
            node = _plain(cell)
        if not hedge.blank:
            word = self._hedge_word(hedge, allowed=isinstance(node.value, str))
            if word is None or not isinstance(node.value, str):
                return
            text = f"{word}{node.value}" if word in "约近" else f"{node.value}{word}"
            node = cell.scalar(text, text)
        self.stated[item] = node
        self.keys["stated"][item] = name.key(item)

    def _hedge_alone(self, hedge: _Cell, cell: _Cell) -> None:
        word = _text(hedge.value)
        self.c.add(
            hedge.scalar(word, word),
            "missing-key",
            f"{word} is chosen but the value ({cell.address}) is empty: fill in the figure"
            " or clear this cell",
            f"已选择“{word}”，但填报值（{cell.address}）为空：请填写数字，或清空此单元格",
        )

    def _hedge_word(self, hedge: _Cell, *, allowed: bool) -> str | None:
        """The hedge written, if it is one of 约/近/余/多 and the row may have one."""
        word = _text(hedge.value)
        if word not in APPROX_QUALIFIERS:
            self.c.add(
                hedge.scalar(word, word),
                "bad-choice",
                f"expected one of {', '.join(APPROX_QUALIFIERS)}, found {word!r}",
                f"应为 {'、'.join(APPROX_QUALIFIERS)} 之一，实际为“{word}”",
            )
            return None
        if not allowed:
            self.c.add(
                hedge.scalar(word, word),
                "bad-choice",
                f"{word} qualifies a count or a printed rate, not this value; clear this cell",
                f"“{word}”只用于计数或报告所列比率，不适用于此项；请清空此单元格",
            )
            return None
        return word

    # --- other figures --------------------------------------------------------------

    def other(self, rows: list[list[_Cell]]) -> None:
        """Each filled row of the other-figures sheet as one figure of ``other:``.

        Its evidence and notes, which ``other:`` has no place for, go into the notes of
        the item it is about.
        """
        for row in rows[FIRST_ROW - 1 :]:
            cells = {part: _at(row, column) for part, column in OTHER_COLUMNS.items()}
            if all(cells[part].blank for part in OTHER_COLUMNS if part != "about"):
                continue
            figure = self._other_figure(cells)
            if figure is not None:
                self.others.append(figure)

    def _other_figure(self, cells: dict[str, _Cell]) -> Mapping | None:
        """One row as ``{label, value, approx, unit, quote, about}``, each part at its cell."""
        label, value = cells["label"], cells["value"]
        ok = self._other_required(cells)
        items: dict[str, Node] = {}
        keys: dict[str, Scalar] = {}

        def put(name: str, cell: _Cell, node: Node) -> None:
            items[name] = node
            keys[name] = cell.key(name)

        if not label.blank:
            put("label", label, label.scalar(_text(label.value), _text(label.value)))
        if not value.blank:
            written = self._other_value(value, cells["unit"])
            if written is None:
                ok = False
            else:
                node, approx, unit = written
                put("value", value, node)
                if approx is not None:
                    put("approx", value, value.scalar(approx, approx))
                if unit is not None:
                    put("unit", value, value.scalar(unit, unit))
        for part in ("unit", "quote", "about"):
            cell = cells[part]
            if not cell.blank and part not in items:
                put(part, cell, cell.scalar(_text(cell.value), _text(cell.value)))
        extra = [
            EVIDENCE_PREFIX + _text(cells["evidence"].value) if not cells["evidence"].blank else "",
            "" if cells["notes"].blank else _text(cells["notes"].value),
        ]
        if any(extra):
            ok = self._other_notes(cells, "；".join(e for e in extra if e)) and ok
        if not ok:
            return None
        at = label
        return Mapping(items=items, keys=keys, line=at.row, column=at.column, path=at.address)

    def _other_required(self, cells: dict[str, _Cell]) -> bool:
        """Whether the row has a label and a value; each one missing is a problem at its cell."""
        ok = True
        for part, (what, what_zh) in _OTHER_PARTS.items():
            cell = cells[part]
            if cell.blank:
                ok = False
                self.c.add(
                    cell.scalar(None, ""),
                    "missing-key",
                    f"an other figure needs its {what}: fill in this cell, or clear the row",
                    f"其他数据须填写{what_zh}：请填写此单元格，或清空整行",
                )
        return ok

    def _other_value(self, cell: _Cell, unit: _Cell) -> tuple[Node, str | None, str | None] | None:
        """A value as printed (``1200余件``, ``约24%``, ``1.98``): the figure, its hedge and unit.

        The unit may be written with the figure; the unit column then must agree or be empty.
        """
        value = cell.value
        if isinstance(value, int | float) and not isinstance(value, bool):
            shown = percent_text(value, cell.number_format)
            if shown is not None:
                return cell.scalar(shown, shown), None, None
            if isinstance(value, int) or value.is_integer():
                return cell.scalar(int(value), str(int(value))), None, None
            amount = excel_decimal(value).normalize()
            return cell.scalar(amount, f"{amount:f}"), None, None
        text = unicodedata.normalize("NFKC", _text(value))
        printed = _OTHER_PRINTED.match(text)
        if "%" in text or printed is None:
            return cell.scalar(text, text), None, None
        number = printed["num"]
        node = (
            cell.scalar(Decimal(number), number)
            if "." in number
            else cell.scalar(int(number), number)
        )
        written = printed["unit"].strip() or None
        typed = None if unit.blank else _text(unit.value)
        if written is not None and typed is not None and written != typed:
            self.c.add(
                unit.scalar(typed, typed),
                "conflict",
                f"the value {text} is written with the unit {written}, but the unit here"
                f" is {typed}: keep one",
                f"数值“{text}”已带单位“{written}”，而此处单位为“{typed}”：请只保留一个",
            )
            return None
        return node, printed["pre"] or printed["post"], written

    def _other_notes(self, cells: dict[str, _Cell], text: str) -> bool:
        """Evidence and notes of an other figure, kept in its item's notes; ``False``: no item."""
        about = cells["about"]
        label = "" if cells["label"].blank else _text(cells["label"].value)
        if about.blank:
            self.c.add(
                about.scalar(None, ""),
                "missing-key",
                "the evidence and notes of an other figure are kept in the notes of the field"
                " or indicator it is about: choose it from the list, or clear them",
                "其他数据的佐证材料和备注保存在其涉及的数据项的备注中：请从下拉列表选择该数据项，"
                "或清空佐证材料和备注",
            )
            return False
        written = _text(about.value)
        # ``other:`` reports a name that is unknown or ambiguous at this cell; once is enough.
        item = self.names.resolve_any(Collector(self.c.file), written, about.key(written))
        if item is None or (
            item not in self.catalog.fields and item not in self.catalog.indicators
        ):
            return True
        self.notes.setdefault(item, []).append((about, f"其他数据“{label}”：{text}"))
        return True

    def _earlier_tree(self, at: _Cell) -> Mapping | None:
        """``previous: {year before: {values:, stated:}}`` from the 上年 column, if filled.

        Without a year there is no year before: the year's own problem says what to fix.
        """
        year = self.top.get("year")
        if not any(self.earlier.values()) or not isinstance(year, Scalar):
            return None
        if not isinstance(year.value, int) or isinstance(year.value, bool):
            return None
        block: dict[str, Node] = {}
        block_keys: dict[str, Scalar] = {}
        for kind, group in self.earlier.items():
            if group:
                block[kind] = Mapping(
                    items=group,
                    keys={k: self.earlier_keys[k] for k in group},
                    line=at.row,
                    column=at.column,
                    path=f"previous.{kind}",
                )
                block_keys[kind] = at.key(kind)
        before = str(year.value - 1)
        inner = Mapping(
            items=block, keys=block_keys, line=at.row, column=at.column, path="previous"
        )
        return Mapping(
            items={before: inner},
            keys={before: at.key(before)},
            line=at.row,
            column=at.column,
            path="previous",
        )

    # --- the tree ----------------------------------------------------------------------

    def tree(self, at: _Cell) -> Mapping:
        """The county-year mapping, placed at the county's cell."""
        top = dict(self.top)
        keys = dict(self.top_keys)
        notes: dict[str, Node] = {}
        for item, parts in self.notes.items():
            first = parts[0][0]
            text = "；".join(text for _, text in parts)
            notes[item] = first.scalar(text, text)
            self.keys["notes"][item] = first.key(item)
        for name, group in (
            ("source", self.source),
            ("values", self.values),
            ("stated", self.stated),
            ("notes", notes),
        ):
            if group:
                group_keys = self.keys.get(name) or {
                    k: key_scalar(k, v.line, v.column, v.path) for k, v in group.items()
                }
                top[name] = Mapping(
                    items=group, keys=group_keys, line=at.row, column=at.column, path=name
                )
                keys[name] = at.key(name)
        earlier = self._earlier_tree(at)
        if earlier is not None:
            top["previous"] = earlier
            keys["previous"] = at.key("previous")
        if self.changes:
            top["changes"] = Mapping(
                items=self.changes,
                keys=self.change_keys,
                line=at.row,
                column=at.column,
                path="changes",
            )
            keys["changes"] = at.key("changes")
        if self.others:
            head = self.others[0]
            top["other"] = Sequence(
                items=tuple(self.others), line=head.line, column=head.column, path=head.path
            )
            keys["other"] = key_scalar("other", head.line, head.column, head.path)
        return Mapping(items=top, keys=keys, line=at.row, column=at.column, path="")


def workbook_tree(c: Collector, path: Path, catalog: Catalog) -> Mapping:
    """The county-year tree of a filled template, every node at its cell.

    Problems only a workbook has (a hedge with no figure, 70余 in a count cell, a
    row given twice) are recorded in ``c``; the county-year checks then run on
    the tree as on a YAML file's.

    Raises:
        InputError: the file cannot be read, or is not a template.
    """
    shown = str(path)
    data = read_bytes(path, limit=MAX_WORKBOOK_BYTES, what="workbook")
    reader = _Reader(c, catalog)
    county: _Cell | None = None
    info_sheet = ""
    kinds: set[str] = set()
    for kind, sheet, rows in _sheets(io.BytesIO(data), shown):
        kinds.add(kind)
        if kind == "info":
            info_sheet = sheet
            reader.info(rows)
            county = next((_at(r, INFO_VALUE) for r in rows if _at(r, 1).value == "county"), county)
        elif kind == "data":
            reader.data(rows)
        elif kind == "other":
            reader.other(rows)
    if "info" not in kinds:
        raise file_error(
            shown,
            "unreadable",
            "this workbook is not a template made by fazhi template (no sheet carries its"
            " mark); to score many counties from one sheet, use fazhi panel",
            "此工作簿不是 fazhi template 生成的填报模板（没有带模板标记的工作表）；"
            "如需对一张表中的多个县评分，请使用 fazhi panel",
        )
    return reader.tree(county or _Cell(sheet=info_sheet, row=1, column=1, value=None))
