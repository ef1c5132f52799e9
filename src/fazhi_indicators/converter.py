"""Plain JSON-ready data from the package's attrs types and back, exactly (needs cattrs).

Other tools store and send county-years, profiles, scorecards and scored panels as plain
dicts, lists, text and numbers; this converter writes every public attrs type that way
and reads it back equal, losing nothing:

- a :class:`~fractions.Fraction` is text ``"p/q"`` (``"401/443"``, ``"3"``), never a float;
- a date is ISO text (``"2023-10-31"``), a :class:`~decimal.Decimal` its exact text;
- a value of a union of attrs classes (a profile item's check or rule, an indicator
  definition, a target) carries its class name under ``"_type"``; a union of plain
  values (a count, a yes/no or a date) is told apart by its JSON type.

Example:
    >>> import fazhi_indicators as fz
    >>> from fazhi_indicators.converter import converter
    >>> data = fz.load_county_year(fz.example_path("shenqiu-2023"))
    >>> plain = converter.unstructure(data)
    >>> converter.structure(plain, fz.CountyYear) == data
    True

cattrs is the ``convert`` extra: ``python -m pip install "fazhi-indicators[convert]"``.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

try:
    import cattrs
except ImportError as error:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "fazhi_indicators.converter needs cattrs: python -m pip install"
        ' "fazhi-indicators[convert]" / fazhi_indicators.converter 需要安装 cattrs：'
        'python -m pip install "fazhi-indicators[convert]"',
        name="cattrs",
    ) from error

from fazhi_indicators.definitions import Grade
from fazhi_indicators.exact import Readiness
from fazhi_indicators.panel_engine import ROW_FIGURES, RowSummary

__all__ = ["TAG", "converter", "make_converter"]

#: The key naming the class of a value whose declared type is a union of attrs classes.
TAG = "_type"

_NONE = type(None)


def _fraction_text(value: Fraction) -> str:
    return str(value)


def _fraction(value: object, _: object) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(f"a fraction is written as text 'p/q' or an integer, not {value!r}")
    return Fraction(value)


def _date(value: object, _: object) -> dt.date:
    if not isinstance(value, str):
        raise TypeError(f"a date is written as ISO text, not {value!r}")
    return dt.date.fromisoformat(value)


def _decimal(value: object, _: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(f"a decimal is written as text, not {value!r}")
    return Decimal(value)


def _is_union(kind: object) -> bool:
    return typing.get_origin(kind) in {typing.Union, types.UnionType}


def _members(kind: object) -> tuple[Any, ...]:
    return tuple(member for member in typing.get_args(kind) if member is not _NONE)


def _plain_matches(member: Any, value: object) -> bool:  # noqa: ANN401 - any declared type
    """Whether a JSON value can be of a plain (not attrs) member of a union."""
    if member is bool:
        return isinstance(value, bool)
    if member is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if member in {str, dt.date, Decimal, Fraction}:
        return isinstance(value, str) or (member is not dt.date and isinstance(value, int))
    return typing.get_origin(member) is typing.Literal and value in typing.get_args(member)


def _register_rows(made: cattrs.Converter) -> None:
    """A panel row keeps its figures as integer pairs (not an attrs class): as fractions."""

    def unstructure_row(row: RowSummary) -> dict[str, object]:
        return {
            "county": row.county,
            "year": row.year,
            "province": row.province,
            "verdict": row.verdict.value,
            "grade": None if row.grade is None else made.unstructure(row.grade),
            **{name: _fraction_text(getattr(row, name)) for name in ROW_FIGURES},
        }

    def structure_row(value: object, _: object) -> RowSummary:
        if not isinstance(value, dict):
            raise TypeError(f"a panel row is a mapping, not {value!r}")
        province, grade = value["province"], value["grade"]
        if province is not None and not isinstance(province, str):
            raise TypeError(f"a province is text or null, not {province!r}")
        figures = [_fraction(value[name], None) for name in ROW_FIGURES]
        return RowSummary(
            county=made.structure(value["county"], str),
            year=made.structure(value["year"], int),
            province=province,
            verdict=Readiness(value["verdict"]),
            grade=None if grade is None else made.structure(grade, Grade),
            pairs=tuple((f.numerator, f.denominator) for f in figures),
        )

    made.register_unstructure_hook(RowSummary, unstructure_row)
    made.register_structure_hook(RowSummary, structure_row)


def make_converter() -> cattrs.Converter:
    """A fresh converter with the package's hooks (the module's ``converter`` is one)."""
    made = cattrs.Converter()
    made.register_unstructure_hook(Fraction, _fraction_text)
    made.register_structure_hook(Fraction, _fraction)
    made.register_unstructure_hook(dt.date, dt.date.isoformat)
    made.register_structure_hook(dt.date, _date)
    made.register_unstructure_hook(Decimal, str)
    made.register_structure_hook(Decimal, _decimal)

    def unstructure_union(kind: Any) -> Any:  # noqa: ANN401 - a hook factory
        tagged = sum(attrs.has(m) for m in _members(kind)) > 1

        def unstructure(value: object) -> object:
            plain = made.unstructure(value)
            if tagged and attrs.has(type(value)) and isinstance(plain, dict):
                return {TAG: type(value).__name__, **plain}
            return plain

        return unstructure

    def structure_union(kind: Any) -> Any:  # noqa: ANN401 - a hook factory
        members = _members(kind)
        classes = {m.__name__: m for m in members if attrs.has(m)}
        plain = [m for m in members if not attrs.has(m)]
        optional = _NONE in typing.get_args(kind)

        def structure(value: object, _: object) -> object:
            if value is None and optional:
                return None
            if isinstance(value, dict):
                if len(classes) == 1:
                    return made.structure(value, next(iter(classes.values())))
                name = value.get(TAG)
                if name not in classes:
                    raise ValueError(f"{TAG} must be one of {sorted(classes)}, not {name!r}")
                rest = {k: v for k, v in value.items() if k != TAG}
                return made.structure(rest, classes[name])
            for member in plain:
                if _plain_matches(member, value):
                    return made.structure(value, member)
            raise TypeError(f"{value!r} is none of {kind}")

        return structure

    made.register_unstructure_hook_factory(_is_union, unstructure_union)
    made.register_structure_hook_factory(_is_union, structure_union)

    _register_rows(made)
    return made


#: The package's converter: ``converter.unstructure(x)`` and ``converter.structure(d, T)``.
converter = make_converter()
