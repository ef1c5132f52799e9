"""Private: a column of counts kept as arrays, read as a list of ``int | None``.

Arrow types a large panel's counts in compiled code; this keeps them as a 64-bit
array and a mask of which cells hold a count, so the panel scorer takes them as
they are and never makes a Python integer per cell.  Read as a sequence it is the
list the Python reader makes: equal to it, and writable (a row checked one by one
puts its figures back), a value too large for 64 bits turning the array into one
of Python integers.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

import numpy as np

__all__ = ["CountColumn", "sorted_distinct"]

_INT64 = np.iinfo(np.int64)


def sorted_distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted: ``numpy.unique``, which imports ``numpy.ma`` (7 ms) first."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


class CountColumn(Sequence[int | None]):
    """Counts as ``values`` (0 where there is none) and ``present``."""

    __slots__ = ("present", "values")

    def __init__(self, values: np.ndarray, present: np.ndarray) -> None:
        """A column over ``values`` and ``present``, which it owns from now on."""
        self.values, self.present = values, present

    def __len__(self) -> int:
        """How many cells."""
        return len(self.values)

    @overload
    def __getitem__(self, index: int) -> int | None: ...
    @overload
    def __getitem__(self, index: slice) -> list[int | None]: ...
    def __getitem__(self, index: int | slice) -> int | list[int | None] | None:
        """A cell's count, or ``None`` where there is none; a list for a slice."""
        if isinstance(index, slice):
            return self.tolist()[index]
        return int(self.values[index]) if self.present[index] else None

    def __setitem__(self, index: int, value: int | None) -> None:
        """Put a count (or none) in a cell."""
        if value is None:
            self.present[index] = False
            self.values[index] = 0
            return
        if self.values.dtype != object and not _INT64.min <= value <= _INT64.max:
            self.values = self.values.astype(object)
        self.values[index] = value
        self.present[index] = True

    def tolist(self) -> list[int | None]:
        """The cells as a list."""
        values = self.values.tolist()
        return [v if p else None for v, p in zip(values, self.present.tolist(), strict=True)]

    def filled(self, default: int = 0) -> list[int]:
        """The cells as a list, ``default`` where there is no count."""
        if self.present.all():
            return list(self.values.tolist())
        values = self.values.copy()
        values[~self.present] = default
        return list(values.tolist())

    def __iter__(self) -> Iterator[int | None]:
        """Each cell, in order."""
        return iter(self.tolist())

    def __eq__(self, other: object) -> bool:
        """The same cells as another column or list."""
        if isinstance(other, CountColumn | list | tuple):
            return self.tolist() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, as a list

    def __repr__(self) -> str:
        """As the list it reads as."""
        return f"CountColumn({self.tolist()!r})"

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """Copies of the values and the mask, for a scorer to change as it resolves."""
        return self.values.copy(), self.present.copy()

    @classmethod
    def of(cls, cells: Sequence[int | None]) -> CountColumn:
        """A column of the counts in ``cells``."""
        if isinstance(cells, CountColumn):
            values, present = cells.arrays()
            return cls(values, present)
        present = np.fromiter((v is not None for v in cells), dtype=bool, count=len(cells))
        given = [0 if v is None else v for v in cells]
        try:
            values = np.array(given, dtype=np.int64)
        except OverflowError:
            values = np.array(given, dtype=object)
        return cls(values, present)
