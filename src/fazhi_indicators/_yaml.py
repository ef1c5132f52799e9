"""Read YAML into a tree that remembers where every value was written.

PyYAML's ``safe_load`` forgets line numbers and silently keeps the last of two
duplicate keys, which loses data.  We compose the node graph with the safe
(C, when available) loader instead, refuse duplicate keys, and keep each
scalar's source text so that ``64.10%`` keeps its two decimals.  cattrs is not
used here because its errors cannot carry line and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from attrs import field, frozen
from yaml.constructor import SafeConstructor

from fazhi_indicators.errors import InputError, Problem

__all__ = ["Mapping", "Node", "Scalar", "Sequence", "parse_yaml", "read_yaml_file"]

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

#: The tags plain YAML resolves to; any other tag (``!custom``, ``!!python/...``) is refused.
STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge")
)

#: Upper bound on nodes visited, so that alias bombs end with an error.
MAX_NODES = 50_000
#: Upper bound on nesting, far beyond any real file, so deep nesting ends with an error.
MAX_DEPTH = 64
#: Upper bound on a YAML input file's size: real county-year and catalogue files are
#: a few kilobytes, so anything this large is a mistake, refused before parsing.
MAX_FILE_BYTES = 2_000_000


@frozen(kw_only=True)
class _Located:
    line: int
    column: int
    path: str


@frozen(kw_only=True)
class Scalar(_Located):
    """A scalar with its resolved Python value and the text as written."""

    value: Any
    text: str
    quoted: bool


@frozen(kw_only=True)
class Mapping(_Located):
    """A mapping with string keys, in file order; ``keys`` locate each key."""

    items: dict[str, Node]
    keys: dict[str, Scalar] = field(factory=dict)


@frozen(kw_only=True)
class Sequence(_Located):
    """A list of nodes."""

    items: tuple[Node, ...]


Node = Scalar | Mapping | Sequence


class _Reader:
    def __init__(self, file: str | None) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.visited = 0
        self.constructor = SafeConstructor()

    def problem(self, node: yaml.Node | None, path: str, code: str, en: str, zh: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        column = node.start_mark.column + 1 if node is not None else None
        self.problems.append(
            Problem(
                code=code,
                message=en,
                message_zh=zh,
                file=self.file,
                line=line,
                column=column,
                path=path,
            )
        )

    def plain(self, node: yaml.Node, path: str) -> bool:
        """Refuse explicit tags: input files hold plain values, never objects."""
        if node.tag in STANDARD_TAGS:
            return True
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.problem(
            node,
            path,
            "bad-tag",
            f"YAML tags such as {tag!r} are not allowed; write plain values",
            f"不允许使用 YAML 标签“{tag}”；请直接填写数值或文本",
        )
        return False

    def within_limits(self, node: yaml.Node, path: str, depth: int) -> bool:
        """Stop at absurd depth or size (alias bombs) with one problem, not a hang."""
        self.visited += 1
        if depth > MAX_DEPTH:
            self.problem(
                node,
                path,
                "too-deep",
                f"values are nested more than {MAX_DEPTH} levels deep",
                f"嵌套层级超过{MAX_DEPTH}层",
            )
            return False
        if self.visited > MAX_NODES:
            if self.visited == MAX_NODES + 1:
                self.problem(
                    node,
                    path,
                    "too-large",
                    f"the document expands to more than {MAX_NODES} values (alias bomb?)",
                    f"文档展开后超过{MAX_NODES}个值（可能是别名炸弹）",
                )
            return False
        return True

    def convert(self, node: yaml.Node, path: str, depth: int = 0) -> Node | None:
        if not self.within_limits(node, path, depth) or not self.plain(node, path):
            return None
        where = {"line": node.start_mark.line + 1, "column": node.start_mark.column + 1}
        if isinstance(node, yaml.ScalarNode):
            try:
                value = self.constructor.construct_object(node, deep=True)
            except (yaml.YAMLError, ValueError, OverflowError) as exc:
                reason = getattr(exc, "problem", None) or str(exc)
                self.problem(
                    node,
                    path,
                    "bad-scalar",
                    f"cannot read the value {node.value!r}: {reason}",
                    f"无法读取该值“{node.value}”（{reason}）",
                )
                return None
            return Scalar(
                value=value, text=node.value, quoted=node.style in {"'", '"'}, path=path, **where
            )
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, child in enumerate(node.value):
                converted = self.convert(child, f"{path}[{index}]", depth + 1)
                if converted is not None:
                    items.append(converted)
            return Sequence(items=tuple(items), path=path, **where)
        if isinstance(node, yaml.MappingNode):
            return self.convert_mapping(node, path, where, depth)
        raise AssertionError(type(node))  # pragma: no cover - PyYAML has three node kinds

    def convert_mapping(
        self, node: yaml.MappingNode, path: str, where: dict[str, int], depth: int
    ) -> Mapping:
        items: dict[str, Node] = {}
        keys: dict[str, Scalar] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(
                    key_node,
                    path,
                    "merge-key",
                    "merge keys (<<) are not supported",
                    "不支持合并键（<<）",
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(
                    key_node, path, "bad-key", "a key must be a plain text", "键必须是普通文本"
                )
                continue
            key = key_node.value
            child_path = f"{path}.{key}" if path else key
            if key in items:
                first = keys[key]
                self.problem(
                    key_node,
                    child_path,
                    "duplicate-key",
                    f"duplicate key {key!r}: it was already given on line {first.line};"
                    " keep one of them",
                    f"重复的键“{key}”：第{first.line}行已经给出；请只保留一个",
                )
                continue
            keys[key] = Scalar(
                value=key,
                text=key,
                quoted=False,
                path=child_path,
                line=key_node.start_mark.line + 1,
                column=key_node.start_mark.column + 1,
            )
            converted = self.convert(value_node, child_path, depth + 1)
            if converted is not None:
                items[key] = converted
        return Mapping(items=items, keys=keys, path=path, **where)


def _too_deep(file: str | None, line: int | None, column: int | None) -> InputError:
    return InputError(
        [
            Problem(
                code="too-deep",
                message=f"values are nested more than {MAX_DEPTH} levels deep",
                message_zh=f"嵌套层级超过{MAX_DEPTH}层",
                file=file,
                line=line,
                column=column,
            )
        ]
    )


def _too_deep_at(text: str) -> tuple[int, int] | None:
    """Where the text first nests deeper than MAX_DEPTH, found without parsing it.

    libyaml recurses in C and can overflow the stack on absurd nesting, and the
    pure-Python scanner is quadratic in it, so such text is refused before parsing.
    Flow brackets are counted outside quotes and comments; block nesting shows as
    indentation (spaces and ``- `` markers) wider than four columns per level.
    """
    depth, quote = 0, ""
    for number, line in enumerate(text.splitlines(), start=1):
        prefix = len(line) - len(line.lstrip(" -?:"))
        if prefix > 4 * MAX_DEPTH:
            return number, 1
        for column, char in enumerate(line, start=1):
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char == "#":
                break
            elif char in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return number, column
            elif char in "]}":
                depth = max(depth - 1, 0)
    return None


def parse_yaml(text: str, file: str | None = None) -> Node | None:
    """Parse one YAML document; raise :class:`InputError` listing every problem.

    Returns ``None`` for an empty document.
    """
    reader = _Reader(file)
    deep = _too_deep_at(text)
    if deep is not None:
        raise _too_deep(file, *deep)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = " ".join(p for p in (exc.context, exc.problem) if p)
        raise InputError(
            [
                Problem(
                    code="yaml-syntax",
                    message=f"YAML syntax error: {detail}",
                    message_zh=f"YAML 语法错误：{detail}",
                    file=file,
                    line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None,
                )
            ]
        ) from None
    except RecursionError:
        raise _too_deep(file, None, None) from None
    except yaml.YAMLError as exc:
        raise InputError(
            [
                Problem(
                    code="yaml-syntax",
                    message=f"YAML error: {exc}",
                    message_zh=f"YAML 错误：{exc}",
                    file=file,
                )
            ]
        ) from None
    if root is None:
        return None
    tree = reader.convert(root, "")
    if reader.problems:
        raise InputError(reader.problems)
    return tree


def _file_error(file: str, code: str, en: str, zh: str) -> InputError:
    return InputError([Problem(code=code, message=en, message_zh=zh, file=file)])


def read_text(path: Path, shown: str) -> str:
    """Read a UTF-8 file (a byte-order mark is allowed) or explain why not."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _file_error(
                shown,
                "file-too-large",
                f"the file is {size:,} bytes; input files are limited to {MAX_FILE_BYTES:,}"
                " bytes (a county-year file is a few kilobytes)",
                f"文件大小为{size:,}字节，超过上限{MAX_FILE_BYTES:,}字节（县年度数据文件通常只有几KB）",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise _file_error(
            shown,
            "unreadable",
            f"cannot read the file: {exc.strerror}",
            f"无法读取文件：{exc.strerror}",
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if _looks_like_gb18030(data):
            raise _file_error(
                shown,
                "not-utf8",
                "the file is not UTF-8; it may be GB18030/GBK, as Chinese Windows saves files."
                " Save it as UTF-8 (e.g. iconv -f GB18030 -t UTF-8 in.yaml > out.yaml)",
                "文件不是 UTF-8 编码，可能是 GB18030/GBK（中文 Windows 默认）。"
                "请另存为 UTF-8（如 iconv -f GB18030 -t UTF-8 in.yaml > out.yaml）",
            ) from None
        raise _file_error(
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


def read_yaml_file(path: str | Path) -> Node | None:
    """Read and parse a YAML file, naming it in every problem."""
    shown = str(path)
    return parse_yaml(read_text(Path(path), shown), shown)
