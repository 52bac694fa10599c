// Scope matching by product (issue 13, item 3): a sample names its product from the lab's
// product list; contract review matches the product and its category against the scope, never
// the customer's free-text name, and says why each item is in or outside the scope.
#include <boost/test/unit_test.hpp>

#include "HttpFixture.hpp"
#include "OrderFixture.hpp"

using namespace assay::test;

namespace {
// A request in Chinese (the fixture's client asks for English unless told).
HttpResponse zh(OrderFixture& f, const std::string& method, const std::string& path, const std::string& body, const std::string& etag = "") {
    std::map<std::string, std::string> h{{"Authorization", "Bearer " + f.tech}, {"Accept-Language", "zh-CN"}, {"Content-Type", "application/json"}};
    if (!etag.empty()) h["If-Match"] = etag;
    return f.http.request(method, path, body, h);
}

std::string productSample(const std::string& name, const std::string& product, const std::string& items) {
    return R"({"name":")" + name + R"(","product":")" + product + R"(","items":[)" + items + "]}";
}
}  // namespace

BOOST_AUTO_TEST_SUITE(products)

BOOST_AUTO_TEST_CASE(the_product_list_holds_the_products_of_the_scope_and_the_specifications_with_their_categories) {
    OrderFixture f;
    const auto lead = f.lead;
    OrderFixture::expect(201, f.http.postJson("/api/register/specifications",
                              R"({"name":"GB 2762 测试","limits":[{"parameter_id":")" + lead +
                                  R"(","product_category":"小麦粉","max_op":"<=","max":"0.2"}]})",
                              f.manager));
    auto r = f.http.get("/api/products", f.tech);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    auto items = parse(r.body)->getArray("items");
    BOOST_REQUIRE_EQUAL(items->size(), 2u);
    BOOST_TEST(items->getObject(0)->getValue<std::string>("name") == "大米");
    BOOST_TEST(items->getObject(0)->getValue<std::string>("category") == "粮食及其制品");
    BOOST_TEST(items->getObject(0)->getValue<bool>("cma"));
    BOOST_TEST(!items->getObject(0)->getValue<bool>("cnas"));
    BOOST_TEST(items->getObject(1)->getValue<std::string>("name") == "小麦粉");  // only a specification names it
    BOOST_TEST(items->getObject(1)->getValue<bool>("specification"));
    BOOST_TEST(!items->getObject(1)->getValue<bool>("cma"));
    auto searched = parse(f.http.get("/api/products?q=%E5%B0%8F%E9%BA%A6", f.tech).body)->getArray("items");  // 小麦
    BOOST_REQUIRE_EQUAL(searched->size(), 1u);
    BOOST_TEST(searched->getObject(0)->getValue<std::string>("name") == "小麦粉");
}

BOOST_AUTO_TEST_CASE(a_sample_with_a_free_text_name_is_in_scope_through_the_product_chosen_from_the_list) {
    OrderFixture f;
    auto created = f.http.postJson(
        "/api/orders", f.order(f.customerA, R"("CMA")", productSample("东北大米（珍珠米）", "大米", f.item(f.lead, f.leadMethod))), f.tech);
    BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
    auto sample = parse(created.body)->getArray("samples")->getObject(0);
    BOOST_TEST(sample->getValue<std::string>("name") == "东北大米（珍珠米）");  // as the customer wrote it
    BOOST_TEST(sample->getValue<std::string>("product") == "大米");
    BOOST_TEST(sample->getValue<std::string>("product_category") == "粮食及其制品");  // from the list
    auto reviewed = zh(f, "POST", created.header("Location") + "/review", "{}", created.header("ETag"));
    BOOST_REQUIRE_MESSAGE(reviewed.status == 200, reviewed.body);
    auto review = parse(reviewed.body)->getArray("items")->getObject(0)->getObject("review");
    BOOST_TEST(review->getValue<bool>("cma_in_scope"));
    // Why: the row that covers it, in the reader's language.
    const auto basis = review->getValue<std::string>("cma_basis");
    BOOST_TEST(basis.find("在CMA能力范围内") != std::string::npos, basis);
    BOOST_TEST(basis.find("粮食及其制品／大米") != std::string::npos, basis);
    BOOST_TEST(review->isNull("cma_reason"));
    auto english = parse(f.http.request("GET", created.header("Location"), "",
                                        {{"Authorization", "Bearer " + f.tech}, {"Accept-Language", "en"}})
                             .body);
    const auto basisEn = english->getArray("items")->getObject(0)->getObject("review")->getValue<std::string>("cma_basis");
    BOOST_TEST(basisEn.rfind("in the CMA scope: the scope row '粮食及其制品 / 大米'", 0) == 0, basisEn);
    BOOST_TEST(parse(f.post(created.header("Location") + "/accept", "", reviewed.header("ETag")).body)->getValue<std::string>("status") ==
               "accepted");
    // The register filters by the product, not by the customer's words.
    BOOST_TEST(f.http.postJson("/api/samples", R"({"name":"茶","product_category":"茶叶及相关制品"})", f.tech).status == 201);
    auto rice = parse(f.http.get("/api/samples?product=%E5%A4%A7%E7%B1%B3", f.tech).body)->getArray("items");  // 大米
    BOOST_REQUIRE_EQUAL(rice->size(), 1u);
    BOOST_TEST(rice->getObject(0)->getValue<std::string>("name") == "东北大米（珍珠米）");
}

BOOST_AUTO_TEST_CASE(a_sample_without_a_product_is_matched_by_its_name_and_the_reviewer_is_told_why_it_is_outside) {
    OrderFixture f;
    auto created = f.http.postJson("/api/orders", f.order(f.customerA, R"("CMA")", f.sample("东北大米（珍珠米）", f.item(f.lead, f.leadMethod))),
                                   f.tech);
    BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
    BOOST_TEST(parse(created.body)->getArray("samples")->getObject(0)->isNull("product"));
    auto reviewed = zh(f, "POST", created.header("Location") + "/review", "{}", created.header("ETag"));
    BOOST_REQUIRE_MESSAGE(reviewed.status == 200, reviewed.body);
    auto o = parse(reviewed.body);
    auto review = o->getArray("items")->getObject(0)->getObject("review");
    BOOST_TEST(!review->getValue<bool>("cma_in_scope"));
    const auto reason = review->getValue<std::string>("cma_reason");
    BOOST_TEST(reason.rfind("R1: ", 0) == 0, reason);
    BOOST_TEST(reason.find("不在CMA能力范围内") != std::string::npos, reason);
    BOOST_TEST(reason.find("按样品名称“东北大米（珍珠米）”匹配") != std::string::npos, reason);
    auto blocker = o->getArray("acceptance_blockers")->getObject(0);
    BOOST_TEST(blocker->getValue<std::string>("rule") == "R1");
    BOOST_TEST(blocker->getValue<std::string>("reason").find("不在 CMA 资质认定范围内") != std::string::npos, blocker->getValue<std::string>("reason"));
    // A sample named exactly as a product of the list takes it as its product.
    auto named = f.http.postJson("/api/samples", R"({"name":"大米","product_category":"粮食及其制品"})", f.tech);
    BOOST_REQUIRE_MESSAGE(named.status == 201, named.body);
    BOOST_TEST(parse(named.body)->getValue<std::string>("product") == "大米");
}

BOOST_AUTO_TEST_CASE(a_product_not_in_the_list_or_with_another_category_is_refused_beside_its_field_and_nothing_is_stored) {
    OrderFixture f;
    auto unknown = zh(f, "POST", "/api/orders", f.order(f.customerA, R"("CMA")", productSample("黄金米", "黄金大米", f.item(f.lead, f.leadMethod))));
    BOOST_TEST(unknown.status == 400);
    BOOST_TEST(unknown.body.find(R"("field":"samples[0].product")") != std::string::npos, unknown.body);
    BOOST_TEST(unknown.body.find(R"("code":"product.unknown")") != std::string::npos, unknown.body);
    BOOST_TEST(unknown.body.find("不在本实验室的产品目录中") != std::string::npos, unknown.body);
    auto differs = zh(f, "POST", "/api/samples", R"({"name":"珍珠米","product":"大米","product_category":"茶叶及相关制品"})");
    BOOST_TEST(differs.status == 400);
    BOOST_TEST(differs.body.find(R"("field":"product_category")") != std::string::npos, differs.body);
    BOOST_TEST(differs.body.find("类别“粮食及其制品”不一致") != std::string::npos, differs.body);
    // A sample of an order with neither product nor category: told in Chinese, beside the sample's field.
    auto neither = zh(f, "POST", "/api/orders", f.order(f.customerA, R"("CMA")", R"({"name":"珍珠米","items":[)" + f.item(f.lead, f.leadMethod) + "]}"));
    BOOST_TEST(neither.status == 400);
    BOOST_TEST(neither.body.find(R"("field":"samples[0].product_category","problem":"必填：请从产品目录中选择产品（或填写产品类别）","code":"sample.category_or_product")") !=
                   std::string::npos,
               neither.body);
    auto listed = parse(f.http.get("/api/samples", f.tech).body)->getArray("items");
    BOOST_TEST(listed->size() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
