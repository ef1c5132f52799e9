"""The points a rule gives a value: exact, monotone, never below 0 nor above the item's.

Kept apart from scoring so that the panel scorer, which judges whole columns, uses
these same functions without loading what a whole scorecard needs (the audit,
history, the text renderer).
"""

from __future__ import annotations

import math
from fractions import Fraction

from fazhi_indicators.definitions import Bands, Deduct, Item, Linear, PerStep
from fazhi_indicators.exact import FlagTarget, Interval, RateTarget, Verdict

__all__ = ["less", "points_for", "points_range", "step_points"]


def _fraction_of_line(value: Fraction, rule_floor: Fraction, target: Fraction) -> Fraction:
    """1 at the target, 0 at the floor's distance from it or farther, straight between."""
    return max(1 - abs(value - target) / abs(rule_floor - target), Fraction(0))


def points_for(item: Item, value: Fraction | bool) -> Fraction:  # noqa: FBT001 - a value
    """Points an exact value earns under the item's rule."""
    target = item.target
    if isinstance(target, FlagTarget):
        return item.points if isinstance(value, bool) and target.met_by(value) else Fraction(0)
    if isinstance(value, bool):
        return Fraction(0)
    if target.met_by(value):
        return item.points
    return _partial_points(item, target, value)


def _partial_points(item: Item, target: RateTarget, value: Fraction) -> Fraction:
    """What a rule gives a rate that misses its target."""
    rule = item.rule
    if isinstance(rule, Linear) and rule.floor != target.value:
        return item.points * _fraction_of_line(value, rule.floor, target.value)
    if isinstance(rule, Deduct):
        short = abs(target.value - value) * 100
        return max(item.points - rule.per_point * short, Fraction(0))
    if isinstance(rule, Bands):
        for band, band_points in rule.bands:
            if isinstance(band, RateTarget) and band.met_by(value):
                return min(band_points, item.points)
    if isinstance(rule, PerStep):
        return step_points(item.points, rule, abs(target.value - value))
    return Fraction(0)


def less(points: Fraction, deduction: Fraction, cap: Fraction | None) -> Fraction:
    """``points`` less ``deduction`` (at most ``cap``), never below 0."""
    if cap is not None:
        deduction = min(deduction, cap)
    return max(points - deduction, Fraction(0))


def step_points(
    points: Fraction, rule: PerStep, short: Fraction, near: str | None = None
) -> Fraction:
    """Points ``short`` of the target under a step rule: ``per`` off per ``every``.

    ``near`` is ``"above"`` or ``"below"`` for the shortfalls just above or just
    below ``short`` (an open end of an interval): a step counts from its start.
    """
    steps_short = short / rule.every
    whole, started = math.floor(steps_short), math.ceil(steps_short)
    if near == "above":
        started = whole + 1
    elif near == "below":
        whole = started - 1
    return less(points, rule.per * (started if rule.started else whole), rule.cap)


def _points_near(item: Item, target: RateTarget, value: Fraction, *, below: bool) -> Fraction:
    """Points of the rates just below (or above) ``value``: an open end of an interval.

    Linear and deduction rules are continuous, so the limit is their value there;
    a band or an all-or-nothing target is a step, taken as the side inside decides.
    """
    if target.met_near(value, below=below):
        return item.points
    rule = item.rule
    if isinstance(rule, PerStep):
        # Moving toward the target shrinks the shortfall: from which side does it come?
        toward = (value < target.value) != below
        near = "above" if value == target.value or not toward else "below"
        return step_points(item.points, rule, abs(target.value - value), near)
    if isinstance(rule, Bands):
        for band, band_points in rule.bands:
            if isinstance(band, RateTarget) and band.met_near(value, below=below):
                return min(band_points, item.points)
        return Fraction(0)
    return _partial_points(item, target, value)


def points_range(item: Item, status: Verdict, interval: Interval) -> tuple[Fraction, Fraction]:
    """Points over an interval: the rules are monotone, so the ends bound them.

    A closed end is a rate the data allow and scores as itself; an open end is
    not, and scores as the rates inside approach it (:func:`_points_near`): "99%"
    against ``== 100%`` earns 0, and "94.9%" under a band ``>= 95%`` earns the
    band below.
    """
    target = item.target
    if not isinstance(target, RateTarget):
        return Fraction(0), item.points
    ends = (
        points_for(item, interval.low)
        if interval.low_closed
        else _points_near(item, target, interval.low, below=False),
        points_for(item, interval.high)
        if interval.high_closed
        else _points_near(item, target, interval.high, below=True),
    )
    high = item.points if status == Verdict.UNDETERMINED else max(ends)
    return min(ends), high
