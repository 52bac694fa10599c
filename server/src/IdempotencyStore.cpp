// IdempotencyStore: claim / complete / release of Idempotency-Key rows.
#include "IdempotencyStore.hpp"

#include <cstring>

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include "assay/Log.hpp"
#include "assay/Rows.hpp"

namespace assay {

namespace {
constexpr const char* kFind =
    "SELECT request_hash, state, status, content_type, location, body, created_at_ms FROM idempotency_keys "
    "WHERE principal = :principal AND idem_key = :idem_key";
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

bool saneKey(const std::string& k) {
    if (k.empty() || k.size() > 128) return false;
    for (unsigned char c : k)
        if (c < 0x21 || c > 0x7e) return false;
    return true;
}
bool isDuplicateKey(const std::exception& e) {
    return std::strstr(e.what(), "UNIQUE constraint failed") || std::strstr(e.what(), "Duplicate entry");
}
}  // namespace

std::string IdempotencyStore::requestHash(const std::string& method, const std::string& path, const std::string& body) {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(method);
    sha.update('\n');
    sha.update(path);
    sha.update('\n');
    sha.update(body);
    return Poco::DigestEngine::digestToHex(sha.digest());
}

std::optional<Response> IdempotencyStore::claim(const std::string& principal, const std::string& key,
                                                const std::string& hash) {
    if (!saneKey(key))
        throw Error::invalidField("Idempotency-Key", "must be 1-128 printable ASCII characters");
    const long long now = toEpochMillis(clock_.now());
    try {
        return db_.write([&](Tx& tx) -> std::optional<Response> {
            soci::rowset<soci::row> rs = (tx.sql().prepare << kFind, soci::use(principal, "principal"),
                                          soci::use(key, "idem_key"));
            for (const auto& row : rs) {
                if (rows::str(row, 0) != hash)
                    throw Error(ErrorCode::FailedPrecondition,
                                "this Idempotency-Key was already used for a different request");
                if (rows::str(row, 1) == "done") {
                    Response r;
                    r.status = static_cast<int>(rows::i64(row, 2));
                    r.contentType = rows::str(row, 3);
                    r.body = rows::str(row, 5);
                    if (auto loc = rows::optStr(row, 4)) r.headers.emplace_back("Location", *loc);
                    r.headers.emplace_back("Idempotent-Replayed", "true");
                    return r;
                }
                long long created = rows::i64(row, 6);
                if (now - created < kPendingTimeoutMs)
                    throw Error::conflict("a request with this Idempotency-Key is still in progress");
                soci::statement st = (tx.sql().prepare << kTakeOver, soci::use(now, "at"),
                                      soci::use(principal, "principal"), soci::use(key, "idem_key"),
                                      soci::use(created, "old"));
                st.execute(true);
                if (st.get_affected_rows() != 1)  // another retry took it over first
                    throw Error::conflict("a request with this Idempotency-Key is still in progress");
                return std::nullopt;
            }
            tx.sql() << kInsert, soci::use(principal, "principal"), soci::use(key, "idem_key"), soci::use(hash, "hash"),
                soci::use(now, "at");
            return std::nullopt;
        });
    } catch (const Error& e) {
        if (e.code() == ErrorCode::Conflict)
            throw Error::conflict("a request with this Idempotency-Key is still in progress");
        throw;
    } catch (const std::exception& e) {
        if (isDuplicateKey(e)) throw Error::conflict("a request with this Idempotency-Key is still in progress");
        throw;
    }
}

void IdempotencyStore::complete(const std::string& principal, const std::string& key, const Response& r,
                                bool sensitive) {
    const std::string body = sensitive ? std::string("{}") : r.body;
    std::string location;
    for (const auto& [k, v] : r.headers)
        if (k == "Location") location = v;
    soci::indicator locInd = location.empty() ? soci::i_null : soci::i_ok;
    int status = r.status;
    db_.write([&](Tx& tx) {
        tx.sql() << kComplete, soci::use(status, "status"), soci::use(r.contentType, "content_type"),
            soci::use(location, locInd, "location"), soci::use(body, "body"), soci::use(principal, "principal"),
            soci::use(key, "idem_key");
    });
}

void IdempotencyStore::release(const std::string& principal, const std::string& key) noexcept {
    try {
        db_.write([&](Tx& tx) { tx.sql() << kRelease, soci::use(principal, "principal"), soci::use(key, "idem_key"); });
    } catch (const std::exception& e) {
        Log::warn("idempotency.release_failed", {{"error", e.what()}});
    }
}

}  // namespace assay
