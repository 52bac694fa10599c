// The outbox end to end: a real assayd with the webhook notifier plugin, and a real receiver (a
// Poco HTTPServer on 127.0.0.1, an ephemeral port) that first answers 503, then is stopped
// (connections refused) while more messages are written, then comes back. Every message
// (result.failed_limit when a result fails its limit, report.issued when a report is issued)
// must be acknowledged exactly once, in the order the changes committed, with a signature that
// verifies over timestamp + "." + body, and the same message id on every attempt.
// ASSAY_TEST_RECEIVER_DOWN_S keeps the receiver stopped at least that long (issue 12 asks for a
// minute; the default only waits for two refused attempts, to keep the suite fast).
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <memory>
#include <mutex>

#include <fcntl.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include "ReportFixture.hpp"

using namespace assay::test;

namespace {

constexpr const char* kSecret = "webhook-test-secret-0123456789";

std::string hmacHex(const std::string& key, const std::string& text) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(text.data()), text.size(), mac,
         &len);
    static const char* kHex = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < len; ++i) {
        out += kHex[mac[i] >> 4];
        out += kHex[mac[i] & 15];
    }
    return out;
}

// A webhook receiver the test starts, answers with a chosen status, stops and starts again on the
// same port. It records every request it was sent and what it answered.
class Receiver {
public:
    struct Seen {
        std::string messageId, idempotencyKey, topic, timestamp, signature, contentType, body;
        int answered = 0;
    };

    ~Receiver() { stop(); }
    int start(int port = 0) {
        socket_ = Poco::Net::ServerSocket();
        socket_.bind(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)), true);
        socket_.listen(64);
        // Not inherited by the assayd the fixture forks, or the port would stay open after stop().
        ::fcntl(socket_.impl()->sockfd(), F_SETFD, FD_CLOEXEC);
        port_ = socket_.address().port();
        auto* params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(4);
        server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(*this), socket_, params);
        server_->start();
        return port_;
    }
    // Closes the listening socket and every connection: new connections are refused.
    void stop() {
        if (!server_) return;
        server_->stopAll(true);
        socket_.close();  // TCPServer::stop leaves the socket listening: the kernel would still accept
        server_.reset();
    }
    void answer(int status) {
        std::lock_guard lock(mutex_);
        status_ = status;
    }
    std::vector<Seen> seen() const {
        std::lock_guard lock(mutex_);
        return seen_;
    }
    std::vector<Seen> accepted() const {
        std::vector<Seen> out;
        for (auto& s : seen())
            if (s.answered == 200) out.push_back(s);
        return out;
    }
    int port() const { return port_; }

private:
    class Handler final : public Poco::Net::HTTPRequestHandler {
    public:
        explicit Handler(Receiver& r) : r_(r) {}
        void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) override {
            Seen s;
            Poco::StreamCopier::copyToString(req.stream(), s.body);
            s.messageId = req.get("X-Assay-Message-Id", "");
            s.idempotencyKey = req.get("Idempotency-Key", "");
            s.topic = req.get("X-Assay-Topic", "");
            s.timestamp = req.get("X-Assay-Timestamp", "");
            s.signature = req.get("X-Assay-Signature", "");
            s.contentType = req.getContentType();
            {
                std::lock_guard lock(r_.mutex_);
                s.answered = r_.status_;
                r_.seen_.push_back(s);
            }
            resp.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(s.answered));
            resp.setContentType("text/plain");
            resp.send() << (s.answered == 200 ? "ok" : "down for maintenance");
        }

    private:
        Receiver& r_;
    };
    class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
    public:
        explicit Factory(Receiver& r) : r_(r) {}
        Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override { return new Handler(r_); }

    private:
        Receiver& r_;
    };

    mutable std::mutex mutex_;
    int status_ = 200;
    std::vector<Seen> seen_;
    Poco::Net::ServerSocket socket_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
    int port_ = 0;
};

std::map<std::string, std::string> webhookEnv(int port) {
    return {{"ASSAY_PLUGINS_LOAD", WEBHOOK_PLUGIN},
            {"ASSAY_WEBHOOK_NOTIFIER_URLS", "http://127.0.0.1:" + std::to_string(port) + "/hooks/assay?token=t0"},
            {"ASSAY_WEBHOOK_NOTIFIER_SECRET", kSecret},
            {"ASSAY_WEBHOOK_NOTIFIER_CONNECT_TIMEOUT_MS", "1000"},
            {"ASSAY_WEBHOOK_NOTIFIER_TIMEOUT_MS", "3000"},
            {"ASSAY_OUTBOX_POLL_MS", "50"},
            {"ASSAY_OUTBOX_BACKOFF_MIN_MS", "100"},
            {"ASSAY_OUTBOX_BACKOFF_MAX_MS", "800"}};
}

// The one stream of the webhook transport (GET /api/system/outbox).
Poco::JSON::Object::Ptr stream(ReportFixture& f) {
    auto r = f.http.get("/api/system/outbox", f.admin);
    if (r.status != 200) throw std::runtime_error("outbox state: " + r.body);
    auto streams = parse(r.body)->getArray("streams");
    if (streams->size() != 1) return nullptr;
    return streams->getObject(0);
}
long long intOf(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    return o && o->has(key) ? o->getValue<long long>(key) : -1;
}
std::string textOf(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    return o && o->has(key) ? o->getValue<std::string>(key) : std::string();
}

// A failing lead result (0.35 > 0.2 mg/kg) on a new order.
HttpResponse failingResult(ReportFixture& f) {
    auto r = f.enter(f.assignedItem(f.specFull), "0.35");
    ResultFixture::expect(201, r);
    BOOST_TEST(parse(r.body)->getValue<std::string>("conformity") == "fail");
    return r;
}
std::string idOf(const HttpResponse& r) { return parse(r.body)->getValue<std::string>("id"); }

// An issued report (a passing result, so no failed_limit message of its own); returns its JSON.
Poco::JSON::Object::Ptr issueReport(ReportFixture& f) {
    f.authorizeSigner(-1);
    const std::string signer = f.http.login("signer", "Signer-pw-12345");
    const std::string orderCode = f.approvedOrder("0.12", false);
    auto created = f.http.postJson("/api/reports", R"({"order_code":")" + orderCode + "\"}", f.manager);
    ResultFixture::expect(201, created);
    const std::string report = parse(created.body)->getValue<std::string>("id");
    auto chosen = f.http.request("PATCH", "/api/reports/" + report, R"({"signatory_user_id":")" + f.signerUserId + "\"}",
                                 ResultFixture::headers(f.manager, created.header("ETag")));
    ResultFixture::expect(200, chosen);
    ResultFixture::expect(201, f.http.postJson("/api/signing/keys", R"({"password":"Signer-pw-12345"})", signer));
    auto issued = f.http.request("POST", "/api/reports/" + report + "/issue", R"({"password":"Signer-pw-12345"})",
                                 ResultFixture::headers(signer, chosen.header("ETag")));
    ResultFixture::expect(200, issued);
    return parse(issued.body);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(outbox_webhook)

BOOST_AUTO_TEST_CASE(a_receiver_down_for_a_while_gets_every_message_once_in_order_and_signed_when_it_comes_back) {
    Receiver rx;
    const int port = rx.start();
    rx.answer(503);
    ReportFixture f(webhookEnv(port));

    // 1. The receiver answers 503: the message is tried again and again, never marked delivered.
    const std::string failed1 = idOf(failingResult(f));
    BOOST_REQUIRE(waitFor([&] { return rx.seen().size() >= 2; }, std::chrono::seconds(20)));
    BOOST_TEST(intOf(stream(f), "pending") == 1);
    BOOST_TEST(textOf(stream(f), "last_error").find("HTTP 503") != std::string::npos);

    // 2. The receiver is stopped (connections refused) while a report is issued and another
    //    result fails, and is then corrected to a value that still fails (told again, as version
    //    2); a passing result sends nothing, nor does a correction that passes.
    rx.stop();
    const auto down = std::chrono::steady_clock::now();
    const long long triedBefore = intOf(stream(f), "next_attempts");
    const auto report = issueReport(f);
    const auto second = failingResult(f);
    const std::string failed2 = idOf(second);
    ResultFixture::expect(200, f.edit(second, R"({"value":"0.45","reason":"复核原始记录，读数抄错"})"));
    ResultFixture::expect(201, f.enter(f.assignedItem(f.specFull), "0.1"));
    const auto third = failingResult(f);
    ResultFixture::expect(200, f.edit(third, R"({"value":"0.15","reason":"复核原始记录"})"));  // now passes: silent
    const char* downEnv = std::getenv("ASSAY_TEST_RECEIVER_DOWN_S");
    const auto downFor = std::chrono::seconds(downEnv ? std::atoi(downEnv) : 0);
    const bool refused = waitFor(
        [&] {
            auto s = stream(f);
            return intOf(s, "pending") == 5 && intOf(s, "next_attempts") >= triedBefore + 2 &&
                   textOf(s, "last_error").find("refused") != std::string::npos && std::chrono::steady_clock::now() - down >= downFor;
        },
        downFor + std::chrono::seconds(30));
    BOOST_REQUIRE_MESSAGE(refused, "outbox state: " << f.http.get("/api/system/outbox", f.admin).body << " (tried " << triedBefore
                                                    << " times before the stop)");
    const std::size_t seenWhileDown = rx.seen().size();

    // 3. It comes back on the same address and answers 200.
    rx.answer(200);
    rx.start(port);
    BOOST_REQUIRE(waitFor([&] { return intOf(stream(f), "pending") == 0; }, std::chrono::seconds(30)));
    BOOST_TEST(intOf(stream(f), "delivered") == 5);
    BOOST_TEST(intOf(stream(f), "failures_in_a_row") == 0);

    const auto accepted = rx.accepted();
    BOOST_REQUIRE(accepted.size() == 5u);  // each once: nothing acknowledged is sent again
    std::vector<std::string> topics, ids;
    for (std::size_t i = 0; i < accepted.size(); ++i) {
        const auto& s = accepted[i];
        BOOST_TEST_CONTEXT("message " << i) {
            auto body = parse(s.body);
            BOOST_TEST(body->getValue<long long>("seq") == static_cast<long long>(i) + 1);  // in commit order
            BOOST_TEST(body->getValue<std::string>("id") == s.messageId);
            BOOST_TEST(s.idempotencyKey == s.messageId);
            BOOST_TEST(body->getValue<std::string>("topic") == s.topic);
            BOOST_TEST(body->getValue<std::string>("lab_id") == f.labOrg());
            BOOST_TEST(s.contentType.find("application/json") == 0);
            BOOST_TEST(s.signature == "sha256=" + hmacHex(kSecret, s.timestamp + "." + s.body));
            BOOST_TEST(s.signature != "sha256=" + hmacHex("another-secret-0123456789", s.timestamp + "." + s.body));
            topics.push_back(s.topic);
            ids.push_back(s.messageId);
        }
    }
    BOOST_TEST(topics == (std::vector<std::string>{"result.failed_limit", "report.issued", "result.failed_limit",
                                                   "result.failed_limit", "result.failed_limit"}));
    BOOST_TEST(std::set<std::string>(ids.begin(), ids.end()).size() == 5u);
    auto data = [&](std::size_t i) { return parse(accepted[i].body)->getObject("data"); };
    BOOST_TEST(data(0)->getValue<std::string>("result_id") == failed1);
    BOOST_TEST(data(0)->getValue<std::string>("conformity") == "fail");
    BOOST_TEST(data(0)->getValue<std::string>("reported") == "0.35");
    BOOST_TEST(data(0)->getValue<std::string>("limit") == "≤0.2");
    BOOST_TEST(data(1)->getValue<std::string>("report_id") == report->getValue<std::string>("id"));
    BOOST_TEST(data(1)->getValue<std::string>("number") == report->getValue<std::string>("number"));
    BOOST_TEST(data(1)->getValue<std::string>("pdf_sha256").size() == 64u);
    BOOST_TEST(data(2)->getValue<std::string>("result_id") == failed2);
    BOOST_TEST(data(2)->getValue<int>("version") == 1);
    BOOST_TEST(data(3)->getValue<std::string>("result_id") == failed2);  // the correction, still failing
    BOOST_TEST(data(3)->getValue<int>("version") == 2);
    BOOST_TEST(data(3)->getValue<std::string>("reported") == "0.45");
    BOOST_TEST(data(4)->getValue<std::string>("result_id") == idOf(third));  // its entry; the passing correction sent nothing

    // Every refused attempt carried the same id and a valid signature of its own.
    const auto all = rx.seen();
    BOOST_TEST(all.size() >= seenWhileDown + 5);
    for (const auto& s : all) {
        if (s.answered == 200) continue;
        BOOST_TEST(s.messageId == ids[0]);  // only the first was tried while it was refused: order
        BOOST_TEST(s.signature == "sha256=" + hmacHex(kSecret, s.timestamp + "." + s.body));
    }

    // The metrics say the same.
    const std::string metrics = f.http.get("/metrics").body;
    const std::string transport = textOf(stream(f), "transport");
    BOOST_TEST(transport.rfind("webhook:", 0) == 0);
    BOOST_TEST(metrics.find("assay_outbox_pending{transport=\"" + transport + "\"} 0\n") != std::string::npos);
    BOOST_TEST(metrics.find("assay_outbox_delivered_total{transport=\"" + transport + "\"} 5\n") != std::string::npos);
    BOOST_TEST(metrics.find("assay_outbox_failed_attempts_total{transport=\"" + transport + "\"} 0\n") == std::string::npos);

    // The admin listing names the target without its query (which may hold a token), and is admin-only.
    auto state = f.http.get("/api/system/outbox", f.admin);
    BOOST_TEST(state.body.find("token=t0") == std::string::npos);
    BOOST_TEST(state.body.find("/hooks/assay") != std::string::npos);
    BOOST_TEST(f.http.get("/api/system/outbox", f.manager).status == 403);
}

BOOST_AUTO_TEST_CASE(the_webhook_plugin_refuses_to_start_with_a_short_secret_or_a_bad_url) {
    auto env = [](const std::string& url, const std::string& secret) {
        return std::map<std::string, std::string>{{"ASSAY_PLUGINS_LOAD", WEBHOOK_PLUGIN},
                                                  {"ASSAY_WEBHOOK_NOTIFIER_URLS", url},
                                                  {"ASSAY_WEBHOOK_NOTIFIER_SECRET", secret}};
    };
    auto shortSecret = TestServer::startExpectingFailure(env("http://127.0.0.1:9/x", "short"));
    BOOST_TEST(shortSecret.exitCode != 0);
    BOOST_TEST(shortSecret.out.find("webhook_notifier.secret") != std::string::npos, shortSecret.out);
    auto badUrl = TestServer::startExpectingFailure(env("ftp://127.0.0.1/x", kSecret));
    BOOST_TEST(badUrl.exitCode != 0);
    BOOST_TEST(badUrl.out.find("webhook_notifier.urls") != std::string::npos, badUrl.out);
}

BOOST_AUTO_TEST_SUITE_END()
