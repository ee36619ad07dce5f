"""Words of the CBAM outputs in English and Chinese (one table, both languages)."""

from __future__ import annotations

LANGS = ("en", "zh")

_T: dict[str, tuple[str, str]] = {
    "title": ("CBAM embedded emissions", "CBAM 隐含排放"),
    "basic": ("Installation and good", "设施与货物"),
    "product": ("Product", "产品"),
    "company": ("Company", "企业"),
    "installation": ("Installation", "设施"),
    "country": ("Country", "国家"),
    "city": ("City", "城市"),
    "period": ("Reporting period", "报告期"),
    "rules_period": ("Rules applied", "适用规则"),
    "definitive": (
        "definitive period (goods imported from 2026; Regulation (EU) 2023/956, "
        "Implementing Regulation (EU) 2025/2547)",
        "正式期（2026 年起进口的货物；法规 (EU) 2023/956、实施条例 (EU) 2025/2547）",
    ),
    "transitional": (
        "transitional period (Implementing Regulation (EU) 2023/1773)",
        "过渡期（实施条例 (EU) 2023/1773）",
    ),
    "category": ("Aggregated goods category", "汇总货物类别"),
    "route": ("Production route", "生产路线"),
    "cn": ("CN code", "CN 编码"),
    "process": ("Production process", "生产工艺"),
    "boundary": ("Installation boundary", "设施边界"),
    "wb_processes": (
        "Workbook processes (one CBAM production process, R18)",
        "清单中的工序（合为一个 CBAM 生产工艺，R18）",
    ),
    "al": ("Activity level (t of good in the period)", "活动水平（报告期货物产量，t）"),
    "du": ("Declared unit of the figures", "数值所依据的声明单位"),
    "du_text": (
        "{du} (from the {origin}; the workbook says {workbook})",
        "{du}（取自{origin}；清单为 {workbook}）",
    ),
    "du_stored": ("stored product in project {project}", "项目 {project} 中存储的产品"),
    "du_workbook": ("workbook", "工厂清单"),
    "unlabelled": (
        "Exchanges without bw-alu metadata (added by hand), left out of CBAM",
        "无 bw-alu 元数据的交换（手工添加），不计入 CBAM",
    ),
    "al_unknown": (
        "not given (the workbook is per declared unit); SEE are exact per t",
        "未给出（清单按声明单位）；单位产品隐含排放按每吨精确计算",
    ),
    "summary": (
        "Specific embedded emissions (t CO2e per t of good)",
        "特定隐含排放（t CO2e/t 货物）",
    ),
    "item": ("Item", "项目"),
    "value": ("Value", "数值"),
    "formula": ("Formula", "公式"),
    "see_direct": ("SEE direct", "直接特定隐含排放"),
    "see_indirect": ("SEE indirect", "间接特定隐含排放"),
    "see_total": ("SEE total (direct + indirect)", "特定隐含排放合计（直接 + 间接）"),
    "see_counted": ("Counted for CBAM (rule R02)", "计入 CBAM（规则 R02）"),
    "attributed_direct": ("Attributed direct emissions of the installation", "设施归属直接排放"),
    "precursors_direct": ("Precursors, direct", "前体，直接"),
    "electricity_indirect": ("Electricity consumed, indirect", "消耗电力，间接"),
    "precursors_indirect": ("Precursors, indirect", "前体，间接"),
    "sum_items": ("sum of the in-scope direct items", "计入范围的直接排放项之和"),
    "sum_prec": ("sum over {n} precursor(s)", "{n} 种前体之和"),
    "rule_for": ("CBAM rule for {calculator}: {rule}", "CBAM 对 {calculator} 的规则：{rule}"),
    "annual": ("t CO2e in the period (x AL {al} t)", "报告期 t CO2e（× 活动水平 {al} t）"),
    "default_params": (
        "parameters from default tables (not measured)",
        "采用缺省参数（非实测）",
    ),
    "method": ("Method", "方法"),
    "method_text": (
        "SEE_direct = (AttrEm_dir + sum M_i x SEE_i,dir) / AL and SEE_indirect = "
        "(Em_el + sum M_i x SEE_i,ind) / AL, per tonne of good (Regulation (EU) 2023/956 "
        "Annex IV points 2 and 3; rules R03, R04). Direct emissions are the carbon "
        "footprint's direct-emission items (the same calculators, parameters and audit; as "
        "stored in the Brightway project when the product is imported there, see Sources), "
        "kept or left out by CBAM's scope (R06-R12). "
        "Indirect emissions are the electricity consumed x its emission factor (R13-R15). "
        "Precursors add their mass per t of good x their SEE from supplier data or the "
        "published default value (R16). In the definitive period only direct emissions are "
        "counted for aluminium (R02); indirect emissions are reported for information.",
        "直接特定隐含排放 = (设施归属直接排放 + Σ 前体质量 × 前体直接特定隐含排放) / 活动水平；"
        "间接特定隐含排放 = (电力间接排放 + Σ 前体质量 × 前体间接特定隐含排放) / 活动水平，按每吨货物"
        "（法规 (EU) 2023/956 附件 IV 第 2、3 点；规则 R03、R04）。直接排放取自碳足迹的直接排放项"
        "（相同的计算器、参数与审计记录；产品已导入 Brightway 项目时取其存储值，见来源），"
        "再按 CBAM 范围取舍（R06-R12）。间接排放 = 消耗电量 "
        "× 电力排放因子（R13-R15）。前体按每吨货物的用量 × 其供应商数据或官方缺省值（R16）。"
        "正式期内铝产品仅计直接排放（R02）；间接排放仅作报告。",
    ),
    "direct": ("Direct emissions by source stream", "按排放源流的直接排放"),
    "calculator": ("Source stream", "排放源流"),
    "scope": ("CBAM scope", "CBAM 范围"),
    "rule": ("Rule", "规则"),
    "reason": ("Reason", "理由"),
    "gases": ("Gases (kg per t of good)", "气体（kg/t 货物）"),
    "t_per_t": ("t CO2e/t", "t CO2e/t"),
    "in": ("in", "计入"),
    "out": ("out", "不计入"),
    "gwp": ("GWP100", "GWP100"),
    "indirect": ("Indirect emissions: electricity", "间接排放：电力"),
    "electricity": ("Electricity", "电力"),
    "mwh_per_t": ("MWh per t of good", "MWh/t 货物"),
    "source_type": ("Source type", "来源类型"),
    "factor": ("Emission factor (t CO2/MWh)", "排放因子（t CO2/MWh）"),
    "factor_source": ("Factor source", "因子来源"),
    "evidence": ("Evidence", "证明"),
    "precursors": ("Purchased precursors", "外购前体"),
    "none": ("none", "无"),
    "precursor": ("Precursor", "前体"),
    "data_source": ("Data source", "数据来源"),
    "supplier": ("supplier data", "供应商数据"),
    "default": ("default value", "缺省值"),
    "mass_per_t": ("t per t of good", "t/t 货物"),
    "see_prec_direct": ("SEE direct of precursor", "前体直接特定隐含排放"),
    "see_prec_indirect": ("SEE indirect of precursor", "前体间接特定隐含排放"),
    "contribution_direct": ("Direct contribution", "直接贡献"),
    "contribution_indirect": ("Indirect contribution", "间接贡献"),
    "source": ("Source", "来源"),
    "flags": ("Data quality and default values", "数据质量与缺省值"),
    "default_used": ("Default values used", "是否使用缺省值"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "default_share": ("Share of SEE total from default values", "缺省值占特定隐含排放合计的比例"),
    "el_types": ("Electricity source types", "电力来源类型"),
    "default_status": ("Status of a default value used", "所用缺省值的核实状态"),
    "gwp_note": (
        "GWP100 of CF4 and C2F6 for CBAM: those of Implementing Regulation (EU) 2025/2547 "
        "Annex II point G, Table 6, to which point B.7.3 refers (6630, 11100, the IPCC AR5 "
        "values; methods/cbam_gwp.csv, R09; partly confirmed: point G's own text not read); "
        "the CFP uses IPCC AR6 (7380, 12400), so the PFC CO2e here is lower than the CFP's",
        "CBAM 采用实施条例 (EU) 2025/2547 附件二 B.7.3 点所指 G 点表 6 的 CF4、C2F6 GWP100"
        "（6630、11100，即 IPCC AR5 数值；methods/cbam_gwp.csv，R09；部分核实：G 点原文未读到）；"
        "碳足迹采用 IPCC AR6（7380、12400），故此处 PFC 的 CO2e 低于碳足迹",
    ),
    "grid_note": (
        "Grid factors: a publicly available factor of the grid of the country of origin "
        "(transitional rule, R14); the definitive default factors are the country values of "
        "Implementing Regulation (EU) 2025/2621 Annex II, whose value for China was not found; "
        "for aluminium they only set the information figure (R02)",
        "电网因子：原产国电网公开发布的因子（过渡期规则，R14）；正式期缺省因子为实施条例 (EU) 2025/2621 "
        "附件二的国别值，未检索到其中国数值；铝产品的间接排放仅作报告（R02）",
    ),
    "period_rule": ("Reporting period and goods (R23)", "报告期与货物（R23）"),
    "period_rule_text": (
        "this SEE serves goods produced {start} to {end}; goods imported in {year} but produced "
        "later need the figures of the period of their production",
        "本特定隐含排放适用于 {start} 至 {end} 生产的货物；{year} 年进口但生产于其后的货物须采用其生产期的数值",
    ),
    "assumptions": ("Assumptions", "假设"),
    "rules": ("Rules applied and their sources", "适用规则及出处"),
    "act": ("Act", "法规"),
    "provision": ("Article / annex", "条款/附件"),
    "version": ("Version implemented", "实施版本"),
    "confidence": ("How the citation was checked", "引用核查情况"),
    "sources": ("Sources", "数据与法规来源"),
    "src_files": (
        "plant workbook: {workbook}; CBAM data: {cbam}",
        "工厂清单：{workbook}；CBAM 数据：{cbam}",
    ),
    "src_stored": (
        "quantities (direct-emission exchanges, electricity, precursor inputs): the stored "
        "graph in project {project} (as bw2data and Activity Browser show it), with the "
        "declared unit and production volume stored with the product; the workbook gives "
        "the CBAM sheets",
        "数量（直接排放交换、电力、前体输入）：取自项目 {project} 中存储的图（即 bw2data 与 "
        "Activity Browser 所显示的），声明单位与产量取自随产品存储的数据；CBAM 表取自工厂清单",
    ),
    "src_workbook": (
        "quantities: the plant workbook, computed by the CFP's calculators",
        "数量：取自工厂清单，按碳足迹的计算器计算",
    ),
    "src_params": (
        "direct-emission parameters and defaults: the workbook's direct_emissions sheet and "
        "methods/*.csv (as in the CFP)",
        "直接排放参数及缺省值：清单 direct_emissions 表与 methods/*.csv（与碳足迹相同）",
    ),
    "src_gwp": (
        "GWP100 for CBAM: methods/cbam_gwp.csv (IPCC AR5); the CFP's direct items use IPCC AR6 "
        "as implemented in IPCC 2021, bw2io 0.9.17 (ecoinvent LCIA v3.9)",
        "CBAM 的 GWP100：methods/cbam_gwp.csv（IPCC AR5）；碳足迹直接排放采用 IPCC AR6，"
        "取自 bw2io 0.9.17 的 IPCC 2021（ecoinvent LCIA v3.9）",
    ),
    "not_covered": ("Not covered", "未涵盖"),
    "not_covered_text": (
        "Carbon price paid in the country of origin (Article 9); free-allocation benchmarks "
        "and the CBAM certificate obligation; China's definitive grid factor of Implementing "
        "Regulation (EU) 2025/2621 Annex II (not found through search); default values for countries "
        "other than China (methods/cbam_default_values.csv holds China's aluminium rows, read "
        "in the Commission's default-values workbook); whether the default-value mark-up "
        "applies to a precursor inside the operator's SEE (applied, conservatively, R21); "
        "several production processes "
        "in one installation (one process is assumed, R18); verification by an accredited "
        "verifier.",
        "原产国已支付碳价（第 9 条）；免费配额基准与 CBAM 证书义务；实施条例 (EU) 2025/2621 "
        "附件二中国的正式期电网因子（检索未获得）；中国以外国家的缺省值（methods/cbam_default_values.csv "
        "仅含中国铝产品数值，取自欧盟委员会缺省值工作簿）；缺省值加成是否适用于经营者特定隐含排放中的前体"
        "（从严计入，R21）；"
        "同一设施多个生产工艺（假定单一工艺，R18）；认可核查机构的核查。",
    ),
    "rounding": (
        "Figures shown to 4 decimals (summary to 3); the json holds full precision (R20).",
        "数值显示 4 位小数（汇总 3 位）；json 保留全部精度（R20）。",
    ),
}


# Words of the precursor formulas (calculate._precursor_formula, kept in English in the
# json) and their Chinese in the zh report.
PRECURSOR_FORMULA_ZH = (
    ("no indirect default value given (0)", "未给出间接缺省值（0）"),
    ("(indirect)", "（间接）"),
    ("(direct)", "（直接）"),
    ("import year", "进口年份"),
)


def precursor_formula(text: str, lang: str) -> str:
    """A precursor's formula line in the report's language."""
    if lang == "zh":
        for en, zh in PRECURSOR_FORMULA_ZH:
            text = text.replace(en, zh)
    return text


def t(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` (``en`` or ``zh``)."""
    return _T[key][LANGS.index(lang)]
