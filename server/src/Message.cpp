// Message: rendering, the Accept-Language choice, and the catalogue (assay/Message.hpp).
#include "assay/Message.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>

#include "assay/Messages.hpp"
#include "assay/RequestLang.hpp"

namespace assay {

namespace {
std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}
std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}
}  // namespace

Lang langFromAcceptLanguage(std::string_view header) {
    // The language with the highest q (the first of equals) among those we write; zh-CN otherwise.
    double best = -1;
    Lang chosen = Lang::zhCN;
    std::size_t start = 0;
    while (start <= header.size()) {
        std::size_t comma = header.find(',', start);
        if (comma == std::string_view::npos) comma = header.size();
        std::string_view item = trim(header.substr(start, comma - start));
        start = comma + 1;
        if (item.empty()) continue;
        double q = 1.0;
        std::string_view tag = item;
        if (auto semi = item.find(';'); semi != std::string_view::npos) {
            tag = trim(item.substr(0, semi));
            std::string_view rest = trim(item.substr(semi + 1));
            if (rest.size() > 2 && (rest[0] == 'q' || rest[0] == 'Q') && rest[1] == '=') {
                try {
                    q = std::stod(std::string(rest.substr(2)));
                } catch (const std::exception&) {
                    q = 0;
                }
            }
        }
        const std::string t = lower(tag);
        std::optional<Lang> l;
        if (t == "en" || t.rfind("en-", 0) == 0) l = Lang::en;
        else if (t == "zh" || t.rfind("zh-", 0) == 0) l = Lang::zhCN;
        if (l && q > best) {
            best = q;
            chosen = *l;
        }
    }
    return chosen;
}

const char* langTag(Lang lang) { return lang == Lang::en ? "en" : "zh-CN"; }

namespace {
thread_local Lang tRequestLang = Lang::zhCN;
}

Lang requestLang() { return tRequestLang; }

RequestLangScope::RequestLangScope(Lang lang) : previous_(tRequestLang) { tRequestLang = lang; }

RequestLangScope::~RequestLangScope() { tRequestLang = previous_; }

MessageArg::MessageArg(const Message& m) : message(std::make_shared<const Message>(m)) {}

Message Message::legacy(std::string text) {
    Message m;
    m.legacy_ = std::move(text);
    return m;
}

std::string Message::code() const { return def_ ? def_->key : "legacy"; }

std::string Message::render(Lang lang) const {
    if (!def_) return legacy_;
    const std::string_view text = def_->text(lang);
    std::string out;
    out.reserve(text.size() + 16);
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '{') {
            const std::size_t close = text.find('}', i);
            if (close != std::string_view::npos) {
                const std::string name(text.substr(i + 1, close - i - 1));
                if (auto it = params_.find(name); it != params_.end()) {
                    out += it->second.message ? it->second.message->render(lang) : it->second.text;
                    i = close + 1;
                    continue;
                }
            }
        }
        out += text[i++];
    }
    return out;
}

std::vector<std::string> placeholders(std::string_view text) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while ((i = text.find('{', i)) != std::string_view::npos) {
        const std::size_t close = text.find('}', i);
        if (close == std::string_view::npos) break;
        out.emplace_back(text.substr(i + 1, close - i - 1));
        i = close + 1;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

MessageCatalogue& MessageCatalogue::global() {
    static MessageCatalogue* c = [] {
        auto* cat = new MessageCatalogue;  // never destroyed: read by request threads until exit
        cat->add("host", hostMessages());
        return cat;
    }();
    return *c;
}

void MessageCatalogue::add(const std::string& owner, const std::vector<const MessageDef*>& defs) {
    for (const MessageDef* d : defs) {
        auto it = byKey_.find(d->key);
        if (it != byKey_.end()) {
            if (it->second == d) continue;  // the same definition again (a module added twice)
            throw std::runtime_error("message key '" + std::string(d->key) + "' of " + owner + " is already defined by " +
                                     owner_[d->key]);
        }
        byKey_.emplace(d->key, d);
        owner_.emplace(d->key, owner);
    }
}

const MessageDef* MessageCatalogue::find(std::string_view key) const {
    auto it = byKey_.find(key);
    return it == byKey_.end() ? nullptr : it->second;
}

std::vector<std::string> MessageCatalogue::problems(const MessageDef& def) {
    std::vector<std::string> out;
    const std::string key = def.key ? def.key : "";
    bool keyOk = !key.empty() && key.find('.') != std::string::npos && key.front() != '.' && key.back() != '.';
    for (char c : key)
        if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '_'))
            keyOk = false;
    if (!keyOk) out.push_back("'" + key + "': a key is dotted lower case (field.too_long)");
    if (!def.zh || !*def.zh) out.push_back("'" + key + "': no zh-CN text");
    if (!def.en || !*def.en) out.push_back("'" + key + "': no en text");
    if (def.zh && def.en && placeholders(def.zh) != placeholders(def.en))
        out.push_back("'" + key + "': the placeholders differ between zh-CN and en");
    return out;
}

std::vector<std::string> MessageCatalogue::problems() const {
    std::vector<std::string> out;
    for (const auto& [key, def] : byKey_) {
        auto p = problems(*def);
        out.insert(out.end(), p.begin(), p.end());
    }
    return out;
}

namespace msg {
// The host's texts (declared in assay/Messages.hpp).
const MessageDef kRequired{"field.required", "必填", "required"};
const MessageDef kRequiredInt{"field.required_int", "必填：{min} 至 {max} 之间的整数",
                                         "required: a whole number from {min} to {max}"};
const MessageDef kRequiredId{"field.required_id", "必填：请选择一项", "required: an id"};
const MessageDef kRequiredDate{"field.required_date", "必填：请填写日期，格式如 2026-03-15", "required: a date YYYY-MM-DD"};
const MessageDef kEmpty{"field.empty", "不能为空", "must not be empty"};
const MessageDef kTooLong{"field.too_long", "最多 {max} 个字符", "must be at most {max} characters"};
const MessageDef kAtMostChars{"field.at_most_chars", "最多 {max} 个字符", "at most {max} characters"};
const MessageDef kNotString{"field.not_string", "应为文本", "must be a string"};
const MessageDef kNotObject{"field.not_object", "格式不正确", "must be an object"};
const MessageDef kIntRange{"field.int_range", "应为 {min}～{max} 之间的整数",
                                      "must be a whole number from {min} to {max}"};
const MessageDef kIntegerRange{"field.integer_range", "应为 {min}～{max} 之间的整数",
                                          "must be an integer from {min} to {max}"};
const MessageDef kNotBool{"field.not_bool", "应为“是”或“否”", "must be true or false"};
const MessageDef kNotStringArray{"field.not_string_array", "应为文本列表", "must be an array of strings"};
const MessageDef kTooManyItems{"field.too_many_items", "最多 {max} 项", "must have at most {max} items"};
const MessageDef kUnknownField{"field.unknown", "不支持的字段", "unknown field"};
const MessageDef kOneOf{"field.one_of", "应为以下之一：{choices}", "must be one of: {choices}"};
const MessageDef kInvalidUtf8{"field.invalid_utf8", "必须是有效的 UTF-8 文本", "must be valid UTF-8"};
const MessageDef kControlChars{"field.control_chars", "不能含控制字符", "must not contain control characters"};
const MessageDef kSingleLine{"field.single_line", "只能填写一行（不能换行）", "must be a single line (no line breaks)"};
const MessageDef kNoTab{"field.no_tab", "不能包含制表符（只能填写一行）", "must not contain a tab (a single line of text)"};
const MessageDef kNotDate{"field.not_date", "请填写有效日期，格式如 2026-03-15", "must be a date YYYY-MM-DD"};
const MessageDef kNotId{"field.not_id", "应为有效的编号", "must be an id (a decimal string)"};
const MessageDef kNotIdShort{"field.not_id_short", "应为有效的编号", "must be an id"};
const MessageDef kNotDecimal{"field.not_decimal", "应为数字", "must be a decimal number"};
const MessageDef kDecimalAsString{"field.decimal_as_string", "数值须以文本形式填写（如 \"0.005\"），不能写成数字类型",
                                             "must be a decimal string such as \"0.005\", not a JSON number"};
const MessageDef kNumberOutOfRange{"field.number_out_of_range", "数值超出范围", "number out of range"};
const MessageDef kInFuture{"field.in_future", "不能晚于今天", "is in the future"};
const MessageDef kGreaterThanZero{"field.greater_than_zero", "应大于 0", "must be greater than 0"};
const MessageDef kPositive{"field.positive", "应为正数", "must be positive"};
const MessageDef kListedTwice{"field.listed_twice", "重复列出", "listed twice"};
const MessageDef kMalformedCursor{"field.malformed_cursor", "分页游标无效", "malformed cursor"};
const MessageDef kRowChanged{"field.row_changed", "该记录已被他人修改，请刷新后重试", "the row was changed meanwhile"};
const MessageDef kBodyRequired{"body.required", "请求内容格式不正确", "a JSON object is required"};
const MessageDef kBodyMalformed{"body.malformed", "请求内容格式不正确，无法解析", "malformed JSON"};
const MessageDef kBodyNotObject{"body.not_object", "请求内容格式不正确", "must be a JSON object"};
const MessageDef kInvalidFields{"request.invalid_fields", "请求中有内容填写有误", "the request has invalid fields"};
const MessageDef kInvalidField{"request.invalid_field", "{field}：{problem}", "{field}: {problem}"};
const MessageDef kRuleBroken{"rule.violated", "{id}：{reason}", "{id}: {reason}"};
const MessageDef kNotFound{"error.not_found", "找不到{what}", "{what} not found"};
const MessageDef kMethodNotAllowed{"error.method_not_allowed", "此资源不允许 {method} 请求",
                                              "method {method} is not allowed on this resource"};
const MessageDef kUnauthenticated{"auth.required", "请先登录", "authentication required"};
const MessageDef kCredentialInvalid{"auth.credential_invalid", "登录已失效，请重新登录", "the credential is invalid or expired"};
const MessageDef kTooLarge{"error.too_large", "请求内容过大：不能超过 {max} 字节", "the request body exceeds {max} bytes"};
const MessageDef kForbidden{"auth.forbidden", "此操作需要权限 {permission}，当前账号没有该权限",
                                       "this action needs the permission {permission}"};
const MessageDef kInternal{"error.internal", "服务器内部错误，请联系管理员", "internal error"};
const MessageDef kUnavailable{"error.unavailable", "数据库繁忙或暂时不可用，请稍后重试",
                                         "the database is busy or unavailable; retry later"};
const MessageDef kUsccLength{"uscc.length", "应为 18 位", "must be 18 characters"};
const MessageDef kUsccCharacter{"uscc.character", "第 {position} 位字符无效（只能是数字和除 I、O、S、V、Z 以外的大写字母）",
                                "character {position} is not allowed (digits and upper-case letters except I, O, S, V, Z)"};
const MessageDef kUsccDivision{"uscc.division", "第 3 至 8 位应为行政区划码（数字）", "characters 3-8 must be the administrative division code (digits)"};
const MessageDef kUsccCheck{"uscc.check_character", "校验码不正确", "bad check character"};
const MessageDef kStale{"error.stale", "该记录已被他人修改，请刷新后重试",
                                   "the resource was changed since it was read; reload it and try again"};
const MessageDef kTitleBadRequest{"title.bad_request", "请求有误", "Bad Request"};
const MessageDef kTitleUnauthorized{"title.unauthorized", "未登录或登录已失效", "Unauthorized"};
const MessageDef kTitleForbidden{"title.forbidden", "没有权限", "Forbidden"};
const MessageDef kTitleNotFound{"title.not_found", "未找到", "Not Found"};
const MessageDef kTitleMethodNotAllowed{"title.method_not_allowed", "不允许的请求方法", "Method Not Allowed"};
const MessageDef kTitleConflict{"title.conflict", "状态冲突", "Conflict"};
const MessageDef kTitlePrecondition{"title.precondition_failed", "记录已被修改", "Precondition Failed"};
const MessageDef kTitleTooLarge{"title.too_large", "内容过大", "Payload Too Large"};
const MessageDef kTitleUnsupportedMedia{"title.unsupported_media", "不支持的内容类型", "Unsupported Media Type"};
const MessageDef kTitleRule{"title.rule_violation", "不符合规则", "Rule Violation"};
const MessageDef kTitleUnprocessable{"title.unprocessable", "无法办理", "Unprocessable Entity"};
const MessageDef kTitleTooManyRequests{"title.too_many_requests", "请求过于频繁", "Too Many Requests"};
const MessageDef kTitleUnavailable{"title.unavailable", "服务暂不可用", "Service Unavailable"};
const MessageDef kTitleInternal{"title.internal", "服务器内部错误", "Internal Server Error"};

const MessageDef kNoRoute{"error.no_route", "没有这个地址：{path}", "route {path} not found"};

namespace {
struct Noun {
    const char* english;
    MessageDef def;
};
// Keys "noun.<english with underscores>".
const Noun kNouns[] = {
    {"sample", {"noun.sample", "样品", "sample"}},
    {"order", {"noun.order", "委托单", "order"}},
    {"order item", {"noun.order_item", "委托项目", "order item"}},
    {"test item", {"noun.test_item", "检测项目", "test item"}},
    {"test items of the sample", {"noun.test_items_of_sample", "该样品的检测项目", "test items of the sample"}},
    {"method", {"noun.method", "检测方法", "method"}},
    {"standard", {"noun.standard", "标准", "standard"}},
    {"specification", {"noun.specification", "产品标准（判定依据）", "specification"}},
    {"instrument", {"noun.instrument", "仪器", "instrument"}},
    {"equipment", {"noun.equipment", "设备", "equipment"}},
    {"batch", {"noun.batch", "批次", "batch"}},
    {"user", {"noun.user", "用户", "user"}},
    {"staged result", {"noun.staged_result", "待确认的仪器读数", "staged result"}},
    {"report", {"noun.report", "报告", "report"}},
    {"certificate", {"noun.certificate", "签字人证书", "certificate"}},
    {"organization", {"noun.organization", "机构", "organization"}},
    {"resource", {"noun.resource", "所请求的资源", "resource"}},
    {"qualification", {"noun.qualification", "资质", "qualification"}},
    {"nonconformity", {"noun.nonconformity", "不符合项", "nonconformity"}},
    {"PT round", {"noun.pt_round", "能力验证轮次", "PT round"}},
    {"watched folder", {"noun.watched_folder", "监视文件夹", "watched folder"}},
    {"subcontract", {"noun.subcontract", "分包", "subcontract"}},
    {"staff member", {"noun.staff_member", "人员", "staff member"}},
    {"scope row", {"noun.scope_row", "能力范围条目", "scope row"}},
    {"scope change", {"noun.scope_change", "能力范围变更", "scope change"}},
    {"running listener", {"noun.running_listener", "运行中的接收端口", "running listener"}},
};
}  // namespace

const MessageDef* noun(std::string_view english) {
    for (const auto& n : kNouns)
        if (english == n.english) return &n.def;
    return nullptr;
}
}  // namespace msg

const std::vector<const MessageDef*>& hostMessages() {
    using namespace msg;
    static const std::vector<const MessageDef*> all = [] {
        std::vector<const MessageDef*> v = {
            &kRequired, &kRequiredInt, &kRequiredId, &kRequiredDate, &kEmpty, &kTooLong, &kAtMostChars, &kNotString,
            &kNotObject, &kIntRange, &kIntegerRange, &kNotBool, &kNotStringArray, &kTooManyItems, &kUnknownField,
            &kOneOf, &kInvalidUtf8, &kControlChars, &kSingleLine, &kNoTab, &kNotDate, &kNotId, &kNotIdShort,
            &kNotDecimal, &kDecimalAsString, &kNumberOutOfRange, &kInFuture, &kGreaterThanZero, &kPositive,
            &kListedTwice, &kMalformedCursor, &kRowChanged, &kBodyRequired, &kBodyMalformed, &kBodyNotObject,
            &kInvalidFields, &kInvalidField, &kRuleBroken, &kNotFound, &kMethodNotAllowed, &kUnauthenticated, &kCredentialInvalid, &kTooLarge,
            &kForbidden, &kInternal, &kUnavailable, &kStale, &kTitleBadRequest, &kTitleUnauthorized,
            &kTitleForbidden, &kTitleNotFound, &kTitleMethodNotAllowed, &kTitleConflict, &kTitlePrecondition,
            &kTitleTooLarge, &kTitleUnsupportedMedia, &kTitleRule, &kTitleUnprocessable, &kTitleTooManyRequests,
            &kTitleUnavailable, &kTitleInternal, &kNoRoute, &kUsccLength, &kUsccCharacter, &kUsccDivision, &kUsccCheck};
        for (const auto& n : kNouns) v.push_back(&n.def);
        return v;
    }();
    return all;
}

}  // namespace assay
