// IntakeMessages: intake's entries in the message catalogue (assay/Message.hpp): order terms,
// the contract review's blockers, order and sample state errors. Listed by IntakeModule::messages.
#pragma once

#include <vector>

#include "assay/Message.hpp"
#include "domain/Order.hpp"
#include "domain/Sample.hpp"

namespace assay::intake::msg {

inline constexpr MessageDef kCustomerRequired{"order.customer_required", "必填：请选择委托单位", "required: the customer organization"};
inline constexpr MessageDef kContactRequired{"order.contact_required", "必填：委托方联系人", "required: who to talk to at the customer"};
inline constexpr MessageDef kNotEmail{"field.not_email", "不是有效的电子邮箱地址", "not an e-mail address"};
inline constexpr MessageDef kDueBeforeToday{"order.due_before_today", "不能早于今天（{today}）", "is before today ({today})"};
inline constexpr MessageDef kPriority{"order.priority_invalid", "应为普通或加急", "must be normal or urgent"};
inline constexpr MessageDef kReportLanguage{"order.report_language_invalid", "应为中文、英文或中英文",
                                            "must be zh, en or bilingual"};
inline constexpr MessageDef kDecisionRule{"order.decision_rule_invalid", "应为简单判定或保护带判定",
                                          "must be simple or guard_band"};

// Products (the lab's product list, accreditation::ProductCatalog).
inline constexpr MessageDef kProductUnknown{"product.unknown", "“{product}”不在本实验室的产品目录中（产品目录来自能力附表和产品标准）",
                                            "'{product}' is not in the lab's product list (the products of its scope and specifications)"};
inline constexpr MessageDef kProductCategoryDiffers{"product.category_differs", "与所选产品“{product}”的类别“{category}”不一致",
                                                    "differs from the category '{category}' of the product '{product}'"};

inline constexpr MessageDef kMatchedByName{"order.matched_by_name", "样品未从产品目录中选择产品，按样品名称“{name}”匹配能力范围",
                                           "the sample names no product from the lab's list: its name '{name}' was matched against the scope"};

// Field problems and refusals of orders, samples, labels and subcontracts.
inline constexpr MessageDef kLabelLayout{"label.layout_invalid", "应为单张（每页一张 50×30 mm 标签）或 A4（每页 3×9 张）", "must be single (one 50x30 mm label per page) or a4 (a sheet of 3 x 9)"};
inline constexpr MessageDef kLabelCodesRequired{"label.codes_required", "必填：至少一个样品编号", "required: at least one sample code"};
inline constexpr MessageDef kNotSampleStatus{"sample.status_invalid", "不是有效的样品状态（可选：{choices}）", "not a sample status: {choices}"};
inline constexpr MessageDef kSamplesArray{"sample.samples_array", "必填：样品列表", "required: an array of samples"};
inline constexpr MessageDef kPackageItems{"order.package_items", "必填：套餐包含的检测项目", "required: the package's items"};
inline constexpr MessageDef kItemsArray{"order.items_array", "必填：检测项目列表", "required: an array of test items"};
inline constexpr MessageDef kItemsRequired{"order.items_required", "必填：至少选择一个检测项目", "required: at least one test item"};
inline constexpr MessageDef kItemsTooMany{"order.items_too_many", "每个样品最多 {max} 个检测项目", "at most {max} items per sample"};
inline constexpr MessageDef kParameterRequired{"order.parameter_required", "必填：检测参数", "required: a parameter id"};
inline constexpr MessageDef kNoSuchParameter{"order.no_such_parameter", "参数库中没有该参数", "no such parameter in the register"};
inline constexpr MessageDef kMethodRequired{"order.method_required", "必填：检测方法", "required: a method id"};
inline constexpr MessageDef kNoSuchMethod{"order.no_such_method", "方法库中没有该方法", "no such method in the register"};
inline constexpr MessageDef kNoSuchCustomer{"order.no_such_customer", "没有这个委托单位", "no such customer organization"};
inline constexpr MessageDef kSiteRequired{"order.site_required", "必填：检测地点（与能力附表中的地点一致）", "required: where the lab tests (the site its scope names)"};
inline constexpr MessageDef kOrderSamplesTooMany{"order.samples_too_many", "每张委托单最多 {max} 个样品", "at most {max} samples per order"};
inline constexpr MessageDef kReceivingLabRequired{"subcontract.receiving_lab_required", "必填：分包给哪家实验室（R31）", "required: the lab the item is sent to (R31)"};
inline constexpr MessageDef kConsentedByRequired{"subcontract.consented_by_required", "必填：客户书面同意的签署人（R31）", "required: who gave the customer's written consent (R31)"};
inline constexpr MessageDef kExcludedNotSubcontracted{"subcontract.excluded_item", "已排除的项目不能分包", "an excluded item is not subcontracted"};
inline constexpr MessageDef kSubcontractDispatched{"subcontract.dispatched", "该项目已发往{lab}", "the item was dispatched to {lab}"};
inline constexpr MessageDef kAcceptedByRequired{"subcontract.accepted_by_required", "必填：分包方的接收人（R31）", "required: who accepted the work for the receiving lab (R31)"};
inline constexpr MessageDef kAcceptanceRefRequired{"subcontract.acceptance_ref_required", "必填：分包方的接收确认（R31）", "required: the receiving lab's acceptance (R31)"};
inline constexpr MessageDef kExcludeReasonRequired{"order.exclude_reason_required", "排除项目时必填：原因（R33）", "required to exclude an item: why (R33)"};
inline constexpr MessageDef kExcludeAgreedByRequired{"order.exclude_agreed_by_required", "排除项目时必填：客户方同意人（R33）", "required to exclude an item: who agreed for the customer (R33)"};
inline constexpr MessageDef kExclusionStands{"order.exclusion_stands", "委托单已接受：经客户同意的排除不能撤销", "an accepted order's exclusion stands: the customer agreed to it"};
inline constexpr MessageDef kScopeDecisionsFinal{"order.scope_decisions_final", "委托单已接受：超范围的决定不能再更改", "an accepted order's scope decisions are final"};
inline constexpr MessageDef kCancelReasonRequired{"order.cancel_reason_required", "取消委托单时必填：原因", "required to cancel an order"};
inline constexpr MessageDef kPositiveDecimal{"sample.quantity_positive", "应为大于零的数", "must be a positive decimal"};
inline constexpr MessageDef kUnitWithQuantity{"sample.unit_required", "填写数量时必填：单位", "required with a quantity"};

inline constexpr MessageDef kCategoryOrProduct{"sample.category_or_product", "必填：请从产品目录中选择产品（或填写产品类别）",
                                               "required: choose the product from the lab's list (or give the product category)"};
inline constexpr MessageDef kOutsideNoteRequired{"order.outside_note_required", "必填：客户如何同意该项目不加盖资质标志", "required: how the customer accepted the item without the mark"};

inline constexpr MessageDef kSpecAfterReview{"order.spec_after_review", "委托单当前为“{status}”：合同评审后，检测依据的规范请在检测中附原因更改",
                                             "the order is {status}: after the contract review, change the specification in testing, with a reason"};
inline constexpr MessageDef kSpecNoLimitForSample{"order.spec_no_limit", "该规范对样品 {sample} 的任何检测项目都没有限量",
                                                  "the specification has no limit for any item of sample {sample}"};

// Contract review (R33, R13, R1).
inline constexpr MessageDef kRuleReason{"order.rule_reason", "{rule}：{reason}", "{rule}: {reason}"};
inline constexpr MessageDef kReasonList{"order.reason_list", "{first}；{next}", "{first}; {next}"};
inline constexpr MessageDef kItem{"order.item", "第 {position} 项（{sample} {parameter}）", "item {position} ({sample} {parameter})"};
inline constexpr MessageDef kNotReviewed{"order.not_reviewed", "委托单当前为“{status}”：只有已完成合同评审的委托单才能接受，请先进行合同评审",
                                         "the order is {status}: only a reviewed order is accepted (run the contract review)"};
inline constexpr MessageDef kAddedAfterReview{"order.item_added_after_review", "{item}是评审后新增的，请重新评审委托单",
                                              "{item} was added after the review: review the order again"};
inline constexpr MessageDef kCannotPerform{"order.item_cannot_perform", "{item}无法检测（{blockers}），须经客户同意后排除该项",
                                           "{item} cannot be performed ({blockers}); exclude it with the customer's agreement"};
inline constexpr MessageDef kOutsideCma{"order.item_outside_cma", "{item}不在 CMA 资质认定范围内：须客户同意报告不加盖 CMA 标志",
                                        "{item} is outside the CMA scope: the customer must accept it without the mark"};
inline constexpr MessageDef kOutsideCnas{"order.item_outside_cnas", "{item}不在 CNAS 认可范围内：须客户同意报告不加盖 CNAS 标志",
                                         "{item} is outside the CNAS scope: the customer must accept it without the mark"};
inline constexpr MessageDef kAllExcluded{"order.all_excluded", "所有项目均已排除：没有需要检测的项目",
                                         "every item is excluded: there is nothing to test"};

// Order and sample states.
inline constexpr MessageDef kOrderChanged{"order.changed", "委托单已被他人修改，请刷新后重试", "the order was changed by someone else"};
inline constexpr MessageDef kSampleChanged{"sample.changed", "样品已被他人修改，请刷新后重试", "the sample was changed by someone else"};
inline constexpr MessageDef kOrderNoMoreSamples{"order.no_more_samples", "“{status}”的委托单不能再添加样品",
                                                "an {status} order takes no more samples"};
inline constexpr MessageDef kOrderNotReviewedAgain{"order.not_reviewed_again", "“{status}”的委托单不能再次评审",
                                                   "an {status} order is not reviewed again"};
inline constexpr MessageDef kOrderCancelledUnchanged{"order.cancelled_unchanged", "已取消的委托单不能修改", "a cancelled order is not changed"};
inline constexpr MessageDef kOrderDraftNotAccepted{"order.draft_not_accepted", "草稿状态的委托单不能直接接受：请先进行合同评审",
                                                   "a draft order cannot be accepted: review it first"};
inline constexpr MessageDef kOrderCannotAccept{"order.cannot_accept", "“{status}”的委托单不能接受", "a {status} order cannot be accepted"};
inline constexpr MessageDef kOrderNotTested{"order.not_accepted_for_testing", "委托单当前为“{status}”：只有已接受的委托单才能检测",
                                            "the order is {status}: only an accepted order is tested"};
inline constexpr MessageDef kOrderNotReported{"order.not_accepted_for_report", "委托单当前为“{status}”：只有已接受的委托单才能出具报告",
                                              "the order is {status}: only an accepted order is reported"};
inline constexpr MessageDef kOrderNotCancelled{"order.not_cancelled", "“{status}”的委托单不能取消", "an {status} order is not cancelled"};
inline constexpr MessageDef kTestDateBeforeToday{"order.test_date_before_today", "计划检测日期不能早于今天（{today}）",
                                                 "the planned test date is before today ({today})"};
inline constexpr MessageDef kSamplesRequired{"sample.samples_required", "必填：至少一个样品", "required: at least one sample"};
inline constexpr MessageDef kSamplesTooMany{"sample.too_many", "每次最多 {max} 个样品", "at most {max} samples per request"};
inline constexpr MessageDef kSampleNotDivided{"sample.not_divided", "“{status}”的样品不能分样", "a {status} sample is not divided"};
inline constexpr MessageDef kSampleNotReceivedAgain{"sample.not_received_again", "“{status}”的样品不能再次接收",
                                                    "a {status} sample is not received again"};
inline constexpr MessageDef kSampleCannotBecome{"sample.cannot_become", "“{status}”的样品不能变为“{to}”", "a {status} sample cannot become {to}"};
inline constexpr MessageDef kSampleRetained{"sample.retained_until", "样品留样至 {until}，{today} 不能处置",
                                            "the sample is retained until {until}; it cannot be disposed of on {today}"};
inline constexpr MessageDef kSampleNotHandedOver{"sample.not_handed_over", "“{status}”的样品不能交接", "a {status} sample is not handed over"};
inline constexpr MessageDef kSampleWithAlready{"sample.with_already", "样品已在 {holder} 处", "the sample is with {holder} already"};
inline constexpr MessageDef kNoLabCode{"sample.no_lab_code", "实验室尚未设置样品编号所用的代码", "the lab has no code to number its samples with"};

// Subcontracting (R31).
inline constexpr MessageDef kNoSubcontractConsent{"order.subcontract_no_consent", "第 {position} 项没有客户同意分包的书面意见",
                                                  "item {position} has no written consent of the customer to subcontract it"};
inline constexpr MessageDef kDispatchedAlready{"order.subcontract_dispatched", "该项目已发往分包方", "the item was dispatched already"};
inline constexpr MessageDef kReceiverNotAccepted{"order.subcontract_not_accepted", "分包方 {lab} 尚未接受该项工作",
                                                 "the receiving lab {lab} has not accepted the work yet"};
inline constexpr MessageDef kContractNotConcluded{"order.contract_not_concluded", "委托单当前为“{status}”：合同尚未订立",
                                                  "the order is {status}: the contract is not concluded"};

// The state names, shown inside the messages above.
inline constexpr MessageDef kOrderStatusNames[] = {
    {"order.status.draft", "草稿", "draft"},
    {"order.status.reviewed", "已评审", "reviewed"},
    {"order.status.accepted", "已接受", "accepted"},
    {"order.status.cancelled", "已取消", "cancelled"},
};
inline constexpr MessageDef kSampleStatusNames[] = {
    {"sample.status.registered", "已登记", "registered"}, {"sample.status.received", "已接收", "received"},
    {"sample.status.in_testing", "检测中", "in_testing"}, {"sample.status.tested", "已检测", "tested"},
    {"sample.status.reported", "已出报告", "reported"},   {"sample.status.retained", "留样中", "retained"},
    {"sample.status.disposed", "已处置", "disposed"},     {"sample.status.rejected", "已拒收", "rejected"},
    {"sample.status.cancelled", "已取消", "cancelled"},
};
inline Message statusName(OrderStatus s) { return Message(kOrderStatusNames[static_cast<std::size_t>(s)]); }
inline Message statusName(SampleStatus s) { return Message(kSampleStatusNames[static_cast<std::size_t>(s)]); }

inline constexpr MessageDef kConsentRefRequired{"subcontract.consent_ref_required", "必填：客户的书面同意文件（写明分包项目和分包实验室，R31）", "required: the written consent naming the item and the receiving lab (R31)"};
inline constexpr MessageDef kGtinInvalid{"sample.gtin_invalid", "不是有效的商品条码（GTIN-8/12/13/14，校验位不符）", "not a GTIN-8/12/13/14 with a valid GS1 check digit"};
inline constexpr MessageDef kConditionRequired{"sample.condition_required", "必填：收样时的样品状况（R19）", "required: the condition on receipt (R19)"};
inline constexpr MessageDef kDeviationWithDecision{"sample.deviation_required", "填写客户意见时必填：偏离情况", "required with a customer decision"};
inline constexpr MessageDef kDecisionWithDeviation{"sample.decision_required", "有偏离时必填：客户意见（继续检测或拒收，R19）", "required with a deviation: proceed or reject, as the customer decided (R19)"};
inline constexpr MessageDef kDecisionInvalid{"sample.decision_invalid", "应为继续检测或拒收", "must be proceed or reject"};
inline constexpr MessageDef kEncodingInvalid{"sample_import.encoding_invalid", "应为 auto、utf-8 或 gb18030", "must be auto, utf-8 or gb18030"};
inline constexpr MessageDef kNotText{"sample_import.not_text", "文件不是 UTF-8 或 GB18030 编码的文本", "the file is not UTF-8 or GB18030 text"};
inline constexpr MessageDef kCsvTooShort{"sample_import.too_short", "需要一行表头和至少一行样品", "a header row and at least one sample row are needed"};
inline constexpr MessageDef kCsvTooMany{"sample_import.too_many_samples", "每个文件最多 {max} 个样品", "at most {max} samples per file"};
inline constexpr MessageDef kNotDecimalNumber{"sample.quantity_not_decimal", "不是有效的数字", "not a decimal number"};
inline constexpr MessageDef kNotOrgId{"sample.customer_not_id", "应为委托单位编号", "must be an organization id"};
inline constexpr MessageDef kRetentionDays{"retention.days_range", "应为 1 至 36500 天", "must be 1 to 36500 days"};
inline constexpr MessageDef kSampleChangedMeanwhile{"sample.changed_meanwhile", "样品 {sample} 已被他人修改，请刷新后重试", "the sample {sample} was changed meanwhile"};
inline constexpr MessageDef kNotStatus{"sample.to_not_status", "不是有效的样品状态", "not a sample status"};
inline constexpr MessageDef kReceiveWithCondition{"sample.receive_with_condition", "收样须记录样品状况：请使用“收样”（R19）", "a sample is received with its condition: POST .../receive (R19)"};
inline constexpr MessageDef kDisposalMethodRequired{"sample.disposal_method_required", "处置时必填：处置方式（R22）", "required to dispose: how the sample was disposed of (R22)"};
inline constexpr MessageDef kTransferToRequired{"sample.transfer_to_required", "必填：样品交给谁或放到哪里", "required: who or where takes the sample"};

inline std::vector<const MessageDef*> all() {
    std::vector<const MessageDef*> v = {
        &kConsentRefRequired, &kGtinInvalid, &kConditionRequired, &kDeviationWithDecision, &kDecisionWithDeviation, &kDecisionInvalid, &kEncodingInvalid, &kNotText, &kCsvTooShort, &kCsvTooMany, &kNotDecimalNumber, &kNotOrgId, &kRetentionDays, &kSampleChangedMeanwhile, &kNotStatus, &kReceiveWithCondition, &kDisposalMethodRequired, &kTransferToRequired, &kCustomerRequired, &kContactRequired, &kNotEmail, &kDueBeforeToday, &kPriority, &kReportLanguage,
        &kDecisionRule, &kItem, &kNotReviewed, &kAddedAfterReview, &kCannotPerform, &kOutsideCma, &kOutsideCnas,
        &kAllExcluded, &kOrderChanged, &kSampleChanged, &kOrderNoMoreSamples, &kOrderNotReviewedAgain,
        &kOrderCancelledUnchanged, &kOrderDraftNotAccepted, &kOrderCannotAccept, &kOrderNotTested, &kOrderNotReported, &kOrderNotCancelled,
        &kTestDateBeforeToday, &kSamplesRequired, &kSamplesTooMany, &kSampleNotDivided, &kSampleNotReceivedAgain,
        &kSampleCannotBecome, &kSampleRetained, &kSampleNotHandedOver, &kSampleWithAlready, &kNoLabCode, &kNoSubcontractConsent, &kDispatchedAlready,
        &kReceiverNotAccepted, &kContractNotConcluded, &kProductUnknown, &kProductCategoryDiffers, &kRuleReason, &kReasonList, &kMatchedByName, &kOutsideNoteRequired, &kCategoryOrProduct, &kSpecAfterReview, &kSpecNoLimitForSample,
        &kLabelLayout, &kLabelCodesRequired, &kNotSampleStatus, &kSamplesArray, &kPackageItems, &kItemsArray, &kItemsRequired, &kItemsTooMany, &kParameterRequired, &kNoSuchParameter, &kMethodRequired, &kNoSuchMethod, &kNoSuchCustomer, &kSiteRequired, &kOrderSamplesTooMany, &kReceivingLabRequired, &kConsentedByRequired, &kExcludedNotSubcontracted, &kSubcontractDispatched, &kAcceptedByRequired, &kAcceptanceRefRequired, &kExcludeReasonRequired, &kExcludeAgreedByRequired, &kExclusionStands, &kScopeDecisionsFinal, &kCancelReasonRequired, &kPositiveDecimal, &kUnitWithQuantity};
    for (const auto& d : kOrderStatusNames) v.push_back(&d);
    for (const auto& d : kSampleStatusNames) v.push_back(&d);
    return v;
}

}  // namespace assay::intake::msg
