"""Chinese output is Chinese all the way: no English word but what is shown on purpose.

Every command runs in Chinese (the default) on the bundled examples and the fixtures,
and what it prints is searched for English words once the things a clerk reads or
types as they are have been taken out:

- ids: field and indicator ids (any dotted ``snake_case`` name, misspelt ones typed
  in a file included), profile ids and problem codes (``unknown-id``);
- file names, paths and web addresses;
- on the command line's own pages (help, usage errors): the command, its subcommands,
  options and the values they take (``--format json``);
- in problems about a file: what the file says, quoted (“31 March”), its YAML path
  (``[values.x]``), the county-year format's keys (``values``, ``approx``) and YAML's
  literals (``true``, ``false``, ``null``), which the clerk writes in the file;
- the few names in ``ALLOWED`` below.

The hostile fixtures (``tests/fixtures/html``, ``tests/fixtures/xlsx``) are left out:
their county names are English markup and formulas on purpose.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from rich.cells import cell_len

import fazhi_indicators as fz
from fazhi_indicators import cli
from fazhi_indicators._load.compose import _syntax_zh
from fazhi_indicators._load.county_year import _TOP_KEYS
from fazhi_indicators.cli import main
from fazhi_indicators.errors import ERROR_CODES, Problem
from fazhi_indicators.exact import parse_target, target_text

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT / "tests" / "corpus"
EXAMPLES = fz.example_path("shenqiu-2023").parent
CATALOG = fz.default_catalog()

#: English that stays in Chinese output, each for a reason:
ALLOWED = frozenset(
    {
        "YAML",  # the county-year file format, as the clerk's editor names it
        "CSV",  # the panel formats, as Excel and WPS name them
        "Excel",
        "UTF-8",  # encodings, as Notepad's "另存为" names them
        "GB18030",
        "GBK",
        "Windows",  # "中文 Windows 默认编码": where a GB18030 file comes from
        "NUL",  # the name of the character U+0000 in a problem about a damaged file
        "WPS",  # the office suite, beside Excel, that opens a workbook
    }
)
#: What a clerk writes in a county-year file: its keys and YAML's literals.
FILE_WORDS = frozenset({*_TOP_KEYS, "value", "approx", "true", "false", "null"})
IDS = frozenset({*CATALOG.profiles, *ERROR_CODES})

_URL = re.compile(r"https?://\S+")
_PATH = re.compile(r"\S*[/\\]\S*")
_FILE = re.compile(r"[\w.-]*\.(?:yaml|yml|csv|xlsx|md|json|html)\b")
_DOTTED_ID = re.compile(r"(?<![A-Za-z0-9_])(?:stated:)?[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+")
_CODE_POINT = re.compile(r"U\+[0-9A-F]{4,6}")
_CELL = re.compile(r"(?<=!)\$?[A-Z]{1,3}\$?[0-9]+")
_QUOTED = re.compile(r"“[^”]*”|'[^']*'|\"[^\"]*\"")
_YAML_PATH = re.compile(r"\[[^\]\s]*\]")
_OPTION = re.compile(r"(?<![\w-])--?[a-z][a-z-]*")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")


def _commands() -> dict[str, argparse.ArgumentParser]:
    return cli._subparsers(cli._parser())


def _typed_on_the_command_line() -> frozenset[str]:
    """The command, its subcommands and every value an option takes."""
    words = {"fazhi", *_commands()}
    for parser in (cli._parser(), *_commands().values()):
        for action in parser._actions:
            if action.choices is not None and not isinstance(action.choices, dict):
                words.update(str(choice) for choice in action.choices)
    return frozenset(words)


TYPED = _typed_on_the_command_line()


def english_words(text: str, *, command_line: bool = False, file: bool = False) -> list[str]:
    """The English words left in ``text`` once ids, names and what is typed are taken out.

    ``command_line``: text about the command line (help, usage errors); ``file``:
    problems about an input file.
    """
    for pattern in (_URL, _PATH, _FILE, _DOTTED_ID, _CODE_POINT, _CELL):
        text = pattern.sub(" ", text)
    if file:
        text = _YAML_PATH.sub(" ", _QUOTED.sub(" ", text))
    if command_line:
        text = _QUOTED.sub(" ", _OPTION.sub(" ", text))
    shown = ALLOWED | IDS | (TYPED if command_line else set()) | (FILE_WORDS if file else set())
    return [word for word in _WORD.findall(text) if word not in shown]


def test_the_search_finds_english() -> None:
    """The search itself: English around ids and allowed names is found, ids are not."""
    assert ["READY"] == english_words("结论：READY（henan-demonstration-county）")
    assert ["consistent"] == english_words("  - enforcement.exam_pass_rate [consistent] 相符")
    assert ["target", "true"] == english_words("目标 target true，UTF-8 或 GB18030")
    assert ["while", "scanning"] == english_words("a.yaml 第1行 错误 yaml-syntax：while scanning")
    assert [] == english_words("第4行第3列 [values.x] 错误 bad-choice：实际为“about”", file=True)
    assert ["about"] == english_words("实际为 about", file=True)
    assert [] == english_words(
        "用法：fazhi score [-h] [--format {text,md,json}]", command_line=True
    )
    assert ["usage"] == english_words("usage: fazhi score", command_line=True)


@pytest.fixture(autouse=True)
def _chinese_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """No locale set: the command line speaks Chinese, as it does for most clerks."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


def _run(argv: list[str]) -> tuple[int, str, str]:
    """Run ``fazhi`` in this process: exit code, standard output, standard error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def _county_files() -> list[Path]:
    """Valid county-year files: the bundled examples and the fixtures that load."""
    files = [*sorted(EXAMPLES.glob("*.yaml")), FIXTURES / "corrections-short.yaml"]
    files += sorted((FIXTURES / "county").glob("*.yaml"))
    files += sorted((FIXTURES / "verdicts").glob("*.yaml"))
    files += sorted((FIXTURES / "chinese-keys").glob("*.yaml"))
    return files


def _panels() -> list[Path]:
    return sorted((FIXTURES / "panel").glob("*.csv")) + sorted(
        (FIXTURES / "chinese-keys").glob("*.csv")
    )


def _short(path: Path) -> str:
    return str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name)


def _report_runs() -> Iterator[list[str]]:
    for path in _county_files():
        yield ["score", str(path)]
        yield ["score", str(path), "--format", "md"]
        yield ["check", str(path)]
    for path in _panels():
        yield ["panel", str(path)]
        yield ["panel", str(path), "--format", "md"]
    shenqiu, tongzhou = str(EXAMPLES / "shenqiu-2023.yaml"), str(EXAMPLES / "tongzhou-2023.yaml")
    if "compare" in _commands():
        yield ["compare", shenqiu, tongzhou]
        yield ["compare", shenqiu, tongzhou, "--format", "md"]
    yield ["catalog"]
    yield from (["catalog", i] for i in (*CATALOG.fields, *CATALOG.indicators, *CATALOG.profiles))


REPORT_RUNS = list(_report_runs())


@pytest.mark.parametrize(
    "argv", REPORT_RUNS, ids=[" ".join(_short(Path(a)) for a in run) for run in REPORT_RUNS]
)
def test_reports_are_chinese(argv: list[str]) -> None:
    """Scores, checks, rankings, comparisons and the catalogue, on every fixture that loads."""
    code, out, err = _run(argv)
    assert out or err
    assert [] == english_words(out), out
    assert [] == english_words(err, file=True), err
    assert code in {0, 2}, err


def _problem_inputs() -> list[list[str]]:
    runs = [["check", str(p)] for p in sorted((CORPUS / "county").iterdir())]
    runs += [["panel", str(p)] for p in sorted((CORPUS / "panel").iterdir())]
    return runs


PROBLEM_RUNS = _problem_inputs()


@pytest.mark.parametrize("argv", PROBLEM_RUNS, ids=[_short(Path(run[1])) for run in PROBLEM_RUNS])
def test_problems_are_chinese(argv: list[str]) -> None:
    """Every bad county file and panel of the corpus: located problems in Chinese."""
    code, out, err = _run(argv)
    assert 2 == code
    assert "第" in err or "错误" in err, err
    assert [] == english_words(err, file=True), err
    assert [] == english_words(out), out


def _help_runs() -> list[list[str]]:
    return [["--help"], *([name, "--help"] for name in _commands())]


@pytest.mark.parametrize("argv", _help_runs(), ids=" ".join)
def test_help_is_chinese(argv: list[str]) -> None:
    """``fazhi --help`` and each subcommand's, argparse's own words included."""
    code, out, _ = _run(argv)
    assert 0 == code
    assert out.startswith("用法：fazhi")
    assert "显示本帮助并退出" in out
    assert [] == english_words(out, command_line=True), out


USAGE_ERRORS = [
    ([], "缺少必填参数"),
    (["check"], "缺少必填参数：文件"),
    (["打分"], "无效的选项"),
    (["score", "--format", "表格"], "无效的选项"),
    (["score", "--bogus"], "无法识别的参数"),
    (["score", "--out"], "需要一个值"),
    (["catalog", "没有这一项"], "未知的编号"),
    (["score", "--profile", "没有这一项"], "未知的评分标准"),
]


@pytest.mark.parametrize(("argv", "said"), USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS])
def test_usage_errors_are_chinese(argv: list[str], said: str) -> None:
    """A command line that cannot run says why in Chinese and exits 2."""
    code, out, err = _run(argv)
    assert 2 == code
    assert "" == out
    assert said in err
    assert "错误：" in err
    assert [] == english_words(err, command_line=True), err


def test_an_existing_out_file_is_refused_in_chinese(tmp_path: Path) -> None:
    """``--out`` onto an existing file without ``--force``: one Chinese sentence."""
    out = tmp_path / "report.md"
    out.write_text("", encoding="utf-8")
    code, _, err = _run(["score", "--format", "md", "--out", str(out)])
    assert (2, "错误：") == (code, err[:3])
    assert "已存在；如需覆盖请加 --force" in err
    assert "exists" not in err
    assert [] == english_words(err, command_line=True), err


class _VisibleText(HTMLParser):
    """What a reader sees of an HTML page: its text and its tooltips, not its CSS."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"style", "script"}:
            self.hidden += 1
        self.parts += [v for k, v in attrs if k in {"title", "alt", "aria-label"} and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in {"style", "script"}:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _formats(command: str) -> tuple[str, ...]:
    for action in _commands()[command]._actions:
        if action.dest == "format" and action.choices is not None:
            return tuple(str(choice) for choice in action.choices)
    return ()


def _workbook_text(path: Path) -> str:
    """What a reader sees of a workbook: every text cell of the visible sheets, rows and
    columns, but the id columns (headed 编号)."""
    book = openpyxl.load_workbook(path)
    cells: list[str] = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        cells.append(sheet.title)
        hidden = {
            column
            for dimension in sheet.column_dimensions.values()
            if dimension.hidden and dimension.min is not None and dimension.max is not None
            for column in range(dimension.min, dimension.max + 1)
        }
        rows = [
            row
            for number, row in enumerate(sheet.iter_rows(), start=1)
            if not sheet.row_dimensions[number].hidden
        ]
        hidden |= {c.column for c in (rows[0] if rows else ()) if c.value == "编号"}
        cells += [
            c.value
            for row in rows
            for c in row
            if isinstance(c.value, str) and c.column not in hidden
        ]
    return "\n".join(cells)


def _file_outputs() -> list[tuple[str, str, tuple[str, ...]]]:
    """(command, format, inputs) of each report written to a file, in every file format."""
    shenqiu, tongzhou = str(EXAMPLES / "shenqiu-2023.yaml"), str(EXAMPLES / "tongzhou-2023.yaml")
    runs: list[tuple[str, str, tuple[str, ...]]] = []
    inputs: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("score", (shenqiu,)),
        ("score", (tongzhou,)),
        ("panel", (str(FIXTURES / "panel" / "henan-2023.csv"),)),
        ("compare", (shenqiu, tongzhou)),
    )
    for command, sources in inputs:
        runs += [(command, f, sources) for f in _formats(command) if f in {"html", "xlsx"}]
    return runs


FILE_OUTPUTS = _file_outputs()


@pytest.mark.parametrize(
    ("command", "format_", "sources"),
    FILE_OUTPUTS,
    ids=[f"{c} {f} {' '.join(Path(s).name for s in ss)}" for c, f, ss in FILE_OUTPUTS],
)
def test_html_and_workbooks_are_chinese(
    command: str, format_: str, sources: tuple[str, ...], tmp_path: Path
) -> None:
    """The HTML report's visible text and every cell of the workbook (but its id columns)."""
    out = tmp_path / f"report.{format_}"
    code, _, err = _run([command, *sources, "--format", format_, "--out", str(out)])
    assert 0 == code, err
    if format_ == "html":
        page = _VisibleText()
        page.feed(out.read_text(encoding="utf-8"))
        text = "\n".join(page.parts)
    else:
        text = _workbook_text(out)
    assert "结论" in text or "排名" in text
    assert [] == english_words(text), text


def test_template_workbook_is_chinese(tmp_path: Path) -> None:
    """The fill-in workbook: labels, sheets and its advice, which names commands to type."""
    out = tmp_path / "template.xlsx"
    code, _, err = _run(["template", "--out", str(out)])
    assert 0 == code, err
    text = _workbook_text(out)
    assert "填报值" in text
    assert [] == english_words(text, command_line=True), text


# -- the pieces, one at a time -------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "zh", "deadline"),
    [
        (">= 95%", "≥95%", False),
        ("≥ 95%", "≥95%", False),
        ("<= 15%", "≤15%", False),
        ("> 90.5%", ">90.5%", False),
        ("< 20%", "<20%", False),
        ("== 100%", "100%", False),
        ("= 100%", "100%", False),
        ("true", "是", False),
        ("false", "否", False),
        ("true", "按时", True),
        ("false", "逾期", True),
    ],
)
def test_targets_as_a_clerk_writes_them(written: str, zh: str, deadline: bool) -> None:
    """Chinese writes ``≥95%``, ``100%``, ``是``, ``按时``; English keeps the profile's text."""
    target = parse_target(written)
    assert zh == target_text(target, "zh", deadline=deadline)
    assert written == target_text(target, "en", deadline=deadline)


def test_json_items_carry_both_targets() -> None:
    """JSON keeps ``target`` as written and adds ``target_zh``; the deadline reads 按时."""
    card = fz.score(fz.load_county_year(fz.example_path("shenqiu-2023")))
    items = {i["indicator"]: i for i in json.loads(card.to_json())["items"]}
    assert (">= 95%", "≥95%") == (
        items["enforcement.exam_pass_rate"]["target"],
        items["enforcement.exam_pass_rate"]["target_zh"],
    )
    assert ("true", "按时") == (
        items["leadership.annual_report_on_time"]["target"],
        items["leadership.annual_report_on_time"]["target_zh"],
    )


@pytest.mark.parametrize(
    ("problem", "zh", "en"),
    [
        (
            Problem(
                code="unknown-id",
                message="m",
                message_zh="中",
                file="a.yaml",
                line=4,
                column=3,
                path="values.x",
            ),
            "a.yaml 第4行第3列 [values.x] 错误 unknown-id：中",
            "a.yaml:4:3 [values.x] error unknown-id: m",
        ),
        (
            Problem(
                code="date-in-year",
                message="m",
                message_zh="中",
                file="a.yaml",
                line=7,
                severity="warning",
            ),
            "a.yaml 第7行 提示 date-in-year：中",
            "a.yaml:7 warning date-in-year: m",
        ),
        (
            Problem(code="empty-file", message="m", message_zh="中", file="a.yaml"),
            "a.yaml 错误 empty-file：中",
            "a.yaml error empty-file: m",
        ),
        (
            Problem(code="missing-key", message="m", message_zh="中", path="year"),
            "输入数据 [year] 错误 missing-key：中",
            "<input> [year] error missing-key: m",
        ),
    ],
)
def test_problem_locations(problem: Problem, zh: str, en: str) -> None:
    """Chinese: ``第4行第3列`` and 错误 or 提示; English: ``file:line:column``."""
    assert (zh, en) == (problem.format("zh"), problem.format("en"))


@pytest.mark.parametrize(
    ("parser_says", "zh"),
    [
        ("while scanning for the next token found character that cannot start any token", "制表符"),
        (
            "while scanning for the next token found character '\\t' that cannot start any token",
            "制表符",
        ),
        ("found a tab character that violates indentation", "制表符"),
        ("while scanning a quoted scalar found unexpected end of stream", "右引号"),
        ("while parsing a flow sequence did not find expected ',' or ']'", "右方括号"),
        ("while parsing a flow sequence expected ',' or ']', but got '<stream end>'", "右方括号"),
        ("while parsing a flow mapping did not find expected ',' or '}'", "右花括号"),
        ("while scanning a simple key could not find expected ':'", "缺少冒号"),
        ("mapping values are not allowed in this context", "冒号"),
        ("mapping values are not allowed here", "冒号"),
        ("while parsing a block mapping did not find expected key", "缩进不一致"),
        ("while parsing a block mapping expected <block end>, but found '<scalar>'", "缩进不一致"),
        ("while parsing a block collection did not find expected '-' indicator", "列表项"),
        ("found undefined alias 'a'", "别名"),
        ("expected a single document in the stream but found another document", "一份数据"),
        ("something the parser never said before", "请按所示位置检查"),
    ],
)
def test_yaml_syntax_errors_in_chinese(parser_says: str, zh: str) -> None:
    """What libyaml and PyYAML say, explained in Chinese with no English left."""
    said = _syntax_zh(parser_says)
    assert zh in said
    assert [] == english_words(said)


def test_a_yaml_syntax_error_from_the_command(tmp_path: Path) -> None:
    """An unclosed quote: located where it opened, explained in Chinese; English on request."""
    bad = tmp_path / "bad.yaml"
    bad.write_text('county: "沈丘县\nyear: 2023\n', encoding="utf-8")
    code, _, err = _run(["check", str(bad)])
    assert 2 == code
    assert err.startswith(f"{bad} 第1行第9列 错误 yaml-syntax：YAML 语法错误：")
    assert "右引号" in err
    _, _, english = _run(["check", str(bad), "--lang", "en"])
    assert f"{bad}:1:9 error yaml-syntax: YAML syntax error: " in english


# -- the command line's language ---------------------------------------------------


def test_help_in_english_with_lang_en_anywhere() -> None:
    """``--lang en`` after the command, or before it, gives argparse's English."""
    for argv in (["score", "--lang", "en", "--help"], ["--lang", "en", "score", "--help"]):
        code, out, _ = _run(argv)
        assert 0 == code
        assert out.startswith("usage: fazhi score")
        assert "show this help message and exit" in out
        assert "用法" not in out


@pytest.mark.parametrize(
    ("environment", "english"),
    [
        ({"LANG": "en_US.UTF-8"}, True),
        ({"LANG": "zh_CN.UTF-8"}, False),
        ({"LANG": "C.UTF-8"}, False),
        ({"LC_MESSAGES": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, True),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, False),
        ({"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, True),
    ],
)
def test_help_follows_the_locale(
    environment: dict[str, str],
    english: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """LC_ALL, else LC_MESSAGES, else LANG: English when it starts with ``en``."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    _, out, _ = _run(["check", "--help"])
    assert out.startswith("usage: " if english else "用法：")
    _, _, err = _run(["check"])
    said = "the following arguments are required" if english else "缺少必填参数"
    assert said in err


def test_the_locale_leaves_the_report_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """An English locale changes the command line's words, not the report's language."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    _, out, _ = _run(["score"])
    assert out.splitlines()[1].startswith("结论：")


def test_lang_before_the_command_sets_the_report_language() -> None:
    """``fazhi --lang en score``: the report is in English too."""
    _, out, _ = _run(["--lang", "en", "score"])
    assert out.splitlines()[1].startswith("Verdict: ")


def test_argparse_is_left_as_it_was() -> None:
    """The Chinese is installed only while the command runs: other programs keep English."""
    _run(["score", "--help"])
    _run(["check"])
    parser = argparse.ArgumentParser(prog="other")
    assert parser.format_help().startswith("usage: other")
    assert "show this help message and exit" in parser.format_help()


def test_docs_show_the_help_in_both_languages() -> None:
    """The documentation's command-line page has each command's help in each language."""
    english, chinese = cli.help_texts("en"), cli.help_texts("zh")
    assert [title for title, _ in english] == [title for title, _ in chinese]
    assert ["fazhi", *(f"fazhi {name}" for name in _commands())] == [t for t, _ in english]
    assert all(text.startswith("usage: ") for _, text in english)
    assert all(text.startswith("用法：") for _, text in chinese)


def test_readme_shows_the_report_as_it_reads() -> None:
    """Every line of the README's sample is a line of ``fazhi score`` (… marks a cut)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = readme.split("## What you get", 1)[1].split("```text\n", 1)[1].split("\n```", 1)[0]
    _, out, _ = _run(["score"])
    printed = out.splitlines()
    shown = [line for line in sample.splitlines() if line not in {"…", ""}]
    rules = [line for line in shown if set(line) == {"─"}]
    assert len(rules) == 1
    assert [line for line in shown if line not in rules and line not in printed] == []


@pytest.mark.parametrize("width", [40, 60, 120])
def test_long_reasons_wrap_under_their_first_character(width: int) -> None:
    """A reason longer than the terminal goes on under its first character, within the
    width, with every id whole on one line where one fits (a clerk copies it)."""
    card = fz.score(fz.load_county_year(fz.example_path("shenqiu-2023")))
    lines = card.to_text("zh", width=width).splitlines()
    block = lines[lines.index("理由：") + 1 : lines.index("备注：")]
    assert all(cell_len(line) <= width for line in block)
    items: list[str] = []
    for line in block:
        if line.startswith("  - "):
            items.append(line[4:])
        else:
            assert line.startswith("    ")
            items[-1] += line[4:]
    assert [reason.text_zh for reason in card.reasons] == items
    assert len(block) > len(items)
    if width >= 60:
        wanted = {i for r in card.reasons for i in _DOTTED_ID.findall(r.text_zh)}
        assert wanted
        assert wanted == {i for line in block for i in _DOTTED_ID.findall(line)}
