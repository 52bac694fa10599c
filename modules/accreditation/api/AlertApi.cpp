// AlertApi: the ?within= of the alerts page; the alerts are AccreditationAlerts, rendered by AccreditationJson.
#include "api/AlertApi.hpp"
#include "domain/AccreditationMessages.hpp"

#include <charconv>

#include "api/AccreditationJson.hpp"
#include "assay/ApiEdge.hpp"

namespace assay::accreditation {

namespace {
Response alerts(Request& req, AccreditationAlerts& svc) {
    int within = 180;
    if (auto w = req.query("within"); w && !w->empty()) {
        auto [ptr, ec] = std::from_chars(w->data(), w->data() + w->size(), within);
        if (ec != std::errc() || ptr != w->data() + w->size() || within < 0 || within > 3650)
            throw Error::invalidField("within", msg::kAlertWithin);
    }
    return Response::json(toJson(svc.alerts(req.principal(), within)));
}

const RouteEntry<AccreditationAlerts> kRoutes[] = {
    {"GET", "/api/accreditation/alerts", "accreditation:read", "What expires or falls due (R4 qualifications, calibrations, reference materials) and open NCs", alerts},
};
}  // namespace

void registerAlertRoutes(Router& router, AccreditationAlerts& alerts) { addRoutes(router, alerts, kRoutes); }

}  // namespace assay::accreditation
