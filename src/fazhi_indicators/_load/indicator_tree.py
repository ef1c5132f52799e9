"""Private: read the official indicator tree of each edition (``indicators/tree/*.yaml``).

Not to be confused with :mod:`~fazhi_indicators._load.tree`, the located YAML
tree every loader reads.  A tree file holds the counts of each level, the nodes
whose text has been seen, and the positions that have not been: every position
from 1 to a level's count must be written exactly once, as a node or as
untranscribed, so that the file can neither leave a gap nor invent a node.
Profile items name a node as ``edition/node id``; :func:`read_node_reference`
checks such a reference against the editions read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping as AbstractMapping
from pathlib import Path
from typing import cast, get_args

from fazhi_indicators._load.compose import read_yaml_checked, read_yaml_folder
from fazhi_indicators._load.reader import Collector
from fazhi_indicators._load.tree import Mapping, Node, Scalar, Sequence
from fazhi_indicators.errors import InputError, Problem
from fazhi_indicators.tree import (
    LEVEL_NAMES,
    LEVEL_WORDS,
    Additional,
    Confidence,
    Edition,
    Label,
    Level,
    LevelInfo,
    TreeSource,
    node_id,
    split_reference,
)
from fazhi_indicators.tree import (
    Node as TreeNode,
)

__all__ = ["load_tree", "read_node_reference", "read_trees"]

CONFIDENCES: tuple[str, ...] = get_args(Confidence)
_TOP_KEYS = (
    "id",
    "name",
    "issuer",
    "confidence",
    "source",
    "note",
    "additional",
    "levels",
    "nodes",
)
_LEVEL_KEYS = ("level", "count", "confidence", "source", "untranscribed", "names_seen")
_NODE_KEYS = ("parent", "printed", "name", "summary", "quotes", "confidence", "source")
_EDITION_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_NODE_ID = re.compile(r"^(area|group|item)-([1-9][0-9]*)$")
_RANGE = re.compile(r"^\s*([1-9][0-9]*)\s*(?:-\s*([1-9][0-9]*)\s*)?$")
_LEVEL_OF_WORD = {word: level for level, word in LEVEL_WORDS.items()}


def _scalar_text(c: Collector, node: Node | None) -> str | None:
    """Text as written, so that ``id: 2021`` and ``printed: 1`` read as they look."""
    if (
        isinstance(node, Scalar)
        and isinstance(node.value, int)
        and not isinstance(node.value, bool)
    ):
        return node.text
    return c.text(node)


def _label(c: Collector, node: Node | None) -> Label | None:
    mapping = c.mapping(node, what="a {zh, en} label") if node is not None else None
    if mapping is None or not c.keys(mapping, required=("zh", "en"), allowed=("zh", "en")):
        return None
    zh, en = c.text(mapping.items["zh"]), c.text(mapping.items["en"])
    return Label(zh=zh, en=en) if zh and en else None


def _source(c: Collector, node: Node | None) -> TreeSource | None:
    mapping = c.mapping(node) if node is not None else None
    if mapping is None or not c.keys(mapping, allowed=("title", "url", "note")):
        return None
    if "title" not in mapping.items and "url" not in mapping.items:
        c.add(
            mapping,
            "missing-key",
            "a source needs a 'title' or a 'url'",
            "来源需要给出 title 或 url",
        )
        return None
    items = mapping.items
    return TreeSource(
        title=c.text(items.get("title")) or "",
        url=c.text(items.get("url")),
        note=c.text(items.get("note")),
    )


def _confidence(c: Collector, node: Node | None, default: Confidence) -> Confidence:
    return cast("Confidence", c.choice(node, CONFIDENCES, default))


def _positions(c: Collector, node: Node | None) -> list[int]:
    """``"4-100"``, ``"2-9, 12"``, ``5`` or a list of them, as positions in order."""
    if node is None:
        return []
    parts = node.items if isinstance(node, Sequence) else (node,)
    found: list[int] = []
    for part in parts:
        text = _scalar_text(c, part)
        if text is None:
            continue
        for piece in text.split(",") if text.strip() else ():
            match = _RANGE.match(piece)
            first = int(match.group(1)) if match else 0
            last = int(match.group(2) or first) if match else 0
            if match is None or last < first:
                c.add(
                    part,
                    "bad-choice",
                    f'expected positions such as "4-100" or "2-9, 12", found {piece.strip()!r}',
                    f"应为位次范围（如“4-100”或“2-9, 12”），实际为“{piece.strip()}”",
                )
                continue
            found.extend(range(first, last + 1))
    return found


def _read_level(c: Collector, node: Node) -> tuple[LevelInfo, list[int], Node] | None:
    mapping = c.mapping(node)
    if mapping is None or not c.keys(
        mapping, required=("level", "count", "confidence"), allowed=_LEVEL_KEYS
    ):
        return None
    items = mapping.items
    level = c.integer(items["level"], minimum=1)
    if level is not None and level > 3:
        c.add(
            items["level"],
            "out-of-range",
            f"a level is 1, 2 or 3, found {level}",
            f"层级应为1、2或3，实际为{level}",
        )
        level = None
    count = c.integer(items["count"], minimum=1)
    confidence = _confidence(c, items["confidence"], "high")
    source = _source(c, items["source"]) if "source" in items else None
    names = tuple(
        label for n in c.sequence(items.get("names_seen")) or () if (label := _label(c, n))
    )
    untranscribed = _positions(c, items.get("untranscribed"))
    if level is None or count is None:
        return None
    info = LevelInfo(
        level=cast("Level", level),
        count=count,
        confidence=confidence,
        source=source,
        names_seen=names,
    )
    return info, untranscribed, items.get("untranscribed", mapping)


def _read_levels(c: Collector, node: Node) -> dict[int, tuple[LevelInfo, list[int], Node]]:
    levels: dict[int, tuple[LevelInfo, list[int], Node]] = {}
    sequence = c.sequence(node)
    for entry in sequence or ():
        read = _read_level(c, entry)
        if read is None:
            continue
        if read[0].level in levels:
            c.add(
                entry,
                "duplicate-id",
                f"level {read[0].level} is described twice",
                f"第{read[0].level}层级被重复描述",
            )
            continue
        levels[read[0].level] = read
    if sequence is not None and not c.has_errors:
        for level in (1, 2, 3):
            if level not in levels:
                c.add(
                    node,
                    "missing-key",
                    f"level {level} ({LEVEL_NAMES[level][1]}) is missing from levels",
                    f"levels 中缺少第{level}层级（{LEVEL_NAMES[level][0]}）",
                )
    return levels


def _read_node(
    c: Collector, key: Scalar, node: Node, counts: AbstractMapping[int, LevelInfo]
) -> TreeNode | None:
    match = _NODE_ID.match(key.value) if isinstance(key.value, str) else None
    if match is None:
        c.add(
            key,
            "bad-id",
            f"a node id is area-N (一级), group-N (二级) or item-N (三级); found {key.text!r}",
            f"节点编号应为 area-N（一级）、group-N（二级）或 item-N（三级），实际为“{key.text}”",
        )
        return None
    level, position = _LEVEL_OF_WORD[match.group(1)], int(match.group(2))
    info = counts.get(level)
    if info is not None and position > info.count:
        c.add(
            key,
            "tree-count",
            f"{key.text} lies beyond the {info.count} {LEVEL_NAMES[level][1]}s of this edition",
            f"{key.text} 超出本版{info.count}项{LEVEL_NAMES[level][0]}的范围",
        )
    mapping = c.mapping(node)
    if mapping is None or not c.keys(mapping, allowed=_NODE_KEYS):
        return None
    items = mapping.items
    if "name" in items and "summary" in items:
        c.add(
            items["summary"],
            "conflict",
            "give either name (the official name) or summary (a paraphrase), not both",
            "name（正式名称）与 summary（概述）只能给出其一",
        )
    elif "name" not in items and "summary" not in items:
        c.add(
            mapping,
            "missing-key",
            f"{key.text} needs a name (the official name) or a summary (a paraphrase)",
            f"{key.text} 需要给出 name（正式名称）或 summary（概述）",
            path=f"{mapping.path}.name" if mapping.path else "name",
        )
    label = _label(c, items.get("name", items.get("summary")))
    parent = _scalar_text(c, items.get("parent"))
    if parent is not None and level == 1:
        c.add(
            items["parent"],
            "wrong-level",
            f"{key.text} is a {LEVEL_NAMES[1][1]} and has no parent",
            f"{key.text} 为{LEVEL_NAMES[1][0]}，不应有上级",
        )
    quotes = tuple(q for n in c.sequence(items.get("quotes")) or () if (q := c.text(n)))
    return TreeNode(
        id=key.value,
        level=cast("Level", level),
        position=position,
        parent=parent if level > 1 else None,
        printed=_scalar_text(c, items.get("printed")),
        name=label,
        paraphrased="summary" in items,
        quotes=quotes,
        confidence=_confidence(
            c, items.get("confidence"), info.confidence if info is not None else "high"
        ),
        source=_source(c, items["source"]) if "source" in items else None,
    )


def _check_parents(
    c: Collector, nodes: AbstractMapping[str, TreeNode], where: AbstractMapping[str, Mapping]
) -> None:
    """A parent must be a written node one level up."""
    for node in nodes.values():
        if node.parent is None:
            continue
        at = where[node.id].items["parent"]
        wanted = LEVEL_WORDS[node.level - 1]
        if node.parent not in nodes:
            known = [n for n in nodes if n.startswith(f"{wanted}-")]
            c.unknown(at, "parent node", "上级节点", node.parent, known, code="unknown-id")
        elif nodes[node.parent].level != node.level - 1:
            c.add(
                at,
                "wrong-level",
                f"the parent of {node.id} must be a {LEVEL_NAMES[node.level - 1][1]}"
                f" ({wanted}-N); found {node.parent}",
                f"{node.id} 的上级应为{LEVEL_NAMES[node.level - 1][0]}（{wanted}-N），"
                f"实际为 {node.parent}",
            )


def _check_positions(
    c: Collector,
    level: int,
    info: tuple[LevelInfo, list[int], Node],
    written: list[int],
) -> None:
    """Every position 1…count once: as a written node or as untranscribed."""
    level_info, untranscribed, at = info
    seen = sorted(written + untranscribed)
    twice = sorted({p for p in seen if seen.count(p) > 1})
    missing = [p for p in range(1, level_info.count + 1) if p not in seen]
    beyond = sorted({p for p in untranscribed if p > level_info.count})
    zh, en = LEVEL_NAMES[level]
    if twice:
        shown = ", ".join(map(str, twice))
        c.add(
            at,
            "tree-count",
            f"{en} positions {shown} are both written as nodes and untranscribed, or listed twice",
            f"{zh}第{shown}项既作为节点写出又列为未录入，或被列出两次",
        )
    if missing:
        shown = _ranges(missing)
        c.add(
            at,
            "tree-count",
            f"{en} positions {shown} of {level_info.count} are neither nodes nor untranscribed",
            f"{zh}共{level_info.count}项，第{shown}项既未写出也未列为未录入",
        )
    if beyond:
        shown = _ranges(beyond)
        c.add(
            at,
            "tree-count",
            f"untranscribed {en} positions {shown} lie beyond the count {level_info.count}",
            f"未录入的{zh}第{shown}项超出总数{level_info.count}",
        )


def _ranges(positions: list[int]) -> str:
    """``[4, 5, 6, 9]`` as ``4-6, 9``."""
    runs: list[list[int]] = []
    for p in positions:
        if runs and p == runs[-1][1] + 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _build(c: Collector, root: Mapping) -> Edition | None:
    required = ("id", "name", "confidence", "source", "levels", "nodes")
    if not c.keys(root, required=required, allowed=_TOP_KEYS):
        return None
    items = root.items
    edition_id = _scalar_text(c, items["id"])
    if edition_id is not None and not _EDITION_ID.match(edition_id):
        c.add(
            items["id"],
            "bad-id",
            f"an edition id is lower-case letters, digits and hyphens, found {edition_id!r}",
            f"版本编号应由小写字母、数字和连字符组成，实际为“{edition_id}”",
        )
    name = _label(c, items["name"])
    issuer = _label(c, items["issuer"]) if "issuer" in items else None
    confidence = _confidence(c, items["confidence"], "high")
    source = _source(c, items["source"])
    additional = _read_additional(c, items.get("additional"))
    levels = _read_levels(c, items["levels"])
    infos = {level: read[0] for level, read in levels.items()}
    nodes: dict[str, TreeNode] = {}
    where: dict[str, Mapping] = {}
    for _, key, value in c.entries(items["nodes"]):
        built = _read_node(c, key, value, infos)
        if built is not None and isinstance(value, Mapping):
            nodes[built.id] = built
            where[built.id] = value
    _check_parents(c, nodes, where)
    for level, read in levels.items():
        _check_positions(c, level, read, [n.position for n in nodes.values() if n.level == level])
    if c.has_errors or edition_id is None or name is None or source is None:
        return None
    every: dict[str, TreeNode] = {}
    for level in (1, 2, 3):
        info, untranscribed, _ = levels[level]
        slots = {n.position: n for n in nodes.values() if n.level == level}
        for position in untranscribed:
            slots[position] = TreeNode(
                id=node_id(level, position),
                level=info.level,
                position=position,
                transcribed=False,
                confidence=info.confidence,
            )
        every.update((slots[p].id, slots[p]) for p in sorted(slots))
    return Edition(
        id=edition_id,
        name=name,
        issuer=issuer,
        confidence=confidence,
        source=source,
        levels=tuple(levels[level][0] for level in (1, 2, 3)),
        nodes=every,
        additional=additional,
        file=c.file,
    )


def _read_additional(c: Collector, node: Node | None) -> Additional | None:
    mapping = c.mapping(node) if node is not None else None
    if mapping is None or not c.keys(
        mapping, required=("count", "name"), allowed=("count", "name")
    ):
        return None
    count = c.integer(mapping.items["count"], minimum=1)
    name = _label(c, mapping.items["name"])
    return Additional(count=count, name=name) if count is not None and name else None


def read_trees(folder: Path) -> tuple[dict[str, Edition], list[Problem]]:
    """Every edition in ``folder`` (none when it does not exist), with all problems found."""
    editions: dict[str, Edition] = {}
    problems: list[Problem] = []
    files: dict[str, str | None] = {}
    for c, tree in read_yaml_folder(folder):
        root = c.mapping(tree) if tree is not None else None
        edition = _build(c, root) if root is not None else None
        if edition is not None and edition.id in editions and root is not None:
            c.add(
                root.items["id"],
                "duplicate-id",
                f"edition {edition.id!r} is also described in {files[edition.id]}",
                f"版本“{edition.id}”已在 {files[edition.id]} 中描述",
            )
        elif edition is not None:
            editions[edition.id] = edition
            files[edition.id] = c.file
        problems.extend(c.problems)
    return editions, problems


def load_tree(path: Path) -> Edition:
    """Load one tree file.

    Raises:
        InputError: listing every problem of the file, each located.
    """
    c, tree = read_yaml_checked(path)
    root = c.mapping(tree) if tree is not None else None
    edition = _build(c, root) if root is not None else None
    if edition is None or c.has_errors:
        raise InputError(c.problems)
    return edition


def read_node_reference(
    c: Collector, node: Node, trees: AbstractMapping[str, Edition]
) -> str | None:
    """A profile item's ``node:``, checked: a known edition, a known 三级 item.

    Items attach to 三级 items only: the official table scores at that level, and
    a tree's coverage counts 三级 items.  An item written against a 二级 or 一级
    node is a problem that lists the 三级 items known under it.
    """
    text = _scalar_text(c, node)
    if text is None:
        return None
    parts = split_reference(text)
    if parts is None:
        close = [f"{e}/{text}" for e in trees if text in trees[e].nodes]
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        hint_zh = f"；是否想输入{'或'.join(close)}？" if close else ""
        c.add(
            node,
            "bad-choice",
            f"a node is written edition/node id, such as 2021/item-3; found {text!r}{hint}",
            f"节点应写作“版本/节点编号”，如 2021/item-3，实际为“{text}”{hint_zh}",
        )
        return None
    edition_id, wanted = parts
    if edition_id not in trees:
        c.unknown(node, "tree edition", "指标体系版本", edition_id, trees, code="unknown-id")
        return None
    edition = trees[edition_id]
    if wanted not in edition.nodes:
        known = [f"{edition_id}/{n.id}" for n in edition.level(3)]
        c.unknown(node, "tree node", "指标体系节点", text, known, code="unknown-id")
        return None
    found = edition.nodes[wanted]
    if found.level != 3:
        under = _items_under(edition, found.id)
        hint = f"; the level-3 items known under it: {', '.join(under)}" if under else ""
        hint_zh = f"；其下已知的三级指标：{'、'.join(under)}" if under else ""
        c.add(
            node,
            "wrong-level",
            f"{text} is a {LEVEL_NAMES[found.level][1]}; a profile item attaches to a"
            f" {LEVEL_NAMES[3][1]}{hint}",
            f"{text} 为{LEVEL_NAMES[found.level][0]}；评分项只能挂接到{LEVEL_NAMES[3][0]}{hint_zh}",
        )
        return None
    return text


def _items_under(edition: Edition, node_id: str) -> list[str]:
    """The 三级 items known to sit under ``node_id``, as references."""
    found: list[str] = []
    for child in edition.children(node_id):
        if child.level == 3:
            found.append(f"{edition.id}/{child.id}")
        else:
            found.extend(_items_under(edition, child.id))
    return found
