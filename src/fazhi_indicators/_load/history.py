"""Private: read one county's several years from files and folders.

A county's history is its county-year files, each checked as ``fazhi check`` checks
one: a folder stands for the county-year files in it (``.yaml``, ``.yml``, ``.xlsx``;
not its subfolders), read in name order.  Every problem of every file is reported
together.  The county-years are returned as read: the facade and the command line
make them a :class:`~fazhi_indicators.history.History` (which refuses files of
different counties), as loading never computes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fazhi_indicators._load.county_year import read_county_year
from fazhi_indicators._load.reader import problem
from fazhi_indicators._load.workbook import WORKBOOK_SUFFIXES
from fazhi_indicators.county import CountyYear
from fazhi_indicators.definitions import Catalog
from fazhi_indicators.errors import InputError, Problem

__all__ = ["county_year_files", "load_county_years"]

_SUFFIXES = (".yaml", ".yml", *WORKBOOK_SUFFIXES)


def county_year_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The files ``paths`` stand for (a folder: its county-year files), and empty folders."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        inside = sorted(
            p
            for p in path.iterdir()
            if p.is_file() and p.suffix.lower() in _SUFFIXES and not p.name.startswith((".", "~$"))
        )
        if not inside:
            problems.append(
                problem(
                    "no-county-years",
                    "expected county-year files (.yaml, .yml or .xlsx) in the folder, found none",
                    "文件夹中应有县年度数据文件（.yaml、.yml 或 .xlsx），实际没有",
                    file=str(path),
                )
            )
        files += inside
    return files, problems


def load_county_years(paths: Iterable[Path], catalog: Catalog) -> list[CountyYear]:
    """Every county-year of ``paths`` (files or folders), in the order given.

    Raises:
        InputError: every problem of every file (warnings included), or a folder
            with no county-year file.
    """
    files, problems = county_year_files(paths)
    loaded: list[CountyYear] = []
    for path in files:
        data, found = _read(path, catalog)
        problems += found
        if data is not None:
            loaded.append(data)
    if problems or not loaded:
        raise InputError(problems)
    return loaded


def _read(path: Path, catalog: Catalog) -> tuple[CountyYear | None, tuple[Problem, ...]]:
    """One file's county-year, or its problems: every file is read whatever the others hold."""
    try:
        return read_county_year(path, catalog).data, ()
    except InputError as exc:
        return None, exc.problems
