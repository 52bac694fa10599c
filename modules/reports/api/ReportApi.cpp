// ReportApi: request parsing for reports; rendering is ReportsJson.
#include "api/ReportApi.hpp"

#include "api/ReportsJson.hpp"
#include "assay/ApiEdge.hpp"
#include "domain/ReportsMessages.hpp"
#include "domain/Signing.hpp"

namespace assay::reports {

namespace {
using Deps = ReportDeps;

std::string passwordOf(Request& req) {
    JsonReader r(req.jsonObject());
    const std::string password = r.requiredString("password", 200);
    r.finish();
    return password;
}

Response reportCreated(const Report& report) { return createdWithEtag(report, "/api/reports/" + std::to_string(report.id)); }

// A stored text of an issued report; 409 before issue.
const std::string& issued(const std::optional<std::string>& part) {
    if (!part) throw Error::conflict(msg::kNotIssuedYet);
    return *part;
}

// ?waiting_for=me: the drafts waiting for the caller's signature, each with its checks' state.
Response list(Request& req, Deps& d) {
    const Page pg = page(req);
    if (const auto who = req.query("waiting_for")) {
        if (*who != "me") throw Error::invalidField("waiting_for", msg::kWaitingForMe);
        return Response::json(pageOf(d.drafts.waitingFor(req.principal(), pg.cursor, pg.limit), pg));
    }
    auto items = d.drafts.list(req.principal(), pg.cursor, pg.limit, queryEnum<ReportStatus>(req, "status"));
    return Response::json(pageOf(items, pg));
}

Response exportRegister(Request& req, Deps& d) {
    return Response::file(d.registerExport.workbook(req.principal(), queryEnum<ReportStatus>(req, "status")),
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ReportRegisterExport::kFileName);
}

Response create(Request& req, Deps& d) {
    JsonReader r(req.jsonObject());
    const std::string order = r.requiredString("order_code", 40);
    const auto samples = r.stringArray("sample_codes", false, 200);
    r.finish();
    return reportCreated(d.drafts.create(req.principal(), order, samples, req.requestId()));
}

Response get(Request& req, Deps& d) { return jsonWithEtag(d.drafts.get(req.principal(), req.idParam("id"))); }

Response setSignatory(Request& req, Deps& d) {
    auto body = req.jsonObject();
    JsonReader r(body);
    r.allow("signatory_user_id");
    std::optional<std::int64_t> user;
    const bool clear = body->has("signatory_user_id") && body->isNull("signatory_user_id");
    if (!clear) user = idField(r, "signatory_user_id");
    if (!clear && !user && r.errors().empty()) r.addError("signatory_user_id", msg::kSignatoryRequired);
    r.finish();
    return jsonWithEtag(d.drafts.setSignatory(req.principal(), req.idParam("id"), ifMatch(req), user, req.requestId()));
}

Response issue(Request& req, Deps& d) {
    const std::string password = passwordOf(req);
    return jsonWithEtag(d.issuing.issue(req.principal(), req.idParam("id"), ifMatch(req), password, req.requestId()));
}

Response canonical(Request& req, Deps& d) {
    const Report report = d.drafts.get(req.principal(), req.idParam("id"));
    Response res;
    res.body = issued(report.canonical);
    return res;
}

Response createKey(Request& req, Deps& d) {
    const std::string password = passwordOf(req);
    return Response::json(toJson(d.issuing.createKey(req.principal(), password, req.requestId())), 201);
}

Response keys(Request& req, Deps& d) {
    auto arr = jsonArray(d.issuing.keys(req.principal()), [&](const SigningKey& k) {
        auto o = toJson(k);
        o->set("user_name", d.drafts.userName(k.userId));  // so a reviewer can choose a signatory without users:read
        return o;
    });
    return Response::json(itemsObject(arr));
}

Response certificate(Request& req, Deps& d) {
    auto k = d.verification.certificate(req.param("fingerprint"));
    if (!k) throw Error::notFound("certificate");
    Response res;
    res.contentType = "application/x-pem-file";
    res.body = k->certificatePem;
    return res;
}

Response verifyPdf(Request& req, Deps& d) {
    if (req.body().empty()) throw Error::invalidField("body", msg::kPdfRequired);
    std::optional<Verification> v;
    const std::string verdict = d.verification.pdfVerdict(req.body(), v);
    auto o = makeObject();
    o->set("verdict", verdict);
    o->set("number", v ? Poco::Dynamic::Var(v->number) : Poco::Dynamic::Var());
    o->set("status", v ? Poco::Dynamic::Var(v->status) : Poco::Dynamic::Var());
    o->set("issue_date", v ? Poco::Dynamic::Var(v->issueDate) : Poco::Dynamic::Var());
    return Response::json(o);
}

Response pdf(Request& req, Deps& d) {
    const Report report = d.drafts.get(req.principal(), req.idParam("id"));
    const std::string bytes = unbase64(issued(report.pdf));
    return Response::file(bytes, "application/pdf", *report.number + ".pdf");
}

Response draftPdf(Request& req, Deps& d) {
    DraftPdf preview = d.drafts.draftPdf(req.principal(), req.idParam("id"));
    // a preview, changing with the results: never kept, by the server or a cache
    return Response::file(std::move(preview.bytes), "application/pdf", preview.fileName).withHeader("Cache-Control", "no-store");
}

Response pdfSignature(Request& req, Deps& d) {
    const Report report = d.drafts.get(req.principal(), req.idParam("id"));
    const std::string bytes = unbase64(issued(report.pdfCms));
    return Response::file(bytes, "application/pkcs7-signature", *report.number + ".p7s");
}

Response verify(Request& req, Deps& d) {
    auto v = d.verification.verification(req.param("code"));
    if (!v) throw Error::notFound("report");
    return Response::json(toJson(*v));
}

Response amend(Request& req, Deps& d) {
    JsonReader r(req.jsonObject());
    AmendRequest a;
    a.reason = r.optionalString("reason", 2000, Lines::many).value_or("");  // required, with cause: the service names both
    a.cause = r.optionalString("cause", 20).value_or("");
    a.originalRecovered = r.optionalBool("original_recovered").value_or(true);
    a.publicNotice = r.optionalBool("public_notice").value_or(false);
    r.finish();
    return reportCreated(d.amendments.amend(req.principal(), req.idParam("id"), a, req.requestId()));
}

Response approveAmendment(Request& req, Deps& d) {
    JsonReader r(req.jsonObject());
    const std::string password = r.requiredString("password", 200);
    const std::string note = r.optionalString("note", 2000, Lines::many).value_or("");
    const std::string changes = r.requiredString("changes_sha256", 64);
    r.finish();
    return jsonWithEtag(d.amendments.approveAmendment(req.principal(), req.idParam("id"), password, note, changes, req.requestId()));
}

Response withdraw(Request& req, Deps& d) {
    JsonReader r(req.jsonObject());
    const std::string reason = r.requiredString("reason", 2000, Lines::many);
    const std::string password = r.requiredString("password", 200);
    r.finish();
    return jsonWithEtag(d.amendments.withdraw(req.principal(), req.idParam("id"), ifMatch(req), password, reason, req.requestId()));
}

Response disclose(Request& req, Deps& d) {
    JsonReader r(req.jsonObject());
    const std::string by = r.requiredString("consented_by", 100);
    const std::string ref = r.requiredString("consent_ref", 200);
    r.finish();
    return jsonWithEtag(d.amendments.discloseResults(req.principal(), req.idParam("id"), by, ref, req.requestId()));
}

Response notifications(Request& req, Deps& d) {
    return Response::json(itemsObject(jsonArray(d.drafts.notifications(req.principal(), req.idParam("id")))));
}

Response remove(Request& req, Deps& d) {
    return jsonWithEtag(d.drafts.remove(req.principal(), req.idParam("id"), ifMatch(req), req.requestId()));
}

Response checks(Request& req, Deps& d) {
    return Response::json(toJson(d.drafts.checks(req.principal(), req.idParam("id"), dateQuery(req, "date"))));
}

const RouteEntry<Deps> kRoutes[] = {
    {"GET", "/api/reports", "reports:read", "The lab's reports, newest first (?status=; ?waiting_for=me: the drafts waiting for my signature)", list},
    {"GET", "/api/reports/export.xlsx", "reports:read", "The report register as an Excel file (?status=)", exportRegister},
    {"POST", "/api/reports", "reports:write", "Start a report draft for samples of an accepted order", create},
    {"GET", "/api/reports/{id}", "reports:read", "A report", get},
    {"PATCH", "/api/reports/{id}", "reports:write", "Choose the signatory of a report draft (If-Match)", setSignatory},
    {"POST", "/api/reports/{id}/issue", "reports:sign", "Issue and sign the report: the chosen signatory, re-authenticated, with their own key (If-Match)", issue},
    {"GET", "/api/reports/{id}/canonical", "reports:read", "The canonical JSON an issued report's signature covers", canonical},
    {"POST", "/api/signing/keys", "reports:sign", "Make your own signing key pair and certificate (re-authenticated)", createKey},
    {"GET", "/api/signing/keys", "reports:read", "The lab's signatories' certificates", keys},
    {"GET", "/api/verify/certificates/{fingerprint}", kPublic, "A signatory's published certificate (PEM)", certificate},
    {"POST", "/api/verify/pdf", kPublic, "Upload a report PDF: authentic or document modified (public)", verifyPdf, false, 4u * 1024u * 1024u},  // a report PDF
    {"GET", "/api/reports/{id}/pdf", "reports:read", "The issued report's PDF", pdf},
    {"GET", "/api/reports/{id}/draft.pdf", "reports:read",
     "A draft's PDF preview before signing: watermarked 草稿 / 未签发, unsigned, no verification code, never stored (409 once issued)", draftPdf},
    {"GET", "/api/reports/{id}/pdf.p7s", "reports:read", "The detached CMS signature of the issued report's PDF", pdfSignature},
    {"GET", "/api/verify/{code}", kPublic, "Verify a report by its code (public: no customer data, no results)", verify},
    {"POST", "/api/reports/{id}/amendments", "reports:write", "Amend an issued report: a new draft that replaces it when issued (R35)", amend},
    {"POST", "/api/reports/{id}/amendment-approval", "reports:approve", "The technical manager approves an amendment that removes results or changes a conclusion (R36, re-authenticated)", approveAmendment},
    {"POST", "/api/reports/{id}/withdraw", "reports:sign", "Withdraw an issued report, with the password and a reason (If-Match)", withdraw},
    {"POST", "/api/reports/{id}/disclosure", "reports:write", "Record the customer's consent to show the customer and the results on the public verification (R38)", disclose},
    {"GET", "/api/reports/{id}/notifications", "reports:read", "The customer notifications logged for a report", notifications},
    {"DELETE", "/api/reports/{id}", "reports:write", "Discard a draft; an issued report's content only after its retention date (R22) (If-Match)", remove},
    {"GET", "/api/reports/{id}/checks", "reports:read", "The rule checks for issue: every applicable rule, the marks, issuable", checks},
};
}  // namespace

void registerReportRoutes(Router& router, ReportDeps& deps) { addRoutes(router, deps, kRoutes); }

}  // namespace assay::reports
