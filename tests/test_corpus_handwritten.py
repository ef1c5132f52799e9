"""County cases of the corpus against expectations written by hand from the inputs.

``tests/corpus/expected.yaml`` was regenerated from the code's own output, so it can only
catch a change, not a mistake. ``tests/corpus/handwritten.yaml`` says, for at least half
of the county cases, which problems a careful validator must report, decided from the
input alone. A case the code is known to get wrong carries an ``xfail_reason`` and is a
strict xfail: fixing the bug makes it pass, and then the mark must go.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypedDict, cast

import pytest
import yaml
from corpus_cases import CORPUS, ROOT, load, name

import fazhi_indicators as fz
from fazhi_indicators.errors import ERROR_CODES

HANDWRITTEN = CORPUS / "handwritten.yaml"
COUNTY = sorted((CORPUS / "county").iterdir())


class Expected(TypedDict, total=False):
    """One hand-written problem: code and line always, column and path when sure.

    ``severity: warning`` marks a warning: matched, but not counted among the errors.
    """

    code: str
    line: int | None
    column: int
    path: str
    severity: str


def _read() -> dict[str, tuple[list[Expected], str | None]]:
    """Each case's hand-written problems and, for a known bug, why it fails."""
    raw = cast("dict[str, object]", yaml.safe_load(HANDWRITTEN.read_text(encoding="utf-8")))
    read: dict[str, tuple[list[Expected], str | None]] = {}
    for case, entry in raw.items():
        if isinstance(entry, dict):
            spec = cast("dict[str, object]", entry)
            read[case] = (cast("list[Expected]", spec["problems"]), str(spec["xfail_reason"]))
        else:
            read[case] = (cast("list[Expected]", entry), None)
    return read


HANDWRITTEN_CASES = _read()


def _params() -> list[object]:
    params: list[object] = []
    for case, (expected, reason) in sorted(HANDWRITTEN_CASES.items()):
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(case, expected, marks=marks, id=case))
    return params


def _raised(case: Path) -> list[fz.Problem]:
    """Every problem loading the case raises, warnings included."""
    try:
        load(case)
    except fz.InputError as error:
        return list(error.problems)
    return []


def _matches(problem: fz.Problem, expected: Expected) -> bool:
    """Same code and line, and the same column and path when the hand gave them."""
    return (
        problem.code == expected["code"]
        and problem.line == expected["line"]
        and problem.severity == expected.get("severity", "error")
        and ("column" not in expected or problem.column == expected["column"])
        and ("path" not in expected or problem.path == expected["path"])
    )


def test_handwritten_covers_half_the_county_cases() -> None:
    """At least half the county cases have hand-written problems; every name is a case."""
    county = {name(case) for case in COUNTY}
    assert set(HANDWRITTEN_CASES) <= county, set(HANDWRITTEN_CASES) - county
    assert 2 * len(HANDWRITTEN_CASES) >= len(county)
    for case, (expected, _reason) in HANDWRITTEN_CASES.items():
        assert expected, f"{case} lists no problem"
        for problem in expected:
            assert problem["code"] in ERROR_CODES, (case, problem)
            assert "line" in problem, (case, problem)
            assert problem.get("severity", "error") in {"error", "warning"}, (case, problem)


@pytest.mark.parametrize(("case", "expected"), _params())
def test_case_raises_the_handwritten_problems(
    case: str, expected: list[Expected], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every hand-written problem is raised, and no other error."""
    monkeypatch.chdir(ROOT)
    raised = _raised(CORPUS / case)
    shown = "\n".join(p.format() for p in raised) or "no problem"
    for problem in expected:
        assert any(_matches(p, problem) for p in raised), f"missing {problem}; raised:\n{shown}"
    errors = [p for p in raised if p.severity == "error"]
    expected_errors = [p for p in expected if p.get("severity", "error") == "error"]
    assert len(errors) == len(expected_errors), f"raised:\n{shown}"
