"""A ranking's columns, and text a spreadsheet will not run: shared by CSV and Excel.

Kept apart from the workbook writer so that a CSV ranking needs no Excel library.
"""

from __future__ import annotations

__all__ = ["FORMULA_STARTS", "RANKING_HEADERS", "formula_like", "safe_cell_text"]

#: Characters that make Excel, WPS or LibreOffice read a cell as a formula (or a
#: DDE call) when the text is typed, pasted or opened from CSV.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: The columns of a ranking, in each language.
RANKING_HEADERS = {
    "zh": (
        "年度",
        "省份",
        "排名",
        "县（市、区）",
        "得分（百分制）",
        "得分上限（百分制）",
        "得分精确值",
        "原始得分",
        "满分",
        "结论",
        "等次",
        "数据覆盖",
    ),
    "en": (
        "Year",
        "Province",
        "Rank",
        "County",
        "Score (of 100)",
        "Score, best case (of 100)",
        "Exact score",
        "Points",
        "Max points",
        "Verdict",
        "Grade",
        "Coverage",
    ),
}


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would evaluate ``text`` typed into a cell."""
    return text.startswith(FORMULA_STARTS)


def safe_cell_text(text: str) -> str:
    """``text`` that no spreadsheet evaluates: a leading ``'`` before a formula start.

    For CSV and other plain-text cells; in a workbook the cell is typed as text
    and quote-prefixed instead, so the county's name is shown exactly.
    """
    return "'" + text if formula_like(text) else text
