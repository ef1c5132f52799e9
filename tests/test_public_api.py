"""The public facade: exports, version, errors."""

from __future__ import annotations

import inspect
import pickle
from importlib.metadata import version

import pytest

import fazhi_indicators as fz


def test_all_is_sorted_and_complete() -> None:
    """__all__ lists every public name once, sorted as ruff sorts it (constants first)."""
    public = {
        name
        for name in dir(fz)
        if not name.startswith("_") and not inspect.ismodule(getattr(fz, name))
    } - {"annotations"}
    constants_first = sorted(fz.__all__, key=lambda name: (not name.isupper(), name))
    assert constants_first == fz.__all__
    assert public | {"__version__"} == set(fz.__all__)


def test_version_matches_metadata() -> None:
    """__version__ is the installed distribution's version."""
    assert version("fazhi-indicators") == fz.__version__


def test_errors_pickle_and_share_a_base() -> None:
    """Every error is a FazhiError and survives pickling."""
    problem = fz.Problem(code="unknown-id", message="m", message_zh="信息", file="f.yaml", line=1)
    errors = [
        fz.InputError([problem]),
        fz.UnknownIdError("field", "enforcement.exam_pased", ["enforcement.exam_passed"]),
        fz.ProfileNotApplicableError("p", 2030, 2021, 2025),
    ]
    for error in errors:
        assert isinstance(error, fz.FazhiError)
        clone = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own data
        assert str(error) == str(clone)
    assert "enforcement.exam_passed" in str(errors[1])


@pytest.mark.subprocess
def test_core_does_not_import_hypothesis() -> None:
    """Importing the library does not import Hypothesis (an optional extra)."""
    import subprocess
    import sys

    code = "import sys, fazhi_indicators; sys.exit('hypothesis' in sys.modules)"
    assert 0 == subprocess.run([sys.executable, "-c", code], check=False).returncode


@pytest.mark.subprocess
def test_importing_hypothesis_does_not_load_the_catalogue() -> None:
    """The entry point registers strategies lazily: importing Hypothesis reads no YAML."""
    import subprocess
    import sys

    code = (
        "import hypothesis, sys\n"
        "from fazhi_indicators import default_catalog\n"
        "sys.exit(default_catalog.cache_info().currsize)"
    )
    assert 0 == subprocess.run([sys.executable, "-c", code], check=False).returncode


@pytest.mark.subprocess
def test_strategies_import_first_in_a_fresh_interpreter() -> None:
    """Importing the strategies before Hypothesis must not re-enter the half-built module."""
    import subprocess
    import sys

    code = "from fazhi_indicators.strategies import share_inputs; print(share_inputs())"
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True)
    assert (0, b"") == (result.returncode, result.stderr)
