"""List an edition of the indicator tree for people (text) and programs (JSON).

``fazhi tree`` prints what is known of an official table: its counts, the nodes
transcribed, and each run of untranscribed positions on one line, so that a
table of 100 items of which 3 are known reads as four lines, not a hundred.
Chinese is the default; rich measures Chinese characters as two columns wide,
so the columns line up in a terminal.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from fazhi_indicators.tree import LEVEL_NAMES, Edition, Node, TreeSource

__all__ = ["CONFIDENCE_NAMES", "edition_json", "edition_text", "editions_text"]

#: How sure a count or a node is, in Chinese and English.
CONFIDENCE_NAMES: Mapping[str, tuple[str, str]] = {
    "high": ("高", "high"),
    "medium": ("中", "medium"),
    "low": ("低", "low"),
}


def _t(lang: str, en: str, zh: str) -> str:
    return zh if lang == "zh" else en


def _confidence(value: str, lang: str) -> str:
    return CONFIDENCE_NAMES[value][0 if lang == "zh" else 1]


def _runs(edition: Edition, level: int) -> Iterator[Node | tuple[Node, Node]]:
    """A level's nodes in order, each run of untranscribed ones as (first, last)."""
    run: list[Node] = []
    for node in edition.level(level):
        if not node.transcribed:
            run.append(node)
            continue
        if run:
            yield run[0], run[-1]
            run = []
        yield node
    if run:
        yield run[0], run[-1]


def _row(entry: Node | tuple[Node, Node], lang: str) -> tuple[str, str, str, str]:
    if isinstance(entry, Node):
        parent = entry.parent or "—"
        return entry.id, parent, entry.title(lang), _confidence(entry.confidence, lang)
    first, last = entry
    zh, en = LEVEL_NAMES[first.level]
    span = first.id if first is last else f"{first.id} … {last.id}"
    count = last.position - first.position + 1
    if first is last:
        title = _t(lang, f"{en} {first.position}", f"{zh}第{first.position}项")
    else:
        title = _t(
            lang,
            f"{en}s {first.position}–{last.position}",
            f"{zh}第{first.position}–{last.position}项",
        )
    title += _t(lang, f": not transcribed ({count})", f"：未录入（{count}项）")
    return span, "?", title, _confidence(first.confidence, lang)


def _source_line(source: TreeSource, lang: str) -> str:
    parts = [p for p in (source.title, source.url) if p]
    return _t(lang, "Source: ", "来源：") + " ".join(parts)


def _console(buffer: io.StringIO, width: int) -> Console:
    return Console(
        file=buffer,
        width=width,
        color_system=None,
        force_terminal=False,
        highlight=False,
        emoji=False,
        markup=False,
    )


def edition_text(edition: Edition, lang: str = "zh", width: int = 120) -> str:
    """The edition as a terminal listing: counts, then every level's nodes and gaps."""
    buffer = io.StringIO()
    console = _console(buffer, width)
    console.print(f"{edition.id} — {edition.name.get(lang)}")
    if edition.issuer is not None:
        console.print(_t(lang, "Issued by: ", "发布机关：") + edition.issuer.get(lang))
    console.print(_source_line(edition.source, lang))
    for info in edition.levels:
        zh, en = LEVEL_NAMES[info.level]
        done = edition.transcribed(info.level)
        console.print(
            _t(
                lang,
                f"{en}s: {info.count} ({done} transcribed;"
                f" confidence {_confidence(info.confidence, lang)})",
                f"{zh}：{info.count}项（已录入{done}项；"
                f"可信度：{_confidence(info.confidence, lang)}）",
            )
        )
    if edition.additional is not None:
        extra = edition.additional
        console.print(
            _t(
                lang,
                f"Also {extra.count} {extra.name.en}, not transcribed",
                f"另有{extra.name.zh}{extra.count}项，未录入",
            )
        )
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for header in _t(lang, "Node|Parent|Name|Confidence", "节点|上级|名称|可信度").split("|"):
        table.add_column(header, overflow="fold")
    for level in (1, 2, 3):
        for entry in _runs(edition, level):
            table.add_row(*_row(entry, lang))
        table.add_section()
    console.print(table)
    for info in edition.levels:
        if info.names_seen:
            zh, en = LEVEL_NAMES[info.level]
            names = _t(lang, "; ", "；").join(n.get(lang) for n in info.names_seen)
            console.print(
                _t(
                    lang,
                    f"{en} names reported, place in the table not known: {names}",
                    f"来源提到的{zh}名称（在表中的位次不明）：{names}",
                )
            )
    console.print(
        _t(
            lang,
            f"A profile item names a level-3 item as node: {edition.id}/item-N.",
            f"评分项以 node: {edition.id}/item-N 挂接到三级指标。",
        )
    )
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def editions_text(editions: Mapping[str, Edition], lang: str = "zh") -> str:
    """One line per edition: id, name, the counts of each level and how many are transcribed."""
    lines = []
    for edition in editions.values():
        counts = "/".join(str(info.count) for info in edition.levels)
        done = sum(edition.transcribed(level) for level in (1, 2, 3))
        lines.append(
            _t(
                lang,
                f"{edition.id:<8} {edition.name.en} — levels {counts}, {done} nodes transcribed",
                f"{edition.id:<8} {edition.name.zh} — 一级/二级/三级 {counts}，已录入{done}个节点",
            )
        )
    return "".join(f"{line}\n" for line in lines)


def _source_json(source: TreeSource | None) -> dict[str, Any] | None:
    if source is None:
        return None
    return {"title": source.title, "url": source.url, "note": source.note}


def edition_json(edition: Edition) -> str:
    """The edition as JSON (schema ``fazhi.tree/1``): every node, transcribed or not."""
    document = {
        "schema": "fazhi.tree/1",
        "id": edition.id,
        "name": {"zh": edition.name.zh, "en": edition.name.en},
        "confidence": edition.confidence,
        "source": _source_json(edition.source),
        "additional": None
        if edition.additional is None
        else {"count": edition.additional.count, "name": edition.additional.name.zh},
        "levels": [
            {
                "level": info.level,
                "count": info.count,
                "transcribed": edition.transcribed(info.level),
                "confidence": info.confidence,
                "source": _source_json(info.source),
                "names_seen": [{"zh": n.zh, "en": n.en} for n in info.names_seen],
            }
            for info in edition.levels
        ],
        "nodes": [
            {
                "id": n.id,
                "level": n.level,
                "position": n.position,
                "parent": n.parent,
                "transcribed": n.transcribed,
                "printed": n.printed,
                "name": None if n.name is None else {"zh": n.name.zh, "en": n.name.en},
                "paraphrased": n.paraphrased,
                "quotes": list(n.quotes),
                "confidence": n.confidence,
                "source": _source_json(n.source),
            }
            for n in edition.nodes.values()
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
