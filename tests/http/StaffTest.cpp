// Staff over HTTP: signatory authorizations from their filing date (R12), own accounts only
// (R11), one inspection body at a time (R14), method authorizations on the test date (R13).
#include <boost/test/unit_test.hpp>

#include "HttpFixture.hpp"
#include "assay/Clock.hpp"

using namespace assay::test;

namespace {
// A valid national ID number (GB 11643 check character) for test person n.
std::string idNumber(int n) {
    static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    std::string first17 = "440106199001" + std::to_string(10000 + n);
    int sum = 0;
    for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
    return first17 + "10X98765432"[sum % 11];
}

struct StaffFixture : HttpFixture {
    std::string manager, lead, method, signerUserId;
    StaffFixture() {
        manager = userWithRole("manager");
        const std::string standard = id(http.postJson("/api/register/standards",
                                                       R"({"number":"GB 5009.12","year":2023,"title":"食品中铅的测定"})", manager));
        lead = id(http.postJson("/api/register/parameters",
                                R"J({"name_zh":"铅(以Pb计)","unit":"mg/kg","precision_kind":"significant","precision_digits":2,"mu_model":"none"})J",
                                manager));
        method = id(http.postJson("/api/register/methods",
                                  R"({"standard_id":")" + standard + R"(","clause":"第一法","name":"石墨炉原子吸收光谱法","kind":"standard","equipment_types":["原子吸收光谱仪"]})",
                                  manager));
        auto u = http.postJson("/api/users", R"({"username":"signer","display_name":"赵强","password":"Signer-pw-12345","roles":["signatory"],"org_id":")" +
                                                 labOrg() + "\"}", admin);
        signerUserId = id(u);
    }
    static std::string id(const HttpResponse& r) {
        if (r.status != 201) throw std::runtime_error("setup failed: " + r.body);
        return parse(r.body)->getValue<std::string>("id");
    }
    HttpResponse addStaff(const std::string& body, const std::string& token = {}) {
        return http.postJson("/api/staff", body, token.empty() ? manager : token);
    }
    Poco::JSON::Object::Ptr check(const std::string& query) {
        auto r = http.get("/api/staff/check?" + query, manager);
        if (r.status != 200) throw std::runtime_error("check failed: " + r.body);
        return parse(r.body);
    }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(staff)

BOOST_AUTO_TEST_CASE(a_signatory_authorization_filed_tomorrow_cannot_sign_today_R12) {
    StaffFixture f;
    const std::string staff = StaffFixture::id(f.addStaff(R"({"name":"赵强","id_number":")" + idNumber(1) + R"(","user_id":")" + f.signerUserId + R"(","position":"授权签字人"})"));
    auto sig = f.http.postJson("/api/staff/" + staff + "/signatory-authorizations",
                               R"({"scheme":"CMA","parameter_ids":[")" + f.lead + R"("],"filed_on":")" + dayFromToday(1) +
                                   R"(","filing_ref":"备案回执 [test]"})",
                               f.manager);
    BOOST_REQUIRE_MESSAGE(sig.status == 201, sig.body);
    auto today = f.check("activity=sign&user_id=" + f.signerUserId + "&scheme=CMA&parameter_ids=" + f.lead);
    BOOST_TEST(!today->getValue<bool>("allowed"));
    BOOST_TEST(today->getValue<std::string>("rule") == "R12");
    BOOST_TEST(today->getValue<std::string>("reason").find(dayFromToday(1)) != std::string::npos);
    auto tomorrow = f.check("activity=sign&user_id=" + f.signerUserId + "&scheme=CMA&parameter_ids=" + f.lead + "&date=" + dayFromToday(1));
    BOOST_TEST(tomorrow->getValue<bool>("allowed"));
    auto cnas = f.check("activity=sign&user_id=" + f.signerUserId + "&scheme=CNAS&parameter_ids=" + f.lead + "&date=" + dayFromToday(1));
    BOOST_TEST(cnas->getValue<std::string>("rule") == "R10");
}

BOOST_AUTO_TEST_CASE(a_signatory_needs_an_account_of_their_own_R11) {
    StaffFixture f;
    const std::string staff = StaffFixture::id(f.addStaff(R"({"name":"无账号人员","id_number":")" + idNumber(2) + "\"}"));
    auto sig = f.http.postJson("/api/staff/" + staff + "/signatory-authorizations",
                               R"({"scheme":"CMA","parameter_ids":[")" + f.lead + R"("],"filed_on":")" + dayFromToday(0) +
                                   R"(","filing_ref":"x"})",
                               f.manager);
    BOOST_TEST(sig.status == 422);
    BOOST_TEST(sig.body.find(R"("id":"R11")") != std::string::npos, sig.body);
}

BOOST_AUTO_TEST_CASE(a_person_active_in_one_inspection_body_cannot_be_activated_in_another_R14) {
    StaffFixture f;
    const std::string person = R"(,"id_number":"11010519491231002X"})";
    auto first = f.addStaff(R"({"name":"张三")" + person);
    BOOST_REQUIRE_MESSAGE(first.status == 201, first.body);
    BOOST_TEST(parse(first.body)->getValue<std::string>("id_number") == "110105********002X");
    BOOST_TEST(first.body.find("11010519491231002X") == std::string::npos);  // never shown whole
    auto lab2 = f.http.postJson("/api/organizations", R"({"kind":"lab","name":"另一检测机构","uscc":"91110000802100433B","code":"OTHR"})", f.admin);
    BOOST_REQUIRE(lab2.status == 201);
    f.http.postJson("/api/users", R"({"username":"other.manager","display_name":"M","password":"Other-pw-12345","roles":["manager"],"org_id":")" +
                                      parse(lab2.body)->getValue<std::string>("id") + "\"}", f.admin);
    const std::string other = f.http.login("other.manager", "Other-pw-12345");
    auto second = f.addStaff(R"({"name":"张三")" + person, other);
    BOOST_TEST(second.status == 422);
    BOOST_TEST(second.body.find(R"("id":"R14")") != std::string::npos, second.body);
    auto bad = f.addStaff(R"({"name":"","id_number":"110105194912310021"})", other);
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find(R"("field":"id_number")") != std::string::npos);
    BOOST_TEST(bad.body.find(R"("field":"name")") != std::string::npos);
    auto noId = f.addStaff(R"({"name":"李四"})", other);
    BOOST_TEST(noId.status == 400);
    BOOST_TEST(noId.body.find(R"("field":"id_number")") != std::string::npos);
    auto ahead = f.http.request("POST", first.header("Location") + "/deactivate",
                                R"({"effective_date":")" + dayFromToday(30) + R"(","reason":"计划离职"})",
                                {{"Authorization", "Bearer " + f.manager}, {"Content-Type", "application/json"}, {"If-Match", first.header("ETag")}});
    BOOST_TEST(ahead.status == 400);  // still active here until then: R14 holds the person
    // Once deactivated in the first lab, the person may be activated in the second.
    auto off = f.http.request("POST", first.header("Location") + "/deactivate",
                              R"({"effective_date":")" + dayFromToday(0) + R"(","reason":"离职"})",
                              {{"Authorization", "Bearer " + f.manager}, {"Content-Type", "application/json"}, {"If-Match", first.header("ETag")}});
    BOOST_REQUIRE_MESSAGE(off.status == 200, off.body);
    BOOST_TEST(f.addStaff(R"({"name":"张三")" + person, other).status == 201);
}

BOOST_AUTO_TEST_CASE(a_method_authorization_counts_from_its_date_and_ends_with_a_reason_R13) {
    StaffFixture f;
    const std::string staff = StaffFixture::id(f.addStaff(R"({"name":"赵强","id_number":")" + idNumber(3) + R"(","user_id":")" + f.signerUserId + "\"}"));
    auto missing = f.http.postJson("/api/staff/" + staff + "/authorizations", R"({"activity":"perform","valid_from":"2026-13-01"})", f.manager);
    BOOST_TEST(missing.status == 400);
    BOOST_TEST(missing.body.find(R"("field":"method_id")") != std::string::npos);
    BOOST_TEST(missing.body.find(R"("field":"valid_from")") != std::string::npos);
    auto auth = f.http.postJson("/api/staff/" + staff + "/authorizations",
                                R"({"activity":"perform","method_id":")" + f.method + R"(","valid_from":")" + dayFromToday(-10) + "\"}", f.manager);
    BOOST_REQUIRE_MESSAGE(auth.status == 201, auth.body);
    const std::string q = "activity=perform&user_id=" + f.signerUserId + "&method_id=" + f.method;
    BOOST_TEST(f.check(q)->getValue<bool>("allowed"));
    BOOST_TEST(f.check(q + "&date=" + dayFromToday(-11))->getValue<std::string>("rule") == "R13");
    const std::string authId = parse(auth.body)->getArray("authorizations")->getObject(0)->getValue<std::string>("id");
    auto ended = f.http.postJson("/api/staff/" + staff + "/authorizations/" + authId + "/end",
                                 R"({"effective_date":")" + dayFromToday(1) + R"(","reason":"转岗"})", f.manager);
    BOOST_REQUIRE_MESSAGE(ended.status == 200, ended.body);
    BOOST_TEST(f.check(q)->getValue<bool>("allowed"));
    BOOST_TEST(!f.check(q + "&date=" + dayFromToday(1))->getValue<bool>("allowed"));
    // Checking one's own work is never allowed.
    auto self = f.check("activity=check&user_id=" + f.signerUserId + "&performer_user_id=" + f.signerUserId + "&method_id=" + f.method);
    BOOST_TEST(!self->getValue<bool>("allowed"));
    BOOST_TEST(self->getValue<std::string>("rule") == "R13");
    BOOST_TEST(self->getValue<std::string>("reason").find("different person") != std::string::npos);
    BOOST_TEST(f.http.postJson("/api/staff", R"({"name":"x"})", f.userWithRole("technician")).status == 403);
}

BOOST_AUTO_TEST_CASE(one_person_with_two_accounts_cannot_check_their_own_work_R13) {
    StaffFixture f;
    // The same person cannot even be on the staff twice (R14 by ID number) ...
    BOOST_REQUIRE(f.addStaff(R"({"name":"赵强","id_number":")" + idNumber(4) + R"(","user_id":")" + f.signerUserId + "\"}").status == 201);
    auto u2 = f.http.postJson("/api/users", R"({"username":"signer2","display_name":"赵强 [2]","password":"Signer-pw-12345","roles":["reviewer"],"org_id":")" +
                                                f.labOrg() + "\"}", f.admin);
    const std::string second = StaffFixture::id(u2);
    auto twice = f.addStaff(R"({"name":"赵强","id_number":")" + idNumber(4) + R"(","user_id":")" + second + "\"}");
    BOOST_TEST(twice.status == 422);
    BOOST_TEST(twice.body.find(R"("id":"R14")") != std::string::npos, twice.body);
    // ... and the refusal is on the audit trail.
    auto audit = f.http.get("/api/audit?entity=staff&id=440106********" + idNumber(4).substr(14), f.manager);
    BOOST_TEST(audit.body.find("\"blocked\"") != std::string::npos, audit.body);
}

BOOST_AUTO_TEST_SUITE_END()
