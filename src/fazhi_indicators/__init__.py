"""fazhi-indicators: exact, checkable indicators of law-based government (法治政府建设).

The flow is one way, one module per step::

    catalogue YAML ──load──▶ Catalog          (_load: catalog, profile, extends)
    county-year file ─load─▶ CountyYear       (_load: county_year, panel)
    Catalog + CountyYear ──compute──▶ IndicatorValue per indicator   (compute)
    values ──audit──▶ AuditEntry list          (audit)
    Profile + values ──score──▶ Scorecard      (scoring)
    Scorecard ──render──▶ text | Markdown | JSON                     (render)

Loading is the only step that reads files; computing, auditing and scoring are
pure functions of immutable values that take the catalogue and profile they use
explicitly; rendering never recomputes.  This module is the one place where the
defaults (the shipped catalogue, a profile named by id) are filled in.

Example:
    >>> import fazhi_indicators as fz
    >>> data = fz.load_county_year(fz.example_path("shenqiu-2023"))
    >>> card = fz.score(data, profile="henan-demonstration-county")
    >>> card.lines["enforcement.exam_pass_rate"].value.value
    Fraction(401, 443)
"""

from __future__ import annotations

import functools as _functools
import sys as _sys
import types as _types
import weakref as _weakref
from importlib import import_module as _import_module
from pathlib import Path as _Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping as _Mapping
    from collections.abc import Sequence as _Sequence

    _PathOrPaths = str | _Path | _Sequence[str | _Path]

    from fazhi_indicators._load import Panel, catalog_root, dump_county_year, example_path
    from fazhi_indicators.audit import AuditEntry, audit
    from fazhi_indicators.compare import Change, Comparison, IndicatorChange
    from fazhi_indicators.compute import FieldBounds, IndicatorValue, compute, resolve_fields
    from fazhi_indicators.county import (
        CountyYear,
        EarlierYear,
        Evidence,
        ManualScore,
        Reported,
        StatedChange,
    )
    from fazhi_indicators.definitions import (
        AllOrNothing,
        Area,
        Bands,
        Catalog,
        CountCheck,
        CountSteps,
        DeadlineIndicator,
        Deduct,
        Expression,
        FieldDef,
        Grade,
        IndicatorDef,
        Item,
        Linear,
        Manual,
        OwnIndicator,
        Partial,
        PerEvent,
        PerShortfall,
        PerStep,
        Profile,
        RateIndicator,
        Rule,
        Setting,
        Source,
        Text,
        Trend,
        Veto,
        YesNo,
    )
    from fazhi_indicators.errors import (
        FazhiError,
        InputError,
        Problem,
        ProfileNotApplicableError,
        UnknownIdError,
    )
    from fazhi_indicators.exact import (
        FlagTarget,
        Interval,
        RateTarget,
        StatedRate,
        Target,
        Verdict,
    )
    from fazhi_indicators.history import (
        ChangeCheck,
        Delta,
        History,
        HistoryReport,
        Movement,
        Restatement,
        Step,
        YearFigures,
    )
    from fazhi_indicators.profile_summary import ProfileCheck, ProfileSummary
    from fazhi_indicators.scoring import (
        AreaResult,
        Gap,
        Line,
        Readiness,
        Reason,
        RequirementResult,
        Scorecard,
    )

# Importing the package imports none of its modules: each public name below is
# imported from its module the first time it is used (``__getattr__`` at the end),
# and the functions of this module import what they call when they are called
# (``noqa: PLC0415``).  A script or a ``fazhi`` command pays only for what it uses.

#: The module that defines each public name imported on first use.
_LAZY: dict[str, str] = {
    **dict.fromkeys(("Panel",), "fazhi_indicators._load.panel"),
    **dict.fromkeys(("catalog_root",), "fazhi_indicators._load.catalog"),
    **dict.fromkeys(("dump_county_year",), "fazhi_indicators._load.writing"),
    **dict.fromkeys(("example_path",), "fazhi_indicators._load.examples"),
    **dict.fromkeys(("AuditEntry", "audit"), "fazhi_indicators.audit"),
    **dict.fromkeys(("Change", "Comparison", "IndicatorChange"), "fazhi_indicators.compare"),
    **dict.fromkeys(
        ("FieldBounds", "IndicatorValue", "compute", "resolve_fields"), "fazhi_indicators.compute"
    ),
    **dict.fromkeys(
        ("CountyYear", "EarlierYear", "Evidence", "ManualScore", "Reported", "StatedChange"),
        "fazhi_indicators.county",
    ),
    **dict.fromkeys(
        (
            "AllOrNothing",
            "Area",
            "Bands",
            "Catalog",
            "CountCheck",
            "CountSteps",
            "DeadlineIndicator",
            "Deduct",
            "Expression",
            "FieldDef",
            "Grade",
            "IndicatorDef",
            "Item",
            "Linear",
            "Manual",
            "OwnIndicator",
            "Partial",
            "PerEvent",
            "PerShortfall",
            "PerStep",
            "Profile",
            "RateIndicator",
            "Rule",
            "Setting",
            "Source",
            "Text",
            "Trend",
            "Veto",
            "YesNo",
        ),
        "fazhi_indicators.definitions",
    ),
    **dict.fromkeys(
        ("FazhiError", "InputError", "Problem", "ProfileNotApplicableError", "UnknownIdError"),
        "fazhi_indicators.errors",
    ),
    **dict.fromkeys(
        ("FlagTarget", "Interval", "RateTarget", "StatedRate", "Target", "Verdict"),
        "fazhi_indicators.exact",
    ),
    **dict.fromkeys(
        (
            "ChangeCheck",
            "Delta",
            "History",
            "HistoryReport",
            "Movement",
            "Restatement",
            "Step",
            "YearFigures",
        ),
        "fazhi_indicators.history",
    ),
    **dict.fromkeys(("ProfileCheck", "ProfileSummary"), "fazhi_indicators.profile_summary"),
    **dict.fromkeys(
        ("AreaResult", "Gap", "Line", "Readiness", "Reason", "RequirementResult", "Scorecard"),
        "fazhi_indicators.scoring",
    ),
}

#: County-years known to pass the checks against a catalogue, by the county-year's
#: identity: a weak reference to it, one to the catalogue, and the checked copy that
#: :func:`score` scores.  The loaders check what they return, and both are immutable, so
#: :func:`score` need not check either again (a quarter of its time).
_CHECKED: dict[int, tuple[_weakref.ref[CountyYear], _weakref.ref[Catalog], CountyYear]] = {}


def _remember_checked(data: CountyYear, catalog: Catalog, checked: CountyYear) -> CountyYear:
    """Note that ``data`` passes the checks against ``catalog``, as ``checked``; return ``data``."""
    key, table = id(data), _CHECKED  # the table itself: at exit, the module's names are gone

    def forget(_: object) -> None:
        table.pop(key, None)

    _CHECKED[key] = (_weakref.ref(data, forget), _weakref.ref(catalog), checked)
    return data


def _checked_before(data: CountyYear, catalog: Catalog) -> CountyYear | None:
    """The checked copy of ``data`` if it already passed the checks against ``catalog``."""
    found = _CHECKED.get(id(data))
    if found is None or found[0]() is not data or found[1]() is not catalog:
        return None
    return found[2]


#: The profile :func:`score` uses when none is named.
DEFAULT_PROFILE = "henan-demonstration-county"


@_functools.cache
def default_catalog() -> Catalog:
    """The shipped catalogue, loaded once."""
    from fazhi_indicators import _load  # noqa: PLC0415

    return _load.load_catalog(_load.catalog_root())


def load_catalog(root: str | _Path | None = None) -> Catalog:
    """Load fields, indicators and profiles from a catalogue folder.

    Args:
        root: a folder with ``fields/``, ``indicators/`` and ``profiles/``;
            the shipped catalogue's folder when ``None``.

    Raises:
        InputError: listing every problem in every file.
    """
    from fazhi_indicators import _load  # noqa: PLC0415

    return _load.load_catalog(_Path(root) if root is not None else _load.catalog_root())


def load_county_year(path: str | _Path, catalog: Catalog | None = None) -> CountyYear:
    """Load and check a county-year file.

    Args:
        path: a county-year YAML file (format v1), or a filled ``fazhi template``
            workbook (``.xlsx``), whose problems name their sheet and cell.
        catalog: what to check against; the shipped catalogue when ``None``.

    Raises:
        InputError: listing every problem, each with file, line, column and path.
    """
    from fazhi_indicators import _load  # noqa: PLC0415

    catalog = catalog or default_catalog()
    data = _load.load_county_year(_Path(path), catalog)
    return _remember_checked(data, catalog, data)


def parse_county_year(
    text: str, catalog: Catalog | None = None, file: str | None = None
) -> CountyYear:
    """Parse county-year YAML text and check it against ``catalog`` (the shipped one by default).

    Raises:
        InputError: listing every problem found.
    """
    from fazhi_indicators import _load  # noqa: PLC0415

    catalog = catalog or default_catalog()
    data = _load.parse_county_year(text, catalog, file)
    return _remember_checked(data, catalog, data)


def load_profile(path: str | _Path, root: str | _Path | None = None) -> Profile:
    """Load one profile file, which may ``extends`` a profile of the catalogue.

    Args:
        path: the profile YAML.
        root: the catalogue folder whose fields, indicators and profiles it may
            use; the shipped catalogue when ``None``.

    Raises:
        InputError: listing every problem of the file.
    """
    from fazhi_indicators import _load  # noqa: PLC0415

    catalog = load_catalog(root) if root is not None else default_catalog()
    folder = (_Path(root) if root is not None else _load.catalog_root()) / "profiles"
    return _load.load_profile(_Path(path), catalog, folder)


def check_profile(path: str | _Path, root: str | _Path | None = None) -> ProfileCheck:
    """Check one profile file as ``fazhi check-profile`` does; never raises on bad input.

    Args:
        path: the profile YAML, which may ``extends`` a profile of the catalogue.
        root: the catalogue folder it may use; the shipped catalogue when ``None``.

    Returns:
        Every problem found, located (errors, and warnings such as a number resting on
        ``basis: assumption`` with no reason given), and, when the profile loads, its
        summary: items and points per area and how many points rest on assumptions.
    """
    from fazhi_indicators import _load  # noqa: PLC0415

    catalog = load_catalog(root) if root is not None else default_catalog()
    folder = (_Path(root) if root is not None else _load.catalog_root()) / "profiles"
    return _load.check_profile_file(_Path(path), catalog, folder)


def load_panel(path: str | _Path, catalog: Catalog | None = None) -> Panel:
    """Load a CSV or ``.xlsx`` panel, one county-year per row, checking every row.

    Raises:
        InputError: every problem of every row, each with its row (line) and column.
    """
    from fazhi_indicators import _load  # noqa: PLC0415

    return _load.load_panel(_Path(path), catalog or default_catalog())


def county_year(  # noqa: PLR0913 - the keys of a county-year file
    county: str,
    year: int,
    *,
    values: _Mapping[str, object] | None = None,
    stated: _Mapping[str, str | StatedRate] | None = None,
    notes: _Mapping[str, str] | None = None,
    source: _Mapping[str, str] | None = None,
    previous: _Mapping[int, _Mapping[str, object]] | None = None,
    changes: _Mapping[str, object] | None = None,
    province: str | None = None,
    prefecture: str | None = None,
    division_code: str | None = None,
    catalog: Catalog | None = None,
) -> CountyYear:
    """Build a county-year in code, checked by the same rules as a county-year file.

    Values are plain Python: counts as ``int``, events as ``bool``, dates as
    :class:`datetime.date`, a hedged count as ``{"value": 70, "approx": "余"}``
    (or a :class:`Reported`), and printed rates as text (``"90.5%"``).  Anything
    else is reported as a problem, as in a file, so ``values`` is typed loosely.
    ``previous`` and ``changes`` are written as in a file:
    ``previous={2022: {"values": {...}}}``, ``changes={"<id>": ["增加555件"]}``.

    Example:
        >>> import fazhi_indicators as fz
        >>> data = fz.county_year(
        ...     "测试县", 2023,
        ...     values={"enforcement.exam_participants": 443, "enforcement.exam_passed": 401},
        ...     stated={"admin_litigation.head_appearance_rate": "100%"},
        ... )
        >>> fz.score(data).lines["enforcement.exam_pass_rate"].value.value
        Fraction(401, 443)

    Raises:
        InputError: every problem, each located by its path (``values.<field id>``).
    """
    from fazhi_indicators import _load  # noqa: PLC0415

    given = {
        "county": county,
        "year": year,
        "province": province,
        "prefecture": prefecture,
        "division_code": division_code,
        "source": source,
        "values": values,
        "stated": stated,
        "notes": notes,
        "previous": previous,
        "changes": changes,
    }
    catalog = catalog or default_catalog()
    data = _load.county_year_from_python(catalog, given)
    return _remember_checked(data, catalog, data)


def check(data: CountyYear, catalog: Catalog | None = None) -> tuple[Problem, ...]:
    """Every problem of a county-year however it was built, errors and warnings alike.

    The same checks, codes and messages as for a county-year file: unknown ids
    (with suggestions), values of the wrong type, parts that exceed their total,
    passes above participants, dates outside the reporting year.  An empty
    result means :func:`score` will accept the data.
    """
    from fazhi_indicators import _load  # noqa: PLC0415

    _, problems = _load.check_county_year(data, catalog or default_catalog())
    return tuple(problems)


def score(
    data: CountyYear,
    profile: Profile | str = DEFAULT_PROFILE,
    catalog: Catalog | None = None,
) -> Scorecard:
    """Compute every indicator of ``data`` and score it against ``profile``.

    Args:
        data: a county-year, e.g. from :func:`load_county_year`.
        profile: a :class:`Profile`, or the id of one of ``catalog``'s profiles.
        catalog: the shipped catalogue when ``None``.

    ``data`` is checked first, as :func:`check` does, so that a county-year
    built in code with a mistake is refused with its problems, never scored; a
    county-year the loaders returned, or one scored before, is not checked again.

    Raises:
        InputError: ``data`` does not pass :func:`check`.
        UnknownIdError: ``profile`` names no known profile.
        ProfileNotApplicableError: ``data.year`` is outside the profile's years.
    """
    from fazhi_indicators._load.python_input import check_county_year  # noqa: PLC0415
    from fazhi_indicators.errors import InputError  # noqa: PLC0415
    from fazhi_indicators.scoring import score as score_checked  # noqa: PLC0415

    catalog = catalog or default_catalog()
    if isinstance(profile, str):
        profile = catalog.profile(profile)
    checked = _checked_before(data, catalog)
    if checked is None:
        checked, problems = check_county_year(data, catalog)
        if checked is None or any(p.severity == "error" for p in problems):
            raise InputError(problems)
        _remember_checked(data, catalog, checked)
    return score_checked(checked, profile, catalog)


def compare(
    before: CountyYear | Scorecard,
    after: CountyYear | Scorecard,
    profile: Profile | str = DEFAULT_PROFILE,
    catalog: Catalog | None = None,
) -> Comparison:
    """Compare two years of one county, indicator by indicator.

    County-years are scored first (checked, with ``profile``); scorecards are
    compared as they are.  The earlier year is always "before", whichever order
    they are given in.

    Example:
        >>> import fazhi_indicators as fz
        >>> last = fz.county_year("某县", 2022, values={
        ...     "enforcement.exam_participants": 400, "enforcement.exam_passed": 360})
        >>> this = fz.county_year("某县", 2023, values={
        ...     "enforcement.exam_participants": 443, "enforcement.exam_passed": 401})
        >>> moves = {c.indicator: c.change.value for c in fz.compare(this, last).changes}
        >>> moves["enforcement.exam_pass_rate"]
        'IMPROVED'

    Raises:
        InputError: a county-year does not pass :func:`check`.
        ValueError: two scorecards scored with different profiles.
    """
    from fazhi_indicators.compare import compare as compare_cards  # noqa: PLC0415
    from fazhi_indicators.scoring import Scorecard  # noqa: PLC0415

    cards = [
        item if isinstance(item, Scorecard) else score(item, profile, catalog)
        for item in (before, after)
    ]
    first, second = sorted(cards, key=lambda card: card.year)
    return compare_cards(first, second)


def _paths(paths: _PathOrPaths) -> list[_Path]:
    return [_Path(paths)] if isinstance(paths, str | _Path) else [_Path(p) for p in paths]


def load_history(paths: _PathOrPaths, catalog: Catalog | None = None) -> History:
    """Load one county's county-year files (or folders of them) as its history.

    ``history.county_year()`` is the latest file with every earlier year attached
    as ``previous`` (the report's own ``previous:`` figures first), ready to score.

    Example:
        >>> import fazhi_indicators as fz
        >>> history = fz.load_history(fz.example_path("tongzhou-2023"))
        >>> history.years
        (2022, 2023)

    Raises:
        InputError: every problem of every file; files of different counties.
    """
    from fazhi_indicators._load.history import load_county_years  # noqa: PLC0415
    from fazhi_indicators.history import History  # noqa: PLC0415

    catalog = catalog or default_catalog()
    return History.of(load_county_years(_paths(paths), catalog))


def history(
    source: History | CountyYear | _Sequence[CountyYear] | _PathOrPaths,
    catalog: Catalog | None = None,
) -> HistoryReport:
    """A county over several years: deltas year by year, printed changes, restatements.

    ``source`` is a :class:`History`, county-years of one county, or files and
    folders to load with :func:`load_history`.  Deltas are exact (whole cases;
    rates as fractions, their changes in percentage points) and judged better or
    worse by each indicator's direction; each printed change ("同比增长99.5%") is
    checked against the figures of its two years.

    Raises:
        InputError: a file's problems, or county-years of different counties.
    """
    from fazhi_indicators.county import CountyYear  # noqa: PLC0415
    from fazhi_indicators.history import History, history_report  # noqa: PLC0415

    catalog = catalog or default_catalog()
    if isinstance(source, History):
        return history_report(catalog, source)
    if isinstance(source, CountyYear):
        return history_report(catalog, History.of([source]))
    if isinstance(source, str | _Path):
        return history_report(catalog, load_history(source, catalog))
    items = list(source)
    counties = [item for item in items if isinstance(item, CountyYear)]
    paths = [item for item in items if not isinstance(item, CountyYear)]
    if counties and paths:
        raise TypeError("give county-years or paths, not both")
    loaded = History.of(counties) if counties else load_history(paths, catalog)
    return history_report(catalog, loaded)


def __getattr__(name: str) -> object:
    """A public name, imported from its module the first time it is asked for.

    ``__version__`` is read from the installed metadata only when asked for:
    ``importlib.metadata`` costs more than the rest of a small script's imports.
    """
    if name == "__version__":
        from importlib import metadata  # noqa: PLC0415

        try:
            value: object = metadata.version("fazhi-indicators")
        except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
            value = "0.0.0"
    elif name in _LAZY:
        value = getattr(_import_module(_LAZY[name]), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names (``__all__``), whether or not they were imported yet."""
    return sorted({*__all__, *(name for name in globals() if name.startswith("_"))})


class _Package(_types.ModuleType):
    """This package's module: a submodule imported later never hides a function.

    ``audit``, ``compare``, ``compute`` and ``history`` name both a module and a
    function of this facade; importing the module (which the import system then
    sets as an attribute of the package) must leave ``fazhi_indicators.history``
    the function, as it was when every module was imported up front.
    """

    def __setattr__(self, name: str, value: object) -> None:
        """Set ``name``, unless it would put a submodule over one of the facade's functions."""
        if name in _FUNCTIONS_NAMED_LIKE_MODULES and isinstance(value, _types.ModuleType):
            return
        super().__setattr__(name, value)


_FUNCTIONS_NAMED_LIKE_MODULES = frozenset({"audit", "compare", "compute", "history"})
_sys.modules[__name__].__class__ = _Package


__all__ = [
    "DEFAULT_PROFILE",
    "AllOrNothing",
    "Area",
    "AreaResult",
    "AuditEntry",
    "Bands",
    "Catalog",
    "Change",
    "ChangeCheck",
    "Comparison",
    "CountCheck",
    "CountSteps",
    "CountyYear",
    "DeadlineIndicator",
    "Deduct",
    "Delta",
    "EarlierYear",
    "Evidence",
    "Expression",
    "FazhiError",
    "FieldBounds",
    "FieldDef",
    "FlagTarget",
    "Gap",
    "Grade",
    "History",
    "HistoryReport",
    "IndicatorChange",
    "IndicatorDef",
    "IndicatorValue",
    "InputError",
    "Interval",
    "Item",
    "Line",
    "Linear",
    "Manual",
    "ManualScore",
    "Movement",
    "OwnIndicator",
    "Panel",
    "Partial",
    "PerEvent",
    "PerShortfall",
    "PerStep",
    "Problem",
    "Profile",
    "ProfileCheck",
    "ProfileNotApplicableError",
    "ProfileSummary",
    "RateIndicator",
    "RateTarget",
    "Readiness",
    "Reason",
    "Reported",
    "RequirementResult",
    "Restatement",
    "Rule",
    "Scorecard",
    "Setting",
    "Source",
    "StatedChange",
    "StatedRate",
    "Step",
    "Target",
    "Text",
    "Trend",
    "UnknownIdError",
    "Verdict",
    "Veto",
    "YearFigures",
    "YesNo",
    "__version__",
    "audit",
    "catalog_root",
    "check",
    "check_profile",
    "compare",
    "compute",
    "county_year",
    "default_catalog",
    "dump_county_year",
    "example_path",
    "history",
    "load_catalog",
    "load_county_year",
    "load_history",
    "load_panel",
    "load_profile",
    "parse_county_year",
    "resolve_fields",
    "score",
]
