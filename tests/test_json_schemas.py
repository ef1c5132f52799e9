"""Every JSON output validates against the schema shipped for it (src/fazhi_indicators/schemas)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from referencing import Registry, Resource

import fazhi_indicators as fz
from fazhi_indicators import render
from fazhi_indicators.cli import main
from fazhi_indicators.strategies import county_years

ROOT = Path(__file__).resolve().parent.parent
PANELS = ROOT / "tests" / "fixtures" / "panel"
PUBLISHED = sorted((ROOT / "examples" / "published").glob("*.yaml"))
EXAMPLES = [fz.example_path("shenqiu-2023"), fz.example_path("tongzhou-2023")]


def _schemas() -> dict[str, dict[str, Any]]:
    folder = resources.files("fazhi_indicators") / "schemas"
    return {
        entry.name.removesuffix(".json"): json.loads(entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    }


SCHEMAS = _schemas()
REGISTRY: Registry[Any] = Registry().with_resources(
    (schema["$id"], Resource.from_contents(schema)) for schema in SCHEMAS.values()
)


def _validate(document: object, name: str) -> None:
    schema = SCHEMAS[name]
    validator = jsonschema.Draft202012Validator(
        schema,
        registry=REGISTRY,
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    validator.validate(document)


def test_the_schemas_are_valid_draft_2020_12() -> None:
    assert set(SCHEMAS) >= {"scorecard", "check", "panel"}
    for schema in SCHEMAS.values():
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", EXAMPLES + PUBLISHED, ids=lambda p: Path(p).stem)
def test_scorecard_and_check_of_each_file_validate(path: Path) -> None:
    data = fz.load_county_year(path)
    card = fz.score(data)
    document = json.loads(card.to_json())
    assert document["schema"] == SCHEMAS["scorecard"]["properties"]["schema"]["const"]
    _validate(document, "scorecard")
    checked = render.check_json(list(card.warnings), card.audit, card.values, data)
    _validate(json.loads(checked), "check")


def test_a_panel_of_every_file_validates() -> None:
    cards = [fz.score(fz.load_county_year(p)) for p in EXAMPLES + PUBLISHED]
    document = json.loads(render.panel_json(cards, problems=_bad_file_problems()))
    _validate(document, "panel")
    assert len(document["scorecards"]) == len(cards)


def _bad_file_problems() -> tuple[fz.Problem, ...]:
    with pytest.raises(fz.InputError) as raised:
        fz.parse_county_year("county: 某县\nyear: 2023\nvalues: {nope: 1}\n", file="x.yaml")
    assert raised.value.problems
    return raised.value.problems


def test_a_check_that_could_not_load_validates() -> None:
    _validate(json.loads(render.check_json(_bad_file_problems(), [], None)), "check")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(county_years(year=2023, stated=False))
def test_generated_county_years_validate(data: fz.CountyYear) -> None:
    card = fz.score(data)
    _validate(json.loads(card.to_json()), "scorecard")
    _validate(json.loads(render.panel_json([card, card])), "panel")


@pytest.mark.parametrize(
    ("change", "name"),
    [
        ({"total": 72.5}, "scorecard"),
        ({"verdict": "MAYBE"}, "scorecard"),
        ({"schema": "fazhi.scorecard/1"}, "scorecard"),
        ({"items": [{"indicator": "x"}]}, "scorecard"),
        ({"areas": [{"id": "a", "points": "1", "max_points": "2"}]}, "scorecard"),
    ],
)
def test_a_wrong_document_is_refused(change: dict[str, object], name: str) -> None:
    card = fz.score(fz.load_county_year(EXAMPLES[0]))
    document = {**json.loads(card.to_json()), **change}
    with pytest.raises(jsonschema.ValidationError):
        _validate(document, name)


def test_added_keys_are_allowed() -> None:
    card = fz.score(fz.load_county_year(EXAMPLES[0]))
    document = json.loads(card.to_json())
    document["a_later_key"] = {"anything": 1}
    document["items"][0]["a_later_key"] = 1
    _validate(document, "scorecard")


@pytest.mark.parametrize("name", ["ranking.csv", "year-outside-profile.csv", "henan-2023.csv"])
def test_a_panel_summary_validates(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """``fazhi panel --format json --summary``, rows outside the profile's years included."""
    code = main(["panel", str(PANELS / name), "--format", "json", "--summary"])
    document = json.loads(capsys.readouterr().out)
    _validate(document, "panel-summary")
    assert (code == 2) == bool(document["problems"])


def test_a_wrong_panel_summary_is_refused() -> None:
    """A summary row without its verdict, or with a grade that is a number, is refused."""
    # The smallest valid document, then two broken copies of it.
    valid = {
        "schema": "fazhi.panel-summary/1",
        "rows": [
            {
                "county": "甲县",
                "year": 2023,
                "province": None,
                "verdict": "READY",
                "total": "90",
                "total_high": "90",
                "max_total": "100",
                "grade": "优秀",
                "grade_en": "Excellent",
                "coverage": "1",
                "applicable": "1",
            }
        ],
        "rankings": [],
        "distributions": [],
        "problems": [],
    }
    _validate(valid, "panel-summary")
    without_verdict = json.loads(json.dumps(valid))
    del without_verdict["rows"][0]["verdict"]
    numeric_grade = json.loads(json.dumps(valid))
    numeric_grade["rows"][0]["grade"] = 90
    for broken in (without_verdict, numeric_grade):
        with pytest.raises(jsonschema.ValidationError):
            _validate(broken, "panel-summary")
