// RegisterService: the lab register (standards so far), with its rules and audit trail.
//
// Purpose: managers keep the register of their own lab; every signed-in member of the lab reads
// it. A standard is one edition (number + year); it changes only by status (current ->
// withdrawn, or current -> replaced by a newer current edition of the same lab), with a
// reason, audited. RegisterLookup implements the published Register interface over the same tables.
// Tenancy: the lab is always the principal's organization, which must be a lab; another lab's
// record is a 404.
// Ownership: borrows the host's Db, Clock, IdGenerator, AuditLog and the identity module's
// OrganizationDirectory.
// Thread-safety: safe from any request thread.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Csv.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Principal.hpp"
#include "assay/accreditation/Register.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "domain/Standard.hpp"
#include "domain/Price.hpp"
#include "storage/PriceRepository.hpp"
#include "storage/RegisterRepository.hpp"

namespace assay::accreditation {

struct StandardInput {
    std::string number;  // "GB 5009.12"
    int year = 0;        // 2023
    std::string title;
};

struct MethodInput {
    std::int64_t standardId = 0;
    std::optional<std::string> clause;
    std::string name;
    std::optional<std::string> principle;
    std::string kind;  // standard | non_standard
    std::vector<std::string> equipmentTypes;
    std::optional<std::string> belowLodStyle;  // lod | nd
};

struct MethodRecordInput {
    std::string kind;        // verification | validation
    std::string recordDate;  // YYYY-MM-DD
    std::string recordNo;
    std::optional<std::string> summary;
};

class RegisterService final {
public:
    RegisterService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit,
                    identity::OrganizationDirectory& orgs)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), orgs_(orgs) {}

    // Problems of a new standard's fields, for a single 400 together with JSON problems.
    static std::vector<FieldError> standardProblems(const StandardInput& in);
    // Splits "GB 5009.12-2023" into number and year; empty when malformed.
    static std::optional<std::pair<std::string, int>> parseDesignation(const std::string& designation);

    // Errors: 400 naming each bad field; 409 when the lab already has this edition;
    // 422 when the principal does not belong to a lab.
    Standard createStandard(const Principal& p, const StandardInput& in, const std::string& requestId);
    // Errors: 404 when absent or another lab's.
    Standard standard(const Principal& p, std::int64_t id);
    std::vector<Standard> standards(const Principal& p, std::int64_t afterId, int limit,
                                    const std::optional<std::string>& status);
    // Withdraws or replaces a current standard. Errors: 400 (status, replaced_by, reason);
    // 404; 409 when it is not current (allowed: none) or the replacement is not a current
    // standard of the same number; 412 when expectedVersion is stale.
    Standard changeStandardStatus(const Principal& p, std::int64_t id, int expectedVersion, const std::string& status,
                                  std::optional<std::int64_t> replacedBy, const std::string& reason,
                                  const std::string& requestId);

    static std::vector<FieldError> methodProblems(const MethodInput& in);
    // Errors: 400 naming each bad field (standard_id unknown in this lab included); 422 when the
    // standard is not current.
    Method createMethod(const Principal& p, const MethodInput& in, const std::string& requestId);
    Method method(const Principal& p, std::int64_t id);
    std::vector<Method> methods(const Principal& p, std::int64_t afterId, int limit);
    // Errors: 400 without a reason; 404; 409 when already withdrawn; 412 stale version.
    Method withdrawMethod(const Principal& p, std::int64_t id, int expectedVersion, const std::string& reason,
                          const std::string& requestId);
    // Adds a dated verification (standard methods) or validation record. Errors: 400 naming
    // kind (a non-standard method needs a validation), record_date (malformed or in the future),
    // record_no; 404 for an unknown method.
    MethodRecord addMethodRecord(const Principal& p, std::int64_t methodId, const MethodRecordInput& in,
                                 const std::string& requestId);
    std::vector<MethodRecord> methodRecords(const Principal& p, std::int64_t methodId);

    // Problems of a parameter definition: names, unit, precision range, LOD/LOQ positive with
    // LOQ >= LOD, the uncertainty model and its value or bands (ascending, last open-ended).
    static std::vector<FieldError> parameterProblems(const Parameter& in);
    // Errors: 400 naming each bad field; 409 when the lab has this name and unit already.
    Parameter createParameter(const Principal& p, Parameter in, const std::string& requestId);
    Parameter parameter(const Principal& p, std::int64_t id);
    std::vector<Parameter> parameters(const Principal& p, std::int64_t afterId, int limit);

    static std::vector<FieldError> specificationProblems(const Specification& in);
    // Creates the next version of the named specification (version 1 for a new name) and marks
    // the previous version superseded. Errors: 400 naming each bad field (unknown standard_id
    // or limits[i].parameter_id in this lab included).
    Specification createSpecification(const Principal& p, Specification in, const std::string& requestId);
    Specification specification(const Principal& p, std::int64_t id);
    std::vector<Specification> specifications(const Principal& p, std::int64_t afterId, int limit);

    // Adds the rows of a CSV file (UTF-8 or GB18030; header row by Chinese or English names):
    // kind "standards" (标准编号/standard "GB 5009.12-2023", 标题/title), "parameters" (项目/name_zh,
    // 英文名称/name_en, 单位/unit, 修约方式/precision_kind (小数位/有效数字 or decimals/significant),
    // 修约位数/precision_digits, 修约单位/rounding_unit (1, 0.5 or 0.2; 0.5单位/0.2单位), 检出限/lod,
    // 定量限/loq, 不确定度模型/mu_model, 不确定度/mu_value) or
    // "methods" (依据的标准/standard, 方法/clause, 方法名称/name, 原理/principle, 类型/kind (标准方法/非标方法),
    // 设备类型/equipment_types separated by 、 ; or |, and 验证日期/record_date + 记录编号/record_no for
    // the verification or validation record that makes the method usable, R23), "specifications"
    // (规范/name, 依据的标准/standard, 项目/parameter, 单位/unit, 产品/product_category, 下限符号/min_op,
    // 下限/min, 上限符号/max_op, 上限/max, 条款/clause, 判定方式/comparison_mode (全数值比较法/修约值比较法),
    // 判定规则/decision_rule (简单接受/保护带): the rows of one name become its next version) or "prices"
    // (项目/parameter, 单位/unit, 方法名称/method, 价格/price, 生效日期/valid_from, 截止日期/valid_to).
    // All rows or none; returns how many were added. Errors: 400 naming the body, the header and
    // each bad cell as line[N].column (entries already in the register included).
    int importRegister(const Principal& p, const std::string& kind, const std::string& encoding, const std::string& bytes,
                       const std::string& requestId);
    // Problems of a price: amount (a non-negative decimal with at most 2 decimals), dates.
    static std::vector<FieldError> priceProblems(const Price& in);
    // Errors: 400 naming each bad field (unknown parameter_id or method_id included); 409 when
    // the period overlaps another price of the same parameter and method.
    Price createPrice(const Principal& p, Price in, const std::string& requestId);
    std::vector<Price> prices(const Principal& p, std::int64_t afterId, int limit);
    // Errors: 404 when absent or another lab's.
    Price price(const Principal& p, std::int64_t id);

    // The demo lab's standards (DOMAIN.md); idempotent.
    void seedDemo(const std::string& labCode);

private:
    std::int64_t labOf(const Principal& p);
    Standard insertStandardIn(Tx& tx, const Principal& p, std::int64_t lab, const StandardInput& in, const std::string& requestId);
    Parameter insertParameterIn(Tx& tx, const Principal& p, std::int64_t lab, Parameter in, const std::string& requestId);
    Method insertMethodIn(Tx& tx, const Principal& p, std::int64_t lab, const StandardRef& standard, const MethodInput& in,
                          const std::string& requestId);
    MethodRecord insertMethodRecordIn(Tx& tx, const Principal& p, std::int64_t lab, std::int64_t methodId,
                                      const MethodRecordInput& in, const std::string& requestId);
    // One CSV row of an import (cells by column name): the row's problems, or empty when it was added.
    using Cell = std::function<std::string(const std::string&)>;
    std::vector<FieldError> importStandardRow(Tx& tx, const Principal& p, std::int64_t lab, const Cell& cell, const std::string& requestId);
    std::vector<FieldError> importParameterRow(Tx& tx, const Principal& p, std::int64_t lab, const Cell& cell, const std::string& requestId);
    std::vector<FieldError> importMethodRow(Tx& tx, const Principal& p, std::int64_t lab, const Cell& cell, const std::string& requestId);
    std::vector<FieldError> importPriceRow(Tx& tx, const Principal& p, std::int64_t lab, const Cell& cell, const std::string& requestId);
    // Adds one new version per specification name in the file; appends problems to errors.
    int importSpecifications(Tx& tx, const Principal& p, std::int64_t lab, const CsvResult& csv,
                             const CsvColumns& col, std::vector<FieldError>& errors,
                             const std::string& requestId);
    // The register's parameter of that name (and unit, when given); else appends a "parameter" problem.
    std::optional<Parameter> parameterNamed(Tx& tx, std::int64_t lab, const std::string& name, const std::string& unit,
                                            std::vector<FieldError>& errors);
    Specification insertSpecificationIn(Tx& tx, const Principal& p, std::int64_t lab, Specification in,
                                        const std::string& requestId);
    // The problem when in overlaps a price of the same parameter and method; empty otherwise.
    std::optional<std::string> overlappingPrice(Tx& tx, std::int64_t lab, const Price& in);
    Price insertPriceIn(Tx& tx, const Principal& p, std::int64_t lab, Price in, const Parameter& param, const Method& method,
                        const std::string& requestId);
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    identity::OrganizationDirectory& orgs_;
    RegisterRepository repo_;
    PriceRepository prices_;
};

}  // namespace assay::accreditation
