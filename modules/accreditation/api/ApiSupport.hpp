// ApiSupport: request-parsing helpers shared by the accreditation module's handlers.
//
// Purpose: one definition of how ids, keyset pages, ETags/If-Match, decimal strings and dates
// are read from requests, so every handler of the module answers bad input the same way.
// Thread-safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "assay/Api.hpp"
#include "assay/Decimal.hpp"
#include "assay/Http.hpp"
#include "assay/Json.hpp"

namespace assay::accreditation::api {

// The host's shared request helpers (assay/Api.hpp).
using assay::etag;
using assay::finishWith;
using assay::ifMatch;
using assay::parseId;

// An optional id field (a decimal string); adds "must be an id" to r when malformed.
std::optional<std::int64_t> idField(JsonReader& r, const std::string& key);

struct Page {
    std::int64_t after = 0;
    int limit = 50;
};
// ?cursor=&limit= (1..500, default 50). Errors: 400 naming cursor or limit.
Page page(const Request& r);
// {"items": [...], "next_cursor": last id when the page is full, else null}.
Poco::JSON::Object::Ptr pageObject(const Poco::JSON::Array::Ptr& items, std::size_t count, const Page& pg,
                                   std::int64_t lastId);

Poco::Dynamic::Var optDec(const std::optional<Decimal>& d);
Poco::Dynamic::Var optStr(const std::optional<std::string>& s);
// A decimal field: a JSON string holding a decimal number (never a JSON number).
std::optional<Decimal> decimalField(JsonReader& r, const Poco::JSON::Object::Ptr& obj, const std::string& key,
                                    const std::string& field);
// A query parameter that must be a date YYYY-MM-DD. Errors: 400 naming it.
std::optional<std::string> dateQuery(const Request& req, const std::string& name);

}  // namespace assay::accreditation::api
