"""Given only the plan, a refresh builds the reference marts and reports the plan's contradictions.

Expected numbers below are read off the plan text (../shared/seeds/000_aec0668b993b31ff.txt),
not produced by the code under test.
"""

import pytest


@pytest.fixture(scope="module")
def built(reference_warehouse):
    space, outcome = reference_warehouse
    assert outcome.success, outcome.failures
    assert outcome.published
    return space, outcome


def test_units_cover_annex2_and_named_departments(built):
    space, _ = built
    by_type = dict(
        space.query("select unit_type, count(*) from marts.dim_unit where is_in_annex2 group by 1")
    )
    assert by_type == {"街道": 11, "产业办": 6}
    names = {row[0] for row in space.query("select unit_name from marts.dim_unit")}
    assert {"区科经局", "区委组织部", "区人社局", "区金融办", "区发改局", "团区委"} <= names


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("食品产业办", "食品医药产业办"),
        ("保税物流产业办", "保税产业办"),
        ("区现代服务业办", "现代服务业办"),
        ("区机电产业办", "机电产业办"),
        ("东西湖区金银湖街道办事处", "金银湖街"),
    ],
)
def test_every_spelling_resolves_to_one_unit(built, alias, name):
    space, _ = built
    assert space.query("select unit_name from marts.dim_unit_alias where alias = ?", [alias]) == [(name,)]


def test_catalogue_has_nineteen_items_with_measures(built):
    space, _ = built
    items = space.query(
        "select item_group, count(distinct item_code) from marts.dim_indicator group by 1 order by 1"
    )
    assert dict(items) == {"重点指标": 10, "重点任务": 9, "正文目标": 3}
    ai = space.query(
        "select measure_name from marts.dim_indicator where item_code = 'T01' order by measure_code"
    )
    assert [r[0] for r in ai] == [
        "人工智能特色亮点",
        "发布人工智能场景",
        "引育人工智能企业",
        "举办人工智能活动",
    ]
    rate = space.query(
        "select kind, is_additive, district_target, challenge_value from marts.dim_indicator where measure_code = 'I01'"
    )
    assert rate == [("rate", False, 14.0, 15.0)]
    main_text = dict(
        space.query(
            "select measure_name, district_target from marts.dim_indicator where item_group = '正文目标'"
        )
    )
    assert main_text == {"引进战略科技人才": 1.0, "引进产业领军人才": 5.0, "高新技术企业总数": 400.0}


def test_targets_keep_cells_totals_and_headers_apart(built):
    space, _ = built
    (row,) = space.query(
        "select sum(target_value), any_value(annex2_total), any_value(annex2_header), any_value(district_target)"
        " from marts.fct_target where measure_code = 'I02'"
    )
    assert row == (100.0, 100.0, 94.0, 94.0)
    slash = space.query(
        "select is_allocated, target_value from marts.fct_target where measure_code = 'I08' and unit_code = 'S01'"
    )
    assert slash == [(False, None)]
    sole = space.query(
        "select unit_name, target_value, basis from marts.fct_target where measure_code = 'I07'"
    )
    assert sole == [("区科经局", 28.0, "sole_owner")]


def test_owners_keep_both_sources(built):
    space, _ = built
    owners = space.query(
        "select role, source_doc, unit_code from marts.fct_owner where measure_code = 'T02' and role != 'responsible'"
        " order by role"
    )
    assert owners == [("lead", "正文", "D02"), ("sole_owner", "备注", "P06")]


def test_owners_cover_all_eighteen_sections_of_main_text_two(built):
    space, _ = built
    # 正文 二 has 18 sections, each closing with its 牵头单位/责任单位 line: 3 + 4 + 3 + 4 + 4.
    (sections,) = space.query("select count(distinct source) from marts.fct_owner where source_doc = '正文'")
    assert sections == (18,)
    leads = dict(
        space.query(
            "select source, string_agg(distinct unit_code, ',' order by unit_code) from marts.fct_owner"
            " where source_doc = '正文' and role = 'lead' group by 1"
        )
    )
    assert leads["正文 二(四) 加强知识产权强区建设"] == "D15"  # 区市场监管局
    assert leads["正文 二(五) 持续优化创新创业环境"] == "D03"  # 区发改局
    for section in (
        "打造网络安全技术创新引领区",
        "打造数字经济发展的安全保障平台",
        "打造网络安全人才培养高地",
    ):
        assert leads[f"正文 二(一) {section}"] == "P06"  # 区现代服务业办
    responsible = {
        row[0]
        for row in space.query(
            "select unit_code from marts.fct_owner where role = 'responsible'"
            " and source = '正文 二(五) 持续优化创新创业环境'"
        )
    }
    # 区科经局、区行政审批局、区工商联、区科协，各街道办、产业办
    assert {"D02", "D18", "D19", "D07"} <= responsible and len(responsible) == 4 + 11 + 6
    # sections without a numeric target are tasks without a measure
    no_measure = space.query(
        "select count(distinct item_code) from marts.fct_owner where measure_code is null"
    )
    assert no_measure == [(7,)]


def test_every_named_deliverable_is_kept(built):
    space, _ = built
    (row,) = space.query(
        "select count(*), count(*) filter (where not has_owning_unit) from marts.dim_deliverable"
    )
    assert row == (34, 3)
    unowned = space.query(
        "select deliverable_name, unit_name from marts.dim_deliverable where unit_code is null order by 1"
    )
    assert unowned == [
        ("网安基地数字化运营平台", "未明确责任单位"),
        ("网络安全学院一手通系统", "未明确责任单位"),
        ("航天科工智能运筹与信息安全研究院", "未明确责任单位"),
    ]
    findings = " ".join(_findings(space, "expect_deliverable_has_owner"))
    for code in ("D-I10-09", "D-T01-06", "D-T01-07"):
        assert code in findings


def test_dim_period_gives_due_dates_and_elapsed_share(built):
    space, _ = built
    june = space.query(
        "select first_day, last_day, due_date, elapsed_share from marts.dim_period where period = '2021-06'"
    )
    assert [tuple(str(v) for v in june[0])] == [("2021-06-01", "2021-06-30", "2021-07-04", "0.5")]


def _findings(space, check):
    return [
        r[0] for r in space.query("select message_zh from audit.check_findings where check_name = ?", [check])
    ]


def test_known_contradictions_are_warnings_with_their_numbers(built):
    space, outcome = built
    warned = {c.name for c in outcome.checks if not c.passed}
    assert all(c.severity == "WARN" for c in outcome.checks if not c.passed)
    assert _findings(space, "expect_unit_cells_sum_to_annex2_total") == [
        "举办人工智能活动（T01-4）：附件2各单位分解之和为 7，合计行为 5。"
    ]
    header = _findings(space, "expect_annex2_total_matches_header")
    assert "高新技术企业净增数（I02）：附件2合计行为 100，列标题为 94。" in header
    assert any("科技成果转化对接活动场次（I08）" in f and "12" in f and "10" in f for f in header)
    assert any("（I09）" in f and "72" in f and "60" in f for f in header)
    assert _findings(space, "expect_annex2_total_covers_district_target") == [
        "发布人工智能场景（T01-2）：附件2合计为 5，低于附件1全区目标 6。"
    ]
    disagree = " ".join(_findings(space, "expect_lead_sources_agree"))
    for item in ("T02", "T03", "T05", "T07", "T09"):
        assert item in disagree
    assert {"expect_item_has_a_lead", "expect_single_main_text_lead"} <= warned


def test_integrity_checks_pass_and_rates_are_never_summed(built):
    space, outcome = built
    errors = [c for c in outcome.checks if c.severity == "ERROR"]
    assert errors and all(c.passed for c in errors)
    assert space.query(
        "select unit_sum from intermediate.int_target_reconciliation where line_code = 'I01'"
    ) == [(None,)]
