// IdempotencyStore: claim / complete / release of Idempotency-Key rows inside the request's
// unit of work.
#include "IdempotencyStore.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include "assay/Columns.hpp"

namespace assay {

namespace {
// A key's row: the request it was claimed for and, once done, the stored response.
struct StoredKey {
    std::string requestHash, state;
    int status = 0;
    std::string contentType;
    std::optional<std::string> location;
    std::string body;
    long long createdAtMs = 0;
};

const columns::ColumnMap<StoredKey> kKeys{{
    {"request_hash", columns::field<&StoredKey::requestHash>},
    {"state", columns::field<&StoredKey::state>},
    {"status", columns::field<&StoredKey::status>},
    {"content_type", columns::field<&StoredKey::contentType>},
    {"location", columns::field<&StoredKey::location>},
    {"body", columns::field<&StoredKey::body>},
    {"created_at_ms", columns::field<&StoredKey::createdAtMs>},
}};
constexpr const char* kInsert =
    "INSERT INTO idempotency_keys (principal, idem_key, request_hash, state, created_at_ms) "
    "VALUES (:principal, :idem_key, :hash, 'pending', :at)";
constexpr const char* kTakeOver =
    "UPDATE idempotency_keys SET created_at_ms = :at WHERE principal = :principal AND idem_key = :idem_key "
    "AND state = 'pending' AND created_at_ms = :old";
constexpr const char* kComplete =
    "UPDATE idempotency_keys SET state = 'done', status = :status, content_type = :content_type, "
    "location = :location, body = :body WHERE principal = :principal AND idem_key = :idem_key AND state = 'pending'";
constexpr const char* kRelease =
    "DELETE FROM idempotency_keys WHERE principal = :principal AND idem_key = :idem_key AND state = 'pending'";

Error stillRunning() { return Error::conflict("a request with this Idempotency-Key is still in progress"); }
}  // namespace

void IdempotencyStore::checkKey(const std::string& k) {
    bool sane = !k.empty() && k.size() <= 128;
    for (unsigned char c : k)
        if (c < 0x21 || c > 0x7e) sane = false;
    if (!sane) throw Error::invalidField("Idempotency-Key", "must be 1-128 printable ASCII characters");
}

std::string IdempotencyStore::requestHash(const std::string& method, const std::string& path, const std::string& body) {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(method);
    sha.update('\n');
    sha.update(path);
    sha.update('\n');
    sha.update(body);
    return Poco::DigestEngine::digestToHex(sha.digest());
}

// The stored outcome of the key, if any (found tells whether a row exists at all). A pending row
// (older versions only) is taken over when stale, else 409.
std::optional<Response> IdempotencyStore::find(Tx& tx, const std::string& principal, const std::string& key,
                                               const std::string& hash, long long now, bool& found) {
    found = false;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kKeys.select("FROM idempotency_keys WHERE principal = :principal AND idem_key = :idem_key"),
         soci::use(principal, "principal"), soci::use(key, "idem_key"));
    if (auto stored = kKeys.first(rs)) {
        found = true;
        if (stored->requestHash != hash)
            throw Error(ErrorCode::FailedPrecondition, "this Idempotency-Key was already used for a different request");
        if (stored->state == "done") {
            Response r;
            r.status = stored->status;
            r.contentType = std::move(stored->contentType);
            r.body = std::move(stored->body);
            if (stored->location) r.headers.emplace_back("Location", *stored->location);
            r.headers.emplace_back("Idempotent-Replayed", "true");
            return r;
        }
        long long created = stored->createdAtMs;
        if (now - created < kPendingTimeoutMs) throw stillRunning();
        soci::statement st = (tx.sql().prepare << kTakeOver, soci::use(now, "at"), soci::use(principal, "principal"),
                              soci::use(key, "idem_key"), soci::use(created, "old"));
        st.execute(true);
        if (st.get_affected_rows() != 1) throw stillRunning();  // another retry took it over first
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<Response> IdempotencyStore::claim(Tx& tx, const std::string& principal, const std::string& key,
                                                const std::string& hash) {
    checkKey(key);
    const long long now = toEpochMillis(clock_.now());
    bool found = false;
    if (auto r = find(tx, principal, key, hash, now, found)) return r;
    if (found) return std::nullopt;  // a stale pending claim, taken over
    // On MariaDB a concurrent request with the same key blocks here until the first commits,
    // then fails on the unique key: the first's committed outcome is then replayed. (SQLite
    // writers are serialised by BEGIN IMMEDIATE, so they never get here together.)
    try {
        tx.sql() << "SAVEPOINT assay_idem_claim";
        tx.sql() << kInsert, soci::use(principal, "principal"), soci::use(key, "idem_key"), soci::use(hash, "hash"),
            soci::use(now, "at");
        tx.sql() << "RELEASE SAVEPOINT assay_idem_claim";
        return std::nullopt;
    } catch (const assay::Error&) {
        throw;
    } catch (const std::exception& e) {
        // The first request has held the key longer than MariaDB's lock wait (50 s): answer 409
        // rather than retry the whole unit (and hold a pooled session) again and again.
        if (Db::isLockWaitTimeout(e)) throw stillRunning();
        if (!Db::isDuplicateKey(e)) throw;
        tx.sql() << "ROLLBACK TO SAVEPOINT assay_idem_claim";
        tx.sql() << "RELEASE SAVEPOINT assay_idem_claim";
    }
    if (auto r = find(tx, principal, key, hash, now, found)) return r;
    throw stillRunning();
}

void IdempotencyStore::complete(Tx& tx, const std::string& principal, const std::string& key, const Response& r,
                                bool sensitive) {
    const std::string body = sensitive ? std::string("{}") : r.body;
    std::string location;
    for (const auto& [k, v] : r.headers)
        if (k == "Location") location = v;
    soci::indicator locInd = location.empty() ? soci::i_null : soci::i_ok;
    int status = r.status;
    tx.sql() << kComplete, soci::use(status, "status"), soci::use(r.contentType, "content_type"),
        soci::use(location, locInd, "location"), soci::use(body, "body"), soci::use(principal, "principal"),
        soci::use(key, "idem_key");
}

void IdempotencyStore::release(Tx& tx, const std::string& principal, const std::string& key) {
    tx.sql() << kRelease, soci::use(principal, "principal"), soci::use(key, "idem_key");
}

}  // namespace assay
