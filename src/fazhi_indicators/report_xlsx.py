"""Scorecards and panels as Excel workbooks, the form county staff work in.

Needs the ``excel`` extra (openpyxl); importing this module does not.
"""

from __future__ import annotations

__all__ = ["formula_like", "safe_cell_text"]

#: Characters that make Excel, WPS or LibreOffice read a cell as a formula (or a
#: DDE call) when the text is typed, pasted or opened from CSV.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would evaluate ``text`` typed into a cell."""
    return text.startswith(FORMULA_STARTS)


def safe_cell_text(text: str) -> str:
    """``text`` that no spreadsheet evaluates: a leading ``'`` before a formula start.

    For CSV and other plain-text cells; in a workbook the cell is typed as text
    and quote-prefixed instead, so the county's name is shown exactly.
    """
    return "'" + text if formula_like(text) else text
