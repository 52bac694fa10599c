// The specification per sample (issue 13, item 1): chosen at contract review for each sample,
// taken by the test items at acceptance, and changed in testing with a reason until the sample's
// results are approved — the results not yet approved judged again, each change a new version.
#include <boost/test/unit_test.hpp>

#include "HttpFixture.hpp"
#include "ResultFixture.hpp"

using namespace assay::test;

namespace {
std::string field(const HttpResponse& r, const std::string& name) { return parse(r.body)->getValue<std::string>(name); }

HttpResponse changeSpec(ResultFixture& f, const std::string& sample, const std::string& body) {
    return f.http.request("POST", "/api/testing/samples/" + sample + "/specification", body, ResultFixture::headers(f.tech));
}
}  // namespace

BOOST_AUTO_TEST_SUITE(specification_choice)

BOOST_AUTO_TEST_CASE(each_sample_takes_the_specification_chosen_for_it_at_contract_review) {
    ResultFixture f;
    auto o = f.http.postJson("/api/orders",
                             f.order(f.customerA, R"("CMA")", f.sample("大米", f.item(f.lead, f.leadMethod)) + "," +
                                                                  f.sample("大米", f.item(f.lead, f.leadMethod))),
                             f.tech);
    BOOST_REQUIRE_MESSAGE(o.status == 201, o.body);
    const auto samples = parse(o.body)->getArray("samples");
    const std::string first = samples->getObject(0)->getValue<std::string>("code");
    const std::string second = samples->getObject(1)->getValue<std::string>("code");
    const std::string path = o.header("Location");
    auto chosen = f.post(path + "/samples/" + first + "/specification", R"({"specification_id":")" + f.specRounded + "\"}", o.header("ETag"));
    BOOST_REQUIRE_MESSAGE(chosen.status == 200, chosen.body);
    BOOST_TEST(parse(chosen.body)->getArray("samples")->getObject(0)->getValue<std::string>("specification_id") == f.specRounded);
    // A specification without a limit for the sample's items is refused beside its field.
    auto useless = f.http.postJson("/api/register/specifications",
                                   R"({"name":"茶叶规范","limits":[{"parameter_id":")" + f.lead + R"(","product_category":"茶叶","max_op":"<=","max":"5"}]})",
                                   f.manager);
    BOOST_REQUIRE_EQUAL(useless.status, 201);
    auto refused = f.post(path + "/samples/" + second + "/specification", R"({"specification_id":")" + field(useless, "id") + "\"}",
                          chosen.header("ETag"));
    BOOST_TEST(refused.status == 400);
    BOOST_TEST(refused.body.find(R"("field":"specification_id")") != std::string::npos, refused.body);
    auto reviewed = f.post(path + "/review", "{}", chosen.header("ETag"));
    BOOST_REQUIRE_MESSAGE(reviewed.status == 200, reviewed.body);
    auto accepted = f.post(path + "/accept", "", reviewed.header("ETag"));
    BOOST_REQUIRE_MESSAGE(accepted.status == 200, accepted.body);
    // After acceptance the order no longer chooses: testing changes it, with a reason.
    auto late = f.post(path + "/samples/" + second + "/specification", R"({"specification_id":")" + f.specFull + "\"}", accepted.header("ETag"));
    BOOST_TEST(late.status == 409);
    auto items = parse(f.http.get("/api/testing/items?limit=50", f.tech).body)->getArray("items");
    int judged = 0, unjudged = 0;
    for (unsigned k = 0; k < items->size(); ++k) {
        auto i = items->getObject(k);
        if (i->getValue<std::string>("sample_code") == first) judged += i->optValue<std::string>("specification_id", "") == f.specRounded;
        if (i->getValue<std::string>("sample_code") == second) unjudged += i->isNull("specification_id");
    }
    BOOST_TEST(judged == 1);
    BOOST_TEST(unjudged == 1);
}

BOOST_AUTO_TEST_CASE(changing_the_specification_needs_a_reason_judges_open_results_again_and_stops_at_approval_R20) {
    ResultFixture f;
    const std::string item = f.assignedItem(f.specFull);
    auto r = f.enter(item, "0.2001");
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    BOOST_TEST(field(r, "conformity") == "fail");  // 全数值: 0.2001 > 0.2
    const std::string sample = parse(f.http.get("/api/testing/items/" + item, f.tech).body)->getValue<std::string>("sample_code");
    auto silent = changeSpec(f, sample, R"({"specification_id":")" + f.specRounded + "\"}");
    BOOST_TEST(silent.status == 400);
    BOOST_TEST(silent.body.find(R"("field":"reason")") != std::string::npos, silent.body);
    auto changed = changeSpec(f, sample, R"({"specification_id":")" + f.specRounded + R"(","reason":"客户合同约定按修约值比较法判定"})");
    BOOST_REQUIRE_MESSAGE(changed.status == 200, changed.body);
    auto result = parse(f.http.get("/api/testing/items/" + item, f.tech).body)->getArray("results")->getObject(0);
    BOOST_TEST(result->getValue<std::string>("conformity") == "pass");  // 修约值: 0.2001 → 0.2
    BOOST_TEST(result->getValue<std::string>("status") == "entered");
    auto history = result->getArray("history");
    BOOST_REQUIRE(history->size() >= 2u);
    BOOST_TEST(history->getObject(history->size() - 1)->getValue<std::string>("reason") == "客户合同约定按修约值比较法判定");
    // Checked and approved: the specification stands.
    auto checked = f.http.request("POST", "/api/testing/results/" + field(r, "id") + "/check", "", ResultFixture::headers(f.reviewer));
    BOOST_REQUIRE_MESSAGE(checked.status == 200, checked.body);
    auto approved = f.http.request("POST", "/api/testing/results/" + field(r, "id") + "/approve", "", ResultFixture::headers(f.reviewer));
    BOOST_REQUIRE_MESSAGE(approved.status == 200, approved.body);
    auto frozen = changeSpec(f, sample, R"({"specification_id":")" + f.specFull + R"(","reason":"改回全数值"})");
    BOOST_TEST(frozen.status == 409);
    BOOST_TEST(parse(f.http.get("/api/testing/items/" + item, f.tech).body)->getValue<std::string>("specification_id") == f.specRounded);
}

BOOST_AUTO_TEST_SUITE_END()
