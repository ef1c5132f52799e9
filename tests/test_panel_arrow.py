"""Arrow's reading of a CSV panel and Python's give the same columns, problems and scores.

With pyarrow installed (the ``panel`` extra) a CSV's cells are parsed and its counts
typed by Arrow; a file Arrow would read differently (blank lines, line breaks in a
quoted cell, ragged rows, lone carriage returns) is left to Python's reader.  Either
way the columns must be the same, to the last raw cell.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from test_panel_engine import CATALOG, HENAN, PANELS, SLOW, _panels, _write_panel

import fazhi_indicators as fz
from fazhi_indicators._load.panel import ARROW_FROM_BYTES, PanelColumns, read_panel_columns
from fazhi_indicators._load.panel_arrow import arrow_available, arrow_cells
from fazhi_indicators.panel_engine import compile_profile, score_columns, summary_of
from fazhi_indicators.scoring import score

pytestmark = pytest.mark.skipif(not arrow_available(), reason="pyarrow (the panel extra)")

ARROW = PANELS / "arrow"


def _same_columns(a: PanelColumns, b: PanelColumns) -> None:
    """Every field of two readings equal, raw rows compared cell by cell."""
    for name in (
        "file",
        "encoding",
        "county",
        "year",
        "province",
        "counts",
        "flags",
        "dates",
        "stated",
        "year_cells",
        "checked",
        "lines",
        "columns",
    ):
        assert getattr(a, name) == getattr(b, name), name
    assert [list(row) for row in a.raw] == [list(b.raw[i]) for i in range(len(b.raw))]


def _reading(path: Path, *, arrow: bool) -> PanelColumns | list[fz.Problem]:
    """A panel's columns, or the problems that refuse it."""
    try:
        return read_panel_columns(path, CATALOG, arrow=arrow)
    except fz.InputError as refused:
        return list(refused.problems)


@pytest.mark.parametrize("path", sorted(ARROW.glob("*.csv")) + sorted(PANELS.glob("*.csv")))
def test_both_readers_agree(path: Path) -> None:
    """Each fixture panel reads the same by Arrow and by Python, problems included."""
    python, arrow_read = _reading(path, arrow=False), _reading(path, arrow=True)
    if isinstance(python, PanelColumns) and isinstance(arrow_read, PanelColumns):
        _same_columns(python, arrow_read)
    else:
        assert python == arrow_read


@pytest.mark.parametrize(
    "name",
    [
        "blank-line.csv",
        "quoted-line-break.csv",
        "ragged-rows.csv",
        "carriage-returns.csv",
        "quoted-header-crlf.csv",
    ],
)
def test_arrow_declines_what_it_reads_differently(name: str) -> None:
    """A file whose records are not one per line, or ragged, is left to Python's reader."""
    data = (ARROW / name).read_bytes()  # line ends as written
    if name == "blank-line.csv":
        # Arrow keeps the blank line as a row of empty cells, as Python's reader pads it.
        found = arrow_cells(data)
        assert found is not None
        assert found[1].num_rows == data.count(b"\n") - 1
        return
    assert arrow_cells(data) is None


def test_huge_counts_are_scored_exactly() -> None:
    """Counts past 64 bits take the checked path and are judged as Python integers."""
    columns = read_panel_columns(ARROW / "huge-counts.csv", CATALOG, arrow=True)
    assert columns.counts["enforcement.exam_participants"][0] == 10**20
    result = score_columns(columns, compile_profile(HENAN, CATALOG))
    rows = fz.load_panel(ARROW / "huge-counts.csv").rows
    for position, index in enumerate(result.index):
        assert summary_of(score(rows[index], HENAN, CATALOG)) == result.rows[position]
        exam = next(item for item in result.items if item.id == "enforcement.exam_pass_rate")
        line = score(rows[index], HENAN, CATALOG).lines[exam.id]
        assert (exam.status[index], exam.points(index)) == (line.status, line.points)


@SLOW
@given(_panels(stated_only=True))
def test_generated_panels_read_the_same(rows: list[fz.CountyYear]) -> None:
    """Any panel the strategies write reads the same by Arrow and by Python."""
    path = Path(tempfile.mkdtemp()) / "panel.csv"
    _write_panel(path, rows)
    _same_columns(
        read_panel_columns(path, CATALOG, arrow=False),
        read_panel_columns(path, CATALOG, arrow=True),
    )


def test_reading_with_arrow_leaves_pandas_alone() -> None:
    """Arrow imports pandas when given a Python value to convert; the reading gives it none.

    pandas is installed with the tests, so the check can see an import a user with
    pandas would pay for (a quarter of a second) on every panel.
    """
    loaded = _loaded_after_reading(PANELS / "henan-2023.csv", arrow=True)
    assert "pyarrow" in loaded
    assert "pandas" not in loaded


def test_a_ranking_imports_nothing_it_does_not_use() -> None:
    """Reading, scoring and ranking a panel leave out two slow imports they need not make.

    ``pyarrow.compute`` (a wrapper per Arrow kernel, 25 ms) and ``numpy.ma`` (which
    ``numpy.unique`` imports, 7 ms): each is paid by every ``fazhi panel``.
    """
    loaded = _loaded_after_reading(PANELS / "henan-2023.csv", arrow=True, rank=True)
    assert "pyarrow.csv" in loaded
    assert "pyarrow.compute" not in loaded
    assert "numpy.ma" not in loaded


def test_a_small_panel_is_read_without_arrow() -> None:
    """Below ARROW_FROM_BYTES, Python's reader is quicker than importing pyarrow."""
    assert "pyarrow" not in _loaded_after_reading(PANELS / "henan-2023.csv", arrow=None)
    assert (PANELS / "henan-2023.csv").stat().st_size < ARROW_FROM_BYTES


def _loaded_after_reading(path: Path, *, arrow: bool | None, rank: bool = False) -> set[str]:
    """The modules a fresh interpreter has loaded after reading ``path``'s columns.

    Each by its full name and, for a package, by its top-level name too.  With
    ``rank``, after scoring the columns and writing their ranking as well.
    """
    program = (
        "import sys\n"
        "from pathlib import Path\n"
        "import fazhi_indicators as fz\n"
        "from fazhi_indicators._load.panel import read_panel_columns\n"
        "from fazhi_indicators.panel_engine import compile_profile, score_columns\n"
        "from fazhi_indicators.panel_report import panel_csv\n"
        "catalog = fz.default_catalog()\n"
        f"columns = read_panel_columns(Path({str(path)!r}), catalog, arrow={arrow!r})\n"
        + (
            "profile = catalog.profile(fz.DEFAULT_PROFILE)\n"
            "panel_csv(score_columns(columns, compile_profile(profile, catalog)))\n"
            if rank
            else ""
        )
        + "names = set(sys.modules) | {name.partition('.')[0] for name in sys.modules}\n"
        "print(' '.join(sorted(names)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    return set(done.stdout.split())
