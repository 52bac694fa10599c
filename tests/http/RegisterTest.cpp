// The lab register over HTTP: standards (number + year editions), tenancy, status changes.
#include <boost/test/unit_test.hpp>

#include "HttpFixture.hpp"

using namespace assay::test;

namespace {
const char* kLead2023 = R"({"number":"GB 5009.12","year":2023,"title":"食品安全国家标准 食品中铅的测定"})";
const char* kLead2017 = R"({"number":"GB 5009.12","year":2017,"title":"食品安全国家标准 食品中铅的测定"})";

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
