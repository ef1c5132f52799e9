"""What the catalogue defines: fields, indicators, profiles — immutable values.

These classes never read files; the loaders build them from YAML after checking
it.  Where a definition comes in kinds (a rate or a deadline indicator; a scoring
rule), each kind is its own class holding only what it needs, so that an
impossible combination cannot be built.  Every definition carries its Chinese and English name
and a :class:`Source`, so that a number can always be traced to a document.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import ClassVar, Literal

from attrs import Factory, field, frozen
from attrs.validators import min_len

from fazhi_indicators.errors import UnknownIdError
from fazhi_indicators.exact import Target
from fazhi_indicators.tree import Edition

__all__ = [
    "AllOrNothing",
    "Area",
    "Bands",
    "Basis",
    "Catalog",
    "Check",
    "CountCheck",
    "CountSteps",
    "DeadlineIndicator",
    "Deduct",
    "Dimension",
    "DimensionCategory",
    "Direction",
    "Expression",
    "FieldDef",
    "FieldType",
    "Grade",
    "IndicatorDef",
    "Item",
    "ItemKind",
    "Linear",
    "Manual",
    "NotApplicable",
    "OwnIndicator",
    "Partial",
    "PerEvent",
    "PerShortfall",
    "PerStep",
    "Profile",
    "ProfileBasis",
    "RateIndicator",
    "RateKind",
    "Rule",
    "Setting",
    "Source",
    "Text",
    "Trend",
    "Veto",
    "YesNo",
]

#: Why a definition or threshold holds: a statute makes it so (``law``), a
#: published government document states it (``official``), published reports
#: apply it (``practice``), or this project chose it (``assumption``).
Basis = Literal["law", "official", "practice", "assumption"]
#: A profile's thresholds rest on a statute, a document or an assumption; a
#: practice seen in reports does not make a threshold.
ProfileBasis = Literal["law", "official", "assumption"]
FieldType = Literal["count", "boolean", "date"]
#: ``share``: a part of a whole, never above 100%; ``clearance``: closed over
#: received, may exceed 100% through carry-over; ``ratio``: one count per one of
#: another (review cases to litigation cases), printed ``1.04:1``.
RateKind = Literal["share", "clearance", "ratio"]
Direction = Literal["higher", "lower", "neutral"]
#: How an item that does not apply (zero denominator) is scored: left out of the
#: maximum (``exclude``) or given its full points (``award``).
NotApplicable = Literal["exclude", "award"]


@frozen(kw_only=True)
class Text:
    """A label in Chinese and English."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        """The label in ``lang`` (``zh`` or ``en``)."""
        return self.zh if lang == "zh" else self.en


@frozen(kw_only=True)
class Source:
    """Where a definition or threshold comes from."""

    basis: Basis
    title: str = ""
    url: str | None = None
    note: str | None = None


@frozen(kw_only=True)
class FieldDef:
    """A raw yearly fact a county reports (a count, a yes/no, a date)."""

    id: str
    name: Text
    type: FieldType = "count"
    unit: Text | None = None
    #: Fields that add up to this one (a breakdown).
    parts: tuple[str, ...] = ()
    #: Whether the parts are meant to cover the whole total.
    complete: bool = False
    #: A field this one is a subset of (not a part: it cuts across the parts).
    subset_of: str | None = None
    #: When set, this field equals the sum of these and may be derived from them.
    sum_of: tuple[str, ...] = ()
    #: What is counted and what is left out, in one line in each language.
    description: Text | None = None
    source: Source | None = None

    @property
    def domain(self) -> str:
        """The part of the id before the dot."""
        return self.id.split(".", 1)[0]


@frozen(kw_only=True)
class Expression:
    """A signed sum of fields, e.g. ``closed - withdrawn - terminated``."""

    terms: tuple[tuple[int, str], ...]

    @property
    def fields(self) -> tuple[str, ...]:
        """The field ids used, in order."""
        return tuple(name for _, name in self.terms)

    @property
    def single_field(self) -> str | None:
        """The field id when the expression is just one field."""
        if len(self.terms) == 1 and self.terms[0][0] == 1:
            return self.terms[0][1]
        return None

    def __str__(self) -> str:
        """As written: ``a + b - c``."""
        text = ""
        for sign, name in self.terms:
            if text:
                text += " + " if sign > 0 else " - "
            elif sign < 0:
                text = "-"
            text += name
        return text


@frozen(kw_only=True)
class _Indicator:
    """What every kind of indicator has: an id, names, a better direction, a source."""

    id: str
    name: Text
    direction: Direction
    #: What the indicator measures, in one line in each language.
    description: Text | None = None
    source: Source | None = None

    @property
    def domain(self) -> str:
        """The part of the id before the dot."""
        return self.id.split(".", 1)[0]


@frozen(kw_only=True)
class RateIndicator(_Indicator):
    """A computed rate: one signed sum of fields over another."""

    kind: RateKind
    numerator: Expression
    denominator: Expression
    #: Decimal places of the percentage when displayed.
    precision: int = 1

    @property
    def fields(self) -> tuple[str, ...]:
        """Every field the indicator reads."""
        return tuple(dict.fromkeys(self.numerator.fields + self.denominator.fields))

    def formula(self) -> str:
        """The formula as text, for reports and the catalogue listing."""
        return f"({self.numerator}) / ({self.denominator})"


@frozen(kw_only=True)
class DeadlineIndicator(_Indicator):
    """Whether a date field falls on or before a day of the year after the reporting year."""

    #: The kind, as catalogue files and JSON name it.
    kind: ClassVar[Literal["deadline"]] = "deadline"

    date_field: str
    #: The deadline (month, day) in the year after the reporting year.
    deadline: tuple[int, int]
    #: The year of the deadline from the reporting year: 1, the year after (a report on
    #: the year, by 1 April); 0, the reporting year itself (a report in its December).
    year_offset: int = 1

    @property
    def fields(self) -> tuple[str, ...]:
        """Every field the indicator reads."""
        return (self.date_field,)

    def formula(self) -> str:
        """The formula as text, for reports and the catalogue listing."""
        month, day = self.deadline
        year = "the next year" if self.year_offset else "the same year"
        return f"{self.date_field} <= {month:02d}-{day:02d} of {year}"


#: A computed indicator: a rate, or a deadline kept.
IndicatorDef = RateIndicator | DeadlineIndicator


@frozen(kw_only=True)
class AllOrNothing:
    """Full points when the target is met, else 0."""

    kind: ClassVar[str] = "all_or_nothing"


@frozen(kw_only=True)
class Linear:
    """0 at ``floor``, full points at the target, a straight line between."""

    kind: ClassVar[str] = "linear"
    floor: Fraction


@frozen(kw_only=True)
class Deduct:
    """``per_point`` points off per percentage point short of the target, floored at 0."""

    kind: ClassVar[str] = "deduct"
    per_point: Fraction


@frozen(kw_only=True)
class Bands:
    """The first band whose target the value meets gives its points."""

    kind: ClassVar[str] = "bands"
    bands: tuple[tuple[Target, Fraction], ...] = field(validator=min_len(1))


@frozen(kw_only=True)
class PerStep:
    """``per`` points off for each ``every`` short of the target (「每10个百分点扣1分」).

    Only whole steps count, unless ``started``: then a step begun counts as a whole
    one.  ``cap`` bounds the deduction; the points never fall below 0.
    """

    kind: ClassVar[str] = "step"
    every: Fraction
    per: Fraction
    cap: Fraction | None = None
    started: bool = False


@frozen(kw_only=True)
class PerEvent:
    """``per`` points off for each event above the item's maximum (「每件扣1分，以4分为限」)."""

    kind: ClassVar[str] = "per_event"
    per: Fraction
    cap: Fraction | None = None


@frozen(kw_only=True)
class PerShortfall:
    """``per`` points off for each one missing below the item's minimum (「每少一次扣0.5分」)."""

    kind: ClassVar[str] = "per_shortfall"
    per: Fraction
    cap: Fraction | None = None


@frozen(kw_only=True)
class Partial:
    """Named sub-requirements, each worth its points: the item keeps what none of them loses.

    The item scores its points less the sum of what each requirement loses,
    floored at 0, so shares may add up to the points (「缺一项扣一半」), to more
    (deductions floored at 0) or to less (what a table never deducts).
    """

    kind: ClassVar[str] = "partial"
    requirements: tuple[Item, ...] = field(validator=min_len(1))


#: How an item's points follow from its value.
Rule = AllOrNothing | Linear | Deduct | Bands | PerStep | PerEvent | PerShortfall | Partial

#: What a profile item judges.  ``rate`` is a catalogue indicator against a target;
#: the others are the kinds of :data:`Check`, and ``partial`` an item made of
#: sub-requirements.
ItemKind = Literal[
    "rate",
    "ratio",
    "coverage",
    "deadline",
    "boolean",
    "zero_count",
    "max_count",
    "min_count",
    "trend_up",
    "trend_down",
    "manual",
    "partial",
]


@frozen(kw_only=True)
class OwnIndicator:
    """A rate or a deadline the item defines itself (``ratio``, ``coverage``, ``deadline``).

    Scored as a catalogue indicator would be; ``definition`` is the catalogue's own
    when the item names one (coverage of a catalogue share, a deadline indicator).
    """

    kind: Literal["ratio", "coverage", "deadline"]
    definition: IndicatorDef


@frozen(kw_only=True)
class YesNo:
    """A yes/no field with the wanted answer; ``evidence_required``: a yes needs a document."""

    kind: ClassVar[Literal["boolean"]] = "boolean"
    field: str
    want: bool = True
    evidence_required: bool = False


@frozen(kw_only=True)
class CountSteps:
    """A minimum that depends on another count: 黄岛 2015, ≤5 cases → 1, 5–10 → 2, >10 → 3.

    ``steps`` are ``(up_to, minimum)`` in rising order; the last has ``up_to`` ``None``.
    """

    per: str
    steps: tuple[tuple[int | None, int], ...] = field(validator=min_len(1))

    def minimum(self, count: int) -> int:
        """The minimum for a value of the other count."""
        for up_to, least in self.steps:
            if up_to is None or count <= up_to:
                return least
        return self.steps[-1][1]

    def minimum_range(self, low: int, high: int) -> tuple[int, int]:
        """The least and the most minimum over every other count from ``low`` to ``high``."""
        found: list[int] = []
        below = -1
        for up_to, least in self.steps:
            top = high if up_to is None else up_to
            if top >= low and below < high:  # the step (below, up_to] meets [low, high]
                found.append(least)
            if up_to is not None:
                below = up_to
        return min(found), max(found)


@frozen(kw_only=True)
class CountCheck:
    """A count against a maximum (``zero_count``: 0; ``max_count``) or a minimum (``min_count``)."""

    kind: Literal["zero_count", "max_count", "min_count"]
    field: str
    at_most: int | None = None
    at_least: int | CountSteps | None = None


@frozen(kw_only=True)
class Trend:
    """This year's value against the previous year's: rising (逐年提高) or falling (不断压缩)."""

    kind: Literal["trend_up", "trend_down"]
    #: A count field, or an indicator when ``of_indicator``.
    subject: str
    of_indicator: bool = False
    allow_equal: bool = False


@frozen(kw_only=True)
class Manual:
    """An item a person scores after reviewing the evidence (「酌情扣分」)."""

    kind: ClassVar[Literal["manual"]] = "manual"


#: What an item judges when it is not a catalogue indicator against its target.
Check = OwnIndicator | YesNo | CountCheck | Trend | Manual


def _default_item_id(item: Item) -> str:
    return item.indicator


@frozen(kw_only=True)
class Item:
    """One scored line of a profile: what it judges, its target, its points, its rule.

    An item of a catalogue indicator has ``check`` ``None``.  Any other item has a
    ``check`` (or a :class:`Partial` rule) and ``indicator`` is its own id, so that
    every line of a scorecard is keyed and named alike; its ``target`` is then
    ``true`` (the check holds) unless it is a rate of its own.
    """

    indicator: str
    target: Target
    points: Fraction
    rule: Rule = field(factory=AllOrNothing)
    mandatory: bool = False
    source: Source
    #: The item's id, unique in the profile: the indicator's id unless given.
    id: str = field(default=Factory(_default_item_id, takes_self=True))
    #: The item's own name; ``None``: its indicator's.
    name: Text | None = None
    check: Check | None = None
    #: The node of an official indicator tree the item scores, as
    #: ``edition/node id`` (``2021/item-3``); ``None`` when not attached.
    node: str | None = None

    @property
    def kind(self) -> ItemKind:
        """What the item judges, as profiles name it."""
        if isinstance(self.rule, Partial):
            return "partial"
        if self.check is None:
            return "rate"
        return self.check.kind


@frozen(kw_only=True)
class Area:
    """A group of items (一级指标)."""

    id: str
    name: Text
    items: tuple[Item, ...]
    #: Indicators shown with the area but not scored (no agreed better direction).
    monitor: tuple[str, ...] = ()


@frozen(kw_only=True)
class Veto:
    """A condition that disqualifies a county whatever its score (一票否决)."""

    id: str
    name: Text
    field: str
    #: The value of the event field that triggers the veto.
    when: bool
    source: Source


@frozen(kw_only=True)
class Grade:
    """A named band of the total, e.g. 优秀 at 90 or more."""

    name: Text
    min_total: Fraction


@frozen(kw_only=True)
class Setting:
    """A number a profile chooses (pass line, coverage), with its basis."""

    value: Fraction
    source: Source


def _default_min_applicable() -> Setting:
    return Setting(
        value=Fraction(1, 2),
        source=Source(
            basis="assumption",
            note="The library's default when a profile sets no min_applicable: a verdict"
            " needs at least half of the profile's points to apply.",
        ),
    )


@frozen(kw_only=True)
class Profile:
    """A set of criteria to score a county against, versioned."""

    id: str
    version: str
    title: Text
    jurisdiction: str
    effective_from: int
    effective_to: int | None
    areas: tuple[Area, ...]
    pass_line: Setting
    min_coverage: Setting
    grades: tuple[Grade, ...] = ()
    vetoes: tuple[Veto, ...] = ()
    extends: str | None = None
    description: str | None = None
    grades_source: Source | None = None
    #: How an item that does not apply (zero denominator) is scored: left out of
    #: the maximum (``exclude``) or given its full points (``award``).
    not_applicable: NotApplicable = "exclude"
    #: The least share of the profile's points that must apply (not be ruled out
    #: by a zero denominator) before a county can be READY: a county with nothing
    #: to show is not a model county.
    min_applicable: Setting = field(factory=_default_min_applicable)

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item of every area, in order."""
        return tuple(item for area in self.areas for item in area.items)

    def item(self, item_id: str) -> Item:
        """The item with this id (an indicator item's id is the indicator's)."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise UnknownIdError("profile item", item_id, (i.id for i in self.items))

    def assumption_count(self) -> int:
        """How many thresholds rest on ``basis: assumption``."""
        sources = [item.source for item in self.items]
        sources += [self.pass_line.source, self.min_coverage.source, self.min_applicable.source]
        sources += [veto.source for veto in self.vetoes]
        if self.grades_source is not None:
            sources += [self.grades_source] * len(self.grades)
        return sum(1 for s in sources if s.basis == "assumption")

    @property
    def max_total(self) -> Fraction:
        """The sum of every item's points."""
        return sum((item.points for item in self.items), Fraction(0))


@frozen(kw_only=True)
class DimensionCategory:
    """A category a dimension knows (政府信息公开 under 申请事项), by a stable code."""

    code: str
    name: Text
    #: Other names reports print for it (政府信息公开 for 信息公开).
    also: tuple[str, ...] = ()


@frozen(kw_only=True)
class Dimension:
    """A way reports break a figure down (申请事项, 行政管理类别…), with the categories it knows.

    A report's own categories are free text; a known one carries its code, so that
    two counties' tables can be lined up.
    """

    id: str
    name: Text
    categories: tuple[DimensionCategory, ...] = ()
    source: Source | None = None


@frozen(kw_only=True)
class Catalog:
    """Every field, indicator and profile known to the library."""

    domains: Mapping[str, Text]
    fields: Mapping[str, FieldDef]
    indicators: Mapping[str, IndicatorDef]
    profiles: Mapping[str, Profile]
    #: The editions of the official indicator tree, by edition id.
    trees: Mapping[str, Edition] = field(factory=dict)
    #: The dimensions a field may be broken down along, by id.
    dimensions: Mapping[str, Dimension] = field(factory=dict)

    def field(self, field_id: str) -> FieldDef:
        """The field with this id, or :class:`UnknownIdError` with suggestions."""
        try:
            return self.fields[field_id]
        except KeyError:
            raise UnknownIdError("field", field_id, self.fields) from None

    def indicator(self, indicator_id: str) -> IndicatorDef:
        """The indicator with this id, or :class:`UnknownIdError` with suggestions."""
        try:
            return self.indicators[indicator_id]
        except KeyError:
            raise UnknownIdError("indicator", indicator_id, self.indicators) from None

    def profile(self, profile_id: str) -> Profile:
        """The profile with this id, or :class:`UnknownIdError` with suggestions."""
        try:
            return self.profiles[profile_id]
        except KeyError:
            raise UnknownIdError("profile", profile_id, self.profiles) from None

    def parts_of(self, field_id: str) -> tuple[str, ...]:
        """The declared breakdown of a field (empty when it has none)."""
        return self.fields[field_id].parts
