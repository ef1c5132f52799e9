"""Private: read a county-year file (format v1) and check it against the catalogue.

Checks run in one pass and every problem is reported together: shape and types
first, then the invariants the catalogue declares (subsets, breakdowns, shares).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from pathlib import Path

import attrs
from attrs import frozen

from fazhi_indicators._load.breakdowns import read_breakdowns
from fazhi_indicators._load.compose import parse_yaml
from fazhi_indicators._load.earlier import Tables, read_changes, read_previous
from fazhi_indicators._load.evidence import read_evidence
from fazhi_indicators._load.figures import FIGURE_KEYS, V1_TOP_KEYS, read_format, read_period
from fazhi_indicators._load.manual import read_manual
from fazhi_indicators._load.names import Names
from fazhi_indicators._load.other_figures import read_other
from fazhi_indicators._load.reader import (
    Collector,
    describe,
    describe_zh,
    read_date,
    read_text_or_gb18030,
)
from fazhi_indicators._load.reporting_year import check_dates, year_outside_profile
from fazhi_indicators._load.tree import Mapping, Node, Scalar
from fazhi_indicators._load.workbook import WORKBOOK_SUFFIXES, workbook_tree
from fazhi_indicators.county import CountyYear, Reported
from fazhi_indicators.definitions import (
    Catalog,
    DeadlineIndicator,
    Expression,
    Profile,
    RateIndicator,
)
from fazhi_indicators.errors import InputError, Problem, did_you_mean
from fazhi_indicators.exact import (
    APPROX_QUALIFIERS,
    StatedRate,
    parse_stated_rate,
    parse_stated_ratio,
)

__all__ = [
    "CountyYearFile",
    "county_year_from_node",
    "load_county_year",
    "parse_county_year",
    "read_county_year",
]

_TOP_KEYS = (
    *V1_TOP_KEYS,
    "previous",
    "changes",
    "format",
    "breakdowns",
    "other",
    "evidence",
    "manual",
)


def _read_date(c: Collector, node: Node) -> Reported | None:
    date = read_date(c, node)
    return None if date is None else Reported(value=date, line=node.line, column=node.column)


def _read_value(c: Collector, node: Node, field_type: str) -> Reported | None:
    line, column = node.line, node.column
    if field_type == "boolean":
        flag = c.boolean(node)
        return None if flag is None else Reported(value=flag, line=line, column=column)
    if field_type == "date":
        return _read_date(c, node)
    approx = None
    period, scope = None, None
    if isinstance(node, Mapping):
        if not c.keys(node, required=("value",), allowed=("value", "approx", *FIGURE_KEYS)):
            return None
        period, scope = read_period(c, node)
        if "approx" in node.items:
            approx = c.text(node.items["approx"])
            if approx is not None and approx not in APPROX_QUALIFIERS:
                c.add(
                    node.items["approx"],
                    "bad-choice",
                    f"approx must be one of {', '.join(APPROX_QUALIFIERS)}, found {approx!r}",
                    f"approx 应为 {'、'.join(APPROX_QUALIFIERS)} 之一，实际为“{approx}”",
                )
                return None
        node = node.items["value"]
    count = c.integer(node, minimum=0, hedged=True)
    if count is None:
        return None
    return Reported(
        value=count, approx=approx, period=period, scope=scope, line=line, column=column
    )


#: A percentage below zero as printed: ``-5%``, ``－5％``.
_NEGATIVE_RATE = re.compile(r"^-\s*\d+(?:\.\d+)?\s*%$")


def _read_stated(c: Collector, node: Node, *, ratio: bool = False) -> StatedRate | None:
    if ratio and isinstance(node, Scalar):
        # From the text as written: YAML reads an unquoted 1:1 as 61 (base 60).
        try:
            return parse_stated_ratio(node.text)
        except ValueError:
            pass
    if isinstance(node, Scalar) and isinstance(node.value, str):
        try:
            return parse_stated_rate(node.value)
        except ValueError:
            pass
    written = _written_number(node)
    negative = written is not None and written < 0
    if isinstance(node, Scalar) and (
        negative
        or (
            isinstance(node.value, str)
            and _NEGATIVE_RATE.match(unicodedata.normalize("NFKC", node.value).strip())
        )
    ):
        shown = node.text
        c.add(
            node,
            "out-of-range",
            f"expected a percentage of at least 0%, found {shown}; a rate cannot be negative",
            f"应为不小于0%的百分比，实际为{shown}；比率不能为负数",
        )
        return None
    if written is not None and 0 < written < 1:
        # A share that lost its percent format (Excel's 0.965 for 96.5%), not 0.965%.
        percent = f"{written.scaleb(2).normalize():f}%"
        c.add(
            node,
            "bad-rate",
            f"expected a percentage such as 90.5%, found number {written},"
            f" which looks like a proportion: write {percent}",
            f"应为百分比（如 90.5%），实际为数字 {written}，"
            f"看起来是小数形式的比例：请写作 {percent}",
        )
        return None
    hint = hint_zh = ""
    if written is not None and isinstance(node, Scalar):
        hint, hint_zh = f"; write {node.text}%", f"；请写作 {node.text}%"
    if ratio:
        hint, hint_zh = f"; a ratio is written like 1.04:1{hint}", f"；比值写作 1.04:1{hint_zh}"
    c.add(
        node,
        "bad-rate",
        f"expected a percentage such as 90.5%, found {describe(node)}{hint}",
        f"应为百分比（如 90.5%），实际为{describe_zh(node)}{hint_zh}",
    )
    return None


def _written_number(node: Node) -> Decimal | None:
    """A YAML number exactly as written (``0.965`` stays 0.965: read from text, not float)."""
    if not (
        isinstance(node, Scalar)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    ):
        return None
    try:
        number = Decimal(node.text.replace("_", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _bounds(values: dict[str, Reported], catalog: Catalog, field_id: str) -> tuple[int, int | None]:
    """What the reported figures alone say about a field: ``(least, most)``."""
    reported = values.get(field_id)
    if reported is not None and isinstance(reported.value, int):
        return reported.range
    field = catalog.fields.get(field_id)
    if field is not None and field.parts:
        return sum(_bounds(values, catalog, p)[0] for p in field.parts), None
    return 0, None


def _expression_range(
    values: dict[str, Reported], expression: Expression
) -> tuple[int, int] | None:
    low = high = 0
    for sign, name in expression.terms:
        reported = values.get(name)
        if reported is None or not isinstance(reported.value, int):
            return None
        lo, hi = reported.range
        low, high = (low + lo, high + hi) if sign > 0 else (low - hi, high - lo)
    return low, high


def _check_counts(
    c: Collector, catalog: Catalog, values: dict[str, Reported], nodes: dict[str, Node]
) -> None:
    """Subsets, breakdowns and shares: no part may exceed its whole."""
    flagged: set[tuple[str, str]] = set()
    for field in catalog.fields.values():
        if field.subset_of and field.id in values and field.subset_of in values:
            low, _ = _bounds(values, catalog, field.id)
            _, high = _bounds(values, catalog, field.subset_of)
            if high is not None and low > high:
                flagged.add((field.id, field.subset_of))
                c.add(
                    nodes[field.id],
                    "exceeds-total",
                    f"{field.id} = {low} exceeds {field.subset_of} = {high}, which it is part of",
                    f"{field.id}（{low}）超过了其所属的 {field.subset_of}（{high}）",
                )
        if field.parts and field.id in values:
            parts = [(p, _bounds(values, catalog, p)[0]) for p in field.parts]
            given = [(p, v) for p, v in parts if v]
            total = sum(v for _, v in given)
            _, high = _bounds(values, catalog, field.id)
            if high is not None and total > high:
                _parts_exceed(c, nodes[field.id], field.id, given, high)
    for indicator in catalog.indicators.values():
        if not isinstance(indicator, RateIndicator) or indicator.kind != "share":
            continue
        pair = (indicator.numerator.single_field or "", indicator.denominator.single_field or "")
        num = _expression_range(values, indicator.numerator)
        den = _expression_range(values, indicator.denominator)
        if pair not in flagged and num is not None and den is not None and num[0] > den[1]:
            at = nodes[indicator.numerator.fields[0]]
            c.add(
                at,
                "share-above-total",
                f"{indicator.id} is a share, but its numerator {indicator.numerator} = {num[0]}"
                f" exceeds its denominator {indicator.denominator} = {den[1]}",
                f"{indicator.id} 为占比，但分子 {indicator.numerator}（{num[0]}）"
                f"大于分母 {indicator.denominator}（{den[1]}）",
            )


def _parts_exceed(
    c: Collector, node: Node, total_id: str, given: list[tuple[str, int]], total: int
) -> None:
    if len(given) == 1:
        ((part, value),) = given
        c.add(
            node,
            "parts-exceed-total",
            f"{part} = {value}, a part of {total_id}, is more than the total {total}",
            f"{total_id} 的分项 {part}（{value}）超过总数 {total}",
        )
        return
    shown = " + ".join(str(v) for _, v in given)
    names = ", ".join(p for p, _ in given)
    names_zh = "、".join(p for p, _ in given)
    parts_sum = sum(v for _, v in given)
    c.add(
        node,
        "parts-exceed-total",
        f"the parts of {total_id} ({names}) add up to {shown} = {parts_sum},"
        f" more than the total {total}",
        f"{total_id} 的分项（{names_zh}）合计 {shown} = {parts_sum}，超过总数 {total}",
    )


def _check_stated(
    c: Collector, catalog: Catalog, stated: dict[str, StatedRate], nodes: dict[str, Node]
) -> None:
    """A printed share above 100% cannot be right."""
    for indicator_id, rate in stated.items():
        indicator = catalog.indicators[indicator_id]
        if (
            isinstance(indicator, RateIndicator)
            and indicator.kind == "share"
            and rate.interval().low > 1
        ):
            c.add(
                nodes[indicator_id],
                "share-above-100",
                f"{indicator_id} is a share and cannot exceed 100%; found {rate.text}",
                f"{indicator_id} 为占比，不能超过100%；实际为 {rate.text}",
            )


def _read_values(
    c: Collector, catalog: Catalog, node: Node | None, names: Names
) -> tuple[dict[str, Reported], dict[str, Node]]:
    values: dict[str, Reported] = {}
    nodes: dict[str, Node] = {}
    for field_id, key, value_node in names.entries(c, node, ("field", "indicator")):
        rate = _rate_text(value_node)
        if field_id not in catalog.fields:
            if field_id in catalog.indicators:
                _indicator_in_values(c, catalog, key, field_id, rate)
            elif rate is not None:
                _unknown_rate_in_values(c, catalog, key, field_id, rate)
            else:
                known = names.known(field_id, catalog.fields, ("field",))
                c.unknown(key, "field id", "字段", field_id, known, code="unknown-id")
            continue
        field = catalog.fields[field_id]
        if rate is not None and field.type == "count":
            _rate_for_count(c, catalog, value_node, field_id, rate)
            continue
        reported = _read_value(c, value_node, field.type)
        if reported is not None:
            values[field_id] = reported
            nodes[field_id] = value_node
    return values, nodes


def _rate_text(node: Node) -> str | None:
    """The text of a value that reads as a printed rate (``5%``, ``约95%``), else ``None``."""
    if not (isinstance(node, Scalar) and isinstance(node.value, str)):
        return None
    try:
        parse_stated_rate(node.value)
    except ValueError:
        return None
    return node.value.strip()


def _indicator_in_values(
    c: Collector, catalog: Catalog, key: Scalar, indicator_id: str, rate: str | None
) -> None:
    """An indicator's id under ``values:``: say what it is computed from, where a rate goes."""
    indicator = catalog.indicators[indicator_id]
    if isinstance(indicator, DeadlineIndicator):
        c.add(
            key,
            "indicator-in-values",
            f"{indicator_id} is an indicator, not a field: it is computed from"
            f" {indicator.date_field}; give that date under values:",
            f"{indicator_id} 是指标而不是字段，由 {indicator.date_field} 计算得出；"
            "请在 values 下填写该日期",
        )
        return
    fields = ", ".join(indicator.fields)
    fields_zh = "、".join(indicator.fields)
    example = f" ({indicator_id}: {rate})" if rate is not None else ""
    example_zh = f"（{indicator_id}: {rate}）" if rate is not None else ""
    c.add(
        key,
        "indicator-in-values",
        f"{indicator_id} is an indicator, not a field: values: holds the counts it is"
        f" computed from ({fields}); write the rate as printed under stated:{example}",
        f"{indicator_id} 是指标而不是字段：values 下填写计算它的计数（{fields_zh}）；"
        f"报告所列比率请写在 stated: 下{example_zh}",
    )


def _unknown_rate_in_values(
    c: Collector, catalog: Catalog, key: Scalar, field_id: str, rate: str
) -> None:
    """An unknown id whose value is a percentage: a rate put among the counts."""
    close = did_you_mean(field_id, catalog.indicators)
    hint = f"; did you mean {' or '.join(repr(i) for i in close)}?" if close else ""
    hint_zh = f"；是否想输入{'或'.join(f'“{i}”' for i in close)}？" if close else ""
    c.add(
        key,
        "indicator-in-values",
        f"unknown field id {field_id!r}: {rate} is a rate, and values: holds counts;"
        f" write a printed rate under stated:, by indicator id{hint}",
        f"未知的字段“{field_id}”：{rate} 是比率，而 values 下只填写计数；"
        f"报告所列比率请按指标编号写在 stated: 下{hint_zh}",
    )


def _rate_for_count(c: Collector, catalog: Catalog, node: Node, field_id: str, rate: str) -> None:
    """A percentage given for a count: name the indicators that count is the numerator of."""
    rates = [
        i.id
        for i in catalog.indicators.values()
        if isinstance(i, RateIndicator) and field_id in i.numerator.fields
    ]
    example = " or ".join(f"{r}: {rate}" for r in rates)
    example_zh = "或".join(f"{r}: {rate}" for r in rates)
    c.add(
        node,
        "indicator-in-values",
        f"{field_id} is a count, found the rate {rate}: write the count here, and a printed"
        f" rate under stated:" + (f" ({example})" if rates else ", by indicator id"),
        f"{field_id} 为计数，实际为比率 {rate}：此处请填写计数，报告所列比率请写在 stated: 下"
        + (f"（{example_zh}）" if rates else "（按指标编号）"),
    )


def _read_stated_rates(
    c: Collector, catalog: Catalog, node: Node | None, names: Names
) -> tuple[dict[str, StatedRate], dict[str, Node]]:
    stated: dict[str, StatedRate] = {}
    nodes: dict[str, Node] = {}
    for indicator_id, key, rate_node in names.entries(c, node, ("indicator",)):
        if indicator_id not in catalog.indicators:
            known = names.known(indicator_id, catalog.indicators, ("indicator",))
            c.unknown(key, "indicator id", "指标", indicator_id, known, code="unknown-id")
        elif isinstance(catalog.indicators[indicator_id], DeadlineIndicator):
            c.add(
                rate_node,
                "bad-rate",
                f"{indicator_id} is yes/no; give its date under values",
                f"{indicator_id} 为是否型指标，请在 values 中填写日期",
            )
        elif (
            rate := _read_stated(
                c, rate_node, ratio=catalog.indicators[indicator_id].kind == "ratio"
            )
        ) is not None:
            stated[indicator_id] = rate
            nodes[indicator_id] = rate_node
    return stated, nodes


def _read_notes(c: Collector, catalog: Catalog, node: Node | None, names: Names) -> dict[str, str]:
    notes: dict[str, str] = {}
    ids = {*catalog.fields, *catalog.indicators}
    for note_id, key, note_node in names.entries(c, node, "any"):
        if note_id not in ids:
            known = names.known(note_id, ids, ("field", "indicator"))
            c.unknown(key, "id", "编号", note_id, known, code="unknown-id")
        elif (note := c.text(note_node)) is not None:
            notes[note_id] = note
    return notes


def _division_code(c: Collector, node: Node | None) -> str | None:
    """GB/T 2260 codes never start with 0, so an unquoted number loses nothing."""
    if (
        isinstance(node, Scalar)
        and isinstance(node.value, int)
        and not isinstance(node.value, bool)
    ):
        return str(node.value)
    return c.text(node)


@frozen(kw_only=True)
class CountyYearFile:
    """A county-year as read from its file: the figures, the warnings, where its year is.

    The warnings (a file read as GB18030) do not stop loading, so they travel
    beside the figures for the command line to show; the year's place lets a
    year the profile does not cover be reported at the ``year:`` line.
    """

    data: CountyYear
    warnings: tuple[Problem, ...] = ()
    year_line: int | None = None
    year_column: int | None = None
    #: The year's path: ``year`` in a YAML file, its cell in a workbook (``基本信息!C5``).
    year_path: str = "year"

    def year_problem(self, profile: Profile) -> Problem | None:
        """A year outside ``profile``'s effective years, as a problem at ``year:``."""
        year = self.data.year
        return year_outside_profile(
            profile.id,
            year,
            profile.effective_from,
            profile.effective_to,
            where=(self.data.file, self.year_line, self.year_column, self.year_path),
            then=(f"score it with a profile for {year}", f"请改用适用于{year}年的评分标准"),
        )


def parse_county_year(text: str, catalog: Catalog, file: str | None = None) -> CountyYear:
    """Parse county-year YAML text and check it against ``catalog``.

    Raises:
        InputError: listing every problem found.
    """
    return _parse(text, catalog, file).data


def _parse(
    text: str, catalog: Catalog, file: str | None, warnings: tuple[Problem, ...] = ()
) -> CountyYearFile:
    """Check the text; every problem (``warnings`` first) is raised together, or none."""
    c = Collector(file)
    c.problems.extend(warnings)
    try:
        tree = parse_yaml(text, file, c)
    except InputError as exc:
        raise InputError([*c.problems, *exc.problems]) from None
    root = c.mapping(tree)
    if root is None:
        raise InputError(c.problems)
    return _checked(c, root, catalog)


def _checked(c: Collector, root: Mapping, catalog: Catalog) -> CountyYearFile:
    """Check a file's tree (YAML or a template workbook's); raise every problem, or none."""
    county_year = county_year_from_node(c, root, catalog)
    if c.has_errors or county_year is None:
        raise InputError(c.problems)
    year = root.items["year"]
    warnings = tuple(p for p in c.problems if p.severity == "warning")
    return CountyYearFile(
        # How the file was read is the data's warning too, so every report shows it.
        data=attrs.evolve(county_year, warnings=warnings),
        warnings=warnings,
        year_line=year.line,
        year_column=year.column,
        year_path=year.path,
    )


def county_year_from_node(c: Collector, root: Mapping, catalog: Catalog) -> CountyYear | None:
    """Check one county-year mapping, recording problems in ``c``; ``None`` if unusable.

    Shared by YAML files and panel rows, so both are checked by the same rules.
    """
    first = len(c.problems)
    c.keys(root, required=("county", "year"), allowed=_TOP_KEYS)
    items = root.items
    county = c.text(items.get("county"))
    year = c.integer(items.get("year"), minimum=1949)
    source = {k: v for k, _, n in c.entries(items.get("source")) if (v := c.text(n)) is not None}
    # Keys may be ids or the catalogue's Chinese names (执法资格考试通过人数).
    names = Names(catalog)

    def figures(
        values_node: Node | None, stated_node: Node | None, year: int | None
    ) -> tuple[dict[str, Reported], dict[str, StatedRate]]:
        """One year's values and printed rates, checked alike for this year and earlier ones."""
        values, value_nodes = _read_values(c, catalog, values_node, names)
        stated, stated_nodes = _read_stated_rates(c, catalog, stated_node, names)
        _check_counts(c, catalog, values, value_nodes)
        _check_stated(c, catalog, stated, stated_nodes)
        if year is not None:
            check_dates(c, catalog, year, values, value_nodes)
        return values, stated

    values, stated = figures(items.get("values"), items.get("stated"), year)
    notes = _read_notes(c, catalog, items.get("notes"), names)
    breakdowns = read_breakdowns(c, catalog, items.get("breakdowns"), values, names)
    previous = read_previous(
        c,
        items.get("previous"),
        year,
        figures,
        lambda node, totals: read_breakdowns(c, catalog, node, totals, names),
    )
    tables = Tables(
        own=breakdowns, earlier=tuple(t for e in previous.values() for t in e.breakdowns)
    )
    changes = read_changes(c, catalog, items.get("changes"), year, names, tables=tables)
    if county is None or year is None:
        return None
    return CountyYear(
        county=county,
        year=year,
        province=c.text(items.get("province")),
        prefecture=c.text(items.get("prefecture")),
        division_code=_division_code(c, items.get("division_code")),
        source=source,
        values=values,
        stated=stated,
        notes=notes,
        previous=previous,
        changes=changes,
        evidence=read_evidence(c, items.get("evidence"), catalog.fields),
        manual=read_manual(c, items.get("manual")),
        breakdowns=breakdowns,
        other=read_other(c, catalog, items.get("other"), names),
        format=read_format(c, root),
        file=c.file,
        warnings=tuple(p for p in c.problems[first:] if p.severity == "warning"),
    )


def load_county_year(path: Path, catalog: Catalog) -> CountyYear:
    """Load and check a county-year file (YAML, or a filled ``.xlsx`` template) against ``catalog``.

    Raises:
        InputError: listing every problem, each with file, line, column and path.
    """
    return read_county_year(path, catalog).data


def read_county_year(path: Path, catalog: Catalog) -> CountyYearFile:
    """Load a county-year file with its warnings (UTF-8, or GB18030 with a warning).

    A ``.xlsx`` file is read as a filled template (``fazhi template``), each
    problem placed at its cell.

    Raises:
        InputError: listing every problem, warnings included, each located.
    """
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        c = Collector(str(path))
        return _checked(c, workbook_tree(c, path, catalog), catalog)
    text, warning = read_text_or_gb18030(path)
    return _parse(text, catalog, str(path), () if warning is None else (warning,))
