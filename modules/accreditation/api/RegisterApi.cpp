// RegisterApi: request parsing and JSON rendering for the lab register.
#include "api/RegisterApi.hpp"

#include <charconv>

#include <Poco/JSON/Array.h>

#include "assay/Json.hpp"

namespace assay::accreditation {

namespace {
Poco::JSON::Object::Ptr render(const Standard& s) {
    auto o = makeObject();
    o->set("id", std::to_string(s.ref.id));
    o->set("number", s.ref.number);
    o->set("year", s.ref.year);
    o->set("designation", s.ref.designation());
    o->set("title", s.ref.title);
    o->set("status", s.ref.status);
    o->set("replaced_by", s.ref.replacedBy ? Poco::Dynamic::Var(std::to_string(*s.ref.replacedBy)) : Poco::Dynamic::Var());
    o->set("created_at", formatRfc3339(fromEpochMillis(s.createdAtMs)));
    o->set("updated_at", formatRfc3339(fromEpochMillis(s.updatedAtMs)));
    return o;
}

std::string etag(const Standard& s) { return "\"v" + std::to_string(s.version) + "\""; }

std::int64_t parseId(const std::string& s) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && p == s.data() + s.size() && v > 0 ? v : 0;
}

int ifMatch(const Request& req) {
    auto h = req.header("If-Match");
    if (!h) throw Error::preconditionFailed("If-Match with the standard's ETag is required");
    std::string s = *h;
    if (s.rfind("W/", 0) == 0) s = s.substr(2);
    int v = 0;
    if (s.size() < 4 || s[0] != '"' || s[1] != 'v' || s.back() != '"' ||
        std::from_chars(s.data() + 2, s.data() + s.size() - 1, v).ec != std::errc())
        throw Error::preconditionFailed("If-Match does not hold an ETag of this resource");
    return v;
}

struct Page {
    std::int64_t after = 0;
    int limit = 50;
};

Page page(const Request& r) {
    Page p;
    std::vector<FieldError> errors;
    if (auto c = r.query("cursor"); c && !c->empty()) {
        p.after = parseId(*c);
        if (p.after == 0) errors.push_back({"cursor", "malformed cursor"});
    }
    if (auto l = r.query("limit")) {
        auto [ptr, ec] = std::from_chars(l->data(), l->data() + l->size(), p.limit);
        if (ec != std::errc() || ptr != l->data() + l->size() || p.limit < 1 || p.limit > 500)
            errors.push_back({"limit", "must be an integer from 1 to 500"});
    }
    if (!errors.empty()) throw Error::invalid(errors);
    return p;
}
}  // namespace

void registerRegisterRoutes(Router& router, RegisterService& svc) {
    router.add({"GET", "/api/register/standards", "register:read", "The lab's standards", [&svc](Request& req) {
        const Page pg = page(req);
        auto items = svc.standards(req.principal(), pg.after, pg.limit, req.query("status"));
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& s : items) arr->add(render(s));
        auto o = makeObject();
        o->set("items", arr);
        o->set("next_cursor", static_cast<int>(items.size()) == pg.limit
                                  ? Poco::Dynamic::Var(std::to_string(items.back().ref.id))
                                  : Poco::Dynamic::Var());
        return Response::json(o);
    }});

    router.add({"POST", "/api/register/standards", "register:write", "Add a standard edition to the register",
                [&svc](Request& req) {
                    auto body = req.jsonObject();
                    JsonReader r(body);
                    StandardInput in;
                    in.number = r.requiredString("number", 64);
                    in.title = r.requiredString("title", 300);
                    r.allow("year");
                    if (!body->has("year") || body->isNull("year")) {
                        r.addError("year", "required");
                    } else if (!body->get("year").isInteger()) {
                        r.addError("year", "must be an integer (the edition year)");
                    } else {
                        in.year = body->getValue<int>("year");
                    }
                    std::set<std::string> reported;
                    for (const auto& e : r.errors()) reported.insert(e.field);
                    for (const auto& e : RegisterService::standardProblems(in))
                        if (!reported.count(e.field)) r.addError(e.field, e.problem);
                    r.finish();
                    Standard s = svc.createStandard(req.principal(), in, req.requestId());
                    return Response::created(render(s), "/api/register/standards/" + std::to_string(s.ref.id))
                        .withHeader("ETag", etag(s));
                }});

    router.add({"GET", "/api/register/standards/{id}", "register:read", "One standard", [&svc](Request& req) {
        Standard s = svc.standard(req.principal(), req.idParam("id"));
        return Response::json(render(s)).withHeader("ETag", etag(s));
    }});

    router.add({"POST", "/api/register/standards/{id}/status", "register:write",
                "Withdraw a standard, or mark it replaced by a newer edition", [&svc](Request& req) {
                    const std::int64_t id = req.idParam("id");
                    JsonReader r(req.jsonObject());
                    const std::string status = r.requiredString("status", 16);
                    std::optional<std::int64_t> replacedBy;
                    if (auto rb = r.optionalString("replaced_by", 20)) {
                        replacedBy = parseId(*rb);
                        if (*replacedBy == 0) r.addError("replaced_by", "must be an id (a decimal string)");
                    }
                    const std::string reason = r.requiredString("reason", 500);
                    r.finish();
                    Standard s = svc.changeStandardStatus(req.principal(), id, ifMatch(req), status, replacedBy, reason,
                                                          req.requestId());
                    return Response::json(render(s)).withHeader("ETag", etag(s));
                }});
}

}  // namespace assay::accreditation
