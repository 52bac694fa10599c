// FormulaService: the versioned calculation formulas of a parameter by a method (R39).
//
// Purpose: a new formula text is the next version of the parameter's formula by the method; the
// earlier versions stay, and results keep the version they were calculated by (ResultService).
// Tenancy: the principal's own lab. Ownership: borrows the host's Db, Clock, IdGenerator and
// AuditLog and accreditation's Register. Thread-safety: safe from any request thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Principal.hpp"
#include "assay/accreditation/Register.hpp"
#include "domain/Formula.hpp"
#include "domain/Result.hpp"
#include "storage/ResultRepository.hpp"

namespace assay::testing {

class FormulaService final {
public:
    FormulaService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit, accreditation::Register& reg)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), register_(reg) {}

    // R39: a new formula text is the next version of the parameter's formula by the method; the
    // earlier versions stay, and results keep theirs. Errors: 400 (expression, unknown
    // parameter or method); 422 when not in a lab.
    Formula addFormula(const Principal& p, std::int64_t parameterId, std::int64_t methodId, const std::string& expression,
                       const std::optional<std::string>& note, const std::string& requestId);
    std::vector<Formula> formulas(const Principal& p, std::int64_t parameterId, std::int64_t methodId);

private:
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    accreditation::Register& register_;
    ResultRepository repo_;
};

}  // namespace assay::testing
