"""Score a county's indicators against a profile: points, gaps, verdict, reasons.

Pure functions of immutable values.  Every number is a Fraction; a value known
only as an interval scores as a range of points, and the verdict is READY only
when even the worst case in every range passes.  A :class:`Scorecard` keeps the
catalogue it was scored with, so that it can render itself with the right names.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction

import attrs
from attrs import field, frozen

from fazhi_indicators import render
from fazhi_indicators.audit import AuditEntry, audit
from fazhi_indicators.compute import FieldBounds, IndicatorValue, compute, resolve_fields
from fazhi_indicators.county import CountyYear, EarlierYear, Evidence, ManualScore, StatedChange
from fazhi_indicators.definitions import (
    Catalog,
    CountCheck,
    FieldDef,
    Grade,
    IndicatorDef,
    Item,
    Manual,
    OwnIndicator,
    Partial,
    PerEvent,
    PerShortfall,
    Profile,
    RateIndicator,
    Text,
    Trend,
    YesNo,
)
from fazhi_indicators.errors import Problem, ProfileNotApplicableError
from fazhi_indicators.exact import (
    FlagTarget,
    Interval,
    RateTarget,
    Readiness,
    Target,
    Verdict,
    format_number,
    format_percent,
)
from fazhi_indicators.points import less, points_for, points_range
from fazhi_indicators.tables import data_frame

__all__ = [
    "AreaResult",
    "Gap",
    "Line",
    "Readiness",
    "Reason",
    "RequirementResult",
    "Scorecard",
    "score",
]


@frozen(kw_only=True)
class Reason:
    """One reason for the verdict, in both languages."""

    code: str
    text: str
    text_zh: str
    #: Whether this reason alone rules out READY (as opposed to leaving it open).
    blocking: bool


@frozen(kw_only=True)
class Gap:
    """The least whole change of one field that meets the target, others fixed."""

    field: str
    #: Positive: that many more; negative: that many fewer.
    change: int


@frozen(kw_only=True)
class Line:
    """One scored item."""

    indicator: str
    area: str
    status: Verdict
    value: IndicatorValue
    target: Target
    points: Fraction
    #: The most the item could score given what is known (equal to ``points``
    #: unless the value is an interval).
    points_high: Fraction
    max_points: Fraction
    mandatory: bool
    gap: Gap | None = None
    #: The item's name: its own, or its indicator's.
    name: Text = field(factory=lambda: Text(zh="", en=""))
    #: What the item judges, as profiles name it (``rate``, ``boolean``, ``min_count``…).
    kind: str = "rate"
    #: The value as a person reads it, for kinds whose value is not a rate.
    shown: Text | None = None
    #: The target as a person reads it, for kinds whose target is not a rate.
    target_shown: Text | None = None
    #: Why the item stands as it does, when the figures alone do not say (no
    #: previous year, a yes without evidence, a score still to be given).
    note: Text | None = None
    #: The documents the county file gives behind the item's yes/no field.
    evidence: tuple[Evidence, ...] = ()
    #: A person's score of a manual item, when one is entered.
    manual: ManualScore | None = None
    #: Each sub-requirement of a partial item, as judged.
    requirements: tuple[RequirementResult, ...] = ()


@frozen(kw_only=True)
class RequirementResult:
    """One sub-requirement of a partial item: its verdict and the points it keeps."""

    id: str
    name: Text
    kind: str
    status: Verdict
    points: Fraction
    points_high: Fraction
    max_points: Fraction
    shown: Text | None = None
    note: Text | None = None


@frozen(kw_only=True)
class AreaResult:
    """Subtotal of one area."""

    id: str
    points: Fraction
    max_points: Fraction


@frozen(kw_only=True)
class Scorecard:
    """A county-year scored against a profile."""

    county: str
    year: int
    profile: Profile
    verdict: Readiness
    reasons: tuple[Reason, ...]
    lines: Mapping[str, Line]
    areas: tuple[AreaResult, ...]
    #: Points assured by what is known.
    total: Fraction
    #: Points possible if every undetermined item fell the best way (items with
    #: no data count 0).
    total_high: Fraction
    #: ``total_high`` with every item that has no data counted as met.
    total_if_missing_met: Fraction
    #: The sum of the points of items that apply.
    max_total: Fraction
    grade: Grade | None
    #: Share of the applicable maximum that rests on reported data.
    coverage: Fraction
    #: Share of the profile's points whose items apply (are not ruled out by a
    #: zero denominator), whatever the not-applicable policy.
    applicable: Fraction
    values: Mapping[str, IndicatorValue]
    audit: tuple[AuditEntry, ...]
    #: Indicators shown but not scored, by area id.
    monitored: Mapping[str, tuple[str, ...]]
    #: The province the county file names, if any.
    province: str | None = None
    #: Where the figures come from (title, publisher, url...), as the county file says.
    source: Mapping[str, str] = field(factory=dict)
    #: The county file's notes, by field or indicator id.
    notes: Mapping[str, str] = field(factory=dict)
    #: The figures scored, as read: reports show what the card does not score
    #: (breakdowns, figures with no field, a figure's period and scope).
    county_year: CountyYear | None = field(default=None, eq=False, repr=False)
    #: Things to look at that do not change the score: the data's own warnings
    #: (a date inside the reporting year...) and a profile of another province.
    warnings: tuple[Problem, ...] = ()
    #: Earlier years' figures the county file gives or an earlier file attached, by year.
    previous: Mapping[int, EarlierYear] = field(factory=dict)
    #: Changes from earlier years as the report prints them (checked in ``audit``).
    changes: tuple[StatedChange, ...] = ()
    #: The catalogue the card was scored with: its names label every report.
    catalog: Catalog = field(eq=False, repr=False)

    @property
    def assumptions(self) -> int:
        """How many thresholds of the profile rest on ``basis: assumption``."""
        return self.profile.assumption_count()

    def to_json(self) -> str:
        """The stable machine interface (schema ``fazhi.scorecard/2``)."""
        return render.scorecard_json(self)

    def to_markdown(self, lang: str = "zh") -> str:
        """A Markdown report for people."""
        return render.scorecard_markdown(self, lang)

    def to_text(self, lang: str = "zh", width: int = 120) -> str:
        """A plain-text table report for a terminal."""
        return render.scorecard_text(self, lang, width)

    def to_rows(self) -> list[dict[str, object]]:
        """One plain dict per scored item, in table order, for tools that want a table.

        Exact figures are text (``"401/443"``, ``"72.5"``), as in the JSON; ``display`` and
        ``*_display`` are what a person reads.  Keys: see ``ROW_KEYS``.
        """
        areas = {area.id: area.name for area in self.profile.areas}
        return [_row(self, line, areas.get(line.area)) for line in self.lines.values()]

    def to_dataframe(self, library: str = "pandas") -> object:
        """:meth:`to_rows` as a ``pandas`` (or ``polars``) DataFrame, one row per item.

        Raises:
            ImportError: the library is not installed (message in English and Chinese).
            ValueError: ``library`` is neither ``"pandas"`` nor ``"polars"``.
        """
        return data_frame(self.to_rows(), library)


#: The keys of each dict of :meth:`Scorecard.to_rows`, in order.
ROW_KEYS = (
    "county",
    "year",
    "profile",
    "area",
    "area_zh",
    "area_en",
    "indicator",
    "kind",
    "name_zh",
    "name_en",
    "status",
    "value",
    "display",
    "display_zh",
    "target",
    "target_zh",
    "points",
    "points_high",
    "max_points",
    "points_display",
    "points_high_display",
    "max_points_display",
    "mandatory",
)


def _row(card: Scorecard, line: Line, area: Text | None) -> dict[str, object]:
    """One item of a scorecard as a flat dict of plain values (str, int, bool, None)."""
    catalog = card.catalog
    value = line.value.value
    exact: str | bool | None = (
        value if isinstance(value, bool) or value is None else render.exact_text(value)
    )
    name = line.name if line.name.zh or line.name.en else None
    shown = line.shown
    return {
        "county": card.county,
        "year": card.year,
        "profile": card.profile.id,
        "area": line.area,
        "area_zh": None if area is None else area.zh,
        "area_en": None if area is None else area.en,
        "indicator": line.indicator,
        "kind": line.kind,
        "name_zh": name.zh if name else render.subject_name(catalog, line.indicator, "zh"),
        "name_en": name.en if name else render.subject_name(catalog, line.indicator, "en"),
        "status": line.status.value,
        "value": exact,
        "display": shown.en if shown is not None else render.display_value(catalog, line.value),
        "display_zh": shown.zh
        if shown is not None
        else render.display_value(catalog, line.value, "zh"),
        "target": line.target.text,
        "target_zh": render.target_display(catalog, line.indicator, line.target, "zh"),
        "points": render.exact_text(line.points),
        "points_high": render.exact_text(line.points_high),
        "max_points": render.exact_text(line.max_points),
        "points_display": format_number(line.points),
        "points_high_display": format_number(line.points_high),
        "max_points_display": format_number(line.max_points),
        "mandatory": line.mandatory,
    }


#: A common denominator, and each line's points, best-case points and maximum over it.
_Scaled = tuple[int, dict[str, tuple[int, int, int]]]


def _scaled(lines: Mapping[str, Line]) -> _Scaled:
    """Every line's points over one common denominator, so that sums are of whole numbers."""
    triples = [(line.points, line.points_high, line.max_points) for line in lines.values()]
    common = math.lcm(*(value.denominator for triple in triples for value in triple))
    scaled = {
        key: (
            points.numerator * (common // points.denominator),
            high.numerator * (common // high.denominator),
            most.numerator * (common // most.denominator),
        )
        for key, (points, high, most) in zip(lines, triples, strict=True)
    }
    return common, scaled


def minimal_gap(
    indicator: IndicatorDef,
    value: IndicatorValue,
    target: Target,
    *,
    catalog: Catalog | None = None,
    bounds: Mapping[str, FieldBounds] | None = None,
) -> Gap | None:
    """The least change of one numerator field that meets ``target``, or ``None``.

    Holds the denominator fixed and changes the first numerator field that the
    denominator does not also read (in the opposite direction when the field is
    subtracted).  Given the ``catalog`` and the resolved ``bounds``, a change that
    would make a county that cannot exist — a count below 0, a subset above its
    set, a set below its subset — is passed over for the next field.  ``None``
    when the counts are not known exactly, the target is met, or no such whole
    change can meet it.
    """
    if value.numerator is None or not value.denominator:
        return None
    if not isinstance(target, RateTarget) or not isinstance(indicator, RateIndicator):
        return None
    n, d = value.numerator, value.denominator
    if target.met_by(Fraction(n, d)):
        return None
    needed = _needed_numerator(target, d)
    if needed is None or needed < 0 or (indicator.kind == "share" and needed > d):
        return None
    for sign, field_id in indicator.numerator.terms:
        if field_id in indicator.denominator.fields:
            continue
        change = sign * (needed - n)
        if catalog is None or bounds is None or _can_exist(catalog, bounds, field_id, change):
            return Gap(field=field_id, change=change)
    return None


def _needed_numerator(target: RateTarget, d: int) -> int | None:
    """The numerator over ``d`` nearest the present one that meets the target."""
    t = target.value
    if target.op == ">=":
        return math.ceil(t * d)
    if target.op == ">":
        return math.floor(t * d) + 1
    if target.op == "<=":
        return math.floor(t * d)
    if target.op == "<":
        return math.ceil(t * d) - 1
    return int(t * d) if (t * d).denominator == 1 else None


def _can_exist(
    catalog: Catalog, bounds: Mapping[str, FieldBounds], field_id: str, change: int
) -> bool:
    """Whether the field, changed by ``change``, still fits its set and its subsets."""
    now = bounds[field_id].exact
    if now is None:
        return False
    new = now + change
    if new < 0:
        return False
    field = catalog.fields[field_id]
    if field.subset_of is not None:
        ceiling = bounds[field.subset_of].high
        if ceiling is not None and new > ceiling:
            return False
    if new < sum(bounds[part].low for part in field.parts):
        return False
    totals, subsets = _links(catalog.fields)
    for total in totals.get(field_id, ()):
        # A part of a breakdown, with the other parts as they are, fits its total.
        ceiling = bounds[total.id].high
        others = sum(bounds[part].low for part in total.parts if part != field_id)
        if ceiling is not None and new + others > ceiling:
            return False
    return all(new >= bounds[other.id].low for other in subsets.get(field_id, ()))


_Links = tuple[dict[str, list[FieldDef]], dict[str, list[FieldDef]]]
#: The links of the last few catalogues' fields, which never change: see :func:`_links`.
_LINKS: list[tuple[Mapping[str, FieldDef], _Links]] = []


def _links(fields: Mapping[str, FieldDef]) -> _Links:
    """The totals each field is a part of, and the fields that are subsets of it, in order."""
    for known, links in _LINKS:
        if known is fields:
            return links
    totals: dict[str, list[FieldDef]] = {}
    subsets: dict[str, list[FieldDef]] = {}
    for definition in fields.values():
        for part in dict.fromkeys(definition.parts):
            totals.setdefault(part, []).append(definition)
        if definition.subset_of is not None:
            subsets.setdefault(definition.subset_of, []).append(definition)
    _LINKS[:] = [(fields, (totals, subsets)), *_LINKS[:3]]
    return totals, subsets


def _judge(item: Item, value: IndicatorValue) -> Verdict:
    target = item.target
    if value.status == "missing":
        return Verdict.MISSING
    if value.status == "not_applicable":
        return Verdict.NOT_APPLICABLE
    if isinstance(target, FlagTarget):
        met = isinstance(value.value, bool) and target.met_by(value.value)
        return Verdict.MET if met else Verdict.NOT_MET
    if isinstance(value.value, Fraction):
        return Verdict.MET if target.met_by(value.value) else Verdict.NOT_MET
    if value.interval is not None and not value.may_not_apply:
        return target.judge(value.interval)
    return Verdict.UNDETERMINED


def _line(  # noqa: PLR0913 - what one line of a scorecard depends on
    catalog: Catalog,
    profile: Profile,
    area: str,
    item: Item,
    *,
    value: IndicatorValue,
    bounds: Mapping[str, FieldBounds],
) -> Line:
    """An item of a rate (the catalogue's or its own), keyed and named as the item."""
    status = _judge(item, value)
    gap = None
    if status == Verdict.MET:
        low = high = item.points
    elif status in (Verdict.MISSING, Verdict.NOT_APPLICABLE):
        award = status == Verdict.NOT_APPLICABLE and profile.not_applicable == "award"
        low = high = item.points if award else Fraction(0)
    elif value.value is not None:
        low = high = points_for(item, value.value)
        gap = minimal_gap(
            catalog.indicators[item.indicator], value, item.target, catalog=catalog, bounds=bounds
        )
    elif value.interval is not None and not value.may_not_apply:
        low, high = points_range(item, status, value.interval)
    else:
        # Nothing known, or the item may not apply at all: whether it then leaves
        # the maximum or earns its points, 0 to full points bounds the total.
        low, high = Fraction(0), item.points
    excluded = status == Verdict.NOT_APPLICABLE and profile.not_applicable == "exclude"
    return Line(
        indicator=item.id,
        area=area,
        status=status,
        value=value,
        target=item.target,
        points=low,
        points_high=high,
        max_points=Fraction(0) if excluded else item.points,
        mandatory=item.mandatory,
        gap=gap,
        name=_name(catalog, item),
        kind=item.kind,
    )


@frozen(kw_only=True)
class _Judged:
    """What a kind found: a verdict, a range of points, and words for a person."""

    status: Verdict
    low: Fraction
    high: Fraction
    shown: Text | None = None
    target_shown: Text | None = None
    note: Text | None = None
    missing: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    manual: ManualScore | None = None
    requirements: tuple[RequirementResult, ...] = ()


@frozen(kw_only=True)
class _Context:
    """What every item of one scorecard is judged with."""

    catalog: Catalog
    profile: Profile
    data: CountyYear
    values: Mapping[str, IndicatorValue]
    bounds: Mapping[str, FieldBounds]
    #: The previous year's counts and indicators, when the county file gives them.
    previous_bounds: Mapping[str, FieldBounds] | None
    previous_values: Mapping[str, IndicatorValue] | None
    #: Lines of rates with no data, kept by the profile and catalogue's plan: by area and
    #: item, each with the (shared, immutable) missing value it was judged on.
    missing_lines: dict[tuple[str, int], tuple[Item, Line]]


def _previous(
    catalog: Catalog, data: CountyYear
) -> tuple[Mapping[str, FieldBounds] | None, Mapping[str, IndicatorValue] | None]:
    """The previous year's counts and indicators, computed as this year's are."""
    earlier = data.previous.get(data.year - 1)
    if earlier is None:
        return None, None
    year = CountyYear(
        county=data.county, year=earlier.year, values=earlier.values, stated=earlier.stated
    )
    bounds = resolve_fields(catalog, year)
    return bounds, compute(catalog, year, bounds=bounds)


def _name(catalog: Catalog, item: Item) -> Text:
    if item.name is not None:
        return item.name
    known = catalog.indicators.get(item.indicator)
    return known.name if known is not None else Text(zh=item.id, en=item.id)


def _field_name(catalog: Catalog, field_id: str) -> Text:
    known = catalog.fields.get(field_id)
    return known.name if known is not None else Text(zh=field_id, en=field_id)


def _count_text(low: int, high: int | None) -> str:
    if high == low:
        return str(low)
    return f"{low}–{high}" if high is not None else f"≥{low}"


def _yes_no(ctx: _Context, item: Item, check: YesNo) -> _Judged:
    """A yes/no field; a yes shows whether a document backs it."""
    value = ctx.data.value(check.field)
    evidence = ctx.data.evidence.get(check.field, ())
    want = Text(zh="是", en="yes") if check.want else Text(zh="否", en="no")
    if not isinstance(value, bool):
        return _Judged(
            status=Verdict.MISSING,
            low=Fraction(0),
            high=Fraction(0),
            target_shown=want,
            missing=(check.field,),
            evidence=evidence,
        )
    shown = Text(zh="是", en="yes") if value else Text(zh="否", en="no")
    if value is not check.want:
        return _Judged(
            status=Verdict.NOT_MET,
            low=Fraction(0),
            high=Fraction(0),
            shown=shown,
            target_shown=want,
            evidence=evidence,
        )
    if value and not evidence:
        if check.evidence_required:
            return _Judged(
                status=Verdict.UNDETERMINED,
                low=Fraction(0),
                high=item.points,
                shown=shown,
                target_shown=want,
                note=Text(
                    zh="报告为“是”，但未提供佐证材料：提供文件后方可得分",
                    en="reported yes, but no evidence is given: the points wait for a document",
                ),
            )
        note = Text(zh="报告为“是”，未提供佐证材料", en="reported yes; no evidence given")
        return _Judged(
            status=Verdict.MET,
            low=item.points,
            high=item.points,
            shown=shown,
            target_shown=want,
            note=note,
        )
    return _Judged(
        status=Verdict.MET,
        low=item.points,
        high=item.points,
        shown=shown,
        target_shown=want,
        evidence=evidence,
    )


def _count_range(bounds: Mapping[str, FieldBounds], field_id: str) -> tuple[int, int] | None:
    """The least and most a count may be, when it is known (reported, derived or inferred)."""
    known = bounds.get(field_id)
    if known is None or not known.known or known.high is None:
        return None
    return known.low, known.high


def _count(ctx: _Context, item: Item, check: CountCheck) -> _Judged:
    """A count against a maximum or a minimum; a hedged count keeps its range."""
    counted = _count_range(ctx.bounds, check.field)
    unit = ctx.catalog.fields[check.field].unit
    units = (unit.zh, f" {unit.en}") if unit is not None else ("", "")
    if check.at_most is not None:
        return _at_most(item, check, counted, units)
    return _at_least(ctx, item, check, counted, units)


def _at_most(
    item: Item, check: CountCheck, counted: tuple[int, int] | None, units: tuple[str, str]
) -> _Judged:
    """No more than the maximum (none, for 全部取消); ``per_event`` takes off per one above."""
    unit_zh, unit_en = units
    most = check.at_most or 0
    target = (
        Text(zh="无", en="none")
        if most == 0
        else Text(zh=f"≤{most}{unit_zh}", en=f"<= {most}{unit_en}")
    )
    if counted is None:
        return _missing(target, (check.field,))
    low, high = counted
    shown = Text(zh=f"{_count_text(low, high)}{unit_zh}", en=f"{_count_text(low, high)}{unit_en}")
    status = _status(high <= most, low > most)
    rule = item.rule
    if isinstance(rule, PerEvent):
        worst = less(item.points, rule.per * max(high - most, 0), rule.cap)
        best = less(item.points, rule.per * max(low - most, 0), rule.cap)
    else:
        worst, best = _all_or_nothing(item, status)
    return _Judged(status=status, low=worst, high=best, shown=shown, target_shown=target)


def _at_least(
    ctx: _Context,
    item: Item,
    check: CountCheck,
    counted: tuple[int, int] | None,
    units: tuple[str, str],
) -> _Judged:
    """At least the minimum, which may depend on another count; ``per_shortfall`` per one short."""
    unit_zh, unit_en = units
    minimum = check.at_least
    per_range: tuple[int, int] | None = None
    if isinstance(minimum, int):
        least_low = least_high = minimum
        target = Text(zh=f"≥{minimum}{unit_zh}", en=f">= {minimum}{unit_en}")
    elif minimum is not None:
        per_range = _count_range(ctx.bounds, minimum.per)
        steps = "；".join(
            f"{'' if up_to is None else f'≤{up_to}：'}≥{least}" for up_to, least in minimum.steps
        )
        steps_en = "; ".join(
            f"{'' if up_to is None else f'<= {up_to}: '}>= {least}"
            for up_to, least in minimum.steps
        )
        per_name = _field_name(ctx.catalog, minimum.per)
        target = Text(zh=f"按{per_name.zh}：{steps}", en=f"by {per_name.en}: {steps_en}")
        if per_range is None:
            return _missing(target, (minimum.per,) if counted else (check.field, minimum.per))
        if per_range == (0, 0):
            return _Judged(
                status=Verdict.NOT_APPLICABLE,
                low=Fraction(0),
                high=Fraction(0),
                target_shown=target,
                note=Text(zh=f"{per_name.zh}为0，本项不适用", en=f"{per_name.en} is 0: no minimum"),
            )
        per_low, per_high = per_range
        least_low, least_high = minimum.minimum_range(max(per_low, 1), per_high)
        if per_low == 0:
            least_low = 0  # none may have been due at all
    else:
        raise AssertionError(check)
    if counted is None:
        return _missing(target, (check.field,))
    low, high = counted
    shown = Text(zh=f"{_count_text(low, high)}{unit_zh}", en=f"{_count_text(low, high)}{unit_en}")
    status = _status(low >= least_high, high < least_low)
    rule = item.rule
    if isinstance(rule, PerShortfall):
        worst = less(item.points, rule.per * max(least_high - low, 0), rule.cap)
        best = less(item.points, rule.per * max(least_low - high, 0), rule.cap)
    else:
        worst, best = _all_or_nothing(item, status)
    return _Judged(status=status, low=worst, high=best, shown=shown, target_shown=target)


def _status(all_meet: bool, none_meet: bool) -> Verdict:  # noqa: FBT001 - two findings
    if all_meet:
        return Verdict.MET
    return Verdict.NOT_MET if none_meet else Verdict.UNDETERMINED


def _all_or_nothing(item: Item, status: Verdict) -> tuple[Fraction, Fraction]:
    if status == Verdict.MET:
        return item.points, item.points
    if status == Verdict.UNDETERMINED:
        return Fraction(0), item.points
    return Fraction(0), Fraction(0)


def _missing(target: Text | None, fields: tuple[str, ...], note: Text | None = None) -> _Judged:
    return _Judged(
        status=Verdict.MISSING,
        low=Fraction(0),
        high=Fraction(0),
        target_shown=target,
        missing=fields,
        note=note,
    )


def _as_interval(  # noqa: PLR0911 - one return per way a year's value can be wanting
    bounds: Mapping[str, FieldBounds] | None,
    values: Mapping[str, IndicatorValue] | None,
    check: Trend,
) -> Interval | Verdict:
    """A year's value of a trend's subject as an interval, or why there is none."""
    if check.of_indicator:
        value = None if values is None else values.get(check.subject)
        if value is None or value.status == "missing":
            return Verdict.MISSING
        if value.status == "not_applicable":
            return Verdict.NOT_APPLICABLE
        if isinstance(value.value, Fraction):
            return Interval(low=value.value, high=value.value, high_closed=True)
        if value.interval is None or value.may_not_apply:
            return Verdict.UNDETERMINED
        return value.interval
    counted = None if bounds is None else _count_range(bounds, check.subject)
    if counted is None:
        return Verdict.MISSING
    return Interval(low=Fraction(counted[0]), high=Fraction(counted[1]), high_closed=True)


def _above(a: Interval, b: Interval, *, or_equal: bool) -> Verdict:
    """Whether every value of ``a`` is above (or at least) every value of ``b``; or none is."""
    if or_equal:
        every = a.low >= b.high
        none = a.high < b.low or (a.high == b.low and not (a.high_closed and b.low_closed))
    else:
        every = a.low > b.high or (a.low == b.high and not (a.low_closed and b.high_closed))
        none = a.high <= b.low
    return _status(every, none)


def _shown_interval(value: Interval, *, rate: bool) -> str:
    if not rate:
        low, high = value.low, value.high
        return str(low) if low == high else f"{low}–{high}"
    if value.low == value.high:
        return format_percent(value.low, 1)
    return str(value)


def _trend(ctx: _Context, item: Item, check: Trend) -> _Judged:
    """This year's value against last year's: MET only when every possible pair agrees."""
    last_year = ctx.data.year - 1
    rising = check.kind == "trend_up"
    target = Text(
        zh=f"{'高于' if rising else '低于'}{last_year}年"
        + ("（或持平）" if check.allow_equal else ""),
        en=f"{'above' if rising else 'below'} {last_year}"
        + (" (or equal)" if check.allow_equal else ""),
    )
    subject = (
        ctx.catalog.indicators[check.subject].name
        if check.of_indicator
        else _field_name(ctx.catalog, check.subject)
    )
    missing = () if check.of_indicator else (check.subject,)
    if ctx.previous_bounds is None:
        return _missing(
            target,
            missing,
            Text(
                zh=f"缺少{last_year}年数据，无法判断趋势",
                en=f"no figures for {last_year} (previous: {last_year}):"
                " the trend cannot be judged",
            ),
        )
    now = _as_interval(ctx.bounds, ctx.values, check)
    before = _as_interval(ctx.previous_bounds, ctx.previous_values, check)
    for year, found in ((ctx.data.year, now), (last_year, before)):
        if found == Verdict.MISSING:
            return _missing(
                target,
                missing,
                Text(
                    zh=f"{year}年缺少“{subject.zh}”，无法判断趋势",
                    en=f"{year} has no figure for {subject.en}: the trend cannot be judged",
                ),
            )
        if found == Verdict.NOT_APPLICABLE:
            return _Judged(
                status=Verdict.NOT_APPLICABLE,
                low=Fraction(0),
                high=Fraction(0),
                target_shown=target,
                note=Text(
                    zh=f"{year}年“{subject.zh}”分母为0，不适用",
                    en=f"{subject.en} has a zero denominator in {year}: not applicable",
                ),
            )
    if not isinstance(now, Interval) or not isinstance(before, Interval):
        status = Verdict.UNDETERMINED
        shown = None
    else:
        pair = (now, before) if rising else (before, now)
        status = _above(*pair, or_equal=check.allow_equal)
        text_now = _shown_interval(now, rate=check.of_indicator)
        text_before = _shown_interval(before, rate=check.of_indicator)
        shown = Text(
            zh=f"{ctx.data.year}年{text_now}；{last_year}年{text_before}",
            en=f"{ctx.data.year}: {text_now}; {last_year}: {text_before}",
        )
    low, high = _all_or_nothing(item, status)
    return _Judged(status=status, low=low, high=high, shown=shown, target_shown=target)


def _manual(ctx: _Context, item: Item) -> _Judged:
    """A person's score, or the whole range while none is entered."""
    entered = ctx.data.manual.get(item.id)
    target = Text(zh="人工评分", en="scored by a person")
    if entered is None:
        return _Judged(
            status=Verdict.UNDETERMINED,
            low=Fraction(0),
            high=item.points,
            target_shown=target,
            note=Text(
                zh=f"待人工评分：请在县年度文件中填写 {item.id} 的人工评分",
                en=f"awaits a person's score: enter it for {item.id} under manual: in the county"
                " file",
            ),
        )
    points = min(entered.points, item.points)
    by = Text(
        zh=f"{entered.by}于{entered.on.isoformat()}评分",
        en=f"scored by {entered.by} on {entered.on.isoformat()}",
    )
    return _Judged(
        status=Verdict.MET if points == item.points else Verdict.NOT_MET,
        low=points,
        high=points,
        shown=Text(zh=format_number(points) + "分", en=f"{format_number(points)} points"),
        target_shown=target,
        note=by
        if entered.note is None
        else Text(zh=f"{by.zh}：{entered.note}", en=f"{by.en}: {entered.note}"),
        manual=entered,
    )


def _partial(ctx: _Context, area: str, item: Item, rule: Partial) -> _Judged:
    """The item's points less what each sub-requirement loses, floored at 0."""
    results = []
    missing: list[str] = []
    lost_low = lost_high = Fraction(0)
    for requirement in rule.requirements:
        line = _item_line(ctx, area, requirement)
        if line.status == Verdict.MISSING:
            missing += line.value.missing_fields
        kept = (
            (requirement.points, requirement.points)
            if line.status == Verdict.NOT_APPLICABLE
            else (line.points, line.points_high)
        )
        lost_low += requirement.points - kept[1]
        lost_high += requirement.points - kept[0]
        results.append(
            RequirementResult(
                id=requirement.id,
                name=line.name,
                kind=line.kind,
                status=line.status,
                points=kept[0],
                points_high=kept[1],
                max_points=requirement.points,
                shown=line.shown or _rate_shown(ctx.catalog, line),
                note=line.note,
            )
        )
    low = max(item.points - lost_high, Fraction(0))
    high = max(item.points - lost_low, Fraction(0))
    statuses = {r.status for r in results}
    if statuses <= {Verdict.MET, Verdict.NOT_APPLICABLE}:
        status = Verdict.NOT_APPLICABLE if statuses == {Verdict.NOT_APPLICABLE} else Verdict.MET
    elif statuses == {Verdict.MISSING}:
        status = Verdict.MISSING
    else:
        status = Verdict.UNDETERMINED if low < high else Verdict.NOT_MET
    met = sum(1 for r in results if r.status == Verdict.MET)
    return _Judged(
        status=status,
        low=low if status != Verdict.MISSING else Fraction(0),
        high=high if status != Verdict.MISSING else Fraction(0),
        shown=Text(
            zh=f"{met}/{len(results)}项达标", en=f"{met} of {len(results)} requirements met"
        ),
        target_shown=Text(zh="全部分项达标", en="every requirement met"),
        missing=tuple(dict.fromkeys(missing)),
        requirements=tuple(results),
    )


def _rate_shown(catalog: Catalog, line: Line) -> Text | None:
    """A rate-valued line's value in both languages, for a sub-requirement's row."""
    if line.value.indicator not in catalog.indicators:
        return None
    return Text(
        zh=render.display_value(catalog, line.value, "zh"),
        en=render.display_value(catalog, line.value, "en"),
    )


def _item_line(ctx: _Context, area: str, item: Item) -> Line:
    """One item of any kind, judged and scored."""
    check = item.check
    rule = item.rule
    if isinstance(rule, Partial):
        judged = _partial(ctx, area, item, rule)
    elif check is None or isinstance(check, OwnIndicator):
        value = ctx.values[item.indicator]
        if value.status != "missing":
            return _line(ctx.catalog, ctx.profile, area, item, value=value, bounds=ctx.bounds)
        # A line with no data depends on the value alone, and missing values are shared.
        key = (area, id(item))
        known = ctx.missing_lines.get(key)
        if known is None or known[0] is not item or known[1].value is not value:
            line = _line(ctx.catalog, ctx.profile, area, item, value=value, bounds=ctx.bounds)
            known = ctx.missing_lines[key] = (item, line)
        return known[1]
    elif isinstance(check, YesNo):
        judged = _yes_no(ctx, item, check)
    elif isinstance(check, CountCheck):
        judged = _count(ctx, item, check)
    elif isinstance(check, Trend):
        judged = _trend(ctx, item, check)
    else:
        judged = _manual(ctx, item)
    excluded = judged.status == Verdict.NOT_APPLICABLE and ctx.profile.not_applicable == "exclude"
    low, high = judged.low, judged.high
    if judged.status == Verdict.NOT_APPLICABLE and ctx.profile.not_applicable == "award":
        low = high = item.points
    return Line(
        indicator=item.id,
        area=area,
        status=judged.status,
        value=IndicatorValue(
            indicator=item.id,
            status="missing"
            if judged.status == Verdict.MISSING
            else "not_applicable"
            if judged.status == Verdict.NOT_APPLICABLE
            else "available",
            missing_fields=judged.missing,
        ),
        target=item.target,
        points=low,
        points_high=high,
        max_points=Fraction(0) if excluded else item.points,
        mandatory=item.mandatory,
        name=_name(ctx.catalog, item),
        kind=item.kind,
        shown=judged.shown,
        target_shown=judged.target_shown,
        note=judged.note,
        evidence=judged.evidence,
        manual=judged.manual,
        requirements=judged.requirements,
    )


def _own_indicators(profile: Profile, catalog: Catalog) -> dict[str, IndicatorDef]:
    """The rates and deadlines items define themselves, sub-requirements included."""
    found: dict[str, IndicatorDef] = {}
    pending = list(profile.items)
    while pending:
        item = pending.pop()
        if (
            isinstance(item.check, OwnIndicator)
            and item.check.definition.id not in catalog.indicators
        ):
            found[item.check.definition.id] = item.check.definition
        if isinstance(item.rule, Partial):
            pending.extend(item.rule.requirements)
    return found


def _manual_warnings(
    profile: Profile, data: CountyYear, manual: Mapping[str, Item]
) -> list[Problem]:
    """Scores for items the profile does not score by hand (``manual``), or above their points."""
    problems = []
    for item_id, entered in data.manual.items():
        item = manual.get(item_id)
        if item is None:
            problems.append(
                Problem(
                    code="manual-unknown-item",
                    severity="warning",
                    file=data.file,
                    path=f"manual.{item_id}",
                    message=f"{item_id} is not a manual item of the profile {profile.id};"
                    " its score is not used",
                    message_zh=f"{item_id} 不是评分标准 {profile.id} 的人工评分项；该评分未被采用",
                )
            )
        elif entered.points > item.points:
            problems.append(
                Problem(
                    code="manual-over-max",
                    severity="warning",
                    file=data.file,
                    path=f"manual.{item_id}",
                    message=f"the score {format_number(entered.points)} of {item_id} is above"
                    f" its {format_number(item.points)} points; {format_number(item.points)}"
                    " are counted",
                    message_zh=f"{item_id} 的人工评分{format_number(entered.points)}分高于该项分值"
                    f"{format_number(item.points)}分；按{format_number(item.points)}分计",
                )
            )
    return problems


def _to_report_zh(catalog: Catalog, field_ids: Sequence[str]) -> str:
    """Fields a clerk must fill in: each Chinese name, with the id to write in the file."""
    return "、".join(
        f"{catalog.fields[f].name.zh}（{f}）" if f in catalog.fields else f for f in field_ids
    )


def _veto_reasons(catalog: Catalog, profile: Profile, data: CountyYear) -> list[Reason]:
    reasons = []
    for veto in profile.vetoes:
        happened = data.value(veto.field)
        if happened is None:
            reasons.append(
                Reason(
                    code="veto-unreported",
                    blocking=False,
                    text=f"veto '{veto.name.en}' cannot be ruled out: {veto.field} is not reported",
                    text_zh=f"无法排除否决事项“{veto.name.zh}”，请填报："
                    f"{_to_report_zh(catalog, [veto.field])}",
                )
            )
        elif happened == veto.when:
            reasons.append(
                Reason(
                    code="veto",
                    blocking=True,
                    text=f"veto triggered: {veto.name.en}",
                    text_zh=f"触发一票否决：{veto.name.zh}",
                )
            )
    return reasons


def _mandatory_reasons(catalog: Catalog, lines: Mapping[str, Line]) -> list[Reason]:
    reasons = []
    for line in lines.values():
        if not line.mandatory:
            continue
        name = line.name
        if line.status == Verdict.NOT_MET:
            reasons.append(
                Reason(
                    code="mandatory-not-met",
                    blocking=True,
                    text=f"mandatory item {name.en} ({line.indicator}) is not met"
                    f" (target {line.target})",
                    text_zh=f"必达项“{name.zh}”未达标（目标 {_target_zh(catalog, line)}）",
                )
            )
        elif line.status == Verdict.MISSING and line.note is not None:
            reasons.append(
                Reason(
                    code="mandatory-missing",
                    blocking=False,
                    text=f"mandatory item {name.en} ({line.indicator}) has no data: {line.note.en}",
                    text_zh=f"必达项“{name.zh}”缺少数据：{line.note.zh}",
                )
            )
        elif line.status == Verdict.MISSING:
            fields = ", ".join(line.value.missing_fields)
            fields_zh = _to_report_zh(catalog, line.value.missing_fields)
            reasons.append(
                Reason(
                    code="mandatory-missing",
                    blocking=False,
                    text=f"mandatory item {name.en} ({line.indicator}) has no data;"
                    f" report {fields}",
                    text_zh=f"必达项“{name.zh}”缺少数据；请填报：{fields_zh}",
                )
            )
        elif line.status == Verdict.UNDETERMINED and line.note is not None:
            reasons.append(
                Reason(
                    code="mandatory-undetermined",
                    blocking=False,
                    text=f"mandatory item {name.en} ({line.indicator}) is open: {line.note.en}",
                    text_zh=f"必达项“{name.zh}”尚无定论：{line.note.zh}",
                )
            )
        elif line.status == Verdict.UNDETERMINED:
            reasons.append(
                Reason(
                    code="mandatory-undetermined",
                    blocking=False,
                    text=f"mandatory item {name.en} ({line.indicator}) cannot be decided from"
                    " the printed rate alone; report its counts",
                    text_zh=f"必达项“{name.zh}”仅凭报告所列比率无法判定；请填报其计数",
                )
            )
    return reasons


def _target_zh(catalog: Catalog, line: Line) -> str:
    if line.target_shown is not None:
        return line.target_shown.zh
    return render.target_display(catalog, line.indicator, line.target, "zh")


def _total_reasons(profile: Profile, low: Fraction, high: Fraction) -> list[Reason]:
    """Compare the total (as points out of 100, assured and best case) with the pass line."""
    line = format_number(profile.pass_line.value)
    worst, best = format_number(low), format_number(high)
    if high < profile.pass_line.value:
        return [
            Reason(
                code="below-pass-line",
                blocking=True,
                text=f"even at best the score is {best} of 100, below the pass line {line}",
                text_zh=f"即使按最有利情形，得分也只有{best}分（百分制），低于合格线{line}分",
            )
        ]
    if low < profile.pass_line.value:
        return [
            Reason(
                code="pass-line-undetermined",
                blocking=False,
                text=f"the score lies between {worst} and {best} of 100;"
                f" the pass line {line} may or may not be reached",
                text_zh=f"得分介于{worst}与{best}分之间，是否达到合格线{line}分尚无法判定",
            )
        ]
    return []


def _applicable_reasons(profile: Profile, applicable: Fraction, assured: Fraction) -> list[Reason]:
    """READY needs enough of the profile to apply: nothing to show is not a model.

    ``applicable`` counts every item that may apply; ``assured`` leaves out those
    whose hedged denominator may be 0, so that READY never rests on one of them.
    """
    need = profile.min_applicable.value
    want = format_number(need * 100)
    if applicable < need:
        have = format_number(applicable * 100)
        return [
            Reason(
                code="too-little-applies",
                blocking=True,
                text=f"only {have}% of the profile's points apply (the rest have a zero"
                f" denominator); at least {want}% must apply",
                text_zh=f"仅有{have}%的分值适用（其余各项分母为0）；至少需有{want}%适用",
            )
        ]
    if assured < need:
        have = format_number(assured * 100)
        return [
            Reason(
                code="applicable-undetermined",
                blocking=False,
                text=f"only {have}% of the profile's points surely apply (hedged counts leave"
                f" others' denominators possibly 0); at least {want}% must apply",
                text_zh=f"确定适用的分值仅有{have}%（约数使其他项的分母可能为0）；"
                f"至少需有{want}%适用",
            )
        ]
    return []


def _missing_data_reasons(profile: Profile, low: Fraction, high: Fraction) -> list[Reason]:
    """With items that have no data counted 0 and counted met: does the gap lie in data?"""
    line = format_number(profile.pass_line.value)
    zero, met = format_number(low), format_number(high)
    return [
        Reason(
            code="missing-data-decides",
            blocking=False,
            text=f"the best case is {zero} of 100 with the items that have no data counted 0,"
            f" but {met} if they are met: report them before judging against the pass line"
            f" {line}",
            text_zh=f"缺数据项按0分计，最有利情形为{zero}分；若缺数据项均达标则为{met}分，"
            f"可达合格线{line}分：请先补报这些数据再作判断",
        )
    ]


def _coverage_reasons(profile: Profile, coverage: Fraction) -> list[Reason]:
    if coverage >= profile.min_coverage.value:
        return []
    have = format_number(coverage * 100)
    need = format_number(profile.min_coverage.value * 100)
    return [
        Reason(
            code="low-coverage",
            blocking=False,
            text=f"only {have}% of the applicable points rest on reported data"
            f" (at least {need}% needed)",
            text_zh=f"仅有{have}%的分值有数据支撑（至少需要{need}%）",
        )
    ]


@frozen
class _Plan:
    """What scoring needs of a profile and a catalogue alone, found once for the pair."""

    profile: Profile
    catalog: Catalog
    #: The catalogue with the rates and deadlines the profile's items define.
    scored: Catalog
    #: The sum of every item's points (``Profile.max_total``).
    full: Fraction
    #: The profile's manual items by id.
    manual: Mapping[str, Item]
    #: Lines of items with no data, as scored last (see ``_Context.missing_lines``).
    missing_lines: dict[tuple[str, int], tuple[Item, Line]] = attrs.Factory(dict)


#: The plans of the last few profile and catalogue pairs (both immutable), newest first.
_PLANS: list[_Plan] = []


def _plan(profile: Profile, catalog: Catalog) -> _Plan:
    for known in _PLANS:
        if known.profile is profile and known.catalog is catalog:
            return known
    own = _own_indicators(profile, catalog)
    plan = _Plan(
        profile=profile,
        catalog=catalog,
        # The rates and deadlines a profile's items define are scored, shown and named as
        # the catalogue's are: the card carries them in its catalogue.
        scored=attrs.evolve(catalog, indicators={**catalog.indicators, **own}) if own else catalog,
        full=profile.max_total,
        manual={item.id: item for item in profile.items if isinstance(item.check, Manual)},
    )
    _PLANS[:] = [plan, *_PLANS[:7]]
    return plan


def score(data: CountyYear, profile: Profile, catalog: Catalog) -> Scorecard:
    """Compute every indicator of ``data`` and score it against ``profile``.

    The facade's :func:`fazhi_indicators.score` fills in the shipped catalogue
    and accepts a profile id.

    Raises:
        ProfileNotApplicableError: ``data.year`` is outside the profile's years.
    """
    if data.year < profile.effective_from or (
        profile.effective_to is not None and data.year > profile.effective_to
    ):
        raise ProfileNotApplicableError(
            profile.id, data.year, profile.effective_from, profile.effective_to
        )
    plan = _plan(profile, catalog)
    catalog = plan.scored
    bounds = resolve_fields(catalog, data)
    values = compute(catalog, data, bounds=bounds)
    previous_bounds, previous_values = _previous(catalog, data)
    context = _Context(
        catalog=catalog,
        profile=profile,
        data=data,
        values=values,
        bounds=bounds,
        previous_bounds=previous_bounds,
        previous_values=previous_values,
        missing_lines=plan.missing_lines,
    )
    lines = {
        item.id: _item_line(context, area.id, item) for area in profile.areas for item in area.items
    }
    # Points are summed as whole numbers over one common denominator.
    common, scaled = _scaled(lines)
    area_sums = [
        (
            area.id,
            sum(scaled[i.id][0] for i in area.items),
            sum(scaled[i.id][2] for i in area.items),
        )
        for area in profile.areas
    ]
    areas = tuple(
        AreaResult(id=area, points=Fraction(got, common), max_points=Fraction(most, common))
        for area, got, most in area_sums
    )
    total = Fraction(sum(got for _, got, _ in area_sums), common)
    high_scaled = sum(points[1] for points in scaled.values())
    high = Fraction(high_scaled, common)
    max_total = Fraction(sum(most for _, _, most in area_sums), common)
    # A manual item still to be scored rests on no data, as an item with none does not.
    assessed = Fraction(
        sum(
            scaled[key][2]
            for key, line in lines.items()
            if line.status != Verdict.MISSING and not (line.kind == "manual" and not line.manual)
        ),
        common,
    )
    coverage = assessed / max_total if max_total else Fraction(0)
    scale = Fraction(100) / max_total if max_total else Fraction(0)
    applicable = _share_of(plan.full, lines, (common, scaled), surely=False)
    assured = _share_of(plan.full, lines, (common, scaled), surely=True)
    missing = sum(scaled[key][2] for key, line in lines.items() if line.status == Verdict.MISSING)
    if_met = Fraction(high_scaled + missing, common)
    total_100, high_100, if_met_100 = total * scale, high * scale, if_met * scale
    reasons = [
        *_veto_reasons(catalog, profile, data),
        *_mandatory_reasons(catalog, lines),
        *_applicable_reasons(profile, applicable, assured),
        *_total_reasons(profile, total_100, high_100),
        *_coverage_reasons(profile, coverage),
    ]
    verdict = _readiness(reasons)
    if verdict == Readiness.NOT_READY and _only_data_is_short(reasons, profile, if_met_100):
        verdict = Readiness.INSUFFICIENT_DATA
        reasons.append(_missing_data_reasons(profile, high_100, if_met_100)[0])
    # A grade is a band of the score; with too little applying there is nothing to grade.
    grade = (
        next((g for g in profile.grades if total_100 >= g.min_total), None)
        if applicable >= profile.min_applicable.value
        else None
    )
    return Scorecard(
        county=data.county,
        year=data.year,
        profile=profile,
        verdict=verdict,
        reasons=tuple(reasons),
        lines=lines,
        areas=areas,
        total=total,
        total_high=high,
        total_if_missing_met=if_met,
        max_total=max_total,
        grade=grade,
        coverage=coverage,
        applicable=applicable,
        values=values,
        audit=tuple(audit(catalog, data, values, bounds=bounds)),
        monitored={area.id: area.monitor for area in profile.areas if area.monitor},
        province=data.province,
        source=data.source,
        notes=data.notes,
        county_year=data,
        warnings=(
            *data.warnings,
            *_jurisdiction_warnings(profile, data),
            *_manual_warnings(profile, data, plan.manual),
        ),
        previous=data.previous,
        changes=data.changes,
        catalog=catalog,
    )


def _share_of(
    full: Fraction, lines: Mapping[str, Line], scaled: _Scaled, *, surely: bool
) -> Fraction:
    """The share of the profile's points (``full``) whose items apply (``surely``: certainly)."""
    if not full:
        return Fraction(0)
    common, points = scaled
    applying = sum(
        points[key][2]
        for key, line in lines.items()
        if line.status != Verdict.NOT_APPLICABLE and not (surely and line.value.may_not_apply)
    )
    return Fraction(applying, common) / full


def _readiness(reasons: list[Reason]) -> Readiness:
    if any(r.blocking for r in reasons):
        return Readiness.NOT_READY
    return Readiness.UNDETERMINED if reasons else Readiness.READY


def _only_data_is_short(reasons: list[Reason], profile: Profile, best_if_met: Fraction) -> bool:
    """Whether the pass line alone blocks, and items with no data, if met, would reach it."""
    blocking = {r.code for r in reasons if r.blocking}
    return blocking == {"below-pass-line"} and best_if_met >= profile.pass_line.value


def _same_place(a: str, b: str) -> bool:
    """河南 and 河南省 name one province; compare without the administrative suffix."""
    suffixes = ("省", "市", "自治区", "特别行政区")
    a, b = a.strip(), b.strip()
    for suffix in suffixes:
        a, b = a.removesuffix(suffix), b.removesuffix(suffix)
    return a == b


def _jurisdiction_warnings(profile: Profile, data: CountyYear) -> list[Problem]:
    """A county of one province scored by another's profile is worth a warning, not a refusal."""
    if not data.province or not profile.jurisdiction:
        return []
    if _same_place(data.province, profile.jurisdiction):
        return []
    return [
        Problem(
            code="other-jurisdiction",
            severity="warning",
            file=data.file,
            path="province",
            message=f"the county is in {data.province}, but the profile {profile.id} is for"
            f" {profile.jurisdiction}: its criteria may not be the ones that apply",
            message_zh=f"该县属于{data.province}，而评分标准 {profile.id} 适用于"
            f"{profile.jurisdiction}：其标准未必适用于该县",
        )
    ]
