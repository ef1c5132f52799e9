"""Private: all that reads files or raw YAML; users call the loaders the facade re-exports.

Loading is the edge of the library: it turns located YAML nodes (and CSV or
Excel cells) into the immutable values of the core, collecting every problem
of a file in one pass.  The core never imports this package; the public facade
(:mod:`fazhi_indicators`) and the command line choose the defaults and call it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fazhi_indicators._load.catalog import catalog_root, load_catalog
    from fazhi_indicators._load.county_year import (
        CountyYearFile,
        load_county_year,
        parse_county_year,
        read_county_year,
    )
    from fazhi_indicators._load.examples import example_path, examples_root
    from fazhi_indicators._load.history import load_county_years
    from fazhi_indicators._load.panel import Panel, load_panel
    from fazhi_indicators._load.profile import load_profile
    from fazhi_indicators._load.profile_check import check_profile_file
    from fazhi_indicators._load.python_input import check_county_year, county_year_from_python
    from fazhi_indicators._load.template import ExcelMissingError, template_workbook
    from fazhi_indicators._load.writing import dump_county_year

#: The module that defines each loader: imported when the loader is first asked for,
#: so reading a panel does not import the workbook template or the profile checker.
_LAZY: dict[str, str] = {
    "CountyYearFile": "county_year",
    "load_county_year": "county_year",
    "parse_county_year": "county_year",
    "read_county_year": "county_year",
    "catalog_root": "catalog",
    "load_catalog": "catalog",
    "example_path": "examples",
    "examples_root": "examples",
    "load_county_years": "history",
    "Panel": "panel",
    "load_panel": "panel",
    "load_profile": "profile",
    "check_profile_file": "profile_check",
    "check_county_year": "python_input",
    "county_year_from_python": "python_input",
    "ExcelMissingError": "template",
    "template_workbook": "template",
    "dump_county_year": "writing",
}


__all__ = [
    "CountyYearFile",
    "ExcelMissingError",
    "Panel",
    "catalog_root",
    "check_county_year",
    "check_profile_file",
    "county_year_from_python",
    "dump_county_year",
    "example_path",
    "examples_root",
    "load_catalog",
    "load_county_year",
    "load_county_years",
    "load_panel",
    "load_profile",
    "parse_county_year",
    "read_county_year",
    "template_workbook",
]


def __getattr__(name: str) -> object:
    """A loader, imported from its module the first time it is asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value: object = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The loaders (``__all__``), whether or not they were imported yet."""
    return sorted({*__all__, *(name for name in globals() if name.startswith("_"))})
