"""Private: read a panel — many county-years, one per row — from CSV or Excel.

Columns: ``county``, ``year``, optional ``division_code``, ``province``,
``prefecture``, then field ids, and ``stated:<indicator id>`` for printed rates.
Each row becomes the same located mapping a YAML file would give and is checked by
the same rules, so a panel cell error names its row (line) and column.
CSV may be UTF-8 (with or without a byte-order mark) or GB18030/GBK, as Chinese
Windows saves it; Excel needs the ``excel`` extra (openpyxl).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from attrs import frozen

from fazhi_indicators._load.county_year import county_year_from_node
from fazhi_indicators._load.excel import excel_decimal as _excel_decimal
from fazhi_indicators._load.excel import open_workbook
from fazhi_indicators._load.excel import percent_text as _percent_text
from fazhi_indicators._load.names import Names
from fazhi_indicators._load.reader import Collector, file_error, problem, read_bytes
from fazhi_indicators._load.reporting_year import year_outside_profile
from fazhi_indicators._load.tree import Mapping, Node, Scalar, key_scalar
from fazhi_indicators.county import CountyYear
from fazhi_indicators.definitions import Catalog
from fazhi_indicators.errors import InputError, Problem, ProfileNotApplicableError

__all__ = ["Panel", "load_panel"]

#: Upper bound on a panel file's size (a province's counties over many years fit in far less).
MAX_PANEL_BYTES = 20_000_000
_HEADER_KEYS = ("county", "year", "division_code", "province", "prefecture")
_NAME_COLUMNS = ("county", "province", "prefecture", "division_code")
_STATED = "stated:"


@frozen(kw_only=True)
class Panel:
    """County-years read from one sheet, in row order."""

    rows: tuple[CountyYear, ...]
    file: str
    #: The text encoding a CSV was read in (``utf-8`` or ``gb18030``); ``None`` for Excel.
    encoding: str | None = None
    #: Where each row's year is, as ``(line, column)``, in row order.
    year_cells: tuple[tuple[int, int], ...] = ()

    def year_problem(self, index: int, error: ProfileNotApplicableError) -> Problem:
        """Row ``index`` has a year its profile does not cover: a problem at its year cell.

        The command reports it and scores the other rows, rather than refusing the file.
        """
        line, column = self.year_cells[index] if index < len(self.year_cells) else (None, None)
        outside = year_outside_profile(
            error.profile_id,
            error.year,
            error.first,
            error.last,
            where=(self.file, line, column, "year"),
            then=("this row is not scored", "此行未评分"),
        )
        if outside is None:
            msg = f"row {index} is inside the profile's years"
            raise ValueError(msg)
        return outside


@frozen(kw_only=True)
class _Cell:
    value: Any
    line: int
    column: int
    #: An Excel cell's number format; ``None`` for a CSV cell, which has none.
    number_format: str | None = None


def _decode(data: bytes, file: str) -> tuple[str, str]:
    """UTF-8 (BOM allowed) first; GB18030, a superset of GBK, for Chinese Windows files."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise file_error(
            file,
            "not-utf8",
            f"the file is neither UTF-8 nor GB18030 (byte {exc.start}); save it as UTF-8",
            f"文件既不是 UTF-8 也不是 GB18030 编码（第{exc.start}字节）；请另存为 UTF-8",
        ) from None


def _csv_rows(text: str, file: str) -> Iterator[list[_Cell]]:
    """The rows of a CSV text, a NUL byte or a reader error being a located problem.

    Python before 3.11 refuses any NUL byte with ``csv.Error`` and later versions
    read it into the cell; either way no real cell holds one, so each NUL is stood
    in for by a character the text lacks while parsing, and its cell is reported.
    """
    marker = _unused_character(text) if "\x00" in text else None
    reader = csv.reader(io.StringIO(text.replace("\x00", marker or ""), newline=""))
    rows: list[list[_Cell]] = []
    problems: list[Problem] = []
    try:
        for line, row in enumerate(reader, start=1):
            rows.append([_Cell(value=v, line=line, column=n) for n, v in enumerate(row, start=1)])
            problems += [
                problem(
                    "bad-scalar",
                    "the cell holds a NUL byte (U+0000), which no text or number contains;"
                    " the file may be damaged or not a CSV file",
                    "单元格含有空字符（NUL，U+0000），正常的文本和数字中不会出现；"
                    "文件可能已损坏或不是 CSV 文件",
                    file=file,
                    line=line,
                    column=n,
                    path=_column_name(rows[0], n) if line > 1 else "",
                )
                for n, v in enumerate(row, start=1)
                if marker is not None and marker in v
            ]
    except csv.Error as exc:
        problems.append(
            problem(
                "bad-scalar",
                f"this row cannot be read as CSV ({exc})",
                f"此行无法按 CSV 格式读取（{exc}）",
                file=file,
                line=len(rows) + 1,
            )
        )
    if problems:
        raise InputError(problems)
    yield from rows


def _column_name(header: Sequence[_Cell], column: int) -> str:
    """The header text above ``column`` (1-based), or nothing past the header's end."""
    return str(header[column - 1].value).strip() if column <= len(header) else ""


def _unused_character(text: str) -> str:
    """A run of U+E000 (private use) longer than any in ``text``: a marker it cannot hold."""
    longest = max((len(run) for run in re.findall("\ue000+", text)), default=0)
    return "\ue000" * (longest + 1)


def _xlsx_rows(data: io.BytesIO, file: str) -> Iterator[list[_Cell]]:
    book = open_workbook(data, file)
    try:
        sheet = book.worksheets[0]
        for line, row in enumerate(sheet.iter_rows(), start=1):
            yield [
                _Cell(
                    value=cell.value,
                    line=line,
                    column=n,
                    number_format=getattr(cell, "number_format", "General") or "General",
                )
                for n, cell in enumerate(row, start=1)
            ]
    finally:
        book.close()


def _resolve(text: str) -> Any:  # noqa: ANN401 - a YAML scalar of any type
    """Type a CSV cell the way YAML types a plain scalar: 443 → int, true → bool."""
    try:
        value = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError, OverflowError):
        return text  # e.g. 2024-13-01: text, reported as "expected a date" by the row check
    if isinstance(value, str | int | float | bool | dt.date) and value is not None:
        return value
    return text


def _proportion(c: Collector, cell: _Cell, node: Scalar) -> bool:
    """Report a rate written as a proportion (0.965) with the percentage it means (96.5%).

    Telling the writer "write 0.965%" would be wrong advice: a number between 0
    and 1 in a rate column is almost always a share that lost its percent format.
    """
    value = node.value
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
        return False
    excel = cell.number_format is not None
    written = _excel_decimal(value) if excel else Decimal(str(value))
    text, percent = f"{written.normalize():f}", f"{(written * 100).normalize():f}"
    c.add(
        node,
        "bad-rate",
        f"expected a percentage such as 90.5%, found number {text}, which looks like a"
        f" proportion: write {percent}%"
        + (" or format the cell as a percentage (0.0%)" if excel else ""),
        f"应为百分比（如 90.5%），实际为数字 {text}，看起来是小数形式的比例：请写作 {percent}%"
        + ("，或将单元格设为百分比格式（0.0%）" if excel else ""),
    )
    return True


def _scalar(cell: _Cell, header: str) -> Scalar | None:
    """The cell as a located scalar; ``None`` for an empty cell (a missing value)."""
    value = cell.value

    def located(typed: Any, text: str) -> Scalar:  # noqa: ANN401 - any scalar type
        return Scalar(
            value=typed, text=text, quoted=False, line=cell.line, column=cell.column, path=header
        )

    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        text = value.strip()
        if header not in _NAME_COLUMNS:
            text = unicodedata.normalize("NFKC", text)
        return located(text if header in _NAME_COLUMNS else _resolve(text), text)
    if (
        header.startswith(_STATED)
        and cell.number_format is not None
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        shown = _percent_text(value, cell.number_format)
        if shown is not None:
            return located(shown, shown)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return located(value, str(value))


def _column(c: Collector, catalog: Catalog, names: Names, written: str, node: Scalar) -> str | None:
    """The column a header names: an id, or a Chinese name (an indicator's is its stated rate).

    ``None`` after reporting a name two entries share; an unknown name comes back as written.
    """
    if written.startswith(_STATED):
        found = names.resolve(c, written.removeprefix(_STATED), node, ("indicator",))
        return None if found is None else _STATED + found
    found = names.resolve(c, written, node, ("field", "indicator"))
    if found is not None and found != written and found in catalog.indicators:
        return _STATED + found  # 执法资格考试通过率: a rate as printed; a bare id is not read so
    return found


def _header(c: Collector, cells: Sequence[_Cell], catalog: Catalog) -> dict[int, str]:
    known = {*_HEADER_KEYS, *catalog.fields, *(f"{_STATED}{i}" for i in catalog.indicators)}
    names = Names(catalog)
    columns: dict[int, str] = {}
    seen: dict[str, tuple[int, str]] = {}
    for cell in cells:
        written = str(cell.value or "").strip()
        node = key_scalar(written, cell.line, cell.column, written)
        if not written:
            continue
        name = written if written in _HEADER_KEYS else _column(c, catalog, names, written, node)
        if name is None:
            continue
        if name in seen:
            column, as_written = seen[name]
            same = "" if as_written == written else f" as {as_written!r}"
            same_zh = "" if as_written == written else f"，写作“{as_written}”"
            c.add(
                node,
                "duplicate-key",
                f"column {written!r} appears twice (also column {column}{same}); keep one",
                f"列“{written}”重复（另见第{column}列{same_zh}）；请只保留一个",
            )
        elif name not in known:
            suggest = names.known(name, known, ("field", "indicator"))
            c.unknown(node, "column", "列名", name, suggest, code="unknown-id")
        else:
            columns[cell.column] = name
            seen[name] = (cell.column, written)
    first = key_scalar("", 1, 1, "")
    for required in ("county", "year"):
        if required not in seen:
            c.add(
                first,
                "missing-key",
                f"required column {required!r} is missing",
                f"缺少必需的列“{required}”",
                path=required,
            )
    return columns


def _row_node(c: Collector, cells: Sequence[_Cell], columns: dict[int, str]) -> Mapping | None:
    top: dict[str, Node] = {}
    values: dict[str, Node] = {}
    stated: dict[str, Node] = {}
    for cell in cells:
        header = columns.get(cell.column)
        node = _scalar(cell, header) if header else None
        if header is None or node is None:
            continue
        if header.startswith(_STATED):
            if not _proportion(c, cell, node):
                stated[header.removeprefix(_STATED)] = node
        elif header in _HEADER_KEYS:
            top[header] = node
        else:
            values[header] = node
    if not (top or values or stated):
        return None
    line = cells[0].line
    for name, group in (("values", values), ("stated", stated)):
        if group:
            keys = {k: key_scalar(k, v.line, v.column, v.path) for k, v in group.items()}
            top[name] = Mapping(items=group, keys=keys, line=line, column=1, path=name)
    keys = {k: key_scalar(k, v.line, v.column, k) for k, v in top.items()}
    return Mapping(items=top, keys=keys, line=line, column=1, path="")


def load_panel(path: Path, catalog: Catalog) -> Panel:
    """Load a CSV or ``.xlsx`` panel, one county-year per row, checking every row.

    Raises:
        InputError: every problem of every row, each with its row (line) and column.
    """
    shown = str(path)
    data = read_bytes(path, limit=MAX_PANEL_BYTES, what="panel")
    encoding = None
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(io.BytesIO(data), shown)
    else:
        text, encoding = _decode(data, shown)
        rows = _csv_rows(text, shown)
    return _check_rows(rows, catalog, shown, encoding)


def _check_rows(
    rows: Iterator[list[_Cell]], catalog: Catalog, shown: str, encoding: str | None
) -> Panel:
    c = Collector(shown)
    header = next(rows, None)
    if header is None:
        raise file_error(shown, "empty-file", "the file is empty", "文件为空")
    columns = _header(c, header, catalog)
    if c.has_errors:
        raise InputError(c.problems)
    found: list[CountyYear] = []
    year_cells: list[tuple[int, int]] = []
    first_line: dict[tuple[str, int], int] = {}
    for cells in rows:
        node = _row_node(c, cells, columns)
        if node is None:
            continue
        county_year = county_year_from_node(c, node, catalog)
        if county_year is None:
            continue
        key = (county_year.county, county_year.year)
        if key in first_line:
            c.add(
                node,
                "duplicate-row",
                f"{key[0]} {key[1]} appears twice (also on line {first_line[key]})",
                f"{key[0]} {key[1]}年 重复出现（另见第{first_line[key]}行）",
            )
        first_line.setdefault(key, node.line)
        found.append(county_year)
        year = node.items["year"]
        year_cells.append((year.line, year.column))
    if c.has_errors:
        raise InputError(c.problems)
    return Panel(rows=tuple(found), file=shown, encoding=encoding, year_cells=tuple(year_cells))
