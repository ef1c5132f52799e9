"""Private: resolve ``extends`` — a profile's YAML with its ancestors merged in.

Merging works on located nodes, before any profile is built, so that a problem
in an inherited setting is still reported where it was written.  A child's keys
replace its parent's; ``items:`` overrides items by id (an item's ``id:``,
else its indicator's id); ``remove:`` drops items; ``add:`` appends new items to
an inherited area, by the area's id.
"""

from __future__ import annotations

import attrs

from fazhi_indicators._load.reader import Collector
from fazhi_indicators._load.tree import Mapping, Node, Scalar, Sequence

__all__ = ["INHERITED_ONLY", "resolve"]

#: Keys that only make sense in a profile that extends another.
INHERITED_ONLY = ("items", "remove", "add")


def _merge(parent: Mapping, child: Mapping) -> Mapping:
    """Child keys replace the parent's; ``items`` overrides items by indicator id."""
    merged = {k: v for k, v in parent.items.items() if k not in ("extends", *INHERITED_ONLY)}
    keys = dict(parent.keys)
    for key, node in child.items.items():
        if key not in INHERITED_ONLY:
            merged[key] = node
            keys[key] = child.keys[key]
    overrides = child.items.get("items")
    removed = child.items.get("remove")
    removed_ids = (
        {n.value for n in removed.items if hasattr(n, "value")}
        if isinstance(removed, Sequence)
        else set()
    )
    areas = merged.get("areas")
    if isinstance(areas, Sequence) and (isinstance(overrides, Mapping) or removed_ids):
        areas = attrs.evolve(
            areas, items=tuple(_override_area(area, overrides, removed_ids) for area in areas.items)
        )
        merged["areas"] = areas
    additions = child.items.get("add")
    if isinstance(areas, Sequence) and isinstance(additions, Mapping):
        merged["areas"] = attrs.evolve(
            areas, items=tuple(_add_to_area(area, additions) for area in areas.items)
        )
    return attrs.evolve(child, items=merged, keys=keys)


def _area_id(area: Node) -> str | None:
    named = area.items.get("id") if isinstance(area, Mapping) else None
    value = named.value if isinstance(named, Scalar) else None
    return value if isinstance(value, str) else None


def _add_to_area(area: Node, additions: Mapping) -> Node:
    """The area with the items ``add:`` gives for it appended, in the order written."""
    added = additions.items.get(_area_id(area) or "")
    if not isinstance(area, Mapping) or not isinstance(added, Sequence):
        return area
    listed = area.items.get("items")
    if not isinstance(listed, Sequence):
        return attrs.evolve(area, items={**area.items, "items": added})
    joined = attrs.evolve(listed, items=(*listed.items, *added.items))
    return attrs.evolve(area, items={**area.items, "items": joined})


def _override_area(area: Node, overrides: Node | None, removed: set[str]) -> Node:
    if not isinstance(area, Mapping) or not isinstance(area.items.get("items"), Sequence):
        return area
    items_node = area.items["items"]
    assert isinstance(items_node, Sequence)  # noqa: S101 - narrowed just above
    new_items: list[Node] = []
    for item in items_node.items:
        indicator_id = _item_id(item)
        if indicator_id in removed:
            continue
        if (
            isinstance(overrides, Mapping)
            and isinstance(item, Mapping)
            and (indicator_id in overrides.items)
        ):
            change = overrides.items[indicator_id]
            if isinstance(change, Mapping):
                new_items.append(
                    attrs.evolve(
                        item,
                        items={**item.items, **change.items},
                        keys={**item.keys, **change.keys},
                    )
                )
                continue
        new_items.append(item)
    return attrs.evolve(
        area, items={**area.items, "items": attrs.evolve(items_node, items=tuple(new_items))}
    )


def resolve(
    name: str,
    raw: dict[str, tuple[Mapping, Collector]],
    chain: tuple[str, ...] = (),
) -> Mapping | None:
    """The profile's mapping with every ancestor merged in; ``None`` on a cycle."""
    node, c = raw[name]
    parent_node = node.items.get("extends")
    if parent_node is None:
        return node
    parent = c.text(parent_node)
    if parent is None:
        return None
    if parent in (*chain, name):
        cycle = " -> ".join((*chain, name, parent))
        c.add(
            parent_node,
            "extends-cycle",
            f"profiles extend each other in a cycle: {cycle}",
            f"评分标准循环继承：{cycle}",
        )
        return None
    if parent not in raw:
        c.unknown(parent_node, "profile", "评分标准", parent, raw, code="unknown-id")
        return None
    base = resolve(parent, raw, (*chain, name))
    if base is None:
        return None
    _check_inherited_ids(c, base, node)
    return _merge(base, node)


def _item_ids(profile: Mapping) -> set[str]:
    """The indicator ids a profile's areas score."""
    areas = profile.items.get("areas")
    ids: set[str] = set()
    for area in areas.items if isinstance(areas, Sequence) else ():
        listed = area.items.get("items") if isinstance(area, Mapping) else None
        for item in listed.items if isinstance(listed, Sequence) else ():
            item_id = _item_id(item)
            if item_id is not None:
                ids.add(item_id)
    return ids


def _item_id(item: Node) -> str | None:
    """An item's id: its ``id:``, else its indicator's id."""
    if not isinstance(item, Mapping):
        return None
    named = item.items.get("id", item.items.get("indicator"))
    value = named.value if isinstance(named, Scalar) else None
    return value if isinstance(value, str) else None


def _check_inherited_ids(c: Collector, parent: Mapping, child: Mapping) -> None:
    """``items:`` and ``remove:`` may only name items the parent scores; a typo is an error."""
    known = _item_ids(parent)
    what = ("inherited item", "继承的评分项")
    overrides = child.items.get("items")
    if isinstance(overrides, Mapping):
        for wanted, key in overrides.keys.items():
            if wanted not in known:
                c.unknown(key, *what, wanted, known, code="unknown-id")
    removed = child.items.get("remove")
    if isinstance(removed, Sequence):
        for entry in removed.items:
            dropped = c.text(entry)
            if dropped is not None and dropped not in known:
                c.unknown(entry, *what, dropped, known, code="unknown-id")
    _check_additions(c, parent, child)


def _check_additions(c: Collector, parent: Mapping, child: Mapping) -> None:
    """``add:`` maps the id of an area the profile has to a list of new items."""
    if "add" not in child.items:
        return
    additions = c.mapping(child.items["add"], what="a mapping of area ids to lists of items")
    if additions is None:
        return
    areas = child.items.get("areas", parent.items.get("areas"))
    known = [
        area_id
        for area in (areas.items if isinstance(areas, Sequence) else ())
        if (area_id := _area_id(area)) is not None
    ]
    for wanted, key in additions.keys.items():
        if wanted not in known:
            c.unknown(key, "area", "领域", wanted, known, code="unknown-id")
        else:
            c.sequence(additions.items[wanted])
