// Router matching, request helpers, error mapping and JSON validation.
#include <boost/test/unit_test.hpp>

#include "Dispatcher.hpp"
#include "assay/Http.hpp"
#include "assay/Json.hpp"

using namespace assay;

namespace {
Route route(const std::string& m, const std::string& p) {
    return {m, p, "x:y", "", [](Request&) { return Response(); }};
}
}  // namespace

BOOST_AUTO_TEST_SUITE(http)

BOOST_AUTO_TEST_CASE(router_binds_path_parameters_and_prefers_literal_segments) {
    Router r;
    r.add(route("GET", "/api/users/{id}"));
    r.add(route("GET", "/api/users/me"));
    auto m = r.match("GET", "/api/users/42");
    BOOST_REQUIRE(m.route);
    BOOST_TEST(m.route->pattern == "/api/users/{id}");
    BOOST_TEST(m.params.at("id") == "42");
    BOOST_TEST(r.match("GET", "/api/users/me").route->pattern == "/api/users/me");
}

BOOST_AUTO_TEST_CASE(router_reports_allowed_methods_when_only_the_method_differs) {
    Router r;
    r.add(route("GET", "/api/users"));
    r.add(route("POST", "/api/users"));
    auto m = r.match("DELETE", "/api/users");
    BOOST_TEST(!m.route);
    BOOST_TEST(m.allowedMethods.size() == 2u);
    BOOST_TEST(!r.match("GET", "/api/nothing").route);
    BOOST_TEST(r.match("GET", "/api/nothing").allowedMethods.empty());
}

BOOST_AUTO_TEST_CASE(router_refuses_routes_without_permission_and_duplicates) {
    Router r;
    BOOST_CHECK_THROW(r.add({"GET", "/api/a", "", "", [](Request&) { return Response(); }}), std::logic_error);
    r.add(route("GET", "/api/a"));
    BOOST_CHECK_THROW(r.add(route("GET", "/api/a")), std::logic_error);
}

BOOST_AUTO_TEST_CASE(json_reader_reports_every_problem_at_once) {
    auto obj = parseObject(R"({"name": 5, "extra": true, "roles": ["a", 3]})");
    JsonReader r(obj);
    r.requiredString("name");
    r.requiredString("username");
    r.stringArray("roles", true);
    try {
        r.finish();
        BOOST_FAIL("finish() should throw");
    } catch (const Error& e) {
        BOOST_TEST(e.httpStatus() == 400);
        std::vector<std::string> fields;
        for (const auto& f : e.fieldErrors()) fields.push_back(f.field + ":" + f.problem);
        BOOST_TEST(fields.size() == 4u);
        BOOST_TEST((std::find(fields.begin(), fields.end(), "name:must be a string") != fields.end()));
        BOOST_TEST((std::find(fields.begin(), fields.end(), "username:required") != fields.end()));
        BOOST_TEST((std::find(fields.begin(), fields.end(), "roles[1]:must be a string") != fields.end()));
        BOOST_TEST((std::find(fields.begin(), fields.end(), "extra:unknown field") != fields.end()));
    }
}

BOOST_AUTO_TEST_CASE(malformed_json_and_non_objects_name_the_body) {
    for (const char* text : {"{bad", "[1,2]", "", "\"s\""}) {
        try {
            parseObject(text);
            BOOST_FAIL("should throw for " << text);
        } catch (const Error& e) {
            BOOST_TEST(e.fieldErrors().at(0).field == "body");
        }
    }
}

BOOST_AUTO_TEST_CASE(string_length_counts_characters_not_bytes) {
    auto obj = parseObject(R"({"name": "检验检测"})");
    JsonReader r(obj);
    BOOST_TEST(r.requiredString("name", 4) == "检验检测");
    r.finish();
}

BOOST_AUTO_TEST_CASE(problem_json_keeps_the_internal_message_private) {
    Error e = Error::internal("SOCI: near \"SELEC\": syntax error, password=hunter2");
    Response r = Dispatcher::problem(e, "/api/x", "req-1");
    BOOST_TEST(r.status == 500);
    BOOST_TEST(r.contentType.find("application/problem+json") == 0);
    BOOST_TEST(r.body.find("SOCI") == std::string::npos);
    BOOST_TEST(r.body.find("hunter2") == std::string::npos);
    BOOST_TEST(r.body.find("\"request_id\":\"req-1\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(rule_violations_render_as_422_with_rule_ids) {
    Response r = Dispatcher::problem(Error::rule("R10", "signatory outside scope"), "/api/r", "q");
    BOOST_TEST(r.status == 422);
    BOOST_TEST(r.body.find(R"("rules":[{"id":"R10","reason":"signatory outside scope"}])") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(illegal_transitions_list_the_allowed_ones) {
    Response r = Dispatcher::problem(Error::conflict("cannot dispose", {"retained"}), "/api/s", "q");
    BOOST_TEST(r.status == 409);
    BOOST_TEST(r.body.find(R"("allowed":["retained"])") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
