"""Scoring a province: time per county-year for a 200-row panel, against one file.

Run: python benchmarks/bench_panel.py
The panel is built from the Shenqiu 2023 figures, varied deterministically per row.
"""

from __future__ import annotations

import csv
import tempfile
import time
from pathlib import Path

import fazhi_indicators as fz
from fazhi_indicators.render import panel_text

ROWS = 200
CATALOG = fz.default_catalog()


def _panel(path: Path) -> None:
    base = fz.load_county_year(fz.example_path("shenqiu-2023"), CATALOG)
    fields = [k for k, v in base.values.items() if isinstance(v.value, int)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["county", "year", *fields, "stated:admin_litigation.closure_rate"])
        for row in range(ROWS):
            values = []
            for field in fields:
                value = base.values[field].value
                assert isinstance(value, int)
                values.append(value + (row % 7 if field.endswith("_total") else 0))
            writer.writerow([f"县{row:03d}", 2023, *values, "64.1%"])


def main() -> None:
    """Time one file, then the whole panel, in one run."""
    start = time.perf_counter()
    fz.score(fz.load_county_year(fz.example_path("shenqiu-2023"), CATALOG), catalog=CATALOG)
    single = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "panel.csv"
        _panel(path)
        start = time.perf_counter()
        panel = fz.load_panel(path, CATALOG)
        loaded = time.perf_counter() - start
        cards = [fz.score(row, catalog=CATALOG) for row in panel.rows]
        total = time.perf_counter() - start
        start = time.perf_counter()
        panel_text(cards)
        ranked = time.perf_counter() - start
    print(f"one county-year, load + score:  {single * 1000:8.1f} ms")
    print(f"panel of {len(cards)} rows, load:     {loaded * 1000:8.1f} ms")
    per_row = total / len(cards)
    print(f"panel of {len(cards)} rows, load + score: {total * 1000:8.1f} ms")
    print(f"per row: {per_row * 1000:.1f} ms, {per_row / single:.2f} x one file")
    print(f"rank and render as text:        {ranked * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
