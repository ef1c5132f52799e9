"""Check a report against itself: printed rates against counts, parts against totals.

Real reports round half-up or truncate, omit an 其他 bucket, and sometimes add
up wrongly (Shenqiu 2023: legal aid 139 + 239 + 345 = 723, printed total 763).
The audit says which, without changing any figure.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from fractions import Fraction
from typing import Literal

from attrs import frozen

from fazhi_indicators.compute import FieldBounds, IndicatorValue, resolve_fields
from fazhi_indicators.county import CountyYear
from fazhi_indicators.definitions import Catalog, RateIndicator
from fazhi_indicators.exact import ROUNDINGS, round_percent
from fazhi_indicators.history import check_changes

__all__ = ["AuditEntry", "audit"]

AuditStatus = Literal["consistent", "inconsistent", "warning"]


@frozen(kw_only=True)
class AuditEntry:
    """One check of the report against itself."""

    #: The field or indicator id checked.
    subject: str
    status: AuditStatus
    detail: str
    detail_zh: str


def _stated_entry(catalog: Catalog, value: IndicatorValue) -> AuditEntry | None:
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
    return AuditEntry(
        subject=indicator.id,
        status="inconsistent",
        detail=f"stated {stated.text}, but {counts} = {shown}%"
        f" (difference {difference:+f} percentage points)",
        detail_zh=f"报告所列 {stated.text}，但 {counts} = {shown}%"
        f"（相差 {difference:+f} 个百分点）",
    )


def _breakdown_entries(
    catalog: Catalog,
    data: CountyYear,
    bounds: Mapping[str, FieldBounds],
) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    for field in catalog.fields.values():
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
    for field in catalog.fields.values():
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
    entries = [e for v in values.values() if (e := _stated_entry(catalog, v)) is not None]
    entries += _normalised_entries(data)
    entries += [
        AuditEntry(subject=c.subject, status=c.status, detail=c.detail, detail_zh=c.detail_zh)
        for c in check_changes(catalog, data)
    ]
    return entries + _breakdown_entries(catalog, data, bounds)
