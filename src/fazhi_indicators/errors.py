"""Errors raised by fazhi-indicators.

Every error the library raises on purpose derives from :class:`FazhiError`, so a
caller can catch one class and know that anything else is a bug::

    FazhiError
    ├── InputError (ValueError)        one or more located problems in input files
    ├── UnknownIdError (KeyError)      a field, indicator or profile id that does not exist
    └── ProfileNotApplicableError      a profile used outside its effective years

Problems are values, not exceptions: loading collects every :class:`Problem` of a
file in one pass and raises a single :class:`InputError` that carries them all.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Literal

from attrs import field, frozen
from attrs.validators import in_

__all__ = [
    "ERROR_CODES",
    "FazhiError",
    "InputError",
    "Problem",
    "ProfileNotApplicableError",
    "Severity",
    "UnknownIdError",
    "did_you_mean",
]

Severity = Literal["error", "warning"]

#: Every problem code, with what it means and what to do, in English and Chinese.
ERROR_CODES: dict[str, tuple[str, str]] = {
    "unreadable": (
        "The file cannot be opened; check the path and permissions.",
        "文件无法打开；请检查路径和权限。",
    ),
    "not-utf8": (
        "The file is not UTF-8; save it as UTF-8 (GB18030 files are recognised).",
        "文件不是 UTF-8 编码；请另存为 UTF-8（可识别 GB18030）。",
    ),
    "encoding-gb18030": (
        "Warning: the file is not UTF-8 and was read as GB18030 (GBK), as Chinese Windows"
        " saves files; check the Chinese text, or save the file as UTF-8.",
        "提示：文件不是 UTF-8 编码，已按 GB18030（GBK，中文 Windows 默认编码）读取；"
        "请核对中文内容，或将文件另存为 UTF-8。",
    ),
    "empty-file": ("The file is empty.", "文件为空。"),
    "yaml-syntax": (
        "The YAML cannot be parsed; fix the syntax at the position given.",
        "YAML 语法错误；请按所示位置修改。",
    ),
    "bad-scalar": (
        "A value cannot be read (e.g. an impossible date).",
        "某个值无法读取（如不存在的日期）。",
    ),
    "too-deep": (
        "Values are nested far deeper than any real file; flatten the structure.",
        "嵌套层级远超正常文件；请展平结构。",
    ),
    "file-too-large": (
        "The file is far larger than any real input; check that it is the right file.",
        "文件远大于正常输入；请确认文件是否正确。",
    ),
    "too-large": (
        "The document expands beyond the size limit (e.g. an alias bomb).",
        "文档展开后超过大小上限（如别名炸弹）。",
    ),
    "bad-tag": (
        "YAML tags (!custom, !!python/...) are not allowed in input files; write plain values.",
        "输入文件中不允许使用 YAML 标签（!custom、!!python/...）；请直接填写数值或文本。",
    ),
    "merge-key": (
        "YAML merge keys (<<) are not supported; write the keys out.",
        "不支持 YAML 合并键（<<）；请逐项写出。",
    ),
    "bad-key": ("A key is not plain text.", "键不是普通文本。"),
    "duplicate-key": (
        "A key appears twice in one mapping; keep one.",
        "同一映射中键重复；请只保留一个。",
    ),
    "duplicate-row": (
        "A panel has two rows for the same county and year; keep one.",
        "面板中同一县同一年度出现两行；请只保留一行。",
    ),
    "missing-key": ("A required key is missing.", "缺少必填项。"),
    "unknown-key": (
        "A key is not part of the format; check its spelling.",
        "键不属于该格式；请检查拼写。",
    ),
    "unknown-id": (
        "A field, indicator or profile id does not exist; see the suggestion.",
        "字段、指标或评分标准编号不存在；请参考提示。",
    ),
    "ambiguous-name": (
        "A Chinese name used as a key is the name of two catalogue entries; write the id.",
        "用作键的中文名称同时是两个目录项的名称；请改写为编号。",
    ),
    "indicator-in-values": (
        "An indicator, or a percentage, is written under values:, which holds the counts"
        " and dates indicators are computed from; write a rate as printed under stated:.",
        "values 下写了指标或百分比，而 values 只填写用于计算指标的计数和日期；"
        "报告所列比率请写在 stated: 下。",
    ),
    "duplicate-id": ("An id is defined twice.", "编号被重复定义。"),
    "bad-id": ("A name is not snake_case.", "名称不是小写下划线格式。"),
    "wrong-type": (
        "A value has the wrong type (e.g. text where a count belongs).",
        "值的类型不对（如应为计数却填了文本）。",
    ),
    "out-of-range": (
        "A number is outside its allowed range (e.g. a negative count).",
        "数值超出允许范围（如负数计数）。",
    ),
    "bad-number": ("A number cannot be read exactly.", "数值无法精确读取。"),
    "bad-choice": ("A value is not one of the allowed options.", "值不在允许的选项中。"),
    "bad-rate": (
        "A stated rate is not a percentage such as 90.5%.",
        "报告值不是百分比（如 90.5%）。",
    ),
    "exceeds-total": ("A subset is larger than the set it belongs to.", "子项大于其所属总数。"),
    "parts-exceed-total": (
        "The parts of a breakdown add up to more than the total.",
        "分项之和超过总数。",
    ),
    "share-above-total": (
        "A share's numerator is larger than its denominator.",
        "占比的分子大于分母。",
    ),
    "share-above-100": ("A stated share is above 100%.", "报告的占比超过100%。"),
    "bad-formula": (
        "An indicator formula is not field names joined by + or -.",
        "指标公式不是用 + 或 - 连接的字段名。",
    ),
    "conflict": ("Two keys that exclude each other are both given.", "同时给出了互斥的两项。"),
    "empty-catalog": ("The catalogue folder holds no field definitions.", "目录中没有字段定义。"),
    "bad-basis": (
        "A basis is not law, official, practice or assumption.",
        "依据类型不是 law、official、practice 或 assumption。",
    ),
    "bad-target": (
        "A target cannot be read or does not fit its indicator.",
        "目标无法读取或与指标不匹配。",
    ),
    "unreachable-target": (
        "A target can never be met (e.g. above 100% for a share).",
        "目标永远无法达到（如占比超过100%）。",
    ),
    "bad-rule": ("A scoring rule's parameters make no sense.", "计分规则参数不合理。"),
    "duplicate-item": (
        "An indicator is scored twice in one profile.",
        "同一评分标准中指标被重复计分。",
    ),
    "extends-cycle": ("Profiles extend each other in a cycle.", "评分标准循环继承。"),
    "tree-count": (
        "A level of an indicator tree does not match its count: write each position from 1"
        " to the count once, as a node or as untranscribed.",
        "指标体系某一层级与其总数不符：从1到总数的每个位次须写出一次，作为节点或列为未录入。",
    ),
    "wrong-level": (
        "A node of the indicator tree is at the wrong level: a profile item attaches to a"
        " 三级 item, and a node's parent is one level up.",
        "指标体系节点的层级不对：评分项只能挂接到三级指标，节点的上级须高一层级。",
    ),
    "date-before-year": (
        "A publication date about a year lies before that year begins; check the date"
        " and the year.",
        "关于某年度的公开日期早于该年度开始；请核对日期和年度。",
    ),
    "date-in-year": (
        "Warning: a report about a year is dated inside that year; such reports are"
        " normally published after the year ends.",
        "提示：关于某年度的报告日期在该年度之内；此类报告通常在年度结束后公开。",
    ),
    "assumption-without-reason": (
        "Warning: a number rests on basis: assumption but says nothing of why; add a note"
        " (or the title of what it was taken from).",
        "提示：某个数值的依据为 assumption（假设），但未说明理由；"
        "请补充 note（或所参照文件的 title）。",
    ),
    "source-without-document": (
        "Warning: a number rests on basis: law or official but names no document; add its"
        " title and url.",
        "提示：某个数值的依据为 law 或 official，但未写明文件；请补充文件名称 title 和网址 url。",
    ),
    "bad-change": (
        "A stated change is not written as a report prints one: 同比增长12.5%,"
        " 下降3.2个百分点, 增加555件, 增长近3倍 or 持平.",
        "变化情况的写法无法识别；应按报告原文填写，如 同比增长12.5%、下降3.2个百分点、"
        "增加555件、增长近3倍、持平。",
    ),
    "change-unit": (
        "A stated change does not fit what it is about: percentage points compare two"
        " rates, a number of cases compares two counts.",
        "变化情况与所述项目不符：“个百分点”用于两个比率之差，“件”等用于两个计数之差。",
    ),
    "previous-year": (
        "An earlier year (under previous:, or a change's from:) is not before the file's year.",
        "上年数据（previous: 下的年度或变化情况的 from:）不早于本文件的年度。",
    ),
    "restated": (
        "Warning: two reports give different figures for the same county and year;"
        " both are kept, each with its source.",
        "提示：两份报告对同一县同一年度给出了不同的数字；两者均予保留并注明来源。",
    ),
    "mixed-counties": (
        "Files read as one county's history name different counties; give one county's files.",
        "作为同一县历年数据读取的文件属于不同的县；请只提供同一县的文件。",
    ),
    "no-county-years": (
        "A folder given as a county's history holds no county-year files (.yaml, .yml, .xlsx).",
        "作为历年数据的文件夹中没有县年度数据文件（.yaml、.yml、.xlsx）。",
    ),
    "other-jurisdiction": (
        "Warning: the county's province differs from the profile's jurisdiction.",
        "提示：该县所属省份与评分标准的适用地区不同。",
    ),
    "bad-period": (
        "A figure's period ends before it starts; give the first and last day it counts.",
        "数据的统计期间截止日期早于起始日期；请填写其统计的起止日期。",
    ),
    "category-above-total": (
        "A category of a breakdown is larger than the total it breaks down.",
        "分解表中某类别大于其所分解的总数。",
    ),
    "bad-figure": (
        "A figure under other: is not a count (17), a rate as printed (24%) or an amount"
        " (1.98); write its hedge and unit under approx: and unit:.",
        "other 下的数据不是计数（17）、报告所列比率（24%）或数额（1.98）；"
        "约数词和单位请分别写在 approx: 和 unit: 下。",
    ),
    "format-2-key": (
        "A key of county-year format 2 in a file that declares format: 1; declare format: 2.",
        "声明为 format: 1 的文件中使用了县年度数据格式2的键；请声明 format: 2。",
    ),
    "evidence-unnamed": (
        "An evidence entry does not say which document it is: give a title, a number (文号)"
        " or a url.",
        "佐证材料未写明是哪份文件：请给出标题 title、文号 number 或链接 url。",
    ),
    "rule-not-for-kind": (
        "A profile item's rule does not fit its kind (e.g. per_shortfall on a yes/no item);"
        " see the table of rules in the profile format.",
        "评分项的计分规则与其类型不符（如对是否型项目使用 per_shortfall）；"
        "请查阅评分标准格式中的规则表。",
    ),
    "bad-steps": (
        "The steps of a minimum that depends on another count are not in rising order, or"
        " the last one has an up_to.",
        "随另一计数而定的最低数，其分档未按升序排列，或最后一档写了 up_to。",
    ),
    "manual-over-max": (
        "Warning: a person's score of a manual item is above the item's points; only the"
        " item's points are counted.",
        "提示：人工评分高于该项分值；只按该项分值计分。",
    ),
    "manual-unknown-item": (
        "Warning: a score under manual: names an item that is not a manual item of the"
        " profile; it is not used.",
        "提示：manual: 下的评分所指的不是该评分标准中的人工评分项；该评分未被采用。",
    ),
}


_SEVERITY_ZH: dict[Severity, str] = {"error": "错误", "warning": "提示"}


@frozen(kw_only=True)
class Problem:
    """One thing wrong with one place in one input file.

    Messages exist in English and Chinese; both name what was expected and what
    was found, so a reader never has to open the file to understand the error.
    """

    #: A stable machine-readable code such as ``duplicate-key`` (see ``ERROR_CODES``).
    code: str = field(validator=in_(ERROR_CODES))
    #: English message.
    message: str
    #: Chinese message.
    message_zh: str
    #: The file, as the user named it (``None`` for in-memory input).
    file: str | None = None
    #: 1-based line, or ``None`` when the problem belongs to the whole file.
    line: int | None = None
    #: 1-based column.
    column: int | None = None
    #: Dotted path inside the document, e.g. ``values.enforcement.exam_passed``.
    path: str = ""
    severity: Severity = "error"

    def location(self) -> str:
        """``file:line:column`` with whatever parts are known."""
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def location_zh(self) -> str:
        """``shenqiu.yaml 第4行第3列``: the location as a clerk reads it."""
        where = self.file or "输入数据"
        if self.line is not None:
            where += f" 第{self.line}行"
            if self.column is not None:
                where += f"第{self.column}列"
        return where

    def format(self, lang: str = "en") -> str:
        """One line for a terminal: location, path, severity, code and message.

        English writes the location ``file:line:column``; Chinese writes
        ``file 第4行第3列`` and the severity as 错误 or 提示.
        """
        path = f" [{self.path}]" if self.path else ""
        if lang == "zh":
            severity = _SEVERITY_ZH[self.severity]
            return f"{self.location_zh()}{path} {severity} {self.code}：{self.message_zh}"
        return f"{self.location()}{path} {self.severity} {self.code}: {self.message}"


class FazhiError(Exception):
    """Base of every error this library raises on purpose."""

    def text(self, lang: str = "en") -> str:  # noqa: ARG002 - subclasses that know both use it
        """The message in one language (``zh`` or ``en``) for a person to read."""
        return str(self)


class InputError(FazhiError, ValueError):
    """Input files that cannot be used, with every problem found in them."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        """Keep the problems, in file order; the message lists them all."""
        self.problems: tuple[Problem, ...] = tuple(
            sorted(problems, key=lambda p: (p.file or "", p.line or 0, p.column or 0))
        )
        super().__init__(self.problems)

    def __str__(self) -> str:
        """All problems, one per line."""
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found:"
        return "\n".join([head, *(p.format() for p in self.problems)])

    def __reduce__(self) -> tuple[type[InputError], tuple[tuple[Problem, ...]]]:
        """Pickle with the problems intact."""
        return (type(self), (self.problems,))


#: What an unknown id was meant to name, in Chinese.
_KINDS_ZH = {
    "id": "编号",
    "field": "字段",
    "indicator": "指标",
    "profile": "评分标准",
    "profile item": "评分项",
    "example": "示例",
    "tree edition": "指标体系版本",
    "tree node": "指标体系节点",
}


class UnknownIdError(FazhiError, KeyError):
    """An id that names nothing, with the closest known ids as suggestions."""

    def __init__(self, kind: str, wanted: str, known: Iterable[str]) -> None:
        """Remember what was asked for and what exists."""
        self.kind = kind
        self.wanted = wanted
        self.suggestions: tuple[str, ...] = did_you_mean(wanted, known)
        super().__init__(kind, wanted)

    def __str__(self) -> str:
        """English then Chinese, with suggestions."""
        return f"{self.text('en')} / {self.text('zh')}"

    def text(self, lang: str = "en") -> str:
        """What was not found and the closest ids, in one language."""
        if lang == "zh":
            hint_zh = f"是否想输入：{'、'.join(self.suggestions)}？" if self.suggestions else ""
            kind = _KINDS_ZH.get(self.kind, "编号")
            return f"未知的{kind}“{self.wanted}”。{hint_zh}"
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        return f"unknown {self.kind} {self.wanted!r}.{hint}"

    def __reduce__(self) -> tuple[type[UnknownIdError], tuple[str, str, tuple[str, ...]]]:
        """Pickle with suggestions intact."""
        return (type(self), (self.kind, self.wanted, self.suggestions))


class ProfileNotApplicableError(FazhiError, ValueError):
    """A profile asked to score a year it does not cover."""

    def __init__(self, profile_id: str, year: int, first: int, last: int | None) -> None:
        """Remember the profile's effective years and the year asked for."""
        self.profile_id = profile_id
        self.year = year
        self.first = first
        self.last = last
        super().__init__(profile_id, year, first, last)

    def __str__(self) -> str:
        """English then Chinese."""
        return f"{self.text('en')} / {self.text('zh')}"

    def text(self, lang: str = "en") -> str:
        """The profile's years and the year asked for, in one language."""
        span = f"{self.first}-{self.last if self.last is not None else ''}"
        if lang == "zh":
            return f"评分标准“{self.profile_id}”适用年度为{span}，不适用于{self.year}年"
        return f"profile {self.profile_id!r} is effective for {span}, not for {self.year}"

    def __reduce__(
        self,
    ) -> tuple[type[ProfileNotApplicableError], tuple[str, int, int, int | None]]:
        """Pickle with all fields."""
        return (type(self), (self.profile_id, self.year, self.first, self.last))


def did_you_mean(wanted: str, known: Iterable[str], limit: int = 3) -> tuple[str, ...]:
    """The known ids closest to ``wanted``, best first.

    Also matches on the part after the domain, so ``exam_pass`` finds
    ``enforcement.exam_passed``.
    """
    known = list(known)
    close = [k for k in known if wanted and (k.startswith(wanted) or wanted in k)][:limit]
    close += [
        k for k in difflib.get_close_matches(wanted, known, n=limit, cutoff=0.6) if k not in close
    ]
    head = wanted.split("_", 1)[0]
    if len(head) >= 3 and "_" in wanted:
        close += [k for k in known if k.split("_", 1)[0] == head and k not in close]
    if len(close) < limit:
        tails = {k.rsplit(".", 1)[-1]: k for k in known}
        tail = wanted.rsplit(".", 1)[-1]
        for match in difflib.get_close_matches(tail, list(tails), n=limit, cutoff=0.6):
            if tails[match] not in close:
                close.append(tails[match])
    return tuple(close[:limit])
