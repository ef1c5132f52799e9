"""Plain tables for people and other tools: exact numbers as text, safe cells, DataFrames.

Cells a spreadsheet will not run, a ranking's columns, and a DataFrame when pandas or
polars is installed.  Nothing here needs a library beyond the standard one, so a CSV
ranking or a table of rows loads neither an Excel library nor a terminal renderer.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Sequence
from fractions import Fraction

__all__ = [
    "FORMULA_STARTS",
    "RANKING_HEADERS",
    "VERDICT_LABELS",
    "data_frame",
    "formula_like",
    "fraction_text",
    "number_text",
    "pair_text",
    "plain_number",
    "safe_cell_text",
]

#: Characters that make Excel, WPS or LibreOffice read a cell as a formula (or a
#: DDE call) when the text is typed, pasted or opened from CSV.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: A county's verdict as a person reads it: (English, Chinese), by verdict code.
VERDICT_LABELS = {
    "READY": ("READY — meets the criteria", "具备申报条件"),
    "NOT_READY": ("NOT READY", "尚不具备申报条件"),
    "INSUFFICIENT_DATA": (
        "INSUFFICIENT DATA — not ready on the figures given; items with no data decide",
        "数据不足（按现有数据尚不具备条件，缺数据项可改变结论）",
    ),
    "UNDETERMINED": ("UNDETERMINED — more data needed", "无法判定（需补充数据）"),
}

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


def number_text(value: Fraction, places: int = 2) -> str:
    """:func:`~fazhi_indicators.exact.format_number` in integers only: ``7.01``, ``80``."""
    return plain_number(value.numerator, value.denominator, places)


def plain_number(num: int, den: int, places: int = 2) -> str:
    """``num/den`` (``den`` > 0) rounded half away from zero, trailing zeros dropped."""
    whole, rest = divmod(abs(num) * 10**places, den)
    if 2 * rest >= den:
        whole += 1
    digits = str(whole).rjust(places + 1, "0")
    decimals = digits[len(digits) - places :].rstrip("0") if places else ""
    text = digits[: len(digits) - places] + ("." + decimals if decimals else "")
    return "-" + text if num < 0 and whole else text


def fraction_text(value: Fraction) -> str:
    """:func:`~fazhi_indicators.render.exact_text` in integers only: ``72.5``, ``401/443``."""
    return _fraction(value.numerator, value.denominator)


def pair_text(num: int, den: int) -> str:
    """:func:`fraction_text` of an unreduced pair (``den`` > 0)."""
    common = math.gcd(num, den)
    return _fraction(num // common, den // common)


def _fraction(num: int, den: int) -> str:
    """``num/den`` (reduced, ``den`` > 0) as a decimal when it ends, else as ``p/q``."""
    twos = fives = 0
    rest = den
    while rest % 2 == 0:
        rest //= 2
        twos += 1
    while rest % 5 == 0:
        rest //= 5
        fives += 1
    if rest != 1:
        return f"{num}/{den}"
    return plain_number(num, den, max(twos, fives))


def data_frame(rows: Sequence[dict[str, object]], library: str = "pandas") -> object:
    """``rows`` as a ``pandas`` (or ``polars``) DataFrame, one row per dict.

    Raises:
        ImportError: the library is not installed (message in English and Chinese).
        ValueError: ``library`` is neither ``"pandas"`` nor ``"polars"``.
    """
    if library not in {"pandas", "polars"}:
        raise ValueError(f"library must be 'pandas' or 'polars', not {library!r}")
    try:
        module = importlib.import_module(library)
    except ImportError as error:
        message = (
            f"to_dataframe() needs {library}: python -m pip install {library}"
            f" (or use to_rows()) / to_dataframe() 需要安装 {library}："
            f"python -m pip install {library}（或改用 to_rows()）"
        )
        raise ImportError(message, name=library) from error
    frame: object = module.DataFrame(list(rows))
    return frame
