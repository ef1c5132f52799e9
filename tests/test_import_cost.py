"""What importing the package and running a small command load: only what they use.

Each check runs a fresh interpreter and compares the modules loaded before and
after, so that modules the interpreter's own start-up loads are not counted.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

#: Costly libraries (or parts of them) that a plain import or a text score never needs.
HEAVY = ("rich", "openpyxl", "numpy", "pyarrow", "importlib.metadata", "yaml", "attr")


def _loaded_by(setup: str, code: str) -> set[str]:
    """The modules ``code`` loads after ``setup`` ran, in a fresh interpreter."""
    program = (
        f"{setup}\n"
        "import json, sys\n"
        "before = set(sys.modules)\n"
        f"{code}\n"
        "sys.stderr.write(json.dumps(sorted(set(sys.modules) - before)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stderr.splitlines()[-1]))


def _top(modules: set[str], names: tuple[str, ...]) -> set[str]:
    return {m for m in modules if any(m == n or m.startswith(f"{n}.") for n in names)}


@pytest.mark.subprocess
def test_importing_the_package_loads_none_of_its_modules() -> None:
    """``import fazhi_indicators`` defines the facade; each name loads its module when used."""
    loaded = _loaded_by("", "import fazhi_indicators")
    assert "fazhi_indicators" in loaded
    assert set() == _top(loaded, HEAVY)
    assert set() == {m for m in loaded if m.startswith("fazhi_indicators.")}


@pytest.mark.subprocess
def test_a_public_name_loads_its_module_on_first_use() -> None:
    """``fz.Scorecard`` imports the scoring module and is the class defined there."""
    loaded = _loaded_by(
        "import fazhi_indicators as fz",
        "from fazhi_indicators.scoring import Scorecard\nassert fz.Scorecard is Scorecard",
    )
    assert "fazhi_indicators.scoring" in loaded


@pytest.mark.subprocess
def test_a_text_score_loads_no_excel_html_panel_or_metadata() -> None:
    """``fazhi score`` in text reads YAML and renders text: nothing for workbooks or panels."""
    loaded = _loaded_by(
        "import io, contextlib",
        "from fazhi_indicators.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['score']) == 0",
    )
    assert {"fazhi_indicators.scoring", "fazhi_indicators.render", "yaml"} <= loaded
    unused = (
        "openpyxl",
        "numpy",
        "pyarrow",
        "importlib.metadata",
        "fazhi_indicators.report_xlsx",
        "fazhi_indicators.report_html",
        "fazhi_indicators.panel_engine",
        "fazhi_indicators.panel_report",
    )
    assert set() == _top(loaded, unused)


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("name", "defined_in"),
    [
        ("audit", "fazhi_indicators.audit"),
        ("compare", "fazhi_indicators"),
        ("compute", "fazhi_indicators.compute"),
        ("history", "fazhi_indicators"),
    ],
)
def test_a_module_imported_first_does_not_hide_the_function(name: str, defined_in: str) -> None:
    """``fazhi_indicators.history`` stays the function after its module is imported."""
    code = (
        f"import fazhi_indicators.{name}\n"
        "import fazhi_indicators as fz\n"
        f"assert callable(fz.{name}), fz.{name}\n"
        f"assert fz.{name}.__module__ == {defined_in!r}, fz.{name}.__module__\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (0, "") == (done.returncode, done.stderr)


@pytest.mark.subprocess
def test_version_is_read_on_request() -> None:
    """``--version`` still prints the installed version though the parser no longer reads it."""
    from importlib.metadata import version

    done = subprocess.run(
        [sys.executable, "-m", "fazhi_indicators.cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (0, f"fazhi {version('fazhi-indicators')}\n") == (done.returncode, done.stdout)


@pytest.mark.subprocess
def test_a_csv_ranking_of_plain_counts_loads_no_scorecard_code() -> None:
    """``fazhi panel --format csv`` of plain counts judges columns: no audit, history or renderer.

    The panel scorer reads the rule functions (``points``) and scores a row with
    ``score()`` only when the row needs it; this panel has no such row.
    """
    panel = __import__("pathlib").Path(__file__).parent / "fixtures" / "panel" / "henan-2023.csv"
    loaded = _loaded_by(
        "import io, contextlib, tempfile, pathlib",
        "from fazhi_indicators.cli import main\n"
        "out = pathlib.Path(tempfile.mkdtemp()) / 'ranking.csv'\n"
        f"assert main(['panel', {str(panel)!r}, '--format', 'csv', '--out', str(out)]) == 0",
    )
    assert {"fazhi_indicators.panel_engine", "fazhi_indicators.points", "numpy"} <= loaded
    unused = (
        "rich",
        "openpyxl",
        "pyarrow",
        "fazhi_indicators.scoring",
        "fazhi_indicators.render",
        "fazhi_indicators.audit",
        "fazhi_indicators.history",
        "fazhi_indicators.compute",
    )
    assert set() == _top(loaded, unused)
