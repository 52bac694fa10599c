// RegisterImport: the register's CSV import, all rows of a file in one transaction or none.
#include "domain/RegisterImport.hpp"
#include "domain/AccreditationMessages.hpp"

#include <algorithm>
#include <map>

#include "assay/Messages.hpp"
#include "assay/Csv.hpp"
#include "assay/Error.hpp"
#include "assay/Text.hpp"
#include "domain/Dates.hpp"
#include "domain/LabTenancy.hpp"

namespace assay::accreditation {

int RegisterImport::importRegister(const Principal& p, const std::string& kind, const std::string& encoding,
                                    const std::string& bytes, const std::string& requestId) {
    static const std::map<std::string, std::map<std::string, std::string>> kColumns{
        {"standards", {{"标准编号", "standard"}, {"standard", "standard"}, {"标题", "title"}, {"标准名称", "title"}, {"title", "title"}}},
        {"parameters",
         {{"项目", "name_zh"}, {"name_zh", "name_zh"}, {"英文名称", "name_en"}, {"name_en", "name_en"}, {"单位", "unit"}, {"unit", "unit"},
          {"修约方式", "precision_kind"}, {"precision_kind", "precision_kind"}, {"修约位数", "precision_digits"},
          {"precision_digits", "precision_digits"}, {"修约单位", "rounding_unit"}, {"rounding_unit", "rounding_unit"},
          {"检出限", "lod"}, {"lod", "lod"}, {"定量限", "loq"}, {"loq", "loq"},
          {"不确定度模型", "mu_model"}, {"mu_model", "mu_model"}, {"不确定度", "mu_value"}, {"mu_value", "mu_value"}}},
        {"methods",
         {{"依据的标准", "standard"}, {"standard", "standard"}, {"方法", "clause"}, {"clause", "clause"}, {"方法名称", "name"},
          {"name", "name"}, {"原理", "principle"}, {"principle", "principle"}, {"类型", "kind"}, {"kind", "kind"},
          {"设备类型", "equipment_types"}, {"equipment_types", "equipment_types"}, {"验证日期", "record_date"},
          {"record_date", "record_date"}, {"记录编号", "record_no"}, {"record_no", "record_no"}}},
        {"specifications",
         {{"规范", "name"}, {"name", "name"}, {"依据的标准", "standard"}, {"standard", "standard"}, {"项目", "parameter"},
          {"parameter", "parameter"}, {"单位", "unit"}, {"unit", "unit"}, {"产品", "product_category"},
          {"product_category", "product_category"}, {"下限符号", "min_op"}, {"min_op", "min_op"}, {"下限", "min"}, {"min", "min"},
          {"上限符号", "max_op"}, {"max_op", "max_op"}, {"上限", "max"}, {"max", "max"}, {"条款", "clause"}, {"clause", "clause"},
          {"判定方式", "comparison_mode"}, {"comparison_mode", "comparison_mode"}, {"判定规则", "decision_rule"},
          {"decision_rule", "decision_rule"}}},
        {"prices",
         {{"项目", "parameter"}, {"parameter", "parameter"}, {"单位", "unit"}, {"unit", "unit"}, {"方法名称", "method"},
          {"method", "method"}, {"价格", "price"}, {"price", "price"}, {"生效日期", "valid_from"}, {"valid_from", "valid_from"},
          {"截止日期", "valid_to"}, {"valid_to", "valid_to"}}}};
    auto columns = kColumns.find(kind);
    if (columns == kColumns.end())
        throw Error::invalidField("kind", msg::kImportKind);
    if (encoding != "auto" && encoding != "utf-8" && encoding != "gb18030")
        throw Error::invalidField("encoding", msg::kEncoding);
    auto text = decodeText(bytes, encoding);
    if (!text) throw Error::invalidField("body", msg::kNotText);
    CsvResult csv = parseCsv(*text);
    std::vector<FieldError> errors;
    for (const auto& d : csv.diagnostics) errors.push_back({"body", d});
    if (csv.rows.size() < 2) errors.push_back({"body", msg::kHeaderAndRows});
    if (csv.rows.size() > 1001) errors.push_back({"body", msg::kImportRowsTooMany});
    const std::vector<std::string> required =
        kind == "standards"    ? std::vector<std::string>{"standard", "title"}
        : kind == "parameters"     ? std::vector<std::string>{"name_zh", "unit", "precision_kind", "precision_digits", "mu_model"}
        : kind == "methods"        ? std::vector<std::string>{"standard", "name", "equipment_types"}
        : kind == "specifications" ? std::vector<std::string>{"name", "parameter", "product_category"}
                                   : std::vector<std::string>{"parameter", "method", "price", "valid_from"};
    const CsvColumns col = csvColumns(csv.rows.empty() ? CsvRow{} : csv.rows[0], columns->second, required, errors);
    csvTextProblems(csv, col, {"principle"}, errors);
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        errors.clear();  // the body may run again after a BUSY or deadlock retry
        int added = 0;
        if (kind == "specifications") {
            added = importSpecifications(tx, p, lab, csv, col, errors, requestId);
            if (!errors.empty()) throw Error::invalid(errors);
            return added;
        }
        for (std::size_t r = 1; r < csv.rows.size(); ++r) {
            const auto& row = csv.rows[r];
            const std::string at = "line[" + std::to_string(row.line) + "].";
            const Cell cell = [&](const std::string& name) { return csvCell(row, col, name); };
            std::vector<FieldError> rowErrors = kind == "standards"    ? importStandardRow(tx, p, lab, cell, requestId)
                                                : kind == "parameters" ? importParameterRow(tx, p, lab, cell, requestId)
                                                : kind == "methods"    ? importMethodRow(tx, p, lab, cell, requestId)
                                                                       : importPriceRow(tx, p, lab, cell, requestId);
            for (auto& e : rowErrors) errors.push_back({at + e.field, e.message});
            if (rowErrors.empty()) ++added;
        }
        if (errors.size() > 200) {  // enough to fix the file; the rest after the next try
            const std::size_t more = errors.size() - 200;
            errors.erase(errors.begin() + 200, errors.end());
            errors.push_back({"body", std::to_string(more) + " more problems not listed"});
        }
        if (!errors.empty()) throw Error::invalid(errors);  // nothing of the file is stored
        return added;
    });
}

std::vector<FieldError> RegisterImport::importStandardRow(Tx& tx, const Principal& p, std::int64_t lab, const Cell& cell,
                                                           const std::string& requestId) {
    auto d = StandardService::parseDesignation(cell("standard"));
    StandardInput in{d ? d->first : cell("standard"), d ? d->second : 0, cell("title")};
    std::vector<FieldError> errors;
    if (!d) errors.push_back({"standard", msg::kStandardWithYear});
    for (const auto& e : StandardService::standardProblems(in))
        if (d || e.field == "title") errors.push_back({e.field == "number" || e.field == "year" ? "standard" : e.field, e.message});
    if (errors.empty() && repo_.findStandardByEdition(tx, lab, in.number, in.year))
        errors.push_back({"standard", in.number + "-" + std::to_string(in.year) + " is in the register already"});
    if (errors.empty()) standards_.insertStandardIn(tx, p, lab, in, requestId);
    return errors;
}

std::vector<FieldError> RegisterImport::importParameterRow(Tx& tx, const Principal& p, std::int64_t lab, const Cell& cell,
                                                            const std::string& requestId) {
    Parameter x;
    x.nameZh = cell("name_zh");
    if (!cell("name_en").empty()) x.nameEn = cell("name_en");
    x.unit = cell("unit");
    const std::string kindCell = cell("precision_kind");
    x.precisionKind = kindCell == "小数位" ? "decimals" : kindCell == "有效数字" ? "significant" : kindCell;
    const std::string unitCell = cell("rounding_unit");  // empty: 1; "0.5单位" as the standard names it
    x.roundingUnit = unitCell.empty() ? "1" : unitCell == "0.5单位" ? "0.5" : unitCell == "0.2单位" ? "0.2" : unitCell;
    std::vector<FieldError> errors;
    try {
        std::size_t used = 0;
        x.precisionDigits = std::stoi(cell("precision_digits"), &used);
        if (used != cell("precision_digits").size()) throw std::invalid_argument("digits");
    } catch (const std::exception&) {
        errors.push_back({"precision_digits", msg::kInteger});
    }
    for (const char* name : {"lod", "loq", "mu_value"}) {
        if (cell(name).empty()) continue;
        auto v = Decimal::parse(cell(name));
        if (!v) errors.push_back({name, assay::msg::kNotDecimal});
        else if (std::string(name) == "lod") x.lod = v;
        else if (std::string(name) == "loq") x.loq = v;
        else x.muValue = v;
    }
    x.muModel = cell("mu_model").empty() ? "none" : cell("mu_model");
    for (const auto& e : ParameterService::parameterProblems(x))
        if (std::none_of(errors.begin(), errors.end(), [&](const FieldError& o) { return o.field == e.field; })) errors.push_back(e);
    if (errors.empty() && repo_.findParameterByName(tx, lab, x.nameZh, x.unit))
        errors.push_back({"name_zh", x.nameZh + " in " + x.unit + " is in the register already"});
    if (errors.empty()) parameters_.insertParameterIn(tx, p, lab, x, requestId);
    return errors;
}

std::vector<FieldError> RegisterImport::importMethodRow(Tx& tx, const Principal& p, std::int64_t lab, const Cell& cell,
                                                         const std::string& requestId) {
    std::vector<FieldError> errors;
    auto d = StandardService::parseDesignation(cell("standard"));
    auto standard = d ? repo_.findStandardByEdition(tx, lab, d->first, d->second) : std::nullopt;
    if (!standard) errors.push_back({"standard", "no standard '" + cell("standard") + "' (number-year) in the register"});
    else if (standard->ref.status != StandardStatus::Current)
        errors.push_back({"standard", standard->ref.designation() + " is " + toString(standard->ref.status)});
    MethodInput in;
    in.standardId = standard ? standard->ref.id : 1;
    if (!cell("clause").empty()) in.clause = cell("clause");
    in.name = cell("name");
    if (!cell("principle").empty()) in.principle = cell("principle");
    const std::string kind = cell("kind");
    in.kind = kind == "标准方法" || kind.empty() ? "standard" : kind == "非标方法" ? "non_standard" : kind;
    // Equipment types separated by 、 ; or |.
    std::string types = cell("equipment_types");
    for (const std::string sep : {"、", ";", "|"})
        for (std::size_t at = types.find(sep); at != std::string::npos; at = types.find(sep)) types.replace(at, sep.size(), ",");
    for (std::size_t i = 0; i <= types.size();) {
        std::size_t j = types.find(',', i);
        if (j == std::string::npos) j = types.size();
        std::string t = types.substr(i, j - i);
        while (!t.empty() && t.front() == ' ') t.erase(0, 1);
        while (!t.empty() && t.back() == ' ') t.pop_back();
        if (!t.empty()) in.equipmentTypes.push_back(t);
        i = j + 1;
    }
    for (const auto& e : MethodService::methodProblems(in))
        if (e.field != "standard_id") errors.push_back(e);
    // The verification (standard) or validation (non-standard) record that makes it usable (R23).
    std::optional<MethodRecordInput> record;
    if (!cell("record_date").empty() || !cell("record_no").empty()) {
        record = MethodRecordInput{in.kind == "non_standard" ? "validation" : "verification", cell("record_date"), cell("record_no"),
                                   std::nullopt};
        if (!isDate(record->recordDate) || record->recordDate > isoDateInLab(clock_.now()))
            errors.push_back({"record_date", msg::kRecordDate});
        if (record->recordNo.empty()) errors.push_back({"record_no", msg::kRecordNoRequired});
        tooLong(errors, "record_no", record->recordNo, 64);
    }
    if (!errors.empty()) return errors;
    for (const auto& m : repo_.findMethodsByName(tx, lab, in.name))
        if (m.ref.standard.id == in.standardId) return {{"name", msg::kMethodInRegister}};
    Method m = methods_.insertMethodIn(tx, p, lab, standard->ref, in, requestId);
    if (record) methods_.insertMethodRecordIn(tx, p, lab, m.ref.id, *record, requestId);
    return errors;
}


int RegisterImport::importSpecifications(Tx& tx, const Principal& p, std::int64_t lab, const CsvResult& csv,
                                          const CsvColumns& col, std::vector<FieldError>& errors,
                                          const std::string& requestId) {
    // Rows of one specification name form one new version, in file order.
    std::vector<std::string> order;
    std::map<std::string, std::vector<const CsvRow*>> groups;
    for (std::size_t r = 1; r < csv.rows.size(); ++r) {
        const std::string name = csvCell(csv.rows[r], col, "name");
        if (!groups.count(name)) order.push_back(name);
        groups[name].push_back(&csv.rows[r]);
    }
    int added = 0;
    for (const auto& name : order) {
        const auto& rows = groups[name];
        const std::string first = "line[" + std::to_string(rows.front()->line) + "].";
        auto cell0 = [&](const std::string& c) { return csvCell(*rows.front(), col, c); };
        Specification sp;
        sp.name = name;
        const std::string mode = cell0("comparison_mode"), rule = cell0("decision_rule");
        sp.comparisonMode = mode.empty() || mode == "全数值比较法" || mode == "全数值" ? "full" : mode == "修约值比较法" || mode == "修约值" ? "rounded" : mode;
        sp.decisionRule = rule.empty() || rule == "简单接受" ? "simple" : rule == "保护带" ? "guard_band" : rule;
        std::vector<FieldError> found;
        if (!cell0("standard").empty()) {
            auto d = StandardService::parseDesignation(cell0("standard"));
            auto st = d ? repo_.findStandardByEdition(tx, lab, d->first, d->second) : std::nullopt;
            if (!st) errors.push_back({first + "standard", "no standard '" + cell0("standard") + "' (number-year) in the register"});
            else sp.standardId = st->ref.id;
        }
        for (const CsvRow* row : rows) {
            const std::string at = "line[" + std::to_string(row->line) + "].";
            auto cell = [&](const std::string& c) { return csvCell(*row, col, c); };
            SpecLimit l;
            std::vector<FieldError> rowErrors;
            if (auto prm = parameters_.parameterNamed(tx, lab, cell("parameter"), cell("unit"), rowErrors)) l.parameterId = prm->id;
            else l.parameterId = -1;  // reported; keeps specificationProblems from repeating "required"
            l.productCategory = cell("product_category");
            for (const char* bound : {"min", "max"}) {
                const std::string v = cell(bound);
                if (v.empty()) continue;
                auto d = Decimal::parse(v);
                if (!d) rowErrors.push_back({bound, assay::msg::kNotDecimal});
                else if (std::string(bound) == "min") l.minValue = d;
                else l.maxValue = d;
            }
            if (!cell("min_op").empty()) l.minOp = cell("min_op") == "≥" ? ">=" : cell("min_op");
            if (!cell("max_op").empty()) l.maxOp = cell("max_op") == "≤" ? "<=" : cell("max_op");
            if (!cell("clause").empty()) l.clause = cell("clause");
            for (auto& e : rowErrors) errors.push_back({at + e.field, e.message});
            sp.limits.push_back(l);
        }
        for (const auto& e : SpecificationService::specificationProblems(sp)) {
            if (e.field.rfind("limits[", 0) == 0) {
                const std::size_t close = e.field.find(']');
                const std::size_t i = std::stoul(e.field.substr(7, close - 7));
                std::string rest = e.field.substr(close + 1);
                if (rest == ".parameter_id") continue;  // reported by name above
                errors.push_back({"line[" + std::to_string(rows[i]->line) + "]" + (rest.empty() ? ".limit" : rest), e.message});
            } else if (e.field != "limits") {
                errors.push_back({first + e.field, e.message});
            }
        }
        if (errors.empty()) {
            specifications_.insertSpecificationIn(tx, p, lab, sp, requestId);
            ++added;
        }
    }
    return added;
}

std::vector<FieldError> RegisterImport::importPriceRow(Tx& tx, const Principal& p, std::int64_t lab, const Cell& cell,
                                                        const std::string& requestId) {
    std::vector<FieldError> errors;
    Price in;
    auto param = parameters_.parameterNamed(tx, lab, cell("parameter"), cell("unit"), errors);
    std::optional<Method> method;
    const auto named = repo_.findMethodsByName(tx, lab, cell("method"));
    if (named.size() == 1) method = named.front();
    else if (named.empty()) errors.push_back({"method", "no method named '" + cell("method") + "' in the register"});
    else errors.push_back({"method", "several methods are named '" + cell("method") + "'"});
    auto amount = Decimal::parse(cell("price"));
    if (!amount) errors.push_back({"price", msg::kImportPrice});
    in.parameterId = param ? param->id : 1;
    in.methodId = method ? method->ref.id : 1;
    in.amount = amount.value_or(Decimal());
    in.validFrom = cell("valid_from");
    if (!cell("valid_to").empty()) in.validTo = cell("valid_to");
    for (const auto& e : PriceService::priceProblems(in))
        if (e.field != "parameter_id" && e.field != "method_id" && (amount || e.field != "price")) errors.push_back(e);
    if (!errors.empty()) return errors;
    repo_.lockMethod(tx, lab, in.methodId);
    if (auto overlap = prices_.overlappingPrice(tx, lab, in)) return {{"valid_from", *overlap}};
    prices_.insertPriceIn(tx, p, lab, in, *param, *method, requestId);
    return errors;
}

}  // namespace assay::accreditation
