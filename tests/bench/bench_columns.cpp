// bench_columns: the cost of reading rows through a column map (assay/Columns.hpp) against the
// positional rows:: reads it replaced, on the same rowsets of an in-memory SQLite table shaped
// like tst_results (33 columns). Prints one line per reader; never asserts a time.
//   bench_columns [rows] [rounds]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "assay/Columns.hpp"

using namespace assay;

namespace {

struct Wide {
    std::int64_t id = 0, labId = 0, testItemId = 0, rawRef = 0, performerUserId = 0, createdAtMs = 0, updatedAtMs = 0;
    int attempt = 0, version = 0;
    std::string status, valueText, reported, unit, rawKind, performerName;
    std::optional<Decimal> value, lod, uncertainty;
    bool belowLod = false, muStraddles = false;
    std::optional<std::string> limitText, conformity, checkerName, approverName, invalidReason, retestReason, interim, equipmentFlag;
    std::optional<std::int64_t> checkerUserId, approverUserId, formulaId, ncId;
    std::optional<int> formulaVersion;
};

const char* const kCreate =
    "CREATE TABLE wide (id BIGINT PRIMARY KEY, lab_id BIGINT, test_item_id BIGINT, attempt INTEGER, status TEXT, value_text TEXT, "
    "value TEXT, below_lod INTEGER, lod TEXT, reported TEXT, unit TEXT, limit_text TEXT, conformity TEXT, raw_kind TEXT, "
    "raw_ref BIGINT, performer_user_id BIGINT, performer_name TEXT, checker_user_id BIGINT, checker_name TEXT, approver_user_id "
    "BIGINT, approver_name TEXT, invalid_reason TEXT, retest_reason TEXT, created_at_ms BIGINT, updated_at_ms BIGINT, version "
    "INTEGER, formula_id BIGINT, formula_version INTEGER, interim TEXT, uncertainty TEXT, mu_straddles INTEGER, equipment_flag "
    "TEXT, nc_id BIGINT)";

const columns::ColumnMap<Wide> kWide{{
    {"id", columns::field<&Wide::id>},
    {"lab_id", columns::field<&Wide::labId>},
    {"test_item_id", columns::field<&Wide::testItemId>},
    {"attempt", columns::field<&Wide::attempt>},
    {"status", columns::field<&Wide::status>},
    {"value_text", columns::field<&Wide::valueText>},
    {"value", columns::field<&Wide::value>},
    {"below_lod", columns::field<&Wide::belowLod>},
    {"lod", columns::field<&Wide::lod>},
    {"reported", columns::field<&Wide::reported>},
    {"unit", columns::field<&Wide::unit>},
    {"limit_text", columns::field<&Wide::limitText>},
    {"conformity", columns::field<&Wide::conformity>},
    {"raw_kind", columns::field<&Wide::rawKind>},
    {"raw_ref", columns::field<&Wide::rawRef>},
    {"performer_user_id", columns::field<&Wide::performerUserId>},
    {"performer_name", columns::field<&Wide::performerName>},
    {"checker_user_id", columns::field<&Wide::checkerUserId>},
    {"checker_name", columns::field<&Wide::checkerName>},
    {"approver_user_id", columns::field<&Wide::approverUserId>},
    {"approver_name", columns::field<&Wide::approverName>},
    {"invalid_reason", columns::field<&Wide::invalidReason>},
    {"retest_reason", columns::field<&Wide::retestReason>},
    {"created_at_ms", columns::field<&Wide::createdAtMs>},
    {"updated_at_ms", columns::field<&Wide::updatedAtMs>},
    {"version", columns::field<&Wide::version>},
    {"formula_id", columns::field<&Wide::formulaId>},
    {"formula_version", columns::field<&Wide::formulaVersion>},
    {"interim", columns::field<&Wide::interim>},
    {"uncertainty", columns::field<&Wide::uncertainty>},
    {"mu_straddles", columns::field<&Wide::muStraddles>},
    {"equipment_flag", columns::field<&Wide::equipmentFlag>},
    {"nc_id", columns::field<&Wide::ncId>},
}};

std::optional<Decimal> optDecimal(const soci::row& r, std::size_t i) {
    auto s = rows::optStr(r, i);
    return s ? Decimal::parse(*s) : std::nullopt;
}

// The positional reader as the repositories had it.
Wide positional(const soci::row& r) {
    Wide x;
    x.id = rows::i64(r, 0);
    x.labId = rows::i64(r, 1);
    x.testItemId = rows::i64(r, 2);
    x.attempt = static_cast<int>(rows::i64(r, 3));
    x.status = rows::str(r, 4);
    x.valueText = rows::str(r, 5);
    x.value = optDecimal(r, 6);
    x.belowLod = rows::i64(r, 7) != 0;
    x.lod = optDecimal(r, 8);
    x.reported = rows::str(r, 9);
    x.unit = rows::str(r, 10);
    x.limitText = rows::optStr(r, 11);
    x.conformity = rows::optStr(r, 12);
    x.rawKind = rows::str(r, 13);
    x.rawRef = rows::i64(r, 14);
    x.performerUserId = rows::i64(r, 15);
    x.performerName = rows::str(r, 16);
    x.checkerUserId = rows::optI64(r, 17);
    x.checkerName = rows::optStr(r, 18);
    x.approverUserId = rows::optI64(r, 19);
    x.approverName = rows::optStr(r, 20);
    x.invalidReason = rows::optStr(r, 21);
    x.retestReason = rows::optStr(r, 22);
    x.createdAtMs = rows::i64(r, 23);
    x.updatedAtMs = rows::i64(r, 24);
    x.version = static_cast<int>(rows::i64(r, 25));
    x.formulaId = rows::optI64(r, 26);
    if (auto v = rows::optI64(r, 27)) x.formulaVersion = static_cast<int>(*v);
    x.interim = rows::optStr(r, 28);
    x.uncertainty = optDecimal(r, 29);
    x.muStraddles = rows::i64(r, 30) != 0;
    x.equipmentFlag = rows::optStr(r, 31);
    x.ncId = rows::optI64(r, 32);
    return x;
}

template <class Read>
double nsPerRow(soci::session& sql, int rounds, int n, Read&& readAll) {
    const std::string text = kWide.select("FROM wide ORDER BY id");
    double best = 1e300;
    for (int round = 0; round < rounds; ++round) {
        soci::rowset<soci::row> rs = (sql.prepare << text);
        const auto t0 = std::chrono::steady_clock::now();
        const std::size_t got = readAll(rs);
        const auto t1 = std::chrono::steady_clock::now();
        if (got != static_cast<std::size_t>(n)) std::abort();
        best = std::min(best, std::chrono::duration<double, std::nano>(t1 - t0).count() / n);
    }
    return best;
}

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 20000;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 7;
    soci::session sql(soci::sqlite3, ":memory:");
    sql << kCreate;
    {
        soci::transaction t(sql);
        for (int i = 1; i <= n; ++i) {
            const bool odd = i % 2;
            sql << "INSERT INTO wide VALUES (" + std::to_string(i) + ", 1, " + std::to_string(1000 + i) + ", 1, 'approved', '12.5', "
                       "'12.5', 0, " + (odd ? "'0.01'" : "NULL") + ", '12.5', 'mg/kg', " + (odd ? "'≤15'" : "NULL") +
                       ", 'pass', 'typed', 77, 5, '张三', 6, '李四', " + (odd ? "7, '王五'" : "NULL, NULL") +
                       ", NULL, NULL, 1700000000000, 1700000000001, 3, NULL, NULL, NULL, '0.3', 0, NULL, NULL)";
        }
        t.commit();
    }
    // Each reader's rows go to a vector, as the repositories' lists do; the two alternate, and
    // the best round of each counts (the machine is shared).
    double mapNs = 1e300, posNs = 1e300;
    for (int round = 0; round < rounds; ++round) {
        mapNs = std::min(mapNs, nsPerRow(sql, 1, n, [](soci::rowset<soci::row>& rs) { return kWide.all(rs).size(); }));
        posNs = std::min(posNs, nsPerRow(sql, 1, n, [](soci::rowset<soci::row>& rs) {
                             std::vector<Wide> out;
                             for (const auto& r : rs) out.push_back(positional(r));
                             return out.size();
                         }));
    }
    std::printf("columns  rows=%d columns=33 positional=%.0fns/row map=%.0fns/row ratio=%.3f\n", n, posNs, mapNs, mapNs / posNs);
    return 0;
}
