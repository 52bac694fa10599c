// assayd start-up: configuration errors, plugins, TLS.
#include <boost/test/unit_test.hpp>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include "HttpFixture.hpp"

using namespace assay::test;

BOOST_AUTO_TEST_SUITE(server_startup)

BOOST_AUTO_TEST_CASE(an_unknown_config_key_aborts_start_up_naming_the_key) {
    TempDir d;
    writeFile(d.file("assay.properties"), "http.host = 127.0.0.1\nhttp.max_thread = 10\n");
    auto r = TestServer::startExpectingFailure({}, {"--config", d.file("assay.properties")});
    BOOST_TEST(r.exitCode != 0);
    BOOST_TEST(r.out.find("http.max_thread") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("unknown configuration key") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(a_bad_value_aborts_start_up_naming_the_key_and_its_source) {
    auto r = TestServer::startExpectingFailure({{"ASSAY_HTTP_PORT", "eighty"}});
    BOOST_TEST(r.exitCode != 0);
    BOOST_TEST(r.out.find("http.port") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("ASSAY_HTTP_PORT") != std::string::npos, r.out);
    auto db = TestServer::startExpectingFailure({{"ASSAY_DB_URL", "postgres://x/y"}});
    BOOST_TEST(db.exitCode != 0);
    BOOST_TEST(db.out.find("db.url") != std::string::npos, db.out);
}

BOOST_AUTO_TEST_CASE(a_plugin_listed_in_plugins_load_serves_its_routes) {
    HttpFixture f(std::map<std::string, std::string>{{"ASSAY_PLUGINS_LOAD", EXAMPLE_PLUGIN}, {"ASSAY_EXAMPLE_HELLO_GREETING", "欢迎"}});
    auto r = f.http.get("/api/plugins/example-hello/greeting", f.admin);
    BOOST_TEST(r.status == 200);
    BOOST_TEST(parse(r.body)->getValue<std::string>("greeting") == "欢迎");
    BOOST_TEST(f.http.get("/api/plugins/example-hello/greeting").status == 401);
}

BOOST_AUTO_TEST_CASE(without_plugins_load_no_plugin_route_exists) {
    HttpFixture f;
    BOOST_TEST(f.http.get("/api/plugins/example-hello/greeting", f.admin).status == 404);
}

BOOST_AUTO_TEST_CASE(a_plugin_built_for_another_api_version_is_refused) {
    auto r = TestServer::startExpectingFailure({{"ASSAY_PLUGINS_LOAD", BADVERSION_PLUGIN}});
    BOOST_TEST(r.exitCode != 0);
    BOOST_TEST(r.out.find("plugins.load") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("plugin API") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(a_relative_plugin_path_is_refused) {
    auto r = TestServer::startExpectingFailure({{"ASSAY_PLUGINS_LOAD", "assay_plugin_example_hello.so"}});
    BOOST_TEST(r.exitCode != 0);
    BOOST_TEST(r.out.find("absolute") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(tls_serves_https_and_refuses_protocols_older_than_tls_1_2) {
    TempDir d;
    auto gen = runProcess("/usr/bin/openssl",
                          {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                           d.file("key.pem"), "-out", d.file("cert.pem"), "-days", "2", "-subj", "/CN=127.0.0.1"},
                          {});
    BOOST_REQUIRE_MESSAGE(gen.exitCode == 0, gen.out);
    TestServer server({{"ASSAY_TLS_CERT", d.file("cert.pem")}, {"ASSAY_TLS_KEY", d.file("key.pem")}}, true);
    auto r = server.client().get("/api/health");
    BOOST_TEST(r.status == 200);

    Poco::Net::Context::Ptr old = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                                         Poco::Net::Context::VERIFY_NONE);
    old->disableProtocols(Poco::Net::Context::PROTO_TLSV1_2 | Poco::Net::Context::PROTO_TLSV1_3);
    Poco::Net::HTTPSClientSession s("127.0.0.1", static_cast<Poco::UInt16>(server.port()), old);
    s.setTimeout(Poco::Timespan(10, 0));
    bool refused = false;
    try {
        Poco::Net::HTTPRequest req("GET", "/api/health", Poco::Net::HTTPMessage::HTTP_1_1);
        s.sendRequest(req);
        Poco::Net::HTTPResponse resp;
        s.receiveResponse(resp);
    } catch (const std::exception&) {
        refused = true;
    }
    BOOST_TEST(refused);
    // Plain HTTP on the TLS port gets no answer in clear text.
    HttpClient plain("127.0.0.1", server.port(), false);
    bool plainFailed = false;
    try {
        plainFailed = plain.get("/api/health").status != 200;
    } catch (const std::exception&) {
        plainFailed = true;
    }
    BOOST_TEST(plainFailed);
}

BOOST_AUTO_TEST_SUITE_END()
