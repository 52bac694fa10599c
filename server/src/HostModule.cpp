// HostModule: wiring of the host routes.
#include "HostModule.hpp"

#include <charconv>

#include <Poco/JSON/Array.h>

#include "assay/Json.hpp"

namespace assay {

namespace {
int parseLimit(const Request& r) {
    auto s = r.query("limit");
    if (!s) return 50;
    int v = 0;
    auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
    if (ec != std::errc() || p != s->data() + s->size() || v < 1 || v > 500)
        throw Error::invalidField("limit", "must be an integer from 1 to 500");
    return v;
}
std::int64_t parseCursor(const Request& r) {
    auto s = r.query("cursor");
    if (!s || s->empty()) return 0;
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
    if (ec != std::errc() || p != s->data() + s->size() || v < 0) throw Error::invalidField("cursor", "malformed cursor");
    return v;
}
}  // namespace

void HostModule::initialize(ModuleContext& ctx) {
    ctx.permissions().grantRoles({"admin", "manager"}, "audit:read");
    ctx.permissions().grant("admin", "system:read");

    ctx.router().add({"GET", "/api/health", kPublic, "Liveness and database check", [this](Request&) {
        auto o = makeObject();
        bool dbOk = true;
        try {
            host_.db().read([](Tx& tx) {
                int one = 0;
                tx.sql() << "SELECT 1", soci::into(one);
            });
        } catch (const std::exception&) {
            dbOk = false;
        }
        o->set("status", dbOk ? "ok" : "unavailable");
        o->set("db", host_.db().url().kindName());
        o->set("version", host_.version());
        Response r = Response::json(o, dbOk ? 200 : 503);
        if (!dbOk) r.headers.emplace_back("Retry-After", "5");
        return r;
    }});

    ctx.router().add({"GET", "/metrics", kPublic, "Prometheus metrics", [this](Request&) {
        Response r;
        r.contentType = "text/plain; version=0.0.4; charset=utf-8";
        r.body = host_.metrics().render(host_.db());
        return r;
    }});

    ctx.router().add({"GET", "/api/audit", "audit:read", "Audit events of one entity", [this](Request& req) {
        std::vector<FieldError> errors;
        auto entity = req.query("entity");
        auto id = req.query("id");
        if (!entity || entity->empty()) errors.push_back({"entity", "required"});
        if (!id || id->empty()) errors.push_back({"id", "required"});
        if (!errors.empty()) throw Error::invalid(errors);
        const int limit = parseLimit(req);
        const std::int64_t cursor = parseCursor(req);
        const Principal& p = req.principal();
        // Non-admins see the events recorded for their own organization (none without one).
        std::optional<std::int64_t> tenant;
        if (!p.hasRole("admin")) tenant = p.orgId.value_or(-1);
        auto records = host_.db().read(
            [&](Tx& tx) { return host_.audit().find(tx, *entity, *id, cursor, limit + 1, tenant); });
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        std::int64_t last = 0;
        int n = 0;
        bool more = false;
        for (const auto& r : records) {
            if (n == limit) {
                more = true;
                break;
            }
            last = r.seq;
            ++n;
            auto o = makeObject();
            o->set("seq", std::to_string(r.seq));
            o->set("at", formatRfc3339(fromEpochMillis(r.atMillis)));
            o->set("actor", r.actorName);
            o->set("entity", r.event.entity);
            o->set("entity_id", r.event.entityId);
            o->set("action", r.event.action);
            o->set("field", r.event.field);
            o->set("old_value", r.event.oldValue ? Poco::Dynamic::Var(*r.event.oldValue) : Poco::Dynamic::Var());
            o->set("new_value", r.event.newValue ? Poco::Dynamic::Var(*r.event.newValue) : Poco::Dynamic::Var());
            o->set("reason", r.event.reason ? Poco::Dynamic::Var(*r.event.reason) : Poco::Dynamic::Var());
            o->set("request_id", r.requestId);
            o->set("hash", r.hash);
            items->add(o);
        }
        auto out = makeObject();
        out->set("items", items);
        out->set("next_cursor", more ? Poco::Dynamic::Var(std::to_string(last)) : Poco::Dynamic::Var());
        return Response::json(out);
    }});

    ctx.router().add({"GET", "/api/system/routes", "system:read", "Registered routes and permissions",
                      [this](Request&) {
                          Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
                          for (const auto& r : host_.router().routes()) {
                              auto o = makeObject();
                              o->set("method", r.method);
                              o->set("path", r.pattern);
                              o->set("permission", r.permission);
                              o->set("summary", r.summary);
                              items->add(o);
                          }
                          auto out = makeObject();
                          out->set("items", items);
                          return Response::json(out);
                      }});
}

}  // namespace assay
