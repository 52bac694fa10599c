// FormulaService: the versioned calculation formulas of a parameter by a method (R39).
#include "domain/TestingMessages.hpp"
#include "domain/FormulaService.hpp"

#include "assay/Text.hpp"
#include "assay/identity/RequireLab.hpp"
#include "domain/TestingRules.hpp"

namespace assay::testing {

Formula FormulaService::addFormula(const Principal& p, std::int64_t parameterId, std::int64_t methodId, const std::string& expression,
                                  const std::optional<std::string>& note, const std::string& requestId) {
    std::vector<FieldError> errors;
    const std::int64_t lab = identity::requireLab(p);
    const ParsedFormula parsed = parseFormula(expression);
    if (!parsed.problem.empty()) errors.push_back({"expression", parsed.problem});
    std::size_t names = 0;
    for (const auto& i : parsed.inputs) names += i.size() + 1;
    if (names > 500 || parsed.inputs.size() > 50) errors.push_back({"expression", msg::kFormulaTooManyInputs});
    tooLong(errors, "expression", expression, 2000);
    if (note) tooLong(errors, "note", *note, 500);
    return db_.write([&](Tx& tx) {
        std::vector<FieldError> problems;
        if (parameterId <= 0 || !register_.parameter(tx, lab, parameterId)) problems.push_back({"parameter_id", msg::kFormulaNoParameter});
        if (methodId <= 0 || !register_.method(tx, lab, methodId)) problems.push_back({"method_id", msg::kFormulaNoMethod});
        problems.insert(problems.end(), errors.begin(), errors.end());
        if (!problems.empty()) throw Error::invalid(problems);
        const auto earlier = repo_.formulas(tx, lab, parameterId, methodId);
        Formula f;
        f.id = ids_.next();
        f.labId = lab;
        f.parameterId = parameterId;
        f.methodId = methodId;
        f.version = earlier.empty() ? 1 : earlier.back().version + 1;
        f.expression = expression;
        f.inputs = parsed.inputs;
        f.note = note;
        f.createdBy = p.userId;
        f.createdName = nameOf(p);
        f.createdAtMs = toEpochMillis(clock_.now());
        repo_.insertFormula(tx, f);
        audit_.record(tx, &p, requestId,
                      {"formula", std::to_string(parameterId) + "/" + std::to_string(methodId), "create", "expression",
                       earlier.empty() ? std::nullopt : std::optional<std::string>(earlier.back().expression),
                       "v" + std::to_string(f.version) + ": " + expression, note});
        return f;
    });
}

std::vector<Formula> FormulaService::formulas(const Principal& p, std::int64_t parameterId, std::int64_t methodId) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.formulas(tx, lab, parameterId, methodId); });
}

}  // namespace assay::testing
