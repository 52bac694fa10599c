// StaffRepository: all SQL of acc_staff, acc_active_persons, acc_staff_records,
// acc_authorizations, acc_signatories and acc_signatory_scope.
//
// Purpose: every query carries the lab id (tenant), except the R14 person register, which is
// instance-wide by design. Records are inserted, and authorizations ended once; nothing is
// deleted except a person's row in acc_active_persons when they are deactivated (a lock, not
// evidence: the staff row and the audit trail keep the history). No transactions, permissions
// or audit here.
// Thread-safety: stateless; safe from any thread with its own Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Db.hpp"
#include "domain/Staff.hpp"

namespace assay::accreditation {

class StaffRepository {
public:
    void insertStaff(Tx& tx, const StaffMember& s);
    // With records, authorizations and signatory authorizations.
    std::optional<StaffMember> find(Tx& tx, std::int64_t labId, std::int64_t id);
    std::optional<StaffMember> findByUser(Tx& tx, std::int64_t labId, std::int64_t userId);
    std::vector<StaffMember> list(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit);  // without details
    // Ids of the staff holding any authorization (in force or not) for an activity on a method.
    std::vector<std::int64_t> authorizedFor(Tx& tx, std::int64_t labId, const std::string& activity, std::int64_t methodId);
    bool deactivate(Tx& tx, const StaffMember& s, int expectedVersion);

    // R14: the lab where the person is active, if any.
    std::optional<std::int64_t> activeLabOf(Tx& tx, const std::string& personKey);
    void claimPerson(Tx& tx, const std::string& personKey, std::int64_t labId, std::int64_t staffId);
    void releasePerson(Tx& tx, const std::string& personKey, std::int64_t staffId);

    void insertRecord(Tx& tx, std::int64_t labId, const StaffRecord& r, std::int64_t createdBy);
    void insertAuthorization(Tx& tx, std::int64_t labId, const Authorization& a, std::int64_t createdBy);
    bool endAuthorization(Tx& tx, std::int64_t labId, std::int64_t id, const std::string& endedOn, const std::string& reason);
    void insertSignatory(Tx& tx, std::int64_t labId, const SignatoryAuthorization& a, std::int64_t createdBy,
                         const std::vector<std::int64_t>& scopeIds);
    bool endSignatory(Tx& tx, std::int64_t labId, std::int64_t id, const std::string& endedOn, const std::string& reason);

private:
    void loadDetails(Tx& tx, StaffMember& s);
};

}  // namespace assay::accreditation
