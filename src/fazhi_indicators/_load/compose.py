"""Private: compose YAML text into the located tree (see the tree module).

PyYAML's ``safe_load`` forgets line numbers and silently keeps the last of two
duplicate keys, which loses data.  We compose the node graph with the safe
(C, when available) loader instead, refuse duplicate keys, and keep each
scalar's source text so that ``64.10%`` keeps its two decimals.  A duplicate key
is an error naming both lines, but it does not end the check: the first value is
kept, the second dropped, and the rest of the file is still checked, so that one
duplicate does not hide every other problem.  cattrs is not
used here because its errors cannot carry line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from fazhi_indicators._load.reader import Collector, problem, read_text
from fazhi_indicators._load.tree import Mapping, Node, Scalar, Sequence
from fazhi_indicators.errors import InputError

__all__ = ["parse_yaml", "read_yaml_checked", "read_yaml_file", "read_yaml_folder"]

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

#: The tags plain YAML resolves to; any other tag (``!custom``, ``!!python/...``) is refused.
STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge")
)

_STR = "tag:yaml.org,2002:str"

#: Problems after which the tree is still fit to check (nothing in it is lost or made up).
_NOT_FATAL = frozenset({"duplicate-key"})

#: Upper bound on nodes visited, so that alias bombs end with an error.
MAX_NODES = 50_000
#: Upper bound on nesting, far beyond any real file, so deep nesting ends with an error.
MAX_DEPTH = 64


class _Reader:
    def __init__(self, file: str | None) -> None:
        self.file = file
        self.collector = Collector(file)
        self.visited = 0
        self.constructor = SafeConstructor()

    def problem(self, node: yaml.Node, path: str, code: str, en: str, zh: str) -> None:
        self.collector.problems.append(
            problem(
                code,
                en,
                zh,
                file=self.file,
                line=node.start_mark.line + 1,
                column=node.start_mark.column + 1,
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
        file = self.file
        if isinstance(node, yaml.ScalarNode):
            try:
                # Text is itself (most scalars are); other tags go through the constructor.
                value = (
                    node.value
                    if node.tag == _STR
                    else self.constructor.construct_object(node, deep=True)
                )
            except (yaml.YAMLError, ValueError, OverflowError) as exc:
                reason = getattr(exc, "problem", None) or str(exc)
                dated = node.tag == "tag:yaml.org,2002:timestamp"
                self.problem(
                    node,
                    path,
                    "bad-scalar",
                    f"cannot read the value {node.value!r}: {reason}",
                    f"无法读取该值“{node.value}”"
                    + ("：没有这一天（请核对年、月、日）" if dated else "：格式无法识别"),
                )
                return None
            return Scalar(
                value=value,
                text=node.value,
                quoted=node.style in {"'", '"'},
                path=path,
                file=file,
                **where,
            )
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, child in enumerate(node.value):
                converted = self.convert(child, f"{path}[{index}]", depth + 1)
                if converted is not None:
                    items.append(converted)
            return Sequence(items=tuple(items), path=path, file=file, **where)
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
                file=self.file,
            )
            converted = self.convert(value_node, child_path, depth + 1)
            if converted is not None:
                items[key] = converted
        return Mapping(items=items, keys=keys, path=path, file=self.file, **where)


def _too_deep(file: str | None, line: int | None, column: int | None) -> InputError:
    return InputError(
        [
            problem(
                "too-deep",
                f"values are nested more than {MAX_DEPTH} levels deep",
                f"嵌套层级超过{MAX_DEPTH}层",
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
        # Only quotes, comments and brackets matter: visit those characters alone.
        for found in _SIGNIFICANT.finditer(line):
            char = found.group()
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char == "#":
                break
            elif char in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return number, found.start() + 1
            else:
                depth = max(depth - 1, 0)
    return None


#: The characters :func:`_too_deep_at` follows; every other one leaves its count as it is.
_SIGNIFICANT = re.compile(r"['\"#\[\]{}]")


def _at_end(mark: yaml.Mark | None, text: str) -> bool:
    """Whether a parser mark lies at the end of the text (only blanks after it)."""
    return mark is None or not text[mark.index :].strip()


#: What the YAML parser's (English) complaints mean, by a phrase each contains.
_SYNTAX_ZH: tuple[tuple[str, str], ...] = (
    ("tab character", "缩进里有制表符；请改用空格缩进"),
    (
        "cannot start any token",
        "此处的字符不能出现在开头（常见原因：用了制表符缩进）；请改用空格",
    ),
    ("end of stream", "文件在引号或括号闭合之前就结束了：请补上右引号或右括号"),
    ("',' or ']'", "缺少逗号或右方括号“]”"),
    ("',' or '}'", "缺少逗号或右花括号“}”"),
    ("expected ':'", "缺少冒号“:”"),
    (
        "mapping values are not allowed",
        "此处不能有冒号：冒号后要有空格，值中含冒号请加引号，并检查缩进",
    ),
    ("sequence entries are not allowed", "此处不能有列表项“-”；请检查缩进"),
    ("'-' indicator", "缩进不一致：此处应为以“-”开头的列表项"),
    ("expected key", "缩进不一致：同一层的键应左对齐"),
    ("<block end>", "缩进不一致：同一层的键应左对齐"),
    ("node content", "此处缺少值"),
    ("escape", "双引号内有无法识别的转义符（反斜杠 \\）；可改用单引号"),
    ("alias", "引用了未定义的别名（*名称）"),
    ("line break", "此处之后应当换行"),
    ("document", "一个文件只能有一份数据；请删去“---”或“...”分隔的其余部分"),
)


def _syntax_zh(detail: str) -> str:
    """A YAML parser's complaint in Chinese (the English one is shown with ``--lang en``)."""
    for phrase, chinese in _SYNTAX_ZH:
        if phrase in detail:
            return chinese
    return "请按所示位置检查引号、括号、冒号和缩进"


def parse_yaml(
    text: str, file: str | None = None, collector: Collector | None = None
) -> Node | None:
    """Parse one YAML document; raise :class:`InputError` listing every problem.

    Given a ``collector``, problems that leave a tree fit to check (a duplicate key,
    whose second value is dropped) are recorded there and the tree is returned, so
    that the caller goes on to find the file's other problems.
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
        if exc.context_mark is not None and _at_end(exc.problem_mark, text):
            # Running off the end: the place to fix is where the bracket or quote opened.
            mark = exc.context_mark
        detail = " ".join(p for p in (exc.context, exc.problem) if p)
        raise InputError(
            [
                problem(
                    "yaml-syntax",
                    f"YAML syntax error: {detail}",
                    f"YAML 语法错误：{_syntax_zh(detail)}",
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
                problem(
                    "yaml-syntax",
                    f"YAML error: {exc}",
                    f"YAML 错误：{_syntax_zh(str(exc))}",
                    file=file,
                )
            ]
        ) from None
    if root is None:
        return None
    tree = reader.convert(root, "")
    found = reader.collector.problems
    if any(p.code not in _NOT_FATAL for p in found) or (found and collector is None):
        raise InputError(found)
    if collector is not None:
        collector.problems.extend(found)
    return tree


def read_yaml_file(path: str | Path) -> Node | None:
    """Read and parse a YAML file, naming it in every problem."""
    return parse_yaml(read_text(Path(path)), str(path))


def read_yaml_folder(folder: Path) -> Iterator[tuple[Collector, Node | None]]:
    """Every ``*.yaml`` file of ``folder`` in name order, each with its own collector.

    A file that cannot be read or parsed yields ``None`` with its problems already
    in the collector, so that one pass reports every file of a catalogue.
    """
    for path in sorted(folder.glob("*.yaml")):
        yield read_yaml_checked(path)


def read_yaml_checked(path: Path) -> tuple[Collector, Node | None]:
    """One YAML file and its collector; ``None`` when unreadable or empty, said in the collector."""
    c = Collector(str(path))
    try:
        tree = parse_yaml(read_text(path), str(path), c)
    except InputError as exc:
        c.problems.extend(exc.problems)
        return c, None
    if tree is None:
        c.mapping(None)  # records that the file is empty
    return c, tree
