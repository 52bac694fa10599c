// StaffService: the lab's technical staff, their records and authorizations (R10-R14).
//
// Purpose: managers keep a staff register: people (optionally bound to a user account, which a
// signatory must be: R11), training / competence records, method authorizations to perform or
// check and the authorization to state opinions (R13), and signatory authorizations per scheme
// with their signing scope and filing date (R10, R12). A person (by national ID number) is active
// in one inspection body at a time on this instance (R14). Implements StaffAuthorization.
// Tenancy: the principal's own lab; another lab's staff is a 404.
// Ownership: borrows the host's Db, Clock, IdGenerator, AuditLog and identity's UserDirectory.
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
#include "assay/accreditation/StaffAuthorization.hpp"
#include "assay/identity/UserDirectory.hpp"
#include "domain/Staff.hpp"
#include "storage/RegisterRepository.hpp"
#include "storage/StaffRepository.hpp"

namespace assay::accreditation {

struct StaffInput {
    std::string name;
    std::optional<std::int64_t> userId;
    std::optional<std::string> idNumber;  // kept only as a one-way key (R14) and a masked copy
    std::optional<std::string> position;
};

struct StaffRecordInput {
    std::string kind;  // training | competence | qualification
    std::string title;
    std::string recordDate;
    std::optional<std::string> validUntil;
    std::optional<std::string> result;
};

struct AuthorizationInput {
    std::string activity;  // perform | check | opinion
    std::optional<std::int64_t> methodId;
    std::string validFrom;
    std::optional<std::string> basis;
};

struct SignatoryInput {
    std::optional<Scheme> scheme;  // required
    std::vector<std::int64_t> parameterIds;
    std::string filedOn;
    std::string filingRef;
};

// The question of GET /api/staff/check.
struct StaffQuestion {
    std::string activity;  // perform | check | opinion | sign
    std::int64_t userId = 0;
    std::optional<std::int64_t> methodId;
    std::optional<std::int64_t> performerUserId;
    std::optional<Scheme> scheme;  // sign only
    std::vector<std::int64_t> parameterIds;
    std::string date;
};

class StaffService final : public StaffAuthorization {
public:
    // Problems of a signatory authorization.
    static std::vector<FieldError> signatoryProblems(const SignatoryInput& in);
    // Problems of a method or opinion authorization.
    static std::vector<FieldError> authorizationProblems(const AuthorizationInput& in);
    // Problems of a training / competence record.
    static std::vector<FieldError> recordProblems(const StaffRecordInput& in);
    // Problems of {effective_date, reason} (deactivation, ending an authorization).
    static std::vector<FieldError> endingProblems(const std::string& effectiveDate, const std::string& reason);
    StaffService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit,
                 identity::UserDirectory& users)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), users_(users) {}

    // The one-way key of a national ID number (R14).
    static std::string personKey(const std::string& idNumber);

    // Problems visible without the database: name, id_number.
    static std::vector<FieldError> staffProblems(const StaffInput& in);
    // Errors: 400 naming each bad field (user_id unknown, inactive or of another organization;
    // id_number missing or with a wrong check character); 409 when the user is on the staff already;
    // 422 R14 when the person is active in another inspection body.
    StaffMember create(const Principal& p, const StaffInput& in, const std::string& requestId);
    StaffMember get(const Principal& p, std::int64_t id);
    std::vector<StaffMember> list(const Principal& p, std::int64_t afterId, int limit);
    // Inactive from effectiveDate (today or earlier); releases the person for another body (R14).
    // Errors: 400 (a future date); 404;
    // 409 when already deactivated; 412 stale version.
    StaffMember deactivate(const Principal& p, std::int64_t id, int expectedVersion, const std::string& effectiveDate,
                           const std::string& reason, const std::string& requestId);
    StaffMember addRecord(const Principal& p, std::int64_t id, const StaffRecordInput& in, const std::string& requestId);
    // Errors: 400 naming each bad field (method_id required for perform / check, unknown or
    // withdrawn; forbidden for opinion); 409 when the person is deactivated by valid_from.
    StaffMember addAuthorization(const Principal& p, std::int64_t id, const AuthorizationInput& in,
                                 const std::string& requestId);
    // Errors: 400 (date not after valid_from, no reason); 404; 409 when already ended.
    StaffMember endAuthorization(const Principal& p, std::int64_t id, std::int64_t authorizationId,
                                 const std::string& effectiveDate, const std::string& reason, const std::string& requestId);
    // Errors: 400 naming each bad field (scheme, parameter_ids unknown or empty, filed_on,
    // filing_ref); 422 R11 when the person has no user account of their own.
    StaffMember addSignatory(const Principal& p, std::int64_t id, const SignatoryInput& in, const std::string& requestId);
    StaffMember endSignatory(const Principal& p, std::int64_t id, std::int64_t signatoryId, const std::string& effectiveDate,
                             const std::string& reason, const std::string& requestId);
    std::string today() const { return isoDateInLab(clock_.now()); }
    // The verdict for the principal's lab. Errors: 400 naming the missing inputs.
    RuleVerdict answer(const Principal& p, const StaffQuestion& q);

    // The names of the active staff authorized to perform the method on date (R13).
    std::vector<std::string> performersOn(Tx& tx, std::int64_t labId, std::int64_t methodId, const std::string& date);
    std::vector<Performer> assignableOn(Tx& tx, std::int64_t labId, std::int64_t methodId, const std::string& date) override;

    // StaffAuthorization.
    RuleVerdict mayPerform(Tx& tx, std::int64_t labId, std::int64_t userId, std::int64_t methodId, const std::string& date) override;
    RuleVerdict mayCheck(Tx& tx, std::int64_t labId, std::int64_t checkerUserId, std::int64_t performerUserId, std::int64_t methodId,
                         const std::string& date) override;
    RuleVerdict mayStateOpinion(Tx& tx, std::int64_t labId, std::int64_t userId, const std::string& date) override;
    RuleVerdict maySign(Tx& tx, std::int64_t labId, std::int64_t userId, Scheme scheme,
                        const std::vector<std::int64_t>& parameterIds, const std::string& date) override;


private:
    template <class Auth, class Start, class End, class Describe>
    StaffMember endOne(const Principal& p, std::int64_t id, std::vector<Auth> StaffMember::*list, std::int64_t authId,
                       const std::string& effectiveDate, const std::string& reason, const std::string& requestId,
                       const std::string& what, Start start, End end, Describe describe);
    StaffMember insertStaff(Tx& tx, const Principal& p, std::int64_t lab, const StaffInput& in, const std::string& requestId);
    std::optional<StaffMember> byUser(Tx& tx, std::int64_t labId, std::int64_t userId);
    StaffMember mustFind(Tx& tx, std::int64_t lab, std::int64_t id);
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    identity::UserDirectory& users_;
    StaffRepository repo_;
    RegisterRepository register_;
};

}  // namespace assay::accreditation
