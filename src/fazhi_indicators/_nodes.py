"""Typed reading of located YAML nodes, collecting problems instead of raising.

Each ``expect_*`` helper returns the value when the node has the right shape,
or records a :class:`~fazhi_indicators.errors.Problem` (what was expected, what
was found, where) and returns ``None``, so that a whole file is checked in one
pass.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterator
from fractions import Fraction

from fazhi_indicators._yaml import Mapping, Node, Scalar, Sequence
from fazhi_indicators.errors import Problem, Severity, did_you_mean
from fazhi_indicators.exact import parse_ratio

__all__ = ["Collector", "describe"]

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def _describe_both(node: Node) -> tuple[str, str]:
    if isinstance(node, Mapping):
        return "a mapping", "映射"
    if isinstance(node, Sequence):
        return "a list", "列表"
    value = node.value
    kinds = (
        (type(None), "nothing (null)", "空值（null）"),
        (bool, "yes/no value", "布尔值"),
        (int | float, "number", "数字"),
        (dt.date, "date", "日期"),
    )
    for kind, en, zh in kinds:
        if isinstance(value, kind):
            return (en, zh) if value is None else (f"{en} {node.text}", f"{zh} {node.text}")
    return f'text "{node.text}"', f"文本“{node.text}”"


def describe(node: Node) -> str:
    """How a value looks to a person: ``text "443"``, ``number 4.5``, ``a list``."""
    return _describe_both(node)[0]


def describe_zh(node: Node) -> str:
    """Chinese counterpart of :func:`describe`."""
    return _describe_both(node)[1]


class Collector:
    """Problems of one file, gathered in order."""

    def __init__(self, file: str | None) -> None:
        """Start with no problems."""
        self.file = file
        self.problems: list[Problem] = []

    @property
    def has_errors(self) -> bool:
        """Whether any problem is an error (not just a warning)."""
        return any(p.severity == "error" for p in self.problems)

    def add(  # noqa: PLR0913 - a problem has this many parts
        self,
        node: Node | None,
        code: str,
        en: str,
        zh: str,
        *,
        path: str | None = None,
        severity: Severity = "error",
    ) -> None:
        """Record one problem at ``node`` (or the whole file when ``None``)."""
        self.problems.append(
            Problem(
                code=code,
                message=en,
                message_zh=zh,
                file=self.file,
                line=node.line if node is not None else None,
                column=node.column if node is not None else None,
                path=path if path is not None else (node.path if node is not None else ""),
                severity=severity,
            )
        )

    def wrong_type(self, node: Node, expected: str, expected_zh: str) -> None:
        """Record that ``node`` is not of the expected kind."""
        self.add(
            node,
            "wrong-type",
            f"expected {expected}, found {describe(node)}",
            f"应为{expected_zh}，实际为{describe_zh(node)}",
        )

    def mapping(self, node: Node | None, *, what: str = "a mapping") -> Mapping | None:
        """The node as a mapping, or a problem."""
        if isinstance(node, Mapping):
            return node
        if node is None:
            self.add(None, "empty-file", f"the file is empty; expected {what}", "文件为空")
        else:
            self.wrong_type(node, what, "映射（键: 值）")
        return None

    def keys(
        self,
        node: Mapping,
        *,
        required: Collection[str] = (),
        allowed: Collection[str],
    ) -> bool:
        """Check a mapping's keys: required ones present, no unknown ones."""
        ok = True
        for key in required:
            if key not in node.items:
                self.add(
                    node,
                    "missing-key",
                    f"required key {key!r} is missing",
                    f"缺少必填项“{key}”",
                    path=f"{node.path}.{key}" if node.path else key,
                )
                ok = False
        for key, key_node in node.keys.items():
            if key not in allowed:
                self.unknown(key_node, "key", "键", key, allowed)
                ok = False
        return ok

    def unknown(  # noqa: PLR0913 - all parts of the message
        self,
        node: Node | None,
        kind: str,
        kind_zh: str,
        wanted: str,
        known: Collection[str],
        *,
        code: str = "unknown-key",
    ) -> None:
        """Record an unknown name with the closest known ones."""
        close = did_you_mean(wanted, known)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        hint_zh = f"；是否想输入{'或'.join(f'“{c}”' for c in close)}？" if close else ""
        self.add(
            node, code, f"unknown {kind} {wanted!r}{hint}", f"未知的{kind_zh}“{wanted}”{hint_zh}"
        )

    def text(self, node: Node | None) -> str | None:
        """A non-empty string."""
        if node is None:
            return None
        if isinstance(node, Scalar) and isinstance(node.value, str) and node.value.strip():
            return node.value
        if isinstance(node, Scalar) and isinstance(node.value, str):
            self.add(
                node,
                "wrong-type",
                "expected text, found nothing but blanks",
                "应为文本，实际为空白",
            )
            return None
        self.wrong_type(node, "text", "文本")
        return None

    def identifier(self, node: Node | None) -> str | None:
        """A snake_case name such as ``exam_passed``."""
        text = self.text(node)
        if text is not None and node is not None and not _ID.match(text):
            self.add(
                node,
                "bad-id",
                f"expected a snake_case name, found {text!r}",
                f"应为小写字母、数字和下划线组成的名称，实际为“{text}”",
            )
            return None
        return text

    def integer(self, node: Node | None, *, minimum: int | None = None) -> int | None:
        """A whole number (not a boolean, not text, not a decimal)."""
        if node is None:
            return None
        if not (
            isinstance(node, Scalar)
            and isinstance(node.value, int)
            and not isinstance(node.value, bool)
        ):
            hint = hint_zh = ""
            if isinstance(node, Scalar) and isinstance(node.value, str) and node.value.isdigit():
                hint, hint_zh = "; write it without quotes", "；请去掉引号"
            self.add(
                node,
                "wrong-type",
                f"expected a whole number, found {describe(node)}{hint}",
                f"应为整数，实际为{describe_zh(node)}{hint_zh}",
            )
            return None
        if minimum is not None and node.value < minimum:
            self.add(
                node,
                "out-of-range",
                f"expected a whole number of at least {minimum}, found {node.value}",
                f"应为不小于{minimum}的整数，实际为{node.value}",
            )
            return None
        return int(node.value)

    def number(self, node: Node | None) -> Fraction | None:
        """An exact number: ``80``, ``2.5``, ``"80%"`` or ``"9/10"`` (never via float)."""
        if node is None:
            return None
        if (
            isinstance(node, Scalar)
            and not isinstance(node.value, bool)
            and isinstance(node.value, int | float | str)
        ):
            try:
                return parse_ratio(node.text)
            except ValueError:
                pass
        self.add(
            node,
            "bad-number",
            f'expected a number such as 80, 2.5, "90%" or "9/10", found {describe(node)}',
            f'应为数值（如 80、2.5、"90%"、"9/10"），实际为{describe_zh(node)}',
        )
        return None

    def boolean(self, node: Node | None) -> bool | None:
        """``true`` or ``false``."""
        if node is None:
            return None
        if isinstance(node, Scalar) and isinstance(node.value, bool):
            return node.value
        self.wrong_type(node, "true or false", "布尔值（true 或 false）")
        return None

    def sequence(self, node: Node | None) -> tuple[Node, ...] | None:
        """A list (a single scalar is not promoted)."""
        if node is None:
            return None
        if isinstance(node, Sequence):
            return node.items
        self.wrong_type(node, "a list", "列表")
        return None

    def entries(self, node: Node | None) -> Iterator[tuple[str, Scalar, Node]]:
        """``(key, key node, value node)`` of a mapping, or nothing after a problem."""
        mapping = self.mapping(node) if node is not None else None
        if mapping is None:
            return
        for key, value in mapping.items.items():
            yield key, mapping.keys[key], value
