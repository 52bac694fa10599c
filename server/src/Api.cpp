// Api: id parsing, If-Match, ETags and merged validation for module handlers.
#include "assay/Api.hpp"

#include <charconv>
#include <set>

namespace assay {

std::int64_t parseId(const std::string& s) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && p == s.data() + s.size() && v > 0 ? v : 0;
}

int ifMatch(const Request& req) {
    auto h = req.header("If-Match");
    if (!h) throw Error::preconditionFailed("If-Match with the resource's ETag is required");
    std::string s = *h;
    if (s.rfind("W/", 0) == 0) s = s.substr(2);
    int v = 0;
    if (s.size() < 4 || s[0] != '"' || s[1] != 'v' || s.back() != '"' ||
        std::from_chars(s.data() + 2, s.data() + s.size() - 1, v).ec != std::errc())
        throw Error::preconditionFailed("If-Match does not hold an ETag of this resource");
    return v;
}

std::string etag(int version) { return "\"v" + std::to_string(version) + "\""; }

void finishWith(JsonReader& r, const std::vector<FieldError>& more) {
    std::set<std::string> reported;
    for (const auto& e : r.errors()) reported.insert(e.field);
    for (const auto& e : more)
        if (!reported.count(e.field)) r.addError(e.field, e.problem);
    r.finish();
}

}  // namespace assay
