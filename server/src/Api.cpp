// Api: id parsing, If-Match, ETags and merged validation for module handlers.
#include "assay/Api.hpp"

#include "assay/Messages.hpp"

#include <charconv>
#include <set>

#include "assay/Clock.hpp"

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
        if (reported.insert(e.field).second) r.addError(e.field, e.message);  // one problem per field
    r.finish();
}

std::optional<std::int64_t> idField(JsonReader& r, const std::string& key) {
    auto s = r.optionalString(key, 20);
    if (!s) return std::nullopt;
    const std::int64_t id = parseId(*s);
    if (id == 0) r.addError(key, Message(msg::kNotId));
    return id;
}

std::optional<std::int64_t> nullableIdField(JsonReader& r, const Poco::JSON::Object::Ptr& body, const std::string& key) {
    r.allow(key);
    if (!body->has(key)) {
        r.addError(key, Message(msg::kRequiredId));
        return std::nullopt;
    }
    return body->isNull(key) ? std::nullopt : idField(r, key);
}

Page page(const Request& r) {
    Page p;
    std::vector<FieldError> errors;
    if (auto c = r.query("cursor"); c && !c->empty()) {
        p.cursor = parseId(*c);
        if (p.cursor == 0) errors.push_back({"cursor", msg::kMalformedCursor});
    }
    if (auto l = r.query("limit")) {
        auto [ptr, ec] = std::from_chars(l->data(), l->data() + l->size(), p.limit);
        if (ec != std::errc() || ptr != l->data() + l->size() || p.limit < 1 || p.limit > 500)
            errors.push_back({"limit", Message(msg::kIntegerRange, {{"min", 1}, {"max", 500}})});
    }
    if (!errors.empty()) throw Error::invalid(errors);
    return p;
}

Poco::JSON::Object::Ptr pageObject(const Poco::JSON::Array::Ptr& items, std::size_t count, const Page& pg,
                                   std::int64_t lastId) {
    auto o = makeObject();
    o->set("items", items);
    o->set("next_cursor", static_cast<int>(count) == pg.limit && count > 0 ? Poco::Dynamic::Var(std::to_string(lastId))
                                                                           : Poco::Dynamic::Var());
    return o;
}

Poco::Dynamic::Var optDec(const std::optional<Decimal>& d) {
    return d ? Poco::Dynamic::Var(d->toString()) : Poco::Dynamic::Var();
}
Poco::Dynamic::Var optStr(const std::optional<std::string>& s) { return s ? Poco::Dynamic::Var(*s) : Poco::Dynamic::Var(); }
Poco::Dynamic::Var optId(const std::optional<std::int64_t>& v) { return v ? Poco::Dynamic::Var(std::to_string(*v)) : Poco::Dynamic::Var(); }

std::optional<Decimal> decimalField(JsonReader& r, const Poco::JSON::Object::Ptr& obj, const std::string& key,
                                    const std::string& field) {
    if (obj->has(key) && !obj->isNull(key) && !obj->get(key).isString()) {
        r.allow(key);
        r.addError(field, Message(msg::kDecimalAsString));
        return std::nullopt;
    }
    auto s = r.optionalString(key, 40);
    if (!s) return std::nullopt;
    auto d = Decimal::parse(*s);
    if (!d) r.addError(field, Message(msg::kNotDecimal));
    return d;
}

std::optional<std::string> dateQuery(const Request& req, const std::string& name) {
    auto v = req.query(name);
    if (!v || v->empty()) return std::nullopt;
    if (!parseIsoDate(*v)) throw Error::invalidField(name, Message(msg::kNotDate));
    return v;
}


}  // namespace assay
