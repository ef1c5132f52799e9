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
from collections.abc import Sequence
from pathlib import Path

from fazhi_indicators import DEFAULT_PROFILE, __version__, _load, default_catalog
from fazhi_indicators.audit import audit
from fazhi_indicators.compare import compare
from fazhi_indicators.compute import compute, resolve_fields
from fazhi_indicators.definitions import Catalog, Profile
from fazhi_indicators.errors import (
    FazhiError,
    InputError,
    Problem,
    ProfileNotApplicableError,
    UnknownIdError,
)
from fazhi_indicators.render import (
    check_json,
    comparison_json,
    comparison_markdown,
    comparison_text,
    display_value,
    panel_json,
    panel_markdown,
    panel_text,
    scorecard_json,
    scorecard_markdown,
    scorecard_text,
)
from fazhi_indicators.scoring import Readiness, Scorecard, score

__all__ = ["help_texts", "main"]

EXIT_OK, EXIT_NOT_READY, EXIT_INVALID, EXIT_INTERNAL = 0, 1, 2, 3


class _UsageError(FazhiError):
    """A command line that cannot be carried out."""


def _add_scoring_options(parser: argparse.ArgumentParser) -> None:
    """The options shared by every command that scores: profile, output and language."""
    parser.add_argument(
        "--profile",
        default=DEFAULT_PROFILE,
        help="a profile id, or a profile YAML file (default: %(default)s)",
    )
    parser.add_argument("--format", choices=("text", "md", "json"), default="text")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--out", metavar="PATH", help="write the result to PATH")
    parser.add_argument("--force", action="store_true", help="overwrite PATH if it exists")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fazhi",
        description="Exact indicators of law-based government (法治政府建设):"
        " compute, check and score a county's yearly figures.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--catalog", metavar="DIR", help="a catalogue folder to use instead of the shipped one"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("score", help="score a county-year file against a profile")
    run.add_argument("file", nargs="?", help="county-year YAML (default: bundled Shenqiu 2023)")
    _add_scoring_options(run)
    run.add_argument(
        "--fail-if-not-ready", action="store_true", help="exit 1 when the verdict is not READY"
    )

    check = commands.add_parser("check", help="validate a county-year file and audit it")
    check.add_argument("file", help="county-year YAML")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--lang", choices=("zh", "en"), default="zh")

    panel = commands.add_parser("panel", help="score every county-year of a CSV or Excel panel")
    panel.add_argument("file", help="a .csv (UTF-8 or GB18030) or .xlsx sheet, one row each")
    _add_scoring_options(panel)

    compare = commands.add_parser(
        "compare", help="compare two county-year files (e.g. two years), indicator by indicator"
    )
    compare.add_argument("before", help="county-year file of one year")
    compare.add_argument("after", help="county-year file of another year")
    compare.add_argument(
        "--profile",
        default=DEFAULT_PROFILE,
        help="a profile id, or a profile YAML file (default: %(default)s)",
    )
    compare.add_argument("--format", choices=("text", "md", "json"), default="text")
    compare.add_argument("--lang", choices=("zh", "en"), default="zh")
    compare.add_argument("--out", metavar="PATH", help="write the result to PATH")
    compare.add_argument("--force", action="store_true", help="overwrite PATH if it exists")

    catalog = commands.add_parser("catalog", help="list fields and indicators, or show one")
    catalog.add_argument("id", nargs="?", help="a field, indicator or profile id")
    catalog.add_argument("--format", choices=("text", "json"), default="text")
    catalog.add_argument("--lang", choices=("zh", "en"), default="zh")
    return parser


def help_texts() -> list[tuple[str, str]]:
    """The help of ``fazhi`` and of each subcommand, for the documentation."""
    parser = _parser()
    texts = [("fazhi", parser.format_help())]
    for action in parser._actions:  # noqa: SLF001 - argparse lists subcommands nowhere else
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            texts += [(f"fazhi {name}", sub.format_help()) for name, sub in action.choices.items()]
    return texts


def _write(text: str, out: str | None, *, force: bool) -> None:
    """Print, or write atomically (temporary file then rename), never clobbering."""
    if out is None:
        sys.stdout.write(text)
        return
    target = Path(out)
    if target.exists() and not force:
        raise _UsageError(
            f"{out} exists; use --force to overwrite it / {out} 已存在；如需覆盖请加 --force"
        )
    directory = target.parent if str(target.parent) else Path()
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _catalog_folder(args: argparse.Namespace) -> Path:
    return Path(args.catalog) if args.catalog else _load.catalog_root()


def _profile(args: argparse.Namespace, catalog: Catalog) -> Profile:
    """The profile named by ``--profile``: a file (which may extend the catalogue's) or an id."""
    arg = args.profile
    if arg.endswith((".yaml", ".yml")) or Path(arg).is_file():
        return _load.load_profile(Path(arg), catalog, _catalog_folder(args) / "profiles")
    return catalog.profile(arg)


def _score(args: argparse.Namespace, catalog: Catalog) -> int:
    path = Path(args.file) if args.file else _load.example_path("shenqiu-2023")
    loaded = _load.read_county_year(path, catalog)
    profile = _profile(args, catalog)
    outside = loaded.year_problem(profile)
    if outside is not None:
        raise InputError([*loaded.warnings, outside])
    _print_warnings(loaded.warnings, args.lang)
    card = score(loaded.data, profile, catalog)
    if args.format == "json":
        text = scorecard_json(card) + "\n"
    elif args.format == "md":
        text = scorecard_markdown(card, args.lang)
    else:
        text = scorecard_text(card, args.lang)
    _write(text, args.out, force=args.force)
    if args.fail_if_not_ready and card.verdict != Readiness.READY:
        return EXIT_NOT_READY
    return EXIT_OK


def _panel(args: argparse.Namespace, catalog: Catalog) -> int:
    """Score every row; a row the profile does not cover is a located problem of that row.

    The other rows are still scored and ranked, and the exit code is 2.
    """
    panel = _load.load_panel(Path(args.file), catalog)
    profile = _profile(args, catalog)
    first, last = profile.effective_from, profile.effective_to
    cards: list[Scorecard] = []
    problems: list[Problem] = []
    for index, row in enumerate(panel.rows):
        if row.year < first or (last is not None and row.year > last):
            outside = ProfileNotApplicableError(profile.id, row.year, first, last)
            problems.append(panel.year_problem(index, outside))
        else:
            cards.append(score(row, profile, catalog))
    if args.format == "json":
        text = panel_json(cards, problems=problems) + "\n"
    elif args.format == "md":
        text = panel_markdown(cards, args.lang)
    else:
        text = panel_text(cards, args.lang)
    _write(text, args.out, force=args.force)
    if problems:
        _print_problems(InputError(problems), args.lang)
        return EXIT_INVALID
    return EXIT_OK


def _compare(args: argparse.Namespace, catalog: Catalog) -> int:
    """Score both files with one profile and show what moved, in the better direction."""
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
    if args.format == "json":
        text = comparison_json(comparison) + "\n"
    elif args.format == "md":
        text = comparison_markdown(comparison, args.lang)
    else:
        text = comparison_text(comparison, args.lang)
    _write(text, args.out, force=args.force)
    return EXIT_OK


def _check(args: argparse.Namespace, catalog: Catalog) -> int:
    try:
        loaded = _load.read_county_year(Path(args.file), catalog)
    except InputError as exc:
        if args.format == "json":
            sys.stdout.write(check_json(exc.problems, [], None) + "\n")
        else:
            _print_problems(exc, args.lang)
        return EXIT_INVALID
    data = loaded.data
    bounds = resolve_fields(catalog, data)
    values = compute(catalog, data, bounds=bounds)
    entries = audit(catalog, data, values, bounds=bounds)
    if args.format == "json":
        sys.stdout.write(check_json(loaded.warnings, entries, values) + "\n")
        return EXIT_OK
    _print_warnings(loaded.warnings, args.lang)
    zh = args.lang == "zh"
    out = [f"{data.county} {data.year}: " + ("文件有效" if zh else "the file is valid")]
    out.append("核对：" if zh else "Audit:")
    out += [f"  - {e.subject} [{e.status}] {e.detail_zh if zh else e.detail}" for e in entries]
    out.append("指标：" if zh else "Indicators:")
    out += [f"  - {i}: {display_value(catalog, v, args.lang)}" for i, v in values.items()]
    sys.stdout.write("\n".join(out) + "\n")
    return EXIT_OK


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
            sys.stdout.write("".join(f"{r['id']:<48} {r[lang]}\n" for r in rows))
        return EXIT_OK
    detail = _describe(catalog, args.id)
    if args.format == "json":
        sys.stdout.write(json.dumps(detail, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write("".join(f"{k}: {v}\n" for k, v in detail.items()))
    return EXIT_OK


def _describe(catalog: Catalog, wanted: str) -> dict[str, object]:
    if wanted in catalog.fields:
        f = catalog.fields[wanted]
        return {
            "id": f.id,
            "kind": "field",
            "name_zh": f.name.zh,
            "name_en": f.name.en,
            "type": f.type,
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
    for problem in error.problems:
        sys.stderr.write(problem.format(lang) + "\n")


def _print_warnings(warnings: Sequence[Problem], lang: str) -> None:
    """Warnings of a file that loaded: shown on standard error, the result still produced."""
    for warning in warnings:
        sys.stderr.write(warning.format(lang) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    args = _parser().parse_args(argv)
    lang = getattr(args, "lang", "zh")
    try:
        catalog = _load.load_catalog(Path(args.catalog)) if args.catalog else default_catalog()
        handlers = {
            "score": _score,
            "check": _check,
            "catalog": _catalog,
            "panel": _panel,
            "compare": _compare,
        }
        handler = handlers[args.command]
        return handler(args, catalog)
    except InputError as exc:
        if getattr(args, "format", None) == "json":
            # A caller that asked for JSON reads standard output: the problems go there.
            sys.stdout.write(check_json(exc.problems, [], None) + "\n")
        else:
            _print_problems(exc, lang)
        return EXIT_INVALID
    except FazhiError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return EXIT_INVALID
    except OSError as exc:
        sys.stderr.write(f"error: {exc.filename or ''}: {exc.strerror} / 文件操作失败\n")
        return EXIT_INVALID
    except Exception as exc:
        if os.environ.get("FAZHI_DEBUG"):
            raise
        sys.stderr.write(f"internal error ({type(exc).__name__}: {exc}); please report it\n")
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
