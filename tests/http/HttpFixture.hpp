// HttpFixture: one real assayd with a fresh SQLite database, an admin token, and helpers.
#pragma once

#include <cctype>
#include <chrono>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "TestSupport.hpp"
#include "assay/Clock.hpp"

namespace assay::test {

// The lab's date (UTC+08:00) today plus n days, as the server counts days.
inline std::string dayFromToday(int n) {
    auto today = assay::parseIsoDate(assay::isoDateInLab(std::chrono::system_clock::now()));
    return assay::formatIsoDate(*today + std::chrono::days{n});
}

// Percent-encodes a query value (UTF-8 bytes included).
inline std::string urlEncode(const std::string& s) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

inline Poco::JSON::Object::Ptr parse(const std::string& body) {
    Poco::JSON::Parser p;
    return p.parse(body).extract<Poco::JSON::Object::Ptr>();
}

struct HttpFixture {
    // The test lab's USCC and name: TEST_LAB_USCC / TEST_LAB_NAME in env (two labs of one test,
    // e.g. on the platform, must differ); the server ignores these variables.
    std::string labUscc, labName;
    TestServer server;
    HttpClient http;
    std::string admin;

    explicit HttpFixture(std::map<std::string, std::string> env = {})
        : labUscc(env.count("TEST_LAB_USCC") ? env.at("TEST_LAB_USCC") : "911100007109288314"),
          labName(env.count("TEST_LAB_NAME") ? env.at("TEST_LAB_NAME") : "测试实验室"),
          server(std::move(env)), http(server.client()), admin(http.login("admin", TestServer::adminPassword())) {}

    // The lab organization the test users belong to (created on first use).
    std::string labOrg() {
        if (lab_.empty()) {
            auto r = http.postJson("/api/organizations",
                                   R"({"kind":"lab","name":")" + labName + R"(","uscc":")" + labUscc + R"(","code":"TEST","address":"广州市天河区测试路1号"})", admin);
            if (r.status != 201) throw std::runtime_error("cannot create the test lab: " + r.body);
            lab_ = parse(r.body)->getValue<std::string>("id");
        }
        return lab_;
    }

    // Creates a user with the given role in the test lab (admins: in no organization); returns a token.
    std::string userWithRole(const std::string& role) {
        const std::string name = "u." + role;
        std::string body = R"({"username":")" + name + R"(","display_name":"Test )" + role +
                           R"(","password":"Role-pw-12345","roles":[")" + role + R"("])";
        if (role != "admin") body += R"(,"org_id":")" + labOrg() + "\"";
        body += "}";
        auto r = http.postJson("/api/users", body, admin);
        if (r.status != 201) throw std::runtime_error("cannot create " + name + ": " + r.body);
        return http.login(name, "Role-pw-12345");
    }

    std::string lab_;

    std::size_t userCount() {
        auto r = http.get("/api/users?limit=500", admin);
        return parse(r.body)->getArray("items")->size();
    }
};

}  // namespace assay::test
