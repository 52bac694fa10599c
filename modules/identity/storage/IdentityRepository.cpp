// IdentityRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/IdentityRepository.hpp"

#include <algorithm>

#include "assay/Columns.hpp"
#include "assay/Rows.hpp"

namespace assay::identity {

namespace {
constexpr const char* kInsertOrg =
    "INSERT INTO organizations (id, kind, name, uscc, code, address, cma_no, cnas_no, active, created_at_ms, version) "
    "VALUES (:id, :kind, :name, :uscc, :code, :address, :cma_no, :cnas_no, 1, :created, 1)";
constexpr const char* kUsccTaken = "SELECT COUNT(*) FROM organizations WHERE uscc = :uscc";
constexpr const char* kCodeTaken = "SELECT COUNT(*) FROM organizations WHERE code = :code";
constexpr const char* kInsertUser =
    "INSERT INTO users (id, org_id, username, display_name, password_hash, active, created_at_ms, updated_at_ms, "
    "version) VALUES (:id, :org_id, :username, :display_name, :hash, 1, :created, :created, 1)";
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
constexpr const char* kRevokeSession =
    "UPDATE auth_sessions SET revoked_at_ms = :at WHERE token_hash = :hash AND revoked_at_ms IS NULL";
constexpr const char* kRevokeUserSessions =
    "UPDATE auth_sessions SET revoked_at_ms = :at WHERE user_id = :user_id AND revoked_at_ms IS NULL";
constexpr const char* kInsertKey =
    "INSERT INTO api_keys (id, org_id, prefix, key_hash, label, created_by, created_at_ms) VALUES (:id, :org_id, "
    ":prefix, :hash, :label, :created_by, :created)";
constexpr const char* kRevokeKey = "UPDATE api_keys SET revoked_at_ms = :at WHERE id = :id AND revoked_at_ms IS NULL";

using OptStr = rows::NullableText;

using columns::field;

const columns::ColumnMap<Organization> kOrganizations{{
    {"id", field<&Organization::id>},
    {"kind", field<&Organization::kind>},
    {"name", field<&Organization::name>},
    {"uscc", field<&Organization::uscc>},
    {"code", field<&Organization::code>},
    {"address", field<&Organization::address>},
    {"cma_no", field<&Organization::cmaNo>},
    {"cnas_no", field<&Organization::cnasNo>},
    {"active", field<&Organization::active>},
    {"created_at_ms", field<&Organization::createdAtMs>},
    {"version", field<&Organization::version>},
}};

const columns::ColumnMap<StoredUser> kUsers{{
    {"id", field<&StoredUser::user, &User::id>},
    {"org_id", field<&StoredUser::user, &User::orgId>},
    {"username", field<&StoredUser::user, &User::username>},
    {"display_name", field<&StoredUser::user, &User::displayName>},
    {"active", field<&StoredUser::user, &User::active>},
    {"created_at_ms", field<&StoredUser::user, &User::createdAtMs>},
    {"updated_at_ms", field<&StoredUser::user, &User::updatedAtMs>},
    {"version", field<&StoredUser::user, &User::version>},
    {"password_hash", field<&StoredUser::passwordHash>},
}};

const columns::ColumnMap<StoredSession> kSessions{{
    {"user_id", field<&StoredSession::userId>},
    {"expires_at_ms", field<&StoredSession::expiresAtMs>},
    {"revoked_at_ms", field<&StoredSession::revokedAtMs>},
}};

const columns::ColumnMap<ApiKey> kApiKeys{{
    {"id", field<&ApiKey::id>},
    {"org_id", field<&ApiKey::orgId>},
    {"prefix", field<&ApiKey::prefix>},
    {"label", field<&ApiKey::label>},
    {"created_by", field<&ApiKey::createdBy>},
    {"created_at_ms", field<&ApiKey::createdAtMs>},
    {"revoked_at_ms", field<&ApiKey::revokedAtMs>},
}};

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

bool IdentityRepository::updateOrganization(Tx& tx, const Organization& o, int expectedVersion) {
    long long id = o.id;
    int active = o.active ? 1 : 0, expected = expectedVersion;
    OptStr address(o.address), cma(o.cmaNo), cnas(o.cnasNo);
    soci::statement st = (tx.sql().prepare << "UPDATE organizations SET name = :name, address = :address, cma_no = :cma_no, cnas_no = :cnas_no, "
                                              "active = :active, version = version + 1 WHERE id = :id AND version = :expected",
                          soci::use(o.name, "name"), soci::use(address.value, address.ind, "address"), soci::use(cma.value, cma.ind, "cma_no"),
                          soci::use(cnas.value, cnas.ind, "cnas_no"), soci::use(active, "active"), soci::use(id, "id"),
                          soci::use(expected, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::optional<Organization> IdentityRepository::findOrganization(Tx& tx, std::int64_t id) {
    long long v = id;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kOrganizations.select("FROM organizations WHERE id = :id"), soci::use(v, "id"));
    return kOrganizations.first(rs);
}

std::vector<Organization> IdentityRepository::findOrganizations(Tx& tx, const std::vector<std::int64_t>& ids) {
    std::vector<Organization> out;
    std::vector<long long> keys(ids.begin(), ids.end());
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    auto read = kOrganizations.reader();
    rows::forEachIn(tx.sql(), kOrganizations.select("FROM organizations WHERE id"), keys, "ORDER BY id", [](auto&) {},
                    [&](const soci::row& r) { out.push_back(read(r)); });
    return out;
}

std::optional<Organization> IdentityRepository::findOrganizationByUscc(Tx& tx, const std::string& uscc) {
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kOrganizations.select("FROM organizations WHERE uscc = :uscc"), soci::use(uscc, "uscc"));
    return kOrganizations.first(rs);
}

std::optional<Organization> IdentityRepository::findOrganizationByCode(Tx& tx, const std::string& code) {
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kOrganizations.select("FROM organizations WHERE code = :code"), soci::use(code, "code"));
    return kOrganizations.first(rs);
}

bool IdentityRepository::usccTaken(Tx& tx, const std::string& uscc) { return countOf(tx, kUsccTaken, uscc, "uscc") > 0; }
bool IdentityRepository::codeTaken(Tx& tx, const std::string& code) { return countOf(tx, kCodeTaken, code, "code") > 0; }

std::vector<Organization> IdentityRepository::listOrganizations(Tx& tx, std::int64_t afterId, int limit,
                                                                const std::optional<std::string>& kind) {
    long long after = afterId;
    const std::string k = kind.value_or("");
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kOrganizations.select("FROM organizations "
                                                   "WHERE id > :after AND (:kind = '' OR kind = :kind2) ORDER BY id LIMIT :lim"),
         soci::use(after, "after"), soci::use(k, "kind"), soci::use(k, "kind2"), soci::use(limit, "lim"));
    return kOrganizations.all(rs);
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
            (tx.sql().prepare << kUsers.select("FROM users WHERE username = :u"), soci::use(username, "u"));
        out = kUsers.first(rs);
    }
    if (out) out->user.roles = roles(tx, out->user.id);
    return out;
}

std::optional<User> IdentityRepository::findUser(Tx& tx, std::int64_t id) {
    std::optional<User> out;
    long long v = id;
    {
        soci::rowset<soci::row> rs = (tx.sql().prepare << kUsers.select("FROM users WHERE id = :id"), soci::use(v, "id"));
        if (auto u = kUsers.first(rs)) out = std::move(u->user);
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
            (tx.sql().prepare << kUsers.select("FROM users WHERE id > :after AND (:all = 1 OR org_id = :org) ORDER BY id "
                                               "LIMIT :lim"),
             soci::use(after, "after"), soci::use(all, "all"), soci::use(org, "org"), soci::use(limit, "lim"));
        auto read = kUsers.reader();
        for (const auto& r : rs) out.push_back(read(r).user);
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
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kSessions.select("FROM auth_sessions WHERE token_hash = :hash"), soci::use(tokenHash, "hash"));
    return kSessions.first(rs);
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
        (tx.sql().prepare << kApiKeys.select("FROM api_keys WHERE key_hash = :hash"), soci::use(keyHash, "hash"));
    return kApiKeys.first(rs);
}

std::optional<ApiKey> IdentityRepository::findApiKey(Tx& tx, std::int64_t id) {
    long long v = id;
    soci::rowset<soci::row> rs = (tx.sql().prepare << kApiKeys.select("FROM api_keys WHERE id = :id"), soci::use(v, "id"));
    return kApiKeys.first(rs);
}

std::vector<ApiKey> IdentityRepository::listApiKeys(Tx& tx, std::int64_t orgId) {
    long long v = orgId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kApiKeys.select("FROM api_keys WHERE org_id = :org ORDER BY id"), soci::use(v, "org"));
    return kApiKeys.all(rs);
}

void IdentityRepository::revokeApiKey(Tx& tx, std::int64_t id, std::int64_t atMs) {
    long long v = id, at = atMs;
    tx.sql() << kRevokeKey, soci::use(at, "at"), soci::use(v, "id");
}

}  // namespace assay::identity
