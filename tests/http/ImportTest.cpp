// CSV imports over HTTP: scope rows from a GB18030 file as one change record, register entries from
// a UTF-8 file with a BOM; every bad cell named by its line, and nothing stored from a bad file.
#include <boost/test/unit_test.hpp>

#include <iconv.h>

#include "HttpFixture.hpp"
#include "assay/Clock.hpp"

using namespace assay::test;

namespace {
// UTF-8 text as GB18030 bytes, as Excel on a Chinese Windows saves CSV.
std::string toGb18030(const std::string& utf8) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    std::string out(utf8.size() * 2 + 8, '\0');
    char* in = const_cast<char*>(utf8.data());
    char* dst = out.data();
    std::size_t inLeft = utf8.size(), outLeft = out.size();
    iconv(cd, &in, &inLeft, &dst, &outLeft);
    iconv_close(cd);
    out.resize(out.size() - outLeft);
    return out;
}

struct ImportFixture : HttpFixture {
    std::string manager;
    ImportFixture() : manager(userWithRole("manager")) {}
    HttpResponse upload(const std::string& path, const std::string& bytes) {
        return http.request("POST", path, bytes, {{"Authorization", "Bearer " + manager}, {"Content-Type", "text/csv"}});
    }
};

const char* kParameters =
    "\xEF\xBB\xBF项目,英文名称,单位,修约方式,修约位数,检出限,定量限,不确定度模型,不确定度\r\n"
    "铅(以Pb计),Lead (as Pb),mg/kg,有效数字,2,0.005,0.01,relative,12\r\n"
    "镉(以Cd计),Cadmium (as Cd),mg/kg,有效数字,2,0.001,0.003,relative,15\r\n";
}  // namespace

BOOST_AUTO_TEST_SUITE(imports)

BOOST_AUTO_TEST_CASE(register_parameters_import_from_utf8_with_a_bom_once_and_only_once) {
    ImportFixture f;
    auto r = f.upload("/api/register/import?kind=parameters", kParameters);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    BOOST_TEST(parse(r.body)->getValue<int>("added") == 2);
    auto list = parse(f.http.get("/api/register/parameters", f.manager).body)->getArray("items");
    BOOST_REQUIRE(list->size() == 2u);
    BOOST_TEST(list->getObject(0)->getValue<std::string>("lod") == "0.005");  // a decimal string, digit for digit
    auto again = f.upload("/api/register/import?kind=parameters", kParameters);
    BOOST_TEST(again.status == 400);
    BOOST_TEST(again.body.find(R"("field":"line[2].name_zh")") != std::string::npos, again.body);
    BOOST_TEST(again.body.find(R"("field":"line[3].name_zh")") != std::string::npos, again.body);
    BOOST_TEST(f.upload("/api/register/import?kind=methods", kParameters).status == 400);
    BOOST_TEST(f.http.request("POST", "/api/register/import?kind=parameters", kParameters,
                              {{"Authorization", "Bearer " + f.userWithRole("technician")}, {"Content-Type", "text/csv"}}).status == 403);
}

BOOST_AUTO_TEST_CASE(a_register_file_with_one_bad_row_stores_none_of_its_good_rows) {
    ImportFixture f;
    auto r = f.upload("/api/register/import?kind=standards",
                      "standard,title\nGB 5009.12-2023,Lead\nGB 5009.15-2023,Cadmium\nnot a standard,Mercury\n");
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.body.find(R"("field":"line[4].standard")") != std::string::npos, r.body);
    BOOST_TEST(parse(f.http.get("/api/register/standards", f.manager).body)->getArray("items")->size() == 0u);
    // A 200 kB cell is refused with a 400 naming it, and the server stays up.
    auto huge = f.upload("/api/register/import?kind=standards", "standard,title\n" + std::string(200000, 'G') + "-2023,x\n");
    BOOST_TEST(huge.status == 400);
    BOOST_TEST(huge.body.find(R"("field":"line[2].standard")") != std::string::npos);
    BOOST_TEST(f.http.get("/api/health").status == 200);
    auto tooLong = f.upload("/api/register/import?kind=parameters",
                            "name_zh,unit,precision_kind,precision_digits,mu_model\n" + std::string(101, 'x') + ",mg/kg,decimals,2,none\n");
    BOOST_TEST(tooLong.status == 400);
    BOOST_TEST(tooLong.body.find(R"("field":"line[2].name_zh")") != std::string::npos, tooLong.body);
}

// 修约单位 (GB/T 8170 3.4): 1, 0.5 or 0.2 of the place, also written 0.5单位 / 0.2单位; empty is 1.
BOOST_AUTO_TEST_CASE(register_parameters_import_their_rounding_unit) {
    ImportFixture f;
    const std::string header = "项目,单位,修约方式,修约位数,修约单位,不确定度模型\n";
    auto bad = f.upload("/api/register/import?kind=parameters", header + "水分,g/100g,小数位,0,0.5单位,none\n灰分,g/100g,有效数字,2,0.2,none\n");
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find(R"("field":"line[3].rounding_unit")") != std::string::npos, bad.body);
    BOOST_TEST(parse(f.http.get("/api/register/parameters", f.manager).body)->getArray("items")->size() == 0u);
    auto r = f.upload("/api/register/import?kind=parameters",
                      header + "水分,g/100g,小数位,0,0.5单位,none\n灰分,g/100g,小数位,-2,0.2,none\n蛋白质,g/100g,小数位,1,,none\n");
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    auto list = parse(f.http.get("/api/register/parameters", f.manager).body)->getArray("items");
    BOOST_REQUIRE(list->size() == 3u);
    BOOST_TEST(list->getObject(0)->getValue<std::string>("rounding_unit") == "0.5");
    BOOST_TEST(list->getObject(1)->getValue<std::string>("rounding_unit") == "0.2");
    BOOST_TEST(list->getObject(1)->getValue<int>("precision_digits") == -2);
    BOOST_TEST(list->getObject(2)->getValue<std::string>("rounding_unit") == "1");
}

BOOST_AUTO_TEST_CASE(scope_rows_import_from_a_gb18030_file_as_one_change_record) {
    ImportFixture f;
    BOOST_REQUIRE(f.upload("/api/register/import?kind=parameters", kParameters).status == 201);
    BOOST_REQUIRE(f.upload("/api/register/import?kind=standards",
                           "标准编号,标题\nGB 5009.12-2023,食品中铅的测定\nGB 5009.15-2023,食品中镉的测定\n").status == 201);
    const std::string csv = toGb18030(
        "地点,类别,产品,项目,依据的标准,方法,限制范围\n"
        "天河实验室,粮食及其制品,大米,铅(以Pb计),GB 5009.12-2023,第一法,\n"
        "天河实验室,粮食及其制品,大米,镉(以Cd计),GB 5009.15-2023,第一法,\"不适用于糙米, 仅限精米\"\n");
    const std::string query = "/api/scope/changes/import?kind=initial&scheme=CMA&effective_date=2026-01-01&reason=" + urlEncode("首次资质认定");
    auto r = f.upload(query, csv);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    auto rows = parse(r.body)->getArray("rows_in_force");
    BOOST_REQUIRE(rows->size() == 2u);
    BOOST_TEST(rows->getObject(1)->getValue<std::string>("limitation") == "不适用于糙米, 仅限精米");
    BOOST_TEST(rows->getObject(0)->getValue<std::string>("standard") == "GB 5009.12-2023");
    BOOST_TEST(parse(f.http.get("/api/scope/changes", f.manager).body)->getArray("items")->size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_scope_file_with_bad_cells_names_each_by_line_and_stores_nothing) {
    ImportFixture f;
    BOOST_REQUIRE(f.upload("/api/register/import?kind=parameters", kParameters).status == 201);
    BOOST_REQUIRE(f.upload("/api/register/import?kind=standards", "standard,title\nGB 5009.12-2023,Lead in foods\n").status == 201);
    const std::string csv =
        "site,category,product,parameter,standard\n"
        "天河实验室,粮食及其制品,大米,铅(以Pb计),GB 5009.12-2023\n"
        "天河实验室,粮食及其制品,,汞,GB 5009.17-2021\n"
        "天河实验室,粮食及其制品,大米,铅(以Pb计),GB 5009.12-2023\n";
    auto r = f.upload("/api/scope/changes/import?scheme=CMA&effective_date=2026-01-01", csv);
    BOOST_TEST(r.status == 400);
    for (const char* field : {R"("field":"reason")", R"("field":"line[3].product")", R"("field":"line[3].parameter")",
                              R"("field":"line[3].standard")"})
        BOOST_TEST(r.body.find(field) != std::string::npos, field << " missing in " << r.body);
    // Fixing line 3 leaves the duplicate on line 4, found by the change itself.
    const std::string fixed =
        "site,category,product,parameter,standard\n"
        "天河实验室,粮食及其制品,大米,铅(以Pb计),GB 5009.12-2023\n"
        "天河实验室,粮食及其制品,小麦粉,铅(以Pb计),GB 5009.12-2023\n"
        "天河实验室,粮食及其制品,大米,铅(以Pb计),GB 5009.12-2023\n";
    auto dup = f.upload("/api/scope/changes/import?scheme=CMA&effective_date=2026-01-01&reason=x", fixed);
    BOOST_TEST(dup.status == 400);
    BOOST_TEST(dup.body.find(R"("field":"line[4].standard")") != std::string::npos, dup.body);
    BOOST_TEST(parse(f.http.get("/api/scope/rows?scheme=CMA&on=2026-06-01", f.manager).body)->getArray("items")->size() == 0u);
    auto broken = f.upload("/api/scope/changes/import?scheme=CMA&effective_date=2026-01-01&reason=x&encoding=utf-8",
                           std::string("site,category\n\xB4\xF3\xC3\xD7,x\n"));
    BOOST_TEST(broken.status == 400);
    BOOST_TEST(broken.body.find(R"("field":"body")") != std::string::npos, broken.body);
}

BOOST_AUTO_TEST_CASE(imported_methods_bring_their_verification_record_and_are_usable_from_its_date_R23) {
    ImportFixture f;
    BOOST_REQUIRE(f.upload("/api/register/import?kind=parameters", kParameters).status == 201);
    BOOST_REQUIRE(f.upload("/api/register/import?kind=standards", "standard,title\nGB 5009.12-2023,Lead in foods\n").status == 201);
    auto r = f.upload("/api/register/import?kind=methods",
                      "依据的标准,方法,方法名称,类型,设备类型,验证日期,记录编号\n"
                      "GB 5009.12-2023,第一法,石墨炉原子吸收光谱法,标准方法,原子吸收光谱仪、电子天平,2024-03-15,FV-2024-012\n");
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    auto methods = parse(f.http.get("/api/register/methods", f.manager).body)->getArray("items");
    BOOST_REQUIRE(methods->size() == 1u);
    auto m = methods->getObject(0);
    BOOST_TEST(m->getValue<std::string>("citation") == "GB 5009.12-2023 第一法");
    BOOST_TEST(m->getArray("equipment_types")->size() == 2u);
    auto records = parse(f.http.get("/api/register/methods/" + m->getValue<std::string>("id") + "/records", f.manager).body)->getArray("items");
    BOOST_REQUIRE(records->size() == 1u);
    BOOST_TEST(records->getObject(0)->getValue<std::string>("kind") == "verification");
    auto bad = f.upload("/api/register/import?kind=methods",
                        "standard,name,kind,equipment_types,record_date\n"
                        "GB 5009.99-2020,x,standard,AAS,\n"
                        "GB 5009.12-2023,y,experimental,,2099-01-01\n");
    BOOST_TEST(bad.status == 400);
    for (const char* field : {R"("field":"line[2].standard")", R"("field":"line[3].kind")", R"("field":"line[3].equipment_types")",
                              R"("field":"line[3].record_date")", R"("field":"line[3].record_no")"})
        BOOST_TEST(bad.body.find(field) != std::string::npos, field << " missing in " << bad.body);
    BOOST_TEST(parse(f.http.get("/api/register/methods", f.manager).body)->getArray("items")->size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_limit_table_imports_as_the_next_version_of_its_specification_and_prices_never_overlap) {
    ImportFixture f;
    BOOST_REQUIRE(f.upload("/api/register/import?kind=parameters", kParameters).status == 201);
    BOOST_REQUIRE(f.upload("/api/register/import?kind=standards", "standard,title\nGB 2762-2022,污染物限量\nGB 5009.12-2023,铅的测定\n").status == 201);
    const std::string limits =
        "规范,依据的标准,项目,产品,上限符号,上限,条款,判定方式\n"
        "GB 2762-2022 谷物,GB 2762-2022,铅(以Pb计),大米,≤,0.2,表1,全数值比较法\n"
        "GB 2762-2022 谷物,GB 2762-2022,镉(以Cd计),大米,<=,0.20,表1,全数值比较法\n";
    auto first = f.upload("/api/register/import?kind=specifications", limits);
    BOOST_REQUIRE_MESSAGE(first.status == 201, first.body);
    BOOST_TEST(parse(first.body)->getValue<int>("added") == 1);
    BOOST_REQUIRE(f.upload("/api/register/import?kind=specifications", limits).status == 201);  // version 2
    auto specs = parse(f.http.get("/api/register/specifications", f.manager).body)->getArray("items");
    BOOST_REQUIRE(specs->size() == 2u);
    BOOST_TEST(specs->getObject(1)->getValue<int>("version") == 2);
    auto full = parse(f.http.get("/api/register/specifications/" + specs->getObject(1)->getValue<std::string>("id"), f.manager).body);
    BOOST_TEST(full->getArray("limits")->getObject(1)->getValue<std::string>("max") == "0.20");  // the digits as written
    auto bad = f.upload("/api/register/import?kind=specifications",
                        "name,parameter,product_category,max_op,max\nX,铅(以Pb计),大米,<=,abc\nX,汞,大米,<=,0.02\nX,铅(以Pb计),,<,0.1\n");
    BOOST_TEST(bad.status == 400);
    for (const char* field : {R"("field":"line[2].max")", R"("field":"line[3].parameter")", R"("field":"line[4].product_category")"})
        BOOST_TEST(bad.body.find(field) != std::string::npos, field << " missing in " << bad.body);
    BOOST_REQUIRE(f.upload("/api/register/import?kind=methods",
                           "standard,name,equipment_types,record_date,record_no\nGB 5009.12-2023,石墨炉原子吸收光谱法,原子吸收光谱仪,2024-03-15,FV-1\n")
                      .status == 201);
    auto prices = f.upload("/api/register/import?kind=prices",
                           "项目,方法名称,价格,生效日期,截止日期\n铅(以Pb计),石墨炉原子吸收光谱法,150.00,2024-01-01,2025-12-31\n"
                           "铅(以Pb计),石墨炉原子吸收光谱法,160.00,2026-01-01,\n");
    BOOST_REQUIRE_MESSAGE(prices.status == 201, prices.body);
    BOOST_TEST(parse(prices.body)->getValue<int>("added") == 2);
    auto overlap = f.upload("/api/register/import?kind=prices", "parameter,method,price,valid_from\n铅(以Pb计),石墨炉原子吸收光谱法,170.00,2026-06-01\n");
    BOOST_TEST(overlap.status == 400);
    BOOST_TEST(overlap.body.find(R"("field":"line[2].valid_from")") != std::string::npos, overlap.body);
    BOOST_TEST(parse(f.http.get("/api/register/prices", f.manager).body)->getArray("items")->size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
