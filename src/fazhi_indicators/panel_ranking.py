"""Rank a scored panel by columns: :func:`~fazhi_indicators.ranking.rank`'s order, exactly.

A country's rows are ranked without a row object each.  Scores are reduced integer
pairs (64-bit when they fit, else Python integers); rows are sorted on an integer
key, the score's floor at ``10**-15``, and only a run of rows whose keys are equal
is then put in exact order by cross-multiplication and county name.  Groups, ties
and the order of equal scores are those of ``rank()``: by year, province (rows
naming none last), score (best first), county name, then input position.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from attrs import frozen

from fazhi_indicators.panel_engine import SummaryColumns, lowest_terms, magnitude
from fazhi_indicators.ranking import BestFirst

__all__ = ["ColumnRanking", "lowest_terms", "rank_columns"]

#: The sort key is ``floor(score * _SCALE)``: a score is at most 100, so the key fits
#: 64 bits with room to spare.
_SCALE_DIGITS = 15
_SCALE = 10**_SCALE_DIGITS
_KEY_LIMIT = _ROOM = 2**62


@frozen(kw_only=True)
class ColumnRanking:
    """A panel's rows best first within each (year, province) group.

    Every array is in ranking order: ``order`` gives each entry's row (its position
    in the summary columns), ``rank`` its competition rank in its group, and the
    scores (points out of 100 of the row's maximum, assured and best case) are
    reduced pairs: 64-bit integers when they fit, else Python integers.
    """

    order: np.ndarray
    rank: np.ndarray
    #: Where a (year, province) group starts.
    starts: np.ndarray
    score_num: np.ndarray
    score_den: np.ndarray
    high_num: np.ndarray
    high_den: np.ndarray
    #: The points assured, reduced.
    total_num: np.ndarray
    total_den: np.ndarray


def _out_of_100(
    num: np.ndarray, den: np.ndarray, most_num: np.ndarray, most_den: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``num/den`` points out of 100 of ``most_num/most_den``, reduced; 0 for no maximum.

    In 64 bits when both products fit (a bound from the largest terms), else in Python
    integers.
    """
    small = (
        magnitude(num) * 100 * magnitude(most_den) < _ROOM
        and magnitude(den) * magnitude(most_num) < _ROOM
        and all(magnitude(terms) < _ROOM for terms in (num, den, most_num, most_den))
    )
    kind = np.int64 if small else object
    num, den = num.astype(kind), den.astype(kind)
    most_num, most_den = most_num.astype(kind), most_den.astype(kind)
    nothing = most_num == 0
    top = np.where(nothing, 0, num * 100 * most_den)
    bottom = np.where(nothing, 1, den * np.where(nothing, 1, most_num))
    common = np.gcd(top, bottom)
    return top // common, bottom // common


def _high_scores(
    total: tuple[np.ndarray, np.ndarray],
    high: tuple[np.ndarray, np.ndarray],
    most: tuple[np.ndarray, np.ndarray],
    score: tuple[np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """The best-case scores: the score itself where the best case is the points assured.

    All pairs are reduced, so equal points are equal pairs; only the rows that differ
    (those with an item missing or undetermined: few) are worked out.
    """
    differ = np.flatnonzero(
        np.asarray(high[0] != total[0], dtype=bool) | np.asarray(high[1] != total[1], dtype=bool)
    )
    if not len(differ):
        return score
    num, den = _out_of_100(high[0][differ], high[1][differ], most[0][differ], most[1][differ])
    kind = object if object in (num.dtype, score[0].dtype) else np.int64
    high_num, high_den = score[0].astype(kind), score[1].astype(kind)
    high_num[differ], high_den[differ] = num, den
    return high_num, high_den


def _sort_key(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """``floor(num/den * 10**k)`` as 64-bit integers: an order that exact comparison refines.

    ``k`` is 15, or less when the denominators are large; a score no such key holds
    (one past 100, say) gets its place among the distinct scores instead.
    """
    if not len(num):
        return np.zeros(0, dtype=np.int64)
    if num.dtype != object:
        whole, rest = num // den, num % den
        digits = _SCALE_DIGITS
        while digits and (
            magnitude(den) * 10**digits >= _ROOM or magnitude(whole) * 10**digits >= _ROOM
        ):
            digits -= 1
        if magnitude(whole) * 10**digits < _ROOM:
            return np.asarray(whole * 10**digits + rest * 10**digits // den, dtype=np.int64)
    key = (num.astype(object) * _SCALE) // den.astype(object)
    if np.all(key < _KEY_LIMIT) and np.all(key > -_KEY_LIMIT):
        return np.asarray(key, dtype=np.int64)
    return _dense(num, den)  # beyond 100: ordered exactly, once


def _codes(values: list[str | None]) -> np.ndarray:
    """Each value's place in sorted order; ``None`` after every text."""
    distinct = sorted({v for v in values if v is not None})
    place: dict[str | None, int] = {v: k for k, v in enumerate(distinct)}
    place[None] = len(distinct)
    return np.fromiter(map(place.__getitem__, values), dtype=np.int64, count=len(values))


def rank_columns(columns: SummaryColumns) -> ColumnRanking:
    """Rank every row of ``columns`` within its (year, province), by assured points out of 100."""
    (tn, td), (hn, hd), _, (mn, md), _, _ = columns.pairs
    # Reduced first: a total's pair may be far past 64 bits until it is.
    (tn, td), (hn, hd), (mn, md) = lowest_terms(tn, td), lowest_terms(hn, hd), lowest_terms(mn, md)
    score_num, score_den = _out_of_100(tn, td, mn, md)
    high_num, high_den = _high_scores((tn, td), (hn, hd), (mn, md), (score_num, score_den))
    n = len(columns)
    key = _sort_key(score_num, score_den)
    year = np.fromiter(columns.year, dtype=np.int64, count=n)
    province = _codes(columns.province)
    position = np.arange(n)
    # County names break ties, and are compared only within a run of equal keys.
    order = np.lexsort((position, -key, province, year))
    order = _exact_runs(order, (year, province, key), score_num, score_den, columns.county)
    year, province = year[order], province[order]
    num, den = score_num[order], score_den[order]
    first = np.ones(n, dtype=bool)
    first[1:] = (year[1:] != year[:-1]) | (province[1:] != province[:-1])
    new_score = first.copy()
    new_score[1:] |= np.asarray(num[1:] != num[:-1], dtype=bool) | np.asarray(
        den[1:] != den[:-1], dtype=bool
    )
    starts = np.flatnonzero(first)
    group_start = np.maximum.accumulate(np.where(first, position, 0))
    place = position - group_start + 1
    rank = place[np.maximum.accumulate(np.where(new_score, position, 0))]
    return ColumnRanking(
        order=order,
        rank=rank,
        starts=starts,
        score_num=num,
        score_den=den,
        high_num=high_num[order],
        high_den=high_den[order],
        total_num=tn[order],
        total_den=td[order],
    )


def _dense(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """Each score's place among the distinct scores, by exact value (for scores no key fits)."""
    from fractions import Fraction  # noqa: PLC0415 - only for scores past 100

    values = [Fraction(int(a), int(b)) for a, b in zip(num.tolist(), den.tolist(), strict=True)]
    place = {v: k for k, v in enumerate(sorted(set(values)))}
    return np.array([place[v] for v in values], dtype=np.int64)


def _exact_runs(
    order: np.ndarray,
    keys: tuple[np.ndarray, ...],
    num: np.ndarray,
    den: np.ndarray,
    county: Sequence[str],
) -> np.ndarray:
    """``order`` with each run of equal keys put in exact order.

    Within such a run (rare: equal scores, or scores within ``10**-15`` of each
    other) the rows are sorted by score, best first, by cross-multiplication, then
    county and position.  Only these rows' county names are compared.
    """
    n = len(order)
    if n < 2:
        return order
    a, b = order[:-1], order[1:]
    same_key = np.ones(n - 1, dtype=bool)
    for column in keys:
        same_key &= column[a] == column[b]
    if not same_key.any():
        return order
    out: np.ndarray = order.copy()
    run_starts = np.flatnonzero(np.concatenate(([True], ~same_key)))
    run_ends = np.concatenate((run_starts[1:], [n]))
    runs = np.flatnonzero(run_ends - run_starts > 1)
    for start, end in zip(run_starts[runs].tolist(), run_ends[runs].tolist(), strict=True):
        rows = out[start:end].tolist()
        run_num, run_den = num[out[start:end]], den[out[start:end]]
        if np.all(run_num == run_num[0]) and np.all(run_den == run_den[0]):
            rows.sort(key=lambda r: (county[r], r))  # one score (a country's zeros, say)
        else:
            rows.sort(key=lambda r: (BestFirst((int(num[r]), int(den[r]))), county[r], r))
        out[start:end] = rows
    return out
