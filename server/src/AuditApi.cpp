// AuditApi: the audit trail filtered, paged and exported.
#include "AuditApi.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <set>

#include <Poco/JSON/Array.h>

#include "assay/Api.hpp"
#include "assay/AuditQuery.hpp"
#include "assay/AuditVocabulary.hpp"
#include "assay/Json.hpp"
#include "assay/Text.hpp"
#include "assay/Xlsx.hpp"

namespace assay {

namespace {
constexpr int kExportPage = 1000;
constexpr std::int64_t kLabOffsetMs = 8LL * 3600 * 1000;  // the lab's day starts at 00:00 UTC+8
constexpr std::size_t kMaxCellChars = 32000;               // Excel holds at most 32,767 characters in a cell

// The filter of one request, and the period as given (for the export's notes and file name).
struct AuditView {
    AuditFilter filter;
    std::optional<std::string> from, to;
    Page page;
};

std::int64_t labDayStartMs(std::chrono::sys_days d) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(d.time_since_epoch()).count() - kLabOffsetMs;
}

// Reads every parameter and reports every problem at once (one 400). `paged`: cursor and limit too.
AuditView auditView(const Request& req, bool paged) {
    static const std::set<std::string> kFilters = {"from", "to", "actor", "entity", "id", "action", "order"};
    std::vector<FieldError> errors;
    for (const auto& [name, value] : req.queryParams()) {
        (void)value;
        if (!kFilters.count(name) && !(paged && (name == "cursor" || name == "limit")))
            errors.push_back({name, std::string("unknown parameter: the filters are from, to, actor, entity, id, action and order") +
                                        (paged ? ", with cursor and limit" : "")});
    }
    auto text = [&](const char* name, std::size_t maxChars) -> std::optional<std::string> {
        auto v = req.query(name);
        if (!v || v->empty()) return std::nullopt;
        if (tooLong(errors, name, *v, maxChars)) return std::nullopt;
        return v;
    };
    auto date = [&](const char* name) -> std::optional<std::chrono::sys_days> {
        auto v = req.query(name);
        if (!v || v->empty()) return std::nullopt;
        auto d = parseIsoDate(*v);
        if (!d || v->size() != 10) {
            errors.push_back({name, "must be a date YYYY-MM-DD (the lab's calendar day, UTC+08:00)"});
            return std::nullopt;
        }
        return d;
    };

    AuditView view;
    AuditFilter& f = view.filter;
    const auto from = date("from"), to = date("to");
    if (from) f.fromMs = labDayStartMs(*from), view.from = formatIsoDate(*from);
    if (to) f.toMs = labDayStartMs(*to + std::chrono::days(1)), view.to = formatIsoDate(*to);
    if (from && to && *to < *from) errors.push_back({"to", "must not be before from"});

    if (auto actor = text("actor", 100)) {
        // Usernames are lower-case (logins match any case); API keys keep their prefix as issued.
        if (actor->rfind("apikey:", 0) != 0)
            for (auto& c : *actor) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        f.actor = actor;
    }
    if (auto entity = text("entity", 64)) {
        if (auditEntityTypeName(*entity)) f.entity = entity;
        else errors.push_back({"entity", "unknown entity type (GET /api/audit/vocabulary lists them)"});
    }
    if (auto id = text("id", 128)) {
        f.entityId = id;
        if (req.query("entity").value_or("").empty())
            errors.push_back({"entity", "required with id: an id names an entity of one type"});
    }
    if (auto action = text("action", 32)) {
        if (auditActionName(*action)) f.action = action;
        else errors.push_back({"action", "unknown action (GET /api/audit/vocabulary lists them)"});
    }
    if (auto order = req.query("order"); order && !order->empty()) {
        if (*order == "desc") f.newestFirst = true;
        else if (*order != "asc") errors.push_back({"order", "must be asc (oldest first) or desc (newest first)"});
    }
    if (paged) {
        if (auto c = req.query("cursor"); c && !c->empty()) {
            view.page.cursor = parseId(*c);
            if (view.page.cursor == 0) errors.push_back({"cursor", "malformed cursor"});
        }
        if (auto l = req.query("limit")) {
            auto [ptr, ec] = std::from_chars(l->data(), l->data() + l->size(), view.page.limit);
            if (ec != std::errc() || ptr != l->data() + l->size() || view.page.limit < 1 || view.page.limit > 500)
                errors.push_back({"limit", "must be an integer from 1 to 500"});
        }
    }
    if (!errors.empty()) throw Error::invalid(errors);

    // A lab's staff see the events recorded for their own organization (none without one).
    const Principal& p = req.principal();
    if (!p.hasRole("admin")) f.orgId = p.orgId.value_or(-1);
    return view;
}

Poco::JSON::Object::Ptr render(const AuditRecord& r) {
    auto o = makeObject();
    o->set("seq", std::to_string(r.seq));
    o->set("at", formatRfc3339(fromEpochMillis(r.atMillis)));
    o->set("actor", r.actorName);
    o->set("org_id", optId(r.orgId));
    o->set("entity", r.event.entity);
    o->set("entity_id", r.event.entityId);
    o->set("action", r.event.action);
    o->set("field", r.event.field);
    o->set("old_value", optStr(r.event.oldValue));
    o->set("new_value", optStr(r.event.newValue));
    o->set("reason", optStr(r.event.reason));
    o->set("request_id", r.requestId);
    o->set("hash", r.hash);
    return o;
}

// Text as a spreadsheet cell takes it: valid UTF-8 (a bad byte becomes U+FFFD), no control
// characters XML cannot carry, at most kMaxCellChars characters (the rest is in the API).
std::string cellText(const std::string& in) {
    static const std::string kReplacement = "\xEF\xBF\xBD";
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size();) {
        const unsigned char c = static_cast<unsigned char>(in[i]);
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') out += kReplacement;
            else out += static_cast<char>(c);
            ++i;
            continue;
        }
        const std::size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool ok = len > 0 && i + len <= in.size();
        std::uint32_t cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t k = 1; ok && k < len; ++k) {
            const unsigned char cc = static_cast<unsigned char>(in[i + k]);
            ok = (cc & 0xC0) == 0x80;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates, beyond U+10FFFF and the non-characters XML refuses.
        ok = ok && !(len == 2 && cp < 0x80) && !(len == 3 && cp < 0x800) && !(len == 4 && cp < 0x10000) &&
             !(cp >= 0xD800 && cp <= 0xDFFF) && cp <= 0x10FFFF && cp != 0xFFFE && cp != 0xFFFF;
        if (ok) {
            out.append(in, i, len);
            i += len;
        } else {
            out += kReplacement;
            ++i;
        }
    }
    if (chars(out) > kMaxCellChars) out = clip(out, kMaxCellChars) + "（已截断，全文见 GET /api/audit）";
    return out;
}

std::string exportName(const AuditView& v) {
    std::string name = "审计记录";
    if (v.from) name += "-" + *v.from;
    if (v.to) name += (v.from ? "至" : "-至") + *v.to;
    return name + ".xlsx";
}

Response exportXlsx(Db& db, const Clock& clock, int maxRows, const Request& req) {
    const AuditView view = auditView(req, false);
    const AuditFilter& f = view.filter;
    int want = kExportPage;
    auto page = db.read([&](Tx& tx) { return AuditQuery::find(tx, f, 0, want); });

    XlsxWorkbook book(true);  // constant memory: rows written in order and flushed
    book.addSheet("审计记录");
    const char* headers[] = {"序号", "时间", "用户", "对象类型", "对象编号", "操作", "字段", "原值", "新值", "原因", "请求编号", "哈希 (SHA-256)"};
    const double widths[] = {9, 20, 16, 14, 24, 14, 16, 36, 36, 30, 24, 66};
    constexpr int kColumns = static_cast<int>(std::size(headers));
    for (int c = 0; c < kColumns; ++c) book.columnWidth(c, widths[c]);
    for (int c = 0; c < kColumns; ++c) book.text(0, c, headers[c], XlsxStyle::Header);
    book.freezeRows(1);
    int row = 0;
    bool truncated = false;
    for (;;) {
        for (const auto& r : page) {
            if (row >= maxRows) {
                truncated = true;
                break;
            }
            ++row;
            book.text(row, 0, std::to_string(r.seq));
            book.timestamp(row, 1, r.atMillis);
            book.text(row, 2, cellText(r.actorName));
            book.text(row, 3, auditEntityTypeName(r.event.entity).value_or(cellText(r.event.entity)));
            book.text(row, 4, cellText(r.event.entityId));
            book.text(row, 5, auditActionName(r.event.action).value_or(cellText(r.event.action)));
            book.text(row, 6, cellText(r.event.field));
            book.text(row, 7, cellText(r.event.oldValue.value_or("")));
            book.text(row, 8, cellText(r.event.newValue.value_or("")));
            book.text(row, 9, cellText(r.event.reason.value_or("")));
            book.text(row, 10, cellText(r.requestId));
            book.text(row, 11, r.hash);
        }
        if (truncated || static_cast<int>(page.size()) < want) break;
        // At the limit one more row is read, so a file of exactly the limit is not called cut.
        want = std::min(kExportPage, maxRows - row + 1);
        const std::int64_t after = page.back().seq;
        page = db.read([&](Tx& tx) { return AuditQuery::find(tx, f, after, want); });
    }
    book.autofilter(0, 0, row, kColumns - 1);
    if (truncated)
        book.text(row + 2, 0,
                  "只导出了前 " + std::to_string(maxRows) + " 条（按所选顺序）；请缩小筛选范围（期间、用户、对象类型或操作）后分批导出。",
                  XlsxStyle::Note);

    // What was exported, by whom and when: the assessor's file names its own filter.
    book.addSheet("筛选条件");
    book.columnWidth(0, 14);
    book.columnWidth(1, 60);
    const Principal& p = req.principal();
    auto orAll = [](const std::optional<std::string>& v) { return v ? *v : std::string("（全部）"); };
    const std::pair<std::string, std::string> notes[] = {
        {"导出时间", formatRfc3339(clock.now())},
        {"导出人", p.username},
        {"起始日期", view.from.value_or("（不限）")},
        {"截止日期", view.to.value_or("（不限）")},
        {"用户", orAll(f.actor)},
        {"对象类型", f.entity ? auditEntityTypeName(*f.entity).value_or(*f.entity) + "（" + *f.entity + "）" : "（全部）"},
        {"对象编号", orAll(f.entityId)},
        {"操作", f.action ? auditActionName(*f.action).value_or(*f.action) + "（" + *f.action + "）" : "（全部）"},
        {"范围", p.hasRole("admin") ? "所有机构" : "本机构"},
        {"排序", f.newestFirst ? "时间倒序（最新在前）" : "时间正序（最早在前）"},
        {"记录数", std::to_string(row) + (truncated ? "（已截断，上限 " + std::to_string(maxRows) + " 条）" : "")},
        {"日期说明", "起止日期均含当日，按实验室所在时区（UTC+08:00）计"},
    };
    book.text(0, 0, "项目", XlsxStyle::Header);
    book.text(0, 1, "内容", XlsxStyle::Header);
    int n = 0;
    for (const auto& [k, v] : notes) {
        ++n;
        book.text(n, 0, k);
        book.text(n, 1, cellText(v));
    }

    Response r = Response::file(book.finish(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exportName(view));
    r.headers.emplace_back("Assay-Export-Rows", std::to_string(row));
    if (truncated) r.headers.emplace_back("Assay-Export-Truncated", std::to_string(maxRows));
    return r;
}
}  // namespace

void registerAuditRoutes(Router& router, Db& db, const Clock& clock, int maxExportRows) {
    router.add({"GET", "/api/audit", "audit:read",
                "Audit events by period, actor, entity type, entity and action (keyset pages, time order)", [&db](Request& req) {
                    const AuditView view = auditView(req, true);
                    const int limit = view.page.limit;
                    auto records = db.read([&](Tx& tx) { return AuditQuery::find(tx, view.filter, view.page.cursor, limit + 1); });
                    const bool more = static_cast<int>(records.size()) > limit;
                    if (more) records.resize(static_cast<std::size_t>(limit));
                    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
                    for (const auto& r : records) items->add(render(r));
                    auto out = makeObject();
                    out->set("items", items);
                    out->set("next_cursor", more ? Poco::Dynamic::Var(std::to_string(records.back().seq)) : Poco::Dynamic::Var());
                    return Response::json(out);
                }});
    router.add({"GET", "/api/audit/export.xlsx", "audit:read", "The filtered audit trail as an Excel file (at most audit.export_max_rows rows)",
                [&db, &clock, maxExportRows](Request& req) { return exportXlsx(db, clock, maxExportRows, req); }});
    router.add({"GET", "/api/audit/vocabulary", "audit:read", "The entity types and actions the audit trail can be filtered on",
                [](Request&) {
                    Poco::JSON::Array::Ptr entities = new Poco::JSON::Array, actions = new Poco::JSON::Array;
                    for (const auto& t : auditEntityTypes()) entities->add(std::string(t.code));
                    for (const auto& t : auditActions()) actions->add(std::string(t.code));
                    auto out = makeObject();
                    out->set("entity_types", entities);
                    out->set("actions", actions);
                    return Response::json(out);
                }});
}

}  // namespace assay
