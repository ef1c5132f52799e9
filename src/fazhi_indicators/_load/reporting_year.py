"""Private: the reporting year, checked against dates and against a profile's years.

A report on a year is published after that year ends: a date before the year
begins cannot be right (an error), one inside the year is worth a second look (a
warning), and one after the deadline is simply late (the indicator is not met).
A year its profile does not cover is a problem at the place the year is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping as AbstractMapping

from fazhi_indicators._load.reader import Collector, problem
from fazhi_indicators._load.tree import Node
from fazhi_indicators.county import Reported
from fazhi_indicators.definitions import Catalog, DeadlineIndicator
from fazhi_indicators.errors import Problem

__all__ = ["check_dates", "year_outside_profile"]


def year_outside_profile(  # noqa: PLR0913 - the problem and where it is
    profile_id: str,
    year: int,
    first: int,
    last: int | None,
    *,
    where: tuple[str | None, int | None, int | None, str],
    then: tuple[str, str],
) -> Problem | None:
    """A year outside a profile's effective years, located at ``where``.

    ``where`` is (file, line, column, path); ``then`` says, in English and
    Chinese, what follows (the file or the row is not scored).
    """
    if first <= year and (last is None or year <= last):
        return None
    file, line, column, path = where
    span = f"{first}-{last if last is not None else ''}"
    expected = f"from {first} to {last}" if last is not None else f"{first} or later"
    expected_zh = f"{first}年至{last}年之间" if last is not None else f"{first}年及以后"
    return problem(
        "out-of-range",
        f"profile {profile_id!r} is effective for {span}, not for {year}:"
        f" expected a year {expected}, found {year}; {then[0]}",
        f"评分标准“{profile_id}”适用年度为{span}，不适用于{year}年："
        f"应为{expected_zh}的年度，实际为{year}年；{then[1]}",
        file=file,
        line=line,
        column=column,
        path=path,
    )


def check_dates(
    c: Collector,
    catalog: Catalog,
    year: int,
    values: AbstractMapping[str, Reported],
    nodes: AbstractMapping[str, Node],
) -> None:
    """Check each date a deadline indicator reads against the reporting ``year``."""
    for indicator in catalog.indicators.values():
        if not isinstance(indicator, DeadlineIndicator):
            continue
        field_id = indicator.date_field
        reported = values.get(field_id)
        if reported is None or not isinstance(reported.value, dt.date):
            continue
        day = reported.value
        month, due_day = indicator.deadline
        due = f"{year + 1}-{month:02d}-{due_day:02d}"
        name = catalog.fields[field_id].name.zh if field_id in catalog.fields else field_id
        due_zh = f"{year + 1}年{month}月{due_day}日"
        day_zh = f"{day.year}年{day.month}月{day.day}日"
        if day.year < year:
            c.add(
                nodes[field_id],
                "date-before-year",
                f"{field_id} is {day}, before the reporting year {year} begins; a report on"
                f" {year} is published after it ends (due by {due}): check the date and the year",
                f"{name}为{day_zh}，早于报告年度{year}年的开始；{year}年度的报告应在该年度"
                f"结束后公开（期限{due_zh}）：请核对日期和年度",
            )
        elif day.year == year:
            c.add(
                nodes[field_id],
                "date-in-year",
                f"{field_id} is {day}, inside the reporting year {year}; such reports are"
                f" normally published after the year ends (due by {due}): check the year",
                f"{name}为{day_zh}，在报告年度{year}年之内；此类报告通常在年度结束后公开"
                f"（期限{due_zh}）：请核对年度",
                severity="warning",
            )
