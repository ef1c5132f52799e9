"""Private: build profiles from YAML, resolving ``extends`` and checking every threshold."""

from __future__ import annotations

from collections.abc import Collection
from collections.abc import Mapping as AbstractMapping
from pathlib import Path
from typing import cast, get_args

import attrs

from fazhi_indicators._load.compose import read_yaml_checked, read_yaml_file, read_yaml_folder
from fazhi_indicators._load.extends import resolve
from fazhi_indicators._load.item_kinds import PROFILE_BASES, ItemContext, read_item
from fazhi_indicators._load.labels import read_source, read_text_pair
from fazhi_indicators._load.reader import Collector, file_error
from fazhi_indicators._load.tree import Mapping, Node
from fazhi_indicators.definitions import (
    Area,
    Catalog,
    FieldDef,
    Grade,
    IndicatorDef,
    NotApplicable,
    Profile,
    Setting,
    Source,
    Veto,
)
from fazhi_indicators.errors import InputError, Problem
from fazhi_indicators.exact import format_number
from fazhi_indicators.tree import Edition

__all__ = ["load_profile", "read_profiles"]

_TOP_KEYS = (
    "id",
    "version",
    "title",
    "jurisdiction",
    "effective",
    "description",
    "extends",
    "not_applicable",
    "pass_line",
    "min_coverage",
    "min_applicable",
    "grades",
    "areas",
    "vetoes",
    "items",
    "remove",
    "add",
)


def _read_setting(c: Collector, node: Node | None, name: str) -> Setting | None:
    mapping = c.mapping(node) if node is not None else None
    if mapping is None:
        if node is None:
            c.add(
                None,
                "missing-key",
                f"required key {name!r} is missing",
                f"缺少必填项“{name}”",
                path=name,
            )
        return None
    allowed = ("value", "basis", "title", "url", "note")
    if not c.keys(mapping, required=("value", "basis"), allowed=allowed):
        return None
    value = c.number(mapping.items["value"])
    source_node = attrs.evolve(
        mapping,
        items={k: v for k, v in mapping.items.items() if k != "value"},
        keys={k: v for k, v in mapping.keys.items() if k != "value"},
    )
    source = read_source(c, source_node, bases=PROFILE_BASES)
    if value is None or source is None:
        return None
    return Setting(value=value, source=source)


def _read_effective(c: Collector, node: Node | None) -> tuple[int, int | None]:
    mapping = c.mapping(node) if node is not None else None
    if mapping is None or not c.keys(mapping, required=("from",), allowed=("from", "to")):
        return 0, None
    first = c.integer(mapping.items["from"], minimum=1900) or 0
    last = c.integer(mapping.items["to"], minimum=1900) if "to" in mapping.items else None
    if last is not None and last < first:
        c.add(
            mapping,
            "out-of-range",
            f"effective years run backwards: {first} to {last}",
            f"适用年度起止颠倒：{first}至{last}",
        )
    return first, last


def _build(  # noqa: PLR0913 - what a profile is checked against
    c: Collector,
    root: Mapping,
    fields: AbstractMapping[str, FieldDef],
    indicators: AbstractMapping[str, IndicatorDef],
    known: Collection[str],
    *,
    trees: AbstractMapping[str, Edition],
) -> Profile | None:
    required = (
        "id",
        "version",
        "title",
        "jurisdiction",
        "effective",
        "pass_line",
        "min_coverage",
        "areas",
    )
    if not c.keys(root, required=required, allowed=_TOP_KEYS):
        return None
    items = root.items
    seen: set[str] = set()
    context = ItemContext(fields=fields, indicators=indicators, known=known, trees=trees)
    areas: list[Area] = []
    for area_node in c.sequence(items["areas"]) or ():
        area = c.mapping(area_node)
        if area is None or not c.keys(
            area, required=("id", "name", "items"), allowed=("id", "name", "items", "monitor")
        ):
            continue
        area_items = [read_item(c, n, context, seen) for n in c.sequence(area.items["items"]) or ()]
        monitor = []
        for m in c.sequence(area.items.get("monitor")) or ():
            name = c.text(m)
            if name is not None and name not in known:
                c.unknown(m, "indicator", "指标", name, known, code="unknown-id")
            elif name is not None and name in indicators:
                monitor.append(name)
        area_id, label = c.identifier(area.items["id"]), read_text_pair(c, area.items["name"])
        if area_id and label:
            areas.append(
                Area(
                    id=area_id,
                    name=label,
                    monitor=tuple(monitor),
                    items=tuple(i for i in area_items if i is not None),
                )
            )
    vetoes = [_read_veto(c, n, fields) for n in c.sequence(items.get("vetoes")) or ()]
    grades, grades_source = _read_grades(c, items.get("grades"))
    first, last = _read_effective(c, items["effective"])
    pass_line = _read_setting(c, items["pass_line"], "pass_line")
    coverage = _read_setting(c, items["min_coverage"], "min_coverage")
    if pass_line is not None and pass_line.value > 100:
        c.add(
            items["pass_line"],
            "unreachable-target",
            f"the pass line {format_number(pass_line.value)} is above 100 and can never be reached",
            f"合格线{format_number(pass_line.value)}分高于100分，永远无法达到",
        )
    _check_share(c, items["min_coverage"], coverage, "min_coverage")
    applicable = (
        _read_setting(c, items["min_applicable"], "min_applicable")
        if "min_applicable" in items
        else None
    )
    _check_share(c, items.get("min_applicable"), applicable, "min_applicable")
    title = read_text_pair(c, items["title"])
    not_applicable = c.text(items["not_applicable"]) if "not_applicable" in items else "exclude"
    if not_applicable not in get_args(NotApplicable):
        c.add(
            items["not_applicable"],
            "bad-choice",
            "not_applicable must be exclude or award",
            "not_applicable 应为 exclude 或 award",
        )
    version_node = items["version"]
    version = str(getattr(version_node, "value", "")) or None
    if c.has_errors or title is None or pass_line is None or coverage is None or not version:
        return None
    profile = Profile(
        id=c.text(items["id"]) or "",
        version=version,
        title=title,
        jurisdiction=c.text(items["jurisdiction"]) or "",
        effective_from=first,
        effective_to=last,
        areas=tuple(areas),
        pass_line=pass_line,
        min_coverage=coverage,
        grades=grades,
        vetoes=tuple(v for v in vetoes if v),
        extends=None,
        description=c.text(items.get("description")),
        grades_source=grades_source,
        not_applicable=cast("NotApplicable", not_applicable),
    )
    return profile if applicable is None else attrs.evolve(profile, min_applicable=applicable)


def _check_share(c: Collector, node: Node | None, setting: Setting | None, name: str) -> None:
    """A setting that is a share of the points must lie between 0% and 100%."""
    if node is None or setting is None or 0 <= setting.value <= 1:
        return
    text = getattr(getattr(node, "items", {}).get("value"), "text", "")
    c.add(
        node,
        "out-of-range",
        f"{name} must lie between 0% and 100%, found {text}",
        f"{name} 应在0%至100%之间，实际为{text}",
    )


def _read_veto(c: Collector, node: Node, fields: AbstractMapping[str, FieldDef]) -> Veto | None:
    veto = c.mapping(node)
    if veto is None or not c.keys(
        veto,
        required=("id", "name", "field", "when", "source"),
        allowed=("id", "name", "field", "when", "source"),
    ):
        return None
    field_id = c.text(veto.items["field"])
    if field_id is not None and field_id not in fields:
        c.unknown(veto.items["field"], "field", "字段", field_id, fields, code="unknown-id")
        field_id = None
    elif field_id is not None and fields[field_id].type != "boolean":
        c.add(
            veto.items["field"],
            "wrong-type",
            f"a veto needs a yes/no field; {field_id} is a {fields[field_id].type}",
            f"否决事项须为是否型字段；{field_id} 不是",
        )
        field_id = None
    veto_id = c.identifier(veto.items["id"])
    name = read_text_pair(c, veto.items["name"])
    when = c.boolean(veto.items["when"])
    source = read_source(c, veto.items["source"], bases=PROFILE_BASES)
    if veto_id is None or name is None or field_id is None or when is None or source is None:
        return None
    return Veto(id=veto_id, name=name, field=field_id, when=when, source=source)


def _read_grades(c: Collector, node: Node | None) -> tuple[tuple[Grade, ...], Source | None]:
    mapping = c.mapping(node) if node is not None else None
    if mapping is None:
        return (), None
    allowed = ("levels", "basis", "title", "url", "note")
    if not c.keys(mapping, required=("levels", "basis"), allowed=allowed):
        return (), None
    grades = []
    for level in c.sequence(mapping.items["levels"]) or ():
        level_map = c.mapping(level)
        if level_map is None or not c.keys(
            level_map, required=("name", "min"), allowed=("name", "min")
        ):
            continue
        name = read_text_pair(c, level_map.items["name"])
        minimum = c.number(level_map.items["min"])
        if name is not None and minimum is not None:
            grades.append(Grade(name=name, min_total=minimum))
    source_node = attrs.evolve(
        mapping,
        items={k: v for k, v in mapping.items.items() if k != "levels"},
        keys={k: v for k, v in mapping.keys.items() if k != "levels"},
    )
    source = read_source(c, source_node, bases=PROFILE_BASES)
    return tuple(sorted(grades, key=lambda g: -g.min_total)), source


def read_profiles(  # noqa: PLR0913 - what profiles are checked against
    folder: Path,
    fields: AbstractMapping[str, FieldDef],
    indicators: AbstractMapping[str, IndicatorDef],
    extra: tuple[Path, ...] = (),
    *,
    declared: Collection[str] | None = None,
    trees: AbstractMapping[str, Edition] | None = None,
) -> tuple[dict[str, Profile], list[Problem]]:
    """Every profile in ``folder`` (and ``extra`` files), with all problems found.

    ``declared`` are the indicator ids the catalogue defines, built or not: an item
    naming an indicator whose definition has a mistake is not called unknown.
    A mistake in a parent is found again while building each child that inherits it,
    at the same place; it is listed once.
    """
    profiles, collectors = _read_profiles(
        folder, fields, indicators, extra, declared=declared, trees=trees
    )
    problems = [p for c in collectors for p in c.problems]
    return profiles, list(dict.fromkeys(problems))


def _read_profiles(  # noqa: PLR0913 - what profiles are checked against
    folder: Path,
    fields: AbstractMapping[str, FieldDef],
    indicators: AbstractMapping[str, IndicatorDef],
    extra: tuple[Path, ...] = (),
    *,
    declared: Collection[str] | None = None,
    trees: AbstractMapping[str, Edition] | None = None,
) -> tuple[dict[str, Profile], list[Collector]]:
    """The profiles built, and one collector per file read (an extra file of the folder once)."""
    known = tuple(indicators) if declared is None else tuple(declared)
    collectors: list[Collector] = []
    raw: dict[str, tuple[Mapping, Collector]] = {}
    in_folder = {path.resolve() for path in folder.glob("*.yaml")}
    extra = tuple(path for path in extra if path.resolve() not in in_folder)
    for c, tree in (*read_yaml_folder(folder), *(read_yaml_checked(path) for path in extra)):
        collectors.append(c)
        root = c.mapping(tree) if tree is not None else None
        if root is not None and "id" in root.items:
            profile_id = c.text(root.items["id"])
            if profile_id is not None and profile_id in raw:
                c.add(
                    root.items["id"],
                    "duplicate-id",
                    f"profile id {profile_id!r} is used by {raw[profile_id][1].file} too",
                    f"评分标准编号“{profile_id}”已被 {raw[profile_id][1].file} 使用",
                )
            elif profile_id is not None:
                raw[profile_id] = (root, c)
        elif root is not None:
            c.add(root, "missing-key", "required key 'id' is missing", "缺少必填项“id”", path="id")
    profiles: dict[str, Profile] = {}
    for name, (node, c) in raw.items():
        merged = resolve(name, raw)
        if merged is not None:
            built = _build(c, merged, fields, indicators, known, trees=trees or {})
            if built is not None:
                extends = node.items.get("extends")
                profiles[name] = attrs.evolve(built, extends=getattr(extends, "value", None))
    return profiles, collectors


def load_profile(path: Path, catalog: Catalog, folder: Path) -> Profile:
    """Load one profile file, which may ``extends`` a profile of ``folder``.

    Args:
        path: the profile YAML.
        catalog: the fields and indicators it may use.
        folder: the profiles it may extend (the catalogue's ``profiles/``).

    Raises:
        InputError: listing every problem found while building the file's profile,
            including those in the settings it inherits (named with the parent's file),
            or, when it cannot be built because a profile it extends cannot, the folder's.
    """
    shown = str(path)
    profiles, collectors = _read_profiles(
        folder, catalog.fields, catalog.indicators, (path,), trees=catalog.trees
    )
    mine = next(
        (c for c in collectors if c.file is not None and Path(c.file).resolve() == path.resolve()),
        collectors[-1] if collectors else Collector(shown),
    )
    if mine.has_errors:
        raise InputError(mine.problems)
    tree = read_yaml_file(path)
    id_node = tree.items.get("id") if isinstance(tree, Mapping) else None
    profile_id = getattr(id_node, "value", None)
    if not isinstance(profile_id, str) or profile_id not in profiles:
        others = [p for c in collectors if c is not mine for p in c.problems]
        if mine.problems or others:
            raise InputError([*mine.problems, *dict.fromkeys(others)])
        raise file_error(
            shown, "empty-file", "the file holds no usable profile", "文件中没有可用的评分标准"
        )
    return profiles[profile_id]
