// ScopeCheck's matching rule: products, categories, sites, editions and method variants.
#include <boost/test/unit_test.hpp>

#include "domain/Scope.hpp"

#include "assay/Message.hpp"

using namespace assay::accreditation;

namespace {
ScopeRow row(const std::string& category, const std::string& product) {
    ScopeRow r;
    r.rowKey = 1;
    r.scheme = Scheme::Cma;
    r.site = "天河实验室";
    r.category = category;
    r.product = product;
    r.parameterId = 7;
    r.standard.number = "GB 5009.12";
    r.standard.year = 2023;
    r.effectiveFrom = "2024-01-01";
    return r;
}
ScopeQuery query(const std::string& product, std::optional<std::string> category) {
    return {1, Scheme::Cma, "天河实验室", product, std::move(category), 7, "GB 5009.12-2023", std::nullopt, "2026-11-29"};
}
}  // namespace

BOOST_AUTO_TEST_SUITE(scope_match)

BOOST_AUTO_TEST_CASE(naming_the_category_does_not_bring_another_product_into_a_product_row_R1) {
    const std::vector<ScopeRow> rice{row("粮食及其制品", "大米")};
    BOOST_TEST(matchScope(rice, query("大米", std::string("粮食及其制品"))).inScope);
    auto corn = matchScope(rice, query("玉米", std::string("粮食及其制品")));
    BOOST_TEST(!corn.inScope);
    BOOST_TEST(corn.rule == "R1");
    BOOST_TEST(!matchScope(rice, query("粮食及其制品", std::nullopt)).inScope);  // the category as a product name
}

BOOST_AUTO_TEST_CASE(a_row_covering_the_whole_category_covers_each_of_its_products) {
    const std::vector<ScopeRow> cereals{row("粮食及其制品", "粮食及其制品")};
    BOOST_TEST(matchScope(cereals, query("玉米", std::string("粮食及其制品"))).inScope);
    BOOST_TEST(!matchScope(cereals, query("玉米", std::nullopt)).inScope);  // without its category, unknown
    BOOST_TEST(!matchScope(cereals, query("茶叶", std::string("茶叶及相关制品"))).inScope);
}

BOOST_AUTO_TEST_CASE(a_row_limited_to_a_method_variant_needs_that_variant) {
    ScopeRow r = row("粮食及其制品", "大米");
    r.clause = "第一法";
    ScopeQuery q = query("大米", std::nullopt);
    BOOST_TEST(matchScope({r}, q).rule == "R1");
    q.clause = "第二法";
    BOOST_TEST(matchScope({r}, q).reason.find("第一法") != std::string::npos);
    q.clause = "第一法";
    BOOST_TEST(matchScope({r}, q).inScope);
}

BOOST_AUTO_TEST_CASE(the_verdict_says_why_in_the_readers_language_the_row_that_covers_it_or_what_the_scope_holds) {
    const std::vector<ScopeRow> rice{row("粮食及其制品", "大米")};
    auto in = matchScope(rice, query("大米", std::string("粮食及其制品")));
    BOOST_REQUIRE(in.inScope);
    BOOST_TEST(in.why.render(assay::Lang::zhCN) ==
               "在CMA能力范围内：能力附表“粮食及其制品／大米”，GB 5009.12-2023，地点 天河实验室，自 2024-01-01 起有效");
    BOOST_TEST(in.why.code() == "scope.in");
    const std::vector<ScopeRow> cereals{row("粮食及其制品", "粮食及其制品")};
    BOOST_TEST(matchScope(cereals, query("玉米", std::string("粮食及其制品"))).why.code() == "scope.in_category");
    auto out = matchScope(rice, query("东北大米（珍珠米）", std::string("粮食及其制品")));
    BOOST_TEST(out.rule == "R1");
    BOOST_TEST(out.why.render(assay::Lang::zhCN) ==
               "2026-11-29产品“东北大米（珍珠米）”的该参数不在CMA能力范围内（能力范围内的产品：大米）");
    BOOST_TEST(out.reason == out.why.english());  // the English text for logs is the same verdict
    BOOST_TEST(out.reason.find("is not in the CMA scope on 2026-11-29") != std::string::npos, out.reason);
}

BOOST_AUTO_TEST_CASE(the_product_list_names_each_product_once_with_its_category_and_schemes) {
    const std::vector<ScopeProduct> scope{{"粮食及其制品", "大米", Scheme::Cma}, {"粮食及其制品", "大米", Scheme::Cnas},
                                          {"茶叶及相关制品", "茶叶", Scheme::Cma}, {"粮食及其制品", "粮食及其制品", Scheme::Cma}};
    const auto list = productList(scope, {"大米", "婴幼儿谷类辅助食品", ""});
    BOOST_REQUIRE_EQUAL(list.size(), 4u);
    // by category, then name
    BOOST_TEST(list[0].name == "大米");
    BOOST_TEST((list[0].inCma && list[0].inCnas && list[0].inSpecification));
    BOOST_TEST(list[1].name == "粮食及其制品");  // a row covering the whole category
    BOOST_TEST(list[2].name == "茶叶");
    BOOST_TEST((list[2].inCma && !list[2].inCnas && !list[2].inSpecification));
    BOOST_TEST(list[3].name == "婴幼儿谷类辅助食品");  // only a specification names it: its own category
    BOOST_TEST(list[3].category == "婴幼儿谷类辅助食品");
    BOOST_TEST((!list[3].inCma && list[3].inSpecification));
    BOOST_TEST(findProduct(list, "茶叶")->category == "茶叶及相关制品");
    BOOST_TEST(!findProduct(list, "东北大米（珍珠米）"));
}

BOOST_AUTO_TEST_SUITE_END()
