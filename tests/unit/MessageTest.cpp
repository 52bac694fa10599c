// Message: the catalogue of user-facing texts (assay/Message.hpp) — every key in both languages
// with the same placeholders, rendering by Accept-Language, and problem+json carrying the stable
// code beside the text in the reader's language.
#include <boost/test/unit_test.hpp>

#include <memory>
#include <set>
#include <string>

#include <Poco/JSON/Parser.h>

#include "Dispatcher.hpp"
#include "Host.hpp"
#include "assay/Error.hpp"
#include "assay/Json.hpp"
#include "assay/Message.hpp"
#include "assay/Messages.hpp"
#include "assay/StoredReasons.hpp"
#include "assay/Text.hpp"
#include "domain/Order.hpp"

using namespace assay;

namespace {
// Every definition the server can raise: the host's and each built-in module's.
MessageCatalogue wholeCatalogue() {
    MessageCatalogue c;
    c.add("host", hostMessages());
    for (const auto& m : builtinModules()) c.add(m->id(), m->messages());
    return c;
}
Poco::JSON::Object::Ptr body(const Response& r) {
    return Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Object::Ptr>();
}
bool hasHan(const std::string& s) {
    // a CJK ideograph is 3 bytes from E4..E9 in UTF-8
    for (unsigned char c : s)
        if (c >= 0xE4 && c <= 0xE9) return true;
    return false;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(messages)

BOOST_AUTO_TEST_CASE(every_key_has_both_languages_with_the_same_placeholders) {
    const MessageCatalogue c = wholeCatalogue();  // a key held twice throws here
    BOOST_TEST(c.all().size() > 100u);
    for (const auto& p : c.problems()) BOOST_ERROR(p);
    // the modules contribute their own keys beside the host's
    BOOST_TEST(c.find("field.required") != nullptr);
    BOOST_TEST(c.find("order.not_reviewed") != nullptr);
    BOOST_TEST(c.find("auth.login_failed") != nullptr);
}

BOOST_AUTO_TEST_CASE(the_check_finds_a_missing_language_and_differing_placeholders) {
    constexpr MessageDef noZh{"x.no_zh", "", "text"};
    constexpr MessageDef noEn{"x.no_en", "文本", nullptr};
    constexpr MessageDef differ{"x.differ", "最多 {max} 个字符", "at most {maximum} characters"};
    constexpr MessageDef badKey{"NoDots", "文本", "text"};
    constexpr MessageDef fine{"x.fine", "最多 {max} 个字符", "at most {max} characters"};
    BOOST_TEST(MessageCatalogue::problems(noZh).size() == 1u);
    BOOST_TEST(MessageCatalogue::problems(noEn).size() == 1u);
    BOOST_TEST(MessageCatalogue::problems(differ).size() == 1u);
    BOOST_TEST(MessageCatalogue::problems(badKey).size() == 1u);
    BOOST_TEST(MessageCatalogue::problems(fine).empty());
    MessageCatalogue c;
    c.add("a", {&fine});
    constexpr MessageDef again{"x.fine", "另一个", "another"};
    BOOST_CHECK_THROW(c.add("b", {&again}), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(accept_language_picks_english_only_when_asked) {
    BOOST_TEST((langFromAcceptLanguage("") == Lang::zhCN));
    BOOST_TEST((langFromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8") == Lang::zhCN));
    BOOST_TEST((langFromAcceptLanguage("en") == Lang::en));
    BOOST_TEST((langFromAcceptLanguage("en-US,en;q=0.9") == Lang::en));
    BOOST_TEST((langFromAcceptLanguage("fr-FR, en;q=0.5, zh;q=0.8") == Lang::zhCN));
    BOOST_TEST((langFromAcceptLanguage("de") == Lang::zhCN));
}

BOOST_AUTO_TEST_CASE(parameters_are_filled_in_at_rendering_in_each_language) {
    const Message m(msg::kTooLong, {{"max", 255}});
    BOOST_TEST(m.code() == "field.too_long");
    BOOST_TEST(m.render(Lang::en) == "must be at most 255 characters");
    BOOST_TEST(m.render(Lang::zhCN) == "最多 255 个字符");
    const Message outer(msg::kInvalidField, {{"field", "name"}, {"problem", m}});  // a message inside a message
    BOOST_TEST(outer.render(Lang::zhCN) == "name：最多 255 个字符");
    const Message old = Message::legacy("something not yet converted");
    BOOST_TEST(old.code() == "legacy");
    BOOST_TEST(old.render(Lang::zhCN) == "something not yet converted");
}

BOOST_AUTO_TEST_CASE(json_reader_problems_carry_keys_and_english_for_logs) {
    auto obj = parseObject(R"({"name":"","extra":1,"n":"5"})");
    JsonReader r(obj);
    r.requiredString("name");
    r.requiredString("title");
    r.optionalInt("n", 1, 9);
    try {
        r.finish();
        BOOST_FAIL("no error");
    } catch (const Error& e) {
        std::set<std::string> codes;
        for (const auto& f : e.fieldErrors()) codes.insert(f.field + "=" + f.message.code());
        BOOST_TEST((codes == std::set<std::string>{"name=field.empty", "title=field.required", "n=field.int_range",
                                                   "extra=field.unknown"}));
        BOOST_TEST(e.fieldErrors()[0].problem == "must not be empty");  // the English, as before
    }
}

BOOST_AUTO_TEST_CASE(problem_json_in_chinese_has_chinese_texts_and_the_stable_code) {
    std::vector<FieldError> errors;
    requiredText(errors, "reason", "  ", msg::kRequired, 500);
    errors.push_back({"name", Message(msg::kTooLong, {{"max", 100}})});
    const Error e = Error::invalid(errors);
    auto zh = body(Dispatcher::problem(e, "/api/x", "q", Lang::zhCN));
    BOOST_TEST(zh->getValue<std::string>("title") == "请求有误");
    BOOST_TEST(zh->getValue<std::string>("code") == "request.invalid_fields");
    BOOST_TEST(hasHan(zh->getValue<std::string>("detail")));
    auto items = zh->getArray("errors");
    BOOST_TEST(items->getObject(0)->getValue<std::string>("problem") == "必填");
    BOOST_TEST(items->getObject(0)->getValue<std::string>("code") == "field.required");
    BOOST_TEST(items->getObject(1)->getValue<std::string>("problem") == "最多 100 个字符");
    BOOST_TEST(items->getObject(1)->getValue<std::string>("code") == "field.too_long");

    auto en = body(Dispatcher::problem(e, "/api/x", "q", Lang::en));
    BOOST_TEST(en->getValue<std::string>("title") == "Bad Request");
    BOOST_TEST(en->getValue<std::string>("detail") == "the request has invalid fields");
    BOOST_TEST(en->getArray("errors")->getObject(1)->getValue<std::string>("problem") == "must be at most 100 characters");
    BOOST_TEST(en->getArray("errors")->getObject(1)->getValue<std::string>("code") == "field.too_long");
}

BOOST_AUTO_TEST_CASE(generic_errors_speak_chinese_and_legacy_texts_still_work) {
    auto nf = body(Dispatcher::problem(Error::notFound("sample"), "/api/s", "q", Lang::zhCN));
    BOOST_TEST(nf->getValue<std::string>("detail") == "找不到样品");
    BOOST_TEST(nf->getValue<std::string>("code") == "error.not_found");
    auto nfEn = body(Dispatcher::problem(Error::notFound("sample"), "/api/s", "q", Lang::en));
    BOOST_TEST(nfEn->getValue<std::string>("detail") == "sample not found");
    auto forbidden = body(Dispatcher::problem(Error::forbidden("reports:sign"), "/api/r", "q", Lang::zhCN));
    BOOST_TEST(forbidden->getValue<std::string>("detail") == "此操作需要权限 reports:sign，当前账号没有该权限");
    BOOST_TEST(forbidden->getValue<std::string>("code") == "auth.forbidden");
    auto one = body(Dispatcher::problem(Error::invalidField("due_date", Message(msg::kNotDate)), "/api/o", "q", Lang::zhCN));
    BOOST_TEST(one->getValue<std::string>("detail") == "due_date：请填写有效日期，格式如 2026-03-15");
    BOOST_TEST(one->getValue<std::string>("code") == "request.invalid_field");  // the detail's own key
    BOOST_TEST(one->getArray("errors")->getObject(0)->getValue<std::string>("code") == "field.not_date");
    auto rule = body(Dispatcher::problem(Error::rules({{"R33", msg::kEmpty}, {"R13", "an old English reason"}}), "/api/o", "q",
                                         Lang::zhCN));
    BOOST_TEST(rule->getValue<std::string>("code") == "rule.violated");
    BOOST_TEST(rule->getArray("rules")->getObject(0)->getValue<std::string>("reason") == "不能为空");
    BOOST_TEST(rule->getArray("rules")->getObject(0)->getValue<std::string>("code") == "field.empty");
    BOOST_TEST(rule->getArray("rules")->getObject(1)->getValue<std::string>("reason") == "an old English reason");
    BOOST_TEST(rule->getArray("rules")->getObject(1)->getValue<std::string>("code") == "legacy");
    BOOST_TEST(rule->getValue<std::string>("detail") == "R33：不能为空；R13：an old English reason");
}

BOOST_AUTO_TEST_CASE(contract_review_blockers_read_in_chinese_with_their_codes) {
    intake::Order o;
    o.status = intake::OrderStatus::Draft;
    auto blockers = intake::acceptanceBlockers(o);
    BOOST_TEST_REQUIRE(blockers.size() == 1u);
    BOOST_TEST(blockers[0].message.code() == "order.not_reviewed");
    BOOST_TEST(blockers[0].message.render(Lang::zhCN) == "委托单当前为“草稿”：只有已完成合同评审的委托单才能接受，请先进行合同评审");
    BOOST_TEST(blockers[0].reason == "the order is draft: only a reviewed order is accepted (run the contract review)");

    o.status = intake::OrderStatus::Reviewed;
    o.wantCma = true;
    intake::OrderItem item;
    item.position = 2;
    item.sampleCode = "GDQT2026000123";
    item.parameterName = "铅(以Pb计)";
    item.reviewed = true;
    item.canPerform = true;
    item.cmaInScope = false;
    o.items.push_back(item);
    blockers = intake::acceptanceBlockers(o);
    BOOST_TEST_REQUIRE(blockers.size() == 1u);
    BOOST_TEST(blockers[0].message.code() == "order.item_outside_cma");
    BOOST_TEST(blockers[0].message.render(Lang::zhCN) ==
               "第 2 项（GDQT2026000123 铅(以Pb计)）不在 CMA 资质认定范围内：须客户同意报告不加盖 CMA 标志");
    BOOST_TEST(blockers[0].message.render(Lang::en) ==
               "item 2 (GDQT2026000123 铅(以Pb计)) is outside the CMA scope: the customer must accept it without the mark");
}

BOOST_AUTO_TEST_CASE(a_stored_verdict_is_rendered_later_in_the_readers_language_and_old_english_rows_still_read) {
    // the host's own keys are in the global catalogue from the start
    const Message nested(msg::kAtMostChars, {{"max", 20}});
    const std::string stored = storeReasons({{"R1", Message(msg::kInvalidField, {{"field", "product"}, {"problem", nested}})}, {"", msg::kRequired}}, 500);
    BOOST_TEST(stored.front() == '[');
    const auto loaded = loadReasons(stored);
    BOOST_REQUIRE_EQUAL(loaded.size(), 2u);
    BOOST_TEST(loaded[0].rule == "R1");
    BOOST_TEST(loaded[0].message.code() == msg::kInvalidField.key);
    BOOST_TEST(renderReasons(loaded, Lang::zhCN) ==
               "R1: " + Message(msg::kInvalidField, {{"field", "product"}, {"problem", nested}}).render(Lang::zhCN) + "; " +
                   std::string(msg::kRequired.zh));
    BOOST_TEST(hasHan(renderReasons(loaded, Lang::zhCN)));
    BOOST_TEST(!hasHan(renderReasons(loaded, Lang::en)));
    // written before: English sentences with their rules
    const auto old = loadReasons("R23: GB 5009.15-2023 has no verification record; R13: nobody is authorized");
    BOOST_REQUIRE_EQUAL(old.size(), 2u);
    BOOST_TEST(old[1].rule == "R13");
    BOOST_TEST(old[1].message.render(Lang::zhCN) == "nobody is authorized");
    // too long for its column: the English text, clipped, which still loads
    const std::string clipped = storeReasons({{"R1", Message(msg::kInvalidField, {{"field", std::string(600, 'x')}, {"problem", "p"}})}}, 100);
    BOOST_TEST(chars(clipped) <= 100u);
    BOOST_TEST(loadReasons(clipped).front().rule == "R1");
}

BOOST_AUTO_TEST_SUITE_END()
