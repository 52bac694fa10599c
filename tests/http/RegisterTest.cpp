// The lab register over HTTP: standards (number + year editions), tenancy, status changes.
#include <boost/test/unit_test.hpp>

#include <tuple>

#include "HttpFixture.hpp"

using namespace assay::test;

namespace {
const char* kLead2023 = R"({"number":"GB 5009.12","year":2023,"title":"食品安全国家标准 食品中铅的测定"})";
const char* kLead2017 = R"({"number":"GB 5009.12","year":2017,"title":"食品安全国家标准 食品中铅的测定"})";
const char* kLead = R"J({"name_zh":"铅(以Pb计)","name_en":"Lead (as Pb)","unit":"mg/kg","precision_kind":"significant",
  "precision_digits":2,"lod":"0.005","loq":"0.010","mu_model":"relative","mu_value":"12"})J";

std::map<std::string, std::string> withEtag(const std::string& token, const std::string& etag) {
    return {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}, {"If-Match", etag}};
}
}  // namespace

BOOST_AUTO_TEST_SUITE(register_standards)

BOOST_AUTO_TEST_CASE(a_manager_adds_a_standard_edition_once) {
    HttpFixture f;
    const std::string manager = f.userWithRole("manager");
    auto r = f.http.postJson("/api/register/standards", kLead2023, manager);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    auto o = parse(r.body);
    BOOST_TEST(o->getValue<std::string>("designation") == "GB 5009.12-2023");
    BOOST_TEST(o->getValue<std::string>("status") == "current");
    BOOST_TEST(f.http.postJson("/api/register/standards", kLead2023, manager).status == 409);
    BOOST_TEST(f.http.postJson("/api/register/standards", kLead2017, manager).status == 201);  // another edition
    auto list = f.http.get("/api/register/standards", manager);
    BOOST_TEST(parse(list.body)->getArray("items")->size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_standard_needs_a_number_without_the_year_and_an_integer_year) {
    HttpFixture f;
    const std::string manager = f.userWithRole("manager");
    auto r = f.http.postJson("/api/register/standards", R"({"number":"GB 5009.12-2023","year":"2023","title":""})", manager);
    BOOST_TEST(r.status == 400);
    for (const char* field : {R"("field":"number")", R"("field":"year")", R"("field":"title")"})
        BOOST_TEST(r.body.find(field) != std::string::npos, field << " missing in " << r.body);
}

BOOST_AUTO_TEST_CASE(technicians_read_the_register_but_only_managers_change_it) {
    HttpFixture f;
    const std::string manager = f.userWithRole("manager");
    const std::string tech = f.userWithRole("technician");
    BOOST_TEST(f.http.postJson("/api/register/standards", kLead2023, tech).status == 403);
    BOOST_TEST(f.http.postJson("/api/register/standards", kLead2023, manager).status == 201);
    BOOST_TEST(parse(f.http.get("/api/register/standards", tech).body)->getArray("items")->size() == 1u);
}

BOOST_AUTO_TEST_CASE(another_labs_standard_is_not_found) {
    HttpFixture f;
    const std::string manager = f.userWithRole("manager");
    auto created = f.http.postJson("/api/register/standards", kLead2023, manager);
    const std::string location = created.header("Location");
    auto lab2 = f.http.postJson("/api/organizations", R"({"kind":"lab","name":"另一实验室","uscc":"91110000802100433B","code":"OTHR"})", f.admin);
    BOOST_REQUIRE(lab2.status == 201);
    f.http.postJson("/api/users", R"({"username":"other.manager","display_name":"M","password":"Other-pw-12345","roles":["manager"],"org_id":")" +
                                      parse(lab2.body)->getValue<std::string>("id") + "\"}", f.admin);
    const std::string other = f.http.login("other.manager", "Other-pw-12345");
    BOOST_TEST(f.http.get(location, other).status == 404);
    BOOST_TEST(parse(f.http.get("/api/register/standards", other).body)->getArray("items")->size() == 0u);
}

BOOST_AUTO_TEST_CASE(an_old_edition_is_replaced_by_a_current_one_with_a_reason_and_stays_on_record) {
    HttpFixture f;
    const std::string manager = f.userWithRole("manager");
    auto oldEd = f.http.postJson("/api/register/standards", kLead2017, manager);
    auto newEd = f.http.postJson("/api/register/standards", kLead2023, manager);
    const std::string oldLoc = oldEd.header("Location");
    const std::string newId = parse(newEd.body)->getValue<std::string>("id");
    const std::string etag = oldEd.header("ETag");

    auto noReason = f.http.request("POST", oldLoc + "/status", R"({"status":"replaced","replaced_by":")" + newId + "\"}",
                                   withEtag(manager, etag));
    BOOST_TEST(noReason.status == 400);
    auto stale = f.http.request("POST", oldLoc + "/status", R"({"status":"withdrawn","reason":"x"})", withEtag(manager, "\"v9\""));
    BOOST_TEST(stale.status == 412);
    auto ok = f.http.request("POST", oldLoc + "/status",
                             R"({"status":"replaced","replaced_by":")" + newId + R"(","reason":"2023 edition in force"})",
                             withEtag(manager, etag));
    BOOST_REQUIRE_MESSAGE(ok.status == 200, ok.body);
    BOOST_TEST(parse(ok.body)->getValue<std::string>("replaced_by") == newId);
    auto again = f.http.request("POST", oldLoc + "/status", R"({"status":"withdrawn","reason":"again"})",
                                withEtag(manager, ok.header("ETag")));
    BOOST_TEST(again.status == 409);
    BOOST_TEST(f.http.get(oldLoc, manager).status == 200);  // never deleted

    const std::string oldId = oldLoc.substr(oldLoc.rfind('/') + 1);
    auto audit = f.http.get("/api/audit?entity=standard&id=" + oldId, manager);
    BOOST_TEST(audit.body.find(R"("field":"status","old_value":"current")") != std::string::npos, audit.body);
    BOOST_TEST(audit.body.find(R"("reason":"2023 edition in force")") != std::string::npos, audit.body);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(register_methods)

namespace {
struct MethodFixture : HttpFixture {
    std::string manager = userWithRole("manager");
    std::string standardId = parse(http.postJson("/api/register/standards", kLead2023, manager).body)->getValue<std::string>("id");

    HttpResponse createMethod(const std::string& kind) {
        return http.postJson("/api/register/methods",
                             R"({"standard_id":")" + standardId + R"(","clause":"第一法","name":"石墨炉原子吸收光谱法","kind":")" +
                                 kind + R"(","equipment_types":["原子吸收光谱仪"]})",
                             manager);
    }
};
}  // namespace

BOOST_AUTO_TEST_CASE(a_method_cites_its_standard_edition_and_clause) {
    MethodFixture f;
    auto r = f.createMethod("standard");
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    auto o = parse(r.body);
    BOOST_TEST(o->getValue<std::string>("citation") == "GB 5009.12-2023 第一法");
    BOOST_TEST(o->getValue<std::string>("status") == "current");
    const std::string loc = r.header("Location");
    auto rec = f.http.postJson(loc + "/records", R"({"kind":"verification","record_date":"2024-03-15","record_no":"FV-2024-012"})", f.manager);
    BOOST_TEST(rec.status == 201, rec.body);
    auto list = f.http.get(loc + "/records", f.manager);
    BOOST_TEST(parse(list.body)->getArray("items")->size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_non_standard_method_needs_a_validation_not_a_verification) {
    MethodFixture f;
    const std::string loc = f.createMethod("non_standard").header("Location");
    auto wrong = f.http.postJson(loc + "/records", R"({"kind":"verification","record_date":"2024-03-15","record_no":"X-1"})", f.manager);
    BOOST_TEST(wrong.status == 400);
    BOOST_TEST(wrong.body.find(R"("field":"kind")") != std::string::npos, wrong.body);
    BOOST_TEST(wrong.body.find("R23") != std::string::npos, wrong.body);
    auto right = f.http.postJson(loc + "/records", R"({"kind":"validation","record_date":"2024-03-15","record_no":"MV-1"})", f.manager);
    BOOST_TEST(right.status == 201);
}

BOOST_AUTO_TEST_CASE(records_must_carry_a_real_date_that_is_not_in_the_future) {
    MethodFixture f;
    const std::string loc = f.createMethod("standard").header("Location");
    auto bad = f.http.postJson(loc + "/records", R"({"kind":"verification","record_date":"2024-02-30","record_no":"X"})", f.manager);
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find(R"("field":"record_date")") != std::string::npos);
    auto future = f.http.postJson(loc + "/records", R"({"kind":"verification","record_date":"2999-01-01","record_no":"X"})", f.manager);
    BOOST_TEST(future.status == 400);
    BOOST_TEST(future.body.find("future") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_new_method_needs_a_current_standard) {
    MethodFixture f;
    auto old = f.http.postJson("/api/register/standards", kLead2017, f.manager);
    f.http.request("POST", old.header("Location") + "/status",
                   R"({"status":"replaced","replaced_by":")" + f.standardId + R"(","reason":"new edition"})",
                   withEtag(f.manager, old.header("ETag")));
    auto r = f.http.postJson("/api/register/methods",
                             R"({"standard_id":")" + parse(old.body)->getValue<std::string>("id") +
                                 R"(","name":"旧方法","kind":"standard","equipment_types":["原子吸收光谱仪"]})",
                             f.manager);
    BOOST_TEST(r.status == 422, r.body);
}

BOOST_AUTO_TEST_CASE(a_withdrawn_method_stays_on_record) {
    MethodFixture f;
    auto m = f.createMethod("standard");
    const std::string loc = m.header("Location");
    BOOST_TEST(f.http.request("POST", loc + "/withdraw", R"({"reason":"replaced by ICP-MS"})", withEtag(f.manager, m.header("ETag"))).status == 200);
    auto after = f.http.get(loc, f.manager);
    BOOST_TEST(after.status == 200);
    BOOST_TEST(parse(after.body)->getValue<std::string>("status") == "withdrawn");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(register_parameters)


BOOST_AUTO_TEST_CASE(a_parameter_keeps_its_decimal_limits_digit_for_digit) {
    HttpFixture f;
    const std::string manager = f.userWithRole("manager");
    auto r = f.http.postJson("/api/register/parameters", kLead, manager);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    auto got = parse(f.http.get(r.header("Location"), manager).body);
    BOOST_TEST(got->getValue<std::string>("loq") == "0.010");  // not 0.01, not 1e-2
    BOOST_TEST(got->getValue<std::string>("lod") == "0.005");
    BOOST_TEST(f.http.postJson("/api/register/parameters", kLead, manager).status == 409);
}

BOOST_AUTO_TEST_CASE(limits_given_as_json_numbers_or_inconsistent_are_refused_with_every_field_named) {
    HttpFixture f;
    const std::string manager = f.userWithRole("manager");
    auto r = f.http.postJson("/api/register/parameters",
                             R"({"name_zh":"镉","unit":"mg/kg","precision_kind":"decimals","precision_digits":12,
                                 "lod":0.001,"loq":"0.0001","mu_model":"relative"})", manager);
    BOOST_TEST(r.status == 400);
    for (const char* field : {R"("field":"lod")", R"("field":"precision_digits")", R"("field":"mu_value")"})
        BOOST_TEST(r.body.find(field) != std::string::npos, field << " missing in " << r.body);
    auto lower = f.http.postJson("/api/register/parameters",
                                 R"({"name_zh":"镉","unit":"mg/kg","precision_kind":"decimals","precision_digits":3,
                                     "lod":"0.003","loq":"0.001","mu_model":"none"})", manager);
    BOOST_TEST(lower.body.find(R"("field":"loq","problem":"must not be below the LOD")") != std::string::npos, lower.body);
}

// GB/T 8170-2008 3.4: a parameter rounded to a decimal place may round in steps of 0.5 or 0.2 of
// that place (also of the tens or hundreds: a negative precision_digits); anything else is a 400
// naming the field, and nothing is stored.
BOOST_AUTO_TEST_CASE(a_rounding_unit_is_1_0_5_or_0_2_of_a_decimal_place_and_is_read_back) {
    HttpFixture f;
    const std::string manager = f.userWithRole("manager");
    auto create = [&](const std::string& kind, int digits, const std::string& unit) {
        return f.http.postJson("/api/register/parameters", R"({"name_zh":"灰分","unit":"g/100g","precision_kind":")" + kind +
                                                               R"(","precision_digits":)" + std::to_string(digits) +
                                                               (unit.empty() ? "" : R"(,"rounding_unit":)" + unit) + R"(,"mu_model":"none"})",
                               manager);
    };
    for (const auto& [kind, digits, unit, field] :
         {std::tuple<const char*, int, const char*, const char*>{"decimals", 0, R"("0.25")", "rounding_unit"},
          {"decimals", 0, "0.5", "rounding_unit"},                 // a JSON number: the unit is a string, as decimals are
          {"decimals", 0, R"("")", "rounding_unit"},
          {"significant", 2, R"("0.5")", "rounding_unit"},         // 0.5 units of a place, not of a figure
          {"decimals", -11, R"("0.2")", "precision_digits"}}) {
        auto r = create(kind, digits, unit);
        BOOST_TEST(r.status == 400, r.body);
        BOOST_TEST(r.body.find(std::string(R"("field":")") + field + "\"") != std::string::npos, unit << ": " << r.body);
    }
    BOOST_TEST(parse(f.http.get("/api/register/parameters", manager).body)->getArray("items")->size() == 0u);
    auto hundreds = create("decimals", -2, R"("0.2")");
    BOOST_REQUIRE_MESSAGE(hundreds.status == 201, hundreds.body);
    auto got = parse(f.http.get(hundreds.header("Location"), manager).body);
    BOOST_TEST(got->getValue<std::string>("rounding_unit") == "0.2");
    BOOST_TEST(got->getValue<int>("precision_digits") == -2);
    auto plain = f.http.postJson("/api/register/parameters", kLead, manager);  // without one: 1
    BOOST_REQUIRE(plain.status == 201);
    BOOST_TEST(parse(plain.body)->getValue<std::string>("rounding_unit") == "1");
}

BOOST_AUTO_TEST_CASE(uncertainty_bands_ascend_and_only_the_last_is_open_ended) {
    HttpFixture f;
    const std::string manager = f.userWithRole("manager");
    const std::string base = R"({"name_zh":"无机砷","unit":"mg/kg","precision_kind":"significant","precision_digits":2,"mu_model":"range","mu_ranges":)";
    auto bad = f.http.postJson("/api/register/parameters", base + R"([{"up_to":"0.5","relative":"25"},{"up_to":"0.1","relative":"20"}]})", manager);
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find(R"("field":"mu_ranges[1].up_to")") != std::string::npos, bad.body);
    auto ok = f.http.postJson("/api/register/parameters", base + R"([{"up_to":"0.1","relative":"25"},{"up_to":null,"relative":"15"}]})", manager);
    BOOST_TEST(ok.status == 201, ok.body);
    BOOST_TEST(ok.body.find(R"("mu_ranges":[{"up_to":"0.1","relative":"25"},{"up_to":null,"relative":"15"}])") != std::string::npos, ok.body);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(register_specifications)

namespace {
struct SpecFixture : HttpFixture {
    std::string manager = userWithRole("manager");
    std::string lead = parse(http.postJson("/api/register/parameters", kLead, manager).body)->getValue<std::string>("id");
    std::string spec(const std::string& max) {
        return R"J({"name":"GB 2762-2022 污染物限量 (谷物)","limits":[{"parameter_id":")J" + lead +
               R"J(","product_category":"大米","max_op":"<=","max":")J" + max + R"J(","clause":"表1"}]})J";
    }
};
}  // namespace

BOOST_AUTO_TEST_CASE(a_new_version_of_a_specification_supersedes_the_previous_one) {
    SpecFixture f;
    auto v1 = f.http.postJson("/api/register/specifications", f.spec("0.2"), f.manager);
    BOOST_REQUIRE_MESSAGE(v1.status == 201, v1.body);
    auto o1 = parse(v1.body);
    BOOST_TEST(o1->getValue<int>("version") == 1);
    BOOST_TEST(o1->getValue<std::string>("comparison_mode") == "full");  // 全数值比较法 by default
    BOOST_TEST(v1.body.find(R"("max_op":"<=","max":"0.2")") != std::string::npos, v1.body);
    auto v2 = f.http.postJson("/api/register/specifications", f.spec("0.20"), f.manager);
    BOOST_TEST(parse(v2.body)->getValue<int>("version") == 2);
    BOOST_TEST(parse(f.http.get(v1.header("Location"), f.manager).body)->getValue<std::string>("status") == "superseded");
    BOOST_TEST(parse(v2.body)->getValue<std::string>("status") == "current");
}

BOOST_AUTO_TEST_CASE(every_bad_limit_is_named_with_its_position) {
    SpecFixture f;
    const std::string body = R"J({"name":"坏的","comparison_mode":"nearest","limits":[
        {"parameter_id":")J" + f.lead + R"J(","product_category":"大米"},
        {"parameter_id":")J" + f.lead + R"J(","product_category":"大米","min_op":">=","min":"0.5","max_op":"<=","max":"0.2"},
        {"parameter_id":")J" + f.lead + R"J(","product_category":"大米","max_op":"=<","max":0.2},
        {"parameter_id":"42","product_category":"大米","max_op":"<=","max":"0.2"}]})J";
    auto r = f.http.postJson("/api/register/specifications", body, f.manager);
    BOOST_TEST(r.status == 400);
    for (const char* field : {R"("field":"comparison_mode")", R"("field":"limits[0]")", R"("field":"limits[1].min")",
                              R"("field":"limits[2].max")"})
        BOOST_TEST(r.body.find(field) != std::string::npos, field << " missing in " << r.body);
    // Shape fixed, the unknown parameter is reported next, still naming its position.
    const std::string unknown = R"J({"name":"坏的","limits":[{"parameter_id":"42","product_category":"大米","max_op":"<=","max":"0.2"}]})J";
    auto r2 = f.http.postJson("/api/register/specifications", unknown, f.manager);
    BOOST_TEST(r2.body.find(R"("field":"limits[0].parameter_id")") != std::string::npos, r2.body);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(register_prices)

BOOST_AUTO_TEST_CASE(a_price_is_a_decimal_string_in_cny_and_prices_of_one_item_never_overlap) {
    HttpFixture f;
    const std::string manager = f.userWithRole("manager");
    auto id = [](const HttpResponse& r) {
        BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
        return parse(r.body)->getValue<std::string>("id");
    };
    const std::string standard = id(f.http.postJson("/api/register/standards", kLead2023, manager));
    const std::string lead = id(f.http.postJson("/api/register/parameters", kLead, manager));
    const std::string method = id(f.http.postJson("/api/register/methods",
                                                  R"({"standard_id":")" + standard + R"(","name":"石墨炉原子吸收光谱法","kind":"standard","equipment_types":["原子吸收光谱仪"]})",
                                                  manager));
    auto price = [&](const std::string& amount, const std::string& from, const std::string& to) {
        return f.http.postJson("/api/register/prices", R"({"parameter_id":")" + lead + R"(","method_id":")" + method + R"(","price":)" + amount +
                                                           R"(,"valid_from":")" + from + "\"" + (to.empty() ? "" : R"(,"valid_to":")" + to + "\"") + "}",
                               manager);
    };
    auto first = price("\"150.00\"", "2024-01-01", "2025-12-31");
    BOOST_REQUIRE_MESSAGE(first.status == 201, first.body);
    BOOST_TEST(parse(first.body)->getValue<std::string>("price") == "150.00");
    BOOST_TEST(price("\"160.00\"", "2025-12-31", "").status == 409);  // shares 2025-12-31
    auto whole = price("\"160\"", "2026-01-01", "");
    BOOST_REQUIRE(whole.status == 201);
    BOOST_TEST(parse(whole.body)->getValue<std::string>("price") == "160.00");  // money keeps two decimals
    BOOST_TEST(parse(f.http.get(whole.header("Location"), manager).body)->getValue<std::string>("price") == "160.00");
    auto bad = price("150.005", "2026-13-01", "");
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find(R"("field":"price")") != std::string::npos, bad.body);
    BOOST_TEST(bad.body.find(R"("field":"valid_from")") != std::string::npos, bad.body);
    BOOST_TEST(price("\"150.005\"", "2030-01-01", "").status == 400);  // a third decimal is not money
    BOOST_TEST(price("\"-1.00\"", "2030-01-01", "").status == 400);
    BOOST_TEST(parse(f.http.get("/api/register/prices", f.userWithRole("technician")).body)->getArray("items")->size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
