"""What a profile holds and what is wrong with it: the result of ``fazhi check-profile``.

A province's staff who encode their yearly scoring table need to see, before any county
is scored, whether the file reads, where it does not, and what it adds up to: items
and points per area, and how many of those points rest on ``basis: assumption`` rather
than on a published document.  This module builds that summary from a loaded
:class:`~fazhi_indicators.definitions.Profile` and words it in Chinese and English;
it never reads a file (the loader hands it the problems it found).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any, Literal
from unicodedata import east_asian_width

from attrs import frozen

from fazhi_indicators.definitions import Item, Profile, Source, Text
from fazhi_indicators.errors import Problem
from fazhi_indicators.exact import format_number
from fazhi_indicators.rollup import TreeCoverage, editions_used
from fazhi_indicators.tree import Edition, split_reference

__all__ = [
    "AreaSummary",
    "CheckStatus",
    "ProfileCheck",
    "ProfileSummary",
    "profile_check_json",
    "profile_check_text",
    "summarize",
]

#: ``clean`` (exit 0), ``warnings`` (exit 1) or ``errors`` (exit 2), as ``fazhi check``.
CheckStatus = Literal["clean", "warnings", "errors"]
_EXIT: dict[CheckStatus, int] = {"clean": 0, "warnings": 1, "errors": 2}
_BASIS_ZH = {"law": "法律", "official": "官方文件", "assumption": "假设"}


def _assumed(source: Source) -> bool:
    return source.basis == "assumption"


def _points(items: Sequence[Item], *, assumed: bool | None = None) -> Fraction:
    return sum(
        (i.points for i in items if assumed is None or _assumed(i.source) == assumed),
        Fraction(0),
    )


@frozen(kw_only=True)
class AreaSummary:
    """One area (一级指标) of a profile: how many items, how many points, how many assumed."""

    id: str
    name: Text
    items: int
    points: Fraction
    #: Points of the area's items whose source is ``basis: assumption``.
    assumed_points: Fraction


@frozen(kw_only=True)
class ProfileSummary:
    """A profile in figures, for the person who wrote it to check against the printed table."""

    id: str
    version: str
    title: Text
    extends: str | None
    effective_from: int
    effective_to: int | None
    areas: tuple[AreaSummary, ...]
    #: The sum of every item's points.
    points: Fraction
    #: Points of items whose source is ``basis: assumption``.
    assumed_points: Fraction
    #: Points of items by the basis of their source (``law``, ``official``, ``assumption``).
    points_by_basis: tuple[tuple[str, Fraction], ...]
    #: Thresholds and settings that rest on assumptions (as every scorecard counts them).
    assumed_thresholds: int
    pass_line: Fraction
    pass_line_basis: str
    mandatory: int
    vetoes: int
    #: For each edition of the official tree the items name (``node:``), how many of
    #: its 三级 items they score; empty when no item is attached.
    trees: tuple[TreeCoverage, ...] = ()
    #: Items attached to no tree node.
    unattached: int = 0
    #: How many items of each kind (``rate``, ``manual``, ``zero_count``…), in first use.
    kinds: tuple[tuple[str, int], ...] = ()
    #: Points of ``manual`` items: a person scores them, no figure decides them.
    manual_points: Fraction = Fraction(0)

    @property
    def items(self) -> int:
        """How many items the profile scores."""
        return sum(area.items for area in self.areas)


def _coverage(profile: Profile, edition: Edition) -> TreeCoverage:
    """How many of ``edition``'s 三级 items the profile's items name (as the roll-up counts)."""
    named = set()
    for item in profile.items:
        parts = split_reference(item.node) if item.node is not None else None
        if parts is not None and parts[0] == edition.id and parts[1] in edition.nodes:
            named.add(parts[1])
    return TreeCoverage(
        edition=edition.id,
        count=edition.count(3),
        scored=len(named),
        untranscribed_not_scored=sum(
            1 for n in edition.level(3) if not n.transcribed and n.id not in named
        ),
    )


def summarize(profile: Profile, trees: Mapping[str, Edition] | None = None) -> ProfileSummary:
    """The figures of ``profile``: items and points per area, and what rests on assumptions.

    With the catalogue's ``trees``, also how much of each edition the items name.
    """
    items = profile.items
    known = trees or {}
    used = [known[e] for e in editions_used(items) if e in known]
    bases = ("law", "official", "assumption")
    return ProfileSummary(
        id=profile.id,
        version=profile.version,
        title=profile.title,
        extends=profile.extends,
        effective_from=profile.effective_from,
        effective_to=profile.effective_to,
        areas=tuple(
            AreaSummary(
                id=area.id,
                name=area.name,
                items=len(area.items),
                points=_points(area.items),
                assumed_points=_points(area.items, assumed=True),
            )
            for area in profile.areas
        ),
        points=_points(items),
        assumed_points=_points(items, assumed=True),
        points_by_basis=tuple(
            (basis, sum((i.points for i in items if i.source.basis == basis), Fraction(0)))
            for basis in bases
        ),
        assumed_thresholds=profile.assumption_count(),
        pass_line=profile.pass_line.value,
        pass_line_basis=profile.pass_line.source.basis,
        mandatory=sum(1 for i in items if i.mandatory),
        vetoes=len(profile.vetoes),
        trees=tuple(_coverage(profile, edition) for edition in used),
        unattached=sum(1 for i in items if i.node is None),
        kinds=tuple(Counter(i.kind for i in items).items()),
        manual_points=sum((i.points for i in items if i.kind == "manual"), Fraction(0)),
    )


@frozen(kw_only=True)
class ProfileCheck:
    """The problems found in a profile file and, when it loads, its summary."""

    file: str
    problems: tuple[Problem, ...]
    #: ``None`` when the file has errors and no profile could be built from it.
    summary: ProfileSummary | None

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that keep the profile from being used."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems worth fixing that do not keep the profile from scoring."""
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def status(self) -> CheckStatus:
        """``errors`` if any, else ``warnings`` if any, else ``clean``."""
        if self.errors:
            return "errors"
        return "warnings" if self.warnings else "clean"

    @property
    def exit_code(self) -> int:
        """0 clean, 1 warnings only, 2 errors: the exit code of ``fazhi check-profile``."""
        return _EXIT[self.status]


def _t(lang: str, english: str, chinese: str) -> str:
    return chinese if lang == "zh" else english


def _exact(value: Fraction) -> str:
    """A number exactly: ``1.5`` when it has a finite decimal, else ``1/3``."""
    for places in range(7):
        if (value * 10**places).denominator == 1:
            return format_number(value, places)
    return f"{value.numerator}/{value.denominator}"


def _share(part: Fraction, whole: Fraction) -> str:
    return "—" if whole == 0 else format_number(part / whole * 100, 1) + "%"


def _width(text: str) -> int:
    return sum(2 if east_asian_width(c) in "WF" else 1 for c in text)


def _table(rows: Sequence[tuple[str, ...]]) -> list[str]:
    """Columns padded to the widest cell, Chinese counted two columns wide."""
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)).rstrip()
        for row in rows
    ]


def _status_line(check: ProfileCheck, lang: str) -> str:
    errors, warnings = len(check.errors), len(check.warnings)
    if check.status == "clean":
        return _t(lang, "Result: no problems", "结果：未发现问题")
    return _t(
        lang,
        f"Result: {errors} error(s), {warnings} warning(s)",
        f"结果：{errors}个错误，{warnings}个提示",
    )


def _summary_lines(summary: ProfileSummary, lang: str) -> list[str]:
    years = f"{summary.effective_from}–{summary.effective_to or ''}"
    lines = [
        _t(lang, "Profile: ", "评分标准：")
        + f"{summary.id} {summary.version} — {summary.title.get(lang)}",
        _t(lang, f"Years: {years}", f"适用年度：{years}"),
    ]
    if summary.extends:
        lines.append(_t(lang, f"Extends: {summary.extends}", f"继承：{summary.extends}"))
    header = (
        _t(lang, "area", "领域"),
        _t(lang, "items", "评分项"),
        _t(lang, "points", "分值"),
        _t(lang, "on assumption", "其中基于假设"),
    )
    rows = [header]
    rows += [
        (a.name.get(lang), str(a.items), _exact(a.points), _exact(a.assumed_points))
        for a in summary.areas
    ]
    rows.append(
        (
            _t(lang, "total", "合计"),
            str(summary.items),
            _exact(summary.points),
            _exact(summary.assumed_points),
        )
    )
    lines += ["", *_table(rows), ""]
    by_basis = [
        _t(lang, f"{basis} {_exact(points)}", f"{_BASIS_ZH[basis]}{_exact(points)}分")
        for basis, points in summary.points_by_basis
        if points
    ]
    lines += [
        _t(
            lang,
            f"Points of items resting on assumptions: {_exact(summary.assumed_points)} of"
            f" {_exact(summary.points)} ({_share(summary.assumed_points, summary.points)})",
            f"依据为假设的评分项分值：{_exact(summary.assumed_points)} / {_exact(summary.points)}"
            f"（{_share(summary.assumed_points, summary.points)}）",
        ),
        _t(lang, "Points by basis: ", "分值依据：")
        + (", " if lang == "en" else "，").join(by_basis or ["—"]),
        _t(
            lang,
            f"Thresholds on assumption: {summary.assumed_thresholds}",
            f"基于假设的阈值：{summary.assumed_thresholds}项",
        ),
        _t(
            lang,
            f"Pass line: {_exact(summary.pass_line)} of 100 (basis: {summary.pass_line_basis})",
            f"合格线：{_exact(summary.pass_line)}分，百分制"
            f"（依据：{_BASIS_ZH.get(summary.pass_line_basis, summary.pass_line_basis)}）",
        ),
        _t(
            lang,
            f"Mandatory items: {summary.mandatory}; vetoes: {summary.vetoes}",
            f"必达项：{summary.mandatory}项；否决事项：{summary.vetoes}项",
        ),
    ]
    kinds = (", " if lang == "en" else "，").join(
        f"{kind} {count}" for kind, count in summary.kinds
    )
    lines += [
        _t(lang, f"Items by kind: {kinds}", f"评分项种类：{kinds}"),
        _t(
            lang,
            f"Points scored by a person (manual): {_exact(summary.manual_points)}",
            f"人工评分（manual）的分值：{_exact(summary.manual_points)}",
        ),
    ]
    for coverage in summary.trees:
        lines.append(_t(lang, "Official tree: ", "指标体系：") + coverage.text(lang))
    lines.append(
        _t(
            lang,
            f"Items attached to no official tree node: {summary.unattached} of {summary.items}",
            f"未对应指标体系三级指标的评分项：{summary.unattached}项（共{summary.items}项）",
        )
    )
    return lines


def profile_check_text(check: ProfileCheck, lang: str = "zh") -> str:
    """The check for a terminal: the problems, each located, then the profile's figures."""
    lines = [_t(lang, f"Profile file: {check.file}", f"评分标准文件：{check.file}")]
    lines.append(_status_line(check, lang))
    lines += [problem.format(lang) for problem in check.problems]
    if check.summary is not None:
        lines += ["", *_summary_lines(check.summary, lang)]
    return "\n".join(lines) + "\n"


def _problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "path": problem.path,
        "code": problem.code,
        "severity": problem.severity,
        "message": problem.message,
        "message_zh": problem.message_zh,
    }


def _summary_json(summary: ProfileSummary) -> dict[str, Any]:
    return {
        "id": summary.id,
        "version": summary.version,
        "title": {"zh": summary.title.zh, "en": summary.title.en},
        "extends": summary.extends,
        "effective": {"from": summary.effective_from, "to": summary.effective_to},
        "items": summary.items,
        "points": _exact(summary.points),
        "assumed_points": _exact(summary.assumed_points),
        "points_by_basis": {basis: _exact(p) for basis, p in summary.points_by_basis},
        "assumed_thresholds": summary.assumed_thresholds,
        "pass_line": {"value": _exact(summary.pass_line), "basis": summary.pass_line_basis},
        "mandatory": summary.mandatory,
        "vetoes": summary.vetoes,
        "trees": [
            {
                "edition": c.edition,
                "count": c.count,
                "scored": c.scored,
                "untranscribed_not_scored": c.untranscribed_not_scored,
            }
            for c in summary.trees
        ],
        "unattached": summary.unattached,
        "kinds": dict(summary.kinds),
        "manual_points": _exact(summary.manual_points),
        "areas": [
            {
                "id": a.id,
                "name": {"zh": a.name.zh, "en": a.name.en},
                "items": a.items,
                "points": _exact(a.points),
                "assumed_points": _exact(a.assumed_points),
            }
            for a in summary.areas
        ],
    }


def profile_check_json(check: ProfileCheck) -> str:
    """The check as JSON (schema ``fazhi.check-profile/1``); numbers are exact strings."""
    document = {
        "schema": "fazhi.check-profile/1",
        "file": check.file,
        "status": check.status,
        "problems": [_problem_json(p) for p in check.problems],
        "profile": None if check.summary is None else _summary_json(check.summary),
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
