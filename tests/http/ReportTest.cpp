// Reports over HTTP (first slice): a draft over an accepted order's sample, and its checks
// before issue — marks from the lab's CMA standing and scope on the issue date, the signatory's
// authorization (R10, R12), approved results (R32).
#include <boost/test/unit_test.hpp>

#include "HttpFixture.hpp"
#include "ResultFixture.hpp"

using namespace assay::test;

namespace {
struct ReportFixture : ResultFixture {
    std::string signerUserId, signerStaff;
    ReportFixture() {
        expect(201, http.postJson("/api/qualifications",
                                  R"({"scheme":"CMA","number":"202619000123","authority":"广东省市场监督管理局","valid_from":")" + dayFromToday(-300) +
                                      R"(","valid_to":")" + dayFromToday(1500) + "\"}",
                                  manager));
        auto u = http.postJson("/api/users", R"({"username":"signer","display_name":"赵强","password":"Signer-pw-12345","roles":["signatory"],"org_id":")" +
                                                 labOrg() + "\"}", admin);
        signerUserId = id(u);
        signerStaff = id(http.postJson("/api/staff", R"({"name":"赵强","id_number":")" + idNumber(9) + R"(","user_id":")" + signerUserId +
                                                          R"(","position":"授权签字人"})",
                                       manager));
    }
    // An approved result on a new accepted order; returns the order code.
    std::string approvedOrder(const std::string& value) {
        const std::string item = assignedItem(specFull);
        auto r = enter(item, value);
        expect(201, r);
        const std::string result = parse(r.body)->getValue<std::string>("id");
        expect(200, http.request("POST", "/api/testing/results/" + result + "/check", "", headers(reviewer)));
        expect(200, http.request("POST", "/api/testing/results/" + result + "/approve", "", headers(reviewer)));
        return parse(http.get("/api/testing/items/" + item, tech).body)->getValue<std::string>("order_code");
    }
    Poco::JSON::Object::Ptr checks(const std::string& report, const std::string& date = {}) {
        auto c = http.get("/api/reports/" + report + "/checks" + (date.empty() ? "" : "?date=" + date), manager);
        if (c.status != 200) throw std::runtime_error("checks failed: " + c.body);
        return parse(c.body);
    }
    static Poco::JSON::Object::Ptr rule(const Poco::JSON::Object::Ptr& checks, const std::string& id) {
        auto arr = checks->getArray("checks");
        for (std::size_t k = 0; k < arr->size(); ++k)
            if (arr->getObject(static_cast<unsigned>(k))->getValue<std::string>("rule") == id) return arr->getObject(static_cast<unsigned>(k));
        throw std::runtime_error("no check " + id);
    }
};
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
    ResultFixture::expect(201, f.http.postJson("/api/staff/" + f.signerStaff + "/signatory-authorizations",
                                               R"({"scheme":"CMA","parameter_ids":[")" + f.lead + R"("],"filed_on":")" + dayFromToday(1) +
                                                   R"(","filing_ref":"备案回执 [report test]"})",
                                               f.manager));
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

BOOST_AUTO_TEST_SUITE_END()
