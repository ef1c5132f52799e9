"""A column of counts kept as arrays reads, compares and changes as the list it stands for."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from fazhi_indicators._load.count_column import CountColumn, sorted_distinct

CELLS = st.lists(st.none() | st.integers(0, 10**15))


@given(CELLS)
def test_reads_as_its_list(cells: list[int | None]) -> None:
    """Cell by cell, by slices, by iteration and by equality."""
    column = CountColumn.of(cells)
    assert len(cells) == len(column)
    assert cells == list(column)
    assert column == cells
    assert cells == column  # the list's own comparison hands over to the column
    assert cells[1:3] == column[1:3]
    assert all(column[i] == cells[i] for i in range(len(cells)))


@given(CELLS, st.data())
def test_writes_as_its_list(cells: list[int | None], data: st.DataObject) -> None:
    """A cell set to a count (a 20-digit one too) or to none, as a list would take it."""
    if not cells:
        return
    column = CountColumn.of(cells)
    index = data.draw(st.integers(0, len(cells) - 1))
    value = data.draw(st.none() | st.integers(0, 10**20))
    column[index] = value
    cells[index] = value
    assert cells == column.tolist()
    values, present = column.arrays()
    assert [v if p else None for v, p in zip(values.tolist(), present.tolist(), strict=True)] == (
        cells
    )


@given(CELLS)
def test_filled_gives_a_default_where_there_is_none(cells: list[int | None]) -> None:
    """As the list with every ``None`` replaced."""
    assert [0 if v is None else v for v in cells] == CountColumn.of(cells).filled()
    assert [-1 if v is None else v for v in cells] == CountColumn.of(cells).filled(-1)


def test_a_count_past_64_bits_is_kept_exactly() -> None:
    """Python integers, not wrapped 64-bit ones."""
    column = CountColumn.of([1, None, 2])
    column[1] = 10**20
    assert [1, 10**20, 2] == column.tolist()
    assert [1, 10**20, 2] == CountColumn.of([1, 10**20, 2]).tolist()


def test_arrays_are_copies() -> None:
    """A scorer resolving a copy leaves the column as read."""
    column = CountColumn.of([3, None])
    values, present = column.arrays()
    values[1], present[1] = 7, True
    assert [3, None] == column.tolist()


@given(st.lists(st.integers(-(2**63), 2**63 - 1), max_size=40))
def test_sorted_distinct_is_numpys_unique(values: list[int]) -> None:
    """The distinct values in order, as ``numpy.unique`` gives them, without ``numpy.ma``."""
    array = np.array(values, dtype=np.int64)
    assert sorted_distinct(array).tolist() == sorted(set(values))
