// One transaction per use case (issue 12): a failure injected at each step of order creation,
// report issue and capture acceptance leaves nothing half-done. The real assayd runs with
// ASSAY_TEST_FAULT=<point> (assay/Faults.hpp), which makes the named step throw; each test then
// looks through the API for anything the failed request left behind (an order, a sample, a
// number drawn, a nonconformity, an accepted reading without its result) and finally runs the
// same use case without the fault, proving the numbers it draws have no gap.
#include <boost/test/unit_test.hpp>

#include "ReportFixture.hpp"
#include "ResultFixture.hpp"

using namespace assay::test;

namespace {

// Restarts the fixture's server with the fault points armed ("" to disarm) and points its client
// at the new port (the sessions are in the database and survive).
template <class Fixture>
void withFault(Fixture& f, const std::string& point) {
    f.server.restart({{"ASSAY_TEST_FAULT", point}});
    f.http = f.server.client();
}

std::string field(const HttpResponse& r, const std::string& name) { return parse(r.body)->getValue<std::string>(name); }

std::size_t itemsOf(const HttpResponse& r) {
    if (r.status != 200) throw std::runtime_error("list failed: " + r.body);
    return parse(r.body)->getArray("items")->size();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(atomicity)

BOOST_AUTO_TEST_CASE(a_failure_at_any_step_of_order_creation_leaves_no_order_no_sample_and_no_number_drawn_R18) {
    ResultFixture f;
    const std::string body =
        f.order(f.customerA, R"("CMA")", f.sample("大米", f.item(f.lead, f.leadMethod)) + "," + f.sample("小麦粉", f.item(f.lead, f.leadMethod)));
    const std::string year = dayFromToday(0).substr(0, 4);
    for (const std::string point : {"order.create.numbered", "order.create.sample_added"}) {
        BOOST_TEST_CONTEXT(point) {
            withFault(f, point);
            auto failed = f.http.postJson("/api/orders", body, f.tech);
            BOOST_TEST(failed.status == 500, failed.body);
            BOOST_TEST(itemsOf(f.http.get("/api/orders", f.tech)) == 0u);   // no order
            BOOST_TEST(itemsOf(f.http.get("/api/samples", f.tech)) == 0u);  // no sample of it either
        }
    }
    withFault(f, "");
    auto created = f.http.postJson("/api/orders", body, f.tech);
    BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
    auto o = parse(created.body);
    // The failed attempts drew no number: the first order and its samples are numbered from 1.
    BOOST_TEST(o->getValue<std::string>("code") == "TESTWT" + year + "00001");
    auto samples = o->getArray("samples");
    BOOST_REQUIRE(samples->size() == 2u);
    BOOST_TEST(samples->getObject(0)->getValue<std::string>("code") == "TEST" + year + "000001");
    BOOST_TEST(samples->getObject(1)->getValue<std::string>("code") == "TEST" + year + "000002");
}

BOOST_AUTO_TEST_CASE(an_acceptance_that_fails_after_its_test_items_are_made_leaves_the_order_reviewed_and_no_item) {
    ResultFixture f;
    auto o = f.http.postJson("/api/orders", f.order(f.customerA, R"("CMA")", f.sample("大米", f.item(f.lead, f.leadMethod))), f.tech);
    BOOST_REQUIRE_MESSAGE(o.status == 201, o.body);
    auto reviewed = f.post(o.header("Location") + "/review", "{}", o.header("ETag"));
    BOOST_REQUIRE_MESSAGE(reviewed.status == 200, reviewed.body);
    withFault(f, "order.accept.items_made");
    auto failed = f.post(o.header("Location") + "/accept", "", reviewed.header("ETag"));
    BOOST_TEST(failed.status == 500, failed.body);
    BOOST_TEST(field(f.http.get(o.header("Location"), f.tech), "status") == "reviewed");
    BOOST_TEST(itemsOf(f.http.get("/api/testing/items", f.tech)) == 0u);
    withFault(f, "");
    auto accepted = f.post(o.header("Location") + "/accept", "", reviewed.header("ETag"));
    BOOST_REQUIRE_MESSAGE(accepted.status == 200, accepted.body);
    BOOST_TEST(itemsOf(f.http.get("/api/testing/items", f.tech)) == 1u);
}

BOOST_AUTO_TEST_CASE(a_failure_at_any_step_of_report_issue_leaves_a_draft_without_a_number_and_the_next_issue_is_number_one_R32) {
    ReportFixture f;
    f.authorizeSigner(-1);
    const std::string signer = f.http.login("signer", "Signer-pw-12345");
    const std::string order = f.approvedOrder("0.12", false);
    auto created = f.http.postJson("/api/reports", R"({"order_code":")" + order + "\"}", f.manager);
    ResultFixture::expect(201, created);
    const std::string report = parse(created.body)->getValue<std::string>("id");
    auto chosen = f.http.request("PATCH", "/api/reports/" + report, R"({"signatory_user_id":")" + f.signerUserId + "\"}",
                                 ResultFixture::headers(f.manager, created.header("ETag")));
    ResultFixture::expect(200, chosen);
    ResultFixture::expect(201, f.http.postJson("/api/signing/keys", R"({"password":"Signer-pw-12345"})", signer));
    const auto eventsBefore = itemsOf(f.http.get("/api/audit?entity=report&id=" + report, f.manager));
    for (const std::string point :
         {"report.issue.checked", "report.issue.numbered", "report.issue.signed", "report.issue.stored", "report.issue.sealed"}) {
        BOOST_TEST_CONTEXT(point) {
            withFault(f, point);
            auto failed = f.http.request("POST", "/api/reports/" + report + "/issue", R"({"password":"Signer-pw-12345"})",
                                         ResultFixture::headers(signer, chosen.header("ETag")));
            BOOST_TEST(failed.status == 500, failed.body);
            auto now = parse(f.http.get("/api/reports/" + report, f.manager).body);
            BOOST_TEST(now->getValue<std::string>("status") == "draft");
            BOOST_TEST(now->get("number").isEmpty());
            BOOST_TEST(now->get("pdf_sha256").isEmpty());
            // No sign or seal event was left behind.
            BOOST_TEST(itemsOf(f.http.get("/api/audit?entity=report&id=" + report, f.manager)) == eventsBefore);
        }
    }
    withFault(f, "");
    auto issued = f.http.request("POST", "/api/reports/" + report + "/issue", R"({"password":"Signer-pw-12345"})",
                                 ResultFixture::headers(signer, chosen.header("ETag")));
    BOOST_REQUIRE_MESSAGE(issued.status == 200, issued.body);
    // Five failed issues drew no number: gap-free from 1.
    BOOST_TEST(parse(issued.body)->getValue<std::string>("number") == "TEST-R" + dayFromToday(0).substr(0, 4) + "000001");
}

BOOST_AUTO_TEST_CASE(a_failure_at_any_step_of_capture_acceptance_leaves_the_reading_staged_no_result_and_no_nonconformity_R15_R20) {
    // Under the flag policy, on expired equipment: accepting opens a nonconformity, enters the
    // result and marks the reading, the longest acceptance there is.
    ResultFixture f(std::map<std::string, std::string>{{"ASSAY_ACCREDITATION_R15_POLICY", "flag"}});
    auto e = f.http.postJson("/api/equipment", R"({"asset_no":"EQ-OLD","name":"原子吸收光谱仪 旧","equipment_type":"原子吸收光谱仪","in_service_from":")" +
                                                   dayFromToday(-800) + "\"}", f.manager);
    ResultFixture::expect(201, e);
    ResultFixture::expect(201, f.http.request("POST", e.header("Location") + "/calibrations",
                                              R"({"kind":"calibration","certificate_no":"JL-9","provider":"省计量院","performed_on":")" +
                                                  dayFromToday(-366) + R"(","due_on":")" + dayFromToday(-1) +
                                                  R"(","result":"pass","as_found":"in_tolerance"})",
                                              ResultFixture::headers(f.manager, e.header("ETag"))));
    auto instrument = f.http.postJson("/api/capture/instruments",
                                      R"({"name":"AAS old","equipment_id":")" + parse(e.body)->getValue<std::string>("id") +
                                          R"(","driver":"delimited","profile":{"delimiter":";","decimal_comma":true,"skip_rows":1,"sample_column":"样品编号",
                                          "analyte_column":"元素","value_column":"浓度","unit_column":"单位"},"analytes":{"Pb":")" + f.lead + R"("}})",
                                      f.manager);
    ResultFixture::expect(201, instrument);
    const std::string item = f.assignedItem(f.specFull);
    const std::string sample = parse(f.http.get("/api/testing/items/" + item, f.tech).body)->getValue<std::string>("sample_code");
    auto run = f.http.request("POST", "/api/capture/instruments/" + parse(instrument.body)->getValue<std::string>("id") + "/import?name=old.csv",
                              "ICP export\r\n样品编号;元素;浓度;单位\r\n" + sample + ";Pb;0,05;mg/kg\r\n",
                              {{"Authorization", "Bearer " + f.tech}, {"Content-Type", "text/csv"}});
    BOOST_REQUIRE_MESSAGE(run.status == 201, run.body);
    auto staged = parse(run.body)->getArray("staged")->getObject(0);
    const std::string stagedId = staged->getValue<std::string>("id");
    const std::string etag = staged->getValue<std::string>("etag");
    const auto ncsBefore = itemsOf(f.http.get("/api/nonconformities", f.manager));
    for (const std::string point : {"capture.accept.claimed", "capture.accept.nc_opened", "capture.accept.result_entered", "capture.accept.recorded"}) {
        BOOST_TEST_CONTEXT(point) {
            withFault(f, point);
            auto failed = f.http.request("POST", "/api/capture/staged/" + stagedId + "/accept", "", ResultFixture::headers(f.tech, etag));
            BOOST_TEST(failed.status == 500, failed.body);
            // The reading is still staged at its version, with no result on the item and no NC.
            auto still = parse(f.http.get("/api/capture/staged?status=staged", f.tech).body)->getArray("items");
            bool found = false;
            for (std::size_t k = 0; k < still->size(); ++k) {
                auto x = still->getObject(static_cast<unsigned>(k));
                if (x->getValue<std::string>("id") != stagedId) continue;
                found = true;
                BOOST_TEST(x->getValue<std::string>("etag") == etag);
                BOOST_TEST(x->get("result_id").isEmpty());
            }
            BOOST_TEST(found);
            BOOST_TEST(parse(f.http.get("/api/testing/items/" + item, f.tech).body)->getArray("results")->size() == 0u);
            BOOST_TEST(itemsOf(f.http.get("/api/nonconformities", f.manager)) == ncsBefore);
        }
    }
    withFault(f, "");
    auto accepted = f.http.request("POST", "/api/capture/staged/" + stagedId + "/accept", "", ResultFixture::headers(f.tech, etag));
    BOOST_REQUIRE_MESSAGE(accepted.status == 200, accepted.body);  // the same version: nothing moved it
    BOOST_TEST(parse(f.http.get("/api/testing/items/" + item, f.tech).body)->getArray("results")->size() == 1u);
    BOOST_TEST(itemsOf(f.http.get("/api/nonconformities", f.manager)) == ncsBefore + 1);
}

BOOST_AUTO_TEST_SUITE_END()
