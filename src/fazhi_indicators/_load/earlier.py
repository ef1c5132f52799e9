"""Private: read a county-year file's ``previous:`` (earlier years) and ``changes:`` keys.

A report prints last year's figures beside this year's ("较2022年558件增加了555件，
同比增长99.5%").  The earlier figures are checked by the same rules as the
year's own (the county-year loader passes its own reader in, so both are read one
way); a change is kept as printed and parsed into what it claims, for the audit to
test against the two years' figures.  A change may be of one row of a breakdown
("以区政府为被申请人的案件…同比增长12.5%"): it names the row as the file's tables do,
and an earlier year may print its rows under ``breakdowns:`` too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import attrs
from attrs import frozen

from fazhi_indicators._load.names import Names
from fazhi_indicators._load.reader import Collector, describe, describe_zh
from fazhi_indicators._load.tree import Mapping, Node, Scalar, Sequence
from fazhi_indicators.county import (
    Breakdown,
    ChangeKind,
    EarlierYear,
    Reported,
    StatedChange,
    find_categories,
)
from fazhi_indicators.definitions import Catalog, RateIndicator
from fazhi_indicators.exact import StatedRate

__all__ = ["ParsedChange", "Tables", "parse_change", "read_changes", "read_previous"]

#: Reads one year's ``values:`` and ``stated:`` nodes, checked as the file's own year is.
ReadFigures = Callable[
    [Node | None, Node | None, int | None], tuple[dict[str, Reported], dict[str, StatedRate]]
]
#: Reads one year's ``breakdowns:`` node, each table's total being that year's value.
ReadTables = Callable[[Node | None, dict[str, Reported]], tuple[Breakdown, ...]]

_FIRST_YEAR = 1949

#: What may open a printed change: 同比, 较上年, 比上年同期...
_PREFIXES = ("同比", "环比", "较上年同期", "比上年同期", "与上年同期相比", "较上年", "比上年")
_PREFIX = f"(?:{'|'.join((*_PREFIXES, '较去年', '比去年', '与上年相比'))})?"
_UP = ("增长", "增加", "上升", "提高", "提升", "增多")
_DOWN = ("下降", "减少", "降低", "下滑", "回落")
_COUNT_UNITS = "件人个次项家起名宗份户所"
_CHANGE = re.compile(
    rf"^{_PREFIX}\s*(?P<verb>{'|'.join((*_UP, *_DOWN))})了?\s*"
    r"(?P<pre>[约近])?\s*(?P<num>\d+(?:\.\d+)?|[一两二三四五六七八九十])\s*(?P<post>[余多])?\s*"
    rf"(?P<unit>%|个百分点|百分点|倍|[{_COUNT_UNITS}])?$"
)
_FLAT = re.compile(rf"^{_PREFIX}\s*(?:与上年)?持平$")
#: The new figure as a multiple of an earlier one: 是2021年的二倍, 达改革前的十倍, 为上年的1.5倍.
_MULTIPLE = re.compile(
    r"^(?:已经|已)?(?:是|为|达到|达|相当于)\s*(?P<base>\S+?)的\s*"
    r"(?P<pre>[约近])?\s*(?P<num>\d+(?:\.\d+)?|[一两二三四五六七八九十])\s*(?P<post>[余多])?\s*倍(?P<tail>[余多])?$"
)
#: The base of a multiple when it names its year: 2021年, 2020年案件总量.
_BASE_YEAR = re.compile(r"^(?P<year>\d{4})年")
#: The base of a multiple when it is the year before.
_LAST_YEAR = re.compile(r"^(?:上年|去年|上一年|上年度|上年同期|去年同期)")
_CHINESE_DIGITS = {
    "一": 1,
    "两": 2,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}


@frozen(kw_only=True)
class ParsedChange:
    """What a printed change claims, before it is tied to a subject and a year."""

    kind: ChangeKind
    sign: int
    amount: Fraction
    places: int
    approx: str | None
    #: The year a multiple names as its base (是2021年的二倍); ``None``: the year before,
    #: or, for ``base_named``, a base the text does not date (改革前).
    base_year: int | None = None
    #: Whether a multiple's base is something other than a year (达改革前的十倍).
    base_named: bool = False


def parse_change(text: str) -> ParsedChange:
    """Read ``同比增长99.5%``, ``下降3.2个百分点``, ``增加555件``, ``增长近3倍``, ``持平``.

    A multiple of an earlier figure (``是2021年的二倍``, ``为上年的1.5倍``) is read too.
    Full-width digits and signs are folded first.

    Raises:
        ValueError: the text is not a change as reports print one.
    """
    clean = unicodedata.normalize("NFKC", text).strip()
    if _FLAT.match(clean):
        return ParsedChange(kind="flat", sign=0, amount=Fraction(0), places=0, approx=None)
    multiple = _MULTIPLE.match(clean)
    if multiple is not None:
        return _parse_multiple(text, multiple)
    match = _CHANGE.match(clean)
    if match is None:
        raise ValueError(f"{text!r} is not a change such as 同比增长12.5% or 增加555件")
    number, unit = match["num"], match["unit"]
    kind: ChangeKind
    if unit == "%":
        kind = "percent"
    elif unit in {"个百分点", "百分点"}:
        kind = "points"
    elif unit == "倍":
        kind = "times"
    else:
        kind = "count"
    if number in _CHINESE_DIGITS and kind != "times":
        raise ValueError(f"{text!r}: write the number in digits")
    amount, places = _number(number)
    if kind == "count" and places:
        raise ValueError(f"{text!r}: a number of cases is whole")
    sign = 1 if match["verb"] in _UP else -1
    if kind == "times" and sign < 0:
        raise ValueError(f"{text!r}: 倍 is used for increases only")
    if amount == 0:
        raise ValueError(f"{text!r}: a change of 0 is written 持平")
    return ParsedChange(
        kind=kind, sign=sign, amount=amount, places=places, approx=match["pre"] or match["post"]
    )


def _number(number: str) -> tuple[Fraction, int]:
    """A printed number, exactly, and its decimal places; 二/两/三…十 are whole."""
    if number in _CHINESE_DIGITS:
        return Fraction(_CHINESE_DIGITS[number]), 0
    places = len(number.split(".")[1]) if "." in number else 0
    return Fraction(Decimal(number)), places


def _parse_multiple(text: str, match: re.Match[str]) -> ParsedChange:
    """``是2021年的二倍``: the new figure is N times the old, whatever the base is called."""
    amount, places = _number(match["num"])
    if amount == 0:
        raise ValueError(f"{text!r}: a multiple of 0 is not a change")
    base = match["base"]
    year = _BASE_YEAR.match(base)
    return ParsedChange(
        kind="multiple",
        sign=1,
        amount=amount,
        places=places,
        approx=match["pre"] or match["post"] or match["tail"],
        base_year=int(year["year"]) if year else None,
        base_named=year is None and _LAST_YEAR.match(base) is None,
    )


def _year_key(c: Collector, key: Scalar, year: int | None) -> int | None:
    text = unicodedata.normalize("NFKC", key.text).strip()
    if not re.fullmatch(r"\d{4}", text):
        c.add(
            key,
            "wrong-type",
            f"expected a year such as 2022 under previous:, found {describe(key)}",
            f"previous: 下应为年度（如 2022），实际为{describe_zh(key)}",
        )
        return None
    earlier = int(text)
    if earlier < _FIRST_YEAR or (year is not None and earlier >= year):
        _not_before(c, key, earlier, year)
        return None
    return earlier


def _not_before(c: Collector, node: Node, earlier: int, year: int | None) -> None:
    c.add(
        node,
        "previous-year",
        f"expected an earlier year, from {_FIRST_YEAR} to {year - 1 if year else '…'},"
        f" found {earlier}; the file's year is {year}",
        f"应为更早的年度（{_FIRST_YEAR}至{year - 1 if year else '…'}），实际为{earlier}；"
        f"本文件的年度为{year}",
    )


def read_previous(
    c: Collector,
    node: Node | None,
    year: int | None,
    read_figures: ReadFigures,
    read_tables: ReadTables | None = None,
) -> dict[int, EarlierYear]:
    """``previous: {2022: {values:, stated:, breakdowns:, source:}}``, checked as this year.

    A table's categories are checked against that year's total.
    """
    previous: dict[int, EarlierYear] = {}
    allowed = ("values", "stated", "source", *(("breakdowns",) if read_tables else ()))
    for _, key, block in c.entries(node):
        earlier = _year_key(c, key, year)
        block_map = c.mapping(block, what=f"a mapping of {', '.join(f'{k}:' for k in allowed)}")
        if block_map is None:
            continue
        c.keys(block_map, allowed=allowed)
        items = block_map.items
        values, stated = read_figures(items.get("values"), items.get("stated"), earlier)
        tables = read_tables(items.get("breakdowns"), values) if read_tables else ()
        source = {
            k: v for k, _, n in c.entries(items.get("source")) if (v := c.text(n)) is not None
        }
        if earlier is not None:
            previous[earlier] = EarlierYear(
                year=earlier, values=values, stated=stated, source=source, breakdowns=tables
            )
    return previous


@frozen(kw_only=True)
class Tables:
    """A file's breakdowns, its own year's and earlier years', that a change may name a row of."""

    own: tuple[Breakdown, ...] = ()
    earlier: tuple[Breakdown, ...] = ()

    def dimensions(self, of: str) -> dict[str, None]:
        """The dimensions ``of`` is broken down along, nested tables' too, in file order."""
        found: dict[str, None] = {}

        def walk(table: Breakdown) -> None:
            found[table.by] = None
            for row in table.categories:
                for inner in row.breakdowns:
                    walk(inner)

        for table in (*self.own, *self.earlier):
            if table.of == of:
                walk(table)
        return found

    def rows(self, of: str, by: str) -> dict[str, None]:
        """Every row's name and code in ``of``'s tables along ``by``, in file order."""
        found: dict[str, None] = {}

        def walk(table: Breakdown) -> None:
            for row in table.categories:
                if table.by == by:
                    found.update(dict.fromkeys(n for n in (row.name, row.code) if n))
                for inner in row.breakdowns:
                    walk(inner)

        for table in (*self.own, *self.earlier):
            if table.of == of:
                walk(table)
        return found


@frozen(kw_only=True)
class _Written:
    """The nodes of one change as written: its text, and what the mapping form adds."""

    text: Node
    from_year: Node | None = None
    by: Node | None = None
    category: Node | None = None
    quote: Node | None = None


_CHANGE_KEYS = ("text", "from", "by", "category", "quote")


def _change_nodes(c: Collector, node: Node) -> list[_Written]:
    """The nodes of each change written under one id."""
    entries = node.items if isinstance(node, Sequence) else (node,)
    found: list[_Written] = []
    for entry in entries:
        if isinstance(entry, Mapping):
            if not c.keys(entry, required=("text",), allowed=_CHANGE_KEYS):
                continue
            items = entry.items
            if ("by" in items) != ("category" in items):
                given, missing = ("by", "category") if "by" in items else ("category", "by")
                c.add(
                    entry,
                    "missing-key",
                    f"a change about one category of a breakdown names both by: (the"
                    f" dimension) and category: (the row); {given}: is given without {missing}:",
                    f"针对分解表某一类别的变化须同时写明 by（分解维度）和 category（类别）；"
                    f"只写了 {given}，缺少 {missing}",
                )
                continue
            found.append(
                _Written(
                    text=items["text"],
                    from_year=items.get("from"),
                    by=items.get("by"),
                    category=items.get("category"),
                    quote=items.get("quote"),
                )
            )
        elif isinstance(entry, Scalar) and isinstance(entry.value, str):
            found.append(_Written(text=entry))
        else:
            c.wrong_type(
                entry,
                "a change as printed (同比增长12.5%), or {text: ..., from: 2021}",
                "报告原文的变化情况（如 同比增长12.5%），或 {text: ..., from: 2021}",
            )
    return found


def _subject_fits(catalog: Catalog, subject: str, kind: ChangeKind) -> tuple[str, str] | None:
    """Why a change of ``kind`` cannot be about ``subject``, in English and Chinese."""
    field = catalog.fields.get(subject)
    if field is not None:
        if field.type != "count":
            return (
                f"{subject} is a {field.type}, which has no change; changes are of counts or rates",
                f"{subject} 不是计数，谈不上增减；变化情况只适用于计数或比率",
            )
        if kind == "points":
            return (
                f"{subject} is a count; percentage points compare two rates:"
                " write the change of a count as a percentage (同比增长12.5%) or a number",
                f"{subject} 为计数，“个百分点”用于比率之差；计数的变化请写作百分比"
                "（如 同比增长12.5%）或件数",
            )
        return None
    indicator = catalog.indicators[subject]
    if not isinstance(indicator, RateIndicator):
        return (
            f"{subject} is yes/no, which has no change",
            f"{subject} 为是否型指标，谈不上增减",
        )
    if kind == "count":
        return (
            f"{subject} is a rate; a number of cases is the change of a count:"
            " write it under the count's field id, or the rate's change in 个百分点",
            f"{subject} 为比率，件数是计数的变化：请写在相应计数字段下，"
            "或将比率的变化写作“个百分点”",
        )
    return None


def read_changes(  # noqa: PLR0913 - the parts of a file a change is checked against
    c: Collector,
    catalog: Catalog,
    node: Node | None,
    year: int | None,
    names: Names,
    *,
    tables: Tables | None = None,
) -> tuple[StatedChange, ...]:
    """``changes: {id: 同比增长99.5%}``; a list, or ``{text:, from:}``, for more than one.

    ``{text:, by:, category:}`` is a change of one row of ``tables`` (a breakdown of the
    field along ``by``), the row named as the file's tables name it.
    """
    changes: list[StatedChange] = []
    ids = {*catalog.fields, *catalog.indicators}
    for subject, key, entry in names.entries(c, node, "any"):
        if subject not in ids:
            known = names.known(subject, ids, ("field", "indicator"))
            c.unknown(key, "field or indicator id", "字段或指标", subject, known, code="unknown-id")
            continue
        for written in _change_nodes(c, entry):
            row = None
            if written.by is not None:
                row = _row(c, catalog, subject, written, tables or Tables())
            change = _read_change(c, catalog, subject, written, year)
            quote = c.text(written.quote) if written.quote is not None else None
            if change is None or (written.by is not None and row is None):
                continue
            by, category = row or (None, None)
            changes.append(attrs.evolve(change, by=by, category=category, quote=quote))
    return tuple(changes)


def _dimension_id(catalog: Catalog, text: str) -> str:
    """A dimension's id from its id or Chinese name; a name as printed stays as it is."""
    if text in catalog.dimensions:
        return text
    return next((d.id for d in catalog.dimensions.values() if d.name.zh == text), text)


def _dimension(
    c: Collector, catalog: Catalog, subject: str, written: tuple[Node, str], tables: Tables
) -> str | None:
    """The dimension a change's row is along: one ``subject``'s tables in the file are by."""
    node, by_text = written
    by = _dimension_id(catalog, by_text.strip())
    dimensions = tables.dimensions(subject)
    if not dimensions:
        c.add(
            node,
            "unknown-id",
            f"{subject} is not broken down in this file, this year or an earlier one:"
            " write its table under breakdowns: (or previous: … breakdowns:) to name a row",
            f"本文件（本年度及往年）没有 {subject} 的分解表：请先在 breakdowns:"
            "（或 previous: 下的 breakdowns:）中写出该表，再指明其中的类别",
        )
        return None
    if by not in dimensions:
        known = [*dimensions]
        known += [catalog.dimensions[d].name.zh for d in dimensions if d in catalog.dimensions]
        c.unknown(
            node,
            f"dimension of {subject}'s tables",
            f"分解维度（{subject} 的分解表）",
            by_text.strip(),
            known,
            code="unknown-id",
        )
        return None
    return by


def _row(
    c: Collector, catalog: Catalog, subject: str, written: _Written, tables: Tables
) -> tuple[str, str] | None:
    """``(dimension, category)`` of a change about one row; ``None`` after a problem."""
    by_text, category = c.text(written.by), c.text(written.category)
    if written.by is None or by_text is None or category is None:
        return None
    field = catalog.fields.get(subject)
    if field is None or field.type != "count":
        c.add(
            written.by,
            "wrong-type",
            f"{subject} is not a count: only a count is broken down into categories,"
            " so a change of a category is written under the count's id",
            f"{subject} 不是计数：只有计数才按类别分解，类别的变化请写在该计数字段下",
        )
        return None
    by = _dimension(c, catalog, subject, (written.by, by_text), tables)
    if by is None:
        return None
    category = category.strip()
    rows = tables.rows(subject, by)
    if category not in rows:
        c.unknown(
            written.category,
            f"category of {subject}'s tables by {by}",
            f"类别（{subject} 按“{by}”的分解表）",
            category,
            rows,
            code="unknown-id",
        )
        return None
    named = find_categories(tables.own, subject, by, category)
    if len(named) > 1:
        c.add(
            written.category,
            "ambiguous-name",
            f"{category} names {len(named)} rows of {subject}'s tables by {by}"
            " (lines " + ", ".join(str(r.line) for r in named) + "); give the row a code:"
            " and name it by its code",
            f"“{category}”对应 {subject} 按“{by}”分解的{len(named)}个类别（第"
            + "、".join(str(r.line) for r in named)
            + "行）；请为该类别写 code，并以 code 指明",
        )
        return None
    return by, category


def _read_change(
    c: Collector,
    catalog: Catalog,
    subject: str,
    written: _Written,
    year: int | None,
) -> StatedChange | None:
    text_node, from_node = written.text, written.from_year
    text = c.text(text_node)
    from_year = None if year is None else year - 1
    if from_node is not None:
        from_year = c.integer(from_node, minimum=_FIRST_YEAR)
        if from_year is not None and year is not None and from_year >= year:
            _not_before(c, from_node, from_year, year)
            from_year = None
    if text is None:
        return None
    try:
        parsed = parse_change(text)
    except ValueError as exc:
        why = str(exc).partition(": ")[2]
        c.add(
            text_node,
            "bad-change",
            "expected a change as a report prints it (同比增长12.5%, 下降3.2个百分点,"
            f" 增加555件, 增长近3倍, 是上年的二倍, 持平), found {text!r}"
            + (f"; {why}" if why else ""),
            "应为报告原文的变化情况（如 同比增长12.5%、下降3.2个百分点、增加555件、"
            f"增长近3倍、是上年的二倍、持平），实际为“{text}”"
            + (f"；{_why_zh(why)}" if why else ""),
        )
        return None
    unfit = _subject_fits(catalog, subject, parsed.kind)
    if unfit is not None:
        c.add(text_node, "change-unit", f"{text}: {unfit[0]}", f"“{text}”：{unfit[1]}")
        return None
    if parsed.kind == "multiple":
        from_year = _multiple_base(c, (text_node, from_node), text, parsed, (from_year, year))
    if from_year is None:
        return None
    return StatedChange(
        subject=subject,
        text=text.strip(),
        kind=parsed.kind,
        sign=parsed.sign,
        amount=parsed.amount,
        places=parsed.places,
        approx=parsed.approx,
        from_year=from_year,
        line=text_node.line,
        column=text_node.column,
    )


def _multiple_base(
    c: Collector,
    nodes: tuple[Node, Node | None],
    text: str,
    parsed: ParsedChange,
    years: tuple[int | None, int | None],
) -> int | None:
    """The year a multiple is of: the one its text names, which ``from:`` must agree with.

    A base the text does not date (改革前) needs ``from:``: the year before would be a guess.
    """
    text_node, from_node = nodes
    from_year, year = years
    if parsed.base_year is not None:
        if from_node is not None and from_year is not None and from_year != parsed.base_year:
            c.add(
                from_node,
                "conflict",
                f"{text} is of {parsed.base_year}, but from: says {from_year}",
                f"“{text}”以{parsed.base_year}年为基数，from: 却为{from_year}",
            )
            return None
        if year is not None and parsed.base_year >= year:
            _not_before(c, text_node, parsed.base_year, year)
            return None
        return parsed.base_year
    if parsed.base_named and from_node is None:
        c.add(
            text_node,
            "missing-key",
            f"{text}: the text does not say which year it is a multiple of;"
            " give the year with {text: ..., from: 2018}",
            f"“{text}”未写明基数的年度；请写作 {{text: ..., from: 2018}} 注明年度",
        )
        return None
    return from_year


_WHY_ZH = {
    "write the number in digits": "请用阿拉伯数字书写",
    "a number of cases is whole": "件数应为整数",
    "倍 is used for increases only": "“倍”只用于增加；减少请写作百分比（如 下降50%）",
    "a change of 0 is written 持平": "变化为0请写作“持平”",
    "a multiple of 0 is not a change": "0倍不是变化",
}


def _why_zh(why: str) -> str:
    return _WHY_ZH.get(why, why)
