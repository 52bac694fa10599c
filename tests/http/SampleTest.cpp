// Samples over HTTP: codes from the lab's sequence (R18), receipt with condition and deviation
// (R19), the status workflow (409 with the allowed moves), custody, sub-samples and tenancy.
#include <boost/test/unit_test.hpp>

#include "HttpFixture.hpp"

using namespace assay::test;

namespace {
struct SampleFixture : HttpFixture {
    std::string tech;
    SampleFixture() : tech(userWithRole("technician")) {}
    HttpResponse add(const std::string& body) { return http.postJson("/api/samples", body, tech); }
    std::map<std::string, std::string> ifMatch(const std::string& etag) {
        return {{"Authorization", "Bearer " + tech}, {"Content-Type", "application/json"}, {"If-Match", etag}};
    }
    HttpResponse post(const std::string& path, const std::string& body, const std::string& etag) {
        return http.request("POST", path, body, ifMatch(etag));
    }
};
const char* kRice = R"({"name":"大米","product_category":"粮食及其制品","brand":"示例牌","batch_no":"20261101","quantity":"2.0","unit":"kg",
  "manufacturer":"佛山市示例粮油有限公司","manufacturer_uscc":"91110000802100433B","gtin":"4006381333931"})";
}  // namespace

BOOST_AUTO_TEST_SUITE(samples)

BOOST_AUTO_TEST_CASE(a_registered_sample_gets_the_next_code_of_the_lab_and_keeps_it_R18) {
    SampleFixture f;
    auto a = f.add(kRice);
    BOOST_REQUIRE_MESSAGE(a.status == 201, a.body);
    const std::string year = dayFromToday(0).substr(0, 4);
    BOOST_TEST(parse(a.body)->getValue<std::string>("code") == "TEST" + year + "000001");
    BOOST_TEST(a.header("Location") == "/api/samples/TEST" + year + "000001");
    BOOST_TEST(parse(a.body)->getValue<std::string>("quantity") == "2.0");  // digits as written
    auto b = f.add(kRice);
    BOOST_TEST(parse(b.body)->getValue<std::string>("code") == "TEST" + year + "000002");
    auto bad = f.add(R"({"name":"","product_category":"x","gtin":"4006381333932","manufacturer_uscc":"91110000802100433A","quantity":2,"production_date":"2026-02-30"})");
    BOOST_TEST(bad.status == 400);
    for (const char* field : {R"("field":"name")", R"("field":"gtin")", R"("field":"manufacturer_uscc")", R"("field":"quantity")",
                              R"("field":"production_date")"})
        BOOST_TEST(bad.body.find(field) != std::string::npos, field << " missing in " << bad.body);
    BOOST_TEST(f.http.postJson("/api/samples", kRice, f.userWithRole("reviewer")).status == 403);
}

BOOST_AUTO_TEST_CASE(receipt_needs_the_condition_and_a_deviation_needs_the_customers_decision_R19) {
    SampleFixture f;
    auto a = f.add(kRice);
    const std::string loc = a.header("Location");
    auto none = f.post(loc + "/receive", R"({"deviation":"包装破损"})", a.header("ETag"));
    BOOST_TEST(none.status == 400);
    BOOST_TEST(none.body.find(R"("field":"condition")") != std::string::npos, none.body);
    BOOST_TEST(none.body.find(R"("field":"customer_decision")") != std::string::npos, none.body);
    auto received = f.post(loc + "/receive", R"({"condition":"包装轻微破损, 内容物完好","deviation":"外包装破损","customer_decision":"proceed"})",
                           a.header("ETag"));
    BOOST_REQUIRE_MESSAGE(received.status == 200, received.body);
    auto s = parse(received.body);
    BOOST_TEST(s->getValue<std::string>("status") == "received");
    BOOST_TEST(s->getValue<std::string>("deviation") == "外包装破损");
    BOOST_TEST(s->getValue<std::string>("customer_decision") == "proceed");
    BOOST_TEST(f.post(loc + "/receive", R"({"condition":"again"})", received.header("ETag")).status == 409);
    // A deviation the customer does not accept ends in rejection.
    auto b = f.add(kRice);
    auto rejected = f.post(b.header("Location") + "/receive", R"({"condition":"霉变","deviation":"样品霉变","customer_decision":"reject"})",
                           b.header("ETag"));
    BOOST_TEST(parse(rejected.body)->getValue<std::string>("status") == "rejected");
}

BOOST_AUTO_TEST_CASE(an_illegal_transition_is_409_with_the_allowed_ones_and_every_step_is_audited) {
    SampleFixture f;
    auto a = f.add(kRice);
    const std::string loc = a.header("Location");
    auto jump = f.post(loc + "/status", R"({"to":"tested"})", a.header("ETag"));
    BOOST_TEST(jump.status == 409);
    BOOST_TEST(jump.body.find(R"("allowed":["received","rejected","cancelled"])") != std::string::npos, jump.body);
    BOOST_TEST(f.post(loc + "/status", R"({"to":"received"})", a.header("ETag")).status == 400);  // only with the condition
    BOOST_TEST(f.post(loc + "/status", R"({"to":"cancelled"})", a.header("ETag")).status == 400);  // a reason is required
    auto r = f.post(loc + "/receive", R"({"condition":"完好"})", a.header("ETag"));
    auto t = f.post(loc + "/status", R"({"to":"in_testing"})", r.header("ETag"));
    BOOST_REQUIRE_MESSAGE(t.status == 200, t.body);
    BOOST_TEST(f.post(loc + "/status", R"({"to":"tested"})", r.header("ETag")).status == 412);  // stale
    const std::string manager = f.userWithRole("manager");
    auto audit = f.http.get("/api/audit?entity=sample&id=" + parse(a.body)->getValue<std::string>("code"), manager);
    BOOST_TEST(audit.body.find(R"("new_value":"in_testing")") != std::string::npos, audit.body);
}

BOOST_AUTO_TEST_CASE(custody_transfers_form_a_timeline_and_sub_samples_get_child_codes) {
    SampleFixture f;
    auto a = f.add(kRice);
    const std::string loc = a.header("Location");
    const std::string code = parse(a.body)->getValue<std::string>("code");
    auto moved = f.post(loc + "/transfer", R"({"to":"理化室 李明","reason":"领样检测"})", a.header("ETag"));
    BOOST_REQUIRE_MESSAGE(moved.status == 200, moved.body);
    BOOST_TEST(f.post(loc + "/transfer", R"({"to":"理化室 李明","reason":"x"})", moved.header("ETag")).status == 400);  // already there
    BOOST_TEST(f.post(loc + "/transfer", R"({"to":"留样室"})", moved.header("ETag")).status == 400);  // no reason
    auto timeline = parse(f.http.get(loc + "/custody", f.tech).body)->getArray("items");
    BOOST_REQUIRE(timeline->size() == 2u);
    BOOST_TEST(timeline->getObject(0)->getValue<std::string>("to") == "收样室");
    BOOST_TEST(timeline->getObject(1)->getValue<std::string>("from") == "收样室");
    BOOST_TEST(timeline->getObject(1)->getValue<std::string>("to") == "理化室 李明");
    BOOST_TEST(timeline->getObject(1)->getValue<std::string>("reason") == "领样检测");
    auto sub1 = f.http.postJson(loc + "/sub-samples", R"({"quantity":"0.5","unit":"kg"})", f.tech);
    auto sub2 = f.http.postJson(loc + "/sub-samples", R"({"name":"大米 [复检样]"})", f.tech);
    BOOST_REQUIRE_MESSAGE(sub1.status == 201, sub1.body);
    BOOST_TEST(parse(sub1.body)->getValue<std::string>("code") == code + "-1");
    BOOST_TEST(parse(sub1.body)->getValue<std::string>("parent_code") == code);
    BOOST_TEST(parse(sub2.body)->getValue<std::string>("code") == code + "-2");
    BOOST_TEST(parse(f.http.get("/api/samples?limit=2", f.tech).body)->getArray("items")->getObject(0)->getValue<std::string>("code") ==
               code + "-2");  // newest first
}

BOOST_AUTO_TEST_CASE(another_labs_sample_is_not_found) {
    SampleFixture f;
    auto a = f.add(kRice);
    auto lab2 = f.http.postJson("/api/organizations", R"({"kind":"lab","name":"另一实验室","uscc":"91110000802100433B","code":"OTHR"})", f.admin);
    BOOST_REQUIRE(lab2.status == 201);
    f.http.postJson("/api/users", R"({"username":"other.tech","display_name":"T","password":"Other-pw-12345","roles":["technician"],"org_id":")" +
                                      parse(lab2.body)->getValue<std::string>("id") + "\"}", f.admin);
    const std::string other = f.http.login("other.tech", "Other-pw-12345");
    BOOST_TEST(f.http.get(a.header("Location"), other).status == 404);
    BOOST_TEST(f.http.get(a.header("Location") + "/custody", other).status == 404);
    BOOST_TEST(parse(f.http.get("/api/samples", other).body)->getArray("items")->size() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
