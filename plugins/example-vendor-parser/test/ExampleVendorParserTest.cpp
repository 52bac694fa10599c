// The example vendor-parser plugin: its GCMSsolution parser alone (suite gcmssolution, label unit),
// and the plugin loaded by a real assayd through plugins.load (suite gcmssolution_plugin, label
// http): an instrument with driver gcmssolution, an export imported through the capture route,
// its readings staged and matched to the sample's test item.
#define BOOST_TEST_MODULE example_vendor_parser
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "GcmsSolution.hpp"
#include "ResultFixture.hpp"

using namespace example_vendor_parser;

namespace {
std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}
std::string fixture() { return slurp(std::string(PLUGIN_DIR) + "/testdata/gcms-quant-spinach.txt"); }
std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
    for (auto k = s.find(from); k != std::string::npos; k = s.find(from, k + to.size())) s.replace(k, from.size(), to);
    return s;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(gcmssolution)

BOOST_AUTO_TEST_CASE(the_target_compounds_with_a_concentration_are_read_and_the_rest_is_named) {
    const auto r = parseGcmsSolution(fixture());
    BOOST_REQUIRE_EQUAL(r.readings.size(), 4u);
    const std::vector<std::tuple<int, std::string, std::string>> want{
        {26, "Dichlorvos", "0.0123"}, {28, "Chlorpyrifos", "0.0457"}, {29, "Procymidone", "-0.0012"}, {30, "Fenvalerate", "0.0218"}};
    for (std::size_t k = 0; k < want.size(); ++k) {
        BOOST_TEST(r.readings[k].line == std::get<0>(want[k]));
        BOOST_TEST(r.readings[k].sampleCode == "GDQT2026120001");  // the Sample ID of [Sample Information]
        BOOST_TEST(r.readings[k].compound == std::get<1>(want[k]));
        BOOST_TEST(r.readings[k].conc == std::get<2>(want[k]));  // as written: the negative stays
        BOOST_TEST(r.readings[k].unit == "mg/kg");
    }
    // The internal standard is skipped without a word; the compound not found is named.
    BOOST_REQUIRE_EQUAL(r.diagnostics.size(), 1u);
    BOOST_TEST(r.diagnostics[0] == "line 27: Phorate not identified (no concentration)");
}

BOOST_AUTO_TEST_CASE(the_sample_comes_from_the_profile_s_choice_cut_where_it_says) {
    BOOST_TEST(parseGcmsSolution(fixture(), {"data_file", '\0'}).readings.at(0).sampleCode == "GDQT2026120001_01");
    BOOST_TEST(parseGcmsSolution(fixture(), {"data_file", '_'}).readings.at(0).sampleCode == "GDQT2026120001");
    BOOST_TEST(parseGcmsSolution(fixture(), {"sample_name", ','}).readings.at(0).sampleCode == "Spinach");
    // No Sample ID: auto falls back to the data file's name.
    const auto noId = parseGcmsSolution(replaceAll(fixture(), "Sample ID\tGDQT2026120001", "Sample ID\t"), {"auto", '_'});
    BOOST_TEST(noId.readings.at(0).sampleCode == "GDQT2026120001");
    const auto none = parseGcmsSolution(replaceAll(fixture(), "Sample ID\tGDQT2026120001", "Sample ID\t"), {"sample_id", '\0'});
    BOOST_TEST(none.readings.empty());
    BOOST_TEST(none.diagnostics.back() == "no sample id (sample_id): nothing read");
}

BOOST_AUTO_TEST_CASE(a_cut_short_file_lf_endings_and_other_files_are_diagnosed_never_thrown) {
    const std::string f = fixture();
    // Cut inside the table (a file still being written): fewer rows than declared.
    const auto cut = parseGcmsSolution(f.substr(0, f.find("5\tProcymidone")));
    BOOST_TEST(cut.readings.size() == 2u);
    BOOST_TEST(cut.diagnostics.at(0) == "[MS Quantitative Results] says 6 compound(s), 4 row(s) found");
    BOOST_TEST(parseGcmsSolution(replaceAll(f, "\r\n", "\n")).readings.size() == 4u);
    BOOST_TEST(parseGcmsSolution("\xEF\xBB\xBF" + f).readings.size() == 4u);
    BOOST_TEST(parseGcmsSolution("Sample,Pb\r\nA,1\r\n").diagnostics.at(0).find("not a GCMSsolution") != std::string::npos);
    BOOST_TEST(parseGcmsSolution(std::string("\xFF\xFE[\0H\0", 6)).diagnostics.at(0).find("UTF-16") != std::string::npos);
    // A compound name that is not UTF-8 (a GB18030 export) is named, not stored.
    const auto gbk = parseGcmsSolution(replaceAll(f, "Chlorpyrifos", "\xB6\xBE\xCB\xC0\xF2\xE1"));
    BOOST_TEST(gbk.readings.size() == 3u);
    // Every prefix, and a few garbage bytes: no exception.
    for (std::size_t n = 0; n <= f.size(); ++n) BOOST_CHECK_NO_THROW(parseGcmsSolution(f.substr(0, n)));
    const char garbage[] = "[MS Quantitative Results]\n# of IDs\t99999999999\nID#\n\t\t\n[\n]\0\xFF";
    BOOST_CHECK_NO_THROW(parseGcmsSolution(std::string(garbage, sizeof garbage - 1)));
}

// The public GCMSsolution QP2010 export in ../shared/instrument-samples, when present: 23
// compounds, 3 not identified (Geraniol, Guaiol, Caryophyllene oxide), so 20 readings (counted
// with awk), the sample from the data file name.
BOOST_AUTO_TEST_CASE(the_public_qp2010_export_gives_20_readings) {
    const std::string path = std::string(ASSAY_SOURCE_DIR) + "/../shared/instrument-samples/vendor/shimadzu-gcmssolution-qp2010-quant.txt";
    if (!std::filesystem::exists(path)) {
        BOOST_TEST_MESSAGE("no ../shared/instrument-samples: the public export is not on this machine");
        return;
    }
    const auto r = parseGcmsSolution(slurp(path), {"auto", '_'});
    BOOST_TEST(r.readings.size() == 20u);
    BOOST_TEST(r.diagnostics.size() == 3u);
    BOOST_TEST(r.readings.at(0).sampleCode == "1-16-02249-001");
    BOOST_TEST(r.readings.at(0).compound == "alpha-Pinene");
    BOOST_TEST(r.readings.at(0).conc == "0.02604");
}

BOOST_AUTO_TEST_SUITE_END()

using namespace assay::test;

BOOST_AUTO_TEST_SUITE(gcmssolution_plugin)

BOOST_AUTO_TEST_CASE(the_plugin_adds_its_driver_and_an_export_is_imported_staged_and_matched) {
    ResultFixture f(std::map<std::string, std::string>{{"ASSAY_PLUGINS_LOAD", VENDOR_PARSER_PLUGIN}});
    // The registry lists the plugin's driver next to the built-ins.
    auto drivers = parse(f.http.get("/api/capture/drivers", f.tech).body)->getArray("items");
    bool listed = false;
    for (std::size_t k = 0; k < drivers->size(); ++k)
        if (drivers->getObject(static_cast<unsigned>(k))->getValue<std::string>("id") == "gcmssolution") {
            listed = true;
            BOOST_TEST(drivers->getObject(static_cast<unsigned>(k))->getValue<bool>("files"));
        }
    BOOST_TEST(listed);
    // Its profile is checked by the plugin, every bad key named.
    auto bad = f.http.postJson("/api/capture/instruments",
                               R"({"name":"GCMS-QP2010","equipment_id":")" + f.equipmentId +
                                   R"(","driver":"gcmssolution","profile":{"sample_from":"vial","sample_cut":"__"},"analytes":{"Chlorpyrifos":")" + f.lead +
                                   R"("}})",
                               f.manager);
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.body.find("profile.sample_from") != std::string::npos, bad.body);
    BOOST_TEST(bad.body.find("profile.sample_cut") != std::string::npos, bad.body);
    // The test lab's register has lead only: the compound is mapped to it, to be matched to the
    // sample's lead test item.
    auto i = f.http.postJson("/api/capture/instruments",
                             R"({"name":"GCMS-QP2010","equipment_id":")" + f.equipmentId +
                                 R"(","driver":"gcmssolution","profile":{"sample_from":"auto"},"analytes":{"Chlorpyrifos":")" + f.lead + R"("}})",
                             f.manager);
    ResultFixture::expect(201, i);
    const std::string instrument = parse(i.body)->getValue<std::string>("id");
    BOOST_TEST(parse(i.body)->getValue<std::string>("driver") == "gcmssolution");
    const std::string item = f.assignedItem(f.specFull);
    const std::string sample = parse(f.http.get("/api/testing/items/" + item, f.tech).body)->getValue<std::string>("sample_code");
    const std::string bytes = replaceAll(fixture(), "Sample ID\tGDQT2026120001", "Sample ID\t" + sample);
    auto run = f.http.request("POST", "/api/capture/instruments/" + instrument + "/import?name=GDQT2026120001_01.txt", bytes,
                              {{"Authorization", "Bearer " + f.tech}, {"Content-Type", "text/plain"}});
    BOOST_REQUIRE_MESSAGE(run.status == 201, run.body);
    auto o = parse(run.body);
    BOOST_TEST(o->getValue<int>("readings") == 4);
    BOOST_TEST(o->getValue<std::string>("diagnostics") == "line 27: Phorate not identified (no concentration)");
    auto staged = o->getArray("staged");
    BOOST_REQUIRE(staged->size() == 4u);
    auto chlorpyrifos = staged->getObject(1);
    BOOST_TEST(chlorpyrifos->getValue<std::string>("analyte") == "Chlorpyrifos");
    BOOST_TEST(chlorpyrifos->getValue<std::string>("value") == "0.0457");
    BOOST_TEST(chlorpyrifos->getValue<std::string>("unit") == "mg/kg");
    BOOST_TEST(chlorpyrifos->getValue<std::string>("status") == "staged");  // matched to the sample's item
    BOOST_TEST(chlorpyrifos->getValue<std::string>("test_item_id") == item);
    BOOST_TEST(staged->getObject(0)->getValue<std::string>("status") == "unmatched");  // Dichlorvos: not mapped, queued
    // The raw bytes are kept as they came (R20), and the same file again is the same run.
    BOOST_TEST(f.http.get("/api/capture/runs/" + o->getValue<std::string>("id") + "/raw", f.tech).body == bytes);
    auto again = f.http.request("POST", "/api/capture/instruments/" + instrument + "/import?name=copy.txt", bytes,
                                {{"Authorization", "Bearer " + f.tech}, {"Content-Type", "text/plain"}});
    BOOST_TEST(again.status == 200);
    BOOST_TEST(parse(again.body)->getValue<bool>("duplicate"));
}

BOOST_AUTO_TEST_CASE(without_the_plugin_its_driver_is_unknown) {
    ResultFixture f;
    auto i = f.http.postJson("/api/capture/instruments",
                             R"({"name":"GCMS-QP2010","equipment_id":")" + f.equipmentId + R"(","driver":"gcmssolution","analytes":{"Chlorpyrifos":")" +
                                 f.lead + R"("}})",
                             f.manager);
    BOOST_TEST(i.status == 400);
    BOOST_TEST(i.body.find(R"("field":"driver")") != std::string::npos, i.body);
    BOOST_TEST(i.body.find("gcmssolution") == std::string::npos, i.body);  // not offered: not loaded
}

BOOST_AUTO_TEST_SUITE_END()
