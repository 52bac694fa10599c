// Shared instruments (issue 16), against real assayd processes: two platform nodes on one
// database, and a lab instance sharing an instrument of its register.
//  - 32 clients booking one slot at once through both nodes: exactly one booking, the others 409;
//    a window past the calibration refused naming the day (R40); the member rate for a lab's user;
//  - a lab shares an instrument of its equipment register (its calibration due date goes with it),
//    a partner lab's user books it, the lab sees the booking through its inbox and closes it with
//    a service record; the sharing report counts it; another user's booking is 404.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <thread>

#include "PlatformFixture.hpp"

using namespace assay;
using namespace assay::test;
using namespace assay::test::platformtest;

namespace {
std::string allWeek() {
    std::string weekly;
    for (int d = 1; d <= 7; ++d) weekly += std::string(d > 1 ? "," : "") + R"({"weekday":)" + std::to_string(d) + R"(,"from":"00:00","to":"24:00"})";
    return weekly;
}

std::string instrumentCatalogue(const std::string& usableThrough) {
    return R"J({"date":"2026-12-07","standings":[{"scheme":"CMA","number":"202619000777","status":"valid","valid_to":"2099-12-31"}],"rows":[],)J"
           R"J("instruments":[{"key":"5","name":"电感耦合等离子体质谱仪","model":"iCAP RQ","location":"南京","usable_today":true,"usable_through":")J" +
           usableThrough + R"J(","terms":{"description":"ICP-MS 多元素分析","fees":{"per_hour":{"member":"80.00","non_member":"100.00"}},"weekly":[)J" +
           allWeek() + R"J(],"exceptions":[],"operated_by":"staff","approval_required":false}}]})J";
}

// A partner lab's user on the platform: returns its token (and the organization's id in orgId).
std::string partnerUser(HttpClient& http, const std::string& admin, const std::string& name, const std::string& first17,
                        std::string* orgId = nullptr) {
    const std::string org = OrderFixture::id(http.postJson("/api/organizations",
                                                           R"({"kind":"partner","name":")" + name + R"(","uscc":")" + uscc(first17) + "\"}", admin));
    const std::string user = "partner." + first17.substr(14);
    ResultFixture::expect(201, http.postJson("/api/users", R"({"username":")" + user + R"(","display_name":")" + name +
                                                               R"(用户","password":"Partner-pw-123","roles":["partner"],"org_id":")" + org + "\"}",
                                             admin));
    if (orgId) *orgId = org;
    return http.login(user, "Partner-pw-123");
}
}  // namespace

BOOST_AUTO_TEST_SUITE(instruments)

BOOST_AUTO_TEST_CASE(thirty_two_clients_booking_one_slot_through_two_platform_nodes_on_one_database_get_exactly_one_booking) {
    TestServer node1(std::map<std::string, std::string>{{"ASSAY_INSTANCE_ROLE", "platform"}});
    TestServer node2(std::map<std::string, std::string>{{"ASSAY_INSTANCE_ROLE", "platform"}, {"ASSAY_DB_URL", "sqlite:" + node1.dbPath()}});
    HttpClient http = node1.client();
    const std::string admin = http.login("admin", TestServer::adminPassword());
    const std::string op = operatorToken(http, admin);
    const FakeLab lab = enrolFake(http, op, "南京示例检测所", "12320000466009876");
    const std::string through = dayFromToday(20);
    ResultFixture::expect(200, post(http, lab.envelope(1, kTypeCatalogue, instrumentCatalogue(through))));
    std::string partnerOrg;
    const std::string partner = partnerUser(http, admin, "苏州伙伴检测有限公司", "91320500MA1XYW123", &partnerOrg);
    auto listed = parse(node2.client().get("/api/instruments?q=" + enc("质谱")).body)->getArray("items");
    BOOST_REQUIRE_EQUAL(listed->size(), 1u);
    const std::string path = "/api/instruments/" + lab.id + "/5";
    const std::string day = dayFromToday(3);
    const std::string body = R"({"date":")" + day + R"(","from":"09:00","to":"10:00","contract_ref":"共享合同 GX-2026-18"})";
    auto quote = parse(http.request("POST", path + "/quote", body, json(partner)).body);
    BOOST_TEST(quote->getValue<std::string>("fee") == "80.00");  // a lab's user pays the member rate

    std::atomic<int> created{0}, conflicts{0}, other{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < 32; ++i)
        clients.emplace_back([&, i] {
            HttpClient c = (i % 2 ? node2 : node1).client();
            const auto r = c.request("POST", path + "/bookings", body, json(partner));
            (r.status == 201 ? created : r.status == 409 ? conflicts : other)++;
        });
    for (auto& t : clients) t.join();
    BOOST_TEST(created.load() == 1);
    BOOST_TEST(conflicts.load() == 31);
    BOOST_TEST(other.load() == 0);
    BOOST_TEST(count(node1, "SELECT COUNT(*) FROM plat_instrument_bookings") == 1);
    BOOST_TEST(count(node1, "SELECT COUNT(*) FROM plat_instrument_slots") == 2);
    auto week = parse(http.get(path + "?week=" + day).body);
    BOOST_TEST(week->getArray("booked")->size() == 1u);
    BOOST_TEST(!week->getArray("booked")->getObject(0)->has("user_name"));  // the public calendar names no one

    // R40: a window after the calibration's last valid day is refused, naming that day.
    auto late = http.request("POST", path + "/bookings",
                             R"({"date":")" + dayFromToday(21) + R"(","from":"09:00","to":"10:00","contract_ref":"GX-2026-19"})",
                             {{"Content-Type", "application/json"}, {"Accept-Language", "zh-CN"}, {"Authorization", "Bearer " + partner}});
    BOOST_TEST(late.status == 422);
    BOOST_TEST(late.body.find("R40") != std::string::npos);
    BOOST_TEST(late.body.find(through) != std::string::npos);
    // A contract reference is required; half hours only.
    auto bad = http.request("POST", path + "/bookings", R"({"date":")" + day + R"(","from":"09:10","to":"10:00"})", json(partner));
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find(R"("field":"from")") != std::string::npos);

    // The partner lab's API key books like its users; another lab's user does not see the booking.
    auto key = http.postJson("/api/organizations/" + partnerOrg + "/api-keys", R"({"label":"共享仪器预约"})", admin);
    BOOST_REQUIRE(key.status == 201);
    const std::string secret = parse(key.body)->getValue<std::string>("key");
    auto byKey = node2.client().request("POST", path + "/bookings",
                                        R"({"date":")" + day + R"(","from":"13:00","to":"14:30","contract_ref":"GX-2026-21"})", json(secret));
    BOOST_REQUIRE_MESSAGE(byKey.status == 201, byKey.body);
    const std::string keyed = parse(byKey.body)->getValue<std::string>("id");
    BOOST_TEST(parse(byKey.body)->getValue<std::string>("fee") == "120.00");
    BOOST_TEST(http.get("/api/instrument-bookings/" + keyed, secret).status == 200);
    const std::string stranger = partnerUser(http, admin, "无锡伙伴检测有限公司", "91320200MA1XYW456");
    BOOST_TEST(http.get("/api/instrument-bookings/" + keyed, stranger).status == 404);
    BOOST_TEST(http.request("POST", "/api/instrument-bookings/" + keyed + "/cancel", R"({"reason":"x"})", json(stranger)).status == 404);
}

BOOST_AUTO_TEST_CASE(a_lab_shares_an_instrument_of_its_register_a_partner_books_it_and_the_lab_closes_it_with_a_service_record) {
    TestServer p(std::map<std::string, std::string>{{"ASSAY_INSTANCE_ROLE", "platform"}});
    HttpClient http = p.client();
    const std::string admin = http.login("admin", TestServer::adminPassword());
    const std::string op = operatorToken(http, admin);
    LabInstance lab("91440101MA5CXY001", "甲检测实验室");
    lab.enrol("http://127.0.0.1:" + std::to_string(p.port()), "440106");
    const std::string enrolment = parse(http.get("/api/platform/enrolments?state=pending", op).body)->getArray("items")->getObject(0)->getValue<std::string>("id");
    ResultFixture::expect(200, http.request("POST", "/api/platform/enrolments/" + enrolment + "/approve", "{}", json(op)));
    auto shared = lab.http.request("PUT", "/api/platform/instruments/" + lab.equipmentId,
                                   R"({"description":"石墨炉原子吸收","techniques":["GFAAS"],"fees":{"per_hour":{"non_member":"120.00"},"per_sample":{"non_member":"30.00"}},)"
                                   R"("weekly":[)" + allWeek() + R"(],"operated_by":"staff","approval_required":true})",
                                   json(lab.manager));
    BOOST_REQUIRE_MESSAGE(shared.status == 200, shared.body);
    Poco::JSON::Object::Ptr instrument;
    BOOST_REQUIRE(waitFor([&] {
        auto items = parse(http.get("/api/instruments").body)->getArray("items");
        if (items->size() != 1) return false;
        instrument = items->getObject(0);
        return true;
    }, std::chrono::seconds(20)));
    BOOST_TEST(instrument->getValue<std::string>("usable_through") == dayFromToday(300));  // the register's calibration due date
    const std::string path = "/api/instruments/" + instrument->getValue<std::string>("lab_id") + "/" + instrument->getValue<std::string>("key");
    const std::string partner = partnerUser(http, admin, "苏州伙伴检测有限公司", "91320500MA1XYW123");
    const std::string other = partnerUser(http, admin, "无锡伙伴检测有限公司", "91320200MA1XYW456");
    auto made = http.request("POST", path + "/bookings",
                             R"({"date":")" + dayFromToday(2) + R"(","from":"14:00","to":"16:00","samples":3,"contract_ref":"GX-2026-20"})", json(partner));
    BOOST_REQUIRE_MESSAGE(made.status == 201, made.body);
    const auto booking = parse(made.body);
    const std::string id = booking->getValue<std::string>("id");
    BOOST_TEST(booking->getValue<std::string>("status") == "requested");  // the lab approves each booking
    BOOST_TEST(booking->getValue<std::string>("fee") == "330.00");        // 2 h × 120 + 3 × 30
    BOOST_TEST(http.get("/api/instrument-bookings/" + id, other).status == 404);
    // The lab sees it through its inbox, approves, and closes it with the service record.
    BOOST_REQUIRE(waitFor([&] { return parse(lab.http.get("/api/platform/instrument-bookings", lab.manager).body)->getArray("items")->size() == 1; },
                          std::chrono::seconds(20)));
    ResultFixture::expect(200, lab.http.postJson("/api/platform/instrument-bookings/" + id + "/approve", "{}", lab.manager));
    BOOST_REQUIRE(waitFor([&] { return parse(http.get("/api/instrument-bookings/" + id, partner).body)->getValue<std::string>("status") == "confirmed"; },
                          std::chrono::seconds(20)));
    BOOST_REQUIRE(waitFor([&] {
        auto items = parse(lab.http.get("/api/platform/instrument-bookings", lab.manager).body)->getArray("items");
        return items->getObject(0)->getValue<std::string>("status") == "confirmed";
    }, std::chrono::seconds(20)));
    ResultFixture::expect(200, lab.http.postJson("/api/platform/instrument-bookings/" + id + "/service-record",
                                                 R"({"actual_from":"14:00","actual_to":"15:30","samples":3,"operator":"李明","consumables":"氩气"})",
                                                 lab.manager));
    BOOST_REQUIRE(waitFor([&] { return parse(http.get("/api/instrument-bookings/" + id, partner).body)->getValue<std::string>("status") == "completed"; },
                          std::chrono::seconds(20)));
    const std::string quarter = dayFromToday(2).substr(0, 4) + "Q" + std::to_string((std::stoi(dayFromToday(2).substr(5, 2)) - 1) / 3 + 1);
    auto report = parse(http.get("/api/platform/sharing-report?quarter=" + quarter, op).body)->getArray("items");
    BOOST_REQUIRE_EQUAL(report->size(), 1u);
    BOOST_TEST(report->getObject(0)->getValue<int>("completed") == 1);
    BOOST_TEST(report->getObject(0)->getValue<std::string>("income") == "330.00");
    BOOST_TEST(report->getObject(0)->getValue<double>("machine_hours") == 1.5);
    BOOST_TEST(report->getObject(0)->getValue<int>("lab_users") == 1);
    BOOST_TEST(http.get("/api/platform/sharing-report?quarter=" + quarter + "&format=xlsx", op).body.rfind("PK", 0) == 0u);
    BOOST_TEST(lab.http.get("/api/platform/instrument-report?quarter=" + quarter + "&format=xlsx", lab.manager).body.rfind("PK", 0) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
