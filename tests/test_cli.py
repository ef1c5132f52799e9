"""The command line: outputs, exit codes, and no traceback on any bad input."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi_indicators.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).parent / "corpus"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fazhi_indicators.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


@pytest.mark.subprocess
def test_score_without_file_uses_shenqiu() -> None:
    """`fazhi score` scores the bundled Shenqiu 2023 example in Chinese."""
    result = _run("score")
    assert 0 == result.returncode
    assert "沈丘县 2023" in result.stdout
    assert "执法资格考试通过率" in result.stdout
    assert "" == result.stderr


def test_score_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """The JSON has the documented keys and exact strings."""
    assert 0 == main(["score", "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert "fazhi.scorecard/2" == document["schema"]
    assert {"id": "henan-demonstration-county", "version": "2023.1"} == document["profile"]
    assert "INSUFFICIENT_DATA" == document["verdict"]
    assert document["reasons"]
    assert document["total_high"] != document["total_if_missing_met"]
    assert "沈丘县司法局" == document["source"]["publisher"]
    assert "legal_aid.cases_total" in document["notes"]
    assert [] == document["warnings"]
    assert isinstance(document["assumptions"], int)
    keys = {
        "indicator",
        "status",
        "source",
        "value",
        "interval",
        "display",
        "target",
        "points",
        "max_points",
        "gap",
    }
    assert all(keys <= set(item) for item in document["items"])


def test_fail_if_not_ready_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    """--fail-if-not-ready turns a NOT_READY verdict into exit 1."""
    assert 1 == main(["score", "--fail-if-not-ready", "--format", "md", "--lang", "en"])
    assert "# 沈丘县 2023" in capsys.readouterr().out


@pytest.mark.subprocess
@pytest.mark.parametrize(
    "fixture", sorted((CORPUS / "county").glob("*.yaml")), ids=lambda p: p.stem
)
def test_bad_county_files_exit_2_without_traceback(fixture: Path) -> None:
    """Every bad county file gives exit 2, a located message, and nothing on stdout."""
    result = _run("score", str(fixture))
    assert 2 == result.returncode
    assert "Traceback" not in result.stderr
    assert str(fixture) in result.stderr
    assert "" == result.stdout


def test_check_json_problems(capsys: pytest.CaptureFixture[str]) -> None:
    """`fazhi check --format json` lists problems with file, line, column and both messages."""
    fixture = CORPUS / "county" / "many-problems.yaml"
    assert 2 == main(["check", str(fixture), "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert "fazhi.check/1" == document["schema"]
    assert 4 == len(document["problems"])
    first = document["problems"][0]
    assert (str(fixture), 4, 34) == (first["file"], first["line"], first["column"])
    assert first["message"]
    assert first["message_zh"]
    assert document["values"] is None


def test_check_valid_file(capsys: pytest.CaptureFixture[str]) -> None:
    """A valid file is checked: audit and values, exit 0."""
    from fazhi_indicators import example_path

    assert 0 == main(["check", str(example_path("tongzhou-2023")), "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert "236/977" == document["values"]["admin_review.correction_rate"]
    assert [] == document["problems"]


def test_out_is_not_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--out writes a file, refuses to overwrite it, and overwrites with --force."""
    out = tmp_path / "card.json"
    assert 0 == main(["score", "--format", "json", "--out", str(out)])
    first = out.read_text(encoding="utf-8")
    assert json.loads(first)["county"] == "沈丘县"
    out.write_text("keep me", encoding="utf-8")
    assert 2 == main(["score", "--format", "json", "--out", str(out)])
    assert "--force" in capsys.readouterr().err
    assert "keep me" == out.read_text(encoding="utf-8")
    assert 0 == main(["score", "--format", "json", "--out", str(out), "--force"])
    assert first == out.read_text(encoding="utf-8")
    assert [out] == list(tmp_path.iterdir())


def test_catalog_listing_and_detail(capsys: pytest.CaptureFixture[str]) -> None:
    """`fazhi catalog` lists ids; `fazhi catalog ID` shows formula, source and profile use."""
    assert 0 == main(["catalog", "--lang", "en"])
    listing = capsys.readouterr().out
    assert "enforcement.exam_pass_rate" in listing
    assert 0 == main(["catalog", "enforcement.exam_pass_rate", "--format", "json"])
    detail = json.loads(capsys.readouterr().out)
    assert "(enforcement.exam_passed) / (enforcement.exam_participants)" == detail["formula"]
    assert detail["profiles"]


def test_unknown_ids_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """Unknown catalogue ids and profiles give exit 2 with a suggestion."""
    assert 2 == main(["catalog", "enforcement.exam_pass"])
    assert "enforcement.exam_pass_rate" in capsys.readouterr().err
    assert 2 == main(["score", "--profile", "henan"])
    assert "henan-demonstration-county" in capsys.readouterr().err


@pytest.mark.subprocess
def test_missing_file_and_bad_profile_file() -> None:
    """A missing input or a broken profile file exits 2 without a traceback."""
    for args in (
        ("score", "no-such-file.yaml"),
        ("score", "--profile", str(FIXTURES / "profiles" / "cycle-a.yaml")),
        ("check", "no-such-file.yaml"),
        ("score", "--catalog", "no-such-folder"),
    ):
        result = _run(*args)
        assert 2 == result.returncode, args
        assert "Traceback" not in result.stderr


@pytest.mark.subprocess
def test_usage_error_exit_2() -> None:
    """A wrong option is a usage error (exit 2)."""
    result = _run("score", "--format", "pdf")
    assert 2 == result.returncode
    assert "Traceback" not in result.stderr


def test_year_outside_the_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Scoring 2030 figures with a 2021-2025 profile exits 2 and says why, in both languages."""
    from fazhi_indicators import example_path

    source = tmp_path / "future.yaml"
    source.write_text(
        example_path("shenqiu-2023")
        .read_text(encoding="utf-8")
        .replace("year: 2023", "year: 2030"),
        encoding="utf-8",
    )
    assert 2 == main(["score", str(source)])
    captured = capsys.readouterr()
    assert "" == captured.out
    assert f"{source} 第7行第7列 [year] 错误 out-of-range：" in captured.err
    assert "不适用于2030年" in captured.err
    assert 2 == main(["score", str(source), "--lang", "en"])
    english = capsys.readouterr().err
    assert f"{source}:7:7 [year] error out-of-range: " in english
    assert "effective for 2021-2025, not for 2030" in english


def test_json_display_figures(capsys: pytest.CaptureFixture[str]) -> None:
    """Exact totals come with a rounded display figure for people."""
    assert 0 == main(["score", "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert ("721919/21264", "33.95") == (document["total"], document["total_display"])
    exam = next(i for i in document["items"] if i["indicator"] == "enforcement.exam_pass_rate")
    assert ("9320/1329", "7.01") == (exam["points"], exam["points_display"])


def test_out_files_get_the_usual_permissions(tmp_path: Path) -> None:
    """A report written with --out is readable as any new file is, not private to its writer."""
    mask = os.umask(0o022)
    try:
        out = tmp_path / "report.md"
        assert 0 == main(["score", "--format", "md", "--out", str(out)])
        assert 0o644 == stat.S_IMODE(out.stat().st_mode)
    finally:
        os.umask(mask)
