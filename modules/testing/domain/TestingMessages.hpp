// TestingMessages: testing's entries in the message catalogue (assay/Message.hpp): entering,
// checking and approving results, formulas, assignments and QC batches. Listed by
// TestingModule::messages.
#pragma once

#include <vector>

#include "assay/Message.hpp"
#include "assay/testing/ResultStatus.hpp"
#include "domain/Qc.hpp"

namespace assay::testing::msg {

inline constexpr MessageDef kParamGone{"result.parameter_gone", "该项目的检测参数已不在登记册中", "the item's parameter is no longer in the register"};
inline constexpr MessageDef kTooManyDigits{"result.too_many_digits", "数字位数超过结果可保存的长度（最多 60 个字符）",
                                           "more digits than a result holds (60 characters written out)"};
inline constexpr MessageDef kBelowLod{"result.below_under_lod", "“<{below}”低于检出限 {lod}：方法无法判断，请填写 ND（未检出）",
                                      "below {below} is under the LOD {lod}: the method cannot tell; enter ND"};
inline constexpr MessageDef kValueOrInputs{"result.value_or_inputs", "请填写结果值或公式的输入量，不能同时填写",
                                           "give the value or the formula's inputs, not both"};
inline constexpr MessageDef kInputsRequired{"result.inputs_required", "必填：公式的输入量", "required: the formula's inputs"};
inline constexpr MessageDef kInputNotDecimal{"result.input_not_decimal", "必须是读取到的数值", "must be a decimal number as read"};
inline constexpr MessageDef kValueRequired{"result.value_required", "必填：读取到的结果值（或公式的输入量）",
                                           "required: the value as read (or inputs for the formula)"};
inline constexpr MessageDef kNoFormula{"result.no_formula", "该参数在此方法下没有计算公式：请直接填写结果值",
                                       "the parameter has no formula for this method: enter the value"};
inline constexpr MessageDef kInputRequiredBy{"result.input_required_by_formula", "第 {version} 版公式需要此输入量",
                                             "required by formula version {version}"};
inline constexpr MessageDef kNotAnInput{"result.not_an_input", "不是第 {version} 版公式的输入量", "not an input of formula version {version}"};
inline constexpr MessageDef kComputedTooLong{"result.computed_too_many_digits", "计算结果的位数超过结果可保存的长度",
                                             "the calculated value has more digits than a result holds"};
inline constexpr MessageDef kNotAssigned{"item.not_assigned", "该检测项目尚未分配", "the test item is not assigned yet"};
inline constexpr MessageDef kAssignedToOther{"item.assigned_to_other", "该项目已分配给 {assignee}，不是您",
                                             "the item is assigned to {assignee}, not to you"};
inline constexpr MessageDef kHasResult{"result.exists", "该项目已有结果：请填写原因后修改，或录入复测结果",
                                       "the item has a result: edit it with a reason, or enter a retest"};
inline constexpr MessageDef kNothingToRetest{"result.nothing_to_retest", "没有可复测的结果", "there is no result to retest"};
inline constexpr MessageDef kResultChanged{"result.changed", "该结果已被他人修改，请刷新后重试", "the result was changed by someone else"};
inline constexpr MessageDef kResultChangedMeanwhile{"result.changed_meanwhile", "该结果已被他人修改，请刷新后重试", "the result was changed meanwhile"};
inline constexpr MessageDef kNotEdited{"result.not_edited", "“{status}”的结果不能修改：请填写原因作废后复测",
                                       "an {status} result is not edited: invalidate it with a reason and retest"};
inline constexpr MessageDef kOnlyPerformer{"result.only_performer_corrects", "只有检测人（{performer}）可以更正结果值",
                                           "only the person who performed the test ({performer}) corrects its value"};
inline constexpr MessageDef kEnteredAsValue{"result.entered_as_value", "该结果是直接录入的：请更正结果值",
                                            "the result was entered as a value: correct the value"};
inline constexpr MessageDef kCalculated{"result.calculated", "该结果由第 {version} 版公式计算：请更正输入量",
                                        "the result was calculated by formula version {version}: correct its inputs"};
inline constexpr MessageDef kNotChecked{"result.not_checkable", "“{status}”的结果不能复核", "a {status} result is not checked"};
inline constexpr MessageDef kNotApproved{"result.not_approvable", "“{status}”的结果不能批准", "a {status} result is not approved"};
inline constexpr MessageDef kCheckFirst{"result.check_first", "“{status}”的结果不能批准：请先复核", "a {status} result is not approved: check it first"};
inline constexpr MessageDef kBatchHeld{"qc.batch_held", "批次 {batch} 为“{status}”：质控样品不合格，尚未记录处置",
                                       "the batch {batch} is {status}: a QC sample failed and no disposition is recorded yet"};
inline constexpr MessageDef kBatchNoQc{"qc.batch_without_qc", "批次 {batch} 为“{status}”：请先录入质控样品结果再放行",
                                       "the batch {batch} is {status}: record its QC samples before releasing its results"};
inline constexpr MessageDef kBatchNotReleased{"qc.batch_not_released", "批次 {batch} 为“{status}”：其结果尚未放行",
                                              "the batch {batch} is {status}: its results are not released"};
inline constexpr MessageDef kAlreadyInvalidated{"result.already_invalidated", "该结果已作废", "the result is invalidated already"};
inline constexpr MessageDef kSpecNoLimit{"item.spec_without_limits", "该产品标准对本委托单的所有项目都没有限值",
                                         "the specification has no limit for any item of the order"};
inline constexpr MessageDef kTechnicianRequired{"item.technician_required", "必填：检测人员", "required: the technician's user id"};
inline constexpr MessageDef kNoSuchUser{"item.no_such_user", "本实验室没有该用户", "no such user in the lab"};
inline constexpr MessageDef kSpecReasonRequired{"item.spec_reason_required", "必填：更改检测依据规范的原因（R20）",
                                                "required: why the specification is changed (R20)"};
inline constexpr MessageDef kSpecAfterApproval{"item.spec_after_approval", "样品 {sample} 已有结果批准：检测依据的规范不能再更改",
                                               "a result of sample {sample} is approved: its specification no longer changes"};
inline constexpr MessageDef kItemChanged{"item.changed", "该检测项目已被他人修改，请刷新后重试", "the test item was changed by someone else"};
inline constexpr MessageDef kItemHasResult{"item.has_result", "该项目已有结果：检测人和检测日期不能更改（请先填写原因作废结果）",
                                           "the item has a result: its performer and test date stay (invalidate it with a reason first)"};
inline constexpr MessageDef kJoinedOther{"qc.item_in_other_batch", "有检测项目已被加入另一批次", "a test item joined another batch meanwhile"};
inline constexpr MessageDef kBatchDisposed{"qc.batch_disposed", "该批次已处置（{status}）：请在新批次中测定质控",
                                           "the batch was disposed of ({status}): measure QC in a new batch"};
inline constexpr MessageDef kBatchReleased{"qc.results_released", "该批次的结果已放行：质控须在批准前记录",
                                           "results of this batch are released already: QC is recorded before approval"};
// QC samples: acceptance criteria and outcomes (stored as messages, shown in the reader's language).
inline constexpr MessageDef kQcCriteriaBlank{"qc.criteria.blank", "≤ {max}", "≤ {max}"};
inline constexpr MessageDef kQcCriteriaRpd{"qc.criteria.rpd", "相对偏差 ≤ {max}%", "RPD ≤ {max}%"};
inline constexpr MessageDef kQcCriteriaRecovery{"qc.criteria.recovery", "回收率 {low}–{high}%", "recovery {low}–{high}%"};
inline constexpr MessageDef kQcCriteriaReference{"qc.criteria.reference", "{certified} ± {tolerance}，有效期至 {expires}", "{certified} ± {tolerance}, until {expires}"};
inline constexpr MessageDef kQcBlankWithin{"qc.detail.blank_within", "空白 {value}，未超过 {max}", "blank {value} within {max}"};
inline constexpr MessageDef kQcBlankAbove{"qc.detail.blank_above", "空白 {value}，超过 {max}", "blank {value} above {max}"};
inline constexpr MessageDef kQcBothZero{"qc.detail.both_zero", "两次测定均为 0", "both determinations are 0"};
inline constexpr MessageDef kQcNoRpd{"qc.detail.no_rpd", "无法计算相对偏差：两次测定的平均值为 0", "no RPD: the determinations average to 0"};
inline constexpr MessageDef kQcRpd{"qc.detail.rpd", "{a} 与 {b} 的相对偏差为 {rpd}", "RPD {rpd} of {a} and {b}"};
inline constexpr MessageDef kQcRecovery{"qc.detail.recovery", "回收率 {recovery}（({value} − {base}) / {added}）", "recovery {recovery} (({value} − {base}) / {added})"};
inline constexpr MessageDef kQcExpired{"qc.detail.expired", "标准物质已于 {date} 过期", "the reference material expired on {date}"};
inline constexpr MessageDef kQcDeviationWithin{"qc.detail.deviation_within", "偏差 {deviation}，在 ± {tolerance} 之内", "deviation {deviation} within ± {tolerance}"};
inline constexpr MessageDef kQcDeviationBeyond{"qc.detail.deviation_beyond", "偏差 {deviation}，超出 ± {tolerance}", "deviation {deviation} beyond ± {tolerance}"};
inline constexpr MessageDef kQcDecision{"qc.decision_invalid", "应为接受、重测或拒收", "must be accept, retest or reject"};
inline constexpr MessageDef kQcDispositionReason{"qc.disposition_reason_required", "必填：处置原因（R24）", "required: why (R24)"};
inline constexpr MessageDef kBatchChanged{"qc.batch_changed", "该批次已被他人修改，请刷新后重试", "the batch was changed by someone else"};
inline constexpr MessageDef kOnlyHeld{"qc.only_held_disposed", "只有“暂停”的批次才能处置；该批次为“{status}”",
                                      "only a held batch takes a disposition; this one is {status}"};
inline constexpr MessageDef kBatchResultChanged{"qc.result_changed", "该批次的某个结果已被他人修改", "a result of the batch changed meanwhile"};

inline constexpr MessageDef kResultStatusNames[] = {
    {"result.status.entered", "已录入", "entered"},
    {"result.status.checked", "已复核", "checked"},
    {"result.status.approved", "已批准", "approved"},
    {"result.status.invalidated", "已作废", "invalidated"},
};
inline constexpr MessageDef kBatchStatusNames[] = {
    {"qc.batch.status.open", "进行中", "open"},       {"qc.batch.status.held", "暂停", "held"},
    {"qc.batch.status.released", "已放行", "released"}, {"qc.batch.status.retest", "复测", "retest"},
    {"qc.batch.status.rejected", "已拒绝", "rejected"},
};
inline Message statusName(ResultStatus s) { return Message(kResultStatusNames[static_cast<std::size_t>(s)]); }
inline Message statusName(BatchStatus s) { return Message(kBatchStatusNames[static_cast<std::size_t>(s)]); }

inline constexpr MessageDef kInputsObject{"result.inputs_object", "应为“名称：数值”的对象", "must be an object of name: decimal string"};
inline constexpr MessageDef kInputsTooMany{"result.inputs_too_many", "最多 50 个输入量", "at most 50 inputs"};
inline constexpr MessageDef kInputDecimal{"result.input_decimal", "应为数值（如“0.5012”）", "must be a decimal string such as \"0.5012\""};
inline constexpr MessageDef kFormulaTooManyInputs{"formula.too_many_inputs", "最多 50 个输入量（名称合计 500 个字符）", "at most 50 inputs (500 characters of names)"};
inline constexpr MessageDef kFormulaNoParameter{"formula.no_such_parameter", "参数库中没有该参数", "no such parameter in the register"};
inline constexpr MessageDef kFormulaNoMethod{"formula.no_such_method", "方法库中没有该方法", "no such method in the register"};
inline constexpr MessageDef kQcKind{"qc.kind_invalid", "应为空白、平行样、加标或标准物质", "must be blank, duplicate, spike or reference"};
inline constexpr MessageDef kQcMaterialRequired{"qc.material_required", "必填：质控物质或样品（即质控序列）", "required: the QC material or sample (the series)"};
inline constexpr MessageDef kQcExpiryRequired{"qc.expiry_required", "该类型必填：标准物质有效期", "required for this kind: the material's expiry date"};
inline constexpr MessageDef kQueueStatus{"result.queue_status", "应为待校核或待批准", "must be entered or checked"};
inline constexpr MessageDef kBatchItemsRequired{"qc.batch_items_required", "必填：本批次检测的项目", "required: the test items measured in the batch"};
inline constexpr MessageDef kNoSuchItem{"qc.no_such_item", "没有这个检测项目", "no such test item"};
inline constexpr MessageDef kRetestReason{"result.retest_reason_required", "必填：重新检测的原因", "required: why the test is repeated"};
inline constexpr MessageDef kEditReason{"result.edit_reason_required", "必填：修改结果的原因（每次修改都须留有原因，R20）", "required: every change to a result keeps its reason (R20)"};

inline constexpr MessageDef kQcFieldRequired{"qc.field_required", "该类型的质控样必填：{what}", "required for this kind: {what}"};
inline constexpr MessageDef kQcWhatValue{"qc.what.value", "测定值", "the measured value"};
inline constexpr MessageDef kQcWhatLimitMax{"qc.what.limitmax", "空白的最大允许值", "the highest acceptable blank"};
inline constexpr MessageDef kQcWhatValue2{"qc.what.value2", "平行测定值", "the duplicate determination"};
inline constexpr MessageDef kQcWhatMaxRpd{"qc.what.maxrpd", "允许的相对偏差（%）", "the allowed relative percent difference"};
inline constexpr MessageDef kQcWhatBase{"qc.what.base", "未加标样品的测定值", "the unspiked sample's value"};
inline constexpr MessageDef kQcWhatAdded{"qc.what.added", "加标量（与结果同单位）", "the amount added, in the result's unit"};
inline constexpr MessageDef kQcWhatRecoveryLow{"qc.what.recoverylow", "回收率下限（%）", "the lowest acceptable recovery, %"};
inline constexpr MessageDef kQcWhatRecoveryHigh{"qc.what.recoveryhigh", "回收率上限（%）", "the highest acceptable recovery, %"};
inline constexpr MessageDef kQcWhatCertified{"qc.what.certified", "标准值", "the certified value"};
inline constexpr MessageDef kQcWhatTolerance{"qc.what.tolerance", "允许偏差", "the accepted deviation from it"};

inline constexpr MessageDef kNoLod{"result.no_lod", "该参数在参数库中没有检出限：请填写低于的数值，如 <0.005",
                                  "the parameter has no LOD in the register: enter the number it is below, as <0.005"};
inline constexpr MessageDef kBelowWhat{"result.below_what", "“<”后应为正数，如 <0.005", "after < comes the positive number the value is below, as <0.005"};
inline constexpr MessageDef kTypedValue{"result.typed_value", "应为读取的数值（如 0.2001），低于检出限时填 ND、未检出或 <0.005",
                                        "a decimal number as read (0.2001), or ND / 未检出 / <0.005 below the LOD"};

inline std::vector<const MessageDef*> all() {
    std::vector<const MessageDef*> v = {
        &kParamGone, &kTooManyDigits, &kBelowLod, &kValueOrInputs, &kInputsRequired, &kInputNotDecimal, &kValueRequired,
        &kNoFormula, &kInputRequiredBy, &kNotAnInput, &kComputedTooLong, &kNotAssigned, &kAssignedToOther, &kHasResult,
        &kNothingToRetest, &kResultChanged, &kResultChangedMeanwhile, &kNotEdited, &kOnlyPerformer, &kEnteredAsValue,
        &kCalculated, &kNotChecked, &kNotApproved, &kCheckFirst, &kBatchHeld, &kBatchNoQc, &kBatchNotReleased,
        &kAlreadyInvalidated, &kSpecNoLimit, &kTechnicianRequired, &kNoSuchUser, &kItemChanged, &kItemHasResult, &kSpecReasonRequired, &kSpecAfterApproval,
        &kJoinedOther, &kBatchDisposed, &kBatchReleased, &kQcCriteriaBlank, &kQcCriteriaRpd, &kQcCriteriaRecovery, &kQcCriteriaReference, &kQcBlankWithin, &kQcBlankAbove, &kQcBothZero, &kQcNoRpd, &kQcRpd, &kQcRecovery, &kQcExpired, &kQcDeviationWithin, &kQcDeviationBeyond, &kQcDecision, &kQcDispositionReason, &kInputsObject, &kInputsTooMany, &kInputDecimal, &kFormulaTooManyInputs, &kFormulaNoParameter, &kFormulaNoMethod, &kQcKind, &kQcMaterialRequired, &kQcExpiryRequired, &kQueueStatus, &kBatchItemsRequired, &kNoSuchItem, &kRetestReason, &kEditReason, &kQcFieldRequired, &kQcWhatValue, &kQcWhatLimitMax, &kQcWhatValue2, &kQcWhatMaxRpd, &kQcWhatBase, &kQcWhatAdded, &kQcWhatRecoveryLow, &kQcWhatRecoveryHigh, &kQcWhatCertified, &kQcWhatTolerance, &kNoLod, &kBelowWhat, &kTypedValue, &kBatchChanged, &kOnlyHeld, &kBatchResultChanged};
    for (const auto& d : kResultStatusNames) v.push_back(&d);
    for (const auto& d : kBatchStatusNames) v.push_back(&d);
    return v;
}

}  // namespace assay::testing::msg
