"""Score a county's indicators against a profile: points, gaps, verdict, reasons.

Pure functions of immutable values.  Every number is a Fraction; a value known
only as an interval scores as a range of points, and the verdict is READY only
when even the worst case in every range passes.  A :class:`Scorecard` keeps the
catalogue it was scored with, so that it can render itself with the right names.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from enum import Enum
from fractions import Fraction

from attrs import field, frozen

from fazhi_indicators import render
from fazhi_indicators.audit import AuditEntry, audit
from fazhi_indicators.compute import FieldBounds, IndicatorValue, compute, resolve_fields
from fazhi_indicators.county import CountyYear, EarlierYear, StatedChange
from fazhi_indicators.definitions import (
    Bands,
    Catalog,
    Deduct,
    Grade,
    IndicatorDef,
    Item,
    Linear,
    Profile,
    RateIndicator,
)
from fazhi_indicators.errors import Problem, ProfileNotApplicableError
from fazhi_indicators.exact import FlagTarget, Interval, RateTarget, Target, Verdict, format_number

__all__ = [
    "AreaResult",
    "Gap",
    "Line",
    "Readiness",
    "Reason",
    "Scorecard",
    "score",
]


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
    return Fraction(0)


def _points_near(item: Item, target: RateTarget, value: Fraction, *, below: bool) -> Fraction:
    """Points of the rates just below (or above) ``value``: an open end of an interval.

    Linear and deduction rules are continuous, so the limit is their value there;
    a band or an all-or-nothing target is a step, taken as the side inside decides.
    """
    if target.met_near(value, below=below):
        return item.points
    rule = item.rule
    if isinstance(rule, Bands):
        for band, band_points in rule.bands:
            if isinstance(band, RateTarget) and band.met_near(value, below=below):
                return min(band_points, item.points)
        return Fraction(0)
    return _partial_points(item, target, value)


def _points_range(item: Item, status: Verdict, interval: Interval) -> tuple[Fraction, Fraction]:
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
    for total in catalog.fields.values():
        # A part of a breakdown, with the other parts as they are, fits its total.
        ceiling = bounds[total.id].high if field_id in total.parts else None
        others = sum(bounds[part].low for part in total.parts if part != field_id)
        if ceiling is not None and new + others > ceiling:
            return False
    return all(
        new >= bounds[other.id].low
        for other in catalog.fields.values()
        if other.subset_of == field_id
    )


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
        low, high = _points_range(item, status, value.interval)
    else:
        # Nothing known, or the item may not apply at all: whether it then leaves
        # the maximum or earns its points, 0 to full points bounds the total.
        low, high = Fraction(0), item.points
    excluded = status == Verdict.NOT_APPLICABLE and profile.not_applicable == "exclude"
    return Line(
        indicator=item.indicator,
        area=area,
        status=status,
        value=value,
        target=item.target,
        points=low,
        points_high=high,
        max_points=Fraction(0) if excluded else item.points,
        mandatory=item.mandatory,
        gap=gap,
    )


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
        name = catalog.indicators[line.indicator].name
        if line.status == Verdict.NOT_MET:
            reasons.append(
                Reason(
                    code="mandatory-not-met",
                    blocking=True,
                    text=f"mandatory item {name.en} ({line.indicator}) is not met"
                    f" (target {line.target})",
                    text_zh=f"必达项“{name.zh}”未达标（目标"
                    f" {render.target_display(catalog, line.indicator, line.target, 'zh')}）",
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
    bounds = resolve_fields(catalog, data)
    values = compute(catalog, data, bounds=bounds)
    lines = {
        item.indicator: _line(
            catalog, profile, area.id, item, value=values[item.indicator], bounds=bounds
        )
        for area in profile.areas
        for item in area.items
    }
    areas = tuple(
        AreaResult(
            id=area.id,
            points=sum((lines[i.indicator].points for i in area.items), Fraction(0)),
            max_points=sum((lines[i.indicator].max_points for i in area.items), Fraction(0)),
        )
        for area in profile.areas
    )
    total = sum((a.points for a in areas), Fraction(0))
    high = sum((line.points_high for line in lines.values()), Fraction(0))
    max_total = sum((a.max_points for a in areas), Fraction(0))
    assessed = sum(
        (line.max_points for line in lines.values() if line.status != Verdict.MISSING), Fraction(0)
    )
    coverage = assessed / max_total if max_total else Fraction(0)
    scale = Fraction(100) / max_total if max_total else Fraction(0)
    applicable = _share_of(profile, lines, surely=False)
    assured = _share_of(profile, lines, surely=True)
    if_met = high + sum(
        (line.max_points for line in lines.values() if line.status == Verdict.MISSING),
        Fraction(0),
    )
    reasons = [
        *_veto_reasons(catalog, profile, data),
        *_mandatory_reasons(catalog, lines),
        *_applicable_reasons(profile, applicable, assured),
        *_total_reasons(profile, total * scale, high * scale),
        *_coverage_reasons(profile, coverage),
    ]
    verdict = _readiness(reasons)
    if verdict == Readiness.NOT_READY and _only_data_is_short(reasons, profile, if_met * scale):
        verdict = Readiness.INSUFFICIENT_DATA
        reasons.append(_missing_data_reasons(profile, high * scale, if_met * scale)[0])
    # A grade is a band of the score; with too little applying there is nothing to grade.
    grade = (
        next((g for g in profile.grades if total * scale >= g.min_total), None)
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
        warnings=(*data.warnings, *_jurisdiction_warnings(profile, data)),
        previous=data.previous,
        changes=data.changes,
        catalog=catalog,
    )


def _share_of(profile: Profile, lines: Mapping[str, Line], *, surely: bool) -> Fraction:
    """The share of the profile's points whose items apply (``surely``: certainly apply)."""
    full = profile.max_total
    if not full:
        return Fraction(0)
    applying = sum(
        (
            line.max_points
            for line in lines.values()
            if line.status != Verdict.NOT_APPLICABLE and not (surely and line.value.may_not_apply)
        ),
        Fraction(0),
    )
    return applying / full


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
