"""What the reports say, word for word, on the bundled examples (both languages)."""

from __future__ import annotations

import fazhi_indicators as fz

SHENQIU_AUDIT = [
    (
        "enforcement.exam_pass_rate",
        "consistent",
        "stated 90.5% matches 401/443 = 90.52% under half-up rounding and truncation",
        "报告所列 90.5% 与 401/443 = 90.52% 相符（四舍五入和截尾）",
    ),
    (
        "admin_review.closed",
        "consistent",
        "parts 29 + 2 + 4 = 35 equal the total 35; not given, hence 0: admin_review.rejected,"
        " admin_review.mediated_settled, admin_review.terminated",
        "分项 29 + 2 + 4 = 35，与总数 35 一致；未列出的分项因此为0：“驳回”“调解、和解结案”“终止”",
    ),
    (
        "enforcement.certificates_total",
        "consistent",
        "parts 1422 + 64 = 1486 equal the total 1486",
        "分项 1422 + 64 = 1486，与总数 1486 一致",
    ),
    (
        "legal_aid.cases_total",
        "warning",
        "parts 139 + 239 + 345 = 723 ≠ 763 (short by 40); the report may omit a category or"
        " misprint a figure",
        "分项 139 + 239 + 345 = 723 ≠ 总数 763（相差 40）；报告可能遗漏了某类或数字有误",
    ),
    (
        "admin_review.corrected",
        "consistent",
        "not reported; derived from its parts: 2 + 0 + 0 + 0 + 0 = 2",
        "报告未列；由分项推得：2 + 0 + 0 + 0 + 0 = 2",
    ),
]

SHENQIU_REASONS = [
    (
        "veto-unreported",
        False,
        "veto 'Serious illegal act with grave impact' cannot be ruled out:"
        " events.serious_violation_incident is not reported",
        "无法排除否决事项“严重违法行政行为造成恶劣影响”，请填报："
        "发生严重违法行政行为并造成恶劣社会影响（events.serious_violation_incident）",
    ),
    (
        "veto-unreported",
        False,
        "veto 'Major mass incident caused by an administrative act' cannot be ruled out:"
        " events.major_mass_incident is not reported",
        "无法排除否决事项“因行政行为引发重大群体性事件”，请填报："
        "因行政行为引发重大群体性事件（events.major_mass_incident）",
    ),
    (
        "mandatory-missing",
        False,
        "mandatory item Legality review rate of major decisions"
        " (major_decisions.legality_review_rate) has no data;"
        " report major_decisions.legality_reviewed, major_decisions.made",
        "必达项“重大行政决策合法性审查率”缺少数据；"
        "请填报：经合法性审查的决策数（major_decisions.legality_reviewed）、"
        "作出重大行政决策数（major_decisions.made）",
    ),
    (
        "mandatory-missing",
        False,
        "mandatory item Legality review rate of normative documents"
        " (normative_documents.legality_review_rate) has no data;"
        " report normative_documents.legality_reviewed, normative_documents.issued",
        "必达项“规范性文件合法性审核率”缺少数据；"
        "请填报：经合法性审核的文件数（normative_documents.legality_reviewed）、"
        "制发规范性文件数（normative_documents.issued）",
    ),
    (
        "mandatory-missing",
        False,
        "mandatory item Certified-officer rate (enforcement.certification_rate) has no data;"
        " report enforcement.officers_certified, enforcement.officers_on_duty",
        "必达项“持证上岗率”缺少数据；"
        "请填报：持证在岗执法人员数（enforcement.officers_certified）、"
        "在岗执法人员数（enforcement.officers_on_duty）",
    ),
    (
        "mandatory-missing",
        False,
        "mandatory item Legal-aid timely decision rate (legal_aid.timely_decision_rate) has no"
        " data; report legal_aid.decided_within_limit, legal_aid.applications_decided",
        "必达项“法律援助审查决定及时率”缺少数据；"
        "请填报：七日内作出决定的申请数（legal_aid.decided_within_limit）、"
        "作出是否给予援助决定的申请数（legal_aid.applications_decided）",
    ),
    (
        "below-pass-line",
        True,
        "even at best the score is 33.95 of 100, below the pass line 80",
        "即使按最有利情形，得分也只有33.95分（百分制），低于合格线80分",
    ),
    (
        "low-coverage",
        False,
        "only 44% of the applicable points rest on reported data (at least 80% needed)",
        "仅有44%的分值有数据支撑（至少需要80%）",
    ),
    (
        "missing-data-decides",
        False,
        "the best case is 33.95 of 100 with the items that have no data counted 0, but 89.95"
        " if they are met: report them before judging against the pass line 80",
        "缺数据项按0分计，最有利情形为33.95分；若缺数据项均达标则为89.95分，"
        "可达合格线80分：请先补报这些数据再作判断",
    ),
]


def test_shenqiu_audit_word_for_word(shenqiu: fz.CountyYear) -> None:
    """Every audit entry of Shenqiu 2023, in both languages."""
    card = fz.score(shenqiu)
    assert SHENQIU_AUDIT == [(e.subject, e.status, e.detail, e.detail_zh) for e in card.audit]


def test_shenqiu_reasons_word_for_word(shenqiu: fz.CountyYear) -> None:
    """Every reason for Shenqiu's verdict, in both languages."""
    card = fz.score(shenqiu)
    assert SHENQIU_REASONS == [(r.code, r.blocking, r.text, r.text_zh) for r in card.reasons]


def test_tongzhou_audit_word_for_word(tongzhou: fz.CountyYear) -> None:
    """Tongzhou's printed 24.2% is explained by half-up rounding only."""
    card = fz.score(tongzhou)
    assert [
        (
            "admin_review.correction_rate",
            "consistent",
            "stated 24.2% matches 236/977 = 24.16% under half-up rounding",
            "报告所列 24.2% 与 236/977 = 24.16% 相符（四舍五入）",
        ),
        (
            "admin_review.closed",
            "consistent",
            "parts 435 + 136 + 236 + 170 = 977 equal the total 977; not given, hence 0:"
            " admin_review.withdrawn, admin_review.terminated",
            "分项 435 + 136 + 236 + 170 = 977，与总数 977 一致；未列出的分项因此为0："
            "“申请人撤回”“终止”",
        ),
    ] == [
        (e.subject, e.status, e.detail, e.detail_zh)
        for e in card.audit
        if e.subject in {"admin_review.correction_rate", "admin_review.closed"}
    ]


def test_inconsistent_stated_rate_says_by_how_much(catalog: fz.Catalog) -> None:
    """A printed 90.7% against 401/443 = 90.519…% is off by -0.181 percentage points."""
    data = fz.parse_county_year(
        "county: 测试县\nyear: 2023\nvalues:\n  enforcement.exam_participants: 443\n"
        "  enforcement.exam_passed: 401\nstated:\n  enforcement.exam_pass_rate: 90.7%\n",
        catalog,
    )
    (entry,) = fz.audit(catalog, data, fz.compute(catalog, data))
    assert (
        "inconsistent",
        "stated 90.7%, but 401/443 = 90.52% (difference -0.181 percentage points)",
        "报告所列 90.7%，但 401/443 = 90.52%（相差 -0.181 个百分点）",
    ) == (entry.status, entry.detail, entry.detail_zh)


def test_text_report_in_both_languages(shenqiu: fz.CountyYear) -> None:
    """The terminal report names the county, verdict, areas, gaps and audit."""
    card = fz.score(shenqiu)
    zh = card.to_text("zh")
    for part in (
        "沈丘县 2023",
        "结论：数据不足（按现有数据尚不具备条件，缺数据项可改变结论）",
        "总分：33.95 / 100",
        "以上缺数据项按0分计；若缺数据项均达标，总分最高可达89.95",
        "严格规范公正文明执法（7.01/20）",
        "执法资格考试通过人数增加20人",
        "复议审结案件数增加23件",
        "监测指标（不计分）：",
        "复议纠错率：5.7%",
    ):
        assert part in zh
    en = card.to_text("en", width=160)
    for part in (
        "Verdict: INSUFFICIENT DATA",
        "Total: 33.95 of 100",
        "counted as met, the total could reach 89.95",
        "20 more qualification exam passes",
        "Review correction rate: 5.7%",
    ):
        assert part in en
    assert all(line == line.rstrip() for line in zh.splitlines())


def test_full_width_rate_is_read_and_reported(catalog: fz.Catalog) -> None:
    """９０.５％ is read as 90.5%, and the audit says it was normalised."""
    data = fz.parse_county_year(
        "county: 测试县\nyear: 2023\nvalues:\n  enforcement.exam_participants: 443\n"
        "  enforcement.exam_passed: 401\nstated:\n  enforcement.exam_pass_rate: ９０.５％\n",
        catalog,
    )
    entries = fz.audit(catalog, data, fz.compute(catalog, data))
    assert [
        (
            "consistent",
            "stated ９０.５％ matches 401/443 = 90.52% under half-up rounding and truncation",
        ),
        ("warning", "printed as '９０.５％' with full-width characters; read as 90.5%"),
    ] == [(e.status, e.detail) for e in entries]
    assert "报告值“９０.５％”含全角字符，已按 90.5% 读取" == entries[1].detail_zh
