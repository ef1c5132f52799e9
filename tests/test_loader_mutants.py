"""The loaders' shared reader, word for word: every check says where, what and why.

Each helper of :class:`~fazhi_indicators._load.reader.Collector` is given a value of
the right shape and values of each wrong shape; each problem is compared whole
(code, file, line, column, path, severity and both messages), so that a changed
word, place or default in any of them fails a test.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

import fazhi_indicators as fz
from fazhi_indicators._load import reader
from fazhi_indicators._load.compose import parse_yaml
from fazhi_indicators._load.county_year import read_county_year
from fazhi_indicators._load.reader import Collector, describe, describe_zh
from fazhi_indicators._load.tree import Mapping, Node, Scalar

DOCUMENT = """\
top:
  mapping: {a: 1}
  list: [1, 2]
  nothing: ~
  flag: true
  whole: 443
  decimal: 4.5
  date: 2023-01-01
  text: hello
  quoted: "443"
  blank: "  "
  hedged: 70余
  about: 约70
  unit: 70件
  wide: ７０
  zeros: "08"
  year: 约2023
  percent: "90%"
  ratio: "9/10"
  bad: abc
  name: exam_passed
  Name: ExamPassed
"""


def _nodes() -> dict[str, Node]:
    root = parse_yaml(DOCUMENT, "in.yaml")
    assert isinstance(root, Mapping)
    top = root.items["top"]
    assert isinstance(top, Mapping)
    return top.items


NODES = _nodes()


def _problems(c: Collector) -> list[tuple[object, ...]]:
    return [
        (p.code, p.file, p.line, p.column, p.path, p.severity, p.message, p.message_zh)
        for p in c.problems
    ]


@pytest.mark.parametrize(
    ("key", "en", "zh"),
    [
        ("mapping", "a mapping", "映射"),
        ("list", "a list", "列表"),
        ("nothing", "nothing (null)", "空值（null）"),
        ("flag", "yes/no value true", "布尔值 true"),
        ("whole", "number 443", "数字 443"),
        ("decimal", "number 4.5", "数字 4.5"),
        ("date", "date 2023-01-01", "日期 2023-01-01"),
        ("text", 'text "hello"', "文本“hello”"),
        ("quoted", 'text "443"', "文本“443”"),
    ],
)
def test_describe(key: str, en: str, zh: str) -> None:
    """How each kind of value is named to a person, in both languages."""
    assert (en, zh) == (describe(NODES[key]), describe_zh(NODES[key]))


def test_wrong_type_and_mapping() -> None:
    """A missing document is an empty file; a list where a mapping belongs is located."""
    c = Collector("in.yaml")
    assert c.mapping(None) is None
    assert c.mapping(NODES["list"], what="a county-year") is None
    assert c.mapping(NODES["mapping"]) is NODES["mapping"]
    assert [
        (
            "empty-file",
            "in.yaml",
            None,
            None,
            "",
            "error",
            "the file is empty; expected a mapping",
            "文件为空",
        ),
        (
            "wrong-type",
            "in.yaml",
            3,
            9,
            "top.list",
            "error",
            "expected a county-year, found a list",
            "应为映射（键: 值），实际为列表",
        ),
    ] == _problems(c)
    assert c.has_errors


def test_keys_required_and_unknown() -> None:
    """A missing key is placed at its mapping with the path it should have had."""
    root = parse_yaml("outer:\n  county: x\n  yaer: 2023\n", "f.yaml")
    assert isinstance(root, Mapping)
    outer = root.items["outer"]
    assert isinstance(outer, Mapping)
    c = Collector("f.yaml")
    assert c.keys(outer, required=("county", "year"), allowed=("county", "year")) is False
    assert c.keys(outer, required=("county",), allowed=("county", "yaer")) is True
    assert c.keys(root, required=("county",), allowed=("outer",)) is False
    assert [
        (
            "missing-key",
            "f.yaml",
            2,
            3,
            "outer.year",
            "error",
            "required key 'year' is missing",
            "缺少必填项“year”",
        ),
        (
            "unknown-key",
            "f.yaml",
            3,
            3,
            "outer.yaer",
            "error",
            "unknown key 'yaer'; did you mean 'year'?",
            "未知的键“yaer”；是否想输入“year”？",
        ),
        (
            "missing-key",
            "f.yaml",
            1,
            1,
            "county",
            "error",
            "required key 'county' is missing",
            "缺少必填项“county”",
        ),
    ] == _problems(c)
    assert Collector(None).keys(root, allowed=("x",)) is False  # an unknown key alone


def test_unknown_with_several_or_no_suggestions() -> None:
    """Close names are offered joined by 'or' / 或; with none close, no hint at all."""
    c = Collector(None)
    c.unknown(NODES["text"], "field", "字段", "exam_pass", ["exam_passes", "exam_passed"])
    c.unknown(None, "id", "编号", "zzz", ["exam_passed"], code="unknown-id")
    assert [
        (
            "unknown-key",
            "in.yaml",
            9,
            9,
            "top.text",
            "error",
            "unknown field 'exam_pass'; did you mean 'exam_passes' or 'exam_passed'?",
            "未知的字段“exam_pass”；是否想输入“exam_passes”或“exam_passed”？",
        ),
        ("unknown-id", None, None, None, "", "error", "unknown id 'zzz'", "未知的编号“zzz”"),
    ] == _problems(c)


def test_choice() -> None:
    """Absent or wrong gives the default; a wrong option lists the allowed ones."""
    c = Collector("p.yaml")
    options = ("exclude", "award")
    assert "exclude" == c.choice(None, options, "exclude")
    assert [] == c.problems
    assert "award" == c.choice(NODES["whole"], options, "award")
    assert "exclude" == c.choice(NODES["text"], options, "exclude")
    root = parse_yaml("x: award\n")
    assert isinstance(root, Mapping)
    assert "award" == c.choice(root.items["x"], options, "exclude")
    assert [
        (
            "wrong-type",
            "in.yaml",
            6,
            10,
            "top.whole",
            "error",
            "expected text, found number 443",
            "应为文本，实际为数字 443",
        ),
        (
            "bad-choice",
            "in.yaml",
            9,
            9,
            "top.text",
            "error",
            "expected one of exclude, award, found 'hello'",
            "应为 exclude、award 之一，实际为“hello”",
        ),
    ] == _problems(c)


def test_text_and_identifier() -> None:
    """Blank text and a name that is not snake_case are problems; good ones pass through."""
    c = Collector("c.yaml")
    assert c.text(None) is None
    assert "hello" == c.text(NODES["text"])
    assert c.text(NODES["blank"]) is None
    assert c.text(NODES["list"]) is None
    assert "exam_passed" == c.identifier(NODES["name"])
    assert c.identifier(NODES["Name"]) is None
    assert c.identifier(None) is None
    assert [
        (
            "wrong-type",
            "in.yaml",
            11,
            10,
            "top.blank",
            "error",
            "expected text, found nothing but blanks",
            "应为文本，实际为空白",
        ),
        (
            "wrong-type",
            "in.yaml",
            3,
            9,
            "top.list",
            "error",
            "expected text, found a list",
            "应为文本，实际为列表",
        ),
        (
            "bad-id",
            "in.yaml",
            22,
            9,
            "top.Name",
            "error",
            "expected a snake_case name, found 'ExamPassed'",
            "应为小写字母、数字和下划线组成的名称，实际为“ExamPassed”",
        ),
    ] == _problems(c)


@pytest.mark.parametrize(
    ("key", "hedged", "hint", "hint_zh"),
    [
        (
            "hedged",
            True,
            "; a count printed as 70余 is written {value: 70, approx: 余}",
            "；报告中的“70余”请写作 {value: 70, approx: 余}",
        ),
        (
            "about",
            True,
            "; a count printed as 约70 is written {value: 70, approx: 约}",
            "；报告中的“约70”请写作 {value: 70, approx: 约}",
        ),
        ("hedged", False, "", ""),
        ("year", False, "", ""),
        ("unit", False, "; write the number alone: 70", "；请只写数字：70"),
        ("unit", True, "; write the number alone: 70", "；请只写数字：70"),
        (
            "wide",
            False,
            "; these are full-width digits; write 70",
            "；这是全角数字；请改用半角数字 70",
        ),
        ("quoted", False, "; write it without quotes", "；请去掉引号"),
        ("zeros", False, "; write it without quotes", "；请去掉引号"),
        ("text", False, "", ""),
        ("decimal", False, "", ""),
    ],
)
def test_integer_hints(key: str, hedged: bool, hint: str, hint_zh: str) -> None:
    """Text where a count belongs gets the one piece of advice that fits it."""
    c = Collector("c.yaml")
    assert c.integer(NODES[key], hedged=hedged) is None
    ((code, message, message_zh),) = [(p.code, p.message, p.message_zh) for p in c.problems]
    assert "wrong-type" == code
    assert f"expected a whole number, found {describe(NODES[key])}{hint}" == message
    assert f"应为整数，实际为{describe_zh(NODES[key])}{hint_zh}" == message_zh


def test_integer_is_not_hedged_by_default() -> None:
    """Only where a count may be hedged is 70余 answered with how to write it."""
    c = Collector(None)
    assert c.integer(NODES["hedged"]) is None
    assert 'expected a whole number, found text "70余"' == c.problems[0].message


def test_integer_leading_zero() -> None:
    """Digits YAML did not read as a number, unquoted, are a leading zero to drop."""
    root = parse_yaml("n: 0８\n")
    assert isinstance(root, Mapping)
    c = Collector(None)
    assert c.integer(root.items["n"]) is None
    assert c.problems[0].message.endswith("; these are full-width digits; write 8")
    plain = Scalar(value="007", text="007", quoted=False, line=1, column=4, path="n")
    assert c.integer(plain) is None
    assert (
        'expected a whole number, found text "007"; write 7, without leading zeros',
        "应为整数，实际为文本“007”；请写作 7（去掉开头的0）",
    ) == (c.problems[1].message, c.problems[1].message_zh)


def test_integer_range_and_types() -> None:
    """A whole number at or above the minimum passes; below it, or a yes/no, does not."""
    c = Collector("c.yaml")
    assert c.integer(None) is None
    assert 443 == c.integer(NODES["whole"], minimum=443)
    assert 443 == c.integer(NODES["whole"])
    assert c.integer(NODES["whole"], minimum=444) is None
    assert c.integer(NODES["flag"]) is None
    assert [
        (
            "out-of-range",
            "in.yaml",
            6,
            10,
            "top.whole",
            "error",
            "expected a whole number of at least 444, found 443",
            "应为不小于444的整数，实际为443",
        ),
        (
            "wrong-type",
            "in.yaml",
            5,
            9,
            "top.flag",
            "error",
            "expected a whole number, found yes/no value true",
            "应为整数，实际为布尔值 true",
        ),
    ] == _problems(c)
    assert isinstance(c.integer(NODES["whole"]), int)


def test_number() -> None:
    """Whole, decimal, percent and ratio are exact; yes/no, text and lists are not numbers."""
    from fractions import Fraction

    c = Collector("n.yaml")
    assert c.number(None) is None
    assert Fraction(443) == c.number(NODES["whole"])
    assert Fraction(9, 2) == c.number(NODES["decimal"])
    assert Fraction(9, 10) == c.number(NODES["percent"])
    assert Fraction(9, 10) == c.number(NODES["ratio"])
    for key in ("flag", "bad", "list"):
        assert c.number(NODES[key]) is None
    assert [
        (
            "bad-number",
            "in.yaml",
            line,
            column,
            f"top.{key}",
            "error",
            f'expected a number such as 80, 2.5, "90%" or "9/10", found {en}',
            f'应为数值（如 80、2.5、"90%"、"9/10"），实际为{zh}',
        )
        for key, line, column, en, zh in (
            ("flag", 5, 9, "yes/no value true", "布尔值 true"),
            ("bad", 20, 8, 'text "abc"', "文本“abc”"),
            ("list", 3, 9, "a list", "列表"),
        )
    ] == _problems(c)


def test_boolean_sequence_entries() -> None:
    """true/false, lists and mappings are read as such, and nothing else is."""
    c = Collector("b.yaml")
    assert c.boolean(None) is None
    assert c.boolean(NODES["flag"]) is True
    assert c.boolean(NODES["text"]) is None
    assert c.sequence(None) is None
    assert 2 == len(c.sequence(NODES["list"]) or ())
    assert c.sequence(NODES["text"]) is None
    assert [] == list(c.entries(None))
    (entry,) = c.entries(NODES["mapping"])
    assert ("a", "a", 1) == (entry[0], entry[1].value, getattr(entry[2], "value", None))
    assert [] == list(c.entries(NODES["text"]))
    assert [
        (
            "wrong-type",
            'expected true or false, found text "hello"',
            "应为布尔值（true 或 false），实际为文本“hello”",
        ),
        ("wrong-type", 'expected a list, found text "hello"', "应为列表，实际为文本“hello”"),
        (
            "wrong-type",
            'expected a mapping, found text "hello"',
            "应为映射（键: 值），实际为文本“hello”",
        ),
    ] == [(p.code, p.message, p.message_zh) for p in c.problems]


def test_warnings_are_not_errors() -> None:
    """A collector holding only warnings has no errors; one error is enough."""
    c = Collector("w.yaml")
    assert not c.has_errors
    c.add(NODES["text"], "date-in-year", "w", "提示", severity="warning")
    assert not c.has_errors
    assert ("warning", "top.text", 9) == (c.problems[0].severity, c.problems[0].path, 9)
    c.add(None, "empty-file", "e", "错误", path="x.y")
    assert c.has_errors
    assert ("x.y", None, None, "w.yaml") == (
        c.problems[1].path,
        c.problems[1].line,
        c.problems[1].column,
        c.problems[1].file,
    )


def test_problem_at_a_node_of_another_file() -> None:
    """A node read from another file names that file; its path yields to one given."""
    parent = parse_yaml("pass_line: 80\n", "parent.yaml")
    assert isinstance(parent, Mapping)
    node = parent.items["pass_line"]
    at = reader.problem("bad-number", "e", "中", file="child.yaml", at=node)
    assert ("parent.yaml", 1, 12, "pass_line") == (at.file, at.line, at.column, at.path)
    named = reader.problem("bad-number", "e", "中", file="child.yaml", path="p", at=node)
    assert "p" == named.path
    built = Scalar(value=1, text="1", quoted=False, line=2, column=3, path="q")
    fallback = reader.problem("bad-number", "e", "中", file="child.yaml", at=built)
    assert ("child.yaml", 2, 3, "q", "error") == (
        fallback.file,
        fallback.line,
        fallback.column,
        fallback.path,
        fallback.severity,
    )
    bare = reader.problem("unreadable", "e", "中", file=None)
    assert (None, None, "") == (bare.line, bare.column, bare.path)
    collected = Collector("child.yaml")
    collected.add(node, "bad-number", "e", "中")
    assert "parent.yaml" == collected.problems[0].file


# Files ------------------------------------------------------------------------------


def _file_problem(error: fz.InputError) -> tuple[str, str | None, str, str]:
    (p,) = error.problems
    return p.code, p.file, p.message, p.message_zh


def test_read_bytes_folder_missing_and_size(tmp_path: Path) -> None:
    """A folder, a missing file and a file over the limit are problems, not OSError."""
    with pytest.raises(fz.InputError) as folder:
        reader.read_bytes(tmp_path)
    assert (
        "unreadable",
        str(tmp_path),
        "expected a file, found a folder",
        "应为文件，实际为文件夹",
    ) == _file_problem(folder.value)
    missing = tmp_path / "none.yaml"
    with pytest.raises(fz.InputError) as absent:
        reader.read_bytes(missing)
    assert (
        "unreadable",
        str(missing),
        "cannot read the file: No such file or directory",
        "无法读取文件：No such file or directory",
    ) == _file_problem(absent.value)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * 1201)
    with pytest.raises(fz.InputError) as county:
        reader.read_bytes(big, limit=1200)
    assert (
        "file-too-large",
        str(big),
        "the file is 1,201 bytes; input files are limited to 1,200 bytes"
        " (a county-year file is a few kilobytes)",
        "文件大小为1,201字节，超过上限1,200字节（县年度数据文件通常只有几KB）",
    ) == _file_problem(county.value)
    with pytest.raises(fz.InputError) as panel:
        reader.read_bytes(big, limit=1200, what="panel")
    assert (
        "file-too-large",
        str(big),
        "the file is 1,201 bytes; panels are limited to 1,200 bytes",
        "文件大小为1,201字节，超过面板文件上限1,200字节",
    ) == _file_problem(panel.value)
    assert b"x" * 1201 == reader.read_bytes(big, limit=1201)
    assert 2_000_000 == reader.MAX_FILE_BYTES


def test_read_bytes_default_limit(tmp_path: Path) -> None:
    """The default limit is two million bytes: one more is refused."""
    at_limit = tmp_path / "at.yaml"
    at_limit.write_bytes(b"#" * reader.MAX_FILE_BYTES)
    assert reader.MAX_FILE_BYTES == len(reader.read_bytes(at_limit))
    over = tmp_path / "over.yaml"
    over.write_bytes(b"#" * (reader.MAX_FILE_BYTES + 1))
    with pytest.raises(fz.InputError) as caught:
        reader.read_bytes(over)
    assert "file-too-large" == caught.value.problems[0].code


GB_TEXT = "county: 沈丘县\n"
LATIN = "county: Montréal\n".encode("latin-1")


def test_read_text_encodings(tmp_path: Path) -> None:
    """UTF-8 with or without a byte-order mark is read; GB18030 and Latin-1 say how to fix."""
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + GB_TEXT.encode())
    assert GB_TEXT == reader.read_text(bom)
    gb = tmp_path / "gb.yaml"
    gb.write_bytes(GB_TEXT.encode("gb18030"))
    with pytest.raises(fz.InputError) as caught:
        reader.read_text(gb)
    assert (
        "not-utf8",
        str(gb),
        "the file is not UTF-8; it may be GB18030/GBK, as Chinese Windows saves files."
        " Save it as UTF-8 (Notepad: Save As, Encoding: UTF-8;"
        " or iconv -f GB18030 -t UTF-8 in.yaml > out.yaml)",
        "文件不是 UTF-8 编码，可能是 GB18030/GBK（中文 Windows 默认）。"
        "请另存为 UTF-8（记事本：另存为，编码选 UTF-8；"
        "或 iconv -f GB18030 -t UTF-8 in.yaml > out.yaml）",
    ) == _file_problem(caught.value)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(LATIN)
    with pytest.raises(fz.InputError) as refused:
        reader.read_text(latin)
    assert (
        "not-utf8",
        str(latin),
        "the file is not UTF-8 (byte 13 cannot be decoded);"
        " save it as UTF-8 (Notepad: Save As, Encoding: UTF-8) and try again",
        "文件不是 UTF-8 编码（第13字节无法解码）；"
        "请另存为 UTF-8（记事本：另存为，编码选 UTF-8）后重试",
    ) == _file_problem(refused.value)


def test_read_text_or_gb18030(tmp_path: Path) -> None:
    """GB18030 holding Chinese is read with a warning; bytes that only decode are refused."""
    utf8 = tmp_path / "u.yaml"
    utf8.write_text(GB_TEXT, encoding="utf-8")
    assert (GB_TEXT, None) == reader.read_text_or_gb18030(utf8)
    gb = tmp_path / "gb.yaml"
    gb.write_bytes(GB_TEXT.encode("gb18030"))
    text, warning = reader.read_text_or_gb18030(gb)
    assert GB_TEXT == text
    assert warning is not None
    assert (
        "encoding-gb18030",
        str(gb),
        "warning",
        None,
        "the file is not UTF-8; it was read as GB18030 (GBK), as Chinese Windows saves"
        " files: check that the Chinese text in the results reads right, or save the file"
        " as UTF-8 (Notepad: Save As, Encoding: UTF-8) to silence this warning",
        "文件不是 UTF-8 编码，已按 GB18030（GBK，中文 Windows 默认编码）读取；"
        "请核对结果中的中文是否正确，或将文件另存为 UTF-8（记事本：另存为，编码选 UTF-8）"
        "以消除此提示",
    ) == (
        warning.code,
        warning.file,
        warning.severity,
        warning.line,
        warning.message,
        warning.message_zh,
    )
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(LATIN)
    with pytest.raises(fz.InputError) as refused:
        reader.read_text_or_gb18030(latin)
    assert "byte 13 cannot be decoded" in refused.value.problems[0].message


@pytest.mark.parametrize(
    ("text", "chinese"),
    [
        ("沈丘县", True),
        ("一", True),  # U+4E00, the first of the range
        ("龠", True),  # U+9FA0, the last of the range in GB2312
        ("龥", False),  # U+9FA5, in the range but not in GB2312
        ("〇", False),  # U+3007, below the range
        ("鿿", False),  # U+9FFF, in the range but in no GB2312 row
        ("Montr閍l", False),  # 閍 is in the range, not in GB2312
        ("abc", False),
    ],
)
def test_gb18030_needs_common_chinese(text: str, chinese: bool) -> None:
    """Only text holding a character of GB2312 counts as Chinese read from GB18030."""
    data = text.encode("gb18030")
    assert (text if chinese else None) == reader._as_gb18030(data)


# County-year files ------------------------------------------------------------------

COUNTY = """\
county: 甲县
year: 2023
province: 河南
prefecture: 周口市
division_code: 411624
values:
  mediation.disputes_received: 100
"""


def _profile(first: int, last: int | None) -> fz.Profile:
    base = fz.default_catalog().profile("henan-demonstration-county")
    return attrs.evolve(base, effective_from=first, effective_to=last)


def test_county_file_keeps_where_its_year_is(tmp_path: Path) -> None:
    """The year's line and column, the file name, and the optional labels as written."""
    path = tmp_path / "c.yaml"
    path.write_text(COUNTY, encoding="utf-8")
    loaded = read_county_year(path, fz.default_catalog())
    assert (2, 7, (), str(path)) == (
        loaded.year_line,
        loaded.year_column,
        loaded.warnings,
        loaded.data.file,
    )
    assert ("甲县", 2023, "河南", "周口市", "411624") == (
        loaded.data.county,
        loaded.data.year,
        loaded.data.province,
        loaded.data.prefecture,
        loaded.data.division_code,
    )
    quoted = fz.parse_county_year(COUNTY.replace("411624", '"０411624"'))
    assert "０411624" == quoted.division_code


def test_county_file_read_as_gb18030_carries_its_warning(tmp_path: Path) -> None:
    """The warning travels both beside the figures and on them, so every report shows it."""
    path = tmp_path / "gb.yaml"
    path.write_bytes(COUNTY.encode("gb18030"))
    loaded = read_county_year(path, fz.default_catalog())
    (warning,) = loaded.warnings
    assert ("encoding-gb18030", "warning", str(path)) == (
        warning.code,
        warning.severity,
        warning.file,
    )
    assert (warning,) == loaded.data.warnings
    assert "甲县" == loaded.data.county


def test_year_outside_the_profile(tmp_path: Path) -> None:
    """Inside the years (ends included) is no problem; outside is one, located at year:."""
    path = tmp_path / "c.yaml"
    path.write_text(COUNTY, encoding="utf-8")
    loaded = read_county_year(path, fz.default_catalog())
    for first, last in ((2023, 2023), (2021, 2025), (2023, None), (2000, None)):
        assert loaded.year_problem(_profile(first, last)) is None
    late = loaded.year_problem(_profile(2019, 2022))
    assert late is not None
    assert (
        "out-of-range",
        str(path),
        2,
        7,
        "year",
        "error",
        "profile 'henan-demonstration-county' is effective for 2019-2022, not for 2023:"
        " expected a year from 2019 to 2022, found 2023;"
        " score it with a profile for 2023",
        "评分标准“henan-demonstration-county”适用年度为2019-2022，不适用于2023年："
        "应为2019年至2022年之间的年度，实际为2023年；请改用适用于2023年的评分标准",
    ) == (
        late.code,
        late.file,
        late.line,
        late.column,
        late.path,
        late.severity,
        late.message,
        late.message_zh,
    )
    early = loaded.year_problem(_profile(2024, None))
    assert early is not None
    assert (
        "profile 'henan-demonstration-county' is effective for 2024-, not for 2023:"
        " expected a year 2024 or later, found 2023; score it with a profile for 2023",
        "评分标准“henan-demonstration-county”适用年度为2024-，不适用于2023年："
        "应为2024年及以后的年度，实际为2023年；请改用适用于2023年的评分标准",
    ) == (early.message, early.message_zh)
    assert loaded.year_problem(_profile(2024, 2030)) is not None


def test_values_keep_their_kind_and_place() -> None:
    """Dates (plain or quoted), yes/no events and hedged counts are read with their place."""
    data = fz.parse_county_year(
        "county: 甲县\nyear: 2023\nvalues:\n"
        "  leadership.annual_report_published_on: '2024-03-28'\n"
        "  events.major_mass_incident: false\n"
        "  mediation.disputes_received: {value: 70, approx: 余}\n"
        "  mediation.disputes_resolved: 60\n"
    )
    shown = {k: (v.value, v.approx, v.line, v.column) for k, v in data.values.items()}
    assert {
        "leadership.annual_report_published_on": (dt.date(2024, 3, 28), None, 4, 42),
        "events.major_mass_incident": (False, None, 5, 31),
        "mediation.disputes_received": (70, "余", 6, 32),
        "mediation.disputes_resolved": (60, None, 7, 32),
    } == shown
    plain = fz.parse_county_year(
        "county: 甲县\nyear: 2023\nvalues:\n  leadership.annual_report_published_on: 2024-03-28\n"
    )
    assert dt.date(2024, 3, 28) == plain.values["leadership.annual_report_published_on"].value


@pytest.mark.parametrize(
    ("written", "found"),
    [("2024/03/28", 'text "2024/03/28"'), ("[1]", "a list"), ("2024-03-28T10:00:00", "date")],
)
def test_a_date_that_is_not_one(written: str, found: str) -> None:
    """An impossible date, a list, or a time of day where a date belongs is a wrong type."""
    with pytest.raises(fz.InputError) as caught:
        fz.parse_county_year(
            "county: 甲县\nyear: 2023\nvalues:\n"
            f"  leadership.annual_report_published_on: {written}\n"
        )
    ((code, message),) = [(p.code, p.message) for p in caught.value.problems]
    assert "wrong-type" == code
    assert message.startswith(f"expected a date such as 2024-03-28, found {found}")
