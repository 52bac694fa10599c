// MethodService: the register's test methods and their dated verification / validation records.
//
// Purpose: managers add methods citing a current standard of their lab, withdraw them with a
// reason, and record the verification (standard methods) or validation (non-standard methods)
// that makes a method usable from its date (R23, answered by RegisterLookup::methodUsableOn).
// RegisterImport adds CSV rows through insertMethodIn / insertMethodRecordIn inside its own
// transaction.
// Tenancy: the lab is always the principal's organization; another lab's method is a 404.
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
#include "domain/Method.hpp"
#include "domain/RegisterParts.hpp"
#include "storage/RegisterRepository.hpp"

namespace assay::accreditation {

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

class MethodService final : private RegisterParts {
public:
    using RegisterParts::RegisterParts;

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

    // Store a checked method / record with its audit event, in the caller's transaction (the import's).
    Method insertMethodIn(Tx& tx, const Principal& p, std::int64_t lab, const StandardRef& standard, const MethodInput& in,
                          const std::string& requestId);
    MethodRecord insertMethodRecordIn(Tx& tx, const Principal& p, std::int64_t lab, std::int64_t methodId,
                                      const MethodRecordInput& in, const std::string& requestId);

};

}  // namespace assay::accreditation
