// Blank justifications over HTTP (R20, issue 11): on every route that needs a reason (or a cause,
// a note, a deviation, a consent ...), spaces, tabs, line breaks, ideographic spaces (U+3000) and
// zero-width characters are refused with a 400 naming the field, nothing is stored, and a reason
// with visible text is stored trimmed. One shared check (assay/Text.hpp: requiredText) does it.
// The report routes are in ReportTest.cpp, the staged reading's rejection in CaptureTest.cpp.
#include <boost/test/unit_test.hpp>

#include "BlankText.hpp"
#include "ResultFixture.hpp"

using namespace assay::test;

namespace {
std::string field(const HttpResponse& r, const std::string& name) { return parse(r.body)->getValue<std::string>(name); }

// Text between blanks that are not control characters (a one-line field refuses a tab or a line
// break on its own account): an ideographic space, a space, a no-break and a zero-width space.
std::string padded(const std::string& text) { return R"("\u3000 )" + text + R"(\u00a0\u200b\ufeff")"; }
}  // namespace

BOOST_AUTO_TEST_SUITE(blank_reasons)

BOOST_AUTO_TEST_CASE(results_and_qc_refuse_a_blank_reason_and_store_a_reason_trimmed_R20_R24) {
    ResultFixture f;
    const std::string item = f.assignedItem(f.specFull);
    const std::string itemPath = "/api/testing/items/" + item;
    auto r = f.enter(item, "0.12");
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    const std::string result = "/api/testing/results/" + field(r, "id");
    refusesBlank(f.http, f.tech, "PATCH", result, R"({"value":"0.13","reason":$BLANK})", "reason", r.header("ETag"), itemPath);
    refusesBlank(f.http, f.tech, "POST", itemPath + "/results", R"({"value":"0.18","retest_reason":$BLANK})", "retest_reason", "", itemPath);
    refusesBlank(f.http, f.reviewer, "POST", result + "/invalidate", R"({"reason":$BLANK})", "reason", r.header("ETag"), itemPath);

    // The ETag the refusals were sent with is still current; the reason is stored trimmed.
    auto edited = f.edit(r, R"({"value":"0.13","reason":)" + padded("称量记录更正") + "}");
    BOOST_REQUIRE_MESSAGE(edited.status == 200, edited.body);
    auto history = parse(edited.body)->getArray("history");
    BOOST_REQUIRE(history->size() == 2u);
    BOOST_TEST(history->getObject(1)->getValue<std::string>("reason") == "称量记录更正");
    auto inv = f.http.request("POST", result + "/invalidate", R"({"reason":)" + padded("样品前处理污染") + "}",
                              ResultFixture::headers(f.reviewer, edited.header("ETag")));
    BOOST_REQUIRE_MESSAGE(inv.status == 200, inv.body);
    BOOST_TEST(field(inv, "invalid_reason") == "样品前处理污染");
    auto audit = f.http.get("/api/audit?entity=result&id=" + field(r, "id"), f.admin);
    BOOST_TEST(audit.body.find(R"("reason":"样品前处理污染")") != std::string::npos, audit.body);

    // R24: a held batch takes a disposition only with a reason.
    auto batch = f.http.postJson("/api/testing/batches", R"({"name":"ICP-MS 第2批","item_ids":[")" + f.assignedItem(f.specFull) + R"("]})", f.tech);
    BOOST_REQUIRE_MESSAGE(batch.status == 201, batch.body);
    const std::string b = "/api/testing/batches/" + field(batch, "id");
    auto spike = f.http.postJson(b + "/qc", R"({"kind":"spike","material":"加标 0.10","value":"0.160","base":"0.100","added":"0.100",
                                               "recovery_low":"80","recovery_high":"120"})",
                                 f.tech);
    BOOST_REQUIRE_MESSAGE(spike.status == 201, spike.body);
    auto held = f.http.get(b, f.manager);
    BOOST_REQUIRE(field(held, "status") == "held");
    refusesBlank(f.http, f.manager, "POST", b + "/disposition", R"({"decision":"accept","reason":$BLANK})", "reason", held.header("ETag"), b);
    auto accepted = f.http.request("POST", b + "/disposition", R"({"decision":"accept","reason":)" + padded("基体干扰，已复核") + "}",
                                   ResultFixture::headers(f.manager, held.header("ETag")));
    BOOST_REQUIRE_MESSAGE(accepted.status == 200, accepted.body);
    BOOST_TEST(field(accepted, "disposition_reason") == "基体干扰，已复核");
}

BOOST_AUTO_TEST_CASE(orders_and_samples_refuse_a_blank_reason_condition_or_consent_and_store_them_trimmed_R19_R22_R31_R33) {
    OrderFixture f;
    auto created = f.http.postJson("/api/orders", f.order(f.customerA, "", f.sample("大米", f.item(f.lead, f.leadMethod))), f.tech);
    BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
    const std::string loc = created.header("Location");
    auto reviewed = f.post(loc + "/review", "{}", created.header("ETag"));
    BOOST_REQUIRE_MESSAGE(reviewed.status == 200, reviewed.body);
    const std::string etag = reviewed.header("ETag");
    refusesBlank(f.http, f.tech, "POST", loc + "/items/1", R"({"exclude":true,"reason":$BLANK,"agreed_by":"何丽"})", "reason", etag, loc);
    refusesBlank(f.http, f.tech, "POST", loc + "/items/1", R"({"exclude":true,"reason":"方法未验证","agreed_by":$BLANK})", "agreed_by", etag, loc);
    refusesBlank(f.http, f.tech, "POST", loc + "/items/1", R"({"accept_outside_scope":true,"note":$BLANK})", "note", etag, loc);
    refusesBlank(f.http, f.tech, "POST", loc + "/items/1/subcontract", R"({"receiving_lab":"某检测公司","consented_by":"何丽","consent_ref":$BLANK})",
                 "consent_ref", etag, loc);
    refusesBlank(f.http, f.tech, "POST", loc + "/cancel", R"({"reason":$BLANK})", "reason", etag, loc);

    // The order's sample: receipt, status moves and custody.
    const std::string sample = "/api/samples/" + parse(created.body)->getArray("samples")->getObject(0)->getValue<std::string>("code");
    const std::string sEtag = f.http.get(sample, f.tech).header("ETag");
    refusesBlank(f.http, f.tech, "POST", sample + "/receive", R"({"condition":$BLANK})", "condition", sEtag, sample);
    refusesBlank(f.http, f.tech, "POST", sample + "/receive", R"({"condition":"外包装破损","deviation":$BLANK,"customer_decision":"proceed"})",
                 "deviation", sEtag, sample);
    refusesBlank(f.http, f.tech, "POST", sample + "/status", R"({"to":"cancelled","reason":$BLANK})", "reason", sEtag, sample);
    refusesBlank(f.http, f.tech, "POST", sample + "/status", R"({"to":"disposed","reason":$BLANK,"method":"粉碎"})", "reason", sEtag, sample);
    refusesBlank(f.http, f.tech, "POST", sample + "/status", R"({"to":"disposed","reason":"留样期满","method":$BLANK})", "method", sEtag, sample);
    refusesBlank(f.http, f.tech, "POST", sample + "/transfer", R"({"to":"留样室","reason":$BLANK})", "reason", sEtag, sample + "/custody");
    refusesBlank(f.http, f.tech, "POST", sample + "/transfer", R"({"to":$BLANK,"reason":"领样检测"})", "to", sEtag, sample + "/custody");

    // Stored trimmed: the receipt, the custody event, the exclusion, the cancellation.
    auto received = f.post(sample + "/receive", R"({"condition":)" + padded("包装轻微破损") + R"(,"deviation":)" + padded("外包装破损") +
                                                    R"(,"customer_decision":"proceed"})",
                           sEtag);
    BOOST_REQUIRE_MESSAGE(received.status == 200, received.body);
    BOOST_TEST(field(received, "condition") == "包装轻微破损");
    BOOST_TEST(field(received, "deviation") == "外包装破损");
    auto moved = f.post(sample + "/transfer", R"({"to":)" + padded("理化室 李明") + R"(,"reason":)" + padded("领样检测") + "}",
                        received.header("ETag"));
    BOOST_REQUIRE_MESSAGE(moved.status == 200, moved.body);
    auto timeline = parse(f.http.get(sample + "/custody", f.tech).body)->getArray("items");
    BOOST_TEST(timeline->getObject(timeline->size() - 1)->getValue<std::string>("to") == "理化室 李明");
    BOOST_TEST(timeline->getObject(timeline->size() - 1)->getValue<std::string>("reason") == "领样检测");
    auto excluded = f.post(loc + "/items/1", R"({"exclude":true,"reason":)" + padded("方法未验证") + R"(,"agreed_by":)" + padded("何丽") + "}", etag);
    BOOST_REQUIRE_MESSAGE(excluded.status == 200, excluded.body);
    auto excludedItem = parse(excluded.body)->getArray("items")->getObject(0);
    BOOST_TEST(excludedItem->getValue<std::string>("exclusion_reason") == "方法未验证");
    BOOST_TEST(excludedItem->getValue<std::string>("exclusion_agreed_by") == "何丽");
    auto cancelled = f.post(loc + "/cancel", R"({"reason":)" + padded("客户撤回委托") + "}", excluded.header("ETag"));
    BOOST_REQUIRE_MESSAGE(cancelled.status == 200, cancelled.body);
    auto audit = f.http.get("/api/audit?entity=order&id=" + field(created, "code"), f.admin);
    BOOST_TEST(audit.body.find(R"("reason":"客户撤回委托")") != std::string::npos, audit.body);
}

BOOST_AUTO_TEST_CASE(the_register_staff_equipment_ncs_qualifications_scope_and_users_refuse_a_blank_reason_R20) {
    ResultFixture f;
    const std::string today = dayFromToday(0);
    // A standard's status and a method's withdrawal.
    auto standard = f.http.postJson("/api/register/standards", R"({"number":"GB 5009.268","year":2016,"title":"食品中多元素的测定"})", f.manager);
    BOOST_REQUIRE_MESSAGE(standard.status == 201, standard.body);
    const std::string sLoc = "/api/register/standards/" + field(standard, "id");
    refusesBlank(f.http, f.manager, "POST", sLoc + "/status", R"({"status":"withdrawn","reason":$BLANK})", "reason", standard.header("ETag"), sLoc);
    const std::string mLoc = "/api/register/methods/" + f.cadmiumMethod;
    refusesBlank(f.http, f.manager, "POST", mLoc + "/withdraw", R"({"reason":$BLANK})", "reason", f.http.get(mLoc, f.manager).header("ETag"), mLoc);
    // A qualification's event.
    auto q = f.http.postJson("/api/qualifications", R"({"scheme":"CMA","number":"202619000123","authority":"广东省市场监督管理局","valid_from":")" +
                                                        dayFromToday(-300) + R"(","valid_to":")" + dayFromToday(1500) + "\"}",
                             f.manager);
    BOOST_REQUIRE_MESSAGE(q.status == 201, q.body);
    const std::string qLoc = q.header("Location");
    refusesBlank(f.http, f.manager, "POST", qLoc + "/events", R"({"kind":"suspend","effective_date":")" + today + R"(","reason":$BLANK})", "reason",
                 q.header("ETag"), qLoc);
    // A scope change.
    refusesBlank(f.http, f.manager, "POST", "/api/scope/changes",
                 R"({"kind":"expansion","scheme":"CMA","effective_date":")" + today + R"(","reason":$BLANK,"rows":[{"site":"天河实验室","category":"粮食及其制品","product":"小麦","parameter_id":")" +
                     f.lead + R"(","standard_id":")" + field(standard, "id") + "\"}]}",
                 "reason", "", "/api/scope/changes");
    // Staff: ending an authorization and deactivating.
    const std::string staff = "/api/staff/" + f.techStaff;
    auto member = f.http.get(staff, f.manager);
    const std::string authorization = parse(member.body)->getArray("authorizations")->getObject(0)->getValue<std::string>("id");
    refusesBlank(f.http, f.manager, "POST", staff + "/authorizations/" + authorization + "/end",
                 R"({"effective_date":")" + today + R"(","reason":$BLANK})", "reason", "", staff);
    refusesBlank(f.http, f.manager, "POST", staff + "/deactivate", R"({"effective_date":")" + today + R"(","reason":$BLANK})", "reason",
                 member.header("ETag"), staff);
    // Equipment out of service (R16 would open an NC) and an NC's steps.
    const std::string eq = "/api/equipment/" + f.equipmentId;
    refusesBlank(f.http, f.manager, "POST", eq + "/status", R"({"status":"out_of_service","effective_date":")" + today + R"(","reason":$BLANK})",
                 "reason", f.http.get(eq, f.manager).header("ETag"), eq);
    BOOST_TEST(parse(f.http.get("/api/nonconformities", f.manager).body)->getArray("items")->size() == 0u);
    auto nc = f.http.postJson("/api/nonconformities", R"({"source":"audit","description":"内审发现记录不全","opened_on":")" + today + "\"}", f.manager);
    BOOST_REQUIRE_MESSAGE(nc.status == 201, nc.body);
    const std::string ncLoc = "/api/nonconformities/" + field(nc, "id");
    refusesBlank(f.http, f.manager, "POST", ncLoc + "/steps", R"({"step":"action","date":")" + today + R"(","text":$BLANK})", "text",
                 nc.header("ETag"), ncLoc);
    // A user's roles or active flag.
    const std::string user = "/api/users/" + f.reviewerUserId;
    refusesBlank(f.http, f.admin, "PATCH", user, R"({"active":false,"reason":$BLANK})", "reason", f.http.get(user, f.admin).header("ETag"), user);

    // Stored trimmed: the withdrawal's audit, the deactivation, the corrective action.
    auto withdrawn = f.http.request("POST", sLoc + "/status", R"({"status":"withdrawn","reason":)" + padded("标准废止") + "}",
                                    ResultFixture::headers(f.manager, standard.header("ETag")));
    BOOST_REQUIRE_MESSAGE(withdrawn.status == 200, withdrawn.body);
    auto audit = f.http.get("/api/audit?entity=standard&id=" + field(standard, "id"), f.admin);
    BOOST_TEST(audit.body.find(R"("reason":"标准废止")") != std::string::npos, audit.body);
    auto off = f.http.request("POST", staff + "/deactivate", R"({"effective_date":")" + today + R"(","reason":)" + padded("离职") + "}",
                              ResultFixture::headers(f.manager, member.header("ETag")));
    BOOST_REQUIRE_MESSAGE(off.status == 200, off.body);
    BOOST_TEST(field(off, "deactivation_reason") == "离职");
    auto action = f.http.request("POST", ncLoc + "/steps", R"({"step":"action","date":")" + today + R"(","text":)" + padded("补全记录") + "}",
                                 ResultFixture::headers(f.manager, nc.header("ETag")));
    BOOST_REQUIRE_MESSAGE(action.status == 200, action.body);
    BOOST_TEST(field(action, "corrective_action") == "补全记录");
}

BOOST_AUTO_TEST_SUITE_END()
