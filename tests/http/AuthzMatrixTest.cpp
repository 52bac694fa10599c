// The authorization matrix: every registered route x every role (and no credential).
//
// For each route from GET /api/system/routes: it must declare a permission; a "resource:action"
// permission must be granted to at least one role; without a credential a non-public route
// answers 401; a role holding the permission is never refused (no 401/403); a role without it
// gets 403. Path parameters are filled with an id that does not exist, so no data changes.
// Later capability modules extend this matrix simply by registering routes.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <regex>
#include <set>

#include <Poco/Net/HTTPRequest.h>

#include "HttpFixture.hpp"
#include "assay/Permissions.hpp"

using namespace assay::test;

namespace {
struct RouteInfo {
    std::string method, path, permission;
};

std::vector<RouteInfo> routes(HttpFixture& f) {
    auto r = f.http.get("/api/system/routes", f.admin);
    BOOST_REQUIRE(r.status == 200);
    std::vector<RouteInfo> out;
    auto items = parse(r.body)->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
        auto o = items->getObject(static_cast<unsigned>(i));
        out.push_back({o->getValue<std::string>("method"), o->getValue<std::string>("path"),
                       o->getValue<std::string>("permission")});
    }
    return out;
}

std::string concrete(const std::string& pattern) {
    return std::regex_replace(pattern, std::regex(R"(\{[a-z_]+\})"), "999999");
}
}  // namespace

BOOST_AUTO_TEST_SUITE(authz)

BOOST_AUTO_TEST_CASE(every_route_declares_a_permission_and_every_role_gets_exactly_what_it_is_granted) {
    HttpFixture f;
    std::map<std::string, std::string> tokens;
    std::map<std::string, std::set<std::string>> granted;
    for (const auto& role : assay::Permissions::allRoles()) {
        tokens[role] = role == "admin" ? f.admin : f.userWithRole(role);
        auto me = parse(f.http.get("/api/me", tokens[role]).body);
        auto perms = me->getArray("permissions");
        for (std::size_t i = 0; i < perms->size(); ++i) granted[role].insert(perms->getElement<std::string>(static_cast<unsigned>(i)));
    }
    const auto all = routes(f);
    BOOST_TEST(all.size() >= 18u);
    int checked = 0;
    for (const auto& r : all) {
        BOOST_TEST_CONTEXT(r.method << " " << r.path << " [" << r.permission << "]") {
            BOOST_TEST(!r.permission.empty());
            const bool isPublic = r.permission == "public";
            const bool anyAuth = r.permission == "authenticated";
            if (!isPublic && !anyAuth) {
                bool someone = false;
                for (auto& [role, perms] : granted) someone = someone || perms.count(r.permission);
                BOOST_TEST(someone, "permission granted to no role");
            }
            const std::string path = concrete(r.path);
            const std::string body = (r.method == "POST" || r.method == "PATCH") ? "{}" : "";
            std::map<std::string, std::string> base;
            if (!body.empty()) base["Content-Type"] = "application/json";
            if (r.path == "/api/auth/logout") continue;  // would end the session under test; covered elsewhere
            auto anon = f.http.request(r.method, path, body, base);
            if (isPublic) {
                BOOST_TEST((anon.status != 401 && anon.status != 403));
            } else {
                BOOST_TEST(anon.status == 401);
            }
            for (const auto& [role, token] : tokens) {
                auto h = base;
                h["Authorization"] = "Bearer " + token;
                auto res = f.http.request(r.method, path, body, h);
                const bool allowed = isPublic || anyAuth || granted[role].count(r.permission);
                BOOST_TEST_CONTEXT("role " << role << " got " << res.status) {
                    if (allowed) {
                        BOOST_TEST((res.status != 401 && res.status != 403));
                    } else {
                        BOOST_TEST(res.status == 403);
                    }
                }
                ++checked;
            }
        }
    }
    BOOST_TEST(checked >= 17 * 7);
}

BOOST_AUTO_TEST_CASE(every_registered_route_is_documented_in_openapi) {
    HttpFixture f;
    std::ifstream in(std::string(ASSAY_SOURCE_DIR) + "/docs/api/openapi.yaml");
    BOOST_REQUIRE_MESSAGE(in, "docs/api/openapi.yaml is missing");
    std::set<std::string> documented;
    std::string line, currentPath;
    bool inPaths = false;
    static const std::regex kPath(R"(^  (/[^:]*):\s*$)");
    static const std::regex kMethod(R"(^    (get|post|put|patch|delete):\s*$)");
    while (std::getline(in, line)) {
        if (line.rfind("paths:", 0) == 0) {
            inPaths = true;
            continue;
        }
        if (inPaths && !line.empty() && line[0] != ' ' && line[0] != '#') inPaths = false;
        if (!inPaths) continue;
        std::smatch m;
        if (std::regex_match(line, m, kPath)) currentPath = m[1];
        else if (std::regex_match(line, m, kMethod) && !currentPath.empty()) {
            std::string method = m[1];
            for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            documented.insert(method + " " + currentPath);
        }
    }
    for (const auto& r : routes(f))
        BOOST_TEST(documented.count(r.method + " " + r.path) == 1u, r.method << " " << r.path << " is not in openapi.yaml");
}

BOOST_AUTO_TEST_SUITE_END()
