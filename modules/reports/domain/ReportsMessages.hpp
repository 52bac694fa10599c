// ReportsMessages: reports' entries in the message catalogue (assay/Message.hpp): the reasons of
// the checks before issue (ReportChecks, R1-R36), the 7.8.2.1 contents list (R27), and the errors
// of drafts, signing, batch issue, amendments, withdrawal, disposal and the draft preview.
// Listed by ReportsModule::messages.
#pragma once

#include <string>
#include <vector>

#include "assay/Message.hpp"
#include "assay/accreditation/QualificationStatus.hpp"
#include "assay/testing/ResultStatus.hpp"
#include "domain/Report.hpp"

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

// Lists inside a message: "a, b, c and 2 more"; two parts joined (a list of messages).
inline constexpr MessageDef kAndMore{"report.list.and_more", "{names} 等（另有 {count} 项）", "{names} and {count} more"};
inline constexpr MessageDef kListTwo{"report.list.two", "{first}；{rest}", "{first}, {rest}"};
inline constexpr MessageDef kNotAsked{"report.check.not_asked", "未查询", "not asked"};
inline constexpr MessageDef kSchemeRefused{"report.check.scheme_refused", "{scheme}：{reason}", "{scheme}: {reason}"};

// R31, R6, R34, R35, R36.
inline constexpr MessageDef kNoSubcontract{"report.check.no_subcontract", "没有分包项目", "no item subcontracted"};
inline constexpr MessageDef kSubcontractUndispatched{"report.check.subcontract_undispatched",
                                                     "分包项目没有分包方接受或发出的记录：{lines}",
                                                     "subcontracted without the receiving lab's acceptance or dispatch on record: {lines}"};
inline constexpr MessageDef kSubcontractListed{"report.check.subcontract_listed", "分包结果已注明分包方：{lines}",
                                               "subcontracted results listed with the receiving lab: {lines}"};
inline constexpr MessageDef kR6Refused{"report.check.cma_judgement_outside",
                                       "加盖 CMA 标志的报告中，有依据不在资质认定范围内的标准作出的符合性判定：{lines}（请删除该判定，或不加盖 CMA 标志出具）",
                                       "a conformity statement under the CMA mark against a standard outside the CMA scope: {lines} "
                                       "(remove the judgement, or issue without the CMA mark)"};
inline constexpr MessageDef kR6Against{"report.check.line_against", "{line} 依据 {standard}", "{line} against {standard}"};
inline constexpr MessageDef kR6NoJudgement{"report.check.no_standard_judgement", "没有依据标准作出的符合性判定",
                                           "no conformity statement against a standard"};
inline constexpr MessageDef kR6Ok{"report.check.judgements_in_scope", "所有符合性判定所依据的标准均在 CMA 资质认定范围内，或为限量标准",
                                  "every conformity statement is against a standard in the CMA scope or a limit standard"};
inline constexpr MessageDef kNoCmaMark{"report.check.no_cma_mark", "不加盖 CMA 标志", "no CMA mark"};
inline constexpr MessageDef kEnglishOnlyCma{"report.check.english_only_cma", "纯英文报告加盖 CMA 标志（默认应出具中英文报告）",
                                            "an English-only report with the CMA mark (bilingual is the default)"};
inline constexpr MessageDef kLanguage{"report.check.language", "报告语言：{language}", "language {language}"};
inline constexpr MessageDef kLanguageNames[] = {
    {"report.language.zh", "中文", "zh"},
    {"report.language.en", "英文", "en"},
    {"report.language.bilingual", "中英文", "bilingual"},
};
inline constexpr MessageDef kNoAmendmentReason{"report.check.amendment_no_reason", "更正报告须注明更正原因", "an amendment states its reason"};
inline constexpr MessageDef kAmendmentReplaces{"report.check.amendment_replaces", "替代第 {number} 号报告（{cause}：{reason}）；列出 {count} 处更改",
                                               "replaces report No. {number} ({cause}: {reason}); {count} change(s) printed"};
inline constexpr MessageDef kCauseNames[] = {
    {"report.cause.error", "差错", "error"},
    {"report.cause.omission", "遗漏", "omission"},
    {"report.cause.customer_request", "客户要求", "customer_request"},
    {"report.cause.other", "其他", "other"},
};
inline constexpr MessageDef kWhatRemovesAndChanges{"report.amendment.removes_and_changes", "删除了结果并更改了结论",
                                                   "removes results and changes a conclusion"};
inline constexpr MessageDef kWhatRemoves{"report.amendment.removes", "删除了结果", "removes results"};
inline constexpr MessageDef kWhatChanges{"report.amendment.changes", "更改了结论", "changes a conclusion"};
inline constexpr MessageDef kNothingToApprove{"report.check.amendment_nothing_removed", "未删除结果，也未更改结论",
                                              "no result removed and no conclusion changed"};
inline constexpr MessageDef kCauseNotEnough{"report.check.amendment_cause_not_enough",
                                            "本次更正{what}：须以有记录的差错或遗漏为原因，“{cause}”不属于此类（仅凭客户要求不够）",
                                            "the amendment {what}: that needs a documented error or omission as its cause, and '{cause}' is "
                                            "not one (a customer request alone is not enough)"};
inline constexpr MessageDef kApprovalStale{"report.check.amendment_approval_stale", "本次更正{what}，且在 {who} 批准后更改内容又有变动：须由技术负责人重新批准",
                                           "the amendment {what} and its changes moved after {who} approved them: the technical manager approves again"};
inline constexpr MessageDef kApprovalNeeded{"report.check.amendment_approval_needed", "本次更正{what}：须经技术负责人批准",
                                            "the amendment {what}: the technical manager's approval is needed"};
inline constexpr MessageDef kApproved{"report.check.amendment_approved", "本次更正{what}（{cause}），已由 {who} 批准",
                                      "the amendment {what} ({cause}), approved by {who}"};

// R27: the 7.8.2.1 items a-p (ReportChecksView::contents).
inline constexpr MessageDef kItemA{"report.content.a", "标题：检验检测报告 / Test Report", "title 检验检测报告 / Test Report"};
inline constexpr MessageDef kItemB{"report.content.b", "检验检测机构的名称和地址", "the lab's name and address"};
inline constexpr MessageDef kItemBMissing{"report.content.b_missing", "机构信息中没有实验室地址", "the lab has no address on record (organization address)"};
inline constexpr MessageDef kItemC{"report.content.c", "检测地点：{site}", "site: {site}"};
inline constexpr MessageDef kItemCMissing{"report.content.c_missing", "委托单未写明检测地点", "the order names no site where the work was done"};
inline constexpr MessageDef kItemD{"report.content.d", "每页有报告编号、第x页 共y页及（报告结束）标识",
                                   "the number on every page, 第x页 共y页, （报告结束）"};
inline constexpr MessageDef kItemE{"report.content.e", "委托单位及其联系人", "the customer and its contact"};
inline constexpr MessageDef kItemEMissing{"report.content.e_missing", "委托单没有委托方联系人", "the order has no customer contact"};
inline constexpr MessageDef kItemF{"report.content.f", "各检测方法及其年代号（和条款）", "each method with its year (and clause)"};
inline constexpr MessageDef kItemFMissing{"report.content.f_missing", "检测方法未注明年代号：{lines}", "no method with its year: {lines}"};
inline constexpr MessageDef kItemG{"report.content.g", "各样品的描述及收样时的状态", "each sample's description and condition on receipt"};
inline constexpr MessageDef kItemGMissing{"report.content.g_missing", "未记录收样时的样品状态：{samples}", "no condition on receipt: {samples}"};
inline constexpr MessageDef kItemH{"report.content.h", "各样品的接收日期", "each sample's receipt date"};
inline constexpr MessageDef kItemHMissing{"report.content.h_missing", "样品尚未接收：{samples}", "not received: {samples}"};
inline constexpr MessageDef kItemI{"report.content.i", "检测日期", "the test dates"};
inline constexpr MessageDef kItemIMissing{"report.content.i_missing", "没有检测日期：{lines}", "no test date: {lines}"};
inline constexpr MessageDef kItemJ{"report.content.j", "签发日期，签发时由服务器确定", "the issue date, set by the server at signing"};
inline constexpr MessageDef kItemKSampled{"report.content.k_sampled", "由本实验室抽样，但本系统尚不保存抽样记录",
                                          "the lab sampled, and sampling records are not kept in Assay yet"};
inline constexpr MessageDef kItemKNotApplicable{"report.content.k_not_applicable",
                                                "不适用：本实验室未抽样；报告注明检测结果仅对来样负责（R28）",
                                                "not applicable: the lab did not sample; the report states the results apply to the samples as "
                                                "received (R28)"};
inline constexpr MessageDef kItemL{"report.content.l", "“检测结果仅对来样负责”的声明", "\"the results relate only to the items tested\""};
inline constexpr MessageDef kItemM{"report.content.m", "检测结果及其计量单位", "the results with their units"};
inline constexpr MessageDef kItemNNotApplicable{"report.content.n_not_applicable", "不适用：没有增加、偏离或排除的内容",
                                                "not applicable: no addition, deviation or exclusion"};
inline constexpr MessageDef kItemN{"report.content.n", "已列出 {count} 项偏离或排除", "{count} deviation(s) or exclusion(s) printed"};
inline constexpr MessageDef kItemO{"report.content.o", "授权签字人及其电子签名", "the signatory and the electronic signature"};
inline constexpr MessageDef kItemPNotApplicable{"report.content.p_not_applicable", "不适用：没有由外部供方提供的结果",
                                                "not applicable: no result comes from an external provider"};
inline constexpr MessageDef kItemP{"report.content.p", "已标明外部供方提供的结果：{lines}", "results of external providers identified: {lines}"};
inline constexpr MessageDef kContentAbsent{"report.content.absent", "{item}) {text}", "{item}) {text}"};

// The result states named in R32's reason.
inline constexpr MessageDef kResultStatusNames[] = {
    {"report.result_status.entered", "已录入", "entered"},
    {"report.result_status.checked", "已复核", "checked"},
    {"report.result_status.approved", "已批准", "approved"},
    {"report.result_status.invalidated", "已作废", "invalidated"},
};
inline constexpr MessageDef kLineWhy{"report.check.line_why", "{line}（{reason}）", "{line} ({reason})"};
inline constexpr MessageDef kNoSuchMethod{"report.check.no_such_method", "检测依据中没有该方法", "no such method in the register"};
inline constexpr MessageDef kSubcontractedTo{"report.check.subcontracted_to", "R31：已分包给 {lab}", "R31: subcontracted to {lab}"};
inline constexpr MessageDef kLineState{"report.check.line_state", "{line}（{status}）", "{line} ({status})"};

// The lab's CMA certificate / CNAS accreditation on the date, named in R1's and R7's reasons.
inline constexpr MessageDef kCertificateStatusNames[] = {
    {"report.certificate_status.valid", "有效", "valid"},
    {"report.certificate_status.suspended", "暂停", "suspended"},
    {"report.certificate_status.revoked", "撤销", "revoked"},
    {"report.certificate_status.expired", "过期", "expired"},
    {"report.certificate_status.not_yet_valid", "尚未生效", "not_yet_valid"},
    {"report.certificate_status.none", "无证书", "none"},
};

// Report states, shown inside the messages below.
inline constexpr MessageDef kStatusNames[] = {
    {"report.status.draft", "草稿", "draft"},
    {"report.status.issued", "已签发", "issued"},
    {"report.status.superseded", "已被替代", "superseded"},
    {"report.status.withdrawn", "已撤回", "withdrawn"},
    {"report.status.discarded", "已废弃", "discarded"},
};

// Drafts, signing, disposal.
inline constexpr MessageDef kOrderRequired{"report.order_required", "必填：出具报告所依据的已接受委托单",
                                           "required: the accepted order the report is for"};
inline constexpr MessageDef kNotSampleOfOrder{"report.not_sample_of_order", "{sample} 不是委托单 {order} 中有待报告项目的样品",
                                              "{sample} is not a sample of order {order} with items to report"};
inline constexpr MessageDef kNothingToReport{"report.order_nothing_to_report", "该委托单没有需要出具报告的项目", "the order has no items to report"};
inline constexpr MessageDef kReportChanged{"report.changed", "报告已被他人修改，请刷新后重试", "the report was changed by someone else"};
inline constexpr MessageDef kSignatoryNotUser{"report.signatory_not_user", "不是本实验室的在职用户", "not an active user of this lab"};
inline constexpr MessageDef kSignatoryRequired{"report.signatory_required", "必填：签字人的用户 ID；清除签字人请填 null",
                                               "required: a user id, or null to clear it"};
inline constexpr MessageDef kKeepsSignatory{"report.keeps_signatory", "“{status}”的报告不能更换签字人", "an {status} report keeps its signatory"};
inline constexpr MessageDef kDateFormat{"report.date_format", "日期格式应为 YYYY-MM-DD", "YYYY-MM-DD"};
inline constexpr MessageDef kNotIssuedYet{"report.not_issued_yet", "报告尚未签发", "the report is not issued yet"};
inline constexpr MessageDef kOnlyDraftIssued{"report.only_draft_issued", "报告当前为“{status}”：只有草稿可以签发",
                                             "the report is {status}: only a draft is issued"};
inline constexpr MessageDef kNotTheSignatory{"report.not_the_signatory", "只有所选的授权签字人本人才能用自己的密钥签发：不能代他人签发",
                                             "only the chosen signatory signs, with their own key: there is no signing on behalf of another person"};
inline constexpr MessageDef kNoSigningKey{"report.no_signing_key", "您还没有签名密钥：请先生成签名密钥（POST /api/signing/keys）",
                                          "you have no signing key yet: make one first (POST /api/signing/keys)"};
inline constexpr MessageDef kResultChangedWhileSigning{"report.result_changed_while_signing", "签发过程中报告的某项结果发生了变化：请重新核查",
                                                       "a result of the report changed while it was being signed: check it again"};
inline constexpr MessageDef kAmendedNotIssued{"report.amended_not_issued", "被更正的报告已不是有效的签发状态（{status}）",
                                              "the amended report is no longer issued ({status})"};
inline constexpr MessageDef kAmendedGone{"report.amended_gone", "被更正的报告已不存在", "the amended report is no longer issued (gone)"};
inline constexpr MessageDef kKeyOldPassword{"report.key_old_password", "您的签名密钥是用以前的密码生成的：请重新生成签名密钥",
                                            "your signing key was made with an earlier password: make a new key"};
inline constexpr MessageDef kAmendedChanged{"report.amended_changed", "被更正的报告在此期间已被修改", "the amended report was changed meanwhile"};
inline constexpr MessageDef kAmendedContentGone{"report.amended_content_gone", "无法读取被更正报告的内容", "the amended report's content is not available"};
inline constexpr MessageDef kRetained{"report.retained_until", "第 {number} 号报告须保存至 {until}（签发日期 {issued}），{today} 不能删除",
                                      "report {number} is kept until {until} (issued {issued}); it cannot be deleted on {today}"};
inline constexpr MessageDef kPdfRequired{"report.pdf_required", "必填：请上传报告 PDF 文件", "required: the PDF file"};

// Amendments, withdrawal, disclosure (R35, R36, R38).
inline constexpr MessageDef kAmendReasonRequired{"report.amend_reason_required", "必填：更正已签发报告的原因（将打印在更正报告上，R35）",
                                                 "required: why the issued report is amended (printed on the amendment, R35)"};
inline constexpr MessageDef kAmendCause{"report.amend_cause_invalid", "应为差错、遗漏、客户要求或其他",
                                        "one of error, omission, customer_request, other"};
inline constexpr MessageDef kOnlyIssuedAmended{"report.only_issued_amended", "只有已签发的报告才能更正；该报告为“{status}”",
                                               "only an issued report is amended; this one is {status}"};
inline constexpr MessageDef kOnlyIssuedAmendedBy{"report.only_issued_amended_by", "只有已签发的报告才能更正；该报告为“{status}”，已被第 {number} 号报告替代（请更正该报告）",
                                                 "only an issued report is amended; this one is {status} by {number} (amend that one)"};
inline constexpr MessageDef kAmendmentInProgress{"report.amendment_in_progress", "第 {number} 号报告已有一份正在起草的更正报告（报告 {draft}）",
                                                 "an amendment of report {number} is already being drafted (report {draft})"};
inline constexpr MessageDef kOnlyAmendmentApproved{"report.only_amendment_approved", "只有更正报告草稿需要批准", "only an amendment draft is approved"};
inline constexpr MessageDef kNothingToApproveR36{"report.amendment_nothing_to_approve", "本次更正既未删除结果也未更改结论：无需批准",
                                                 "the amendment neither removes results nor changes a conclusion: there is nothing to approve"};
inline constexpr MessageDef kNotOwnAmendment{"report.amendment_not_own", "技术负责人只能批准他人起草的更正报告，不能批准自己的",
                                             "the technical manager approves someone else's amendment, not their own"};
inline constexpr MessageDef kChangesMoved{"report.amendment_changes_moved", "您审阅后更正内容又有变动：请重新审阅",
                                          "the amendment's changes moved since you reviewed them: review them again"};
inline constexpr MessageDef kAmendmentNotDraft{"report.amendment_not_draft", "该更正报告已不是草稿", "the amendment is no longer a draft"};
inline constexpr MessageDef kWithdrawReasonRequired{"report.withdraw_reason_required", "必填：撤回报告的原因", "required: why the report is withdrawn"};
inline constexpr MessageDef kOnlyIssuedWithdrawn{"report.only_issued_withdrawn", "只有已签发的报告才能撤回；该报告为“{status}”",
                                                 "only an issued report is withdrawn; this one is {status}"};
inline constexpr MessageDef kConsentByRequired{"report.consent_by_required", "必填：代表客户同意公开的人员（R38）",
                                               "required: who consented for the customer (R38)"};
inline constexpr MessageDef kConsentRefRequired{"report.consent_ref_required", "必填：客户的书面同意文件（R38）",
                                                "required: the customer's written consent (R38)"};
inline constexpr MessageDef kOnlyIssuedPublic{"report.only_issued_public", "只有已签发的报告才能公开验证", "only an issued report is verified in public"};
inline constexpr MessageDef kConsentRecorded{"report.consent_recorded", "已记录客户的同意", "the customer's consent is recorded already"};

// Batch issue.
inline constexpr MessageDef kBatchRequired{"report.batch_required", "必填：请选择要签发的报告草稿", "required: the drafts to issue"};
inline constexpr MessageDef kBatchTooMany{"report.batch_too_many", "每批最多签发 {max} 份报告", "at most {max} reports per batch"};
inline constexpr MessageDef kBatchRepeated{"report.batch_repeated", "同一份报告重复选择", "repeated"};
inline constexpr MessageDef kBatchNotId{"report.batch_not_id", "应为报告 ID", "a report id"};
inline constexpr MessageDef kBatchProblemPart{"report.batch.problem_part", "{id}: {reason}", "{id}: {reason}"};
inline constexpr MessageDef kBatchProblems{"report.batch.problems", "{first}; {rest}", "{first}; {rest}"};
inline constexpr MessageDef kBatchBusy{"report.batch_busy", "您之前提交的批量签发仍在进行：请等待其完成",
                                       "your earlier batches are still running: wait for them"};

// The draft preview and the queue of drafts waiting for a signature.
inline constexpr MessageDef kDraftPdfNotDraft{"report.draft_pdf_not_draft", "报告当前为“{status}”：只有草稿可以预览，已签发的报告请下载正式 PDF",
                                              "the report is {status}: only a draft is previewed; an issued report has its PDF"};
inline constexpr MessageDef kWaitingForMe{"report.waiting_for_me", "只能填写 me（等待我签发的报告）", "only me (the drafts waiting for my signature)"};

inline Message statusName(ReportStatus s) { return Message(kStatusNames[static_cast<std::size_t>(s)]); }
inline Message certificateStatusName(accreditation::CertificateStatus s) {
    return Message(kCertificateStatusNames[static_cast<std::size_t>(s)]);
}
inline Message resultStatusName(testing::ResultStatus s) { return Message(kResultStatusNames[static_cast<std::size_t>(s)]); }
inline Message languageName(const std::string& language) {
    for (const auto& d : kLanguageNames)
        if (std::string(d.en) == language) return Message(d);
    return Message::legacy(language);
}
inline Message causeName(const std::string& cause) {
    for (const auto& d : kCauseNames)
        if (std::string(d.en) == cause) return Message(d);
    return Message::legacy(cause);
}

inline constexpr MessageDef kRuleWhy{"report.rule_why", "{rule}：{reason}", "{rule}: {reason}"};

inline std::vector<const MessageDef*> all() {
    std::vector<const MessageDef*> v = {
        &kRuleWhy,       &kCmaNotAsked,   &kCmaInvalid,      &kCmaInvalidBecause, &kCmaNoneInside,   &kCmaOutsideBlock,
        &kCmaOk,         &kCmaOutsideFlag,  &kCnasNotAsked,      &kNoCnasMark,      &kCnasInvalid,
        &kCnasInvalidBecause, &kCnasNoneInside, &kCnasOk,        &kCnasOutside,     &kIlacNotPermitted,
        &kIlacOutside,   &kIlacOk,          &kNoMarkAdded,       &kMarkDropped,     &kNoResults,
        &kMissing,       &kUnapproved,      &kMissingUnapproved, &kAllApproved,     &kNoRaw,
        &kRawOk,         &kTampered,        &kContentMissing,    &kContentOk,       &kMuUnknown,
        &kMuAll,         &kMuStraddle,      &kNoDecisionRule,    &kDecisionRulesOk, &kNotReported,
        &kAllReported,   &kAllReportedExclusions, &kNoSignatory, &kSignatoryOk,     &kSignatoryRefused,
        &kAndMore, &kListTwo, &kNotAsked, &kSchemeRefused,
        &kNoSubcontract, &kSubcontractUndispatched, &kSubcontractListed, &kR6Refused, &kR6Against, &kR6NoJudgement, &kR6Ok,
        &kNoCmaMark, &kEnglishOnlyCma, &kLanguage, &kNoAmendmentReason, &kAmendmentReplaces, &kWhatRemovesAndChanges,
        &kWhatRemoves, &kWhatChanges, &kNothingToApprove, &kCauseNotEnough, &kApprovalStale, &kApprovalNeeded, &kApproved,
        &kItemA, &kItemB, &kItemBMissing, &kItemC, &kItemCMissing, &kItemD, &kItemE, &kItemEMissing, &kItemF, &kItemFMissing,
        &kItemG, &kItemGMissing, &kItemH, &kItemHMissing, &kItemI, &kItemIMissing, &kItemJ, &kItemKSampled, &kItemKNotApplicable,
        &kItemL, &kItemM, &kItemNNotApplicable, &kItemN, &kItemO, &kItemPNotApplicable, &kItemP, &kContentAbsent, &kLineState, &kLineWhy, &kNoSuchMethod, &kSubcontractedTo,
        &kOrderRequired, &kNotSampleOfOrder, &kNothingToReport, &kReportChanged, &kSignatoryNotUser, &kSignatoryRequired,
        &kKeepsSignatory, &kDateFormat, &kNotIssuedYet, &kOnlyDraftIssued, &kNotTheSignatory, &kNoSigningKey,
        &kResultChangedWhileSigning, &kAmendedNotIssued, &kAmendedGone, &kKeyOldPassword, &kAmendedChanged, &kAmendedContentGone,
        &kRetained, &kPdfRequired, &kAmendReasonRequired, &kAmendCause, &kOnlyIssuedAmended, &kOnlyIssuedAmendedBy,
        &kAmendmentInProgress, &kOnlyAmendmentApproved, &kNothingToApproveR36, &kNotOwnAmendment, &kChangesMoved,
        &kAmendmentNotDraft, &kWithdrawReasonRequired, &kOnlyIssuedWithdrawn, &kConsentByRequired, &kConsentRefRequired,
        &kOnlyIssuedPublic, &kConsentRecorded, &kBatchRequired, &kBatchTooMany, &kBatchRepeated, &kBatchNotId, &kBatchBusy, &kBatchProblemPart, &kBatchProblems,
        &kDraftPdfNotDraft, &kWaitingForMe};
    for (const auto& d : kLanguageNames) v.push_back(&d);
    for (const auto& d : kCauseNames) v.push_back(&d);
    for (const auto& d : kResultStatusNames) v.push_back(&d);
    for (const auto& d : kStatusNames) v.push_back(&d);
    for (const auto& d : kCertificateStatusNames) v.push_back(&d);
    return v;
}

}  // namespace assay::reports::msg
