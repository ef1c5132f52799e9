"""The panel scorer: column by column, with every row's result what score() gives it."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fazhi_indicators as fz
from fazhi_indicators import _load
from fazhi_indicators._load.panel import read_panel_columns
from fazhi_indicators.cli import main
from fazhi_indicators.definitions import Catalog, Profile
from fazhi_indicators.exact import format_number
from fazhi_indicators.panel_engine import (
    PANEL_ROW_KEYS,
    PanelResult,
    compile_profile,
    score_columns,
    score_rows,
    summary_of,
)
from fazhi_indicators.panel_report import fraction_text, number_text
from fazhi_indicators.ranking import rank
from fazhi_indicators.render import exact_text
from fazhi_indicators.scoring import Scorecard, score
from fazhi_indicators.strategies import county_years

CATALOG = fz.default_catalog()
#: The catalogue the rows are drawn from: the rates the profiles below score, so that
#: each drawn county prints those and no other (the rows are scored with the whole
#: catalogue, by score() and by the panel alike).
SCORED = {
    "admin_litigation.closure_rate",
    "admin_litigation.head_appearance_rate",
    "admin_litigation.loss_rate",
    "admin_review.closure_rate",
    "enforcement.certification_rate",
    "enforcement.exam_pass_rate",
    "gov_services.instant_rate",
    "legal_advisers.coverage_rate",
    "legal_aid.timely_decision_rate",
    "major_decisions.legality_review_rate",
    "mediation.success_rate",
    "normative_documents.filing_rate",
    "normative_documents.legality_review_rate",
    "normative_documents.timely_filing_rate",
    "leadership.annual_report_on_time",
}
#: The fields those rates, deadlines and the vetoes read: a panel's columns.
READ = {f for i in SCORED for f in CATALOG.indicators[i].fields} | {
    v.field for v in CATALOG.profile(fz.DEFAULT_PROFILE).vetoes
}
DRAWN = attrs.evolve(
    CATALOG, indicators={k: v for k, v in CATALOG.indicators.items() if k in SCORED}
)
PANELS = Path(__file__).parent / "fixtures" / "panel"
ROOT = Path(__file__).parent.parent
SLOW = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _profile(path: Path) -> Profile:
    return _load.load_profile(path, CATALOG, _load.catalog_root() / "profiles")


HENAN = CATALOG.profile(fz.DEFAULT_PROFILE)
RULES = _profile(PANELS / "profile-columnar-rules.yaml")
BANDS = _profile(Path(__file__).parent / "fixtures" / "soundness" / "bands-exam-pass.yaml")
KINDS = _profile(Path(__file__).parent / "fixtures" / "profiles-kinds" / "shenqiu-kinds.yaml")


def _assert_as_score(
    rows: list[fz.CountyYear], profile: Profile, catalog: Catalog = CATALOG
) -> PanelResult | None:
    """Every scored row's summary and items are those of score(); rows outside are left out.

    A row score() refuses (a hedged count that makes a share's range empty) makes the
    panel refuse with the same error.
    """
    first, last = profile.effective_from, profile.effective_to
    inside = [i for i, r in enumerate(rows) if first <= r.year and (last is None or r.year <= last)]
    refusal: str | None = None
    try:
        cards = {i: score(rows[i], profile, catalog) for i in inside}
    except ValueError as refused:
        refusal = str(refused)
    if refusal is not None:
        with pytest.raises(ValueError, match="empty interval") as caught:
            score_rows(rows, profile, catalog)
        assert refusal == str(caught.value)
        return None
    result = score_rows(rows, profile, catalog)
    _same(cards, result)
    return result


def _same(cards: dict[int, Scorecard], result: PanelResult) -> None:
    """The panel's rows are the cards: summaries, and each item's status and points."""
    assert sorted(cards) == list(result.index)
    for position, index in enumerate(result.index):
        card = cards[index]
        assert summary_of(card) == result.rows[position]
        for item in result.items:
            line = card.lines[item.id]
            found = (
                item.status[index],
                item.points(index),
                item.points_high(index),
                item.max_points(index),
            )
            assert (line.status, line.points, line.points_high, line.max_points) == found


def _panels(*, stated_only: bool) -> st.SearchStrategy[list[fz.CountyYear]]:
    years = st.sampled_from([2019, 2021, 2023, 2025, 2026])
    return years.flatmap(
        lambda year: st.lists(
            county_years(catalog=DRAWN, year=year, stated_only=stated_only),
            min_size=1,
            max_size=6,
        )
    )


@SLOW
@given(
    st.lists(
        st.one_of(
            county_years(catalog=DRAWN, year=2023, hedged=True, stated_only=True),
            county_years(catalog=DRAWN, year=2024, near=HENAN),
            county_years(catalog=DRAWN, year=2019, stated_only=True),
        ),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from([HENAN, RULES, KINDS]),
)
def test_panel_results_are_score_results(rows: list[fz.CountyYear], profile: Profile) -> None:
    """Hedged counts, printed rates alone, zero denominators: each row as score() has it."""
    _assert_as_score(rows, profile)


@pytest.mark.parametrize("arrow", [False, True])
def test_a_subset_given_pins_its_missing_whole(arrow: bool) -> None:
    """Heads appeared in person (2 of 2 heard) pin the missing heads-appeared count at 2.

    The rate is then 2/2 and met, as score() has it, though the profile reads no
    figure of the subset itself.
    """
    path = PANELS / "subset-pins-whole.csv"
    rows = list(fz.load_panel(path).rows)
    result = score_columns(
        read_panel_columns(path, CATALOG, arrow=arrow), compile_profile(HENAN, CATALOG)
    )
    _same({i: score(rows[i], HENAN, CATALOG) for i in range(len(rows))}, result)
    item = next(i for i in result.items if i.id == "admin_litigation.head_appearance_rate")
    assert [fz.Verdict.MET, fz.Verdict.MISSING] == item.status


def test_an_items_columns_read_as_lists() -> None:
    """Each of an item's columns is the list it stands for: equal, sliced, shown, not hashed."""
    path = PANELS / "subset-pins-whole.csv"
    result = score_columns(read_panel_columns(path, CATALOG), compile_profile(HENAN, CATALOG))
    item = next(i for i in result.items if i.id == "admin_litigation.head_appearance_rate")
    statuses = [fz.Verdict.MET, fz.Verdict.MISSING]
    assert item.status == statuses
    assert statuses == item.status
    assert item.status != [fz.Verdict.MET, fz.Verdict.MET]
    assert item.status[1:] == [fz.Verdict.MISSING]
    assert repr(item.status) == repr(statuses)
    assert [type(v) for v in item.low_num] == [int, int]
    assert list(item.max_num) == [int(item.max_points(0) * item.unit)] * 2
    with pytest.raises(TypeError):
        hash(item.status)


@pytest.mark.parametrize("arrow", [False, True])
def test_points_over_a_denominator_past_64_bits(arrow: bool) -> None:
    """An item of 1/100000000000000003 points: the sums of points stay exact, as score()'s."""
    profile = _profile(PANELS / "profile-huge-unit.yaml")
    path = PANELS / "huge-unit.csv"
    rows = list(fz.load_panel(path).rows)
    compiled = compile_profile(profile, CATALOG)
    assert compiled.full_l >= 2**63  # the case: the sums cannot be 64-bit integers
    result = score_columns(read_panel_columns(path, CATALOG, arrow=arrow), compiled)
    _same({i: score(rows[i], profile, CATALOG) for i in range(len(rows))}, result)
    assert all(row.total >= 0 for row in result.rows)


@pytest.mark.parametrize(
    ("profile_name", "panel_name"),
    [
        # A printed rate judged all or nothing, worth 1/(10**20 + 3) points.
        ("profile-huge-denominator.yaml", "huge-denominator.csv"),
        # A unit of 10**17 + 3, the full points over it below 2**62, no row scoring.
        ("profile-small-total-huge-unit.yaml", "huge-unit-no-points.csv"),
        # A pass line of 10**-18, and a row without data.
        ("profile-tiny-pass-line.yaml", "no-data.csv"),
        # A grade from 10**-19, and a row without data.
        ("profile-tiny-grade.yaml", "no-data.csv"),
        # An item of (2**64 + 1)/2**64 points: 50 points over that unit pass 2**63.
        ("profile-huge-points.yaml", "huge-points.csv"),
        # A grade from 0, and a row of 0 points over a maximum past 64 bits.
        ("profile-huge-unit-grade-zero.yaml", "no-data.csv"),
        # A pass line of 0, and counts past 64 bits (a rate's denominator among them).
        ("profile-pass-line-zero.yaml", "counts-past-64-bits.csv"),
    ],
)
@pytest.mark.parametrize("arrow", [False, True])
def test_constants_past_64_bits_meet_columns_of_zeros(
    profile_name: str, panel_name: str, arrow: bool
) -> None:
    """A constant of 2**63 or more times a column whose values are all 0 or 1.

    The bound of such a product counts the constant itself, so the column is held as
    Python integers and the rows are score()'s, where numpy would refuse the product.
    """
    profile = _profile(PANELS / profile_name)
    path = PANELS / panel_name
    rows = list(fz.load_panel(path).rows)
    result = score_columns(
        read_panel_columns(path, CATALOG, arrow=arrow), compile_profile(profile, CATALOG)
    )
    _same({i: score(rows[i], profile, CATALOG) for i in range(len(rows))}, result)


def test_a_row_of_a_far_future_year_is_a_problem_of_its_own(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Year 9999 with a deadline column: that row is out of range; the other is ranked."""
    path = PANELS / "far-future-year.csv"
    assert 2 == main(["panel", str(path), "--format", "csv", "--lang", "en"])
    captured = capsys.readouterr()
    assert "far-future-year.csv:2:2" in captured.err
    assert "out-of-range" in captured.err
    assert "乙县" in captured.out
    assert "甲县" not in captured.out


@SLOW
@given(_panels(stated_only=True), st.sampled_from([HENAN, RULES]))
def test_rates_near_targets_and_missing_counts(rows: list[fz.CountyYear], profile: Profile) -> None:
    """Counts left out (some pinned by their sets) and printed rates alone, columns or not."""
    _assert_as_score(rows, profile)


@SLOW
@given(
    st.lists(county_years(catalog=DRAWN, year=2023, near=HENAN), min_size=1, max_size=6),
    st.sampled_from([RULES, BANDS]),
)
def test_rules_near_their_targets(rows: list[fz.CountyYear], profile: Profile) -> None:
    """Steps, bands, lines and deductions around their targets, as score() scores them."""
    _assert_as_score(rows, profile)


def _inside(rows: Sequence[fz.CountyYear]) -> list[tuple[int, fz.CountyYear]]:
    """The rows the shipped profile covers, with their positions."""
    return [(i, r) for i, r in enumerate(rows) if HENAN.effective_from <= r.year <= 2025]


def _csv_cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _write_panel(path: Path, rows: list[fz.CountyYear]) -> None:
    """Rows as a CSV panel: every value and printed rate in its own column."""
    fields = sorted({f for r in rows for f in r.values if f in READ})
    rates = sorted({i for r in rows for i in r.stated})
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["county", "year", *fields, *(f"stated:{i}" for i in rates)])
        for number, row in enumerate(rows):
            writer.writerow(
                [
                    f"县{number}",
                    row.year,
                    *(_csv_cell(row.values[f].value) if f in row.values else "" for f in fields),
                    *(row.stated[i].text if i in row.stated else "" for i in rates),
                ]
            )


@SLOW
@given(_panels(stated_only=True))
def test_csv_read_by_columns_scores_as_load_panel(rows: list[fz.CountyYear]) -> None:
    """A CSV read column by column scores as the rows load_panel checks one by one."""
    folder = Path(__import__("tempfile").mkdtemp())
    path = folder / "panel.csv"
    _write_panel(path, rows)
    loaded = list(fz.load_panel(path).rows)
    columns = read_panel_columns(path, CATALOG)
    assert [r.county for r in loaded] == columns.county
    result = score_columns(columns, compile_profile(HENAN, CATALOG))
    _same({i: score(row, HENAN, CATALOG) for i, row in _inside(loaded)}, result)


@pytest.mark.parametrize(
    "name", ["bad-cells.csv", "bad-header.csv", "nul-byte.csv", "proportion.csv"]
)
def test_problems_are_load_panels(name: str) -> None:
    """A bad panel read by columns raises exactly load_panel's problems, in its order."""
    with pytest.raises(fz.InputError) as slow:
        fz.load_panel(PANELS / name)
    with pytest.raises(fz.InputError) as fast:
        read_panel_columns(PANELS / name, CATALOG)
    assert slow.value.problems == fast.value.problems


def test_plain_and_checked_rows_mix() -> None:
    """Rows with a cell only the YAML rules read (a padded number, 是) are checked one by one."""
    columns = read_panel_columns(PANELS / "mixed-cells.csv", CATALOG)
    assert [1, 2] == sorted(columns.checked)
    loaded = fz.load_panel(PANELS / "mixed-cells.csv").rows
    assert [r.county for r in loaded] == columns.county
    assert (
        loaded[1].value("enforcement.exam_participants")
        == columns.counts["enforcement.exam_participants"][1]
    )
    result = score_columns(columns, compile_profile(HENAN, CATALOG))
    _same({i: score(row, HENAN, CATALOG) for i, row in _inside(loaded)}, result)


@given(
    st.fractions(min_value=-(10**7), max_value=10**7, max_denominator=10**6),
    st.integers(0, 4),
)
def test_number_texts_are_the_library_formats(value: Fraction, places: int) -> None:
    """The CSV's integer formatting writes what format_number and exact_text write."""
    assert format_number(value, places) == number_text(value, places)
    assert exact_text(value) == fraction_text(value)


def test_summaries_rank_as_scorecards() -> None:
    """Ranking the panel's summaries and its scorecards gives the same groups, ranks and scores."""
    loaded = fz.load_panel(PANELS / "ranking.csv").rows
    profile = _profile(PANELS / "three-items.yaml")
    result = score_rows(list(loaded), profile, CATALOG)
    cards = [fz.score(loaded[i], profile, CATALOG) for i in result.index]
    by_cards = [
        (g.year, g.province, [(e.rank, e.card.county, e.score) for e in g.entries])
        for g in rank(cards)
    ]
    by_rows = [
        (g.year, g.province, [(e.rank, e.card.county, e.score) for e in g.entries])
        for g in rank(result.rows)
    ]
    assert by_cards == by_rows


def test_csv_ranking_has_a_bom_and_no_formulas(tmp_path: Path) -> None:
    """The ranking CSV opens in Excel as UTF-8 and a formula-like county name stays text."""
    out = tmp_path / "ranking.csv"
    assert 0 == main(
        ["panel", str(PANELS / "formula-county.csv"), "--format", "csv", "--out", str(out)]
    )
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert "排名" == table[0][2]
    counties = {row[3] for row in table[1:]}
    assert {"'=1+2", "沈丘县"} == counties


def test_summary_json(capsys: pytest.CaptureFixture[str]) -> None:
    """--summary: one summary per row, rankings by row and each year's distribution."""
    assert 0 == main(["panel", str(PANELS / "ranking.csv"), "--format", "json", "--summary"])
    document = json.loads(capsys.readouterr().out)
    assert "fazhi.panel-summary/1" == document["schema"]
    rows = document["rows"]
    assert 8 == len(rows)
    for group in document["rankings"]:
        for entry in group["entries"]:
            assert rows[entry["row"]]["county"] == entry["county"]
    (y2022, y2023) = document["distributions"]
    assert (2022, 2) == (y2022["year"], y2022["rows"])
    assert 6 == sum(y2023["verdicts"].values())
    loaded = fz.load_panel(PANELS / "ranking.csv").rows
    cards = [fz.score(r) for r in loaded if r.year == 2023]
    for area, mean in y2023["area_means"].items():
        expected = sum((a.points for c in cards for a in c.areas if a.id == area), Fraction(0))
        assert Fraction(mean) == expected / len(cards)


def test_one_county_scorecard(capsys: pytest.CaptureFixture[str]) -> None:
    """--county and --year give that row's whole scorecard, as fazhi score gives a file's."""
    path = str(PANELS / "ranking.csv")
    assert 0 == main(["panel", path, "--county", "甲县", "--year", "2022", "--format", "json"])
    card = json.loads(capsys.readouterr().out)
    row = next(
        r
        for r in fz.load_panel(PANELS / "ranking.csv").rows
        if r.county == "甲县" and r.year == 2022
    )
    assert json.loads(fz.score(row).to_json()) == card
    assert 2 == main(["panel", path, "--county", "甲县"])
    assert "--year" in capsys.readouterr().err
    assert 2 == main(["panel", path, "--county", "无此县"])


def test_benchmark_script_runs(tmp_path: Path) -> None:
    """benchmarks/run.py runs end to end on 50 rows (its figures are not checked)."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--divisions", "5", "--repeat", "1"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert 0 == done.returncode, done.stderr
    assert "50 rows" in done.stdout
    assert "fazhi panel --format csv" in done.stdout


@SLOW
@given(_panels(stated_only=True), st.sampled_from([HENAN, RULES]))
def test_rows_for_other_tools_are_the_scorecards(
    rows: list[fz.CountyYear], profile: Profile
) -> None:
    """``to_rows()``: one plain dict per scored row, its figures those of score() as text."""
    result = score_rows(rows, profile, CATALOG)
    table = result.to_rows()
    assert len(table) == len(result.rows)
    for position, found in enumerate(table):
        card = score(rows[result.index[position]], profile, CATALOG)
        assert list(found)[: len(PANEL_ROW_KEYS)] == list(PANEL_ROW_KEYS)
        assert (found["county"], found["year"], found["verdict"]) == (
            card.county,
            card.year,
            card.verdict.value,
        )
        score_100 = card.total * 100 / card.max_total if card.max_total else Fraction(0)
        assert Fraction(str(found["score"])) == score_100
        assert found["score_display"] == number_text(score_100)
        assert Fraction(str(found["total"])) == card.total
        assert Fraction(str(found["max_total"])) == card.max_total
        for item in result.items:
            line = card.lines[item.id]
            assert found[f"{item.id}:status"] == line.status.value
            assert Fraction(str(found[f"{item.id}:points"])) == line.points
        assert all(isinstance(v, str | int | type(None)) for v in found.values())


def test_rows_as_a_dataframe() -> None:
    """``to_dataframe()``: pandas is installed with the tests; one row per scored row."""
    result = score_columns(
        read_panel_columns(PANELS / "ranking.csv", CATALOG), compile_profile(HENAN, CATALOG)
    )
    frame = result.to_dataframe()
    assert frame.shape == (len(result.rows), len(PANEL_ROW_KEYS) + 2 * len(result.items))  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="pandas"):
        result.to_dataframe("numpy")


def test_the_cycle_collector_is_paused_only_while_a_panel_is_read_and_scored() -> None:
    """Enabled again after reading and scoring, even when reading fails; left off if it was."""
    import gc

    from fazhi_indicators._load.reader import collector_paused

    assert gc.isenabled()
    result = score_columns(
        read_panel_columns(PANELS / "ranking.csv", CATALOG), compile_profile(HENAN, CATALOG)
    )
    assert result.rows
    assert gc.isenabled()
    with pytest.raises(fz.InputError):
        read_panel_columns(PANELS / "bad-cells.csv", CATALOG)
    assert gc.isenabled()

    def fail_while_paused() -> None:
        with collector_paused():
            assert not gc.isenabled()
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail_while_paused()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
