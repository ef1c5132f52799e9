"""Private: what every Excel reader needs: opening a workbook, and cells as Excel shows them.

openpyxl is the ``excel`` extra: it is imported only when a workbook is opened,
and its absence, like a damaged file, is a problem about the file, not a traceback.
A percentage cell stores a proportion (0.905) and shows it through its number
format (``0.0%`` → 90.5%); a printed rate is read as shown, with Excel's rounding.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal
from typing import TYPE_CHECKING

from fazhi_indicators._load.reader import file_error

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = ["excel_decimal", "open_workbook", "percent_format", "percent_text"]


def open_workbook(data: io.BytesIO, file: str, *, read_only: bool = True) -> Workbook:
    """The workbook in ``data``, values only (no formulas), or a problem naming ``file``."""
    try:
        import openpyxl  # noqa: PLC0415 - optional dependency
    except ImportError:
        raise file_error(
            file,
            "unreadable",
            "reading Excel needs the excel extra: pip install 'fazhi-indicators[excel]'",
            "读取 Excel 需要安装扩展：pip install 'fazhi-indicators[excel]'",
        ) from None
    try:
        return openpyxl.load_workbook(data, read_only=read_only, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise file_error(
            file,
            "unreadable",
            f"not a readable .xlsx workbook ({type(exc).__name__})",
            "不是可读取的 .xlsx 工作簿：文件可能已损坏或并非 Excel 文件；"
            "请用 Excel 或 WPS 打开后另存为 .xlsx",
        ) from None


def percent_format(number_format: str) -> tuple[int, int] | None:
    """``(decimal places, powers of 100)`` of a format that shows ``%``; ``None`` if it shows none.

    Only the first section (positive numbers) is read; quoted text, ``[...]`` codes
    and escaped characters are skipped, and a quoted or escaped ``%`` is shown as
    written without scaling the value, as Excel does.
    """
    places = scale = 0
    shows_percent = after_point = False
    chars = iter(number_format)
    for ch in chars:
        if ch == ";":
            break
        if ch == '"':
            shows_percent |= "%" in _up_to(chars, '"')
        elif ch == "[":
            _up_to(chars, "]")
        elif ch in "\\_*":
            shows_percent |= ch == "\\" and next(chars, "") == "%"
        elif ch == "%":
            scale += 1
            shows_percent = True
        elif ch == ".":
            after_point = True
        elif after_point and ch in "0#?":
            places += 1
    return (places, scale) if shows_percent else None


def _up_to(chars: Iterator[str], end: str) -> str:
    """Consume ``chars`` up to and including ``end``; return what came before it."""
    return "".join(iter(lambda: next(chars, end), end))


#: Excel shows a number to at most 15 significant digits.
_EXCEL_DIGITS = Context(prec=15, rounding=ROUND_HALF_EVEN)


def excel_decimal(value: float) -> Decimal:
    """The number Excel shows for a stored value: exact, then cut to 15 significant digits."""
    return _EXCEL_DIGITS.plus(Decimal(value))  # Decimal(float) is exact: no float arithmetic


def percent_text(value: float, number_format: str) -> str | None:
    """An Excel percentage cell as Excel shows it: 0.9125 with format 0.0% → ``91.3%``.

    Excel rounds the last place shown half away from zero (91.25 → 91.3), where
    Python's ``round`` and float formatting round half to even (91.2).
    """
    found = percent_format(number_format)
    shown = excel_decimal(value)
    if found is None or not shown.is_finite():
        return None
    places, scale = found
    wide = Context(prec=max(28, shown.adjusted() + 2 * scale + places + 2))
    scaled = shown.scaleb(2 * scale, context=wide)
    rounded = scaled.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=wide)
    return f"{rounded:f}%"
