// ScopeApi: request parsing and JSON rendering for the scope schedule.
#include "api/ScopeApi.hpp"

#include <set>

#include "assay/Api.hpp"

namespace assay::accreditation {


namespace {
Poco::JSON::Object::Ptr render(const ScopeRow& r) {
    auto o = makeObject();
    o->set("id", std::to_string(r.rowKey));
    o->set("revision_id", std::to_string(r.id));
    o->set("revision", r.revision);
    o->set("scheme", r.scheme);
    o->set("site", r.site);
    o->set("category", r.category);
    o->set("product", r.product);
    o->set("parameter_id", std::to_string(r.parameterId));
    o->set("parameter", r.parameterName);
    o->set("standard_id", std::to_string(r.standard.id));
    o->set("standard", r.standard.designation());
    o->set("clause", optStr(r.clause));
    o->set("limitation", optStr(r.limitation));
    o->set("note", optStr(r.note));
    o->set("mra_covered", r.mraCovered);
    o->set("effective_from", r.effectiveFrom);
    o->set("ended_on", optStr(r.endedOn));
    o->set("change_id", std::to_string(r.changeId));
    o->set("ended_by_change_id", r.endedByChangeId ? Poco::Dynamic::Var(std::to_string(*r.endedByChangeId)) : Poco::Dynamic::Var());
    Poco::JSON::Array::Ptr suspensions = new Poco::JSON::Array;
    for (const auto& x : r.suspensions) {
        auto so = makeObject();
        so->set("from", x.fromDate);
        so->set("lifted_on", optStr(x.liftedOn));
        so->set("reason", x.reason);
        so->set("nc_id", x.ncId ? Poco::Dynamic::Var(std::to_string(*x.ncId)) : Poco::Dynamic::Var());
        suspensions->add(so);
    }
    o->set("suspensions", suspensions);
    return o;
}

Poco::JSON::Array::Ptr renderRows(const std::vector<ScopeRow>& rows) {
    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
    for (const auto& r : rows) arr->add(render(r));
    return arr;
}

Poco::JSON::Object::Ptr render(const ScopeChange& c) {
    auto o = makeObject();
    o->set("id", std::to_string(c.id));
    o->set("change_no", static_cast<Poco::Int64>(c.changeNo));
    o->set("kind", c.kind);
    o->set("scheme", c.scheme);
    o->set("effective_date", c.effectiveDate);
    o->set("reference", optStr(c.reference));
    o->set("reason", c.reason);
    o->set("created_by", std::to_string(c.createdBy));
    o->set("created_at", formatRfc3339(fromEpochMillis(c.createdAtMs)));
    o->set("rows_in_force", renderRows(c.added));
    o->set("rows_ended", renderRows(c.ended));
    return o;
}

ScopeChangeInput parseChange(const Request& req) {
    auto body = req.jsonObject();
    JsonReader r(body);
    ScopeChangeInput in;
    in.kind = r.requiredString("kind", 16);
    in.scheme = r.requiredString("scheme", 8);
    in.effectiveDate = r.requiredString("effective_date", 10);
    in.reference = r.optionalString("reference", 100);
    in.reason = r.requiredString("reason", 500, Lines::many);
    r.allow("rows");
    auto arr = body->has("rows") && !body->isNull("rows") ? body->getArray("rows") : nullptr;
    if (!arr) {
        r.addError("rows", "required: an array of rows");
    } else {
        for (std::size_t i = 0; i < arr->size() && i <= ScopeService::kMaxRows; ++i) {
            const std::string f = "rows[" + std::to_string(i) + "]";
            auto ro = arr->getObject(static_cast<unsigned>(i));
            if (!ro) {
                r.addError(f, "must be an object");
                in.rows.emplace_back();
                continue;
            }
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
            try {
                rr.finish();
            } catch (const Error& e) {
                for (const auto& fe : e.fieldErrors()) r.addError(fe.field, fe.problem);
            }
            in.rows.push_back(std::move(x));
        }
    }
    finishWith(r, ScopeService::changeProblems(in));
    return in;
}
}  // namespace

void registerScopeRoutes(Router& router, ScopeService& svc) {
    router.add({"GET", "/api/scope/changes", "accreditation:read", "The scope's change records (初次/扩项/变更/缩项)",
                [&svc](Request& req) {
                    const Page pg = page(req);
                    auto items = svc.changes(req.principal(), pg.cursor, pg.limit);
                    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
                    for (const auto& c : items) arr->add(render(c));
                    return Response::json(pageObject(arr, items.size(), pg, items.empty() ? 0 : items.back().id));
                }});
    router.add({"POST", "/api/scope/changes", "accreditation:write",
                "Record a scope change with its effective date (the only way the scope changes)", [&svc](Request& req) {
                    ScopeChange c = svc.createChange(req.principal(), parseChange(req), req.requestId());
                    return Response::created(render(c), "/api/scope/changes/" + std::to_string(c.id));
                }});
    router.add({"POST", "/api/scope/changes/import", "accreditation:write",
                "Import scope rows from a CSV file (UTF-8 or GB18030) as one initial or expansion change", [&svc](Request& req) {
                    ScopeImportInput in;
                    in.kind = req.query("kind").value_or("expansion");
                    in.scheme = req.query("scheme").value_or("");
                    in.effectiveDate = req.query("effective_date").value_or("");
                    if (auto r = req.query("reference"); r && !r->empty()) in.reference = *r;
                    in.reason = req.query("reason").value_or("");
                    in.encoding = req.query("encoding").value_or("auto");
                    in.bytes = req.body();
                    ScopeChange c = svc.importChange(req.principal(), in, req.requestId());
                    return Response::created(render(c), "/api/scope/changes/" + std::to_string(c.id));
                }});
    router.add({"GET", "/api/scope/changes/{id}", "accreditation:read", "One scope change with the rows it changed",
                [&svc](Request& req) { return Response::json(render(svc.change(req.principal(), req.idParam("id")))); }});
    router.add({"GET", "/api/scope/rows", "accreditation:read", "The scope rows in force on a date", [&svc](Request& req) {
        const Page pg = page(req);
        const std::string on = req.query("on").value_or(svc.today());
        auto items = svc.rowsInForce(req.principal(), req.query("scheme").value_or(""), on.empty() ? svc.today() : on,
                                     pg.cursor, pg.limit);
        auto o = pageObject(renderRows(items), items.size(), pg, items.empty() ? 0 : items.back().id);
        o->set("on", on.empty() ? svc.today() : on);
        return Response::json(o);
    }});
    router.add({"GET", "/api/scope/rows/{id}/history", "accreditation:read", "Every revision of one scope row",
                [&svc](Request& req) {
                    auto items = svc.history(req.principal(), req.idParam("id"));
                    auto o = makeObject();
                    o->set("items", renderRows(items));
                    o->set("next_cursor", Poco::Dynamic::Var());
                    return Response::json(o);
                }});
    router.add({"GET", "/api/scope/check", "accreditation:read",
                "Whether a parameter, product, site and standard edition is in the scope on a date", [&svc](Request& req) {
                    ScopeQuery q;
                    q.scheme = req.query("scheme").value_or("");
                    q.site = req.query("site").value_or("");
                    q.product = req.query("product").value_or("");
                    if (auto c = req.query("category"); c && !c->empty()) q.category = *c;
                    q.parameterId = parseId(req.query("parameter_id").value_or(""));
                    q.standard = req.query("standard").value_or("");
                    if (auto c = req.query("clause"); c && !c->empty()) q.clause = *c;
                    q.date = req.query("date").value_or("");
                    if (q.date.empty()) q.date = svc.today();
                    ScopeVerdict v = svc.check(req.principal(), q);
                    auto o = makeObject();
                    o->set("in_scope", v.inScope);
                    o->set("rule", v.rule.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(v.rule));
                    o->set("reason", v.reason.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(v.reason));
                    o->set("row_id", v.rowId ? Poco::Dynamic::Var(std::to_string(*v.rowId)) : Poco::Dynamic::Var());
                    o->set("limitation", optStr(v.limitation));
                    o->set("mra_covered", v.mraCovered);
                    o->set("date", q.date);
                    return Response::json(o);
                }});
}

}  // namespace assay::accreditation
