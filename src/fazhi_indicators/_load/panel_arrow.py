"""Private: a CSV panel's cells read by Apache Arrow's parser, typed a column at a time.

With the ``panel`` extra (pyarrow) installed, a large panel's counts are matched and
converted in compiled code rather than cell by cell.  This module only replaces
the reading of cells: which cells are plain, and every problem and every value, are
decided by :func:`~fazhi_indicators._load.panel.columns_of_cells`, as for Python's
own reader.  A file Arrow reads differently from Python's ``csv`` module (a blank
line, a line break inside a quoted cell, a row of another width) is not read here.

Arrow turns a Python value (``""``, ``None``, ``False``, a list) into its own by first
asking whether it is a pandas object, which imports pandas when it is installed: a
quarter of a second.  So every constant here is made from the table's own columns.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

import numpy as np

from fazhi_indicators.definitions import Catalog, RateIndicator

if TYPE_CHECKING:
    import pyarrow as pa

    from fazhi_indicators._load.count_column import CountColumn

__all__ = ["ArrowCells", "arrow_available", "arrow_cells"]


def arrow_available() -> bool:
    """Whether pyarrow can be imported (the ``panel`` extra)."""
    try:
        import pyarrow.csv  # noqa: F401, PLC0415 - optional
    except ImportError:
        return False
    return True


def _compute() -> ModuleType:
    """Arrow's compute functions, without the wrappers ``pyarrow.compute`` makes.

    Importing ``pyarrow.compute`` writes a Python function for each of Arrow's
    hundreds of kernels, a quarter of pyarrow's import time; the three the reading
    calls are called by name in the module it wraps.
    """
    try:
        import pyarrow._compute as found  # noqa: PLC0415 - what pyarrow.compute wraps
    except ImportError:  # pragma: no cover - a pyarrow that moves it
        from pyarrow import compute as found  # noqa: PLC0415 - the same names
    module: ModuleType = found
    return module


class ArrowCells:
    """A panel's body as Arrow columns of text: what ``columns_of_cells`` reads.

    Cells are measured from Arrow's own buffers (each string's length), and a
    column's distinct cells are found by dictionary encoding, so that
    Python sees each distinct spelling once, not each cell.
    """

    def __init__(self, table: pa.Table, by_name: dict[str, int]) -> None:

        self._table = table
        self._by_name = by_name
        self.n: int = table.num_rows
        self.rows: Sequence[Sequence[str]] = _Rows(table)
        blank = np.ones(self.n, dtype=bool)
        for column in by_name.values():
            blank &= _lengths(table.column(column - 1)) == 0
        self.empty: list[bool] = blank.tolist()
        #: Each count column read so far (none where a cell is empty or not plain).
        self._typed: dict[str, CountColumn] = {}

    def cells(self, name: str) -> Sequence[str]:
        """The column's cells, as written."""
        found: list[str] = self._column(name).to_pylist()
        return found

    def distinct(self, name: str) -> tuple[list[str], np.ndarray]:
        """The column's distinct cells, and each cell's place among them."""
        compute = _compute()
        encoded = compute.call_function(
            "dictionary_encode",
            [self._column(name).combine_chunks()],
            compute.DictionaryEncodeOptions(),
        )
        values: list[str] = encoded.dictionary.to_pylist()
        return values, _integers(encoded.indices, "int32")

    def _column(self, name: str) -> pa.ChunkedArray:
        return self._table.column(self._by_name[name] - 1)

    def counts(self, name: str) -> tuple[CountColumn, list[int]]:
        """The column's plain counts (none for an empty or other cell) and its other cells.

        A plain count is ASCII digits, at most 15 of them, without a leading zero, so
        each fits 64 bits; the counts stay arrays.
        """
        import pyarrow as pa  # noqa: PLC0415 - optional

        from fazhi_indicators._load.count_column import CountColumn  # noqa: PLC0415 - numpy

        column = self._column(name)
        lengths = _lengths(column)
        compute = _compute()
        # Non-empty, every character 0-9, no more than 64 bits hold.
        digits = _bools(compute.call_function("ascii_is_decimal", [column]))
        digits &= lengths <= _MOST_DIGITS
        # Those cells alone cast, by their own buffers (the others null).
        integers = compute.call_function(
            "cast", [_only(column, digits)], compute.CastOptions.safe(pa.int64())
        )
        values = _integers(integers, "int64")
        # A leading zero leaves fewer digits than were written: "07" reads 7 < 10.
        shortest = _POWERS_OF_TEN[np.minimum(lengths, _MOST_DIGITS) - 1]
        plain = digits & ((values >= shortest) | (lengths == 1))
        values *= plain
        typed = self._typed[name] = CountColumn(values, plain)
        return typed, np.flatnonzero(~plain & (lengths > 0)).tolist()

    def flagged(self, catalog: Catalog) -> list[int] | None:
        """The rows whose counts may break a subset, a breakdown or a share.

        ``_flag_counts`` on the count arrays: the same three tests on the same least
        values.  A plain count has at most 15 digits, so no sum of a row's counts
        reaches 64 bits.
        """
        return _flagged(catalog, self._typed, self.n)


#: The most digits of a plain count: below 2**53, so every sum of a row's fits 64 bits.
_MOST_DIGITS = 15
#: The least count of each number of digits, 1 to 15: 0 (one digit), 10, 100, ….
_POWERS_OF_TEN = np.array([0, *(10**k for k in range(1, _MOST_DIGITS))], dtype=np.int64)


def _integers(column: pa.ChunkedArray | pa.Array, kind: str) -> np.ndarray:
    """A column of integers as a numpy array (a copy); a null's value is unspecified.

    Read from the buffers: Arrow's own ``to_numpy`` would import pandas.
    """
    chunks = column.chunks if hasattr(column, "chunks") else [column]
    parts = [
        np.frombuffer(chunk.buffers()[1], dtype=kind)[chunk.offset : chunk.offset + len(chunk)]
        for chunk in chunks
    ]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=kind)


def _only(column: pa.ChunkedArray, keep: np.ndarray) -> pa.ChunkedArray:
    """A string column with every cell but ``keep``'s null: the same buffers, a new validity."""
    import pyarrow as pa  # noqa: PLC0415 - optional

    chunks, start = [], 0
    for chunk in column.chunks:
        # The validity bitmap counts from the buffers' start, as the offsets do.
        bits = np.concatenate(
            (np.zeros(chunk.offset, dtype=bool), keep[start : start + len(chunk)])
        )
        validity = pa.py_buffer(np.packbits(bits, bitorder="little").tobytes())
        _, offsets, data = chunk.buffers()
        chunks.append(
            pa.Array.from_buffers(
                pa.string(), len(chunk), [validity, offsets, data], offset=chunk.offset
            )
        )
        start += len(chunk)
    return pa.chunked_array(chunks, type=pa.string())


def _bools(column: pa.ChunkedArray) -> np.ndarray:
    """A boolean column as a numpy array, a null read as false."""
    parts = []
    for chunk in column.chunks:
        validity, data = chunk.buffers()[:2]
        bits = _bits(data, chunk.offset, len(chunk))
        if validity is not None and chunk.null_count:
            bits &= _bits(validity, chunk.offset, len(chunk))
        parts.append(bits)
    return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)


def _bits(buffer: pa.Buffer, offset: int, length: int) -> np.ndarray:

    packed = np.frombuffer(buffer, dtype=np.uint8)
    return np.unpackbits(packed, bitorder="little")[offset : offset + length].astype(bool)


def _offsets(chunk: pa.Array) -> np.ndarray:

    return np.frombuffer(chunk.buffers()[1], dtype=np.int32)[
        chunk.offset : chunk.offset + len(chunk) + 1
    ]


def _lengths(column: pa.ChunkedArray) -> np.ndarray:
    """Each cell's length in bytes, from the column's offsets."""
    parts = [np.diff(_offsets(chunk)) for chunk in column.chunks]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)


def _flagged(catalog: Catalog, typed: dict[str, CountColumn], n: int) -> list[int]:
    """``_flag_counts`` by arrays: a subset above its whole, parts above a total, a share above 1.

    Parts are taken at their least values (a missing part's own parts, or 0), as the
    Python test takes them; a comparison with a missing count flags nothing.
    """
    zeros = np.zeros(n, dtype=np.int64)
    lows: dict[str, np.ndarray] = {}

    def low(field_id: str) -> np.ndarray:
        if field_id not in lows:
            given = typed.get(field_id)
            parts = catalog.fields[field_id].parts if field_id in catalog.fields else ()
            sums = zeros
            for part in parts:
                sums = sums + low(part)
            lows[field_id] = sums if given is None else np.where(given.present, given.values, sums)
        return lows[field_id]

    bad = np.zeros(n, dtype=bool)
    for f in catalog.fields.values():
        here = typed.get(f.id)
        if here is None:
            continue
        whole = typed.get(f.subset_of) if f.subset_of else None
        if whole is not None:
            bad |= here.present & whole.present & (here.values > whole.values)
        if f.parts:
            parts_low = zeros
            for part in f.parts:
                parts_low = parts_low + low(part)
            bad |= here.present & (parts_low > here.values)
    for indicator in catalog.indicators.values():
        if not isinstance(indicator, RateIndicator) or indicator.kind != "share":
            continue
        if not all(t in typed for t in indicator.fields):
            continue
        num, num_given = _expression(indicator.numerator.terms, typed, zeros)
        den, den_given = _expression(indicator.denominator.terms, typed, zeros)
        bad |= num_given & den_given & (num > den)
    found: list[int] = np.flatnonzero(bad).tolist()
    return found


def _expression(
    terms: Sequence[tuple[int, str]], typed: dict[str, CountColumn], zeros: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """A signed sum of count columns, and where every term is given."""
    out, given = zeros, zeros == 0
    for sign, name in terms:
        column = typed[name]
        out = out + column.values if sign > 0 else out - column.values
        given = given & column.present
    return out, given


class _Rows(Sequence[Sequence[str]]):
    """A table's rows, each made when asked for: few are (only rows checked one by one)."""

    def __init__(self, table: pa.Table) -> None:
        self._table = table

    def __len__(self) -> int:
        return int(self._table.num_rows)

    def __getitem__(self, index: Any) -> Any:  # noqa: ANN401 - a row, or rows for a slice
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return [column[index].as_py() for column in self._table.columns]


def arrow_cells(data: bytes) -> tuple[list[str], pa.Table] | None:
    """The header's cells and the body as a table of text; ``None`` when Arrow cannot say.

    ``data`` is a CSV file's bytes, without a byte-order mark.  ``None`` when pyarrow
    is not installed, the bytes are not UTF-8 (Arrow checks each cell), the body is
    not one record per line (blank lines, a line break inside a quoted cell), a row's
    width differs from the header's, the first row opens with U+FEFF, or Arrow
    refuses the file: Python's reader then reads it, with its own problems.
    """
    if not arrow_available():
        return None
    import pyarrow as pa  # noqa: PLC0415 - optional
    import pyarrow.csv as pcsv  # noqa: PLC0415 - optional

    newline = data.find(b"\n")
    first = data if newline < 0 else data[:newline]
    octets = np.frombuffer(data, dtype=np.uint8)
    returns = np.flatnonzero(octets == ord("\r"))
    # A carriage return not followed by a line feed (the last byte's is not).
    lone = np.any(octets[np.minimum(returns + 1, len(octets) - 1)] != ord("\n")) or (
        len(returns) > 0 and returns[-1] == len(octets) - 1
    )
    # Arrow takes a U+FEFF opening the body for a byte-order mark and drops it.
    marked = data.startswith(codecs.BOM_UTF8, newline + 1) if newline >= 0 else False
    if b'"' in first or lone or marked:
        return None  # a quoted header, a lone carriage return: Python's reader decides
    try:
        header = next(csv.reader([first.removesuffix(b"\r").decode("utf-8")]), None)
    except UnicodeDecodeError:
        header = None
    if not header:
        return None
    if newline < 0:
        records, body = 0, pa.py_buffer(b"")
    else:
        ends = int(np.count_nonzero(octets[newline + 1 :] == ord("\n")))
        records = ends + (0 if data.endswith(b"\n") else 1)
        body = pa.py_buffer(memoryview(data)[newline + 1 :])
    names = [f"c{k}" for k in range(len(header))]
    try:
        table = pcsv.read_csv(
            pa.BufferReader(body),
            # One thread: on a machine of few cores the pool's hand-offs cost more
            # than they save, and the time varies far more.
            read_options=pcsv.ReadOptions(column_names=names, use_threads=False),
            parse_options=pcsv.ParseOptions(newlines_in_values=False, ignore_empty_lines=False),
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                check_utf8=True,  # the file's text is never decoded otherwise
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                null_values=[],
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return None
    if table.num_rows != records:
        return None
    return header, table
