// ReportApi: request parsing and JSON rendering for reports.
#include "api/ReportApi.hpp"

#include "assay/Api.hpp"
#include "assay/Json.hpp"

namespace assay::reports {

namespace {
Poco::Dynamic::Var optId(const std::optional<std::int64_t>& v) { return v ? Poco::Dynamic::Var(std::to_string(*v)) : Poco::Dynamic::Var(); }

Poco::JSON::Object::Ptr render(const Report& r) {
    auto o = makeObject();
    o->set("id", std::to_string(r.id));
    o->set("order_code", r.orderCode);
    Poco::JSON::Array::Ptr samples = new Poco::JSON::Array;
    for (const auto& c : r.sampleCodes) samples->add(c);
    o->set("sample_codes", samples);
    o->set("status", r.status);
    o->set("number", optStr(r.number));
    o->set("signatory_user_id", optId(r.signatoryUserId));
    o->set("created_at", formatRfc3339(fromEpochMillis(r.createdAtMs)));
    o->set("etag", etag(r.version));
    return o;
}

Response withEtag(Response res, int version) { return res.withHeader("ETag", etag(version)); }

Poco::JSON::Object::Ptr renderChecks(const ReportChecksView& v) {
    auto o = makeObject();
    o->set("report_id", std::to_string(v.report.id));
    o->set("date", v.date);
    o->set("issuable", v.outcome.issuable);
    auto marks = makeObject();
    marks->set("cma", v.outcome.marks.cma);
    marks->set("cnas", v.outcome.marks.cnas);
    marks->set("ilac_mra", v.outcome.marks.ilacMra);
    o->set("marks", marks);
    Poco::JSON::Array::Ptr checks = new Poco::JSON::Array;
    for (const auto& c : v.outcome.checks) {
        auto x = makeObject();
        x->set("rule", c.rule);
        x->set("status", c.status);
        x->set("blocking", c.blocking);
        x->set("reason", c.reason);
        checks->add(x);
    }
    o->set("checks", checks);
    Poco::JSON::Array::Ptr lines = new Poco::JSON::Array;
    for (const auto& l : v.facts.lines) {
        auto x = makeObject();
        x->set("test_item_id", std::to_string(l.itemId));
        x->set("sample_code", l.sampleCode);
        x->set("parameter", l.parameter);
        x->set("method", l.method);
        x->set("result_status", l.resultStatus);
        x->set("cma_in_scope", l.cma.inScope);
        x->set("cnas_in_scope", l.cnas.inScope);
        x->set("cma_starred", v.outcome.marks.cmaStarred.count(l.itemId) > 0);   // 不在资质认定范围内
        x->set("cnas_starred", v.outcome.marks.cnasStarred.count(l.itemId) > 0); // not in CNAS scope
        x->set("equipment_flag", optStr(l.equipmentFlag));
        lines->add(x);
    }
    o->set("lines", lines);
    Poco::JSON::Array::Ptr exclusions = new Poco::JSON::Array;
    for (const auto& e : v.facts.exclusions) exclusions->add(e);
    o->set("exclusions", exclusions);
    return o;
}
}  // namespace

void registerReportRoutes(Router& router, ReportService& svc) {
    router.add({"GET", "/api/reports", "reports:read", "The lab's reports, newest first", [&svc](Request& req) {
        const Page pg = page(req);
        auto items = svc.list(req.principal(), pg.cursor, pg.limit);
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& r : items) arr->add(render(r));
        return Response::json(pageObject(arr, items.size(), pg, items.empty() ? 0 : items.back().id));
    }});
    router.add({"POST", "/api/reports", "reports:write", "Start a report draft for samples of an accepted order", [&svc](Request& req) {
        auto body = req.jsonObject();
        JsonReader r(body);
        const std::string order = r.requiredString("order_code", 40);
        const auto samples = r.stringArray("sample_codes", false, 200);
        r.finish();
        const Report report = svc.create(req.principal(), order, samples, req.requestId());
        return withEtag(Response::created(render(report), "/api/reports/" + std::to_string(report.id)), report.version);
    }});
    router.add({"GET", "/api/reports/{id}", "reports:read", "A report", [&svc](Request& req) {
        const Report report = svc.get(req.principal(), req.idParam("id"));
        return withEtag(Response::json(render(report)), report.version);
    }});
    router.add({"PATCH", "/api/reports/{id}", "reports:write", "Choose the signatory of a report draft (If-Match)", [&svc](Request& req) {
        auto body = req.jsonObject();
        JsonReader r(body);
        r.allow("signatory_user_id");
        std::optional<std::int64_t> user;
        const bool clear = body->has("signatory_user_id") && body->isNull("signatory_user_id");
        if (!clear) user = idField(r, "signatory_user_id");
        if (!clear && !user && r.errors().empty()) r.addError("signatory_user_id", "required: a user id, or null to clear it");
        r.finish();
        const Report report = svc.setSignatory(req.principal(), req.idParam("id"), ifMatch(req), user, req.requestId());
        return withEtag(Response::json(render(report)), report.version);
    }});
    router.add({"GET", "/api/reports/{id}/checks", "reports:read", "The rule checks for issue: every applicable rule, the marks, issuable",
                [&svc](Request& req) {
                    return Response::json(renderChecks(svc.checks(req.principal(), req.idParam("id"), dateQuery(req, "date"))));
                }});
}

}  // namespace assay::reports
