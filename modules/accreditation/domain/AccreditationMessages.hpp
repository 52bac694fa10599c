// AccreditationMessages: accreditation's entries in the message catalogue (assay/Message.hpp):
// the verdicts contract review and the report checks show — in or outside the scope and why (R1,
// R5, R25), a method not usable (R23), nobody authorized (R13), no usable instrument (R15) — and
// the product list. Listed by AccreditationModule::messages.
#pragma once

#include <vector>

#include "assay/Message.hpp"

namespace assay::accreditation::msg {

// Scope (R1, R5, R25): {scheme} is CMA or CNAS, {date} the day asked about.
inline constexpr MessageDef kScopeNotDate{"scope.not_date", "查询{scheme}能力范围的日期“{date}”不是有效日期",
                                          "asked about {scheme} on '{date}': not a date"};
inline constexpr MessageDef kScopeParameterOut{"scope.parameter_out", "{date}该参数不在{scheme}能力范围内",
                                               "the parameter is not in the {scheme} scope on {date}"};
inline constexpr MessageDef kScopeParameterOutDated{
    "scope.parameter_out_dated", "{date}该参数不在{scheme}能力范围内（相关条目的有效期：{dates}）",
    "the parameter is not in the {scheme} scope on {date} (its rows are in force {dates})"};
inline constexpr MessageDef kScopeProductOut{
    "scope.product_out", "{date}产品“{product}”的该参数不在{scheme}能力范围内（能力范围内的产品：{products}）",
    "the parameter for '{product}' is not in the {scheme} scope on {date} (it is in scope for: {products})"};
inline constexpr MessageDef kScopeSiteOut{
    "scope.site_out", "{date}产品“{product}”的该参数在地点“{site}”不在{scheme}能力范围内（能力范围内的地点：{sites}）",
    "the parameter for '{product}' is not in the {scheme} scope on {date} at site '{site}' (in scope at: {sites})"};
inline constexpr MessageDef kScopeOtherEdition{
    "scope.other_edition", "{date}{scheme}能力范围条目引用的是 {editions}，而非 {standard}：标准换版须经记录的能力变更后才在范围内",
    "the {scheme} scope row on {date} cites {editions}, not {standard}: another edition is out of scope until a recorded change says otherwise"};
inline constexpr MessageDef kScopeStandardOut{
    "scope.standard_out", "{date}{scheme}能力范围内该参数和产品不使用 {standard}（能力范围引用：{editions}）",
    "{standard} is not in the {scheme} scope on {date} for this parameter and product (the scope cites: {editions})"};
inline constexpr MessageDef kScopeSuspended{"scope.suspended", "该能力范围条目自 {from} 起暂停：{reason}",
                                            "the scope row is suspended since {from}: {reason}"};
inline constexpr MessageDef kScopeClauseOut{"scope.clause_out", "{date}{scheme}能力范围条目限定为 {standard} {clauses}，而非 {clause}",
                                            "the {scheme} scope row on {date} is limited to {standard} {clauses}, not {clause}"};
inline constexpr MessageDef kScopeClauseMissing{
    "scope.clause_missing", "{date}{scheme}能力范围条目限定为 {standard} {clauses}，但未注明所用的具体方法",
    "the {scheme} scope row on {date} is limited to {standard} {clauses}; the method variant used was not given"};
inline constexpr MessageDef kScopeIn{"scope.in",
                                     "在{scheme}能力范围内：能力附表“{category}／{product}”，{standard}{clause}，地点 {site}，自 {from} 起有效",
                                     "in the {scheme} scope: the scope row '{category} / {product}', {standard}{clause}, at {site}, in force since {from}"};
inline constexpr MessageDef kScopeInCategory{
    "scope.in_category", "在{scheme}能力范围内：能力附表覆盖整个类别“{category}”，{standard}{clause}，地点 {site}，自 {from} 起有效",
    "in the {scheme} scope: the scope row covers the whole category '{category}', {standard}{clause}, at {site}, in force since {from}"};

// Contract review: method (R23), staff (R13), equipment (R15).
inline constexpr MessageDef kTestDateNotDate{"capability.test_date_not_date", "检测日期“{date}”不是有效日期（YYYY-MM-DD）",
                                             "the test date '{date}' is not a date YYYY-MM-DD"};
inline constexpr MessageDef kMethodNotInRegister{"capability.method_not_in_register", "该方法不在本实验室的方法库中",
                                                 "the method is not in this lab's register"};
inline constexpr MessageDef kMethodWithdrawn{"capability.method_withdrawn", "{method} 已从方法库中作废",
                                             "{method} is withdrawn from the register"};
inline constexpr MessageDef kMethodNoVerification{"capability.method_no_verification", "{method} 在 {date} 及以前没有方法验证记录",
                                                  "{method} has no verification record dated on or before {date}"};
inline constexpr MessageDef kMethodNoValidation{"capability.method_no_validation", "{method} 在 {date} 及以前没有方法确认记录",
                                                "{method} has no validation record dated on or before {date}"};
inline constexpr MessageDef kNobodyAuthorized{"capability.nobody_authorized", "{date}没有获授权执行该方法的人员",
                                              "nobody is authorized to perform the method on {date}"};
inline constexpr MessageDef kNoEquipmentOfType{"equipment.none_of_type", "本实验室没有“{type}”类设备",
                                               "the lab has no {type}"};
inline constexpr MessageDef kNoUsableOfType{"equipment.none_usable_of_type", "没有可用的“{type}”：{reasons}",
                                            "no usable {type}: {reasons}"};
inline constexpr MessageDef kEquipmentNotYet{"equipment.not_yet", "{equipment} 在 {date} 尚未登记", "{equipment} was not yet in the register on {date}"};
inline constexpr MessageDef kEquipmentRetired{"equipment.retired", "{equipment} 自 {since} 起已报废{why}", "{equipment} is retired since {since}{why}"};
inline constexpr MessageDef kEquipmentOutOfService{"equipment.out_of_service", "{equipment} 自 {since} 起停用{why}",
                                                   "{equipment} is out of service since {since}{why}"};
inline constexpr MessageDef kEquipmentNoCalibration{"equipment.no_calibration", "{equipment} 在 {date} 及以前没有校准或检定记录",
                                                    "{equipment} has no calibration or verification on or before {date}"};
inline constexpr MessageDef kEquipmentFailedCalibration{"equipment.failed_calibration", "{equipment} 在 {on} 的{kind}不合格（证书 {certificate}）",
                                                        "{equipment} failed its {kind} of {on} (certificate {certificate})"};
inline constexpr MessageDef kEquipmentCalibrationDue{"equipment.calibration_due", "{equipment} 的{kind}已于 {due} 到期（证书 {certificate}）",
                                                     "{equipment} was due for {kind} on {due} (certificate {certificate})"};
inline constexpr MessageDef kEquipmentFailedCheck{"equipment.failed_check", "{equipment} 在 {on} 的期间核查不合格",
                                                  "{equipment} failed its intermediate check of {on}"};
inline constexpr MessageDef kMaterialExpired{"equipment.material_expired", "标准物质 {material}（批号 {lot}）已于 {expires} 过期",
                                             "reference material {material} lot {lot} expired after {expires}"};
inline constexpr MessageDef kMaterialNotInRegister{"equipment.material_not_in_register", "该标准物质不在本实验室的登记中",
                                                   "the reference material is not in this lab's register"};
inline constexpr MessageDef kEquipmentNotInRegister{"equipment.not_in_register", "该设备不在本实验室的登记中",
                                                    "the equipment is not in this lab's register"};

inline constexpr MessageDef kAlso{"equipment.also", "{first}；{next}", "{first}; {next}"};
inline constexpr MessageDef kKindCalibration{"equipment.kind.calibration", "校准", "calibration"};
inline constexpr MessageDef kKindVerification{"equipment.kind.verification", "检定", "verification"};
inline constexpr MessageDef kBecause{"equipment.because", "（{reason}）", " ({reason})"};

// Staff (R13) and signatories (R10, R12).
inline constexpr MessageDef kDateNotDate{"staff.date_not_date", "日期“{date}”不是有效日期（YYYY-MM-DD）", "the date '{date}' is not a date YYYY-MM-DD"};
inline constexpr MessageDef kNotOnStaff{"staff.not_on_register", "该用户不在本实验室的人员名单中", "the user is not on the lab's staff register"};
inline constexpr MessageDef kDeactivated{"staff.deactivated", "{name} 自 {from} 起已停用", "{name} is deactivated from {from}"};
inline constexpr MessageDef kActivityPerform{"staff.activity.perform", "检测", "perform"};
inline constexpr MessageDef kActivityCheck{"staff.activity.check", "校核", "check"};
inline constexpr MessageDef kNoAuthorization{"staff.no_authorization", "{name} 在 {date} 没有该方法的{activity}授权{more}",
                                             "{name} has no {activity} authorization for the method on {date}{more}"};
inline constexpr MessageDef kAuthorizationLater{"staff.authorization_later", "（授权自 {from} 起生效）", " (one takes effect on {from})"};
inline constexpr MessageDef kAuthorizationEnded{"staff.authorization_ended", "（授权已于 {on} 终止）", " (it ended on {on})"};
inline constexpr MessageDef kSameChecker{"staff.same_checker", "校核人必须与检测人不是同一人", "the checker must be a different person from the performer"};
inline constexpr MessageDef kSameCheckerPerson{"staff.same_checker_person", "校核人必须与检测人不是同一人（两个账号属于同一人）",
                                               "the checker must be a different person from the performer (the two accounts belong to one person)"};
inline constexpr MessageDef kNoOpinion{"staff.no_opinion", "{name} 在 {date} 未获授权做出符合性判定或意见和解释（ISO/IEC 17025 6.2.6 b）",
                                       "{name} is not authorized to state conformity or opinions on {date} (ISO 6.2.6 b)"};
inline constexpr MessageDef kSigningDateNotDate{"signatory.date_not_date", "签发日期“{date}”不是有效日期（YYYY-MM-DD）",
                                                "the signing date '{date}' is not a date YYYY-MM-DD"};
inline constexpr MessageDef kSignatoryFiledLater{"signatory.filed_later", "{name} 的{scheme}授权签字人资格自备案日 {from} 起生效，{date} 不能签发",
                                                 "{name}'s {scheme} signatory authorization takes effect from its filing date {from}; it cannot sign on {date}"};
inline constexpr MessageDef kSignatoryNone{"signatory.none", "{name} 在 {date} 没有有效的{scheme}授权签字人资格{other}",
                                           "{name} holds no {scheme} signatory authorization in force on {date}{other}"};
inline constexpr MessageDef kSignatoryOtherScheme{"signatory.other_scheme_only", "（只有另一体系的授权，不能代替）",
                                                  " (only one of the other scheme, which does not count)"};
inline constexpr MessageDef kSignatoryParametersLater{
    "signatory.parameters_later", "{name} 的{scheme}授权中 {parameters} 自备案日 {from} 起生效，{date} 不能签发这些项目",
    "{name}'s {scheme} authorization for {parameters} takes effect from its filing date {from}; it cannot sign them on {date}"};
inline constexpr MessageDef kSignatoryNotCovering{"signatory.not_covering", "{name} 在 {date} 的{scheme}授权签字范围不包括：{parameters}",
                                                  "{name}'s {scheme} signing scope on {date} does not cover: {parameters}"};

inline std::vector<const MessageDef*> all() {
    return {&kScopeNotDate, &kScopeParameterOut, &kScopeParameterOutDated, &kScopeProductOut, &kScopeSiteOut, &kScopeOtherEdition,
            &kScopeStandardOut, &kScopeSuspended, &kScopeClauseOut, &kScopeClauseMissing, &kScopeIn, &kScopeInCategory,
            &kTestDateNotDate, &kMethodNotInRegister, &kMethodWithdrawn, &kMethodNoVerification, &kMethodNoValidation,
            &kNobodyAuthorized, &kNoEquipmentOfType, &kNoUsableOfType, &kEquipmentNotYet, &kEquipmentRetired,
            &kEquipmentOutOfService, &kEquipmentNoCalibration, &kEquipmentFailedCalibration, &kEquipmentCalibrationDue,
            &kEquipmentFailedCheck, &kMaterialExpired, &kMaterialNotInRegister, &kEquipmentNotInRegister, &kKindCalibration, &kKindVerification, &kBecause, &kAlso, &kDateNotDate, &kNotOnStaff, &kDeactivated,
            &kActivityPerform, &kActivityCheck, &kNoAuthorization, &kAuthorizationLater, &kAuthorizationEnded, &kSameChecker,
            &kSameCheckerPerson, &kNoOpinion, &kSigningDateNotDate, &kSignatoryFiledLater, &kSignatoryNone, &kSignatoryOtherScheme,
            &kSignatoryParametersLater, &kSignatoryNotCovering};
}

}  // namespace assay::accreditation::msg
