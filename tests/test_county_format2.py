"""County-year format 2: bad breakdowns, other figures and periods are located, bilingual
problems; other figures, periods, notes and the source reach every output."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import fazhi_indicators as fz
from fazhi_indicators.cli import main
from fazhi_indicators.errors import ERROR_CODES
from fazhi_indicators.report_html import scorecard_html
from fazhi_indicators.report_xlsx import scorecard_xlsx

V2 = Path(__file__).parent / "fixtures" / "county-v2"
BAD = V2 / "bad"
FIGURES = V2 / "figures.yaml"
PROFILE = "henan-demonstration-county"

#: fixture → the problems it must produce: (code, line, column, path).
EXPECTED: dict[str, list[tuple[str, int, int, str]]] = {
    "breakdown-bad-approx": [("bad-choice", 9, 51, "breakdowns[0].categories[0].count.approx")],
    "breakdown-bad-complete": [("wrong-type", 8, 15, "breakdowns[0].complete")],
    "breakdown-count-as-text": [("wrong-type", 9, 30, "breakdowns[0].categories[0].count")],
    "breakdown-duplicate-category": [("duplicate-key", 10, 9, "breakdowns[0].categories[1]")],
    "breakdown-empty-categories": [("wrong-type", 8, 17, "breakdowns[0].categories")],
    "breakdown-missing-by": [("missing-key", 6, 5, "breakdowns[0].by")],
    "breakdown-missing-count": [("missing-key", 9, 9, "breakdowns[0].categories[0].count")],
    "breakdown-nested-above-its-category": [
        (
            "category-above-total",
            14,
            37,
            "breakdowns[0].categories[0].breakdowns[0].categories[0].count",
        )
    ],
    "breakdown-nested-with-of": [
        ("unknown-key", 12, 13, "breakdowns[0].categories[0].breakdowns[0].of")
    ],
    "breakdown-not-a-count": [("wrong-type", 6, 9, "breakdowns[0].of")],
    "breakdown-not-a-list": [("wrong-type", 6, 3, "breakdowns")],
    "breakdown-share-not-percent": [("bad-rate", 9, 42, "breakdowns[0].categories[0].share")],
    "breakdown-share-over-100": [("share-above-100", 9, 42, "breakdowns[0].categories[0].share")],
    "breakdown-unknown-code": [("unknown-id", 9, 29, "breakdowns[0].categories[0].code")],
    "breakdown-unknown-dimension": [("unknown-id", 7, 9, "breakdowns[0].by")],
    "breakdown-unknown-field": [("unknown-id", 6, 9, "breakdowns[0].of")],
    "category-above-total": [("category-above-total", 9, 30, "breakdowns[0].categories[0].count")],
    "format-1-with-as-of": [
        ("format-2-key", 5, 53, "values.admin_review.applications_received.as_of")
    ],
    "format-1-with-breakdowns": [("format-2-key", 6, 1, "breakdowns")],
    "format-3": [("bad-choice", 1, 9, "format")],
    "format-text": [("bad-choice", 1, 9, "format")],
    "other-bad-approx": [("bad-choice", 8, 13, "other[0].approx")],
    "other-boolean-value": [("bad-figure", 7, 12, "other[0].value")],
    "other-figure-with-unit": [("bad-figure", 7, 12, "other[0].value")],
    "other-missing-label": [("missing-key", 6, 5, "other[0].label")],
    "other-negative-count": [("out-of-range", 7, 12, "other[0].value")],
    "other-not-a-list": [("wrong-type", 6, 3, "other")],
    "other-rate-with-approx": [("conflict", 8, 13, "other[0].approx")],
    "other-unknown-about": [("unknown-id", 8, 12, "other[0].about")],
    "other-unknown-key": [("unknown-key", 6, 5, "other[0].lable")],
    "period-as-of-and-to": [("conflict", 5, 47, "values.admin_review.accepted.as_of")],
    "period-as-of-not-a-date": [("wrong-type", 5, 47, "values.admin_review.accepted.as_of")],
    "period-blank-scope": [("wrong-type", 5, 47, "values.admin_review.accepted.scope")],
    "period-empty": [("missing-key", 5, 48, "values.admin_review.accepted.period")],
    "period-ends-before-it-starts": [("bad-period", 5, 48, "values.admin_review.accepted.period")],
    "period-on-other": [("wrong-type", 8, 12, "other[0].as_of")],
    "period-unknown-key": [("unknown-key", 5, 49, "values.admin_review.accepted.period.start")],
}

_CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_bad_fixture_is_expected() -> None:
    """Each file under bad/ has its expectation here, and each expectation its file."""
    assert set(EXPECTED) == {p.stem for p in BAD.glob("*.yaml")}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_fixture_gives_located_bilingual_problems(name: str, catalog: fz.Catalog) -> None:
    """Exactly the expected problems: file, line, column, path, a known code, both languages."""
    path = BAD / f"{name}.yaml"
    with pytest.raises(fz.InputError) as caught:
        fz.load_county_year(path, catalog)
    problems = caught.value.problems
    assert EXPECTED[name] == [(p.code, p.line, p.column, p.path) for p in problems]
    for problem in problems:
        assert str(path) == problem.file
        assert problem.code in ERROR_CODES
        assert re.search(r"[a-z]{3}", problem.message)
        assert _CJK.search(problem.message_zh)
        assert problem.message != problem.message_zh


def test_what_the_problems_say(catalog: fz.Catalog) -> None:
    """What was expected and what was found, word for word, for a few of them."""

    def said(name: str) -> tuple[str, str]:
        with pytest.raises(fz.InputError) as caught:
            fz.load_county_year(BAD / f"{name}.yaml", catalog)
        (problem,) = caught.value.problems
        return problem.message, problem.message_zh

    assert (
        "the category 行政处罚类 = 2000 is more than the total it breaks down,"
        " admin_review.applications_received = 1113",
        "类别“行政处罚类”（2000）超过其所分解的总数 admin_review.applications_received（1113）",
    ) == said("category-above-total")
    assert (
        "expected a count (17), a rate as printed (24%, 约24%) or an amount (1.98),"
        ' found text "1200余件"; write value: 1200, approx: 余, unit: 件',
        "应为计数（17）、报告所列比率（24%、约24%）或数额（1.98），实际为文本“1200余件”；"
        "请写作 value: 1200, approx: 余, unit: 件",
    ) == said("other-figure-with-unit")
    assert (
        "the period ends (2023-03-01) before it starts (2023-06-01)",
        "期间的截止日期（2023-03-01）早于起始日期（2023-06-01）",
    ) == said("period-ends-before-it-starts")
    assert (
        "format must be 1 or 2, found number 3",
        "format 应为 1 或 2，实际为数字 3",
    ) == said("format-3")
    assert "did you mean 'matter'?" in said("breakdown-unknown-dimension")[0]
    assert "did you mean 'administrative_penalty'?" in said("breakdown-unknown-code")[0]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_fixture_through_the_command_line(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``fazhi check`` exits 2 and lists the problem with its place, never a traceback."""
    assert 2 == main(["check", str(BAD / f"{name}.yaml"), "--format", "json"])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    problems = json.loads(out.out)["problems"]
    assert [(c, line, col, path) for c, line, col, path in EXPECTED[name]] == [
        (p["code"], p["line"], p["column"], p["path"]) for p in problems
    ]


# -- loading what is right -------------------------------------------------------------


def test_v1_files_load_unchanged(shenqiu: fz.CountyYear) -> None:
    """A file that declares no format is format 1, with nothing of format 2."""
    assert (1, (), ()) == (shenqiu.format, shenqiu.breakdowns, shenqiu.other)
    assert all(v.period is None and v.scope is None for v in shenqiu.values.values())


def test_format_1_and_2_are_accepted(catalog: fz.Catalog) -> None:
    text = "county: 测试区\nyear: 2023\nvalues:\n  admin_review.accepted: 5\n"
    assert 1 == fz.parse_county_year("format: 1\n" + text, catalog).format
    assert 2 == fz.parse_county_year("format: 2\n" + text, catalog).format


def test_other_figures_are_read_as_printed(catalog: fz.Catalog) -> None:
    """A hedged count, a hedged rate, an amount with a period; none is scored."""
    data = fz.load_county_year(FIGURES, catalog)
    assert [("count", "1200余件"), ("rate", "约42%"), ("amount", "1.98亿美元")] == [
        (f.kind, f.display()) for f in data.other
    ]
    rate = data.other[1].value
    assert isinstance(rate, fz.StatedRate)
    assert "约" == rate.approx
    assert "admin_review.closed" == data.other[1].about
    card = fz.score(data, PROFILE)
    plain = fz.score(attrs.evolve(data, other=()), PROFILE)
    assert (plain.total, plain.total_high, plain.verdict) == (
        card.total,
        card.total_high,
        card.verdict,
    )


# -- every output ----------------------------------------------------------------------


@pytest.fixture(name="card", scope="module")
def _card() -> fz.Scorecard:
    return fz.score(fz.load_county_year(FIGURES), PROFILE)


def _must_show(lang: str) -> list[str]:
    """What every output in ``lang`` must carry from figures.yaml."""
    common = [
        "1200余件",
        "约42%",
        "1.98亿美元",
        "负责人出庭应诉5件",
        "测试县2023年法治政府建设情况报告",
    ]
    if lang == "zh":
        return [
            *common,
            "法律咨询",
            "截至2023-10-31",
            "县政府作为被申请人",
            "2023-01-01至2023-09-30",
        ]
    return [
        *common,
        "Legal consultations",
        "as of 2023-10-31",
        "scope: 县政府作为被申请人",
        "2023-01-01 to 2023-09-30",
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_scorecard_text_and_markdown_carry_them(card: fz.Scorecard, lang: str) -> None:
    for output in (card.to_text(lang, 400), card.to_markdown(lang)):
        for part in _must_show(lang):
            assert part in output


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_carries_them(card: fz.Scorecard, lang: str) -> None:
    page = scorecard_html(card, lang)
    for part in _must_show(lang):
        assert part in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_xlsx_carries_them(card: fz.Scorecard, lang: str) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(scorecard_xlsx(card, lang)))
    cells = " ".join(
        str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row if cell.value
    )
    for part in _must_show(lang):
        assert part in cells


def test_scorecard_json_carries_them(card: fz.Scorecard) -> None:
    document = json.loads(card.to_json())
    assert 2 == document["format"]
    assert [
        {
            "label": "法律咨询",
            "label_en": "Legal consultations",
            "kind": "count",
            "value": 1200,
            "approx": "余",
            "unit": "件",
            "display": "1200余件",
            "about": None,
            "period": None,
            "scope": None,
            "quote": "解答群众法律咨询1200余件",
        },
        {
            "label": "综合化解率",
            "label_en": None,
            "kind": "rate",
            "value": "约42%",
            "approx": None,
            "unit": None,
            "display": "约42%",
            "about": "admin_review.closed",
            "period": None,
            "scope": None,
            "quote": None,
        },
        {
            "label": "实际利用外资",
            "label_en": "Foreign investment used",
            "kind": "amount",
            "value": "1.98",
            "approx": None,
            "unit": "亿美元",
            "display": "1.98亿美元",
            "about": None,
            "period": {"from": "2023-01-01", "to": "2023-09-30", "as_of": False},
            "scope": None,
            "quote": None,
        },
    ] == document["other"]
    assert {
        "admin_litigation.cases_heard": {
            "value": 41,
            "approx": None,
            "period": {"from": None, "to": "2023-10-31", "as_of": True},
            "scope": None,
        },
        "admin_review.applications_received": {
            "value": 17,
            "approx": None,
            "period": None,
            "scope": "县政府作为被申请人",
        },
    } == document["figures"]
    assert {"admin_litigation.head_appeared": "负责人出庭应诉5件"} == document["notes"]
    assert "测试县2023年法治政府建设情况报告" == document["source"]["title"]
    (flagged,) = [a for a in document["audit"] if a["status"] == "inconsistent"]
    assert [40, 40] == [f["low"] for f in flagged["fits"]]
    assert ["mediation.disputes_received"] == flagged["fits"][0]["fields"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_check_text_carries_them(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["check", str(FIGURES), "--lang", lang])
    out = capsys.readouterr().out
    for part in _must_show(lang):
        assert part in out


def test_check_json_carries_them(card: fz.Scorecard, capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == main(["check", str(FIGURES), "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    scored = json.loads(card.to_json())
    for key in ("format", "other", "figures", "breakdowns", "notes", "source"):
        assert scored[key] == document[key]


def test_breakdowns_in_json(tongzhou: fz.CountyYear) -> None:
    """Each table with its dimension's names, categories with code and printed share."""
    document = json.loads(fz.score(tongzhou, PROFILE).to_json())
    matter = document["breakdowns"][0]
    assert ("admin_review.applications_received", "matter") == (matter["of"], matter["by"])
    assert {"zh": "申请事项", "en": "Matter"} == matter["by_name"]
    assert {
        "name": "信息公开类",
        "name_en": "Government information disclosure",
        "code": "information_disclosure",
        "count": 58,
        "approx": None,
        "share": "5.4%",
        "breakdowns": [],
    } == matter["categories"][3]
    (flagged,) = [a for a in document["audit"] if a["status"] == "inconsistent"]
    assert ("matter", "信息公开类") == (flagged["dimension"], flagged["category"])
    assert [
        {"role": "numerator", "rounding": "half_up", "low": 60, "high": 60, "fields": []},
        {"role": "denominator", "rounding": "half_up", "low": 1065, "high": 1084, "fields": []},
        {"role": "numerator", "rounding": "truncate", "low": 61, "high": 61, "fields": []},
        {"role": "denominator", "rounding": "truncate", "low": 1055, "high": 1074, "fields": []},
    ] == flagged["fits"]


@pytest.mark.parametrize("path", [FIGURES, V2 / "short-sector-constructed.yaml"])
def test_checking_in_python_keeps_every_part(path: Path, catalog: fz.Catalog) -> None:
    """Data checked again as Python values (as score does) keeps tables, figures and periods."""
    data = fz.load_county_year(path, catalog)
    assert [] == [p for p in fz.check(data, catalog) if p.severity == "error"]
    again = fz.score(data, PROFILE, catalog).county_year
    assert again is not None
    assert (data.breakdowns, data.other, data.values, data.format) == (
        again.breakdowns,
        again.other,
        again.values,
        again.format,
    )


def test_a_category_above_its_total_built_in_python_is_refused(catalog: fz.Catalog) -> None:
    """The same rule for a table built in code: located by its path."""
    data = fz.load_county_year(V2 / "short-sector-constructed.yaml", catalog)
    table = data.breakdowns[0]
    big = attrs.evolve(table.categories[0], count=600)
    wrong = attrs.evolve(data, breakdowns=(attrs.evolve(table, categories=(big,)),))
    (problem,) = fz.check(wrong, catalog)
    assert ("category-above-total", "breakdowns[0].categories[0].count") == (
        problem.code,
        problem.path,
    )


@pytest.mark.parametrize(
    "path", [FIGURES, V2 / "short-sector-constructed.yaml", fz.example_path("tongzhou-2023")]
)
def test_written_back_it_loads_equal(path: Path, catalog: fz.Catalog) -> None:
    """dump_county_year keeps tables, figures with no field, periods, scopes and the format."""
    data = fz.load_county_year(path, catalog)
    again = fz.parse_county_year(fz.dump_county_year(data), catalog)
    assert data == again
    assert (data.breakdowns, data.other, data.format) == (
        again.breakdowns,
        again.other,
        again.format,
    )


def test_an_amount_is_written_digit_for_digit(catalog: fz.Catalog) -> None:
    """An amount of twenty decimals survives writing and reading, never through float."""
    data = fz.load_county_year(FIGURES, catalog)
    amount = Decimal("0.12345678901234567890")
    figure = attrs.evolve(data.other[2], value=amount)
    again = fz.parse_county_year(fz.dump_county_year(attrs.evolve(data, other=(figure,))), catalog)
    assert "0.12345678901234567890" == f"{again.other[0].value}"
