// ScopeCheck's matching rule: products, categories, sites, editions and method variants.
#include <boost/test/unit_test.hpp>

#include "domain/Scope.hpp"

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

BOOST_AUTO_TEST_SUITE_END()
