// StandardService: the register's standards (editions), with their rules and audit trail.
//
// Purpose: managers keep the standards of their own lab's register; every signed-in member of
// the lab reads them. A standard is one edition (number + year); it changes only by status
// (current -> withdrawn, or current -> replaced by a newer current edition of the same lab), with
// a reason, audited. RegisterLookup implements the published Register interface over the same
// tables; RegisterImport adds CSV rows through insertStandardIn inside its own transaction.
// Tenancy: the lab is always the principal's organization, which must be a lab; another lab's
// record is a 404.
// Ownership: borrows the host's Db, Clock, IdGenerator and AuditLog.
// Thread-safety: safe from any request thread.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Db.hpp"
#include "assay/Error.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Principal.hpp"
#include "domain/Standard.hpp"
#include "domain/RegisterParts.hpp"
#include "storage/RegisterRepository.hpp"

namespace assay::accreditation {

struct StandardInput {
    std::string number;  // "GB 5009.12"
    int year = 0;        // 2023
    std::string title;
};

class StandardService final : private RegisterParts {
public:
    using RegisterParts::RegisterParts;

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
                                    std::optional<StandardStatus> status);
    // Withdraws or replaces a current standard. Errors: 400 (status, replaced_by, reason);
    // 404; 409 when it is not current (allowed: none) or the replacement is not a current
    // standard of the same number; 412 when expectedVersion is stale.
    Standard changeStandardStatus(const Principal& p, std::int64_t id, int expectedVersion, const std::string& status,
                                  std::optional<std::int64_t> replacedBy, const std::string& reason,
                                  const std::string& requestId);

    // Stores a checked new standard with its audit event, in the caller's transaction (the
    // import's); the caller has refused a duplicate edition.
    Standard insertStandardIn(Tx& tx, const Principal& p, std::int64_t lab, const StandardInput& in, const std::string& requestId);

};

}  // namespace assay::accreditation
