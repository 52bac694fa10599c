// IdempotencyStore: makes a retried POST with the same Idempotency-Key create nothing twice,
// whatever moment the server died at.
//
// Purpose: the dispatcher runs a keyed POST of an authenticated principal as ONE unit of work
// (Db::unitOfWork): claim() the key, run the handler (whose own transactions join the unit as
// savepoints), then complete() (2xx: store the response) or release() (anything else: forget
// the key, so the client may retry with it), and commit. The key's outcome and the handler's
// effects therefore commit together or not at all: a crash before the commit leaves neither
// (the retry runs afresh), a crash after it leaves both (the retry gets the stored response).
// A repeat with the same key and the same request (method, URI and body hash) gets the stored
// response back; the same key with a different request gets 422. A concurrent repeat waits for
// the first to commit (its insert of the same key blocks) and then replays it. Rows still
// 'pending' can only come from versions that claimed in a separate transaction; they are taken
// over after kPendingTimeoutMs. Keys are scoped per principal.
// Thread-safety: stateless apart from the clock; every call works in the caller's Tx.
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

    explicit IdempotencyStore(const Clock& clock) : clock_(clock) {}

    // Error 400 (field Idempotency-Key) unless the key is 1-128 printable ASCII characters.
    static void checkKey(const std::string& key);
    // Empty: the key is now claimed in tx; run the handler in the same unit of work. Otherwise
    // the stored response to replay. Errors: 422 when the key was used for a different request,
    // 409 when an old-style pending claim is still fresh.
    std::optional<Response> claim(Tx& tx, const std::string& principal, const std::string& key,
                                  const std::string& requestHash);
    // Stores the response of the claim. sensitive: keep status and Location but not the body
    // (a replay then answers with the status, Location and an empty JSON object).
    void complete(Tx& tx, const std::string& principal, const std::string& key, const Response& r, bool sensitive);
    // Forgets the claim (the request failed; nothing of it is kept).
    void release(Tx& tx, const std::string& principal, const std::string& key);

    static std::string requestHash(const std::string& method, const std::string& path, const std::string& body);

private:
    std::optional<Response> find(Tx& tx, const std::string& principal, const std::string& key,
                                 const std::string& hash, long long now, bool& found);
    const Clock& clock_;
};

}  // namespace assay
