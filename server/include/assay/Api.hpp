// Api: request-reading helpers that every module's handlers share.
//
// Purpose: one definition of how an id is parsed, how If-Match is read against the "v<N>" ETags
// the modules send, how keyset pages, decimal strings and dates are read, and how a JSON
// reader's findings are merged with a domain validator's, so every module answers the same way
// (API.md: 412 for a stale or missing ETag, one 400 naming every bad field).
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "assay/Decimal.hpp"
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

// An optional id field (a decimal string); adds "must be an id" to r when malformed.
std::optional<std::int64_t> idField(JsonReader& r, const std::string& key);
// A required id field that may be null (to clear a choice: {"specification_id": null}): empty for
// null; adds "required" to r when the key is absent and "must be an id" when malformed.
std::optional<std::int64_t> nullableIdField(JsonReader& r, const Poco::JSON::Object::Ptr& body, const std::string& key);

// A keyset page: the id the page continues from (0: the start) and its size.
struct Page {
    std::int64_t cursor = 0;
    int limit = 50;
};
// ?cursor=&limit= (1..500, default 50). Errors: 400 naming cursor or limit.
Page page(const Request& r);
// {"items": [...], "next_cursor": last id when the page is full, else null}.
Poco::JSON::Object::Ptr pageObject(const Poco::JSON::Array::Ptr& items, std::size_t count, const Page& pg,
                                   std::int64_t lastId);

Poco::Dynamic::Var optDec(const std::optional<Decimal>& d);
Poco::Dynamic::Var optStr(const std::optional<std::string>& s);
// An optional id as JSON: its decimal string (ids are strings in the API), or null.
Poco::Dynamic::Var optId(const std::optional<std::int64_t>& v);
// A decimal field: a JSON string holding a decimal number (never a JSON number).
std::optional<Decimal> decimalField(JsonReader& r, const Poco::JSON::Object::Ptr& obj, const std::string& key,
                                    const std::string& field);
// A query parameter that must be a date YYYY-MM-DD. Errors: 400 naming it.
std::optional<std::string> dateQuery(const Request& req, const std::string& name);

}  // namespace assay
