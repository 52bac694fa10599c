// HostModule: wiring of the host routes.
#include "HostModule.hpp"

#include <Poco/JSON/Array.h>

#include "AuditApi.hpp"
#include "assay/Json.hpp"

namespace assay {

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

    registerAuditRoutes(ctx.router(), host_.db(), host_.clock(),
                        static_cast<int>(ctx.config().integer("audit.export_max_rows", 1, 1000000)));

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
