// IdentityRepository: all SQL of the identity module.
//
// Purpose: organizations, users, user_roles, auth_sessions and api_keys. Every method takes
// the caller's Tx; nothing here opens transactions, checks permissions or writes audit events.
// Thread-safety: stateless; safe from any thread with its own Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Db.hpp"
#include "domain/Identity.hpp"

namespace assay::identity {

struct StoredUser {
    User user;
    std::string passwordHash;
};

struct StoredSession {
    std::int64_t userId = 0;
    std::int64_t expiresAtMs = 0;
    std::optional<std::int64_t> revokedAtMs;
};

class IdentityRepository {
public:
    void insertOrganization(Tx& tx, const Organization& o);
    // Name, address, certificate numbers and active flag, if still at expectedVersion.
    bool updateOrganization(Tx& tx, const Organization& o, int expectedVersion);
    std::optional<Organization> findOrganization(Tx& tx, std::int64_t id);
    // Many at once, in id order (one query per 200 ids); unknown ids are left out.
    std::vector<Organization> findOrganizations(Tx& tx, const std::vector<std::int64_t>& ids);
    std::optional<Organization> findOrganizationByCode(Tx& tx, const std::string& code);
    std::optional<Organization> findOrganizationByUscc(Tx& tx, const std::string& uscc);
    bool usccTaken(Tx& tx, const std::string& uscc);
    bool codeTaken(Tx& tx, const std::string& code);
    std::vector<Organization> listOrganizations(Tx& tx, std::int64_t afterId, int limit,
                                                const std::optional<std::string>& kind);

    void insertUser(Tx& tx, const User& u, const std::string& passwordHash);
    void setRoles(Tx& tx, std::int64_t userId, const std::set<std::string>& roles);
    std::optional<StoredUser> findUserByUsername(Tx& tx, const std::string& username);
    std::optional<User> findUser(Tx& tx, std::int64_t id);
    std::vector<User> listUsers(Tx& tx, const std::optional<std::int64_t>& orgId, std::int64_t afterId, int limit);
    // False when the version no longer matches (a concurrent update won).
    bool updateUser(Tx& tx, const User& u, int expectedVersion);
    void updatePassword(Tx& tx, std::int64_t userId, const std::string& hash, std::int64_t atMs);
    bool anyUserWithRole(Tx& tx, const std::string& role);
    // MariaDB: locks the admin role rows until the transaction ends (SQLite: the write lock
    // already serializes writers).
    void lockAdmins(Tx& tx);

    void insertSession(Tx& tx, const std::string& tokenHash, std::int64_t userId, std::int64_t createdMs,
                       std::int64_t expiresMs);
    std::optional<StoredSession> findSession(Tx& tx, const std::string& tokenHash);
    void revokeSession(Tx& tx, const std::string& tokenHash, std::int64_t atMs);
    void revokeUserSessions(Tx& tx, std::int64_t userId, std::int64_t atMs);

    void insertApiKey(Tx& tx, const ApiKey& k, const std::string& keyHash);
    std::optional<ApiKey> findApiKeyByHash(Tx& tx, const std::string& keyHash);
    std::optional<ApiKey> findApiKey(Tx& tx, std::int64_t id);
    std::vector<ApiKey> listApiKeys(Tx& tx, std::int64_t orgId);
    void revokeApiKey(Tx& tx, std::int64_t id, std::int64_t atMs);

private:
    std::set<std::string> roles(Tx& tx, std::int64_t userId);
};

}  // namespace assay::identity
