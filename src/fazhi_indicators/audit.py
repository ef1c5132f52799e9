"""Check a report against itself: printed rates against counts, parts against totals.

Real reports round half-up or truncate, omit an 其他 bucket, and sometimes add
up wrongly (Shenqiu 2023: legal aid 139 + 239 + 345 = 723, printed total 763).
The audit says which, without changing any figure.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Literal

from attrs import frozen

from fazhi_indicators.compute import FieldBounds, IndicatorValue, resolve_fields
from fazhi_indicators.county import Breakdown, Category, CountyYear, Reported
from fazhi_indicators.definitions import Catalog, FieldDef, RateIndicator
from fazhi_indicators.exact import ROUNDINGS, Interval, Rounding, StatedRate, round_percent
from fazhi_indicators.history import check_changes

__all__ = ["AuditEntry", "Fit", "audit", "fits"]

AuditStatus = Literal["consistent", "inconsistent", "warning"]
FitRole = Literal["numerator", "denominator"]


@frozen(kw_only=True)
class Fit:
    """The whole numbers that would make a printed rate agree with its counts.

    ``numerator``: the counts that, over the reported base, print as the rate;
    ``denominator``: the bases over which the reported count prints as the rate.
    """

    role: FitRole
    rounding: Rounding
    low: int
    #: ``None`` when every base from ``low`` up fits (a printed 0%).
    high: int | None
    #: Reported fields whose value is one of these numbers.
    fields: tuple[str, ...] = ()

    def text(self) -> str:
        """``60`` or ``1065–1084`` (``1065 or more`` when unbounded)."""
        if self.high is None:
            return f"{self.low} or more"
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"

    def text_zh(self) -> str:
        """``60`` or ``1065–1084`` (``1065及以上``)."""
        if self.high is None:
            return f"{self.low}及以上"
        return self.text()


@frozen(kw_only=True)
class AuditEntry:
    """One check of the report against itself."""

    #: The field or indicator id checked (for a breakdown, the field broken down).
    subject: str
    status: AuditStatus
    detail: str
    detail_zh: str
    #: For a check of a breakdown: its dimension (id, or name as printed).
    dimension: str | None = None
    #: For a check of one category of a breakdown: the category as printed.
    category: str | None = None
    #: When a printed rate or share disagrees: the counts and bases that would fit.
    fits: tuple[Fit, ...] = ()
    #: What the fits say, for a person (empty when there are none).
    hint: str = ""
    hint_zh: str = ""


def _stated_entry(
    catalog: Catalog, value: IndicatorValue, known: Mapping[str, int]
) -> AuditEntry | None:
    stated = value.stated
    indicator = catalog.indicators[value.indicator]
    if (
        stated is None
        or not isinstance(value.value, Fraction)
        or not isinstance(indicator, RateIndicator)
    ):
        return None
    modes = [mode for mode in ROUNDINGS if stated.matches(value.value, mode)]
    counts = f"{value.numerator}/{value.denominator}"
    shown = round_percent(value.value, max(stated.places, indicator.precision) + 1)
    if modes:
        names = {"half_up": "half-up rounding", "truncate": "truncation"}
        names_zh = {"half_up": "四舍五入", "truncate": "截尾"}
        how = " and ".join(names[m] for m in modes)
        how_zh = "和".join(names_zh[m] for m in modes)
        return AuditEntry(
            subject=indicator.id,
            status="consistent",
            detail=f"stated {stated.text} matches {counts} = {shown}% under {how}",
            detail_zh=f"报告所列 {stated.text} 与 {counts} = {shown}% 相符（{how_zh}）",
        )
    difference = round_percent(value.value - stated.value, stated.places + 2)
    found: tuple[Fit, ...] = ()
    if value.numerator is not None and value.denominator is not None:
        found = fits(
            stated,
            value.numerator,
            value.denominator,
            share=indicator.kind == "share",
            known=known,
        )
    hint, hint_zh = (
        _fits_hint(catalog, stated, value.numerator, value.denominator, found)
        if value.numerator is not None and value.denominator is not None
        else ("", "")
    )
    return AuditEntry(
        subject=indicator.id,
        status="inconsistent",
        detail=f"stated {stated.text}, but {counts} = {shown}%"
        f" (difference {difference:+f} percentage points)",
        detail_zh=f"报告所列 {stated.text}，但 {counts} = {shown}%"
        f"（相差 {difference:+f} 个百分点）",
        fits=found,
        hint=hint,
        hint_zh=hint_zh,
    )


def _breakdown_entries(
    catalog: Catalog,
    data: CountyYear,
    bounds: Mapping[str, FieldBounds],
) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    totals = _totals(catalog.fields)
    for field in totals:
        total = bounds.get(field.id)
        if not field.parts or total is None or total.origin != "reported" or total.exact is None:
            continue
        given = [p for p in field.parts if bounds[p].origin in {"reported", "derived"}]
        if not given or any(bounds[p].exact is None for p in given):
            continue
        parts_sum = sum(bounds[p].low for p in given)
        shown = " + ".join(str(bounds[p].low) for p in given)
        absent = [p for p in field.parts if p not in given]
        if parts_sum == total.exact:
            rest = f"; not given, hence 0: {', '.join(absent)}" if absent else ""
            absent_zh = "".join(f"“{catalog.fields[p].name.zh}”" for p in absent)
            rest_zh = f"；未列出的分项因此为0：{absent_zh}" if absent else ""
            entries.append(
                AuditEntry(
                    subject=field.id,
                    status="consistent",
                    detail=f"parts {shown} = {parts_sum} equal the total {total.exact}{rest}",
                    detail_zh=f"分项 {shown} = {parts_sum}，与总数 {total.exact} 一致{rest_zh}",
                )
            )
        elif field.complete and not absent:
            gap = total.exact - parts_sum
            entries.append(
                AuditEntry(
                    subject=field.id,
                    status="warning",
                    detail=f"parts {shown} = {parts_sum} ≠ {total.exact} (short by {gap});"
                    " the report may omit a category or misprint a figure",
                    detail_zh=f"分项 {shown} = {parts_sum} ≠ 总数 {total.exact}（相差 {gap}）；"
                    "报告可能遗漏了某类或数字有误",
                )
            )
    for field in totals:
        b = bounds.get(field.id)
        if b is not None and b.origin == "derived" and field.id not in data.values:
            parts = " + ".join(str(bounds[p].low) for p in field.parts)
            entries.append(
                AuditEntry(
                    subject=field.id,
                    status="consistent",
                    detail=f"not reported; derived from its parts: {parts} = {b.low}",
                    detail_zh=f"报告未列；由分项推得：{parts} = {b.low}",
                )
            )
    return entries


#: The last few catalogues' fields (which never change) with the fields of each that have
#: parts or are a sum: the only ones whose breakdown is checked or that can be derived.
_TOTALS: list[tuple[Mapping[str, FieldDef], list[FieldDef]]] = []


def _totals(fields: Mapping[str, FieldDef]) -> list[FieldDef]:
    for known, totals in _TOTALS:
        if known is fields:
            return totals
    found = [field for field in fields.values() if field.parts or field.sum_of]
    _TOTALS[:] = [(fields, found), *_TOTALS[:3]]
    return found


def _normalised_entries(data: CountyYear) -> list[AuditEntry]:
    """Say where a printed rate was written with full-width characters and read normalised."""
    entries = []
    for indicator_id, stated in data.stated.items():
        clean = unicodedata.normalize("NFKC", stated.text)
        if clean != stated.text:
            entries.append(
                AuditEntry(
                    subject=indicator_id,
                    status="warning",
                    detail=f"printed as {stated.text!r} with full-width characters;"
                    f" read as {clean}",
                    detail_zh=f"报告值“{stated.text}”含全角字符，已按 {clean} 读取",
                )
            )
    return entries


def audit(
    catalog: Catalog,
    data: CountyYear,
    values: Mapping[str, IndicatorValue],
    *,
    bounds: Mapping[str, FieldBounds] | None = None,
) -> list[AuditEntry]:
    """Every check the report's own figures allow, in catalogue order.

    ``bounds`` are :func:`~fazhi_indicators.compute.resolve_fields` of the same
    data, when the caller has them already.
    """
    if bounds is None:
        bounds = resolve_fields(catalog, data)
    known = _known_counts(data)
    entries = [e for v in values.values() if (e := _stated_entry(catalog, v, known)) is not None]
    entries += _normalised_entries(data)
    entries += [
        AuditEntry(subject=c.subject, status=c.status, detail=c.detail, detail_zh=c.detail_zh)
        for c in check_changes(catalog, data)
    ]
    entries += _breakdown_entries(catalog, data, bounds)
    entries += _breakdowns(catalog, data, bounds)
    return entries + _period_entries(catalog, data, values)


# What would fit: the whole numbers that print as a rate.

_MODES = {"half_up": ("half-up", "四舍五入"), "truncate": ("truncation", "截尾")}


def _floor(value: Fraction) -> int:
    return value.numerator // value.denominator


def _ceil(value: Fraction) -> int:
    return -(-value.numerator // value.denominator)


def _counts_in(interval: Interval, base: int) -> tuple[int, int] | None:
    """The whole counts ``k`` with ``k / base`` in ``interval``."""
    low, high = interval.low * base, interval.high * base
    least = _ceil(low) if interval.low_closed else _floor(low) + 1
    most = _floor(high) if interval.high_closed else _ceil(high) - 1
    return (least, most) if least <= most else None


def _bases_in(interval: Interval, count: int) -> tuple[int, int | None] | None:
    """The whole bases ``d ≥ 1`` with ``count / d`` in ``interval`` (``None`` high: unbounded)."""
    if count <= 0 or interval.high <= 0:
        return None
    over_high = Fraction(count) / interval.high
    least = max(_ceil(over_high) if interval.high_closed else _floor(over_high) + 1, 1)
    most: int | None = None
    if interval.low > 0:
        over_low = Fraction(count) / interval.low
        most = _floor(over_low) if interval.low_closed else _ceil(over_low) - 1
    if most is not None and least > most:
        return None
    return least, most


def fits(
    stated: StatedRate,
    numerator: int,
    denominator: int,
    *,
    share: bool = True,
    known: Mapping[str, int] | None = None,
) -> tuple[Fit, ...]:
    """The counts over ``denominator``, and the bases under ``numerator``, that print as ``stated``.

    Each rounding is taken apart (a hedge widens the printed interval as it does
    everywhere); a ``share`` keeps counts within their base.  ``known`` are the
    reported counts by field id, to name those equal to a fitting number.
    """
    found: list[Fit] = []
    for mode in ROUNDINGS:
        interval = stated.interval(mode)
        counts = _counts_in(interval, denominator)
        if counts is not None and share:
            counts = (max(counts[0], 0), min(counts[1], denominator))
        if counts is not None and counts[0] <= counts[1]:
            found.append(_fit("numerator", mode, counts[0], counts[1], known))
        bases = _bases_in(interval, numerator)
        if bases is not None and share:
            bases = (max(bases[0], numerator), bases[1])
        if bases is not None and (bases[1] is None or bases[0] <= bases[1]):
            found.append(_fit("denominator", mode, bases[0], bases[1], known))
    return tuple(found)


def _fit(
    role: FitRole, mode: Rounding, low: int, high: int | None, known: Mapping[str, int] | None
) -> Fit:
    fields = tuple(k for k, v in (known or {}).items() if low <= v and (high is None or v <= high))
    return Fit(role=role, rounding=mode, low=low, high=high, fields=fields)


def _fits_hint(
    catalog: Catalog, stated: StatedRate, numerator: int, denominator: int, found: Sequence[Fit]
) -> tuple[str, str]:
    """``5.4% fits a count of 60 (half-up) or 61 (truncation) out of 1113, or …``."""

    def side(role: FitRole, *, zh: bool) -> str:
        chosen = [f for f in found if f.role == role]
        if len(chosen) == 2 and (chosen[0].low, chosen[0].high) == (chosen[1].low, chosen[1].high):
            both = "四舍五入和截尾" if zh else "half-up and truncation"
            return (
                f"{chosen[0].text_zh() if zh else chosen[0].text()}（{both}）"
                if zh
                else (f"{chosen[0].text()} ({both})")
            )
        if zh:
            return "或".join(f"{f.text_zh()}（{_MODES[f.rounding][1]}）" for f in chosen)
        return " or ".join(f"{f.text()} ({_MODES[f.rounding][0]})" for f in chosen)

    has = {f.role for f in found}
    en: list[str] = []
    zh: list[str] = []
    if "numerator" in has:
        en.append(f"a count of {side('numerator', zh=False)} out of {denominator}")
        zh.append(f"以 {denominator} 为基数时计数应为 {side('numerator', zh=True)}")
    if "denominator" in has:
        en.append(f"{numerator} out of a base of {side('denominator', zh=False)}")
        zh.append(f"以 {numerator} 为计数时基数应为 {side('denominator', zh=True)}")
    if not en:
        return "", ""
    named = sorted({field for f in found for field in f.fields})
    if named:
        shown = ", ".join(named)
        shown_zh = "".join(f"“{_name_zh(catalog, n)}”" for n in named)
        tail, tail_zh = (
            f"; reported with such a value: {shown}",
            f"；报告中数值相符的项：{shown_zh}",
        )
    else:
        tail, tail_zh = "; no reported figure has such a value", "；报告中没有数值相符的项"
    return (
        f"{stated.text} fits " + ", or ".join(en) + tail,
        f"报告值 {stated.text} 对应：" + "；".join(zh) + tail_zh,
    )


def _name_zh(catalog: Catalog, field_id: str) -> str:
    known = catalog.fields.get(field_id)
    return field_id if known is None else known.name.zh


def _known_counts(data: CountyYear) -> dict[str, int]:
    """The exact reported counts, by field id, for naming a fitting number."""
    return {
        k: v.value
        for k, v in data.values.items()
        if isinstance(v.value, int) and not isinstance(v.value, bool) and v.approx is None
    }


# Breakdowns: a table's categories against its total, its shares against its counts.


def _shown(category: Category) -> str:
    """A count as printed: ``50余``, ``约50``, ``349``."""
    if category.approx in {"约", "近"}:
        return f"{category.approx}{category.count}"
    return f"{category.count}{category.approx or ''}"


def _total_of(field_id: str | None, bounds: Mapping[str, FieldBounds]) -> tuple[int, int] | None:
    b = bounds.get(field_id) if field_id is not None else None
    if b is None or b.origin not in {"reported", "derived"} or b.high is None:
        return None
    return b.low, b.high


def _table_entries(  # noqa: PLR0913 - a table, what it breaks down and where it sits
    catalog: Catalog,
    table: Breakdown,
    subject: str,
    total: tuple[int, int] | None,
    *,
    trail: tuple[tuple[str, str], ...],
    known: Mapping[str, int],
) -> list[AuditEntry]:
    """The sum and the shares of one table, then of the tables nested in its categories."""
    where = (*trail, (f"by {table.by_name.en}", f"按{table.by_name.zh}"))
    prefix = " → ".join(w[0] for w in where) + ": "
    prefix_zh = "→".join(w[1] for w in where) + "："
    entries = [_sum_entry(table, subject, total, prefix, prefix_zh)]
    entries += _share_entries(
        catalog, table, subject, total, prefixes=(prefix, prefix_zh), known=known
    )
    for category in table.categories:
        for inner in category.breakdowns:
            step = (category.label("en"), f"“{category.name}”")
            entries += _table_entries(
                catalog, inner, subject, category.range, trail=(*where, step), known=known
            )
    return [e for e in entries if e is not None]


def _sum_entry(
    table: Breakdown, subject: str, total: tuple[int, int] | None, prefix: str, prefix_zh: str
) -> AuditEntry | None:
    """Categories against their total: equal, short (a warning when the table is whole) or over."""
    if total is None:
        return None
    cats = table.categories
    low = sum(c.range[0] for c in cats)
    high = sum(c.range[1] for c in cats)
    shown = " + ".join(_shown(c) for c in cats)
    exact = low == high and total[0] == total[1]
    whole = str(total[0]) if total[0] == total[1] else f"{total[0]}–{total[1]}"
    summed = str(low) if low == high else f"{low}–{high}"
    made = f"{shown} = {summed}" if len(cats) > 1 else summed

    def entry(status: AuditStatus, en: str, zh: str) -> AuditEntry:
        return AuditEntry(
            subject=subject,
            status=status,
            detail=prefix + en,
            detail_zh=prefix_zh + zh,
            dimension=table.by,
        )

    if high < total[0]:
        gap = total[0] - high
        gap_text = str(gap) if exact else f"at least {gap}"
        gap_zh = str(gap) if exact else f"至少 {gap}"
        if not table.complete:
            return entry(
                "consistent",
                f"categories {made} of the total {whole}; the table lists part of it",
                f"所列类别 {made}，占总数 {whole} 的一部分（分类表未列全部）",
            )
        return entry(
            "warning",
            f"categories {made} fall short of the total {whole} by {gap_text};"
            " the table may omit a category or misprint a figure",
            f"各类别 {made}，比总数 {whole} 少 {gap_zh}；分类表可能遗漏了某类或数字有误",
        )
    if low > total[1]:
        excess = low - total[1]
        excess_text = str(excess) if exact else f"at least {excess}"
        excess_zh = str(excess) if exact else f"至少 {excess}"
        return entry(
            "warning",
            f"categories {made} exceed the total {whole} by {excess_text};"
            " categories may overlap or a figure is misprinted",
            f"各类别 {made}，比总数 {whole} 多 {excess_zh}；类别可能交叉或数字有误",
        )
    if exact:
        return entry(
            "consistent",
            f"categories {made} equal the total {whole}",
            f"各类别 {made}，与总数 {whole} 一致",
        )
    return entry(
        "consistent",
        f"categories {made} may equal the total {whole}",
        f"各类别 {made}，可能与总数 {whole} 一致",
    )


def _share_entries(  # noqa: PLR0913 - a table, where it sits, what names a fitting number
    catalog: Catalog,
    table: Breakdown,
    subject: str,
    total: tuple[int, int] | None,
    *,
    prefixes: tuple[str, str],
    known: Mapping[str, int],
) -> list[AuditEntry]:
    """Each printed share against its count and the total; a disagreeing one with what fits."""
    prefix, prefix_zh = prefixes
    printed = [c for c in table.categories if c.share is not None]
    if not printed:
        return []
    if total is None or total[1] == 0:
        why = "the total is not reported" if total is None else "the total is 0"
        why_zh = "未报告总数" if total is None else "总数为0"
        return [
            AuditEntry(
                subject=subject,
                status="warning",
                detail=f"{prefix}shares are printed, but {why}: they cannot be checked",
                detail_zh=f"{prefix_zh}列有占比，但{why_zh}，无法核对",
                dimension=table.by,
            )
        ]
    entries: list[AuditEntry] = []
    matched: list[tuple[Category, tuple[Rounding, ...], str]] = []
    for category in printed:
        share = category.share
        assert share is not None  # noqa: S101 - filtered above
        (k_low, k_high), (n_low, n_high) = category.range, total
        if k_low == k_high and n_low == n_high:
            rate = Fraction(k_low, n_low)
            modes = tuple(m for m in ROUNDINGS if share.matches(rate, m))
            shown = f"{k_low}/{n_low} = {round_percent(rate, max(share.places + 1, 2))}%"
            if modes:
                matched.append((category, modes, shown))
                continue
            entries.append(
                _share_mismatch(
                    catalog, table, subject, category, base=n_low, prefixes=prefixes, known=known
                )
            )
            continue
        lowest = Fraction(k_low, n_high)
        highest = Fraction(k_high, max(n_low, 1))
        printed_as = share.interval()
        if highest < printed_as.low or lowest > printed_as.high:
            entries.append(
                AuditEntry(
                    subject=subject,
                    status="inconsistent",
                    detail=f"{prefix}{category.label('en')} printed {share.text}, but"
                    f" {_shown(category)} of {n_low}–{n_high} cannot print so",
                    detail_zh=f"{prefix_zh}“{category.name}”报告占比 {share.text}，但"
                    f" {_shown(category)} 占 {n_low}–{n_high} 不可能如此",
                    dimension=table.by,
                    category=category.name,
                )
            )
        else:
            whole = f"{n_low}" if n_low == n_high else f"{n_low}–{n_high}"
            matched.append((category, ROUNDINGS, f"{_shown(category)}/{whole}"))
    if matched:
        entries.insert(0, _shares_match(table, subject, matched, prefixes))
    return entries


def _shares_match(
    table: Breakdown,
    subject: str,
    matched: Sequence[tuple[Category, tuple[Rounding, ...], str]],
    prefixes: tuple[str, str],
) -> AuditEntry:
    """One entry for every share that agrees, grouped by the rounding it agrees under."""
    groups: dict[tuple[Rounding, ...], list[tuple[Category, str]]] = {}
    for category, modes, shown in matched:
        groups.setdefault(modes, []).append((category, shown))
    en: list[str] = []
    zh: list[str] = []
    for modes, members in groups.items():
        how = " and ".join(_MODES[m][0] for m in modes) + (" only" if len(modes) == 1 else "")
        how_zh = "和".join(_MODES[m][1] for m in modes)
        listed = ", ".join(
            f"{c.label('en')} {c.share.text if c.share else ''} ({s})" for c, s in members
        )
        listed_zh = "，".join(
            f"“{c.name}”{c.share.text if c.share else ''}（{s}）" for c, s in members
        )
        en.append(f"under {how}: {listed}")
        zh.append(f"{'仅' if len(modes) == 1 else ''}按{how_zh}相符：{listed_zh}")
    return AuditEntry(
        subject=subject,
        status="consistent",
        detail=prefixes[0] + "shares match their counts " + "; ".join(en),
        detail_zh=prefixes[1] + "占比与计数相符，" + "；".join(zh),
        dimension=table.by,
    )


def _share_mismatch(  # noqa: PLR0913 - the share, where it sits and what names a fit
    catalog: Catalog,
    table: Breakdown,
    subject: str,
    category: Category,
    *,
    base: int,
    prefixes: tuple[str, str],
    known: Mapping[str, int],
) -> AuditEntry:
    share = category.share
    assert share is not None  # noqa: S101 - only printed shares are checked
    count = category.count
    rate = Fraction(count, base)
    found = fits(share, count, base, known=known)
    hint, hint_zh = _fits_hint(catalog, share, count, base, found)
    shown = round_percent(rate, max(share.places + 1, 2))
    difference = round_percent(rate - share.value, share.places + 2)
    return AuditEntry(
        subject=subject,
        status="inconsistent",
        detail=f"{prefixes[0]}{category.label('en')} printed {share.text}, but {count}/{base}"
        f" = {shown}% (difference {difference:+f} percentage points)",
        detail_zh=f"{prefixes[1]}“{category.name}”报告占比 {share.text}，但 {count}/{base}"
        f" = {shown}%（相差 {difference:+f} 个百分点）",
        dimension=table.by,
        category=category.name,
        fits=found,
        hint=hint,
        hint_zh=hint_zh,
    )


def _breakdowns(
    catalog: Catalog, data: CountyYear, bounds: Mapping[str, FieldBounds]
) -> list[AuditEntry]:
    known = _known_counts(data)
    entries: list[AuditEntry] = []
    for table in data.breakdowns:
        subject = table.of or ""
        total = _total_of(table.of, bounds)
        entries += _table_entries(catalog, table, subject, total, trail=(), known=known)
    return entries


# Periods and scopes: a figure that is not the county's whole year.


def _partial(reported: Reported, year: int) -> tuple[str, str] | None:
    """Why a figure is not the county's whole year, in English and Chinese, or ``None``."""
    en: list[str] = []
    zh: list[str] = []
    period = reported.period
    if period is not None and not period.whole_year(year):
        en.append(f"counted {period.text('en')}, not the whole of {year}")
        zh.append(f"统计{period.text('zh')}，并非{year}年全年")
    if reported.scope is not None:
        en.append(f"its scope is {reported.scope}, not the county's own")
        zh.append(f"统计范围为“{reported.scope}”，并非本级全口径")
    return ("; ".join(en), "；".join(zh)) if en else None


def _period_entries(
    catalog: Catalog, data: CountyYear, values: Mapping[str, IndicatorValue]
) -> list[AuditEntry]:
    """A rate built on a figure for part of the year, or of a narrower scope, is not the year's."""
    entries: list[AuditEntry] = []
    for indicator_id, value in values.items():
        if value.source != "computed":
            continue
        indicator = catalog.indicators.get(indicator_id)
        if not isinstance(indicator, RateIndicator):
            continue
        for field_id in indicator.fields:
            reported = data.values.get(field_id)
            why = _partial(reported, data.year) if reported is not None else None
            if why is None or reported is None:
                continue
            name_zh = _name_zh(catalog, field_id)
            entries.append(
                AuditEntry(
                    subject=indicator_id,
                    status="warning",
                    detail=f"computed from {field_id} = {reported.value}, {why[0]}:"
                    " the rate may not be the year's",
                    detail_zh=f"由“{name_zh}”（{reported.value}）计算，该数{why[1]}："
                    "所得比率未必是全年的比率",
                )
            )
    return entries
