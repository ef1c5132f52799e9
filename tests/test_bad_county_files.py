"""Every kind of bad county-year file gives located, bilingual problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import fazhi_indicators as fz
from fazhi_indicators import _load
from fazhi_indicators.cli import main

FIXTURES = Path(__file__).parent / "corpus" / "county"
#: County files that load (possibly with a warning), or fail only against a profile.
COUNTY = Path(__file__).parent / "fixtures" / "county"

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
    "gb18030": [
        ("encoding-gb18030", None, None, ""),
        ("wrong-type", 4, 26, "values.legal_aid.cases_total"),
    ],
    "latin1": [("not-utf8", None, None, "")],
    "duplicate-and-others": [
        ("unknown-id", 5, 3, "values.enforcement.exam_pased"),
        ("duplicate-key", 6, 3, "values.enforcement.exam_participants"),
        ("out-of-range", 7, 32, "values.mediation.disputes_received"),
        ("bad-rate", 9, 31, "stated.enforcement.exam_pass_rate"),
    ],
    "values-indicator-id": [("indicator-in-values", 4, 3, "values.admin_litigation.loss_rate")],
    "values-unknown-percent": [("indicator-in-values", 4, 3, "values.admin_litigation.loss")],
    "values-percent-count": [
        ("indicator-in-values", 4, 32, "values.admin_litigation.cases_lost"),
    ],
    "stated-negative": [("out-of-range", 4, 27, "stated.mediation.success_rate")],
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


def _problems(name: str, catalog: fz.Catalog) -> list[fz.Problem]:
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(FIXTURES / f"{name}.yaml", catalog)
    return list(caught.value.problems)


@pytest.mark.parametrize(
    ("name", "half_width"), [("stated-full-width-count", "443"), ("year-full-width", "2023")]
)
def test_full_width_digits_are_told_to_be_half_width(
    name: str, half_width: str, catalog: fz.Catalog
) -> None:
    """Full-width digits (４４３) are not quoted: the advice is to write them half-width."""
    (problem,) = _problems(name, catalog)
    assert "wrong-type" == problem.code
    assert f"full-width digits; write {half_width}" in problem.message
    assert f"全角数字；请改用半角数字 {half_width}" in problem.message_zh
    assert "quotes" not in problem.message
    assert "引号" not in problem.message_zh


def test_rate_under_values_says_to_put_it_under_stated(catalog: fz.Catalog) -> None:
    """An indicator id, or a percentage, under ``values:`` is sent to ``stated:``."""
    (by_id,) = _problems("values-indicator-id", catalog)
    assert "admin_litigation.loss_rate is an indicator" in by_id.message
    assert "under stated:" in by_id.message
    assert "did you mean" not in by_id.message
    assert "admin_litigation.cases_lost" in by_id.message  # the counts it is computed from
    assert "stated:" in by_id.message_zh
    assert "指标" in by_id.message_zh
    (by_value,) = _problems("values-unknown-percent", catalog)
    assert "5% is a rate" in by_value.message
    assert "did you mean 'admin_litigation.loss_rate'" in by_value.message
    assert "stated:" in by_value.message_zh
    assert "“admin_litigation.loss_rate”" in by_value.message_zh
    (on_count,) = _problems("values-percent-count", catalog)
    assert "admin_litigation.cases_lost is a count" in on_count.message
    assert "admin_litigation.loss_rate: 5%" in on_count.message
    assert "admin_litigation.loss_rate: 5%" in on_count.message_zh


def test_duplicate_key_keeps_the_first_and_reports_the_rest(catalog: fz.Catalog) -> None:
    """A duplicate names both lines and hides no other problem; the second value is dropped."""
    problems = _problems("duplicate-and-others", catalog)
    (duplicate,) = [p for p in problems if p.code == "duplicate-key"]
    assert "line 4" in duplicate.message
    assert 6 == duplicate.line
    assert "第4行" in duplicate.message_zh
    assert len(problems) == 4


@pytest.mark.parametrize(("line", "approx"), [(4, "余"), (5, "约"), (6, "近"), (7, "多")])
def test_hedged_count_written_as_text_is_told_its_form(
    line: int, approx: str, catalog: fz.Catalog
) -> None:
    """``70余``, ``约70``, ``近70`` and ``70多`` are answered with ``{value: 70, approx: …}``."""
    problems = {p.line: p for p in _problems("approx-as-text", catalog)}
    problem = problems[line]
    assert "wrong-type" == problem.code
    assert f"written {{value: 70, approx: {approx}}}" in problem.message
    assert f"请写作 {{value: 70, approx: {approx}}}" in problem.message_zh


def test_negative_stated_rate_is_out_of_range(catalog: fz.Catalog) -> None:
    """``-5%`` is a percentage, just below 0%: out of range, not unreadable."""
    (problem,) = _problems("stated-negative", catalog)
    assert "out-of-range" == problem.code
    assert "-5%" in problem.message
    assert "0%" in problem.message
    assert "-5%" in problem.message_zh


def test_stated_proportion_is_read_as_a_percentage(catalog: fz.Catalog) -> None:
    """0.965 under ``stated:`` is a proportion: the advice is 96.5%, never 0.965%."""
    (problem,) = _problems("stated-proportion", catalog)
    assert "bad-rate" == problem.code
    assert "write 96.5%" in problem.message
    assert "请写作 96.5%" in problem.message_zh
    assert "0.965%" not in problem.message + problem.message_zh


def test_gb18030_file_loads_with_a_warning(catalog: fz.Catalog) -> None:
    """A file saved as GB18030 reads the same as its UTF-8 twin, with a warning at the file."""
    path = COUNTY / "gb18030-valid.yaml"
    utf8 = path.read_bytes().decode("gb18030")
    loaded = _load.read_county_year(path, catalog)
    assert fz.parse_county_year(utf8, catalog) == loaded.data
    assert "其中涉及农民工案件50件" == loaded.data.notes["legal_aid.cases_total"]
    (warning,) = loaded.warnings
    assert ("encoding-gb18030", "warning", str(path), None) == (
        warning.code,
        warning.severity,
        warning.file,
        warning.line,
    )
    assert "GB18030" in warning.message
    assert "GB18030" in warning.message_zh
    assert "iconv" not in warning.message + warning.message_zh
    assert fz.load_county_year(path, catalog) == loaded.data


def test_gb18030_warning_reaches_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    """`fazhi check` and `fazhi score` print the warning and exit 0."""
    path = str(COUNTY / "gb18030-valid.yaml")
    assert 0 == main(["check", path, "--lang", "en"])
    captured = capsys.readouterr()
    assert f"{path} warning encoding-gb18030" in captured.err
    assert "the file is valid" in captured.out
    assert 0 == main(["check", path, "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert ["encoding-gb18030"] == [p["code"] for p in document["problems"]]
    assert "warning" == document["problems"][0]["severity"]
    assert document["values"] is not None
    assert 0 == main(["score", path])
    assert f"{path} 提示 encoding-gb18030：" in capsys.readouterr().err


def test_year_outside_the_profile_is_located(capsys: pytest.CaptureFixture[str]) -> None:
    """Scoring 2019 against a 2021-2025 profile: a problem at ``year:``, as JSON too."""
    path = str(COUNTY / "year-2019.yaml")
    assert 2 == main(["score", path, "--format", "json"])
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert "fazhi.check/1" == document["schema"]
    (problem,) = document["problems"]
    assert ("out-of-range", path, 2, 7, "year") == (
        problem["code"],
        problem["file"],
        problem["line"],
        problem["column"],
        problem["path"],
    )
    assert "2021-2025" in problem["message"]
    assert "found 2019" in problem["message"]
    assert "2021-2025" in problem["message_zh"]
    assert "2019" in problem["message_zh"]
    assert 2 == main(["score", path, "--lang", "en"])
    captured = capsys.readouterr()
    assert f"{path}:2:7 [year] error out-of-range" in captured.err
    assert "" == captured.out


def test_score_json_prints_input_problems(capsys: pytest.CaptureFixture[str]) -> None:
    """`fazhi score --format json` on a bad file prints the problems as a JSON document."""
    path = str(FIXTURES / "many-problems.yaml")
    assert 2 == main(["score", path, "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert 4 == len(document["problems"])
    assert {path} == {p["file"] for p in document["problems"]}


def test_latin1_file_is_not_taken_for_chinese(catalog: fz.Catalog) -> None:
    """Latin-1 bytes that happen to decode as GB18030 (Montr閍l) are refused, not mis-read."""
    (problem,) = _problems("latin1", catalog)
    assert "not-utf8" == problem.code
    assert "GB18030" not in problem.message
    assert "UTF-8" in problem.message_zh
