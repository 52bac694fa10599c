// Orders over HTTP: an order with samples and items, contract review through CapabilityCheck with
// the quote, the customer's decisions (outside the scope, R33 exclusions), acceptance, labels,
// and what a customer's users may see.
#include <boost/test/unit_test.hpp>

#include <fstream>

#include "HttpFixture.hpp"
#include "OrderFixture.hpp"
#include "assay/Clock.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

using namespace assay::test;

namespace {
bool hasRule(const std::string& body, const std::string& rule) {
    return body.find(R"("id":")" + rule + "\"") != std::string::npos || body.find(R"("rule":")" + rule + "\"") != std::string::npos;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(orders)

BOOST_AUTO_TEST_CASE(an_order_with_three_samples_gets_a_contract_review_of_every_item_and_a_quote) {
    OrderFixture f;
    auto created = f.threeSampleOrder(f.customerA, R"("CMA")");
    BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
    auto o = parse(created.body);
    const std::string year = dayFromToday(0).substr(0, 4);
    BOOST_TEST(o->getValue<std::string>("code") == "TESTWT" + year + "00001");
    BOOST_TEST(o->getValue<std::string>("status") == "draft");
    BOOST_TEST(o->getValue<std::string>("customer") == "甲公司");
    auto samples = o->getArray("samples");
    BOOST_REQUIRE(samples->size() == 3u);
    for (unsigned i = 0; i < 3; ++i) {
        BOOST_TEST(samples->getObject(i)->getValue<std::string>("code") == "TEST" + year + "00000" + std::to_string(i + 1));
        BOOST_TEST(samples->getObject(i)->getValue<std::string>("order_code") == o->getValue<std::string>("code"));
        BOOST_TEST(samples->getObject(i)->getValue<std::string>("customer_org_id") == f.customerA);
    }
    auto items = o->getArray("items");
    BOOST_REQUIRE(items->size() == 4u);
    BOOST_TEST(items->getObject(2)->getValue<std::string>("package") == "重金属");
    BOOST_TEST(items->getObject(2)->getValue<std::string>("method") == "GB 5009.15-2023");
    BOOST_TEST(items->getObject(0)->getValue<std::string>("method") == "GB 5009.12-2023 第一法");

    auto reviewed = f.post(created.header("Location") + "/review", "{}", created.header("ETag"));
    BOOST_REQUIRE_MESSAGE(reviewed.status == 200, reviewed.body);
    o = parse(reviewed.body);
    BOOST_TEST(o->getValue<std::string>("status") == "reviewed");
    BOOST_TEST(o->getObject("review")->getValue<std::string>("reviewer") == "Test technician");
    BOOST_TEST(o->getObject("review")->getValue<std::string>("date") == dayFromToday(0));
    BOOST_TEST(o->getObject("quote")->getValue<std::string>("total") == "530.50");  // 3 x 150.00 + 80.50
    items = o->getArray("items");
    auto leadReview = items->getObject(0)->getObject("review");
    BOOST_TEST(leadReview->getValue<bool>("can_perform"));
    BOOST_TEST(leadReview->getValue<bool>("cma_in_scope"));
    BOOST_TEST(!leadReview->getValue<bool>("cnas_in_scope"));
    BOOST_TEST(leadReview->getValue<std::string>("performers") == "李明");
    BOOST_TEST(items->getObject(0)->getValue<std::string>("price") == "150.00");
    auto cdReview = items->getObject(2)->getObject("review");
    BOOST_TEST(!cdReview->getValue<bool>("can_perform"));
    BOOST_TEST(cdReview->getValue<std::string>("blockers").rfind("R23: ", 0) == 0, cdReview->getValue<std::string>("blockers"));
    BOOST_TEST(cdReview->getValue<std::string>("cma_reason").rfind("R1: ", 0) == 0);
    // The cadmium item blocks acceptance (it cannot be done, and it is outside the CMA scope).
    auto blocked = f.post(created.header("Location") + "/accept", "", reviewed.header("ETag"));
    BOOST_TEST(blocked.status == 422);
    BOOST_TEST(hasRule(blocked.body, "R23"), blocked.body);
    BOOST_TEST(hasRule(blocked.body, "R1"), blocked.body);
    BOOST_TEST(blocked.body.find("item 3") != std::string::npos, blocked.body);
    // Excluding it needs the reason and who agreed (R33); then the quote drops its price.
    auto silent = f.post(created.header("Location") + "/items/3", R"({"exclude":true})", reviewed.header("ETag"));
    BOOST_TEST(silent.status == 400);
    BOOST_TEST(silent.body.find(R"("field":"reason")") != std::string::npos, silent.body);
    BOOST_TEST(silent.body.find(R"("field":"agreed_by")") != std::string::npos, silent.body);
    auto excluded = f.post(created.header("Location") + "/items/3", R"({"exclude":true,"reason":"本实验室镉方法未验证","agreed_by":"何丽"})",
                           reviewed.header("ETag"));
    BOOST_REQUIRE_MESSAGE(excluded.status == 200, excluded.body);
    BOOST_TEST(parse(excluded.body)->getObject("quote")->getValue<std::string>("total") == "450.00");
    BOOST_TEST(parse(excluded.body)->getArray("items")->getObject(2)->getValue<bool>("excluded"));
    auto accepted = f.post(created.header("Location") + "/accept", "", excluded.header("ETag"));
    BOOST_REQUIRE_MESSAGE(accepted.status == 200, accepted.body);
    BOOST_TEST(parse(accepted.body)->getValue<std::string>("status") == "accepted");
    BOOST_TEST(f.post(created.header("Location") + "/review", "{}", accepted.header("ETag")).status == 409);
    // The review and the exclusion are in the audit trail.
    auto audit = f.http.get("/api/audit?entity=order&id=" + parse(created.body)->getValue<std::string>("code"), f.admin);
    BOOST_TEST(audit.body.find("本实验室镉方法未验证") != std::string::npos, audit.body);
    BOOST_TEST(audit.body.find("\"review\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_item_outside_a_requested_scope_is_accepted_only_with_the_customers_acceptance) {
    OrderFixture f;
    auto created = f.http.postJson("/api/orders", f.order(f.customerA, R"("CMA","CNAS")", f.sample("大米", f.item(f.lead, f.leadMethod))), f.tech);
    BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
    const std::string loc = created.header("Location");
    BOOST_TEST(f.post(loc + "/accept", "", created.header("ETag")).status == 409);  // review first
    auto reviewed = f.post(loc + "/review", "{}", created.header("ETag"));
    auto blocked = f.post(loc + "/accept", "", reviewed.header("ETag"));
    BOOST_TEST(blocked.status == 422);
    BOOST_TEST(blocked.body.find("outside the CNAS scope") != std::string::npos, blocked.body);
    BOOST_TEST(blocked.body.find("outside the CMA scope") == std::string::npos, blocked.body);
    BOOST_TEST(f.post(loc + "/items/1", R"({"accept_outside_scope":true})", reviewed.header("ETag")).status == 400);  // how?
    auto ok = f.post(loc + "/items/1", R"({"accept_outside_scope":true,"note":"客户书面同意该项目不加盖CNAS标识"})", reviewed.header("ETag"));
    BOOST_REQUIRE_MESSAGE(ok.status == 200, ok.body);
    BOOST_TEST(parse(ok.body)->getArray("acceptance_blockers")->size() == 0u);
    BOOST_TEST(f.post(loc + "/accept", "", ok.header("ETag")).status == 200);
}

BOOST_AUTO_TEST_CASE(a_bad_order_names_every_field_and_stores_nothing) {
    OrderFixture f;
    auto bad = f.http.postJson("/api/orders",
                               R"({"customer_org_id":")" + f.customerA + R"(","contact":{},"due_date":"2020-01-01","priority":"asap",
                                   "report":{"marks":["ISO"],"language":"fr"},"samples":[{"name":"大米","product_category":"粮食及其制品",
                                   "items":[{"parameter_id":"999","method_id":")" + f.leadMethod + R"("}]},{"name":"","product_category":"x","items":[]}]})",
                               f.tech);
    BOOST_TEST(bad.status == 400);
    for (const char* field : {"contact.name", "due_date", "priority", "report.marks", "report.language", "site",
                              "samples[0].items[0].parameter_id", "samples[1].name", "samples[1].items"})
        BOOST_TEST(bad.body.find(std::string(R"("field":")") + field + "\"") != std::string::npos, field << " missing in " << bad.body);
    BOOST_TEST(parse(f.http.get("/api/samples", f.tech).body)->getArray("items")->size() == 0u);
    BOOST_TEST(parse(f.http.get("/api/orders", f.tech).body)->getArray("items")->size() == 0u);
    // A customer that is not a customer organization.
    auto lab = f.http.postJson("/api/orders", f.order(f.labOrg(), R"("CMA")", f.sample("大米", f.item(f.lead, f.leadMethod))), f.tech);
    BOOST_TEST(lab.status == 400);
    BOOST_TEST(lab.body.find(R"("field":"customer_org_id")") != std::string::npos, lab.body);
    // The next good order still gets the first number: nothing was consumed.
    auto good = f.http.postJson("/api/orders", f.order(f.customerA, "", f.sample("大米", f.item(f.lead, f.leadMethod))), f.tech);
    BOOST_REQUIRE_MESSAGE(good.status == 201, good.body);
    BOOST_TEST(parse(good.body)->getValue<std::string>("code") == "TESTWT" + dayFromToday(0).substr(0, 4) + "00001");
}

BOOST_AUTO_TEST_CASE(customers_and_other_labs_see_only_their_own_orders_and_samples) {
    OrderFixture f;
    auto mine = f.http.postJson("/api/orders", f.order(f.customerA, "", f.sample("大米", f.item(f.lead, f.leadMethod))), f.tech);
    auto theirs = f.http.postJson("/api/orders", f.order(f.customerB, "", f.sample("大米", f.item(f.lead, f.leadMethod))), f.tech);
    BOOST_REQUIRE(mine.status == 201);
    BOOST_REQUIRE(theirs.status == 201);
    auto user = f.http.postJson("/api/users", R"({"username":"he.li","display_name":"何丽","password":"Customer-pw-123","roles":["customer"],"org_id":")" +
                                                  f.customerA + "\"}", f.admin);
    BOOST_REQUIRE_MESSAGE(user.status == 201, user.body);
    const std::string customer = f.http.login("he.li", "Customer-pw-123");
    const std::string mySample = parse(mine.body)->getArray("samples")->getObject(0)->getValue<std::string>("code");
    const std::string theirSample = parse(theirs.body)->getArray("samples")->getObject(0)->getValue<std::string>("code");
    auto orders = parse(f.http.get("/api/orders", customer).body)->getArray("items");
    BOOST_REQUIRE(orders->size() == 1u);
    BOOST_TEST(orders->getObject(0)->getValue<std::string>("code") == parse(mine.body)->getValue<std::string>("code"));
    BOOST_TEST(f.http.get(mine.header("Location"), customer).status == 200);
    BOOST_TEST(f.http.get(theirs.header("Location"), customer).status == 404);
    BOOST_TEST(f.http.get("/api/samples/" + mySample, customer).status == 200);
    BOOST_TEST(f.http.get("/api/samples/" + theirSample, customer).status == 404);
    BOOST_TEST(f.http.get("/api/samples/" + theirSample + "/custody", customer).status == 404);
    auto list = parse(f.http.get("/api/samples", customer).body)->getArray("items");
    BOOST_REQUIRE(list->size() == 1u);
    BOOST_TEST(list->getObject(0)->getValue<std::string>("code") == mySample);
    BOOST_TEST(f.http.request("POST", mine.header("Location") + "/review", "{}",
                              {{"Authorization", "Bearer " + customer}, {"Content-Type", "application/json"}, {"If-Match", mine.header("ETag")}})
                   .status == 403);
    BOOST_TEST(f.http.postJson("/api/samples", R"({"name":"x","product_category":"y"})", customer).status == 403);
    // Another lab's technician sees neither the order nor its samples.
    auto lab2 = f.http.postJson("/api/organizations", R"({"kind":"lab","name":"另一实验室","uscc":"91110000802100433B","code":"OTHR"})", f.admin);
    BOOST_REQUIRE(lab2.status == 201);
    f.http.postJson("/api/users", R"({"username":"other.tech","display_name":"T","password":"Other-pw-12345","roles":["technician"],"org_id":")" +
                                      parse(lab2.body)->getValue<std::string>("id") + "\"}", f.admin);
    const std::string other = f.http.login("other.tech", "Other-pw-12345");
    BOOST_TEST(f.http.get(mine.header("Location"), other).status == 404);
    BOOST_TEST(f.http.get(mine.header("Location") + "/labels", other).status == 404);
    BOOST_TEST(parse(f.http.get("/api/orders", other).body)->getArray("items")->size() == 0u);
    BOOST_TEST(f.http.get("/api/samples/" + mySample, other).status == 404);
}

BOOST_AUTO_TEST_CASE(an_orders_labels_are_a_pdf_whose_text_and_barcodes_decode_to_the_sample_codes) {
    OrderFixture f;
    auto created = f.threeSampleOrder(f.customerA, R"("CMA")");
    BOOST_REQUIRE(created.status == 201);
    auto labels = f.http.get(created.header("Location") + "/labels?layout=a4", f.tech);
    BOOST_REQUIRE_MESSAGE(labels.status == 200, labels.body);
    BOOST_TEST(labels.header("Content-Type") == "application/pdf");
    // The layout is in the file name: an A4 sheet and single labels do not overwrite each other.
    BOOST_TEST(labels.header("Content-Disposition").find("-A4.pdf") != std::string::npos, labels.header("Content-Disposition"));
    BOOST_REQUIRE(labels.body.rfind("%PDF-", 0) == 0);
    TempDir dir;
    const std::string pdf = dir.file("labels.pdf");
    std::ofstream(pdf, std::ios::binary) << labels.body;
    auto text = runProcess("/usr/bin/pdftotext", {pdf, "-"}, {});
    BOOST_REQUIRE_MESSAGE(text.exitCode == 0, text.out);
    const std::string year = dayFromToday(0).substr(0, 4);
    for (int i = 1; i <= 3; ++i) BOOST_TEST(text.out.find("TEST" + year + "00000" + std::to_string(i)) != std::string::npos, text.out);
    BOOST_TEST(text.out.find("大米") != std::string::npos);
    BOOST_TEST(text.out.find("未收样") != std::string::npos);
    // The barcodes, read back by an independent reader (zbar) from the rendered page.
    auto png = runProcess("/usr/bin/pdftoppm", {"-r", "300", "-png", "-f", "1", "-l", "1", pdf, dir.file("page")}, {});
    BOOST_REQUIRE_MESSAGE(png.exitCode == 0, png.out);
    auto decoded = runProcess("/usr/bin/zbarimg", {"--quiet", dir.file("page-1.png")}, {});
    BOOST_REQUIRE_MESSAGE(decoded.exitCode == 0, decoded.out);
    for (int i = 1; i <= 3; ++i) {
        const std::string code = "TEST" + year + "00000" + std::to_string(i);
        BOOST_TEST(decoded.out.find("CODE-128:" + code + "\n") != std::string::npos, decoded.out);
        BOOST_TEST(decoded.out.find("QR-Code:" + code + "\n") != std::string::npos, decoded.out);
    }
    auto single = f.http.get("/api/samples/TEST" + year + "000001/labels", f.tech);
    BOOST_REQUIRE(single.status == 200);
    BOOST_TEST(single.header("Content-Disposition").find("-%E5%8D%95%E5%BC%A0.pdf") != std::string::npos,  // -单张.pdf
               single.header("Content-Disposition"));
    std::ofstream(dir.file("one.pdf"), std::ios::binary) << single.body;
    auto info = runProcess("/usr/bin/pdfinfo", {dir.file("one.pdf")}, {});
    BOOST_TEST(info.out.find("141.732 x 85.0394 pts") != std::string::npos, info.out);  // 50 x 30 mm
    BOOST_TEST(f.http.get("/api/samples/TEST" + year + "000001/labels?layout=poster", f.tech).status == 400);
}

BOOST_AUTO_TEST_CASE(a_sample_added_after_review_sends_the_order_back_to_review_and_cancelling_needs_a_reason) {
    OrderFixture f;
    auto created = f.http.postJson("/api/orders", f.order(f.customerA, R"("CMA")", f.sample("大米", f.item(f.lead, f.leadMethod))), f.tech);
    const std::string loc = created.header("Location");
    auto reviewed = f.post(loc + "/review", "{}", created.header("ETag"));
    BOOST_REQUIRE(reviewed.status == 200);
    auto added = f.post(loc + "/samples", f.sample("小麦粉", f.item(f.cadmium, f.cadmiumMethod)), reviewed.header("ETag"));
    BOOST_REQUIRE_MESSAGE(added.status == 200, added.body);
    auto o = parse(added.body);
    BOOST_TEST(o->getValue<std::string>("status") == "draft");
    BOOST_TEST(o->getArray("items")->size() == 2u);
    BOOST_TEST(o->getArray("samples")->size() == 2u);
    BOOST_TEST(!o->getArray("items")->getObject(1)->getObject("review")->getValue<bool>("reviewed"));
    BOOST_TEST(f.post(loc + "/samples", R"({"name":"x","product_category":"y","items":[]})", added.header("ETag")).status == 400);
    auto noReason = f.post(loc + "/cancel", "{}", added.header("ETag"));
    BOOST_TEST(noReason.status == 400);
    BOOST_TEST(noReason.body.find(R"("field":"reason")") != std::string::npos, noReason.body);
    auto cancelled = f.post(loc + "/cancel", R"({"reason":"客户撤回委托"})", added.header("ETag"));
    BOOST_REQUIRE_MESSAGE(cancelled.status == 200, cancelled.body);
    BOOST_TEST(parse(cancelled.body)->getValue<std::string>("status") == "cancelled");
    BOOST_TEST(f.post(loc + "/review", "{}", cancelled.header("ETag")).status == 409);
    BOOST_TEST(f.post(loc + "/items/1", R"({"exclude":true,"reason":"x","agreed_by":"y"})", cancelled.header("ETag")).status == 409);
    // Labels of chosen samples in one PDF; an unknown code is a 404, not a partial sheet.
    const std::string a = parse(created.body)->getArray("samples")->getObject(0)->getValue<std::string>("code");
    const std::string b = parse(added.body)->getArray("samples")->getObject(1)->getValue<std::string>("code");
    auto both = f.http.postJson("/api/samples/labels", R"({"codes":[")" + a + R"(",")" + b + R"("],"layout":"single"})", f.tech);
    BOOST_REQUIRE_MESSAGE(both.status == 200, both.body);
    TempDir dir;
    writeFile(dir.file("two.pdf"), both.body);
    auto info = runProcess("/usr/bin/pdfinfo", {dir.file("two.pdf")}, {});
    BOOST_TEST(info.out.find("Pages:           2") != std::string::npos, info.out);
    BOOST_TEST(f.http.postJson("/api/samples/labels", R"({"codes":[")" + a + R"(","NOPE"]})", f.tech).status == 404);
}

BOOST_AUTO_TEST_CASE(the_overdue_queue_lists_only_accepted_orders_due_before_today) {
    OrderFixture f;
    std::string codes[2];
    for (auto& code : codes) {
        auto o = f.http.postJson("/api/orders", f.order(f.customerA, R"("CMA")", f.sample("大米", f.item(f.lead, f.leadMethod))), f.tech);
        BOOST_REQUIRE_EQUAL(o.status, 201);
        auto r = f.post(o.header("Location") + "/review", "{}", o.header("ETag"));
        BOOST_REQUIRE_EQUAL(f.post(o.header("Location") + "/accept", "", r.header("ETag")).status, 200);
        code = parse(o.body)->getValue<std::string>("code");
    }
    {  // the first one's due date has passed (as days go by; an order is never created due in the past)
        soci::session sql(soci::sqlite3, f.server.dbPath());
        const std::string yesterday = dayFromToday(-1);
        sql << "UPDATE int_orders SET due_date = :d WHERE code = :c", soci::use(yesterday), soci::use(codes[0]);
    }
    auto overdue = parse(f.http.get("/api/orders?overdue=1", f.tech).body)->getArray("items");
    BOOST_REQUIRE_EQUAL(overdue->size(), 1u);
    BOOST_TEST(overdue->getObject(0)->getValue<std::string>("code") == codes[0]);
    BOOST_TEST(parse(f.http.get("/api/orders", f.tech).body)->getArray("items")->size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
