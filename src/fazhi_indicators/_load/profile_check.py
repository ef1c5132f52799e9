"""Private: check a profile file as its author writes it, for ``fazhi check-profile``.

Loading a profile already reports every error, located (see the profile module).
Checking it also looks for what scores but misleads: a number that rests on
``basis: assumption`` without a word of why, a number said to rest on a law or a
published document that names none, a grade no total can reach.  Those are warnings,
located where they are written, so that the profile can be fixed before it is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

from fazhi_indicators._load.compose import read_yaml_file
from fazhi_indicators._load.profile import _read_profiles, load_profile
from fazhi_indicators._load.reader import problem
from fazhi_indicators._load.tree import Mapping, Node, Scalar, Sequence
from fazhi_indicators.definitions import Catalog
from fazhi_indicators.errors import InputError, Problem
from fazhi_indicators.exact import format_number
from fazhi_indicators.profile_summary import ProfileCheck, summarize

__all__ = ["check_profile_file"]


def _mappings(node: Node | None) -> Iterator[Mapping]:
    """Every mapping in the tree, depth first in file order."""
    if isinstance(node, Mapping):
        yield node
        for child in node.items.values():
            yield from _mappings(child)
    elif isinstance(node, Sequence):
        for child in node.items:
            yield from _mappings(child)


def _filled(mapping: Mapping, key: str) -> bool:
    """Whether ``key`` holds some text (an empty string says nothing)."""
    node = mapping.items.get(key)
    return isinstance(node, Scalar) and node.value is not None and str(node.value).strip() != ""


def _source_warnings(tree: Node | None, file: str) -> list[Problem]:
    """A basis that gives no reason (assumption) or names no document (law, official)."""
    warnings = []
    for mapping in _mappings(tree):
        basis = mapping.items.get("basis")
        if not isinstance(basis, Scalar):
            continue
        if basis.value == "assumption" and not (
            _filled(mapping, "note") or _filled(mapping, "title")
        ):
            warnings.append(
                problem(
                    "assumption-without-reason",
                    "basis: assumption with no note saying why this number was chosen;"
                    " add a note (or the title of what it follows)",
                    "依据为 assumption（假设），但没有 note 说明为何取此数值；"
                    "请补充 note（或所参照文件的 title）",
                    file=file,
                    severity="warning",
                    at=basis,
                )
            )
        elif basis.value in ("law", "official") and not (
            _filled(mapping, "title") or _filled(mapping, "url")
        ):
            warnings.append(
                problem(
                    "source-without-document",
                    f"basis: {basis.value} names no document; add its title and url",
                    f"依据为 {basis.value}，但未写明文件；请补充文件名称 title 和网址 url",
                    file=file,
                    severity="warning",
                    at=basis,
                )
            )
    return warnings


#: Totals and grade minimums are points out of 100.
_FULL_MARKS = 100


def _exact(node: Node | None) -> Fraction | None:
    """A number as written (``90``, ``92.5``), exactly; ``None`` when it is not one.

    The loader has already reported a minimum that is not a number.
    """
    if not isinstance(node, Scalar) or isinstance(node.value, bool):
        return None
    try:
        return Fraction(node.text.strip())
    except (ValueError, ZeroDivisionError):
        return None


def _grade_warnings(tree: Node | None, file: str) -> list[Problem]:
    """A grade whose minimum is above 100 points can never be given."""
    grades = tree.items.get("grades") if isinstance(tree, Mapping) else None
    levels = grades.items.get("levels") if isinstance(grades, Mapping) else None
    warnings = []
    for level in levels.items if isinstance(levels, Sequence) else ():
        minimum = level.items.get("min") if isinstance(level, Mapping) else None
        value = _exact(minimum)
        if isinstance(minimum, Scalar) and value is not None and value > _FULL_MARKS:
            shown = format_number(value)
            warnings.append(
                problem(
                    "unreachable-target",
                    f"a grade from {shown} points can never be given: totals are out of 100",
                    f"等次最低分{shown}分永远达不到：总分按百分制计",
                    file=file,
                    severity="warning",
                    at=minimum,
                )
            )
    return warnings


def check_profile_file(path: Path, catalog: Catalog, folder: Path) -> ProfileCheck:
    """Every problem of the profile in ``path``, errors and warnings, and its summary.

    Args:
        path: the profile YAML, which may ``extends`` a profile of ``folder``.
        catalog: the fields and indicators it may use.
        folder: the profiles it may extend (the catalogue's ``profiles/``).
    """
    shown = str(path)
    try:
        profile = load_profile(path, catalog, folder)
    except InputError as exc:
        return ProfileCheck(file=shown, problems=exc.problems, summary=None)
    _, collectors = _read_profiles(
        folder, catalog.fields, catalog.indicators, (path,), trees=catalog.trees
    )
    mine = path.resolve()
    loader_warnings = [
        p
        for c in collectors
        if c.file is not None and Path(c.file).resolve() == mine
        for p in c.problems
        if p.severity == "warning"
    ]
    tree = read_yaml_file(path)
    found = [*loader_warnings, *_source_warnings(tree, shown), *_grade_warnings(tree, shown)]
    problems = InputError(list(dict.fromkeys(found))).problems  # in file order
    return ProfileCheck(file=shown, problems=problems, summary=summarize(profile, catalog.trees))
