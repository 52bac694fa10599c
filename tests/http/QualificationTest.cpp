// Qualifications over HTTP: CMA certificates and CNAS accreditations, their dated history,
// the standing on a date and the R4 expiry alerts, with dates relative to today.
#include <boost/test/unit_test.hpp>

#include "HttpFixture.hpp"
#include "assay/Clock.hpp"

using namespace assay::test;

namespace {
// The lab's date (UTC+08:00) today plus n days.
std::map<std::string, std::string> withEtag(const std::string& token, const std::string& etag) {
    return {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}, {"If-Match", etag}};
}

std::string cma(const std::string& number, const std::string& from, const std::string& to) {
    return R"({"scheme":"CMA","number":")" + number + R"(","authority":"广东省市场监督管理局","valid_from":")" + from +
           R"(","valid_to":")" + to + "\"}";
}
}  // namespace

BOOST_AUTO_TEST_SUITE(qualifications)

BOOST_AUTO_TEST_CASE(a_cma_certificate_expiring_in_89_days_raises_the_90_day_alert_R4) {
    HttpFixture f;
    const std::string manager = f.userWithRole("manager");
    auto r = f.http.postJson("/api/qualifications", cma("202619000123", dayFromToday(-2000), dayFromToday(89)), manager);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    auto q = parse(r.body);
    BOOST_TEST(q->getObject("standing_today")->getValue<bool>("valid"));
    auto alerts = parse(f.http.get("/api/accreditation/alerts", f.userWithRole("technician")).body)->getArray("items");
    BOOST_REQUIRE(alerts->size() == 1u);
    auto a = alerts->getObject(0);
    BOOST_TEST(a->getValue<std::string>("rule") == "R4");
    BOOST_TEST(a->getValue<std::string>("level") == "90");
    BOOST_TEST(a->getValue<int>("days_left") == 89);
    BOOST_TEST(a->getValue<std::string>("due_date") == dayFromToday(89));
}

BOOST_AUTO_TEST_CASE(a_certificate_with_more_than_180_days_left_raises_no_alert_and_one_with_170_the_first) {
    HttpFixture f;
    const std::string manager = f.userWithRole("manager");
    BOOST_REQUIRE(f.http.postJson("/api/qualifications", cma("202619000123", dayFromToday(-1000), dayFromToday(181)), manager).status == 201);
    BOOST_TEST(parse(f.http.get("/api/accreditation/alerts", manager).body)->getArray("items")->size() == 0u);
    BOOST_REQUIRE(f.http.postJson("/api/qualifications",
                                  R"({"scheme":"CNAS","number":"CNAS L1234","authority":"CNAS","valid_from":")" +
                                      dayFromToday(-1500) + R"(","valid_to":")" + dayFromToday(170) + R"(","ilac_mra_permitted":true})",
                                  manager).status == 201);
    auto alerts = parse(f.http.get("/api/accreditation/alerts", manager).body)->getArray("items");
    BOOST_REQUIRE(alerts->size() == 1u);
    BOOST_TEST(alerts->getObject(0)->getValue<std::string>("level") == "180");
    BOOST_TEST(alerts->getObject(0)->getValue<std::string>("title") == "CNAS CNAS L1234");
}

BOOST_AUTO_TEST_CASE(an_expired_certificate_is_not_in_force_until_a_renewal_with_new_dates_is_recorded) {
    HttpFixture f;
    const std::string manager = f.userWithRole("manager");
    auto created = f.http.postJson("/api/qualifications", cma("202619000123", dayFromToday(-2100), dayFromToday(-1)), manager);
    BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
    auto standing = parse(f.http.get("/api/qualifications/standing?scheme=CMA", manager).body);
    BOOST_TEST(standing->getValue<std::string>("status") == "expired");
    BOOST_TEST(!standing->getValue<bool>("valid"));
    BOOST_TEST(parse(f.http.get("/api/accreditation/alerts", manager).body)->getArray("items")->getObject(0)->getValue<std::string>("level") ==
               "expired");
    // Yesterday it was still valid: the history answers for any date.
    auto yesterday = parse(f.http.get("/api/qualifications/standing?scheme=CMA&date=" + dayFromToday(-1), manager).body);
    BOOST_TEST(yesterday->getValue<bool>("valid"));

    const std::string loc = created.header("Location");
    auto renewed = f.http.request("POST", loc + "/events",
                                  R"({"kind":"renew","effective_date":")" + dayFromToday(0) + R"(","valid_from":")" + dayFromToday(0) +
                                      R"(","number":"203019000777","reason":"复查换证 决定书 [test]"})",
                                  withEtag(manager, created.header("ETag")));
    BOOST_REQUIRE_MESSAGE(renewed.status == 200, renewed.body);
    standing = parse(f.http.get("/api/qualifications/standing?scheme=CMA", manager).body);
    BOOST_TEST(standing->getValue<bool>("valid"));
    BOOST_TEST(standing->getValue<std::string>("number") == "203019000777");
    BOOST_TEST(parse(f.http.get("/api/accreditation/alerts", manager).body)->getArray("items")->size() == 0u);
    auto history = parse(f.http.get(loc, manager).body)->getArray("history");
    BOOST_TEST(history->size() == 2u);
    BOOST_TEST(history->getObject(1)->getValue<std::string>("kind") == "renewed");
}

BOOST_AUTO_TEST_CASE(a_suspension_takes_effect_on_its_date_and_a_revoked_certificate_takes_no_further_event) {
    HttpFixture f;
    const std::string manager = f.userWithRole("manager");
    auto created = f.http.postJson("/api/qualifications", cma("202619000123", dayFromToday(-300), dayFromToday(1500)), manager);
    const std::string loc = created.header("Location");
    auto noReason = f.http.request("POST", loc + "/events", R"({"kind":"suspend","effective_date":")" + dayFromToday(0) + "\"}",
                                   withEtag(manager, created.header("ETag")));
    BOOST_TEST(noReason.status == 400);
    BOOST_TEST(noReason.body.find(R"("field":"reason")") != std::string::npos);
    auto suspended = f.http.request("POST", loc + "/events",
                                    R"({"kind":"suspend","effective_date":")" + dayFromToday(0) + R"(","reason":"监督检查发现问题 [test]"})",
                                    withEtag(manager, created.header("ETag")));
    BOOST_REQUIRE_MESSAGE(suspended.status == 200, suspended.body);
    auto today = parse(f.http.get("/api/qualifications/standing?scheme=CMA", manager).body);
    BOOST_TEST(today->getValue<std::string>("status") == "suspended");
    BOOST_TEST(today->getValue<std::string>("reason").find("监督检查发现问题") != std::string::npos);
    BOOST_TEST(parse(f.http.get("/api/qualifications/standing?scheme=CMA&date=" + dayFromToday(-1), manager).body)->getValue<bool>("valid"));
    // The old ETag is stale now.
    auto stale = f.http.request("POST", loc + "/events",
                                R"({"kind":"revoke","effective_date":")" + dayFromToday(0) + R"(","reason":"x"})",
                                withEtag(manager, created.header("ETag")));
    BOOST_TEST(stale.status == 412);
    auto revoked = f.http.request("POST", loc + "/events",
                                  R"({"kind":"revoke","effective_date":")" + dayFromToday(1) + R"(","reason":"撤销 [test]"})",
                                  withEtag(manager, suspended.header("ETag")));
    BOOST_REQUIRE_MESSAGE(revoked.status == 200, revoked.body);
    auto again = f.http.request("POST", loc + "/events",
                                R"({"kind":"reinstate","effective_date":")" + dayFromToday(2) + R"(","reason":"x"})",
                                withEtag(manager, revoked.header("ETag")));
    BOOST_TEST(again.status == 409);
    BOOST_TEST(again.body.find("a revoked qualification cannot take") != std::string::npos, again.body);
}

BOOST_AUTO_TEST_CASE(events_are_kept_in_date_order) {
    HttpFixture f;
    const std::string manager = f.userWithRole("manager");
    auto created = f.http.postJson("/api/qualifications", cma("202619000123", dayFromToday(-300), dayFromToday(1500)), manager);
    auto backdated = f.http.request("POST", created.header("Location") + "/events",
                                    R"({"kind":"suspend","effective_date":")" + dayFromToday(-301) + R"(","reason":"x"})",
                                    withEtag(manager, created.header("ETag")));
    BOOST_TEST(backdated.status == 400);
    BOOST_TEST(backdated.body.find(R"("field":"effective_date")") != std::string::npos);
    auto suspended = f.http.request("POST", created.header("Location") + "/events",
                                    R"({"kind":"suspend","effective_date":")" + dayFromToday(-10) + R"(","reason":"监督检查"})",
                                    withEtag(manager, created.header("ETag")));
    BOOST_REQUIRE_MESSAGE(suspended.status == 200, suspended.body);
    auto beforeLast = f.http.request("POST", created.header("Location") + "/events",
                                     R"({"kind":"reinstate","effective_date":")" + dayFromToday(-11) + R"(","reason":"x"})",
                                     withEtag(manager, suspended.header("ETag")));
    BOOST_TEST(beforeLast.status == 400);
    BOOST_TEST(beforeLast.body.find("before the last recorded event") != std::string::npos, beforeLast.body);
}

BOOST_AUTO_TEST_CASE(a_qualification_names_every_bad_field_and_only_cnas_permits_the_ilac_mra_mark) {
    HttpFixture f;
    const std::string manager = f.userWithRole("manager");
    auto r = f.http.postJson("/api/qualifications",
                             R"({"scheme":"CMA","number":"CNAS L1","authority":"","valid_from":"2024-02-30","ilac_mra_permitted":true})",
                             manager);
    BOOST_TEST(r.status == 400);
    for (const char* field : {R"("field":"number")", R"("field":"authority")", R"("field":"valid_from")", R"("field":"ilac_mra_permitted")"})
        BOOST_TEST(r.body.find(field) != std::string::npos, field << " missing in " << r.body);
    auto tooLong = f.http.postJson("/api/qualifications", cma("202619000123", "2024-03-01", "2030-03-01"), manager);
    BOOST_TEST(tooLong.status == 400);
    BOOST_TEST(tooLong.body.find("at most 6 years") != std::string::npos);
    auto defaulted = f.http.postJson(
        "/api/qualifications", R"({"scheme":"CMA","number":"202619000123","authority":"广东省市场监督管理局","valid_from":"2024-03-01"})", manager);
    BOOST_REQUIRE(defaulted.status == 201);
    BOOST_TEST(parse(defaulted.body)->getValue<std::string>("valid_to") == "2030-02-28");
    BOOST_TEST(f.http.postJson("/api/qualifications", cma("202619000123", "2024-03-01", "2030-02-28"), manager).status == 409);
    BOOST_TEST(f.http.postJson("/api/qualifications", cma("202619000124", "2024-03-01", "2030-02-28"), f.userWithRole("technician")).status ==
               403);
}

BOOST_AUTO_TEST_SUITE_END()
