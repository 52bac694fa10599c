// The audit trail reviewed as an assessor does (GET /api/audit, its Excel export): by period,
// user, entity type and action, in keyset pages without duplicates or gaps, inside the tenant,
// with every bad parameter named in one 400, and the export read back by openpyxl.
#include <boost/test/unit_test.hpp>

#include <set>

#include "HttpFixture.hpp"

using namespace assay::test;

namespace {

struct AuditFixture : HttpFixture {
    std::string manager, tech;

    explicit AuditFixture(std::map<std::string, std::string> env = {}) : HttpFixture(std::move(env)) {
        manager = userWithRole("manager");  // u.manager
        tech = userWithRole("technician");  // u.technician
    }

    // Registers n samples in one request (n "sample create" events by the technician, one time).
    void samples(int n, const std::string& token) {
        std::string body = R"({"samples":[)";
        for (int i = 0; i < n; ++i) body += std::string(i ? "," : "") + R"({"name":"大米","product_category":"粮食及其制品"})";
        auto r = http.postJson("/api/samples/batch", body + "]}", token);
        BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    }

    Poco::JSON::Array::Ptr items(const std::string& query, const std::string& token) {
        auto r = http.get("/api/audit?" + query, token);
        BOOST_REQUIRE_MESSAGE(r.status == 200, query << ": " << r.body);
        return parse(r.body)->getArray("items");
    }
};

std::string field(const Poco::JSON::Array::Ptr& items, std::size_t i, const std::string& key) {
    return items->getObject(static_cast<unsigned>(i))->getValue<std::string>(key);
}

// Every page of a query followed through next_cursor: the seqs in order, and the number of pages.
std::pair<std::vector<std::string>, int> walk(HttpFixture& f, const std::string& query, const std::string& token) {
    std::vector<std::string> seqs;
    std::string cursor;
    int pages = 0;
    for (;;) {
        auto r = f.http.get("/api/audit?" + query + (cursor.empty() ? "" : "&cursor=" + cursor), token);
        BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
        auto o = parse(r.body);
        auto items = o->getArray("items");
        ++pages;
        for (std::size_t i = 0; i < items->size(); ++i) seqs.push_back(field(items, i, "seq"));
        if (o->isNull("next_cursor")) break;
        cursor = o->getValue<std::string>("next_cursor");
        BOOST_REQUIRE(pages < 1000);
    }
    return {seqs, pages};
}

std::set<std::string> problemFields(const HttpResponse& r) {
    std::set<std::string> out;
    auto errors = parse(r.body)->getArray("errors");
    for (std::size_t i = 0; errors && i < errors->size(); ++i)
        out.insert(errors->getObject(static_cast<unsigned>(i))->getValue<std::string>("field"));
    return out;
}

std::string readWorkbook(const TempDir& dir, const std::string& bytes) {
    writeFile(dir.file("audit.xlsx"), bytes);
    writeFile(dir.file("read.py"), R"PY(
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    print("SHEET=" + ws.title)
    print("FREEZE=" + str(ws.freeze_panes))
    print("FILTER=" + str(ws.auto_filter.ref))
    print("ROWS=" + str(ws.max_row))
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None:
                v = c.value.strftime("%Y-%m-%d %H:%M:%S") + " [" + type(c.value).__name__ + " " + c.number_format + "]" if hasattr(c.value, "strftime") else c.value
                print(f"{ws.title}!{c.coordinate}={v}")
)PY");
    // Debian's own interpreter: python3-openpyxl is installed for it (scripts/install-deps.sh --test).
    auto r = runProcess("/usr/bin/python3", {dir.file("read.py"), dir.file("audit.xlsx")}, {});
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, "openpyxl could not read the export: " + r.out);
    return r.out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(audit_review)

BOOST_AUTO_TEST_CASE(the_trail_is_filtered_by_period_user_entity_type_and_action) {
    AuditFixture f;
    f.samples(3, f.tech);
    auto standard = f.http.postJson("/api/register/standards", R"({"number":"GB 5009.12","year":2023,"title":"食品中铅的测定"})", f.manager);
    BOOST_REQUIRE_MESSAGE(standard.status == 201, standard.body);

    // Everything the technician did: the login and the three samples, nobody else's events.
    auto mine = f.items("actor=u.technician", f.manager);
    BOOST_TEST(mine->size() == 4u);
    for (std::size_t i = 0; i < mine->size(); ++i) BOOST_TEST(field(mine, i, "actor") == "u.technician");
    BOOST_TEST(field(mine, 0, "action") == "login");
    BOOST_TEST(f.items("actor=U.Technician", f.manager)->size() == 4u);  // usernames are lower-case

    // By entity type, and by action, across users.
    auto samples = f.items("entity=sample", f.manager);
    BOOST_TEST(samples->size() == 3u);
    for (std::size_t i = 0; i < samples->size(); ++i) BOOST_TEST(field(samples, i, "action") == "create");
    auto logins = f.items("action=login", f.manager);
    std::set<std::string> who;
    for (std::size_t i = 0; i < logins->size(); ++i) who.insert(field(logins, i, "actor"));
    BOOST_TEST((who == std::set<std::string>{"u.manager", "u.technician"}));
    BOOST_TEST(f.items("entity=standard&action=create&actor=u.manager", f.manager)->size() == 1u);
    BOOST_TEST(f.items("entity=standard&actor=u.technician", f.manager)->size() == 0u);
    BOOST_TEST(f.items("entity=sample&id=" + field(samples, 1, "entity_id"), f.manager)->size() == 1u);

    // By period: lab dates (UTC+08:00), both ends included.
    const std::string all = "actor=u.technician";
    BOOST_TEST(f.items(all + "&from=" + dayFromToday(0) + "&to=" + dayFromToday(0), f.manager)->size() == 4u);
    BOOST_TEST(f.items(all + "&from=" + dayFromToday(-30) + "&to=" + dayFromToday(0), f.manager)->size() == 4u);
    BOOST_TEST(f.items(all + "&from=" + dayFromToday(1), f.manager)->size() == 0u);
    BOOST_TEST(f.items(all + "&to=" + dayFromToday(-1), f.manager)->size() == 0u);
    BOOST_TEST(f.items(all + "&from=" + dayFromToday(-1) + "&to=" + dayFromToday(-1), f.manager)->size() == 0u);
    // Time order, or newest first; the times are the lab's (+08:00).
    auto newest = f.items(all + "&order=desc", f.manager);
    BOOST_TEST(field(newest, 3, "action") == "login");
    BOOST_TEST(field(newest, 0, "at").substr(19) == "+08:00");
    BOOST_TEST(std::stoll(field(newest, 0, "seq")) > std::stoll(field(newest, 3, "seq")));

    // The vocabulary the filters take.
    auto vocabulary = f.http.get("/api/audit/vocabulary", f.manager);
    BOOST_REQUIRE(vocabulary.status == 200);
    BOOST_TEST(vocabulary.body.find(R"("result")") != std::string::npos);
    BOOST_TEST(vocabulary.body.find(R"("update")") != std::string::npos);
    BOOST_TEST(f.http.get("/api/audit/vocabulary", f.tech).status == 403);
    BOOST_TEST(f.http.get("/api/audit/export.xlsx", f.tech).status == 403);
}

BOOST_AUTO_TEST_CASE(a_lab_sees_only_its_own_events_and_an_admin_sees_every_lab) {
    AuditFixture f;
    f.samples(2, f.tech);
    auto other = f.http.postJson("/api/organizations",
                                 R"({"kind":"lab","name":"另一实验室","uscc":"91330100799655058B","code":"OTHR","address":"杭州市西湖区测试路2号"})", f.admin);
    BOOST_REQUIRE_MESSAGE(other.status == 201, other.body);
    auto created = f.http.postJson("/api/users", R"({"username":"other.manager","display_name":"另一位负责人","password":"Role-pw-12345","roles":["manager"],"org_id":")" +
                                                     parse(other.body)->getValue<std::string>("id") + "\"}",
                                   f.admin);
    BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
    const std::string otherManager = f.http.login("other.manager", "Role-pw-12345");

    BOOST_TEST(f.items("actor=u.technician", otherManager)->size() == 0u);
    BOOST_TEST(f.items("entity=sample", otherManager)->size() == 0u);
    auto theirs = f.items("", otherManager);  // only their own login
    BOOST_TEST(theirs->size() == 1u);
    BOOST_TEST(field(theirs, 0, "actor") == "other.manager");
    BOOST_TEST(f.items("entity=sample", f.manager)->size() == 2u);
    // The admin sees both labs, and the events of no organization (its own logins, creating the labs).
    BOOST_TEST(f.items("entity=sample", f.admin)->size() == 2u);
    BOOST_TEST(f.items("actor=other.manager", f.admin)->size() == 1u);
    BOOST_TEST(f.items("actor=admin&entity=organization", f.admin)->size() == 2u);
    BOOST_TEST(f.items("actor=admin", f.manager)->size() == 0u);
    // The export keeps to the tenant too.
    auto x = f.http.get("/api/audit/export.xlsx?entity=sample", otherManager);
    BOOST_REQUIRE(x.status == 200);
    BOOST_TEST(x.header("Assay-Export-Rows") == "0");
}

BOOST_AUTO_TEST_CASE(keyset_pages_cover_the_filtered_trail_without_duplicates_or_gaps) {
    AuditFixture f;
    f.samples(23, f.tech);  // one transaction: many events recorded in the same millisecond
    const std::string q = "entity=sample&actor=u.technician";
    const auto whole = walk(f, q + "&limit=500", f.manager);
    BOOST_REQUIRE(whole.first.size() == 23u);
    BOOST_TEST(whole.second == 1);
    for (const int limit : {1, 5, 7, 23}) {
        BOOST_TEST_CONTEXT("limit " << limit) {
            const auto paged = walk(f, q + "&limit=" + std::to_string(limit), f.manager);
            BOOST_TEST(paged.first == whole.first);  // the same events, in the same order, once each
            BOOST_TEST(paged.second == (23 + limit - 1) / limit);  // a full last page ends the walk: no empty page
            auto newest = walk(f, q + "&order=desc&limit=" + std::to_string(limit), f.manager);
            std::reverse(newest.first.begin(), newest.first.end());
            BOOST_TEST(newest.first == whole.first);
        }
    }
    BOOST_TEST(std::set<std::string>(whole.first.begin(), whole.first.end()).size() == 23u);

    // Events appended while an assessor pages come after the cursor: none is skipped or repeated.
    auto first = f.http.get("/api/audit?" + q + "&limit=10", f.manager);
    const std::string cursor = parse(first.body)->getValue<std::string>("next_cursor");
    f.samples(2, f.tech);
    std::vector<std::string> seqs;
    auto page1 = parse(first.body)->getArray("items");
    for (std::size_t i = 0; i < page1->size(); ++i) seqs.push_back(field(page1, i, "seq"));
    std::string next = cursor;
    while (!next.empty()) {
        auto o = parse(f.http.get("/api/audit?" + q + "&limit=10&cursor=" + next, f.manager).body);
        auto items = o->getArray("items");
        for (std::size_t i = 0; i < items->size(); ++i) seqs.push_back(field(items, i, "seq"));
        next = o->isNull("next_cursor") ? "" : o->getValue<std::string>("next_cursor");
    }
    BOOST_TEST(seqs.size() == 25u);
    BOOST_TEST(std::set<std::string>(seqs.begin(), seqs.end()).size() == 25u);
    BOOST_TEST(std::vector<std::string>(seqs.begin(), seqs.begin() + 23) == whole.first);
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_a_400_problem_naming_each_parameter) {
    AuditFixture f;
    auto expect = [&](const std::string& query, std::set<std::string> fields) {
        for (const std::string path : {"/api/audit?", "/api/audit/export.xlsx?"}) {
            if (path != "/api/audit?" && (query.find("limit") != std::string::npos || query.find("cursor") != std::string::npos)) continue;
            auto r = f.http.get(path + query, f.manager);
            BOOST_TEST_CONTEXT(path << query << " -> " << r.body) {
                BOOST_TEST(r.status == 400);
                BOOST_TEST(r.header("Content-Type").find("application/problem+json") == 0);
                BOOST_TEST(problemFields(r) == fields);
            }
        }
    };
    expect("from=2026-13-01", {"from"});
    expect("to=2026-02-30", {"to"});
    expect("from=2026-11-1", {"from"});
    expect("from=2026-11-30&to=2026-11-01", {"to"});  // a reversed period
    expect("action=frobnicate", {"action"});
    expect("entity=thing", {"entity"});
    expect("id=42", {"entity"});  // an id names an entity of one type
    expect("order=sideways", {"order"});
    expect("user=tech.wang", {"user"});  // a misspelt filter is not silently ignored
    expect("limit=100000", {"limit"});
    expect("limit=0", {"limit"});
    expect("cursor=abc", {"cursor"});
    expect("cursor=999999999", {"cursor"});  // no such event
    expect("actor=" + std::string(101, 'x'), {"actor"});
    // Every problem at once.
    auto many = f.http.get("/api/audit?from=x&to=y&action=nope&limit=501", f.manager);
    BOOST_TEST(many.status == 400);
    BOOST_TEST((problemFields(many) == std::set<std::string>{"from", "to", "action", "limit"}), many.body);
    // The export takes the filters only.
    auto paged = f.http.get("/api/audit/export.xlsx?limit=10", f.manager);
    BOOST_TEST(paged.status == 400);
    BOOST_TEST((problemFields(paged) == std::set<std::string>{"limit"}));
}

BOOST_AUTO_TEST_CASE(the_export_of_a_filtered_view_reads_back_with_chinese_headers_real_datetimes_a_frozen_header_and_an_autofilter) {
    AuditFixture f;
    f.samples(3, f.tech);
    const std::string today = dayFromToday(0);
    const std::string q = "actor=u.technician&entity=sample&action=create&from=" + today + "&to=" + today;
    auto api = f.items(q, f.manager);
    BOOST_REQUIRE(api->size() == 3u);
    auto x = f.http.get("/api/audit/export.xlsx?" + q, f.manager);
    BOOST_REQUIRE_MESSAGE(x.status == 200, x.body);
    BOOST_TEST(x.header("Content-Type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    // 审计记录-<today>至<today>.xlsx
    BOOST_TEST(x.header("Content-Disposition").find("filename*=UTF-8''%E5%AE%A1%E8%AE%A1%E8%AE%B0%E5%BD%95-" + today + "%E8%87%B3" + today + ".xlsx") !=
                   std::string::npos,
               x.header("Content-Disposition"));
    BOOST_TEST(x.header("Assay-Export-Rows") == "3");
    BOOST_TEST(x.header("Assay-Export-Truncated").empty());
    TempDir dir;
    const std::string cells = readWorkbook(dir, x.body);
    const std::string at = field(api, 0, "at");  // 2026-11-25T09:30:01+08:00
    const std::string firstTime = at.substr(0, 10) + " " + at.substr(11, 8);
    for (const std::string& expected : std::vector<std::string>{"SHEET=审计记录\nFREEZE=A2\nFILTER=A1:L4\nROWS=4", "审计记录!A1=序号", "审计记录!B1=时间", "审计记录!C1=用户", "审计记录!D1=对象类型",
          "审计记录!E1=对象编号", "审计记录!F1=操作", "审计记录!G1=字段", "审计记录!H1=原值", "审计记录!I1=新值", "审计记录!J1=原因",
          "审计记录!K1=请求编号", "审计记录!L1=哈希 (SHA-256)", "审计记录!A2=" + field(api, 0, "seq"),
          "审计记录!B2=" + firstTime + " [datetime yyyy-mm-dd hh:mm:ss]", "审计记录!C2=u.technician", "审计记录!D2=样品",
          "审计记录!E2=" + field(api, 0, "entity_id"), "审计记录!F2=创建", "审计记录!L2=" + field(api, 0, "hash"),
          "审计记录!E4=" + field(api, 2, "entity_id"), "SHEET=筛选条件", "筛选条件!B3=u.manager", "筛选条件!B4=" + today,
          "筛选条件!B5=" + today, "筛选条件!B6=u.technician", "筛选条件!B7=样品（sample）", "筛选条件!B9=创建（create）",
          "筛选条件!B10=本机构", "筛选条件!B12=3"})
        BOOST_TEST(cells.find(expected + "\n") != std::string::npos, expected << " missing in\n" << cells);
    BOOST_TEST(cells.find("只导出了前") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_export_over_the_row_limit_is_cut_and_says_so_in_the_file_and_the_response) {
    AuditFixture f(std::map<std::string, std::string>{{"ASSAY_AUDIT_EXPORT_MAX_ROWS", "5"}});
    f.samples(7, f.tech);
    auto cut = f.http.get("/api/audit/export.xlsx?entity=sample", f.manager);
    BOOST_REQUIRE_MESSAGE(cut.status == 200, cut.body);
    BOOST_TEST(cut.header("Assay-Export-Truncated") == "5");
    BOOST_TEST(cut.header("Assay-Export-Rows") == "5");
    TempDir dir;
    const std::string cells = readWorkbook(dir, cut.body);
    BOOST_TEST(cells.find("FILTER=A1:L6\n") != std::string::npos, cells);
    BOOST_TEST(cells.find("审计记录!A8=只导出了前 5 条") != std::string::npos, cells);
    BOOST_TEST(cells.find("审计记录!A7=") == std::string::npos, cells);
    BOOST_TEST(cells.find("筛选条件!B12=5（已截断，上限 5 条）") != std::string::npos, cells);
    // Exactly the limit is not a cut file: the manager's login and four more are five events.
    for (int i = 0; i < 4; ++i) f.http.login("u.manager", "Role-pw-12345");
    auto exact = f.http.get("/api/audit/export.xlsx?actor=u.manager", f.manager);
    BOOST_TEST(exact.header("Assay-Export-Rows") == "5");
    BOOST_TEST(exact.header("Assay-Export-Truncated").empty());
    f.http.login("u.manager", "Role-pw-12345");  // a sixth
    BOOST_TEST(f.http.get("/api/audit/export.xlsx?actor=u.manager", f.manager).header("Assay-Export-Truncated") == "5");
}

BOOST_AUTO_TEST_SUITE_END()
