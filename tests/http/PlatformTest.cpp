// The platform and the lab-platform link (issue 14, PLATFORM.md), against real assayd processes:
// one platform instance and lab instances, each with its own database, on 127.0.0.1.
//  - the feed's rules on a platform alone, with envelopes signed by a key the test holds: applied
//    once and in order, a held seq applied when its predecessor comes, a duplicate answered as
//    success, a replay with other content, a bad signature, an unknown lab and a lab not approved
//    refused and logged; a suspension removing a lab's rows in the same message; verification by
//    number, code and PDF bytes, an amendment superseding its original;
//  - two labs enrolling over the link, their catalogues, a suspension and an issued and withdrawn
//    report arriving, and every message applied exactly once across kill -9 of a lab while it
//    delivers and of the platform while it applies.
#include <boost/test/unit_test.hpp>

#include "PlatformFixture.hpp"

using namespace assay;
using namespace assay::test;
using namespace assay::platform;
using namespace assay::test::platformtest;

namespace {
std::string catalogue(const std::string& cnasStatus, const std::string& product = "大米") {
    return R"J({"date":"2026-12-07","turnaround_days":5,"standings":[{"scheme":"CMA","number":"202619000777","status":"valid","valid_to":"2099-12-31"},)J"
           R"J({"scheme":"CNAS","number":"CNAS L7777","status":")J" + cnasStatus + R"J(","valid_to":"2099-12-31"}],"rows":[)J"
           R"J({"row_key":"1","scheme":"CMA","site":"南京","category":"粮食及其制品","product":")J" + product +
           R"J(","parameter":"铅(以Pb计)","parameter_en":"Lead (as Pb)","standard":"GB 5009.12-2017","price":"150.00"},)J"
           R"J({"row_key":"2","scheme":"CNAS","site":"南京","category":"粮食及其制品","product":")J" + product +
           R"J(","parameter":"铅(以Pb计)","parameter_en":"Lead (as Pb)","standard":"GB 5009.12-2017","price":"150.00"}]})J";
}
}  // namespace

BOOST_AUTO_TEST_SUITE(platform)

BOOST_AUTO_TEST_CASE(each_message_of_a_lab_is_applied_once_in_order_and_forged_replayed_or_unknown_ones_are_refused_and_logged) {
    TestServer p(std::map<std::string, std::string>{{"ASSAY_INSTANCE_ROLE", "platform"}});
    HttpClient http = p.client();
    const std::string admin = http.login("admin", TestServer::adminPassword());
    const std::string op = operatorToken(http, admin);
    const FakeLab lab = enrolFake(http, op, "南京示例检测所", "12320000466009876");

    auto first = post(http, lab.envelope(1, kTypeCatalogue, catalogue("valid")));
    BOOST_REQUIRE_MESSAGE(first.status == 200, first.body);
    BOOST_TEST(parse(first.body)->getValue<std::string>("status") == "applied");
    BOOST_TEST(search(http, "q=" + enc("铅 大米")).size() == 2u);
    // The same message again (a lost acknowledgement): success, so the lab stops resending, and nothing changes.
    auto again = post(http, lab.envelope(1, kTypeCatalogue, catalogue("valid")));
    BOOST_TEST(again.status == 200);
    BOOST_TEST(parse(again.body)->getValue<std::string>("status") == "duplicate");
    // The same seq with other content: a replay, refused.
    auto replay = post(http, lab.envelope(1, kTypeCatalogue, catalogue("valid", "小麦粉")));
    BOOST_TEST(replay.status == 409);
    BOOST_TEST(search(http, "q=" + enc("小麦粉")).empty());
    // seq 3 before 2: held, then applied with 2, in order (3 suspends CNAS after 2 lists 小麦粉).
    auto early = post(http, lab.envelope(3, kTypeCatalogue, catalogue("suspended", "小麦粉")));
    BOOST_TEST(early.status == 202);
    BOOST_TEST(parse(early.body)->getValue<std::string>("status") == "held");
    BOOST_TEST(search(http, "q=" + enc("小麦粉")).empty());
    auto second = post(http, lab.envelope(2, kTypeCatalogue, catalogue("valid", "小麦粉")));
    BOOST_TEST(second.status == 200);
    BOOST_TEST(parse(second.body)->getValue<Poco::Int64>("applied_through") == 3);
    // The CNAS suspension of seq 3 took the CNAS row away in its own transaction; CMA stays.
    BOOST_TEST((search(http, "q=" + enc("小麦粉")) == std::vector<std::string>{"南京示例检测所|小麦粉|CMA"}));
    BOOST_TEST(search(http, "q=" + enc("小麦粉") + "&scheme=CNAS").empty());
    BOOST_TEST(count(p, "SELECT COUNT(*) FROM plat_feed_applied") == 3);
    BOOST_TEST(count(p, "SELECT COUNT(*) FROM plat_feed_held") == 0);

    // Forged: another key signs under the lab's key id.
    const NewInstanceKey other = generateInstanceKey(kPass);
    Envelope forged = lab.envelope(4, kTypeReport, R"({"number":"X-1","status":"issued"})");
    forged.signature = signBase64(other.encryptedPrivatePem, kPass, signedText(forged));
    BOOST_TEST(post(http, forged).status == 401);
    // Signed, then changed.
    Envelope changed = lab.envelope(4, kTypeReport, R"({"number":"X-1","status":"issued"})");
    changed.body->set("number", std::string("X-2"));
    BOOST_TEST(post(http, changed).status == 401);
    // An unknown lab, and a lab that is not approved.
    FakeLab ghost = lab;
    ghost.id = "123456789";
    BOOST_TEST(post(http, ghost.envelope(1, kTypeReport, R"({"number":"X-1","status":"issued"})")).status == 404);
    const FakeLab pending = enrolFake(http, op, "待审机构", "12320000466005555", false);
    BOOST_TEST(post(http, pending.envelope(1, kTypeReport, R"({"number":"X-1","status":"issued"})")).status == 403);
    BOOST_TEST(http.request("POST", "/api/platform/feed", R"({"lab":"1"})", json()).status == 400);
    BOOST_TEST(count(p, "SELECT COUNT(*) FROM plat_feed_applied") == 3);  // none of them took effect
    for (const char* reason : {"duplicate", "replay_conflict", "bad_signature", "unknown_lab", "not_approved", "malformed"})
        BOOST_TEST(count(p, std::string("SELECT COUNT(*) FROM plat_feed_refusals WHERE reason = '") + reason + "'") >= 1, reason);
    BOOST_TEST(p.log().find("platform.feed_refused") != std::string::npos);

    // A batch of one lab's envelopes in one request: applied in one transaction, each by the same
    // rules; refused whole when one of them fails its signature or belongs to another lab.
    auto batchOf = [&](const std::vector<Envelope>& es) {
        std::string body = R"({"envelopes":[)";
        for (std::size_t i = 0; i < es.size(); ++i) body += (i ? "," : "") + wireJson(es[i]);
        return http.request("POST", "/api/platform/feed", body + "]}", json());
    };
    const std::string rec = R"({"number":"NJ-1","status":"issued"})";
    Envelope bad = lab.envelope(6, kTypeReport, rec);
    bad.signature = signBase64(other.encryptedPrivatePem, kPass, signedText(bad));
    BOOST_TEST(batchOf({lab.envelope(4, kTypeReport, rec), bad}).status == 401);
    BOOST_TEST(count(p, "SELECT COUNT(*) FROM plat_feed_applied") == 3);  // not even seq 4
    BOOST_TEST(batchOf({lab.envelope(4, kTypeReport, rec), pending.envelope(5, kTypeReport, rec)}).status == 400);
    auto batch = batchOf({lab.envelope(3, kTypeCatalogue, catalogue("suspended", "小麦粉")), lab.envelope(4, kTypeReport, rec),
                          lab.envelope(6, kTypeReport, rec),
                          lab.envelope(5, kTypeReport, rec)});
    BOOST_REQUIRE_MESSAGE(batch.status == 200, batch.body);
    BOOST_TEST(parse(batch.body)->getValue<Poco::Int64>("applied_through") == 6);
    auto results = parse(batch.body)->getArray("results");
    BOOST_TEST(results->getElement<std::string>(0) == "duplicate");  // seq 3 again, with the content it was applied with
    BOOST_TEST(results->getElement<std::string>(1) == "applied");
    BOOST_TEST(results->getElement<std::string>(2) == "held");
    BOOST_TEST(results->getElement<std::string>(3) == "applied");
    BOOST_TEST(count(p, "SELECT COUNT(*) FROM plat_feed_applied") == 6);
    BOOST_TEST(http.request("POST", "/api/platform/feed", R"({"envelopes":[]})", json()).status == 400);
}

BOOST_AUTO_TEST_CASE(the_platform_verifies_a_report_by_number_code_or_pdf_and_an_amendment_supersedes_its_original) {
    TestServer p(std::map<std::string, std::string>{{"ASSAY_INSTANCE_ROLE", "platform"}});
    HttpClient http = p.client();
    const std::string op = operatorToken(http, http.login("admin", TestServer::adminPassword()));
    const FakeLab lab = enrolFake(http, op, "南京示例检测所", "12320000466009876");
    const std::string pdf = "%PDF-1.7 the report's bytes";
    const std::string sha = sha256Hex(pdf);
    BOOST_TEST(post(http, lab.envelope(1, kTypeReport, R"({"number":"NJ-R2026000001","verification_code":"ABCDEFGHJKLMNPQR","status":"issued",)"
                                                       R"("issue_date":"2026-12-07","pdf_sha256":")" + sha + R"("})")).status == 200);
    auto byNumber = http.get("/api/platform/verify?number=NJ-R2026000001");
    BOOST_REQUIRE_EQUAL(byNumber.status, 200);
    BOOST_TEST(parse(byNumber.body)->getValue<std::string>("status") == "valid");
    BOOST_TEST(parse(byNumber.body)->getValue<std::string>("lab_name") == "南京示例检测所");
    BOOST_TEST(byNumber.body.find("customer") == std::string::npos);  // R38: nothing of the customer crosses
    BOOST_TEST(parse(http.get("/api/platform/verify?code=ABCDEFGHJKLMNPQR").body)->getValue<std::string>("pdf_sha256") == sha);
    auto upload = http.request("POST", "/api/platform/verify/pdf", pdf, {{"Content-Type", "application/pdf"}});
    BOOST_TEST(parse(upload.body)->getValue<bool>("match"));
    auto forgedPdf = http.request("POST", "/api/platform/verify/pdf", pdf + " ", {{"Content-Type", "application/pdf"}});
    BOOST_TEST(!parse(forgedPdf.body)->getValue<bool>("match"));
    BOOST_TEST(post(http, lab.envelope(2, kTypeReport, R"({"number":"NJ-R2026000001-A1","status":"issued","issue_date":"2026-12-08",)"
                                                       R"("amends":"NJ-R2026000001"})")).status == 200);
    auto original = parse(http.get("/api/platform/verify?number=NJ-R2026000001").body);
    BOOST_TEST(original->getValue<std::string>("status") == "superseded");
    BOOST_TEST(original->getValue<std::string>("superseded_by") == "NJ-R2026000001-A1");
    BOOST_TEST(post(http, lab.envelope(3, kTypeReport, R"({"number":"NJ-R2026000001-A1","status":"withdrawn"})")).status == 200);
    BOOST_TEST(parse(http.get("/api/platform/verify?number=NJ-R2026000001-A1").body)->getValue<std::string>("status") == "withdrawn");
    BOOST_TEST(http.get("/api/platform/verify?number=NOPE").status == 404);
    BOOST_TEST(http.get("/api/platform/verify").status == 400);
}

BOOST_AUTO_TEST_CASE(the_catalogue_matches_one_and_two_character_chinese_words_and_standards_with_or_without_the_edition) {
    TestServer p(std::map<std::string, std::string>{{"ASSAY_INSTANCE_ROLE", "platform"}});
    HttpClient http = p.client();
    const std::string op = operatorToken(http, http.login("admin", TestServer::adminPassword()));
    const FakeLab lab = enrolFake(http, op, "南京示例检测所", "12320000466009876");
    BOOST_REQUIRE(post(http, lab.envelope(1, kTypeCatalogue, catalogue("valid"))).status == 200);
    BOOST_TEST(search(http, "q=" + enc("铅")).size() == 2u);
    BOOST_TEST(search(http, "q=" + enc("大米")).size() == 2u);
    BOOST_TEST(search(http, "q=" + enc("米")).size() == 2u);
    BOOST_TEST(search(http, "q=" + enc("镉")).empty());
    BOOST_TEST(search(http, "q=" + enc("GB 5009.12")).size() == 2u);
    BOOST_TEST(search(http, "q=" + enc("GB 5009.12-2017")).size() == 2u);
    BOOST_TEST(search(http, "q=" + enc("GB 5009.12-2023")).empty());
    BOOST_TEST(search(http, "q=" + enc("GB 5009.1")).empty());
    BOOST_TEST(search(http, "q=" + enc("lead rice")).empty());  // English names of the product are not known here
    BOOST_TEST(search(http, "q=lead").size() == 2u);
    BOOST_TEST(search(http, "q=" + enc("铅") + "&region=320000").size() == 2u);
    BOOST_TEST(search(http, "q=" + enc("铅") + "&region=440000").empty());
    BOOST_TEST(search(http, "q=" + enc("铅") + "&max_price=149.99").empty());
    BOOST_TEST(search(http, "q=" + enc("铅") + "&max_price=150&max_days=5").size() == 2u);
    BOOST_TEST(search(http, "q=" + enc("铅") + "&max_days=4").empty());
    BOOST_TEST(search(http, "q=" + enc("铅") + "&limit=1").size() == 1u);  // keyset pages
    auto page1 = parse(http.get("/api/catalogue?q=" + enc("铅") + "&limit=1").body);
    auto page2 = parse(http.get("/api/catalogue?q=" + enc("铅") + "&limit=1&cursor=" + page1->getValue<std::string>("next_cursor")).body);
    BOOST_TEST(page2->getArray("items")->size() == 1u);
    BOOST_TEST(page2->getArray("items")->getObject(0)->getValue<std::string>("row_id") !=
               page1->getArray("items")->getObject(0)->getValue<std::string>("row_id"));
    auto bad = http.request("GET", "/api/catalogue?scheme=XYZ&region=12&max_price=abc", "", {{"Accept-Language", "zh-CN"}});
    BOOST_TEST(bad.status == 400);
    for (const char* field : {"scheme", "region", "max_price"}) BOOST_TEST(bad.body.find(std::string("\"field\":\"") + field + "\"") != std::string::npos);
    BOOST_TEST(bad.body.find("必须是 CMA 或 CNAS") != std::string::npos);  // in the reader's language
    // A query is at most 100 characters, counted as characters, not bytes.
    auto longQuery = http.get("/api/catalogue?q=" + std::string(101, 'a'));
    BOOST_TEST(longQuery.status == 400);
    BOOST_TEST(longQuery.body.find(R"("field":"q")") != std::string::npos);
    std::string hundred;
    for (int i = 0; i < 100; ++i) hundred += "铅";
    BOOST_TEST(http.get("/api/catalogue?q=" + enc(hundred)).status == 200);
    auto page = parse(http.get("/api/catalogue/labs/" + lab.id).body);
    BOOST_TEST(page->getObject("lab")->getValue<std::string>("cnas_status") == "valid");
    BOOST_TEST(page->getArray("rows")->size() == 2u);
}

namespace {
std::vector<std::string> labsFound(HttpClient& http, const std::string& query) {
    std::vector<std::string> labs;
    for (const auto& row : search(http, query)) {
        const std::string lab = row.substr(0, row.find('|'));
        if (std::find(labs.begin(), labs.end(), lab) == labs.end()) labs.push_back(lab);
    }
    std::sort(labs.begin(), labs.end());
    return labs;
}
}  // namespace

BOOST_AUTO_TEST_CASE(two_lab_instances_reach_the_platform_and_every_message_is_applied_exactly_once_across_kill_9_of_either_side) {
    TestServer p(std::map<std::string, std::string>{{"ASSAY_INSTANCE_ROLE", "platform"}});
    HttpClient http = p.client();
    const std::string op = operatorToken(http, http.login("admin", TestServer::adminPassword()));
    const std::string url = "http://127.0.0.1:" + std::to_string(p.port());
    LabInstance a("91440101MA5CXY001", "甲检测实验室");
    LabInstance b("91320100MA1MXY002", "乙检测实验室");
    a.enrol(url, "440106");
    b.enrol(url, "320106");
    // A lab that is not approved sends nothing: its catalogue waits.
    BOOST_TEST(a.link()->getValue<std::string>("state") == "requested");
    auto queue = parse(http.get("/api/platform/enrolments?state=pending", op).body)->getArray("items");
    BOOST_REQUIRE_EQUAL(queue->size(), 2u);
    for (std::size_t i = 0; i < queue->size(); ++i)
        ResultFixture::expect(200, http.request("POST", "/api/platform/enrolments/" + queue->getObject(static_cast<unsigned>(i))->getValue<std::string>("id") +
                                                            "/approve", "{}", json(op)));
    // The decision reaches each lab through its inbox; each then publishes its catalogue.
    const std::vector<std::string> both{"乙检测实验室", "甲检测实验室"};
    BOOST_TEST(waitFor([&] { return labsFound(http, "q=" + enc("铅 大米")) == both; }, std::chrono::seconds(20)));
    BOOST_TEST(a.link()->getValue<std::string>("state") == "approved");

    // A suspension in lab A removes its rows.
    auto quals = parse(a.http.get("/api/qualifications", a.manager).body)->getArray("items");
    const std::string qid = quals->getObject(0)->getValue<std::string>("id");
    auto q = a.http.get("/api/qualifications/" + qid, a.manager);
    ResultFixture::expect(200, a.http.request("POST", "/api/qualifications/" + qid + "/events",
                                              R"({"kind":"suspend","effective_date":")" + dayFromToday(0) + R"(","reason":"监督检查发现问题"})",
                                              ResultFixture::headers(a.manager, q.header("ETag"))));
    BOOST_TEST(waitFor([&] { return labsFound(http, "q=" + enc("铅 大米")) == std::vector<std::string>{"乙检测实验室"}; }, std::chrono::seconds(20)));

    // An issued report of lab B, then withdrawn, verifies on the platform.
    std::string signer, order;
    const auto issued = b.issuedReport(signer, order);
    const std::string number = issued->getValue<std::string>("number");
    BOOST_TEST(waitFor([&] { return http.get("/api/platform/verify?number=" + number).status == 200; }, std::chrono::seconds(20)));
    auto record = parse(http.get("/api/platform/verify?number=" + number).body);
    BOOST_TEST(record->getValue<std::string>("status") == "valid");
    BOOST_TEST(record->getValue<std::string>("pdf_sha256") == issued->getValue<std::string>("pdf_sha256"));
    const std::string reportId = issued->getValue<std::string>("id");
    auto now = b.http.get("/api/reports/" + reportId, b.manager);
    ResultFixture::expect(200, b.http.request("POST", "/api/reports/" + reportId + "/withdraw", R"({"reason":"委托方撤销委托","password":"Signer-pw-12345"})",
                                              ResultFixture::headers(signer, now.header("ETag"))));
    BOOST_TEST(waitFor([&] { return parse(http.get("/api/platform/verify?number=" + number).body)->getValue<std::string>("status") == "withdrawn"; },
                       std::chrono::seconds(20)));

    // A scope change in lab B (an expansion: cadmium in rice) arrives on the platform.
    BOOST_TEST(labsFound(http, "q=" + enc("镉")).empty());
    const std::string cdStandard = parse(b.http.get("/api/register/methods/" + b.cadmiumMethod, b.manager).body)->getValue<std::string>("standard_id");
    ResultFixture::expect(201, b.http.postJson("/api/scope/changes",
                                               R"({"kind":"expansion","scheme":"CMA","effective_date":")" + dayFromToday(0) +
                                                   R"(","reason":"扩项","rows":[{"site":"天河实验室","category":"粮食及其制品","product":"大米","parameter_id":")" +
                                                   b.cadmium + R"(","standard_id":")" + cdStandard + R"("}]})",
                                               b.manager));
    BOOST_TEST(waitFor([&] { return labsFound(http, "q=" + enc("镉 大米")) == std::vector<std::string>{"乙检测实验室"}; }, std::chrono::seconds(20)));

    // Key rotation: the new key signs what follows (announced by the old one); a resend from seq 1
    // re-delivers everything, signed by the key of each seq, and the platform applies none twice.
    const std::string oldKey = a.link()->getArray("keys")->getObject(0)->getValue<std::string>("key_id");
    ResultFixture::expect(200, a.http.postJson("/api/platform/link/keys", "{}", a.manager));
    const auto keys = a.link()->getArray("keys");
    BOOST_REQUIRE_EQUAL(keys->size(), 2u);
    BOOST_TEST(keys->getObject(0)->getValue<std::string>("key_id") != oldKey);
    BOOST_TEST(keys->getObject(0)->getValue<Poco::Int64>("from_seq") > 0);
    ResultFixture::expect(200, a.http.postJson("/api/platform/link/publish", "{}", a.manager));
    BOOST_TEST(a.drained());
    BOOST_TEST(count(p, "SELECT COUNT(*) FROM plat_lab_keys k JOIN plat_labs l ON l.id = k.lab_ref WHERE l.name = '甲检测实验室'") == 2);
    const long long appliedBefore = count(p, "SELECT COUNT(*) FROM plat_feed_applied");
    auto resent = a.http.postJson("/api/platform/link/resend", R"({"from_seq":1})", a.manager);
    ResultFixture::expect(200, resent);
    BOOST_TEST(parse(resent.body)->getValue<Poco::Int64>("requeued") >= 3);
    BOOST_TEST(a.drained());
    BOOST_TEST(count(p, "SELECT COUNT(*) FROM plat_feed_applied") == appliedBefore);  // duplicates, answered and ignored
    BOOST_TEST(count(p, "SELECT COUNT(*) FROM plat_feed_refusals WHERE reason IN ('bad_signature', 'unknown_key')") == 0);

    // kill -9 of lab A while it delivers a burst, then of the platform while it applies one.
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < 25; ++i) ResultFixture::expect(200, a.http.postJson("/api/platform/link/publish", "{}", a.manager));
        if (round == 0) {
            a.server.kill9();
            a.server.restart();
            a.http = a.server.client();  // a new port; the manager's session is in the database and stays
        } else {
            const int port = p.port();
            p.kill9();
            p.restart({{"ASSAY_HTTP_PORT", std::to_string(port)}});
        }
        BOOST_TEST(a.drained());
    }
    // Every message of A exactly once: the platform applied 1..last with no gap, none twice.
    const long long last = a.link()->getObject("outbox")->getValue<Poco::Int64>("last_seq");
    BOOST_TEST(last >= 52);
    BOOST_TEST(count(p, "SELECT MAX(applied_seq) FROM plat_labs WHERE name = '甲检测实验室'") == last);
    BOOST_TEST(count(p, "SELECT COUNT(*) FROM plat_feed_applied f JOIN plat_labs l ON l.id = f.lab_ref WHERE l.name = '甲检测实验室'") == last);
    BOOST_TEST(count(p, "SELECT COUNT(DISTINCT seq) FROM plat_feed_applied f JOIN plat_labs l ON l.id = f.lab_ref WHERE l.name = '甲检测实验室'") == last);
    BOOST_TEST(count(p, "SELECT COUNT(*) FROM plat_feed_held") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
