"""`fazhi check-profile`: every mistake in a profile file is a located problem, never a
traceback; warnings and errors set the exit code; a profile that loads is summed up."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

import fazhi_indicators as fz
from fazhi_indicators import _load
from fazhi_indicators.cli import main

ROOT = Path(__file__).resolve().parents[1]
BAD = Path(__file__).parent / "fixtures" / "profiles-bad"
SHIPPED = ROOT / "indicators" / "profiles" / "henan-demonstration-county.yaml"

#: Each bad profile: the problem it must report — code, severity, line and column
#: (``None`` for a problem of the whole file: empty, or not UTF-8).
EXPECTED: dict[str, tuple[str, str, int | None, int | None]] = {
    "yaml-syntax": ("yaml-syntax", "error", 15, 15),
    "unknown-indicator": ("unknown-id", "error", 12, 20),
    "unknown-key": ("unknown-key", "error", 14, 9),
    "missing-points": ("missing-key", "error", 12, 9),
    "duplicate-item": ("duplicate-item", "error", 16, 20),
    "duplicate-key": ("duplicate-key", "error", 15, 9),
    "bad-basis": ("bad-basis", "error", 15, 25),
    "unreachable-target": ("unreachable-target", "error", 13, 17),
    "floor-above-target": ("bad-rule", "error", 16, 16),
    "negative-points": ("bad-number", "error", 14, 17),
    "extends-unknown": ("unknown-id", "error", 4, 10),
    "bad-tag": ("bad-tag", "error", 14, 17),
    "empty": ("empty-file", "error", None, None),
    "not-utf8": ("not-utf8", "error", None, None),
    "node-not-an-item": ("wrong-level", "error", 13, 15),
    "node-unknown": ("unknown-id", "error", 13, 15),
    "add-unknown-area": ("unknown-id", "error", 6, 3),
    "add-not-a-list": ("wrong-type", "error", 7, 5),
    "add-duplicate-item": ("duplicate-item", "error", 7, 18),
    "assumption-without-reason": ("assumption-without-reason", "warning", 15, 25),
    "official-without-document": ("source-without-document", "warning", 15, 25),
    "grade-above-100": ("unreachable-target", "warning", 20, 44),
}


def test_every_fixture_is_expected() -> None:
    """Each file under profiles-bad/ has its expected problem listed, and each listed one exists."""
    assert set(EXPECTED) == {p.stem for p in BAD.glob("*.yaml")}


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    code = main(["check-profile", *args, "--format", "json"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, json.loads(out.out)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_profile_is_a_located_problem(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The expected problem is reported at its place, in both languages, with the exit code."""
    code, severity, line, column = EXPECTED[name]
    path = BAD / f"{name}.yaml"
    exit_code, document = _json(capsys, str(path))
    assert {"error": 2, "warning": 1}[severity] == exit_code
    assert ("errors" if severity == "error" else "warnings") == document["status"]
    problems = document["problems"]
    assert isinstance(problems, list)
    found = [p for p in problems if p["code"] == code]
    assert found, problems
    first = found[0]
    assert (str(path), line, column, severity) == (
        first["file"],
        first["line"],
        first["column"],
        first["severity"],
    )
    assert first["message"]
    assert first["message_zh"]
    assert first["message"] != first["message_zh"]
    if severity == "warning":
        assert all(p["severity"] == "warning" for p in problems)
        assert document["profile"] is not None
    else:
        assert document["profile"] is None


@pytest.mark.parametrize("name", ["unknown-indicator", "assumption-without-reason"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_names_the_place(name: str, lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The text output gives the file and line, in the language asked for."""
    code, severity, line, column = EXPECTED[name]
    path = BAD / f"{name}.yaml"
    exit_code = main(["check-profile", str(path), "--lang", lang])
    out = capsys.readouterr().out
    assert {"error": 2, "warning": 1}[severity] == exit_code
    where = f"{path} 第{line}行第{column}列" if lang == "zh" else f"{path}:{line}:{column}"
    assert where in out
    assert code in out
    assert ("结果：" if lang == "zh" else "Result:") in out
    shown = {"zh": {"error": "错误", "warning": "提示"}, "en": {"error": "error"}}
    assert shown[lang].get(severity, severity) in out


def test_shipped_profile_is_clean_and_summed_up(
    catalog: fz.Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    """The shipped profile checks clean (exit 0); its figures are those of the loaded profile."""
    profile = catalog.profile("henan-demonstration-county")
    exit_code, document = _json(capsys, str(SHIPPED))
    assert 0 == exit_code
    assert "clean" == document["status"]
    assert [] == document["problems"]
    summary = document["profile"]
    assert isinstance(summary, dict)
    assumed = sum((i.points for i in profile.items if i.source.basis == "assumption"), Fraction(0))
    assert len(profile.items) == summary["items"]
    assert profile.max_total == Fraction(summary["points"])
    assert assumed == Fraction(summary["assumed_points"])
    assert profile.assumption_count() == summary["assumed_thresholds"]
    assert [a.id for a in profile.areas] == [a["id"] for a in summary["areas"]]
    for area, shown in zip(profile.areas, summary["areas"], strict=True):
        assert len(area.items) == shown["items"]
        assert sum((i.points for i in area.items), Fraction(0)) == Fraction(shown["points"])
    by_basis = summary["points_by_basis"]
    assert profile.max_total == sum((Fraction(v) for v in by_basis.values()), Fraction(0))
    kinds = summary["kinds"]
    assert len(profile.items) == sum(kinds.values())
    assert {i.kind for i in profile.items} == set(kinds)
    manual = sum((i.points for i in profile.items if i.kind == "manual"), Fraction(0))
    assert manual == Fraction(summary["manual_points"])
    nodes = {i.node for i in profile.items if i.node is not None}
    assert sum(1 for i in profile.items if i.node is None) == summary["unattached"]
    editions = {n.split("/")[0] for n in nodes}
    assert editions == {t["edition"] for t in summary["trees"]}
    for tree in summary["trees"]:
        edition = catalog.trees[tree["edition"]]
        named = {n.split("/")[1] for n in nodes if n.startswith(f"{tree['edition']}/")}
        assert (edition.count(3), len(named)) == (tree["count"], tree["scored"])
        unread = [n for n in edition.level(3) if not n.transcribed and n.id not in named]
        assert len(unread) == tree["untranscribed_not_scored"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_summary_text(lang: str, catalog: fz.Catalog, capsys: pytest.CaptureFixture[str]) -> None:
    """The text summary names each area and the points resting on assumptions."""
    profile = catalog.profile("henan-demonstration-county")
    assert 0 == main(["check-profile", str(SHIPPED), "--lang", lang])
    out = capsys.readouterr().out
    for area in profile.areas:
        assert area.name.get(lang) in out
    count = profile.assumption_count()
    assert (f"基于假设的阈值：{count}项" if lang == "zh" else f"on assumption: {count}") in out
    assert ("依据为假设的评分项分值" if lang == "zh" else "resting on assumptions") in out
    attached = sum(1 for i in profile.items if i.node is not None)
    if attached:
        assert ("指标体系：覆盖2021版" if lang == "zh" else "the 2021 edition") in out


def test_a_profile_that_extends_is_checked_with_its_parent(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A child profile is summed up as it scores: the parent's items with its own changes."""
    path = ROOT / "tests" / "fixtures" / "profiles" / "stricter.yaml"
    exit_code, document = _json(capsys, str(path))
    assert 0 == exit_code
    summary = document["profile"]
    assert isinstance(summary, dict)
    assert "henan-demonstration-county" == summary["extends"]
    profile = fz.load_profile(path)
    assert profile.max_total == Fraction(summary["points"])


def test_misspelt_overrides_are_located_in_the_child(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Overrides naming no inherited item are errors at their lines in the child's file."""
    path = ROOT / "tests" / "fixtures" / "profiles" / "misspelt-override.yaml"
    exit_code, document = _json(capsys, str(path))
    assert 2 == exit_code
    problems = document["problems"]
    assert isinstance(problems, list)
    found = [(p["file"], p["code"], p["line"], p["column"]) for p in problems]
    assert [(str(path), "unknown-id", 7, 3), (str(path), "unknown-id", 9, 10)] == found


def test_added_items_follow_the_inherited_ones(catalog: fz.Catalog) -> None:
    """`add:` appends new items, of any kind, to the end of an inherited area."""
    parent = catalog.profile("henan-demonstration-county")
    path = ROOT / "tests" / "fixtures" / "profiles" / "adds-items.yaml"
    child = fz.load_profile(path)
    before = {a.id: [i.id for i in a.items] for a in parent.areas}
    after = {a.id: [i.id for i in a.items] for a in child.areas}
    added = ["leadership.law_sessions", "leadership.plan_quality"]
    assert before["functions_and_leadership"] + added == after["functions_and_leadership"]
    assert {k: v for k, v in before.items() if k != "functions_and_leadership"} == {
        k: v for k, v in after.items() if k != "functions_and_leadership"
    }
    assert ["min_count", "manual"] == [child.item(i).kind for i in added]
    assert parent.max_total + 3 == child.max_total
    check = fz.check_profile(path)
    assert check.summary is not None
    assert (0, child.max_total) == (check.exit_code, check.summary.points)


def test_check_profile_file_from_python(catalog: fz.Catalog) -> None:
    """The loader's result carries the summary and the exit code the command returns."""
    check = _load.check_profile_file(
        BAD / "assumption-without-reason.yaml", catalog, _load.catalog_root() / "profiles"
    )
    assert 1 == check.exit_code
    assert check.summary is not None
    assert Fraction(10) == check.summary.assumed_points
    assert ("assumption-without-reason",) == tuple(p.code for p in check.warnings)
    assert () == check.errors


@pytest.mark.subprocess
@pytest.mark.parametrize(("lang", "words"), [("zh", "检查评分标准文件"), ("en", "Check a profile")])
def test_help_in_both_languages(lang: str, words: str) -> None:
    """`fazhi check-profile --help` reads in Chinese by default and in English with --lang en."""
    result = subprocess.run(
        [sys.executable, "-m", "fazhi_indicators.cli", "check-profile", "--help", "--lang", lang],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert 0 == result.returncode
    assert words in result.stdout


HOW_TO = ROOT / "docs" / "how-to" / "encode-scoring-table.md"
HOW_TO_EXAMPLES = ROOT / "docs" / "how-to" / "examples"


def _blocks(language: str) -> list[str]:
    text = HOW_TO.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.+?)\n```", text, flags=re.DOTALL | re.MULTILINE)


def test_how_to_yaml_is_the_example_files() -> None:
    """Each profile excerpt on the how-to page is a verbatim part of an example file."""
    files = [p.read_text(encoding="utf-8") for p in sorted(HOW_TO_EXAMPLES.glob("*.yaml"))]
    blocks = _blocks("yaml")
    assert len(blocks) >= 4
    for block in blocks:
        if block.startswith("manual:"):
            continue
        assert any(block in text for text in files), block


def test_how_to_manual_score_names_an_example_item() -> None:
    """The page's `manual:` excerpt scores a manual item of the example profile."""
    (block,) = [b for b in _blocks("yaml") if b.startswith("manual:")]
    check = fz.check_profile(HOW_TO_EXAMPLES / "city-2024.yaml")
    assert check.summary is not None
    profile = fz.load_profile(HOW_TO_EXAMPLES / "city-2024.yaml")
    manual = {i.id for i in profile.items if i.kind == "manual"}
    named = re.findall(r"^  ([a-z0-9_.]+):$", block, flags=re.MULTILINE)
    assert named
    assert set(named) <= manual


def test_how_to_example_profiles_are_clean() -> None:
    """The how-to's example profiles check clean, as the page says."""
    for path in sorted(HOW_TO_EXAMPLES.glob("*.yaml")):
        check = fz.check_profile(path)
        assert ("clean", 0) == (check.status, check.exit_code), check.problems


def test_how_to_problem_line_is_what_the_command_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The misspelt field shown on the page is reported as shown: place, code, first suggestion."""
    (shown,) = _blocks("text")
    good = (HOW_TO_EXAMPLES / "city-2024.yaml").read_text(encoding="utf-8")
    wrong = "field: leadership.exec_meeting_law_session\n"
    assert good.count("field: leadership.exec_meeting_law_sessions\n") == 1
    (tmp_path / "city-2024.yaml").write_text(
        good.replace("field: leadership.exec_meeting_law_sessions\n", wrong), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert 2 == main(["check-profile", "city-2024.yaml"])
    printed = [line for line in capsys.readouterr().out.splitlines() if "unknown-id" in line]
    assert 1 == len(printed)
    stable = shown.split("或“")[0]
    assert printed[0].startswith(stable.removesuffix("？"))


@pytest.mark.parametrize(("late", "kept"), [(0, 5), (4, 1), (5, 0), (6, 0)])
def test_how_to_2019_example_changes_the_cap(catalog: fz.Catalog, late: int, kept: int) -> None:
    """The how-to's 2019 example: 5 points, 1 off each, one line dropped and one added."""
    profile = fz.load_profile(HOW_TO_EXAMPLES / "county-2019.yaml")
    parent = catalog.profile("unnamed-county-2018-evaluation")
    ids = [i.id for i in profile.items]
    assert "county2018.double_publicity.columns" not in ids
    assert "county2019.legality_review" == ids[-1]
    assert len(parent.items) == len(ids)
    data = fz.county_year(
        "某县", 2019, values={"normative_documents.not_filed_as_required": late}, catalog=catalog
    )
    line = fz.score(data, profile, catalog).lines["county2018.timely_filing"]
    assert (Fraction(kept), Fraction(5)) == (line.points, line.max_points)
