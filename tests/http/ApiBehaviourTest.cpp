// Behaviour of the HTTP API as a client sees it: errors, auth, validation, limits, UI files.
#include <boost/test/unit_test.hpp>

#include <Poco/Net/SocketStream.h>
#include <Poco/Net/StreamSocket.h>

#include "HttpFixture.hpp"

using namespace assay::test;

BOOST_AUTO_TEST_SUITE(api_behaviour)

BOOST_AUTO_TEST_CASE(health_is_public_and_names_the_backend) {
    HttpFixture f;
    auto r = f.http.get("/api/health");
    BOOST_TEST(r.status == 200);
    auto o = parse(r.body);
    BOOST_TEST(o->getValue<std::string>("status") == "ok");
    BOOST_TEST(o->getValue<std::string>("db") == "sqlite");
    BOOST_TEST(!o->getValue<std::string>("version").empty());
}

BOOST_AUTO_TEST_CASE(unknown_route_is_a_404_problem_with_the_request_id) {
    HttpFixture f;
    auto r = f.http.request("GET", "/api/no-such-thing", {}, {{"X-Request-Id", "trace-123"}});
    BOOST_TEST(r.status == 404);
    BOOST_TEST(r.header("Content-Type").find("application/problem+json") == 0);
    auto o = parse(r.body);
    BOOST_TEST(o->getValue<int>("status") == 404);
    BOOST_TEST(o->getValue<std::string>("request_id") == "trace-123");
    BOOST_TEST(r.header("X-Request-Id") == "trace-123");
}

BOOST_AUTO_TEST_CASE(wrong_method_is_405_listing_the_allowed_ones) {
    HttpFixture f;
    auto r = f.http.request("DELETE", "/api/users", {}, {{"Authorization", "Bearer " + f.admin}});
    BOOST_TEST(r.status == 405);
    BOOST_TEST(r.header("Allow").find("GET") != std::string::npos);
    BOOST_TEST(r.header("Allow").find("POST") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(audit_needs_a_session_and_a_manager_role) {
    HttpFixture f;
    BOOST_TEST(f.http.get("/api/audit?entity=user&id=1").status == 401);
    BOOST_TEST(f.http.get("/api/audit?entity=user&id=1", "ast_not-a-real-token-at-all").status == 401);
    const std::string tech = f.userWithRole("technician");
    auto forbidden = f.http.get("/api/audit?entity=user&id=1", tech);
    BOOST_TEST(forbidden.status == 403);
    BOOST_TEST(parse(forbidden.body)->getValue<std::string>("detail").find("audit:read") != std::string::npos);
    const std::string manager = f.userWithRole("manager");
    BOOST_TEST(f.http.get("/api/audit?entity=user&id=1", manager).status == 200);
    // The admin's login events belong to no organization: a lab manager does not see them.
    const std::string adminId = parse(f.http.get("/api/me", f.admin).body)->getObject("user")->getValue<std::string>("id");
    BOOST_TEST(parse(f.http.get("/api/audit?entity=user&id=" + adminId, manager).body)->getArray("items")->size() == 0u);
    BOOST_TEST(parse(f.http.get("/api/audit?entity=user&id=" + adminId, f.admin).body)->getArray("items")->size() > 0u);
    auto missing = f.http.get("/api/audit?id=1&action=nope", manager);
    BOOST_TEST(missing.status == 400);
    BOOST_TEST(parse(missing.body)->getArray("errors")->size() == 2u);  // entity (an id needs it) and action, both at once
}

BOOST_AUTO_TEST_CASE(malformed_json_wrong_content_type_and_a_20_mb_body_store_nothing) {
    HttpFixture f;
    const auto before = f.userCount();
    auto auth = std::map<std::string, std::string>{{"Authorization", "Bearer " + f.admin}};

    auto h = auth;
    h["Content-Type"] = "application/json";
    auto malformed = f.http.request("POST", "/api/users", R"({"username": "x",)", h);
    BOOST_TEST(malformed.status == 400);
    BOOST_TEST(parse(malformed.body)->getArray("errors")->getObject(0)->getValue<std::string>("field") == "body");

    h["Content-Type"] = "text/plain";
    auto wrongType = f.http.request("POST", "/api/users",
                                    R"({"username":"plain.user","display_name":"P","password":"Plain-pw-12345","roles":["admin"]})", h);
    BOOST_TEST(wrongType.status == 415);

    h["Content-Type"] = "application/json";
    std::string huge = R"({"username":"huge.user","display_name":")" + std::string(20 * 1024 * 1024, 'x') + "\"}";
    auto tooBig = f.http.request("POST", "/api/users", huge, h);
    BOOST_TEST(tooBig.status == 413);

    BOOST_TEST(f.userCount() == before);
    BOOST_TEST(f.http.get("/api/health").status == 200);  // and the server is still fine
}

BOOST_AUTO_TEST_CASE(a_non_admin_user_needs_an_organization) {
    HttpFixture f;
    auto r = f.http.postJson("/api/users", R"({"username":"tech.free","display_name":"F","password":"Tech-pw-12345","roles":["manager"]})", f.admin);
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.body.find(R"("field":"org_id")") != std::string::npos, r.body);
}

BOOST_AUTO_TEST_CASE(usernames_are_matched_case_insensitively_for_login_and_throttling) {
    HttpFixture f;
    BOOST_TEST(f.http.postJson("/api/auth/login", R"({"username":"ADMIN","password":"Admin-test-pw-1"})").status == 200);
    for (const char* name : {"Admin", "ADMIN", "admin", "aDmin", "adMin"})
        f.http.postJson("/api/auth/login", std::string(R"({"username":")") + name + R"(","password":"Wrong-pw-123"})");
    BOOST_TEST(f.http.postJson("/api/auth/login", R"({"username":"admin","password":"Admin-test-pw-1"})").status == 429);
}

BOOST_AUTO_TEST_CASE(bad_input_names_every_bad_field_at_once) {
    HttpFixture f;
    auto r = f.http.postJson("/api/users", R"({"username":"X","display_name":"","password":"short","roles":["boss"],"colour":"red"})", f.admin);
    BOOST_TEST(r.status == 400);
    std::set<std::string> fields;
    auto errs = parse(r.body)->getArray("errors");
    for (std::size_t i = 0; i < errs->size(); ++i) fields.insert(errs->getObject(static_cast<unsigned>(i))->getValue<std::string>("field"));
    for (const char* f2 : {"username", "display_name", "password", "roles[0]", "colour"})
        BOOST_TEST(fields.count(f2) == 1u, "missing error for " << f2 << " in " << r.body);
}

BOOST_AUTO_TEST_CASE(a_user_is_created_with_location_and_changed_only_with_a_fresh_etag) {
    HttpFixture f;
    auto created = f.http.postJson("/api/users", R"({"username":"tech.new","display_name":"新技术员","password":"Tech-pw-12345","roles":["technician"],"org_id":")" + f.labOrg() + R"("})", f.admin);
    BOOST_REQUIRE(created.status == 201);
    const std::string location = created.header("Location");
    const std::string etag = created.header("ETag");
    BOOST_TEST(location.rfind("/api/users/", 0) == 0);
    BOOST_TEST(parse(created.body)->getValue<std::string>("display_name") == "新技术员");

    std::map<std::string, std::string> h = {{"Authorization", "Bearer " + f.admin}, {"Content-Type", "application/json"}};
    auto noReason = f.http.request("PATCH", location, R"({"roles":["reviewer"]})", [&] { auto x = h; x["If-Match"] = etag; return x; }());
    BOOST_TEST(noReason.status == 400);
    BOOST_TEST(noReason.body.find("reason") != std::string::npos);

    auto ok = f.http.request("PATCH", location, R"({"roles":["reviewer"],"reason":"moved to review"})",
                             [&] { auto x = h; x["If-Match"] = etag; return x; }());
    BOOST_TEST(ok.status == 200, ok.body);
    BOOST_TEST(ok.header("ETag") != etag);

    auto stale = f.http.request("PATCH", location, R"({"display_name":"Other"})", [&] { auto x = h; x["If-Match"] = etag; return x; }());
    BOOST_TEST(stale.status == 412);

    const std::string id = location.substr(location.rfind('/') + 1);
    auto audit = f.http.get("/api/audit?entity=user&id=" + id, f.admin);
    BOOST_TEST(audit.body.find(R"("field":"roles","old_value":"technician","new_value":"reviewer","reason":"moved to review")") !=
               std::string::npos, audit.body);
}

BOOST_AUTO_TEST_CASE(a_retried_post_with_the_same_idempotency_key_creates_one_user) {
    HttpFixture f;
    const auto before = f.userCount();
    std::map<std::string, std::string> h = {{"Authorization", "Bearer " + f.admin},
                                            {"Content-Type", "application/json"},
                                            {"Idempotency-Key", "create-tech-7"}};
    const std::string org = f.labOrg();
    const std::string body = R"({"username":"tech.seven","display_name":"七","password":"Tech-pw-12345","roles":["technician"],"org_id":")" + org + R"("})";
    auto first = f.http.request("POST", "/api/users", body, h);
    BOOST_REQUIRE(first.status == 201);
    auto again = f.http.request("POST", "/api/users", body, h);
    BOOST_TEST(again.status == 201);
    BOOST_TEST(again.body == first.body);
    BOOST_TEST(again.header("Location") == first.header("Location"));
    BOOST_TEST(again.header("Idempotent-Replayed") == "true");
    BOOST_TEST(f.userCount() == before + 1);

    auto other = f.http.request("POST", "/api/users", R"({"username":"tech.eight","display_name":"八","password":"Tech-pw-12345","roles":["technician"],"org_id":")" + org + R"("})", h);
    BOOST_TEST(other.status == 422);  // same key, different request
    BOOST_TEST(f.userCount() == before + 1);

    h["Idempotency-Key"] = "create-tech-9";
    auto bad = f.http.request("POST", "/api/users", R"({"username":"tech.nine"})", h);
    BOOST_TEST(bad.status == 400);
    auto fixed = f.http.request("POST", "/api/users", R"({"username":"tech.nine","display_name":"九","password":"Tech-pw-12345","roles":["technician"],"org_id":")" + org + R"("})", h);
    BOOST_TEST(fixed.status == 201);  // a failed attempt does not burn the key
    BOOST_TEST(f.userCount() == before + 2);
}

BOOST_AUTO_TEST_CASE(repeated_failed_logins_are_throttled_with_retry_after) {
    HttpFixture f;
    for (int i = 0; i < 5; ++i)
        BOOST_TEST(f.http.postJson("/api/auth/login", R"({"username":"admin","password":"Wrong-pw-123"})").status == 401);
    auto r = f.http.postJson("/api/auth/login", R"({"username":"admin","password":"Admin-test-pw-1"})");
    BOOST_TEST(r.status == 429);  // even the right password waits: a locked account cannot be probed
    BOOST_TEST(!r.header("Retry-After").empty());
}

BOOST_AUTO_TEST_CASE(logs_are_json_lines_with_request_ids_and_never_hold_secrets) {
    HttpFixture f;
    const std::string token = f.http.login("admin", TestServer::adminPassword());
    f.http.postJson("/api/auth/login", R"({"username":"admin","password":"Wrong-secret-42"})");
    f.http.request("GET", "/api/me", {}, {{"Authorization", "Bearer " + token}, {"X-Request-Id", "trace-me-1"}});
    const std::string log = f.server.log();
    BOOST_TEST(log.find(TestServer::adminPassword()) == std::string::npos);
    BOOST_TEST(log.find("Wrong-secret-42") == std::string::npos);
    BOOST_TEST(log.find(token) == std::string::npos);
    BOOST_TEST(log.find(f.admin) == std::string::npos);
    BOOST_TEST(log.find(R"("request_id":"trace-me-1")") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(logout_ends_the_session) {
    HttpFixture f;
    const std::string t = f.http.login("admin", TestServer::adminPassword());
    BOOST_TEST(f.http.get("/api/me", t).status == 200);
    BOOST_TEST(f.http.request("POST", "/api/auth/logout", {}, {{"Authorization", "Bearer " + t}}).status == 204);
    BOOST_TEST(f.http.get("/api/me", t).status == 401);
}

BOOST_AUTO_TEST_CASE(organizations_need_a_valid_uscc_and_a_unique_one) {
    HttpFixture f;
    auto bad = f.http.postJson("/api/organizations", R"({"kind":"customer","name":"某公司","uscc":"914403001922038217"})", f.admin);
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find(R"("field":"uscc","problem":"bad check character")") != std::string::npos, bad.body);
    auto all = f.http.postJson("/api/organizations", R"({"kind":"shop","name":"","uscc":"123","code":"x1","fax":"1"})", f.admin);
    BOOST_TEST(all.status == 400);
    for (const char* field : {"kind", "name", "uscc", "code", "fax"})
        BOOST_TEST(all.body.find(std::string(R"("field":")") + field + "\"") != std::string::npos, field << " in " << all.body);
    auto ok = f.http.postJson("/api/organizations", R"({"kind":"customer","name":"某公司","uscc":"914403001922038216"})", f.admin);
    BOOST_TEST(ok.status == 201);
    auto dup = f.http.postJson("/api/organizations", R"({"kind":"customer","name":"另一家","uscc":"914403001922038216"})", f.admin);
    BOOST_TEST(dup.status == 409);
}

BOOST_AUTO_TEST_CASE(partner_api_keys_authenticate_as_the_partner_until_revoked) {
    HttpFixture f;
    auto org = f.http.postJson("/api/organizations", R"({"kind":"partner","name":"合作实验室","uscc":"91440300708461136T"})", f.admin);
    BOOST_REQUIRE(org.status == 201);
    const std::string orgId = parse(org.body)->getValue<std::string>("id");
    auto key = f.http.postJson("/api/organizations/" + orgId + "/api-keys", R"({"label":"platform feed"})", f.admin);
    BOOST_REQUIRE(key.status == 201);
    const std::string secret = parse(key.body)->getValue<std::string>("key");
    const std::string keyId = parse(key.body)->getValue<std::string>("id");
    auto me = f.http.get("/api/me", secret);
    BOOST_TEST(me.status == 200);
    BOOST_TEST(me.body.find(R"("roles":["partner"])") != std::string::npos);
    BOOST_TEST(f.http.postJson("/api/api-keys/" + keyId + "/revoke", "", f.admin).status == 204);
    BOOST_TEST(f.http.get("/api/me", secret).status == 401);
    // Keys are only for partner labs.
    auto cust = f.http.postJson("/api/organizations", R"({"kind":"customer","name":"客户","uscc":"91330100799655058B"})", f.admin);
    auto refused = f.http.postJson("/api/organizations/" + parse(cust.body)->getValue<std::string>("id") + "/api-keys",
                                   R"({"label":"x"})", f.admin);
    BOOST_TEST(refused.status == 422);
}

BOOST_AUTO_TEST_CASE(the_web_ui_is_served_with_content_types_and_traversal_is_refused) {
    HttpFixture f;
    auto index = f.http.get("/");
    BOOST_TEST(index.status == 200);
    BOOST_TEST(index.header("Content-Type").find("text/html") == 0);
    auto js = f.http.get("/app.js");
    BOOST_TEST(js.status == 200);
    BOOST_TEST(js.header("Content-Type").find("text/javascript") == 0);
    BOOST_TEST(f.http.get("/i18n/zh-CN.json").header("Content-Type").find("application/json") == 0);
    for (const char* evil : {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc/passwd"}) {
        Poco::Net::StreamSocket s(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(f.server.port())));
        Poco::Net::SocketStream io(s);
        io << "GET " << evil << " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" << std::flush;
        std::string response((std::istreambuf_iterator<char>(io)), std::istreambuf_iterator<char>());
        BOOST_TEST(response.find("root:") == std::string::npos, evil);
        BOOST_TEST(response.rfind("HTTP/1.1 404", 0) == 0, evil << ": " << response.substr(0, 40));
    }
}

BOOST_AUTO_TEST_CASE(the_public_verification_page_is_served_at_the_qr_code_address_without_login) {
    HttpFixture f;
    auto page = f.http.get("/verify/7KQ2M9XW4HBN3PZD");  // the address each report's QR code holds
    BOOST_TEST(page.status == 200);
    BOOST_TEST(page.header("Content-Type").find("text/html") == 0);
    BOOST_TEST(page.body.find("/verify.js") != std::string::npos, page.body);
    BOOST_TEST(f.http.get("/verify.js").header("Content-Type").find("text/javascript") == 0);
    BOOST_TEST(f.http.get("/verify/7KQ2M9XW4HBN3PZ").status == 404);  // not a code
    BOOST_TEST(f.http.get("/verify/7KQ2M9XW4HBN3PZD/app.js").status == 404);
    BOOST_TEST(f.http.get("/api/verify/7KQ2M9XW4HBN3PZD").status == 404);  // the API still answers for unknown codes
}

BOOST_AUTO_TEST_CASE(an_unread_body_is_never_parsed_as_a_second_request) {
    HttpFixture f;
    for (const std::string target : {"/api/no-such-route", "/api/audit"}) {  // 404, and 401 before the body
        const std::string smuggled = "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n";
        Poco::Net::StreamSocket s(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(f.server.port())));
        Poco::Net::SocketStream io(s);
        io << "POST " << target << " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
           << smuggled.size() << "\r\n\r\n" << smuggled << std::flush;
        s.setReceiveTimeout(Poco::Timespan(10, 0));
        std::string all((std::istreambuf_iterator<char>(io)), std::istreambuf_iterator<char>());  // until the server closes
        std::size_t responses = 0;
        for (auto pos = all.find("HTTP/1.1 "); pos != std::string::npos; pos = all.find("HTTP/1.1 ", pos + 1)) ++responses;
        BOOST_TEST(responses == 1u, target << ": " << all);
    }
}

BOOST_AUTO_TEST_CASE(metrics_count_requests_by_route_pattern) {
    HttpFixture f;
    f.http.get("/api/health");
    f.http.get("/api/users/12345", f.admin);
    auto m = f.http.get("/metrics");
    BOOST_TEST(m.status == 200);
    BOOST_TEST(m.body.find(R"(assay_http_requests_total{route="/api/health",method="GET",status="200"})") != std::string::npos);
    BOOST_TEST(m.body.find(R"(route="/api/users/{id}")") != std::string::npos);
    BOOST_TEST(m.body.find("assay_http_request_duration_seconds_bucket") != std::string::npos);
    BOOST_TEST(m.body.find("assay_db_pool_in_use") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(idle_keep_alive_connections_do_not_starve_a_new_request) {
    // A 30 s keep-alive timeout: a starved server would make the probe wait that long.
    HttpFixture f(std::map<std::string, std::string>{{"ASSAY_HTTP_KEEP_ALIVE_TIMEOUT_S", "30"}});
    std::vector<std::unique_ptr<Poco::Net::StreamSocket>> idle;
    for (int i = 0; i < 256; ++i) {
        auto s = std::make_unique<Poco::Net::StreamSocket>(
            Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(f.server.port())));
        const std::string req = "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n";
        s->sendBytes(req.data(), static_cast<int>(req.size()));
        char buf[1024];
        s->setReceiveTimeout(Poco::Timespan(20, 0));
        const int n = s->receiveBytes(buf, sizeof buf);
        BOOST_REQUIRE(n > 0);
        BOOST_REQUIRE(std::string(buf, static_cast<std::size_t>(n)).rfind("HTTP/1.1 200", 0) == 0);
        idle.push_back(std::move(s));  // stays open and idle
    }
    const auto start = std::chrono::steady_clock::now();
    auto probe = f.http.get("/api/health");
    const auto waited = std::chrono::steady_clock::now() - start;
    BOOST_TEST(probe.status == 200);
    BOOST_TEST(waited < std::chrono::seconds(10));  // served by a free thread, not after a keep-alive expiry
}

BOOST_AUTO_TEST_SUITE_END()
