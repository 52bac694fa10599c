// Hardening at the HTTP edge: security headers on every answer, and problem+json for request
// heads the server will not read (oversized URI or header fields).
#include <boost/test/unit_test.hpp>

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include "HttpFixture.hpp"

using namespace assay::test;

BOOST_AUTO_TEST_SUITE(hardening)

BOOST_AUTO_TEST_CASE(every_answer_carries_a_content_security_policy_and_refuses_to_be_framed) {
    HttpFixture f;
    for (const char* path : {"/", "/index.html", "/verify/ABCDEFGH12345678", "/api/health", "/api/nothing", "/metrics"}) {
        auto r = f.http.get(path, f.admin);
        const std::string csp = r.header("Content-Security-Policy");
        BOOST_TEST(csp.find("frame-ancestors 'none'") != std::string::npos, path << ": " << csp);
        BOOST_TEST(csp.find("default-src 'self'") != std::string::npos, path);
        BOOST_TEST(csp.find("script-src 'self'") != std::string::npos, path);
        BOOST_TEST(csp.find("unsafe-inline") == std::string::npos, path);
        BOOST_TEST(r.header("X-Frame-Options") == "DENY", path);
        BOOST_TEST(r.header("X-Content-Type-Options") == "nosniff", path);
    }
    // A problem answer too (401 without credentials).
    auto denied = f.http.get("/api/users");
    BOOST_TEST(denied.status == 401);
    BOOST_TEST(denied.header("X-Frame-Options") == "DENY");
}

BOOST_AUTO_TEST_CASE(an_oversized_header_field_gets_problem_json_431) {
    HttpFixture f;
    auto r = f.http.request("GET", "/api/health", {}, {{"X-Padding", std::string(10000, 'a')}});
    BOOST_TEST(r.status == 431);
    BOOST_TEST(r.header("Content-Type").find("application/problem+json") == 0u, r.header("Content-Type"));
    BOOST_TEST(parse(r.body)->getValue<int>("status") == 431);
    BOOST_TEST(parse(r.body)->getValue<std::string>("type") == "urn:assay:problem:request-header-fields-too-large");
    // The server is still there for the next client.
    BOOST_TEST(f.http.get("/api/health").status == 200);
}

BOOST_AUTO_TEST_CASE(too_many_header_fields_get_problem_json_431) {
    HttpFixture f;
    std::map<std::string, std::string> h;
    for (int i = 0; i < 150; ++i) h["X-Field-" + std::to_string(i)] = "v";
    auto r = f.http.request("GET", "/api/health", {}, h);
    BOOST_TEST(r.status == 431);
    BOOST_TEST(r.header("Content-Type").find("application/problem+json") == 0u);
}

BOOST_AUTO_TEST_CASE(an_oversized_uri_gets_problem_json_414) {
    HttpFixture f;
    auto r = f.http.get("/api/samples?q=" + std::string(20000, 'x'), f.admin);
    BOOST_TEST(r.status == 414);
    BOOST_TEST(r.header("Content-Type").find("application/problem+json") == 0u);
    BOOST_TEST(parse(r.body)->getValue<std::string>("type") == "urn:assay:problem:uri-too-long");
    BOOST_TEST(f.http.get("/api/health").status == 200);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(hardening_body)

// Poco 1.11 ends a fixed-length body silently when the peer stops early: the request must be
// refused, never handled with a prefix of its body.
BOOST_AUTO_TEST_CASE(a_body_that_ends_before_its_content_length_is_refused_and_nothing_is_stored) {
    HttpFixture f;
    const std::string tech = f.userWithRole("technician");
    const std::string whole = R"({"name":"大米","product_category":"粮食及其制品","note":"the rest of the body never arrives"})";
    const std::string prefix = R"({"name":"大米","product_category":"粮食及其制品"})";  // valid JSON on its own
    Poco::Net::StreamSocket sock(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(f.server.port())));
    const std::string head = "POST /api/samples HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + tech +
                             "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(whole.size()) +
                             "\r\n\r\n";
    const std::string sent = head + prefix;
    sock.sendBytes(sent.data(), static_cast<int>(sent.size()));
    sock.shutdownSend();
    sock.setReceiveTimeout(Poco::Timespan(10, 0));
    std::string answer;
    char buf[4096];
    for (;;) {
        const int n = sock.receiveBytes(buf, sizeof buf);
        if (n <= 0) break;
        answer.append(buf, static_cast<std::size_t>(n));
    }
    BOOST_TEST(answer.rfind("HTTP/1.1 400", 0) == 0u, answer);
    BOOST_TEST(answer.find("ended after") != std::string::npos, answer);
    auto list = f.http.get("/api/samples", tech);
    BOOST_TEST(parse(list.body)->getArray("items")->size() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
