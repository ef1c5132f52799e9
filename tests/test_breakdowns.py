"""Breakdowns along a dimension: totals, printed shares, and the numbers that would fit."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import attrs
from hypothesis import given
from hypothesis import strategies as st

import fazhi_indicators as fz
from fazhi_indicators.audit import AuditEntry, Fit, fits
from fazhi_indicators.county import Breakdown
from fazhi_indicators.exact import ROUNDINGS, StatedRate, parse_stated_rate
from fazhi_indicators.strategies import breakdowns, stated_rates

V2 = Path(__file__).parent / "fixtures" / "county-v2"
RECEIVED = "admin_review.applications_received"
#: The field of figures.yaml that holds 40.
FORTY = "mediation.disputes_received"


def _entries(catalog: fz.Catalog, data: fz.CountyYear) -> list[AuditEntry]:
    return fz.audit(catalog, data, fz.compute(catalog, data))


def _matching(stated: StatedRate, base: int, mode: str) -> list[int]:
    """Every count out of ``base`` that prints as ``stated`` under ``mode``, by trying each."""
    return [k for k in range(base + 1) if stated.matches(Fraction(k, base), mode)]  # type: ignore[arg-type]


# -- Tongzhou 2023 ---------------------------------------------------------------------


def test_tongzhou_matter_table_is_a_breakdown(tongzhou: fz.CountyYear) -> None:
    """The matter table left the notes: seven categories that add up to 1113, shares kept."""
    (matter,) = [b for b in tongzhou.breakdowns if b.of == RECEIVED and b.by == "matter"]
    assert 1113 == sum(c.count for c in matter.categories)
    disclosure = next(c for c in matter.categories if c.code == "information_disclosure")
    assert disclosure.share is not None
    assert ("信息公开类", 58, "5.4%") == (disclosure.name, disclosure.count, disclosure.share.text)
    assert RECEIVED not in tongzhou.notes


def test_tongzhou_disclosure_share_is_flagged_with_the_count_that_fits(
    tongzhou: fz.CountyYear, catalog: fz.Catalog
) -> None:
    """58 of 1113 is 5.21%, printed 5.4%: 60 or 61 cases print so, or a base of 1055-1084."""
    flagged = [e for e in _entries(catalog, tongzhou) if e.status == "inconsistent"]
    (entry,) = flagged
    assert (RECEIVED, "matter", "信息公开类") == (entry.subject, entry.dimension, entry.category)
    assert "58/1113 = 5.21%" in entry.detail
    share = parse_stated_rate("5.4%")
    counts = {f.rounding: (f.low, f.high) for f in entry.fits if f.role == "numerator"}
    for mode in ROUNDINGS:
        found = _matching(share, 1113, mode)
        assert (found[0], found[-1]) == counts[mode]
    assert {"half_up": (60, 60), "truncate": (61, 61)} == counts
    bases = {f.rounding: (f.low, f.high) for f in entry.fits if f.role == "denominator"}
    for mode, (low, high) in bases.items():
        assert high is not None
        assert share.matches(Fraction(58, low), mode)
        assert share.matches(Fraction(58, high), mode)
        assert not share.matches(Fraction(58, low - 1), mode)
        assert not share.matches(Fraction(58, high + 1), mode)
    assert {"half_up": (1065, 1084), "truncate": (1055, 1074)} == bases
    assert all(not f.fields for f in entry.fits)
    assert "a count of 60 (half-up) or 61 (truncation) out of 1113" in entry.hint
    assert "以 1113 为基数时计数应为 60（四舍五入）或61（截尾）" in entry.hint_zh


def test_tongzhou_other_matter_shares_are_consistent(
    tongzhou: fz.CountyYear, catalog: fz.Catalog
) -> None:
    """The six other shares print from their counts out of 1113; the table closes."""
    entries = [e for e in _entries(catalog, tongzhou) if e.dimension == "matter"]
    received = [e for e in entries if e.subject == RECEIVED]
    sums, shares, wrong = received
    assert "consistent" == sums.status
    assert "349 + 296 + 223 + 58 + 42 + 15 + 130 = 1113 equal the total 1113" in sums.detail
    assert "consistent" == shares.status
    (matter,) = [b for b in tongzhou.breakdowns if b.of == RECEIVED and b.by == "matter"]
    for category in matter.categories:
        assert (category.name in shares.detail_zh) == (category.name != "信息公开类")
    assert "inconsistent" == wrong.status


def test_tongzhou_sector_table_is_short_by_142(
    tongzhou: fz.CountyYear, catalog: fz.Catalog
) -> None:
    """The seven sectors add up to 971 of 1113: a warning naming the 142 not in any sector."""
    (short,) = [
        e for e in _entries(catalog, tongzhou) if e.dimension == "sector" and e.status == "warning"
    ]
    (sector,) = [b for b in tongzhou.breakdowns if b.by == "sector"]
    missing = 1113 - sum(c.count for c in sector.categories)
    assert 142 == missing
    assert f"fall short of the total 1113 by {missing}" in short.detail
    assert f"比总数 1113 少 {missing}" in short.detail_zh


def test_tongzhou_corrections_by_outcome_and_by_matter_close(
    tongzhou: fz.CountyYear, catalog: fz.Catalog
) -> None:
    """A breakdown of a subset (the 236 corrections): both of its tables add up to it."""
    entries = [e for e in _entries(catalog, tongzhou) if e.subject == "admin_review.corrected"]
    assert 2 == len(entries)
    assert all(
        e.status == "consistent" and "= 236 equal the total 236" in e.detail for e in entries
    )


def test_the_respondent_table_lists_part_of_the_total(
    tongzhou: fz.CountyYear, catalog: fz.Catalog
) -> None:
    """``complete: false``: 339 of 1113 is not a shortfall."""
    (entry, shares) = [e for e in _entries(catalog, tongzhou) if e.dimension == "respondent"]
    assert ("consistent", "consistent") == (entry.status, shares.status)
    assert "categories 339 of the total 1113" in entry.detail


# -- constructed tables ----------------------------------------------------------------


def test_constructed_short_table_hedges_and_nesting(catalog: fz.Catalog) -> None:
    """A constructed table 50 short, a hedged category and a table nested in it."""
    data = fz.load_county_year(V2 / "short-sector-constructed.yaml", catalog)
    entries = _entries(catalog, data)
    sector = [e for e in entries if e.dimension == "sector"]
    assert ["warning", "consistent"] == [e.status for e in sector]
    assert "200 + 150 + 100 = 450 fall short of the total 500 by 50" in sector[0].detail
    free = [e for e in entries if e.dimension == "被申请对象"]
    assert "categories 250–350 of the total 500" in free[0].detail
    assert "约300/500" in free[1].detail
    (nested,) = [e for e in entries if e.dimension == "outcome"]
    assert "→ 街道乡镇 →" in nested.detail
    assert "short of the total 250–350 by at least 100" in nested.detail


def test_a_stated_rate_that_disagrees_names_the_field_that_fits(catalog: fz.Catalog) -> None:
    """12.5% with 5 cases fits a base of 40, not the 41 reported; the field holding 40 is named."""
    data = fz.load_county_year(V2 / "figures.yaml", catalog)
    (entry,) = [e for e in _entries(catalog, data) if e.status == "inconsistent"]
    assert "admin_litigation.head_appearance_rate" == entry.subject
    assert [
        Fit(
            role="denominator", rounding=m, low=40, high=40, fields=("mediation.disputes_received",)
        )
        for m in ROUNDINGS
    ] == list(entry.fits)
    assert "12.5% fits 5 out of a base of 40 (half-up and truncation)" in entry.hint
    assert "mediation.disputes_received" in entry.hint
    name = catalog.fields["mediation.disputes_received"].name.zh
    assert f"报告中数值相符的项：“{name}”" in entry.hint_zh


def test_a_rate_on_a_figure_for_part_of_the_year_is_a_warning(catalog: fz.Catalog) -> None:
    """41 cases counted to 31 October feed the appearance rate: the audit says so."""
    data = fz.load_county_year(V2 / "figures.yaml", catalog)
    heard = data.values["admin_litigation.cases_heard"]
    assert heard.period is not None
    assert (None, "2023-10-31", True) == (
        heard.period.start,
        heard.period.end.isoformat() if heard.period.end else None,
        heard.period.as_of,
    )
    (warning,) = [
        e
        for e in _entries(catalog, data)
        if e.status == "warning" and e.subject == "admin_litigation.head_appearance_rate"
    ]
    assert "as of 2023-10-31, not the whole of 2023" in warning.detail
    assert "截至2023-10-31，并非2023年全年" in warning.detail_zh


def test_a_figure_of_the_whole_year_is_not_flagged(catalog: fz.Catalog) -> None:
    """Counted to 31 December, or from 1 January, a figure is the year's: no warning."""
    text = (V2 / "figures.yaml").read_text(encoding="utf-8")
    whole = text.replace("as_of: 2023-10-31", "as_of: 2023-12-31")
    data = fz.parse_county_year(whole, catalog)
    warnings = [e for e in _entries(catalog, data) if "not the whole" in e.detail]
    assert [] == warnings


# -- properties ------------------------------------------------------------------------


@given(stated_rates(), st.integers(1, 3000))
def test_fitting_counts_are_exactly_those_that_print_so(
    pair: tuple[Fraction, StatedRate], base: int
) -> None:
    """Every count out of ``base`` the fits name prints as the rate, and no other does."""
    _, stated = pair
    found = fits(stated, 1, base)
    for mode in ROUNDINGS:
        expected = _matching(stated, base, mode)
        ranges = [(f.low, f.high) for f in found if f.role == "numerator" and f.rounding == mode]
        if expected:
            assert [(expected[0], expected[-1])] == ranges
            assert list(range(expected[0], expected[-1] + 1)) == expected
        else:
            assert [] == ranges


@given(stated_rates(), st.integers(1, 500))
def test_fitting_bases_are_exactly_those_that_print_so(
    pair: tuple[Fraction, StatedRate], count: int
) -> None:
    """Every base over ``count`` the fits name prints as the rate, and none nearby does not."""
    _, stated = pair
    found = fits(stated, count, count, share=True)
    for mode in ROUNDINGS:
        ranges = [(f.low, f.high) for f in found if f.role == "denominator" and f.rounding == mode]
        limit = 100 * count + 2
        expected = [d for d in range(count, limit) if stated.matches(Fraction(count, d), mode)]
        if not ranges:
            assert [] == expected
            continue
        ((low, high),) = ranges
        top = limit - 1 if high is None else high
        assert [d for d in expected if d <= top] == list(range(low, min(top, limit - 1) + 1))
        if high is not None:
            assert all(d <= high for d in expected)


def _table_data(table: Breakdown, total: int) -> fz.CountyYear:
    return fz.CountyYear(
        county="测试县",
        year=2023,
        values={RECEIVED: fz.Reported(value=total)},
        breakdowns=(table,),
    )


@given(breakdowns())
def test_a_table_printed_by_either_rounding_passes(table: Breakdown) -> None:
    """Shares printed from their counts by half-up or truncation: nothing is flagged."""
    catalog = fz.default_catalog()
    total = sum(c.count for c in table.categories)
    entries = _entries(catalog, _table_data(table, total))
    mine = [e for e in entries if e.dimension == table.by]
    assert mine
    assert all(e.status == "consistent" for e in mine)
    assert f"equal the total {total}" in mine[0].detail


@given(breakdowns(), st.data())
def test_a_count_moved_by_one_or_more_is_flagged(table: Breakdown, data: st.DataObject) -> None:
    """One count changed (the total kept): the sum says by how much; its share, when it can tell."""
    catalog = fz.default_catalog()
    total = sum(c.count for c in table.categories)
    index = data.draw(st.integers(0, len(table.categories) - 1), label="category")
    category = table.categories[index]
    change = data.draw(
        st.integers(-category.count, 2 * total).filter(lambda d: d != 0), label="change"
    )
    moved = attrs.evolve(category, count=category.count + change)
    changed = attrs.evolve(
        table, categories=(*table.categories[:index], moved, *table.categories[index + 1 :])
    )
    entries = [e for e in _entries(catalog, _table_data(changed, total)) if e.dimension]
    sums = entries[0]
    assert "warning" == sums.status
    assert f"by {abs(change)};" in sums.detail
    share = moved.share
    assert share is not None
    visible = not any(share.matches(Fraction(moved.count, total), m) for m in ROUNDINGS)
    flagged = [e for e in entries if e.status == "inconsistent" and e.category == moved.name]
    assert visible == bool(flagged)
    # Beyond one and a half printed units, either rounding sees it.
    if Fraction(abs(change), total) > share.unit * 3 / 2:
        assert flagged
    if flagged:
        (entry,) = flagged
        counts = [f for f in entry.fits if f.role == "numerator"]
        assert any(f.low <= category.count <= (f.high or 0) for f in counts)


def test_shares_without_a_reported_total_are_not_checked(catalog: fz.Catalog) -> None:
    """No total, no base: the audit says the shares cannot be checked, and nothing else."""
    data = fz.parse_county_year(
        "county: 测试县\nyear: 2023\nbreakdowns:\n"
        f"  - of: {RECEIVED}\n    by: matter\n"
        "    categories:\n      - {name: 行政处罚类, count: 349, share: 31%}\n",
        catalog,
    )
    (entry,) = [e for e in _entries(catalog, data) if e.dimension]
    assert ("warning", "by Matter: shares are printed, but the total is not reported:") == (
        entry.status,
        entry.detail[: len("by Matter: shares are printed, but the total is not reported:")],
    )
    assert "未报告总数" in entry.detail_zh


def test_categories_over_the_total_name_the_excess(catalog: fz.Catalog) -> None:
    """Categories that overlap add up to more than the total: a warning naming the excess."""
    data = fz.parse_county_year(
        "county: 测试县\nyear: 2023\nvalues:\n  admin_review.corrected: 10\nbreakdowns:\n"
        "  - of: admin_review.corrected\n    by: matter\n"
        "    categories:\n      - {name: 行政强制类, count: 7}\n"
        "      - {name: 行政处罚类, count: 6}\n",
        catalog,
    )
    (entry,) = [e for e in _entries(catalog, data) if e.dimension]
    assert "warning" == entry.status
    assert "categories 7 + 6 = 13 exceed the total 10 by 3;" in entry.detail
    assert "比总数 10 多 3" in entry.detail_zh
