"""Sums of integer pairs by columns equal the sums of fractions, in 64 bits or past them."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from fazhi_indicators.panel_engine import add_pairs, lowest_terms

#: Numerators and denominators on both sides of the 64-bit products' bound.
NUMERATORS = st.one_of(
    st.integers(-(2**20), 2**20),
    st.integers(-(2**40), 2**40),
    st.integers(-(2**70), 2**70),
)
DENOMINATORS = st.one_of(
    st.integers(1, 2**20), st.integers(1, 2**31), st.integers(2**61, 2**64 + 7)
)
PAIRS = st.lists(st.tuples(NUMERATORS, DENOMINATORS), min_size=1, max_size=8)


def _column(values: list[int]) -> np.ndarray:
    """A column as the engine keeps it: 64-bit when every value fits, else Python integers."""
    if all(abs(v) < 2**62 for v in values):
        return np.array(values, dtype=np.int64)
    return np.array(values, dtype=object)


def _fractions(num: np.ndarray, den: np.ndarray) -> list[Fraction]:
    return [Fraction(int(a), int(b)) for a, b in zip(num.tolist(), den.tolist(), strict=True)]


@given(PAIRS)
def test_lowest_terms_keeps_each_value_and_reduces_it(pairs: list[tuple[int, int]]) -> None:
    num, den = lowest_terms(_column([a for a, _ in pairs]), _column([b for _, b in pairs]))
    assert _fractions(num, den) == [Fraction(a, b) for a, b in pairs]
    for a, b in zip(num.tolist(), den.tolist(), strict=True):
        assert Fraction(a, b).denominator == b  # lowest terms: Fraction reduces nothing
    fits = all(abs(v) < 2**62 for v in (*num.tolist(), *den.tolist()))
    assert (num.dtype == np.int64) == fits


@given(st.data(), st.integers(1, 6))
def test_a_column_of_sums_is_the_sum_of_fractions(data: st.DataObject, n: int) -> None:
    rows = st.lists(st.tuples(NUMERATORS, DENOMINATORS), min_size=n, max_size=n)
    left, right = data.draw(rows), data.draw(rows)
    num, den = lowest_terms(_column([a for a, _ in left]), _column([b for _, b in left]))
    a, b = lowest_terms(_column([a for a, _ in right]), _column([b for _, b in right]))
    total = add_pairs(num, den, a, b)
    expected = [Fraction(*x) + Fraction(*y) for x, y in zip(left, right, strict=True)]
    assert _fractions(*total) == expected
    assert [f.denominator for f in expected] == [int(v) for v in total[1].tolist()]


@given(st.lists(st.tuples(NUMERATORS, DENOMINATORS), min_size=1, max_size=6), NUMERATORS)
def test_a_whole_number_over_a_unit_adds_as_a_fraction(
    pairs: list[tuple[int, int]], unit_seed: int
) -> None:
    unit = abs(unit_seed) % 1000 + 1
    num, den = lowest_terms(_column([a for a, _ in pairs]), _column([b for _, b in pairs]))
    whole = _column([a for a, _ in pairs])
    total = add_pairs(num, den, whole, unit)
    expected = [Fraction(a, b) + Fraction(a, unit) for a, b in pairs]
    assert _fractions(*total) == expected
