"""Private: read a panel — many county-years, one per row — from CSV or Excel.

Columns: ``county``, ``year``, optional ``division_code``, ``province``,
``prefecture``, then field ids, and ``stated:<indicator id>`` for printed rates.
Each row becomes the same located mapping a YAML file would give and is checked by
the same rules, so a panel cell error names its row (line) and column.
CSV may be UTF-8 (with or without a byte-order mark) or GB18030/GBK, as Chinese
Windows saves it; Excel needs the ``excel`` extra (openpyxl).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, overload

import numpy as np
import yaml
from attrs import field, frozen

from fazhi_indicators._load.count_column import sorted_distinct
from fazhi_indicators._load.county_year import county_year_from_node
from fazhi_indicators._load.excel import excel_decimal as _excel_decimal
from fazhi_indicators._load.excel import open_workbook
from fazhi_indicators._load.excel import percent_text as _percent_text
from fazhi_indicators._load.names import Names
from fazhi_indicators._load.panel_arrow import ArrowCells, arrow_cells
from fazhi_indicators._load.reader import (
    Collector,
    collector_paused,
    file_error,
    problem,
    read_bytes,
)
from fazhi_indicators._load.reporting_year import year_outside_profile
from fazhi_indicators._load.tree import Mapping, Node, Scalar, key_scalar
from fazhi_indicators.county import CountyYear
from fazhi_indicators.definitions import (
    Catalog,
    DeadlineIndicator,
    IndicatorDef,
    Profile,
    RateIndicator,
)
from fazhi_indicators.errors import InputError, Problem, ProfileNotApplicableError
from fazhi_indicators.exact import StatedRate, parse_stated_rate

if TYPE_CHECKING:
    from fazhi_indicators._load.count_column import CountColumn

__all__ = ["Panel", "PanelColumns", "columns_of_rows", "load_panel", "read_panel_columns"]

#: Arrow reads a CSV panel of at least this many bytes (about 6,000 rows of a
#: province's figures); a smaller one is read sooner by Python's ``csv`` module than
#: pyarrow is imported.  The columns are the same either way.
ARROW_FROM_BYTES = 1_000_000
#: Upper bound on a panel file's size (a province's counties over many years fit in far less).
MAX_PANEL_BYTES = 20_000_000
_HEADER_KEYS = ("county", "year", "division_code", "province", "prefecture")
_NAME_COLUMNS = ("county", "province", "prefecture", "division_code")
_STATED = "stated:"
_T = TypeVar("_T")


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


# -- the columnar reading of a CSV panel ----------------------------------------------------

#: A count as the fast reading takes it: ASCII digits, no leading zero (YAML 1.1 reads
#: ``010`` as octal 8), at most 15 digits.  Any other cell is checked as a YAML file's is.
_PLAIN_COUNT = re.compile(r"(?:0|[1-9][0-9]{0,14})")
#: A cell the plain-count pattern does not take, in a column joined by U+001F.
_NOT_PLAIN_COUNT = re.compile(r"(?:^|\x1f)(?!(?:0|[1-9][0-9]{0,14})(?:\x1f|$))(?=[^\x1f])")
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PLAIN_PERCENT = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,6})?%")
_PLAIN_BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False}
_PLAIN_BOOLEANS |= {"False": False, "FALSE": False}


@frozen(kw_only=True)
class PanelColumns:
    """A panel read column by column: every cell typed and checked, every row in order.

    A row whose cells are all plain (digits, ``true``/``false``, ``2024-03-28``,
    ``90.5%``, names) is typed straight from its text; any other row is checked as a
    county-year file is, and its :class:`CountyYear` is kept in ``checked``.  Either way
    the figures are in the columns, so the scorer reads one shape.
    """

    file: str
    encoding: str | None
    county: list[str]
    year: list[int]
    province: list[str | None]
    #: Counts by field id: the value, or ``None`` where the cell is empty (Arrow's
    #: reading keeps them as arrays, read as the same list).
    counts: dict[str, list[int | None] | CountColumn]
    flags: dict[str, list[bool | None]]
    dates: dict[str, list[dt.date | None]]
    #: Printed rates by indicator id.
    stated: dict[str, list[StatedRate | None]]
    #: Where each row's year is, as ``(line, column)``.
    year_cells: Sequence[tuple[int, int]]
    #: The rows checked one by one, by row index, as county-years.
    checked: dict[int, CountyYear]
    #: The cells of each row and the header's columns, to build any row's county-year.
    raw: Sequence[Sequence[str]] = field(repr=False)
    lines: list[int] = field(repr=False)
    columns: dict[int, str] = field(repr=False)

    def __len__(self) -> int:
        """The number of county-years."""
        return len(self.county)

    def county_year(self, index: int, catalog: Catalog) -> CountyYear:
        """Row ``index`` as a county-year, checked as ``load_panel`` checks it."""
        known = self.checked.get(index)
        if known is not None:
            return known
        c = Collector(self.file)
        cells = [
            _Cell(value=value, line=self.lines[index], column=n)
            for n, value in enumerate(self.raw[index], start=1)
        ]
        node = _row_node(c, cells, self.columns)
        found = None if node is None else county_year_from_node(c, node, catalog)
        if found is None or c.has_errors:
            raise InputError(c.problems)
        return found

    def year_problems(self, indices: Sequence[int], profile: Profile) -> list[Problem]:
        """:meth:`year_problem` of each row in ``indices``: a country's rows share few years.

        Each year's message is written once; each row's problem is that message at its
        own year cell.
        """
        with collector_paused():  # thousands of new objects, none in a cycle
            return self._year_problems(indices, profile)

    def _year_problems(self, indices: Sequence[int], profile: Profile) -> list[Problem]:
        first, last = profile.effective_from, profile.effective_to
        written: dict[int, Problem] = {}
        out: list[Problem] = []
        for index in indices:
            year = self.year[index]
            if year not in written:
                error = ProfileNotApplicableError(profile.id, year, first, last)
                written[year] = self.year_problem(index, error)
            line, column = self.year_cells[index]
            found = written[year]
            # Made directly: a country's panel has thousands of such rows.
            out.append(
                Problem(
                    code=found.code,
                    message=found.message,
                    message_zh=found.message_zh,
                    file=found.file,
                    line=line or None,
                    column=column or None,
                    path=found.path,
                    severity=found.severity,
                )
            )
        return out

    def year_problem(self, index: int, error: ProfileNotApplicableError) -> Problem:
        """Row ``index`` has a year its profile does not cover: a problem at its year cell."""
        line, column = self.year_cells[index]
        outside = year_outside_profile(
            error.profile_id,
            error.year,
            error.first,
            error.last,
            where=(self.file, line or None, column or None, "year"),
            then=("this row is not scored", "此行未评分"),
        )
        if outside is None:
            msg = f"row {index} is inside the profile's years"
            raise ValueError(msg)
        return outside


def read_panel_columns(path: Path, catalog: Catalog, *, arrow: bool | None = None) -> PanelColumns:
    """Read a CSV or ``.xlsx`` panel column by column, with ``load_panel``'s problems.

    A CSV file's plain cells are typed column by column from their text; a row with
    any other cell is checked as ``load_panel`` checks it.  When a row has an
    error, the whole file is read again by ``load_panel``, so the problems raised are
    exactly its own, in its order.  A workbook is read by ``load_panel``.

    With pyarrow installed (the ``panel`` extra), Arrow's parser reads the cells and
    types the counts of a large file (``arrow=None``), of any file (``True``) or of
    none (``False``); the columns are the same either way.

    Raises:
        InputError: every problem of every row, each with its row (line) and column.
    """
    shown = str(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        panel = load_panel(path, catalog)
        return columns_of_rows(panel.rows, catalog, shown, list(panel.year_cells))
    data = read_bytes(path, limit=MAX_PANEL_BYTES, what="panel")
    # A NUL byte or a unit separator (which joins a column's cells) takes the checked path.
    plain = b"\x00" not in data and b"\x1f" not in data
    wanted = len(data) >= ARROW_FROM_BYTES if arrow is None else arrow
    with collector_paused():
        # Arrow checks that every cell is UTF-8 as it reads: no need to decode the text.
        read = arrow_cells(data.removeprefix(codecs.BOM_UTF8)) if plain and wanted else None
        if read is not None:
            header, body = read
            encoding = "utf-8"
            by_name = panel_header(header, catalog, shown)
            found = columns_of_cells(ArrowCells(body, by_name), by_name, catalog, shown, encoding)
        else:
            text, encoding = _decode(data, shown)
            # Arrow has read UTF-8 bytes already, if it was to: another encoding's text
            # is given to it as UTF-8.
            again = wanted and encoding != "utf-8"
            found = _columns_of_text(text, catalog, shown, encoding, arrow=again) if plain else None
    if found is None:
        panel = load_panel(path, catalog)  # raises its problems; a clean file scores as read
        return columns_of_rows(panel.rows, catalog, shown, list(panel.year_cells), encoding)
    return found


def columns_of_rows(
    rows: Sequence[CountyYear],
    catalog: Catalog,
    file: str = "",
    year_cells: list[tuple[int, int]] | None = None,
    encoding: str | None = None,
) -> PanelColumns:
    """County-years already checked (from Python, a workbook) as columns."""
    count_ids = [f.id for f in catalog.fields.values() if f.type == "count"]
    flag_ids = [f.id for f in catalog.fields.values() if f.type == "boolean"]
    date_ids = [f.id for f in catalog.fields.values() if f.type == "date"]
    n = len(rows)
    counts: dict[str, list[int | None] | CountColumn] = {}
    flags: dict[str, list[bool | None]] = {}
    dates: dict[str, list[dt.date | None]] = {}
    stated: dict[str, list[StatedRate | None]] = {}
    for index, row in enumerate(rows):
        for key, reported in row.values.items():
            value = reported.value
            if key in count_ids and isinstance(value, int) and not isinstance(value, bool):
                counts.setdefault(key, [None] * n)[index] = value
            elif key in flag_ids and isinstance(value, bool):
                flags.setdefault(key, [None] * n)[index] = value
            elif key in date_ids and isinstance(value, dt.date):
                dates.setdefault(key, [None] * n)[index] = value
        for key, rate in row.stated.items():
            stated.setdefault(key, [None] * n)[index] = rate
    return PanelColumns(
        file=file,
        encoding=encoding,
        county=[row.county for row in rows],
        year=[row.year for row in rows],
        province=[row.province for row in rows],
        counts=counts,
        flags=flags,
        dates=dates,
        stated=stated,
        year_cells=year_cells if year_cells is not None else [(0, 0)] * n,
        checked=dict(enumerate(rows)),
        raw=[[] for _ in rows],
        lines=[0] * n,
        columns={},
    )


def _plain_counts(cells: Sequence[str]) -> list[int | None] | None:
    """A column's counts when every cell is empty or plain; ``None`` otherwise."""
    if _NOT_PLAIN_COUNT.search("\x1f".join(cells)) is None:
        if "" not in cells:
            return list(map(int, cells))
        return [int(v) if v else None for v in cells]
    return None


class _CsvCells:
    """The body of a CSV panel as Python's ``csv`` module reads it: rows of text."""

    def __init__(self, body: list[list[str]], by_name: dict[str, int]) -> None:
        width = max(by_name.values(), default=0)
        for row in body:
            if len(row) < width:
                row.extend([""] * (width - len(row)))
        self.rows: Sequence[Sequence[str]] = body
        self.n = len(body)
        # Column by column: one tuple per column, as many cells as rows; longer rows cut.
        self._transposed = list(zip(*body, strict=False)) if body else [()] * width
        self._by_name = by_name
        if len(by_name) == width and all(len(row) == width for row in body):
            self.empty = [not any(row) for row in body]
        else:
            mapped = [self._transposed[j - 1] for j in by_name.values()]
            self.empty = (
                [not any(cells) for cells in zip(*mapped, strict=True)]
                if mapped
                else [True] * self.n
            )

    def cells(self, name: str) -> Sequence[str]:
        """The column's cells, as written."""
        return self._transposed[self._by_name[name] - 1]

    def distinct(self, name: str) -> tuple[list[str], list[int]]:
        """The column's distinct cells, and each cell's place among them."""
        places: dict[str, int] = {}
        codes = [places.setdefault(v, len(places)) for v in self.cells(name)]
        return list(places), codes

    def counts(self, name: str) -> tuple[list[int | None], list[int]]:
        """The column's plain counts (``None`` for an empty or other cell) and its other cells."""
        cells = self.cells(name)
        typed = _plain_counts(cells)
        if typed is not None:
            return typed, []
        typed, other = [], []
        for i, v in enumerate(cells):
            ok = not v or _PLAIN_COUNT.fullmatch(v) is not None
            typed.append(int(v) if v and ok else None)
            if not ok:
                other.append(i)
        return typed, other

    def flagged(self, catalog: Catalog) -> list[int] | None:
        """``None``: the counts' rows are tested in Python, by ``_flag_counts``."""
        del catalog
        return None


class CellSource(Protocol):
    """A panel's body, column by column: what the columnar reading needs of a CSV reader."""

    #: Each row's cells, as written, for the rows checked one by one.
    rows: Sequence[Sequence[str]]
    n: int
    #: Whether each row's mapped cells are all empty.
    empty: list[bool]

    def cells(self, name: str) -> Sequence[str]: ...
    def distinct(self, name: str) -> tuple[list[str], Sequence[int] | np.ndarray]: ...
    def counts(self, name: str) -> tuple[list[int | None] | CountColumn, list[int]]: ...
    def flagged(self, catalog: Catalog) -> list[int] | None: ...


def _columns_of_text(
    text: str, catalog: Catalog, shown: str, encoding: str, *, arrow: bool
) -> PanelColumns | None:
    """The columns of a CSV text; ``None`` when a row has a problem (``load_panel`` reports it).

    With ``arrow``, Arrow reads the text (of another encoding than UTF-8) as UTF-8.
    """
    read = arrow_cells(text.encode("utf-8")) if arrow else None
    if read is not None:
        header, body = read
        by_name = panel_header(header, catalog, shown)
        return columns_of_cells(ArrowCells(body, by_name), by_name, catalog, shown, encoding)
    try:
        table = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        return None
    if not table:
        return None
    by_name = panel_header(table[0], catalog, shown)
    return columns_of_cells(_CsvCells(table[1:], by_name), by_name, catalog, shown, encoding)


def panel_header(written: Sequence[str], catalog: Catalog, shown: str) -> dict[str, int]:
    """Each column's name and its place (1-based), from the header row's cells.

    Raises:
        InputError: an unknown or repeated column, or no ``county`` or ``year``.
    """
    c = Collector(shown)
    header = [_Cell(value=v, line=1, column=n) for n, v in enumerate(written, start=1)]
    columns = _header(c, header, catalog)
    if c.has_errors:
        raise InputError(c.problems)
    return {name: column for column, name in columns.items()}


def columns_of_cells(  # noqa: C901, PLR0912, PLR0915 - one pass per kind of column
    source: CellSource, by_name: dict[str, int], catalog: Catalog, shown: str, encoding: str
) -> PanelColumns | None:
    """Type a panel's plain cells column by column; check any other row as a file's.

    ``None`` when a row has a problem: ``load_panel`` then reports it.
    """
    columns = {column: name for name, column in by_name.items()}
    n = source.n
    slow = np.zeros(n, dtype=bool)
    empty = source.empty
    written_years = source.counts("year")[0] if "year" in by_name else [None] * n
    year = (
        [0 if y is None else y for y in written_years]
        if isinstance(written_years, list)
        else written_years.filled()
    )
    years = np.array(year, dtype=np.int64)
    slow |= years < 1949  # none written reads 0
    if "county" in by_name:
        names = _ReadColumn(source, "county", str.strip)
        county: list[str] = names.each()
        slow |= names.where(lambda name: not name)
        # Cells that differ only in blanks name one county: codes of the stripped names.
        places: dict[str, int] = {}
        stripped = [places.setdefault(name, len(places)) for name in names.found]
        county_codes = np.array(stripped, dtype=np.intp)[names.codes]
    else:
        county, county_codes = [""] * n, np.zeros(n, dtype=np.intp)
        slow[:] = True
    # Of the other names only the province is kept: a checked row reads the rest.
    province = (
        _ReadColumn(source, "province", lambda v: v.strip() or None).each()
        if "province" in by_name
        else None
    )
    counts: dict[str, list[int | None] | CountColumn] = {}
    flags: dict[str, list[bool | None]] = {}
    dates: dict[str, list[dt.date | None]] = {}
    stated: dict[str, list[StatedRate | None]] = {}
    deadlines = {
        d.date_field: d.deadline
        for d in catalog.indicators.values()
        if isinstance(d, DeadlineIndicator)
    }
    for name in by_name:
        if name in _HEADER_KEYS:
            continue
        if name.startswith(_STATED):
            indicator = catalog.indicators[name.removeprefix(_STATED)]
            stated[indicator.id] = _read_each(source, name, _stated_reader(indicator), slow)
            continue
        kind = catalog.fields[name].type
        if kind == "count":
            typed, other = source.counts(name)
            slow[other] = True
            counts[name] = typed
        elif kind == "boolean":
            flags[name] = _read_each(source, name, _plain_boolean, slow)
        elif name in deadlines:
            days = _ReadColumn(source, name, _plain_day)
            slow |= days.where(lambda found: found[1])
            dates[name] = days.each(lambda found: found[0])
            # A date before the reporting year is an error, checked row by row.
            day_years = days.each(lambda found: found[0].year if found[0] else 0)
            slow |= np.array(day_years, dtype=np.int64) < np.where(
                np.array([d is None for d in dates[name]], dtype=bool), 0, years
            )
        else:
            dates[name] = _read_each(source, name, _plain_day, slow)
    flagged = source.flagged(catalog)
    if flagged is None:
        _flag_counts(catalog, counts, slow)
    else:
        slow[flagged] = True
    keep: list[int] = []
    checked: dict[int, CountyYear] = {}
    seen: set[tuple[str, int]] = set()
    if not slow.any() and not any(empty) and _distinct_pairs(county_codes, years) == n:
        keep = list(range(n))  # every row plain, none blank, no county-year twice
    else:
        slow_rows = slow.tolist()
        for i in range(n):
            if empty[i]:
                continue
            if slow_rows[i]:
                row_c = Collector(shown)
                row_text = source.rows[i]
                row_cells = [
                    _Cell(value=v, line=i + 2, column=k) for k, v in enumerate(row_text, start=1)
                ]
                node = _row_node(row_c, row_cells, columns)
                if node is None:
                    continue  # blanks only: no row, as load_panel reads it
                found = county_year_from_node(row_c, node, catalog)
                if found is None or row_c.has_errors:
                    return None
                checked[len(keep)] = found
                county[i], year[i] = found.county, found.year
            key = (county[i], year[i])
            if key in seen:
                return None
            seen.add(key)
            keep.append(i)

    def kept(column: list[_T]) -> list[_T]:
        return column if len(keep) == n else [column[i] for i in keep]

    def kept_counts(column: list[int | None] | CountColumn) -> list[int | None] | CountColumn:
        if len(keep) == n or isinstance(column, list):
            return kept(column) if isinstance(column, list) else column
        return type(column)(column.values[keep], column.present[keep])

    lines = list(range(2, n + 2)) if len(keep) == n else [i + 2 for i in keep]
    result = PanelColumns(
        file=shown,
        encoding=encoding,
        county=kept(county),
        year=kept(year),
        province=kept(province) if province is not None else [None] * len(keep),
        counts={k: kept_counts(v) for k, v in counts.items()},
        flags={k: kept(v) for k, v in flags.items()},
        dates={k: kept(v) for k, v in dates.items()},
        stated={k: kept(v) for k, v in stated.items()},
        year_cells=_YearCells(lines, by_name["year"]),
        checked=checked,
        raw=source.rows if len(keep) == n else _Kept(source.rows, keep),
        lines=lines,
        columns=columns,
    )
    _fill_checked(result)
    return result


def _distinct_pairs(county: np.ndarray, year: np.ndarray) -> int:
    """How many distinct (county, year) pairs, the counties by their codes."""
    if not len(county):
        return 0
    return len(sorted_distinct(county.astype(np.int64) * (int(year.max()) + 1) + year))


class _ReadColumn(Generic[_T]):
    """A column read once per distinct cell: a country's rows repeat their spellings.

    ``found`` holds what each distinct cell reads as (one object stands for each
    spelling), ``codes`` each row's place among them.
    """

    def __init__(self, source: CellSource, name: str, read: Callable[[str], _T]) -> None:
        values, codes = source.distinct(name)
        self.codes = np.asarray(codes, dtype=np.intp)
        self.found = [read(v) for v in values]

    def each(self, pick: Callable[[_T], object] = lambda v: v) -> list[Any]:
        """Each row's value (``pick`` of what its cell reads as)."""
        table = np.empty(len(self.found), dtype=object)
        for k, found in enumerate(self.found):
            table[k] = pick(found)
        picked: list[Any] = table[self.codes].tolist()
        return picked

    def where(self, test: Callable[[_T], bool]) -> np.ndarray:
        """The rows whose cell passes ``test``."""
        passed = np.array([test(found) for found in self.found], dtype=bool)
        return passed[self.codes] if len(passed) else np.zeros(len(self.codes), dtype=bool)


def _read_each(
    source: CellSource,
    name: str,
    read: Callable[[str], tuple[_T | None, bool]],
    slow: np.ndarray,
) -> list[_T | None]:
    """A column read once per distinct cell; a row whose cell is not plain is marked slow.

    ``read`` gives a cell's value and whether it is anything but plain.
    """
    column = _ReadColumn(source, name, read)
    slow |= column.where(lambda found: found[1])
    return column.each(lambda found: found[0])


def _plain_boolean(text: str) -> tuple[bool | None, bool]:
    """A cell's yes/no, and whether a non-empty cell is anything but a plain one."""
    if not text:
        return None, False
    flag = _PLAIN_BOOLEANS.get(text)
    return flag, flag is None


def _plain_day(text: str) -> tuple[dt.date | None, bool]:
    """A cell's date, and whether a non-empty cell is anything but a plain one."""
    if not text:
        return None, False
    day = _plain_date(text)
    return day, day is None


def _stated_reader(indicator: IndicatorDef) -> Callable[[str], tuple[StatedRate | None, bool]]:
    """How a column of printed rates of ``indicator`` reads a cell."""

    def read(text: str) -> tuple[StatedRate | None, bool]:
        if not text:
            return None, False
        if (
            isinstance(indicator, RateIndicator)
            and indicator.kind != "ratio"
            and _PLAIN_PERCENT.fullmatch(text)
        ):
            rate = parse_stated_rate(text)
            return rate, indicator.kind == "share" and rate.value > 1
        return None, True

    return read


class _Kept(Sequence[Sequence[str]]):
    """The rows of a body that were kept, without copying them."""

    def __init__(self, rows: Sequence[Sequence[str]], keep: list[int]) -> None:
        self._rows, self._keep = rows, keep

    def __len__(self) -> int:
        return len(self._keep)

    @overload
    def __getitem__(self, index: int) -> Sequence[str]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Sequence[str]]: ...
    def __getitem__(self, index: int | slice) -> Sequence[str] | Sequence[Sequence[str]]:
        if isinstance(index, slice):
            return [self._rows[i] for i in self._keep[index]]
        return self._rows[self._keep[index]]


class _YearCells(Sequence[tuple[int, int]]):
    """Each row's year cell, ``(line, column)``, made when asked.

    A pair per row would be a country's worth of tuples for the cycle collector to walk.
    """

    def __init__(self, lines: list[int], column: int) -> None:
        self._lines, self._column = lines, column

    def __len__(self) -> int:
        return len(self._lines)

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[int, int]]: ...
    def __getitem__(self, index: int | slice) -> tuple[int, int] | Sequence[tuple[int, int]]:
        if isinstance(index, slice):
            return [(line, self._column) for line in self._lines[index]]
        return self._lines[index], self._column

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return list(self) == list(other)

    __hash__ = None  # type: ignore[assignment] # compared as a list, and as unhashable


def _plain_date(text: str) -> dt.date | None:
    if _PLAIN_DATE.fullmatch(text) is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _flag_counts(  # noqa: C901, PLR0912 - the loader's three checks, column by column
    catalog: Catalog, counts: dict[str, list[int | None] | CountColumn], slow: np.ndarray
) -> None:
    """Mark rows whose counts may break a subset, a breakdown or a share: checked one by one.

    The test errs on the side of checking: it mirrors the loader's, on the counts given.
    """
    n = len(slow)
    lows: dict[str, list[int]] = {}

    def low(field_id: str) -> list[int]:
        if field_id not in lows:
            given = counts.get(field_id)
            parts = catalog.fields[field_id].parts if field_id in catalog.fields else ()
            if parts:
                sums = [sum(col) for col in zip(*(low(p) for p in parts), strict=True)]
            else:
                sums = [0] * n
            lows[field_id] = (
                sums
                if given is None
                else [s if v is None else v for v, s in zip(given, sums, strict=True)]
            )
        return lows[field_id]

    for f in catalog.fields.values():
        here = counts.get(f.id)
        if here is None:
            continue
        if f.subset_of and f.subset_of in counts:
            whole = counts[f.subset_of]
            for i, (v, w) in enumerate(zip(here, whole, strict=True)):
                if v is not None and w is not None and v > w:
                    slow[i] = True
        if f.parts:
            parts_low = [sum(col) for col in zip(*(low(p) for p in f.parts), strict=True)]
            for i, (v, s) in enumerate(zip(here, parts_low, strict=True)):
                if v is not None and s > v:
                    slow[i] = True
    for indicator in catalog.indicators.values():
        if not isinstance(indicator, RateIndicator) or indicator.kind != "share":
            continue
        if not all(t in counts for t in indicator.fields):
            continue
        num = _expression_column(indicator.numerator.terms, counts, n)
        den = _expression_column(indicator.denominator.terms, counts, n)
        for i, (a, b) in enumerate(zip(num, den, strict=True)):
            if a is not None and b is not None and a > b:
                slow[i] = True


def _expression_column(
    terms: Sequence[tuple[int, str]], counts: dict[str, list[int | None] | CountColumn], n: int
) -> Sequence[int | None]:
    if len(terms) == 1 and terms[0][0] == 1:
        return counts[terms[0][1]]
    out: list[int | None] = [0] * n
    for sign, name in terms:
        column = counts[name]
        out = [
            None if a is None or b is None else a + sign * b
            for a, b in zip(out, column, strict=True)
        ]
    return out


def _fill_checked(columns: PanelColumns) -> None:
    """Put the figures of the rows checked one by one into the columns."""
    for index, row in columns.checked.items():
        for name in columns.counts:
            columns.counts[name][index] = None
        for name in columns.flags:
            columns.flags[name][index] = None
        for name in columns.dates:
            columns.dates[name][index] = None
        for name in columns.stated:
            columns.stated[name][index] = None
        columns.province[index] = row.province
        for key, reported in row.values.items():
            value = reported.value
            if isinstance(value, bool):
                columns.flags.setdefault(key, [None] * len(columns))[index] = value
            elif isinstance(value, int):
                columns.counts.setdefault(key, [None] * len(columns))[index] = value
            elif isinstance(value, dt.date):
                columns.dates.setdefault(key, [None] * len(columns))[index] = value
        for key, rate in row.stated.items():
            columns.stated.setdefault(key, [None] * len(columns))[index] = rate
