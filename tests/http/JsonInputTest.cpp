// JSON input rules over HTTP (docs/architecture.md, "JSON input"): a number no field can hold is a
// 400 naming the field, never a 500, on every POST, PUT and PATCH route the server registers; an
// integer field out of its range or not whole names itself; control characters in text fields are
// refused with the field named, line breaks only where the field holds prose (and the CSV intake
// holds its cells to the same rule).
#include <boost/test/unit_test.hpp>

#include <regex>
#include <set>

#include "HttpFixture.hpp"
#include "assay/Permissions.hpp"

using namespace assay::test;

namespace {
// The fields a 400 names.
std::set<std::string> fieldsOf(const HttpResponse& r) {
    std::set<std::string> out;
    auto o = parse(r.body);
    if (auto errs = o->getArray("errors"))
        for (std::size_t i = 0; i < errs->size(); ++i) out.insert(errs->getObject(static_cast<unsigned>(i))->getValue<std::string>("field"));
    return out;
}

// Integers that no field takes, as JSON literals: beyond 64 bits, beyond a double, one below
// INT64_MIN, the 64-bit edges, an unsigned 64-bit value, and numbers that are not whole.
const std::vector<std::string> kBadNumbers{"99999999999999999999", "1e400", "-1e400", "-9223372036854775809", "9223372036854775807",
                                           "-9223372036854775808", "18446744073709551615", "3.5", "1e5", "\"12\""};
}  // namespace

BOOST_AUTO_TEST_SUITE(json_input)

BOOST_AUTO_TEST_CASE(every_write_route_answers_oversized_integers_with_a_400_and_never_a_500) {
    HttpFixture f;
    // A token of a role that holds each permission (admin for what only the administrator holds).
    std::map<std::string, std::string> tokenFor;
    for (const auto& role : assay::Permissions::allRoles()) {
        const std::string token = role == "admin" ? f.admin : f.userWithRole(role);
        auto perms = parse(f.http.get("/api/me", token).body)->getArray("permissions");
        for (std::size_t i = 0; i < perms->size(); ++i) tokenFor.emplace(perms->getElement<std::string>(static_cast<unsigned>(i)), token);
    }
    auto routes = parse(f.http.get("/api/system/routes", f.admin).body)->getArray("items");
    int probed = 0;
    for (std::size_t i = 0; i < routes->size(); ++i) {
        auto r = routes->getObject(static_cast<unsigned>(i));
        const std::string method = r->getValue<std::string>("method"), pattern = r->getValue<std::string>("path");
        if (method != "POST" && method != "PUT" && method != "PATCH") continue;
        if (pattern == "/api/auth/logout") continue;  // would end the session under test
        const std::string permission = r->getValue<std::string>("permission");
        const std::string token = tokenFor.count(permission) ? tokenFor[permission] : f.admin;
        const std::string path = std::regex_replace(pattern, std::regex(R"(\{[a-z_]+\})"), "999999");
        for (const auto& n : kBadNumbers) {
            // Every integer field the API has, top level and nested, with the same bad number.
            const std::string body = R"({"year":)" + n + R"(,"days":)" + n + R"(,"precision_digits":)" + n + R"(,"port":)" + n +
                                     R"(,"interval_ms":)" + n + R"(,"rows":[{"year":)" + n + R"(}],"profile":{"max_frame_text":)" + n +
                                     R"(,"skip_rows":)" + n + R"(,"connect_port":)" + n + "}}";
            auto res = f.http.request(method, path, body,
                                      {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}, {"If-Match", "\"v1\""}});
            BOOST_TEST_CONTEXT(method << " " << path << " with " << n << " -> " << res.status << " " << res.body.substr(0, 300)) {
                BOOST_TEST(res.status < 500);
                // Refused, except by the routes that read their body as bytes (a PDF to check).
                BOOST_TEST((res.status >= 400 || pattern == "/api/verify/pdf" || pattern == "/api/platform/verify/pdf"));
            }
            ++probed;
        }
    }
    BOOST_TEST(probed >= 60 * static_cast<int>(kBadNumbers.size()));
}

BOOST_AUTO_TEST_CASE(an_integer_field_out_of_range_or_not_whole_names_itself) {
    HttpFixture f;
    const std::string manager = f.userWithRole("manager");
    for (const auto& n : kBadNumbers) {
        BOOST_TEST_CONTEXT(n) {
            auto standard = f.http.postJson("/api/register/standards", R"({"number":"GB 5009.12","title":"铅的测定","year":)" + n + "}", manager);
            BOOST_TEST(standard.status == 400);
            BOOST_TEST(fieldsOf(standard) == std::set<std::string>{"year"}, standard.body);
            auto retention = f.http.request("PUT", "/api/retention-periods/" + urlEncode("粮食及其制品"), R"({"days":)" + n + "}",
                                            {{"Authorization", "Bearer " + manager}, {"Content-Type", "application/json"}});
            BOOST_TEST(retention.status == 400);
            BOOST_TEST(fieldsOf(retention) == std::set<std::string>{"days"}, retention.body);
            // Nested: the path of the field (the parse names it before any reader sees the body).
            auto nested = f.http.postJson("/api/scope/changes", R"({"kind":"initial","rows":[{},{"note":"x","site":)" + n + "}]}", manager);
            BOOST_TEST(nested.status == 400);
        }
    }
    auto huge = f.http.postJson("/api/scope/changes", R"({"kind":"initial","rows":[{},{"site":1e999}]})", manager);
    BOOST_TEST(fieldsOf(huge) == std::set<std::string>{"rows[1].site"}, huge.body);
    // In range: the register takes it, and the retention period too.
    auto ok = f.http.postJson("/api/register/standards", R"({"number":"GB 5009.12","title":"铅的测定","year":2017})", manager);
    BOOST_TEST(ok.status == 201, ok.body);
}

BOOST_AUTO_TEST_CASE(control_characters_in_text_fields_are_refused_naming_the_field_line_breaks_only_in_prose) {
    HttpFixture f;
    const std::string manager = f.userWithRole("manager");
    // \u0000 NUL, \u0007 BEL, \u001b ESC, \u007f DEL, \u0085 NEL (C1): never; \n, \r, \t, \u2028,
    // \u2029: only in a field that holds prose (reasons, notes, descriptions).
    const std::vector<std::string> never{"\\u0000", "\\u0007", "\\u001b", "\\u007f", "\\u0085", "\\u009f"};
    const std::vector<std::string> proseOnly{"\\n", "\\r\\n", "\\t", "\\u2028", "\\u2029"};
    for (const auto& c : never) {
        BOOST_TEST_CONTEXT(c) {
            auto standard = f.http.postJson("/api/register/standards", R"({"number":"GB 1","title":"铅)" + c + R"(测定","year":2017})", manager);
            BOOST_TEST(standard.status == 400);
            BOOST_TEST(fieldsOf(standard) == std::set<std::string>{"title"}, standard.body);
            auto org = f.http.postJson("/api/organizations", R"({"kind":"customer","name":"客户)" + c + R"(公司","uscc":"91110000710928831X"})", f.admin);
            BOOST_TEST(org.status == 400);
            BOOST_TEST(fieldsOf(org).count("name") == 1u, org.body);
            auto withdraw = f.http.postJson("/api/register/methods/999999/withdraw", R"({"reason":"停用)" + c + R"(原因"})", manager);
            BOOST_TEST(withdraw.status == 400);
            BOOST_TEST(fieldsOf(withdraw) == std::set<std::string>{"reason"}, withdraw.body);
            auto roles = f.http.postJson("/api/users", R"({"username":"x.y","display_name":"X","password":"Role-pw-12345","roles":["a)" + c + R"("]})", f.admin);
            BOOST_TEST(fieldsOf(roles).count("roles[0]") == 1u, roles.body);
        }
    }
    for (const auto& c : proseOnly) {
        BOOST_TEST_CONTEXT(c) {
            auto standard = f.http.postJson("/api/register/standards", R"({"number":"GB 1","title":"铅)" + c + R"(测定","year":2017})", manager);
            BOOST_TEST(standard.status == 400);
            BOOST_TEST(fieldsOf(standard) == std::set<std::string>{"title"}, standard.body);
            // A reason may run over lines: the body is read, and the request goes on to If-Match.
            auto withdraw = f.http.postJson("/api/register/methods/999999/withdraw", R"({"reason":"第一行)" + c + R"(第二行"})", manager);
            BOOST_TEST(withdraw.status == 412, withdraw.body);
        }
    }
    // The CSV intake holds its cells to the same rule: a quoted cell with a line break in a one-line
    // column, or a C1 control character, names the cell.
    const std::string tech = f.userWithRole("technician");
    auto csv = f.http.request("POST", "/api/samples/import", "样品名称,产品类别\n\"大米\n二号\",粮食及其制品\n茶叶\xc2\x85,茶叶及相关制品\n",
                              {{"Authorization", "Bearer " + tech}, {"Content-Type", "text/csv"}});
    BOOST_TEST(csv.status == 400);
    BOOST_TEST((fieldsOf(csv) == std::set<std::string>{"line[2].name", "line[4].name"}), csv.body);
    // Other characters beyond ASCII are text like any other.
    auto ok = f.http.postJson("/api/register/standards", R"({"number":"GB 1","title":"铅\u00b5 测定 ÷ ✓ 😀","year":2017})", manager);
    BOOST_TEST(ok.status == 201, ok.body);
}

BOOST_AUTO_TEST_SUITE_END()
