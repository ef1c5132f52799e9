"""The official indicator tree: shipped editions, bad tree files, ``node:`` on items, roll-up.

The shipped editions must hold exactly what the sources establish: the level counts,
the few nodes seen, every other position untranscribed.  Bad files give located
problems in both languages; a profile item names a 三级 item or gets a located problem
with a suggestion.  Rolling points up the tree never loses or invents a point.
"""

from __future__ import annotations

import json
from collections import Counter
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

import fazhi_indicators as fz
from fazhi_indicators._load.indicator_tree import load_tree, read_trees
from fazhi_indicators.cli import main
from fazhi_indicators.definitions import Area, Catalog, Profile
from fazhi_indicators.errors import InputError, Problem
from fazhi_indicators.report_html import scorecard_html
from fazhi_indicators.rollup import NodePoints, Points, RollUp, level_rows, rollup, rollups
from fazhi_indicators.scoring import Scorecard, score
from fazhi_indicators.strategies import catalogs, county_years, profiles
from fazhi_indicators.tree import LEVEL_WORDS, Edition, Label, LevelInfo, Node, TreeSource

FIXTURES = Path(__file__).parent / "fixtures" / "tree"
SHIPPED = Path(__file__).resolve().parents[1] / "indicators" / "tree"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return fz.default_catalog()


# --- the shipped editions -----------------------------------------------------------


@pytest.mark.parametrize(
    ("edition", "counts", "transcribed"),
    [
        # rubrics.md §2: 2019 8/34/100 (+4 附加项) [H]; 2021 9/32 [M] and 100 [H], with
        # 一级 1, 二级 1 and 三级 1–3 seen (§3.1); the application guide 10/34/104.
        ("2019", (8, 34, 100), (0, 0, 0)),
        ("2021", (9, 32, 100), (1, 1, 3)),
        ("guide", (10, 34, 104), (0, 0, 0)),
    ],
)
def test_shipped_editions_hold_the_counts_the_sources_give(
    catalog: Catalog, edition: str, counts: tuple[int, ...], transcribed: tuple[int, ...]
) -> None:
    tree = catalog.trees[edition]
    assert tuple(info.count for info in tree.levels) == counts
    assert tuple(tree.transcribed(level) for level in (1, 2, 3)) == transcribed
    for level, count in zip((1, 2, 3), counts, strict=True):
        nodes = tree.level(level)
        assert [n.position for n in nodes] == list(range(1, count + 1))
        assert [n.id for n in nodes] == [f"{LEVEL_WORDS[level]}-{p}" for p in range(1, count + 1)]


def test_the_2021_edition_confidence_follows_its_sources(catalog: Catalog) -> None:
    """9 一级 and 32 二级 rest on one unofficial page [M]; 100 三级 on the table itself [H]."""
    tree = catalog.trees["2021"]
    assert [info.confidence for info in tree.levels] == ["medium", "medium", "high"]
    assert tree.levels[0].source is not None
    assert tree.levels[0].source.url == "http://scfzw.net/zhengfu/37/101304.html"
    assert tree.source.url == "https://czj.chuzhou.gov.cn/ztzl/yfxz/1104200385.html"
    # Untranscribed positions carry their level's confidence, not the node's.
    assert tree.nodes["area-2"].confidence == "medium"
    assert tree.nodes["item-4"].confidence == "high"


def test_only_what_was_seen_is_transcribed(catalog: Catalog) -> None:
    """Nothing of 2019 or the guide is filled in; 2021 holds 一级 1, 二级 1 and items 1–3."""
    tree = catalog.trees["2021"]
    seen = [n.id for n in tree.nodes.values() if n.transcribed]
    assert seen == ["area-1", "group-1", "item-1", "item-2", "item-3"]
    assert tree.nodes["area-1"].printed == "一、政府职能依法全面履行"
    assert tree.nodes["group-1"].parent == "area-1"
    assert {tree.nodes[f"item-{i}"].parent for i in (1, 2, 3)} == {"group-1"}
    assert all(tree.nodes[f"item-{i}"].paraphrased for i in (1, 2, 3))
    assert "全部取消" in tree.nodes["item-2"].quotes
    untranscribed = [n for n in tree.nodes.values() if not n.transcribed]
    assert all(n.name is None and n.parent is None for n in untranscribed)
    assert catalog.trees["2019"].additional is not None
    assert catalog.trees["2019"].additional.count == 4
    # Four 一级 names are reported for 2019 without their place in the table.
    assert len(catalog.trees["2019"].levels[0].names_seen) == 4
    assert catalog.trees["2019"].transcribed(1) == 0


def test_each_shipped_file_is_named_by_its_edition_id() -> None:
    for path in sorted(SHIPPED.glob("*.yaml")):
        assert load_tree(path).id == path.stem


def test_a_catalogue_without_a_tree_folder_has_no_editions(tmp_path: Path) -> None:
    assert read_trees(tmp_path / "tree") == ({}, [])


def test_a_small_edition_fills_untranscribed_positions() -> None:
    tree = load_tree(FIXTURES / "small.yaml")
    assert [n.id for n in tree.nodes.values() if not n.transcribed] == [
        "area-2",
        "group-2",
        "group-3",
        "item-3",
        "item-5",
    ]
    assert tree.nodes["item-4"].parent is None
    assert tree.nodes["item-4"].confidence == "low"
    assert tree.nodes["item-1"].confidence == "high"  # its level's
    assert tree.children("group-1") == (tree.nodes["item-1"], tree.nodes["item-2"])


# --- bad tree files -----------------------------------------------------------------


def _problems(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        load_tree(path)
    return list(caught.value.problems)


def _found(problems: list[Problem]) -> list[tuple[int | None, int | None, str, str]]:
    return [(p.line, p.column, p.path, p.code) for p in problems]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("gap", [(8, 60, "levels[2].untranscribed", "tree-count")]),
        ("twice", [(8, 59, "levels[2].untranscribed", "tree-count")]),
        (
            "beyond",
            [
                (7, 59, "levels[1].untranscribed", "tree-count"),
                (10, 3, "nodes.item-4", "tree-count"),
            ],
        ),
        (
            "node-ids",
            [(10, 3, "nodes.item_3", "bad-id"), (12, 3, "nodes.三级-1", "bad-id")],
        ),
        (
            "parents",
            [
                (12, 13, "nodes.area-1.parent", "wrong-level"),
                (19, 13, "nodes.item-1.parent", "unknown-id"),
                (22, 13, "nodes.item-2.parent", "wrong-level"),
            ],
        ),
        (
            "names",
            [
                (3, 13, "confidence", "bad-choice"),
                (4, 9, "source", "missing-key"),
                (8, 59, "levels[2].untranscribed", "bad-choice"),
                (12, 14, "nodes.area-1.summary", "conflict"),
                (14, 5, "nodes.item-1.name", "missing-key"),
            ],
        ),
        (
            "levels",
            [
                (1, 5, "id", "bad-id"),
                (7, 5, "levels[1]", "duplicate-id"),
                (8, 13, "levels[2].level", "out-of-range"),
                (8, 23, "levels[2].count", "out-of-range"),
            ],
        ),
    ],
)
def test_bad_tree_files_give_located_problems(
    name: str, expected: list[tuple[int, int, str, str]]
) -> None:
    problems = _problems(FIXTURES / "bad" / f"{name}.yaml")
    assert _found(problems) == expected
    for p in problems:
        assert p.file is not None
        assert p.file.endswith(f"{name}.yaml")
        assert p.message
        assert p.message_zh
        assert p.message != p.message_zh


def test_tree_problems_say_what_is_wrong_in_both_languages() -> None:
    gap = _problems(FIXTURES / "bad" / "gap.yaml")[0]
    assert "4-5, 10 of 10" in gap.message
    assert "三级指标共10项，第4-5, 10项" in gap.message_zh
    misspelt = _problems(FIXTURES / "bad" / "parents.yaml")[1]
    assert "did you mean 'group-1'" in misspelt.message
    assert "是否想输入“group-1”" in misspelt.message_zh


def test_a_bad_shipped_tree_stops_the_catalogue(tmp_path: Path) -> None:
    """The catalogue reads its tree folder, so a broken edition is reported with the rest."""
    root = Path(__file__).resolve().parents[1] / "indicators"
    base = tmp_path / "catalogue"
    for kind in ("fields", "indicators", "profiles"):
        (base / kind).mkdir(parents=True)
        for path in (root / kind).glob("*.yaml"):
            (base / kind / path.name).write_bytes(path.read_bytes())
    (base / "tree").mkdir()
    (base / "tree" / "gap.yaml").write_bytes((FIXTURES / "bad" / "gap.yaml").read_bytes())
    with pytest.raises(InputError) as caught:
        fz.load_catalog(base)
    assert [p.code for p in caught.value.problems if "gap.yaml" in (p.file or "")] == ["tree-count"]


# --- node: on profile items ----------------------------------------------------------


def test_items_name_their_node() -> None:
    profile = fz.load_profile(FIXTURES / "attached-2021.yaml")
    nodes = {item.id: item.node for item in profile.items if item.node}
    assert nodes == {
        "gov_services.instant_rate": "2021/item-1",
        "enforcement.exam_pass_rate": "2021/item-40",
        "enforcement.certification_rate": "2021/item-40",
    }


def test_wrong_nodes_are_located_with_suggestions() -> None:
    with pytest.raises(InputError) as caught:
        fz.load_profile(FIXTURES / "profile-bad-nodes.yaml")
    problems = list(caught.value.problems)
    assert _found(problems) == [
        (9, 11, "items.gov_services.instant_rate.node", "unknown-id"),
        (11, 11, "items.enforcement.exam_pass_rate.node", "unknown-id"),
        (13, 11, "items.enforcement.certification_rate.node", "wrong-level"),
        (15, 11, "items.mediation.success_rate.node", "bad-choice"),
    ]
    edition, node, level, bare = problems
    assert "did you mean '2021'" in edition.message
    assert "是否想输入“2021”" in edition.message_zh
    assert "'2021/item-100'" in node.message
    # A 二级 node lists the 三级 items known under it.
    assert "2021/item-1, 2021/item-2, 2021/item-3" in level.message
    assert "其下已知的三级指标：2021/item-1、2021/item-2、2021/item-3" in level.message_zh
    assert "2021/item-3" in bare.message
    assert "2021/item-3" in bare.message_zh


# --- roll-up ------------------------------------------------------------------------


def _sum(entries: tuple[NodePoints, ...]) -> tuple[Fraction, Fraction, Fraction]:
    return (
        sum((e.points.low for e in entries), Fraction(0)),
        sum((e.points.high for e in entries), Fraction(0)),
        sum((e.points.max for e in entries), Fraction(0)),
    )


def _triple(points: Points) -> tuple[Fraction, Fraction, Fraction]:
    return points.low, points.high, points.max


def test_rollup_of_the_example(catalog: Catalog) -> None:
    """Item 40's parents are unknown: its points stay unplaced at 二级 and 一级."""
    profile = fz.load_profile(FIXTURES / "attached-2021.yaml")
    card = score(fz.load_county_year(fz.example_path("shenqiu-2023")), profile, catalog)
    roll = rollup(card, catalog.trees["2021"])
    line = card.lines
    instant = line["gov_services.instant_rate"]
    enforcement = [line["enforcement.exam_pass_rate"], line["enforcement.certification_rate"]]
    at: dict[tuple[int, str | None], Points] = {
        (e.level, e.node.id if e.node else None): e.points for e in _entries(roll)
    }
    assert set(at) == {(3, "item-1"), (3, "item-40"), (2, "group-1"), (2, None)} | {
        (1, "area-1"),
        (1, None),
    }
    placed: list[tuple[int, str | None]] = [(3, "item-1"), (2, "group-1"), (1, "area-1")]
    for key in placed:
        assert _triple(at[key]) == (instant.points, instant.points_high, instant.max_points)
    expected = tuple(sum((getattr(x, a) for x in enforcement), Fraction(0)) for a in _LINE)
    unplaced: list[tuple[int, str | None]] = [(3, "item-40"), (2, None), (1, None)]
    for key in unplaced:
        assert _triple(at[key]) == expected
    tree = catalog.trees["2021"]
    assert roll.coverage.scored == 2
    assert roll.coverage.not_scored == tree.count(3) - 2
    # Item 1 is transcribed and scored; item 40 is untranscribed and scored.
    assert roll.coverage.untranscribed_not_scored == tree.count(3) - tree.transcribed(3) - 1
    assert roll.coverage.text("en") == (
        "covers 2 of 100 level-3 items of the 2021 edition; 98 not scored, of which 96"
        " untranscribed"
    )
    assert (
        roll.coverage.text("zh") == "覆盖2021版三级指标100项中的2项；98项未计分，其中96项尚未录入"
    )


_LINE = ("points", "points_high", "max_points")


def _entries(roll: RollUp) -> list[NodePoints]:
    return [e for level in (1, 2, 3) for e in roll.levels[level]]


def test_reports_show_the_levels(catalog: Catalog) -> None:
    profile = fz.load_profile(FIXTURES / "attached-2021.yaml")
    card = score(fz.load_county_year(fz.example_path("shenqiu-2023")), profile, catalog)
    text = card.to_text("zh")
    assert "按指标体系层级：覆盖2021版三级指标100项中的2项" in text
    assert "上级未录入" in text
    assert "三级指标第40项（未录入）" in text
    markdown = card.to_markdown("en")
    assert "## By level of the indicator tree" in markdown
    assert "| level-3 item | level-3 item 40 (not transcribed) |" in markdown
    document = json.loads(card.to_json())
    (tree,) = document["tree"]
    assert tree["edition"] == "2021"
    assert tree["coverage"]["scored"] == 2
    assert [e["node"] for e in tree["levels"]["2"]] == ["group-1", None]
    assert tree["levels"]["3"][1]["items"] == [
        "enforcement.certification_rate",
        "enforcement.exam_pass_rate",
    ]


def test_a_profile_without_nodes_has_no_level_section(catalog: Catalog) -> None:
    profile = catalog.profile("henan-demonstration-county")
    bare = attrs.evolve(
        profile,
        areas=tuple(
            attrs.evolve(a, items=tuple(attrs.evolve(i, node=None) for i in a.items))
            for a in profile.areas
        ),
    )
    card = score(fz.load_county_year(fz.example_path("shenqiu-2023")), bare, catalog)
    assert rollups(card) == ()
    assert json.loads(card.to_json())["tree"] == []
    assert "按指标体系层级" not in card.to_text("zh")
    assert "indicator tree" not in card.to_markdown("en")


# --- properties ---------------------------------------------------------------------


@st.composite
def editions(draw: st.DrawFn) -> Edition:
    """Small editions: random counts, some nodes transcribed, parents known or not."""
    counts = {level: draw(st.integers(1, 6)) for level in (1, 2, 3)}
    nodes: dict[str, Node] = {}
    for level in (1, 2, 3):
        for position in range(1, counts[level] + 1):
            transcribed = draw(st.booleans())
            parent = None
            if transcribed and level > 1:
                parent = draw(
                    st.none()
                    | st.sampled_from(
                        [f"{LEVEL_WORDS[level - 1]}-{p}" for p in range(1, counts[level - 1] + 1)]
                    )
                )
            nodes[f"{LEVEL_WORDS[level]}-{position}"] = Node(
                id=f"{LEVEL_WORDS[level]}-{position}",
                level=level,
                position=position,
                parent=parent,
                name=Label(zh="名", en="name") if transcribed else None,
                transcribed=transcribed,
            )
    return Edition(
        id="drawn",
        name=Label(zh="生成的版本", en="Drawn edition"),
        issuer=None,
        confidence="high",
        source=TreeSource(title="test"),
        levels=tuple(
            LevelInfo(level=level, count=counts[level], confidence="high") for level in (1, 2, 3)
        ),
        nodes=nodes,
    )


@st.composite
def cards_and_editions(draw: st.DrawFn) -> tuple[Scorecard, Edition]:
    catalog = draw(catalogs())
    edition = draw(editions())
    profile: Profile = draw(profiles(catalog=catalog))
    choices = (
        st.none()
        | st.just("other/item-1")
        | st.sampled_from([f"drawn/{n.id}" for n in edition.level(3)])
    )
    attached = tuple(attrs.evolve(item, node=draw(choices)) for item in profile.items)
    # Split the items over two areas, so that areas and levels cut across each other.
    cut = draw(st.integers(0, len(attached)))
    areas = (
        Area(id="first", name=profile.areas[0].name, items=attached[:cut]),
        Area(id="second", name=profile.areas[0].name, items=attached[cut:]),
    )
    profile = attrs.evolve(profile, areas=areas)
    year = profile.effective_from
    # Hedged counts and rates printed without their counts give items a range of points.
    data = draw(
        county_years(catalog=catalog, year=year, hedged=True, stated_only=True, near=profile)
    )
    return score(data, profile, catalog), edition


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards_and_editions())
def test_rolling_up_equals_summing_the_items(drawn: tuple[Scorecard, Edition]) -> None:
    card, edition = drawn
    roll = rollup(card, edition)
    lines = card.lines
    attached = [i for i in card.profile.items if i.node and i.node.startswith("drawn/")]
    expected = tuple(
        sum((getattr(lines[i.indicator], a) for i in attached), Fraction(0)) for a in _LINE
    )
    assert _triple(roll.attached) == expected
    assert Counter(roll.attached.items) == Counter(i.indicator for i in attached)
    for level in (1, 2, 3):
        assert _sum(roll.levels[level]) == expected
        assert Counter(x for e in roll.levels[level] for x in e.points.items) == Counter(
            roll.attached.items
        )
    # With the items attached elsewhere or nowhere, the whole card.
    total = (card.total, card.total_high, card.max_total)
    both = zip(_triple(roll.attached), _triple(roll.others), strict=True)
    assert tuple(a + b for a, b in both) == total


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards_and_editions())
def test_each_level_rolls_up_from_the_one_below(drawn: tuple[Scorecard, Edition]) -> None:
    card, edition = drawn
    roll = rollup(card, edition)
    for level in (2, 1):
        for entry in roll.levels[level]:
            below = tuple(
                e
                for e in roll.levels[level + 1]
                if (e.node.parent if e.node is not None else None)
                == (entry.node.id if entry.node is not None else None)
                or (entry.node is None and e.node is None)
            )
            assert _sum(below) == _triple(entry.points)
    for level in (1, 2, 3):
        for entry in roll.levels[level]:
            assert entry.points.low <= entry.points.high <= entry.points.max
            assert entry.node is None or entry.node.level == level
        placed = [e.node.position for e in roll.levels[level] if e.node is not None]
        assert placed == sorted(placed)
        assert [e.node for e in roll.levels[level]].count(None) <= 1
    scored = {i.node for i in card.profile.items if i.node and i.node.startswith("drawn/")}
    assert roll.coverage.scored == len(scored)
    assert roll.coverage.scored + roll.coverage.not_scored == edition.count(3)
    assert roll.coverage.untranscribed_not_scored == sum(
        1 for n in edition.level(3) if not n.transcribed and f"drawn/{n.id}" not in scored
    )


# --- the command line ---------------------------------------------------------------


def test_fazhi_tree_lists_the_editions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tree"]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == ["2019", "2021", "guide"]
    assert "9/32/100" in out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fazhi_tree_lines_up_chinese_columns(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Every row ends with its confidence, so aligned columns end at one width."""
    assert main(["tree", "2021", "--lang", lang]) == 0
    out = capsys.readouterr().out
    words = ("高", "中", "低") if lang == "zh" else ("high", "medium", "low")
    ends = {
        cell_len(line) - cell_len(line.rsplit(" ", 1)[-1])
        for line in out.splitlines()
        if line.rsplit(" ", 1)[-1] in words
        and line.split(" ", 1)[0].startswith(("area", "group", "item"))
    }
    assert len(ends) == 1
    untranscribed = (
        "三级指标第4–100项：未录入（97项）"
        if lang == "zh"
        else "level-3 items 4–100: not transcribed (97)"
    )
    assert untranscribed in out


def test_fazhi_tree_json_lists_every_node(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tree", "guide", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "fazhi.tree/1"
    assert [level["count"] for level in document["levels"]] == [10, 34, 104]
    assert len(document["nodes"]) == 10 + 34 + 104
    assert not any(node["transcribed"] for node in document["nodes"])


def test_fazhi_tree_unknown_edition(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tree", "2020"]) == 2
    assert "是否想输入：2021" in capsys.readouterr().err
    assert main(["tree", "2020", "--lang", "en"]) == 2
    assert "Did you mean: 2021" in capsys.readouterr().err


def test_the_html_report_shows_the_levels(catalog: Catalog) -> None:
    profile = fz.load_profile(FIXTURES / "attached-2021.yaml")
    card = score(fz.load_county_year(fz.example_path("shenqiu-2023")), profile, catalog)
    page = scorecard_html(card, "zh")
    section = page.split('<section class="levels">', 1)[1].split("</section>", 1)[0]
    assert "覆盖2021版三级指标100项中的2项" in section
    rows = section.count("<tr>") - 1  # less the header
    assert rows == len(level_rows(rollup(card, catalog.trees["2021"]), "zh"))
    bare = attrs.evolve(profile, areas=tuple(attrs.evolve(a, items=()) for a in profile.areas))
    assert 'class="levels"' not in scorecard_html(
        score(fz.load_county_year(fz.example_path("shenqiu-2023")), bare, catalog), "zh"
    )
