// RegisterImport: adds the rows of a CSV file to the lab register, all rows or none.
//
// Purpose: one use case, one transaction: the file is decoded and checked, then every row is
// checked against the register and stored through the aggregate services' insert...In(Tx&, ...)
// functions inside the one db_.write, so a file with one bad cell stores nothing.
// Tenancy: the lab is always the principal's organization, which must be a lab.
// Ownership: borrows the host's Db and Clock and the register's aggregate services.
// Thread-safety: safe from any request thread.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "assay/Csv.hpp"
#include "assay/Db.hpp"
#include "assay/Error.hpp"
#include "assay/Principal.hpp"
#include "domain/MethodService.hpp"
#include "domain/ParameterService.hpp"
#include "domain/PriceService.hpp"
#include "domain/SpecificationService.hpp"
#include "domain/StandardService.hpp"
#include "storage/RegisterRepository.hpp"

namespace assay::accreditation {

class RegisterImport final {
public:
    RegisterImport(Db& db, const Clock& clock, StandardService& standards, MethodService& methods,
                   ParameterService& parameters, SpecificationService& specifications, PriceService& prices)
        : db_(db), clock_(clock), standards_(standards), methods_(methods), parameters_(parameters),
          specifications_(specifications), prices_(prices) {}

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

private:
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

    Db& db_;
    const Clock& clock_;
    StandardService& standards_;
    MethodService& methods_;
    ParameterService& parameters_;
    SpecificationService& specifications_;
    PriceService& prices_;
    RegisterRepository repo_;
};

}  // namespace assay::accreditation
