// IdentityRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/IdentityRepository.hpp"

#include <algorithm>

#include "assay/Rows.hpp"

namespace assay::identity {

namespace {
constexpr const char* kInsertOrg =
    "INSERT INTO organizations (id, kind, name, uscc, code, address, cma_no, cnas_no, active, created_at_ms, version) "
    "VALUES (:id, :kind, :name, :uscc, :code, :address, :cma_no, :cnas_no, 1, :created, 1)";
constexpr const char* kOrgColumns =
    "SELECT id, kind, name, uscc, code, address, cma_no, cnas_no, active, created_at_ms, version FROM organizations ";
constexpr const char* kUsccTaken = "SELECT COUNT(*) FROM organizations WHERE uscc = :uscc";
constexpr const char* kCodeTaken = "SELECT COUNT(*) FROM organizations WHERE code = :code";
constexpr const char* kInsertUser =
    "INSERT INTO users (id, org_id, username, display_name, password_hash, active, created_at_ms, updated_at_ms, "
    "version) VALUES (:id, :org_id, :username, :display_name, :hash, 1, :created, :created, 1)";
constexpr const char* kUserColumns =
    "SELECT id, org_id, username, display_name, active, created_at_ms, updated_at_ms, version, password_hash "
    "FROM users ";
constexpr const char* kDeleteRoles = "DELETE FROM user_roles WHERE user_id = :id";
constexpr const char* kInsertRole = "INSERT INTO user_roles (user_id, role) VALUES (:id, :role)";
constexpr const char* kSelectRoles = "SELECT role FROM user_roles WHERE user_id = :id ORDER BY role";
constexpr const char* kUpdateUser =
    "UPDATE users SET display_name = :display_name, active = :active, updated_at_ms = :updated, "
    "version = version + 1 WHERE id = :id AND version = :expected";
constexpr const char* kUpdatePassword =
    "UPDATE users SET password_hash = :hash, updated_at_ms = :updated, version = version + 1 WHERE id = :id";
constexpr const char* kAnyRole = "SELECT COUNT(*) FROM user_roles WHERE role = :role";
constexpr const char* kInsertSession =
    "INSERT INTO auth_sessions (token_hash, user_id, created_at_ms, expires_at_ms) VALUES (:hash, :user_id, "
    ":created, :expires)";
constexpr const char* kFindSession =
    "SELECT user_id, expires_at_ms, revoked_at_ms FROM auth_sessions WHERE token_hash = :hash";
constexpr const char* kRevokeSession =
    "UPDATE auth_sessions SET revoked_at_ms = :at WHERE token_hash = :hash AND revoked_at_ms IS NULL";
constexpr const char* kRevokeUserSessions =
    "UPDATE auth_sessions SET revoked_at_ms = :at WHERE user_id = :user_id AND revoked_at_ms IS NULL";
constexpr const char* kInsertKey =
    "INSERT INTO api_keys (id, org_id, prefix, key_hash, label, created_by, created_at_ms) VALUES (:id, :org_id, "
    ":prefix, :hash, :label, :created_by, :created)";
constexpr const char* kKeyColumns =
    "SELECT id, org_id, prefix, label, created_by, created_at_ms, revoked_at_ms FROM api_keys ";
constexpr const char* kRevokeKey = "UPDATE api_keys SET revoked_at_ms = :at WHERE id = :id AND revoked_at_ms IS NULL";

using OptStr = rows::NullableText;

Organization orgFromRow(const soci::row& r) {
    Organization o;
    o.id = rows::i64(r, 0);
    o.kind = rows::str(r, 1);
    o.name = rows::str(r, 2);
    o.uscc = rows::str(r, 3);
    o.code = rows::optStr(r, 4);
    o.address = rows::optStr(r, 5);
    o.cmaNo = rows::optStr(r, 6);
    o.cnasNo = rows::optStr(r, 7);
    o.active = rows::i64(r, 8) != 0;
    o.createdAtMs = rows::i64(r, 9);
    o.version = static_cast<int>(rows::i64(r, 10));
    return o;
}

StoredUser userFromRow(const soci::row& r) {
    StoredUser s;
    s.user.id = rows::i64(r, 0);
    s.user.orgId = rows::optI64(r, 1);
    s.user.username = rows::str(r, 2);
    s.user.displayName = rows::str(r, 3);
    s.user.active = rows::i64(r, 4) != 0;
    s.user.createdAtMs = rows::i64(r, 5);
    s.user.updatedAtMs = rows::i64(r, 6);
    s.user.version = static_cast<int>(rows::i64(r, 7));
    s.passwordHash = rows::str(r, 8);
    return s;
}

ApiKey keyFromRow(const soci::row& r) {
    ApiKey k;
    k.id = rows::i64(r, 0);
    k.orgId = rows::i64(r, 1);
    k.prefix = rows::str(r, 2);
    k.label = rows::str(r, 3);
    k.createdBy = rows::i64(r, 4);
    k.createdAtMs = rows::i64(r, 5);
    k.revokedAtMs = rows::optI64(r, 6);
    return k;
}

long long countOf(Tx& tx, const char* sql, const std::string& value, const char* name) {
    long long n = 0;
    tx.sql() << sql, soci::use(value, name), soci::into(n);
    return n;
}
}  // namespace

void IdentityRepository::insertOrganization(Tx& tx, const Organization& o) {
    long long id = o.id, created = o.createdAtMs;
    OptStr code(o.code), address(o.address), cma(o.cmaNo), cnas(o.cnasNo);
    tx.sql() << kInsertOrg, soci::use(id, "id"), soci::use(o.kind, "kind"), soci::use(o.name, "name"),
        soci::use(o.uscc, "uscc"), soci::use(code.value, code.ind, "code"),
        soci::use(address.value, address.ind, "address"), soci::use(cma.value, cma.ind, "cma_no"),
        soci::use(cnas.value, cnas.ind, "cnas_no"), soci::use(created, "created");
}

std::optional<Organization> IdentityRepository::findOrganization(Tx& tx, std::int64_t id) {
    long long v = id;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kOrgColumns) + "WHERE id = :id", soci::use(v, "id"));
    for (const auto& r : rs) return orgFromRow(r);
    return std::nullopt;
}

std::vector<Organization> IdentityRepository::findOrganizations(Tx& tx, const std::vector<std::int64_t>& ids) {
    std::vector<Organization> out;
    std::vector<long long> keys(ids.begin(), ids.end());
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    rows::forEachIn(tx.sql(), std::string(kOrgColumns) + "WHERE id", keys, "ORDER BY id", [](auto&) {},
                    [&](const soci::row& r) { out.push_back(orgFromRow(r)); });
    return out;
}

std::optional<Organization> IdentityRepository::findOrganizationByCode(Tx& tx, const std::string& code) {
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kOrgColumns) + "WHERE code = :code", soci::use(code, "code"));
    for (const auto& r : rs) return orgFromRow(r);
    return std::nullopt;
}

bool IdentityRepository::usccTaken(Tx& tx, const std::string& uscc) { return countOf(tx, kUsccTaken, uscc, "uscc") > 0; }
bool IdentityRepository::codeTaken(Tx& tx, const std::string& code) { return countOf(tx, kCodeTaken, code, "code") > 0; }

std::vector<Organization> IdentityRepository::listOrganizations(Tx& tx, std::int64_t afterId, int limit,
                                                                const std::optional<std::string>& kind) {
    std::vector<Organization> out;
    long long after = afterId;
    const std::string k = kind.value_or("");
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kOrgColumns) +
                                 "WHERE id > :after AND (:kind = '' OR kind = :kind2) ORDER BY id LIMIT :lim",
         soci::use(after, "after"), soci::use(k, "kind"), soci::use(k, "kind2"), soci::use(limit, "lim"));
    for (const auto& r : rs) out.push_back(orgFromRow(r));
    return out;
}

void IdentityRepository::insertUser(Tx& tx, const User& u, const std::string& passwordHash) {
    long long id = u.id, created = u.createdAtMs, org = u.orgId.value_or(0);
    soci::indicator orgInd = u.orgId ? soci::i_ok : soci::i_null;
    tx.sql() << kInsertUser, soci::use(id, "id"), soci::use(org, orgInd, "org_id"), soci::use(u.username, "username"),
        soci::use(u.displayName, "display_name"), soci::use(passwordHash, "hash"), soci::use(created, "created");
    setRoles(tx, u.id, u.roles);
}

void IdentityRepository::setRoles(Tx& tx, std::int64_t userId, const std::set<std::string>& roles) {
    long long id = userId;
    tx.sql() << kDeleteRoles, soci::use(id, "id");
    for (const auto& r : roles) tx.sql() << kInsertRole, soci::use(id, "id"), soci::use(r, "role");
}

std::set<std::string> IdentityRepository::roles(Tx& tx, std::int64_t userId) {
    std::set<std::string> out;
    long long id = userId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << kSelectRoles, soci::use(id, "id"));
    for (const auto& r : rs) out.insert(rows::str(r, 0));
    return out;
}

std::optional<StoredUser> IdentityRepository::findUserByUsername(Tx& tx, const std::string& username) {
    std::optional<StoredUser> out;
    {
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << std::string(kUserColumns) + "WHERE username = :u", soci::use(username, "u"));
        for (const auto& r : rs) out = userFromRow(r);
    }
    if (out) out->user.roles = roles(tx, out->user.id);
    return out;
}

std::optional<User> IdentityRepository::findUser(Tx& tx, std::int64_t id) {
    std::optional<User> out;
    long long v = id;
    {
        soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kUserColumns) + "WHERE id = :id", soci::use(v, "id"));
        for (const auto& r : rs) out = userFromRow(r).user;
    }
    if (out) out->roles = roles(tx, out->id);
    return out;
}

std::vector<User> IdentityRepository::listUsers(Tx& tx, const std::optional<std::int64_t>& orgId, std::int64_t afterId,
                                                int limit) {
    std::vector<User> out;
    long long after = afterId, org = orgId.value_or(0);
    int all = orgId ? 0 : 1;
    {
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << std::string(kUserColumns) +
                                     "WHERE id > :after AND (:all = 1 OR org_id = :org) ORDER BY id LIMIT :lim",
             soci::use(after, "after"), soci::use(all, "all"), soci::use(org, "org"), soci::use(limit, "lim"));
        for (const auto& r : rs) out.push_back(userFromRow(r).user);
    }
    for (auto& u : out) u.roles = roles(tx, u.id);
    return out;
}

bool IdentityRepository::updateUser(Tx& tx, const User& u, int expectedVersion) {
    long long id = u.id, updated = u.updatedAtMs;
    int active = u.active ? 1 : 0, expected = expectedVersion;
    soci::statement st = (tx.sql().prepare << kUpdateUser, soci::use(u.displayName, "display_name"),
                          soci::use(active, "active"), soci::use(updated, "updated"), soci::use(id, "id"),
                          soci::use(expected, "expected"));
    st.execute(true);
    if (st.get_affected_rows() != 1) return false;
    setRoles(tx, u.id, u.roles);
    return true;
}

void IdentityRepository::updatePassword(Tx& tx, std::int64_t userId, const std::string& hash, std::int64_t atMs) {
    long long id = userId, at = atMs;
    tx.sql() << kUpdatePassword, soci::use(hash, "hash"), soci::use(at, "updated"), soci::use(id, "id");
}

bool IdentityRepository::anyUserWithRole(Tx& tx, const std::string& role) { return countOf(tx, kAnyRole, role, "role") > 0; }

void IdentityRepository::lockAdmins(Tx& tx) {
    if (tx.isSqlite()) return;
    std::vector<long long> ids(1000);
    tx.sql() << "SELECT user_id FROM user_roles WHERE role = 'admin' FOR UPDATE", soci::into(ids);
}

void IdentityRepository::insertSession(Tx& tx, const std::string& tokenHash, std::int64_t userId, std::int64_t createdMs,
                                       std::int64_t expiresMs) {
    long long u = userId, c = createdMs, e = expiresMs;
    tx.sql() << kInsertSession, soci::use(tokenHash, "hash"), soci::use(u, "user_id"), soci::use(c, "created"),
        soci::use(e, "expires");
}

std::optional<StoredSession> IdentityRepository::findSession(Tx& tx, const std::string& tokenHash) {
    soci::rowset<soci::row> rs = (tx.sql().prepare << kFindSession, soci::use(tokenHash, "hash"));
    for (const auto& r : rs) return StoredSession{rows::i64(r, 0), rows::i64(r, 1), rows::optI64(r, 2)};
    return std::nullopt;
}

void IdentityRepository::revokeSession(Tx& tx, const std::string& tokenHash, std::int64_t atMs) {
    long long at = atMs;
    tx.sql() << kRevokeSession, soci::use(at, "at"), soci::use(tokenHash, "hash");
}

void IdentityRepository::revokeUserSessions(Tx& tx, std::int64_t userId, std::int64_t atMs) {
    long long at = atMs, u = userId;
    tx.sql() << kRevokeUserSessions, soci::use(at, "at"), soci::use(u, "user_id");
}

void IdentityRepository::insertApiKey(Tx& tx, const ApiKey& k, const std::string& keyHash) {
    long long id = k.id, org = k.orgId, by = k.createdBy, at = k.createdAtMs;
    tx.sql() << kInsertKey, soci::use(id, "id"), soci::use(org, "org_id"), soci::use(k.prefix, "prefix"),
        soci::use(keyHash, "hash"), soci::use(k.label, "label"), soci::use(by, "created_by"), soci::use(at, "created");
}

std::optional<ApiKey> IdentityRepository::findApiKeyByHash(Tx& tx, const std::string& keyHash) {
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kKeyColumns) + "WHERE key_hash = :hash", soci::use(keyHash, "hash"));
    for (const auto& r : rs) return keyFromRow(r);
    return std::nullopt;
}

std::optional<ApiKey> IdentityRepository::findApiKey(Tx& tx, std::int64_t id) {
    long long v = id;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kKeyColumns) + "WHERE id = :id", soci::use(v, "id"));
    for (const auto& r : rs) return keyFromRow(r);
    return std::nullopt;
}

std::vector<ApiKey> IdentityRepository::listApiKeys(Tx& tx, std::int64_t orgId) {
    std::vector<ApiKey> out;
    long long v = orgId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kKeyColumns) + "WHERE org_id = :org ORDER BY id", soci::use(v, "org"));
    for (const auto& r : rs) out.push_back(keyFromRow(r));
    return out;
}

void IdentityRepository::revokeApiKey(Tx& tx, std::int64_t id, std::int64_t atMs) {
    long long v = id, at = atMs;
    tx.sql() << kRevokeKey, soci::use(at, "at"), soci::use(v, "id");
}

}  // namespace assay::identity
