"""Every kind of bad county-year file gives located, bilingual problems."""

from __future__ import annotations

from pathlib import Path

import pytest

import fazhi_indicators as fz

FIXTURES = Path(__file__).parent / "corpus" / "county"

#: fixture → the problems it must produce: (code, line, column, path).
EXPECTED: dict[str, list[tuple[str, int | None, int | None, str]]] = {
    "duplicate-key": [("duplicate-key", 6, 3, "values.enforcement.exam_participants")],
    "unknown-field": [("unknown-id", 5, 3, "values.enforcement.exam_pased")],
    "negative-count": [("out-of-range", 4, 32, "values.mediation.disputes_received")],
    "passed-exceeds-participants": [("exceeds-total", 5, 28, "values.enforcement.exam_passed")],
    "quoted-count": [("wrong-type", 4, 34, "values.enforcement.exam_participants")],
    "decimal-count": [("wrong-type", 4, 34, "values.enforcement.exam_participants")],
    "boolean-count": [("wrong-type", 4, 34, "values.enforcement.exam_participants")],
    "null-count": [("wrong-type", 4, 33, "values.enforcement.exam_participants")],
    "parts-exceed-total": [("parts-exceed-total", 4, 26, "values.legal_aid.cases_total")],
    "nested-parts-exceed-total": [("parts-exceed-total", 4, 24, "values.admin_review.closed")],
    "stated-without-percent": [("bad-rate", 4, 31, "stated.enforcement.exam_pass_rate")],
    "stated-not-a-rate": [("bad-rate", 4, 31, "stated.enforcement.exam_pass_rate")],
    "stated-share-over-100": [
        ("share-above-100", 4, 42, "stated.admin_litigation.head_appearance_rate"),
    ],
    "unknown-indicator": [("unknown-id", 4, 3, "stated.enforcement.pass_rate")],
    "yaml-syntax": [("yaml-syntax", 4, 34, "")],
    "empty": [("empty-file", None, None, "")],
    "not-a-mapping": [("wrong-type", 1, 1, "")],
    "missing-year": [("missing-key", 1, 1, "year")],
    "unknown-top-key": [("unknown-key", 3, 1, "valeus")],
    "bad-approx": [("bad-choice", 4, 50, "values.legal_aid.consultations.approx")],
    "bad-date": [("wrong-type", 4, 42, "values.leadership.annual_report_published_on")],
    "many-problems": [
        ("wrong-type", 4, 34, "values.enforcement.exam_participants"),
        ("unknown-id", 5, 3, "values.enforcement.exam_pased"),
        ("out-of-range", 6, 32, "values.mediation.disputes_received"),
        ("bad-rate", 8, 31, "stated.enforcement.exam_pass_rate"),
    ],
    "gb18030": [("not-utf8", None, None, "")],
}


def test_every_expectation_has_its_file() -> None:
    """Each case named here exists in the corpus (which tests/test_corpus.py covers whole)."""
    assert set() == set(EXPECTED) - {p.stem for p in FIXTURES.glob("*.yaml")}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_gives_its_problems(name: str, catalog: fz.Catalog) -> None:
    """Loading the fixture raises InputError with exactly the expected problems."""
    path = FIXTURES / f"{name}.yaml"
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(path, catalog)
    found = [(p.code, p.line, p.column, p.path) for p in caught.value.problems]
    assert EXPECTED[name] == found
    for problem in caught.value.problems:
        assert str(path) == problem.file
        assert problem.message
        assert problem.message_zh
        assert problem.message != problem.message_zh


def test_duplicate_key_names_the_first_line(catalog: fz.Catalog) -> None:
    """The duplicate-key message says where the key was first given."""
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(FIXTURES / "duplicate-key.yaml", catalog)
    assert "line 4" in caught.value.problems[0].message
    assert "第4行" in caught.value.problems[0].message_zh


def test_unknown_field_suggests_the_right_id(catalog: fz.Catalog) -> None:
    """A misspelt field id is answered with the id that was meant."""
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(FIXTURES / "unknown-field.yaml", catalog)
    assert "enforcement.exam_passed" in caught.value.problems[0].message


def test_share_violation_names_both_fields_and_values(catalog: fz.Catalog) -> None:
    """Passes above candidates name both fields and both numbers."""
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(FIXTURES / "passed-exceeds-participants.yaml", catalog)
    message = caught.value.problems[0].message
    for part in ("enforcement.exam_passed", "443", "enforcement.exam_participants", "401"):
        assert part in message


def test_quoted_number_hint(catalog: fz.Catalog) -> None:
    """A count written in quotes is explained, with the fix."""
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(FIXTURES / "quoted-count.yaml", catalog)
    assert 'found text "443"; write it without quotes' in caught.value.problems[0].message


def test_stated_without_percent_hint(catalog: fz.Catalog) -> None:
    """A rate written without % says how to write it."""
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(FIXTURES / "stated-without-percent.yaml", catalog)
    assert "write 90.5%" in caught.value.problems[0].message


def test_missing_file_is_an_input_error(tmp_path: Path, catalog: fz.Catalog) -> None:
    """A file that does not exist is a located InputError, not an OSError."""
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(tmp_path / "nope.yaml", catalog)
    assert "unreadable" == caught.value.problems[0].code
