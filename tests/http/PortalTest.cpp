// The SME portal (issue 15), against real assayd processes: a platform instance with an SMTP sink
// and a lab instance, each with its own database, on 127.0.0.1.
//  - the journey: an SME registers (the code read from the sink), may not book until verified,
//    books with an Idempotency-Key (twice: one booking) while the lab is down, the booking becomes
//    an order in the lab's intake once the lab is back, the lab offers a changed due date, the SME
//    accepts it and the lab's order is accepted with it, questions and messages with attachments
//    cross both ways, and the issued report reaches that SME, downloads and verifies;
//  - isolation: another SME's booking ids, another lab's booking, answer 404;
//  - a capability that left the catalogue between the search and the booking is refused with the
//    reason, beside its field.
#include <boost/test/unit_test.hpp>

#include <Poco/Base64Encoder.h>
#include <Poco/DirectoryIterator.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Process.h>

#include <regex>
#include <sstream>

#include "PlatformFixture.hpp"

using namespace assay;
using namespace assay::test;
using namespace assay::test::platformtest;

namespace {
// tests/tools/smtp-sink.py on a free port: every mail lands in its directory.
struct SmtpSink {
    TempDir dir;
    int port = 0;
    std::optional<Poco::ProcessHandle> process;
    SmtpSink() {
        {
            Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
            port = probe.address().port();
        }
        process.emplace(Poco::Process::launch("python3", {std::string(ASSAY_SOURCE_DIR) + "/tests/tools/smtp-sink.py", "--port",
                                                          std::to_string(port), "--dir", dir.path()}));
        if (!waitFor([&] {
                try {
                    Poco::Net::StreamSocket s(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
                    return true;
                } catch (const std::exception&) {
                    return false;
                }
            }, std::chrono::seconds(10)))
            throw std::runtime_error("the SMTP sink did not start");
    }
    ~SmtpSink() {
        try {
            Poco::Process::kill(*process);
            process->wait();
        } catch (const std::exception&) {
        }
    }
    std::map<std::string, std::string> env() const {
        return {{"ASSAY_MAIL_SMTP_HOST", "127.0.0.1"}, {"ASSAY_MAIL_SMTP_PORT", std::to_string(port)}, {"ASSAY_MAIL_FROM", "platform@example.test"}};
    }
    // The newest code sent to `to` (the 6 digits in the body), waiting for it.
    std::string codeFor(const std::string& to, std::size_t nth = 1) {
        std::string code;
        waitFor([&] {
            std::vector<std::pair<int, std::string>> mails;
            for (Poco::DirectoryIterator it(dir.path()), end; it != end; ++it)
                if (it.name().size() > 4 && it.name().substr(it.name().size() - 4) == ".eml")
                    mails.emplace_back(std::stoi(it.name()), it.path().toString());
            std::sort(mails.begin(), mails.end());
            std::size_t seen = 0;
            for (const auto& [n, path] : mails) {
                const std::string text = readFile(path);
                if (text.find("To: <" + to + ">") == std::string::npos) continue;
                std::smatch m;
                const std::string body = text.substr(text.find("\r\n\r\n") == std::string::npos ? 0 : text.find("\r\n\r\n"));
                if (std::regex_search(body, m, std::regex("([0-9]{6})")) && ++seen == nth) code = m[1];
            }
            return !code.empty();
        }, std::chrono::seconds(10));
        if (code.empty()) throw std::runtime_error("no mail to " + to);
        return code;
    }
};

struct Platform {
    SmtpSink sink;
    TestServer server;
    HttpClient http;
    std::string op;
    Platform()
        : server([this] {
              auto env = sink.env();
              env["ASSAY_INSTANCE_ROLE"] = "platform";
              return env;
          }()),
          http(server.client()), op(operatorToken(http, http.login("admin", TestServer::adminPassword()))) {}
    std::string url() const { return "http://127.0.0.1:" + std::to_string(server.port()); }
    // Registers an SME and signs it in; verified unless told not to. Returns its token.
    std::string sme(const std::string& email, const std::string& first17, bool verify = true) {
        auto r = http.request("POST", "/api/portal/accounts",
                              R"({"company_name":"企业)" + first17.substr(12) + R"(有限公司","uscc":")" + uscc(first17) +
                                  R"(","contact_name":"何丽","phone":"020-12345678","email":")" + email + R"(","password":"Sme-pw-123456"})",
                              json());
        if (r.status != 201) throw std::runtime_error("register: " + r.body);
        const std::string token = http.login(email, "Sme-pw-123456");
        if (verify) ResultFixture::expect(200, http.request("POST", "/api/portal/email/verify", R"({"code":")" + sink.codeFor(email) + "\"}", json(token)));
        return token;
    }
    Poco::JSON::Object::Ptr booking(const std::string& token, const std::string& id) {
        auto r = http.get("/api/portal/bookings/" + id, token);
        if (r.status != 200) throw std::runtime_error("booking: " + r.body);
        return parse(r.body);
    }
    std::string status(const std::string& token, const std::string& id) { return booking(token, id)->getValue<std::string>("status"); }
};

std::string bookingBody(const std::string& labId, const std::string& rowKey) {
    return R"({"lab_id":")" + labId + R"(","samples":[{"name":"东北大米（珍珠米）","brand":"稻花香","batch_no":"B-1","manufacturer":"某米业",)"
           R"("quantity":"2","unit":"kg","items":[")" + rowKey + R"("]}],"report":{"marks":["CMA"],"language":"zh","decision_rule":"simple",)"
           R"("uncertainty":false,"remains":"dispose"},"delivery":{"method":"courier","carrier":"顺丰","tracking_no":"SF1234567890"}})";
}

// The lab's catalogue row of lead in rice, as the public search shows it: {lab_id, row_key}.
std::pair<std::string, std::string> leadRow(HttpClient& http, const std::string& labName) {
    auto items = parse(http.get("/api/catalogue?q=" + enc("铅 大米")).body)->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
        auto o = items->getObject(static_cast<unsigned>(i));
        if (o->getValue<std::string>("lab_name") == labName) return {o->getValue<std::string>("lab_id"), o->getValue<std::string>("row_key")};
    }
    return {};
}

std::string base64(const std::string& bytes) {
    std::ostringstream out;
    Poco::Base64Encoder enc(out);
    enc.rdbuf()->setLineLength(0);
    enc << bytes;
    enc.close();
    return out.str();
}
}  // namespace

BOOST_AUTO_TEST_SUITE(portal)

BOOST_AUTO_TEST_CASE(an_sme_books_a_lab_that_was_offline_accepts_its_offer_talks_to_it_and_downloads_its_verified_report_and_no_one_else_sees_it) {
    Platform p;
    LabInstance lab("91440101MA5CXY001", "甲检测实验室");
    lab.enrol(p.url(), "440106");
    auto queue = parse(p.http.get("/api/platform/enrolments?state=pending", p.op).body)->getArray("items");
    BOOST_REQUIRE_EQUAL(queue->size(), 1u);
    ResultFixture::expect(200, p.http.request("POST", "/api/platform/enrolments/" + queue->getObject(0)->getValue<std::string>("id") + "/approve",
                                              "{}", json(p.op)));
    std::pair<std::string, std::string> row;
    BOOST_REQUIRE(waitFor([&] { return !(row = leadRow(p.http, "甲检测实验室")).first.empty(); }, std::chrono::seconds(20)));

    // Registration: the code comes by e-mail; one account per USCC; unverified users cannot book.
    const std::string sme = p.sme("he.li@example.com", "91440604MA4WAB123", false);
    auto again = p.http.request("POST", "/api/portal/accounts",
                                R"({"company_name":"冒名公司","uscc":")" + uscc("91440604MA4WAB123") +
                                    R"(","contact_name":"某人","phone":"13800138000","email":"other@example.com","password":"Sme-pw-123456"})",
                                {{"Content-Type", "application/json"}, {"Accept-Language", "zh-CN"}});
    BOOST_TEST(again.status == 400);
    BOOST_TEST(again.body.find(R"("field":"uscc")") != std::string::npos);
    BOOST_TEST(again.body.find("已由另一个平台账户注册") != std::string::npos);
    auto unverified = p.http.request("POST", "/api/portal/bookings", bookingBody(row.first, row.second), json(sme));
    BOOST_TEST(unverified.status == 403);
    BOOST_TEST(unverified.body.find("portal.not_verified") != std::string::npos);
    ResultFixture::expect(200, p.http.request("POST", "/api/portal/email/verify", R"({"code":")" + p.sink.codeFor("he.li@example.com") + "\"}", json(sme)));

    // The quote from the published price; the lab is down while the SME books, twice with one key.
    auto quote = parse(p.http.request("POST", "/api/portal/quote", bookingBody(row.first, row.second), json(sme)).body);
    BOOST_TEST(quote->getValue<std::string>("total") == "150.00");
    lab.server.kill9();
    auto headers = json(sme);
    headers["Idempotency-Key"] = "booking-1";
    auto first = p.http.request("POST", "/api/portal/bookings", bookingBody(row.first, row.second), headers);
    BOOST_REQUIRE_MESSAGE(first.status == 201, first.body);
    auto second = p.http.request("POST", "/api/portal/bookings", bookingBody(row.first, row.second), headers);
    BOOST_TEST(second.status == 201);
    const std::string id = parse(first.body)->getValue<std::string>("id");
    BOOST_TEST(parse(second.body)->getValue<std::string>("id") == id);
    BOOST_TEST(count(p.server, "SELECT COUNT(*) FROM plat_bookings") == 1);
    BOOST_TEST(p.status(sme, id) == "submitted");
    lab.server.restart();
    lab.http = lab.server.client();
    BOOST_REQUIRE(waitFor([&] { return p.status(sme, id) == "booked"; }, std::chrono::seconds(30)));
    const std::string order = p.booking(sme, id)->getValue<std::string>("order_code");
    auto booked = parse(lab.http.get("/api/platform/orders/" + order, lab.manager).body);
    BOOST_TEST(booked->getObject("account")->getValue<std::string>("uscc") == uscc("91440604MA4WAB123"));
    auto labOrder = parse(lab.http.get("/api/orders/" + order, lab.manager).body);
    BOOST_TEST(labOrder->getValue<std::string>("status") == "draft");
    BOOST_TEST(labOrder->getValue<std::string>("customer") == "企业AB123有限公司");

    // The lab reviews and offers a later due date; the SME accepts; the lab's order is accepted.
    ResultFixture::expect(200, lab.post("/api/orders/" + order + "/review", "{}", lab.http.get("/api/orders/" + order, lab.manager).header("ETag")));
    const std::string due = dayFromToday(25);
    ResultFixture::expect(200, lab.http.postJson("/api/platform/orders/" + order + "/offer", R"({"due_date":")" + due + R"(","note":"周期较长"})", lab.manager));
    BOOST_REQUIRE(waitFor([&] { return p.status(sme, id) == "offered"; }, std::chrono::seconds(20)));
    BOOST_TEST(p.booking(sme, id)->getObject("offer")->getValue<std::string>("due_date") == due);
    auto accepted = p.http.request("POST", "/api/portal/bookings/" + id + "/offer/accept", R"({"accept_outside_scope":[]})", json(sme));
    BOOST_REQUIRE_MESSAGE(accepted.status == 200, accepted.body);
    BOOST_REQUIRE(waitFor([&] { return p.status(sme, id) == "accepted"; }, std::chrono::seconds(20)));
    labOrder = parse(lab.http.get("/api/orders/" + order, lab.manager).body);
    BOOST_TEST(labOrder->getValue<std::string>("status") == "accepted");
    BOOST_TEST(labOrder->getValue<std::string>("due_date") == due);

    // Messages both ways, with an attachment; a question on a sample and its answer (R19).
    const std::string bytes = std::string("%PDF-1.4 照片\x01\x02", 18);
    auto sent = p.http.request("POST", "/api/portal/bookings/" + id + "/messages",
                               R"({"text":"请注意样品需冷藏","attachment":{"name":"说明.pdf","content_type":"application/pdf","data":")" + base64(bytes) + "\"}}",
                               json(sme));
    BOOST_REQUIRE_MESSAGE(sent.status == 201, sent.body);
    const std::string mid = parse(sent.body)->getValue<std::string>("id");
    BOOST_REQUIRE(waitFor([&] { return parse(lab.http.get("/api/platform/orders/" + order, lab.manager).body)->getArray("messages")->size() == 1; },
                          std::chrono::seconds(20)));
    BOOST_TEST(lab.http.get("/api/platform/orders/" + order + "/messages/" + mid + "/attachment?from=sme", lab.manager).body == bytes);
    ResultFixture::expect(201, lab.http.postJson("/api/platform/orders/" + order + "/messages", R"({"text":"已知悉"})", lab.manager));
    const std::string sampleCode = labOrder->getArray("samples")->getObject(0)->getValue<std::string>("code");
    ResultFixture::expect(201, lab.http.postJson("/api/platform/orders/" + order + "/questions",
                                                 R"({"sample_code":")" + sampleCode + R"(","deviation":"到样时包装轻微破损"})", lab.manager));
    BOOST_REQUIRE(waitFor([&] { return p.booking(sme, id)->getArray("questions")->size() == 1; }, std::chrono::seconds(20)));
    auto b = p.booking(sme, id);
    BOOST_TEST(b->getArray("messages")->size() == 2u);
    const std::string qid = b->getArray("questions")->getObject(0)->getValue<std::string>("id");
    ResultFixture::expect(200, p.http.request("POST", "/api/portal/bookings/" + id + "/questions/" + qid, R"({"decision":"proceed"})", json(sme)));
    BOOST_TEST(waitFor([&] {
        auto q = parse(lab.http.get("/api/platform/orders/" + order, lab.manager).body)->getArray("questions")->getObject(0);
        return q->optValue<std::string>("answer", "") == "proceed";
    }, std::chrono::seconds(20)));

    // Another SME, and another lab of the lab instance, see none of it.
    const std::string other = p.sme("someone@example.com", "91440604MA4WAB456");
    BOOST_TEST(p.http.get("/api/portal/bookings/" + id, other).status == 404);
    BOOST_TEST(p.http.get("/api/portal/bookings/" + id + "/messages/" + mid + "/attachment?from=sme", other).status == 404);
    BOOST_TEST(parse(p.http.get("/api/portal/bookings", other).body)->getArray("items")->size() == 0u);
    BOOST_TEST(p.http.request("POST", "/api/portal/bookings/" + id + "/disclosure", R"({"consent":true})", json(other)).status == 404);
    const std::string otherLab = OrderFixture::id(lab.http.postJson(
        "/api/organizations", R"({"kind":"lab","name":"丙实验室","uscc":")" + uscc("12440000455801239") + R"(","code":"BING"})", lab.admin));
    ResultFixture::expect(201, lab.http.postJson("/api/users", R"({"username":"bing.manager","display_name":"丙","password":"Bing-pw-123456","roles":["manager"],"org_id":")" +
                                                                   otherLab + "\"}", lab.admin));
    const std::string bing = lab.http.login("bing.manager", "Bing-pw-123456");
    BOOST_TEST(lab.http.get("/api/platform/orders/" + order, bing).status == 404);
    BOOST_TEST(parse(lab.http.get("/api/platform/orders", bing).body)->getArray("items")->size() == 0u);

    // The report: tested, issued; the signed PDF reaches the SME's account and verifies.
    lab.authorizeSigner(-1);
    const std::string signer = lab.http.login("signer", "Signer-pw-12345");
    lab.testOrder(order, "0.12");
    const auto issued = lab.issueReportFor(order, signer);
    const std::string number = issued->getValue<std::string>("number");
    BOOST_REQUIRE(waitFor([&] { return p.booking(sme, id)->getArray("reports")->size() == 1; }, std::chrono::seconds(20)));
    BOOST_TEST(p.status(sme, id) == "reported");
    auto pdf = p.http.get("/api/portal/bookings/" + id + "/reports/" + number, sme);
    BOOST_TEST(pdf.status == 200);
    BOOST_TEST(pdf.body.rfind("%PDF", 0) == 0u);
    BOOST_TEST(sha256Hex(pdf.body) == issued->getValue<std::string>("pdf_sha256"));
    BOOST_TEST(p.http.get("/api/portal/bookings/" + id + "/reports/" + number, other).status == 404);
    BOOST_REQUIRE(waitFor([&] { return p.http.get("/api/platform/verify?number=" + number).status == 200; }, std::chrono::seconds(20)));
    auto verified = parse(p.http.request("POST", "/api/platform/verify/pdf", pdf.body, {{"Content-Type", "application/pdf"}}).body);
    BOOST_TEST(verified->getValue<bool>("match"));
    // R38: the company shows on the verification only once the SME consents.
    BOOST_TEST(!parse(p.http.get("/api/platform/verify?number=" + number).body)->has("customer"));
    ResultFixture::expect(200, p.http.request("POST", "/api/portal/bookings/" + id + "/disclosure", R"({"consent":true})", json(sme)));
    BOOST_TEST(parse(p.http.get("/api/platform/verify?number=" + number).body)->getValue<std::string>("customer") == "企业AB123有限公司");

    // An amendment replaces the report on the SME's account, and the SME is told.
    auto amendment = lab.http.postJson("/api/reports/" + issued->getValue<std::string>("id") + "/amendments",
                                       R"({"reason":"委托单位名称更正","cause":"omission"})", lab.reviewer);
    ResultFixture::expect(201, amendment);
    ResultFixture::expect(200, lab.http.request("POST", "/api/reports/" + parse(amendment.body)->getValue<std::string>("id") + "/issue",
                                                R"({"password":"Signer-pw-12345"})", ResultFixture::headers(signer, amendment.header("ETag"))));
    BOOST_REQUIRE(waitFor([&] {
        auto reports = p.booking(sme, id)->getArray("reports");
        return reports->size() == 2 && reports->getObject(0)->getValue<std::string>("status") == "replaced";
    }, std::chrono::seconds(20)));
    b = p.booking(sme, id);
    auto current = b->getArray("reports")->getObject(1);
    BOOST_TEST(current->getValue<std::string>("number") == number + "-A1");
    BOOST_TEST(current->getValue<std::string>("status") == "current");
    BOOST_TEST(current->getValue<std::string>("amends") == number);
    auto events = b->getArray("events");
    BOOST_TEST(events->getObject(static_cast<unsigned>(events->size() - 1))->getValue<std::string>("kind") == "report_amended");
    BOOST_TEST(p.http.get("/api/portal/bookings/" + id + "/reports/" + number + "-A1", sme).body.rfind("%PDF", 0) == 0u);

    // A booking the SME withdraws before the offer: the lab's order is cancelled and the lab reads it as
    // cancelled by the customer, not declined by itself.
    auto withdrawn = p.http.request("POST", "/api/portal/bookings", bookingBody(row.first, row.second), json(sme));
    BOOST_REQUIRE_MESSAGE(withdrawn.status == 201, withdrawn.body);
    const std::string secondId = parse(withdrawn.body)->getValue<std::string>("id");
    BOOST_REQUIRE(waitFor([&] { return p.status(sme, secondId) == "booked"; }, std::chrono::seconds(20)));
    const std::string secondOrder = p.booking(sme, secondId)->getValue<std::string>("order_code");
    ResultFixture::expect(200, p.http.request("POST", "/api/portal/bookings/" + secondId + "/cancel", R"({"reason":"改期送样"})", json(sme)));
    BOOST_TEST(waitFor([&] {
        return parse(lab.http.get("/api/platform/orders/" + secondOrder, lab.manager).body)->getValue<std::string>("status") == "cancelled";
    }, std::chrono::seconds(20)));
    BOOST_TEST(parse(lab.http.get("/api/orders/" + secondOrder, lab.manager).body)->getValue<std::string>("status") == "cancelled");
    BOOST_TEST(p.status(sme, secondId) == "cancelled");
}

BOOST_AUTO_TEST_CASE(a_capability_that_left_the_catalogue_after_the_search_is_refused_with_the_reason_beside_its_item) {
    Platform p;
    const FakeLab lab = enrolFake(p.http, p.op, "南京示例检测所", "12320000466009876");
    const std::string standings =
        R"J("standings":[{"scheme":"CMA","number":"202619000777","status":"valid","valid_to":"2099-12-31"}])J";
    const std::string row = R"J({"row_key":"7","scheme":"CMA","site":"南京","category":"粮食及其制品","product":"大米","parameter":"铅(以Pb计)","standard":"GB 5009.12-2017","price":"150.00"})J";
    ResultFixture::expect(200, post(p.http, lab.envelope(1, kTypeCatalogue, R"J({"date":"2026-12-07",)J" + standings + R"J(,"rows":[)J" + row + "]}")));
    const std::string sme = p.sme("buyer@example.com", "91440604MA4WAB789");
    auto quoted = p.http.request("POST", "/api/portal/quote", bookingBody(lab.id, "7"), json(sme));
    BOOST_REQUIRE_MESSAGE(quoted.status == 200, quoted.body);
    // The lab withdraws the row (a new snapshot without it) before the SME submits.
    ResultFixture::expect(200, post(p.http, lab.envelope(2, kTypeCatalogue, R"J({"date":"2026-12-07",)J" + standings + R"J(,"rows":[]})J")));
    auto refused = p.http.request("POST", "/api/portal/bookings", bookingBody(lab.id, "7"), {{"Content-Type", "application/json"}, {"Accept-Language", "zh-CN"}, {"Authorization", "Bearer " + sme}});
    BOOST_TEST(refused.status == 400);
    BOOST_TEST(refused.body.find(R"("field":"samples[0].items[0]")") != std::string::npos);
    BOOST_TEST(refused.body.find("该检测能力已不在目录中") != std::string::npos);
    BOOST_TEST(count(p.server, "SELECT COUNT(*) FROM plat_bookings") == 0);
    BOOST_TEST(count(p.server, "SELECT COUNT(*) FROM plat_inbox WHERE type = 'booking.created'") == 0);
    // A wrong e-mail code counts; the fifth wrong one locks the code.
    const std::string late = p.sme("late@example.com", "91440604MA4WAB7A1", false);
    for (int i = 0; i < 5; ++i) {
        auto wrong = p.http.request("POST", "/api/portal/email/verify", R"({"code":"000000"})", json(late));
        BOOST_TEST(wrong.status == 400);
        if (i == 4) BOOST_TEST(wrong.body.find("portal.code_attempts") != std::string::npos);
    }
    auto right = p.http.request("POST", "/api/portal/email/verify", R"({"code":")" + p.sink.codeFor("late@example.com") + "\"}", json(late));
    BOOST_TEST(right.status == 400);  // locked: a new code is needed
}

BOOST_AUTO_TEST_SUITE_END()
