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
    // The receipt is in the timeline too, with its condition (issue 13 item 7).
    auto got = f.http.get(loc, f.tech);
    BOOST_REQUIRE_MESSAGE(f.post(loc + "/receive", R"({"condition":"密封完好"})", got.header("ETag")).status == 200, got.body);
    timeline = parse(f.http.get(loc + "/custody", f.tech).body)->getArray("items");
    BOOST_REQUIRE(timeline->size() == 3u);
    BOOST_TEST(timeline->getObject(2)->getValue<std::string>("from") == "委托方");
    BOOST_TEST(timeline->getObject(2)->getValue<std::string>("to") == "理化室 李明");
    BOOST_TEST(timeline->getObject(2)->getValue<std::string>("reason") == "收样 / received: 密封完好");
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

BOOST_AUTO_TEST_CASE(a_csv_upload_with_one_bad_row_is_rejected_whole_and_names_the_row) {
    SampleFixture f;
    auto tpl = f.http.get("/api/samples/import-template", f.tech);
    BOOST_REQUIRE(tpl.status == 200);
    BOOST_TEST(tpl.body.find("样品名称,产品,产品类别") != std::string::npos, tpl.body);
    const std::string csv = "样品名称,产品类别,批号,数量,单位,商品条码\n"
                            "大米,粮食及其制品,B1,1.0,kg,\n"
                            "\"小麦粉, 特一等\",粮食及其制品,B2,2,kg,4006381333931\n"
                            "茶叶,茶叶及相关制品,B3,0.5,kg,4006381333932\n";  // line 4: a wrong GS1 check digit
    auto bad = f.http.request("POST", "/api/samples/import", csv,
                              {{"Authorization", "Bearer " + f.tech}, {"Content-Type", "text/csv; charset=utf-8"}});
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find(R"("field":"line[4].gtin")") != std::string::npos, bad.body);
    BOOST_TEST(parse(f.http.get("/api/samples", f.tech).body)->getArray("items")->size() == 0u);  // none stored
    std::string fixed = csv;
    fixed.replace(fixed.find("4006381333932"), 13, "4006381333931");
    auto ok = f.http.request("POST", "/api/samples/import", fixed, {{"Authorization", "Bearer " + f.tech}, {"Content-Type", "text/csv"}});
    BOOST_REQUIRE_MESSAGE(ok.status == 201, ok.body);
    auto items = parse(ok.body)->getArray("items");
    BOOST_REQUIRE(items->size() == 3u);
    BOOST_TEST(items->getObject(1)->getValue<std::string>("name") == "小麦粉, 特一等");
    // GB18030, as Excel on a Chinese Windows saves it: 样品名称,产品类别 / 大米,粮食.
    const std::string gb = "\xd1\xf9\xc6\xb7\xc3\xfb\xb3\xc6,\xb2\xfa\xc6\xb7\xc0\xe0\xb1\xf0\r\n\xb4\xf3\xc3\xd7,\xc1\xb8\xca\xb3\r\n";
    auto gbk = f.http.request("POST", "/api/samples/import?encoding=gb18030", gb, {{"Authorization", "Bearer " + f.tech}, {"Content-Type", "text/csv"}});
    BOOST_REQUIRE_MESSAGE(gbk.status == 201, gbk.body);
    BOOST_TEST(parse(gbk.body)->getArray("items")->getObject(0)->getValue<std::string>("name") == "大米");
    BOOST_TEST(parse(gbk.body)->getArray("items")->getObject(0)->getValue<std::string>("product_category") == "粮食");
}

BOOST_AUTO_TEST_CASE(a_json_batch_is_all_or_none_and_a_retried_batch_creates_nothing_twice) {
    SampleFixture f;
    auto bad = f.http.postJson("/api/samples/batch", R"({"samples":[{"name":"大米","product_category":"粮食"},{"name":"x"},{"name":"y","product_category":"z","quantity":"-1","unit":"kg"}]})",
                               f.tech);
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find(R"("field":"samples[1].product_category")") != std::string::npos, bad.body);
    BOOST_TEST(bad.body.find(R"("field":"samples[2].quantity")") != std::string::npos, bad.body);
    BOOST_TEST(parse(f.http.get("/api/samples", f.tech).body)->getArray("items")->size() == 0u);
    std::string many = R"({"samples":[)";
    for (int i = 0; i < 1001; ++i) many += std::string(i ? "," : "") + R"({"name":"大米","product_category":"粮食"})";
    many += "]}";
    auto tooMany = f.http.postJson("/api/samples/batch", many, f.tech);
    BOOST_TEST(tooMany.status == 400);
    BOOST_TEST(tooMany.body.find("at most 1000") != std::string::npos, tooMany.body);
    const std::string body = R"({"samples":[{"name":"大米","product_category":"粮食"},{"name":"茶叶","product_category":"茶叶"}]})";
    const std::map<std::string, std::string> h = {{"Authorization", "Bearer " + f.tech}, {"Content-Type", "application/json"},
                                                  {"Idempotency-Key", "batch-2026-11-29-1"}};
    auto first = f.http.request("POST", "/api/samples/batch", body, h);
    auto again = f.http.request("POST", "/api/samples/batch", body, h);
    BOOST_REQUIRE_MESSAGE(first.status == 201, first.body);
    BOOST_TEST(again.status == 201);
    BOOST_TEST(again.body == first.body);  // the stored answer, not a second batch
    BOOST_TEST(parse(f.http.get("/api/samples", f.tech).body)->getArray("items")->size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_retained_sample_cannot_be_disposed_of_before_its_retention_period_ends_R22) {
    SampleFixture f;
    const std::string manager = f.userWithRole("manager");
    auto period = f.http.request("PUT", "/api/retention-periods/" + urlEncode("粮食及其制品"), R"({"days":30})",
                                 {{"Authorization", "Bearer " + manager}, {"Content-Type", "application/json"}});
    BOOST_REQUIRE_MESSAGE(period.status == 200, period.body);
    BOOST_TEST(f.http.request("PUT", "/api/retention-periods/x", R"({"days":30})",
                              {{"Authorization", "Bearer " + f.tech}, {"Content-Type", "application/json"}})
                   .status == 403);
    auto a = f.add(kRice);
    const std::string loc = a.header("Location");
    auto step = f.post(loc + "/receive", R"({"condition":"完好"})", a.header("ETag"));
    for (const char* to : {"in_testing", "tested", "reported", "retained"})
        step = f.post(loc + "/status", std::string(R"({"to":")") + to + "\"}", step.header("ETag"));
    BOOST_REQUIRE_MESSAGE(step.status == 200, step.body);
    BOOST_TEST(parse(step.body)->getValue<std::string>("retain_until") == dayFromToday(30));
    auto noHow = f.post(loc + "/status", R"({"to":"disposed","reason":"留样期满"})", step.header("ETag"));
    BOOST_TEST(noHow.status == 400);
    BOOST_TEST(noHow.body.find(R"("field":"method")") != std::string::npos, noHow.body);
    auto early = f.post(loc + "/status", R"({"to":"disposed","reason":"留样期满","method":"粉碎后作为一般废物处理"})", step.header("ETag"));
    BOOST_TEST(early.status == 422);
    BOOST_TEST(early.body.find(R"("id":"R22")") != std::string::npos, early.body);
    BOOST_TEST(early.body.find(dayFromToday(30)) != std::string::npos, early.body);
    BOOST_TEST(parse(f.http.get(loc, f.tech).body)->getValue<std::string>("status") == "retained");
}

BOOST_AUTO_TEST_CASE(the_register_filters_by_status_category_customer_and_chinese_text_newest_first) {
    SampleFixture f;
    auto customer = f.http.postJson("/api/organizations", R"({"kind":"customer","name":"甲公司","uscc":"91330100799655058B"})", f.admin);
    const std::string cid = parse(customer.body)->getValue<std::string>("id");
    f.add(kRice);
    f.add(R"({"name":"西湖龙井","product_category":"茶叶及相关制品","batch_no":"LJ-7","customer_org_id":")" + cid + "\"}");
    auto flour = f.add(R"({"name":"小麦粉","product_category":"粮食及其制品","manufacturer":"龙井粮油厂"})");
    f.post(flour.header("Location") + "/receive", R"({"condition":"完好"})", flour.header("ETag"));
    auto codes = [&](const std::string& query) {
        auto r = f.http.get("/api/samples?" + query, f.tech);
        BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
        std::string out;
        auto items = parse(r.body)->getArray("items");
        for (const auto& item : *items)
            out += item.extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("name") + ";";
        return out;
    };
    BOOST_TEST(codes("") == "小麦粉;西湖龙井;大米;");
    BOOST_TEST(codes("q=" + urlEncode("龙井")) == "小麦粉;西湖龙井;");  // name or manufacturer
    BOOST_TEST(codes("status=received") == "小麦粉;");
    BOOST_TEST(codes("product_category=" + urlEncode("粮食及其制品")) == "小麦粉;大米;");
    BOOST_TEST(codes("customer_org_id=" + cid) == "西湖龙井;");
    BOOST_TEST(codes("from=" + dayFromToday(0) + "&to=" + dayFromToday(0)) == "小麦粉;西湖龙井;大米;");
    BOOST_TEST(codes("from=" + dayFromToday(1)) == "");
    BOOST_TEST(codes("q=" + urlEncode("%")) == "");  // a wildcard is a character, not a pattern
    BOOST_TEST(codes("limit=1&cursor=" + parse(f.http.get("/api/samples?limit=1", f.tech).body)->getValue<std::string>("next_cursor")) ==
               "西湖龙井;");
    auto bad = f.http.get("/api/samples?status=lost&from=yesterday", f.tech);
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find(R"("field":"from")") != std::string::npos, bad.body);
}

BOOST_AUTO_TEST_SUITE_END()
