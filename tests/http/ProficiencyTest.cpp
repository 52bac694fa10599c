// Proficiency testing over HTTP: a U result suspends the linked scope rows until its NC's
// corrective action is verified (R25); coverage of the accredited sub-fields (R26).
#include <boost/test/unit_test.hpp>

#include "HttpFixture.hpp"
#include "assay/Clock.hpp"

using namespace assay::test;

namespace {
// A lab with lead in rice in its CMA and CNAS scope since 100 days ago.
struct PtFixture : HttpFixture {
    std::string manager, lead;
    PtFixture() : manager(userWithRole("manager")) {
        const std::string standard = id(http.postJson("/api/register/standards",
                                                       R"({"number":"GB 5009.12","year":2023,"title":"食品中铅的测定"})", manager));
        lead = id(http.postJson("/api/register/parameters",
                                R"J({"name_zh":"铅(以Pb计)","unit":"mg/kg","precision_kind":"significant","precision_digits":2,"mu_model":"none"})J",
                                manager));
        for (const char* scheme : {"CMA", "CNAS"}) {
            auto r = http.postJson("/api/scope/changes", std::string(R"({"kind":"initial","scheme":")") + scheme + R"(","effective_date":")" +
                                                              dayFromToday(-100) + R"(","reason":"首次","rows":[{"site":"天河实验室","category":"粮食及其制品","product":"大米","parameter_id":")" +
                                                              lead + R"(","standard_id":")" + standard + "\"}]}",
                                   manager);
            if (r.status != 201) throw std::runtime_error("setup: " + r.body);
        }
    }
    static std::string id(const HttpResponse& r) {
        if (r.status != 201) throw std::runtime_error("setup failed: " + r.body);
        return parse(r.body)->getValue<std::string>("id");
    }
    HttpResponse round(const std::string& code) {
        return http.postJson("/api/pt/rounds", R"({"provider":"FAPAS","scheme_name":"Metals in rice","round_code":")" + code +
                                                   R"(","parameter_id":")" + lead + R"(","product":"大米","sub_field":"粮食及其制品","assigned_value":"0.150"})",
                             manager);
    }
    HttpResponse result(const HttpResponse& round, const std::string& score, const std::string& on) {
        return http.request("POST", round.header("Location") + "/result",
                            R"({"score_kind":"z","score":")" + score + R"(","lab_result":"0.210","reported_on":")" + on + "\"}",
                            {{"Authorization", "Bearer " + manager}, {"Content-Type", "application/json"}, {"If-Match", round.header("ETag")}});
    }
    Poco::JSON::Object::Ptr check(const std::string& scheme, const std::string& date) {
        auto r = http.get("/api/scope/check?scheme=" + scheme + "&site=%E5%A4%A9%E6%B2%B3%E5%AE%9E%E9%AA%8C%E5%AE%A4&product=%E5%A4%A7%E7%B1%B3"
                          "&parameter_id=" + lead + "&standard=GB%205009.12-2023&date=" + date,
                          manager);
        if (r.status != 200) throw std::runtime_error("check failed: " + r.body);
        return parse(r.body);
    }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(proficiency)

BOOST_AUTO_TEST_CASE(a_pt_result_with_z_3_2_suspends_its_scope_rows_until_the_corrective_action_is_verified_R25) {
    PtFixture f;
    auto r = f.round("07123");
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    auto reported = f.result(r, "3.2", dayFromToday(-2));
    BOOST_REQUIRE_MESSAGE(reported.status == 200, reported.body);
    auto body = parse(reported.body);
    BOOST_TEST(body->getValue<std::string>("classification") == "U");
    BOOST_TEST(body->getArray("suspended_scope_rows")->size() == 2u);  // the CMA and the CNAS row
    BOOST_TEST(!body->isNull("nc_id"));
    for (const char* scheme : {"CMA", "CNAS"}) {
        auto now = f.check(scheme, dayFromToday(0));
        BOOST_TEST(!now->getValue<bool>("in_scope"));
        BOOST_TEST(now->getValue<std::string>("rule") == "R25");
        BOOST_TEST(f.check(scheme, dayFromToday(-3))->getValue<bool>("in_scope"));  // the history is untouched
    }
    // A result is kept as it is: a second one is refused even with the current ETag.
    auto again = f.http.request("POST", r.header("Location") + "/result", R"({"score_kind":"z","score":"0.5","reported_on":")" + dayFromToday(0) + "\"}",
                                {{"Authorization", "Bearer " + f.manager}, {"Content-Type", "application/json"}, {"If-Match", reported.header("ETag")}});
    BOOST_TEST(again.status == 409);
    // Corrective action, then its verification: the rows are in scope again from that day.
    const std::string nc = "/api/nonconformities/" + body->getValue<std::string>("nc_id");
    auto headers = [&](const std::string& etag) {
        return std::map<std::string, std::string>{{"Authorization", "Bearer " + f.manager}, {"Content-Type", "application/json"}, {"If-Match", etag}};
    };
    auto stored = f.http.get(nc, f.manager);
    auto action = f.http.request("POST", nc + "/steps", R"({"step":"action","date":")" + dayFromToday(-1) + R"(","text":"更换消解程序"})",
                                 headers(stored.header("ETag")));
    BOOST_REQUIRE_MESSAGE(action.status == 200, action.body);
    BOOST_TEST(!f.check("CNAS", dayFromToday(0))->getValue<bool>("in_scope"));  // action alone lifts nothing
    auto sameDay = f.http.request("POST", nc + "/steps", R"({"step":"verify","date":")" + dayFromToday(-2) + R"(","text":"x"})",
                                  headers(action.header("ETag")));
    BOOST_TEST(sameDay.status == 400);  // a verification on the opening day would erase the suspension
    auto future = f.http.request("POST", nc + "/steps", R"({"step":"verify","date":")" + dayFromToday(1) + R"(","text":"x"})",
                                 headers(action.header("ETag")));
    BOOST_TEST(future.status == 400);
    auto verified = f.http.request("POST", nc + "/steps", R"({"step":"verify","date":")" + dayFromToday(0) + R"(","text":"复测满意"})",
                                   headers(action.header("ETag")));
    BOOST_REQUIRE_MESSAGE(verified.status == 200, verified.body);
    BOOST_TEST(!f.check("CNAS", dayFromToday(-1))->getValue<bool>("in_scope"));
    BOOST_TEST(f.check("CNAS", dayFromToday(0))->getValue<bool>("in_scope"));
}

BOOST_AUTO_TEST_CASE(a_questionable_result_warns_without_suspending_and_a_satisfactory_one_covers_the_sub_field_R26) {
    PtFixture f;
    auto gaps = parse(f.http.get("/api/pt/coverage", f.manager).body)->getArray("items");
    BOOST_REQUIRE(gaps->size() == 1u);
    BOOST_TEST(gaps->getObject(0)->getValue<std::string>("sub_field") == "粮食及其制品");
    BOOST_TEST(gaps->getObject(0)->getValue<std::string>("rule") == "R26");
    auto q = f.round("07124");
    auto qr = parse(f.result(q, "-2.5", dayFromToday(0)).body);
    BOOST_TEST(qr->getValue<std::string>("classification") == "Q");
    BOOST_TEST(qr->getArray("suspended_scope_rows")->size() == 0u);
    BOOST_TEST(f.check("CNAS", dayFromToday(0))->getValue<bool>("in_scope"));
    auto alerts = parse(f.http.get("/api/accreditation/alerts", f.manager).body)->getArray("items");
    bool warned = false;
    for (std::size_t i = 0; i < alerts->size(); ++i) warned = warned || alerts->getObject(i)->getValue<std::string>("kind") == "pt_questionable";
    BOOST_TEST(warned);
    auto s = f.round("07125");
    BOOST_TEST(parse(f.result(s, "0.4", dayFromToday(0)).body)->getValue<std::string>("classification") == "S");
    BOOST_TEST(parse(f.http.get("/api/pt/coverage", f.manager).body)->getArray("items")->size() == 0u);
    auto bad = f.http.postJson("/api/pt/rounds", R"({"provider":"","scheme_name":"x","round_code":"1","parameter_id":"999","sub_field":"x","mandated":true})",
                               f.manager);
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find(R"("field":"provider")") != std::string::npos);
    BOOST_TEST(bad.body.find(R"("field":"deadline")") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
