// Equipment over HTTP: calibration due dates (R15), the out-of-tolerance impact NC (R16), the NC
// workflow, reference materials and the alerts dashboard.
#include <boost/test/unit_test.hpp>

#include "HttpFixture.hpp"
#include "assay/Clock.hpp"

using namespace assay::test;

namespace {
struct EquipmentFixture : HttpFixture {
    std::string manager;
    EquipmentFixture() : manager(userWithRole("manager")) {}
    std::map<std::string, std::string> ifMatch(const std::string& etag) {
        return {{"Authorization", "Bearer " + manager}, {"Content-Type", "application/json"}, {"If-Match", etag}};
    }
    // An AFS registered 400 days ago with a calibration performed `performedAgo` days ago, due in `dueIn` days.
    HttpResponse afsCalibrated(int performedAgo, int dueIn) {
        auto e = http.postJson("/api/equipment", R"({"asset_no":"EQ-002","name":"原子荧光光谱仪","equipment_type":"原子荧光光谱仪","in_service_from":")" +
                                                     dayFromToday(-400) + "\"}", manager);
        if (e.status != 201) throw std::runtime_error("setup: " + e.body);
        auto c = http.request("POST", e.header("Location") + "/calibrations",
                              R"({"kind":"calibration","certificate_no":"JL-1","provider":"省计量院","performed_on":")" + dayFromToday(-performedAgo) +
                                  R"(","due_on":")" + dayFromToday(dueIn) + R"(","result":"pass","as_found":"in_tolerance"})",
                              ifMatch(e.header("ETag")));
        if (c.status != 201) throw std::runtime_error("setup: " + c.body);
        c.headers["location"] = e.header("Location");
        return c;
    }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(equipment)

BOOST_AUTO_TEST_CASE(an_instrument_whose_calibration_was_due_yesterday_is_not_usable_today_R15) {
    EquipmentFixture f;
    auto c = f.afsCalibrated(365, -1);
    const std::string loc = c.header("location");
    auto today = parse(f.http.get(loc + "/usable", f.manager).body);
    BOOST_TEST(!today->getValue<bool>("usable"));
    BOOST_TEST(today->getValue<std::string>("rule") == "R15");
    BOOST_TEST(today->getValue<std::string>("policy") == "block");
    BOOST_TEST(today->getValue<std::string>("reason").find(dayFromToday(-1)) != std::string::npos);
    BOOST_TEST(parse(f.http.get(loc + "/usable?date=" + dayFromToday(-1), f.manager).body)->getValue<bool>("usable"));
    BOOST_TEST(f.http.get(loc + "/usable?date=yesterday", f.manager).status == 400);
    auto alerts = parse(f.http.get("/api/accreditation/alerts?within=30", f.manager).body)->getArray("items");
    BOOST_REQUIRE(alerts->size() == 1u);
    BOOST_TEST(alerts->getObject(0)->getValue<std::string>("kind") == "calibration_due");
    BOOST_TEST(alerts->getObject(0)->getValue<std::string>("level") == "overdue");
    BOOST_TEST(alerts->getObject(0)->getValue<int>("days_left") == -1);
}

BOOST_AUTO_TEST_CASE(an_out_of_tolerance_calibration_opens_an_nc_with_its_impact_window_R16) {
    EquipmentFixture f;
    auto c = f.afsCalibrated(100, 265);
    const std::string loc = c.header("location");
    auto oot = f.http.request("POST", loc + "/calibrations",
                              R"({"kind":"calibration","certificate_no":"JL-2","provider":"省计量院","performed_on":")" + dayFromToday(0) +
                                  R"(","due_on":")" + dayFromToday(365) + R"(","result":"pass","as_found":"out_of_tolerance","note":"示值误差超差, 已调整"})",
                              f.ifMatch(c.header("ETag")));
    BOOST_REQUIRE_MESSAGE(oot.status == 201, oot.body);
    auto body = parse(oot.body);
    BOOST_TEST(body->getValue<std::string>("impact_from") == dayFromToday(-100));
    auto nc = body->getObject("nonconformity");
    BOOST_REQUIRE(nc);
    BOOST_TEST(nc->getValue<std::string>("source") == "equipment");
    BOOST_TEST(nc->getValue<std::string>("status") == "open");
    BOOST_TEST(nc->getValue<std::string>("impact").find("R16") != std::string::npos);
    const std::string ncLoc = "/api/nonconformities/" + nc->getValue<std::string>("id");
    auto stored = f.http.get(ncLoc, f.manager);
    BOOST_REQUIRE(stored.status == 200);
    // The workflow goes action -> verify -> close, in that order only.
    auto early = f.http.request("POST", ncLoc + "/steps", R"({"step":"close","date":")" + dayFromToday(0) + R"(","text":"x"})",
                                f.ifMatch(stored.header("ETag")));
    BOOST_TEST(early.status == 409);
    BOOST_TEST(early.body.find(R"("allowed":["action"])") != std::string::npos, early.body);
    auto action = f.http.request("POST", ncLoc + "/steps",
                                 R"({"step":"action","date":")" + dayFromToday(0) + R"(","text":"复测受影响样品"})", f.ifMatch(stored.header("ETag")));
    BOOST_REQUIRE_MESSAGE(action.status == 200, action.body);
    BOOST_TEST(parse(action.body)->getValue<std::string>("status") == "action_taken");
    auto open = parse(f.http.get("/api/accreditation/alerts", f.manager).body)->getArray("open_nonconformities");
    BOOST_TEST(open->size() == 1u);
}

BOOST_AUTO_TEST_CASE(setting_an_instrument_out_of_service_makes_it_unusable_from_that_date_and_opens_an_nc) {
    EquipmentFixture f;
    auto c = f.afsCalibrated(30, 300);
    auto off = f.http.request("POST", c.header("location") + "/status",
                              R"({"status":"out_of_service","effective_date":")" + dayFromToday(0) + R"(","reason":"灯故障"})",
                              f.ifMatch(c.header("ETag")));
    BOOST_REQUIRE_MESSAGE(off.status == 200, off.body);
    auto body = parse(off.body);
    BOOST_TEST(!body->getObject("usable_today")->getValue<bool>("usable"));
    BOOST_TEST(!body->isNull("nonconformity"));
    BOOST_TEST(parse(f.http.get(c.header("location") + "/usable?date=" + dayFromToday(-1), f.manager).body)->getValue<bool>("usable"));
    auto again = f.http.request("POST", c.header("location") + "/status",
                                R"({"status":"out_of_service","effective_date":")" + dayFromToday(0) + R"(","reason":"x"})",
                                f.ifMatch(off.header("ETag")));
    BOOST_TEST(again.status == 409);
    BOOST_TEST(f.http.request("POST", c.header("location") + "/status",
                              R"({"status":"retired","effective_date":")" + dayFromToday(0) + R"(","reason":"报废"})",
                              f.ifMatch(off.header("ETag"))).status == 200);
}

BOOST_AUTO_TEST_CASE(an_instrument_in_service_is_set_out_of_service_before_it_is_retired_R16) {
    EquipmentFixture f;
    auto c = f.afsCalibrated(30, 300);
    auto retire = f.http.request("POST", c.header("location") + "/status",
                                 R"({"status":"retired","effective_date":")" + dayFromToday(0) + R"(","reason":"报废"})",
                                 f.ifMatch(c.header("ETag")));
    BOOST_TEST(retire.status == 409);
    BOOST_TEST(retire.body.find(R"("allowed":["out_of_service"])") != std::string::npos, retire.body);
}

BOOST_AUTO_TEST_CASE(equipment_input_names_every_bad_field_and_stores_nothing) {
    EquipmentFixture f;
    auto c = f.afsCalibrated(30, 300);
    auto bad = f.http.request("POST", c.header("location") + "/calibrations",
                              R"({"kind":"guess","certificate_no":"","provider":"x","performed_on":")" + dayFromToday(3) +
                                  R"(","due_on":"2020-01-01","result":"ok","as_found":"fine"})",
                              f.ifMatch(c.header("ETag")));
    BOOST_TEST(bad.status == 400);
    for (const char* field : {R"("field":"kind")", R"("field":"certificate_no")", R"("field":"performed_on")", R"("field":"due_on")",
                              R"("field":"result")", R"("field":"as_found")"})
        BOOST_TEST(bad.body.find(field) != std::string::npos, field << " missing in " << bad.body);
    BOOST_TEST(parse(f.http.get(c.header("location"), f.manager).body)->getArray("calibrations")->size() == 1u);
    BOOST_TEST(f.http.postJson("/api/equipment", R"({"asset_no":"EQ-002","name":"x","equipment_type":"y","in_service_from":"2024-01-01"})",
                               f.manager).status == 409);
    auto rm = f.http.postJson("/api/reference-materials", R"({"name":"大米粉","lot_no":"GBW10045a","certified_value":0.29,"expires_on":"2027-02-30"})",
                              f.manager);
    BOOST_TEST(rm.status == 400);
    BOOST_TEST(rm.body.find(R"("field":"certified_value")") != std::string::npos);
    BOOST_TEST(f.http.postJson("/api/equipment", R"({"asset_no":"EQ-9"})", f.userWithRole("technician")).status == 403);
}

BOOST_AUTO_TEST_CASE(the_r16_nc_and_a_refused_status_read_in_chinese_with_their_codes) {
    EquipmentFixture f;
    auto c = f.afsCalibrated(30, 300);
    auto zh = [&](const std::string& etag) {
        auto h = f.ifMatch(etag);
        h["Accept-Language"] = "zh-CN";
        return h;
    };
    auto bad = f.http.request("POST", c.header("location") + "/status",
                              R"({"status":"broken","effective_date":")" + dayFromToday(0) + R"(","reason":"灯故障"})", zh(c.header("ETag")));
    BOOST_REQUIRE_EQUAL(bad.status, 400);
    auto problem = parse(bad.body)->getArray("errors")->getObject(0);
    BOOST_TEST(problem->getValue<std::string>("field") == "status");
    BOOST_TEST(problem->getValue<std::string>("code") == "equipment.status_invalid");
    BOOST_TEST(problem->getValue<std::string>("problem") == "应为在用、停用或报废");

    auto off = f.http.request("POST", c.header("location") + "/status",
                              R"({"status":"out_of_service","effective_date":")" + dayFromToday(0) + R"(","reason":"灯故障"})", zh(c.header("ETag")));
    BOOST_REQUIRE_MESSAGE(off.status == 200, off.body);
    auto nc = parse(off.body)->getObject("nonconformity");
    BOOST_REQUIRE(nc);
    // Stored as its message: each reader sees it in their language, whoever opened it.
    BOOST_TEST(nc->getValue<std::string>("description") == "原子荧光光谱仪 (EQ-002)：自 " + dayFromToday(0) + " 起停用（灯故障）");
    BOOST_TEST(nc->getValue<std::string>("impact").find("须进行影响评估（R16）") != std::string::npos, nc->getValue<std::string>("impact"));
    auto en = parse(f.http.get("/api/nonconformities/" + nc->getValue<std::string>("id"), f.manager).body);
    BOOST_TEST(en->getValue<std::string>("description") == "原子荧光光谱仪 (EQ-002): set out of service from " + dayFromToday(0) + " (灯故障)");
    BOOST_TEST(en->getValue<std::string>("impact") ==
               "0 result(s) and 0 report(s) tested since the last good calibration or check on " + dayFromToday(-30) + " up to " +
                   dayFromToday(0) + " need an impact assessment (R16)");

    auto again = f.http.request("POST", c.header("location") + "/status",
                                R"({"status":"in_service","effective_date":")" + dayFromToday(-5) + R"(","reason":"修复"})", zh(off.header("ETag")));
    BOOST_REQUIRE_EQUAL(again.status, 400);
    auto late = parse(again.body)->getArray("errors")->getObject(0);
    BOOST_TEST(late->getValue<std::string>("code") == "equipment.before_last_status");
    BOOST_TEST(late->getValue<std::string>("problem") == "不能早于上一次状态变更的日期（" + dayFromToday(0) + "）", again.body);
}

BOOST_AUTO_TEST_SUITE_END()
