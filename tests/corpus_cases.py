"""The hostile-input corpus: how each case is loaded, and what it produced."""

from __future__ import annotations

from pathlib import Path

import fazhi_indicators as fz

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
EXPECTED = CORPUS / "expected.yaml"


def cases() -> list[Path]:
    """Every case: files under county/, profile/, panel/, folders under catalog/."""
    found = [
        p for kind in ("county", "profile", "panel") for p in sorted((CORPUS / kind).iterdir())
    ]
    found += sorted(p for p in (CORPUS / "catalog").iterdir() if p.is_dir())
    return found


def name(case: Path) -> str:
    """The case's name: its path under the corpus folder."""
    return case.relative_to(CORPUS).as_posix()


def load(case: Path) -> object:
    """Load a case with the loader its folder names, by its path from the project folder.

    Run from the project folder, so that paths in messages are the same on every machine.
    """
    kind = name(case).split("/")[0]
    case = case.relative_to(ROOT)
    if kind == "county":
        return fz.load_county_year(case)
    if kind == "profile":
        return fz.load_profile(case)
    if kind == "panel":
        return fz.load_panel(case)
    return fz.load_catalog(case)


def problems(case: Path) -> list[dict[str, object]]:
    """The problems a case produces, with files shown relative to the corpus."""
    try:
        load(case)
    except fz.InputError as error:
        return [
            {
                "code": p.code,
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "path": p.path,
                "message": p.message,
                "message_zh": p.message_zh,
            }
            for p in error.problems
        ]
    return []
