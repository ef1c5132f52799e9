"""Private: build the catalogue (fields, indicators, profiles) from its folder, checking it.

Profiles are read by :mod:`~fazhi_indicators._load.profile`; this module assembles
everything into a :class:`~fazhi_indicators.definitions.Catalog`.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import TypeVar, cast, get_args

from attrs import frozen

from fazhi_indicators._load.compose import read_yaml_folder
from fazhi_indicators._load.dimensions import read_dimensions
from fazhi_indicators._load.indicator_tree import read_trees
from fazhi_indicators._load.labels import read_source, read_text_pair
from fazhi_indicators._load.profile import read_profiles
from fazhi_indicators._load.reader import Collector
from fazhi_indicators._load.tree import Mapping, Node
from fazhi_indicators.definitions import (
    Catalog,
    DeadlineIndicator,
    Direction,
    Expression,
    FieldDef,
    FieldType,
    IndicatorDef,
    RateIndicator,
    RateKind,
    Text,
)
from fazhi_indicators.errors import InputError, Problem

__all__ = ["catalog_root", "load_catalog", "parse_expression"]

UNITS: dict[str, Text] = {
    "case": Text(zh="件", en="cases"),
    "person": Text(zh="人", en="people"),
    "item": Text(zh="项", en="items"),
    "organisation": Text(zh="家", en="organisations"),
    "session": Text(zh="次", en="sessions"),
    "certificate": Text(zh="个", en="certificates"),
    "document": Text(zh="件", en="documents"),
    "decision": Text(zh="项", en="decisions"),
    "person_time": Text(zh="人次", en="person-times"),
    "hour": Text(zh="学时", en="hours"),
    "working_day": Text(zh="个工作日", en="working days"),
    "yuan": Text(zh="元", en="yuan"),
}
_FIELD_KEYS = (
    "name",
    "type",
    "unit",
    "parts",
    "complete",
    "subset_of",
    "sum_of",
    "description",
    "source",
)
_INDICATOR_KEYS = (
    "name",
    "kind",
    "direction",
    "numerator",
    "denominator",
    "precision",
    "date_field",
    "deadline",
    "description",
    "source",
)
_TERM = re.compile(r"\s*([+-])?\s*([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?)\s*")


def catalog_root() -> Path:
    """Where the shipped catalogue lives: inside the wheel, or the repository top level."""
    packaged = resources.files("fazhi_indicators").joinpath("indicators")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "indicators"


def _qualify(domain: str, name: str) -> str:
    return name if "." in name else f"{domain}.{name}"


def _names(c: Collector, node: Node | None, domain: str) -> tuple[str, ...]:
    items = c.sequence(node)
    if items is None:
        return ()
    names = (c.text(item) for item in items)
    return tuple(_qualify(domain, n) for n in names if n)


def _read_fields(c: Collector, root: Mapping, domains: dict[str, Text]) -> dict[str, FieldDef]:
    if not c.keys(
        root, required=("domain", "name", "fields"), allowed=("domain", "name", "fields")
    ):
        return {}
    domain = c.identifier(root.items["domain"])
    label = read_text_pair(c, root.items["name"])
    if domain is None:
        return {}
    if label is not None:
        domains[domain] = label
    found: dict[str, FieldDef] = {}
    for name, key, node in c.entries(root.items["fields"]):
        if c.identifier(key) is None:
            continue
        entry = c.mapping(node)
        if entry is None or not c.keys(entry, required=("name",), allowed=_FIELD_KEYS):
            continue
        items = entry.items
        label = read_text_pair(c, items["name"])
        unit = None
        if "unit" in items:
            unit_name = c.choice(items["unit"], UNITS, "case")
            unit = UNITS[unit_name]
        field_type = c.choice(items.get("type"), get_args(FieldType), "count")
        sum_of = _names(c, items.get("sum_of"), domain)
        parts = _names(c, items.get("parts"), domain)
        if sum_of and parts:
            c.add(
                entry,
                "conflict",
                "give either sum_of or parts, not both",
                "sum_of 与 parts 只能给出其一",
            )
        complete = c.boolean(items.get("complete")) or False
        subset = c.text(items["subset_of"]) if "subset_of" in items else None
        if label is None:
            continue
        field_id = f"{domain}.{name}"
        found[field_id] = FieldDef(
            id=field_id,
            name=label,
            type=cast("FieldType", field_type),
            unit=unit if field_type == "count" else None,
            parts=sum_of or parts,
            complete=bool(sum_of) or complete,
            subset_of=_qualify(domain, subset) if subset else None,
            sum_of=sum_of,
            description=read_text_pair(c, items.get("description")),
            source=read_source(c, items.get("source")),
        )
    return found


def parse_expression(text: str, domain: str) -> Expression | None:
    """``"closed - withdrawn"`` → an :class:`Expression`; ``None`` when malformed."""
    terms: list[tuple[int, str]] = []
    position = 0
    while position < len(text):
        match = _TERM.match(text, position)
        if not match or (terms and match[1] is None) or match.end() == position:
            return None
        sign = -1 if match[1] == "-" else 1
        terms.append((sign, _qualify(domain, match[2])))
        position = match.end()
    return Expression(terms=tuple(terms)) if terms else None


def _read_expression(c: Collector, node: Node | None, domain: str) -> Expression | None:
    text = c.text(node)
    if text is None or node is None:
        return None
    expression = parse_expression(text, domain)
    if expression is None:
        c.add(
            node,
            "bad-formula",
            f"expected field names joined by + or -, found {text!r}",
            f"应为用 + 或 - 连接的字段名，实际为“{text}”",
        )
    return expression


@frozen(kw_only=True)
class Unbuilt:
    """An indicator declared with a mistake: its id and fields stay known for checking."""

    id: str
    fields: tuple[str, ...]
    kind: str


def _read_indicators(c: Collector, root: Mapping) -> dict[str, IndicatorDef | Unbuilt]:
    if not c.keys(root, required=("domain", "indicators"), allowed=("domain", "indicators")):
        return {}
    domain = c.identifier(root.items["domain"])
    if domain is None:
        return {}
    found: dict[str, IndicatorDef | Unbuilt] = {}
    for name, key, node in c.entries(root.items["indicators"]):
        if c.identifier(key) is None:
            continue
        entry = c.mapping(node)
        required = ("name", "kind", "direction")
        if entry is None or not c.keys(entry, required=required, allowed=_INDICATOR_KEYS):
            continue
        items = entry.items
        label = read_text_pair(c, items["name"])
        kind = c.choice(items["kind"], (*get_args(RateKind), DeadlineIndicator.kind), "share")
        direction = cast("Direction", c.choice(items["direction"], get_args(Direction), "higher"))
        precision = c.integer(items["precision"], minimum=0) if "precision" in items else 1
        indicator_id = f"{domain}.{name}"
        description = read_text_pair(c, items.get("description")) if label is not None else None
        source = read_source(c, items.get("source")) if label is not None else None
        used: tuple[str, ...] = ()
        indicator: IndicatorDef | None = None
        if kind == DeadlineIndicator.kind:
            if c.keys(entry, required=("date_field", "deadline"), allowed=_INDICATOR_KEYS):
                date_field = _qualify(domain, c.text(items["date_field"]) or "")
                deadline = _read_deadline(c, items["deadline"])
                used = (date_field,)
                if label is not None and deadline is not None:
                    indicator = DeadlineIndicator(
                        id=indicator_id,
                        name=label,
                        direction=direction,
                        date_field=date_field,
                        deadline=deadline,
                        description=description,
                        source=source,
                    )
        elif c.keys(entry, required=("numerator", "denominator"), allowed=_INDICATOR_KEYS):
            numerator = _read_expression(c, items["numerator"], domain)
            denominator = _read_expression(c, items["denominator"], domain)
            used = tuple(
                dict.fromkeys(
                    f for e in (numerator, denominator) if e is not None for f in e.fields
                )
            )
            if label is not None and numerator is not None and denominator is not None:
                indicator = RateIndicator(
                    id=indicator_id,
                    name=label,
                    kind=cast("RateKind", kind),
                    direction=direction,
                    numerator=numerator,
                    denominator=denominator,
                    precision=precision or 0,
                    description=description,
                    source=source,
                )
        if label is None:
            continue
        found[indicator_id] = indicator or Unbuilt(id=indicator_id, fields=used, kind=kind)
    return found


def _fields_of(*expressions: Expression | None) -> tuple[str, ...]:
    """The fields the expressions that could be read use, for checking the rest."""
    return tuple(dict.fromkeys(f for e in expressions if e is not None for f in e.fields))


def _read_deadline(c: Collector, node: Node) -> tuple[int, int] | None:
    mapping = c.mapping(node)
    if mapping is None or not c.keys(mapping, required=("month", "day"), allowed=("month", "day")):
        return None
    month = c.integer(mapping.items["month"], minimum=1)
    day = c.integer(mapping.items["day"], minimum=1)
    if month is None or day is None:
        return None
    if month > 12 or day > 31:
        c.add(
            mapping,
            "out-of-range",
            f"no such date: month {month}, day {day}",
            f"日期不存在：{month}月{day}日",
        )
        return None
    return month, day


def _check_references(
    fields: dict[str, FieldDef],
    indicators: dict[str, IndicatorDef | Unbuilt],
    where: dict[str, tuple[Collector, Node]],
) -> None:
    """Every name a definition uses must exist and be of the right type."""

    def check(owner: str, used: str, need: str) -> None:
        c, node = where[owner]
        if used not in fields:
            c.unknown(node, "field", "字段", used, fields, code="unknown-id")
        elif fields[used].type != need:
            c.add(
                node,
                "wrong-type",
                f"{owner} uses {used}, which is a {fields[used].type}, not a {need}",
                f"{owner} 引用的 {used} 类型为 {fields[used].type}，应为 {need}",
            )

    for field in fields.values():
        for used in (*field.parts, *((field.subset_of,) if field.subset_of else ())):
            check(field.id, used, "count")
    for indicator in indicators.values():
        need = "date" if indicator.kind == DeadlineIndicator.kind else "count"
        for used in indicator.fields:
            check(indicator.id, used, need)


_Definition = TypeVar("_Definition", FieldDef, IndicatorDef | Unbuilt)


def _register(
    c: Collector,
    found: dict[str, _Definition],
    known: dict[str, _Definition],
    body: Node | None,
    where: dict[str, tuple[Collector, Node]],
) -> None:
    """Add one file's definitions, refusing ids another file already defined."""
    for definition_id, definition in found.items():
        name = definition_id.split(".", 1)[1]
        node = body.items[name] if isinstance(body, Mapping) else None
        if definition_id in known:
            c.add(
                node,
                "duplicate-id",
                f"{definition_id} is defined twice (also in {where[definition_id][0].file})",
                f"{definition_id} 被重复定义（另见 {where[definition_id][0].file}）",
            )
        elif node is not None:
            known[definition_id] = definition
            where[definition_id] = (c, node)


def load_catalog(base: Path) -> Catalog:
    """Load fields, indicators and profiles from a catalogue folder.

    Args:
        base: a folder with ``fields/``, ``indicators/`` and ``profiles/``.

    Raises:
        InputError: listing every problem in every file.
    """
    problems: list[Problem] = []
    domains: dict[str, Text] = {}
    fields: dict[str, FieldDef] = {}
    declared: dict[str, IndicatorDef | Unbuilt] = {}
    where: dict[str, tuple[Collector, Node]] = {}
    collectors = [Collector(str(base))]
    for kind in ("fields", "indicators"):
        for c, tree in read_yaml_folder(base / kind):
            collectors.append(c)
            root_node = c.mapping(tree) if tree is not None else None
            if root_node is None:
                continue
            body = root_node.items.get(kind)
            if kind == "fields":
                _register(c, _read_fields(c, root_node, domains), fields, body, where)
            else:
                _register(c, _read_indicators(c, root_node), declared, body, where)
    if not fields:
        collectors[0].add(
            None,
            "empty-catalog",
            f"no field definitions found under {base}",
            f"在 {base} 下没有找到字段定义",
        )
    _check_references(fields, declared, where)
    for c in collectors:
        problems.extend(c.problems)
    indicators = {k: v for k, v in declared.items() if not isinstance(v, Unbuilt)}
    trees, tree_problems = read_trees(base / "tree")
    problems.extend(tree_problems)
    profiles, profile_problems = read_profiles(
        base / "profiles", fields, indicators, declared=tuple(declared), trees=trees
    )
    problems.extend(profile_problems)
    dimensions, dimension_problems = read_dimensions(base / "dimensions.yaml")
    problems.extend(dimension_problems)
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return Catalog(
        domains=domains,
        fields=fields,
        indicators=indicators,
        profiles=profiles,
        trees=trees,
        dimensions=dimensions,
    )
