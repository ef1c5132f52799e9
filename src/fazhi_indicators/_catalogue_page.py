"""Private: the catalogue as a Markdown page, used only by the documentation build.

The documentation site builds its catalogue page from :func:`catalogue_markdown`, so
changing a threshold in ``indicators/profiles/`` changes the page with no other edit.
"""

from __future__ import annotations

from fractions import Fraction

from fazhi_indicators.definitions import (
    Bands,
    Catalog,
    CountCheck,
    Deduct,
    FieldDef,
    IndicatorDef,
    Item,
    Linear,
    Manual,
    OwnIndicator,
    Partial,
    PerEvent,
    PerShortfall,
    PerStep,
    Profile,
    RateIndicator,
    Source,
    Trend,
    YesNo,
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


def _description(field: FieldDef) -> str:
    what = field.description
    return "—" if what is None else f"{_cell(what.zh)}<br>{_cell(what.en)}"


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


def _cap(cap: Fraction | None) -> str:
    return "" if cap is None else f", at most {format_number(cap)} 以{format_number(cap)}分为限"


def _rule(item: Item) -> str:  # noqa: PLR0911 - one line per kind of rule
    rule = item.rule
    if isinstance(rule, Linear):
        return f"linear from {format_number(rule.floor * 100)}%"
    if isinstance(rule, Deduct):
        return f"deduct {format_number(rule.per_point)} per point"
    if isinstance(rule, Bands):
        bands = ", ".join(f"{t.text} → {format_number(p)}" for t, p in rule.bands)
        return f"bands: {bands}"
    if isinstance(rule, PerStep):
        every = format_number(rule.every * 100)
        per = format_number(rule.per)
        started = " (a step begun counts)" if rule.started else ""
        return f"step: −{per} per {every} points short 每{every}个百分点扣{per}分{started}" + _cap(
            rule.cap
        )
    if isinstance(rule, PerEvent):
        per = format_number(rule.per)
        return f"per event: −{per} each 每件扣{per}分" + _cap(rule.cap)
    if isinstance(rule, PerShortfall):
        per = format_number(rule.per)
        return f"per shortfall: −{per} each one short 每少一次扣{per}分" + _cap(rule.cap)
    if isinstance(rule, Partial):
        parts = "; ".join(
            f"{r.name.zh if r.name else r.id} {r.name.en if r.name else ''} ({r.kind},"
            f" {format_number(r.points)}, {_rule(r)})"
            for r in rule.requirements
        )
        return f"partial 分项: {parts}"
    if isinstance(item.check, Manual):
        return "scored by a person 人工评分"
    return "all or nothing 达标得满分"


#: Each kind of item in both languages, for the catalogue page.
KIND_LABELS = {
    "rate": "rate 比率",
    "ratio": "ratio 比例",
    "coverage": "coverage 全覆盖",
    "deadline": "deadline 按期完成",
    "boolean": "yes/no 是否",
    "zero_count": "none 无（为0）",
    "max_count": "at most 不超过",
    "min_count": "at least 不少于",
    "trend_up": "rising 逐年提高",
    "trend_down": "falling 逐年下降",
    "manual": "scored by a person 人工评分",
    "partial": "sub-requirements 分项",
}


def _subject(item: Item) -> str:  # noqa: PLR0911 - one line per kind of item
    """What an item judges and against what, as the catalogue page shows it."""
    check = item.check
    if isinstance(item.rule, Partial):
        return "every requirement 全部分项"
    if check is None:
        return f"`{item.target.text}`"
    if isinstance(check, OwnIndicator):
        definition = check.definition
        formula = definition.formula() if definition.id == item.id else f"`{definition.id}`"
        return f"`{formula}` {item.target.text}"
    if isinstance(check, YesNo):
        evidence = ", evidence required 须佐证" if check.evidence_required else ""
        return f"`{check.field}` = {str(check.want).lower()}{evidence}"
    if isinstance(check, CountCheck):
        if check.at_most is not None:
            return f"`{check.field}` {'=' if check.at_most == 0 else '≤'} {check.at_most}"
        least = check.at_least
        if isinstance(least, int):
            return f"`{check.field}` ≥ {least}"
        assert least is not None  # noqa: S101 - a minimum count always has a minimum
        steps = ", ".join(
            f"{'' if up_to is None else f'≤{up_to} → '}≥{m}" for up_to, m in least.steps
        )
        return f"`{check.field}` by `{least.per}`: {steps}"
    if isinstance(check, Trend):
        sign = ">" if check.kind == "trend_up" else "<"
        sign += "=" if check.allow_equal else ""
        return f"`{check.subject}` {sign} previous year 上年"
    return "—"


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
        what = indicator.description
        out.insert(3, f"- Counts 口径: {_cell(what.zh)} / {_cell(what.en)}")
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
        "| area 领域 | item 评分项 | kind 类型 | target 目标 | points 分值 | rule 规则 |"
        " basis 依据 |",
        "|---|---|---|---|---|---|---|",
    ]
    for area in profile.areas:
        for item in area.items:
            star = " *" if item.mandatory else ""
            name = f" {item.name.zh} / {item.name.en}" if item.name is not None else ""
            out.append(
                f"| {area.name.zh} | `{item.id}`{star}{_cell(name)} | {KIND_LABELS[item.kind]} |"
                f" {_cell(_subject(item))} | {format_number(item.points)} | {_cell(_rule(item))} |"
                f" {item.source.basis} |"
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
            f" {_description(f)} | {_source(f.source)} |"
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
