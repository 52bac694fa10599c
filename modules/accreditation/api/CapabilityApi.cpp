// CapabilityApi: request parsing and JSON rendering for the capability check.
#include "api/CapabilityApi.hpp"

#include "assay/Api.hpp"

namespace assay::accreditation {


namespace {
Poco::JSON::Object::Ptr render(const RuleVerdict& v) {
    auto o = makeObject();
    o->set("ok", v.ok);
    o->set("rule", v.rule.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(v.rule));
    o->set("reason", v.reason.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(v.reason));
    return o;
}

Poco::JSON::Object::Ptr render(const ScopeVerdict& v) {
    auto o = makeObject();
    o->set("in_scope", v.inScope);
    o->set("rule", v.rule.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(v.rule));
    o->set("reason", v.reason.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(v.reason));
    o->set("row_id", v.rowId ? Poco::Dynamic::Var(std::to_string(*v.rowId)) : Poco::Dynamic::Var());
    o->set("limitation", optStr(v.limitation));
    return o;
}
}  // namespace

void registerCapabilityRoutes(Router& router, CapabilityService& svc) {
    router.add({"GET", "/api/capability/check", "accreditation:read",
                "Contract review: can the lab do this item on a date (R23, R13, R15), and is it in the CMA / CNAS scope",
                [&svc](Request& req) {
                    CapabilityQuery q;
                    std::vector<FieldError> malformed;
                    for (const char* name : {"parameter_id", "method_id"}) {
                        auto v = req.query(name);
                        if (v && !v->empty() && parseId(*v) == 0) malformed.push_back({name, "must be an id"});
                    }
                    if (!malformed.empty()) throw Error::invalid(malformed);
                    q.parameterId = parseId(req.query("parameter_id").value_or(""));
                    q.methodId = parseId(req.query("method_id").value_or(""));
                    q.product = req.query("product").value_or("");
                    if (auto c = req.query("category"); c && !c->empty()) q.category = *c;
                    q.site = req.query("site").value_or("");
                    q.date = req.query("date").value_or(svc.today());
                    CapabilityVerdict v = svc.check(req.principal(), q);
                    auto o = makeObject();
                    o->set("can_perform", v.canPerform);
                    o->set("method", render(v.method));
                    o->set("staff", render(v.staff));
                    Poco::JSON::Array::Ptr people = new Poco::JSON::Array;
                    for (const auto& n : v.performers) people->add(n);
                    o->set("performers", people);
                    o->set("equipment", render(v.equipment));
                    o->set("cma", render(v.cma));
                    o->set("cnas", render(v.cnas));
                    o->set("date", q.date);
                    return Response::json(o);
                }});
}

}  // namespace assay::accreditation
