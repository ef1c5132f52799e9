"""Private: the one place loaders build problems, collect them and read files.

Every loader reports through a :class:`Collector` (problems gathered in one pass,
never raised one at a time), builds problems with :func:`problem`, and reads
files with :func:`read_bytes` or :func:`read_text`, so that a missing file, a
folder, a permission error, an oversized file or a wrong encoding reads the same
from every loader.  Each ``Collector`` helper returns the value when a node has
the right shape, or records what was expected, what was found and where, and
returns ``None``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterator
from fractions import Fraction
from pathlib import Path

from fazhi_indicators._load.tree import Mapping, Node, Scalar, Sequence
from fazhi_indicators.errors import InputError, Problem, Severity, did_you_mean
from fazhi_indicators.exact import parse_ratio

__all__ = [
    "MAX_FILE_BYTES",
    "Collector",
    "describe",
    "describe_zh",
    "file_error",
    "problem",
    "read_bytes",
    "read_text",
]

#: Upper bound on a YAML input file's size: real county-year and catalogue files are
#: a few kilobytes, so anything this large is a mistake, refused before reading.
MAX_FILE_BYTES = 2_000_000

_ID = re.compile(r"^[a-z][a-z0-9_]*$")

#: How a size limit is explained, by kind of file: the plural noun and a hint.
_LIMITS = {
    "county-year": (
        "input files",
        " (a county-year file is a few kilobytes)",
        "",
        "（县年度数据文件通常只有几KB）",
    ),
    "panel": ("panels", "", "面板文件", ""),
}


def problem(  # noqa: PLR0913 - a problem has this many parts
    code: str,
    en: str,
    zh: str,
    *,
    file: str | None,
    line: int | None = None,
    column: int | None = None,
    path: str = "",
    severity: Severity = "error",
) -> Problem:
    """One located problem, in English and Chinese."""
    return Problem(
        code=code,
        message=en,
        message_zh=zh,
        file=file,
        line=line,
        column=column,
        path=path,
        severity=severity,
    )


def file_error(file: str, code: str, en: str, zh: str) -> InputError:
    """An error about a whole file (it cannot be read, is too large, is empty...)."""
    return InputError([problem(code, en, zh, file=file)])


def read_bytes(path: Path, *, limit: int = MAX_FILE_BYTES, what: str = "county-year") -> bytes:
    """A file's bytes, or :class:`InputError` naming why it cannot be read.

    ``what`` (``county-year`` or ``panel``) chooses how the size limit is explained.

    The size is checked before reading, so a huge file costs nothing; a folder,
    a missing file and a permission error are problems, never ``OSError``.
    """
    shown = str(path)
    try:
        if path.is_dir():
            raise file_error(
                shown,
                "unreadable",
                "expected a file, found a folder",
                "应为文件，实际为文件夹",
            )
        size = path.stat().st_size
        if size > limit:
            raise file_error(
                shown,
                "file-too-large",
                f"the file is {size:,} bytes; {_LIMITS[what][0]} are limited to {limit:,} bytes"
                + _LIMITS[what][1],
                f"文件大小为{size:,}字节，超过{_LIMITS[what][2]}上限{limit:,}字节{_LIMITS[what][3]}",
            )
        return path.read_bytes()
    except OSError as exc:
        raise file_error(
            shown,
            "unreadable",
            f"cannot read the file: {exc.strerror}",
            f"无法读取文件：{exc.strerror}",
        ) from None


def read_text(path: Path) -> str:
    """Read a UTF-8 file (a byte-order mark is allowed) or explain why not."""
    shown = str(path)
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if _looks_like_gb18030(data):
            raise file_error(
                shown,
                "not-utf8",
                "the file is not UTF-8; it may be GB18030/GBK, as Chinese Windows saves files."
                " Save it as UTF-8 (e.g. iconv -f GB18030 -t UTF-8 in.yaml > out.yaml)",
                "文件不是 UTF-8 编码，可能是 GB18030/GBK（中文 Windows 默认）。"
                "请另存为 UTF-8（如 iconv -f GB18030 -t UTF-8 in.yaml > out.yaml）",
            ) from None
        raise file_error(
            shown,
            "not-utf8",
            f"the file is not UTF-8 (byte {exc.start} cannot be decoded);"
            " save it as UTF-8 and try again",
            f"文件不是 UTF-8 编码（第{exc.start}字节无法解码）；请另存为 UTF-8 后重试",
        ) from None


def _looks_like_gb18030(data: bytes) -> bool:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


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
            problem(
                code,
                en,
                zh,
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

    def choice(self, node: Node | None, options: Collection[str], default: str) -> str:
        """One of ``options`` (``default`` when absent or wrong, after a problem)."""
        if node is None:
            return default
        value = self.text(node)
        if value is None:
            return default
        if value not in options:
            self.add(
                node,
                "bad-choice",
                f"expected one of {', '.join(options)}, found {value!r}",
                f"应为 {'、'.join(options)} 之一，实际为“{value}”",
            )
            return default
        return value

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
