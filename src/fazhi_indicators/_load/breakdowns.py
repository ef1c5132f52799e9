"""Private: read ``breakdowns:`` of a county-year file (format 2) and check each table's form.

A breakdown is a report's table of a figure by one dimension (申请事项: 行政处罚
349件，占31%…).  Loading checks what can never be right — a category larger
than the total it breaks down, a share above 100%, an unknown field, dimension
or code — and leaves what may be a report's own slip (categories that do not add
up, a share that does not match its count) to the audit.
"""

from __future__ import annotations

import unicodedata

from attrs import frozen

from fazhi_indicators._load.figures import FIGURE_KEYS, read_count, read_period
from fazhi_indicators._load.names import Names
from fazhi_indicators._load.reader import Collector, describe, describe_zh
from fazhi_indicators._load.tree import Mapping, Node, Scalar
from fazhi_indicators.county import Breakdown, Category, Reported, approx_range
from fazhi_indicators.definitions import Catalog, Dimension, Text
from fazhi_indicators.exact import StatedRate, parse_stated_rate

__all__ = ["read_breakdowns"]

_KEYS = ("of", "by", "categories", "complete", "quote", "note", *FIGURE_KEYS)
_NESTED_KEYS = tuple(k for k in _KEYS if k != "of")
_CATEGORY_KEYS = ("name", "code", "count", "share", "breakdowns")

#: A dimension as read: its id (or printed name), its names, the catalogue's entry if any.
_Dim = tuple[str, Text, Dimension | None]


@frozen
class _Table:
    """What a table's rows are checked against: its dimension, its total, what it breaks down."""

    dimension: _Dim | None
    total: tuple[int, int] | None
    #: What the total is: the field's id, or the category a nested table breaks down.
    whole: str | None


def read_breakdowns(
    c: Collector,
    catalog: Catalog,
    node: Node | None,
    values: dict[str, Reported],
    names: Names,
) -> tuple[Breakdown, ...]:
    """Every breakdown of ``breakdowns:``; their totals are the fields they break down."""
    found: list[Breakdown] = []
    for item in c.sequence(node) or ():
        mapping = c.mapping(item, what="a breakdown {of, by, categories}")
        if mapping is None or not c.keys(
            mapping, required=("of", "by", "categories"), allowed=_KEYS
        ):
            continue
        of = _field(c, catalog, mapping.items["of"], names)
        total = values.get(of) if of is not None else None
        total_range = total.range if total is not None and isinstance(total.value, int) else None
        breakdown = _breakdown(c, catalog, mapping, (of, of), total_range)
        if breakdown is not None and of is not None:
            found.append(breakdown)
    return tuple(found)


def _field(c: Collector, catalog: Catalog, node: Node, names: Names) -> str | None:
    """The count field ``of:`` names, by id or Chinese name."""
    text = c.text(node)
    if text is None:
        return None
    field_id = names.resolve(c, text, node, ("field",))
    if field_id is None:
        return None
    if field_id not in catalog.fields:
        known = names.known(field_id, catalog.fields, ("field",))
        c.unknown(node, "field id", "字段", field_id, known, code="unknown-id")
        return None
    if catalog.fields[field_id].type != "count":
        c.add(
            node,
            "wrong-type",
            f"{field_id} is not a count, so it cannot be broken down into categories",
            f"{field_id} 不是计数，无法按类别分解",
        )
        return None
    return field_id


def _breakdown(
    c: Collector,
    catalog: Catalog,
    mapping: Mapping,
    of: tuple[str | None, str | None],
    total: tuple[int, int] | None,
) -> Breakdown | None:
    """One table: its dimension, its categories (each checked against ``total``).

    ``of`` is the field broken down (``None`` when nested) and what to call the total.
    """
    dimension = _dimension(c, catalog, mapping.items["by"])
    period, scope = read_period(c, mapping)
    complete = True
    if "complete" in mapping.items:
        flag = c.boolean(mapping.items["complete"])
        complete = True if flag is None else flag
    quote = c.text(mapping.items["quote"]) if "quote" in mapping.items else None
    note = c.text(mapping.items["note"]) if "note" in mapping.items else None
    categories = _categories(
        c, catalog, mapping.items["categories"], _Table(dimension, total, of[1])
    )
    if dimension is None or categories is None:
        return None
    by, by_name, _ = dimension
    return Breakdown(
        of=of[0],
        by=by,
        by_name=by_name,
        categories=categories,
        complete=complete,
        period=period,
        scope=scope,
        quote=quote,
        note=note,
        line=mapping.line,
        column=mapping.column,
    )


def _dimension(c: Collector, catalog: Catalog, node: Node) -> _Dim | None:
    """A catalogue dimension by id or Chinese name; else a name as printed (被申请对象).

    Text in Latin letters that is no dimension's id is taken for a misspelt id.
    """
    text = c.text(node)
    if text is None:
        return None
    text = text.strip()
    dimensions = catalog.dimensions
    if text in dimensions:
        return text, dimensions[text].name, dimensions[text]
    for dimension in dimensions.values():
        if text == dimension.name.zh:
            return dimension.id, dimension.name, dimension
    if text.isascii():
        c.unknown(node, "dimension", "分解维度", text, dimensions, code="unknown-id")
        return None
    return text, Text(zh=text, en=text), None


def _categories(
    c: Collector, catalog: Catalog, node: Node, table: _Table
) -> tuple[Category, ...] | None:
    items = c.sequence(node)
    if items is None:
        return None
    if not items:
        c.add(
            node,
            "wrong-type",
            "expected a list of at least one category, found an empty list",
            "应为至少含一个类别的列表，实际为空列表",
        )
        return None
    found: list[Category] = []
    seen: dict[str, Node] = {}
    ok = True
    for item in items:
        category = _category(c, catalog, item, table)
        if category is None:
            ok = False
            continue
        if category.name in seen:
            c.add(
                item,
                "duplicate-key",
                f"category {category.name!r} is listed twice (first at line"
                f" {seen[category.name].line}); keep one",
                f"类别“{category.name}”重复出现（首次在第{seen[category.name].line}行）；"
                "请只保留一个",
            )
            ok = False
            continue
        seen[category.name] = item
        found.append(category)
    return tuple(found) if ok else None


def _category(c: Collector, catalog: Catalog, node: Node, table: _Table) -> Category | None:
    mapping = c.mapping(node, what="a category {name, count, share}")
    if mapping is None or not c.keys(mapping, required=("name", "count"), allowed=_CATEGORY_KEYS):
        return None
    name = c.text(mapping.items["name"])
    counted = read_count(c, mapping.items["count"])
    share = _share(c, mapping.items["share"]) if "share" in mapping.items else None
    coded = _code(c, mapping, name, table.dimension)
    if name is None or counted is None or coded is None:
        return None
    code, name_en = coded
    count, approx = counted
    low, _high = approx_range(count, approx)
    total = table.total
    if total is not None and low > total[1]:
        c.add(
            mapping.items["count"],
            "category-above-total",
            f"the category {name.strip()} = {low} is more than the total it"
            f" breaks down, {table.whole} = {total[1]}",
            f"类别“{name.strip()}”（{low}）超过其所分解的总数 {table.whole}（{total[1]}）",
        )
        return None
    nested = _nested(c, catalog, mapping.items.get("breakdowns"), name.strip(), (low, _high))
    if nested is None:
        return None
    return Category(
        name=name.strip(),
        count=count,
        approx=approx,
        code=code,
        name_en=name_en,
        share=share,
        breakdowns=nested,
        line=mapping.line,
        column=mapping.column,
    )


def _nested(
    c: Collector, catalog: Catalog, node: Node | None, name: str, count: tuple[int, int]
) -> tuple[Breakdown, ...] | None:
    """The tables that break a category down again; ``None`` after a problem."""
    nested: list[Breakdown] = []
    for item in c.sequence(node) or ():
        inner = c.mapping(item, what="a breakdown {by, categories}")
        if inner is not None and "of" in inner.items:
            c.add(
                inner.keys["of"],
                "unknown-key",
                f"a breakdown inside a category breaks down that category ({name}); remove of:",
                f"类别内的分解表分解的就是该类别（{name}）；请删去 of",
            )
            return None
        if inner is None or not c.keys(inner, required=("by", "categories"), allowed=_NESTED_KEYS):
            return None
        breakdown = _breakdown(c, catalog, inner, (None, name), count)
        if breakdown is None:
            return None
        nested.append(breakdown)
    return tuple(nested)


def _share(c: Collector, node: Node) -> StatedRate | None:
    if isinstance(node, Scalar) and isinstance(node.value, str):
        try:
            rate = parse_stated_rate(node.value)
        except ValueError:
            pass
        else:
            if rate.interval().low > 1:
                c.add(
                    node,
                    "share-above-100",
                    f"a category's share of its total cannot exceed 100%; found {rate.text}",
                    f"类别占总数的比例不能超过100%；实际为 {rate.text}",
                )
                return None
            return rate
    c.add(
        node,
        "bad-rate",
        f"expected a share as printed, such as 5.4%, found {describe(node)}",
        f"应为报告所列占比（如 5.4%），实际为{describe_zh(node)}",
    )
    return None


def _plain(name: str) -> str:
    """A category's name without blanks and the trailing 类 reports add (行政处罚类)."""
    text = unicodedata.normalize("NFKC", name).strip()
    return text.removesuffix("类") if len(text) > 1 else text


def _code(
    c: Collector,
    mapping: Mapping,
    name: str | None,
    dimension: _Dim | None,
) -> tuple[str | None, str | None] | None:
    """The category's code and English name: as written, or found by its printed name.

    ``None`` after a problem: a code the dimension does not know.
    """
    known = dimension[2] if dimension is not None else None
    node = mapping.items.get("code")
    if node is not None:
        code = c.text(node)
        if code is None:
            return None
        codes = {k.code: k for k in known.categories} if known is not None else {}
        if code not in codes:
            where = dimension[0] if dimension is not None else "?"
            c.unknown(
                node, f"category of {where}", f"“{where}”的类别", code, codes, code="unknown-id"
            )
            return None
        return code, codes[code].name.en
    if known is None or name is None:
        return None, None
    plain = _plain(name)
    for category in known.categories:
        if plain in {_plain(n) for n in (category.name.zh, *category.also)}:
            return category.code, category.name.en
    return None, None
