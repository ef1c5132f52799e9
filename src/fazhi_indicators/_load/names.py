"""Private: a key may be an id or the catalogue's Chinese name for it.

A clerk who copies 执法资格考试通过人数 from the catalogue should not have to
learn ``enforcement.exam_passed``.  County-year files (under ``values:``,
``stated:`` and ``notes:``), panel headers and template rows all read their keys
here, so that a Chinese name, a name two entries share, or one item given twice
under two names is answered the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Literal

from fazhi_indicators._load.reader import Collector
from fazhi_indicators._load.tree import Node, Scalar
from fazhi_indicators.definitions import Catalog

__all__ = ["Kind", "Names"]

#: What a key may name: a field (a reported figure) or an indicator (a rate).
Kind = Literal["field", "indicator"]


class Names:
    """The catalogue's ids and Chinese names, looked up as keys are read.

    The Chinese names are indexed only when a key is not an id, so a file written
    with ids (every panel row of a large province) costs nothing more.
    """

    def __init__(self, catalog: Catalog) -> None:
        """Index nothing yet."""
        self._catalog = catalog
        self._chinese: dict[Kind, dict[str, list[str]]] | None = None

    def _index(self) -> dict[Kind, dict[str, list[str]]]:
        if self._chinese is None:
            index: dict[Kind, dict[str, list[str]]] = {"field": {}, "indicator": {}}
            for field in self._catalog.fields.values():
                index["field"].setdefault(field.name.zh.strip(), []).append(field.id)
            for indicator in self._catalog.indicators.values():
                index["indicator"].setdefault(indicator.name.zh.strip(), []).append(indicator.id)
            self._chinese = index
        return self._chinese

    def _ids(self, kind: Kind) -> Collection[str]:
        return self._catalog.fields if kind == "field" else self._catalog.indicators

    def chinese(self, kinds: tuple[Kind, ...]) -> list[str]:
        """Every Chinese name of ``kinds``, for suggestions."""
        return [name for kind in kinds for name in self._index()[kind]]

    def known(self, wanted: str, ids: Collection[str], kinds: tuple[Kind, ...]) -> list[str]:
        """What a misspelt key is compared with: the ids, and the Chinese names when it is Chinese.

        An English typo is answered with ids only, as before; a key with any
        character beyond ASCII was most likely copied from a Chinese name.
        """
        if wanted.isascii():
            return list(ids)
        return [*self.chinese(kinds), *ids]

    def resolve(
        self, c: Collector, key: str, at: Node | None, kinds: tuple[Kind, ...]
    ) -> str | None:
        """The id ``key`` names, trying ``kinds`` in order; ``key`` itself when it names none.

        Ids first, then Chinese names, kind after kind: under ``values:`` a
        field's name wins over an indicator's, which is then told where rates go.
        ``None`` after reporting at ``at`` a Chinese name that two entries of one
        kind bear: which one was meant cannot be guessed.
        """
        for kind in kinds:
            if key in self._ids(kind):
                return key
        text = key.strip()
        for kind in kinds:
            ids = self._index()[kind].get(text, [])
            if len(ids) == 1:
                return ids[0]
            if ids:
                self._ambiguous(c, text, ids, at)
                return None
        return key

    def resolve_any(self, c: Collector, key: str, at: Node | None) -> str | None:
        """Like :meth:`resolve`, but a name both a field and an indicator bear is ambiguous."""
        if key in self._catalog.fields or key in self._catalog.indicators:
            return key
        text = key.strip()
        index = self._index()
        ids = [*index["field"].get(text, []), *index["indicator"].get(text, [])]
        if len(ids) > 1:
            self._ambiguous(c, text, ids, at)
            return None
        return ids[0] if ids else key

    @staticmethod
    def _ambiguous(c: Collector, name: str, ids: list[str], at: Node | None) -> None:
        c.add(
            at,
            "ambiguous-name",
            f"{name!r} is the Chinese name of {' and '.join(ids)}; write the id of the one meant",
            f"“{name}”同时是 {' 和 '.join(ids)} 的中文名称；请改写为所指项目的编号",
        )

    def entries(
        self, c: Collector, node: Node | None, kinds: tuple[Kind, ...] | Literal["any"]
    ) -> Iterator[tuple[str, Scalar, Node]]:
        """``(id, key node, value node)`` of a mapping whose keys are ids or Chinese names.

        A key that names no entry is passed on as written, for the caller to report
        with its suggestions; one item given twice (by its id and by its name) is
        reported at the second key, and the first is kept.
        """
        first: dict[str, Scalar] = {}
        for key, key_node, value_node in c.entries(node):
            found = (
                self.resolve_any(c, key, key_node)
                if kinds == "any"
                else self.resolve(c, key, key_node, kinds)
            )
            if found is None:
                continue
            if found in first:
                other = first[found]
                c.add(
                    key_node,
                    "duplicate-key",
                    f"{key!r} and {other.value!r} (line {other.line}) both name {found}; keep one",
                    f"“{key}”与“{other.value}”（第{other.line}行）指同一项 {found}；请只保留一个",
                )
                continue
            first[found] = key_node
            yield found, key_node, value_node
