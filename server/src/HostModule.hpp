// HostModule: the host's own routes (health, metrics, audit trail, route listing).
//
// Purpose: module id "host"; owns schema/host (audit chain, lab sequences). Routes:
//   GET /api/health          public    {"status","db","version"}; 503 when the database is down
//   GET /metrics             public    Prometheus text (restrict at the proxy in production)
//   GET /api/audit           audit:read   events by period, user, entity type, entity, action (AuditApi)
//   GET /api/audit/export.xlsx, /api/audit/vocabulary   audit:read   (AuditApi)
//   GET /api/system/routes   system:read  every registered route and its permission
//   GET /api/system/outbox   system:read  outbox transports and each stream's delivery state
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "Host.hpp"
#include "assay/Module.hpp"

namespace assay {

class HostModule final : public Module {
public:
    explicit HostModule(Host& host) : host_(host) {}
    std::string id() const override { return "host"; }
    void initialize(ModuleContext& ctx) override;

private:
    Host& host_;
};

}  // namespace assay
