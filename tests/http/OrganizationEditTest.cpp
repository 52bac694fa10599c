// An organization's record is corrected in place (issue 13, item 6: customers and organizations
// without the API by hand): name, address and certificate numbers change with If-Match, each
// change audited; deactivating needs a reason; the kind, USCC and lab code never change.
#include <boost/test/unit_test.hpp>

#include "HttpFixture.hpp"

using namespace assay::test;

BOOST_AUTO_TEST_SUITE(organization_edit)

BOOST_AUTO_TEST_CASE(an_organization_is_corrected_with_if_match_and_deactivated_only_with_a_reason) {
    HttpFixture f;
    const std::string lab = f.labOrg();
    const std::string path = "/api/organizations/" + lab;
    auto before = f.http.get(path, f.admin);
    BOOST_REQUIRE_EQUAL(before.status, 200);
    const std::string etag = before.header("ETag");
    BOOST_REQUIRE(!etag.empty());
    auto headers = [&](const std::string& tag) {
        return std::map<std::string, std::string>{{"Authorization", "Bearer " + f.admin}, {"Content-Type", "application/json"},
                                                   {"If-Match", tag}, {"Accept-Language", "zh-CN"}};
    };
    // The lab code is in every sample number: it never changes.
    BOOST_TEST(f.http.request("PATCH", path, R"({"code":"XX"})", headers(etag)).status == 400);
    auto changed = f.http.request("PATCH", path, R"({"address":"广州市天河区新地址88号","cma_no":"202619000999"})", headers(etag));
    BOOST_REQUIRE_MESSAGE(changed.status == 200, changed.body);
    auto o = parse(changed.body);
    BOOST_TEST(o->getValue<std::string>("address") == "广州市天河区新地址88号");
    BOOST_TEST(o->getValue<std::string>("cma_no") == "202619000999");
    BOOST_TEST(o->getValue<std::string>("code") == "TEST");
    BOOST_TEST(o->getValue<std::string>("name") == "测试实验室");
    // The old ETag is stale now.
    BOOST_TEST(f.http.request("PATCH", path, R"({"name":"别的名字"})", headers(etag)).status == 412);
    auto silent = f.http.request("PATCH", path, R"({"active":false})", headers(changed.header("ETag")));
    BOOST_TEST(silent.status == 400);
    BOOST_TEST(silent.body.find("停用或启用机构时必填") != std::string::npos, silent.body);
    auto off = f.http.request("PATCH", path, R"({"active":false,"reason":"机构注销"})", headers(changed.header("ETag")));
    BOOST_REQUIRE_MESSAGE(off.status == 200, off.body);
    BOOST_TEST(!parse(off.body)->getValue<bool>("active"));
    auto audit = f.http.get("/api/audit?entity=organization&id=" + lab, f.admin);
    BOOST_TEST(audit.body.find("新地址88号") != std::string::npos, audit.body);
    BOOST_TEST(audit.body.find("机构注销") != std::string::npos, audit.body);
    // Only those who may write organizations.
    const std::string tech = f.userWithRole("technician");
    BOOST_TEST(f.http.request("PATCH", path, R"({"name":"x"})",
                              {{"Authorization", "Bearer " + tech}, {"Content-Type", "application/json"}, {"If-Match", off.header("ETag")}})
                   .status == 403);
}

BOOST_AUTO_TEST_SUITE_END()
