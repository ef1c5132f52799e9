"""Private: county-years built in Python are checked by the same rules as files.

A county tool that builds figures in code should meet the same checks, with the
same codes and messages, as a clerk's YAML file.  The Python values are turned
into the located tree the file loader reads (located by their path, and by the
line a :class:`~fazhi_indicators.county.Reported` remembers, if any) and checked
by :func:`~fazhi_indicators._load.county_year.county_year_from_node`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping as AbstractMapping
from typing import Any

import attrs

from fazhi_indicators._load.county_year import county_year_from_node
from fazhi_indicators._load.reader import Collector
from fazhi_indicators._load.tree import Mapping, Node, Scalar, Sequence, key_scalar
from fazhi_indicators.county import (
    Breakdown,
    Category,
    CountyYear,
    EarlierYear,
    Evidence,
    ManualScore,
    OtherFigure,
    Period,
    Reported,
    StatedChange,
)
from fazhi_indicators.definitions import Catalog
from fazhi_indicators.errors import InputError, Problem
from fazhi_indicators.exact import StatedRate

__all__ = ["check_county_year", "county_year_from_python"]

#: Python values carry no line: 0 marks "not from a file" and is reported as none.
_NOWHERE = 0


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _scalar(value: object, path: str, line: int | None = None, column: int | None = None) -> Node:
    """One Python value as a located scalar; text is what a person would have typed."""
    if isinstance(value, StatedRate):
        value = value.text
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    return Scalar(
        value=value,
        text=text,
        quoted=isinstance(value, str),
        line=line or _NOWHERE,
        column=column or _NOWHERE,
        path=path,
    )


def _node(value: object, path: str) -> Node:
    if isinstance(value, Reported):
        return _reported(value, path)
    if isinstance(value, Breakdown | Category | OtherFigure):
        return _mapping(_figure(value), path, value.line, value.column)
    if isinstance(value, StatedChange):
        at = (value.line, value.column)
        written = {"text": value.text, "from": value.from_year, "by": value.by}
        written |= {"category": value.category, "quote": value.quote}
        given = {k: v for k, v in written.items() if v is not None}
        return _mapping(given, path, *at)
    if isinstance(value, AbstractMapping):
        return _mapping(value, path)
    if isinstance(value, list | tuple):
        items = tuple(_node(v, f"{path}[{i}]") for i, v in enumerate(value))
        return Sequence(items=items, line=_NOWHERE, column=_NOWHERE, path=path)
    return _scalar(value, path)


def _reported(value: Reported, path: str) -> Node:
    """A value as written: bare, or with its hedge, period and scope."""
    at = (value.line, value.column)
    written = {"value": value.value, "approx": value.approx, **_when(value.period)}
    written["scope"] = value.scope
    given = {k: v for k, v in written.items() if v is not None}
    if len(given) == 1:
        return _scalar(value.value, path, *at)
    return _mapping(given, path, *at)


def _when(period: Period | None) -> dict[str, object]:
    """A period as a file writes it: ``as_of:``, or ``period: {from, to}``."""
    if period is None:
        return {}
    if period.as_of:
        start = {"period": {"from": period.start}} if period.start is not None else {}
        return {"as_of": period.end, **start}
    span = {"from": period.start, "to": period.end}
    return {"period": {k: v for k, v in span.items() if v is not None}}


def _figure(value: Breakdown | Category | OtherFigure) -> dict[str, object]:
    """A table, a row or a figure with no field, as a file writes it."""
    if isinstance(value, Category):
        count: object = value.count
        if value.approx is not None:
            count = {"value": value.count, "approx": value.approx}
        written = {"name": value.name, "code": value.code, "count": count, "share": value.share}
        written["breakdowns"] = list(value.breakdowns) or None
    elif isinstance(value, Breakdown):
        written = {"of": value.of, "by": value.by, "complete": value.complete or None}
        written |= {"quote": value.quote, "note": value.note, "scope": value.scope}
        written |= {**_when(value.period), "categories": list(value.categories)}
        if not value.complete:
            written["complete"] = False
    else:
        written = {"label": value.label, "label_en": value.label_en, "value": value.value}
        written |= {"approx": value.approx, "unit": value.unit, "quote": value.quote}
        written |= {"about": value.about, "scope": value.scope, **_when(value.period)}
    return {k: v for k, v in written.items() if v is not None}


def _mapping(
    entries: AbstractMapping[Any, object],
    path: str,
    line: int | None = None,
    column: int | None = None,
) -> Mapping:
    items: dict[str, Node] = {}
    keys: dict[str, Scalar] = {}
    for key, value in entries.items():
        name = str(key)
        items[name] = _node(value, _join(path, name))
        keys[name] = key_scalar(name, line or _NOWHERE, column or _NOWHERE, _join(path, name))
    return Mapping(
        items=items, keys=keys, line=line or _NOWHERE, column=column or _NOWHERE, path=path
    )


def _unlocated(problems: list[Problem]) -> list[Problem]:
    """Problems of values that came from no line say so (``None``), not "line 0"."""
    return [attrs.evolve(p, line=None, column=None) if p.line == _NOWHERE else p for p in problems]


def _check(
    root: Mapping, catalog: Catalog, file: str | None
) -> tuple[CountyYear | None, list[Problem]]:
    c = Collector(file)
    data = county_year_from_node(c, root, catalog)
    problems = _unlocated(c.problems)
    if data is not None:
        data = attrs.evolve(
            data, file=file, warnings=tuple(p for p in problems if p.severity == "warning")
        )
    return data, problems


def county_year_from_python(
    catalog: Catalog, fields: AbstractMapping[str, object], file: str | None = None
) -> CountyYear:
    """A checked county-year from plain Python values, keyed as a county-year file is.

    Raises:
        InputError: every problem found, located by its path (``values.<field id>``).
    """
    given = {key: value for key, value in fields.items() if value is not None}
    data, problems = _check(_mapping(given, ""), catalog, file)
    if data is None or any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return data


def _as_fields(data: CountyYear) -> dict[str, object]:
    fields: dict[str, object] = {
        "county": data.county,
        "year": data.year,
        "province": data.province,
        "prefecture": data.prefecture,
        "division_code": data.division_code,
        "source": dict(data.source) or None,
        "values": dict(data.values) or None,
        "stated": dict(data.stated) or None,
        "notes": dict(data.notes) or None,
        "previous": {year: _earlier(e) for year, e in data.previous.items()} or None,
        "changes": _changes(data.changes) or None,
        "evidence": {k: [_plain(e) for e in v] for k, v in data.evidence.items()} or None,
        "manual": {k: _plain(score) for k, score in data.manual.items()} or None,
        "format": data.format if data.format != 1 else None,
        "breakdowns": list(data.breakdowns) or None,
        "other": list(data.other) or None,
    }
    return {key: value for key, value in fields.items() if value is not None}


def _plain(entry: Evidence | ManualScore) -> dict[str, object]:
    """A document or a person's score as a file writes it (points as exact text)."""
    given = {k: v for k, v in attrs.asdict(entry).items() if v is not None}
    if isinstance(entry, ManualScore):
        given["points"] = str(entry.points)
    return given


def _earlier(earlier: EarlierYear) -> dict[str, object]:
    block = {"values": earlier.values, "stated": earlier.stated, "source": earlier.source}
    written: dict[str, object] = {key: dict(value) for key, value in block.items() if value}
    if earlier.breakdowns:
        written["breakdowns"] = list(earlier.breakdowns)
    return written


def _changes(changes: tuple[StatedChange, ...]) -> dict[str, list[StatedChange]]:
    """Changes by what they are about, as a file writes them."""
    grouped: dict[str, list[StatedChange]] = {}
    for change in changes:
        grouped.setdefault(change.subject, []).append(change)
    return grouped


def check_county_year(
    data: CountyYear, catalog: Catalog
) -> tuple[CountyYear | None, list[Problem]]:
    """Check a county-year however it was built; return it normalised, and every problem.

    The normalised copy holds :class:`Reported` values even where plain ones were
    given (``values={"x": 5}``); it is ``None`` when the data cannot be used.
    """
    checked, problems = _check(_mapping(_as_fields(data), ""), catalog, data.file)
    # Warnings the data already carried (how its file was read) are kept.
    kept = [w for w in data.warnings if w not in problems]
    if checked is not None:
        checked = attrs.evolve(checked, warnings=(*kept, *checked.warnings))
    return checked, [*kept, *problems]
