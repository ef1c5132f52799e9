"""fazhi-indicators: exact, checkable indicators of law-based government (法治政府建设).

The flow is one way, one module per step::

    catalogue YAML ──load──▶ Catalog          (_catalog_loading, _profile_loading)
    county-year file ─load─▶ CountyYear       (_county_loading)
    Catalog + CountyYear ──compute──▶ IndicatorValue per indicator   (compute)
    values ──audit──▶ AuditEntry list          (audit)
    Profile + values ──score──▶ Scorecard      (scoring)
    Scorecard ──render──▶ text | Markdown | JSON                     (render)

Loading is the only step that reads files; computing, auditing and scoring are
pure functions of immutable values; rendering never recomputes.

Example:
    >>> import fazhi_indicators as fz
    >>> data = fz.load_county_year(fz.example_path("shenqiu-2023"))
    >>> card = fz.score(data, profile="henan-demonstration-county")
    >>> card.lines["enforcement.exam_pass_rate"].value.value
    Fraction(401, 443)
"""

from __future__ import annotations

from importlib import metadata as _metadata

from fazhi_indicators._catalog_loading import catalog_root, default_catalog, load_catalog
from fazhi_indicators._county_loading import load_county_year, parse_county_year
from fazhi_indicators._examples import example_path
from fazhi_indicators._panel_loading import Panel, load_panel
from fazhi_indicators._profile_loading import load_profile
from fazhi_indicators.audit import AuditEntry, audit
from fazhi_indicators.compute import FieldBounds, IndicatorValue, compute, resolve_fields
from fazhi_indicators.county import CountyYear, Reported
from fazhi_indicators.definitions import (
    Area,
    Catalog,
    Expression,
    FieldDef,
    Grade,
    IndicatorDef,
    Item,
    Profile,
    Rule,
    Setting,
    Source,
    Text,
    Veto,
)
from fazhi_indicators.errors import (
    FazhiError,
    InputError,
    Problem,
    ProfileNotApplicableError,
    UnknownIdError,
)
from fazhi_indicators.exact import Interval, StatedRate, Target, Verdict
from fazhi_indicators.scoring import (
    AreaResult,
    Gap,
    Line,
    Readiness,
    Reason,
    Scorecard,
    score,
)
from fazhi_indicators.writing import dump_county_year

try:
    __version__ = _metadata.version("fazhi-indicators")
except _metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "Area",
    "AreaResult",
    "AuditEntry",
    "Catalog",
    "CountyYear",
    "Expression",
    "FazhiError",
    "FieldBounds",
    "FieldDef",
    "Gap",
    "Grade",
    "IndicatorDef",
    "IndicatorValue",
    "InputError",
    "Interval",
    "Item",
    "Line",
    "Panel",
    "Problem",
    "Profile",
    "ProfileNotApplicableError",
    "Readiness",
    "Reason",
    "Reported",
    "Rule",
    "Scorecard",
    "Setting",
    "Source",
    "StatedRate",
    "Target",
    "Text",
    "UnknownIdError",
    "Verdict",
    "Veto",
    "__version__",
    "audit",
    "catalog_root",
    "compute",
    "default_catalog",
    "dump_county_year",
    "example_path",
    "load_catalog",
    "load_county_year",
    "load_panel",
    "load_profile",
    "parse_county_year",
    "resolve_fields",
    "score",
]
