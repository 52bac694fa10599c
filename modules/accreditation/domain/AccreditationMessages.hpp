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

// Record forms: field problems and refusals of the registers (standards, parameters, methods,
// specifications, prices, CSV imports), the scope and its changes, qualifications, PT rounds,
// nonconformities, equipment and staff.
inline constexpr MessageDef kSchemeRequired{"accreditation.scheme_required", "必填：CMA 或 CNAS", "required: CMA or CNAS"};
inline constexpr MessageDef kNoSuchStandard{"register.no_such_standard", "本实验室的标准库中没有该标准", "no such standard in this lab's register"};
inline constexpr MessageDef kNoSuchParameter{"register.no_such_parameter", "本实验室的参数库中没有该参数", "no such parameter in this lab's register"};
inline constexpr MessageDef kNoSuchMethod{"register.no_such_method", "本实验室的方法库中没有该方法", "no such method in this lab's register"};
inline constexpr MessageDef kEncoding{"import.encoding_invalid", "应为 auto（自动识别）、utf-8 或 gb18030", "must be auto, utf-8 or gb18030"};
inline constexpr MessageDef kNotText{"import.not_text", "文件不是 UTF-8 或 GB18030 编码的文本", "the file is not UTF-8 or GB18030 text"};
inline constexpr MessageDef kNotTextIn{"import.not_text_in", "文件不是 {encoding} 编码的文本", "the file is not {encoding} text"};
inline constexpr MessageDef kImportRowsTooMany{"import.rows_too_many", "每次导入最多 1000 行", "at most 1000 rows per import"};
inline constexpr MessageDef kImportKind{"import.kind_invalid", "应为 standards（标准）、parameters（参数）、methods（方法）、specifications（产品标准）或 prices（价格）",
                                        "must be standards, parameters, methods, specifications or prices"};
inline constexpr MessageDef kStandardWithYear{"import.standard_with_year", "应为带年代号的标准编号，例如 GB 5009.12-2023",
                                              "must be the number with its year, e.g. GB 5009.12-2023"};
inline constexpr MessageDef kInteger{"import.integer", "应为整数", "must be an integer"};
inline constexpr MessageDef kRecordDate{"import.record_date", "应为 YYYY-MM-DD 格式的日期，且不能晚于今天", "must be a date YYYY-MM-DD, not in the future"};
inline constexpr MessageDef kRecordNoRequired{"import.record_no_required", "填写记录日期时必填：记录编号", "required with a record date"};
inline constexpr MessageDef kImportPrice{"import.price_invalid", "应为人民币金额，例如 150.00", "must be a decimal amount in CNY, e.g. 150.00"};

inline constexpr MessageDef kLimitsArray{"spec.limits_array", "必填：限量列表", "required: an array of limits"};
inline constexpr MessageDef kMuRangesArray{"parameter.mu_ranges_array", "应为 {up_to, relative} 对象的数组（分段不确定度）",
                                           "must be an array of {up_to, relative}"};
inline constexpr MessageDef kMuRangeObject{"parameter.mu_range_object", "应为对象 {up_to, relative}", "must be an object {up_to, relative}"};
inline constexpr MessageDef kPriceRequired{"price.required", "必填：以文本表示的人民币金额，例如 \"150.00\"",
                                           "required: a decimal string in CNY, e.g. \"150.00\""};
inline constexpr MessageDef kPriceInvalid{"price.invalid", "应为不小于零的人民币金额，最多两位小数，例如 \"150.00\"",
                                          "must be a non-negative amount in CNY with at most 2 decimals, e.g. \"150.00\""};
inline constexpr MessageDef kPriceValidTo{"price.valid_to_before_from", "不能早于有效期起始日", "must be a date on or after valid_from"};
inline constexpr MessageDef kAlertWithin{"alert.within_invalid", "应为 0 至 3650 之间的天数", "must be a number of days from 0 to 3650"};
inline constexpr MessageDef kCommaIds{"staff.comma_ids", "应为以逗号分隔的编号", "must be comma-separated ids"};

inline constexpr MessageDef kMethodKind{"method.kind_invalid", "应为标准方法或非标准方法", "must be standard or non_standard"};
inline constexpr MessageDef kBelowLodStyle{"method.below_lod_style_invalid", "应为 lod（写作“<0.005”）或 nd（写作“未检出”）",
                                           "must be lod (\"<0.005\") or nd (未检出)"};
inline constexpr MessageDef kEquipmentTypeName{"method.equipment_type_invalid", "应为 1 至 50 个字符，不含逗号", "must be 1-50 characters without commas"};
inline constexpr MessageDef kMethodAlreadyWithdrawn{"method.already_withdrawn", "该方法已作废", "the method is already withdrawn"};
inline constexpr MessageDef kMethodChanged{"method.changed", "该方法已被他人修改，请刷新后重试", "the method was changed by someone else"};
inline constexpr MessageDef kRecordKind{"method.record_kind_invalid", "应为方法验证或方法确认", "must be verification or validation"};
inline constexpr MessageDef kNotInFuture{"method.record_in_future", "不能晚于今天", "must not be in the future"};
inline constexpr MessageDef kNeedsValidation{"method.needs_validation", "非标准方法（实验室自制或修改的方法）须有方法确认记录（R23）",
                                             "a non-standard (lab-developed or modified) method needs a validation record (R23)"};

inline constexpr MessageDef kDecimalsRange{"parameter.decimals_range", "应为 -10 至 10 位小数（负数表示修约到十位、百位……）",
                                           "must be -10 to 10 decimals (negative: tens, hundreds ...)"};
inline constexpr MessageDef kSignificantRange{"parameter.significant_range", "应为 1 至 10 位有效数字", "must be 1-10 significant figures"};
inline constexpr MessageDef kPrecisionKind{"parameter.precision_kind_invalid", "应为小数位数或有效数字", "must be decimals or significant"};
inline constexpr MessageDef kRoundingUnit{"parameter.rounding_unit_invalid", "应为 \"1\"、\"0.5\" 或 \"0.2\"（修约间隔的单位，GB/T 8170 3.4）",
                                          "must be \"1\", \"0.5\" or \"0.2\" (units of the place rounded to, GB/T 8170 3.4)"};
inline constexpr MessageDef kLoqBelowLod{"parameter.loq_below_lod", "不能低于检出限", "must not be below the LOD"};
inline constexpr MessageDef kMuValueRequired{"parameter.mu_value_required", "{model} 模型必填", "required for the {model} model"};
inline constexpr MessageDef kMuValueWithRange{"parameter.mu_value_with_range", "分段模型不填此项，请填写 mu_ranges（分段不确定度）",
                                              "not with the range model; give mu_ranges"};
inline constexpr MessageDef kRelativePercent{"parameter.relative_percent", "应为大于 0、不超过 100 的百分数", "must be a percent greater than 0, at most 100"};
inline constexpr MessageDef kMuModel{"parameter.mu_model_invalid", "应为 none（无）、absolute（绝对）、relative（相对）或 range（分段）",
                                     "must be none, absolute, relative or range"};
inline constexpr MessageDef kParameterTaken{"parameter.taken", "参数库中已有以 {unit} 为单位的“{name}”", "the register already has {name} in {unit}"};

inline constexpr MessageDef kStandardNumber{"standard.number_invalid", "应为不带年代号的标准编号，例如“GB 5009.12”或“GB/T 8170”",
                                            "must be a standard number such as 'GB 5009.12' or 'GB/T 8170', without the year"};
inline constexpr MessageDef kStandardYear{"standard.year_invalid", "应为标准的发布年份（1950 至 2100）", "must be the edition year, 1950-2100"};
inline constexpr MessageDef kStandardTaken{"standard.taken", "标准库中已有 {standard}", "the register already holds {standard}"};
inline constexpr MessageDef kStandardStatus{"standard.status_invalid", "应为作废或被替代", "must be withdrawn or replaced"};
inline constexpr MessageDef kReplacedByRequired{"standard.replaced_by_required", "状态为被替代时必填：替代标准", "required when the status is replaced"};
inline constexpr MessageDef kStandardChanged{"standard.changed", "该标准已被他人修改，请刷新后重试", "the standard was changed by someone else"};
inline constexpr MessageDef kStandardStatusFinal{"standard.status_final", "状态为 {status} 的标准不能再更改状态", "a {status} standard cannot change status"};
inline constexpr MessageDef kReplacementEdition{"standard.replacement_edition", "替代标准必须是 {number} 的另一个现行版本",
                                                "the replacement must be another current edition of {number}"};

inline constexpr MessageDef kComparisonMode{"spec.comparison_mode_invalid", "应为全数值比较法（full）或修约值比较法（rounded）",
                                            "must be full (全数值比较法) or rounded (修约值比较法)"};
inline constexpr MessageDef kSpecDecisionRule{"spec.decision_rule_invalid", "应为简单判定或保护带判定", "must be simple or guard_band"};
inline constexpr MessageDef kMinOp{"spec.min_op_invalid", "应为 >= 或 >", "must be >= or >"};
inline constexpr MessageDef kMaxOp{"spec.max_op_invalid", "应为 <= 或 <", "must be <= or <"};
inline constexpr MessageDef kMinWithOp{"spec.min_required", "填写 min_op 时必填：下限值", "required with min_op"};
inline constexpr MessageDef kMaxWithOp{"spec.max_required", "填写 max_op 时必填：上限值", "required with max_op"};
inline constexpr MessageDef kMinAboveMax{"spec.min_above_max", "下限不能大于上限", "must not exceed max"};

inline constexpr MessageDef kValidToAfterFrom{"qualification.valid_to_before_from", "应晚于有效期起始日", "must be after valid_from"};
inline constexpr MessageDef kQualificationTaken{"qualification.taken", "本实验室已登记 {scheme} 资质 {number}", "the lab already records {scheme} {number}"};
inline constexpr MessageDef kQualificationEventKind{"qualification.event_kind_invalid", "应为暂停、恢复、撤销或换证",
                                                    "must be suspend, reinstate, revoke or renew"};
inline constexpr MessageDef kDecisionRequired{"qualification.decision_required", "必填：决定内容及文号", "required: the decision and its reference"};
inline constexpr MessageDef kRenewalPeriod{"qualification.renewal_period_required", "换证时必填：新证书的有效期",
                                           "required for a renewal: the new certificate period"};
inline constexpr MessageDef kQualificationChanged{"qualification.changed", "该资质已被他人修改，请刷新后重试",
                                                  "the qualification was changed by someone else"};
inline constexpr MessageDef kQualificationCannot{"qualification.cannot_take", "资质状态为 {status}，不能进行“{kind}”",
                                                 "a {status} qualification cannot take '{kind}'"};
inline constexpr MessageDef kNotSchemeNumber{"qualification.number_invalid", "不是有效的{scheme}证书编号", "not a {scheme} number"};

inline constexpr MessageDef kScopeChangeKind{"scope.change_kind_invalid", "应为首次、扩项、变更或缩减", "must be initial, expansion, change or reduction"};
inline constexpr MessageDef kScopeRowsTooMany{"scope.rows_too_many", "每次变更最多 1000 个条目", "at most 1000 rows per change"};
inline constexpr MessageDef kRowToChange{"scope.row_to_change_required", "必填：要变更的条目", "required: the row to change"};
inline constexpr MessageDef kRowToRemove{"scope.row_to_remove_required", "必填：要删除的条目", "required: the row to remove"};
inline constexpr MessageDef kNoSuchScopeRow{"scope.no_such_row", "本实验室没有该{scheme}能力范围条目", "no such {scheme} scope row in this lab"};
inline constexpr MessageDef kCsvAddsRows{"scope.csv_adds_rows", "CSV 导入只能新增条目：应为首次或扩项", "a CSV import adds rows: initial or expansion"};
inline constexpr MessageDef kYesNo{"scope.mra_yes_no", "应为 是 或 否", "must be 是/否 (yes/no)"};
inline constexpr MessageDef kRowsArray{"scope.rows_array", "必填：能力范围条目列表", "required: an array of rows"};
inline constexpr MessageDef kEditionRequired{"scope.edition_required", "必填：所用标准的版本，例如 GB 5009.12-2023",
                                             "required: the edition used, e.g. GB 5009.12-2023"};

inline constexpr MessageDef kNcSource{"nc.source_invalid", "应为设备、能力验证、结果、质控、审核、投诉或其他",
                                      "must be equipment, pt, result, qc, audit, complaint or other"};
inline constexpr MessageDef kNcStep{"nc.step_invalid", "应为纠正措施、验证或关闭", "must be action, verify or close"};
inline constexpr MessageDef kNcTextRequired{"nc.text_required", "必填：纠正措施、验证情况或关闭说明",
                                            "required: the corrective action, the verification or the closing note"};
inline constexpr MessageDef kNcChanged{"nc.changed", "该不符合项已被他人修改，请刷新后重试", "the nonconformity was changed by someone else"};
inline constexpr MessageDef kNcCannot{"nc.cannot_take", "不符合项当前为 {status}，不能进行“{step}”", "an NC that is {status} cannot take '{step}'"};
inline constexpr MessageDef kNcBeforeOpened{"nc.before_opened", "不能早于不符合项的开启日期（{date}）", "is before the NC was opened ({date})"};
inline constexpr MessageDef kNcVerifyDate{"nc.verify_date", "验证日期应晚于不符合项的开启日期（{opened}），且不能早于纠正措施日期（{action}）",
                                          "a verification comes after the day the NC was opened ({opened}) and not before the corrective action ({action})"};
inline constexpr MessageDef kNcBeforeVerified{"nc.before_verified", "不能早于验证日期（{date}）", "is before the verification ({date})"};
// What the server writes into an NC it opens (R16, R25): stored as messages (assay/StoredReasons.hpp).
inline constexpr MessageDef kNcEquipment{"nc.equipment", "{equipment}：{what}", "{equipment}: {what}"};
inline constexpr MessageDef kNcOutOfService{"nc.equipment.out_of_service", "自 {date} 起停用（{reason}）", "set out of service from {date} ({reason})"};
inline constexpr MessageDef kNcImpactSinceGood{
    "nc.impact.since_good", "自上次合格的校准或核查（{from}）至 {to} 期间检测的 {results} 个结果和 {reports} 份报告须进行影响评估（R16）",
    "{results} result(s) and {reports} report(s) tested since the last good calibration or check on {from} up to {to} need an impact assessment (R16)"};
inline constexpr MessageDef kNcImpactSinceFirst{
    "nc.impact.since_first", "自首次使用至 {to} 期间检测的 {results} 个结果和 {reports} 份报告须进行影响评估（R16）",
    "{results} result(s) and {reports} report(s) tested since the first use up to {to} need an impact assessment (R16)"};
inline constexpr MessageDef kNcPtUnsatisfactory{"nc.pt.unsatisfactory", "{round}中{parameter}的能力验证结果不满意（U）：{score}",
                                                "unsatisfactory PT result (U) in {round} for {parameter}: {score}"};
inline constexpr MessageDef kNcPtSuspended{"nc.pt.suspended", "自 {date} 起暂停 {rows} 个能力范围条目，直至纠正措施经验证（R25）",
                                           "{rows} scope row(s) suspended from {date} until the corrective action is verified (R25)"};
inline constexpr MessageDef kNcPtNotSuspended{"nc.pt.not_suspended", "按本实验室的规定不暂停能力范围条目；请评估上次满意结果以来的检测结果",
                                              "scope rows not suspended (lab policy); assess the results since the last satisfactory round"};

inline constexpr MessageDef kEquipmentType{"equipment.type_invalid", "必填：1 至 50 个字符，不含逗号，与方法库中的设备类型名称一致",
                                           "required: 1-50 characters without commas, as the register's methods name it"};
inline constexpr MessageDef kAssetTaken{"equipment.asset_taken", "设备编号 {asset} 已被使用", "asset number {asset} is taken"};
inline constexpr MessageDef kEquipmentStatus{"equipment.status_invalid", "应为在用、停用或报废", "must be in_service, out_of_service or retired"};
inline constexpr MessageDef kEquipmentChanged{"equipment.changed", "该设备已被他人修改，请刷新后重试", "the equipment was changed by someone else"};
inline constexpr MessageDef kRetiredNoStatus{"equipment.retired_no_status", "已报废的设备不能再更改状态", "retired equipment does not change status"};
inline constexpr MessageDef kOutOfServiceFirst{"equipment.out_of_service_first", "请先将设备停用（R16 影响清单），再报废",
                                               "set the instrument out of service (R16 impact list) before retiring it"};
inline constexpr MessageDef kStatusAlready{"equipment.status_already", "设备已经是 {status} 状态", "the equipment is {status} already"};
inline constexpr MessageDef kBeforeLastStatus{"equipment.before_last_status", "不能早于上一次状态变更的日期（{date}）",
                                              "is before the last status change ({date})"};
inline constexpr MessageDef kCalibrationKind{"equipment.calibration_kind_invalid", "应为校准或检定", "must be calibration or verification"};
inline constexpr MessageDef kDueAfterPerformed{"equipment.due_after_performed", "应晚于校准或检定日期", "must be a date after performed_on"};
inline constexpr MessageDef kResultAsLeft{"equipment.result_as_left", "应为合格或不合格（校准后交还时的状态）", "must be pass or fail (the state as left)"};
inline constexpr MessageDef kAsFound{"equipment.as_found_invalid", "应为在允差内或超出允差", "must be in_tolerance or out_of_tolerance"};
inline constexpr MessageDef kRetiredNoCalibration{"equipment.retired_no_calibration", "已报废的设备不再记录校准或检定",
                                                  "retired equipment takes no calibration"};
inline constexpr MessageDef kPassOrFail{"equipment.pass_or_fail", "应为合格或不合格", "must be pass or fail"};

inline constexpr MessageDef kSubField{"pt.sub_field_required", "必填：认可的子领域（即能力范围中的类别）",
                                      "required: the accredited sub-field, as the scope's category"};
inline constexpr MessageDef kScoreKind{"pt.score_kind_invalid", "应为 z 或 En", "must be z or En"};
inline constexpr MessageDef kScoreRequired{"pt.score_required", "必填：以文本表示的数值", "required: a decimal string"};
inline constexpr MessageDef kPtChanged{"pt.changed", "该能力验证轮次已被他人修改，请刷新后重试", "the PT round was changed by someone else"};
inline constexpr MessageDef kPtResultKept{"pt.result_kept", "该轮次的结果已于 {date} 记录，不能再更改", "the round's result was recorded on {date}; it is kept as it is"};

inline constexpr MessageDef kIdNumberRequired{"staff.id_number_required", "必填：公民身份号码，用于在各检验检测机构之间识别同一人员（R14）",
                                              "required: the national ID number identifies the person across inspection bodies (R14)"};
inline constexpr MessageDef kIdNumberInvalid{"staff.id_number_invalid", "不是有效的公民身份号码：应为 17 位数字加 1 位校验码（GB 11643）",
                                             "not a national ID number: 17 digits and a check character (GB 11643)"};
inline constexpr MessageDef kNoSuchUser{"staff.no_such_user", "本实验室没有该用户", "no such user in this lab"};
inline constexpr MessageDef kJustActivatedElsewhere{
    "staff.just_active_elsewhere", "{name}（{id}）刚在其他检验检测机构登记为在岗技术人员；同一人员同一时间只能在一个检验检测机构执业",
    "{name} ({id}) was just activated as technical staff elsewhere; a person may be active in one inspection body at a time"};
inline constexpr MessageDef kActiveHere{"staff.active_here", "{name}（{id}）已是本实验室的在岗技术人员；同一人员同一时间只能在一个检验检测机构执业",
                                        "{name} ({id}) is active as technical staff in this lab already; a person may be active in one inspection body at a time"};
inline constexpr MessageDef kActiveElsewhere{
    "staff.active_elsewhere", "{name}（{id}）是其他检验检测机构的在岗技术人员；同一人员同一时间只能在一个检验检测机构执业",
    "{name} ({id}) is active as technical staff in another inspection body; a person may be active in one inspection body at a time"};
inline constexpr MessageDef kUserOnStaff{"staff.user_on_register", "该用户已在人员名单中", "the user is on the staff register already"};
inline constexpr MessageDef kDeactivationInFuture{
    "staff.deactivation_in_future", "不能晚于今天：请在停用生效当天记录，此前该人员仍在本实验室在岗（R14）",
    "is in the future: record a deactivation on the day it takes effect, so the person stays active here (R14) until then"};
inline constexpr MessageDef kStaffChanged{"staff.changed", "该人员记录已被他人修改，请刷新后重试", "the staff member was changed by someone else"};
inline constexpr MessageDef kStaffRecordKind{"staff.record_kind_invalid", "应为培训、能力确认或资格证书", "must be training, competence or qualification"};
inline constexpr MessageDef kValidUntil{"staff.valid_until_before_record", "不能早于记录日期", "must be a date on or after record_date"};
inline constexpr MessageDef kActivity{"staff.activity_invalid", "应为检测、校核或意见和解释", "must be perform, check or opinion"};
inline constexpr MessageDef kActivityOrSign{"staff.activity_or_sign_invalid", "应为检测、校核、意见和解释或签发",
                                            "must be perform, check, opinion or sign"};
inline constexpr MessageDef kMethodForActivity{"staff.method_required", "检测或校核授权必填：检测方法", "required to perform or check"};
inline constexpr MessageDef kMethodIsWithdrawn{"staff.method_withdrawn", "该方法已作废", "the method is withdrawn"};
inline constexpr MessageDef kAuthorizationEndedAlready{"staff.authorization_ended_already", "该授权已于 {date} 终止",
                                                       "the authorization ended on {date} already"};
inline constexpr MessageDef kSignatoryEndedAlready{"signatory.ended_already", "该授权签字人资格已于 {date} 终止",
                                                   "the signatory authorization ended on {date} already"};
inline constexpr MessageDef kAuthorizationEndedMeanwhile{"staff.authorization_ended_meanwhile", "该授权已被他人终止，请刷新后查看",
                                                         "the authorization was ended meanwhile"};
inline constexpr MessageDef kSignatoryEndedMeanwhile{"signatory.ended_meanwhile", "该授权签字人资格已被他人终止，请刷新后查看",
                                                     "the signatory authorization was ended meanwhile"};
inline constexpr MessageDef kAfterStart{"staff.end_after_start", "应晚于开始日期 {date}", "must be after its start {date}"};
inline constexpr MessageDef kFiledOn{"signatory.filed_on_invalid", "应为备案日期（YYYY-MM-DD）", "must be the filing date YYYY-MM-DD"};
inline constexpr MessageDef kFilingRef{"signatory.filing_ref_required", "必填：备案或自我声明的回执", "required: the filing or self-declaration receipt"};
inline constexpr MessageDef kSignatoryOwnAccount{
    "signatory.own_account", "{name} 没有本人的用户账号；授权签字人只能使用本人的账号和密钥签发，不能由他人代签",
    "{name} has no user account of their own; a signatory signs only with their own account and key, never through another person"};
inline constexpr MessageDef kDeactivatedNoAuthorization{"staff.deactivated_no_authorization", "{name} 自 {from} 起已停用，不能再授权",
                                                        "{name} is deactivated from {from}; no new authorization"};

inline constexpr MessageDef kMethodStandardNotCurrent{"method.standard_not_current", "{standard} 的状态为 {status}，新方法须引用现行标准",
                                                     "{standard} is {status}; a new method needs a current standard"};
inline constexpr MessageDef kAlreadyDeactivated{"staff.already_deactivated", "{name} 已于 {from} 停用", "{name} is deactivated from {from} already"};
inline constexpr MessageDef kPriceOverlapTo{"price.overlap_to", "已有价格 {amount}，有效期为 {from} 至 {to}；同一项目的价格有效期不能重叠",
                                            "a price of {amount} is valid from {from} to {to}; prices of one item may not overlap"};
inline constexpr MessageDef kPriceOverlapOn{"price.overlap_on", "已有价格 {amount}，自 {from} 起有效；同一项目的价格有效期不能重叠",
                                            "a price of {amount} is valid from {from} on; prices of one item may not overlap"};

inline constexpr MessageDef kNcOutOfTolerance{"nc.equipment.out_of_tolerance", "{date} 的{kind}（证书 {certificate}）发现其超出允差",
                                             "{kind} {certificate} of {date} found it out of tolerance"};
inline constexpr MessageDef kNcFailedCheck{"nc.equipment.failed_check", "{date} 的期间核查不合格", "failed its intermediate check of {date}"};
inline constexpr MessageDef kNcToBeAssessed{"nc.impact.to_be_assessed", "待评估", "to be assessed"};

inline constexpr MessageDef kHeaderAndRows{"import.header_and_rows", "须有一行表头和至少一行数据", "a header row and at least one row are needed"};
inline constexpr MessageDef kMethodInRegister{"import.method_in_register", "该方法已在方法库中", "the method is in the register already"};
inline constexpr MessageDef kPeriodSixYears{"qualification.period_six_years", "证书有效期最长 6 年", "a certificate period is at most 6 years"};
inline constexpr MessageDef kCmaNumber{"qualification.cma_number", "CMA 证书编号为 12 位数字，例如 202619000123", "a CMA certificate number has 12 digits, e.g. 202619000123"};
inline constexpr MessageDef kCnasNumber{"qualification.cnas_number", "CNAS 认可证书编号形如“CNAS L1234”", "a CNAS accreditation number looks like 'CNAS L1234'"};
inline constexpr MessageDef kIlacOnlyCnas{"qualification.ilac_only_cnas", "只有 CNAS 认可才能允许使用 ILAC-MRA 组合标志",
                                          "only a CNAS accreditation can permit the ILAC-MRA combined mark"};
inline constexpr MessageDef kOnlyRenewalPeriod{"qualification.only_renewal_period", "只有换证才能设定新的有效期", "only a renewal sets a new period"};
inline constexpr MessageDef kOnlyRenewalNumber{"qualification.only_renewal_number", "只有换证才能更改证书编号", "only a renewal changes the number"};
inline constexpr MessageDef kBeforeGranted{"qualification.before_granted", "不能早于发证日期（{date}）", "is before the certificate was granted ({date})"};
inline constexpr MessageDef kBeforeLastEvent{"qualification.before_last_event", "不能早于上一条记录的日期（{date}）：历史记录按日期顺序保存",
                                             "is before the last recorded event ({date}); the history is kept in date order"};
inline constexpr MessageDef kRenewalEnds{"qualification.renewal_ends", "换证后的有效期须晚于当前有效期的截止日（{date}）",
                                         "a renewal must end after the current period ({date})"};
inline constexpr MessageDef kNewRowNoId{"scope.new_row_no_id", "新增条目不能带 row_id；修改已有条目请使用变更",
                                        "a new row has no row_id; use a change to revise a row"};
inline constexpr MessageDef kReductionOnlyRow{"scope.reduction_only_row", "缩减只需注明要删除的条目", "a reduction names only the row to remove"};
inline constexpr MessageDef kMraOnlyCnas{"scope.mra_only_cnas", "只有 CNAS 条目才能纳入 ILAC-MRA", "only CNAS rows are covered by the ILAC-MRA"};
inline constexpr MessageDef kSameRow{"scope.same_row", "能力范围中已有相同的条目（条目 {row}）", "the same row is already in the scope (row {row})"};
inline constexpr MessageDef kRowEnded{"scope.row_ended", "该条目自 {date} 起已不再有效，不能再变更", "the row is no longer in force from {date}; it cannot change again"};
inline constexpr MessageDef kAfterRevision{"scope.after_revision", "变更的生效日期须晚于该条目当前版本的生效日期（{date}）",
                                           "the change must take effect after the row's current revision (in force from {date})"};
inline constexpr MessageDef kChangesNothing{"scope.changes_nothing", "此次变更没有修改该条目的任何内容", "the change changes nothing in the row"};
inline constexpr MessageDef kRelativeAtMost100{"parameter.relative_at_most_100", "相对不确定度为百分数，最大 100", "a relative uncertainty is a percent, at most 100"};
inline constexpr MessageDef kOnlyRangeModel{"parameter.only_range_model", "仅用于分段模型", "only with the range model"};
inline constexpr MessageDef kLastBandOpen{"parameter.last_band_open", "最后一段的上限应为空（不设上限）", "the last band must be open-ended (null)"};
inline constexpr MessageDef kOnlyLastBandOpen{"parameter.only_last_band_open", "只有最后一段可以不设上限", "only the last band may be open-ended"};
inline constexpr MessageDef kOnlyWithReplaced{"standard.only_with_replaced", "仅在状态为被替代时填写", "only with the status replaced"};
inline constexpr MessageDef kMandatedDeadline{"pt.mandated_deadline", "强制参加的轮次须填写截止日期", "a mandated round needs its deadline"};
inline constexpr MessageDef kAccountDeactivated{"staff.account_deactivated", "该账号已停用", "the account is deactivated"};
inline constexpr MessageDef kOpinionNoMethod{"staff.opinion_no_method", "意见和解释授权不指定检测方法", "an opinion authorization names no method"};

inline std::vector<const MessageDef*> all() {
    return {&kScopeNotDate, &kScopeParameterOut, &kScopeParameterOutDated, &kScopeProductOut, &kScopeSiteOut, &kScopeOtherEdition,
            &kScopeStandardOut, &kScopeSuspended, &kScopeClauseOut, &kScopeClauseMissing, &kScopeIn, &kScopeInCategory,
            &kTestDateNotDate, &kMethodNotInRegister, &kMethodWithdrawn, &kMethodNoVerification, &kMethodNoValidation,
            &kNobodyAuthorized, &kNoEquipmentOfType, &kNoUsableOfType, &kEquipmentNotYet, &kEquipmentRetired,
            &kEquipmentOutOfService, &kEquipmentNoCalibration, &kEquipmentFailedCalibration, &kEquipmentCalibrationDue,
            &kEquipmentFailedCheck, &kMaterialExpired, &kMaterialNotInRegister, &kEquipmentNotInRegister, &kKindCalibration, &kKindVerification, &kBecause, &kAlso, &kDateNotDate, &kNotOnStaff, &kDeactivated,
            &kActivityPerform, &kActivityCheck, &kNoAuthorization, &kAuthorizationLater, &kAuthorizationEnded, &kSameChecker,
            &kSameCheckerPerson, &kNoOpinion, &kSigningDateNotDate, &kSignatoryFiledLater, &kSignatoryNone, &kSignatoryOtherScheme,
            &kSignatoryParametersLater, &kSignatoryNotCovering,
            &kSchemeRequired, &kNoSuchStandard, &kNoSuchParameter, &kNoSuchMethod, &kEncoding, &kNotText, &kNotTextIn, &kImportRowsTooMany, &kImportKind, &kStandardWithYear, &kInteger, &kRecordDate, &kRecordNoRequired, &kImportPrice, &kLimitsArray, &kMuRangesArray, &kMuRangeObject, &kPriceRequired, &kPriceInvalid, &kPriceValidTo, &kAlertWithin, &kCommaIds, &kMethodKind, &kBelowLodStyle, &kEquipmentTypeName, &kMethodAlreadyWithdrawn, &kMethodChanged, &kRecordKind, &kNotInFuture, &kNeedsValidation, &kDecimalsRange, &kSignificantRange, &kPrecisionKind, &kRoundingUnit, &kLoqBelowLod, &kMuValueRequired, &kMuValueWithRange, &kRelativePercent, &kMuModel, &kParameterTaken, &kStandardNumber, &kStandardYear, &kStandardTaken, &kStandardStatus, &kReplacedByRequired, &kStandardChanged, &kStandardStatusFinal, &kReplacementEdition, &kComparisonMode, &kSpecDecisionRule, &kMinOp, &kMaxOp, &kMinWithOp, &kMaxWithOp, &kMinAboveMax, &kValidToAfterFrom, &kQualificationTaken, &kQualificationEventKind, &kDecisionRequired, &kRenewalPeriod, &kQualificationChanged, &kQualificationCannot, &kNotSchemeNumber, &kScopeChangeKind, &kScopeRowsTooMany, &kRowToChange, &kRowToRemove, &kNoSuchScopeRow, &kCsvAddsRows, &kYesNo, &kRowsArray, &kEditionRequired, &kNcSource, &kNcStep, &kNcTextRequired, &kNcChanged, &kNcCannot, &kNcBeforeOpened, &kNcVerifyDate, &kNcBeforeVerified, &kNcEquipment, &kNcOutOfService, &kNcImpactSinceGood, &kNcImpactSinceFirst, &kNcPtUnsatisfactory, &kNcPtSuspended, &kNcPtNotSuspended, &kEquipmentType, &kAssetTaken, &kEquipmentStatus, &kEquipmentChanged, &kRetiredNoStatus, &kOutOfServiceFirst, &kStatusAlready, &kBeforeLastStatus, &kCalibrationKind, &kDueAfterPerformed, &kResultAsLeft, &kAsFound, &kRetiredNoCalibration, &kPassOrFail, &kSubField, &kScoreKind, &kScoreRequired, &kPtChanged, &kPtResultKept, &kIdNumberRequired, &kIdNumberInvalid, &kNoSuchUser, &kJustActivatedElsewhere, &kActiveHere, &kActiveElsewhere, &kUserOnStaff, &kDeactivationInFuture, &kStaffChanged, &kStaffRecordKind, &kValidUntil, &kActivity, &kActivityOrSign, &kMethodForActivity, &kMethodIsWithdrawn, &kAuthorizationEndedAlready, &kSignatoryEndedAlready, &kAuthorizationEndedMeanwhile, &kSignatoryEndedMeanwhile, &kAfterStart, &kFiledOn, &kFilingRef, &kSignatoryOwnAccount, &kDeactivatedNoAuthorization, &kMethodStandardNotCurrent, &kAlreadyDeactivated, &kPriceOverlapTo, &kPriceOverlapOn,
            &kNcOutOfTolerance, &kNcFailedCheck, &kNcToBeAssessed,
            &kHeaderAndRows, &kMethodInRegister, &kPeriodSixYears, &kCmaNumber, &kCnasNumber, &kIlacOnlyCnas, &kOnlyRenewalPeriod, &kOnlyRenewalNumber, &kBeforeGranted, &kBeforeLastEvent, &kRenewalEnds, &kNewRowNoId, &kReductionOnlyRow, &kMraOnlyCnas, &kSameRow, &kRowEnded, &kAfterRevision, &kChangesNothing, &kRelativeAtMost100, &kOnlyRangeModel, &kLastBandOpen, &kOnlyLastBandOpen, &kOnlyWithReplaced, &kMandatedDeadline, &kAccountDeactivated, &kOpinionNoMethod};
}

}  // namespace assay::accreditation::msg
