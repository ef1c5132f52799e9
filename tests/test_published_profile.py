"""Profiles of published points tables, and the Henan profile on the official tree.

The published tables were only partly readable: each profile encodes the lines seen,
says which it leaves out, and scores the bundled county reports honestly — most of
their items have no data there.  The Henan profile names a node of the official
indicator tree only where that node's text has been seen, and attaching it changes
no score.
"""

from __future__ import annotations

import json
from fractions import Fraction

import attrs
import pytest

import fazhi_indicators as fz
from fazhi_indicators.render import scorecard_json, scorecard_markdown, scorecard_text
from fazhi_indicators.tree import split_reference

HENAN = "henan-demonstration-county"


def _without_nodes(profile: fz.Profile) -> fz.Profile:
    """The same profile with no item attached to the tree."""
    areas = tuple(
        attrs.evolve(area, items=tuple(attrs.evolve(i, node=None) for i in area.items))
        for area in profile.areas
    )
    return attrs.evolve(profile, areas=areas)


@pytest.mark.parametrize("profile_id", [HENAN])
def test_items_name_only_transcribed_nodes(catalog: fz.Catalog, profile_id: str) -> None:
    """A node an item names has been read in the source: no position is guessed."""
    profile = catalog.profile(profile_id)
    attached = [i for i in profile.items if i.node is not None]
    assert attached
    for item in attached:
        parts = split_reference(item.node or "")
        assert parts is not None
        edition, node_id = parts
        node = catalog.trees[edition].node(node_id)
        assert node.transcribed, item.indicator
        assert node.level == 3
        assert item.source.note, f"{item.indicator} says why it scores {item.node}"


def test_henan_instant_rate_scores_2021_item_1(catalog: fz.Catalog) -> None:
    """The share of items done at once (马上办) is attached to the 2021 edition's item 1."""
    item = catalog.profile(HENAN).item("gov_services.instant_rate")
    assert "2021/item-1" == item.node
    assert "马上办" in (catalog.trees["2021"].node("item-1").name or fz.Text(zh="", en="")).zh


@pytest.mark.parametrize("county", ["shenqiu", "tongzhou"])
def test_attaching_nodes_changes_no_score(
    catalog: fz.Catalog, county: str, request: pytest.FixtureRequest
) -> None:
    """The bundled counties score as with the profile unattached: verdict, totals, assumptions."""
    data = request.getfixturevalue(county)
    profile = catalog.profile(HENAN)
    card = fz.score(data, profile, catalog)
    bare = fz.score(data, _without_nodes(profile), catalog)
    assert (bare.verdict, bare.total, bare.total_high, bare.max_total) == (
        card.verdict,
        card.total,
        card.total_high,
        card.max_total,
    )
    assert bare.profile.assumption_count() == card.profile.assumption_count()
    assert {k: v.points for k, v in bare.lines.items()} == {
        k: v.points for k, v in card.lines.items()
    }


def test_henan_points_pass_line_and_grades_rest_on_assumptions_with_reasons(
    catalog: fz.Catalog,
) -> None:
    """No document gives the Henan points, pass mark or grades: each says so, with a reason."""
    profile = catalog.profile(HENAN)
    for setting in (profile.pass_line, profile.min_coverage, profile.min_applicable):
        assert "assumption" == setting.source.basis
        assert setting.source.note
    assert profile.grades_source is not None
    assert "assumption" == profile.grades_source.basis
    assert profile.grades_source.note
    for item in profile.items:
        if item.source.basis == "assumption":
            assert item.source.note or item.source.title, item.indicator
    assert profile.description is not None
    assert "assumptions" in profile.description


@pytest.mark.parametrize("county", ["shenqiu", "tongzhou"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_scorecard_counts_the_assumed_thresholds(
    catalog: fz.Catalog, county: str, lang: str, request: pytest.FixtureRequest
) -> None:
    """Text, Markdown and JSON each give the number of thresholds resting on assumptions."""
    card = fz.score(request.getfixturevalue(county), HENAN, catalog)
    count = card.profile.assumption_count()
    assert count > 0
    line = f"基于假设的阈值：{count}项" if lang == "zh" else f"resting on assumptions: {count}"
    assert line in scorecard_text(card, lang)
    assert line in scorecard_markdown(card, lang)
    assert count == json.loads(scorecard_json(card))["assumptions"]


def test_assumed_points_summary_matches_the_items(catalog: fz.Catalog) -> None:
    """`fazhi check-profile` counts as assumed exactly the points of items so marked."""
    check = fz.check_profile(fz.catalog_root() / "profiles" / f"{HENAN}.yaml")
    assert check.summary is not None
    profile = catalog.profile(HENAN)
    assumed = sum((i.points for i in profile.items if i.source.basis == "assumption"), Fraction(0))
    assert assumed == check.summary.assumed_points
    assert 0 < check.summary.assumed_points < check.summary.points
