"""Profiles of published points tables, and the Henan profile on the official tree.

The published tables were only partly readable: each profile encodes the lines seen,
says which it leaves out, and scores the bundled county reports honestly — most of
their items have no data there.  The Henan profile names a node of the official
indicator tree only where that node's text has been seen, and attaching it changes
no score.
"""

from __future__ import annotations

import json
import re
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


KAIJIANG = "kaijiang-department-assessment"
COUNTY_2018 = "unnamed-county-2018-evaluation"
KAIJIANG_URL = "http://www.kaijiang.gov.cn/xxgk-show-138.html"
COUNTY_2018_URL = "https://www.13fen.com/huibaocailiao/jingpincailiao/2020/0930/224335.html"

#: The lines of each table that could be read, with their printed points, as transcribed
#: from the source (kaijiang.gov.cn; for the 2018 table, reference/rubrics.md §4.2).
PRINTED_LINES: dict[str, dict[str, Fraction]] = {
    KAIJIANG: {
        "一(一)1": Fraction(3),
        "一(一)2": Fraction(1, 2),
        "一(一)3": Fraction(1, 2),
        "一(二)": Fraction(1),
        "一(三)": Fraction(1),
        "一(四)1": Fraction(3, 2),
        "一(四)2": Fraction(3, 2),
    },
    COUNTY_2018: {
        "一(一)1": Fraction(8),
        "一(一)2": Fraction(2),
        "一(一)3": Fraction(4),
        "二(二)1": Fraction(4),
    },
}
URLS = {KAIJIANG: KAIJIANG_URL, COUNTY_2018: COUNTY_2018_URL}
_LINE = re.compile(r"[一二三四五六七八九十]\([一二三四五六七八九十]\)\d?")


@pytest.mark.parametrize("profile_id", [KAIJIANG, COUNTY_2018])
def test_published_items_are_the_lines_read(catalog: fz.Catalog, profile_id: str) -> None:
    """Every item cites its line of the table at the table's address; each line's items
    add up to the line's printed points, and no line that was not read is scored."""
    profile = catalog.profile(profile_id)
    by_line: dict[str, Fraction] = {}
    for item in profile.items:
        assert "official" == item.source.basis, item.id
        assert URLS[profile_id] == item.source.url, item.id
        line = _LINE.search(item.source.title)
        assert line is not None, item.source.title
        by_line[line.group()] = by_line.get(line.group(), Fraction(0)) + item.points
    assert PRINTED_LINES[profile_id] == by_line


@pytest.mark.parametrize("profile_id", [KAIJIANG, COUNTY_2018])
def test_published_profile_says_what_it_leaves_out(catalog: fz.Catalog, profile_id: str) -> None:
    """The description says the table is partial; pass line and coverage are marked as
    placeholders, the only assumptions; the profile checks clean."""
    profile = catalog.profile(profile_id)
    assert profile.description is not None
    assert "not transcribed" in profile.description
    assert "placeholder" in profile.description
    for setting in (profile.pass_line, profile.min_coverage):
        assert "assumption" == setting.source.basis
        assert setting.source.note
    assumed = [profile.pass_line, profile.min_coverage, profile.min_applicable]
    assert len(assumed) == profile.assumption_count()
    assert not profile.grades
    check = fz.check_profile(fz.catalog_root() / "profiles" / f"{profile_id}.yaml")
    assert "clean" == check.status, check.problems


def _fields(item: fz.Item) -> set[str]:
    """The county figures an item reads (none for a manual item)."""
    check = item.check
    names = {getattr(check, "field", None), getattr(getattr(check, "minimum", None), "per", None)}
    requirements = getattr(item.rule, "requirements", ())
    return {n for n in names if n} | {f for r in requirements for f in _fields(r)}


@pytest.mark.parametrize("county", ["shenqiu", "tongzhou"])
def test_bundled_examples_scored_honestly(
    catalog: fz.Catalog, county: str, request: pytest.FixtureRequest
) -> None:
    """The 2023 county reports give none of the figures a department's assessment asks for:
    each item is MISSING (its figures absent) or open until a person scores it (manual),
    none is MET, and the verdict is not READY."""
    data = request.getfixturevalue(county)
    profile = catalog.profile(KAIJIANG)
    card = fz.score(data, profile, catalog)
    assert fz.Readiness.READY != card.verdict
    missing = 0
    for item in profile.items:
        line = card.lines[item.indicator]
        if item.kind == "manual":
            assert fz.Verdict.UNDETERMINED == line.status, item.id
            assert (Fraction(0), item.points) == (line.points, line.points_high)
        else:
            absent = not (_fields(item) & set(data.values))
            assert absent, item.id
            assert fz.Verdict.MISSING == line.status, item.id
            missing += 1
    assert missing >= 1
    assert "MISSING" in (profile.description or "")
    assert Fraction(0) == card.total


@pytest.mark.parametrize("county", ["shenqiu", "tongzhou"])
def test_the_2018_table_does_not_score_2023(
    catalog: fz.Catalog, county: str, request: pytest.FixtureRequest
) -> None:
    """A 2018 table scores 2018 only: a 2023 report is refused, not scored by last rules."""
    with pytest.raises(fz.ProfileNotApplicableError):
        fz.score(request.getfixturevalue(county), COUNTY_2018, catalog)


#: 「规范性文件及时报备（4分）：未按要求办理每件扣1分，以4分为限」, worked by hand:
#: documents not filed as required → points kept of 4.
LATE_FILINGS = {0: Fraction(4), 1: Fraction(3), 3: Fraction(1), 4: Fraction(0), 5: Fraction(0)}


@pytest.mark.parametrize(("late", "kept"), sorted(LATE_FILINGS.items()))
def test_late_filings_lose_one_point_each_at_most_four(
    catalog: fz.Catalog, late: int, kept: Fraction
) -> None:
    """Four documents not filed as required take all 4 points; a fifth takes nothing more."""
    data = fz.county_year(
        "某县", 2018, values={"normative_documents.not_filed_as_required": late}, catalog=catalog
    )
    card = fz.score(data, COUNTY_2018, catalog)
    line = card.lines["county2018.timely_filing"]
    assert (kept, kept, Fraction(4)) == (line.points, line.points_high, line.max_points)
    assert (fz.Verdict.MET if late == 0 else fz.Verdict.NOT_MET) == line.status


#: 开江 一(四)1: 「每年专题学法不少于6次…每少一次扣0.3分，累计扣分不超过1.2分」 (the
#: item holding those 1.2 points), and 一(一)1: 「全年专题研究…不少于3次…每少一次扣0.5分」
#: (the item of 2 points whose meetings can take 1.5), worked by hand.
SESSIONS = {
    6: Fraction(6, 5),
    9: Fraction(6, 5),
    5: Fraction(9, 10),
    2: Fraction(0),
    0: Fraction(0),
}
MEETINGS = {3: Fraction(2), 4: Fraction(2), 2: Fraction(3, 2), 1: Fraction(1), 0: Fraction(1, 2)}


@pytest.mark.parametrize(("count", "kept"), sorted(SESSIONS.items()))
def test_study_sessions_short_of_six(catalog: fz.Catalog, count: int, kept: Fraction) -> None:
    """Each session short of 6 takes 0.3, never more than 1.2 in all."""
    data = fz.county_year(
        "某县", 2023, values={"leadership.exec_meeting_law_sessions": count}, catalog=catalog
    )
    line = fz.score(data, KAIJIANG, catalog).lines["kaijiang.head_studies_law.sessions"]
    assert (kept, kept) == (line.points, line.points_high)


@pytest.mark.parametrize(("count", "kept"), sorted(MEETINGS.items()))
def test_topic_meetings_short_of_three(catalog: fz.Catalog, count: int, kept: Fraction) -> None:
    """Each meeting short of 3 takes 0.5; the line's last 0.5 point is never deducted."""
    data = fz.county_year(
        "某县", 2023, values={"leadership.government_law_topics": count}, catalog=catalog
    )
    line = fz.score(data, KAIJIANG, catalog).lines["kaijiang.first_responsible"]
    assert (kept, kept) == (line.points, line.points_high)
