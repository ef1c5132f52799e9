"""Exact numbers: rates as fractions, stated rates as intervals, targets, rounding.

Nothing here ever touches ``float``.  A rate is a :class:`~fractions.Fraction`;
a rate printed in a report without its counts ("64.1%") is an :class:`Interval`
of the true rates that print that way; a comparison with a target is decided by
integer cross-multiplication, and display rounds half-up (the convention of
Chinese official statistics) with :mod:`decimal`.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from typing import Literal, get_args

from attrs import frozen

__all__ = [
    "APPROX_QUALIFIERS",
    "Approx",
    "FlagTarget",
    "Interval",
    "Operator",
    "RateTarget",
    "Readiness",
    "Rounding",
    "StatedRate",
    "Target",
    "Verdict",
    "format_number",
    "format_percent",
    "format_ratio",
    "parse_rate_target",
    "parse_ratio",
    "parse_stated_rate",
    "parse_stated_ratio",
    "parse_target",
    "percent_places",
    "round_percent",
    "target_text",
]

Rounding = Literal["half_up", "truncate"]
ROUNDINGS: tuple[Rounding, ...] = get_args(Rounding)

#: A qualifier that marks a printed number as approximate:
#: 约 about, 近 nearly (a little under), 余/多 more than (a little over).
Approx = Literal["约", "近", "余", "多"]
APPROX_QUALIFIERS: tuple[Approx, ...] = get_args(Approx)


class Verdict(str, Enum):
    """The outcome of judging one indicator against one target."""

    MET = "MET"
    NOT_MET = "NOT_MET"
    UNDETERMINED = "UNDETERMINED"
    MISSING = "MISSING"
    NOT_APPLICABLE = "NOT_APPLICABLE"


class Readiness(str, Enum):
    """Whether a county can apply as a demonstration county now.

    ``INSUFFICIENT_DATA`` is NOT_READY on the figures given, but only because
    items have no data: counted as met, they would lift the best case to the
    pass line.  It tells "not ready" apart from "too little reported to judge".
    """

    READY = "READY"
    NOT_READY = "NOT_READY"
    INSUFFICIENT_DATA = "INSUFFICIENT_DATA"
    UNDETERMINED = "UNDETERMINED"


def _normalise(text: str) -> str:
    """Fold full-width digits and signs (９０.５％) to ASCII and strip blanks."""
    return unicodedata.normalize("NFKC", text).strip()


_NUMBER = re.compile(r"^(?P<int>\d+)(?:\.(?P<frac>\d+))?$")
_FRACTION = re.compile(r"^(?P<num>\d+)\s*/\s*(?P<den>\d+)$")


def parse_ratio(text: str) -> Fraction:
    """Parse ``"90%"``, ``"90.5%"``, ``"0.9"``, ``"9/10"`` or ``"1"`` exactly.

    Raises:
        ValueError: the text is not one of those forms.
    """
    clean = _normalise(text)
    percent = clean.endswith("%")
    body = clean[:-1].strip() if percent else clean
    match = _FRACTION.match(body)
    if match and not percent:
        den = int(match["den"])
        if den == 0:
            raise ValueError(f"{text!r} divides by zero")
        return Fraction(int(match["num"]), den)
    match = _NUMBER.match(body)
    if not match:
        raise ValueError(f"{text!r} is not a number, a percentage or a fraction")
    value = Fraction(Decimal(body))
    return value / 100 if percent else value


@frozen(kw_only=True)
class Interval:
    """A set of rates ``[low, high]``; each end may be open.

    Stated rates become half-open intervals; approximate counts become closed ones.
    """

    low: Fraction
    high: Fraction
    low_closed: bool = True
    high_closed: bool = False

    def __attrs_post_init__(self) -> None:
        """Reject empty intervals."""
        if self.low > self.high or (
            self.low == self.high and not (self.low_closed and self.high_closed)
        ):
            raise ValueError(f"empty interval {self}")

    def __contains__(self, value: Fraction) -> bool:
        """Whether ``value`` lies in the interval, ends included as declared."""
        above = value > self.low or (self.low_closed and value == self.low)
        below = value < self.high or (self.high_closed and value == self.high)
        return above and below

    def clip(self, low: Fraction, high: Fraction | None) -> Interval:
        """Intersect with the closed range ``[low, high]`` (``high=None``: unbounded)."""
        new_low, low_closed = (low, True) if self.low < low else (self.low, self.low_closed)
        if high is not None and self.high > high:
            new_high, high_closed = high, True
        else:
            new_high, high_closed = self.high, self.high_closed
        return Interval(low=new_low, high=new_high, low_closed=low_closed, high_closed=high_closed)

    def hull(self, other: Interval) -> Interval:
        """The smallest interval holding both."""
        if self.low < other.low or (self.low == other.low and self.low_closed):
            low, low_closed = self.low, self.low_closed
        else:
            low, low_closed = other.low, other.low_closed
        if self.high > other.high or (self.high == other.high and self.high_closed):
            high, high_closed = self.high, self.high_closed
        else:
            high, high_closed = other.high, other.high_closed
        return Interval(low=low, high=high, low_closed=low_closed, high_closed=high_closed)

    def __str__(self) -> str:
        """Mathematical notation with percentages."""
        left = "[" if self.low_closed else "("
        right = "]" if self.high_closed else ")"
        return f"{left}{_plain_percent(self.low)}, {_plain_percent(self.high)}{right}"


def _plain_percent(value: Fraction) -> str:
    as_percent = value * 100
    if as_percent.denominator == 1:
        return f"{as_percent.numerator}%"
    exact = Decimal(as_percent.numerator) / Decimal(as_percent.denominator)
    if Fraction(exact) == as_percent:
        return f"{exact.normalize():f}%"
    return f"{as_percent}%"


@frozen(kw_only=True)
class StatedRate:
    """A rate as printed in a report: its value, its written precision, its qualifier."""

    #: The text as written, e.g. ``"90.5%"``.
    text: str
    #: The printed value as an exact fraction (90.5% → 181/200).
    value: Fraction
    #: Decimal places of the percentage as written ("64.10%" → 2); a ratio
    #: printed as "1.2:1" is 120% to -1 places (one unit is 0.1, i.e. 10%).
    places: int
    #: 约, 近, 余 or 多 when the report hedged the number; ``None`` otherwise.
    approx: str | None = None

    @property
    def unit(self) -> Fraction:
        """One unit in the last written place, as a rate (0.1% → 1/1000)."""
        return Fraction(10) ** -(self.places + 2)

    def interval(self, rounding: Rounding | None = None) -> Interval:
        """The true rates that would print as this text.

        ``rounding=None`` means the report's rounding is unknown: the union of
        half-up and truncation.  A qualifier widens the interval by one unit in
        the direction it hedges (约 both ways, 近 below, 余/多 above).
        """
        key = (id(self), rounding)
        found = _INTERVALS.get(key)
        if found is not None and found[0] is self:
            return found[1]
        result = self._interval(rounding)
        if len(_INTERVALS) > 4096:
            _INTERVALS.clear()
        _INTERVALS[key] = (self, result)
        return result

    def plain_ends(self) -> tuple[int, int, int, int] | None:
        """:meth:`interval` of a rate printed without a qualifier, as integers.

        ``(low numerator, low denominator, high numerator, high denominator)`` of the
        half-open ``[low, high)``, not reduced; ``None`` for a qualified rate.  A
        country's panel asks this of every printed rate: no fraction is made.
        """
        if self.approx is not None or self.places < -2:
            return None
        # The hull of half-up [v - u/2, v + u/2) and truncation [v, v + u).
        scale, a, b = 10 ** (self.places + 2), self.value.numerator, self.value.denominator
        return max(2 * a * scale - b, 0), 2 * b * scale, a * scale + b, b * scale

    def _interval(self, rounding: Rounding | None) -> Interval:
        ends = self.plain_ends() if rounding is None else None
        if ends is not None:
            low_num, low_den, high_num, high_den = ends
            return Interval(low=Fraction(low_num, low_den), high=Fraction(high_num, high_den))
        if rounding is None:
            result = self._printed_as("half_up").hull(self._printed_as("truncate"))
        else:
            result = self._printed_as(rounding)
        if self.approx in {"约", "近"}:
            result = Interval(
                low=result.low - self.unit,
                high=result.high,
                low_closed=True,
                high_closed=result.high_closed,
            )
        if self.approx in {"约", "余", "多"}:
            result = Interval(
                low=result.low,
                high=result.high + self.unit,
                low_closed=result.low_closed,
                high_closed=True,
            )
        return result.clip(Fraction(0), None)

    def _printed_as(self, rounding: Rounding) -> Interval:
        if rounding == "half_up":
            return Interval(low=self.value - self.unit / 2, high=self.value + self.unit / 2)
        return Interval(low=self.value, high=self.value + self.unit)

    def matches(self, value: Fraction, rounding: Rounding) -> bool:
        """Whether ``value`` prints as this text under ``rounding``."""
        if self.approx:
            return value in self.interval(rounding)
        return Fraction(round_percent(value, self.places, rounding)) == self.value * 100


#: Each printed rate's intervals, by its identity and the rounding: a rate is immutable,
#: and scoring and auditing a county ask for the same intervals again.
_INTERVALS: dict[tuple[int, Rounding | None], tuple[StatedRate, Interval]] = {}

_STATED = re.compile(
    r"^(?P<pre>[约近])?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<post>[余多])?\s*%\s*(?P<post2>[余多])?$"
)


def parse_stated_rate(text: str) -> StatedRate:
    """Parse a printed rate such as ``"90.5%"``, ``"约95%"``, ``"90%多"``.

    Full-width digits and percent signs are accepted and normalised.

    Raises:
        ValueError: the text is not a percentage.
    """
    clean = _normalise(text)
    match = _STATED.match(clean)
    if not match:
        raise ValueError(f"{text!r} is not a percentage such as '90.5%'")
    whole, _, decimals = match["num"].partition(".")
    approx = match["pre"] or match["post"] or match["post2"]
    # 90.5 (%) is 905 / 10**3: exact, in integers.
    value = Fraction(int(whole + decimals), 10 ** (len(decimals) + 2))
    return StatedRate(text=text, value=value, places=len(decimals), approx=approx)


_STATED_RATIO = re.compile(r"^(?P<pre>[约近])?\s*(?P<num>\d+(?:\.\d+)?)\s*:\s*1$")


def parse_stated_ratio(text: str) -> StatedRate:
    """Parse a ratio printed as ``"1.04:1"`` (one count per one of another).

    The written decimals of the first number give the precision: ``"1.04:1"``
    is 104% to 0 places, ``"1.2:1"`` is 120% to -1 places.  A full-width colon
    is accepted.

    Raises:
        ValueError: the text is not ``a:1``.
    """
    match = _STATED_RATIO.match(_normalise(text))
    if not match:
        raise ValueError(f"{text!r} is not a ratio such as '1.04:1'")
    number = match["num"]
    decimals = len(number.split(".")[1]) if "." in number else 0
    return StatedRate(
        text=text, value=Fraction(Decimal(number)), places=decimals - 2, approx=match["pre"]
    )


def round_percent(value: Fraction, places: int, rounding: Rounding = "half_up") -> Decimal:
    """``value`` as a percentage rounded to ``places`` decimals, exactly.

    Half-up rounds halves away from zero, as Chinese statistics do.
    """
    return _rounded(value.numerator * 100, value.denominator, places, rounding)


def _rounded(numerator: int, denominator: int, places: int, rounding: Rounding) -> Decimal:
    """``numerator / denominator`` rounded to ``places`` decimals, in whole numbers only."""
    if places >= 0:
        numerator *= 10**places
    else:
        denominator *= 10**-places
    whole, remainder = divmod(abs(numerator), denominator)
    if rounding == "half_up" and 2 * remainder >= denominator:
        whole += 1
    return Decimal(-whole if numerator < 0 else whole).scaleb(-places)


def format_number(value: Fraction, places: int = 2) -> str:
    """A plain number rounded half-up to at most ``places`` decimals: ``7.01``, ``80``."""
    rounded = _rounded(value.numerator, value.denominator, places, "half_up")
    text = f"{rounded:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent_places(value: Fraction) -> int:
    """The fewest decimals that write ``value`` as an exact percentage, or 0."""
    for places in range(6):
        if (value * 100 * 10**places).denominator == 1:
            return places
    return 0


def format_percent(value: Fraction, places: int) -> str:
    """Half-up display, e.g. ``401/443`` at 1 place → ``"90.5%"``."""
    return f"{round_percent(value, places):f}%"


def format_ratio(value: Fraction, places: int) -> str:
    """Half-up display as one to one, e.g. ``52/50`` at 2 places → ``"1.04:1"``."""
    return f"{round_percent(value / 100, places):f}:1"


Operator = Literal[">=", ">", "<=", "<", "=="]
_TARGET = re.compile(r"^(?P<op>>=|<=|==|>|<|≥|≤|=)\s*(?P<value>.+)$")
_OP_ALIASES: dict[str, Operator] = {
    "≥": ">=",
    "≤": "<=",
    "=": "==",
    ">=": ">=",
    "<=": "<=",
    "==": "==",
    ">": ">",
    "<": "<",
}


@frozen(kw_only=True)
class RateTarget:
    """A target on a rate such as ``>= 95%``, decided by exact comparison."""

    text: str
    op: Operator
    value: Fraction

    def met_by(self, value: Fraction) -> bool:
        """Whether an exact rate meets the target (cross-multiplied, never float)."""
        if self.op == ">=":
            return value >= self.value
        if self.op == ">":
            return value > self.value
        if self.op == "<=":
            return value <= self.value
        if self.op == "<":
            return value < self.value
        return value == self.value

    def met_near(self, value: Fraction, *, below: bool) -> bool:
        """Whether every rate just below (or just above) ``value`` meets the target.

        An open end of an interval is not a value the data allow; what the rates
        inside approach it with is.  ``94.9%`` printed stands for [94.85%, 95%),
        whose rates never meet ``>= 95%`` although the end itself would.
        """
        t = self.value
        if self.op in (">=", ">"):
            return value > t if below else value >= t
        if self.op in ("<=", "<"):
            return value <= t if below else value < t
        return False

    def judge(self, interval: Interval) -> Verdict:
        """MET or NOT_MET only when every rate in ``interval`` agrees."""
        t = self.value
        all_meet: bool
        none_meet: bool
        if self.op == ">=":
            all_meet = interval.low >= t
            none_meet = interval.high < t or (interval.high == t and not interval.high_closed)
        elif self.op == ">":
            all_meet = interval.low > t or (interval.low == t and not interval.low_closed)
            none_meet = interval.high <= t
        elif self.op == "<=":
            all_meet = interval.high <= t
            none_meet = interval.low > t or (interval.low == t and not interval.low_closed)
        elif self.op == "<":
            all_meet = interval.high < t or (interval.high == t and not interval.high_closed)
            none_meet = interval.low >= t
        else:
            all_meet = interval.low == interval.high == t
            none_meet = t not in interval
        if all_meet:
            return Verdict.MET
        return Verdict.NOT_MET if none_meet else Verdict.UNDETERMINED

    @property
    def higher_is_better(self) -> bool:
        """Whether raising the value moves toward the target."""
        return self.op in {">=", ">", "=="}

    def __str__(self) -> str:
        """The target as written."""
        return self.text


@frozen(kw_only=True)
class FlagTarget:
    """A yes/no target (``"true"``), e.g. for a deadline kept."""

    text: str
    value: bool

    def met_by(self, value: bool) -> bool:  # noqa: FBT001 - a value, not a flag
        """Whether a yes/no value is the one wanted."""
        return value is self.value

    def __str__(self) -> str:
        """The target as written."""
        return self.text


#: A target: on a rate, or yes/no.  Each kind holds only what it needs, so a
#: yes/no target can never be compared with a rate.
Target = RateTarget | FlagTarget


#: How a clerk writes each operator in Chinese: ``≥95%``, and an equality as the bare ``100%``.
_OPS_ZH: dict[Operator, str] = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": ""}


def target_text(target: Target, lang: str = "en", *, deadline: bool = False) -> str:
    """A target as a reader of ``lang`` writes it.

    English keeps the profile's own text (``>= 95%``, ``true``); Chinese writes it
    as a 自评表 does: ``≥95%``, ``≤15%``, ``100%``, and a yes/no target ``是``
    (``按时`` for a ``deadline`` kept, ``否`` or ``逾期`` for its opposite).
    """
    if lang != "zh":
        return target.text
    if isinstance(target, FlagTarget):
        if deadline:
            return "按时" if target.value else "逾期"
        return "是" if target.value else "否"
    shown = format_percent(target.value, percent_places(target.value))
    return _OPS_ZH[target.op] + shown


def parse_target(text: str) -> Target:
    """Parse ``">= 95%"``, ``"<= 15%"``, ``"== 100%"``, ``"true"``.

    Raises:
        ValueError: the text is not a target.
    """
    clean = _normalise(text)
    if clean.lower() in {"true", "false"}:
        return FlagTarget(text=text, value=clean.lower() == "true")
    match = _TARGET.match(clean)
    if not match:
        raise ValueError(f"{text!r} is not a target such as '>= 95%' or '<= 15%'")
    return RateTarget(text=text, op=_OP_ALIASES[match["op"]], value=parse_ratio(match["value"]))


def parse_rate_target(text: str) -> RateTarget:
    """Parse a target on a rate (``">= 95%"``), refusing a yes/no target.

    Raises:
        ValueError: the text is not a target on a rate.
    """
    target = parse_target(text)
    if not isinstance(target, RateTarget):
        raise ValueError(  # noqa: TRY004 - a parse failure, like every other bad text
            f"{text!r} is a yes/no target, not a target on a rate"
        )
    return target
