// SpecificationService: the register's versioned specifications (limit sets) and their audit trail.
//
// Purpose: a specification is a named set of limits (parameter, product category, bounds) with
// its comparison mode and decision rule; the same name again makes the next version and
// supersedes the previous one. RegisterImport adds the rows of one name through
// insertSpecificationIn inside its own transaction.
// Tenancy: the lab is always the principal's organization; another lab's specification is a 404.
// Ownership: borrows the host's Db, Clock, IdGenerator and AuditLog.
// Thread-safety: safe from any request thread.
#pragma once

#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Db.hpp"
#include "assay/Error.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Principal.hpp"
#include "domain/Specification.hpp"
#include "domain/RegisterParts.hpp"
#include "storage/RegisterRepository.hpp"

namespace assay::accreditation {

class SpecificationService final : private RegisterParts {
public:
    using RegisterParts::RegisterParts;

    static std::vector<FieldError> specificationProblems(const Specification& in);
    // Creates the next version of the named specification (version 1 for a new name) and marks
    // the previous version superseded. Errors: 400 naming each bad field (unknown standard_id
    // or limits[i].parameter_id in this lab included).
    Specification createSpecification(const Principal& p, Specification in, const std::string& requestId);
    Specification specification(const Principal& p, std::int64_t id);
    std::vector<Specification> specifications(const Principal& p, std::int64_t afterId, int limit);

    // Stores a checked specification as the next version of its name (superseding the previous
    // one) with its audit events, in the caller's transaction (the import's).
    Specification insertSpecificationIn(Tx& tx, const Principal& p, std::int64_t lab, Specification in,
                                        const std::string& requestId);

};

}  // namespace assay::accreditation
