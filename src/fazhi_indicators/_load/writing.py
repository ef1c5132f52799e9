"""Private: write county-year data back to the county-year file format (v1).

Loading what this writes gives back equal data: counts stay whole numbers, stated
rates keep their text (and so their precision), dates stay dates.
"""

from __future__ import annotations

from typing import Any

import yaml

from fazhi_indicators.county import CountyYear, Reported

__all__ = ["dump_county_year"]


def _value(reported: Reported) -> Any:  # noqa: ANN401 - YAML data
    if reported.approx is not None:
        return {"value": reported.value, "approx": reported.approx}
    return reported.value


def dump_county_year(data: CountyYear) -> str:
    """``data`` as county-year YAML (UTF-8 text, Chinese kept readable)."""
    document: dict[str, Any] = {"county": data.county, "year": data.year}
    for key in ("province", "prefecture", "division_code"):
        value = getattr(data, key)
        if value is not None:
            document[key] = value
    if data.source:
        document["source"] = dict(data.source)
    if data.values:
        document["values"] = {k: _value(v) for k, v in data.values.items()}
    if data.stated:
        document["stated"] = {k: v.text for k, v in data.stated.items()}
    if data.notes:
        document["notes"] = dict(data.notes)
    if data.previous:
        document["previous"] = {
            year: {
                key: part
                for key, part in (
                    ("values", {k: _value(v) for k, v in earlier.values.items()}),
                    ("stated", {k: v.text for k, v in earlier.stated.items()}),
                    ("source", dict(earlier.source)),
                )
                if part
            }
            for year, earlier in sorted(data.previous.items())
        }
    if data.changes:
        changes: dict[str, list[dict[str, Any]]] = {}
        for change in data.changes:
            changes.setdefault(change.subject, []).append(
                {"text": change.text, "from": change.from_year}
            )
        document["changes"] = changes
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
