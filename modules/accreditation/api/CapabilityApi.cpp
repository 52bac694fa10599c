// CapabilityApi: request parsing for the capability check; rendering is AccreditationJson.
#include "api/CapabilityApi.hpp"

#include "api/AccreditationJson.hpp"
#include "assay/Messages.hpp"
#include "assay/ApiEdge.hpp"

namespace assay::accreditation {

namespace {
Response check(Request& req, CapabilityService& svc) {
    CapabilityQuery q;
    std::vector<FieldError> malformed;
    for (const char* name : {"parameter_id", "method_id"}) {
        auto v = req.query(name);
        if (v && !v->empty() && parseId(*v) == 0) malformed.push_back({name, assay::msg::kNotIdShort});
    }
    if (!malformed.empty()) throw Error::invalid(malformed);
    q.parameterId = parseId(req.query("parameter_id").value_or(""));
    q.methodId = parseId(req.query("method_id").value_or(""));
    q.product = req.query("product").value_or("");
    if (auto c = req.query("category"); c && !c->empty()) q.category = *c;
    q.site = req.query("site").value_or("");
    q.date = req.query("date").value_or(svc.today());
    auto o = toJson(svc.check(req.principal(), q));
    o->set("date", q.date);
    return Response::json(o);
}

const RouteEntry<CapabilityService> kRoutes[] = {
    {"GET", "/api/capability/check", "accreditation:read", "Contract review: can the lab do this item on a date (R23, R13, R15), and is it in the CMA / CNAS scope", check},
};
}  // namespace

void registerCapabilityRoutes(Router& router, CapabilityService& svc) { addRoutes(router, svc, kRoutes); }

}  // namespace assay::accreditation
