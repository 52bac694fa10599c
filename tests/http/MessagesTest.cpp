// Messages in the reader's language (issue 13, item 2): problem+json is written from the server's
// catalogue in the language of Accept-Language (zh-CN by default), with the stable code beside
// every text.
#include <boost/test/unit_test.hpp>

#include <map>

#include "HttpFixture.hpp"

using namespace assay::test;

namespace {
HttpResponse login(HttpFixture& f, const std::string& body, const std::string& lang) {
    return f.http.request("POST", "/api/auth/login", body, {{"Content-Type", "application/json"}, {"Accept-Language", lang}});
}
}  // namespace

BOOST_AUTO_TEST_SUITE(messages)

BOOST_AUTO_TEST_CASE(a_failed_login_reads_in_chinese_by_default_and_in_english_when_asked) {
    HttpFixture f;
    const std::string wrong = R"({"username":"admin","password":"not-the-password-1"})";
    auto zh = parse(login(f, wrong, "zh-CN,zh;q=0.9,en;q=0.8").body);
    BOOST_TEST(zh->getValue<std::string>("code") == "auth.login_failed");
    BOOST_TEST(zh->getValue<std::string>("detail") == "用户名或密码错误");
    BOOST_TEST(zh->getValue<std::string>("title") == "未登录或登录已失效");
    BOOST_TEST(zh->getValue<std::string>("type") == "urn:assay:problem:unauthorized");  // the type stays stable
    auto none = parse(f.http.request("POST", "/api/auth/login", wrong,
                                     {{"Content-Type", "application/json"}, {"Accept-Language", ""}}).body);
    BOOST_TEST(none->getValue<std::string>("detail") == "用户名或密码错误");  // zh-CN when nothing is asked
    auto en = parse(login(f, wrong, "en-US,en;q=0.9").body);
    BOOST_TEST(en->getValue<std::string>("code") == "auth.login_failed");
    BOOST_TEST(en->getValue<std::string>("detail") == "wrong username or password");
    BOOST_TEST(en->getValue<std::string>("title") == "Unauthorized");
}

BOOST_AUTO_TEST_CASE(every_field_problem_carries_its_code_and_its_text_in_the_language) {
    HttpFixture f;
    const std::string bad = R"({"username":"","bogus":1})";
    auto zh = login(f, bad, "zh-CN");
    BOOST_TEST(zh.status == 400);
    auto o = parse(zh.body);
    BOOST_TEST(o->getValue<std::string>("code") == "request.invalid_fields");
    BOOST_TEST(o->getValue<std::string>("detail") == "请求中有内容填写有误");
    std::map<std::string, std::pair<std::string, std::string>> byField;
    auto errors = o->getArray("errors");
    for (std::size_t i = 0; i < errors->size(); ++i) {
        auto e = errors->getObject(static_cast<unsigned>(i));
        byField[e->getValue<std::string>("field")] = {e->getValue<std::string>("code"), e->getValue<std::string>("problem")};
    }
    BOOST_TEST(byField["username"].first == "field.empty");
    BOOST_TEST(byField["username"].second == "不能为空");
    BOOST_TEST(byField["password"].first == "field.required");
    BOOST_TEST(byField["password"].second == "必填");
    BOOST_TEST(byField["bogus"].first == "field.unknown");
    BOOST_TEST(byField["bogus"].second == "不支持的字段");

    auto en = parse(login(f, bad, "en").body);
    auto first = en->getArray("errors")->getObject(0);
    BOOST_TEST(first->getValue<std::string>("field") == "username");
    BOOST_TEST(first->getValue<std::string>("problem") == "must not be empty");
    BOOST_TEST(first->getValue<std::string>("code") == "field.empty");
}

BOOST_AUTO_TEST_CASE(not_found_and_forbidden_name_the_thing_in_chinese) {
    HttpFixture f;
    const std::string tech = f.userWithRole("technician");
    auto forbidden = parse(f.http.request("GET", "/api/audit?entity=user&id=1", {},
                                          {{"Authorization", "Bearer " + tech}, {"Accept-Language", "zh-CN"}}).body);
    BOOST_TEST(forbidden->getValue<std::string>("code") == "auth.forbidden");
    BOOST_TEST(forbidden->getValue<std::string>("detail") == "此操作需要权限 audit:read，当前账号没有该权限");
    auto missing = parse(f.http.request("GET", "/api/no-such-thing", {}, {{"Accept-Language", "zh-CN"}}).body);
    BOOST_TEST(missing->getValue<std::string>("code") == "error.no_route");
    BOOST_TEST(missing->getValue<std::string>("detail") == "没有这个地址：/api/no-such-thing");
    BOOST_TEST(missing->getValue<std::string>("title") == "未找到");
}

BOOST_AUTO_TEST_CASE(identity_refuses_a_bad_user_in_chinese_with_the_codes) {
    HttpFixture f;
    const std::string body = R"({"username":"A b","display_name":"张三","password":"Str0ng-enough-pw","roles":["wizard"],"org_id":")" + f.labOrg() + "\"}";
    auto r = f.http.request("POST", "/api/users", body,
                            {{"Authorization", "Bearer " + f.admin}, {"Content-Type", "application/json"}, {"Accept-Language", "zh-CN"}});
    BOOST_REQUIRE_EQUAL(r.status, 400);
    std::map<std::string, std::pair<std::string, std::string>> byField;
    auto errors = parse(r.body)->getArray("errors");
    for (std::size_t i = 0; i < errors->size(); ++i) {
        auto e = errors->getObject(static_cast<unsigned>(i));
        byField[e->getValue<std::string>("field")] = {e->getValue<std::string>("code"), e->getValue<std::string>("problem")};
    }
    BOOST_TEST(byField["username"].first == "user.username_invalid");
    BOOST_TEST(byField["username"].second == "应为 3 至 64 个字符：小写字母、数字、“.”、“_”、“-”，或电子邮箱地址");
    BOOST_TEST(byField["roles[0]"].first == "user.role_unknown");
    BOOST_TEST(byField["roles[0]"].second == "未知的角色“wizard”");
    auto org = f.http.request("POST", "/api/organizations", R"({"kind":"customer","name":"某公司","uscc":"91440300708461136X","code":"ab","address":"广州市天河区测试路2号"})",
                              {{"Authorization", "Bearer " + f.admin}, {"Content-Type", "application/json"}, {"Accept-Language", "zh-CN"}});
    BOOST_REQUIRE_EQUAL(org.status, 400);
    BOOST_TEST(org.body.find(R"("code":"uscc.check_character")") != std::string::npos, org.body);
    BOOST_TEST(org.body.find("校验码不正确") != std::string::npos, org.body);
    BOOST_TEST(org.body.find("应为 2 至 8 个大写字母") != std::string::npos, org.body);
}

BOOST_AUTO_TEST_SUITE_END()
