// IdentityService: organizations, users, roles and sessions, with their rules.
//
// Purpose: the domain service behind /api/auth, /api/me, /api/organizations and /api/users, and
// the Authenticator the dispatcher consults (sessions, and the API keys ApiKeyService issues).
// Every state change writes its audit events in the same transaction. Tenancy: an admin sees
// every organization; a manager or technician who belongs to an organization sees every
// organization (a lab instance's customers and partners are the lab's own; technicians pick an
// order's customer); every other principal sees only its own organization, and a non-admin
// without an organization sees none. A record of another tenant is a 404.
// Ownership: borrows the host's Db, Clock, IdGenerator, AuditLog and Permissions.
// Thread-safety: safe from any request thread (the throttle is internally locked).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Authenticator.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Permissions.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "assay/identity/Reauthentication.hpp"
#include "assay/identity/UserDirectory.hpp"
#include "assay/identity/UserAdmin.hpp"
#include "domain/Identity.hpp"
#include "domain/LoginThrottle.hpp"
#include "storage/IdentityRepository.hpp"

namespace assay::identity {

struct IdentitySettings {
    int sessionTtlMinutes = 480;
    int maxFailedLogins = 5;
    int lockoutMinutes = 15;
};

struct LoginResult {
    std::string token;
    std::int64_t expiresAtMs = 0;
    User user;
};

struct OrganizationInput {
    std::string kind, name, uscc;
    std::optional<std::string> code, address, cmaNo, cnasNo;
};

// What an organization's record may change to (its kind, USCC and lab code never change: sample
// and report numbers carry the code). Absent: unchanged; an empty address or number clears it.
struct OrganizationPatch {
    std::optional<std::string> name, address, cmaNo, cnasNo;
    std::optional<bool> active;
    std::optional<std::string> reason;  // required when active changes
};

struct UserPatch {
    std::optional<std::string> displayName;
    std::optional<bool> active;
    std::optional<std::vector<std::string>> roles;
    std::optional<std::string> reason;
};

class IdentityService final : public Authenticator, public UserAdmin, public OrganizationDirectory, public UserDirectory,
                              public Reauthentication {
public:
    IdentityService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit, const Permissions& permissions,
                    IdentitySettings settings);

    // Errors: 400 naming username/password when missing; 401 for a wrong username or password
    // or a deactivated user (one message for all, so accounts cannot be enumerated);
    // 429 with Retry-After after too many failures.
    LoginResult login(const std::string& username, const std::string& password, const std::string& clientAddress,
                      const std::string& requestId);
    void logout(const std::string& token, const Principal& p, const std::string& requestId);
    void confirmPassword(const Principal& p, const std::string& password, const std::string& purpose, const std::string& requestId) override;
    std::optional<Principal> authenticate(const std::string& bearer) override;

    // The principal's user (absent for API keys) and organization.
    std::optional<User> currentUser(const Principal& p);
    std::optional<Organization> organizationOf(const Principal& p);

    // Errors: 400 naming each bad field (kind, name, uscc check character, code); 409 when the
    // USCC or code is already registered.
    Organization createOrganization(const Principal& p, const OrganizationInput& in, const std::string& requestId);
    static std::vector<FieldError> organizationProblems(const OrganizationInput& in);
    // Errors: 404 when absent or not visible to p.
    Organization organization(const Principal& p, std::int64_t id);
    std::vector<Organization> organizations(const Principal& p, std::int64_t afterId, int limit,
                                            const std::optional<std::string>& kind);

    // Errors: 400 naming each bad field (username shape, password strength, unknown role,
    // unknown org); 409 when the username is taken; 403 when a non-admin grants admin.
    User createUser(const Principal& p, const NewUser& in, const std::string& requestId);
    // The shape problems of a new user (username, display_name, password, roles), so a handler
    // can report them together with the JSON problems in one 400.
    static std::vector<FieldError> newUserProblems(const NewUser& in);
    User user(const Principal& p, std::int64_t id);
    std::vector<User> users(const Principal& p, std::int64_t afterId, int limit);
    // Errors: 400 for bad fields or a missing reason when roles or active change; 404; 412 when
    // expectedVersion is stale; 422 when the last active admin would be removed.
    User updateUser(const Principal& p, std::int64_t id, int expectedVersion, const UserPatch& patch,
                    const std::string& requestId);
    // Ends every session of the user, this one included.
    // Errors: 400 (field current_password) when it is wrong; 400 for a weak new password;
    // 429 after too many wrong attempts.
    // Corrects an organization's name, address or certificate numbers, or (with a reason) makes
    // it inactive or active again; each change audited. Errors: 400 (name empty, reason); 404;
    // 412 (stale If-Match).
    Organization updateOrganization(const Principal& p, std::int64_t id, int expectedVersion, const OrganizationPatch& patch,
                                    const std::string& requestId);
    // An administrator sets a new (temporary) password for another user who forgot theirs, with
    // the reason; every session of that user ends. A user changes their own at /api/me/password.
    // Errors: 400 (new_password weak, reason blank); 404 (no such user, or another organization's
    // for a non-admin); 409 (their own account).
    void resetPassword(const Principal& p, std::int64_t userId, const std::string& password, const std::string& reason,
                       const std::string& requestId);
    void changeOwnPassword(const Principal& p, const std::string& current, const std::string& next,
                           const std::string& requestId);

    // UserAdmin (assayctl).
    std::int64_t createUserAsSystem(Tx& tx, const NewUser& user, const std::string& reason) override;
    std::int64_t createOrganizationAsSystem(Tx& tx, const std::string& kind, const std::string& name, const std::string& uscc,
                                            const std::string& actor, const std::string& reason) override;
    void resetPasswordAsSystem(Tx& tx, const std::string& username, const std::string& password,
                               const std::string& reason) override;

    // OrganizationDirectory.
    std::optional<OrganizationRef> organizationById(Tx& tx, std::int64_t id) override;
    std::optional<OrganizationRef> organizationByCode(Tx& tx, const std::string& code) override;
    std::optional<OrganizationRef> organizationByUscc(Tx& tx, const std::string& uscc) override;
    std::map<std::int64_t, OrganizationRef> organizationsByIds(Tx& tx, const std::vector<std::int64_t>& ids) override;
    std::optional<UserRef> userById(Tx& tx, std::int64_t id) override;
    std::optional<UserRef> userByUsername(Tx& tx, const std::string& username) override;

    // Creates user "admin" when no admin exists yet. Returns the generated password when none
    // was given (to be printed once), or empty.
    std::optional<std::string> bootstrapAdmin(const std::string& configuredPassword);
    // A user created by the system, no person acting (the audit event names none, with reason):
    // the demo's users. Errors: 400 naming each bad field; 409 when the username is taken.
    User createUserBySystem(const NewUser& in, const std::string& requestId, const std::string& reason);

private:
    User createUserIn(Tx& tx, const Principal* actor, const NewUser& in, const std::string& passwordHash,
                      const std::string& requestId, const std::optional<std::string>& reason);
    std::string nowIso() const;

    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    const Permissions& permissions_;
    IdentitySettings settings_;
    IdentityRepository repo_;
    LoginThrottle throttle_;
    std::string dummy_hash_;  // verified against for unknown users, to equalize timing
};

}  // namespace assay::identity
