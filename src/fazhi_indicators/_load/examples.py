"""Private: find the bundled example county-year files, installed or in a source tree."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fazhi_indicators.errors import UnknownIdError

__all__ = ["example_path", "examples_root"]


def examples_root() -> Path:
    """The folder holding the bundled examples."""
    packaged = resources.files("fazhi_indicators").joinpath("examples")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "examples"


def example_path(name: str = "shenqiu-2023") -> Path:
    """The path of a bundled example such as ``shenqiu-2023``.

    Raises:
        UnknownIdError: no example has that name.
    """
    root = examples_root()
    path = root / f"{name}.yaml"
    if not path.is_file():
        raise UnknownIdError("example", name, (p.stem for p in root.glob("*.yaml")))
    return path
