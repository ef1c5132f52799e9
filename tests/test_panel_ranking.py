"""Ranking and writing a panel by columns gives what ranking its rows one by one gives."""

from __future__ import annotations

import csv
import io
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_indicators as fz
from fazhi_indicators.exact import Readiness
from fazhi_indicators.panel_engine import PanelResult, RowSummary, SummaryColumns
from fazhi_indicators.panel_ranking import rank_columns
from fazhi_indicators.panel_report import panel_csv
from fazhi_indicators.ranking import rank
from fazhi_indicators.tables import (
    RANKING_HEADERS,
    VERDICT_LABELS,
    pair_text,
    plain_number,
    safe_cell_text,
)

GRADES = fz.default_catalog().profile(fz.DEFAULT_PROFILE).grades
#: Scores a country's rows share, and scores a hair's breadth apart (below the key's
#: resolution of 10**-15), so that exact order inside a run of equal keys is drawn.
#: Some with denominators past 64 bits, which the columns keep as Python integers.
BASES = (
    Fraction(0),
    Fraction(1, 3),
    Fraction(2, 3),
    Fraction(1),
    Fraction(4, 7),
    Fraction(10**20, 10**20 + 39),
    Fraction(1, 3 * 10**18 + 1),
)
COUNTIES = ("沈丘县", "郸城县", "=1+2", "太康县", "A县", "@县")


@st.composite
def summaries(draw: st.DrawFn) -> RowSummary:
    """A row summary whose score is often tied with or within 10**-17 of another's."""
    most = draw(st.sampled_from((Fraction(0), Fraction(90), Fraction(100), Fraction(181, 2))))
    share = draw(st.sampled_from(BASES)) + draw(
        st.sampled_from((Fraction(0), Fraction(1, 10**17), Fraction(1, 3 * 10**17)))
    )
    share = min(share, Fraction(1))
    total = most * share
    high = total + most * draw(st.sampled_from((Fraction(0), Fraction(1, 7))))
    covered = draw(st.sampled_from((Fraction(1), Fraction(9, 10), Fraction(0))))
    figures = (total, high, high, most, covered, Fraction(9, 10))
    scale = draw(st.integers(1, 3))  # unreduced pairs, as the columns keep them
    return RowSummary(
        county=draw(st.sampled_from(COUNTIES)),
        year=draw(st.sampled_from((2022, 2023))),
        province=draw(st.sampled_from(("河南", "浙江", "", None))),
        verdict=draw(st.sampled_from(list(Readiness))),
        grade=draw(st.sampled_from((None, *GRADES))),
        pairs=tuple((f.numerator * scale, f.denominator * scale) for f in figures),
    )


@settings(max_examples=150)
@given(st.lists(summaries(), max_size=40))
def test_columns_rank_as_rows_do(rows: list[RowSummary]) -> None:
    """Same groups, order, ranks and exact scores as ``rank()`` of the summaries."""
    ranking = rank_columns(SummaryColumns.of_rows(rows))
    expected = [
        (entry.index, entry.rank, entry.score_pair, entry.score_high_pair)
        for group in rank(rows)
        for entry in group.entries
    ]
    found = list(
        zip(
            ranking.order.tolist(),
            ranking.rank.tolist(),
            zip(ranking.score_num.tolist(), ranking.score_den.tolist(), strict=True),
            zip(ranking.high_num.tolist(), ranking.high_den.tolist(), strict=True),
            strict=True,
        )
    )
    assert expected == found
    groups = [(g.year, g.province) for g in rank(rows)]
    firsts = [rows[ranking.order[s]] for s in ranking.starts.tolist()]
    assert groups == [(row.year, row.province) for row in firsts]


def _row_by_row_csv(rows: list[RowSummary], lang: str) -> bytes:
    """The ranking CSV written one row at a time from ``rank()``: the reference."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(RANKING_HEADERS[lang])
    for group in rank(rows):
        province = (
            safe_cell_text(group.province)
            if group.province
            else ("（未填）" if lang == "zh" else "(not given)")
        )
        for entry in group.entries:
            card = entry.card
            assert isinstance(card, RowSummary)
            covered = card.pair("coverage")
            writer.writerow(
                (
                    group.year,
                    province,
                    entry.rank,
                    safe_cell_text(card.county),
                    plain_number(*entry.score_pair),
                    plain_number(*entry.score_high_pair),
                    pair_text(*entry.score_pair),
                    pair_text(*card.pair("total")),
                    pair_text(*card.pair("max_total")),
                    VERDICT_LABELS[card.verdict.value][lang == "zh"],
                    card.grade.name.get(lang) if card.grade else "—",
                    plain_number(covered[0] * 100, covered[1]) + "%",
                )
            )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@settings(max_examples=100)
@given(st.lists(summaries(), max_size=30), st.sampled_from(("zh", "en")))
def test_the_csv_is_the_row_by_row_ranking(rows: list[RowSummary], lang: str) -> None:
    """Byte for byte: the columns write what ranking the rows one by one writes."""
    result = PanelResult(rows=rows, index=tuple(range(len(rows))), items=())
    assert _row_by_row_csv(rows, lang) == panel_csv(result, lang)


def _row(county: str, total: tuple[int, int], most: tuple[int, int]) -> RowSummary:
    """A 2023 row of no province with ``total`` points (assured and best) of ``most``."""
    return RowSummary(
        county=county,
        year=2023,
        province=None,
        verdict=Readiness.NOT_READY,
        grade=None,
        pairs=(total, total, total, most, (1, 1), (1, 1)),
    )


def test_scores_past_100_are_still_ordered_exactly() -> None:
    """A score no 64-bit key holds (points above the maximum) is ranked by its value."""
    big = [
        _row(name, (points, 1), (1, 10**6))
        for name, points in (("甲县", 10**9), ("乙县", 10**9 + 1), ("丙县", 5))
    ]
    ranking = rank_columns(SummaryColumns.of_rows(big))
    assert [1, 0, 2] == ranking.order.tolist()
    expected = [e.index for g in rank(big) for e in g.entries]
    assert expected == ranking.order.tolist()


def test_pairs_past_64_bits_on_one_side_are_written_exactly() -> None:
    """A maximum of 3/(2**64 + 1) with no points, and a total of 1/2**69 with no maximum.

    One side of each product is 0, so only the terms themselves show that 64 bits will
    not hold them: the CSV is the row-by-row one, not an overflow.
    """
    rows = [
        _row(name, total, most)
        for name, total, most in (
            ("甲县", (0, 1), (3, 2**64 + 1)),
            ("乙县", (1, 2**69), (0, 1)),
        )
    ]
    for row in rows:  # each a panel of its own, so that nothing else is large
        result = PanelResult(rows=[row], index=(0,), items=())
        assert _row_by_row_csv([row], "zh") == panel_csv(result, "zh")
