// ReportApi: request parsing and JSON rendering for reports.
#include "api/ReportApi.hpp"

#include "assay/Api.hpp"
#include "assay/Error.hpp"
#include "assay/Json.hpp"
#include "assay/Xlsx.hpp"

#include <map>
#include <set>
#include "domain/Signing.hpp"

#include <algorithm>

namespace assay::reports {

namespace {

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
    o->set("issue_date", optStr(r.issueDate));
    o->set("issued_at", r.issuedAtMs ? Poco::Dynamic::Var(formatRfc3339(fromEpochMillis(*r.issuedAtMs))) : Poco::Dynamic::Var());
    o->set("canonical_sha256", optStr(r.canonicalSha256));
    o->set("pdf_sha256", optStr(r.pdfSha256));
    o->set("signature", optStr(r.signature));
    o->set("certificate_sha256", optStr(r.keyFingerprint));
    o->set("verify_code", optStr(r.verifyCode));
    o->set("verify_url", r.verifyCode ? Poco::Dynamic::Var("/verify/" + *r.verifyCode) : Poco::Dynamic::Var());
    o->set("superseded_by", optStr(r.supersededByNumber));
    o->set("withdrawn_reason", optStr(r.withdrawnReason));
    o->set("disposed_at", r.disposedAtMs ? Poco::Dynamic::Var(formatRfc3339(fromEpochMillis(*r.disposedAtMs))) : Poco::Dynamic::Var());
    if (r.amendment) {
        auto a = makeObject();
        a->set("id", std::to_string(r.amendment->amendsId));
        a->set("number", optStr(r.amendsNumber));
        o->set("amends", a);
        o->set("amendment_no", r.amendment->amendmentNo);
        o->set("amendment_reason", r.amendment->reason);
        o->set("amendment_cause", r.amendment->cause);
        o->set("original_recovered", r.amendment->originalRecovered);
        o->set("public_notice", r.amendment->publicNotice);
    } else {
        o->set("amends", Poco::Dynamic::Var());
    }
    o->set("etag", etag(r.version));
    return o;
}

Poco::JSON::Object::Ptr renderKey(const SigningKey& k) {
    auto o = makeObject();
    o->set("certificate_sha256", k.fingerprint);
    o->set("user_id", std::to_string(k.userId));
    o->set("status", k.status);
    o->set("certificate_pem", k.certificatePem);
    o->set("certificate_url", "/api/verify/certificates/" + k.fingerprint);
    o->set("created_at", formatRfc3339(fromEpochMillis(k.createdAtMs)));
    return o;
}

std::string passwordOf(Request& req) {
    auto body = req.jsonObject();
    JsonReader r(body);
    const std::string password = r.requiredString("password", 200);
    r.finish();
    return password;
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
    Poco::JSON::Array::Ptr contents = new Poco::JSON::Array;  // R27: 7.8.2.1 a–p
    for (const auto& c : v.outcome.contents) {
        auto x = makeObject();
        x->set("item", c.item);
        x->set("status", c.status);
        x->set("text", c.text);
        contents->add(x);
    }
    o->set("contents", contents);
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
        x->set("subcontracted_to", optStr(l.subcontractedTo));
        lines->add(x);
    }
    o->set("lines", lines);
    Poco::JSON::Array::Ptr exclusions = new Poco::JSON::Array;
    for (const auto& e : v.facts.exclusions) exclusions->add(e);
    o->set("exclusions", exclusions);
    if (const auto& a = v.facts.amendment) {
        Poco::JSON::Array::Ptr changes = new Poco::JSON::Array;
        for (const auto& c : a->changes) {
            auto x = makeObject();
            x->set("sample_code", c.sampleCode);
            x->set("parameter", c.parameter);
            x->set("field", c.field);
            x->set("before", c.before);
            x->set("after", c.after);
            changes->add(x);
        }
        o->set("changes", changes);
        auto approval = makeObject();
        approval->set("required", a->removesResults || a->changesConclusion);
        approval->set("removes_results", a->removesResults);
        approval->set("changes_conclusion", a->changesConclusion);
        approval->set("approved", a->approved);
        approval->set("approved_by", a->approvedBy.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(a->approvedBy));
        const auto& stored = v.report.amendment;
        approval->set("approved_at", stored && stored->approvedAtMs ? Poco::Dynamic::Var(formatRfc3339(fromEpochMillis(*stored->approvedAtMs)))
                                                                     : Poco::Dynamic::Var());
        approval->set("stale", a->approvalStale);
        approval->set("changes_sha256", v.changesSha256);  // what an approval must name
        o->set("approval", approval);
    }
    return o;
}

Poco::JSON::Object::Ptr renderNotification(const Notification& n) {
    auto o = makeObject();
    o->set("kind", n.kind);
    o->set("channel", n.channel);
    o->set("recipient", n.recipient);
    o->set("message", n.message);
    o->set("created_at", formatRfc3339(fromEpochMillis(n.createdAtMs)));
    return o;
}

Poco::JSON::Object::Ptr renderBatch(const BatchJob& j) {
    auto o = makeObject();
    o->set("id", j.id);
    o->set("status", j.status);
    o->set("total", static_cast<int>(j.items.size()));
    o->set("done", j.done());
    o->set("failed", j.failed());
    o->set("percent", j.percent());
    o->set("created_at", formatRfc3339(fromEpochMillis(j.createdAtMs)));
    o->set("finished_at", j.finishedAtMs ? Poco::Dynamic::Var(formatRfc3339(fromEpochMillis(*j.finishedAtMs))) : Poco::Dynamic::Var());
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& i : j.items) {
        auto x = makeObject();
        x->set("report_id", std::to_string(i.reportId));
        x->set("status", i.status);
        x->set("number", optStr(i.number));
        x->set("problem", optStr(i.problem));
        items->add(x);
    }
    o->set("items", items);
    return o;
}
}  // namespace

void registerBatchRoutes(Router& router, BatchIssue& batches) {
    router.add({"POST", "/api/report-batches", "reports:sign",
                "Issue many drafts you are the signatory of, as a job with progress (re-authenticated once)", [&batches](Request& req) {
                    auto body = req.jsonObject();
                    JsonReader r(body);
                    const auto ids = r.stringArray("report_ids", true, BatchIssue::kMaxReports + 1);
                    const std::string password = r.requiredString("password", 200);
                    std::vector<std::int64_t> reportIds;
                    for (std::size_t k = 0; k < ids.size(); ++k) {
                        const std::int64_t id = parseId(ids[k]);
                        if (id <= 0) r.addError("report_ids[" + std::to_string(k) + "]", "a report id");
                        else reportIds.push_back(id);
                    }
                    r.finish();
                    const BatchJob job = batches.submit(req.principal(), reportIds, password, req.requestId());
                    return Response::json(renderBatch(job), 202).withHeader("Location", "/api/report-batches/" + job.id);
                }});
    router.add({"GET", "/api/report-batches/{id}", "reports:read", "A batch issue job's progress", [&batches](Request& req) {
        return Response::json(renderBatch(batches.job(req.principal(), req.param("id"))));
    }});
}

void registerReportRoutes(Router& router, ReportDesk& svc) {
    router.add({"GET", "/api/reports", "reports:read", "The lab's reports, newest first", [&svc](Request& req) {
        const Page pg = page(req);
        auto items = svc.drafts.list(req.principal(), pg.cursor, pg.limit, req.query("status").value_or(""));
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& r : items) arr->add(render(r));
        return Response::json(pageObject(arr, items.size(), pg, items.empty() ? 0 : items.back().id));
    }});
    router.add({"GET", "/api/reports/export.xlsx", "reports:read", "The report register as an Excel file (?status=)", [&svc](Request& req) {
        const std::string status = req.query("status").value_or("");
        auto page = svc.drafts.list(req.principal(), 0, 500, status);  // the first page (400 status) before the workbook starts
        XlsxWorkbook book(true);  // constant memory: rows written in order and flushed
        book.addSheet("报告登记");
        const char* headers[] = {"报告编号", "状态", "委托单号", "样品编号", "签发日期", "签发时间", "授权签字人", "替代报告",
                                 "被替代为", "更改原因", "撤回原因", "PDF SHA-256", "验证码", "创建时间"};
        const double widths[] = {24, 8, 20, 30, 12, 17, 12, 24, 24, 30, 24, 66, 20, 17};
        constexpr int kColumns = static_cast<int>(std::size(headers));
        for (int c = 0; c < kColumns; ++c) book.columnWidth(c, widths[c]);
        for (int c = 0; c < kColumns; ++c) book.text(0, c, headers[c], XlsxStyle::Header);
        book.freezeRows(1);
        auto dateTime = [&](int row, int col, std::int64_t ms) {
            const std::string at = formatRfc3339(fromEpochMillis(ms));  // lab time, +08:00
            book.dateTime(row, col, at.substr(0, 10), std::stoi(at.substr(11, 2)), std::stoi(at.substr(14, 2)));
        };
        static const std::map<std::string, std::string> kZh{{"draft", "草稿"}, {"issued", "有效"}, {"superseded", "已被替代"},
                                                            {"withdrawn", "已撤回"}, {"discarded", "已作废草稿"}};
        std::map<std::int64_t, std::string> names;
        constexpr int kMaxRegisterRows = 200000;
        int row = 0;
        bool truncated = false;
        for (;;) {
            for (const auto& r : page) {
                if (row >= kMaxRegisterRows) {
                    truncated = true;
                    break;
                }
                ++row;
                std::string samples;
                for (const auto& c : r.sampleCodes) samples += (samples.empty() ? "" : ", ") + c;
                std::string signatory;
                if (r.signatoryUserId) {
                    auto it = names.find(*r.signatoryUserId);
                    if (it == names.end()) it = names.emplace(*r.signatoryUserId, svc.drafts.userName(*r.signatoryUserId)).first;
                    signatory = it->second;
                }
                book.text(row, 0, r.number.value_or(""));
                book.text(row, 1, kZh.count(r.status) ? kZh.at(r.status) : r.status);
                book.text(row, 2, r.orderCode);
                book.text(row, 3, samples);
                if (r.issueDate) book.date(row, 4, *r.issueDate);
                else book.text(row, 4, "");
                if (r.issuedAtMs) dateTime(row, 5, *r.issuedAtMs);
                else book.text(row, 5, "");
                book.text(row, 6, signatory);
                book.text(row, 7, r.amendsNumber.value_or(""));
                book.text(row, 8, r.supersededByNumber.value_or(""));
                book.text(row, 9, r.amendment ? r.amendment->reason : "");
                book.text(row, 10, r.withdrawnReason.value_or(""));
                book.text(row, 11, r.pdfSha256.value_or(""));
                book.text(row, 12, r.verifyCode.value_or(""));
                dateTime(row, 13, r.createdAtMs);
            }
            if (truncated || page.size() < 500) break;
            page = svc.drafts.list(req.principal(), page.back().id, 500, status);
        }
        book.autofilter(0, 0, row, kColumns - 1);
        if (truncated) book.text(row + 2, 0, "只导出了前 " + std::to_string(kMaxRegisterRows) + " 条。", XlsxStyle::Note);
        return Response::file(book.finish(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "报告登记.xlsx");
    }});
    router.add({"POST", "/api/reports", "reports:write", "Start a report draft for samples of an accepted order", [&svc](Request& req) {
        auto body = req.jsonObject();
        JsonReader r(body);
        const std::string order = r.requiredString("order_code", 40);
        const auto samples = r.stringArray("sample_codes", false, 200);
        r.finish();
        const Report report = svc.drafts.create(req.principal(), order, samples, req.requestId());
        return withEtag(Response::created(render(report), "/api/reports/" + std::to_string(report.id)), report.version);
    }});
    router.add({"GET", "/api/reports/{id}", "reports:read", "A report", [&svc](Request& req) {
        const Report report = svc.drafts.get(req.principal(), req.idParam("id"));
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
        const Report report = svc.drafts.setSignatory(req.principal(), req.idParam("id"), ifMatch(req), user, req.requestId());
        return withEtag(Response::json(render(report)), report.version);
    }});
    router.add({"POST", "/api/reports/{id}/issue", "reports:sign",
                "Issue and sign the report: the chosen signatory, re-authenticated, with their own key (If-Match)", [&svc](Request& req) {
                    const std::string password = passwordOf(req);
                    const Report report = svc.issuing.issue(req.principal(), req.idParam("id"), ifMatch(req), password, req.requestId());
                    return withEtag(Response::json(render(report)), report.version);
                }});
    router.add({"GET", "/api/reports/{id}/canonical", "reports:read", "The canonical JSON an issued report's signature covers",
                [&svc](Request& req) {
                    const Report report = svc.drafts.get(req.principal(), req.idParam("id"));
                    if (!report.canonical) throw Error::conflict("the report is not issued yet", {});
                    Response res;
                    res.body = *report.canonical;
                    return res;
                }});
    router.add({"POST", "/api/signing/keys", "reports:sign", "Make your own signing key pair and certificate (re-authenticated)",
                [&svc](Request& req) {
                    const std::string password = passwordOf(req);
                    return Response::json(renderKey(svc.issuing.createKey(req.principal(), password, req.requestId())), 201);
                }});
    router.add({"GET", "/api/signing/keys", "reports:read", "The lab's signatories' certificates", [&svc](Request& req) {
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& k : svc.issuing.keys(req.principal())) {
            auto o = renderKey(k);
            o->set("user_name", svc.drafts.userName(k.userId));  // so a reviewer can choose a signatory without users:read
            arr->add(o);
        }
        auto o = makeObject();
        o->set("items", arr);
        return Response::json(o);
    }});
    router.add({"GET", "/api/verify/certificates/{fingerprint}", kPublic, "A signatory's published certificate (PEM)", [&svc](Request& req) {
        auto k = svc.verification.certificate(req.param("fingerprint"));
        if (!k) throw Error::notFound("certificate");
        Response res;
        res.contentType = "application/x-pem-file";
        res.body = k->certificatePem;
        return res;
    }});
    router.add({"POST", "/api/verify/pdf", kPublic, "Upload a report PDF: authentic or document modified (public)", [&svc](Request& req) {
        if (req.body().empty()) throw Error::invalidField("body", "required: the PDF file");
        std::optional<Verification> v;
        const std::string verdict = svc.verification.pdfVerdict(req.body(), v);
        auto o = makeObject();
        o->set("verdict", verdict);
        o->set("number", v ? Poco::Dynamic::Var(v->number) : Poco::Dynamic::Var());
        o->set("status", v ? Poco::Dynamic::Var(v->status) : Poco::Dynamic::Var());
        o->set("issue_date", v ? Poco::Dynamic::Var(v->issueDate) : Poco::Dynamic::Var());
        return Response::json(o);
    }, false, 4u * 1024u * 1024u});  // a report PDF
    router.add({"GET", "/api/reports/{id}/pdf", "reports:read", "The issued report's PDF", [&svc](Request& req) {
        const Report report = svc.drafts.get(req.principal(), req.idParam("id"));
        if (!report.pdf) throw Error::conflict("the report is not issued yet", {});
        return Response::file(unbase64(*report.pdf), "application/pdf", *report.number + ".pdf");
    }});
    router.add({"GET", "/api/reports/{id}/pdf.p7s", "reports:read", "The detached CMS signature of the issued report's PDF", [&svc](Request& req) {
        const Report report = svc.drafts.get(req.principal(), req.idParam("id"));
        if (!report.pdfCms) throw Error::conflict("the report is not issued yet", {});
        return Response::file(unbase64(*report.pdfCms), "application/pkcs7-signature", *report.number + ".p7s");
    }});
    router.add({"GET", "/api/verify/{code}", kPublic, "Verify a report by its code (public: no customer data, no results)",
                [&svc](Request& req) {
                    auto v = svc.verification.verification(req.param("code"));
                    if (!v) throw Error::notFound("report");
                    auto o = makeObject();
                    o->set("number", v->number);
                    o->set("lab", v->lab);
                    o->set("issue_date", v->issueDate);
                    o->set("status", v->status);
                    o->set("superseded_by", optStr(v->supersededBy));
                    o->set("pdf_sha256", optStr(v->pdfSha256));
                    Poco::JSON::Array::Ptr notices = new Poco::JSON::Array;
                    for (const auto& n : v->publicNotices) notices->add(n);
                    o->set("public_notices", notices);
                    o->set("customer", optStr(v->customer));  // R38: only with the customer's consent
                    Poco::JSON::Array::Ptr results = new Poco::JSON::Array;
                    for (const auto& l : v->results) {
                        auto x = makeObject();
                        x->set("sample_code", l.sampleCode);
                        x->set("parameter", l.parameter);
                        x->set("reported", l.reported);
                        x->set("unit", l.unit);
                        x->set("limit", l.limit);
                        x->set("conformity", l.conformity);
                        results->add(x);
                    }
                    o->set("results", v->customer ? Poco::Dynamic::Var(results) : Poco::Dynamic::Var());
                    o->set("signatory", v->signatory);
                    o->set("canonical_sha256", v->canonicalSha256);
                    o->set("signature", v->signature);
                    o->set("certificate_sha256", v->keyFingerprint);
                    o->set("certificate_url", "/api/verify/certificates/" + v->keyFingerprint);
                    auto marks = makeObject();
                    marks->set("cma", v->cma);
                    marks->set("cnas", v->cnas);
                    o->set("marks", marks);
                    return Response::json(o);
                }});
    router.add({"POST", "/api/reports/{id}/amendments", "reports:write",
                "Amend an issued report: a new draft that replaces it when issued (R35)", [&svc](Request& req) {
                    auto body = req.jsonObject();
                    JsonReader r(body);
                    AmendRequest a;
                    a.reason = r.optionalString("reason", 2000, Lines::many).value_or("");  // required, with cause: the service names both
                    a.cause = r.optionalString("cause", 20).value_or("");
                    a.originalRecovered = r.optionalBool("original_recovered").value_or(true);
                    a.publicNotice = r.optionalBool("public_notice").value_or(false);
                    r.finish();
                    const Report report = svc.amendments.amend(req.principal(), req.idParam("id"), a, req.requestId());
                    return withEtag(Response::created(render(report), "/api/reports/" + std::to_string(report.id)), report.version);
                }});
    router.add({"POST", "/api/reports/{id}/amendment-approval", "reports:approve",
                "The technical manager approves an amendment that removes results or changes a conclusion (R36, re-authenticated)",
                [&svc](Request& req) {
                    auto body = req.jsonObject();
                    JsonReader r(body);
                    const std::string password = r.requiredString("password", 200);
                    const std::string note = r.optionalString("note", 2000, Lines::many).value_or("");
                    const std::string changes = r.requiredString("changes_sha256", 64);
                    r.finish();
                    const Report report = svc.amendments.approveAmendment(req.principal(), req.idParam("id"), password, note, changes, req.requestId());
                    return withEtag(Response::json(render(report)), report.version);
                }});
    router.add({"POST", "/api/reports/{id}/withdraw", "reports:sign", "Withdraw an issued report (If-Match)", [&svc](Request& req) {
        auto body = req.jsonObject();
        JsonReader r(body);
        const std::string reason = r.requiredString("reason", 2000, Lines::many);
        r.finish();
        const Report report = svc.amendments.withdraw(req.principal(), req.idParam("id"), ifMatch(req), reason, req.requestId());
        return withEtag(Response::json(render(report)), report.version);
    }});
    router.add({"POST", "/api/reports/{id}/disclosure", "reports:write",
                "Record the customer's consent to show the customer and the results on the public verification (R38)", [&svc](Request& req) {
                    JsonReader r(req.jsonObject());
                    const std::string by = r.requiredString("consented_by", 100);
                    const std::string ref = r.requiredString("consent_ref", 200);
                    r.finish();
                    const Report report = svc.amendments.discloseResults(req.principal(), req.idParam("id"), by, ref, req.requestId());
                    return withEtag(Response::json(render(report)), report.version);
                }});
    router.add({"GET", "/api/reports/{id}/notifications", "reports:read", "The customer notifications logged for a report",
                [&svc](Request& req) {
                    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
                    for (const auto& n : svc.drafts.notifications(req.principal(), req.idParam("id"))) arr->add(renderNotification(n));
                    auto o = makeObject();
                    o->set("items", arr);
                    return Response::json(o);
                }});
    router.add({"DELETE", "/api/reports/{id}", "reports:write",
                "Discard a draft; an issued report's content only after its retention date (R22) (If-Match)", [&svc](Request& req) {
                    const Report report = svc.drafts.remove(req.principal(), req.idParam("id"), ifMatch(req), req.requestId());
                    return withEtag(Response::json(render(report)), report.version);
                }});
    router.add({"GET", "/api/reports/{id}/checks", "reports:read", "The rule checks for issue: every applicable rule, the marks, issuable",
                [&svc](Request& req) {
                    return Response::json(renderChecks(svc.drafts.checks(req.principal(), req.idParam("id"), dateQuery(req, "date"))));
                }});
}

}  // namespace assay::reports
