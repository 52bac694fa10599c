// ScopeApi: request parsing for the scope schedule; rendering is AccreditationJson.
#include "api/ScopeApi.hpp"
#include "domain/AccreditationMessages.hpp"

#include "api/AccreditationJson.hpp"
#include "assay/Messages.hpp"
#include "assay/ApiEdge.hpp"

namespace assay::accreditation {

namespace {
using Svc = ScopeService;

ScopeRowInput readRow(const Poco::JSON::Object::Ptr& ro, const std::string& f, JsonReader& parent) {
    JsonReader rr(ro, f);
    ScopeRowInput x;
    x.rowId = idField(rr, "row_id");
    x.site = rr.optionalString("site", 100);
    x.category = rr.optionalString("category", 100);
    x.product = rr.optionalString("product", 100);
    x.parameterId = idField(rr, "parameter_id");
    x.standardId = idField(rr, "standard_id");
    x.clause = rr.optionalString("clause", 64);
    x.limitation = rr.optionalString("limitation", 500, Lines::many);
    x.note = rr.optionalString("note", 500, Lines::many);
    x.mraCovered = rr.optionalBool("mra_covered");
    absorbInto(rr, parent);
    return x;
}

ScopeChangeInput parseChange(const Request& req) {
    auto body = req.jsonObject();
    JsonReader r(body);
    ScopeChangeInput in;
    in.kind = r.requiredString("kind", 16);
    in.scheme = r.optionalEnum<Scheme>("scheme");
    in.effectiveDate = r.requiredString("effective_date", 10);
    in.reference = r.optionalString("reference", 100);
    in.reason = r.requiredString("reason", 500, Lines::many);
    r.allow("rows");
    auto arr = body->has("rows") && !body->isNull("rows") ? body->getArray("rows") : nullptr;
    if (!arr) r.addError("rows", msg::kRowsArray);
    for (std::size_t i = 0; arr && i < arr->size() && i <= ScopeService::kMaxRows; ++i) {
        const std::string f = "rows[" + std::to_string(i) + "]";
        auto ro = arr->getObject(static_cast<unsigned>(i));
        if (!ro) r.addError(f, Message(assay::msg::kNotObject));
        in.rows.push_back(ro ? readRow(ro, f, r) : ScopeRowInput{});
    }
    finishWith(r, ScopeService::changeProblems(in));
    return in;
}

Response changeCreated(const ScopeChange& c) { return Response::created(toJson(c), "/api/scope/changes/" + std::to_string(c.id)); }

Response listChanges(Request& req, Svc& svc) { return listPage(req, svc, &Svc::changes); }

Response createChange(Request& req, Svc& svc) { return changeCreated(svc.createChange(req.principal(), parseChange(req), req.requestId())); }

Response importChange(Request& req, Svc& svc) {
    ScopeImportInput in;
    in.kind = req.query("kind").value_or("expansion");
    in.scheme = queryEnum<Scheme>(req, "scheme");
    in.effectiveDate = req.query("effective_date").value_or("");
    if (auto r = req.query("reference"); r && !r->empty()) in.reference = *r;
    in.reason = req.query("reason").value_or("");
    in.encoding = req.query("encoding").value_or("auto");
    in.bytes = req.body();
    return changeCreated(svc.importChange(req.principal(), in, req.requestId()));
}

Response getChange(Request& req, Svc& svc) { return byId(req, svc, &Svc::change); }

Response rowsInForce(Request& req, Svc& svc) {
    const Page pg = page(req);
    std::string on = req.query("on").value_or(svc.today());
    if (on.empty()) on = svc.today();
    auto items = svc.rowsInForce(req.principal(), queryEnum<Scheme>(req, "scheme"), on, pg.cursor, pg.limit);
    auto o = pageOf(items, pg);
    o->set("on", on);
    return Response::json(o);
}

Response rowHistory(Request& req, Svc& svc) {
    auto items = svc.history(req.principal(), req.idParam("id"));
    return Response::json(unpaged(jsonArray(items)));
}

Response check(Request& req, Svc& svc) {
    ScopeQuery q;
    auto scheme = queryEnum<Scheme>(req, "scheme");
    if (!scheme) throw Error::invalidField("scheme", msg::kSchemeRequired);
    q.scheme = *scheme;
    q.site = req.query("site").value_or("");
    q.product = req.query("product").value_or("");
    if (auto c = req.query("category"); c && !c->empty()) q.category = *c;
    q.parameterId = parseId(req.query("parameter_id").value_or(""));
    q.standard = req.query("standard").value_or("");
    if (auto c = req.query("clause"); c && !c->empty()) q.clause = *c;
    q.date = req.query("date").value_or("");
    if (q.date.empty()) q.date = svc.today();
    ScopeVerdict v = svc.check(req.principal(), q);
    auto o = toJson(v);
    o->set("mra_covered", v.mraCovered);
    o->set("date", q.date);
    return Response::json(o);
}

Response products(Request& req, Svc& svc) {
    auto items = svc.products(req.principal(), req.query("q").value_or(""));
    return Response::json(unpaged(jsonArray(items)));
}

const RouteEntry<Svc> kRoutes[] = {
    {"GET", "/api/products", "register:read", "The lab's product list (产品目录): the products its scope and specifications name, with their categories", products},
    {"GET", "/api/scope/changes", "accreditation:read", "The scope's change records (初次/扩项/变更/缩项)", listChanges},
    {"POST", "/api/scope/changes", "accreditation:write", "Record a scope change with its effective date (the only way the scope changes)", createChange},
    {"POST", "/api/scope/changes/import", "accreditation:write", "Import scope rows from a CSV file (UTF-8 or GB18030) as one initial or expansion change", importChange},
    {"GET", "/api/scope/changes/{id}", "accreditation:read", "One scope change with the rows it changed", getChange},
    {"GET", "/api/scope/rows", "accreditation:read", "The scope rows in force on a date", rowsInForce},
    {"GET", "/api/scope/rows/{id}/history", "accreditation:read", "Every revision of one scope row", rowHistory},
    {"GET", "/api/scope/check", "accreditation:read", "Whether a parameter, product, site and standard edition is in the scope on a date", check},
};
}  // namespace

void registerScopeRoutes(Router& router, ScopeService& svc) { addRoutes(router, svc, kRoutes); }

}  // namespace assay::accreditation
