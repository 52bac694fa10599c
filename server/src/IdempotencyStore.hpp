// IdempotencyStore: makes a retried POST with the same Idempotency-Key create nothing twice.
//
// Purpose: the dispatcher calls claim() before running a POST handler for an authenticated
// principal that sent Idempotency-Key. The first request claims the key (state 'pending'),
// runs, and complete() stores its 2xx response; a repeat with the same key and the same
// request (method, path and body hash) gets that stored response back; a repeat while the first
// is still running gets 409; the same key with a different request gets 422. A failed request
// releases its claim, so the client may retry with the same key. A claim left pending by a
// crashed process is taken over after kPendingTimeoutMs. Keys are scoped per principal.
// Thread-safety: stateless apart from the Db; safe from any request thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "assay/Clock.hpp"
#include "assay/Db.hpp"
#include "assay/Http.hpp"

namespace assay {

class IdempotencyStore {
public:
    static constexpr std::int64_t kPendingTimeoutMs = 5 * 60 * 1000;

    IdempotencyStore(Db& db, const Clock& clock) : db_(db), clock_(clock) {}

    // Empty: the key is now claimed by this request; run the handler. Otherwise the response to
    // send (a replay, or a problem). Errors: Error 400 (field Idempotency-Key) for a malformed
    // key, 409 while another request holds it, 422 when it was used for a different request.
    std::optional<Response> claim(const std::string& principal, const std::string& key,
                                  const std::string& requestHash);
    // Stores the response of the claim. sensitive: keep status and Location but not the body
    // (a replay then answers with the status, Location and an empty JSON object).
    void complete(const std::string& principal, const std::string& key, const Response& r, bool sensitive);
    void release(const std::string& principal, const std::string& key) noexcept;

    static std::string requestHash(const std::string& method, const std::string& path, const std::string& body);

private:
    Db& db_;
    const Clock& clock_;
};

}  // namespace assay
