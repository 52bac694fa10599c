// ReportsMessages: reports' entries in the message catalogue (assay/Message.hpp): the reasons of
// the checks before issue (ReportChecks, R1-R33). Listed by ReportsModule::messages.
#pragma once

#include <vector>

#include "assay/Message.hpp"

namespace assay::reports::msg {

inline constexpr MessageDef kCmaNotAsked{"report.check.cma_not_asked", "客户未要求加盖 CMA 标志", "the customer did not ask for the CMA mark"};
inline constexpr MessageDef kCmaInvalid{"report.check.cma_invalid", "CMA 资质认定证书在 {date} 的状态为“{status}”：报告不加盖 CMA 标志",
                                        "the CMA certificate is {status} on {date}: the report is issued without the CMA mark"};
inline constexpr MessageDef kCmaInvalidBecause{"report.check.cma_invalid_because",
                                               "CMA 资质认定证书在 {date} 的状态为“{status}”（{reason}）：报告不加盖 CMA 标志",
                                               "the CMA certificate is {status} on {date} ({reason}): the report is issued without the CMA mark"};
inline constexpr MessageDef kCmaNoneInside{"report.check.cma_none_inside", "没有结果在 CMA 资质认定范围内：报告不加盖 CMA 标志",
                                           "no result is inside the CMA scope: the report is issued without the CMA mark"};
inline constexpr MessageDef kCmaOutsideBlock{"report.check.cma_outside_block", "{count} 个结果不在 CMA 资质认定范围内，按“阻止”策略不加盖 CMA 标志（{lines}）",
                                             "{count} result(s) outside the CMA scope under the block policy: no CMA mark ({lines})"};
inline constexpr MessageDef kCmaOk{"report.check.cma_ok", "CMA 资质认定证书有效，所有结果均在资质认定范围内",
                                   "CMA certificate valid and every result inside the CMA scope"};
inline constexpr MessageDef kCmaOutsideFlag{"report.check.cma_outside_flag",
                                            "按“标注”策略加盖 CMA 标志：{count} 个结果加星号并脚注“不在资质认定范围内”（{lines}）",
                                            "CMA mark under the flag policy: {count} result(s) starred with the footnote 不在资质认定范围内 ({lines})"};
inline constexpr MessageDef kCnasNotAsked{"report.check.cnas_not_asked", "客户未要求加盖 CNAS 标志", "the customer did not ask for the CNAS mark"};
inline constexpr MessageDef kNoCnasMark{"report.check.no_cnas_mark", "不加盖 CNAS 标志", "no CNAS mark"};
inline constexpr MessageDef kCnasInvalid{"report.check.cnas_invalid", "CNAS 认可在 {date} 的状态为“{status}”：报告不加盖 CNAS 标志",
                                         "the CNAS accreditation is {status} on {date}: the report is issued without the CNAS mark"};
inline constexpr MessageDef kCnasInvalidBecause{"report.check.cnas_invalid_because",
                                                "CNAS 认可在 {date} 的状态为“{status}”（{reason}）：报告不加盖 CNAS 标志",
                                                "the CNAS accreditation is {status} on {date} ({reason}): the report is issued without the CNAS mark"};
inline constexpr MessageDef kCnasNoneInside{"report.check.cnas_none_inside", "没有结果在 CNAS 认可范围内：报告不加盖 CNAS 标志",
                                            "no result is inside the CNAS scope: the report is issued without the CNAS mark"};
inline constexpr MessageDef kCnasOk{"report.check.cnas_ok", "CNAS 认可有效，所有结果均在认可范围内", "CNAS accreditation valid and every result accredited"};
inline constexpr MessageDef kCnasOutside{"report.check.cnas_outside", "{count} 个结果标注“不在 CNAS 认可范围内”（{lines}）",
                                         "{count} result(s) starred \"not in CNAS scope\" ({lines})"};
inline constexpr MessageDef kIlacNotPermitted{"report.check.ilac_not_permitted", "实验室未获准使用 ILAC-MRA 联合标志：仅加盖 CNAS 标志",
                                              "the lab is not permitted the ILAC-MRA combined mark: the CNAS mark alone"};
inline constexpr MessageDef kIlacOutside{"report.check.ilac_outside", "有认可结果不在 ILAC-MRA 覆盖领域内：仅加盖 CNAS 标志",
                                         "an accredited result lies outside the ILAC-MRA covered fields: the CNAS mark alone"};
inline constexpr MessageDef kIlacOk{"report.check.ilac_ok", "使用 ILAC-MRA 联合标志：所有认可结果均在覆盖领域内",
                                    "ILAC-MRA combined mark: every accredited result in a covered field"};
inline constexpr MessageDef kNoMarkAdded{"report.check.amendment_no_mark_added", "未增加第 {number} 号报告原有标志以外的标志",
                                         "no mark added to what report No. {number} carried"};
inline constexpr MessageDef kMarkDropped{"report.check.amendment_mark_dropped",
                                         "第 {number} 号报告发出时未加盖 {marks} 标志：更正报告不能增加该标志，将不加盖该标志发出",
                                         "report No. {number} was issued without the {marks} mark: it cannot be added by an amendment, which is issued without it"};
inline constexpr MessageDef kNoResults{"report.check.no_results", "报告没有任何结果", "the report has no results"};
inline constexpr MessageDef kMissing{"report.check.results_missing", "尚无结果：{missing}", "no result yet: {missing}"};
inline constexpr MessageDef kUnapproved{"report.check.results_unapproved", "未批准：{unapproved}", "not approved: {unapproved}"};
inline constexpr MessageDef kMissingUnapproved{"report.check.results_missing_unapproved", "尚无结果：{missing}；未批准：{unapproved}",
                                               "no result yet: {missing}; not approved: {unapproved}"};
inline constexpr MessageDef kAllApproved{"report.check.all_approved", "所有结果均已批准", "every result approved"};
inline constexpr MessageDef kNoRaw{"report.check.no_raw_data", "缺少原始数据：{lines}", "no raw data: {lines}"};
inline constexpr MessageDef kRawOk{"report.check.raw_data_ok", "所有结果均关联原始数据", "every result links its raw data"};
inline constexpr MessageDef kTampered{"report.check.tampered", "有结果与其审计记录不符（在 Assay 之外被修改）：{lines}",
                                      "a result no longer matches its audit record (changed outside Assay): {lines}"};
inline constexpr MessageDef kContentMissing{"report.check.content_missing", "缺少 7.8.2.1 规定的内容：{items}", "7.8.2.1 content missing: {items}"};
inline constexpr MessageDef kContentOk{"report.check.content_ok", "7.8.2.1 a–p 各项内容齐全，或已注明不适用及理由",
                                       "every 7.8.2.1 a–p item present or not applicable with its reason"};
inline constexpr MessageDef kMuUnknown{"report.check.mu_unknown", "须打印测量不确定度但尚未获得：{lines}",
                                       "the measurement uncertainty must be printed and is not known: {lines}"};
inline constexpr MessageDef kMuAll{"report.check.mu_all", "所有结果均打印测量不确定度", "MU printed for every result"};
inline constexpr MessageDef kMuStraddle{"report.check.mu_straddle", "跨越限值的结果均已打印测量不确定度", "MU printed where a limit is straddled"};
inline constexpr MessageDef kNoDecisionRule{"report.check.no_decision_rule", "符合性判定未注明判定规则：{lines}",
                                            "a conformity statement without its decision rule: {lines}"};
inline constexpr MessageDef kDecisionRulesOk{"report.check.decision_rules_ok", "所有符合性判定均注明了判定规则",
                                             "every conformity statement names its decision rule"};
inline constexpr MessageDef kNotReported{"report.check.not_reported", "已委托但未列入报告（尚无检测项目）：{lines}",
                                         "ordered but not on the report (no test item yet): {lines}"};
inline constexpr MessageDef kAllReported{"report.check.all_reported", "所有委托项目均已报告", "every ordered item is reported"};
inline constexpr MessageDef kAllReportedExclusions{"report.check.all_reported_exclusions", "所有委托项目均已报告；另列出 {count} 项经客户同意的排除",
                                                   "every ordered item is reported; {count} agreed exclusion(s) printed"};
inline constexpr MessageDef kNoSignatory{"report.check.no_signatory", "未选择授权签字人", "no signatory chosen"};
inline constexpr MessageDef kSignatoryOk{"report.check.signatory_ok", "{name} 可签发 {date} 的全部结果", "{name} may sign every result on {date}"};
inline constexpr MessageDef kSignatoryRefused{"report.check.signatory_refused", "{name} 不能签发本报告：{reasons}",
                                              "{name} may not sign this report: {reasons}"};

inline std::vector<const MessageDef*> all() {
    return {&kCmaNotAsked,   &kCmaInvalid,      &kCmaInvalidBecause, &kCmaNoneInside,   &kCmaOutsideBlock,
            &kCmaOk,         &kCmaOutsideFlag,  &kCnasNotAsked,      &kNoCnasMark,      &kCnasInvalid,
            &kCnasInvalidBecause, &kCnasNoneInside, &kCnasOk,        &kCnasOutside,     &kIlacNotPermitted,
            &kIlacOutside,   &kIlacOk,          &kNoMarkAdded,       &kMarkDropped,     &kNoResults,
            &kMissing,       &kUnapproved,      &kMissingUnapproved, &kAllApproved,     &kNoRaw,
            &kRawOk,         &kTampered,        &kContentMissing,    &kContentOk,       &kMuUnknown,
            &kMuAll,         &kMuStraddle,      &kNoDecisionRule,    &kDecisionRulesOk, &kNotReported,
            &kAllReported,   &kAllReportedExclusions, &kNoSignatory, &kSignatoryOk,     &kSignatoryRefused};
}

}  // namespace assay::reports::msg
