"""Fill a template workbook the way a clerk would, cell by cell.

Used by tests/test_template.py and tools/template_fixtures.py.

Rows are found by the id in the hidden column A, as the loader finds them; the
columns are the template's: the value in G, 约/近/余/多 in H, evidence in I,
notes in J, last year's figure in K, the printed changes in L, and on the
basic-information sheet the value in C.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

import fazhi_indicators as fz

VALUE, HEDGE, EVIDENCE, NOTES, INFO, PREVIOUS, CHANGES = 7, 8, 9, 10, 3, 11, 12


def rows_by_id(book: Workbook) -> dict[str, tuple[Worksheet, int]]:
    """Where each field, indicator and basic-information key is: ``(sheet, row)``."""
    found: dict[str, tuple[Worksheet, int]] = {}
    for sheet in book.worksheets:
        for row in range(1, sheet.max_row + 1):
            key = sheet.cell(row=row, column=1).value
            if isinstance(key, str) and not key.startswith(("#", "fazhi-template")):
                found[key] = (sheet, row)
    return found


def put(book: Workbook, key: str, column: int, value: Any) -> str:
    """Write ``value`` in ``key``'s row, at ``column``; return the cell as ``sheet!A1``."""
    sheet, row = rows_by_id(book)[key]
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    return f"{sheet.title}!{cell.coordinate}"


def fill(book: Workbook, data: fz.CountyYear) -> None:
    """Everything a county-year holds, typed where a clerk would type it."""
    rows = rows_by_id(book)

    def cell(key: str, column: int, value: Any) -> None:
        sheet, row = rows[key]
        sheet.cell(row=row, column=column).value = value

    cell("county", INFO, data.county)
    cell("year", INFO, data.year)
    for key in ("division_code", "province", "prefecture"):
        if getattr(data, key) is not None:
            cell(key, INFO, getattr(data, key))
    for key, text in data.source.items():
        cell(f"source.{key}", INFO, text)
    for key, reported in data.values.items():
        value = reported.value
        cell(key, VALUE, ("是" if value else "否") if isinstance(value, bool) else value)
        if reported.approx is not None:
            cell(key, HEDGE, reported.approx)
    for key, rate in data.stated.items():
        cell(key, VALUE, rate.text)
    for key, note in data.notes.items():
        cell(key, NOTES, note)
    _fill_earlier(cell, data)


def _fill_earlier(cell: Callable[[str, int, Any], None], data: fz.CountyYear) -> None:
    """Last year's figures, and the changes printed from it, in their columns."""
    earlier = data.previous.get(data.year - 1)
    if earlier is not None:
        for key, reported in earlier.values.items():
            approx = reported.approx or ""
            hedged = (
                f"{approx}{reported.value}" if approx in "约近" else f"{reported.value}{approx}"
            )
            cell(key, PREVIOUS, hedged if approx else reported.value)
        for key, rate in earlier.stated.items():
            cell(key, PREVIOUS, rate.text)
    printed: dict[str, list[str]] = {}
    for change in data.changes:
        if change.from_year == data.year - 1 and change.category is None:
            printed.setdefault(change.subject, []).append(change.text)
    for key, texts in printed.items():
        cell(key, CHANGES, "；".join(texts))
