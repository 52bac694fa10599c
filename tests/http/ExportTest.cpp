// Excel exports over HTTP, read back by an independent reader (openpyxl under Debian's python3):
// the 能力附表 layout with merged category and product cells, and the download headers.
#include <boost/test/unit_test.hpp>

#include "HttpFixture.hpp"
#include "assay/Clock.hpp"

using namespace assay::test;

namespace {
// Prints every non-empty cell as "A1=value" and every merged range, one per line, sorted.
const char* kReader = R"PY(
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
print("SHEET=" + ws.title)
for row in ws.iter_rows():
    for c in row:
        if c.value is not None:
            print(f"{c.coordinate}={c.value}")
for m in sorted(str(r) for r in ws.merged_cells.ranges):
    print("MERGED=" + m)
)PY";

std::string readBack(const TempDir& dir, const std::string& bytes) {
    writeFile(dir.file("export.xlsx"), bytes);
    writeFile(dir.file("reader.py"), kReader);
    // Debian's own interpreter: python3-openpyxl is installed for it (scripts/install-deps.sh --test).
    auto r = runProcess("/usr/bin/python3", {dir.file("reader.py"), dir.file("export.xlsx")}, {});
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, "openpyxl could not read the export: " + r.out);
    return r.out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(exports)

BOOST_AUTO_TEST_CASE(the_scope_schedule_xlsx_reads_back_in_the_familiar_layout_with_merged_category_cells) {
    HttpFixture f;
    const std::string manager = f.userWithRole("manager");
    auto id = [](const HttpResponse& r) {
        BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
        return parse(r.body)->getValue<std::string>("id");
    };
    const std::string lead = id(f.http.postJson("/api/register/standards", R"({"number":"GB 5009.12","year":2023,"title":"食品中铅的测定"})", manager));
    const std::string cd = id(f.http.postJson("/api/register/standards", R"({"number":"GB 5009.15","year":2023,"title":"食品中镉的测定"})", manager));
    const std::string pb = id(f.http.postJson("/api/register/parameters",
                                              R"J({"name_zh":"铅(以Pb计)","unit":"mg/kg","precision_kind":"significant","precision_digits":2,"mu_model":"none"})J", manager));
    const std::string cdp = id(f.http.postJson("/api/register/parameters",
                                               R"J({"name_zh":"镉(以Cd计)","unit":"mg/kg","precision_kind":"significant","precision_digits":2,"mu_model":"none"})J", manager));
    auto row = [&](const char* category, const char* product, const std::string& param, const std::string& standard, const char* limitation) {
        return std::string(R"({"site":"天河实验室","category":")") + category + R"(","product":")" + product + R"(","parameter_id":")" + param +
               R"(","standard_id":")" + standard + "\"" + (limitation ? std::string(R"(,"limitation":")") + limitation + "\"" : "") + "}";
    };
    auto change = f.http.postJson("/api/scope/changes",
                                  R"({"kind":"initial","scheme":"CMA","effective_date":")" + dayFromToday(-5) + R"(","reason":"首次","rows":[)" +
                                      row("粮食及其制品", "大米", pb, lead, nullptr) + "," + row("粮食及其制品", "大米", cdp, cd, nullptr) + "," +
                                      row("粮食及其制品", "小麦粉", pb, lead, nullptr) + "," + row("茶叶及相关制品", "茶叶", pb, lead, "不适用于速溶茶") + "]}",
                                  manager);
    BOOST_REQUIRE_MESSAGE(change.status == 201, change.body);

    auto x = f.http.get("/api/exports/scope.xlsx?scheme=CMA", f.userWithRole("technician"));
    BOOST_REQUIRE_MESSAGE(x.status == 200, x.body);
    BOOST_TEST(x.header("content-type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    BOOST_TEST(x.header("content-disposition").find("filename*=UTF-8''%E8%83%BD%E5%8A%9B%E9%99%84%E8%A1%A8-CMA-") != std::string::npos,
               x.header("content-disposition"));
    const std::string cells = readBack(f.server.dir(), x.body);
    for (const std::string expected : {"SHEET=CMA 能力附表", "A2=序号", "B2=类别", "C2=产品", "D2=项目", "E2=依据的标准", "F2=限制范围", "G2=说明",
                                       "A3=1", "B3=粮食及其制品", "C3=大米", "D3=铅(以Pb计)", "E3=GB 5009.12-2023 食品中铅的测定",
                                       "D4=镉(以Cd计)", "E4=GB 5009.15-2023 食品中镉的测定", "C5=小麦粉", "A6=4", "B6=茶叶及相关制品", "F6=不适用于速溶茶",
                                       "MERGED=B3:B5", "MERGED=C3:C4"})
        BOOST_TEST(cells.find(expected + "\n") != std::string::npos, expected << " missing in\n" << cells);
    BOOST_TEST(cells.find("MERGED=B6") == std::string::npos);  // a single-row category is not merged
    BOOST_TEST(f.http.get("/api/exports/scope.xlsx?scheme=ISO", manager).status == 400);
    // Before the scope took effect the schedule is empty.
    const std::string before = readBack(f.server.dir(), f.http.get("/api/exports/scope.xlsx?scheme=CMA&on=" + dayFromToday(-6), manager).body);
    BOOST_TEST(before.find("A3=") == std::string::npos, before);
}

BOOST_AUTO_TEST_CASE(the_equipment_list_xlsx_shows_the_due_date_and_why_an_instrument_is_not_usable) {
    HttpFixture f;
    const std::string manager = f.userWithRole("manager");
    auto e = f.http.postJson("/api/equipment", R"({"asset_no":"EQ-005","name":"电子天平","equipment_type":"电子天平","in_service_from":"2024-01-01"})", manager);
    BOOST_REQUIRE(e.status == 201);
    auto c = f.http.request("POST", e.header("Location") + "/calibrations",
                            R"({"kind":"verification","certificate_no":"JL-9","provider":"省计量院","performed_on":")" + dayFromToday(-400) +
                                R"(","due_on":")" + dayFromToday(-35) + R"(","result":"pass","as_found":"in_tolerance"})",
                            {{"Authorization", "Bearer " + manager}, {"Content-Type", "application/json"}, {"If-Match", e.header("ETag")}});
    BOOST_REQUIRE_MESSAGE(c.status == 201, c.body);
    const std::string cells = readBack(f.server.dir(), f.http.get("/api/exports/equipment.xlsx", manager).body);
    BOOST_TEST(cells.find("B3=EQ-005\n") != std::string::npos, cells);
    BOOST_TEST(cells.find("H3=检定\n") != std::string::npos, cells);
    BOOST_TEST(cells.find("K3=" + dayFromToday(-35) + "\n") != std::string::npos, cells);
    BOOST_TEST(cells.find("L3=否: ") != std::string::npos, cells);
}

BOOST_AUTO_TEST_CASE(the_sample_register_xlsx_has_chinese_headers_real_dates_a_frozen_header_and_an_autofilter) {
    HttpFixture f;
    const std::string tech = f.userWithRole("technician");
    for (const char* body : {R"({"name":"大米","product_category":"粮食及其制品","production_date":"2026-10-01"})",
                             R"({"name":"西湖龙井","product_category":"茶叶及相关制品"})"}) {
        auto r = f.http.postJson("/api/samples", body, tech);
        BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    }
    auto x = f.http.get("/api/samples/export.xlsx?product_category=" + urlEncode("粮食及其制品"), tech);
    BOOST_REQUIRE_MESSAGE(x.status == 200, x.body);
    BOOST_TEST(x.header("Content-Type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    TempDir dir;
    writeFile(dir.file("register.xlsx"), x.body);
    writeFile(dir.file("props.py"), R"PY(
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print("FREEZE=" + str(ws.freeze_panes))
print("FILTER=" + str(ws.auto_filter.ref))
print("J2TYPE=" + type(ws["J2"].value).__name__ + " " + ws["J2"].number_format)
print("R2TYPE=" + type(ws["R2"].value).__name__)
)PY");
    auto props = runProcess("/usr/bin/python3", {dir.file("props.py"), dir.file("register.xlsx")}, {});
    BOOST_REQUIRE_MESSAGE(props.exitCode == 0, props.out);
    BOOST_TEST(props.out.find("FREEZE=A2") != std::string::npos, props.out);
    BOOST_TEST(props.out.find("FILTER=A1:S2") != std::string::npos, props.out);  // the header and one filtered row
    BOOST_TEST(props.out.find("J2TYPE=datetime yyyy-mm-dd") != std::string::npos, props.out);  // 生产日期, a real date
    BOOST_TEST(props.out.find("R2TYPE=datetime") != std::string::npos, props.out);             // 登记时间
    const std::string cells = readBack(dir, x.body);
    BOOST_TEST(cells.find("SHEET=样品登记") != std::string::npos, cells);
    for (const char* h : {"A1=样品编号", "B1=样品名称", "C1=产品类别", "J1=生产日期", "M1=状态", "B2=大米", "M2=已登记", "J2=2026-10-01 00:00:00"})
        BOOST_TEST(cells.find(h) != std::string::npos, h << " missing in " << cells);
    BOOST_TEST(cells.find("西湖龙井") == std::string::npos, cells);  // filtered out
}

BOOST_AUTO_TEST_SUITE_END()
