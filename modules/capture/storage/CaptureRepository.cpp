// CaptureRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/CaptureRepository.hpp"

#include <algorithm>
#include <limits>

#include "assay/Rows.hpp"

namespace assay::capture {

namespace {
using Opt = rows::NullableText;

constexpr const char* kInsertInstrument =
    "INSERT INTO cap_instruments (id, lab_id, name, equipment_id, driver, profile, analytes, created_at_ms) "
    "VALUES (:id, :lab, :name, :equipment, :driver, :profile, :analytes, :created)";
constexpr const char* kInstrumentColumns =
    "SELECT id, lab_id, name, equipment_id, driver, profile, analytes, created_at_ms, listen_port, watch_folder, watch_interval_ms "
    "FROM cap_instruments ";
constexpr const char* kInsertRun =
    "INSERT INTO cap_runs (id, lab_id, instrument_id, source, origin, sha256, size, received_at_ms, received_by, readings, "
    "diagnostics, device_serial, content_sha256, status, reason) VALUES (:id, :lab, :instrument, :source, :origin, :sha, :size, :at, "
    ":by, :readings, :diagnostics, :serial, :content, :status, :reason)";
constexpr const char* kRunColumns =
    "SELECT id, lab_id, instrument_id, source, origin, sha256, size, received_at_ms, received_by, readings, diagnostics, "
    "device_serial, content_sha256, status, reason FROM cap_runs ";
constexpr const char* kStagedColumns =
    "SELECT id, lab_id, run_id, line, sample_code, analyte, value_text, unit, parameter_id, test_item_id, status, "
    "equipment_problem, result_id, reason, decided_by, decided_at_ms, version FROM cap_staged ";
constexpr const char* kUpdateStaged =
    "UPDATE cap_staged SET test_item_id = :item, status = :status, result_id = :result, reason = :reason, decided_by = :by, "
    "decided_at_ms = :at, version = version + 1 WHERE lab_id = :lab AND id = :id AND version = :expected";

CaptureRepository::InstrumentRow instrumentFrom(const soci::row& r) {
    CaptureRepository::InstrumentRow x;
    x.instrument.id = rows::i64(r, 0);
    x.instrument.labId = rows::i64(r, 1);
    x.instrument.name = rows::str(r, 2);
    x.instrument.equipmentId = rows::i64(r, 3);
    x.instrument.driver = rows::str(r, 4);
    x.instrument.profileJson = rows::str(r, 5);
    x.analytesText = rows::str(r, 6);
    x.instrument.createdAtMs = rows::i64(r, 7);
    if (auto port = rows::optI64(r, 8)) x.instrument.listenPort = static_cast<int>(*port);
    x.instrument.watchFolder = rows::optStr(r, 9);
    x.instrument.watchIntervalMs = static_cast<int>(rows::optI64(r, 10).value_or(1000));
    return x;
}

Run runFrom(const soci::row& r) {
    Run x;
    x.id = rows::i64(r, 0);
    x.labId = rows::i64(r, 1);
    x.instrumentId = rows::i64(r, 2);
    x.source = rows::str(r, 3);
    x.origin = rows::str(r, 4);
    x.sha256 = rows::str(r, 5);
    x.size = rows::i64(r, 6);
    x.receivedAtMs = rows::i64(r, 7);
    x.receivedBy = rows::optI64(r, 8);
    x.readings = static_cast<int>(rows::i64(r, 9));
    x.diagnostics = rows::optStr(r, 10);
    x.deviceSerial = rows::optStr(r, 11);
    x.contentSha256 = rows::str(r, 12);
    x.status = rows::str(r, 13);
    x.reason = rows::optStr(r, 14);
    return x;
}

Staged stagedFrom(const soci::row& r) {
    Staged s;
    s.id = rows::i64(r, 0);
    s.labId = rows::i64(r, 1);
    s.runId = rows::i64(r, 2);
    s.line = static_cast<int>(rows::i64(r, 3));
    s.sampleCode = rows::str(r, 4);
    s.analyte = rows::str(r, 5);
    s.valueText = rows::str(r, 6);
    s.unit = rows::optStr(r, 7);
    s.parameterId = rows::optI64(r, 8);
    s.testItemId = rows::optI64(r, 9);
    s.status = rows::str(r, 10);
    s.equipmentProblem = rows::optStr(r, 11);
    s.resultId = rows::optI64(r, 12);
    s.reason = rows::optStr(r, 13);
    s.decidedBy = rows::optI64(r, 14);
    s.decidedAtMs = rows::optI64(r, 15);
    s.version = static_cast<int>(rows::i64(r, 16));
    return s;
}
}  // namespace

void CaptureRepository::insertInstrument(Tx& tx, const Instrument& i, const std::string& analytesText) {
    long long id = i.id, lab = i.labId, equipment = i.equipmentId, created = i.createdAtMs;
    tx.sql() << kInsertInstrument, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(i.name, "name"),
        soci::use(equipment, "equipment"), soci::use(i.driver, "driver"), soci::use(i.profileJson, "profile"),
        soci::use(analytesText, "analytes"), soci::use(created, "created");
}

std::optional<CaptureRepository::InstrumentRow> CaptureRepository::findInstrument(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, key = id;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kInstrumentColumns) + "WHERE lab_id = :lab AND id = :id", soci::use(lab, "lab"), soci::use(key, "id"));
    for (const auto& r : rs) return instrumentFrom(r);
    return std::nullopt;
}

std::vector<CaptureRepository::InstrumentRow> CaptureRepository::instruments(Tx& tx, std::int64_t labId) {
    std::vector<InstrumentRow> out;
    long long lab = labId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kInstrumentColumns) + "WHERE lab_id = :lab ORDER BY name", soci::use(lab, "lab"));
    for (const auto& r : rs) out.push_back(instrumentFrom(r));
    return out;
}

std::vector<CaptureRepository::InstrumentRow> CaptureRepository::listening(Tx& tx) {
    std::vector<InstrumentRow> out;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kInstrumentColumns) + "WHERE listen_port IS NOT NULL OR watch_folder IS NOT NULL ORDER BY id");
    for (const auto& r : rs) out.push_back(instrumentFrom(r));
    return out;
}

void CaptureRepository::setListenPort(Tx& tx, std::int64_t labId, std::int64_t id, std::optional<int> port) {
    long long lab = labId, key = id;
    int value = port.value_or(0);
    soci::indicator ind = port ? soci::i_ok : soci::i_null;
    tx.sql() << "UPDATE cap_instruments SET listen_port = :port WHERE lab_id = :lab AND id = :id", soci::use(value, ind, "port"),
        soci::use(lab, "lab"), soci::use(key, "id");
}

void CaptureRepository::setWatch(Tx& tx, std::int64_t labId, std::int64_t id, const std::optional<std::string>& folder, int intervalMs) {
    long long lab = labId, key = id;
    Opt f(folder);
    int interval = intervalMs;
    soci::indicator iInd = folder ? soci::i_ok : soci::i_null;
    tx.sql() << "UPDATE cap_instruments SET watch_folder = :folder, watch_interval_ms = :interval WHERE lab_id = :lab AND id = :id",
        soci::use(f.value, f.ind, "folder"), soci::use(interval, iInd, "interval"), soci::use(lab, "lab"), soci::use(key, "id");
}

void CaptureRepository::insertRun(Tx& tx, const Run& r) {
    long long id = r.id, lab = r.labId, instrument = r.instrumentId, size = r.size, at = r.receivedAtMs, by = r.receivedBy.value_or(0);
    int readings = r.readings;
    soci::indicator byInd = r.receivedBy ? soci::i_ok : soci::i_null;
    Opt diagnostics(r.diagnostics), serial(r.deviceSerial), reason(r.reason);
    tx.sql() << kInsertRun, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(instrument, "instrument"),
        soci::use(r.source, "source"), soci::use(r.origin, "origin"), soci::use(r.sha256, "sha"), soci::use(size, "size"),
        soci::use(at, "at"), soci::use(by, byInd, "by"), soci::use(readings, "readings"),
        soci::use(diagnostics.value, diagnostics.ind, "diagnostics"), soci::use(serial.value, serial.ind, "serial"),
        soci::use(r.contentSha256, "content"), soci::use(r.status, "status"), soci::use(reason.value, reason.ind, "reason");
}

std::vector<std::pair<std::int64_t, std::int64_t>> CaptureRepository::runKeys(Tx& tx) {
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT lab_id, id FROM cap_runs ORDER BY id");
    for (const auto& r : rs) out.emplace_back(rows::i64(r, 0), rows::i64(r, 1));
    return out;
}

std::optional<Run> CaptureRepository::findRun(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, key = id;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kRunColumns) + "WHERE lab_id = :lab AND id = :id", soci::use(lab, "lab"), soci::use(key, "id"));
    for (const auto& r : rs) return runFrom(r);
    return std::nullopt;
}

std::optional<Run> CaptureRepository::runWithContent(Tx& tx, std::int64_t labId, std::int64_t instrumentId, const std::string& sha) {
    long long lab = labId, instrument = instrumentId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kRunColumns) + "WHERE lab_id = :lab AND instrument_id = :instrument AND content_sha256 = :sha",
         soci::use(lab, "lab"), soci::use(instrument, "instrument"), soci::use(sha, "sha"));
    for (const auto& r : rs) return runFrom(r);
    return std::nullopt;
}

std::vector<Run> CaptureRepository::runs(Tx& tx, std::int64_t labId, std::int64_t beforeId, int limit) {
    std::vector<Run> out;
    long long lab = labId, before = beforeId == 0 ? std::numeric_limits<long long>::max() : beforeId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kRunColumns) + "WHERE lab_id = :lab AND id < :before ORDER BY id DESC "
                                                                              "LIMIT :lim",
                                  soci::use(lab, "lab"), soci::use(before, "before"), soci::use(limit, "lim"));
    for (const auto& r : rs) out.push_back(runFrom(r));
    return out;
}

void CaptureRepository::insertStaged(Tx& tx, const std::vector<Staged>& rows) {
    // Multi-row INSERTs (one statement parse per 50 rows, not one per row; on MariaDB one round
    // trip instead of one per row). The bound values live in vectors sized up front, so the
    // references SOCI keeps stay valid.
    constexpr std::size_t kChunk = 50;
    for (std::size_t at = 0; at < rows.size(); at += kChunk) {
        const std::size_t n = std::min(kChunk, rows.size() - at);
        std::vector<long long> ids(n), labs(n), runs(n), parameters(n), items(n);
        std::vector<int> lines(n);
        std::vector<soci::indicator> pInd(n), iInd(n);
        std::vector<Opt> units, problems;
        units.reserve(n);
        problems.reserve(n);
        std::string sql =
            "INSERT INTO cap_staged (id, lab_id, run_id, line, sample_code, analyte, value_text, unit, parameter_id, test_item_id, status, "
            "equipment_problem, result_id, reason, decided_by, decided_at_ms, version) VALUES ";
        for (std::size_t k = 0; k < n; ++k) {
            const std::string i = std::to_string(k);
            sql += (k ? ", (" : "(") + std::string(":id") + i + ", :lab" + i + ", :run" + i + ", :line" + i + ", :sample" + i + ", :analyte" + i +
                   ", :value" + i + ", :unit" + i + ", :parameter" + i + ", :item" + i + ", :status" + i + ", :problem" + i +
                   ", NULL, NULL, NULL, NULL, 1)";
        }
        auto prep = (tx.sql().prepare << sql);
        for (std::size_t k = 0; k < n; ++k) {
            const Staged& s = rows[at + k];
            const std::string i = std::to_string(k);
            ids[k] = s.id, labs[k] = s.labId, runs[k] = s.runId, lines[k] = s.line;
            parameters[k] = s.parameterId.value_or(0), items[k] = s.testItemId.value_or(0);
            pInd[k] = s.parameterId ? soci::i_ok : soci::i_null;
            iInd[k] = s.testItemId ? soci::i_ok : soci::i_null;
            units.emplace_back(s.unit);
            problems.emplace_back(s.equipmentProblem);
            prep, soci::use(ids[k], "id" + i), soci::use(labs[k], "lab" + i), soci::use(runs[k], "run" + i), soci::use(lines[k], "line" + i),
                soci::use(s.sampleCode, "sample" + i), soci::use(s.analyte, "analyte" + i), soci::use(s.valueText, "value" + i),
                soci::use(units[k].value, units[k].ind, "unit" + i), soci::use(parameters[k], pInd[k], "parameter" + i),
                soci::use(items[k], iInd[k], "item" + i), soci::use(s.status, "status" + i),
                soci::use(problems[k].value, problems[k].ind, "problem" + i);
        }
        soci::statement st(prep);
        st.execute(true);
    }
}

std::optional<Staged> CaptureRepository::findStaged(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, key = id;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kStagedColumns) + "WHERE lab_id = :lab AND id = :id", soci::use(lab, "lab"), soci::use(key, "id"));
    for (const auto& r : rs) return stagedFrom(r);
    return std::nullopt;
}

std::vector<Staged> CaptureRepository::stagedOfRun(Tx& tx, std::int64_t labId, std::int64_t runId) {
    std::vector<Staged> out;
    long long lab = labId, run = runId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kStagedColumns) + "WHERE lab_id = :lab AND run_id = :run ORDER BY id",
                                  soci::use(lab, "lab"), soci::use(run, "run"));
    for (const auto& r : rs) out.push_back(stagedFrom(r));
    return out;
}

std::vector<Staged> CaptureRepository::stagedByStatus(Tx& tx, std::int64_t labId, const std::string& status, int limit) {
    std::vector<Staged> out;
    long long lab = labId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kStagedColumns) + "WHERE lab_id = :lab AND status = :status ORDER BY id "
                                                                                 "LIMIT :lim",
                                  soci::use(lab, "lab"), soci::use(status, "status"), soci::use(limit, "lim"));
    for (const auto& r : rs) out.push_back(stagedFrom(r));
    return out;
}

bool CaptureRepository::updateStaged(Tx& tx, const Staged& s, int expectedVersion) {
    long long lab = s.labId, id = s.id, item = s.testItemId.value_or(0), result = s.resultId.value_or(0), by = s.decidedBy.value_or(0),
              at = s.decidedAtMs.value_or(0);
    int expected = expectedVersion;
    soci::indicator iInd = s.testItemId ? soci::i_ok : soci::i_null, rInd = s.resultId ? soci::i_ok : soci::i_null,
                    bInd = s.decidedBy ? soci::i_ok : soci::i_null, aInd = s.decidedAtMs ? soci::i_ok : soci::i_null;
    Opt reason(s.reason);
    soci::statement st = (tx.sql().prepare << kUpdateStaged, soci::use(item, iInd, "item"), soci::use(s.status, "status"),
                          soci::use(result, rInd, "result"), soci::use(reason.value, reason.ind, "reason"), soci::use(by, bInd, "by"),
                          soci::use(at, aInd, "at"), soci::use(lab, "lab"), soci::use(id, "id"), soci::use(expected, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

}  // namespace assay::capture
