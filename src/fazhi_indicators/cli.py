"""The ``fazhi`` command: score, check and browse the catalogue.

Exit codes: 0 success; 1 scored but not ready (only with ``--fail-if-not-ready``);
2 invalid input or usage; 3 an internal error (a bug: please report it).
Errors go to standard error, results to standard output or ``--out``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from unicodedata import east_asian_width

from fazhi_indicators import DEFAULT_PROFILE, _load, default_catalog
from fazhi_indicators.errors import (
    FazhiError,
    InputError,
    Problem,
    ProfileNotApplicableError,
    UnknownIdError,
)

if TYPE_CHECKING:
    from fazhi_indicators.county import CountyYear
    from fazhi_indicators.definitions import Catalog, Profile
    from fazhi_indicators.scoring import Scorecard

# Each command imports what it needs when it runs (``noqa: PLC0415`` below): a
# ``fazhi score`` must not pay for the panel engine, Excel or HTML it does not use.

__all__ = ["help_texts", "main"]

EXIT_OK, EXIT_NOT_READY, EXIT_INVALID, EXIT_INTERNAL = 0, 1, 2, 3


class _UsageError(FazhiError):
    """A command line that cannot be carried out, said in English and Chinese."""

    def __init__(self, english: str, chinese: str) -> None:
        """Keep both wordings; ``text(lang)`` picks one."""
        self.english = english
        self.chinese = chinese
        super().__init__(english, chinese)

    def __str__(self) -> str:
        """English then Chinese, as the library's other errors."""
        return f"{self.english} / {self.chinese}"

    def text(self, lang: str = "en") -> str:
        """The message in one language."""
        return self.chinese if lang == "zh" else self.english


# The command line speaks the reader's language: Chinese by default, English with
# ``--lang en`` anywhere on the command line or an English locale (LC_ALL,
# LC_MESSAGES, LANG).  The parser is built for one language at a time, so write every
# help text, metavar and description as ``_h(english, chinese)``: a subcommand or
# option written that way is shown in both languages with nothing else to do.
# argparse's own words ("usage:", "options", its error messages) are translated by
# ``_ARGPARSE_ZH`` while the parser is built and used (see ``_speaking``).
_LANGUAGE: ContextVar[str] = ContextVar("fazhi_cli_language", default="zh")
LANGUAGES = ("zh", "en")


def _h(english: str, chinese: str) -> str:
    """A help text in the language the parser is being built for."""
    return chinese if _LANGUAGE.get() == "zh" else english


#: argparse's messages (Python 3.10 to 3.13) in Chinese; a message not listed stays English.
_ARGPARSE_ZH: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必填参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的选项 %(value)r（可选：%(choices)s）"
    ),
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少一个值",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项 %(option)s 有歧义，可能是：%(matches)s"
    ),
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 须给出其一",
    "ignored explicit argument %r": "多余的值 %r",
    "invalid %(type)s value: %(value)r": "无效的值 %(value)r",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
}


def _gettext_zh(message: str) -> str:
    return _ARGPARSE_ZH.get(message, message)


def _ngettext_zh(singular: str, plural: str, count: int) -> str:
    return _ARGPARSE_ZH.get(singular if count == 1 else plural, plural)


def _environment_language() -> str:
    """English when the locale for messages (LC_ALL, else LC_MESSAGES, else LANG) is."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def _language(argv: Sequence[str]) -> str | None:
    """The last ``--lang`` given anywhere on the command line, if it names a language."""
    chosen = None
    for index, arg in enumerate(argv):
        value = None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in LANGUAGES:
            chosen = value
    return chosen


@contextmanager
def _speaking(lang: str) -> Iterator[None]:
    """Build and run argparse in ``lang``: help texts through ``_h``, its own words too."""
    token = _LANGUAGE.set(lang)
    module = vars(argparse)  # argparse reads ``_`` and ``ngettext`` from its globals
    saved: tuple[Callable[..., str], Callable[..., str]] = (module["_"], module["ngettext"])
    if lang == "zh":
        module["_"], module["ngettext"] = _gettext_zh, _ngettext_zh
    try:
        yield
    finally:
        module["_"], module["ngettext"] = saved
        _LANGUAGE.reset(token)


class _Formatter(argparse.HelpFormatter):
    """Aligns help after a Chinese metavar, which a terminal shows two columns wide."""

    def _format_action(self, action: argparse.Action) -> str:
        text = super()._format_action(action)
        invocation = self._format_action_invocation(action)
        wide = sum(east_asian_width(c) in "WF" for c in invocation)
        head, found, rest = text.partition(invocation + " " * (wide + 2))
        if wide and found and rest.strip() and not rest.startswith("\n"):
            return head + invocation + "  " + rest
        return text


class _Parser(argparse.ArgumentParser):
    """An argument parser with ``_Formatter``; its subcommands' parsers are ``_Parser`` too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401 - argparse's own
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        """Python 3.10 words "argument X: ..." without gettext; say it in Chinese too."""
        if _LANGUAGE.get() == "zh" and message.startswith("argument "):
            name, colon, rest = message.removeprefix("argument ").partition(": ")
            if colon:
                message = _gettext_zh("argument %(argument_name)s: %(message)s") % {
                    "argument_name": name,
                    "message": rest,
                }
        super().error(message)


class _Version(argparse._VersionAction):  # noqa: SLF001 - argparse's own, made lazy
    """``--version``, reading the installed version only when asked for it."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        """Print ``fazhi <version>`` and exit, as argparse's own action does."""
        from fazhi_indicators import __version__  # noqa: PLC0415

        self.version = f"%(prog)s {__version__}"
        super().__call__(parser, namespace, values, option_string)


def _add_format(parser: argparse.ArgumentParser, choices: tuple[str, ...]) -> None:
    parser.add_argument(
        "--format",
        choices=choices,
        default=choices[0],
        help=_h("output format (default: %(default)s)", "输出格式（默认：%(default)s）"),
    )


def _add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="zh",
        help=_h(
            "language: zh Chinese, en English (default: %(default)s)",
            "语言：zh 中文，en 英文（默认：%(default)s）",
        ),
    )


def _add_profile(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--profile",
        default=DEFAULT_PROFILE,
        metavar=_h("PROFILE", "评分标准"),
        help=_h(
            "a profile id, or a profile YAML file (default: %(default)s)",
            "评分标准编号，或评分标准 YAML 文件（默认：%(default)s）",
        ),
    )


def _add_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", metavar=_h("PATH", "路径"), help=_h("write the result to PATH", "把结果写入该路径")
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help=_h("overwrite PATH if it exists", "该路径已有文件时覆盖"),
    )


def _add_scoring_options(
    parser: argparse.ArgumentParser, formats: tuple[str, ...] = ("text", "md", "json")
) -> None:
    """The options shared by every command that scores: profile, output and language."""
    _add_profile(parser)
    _add_format(parser, formats)
    _add_lang(parser)
    _add_out(parser)


def _add_previous(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--previous",
        action="append",
        default=[],
        metavar=_h("FILE_OR_FOLDER", "文件或文件夹"),
        help=_h(
            "an earlier year's county-year file of the same county, or a folder of them,"
            " attached as that year's figures (may be repeated)",
            "同一县（市、区）往年的年度数据文件或文件夹，作为往年数据附上（可重复使用）",
        ),
    )


def _with_previous(args: argparse.Namespace, catalog: Catalog, data: CountyYear) -> CountyYear:
    """``data`` with the earlier files of ``--previous`` attached as its earlier years."""
    if not args.previous:
        return data
    from fazhi_indicators.history import History  # noqa: PLC0415

    earlier = _load.load_county_years([Path(p) for p in args.previous], catalog)
    return History.of([data, *earlier]).attach(data)


def _parser() -> argparse.ArgumentParser:
    """The command line, its help in the language set by ``_speaking`` (Chinese if unset)."""
    parser = _Parser(
        prog="fazhi",
        description=_h(
            "Exact indicators of law-based government (法治政府建设):"
            " compute, check and score a county's yearly figures.",
            "法治政府建设指标的精确计算：计算、核对县（市、区）年度数据并评分。",
        ),
    )
    parser.add_argument(
        "--version",
        action=_Version,
        help=_h("show the version and exit", "显示版本号并退出"),
    )
    parser.add_argument(
        "--catalog",
        metavar=_h("DIR", "目录"),
        help=_h(
            "a catalogue folder to use instead of the shipped one",
            "改用该文件夹中的指标目录，而不是随附的目录",
        ),
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        dest="top_lang",
        help=_h("language of help and output", "帮助和输出的语言"),
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar=_h("COMMAND", "命令"), title=_h("commands", "命令")
    )

    run = commands.add_parser(
        "score",
        help=_h(
            "score a county-year file against a profile", "按评分标准给县（市、区）年度数据打分"
        ),
        description=_h(
            "Score a county-year file against a profile.", "按评分标准给县（市、区）年度数据打分。"
        ),
    )
    run.add_argument(
        "file",
        nargs="?",
        metavar=_h("FILE", "文件"),
        help=_h(
            "county-year YAML, or a filled template .xlsx (default: bundled Shenqiu 2023)",
            "县（市、区）年度数据 YAML 文件或填好的 .xlsx 模板（默认：随附的沈丘县2023年数据）",
        ),
    )
    _add_scoring_options(run, ("text", "md", "json", "xlsx", "html"))
    _add_previous(run)
    run.add_argument(
        "--fail-if-not-ready",
        action="store_true",
        help=_h("exit 1 when the verdict is not READY", "结论不是“具备申报条件”时以退出码1结束"),
    )

    check = commands.add_parser(
        "check",
        help=_h("validate a county-year file and audit it", "检查县（市、区）年度数据文件并核对"),
        description=_h(
            "Validate a county-year file and audit it.", "检查县（市、区）年度数据文件并核对。"
        ),
    )
    check.add_argument(
        "file",
        metavar=_h("FILE", "文件"),
        help=_h(
            "county-year YAML, or a filled template .xlsx",
            "县（市、区）年度数据 YAML 文件或填好的 .xlsx 模板",
        ),
    )
    _add_format(check, ("text", "json"))
    _add_lang(check)
    _add_previous(check)

    history = commands.add_parser(
        "history",
        help=_h(
            "one county over several years: changes year by year, printed changes checked",
            "同一县（市、区）的历年变化：逐年增减，并核对报告所列的同比变化",
        ),
        description=_h(
            "One county over several years, from its county-year files or folders of them:"
            " each field and indicator year over year (better or worse by the indicator's"
            " direction), every printed change (同比增长12.5%) checked against the two"
            " years' figures, and every figure two reports give differently.",
            "由同一县（市、区）的年度数据文件（或存放这些文件的文件夹）得出历年变化：各数据项和"
            "指标的逐年增减（按指标方向判断改善或变差），核对报告所列的变化（如 同比增长12.5%），"
            "并列出前后报告对同一年度给出的不同数字。",
        ),
    )
    history.add_argument(
        "paths",
        nargs="+",
        metavar=_h("FILE_OR_FOLDER", "文件或文件夹"),
        help=_h(
            "county-year files of one county, or folders of them",
            "同一县（市、区）的年度数据文件，或存放这些文件的文件夹",
        ),
    )
    _add_format(history, ("text", "md", "json"))
    _add_lang(history)
    _add_out(history)

    check_profile = commands.add_parser(
        "check-profile",
        help=_h(
            "check a profile file and sum up its items and points",
            "检查评分标准文件，并汇总其评分项和分值",
        ),
        description=_h(
            "Check a profile file: every problem located (exit 0 none, 1 warnings only,"
            " 2 errors), then its items and points per area and how many points rest on"
            " assumptions.",
            "检查评分标准文件：逐条列出问题及其位置（无问题退出码0，仅有提示1，有错误2），"
            "再汇总各领域的评分项和分值，以及多少分值基于假设。",
        ),
    )
    check_profile.add_argument(
        "file",
        metavar=_h("FILE", "文件"),
        help=_h("a profile YAML file", "评分标准 YAML 文件"),
    )
    _add_format(check_profile, ("text", "json"))
    _add_lang(check_profile)

    panel = commands.add_parser(
        "panel",
        help=_h(
            "score every county-year of a CSV or Excel panel",
            "给 CSV 或 Excel 表中每县每年打分并排名",
        ),
        description=_h(
            "Score every county-year of a CSV or Excel panel and rank them.",
            "给 CSV 或 Excel 表中每县每年打分并排名。",
        ),
    )
    panel.add_argument(
        "file",
        metavar=_h("FILE", "文件"),
        help=_h(
            "a .csv (UTF-8 or GB18030) or .xlsx sheet, one row each",
            ".csv（UTF-8 或 GB18030 编码）或 .xlsx 表格，每县每年一行",
        ),
    )
    _add_scoring_options(panel, ("text", "md", "json", "csv", "xlsx", "html"))
    panel.add_argument(
        "--summary",
        action="store_true",
        help=_h(
            "with --format json: one summary per row, the rankings and each year's"
            " distribution (schema fazhi.panel-summary/1), without whole scorecards",
            "与 --format json 同用：每行一条摘要、排名及各年度分布"
            "（fazhi.panel-summary/1），不含完整评分表",
        ),
    )
    panel.add_argument(
        "--county",
        metavar=_h("NAME", "名称"),
        help=_h(
            "show the whole scorecard of this county's row instead of the ranking",
            "不输出排名，改为输出该县（市、区）所在行的完整评分表",
        ),
    )
    panel.add_argument(
        "--year",
        type=int,
        metavar=_h("YEAR", "年度"),
        help=_h(
            "with --county: the year of the row, when the county has several",
            "与 --county 同用：该县有多行时，指定年度",
        ),
    )

    compare = commands.add_parser(
        "compare",
        help=_h(
            "compare two county-year files (e.g. two years), indicator by indicator",
            "逐项比较两个县（市、区）年度数据文件（如两个年度）",
        ),
    )
    compare.add_argument(
        "before",
        metavar=_h("BEFORE", "前一年"),
        help=_h("county-year file of one year", "一个年度的数据文件"),
    )
    compare.add_argument(
        "after",
        metavar=_h("AFTER", "后一年"),
        help=_h("county-year file of another year", "另一个年度的数据文件"),
    )
    _add_scoring_options(compare, ("text", "md", "json", "xlsx", "html"))

    template = commands.add_parser(
        "template",
        help=_h(
            "write an Excel workbook to fill in a county's yearly figures",
            "生成填报县（市、区）年度数据的 Excel 模板",
        ),
        description=_h(
            "Write an Excel workbook to fill in a county's yearly figures: a sheet per"
            " domain, the fields the profile scores first. Score the filled workbook with"
            " fazhi score FILE.xlsx.",
            "生成填报县（市、区）年度数据的 Excel 模板：每个领域一张工作表，评分标准计分的"
            "数据项排在前面。填好后用 fazhi score 文件.xlsx 评分。",
        ),
    )
    _add_profile(template)
    _add_lang(template)
    template.add_argument(
        "--out",
        required=True,
        metavar=_h("FILE.xlsx", "文件.xlsx"),
        help=_h("the workbook to write", "要生成的工作簿"),
    )
    template.add_argument(
        "--force",
        action="store_true",
        help=_h("overwrite FILE.xlsx if it exists", "该文件已存在时覆盖"),
    )

    catalog = commands.add_parser(
        "catalog",
        help=_h("list fields and indicators, or show one", "列出字段和指标，或查看其中一项"),
        description=_h(
            "List fields and indicators, or show one.", "列出字段和指标，或查看其中一项。"
        ),
    )
    catalog.add_argument(
        "id",
        nargs="?",
        metavar=_h("ID", "编号"),
        help=_h("a field, indicator or profile id", "字段、指标或评分标准的编号"),
    )
    _add_format(catalog, ("text", "json"))
    _add_lang(catalog)

    tree = commands.add_parser(
        "tree",
        help=_h("list the official indicator tree of an edition", "列出官方指标体系某一版本"),
        description=_h(
            "List the editions of the official indicator tree, or one edition's levels and"
            " nodes, with what is not yet transcribed.",
            "列出官方指标体系的各版本，或某一版本的层级和节点，并标明尚未录入的部分。",
        ),
    )
    tree.add_argument(
        "edition",
        nargs="?",
        metavar=_h("EDITION", "版本"),
        help=_h(
            "an edition id: 2019, 2021, guide (the application guide)",
            "版本编号：“2019”“2021”或“guide”（申报指南）",
        ),
    )
    _add_format(tree, ("text", "json"))
    _add_lang(tree)
    return parser


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Each subcommand's parser by name."""
    for action in parser._actions:  # noqa: SLF001 - argparse lists subcommands nowhere else
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return dict(action.choices)
    return {}


def help_texts(lang: str = "en") -> list[tuple[str, str]]:
    """The help of ``fazhi`` and of each subcommand in ``lang``, for the documentation."""
    with _speaking(lang):
        parser = _parser()
        texts = [("fazhi", parser.format_help())]
        texts += [(f"fazhi {name}", sub.format_help()) for name, sub in _subparsers(parser).items()]
    return texts


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    """Parse in the language asked for: ``--lang`` anywhere, else the locale, else Chinese.

    ``--lang`` before the command (``fazhi --lang en score``) also sets the output's.
    """
    chosen = _language(argv)
    with _speaking(chosen or _environment_language()):
        args = _parser().parse_args(argv)
    if chosen is not None and hasattr(args, "lang"):
        args.lang = chosen
    return args


def _scorecard_output(card: Scorecard, fmt: str, lang: str) -> str | bytes:
    """One scorecard in the format asked for (xlsx as bytes)."""
    if fmt == "xlsx":
        from fazhi_indicators.report_xlsx import scorecard_xlsx  # noqa: PLC0415

        return scorecard_xlsx(card, lang)
    if fmt == "html":
        from fazhi_indicators.report_html import scorecard_html  # noqa: PLC0415

        return scorecard_html(card, lang)
    from fazhi_indicators import render  # noqa: PLC0415

    if fmt == "json":
        return render.scorecard_json(card) + "\n"
    if fmt == "md":
        return render.scorecard_markdown(card, lang)
    return render.scorecard_text(card, lang)


def _write(text: str | bytes, out: str | None, *, force: bool) -> None:
    """Print, or write atomically (temporary file then rename), never clobbering.

    Bytes (a workbook) go to standard output's binary stream, for a pipe.
    """
    if out is None:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
        return
    target = Path(out)
    if target.exists() and not force:
        raise _UsageError(
            f"{out} exists; use --force to overwrite it", f"{out} 已存在；如需覆盖请加 --force"
        )
    directory = target.parent if str(target.parent) else Path()
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        if isinstance(text, bytes):
            with os.fdopen(handle, "wb") as binary:
                binary.write(text)
        else:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
        # mkstemp makes the file private (0600); give it the mode any new file would get.
        mask = os.umask(0)
        os.umask(mask)
        Path(temporary).chmod(0o666 & ~mask)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _check_workbook_out(args: argparse.Namespace) -> None:
    """A workbook is binary: it goes to a ``.xlsx`` file or a pipe, never to a terminal."""
    if args.format != "xlsx":
        return
    where = f"fazhi {args.command} --format xlsx"
    if args.out is None and sys.stdout.isatty():
        raise _UsageError(
            f"{where}: a workbook is binary and cannot be shown in a terminal;"
            " write it with --out FILE.xlsx",
            f"{where}：Excel 工作簿是二进制文件，不能显示在终端中；请用 --out 文件名.xlsx 写入文件",
        )
    if args.out is not None and Path(args.out).suffix.lower() != ".xlsx":
        raise _UsageError(
            f"{where} --out {args.out}: a workbook needs a name ending in .xlsx",
            f"{where} --out {args.out}：工作簿文件名须以 .xlsx 结尾",
        )


def _catalog_folder(args: argparse.Namespace) -> Path:
    return Path(args.catalog) if args.catalog else _load.catalog_root()


def _profile(args: argparse.Namespace, catalog: Catalog) -> Profile:
    """The profile named by ``--profile``: a file (which may extend the catalogue's) or an id."""
    arg = args.profile
    if arg.endswith((".yaml", ".yml")) or Path(arg).is_file():
        return _load.load_profile(Path(arg), catalog, _catalog_folder(args) / "profiles")
    return catalog.profile(arg)


def _score(args: argparse.Namespace, catalog: Catalog) -> int:
    from fazhi_indicators.scoring import Readiness, score  # noqa: PLC0415

    _check_workbook_out(args)
    path = Path(args.file) if args.file else _load.example_path("shenqiu-2023")
    loaded = _load.read_county_year(path, catalog)
    profile = _profile(args, catalog)
    outside = loaded.year_problem(profile)
    if outside is not None:
        raise InputError([*loaded.warnings, outside])
    data = _with_previous(args, catalog, loaded.data)
    _print_warnings(data.warnings, args.lang)
    card = score(data, profile, catalog)
    _write(_scorecard_output(card, args.format, args.lang), args.out, force=args.force)
    if args.fail_if_not_ready and card.verdict != Readiness.READY:
        return EXIT_NOT_READY
    return EXIT_OK


def _panel(args: argparse.Namespace, catalog: Catalog) -> int:
    """Score every row; a row the profile does not cover is a located problem of that row.

    The other rows are still scored and ranked, and the exit code is 2.  Rankings
    (text, md, csv, summary JSON) come from the column-by-column scorer; whole
    scorecards (JSON, xlsx, html) from ``score()`` of each row, as before.
    """
    _check_workbook_out(args)
    profile = _profile(args, catalog)
    if args.county is not None:
        return _panel_county(args, catalog, profile)
    if args.format in ("text", "md", "csv") or (args.format == "json" and args.summary):
        return _panel_ranking(args, catalog, profile)
    from fazhi_indicators.scoring import score  # noqa: PLC0415 - whole scorecards only

    panel = _load.load_panel(Path(args.file), catalog)
    first, last = profile.effective_from, profile.effective_to
    cards: list[Scorecard] = []
    problems: list[Problem] = []
    for index, row in enumerate(panel.rows):
        if row.year < first or (last is not None and row.year > last):
            outside = ProfileNotApplicableError(profile.id, row.year, first, last)
            problems.append(panel.year_problem(index, outside))
        else:
            cards.append(score(row, profile, catalog))
    text: str | bytes
    if args.format == "json":
        from fazhi_indicators.render import panel_json  # noqa: PLC0415

        text = panel_json(cards, problems=problems) + "\n"
    elif args.format == "xlsx":
        from fazhi_indicators.report_xlsx import panel_xlsx  # noqa: PLC0415

        text = panel_xlsx(cards, args.lang, problems=problems)
    else:
        from fazhi_indicators.report_html import panel_html  # noqa: PLC0415

        text = panel_html(cards, args.lang)
    _write(text, args.out, force=args.force)
    if problems:
        _print_problems(InputError(problems), args.lang)
        return EXIT_INVALID
    return EXIT_OK


def _panel_ranking(args: argparse.Namespace, catalog: Catalog, profile: Profile) -> int:
    """The ranking of a whole panel, scored column by column."""
    from fazhi_indicators._load.panel import read_panel_columns  # noqa: PLC0415
    from fazhi_indicators.panel_engine import compile_profile, score_columns  # noqa: PLC0415
    from fazhi_indicators.panel_report import (  # noqa: PLC0415
        panel_csv,
        panel_distribution_markdown,
        panel_summary_json,
    )

    columns = read_panel_columns(Path(args.file), catalog)
    result = score_columns(columns, compile_profile(profile, catalog))
    problems = columns.year_problems(result.outside, profile)
    text: str | bytes
    if args.format == "csv":
        text = panel_csv(result, args.lang)
    elif args.format == "json":
        text = panel_summary_json(result, problems=problems) + "\n"
    elif args.format == "md":
        from fazhi_indicators.render import panel_markdown  # noqa: PLC0415

        text = panel_markdown(result.rows, args.lang) + "\n"
        text += panel_distribution_markdown(result, profile, args.lang)
    else:
        from fazhi_indicators.render import panel_text  # noqa: PLC0415

        text = panel_text(result.rows, args.lang)
    _write(text, args.out, force=args.force)
    if problems:
        _print_problems(InputError(problems), args.lang)
        return EXIT_INVALID
    return EXIT_OK


def _panel_county(args: argparse.Namespace, catalog: Catalog, profile: Profile) -> int:
    """One row's whole scorecard, found by county (and year)."""
    from fazhi_indicators._load.panel import read_panel_columns  # noqa: PLC0415
    from fazhi_indicators.scoring import score  # noqa: PLC0415

    columns = read_panel_columns(Path(args.file), catalog)
    found = [
        index
        for index, county in enumerate(columns.county)
        if county == args.county and (args.year is None or columns.year[index] == args.year)
    ]
    where = f"fazhi panel --county {args.county}" + (
        f" --year {args.year}" if args.year is not None else ""
    )
    if not found:
        raise _UsageError(
            f"{where}: no row of {args.file} is of this county"
            + (" and year" if args.year is not None else ""),
            f"{where}：{args.file} 中没有该县（市、区）"
            + ("该年度" if args.year is not None else "")
            + "的行",
        )
    if len(found) > 1:
        years = ", ".join(str(columns.year[i]) for i in found)
        raise _UsageError(
            f"{where}: the county has rows for {years}; choose one with --year",
            f"{where}：该县（市、区）有 {years} 年度的多行数据；请用 --year 指定年度",
        )
    if args.format == "csv":
        raise _UsageError(
            f"{where}: a scorecard is not a CSV table; use --format text, md, json, xlsx or html",
            f"{where}：评分表不能输出为 CSV；请使用 --format text、md、json、xlsx 或 html",
        )
    (index,) = found
    data = columns.county_year(index, catalog)
    first, last = profile.effective_from, profile.effective_to
    if data.year < first or (last is not None and data.year > last):
        outside = ProfileNotApplicableError(profile.id, data.year, first, last)
        raise InputError([columns.year_problem(index, outside)])
    card = score(data, profile, catalog)
    _write(_scorecard_output(card, args.format, args.lang), args.out, force=args.force)
    return EXIT_OK


def _template(args: argparse.Namespace, catalog: Catalog) -> int:
    """Write the fill-in workbook; ``fazhi score`` reads it back once it is filled."""
    if Path(args.out).suffix.lower() != ".xlsx":
        raise _UsageError(
            f"fazhi template --out {args.out}: a workbook needs a name ending in .xlsx",
            f"fazhi template --out {args.out}：工作簿文件名须以 .xlsx 结尾",
        )
    workbook = _load.template_workbook(catalog, _profile(args, catalog), args.lang)
    _write(workbook, args.out, force=args.force)
    sys.stdout.write(_t(args.lang, f"wrote {args.out}\n", f"已生成填报模板：{args.out}\n"))
    return EXIT_OK


def _compare(args: argparse.Namespace, catalog: Catalog) -> int:
    """Score both files with one profile and show what moved, in the better direction."""
    from fazhi_indicators.compare import compare  # noqa: PLC0415
    from fazhi_indicators.scoring import score  # noqa: PLC0415

    _check_workbook_out(args)
    profile = _profile(args, catalog)
    cards = []
    for path in (args.before, args.after):
        loaded = _load.read_county_year(Path(path), catalog)
        outside = loaded.year_problem(profile)
        if outside is not None:
            raise InputError([*loaded.warnings, outside])
        _print_warnings(loaded.warnings, args.lang)
        cards.append(score(loaded.data, profile, catalog))
    first, second = sorted(cards, key=lambda card: card.year)
    comparison = compare(first, second)
    text: str | bytes
    if args.format == "html":
        from fazhi_indicators.report_html import comparison_html  # noqa: PLC0415

        text = comparison_html(comparison, args.lang)
    elif args.format == "xlsx":
        from fazhi_indicators.report_xlsx import comparison_xlsx  # noqa: PLC0415

        text = comparison_xlsx(comparison, args.lang)
    else:
        from fazhi_indicators import render  # noqa: PLC0415

        if args.format == "json":
            text = render.comparison_json(comparison) + "\n"
        elif args.format == "md":
            text = render.comparison_markdown(comparison, args.lang)
        else:
            text = render.comparison_text(comparison, args.lang)
    _write(text, args.out, force=args.force)
    return EXIT_OK


def _check(args: argparse.Namespace, catalog: Catalog) -> int:
    from fazhi_indicators.audit import audit  # noqa: PLC0415
    from fazhi_indicators.compute import compute, resolve_fields  # noqa: PLC0415
    from fazhi_indicators.render import check_json, check_text  # noqa: PLC0415

    try:
        loaded = _load.read_county_year(Path(args.file), catalog)
        data = _with_previous(args, catalog, loaded.data)
    except InputError as exc:
        if args.format == "json":
            sys.stdout.write(check_json(exc.problems, [], None) + "\n")
        else:
            _print_problems(exc, args.lang)
        return EXIT_INVALID
    bounds = resolve_fields(catalog, data)
    values = compute(catalog, data, bounds=bounds)
    entries = audit(catalog, data, values, bounds=bounds)
    if args.format == "json":
        sys.stdout.write(check_json(data.warnings, entries, values, data) + "\n")
        return EXIT_OK
    _print_warnings(data.warnings, args.lang)
    sys.stdout.write(check_text(catalog, data, entries, values, args.lang))
    return EXIT_OK


def _history(args: argparse.Namespace, catalog: Catalog) -> int:
    """Several years of one county: deltas, printed changes checked, restated figures."""
    from fazhi_indicators.history import History, history_report  # noqa: PLC0415
    from fazhi_indicators.history_report import (  # noqa: PLC0415
        history_json,
        history_markdown,
        history_text,
    )

    files = _load.load_county_years([Path(p) for p in args.paths], catalog)
    report = history_report(catalog, History.of(files))
    for data in files:
        _print_warnings(data.warnings, args.lang)
    if args.format == "json":
        text = history_json(report) + "\n"
    elif args.format == "md":
        text = history_markdown(report, args.lang)
    else:
        text = history_text(report, args.lang)
    _write(text, args.out, force=args.force)
    return EXIT_OK


def _check_profile(args: argparse.Namespace, catalog: Catalog) -> int:
    """Every problem of a profile file, located, then its figures; exit 0, 1 or 2."""
    from fazhi_indicators.profile_summary import profile_check_json, profile_check_text  # noqa: PLC0415

    check = _load.check_profile_file(Path(args.file), catalog, _catalog_folder(args) / "profiles")
    if args.format == "json":
        sys.stdout.write(profile_check_json(check) + "\n")
    else:
        sys.stdout.write(profile_check_text(check, args.lang))
    return check.exit_code


def _catalog(args: argparse.Namespace, catalog: Catalog) -> int:
    lang = args.lang
    if args.id is None:
        rows: list[dict[str, str]] = (
            [
                {"id": f.id, "kind": "field", "zh": f.name.zh, "en": f.name.en, "detail": f.type}
                for f in catalog.fields.values()
            ]
            + [
                {
                    "id": i.id,
                    "kind": "indicator",
                    "zh": i.name.zh,
                    "en": i.name.en,
                    "detail": i.formula(),
                }
                for i in catalog.indicators.values()
            ]
            + [
                {
                    "id": p.id,
                    "kind": "profile",
                    "zh": p.title.zh,
                    "en": p.title.en,
                    "detail": f"version {p.version}",
                }
                for p in catalog.profiles.values()
            ]
        )
        if args.format == "json":
            sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(_listing(catalog, lang))
        return EXIT_OK
    wanted = args.id
    if wanted not in (*catalog.fields, *catalog.indicators, *catalog.profiles):
        found = _named(catalog, wanted)
        if len(found) > 1:
            if args.format == "json":
                sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
            else:
                sys.stdout.write(_listing(catalog, lang, only=set(found)))
            return EXIT_OK
        wanted = found[0] if found else wanted
    detail = _describe(catalog, wanted)
    if args.format == "json":
        sys.stdout.write(json.dumps(detail, ensure_ascii=False, indent=2) + "\n")
    elif args.lang == "zh":
        from fazhi_indicators.render import catalog_entry_zh  # noqa: PLC0415

        sys.stdout.write(catalog_entry_zh(catalog, wanted))
    else:
        sys.stdout.write("".join(f"{k}: {v}\n" for k, v in detail.items()))
    return EXIT_OK


def _tree(args: argparse.Namespace, catalog: Catalog) -> int:
    """The editions, or one edition's nodes; an unknown edition suggests the known ones."""
    from fazhi_indicators.tree_listing import edition_json, edition_text, editions_text  # noqa: PLC0415

    if args.edition is None:
        if args.format == "json":
            rows = [
                {
                    "id": e.id,
                    "zh": e.name.zh,
                    "en": e.name.en,
                    "counts": [n.count for n in e.levels],
                }
                for e in catalog.trees.values()
            ]
            sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(editions_text(catalog.trees, args.lang))
        return EXIT_OK
    if args.edition not in catalog.trees:
        raise UnknownIdError("tree edition", args.edition, catalog.trees)
    edition = catalog.trees[args.edition]
    if args.format == "json":
        sys.stdout.write(edition_json(edition) + "\n")
    else:
        sys.stdout.write(edition_text(edition, args.lang))
    return EXIT_OK


def _named(catalog: Catalog, text: str) -> list[str]:
    """Ids whose Chinese or English name is ``text``, else whose name contains it."""
    wanted = text.strip().casefold()
    names = [(f.id, f.name) for f in catalog.fields.values()]
    names += [(i.id, i.name) for i in catalog.indicators.values()]
    names += [(p.id, p.title) for p in catalog.profiles.values()]
    exact = [i for i, n in names if wanted in (n.zh.casefold(), n.en.casefold())]
    if exact or not wanted:
        return exact
    return [i for i, n in names if wanted in n.zh.casefold() or wanted in n.en.casefold()]


def _width(text: str) -> int:
    """Columns a terminal gives ``text``: two for each wide (Chinese) character."""
    return sum(2 if east_asian_width(c) in "WF" else 1 for c in text)


_LISTED_KIND = {
    "share": ("share", "占比"),
    "clearance": ("clearance", "结案类比率"),
    "ratio": ("ratio a:1", "比值"),
    "deadline": ("deadline", "按期完成"),
    "boolean": ("yes/no", "是否"),
    "date": ("date", "日期"),
}


def _listing(catalog: Catalog, lang: str, only: set[str] | None = None) -> str:
    """Fields and indicators by domain, then profiles, in aligned columns."""
    zh = lang == "zh"
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for f in catalog.fields.values():
        unit = "" if f.unit is None else f.unit.get(lang)
        kind = unit if f.type == "count" else _LISTED_KIND[f.type][zh]
        groups.setdefault(f.domain, []).append((f.id, f.name.get(lang), kind))
    for i in catalog.indicators.values():
        kind = ("指标：" if zh else "indicator: ") + _LISTED_KIND[i.kind][zh]
        groups.setdefault(i.domain, []).append((i.id, i.name.get(lang), kind))
    for p in catalog.profiles.values():
        kind = ("评分标准 " if zh else "profile ") + p.version
        groups.setdefault("", []).append((p.id, p.title.get(lang), kind))
    rows = {d: [r for r in g if only is None or r[0] in only] for d, g in groups.items()}
    shown = [r for g in rows.values() for r in g]
    id_width = max((len(r[0]) for r in shown), default=0) + 2
    name_width = max((_width(r[1]) for r in shown), default=0) + 2
    lines: list[str] = []
    for domain, group in rows.items():
        if not group:
            continue
        label = catalog.domains.get(domain)
        if not domain:
            heading = "评分标准" if zh else "Profiles"
        elif label is None:
            heading = domain
        else:
            heading = label.zh if zh else f"{label.en} ({domain})"
        lines += ["", heading] if lines else [heading]
        for item_id, name, kind in group:
            pad = " " * (name_width - _width(name))
            lines.append(f"  {item_id:<{id_width}}{name}{pad}{kind}".rstrip())
    return "".join(f"{line}\n" for line in lines)


def _describe(catalog: Catalog, wanted: str) -> dict[str, object]:
    if wanted in catalog.fields:
        f = catalog.fields[wanted]
        return {
            "id": f.id,
            "kind": "field",
            "name_zh": f.name.zh,
            "name_en": f.name.en,
            "type": f.type,
            "description": None if f.description is None else f.description.en,
            "parts": list(f.parts),
            "subset_of": f.subset_of,
            "source": None if f.source is None else f.source.title or f.source.note,
        }
    if wanted in catalog.indicators:
        i = catalog.indicators[wanted]
        used = [
            f"{p.id}: {item.target} ({item.points} points, {item.source.basis})"
            for p in catalog.profiles.values()
            for item in p.items
            if item.indicator == i.id
        ]
        return {
            "id": i.id,
            "kind": i.kind,
            "name_zh": i.name.zh,
            "name_en": i.name.en,
            "formula": i.formula(),
            "description": None if i.description is None else i.description.en,
            "direction": i.direction,
            "basis": None if i.source is None else i.source.basis,
            "source": None if i.source is None else i.source.title or i.source.note,
            "url": None if i.source is None else i.source.url,
            "profiles": used,
        }
    if wanted not in catalog.profiles:
        raise UnknownIdError(
            "id", wanted, (*catalog.fields, *catalog.indicators, *catalog.profiles)
        )
    profile = catalog.profiles[wanted]
    return {
        "id": profile.id,
        "kind": "profile",
        "version": profile.version,
        "title_zh": profile.title.zh,
        "title_en": profile.title.en,
        "effective": f"{profile.effective_from}-{profile.effective_to or ''}",
        "items": len(profile.items),
        "max_total": str(profile.max_total),
        "assumptions": profile.assumption_count(),
    }


def _print_problems(error: InputError, lang: str) -> None:
    # One write: a country's panel may have thousands of rows outside the profile's years.
    sys.stderr.write("".join(problem.format(lang) + "\n" for problem in error.problems))


def _print_warnings(warnings: Sequence[Problem], lang: str) -> None:
    """Warnings of a file that loaded: shown on standard error, the result still produced."""
    sys.stderr.write("".join(warning.format(lang) + "\n" for warning in warnings))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    args = _parse(sys.argv[1:] if argv is None else argv)
    lang = getattr(args, "lang", None) or args.top_lang or _environment_language()
    try:
        catalog = _load.load_catalog(Path(args.catalog)) if args.catalog else default_catalog()
        handlers = {
            "score": _score,
            "check": _check,
            "check-profile": _check_profile,
            "catalog": _catalog,
            "panel": _panel,
            "compare": _compare,
            "history": _history,
            "template": _template,
            "tree": _tree,
        }
        handler = handlers[args.command]
        return handler(args, catalog)
    except InputError as exc:
        if getattr(args, "format", None) == "json":
            # A caller that asked for JSON reads standard output: the problems go there.
            from fazhi_indicators.render import check_json  # noqa: PLC0415

            sys.stdout.write(check_json(exc.problems, [], None) + "\n")
        else:
            _print_problems(exc, lang)
        return EXIT_INVALID
    except FazhiError as exc:
        sys.stderr.write(_t(lang, "error: ", "错误：") + exc.text(lang) + "\n")
        return EXIT_INVALID
    except OSError as exc:
        sys.stderr.write(
            _t(lang, "error: ", "错误：")
            + f"{exc.filename or ''}: {exc.strerror}"
            + _t(lang, "", "（文件操作失败）")
            + "\n"
        )
        return EXIT_INVALID
    except Exception as exc:
        if os.environ.get("FAZHI_DEBUG"):
            raise
        sys.stderr.write(
            _t(
                lang,
                f"internal error ({type(exc).__name__}: {exc}); please report it\n",
                f"内部错误（{type(exc).__name__}: {exc}）；请报告此问题\n",
            )
        )
        return EXIT_INTERNAL


def _t(lang: str, english: str, chinese: str) -> str:
    return chinese if lang == "zh" else english


if __name__ == "__main__":
    sys.exit(main())
