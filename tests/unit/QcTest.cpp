// QC acceptance criteria (blank, duplicate, spike, reference material) and the Westgard rules.
#include <boost/test/unit_test.hpp>

#include "domain/Qc.hpp"
#include "domain/TestingMessages.hpp"

#include "assay/Message.hpp"

using assay::Decimal;
using namespace assay::testing;

namespace {
Decimal d(const char* s) { return *Decimal::parse(s); }
std::vector<Decimal> zs(std::initializer_list<const char*> values) {
    std::vector<Decimal> out;
    for (auto v : values) out.push_back(d(v));
    return out;
}
QcInput sample(const char* kind, const char* material, std::optional<Decimal> value) {
    QcInput in;
    in.kind = kind;
    in.material = material;
    in.value = value;
    return in;
}
bool has(const std::vector<std::string>& rules, const std::string& r) { return std::find(rules.begin(), rules.end(), r) != rules.end(); }
}  // namespace

BOOST_AUTO_TEST_SUITE(qc)

BOOST_AUTO_TEST_CASE(each_kind_of_qc_sample_is_judged_by_its_own_criteria) {
    QcInput blank = sample("blank", "试剂空白", d("0.004"));
    blank.limitMax = d("0.005");
    BOOST_TEST(evaluateQc(blank, "2026-11-29").pass);
    blank.value = d("0.006");
    BOOST_TEST(!evaluateQc(blank, "2026-11-29").pass);

    QcInput dup = sample("duplicate", "GDQT2026000001", d("0.110"));
    dup.value2 = d("0.100");
    dup.maxRpd = d("10");
    auto r = evaluateQc(dup, "2026-11-29");
    BOOST_TEST(r.figure->roundToDecimals(2).toString() == "9.52");  // |0.110 − 0.100| / 0.105 × 100
    BOOST_TEST(r.pass);
    dup.value2 = d("0.098");
    BOOST_TEST(!evaluateQc(dup, "2026-11-29").pass);  // 11.5 %
    QcInput negative = sample("duplicate", "x", d("-0.010"));
    negative.value2 = d("-0.002");
    negative.maxRpd = d("20");
    BOOST_TEST(!evaluateQc(negative, "2026-11-29").pass);  // 133 % of |mean|, not −133 %
    QcInput opposite = sample("duplicate", "x", d("0.005"));
    opposite.value2 = d("-0.005");
    opposite.maxRpd = d("20");
    BOOST_TEST(!evaluateQc(opposite, "2026-11-29").pass);  // averaging to 0 gives no RPD

    QcInput spike = sample("spike", "加标 0.10", d("0.160"));
    spike.base = d("0.100");
    spike.added = d("0.100");
    spike.recoveryLow = d("80");
    spike.recoveryHigh = d("120");
    r = evaluateQc(spike, "2026-11-29");
    BOOST_TEST(r.figure->toString() == "60.000000");
    BOOST_TEST(!r.pass);
    spike.value = d("0.180");
    BOOST_TEST(evaluateQc(spike, "2026-11-29").pass);  // exactly 80 % is inside

    QcInput rm = sample("reference", "GBW10045a", d("0.31"));
    rm.certified = d("0.29");
    rm.tolerance = d("0.03");
    rm.expiresOn = "2026-12-31";
    BOOST_TEST(evaluateQc(rm, "2026-11-29").pass);
    BOOST_TEST(!evaluateQc(rm, "2027-01-01").pass);  // expired
    rm.value = d("0.33");
    BOOST_TEST(!evaluateQc(rm, "2026-11-29").pass);
}

BOOST_AUTO_TEST_CASE(a_qc_sample_without_its_criteria_names_every_missing_field) {
    QcInput spike = sample("spike", "", std::nullopt);
    std::string fields;
    for (const auto& e : qcProblems(spike)) fields += e.field + ",";
    BOOST_TEST(fields == "material,value,base,added,recovery_low,recovery_high,");
    QcInput odd = sample("control", "x", d("1"));
    BOOST_TEST(qcProblems(odd).at(0).field == "kind");
}

BOOST_AUTO_TEST_CASE(westgard_rules_flag_the_points_that_break_them) {
    auto r = westgard(zs({"0.5", "2.5", "3.2", "-0.5", "2.1", "-2.3"}));
    BOOST_TEST(r[0].empty());
    BOOST_TEST((r[1] == std::vector<std::string>{"1-2s"}));
    BOOST_TEST(has(r[2], "1-3s"));
    BOOST_TEST(has(r[2], "2-2s"));  // 2.5 then 3.2, both above 2
    BOOST_TEST(has(r[5], "R-4s"));  // +2.1 then −2.3
    auto four = westgard(zs({"1.2", "1.5", "1.1", "1.3"}));
    BOOST_TEST(has(four[3], "4-1s"));
    BOOST_TEST(!has(four[2], "4-1s"));
    auto ten = westgard(zs({"-0.1", "-0.2", "-0.3", "-0.1", "-0.5", "-0.2", "-0.4", "-0.1", "-0.3", "-0.2"}));
    BOOST_TEST(has(ten[9], "10-x"));
    BOOST_TEST(!has(ten[8], "10-x"));
}

BOOST_AUTO_TEST_CASE(a_qc_outcome_reads_in_the_readers_language_from_what_is_stored) {
    assay::MessageCatalogue::global().add("testing", msg::all());  // as the host does at start-up
    QcInput spike = sample("spike", "GDQT2026000001 加标", d("0.190"));
    spike.base = d("0.100");
    spike.added = d("0.100");
    spike.recoveryLow = d("80");
    spike.recoveryHigh = d("120");
    const auto r = evaluateQc(spike, "2026-11-29");
    BOOST_TEST(qcText(r.criteria, assay::Lang::zhCN) == "回收率 80–120%");
    BOOST_TEST(qcText(r.criteria, assay::Lang::en) == "recovery 80–120%");
    BOOST_TEST(qcText(r.detail, assay::Lang::zhCN) == "回收率 90.0%（(0.190 − 0.100) / 0.100）");
    BOOST_TEST(qcText(r.detail, assay::Lang::en) == "recovery 90.0% ((0.190 − 0.100) / 0.100)");
    BOOST_TEST(qcText("blank 0.006 above 0.005", assay::Lang::zhCN) == "blank 0.006 above 0.005");  // a row stored before
}

BOOST_AUTO_TEST_SUITE_END()
