"""The hostile-input corpus: every case gives exactly its expected problems, located."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from corpus_cases import EXPECTED, ROOT, cases, name, problems

EXPECTATIONS = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
CASES = cases()


def test_corpus_is_large_and_complete() -> None:
    """At least 80 cases, each with an expectation, across all four kinds of file."""
    assert len(CASES) >= 80
    assert sorted(EXPECTATIONS) == sorted(name(case) for case in CASES)
    kinds = {name(case).split("/")[0] for case in CASES}
    assert {"county", "profile", "catalog", "panel"} == kinds


@pytest.mark.parametrize("case", CASES, ids=name)
def test_case_gives_its_problems(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The case fails with exactly the recorded problems: code, place, both messages."""
    monkeypatch.chdir(ROOT)
    found = problems(case)
    assert found, f"{name(case)} loaded without a problem"
    assert EXPECTATIONS[name(case)] == found
    for problem in found:
        assert problem["message"]
        assert problem["message_zh"]
        assert problem["file"] is not None
        assert str(problem["file"]).startswith(f"tests/corpus/{name(case)}")
