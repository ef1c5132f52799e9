"""Private: the catalogue as a Markdown page, used only by the documentation build.

The documentation site builds its catalogue page from :func:`catalogue_markdown`, so
changing a threshold in ``indicators/profiles/`` changes the page with no other edit.
"""

from __future__ import annotations

from fazhi_indicators.definitions import (
    Bands,
    Catalog,
    Deduct,
    FieldDef,
    IndicatorDef,
    Item,
    Linear,
    Profile,
    RateIndicator,
    Source,
)
from fazhi_indicators.errors import ERROR_CODES
from fazhi_indicators.exact import format_number

__all__ = ["catalogue_markdown", "error_codes_markdown"]

_BASIS = {
    "law": "law 法律法规",
    "official": "official 官方文件",
    "practice": "practice 实践用法",
    "assumption": "assumption 本项目假设",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _source(source: Source | None) -> str:
    if source is None:
        return "—"
    parts = [f"**{_BASIS[source.basis]}**"]
    if source.title:
        parts.append(source.title)
    if source.note:
        parts.append(source.note)
    if source.url:
        parts.append(f"<{source.url}>")
    return _cell("; ".join(parts))


def _structure(field: FieldDef) -> str:
    notes = []
    if field.sum_of:
        notes.append("= " + " + ".join(f"`{p}`" for p in field.sum_of))
    elif field.parts:
        joined = " + ".join(f"`{p}`" for p in field.parts)
        notes.append(f"parts: {joined}" + (" (complete)" if field.complete else ""))
    if field.subset_of:
        notes.append(f"⊆ `{field.subset_of}`")
    return "; ".join(notes) or "—"


def _rule(item: Item) -> str:
    rule = item.rule
    if isinstance(rule, Linear):
        return f"linear from {format_number(rule.floor * 100)}%"
    if isinstance(rule, Deduct):
        return f"deduct {format_number(rule.per_point)} per point"
    if isinstance(rule, Bands):
        bands = ", ".join(f"{t.text} → {format_number(p)}" for t, p in rule.bands)
        return f"bands: {bands}"
    return "all or nothing"


def _uses(catalog: Catalog, indicator_id: str) -> list[str]:
    lines = []
    for profile in catalog.profiles.values():
        for area in profile.areas:
            for item in area.items:
                if item.indicator == indicator_id:
                    mandatory = ", **mandatory 必达**" if item.mandatory else ""
                    lines.append(
                        f"- `{profile.id}` {profile.version} ({area.name.zh}): target"
                        f" `{item.target.text}`, {format_number(item.points)} points,"
                        f" {_rule(item)}{mandatory}; basis: {_source(item.source)}"
                    )
            if indicator_id in area.monitor:
                lines.append(f"- `{profile.id}` {profile.version}: monitored, not scored")
    return lines


def _indicator(catalog: Catalog, indicator: IndicatorDef) -> list[str]:
    precision = (
        f"; display precision: {indicator.precision} decimal(s)"
        if isinstance(indicator, RateIndicator)
        else ""
    )
    out = [
        f"### `{indicator.id}` — {indicator.name.zh} / {indicator.name.en}",
        "",
        f"- Formula 公式: `{indicator.formula()}`",
        f"- Kind 类型: {indicator.kind}; better 方向: {indicator.direction}{precision}",
        f"- Source 来源: {_source(indicator.source)}",
    ]
    if indicator.description:
        out.insert(3, f"- Counts 口径: {_cell(indicator.description)}")
    uses = _uses(catalog, indicator.id)
    out += ["- Used by 使用:", *(f"  {u}" for u in uses)] if uses else ["- Used by 使用: none"]
    return [*out, ""]


def _profile(profile: Profile) -> list[str]:
    last = profile.effective_to if profile.effective_to is not None else ""
    out = [
        f"### `{profile.id}` {profile.version} — {profile.title.zh}",
        "",
        f"{profile.title.en}. Jurisdiction 适用地区: {profile.jurisdiction};"
        f" effective 适用年度: {profile.effective_from}–{last}.",
        "",
        f"- Pass line 合格线: {format_number(profile.pass_line.value)} of 100;"
        f" {_source(profile.pass_line.source)}",
        f"- Coverage 数据覆盖: at least {format_number(profile.min_coverage.value * 100)}%;"
        f" {_source(profile.min_coverage.source)}",
        f"- Maximum 满分: {format_number(profile.max_total)} points;"
        f" thresholds resting on assumptions 基于假设的阈值: {profile.assumption_count()}",
    ]
    if profile.grades:
        grades = ", ".join(
            f"{g.name.zh} {g.name.en} ≥ {format_number(g.min_total)}" for g in profile.grades
        )
        out.append(f"- Grades 等次: {grades}; {_source(profile.grades_source)}")
    out += [
        f"- Veto 一票否决: {v.name.zh} / {v.name.en} (`{v.field}` = {str(v.when).lower()});"
        f" {_source(v.source)}"
        for v in profile.vetoes
    ]
    out += [
        "",
        "| area 领域 | indicator 指标 | target 目标 | points 分值 | rule 规则 | basis 依据 |",
        "|---|---|---|---|---|---|",
    ]
    for area in profile.areas:
        for item in area.items:
            star = " *" if item.mandatory else ""
            out.append(
                f"| {area.name.zh} | `{item.indicator}`{star} | `{item.target.text}` |"
                f" {format_number(item.points)} | {_rule(item)} | {item.source.basis} |"
            )
    return [*out, "", "\\* mandatory 必达项", ""]


def catalogue_markdown(catalog: Catalog) -> str:
    """Every domain's fields and indicators, and every profile, as Markdown."""
    out = []
    for domain, label in catalog.domains.items():
        fields = [f for f in catalog.fields.values() if f.domain == domain]
        indicators = [i for i in catalog.indicators.values() if i.domain == domain]
        out += [f"## {label.zh} / {label.en} (`{domain}`)", "", "### Fields 字段", ""]
        out += [
            "| id | 中文名 | English | type 类型 | structure 结构 | counts 口径 | source 来源 |",
            "|---|---|---|---|---|---|---|",
        ]
        out += [
            f"| `{f.id}` | {_cell(f.name.zh)} | {_cell(f.name.en)} |"
            f" {f.type}{' (' + f.unit.zh + ')' if f.unit else ''} | {_structure(f)} |"
            f" {_cell(f.description or '—')} | {_source(f.source)} |"
            for f in fields
        ]
        out.append("")
        for indicator in indicators:
            out += _indicator(catalog, indicator)
    out += ["## Profiles 评分标准", ""]
    for profile in catalog.profiles.values():
        out += _profile(profile)
    return "\n".join(out) + "\n"


def error_codes_markdown() -> str:
    """The table of problem codes, from the registry in :mod:`fazhi_indicators.errors`."""
    rows = [f"| `{code}` | {en} | {zh} |" for code, (en, zh) in ERROR_CODES.items()]
    return (
        "\n".join(["| code | meaning and what to do | 含义与处理 |", "|---|---|---|", *rows]) + "\n"
    )
