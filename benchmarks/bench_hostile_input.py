"""Time and peak memory of refusing hostile input, against loading a normal file.

Run: python benchmarks/bench_hostile_input.py
Every case must end in well under 5 s with a located problem; the figures are
compared with loading the real Shenqiu 2023 file in the same run.
"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import fazhi_indicators as fz

CATALOG = fz.default_catalog()


def _bomb() -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(8):
        name, previous = chr(98 + level), chr(97 + level)
        lines.append(f"{name}: &{name} [" + ", ".join(f"*{previous}" for _ in range(9)) + "]")
    return "\n".join(lines) + "\n"


def _measure(label: str, run: Callable[[], object]) -> float:
    tracemalloc.start()
    start = time.perf_counter()
    outcome = "loaded"
    try:
        run()
    except fz.InputError as error:
        outcome = ", ".join(sorted({p.code for p in error.problems}))
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<34} {elapsed * 1000:9.1f} ms  peak {peak / 1e6:7.1f} MB  -> {outcome}")
    return elapsed


def main() -> None:
    """Measure each case once after a warm-up load."""
    fz.load_county_year(fz.example_path("shenqiu-2023"), CATALOG)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        bomb = root / "bomb.yaml"
        bomb.write_text(_bomb(), encoding="utf-8")
        big = root / "big.yaml"
        line = "  enforcement.exam_passed: 401   # " + "填充" * 20 + "\n"
        with big.open("w", encoding="utf-8") as handle:
            handle.write("county: 大文件县\nyear: 2023\nvalues:\n")
            while handle.tell() < 50_000_000:
                handle.write(line * 1000)
        deep = root / "deep.yaml"
        deep.write_text("values: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
        baseline = _measure(
            "Shenqiu 2023 (normal file)",
            lambda: fz.load_county_year(fz.example_path("shenqiu-2023"), CATALOG),
        )
        cases = {
            "billion laughs (9^9 aliases)": lambda: fz.load_county_year(bomb, CATALOG),
            f"50 MB county file ({big.stat().st_size:,} B)": lambda: fz.load_county_year(
                big, CATALOG
            ),
            "nesting 50,000 deep": lambda: fz.load_county_year(deep, CATALOG),
        }
        for label, run in cases.items():
            elapsed = _measure(label, run)
            print(f"{'':<34} {elapsed / baseline:9.1f} x the normal file")


if __name__ == "__main__":
    main()
