// ParameterService: the register's parameters (test items): unit, GB/T 8170 reporting precision,
// LOD/LOQ and the uncertainty model, with their audit trail.
//
// Purpose: managers add parameters to their lab's register; every signed-in member reads them.
// RegisterImport adds CSV rows through insertParameterIn and finds a row's parameter by name
// through parameterNamed, both inside its own transaction.
// Tenancy: the lab is always the principal's organization; another lab's parameter is a 404.
// Ownership: borrows the host's Db, Clock, IdGenerator and AuditLog.
// Thread-safety: safe from any request thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Db.hpp"
#include "assay/Error.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Principal.hpp"
#include "domain/Parameter.hpp"
#include "domain/RegisterParts.hpp"
#include "storage/RegisterRepository.hpp"

namespace assay::accreditation {

class ParameterService final : private RegisterParts {
public:
    using RegisterParts::RegisterParts;

    // Problems of a parameter definition: names, unit, precision range, LOD/LOQ positive with
    // LOQ >= LOD, the uncertainty model and its value or bands (ascending, last open-ended).
    static std::vector<FieldError> parameterProblems(const Parameter& in);
    // Errors: 400 naming each bad field; 409 when the lab has this name and unit already.
    Parameter createParameter(const Principal& p, Parameter in, const std::string& requestId);
    Parameter parameter(const Principal& p, std::int64_t id);
    std::vector<Parameter> parameters(const Principal& p, std::int64_t afterId, int limit);

    // Stores a checked parameter with its audit event, in the caller's transaction (the import's).
    Parameter insertParameterIn(Tx& tx, const Principal& p, std::int64_t lab, Parameter in, const std::string& requestId);
    // The register's parameter of that name (and unit, when given); else appends a "parameter" problem.
    std::optional<Parameter> parameterNamed(Tx& tx, std::int64_t lab, const std::string& name, const std::string& unit,
                                            std::vector<FieldError>& errors);

};

}  // namespace assay::accreditation
