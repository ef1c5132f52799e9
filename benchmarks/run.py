"""Time the exact panel scorer against the pandas baseline on a synthetic national panel.

Run: python benchmarks/run.py [--divisions 2844] [--years 10] [--repeat 5]

In one run, on one machine: generate the panel (benchmarks/generate_panel.py),
then, each several times and reporting medians,

- in-process: CSV in -> ranking CSV out, after imports (the exact scorer of
  ``fazhi panel --format csv``; benchmarks/baseline_pandas.py), the two taking turns
  so that a slow spell of the machine falls on both alike;
- end to end: ``fazhi panel FILE --format csv --out ...`` and ``python
  baseline_pandas.py FILE OUT`` as processes, taking turns, with each one's peak
  resident memory;
- how many rows the float baseline gets wrong: its verdict or an item's status
  differs from the exact scorer's;
- import, catalogue load, ``score()`` of the Shenqiu example and ``fazhi score``
  end to end.

Without pandas (the ``bench`` extra) the baseline is left out and said so.  This is
not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate_panel  # noqa: E402 - a sibling script

#: Runs a command and prints its peak resident memory (KiB on Linux) on stderr's last line.
PEAK = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,"
    " stderr=subprocess.DEVNULL).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
)


def _median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _alternating(actions: list[Callable[[], object]], repeat: int) -> list[float]:
    """The median seconds of each action, run in turn ``repeat`` times.

    Taking turns, rather than one action's runs and then the other's, gives a slow
    spell of a noisy machine to both alike: their ratio is what is compared.
    """
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(repeat):
        for action, found in zip(actions, times, strict=True):
            start = time.perf_counter()
            action()
            found.append(time.perf_counter() - start)
    return [statistics.median(found) for found in times]


def _processes(commands: list[list[str]], repeat: int) -> list[tuple[float, int, int]]:
    """Median wall time, peak memory (KiB) and exit code of each command, run in turn."""
    peaks: list[list[int]] = [[] for _ in commands]
    codes = [0] * len(commands)

    def runner(k: int) -> Callable[[], None]:
        def run() -> None:
            done = subprocess.run(  # noqa: S603 - our own interpreter and scripts
                [sys.executable, "-c", PEAK, *commands[k]],
                capture_output=True,
                text=True,
                check=True,
            )
            peak, code_text = done.stdout.split()
            peaks[k].append(int(peak))
            codes[k] = int(code_text)

        return run

    walls = _alternating([runner(k) for k in range(len(commands))], repeat)
    return [(wall, max(peaks[k]), codes[k]) for k, wall in enumerate(walls)]


def _process(command: list[str], repeat: int) -> tuple[float, int, int]:
    """Median wall time, peak memory (KiB) and exit code of a command run ``repeat`` times."""
    return _processes([command], repeat)[0]


def _compile_package() -> None:
    """Write the package's bytecode, as ``pip install`` does, before timing processes.

    An editable install under ``PYTHONDONTWRITEBYTECODE`` (as on CI machines) would
    otherwise compile every module from source in each process, which pandas,
    installed with its bytecode, never does.
    """
    import compileall  # noqa: PLC0415 - only here

    import fazhi_indicators  # noqa: PLC0415 - timed later as a process

    folder = Path(fazhi_indicators.__file__).parent
    compileall.compile_dir(folder, quiet=1)
    print(f"bytecode written for {folder} (as pip install does)")


def _exact(
    source: Path, target: Path, *, arrow: bool = True, stages: list[float] | None = None
) -> object:
    """CSV in -> ranking CSV out, exactly: what ``fazhi panel --format csv`` does.

    ``arrow=False`` reads the cells with Python's ``csv`` module, as without the
    ``panel`` extra.  ``stages`` receives the seconds of reading, scoring and writing.
    """
    import fazhi_indicators as fz  # noqa: PLC0415 - timed after the import
    from fazhi_indicators._load.panel import read_panel_columns  # noqa: PLC0415
    from fazhi_indicators.panel_engine import compile_profile, score_columns  # noqa: PLC0415
    from fazhi_indicators.panel_report import panel_csv  # noqa: PLC0415

    catalog = fz.default_catalog()
    profile = catalog.profile(fz.DEFAULT_PROFILE)
    start = time.perf_counter()
    columns = read_panel_columns(source, catalog, arrow=arrow)
    read = time.perf_counter()
    result = score_columns(columns, compile_profile(profile, catalog))
    scored = time.perf_counter()
    target.write_bytes(panel_csv(result))
    if stages is not None:
        stages[:] = [read - start, scored - read, time.perf_counter() - scored]
    return result


def _disagreements(result: object, baseline: object) -> tuple[int, int, int]:
    """Rows whose verdict differs, rows with an item status that differs, rows compared."""
    from fazhi_indicators.panel_engine import PanelResult  # noqa: PLC0415

    assert isinstance(result, PanelResult)
    frame = baseline.set_index(["county", "year"])  # type: ignore[attr-defined]
    verdicts = statuses = 0
    for position, row in enumerate(result.rows):
        other = frame.loc[(row.county, row.year)]
        if other["verdict"] != row.verdict.value:
            verdicts += 1
        index = result.index[position]
        if any(other[item.id] != item.status[index].value for item in result.items):
            statuses += 1
    return verdicts, statuses, len(result.rows)


def main() -> None:  # noqa: PLR0915 - one report
    """Generate, time, compare, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--divisions", type=int, default=generate_panel.DIVISIONS)
    parser.add_argument("--years", type=int, default=generate_panel.YEARS)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    try:
        import baseline_pandas  # noqa: PLC0415 - optional: the bench extra
    except ImportError:
        baseline_pandas = None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "panel.csv"
        generate_panel.write(source, args.divisions, args.years)
        exact_out, pandas_out = Path(folder) / "exact.csv", Path(folder) / "pandas.csv"
        print(
            f"panel: {args.divisions} divisions x {args.years} years = "
            f"{args.divisions * args.years} rows, {source.stat().st_size / 1e6:.1f} MB"
        )
        tracemalloc.start()
        result = _exact(source, exact_out)
        exact_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        if baseline_pandas is not None:
            tracemalloc.start()
            frame = baseline_pandas.run(source, pandas_out)
            pandas_peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            exact_time, pandas_time = _alternating(
                [
                    lambda: _exact(source, exact_out),
                    lambda: baseline_pandas.run(source, pandas_out),
                ],
                args.repeat,
            )
        else:
            exact_time = _median_seconds(lambda: _exact(source, exact_out), args.repeat)
        stages: list[float] = []
        _exact(source, exact_out, stages=stages)
        python_reader = _median_seconds(lambda: _exact(source, exact_out, arrow=False), args.repeat)
        print(
            f"in-process, CSV in -> ranking CSV out (median of {args.repeat},"
            " the two taking turns):"
        )
        print(f"  exact:  {exact_time:7.3f} s   peak traced memory {exact_peak / 1e6:7.1f} MB")
        print(
            "    (one run: read {:.3f} s, score {:.3f} s, rank and write {:.3f} s)".format(*stages)
        )
        print(f"  exact, Python's csv reader (no pyarrow): {python_reader:7.3f} s")
        if baseline_pandas is not None:
            print(
                f"  pandas: {pandas_time:7.3f} s   peak traced memory {pandas_peak / 1e6:7.1f} MB"
            )
            print(f"  ratio pandas/exact: {pandas_time / exact_time:.2f} (>= 1: exact is faster)")
            verdicts, statuses, rows = _disagreements(result, frame)
            print(
                f"  float baseline wrong on {max(verdicts, statuses)} of {rows} scored rows:"
                f" verdict differs on {verdicts}, an item's status on {statuses}"
            )
        else:
            print("  pandas: not installed (python -m pip install -e '.[bench]'); left out")
        fazhi = [sys.executable, "-m", "fazhi_indicators.cli"]
        _compile_package()
        commands = [
            [*fazhi, "panel", str(source), "--format", "csv", "--out", str(exact_out), "--force"]
        ]
        if baseline_pandas is not None:
            commands.append(
                [sys.executable, str(HERE / "baseline_pandas.py"), str(source), str(pandas_out)]
            )
        timed = _processes(commands, args.repeat)
        wall, peak, code = timed[0]
        print(
            f"end to end, as processes (median of {args.repeat}, taking turns;"
            " peak resident memory):"
        )
        print(f"  fazhi panel --format csv:  {wall:7.3f} s  {peak / 1024:7.1f} MB  exit {code}")
        if baseline_pandas is not None:
            base_wall, base_peak, _ = timed[1]
            print(f"  baseline_pandas.py:        {base_wall:7.3f} s  {base_peak / 1024:7.1f} MB")
            print(f"  ratio pandas/exact: {base_wall / wall:.2f}")
        bare, _, _ = _process([sys.executable, "-c", "pass"], args.repeat)
        print(f"python -c pass (process, for scale): {bare:7.3f} s")
        wall, _, _ = _process([sys.executable, "-c", "import fazhi_indicators"], args.repeat)
        print(f"import fazhi_indicators (process): {wall:7.3f} s")
        import fazhi_indicators as fz  # noqa: PLC0415 - timed above as a process
        from fazhi_indicators import _load  # noqa: PLC0415

        root = _load.catalog_root()
        load = _median_seconds(lambda: _load.load_catalog(root), args.repeat)
        print(f"catalogue load:                    {load:7.3f} s")
        example = fz.load_county_year(fz.example_path("shenqiu-2023"))
        fz.score(example)  # the first call also works out what the profile alone decides
        calls = 200
        one = _median_seconds(lambda: [fz.score(example) for _ in range(calls)], args.repeat)
        print(f"score() of shenqiu-2023:           {one / calls * 1000:7.2f} ms (per call)")
        wall, _, _ = _process([*fazhi, "score"], args.repeat)
        print(f"fazhi score (process):             {wall:7.3f} s")
        print(f"cpus: {os.cpu_count()}, load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
