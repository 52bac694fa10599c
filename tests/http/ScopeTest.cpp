// The scope schedule (能力附表) over HTTP: change records with effective dates, the scope on any
// date, row history, and ScopeCheck's R1/R5 answers.
#include <boost/test/unit_test.hpp>

#include "HttpFixture.hpp"
#include "assay/Clock.hpp"

using namespace assay::test;

namespace {
// A lab with lead (2017 and 2023 editions of GB 5009.12) in its register, and a manager.
struct ScopeFixture : HttpFixture {
    std::string manager, lead, lead2017, lead2023;
    ScopeFixture() {
        manager = userWithRole("manager");
        lead2017 = id(http.postJson("/api/register/standards",
                                    R"({"number":"GB 5009.12","year":2017,"title":"食品中铅的测定"})", manager));
        lead = id(http.postJson("/api/register/parameters",
                                R"J({"name_zh":"铅(以Pb计)","unit":"mg/kg","precision_kind":"significant","precision_digits":2,"mu_model":"none"})J",
                                manager));
    }
    static std::string id(const HttpResponse& r) {
        if (r.status != 201) throw std::runtime_error("setup failed: " + r.body);
        return parse(r.body)->getValue<std::string>("id");
    }
    HttpResponse change(const std::string& body) { return http.postJson("/api/scope/changes", body, manager); }
    std::string newRow(const std::string& standardId, const std::string& from) {
        auto r = change(R"({"kind":"initial","scheme":"CMA","effective_date":")" + from +
                        R"(","reason":"首次","rows":[{"site":"天河实验室","category":"粮食及其制品","product":"大米","parameter_id":")" + lead +
                        R"(","standard_id":")" + standardId + R"(","clause":"第一法"}]})");
        if (r.status != 201) throw std::runtime_error("scope setup failed: " + r.body);
        return parse(r.body)->getArray("rows_in_force")->getObject(0)->getValue<std::string>("id");
    }
    Poco::JSON::Object::Ptr check(const std::string& standard, const std::string& date, const std::string& site = "天河实验室") {
        auto r = http.get("/api/scope/check?scheme=CMA&site=" + urlEncode(site) + "&product=" + urlEncode("大米") + "&parameter_id=" + lead +
                              "&standard=" + urlEncode(standard) + "&clause=" + urlEncode("第一法") + "&date=" + date,
                          manager);
        if (r.status != 200) throw std::runtime_error("check failed: " + r.body);
        return parse(r.body);
    }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(scope)

BOOST_AUTO_TEST_CASE(a_row_changed_to_a_newer_edition_effective_next_month_keeps_the_old_edition_until_then_R5) {
    ScopeFixture f;
    const std::string row = f.newRow(f.lead2017, dayFromToday(-100));
    f.lead2023 = ScopeFixture::id(f.http.postJson("/api/register/standards",
                                                  R"({"number":"GB 5009.12","year":2023,"title":"食品中铅的测定"})", f.manager));
    const std::string nextMonth = dayFromToday(30);
    auto changed = f.change(R"({"kind":"change","scheme":"CMA","effective_date":")" + nextMonth +
                            R"(","reference":"变更审批 [test]","reason":"标准换版","rows":[{"row_id":")" + row + R"(","standard_id":")" +
                            f.lead2023 + "\"}]}");
    BOOST_REQUIRE_MESSAGE(changed.status == 201, changed.body);
    auto today = f.check("GB 5009.12-2023", dayFromToday(0));
    BOOST_TEST(!today->getValue<bool>("in_scope"));
    BOOST_TEST(today->getValue<std::string>("rule") == "R5");
    BOOST_TEST(today->getValue<std::string>("reason").find("GB 5009.12-2017") != std::string::npos);
    BOOST_TEST(f.check("GB 5009.12-2017", dayFromToday(0))->getValue<bool>("in_scope"));
    BOOST_TEST(f.check("GB 5009.12-2017", dayFromToday(29))->getValue<bool>("in_scope"));
    BOOST_TEST(f.check("GB 5009.12-2023", nextMonth)->getValue<bool>("in_scope"));
    auto old = f.check("GB 5009.12-2017", nextMonth);
    BOOST_TEST(!old->getValue<bool>("in_scope"));
    BOOST_TEST(old->getValue<std::string>("rule") == "R5");
    // The history keeps both revisions; the scope on each date shows the edition then in force.
    auto history = parse(f.http.get("/api/scope/rows/" + row + "/history", f.manager).body)->getArray("items");
    BOOST_REQUIRE(history->size() == 2u);
    BOOST_TEST(history->getObject(0)->getValue<std::string>("ended_on") == nextMonth);
    BOOST_TEST(history->getObject(1)->getValue<std::string>("standard") == "GB 5009.12-2023");
    auto now = parse(f.http.get("/api/scope/rows?scheme=CMA", f.manager).body)->getArray("items");
    BOOST_REQUIRE(now->size() == 1u);
    BOOST_TEST(now->getObject(0)->getValue<std::string>("standard") == "GB 5009.12-2017");
    auto later = parse(f.http.get("/api/scope/rows?scheme=CMA&on=" + nextMonth, f.manager).body)->getArray("items");
    BOOST_REQUIRE(later->size() == 1u);
    BOOST_TEST(later->getObject(0)->getValue<std::string>("standard") == "GB 5009.12-2023");
}

BOOST_AUTO_TEST_CASE(a_reduced_row_is_out_of_scope_from_its_effective_date_and_cannot_change_again) {
    ScopeFixture f;
    const std::string row = f.newRow(f.lead2017, dayFromToday(-100));
    auto reduced = f.change(R"({"kind":"reduction","scheme":"CMA","effective_date":")" + dayFromToday(1) +
                            R"(","reason":"缩项","rows":[{"row_id":")" + row + "\"}]}");
    BOOST_REQUIRE_MESSAGE(reduced.status == 201, reduced.body);
    BOOST_TEST(f.check("GB 5009.12-2017", dayFromToday(0))->getValue<bool>("in_scope"));
    auto after = f.check("GB 5009.12-2017", dayFromToday(1));
    BOOST_TEST(!after->getValue<bool>("in_scope"));
    BOOST_TEST(after->getValue<std::string>("rule") == "R1");
    auto again = f.change(R"({"kind":"reduction","scheme":"CMA","effective_date":")" + dayFromToday(5) +
                          R"(","reason":"again","rows":[{"row_id":")" + row + "\"}]}");
    BOOST_TEST(again.status == 400);
    BOOST_TEST(again.body.find(R"("field":"rows[0].row_id")") != std::string::npos, again.body);
}

BOOST_AUTO_TEST_CASE(a_result_at_another_site_or_for_another_product_is_out_of_scope_with_the_reason_R1) {
    ScopeFixture f;
    f.newRow(f.lead2017, dayFromToday(-10));
    auto site = f.check("GB 5009.12-2017", dayFromToday(0), "黄埔基地");
    BOOST_TEST(!site->getValue<bool>("in_scope"));
    BOOST_TEST(site->getValue<std::string>("rule") == "R1");
    BOOST_TEST(site->getValue<std::string>("reason").find("天河实验室") != std::string::npos);
    auto missing = f.http.get("/api/scope/check?scheme=CMA", f.manager);
    BOOST_TEST(missing.status == 400);
    for (const char* field : {R"("field":"site")", R"("field":"product")", R"("field":"parameter_id")", R"("field":"standard")"})
        BOOST_TEST(missing.body.find(field) != std::string::npos, field << " missing in " << missing.body);
}

BOOST_AUTO_TEST_CASE(a_change_with_bad_rows_names_each_and_stores_nothing) {
    ScopeFixture f;
    auto r = f.change(R"({"kind":"expansion","scheme":"CMA","effective_date":"2026-02-30","reason":"","rows":[
        {"site":"天河实验室","category":"粮食及其制品","product":"大米","parameter_id":"999","standard_id":")" + f.lead2017 + R"("},
        {"category":"粮食及其制品","product":"大米","parameter_id":")" + f.lead + R"(","standard_id":")" + f.lead2017 + R"(","mra_covered":true,"colour":"red"}]})");
    BOOST_TEST(r.status == 400);
    for (const char* field : {R"("field":"effective_date")", R"("field":"reason")", R"("field":"rows[1].site")",
                              R"("field":"rows[1].mra_covered")", R"("field":"rows[1].colour")"})
        BOOST_TEST(r.body.find(field) != std::string::npos, field << " missing in " << r.body);
    // Valid top level, one unknown parameter: the other row is not stored either.
    auto partial = f.change(R"({"kind":"expansion","scheme":"CMA","effective_date":")" + dayFromToday(0) + R"(","reason":"扩项","rows":[
        {"site":"天河实验室","category":"粮食及其制品","product":"大米","parameter_id":")" + f.lead + R"(","standard_id":")" + f.lead2017 + R"("},
        {"site":"天河实验室","category":"粮食及其制品","product":"小麦粉","parameter_id":"999","standard_id":")" + f.lead2017 + R"("}]})");
    BOOST_TEST(partial.status == 400);
    BOOST_TEST(partial.body.find(R"("field":"rows[1].parameter_id")") != std::string::npos, partial.body);
    BOOST_TEST(parse(f.http.get("/api/scope/rows?scheme=CMA", f.manager).body)->getArray("items")->size() == 0u);
    BOOST_TEST(parse(f.http.get("/api/scope/changes", f.manager).body)->getArray("items")->size() == 0u);
}

BOOST_AUTO_TEST_CASE(the_same_row_cannot_be_in_the_scope_twice_and_technicians_cannot_change_the_scope) {
    ScopeFixture f;
    f.newRow(f.lead2017, dayFromToday(-10));
    auto dup = f.change(R"({"kind":"expansion","scheme":"CMA","effective_date":")" + dayFromToday(0) +
                        R"(","reason":"扩项","rows":[{"site":"天河实验室","category":"粮食及其制品","product":"大米","parameter_id":")" + f.lead +
                        R"(","standard_id":")" + f.lead2017 + R"(","clause":"第一法"}]})");
    BOOST_TEST(dup.status == 400);
    BOOST_TEST(dup.body.find("already in the scope") != std::string::npos, dup.body);
    const std::string tech = f.userWithRole("technician");
    BOOST_TEST(f.http.postJson("/api/scope/changes", R"({"kind":"initial"})", tech).status == 403);
    BOOST_TEST(f.http.get("/api/scope/rows", tech).status == 200);
    auto changes = parse(f.http.get("/api/scope/changes", tech).body)->getArray("items");
    BOOST_REQUIRE(changes->size() == 1u);
    BOOST_TEST(changes->getObject(0)->getValue<int>("change_no") == 1);
}

BOOST_AUTO_TEST_CASE(the_capability_check_names_every_missing_input_and_answers_for_each_part) {
    ScopeFixture f;
    auto missing = f.http.get("/api/capability/check?method_id=abc", f.manager);
    BOOST_TEST(missing.status == 400);
    BOOST_TEST(missing.body.find(R"("field":"method_id")") != std::string::npos, missing.body);
    auto empty = f.http.get("/api/capability/check", f.manager);
    BOOST_TEST(empty.status == 400);
    for (const char* field : {R"("field":"parameter_id")", R"("field":"product")", R"("field":"site")"})
        BOOST_TEST(empty.body.find(field) != std::string::npos, field << " missing in " << empty.body);
    f.newRow(f.lead2017, dayFromToday(-10));
    const std::string method = ScopeFixture::id(f.http.postJson(
        "/api/register/methods",
        R"({"standard_id":")" + f.lead2017 + R"(","clause":"第一法","name":"石墨炉原子吸收光谱法","kind":"standard","equipment_types":["原子吸收光谱仪"]})",
        f.manager));
    auto v = parse(f.http.get("/api/capability/check?parameter_id=" + f.lead + "&method_id=" + method + "&product=" +
                                  urlEncode("大米") + "&site=" + urlEncode("天河实验室"),
                              f.manager)
                       .body);
    BOOST_TEST(!v->getValue<bool>("can_perform"));
    BOOST_TEST(v->getObject("method")->getValue<std::string>("rule") == "R23");  // no verification record yet
    BOOST_TEST(v->getObject("staff")->getValue<std::string>("rule") == "R13");
    BOOST_TEST(v->getObject("equipment")->getValue<std::string>("rule") == "R15");
    BOOST_TEST(v->getObject("cma")->getValue<bool>("in_scope"));
    BOOST_TEST(v->getObject("cnas")->getValue<std::string>("rule") == "R1");
}

BOOST_AUTO_TEST_SUITE_END()
