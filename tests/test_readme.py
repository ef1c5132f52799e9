"""The README's two commands stay true: CI runs the test command as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import fazhi_indicators as fz

ROOT = Path(__file__).resolve().parents[1]


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", readme)


def test_readme_has_exactly_two_commands() -> None:
    """One command scores the example, one runs the tests."""
    commands = _commands()
    assert 2 == len(commands)
    assert commands[0].endswith("fazhi score")
    assert commands[1].endswith("python -m pytest")


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run calls the README's test command verbatim."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _commands()[1] in ci.splitlines()


def test_readme_names_the_classified_versions() -> None:
    """The README's Python range is the one pyproject.toml classifies (and CI tests)."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found = re.findall(r'"Programming Language :: Python :: 3\.(\d+)"', pyproject)
    minors = sorted(int(minor) for minor in found)
    assert list(range(minors[0], minors[-1] + 1)) == minors
    assert f'requires-python = ">=3.{minors[0]}"' in pyproject
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Python 3.{minors[0]} to 3.{minors[-1]};" in readme


def test_every_problem_code_is_documented() -> None:
    """The generated problem-code table lists every code the library can raise."""
    from fazhi_indicators._catalogue_page import error_codes_markdown
    from fazhi_indicators.errors import ERROR_CODES

    page = (ROOT / "docs" / "reference" / "errors.md").read_text(encoding="utf-8")
    assert "<!-- generated: error-codes -->" in page
    table = error_codes_markdown()
    assert [] == [code for code in ERROR_CODES if f"`{code}`" not in table]


def test_readme_python_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """The README's Python example runs as written and prints a Markdown report."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```python\n(.+?)\n```", readme, flags=re.DOTALL)
    namespace: dict[str, object] = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    card = namespace["card"]
    assert isinstance(card, fz.Scorecard)
    assert fz.Readiness.INSUFFICIENT_DATA == card.verdict
    assert "# 沈丘县 2023" in capsys.readouterr().out


def test_catalogue_page_follows_the_yaml(tmp_path: Path) -> None:
    """Changing a threshold in a profile changes the generated catalogue page."""
    import shutil

    from fazhi_indicators._catalogue_page import catalogue_markdown

    root = tmp_path / "catalogue"
    shutil.copytree(fz.catalog_root(), root)
    before = catalogue_markdown(fz.load_catalog(root))
    profile = root / "profiles" / "henan-demonstration-county.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(
        text.replace(
            'target: ">= 95%"\n        points: 10\n        rule: linear',
            'target: ">= 97.5%"\n        points: 10\n        rule: linear',
        ),
        encoding="utf-8",
    )
    after = catalogue_markdown(fz.load_catalog(root))
    assert "`>= 97.5%`" not in before
    assert "target `>= 97.5%`" in after
    assert before.replace(">= 95%", "") != after.replace(">= 97.5%", "")
