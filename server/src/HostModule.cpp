// HostModule: wiring of the host routes.
#include "HostModule.hpp"

#include <set>

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
        r.body = host_.metrics().render(host_.db()) + host_.outboxWorker().metricsText();
        return r;
    }});

    registerAuditRoutes(ctx.router(), host_.db(), host_.clock(),
                        static_cast<int>(ctx.config().integer("audit.export_max_rows", 1, 1000000)));

    ctx.router().add({"GET", "/api/system/outbox", "system:read", "Outbox transports and delivery streams", [this](Request&) {
        auto& worker = host_.outboxWorker();
        Poco::JSON::Array::Ptr transports = new Poco::JSON::Array;
        std::set<std::string> registered;
        for (const auto& t : host_.outbox().transports()) {
            auto o = makeObject();
            o->set("name", t->name());
            o->set("target", t->describe());
            transports->add(o);
            registered.insert(t->name());
        }
        const auto streams = host_.db().read([](Tx& tx) { return OutboxWorker::streams(tx); });
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& s : streams) {
            auto o = makeObject();
            o->set("transport", s.transport);
            o->set("registered", registered.count(s.transport) != 0);  // a transport no longer configured keeps its rows
            o->set("lab_id", std::to_string(s.labId));
            o->set("pending", s.pending);
            o->set("delivered", s.delivered);
            if (s.nextSeq) {
                o->set("next_seq", *s.nextSeq);
                o->set("next_message_id", std::to_string(s.nextMessageId.value_or(0)));
                o->set("next_attempts", s.nextAttempts);
            }
            o->set("failures_in_a_row", s.failures);
            if (s.nextAttemptAtMs > 0) o->set("next_attempt_at", formatRfc3339(fromEpochMillis(s.nextAttemptAtMs)));
            if (s.lastError) o->set("last_error", *s.lastError);
            if (s.claimedBy) {
                o->set("claimed_by", *s.claimedBy);
                o->set("lease_until", formatRfc3339(fromEpochMillis(s.leaseUntilMs)));
            }
            items->add(o);
        }
        auto out = makeObject();
        out->set("node", worker.node());
        out->set("worker_running", worker.running());
        out->set("transports", transports);
        out->set("streams", items);
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
