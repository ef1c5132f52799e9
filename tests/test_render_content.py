"""What a reader sees in every report: labels, stated markers, gaps, points, coverage, verdicts.

The county-years here are built so that each status, each kind of value and each
direction of gap occurs once; every expected figure is worked out by hand in a comment.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fazhi_indicators as fz
from fazhi_indicators import render
from fazhi_indicators.compute import IndicatorValue
from fazhi_indicators.exact import parse_stated_rate, parse_target
from fazhi_indicators.strategies import county_years, profiles

#: What each status is called, in English and Chinese: the labels a reader relies on.
STATUS = {
    "MET": ("met", "达标"),
    "NOT_MET": ("not met", "未达标"),
    "UNDETERMINED": ("undetermined", "待定"),
    "MISSING": ("missing", "缺数据"),
    "NOT_APPLICABLE": ("n/a", "不适用"),
}
VERDICT = {
    "READY": ("READY — meets the criteria", "具备申报条件"),
    "NOT_READY": ("NOT READY", "尚不具备申报条件"),
    "UNDETERMINED": ("UNDETERMINED — more data needed", "无法判定（需补充数据）"),
    "INSUFFICIENT_DATA": (
        "INSUFFICIENT DATA — not ready on the figures given; items with no data decide",
        "数据不足（按现有数据尚不具备条件，缺数据项可改变结论）",
    ),
}

BASE = fz.default_catalog().profile("henan-demonstration-county")


def _item(
    indicator: str,
    target: str,
    points: int,
    rule: fz.Rule | None = None,
    *,
    mandatory: bool = False,
) -> fz.Item:
    return fz.Item(
        indicator=indicator,
        target=parse_target(target),
        points=Fraction(points),
        rule=rule or fz.AllOrNothing(),
        mandatory=mandatory,
        source=fz.Source(basis="assumption"),
    )


def _profile(*areas: fz.Area, **changes: Any) -> fz.Profile:
    """The shipped profile with other areas and no vetoes: pass line 80, grades 90/80/70."""
    return attrs.evolve(BASE, areas=areas, vetoes=(), **changes)


MIXED_PROFILE = _profile(
    fz.Area(
        id="one",
        name=fz.Text(zh="执法与复议", en="Enforcement and review"),
        items=(
            _item("enforcement.exam_pass_rate", ">= 95%", 10),
            _item("admin_litigation.loss_rate", "<= 15%", 8, mandatory=True),
            _item("admin_review.closure_rate", ">= 90%", 4),
            _item("admin_litigation.head_appearance_rate", ">= 95%", 10),
        ),
    ),
    fz.Area(
        id="two",
        name=fz.Text(zh="其他", en="Others"),
        items=(
            _item("mediation.success_rate", ">= 95%", 6),
            _item("legal_aid.timely_decision_rate", "== 100%", 5),
            _item("normative_documents.legality_review_rate", "== 100%", 3),
            _item("leadership.annual_report_on_time", "true", 2),
            _item("gov_services.instant_rate", ">= 80%", 4, fz.Deduct(per_point=Fraction(1))),
        ),
        monitor=("admin_review.correction_rate",),
    ),
)

# 401/443 = 90.5% < 95%: 0 of 10, and ⌈0.95 × 443⌉ − 401 = 20 more passes.
# 5/20 = 25% > 15% (mandatory): 0 of 8, and ⌊0.15 × 20⌋ − 5 = −2, two fewer cases lost.
# A printed 90% is [89.5%, 91%) against >= 90%: undetermined, 0 to 4 of 4.
# A printed 100% is [99.5%, 100%] against >= 95%: met, 10 of 10.
# 97/100 >= 95%: 6 of 6.  Legal aid: no data, 0 of 5.  0 of 0 documents: n/a, out of the maximum.
# Published 15 March, before 1 April: met, 2 of 2.
# 78/100 is 2 points short of 80%, 1 point off each: 2 of 4, and 2 more items on the spot.
# Total 20, at best 24, of 10 + 8 + 4 + 10 + 6 + 5 + 2 + 4 = 49; coverage (49 − 5)/49 = 89.8%.
# Out of 100 at best 24 × 100/49 = 48.98, below 80: NOT_READY, no grade.
MIXED_COUNTY = """\
county: 测试县
year: 2023
values:
  enforcement.exam_participants: 443
  enforcement.exam_passed: 401
  admin_litigation.cases_concluded: 20
  admin_litigation.cases_lost: 5
  mediation.disputes_received: 100
  mediation.disputes_resolved: 97
  normative_documents.issued: 0
  normative_documents.legality_reviewed: 0
  leadership.annual_report_published_on: 2024-03-15
  gov_services.items_total: 100
  gov_services.items_instant: 78
stated:
  admin_review.closure_rate: 90%
  admin_litigation.head_appearance_rate: 100%
"""

#: (name, value, target, status, points, gap) of each row, as the Markdown table shows it.
MIXED_ROWS_ZH = {
    "one": [
        ("执法资格考试通过率", "90.5%", "≥95%", "未达标", "0/10", "执法资格考试通过人数增加20人"),
        ("行政诉讼败诉率 *", "25.00%", "≤15%", "未达标", "0/8", "败诉案件数减少2件"),
        ("复议案件结案率", "90%（报告值）", "≥90%", "待定", "0–4/4", ""),
        ("行政机关负责人出庭应诉率", "100%（报告值）", "≥95%", "达标", "10/10", ""),
    ],
    "two": [
        ("人民调解成功率", "97.0%", "≥95%", "达标", "6/6", ""),
        ("法律援助审查决定及时率", "—", "100%", "缺数据", "0/5", ""),
        ("规范性文件合法性审核率", "不适用（分母为0）", "100%", "不适用", "0/0", ""),
        ("年度报告按时公开", "是", "按时", "达标", "2/2", ""),
        ("政务服务即办率", "78.0%", "≥80%", "未达标", "2/4", "即办事项数增加2项"),
    ],
}
MIXED_ROWS_EN = {
    "one": [
        (
            "Qualification exam pass rate",
            "90.5%",
            ">= 95%",
            "not met",
            "0/10",
            "20 more qualification exam passes",
        ),
        (
            "Administrative litigation loss rate *",
            "25.00%",
            "<= 15%",
            "not met",
            "0/8",
            "2 fewer cases lost",
        ),
        ("Review closure rate", "90% (stated)", ">= 90%", "undetermined", "0–4/4", ""),
        ("Agency-head court appearance rate", "100% (stated)", ">= 95%", "met", "10/10", ""),
    ],
    "two": [
        ("Mediation success rate", "97.0%", ">= 95%", "met", "6/6", ""),
        ("Legal-aid timely decision rate", "—", "== 100%", "missing", "0/5", ""),
        (
            "Legality review rate of normative documents",
            "n/a (denominator 0)",
            "== 100%",
            "n/a",
            "0/0",
            "",
        ),
        ("Annual report published on time", "yes", "true", "met", "2/2", ""),
        (
            "On-the-spot completion rate",
            "78.0%",
            ">= 80%",
            "not met",
            "2/4",
            "2 more items completed on the spot",
        ),
    ],
}


@pytest.fixture(name="mixed", scope="module")
def _mixed() -> fz.Scorecard:
    return fz.score(fz.parse_county_year(MIXED_COUNTY), MIXED_PROFILE)


def _markdown_tables(markdown: str) -> dict[str, list[tuple[str, ...]]]:
    """The rows of each area's table, by the area's heading."""
    tables: dict[str, list[tuple[str, ...]]] = {}
    heading = ""
    for line in markdown.splitlines():
        if line.startswith("### "):
            heading = line[4:]
            tables[heading] = []
        elif heading and line.startswith("| ") and not set(line) <= set("|- "):
            cells = tuple(c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1])
            tables[heading].append(cells)
    return {h: rows[1:] for h, rows in tables.items()}  # the first row is the header


def _text_rows(text: str) -> list[tuple[str, ...]]:
    """Every line of a terminal report cut where two or more spaces part its columns."""
    return [tuple(re.split(r" {2,}", line.strip())) for line in text.splitlines()]


def test_markdown_rows_zh(mixed: fz.Scorecard) -> None:
    """Each item's status, stated marker, points range and gap, in Chinese."""
    assert {
        "执法与复议（10/32）": MIXED_ROWS_ZH["one"],
        "其他（10/17）": MIXED_ROWS_ZH["two"],
    } == _markdown_tables(mixed.to_markdown("zh"))


def test_markdown_rows_en(mixed: fz.Scorecard) -> None:
    """Each item's status, stated marker, points range and gap, in English."""
    assert {
        "Enforcement and review (10/32)": MIXED_ROWS_EN["one"],
        "Others (10/17)": MIXED_ROWS_EN["two"],
    } == _markdown_tables(mixed.to_markdown("en"))


def test_markdown_headers(mixed: fz.Scorecard) -> None:
    """The table headers name the six columns in the report's language."""
    assert "| 指标 | 数值 | 目标 | 状态 | 得分 | 差距 |" in mixed.to_markdown("zh").splitlines()
    assert (
        "| Indicator | Value | Target | Status | Points | Gap |"
        in mixed.to_markdown("en").splitlines()
    )
    assert "|---|---|---|---|---|---|" in mixed.to_markdown("en").splitlines()


@pytest.mark.parametrize(("lang", "rows"), [("zh", MIXED_ROWS_ZH), ("en", MIXED_ROWS_EN)])
def test_text_rows(mixed: fz.Scorecard, lang: str, rows: dict[str, list[tuple[str, ...]]]) -> None:
    """The terminal table shows the same cells as the Markdown one, in the same order."""
    shown = _text_rows(mixed.to_text(lang, width=200))
    expected = [tuple(c for c in row if c) for row in rows["one"] + rows["two"]]
    assert expected == [row for row in shown if row in expected]
    title_one = "执法与复议（10/32）" if lang == "zh" else "Enforcement and review (10/32)"
    title_two = "其他（10/17）" if lang == "zh" else "Others (10/17)"
    order = [row[0] for row in shown]
    assert order.index(title_one) < order.index(expected[0][0]) < order.index(title_two)
    assert order.index(title_two) < order.index(expected[4][0])
    headers = ("指标", "数值", "目标", "状态", "得分", "差距")
    if lang == "en":
        headers = ("Indicator", "Value", "Target", "Status", "Points", "Gap")
    assert headers in shown


SUMMARY = {
    "zh": [
        "结论：尚不具备申报条件",
        "总分：20–24 / 49（等次：无；合格线80分，百分制）",
        # 24 at best, and 5 more if the missing legal-aid item were met.
        "以上缺数据项按0分计；若缺数据项均达标，总分最高可达29",
        "数据覆盖：适用分值的89.8%",
        "基于假设的阈值：15项",
    ],
    "en": [
        "Verdict: NOT READY",
        "Total: 20–24 of 49 (grade: none; pass line 80 of 100)",
        "Items with no data count 0 above; counted as met, the total could reach 29",
        "Data coverage: 89.8% of applicable points",
        "Thresholds resting on assumptions: 15",
    ],
}
REASONS = {
    "zh": [
        "必达项“行政诉讼败诉率”未达标（目标 ≤15%）",
        "即使按最有利情形，得分也只有48.98分（百分制），低于合格线80分",
    ],
    "en": [
        "mandatory item Administrative litigation loss rate (admin_litigation.loss_rate)"
        " is not met (target <= 15%)",
        "even at best the score is 48.98 of 100, below the pass line 80",
    ],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_summary_and_reasons_in_markdown(mixed: fz.Scorecard, lang: str) -> None:
    """The verdict, total range, grade, coverage and each reason, as list items."""
    lines = mixed.to_markdown(lang).splitlines()
    assert "# 测试县 2023 — " + BASE.title.get(lang) == lines[0]
    for summary in SUMMARY[lang]:
        assert "- " + summary in lines
    heading = "## 理由" if lang == "zh" else "## Reasons"
    start = lines.index(heading) + 2
    assert ["- " + r for r in REASONS[lang]] == lines[start : start + 2]
    assert "" == lines[start + 2]
    assert ("\\* 为必达项" if lang == "zh" else "\\* mandatory item") in lines
    monitored = "- 复议纠错率：—" if lang == "zh" else "- Review correction rate: —"
    heading = "## 监测指标（不计分）" if lang == "zh" else "## Monitored, not scored"
    assert [heading, "", monitored, ""] == lines[lines.index(heading) : lines.index(heading) + 4]
    items = "## 评分项" if lang == "zh" else "## Items"
    assert (
        lines.index(heading)
        > lines.index(items)
        > lines.index("## 理由" if lang == "zh" else "## Reasons")
    )
    assert (
        "评分标准 henan-demonstration-county，版本 2023.1。"
        if lang == "zh"
        else "Profile henan-demonstration-county version 2023.1."
    ) == lines[-1]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_summary_and_reasons_in_text(mixed: fz.Scorecard, lang: str) -> None:
    """The terminal report says the same, each line whole."""
    lines = [line.strip() for line in mixed.to_text(lang, width=200).splitlines()]
    assert "测试县 2023 — " + BASE.title.get(lang) == lines[0]
    assert SUMMARY[lang][0] == lines[1]
    for summary in SUMMARY[lang]:
        assert summary in lines
    heading = "理由：" if lang == "zh" else "Reasons:"
    start = lines.index(heading) + 1
    assert ["- " + r for r in REASONS[lang]] == lines[start : start + 2]
    assert ("* 为必达项" if lang == "zh" else "* mandatory item") in lines
    assert ("监测指标（不计分）：" if lang == "zh" else "Monitored, not scored:") in lines
    assert ("- 复议纠错率：—" if lang == "zh" else "- Review correction rate: —") in lines


def test_json_items(mixed: fz.Scorecard) -> None:
    """Status, exact points and their upper end, the maximum, the gap and the display."""
    document = json.loads(mixed.to_json())
    items = {item["indicator"]: item for item in document["items"]}
    shown = {
        k: (
            i["area"],
            i["status"],
            i["source"],
            i["display"],
            i["points"],
            i["points_high"],
            i["max_points"],
            i["mandatory"],
            i["gap"],
        )
        for k, i in items.items()
    }
    exam_gap = {"field": "enforcement.exam_passed", "change": 20}
    loss_gap = {"field": "admin_litigation.cases_lost", "change": -2}
    instant_gap = {"field": "gov_services.items_instant", "change": 2}
    assert {
        "enforcement.exam_pass_rate": (
            "one", "NOT_MET", "computed", "90.5%", "0", "0", "10", False, exam_gap
        ),
        "admin_litigation.loss_rate": (
            "one", "NOT_MET", "computed", "25.00%", "0", "0", "8", True, loss_gap
        ),
        "admin_review.closure_rate": (
            "one", "UNDETERMINED", "stated", "90% (stated)", "0", "4", "4", False, None
        ),
        "admin_litigation.head_appearance_rate": (
            "one", "MET", "stated", "100% (stated)", "10", "10", "10", False, None
        ),
        "mediation.success_rate": ("two", "MET", "computed", "97.0%", "6", "6", "6", False, None),
        "legal_aid.timely_decision_rate": ("two", "MISSING", None, "—", "0", "0", "5", False, None),
        "normative_documents.legality_review_rate": (
            "two", "NOT_APPLICABLE", "computed", "n/a (denominator 0)", "0", "0", "0", False, None
        ),
        "leadership.annual_report_on_time": (
            "two", "MET", "computed", "yes", "2", "2", "2", False, None
        ),
        "gov_services.instant_rate": (
            "two", "NOT_MET", "computed", "78.0%", "2", "2", "4", False, instant_gap
        ),
    } == shown  # fmt: skip
    assert list(items) == [i.indicator for a in MIXED_PROFILE.areas for i in a.items]


def test_json_item_values(mixed: fz.Scorecard) -> None:
    """Exact values as fractions, intervals as exact ends and as text, targets as written."""
    items = {i["indicator"]: i for i in json.loads(mixed.to_json())["items"]}
    exam = items["enforcement.exam_pass_rate"]
    assert ("401/443", None, None, ">= 95%", "0") == (
        exam["value"],
        exam["interval"],
        exam["interval_text"],
        exam["target"],
        exam["points_display"],
    )
    closure = items["admin_review.closure_rate"]
    assert (None, ["0.895", "0.91"], "[89.5%, 91%)") == (
        closure["value"],
        closure["interval"],
        closure["interval_text"],
    )
    assert True is items["leadership.annual_report_on_time"]["value"]
    assert ["legal_aid.decided_within_limit", "legal_aid.applications_decided"] == items[
        "legal_aid.timely_decision_rate"
    ]["missing_fields"]
    assert [] == exam["missing_fields"]
    assert exam["approximate"] is None


def test_json_summary(mixed: fz.Scorecard) -> None:
    """Verdict, reasons, exact totals, coverage, grade and subtotals of the card."""
    document = json.loads(mixed.to_json())
    assert (
        "测试县",
        2023,
        {"id": "henan-demonstration-county", "version": "2023.1"},
        "NOT_READY",
        REASONS["en"],
        REASONS["zh"],
        "20",
        "20",
        "24",
        "49",
        None,
        "44/49",
        15,
    ) == (
        document["county"],
        document["year"],
        document["profile"],
        document["verdict"],
        document["reasons"],
        document["reasons_zh"],
        document["total"],
        document["total_display"],
        document["total_high"],
        document["max_total"],
        document["grade"],
        document["coverage"],
        document["assumptions"],
    )
    assert [
        {"id": "one", "points": "10", "max_points": "32"},
        {"id": "two", "points": "10", "max_points": "17"},
    ] == [{k: a[k] for k in ("id", "points", "max_points")} for a in document["areas"]]
    assert [(a.name.en, a.name.zh) for a in mixed.profile.areas] == [
        (a["name"], a["name_zh"]) for a in document["areas"]
    ]
    (monitored,) = document["monitored"]
    assert ("admin_review.correction_rate", "two", None, "—") == (
        monitored["indicator"],
        monitored["area"],
        monitored["value"],
        monitored["display"],
    )
    assert "fazhi.scorecard/2" == document["schema"]
    assert [] == document["audit"]
    # 49 of the 52 points apply (the 3 of the n/a item do not); 24 + 5 if legal aid were met.
    assert ("49/52", "29", None, {}, {}, []) == (
        document["applicable"],
        document["total_if_missing_met"],
        document["province"],
        document["source"],
        document["notes"],
        document["warnings"],
    )


#: One item met exactly: 30 of 30, 100 out of 100, grade Excellent, READY.
READY_PROFILE = _profile(
    fz.Area(
        id="only",
        name=fz.Text(zh="唯一", en="Only"),
        items=(_item("mediation.success_rate", ">= 95%", 30),),
    )
)
READY_COUNTY = """\
county: 甲县
year: 2023
values:
  mediation.disputes_received: 100
  mediation.disputes_resolved: 97
"""
#: One printed rate that may or may not meet its target: 0 to 4 of 4, UNDETERMINED.
OPEN_PROFILE = _profile(
    fz.Area(
        id="only",
        name=fz.Text(zh="唯一", en="Only"),
        items=(_item("admin_review.closure_rate", ">= 90%", 4),),
    )
)
OPEN_COUNTY = """\
county: 乙县
year: 2023
stated:
  admin_review.closure_rate: 90%
"""


@pytest.fixture(name="ready", scope="module")
def _ready() -> fz.Scorecard:
    return fz.score(fz.parse_county_year(READY_COUNTY), READY_PROFILE)


@pytest.fixture(name="open_card", scope="module")
def _open_card() -> fz.Scorecard:
    return fz.score(fz.parse_county_year(OPEN_COUNTY), OPEN_PROFILE)


def test_ready_card(ready: fz.Scorecard) -> None:
    """READY with its grade, no reasons, full coverage, in every format."""
    zh, en = ready.to_markdown("zh").splitlines(), ready.to_markdown("en").splitlines()
    for line in ("- 结论：具备申报条件", "- 总分：30 / 30（等次：优秀；合格线80分，百分制）"):
        assert line in zh
    assert "- 数据覆盖：适用分值的100%" in zh
    assert ["## 理由", "", "- 无"] == zh[zh.index("## 理由") : zh.index("## 理由") + 3]
    assert "- Verdict: READY — meets the criteria" in en
    assert "- Total: 30 of 30 (grade: Excellent; pass line 80 of 100)" in en
    assert ["## Reasons", "", "- none"] == en[en.index("## Reasons") : en.index("## Reasons") + 3]
    text = [line.strip() for line in ready.to_text("en", width=200).splitlines()]
    assert "Verdict: READY — meets the criteria" in text
    assert "Reasons:" == text[-1]
    assert "Monitored, not scored:" not in text
    assert "## Monitored, not scored" not in en
    document = json.loads(ready.to_json())
    assert ("READY", [], [], "优秀", "1", "30", "30") == (
        document["verdict"],
        document["reasons"],
        document["reasons_zh"],
        document["grade"],
        document["coverage"],
        document["total"],
        document["total_high"],
    )


def test_undetermined_card(open_card: fz.Scorecard) -> None:
    """UNDETERMINED, its total as a range and the pass line it may or may not reach."""
    zh, en = open_card.to_markdown("zh").splitlines(), open_card.to_markdown("en").splitlines()
    assert "- 结论：无法判定（需补充数据）" in zh
    assert "- 总分：0–4 / 4（等次：无；合格线80分，百分制）" in zh
    assert "- 得分介于0与100分之间，是否达到合格线80分尚无法判定" in zh
    assert "- Verdict: UNDETERMINED — more data needed" in en
    assert "- Total: 0–4 of 4 (grade: none; pass line 80 of 100)" in en
    assert (
        "- the score lies between 0 and 100 of 100; the pass line 80 may or may not be reached"
        in en
    )
    text = open_card.to_text("zh", width=200).splitlines()
    assert "结论：无法判定（需补充数据）" in text
    document = json.loads(open_card.to_json())
    assert ("UNDETERMINED", "0", "4", "4", "1") == (
        document["verdict"],
        document["total"],
        document["total_high"],
        document["max_total"],
        document["coverage"],
    )


def test_audit_in_every_format(shenqiu: fz.CountyYear) -> None:
    """Each audit entry shows its subject, status and detail in the report's language."""
    card = fz.score(shenqiu)
    warning = card.audit[3]
    assert ("legal_aid.cases_total", "warning") == (warning.subject, warning.status)
    zh_md, en_md = card.to_markdown("zh"), card.to_markdown("en")
    assert f"- **法律援助案件总数**（需核对）：{warning.detail_zh}" in zh_md.splitlines()
    assert f"- **legal_aid.cases_total** (warning): {warning.detail}" in en_md.splitlines()
    for markdown, heading in ((zh_md, "## 核对"), (en_md, "## Audit")):
        lines = markdown.splitlines()
        start = lines.index(heading)
        entries = lines[start + 2 : start + 2 + len(card.audit)]
        assert ["", *entries, ""] == [lines[start + 1], *entries, lines[start + 7]]
        assert all(entry.startswith("- **") for entry in entries)
        assert start + 9 == len(lines)  # then only the profile line
    text = card.to_text("en", width=300).splitlines()
    assert "Audit:" in text
    assert f"  - legal_aid.cases_total [warning] {warning.detail}" in text
    zh_text = card.to_text("zh", width=300).splitlines()
    assert "核对：" in zh_text
    assert f"  - 法律援助案件总数 [需核对] {warning.detail_zh}" in zh_text
    assert {
        "subject": "legal_aid.cases_total",
        "status": "warning",
        "detail": warning.detail,
        "detail_zh": warning.detail_zh,
    } in json.loads(card.to_json())["audit"]


def test_no_audit_no_heading(ready: fz.Scorecard) -> None:
    """A card with nothing to audit has no audit heading in any language."""
    assert "## 核对" not in ready.to_markdown("zh")
    assert "Audit:" not in ready.to_text("en")


def test_text_has_no_trailing_blanks(mixed: fz.Scorecard) -> None:
    """Every line of the terminal report ends in text, and the report in one newline."""
    text = mixed.to_text("zh")
    assert text.endswith("\n")
    assert not text.endswith("\n\n")
    assert all(line == line.rstrip() for line in text.splitlines())


def test_text_width_is_honoured(mixed: fz.Scorecard) -> None:
    """At 60 columns no line is wider; CJK characters count as two columns."""
    from rich.cells import cell_len

    assert max(cell_len(line) for line in mixed.to_text("zh", width=60).splitlines()) <= 60
    assert max(cell_len(line) for line in mixed.to_text("en", width=60).splitlines()) <= 60
    wide = mixed.to_text("en", width=200).splitlines()
    assert max(cell_len(line) for line in wide) > 60


def test_text_prints_plain(mixed: fz.Scorecard) -> None:
    """No escape codes and no markup: brackets and colons are printed as they are."""
    text = mixed.to_text("en", width=200)
    assert "\x1b" not in text
    assert "[89.5%" not in text  # the value shows as printed, not as the interval
    assert "  - Review correction rate: —" in text.splitlines()


# check_json, exact_text, display_value -------------------------------------------


def test_check_json() -> None:
    """Problems with their location and both messages, audit entries, values as fractions."""
    problem = fz.Problem(
        file="a.yaml",
        line=3,
        column=5,
        path="values.x",
        code="unknown-id",
        message="unknown field",
        message_zh="未知字段",
    )
    data = fz.parse_county_year(MIXED_COUNTY)
    catalog = fz.default_catalog()
    values = fz.compute(catalog, data)
    entry = fz.AuditEntry(subject="s", status="warning", detail="d", detail_zh="细节")
    document = json.loads(render.check_json([problem], [entry], values))
    assert "fazhi.check/1" == document["schema"]
    assert [
        {
            "file": "a.yaml",
            "line": 3,
            "column": 5,
            "path": "values.x",
            "code": "unknown-id",
            "severity": "error",
            "message": "unknown field",
            "message_zh": "未知字段",
        }
    ] == document["problems"]
    assert [{"subject": "s", "status": "warning", "detail": "d", "detail_zh": "细节"}] == document[
        "audit"
    ]
    shown = document["values"]
    assert "401/443" == shown["enforcement.exam_pass_rate"]
    assert "1/4" == shown["admin_litigation.loss_rate"]
    assert True is shown["leadership.annual_report_on_time"]
    assert shown["legal_aid.timely_decision_rate"] is None
    assert shown["admin_review.closure_rate"] is None  # printed only: no exact value
    assert set(catalog.indicators) == set(shown)
    assert render.check_json([], [], None).startswith('{\n  "schema": "fazhi.check/1",\n  "')
    no_values = json.loads(render.check_json([], [], None))
    assert ([], [], None) == (no_values["problems"], no_values["audit"], no_values["values"])
    assert "未知字段" in render.check_json([problem], [], None)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(401, 443), "401/443"),
        (Fraction(145, 2), "72.5"),
        (Fraction(1, 8), "0.125"),
        (Fraction(1, 80), "0.0125"),
        (Fraction(49), "49"),
        (Fraction(0), "0"),
        (Fraction(1, 3), "1/3"),
        (Fraction(44, 49), "44/49"),
        (Fraction(1, 10), "0.1"),
        (Fraction(3, 20), "0.15"),
        (Fraction(7, 12), "7/12"),
    ],
)
def test_exact_text(value: Fraction, text: str) -> None:
    """A terminating decimal is written out in full; any other fraction as n/d."""
    assert text == render.exact_text(value)
    assert value == Fraction(text)


def _value(**fields: Any) -> IndicatorValue:
    return IndicatorValue(indicator="admin_review.closure_rate", **fields)


def test_display_value_kinds() -> None:
    """Each kind of value as a reader sees it, in both languages."""
    catalog = fz.default_catalog()
    stated = parse_stated_rate("约90%")
    interval = fz.Interval(low=Fraction(1, 2), high=Fraction(3, 4))
    cases = [
        (_value(status="missing"), "—", "—"),
        (_value(status="not_applicable"), "n/a (denominator 0)", "不适用（分母为0）"),
        (_value(status="available", value=False), "no", "否"),
        (_value(status="available", value=True), "yes", "是"),
        (_value(status="available", value=Fraction(401, 443)), "90.5%", "90.5%"),
        (
            _value(status="available", stated=stated, interval=interval, source="stated"),
            "约90% (stated)",
            "约90%（报告值）",
        ),
        (_value(status="available", interval=interval), str(interval), str(interval)),
        (
            _value(status="available", stated=stated, interval=interval),
            str(interval),
            str(interval),
        ),
        (_value(status="available"), "—", "—"),
    ]
    for value, en, zh in cases:
        assert (en, zh) == (
            render.display_value(catalog, value, "en"),
            render.display_value(catalog, value, "zh"),
        )
    assert "50%" in str(interval)
    assert "90.5%" == render.display_value(catalog, cases[4][0])  # English by default


def test_display_value_uses_the_indicator_precision() -> None:
    """A rate shows as many decimals as its indicator's precision; a deadline one."""
    catalog = fz.default_catalog()
    loss = IndicatorValue(
        indicator="admin_litigation.loss_rate", status="available", value=Fraction(1, 3)
    )
    assert "33.33%" == render.display_value(catalog, loss)
    exam = IndicatorValue(
        indicator="enforcement.exam_pass_rate", status="available", value=Fraction(1, 3)
    )
    assert "33.3%" == render.display_value(catalog, exam)
    deadline = IndicatorValue(
        indicator="leadership.annual_report_on_time", status="available", value=Fraction(1, 3)
    )
    assert "33.3%" == render.display_value(catalog, deadline)


def test_markdown_escapes_pipes_in_cells(mixed: fz.Scorecard) -> None:
    """A target or name holding '|' cannot break the table: it is escaped."""
    line = mixed.lines["mediation.success_rate"]
    piped = attrs.evolve(line, target=attrs.evolve(line.target, text="a|b"))
    card = attrs.evolve(mixed, lines={**mixed.lines, "mediation.success_rate": piped})
    (row,) = [r for r in card.to_markdown("en").splitlines() if r.startswith("| Mediation")]
    assert "| Mediation success rate | 97.0% | a\\|b | met | 6/6 |  |" == row


def test_gap_without_unit() -> None:
    """A field with no unit still reads as a number and a direction in Chinese."""
    catalog = fz.default_catalog()
    field = catalog.fields["enforcement.exam_passed"]
    bare = attrs.evolve(
        catalog, fields={**catalog.fields, field.id: attrs.evolve(field, unit=None)}
    )
    card = fz.score(fz.parse_county_year(MIXED_COUNTY), MIXED_PROFILE, bare)
    (exam, *_) = _markdown_tables(card.to_markdown("zh"))["执法与复议（10/32）"]
    assert "执法资格考试通过人数增加20" == exam[-1]
    assert "20 more qualification exam passes" in card.to_markdown("en")


# Text agrees with JSON ------------------------------------------------------------


def _points_cell(cell: str) -> tuple[Decimal, Decimal | None, Decimal]:
    """``"0–4/4"`` as (0, 4, 4); ``"6/6"`` as (6, None, 6)."""
    shown, maximum = cell.split("/")
    low, _, high = shown.partition("–")
    return Decimal(low), Decimal(high) if high else None, Decimal(maximum)


def _close(shown: Decimal, exact: str) -> bool:
    """Whether a figure shown to two decimals is the exact one, rounded."""
    return abs(Fraction(shown) - Fraction(exact)) <= Fraction(1, 200)


def _check_row(catalog: fz.Catalog, item: dict[str, Any], row: tuple[str, ...], lang: str) -> None:
    zh = lang == "zh"
    name, value, target, status, points, gap = row
    indicator = catalog.indicators[item["indicator"]]
    assert indicator.name.get(lang) + (" *" if item["mandatory"] else "") == name
    assert item["target_zh" if zh else "target"] == target
    assert STATUS[item["status"]][zh] == status
    low, high, maximum = _points_cell(points)
    assert _close(low, item["points"])
    assert (high is None) == (item["points"] == item["points_high"])
    assert _close(high if high is not None else low, item["points_high"])
    assert _close(maximum, item["max_points"])
    marker = "（报告值）" if zh else " (stated)"
    printed_only = item["source"] == "stated" and item["status"] not in (
        "MISSING",
        "NOT_APPLICABLE",
    )
    assert printed_only == value.endswith(marker)
    if item["gap"] is None:
        assert "" == gap
        return
    change = item["gap"]["change"]
    field = catalog.fields[item["gap"]["field"]]
    assert change != 0
    assert str(abs(change)) in re.findall(r"\d+", gap)
    if zh:
        assert gap.startswith(field.name.zh + ("增加" if change > 0 else "减少"))
    else:
        assert f"{abs(change)} {'more' if change > 0 else 'fewer'} {field.name.en.lower()}" == gap


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_markdown_and_text_agree_with_json(data: st.DataObject) -> None:
    """For every item the label, points range, stated marker and gap match the JSON."""
    profile = data.draw(profiles(), label="profile")
    county = data.draw(county_years(year=profile.effective_from), label="county-year")
    card = fz.score(county, profile)
    catalog = card.catalog
    document = json.loads(card.to_json())
    items = document["items"]
    for lang in ("zh", "en"):
        tables = _markdown_tables(card.to_markdown(lang))
        rows = [row for table in tables.values() for row in table]
        assert len(items) == len(rows)
        for item, row in zip(items, rows, strict=True):
            _check_row(catalog, item, row, lang)
        lines = card.to_markdown(lang).splitlines()
        zh = lang == "zh"
        verdict = VERDICT[document["verdict"]][zh]
        assert ("- 结论：" if zh else "- Verdict: ") + verdict in lines
        coverage = next(
            line for line in lines if line.startswith("- 数据覆盖：" if zh else "- Data coverage:")
        )
        (percent,) = re.findall(r"([\d.]+)%", coverage)
        assert _close(Decimal(percent), str(Fraction(document["coverage"]) * 100))
        reasons = document["reasons_zh" if zh else "reasons"]
        for reason in reasons:
            assert "- " + reason in lines
        text = [tuple(re.split(r" {2,}", r.strip())) for r in card.to_text(lang, 400).splitlines()]
        for row in rows:
            assert tuple(c for c in row if c) in text
    panel = render.panel_markdown([card], "en").splitlines()[4]
    cells = panel.strip("| ").split(" | ")
    assert VERDICT[document["verdict"]][0] == cells[4]
    total_low, total_high, total_max = _points_cell(cells[3])
    assert _close(total_low, document["total"])
    assert (total_high is None) == (document["total"] == document["total_high"])
    assert _close(total_max, document["max_total"])
    (entry,) = json.loads(render.panel_json([card]))["rankings"][0]["entries"]
    score, _, score_high = cells[2].partition("–")
    assert _close(Decimal(score), entry["score"])
    assert _close(Decimal(score_high or score), entry["score_high"])


READY_MARKDOWN = {
    "zh": """\
# 甲县 2023 — 河南省法治政府建设示范县（参考评分）

- 结论：具备申报条件
- 总分：30 / 30（等次：优秀；合格线80分，百分制）
- 数据覆盖：适用分值的100%
- 基于假设的阈值：{assumptions}项

## 理由

- 无

## 评分项

### 唯一（30/30）

| 指标 | 数值 | 目标 | 状态 | 得分 | 差距 |
|---|---|---|---|---|---|
| 人民调解成功率 | 97.0% | ≥95% | 达标 | 30/30 |  |

\\* 为必达项

评分标准 henan-demonstration-county，版本 2023.1。
""",
    "en": """\
# 甲县 2023 — Henan demonstration county for law-based government (reference scoring)

- Verdict: READY — meets the criteria
- Total: 30 of 30 (grade: Excellent; pass line 80 of 100)
- Data coverage: 100% of applicable points
- Thresholds resting on assumptions: {assumptions}

## Reasons

- none

## Items

### Only (30/30)

| Indicator | Value | Target | Status | Points | Gap |
|---|---|---|---|---|---|
| Mediation success rate | 97.0% | >= 95% | met | 30/30 |  |

\\* mandatory item

Profile henan-demonstration-county version 2023.1.
""",
}
READY_TEXT = {
    "zh": """\
甲县 2023 — 河南省法治政府建设示范县（参考评分）
结论：具备申报条件
总分：30 / 30（等次：优秀；合格线80分，百分制）
数据覆盖：适用分值的100%
基于假设的阈值：{assumptions}项
指标             数值    目标   状态   得分    差距
───────────────────────────────────────────────────
唯一（30/30）
人民调解成功率   97.0%   ≥95%   达标   30/30
* 为必达项
理由：
""",
    "en": """\
甲县 2023 — Henan demonstration county for law-based government (reference scoring)
Verdict: READY — meets the criteria
Total: 30 of 30 (grade: Excellent; pass line 80 of 100)
Data coverage: 100% of applicable points
Thresholds resting on assumptions: {assumptions}
Indicator                Value   Target   Status   Points   Gap
───────────────────────────────────────────────────────────────
Only (30/30)
Mediation success rate   97.0%   >= 95%   met      30/30
* mandatory item
Reasons:
""",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ready_card_whole(ready: fz.Scorecard, lang: str) -> None:
    """The whole of a one-item report, line for line: nothing more, nothing less."""
    assumptions = READY_PROFILE.assumption_count()
    assert READY_MARKDOWN[lang].format(assumptions=assumptions) == ready.to_markdown(lang)
    assert READY_TEXT[lang].format(assumptions=assumptions) == ready.to_text(lang)


def test_text_takes_names_literally(ready: fz.Scorecard) -> None:
    """Brackets and colons in a name are not read as markup or emoji codes."""
    odd = attrs.evolve(ready, county="[bold]甲县[/bold]:smile:")
    for lang in ("zh", "en"):
        first = odd.to_text(lang).splitlines()[0]
        assert first.startswith("[bold]甲县[/bold]:smile: 2023 — ")


# Where the figures come from, notes and warnings -----------------------------------

SOURCED_COUNTY = """\
county: 丁县
province: 河北
year: 2023
source:
  page: "3"
  url: https://example.org/report
  date: "2024-02-01"
  publisher: 丁县司法局
  title: 丁县2023年度法治政府建设情况的报告
values:
  mediation.disputes_received: 100
  mediation.disputes_resolved: 97
  leadership.annual_report_published_on: 2023-12-01
notes:
  mediation.disputes_received: 含诉前调解
  enforcement.exam_pass_rate: 报告未列
"""
SOURCE_LINE = {
    "zh": "数据来源：丁县2023年度法治政府建设情况的报告；丁县司法局；2024-02-01；"
    "https://example.org/report；page: 3",
    "en": "Source: 丁县2023年度法治政府建设情况的报告; 丁县司法局; 2024-02-01;"
    " https://example.org/report; page: 3",
}
WARNING_LINES = {
    "zh": [
        "提示：年度报告公开日期为2023年12月1日，在报告年度2023年之内；"
        "此类报告通常在年度结束后公开（期限2024年4月1日）：请核对年度",
        "提示：该县属于河北，而评分标准 henan-demonstration-county 适用于河南："
        "其标准未必适用于该县",
    ],
    "en": [
        "Warning: leadership.annual_report_published_on is 2023-12-01, inside the reporting"
        " year 2023; such reports are normally published after the year ends"
        " (due by 2024-04-01): check the year",
        "Warning: the county is in 河北, but the profile henan-demonstration-county is for"
        " 河南: its criteria may not be the ones that apply",
    ],
}
NOTE_LINES = {
    "zh": ["受理纠纷数：含诉前调解", "执法资格考试通过率：报告未列"],
    "en": ["Disputes received: 含诉前调解", "Qualification exam pass rate: 报告未列"],
}


@pytest.fixture(name="sourced", scope="module")
def _sourced() -> fz.Scorecard:
    return fz.score(fz.parse_county_year(SOURCED_COUNTY), READY_PROFILE)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_source_warnings_and_notes_in_markdown(sourced: fz.Scorecard, lang: str) -> None:
    """Title, publisher, date and url first, other keys after; then each warning; notes by name."""
    lines = sourced.to_markdown(lang).splitlines()
    summary = lines.index("- " + SOURCE_LINE[lang])
    coverage = "- 基于假设的阈值：7项" if lang == "zh" else "- Thresholds resting on assumptions: 7"
    assert [coverage, "- " + SOURCE_LINE[lang], *("- " + w for w in WARNING_LINES[lang]), ""] == (
        lines[summary - 1 : summary + 4]
    )
    heading = "## 备注" if lang == "zh" else "## Notes"
    start = lines.index(heading)
    assert [heading, "", *("- " + n for n in NOTE_LINES[lang]), ""] == lines[start : start + 5]
    assert start > lines.index("\\* 为必达项" if lang == "zh" else "\\* mandatory item")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_source_warnings_and_notes_in_text(sourced: fz.Scorecard, lang: str) -> None:
    """The terminal report has the same lines, notes after the reasons."""
    lines = sourced.to_text(lang, width=300).splitlines()
    summary = lines.index(SOURCE_LINE[lang])
    assert [SOURCE_LINE[lang], *WARNING_LINES[lang]] == lines[summary : summary + 3]
    heading = "备注：" if lang == "zh" else "Notes:"
    start = lines.index(heading)
    assert [heading, *("  - " + n for n in NOTE_LINES[lang])] == lines[start : start + 3]
    assert start == lines.index("理由：" if lang == "zh" else "Reasons:") + 1
    assert len(lines) == start + 3


def test_source_warnings_and_notes_in_json(sourced: fz.Scorecard) -> None:
    """JSON carries the province, the source and notes as given, and located warnings."""
    document = json.loads(sourced.to_json())
    assert "河北" == document["province"]
    assert {
        "page": "3",
        "url": "https://example.org/report",
        "date": "2024-02-01",
        "publisher": "丁县司法局",
        "title": "丁县2023年度法治政府建设情况的报告",
    } == document["source"]
    assert {
        "mediation.disputes_received": "含诉前调解",
        "enforcement.exam_pass_rate": "报告未列",
    } == document["notes"]
    date, province = document["warnings"]
    assert {
        "file": None,
        "line": 13,
        "column": 42,
        "path": "values.leadership.annual_report_published_on",
        "code": "date-in-year",
        "severity": "warning",
        "message": WARNING_LINES["en"][0].removeprefix("Warning: "),
        "message_zh": WARNING_LINES["zh"][0].removeprefix("提示："),
    } == date
    assert ("other-jurisdiction", "warning", "province") == (
        province["code"],
        province["severity"],
        province["path"],
    )


def test_partial_source_and_unknown_note(sourced: fz.Scorecard) -> None:
    """Absent or empty source parts are skipped; a note about an unknown id shows the id."""
    card = attrs.evolve(
        sourced,
        source={"edition": "2", "url": "https://example.org", "title": ""},
        notes={"other.thing": "见附件"},
        warnings=(),
    )
    zh, en = card.to_markdown("zh").splitlines(), card.to_markdown("en").splitlines()
    assert "- 数据来源：https://example.org；edition: 2" in zh
    assert "- Source: https://example.org; edition: 2" in en
    assert "- other.thing：见附件" in zh
    assert "- other.thing: 见附件" in en
    assert not any(line.startswith(("- 提示：", "- Warning: ")) for line in zh + en)
    bare = attrs.evolve(sourced, source={}, notes={}, warnings=())
    for lang in ("zh", "en"):
        shown = bare.to_markdown(lang) + bare.to_text(lang)
        for absent in ("数据来源", "Source:", "## 备注", "## Notes", "备注：", "Notes:"):
            assert absent not in shown


# Panels ---------------------------------------------------------------------------


def test_panel_markdown(mixed: fz.Scorecard, ready: fz.Scorecard, open_card: fz.Scorecard) -> None:
    """Best first by points out of 100, each with its points, verdict, grade and coverage."""
    # 20/49 and 24/49 of 100 are 40.82 and 48.98; 0 to 4 of 4 is 0 to 100.
    assert (
        "## 2023年（未填省份）\n"
        "\n"
        "| 排名 | 县（市、区） | 得分（百分制） | 原始得分 | 结论 | 等次 | 数据覆盖 |\n"
        "|---|---|---|---|---|---|---|\n"
        "| 1 | 甲县 | 100 | 30/30 | 具备申报条件 | 优秀 | 100% |\n"
        "| 2 | 测试县 | 40.82–48.98 | 20–24/49 | 尚不具备申报条件 | — | 89.8% |\n"
        "| 3 | 乙县 | 0–100 | 0–4/4 | 无法判定（需补充数据） | — | 100% |\n"
    ) == render.panel_markdown([open_card, mixed, ready], "zh")
    assert (
        "## 2023 (province not given)\n"
        "\n"
        "| Rank | County | Score (of 100) | Points | Verdict | Grade | Coverage |\n"
        "|---|---|---|---|---|---|---|\n"
        "| 1 | 甲县 | 100 | 30/30 | READY — meets the criteria | Excellent | 100% |\n"
        "| 2 | 测试县 | 40.82–48.98 | 20–24/49 | NOT READY | — | 89.8% |\n"
        "| 3 | 乙县 | 0–100 | 0–4/4 | UNDETERMINED — more data needed | — | 100% |\n"
    ) == render.panel_markdown([mixed, open_card, ready], "en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_panel_text(
    mixed: fz.Scorecard, ready: fz.Scorecard, open_card: fz.Scorecard, lang: str
) -> None:
    """The terminal ranking shows the same rows, with verdicts cut to their first words."""
    rows = _text_rows(render.panel_text([open_card, mixed, ready], lang, width=200))
    zh = lang == "zh"
    verdicts = ("具备申报条件", "尚不具备申报条件", "无法判定")
    if not zh:
        verdicts = ("READY", "NOT READY", "UNDETERMINED")
    assert [
        ("2023年（未填省份）" if zh else "2023 (province not given)",),
        ("排名", "县（市、区）", "得分（百分制）", "原始得分", "结论", "等次", "数据覆盖")
        if zh
        else ("Rank", "County", "Score (of 100)", "Points", "Verdict", "Grade", "Coverage"),
        ("─" * len(rows[2][0]),),
        ("1", "甲县", "100", "30/30", verdicts[0], "优秀" if zh else "Excellent", "100%"),
        ("2", "测试县", "40.82–48.98", "20–24/49", verdicts[1], "—", "89.8%"),
        ("3", "乙县", "0–100", "0–4/4", verdicts[2], "—", "100%"),
    ] == rows


def _provinced(card: fz.Scorecard, county: str, province: str | None, year: int) -> fz.Scorecard:
    return attrs.evolve(card, county=county, province=province, year=year)


def test_panel_groups_by_year_and_province(ready: fz.Scorecard, mixed: fz.Scorecard) -> None:
    """Each year and province is ranked apart: years in order, a named province first."""
    cards = [
        _provinced(mixed, "乙县", None, 2023),
        _provinced(ready, "甲县", "河南", 2024),
        _provinced(mixed, "丙县", "河南", 2023),
        _provinced(ready, "丁县", "河北", 2023),
        _provinced(ready, "戊县", "河南", 2023),
    ]
    zh = render.panel_markdown(cards, "zh")
    headings = [line for line in zh.splitlines() if line.startswith("## ")]
    assert [
        "## 2023年 河北",
        "## 2023年 河南",
        "## 2023年（未填省份）",
        "## 2024年 河南",
    ] == headings
    assert "## 2024 河南" in render.panel_markdown(cards, "en").splitlines()
    rows = [line.split(" | ")[:2] for line in zh.splitlines() if line.startswith("| ")]
    assert [
        ["| 1", "丁县"],
        ["| 1", "戊县"],
        ["| 2", "丙县"],
        ["| 1", "乙县"],
        ["| 1", "甲县"],
    ] == [row for row in rows if row[0] != "| 排名"]
    text = render.panel_text(cards, "en", width=200).splitlines()
    assert "2023 河北" == text[0]
    assert ["", "2023 河南"] == text[text.index("2023 河南") - 1 : text.index("2023 河南") + 1]
    assert text[-1].startswith("1      甲县")
    document = json.loads(render.panel_json(cards))
    assert [(2023, "河北"), (2023, "河南"), (2023, None), (2024, "河南")] == [
        (g["year"], g["province"]) for g in document["rankings"]
    ]
    assert [[3], [4, 2], [0], [1]] == [
        [e["scorecard"] for e in g["entries"]] for g in document["rankings"]
    ]


def test_panel_ties_share_a_rank(ready: fz.Scorecard, mixed: fz.Scorecard) -> None:
    """Equal scores share a rank (1, 1, 3), listed by county name (code point order)."""
    cards = [
        _provinced(ready, "甲县", None, 2023),
        _provinced(mixed, "乙县", None, 2023),
        _provinced(ready, "丙县", None, 2023),  # 丙 U+4E19 sorts before 甲 U+7532
    ]
    rows = [line.split(" | ")[:2] for line in render.panel_markdown(cards, "en").splitlines()[4:]]
    assert [["| 1", "丙县"], ["| 1", "甲县"], ["| 3", "乙县"]] == rows[:3]
    (group,) = json.loads(render.panel_json(cards))["rankings"]
    assert [(1, 2, "丙县"), (1, 0, "甲县"), (3, 1, "乙县")] == [
        (e["rank"], e["scorecard"], e["county"]) for e in group["entries"]
    ]


def test_panel_json(mixed: fz.Scorecard, ready: fz.Scorecard) -> None:
    """Whole scorecards in input order, the ranking with exact scores, and input problems."""
    problem = fz.Problem(
        file="p.csv",
        line=4,
        column=2,
        path="row 4",
        code="duplicate-row",
        message="two rows",
        message_zh="两行",
    )
    document = json.loads(render.panel_json([mixed, ready], problems=[problem]))
    assert "fazhi.panel/1" == document["schema"]
    assert ["测试县", "甲县"] == [card["county"] for card in document["scorecards"]]
    assert json.loads(mixed.to_json()) == document["scorecards"][0]
    assert [
        {
            "year": 2023,
            "province": None,
            "entries": [
                {
                    "rank": 1,
                    "scorecard": 1,
                    "county": "甲县",
                    "score": "100",
                    "score_high": "100",
                    "score_display": "100",
                    "total": "30",
                    "max_total": "30",
                },
                {
                    "rank": 2,
                    "scorecard": 0,
                    "county": "测试县",
                    "score": "2000/49",
                    "score_high": "2400/49",
                    "score_display": "40.82",
                    "total": "20",
                    "max_total": "49",
                },
            ],
        }
    ] == document["rankings"]
    assert [
        {
            "file": "p.csv",
            "line": 4,
            "column": 2,
            "path": "row 4",
            "code": "duplicate-row",
            "severity": "error",
            "message": "two rows",
            "message_zh": "两行",
        }
    ] == document["problems"]
    assert [] == json.loads(render.panel_json([ready]))["problems"]
    assert "优秀" in render.panel_json([ready])  # Chinese is written as itself, not escaped
    assert render.panel_json([ready]).startswith('{\n  "schema": "fazhi.panel/1",\n')


def test_panel_short_verdicts(ready: fz.Scorecard) -> None:
    """A terminal table cuts a verdict to its first words in both languages."""
    cases = {
        "READY": ("READY", "具备申报条件"),
        "NOT_READY": ("NOT READY", "尚不具备申报条件"),
        "INSUFFICIENT_DATA": ("INSUFFICIENT DATA", "数据不足"),
        "UNDETERMINED": ("UNDETERMINED", "无法判定"),
    }
    for verdict, (en, zh) in cases.items():
        card = attrs.evolve(ready, verdict=fz.Readiness(verdict))
        assert en == _text_rows(render.panel_text([card], "en", width=200))[3][4]
        assert zh == _text_rows(render.panel_text([card], "zh", width=200))[3][4]
        markdown = render.panel_markdown([card], "en").splitlines()[4].split(" | ")[4]
        assert VERDICT[verdict][0] == markdown


def test_panel_text_width(mixed: fz.Scorecard, ready: fz.Scorecard) -> None:
    """A narrow terminal folds the ranking rather than overflowing it."""
    from rich.cells import cell_len

    narrow = render.panel_text([mixed, ready], "en", width=50)
    assert max(cell_len(line) for line in narrow.splitlines()) <= 50
    assert all(line == line.rstrip() for line in narrow.splitlines())
    assert max(cell_len(line) for line in render.panel_text([mixed], "en").splitlines()) > 50


def test_gaps_of_one_case() -> None:
    """One more and one fewer read the right way round in both languages."""
    profile = _profile(
        fz.Area(
            id="only",
            name=fz.Text(zh="唯一", en="Only"),
            items=(
                _item("enforcement.exam_pass_rate", ">= 95%", 5),
                _item("admin_litigation.loss_rate", "<= 15%", 5),
            ),
        )
    )
    # 94/100 needs ⌈95⌉ − 94 = 1 more pass; 4/20 = 20% needs ⌊3⌋ − 4 = −1, one fewer loss.
    data = fz.parse_county_year(
        "county: 戊县\nyear: 2023\nvalues:\n  enforcement.exam_participants: 100\n"
        "  enforcement.exam_passed: 94\n  admin_litigation.cases_concluded: 20\n"
        "  admin_litigation.cases_lost: 4\n"
    )
    card = fz.score(data, profile)
    assert [1, -1] == [line.gap.change for line in card.lines.values() if line.gap]
    zh = _markdown_tables(card.to_markdown("zh"))["唯一（0/10）"]
    en = _markdown_tables(card.to_markdown("en"))["Only (0/10)"]
    assert ["执法资格考试通过人数增加1人", "败诉案件数减少1件"] == [row[-1] for row in zh]
    assert ["1 more qualification exam passes", "1 fewer cases lost"] == [row[-1] for row in en]


def test_defaults_are_chinese_at_120_columns(mixed: fz.Scorecard, ready: fz.Scorecard) -> None:
    """Without options a report is in Chinese, and a terminal one 120 columns wide."""
    assert render.scorecard_markdown(mixed) == render.scorecard_markdown(mixed, "zh")
    wide = attrs.evolve(mixed, county="X" * 200)
    assert render.scorecard_text(wide) == render.scorecard_text(wide, "zh", 120)
    assert render.scorecard_text(wide) != render.scorecard_text(wide, "zh", 121)
    assert render.panel_markdown([ready]) == render.panel_markdown([ready], "zh")
    assert render.panel_text([wide]) == render.panel_text([wide], "zh", 120)
    assert render.panel_text([wide]) != render.panel_text([wide], "zh", 121)


def test_long_names_are_folded_not_cut(mixed: fz.Scorecard) -> None:
    """A name too long for its column wraps onto more lines; nothing is elided."""
    wide = attrs.evolve(mixed, county="很长的县名" * 20)
    for text in (render.panel_text([wide], "en", width=60), wide.to_text("en", width=60)):
        assert "…" not in text
        assert 20 == text.count("很")
    narrow_table = wide.to_text("zh", width=40)
    assert "…" not in narrow_table


# fazhi catalog ID, in Chinese -------------------------------------------------------


def _small_catalog() -> fz.Catalog:
    """Fields of every kind, a rate with a subtracted term, a deadline, and one profile."""
    law = fz.Source(basis="law", title="某法第一条", url="https://example.org/law")
    fields = {
        "d.total": fz.FieldDef(
            id="d.total",
            name=fz.Text(zh="总数", en="Total"),
            unit=fz.Text(zh="件", en="cases"),
            parts=("d.part_a", "d.part_b"),
            source=law,
        ),
        "d.part_a": fz.FieldDef(
            id="d.part_a", name=fz.Text(zh="调解、和解", en="Settled"), subset_of="d.total"
        ),
        "d.part_b": fz.FieldDef(id="d.part_b", name=fz.Text(zh="乙项", en="Part B")),
        "d.flag": fz.FieldDef(id="d.flag", name=fz.Text(zh="是否", en="Flag"), type="boolean"),
        "d.day": fz.FieldDef(
            id="d.day",
            name=fz.Text(zh="公开日期", en="Day"),
            type="date",
            source=fz.Source(basis="practice"),
        ),
    }
    rate = fz.RateIndicator(
        id="d.rate",
        name=fz.Text(zh="甲率", en="Rate"),
        direction="lower",
        kind="share",
        numerator=fz.Expression(terms=((-1, "d.part_b"), (1, "d.part_a"))),
        denominator=fz.Expression(terms=((1, "d.total"), (-1, "d.part_b"))),
        source=fz.Source(basis="official", title="某文件"),
    )
    clearance = fz.RateIndicator(
        id="d.clear",
        name=fz.Text(zh="结案率", en="Clearance"),
        direction="neutral",
        kind="clearance",
        numerator=fz.Expression(terms=((1, "d.part_a"),)),
        denominator=fz.Expression(terms=((1, "d.total"),)),
    )
    day = fz.DeadlineIndicator(
        id="d.on_time",
        name=fz.Text(zh="按时公开", en="On time"),
        direction="higher",
        date_field="d.day",
        deadline=(3, 31),
    )
    profile = attrs.evolve(
        BASE,
        id="p",
        version="7",
        title=fz.Text(zh="测试标准", en="Test"),
        effective_from=2022,
        effective_to=None,
        vetoes=(),
        areas=(
            fz.Area(
                id="a",
                name=fz.Text(zh="甲", en="A"),
                items=(
                    _item("d.rate", "<= 15%", 6),
                    fz.Item(
                        indicator="d.on_time",
                        target=parse_target("true"),
                        points=Fraction(5, 2),
                        source=fz.Source(basis="law"),
                    ),
                ),
            ),
        ),
    )
    return fz.Catalog(
        domains={"d": fz.Text(zh="演示", en="Demo")},
        fields=fields,
        indicators={i.id: i for i in (rate, clearance, day)},
        profiles={"p": profile},
    )


def test_catalog_entries_in_chinese() -> None:
    """Each kind of entry, every line: names, formula, fields needed, sources, profiles."""
    catalog = _small_catalog()
    assert (
        "编号：d.total\n类别：字段\n名称：总数\n类型：计数\n单位：件\n"
        "分项：“调解、和解”“乙项”\n依据：法律法规\n出处：某法第一条\n网址：https://example.org/law\n"
    ) == render.catalog_entry_zh(catalog, "d.total")
    assert (
        "编号：d.part_a\n类别：字段\n名称：调解、和解\n类型：计数\n属于：总数\n"
    ) == render.catalog_entry_zh(catalog, "d.part_a")
    assert "类型：是否\n" in render.catalog_entry_zh(catalog, "d.flag")
    assert (
        "编号：d.day\n类别：字段\n名称：公开日期\n类型：日期\n依据：实践通行做法\n"
    ) == render.catalog_entry_zh(catalog, "d.day")
    assert (
        "编号：d.rate\n类别：指标（占比）\n名称：甲率\n"
        "公式：（-乙项 + 调解、和解）÷（总数 - 乙项）\n"
        "所需字段：乙项（d.part_b）、调解、和解（d.part_a）、总数（d.total）\n"
        "方向：越低越好\n依据：官方文件\n出处：某文件\n"
        "评分标准：p：目标≤15%，6分，本项目假设\n"
    ) == render.catalog_entry_zh(catalog, "d.rate")
    assert (
        "编号：d.clear\n类别：指标（结案类比率）\n名称：结案率\n公式：（调解、和解）÷（总数）\n"
        "所需字段：调解、和解（d.part_a）、总数（d.total）\n方向：不计方向（仅监测）\n"
    ) == render.catalog_entry_zh(catalog, "d.clear")
    assert (
        "编号：d.on_time\n类别：指标（按期完成）\n名称：按时公开\n"
        "公式：公开日期不晚于次年3月31日\n所需字段：公开日期（d.day）\n方向：越高越好\n"
        "评分标准：p：目标按时，2.5分，法律法规\n"
    ) == render.catalog_entry_zh(catalog, "d.on_time")
    profile = catalog.profiles["p"]
    assert (
        "编号：p\n类别：评分标准\n版本：7\n名称：测试标准\n适用年度：2022—\n评分项：2项\n"
        f"满分：8.5\n基于假设的阈值：{profile.assumption_count()}项\n"
    ) == render.catalog_entry_zh(catalog, "p")
    closed = attrs.evolve(profile, effective_to=2025)
    with_end = attrs.evolve(catalog, profiles={"p": closed})
    assert "适用年度：2022—2025\n" in render.catalog_entry_zh(with_end, "p")
    with pytest.raises(KeyError):
        render.catalog_entry_zh(catalog, "d.nothing")


def test_subject_names_and_targets() -> None:
    """Ids are named in the language asked (English by default); unknown ids stay ids."""
    catalog = _small_catalog()
    assert ("Total", "总数", "x.y") == (
        render.subject_name(catalog, "d.total"),
        render.subject_name(catalog, "d.total", "zh"),
        render.subject_name(catalog, "x.y", "zh"),
    )
    assert "甲率" == render.subject_name(catalog, "d.rate", "zh")
    flag = parse_target("true")
    assert ("true", "按时", "是") == (
        render.target_display(catalog, "d.on_time", flag),
        render.target_display(catalog, "d.on_time", flag, "zh"),
        render.target_display(catalog, "d.rate", flag, "zh"),
    )


def test_check_text() -> None:
    """What `fazhi check` prints: the file is valid, each audit entry, each indicator's value."""
    catalog = fz.default_catalog()
    data = fz.parse_county_year(READY_COUNTY)
    wanted = ("admin_review.closure_rate", "leadership.annual_report_on_time")
    values = {k: v for k, v in fz.compute(catalog, data).items() if k in wanted}
    values["mediation.success_rate"] = fz.compute(catalog, data)["mediation.success_rate"]
    entries = [
        fz.AuditEntry(
            subject="mediation.disputes_received", status="warning", detail="d", detail_zh="细节"
        ),
        fz.AuditEntry(subject="x.y", status="inconsistent", detail="no", detail_zh="不对"),
        fz.AuditEntry(subject="x.z", status="consistent", detail="ok", detail_zh="好"),
    ]
    assert (
        "甲县 2023年：文件有效\n核对：\n  - 受理纠纷数 [需核对] 细节\n  - x.y [不一致] 不对\n"
        "  - x.z [一致] 好\n"
        "指标：\n  - 复议案件结案率：—\n  - 年度报告按时公开：—\n  - 人民调解成功率：97.0%\n"
    ) == render.check_text(catalog, data, entries, values)
    assert (
        "甲县 2023: the file is valid\nAudit:\n  - mediation.disputes_received [warning] d\n"
        "  - x.y [inconsistent] no\n  - x.z [consistent] ok\n"
        "Indicators:\n  - admin_review.closure_rate: —\n"
        "  - leadership.annual_report_on_time: —\n  - mediation.success_rate: 97.0%\n"
    ) == render.check_text(catalog, data, entries, values, "en")


def test_comparison_json() -> None:
    """Two years of one county: each card's summary, the change out of 100, each item's move."""
    from fazhi_indicators.compare import compare

    # 90/100 misses >= 95% (0 of 30) and 97/100 meets it (30 of 30): 0 → 100 out of 100.
    before = fz.score(fz.parse_county_year(READY_COUNTY.replace("97", "90")), READY_PROFILE)
    after = fz.score(fz.parse_county_year(READY_COUNTY.replace("2023", "2024")), READY_PROFILE)
    document = json.loads(render.comparison_json(compare(before, after)))

    def value(fraction: str, display: str) -> dict[str, object]:
        return {
            "source": "computed",
            "value": fraction,
            "interval": None,
            "interval_text": None,
            "display": display,
            "missing_fields": [],
            "approximate": None,
        }

    assert {
        "schema": "fazhi.comparison/1",
        "profile": {"id": "henan-demonstration-county", "version": "2023.1"},
        "before": {
            "county": "甲县",
            "year": 2023,
            "verdict": "NOT_READY",
            "total": "0",
            "max_total": "30",
            "grade": None,
        },
        "after": {
            "county": "甲县",
            "year": 2024,
            "verdict": "READY",
            "total": "30",
            "max_total": "30",
            "grade": "优秀",
        },
        "total_change": "100",
        "changes": [
            {
                "indicator": "mediation.success_rate",
                "change": "IMPROVED",
                "before": value("9/10", "90.0%"),
                "after": value("97/100", "97.0%"),
                "delta": "0.07",
                "points_before": "0",
                "points_after": "30",
            }
        ],
    } == document
