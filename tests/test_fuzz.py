"""Fuzzing every loader: whatever comes in, only the library's InputError may come out."""

from __future__ import annotations

import string
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fazhi_indicators as fz

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SHENQIU = fz.example_path("shenqiu-2023").read_text(encoding="utf-8")
CATALOG = fz.default_catalog()

#: Pieces of text that matter to YAML, to numbers and to our formats.
ATOMS = st.sampled_from(
    [
        ":",
        "-",
        " ",
        "\n",
        "  ",
        "{",
        "}",
        "[",
        "]",
        ",",
        "&a",
        "*a",
        "!!",
        "<<",
        "%",
        "~",
        "'",
        '"',
        "#",
        "|",
        ">",
        "\t",
        "null",
        "true",
        "1e9",
        "-3",
        "4.5",
        "90.5%",
        "１００％",
        "约",
        "余",
        "county",
        "year",
        "values",
        "stated",
        "notes",
        "enforcement.exam_passed",
        "mediation.success_rate",
        "2024-02-30",
        "\ufeff",
        "\x00",
        "沈丘县",
    ]
)


def _only_input_errors(load: Any, *args: Any) -> None:
    try:
        load(*args)
    except fz.InputError as error:
        assert error.problems  # noqa: PT017 - the input may also be valid, so no pytest.raises
        for problem in error.problems:
            assert problem.message
            assert problem.message_zh


@FUZZ
@given(st.text())
def test_county_loader_on_arbitrary_text(text: str) -> None:
    """Arbitrary Unicode text never escapes as anything but InputError."""
    _only_input_errors(fz.parse_county_year, text, CATALOG, "fuzz.yaml")


@FUZZ
@given(st.lists(ATOMS, max_size=40).map("".join))
def test_county_loader_on_yaml_like_text(text: str) -> None:
    """Text made of YAML punctuation and our own words never crashes the loader."""
    _only_input_errors(fz.parse_county_year, text, CATALOG, "fuzz.yaml")


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(max_size=10)
    | st.dates()
    | st.sampled_from(["90.5%", "443", "enforcement.exam_passed"])
)
structures = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(max_size=12)
            | st.sampled_from(
                ["county", "year", "values", "stated", "notes", "enforcement.exam_passed", "source"]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@FUZZ
@given(structures)
def test_county_loader_on_yaml_structures(document: object) -> None:
    """Any YAML-shaped document loads or gives located problems."""
    _only_input_errors(
        fz.parse_county_year, yaml.safe_dump(document, allow_unicode=True), CATALOG, "fuzz.yaml"
    )


@FUZZ
@given(st.integers(0, len(SHENQIU)), st.integers(0, 40), st.text(max_size=5) | ATOMS)
def test_county_loader_on_mutated_example(start: int, length: int, insert: str) -> None:
    """The Shenqiu file with a slice replaced loads or fails cleanly; never half-loads."""
    text = SHENQIU[:start] + insert + SHENQIU[start + length :]
    _only_input_errors(fz.parse_county_year, text, CATALOG, "shenqiu-mutated.yaml")


@FUZZ
@given(
    st.lists(
        st.lists(
            st.text(alphabet=string.printable + "沈丘县约余％", max_size=8) | ATOMS, max_size=6
        ),
        max_size=5,
    )
)
def test_panel_loader_on_arbitrary_cells(rows: list[list[str]]) -> None:
    """Any CSV with our header or without loads or gives located problems."""
    header = (
        "county,year,enforcement.exam_participants,enforcement.exam_passed,"
        "stated:mediation.success_rate"
    )
    body = "\n".join(",".join(cell.replace(",", " ") for cell in row) for row in rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "panel.csv"
        path.write_text(header + "\n" + body, encoding="utf-8")
        _only_input_errors(fz.load_panel, path, CATALOG)


PROFILE = (fz.catalog_root() / "profiles" / "henan-demonstration-county.yaml").read_text(
    encoding="utf-8"
)


@FUZZ
@given(st.integers(0, len(PROFILE)), st.integers(0, 30), ATOMS | st.text(max_size=4))
def test_profile_loader_on_mutated_profile(start: int, length: int, insert: str) -> None:
    """A profile with a slice replaced loads or gives located problems."""
    text = PROFILE[:start] + insert + PROFILE[start + length :]
    text = text.replace("id: henan-demonstration-county", "id: fuzzed-profile", 1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "profile.yaml"
        path.write_text(text, encoding="utf-8")
        _only_input_errors(fz.load_profile, path)


@FUZZ
@given(structures)
def test_catalogue_loader_on_yaml_structures(document: object) -> None:
    """A catalogue whose field file is any YAML structure loads or fails cleanly."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for sub in ("fields", "indicators", "profiles"):
            (root / sub).mkdir()
        (root / "fields" / "demo.yaml").write_text(
            yaml.safe_dump(document, allow_unicode=True), encoding="utf-8"
        )
        _only_input_errors(fz.load_catalog, root)


@pytest.mark.parametrize("name", ["shenqiu-2023", "tongzhou-2023"])
def test_examples_survive_a_round_trip(name: str) -> None:
    """Every valid file still loads, equal, after being written back."""
    data = fz.load_county_year(fz.example_path(name))
    assert data == fz.parse_county_year(fz.dump_county_year(data), CATALOG)


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    """A 50 MB county file is refused by its size, with a clear, located problem."""
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(path, CATALOG)
    (problem,) = caught.value.problems
    assert "file-too-large" == problem.code
    assert "50,000,000 bytes" in problem.message


def test_input_files_are_never_modified(tmp_path: Path) -> None:
    """Scoring and checking read the input and write only where --out says."""
    from fazhi_indicators.cli import main

    source = tmp_path / "county.yaml"
    source.write_text(SHENQIU, encoding="utf-8")
    before = (source.read_bytes(), source.stat().st_mtime_ns)
    assert 0 == main(["score", str(source), "--format", "json", "--out", str(tmp_path / "o.json")])
    assert 0 == main(["check", str(source), "--format", "json"])
    assert before == (source.read_bytes(), source.stat().st_mtime_ns)
    assert {"county.yaml", "o.json"} == {p.name for p in tmp_path.iterdir()}
