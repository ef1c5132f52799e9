"""Rank scorecards by points out of 100, within each year and province.

Counties are compared on the share of their applicable maximum they earn, not on
raw points: an item that does not apply (no case heard) leaves the maximum, so
86.67 of 90 (96.3 out of 100) ranks above 90 of 100.  Scores are exact
fractions, so equal scores are equal, and equal scores share a rank
(competition ranking: 1, 1, 3).  Only counties of the same year under the same
province's rules are comparable, so each (year, province) group is ranked apart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Protocol

from attrs import frozen

__all__ = ["RankGroup", "Ranked", "Standing", "out_of_100", "rank"]


class _Named(Protocol):
    @property
    def name(self) -> _Text: ...


class _Text(Protocol):
    def get(self, lang: str) -> str: ...


class _Value(Protocol):
    @property
    def value(self) -> str: ...


class Standing(Protocol):
    """What ranking and a ranking table read of a result: a scorecard or a panel row's summary."""

    @property
    def county(self) -> str: ...  # noqa: D102 - read by rank and its tables
    @property
    def year(self) -> int: ...  # noqa: D102 - read by rank and its tables
    @property
    def province(self) -> str | None: ...  # noqa: D102 - read by rank and its tables
    @property
    def total(self) -> Fraction: ...  # noqa: D102 - read by rank and its tables
    @property
    def total_high(self) -> Fraction: ...  # noqa: D102 - read by rank and its tables
    @property
    def max_total(self) -> Fraction: ...  # noqa: D102 - read by rank and its tables
    @property
    def verdict(self) -> _Value: ...  # noqa: D102 - read by rank and its tables
    @property
    def grade(self) -> _Named | None: ...  # noqa: D102 - read by rank and its tables
    @property
    def coverage(self) -> Fraction: ...  # noqa: D102 - read by rank and its tables


def out_of_100(points: Fraction, max_total: Fraction) -> Fraction:
    """``points`` as points out of 100 of ``max_total``; 0 when nothing applies."""
    if not max_total:
        return Fraction(0)
    # points * 100 / max_total, reduced once.
    return Fraction(
        points.numerator * 100 * max_total.denominator, points.denominator * max_total.numerator
    )


class BestFirst:
    """A score as a sort key, best first, compared by integer cross-multiplication."""

    __slots__ = ("den", "num")

    def __init__(self, value: tuple[int, int]) -> None:
        self.num, self.den = value

    def __lt__(self, other: BestFirst) -> bool:
        return self.num * other.den > other.num * self.den

    def __eq__(self, other: object) -> bool:
        # Reduced fractions are equal when their terms are.
        if not isinstance(other, BestFirst):
            return NotImplemented
        return self.num == other.num and self.den == other.den

    __hash__ = None  # type: ignore[assignment]  # a key, never hashed


@frozen(kw_only=True)
class Ranked:
    """One scorecard's place in its group."""

    #: 1 + the number of cards in the group with a strictly higher score.
    rank: int
    #: The card's position in the sequence given to :func:`rank`.
    index: int
    card: Standing
    #: :attr:`score` as a reduced ``(numerator, denominator)``: a country's rows are
    #: ranked without making a fraction each.
    score_pair: tuple[int, int]
    score_high_pair: tuple[int, int]

    @property
    def score(self) -> Fraction:
        """Points assured, out of 100 of the card's applicable maximum."""
        return Fraction(*self.score_pair)

    @property
    def score_high(self) -> Fraction:
        """Points possible if every undetermined item fell the best way, out of 100."""
        return Fraction(*self.score_high_pair)


@frozen(kw_only=True)
class RankGroup:
    """The cards of one year and province, best first; ties by county name."""

    year: int
    #: ``None`` for rows that name no province.
    province: str | None
    entries: tuple[Ranked, ...]


def rank(cards: Sequence[Standing]) -> tuple[RankGroup, ...]:
    """Rank ``cards`` within each (year, province), by assured points out of 100.

    Groups come by year, then province (cards naming none last).  Within a group
    the order is score, then county name, then input position, so the display is
    the same every run.
    """
    groups: dict[tuple[int, str | None], list[int]] = {}
    for index, card in enumerate(cards):
        groups.setdefault((card.year, card.province), []).append(index)
    scores = [_scores(card) for card in cards]
    assured = [score for score, _ in scores]
    ranked: list[RankGroup] = []
    for year, province in sorted(groups, key=lambda k: (k[0], k[1] is None, k[1] or "")):
        members = _best_first(groups[year, province], cards, assured)
        entries: list[Ranked] = []
        for position, index in enumerate(members, start=1):
            score, score_high = scores[index]
            tied = bool(entries) and entries[-1].score_pair == score
            entries.append(
                Ranked(
                    rank=entries[-1].rank if tied else position,
                    index=index,
                    card=cards[index],
                    score_pair=score,
                    score_high_pair=score_high,
                )
            )
        ranked.append(RankGroup(year=year, province=province, entries=tuple(entries)))
    return tuple(ranked)


def _scores(card: Standing) -> tuple[tuple[int, int], tuple[int, int]]:
    """A card's assured and best-case points out of 100, each a reduced pair.

    A panel row's summary gives its figures as integer pairs (``pair``), so no
    fraction is made on the way.
    """
    pair = getattr(card, "pair", None)
    if pair is None:
        total, high, most = card.total, card.total_high, card.max_total
        tn, td, hn, hd = total.numerator, total.denominator, high.numerator, high.denominator
        mn, md = most.numerator, most.denominator
    else:
        (tn, td), (hn, hd), (mn, md) = pair("total"), pair("total_high"), pair("max_total")
    if not mn:
        return (0, 1), (0, 1)
    return _reduced(tn * 100 * md, td * mn), _reduced(hn * 100 * md, hd * mn)


def _reduced(num: int, den: int) -> tuple[int, int]:
    """``num/den`` in lowest terms, the denominator positive."""
    common = math.gcd(num, den)
    if den < 0:
        common = -common
    return num // common, den // common


#: Scores are first sorted on ``floor(score * _SCALE)``, an integer; only cards whose
#: floors are equal are then compared exactly, so few comparisons make fractions meet.
_SCALE = 10**18


def _best_first(
    members: list[int], cards: Sequence[Standing], scores: list[tuple[int, int]]
) -> list[int]:
    """``members`` by score (best first), county name, then position: exactly.

    Two scores with different floors at ``_SCALE`` are ordered by their floors; a run
    of equal floors is put in exact order by cross-multiplication unless every score
    in it is the same.
    """
    floors = {i: -(scores[i][0] * _SCALE // scores[i][1]) for i in members}
    order = sorted(members, key=lambda i: (floors[i], cards[i].county, i))
    start = 0
    while start < len(order):
        end = start + 1
        while end < len(order) and floors[order[end]] == floors[order[start]]:
            end += 1
        run = order[start:end]
        if any(scores[i] != scores[run[0]] for i in run):
            order[start:end] = sorted(run, key=lambda i: (BestFirst(scores[i]), cards[i].county, i))
        start = end
    return order
