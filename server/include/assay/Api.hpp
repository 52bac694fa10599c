// Api: request-reading helpers that every module's handlers share.
//
// Purpose: one definition of how an id is parsed, how If-Match is read against the "v<N>" ETags
// the modules send, and how a JSON reader's findings are merged with a domain validator's, so
// every module answers the same way (API.md: 412 for a stale or missing ETag, one 400 naming
// every bad field).
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "assay/Error.hpp"
#include "assay/Http.hpp"
#include "assay/Json.hpp"

namespace assay {

// A positive 64-bit id from a decimal string; 0 when malformed.
std::int64_t parseId(const std::string& s);
// The "v<N>" of If-Match. Errors: 412 when absent or not an ETag of this kind.
int ifMatch(const Request& req);
// The ETag of version N: "v<N>" in quotes.
std::string etag(int version);
// Adds every problem of `more` whose field the reader has not reported yet, then finishes the
// reader (throwing one 400 with all of them).
void finishWith(JsonReader& r, const std::vector<FieldError>& more);

}  // namespace assay
