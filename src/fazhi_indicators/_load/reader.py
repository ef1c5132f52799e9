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

import contextlib
import datetime as dt
import gc
import re
import unicodedata
from collections.abc import Collection, Iterator
from fractions import Fraction
from pathlib import Path

from fazhi_indicators._load.tree import Mapping, Node, Scalar, Sequence
from fazhi_indicators.errors import InputError, Problem, Severity, did_you_mean
from fazhi_indicators.exact import parse_ratio

__all__ = [
    "MAX_FILE_BYTES",
    "Collector",
    "collector_paused",
    "describe",
    "describe_zh",
    "file_error",
    "problem",
    "read_bytes",
    "read_date",
    "read_text",
    "read_text_or_gb18030",
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
    "workbook": ("workbooks", "", "工作簿", ""),
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
    at: Node | None = None,
) -> Problem:
    """One located problem, in English and Chinese.

    With ``at``, the problem is placed at that node: its line, column and path, and
    its own file when it has one (an inherited setting names its parent's file;
    ``file`` is then only the fallback, for nodes not read from a file).
    """
    if at is not None:
        file = at.file if at.file is not None else file
        line, column, path = at.line, at.column, path or at.path
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


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a panel's columns are made.

    Reading and scoring a country's panel makes hundreds of thousands of short-lived
    objects, none in a cycle; each full collection would walk every object the
    process holds (the catalogue's among them), a quarter of the reading's time.
    Reference counting frees them as before, and the collector resumes as it was.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


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
    """Read a UTF-8 file (a byte-order mark is allowed) or explain why not.

    Catalogue and profile files must be UTF-8; a county-year file may also be
    GB18030 (see :func:`read_text_or_gb18030`).
    """
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(str(path), data, exc) from None


def read_text_or_gb18030(path: Path) -> tuple[str, Problem | None]:
    """A UTF-8 file's text; or a GB18030 file's, with a warning that says it was read so.

    Chinese Windows (Notepad before 2019, Excel's "CSV" and WPS) saves GB18030/GBK,
    and a clerk there has no ``iconv``: the file is read as the panel reader reads
    CSV, UTF-8 first, then GB18030.  Bytes that decode as GB18030 but hold no common
    Chinese character (Latin-1 "Montréal" decodes as "Montr閍l") are refused.
    """
    shown = str(path)
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        text = _as_gb18030(data)
        if text is None:
            raise _not_utf8(shown, data, exc) from None
    warning = problem(
        "encoding-gb18030",
        "the file is not UTF-8; it was read as GB18030 (GBK), as Chinese Windows saves"
        " files: check that the Chinese text in the results reads right, or save the file"
        " as UTF-8 (Notepad: Save As, Encoding: UTF-8) to silence this warning",
        "文件不是 UTF-8 编码，已按 GB18030（GBK，中文 Windows 默认编码）读取；"
        "请核对结果中的中文是否正确，或将文件另存为 UTF-8（记事本：另存为，编码选 UTF-8）"
        "以消除此提示",
        file=shown,
        severity="warning",
    )
    return text, warning


def _not_utf8(file: str, data: bytes, exc: UnicodeDecodeError) -> InputError:
    """Why a file that is not UTF-8 is refused, with a fix a Windows user can make."""
    if _as_gb18030(data) is not None:
        return file_error(
            file,
            "not-utf8",
            "the file is not UTF-8; it may be GB18030/GBK, as Chinese Windows saves files."
            " Save it as UTF-8 (Notepad: Save As, Encoding: UTF-8;"
            " or iconv -f GB18030 -t UTF-8 in.yaml > out.yaml)",
            "文件不是 UTF-8 编码，可能是 GB18030/GBK（中文 Windows 默认）。"
            "请另存为 UTF-8（记事本：另存为，编码选 UTF-8；"
            "或 iconv -f GB18030 -t UTF-8 in.yaml > out.yaml）",
        )
    return file_error(
        file,
        "not-utf8",
        f"the file is not UTF-8 (byte {exc.start} cannot be decoded);"
        " save it as UTF-8 (Notepad: Save As, Encoding: UTF-8) and try again",
        f"文件不是 UTF-8 编码（第{exc.start}字节无法解码）；"
        "请另存为 UTF-8（记事本：另存为，编码选 UTF-8）后重试",
    )


def _as_gb18030(data: bytes) -> str | None:
    """The text of GB18030 bytes that hold Chinese, or ``None``.

    Nearly any byte string decodes as GB18030, so the text must also hold a
    character of GB2312, the common simplified set every county name is written
    in; two accented Latin-1 letters in a row are needed to fake one.
    """
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return text if any(_common_hanzi(ch) for ch in text) else None


def _common_hanzi(char: str) -> bool:
    if not "\u4e00" <= char <= "\u9fff":
        return False
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


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


#: A count as a report prints it: 约70, 近70, 70余, 70多, maybe with a unit (70余件).
_WRITTEN_COUNT = re.compile(
    r"^(?P<pre>[约近])?\s*(?P<num>\d+)\s*(?P<post>[余多])?\s*(?P<unit>[件人个次项家起名宗份户所])?$"
)


def _count_hint(node: Node, *, hedged: bool) -> tuple[str, str]:
    """How to write a count given as text, in English and Chinese; empty when unsure."""
    text = node.value.strip() if isinstance(node, Scalar) and isinstance(node.value, str) else ""
    folded = unicodedata.normalize("NFKC", text)
    match = _WRITTEN_COUNT.match(folded) if text else None
    if match is None:
        return "", ""
    number = str(int(match["num"]))
    qualifier = match["pre"] or match["post"]
    written = f"{{value: {number}, approx: {qualifier}}}"
    hints = (
        (
            qualifier and hedged,
            f"; a count printed as {text} is written {written}",
            f"；报告中的“{text}”请写作 {written}",
        ),
        (qualifier, "", ""),  # 约2023 for a year: no advice is better than a wrong one
        (match["unit"], f"; write the number alone: {number}", f"；请只写数字：{number}"),
        (
            folded != text,
            f"; these are full-width digits; write {number}",
            f"；这是全角数字；请改用半角数字 {number}",
        ),
        (isinstance(node, Scalar) and node.quoted, "; write it without quotes", "；请去掉引号"),
    )
    found = next(((en, zh) for when, en, zh in hints if when), None)
    # What is left is plain digits that YAML did not read as a number: a leading zero (08).
    return found or (
        f"; write {number}, without leading zeros",
        f"；请写作 {number}（去掉开头的0）",
    )


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
        """Record one problem at ``node`` (or the whole file when ``None``).

        The node's own file wins over the collector's, so that a setting a profile
        inherits is reported in the file that wrote it.
        """
        self.problems.append(
            problem(code, en, zh, file=self.file, path=path or "", severity=severity, at=node)
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

    def integer(
        self, node: Node | None, *, minimum: int | None = None, hedged: bool = False
    ) -> int | None:
        """A whole number (not a boolean, not text, not a decimal).

        ``hedged``: the value may be written ``{value: 70, approx: 余}``, which is
        then suggested for text such as ``70余``.
        """
        if node is None:
            return None
        if not (
            isinstance(node, Scalar)
            and isinstance(node.value, int)
            and not isinstance(node.value, bool)
        ):
            hint, hint_zh = _count_hint(node, hedged=hedged)
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


def read_date(c: Collector, node: Node, example: str = "2024-03-28") -> dt.date | None:
    """A date such as ``2024-03-28`` (a YAML date or the same text quoted); else a problem."""
    value = node.value if isinstance(node, Scalar) else None
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            value = None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    c.add(
        node,
        "wrong-type",
        f"expected a date such as {example}, found {describe(node)}",
        f"应为日期（如 {example}），实际为{describe_zh(node)}",
    )
    return None
