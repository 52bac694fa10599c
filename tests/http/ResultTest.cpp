// Results over HTTP: test items from an accepted order, assignment and entry by an authorized
// technician (R13), conformity by the specification's comparison mode, values below the LOD
// never stored as 0, checks by another person (R13), edits with a reason and every version
// kept (R20), the entry record as raw data (R21), retests and invalidation.
#include <boost/test/unit_test.hpp>

#include <map>
#include <vector>

#include "HttpFixture.hpp"
#include "OrderFixture.hpp"
#include "ResultFixture.hpp"

using namespace assay::test;

namespace {
std::string field(const HttpResponse& r, const std::string& name) { return parse(r.body)->getValue<std::string>(name); }
}  // namespace

BOOST_AUTO_TEST_SUITE(results)

BOOST_AUTO_TEST_CASE(lead_at_0_2000_0_2001_and_0_19995_against_at_most_0_2_is_judged_by_the_comparison_mode) {
    ResultFixture f;
    // 全数值比较法: the unrounded value is compared with the limit.
    auto r = f.enter(f.assignedItem(f.specFull), "0.2000");
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    BOOST_TEST(field(r, "reported") == "0.20");  // 2 significant figures, GB/T 8170
    BOOST_TEST(field(r, "limit") == "≤0.2");
    BOOST_TEST(field(r, "conformity") == "pass");
    r = f.edit(r, R"({"value":"0.2001","reason":"复核原始记录，读数抄错"})");
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    BOOST_TEST(field(r, "reported") == "0.20");
    BOOST_TEST(field(r, "conformity") == "fail");
    r = f.edit(r, R"({"value":"0.19995","reason":"复核原始记录"})");
    BOOST_TEST(field(r, "value") == "0.19995");  // the digits as read
    BOOST_TEST(field(r, "reported") == "0.20");
    BOOST_TEST(field(r, "conformity") == "pass");
    // 修约值比较法: the value rounded to the limit's digits (0.2) is compared.
    const std::string rounded = f.assignedItem(f.specRounded);
    r = f.enter(rounded, "0.2001");
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    BOOST_TEST(field(r, "conformity") == "pass");
    r = f.edit(r, R"({"value":"0.25","reason":"复核"})");
    BOOST_TEST(field(r, "conformity") == "pass");  // 0.25 rounds to 0.2 (四舍六入五成双)
    r = f.edit(r, R"({"value":"0.26","reason":"复核"})");
    BOOST_TEST(field(r, "conformity") == "fail");  // 0.3
}

BOOST_AUTO_TEST_CASE(nd_and_values_below_the_lod_are_never_stored_as_zero) {
    ResultFixture f;
    auto nd = f.enter(f.assignedItem(f.specFull), "ND");
    BOOST_REQUIRE_MESSAGE(nd.status == 201, nd.body);
    auto o = parse(nd.body);
    BOOST_TEST(o->isNull("value"));
    BOOST_TEST(o->getValue<bool>("below_lod"));
    BOOST_TEST(o->getValue<std::string>("lod") == "0.005");
    BOOST_TEST(o->getValue<std::string>("reported") == "<0.005");
    BOOST_TEST(o->getValue<std::string>("conformity") == "pass");  // below 0.005 meets ≤ 0.2
    auto below = f.edit(nd, R"({"value":"<0.005","reason":"按原始记录书写"})");
    BOOST_TEST(parse(below.body)->isNull("value"));
    BOOST_TEST(field(below, "reported") == "<0.005");
    auto read = f.edit(below, R"({"value":"0.003","reason":"仪器读数"})");
    BOOST_TEST(field(read, "value") == "0.003");  // kept as read
    BOOST_TEST(parse(read.body)->getValue<bool>("below_lod"));
    BOOST_TEST(field(read, "reported") == "<0.005");
    auto under = f.edit(read, R"({"value":"<0.001","reason":"x"})");
    BOOST_TEST(under.status == 400);  // below the LOD the method cannot tell 0.001
    BOOST_TEST(under.body.find("under the LOD") != std::string::npos, under.body);
    auto bad = f.edit(read, R"({"value":"abc","reason":"x"})");
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find(R"("field":"value")") != std::string::npos, bad.body);
}

BOOST_AUTO_TEST_CASE(the_performer_cannot_check_their_own_result_and_only_authorized_people_act_R13) {
    ResultFixture f;
    const std::string item = f.assignedItem(f.specFull);
    // Someone other than the assignee cannot enter the result.
    BOOST_TEST(f.enter(item, "0.1", f.reviewer).status == 403);  // reviewers cannot write results at all
    auto notAssignee = f.enter(item, "0.1", f.manager);
    BOOST_TEST(notAssignee.status == 422);
    BOOST_TEST(notAssignee.body.find(R"("id":"R13")") != std::string::npos, notAssignee.body);
    auto r = f.enter(item, "0.12");
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    BOOST_TEST(f.enter(item, "0.13").status == 409);  // one result: edit or retest
    const std::string id = field(r, "id");
    auto self = f.http.request("POST", "/api/testing/results/" + id + "/check", "", ResultFixture::headers(f.tech));
    BOOST_TEST(self.status == 422);
    BOOST_TEST(self.body.find(R"("id":"R13")") != std::string::npos, self.body);
    auto early = f.http.request("POST", "/api/testing/results/" + id + "/approve", "", ResultFixture::headers(f.reviewer));
    BOOST_TEST(early.status == 409);  // check first
    auto checked = f.http.request("POST", "/api/testing/results/" + id + "/check", "", ResultFixture::headers(f.reviewer));
    BOOST_REQUIRE_MESSAGE(checked.status == 200, checked.body);
    BOOST_TEST(field(checked, "checker") == "Test reviewer");
    // A second reviewer acting on the same result: an illegal transition, not a silent overwrite.
    BOOST_TEST(f.http.request("POST", "/api/testing/results/" + id + "/check", "", ResultFixture::headers(f.reviewer)).status == 409);
    auto approved = f.http.request("POST", "/api/testing/results/" + id + "/approve", "", ResultFixture::headers(f.reviewer));
    BOOST_REQUIRE_MESSAGE(approved.status == 200, approved.body);
    BOOST_TEST(field(approved, "status") == "approved");
    // Assigning to someone without an authorization for the method is refused.
    const std::string item2 = parse(f.http.postJson("/api/testing/items", R"({"order_code":")" + f.acceptedOrder() + "\"}", f.tech).body)
                                  ->getArray("items")->getObject(0)->getValue<std::string>("id");
    auto got = f.http.get("/api/testing/items/" + item2, f.tech);
    auto refused = f.http.request("POST", "/api/testing/items/" + item2 + "/assign",
                                  R"({"user_id":")" + f.reviewerUserId + R"(","test_date":")" + dayFromToday(0) + "\"}",
                                  ResultFixture::headers(f.tech, got.header("ETag")));
    BOOST_TEST(refused.status == 422);
    BOOST_TEST(refused.body.find(R"("id":"R13")") != std::string::npos, refused.body);
}

BOOST_AUTO_TEST_CASE(an_edit_without_a_reason_is_refused_and_every_version_keeps_who_when_and_why_R20_R21) {
    ResultFixture f;
    const std::string item = f.assignedItem(f.specFull);
    auto r = f.enter(item, "0.12");
    BOOST_REQUIRE(r.status == 201);
    auto noReason = f.edit(r, R"({"value":"0.13"})");
    BOOST_TEST(noReason.status == 400);
    BOOST_TEST(noReason.body.find(R"("field":"reason")") != std::string::npos, noReason.body);
    auto stale = f.edit(r, R"({"value":"0.13","reason":"复核"})");
    BOOST_REQUIRE(stale.status == 200);
    BOOST_TEST(parse(stale.body)->getArray("history")->size() == 2u);  // the answer carries the whole history
    BOOST_TEST(f.edit(r, R"({"value":"0.14","reason":"复核"})").status == 412);  // r's ETag is old now
    auto view = parse(f.http.get("/api/testing/items/" + item, f.tech).body);
    auto history = view->getArray("results")->getObject(0)->getArray("history");
    BOOST_REQUIRE(history->size() == 2u);
    BOOST_TEST(history->getObject(0)->getValue<std::string>("value_text") == "0.12");
    BOOST_TEST(history->getObject(1)->getValue<std::string>("value_text") == "0.13");
    BOOST_TEST(history->getObject(1)->getValue<std::string>("reason") == "复核");
    BOOST_TEST(history->getObject(1)->getValue<std::string>("by") == "Test technician");
    // Each value has its own contemporaneous entry record (the raw data).
    const std::string raw0 = history->getObject(0)->getValue<std::string>("raw_ref");
    const std::string raw1 = history->getObject(1)->getValue<std::string>("raw_ref");
    BOOST_TEST(raw0 != raw1);
    auto entry = f.http.get("/api/testing/entries/" + raw0, f.tech);
    BOOST_REQUIRE(entry.status == 200);
    BOOST_TEST(field(entry, "typed") == "0.12");
    BOOST_TEST(field(entry, "sha256").size() == 64u);
    auto audit = f.http.get("/api/audit?entity=result&id=" + field(r, "id"), f.admin);
    BOOST_TEST(audit.body.find("0.12 -> 0.12 (pass)") != std::string::npos, audit.body);
    BOOST_TEST(audit.body.find("0.13 -> 0.13 (pass)") != std::string::npos, audit.body);
}

BOOST_AUTO_TEST_CASE(a_retest_keeps_the_original_result_and_invalidating_needs_a_reason) {
    ResultFixture f;
    const std::string item = f.assignedItem(f.specFull);
    auto first = f.enter(item, "0.25");
    BOOST_REQUIRE(first.status == 201);
    auto retest = f.http.postJson("/api/testing/items/" + item + "/results", R"({"value":"0.18","retest_reason":"超标复检"})", f.tech);
    BOOST_REQUIRE_MESSAGE(retest.status == 201, retest.body);
    BOOST_TEST(parse(retest.body)->getValue<int>("attempt") == 2);
    auto results = parse(f.http.get("/api/testing/items/" + item, f.tech).body)->getArray("results");
    BOOST_REQUIRE(results->size() == 2u);
    BOOST_TEST(results->getObject(0)->getValue<std::string>("value_text") == "0.25");  // the original stays
    BOOST_TEST(results->getObject(0)->getValue<std::string>("conformity") == "fail");
    BOOST_TEST(results->getObject(1)->getValue<std::string>("retest_reason") == "超标复检");
    const std::string id = field(first, "id");
    auto noReason = f.http.request("POST", "/api/testing/results/" + id + "/invalidate", "{}", ResultFixture::headers(f.reviewer, first.header("ETag")));
    BOOST_TEST(noReason.status == 400);
    auto inv = f.http.request("POST", "/api/testing/results/" + id + "/invalidate", R"({"reason":"样品前处理污染"})",
                              ResultFixture::headers(f.reviewer, first.header("ETag")));
    BOOST_REQUIRE_MESSAGE(inv.status == 200, inv.body);
    BOOST_TEST(field(inv, "status") == "invalidated");
    BOOST_TEST(field(inv, "invalid_reason") == "样品前处理污染");
    BOOST_TEST(f.http.get("/api/testing/items/" + item, f.tech).body.find("0.25") != std::string::npos);  // nothing deleted
}

BOOST_AUTO_TEST_CASE(test_items_come_only_from_an_accepted_order_and_only_once) {
    ResultFixture f;
    auto draft = f.http.postJson("/api/orders", f.order(f.customerA, "", f.sample("大米", f.item(f.lead, f.leadMethod))), f.tech);
    auto notYet = f.http.postJson("/api/testing/items", R"({"order_code":")" + field(draft, "code") + "\"}", f.tech);
    BOOST_TEST(notYet.status == 409);
    BOOST_TEST(f.http.postJson("/api/testing/items", R"({"order_code":"NOPE"})", f.tech).status == 404);
    const std::string code = f.acceptedOrder();
    auto once = f.http.postJson("/api/testing/items", R"({"order_code":")" + code + "\"}", f.tech);
    auto twice = f.http.postJson("/api/testing/items", R"({"order_code":")" + code + "\"}", f.tech);
    BOOST_TEST(parse(once.body)->getArray("items")->getObject(0)->getValue<std::string>("id") ==
               parse(twice.body)->getArray("items")->getObject(0)->getValue<std::string>("id"));
    auto badSpec = f.http.postJson("/api/testing/items", R"({"order_code":")" + code + R"(","specification_id":"12345"})", f.tech);
    BOOST_TEST(badSpec.status == 400);
    BOOST_TEST(badSpec.body.find(R"("field":"specification_id")") != std::string::npos, badSpec.body);
}

BOOST_AUTO_TEST_CASE(accepting_an_order_makes_its_test_items_and_only_technicians_authorized_on_the_date_are_offered_R13_R23) {
    ResultFixture f;
    const std::string code = f.acceptedOrder();
    // The acceptance made the item (no specification yet): it is on the list without a POST.
    auto list = parse(f.http.get("/api/testing/items", f.tech).body)->getArray("items");
    BOOST_REQUIRE_EQUAL(list->size(), 1u);
    auto made = list->getObject(0);
    BOOST_TEST(made->getValue<std::string>("order_code") == code);
    BOOST_TEST(made->isNull("specification_id"));
    const std::string item = made->getValue<std::string>("id");
    // Offered: the technician (perform authorization); not the reviewer (check only).
    auto offered = f.http.get("/api/testing/items/" + item + "/assignees?test_date=" + dayFromToday(0), f.tech);
    BOOST_REQUIRE_MESSAGE(offered.status == 200, offered.body);
    auto o = parse(offered.body);
    BOOST_TEST(o->getValue<bool>("method_usable"));
    auto people = o->getArray("items");
    BOOST_REQUIRE_EQUAL(people->size(), 1u);
    BOOST_TEST(people->getObject(0)->getValue<std::string>("user_id") == f.techUserId);
    // Before the method's verification (30 days ago) nobody can be assigned, and the page says why.
    auto early = parse(f.http.get("/api/testing/items/" + item + "/assignees?test_date=" + dayFromToday(-40), f.tech).body);
    BOOST_TEST(!early->getValue<bool>("method_usable"));
    BOOST_TEST(early->getValue<std::string>("method_rule") == "R23");
    BOOST_TEST(early->getArray("items")->size() == 0u);
    BOOST_TEST(f.http.get("/api/testing/items/" + item + "/assignees?test_date=2026-13-01", f.tech).status == 400);
    BOOST_TEST(f.http.get("/api/testing/items/999999/assignees", f.tech).status == 404);
    // The first request naming a specification gives it to the item made at acceptance.
    auto named = f.http.postJson("/api/testing/items", R"({"order_code":")" + code + R"(","specification_id":")" + f.specFull + "\"}", f.tech);
    BOOST_REQUIRE_MESSAGE(named.status == 201, named.body);
    auto same = parse(named.body)->getArray("items")->getObject(0);
    BOOST_TEST(same->getValue<std::string>("id") == item);
    BOOST_TEST(same->getValue<std::string>("specification_id") == f.specFull);
}

BOOST_AUTO_TEST_CASE(a_formula_change_leaves_old_results_on_their_old_version_R39) {
    ResultFixture f;
    auto formula = [&](const std::string& expression, const std::string& token) {
        return f.http.postJson("/api/testing/formulas", R"({"parameter_id":")" + f.lead + R"(","method_id":")" + f.leadMethod +
                                                             R"(","expression":")" + expression + "\"}",
                               token);
    };
    BOOST_TEST(formula("X = A * 2", f.tech).status == 403);  // formulas are the manager's
    auto bad = formula("X = (A * 2", f.manager);
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find(R"("field":"expression")") != std::string::npos, bad.body);
    auto v1 = formula("c = (A - A0) * V / m; X = c / 1000", f.manager);
    BOOST_REQUIRE_MESSAGE(v1.status == 201, v1.body);
    BOOST_TEST(parse(v1.body)->getValue<int>("version") == 1);
    const std::string inputs = R"({"inputs":{"A":"0.5120","A0":"0.0020","V":"25.00","m":"0.5000"}})";
    const std::string item1 = f.assignedItem(f.specFull);
    auto missing = f.http.postJson("/api/testing/items/" + item1 + "/results", R"({"inputs":{"A":"0.5120"}})", f.tech);
    BOOST_TEST(missing.status == 400);
    BOOST_TEST(missing.body.find(R"("field":"inputs.m")") != std::string::npos, missing.body);
    auto r1 = f.http.postJson("/api/testing/items/" + item1 + "/results", inputs, f.tech);
    BOOST_REQUIRE_MESSAGE(r1.status == 201, r1.body);
    auto o = parse(r1.body);
    BOOST_TEST(o->getObject("formula")->getValue<int>("version") == 1);
    BOOST_TEST(o->getValue<std::string>("interim") == "c=25.50000000000000; X=0.02550000000000000");
    BOOST_TEST(o->getValue<std::string>("reported") == "0.026");  // 0.0255 to 2 figures: 五成双 to the even 6
    auto entry = f.http.get("/api/testing/entries/" + o->getObject("raw")->getValue<std::string>("ref"), f.tech);
    BOOST_TEST(field(entry, "typed") == "A=0.5120; A0=0.0020; V=25.00; m=0.5000");  // the inputs as typed
    // Version 2 changes the calculation; new results use it, the old one keeps version 1.
    auto v2 = formula("c = (A - A0) * V / m; X = c * 2 / 1000", f.manager);
    BOOST_REQUIRE(v2.status == 201);
    BOOST_TEST(parse(v2.body)->getValue<int>("version") == 2);
    const std::string item2 = f.assignedItem(f.specFull);
    auto r2 = f.http.postJson("/api/testing/items/" + item2 + "/results", inputs, f.tech);
    BOOST_TEST(parse(r2.body)->getObject("formula")->getValue<int>("version") == 2);
    BOOST_TEST(field(r2, "value") == "0.05100000000000000");
    auto asValue = f.edit(r1, R"({"value":"0.03","reason":"x"})");
    BOOST_TEST(asValue.status == 400);  // a calculated result is corrected through its inputs
    BOOST_TEST(asValue.body.find(R"("field":"value")") != std::string::npos, asValue.body);
    auto again = f.edit(r1, R"({"inputs":{"A":"0.5220","A0":"0.0020","V":"25.00","m":"0.5000"},"reason":"吸光度复读"})");
    BOOST_REQUIRE_MESSAGE(again.status == 200, again.body);
    BOOST_TEST(parse(again.body)->getObject("formula")->getValue<int>("version") == 1);
    BOOST_TEST(field(again, "value") == "0.02600000000000000");  // by version 1, not 0.052
    auto versions = parse(f.http.get("/api/testing/formulas?parameter_id=" + f.lead + "&method_id=" + f.leadMethod, f.tech).body)
                        ->getArray("items");
    BOOST_REQUIRE(versions->size() == 2u);
    BOOST_TEST(versions->getObject(0)->getValue<std::string>("status") == "superseded");
    BOOST_TEST(versions->getObject(1)->getValue<std::string>("status") == "current");
}

BOOST_AUTO_TEST_CASE(a_failed_spike_recovery_holds_the_batch_until_a_manager_records_a_disposition_R24) {
    ResultFixture f;
    std::vector<std::string> ids;
    std::vector<HttpResponse> checked;
    for (int i = 0; i < 2; ++i) {
        ids.push_back(f.assignedItem(f.specFull));
        auto r = f.enter(ids.back(), i == 0 ? "0.110" : "0.100");
        BOOST_REQUIRE(r.status == 201);
        checked.push_back(f.http.request("POST", "/api/testing/results/" + field(r, "id") + "/check", "", ResultFixture::headers(f.reviewer)));
        BOOST_REQUIRE_MESSAGE(checked.back().status == 200, checked.back().body);
    }
    auto batch = f.http.postJson("/api/testing/batches", R"({"name":"ICP-MS 2026-11-29 第1批","item_ids":[")" + ids[0] + R"(",")" + ids[1] + R"("]})",
                                 f.tech);
    BOOST_REQUIRE_MESSAGE(batch.status == 201, batch.body);
    const std::string b = "/api/testing/batches/" + field(batch, "id");
    BOOST_TEST(f.http.postJson("/api/testing/batches", R"({"name":"again","item_ids":[")" + ids[0] + R"("]})", f.tech).status == 400);
    auto noQc = f.http.request("POST", "/api/testing/results/" + field(checked[0], "id") + "/approve", "", ResultFixture::headers(f.reviewer));
    BOOST_TEST(noQc.status == 422);  // a batch without QC releases nothing
    BOOST_TEST(noQc.body.find("record its QC samples") != std::string::npos, noQc.body);
    auto dup = f.http.postJson(b + "/qc", R"({"kind":"duplicate","material":"平行样","value":"0.110","value2":"0.100","max_rpd":"10"})", f.tech);
    BOOST_REQUIRE_MESSAGE(dup.status == 201, dup.body);
    BOOST_TEST(field(dup, "outcome") == "pass");
    auto noCriteria = f.http.postJson(b + "/qc", R"({"kind":"spike","material":"加标","value":"0.160"})", f.tech);
    BOOST_TEST(noCriteria.status == 400);
    for (const char* name : {"base", "added", "recovery_low", "recovery_high"})
        BOOST_TEST(noCriteria.body.find(std::string(R"("field":")") + name + "\"") != std::string::npos, name);
    auto spike = f.http.postJson(b + "/qc", R"({"kind":"spike","material":"加标 0.10","value":"0.160","base":"0.100","added":"0.100",
                                               "recovery_low":"80","recovery_high":"120"})",
                                 f.tech);
    BOOST_REQUIRE_MESSAGE(spike.status == 201, spike.body);
    BOOST_TEST(field(spike, "outcome") == "fail");
    auto held = f.http.get(b, f.tech);
    BOOST_TEST(field(held, "status") == "held");
    // The batch's checked results are not approved while it is held.
    const std::string first = "/api/testing/results/" + field(checked[0], "id");
    auto blocked = f.http.request("POST", first + "/approve", "", ResultFixture::headers(f.reviewer));
    BOOST_TEST(blocked.status == 422);
    BOOST_TEST(blocked.body.find(R"("id":"R24")") != std::string::npos, blocked.body);
    // Only a manager records the disposition, with a reason.
    BOOST_TEST(f.http.request("POST", b + "/disposition", R"({"decision":"accept","reason":"x"})", ResultFixture::headers(f.tech, held.header("ETag")))
                   .status == 403);
    auto noReason = f.http.request("POST", b + "/disposition", R"({"decision":"accept"})", ResultFixture::headers(f.manager, held.header("ETag")));
    BOOST_TEST(noReason.status == 400);
    auto accepted = f.http.request("POST", b + "/disposition", R"({"decision":"accept","reason":"基体干扰，已用标准加入法复核，回收率 98%"})",
                                   ResultFixture::headers(f.manager, held.header("ETag")));
    BOOST_REQUIRE_MESSAGE(accepted.status == 200, accepted.body);
    BOOST_TEST(field(accepted, "status") == "released");
    BOOST_TEST(field(accepted, "disposed_by") == "Test manager");
    auto approved = f.http.request("POST", first + "/approve", "", ResultFixture::headers(f.reviewer));
    BOOST_REQUIRE_MESSAGE(approved.status == 200, approved.body);
    BOOST_TEST(f.http.request("POST", b + "/disposition", R"({"decision":"reject","reason":"x"})",
                              ResultFixture::headers(f.manager, accepted.header("ETag"))).status == 409);  // only a held batch
    auto late = f.http.postJson(b + "/qc", R"({"kind":"blank","material":"空白","value":"0.001","limit_max":"0.005"})", f.tech);
    BOOST_TEST(late.status == 409);  // QC comes before release, not after
}

BOOST_AUTO_TEST_CASE(reference_material_values_form_a_series_with_westgard_flags) {
    ResultFixture f;
    auto batch = f.http.postJson("/api/testing/batches", R"({"name":"b1","item_ids":[")" + f.assignedItem(f.specFull) + R"("]})", f.tech);
    const std::string b = "/api/testing/batches/" + field(batch, "id");
    for (const char* v : {"0.29", "0.345", "0.36"}) {
        auto q = f.http.postJson(b + "/qc", std::string(R"({"kind":"reference","material":"GBW10045a","value":")") + v +
                                                R"(","certified":"0.29","tolerance":"0.10","sd":"0.02","expires_on":"2027-12-31"})",
                                 f.tech);
        BOOST_REQUIRE_MESSAGE(q.status == 201, q.body);
    }
    auto series = f.http.get("/api/testing/qc/series?parameter_id=" + f.lead + "&method_id=" + f.leadMethod + "&material=GBW10045a", f.tech);
    BOOST_REQUIRE_MESSAGE(series.status == 200, series.body);
    auto items = parse(series.body)->getArray("items");
    BOOST_REQUIRE(items->size() == 3u);
    BOOST_TEST(items->getObject(0)->getValue<std::string>("z") == "0.00");
    BOOST_TEST(items->getObject(1)->getValue<std::string>("z") == "2.75");
    BOOST_TEST(items->getObject(2)->getValue<std::string>("z") == "3.50");
    auto rules = items->getObject(2)->getArray("rules");
    std::string joined;
    for (std::size_t i = 0; i < rules->size(); ++i) joined += rules->getElement<std::string>(static_cast<unsigned>(i)) + " ";
    BOOST_TEST(joined == "1-2s 1-3s 2-2s ", joined);
}

BOOST_AUTO_TEST_CASE(an_item_cannot_be_assigned_for_a_date_before_its_method_was_verified_R23) {
    ResultFixture f;
    auto items = f.http.postJson("/api/testing/items", R"({"order_code":")" + f.acceptedOrder() + "\"}", f.tech);
    const std::string item = parse(items.body)->getArray("items")->getObject(0)->getValue<std::string>("id");
    auto got = f.http.get("/api/testing/items/" + item, f.tech);
    // The method's verification record is dated 30 days ago: a test 40 days ago cannot cite it.
    auto early = f.http.request("POST", "/api/testing/items/" + item + "/assign",
                                R"({"user_id":")" + f.techUserId + R"(","test_date":")" + dayFromToday(-40) + "\"}",
                                ResultFixture::headers(f.tech, got.header("ETag")));
    BOOST_TEST(early.status == 422);
    BOOST_TEST(early.body.find(R"("id":"R23")") != std::string::npos, early.body);
    auto today = f.http.request("POST", "/api/testing/items/" + item + "/assign",
                                R"({"user_id":")" + f.techUserId + R"(","test_date":")" + dayFromToday(0) + "\"}",
                                ResultFixture::headers(f.tech, got.header("ETag")));
    BOOST_TEST(today.status == 200, today.body);
}

BOOST_AUTO_TEST_CASE(a_result_whose_uncertainty_straddles_the_limit_is_marked_and_a_sample_is_judged_by_all_its_items_R29) {
    ResultFixture f;
    // Lead with a relative MU of 10 %, judged with a guard band against ≤ 0.2.
    const std::string leadMu = ResultFixture::id(f.http.postJson(
        "/api/register/parameters",
        R"J({"name_zh":"铅(以Pb计,含MU)","unit":"mg/kg","precision_kind":"significant","precision_digits":2,"mu_model":"relative","mu_value":"10"})J",
        f.manager));
    const std::string spec = ResultFixture::id(f.http.postJson(
        "/api/register/specifications",
        R"({"name":"GB 2762-2022 简单","comparison_mode":"full","decision_rule":"simple","limits":[{"parameter_id":")" + f.lead +
            R"(","product_category":"大米","max_op":"<=","max":"0.2"},{"parameter_id":")" + leadMu +
            R"(","product_category":"大米","max_op":"<=","max":"0.2"}]})",
        f.manager));
    // The customer agreed a guard-band decision rule at contract review (R30): it decides.
    std::string body = f.order(f.customerA, "", f.sample("大米", f.item(f.lead, f.leadMethod) + "," + f.item(leadMu, f.leadMethod)));
    body.replace(body.find(R"("decision_rule":"simple")"), 24, R"("decision_rule":"guard_band")");
    auto o = f.http.postJson("/api/orders", body, f.tech);
    auto rv = f.post(o.header("Location") + "/review", "{}", o.header("ETag"));
    ResultFixture::expect(200, f.post(o.header("Location") + "/accept", "", rv.header("ETag")));
    auto items = parse(f.http.postJson("/api/testing/items", R"({"order_code":")" + field(o, "code") + R"(","specification_id":")" + spec + "\"}",
                                       f.tech).body)->getArray("items");
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < items->size(); ++i) {
        ids.push_back(items->getObject(static_cast<unsigned>(i))->getValue<std::string>("id"));
        auto got = f.http.get("/api/testing/items/" + ids.back(), f.tech);
        ResultFixture::expect(200, f.http.request("POST", "/api/testing/items/" + ids.back() + "/assign",
                                                  R"({"user_id":")" + f.techUserId + R"(","test_date":")" + dayFromToday(0) + "\"}",
                                                  ResultFixture::headers(f.tech, got.header("ETag"))));
    }
    const std::string sampleCode = items->getObject(0)->getValue<std::string>("sample_code");
    auto verdict = [&] { return parse(f.http.get("/api/testing/samples/" + sampleCode + "/conformity", f.tech).body)->getValue<std::string>("verdict"); };
    BOOST_TEST(verdict() == "no_judgement");  // nothing measured yet
    auto plain = f.enter(ids[0], "0.15");  // no MU model: a guard band cannot be applied
    BOOST_TEST(field(plain, "conformity") == "no_judgement");
    auto mu = f.enter(ids[1], "0.19");     // U = 0.019: [0.171, 0.209] contains 0.2
    BOOST_REQUIRE_MESSAGE(mu.status == 201, mu.body);
    BOOST_TEST(field(mu, "uncertainty") == "0.01900000000000000");  // 10 % of 0.19, 16 figures
    BOOST_TEST(parse(mu.body)->getValue<bool>("mu_straddles"));
    BOOST_TEST(field(mu, "conformity") == "no_judgement");
    mu = f.edit(mu, R"({"value":"0.15","reason":"复核"})");  // [0.135, 0.165]: inside
    BOOST_TEST(!parse(mu.body)->getValue<bool>("mu_straddles"));
    BOOST_TEST(field(mu, "conformity") == "pass");
    BOOST_TEST(verdict() == "no_judgement");  // one item still without a judgement
    mu = f.edit(mu, R"({"value":"0.25","reason":"复核"})");  // [0.225, 0.275]: wholly above
    BOOST_TEST(field(mu, "conformity") == "fail");
    BOOST_TEST(verdict() == "fail");  // any failing item fails the sample
    BOOST_TEST(parse(f.http.get("/api/testing/samples/" + sampleCode + "/conformity", f.tech).body)->getValue<bool>("provisional"));
    BOOST_TEST(f.http.get("/api/testing/samples/NOPE/conformity", f.tech).status == 404);
}

BOOST_AUTO_TEST_CASE(a_method_set_to_nd_reports_a_value_below_the_lod_as_wei_jian_chu) {
    ResultFixture f;
    auto standard = parse(f.http.get("/api/register/methods/" + f.leadMethod, f.manager).body)->getValue<std::string>("standard_id");
    auto bad = f.http.postJson("/api/register/methods", R"({"standard_id":")" + standard +
                                                           R"(","clause":"第二法","name":"x","kind":"standard","equipment_types":["原子吸收光谱仪"],"below_lod_style":"zero"})",
                               f.manager);
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find(R"("field":"below_lod_style")") != std::string::npos, bad.body);
    const std::string nd = ResultFixture::id(f.http.postJson(
        "/api/register/methods", R"({"standard_id":")" + standard +
                                     R"(","clause":"第二法","name":"电感耦合等离子体质谱法","kind":"standard","equipment_types":["原子吸收光谱仪"],"below_lod_style":"nd"})",
        f.manager));
    ResultFixture::expect(201, f.http.postJson("/api/register/methods/" + nd + "/records",
                                               R"({"kind":"verification","record_date":")" + dayFromToday(-5) + R"(","record_no":"FV-2"})", f.manager));
    ResultFixture::expect(201, f.http.postJson("/api/staff/" + f.techStaff + "/authorizations",
                                               R"({"activity":"perform","method_id":")" + nd + R"(","valid_from":")" + dayFromToday(-1) + "\"}", f.manager));
    auto o = f.http.postJson("/api/orders", f.order(f.customerA, "", f.sample("大米", f.item(f.lead, nd))), f.tech);
    auto rv = f.post(o.header("Location") + "/review", "{}", o.header("ETag"));
    ResultFixture::expect(200, f.post(o.header("Location") + "/accept", "", rv.header("ETag")));
    const std::string item = parse(f.http.postJson("/api/testing/items", R"({"order_code":")" + field(o, "code") + "\"}", f.tech).body)
                                 ->getArray("items")->getObject(0)->getValue<std::string>("id");
    auto got = f.http.get("/api/testing/items/" + item, f.tech);
    ResultFixture::expect(200, f.http.request("POST", "/api/testing/items/" + item + "/assign",
                                              R"({"user_id":")" + f.techUserId + R"(","test_date":")" + dayFromToday(0) + "\"}",
                                              ResultFixture::headers(f.tech, got.header("ETag"))));
    auto r = f.enter(item, "ND");
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    BOOST_TEST(field(r, "reported") == "未检出");
    BOOST_TEST(parse(r.body)->isNull("value"));  // still never 0
    BOOST_TEST(field(r, "lod") == "0.005");
}

BOOST_AUTO_TEST_CASE(a_batch_sent_to_retest_invalidates_its_results_in_review_and_frees_its_items_R24) {
    ResultFixture f;
    const std::string item = f.assignedItem(f.specFull);
    auto r = f.enter(item, "0.12");
    auto batch = f.http.postJson("/api/testing/batches", R"({"name":"第2批","item_ids":[")" + item + R"("]})", f.tech);
    const std::string b = "/api/testing/batches/" + field(batch, "id");
    f.http.postJson(b + "/qc", R"({"kind":"blank","material":"试剂空白","value":"0.009","limit_max":"0.005"})", f.tech);
    auto held = f.http.get(b, f.tech);
    BOOST_REQUIRE(field(held, "status") == "held");
    auto retest = f.http.request("POST", b + "/disposition", R"({"decision":"retest","reason":"空白污染，重新前处理"})",
                                 ResultFixture::headers(f.manager, held.header("ETag")));
    BOOST_REQUIRE_MESSAGE(retest.status == 200, retest.body);
    BOOST_TEST(field(retest, "status") == "retest");
    auto view = parse(f.http.get("/api/testing/items/" + item, f.tech).body);
    BOOST_TEST(view->isNull("batch_id"));  // free to join a new batch
    auto result = view->getArray("results")->getObject(0);
    BOOST_TEST(result->getValue<std::string>("status") == "invalidated");
    BOOST_TEST(result->getValue<std::string>("invalid_reason").find("空白污染") != std::string::npos);
    BOOST_TEST(result->getValue<std::string>("value_text") == "0.12");  // kept
    auto again = f.http.postJson("/api/testing/batches", R"({"name":"第3批","item_ids":[")" + item + R"("]})", f.tech);
    BOOST_TEST(again.status == 201, again.body);
    auto retested = f.http.postJson("/api/testing/items/" + item + "/results", R"({"value":"0.11","retest_reason":"第2批空白不合格"})", f.tech);
    BOOST_TEST(retested.status == 201, retested.body);
    (void)r;
}

// GB/T 8170-2008 3.4: a parameter may round to 0.5 or 0.2 units of its place. The standard's own
// examples, entered as results through the API (a first result, then retests), are reported so:
// by 0.5 units to the units place 60.25 → 60.0, 60.38 → 60.5, 60.28 → 60.5, −60.75 → −61.0; by 0.2
// units to the hundreds place 830 → 840, 842 → 840, 832 → 840, −930 → −920.
BOOST_AUTO_TEST_CASE(a_parameter_rounding_by_0_5_or_0_2_units_reports_the_gb_t_8170_examples) {
    ResultFixture f;
    auto parameter = [&](const std::string& name, int digits, const std::string& unit) {
        auto r = f.http.postJson("/api/register/parameters", R"({"name_zh":")" + name + R"(","unit":"g/100g","precision_kind":"decimals","precision_digits":)" +
                                                                 std::to_string(digits) + R"(,"rounding_unit":")" + unit + R"(","mu_model":"none"})",
                                 f.manager);
        BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
        BOOST_TEST(field(r, "rounding_unit") == unit);
        return field(r, "id");
    };
    const std::map<std::string, std::vector<std::pair<std::string, std::string>>> examples{
        {parameter("示例(0.5单位)", 0, "0.5"), {{"60.25", "60.0"}, {"60.38", "60.5"}, {"60.28", "60.5"}, {"-60.75", "-61.0"}}},
        {parameter("示例(0.2单位)", -2, "0.2"), {{"830", "840"}, {"842", "840"}, {"832", "840"}, {"-930", "-920"}}}};
    auto o = f.http.postJson("/api/orders",
                             f.order(f.customerA, "", f.sample("大米", f.item(examples.begin()->first, f.leadMethod) + "," +
                                                                          f.item(examples.rbegin()->first, f.leadMethod))),
                             f.tech);
    BOOST_REQUIRE_MESSAGE(o.status == 201, o.body);
    auto reviewed = f.post(o.header("Location") + "/review", "{}", o.header("ETag"));
    BOOST_REQUIRE_MESSAGE(reviewed.status == 200, reviewed.body);
    BOOST_REQUIRE(f.post(o.header("Location") + "/accept", "", reviewed.header("ETag")).status == 200);
    auto items = f.http.postJson("/api/testing/items", R"({"order_code":")" + field(o, "code") + "\"}", f.tech);
    BOOST_REQUIRE_MESSAGE(items.status == 201, items.body);
    auto list = parse(items.body)->getArray("items");
    BOOST_REQUIRE(list->size() == 2u);
    for (std::size_t k = 0; k < list->size(); ++k) {
        const std::string item = "/api/testing/items/" + list->getObject(static_cast<unsigned>(k))->getValue<std::string>("id");
        const auto& cases = examples.at(list->getObject(static_cast<unsigned>(k))->getValue<std::string>("parameter_id"));
        BOOST_REQUIRE(f.http.request("POST", item + "/assign", R"({"user_id":")" + f.techUserId + R"(","test_date":")" + dayFromToday(0) + "\"}",
                                     ResultFixture::headers(f.tech, f.http.get(item, f.tech).header("ETag")))
                          .status == 200);
        for (std::size_t n = 0; n < cases.size(); ++n) {
            auto r = f.http.postJson(item + "/results", R"({"value":")" + cases[n].first + "\"" +
                                                             (n == 0 ? std::string() : R"(,"retest_reason":"GB/T 8170 示例")") + "}",
                                     f.tech);
            BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
            BOOST_TEST(field(r, "reported") == cases[n].second, cases[n].first + " -> " + field(r, "reported"));
        }
        auto results = parse(f.http.get(item, f.tech).body)->getArray("results");  // read back
        BOOST_REQUIRE(results->size() == cases.size());
        for (std::size_t n = 0; n < cases.size(); ++n) {
            BOOST_TEST(results->getObject(static_cast<unsigned>(n))->getValue<std::string>("value_text") == cases[n].first);
            BOOST_TEST(results->getObject(static_cast<unsigned>(n))->getValue<std::string>("reported") == cases[n].second);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_assign_queue_lists_only_the_items_nobody_is_assigned_yet) {
    ResultFixture f;
    const std::string assigned = f.assignedItem(f.specFull);
    auto made = f.http.postJson("/api/testing/items", R"({"order_code":")" + f.acceptedOrder() + "\"}", f.tech);
    BOOST_REQUIRE_EQUAL(made.status, 201);
    const std::string open = parse(made.body)->getArray("items")->getObject(0)->getValue<std::string>("id");
    auto queue = parse(f.http.get("/api/testing/items?unassigned=1", f.tech).body)->getArray("items");
    BOOST_REQUIRE_EQUAL(queue->size(), 1u);
    BOOST_TEST(queue->getObject(0)->getValue<std::string>("id") == open);
    auto all = parse(f.http.get("/api/testing/items", f.tech).body)->getArray("items");
    BOOST_TEST(all->size() == 2u);
    auto mine = parse(f.http.get("/api/testing/items?mine=1", f.tech).body)->getArray("items");
    BOOST_REQUIRE_EQUAL(mine->size(), 1u);
    BOOST_TEST(mine->getObject(0)->getValue<std::string>("id") == assigned);
}

BOOST_AUTO_TEST_SUITE_END()
