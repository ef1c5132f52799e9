"""Year over year: what improved, what declined, in the direction better for each indicator.

Two scorecards of one county (usually consecutive years, scored by one profile)
are compared indicator by indicator.  "Better" follows the indicator's declared
direction: a higher exam pass rate is better, a higher litigation loss rate is
worse, and an indicator with no agreed direction is only said to have changed.
Values known only as intervals are compared as intervals: a change is claimed
only when every value one report allows lies on one side of every value the
other allows.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from fractions import Fraction
from typing import TYPE_CHECKING

from attrs import frozen

from fazhi_indicators.exact import Interval

if TYPE_CHECKING:
    from fazhi_indicators.compute import IndicatorValue
    from fazhi_indicators.scoring import Line, Scorecard

__all__ = ["Change", "Comparison", "IndicatorChange", "compare"]


class Change(str, Enum):
    """How one indicator moved between two years."""

    IMPROVED = "IMPROVED"
    DECLINED = "DECLINED"
    UNCHANGED = "UNCHANGED"
    #: Moved, for an indicator with no agreed better direction.
    CHANGED = "CHANGED"
    #: The intervals overlap: the data do not say which way it moved.
    UNDETERMINED = "UNDETERMINED"
    #: One year has no value (missing or not applicable).
    NOT_COMPARABLE = "NOT_COMPARABLE"


@frozen(kw_only=True)
class IndicatorChange:
    """One indicator in both years."""

    indicator: str
    before: IndicatorValue
    after: IndicatorValue
    change: Change
    #: After minus before when both are exact rates (a share: in units of 1).
    delta: Fraction | None
    #: Points earned in each year, when the profile scores the indicator.
    points_before: Fraction | None = None
    points_after: Fraction | None = None


@frozen(kw_only=True)
class Comparison:
    """Two scorecards side by side."""

    before: Scorecard
    after: Scorecard
    #: Every indicator either card shows, scored items first, in the profile's order.
    changes: tuple[IndicatorChange, ...]

    @property
    def total_change(self) -> Fraction:
        """Change in assured points out of 100."""
        return _out_of_100(self.after) - _out_of_100(self.before)

    def count(self, change: Change) -> int:
        """How many indicators moved this way."""
        return sum(1 for c in self.changes if c.change == change)


def _out_of_100(card: Scorecard) -> Fraction:
    return card.total * 100 / card.max_total if card.max_total else Fraction(0)


def _range(value: IndicatorValue) -> Interval | None:
    """What one year allows: a point, an interval, or nothing."""
    if value.status != "available":
        return None
    if isinstance(value.value, bool):
        return None
    if value.value is not None:
        return Interval(low=value.value, high=value.value, high_closed=True)
    return value.interval


def _flag(value: IndicatorValue) -> bool | None:
    return value.value if value.status == "available" and isinstance(value.value, bool) else None


def _before_after(before: Interval, after: Interval) -> int | None:
    """+1 when ``after`` is certainly higher, -1 certainly lower, 0 equal, None unknown."""
    if before.low == before.high == after.low == after.high:
        return 0
    if after.low > before.high or (
        after.low == before.high and not (after.low_closed and before.high_closed)
    ):
        return 1
    if after.high < before.low or (
        after.high == before.low and not (after.high_closed and before.low_closed)
    ):
        return -1
    return None


def _judge(direction: str, moved: int | None) -> Change:
    if moved is None:
        return Change.UNDETERMINED
    if moved == 0:
        return Change.UNCHANGED
    if direction == "neutral":
        return Change.CHANGED
    better = moved > 0 if direction == "higher" else moved < 0
    return Change.IMPROVED if better else Change.DECLINED


def _change(direction: str, before: IndicatorValue, after: IndicatorValue) -> Change:
    flags = (_flag(before), _flag(after))
    if flags[0] is not None and flags[1] is not None:
        # A yes/no indicator (a deadline kept): yes is better.
        return _judge("higher", int(flags[1]) - int(flags[0]))
    ranges = (_range(before), _range(after))
    if ranges[0] is None or ranges[1] is None:
        return Change.NOT_COMPARABLE
    return _judge(direction, _before_after(ranges[0], ranges[1]))


def compare(before: Scorecard, after: Scorecard) -> Comparison:
    """Compare two scorecards of one county, indicator by indicator.

    Raises:
        ValueError: the cards were scored with different profiles, so their
            points cannot be compared.
    """
    if before.profile.id != after.profile.id:
        msg = (
            f"scored with different profiles ({before.profile.id}, {after.profile.id});"
            " score both with one profile to compare them"
        )
        raise ValueError(msg)
    catalog = after.catalog
    # Items of their own (a count, a yes/no, a trend, a person's score) have no
    # indicator to compare; their points are in each card.
    scored = [i for i in after.lines if i in before.lines and i in catalog.indicators]
    # Unscored indicators are shown when either year has a value for them.
    shown = [
        i
        for i in after.values
        if i in before.values
        and i not in scored
        and "available" in (before.values[i].status, after.values[i].status)
    ]
    changes = []
    for indicator_id in (*scored, *shown):
        old, new = before.values[indicator_id], after.values[indicator_id]
        direction = catalog.indicators[indicator_id].direction
        delta = None
        if isinstance(old.value, Fraction) and isinstance(new.value, Fraction):
            delta = new.value - old.value
        changes.append(
            IndicatorChange(
                indicator=indicator_id,
                before=old,
                after=new,
                change=_change(direction, old, new),
                delta=delta,
                points_before=_points(before.lines, indicator_id),
                points_after=_points(after.lines, indicator_id),
            )
        )
    return Comparison(before=before, after=after, changes=tuple(changes))


def _points(lines: Mapping[str, Line], indicator_id: str) -> Fraction | None:
    line = lines.get(indicator_id)
    return None if line is None else line.points
