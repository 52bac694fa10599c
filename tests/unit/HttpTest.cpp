// Router matching, request helpers, error mapping and JSON validation.
#include <boost/test/unit_test.hpp>

#include <limits>
#include <map>

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

// A number no field can hold is named by its path at the parse, before the parser refuses it as
// malformed (beyond UInt64, beyond a double) or clamps it (below INT64_MIN).
BOOST_AUTO_TEST_CASE(a_number_out_of_range_is_named_by_its_path_at_the_parse) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {R"({"days": 99999999999999999999})", "days"},
        {R"({"a": 1, "rows": [{"x": 2}, {"year": 1e400}]})", "rows[1].year"},
        {R"({"profile": {"port": -9223372036854775809}})", "profile.port"},
        {R"({"n": 18446744073709551615})", "n"},
        {R"({"s": "99999999999999999999", "m": [[], [0, -1e309]]})", "m[1][1]"},  // a number in a string is text
    };
    for (const auto& [text, field] : cases) {
        try {
            parseObject(text);
            BOOST_FAIL("should throw for " << text);
        } catch (const Error& e) {
            BOOST_TEST(e.httpStatus() == 400);
            BOOST_TEST(e.fieldErrors().size() == 1u);
            BOOST_TEST(e.fieldErrors().at(0).field == field, text);
            BOOST_TEST(e.fieldErrors().at(0).problem == "number out of range");
        }
    }
    // What a 64-bit integer or a double holds parses: the edges, and an underflow to zero.
    auto o = parseObject(R"({"a": 9223372036854775807, "b": -9223372036854775808, "c": 1e-400, "d": 1.7e308})");
    BOOST_TEST(o->getValue<Poco::Int64>("b") == std::numeric_limits<Poco::Int64>::min());
}

BOOST_AUTO_TEST_CASE(whole_number_fields_check_their_range_and_refuse_fractions_and_strings) {
    auto obj = parseObject(R"({"ok": 36500, "low": 0, "high": 36501, "frac": 3.5, "exp": 1e5, "text": "12", "big": 9223372036854775807,
                              "small": -9223372036854775808, "null": null})");
    JsonReader r(obj);
    BOOST_TEST(*r.requiredInt("ok", 1, 36500) == 36500);
    for (const char* key : {"low", "high", "frac", "exp", "text", "big", "small"}) BOOST_TEST(!r.optionalInt(key, 1, 36500).has_value());
    BOOST_TEST(!r.optionalInt("null", 1, 2).has_value());  // absent or null: nothing, no problem
    BOOST_TEST(!r.requiredInt("missing", 1, 2).has_value());
    std::map<std::string, std::string> problems;
    for (const auto& e : r.errors()) problems[e.field] = e.problem;
    BOOST_TEST(problems.size() == 8u);
    for (const char* key : {"low", "high", "frac", "exp", "text", "big", "small"})
        BOOST_TEST(problems[key] == "must be a whole number from 1 to 36500", key);
    BOOST_TEST(problems["missing"] == "required: a whole number from 1 to 2");
    BOOST_TEST(problems.count("null") == 0u);
}

// Control characters: never (C0 but tab and line breaks, DEL, C1); tab, CR, LF, U+2028 and U+2029
// only in a Lines::many field. Other characters are text.
BOOST_AUTO_TEST_CASE(text_fields_refuse_control_characters_and_one_line_fields_refuse_line_breaks) {
    auto textProblem = [](const std::string& s, Lines lines) {
        const char* p = assay::textProblem(s, lines);
        return std::string(p ? p : "");
    };
    for (const std::string& bad : {std::string("a\0b", 3), std::string("a\x07"), std::string("\x1b[31m"), std::string("a\x7f"),
                                  std::string("a\xc2\x80"), std::string("a\xc2\x9f"), std::string("\x01")}) {
        BOOST_TEST(textProblem(bad, Lines::one) == "must not contain control characters");
        BOOST_TEST(textProblem(bad, Lines::many) == "must not contain control characters");
    }
    for (const std::string& lines : {std::string("a\nb"), std::string("a\r\nb"), std::string("a\rb"), std::string("a\xe2\x80\xa8"),
                                    std::string("a\xe2\x80\xa9"), std::string("a\tb")}) {
        BOOST_TEST(!textProblem(lines, Lines::one).empty());
        BOOST_TEST(textProblem(lines, Lines::many).empty());
    }
    for (const std::string& fine : {std::string("检验检测 µ ÷ \xc2\xa0 \xe2\x80\xa7 😀"), std::string("")}) {
        BOOST_TEST(textProblem(fine, Lines::one).empty());
    }
    auto obj = parseObject(R"({"name": "a\u0000b", "reason": "one\ntwo", "title": "one\ntwo", "codes": ["x\u001b"]})");
    JsonReader r(obj);
    BOOST_TEST(!r.optionalString("name").has_value());
    BOOST_TEST(*r.optionalString("reason", 500, Lines::many) == "one\ntwo");
    BOOST_TEST(!r.optionalString("title").has_value());
    BOOST_TEST(r.stringArray("codes", true).empty());
    std::map<std::string, std::string> problems;
    for (const auto& e : r.errors()) problems[e.field] = e.problem;
    BOOST_TEST(problems.size() == 3u);
    BOOST_TEST(problems["name"] == "must not contain control characters");
    BOOST_TEST(problems["title"] == "must be a single line (no line breaks)");
    BOOST_TEST(problems["codes[0]"] == "must not contain control characters");
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
    BOOST_TEST(r.body.find(R"("rules":[{"id":"R10","reason":"signatory outside scope","code":"legacy"}])") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(illegal_transitions_list_the_allowed_ones) {
    Response r = Dispatcher::problem(Error::conflict("cannot dispose", {"retained"}), "/api/s", "q");
    BOOST_TEST(r.status == 409);
    BOOST_TEST(r.body.find(R"("allowed":["retained"])") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
