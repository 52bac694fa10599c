// Reports over HTTP (first slice): a draft over an accepted order's sample, and its checks
// before issue — marks from the lab's CMA standing and scope on the issue date, the signatory's
// authorization (R10, R12), approved results (R32).
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <functional>
#include <thread>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "BlankText.hpp"
#include "HttpFixture.hpp"
#include "ReportFixture.hpp"
#include "ResultFixture.hpp"
#include "domain/Signing.hpp"

using namespace assay::test;

namespace {
// The text poppler extracts from a PDF, spaces and line breaks removed.
std::string pdfText(const std::string& pdf) {
    const std::string path = "/tmp/assay-report-" + std::to_string(::getpid()) + ".pdf";
    {
        std::ofstream out(path, std::ios::binary);
        out << pdf;
    }
    std::string text;
    if (FILE* p = ::popen(("pdftotext -layout " + path + " - 2>/dev/null").c_str(), "r")) {
        char buf[4096];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) text.append(buf, n);
        ::pclose(p);
    }
    if (!std::getenv("ASSAY_KEEP_PDF")) std::remove(path.c_str());
    std::string out;
    for (char c : text)
        if (c != ' ' && c != '\n' && c != '\r' && c != '\f') out += c;
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(reports)

BOOST_AUTO_TEST_CASE(a_draft_report_is_checked_for_marks_results_mu_and_a_signatory_filed_tomorrow_R1_R10_R12_R29_R32) {
    ReportFixture f;
    const std::string order = f.approvedOrder("0.12");
    auto created = f.http.postJson("/api/reports", R"({"order_code":")" + order + "\"}", f.manager);
    BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
    const std::string report = parse(created.body)->getValue<std::string>("id");
    BOOST_TEST(parse(created.body)->getValue<std::string>("status") == "draft");
    BOOST_TEST(parse(created.body)->get("number").isEmpty());  // numbered at issue, gap-free
    auto c = f.checks(report);
    BOOST_TEST(c->getObject("marks")->getValue<bool>("cma"));  // certificate valid, lead on rice in scope
    BOOST_TEST(ReportFixture::rule(c, "R1")->getValue<std::string>("status") == "pass");
    BOOST_TEST(ReportFixture::rule(c, "R32")->getValue<std::string>("status") == "pass");
    BOOST_TEST(ReportFixture::rule(c, "R10")->getValue<std::string>("reason") == "no signatory chosen");
    BOOST_TEST(!c->getValue<bool>("issuable"));
    // The signatory's authorization is filed tomorrow: not today (R12), tomorrow yes.
    f.authorizeSigner(1);
    auto chosen = f.http.request("PATCH", "/api/reports/" + report, R"({"signatory_user_id":")" + f.signerUserId + "\"}",
                                 ResultFixture::headers(f.manager, created.header("ETag")));
    BOOST_REQUIRE_MESSAGE(chosen.status == 200, chosen.body);
    auto today = f.checks(report);
    BOOST_TEST(ReportFixture::rule(today, "R10")->getValue<std::string>("status") == "fail");
    BOOST_TEST(ReportFixture::rule(today, "R10")->getValue<std::string>("reason").find("R12") != std::string::npos,
               ReportFixture::rule(today, "R10")->getValue<std::string>("reason"));
    BOOST_TEST(!today->getValue<bool>("issuable"));
    auto tomorrow = f.checks(report, dayFromToday(1));
    BOOST_TEST(ReportFixture::rule(tomorrow, "R10")->getValue<std::string>("status") == "pass");
    // What still blocks it: the customer asked for the measurement uncertainty and lead has no MU
    // estimate (R29: then issue is blocked).
    BOOST_TEST(ReportFixture::rule(tomorrow, "R29")->getValue<std::string>("status") == "fail");
    BOOST_TEST(!tomorrow->getValue<bool>("issuable"));
    auto arr = tomorrow->getArray("checks");
    for (std::size_t k = 0; k < arr->size(); ++k) {
        auto x = arr->getObject(static_cast<unsigned>(k));
        if (x->getValue<std::string>("rule") != "R29")
            BOOST_TEST(!(x->getValue<bool>("blocking") && x->getValue<std::string>("status") == "fail"), x->getValue<std::string>("rule"));
    }
    // The CMA certificate ends: on a date after it the mark is dropped, the report not blocked.
    auto late = f.checks(report, dayFromToday(1501));
    BOOST_TEST(!late->getObject("marks")->getValue<bool>("cma"));
    BOOST_TEST(ReportFixture::rule(late, "R1")->getValue<std::string>("status") == "fail");
    BOOST_TEST(!ReportFixture::rule(late, "R1")->getValue<bool>("blocking"));
}

BOOST_AUTO_TEST_CASE(a_result_not_yet_approved_blocks_the_issue_and_bad_requests_name_their_field_R32) {
    ReportFixture f;
    const std::string item = f.assignedItem(f.specFull);
    ResultFixture::expect(201, f.enter(item, "0.05"));
    const std::string order = parse(f.http.get("/api/testing/items/" + item, f.tech).body)->getValue<std::string>("order_code");
    auto created = f.http.postJson("/api/reports", R"({"order_code":")" + order + "\"}", f.manager);
    BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
    auto c = f.checks(parse(created.body)->getValue<std::string>("id"));
    BOOST_TEST(ReportFixture::rule(c, "R32")->getValue<std::string>("status") == "fail");
    BOOST_TEST(ReportFixture::rule(c, "R32")->getValue<std::string>("reason").find("(entered)") != std::string::npos);
    auto bad = f.http.postJson("/api/reports", R"({"order_code":")" + order + R"(","sample_codes":["GDQT2099999999"]})", f.manager);
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find("sample_codes[0]") != std::string::npos, bad.body);
    BOOST_TEST(f.http.postJson("/api/reports", R"({"order_code":"NOPE"})", f.manager).status == 404);
    BOOST_TEST(f.http.postJson("/api/reports", R"({"order_code":")" + order + "\"}", f.tech).status == 403);  // technicians read only
    BOOST_TEST(f.http.get("/api/reports/1/checks?date=2026-13-01", f.manager).status == 400);
}

BOOST_AUTO_TEST_CASE(the_chosen_signatory_issues_a_report_numbered_at_issue_signed_with_their_key_and_verifiable_in_public_R11_R32_R38) {
    ReportFixture f;
    f.authorizeSigner(-1);
    const std::string signer = f.http.login("signer", "Signer-pw-12345");
    const std::string order = f.approvedOrder("0.12", false);
    auto created = f.http.postJson("/api/reports", R"({"order_code":")" + order + "\"}", f.manager);
    ResultFixture::expect(201, created);
    const std::string report = parse(created.body)->getValue<std::string>("id");
    auto chosen = f.http.request("PATCH", "/api/reports/" + report, R"({"signatory_user_id":")" + f.signerUserId + "\"}",
                                 ResultFixture::headers(f.manager, created.header("ETag")));
    ResultFixture::expect(200, chosen);
    BOOST_TEST(f.checks(report)->getValue<bool>("issuable"));
    // Nobody signs on behalf of the signatory (R11), and the signatory needs a key first.
    auto proxy = f.http.request("POST", "/api/reports/" + report + "/issue", R"({"password":"x"})", ResultFixture::headers(f.manager, chosen.header("ETag")));
    BOOST_TEST(proxy.status == 422);
    BOOST_TEST(proxy.body.find(R"("id":"R11")") != std::string::npos, proxy.body);
    auto noKey = f.http.request("POST", "/api/reports/" + report + "/issue", R"({"password":"Signer-pw-12345"})",
                                ResultFixture::headers(signer, chosen.header("ETag")));
    BOOST_TEST(noKey.status == 409);
    auto badKey = f.http.postJson("/api/signing/keys", R"({"password":"wrong"})", signer);
    BOOST_TEST(badKey.status == 400);
    BOOST_TEST(badKey.body.find("password") != std::string::npos);
    auto key = f.http.postJson("/api/signing/keys", R"({"password":"Signer-pw-12345"})", signer);
    BOOST_REQUIRE_MESSAGE(key.status == 201, key.body);
    const std::string certificate = parse(key.body)->getValue<std::string>("certificate_pem");
    auto wrong = f.http.request("POST", "/api/reports/" + report + "/issue", R"({"password":"not-mine"})",
                                ResultFixture::headers(signer, chosen.header("ETag")));
    BOOST_TEST(wrong.status == 400);  // re-authentication at signing
    auto issued = f.http.request("POST", "/api/reports/" + report + "/issue", R"({"password":"Signer-pw-12345"})",
                                 ResultFixture::headers(signer, chosen.header("ETag")));
    BOOST_REQUIRE_MESSAGE(issued.status == 200, issued.body);
    auto r = parse(issued.body);
    BOOST_TEST(r->getValue<std::string>("status") == "issued");
    BOOST_TEST(r->getValue<std::string>("number") == "TEST-R" + dayFromToday(0).substr(0, 4) + "000001");  // gap-free from 1
    BOOST_TEST(r->getValue<std::string>("issue_date") == dayFromToday(0));  // the server's date (R32)
    // The signature covers the canonical JSON exactly as served.
    const std::string canonical = f.http.get("/api/reports/" + report + "/canonical", f.manager).body;
    BOOST_TEST(canonical.find("\"number\":\"" + r->getValue<std::string>("number") + "\"") != std::string::npos);
    BOOST_TEST(assay::reports::sha256Hex(canonical) == r->getValue<std::string>("canonical_sha256"));
    BOOST_TEST(assay::reports::verify(certificate, canonical, assay::reports::unbase64(r->getValue<std::string>("signature"))));
    // Issued is immutable: no second issue, no signatory change.
    BOOST_TEST(f.http.request("POST", "/api/reports/" + report + "/issue", R"({"password":"Signer-pw-12345"})",
                              ResultFixture::headers(signer, issued.header("ETag"))).status == 409);
    BOOST_TEST(f.http.request("PATCH", "/api/reports/" + report, R"({"signatory_user_id":null})", ResultFixture::headers(f.manager, issued.header("ETag")))
                   .status == 409);
    // Anyone can verify it by its code, without logging in; no customer data or results there.
    auto v = f.http.get(r->getValue<std::string>("verify_url").replace(0, 7, "/api/verify"), "");
    BOOST_REQUIRE_MESSAGE(v.status == 200, v.body);
    auto o = parse(v.body);
    BOOST_TEST(o->getValue<std::string>("status") == "valid");
    BOOST_TEST(o->getValue<std::string>("number") == r->getValue<std::string>("number"));
    BOOST_TEST(v.body.find("0.12") == std::string::npos);
    BOOST_TEST(v.body.find("甲公司") == std::string::npos);
    BOOST_TEST(f.http.get(o->getValue<std::string>("certificate_url"), "").body == certificate);
    BOOST_TEST(f.http.get("/api/verify/AAAAAAAAAAAAAAAA", "").status == 404);
    // With the customer's written consent, the public page shows the customer and the results (R38).
    auto noConsent = f.http.postJson("/api/reports/" + report + "/disclosure", R"({"consented_by":""})", f.manager);
    BOOST_TEST(noConsent.status == 400);
    BOOST_TEST(noConsent.body.find("consent_ref") != std::string::npos);
    ResultFixture::expect(200, f.http.postJson("/api/reports/" + report + "/disclosure", R"({"consented_by":"何丽","consent_ref":"公开结果同意书 2026-7"})",
                                               f.manager));
    BOOST_TEST(f.http.postJson("/api/reports/" + report + "/disclosure", R"({"consented_by":"何丽","consent_ref":"again"})", f.manager).status == 409);
    auto disclosed = parse(f.http.get(r->getValue<std::string>("verify_url").replace(0, 7, "/api/verify"), "").body);
    BOOST_TEST(disclosed->getValue<std::string>("customer") == "甲公司");
    BOOST_REQUIRE(disclosed->getArray("results")->size() == 1u);
    BOOST_TEST(disclosed->getArray("results")->getObject(0)->getValue<std::string>("reported") == "0.12");
    // The PDF: its hash is inside what was signed, its CMS signature verifies, poppler reads it.
    auto pdf = f.http.get("/api/reports/" + report + "/pdf", f.manager);
    BOOST_REQUIRE(pdf.status == 200);
    BOOST_TEST(pdf.body.rfind("%PDF-", 0) == 0u);
    BOOST_TEST(assay::reports::sha256Hex(pdf.body) == r->getValue<std::string>("pdf_sha256"));
    BOOST_TEST(canonical.find("\"pdf_sha256\":\"" + r->getValue<std::string>("pdf_sha256") + "\"") != std::string::npos);
    const std::string p7s = f.http.get("/api/reports/" + report + "/pdf.p7s", f.manager).body;
    BOOST_TEST(assay::reports::cmsVerify(certificate, pdf.body, p7s));
    const std::string text = pdfText(pdf.body);
    BOOST_TEST(text.find(r->getValue<std::string>("number")) != std::string::npos, text);
    BOOST_TEST(text.find("检验检测报告") != std::string::npos);
    BOOST_TEST(text.find("报告结束") != std::string::npos);
    BOOST_TEST(text.find("第1页共1页") != std::string::npos);  // pdftotext drops the spaces between hanzi
    BOOST_TEST(text.find("CMA") != std::string::npos);       // the mark the checks allowed
    BOOST_TEST(text.find("0.12") != std::string::npos);
    BOOST_TEST(text.find("广州市天河区测试路1号") != std::string::npos);  // 7.8.2.1 b, g, h from the lab and the receipt
    BOOST_TEST(text.find("密封完好") != std::string::npos);
    auto upload = [&](const std::string& bytes) {
        return parse(f.http.request("POST", "/api/verify/pdf", bytes, {{"Content-Type", "application/pdf"}}).body)->getValue<std::string>("verdict");
    };
    BOOST_TEST(upload(pdf.body) == "authentic");
    std::string changed = pdf.body;
    changed[changed.size() / 2] ^= 1;
    BOOST_TEST(upload(changed) == "document modified");
    // The PDF route takes up to 4 MiB; other public routes keep the 64 KiB limit.
    const std::string big(200 * 1024, 'x');
    BOOST_TEST(upload(big) == "document modified");
    BOOST_TEST(f.http.request("POST", "/api/auth/login", big, {{"Content-Type", "application/json"}}).status == 413);
    BOOST_TEST(f.http.request("POST", "/api/verify/pdf", std::string(5 * 1024 * 1024, 'x'), {{"Content-Type", "application/pdf"}}).status == 413);
}

BOOST_AUTO_TEST_CASE(a_samples_status_follows_its_work_in_testing_tested_and_reported_without_anyone_setting_it) {
    ReportFixture f;
    f.authorizeSigner(-1);
    const std::string signer = f.http.login("signer", "Signer-pw-12345");
    auto sampleStatus = [&](const std::string& code) {
        auto s = f.http.get("/api/samples/" + code, f.tech);
        if (s.status != 200) throw std::runtime_error("sample: " + s.body);
        return parse(s.body)->getValue<std::string>("status");
    };
    // Assigned before its receipt: the sample is not in testing yet (it is not in the lab), and
    // receipt is its own step (R19).
    const std::string early = f.acceptedOrder();
    const std::string earlySample = parse(f.http.get("/api/orders/" + early, f.tech).body)->getArray("samples")->getObject(0)->getValue<std::string>("code");
    auto earlyItems = f.http.postJson("/api/testing/items", R"({"order_code":")" + early + "\"}", f.tech);
    const std::string earlyItem = parse(earlyItems.body)->getArray("items")->getObject(0)->getValue<std::string>("id");
    ResultFixture::expect(200, f.http.request("POST", "/api/testing/items/" + earlyItem + "/assign",
                                              R"({"user_id":")" + f.techUserId + R"(","test_date":")" + dayFromToday(0) + "\"}",
                                              ResultFixture::headers(f.tech, f.http.get("/api/testing/items/" + earlyItem, f.tech).header("ETag"))));
    BOOST_TEST(sampleStatus(earlySample) == "registered");

    // Received, assigned (in_testing), its only result entered, checked and approved: tested.
    std::string sample;
    const std::string order = f.approvedOrder("0.12", false, [&](const std::string& location, const std::string& etag) {
        sample = parse(f.http.get(location, f.tech).body)->getArray("samples")->getObject(0)->getValue<std::string>("code");
        return etag;
    });
    BOOST_TEST(sampleStatus(sample) == "tested");
    // The audit trail names the work that moved it, step by step.
    auto trail = f.http.get("/api/audit?entity=sample&id=" + sample, f.manager);
    BOOST_TEST(trail.body.find("in_testing") != std::string::npos, trail.body);
    BOOST_TEST(trail.body.find("every item's result approved") != std::string::npos, trail.body);

    // The report that carries it is issued: reported, in the signing transaction.
    auto created = f.http.postJson("/api/reports", R"({"order_code":")" + order + "\"}", f.manager);
    ResultFixture::expect(201, created);
    const std::string report = parse(created.body)->getValue<std::string>("id");
    auto chosen = f.http.request("PATCH", "/api/reports/" + report, R"({"signatory_user_id":")" + f.signerUserId + "\"}",
                                 ResultFixture::headers(f.manager, created.header("ETag")));
    ResultFixture::expect(200, chosen);
    BOOST_TEST(sampleStatus(sample) == "tested");  // a draft changes nothing
    ResultFixture::expect(201, f.http.postJson("/api/signing/keys", R"({"password":"Signer-pw-12345"})", signer));
    auto issued = f.http.request("POST", "/api/reports/" + report + "/issue", R"({"password":"Signer-pw-12345"})",
                                 ResultFixture::headers(signer, chosen.header("ETag")));
    BOOST_REQUIRE_MESSAGE(issued.status == 200, issued.body);
    BOOST_TEST(sampleStatus(sample) == "reported");
    // And from there the lab retains it by hand (R22), as before.
    auto got = f.http.get("/api/samples/" + sample, f.tech);
    BOOST_TEST(got.body.find(R"("allowed_transitions":["retained"])") != std::string::npos, got.body);
}

BOOST_AUTO_TEST_CASE(an_amendment_replaces_the_issued_report_as_A1_then_A2_and_a_changed_conclusion_needs_the_technical_managers_approval_R35_R36_R22) {
    ReportFixture f;
    std::string signer, order;
    const auto original = f.issuedReport(signer, order);
    const std::string originalId = original->getValue<std::string>("id");
    const std::string number = original->getValue<std::string>("number");
    // The result turns out wrong: invalidated and measured again, now over the limit (a changed conclusion).
    auto item = parse(f.http.get("/api/testing/items?limit=50", f.tech).body)->getArray("items");
    std::string itemId, resultId, resultEtag;
    for (std::size_t k = 0; k < item->size(); ++k) {
        auto full = parse(f.http.get("/api/testing/items/" + item->getObject(static_cast<unsigned>(k))->getValue<std::string>("id"), f.tech).body);
        if (full->getValue<std::string>("order_code") != order) continue;
        itemId = full->getValue<std::string>("id");
        resultId = full->getArray("results")->getObject(0)->getValue<std::string>("id");
        resultEtag = full->getArray("results")->getObject(0)->getValue<std::string>("etag");
    }
    BOOST_REQUIRE(!resultId.empty());
    ResultFixture::expect(200, f.http.request("POST", "/api/testing/results/" + resultId + "/invalidate", R"({"reason":"称量记录错误"})",
                                              ResultFixture::headers(f.reviewer, resultEtag)));
    auto again = f.enter(itemId, "0.25");
    ResultFixture::expect(201, again);
    const std::string newResult = parse(again.body)->getValue<std::string>("id");
    ResultFixture::expect(200, f.http.request("POST", "/api/testing/results/" + newResult + "/check", "", ResultFixture::headers(f.reviewer)));
    ResultFixture::expect(200, f.http.request("POST", "/api/testing/results/" + newResult + "/approve", "", ResultFixture::headers(f.reviewer)));

    // Bad requests name their field; an amendment needs an issued report.
    auto bad = f.http.postJson("/api/reports/" + originalId + "/amendments", R"({"cause":"typo"})", f.reviewer);
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find("reason") != std::string::npos);
    BOOST_TEST(bad.body.find("cause") != std::string::npos);
    // A customer request alone does not justify changing a conclusion (R36).
    auto byRequest = f.http.postJson("/api/reports/" + originalId + "/amendments", R"({"reason":"客户要求修改","cause":"customer_request"})", f.reviewer);
    ResultFixture::expect(201, byRequest);
    const std::string requested = parse(byRequest.body)->getValue<std::string>("id");
    BOOST_TEST(parse(byRequest.body)->getObject("amends")->getValue<std::string>("number") == number);
    auto c1 = f.checks(requested);
    BOOST_TEST(!c1->getValue<bool>("issuable"));
    BOOST_TEST(ReportFixture::rule(c1, "R36")->getValue<std::string>("status") == "fail");
    BOOST_TEST(ReportFixture::rule(c1, "R36")->getValue<std::string>("reason").find("customer request alone") != std::string::npos);
    BOOST_TEST(c1->getObject("approval")->getValue<bool>("changes_conclusion"));
    // One amendment draft at a time; this one is discarded (a draft may be).
    BOOST_TEST(f.http.postJson("/api/reports/" + originalId + "/amendments", R"({"reason":"x","cause":"error"})", f.reviewer).status == 409);
    ResultFixture::expect(200, f.http.request("DELETE", "/api/reports/" + requested, "", ResultFixture::headers(f.reviewer, byRequest.header("ETag"))));
    // The technical manager does not approve an amendment they drafted themselves (R36).
    auto own = f.http.postJson("/api/reports/" + originalId + "/amendments", R"({"reason":"自行更正","cause":"error"})", f.manager);
    ResultFixture::expect(201, own);
    const std::string ownId = parse(own.body)->getValue<std::string>("id");
    auto ownApproval = f.http.postJson("/api/reports/" + ownId + "/amendment-approval",
                                       R"({"password":"Role-pw-12345","changes_sha256":")" +
                                           f.checks(ownId)->getObject("approval")->getValue<std::string>("changes_sha256") + "\"}",
                                       f.manager);
    BOOST_TEST(ownApproval.status == 422);
    BOOST_TEST(ownApproval.body.find("R36") != std::string::npos);
    BOOST_TEST(ownApproval.body.find("not their own") != std::string::npos, ownApproval.body);
    ResultFixture::expect(200, f.http.request("DELETE", "/api/reports/" + ownId, "", ResultFixture::headers(f.manager, own.header("ETag"))));

    auto byError = f.http.postJson("/api/reports/" + originalId + "/amendments",
                                   R"({"reason":"称量记录错误，铅结果重新测定","cause":"error","public_notice":true})", f.reviewer);
    ResultFixture::expect(201, byError);
    const std::string a1 = parse(byError.body)->getValue<std::string>("id");
    auto c2 = f.checks(a1);
    BOOST_TEST(!c2->getValue<bool>("issuable"));
    BOOST_TEST(ReportFixture::rule(c2, "R36")->getValue<std::string>("reason").find("technical manager") != std::string::npos);
    BOOST_TEST(ReportFixture::rule(c2, "R35")->getValue<std::string>("status") == "pass");
    auto changes = c2->getArray("changes");
    bool conformityChange = false;
    for (std::size_t k = 0; k < changes->size(); ++k) {
        auto ch = changes->getObject(static_cast<unsigned>(k));
        if (ch->getValue<std::string>("field") == "conformity") conformityChange = ch->getValue<std::string>("before") == "pass" && ch->getValue<std::string>("after") == "fail";
    }
    BOOST_TEST(conformityChange);
    // Only the technical manager approves, re-authenticated; nobody issues before that.
    BOOST_TEST(f.http.postJson("/api/reports/" + a1 + "/amendment-approval", R"({"password":"Signer-pw-12345"})", signer).status == 403);
    const std::string seen = c2->getObject("approval")->getValue<std::string>("changes_sha256");  // what the manager reviewed
    auto approve = [&](const std::string& password, const std::string& changes) {
        return f.http.postJson("/api/reports/" + a1 + "/amendment-approval",
                               R"({"password":")" + password + R"(","note":"原始记录核实","changes_sha256":")" + changes + "\"}", f.manager);
    };
    BOOST_TEST(approve("wrong", seen).status == 400);
    BOOST_TEST(approve("Role-pw-12345", std::string(64, '0')).status == 412);  // not the changes shown: review them again
    auto draft = f.http.get("/api/reports/" + a1, f.manager);
    auto refused = f.http.request("POST", "/api/reports/" + a1 + "/issue", R"({"password":"Signer-pw-12345"})", ResultFixture::headers(signer, draft.header("ETag")));
    BOOST_TEST(refused.status == 422);
    BOOST_TEST(refused.body.find("R36") != std::string::npos, refused.body);
    ResultFixture::expect(200, approve("Role-pw-12345", seen));
    auto c3 = f.checks(a1);
    BOOST_TEST(c3->getValue<bool>("issuable"));
    BOOST_TEST(c3->getObject("approval")->getValue<bool>("approved"));
    draft = f.http.get("/api/reports/" + a1, f.manager);
    auto issued = f.http.request("POST", "/api/reports/" + a1 + "/issue", R"({"password":"Signer-pw-12345"})", ResultFixture::headers(signer, draft.header("ETag")));
    BOOST_REQUIRE_MESSAGE(issued.status == 200, issued.body);
    auto amended = parse(issued.body);
    BOOST_TEST(amended->getValue<std::string>("number") == number + "-A1");
    // The original is superseded, linked to its amendment, on the public verification too.
    auto orig = parse(f.http.get("/api/reports/" + originalId, f.manager).body);
    BOOST_TEST(orig->getValue<std::string>("status") == "superseded");
    BOOST_TEST(orig->getValue<std::string>("superseded_by") == number + "-A1");
    auto v = parse(f.http.get("/api/verify/" + original->getValue<std::string>("verify_code"), "").body);
    BOOST_TEST(v->getValue<std::string>("status") == "superseded");
    BOOST_TEST(v->getValue<std::string>("superseded_by") == number + "-A1");
    BOOST_TEST(v->getArray("public_notices")->size() == 1u);  // third parties may be affected
    auto notes = parse(f.http.get("/api/reports/" + originalId + "/notifications", f.manager).body)->getArray("items");
    BOOST_REQUIRE(notes->size() == 2u);
    BOOST_TEST(notes->getObject(0)->getValue<std::string>("kind") == "amended");
    BOOST_TEST(notes->getObject(0)->getValue<std::string>("message").find(number + "-A1") != std::string::npos);
    // The amendment prints what it replaces, why, and what changed; its canonical JSON says so too.
    const std::string text = pdfText(f.http.get("/api/reports/" + a1 + "/pdf", f.manager).body);
    BOOST_TEST(text.find("本报告替代报告No." + number) != std::string::npos, text);
    BOOST_TEST(text.find("称量记录错误") != std::string::npos);
    BOOST_TEST(text.find("0.25") != std::string::npos);
    const std::string canonical = f.http.get("/api/reports/" + a1 + "/canonical", f.manager).body;
    BOOST_TEST(canonical.find("\"replaces\":\"" + number + "\"") != std::string::npos);
    // The superseded original is not amended again; A1 is, as A2 (nothing removed: no approval needed).
    BOOST_TEST(f.http.postJson("/api/reports/" + originalId + "/amendments", R"({"reason":"x","cause":"error"})", f.reviewer).status == 409);
    auto second = f.http.postJson("/api/reports/" + a1 + "/amendments", R"({"reason":"委托单位名称更正","cause":"omission"})", f.reviewer);
    ResultFixture::expect(201, second);
    const std::string a2 = parse(second.body)->getValue<std::string>("id");
    auto c4 = f.checks(a2);
    BOOST_TEST(c4->getValue<bool>("issuable"));
    auto needless = f.http.postJson("/api/reports/" + a2 + "/amendment-approval",
                                    R"({"password":"Role-pw-12345","changes_sha256":")" +
                                        c4->getObject("approval")->getValue<std::string>("changes_sha256") + "\"}",
                                    f.manager);
    BOOST_TEST(needless.status == 422);  // nothing removed, no conclusion changed: nothing to approve (R36)
    BOOST_TEST(needless.body.find("nothing to approve") != std::string::npos, needless.body);
    auto issued2 = f.http.request("POST", "/api/reports/" + a2 + "/issue", R"({"password":"Signer-pw-12345"})", ResultFixture::headers(signer, second.header("ETag")));
    BOOST_REQUIRE_MESSAGE(issued2.status == 200, issued2.body);
    BOOST_TEST(parse(issued2.body)->getValue<std::string>("number") == number + "-A2");
    BOOST_TEST(parse(f.http.get("/api/reports/" + a1, f.manager).body)->getValue<std::string>("superseded_by") == number + "-A2");
    // Issued reports are kept: no deletion before the retention date (R22).
    auto del = f.http.request("DELETE", "/api/reports/" + a2, "", ResultFixture::headers(f.manager, issued2.header("ETag")));
    BOOST_TEST(del.status == 422);
    BOOST_TEST(del.body.find("R22") != std::string::npos, del.body);
    // Withdrawn, with the password like signing: without it, or with a wrong one, nothing changes.
    auto noPassword = f.http.request("POST", "/api/reports/" + a2 + "/withdraw", R"({"reason":"委托方撤销委托"})", ResultFixture::headers(signer, issued2.header("ETag")));
    BOOST_TEST(noPassword.status == 400);
    BOOST_TEST(noPassword.body.find(R"("field":"password")") != std::string::npos, noPassword.body);
    auto wrongPassword = f.http.request("POST", "/api/reports/" + a2 + "/withdraw", R"({"reason":"委托方撤销委托","password":"not-mine"})",
                                        ResultFixture::headers(signer, issued2.header("ETag")));
    BOOST_TEST(wrongPassword.status == 400, wrongPassword.body);
    BOOST_TEST(parse(f.http.get("/api/reports/" + a2, f.manager).body)->getValue<std::string>("status") == "issued");
    // Withdrawn: the verification says so and the customer notification is logged.
    auto withdrawn = f.http.request("POST", "/api/reports/" + a2 + "/withdraw", R"({"reason":"委托方撤销委托","password":"Signer-pw-12345"})",
                                    ResultFixture::headers(signer, issued2.header("ETag")));
    BOOST_REQUIRE_MESSAGE(withdrawn.status == 200, withdrawn.body);
    auto v2 = parse(f.http.get("/api/verify/" + parse(issued2.body)->getValue<std::string>("verify_code"), "").body);
    BOOST_TEST(v2->getValue<std::string>("status") == "withdrawn");
    BOOST_TEST(parse(f.http.get("/api/reports/" + a2 + "/notifications", f.manager).body)->getArray("items")->size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_batch_issues_the_signatorys_drafts_one_by_one_with_progress_and_names_the_rule_that_kept_one_back_R10) {
    ReportFixture f;
    f.authorizeSigner(-1);
    const std::string signer = f.http.login("signer", "Signer-pw-12345");
    ResultFixture::expect(201, f.http.postJson("/api/signing/keys", R"({"password":"Signer-pw-12345"})", signer));
    std::vector<std::string> ids;
    for (int k = 0; k < 3; ++k) {
        auto created = f.http.postJson("/api/reports", R"({"order_code":")" + f.approvedOrder("0.1" + std::to_string(k), false) + "\"}", f.manager);
        ResultFixture::expect(201, created);
        ids.push_back(parse(created.body)->getValue<std::string>("id"));
        if (k == 1) continue;  // no signatory chosen: R10 keeps it a draft
        ResultFixture::expect(200, f.http.request("PATCH", "/api/reports/" + ids.back(), R"({"signatory_user_id":")" + f.signerUserId + "\"}",
                                                  ResultFixture::headers(f.manager, created.header("ETag"))));
    }
    const std::string list = R"([")" + ids[0] + R"(",")" + ids[1] + R"(",")" + ids[2] + R"("])";
    auto bad = f.http.postJson("/api/report-batches", R"({"report_ids":["x","99999999999999999999"],"password":"Signer-pw-12345"})", signer);
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find("report_ids[0]") != std::string::npos);
    BOOST_TEST(bad.body.find("report_ids[1]") != std::string::npos);  // too large for an id: named, not a 500
    BOOST_TEST(f.http.postJson("/api/report-batches", R"({"report_ids":)" + list + R"(,"password":"wrong"})", signer).status == 400);
    BOOST_TEST(f.http.postJson("/api/report-batches", R"({"report_ids":)" + list + R"(,"password":"x"})", f.tech).status == 403);
    auto submitted = f.http.postJson("/api/report-batches", R"({"report_ids":)" + list + R"(,"password":"Signer-pw-12345"})", signer);
    BOOST_REQUIRE_MESSAGE(submitted.status == 202, submitted.body);
    BOOST_TEST(parse(submitted.body)->getValue<int>("total") == 3);
    const std::string location = submitted.header("Location");
    Poco::JSON::Object::Ptr job;
    for (int wait = 0; wait < 300; ++wait) {  // at most 30 s
        job = parse(f.http.get(location, f.manager).body);
        if (job->getValue<std::string>("status") == "finished") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    BOOST_REQUIRE(job->getValue<std::string>("status") == "finished");
    BOOST_TEST(job->getValue<int>("done") == 3);
    BOOST_TEST(job->getValue<int>("failed") == 1);
    BOOST_TEST(job->getValue<int>("percent") == 100);
    auto items = job->getArray("items");
    BOOST_TEST(items->getObject(0)->getValue<std::string>("status") == "issued");
    BOOST_TEST(items->getObject(1)->getValue<std::string>("status") == "failed");
    BOOST_TEST(items->getObject(1)->getValue<std::string>("problem").find("R10") != std::string::npos);
    BOOST_TEST(items->getObject(2)->getValue<std::string>("number") != items->getObject(0)->getValue<std::string>("number"));
    BOOST_TEST(parse(f.http.get("/api/reports/" + ids[1], f.manager).body)->getValue<std::string>("status") == "draft");  // kept, not half-issued
    BOOST_TEST(parse(f.http.get("/api/reports/" + ids[2], f.manager).body)->getValue<std::string>("status") == "issued");
    BOOST_TEST(f.http.get("/api/report-batches/NOSUCHJOB", f.manager).status == 404);
    // The register by status: the draft that stayed, and a bad status named.
    auto drafts = parse(f.http.get("/api/reports?status=draft", f.manager).body)->getArray("items");
    BOOST_REQUIRE(drafts->size() == 1u);
    BOOST_TEST(drafts->getObject(0)->getValue<std::string>("id") == ids[1]);
    BOOST_TEST(parse(f.http.get("/api/reports?status=issued", f.manager).body)->getArray("items")->size() == 2u);
    auto badStatus = f.http.get("/api/reports?status=bogus", f.manager);
    BOOST_TEST(badStatus.status == 400);
    BOOST_TEST(badStatus.body.find("status") != std::string::npos);
    // The register as Excel, read back by openpyxl: the issued numbers, their status and real dates.
    auto x = f.http.get("/api/reports/export.xlsx?status=issued", f.manager);
    BOOST_REQUIRE(x.status == 200);
    TempDir dir;
    writeFile(dir.file("register.xlsx"), x.body);
    writeFile(dir.file("reader.py"),
              "import sys, openpyxl\nws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]\nprint('SHEET=' + ws.title)\n"
              "for row in ws.iter_rows():\n    for c in row:\n        if c.value is not None: print(f'{c.coordinate}={c.value!r}')\n");
    auto read = runProcess("/usr/bin/python3", {dir.file("reader.py"), dir.file("register.xlsx")}, {});
    BOOST_REQUIRE_MESSAGE(read.exitCode == 0, read.out);
    BOOST_TEST(read.out.find("SHEET=报告登记") != std::string::npos);
    BOOST_TEST(read.out.find("'" + items->getObject(0)->getValue<std::string>("number") + "'") != std::string::npos, read.out);
    BOOST_TEST(read.out.find("B2='有效'") != std::string::npos);
    BOOST_TEST(read.out.find("E2=datetime.datetime(" + std::to_string(std::stoi(dayFromToday(0).substr(0, 4)))) != std::string::npos);
    BOOST_TEST(read.out.find("A4=") == std::string::npos);  // the draft is not in ?status=issued
    BOOST_TEST(f.http.get("/api/reports/export.xlsx?status=bogus", f.manager).status == 400);
}

BOOST_AUTO_TEST_CASE(a_subcontracted_item_is_dispatched_only_with_consent_and_acceptance_and_the_report_names_the_receiving_lab_R31) {
    ReportFixture f;
    f.authorizeSigner(-1);
    std::string location, etag;
    const std::string order = f.approvedOrder("0.12", false, [&](const std::string& loc, const std::string& reviewedEtag) {
        location = loc;
        // No dispatch without the customer's written consent.
        auto unconsented = f.post(loc + "/items/1/subcontract/dispatch", "", reviewedEtag);
        BOOST_TEST(unconsented.status == 422);
        BOOST_TEST(unconsented.body.find("no written consent") != std::string::npos, unconsented.body);
        // The consent names the item and the receiving lab; bad requests name their fields.
        auto bad = f.post(loc + "/items/1/subcontract", R"({"receiving_lab":""})", reviewedEtag);
        BOOST_TEST(bad.status == 400);
        BOOST_TEST(bad.body.find("consent_ref") != std::string::npos);
        auto consented = f.post(loc + "/items/1/subcontract",
                                R"({"receiving_lab":"广州某检测技术有限公司","receiving_cma_no":"202019000777","consented_by":"何丽","consent_ref":"客户书面同意书 2026-118"})",
                                reviewedEtag);
        ResultFixture::expect(200, consented);
        // Not dispatched before the receiving lab accepts, nor before the contract is concluded.
        auto early = f.post(loc + "/items/1/subcontract/dispatch", "", consented.header("ETag"));
        BOOST_TEST(early.status == 422);
        BOOST_TEST(early.body.find("R31") != std::string::npos);
        BOOST_TEST(early.body.find("not accepted the work") != std::string::npos, early.body);
        auto accepted = f.post(loc + "/items/1/subcontract/acceptance", R"({"accepted_by":"孙伟","acceptance_ref":"接收确认 GZ-2026-55"})",
                               consented.header("ETag"));
        ResultFixture::expect(200, accepted);
        return accepted.header("ETag");
    });
    auto current = f.http.get(location, f.tech);
    auto dispatched = f.post(location + "/items/1/subcontract/dispatch", "", current.header("ETag"));
    ResultFixture::expect(200, dispatched);
    BOOST_TEST(parse(dispatched.body)->getArray("items")->getObject(0)->getObject("subcontract")->getValue<std::string>("receiving_lab") ==
               "广州某检测技术有限公司");
    auto created = f.http.postJson("/api/reports", R"({"order_code":")" + order + "\"}", f.manager);
    ResultFixture::expect(201, created);
    const std::string report = parse(created.body)->getValue<std::string>("id");
    auto c = f.checks(report);
    BOOST_TEST(ReportFixture::rule(c, "R31")->getValue<std::string>("status") == "pass");
    BOOST_TEST(ReportFixture::rule(c, "R31")->getValue<std::string>("reason").find("202019000777") != std::string::npos);
    BOOST_TEST(!c->getObject("marks")->getValue<bool>("cma"));  // its only result is the other lab's: R3, no CMA mark of ours
    BOOST_TEST(ReportFixture::rule(c, "R3")->getValue<std::string>("status") == "fail");
    auto contents = c->getArray("contents");
    BOOST_TEST(contents->getObject(15)->getValue<std::string>("item") == "p");
    BOOST_TEST(contents->getObject(15)->getValue<std::string>("status") == "present");
    BOOST_TEST(c->getArray("lines")->getObject(0)->getValue<std::string>("subcontracted_to").find("广州某检测技术有限公司") != std::string::npos);
}

// R20, R35: a withdrawal, an amendment or the customer's consent needs visible text; blanks of
// every kind (spaces, U+3000, zero-width characters ...) are a 400 naming the field, store
// nothing, and a reason between blanks is stored trimmed.
BOOST_AUTO_TEST_CASE(a_blank_withdrawal_amendment_or_consent_is_refused_and_a_reason_is_stored_trimmed_R20_R35) {
    ReportFixture f;
    std::string signer, order;
    const auto original = f.issuedReport(signer, order);
    const std::string loc = "/api/reports/" + original->getValue<std::string>("id");
    const std::string etag = f.http.get(loc, signer).header("ETag");
    refusesBlank(f.http, signer, "POST", loc + "/withdraw", R"({"reason":$BLANK,"password":"Signer-pw-12345"})", "reason", etag, loc);
    refusesBlank(f.http, f.reviewer, "POST", loc + "/amendments", R"({"reason":$BLANK,"cause":"error"})", "reason", "", loc);
    refusesBlank(f.http, f.manager, "POST", loc + "/disclosure", R"({"consented_by":$BLANK,"consent_ref":"公开结果同意书 2026-7"})", "consented_by", "",
                 loc);
    refusesBlank(f.http, f.manager, "POST", loc + "/disclosure", R"({"consented_by":"何丽","consent_ref":$BLANK})", "consent_ref", "", loc);
    // Nothing was stored: the consent and the (single) amendment draft are still to be recorded.
    ResultFixture::expect(200, f.http.postJson(loc + "/disclosure", R"({"consented_by":"\u3000何丽 ","consent_ref":"公开结果同意书 2026-7"})", f.manager));
    auto audit = f.http.get("/api/audit?entity=report&id=" + original->getValue<std::string>("id"), f.admin);
    BOOST_TEST(audit.body.find(R"("new_value":"consent of 何丽")") != std::string::npos, audit.body);
    auto amendment = f.http.postJson(loc + "/amendments", R"({"reason":"\u3000 委托单位名称更正\u200b","cause":"error"})", f.reviewer);
    BOOST_REQUIRE_MESSAGE(amendment.status == 201, amendment.body);
    BOOST_TEST(parse(amendment.body)->getValue<std::string>("amendment_reason") == "委托单位名称更正");
    auto withdrawn = f.http.request("POST", loc + "/withdraw", R"({"reason":"\u00a0委托方撤销委托\u3000","password":"Signer-pw-12345"})",
                                    ResultFixture::headers(signer, etag));
    BOOST_REQUIRE_MESSAGE(withdrawn.status == 200, withdrawn.body);
    BOOST_TEST(parse(withdrawn.body)->getValue<std::string>("withdrawn_reason") == "委托方撤销委托");
}

namespace {
// A GET in the reader's language.
HttpResponse getIn(ReportFixture& f, const std::string& path, const std::string& token, const std::string& lang) {
    return f.http.request("GET", path, "", {{"Authorization", "Bearer " + token}, {"Accept-Language", lang}});
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_draft_is_previewed_as_a_watermarked_unsigned_pdf_that_is_never_stored_and_409_once_issued) {
    ReportFixture f;
    f.authorizeSigner(-1);
    const std::string signer = f.http.login("signer", "Signer-pw-12345");
    auto created = f.http.postJson("/api/reports", R"({"order_code":")" + f.approvedOrder("0.12", false) + "\"}", f.manager);
    ResultFixture::expect(201, created);
    const std::string loc = "/api/reports/" + parse(created.body)->getValue<std::string>("id");
    auto chosen = f.http.request("PATCH", loc, R"({"signatory_user_id":")" + f.signerUserId + "\"}", ResultFixture::headers(f.manager, created.header("ETag")));
    ResultFixture::expect(200, chosen);
    // The signatory reads what he signs: the report as it will print, watermarked on every page, unsigned.
    auto preview = f.http.get(loc + "/draft.pdf", signer);
    BOOST_REQUIRE_MESSAGE(preview.status == 200, preview.body);
    BOOST_TEST(preview.body.rfind("%PDF-", 0) == 0u);
    BOOST_TEST(preview.header("Content-Type") == "application/pdf");
    BOOST_TEST(preview.header("Cache-Control") == "no-store");
    const std::string text = pdfText(preview.body);
    BOOST_TEST(text.find("草稿/未签发") != std::string::npos, text);       // the watermark
    BOOST_TEST(text.find("草稿（签发时编号）") != std::string::npos, text);  // no number yet
    BOOST_TEST(text.find("赵强（未签名）") != std::string::npos, text);      // named, not signed
    BOOST_TEST(text.find("0.12") != std::string::npos);                    // the content itself
    BOOST_TEST(text.find("检验检测报告") != std::string::npos);
    BOOST_TEST(text.find("/verify/") == std::string::npos, text);          // nothing in it verifies
    BOOST_TEST(text.find("扫码验证") == std::string::npos);
    BOOST_TEST(f.http.get(loc + "/draft.pdf", f.tech).status == 200);     // whoever reads the report may preview it
    // Never stored: the draft is unchanged (same version), has no PDF, and the issued PDF's route still says not issued.
    auto after = f.http.get(loc, f.manager);
    BOOST_TEST(after.header("ETag") == chosen.header("ETag"));
    BOOST_TEST(parse(after.body)->isNull("pdf_sha256"));
    BOOST_TEST(parse(after.body)->isNull("number"));
    BOOST_TEST(f.http.get(loc + "/pdf", f.manager).status == 409);
    // Someone who may not read reports may not preview them either.
    BOOST_TEST(f.http.get(loc + "/draft.pdf", f.userWithRole("customer")).status == 403);
    BOOST_TEST(f.http.get(loc + "/draft.pdf", f.admin).status == 403);
    BOOST_TEST(f.http.get("/api/reports/999999/draft.pdf", signer).status == 404);
    // Once issued the real PDF exists: 409, in the reader's language with its code.
    ResultFixture::expect(201, f.http.postJson("/api/signing/keys", R"({"password":"Signer-pw-12345"})", signer));
    ResultFixture::expect(200, f.http.request("POST", loc + "/issue", R"({"password":"Signer-pw-12345"})", ResultFixture::headers(signer, chosen.header("ETag"))));
    auto zh = getIn(f, loc + "/draft.pdf", signer, "zh-CN");
    BOOST_TEST(zh.status == 409);
    BOOST_TEST(zh.header("Content-Type").find("application/problem+json") == 0u);
    BOOST_TEST(parse(zh.body)->getValue<std::string>("code") == "report.draft_pdf_not_draft");
    BOOST_TEST(parse(zh.body)->getValue<std::string>("detail") == "报告当前为“已签发”：只有草稿可以预览，已签发的报告请下载正式 PDF", zh.body);
    auto en = getIn(f, loc + "/draft.pdf", signer, "en");
    BOOST_TEST(en.status == 409);
    BOOST_TEST(parse(en.body)->getValue<std::string>("detail") == "the report is issued: only a draft is previewed; an issued report has its PDF", en.body);
    BOOST_TEST(f.http.get(loc + "/pdf", signer).status == 200);
}

BOOST_AUTO_TEST_CASE(a_signatorys_queue_lists_only_the_drafts_waiting_for_them_with_their_checks_in_the_readers_language) {
    ReportFixture f;
    f.authorizeSigner(-1);
    const std::string signer = f.http.login("signer", "Signer-pw-12345");
    const std::string other = f.userWithRole("signatory");  // another signatory, authorized for nothing
    const std::string otherId = parse(f.http.get("/api/me", other).body)->getObject("user")->getValue<std::string>("id");
    auto draft = [&](const std::string& signatory) {
        auto created = f.http.postJson("/api/reports", R"({"order_code":")" + f.approvedOrder("0.12", false) + "\"}", f.manager);
        ResultFixture::expect(201, created);
        const std::string id = parse(created.body)->getValue<std::string>("id");
        if (!signatory.empty())
            ResultFixture::expect(200, f.http.request("PATCH", "/api/reports/" + id, R"({"signatory_user_id":")" + signatory + "\"}",
                                                      ResultFixture::headers(f.manager, created.header("ETag"))));
        return id;
    };
    const std::string mine = draft(f.signerUserId), theirs = draft(otherId), nobodys = draft("");
    auto queue = [&](const std::string& token, const std::string& lang) {
        auto r = getIn(f, "/api/reports?waiting_for=me", token, lang);
        BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
        return parse(r.body)->getArray("items");
    };
    auto ruleOf = [](const Poco::JSON::Object::Ptr& item, const std::string& rule) -> Poco::JSON::Object::Ptr {
        auto open = item->getObject("waiting")->getArray("open_checks");
        for (std::size_t k = 0; k < open->size(); ++k)
            if (open->getObject(static_cast<unsigned>(k))->getValue<std::string>("rule") == rule) return open->getObject(static_cast<unsigned>(k));
        return nullptr;
    };
    // Mine: only mine (not the other signatory's, not the one without a signatory), ready to sign.
    auto items = queue(signer, "zh-CN");
    BOOST_REQUIRE(items->size() == 1u);
    BOOST_TEST(items->getObject(0)->getValue<std::string>("id") == mine);
    BOOST_TEST(items->getObject(0)->getObject("waiting")->getValue<bool>("issuable"));
    BOOST_TEST(items->getObject(0)->getObject("waiting")->getValue<std::string>("date") == dayFromToday(0));
    BOOST_TEST(ruleOf(items->getObject(0), "R10").isNull());
    // Theirs: theirs alone, blocked by R10, the reason in the reader's language with its code.
    items = queue(other, "zh-CN");
    BOOST_REQUIRE(items->size() == 1u);
    BOOST_TEST(items->getObject(0)->getValue<std::string>("id") == theirs);
    BOOST_TEST(!items->getObject(0)->getObject("waiting")->getValue<bool>("issuable"));
    auto r10 = ruleOf(items->getObject(0), "R10");
    BOOST_REQUIRE(!r10.isNull());
    BOOST_TEST(r10->getValue<bool>("blocking"));
    BOOST_TEST(r10->getValue<std::string>("code") == "report.check.signatory_refused");
    BOOST_TEST(r10->getValue<std::string>("reason").find("不能签发本报告") != std::string::npos, r10->getValue<std::string>("reason"));
    BOOST_TEST(r10->getValue<std::string>("reason").find("may not") == std::string::npos);
    auto r10en = ruleOf(queue(other, "en")->getObject(0), "R10");
    BOOST_REQUIRE(!r10en.isNull());
    BOOST_TEST(r10en->getValue<std::string>("reason").find("may not sign this report") != std::string::npos, r10en->getValue<std::string>("reason"));
    // The manager may sign but nothing waits for him; the register still lists all three drafts.
    BOOST_TEST(queue(f.manager, "en")->size() == 0u);
    auto all = parse(f.http.get("/api/reports?status=draft", f.manager).body)->getArray("items");
    BOOST_TEST(all->size() == 3u);
    BOOST_TEST(f.http.get("/api/reports/" + nobodys, f.manager).status == 200);
    auto bad = f.http.get("/api/reports?waiting_for=" + f.signerUserId, signer);
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find("waiting_for") != std::string::npos, bad.body);
    BOOST_TEST(f.http.get("/api/reports?waiting_for=me", f.userWithRole("customer")).status == 403);
    // The checks converted from English (R31, the 7.8.2.1 list) read in Chinese too.
    auto checks = parse(getIn(f, "/api/reports/" + mine + "/checks", f.manager, "zh-CN").body);
    auto r31 = ReportFixture::rule(checks, "R31");
    BOOST_TEST(r31->getValue<std::string>("code") == "report.check.no_subcontract");
    BOOST_TEST(r31->getValue<std::string>("reason") == "没有分包项目");
    BOOST_TEST(ReportFixture::rule(f.checks(mine), "R31")->getValue<std::string>("reason") == "no item subcontracted");
    auto contents = checks->getArray("contents");
    for (std::size_t k = 0; k < contents->size(); ++k) {
        auto c = contents->getObject(static_cast<unsigned>(k));
        if (c->getValue<std::string>("item") != "k") continue;
        BOOST_TEST(c->getValue<std::string>("code") == "report.content.k_not_applicable");
        BOOST_TEST(c->getValue<std::string>("text").rfind("不适用：本实验室未抽样", 0) == 0u, c->getValue<std::string>("text"));
    }
}

BOOST_AUTO_TEST_SUITE_END()
