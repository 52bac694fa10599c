// An administrator resets the password of a user who forgot it (issue 13, item 6: users and
// roles without the API by hand): a new temporary password with the reason, the user's sessions
// end, the change is audited without the password, and nobody resets their own this way.
#include <boost/test/unit_test.hpp>

#include "HttpFixture.hpp"

using namespace assay::test;

BOOST_AUTO_TEST_SUITE(password_reset)

BOOST_AUTO_TEST_CASE(an_administrator_resets_a_forgotten_password_with_a_reason_and_the_old_sessions_end) {
    HttpFixture f;
    const std::string techToken = f.userWithRole("technician");
    const std::string techId = parse(f.http.get("/api/me", techToken).body)->getObject("user")->getValue<std::string>("id");
    const std::string path = "/api/users/" + techId + "/password";
    const std::map<std::string, std::string> zh{{"Authorization", "Bearer " + f.admin}, {"Content-Type", "application/json"}, {"Accept-Language", "zh-CN"}};
    auto weak = f.http.request("POST", path, R"({"new_password":"short","reason":"本人遗忘密码"})", zh);
    BOOST_TEST(weak.status == 400);
    BOOST_TEST(weak.body.find(R"("field":"new_password")") != std::string::npos, weak.body);
    auto silent = f.http.request("POST", path, R"({"new_password":"Temp-pass-2026","reason":"  "})", zh);
    BOOST_TEST(silent.status == 400);
    BOOST_TEST(silent.body.find("重置密码的原因") != std::string::npos, silent.body);
    BOOST_TEST(f.http.login("u.technician", "Role-pw-12345").size() > 0u);  // nothing changed yet
    auto reset = f.http.request("POST", path, R"({"new_password":"Temp-pass-2026","reason":"本人遗忘密码，已当面核实身份"})", zh);
    BOOST_REQUIRE_MESSAGE(reset.status == 204, reset.body);
    BOOST_TEST(f.http.get("/api/me", techToken).status == 401);  // the old session ended
    BOOST_TEST(f.http.login("u.technician", "Temp-pass-2026").size() > 0u);
    // Not one's own (that is /api/me/password), and not by a non-administrator.
    const std::string adminId = parse(f.http.get("/api/me", f.admin).body)->getObject("user")->getValue<std::string>("id");
    BOOST_TEST(f.http.postJson("/api/users/" + adminId + "/password", R"({"new_password":"Temp-pass-2027","reason":"x"})", f.admin).status == 409);
    const std::string reviewer = f.userWithRole("reviewer");
    BOOST_TEST(f.http.postJson(path, R"({"new_password":"Temp-pass-2027","reason":"x"})", reviewer).status == 403);
    // Audited with the reason, never the password.
    auto audit = f.http.get("/api/audit?entity=user&id=" + techId, f.admin);
    BOOST_TEST(audit.body.find("本人遗忘密码") != std::string::npos, audit.body);
    BOOST_TEST(audit.body.find("Temp-pass-2026") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
